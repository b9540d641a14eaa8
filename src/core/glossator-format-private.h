/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-exporter-private.h"
#include "glossator-format.h"
#include "glossator-import-builder-private.h"
#include "glossator-import-private.h"
#include "glossator-json-read-private.h"
#include "glossator-json-write-private.h"
#include "glossator-offset-units-private.h"
#include "glossator-sidecar-private.h"
#include "glossator-tokens-private.h"

G_BEGIN_DECLS

/* What a format file needs: the interface it implements (below) and the
 * toolkit the formats share, one header a part (included above). */

struct _GlossatorFormat {
  const char                  *name;
  const char                  *display_name;
  const char                  *description;
  const char                  *extension;
  GlossatorFormatFlags         flags;
  const GlossatorFormatOption *options;
  guint                        n_options;

  /* Exporters are allocated with exporter_size bytes, the
   * GlossatorExporter first. */
  /* The export holds the sidecar as stored: a document whose article has
   * not changed since is handed over without being parsed (document NULL,
   * sidecar set). */
  gboolean  copies_sidecar;
  /* The export reads only the mentions (and the tokenization attribute):
   * for an unchanged article they are read without the whole sidecar
   * loader. */
  gboolean  reads_mentions_only;

  /* Checks option values beyond their type (nullable): a usage error. */
  gboolean (*check_options) (GHashTable               *options,
                             GlossatorFormatScope      scope,
                             GError                  **error);

  gsize     exporter_size;
  gboolean (*begin)    (GlossatorExporter             *self,
                        GError                       **error);
  gboolean (*render)   (GlossatorExporter             *self,
                        const GlossatorExportDocument *document,
                        GlossatorRender               *render,
                        GError                       **error);
  /* NULL: render->data goes to the stream. */
  gboolean (*write)    (GlossatorExporter             *self,
                        const GlossatorExportDocument *document,
                        GlossatorRender               *render,
                        GCancellable                  *cancellable,
                        GError                       **error);
  gboolean (*end)      (GlossatorExporter             *self,
                        GCancellable                  *cancellable,
                        GError                       **error);
  /* Formats that carry the corpus's label schema (jsonl): called by the
   * corpus driver before any document, once per glossator-schema.json
   * governing the documents, with its folder relative to the export's
   * base ("" for the base or above) and its contents, checked. */
  gboolean (*schema)   (GlossatorExporter             *self,
                        const char                    *folder,
                        GBytes                        *contents,
                        GError                       **error);
  void     (*finalize) (GlossatorExporter             *self);

  gboolean (*import)   (GlossatorImportContext        *context,
                        GError                       **error);
};

/* Options */

/* The value given, else the option's default; NULL when neither. */
const char *_glossator_exporter_get_option  (GlossatorExporter *self,
                                             const char        *name);
const char *_glossator_options_get          (const GlossatorFormat *format,
                                             GHashTable        *options,
                                             const char        *name);
gboolean    _glossator_options_get_boolean  (const GlossatorFormat *format,
                                             GHashTable        *options,
                                             const char        *name);
/* LIST options: a set of the items, NULL when the option is not given. */
GHashTable *_glossator_options_get_set      (const GlossatorFormat *format,
                                             GHashTable        *options,
                                             const char        *name);
/* LIST options in order, NULL when not given. */
GStrv       _glossator_options_get_list     (const GlossatorFormat *format,
                                             GHashTable        *options,
                                             const char        *name);

/* The old name of glossator_problem_new(), which the format tests use. */
#define _glossator_problem_new glossator_problem_new

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-exporter-private.h"
#include "glossator-format.h"
#include "glossator-import-builder-private.h"
#include "glossator-json-write-private.h"
#include "glossator-offset-units-private.h"
#include "glossator-sidecar-private.h"
#include "glossator-tokens-private.h"

G_BEGIN_DECLS

typedef struct {
  const GlossatorFormat *format;
  GFile                 *input;
  GHashTable            *options;
  GlossatorImportFunc    callback;
  gpointer               user_data;
  GPtrArray             *problems;
  GCancellable          *cancellable;
} GlossatorImportContext;

struct _GlossatorFormat {
  const char                  *name;
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

extern const GlossatorFormat _glossator_format_jsonl;
extern const GlossatorFormat _glossator_format_conll;
extern const GlossatorFormat _glossator_format_hf;
extern const GlossatorFormat _glossator_format_brat;
extern const GlossatorFormat _glossator_format_stance_tsv;
extern const GlossatorFormat _glossator_format_doccano;
extern const GlossatorFormat _glossator_format_label_studio;

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

/* Import */

GlossatorProblem *_glossator_problem_new    (GlossatorProblemSeverity severity,
                                             const char        *path,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (3, 4);
void        _glossator_import_problem       (GlossatorImportContext *context,
                                             GlossatorProblemSeverity severity,
                                             const char        *path,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (4, 5);
/* Hands one document to the callback (which may stop the import). */
gboolean    _glossator_import_emit          (GlossatorImportContext *context,
                                             GlossatorImportedDocument *document,
                                             GError           **error);
/* "STEM-KEY.txt" for the input STEM.ext, with KEY made safe as a name. */
char       *_glossator_import_name          (GFile             *input,
                                             const char        *key,
                                             const char        *extension);
/* The contents of a .txt article whose text (as Glossator reads it) is
 * @utf8: a text starting with U+FEFF gets a BOM before it, or a reader
 * would take that character for one. */
GBytes     *_glossator_import_text_bytes    (const char        *utf8,
                                             gsize              n_bytes);
/* A relative path from a record made safe: '/'-separated, no "..", no
 * absolute path, no empty component. NULL when nothing is left. */
char       *_glossator_import_safe_path     (const char        *path);
/* Reads a whole input file; errors name it. */
GBytes     *_glossator_import_read          (GlossatorImportContext *context,
                                             GFile             *file,
                                             GError           **error);
/* The member @name of @object (nullable) when it is a string, else NULL:
 * json_object_get_string_member_with_default() is a critical when the
 * member is an object or an array, which a file can always make it. */
const char *_glossator_json_string_member   (JsonObject        *object,
                                             const char        *name);
/* The same for a boolean: @default_value when the member is missing or is
 * an object or an array. */
gboolean    _glossator_json_boolean_member  (JsonObject        *object,
                                             const char        *name,
                                             gboolean           default_value);
/* Calls @func for each JSON value of a JSON Lines file (blank lines
 * skipped), or for the elements of a file holding one JSON array, or for
 * the one object of a file holding a (pretty-printed) object. @where is
 * "line N" or "$[N]". A line that is not JSON is a problem, not an error;
 * so is one glossator_json_guard() refuses (a whole file it refuses is an
 * error). */
typedef gboolean (*GlossatorJsonRecordFunc) (GlossatorImportContext *context,
                                             JsonNode          *record,
                                             const char        *where,
                                             guint              index,
                                             gpointer           user_data,
                                             GError           **error);
gboolean    _glossator_import_json_records  (GlossatorImportContext *context,
                                             GBytes            *contents,
                                             GlossatorJsonRecordFunc func,
                                             gpointer           user_data,
                                             GError           **error);

/* A new imported document; @problems may be NULL. */
GlossatorImportedDocument *_glossator_imported_document_new (const char *name,
                                             GlossatorDocument *document);

G_END_DECLS

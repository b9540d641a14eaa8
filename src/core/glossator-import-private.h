/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-format.h"
#include "glossator-json-read-private.h"

G_BEGIN_DECLS

/* What importers share: their context, reporting problems, handing over
 * documents, naming and reading files, and reading JSON records. */

typedef struct {
  const GlossatorFormat *format;
  GFile                 *input;
  GHashTable            *options;
  GlossatorImportFunc    callback;
  gpointer               user_data;
  GPtrArray             *problems;
  GCancellable          *cancellable;
} GlossatorImportContext;

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
/* Whether the @n_bytes at @data are UTF-8; else an error naming
 * @input_name and the first byte that is not, counted from @data. */
gboolean    _glossator_import_check_utf8    (const char        *input_name,
                                             const char        *data,
                                             gsize              n_bytes,
                                             GError           **error);
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

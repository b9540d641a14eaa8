/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-format.h"

G_BEGIN_DECLS

/* Importing datasets, for the CLI and the window: the files a format
 * reads become articles and sidecars. */

typedef struct {
  guint       n_inputs;
  guint       n_documents;   /* read from the inputs */
  guint       n_written;     /* sidecars written */
  guint       n_skipped;     /* read but not written */
  guint       n_mentions;    /* in the sidecars written */
  guint       n_entities;
  guint       n_stances;
  guint       n_warnings;
  guint       n_errors;
  GHashTable *offset_units;  /* how offsets were read → number of documents */
  /* char*: what became of each label schema the inputs carry ("label
   * schema: wrote PATH", …), for people. */
  GPtrArray  *schemas;
} GlossatorImportSummary;

void  glossator_import_summary_init   (GlossatorImportSummary       *summary);
void  glossator_import_summary_clear  (GlossatorImportSummary       *summary);
char *glossator_import_summary_to_string (const GlossatorImportSummary *summary);

/* Every problem, as it is found: @document is the article's name in the
 * output (nullable for problems of the input as a whole). */
typedef void (*GlossatorImportReportFunc) (GFile                  *input,
                                           const char             *document,
                                           const GlossatorProblem *problem,
                                           gpointer                user_data);

typedef enum {
  GLOSSATOR_IMPORT_NONE                = 0,
  /* Replace existing sidecars, keeping each as NAME.annotations.json~. */
  GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS = 1 << 0,
  /* Replace existing articles with other contents, keeping each as NAME~. */
  GLOSSATOR_IMPORT_REPLACE_ARTICLES    = 1 << 1,
} GlossatorImportFlags;

/* Imports @inputs: writes each document's article (when the input holds
 * its text) and sidecar under @output_folder, or beside the input (brat:
 * beside the .txt) when it is NULL. Never replaces a sidecar, nor an
 * article with other contents, unless @flags say so (the previous file is
 * then kept as a backup). Files get article names only, in no hidden
 * folder, and are written inside that folder without following a
 * symbolic link in it. Labels the corpus's label schema lacks are kept and
 * reported, each once. Everything that goes wrong is a problem for its
 * document; fails only when cancelled. */
gboolean glossator_import_files       (const GlossatorFormat        *format,
                                       GHashTable                   *options,
                                       GFile * const                *inputs,
                                       guint                         n_inputs,
                                       GFile                        *output_folder,
                                       GlossatorImportFlags          flags,
                                       GlossatorImportReportFunc     report,
                                       gpointer                      report_data,
                                       GlossatorImportSummary       *summary,
                                       GCancellable                 *cancellable,
                                       GError                      **error);

/* The same on a worker thread; @report is called on the caller's
 * thread-default main context, and the summary is filled in by the time
 * @callback runs. @summary must stay valid until then. */
void     glossator_import_files_async  (const GlossatorFormat        *format,
                                        GHashTable                   *options,
                                        GFile * const                *inputs,
                                        guint                         n_inputs,
                                        GFile                        *output_folder,
                                        GlossatorImportFlags          flags,
                                        GlossatorImportReportFunc     report,
                                        gpointer                      report_data,
                                        GlossatorImportSummary       *summary,
                                        GCancellable                 *cancellable,
                                        GAsyncReadyCallback           callback,
                                        gpointer                      user_data);
gboolean glossator_import_files_finish (GAsyncResult                 *result,
                                        GError                      **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossatorImportSummary, glossator_import_summary_clear)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-format.h"
#include "glossator-import.h"

G_BEGIN_DECLS

/* Exporting a corpus and importing datasets, for the CLI and the window.
 *
 * An export reads each article with its sidecar on a pool of worker
 * threads (documents are independent), renders it there, and writes the
 * results in corpus order on the calling thread; only a few documents are
 * in memory at a time, however large the corpus. */

/* Called on the thread that started the export (the main context's thread
 * for the async variant), after each document. */
typedef void (*GlossatorExportProgressFunc) (guint     n_done,
                                             guint     n_total,
                                             gpointer  user_data);

/* Exports @articles (GFile*, in that order) through @exporter, ids being
 * their paths relative to @base (nullable: their names). Documents that
 * cannot be read are counted in the exporter's summary (n_errors, with a
 * problem) and left out. @n_threads 0 means one per processor. Fails only
 * on write errors and cancellation; call glossator_exporter_finish()
 * afterwards. */
gboolean glossator_export_articles      (GlossatorExporter            *exporter,
                                         GPtrArray                    *articles,
                                         GFile                        *base,
                                         guint                         n_threads,
                                         GlossatorExportProgressFunc   progress,
                                         gpointer                      progress_data,
                                         GCancellable                 *cancellable,
                                         GError                      **error);

/* The articles under @roots (see glossator_corpus_collect()), with ids
 * relative to the folder the roots share. Paths that cannot be used are
 * problems of the summary. */
gboolean glossator_export_corpus        (GlossatorExporter            *exporter,
                                         GFile * const                *roots,
                                         guint                         n_roots,
                                         guint                         n_threads,
                                         GlossatorExportProgressFunc   progress,
                                         gpointer                      progress_data,
                                         GCancellable                 *cancellable,
                                         GError                      **error);
/* The same on a worker thread, then glossator_exporter_finish(); progress
 * is reported on the caller's thread-default main context. @exporter must
 * not be used until the callback. */
void     glossator_export_corpus_async  (GlossatorExporter            *exporter,
                                         GFile * const                *roots,
                                         guint                         n_roots,
                                         GlossatorExportProgressFunc   progress,
                                         gpointer                      progress_data,
                                         GDestroyNotify                progress_data_free,
                                         GCancellable                 *cancellable,
                                         GAsyncReadyCallback           callback,
                                         gpointer                      user_data);
gboolean glossator_export_corpus_finish (GlossatorExporter            *exporter,
                                         GAsyncResult                 *result,
                                         GError                      **error);

/* g_file_replace() for the file an export writes: the previous file is
 * replaced when the stream is closed (G_FILE_CREATE_REPLACE_DESTINATION). */
GFileOutputStream *glossator_export_replace       (GFile                   *output,
                                                   GCancellable            *cancellable,
                                                   GError                 **error);
/* The same on a worker thread. */
void               glossator_export_replace_async (GFile                   *output,
                                                   GCancellable            *cancellable,
                                                   GAsyncReadyCallback      callback,
                                                   gpointer                 user_data);
GFileOutputStream *glossator_export_replace_finish (GAsyncResult           *result,
                                                   GError                 **error);

/* Closes @stream (from glossator_export_replace() or g_file_replace();
 * nullable) without putting it in place: the file it would replace stays
 * as it was, and a file glossator_export_replace() created is removed
 * (also after a close that failed or was cancelled). Finalizing it
 * instead would close it normally and replace the file with a partial
 * one. */
void     glossator_export_abandon_stream (GOutputStream              *stream);

/* Refuses an output (@folder: a folder format's) that would replace or
 * join what is being exported from @roots: an article, a sidecar, a "~"
 * backup or the label schema of the corpus, a place inside a corpus folder
 * (a folder root, or the folder of a file root), a folder holding one, or
 * a new glossator-schema.json governing one. Compares where paths lead
 * (links and ".." resolved) and which file they are (device and inode).
 * GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT says which, naming the output. */
gboolean glossator_export_check_output  (GFile * const                *roots,
                                         guint                         n_roots,
                                         GFile                        *output,
                                         gboolean                      folder,
                                         GError                      **error);

/* Whether @folder exists and holds anything: a folder format's export
 * there could replace files of the same names, so callers ask first. */
gboolean glossator_export_folder_has_files (GFile                     *folder);

/* The folder all @files are in (for a folder root, the folder itself). */
GFile   *glossator_export_common_base   (GFile * const                *files,
                                         guint                         n_files);

G_END_DECLS

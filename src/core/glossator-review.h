/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Adjudication over a corpus: the gold corpus (the folder being
 * adjudicated) walked with the annotators' copies (folders, paired by the
 * path of each article, as glossator-cli agree pairs them), each article
 * compared as glossator-comparison.h does. The report is JSON
 * (doc/architecture.md: Adjudication):
 *
 *   "annotators": [names], "articles": [{"path"; "status" (the gold's,
 *   when the gold has the article); "settled", "total", "agreements",
 *   "agreements_in_gold" when it was compared, else "left_out" (why not)
 *   or "error" (a file that could not be read)}], "progress": {the sums
 *   over the articles compared}, "status": {"todo", "in-progress",
 *   "done": the gold's articles by status}, "mentions_by_label":
 *   {annotator: {label: count}} and "stance_polarities": {annotator:
 *   {polarity: count}} over the articles the annotators' copies can be
 *   compared on, and, with two annotators or more, "agreement": what
 *   `glossator-cli agree --json` prints for the same copies; "warnings": the problems of the walk that
 *   did not stop it (GlossatorCorpusProblem messages, naming the file).
 *
 * Reading never writes: files that cannot be read are reported, never
 * changed. */
JsonObject *glossator_review_corpus        (GFile               *gold,
                                            GFile * const       *copies,
                                            guint                n_copies,
                                            GCancellable        *cancellable,
                                            GError             **error);
/* The same on a worker thread. */
void        glossator_review_corpus_async  (GFile               *gold,
                                            GFile * const       *copies,
                                            guint                n_copies,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
JsonObject *glossator_review_corpus_finish (GAsyncResult        *result,
                                            GError             **error);

G_END_DECLS

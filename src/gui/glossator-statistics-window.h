/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_STATISTICS_WINDOW (glossator_statistics_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorStatisticsWindow, glossator_statistics_window, GLOSSATOR, STATISTICS_WINDOW, AdwWindow)

/* Charts of a corpus folder (@corpus) and, once "Compare With…" chose
 * them, of the annotators' copies of it: mentions per label per annotator,
 * agreement per label, the articles by status and the stances by polarity,
 * the figures of glossator_review_corpus(), which are those of
 * `glossator-cli agree --json`. The copies chosen are remembered per
 * corpus (GSettings "statistics-copies"). @schema gives the labels'
 * order and colours. */
GtkWidget *glossator_statistics_window_new        (GFile             *corpus,
                                                   GlossatorSchema   *schema);
/* Compares with @copies (the annotators' folders; none: the corpus's own
 * figures), remembers them and counts again. */
void       glossator_statistics_window_set_copies (GlossatorStatisticsWindow *self,
                                                   GFile * const             *copies,
                                                   guint                      n_copies);

/* Whether it shows the figures of @corpus. */
gboolean   glossator_statistics_window_shows      (GlossatorStatisticsWindow *self,
                                                   GFile                     *corpus);
/* Counts again, from the files (after the open article was saved). */
void       glossator_statistics_window_reload     (GlossatorStatisticsWindow *self);

G_END_DECLS

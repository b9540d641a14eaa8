/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-compare-panel.h"

G_BEGIN_DECLS

/* For the widget tests: what the keys do and what the panel shows. */
typedef enum {
  GLOSSATOR_COMPARE_ALL = -1,   /* every annotator's version (both) */
  GLOSSATOR_COMPARE_NONE = -2,  /* none */
  GLOSSATOR_COMPARE_KEEP = -3,  /* the gold as it is now (edited by hand) */
} GlossatorCompareChoice;

/* Steps to the next (previous) difference; FALSE when there is none. */
gboolean    _glossator_compare_panel_step          (GlossatorComparePanel *self,
                                                    gboolean               backward);
/* Settles the current difference with annotator @choice's version (from
 * 0; a conflict: 0 ours, 1 theirs) or a GlossatorCompareChoice. */
gboolean    _glossator_compare_panel_decide        (GlossatorComparePanel *self,
                                                    int                    choice);
guint       _glossator_compare_panel_get_n_rows    (GlossatorComparePanel *self);
/* Row @row's text, one line per version (GlossatorDifferenceRow). */
const char *_glossator_compare_panel_get_row_text  (GlossatorComparePanel *self,
                                                    guint                  row);
/* The current row, -1 when none. */
int         _glossator_compare_panel_get_current   (GlossatorComparePanel *self);
/* "2 of 5 differences settled in this article" and the corpus's line
 * (empty until counted). */
const char *_glossator_compare_panel_get_progress  (GlossatorComparePanel *self);
const char *_glossator_compare_panel_get_corpus_progress (GlossatorComparePanel *self);
/* Why the copies are not compared on this article, or NULL. */
const char *_glossator_compare_panel_get_problem   (GlossatorComparePanel *self);
/* Whether the corpus is being counted. */
gboolean    _glossator_compare_panel_is_counting   (GlossatorComparePanel *self);

G_END_DECLS

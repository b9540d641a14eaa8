/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-comparison.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_DIFFERENCE_ROW (glossator_difference_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorDifferenceRow, glossator_difference_row, GLOSSATOR, DIFFERENCE_ROW, GtkListBoxRow)

/* One item of the Differences panel: what differs, then each annotator's
 * version on a line of its own (badge with the initials, name, label,
 * text, the key accepting it), or ours and theirs for a merge conflict.
 * @documents are the annotators' (for the names of their entities);
 * @gold's text gives the mentions' text. */
GtkWidget  *glossator_difference_row_new          (GlossatorComparison        *comparison,
                                                   guint                       index,
                                                   GlossatorDocument          *gold,
                                                   GlossatorDocument * const  *documents);
/* The current difference's badges over the text: each annotator's
 * initials and label (a stance: its polarity); NULL for a conflict. */
GtkWidget  *glossator_difference_row_new_badges  (GlossatorComparison        *comparison,
                                                   guint                       index);
guint       glossator_difference_row_get_index    (GlossatorDifferenceRow     *self);
/* The row's text as one line per version ("ana: PERSON “Maria”"), for
 * the widget tests and the accessible description. */
const char *glossator_difference_row_get_summary  (GlossatorDifferenceRow     *self);
/* "AB" for "Ana Bell", "AN" for "ana". */
char       *glossator_difference_row_initials     (const char                 *name);
/* What differs, as the panel says it ("Label differs"…). */
const char *glossator_difference_kind_describe    (GlossatorDifferenceKind     kind);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-candidates.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_CANDIDATE_ROW (glossator_candidate_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorCandidateRow, glossator_candidate_row, GLOSSATOR, CANDIDATE_ROW, GtkListBoxRow)

/* One row of a typeahead's list: a swatch in the entity's label colour or
 * an icon for what else it is, the title and, dimmed, the detail. Its
 * accessible name is "title, detail". It never takes the focus: that
 * stays in the typeahead's entry. */

/* Takes @candidate. */
GtkWidget                *glossator_candidate_row_new           (GlossatorCandidate    *candidate);
const GlossatorCandidate *glossator_candidate_row_get_candidate (GlossatorCandidateRow *self);
/* "Name, LABEL", "Author, of the article", "Unspecified": as read out. */
const char               *glossator_candidate_row_get_text      (GlossatorCandidateRow *self);

G_END_DECLS

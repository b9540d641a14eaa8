/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-stances-panel.h"

G_BEGIN_DECLS

/* For the widget tests. */

typedef enum {
  GLOSSATOR_STANCE_FILTER_HOLDER,
  GLOSSATOR_STANCE_FILTER_TARGET,
  GLOSSATOR_STANCE_FILTER_POLARITY,
} GlossatorStanceFilter;

/* Filters by key: holders "author", "unspecified", "entity:ID"; targets
 * "unspecified", "entity:ID", "topic:TEXT"; polarities by name; NULL shows
 * all. FALSE when the filter offers no such item. */
gboolean  _glossator_stances_panel_set_filter      (GlossatorStancesPanel *self,
                                                    GlossatorStanceFilter  filter,
                                                    const char            *key);
/* The filter's items as shown ("All holders", "Author", …). */
GStrv     _glossator_stances_panel_dup_filter_items (GlossatorStancesPanel *self,
                                                    GlossatorStanceFilter  filter);
/* The stances listed (after filtering), top first: their summaries and ids. */
GStrv     _glossator_stances_panel_dup_rows        (GlossatorStancesPanel *self);
GStrv     _glossator_stances_panel_dup_row_ids     (GlossatorStancesPanel *self);
/* What the list's key controller does; TRUE when the key was used. */
gboolean  _glossator_stances_panel_handle_key      (GlossatorStancesPanel *self,
                                                    guint                  keyval,
                                                    GdkModifierType        state);
/* The problem shown above the list (a topic that could not be saved), or NULL. */
const char *_glossator_stances_panel_get_problem   (GlossatorStancesPanel *self);
/* Presses the New (FALSE) or Author (TRUE) button. */
void      _glossator_stances_panel_new_stance      (GlossatorStancesPanel *self,
                                                    gboolean               author);

G_END_DECLS

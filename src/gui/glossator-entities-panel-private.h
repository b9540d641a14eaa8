/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-entities-panel.h"

G_BEGIN_DECLS

/* For the widget tests. */

/* Applies the document changes still queued for idle time. */
void        _glossator_entities_panel_flush          (GlossatorEntitiesPanel *self);
/* The rows as shown (filtered, sorted): GlossatorEntityItem objects. */
GListModel *_glossator_entities_panel_get_model      (GlossatorEntitiesPanel *self);
/* Position of the selected row in that model (GTK_INVALID_LIST_POSITION). */
guint       _glossator_entities_panel_get_selected_row (GlossatorEntitiesPanel *self);
void        _glossator_entities_panel_set_filter     (GlossatorEntitiesPanel *self,
                                                      const char             *text);
guint       _glossator_entities_panel_get_n_orphans  (GlossatorEntitiesPanel *self);
void        _glossator_entities_panel_step           (GlossatorEntitiesPanel *self,
                                                      gboolean                backward);
gboolean    _glossator_entities_panel_rename         (GlossatorEntitiesPanel *self,
                                                      const char             *name);
gboolean    _glossator_entities_panel_merge_into     (GlossatorEntitiesPanel *self,
                                                      const char             *keep_id);
/* Deletes the selected entity; returns the question asked first when
 * stances name it (an AdwMessageDialog), or NULL when it was deleted. */
GtkWidget  *_glossator_entities_panel_delete         (GlossatorEntitiesPanel *self);

const char *_glossator_entity_item_get_id            (gpointer                item);
const char *_glossator_entity_item_get_name          (gpointer                item);
const char *_glossator_entity_item_get_label         (gpointer                item);
guint       _glossator_entity_item_get_count         (gpointer                item);

G_END_DECLS

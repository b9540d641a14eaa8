/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_ENTITIES_PANEL (glossator_entities_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorEntitiesPanel, glossator_entities_panel, GLOSSATOR, ENTITIES_PANEL, GtkWidget)

/* The document's entities with their label and number of mentions, a
 * filter, and rename / merge / delete; orphaned mentions (whose text is no
 * longer in the article) are listed too. Selecting an entity sets
 * "selected-entity" (bind it to the article view's "highlighted-entity");
 * stepping through its mentions (buttons, Enter on the entity, F3 /
 * Shift+F3) emits "mention-activated" (const char *mention_id). Follows the
 * document's changes incrementally. */
GtkWidget  *glossator_entities_panel_new                 (void);
void        glossator_entities_panel_set_document        (GlossatorEntitiesPanel *self,
                                                          GlossatorDocument      *document,
                                                          GlossatorSchema        *schema);
GlossatorDocument *glossator_entities_panel_get_document (GlossatorEntitiesPanel *self);
void        glossator_entities_panel_set_read_only       (GlossatorEntitiesPanel *self,
                                                          gboolean                read_only);
gboolean    glossator_entities_panel_get_read_only       (GlossatorEntitiesPanel *self);
const char *glossator_entities_panel_get_selected_entity (GlossatorEntitiesPanel *self);
void        glossator_entities_panel_select_entity       (GlossatorEntitiesPanel *self,
                                                          const char             *entity_id);

G_END_DECLS

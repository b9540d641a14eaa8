/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_MENTION_POPOVER (glossator_mention_popover_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorMentionPopover, glossator_mention_popover, GLOSSATOR, MENTION_POPOVER, GtkPopover)

/* Edits one mention: its label, the entity it belongs to (link by
 * typeahead, or split out), the entity's canonical name and KB id, and the
 * mention's note. Every change goes straight to the document as one undo
 * step. Emits "annotate-all" (const char *mention_id) for the button of
 * that name; the owner opens the dialog. */
GtkWidget  *glossator_mention_popover_new            (void);
void        glossator_mention_popover_set_mention    (GlossatorMentionPopover *self,
                                                      GlossatorDocument       *document,
                                                      GlossatorSchema         *schema,
                                                      const char              *mention_id,
                                                      gboolean                 read_only);
const char *glossator_mention_popover_get_mention_id (GlossatorMentionPopover *self);

G_END_DECLS

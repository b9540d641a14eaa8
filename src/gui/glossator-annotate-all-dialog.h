/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG (glossator_annotate_all_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorAnnotateAllDialog, glossator_annotate_all_dialog, GLOSSATOR, ANNOTATE_ALL_DIALOG, AdwWindow)

/* Finds the other occurrences of a mention's text, lists them with their
 * context and a check box each, and tags the checked ones with the
 * mention's label and entity as one undo step. Places already tagged with
 * the same label and span are left out. Properties "whole-word" (default
 * TRUE) and "match-case" (default TRUE) redo the search. */
GtkWidget *glossator_annotate_all_dialog_new             (GlossatorDocument          *document,
                                                          GlossatorSchema            *schema,
                                                          const char                 *mention_id);
guint      glossator_annotate_all_dialog_get_n_occurrences (GlossatorAnnotateAllDialog *self);
guint      glossator_annotate_all_dialog_get_n_selected  (GlossatorAnnotateAllDialog *self);
/* Checks or unchecks occurrence @index (in text order). */
void       glossator_annotate_all_dialog_set_selected    (GlossatorAnnotateAllDialog *self,
                                                          guint                       index,
                                                          gboolean                    selected);
/* Tags the checked occurrences; returns how many mentions were created,
 * which "applied" tells too. The Tag button is the default and has the
 * focus when the dialog opens: Enter tags, Escape cancels. */
guint      glossator_annotate_all_dialog_apply           (GlossatorAnnotateAllDialog *self);

G_END_DECLS

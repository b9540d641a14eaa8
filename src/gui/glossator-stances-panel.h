/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"
#include "glossator-stance-editor.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_STANCES_PANEL (glossator_stances_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorStancesPanel, glossator_stances_panel, GLOSSATOR, STANCES_PANEL, GtkWidget)

/* The document's stances as "holder → target: polarity" with their
 * evidence, filtered by holder, target and polarity, with the stance
 * editor in place of the list while one is written. Selecting a stance
 * emits "stance-selected" (const char *id, NULL when none); Enter or a
 * double click edits it, Delete deletes it (one undo step). The New and
 * Author buttons emit "new-stance" (gboolean author), whose handler starts
 * the stance from the article's selection (see GlossatorStanceFlow); with
 * no handler returning TRUE the panel starts one without evidence.
 * "editing-finished" (const char *id, NULL when cancelled) follows every
 * begin/edit; "notice" (const char *message) passes on the editor's, for
 * the window to show. */
GtkWidget             *glossator_stances_panel_new                  (void);
void                   glossator_stances_panel_set_document         (GlossatorStancesPanel *self,
                                                                     GlossatorDocument     *document,
                                                                     GlossatorSchema       *schema,
                                                                     gboolean               read_only);
GlossatorDocument     *glossator_stances_panel_get_document         (GlossatorStancesPanel *self);
gboolean               glossator_stances_panel_get_read_only        (GlossatorStancesPanel *self);
/* See glossator_stance_editor_set_schema_folder(). */
void                   glossator_stances_panel_set_schema_folder    (GlossatorStancesPanel *self,
                                                                     GFile                 *folder);
GlossatorStanceEditor *glossator_stances_panel_get_editor           (GlossatorStancesPanel *self);

/* Shows the panel (the page of the GtkStack it is in) and the editor for
 * a new stance; see glossator_stance_editor_start_new(). FALSE when the
 * document is read-only or missing. */
gboolean               glossator_stances_panel_begin_stance         (GlossatorStancesPanel *self,
                                                                     GlossatorHolderKind    holder_kind,
                                                                     const char            *holder_entity,
                                                                     const char            *target_entity,
                                                                     guint                  evidence_start,
                                                                     guint                  evidence_end);
gboolean               glossator_stances_panel_edit_stance          (GlossatorStancesPanel *self,
                                                                     const char            *stance_id);
gboolean               glossator_stances_panel_is_editing           (GlossatorStancesPanel *self);
/* Deletes the stance as one undo step. */
gboolean               glossator_stances_panel_delete_stance        (GlossatorStancesPanel *self,
                                                                     const char            *stance_id);
void                   glossator_stances_panel_select_stance        (GlossatorStancesPanel *self,
                                                                     const char            *stance_id);
const char            *glossator_stances_panel_get_selected_stance  (GlossatorStancesPanel *self);

/* "Alexander Korolev → China: against" (names of entities, "Author",
 * "Unspecified", topics as they are). */
char                  *glossator_stance_dup_summary                 (GlossatorStance       *stance,
                                                                     GlossatorDocument     *document);
/* Its parts: "Alexander Korolev", "China". */
char                  *glossator_stance_dup_holder_name             (GlossatorStance       *stance,
                                                                     GlossatorDocument     *document);
char                  *glossator_stance_dup_target_name             (GlossatorStance       *stance,
                                                                     GlossatorDocument     *document);
/* Shows the panel: the page of the GtkStack it is in. */
void                   glossator_stances_panel_reveal               (GlossatorStancesPanel *self);

G_END_DECLS

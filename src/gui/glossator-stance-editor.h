/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_STANCE_EDITOR (glossator_stance_editor_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorStanceEditor, glossator_stance_editor, GLOSSATOR, STANCE_EDITOR, GtkWidget)

/* A form for one stance: holder (typeahead over the document's entities,
 * Author and Unspecified), target (typeahead over entities and topics; a
 * new text becomes a topic), polarity (buttons; each polarity's key picks
 * it), intensity, evidence (an excerpt of the article; "Use Selection"
 * emits "use-selection" for whoever knows the selection: a handler that
 * sets the evidence returns TRUE; "evidence-changed" follows every change), note and a
 * "reported speech" attribute. Saving puts the stance into the document as
 * one undo step and emits "finished" (the stance id, or NULL when the user
 * cancelled). A topic new to the schema is added to it and written, on a
 * worker thread, to its glossator-schema.json when that lies in the schema
 * folder (the folder the user opened), else to one there, created from the
 * schema in use when needed; never outside that folder. "notice" (const
 * char *message) says where when it is not the schema file in use; when
 * the write fails, "problem" (const char *message) tells why. */

GtkWidget   *glossator_stance_editor_new               (void);
void         glossator_stance_editor_set_document      (GlossatorStanceEditor *self,
                                                        GlossatorDocument     *document,
                                                        GlossatorSchema       *schema);
/* The folder the user opened: new topics are written to a schema file in
 * it, never elsewhere (nullable: then topics only live in the stances). */
void         glossator_stance_editor_set_schema_folder (GlossatorStanceEditor *self,
                                                        GFile                 *folder);

/* Starts a new stance. @holder_entity names the entity when @holder_kind
 * is ENTITY; @target_entity (nullable) pre-fills the target. The evidence
 * is [evidence_start, evidence_end) (none when they are equal). Focus goes
 * to the first field that still needs an answer: the holder when it is
 * unspecified, else the target. */
void         glossator_stance_editor_start_new         (GlossatorStanceEditor *self,
                                                        GlossatorHolderKind    holder_kind,
                                                        const char            *holder_entity,
                                                        const char            *target_entity,
                                                        guint                  evidence_start,
                                                        guint                  evidence_end);
/* Edits an existing stance; FALSE when there is no such stance. */
gboolean     glossator_stance_editor_start_edit        (GlossatorStanceEditor *self,
                                                        const char            *stance_id);
/* The stance being edited, NULL for a new one. */
const char  *glossator_stance_editor_get_stance_id     (GlossatorStanceEditor *self);

void         glossator_stance_editor_set_evidence      (GlossatorStanceEditor *self,
                                                        guint                  start,
                                                        guint                  end);
/* The evidence as shown: the first start and last end; FALSE when none. */
gboolean     glossator_stance_editor_get_evidence      (GlossatorStanceEditor *self,
                                                        guint                 *start,
                                                        guint                 *end);
/* Fills the field the user was last in (holder or target; the target when
 * neither) with the entity, as a click on one of its mentions does. */
void         glossator_stance_editor_pick_entity       (GlossatorStanceEditor *self,
                                                        const char            *entity_id);
/* Focuses the first field still without an answer: holder, target, then
 * the polarity buttons. */
void         glossator_stance_editor_focus_pending     (GlossatorStanceEditor *self);
/* TRUE between a start and the save or cancel. */
gboolean     glossator_stance_editor_get_active        (GlossatorStanceEditor *self);
void         glossator_stance_editor_set_polarity      (GlossatorStanceEditor *self,
                                                        const char            *polarity);
/* Puts the stance into the document; returns its id (owned by the
 * document), or NULL with the reason shown in the editor. */
const char  *glossator_stance_editor_save              (GlossatorStanceEditor *self);
void         glossator_stance_editor_cancel            (GlossatorStanceEditor *self);

G_END_DECLS

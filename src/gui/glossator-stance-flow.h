/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-article-view.h"
#include "glossator-stances-panel.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_STANCE_FLOW (glossator_stance_flow_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorStanceFlow, glossator_stance_flow, GLOSSATOR, STANCE_FLOW, GObject)

/* Recording stances from the keyboard, joining an article view and a
 * stances panel without either knowing the other. With the focus in the
 * article text:
 *   S        a stance of the selected mention's entity (or of the mention
 *            at the cursor, or of the one a text selection lies in), its
 *            sentence the evidence; any other text selection is the
 *            evidence, and the holder is asked for first
 *   Shift+S  a stance of the article's author; a selected mention becomes
 *            the target
 * The editor then opens in the panel with the focus on the target: type,
 * Enter, the polarity's key, Enter saves (one undo step) and the focus
 * returns to the text. While the editor is open, clicking a mention picks
 * its entity and "Use Selection" takes the text selection as evidence.
 *   ] [      the next / previous stance in the text's order: selected in
 *            the panel (shown), drawn and announced
 *   Ctrl+J   to the shown stance's holder or target out of view, then back
 * Selecting a stance in the panel draws its evidence, holder and target
 * in the text (GlossatorMentionText) and scrolls to the evidence;
 * switching to another side panel clears the drawing.
 * A schema that gives a label the key "s" keeps it for the label; the
 * panel's buttons still start stances then. */

/* Attaches the flow to @view (once; later calls update it) and follows the
 * view's document. @schema_folder: see
 * glossator_stance_editor_set_schema_folder(). Returns the flow, owned by
 * the view. */
GlossatorStanceFlow *glossator_stance_flow_attach          (GlossatorArticleView  *view,
                                                            GlossatorStancesPanel *panel,
                                                            GFile                 *schema_folder);
/* The flow attached to @view, or NULL. */
GlossatorStanceFlow *glossator_stance_flow_get             (GlossatorArticleView  *view);
/* What S (@author FALSE) and Shift+S do; FALSE when there is no editable
 * document. */
gboolean             glossator_stance_flow_begin           (GlossatorStanceFlow   *self,
                                                            gboolean               author);
/* Highlights the stance's evidence, holder and target and scrolls to
 * them; NULL clears the highlight. */
void                 glossator_stance_flow_show_stance     (GlossatorStanceFlow   *self,
                                                            const char            *stance_id);

G_END_DECLS

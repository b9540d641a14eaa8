/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-article-view.h"
#include "glossator-document.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_COMPARE_PANEL (glossator_compare_panel_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorComparePanel, glossator_compare_panel, GLOSSATOR, COMPARE_PANEL, GtkWidget)

/* Adjudication in the window (README: Adjudication): the open article
 * (the gold) compared with the annotators' copies of the corpus chosen
 * with "Compare With…" (remembered per corpus, glossator-copies-settings.h),
 * and the merge conflicts its sidecar records, as a list of the
 * differences, each settled by a key as one undo step of the gold. The
 * differences are marked in the article view, the current one selected.
 *
 * Keys (glossator_compare_panel_add_shortcuts()): F8 / Shift+F8 the next
 * or previous difference; Alt+1 … Alt+9 accept that annotator's version
 * (a conflict: Alt+1 ours, Alt+2 theirs); Alt+A every version; Alt+0
 * none; Alt+K the gold as edited by hand. Emits "notice" with a line for
 * a toast. */
GtkWidget *glossator_compare_panel_new           (void);
/* The article opened (@document, the gold; NULL when none) in @view,
 * @article in the corpus folder @corpus (nullable: no copies then). */
void       glossator_compare_panel_set_article   (GlossatorComparePanel *self,
                                                  GlossatorArticleView  *view,
                                                  GlossatorDocument     *document,
                                                  GFile                 *corpus,
                                                  GFile                 *article,
                                                  gboolean               read_only);
void       glossator_compare_panel_set_read_only (GlossatorComparePanel *self,
                                                  gboolean               read_only);
/* Compares with @copies (the annotators' folders; none: conflicts only)
 * and remembers them for the corpus. */
void       glossator_compare_panel_set_copies    (GlossatorComparePanel *self,
                                                  GFile * const         *copies,
                                                  guint                  n_copies);
/* Asks for the copies with a folder chooser transient for @parent. */
void       glossator_compare_panel_choose_copies (GlossatorComparePanel *self,
                                                  GtkWindow             *parent);
/* The keys above, on @window, before its children see them. */
void       glossator_compare_panel_add_shortcuts (GlossatorComparePanel *self,
                                                  GtkWidget             *window);

G_END_DECLS

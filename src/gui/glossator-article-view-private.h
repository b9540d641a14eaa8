/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-article-view.h"

G_BEGIN_DECLS

/* For the widget tests and the GUI benchmark. */
GtkTextView *_glossator_article_view_get_text_view     (GlossatorArticleView *self);
/* What the text view's key controller does with a key press; TRUE when
 * the key was used. */
gboolean     _glossator_article_view_handle_key        (GlossatorArticleView *self,
                                                        guint                 keyval,
                                                        GdkModifierType       state);
/* What a label button of the palette does. */
void         _glossator_article_view_apply_label       (GlossatorArticleView *self,
                                                        const char           *label);
/* The tag tinting mentions with @label (created when missing). */
GtkTextTag  *_glossator_article_view_get_label_tag     (GlossatorArticleView *self,
                                                        const char           *label,
                                                        gboolean              nested);
/* Builds the mention tags still waiting for idle time, now. */
void         _glossator_article_view_finish_tags       (GlossatorArticleView *self);
gboolean     _glossator_article_view_is_building_tags  (GlossatorArticleView *self);
/* Runs a search as if typed into the search bar. */
void         _glossator_article_view_search            (GlossatorArticleView *self,
                                                        const char           *text,
                                                        gboolean              whole_word,
                                                        gboolean              match_case);
guint        _glossator_article_view_get_n_search_hits (GlossatorArticleView *self);
/* The current hit (-1 when none) and its span. */
int          _glossator_article_view_get_search_current (GlossatorArticleView *self,
                                                        guint                *start,
                                                        guint                *end);
void         _glossator_article_view_search_step       (GlossatorArticleView *self,
                                                        gboolean              backward);
/* Opens the Annotate All dialog for the selected mention and returns it. */
GtkWidget   *_glossator_article_view_annotate_all      (GlossatorArticleView *self);
/* Opens the mention editor for the selected mention and returns it. */
GtkWidget   *_glossator_article_view_edit_mention      (GlossatorArticleView *self);

G_END_DECLS

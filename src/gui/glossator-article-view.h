/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_ARTICLE_VIEW (glossator_article_view_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorArticleView, glossator_article_view, GLOSSATOR, ARTICLE_VIEW, GtkWidget)

/* The article text with its mentions, where the user tags, relabels,
 * deletes and edits mentions (see the key bindings in the .c file). All
 * edits go through the document; the view only mirrors it, updating the
 * tags of the region an edit touched. */
GtkWidget         *glossator_article_view_new                    (void);
void               glossator_article_view_set_document           (GlossatorArticleView *self,
                                                                  GlossatorDocument    *document,
                                                                  GlossatorSchema      *schema,
                                                                  gboolean              read_only);
GlossatorDocument *glossator_article_view_get_document           (GlossatorArticleView *self);
/* Shows @text (UTF-8; nullable) without annotations while its document
 * loads, dropping the document shown; set_document() with a document of
 * the same text keeps it as it is laid out, with the reader's place. */
void               glossator_article_view_show_text              (GlossatorArticleView *self,
                                                                  GBytes               *text);
GlossatorSchema   *glossator_article_view_get_schema             (GlossatorArticleView *self);
gboolean           glossator_article_view_get_read_only          (GlossatorArticleView *self);
/* Shows the search bar and focuses its entry (Ctrl+F). */
void               glossator_article_view_begin_search           (GlossatorArticleView *self);
/* Selects the mention, puts the cursor at its start and scrolls to it;
 * NULL clears the selection. */
void               glossator_article_view_select_mention         (GlossatorArticleView *self,
                                                                  const char           *mention_id);
const char        *glossator_article_view_get_selected_mention   (GlossatorArticleView *self);
void               glossator_article_view_set_text_size          (GlossatorArticleView *self,
                                                                  guint                 points);
guint              glossator_article_view_get_text_size          (GlossatorArticleView *self);
void               glossator_article_view_set_snap_to_words      (GlossatorArticleView *self,
                                                                  gboolean              snap);
gboolean           glossator_article_view_get_snap_to_words      (GlossatorArticleView *self);
/* Marks every mention of the entity (the entities panel's selection);
 * F3 / Shift+F3 then step through them when no search is active. */
void               glossator_article_view_set_highlighted_entity (GlossatorArticleView *self,
                                                                  const char           *entity_id);
const char        *glossator_article_view_get_highlighted_entity (GlossatorArticleView *self);
/* Adjudication (glossator-article-view-differences.c): marks the
 * differences still to settle, @ranges holding a start and an end (code
 * points) for each of @n_ranges, and emphasises the range @current (-1:
 * none), scrolled into view. */
void               glossator_article_view_set_differences        (GlossatorArticleView *self,
                                                                  const guint          *ranges,
                                                                  guint                 n_ranges,
                                                                  int                   current);
/* Shows @badge (nullable: none) over the text, in the chips' band just
 * after code point @offset: who has which version of the current
 * difference. Hidden while the chips are off. */
void               glossator_article_view_set_difference_badge   (GlossatorArticleView *self,
                                                                  GtkWidget            *badge,
                                                                  guint                 offset);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article-view"

#include "config.h"

#include "glossator-article-view-private.h"

/* The differences of adjudication drawn over the mentions: a wavy
 * underline under each difference still to settle, a tint on the current
 * one. The tags are named, so the widget tests can read them. */
#define DIFFERENCE_TAG "difference"
#define CURRENT_TAG "current-difference"

static GtkTextTag *
ensure_tag (GlossatorArticleView *self,
            const char           *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag == NULL)
    {
      GdkRGBA orange = { 0.90, 0.38, 0.0, 1.0 };  /* libadwaita's orange 4 */
      GdkRGBA tint = { 0.96, 0.76, 0.07, 0.45 };  /* yellow 3, see-through */

      tag = gtk_text_buffer_create_tag (self->buffer, name, NULL);
      if (g_str_equal (name, DIFFERENCE_TAG))
        g_object_set (tag, "underline", PANGO_UNDERLINE_ERROR, "underline-rgba", &orange, NULL);
      else
        g_object_set (tag, "background-rgba", &tint, "underline", PANGO_UNDERLINE_DOUBLE,
                      "underline-rgba", &orange, NULL);
    }
  /* Above the mentions' tags, created as they come into view. */
  gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (table) - 1);
  return tag;
}

void
glossator_article_view_set_differences (GlossatorArticleView *self,
                                        const guint          *ranges,
                                        guint                 n_ranges,
                                        int                   current)
{
  GtkTextTag *difference, *emphasis;
  GtkTextIter start, end;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));
  g_return_if_fail (ranges != NULL || n_ranges == 0);
  g_return_if_fail (current < (int) n_ranges);

  difference = ensure_tag (self, DIFFERENCE_TAG);
  emphasis = ensure_tag (self, CURRENT_TAG);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, difference, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, emphasis, &start, &end);
  if (self->document == NULL)
    return;

  for (guint k = 0; k < n_ranges; k++)
    {
      guint from = MIN (ranges[2 * k], self->length);
      guint to = MIN (MAX (ranges[2 * k + 1], from), self->length);

      _glossator_article_view_iter_at (self, &start, from);
      _glossator_article_view_iter_at (self, &end, to);
      gtk_text_buffer_apply_tag (self->buffer, (int) k == current ? emphasis : difference, &start, &end);
      if ((int) k == current)
        _glossator_article_view_scroll_to (self, from, to);
    }
}

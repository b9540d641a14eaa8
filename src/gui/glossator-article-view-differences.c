/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article-view"

#include "config.h"

#include "glossator-article-view-private.h"
#include "glossator-mention-text.h"

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

/* In the chips' band above the line, just after the difference's end
 * (its own chip is above its start); hidden while the chips and their
 * band are off, or when the place is scrolled out of the text's view. */
void
_glossator_article_view_allocate_badge (GlossatorArticleView *self)
{
  GtkWidget *text = GTK_WIDGET (self->text_view);
  GtkTextIter iter;
  GdkRectangle location;
  graphene_rect_t visible;
  graphene_point_t place;
  int band, width, height, x, y;
  gboolean shown;

  if (self->difference_badge == NULL)
    return;
  band = glossator_mention_text_get_chip_band (GLOSSATOR_MENTION_TEXT (self->text_view));
  gtk_widget_measure (self->difference_badge, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &width, NULL, NULL);
  gtk_widget_measure (self->difference_badge, GTK_ORIENTATION_VERTICAL, -1, NULL, &height, NULL, NULL);
  _glossator_article_view_iter_at (self, &iter, MIN (self->difference_badge_offset, self->length));
  gtk_text_view_get_iter_location (self->text_view, &iter, &location);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, location.x,
                                         location.y - band + MAX (0, (band - height) / 2), &x, &y);
  shown = band > 0 && self->document != NULL
          && gtk_widget_compute_point (text, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (x + 2, y), &place)
          && gtk_widget_compute_bounds (text, GTK_WIDGET (self), &visible)
          && place.y >= visible.origin.y && place.y + height <= visible.origin.y + visible.size.height;
  gtk_widget_set_child_visible (self->difference_badge, shown);
  if (shown)
    {
      /* Kept inside the text's width. */
      place.x = MIN (place.x, visible.origin.x + visible.size.width - width);
      gtk_widget_allocate (self->difference_badge, width, height, -1,
                           gsk_transform_translate (NULL, &GRAPHENE_POINT_INIT (place.x, place.y)));
    }
}

void
_glossator_article_view_dispose_badge (GlossatorArticleView *self)
{
  g_clear_pointer (&self->difference_badge, gtk_widget_unparent);
}

static void
scrolled_cb (GlossatorArticleView *self)
{
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

void
glossator_article_view_set_difference_badge (GlossatorArticleView *self,
                                             GtkWidget            *badge,
                                             guint                 offset)
{
  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));
  g_return_if_fail (badge == NULL || GTK_IS_WIDGET (badge));

  _glossator_article_view_dispose_badge (self);
  if (badge == NULL)
    return;
  if (g_object_get_data (G_OBJECT (self), "glossator-badge-follows-scrolling") == NULL)
    {
      g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)), "value-changed",
                               G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
      g_object_set_data (G_OBJECT (self), "glossator-badge-follows-scrolling", GINT_TO_POINTER (TRUE));
    }
  self->difference_badge = badge;
  self->difference_badge_offset = offset;
  gtk_widget_set_can_target (badge, FALSE);
  gtk_widget_set_parent (badge, GTK_WIDGET (self));
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

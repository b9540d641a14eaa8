/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article-view"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "glossator-annotate-all-dialog.h"
#include "glossator-article-view-private.h"
#include "glossator-label-palette.h"
#include "glossator-mention-painter.h"
#include "glossator-mention-text.h"
#include "glossator-mention-popover.h"
#include "glossator-search-bar.h"
#include "glossator-text-search.h"

/* The article view: the text in its column, the search, the pointer
 * (hover, clicks, tooltips) and the document it shows. Its keys, actions
 * and tagging commands are in glossator-article-view-actions.c; the tags
 * that paint mentions, matches and the selection are the
 * GlossatorMentionPainter's. */

#define SEARCH_MAX_HITS 200000

G_DEFINE_FINAL_TYPE (GlossatorArticleView, glossator_article_view, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_READ_ONLY,
  PROP_SELECTED_MENTION,
  PROP_TEXT_SIZE,
  PROP_SNAP_TO_WORDS,
  PROP_HIGHLIGHTED_ENTITY,
  PROP_SHOW_LABEL_CHIPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  EDIT_REFUSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void create_buffer  (GlossatorArticleView *self);
static void cancel_warm_up (GlossatorArticleView *self);
static void text_view_unmap_cb (GlossatorArticleView *self);

/* Offsets and iters */

void
_glossator_article_view_iter_at (GlossatorArticleView *self,
                                 GtkTextIter          *iter,
                                 guint                 offset)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, (int) MIN (offset, self->length));
}

static gboolean
mention_covers (GlossatorArticleView   *self,
                const GlossatorMention *mention,
                guint                   offset,
                guint                  *length)
{
  for (guint i = 0; i < mention->n_fragments; i++)
    {
      const GlossatorSpan *f = &mention->fragments[i];

      if (glossator_fragment_is_shown (f, self->length) && f->start <= offset && offset < f->end)
        {
          if (length != NULL)
            *length = f->end - f->start;
          return TRUE;
        }
    }
  return FALSE;
}

/* The innermost (shortest) mention covering @offset, owned by the document. */
static GlossatorMention *
mention_at (GlossatorArticleView *self,
            guint                 offset)
{
  g_autoptr(GPtrArray) mentions = NULL;
  GlossatorMention *best = NULL;
  guint best_length = G_MAXUINT;

  if (self->document == NULL || offset >= self->length)
    return NULL;

  mentions = glossator_document_mentions_at (self->document, offset);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      guint length;

      if (!mention_covers (self, mention, offset, &length))
        continue;
      /* Equal lengths: the later one, which is drawn on top. */
      if (best == NULL || length <= best_length)
        {
          best = mention;
          best_length = length;
        }
    }

  return best != NULL ? glossator_document_get_mention (self->document, best->id) : NULL;
}

guint
_glossator_article_view_get_cursor (GlossatorArticleView *self)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
  return gtk_text_iter_get_offset (&iter);
}

/* The mention under the cursor; right after a mention's end counts too,
 * where word-wise cursor movement stops. */
static GlossatorMention *
mention_at_cursor (GlossatorArticleView *self)
{
  GlossatorMention *mention;
  guint offset;

  if (self->buffer == NULL)
    return NULL;
  offset = _glossator_article_view_get_cursor (self);
  mention = mention_at (self, offset);
  if (mention == NULL && offset > 0)
    mention = mention_at (self, offset - 1);
  return mention;
}

GlossatorMention *
_glossator_article_view_get_selected (GlossatorArticleView *self)
{
  if (self->document == NULL || self->selected_mention == NULL)
    return NULL;
  return glossator_document_get_mention (self->document, self->selected_mention);
}

/* What a command without a text selection acts on. */
GlossatorMention *
_glossator_article_view_get_target (GlossatorArticleView *self)
{
  GlossatorMention *mention = _glossator_article_view_get_selected (self);

  return mention != NULL ? mention : mention_at_cursor (self);
}

gboolean
_glossator_article_view_has_text_selection (GlossatorArticleView *self)
{
  return self->buffer != NULL && gtk_text_buffer_get_selection_bounds (self->buffer, NULL, NULL);
}

/* Selection */

void
_glossator_article_view_set_selected (GlossatorArticleView *self,
                                      const char           *mention_id)
{
  if (mention_id != NULL &&
      (self->document == NULL || glossator_document_get_mention (self->document, mention_id) == NULL))
    mention_id = NULL;
  if (g_strcmp0 (mention_id, self->selected_mention) == 0)
    return;

  g_free (self->selected_mention);
  self->selected_mention = g_strdup (mention_id);
  glossator_mention_painter_show_selected (self->painter, _glossator_article_view_get_selected (self));
  _glossator_article_view_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_MENTION]);
}

/* Document changes (the painter retags what they touch) */

static void
mention_changed_cb (GlossatorArticleView *self,
                    GlossatorMention     *old,
                    GlossatorMention     *new)
{
  GlossatorMention *changed = new != NULL ? new : old;

  if (g_strcmp0 (changed->id, self->selected_mention) == 0)
    {
      if (new == NULL)
        _glossator_article_view_set_selected (self, NULL);
      else
        glossator_mention_painter_show_selected (self->painter, _glossator_article_view_get_selected (self));
    }
  _glossator_article_view_update_actions (self);
}

static void
entity_changed_cb (GlossatorArticleView *self,
                   GlossatorEntity      *old,
                   GlossatorEntity      *new)
{
  if (new == NULL && g_strcmp0 (old->id, self->highlighted_entity) == 0)
    glossator_article_view_set_highlighted_entity (self, NULL);
}

/* Scrolling */

static void
visible_range (GlossatorArticleView *self,
               guint                *start,
               guint                *end)
{
  GdkRectangle rect;
  GtkTextIter a, b;

  gtk_text_view_get_visible_rect (self->text_view, &rect);
  gtk_text_view_get_iter_at_location (self->text_view, &a, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (self->text_view, &b, rect.x + rect.width, rect.y + rect.height);
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b) + 1;
}

static void
scrolled_cb (GlossatorArticleView *self)
{
  guint start, end;

  if (!glossator_mention_painter_is_building (self->painter))
    return;
  /* Whatever comes into view is tagged before the rest. */
  visible_range (self, &start, &end);
  glossator_mention_painter_build_range (self->painter, start, end);
}

static void
scroll_to_offset (GlossatorArticleView *self,
                  guint                 start,
                  guint                 end)
{
  GtkTextIter iter;

  glossator_mention_painter_build_around (self->painter, start, end);
  _glossator_article_view_iter_at (self, &iter, start);
  gtk_text_buffer_move_mark (self->buffer, self->scroll_mark, &iter);
  /* A mark, not an iter: it scrolls once the lines in between are laid out. */
  gtk_text_view_scroll_to_mark (self->text_view, self->scroll_mark, 0.1, FALSE, 0.0, 0.3);
}

void
_glossator_article_view_scroll_to (GlossatorArticleView *self,
                                   guint                 start,
                                   guint                 end)
{
  scroll_to_offset (self, start, end);
}

void
_glossator_article_view_error_bell (GlossatorArticleView *self)
{
  gtk_widget_error_bell (GTK_WIDGET (self->text_view));
  /* The window says why (an article marked done, say). */
  if (self->read_only && self->document != NULL)
    g_signal_emit (self, signals[EDIT_REFUSED], 0);
}

/* Mention editor and Annotate All */

static gboolean
mention_rect (GlossatorArticleView   *self,
              const GlossatorMention *mention,
              GdkRectangle           *rect)
{
  GdkRectangle start_rect, end_rect;
  GtkTextIter start, end;
  double x, y;
  int wx, wy;

  for (guint i = 0; i < mention->n_fragments; i++)
    {
      const GlossatorSpan *f = &mention->fragments[i];

      if (!glossator_fragment_is_shown (f, self->length))
        continue;
      _glossator_article_view_iter_at (self, &start, f->start);
      _glossator_article_view_iter_at (self, &end, f->end);
      gtk_text_view_get_iter_location (self->text_view, &start, &start_rect);
      gtk_text_view_get_iter_location (self->text_view, &end, &end_rect);
      if (end_rect.y == start_rect.y && end_rect.x > start_rect.x)
        start_rect.width = end_rect.x - start_rect.x;
      gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                             start_rect.x, start_rect.y, &wx, &wy);
      if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self),
                                             wx, wy, &x, &y))
        return FALSE;
      *rect = (GdkRectangle) { (int) x, (int) y, MAX (start_rect.width, 1), start_rect.height };
      return TRUE;
    }
  return FALSE;
}

static GtkWidget *
edit_mention (GlossatorArticleView *self,
              GlossatorMention     *mention)
{
  GdkRectangle rect;

  if (mention == NULL)
    return NULL;
  _glossator_article_view_set_selected (self, mention->id);
  glossator_mention_popover_set_mention (self->popover, self->document, self->schema,
                                         mention->id, self->read_only);
  if (mention_rect (self, mention, &rect))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->popover));
  return GTK_WIDGET (self->popover);
}

/* Back to the text when the editor or the dialog goes away. */
static void
refocus_text_cb (GlossatorArticleView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
annotate_all_applied_cb (GlossatorArticleView       *self,
                         guint                       n_created,
                         GlossatorAnnotateAllDialog *dialog)
{
  const char *needle = g_object_get_data (G_OBJECT (dialog), "glossator-needle");
  const char *label = g_object_get_data (G_OBJECT (dialog), "glossator-label");
  g_autofree char *message = NULL;

  /* Translators: feedback after Annotate All: the count, the text, the label */
  message = g_strdup_printf (ngettext ("Tagged %u occurrence of “%s” as %s",
                                       "Tagged %u occurrences of “%s” as %s", n_created),
                             n_created, needle, label);
  _glossator_article_view_announce (self, message, n_created > 0);
}

static GtkWidget *
annotate_all (GlossatorArticleView *self,
              const char           *mention_id)
{
  GlossatorMention *mention;
  GtkWidget *dialog;
  GtkRoot *root;

  if (self->document == NULL || mention_id == NULL ||
      glossator_document_get_mention (self->document, mention_id) == NULL)
    return NULL;
  if (self->read_only)
    {
      _glossator_article_view_error_bell (self);
      return NULL;
    }

  dialog = glossator_annotate_all_dialog_new (self->document, self->schema, mention_id);
  mention = glossator_document_get_mention (self->document, mention_id);
  g_object_set_data_full (G_OBJECT (dialog), "glossator-needle",
                          _glossator_article_view_dup_short_text (self, mention), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "glossator-label", g_strdup (mention->label), g_free);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (refocus_text_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "applied", G_CALLBACK (annotate_all_applied_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
popover_annotate_all_cb (GlossatorArticleView *self,
                         const char           *mention_id)
{
  annotate_all (self, mention_id);
}

/* Search */

static void
update_search_count (GlossatorArticleView *self)
{
  glossator_search_bar_set_matches (self->search_bar, self->search_hits != NULL ? self->search_hits->len : 0,
                                    self->search_current);
}

static void
clear_search (GlossatorArticleView *self)
{
  glossator_mention_painter_show_search_hits (self->painter, NULL);
  g_clear_pointer (&self->search_hits, g_array_unref);
  self->search_current = -1;
}

static void
set_search_current (GlossatorArticleView *self,
                    int                   current)
{
  const GlossatorSearchHit *hit = NULL;
  GtkTextIter a, b;

  self->search_current = current;
  if (current >= 0)
    hit = &g_array_index (self->search_hits, GlossatorSearchHit, current);
  glossator_mention_painter_show_search_current (self->painter, hit);
  if (hit != NULL)
    {
      /* The current match is the text selection, from the first
       * keystroke: Escape leaves it selected and a label key tags it. */
      _glossator_article_view_iter_at (self, &a, hit->start);
      _glossator_article_view_iter_at (self, &b, hit->end);
      gtk_text_buffer_select_range (self->buffer, &b, &a);
      scroll_to_offset (self, hit->start, hit->end);
    }
  update_search_count (self);
}

static void
run_search (GlossatorArticleView *self)
{
  const char *query = glossator_search_bar_get_text (self->search_bar);
  guint offset, first = 0;

  clear_search (self);
  if (self->document == NULL || query[0] == '\0')
    {
      update_search_count (self);
      return;
    }

  self->search_hits = glossator_text_search (self->text, query,
                                             glossator_search_bar_get_flags (self->search_bar),
                                             SEARCH_MAX_HITS);

  glossator_mention_painter_show_search_hits (self->painter, self->search_hits);

  if (self->search_hits->len == 0)
    {
      GtkTextIter a, b;

      /* No match is selected: a label key must not tag what an earlier
       * query found. */
      if (gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
        gtk_text_buffer_place_cursor (self->buffer, &a);
      update_search_count (self);
      return;
    }

  /* The first match at or after the cursor, as in Text Editor. */
  offset = _glossator_article_view_get_cursor (self);
  if (_glossator_article_view_has_text_selection (self))
    {
      GtkTextIter a, b;

      gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b);
      offset = gtk_text_iter_get_offset (&a);
    }
  while (first < self->search_hits->len &&
         g_array_index (self->search_hits, GlossatorSearchHit, first).start < offset)
    first++;
  set_search_current (self, first < self->search_hits->len ? (int) first : 0);
}

static void
search_changed_cb (GlossatorArticleView *self)
{
  run_search (self);
}

static gboolean
search_step (GlossatorArticleView *self,
             gboolean              backward)
{
  int n;

  if (self->search_hits == NULL || self->search_hits->len == 0)
    return FALSE;
  n = (int) self->search_hits->len;
  if (self->search_current < 0)
    set_search_current (self, backward ? n - 1 : 0);
  else
    set_search_current (self, (self->search_current + (backward ? n - 1 : 1)) % n);
  return TRUE;
}

static void
search_next_cb (GlossatorArticleView *self)
{
  search_step (self, FALSE);
}

static void
search_previous_cb (GlossatorArticleView *self)
{
  search_step (self, TRUE);
}

static void
search_mode_cb (GlossatorArticleView *self)
{
  if (glossator_search_bar_get_search_mode (self->search_bar))
    return;
  clear_search (self);
  update_search_count (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

/* Pointer */

static gboolean
offset_at_point (GlossatorArticleView *self,
                 double                x,
                 double                y,
                 guint                *offset)
{
  GdkRectangle rect;
  GtkTextIter iter;
  int bx, by;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  if (!gtk_text_view_get_iter_at_location (self->text_view, &iter, bx, by))
    return FALSE;
  /* Past the end of a line is not over its last character. */
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  if (bx < rect.x || bx > rect.x + MAX (rect.width, 1) || by < rect.y || by >= rect.y + rect.height)
    return FALSE;
  *offset = gtk_text_iter_get_offset (&iter);
  return TRUE;
}

static GlossatorMention *
mention_at_point (GlossatorArticleView *self,
                  double                x,
                  double                y)
{
  guint offset;

  if (self->document == NULL || !offset_at_point (self, x, y, &offset))
    return NULL;
  return mention_at (self, offset);
}

static void
pressed_cb (GlossatorArticleView *self,
            int                   n_press,
            double                x,
            double                y,
            GtkGestureClick      *gesture)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gint64 now = g_get_monotonic_time ();
  GlossatorMention *mention;
  int double_click_time = 400, double_click_distance = 5;
  gboolean is_double;

  if (self->document == NULL || (state & (GDK_SHIFT_MASK | GDK_CONTROL_MASK)) != 0)
    return;

  /* The text view claims every press, which resets a click gesture's own
   * count, so double clicks are recognised here. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)),
                "gtk-double-click-time", &double_click_time,
                "gtk-double-click-distance", &double_click_distance,
                NULL);
  is_double = button == GDK_BUTTON_PRIMARY &&
              now - self->last_press_time <= (gint64) double_click_time * 1000 &&
              ABS (x - self->last_press_x) <= double_click_distance &&
              ABS (y - self->last_press_y) <= double_click_distance;
  self->last_press_time = is_double || button != GDK_BUTTON_PRIMARY ? 0 : now;
  self->last_press_x = x;
  self->last_press_y = y;

  mention = mention_at_point (self, x, y);
  if (button == GDK_BUTTON_SECONDARY && mention == NULL && _glossator_article_view_has_text_selection (self))
    return;
  _glossator_article_view_set_selected (self, mention != NULL ? mention->id : NULL);

  if (is_double && mention != NULL)
    {
      GtkTextIter iter;

      /* Open the editor rather than selecting the word. */
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      _glossator_article_view_iter_at (self, &iter, glossator_mention_get_start (mention));
      gtk_text_buffer_place_cursor (self->buffer, &iter);
      gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
      edit_mention (self, mention);
    }
}

static void
motion_cb (GlossatorArticleView     *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  glossator_mention_painter_set_hover (self->painter, mention_at_point (self, x, y));
}

static void
leave_cb (GlossatorArticleView *self)
{
  glossator_mention_painter_set_hover (self->painter, NULL);
}

static void
append_mention_description (GlossatorArticleView   *self,
                            GString                *markup,
                            const GlossatorMention *mention,
                            gboolean                nested)
{
  GlossatorEntity *entity = NULL;
  g_autofree char *label = NULL;

  if (mention->entity_id != NULL)
    entity = glossator_document_get_entity (self->document, mention->entity_id);

  if (markup->len > 0)
    g_string_append_c (markup, '\n');
  label = g_markup_escape_text (mention->label, -1);
  g_string_append_printf (markup, "<b>%s</b>", label);
  /* Which of the nested mentions each line is about. */
  if (nested)
    {
      g_autofree char *text = _glossator_article_view_dup_short_text (self, mention);
      g_autofree char *escaped = g_markup_escape_text (text, -1);

      /* Translators: tooltip line of one of nested mentions: its text after its label */
      g_string_append_printf (markup, _(" “%s”"), escaped);
    }
  if (entity != NULL)
    {
      guint count = glossator_document_count_entity_mentions (self->document, entity->id);
      g_autofree char *name = g_markup_escape_text (entity->name, -1);
      g_autofree char *mentions = g_strdup_printf (ngettext ("%u mention", "%u mentions", count),
                                                   count);

      /* Translators: tooltip line of a mention: label · entity (N mentions) */
      g_string_append_printf (markup, _(" · %s (%s)"), name, mentions);
    }
  if (mention->n_fragments > 1)
    {
      g_autofree char *parts = g_strdup_printf (ngettext ("%u part", "%u parts", mention->n_fragments),
                                                mention->n_fragments);

      g_string_append_printf (markup, " · %s", parts);
    }
  if (mention->note != NULL)
    {
      g_autofree char *note = g_markup_escape_text (mention->note, -1);

      g_string_append_printf (markup, "\n<i>%s</i>", note);
    }
}

/* Outer before inner, as the nesting underlines are stacked. */
static int
outer_first (gconstpointer a,
             gconstpointer b)
{
  const GlossatorMention *ma = *(GlossatorMention * const *) a;
  const GlossatorMention *mb = *(GlossatorMention * const *) b;
  guint la = glossator_mention_get_end (ma) - glossator_mention_get_start (ma);
  guint lb = glossator_mention_get_end (mb) - glossator_mention_get_start (mb);

  if (la != lb)
    return la > lb ? -1 : 1;
  return glossator_mention_compare (ma, mb);
}

char *
_glossator_article_view_dup_hover_markup (GlossatorArticleView *self,
                                          guint                 offset)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) covering = g_ptr_array_new ();
  g_autoptr(GString) markup = g_string_new (NULL);

  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  if (self->document == NULL)
    return NULL;
  mentions = glossator_document_mentions_at (self->document, offset);
  for (guint i = 0; i < mentions->len; i++)
    if (mention_covers (self, mentions->pdata[i], offset, NULL))
      g_ptr_array_add (covering, mentions->pdata[i]);
  if (covering->len == 0)
    return NULL;
  g_ptr_array_sort (covering, outer_first);
  for (guint i = 0; i < covering->len; i++)
    append_mention_description (self, markup, covering->pdata[i], covering->len > 1);
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static gboolean
query_tooltip_cb (GlossatorArticleView *self,
                  int                   x,
                  int                   y,
                  gboolean              keyboard_mode,
                  GtkTooltip           *tooltip)
{
  g_autofree char *markup = NULL;
  GdkRectangle rect;
  GtkTextIter iter;
  guint offset;
  int wx, wy;

  if (self->document == NULL)
    return FALSE;

  if (keyboard_mode)
    offset = _glossator_article_view_get_cursor (self);
  else if (!offset_at_point (self, x, y, &offset))
    return FALSE;

  if ((markup = _glossator_article_view_dup_hover_markup (self, offset)) == NULL)
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  _glossator_article_view_iter_at (self, &iter, offset);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &wx, &wy);
  rect.x = wx;
  rect.y = wy;
  gtk_tooltip_set_tip_area (tooltip, &rect);
  return TRUE;
}

static void
mark_set_cb (GlossatorArticleView *self,
             GtkTextIter          *location,
             GtkTextMark          *mark,
             GtkTextBuffer        *buffer)
{
  if (mark != gtk_text_buffer_get_insert (buffer) && mark != gtk_text_buffer_get_selection_bound (buffer))
    return;
  /* A text selection and a selected mention exclude each other: keys act
   * on the selection when there is one. */
  if (gtk_text_buffer_get_selection_bounds (buffer, NULL, NULL) && self->selected_mention != NULL)
    _glossator_article_view_set_selected (self, NULL);
  _glossator_article_view_update_actions (self);
}

static void
show_chips_cb (GlossatorArticleView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_LABEL_CHIPS]);
}

static void
palette_label_activated_cb (GlossatorArticleView *self,
                            const char           *label)
{
  _glossator_article_view_apply_label (self, label);
}

/* Layout */

static void
update_text_size (GlossatorArticleView *self)
{
  g_autofree char *css = g_strdup_printf ("textview.glossator-article { font-size: %upt; }",
                                          self->text_size);

  gtk_css_provider_load_from_data (self->font_provider, css, -1);
  /* Spacing grows with the text, and makes room for the label chips. */
  glossator_mention_text_set_text_size (GLOSSATOR_MENTION_TEXT (self->text_view), self->text_size);
  self->margin = -1;
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
glossator_article_view_measure (GtkWidget      *widget,
                                GtkOrientation  orientation,
                                int             for_size,
                                int            *minimum,
                                int            *natural,
                                int            *minimum_baseline,
                                int            *natural_baseline)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (widget);

  gtk_widget_measure (self->box, orientation, for_size, minimum, natural,
                      minimum_baseline, natural_baseline);
}

static gboolean
glossator_article_view_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (GLOSSATOR_ARTICLE_VIEW (widget)->text_view));
}

static void
glossator_article_view_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (widget);
  /* A column of about 56 ems, centred: long lines are hard to follow. */
  int max_column = (int) (self->text_size * 4 / 3) * 56;
  int margin = MAX (48, (width - max_column) / 2);

  if (margin != self->margin)
    {
      self->margin = margin;
      gtk_text_view_set_left_margin (self->text_view, margin);
      gtk_text_view_set_right_margin (self->text_view, margin);
    }
  gtk_widget_allocate (self->box, width, height, baseline, NULL);
  _glossator_article_view_allocate_badge (self);
  gtk_popover_present (GTK_POPOVER (self->popover));
}

/* GObject */

static void
disconnect_document (GlossatorArticleView *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
}

static void
glossator_article_view_dispose (GObject *object)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (object);

  disconnect_document (self);
  _glossator_article_view_dispose_badge (self);
  cancel_warm_up (self);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_ARTICLE_VIEW);
  self->box = NULL;

  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->text, glossator_text_unref);
  g_clear_pointer (&self->preview, g_bytes_unref);
  g_clear_object (&self->painter);
  g_clear_object (&self->buffer);
  g_clear_object (&self->font_provider);
  g_clear_object (&self->extra_menu);
  g_clear_pointer (&self->selected_mention, g_free);
  g_clear_pointer (&self->highlighted_entity, g_free);
  g_clear_pointer (&self->search_hits, g_array_unref);

  G_OBJECT_CLASS (glossator_article_view_parent_class)->dispose (object);
}

static void
glossator_article_view_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SELECTED_MENTION:
      g_value_set_string (value, self->selected_mention);
      break;
    case PROP_TEXT_SIZE:
      g_value_set_uint (value, self->text_size);
      break;
    case PROP_SNAP_TO_WORDS:
      g_value_set_boolean (value, self->snap_to_words);
      break;
    case PROP_HIGHLIGHTED_ENTITY:
      g_value_set_string (value, self->highlighted_entity);
      break;
    case PROP_SHOW_LABEL_CHIPS:
      g_value_set_boolean (value, glossator_mention_text_get_show_chips (GLOSSATOR_MENTION_TEXT (self->text_view)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_article_view_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_SELECTED_MENTION:
      glossator_article_view_select_mention (self, g_value_get_string (value));
      break;
    case PROP_TEXT_SIZE:
      glossator_article_view_set_text_size (self, g_value_get_uint (value));
      break;
    case PROP_SNAP_TO_WORDS:
      glossator_article_view_set_snap_to_words (self, g_value_get_boolean (value));
      break;
    case PROP_HIGHLIGHTED_ENTITY:
      glossator_article_view_set_highlighted_entity (self, g_value_get_string (value));
      break;
    case PROP_SHOW_LABEL_CHIPS:
      glossator_mention_text_set_show_chips (GLOSSATOR_MENTION_TEXT (self->text_view), g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/io/github/glossator/Glossator/glossator-view.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
glossator_article_view_class_init (GlossatorArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_article_view_dispose;
  object_class->get_property = glossator_article_view_get_property;
  object_class->set_property = glossator_article_view_set_property;

  widget_class->measure = glossator_article_view_measure;
  widget_class->size_allocate = glossator_article_view_size_allocate;
  widget_class->grab_focus = glossator_article_view_grab_focus;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSSATOR_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_MENTION] =
    g_param_spec_string ("selected-mention", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_TEXT_SIZE] =
    g_param_spec_uint ("text-size", NULL, NULL, 6, 72, 12,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_TO_WORDS] =
    g_param_spec_boolean ("snap-to-words", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_HIGHLIGHTED_ENTITY] =
    g_param_spec_string ("highlighted-entity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SHOW_LABEL_CHIPS] =
    g_param_spec_boolean ("show-label-chips", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_property_action (widget_class, "view.show-label-chips", "show-label-chips");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.show-label-chips", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_L, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "view.show-label-chips", NULL);
  /* An edit (a label's key, Delete…) was refused because the view is
   * read-only. */
  signals[EDIT_REFUSED] =
    g_signal_new ("edit-refused", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  g_type_ensure (GLOSSATOR_TYPE_LABEL_PALETTE);
  g_type_ensure (GLOSSATOR_TYPE_MENTION_TEXT);
  g_type_ensure (GLOSSATOR_TYPE_SEARCH_BAR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorArticleView, box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorArticleView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossatorArticleView, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossatorArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, GlossatorArticleView, palette);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_mode_cb);
  gtk_widget_class_bind_template_callback (widget_class, palette_label_activated_cb);

  _glossator_article_view_class_actions_init (klass);

  gtk_widget_class_set_css_name (widget_class, "glossator-article-view");
}

static void
glossator_article_view_init (GlossatorArticleView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->text_size = 12;
  self->snap_to_words = TRUE;
  self->margin = -1;
  self->search_current = -1;

  self->font_provider = gtk_css_provider_new ();
  /* Deprecated only from GTK 4.10; a per-widget provider is what 4.8 has. */
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self->text_view)),
                                  GTK_STYLE_PROVIDER (self->font_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  update_text_size (self);

  _glossator_article_view_actions_init (self);

  _glossator_article_view_edges_init (self);
  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (motion_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  g_signal_connect_object (self->text_view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "notify::show-chips", G_CALLBACK (show_chips_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->text_view)),
                           "value-changed", G_CALLBACK (scrolled_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->text_view, "unmap", G_CALLBACK (text_view_unmap_cb), self,
                           G_CONNECT_SWAPPED);

  self->popover = GLOSSATOR_MENTION_POPOVER (glossator_mention_popover_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (self));
  g_signal_connect_object (self->popover, "annotate-all", G_CALLBACK (popover_annotate_all_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->popover, "closed", G_CALLBACK (refocus_text_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (glossator_label_palette_get_picker (self->palette), "closed",
                           G_CALLBACK (refocus_text_cb), self, G_CONNECT_SWAPPED);

  create_buffer (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->palette), FALSE);
  update_search_count (self);
  _glossator_article_view_update_actions (self);
}

GtkWidget *
glossator_article_view_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_ARTICLE_VIEW, NULL);
}

/* One buffer for the view's lifetime, so that whoever holds it (the
 * window, tests, assistive technologies) never holds a stale one. */
static void
create_buffer (GlossatorArticleView *self)
{
  GtkTextIter start;

  self->buffer = gtk_text_buffer_new (NULL);
  self->painter = glossator_mention_painter_new (self->buffer);
  glossator_mention_text_set_painter (GLOSSATOR_MENTION_TEXT (self->text_view), self->painter);

  gtk_text_buffer_get_start_iter (self->buffer, &start);
  self->scroll_mark = gtk_text_buffer_create_mark (self->buffer, NULL, &start, FALSE);
  /* After the buffer's own handler, which updates has-selection. */
  g_signal_connect_object (self->buffer, "mark-set", G_CALLBACK (mark_set_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  gtk_text_view_set_buffer (self->text_view, self->buffer);
}

/* Returns whether the text already shown was kept. */
static gboolean
load_text (GlossatorArticleView *self)
{
  const char *utf8;
  gsize n_bytes;
  gboolean kept = FALSE;

  /* The text shown while the document loaded stays: it is laid out
   * already, which is most of the cost of showing a long article. */
  if (self->document != NULL && self->preview != NULL)
    {
      gsize n_text;
      gsize n_preview;
      const char *text = glossator_text_get_utf8 (self->text, &n_text);
      const char *preview = g_bytes_get_data (self->preview, &n_preview);

      kept = n_text == n_preview && memcmp (text, preview, n_text) == 0;
    }
  g_clear_pointer (&self->preview, g_bytes_unref);

  /* Without the old text, the old label tags are on nothing: cheap to drop. */
  if (!kept)
    gtk_text_buffer_set_text (self->buffer, "", 0);
  glossator_mention_painter_set_document (self->painter, self->document, self->schema);

  if (self->document == NULL || kept)
    return kept;
  utf8 = glossator_text_get_utf8 (self->text, &n_bytes);
  gtk_text_buffer_set_text (self->buffer, utf8, (int) n_bytes);
  return FALSE;
}

static void
warm_up_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  glossator_text_get_log_attrs (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Word and grapheme boundaries, which tagging and search need, take about
 * 0.1 s for 1 MB: compute them off the main thread before the first key. */
static void
warm_up_text (GlossatorText *text)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, warm_up_text);
  g_task_set_task_data (task, glossator_text_ref (text), (GDestroyNotify) glossator_text_unref);
  g_task_run_in_thread (task, warm_up_thread);
}

static void
cancel_warm_up (GlossatorArticleView *self)
{
  if (self->warm_up_clock != NULL)
    g_clear_signal_handler (&self->warm_up_handler, self->warm_up_clock);
  g_clear_object (&self->warm_up_clock);
}

/* Hidden before its frame was drawn: none will come. */
static void
text_view_unmap_cb (GlossatorArticleView *self)
{
  if (self->warm_up_handler == 0)
    return;
  cancel_warm_up (self);
  if (self->text != NULL)
    warm_up_text (self->text);
}

static void
warm_up_after_paint_cb (GdkFrameClock        *clock,
                        GlossatorArticleView *self)
{
  cancel_warm_up (self);
  if (self->text != NULL)
    warm_up_text (self->text);
}

/* Segmenting waits for the frame that shows the document: on two cores it
 * would otherwise take one from the sidecar's reader or from drawing that
 * frame. A key pressed before it is done segments on the spot. */
static void
queue_warm_up (GlossatorArticleView *self)
{
  cancel_warm_up (self);
  if (self->text == NULL)
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    {
      /* No frame to wait for. */
      warm_up_text (self->text);
      return;
    }
  self->warm_up_clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self->text_view)));
  self->warm_up_handler = g_signal_connect (self->warm_up_clock, "after-paint",
                                            G_CALLBACK (warm_up_after_paint_cb), self);
}

static void
update_text_description (GlossatorArticleView *self)
{
  /* Nothing can be tagged in a read-only article: no advice on how to. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  self->read_only ? _("Read-only: mentions cannot be tagged or changed")
                                                  : _("Select text and press a label’s key to tag it"),
                                  -1);
}

void
glossator_article_view_set_document (GlossatorArticleView *self,
                                     GlossatorDocument    *document,
                                     GlossatorSchema      *schema,
                                     gboolean              read_only)
{
  GtkTextIter start;
  gboolean read_only_changed;
  gboolean kept;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_SCHEMA (schema));

  read_only = !!read_only;
  read_only_changed = read_only != self->read_only;
  self->read_only = read_only;

  if (document == self->document && schema == self->schema && self->preview == NULL)
    {
      _glossator_article_view_update_actions (self);
      gtk_widget_set_sensitive (GTK_WIDGET (self->palette), document != NULL && !read_only);
      if (read_only_changed)
        {
          update_text_description (self);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
        }
      return;
    }

  gtk_popover_popdown (GTK_POPOVER (self->popover));
  clear_search (self);
  disconnect_document (self);
  g_clear_pointer (&self->selected_mention, g_free);
  g_clear_pointer (&self->highlighted_entity, g_free);

  g_set_object (&self->document, document);
  g_set_object (&self->schema, (document != NULL ? schema : NULL));
  g_clear_pointer (&self->text, glossator_text_unref);
  self->length = 0;
  if (document != NULL)
    {
      self->text = glossator_text_ref (glossator_document_get_text (document));
      self->length = glossator_text_get_length (self->text);
    }

  /* The painter follows the document first (see load_text). Where the
   * reader went in the text shown meanwhile stays. */
  kept = load_text (self);
  if (!kept)
    {
      gtk_text_buffer_get_start_iter (self->buffer, &start);
      gtk_text_buffer_place_cursor (self->buffer, &start);
    }
  glossator_label_palette_set_schema (self->palette, self->schema);
  gtk_widget_set_sensitive (GTK_WIDGET (self->palette), document != NULL && !read_only);
  _glossator_article_view_update_menu (self);

  if (document != NULL)
    {
      g_signal_connect_object (document, "mention-changed", G_CALLBACK (mention_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "entity-changed", G_CALLBACK (entity_changed_cb), self,
                               G_CONNECT_SWAPPED);
      glossator_mention_painter_start (self->painter);
      /* A kept text may be scrolled away from its top: tag what shows
       * first. (A new text shows its top; finding the visible range of
       * one not laid out yet would take 0.1 s for 1 MB.) */
      if (kept)
        scrolled_cb (self);
    }
  queue_warm_up (self);

  if (glossator_search_bar_get_search_mode (self->search_bar))
    run_search (self);
  update_search_count (self);
  _glossator_article_view_update_actions (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_MENTION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_ENTITY]);
  if (read_only_changed)
    {
      update_text_description (self);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
    }
}

void
glossator_article_view_show_text (GlossatorArticleView *self,
                                  GBytes               *text)
{
  GtkTextIter start;
  gconstpointer data;
  gsize size;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  if (self->document != NULL)
    glossator_article_view_set_document (self, NULL, NULL, TRUE);
  g_clear_pointer (&self->preview, g_bytes_unref);

  data = text != NULL ? g_bytes_get_data (text, &size) : NULL;
  if (data == NULL || !g_utf8_validate (data, (gssize) size, NULL))
    {
      gtk_text_buffer_set_text (self->buffer, "", 0);
      return;
    }

  {
    /* GTK 4.8's accessibility hands the inserted text to D-Bus as a C
     * string: text not followed by a NUL sends what lies past it. */
    g_autofree char *terminated = g_strndup (data, size);

    gtk_text_buffer_set_text (self->buffer, terminated, (int) size);
  }
  self->preview = g_bytes_ref (text);
  gtk_text_buffer_get_start_iter (self->buffer, &start);
  gtk_text_buffer_place_cursor (self->buffer, &start);
}

GlossatorDocument *
glossator_article_view_get_document (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return self->document;
}

GlossatorSchema *
glossator_article_view_get_schema (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return self->schema;
}

gboolean
glossator_article_view_get_read_only (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  return self->read_only;
}

void
glossator_article_view_begin_search (GlossatorArticleView *self)
{
  g_autofree char *selected = NULL;
  GtkTextIter a, b;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  /* A short selection is what the user wants to find. */
  if (_glossator_article_view_has_text_selection (self) && gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b) &&
      gtk_text_iter_get_line (&a) == gtk_text_iter_get_line (&b) &&
      gtk_text_iter_get_offset (&b) - gtk_text_iter_get_offset (&a) <= 200)
    selected = gtk_text_buffer_get_text (self->buffer, &a, &b, FALSE);
  glossator_search_bar_begin (self->search_bar, selected);
}

void
glossator_article_view_select_mention (GlossatorArticleView *self,
                                       const char           *mention_id)
{
  GlossatorMention *mention;
  GtkTextIter iter;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  _glossator_article_view_set_selected (self, mention_id);
  if ((mention = _glossator_article_view_get_selected (self)) == NULL || glossator_mention_is_orphaned (mention))
    return;

  _glossator_article_view_iter_at (self, &iter, glossator_mention_get_start (mention));
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  scroll_to_offset (self, glossator_mention_get_start (mention), glossator_mention_get_end (mention));
}

const char *
glossator_article_view_get_selected_mention (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return self->selected_mention;
}

void
glossator_article_view_set_text_size (GlossatorArticleView *self,
                                      guint                 points)
{
  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  points = CLAMP (points, 6, 72);
  if (points == self->text_size)
    return;
  self->text_size = points;
  update_text_size (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT_SIZE]);
}

guint
glossator_article_view_get_text_size (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), 0);

  return self->text_size;
}

void
glossator_article_view_set_snap_to_words (GlossatorArticleView *self,
                                          gboolean              snap)
{
  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  snap = !!snap;
  if (snap == self->snap_to_words)
    return;
  self->snap_to_words = snap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_WORDS]);
}

gboolean
glossator_article_view_get_snap_to_words (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  return self->snap_to_words;
}

void
glossator_article_view_set_highlighted_entity (GlossatorArticleView *self,
                                               const char           *entity_id)
{
  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  if (g_strcmp0 (entity_id, self->highlighted_entity) == 0)
    return;
  g_free (self->highlighted_entity);
  self->highlighted_entity = g_strdup (entity_id);
  glossator_mention_painter_set_highlighted_entity (self->painter, entity_id);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED_ENTITY]);
}

const char *
glossator_article_view_get_highlighted_entity (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return self->highlighted_entity;
}

/* Private API */

GtkTextView *
_glossator_article_view_get_text_view (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return self->text_view;
}

GtkTextTag *
_glossator_article_view_get_label_tag (GlossatorArticleView *self,
                                       const char           *label,
                                       gboolean              nested)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return glossator_mention_painter_get_label_tag (self->painter, label, nested);
}

void
_glossator_article_view_finish_tags (GlossatorArticleView *self)
{
  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  glossator_mention_painter_finish (self->painter);
}

gboolean
_glossator_article_view_is_building_tags (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  return glossator_mention_painter_is_building (self->painter);
}

gboolean
_glossator_article_view_is_warm_up_waiting (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  return self->warm_up_handler != 0;
}

void
_glossator_article_view_search (GlossatorArticleView *self,
                                const char           *text,
                                gboolean              whole_word,
                                gboolean              match_case)
{
  GtkTextIter from, end;
  guint offset;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));

  /* Each step below searches, selecting a match: the search starts from
   * where the selection (or the cursor) was, as one typed would. */
  gtk_text_buffer_get_selection_bounds (self->buffer, &from, &end);
  offset = gtk_text_iter_get_offset (&from);
  glossator_search_bar_set_whole_word (self->search_bar, whole_word);
  glossator_search_bar_set_match_case (self->search_bar, match_case);
  glossator_search_bar_set_text (self->search_bar, text);
  glossator_search_bar_set_search_mode (self->search_bar, TRUE);
  _glossator_article_view_iter_at (self, &from, offset);
  gtk_text_buffer_place_cursor (self->buffer, &from);
  /* search-changed comes after a delay; search now. */
  glossator_search_bar_search_now (self->search_bar);
}

guint
_glossator_article_view_get_n_search_hits (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), 0);

  return self->search_hits != NULL ? self->search_hits->len : 0;
}

int
_glossator_article_view_get_search_current (GlossatorArticleView *self,
                                            guint                *start,
                                            guint                *end)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), -1);

  if (self->search_current >= 0)
    {
      const GlossatorSearchHit *hit = &g_array_index (self->search_hits, GlossatorSearchHit,
                                                      self->search_current);

      if (start != NULL)
        *start = hit->start;
      if (end != NULL)
        *end = hit->end;
    }
  return self->search_current;
}

gboolean
_glossator_article_view_search_step (GlossatorArticleView *self,
                                     gboolean              backward)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  return search_step (self, backward);
}

GtkWidget *
_glossator_article_view_annotate_all (GlossatorArticleView *self)
{
  GlossatorMention *mention;

  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  mention = _glossator_article_view_get_target (self);
  return mention != NULL ? annotate_all (self, mention->id) : NULL;
}

GtkWidget *
_glossator_article_view_edit_mention (GlossatorArticleView *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), NULL);

  return edit_mention (self, _glossator_article_view_get_target (self));
}

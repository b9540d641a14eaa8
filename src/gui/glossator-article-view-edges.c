/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article-view"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-article-view-private.h"

/* Moving the selected mention's edges, with the focus in the text:
 *   Alt+Shift+Left, Alt+Shift+Right       its end a word earlier / later
 *   Alt+Shift+Up, Alt+Shift+Down          its start a word earlier / later
 *   Alt+Shift+Page Up, Alt+Shift+Page Down  its end a character earlier / later
 *   Alt+Shift+Home, Alt+Shift+End         its start a character earlier / later
 * and by dragging either edge with the mouse (the pointer turns into a
 * resize arrow over one). Ctrl+Alt and Ctrl+Alt+Shift with the arrows
 * belong to the desktop (workspaces); Alt+arrows step through mentions
 * and articles. The move itself is glossator_document_step_mention_edge():
 * the mention stays the same one, its entity and stances with it. */

/* How far from an edge, in pixels, the pointer still grabs it. */
#define EDGE_GRAB_DISTANCE 4

typedef struct {
  guint             keyval;
  GlossatorEdge     edge;
  GlossatorEdgeStep step;
  gboolean          forward;
} EdgeKey;

static const EdgeKey edge_keys[] = {
  { GDK_KEY_Left, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, FALSE },
  { GDK_KEY_KP_Left, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, FALSE },
  { GDK_KEY_Right, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE },
  { GDK_KEY_KP_Right, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE },
  { GDK_KEY_Up, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, FALSE },
  { GDK_KEY_KP_Up, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, FALSE },
  { GDK_KEY_Down, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, TRUE },
  { GDK_KEY_KP_Down, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, TRUE },
  { GDK_KEY_Page_Up, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE },
  { GDK_KEY_KP_Page_Up, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE },
  { GDK_KEY_Page_Down, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE },
  { GDK_KEY_KP_Page_Down, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE },
  { GDK_KEY_Home, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE },
  { GDK_KEY_KP_Home, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE },
  { GDK_KEY_End, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE },
  { GDK_KEY_KP_End, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE },
};

#define EDGE_KEY_MODIFIERS (GDK_ALT_MASK | GDK_SHIFT_MASK)

/* Feedback: the mention's text after the move, or why it did not move. */
static void
announce_moved (GlossatorArticleView *self,
                const char           *mention_id,
                GlossatorEdge         edge)
{
  GlossatorMention *mention = glossator_document_get_mention (self->document, mention_id);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  GtkTextIter iter;

  if (mention == NULL)
    return;
  /* The cursor follows the edge, so that the view scrolls to it. */
  _glossator_article_view_iter_at (self, &iter, edge == GLOSSATOR_EDGE_START ? glossator_mention_get_start (mention)
                                                                               : glossator_mention_get_end (mention));
  gtk_text_buffer_place_cursor (self->buffer, &iter);
  gtk_text_view_scroll_to_iter (self->text_view, &iter, 0.1, FALSE, 0, 0);
  _glossator_article_view_set_selected (self, mention_id);

  text = _glossator_article_view_dup_short_text (self, mention);
  message = edge == GLOSSATOR_EDGE_START ?
            /* Translators: feedback after moving a mention's start: its new text */
            g_strdup_printf (_("Start moved: “%s”"), text) :
            /* Translators: feedback after moving a mention's end: its new text */
            g_strdup_printf (_("End moved: “%s”"), text);
  _glossator_article_view_announce (self, message, TRUE);
}

static void
announce_refused (GlossatorArticleView *self,
                  const GError         *error)
{
  g_autofree char *message = NULL;

  _glossator_article_view_error_bell (self);
  /* Translators: feedback when a mention's edge cannot move; the reason */
  message = g_strdup_printf (_("Not moved: %s"), error->message);
  _glossator_article_view_announce (self, message, FALSE);
}

static gboolean
move_edge (GlossatorArticleView *self,
           const EdgeKey        *key)
{
  GlossatorMention *mention = _glossator_article_view_get_selected (self);
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;

  /* Without a selected mention the keys are the text's. */
  if (self->document == NULL || mention == NULL)
    return FALSE;
  if (self->read_only)
    {
      _glossator_article_view_error_bell (self);
      return TRUE;
    }
  id = g_strdup (mention->id);
  if (!glossator_document_step_mention_edge (self->document, id, key->edge, key->step, key->forward,
                                             self->snap_to_words, &error))
    announce_refused (self, error);
  else
    announce_moved (self, id, key->edge);
  return TRUE;
}

static gboolean
edge_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (gtk_widget_get_ancestor (widget,
                                                                                GLOSSATOR_TYPE_ARTICLE_VIEW));

  return move_edge (self, user_data);
}

gboolean
_glossator_article_view_run_edge_key (GlossatorArticleView *self,
                                      guint                 keyval,
                                      GdkModifierType       state)
{
  if ((state & gtk_accelerator_get_default_mod_mask ()) != EDGE_KEY_MODIFIERS)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (edge_keys); i++)
    if (edge_keys[i].keyval == keyval)
      return move_edge (self, &edge_keys[i]);
  return FALSE;
}

/* Dragging an edge */

/* The selected mention's edge at widget point (@x, @y), if any. */
static gboolean
edge_at_point (GlossatorArticleView *self,
               double                x,
               double                y,
               GlossatorEdge        *edge)
{
  GlossatorMention *mention = _glossator_article_view_get_selected (self);
  const GlossatorSpan *first, *last;
  GdkRectangle start_rect, end_rect;
  GtkTextIter iter;
  int bx, by;

  if (mention == NULL || self->read_only || mention->n_fragments == 0)
    return FALSE;
  first = &mention->fragments[0];
  last = &mention->fragments[mention->n_fragments - 1];
  if (!glossator_fragment_is_shown (first, self->length) || !glossator_fragment_is_shown (last, self->length))
    return FALSE;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  _glossator_article_view_iter_at (self, &iter, first->start);
  gtk_text_view_get_iter_location (self->text_view, &iter, &start_rect);
  /* The end is the right side of the last grapheme cluster: the end
   * offset itself may sit on the next line. */
  _glossator_article_view_iter_at (self, &iter, last->end);
  gtk_text_iter_backward_cursor_position (&iter);
  gtk_text_view_get_iter_location (self->text_view, &iter, &end_rect);

  if (by >= end_rect.y && by < end_rect.y + end_rect.height &&
      ABS (bx - (end_rect.x + end_rect.width)) <= EDGE_GRAB_DISTANCE)
    {
      *edge = GLOSSATOR_EDGE_END;
      return TRUE;
    }
  if (by >= start_rect.y && by < start_rect.y + start_rect.height &&
      ABS (bx - start_rect.x) <= EDGE_GRAB_DISTANCE)
    {
      *edge = GLOSSATOR_EDGE_START;
      return TRUE;
    }
  return FALSE;
}

/* The character boundary nearest to widget point (@x, @y). */
static guint
boundary_at_point (GlossatorArticleView *self,
                   double                x,
                   double                y)
{
  GtkTextIter iter;
  int bx, by, trailing = 0;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, (int) x, (int) y, &bx, &by);
  gtk_text_view_get_iter_at_position (self->text_view, &iter, &trailing, bx, by);
  gtk_text_iter_forward_chars (&iter, trailing);
  return (guint) gtk_text_iter_get_offset (&iter);
}

static void
update_edge_cursor (GlossatorArticleView *self,
                    double                x,
                    double                y)
{
  GlossatorEdge edge;
  gboolean over = self->dragged_edge >= 0 || edge_at_point (self, x, y, &edge);

  if (over == self->over_edge)
    return;
  self->over_edge = over;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), over ? "col-resize" : "text");
}

static void
edge_motion_cb (GlossatorArticleView     *self,
                double                    x,
                double                    y,
                GtkEventControllerMotion *controller)
{
  update_edge_cursor (self, x, y);
}

static void
drag_begin_cb (GlossatorArticleView *self,
               double                x,
               double                y,
               GtkGestureDrag       *gesture)
{
  GlossatorEdge edge;

  if (!edge_at_point (self, x, y, &edge))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  /* Neither a click on the mention nor a text selection. */
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  self->dragged_edge = edge;
  self->drag_start_x = x;
  self->drag_start_y = y;
}

static void
drag_update_cb (GlossatorArticleView *self,
                double                dx,
                double                dy,
                GtkGestureDrag       *gesture)
{
  GtkTextIter iter;

  if (self->dragged_edge < 0)
    return;
  /* The cursor shows where the edge will land. */
  _glossator_article_view_iter_at (self, &iter, boundary_at_point (self, self->drag_start_x + dx,
                                                                   self->drag_start_y + dy));
  gtk_text_buffer_place_cursor (self->buffer, &iter);
}

static void
drag_end_cb (GlossatorArticleView *self,
             double                dx,
             double                dy,
             GtkGestureDrag       *gesture)
{
  GlossatorMention *mention = _glossator_article_view_get_selected (self);
  GlossatorEdge edge = self->dragged_edge;
  g_autofree char *id = NULL;
  g_autoptr(GError) error = NULL;
  guint64 revision;
  double x = self->drag_start_x + dx, y = self->drag_start_y + dy;

  if (self->dragged_edge < 0)
    return;
  self->dragged_edge = -1;
  if (mention == NULL || self->document == NULL)
    return;
  id = g_strdup (mention->id);
  revision = glossator_document_get_revision (self->document);
  if (!glossator_document_move_mention_edge (self->document, id, edge, boundary_at_point (self, x, y),
                                             self->snap_to_words, &error))
    announce_refused (self, error);
  else if (glossator_document_get_revision (self->document) != revision)
    announce_moved (self, id, edge);
  update_edge_cursor (self, x, y);
}

void
_glossator_article_view_edges_init (GlossatorArticleView *self)
{
  GtkEventController *controller;
  GtkGesture *gesture;

  self->dragged_edge = -1;

  controller = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (edge_keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (edge_keys[i].keyval,
                                                                                    EDGE_KEY_MODIFIERS),
                                                            gtk_callback_action_new (edge_key_cb,
                                                                                     (gpointer) &edge_keys[i],
                                                                                     NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);

  /* Before the view's click gesture, which would select whatever lies
   * under the press. */
  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
  g_signal_connect_object (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-update", G_CALLBACK (drag_update_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (gesture, "drag-end", G_CALLBACK (drag_end_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_motion_new ();
  g_signal_connect_object (controller, "motion", G_CALLBACK (edge_motion_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
}

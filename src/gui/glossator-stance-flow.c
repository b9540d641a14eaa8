/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stance-flow"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "glossator-article-view-private.h"
#include "glossator-colors.h"
#include "glossator-label-palette.h"
#include "glossator-mention-text.h"
#include "glossator-stance-editor.h"
#include "glossator-stance-flow-private.h"

#define FLOW_KEY "glossator-stance-flow"

struct _GlossatorStanceFlow {
  GObject                parent_instance;

  GlossatorArticleView  *view;     /* weak: the view owns the flow */
  GlossatorStancesPanel *panel;    /* weak */
  GtkTextBuffer         *buffer;   /* the one the highlight tags are in */
  char                  *shown;    /* stance highlighted */
  guint                  click_idle;
  gboolean               dark;
};

G_DEFINE_FINAL_TYPE (GlossatorStanceFlow, glossator_stance_flow, G_TYPE_OBJECT)

static GtkTextView *
get_text_view (GlossatorStanceFlow *self)
{
  return self->view != NULL ? _glossator_article_view_get_text_view (self->view) : NULL;
}

static GlossatorDocument *
get_document (GlossatorStanceFlow *self)
{
  return self->view != NULL ? glossator_article_view_get_document (self->view) : NULL;
}

static gboolean
is_editing (GlossatorStanceFlow *self)
{
  return self->panel != NULL && glossator_stances_panel_is_editing (self->panel);
}

/* Highlight */

/* Only tints and underlines: nothing that changes the text's size, which
 * would lay out the whole article again. */
static void
style_tags (GlossatorStanceFlow *self)
{
  GtkTextTagTable *table;
  GtkTextTag *tag;
  GdkRGBA evidence;

  if (self->buffer == NULL)
    return;
  table = gtk_text_buffer_get_tag_table (self->buffer);
  /* A line, not a pale fill that could pass for a label's tint. */
  gdk_rgba_parse (&evidence, glossator_mark_color (GLOSSATOR_MARK_EVIDENCE, self->dark));

  if ((tag = gtk_text_tag_table_lookup (table, GLOSSATOR_STANCE_EVIDENCE_TAG)) != NULL)
    g_object_set (tag,
                  "underline", PANGO_UNDERLINE_ERROR,
                  "underline-rgba", &evidence,
                  NULL);
}

static GtkTextTag *
ensure_tag (GlossatorStanceFlow *self,
            const char          *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag == NULL)
    {
      tag = gtk_text_buffer_create_tag (self->buffer, name, NULL);
      style_tags (self);
    }
  /* Above the mention tints the view adds as labels appear; a priority
   * change relayouts the whole text, so only when needed. */
  if (gtk_text_tag_get_priority (tag) != gtk_text_tag_table_get_size (table) - 1)
    gtk_text_tag_set_priority (tag, gtk_text_tag_table_get_size (table) - 1);
  return tag;
}

static void
clear_highlight (GlossatorStanceFlow *self)
{
  GtkTextView *text_view = get_text_view (self);
  GtkTextTag *tag;
  GtkTextIter start, end;

  g_clear_pointer (&self->shown, g_free);
  if (text_view != NULL)
    glossator_mention_text_show_stance (GLOSSATOR_MENTION_TEXT (text_view), NULL);
  if (self->buffer == NULL)
    return;
  /* The view may have a new buffer by now; the old one keeps no tags. */
  if (text_view == NULL || gtk_text_view_get_buffer (text_view) != self->buffer)
    {
      g_clear_object (&self->buffer);
      return;
    }
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (self->buffer), GLOSSATOR_STANCE_EVIDENCE_TAG);
  if (tag != NULL)
    gtk_text_buffer_remove_tag (self->buffer, tag, &start, &end);
}

static gboolean
prepare_buffer (GlossatorStanceFlow *self)
{
  GtkTextView *text_view = get_text_view (self);
  GtkTextBuffer *buffer = text_view != NULL ? gtk_text_view_get_buffer (text_view) : NULL;

  if (buffer == NULL || get_document (self) == NULL)
    return FALSE;
  g_set_object (&self->buffer, buffer);
  return TRUE;
}

static void
tag_range (GlossatorStanceFlow *self,
           GtkTextTag          *tag,
           guint                start,
           guint                end)
{
  GtkTextIter a, b;
  guint length = (guint) gtk_text_buffer_get_char_count (self->buffer);

  if (start >= end || start >= length)
    return;
  gtk_text_buffer_get_iter_at_offset (self->buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, &b, (int) MIN (end, length));
  gtk_text_buffer_apply_tag (self->buffer, tag, &a, &b);
}

static void
scroll_to (GlossatorStanceFlow *self,
           guint                offset,
           gboolean             center)
{
  glossator_mention_text_scroll_to (GLOSSATOR_MENTION_TEXT (get_text_view (self)), offset, center ? 0.3 : -1.0);
}

/* The text view draws the stance: margin marks for every stance, and for
 * this one its evidence, holder and target joined (glossator-mention-
 * text-stances.c); @scroll brings its evidence (else its holder or
 * target) into view. */
static void
show_stance (GlossatorStanceFlow *self,
             const char          *stance_id,
             gboolean             scroll)
{
  GlossatorDocument *document;
  GlossatorMentionText *text;
  GlossatorStance *stance;
  GlossatorStanceLink link;
  guint start = G_MAXUINT;

  clear_highlight (self);
  document = get_document (self);
  if (stance_id == NULL || document == NULL || !prepare_buffer (self) ||
      (stance = glossator_document_get_stance (document, stance_id)) == NULL)
    return;
  self->shown = g_strdup (stance_id);
  text = GLOSSATOR_MENTION_TEXT (get_text_view (self));
  glossator_mention_text_show_stance (text, stance_id);
  if (!scroll)
    return;

  for (guint i = 0; i < stance->n_evidence; i++)
    if (!stance->evidence[i].orphaned)
      start = MIN (start, stance->evidence[i].start);
  if (start == G_MAXUINT)
    {
      glossator_mention_text_get_stance_link (text, &link);
      if (link.holder.mention != NULL)
        start = glossator_mention_get_start (link.holder.mention);
      else if (link.target.mention != NULL)
        start = glossator_mention_get_start (link.target.mention);
      glossator_stance_link_clear (&link);
    }
  if (start != G_MAXUINT)
    scroll_to (self, start, TRUE);
}

void
glossator_stance_flow_show_stance (GlossatorStanceFlow *self,
                                   const char          *stance_id)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_FLOW (self));

  show_stance (self, stance_id, TRUE);
}

/* The evidence of the stance being edited, while it is edited. */
static void
show_editor_evidence (GlossatorStanceFlow *self)
{
  GlossatorStanceEditor *editor = glossator_stances_panel_get_editor (self->panel);
  guint start, end;

  clear_highlight (self);
  if (!glossator_stance_editor_get_active (editor) || !prepare_buffer (self) ||
      !glossator_stance_editor_get_evidence (editor, &start, &end))
    return;
  tag_range (self, ensure_tag (self, GLOSSATOR_STANCE_EVIDENCE_TAG), start, end);
  scroll_to (self, start, FALSE);
}

/* Starting a stance */

static GlossatorMention *
mention_at (GlossatorDocument *document,
            guint              offset)
{
  g_autoptr(GPtrArray) mentions = glossator_document_mentions_at (document, offset);
  GlossatorMention *innermost = NULL;

  /* The innermost: the shortest of the nested ones. */
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];

      if (innermost == NULL ||
          glossator_mention_get_end (mention) - glossator_mention_get_start (mention) <
          glossator_mention_get_end (innermost) - glossator_mention_get_start (innermost))
        innermost = mention;
    }
  return innermost;
}

/* As the view: the selected mention, else the one at the cursor (or just
 * before it, where word-wise movement stops). */
static GlossatorMention *
current_mention (GlossatorStanceFlow *self,
                 guint                cursor)
{
  GlossatorDocument *document = get_document (self);
  const char *id = glossator_article_view_get_selected_mention (self->view);
  GlossatorMention *mention = id != NULL ? glossator_document_get_mention (document, id) : NULL;

  if (mention != NULL)
    return mention;
  mention = mention_at (document, cursor);
  if (mention == NULL && cursor > 0)
    mention = mention_at (document, cursor - 1);
  return mention;
}

/* The innermost mention holding all of [start, end), or NULL. */
static GlossatorMention *
mention_around (GlossatorDocument *document,
                guint              start,
                guint              end)
{
  g_autoptr(GPtrArray) mentions = glossator_document_mentions_in_range (document, start, end);
  GlossatorMention *innermost = NULL;

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      guint m_start = glossator_mention_get_start (mention);
      guint m_end = glossator_mention_get_end (mention);

      if (m_start <= start && m_end >= end &&
          (innermost == NULL ||
           m_end - m_start < glossator_mention_get_end (innermost) - glossator_mention_get_start (innermost)))
        innermost = mention;
    }
  return innermost;
}

static gboolean
get_selection (GlossatorStanceFlow *self,
               guint               *start,
               guint               *end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (get_text_view (self));
  GtkTextIter a, b;

  if (!gtk_text_buffer_get_selection_bounds (buffer, &a, &b))
    return FALSE;
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b);
  if (glossator_article_view_get_snap_to_words (self->view))
    glossator_text_snap_to_words (glossator_document_get_text (get_document (self)), start, end);
  return *start < *end;
}

gboolean
glossator_stance_flow_begin (GlossatorStanceFlow *self,
                             gboolean             author)
{
  GlossatorDocument *document;
  GlossatorMention *mention = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  guint start = 0, end = 0, offset;
  gboolean has_selection;

  g_return_val_if_fail (GLOSSATOR_IS_STANCE_FLOW (self), FALSE);

  document = get_document (self);
  if (document == NULL || self->panel == NULL || glossator_article_view_get_read_only (self->view))
    return FALSE;

  buffer = gtk_text_view_get_buffer (get_text_view (self));
  gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
  offset = gtk_text_iter_get_offset (&cursor);
  has_selection = get_selection (self, &start, &end);
  /* A text selection and a selected mention exclude each other; a
   * selection inside one mention (a search match, say) means that
   * mention. */
  if (has_selection)
    mention = mention_around (document, start, end);
  else
    mention = current_mention (self, offset);
  if (mention != NULL)
    has_selection = FALSE;

  if (!has_selection && (mention != NULL || !author))
    glossator_text_get_sentence (glossator_document_get_text (document),
                                 mention != NULL ? glossator_mention_get_start (mention) : offset,
                                 &start, &end);

  if (author)
    return glossator_stances_panel_begin_stance (self->panel, GLOSSATOR_HOLDER_AUTHOR, NULL,
                                                 mention != NULL ? mention->entity_id : NULL, start, end);
  if (mention != NULL && mention->entity_id != NULL)
    return glossator_stances_panel_begin_stance (self->panel, GLOSSATOR_HOLDER_ENTITY, mention->entity_id,
                                                 NULL, start, end);
  return glossator_stances_panel_begin_stance (self->panel, GLOSSATOR_HOLDER_UNSPECIFIED, NULL, NULL,
                                               start, end);
}

/* Stepping through stances */

/* Where a stance is in the text: its evidence, else its holder's or its
 * target's first mention; G_MAXUINT for none. */
static guint
stance_position (GlossatorDocument *document,
                 GlossatorStance   *stance)
{
  const char *entities[2] = {
    stance->holder_kind == GLOSSATOR_HOLDER_ENTITY ? stance->holder_entity : NULL,
    stance->target_kind == GLOSSATOR_TARGET_ENTITY ? stance->target : NULL,
  };
  guint position = G_MAXUINT;

  for (guint i = 0; i < stance->n_evidence; i++)
    if (!stance->evidence[i].orphaned)
      position = MIN (position, stance->evidence[i].start);
  for (guint e = 0; e < G_N_ELEMENTS (entities) && position == G_MAXUINT; e++)
    if (entities[e] != NULL)
      {
        g_autoptr(GPtrArray) mentions = glossator_document_list_entity_mentions (document, entities[e]);

        for (guint i = 0; i < mentions->len; i++)
          if (!glossator_mention_is_orphaned (mentions->pdata[i]))
            position = MIN (position, glossator_mention_get_start (mentions->pdata[i]));
      }
  return position;
}

typedef struct {
  guint            position;
  GlossatorStance *stance;
} Placed;

static int
placed_compare (gconstpointer a,
                gconstpointer b)
{
  const Placed *pa = a, *pb = b;

  if (pa->position != pb->position)
    return pa->position < pb->position ? -1 : 1;
  return g_strcmp0 (pa->stance->id, pb->stance->id);
}

/* ] and [: the next or previous stance in the text's order, from the one
 * shown or else from the cursor, selected in the panel (which shows
 * itself) and announced. */
static gboolean
step_stance (GlossatorStanceFlow *self,
             gboolean             backward)
{
  GlossatorDocument *document = get_document (self);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (document);
  g_autoptr(GArray) placed = g_array_sized_new (FALSE, FALSE, sizeof (Placed), stances->len);
  g_autofree char *summary = NULL;
  g_autofree char *message = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter cursor;
  GlossatorStance *chosen;
  guint n, index = G_MAXUINT, offset;

  if (self->panel == NULL || stances->len == 0)
    return FALSE;
  for (guint i = 0; i < stances->len; i++)
    {
      Placed p = { stance_position (document, stances->pdata[i]), stances->pdata[i] };

      g_array_append_val (placed, p);
    }
  g_array_sort (placed, placed_compare);
  n = placed->len;
  for (guint i = 0; i < n && self->shown != NULL; i++)
    if (g_str_equal (g_array_index (placed, Placed, i).stance->id, self->shown))
      index = backward ? (i + n - 1) % n : (i + 1) % n;
  if (index == G_MAXUINT)
    {
      buffer = gtk_text_view_get_buffer (get_text_view (self));
      gtk_text_buffer_get_iter_at_mark (buffer, &cursor, gtk_text_buffer_get_insert (buffer));
      offset = gtk_text_iter_get_offset (&cursor);
      index = backward ? n - 1 : 0;
      for (guint i = 0; i < n; i++)
        {
          guint position = g_array_index (placed, Placed, i).position;

          if (backward && position < offset)
            index = i;
          else if (!backward && position >= offset)
            {
              index = i;
              break;
            }
        }
    }
  chosen = g_array_index (placed, Placed, index).stance;

  glossator_stances_panel_reveal (self->panel);
  glossator_stances_panel_select_stance (self->panel, chosen->id);
  /* A filter may hide its row in the panel: shown all the same. */
  if (g_strcmp0 (self->shown, chosen->id) != 0)
    show_stance (self, chosen->id, TRUE);

  summary = glossator_stance_dup_summary (chosen, document);
  /* Translators: announced when a key steps to a stance: its number, how many, “holder → target: polarity” */
  message = g_strdup_printf (_("Stance %u of %u: %s"), index + 1, n, summary);
  _glossator_article_view_announce (self->view, message, FALSE);
  return TRUE;
}

static void
jump_stance_end (GlossatorStanceFlow *self)
{
  g_autofree char *message = NULL;

  message = glossator_mention_text_jump_stance_end (GLOSSATOR_MENTION_TEXT (get_text_view (self)));
  if (message == NULL)
    gtk_widget_error_bell (GTK_WIDGET (get_text_view (self)));
  else
    _glossator_article_view_announce (self->view, message, FALSE);
}

/* A label with the key keeps it: the schema's keys come first. */
static gboolean
key_is_label (GlossatorStanceFlow *self,
              gunichar             c)
{
  GlossatorSchema *schema = glossator_article_view_get_schema (self->view);

  return schema != NULL && glossator_schema_find_label_by_key (schema, c) != NULL;
}

gboolean
_glossator_stance_flow_handle_key (GlossatorStanceFlow *self,
                                   guint                keyval,
                                   GdkModifierType      state)
{
  GtkTextView *text_view = get_text_view (self);
  GdkModifierType modifiers = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK | GDK_META_MASK);

  /* Only in the text: the search entry takes letters. */
  if (text_view == NULL || !gtk_widget_has_focus (GTK_WIDGET (text_view)) || get_document (self) == NULL)
    return FALSE;

  if (modifiers == GDK_CONTROL_MASK && (state & GDK_SHIFT_MASK) == 0 && (keyval == GDK_KEY_j || keyval == GDK_KEY_J))
    {
      if (self->shown == NULL || is_editing (self))
        return FALSE;
      jump_stance_end (self);
      return TRUE;
    }
  if (modifiers != 0)
    return FALSE;
  if ((keyval == GDK_KEY_bracketright || keyval == GDK_KEY_bracketleft) && !is_editing (self) &&
      !key_is_label (self, gdk_keyval_to_unicode (keyval)))
    {
      if (!step_stance (self, keyval == GDK_KEY_bracketleft))
        gtk_widget_error_bell (GTK_WIDGET (text_view));
      return TRUE;
    }
  if (keyval != GDK_KEY_s && keyval != GDK_KEY_S)
    return FALSE;
  if (key_is_label (self, 's'))
    return FALSE;

  if (!glossator_stance_flow_begin (self, (state & GDK_SHIFT_MASK) != 0))
    gtk_widget_error_bell (GTK_WIDGET (text_view));
  return TRUE;
}

static gboolean
key_pressed_cb (GlossatorStanceFlow   *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return _glossator_stance_flow_handle_key (self, keyval, state);
}

/* While editing */

void
_glossator_stance_flow_mention_clicked (GlossatorStanceFlow *self)
{
  GlossatorStanceEditor *editor;
  GlossatorDocument *document = get_document (self);
  GlossatorMention *mention;
  const char *id;
  guint start, end;

  if (!is_editing (self) || document == NULL)
    return;
  editor = glossator_stances_panel_get_editor (self->panel);
  id = glossator_article_view_get_selected_mention (self->view);
  if (id == NULL || (mention = glossator_document_get_mention (document, id)) == NULL ||
      mention->entity_id == NULL || get_selection (self, &start, &end))
    return;
  glossator_stance_editor_pick_entity (editor, mention->entity_id);
  glossator_stance_editor_focus_pending (editor);
}

static gboolean
click_idle_cb (gpointer user_data)
{
  GlossatorStanceFlow *self = user_data;

  self->click_idle = 0;
  _glossator_stance_flow_mention_clicked (self);
  return G_SOURCE_REMOVE;
}

static void
pressed_cb (GlossatorStanceFlow *self,
            int                  n_press,
            double               x,
            double               y,
            GtkGestureClick     *gesture)
{
  /* The view selects the clicked mention during this same press; look once
   * it has. */
  if (is_editing (self) && self->click_idle == 0)
    self->click_idle = g_idle_add_full (G_PRIORITY_DEFAULT, click_idle_cb, g_object_ref (self), g_object_unref);
}

static gboolean
use_selection_cb (GlossatorStanceFlow   *self,
                  GlossatorStanceEditor *editor)
{
  guint start, end;

  if (self->view == NULL || get_document (self) == NULL || !get_selection (self, &start, &end))
    return FALSE;
  glossator_stance_editor_set_evidence (editor, start, end);
  return TRUE;
}

static void
evidence_changed_cb (GlossatorStanceFlow *self)
{
  if (is_editing (self))
    show_editor_evidence (self);
}

static void
editing_finished_cb (GlossatorStanceFlow   *self,
                     const char            *stance_id,
                     GlossatorStancesPanel *panel)
{
  GtkTextView *text_view = get_text_view (self);

  glossator_stance_flow_show_stance (self, stance_id);
  /* Back to the text for the next mention. */
  if (text_view != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (text_view));
}

static void
stance_selected_cb (GlossatorStanceFlow   *self,
                    const char            *stance_id,
                    GlossatorStancesPanel *panel)
{
  if (!is_editing (self))
    glossator_stance_flow_show_stance (self, stance_id);
}

static gboolean
new_stance_cb (GlossatorStanceFlow   *self,
               gboolean               author,
               GlossatorStancesPanel *panel)
{
  return glossator_stance_flow_begin (self, author);
}

/* Following the view */

static void
sync_document (GlossatorStanceFlow *self)
{
  GlossatorDocument *document;

  clear_highlight (self);
  g_clear_object (&self->buffer);
  if (self->view == NULL || self->panel == NULL)
    return;
  document = glossator_article_view_get_document (self->view);
  glossator_stances_panel_set_document (self->panel, document,
                                        document != NULL ? glossator_article_view_get_schema (self->view) : NULL,
                                        glossator_article_view_get_read_only (self->view));
}

static void
dark_changed_cb (GlossatorStanceFlow *self,
                 GParamSpec          *pspec,
                 AdwStyleManager     *style_manager)
{
  self->dark = adw_style_manager_get_dark (style_manager);
  style_tags (self);
}

/* The drawing goes with the panel: switching to another side panel
 * clears it, coming back draws the selected stance again, unscrolled. */
static void
panel_map_cb (GlossatorStanceFlow *self,
              GtkWidget           *panel)
{
  const char *selected = glossator_stances_panel_get_selected_stance (self->panel);

  if (!is_editing (self) && selected != NULL)
    show_stance (self, selected, FALSE);
}

static void
panel_unmap_cb (GlossatorStanceFlow *self,
                GtkWidget           *panel)
{
  if (!is_editing (self))
    show_stance (self, NULL, FALSE);
}

static void
connect_panel (GlossatorStanceFlow   *self,
               GlossatorStancesPanel *panel)
{
  GlossatorStanceEditor *editor;

  if (self->panel == panel)
    return;
  if (self->panel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->panel, self);
      g_signal_handlers_disconnect_by_data (glossator_stances_panel_get_editor (self->panel), self);
    }
  g_set_weak_pointer (&self->panel, panel);
  if (panel == NULL)
    return;

  editor = glossator_stances_panel_get_editor (panel);
  g_signal_connect_object (panel, "new-stance", G_CALLBACK (new_stance_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "stance-selected", G_CALLBACK (stance_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "editing-finished", G_CALLBACK (editing_finished_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "map", G_CALLBACK (panel_map_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (panel, "unmap", G_CALLBACK (panel_unmap_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "use-selection", G_CALLBACK (use_selection_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (editor, "evidence-changed", G_CALLBACK (evidence_changed_cb), self, G_CONNECT_SWAPPED);
}

GlossatorStanceFlow *
glossator_stance_flow_get (GlossatorArticleView *view)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (view), NULL);

  return g_object_get_data (G_OBJECT (view), FLOW_KEY);
}

GlossatorStanceFlow *
glossator_stance_flow_attach (GlossatorArticleView  *view,
                              GlossatorStancesPanel *panel,
                              GFile                 *schema_folder)
{
  GlossatorStanceFlow *self;
  GtkEventController *controller;
  GtkGesture *gesture;

  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (view), NULL);
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (panel), NULL);
  g_return_val_if_fail (schema_folder == NULL || G_IS_FILE (schema_folder), NULL);

  self = glossator_stance_flow_get (view);
  if (self == NULL)
    {
      self = g_object_new (GLOSSATOR_TYPE_STANCE_FLOW, NULL);
      g_set_weak_pointer (&self->view, view);
      g_object_set_data_full (G_OBJECT (view), FLOW_KEY, self, g_object_unref);

      /* Capture on the view runs before the text view's own keys. */
      controller = gtk_event_controller_key_new ();
      gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
      g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (view), controller);

      gesture = gtk_gesture_click_new ();
      gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
      gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (gesture), GTK_PHASE_CAPTURE);
      g_signal_connect_object (gesture, "pressed", G_CALLBACK (pressed_cb), self, G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (_glossator_article_view_get_text_view (view)),
                                 GTK_EVENT_CONTROLLER (gesture));

      g_signal_connect_object (view, "notify::document", G_CALLBACK (sync_document), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view, "notify::read-only", G_CALLBACK (sync_document), self, G_CONNECT_SWAPPED);
    }

  connect_panel (self, panel);
  glossator_stances_panel_set_schema_folder (panel, schema_folder);
  sync_document (self);
  return self;
}

/* GObject */

static void
glossator_stance_flow_dispose (GObject *object)
{
  GlossatorStanceFlow *self = GLOSSATOR_STANCE_FLOW (object);

  g_clear_handle_id (&self->click_idle, g_source_remove);
  connect_panel (self, NULL);
  g_clear_weak_pointer (&self->view);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (glossator_stance_flow_parent_class)->dispose (object);
}

static void
glossator_stance_flow_finalize (GObject *object)
{
  GlossatorStanceFlow *self = GLOSSATOR_STANCE_FLOW (object);

  g_free (self->shown);

  G_OBJECT_CLASS (glossator_stance_flow_parent_class)->finalize (object);
}

static void
glossator_stance_flow_class_init (GlossatorStanceFlowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_stance_flow_dispose;
  object_class->finalize = glossator_stance_flow_finalize;
}

static void
glossator_stance_flow_init (GlossatorStanceFlow *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  self->dark = adw_style_manager_get_dark (style_manager);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);
}

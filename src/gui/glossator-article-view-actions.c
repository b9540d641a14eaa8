/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article-view"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-article-view-private.h"

/* Keys, with the focus anywhere in the view (the search entry included):
 *   F3, Shift+F3            next / previous search match, or mention of the
 *   Ctrl+G, Ctrl+Shift+G    highlighted entity when no search is active
 *   Ctrl+F                  search (Enter, Shift+Enter in its entry: next, previous;
 *                           the current match is the text selection)
 * with the focus in the text:
 *   1…9, a label's letter   tag the selection, or relabel the selected
 *                           mention / the innermost mention at the cursor
 *   Delete, BackSpace       delete the selected mention
 *   Enter                   edit the selected mention (popover)
 *   Escape                  close the search (its match stays selected) / clear
 *                           the selection
 *   Alt+Right, Alt+Left     select the next / previous mention
 *   Ctrl+Shift+A            annotate all occurrences of the selected mention
 *   Menu, Shift+F10         context menu: Tag As, Edit, Annotate All, Delete
 * A double click on a mention edits it too.
 *
 * The fixed keys are shortcuts in the capture phase, of the view and of
 * the text view, so that they come before the text view's own keys
 * (Delete, BackSpace, Ctrl+Shift+A and Menu are its bindings too); a
 * class binding would come after them. A key a state gives no use to
 * goes on (FALSE). The labels' keys come from the schema: a key
 * controller. Every change they make is announced ("announce"). */

enum {
  ANNOUNCE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Feedback */

#define MAX_ANNOUNCED_CHARS 40

char *
_glossator_article_view_dup_short_text (GlossatorArticleView   *self,
                                        const GlossatorMention *mention)
{
  g_autofree char *text = glossator_mention_dup_text (mention, self->text);
  g_autofree char *oneline = g_strdelimit (g_strdup (text), "\r\n\t", ' ');

  if (g_utf8_strlen (oneline, -1) <= MAX_ANNOUNCED_CHARS)
    return g_steal_pointer (&oneline);
  *g_utf8_offset_to_pointer (oneline, MAX_ANNOUNCED_CHARS - 1) = '\0';
  return g_strconcat (oneline, "…", NULL);
}

void
_glossator_article_view_announce (GlossatorArticleView *self,
                                  const char           *message,
                                  gboolean              undoable)
{
  g_signal_emit (self, signals[ANNOUNCE], 0, message, undoable);
}

static void
announce_tagged (GlossatorArticleView *self,
                 const char           *mention_id)
{
  GlossatorMention *mention = glossator_document_get_mention (self->document, mention_id);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (mention == NULL)
    return;
  text = _glossator_article_view_dup_short_text (self, mention);
  /* Translators: feedback after tagging: the text, the label */
  message = g_strdup_printf (_("Tagged “%s” as %s"), text, mention->label);
  _glossator_article_view_announce (self, message, TRUE);
}

/* After the change: @old_label is what the mention had before. */
static void
announce_relabelled (GlossatorArticleView *self,
                     const char           *mention_id,
                     const char           *old_label)
{
  GlossatorMention *mention = glossator_document_get_mention (self->document, mention_id);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;

  if (mention == NULL)
    return;
  text = _glossator_article_view_dup_short_text (self, mention);
  if (g_strcmp0 (old_label, mention->label) == 0)
    {
      /* Translators: feedback when a label key gives a mention the label it has */
      message = g_strdup_printf (_("“%s” is already %s"), text, mention->label);
      _glossator_article_view_announce (self, message, FALSE);
      return;
    }
  /* Translators: feedback after relabelling: the text, the old and the new label */
  message = g_strdup_printf (_("Relabelled “%s”: %s → %s"), text, old_label, mention->label);
  _glossator_article_view_announce (self, message, TRUE);
}

/* Tagging, deleting, stepping */

static GlossatorMention *
find_same_span (GlossatorArticleView *self,
                guint                 start,
                guint                 end)
{
  g_autoptr(GPtrArray) mentions = glossator_document_mentions_in_range (self->document, start, end);

  for (guint i = mentions->len; i > 0; i--)
    {
      GlossatorMention *mention = mentions->pdata[i - 1];

      if (mention->n_fragments == 1 && !mention->fragments[0].orphaned &&
          mention->fragments[0].start == start && mention->fragments[0].end == end)
        return glossator_document_get_mention (self->document, mention->id);
    }
  return NULL;
}

static void
tag_selection (GlossatorArticleView *self,
               const char           *label)
{
  g_autoptr(GlossatorMention) created = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorMention *existing;
  GtkTextIter a, b;
  guint start, end;

  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &a, &b))
    return;
  start = gtk_text_iter_get_offset (&a);
  end = gtk_text_iter_get_offset (&b);

  /* Never split a grapheme (an emoji sequence, a letter and its accents). */
  start = glossator_text_snap_to_grapheme (self->text, start, FALSE);
  end = glossator_text_snap_to_grapheme (self->text, end, TRUE);
  if (self->snap_to_words)
    glossator_text_snap_to_words (self->text, &start, &end);
  else
    {
      while (start < end && g_unichar_isspace (glossator_text_get_char (self->text, start)))
        start++;
      while (end > start && g_unichar_isspace (glossator_text_get_char (self->text, end - 1)))
        end--;
    }
  if (start >= end)
    {
      _glossator_article_view_error_bell (self);
      return;
    }

  /* The same span again means a different label for it, not a duplicate. */
  if ((existing = find_same_span (self, start, end)) != NULL)
    {
      g_autofree char *id = g_strdup (existing->id);
      g_autofree char *old_label = g_strdup (existing->label);

      glossator_document_set_mention_label (self->document, id, label);
      _glossator_article_view_iter_at (self, &b, end);
      gtk_text_buffer_place_cursor (self->buffer, &b);
      _glossator_article_view_set_selected (self, id);
      announce_relabelled (self, id, old_label);
      return;
    }

  created = glossator_document_create_mention (self->document, label, &start, &end, 1, NULL, &error);
  if (created == NULL)
    {
      g_debug ("Could not tag %u–%u: %s", start, end, error->message);
      _glossator_article_view_error_bell (self);
      return;
    }

  _glossator_article_view_iter_at (self, &b, end);
  gtk_text_buffer_place_cursor (self->buffer, &b);
  _glossator_article_view_set_selected (self, created->id);
  announce_tagged (self, created->id);
}

void
_glossator_article_view_apply_label (GlossatorArticleView *self,
                                     const char           *label)
{
  GlossatorMention *mention;

  g_return_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self));
  g_return_if_fail (label != NULL);

  if (self->document == NULL)
    return;
  if (self->read_only)
    {
      _glossator_article_view_error_bell (self);
      return;
    }

  if (_glossator_article_view_has_text_selection (self))
    tag_selection (self, label);
  else if ((mention = _glossator_article_view_get_target (self)) != NULL)
    {
      g_autofree char *id = g_strdup (mention->id);
      g_autofree char *old_label = g_strdup (mention->label);

      glossator_document_set_mention_label (self->document, id, label);
      _glossator_article_view_set_selected (self, id);
      announce_relabelled (self, id, old_label);
    }
  else
    _glossator_article_view_error_bell (self);
}

static const char *
label_for_key (GlossatorArticleView *self,
               guint                 keyval)
{
  const GlossatorLabel *label = NULL;
  gunichar c = gdk_keyval_to_unicode (keyval);
  guint digit = 0;

  if (self->schema == NULL)
    return NULL;

  if (c != 0)
    {
      label = glossator_schema_find_label_by_key (self->schema, c);
      if (label == NULL)
        label = glossator_schema_find_label_by_key (self->schema, g_unichar_tolower (c));
      if (label != NULL)
        return label->name;
    }

  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    digit = keyval - GDK_KEY_1 + 1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    digit = keyval - GDK_KEY_KP_1 + 1;
  if (digit > 0 && digit <= glossator_schema_get_n_labels (self->schema))
    return glossator_schema_get_label (self->schema, digit - 1)->name;

  return NULL;
}

static void
delete_mention (GlossatorArticleView *self,
                GlossatorMention     *mention)
{
  g_autofree char *id = g_strdup (mention->id);
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;
  g_autofree char *message = NULL;

  if (self->read_only)
    {
      _glossator_article_view_error_bell (self);
      return;
    }
  text = _glossator_article_view_dup_short_text (self, mention);
  label = g_strdup (mention->label);
  if (!glossator_document_delete_mention (self->document, id))
    return;
  /* Translators: feedback after deleting a mention: its text and label */
  message = g_strdup_printf (_("Deleted “%s” (%s)"), text, label);
  _glossator_article_view_announce (self, message, TRUE);
}

/* The mention after (before) the selected one in text order, nested ones
 * included; without a selection, the first one starting after (the last
 * one starting before) the cursor. */
static GlossatorMention *
neighbour_mention (GlossatorArticleView *self,
                   gboolean              backward)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (self->document);
  GlossatorMention *current = _glossator_article_view_get_selected (self);
  int i = -1, n = (int) mentions->len;

  if (current != NULL)
    {
      for (int k = 0; k < n && i < 0; k++)
        if (g_str_equal (((GlossatorMention *) mentions->pdata[k])->id, current->id))
          i = k;
    }
  if (i < 0)
    {
      guint offset = _glossator_article_view_get_cursor (self);
      guint lo = 0, hi = mentions->len;

      while (lo < hi)
        {
          guint mid = (lo + hi) / 2;
          guint start = glossator_mention_get_start (mentions->pdata[mid]);

          if (backward ? start < offset : start <= offset)
            lo = mid + 1;
          else
            hi = mid;
        }
      /* As if the selection sat just before position lo. */
      i = backward ? (int) lo : (int) lo - 1;
    }

  for (i += backward ? -1 : 1; i >= 0 && i < n; i += backward ? -1 : 1)
    {
      GlossatorMention *mention = mentions->pdata[i];

      if (!glossator_mention_is_orphaned (mention))
        return glossator_document_get_mention (self->document, mention->id);
    }
  return NULL;
}

static gboolean
step_entity (GlossatorArticleView *self,
             gboolean              backward)
{
  g_autoptr(GPtrArray) mentions = NULL;
  GlossatorMention *current = _glossator_article_view_get_selected (self);
  guint offset, n;

  if (self->highlighted_entity == NULL || self->document == NULL)
    return FALSE;
  mentions = glossator_document_list_entity_mentions (self->document, self->highlighted_entity);
  n = mentions->len;
  if (n == 0)
    return FALSE;

  offset = current != NULL ? glossator_mention_get_start (current) : _glossator_article_view_get_cursor (self);
  for (guint k = 0; k < n; k++)
    {
      guint i = backward ? n - 1 - k : k;
      GlossatorMention *mention = mentions->pdata[i];
      guint start = glossator_mention_get_start (mention);

      if (glossator_mention_is_orphaned (mention))
        continue;
      if (backward ? start < offset : start > offset)
        {
          glossator_article_view_select_mention (self, mention->id);
          return TRUE;
        }
    }
  /* Wrap around. */
  glossator_article_view_select_mention (self,
                                         ((GlossatorMention *) mentions->pdata[backward ? n - 1 : 0])->id);
  return TRUE;
}

/* Keys */

typedef gboolean (*KeyFunc) (GlossatorArticleView *self,
                             gboolean              backward);

typedef struct {
  guint           keyval;
  GdkModifierType modifiers;
  KeyFunc         func;
  gboolean        backward;
} FixedKey;

static gboolean
step_match_or_entity (GlossatorArticleView *self,
                      gboolean              backward)
{
  return _glossator_article_view_search_step (self, backward) || step_entity (self, backward);
}

static gboolean
begin_search (GlossatorArticleView *self,
              gboolean              backward)
{
  glossator_article_view_begin_search (self);
  return TRUE;
}

/* Escape: the search, else the text selection, else the selected mention. */
static gboolean
close_or_clear (GlossatorArticleView *self,
                gboolean              backward)
{
  GtkTextIter iter;

  if (glossator_search_bar_get_search_mode (self->search_bar))
    {
      glossator_search_bar_set_search_mode (self->search_bar, FALSE);
      return TRUE;
    }
  if (_glossator_article_view_has_text_selection (self))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &iter, gtk_text_buffer_get_insert (self->buffer));
      gtk_text_buffer_place_cursor (self->buffer, &iter);
      return TRUE;
    }
  if (self->selected_mention != NULL)
    {
      _glossator_article_view_set_selected (self, NULL);
      return TRUE;
    }
  return FALSE;
}

static gboolean
select_neighbour (GlossatorArticleView *self,
                  gboolean              backward)
{
  GlossatorMention *mention = neighbour_mention (self, backward);

  if (mention != NULL)
    glossator_article_view_select_mention (self, mention->id);
  else
    _glossator_article_view_error_bell (self);
  return TRUE;
}

static gboolean
annotate_all_key (GlossatorArticleView *self,
                  gboolean              backward)
{
  if (_glossator_article_view_annotate_all (self) == NULL)
    _glossator_article_view_error_bell (self);
  return TRUE;
}

/* Enter with a text selection is the text view's. */
static gboolean
edit_target (GlossatorArticleView *self,
             gboolean              backward)
{
  if (_glossator_article_view_has_text_selection (self) || _glossator_article_view_get_target (self) == NULL)
    return FALSE;
  _glossator_article_view_edit_mention (self);
  return TRUE;
}

/* Only the selected mention, where the menu's Delete Mention takes the one
 * at the cursor too. */
static gboolean
delete_selected (GlossatorArticleView *self,
                 gboolean              backward)
{
  GlossatorMention *mention = _glossator_article_view_get_selected (self);

  if (mention == NULL)
    return FALSE;
  delete_mention (self, mention);
  return TRUE;
}

/* Space: every label, in a list that typing narrows, over the selection
 * (or the mention) it will tag: labels past the keys' reach, by keyboard. */
static gboolean
pick_label (GlossatorArticleView *self,
            gboolean              backward)
{
  GlossatorMention *mention;
  GtkTextIter start, end;
  GdkRectangle rect;
  double x, y;

  if (self->read_only)
    {
      _glossator_article_view_error_bell (self);
      return TRUE;
    }
  if (!gtk_text_buffer_get_selection_bounds (self->buffer, &start, &end))
    {
      if ((mention = _glossator_article_view_get_target (self)) == NULL)
        {
          _glossator_article_view_error_bell (self);
          return TRUE;
        }
      _glossator_article_view_iter_at (self, &start, glossator_mention_get_start (mention));
    }
  gtk_text_view_get_iter_location (self->text_view, &start, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET, rect.x, rect.y, &rect.x, &rect.y);
  if (!gtk_widget_translate_coordinates (GTK_WIDGET (self->text_view), GTK_WIDGET (self->palette),
                                         rect.x, rect.y, &x, &y))
    return FALSE;
  glossator_label_palette_pick (self->palette,
                                &(GdkRectangle) { (int) x, (int) y, MAX (rect.width, 1), rect.height });
  return TRUE;
}

static const FixedKey view_keys[] = {
  { GDK_KEY_F3, 0, step_match_or_entity, FALSE },
  { GDK_KEY_F3, GDK_SHIFT_MASK, step_match_or_entity, TRUE },
  /* As in the search entry, but from the text too. */
  { GDK_KEY_g, GDK_CONTROL_MASK, step_match_or_entity, FALSE },
  { GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, step_match_or_entity, TRUE },
  { GDK_KEY_f, GDK_CONTROL_MASK, begin_search, FALSE },
};

static const FixedKey text_keys[] = {
  { GDK_KEY_Escape, 0, close_or_clear, FALSE },
  { GDK_KEY_Right, GDK_ALT_MASK, select_neighbour, FALSE },
  { GDK_KEY_KP_Right, GDK_ALT_MASK, select_neighbour, FALSE },
  { GDK_KEY_Left, GDK_ALT_MASK, select_neighbour, TRUE },
  { GDK_KEY_KP_Left, GDK_ALT_MASK, select_neighbour, TRUE },
  { GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, annotate_all_key, FALSE },
  { GDK_KEY_Return, 0, edit_target, FALSE },
  { GDK_KEY_KP_Enter, 0, edit_target, FALSE },
  { GDK_KEY_ISO_Enter, 0, edit_target, FALSE },
  { GDK_KEY_Delete, 0, delete_selected, FALSE },
  { GDK_KEY_KP_Delete, 0, delete_selected, FALSE },
  { GDK_KEY_BackSpace, 0, delete_selected, FALSE },
  { GDK_KEY_space, 0, pick_label, FALSE },
  { GDK_KEY_KP_Space, 0, pick_label, FALSE },
};

/* The shortcuts' keys (but for Ctrl+Shift+A's letter) never tag, whatever
 * the modifiers, even where a schema gives their character (Escape is
 * U+001B, Return U+000D) to a label. */
static const guint not_label_keys[] = {
  GDK_KEY_Escape, GDK_KEY_F3, GDK_KEY_Right, GDK_KEY_KP_Right, GDK_KEY_Left, GDK_KEY_KP_Left,
  GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter, GDK_KEY_Delete, GDK_KEY_KP_Delete,
  GDK_KEY_BackSpace, GDK_KEY_Menu, GDK_KEY_space, GDK_KEY_KP_Space,
};

static gboolean
view_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const FixedKey *key = user_data;

  return key->func (GLOSSATOR_ARTICLE_VIEW (widget), key->backward);
}

static gboolean
text_key_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  const FixedKey *key = user_data;
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (gtk_widget_get_ancestor (widget,
                                                                                GLOSSATOR_TYPE_ARTICLE_VIEW));

  if (self->document == NULL)
    return FALSE;
  return key->func (self, key->backward);
}

static void
add_shortcuts (GtkWidget         *widget,
               const FixedKey    *keys,
               guint              n_keys,
               GtkShortcutFunc    callback)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < n_keys; i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (controller),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval,
                                                                                    keys[i].modifiers),
                                                            gtk_callback_action_new (callback,
                                                                                     (gpointer) &keys[i],
                                                                                     NULL)));
  gtk_widget_add_controller (widget, controller);
}

static gboolean
label_key (GlossatorArticleView *self,
           guint                 keyval,
           GdkModifierType       state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK |
                                  GDK_META_MASK | GDK_SHIFT_MASK);
  const char *label;

  if (self->document == NULL || (mods & ~GDK_SHIFT_MASK) != 0)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (not_label_keys); i++)
    if (keyval == not_label_keys[i])
      return FALSE;
  if ((label = label_for_key (self, keyval)) == NULL)
    return FALSE;
  _glossator_article_view_apply_label (self, label);
  return TRUE;
}

static gboolean
label_key_pressed_cb (GlossatorArticleView  *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  return label_key (self, keyval, state);
}

/* As a keyval trigger matches: the letter in either case, the same modifiers. */
static gboolean
run_fixed_key (GlossatorArticleView *self,
               const FixedKey       *keys,
               guint                 n_keys,
               guint                 keyval,
               GdkModifierType       state)
{
  GdkModifierType mods = state & gtk_accelerator_get_default_mod_mask ();

  for (guint i = 0; i < n_keys; i++)
    if (gdk_keyval_to_lower (keys[i].keyval) == gdk_keyval_to_lower (keyval) && keys[i].modifiers == mods)
      return keys[i].func (self, keys[i].backward);
  return FALSE;
}

gboolean
_glossator_article_view_handle_key (GlossatorArticleView *self,
                                    guint                 keyval,
                                    GdkModifierType       state)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE_VIEW (self), FALSE);

  /* In the order the controllers see a key: the view's, then the text's. */
  if (run_fixed_key (self, view_keys, G_N_ELEMENTS (view_keys), keyval, state))
    return TRUE;
  if (self->document != NULL && run_fixed_key (self, text_keys, G_N_ELEMENTS (text_keys), keyval, state))
    return TRUE;
  if (self->document != NULL && _glossator_article_view_run_edge_key (self, keyval, state))
    return TRUE;
  return label_key (self, keyval, state);
}

/* Actions */

void
_glossator_article_view_update_actions (GlossatorArticleView *self)
{
  gboolean has_document = self->document != NULL;
  gboolean editable = has_document && !self->read_only;
  gboolean has_target = has_document && self->buffer != NULL && _glossator_article_view_get_target (self) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.tag",
                                 editable && (has_target || _glossator_article_view_has_text_selection (self)));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.edit-mention", has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.annotate-all", editable && has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.delete-mention", editable && has_target);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.next-mention", has_document);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "view.previous-mention", has_document);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  _glossator_article_view_apply_label (GLOSSATOR_ARTICLE_VIEW (widget), g_variant_get_string (parameter, NULL));
}

static void
edit_mention_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (widget);

  _glossator_article_view_edit_mention (self);
}

static void
annotate_all_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  _glossator_article_view_annotate_all (GLOSSATOR_ARTICLE_VIEW (widget));
}

static void
delete_mention_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (widget);
  GlossatorMention *mention = _glossator_article_view_get_target (self);

  if (mention != NULL)
    delete_mention (self, mention);
}

static void
step_mention_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossatorArticleView *self = GLOSSATOR_ARTICLE_VIEW (widget);
  GlossatorMention *mention = neighbour_mention (self, g_str_equal (action_name, "view.previous-mention"));

  if (mention != NULL)
    glossator_article_view_select_mention (self, mention->id);
}

void
_glossator_article_view_update_menu (GlossatorArticleView *self)
{
  g_autoptr(GMenu) mention_section = g_menu_new ();
  g_autoptr(GMenu) view_section = g_menu_new ();
  g_autoptr(GMenu) labels = g_menu_new ();
  guint n_labels = self->schema != NULL ? glossator_schema_get_n_labels (self->schema) : 0;

  g_menu_remove_all (self->extra_menu);
  for (guint i = 0; i < n_labels; i++)
    {
      const GlossatorLabel *label = glossator_schema_get_label (self->schema, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (label->name, NULL);

      g_menu_item_set_action_and_target (item, "view.tag", "s", label->name);
      g_menu_append_item (labels, item);
    }
  if (n_labels > 0)
    g_menu_append_submenu (mention_section, _("_Tag As"), G_MENU_MODEL (labels));
  g_menu_append (mention_section, _("_Edit Mention…"), "view.edit-mention");
  g_menu_append (mention_section, _("_Annotate All…"), "view.annotate-all");
  g_menu_append (mention_section, _("_Delete Mention"), "view.delete-mention");
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (mention_section));
  g_menu_append (view_section, _("Show _Label Chips"), "view.show-label-chips");
  g_menu_append_section (self->extra_menu, NULL, G_MENU_MODEL (view_section));
}

void
_glossator_article_view_class_actions_init (GlossatorArticleViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /* A command changed the annotations: @message says what, for a toast
   * (with Undo when @undoable). */
  signals[ANNOUNCE] =
    g_signal_new ("announce", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  gtk_widget_class_install_action (widget_class, "view.tag", "s", tag_action);
  gtk_widget_class_install_action (widget_class, "view.edit-mention", NULL, edit_mention_action);
  gtk_widget_class_install_action (widget_class, "view.annotate-all", NULL, annotate_all_action);
  gtk_widget_class_install_action (widget_class, "view.delete-mention", NULL, delete_mention_action);
  gtk_widget_class_install_action (widget_class, "view.next-mention", NULL, step_mention_action);
  gtk_widget_class_install_action (widget_class, "view.previous-mention", NULL, step_mention_action);
}

void
_glossator_article_view_actions_init (GlossatorArticleView *self)
{
  GtkEventController *controller;

  add_shortcuts (GTK_WIDGET (self->text_view), text_keys, G_N_ELEMENTS (text_keys), text_key_cb);
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (label_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), controller);
  add_shortcuts (GTK_WIDGET (self), view_keys, G_N_ELEMENTS (view_keys), view_key_cb);

  self->extra_menu = g_menu_new ();
  gtk_text_view_set_extra_menu (self->text_view, G_MENU_MODEL (self->extra_menu));
}

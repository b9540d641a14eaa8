/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glossator-annotate-all-dialog.h"
#include "glossator-article-view-private.h"
#include "glossator-mention-popover.h"
#include "gui-test-util.h"

/* Which of the article view's fixed keys it uses, in which states and
 * with which modifiers, and where the focus must be. The keys are
 * delivered as GTK delivers them in the capture phase, from the view
 * down to the focused widget, through whatever key and shortcut
 * controllers sit there: the test holds however the view declares them. */

/* Emoji, a flag and an NFD accent before the names, so that offsets in
 * code points, UTF-8 bytes and UTF-16 units differ. */
static const char article[] =
  "\U0001F469\u200D\U0001F469\u200D\U0001F467 \U0001F1FA\U0001F1E6 Cafe\u0301: "
  "Alice met Bob in Paris.\r\nBob left Paris for Rome.\r\n";

typedef struct {
  GlossatorText        *text;
  GlossatorDocument    *document;
  GlossatorSchema      *schema;
  GtkWindow            *window;
  GlossatorArticleView *view;
  GtkTextView          *text_view;
  GtkTextBuffer        *buffer;
  char                 *alice;   /* mention ids */
  char                 *bob;
  char                 *paris;
} Fixture;

static guint
offset_of (Fixture    *f,
           const char *needle,
           guint       nth)
{
  return test_util_offset_of (glossator_text_get_utf8 (f->text, NULL), needle, nth);
}

static char *
add_mention (Fixture    *f,
             const char *label,
             const char *word,
             guint       nth,
             const char *entity_id)
{
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GError) error = NULL;
  guint start = offset_of (f, word, nth), end = start + (guint) strlen (word);

  mention = glossator_document_create_mention (f->document, label, &start, &end, 1, entity_id, &error);
  g_assert_no_error (error);
  return g_strdup (mention->id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->text = glossator_text_new_from_data (article, strlen (article), &error);
  g_assert_no_error (error);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->alice = add_mention (f, "PERSON", "Alice", 0, NULL);
  f->bob = add_mention (f, "PERSON", "Bob", 0, NULL);
  f->paris = add_mention (f, "GPE", "Paris", 0, NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->text_view = _glossator_article_view_get_text_view (f->view);
  f->buffer = gtk_text_view_get_buffer (f->text_view);
  gtk_widget_grab_focus (GTK_WIDGET (f->text_view));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_free (f->alice);
  g_free (f->bob);
  g_free (f->paris);
  g_clear_object (&f->document);
  g_clear_object (&f->schema);
  g_clear_pointer (&f->text, glossator_text_unref);
}

static gboolean
trigger_matches (GtkShortcutTrigger *trigger,
                 guint               keyval,
                 GdkModifierType     state)
{
  if (GTK_IS_ALTERNATIVE_TRIGGER (trigger))
    return trigger_matches (gtk_alternative_trigger_get_first (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state) ||
           trigger_matches (gtk_alternative_trigger_get_second (GTK_ALTERNATIVE_TRIGGER (trigger)), keyval, state);
  if (!GTK_IS_KEYVAL_TRIGGER (trigger))
    return FALSE;
  return gdk_keyval_to_lower (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger))) ==
           gdk_keyval_to_lower (keyval) &&
         gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) ==
           (state & gtk_accelerator_get_default_mod_mask ());
}

static gboolean
run_controller (GtkEventController *controller,
                guint               keyval,
                GdkModifierType     state)
{
  GtkWidget *widget = gtk_event_controller_get_widget (controller);
  gboolean used = FALSE;

  if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
    {
      g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &used);
      return used;
    }
  if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (controller)) && !used; i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), i);

      if (trigger_matches (gtk_shortcut_get_trigger (shortcut), keyval, state))
        used = gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                             GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                             gtk_shortcut_get_arguments (shortcut));
    }
  return used;
}

/* A key press with the focus on @target (the view or inside it), through
 * the capture phase from the view down: where the view's keys are, before
 * the focused widget's own. TRUE when the view used it. */
static gboolean
press_at (Fixture         *f,
          GtkWidget       *target,
          guint            keyval,
          GdkModifierType  state)
{
  g_autoptr(GPtrArray) path = g_ptr_array_new ();

  g_assert_true (target == GTK_WIDGET (f->view) || gtk_widget_is_ancestor (target, GTK_WIDGET (f->view)));
  for (GtkWidget *w = target; w != gtk_widget_get_parent (GTK_WIDGET (f->view)); w = gtk_widget_get_parent (w))
    g_ptr_array_insert (path, 0, w);

  for (guint i = 0; i < path->len; i++)
    {
      g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (path->pdata[i]);

      for (guint j = 0; j < g_list_model_get_n_items (controllers); j++)
        {
          g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, j);

          if (gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE &&
              run_controller (controller, keyval, state))
            return TRUE;
        }
    }
  return FALSE;
}

static gboolean
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  state)
{
  return press_at (f, GTK_WIDGET (f->text_view), keyval, state);
}

/* The GtkText of the search entry, which has the focus while searching. */
static GtkWidget *
search_text (Fixture *f)
{
  GtkWidget *entry = gui_test_find_by_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);

  g_assert_nonnull (entry);
  return gui_test_find_by_type (entry, GTK_TYPE_TEXT);
}

static gboolean
search_open (Fixture *f)
{
  return gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (gui_test_find_by_type (GTK_WIDGET (f->view),
                                                                                 GTK_TYPE_SEARCH_BAR)));
}

static void
select_range (Fixture *f,
              guint    start,
              guint    end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (f->buffer, &b, (int) end);
  gtk_text_buffer_select_range (f->buffer, &b, &a);
}

static void
place_cursor (Fixture *f,
              guint    offset)
{
  select_range (f, offset, offset);
}

static guint
cursor (Fixture *f)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, gtk_text_buffer_get_insert (f->buffer));
  return (guint) gtk_text_iter_get_offset (&iter);
}

static const char *
selected (Fixture *f)
{
  return glossator_article_view_get_selected_mention (f->view);
}

static guint
n_mentions (Fixture *f)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (f->document);

  return mentions->len;
}

static void
assert_text_selection (Fixture *f,
                       guint    start,
                       guint    end)
{
  GtkTextIter a, b;

  g_assert_true (gtk_text_buffer_get_selection_bounds (f->buffer, &a, &b));
  g_assert_cmpuint (gtk_text_iter_get_offset (&a), ==, start);
  g_assert_cmpuint (gtk_text_iter_get_offset (&b), ==, end);
}

static GtkWidget *
focus (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

/* What the view announced last ("announce"), and how often. */
typedef struct {
  char     *message;
  gboolean  undoable;
  guint     count;
} Announced;

static void
announce_cb (GlossatorArticleView *view,
             const char           *message,
             gboolean              undoable,
             Announced            *announced)
{
  g_free (announced->message);
  announced->message = g_strdup (message);
  announced->undoable = undoable;
  announced->count++;
}

static void
listen (Fixture   *f,
        Announced *announced)
{
  g_signal_connect (f->view, "announce", G_CALLBACK (announce_cb), announced);
}

static void
test_escape (Fixture       *f,
             gconstpointer  data)
{
  guint bob = offset_of (f, "Bob", 0);

  /* Nothing to clear: the key goes on. */
  place_cursor (f, bob);
  g_assert_false (press (f, GDK_KEY_Escape, 0));

  /* A text selection collapses to its insert end (select_range: the end). */
  select_range (f, bob, bob + 3);
  g_assert_false (press (f, GDK_KEY_Escape, GDK_SHIFT_MASK));
  g_assert_true (gtk_text_buffer_get_has_selection (f->buffer));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_false (gtk_text_buffer_get_has_selection (f->buffer));
  g_assert_cmpuint (cursor (f), ==, bob + 3);

  /* Then the selected mention is let go. */
  glossator_article_view_select_mention (f->view, f->bob);
  g_assert_false (press (f, GDK_KEY_Escape, GDK_CONTROL_MASK));
  g_assert_false (press_at (f, search_text (f), GDK_KEY_Escape, 0));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_null (selected (f));

  /* An open search is closed first, its current match staying selected
   * (the search selected it, which let the mention go). */
  glossator_article_view_select_mention (f->view, f->bob);
  _glossator_article_view_search (f->view, "Rome", FALSE, FALSE);
  g_assert_true (search_open (f));
  g_assert_null (selected (f));
  g_assert_true (press (f, GDK_KEY_Escape, 0));
  g_assert_false (search_open (f));
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 0);
  assert_text_selection (f, offset_of (f, "Rome", 0), offset_of (f, "Rome", 0) + 4);
  g_assert_true (press (f, GDK_KEY_Escape, 0));

  /* Without a document the text's keys do nothing, open search or not. */
  _glossator_article_view_search (f->view, "Paris", FALSE, FALSE);
  glossator_article_view_set_document (f->view, NULL, NULL, TRUE);
  g_assert_false (press (f, GDK_KEY_Escape, 0));
  g_assert_true (search_open (f));
}

/* F3 and Ctrl+G step through the matches from the text and from the
 * search entry; without a search, through the highlighted entity's
 * mentions; otherwise they go on. */
static void
test_next_match (Fixture       *f,
                 gconstpointer  data)
{
  static const struct {
    guint           keyval;
    GdkModifierType state;
    gboolean        backward;
  } keys[] = {
    { GDK_KEY_F3, 0, FALSE },
    { GDK_KEY_F3, GDK_SHIFT_MASK, TRUE },
    { GDK_KEY_g, GDK_CONTROL_MASK, FALSE },
    { GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK, TRUE },
  };
  g_autofree char *rome = NULL;
  g_autofree char *bob_again = NULL;
  g_autofree char *entity_id = g_strdup (glossator_document_get_mention (f->document, f->bob)->entity_id);

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_assert_false (press (f, keys[i].keyval, keys[i].state));
      g_assert_false (press_at (f, search_text (f), keys[i].keyval, keys[i].state));
    }
  g_assert_false (press (f, GDK_KEY_F3, GDK_CONTROL_MASK));
  g_assert_false (press (f, GDK_KEY_F3, GDK_ALT_MASK));

  place_cursor (f, 0);
  _glossator_article_view_search (f->view, "Paris", FALSE, FALSE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 2);
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 0);
  /* Two matches: each key moves to the other one, from either place. */
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int before = _glossator_article_view_get_search_current (f->view, NULL, NULL);

      g_assert_true (press (f, keys[i].keyval, keys[i].state));
      g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 1 - before);
      g_assert_true (press_at (f, search_text (f), keys[i].keyval, keys[i].state));
      g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, before);
    }
  /* More matches: forward and backward differ, backward wraps. */
  place_cursor (f, 0);
  _glossator_article_view_search (f->view, "e", FALSE, TRUE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), >, 3);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      int n = (int) _glossator_article_view_get_n_search_hits (f->view);
      int before = _glossator_article_view_get_search_current (f->view, NULL, NULL);

      g_assert_true (press (f, keys[i].keyval, keys[i].state));
      g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==,
                       (before + (keys[i].backward ? n - 1 : 1)) % n);
    }
  g_assert_false (press (f, GDK_KEY_g, GDK_ALT_MASK));
  g_assert_false (press (f, GDK_KEY_g, GDK_CONTROL_MASK | GDK_ALT_MASK));
  g_assert_cmpuint (n_mentions (f), ==, 3);
  g_assert_true (press (f, GDK_KEY_Escape, 0));

  /* The highlighted entity: Bob, then Bob again, wrapping. */
  bob_again = add_mention (f, "PERSON", "Bob", 1, entity_id);
  rome = add_mention (f, "GPE", "Rome", 0, NULL);
  glossator_article_view_set_highlighted_entity (f->view, entity_id);
  place_cursor (f, 0);
  g_assert_true (press (f, GDK_KEY_F3, 0));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_true (press (f, GDK_KEY_g, GDK_CONTROL_MASK));
  g_assert_cmpstr (selected (f), ==, bob_again);
  g_assert_true (press_at (f, search_text (f), GDK_KEY_F3, 0));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_true (press (f, GDK_KEY_G, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_cmpstr (selected (f), ==, bob_again);
  g_assert_true (press (f, GDK_KEY_F3, GDK_SHIFT_MASK));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_false (press (f, GDK_KEY_F3, GDK_CONTROL_MASK));

  glossator_article_view_set_document (f->view, NULL, NULL, TRUE);
  g_assert_false (press (f, GDK_KEY_F3, 0));
}

/* Ctrl+F opens the search from anywhere in the view, even without a
 * document; Ctrl+Shift+F and plain F go on. */
static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  guint bob = offset_of (f, "Bob", 0);

  g_assert_false (press (f, GDK_KEY_F, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_false (press (f, GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK));
  g_assert_false (press (f, GDK_KEY_f, 0));
  g_assert_false (search_open (f));

  select_range (f, bob, bob + 3);
  g_assert_true (press (f, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (search_open (f));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search_text (f))), ==, "Bob");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == search_text (f));
  g_assert_true (press_at (f, search_text (f), GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == search_text (f));

  gtk_search_bar_set_search_mode (GTK_SEARCH_BAR (gui_test_find_by_type (GTK_WIDGET (f->view),
                                                                         GTK_TYPE_SEARCH_BAR)), FALSE);
  glossator_article_view_set_document (f->view, NULL, NULL, TRUE);
  g_assert_true (press (f, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (search_open (f));
}

/* Alt+Right and Alt+Left (and the keypad's) select the next and the
 * previous mention; only Alt, and only in the text. */
static void
test_step_mentions (Fixture       *f,
                    gconstpointer  data)
{
  place_cursor (f, 0);
  g_assert_false (press (f, GDK_KEY_Right, 0));
  g_assert_false (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_false (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_CONTROL_MASK));
  g_assert_false (press_at (f, search_text (f), GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_null (selected (f));

  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->alice);
  g_assert_true (press (f, GDK_KEY_KP_Right, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->paris);
  /* At the end: used (a bell), the selection stays. */
  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->paris);
  g_assert_true (press (f, GDK_KEY_KP_Left, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->bob);
  g_assert_true (press (f, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->alice);
  g_assert_false (press (f, GDK_KEY_Left, GDK_SUPER_MASK | GDK_ALT_MASK));
  g_assert_cmpstr (selected (f), ==, f->alice);
}

/* Ctrl+Shift+A opens Annotate All for the selected mention or the one at
 * the cursor; it is used even when there is none (a bell). */
static void
test_annotate_all (Fixture       *f,
                   gconstpointer  data)
{
  GtkWindow *dialog;

  place_cursor (f, 0);
  g_assert_true (press (f, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_null (gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG));
  g_assert_false (press (f, GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_false (press (f, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK | GDK_ALT_MASK));
  g_assert_false (press_at (f, search_text (f), GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));

  place_cursor (f, offset_of (f, "Paris", 0) + 2);
  g_assert_true (press (f, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  dialog = gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  gui_test_flush ();

  /* A lower-case a with the same modifiers too (Caps Lock). */
  glossator_article_view_select_mention (f->view, f->alice);
  g_assert_true (press (f, GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  dialog = gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG);
  g_assert_nonnull (dialog);
  gtk_window_destroy (dialog);
  gui_test_flush ();

  /* Read-only: used, nothing opens. */
  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  glossator_article_view_select_mention (f->view, f->alice);
  g_assert_true (press (f, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  g_assert_null (gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG));
}

/* Enter edits the mention at the cursor (or the selected one), only
 * without modifiers and without a text selection. */
static void
test_enter (Fixture       *f,
            gconstpointer  data)
{
  static const guint enter_keys[] = { GDK_KEY_Return, GDK_KEY_KP_Enter, GDK_KEY_ISO_Enter };
  GtkWidget *popover = gui_test_find_by_type (GTK_WIDGET (f->view), GLOSSATOR_TYPE_MENTION_POPOVER);
  guint paris = offset_of (f, "Paris", 0);

  g_assert_nonnull (popover);
  for (guint i = 0; i < G_N_ELEMENTS (enter_keys); i++)
    {
      guint key = enter_keys[i];

      place_cursor (f, offset_of (f, "met", 0));
      g_assert_false (press (f, key, 0));
      place_cursor (f, paris + 1);
      g_assert_false (press (f, key, GDK_SHIFT_MASK));
      g_assert_false (press (f, key, GDK_CONTROL_MASK));
      g_assert_false (press_at (f, search_text (f), key, 0));
      select_range (f, paris, paris + 5);
      g_assert_false (press (f, key, 0));
      g_assert_false (gtk_widget_get_visible (popover));

      place_cursor (f, paris + 1);
      g_assert_true (press (f, key, 0));
      g_assert_true (gtk_widget_get_visible (popover));
      g_assert_cmpstr (selected (f), ==, f->paris);
      gtk_popover_popdown (GTK_POPOVER (popover));
      gui_test_flush ();
      glossator_article_view_select_mention (f->view, NULL);
    }
}

/* Delete, the keypad's Delete and BackSpace delete the selected mention,
 * never the one merely under the cursor. */
static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  static const guint delete_keys[] = { GDK_KEY_Delete, GDK_KEY_KP_Delete, GDK_KEY_BackSpace };
  const char *ids[] = { f->alice, f->bob, f->paris };

  for (guint i = 0; i < G_N_ELEMENTS (delete_keys); i++)
    {
      guint key = delete_keys[i];

      place_cursor (f, glossator_mention_get_start (glossator_document_get_mention (f->document, ids[i])) + 1);
      g_assert_false (press (f, key, 0));
      glossator_article_view_select_mention (f->view, ids[i]);
      g_assert_false (press (f, key, GDK_SHIFT_MASK));
      g_assert_false (press (f, key, GDK_CONTROL_MASK));
      g_assert_false (press_at (f, search_text (f), key, 0));
      g_assert_cmpuint (n_mentions (f), ==, 3 - i);

      g_assert_true (press (f, key, 0));
      g_assert_cmpuint (n_mentions (f), ==, 2 - i);
      g_assert_null (glossator_document_get_mention (f->document, ids[i]));
      g_assert_null (selected (f));
    }

  /* Read-only: used (a bell), nothing deleted. */
  glossator_document_undo (f->document);
  g_assert_cmpuint (n_mentions (f), ==, 1);
  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  glossator_article_view_select_mention (f->view, f->paris);
  g_assert_cmpstr (selected (f), ==, f->paris);
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpuint (n_mentions (f), ==, 1);
}

/* The Menu key is left to the text view (its context menu), with a
 * mention selected too; so are other keys the view has no use for. */
static void
test_other_keys (Fixture       *f,
                 gconstpointer  data)
{
  glossator_article_view_select_mention (f->view, f->bob);
  g_assert_false (press (f, GDK_KEY_Menu, 0));
  g_assert_false (press (f, GDK_KEY_F10, GDK_SHIFT_MASK));
  g_assert_false (press (f, GDK_KEY_Tab, 0));
  g_assert_false (press (f, GDK_KEY_Home, 0));
  g_assert_false (press (f, GDK_KEY_c, GDK_CONTROL_MASK));
  g_assert_cmpstr (selected (f), ==, f->bob);
}

/* Digits and the schema's letters tag, with or without Shift, only in
 * the text; the letters of the fixed keys stay labels without their
 * modifiers (g is GPE's key). */
static void
test_label_keys (Fixture       *f,
                 gconstpointer  data)
{
  guint rome = offset_of (f, "Rome", 0), left = offset_of (f, "left", 0);

  select_range (f, rome, rome + 4);
  g_assert_false (press (f, GDK_KEY_1, GDK_CONTROL_MASK));
  g_assert_false (press (f, GDK_KEY_g, GDK_ALT_MASK));
  g_assert_false (press_at (f, search_text (f), GDK_KEY_g, 0));
  g_assert_false (press (f, GDK_KEY_x, 0));
  g_assert_cmpuint (n_mentions (f), ==, 3);
  g_assert_true (press (f, GDK_KEY_G, GDK_SHIFT_MASK));
  g_assert_cmpuint (n_mentions (f), ==, 4);
  g_assert_cmpstr (glossator_document_get_mention (f->document, selected (f))->label, ==, "GPE");

  /* A digit relabels the selected mention. */
  g_assert_true (press (f, GDK_KEY_KP_4, 0));
  g_assert_cmpstr (glossator_document_get_mention (f->document, selected (f))->label, ==, "LOC");

  select_range (f, left, left + 4);
  g_assert_true (press (f, GDK_KEY_1, 0));
  g_assert_cmpuint (n_mentions (f), ==, 5);
  g_assert_cmpstr (glossator_document_get_mention (f->document, selected (f))->label, ==, "PERSON");
}

/* The current search match is the text selection from the first search
 * on; Escape in the entry closes the search, leaving the match selected
 * and the focus in the text, where a label key tags it at once. */
static void
test_search_selects (Fixture       *f,
                     gconstpointer  data)
{
  GtkWidget *entry = gui_test_find_by_type (GTK_WIDGET (f->view), GTK_TYPE_SEARCH_ENTRY);
  guint rome = offset_of (f, "Rome", 0), paris1 = offset_of (f, "Paris", 1);
  Announced announced = { 0 };
  GlossatorMention *tagged;

  place_cursor (f, 0);
  g_assert_true (press (f, GDK_KEY_f, GDK_CONTROL_MASK));
  g_assert_true (focus (f) == search_text (f));
  /* As the entry reports a query typed (after its delay). */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Rome");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 0);
  assert_text_selection (f, rome, rome + 4);
  g_assert_true (focus (f) == search_text (f));

  /* Escape: the entry stops the search (GtkSearchEntry's binding). */
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (search_open (f));
  g_assert_true (focus (f) == GTK_WIDGET (f->text_view));
  assert_text_selection (f, rome, rome + 4);
  listen (f, &announced);
  g_assert_true (press (f, GDK_KEY_l, 0));
  tagged = glossator_document_get_mention (f->document, selected (f));
  g_assert_nonnull (tagged);
  g_assert_cmpstr (tagged->label, ==, "LOC");
  g_assert_cmpuint (glossator_mention_get_start (tagged), ==, rome);
  g_assert_cmpstr (announced.message, ==, "Tagged “Rome” as LOC");

  /* Enter before the entry searched shows the first match of what was
   * typed, not the second; the next Enter steps, selecting. */
  place_cursor (f, 0);
  g_assert_true (press (f, GDK_KEY_f, GDK_CONTROL_MASK));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Paris");
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 2);
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 0);
  g_assert_true (gtk_text_buffer_get_has_selection (f->buffer));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 1);
  assert_text_selection (f, paris1, paris1 + 5);

  /* No match: nothing selected, so a label key has nothing to tag. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Parisx");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 0);
  g_assert_false (gtk_text_buffer_get_has_selection (f->buffer));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_true (focus (f) == GTK_WIDGET (f->text_view));
  g_free (announced.message);
}

/* Escape in the mention editor's "Link to" field (a search entry, which
 * takes Escape for itself) closes the editor; the focus is back in the
 * text, on the mention, and the next label key relabels it. */
static void
test_editor_escape (Fixture       *f,
                    gconstpointer  data)
{
  GtkWidget *popover = gui_test_find_by_type (GTK_WIDGET (f->view), GLOSSATOR_TYPE_MENTION_POPOVER);
  GtkWidget *link_entry = gui_test_find_by_name (popover, "link-entry");
  Announced announced = { 0 };

  place_cursor (f, offset_of (f, "Paris", 0) + 1);
  g_assert_true (press (f, GDK_KEY_Return, 0));
  g_assert_true (gtk_widget_get_visible (popover));
  gui_test_flush ();
  g_assert_true (gtk_widget_is_ancestor (focus (f), link_entry));

  g_signal_emit_by_name (link_entry, "stop-search");
  g_assert_false (gtk_widget_get_visible (popover));
  gui_test_flush ();
  g_assert_true (focus (f) == GTK_WIDGET (f->text_view));
  g_assert_cmpstr (selected (f), ==, f->paris);
  listen (f, &announced);
  g_assert_true (press (f, GDK_KEY_n, 0));
  g_assert_cmpstr (glossator_document_get_mention (f->document, f->paris)->label, ==, "NORP");
  g_assert_cmpstr (announced.message, ==, "Relabelled “Paris”: GPE → NORP");
  g_assert_true (announced.undoable);
  g_free (announced.message);
}

/* Every change a key makes is announced, naming what changed; a key that
 * changes nothing says so, without Undo. */
static void
test_feedback (Fixture       *f,
               gconstpointer  data)
{
  guint rome = offset_of (f, "Rome", 0);
  Announced announced = { 0 };

  listen (f, &announced);
  select_range (f, rome, rome + 4);
  g_assert_true (press (f, GDK_KEY_1, 0));
  g_assert_cmpstr (announced.message, ==, "Tagged “Rome” as PERSON");
  g_assert_true (announced.undoable);
  g_assert_cmpuint (announced.count, ==, 1);
  /* The mention just made is the selected one. */
  g_assert_cmpuint (glossator_mention_get_start (glossator_document_get_mention (f->document, selected (f))), ==, rome);

  g_assert_true (press (f, GDK_KEY_g, 0));
  g_assert_cmpstr (announced.message, ==, "Relabelled “Rome”: PERSON → GPE");
  g_assert_true (press (f, GDK_KEY_g, 0));
  g_assert_cmpstr (announced.message, ==, "“Rome” is already GPE");
  g_assert_false (announced.undoable);

  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_cmpstr (announced.message, ==, "Deleted “Rome” (GPE)");
  g_assert_true (announced.undoable);
  g_assert_cmpuint (announced.count, ==, 4);

  /* Keys doing nothing announce nothing. */
  place_cursor (f, offset_of (f, "met", 0));
  g_assert_false (press (f, GDK_KEY_1, 0) && announced.count != 4);
  g_assert_false (press_at (f, search_text (f), GDK_KEY_1, 0));
  g_assert_cmpuint (announced.count, ==, 4);
  g_free (announced.message);
}

static char *
mention_text (Fixture    *f,
              const char *id)
{
  return glossator_mention_dup_text (glossator_document_get_mention (f->document, id), f->text);
}

static void
assert_mention_text (Fixture    *f,
                     const char *id,
                     const char *expected)
{
  g_autofree char *text = mention_text (f, id);

  g_assert_cmpstr (text, ==, expected);
}

/* Alt+Shift with the arrows (by a word) and with Home, End, Page Up and
 * Page Down (by a character) move the selected mention's edges: the same
 * mention, entity and stance after every move, each one undo step, told
 * with the new text; a move that cannot be is refused and told too. */
static void
test_move_edges (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  const char *entity = glossator_document_get_mention (f->document, f->alice)->entity_id;
  g_autofree char *entity_id = g_strdup (entity);
  Announced announced = { 0 };

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, entity_id);
  glossator_document_put_stance (f->document, stance);
  listen (f, &announced);

  /* Without a selected mention the keys are the text's. */
  place_cursor (f, offset_of (f, "Alice", 0));
  g_assert_false (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  g_assert_false (press (f, GDK_KEY_Home, GDK_ALT_MASK | GDK_SHIFT_MASK));

  glossator_article_view_select_mention (f->view, f->alice);
  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice met");
  g_assert_cmpstr (announced.message, ==, "End moved: “Alice met”");
  g_assert_true (announced.undoable);
  g_assert_cmpstr (selected (f), ==, f->alice);
  g_assert_cmpstr (glossator_document_get_mention (f->document, f->alice)->entity_id, ==, entity_id);
  g_assert_cmpstr (glossator_document_get_stance (f->document, "s1")->holder_entity, ==, entity_id);
  g_assert_nonnull (glossator_document_get_entity (f->document, entity_id));

  g_assert_true (press (f, GDK_KEY_KP_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");
  g_assert_true (press (f, GDK_KEY_Up, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Cafe\u0301: Alice");
  g_assert_cmpstr (announced.message, ==, "Start moved: “Cafe\u0301: Alice”");
  g_assert_true (press (f, GDK_KEY_Down, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");

  /* One undo step each. */
  g_assert_true (glossator_document_undo (f->document));
  assert_mention_text (f, f->alice, "Cafe\u0301: Alice");
  g_assert_true (glossator_document_redo (f->document));
  assert_mention_text (f, f->alice, "Alice");

  /* By a character: with snapping a step into a word takes the word, so
   * without it. */
  glossator_article_view_set_snap_to_words (f->view, FALSE);
  g_assert_true (press (f, GDK_KEY_End, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "lice");
  g_assert_true (press (f, GDK_KEY_Home, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");
  g_assert_true (press (f, GDK_KEY_Page_Down, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice ");
  g_assert_true (press (f, GDK_KEY_Page_Up, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Page_Up, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alic");
  glossator_article_view_set_snap_to_words (f->view, TRUE);
  g_assert_true (press (f, GDK_KEY_Page_Down, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");

  /* Refused: the mention would be empty; nothing changes, no Undo. */
  g_assert_true (press (f, GDK_KEY_Left, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");
  g_assert_true (g_str_has_prefix (announced.message, "Not moved: "));
  g_assert_false (announced.undoable);
  g_assert_cmpstr (selected (f), ==, f->alice);

  /* Refused: another PERSON mention has the span Bob's end would give. */
  g_free (add_mention (f, "PERSON", "Bob in", 0, NULL));
  glossator_article_view_select_mention (f->view, f->bob);
  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->bob, "Bob");
  g_assert_cmpstr (announced.message, ==, "Not moved: Another PERSON mention already has this span");

  /* Read-only: used, nothing moves. */
  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  glossator_article_view_select_mention (f->view, f->alice);
  g_assert_true (press (f, GDK_KEY_Right, GDK_ALT_MASK | GDK_SHIFT_MASK));
  assert_mention_text (f, f->alice, "Alice");
  g_free (announced.message);
}

static gboolean
view_laid_out (gpointer data)
{
  Fixture *f = data;
  GdkRectangle rect;

  gtk_text_view_get_visible_rect (f->text_view, &rect);
  return rect.height > 0 && !_glossator_article_view_is_building_tags (f->view);
}

/* The widget point at the left side of the character at @offset, or at
 * its right side when @right, halfway down its line. */
static void
point_at (Fixture  *f,
          guint     offset,
          gboolean  right,
          double   *x,
          double   *y)
{
  GtkTextIter iter;
  GdkRectangle rect;
  int wx, wy;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) offset);
  gtk_text_view_get_iter_location (f->text_view, &iter, &rect);
  gtk_text_view_buffer_to_window_coords (f->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x + (right ? rect.width : 0), rect.y + rect.height / 2, &wx, &wy);
  *x = wx;
  *y = wy;
}

static GtkGesture *
edge_drag_gesture (Fixture *f)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->text_view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_GESTURE_DRAG (controller) &&
          gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        return GTK_GESTURE (controller);
    }
  g_assert_not_reached ();
}

static void
hover (Fixture *f,
       double   x,
       double   y)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->text_view));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_MOTION (controller))
        g_signal_emit_by_name (controller, "motion", x, y);
    }
}

static const char *
cursor_name (Fixture *f)
{
  GdkCursor *cursor = gtk_widget_get_cursor (GTK_WIDGET (f->text_view));

  return cursor != NULL ? gdk_cursor_get_name (cursor) : NULL;
}

/* Drags from widget point (@x0, @y0) to (@x1, @y1). */
static void
drag (Fixture *f,
      double   x0,
      double   y0,
      double   x1,
      double   y1)
{
  GtkGesture *gesture = edge_drag_gesture (f);

  g_signal_emit_by_name (gesture, "drag-begin", x0, y0);
  g_signal_emit_by_name (gesture, "drag-update", x1 - x0, y1 - y0);
  g_signal_emit_by_name (gesture, "drag-end", x1 - x0, y1 - y0);
}

/* Over an edge of the selected mention the pointer is a resize arrow, and
 * dragging the edge moves it (snapped when snapping is on); a drag that
 * starts elsewhere moves nothing, and one that would empty the mention
 * is refused. */
static void
test_drag_edges (Fixture       *f,
                 gconstpointer  data)
{
  guint alice = offset_of (f, "Alice", 0), met = offset_of (f, "met", 0);
  const char *entity = glossator_document_get_mention (f->document, f->alice)->entity_id;
  g_autofree char *entity_id = g_strdup (entity);
  Announced announced = { 0 };
  double x0, y0, x1, y1;
  guint64 revision;

  gui_test_wait (view_laid_out, f);
  listen (f, &announced);

  /* No selected mention: no edge. */
  point_at (f, alice + 4, TRUE, &x0, &y0);
  hover (f, x0, y0);
  g_assert_cmpstr (cursor_name (f), !=, "col-resize");

  glossator_article_view_select_mention (f->view, f->alice);
  hover (f, x0, y0);
  g_assert_cmpstr (cursor_name (f), ==, "col-resize");
  point_at (f, met + 1, FALSE, &x1, &y1);
  hover (f, x1, y1);
  g_assert_cmpstr (cursor_name (f), ==, "text");

  /* The end, dragged into "met": snapped to the word's end. */
  drag (f, x0, y0, x1, y1);
  assert_mention_text (f, f->alice, "Alice met");
  g_assert_cmpstr (announced.message, ==, "End moved: “Alice met”");
  g_assert_cmpstr (glossator_document_get_mention (f->document, f->alice)->entity_id, ==, entity_id);
  g_assert_cmpstr (selected (f), ==, f->alice);
  g_assert_true (glossator_document_undo (f->document));
  assert_mention_text (f, f->alice, "Alice");

  /* The start, without snapping, one character in. */
  glossator_article_view_set_snap_to_words (f->view, FALSE);
  point_at (f, alice, FALSE, &x0, &y0);
  point_at (f, alice + 1, FALSE, &x1, &y1);
  drag (f, x0, y0, x1, y1);
  assert_mention_text (f, f->alice, "lice");
  g_assert_cmpstr (announced.message, ==, "Start moved: “lice”");

  /* Past the end: refused. */
  point_at (f, alice + 1, FALSE, &x0, &y0);
  point_at (f, met + 2, FALSE, &x1, &y1);
  revision = glossator_document_get_revision (f->document);
  drag (f, x0, y0, x1, y1);
  assert_mention_text (f, f->alice, "lice");
  g_assert_true (g_str_has_prefix (announced.message, "Not moved: "));
  g_assert_cmpuint (glossator_document_get_revision (f->document), ==, revision);

  /* From the middle of the mention: no edge, nothing moves. */
  point_at (f, alice + 2, FALSE, &x0, &y0);
  drag (f, x0 + 3, y0, x1, y1);
  assert_mention_text (f, f->alice, "lice");
  g_assert_cmpuint (glossator_document_get_revision (f->document), ==, revision);
  g_free (announced.message);
}

/* Annotate All opens with its Tag button as the default and focused, so
 * Enter tags (Escape cancels); the tagging is announced with Undo. */
static void
test_annotate_all_enter (Fixture       *f,
                         gconstpointer  data)
{
  GtkWindow *dialog;
  GtkWidget *apply;
  Announced announced = { 0 };

  glossator_article_view_select_mention (f->view, f->paris);
  g_assert_true (press (f, GDK_KEY_A, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  dialog = gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG);
  g_assert_nonnull (dialog);
  apply = gtk_window_get_default_widget (dialog);
  g_assert_nonnull (apply);
  g_assert_true (GTK_IS_BUTTON (apply));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (apply)), ==, "_Tag 1 Occurrence");
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == apply);
  listen (f, &announced);

  g_assert_true (gtk_widget_activate (apply));
  gui_test_flush ();
  g_assert_null (gui_test_find_window (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG));
  g_assert_cmpuint (n_mentions (f), ==, 4);
  g_assert_cmpstr (announced.message, ==, "Tagged 1 occurrence of “Paris” as GPE");
  g_assert_true (announced.undoable);
  g_assert_true (focus (f) == GTK_WIDGET (f->text_view));
  g_free (announced.message);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/view-keys/escape", test_escape);
  ADD ("/gui/view-keys/next-match", test_next_match);
  ADD ("/gui/view-keys/find", test_find);
  ADD ("/gui/view-keys/step-mentions", test_step_mentions);
  ADD ("/gui/view-keys/annotate-all", test_annotate_all);
  ADD ("/gui/view-keys/enter", test_enter);
  ADD ("/gui/view-keys/delete", test_delete);
  ADD ("/gui/view-keys/other-keys", test_other_keys);
  ADD ("/gui/view-keys/label-keys", test_label_keys);
  ADD ("/gui/view-keys/search-selects", test_search_selects);
  ADD ("/gui/view-keys/editor-escape", test_editor_escape);
  ADD ("/gui/view-keys/feedback", test_feedback);
  ADD ("/gui/view-keys/annotate-all-enter", test_annotate_all_enter);
  ADD ("/gui/view-keys/move-edges", test_move_edges);
  ADD ("/gui/view-keys/drag-edges", test_drag_edges);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "glossator-search-bar.h"
#include "gui-test-util.h"

/* The article view's search bar alone: what it shows, what it asks its
 * owner for (signals), its options and keys. */

typedef struct {
  GtkWindow          *window;
  GlossatorSearchBar *bar;
  GtkWidget          *entry;
  GtkWidget          *text;
  GtkLabel           *count;
  guint               n_changed;
  guint               n_next;
  guint               n_previous;
  char               *last_query;   /* searched with the bar open */
} Fixture;

static void
changed_cb (Fixture *f)
{
  f->n_changed++;
  if (glossator_search_bar_get_search_mode (f->bar))
    {
      g_free (f->last_query);
      f->last_query = g_strdup (glossator_search_bar_get_text (f->bar));
    }
}

static void
next_cb (Fixture *f)
{
  f->n_next++;
}

static void
previous_cb (Fixture *f)
{
  f->n_previous++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->window = GTK_WINDOW (gtk_window_new ());
  f->bar = GLOSSATOR_SEARCH_BAR (glossator_search_bar_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->bar));
  gtk_window_present (f->window);
  f->entry = gui_test_find_by_type (GTK_WIDGET (f->bar), GTK_TYPE_SEARCH_ENTRY);
  f->text = gui_test_find_by_type (f->entry, GTK_TYPE_TEXT);
  /* Beside the entry (the entry's placeholder is a label too). */
  f->count = GTK_LABEL (gtk_widget_get_next_sibling (f->entry));
  g_assert_nonnull (f->text);
  g_assert_nonnull (f->count);
  g_signal_connect_swapped (f->bar, "search-changed", G_CALLBACK (changed_cb), f);
  g_signal_connect_swapped (f->bar, "next-match", G_CALLBACK (next_cb), f);
  g_signal_connect_swapped (f->bar, "previous-match", G_CALLBACK (previous_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_free (f->last_query);
}

/* The button with the tooltip starting with @tooltip. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *tooltip)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = gtk_widget_get_tooltip_text (child);
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && text != NULL && g_str_has_prefix (text, tooltip))
        return child;
      if ((found = find_button (child, tooltip)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
entry_text_has_focus (gpointer data)
{
  Fixture *f = data;

  return gtk_root_get_focus (GTK_ROOT (f->window)) == f->text;
}

static void
test_begin (Fixture       *f,
            gconstpointer  data)
{
  int start, end;

  g_assert_false (glossator_search_bar_get_search_mode (f->bar));
  glossator_search_bar_begin (f->bar, "Caf\u00E9 \U0001F1FA\U0001F1E6");
  g_assert_true (glossator_search_bar_get_search_mode (f->bar));
  g_assert_cmpstr (glossator_search_bar_get_text (f->bar), ==, "Caf\u00E9 \U0001F1FA\U0001F1E6");
  gui_test_wait (entry_text_has_focus, f);
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (f->text), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 7);

  /* Without a text the query stays, selected again. */
  gtk_editable_select_region (GTK_EDITABLE (f->text), 2, 2);
  glossator_search_bar_begin (f->bar, NULL);
  g_assert_cmpstr (glossator_search_bar_get_text (f->bar), ==, "Caf\u00E9 \U0001F1FA\U0001F1E6");
  g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (f->text), &start, &end));
  g_assert_cmpint (start, ==, 0);
  g_assert_cmpint (end, ==, 7);

  /* Closing the bar empties it (GtkSearchBar does). */
  glossator_search_bar_set_search_mode (f->bar, FALSE);
  g_assert_false (glossator_search_bar_get_search_mode (f->bar));
  g_assert_cmpstr (glossator_search_bar_get_text (f->bar), ==, "");
}

static void
test_matches (Fixture       *f,
              gconstpointer  data)
{
  GtkWidget *next = find_button (GTK_WIDGET (f->bar), "Next Match");
  GtkWidget *previous = find_button (GTK_WIDGET (f->bar), "Previous Match");

  g_assert_nonnull (next);
  g_assert_nonnull (previous);

  /* No query: nothing to say. */
  glossator_search_bar_set_matches (f->bar, 0, -1);
  g_assert_cmpstr (gtk_label_get_text (f->count), ==, "");
  g_assert_false (gtk_widget_get_sensitive (next));
  g_assert_false (gtk_widget_get_sensitive (previous));

  glossator_search_bar_set_text (f->bar, "Putin");
  glossator_search_bar_set_matches (f->bar, 0, -1);
  g_assert_cmpstr (gtk_label_get_text (f->count), ==, "No matches");
  g_assert_false (gtk_widget_get_sensitive (next));

  glossator_search_bar_set_matches (f->bar, 1, -1);
  g_assert_cmpstr (gtk_label_get_text (f->count), ==, "1 match");
  glossator_search_bar_set_matches (f->bar, 5, -1);
  g_assert_cmpstr (gtk_label_get_text (f->count), ==, "5 matches");
  g_assert_true (gtk_widget_get_sensitive (next));
  g_assert_true (gtk_widget_get_sensitive (previous));
  glossator_search_bar_set_matches (f->bar, 5, 2);
  g_assert_cmpstr (gtk_label_get_text (f->count), ==, "3 of 5");

  /* The buttons, Enter and the entry's own keys ask to step, once the
   * query typed was searched. */
  glossator_search_bar_search_now (f->bar);
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpuint (f->n_next, ==, 1);
  g_signal_emit_by_name (previous, "clicked");
  g_assert_cmpuint (f->n_previous, ==, 1);
  g_signal_emit_by_name (f->entry, "activate");
  g_assert_cmpuint (f->n_next, ==, 2);
  g_signal_emit_by_name (f->entry, "next-match");
  g_assert_cmpuint (f->n_next, ==, 3);
  g_signal_emit_by_name (f->entry, "previous-match");
  g_assert_cmpuint (f->n_previous, ==, 2);
}

/* What the entry's key controllers do with a key press. */
static gboolean
press_in_entry (Fixture         *f,
                guint            keyval,
                GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (f->entry);
  gboolean used = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !used; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &used);
    }
  return used;
}

/* Shift+Enter (with other modifiers too) asks for the previous match,
 * only when there are matches: otherwise the entry has the key. */
static void
test_shift_enter (Fixture       *f,
                  gconstpointer  data)
{
  glossator_search_bar_set_text (f->bar, "Putin");
  glossator_search_bar_search_now (f->bar);
  glossator_search_bar_set_matches (f->bar, 0, -1);
  g_assert_false (press_in_entry (f, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->n_previous, ==, 0);

  glossator_search_bar_set_matches (f->bar, 3, 0);
  g_assert_false (press_in_entry (f, GDK_KEY_Return, 0));
  g_assert_false (press_in_entry (f, GDK_KEY_Return, GDK_CONTROL_MASK));
  g_assert_true (press_in_entry (f, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_true (press_in_entry (f, GDK_KEY_KP_Enter, GDK_SHIFT_MASK | GDK_CONTROL_MASK));
  g_assert_true (press_in_entry (f, GDK_KEY_ISO_Enter, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->n_previous, ==, 3);
  g_assert_cmpuint (f->n_next, ==, 0);
}

/* Appends @text to the query, as typing does (set_text() would empty the
 * entry first, which GtkSearchEntry searches at once). */
static void
type_text (Fixture    *f,
           const char *text)
{
  int position = -1;

  gtk_editable_insert_text (GTK_EDITABLE (f->text), text, -1, &position);
}

/* The entry is mapped as soon as the bar opens: GTK drops the keys sent
 * to a focused entry that is not mapped yet, as it is while a revealer
 * slides it in, losing what is typed right after Ctrl+F. */
static void
test_entry_mapped_at_once (Fixture       *f,
                           gconstpointer  data)
{
  gui_test_flush ();
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (f->bar)));
  g_assert_false (gtk_widget_get_mapped (f->text));
  glossator_search_bar_begin (f->bar, NULL);
  g_assert_true (gtk_widget_get_mapped (f->text));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == f->text);
}

/* Closed, the bar takes no room over the text; open, the entry's; closed
 * again, none. */
static void
test_closed_takes_no_room (Fixture       *f,
                           gconstpointer  data)
{
  int height;

  gui_test_flush ();
  gtk_widget_measure (GTK_WIDGET (f->bar), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, ==, 0);
  glossator_search_bar_begin (f->bar, NULL);
  gtk_widget_measure (GTK_WIDGET (f->bar), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, >=, 20);
  glossator_search_bar_set_search_mode (f->bar, FALSE);
  gui_test_flush ();
  gtk_widget_measure (GTK_WIDGET (f->bar), GTK_ORIENTATION_VERTICAL, -1, &height, NULL, NULL, NULL);
  g_assert_cmpint (height, ==, 0);
}

/* Enter, Shift+Enter or an arrow button before the entry asked for a
 * search (it waits for typing to pause) ask for it at once, not for a
 * step past a match not yet found. */
static void
test_enter_before_search (Fixture       *f,
                          gconstpointer  data)
{
  GtkWidget *next = find_button (GTK_WIDGET (f->bar), "Next Match");
  guint n_changed;

  type_text (f, "P");
  g_assert_cmpuint (f->n_changed, ==, 0);
  g_signal_emit_by_name (f->entry, "activate");
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpuint (f->n_next, ==, 0);
  glossator_search_bar_set_matches (f->bar, 3, 0);
  g_signal_emit_by_name (f->entry, "activate");
  g_assert_cmpuint (f->n_next, ==, 1);
  g_assert_cmpuint (f->n_changed, ==, 1);

  type_text (f, "u");
  g_assert_true (press_in_entry (f, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_cmpuint (f->n_previous, ==, 0);
  g_assert_true (press_in_entry (f, GDK_KEY_Return, GDK_SHIFT_MASK));
  g_assert_cmpuint (f->n_previous, ==, 1);

  type_text (f, "t");
  g_signal_emit_by_name (next, "clicked");
  g_assert_cmpuint (f->n_changed, ==, 3);
  g_assert_cmpuint (f->n_next, ==, 1);

  /* Escape right after typing searches, before the bar closes (and
   * empties the entry). */
  glossator_search_bar_set_search_mode (f->bar, TRUE);
  type_text (f, "i");
  g_signal_emit_by_name (f->entry, "stop-search");
  g_assert_false (glossator_search_bar_get_search_mode (f->bar));
  g_assert_cmpstr (f->last_query, ==, "Puti");
  glossator_search_bar_set_search_mode (f->bar, TRUE);
  type_text (f, "Putin");
  g_signal_emit_by_name (f->entry, "search-changed");
  n_changed = f->n_changed;

  /* Once the entry asked, Enter steps. */
  g_signal_emit_by_name (f->entry, "activate");
  g_assert_cmpuint (f->n_next, ==, 2);
  g_assert_cmpuint (f->n_changed, ==, n_changed);
}

/* The shortcut of the class or of a controller of @widget that @keyval
 * with @state triggers, activated; FALSE when there is none. */
static gboolean
activate_shortcut (GtkWidget       *widget,
                   guint            keyval,
                   GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == state)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut),
                                                 GTK_SHORTCUT_ACTION_EXCLUSIVE, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Whole word and match case: the toggles, Alt+W and Alt+M and the
 * properties agree, and each change asks for a new search. */
static void
test_options (Fixture       *f,
              gconstpointer  data)
{
  GtkToggleButton *whole_word = GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (f->bar), "Match Whole Words"));
  GtkToggleButton *match_case = GTK_TOGGLE_BUTTON (find_button (GTK_WIDGET (f->bar), "Match Case"));

  g_assert_nonnull (whole_word);
  g_assert_nonnull (match_case);
  g_assert_cmpint (glossator_search_bar_get_flags (f->bar), ==, GLOSSATOR_SEARCH_DEFAULT);

  g_assert_true (activate_shortcut (GTK_WIDGET (f->bar), GDK_KEY_w, GDK_ALT_MASK));
  g_assert_true (glossator_search_bar_get_whole_word (f->bar));
  g_assert_true (gtk_toggle_button_get_active (whole_word));
  g_assert_cmpuint (f->n_changed, ==, 1);
  g_assert_cmpint (glossator_search_bar_get_flags (f->bar), ==, GLOSSATOR_SEARCH_WHOLE_WORD);

  g_assert_true (activate_shortcut (GTK_WIDGET (f->bar), GDK_KEY_m, GDK_ALT_MASK));
  g_assert_true (gtk_toggle_button_get_active (match_case));
  g_assert_cmpuint (f->n_changed, ==, 2);
  g_assert_cmpint (glossator_search_bar_get_flags (f->bar), ==,
                   GLOSSATOR_SEARCH_WHOLE_WORD | GLOSSATOR_SEARCH_MATCH_CASE);

  g_assert_true (activate_shortcut (GTK_WIDGET (f->bar), GDK_KEY_w, GDK_ALT_MASK));
  g_assert_false (glossator_search_bar_get_whole_word (f->bar));
  g_assert_false (gtk_toggle_button_get_active (whole_word));
  g_assert_cmpuint (f->n_changed, ==, 3);
  g_assert_false (activate_shortcut (GTK_WIDGET (f->bar), GDK_KEY_w, 0));
  g_assert_false (activate_shortcut (GTK_WIDGET (f->bar), GDK_KEY_w, GDK_CONTROL_MASK));

  /* Clicking a toggle, or setting the option, is the same. */
  g_signal_emit_by_name (match_case, "clicked");
  g_assert_false (glossator_search_bar_get_match_case (f->bar));
  g_assert_cmpuint (f->n_changed, ==, 4);
  glossator_search_bar_set_whole_word (f->bar, TRUE);
  g_assert_true (gtk_toggle_button_get_active (whole_word));
  g_assert_cmpuint (f->n_changed, ==, 5);
  /* No change, no search. */
  glossator_search_bar_set_whole_word (f->bar, TRUE);
  g_assert_cmpuint (f->n_changed, ==, 5);

  /* A query typed: a search too (the entry's search-changed). */
  g_signal_emit_by_name (f->entry, "search-changed");
  g_assert_cmpuint (f->n_changed, ==, 6);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/search-bar/begin", test_begin);
  ADD ("/gui/search-bar/matches", test_matches);
  ADD ("/gui/search-bar/shift-enter", test_shift_enter);
  ADD ("/gui/search-bar/options", test_options);
  ADD ("/gui/search-bar/enter-before-search", test_enter_before_search);
  ADD ("/gui/search-bar/entry-mapped-at-once", test_entry_mapped_at_once);
  ADD ("/gui/search-bar/closed-takes-no-room", test_closed_takes_no_room);
#undef ADD

  return g_test_run ();
}

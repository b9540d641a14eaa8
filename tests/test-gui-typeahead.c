/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-candidate-row.h"
#include "glossator-typeahead.h"
#include "gui-test-util.h"

/* The typeahead alone, with a search of its own over a few names (emoji,
 * a flag, NFD and NFC accents): typing filters, Up / Down / Enter and a
 * click choose, Escape closes the list and nothing else, leaving the field
 * closes it too. */

typedef struct {
  const char *id;
  const char *name;
} Name;

static const Name names[] = {
  { "e1", "Maria Keller" },
  { "e2", "Ministry of Trade" },
  { "e3", "Cafe\u0301 Institute" },
  { "e4", "\U0001F1FA\U0001F1E6 Ukraine" },
  { "e5", "\U0001F469\u200D\U0001F469\u200D\U0001F467 Families League" },
};

typedef struct {
  GtkWindow          *window;
  GlossatorTypeahead *typeahead;
  GtkWidget          *other;       /* an entry to leave the field for */
  GPtrArray          *searches;    /* char*, the texts searched for */
  guint               n_chosen;
} Fixture;

/* Names containing @text, case folded, in their order. */
static GPtrArray *
search_cb (GlossatorTypeahead *typeahead,
           const char         *text,
           gpointer            user_data)
{
  Fixture *f = user_data;
  g_autofree char *folded = g_utf8_casefold (text, -1);
  GPtrArray *candidates = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_candidate_free);

  g_assert_true (typeahead == f->typeahead);
  g_ptr_array_add (f->searches, g_strdup (text));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *name = g_utf8_casefold (names[i].name, -1);
      GlossatorCandidate *candidate;

      if (strstr (name, folded) == NULL)
        continue;
      candidate = g_new0 (GlossatorCandidate, 1);
      candidate->kind = GLOSSATOR_CANDIDATE_ENTITY;
      candidate->value = g_strdup (names[i].id);
      candidate->title = g_strdup (names[i].name);
      candidate->name = g_strdup (names[i].name);
      candidate->detail = g_strdup ("ORG");
      candidate->color = g_strdup ("#1c71d8");
      g_ptr_array_add (candidates, candidate);
    }
  return candidates;
}

static void
chosen_cb (Fixture *f)
{
  f->n_chosen++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  f->window = GTK_WINDOW (gtk_window_new ());
  f->typeahead = GLOSSATOR_TYPEAHEAD (glossator_typeahead_new ());
  f->other = gtk_entry_new ();
  f->searches = g_ptr_array_new_with_free_func (g_free);
  glossator_typeahead_set_search_func (f->typeahead, search_cb, f, NULL);
  g_signal_connect_swapped (f->typeahead, "chosen", G_CALLBACK (chosen_cb), f);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->typeahead));
  gtk_box_append (GTK_BOX (box), f->other);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);
  gtk_widget_grab_focus (GTK_WIDGET (glossator_typeahead_get_entry (f->typeahead)));
  gui_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_clear_pointer (&f->searches, g_ptr_array_unref);
}

static void
type (Fixture    *f,
      const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (glossator_typeahead_get_entry (f->typeahead)), text);
}

static gboolean
press (Fixture *f,
       guint    keyval)
{
  return glossator_typeahead_handle_key (f->typeahead, keyval, 0);
}

static const char *
entry_text (Fixture *f)
{
  return gtk_editable_get_text (GTK_EDITABLE (glossator_typeahead_get_entry (f->typeahead)));
}

static void
assert_rows (Fixture            *f,
             const char * const *expected)
{
  g_auto(GStrv) rows = glossator_typeahead_dup_rows (f->typeahead);
  g_autofree char *got = g_strjoinv (" | ", rows);
  g_autofree char *want = g_strjoinv (" | ", (GStrv) expected);

  g_assert_cmpstr (got, ==, want);
}

/* The title of the row chosen in the list. */
static const char *
selected_row (Fixture *f)
{
  GtkWidget *list = gui_test_find_by_type (GTK_WIDGET (f->typeahead), GTK_TYPE_LIST_BOX);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (GTK_LIST_BOX (list));

  g_assert_nonnull (row);
  return glossator_candidate_row_get_candidate (GLOSSATOR_CANDIDATE_ROW (row))->title;
}

static void
test_typing_filters (Fixture       *f,
                     gconstpointer  data)
{
  g_assert_false (glossator_typeahead_get_popped_up (f->typeahead));

  type (f, "min");
  g_assert_true (glossator_typeahead_get_popped_up (f->typeahead));
  assert_rows (f, (const char *[]) { "Ministry of Trade, ORG", NULL });
  g_assert_cmpstr (f->searches->pdata[f->searches->len - 1], ==, "min");

  type (f, "M");
  assert_rows (f, (const char *[]) { "Maria Keller, ORG", "Ministry of Trade, ORG",
                                     "\U0001F469\u200D\U0001F469\u200D\U0001F467 Families League, ORG", NULL });
  g_assert_cmpstr (selected_row (f), ==, "Maria Keller");

  /* A decomposed é is found by its letters, and so are emoji. */
  type (f, "cafe\u0301");
  assert_rows (f, (const char *[]) { "Cafe\u0301 Institute, ORG", NULL });
  type (f, "\U0001F1FA\U0001F1E6");
  assert_rows (f, (const char *[]) { "\U0001F1FA\U0001F1E6 Ukraine, ORG", NULL });

  type (f, "nobody");
  assert_rows (f, (const char *[]) { NULL });
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);
  g_assert_cmpuint (f->n_chosen, ==, 0);
}

static void
test_down_enter_picks (Fixture       *f,
                       gconstpointer  data)
{
  g_auto(GStrv) rows = NULL;

  type (f, "m");
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_cmpstr (selected_row (f), ==, "Ministry of Trade");
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_cmpstr (selected_row (f), ==, "\U0001F469\u200D\U0001F469\u200D\U0001F467 Families League");
  g_assert_true (press (f, GDK_KEY_Up));
  g_assert_cmpstr (selected_row (f), ==, "Ministry of Trade");

  g_assert_true (press (f, GDK_KEY_Return));
  g_assert_cmpuint (f->n_chosen, ==, 1);
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_ENTITY);
  g_assert_cmpstr (glossator_typeahead_get_choice_value (f->typeahead), ==, "e2");
  g_assert_cmpstr (entry_text (f), ==, "Ministry of Trade");
  g_assert_false (glossator_typeahead_get_popped_up (f->typeahead));

  /* Opened again, the choice's text lists every name, the choice selected. */
  glossator_typeahead_popup (f->typeahead);
  g_assert_cmpstr (f->searches->pdata[f->searches->len - 1], ==, "");
  rows = glossator_typeahead_dup_rows (f->typeahead);
  g_assert_cmpuint (g_strv_length (rows), ==, G_N_ELEMENTS (names));
  g_assert_cmpstr (selected_row (f), ==, "Ministry of Trade");
  /* Enter on another row, with the list open, changes the choice. */
  g_assert_true (press (f, GDK_KEY_Up));
  g_assert_true (press (f, GDK_KEY_Return));
  g_assert_cmpstr (glossator_typeahead_get_choice_value (f->typeahead), ==, "e1");
  g_assert_cmpuint (f->n_chosen, ==, 2);

  /* Typing drops the choice. */
  type (f, "ukr");
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);
  g_assert_null (glossator_typeahead_get_choice_value (f->typeahead));
}

/* A click on a row chooses it; Enter with no row chooses nothing. */
static void
test_click_and_nothing (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *list = gui_test_find_by_type (GTK_WIDGET (f->typeahead), GTK_TYPE_LIST_BOX);

  type (f, "e");
  gtk_widget_activate (GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1)));
  g_assert_cmpstr (glossator_typeahead_get_choice_value (f->typeahead), ==, "e2");
  g_assert_cmpstr (entry_text (f), ==, "Ministry of Trade");
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (glossator_typeahead_get_entry (f->typeahead))) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (f->window)),
                                         GTK_WIDGET (glossator_typeahead_get_entry (f->typeahead))));

  type (f, "nobody");
  g_assert_true (press (f, GDK_KEY_Return));
  g_assert_false (glossator_typeahead_activate (f->typeahead));
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);
  g_assert_cmpuint (f->n_chosen, ==, 1);
}

/* Escape closes the list and nothing else: the text and the (absent)
 * choice stay, the next Escape is someone else's, and the field works on. */
static void
test_escape_closes (Fixture       *f,
                    gconstpointer  data)
{
  type (f, "mar");
  g_assert_true (glossator_typeahead_get_popped_up (f->typeahead));
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_false (glossator_typeahead_get_popped_up (f->typeahead));
  g_assert_cmpstr (entry_text (f), ==, "mar");
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);
  g_assert_false (press (f, GDK_KEY_Escape));
  g_assert_cmpuint (f->n_chosen, ==, 0);

  /* Down opens it again; Enter picks as before. */
  g_assert_true (press (f, GDK_KEY_Down));
  g_assert_true (glossator_typeahead_get_popped_up (f->typeahead));
  g_assert_true (press (f, GDK_KEY_Return));
  g_assert_cmpstr (glossator_typeahead_get_choice_value (f->typeahead), ==, "e1");

  /* Modified keys are not the typeahead's. */
  g_assert_false (glossator_typeahead_handle_key (f->typeahead, GDK_KEY_Down, GDK_CONTROL_MASK));
}

/* Leaving the field closes the list; resolve makes typed text the first
 * candidate; clear forgets everything. */
static void
test_leave_resolve_clear (Fixture       *f,
                          gconstpointer  data)
{
  type (f, "trade");
  g_assert_true (glossator_typeahead_get_popped_up (f->typeahead));
  gtk_widget_grab_focus (f->other);
  gui_test_flush ();
  g_assert_false (glossator_typeahead_get_popped_up (f->typeahead));
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);

  glossator_typeahead_resolve (f->typeahead);
  g_assert_cmpstr (glossator_typeahead_get_choice_value (f->typeahead), ==, "e2");
  g_assert_cmpstr (entry_text (f), ==, "Ministry of Trade");

  glossator_typeahead_clear (f->typeahead);
  g_assert_cmpstr (entry_text (f), ==, "");
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);
  /* No text stays no choice. */
  glossator_typeahead_resolve (f->typeahead);
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_NONE);

  glossator_typeahead_choose (f->typeahead, GLOSSATOR_CANDIDATE_AUTHOR, NULL, "Author");
  g_assert_cmpstr (entry_text (f), ==, "Author");
  g_assert_cmpint (glossator_typeahead_get_choice_kind (f->typeahead), ==, GLOSSATOR_CANDIDATE_AUTHOR);
}

/* In a .ui file the entry and the list are internal children. */
static void
test_internal_children (void)
{
  static const char ui[] =
    "<interface>"
    "  <object class='GlossatorTypeahead' id='typeahead'>"
    "    <property name='max-list-height'>123</property>"
    "    <child internal-child='entry'>"
    "      <object class='GtkEntry' id='entry'>"
    "        <property name='placeholder-text'>Who</property>"
    "      </object>"
    "    </child>"
    "  </object>"
    "</interface>";
  g_autoptr(GtkBuilder) builder = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorTypeahead *typeahead;
  int height = 0;

  g_type_ensure (GLOSSATOR_TYPE_TYPEAHEAD);
  builder = gtk_builder_new ();
  gtk_builder_add_from_string (builder, ui, -1, &error);
  g_assert_no_error (error);
  typeahead = GLOSSATOR_TYPEAHEAD (gtk_builder_get_object (builder, "typeahead"));
  g_assert_true (gtk_builder_get_object (builder, "entry") == G_OBJECT (glossator_typeahead_get_entry (typeahead)));
  g_assert_cmpstr (gtk_entry_get_placeholder_text (glossator_typeahead_get_entry (typeahead)), ==, "Who");
  g_object_get (typeahead, "max-list-height", &height, NULL);
  g_assert_cmpint (height, ==, 123);
  g_object_ref_sink (typeahead);
  g_object_unref (typeahead);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/typeahead/typing-filters", test_typing_filters);
  ADD ("/gui/typeahead/down-enter-picks", test_down_enter_picks);
  ADD ("/gui/typeahead/click-and-nothing", test_click_and_nothing);
  ADD ("/gui/typeahead/escape-closes", test_escape_closes);
  ADD ("/gui/typeahead/leave-resolve-clear", test_leave_resolve_clear);
#undef ADD
  g_test_add_func ("/gui/typeahead/internal-children", test_internal_children);

  return g_test_run ();
}

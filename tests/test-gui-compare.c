/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "glossator-compare-panel-private.h"
#include "glossator-copies-settings.h"
#include "glossator-merge.h"
#include "glossator-sidecar.h"
#include "gui-test-util.h"

/* The Differences panel on an article view: the gold (an article of a
 * corpus folder, in memory) against two annotators' copies on disk, and a
 * merge conflict recorded in a gold's sidecar. The text has a ZWJ family,
 * a flag, CRLF and an NFD accent, so code points, bytes and UTF-16 units
 * all differ. */
#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👩‍👩‍👧 */
#define FLAG   "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"                                         /* 🇫🇷 */

static const char TEXT[] =
  "Ana " FAMILY " met Bob in Paris.\r\nBob thanked the Paris mayor " FLAG " at the Cafe\xcc\x81.\r\n";
static const char OTHER_TEXT[] = "Rome and Oslo.\r\n";

typedef struct {
  char                  *dir;
  GFile                 *corpus;
  GFile                 *article;
  GlossatorDocument     *gold;
  GtkWindow             *window;
  GlossatorArticleView  *view;
  GlossatorComparePanel *panel;
  GPtrArray             *notices;
} Fixture;

static GlossatorDocument *
document_new (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) text = glossator_text_new (utf8, -1, &error);

  g_assert_no_error (error);
  return glossator_document_new (text);
}

static void
save (GlossatorDocument *document,
      const char        *dir,
      const char        *name)
{
  g_autofree char *sidecar_name = g_strconcat (name, ".annotations.json", NULL);
  g_autofree char *path = g_build_filename (dir, sidecar_name, NULL);
  g_autoptr(GFile) sidecar = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_assert_true (glossator_sidecar_save (document, sidecar, name, TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
}

/* An annotator's copy: both articles, @labels for Ana, Bob and Paris (NULL:
 * not tagged), Rome tagged LOC in b.txt by everyone. */
static void
write_copy (Fixture    *f,
            const char *name,
            const char *ana,
            const char *bob,
            const char *paris)
{
  g_autofree char *dir = g_build_filename (f->dir, name, NULL);
  g_autoptr(GlossatorDocument) a = document_new (TEXT);
  g_autoptr(GlossatorDocument) b = document_new (OTHER_TEXT);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  test_util_write_file (dir, "a.txt", TEXT, -1);
  test_util_write_file (dir, "b.txt", OTHER_TEXT, -1);
  if (ana != NULL)
    test_util_put_mention (a, "m1", ana, "e1", "Ana", 0, NULL);
  if (bob != NULL)
    test_util_put_mention (a, "m2", bob, "e2", "Bob", 0, NULL);
  if (paris != NULL)
    test_util_put_mention (a, "m3", paris, "e3", "Paris", 0, NULL);
  save (a, dir, "a.txt");
  /* b.txt: one label difference between the two copies. */
  test_util_put_mention (b, "m1", strcmp (name, "ana") == 0 ? "LOC" : "ORG", "e1", "Oslo", 0, NULL);
  save (b, dir, "b.txt");
}

static void
notice_cb (Fixture    *f,
           const char *message)
{
  g_ptr_array_add (f->notices, g_strdup (message));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *corpus = NULL;
  GtkWidget *box, *side;

  f->dir = test_util_make_temp_dir ();
  write_copy (f, "ana", "PERSON", "PERSON", "LOC");
  write_copy (f, "bob", "PERSON", NULL, "ORG");
  corpus = g_build_filename (f->dir, "gold", NULL);
  g_assert_cmpint (g_mkdir_with_parents (corpus, 0700), ==, 0);
  test_util_write_file (corpus, "a.txt", TEXT, -1);
  test_util_write_file (corpus, "b.txt", OTHER_TEXT, -1);
  f->corpus = g_file_new_for_path (corpus);
  f->article = g_file_get_child (f->corpus, "a.txt");
  f->gold = document_new (TEXT);
  f->notices = g_ptr_array_new_with_free_func (g_free);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  /* As in the window: the panel is a page of the side stack. */
  side = gtk_stack_new ();
  gtk_widget_set_size_request (side, 340, -1);
  gtk_stack_add_named (GTK_STACK (side), gtk_label_new ("Entities"), "entities");
  f->panel = GLOSSATOR_COMPARE_PANEL (glossator_compare_panel_new ());
  gtk_stack_add_named (GTK_STACK (side), GTK_WIDGET (f->panel), "differences");
  gtk_box_append (GTK_BOX (box), side);
  gtk_window_set_child (f->window, box);
  g_signal_connect_swapped (f->panel, "notice", G_CALLBACK (notice_cb), f);
  glossator_compare_panel_add_shortcuts (f->panel, GTK_WIDGET (f->window));
  gtk_window_present (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_clear_object (&f->gold);
  g_clear_object (&f->corpus);
  g_clear_object (&f->article);
  g_clear_pointer (&f->notices, g_ptr_array_unref);
  test_util_remove_tree (f->dir);
  g_free (f->dir);
}

static void
open_gold (Fixture *f)
{
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();

  glossator_article_view_set_document (f->view, f->gold, schema, FALSE);
  glossator_compare_panel_set_article (f->panel, f->view, f->gold, f->corpus, f->article, FALSE);
}

static void
compare_with_both (Fixture *f)
{
  g_autofree char *ana = g_build_filename (f->dir, "ana", NULL);
  g_autofree char *bob = g_build_filename (f->dir, "bob", NULL);
  GFile *copies[] = { g_file_new_for_path (ana), g_file_new_for_path (bob) };

  glossator_compare_panel_set_copies (f->panel, copies, 2);
  g_object_unref (copies[0]);
  g_object_unref (copies[1]);
}

/* Presses @accelerator on the window as the panel's key handler sees it:
 * the shortcut with that trigger, activated. */
static gboolean
press (Fixture    *f,
       const char *accelerator)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->window));
  g_autoptr(GtkShortcutTrigger) wanted = gtk_shortcut_trigger_parse_string (accelerator);

  g_assert_nonnull (wanted);
  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller)
          || g_strcmp0 (gtk_event_controller_get_name (controller), "glossator-compare-keys") != 0)
        continue;
      g_assert_cmpint (gtk_event_controller_get_propagation_phase (controller), ==, GTK_PHASE_CAPTURE);
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), wanted))
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, GTK_WIDGET (f->window),
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  g_error ("no compare key %s", accelerator);
}

static char *
rows_text (Fixture *f)
{
  GString *out = g_string_new (NULL);

  for (guint r = 0; r < _glossator_compare_panel_get_n_rows (f->panel); r++)
    g_string_append_printf (out, "%s[%s]", r > 0 ? "\n" : "", _glossator_compare_panel_get_row_text (f->panel, r));
  return g_string_free (out, FALSE);
}

static gboolean
counted (gpointer data)
{
  Fixture *f = data;

  return !_glossator_compare_panel_is_counting (f->panel);
}

static void
append_labels (GtkWidget *widget,
               GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    append_labels (child, out);
}

/* The badges drawn over the text for the current difference, as their
 * labels' text ("AN PERSON BO —"), or NULL when there are none. */
static char *
badges_text (Fixture *f)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (f->view)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (gtk_widget_has_css_class (child, "difference-badges"))
      {
        GString *out = g_string_new (NULL);

        g_assert_true (gtk_widget_get_child_visible (child));
        append_labels (child, out);
        return g_string_free (out, FALSE);
      }
  return NULL;
}

static guint
offset_of (const char *needle,
           guint       nth)
{
  return test_util_offset_of (TEXT, needle, nth);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The labels of the mentions starting at @offset, sorted, comma-separated
 * each with the annotators its "source" names, "ORG<bob>"
 * (valid until the next call). */
static const char *
labels_at (GlossatorDocument *document,
           guint              offset)
{
  static char *joined;
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 0; m < mentions->len; m++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, m);
      JsonObject *source = mention->extra != NULL && json_object_has_member (mention->extra, "source")
                           ? json_object_get_object_member (mention->extra, "source") : NULL;
      JsonArray *who = source != NULL ? json_object_get_array_member (source, "adjudicated") : NULL;
      GString *label;

      if (mention->n_fragments == 0 || mention->fragments[0].start != offset)
        continue;
      label = g_string_new (mention->label);
      g_string_append_c (label, '<');
      for (guint k = 0; who != NULL && k < json_array_get_length (who); k++)
        g_string_append_printf (label, "%s%s", k > 0 ? " " : "", json_array_get_string_element (who, k));
      g_string_append_c (label, '>');
      g_ptr_array_add (labels, g_string_free (label, FALSE));
    }
  g_ptr_array_sort (labels, compare_strings);
  g_ptr_array_add (labels, NULL);
  g_free (joined);
  joined = g_strjoinv (",", (char **) labels->pdata);
  return joined;
}

/* What the list shows: each difference with each annotator's version,
 * agreements left out; the text marks them; the keys step and decide,
 * each decision one undo step recording its source; progress follows. */
static void
test_list_keys_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;

  open_gold (f);
  /* Nothing to compare with: an empty list, and the keys go on. */
  g_assert_cmpuint (_glossator_compare_panel_get_n_rows (f->panel), ==, 0);
  g_assert_false (press (f, "F8"));
  g_assert_false (press (f, "<Alt>1"));

  compare_with_both (f);
  gui_test_wait (counted, f);
  text = rows_text (f);
  /* Ana: both have PERSON, the gold nothing — an agreement to take. Bob:
   * only ana. Paris: LOC against ORG. */
  g_assert_cmpstr (text, ==,
                   "[Agreed, not in the gold yet\nana: PERSON “Ana”\nbob: PERSON “Ana”]\n"
                   "[Only some annotators have it\nana: PERSON “Bob”\nbob: nothing]\n"
                   "[Label differs\nana: LOC “Paris”\nbob: ORG “Paris”]");
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 0);
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==,
                   "Article: 0 of 2 differences settled · 1 agreement not in the gold yet");
  /* Alt+1 takes the agreement (ana's version, the same as bob's); it
   * leaves the list, drawn as the gold's own. */
  g_assert_true (press (f, "<Alt>1"));
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Ana", 0)), ==, "PERSON<ana bob>");
  g_assert_cmpuint (_glossator_compare_panel_get_n_rows (f->panel), ==, 2);
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 0);
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 0 of 2 differences settled");
  /* Over the text, who has which version of the current one (Bob). */
  gui_test_flush ();
  {
    g_autofree char *badges = badges_text (f);

    g_assert_cmpstr (badges, ==, "AN PERSON BO —");
  }
  /* b.txt's difference is the corpus's third. */
  g_assert_cmpstr (_glossator_compare_panel_get_corpus_progress (f->panel), ==,
                   "Corpus: 0 of 3 disagreements settled");

  /* The current difference is tinted, the other underlined. */
  buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (f->view));
  g_assert_true (gui_test_has_tag (buffer, "current-difference", offset_of ("Bob", 0)));
  g_assert_true (gui_test_has_tag (buffer, "difference", offset_of ("Paris", 0)));
  g_assert_false (gui_test_has_tag (buffer, "difference", offset_of ("Ana", 0)));

  /* F8 and Shift+F8 step, wrapping. */
  g_assert_true (press (f, "F8"));
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 1);
  gui_test_flush ();
  {
    g_autofree char *badges = badges_text (f);

    g_assert_cmpstr (badges, ==, "AN LOC BO ORG");
  }
  g_assert_true (gui_test_has_tag (buffer, "current-difference", offset_of ("Paris", 0)));
  g_assert_true (press (f, "F8"));
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 0);
  g_assert_true (press (f, "<Shift>F8"));
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 1);

  /* Alt+2: bob's ORG for Paris, as one undo step with its source. */
  g_assert_true (press (f, "<Alt>2"));
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Paris", 0)), ==, "ORG<bob>");
  g_assert_true (glossator_document_can_undo (f->gold));
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 1 of 2 differences settled");
  g_assert_cmpstr (_glossator_compare_panel_get_corpus_progress (f->panel), ==,
                   "Corpus: 1 of 3 disagreements settled");
  /* It moved on to what is left: Bob. */
  g_assert_cmpint (_glossator_compare_panel_get_current (f->panel), ==, 0);
  g_assert_false (gui_test_has_tag (buffer, "difference", offset_of ("Paris", 0)));

  /* Alt+0: none for Bob. */
  g_assert_true (press (f, "<Alt>0"));
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 2 of 2 differences settled");

  /* Ctrl+Z undoes one decision at a time; the list follows. */
  g_assert_true (glossator_document_undo (f->gold));
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 1 of 2 differences settled");
  g_assert_true (glossator_document_undo (f->gold));
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 0 of 2 differences settled");
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Paris", 0)), ==, "");
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Ana", 0)), ==, "PERSON<ana bob>");

  /* Alt+A on Paris keeps both versions. */
  while (_glossator_compare_panel_get_current (f->panel) != 1)
    g_assert_true (press (f, "F8"));
  g_assert_true (press (f, "<Alt>a"));
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Paris", 0)), ==, "LOC<ana>,ORG<bob>");

  /* Bob tagged by hand in the gold, another label than ana's: Alt+K keeps
   * the gold's version, settled, with an empty source. */
  test_util_put_mention (f->gold, "m9", "ORG", "e9", "Bob", 0, NULL);
  gui_test_flush ();
  /* (Paris, both versions kept, now counts as two items, both settled.) */
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 2 of 3 differences settled");
  while (!g_str_has_suffix (_glossator_compare_panel_get_row_text (f->panel,
                                                                   _glossator_compare_panel_get_current (f->panel)),
                            "ana: PERSON “Bob”\nbob: nothing"))
    g_assert_true (press (f, "F8"));
  g_assert_true (press (f, "<Alt>k"));
  g_assert_cmpstr (labels_at (f->gold, offset_of ("Bob", 0)), ==, "ORG<>");
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 3 of 3 differences settled");
  g_assert_cmpuint (f->notices->len, ==, 0);
}

/* The copies chosen are remembered for the corpus, as the statistics
 * window remembers them: the next article of the corpus is compared. */
static void
test_remembered (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GPtrArray) remembered = NULL;
  g_autoptr(GlossatorComparePanel) other = NULL;

  open_gold (f);
  compare_with_both (f);
  remembered = glossator_copies_settings_get (settings, f->corpus);
  g_assert_cmpuint (remembered->len, ==, 2);

  /* The Statistics window choosing other copies for the corpus: the
   * panel follows. */
  {
    g_autofree char *ana = g_build_filename (f->dir, "ana", NULL);
    GFile *copies[] = { g_file_new_for_path (ana) };

    glossator_copies_settings_set (settings, f->corpus, copies, 1);
    g_object_unref (copies[0]);
  }
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_row_text (f->panel, 0), ==,
                   "Agreed, not in the gold yet\nana: PERSON “Ana”");
  compare_with_both (f);

  other = g_object_ref_sink (GLOSSATOR_COMPARE_PANEL (glossator_compare_panel_new ()));
  glossator_compare_panel_set_article (other, NULL, f->gold, f->corpus, f->article, FALSE);
  g_assert_cmpuint (_glossator_compare_panel_get_n_rows (other), ==, 3);

  /* A copy without the article says so, and compares nothing. */
  {
    g_autofree char *lone = g_build_filename (f->dir, "lone", NULL);
    GFile *copies[] = { g_file_new_for_path (lone) };

    g_assert_cmpint (g_mkdir_with_parents (lone, 0700), ==, 0);
    glossator_compare_panel_set_copies (other, copies, 1);
    g_object_unref (copies[0]);
  }
  g_assert_cmpuint (_glossator_compare_panel_get_n_rows (other), ==, 0);
  g_assert_nonnull (_glossator_compare_panel_get_problem (other));
  g_assert_nonnull (strstr (_glossator_compare_panel_get_problem (other), "Not compared"));
}

/* A merge conflict the gold's sidecar records is listed without Compare,
 * ours and theirs as the versions; Alt+2 takes theirs and removes the
 * record, one undo step. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GlossatorDocument) base = document_new (TEXT);
  g_autoptr(GlossatorDocument) ours = document_new (TEXT);
  g_autoptr(GlossatorDocument) theirs = document_new (TEXT);
  g_autoptr(GBytes) b = NULL, o = NULL, t = NULL, merged = NULL, after = NULL;
  g_autoptr(GlossatorDocument) gold = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GError) error = NULL;
  guint n_conflicts = 0;
  gsize length;
  const char *bytes;

  test_util_put_mention (base, "m1", "LOC", "e1", "Bob", 0, NULL);
  test_util_put_mention (ours, "m1", "ORG", "e1", "Bob", 0, NULL);
  test_util_put_mention (theirs, "m1", "PERSON", "e1", "Bob", 0, NULL);
  b = glossator_sidecar_serialize (base, "a.txt");
  o = glossator_sidecar_serialize (ours, "a.txt");
  t = glossator_sidecar_serialize (theirs, "a.txt");
  merged = glossator_merge_sidecars ("base", b, "ours", o, "theirs", t, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 1);
  bytes = g_bytes_get_data (merged, &length);
  gold = glossator_sidecar_parse (glossator_document_get_text (f->gold), "a.txt.annotations.json", bytes, length,
                                  NULL, NULL, &error);
  g_assert_no_error (error);

  glossator_article_view_set_document (f->view, gold, schema, FALSE);
  glossator_compare_panel_set_article (f->panel, f->view, gold, NULL, NULL, FALSE);
  g_assert_cmpuint (_glossator_compare_panel_get_n_rows (f->panel), ==, 1);
  g_assert_cmpstr (_glossator_compare_panel_get_row_text (f->panel, 0), ==,
                   "Merge conflict\nours: ORG “Bob”\ntheirs: PERSON “Bob”");
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 0 of 1 difference settled");

  g_assert_true (press (f, "<Alt>2"));
  g_assert_cmpstr (glossator_document_get_mention (gold, "m1")->label, ==, "PERSON");
  after = glossator_sidecar_serialize (gold, "a.txt");
  g_assert_null (g_strstr_len (g_bytes_get_data (after, NULL), g_bytes_get_size (after), "\"conflicts\""));
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 1 of 1 difference settled");

  g_assert_true (glossator_document_undo (gold));
  g_assert_false (glossator_document_can_undo (gold));
  g_assert_cmpstr (glossator_document_get_mention (gold, "m1")->label, ==, "ORG");
  gui_test_flush ();
  g_assert_cmpstr (_glossator_compare_panel_get_progress (f->panel), ==, "Article: 0 of 1 difference settled");

  /* Read-only (marked done): the key says so and changes nothing. */
  glossator_compare_panel_set_read_only (f->panel, TRUE);
  g_assert_true (press (f, "<Alt>1"));
  g_assert_false (glossator_document_can_undo (gold));
  g_assert_cmpuint (f->notices->len, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, TRUE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/compare/list-keys-undo", test_list_keys_undo);
  ADD ("/gui/compare/remembered", test_remembered);
  ADD ("/gui/compare/conflict", test_conflict);
#undef ADD

  return g_test_run ();
}

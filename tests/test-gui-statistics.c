/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>
#include <libxml/parser.h>
#include <math.h>
#include <string.h>

#include "glossator-review.h"
#include "glossator-sidecar.h"
#include "glossator-statistics-window-private.h"
#include "gui-test-util.h"

static const char TEXT[] =
  "Ana " FAMILY " met Bob in Paris.\r\nBob thanked the Paris mayor " FLAG_UA ".\r\n";

typedef struct {
  char                      *dir;
  GFile                     *gold;
  GFile                     *copies[2];
  GlossatorStatisticsWindow *window;   /* a reference: it outlives its closing */
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
put_mention (GlossatorDocument *document,
             const char        *id,
             const char        *label,
             const char        *needle,
             guint              nth)
{
  GlossatorText *text = glossator_document_get_text (document);
  g_autofree char *entity_id = g_strconcat ("e-", id, NULL);
  g_autoptr(GlossatorEntity) entity = glossator_entity_new (entity_id, needle, label);
  g_autoptr(GlossatorMention) mention = glossator_mention_new (id, label, entity_id);
  guint start = test_util_offset_of (glossator_text_get_utf8 (text, NULL), needle, nth);

  glossator_span_set_quote (glossator_mention_add_fragment (mention, start, start + g_utf8_strlen (needle, -1)),
                            text);
  glossator_document_put_entity (document, entity);
  glossator_document_put_mention (document, mention);
}

static void
put_stance (GlossatorDocument *document,
            const char        *id,
            const char        *polarity)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_new (id, polarity);

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "Paris");
  glossator_document_put_stance (document, stance);
}

static void
write_sidecar (const char        *dir,
               const char        *relative,
               GlossatorDocument *document)
{
  g_autofree char *base = g_path_get_basename (relative);
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (document, base);
  g_autofree char *name = g_strconcat (relative, ".annotations.json", NULL);

  test_util_write_file (dir, name, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
}

/* gold/, ana/ and bob/: news/a.txt annotated differently by ana and bob
 * (emoji, CRLF), c.txt on another text in bob's copy, and the gold's
 * d.txt with a sidecar that is not JSON. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlossatorDocument) gold = document_new (TEXT);
  g_autoptr(GlossatorDocument) ana = document_new (TEXT);
  g_autoptr(GlossatorDocument) bob = document_new (TEXT);
  g_autoptr(GlossatorDocument) other = document_new ("Bob left.\r\n");
  g_autofree char *gold_dir = NULL, *ana_dir = NULL, *bob_dir = NULL;

  f->dir = test_util_make_temp_dir ();
  gold_dir = g_build_filename (f->dir, "gold", NULL);
  ana_dir = g_build_filename (f->dir, "ana", NULL);
  bob_dir = g_build_filename (f->dir, "bob", NULL);
  for (guint i = 0; i < 3; i++)
    {
      const char *copy = i == 0 ? "gold" : i == 1 ? "ana" : "bob";
      g_autofree char *a = g_strconcat (copy, "/news/a.txt", NULL);
      g_autofree char *c = g_strconcat (copy, "/c.txt", NULL);

      test_util_write_file (f->dir, a, TEXT, -1);
      test_util_write_file (f->dir, c, i == 2 ? "Bob left.\r\n" : TEXT, -1);
    }
  test_util_write_file (f->dir, "gold/d.txt", TEXT, -1);
  test_util_write_file (f->dir, "gold/d.txt.annotations.json", "{not json", -1);

  put_mention (gold, "m1", "PERSON", "Bob", 0);
  glossator_document_set_status (gold, GLOSSATOR_STATUS_DONE);
  write_sidecar (gold_dir, "news/a.txt", gold);

  put_mention (ana, "m1", "PERSON", "Bob", 0);
  put_mention (ana, "m2", "PERSON", "Bob", 1);
  put_mention (ana, "m3", "GPE", "Paris", 0);
  put_mention (ana, "m4", "Café", "mayor", 0);
  put_stance (ana, "s1", "favor");
  put_stance (ana, "s2", "against");
  put_mention (bob, "m1", "PERSON", "Bob", 0);
  put_mention (bob, "m3", "LOC", "Paris", 0);
  put_mention (bob, "m5", "GPE", "Paris", 1);
  put_stance (bob, "s1", "against");
  write_sidecar (ana_dir, "news/a.txt", ana);
  write_sidecar (bob_dir, "news/a.txt", bob);
  write_sidecar (ana_dir, "c.txt", ana);
  write_sidecar (bob_dir, "c.txt", other);

  f->gold = g_file_new_for_path (gold_dir);
  f->copies[0] = g_file_new_for_path (ana_dir);
  f->copies[1] = g_file_new_for_path (bob_dir);
}

/* Whether @window was closed: GTK no longer lists it. */
static gboolean
is_closed (gpointer window)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  return g_list_find (toplevels, window) == NULL;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->window != NULL && !is_closed (f->window))
    gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->window);
  gui_test_flush ();
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->gold);
  g_clear_object (&f->copies[0]);
  g_clear_object (&f->copies[1]);
}

static gboolean
loaded (gpointer data)
{
  return !_glossator_statistics_window_is_loading (data);
}

static void
open_window (Fixture *f,
             guint    n_copies)
{
  f->window = g_object_ref (GLOSSATOR_STATISTICS_WINDOW (glossator_statistics_window_new (f->gold, NULL)));
  glossator_statistics_window_set_copies (f->window, f->copies, n_copies);
  gtk_window_present (GTK_WINDOW (f->window));
  gui_test_wait (loaded, f->window);
  gui_test_flush ();
}

static JsonObject *
review (Fixture *f,
        guint    n_copies)
{
  g_autoptr(GError) error = NULL;
  JsonObject *report = n_copies > 0 ? glossator_review_corpus (f->gold, f->copies, n_copies, NULL, &error)
                                    : glossator_review_corpus (f->gold, &f->gold, 1, NULL, &error);

  g_assert_no_error (error);
  return report;
}

static int
find_category (GlossatorChart *chart,
               const char     *name)
{
  for (guint c = 0; c < glossator_chart_get_n_categories (chart); c++)
    if (strcmp (glossator_chart_get_category (chart, c), name) == 0)
      return (int) c;
  return -1;
}

/* Every count of @member ({annotator: {name: count}}) is the chart's, and
 * the chart shows nothing else. */
static void
assert_counts (GlossatorChart *chart,
               JsonObject     *report,
               const char     *member)
{
  JsonObject *by_annotator = json_object_get_object_member (report, member);
  JsonArray *annotators = json_object_get_array_member (report, "annotators");
  double chart_total = 0.0, report_total = 0.0;

  g_assert_cmpuint (glossator_chart_get_n_series (chart), ==, json_array_get_length (annotators));
  for (guint s = 0; s < json_array_get_length (annotators); s++)
    {
      const char *annotator = json_array_get_string_element (annotators, s);
      JsonObject *counts = json_object_get_object_member (by_annotator, annotator);
      g_autoptr(GList) names = NULL;

      g_assert_cmpstr (glossator_chart_get_series (chart, s), ==, annotator);
      g_assert_nonnull (counts);
      names = json_object_get_members (counts);
      for (GList *l = names; l != NULL; l = l->next)
        {
          int c = find_category (chart, l->data);

          g_assert_cmpint (c, >=, 0);
          g_assert_cmpfloat (glossator_chart_get_value (chart, c, s), ==,
                             json_object_get_int_member (counts, l->data));
          report_total += json_object_get_int_member (counts, l->data);
        }
      for (guint c = 0; c < glossator_chart_get_n_categories (chart); c++)
        chart_total += glossator_chart_get_value (chart, c, s);
    }
  g_assert_cmpfloat (chart_total, ==, report_total);
}

static void
assert_figure (double      shown,
               JsonObject *figures,
               const char *name)
{
  JsonNode *node = json_object_get_member (figures, name);

  g_assert_nonnull (node);
  if (JSON_NODE_HOLDS_NULL (node))
    g_assert_true (isnan (shown));
  else
    g_assert_cmpfloat_with_epsilon (shown, json_node_get_double (node), 1e-9);
}

/* The charts hold the figures of glossator_review_corpus(), agree's among
 * them, and the files that could not be compared are listed. */
static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(JsonObject) report = review (f, 2);
  JsonObject *agreement = json_object_get_object_member (report, "agreement");
  JsonObject *overall = json_object_get_object_member (json_object_get_object_member (agreement, "overall"),
                                                       "by_label");
  JsonObject *pair = json_array_get_object_element (json_object_get_array_member (agreement, "pairs"), 0);
  JsonObject *by_label = json_object_get_object_member (json_object_get_object_member (pair, "mentions"),
                                                        "by_label");
  JsonObject *status = json_object_get_object_member (report, "status");
  GlossatorChart *chart;
  g_autoptr(GList) labels = NULL;
  const char *problems;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);
  g_autoptr(GVariant) remembered = NULL;
  g_autofree char *uri = g_file_get_uri (f->gold);
  g_autofree const char **uris = NULL;

  open_window (f, 2);

  assert_counts (_glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_MENTIONS),
                 report, "mentions_by_label");
  assert_counts (_glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_POLARITIES),
                 report, "stance_polarities");
  /* The label outside the schema is shown too. */
  g_assert_cmpint (find_category (_glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_MENTIONS),
                                  "Café"), >=, 0);

  chart = _glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_AGREEMENT);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (chart)));
  g_assert_cmpuint (glossator_chart_get_n_series (chart), ==, 3);
  labels = json_object_get_members (overall);
  g_assert_cmpuint (glossator_chart_get_n_categories (chart), ==, g_list_length (labels));
  for (GList *l = labels; l != NULL; l = l->next)
    {
      int c = find_category (chart, l->data);
      JsonObject *figures = json_object_get_object_member (by_label, l->data);

      g_assert_cmpint (c, >=, 0);
      assert_figure (glossator_chart_get_value (chart, c, 0), json_object_get_object_member (overall, l->data),
                     "krippendorff_alpha_u");
      assert_figure (glossator_chart_get_value (chart, c, 1), json_object_get_object_member (figures, "exact"), "f1");
      assert_figure (glossator_chart_get_value (chart, c, 2), json_object_get_object_member (figures, "overlap"),
                     "f1");
    }
  /* Not all 1: the copies differ. */
  g_assert_cmpfloat (glossator_chart_get_value (chart, find_category (chart, "GPE"), 1), <, 1.0);

  chart = _glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_STATUS);
  g_assert_cmpuint (glossator_chart_get_n_series (chart), ==, 3);
  g_assert_cmpfloat (glossator_chart_get_value (chart, 0, 0), ==, json_object_get_int_member (status, "todo"));
  g_assert_cmpfloat (glossator_chart_get_value (chart, 0, 1), ==, json_object_get_int_member (status, "in-progress"));
  g_assert_cmpfloat (glossator_chart_get_value (chart, 0, 2), ==, json_object_get_int_member (status, "done"));
  g_assert_cmpfloat (glossator_chart_get_value (chart, 0, 2), ==, 1);

  problems = _glossator_statistics_window_get_problems (f->window);
  g_assert_nonnull (problems);
  g_assert_nonnull (strstr (problems, "c.txt: different text"));
  g_assert_nonnull (strstr (problems, "d.txt.annotations.json"));

  /* The copies are remembered for this corpus. */
  remembered = g_settings_get_value (settings, "statistics-copies");
  g_assert_true (g_variant_lookup (remembered, uri, "^a&s", &uris));
  g_assert_cmpuint (g_strv_length ((char **) uris), ==, 2);
  {
    g_autofree char *ana = g_file_get_uri (f->copies[0]);

    g_assert_cmpstr (uris[0], ==, ana);
  }
}

/* Without copies, the corpus's own annotations: one annotator, no
 * agreement. */
static void
test_own_figures (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(JsonObject) report = review (f, 0);
  GlossatorChart *mentions;

  open_window (f, 0);
  mentions = _glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_MENTIONS);
  assert_counts (mentions, report, "mentions_by_label");
  g_assert_cmpuint (glossator_chart_get_n_series (mentions), ==, 1);
  g_assert_cmpstr (glossator_chart_get_series (mentions, 0), ==, "gold");
  g_assert_cmpfloat (glossator_chart_get_value (mentions, find_category (mentions, "PERSON"), 0), ==, 1);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (_glossator_statistics_window_get_chart (f->window,
                                                                                               GLOSSATOR_STATISTICS_AGREEMENT))));
  /* The unreadable sidecar is still named. */
  g_assert_nonnull (strstr (_glossator_statistics_window_get_problems (f->window), "d.txt.annotations.json"));
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (glossator_chart_save_finish (GLOSSATOR_CHART (object), result, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static char *
save (Fixture              *f,
      GlossatorChart       *chart,
      const char           *name,
      GlossatorChartFormat  format,
      gsize                *length)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  gboolean done = FALSE;

  glossator_chart_save_async (chart, file, format, NULL, saved_cb, &done);
  gui_test_wait (is_true, &done);
  return test_util_read_gfile (file, length);
}

static guint32
read_be32 (const char *p)
{
  const guchar *u = (const guchar *) p;

  return (guint32) u[0] << 24 | (guint32) u[1] << 16 | (guint32) u[2] << 8 | u[3];
}

/* A PNG twice the chart's size on screen, and an SVG naming the labels. */
static void
test_save (Fixture       *f,
           gconstpointer  data)
{
  GlossatorChart *chart;
  g_autofree char *png = NULL;
  g_autofree char *svg = NULL;
  gsize length;
  xmlDocPtr doc;
  xmlNodePtr root;
  g_autoptr(GString) text = g_string_new (NULL);

  open_window (f, 2);
  chart = _glossator_statistics_window_get_chart (f->window, GLOSSATOR_STATISTICS_MENTIONS);
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (chart)), >, 0);

  png = save (f, chart, "mentions.png", GLOSSATOR_CHART_FORMAT_PNG, &length);
  g_assert_cmpuint (length, >, 33);
  g_assert_cmpmem (png, 8, "\x89PNG\r\n\x1a\n", 8);
  g_assert_cmpmem (png + 12, 4, "IHDR", 4);
  g_assert_cmpuint (read_be32 (png + 16), ==, 2 * gtk_widget_get_width (GTK_WIDGET (chart)));
  g_assert_cmpuint (read_be32 (png + 20), ==, 2 * gtk_widget_get_height (GTK_WIDGET (chart)));

  svg = save (f, chart, "mentions.svg", GLOSSATOR_CHART_FORMAT_SVG, &length);
  doc = xmlReadMemory (svg, (int) length, "mentions.svg", NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  root = xmlDocGetRootElement (doc);
  g_assert_cmpstr ((const char *) root->name, ==, "svg");
  for (xmlNodePtr node = root->children; node != NULL; node = node->next)
    if (node->type == XML_ELEMENT_NODE &&
        (strcmp ((const char *) node->name, "title") == 0 || strcmp ((const char *) node->name, "desc") == 0))
      {
        xmlChar *content = xmlNodeGetContent (node);

        g_string_append_printf (text, "%s\n", (const char *) content);
        xmlFree (content);
      }
  xmlFreeDoc (doc);
  g_assert_nonnull (strstr (text->str, glossator_chart_get_title (chart)));
  g_assert_nonnull (strstr (text->str, "PERSON: ana 2, bob 1"));
  g_assert_nonnull (strstr (text->str, "Café: ana 1, bob 0"));
}

/* Activates what the window binds to @keyval with @modifiers. */
static gboolean
press (GtkWidget       *widget,
       guint            keyval,
       GdkModifierType  modifiers)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint k = 0; k < g_list_model_get_n_items (G_LIST_MODEL (controller)); k++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), k);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

          if (GTK_IS_KEYVAL_TRIGGER (trigger) &&
              gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
              gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
            return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                                 gtk_shortcut_get_arguments (shortcut));
        }
    }
  return FALSE;
}

/* Escape and Ctrl+W close the window; Tab reaches every Save button. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GHashTable) reached = g_hash_table_new (NULL, NULL);
  guint n_buttons = 0;

  open_window (f, 2);
  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (f->window), GTK_DIR_TAB_FORWARD))
        continue;
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      if (GTK_IS_BUTTON (focus) && g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (focus)) ?: "", "Save as "))
        g_hash_table_add (reached, focus);
    }
  for (GlossatorStatisticsChart which = 0; which < GLOSSATOR_STATISTICS_N_CHARTS; which++)
    n_buttons += 2;
  g_assert_cmpuint (g_hash_table_size (reached), ==, n_buttons);

  g_assert_true (press (GTK_WIDGET (f->window), GDK_KEY_Escape, 0));
  gui_test_flush ();
  g_assert_true (is_closed (f->window));

  /* Ctrl+W on a second one. */
  g_clear_object (&f->window);
  open_window (f, 0);
  g_assert_true (press (GTK_WIDGET (f->window), GDK_KEY_w, GDK_CONTROL_MASK));
  gui_test_flush ();
  g_assert_true (is_closed (f->window));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, TRUE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/statistics/figures", test_figures);
  ADD ("/gui/statistics/own-figures", test_own_figures);
  ADD ("/gui/statistics/save", test_save);
  ADD ("/gui/statistics/keyboard", test_keyboard);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "glossator-application.h"
#include "glossator-export-dialog.h"
#include "glossator-export.h"
#include "glossator-format-options-group.h"
#include "glossator-format-row.h"
#include "glossator-import-dialog.h"
#include "glossator-window-private.h"
#include "gui-test-util.h"

/* The Export and Import dialogs, alone and from the window, on temporary
 * copies of data/samples (three articles with sidecars). */

static GlossatorApplication *app;

typedef struct {
  char      *dir;        /* holds corpus/ and what is exported or imported */
  GFile     *top;
  GFile     *corpus;
  GFile     *article;    /* corpus/harbour-strike.txt */
  GtkWidget *dialog;
  /* From "finished" */
  gboolean   finished;
  char      *message;
  char      *details;
  GFile     *folder;
  guint      n_written;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *corpus = NULL;

  f->dir = test_util_make_temp_dir ();
  corpus = g_build_filename (f->dir, "corpus", NULL);
  test_util_copy_samples (corpus);
  f->top = g_file_new_for_path (f->dir);
  f->corpus = g_file_new_for_path (corpus);
  f->article = g_file_get_child (f->corpus, "harbour-strike.txt");
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_clear_object (&f->dialog);
  gui_test_flush ();
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_clear_object (&f->top);
  g_clear_object (&f->corpus);
  g_clear_object (&f->article);
  g_free (f->message);
  g_free (f->details);
  g_clear_object (&f->folder);
}

static void
export_finished_cb (GtkWidget  *dialog,
                    const char *message,
                    const char *details,
                    Fixture    *f)
{
  g_assert_false (f->finished);
  f->finished = TRUE;
  f->message = g_strdup (message);
  f->details = g_strdup (details);
}

static void
import_finished_cb (GtkWidget  *dialog,
                    const char *message,
                    const char *details,
                    GFile      *folder,
                    guint       n_written,
                    Fixture    *f)
{
  export_finished_cb (dialog, message, details, f);
  f->folder = g_object_ref (folder);
  f->n_written = n_written;
}

static gboolean
finished (gpointer data)
{
  Fixture *f = data;

  return f->finished;
}

static gboolean
export_stopped (gpointer data)
{
  Fixture *f = data;

  return f->finished || !glossator_export_dialog_get_running (GLOSSATOR_EXPORT_DIALOG (f->dialog));
}

static GFile *
child (Fixture    *f,
       const char *name)
{
  return g_file_get_child (f->top, name);
}

static GlossatorExportDialog *
new_export_dialog (Fixture *f)
{
  f->dialog = g_object_ref_sink (glossator_export_dialog_new (&f->corpus, 1, f->article));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (export_finished_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  return GLOSSATOR_EXPORT_DIALOG (f->dialog);
}

static void
run (Fixture *f)
{
  g_assert_true (gtk_widget_activate_action (f->dialog, "dataset.run", NULL));
}

/* Chooses @format and @output in the export dialog and runs it. */
static void
start_export (Fixture    *f,
              const char *format,
              GFile      *output)
{
  GlossatorExportDialog *dialog = GLOSSATOR_EXPORT_DIALOG (f->dialog);

  g_assert_true (glossator_export_dialog_set_format (dialog, format));
  glossator_export_dialog_set_destination (dialog, output);
  run (f);
}

/* Gives @response to the question the dialog asked, and closes it. */
static void
answer (Fixture    *f,
        const char *response)
{
  AdwMessageDialog *question = gui_test_find_message_dialog (GTK_WINDOW (f->dialog));

  g_assert_nonnull (question);
  adw_message_dialog_response (question, response);
  gtk_window_destroy (GTK_WINDOW (question));
}

/* What glossator-cli export would write, through the same core API. */
static char *
expected_export (Fixture    *f,
                 const char *format_name,
                 GHashTable *options,
                 GFile      *only,
                 guint      *n_left_out)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  GFile *roots[1] = { only != NULL ? only : f->corpus };

  exporter = glossator_exporter_new (format, options, stream, NULL, &error);
  g_assert_no_error (error);
  glossator_export_corpus (exporter, roots, 1, 1, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  glossator_exporter_finish (exporter, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
  if (n_left_out != NULL)
    *n_left_out = glossator_export_summary_count_skipped (glossator_exporter_get_summary (exporter));

  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static void
test_options_group (void)
{
  GtkWidget *group = g_object_ref_sink (glossator_format_options_group_new ());
  GlossatorFormatOptionsGroup *options = GLOSSATOR_FORMAT_OPTIONS_GROUP (group);
  g_autoptr(GHashTable) values = NULL;

  /* jsonl has no options: the group hides. */
  glossator_format_options_group_set_format (options, glossator_format_lookup ("jsonl"),
                                             GLOSSATOR_FORMAT_SCOPE_EXPORT);
  g_assert_cmpuint (glossator_format_options_group_get_n_rows (options), ==, 0);
  g_assert_false (gtk_widget_get_visible (group));

  /* conll exports with nested, labels, no-docstart and columns; imports
   * with tag-column only. */
  glossator_format_options_group_set_format (options, glossator_format_lookup ("conll"),
                                             GLOSSATOR_FORMAT_SCOPE_EXPORT);
  g_assert_cmpuint (glossator_format_options_group_get_n_rows (options), ==, 4);
  g_assert_true (gtk_widget_get_visible (group));
  values = glossator_format_options_group_dup_options (options);
  g_assert_cmpstr (g_hash_table_lookup (values, "nested"), ==, "outermost");
  g_assert_cmpstr (g_hash_table_lookup (values, "columns"), ==, "2");
  g_assert_cmpstr (g_hash_table_lookup (values, "no-docstart"), ==, "false");
  /* A blank list leaves the format's default. */
  g_assert_false (g_hash_table_contains (values, "labels"));
  g_clear_pointer (&values, g_hash_table_unref);

  g_assert_true (glossator_format_options_group_set_value (options, "columns", "4"));
  g_assert_false (glossator_format_options_group_set_value (options, "columns", "3"));
  g_assert_true (glossator_format_options_group_set_value (options, "no-docstart", "true"));
  g_assert_false (glossator_format_options_group_set_value (options, "no-docstart", "maybe"));
  g_assert_true (glossator_format_options_group_set_value (options, "labels", " PERSON,ORG "));
  g_assert_false (glossator_format_options_group_set_value (options, "tag-column", "2"));
  values = glossator_format_options_group_dup_options (options);
  g_assert_cmpstr (g_hash_table_lookup (values, "columns"), ==, "4");
  g_assert_cmpstr (g_hash_table_lookup (values, "no-docstart"), ==, "true");
  g_assert_cmpstr (g_hash_table_lookup (values, "labels"), ==, "PERSON,ORG");
  g_assert_true (glossator_format_check_options (glossator_format_lookup ("conll"), GLOSSATOR_FORMAT_SCOPE_EXPORT,
                                                 values, NULL));
  g_clear_pointer (&values, g_hash_table_unref);

  glossator_format_options_group_set_format (options, glossator_format_lookup ("conll"),
                                             GLOSSATOR_FORMAT_SCOPE_IMPORT);
  g_assert_cmpuint (glossator_format_options_group_get_n_rows (options), ==, 1);
  g_assert_true (glossator_format_options_group_set_value (options, "tag-column", "2"));

  g_object_unref (group);
}

/* The strings of @row's drop-down. */
static GStrv
combo_row_strings (AdwComboRow *row)
{
  GListModel *model = adw_combo_row_get_model (row);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      g_strv_builder_add (builder, gtk_string_object_get_string (item));
    }
  return g_strv_builder_end (builder);
}

/* The format lists show names for people; the id (what the CLI takes)
 * is in the subtitle. */
static void
test_format_names (Fixture       *f,
                   gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  AdwComboRow *row = ADW_COMBO_ROW (gui_test_find_by_type (f->dialog, GLOSSATOR_TYPE_FORMAT_ROW));
  g_auto(GStrv) names = combo_row_strings (row);
  g_auto(GStrv) import_names = NULL;
  GtkWidget *import;

  g_assert_true (g_strv_contains ((const char * const *) names, "CoNLL-2003 (IOB2)"));
  g_assert_true (g_strv_contains ((const char * const *) names, "Hugging Face token classification"));
  g_assert_true (g_strv_contains ((const char * const *) names, "JSON Lines (lossless)"));
  g_assert_true (g_strv_contains ((const char * const *) names, "Stance TSV"));
  g_assert_false (g_strv_contains ((const char * const *) names, "conll"));
  g_assert_false (g_strv_contains ((const char * const *) names, "hf-jsonl"));

  g_assert_true (glossator_export_dialog_set_format (dialog, "hf-jsonl"));
  g_assert_cmpstr (gtk_string_object_get_string (adw_combo_row_get_selected_item (row)), ==,
                   "Hugging Face token classification");
  g_assert_true (g_str_has_prefix (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "hf-jsonl · "));
  g_assert_cmpstr (glossator_export_dialog_get_format (dialog), ==, "hf-jsonl");

  import = g_object_ref_sink (glossator_import_dialog_new (f->corpus));
  row = ADW_COMBO_ROW (gui_test_find_by_type (import, GLOSSATOR_TYPE_FORMAT_ROW));
  import_names = combo_row_strings (row);
  g_assert_true (g_strv_contains ((const char * const *) import_names, "brat standoff"));
  g_assert_true (g_strv_contains ((const char * const *) import_names, "Label Studio"));
  g_assert_false (g_strv_contains ((const char * const *) import_names, "Stance TSV"));
  gtk_window_destroy (GTK_WINDOW (import));
  g_object_unref (import);
}

static GtkWidget *
find_row_titled (GtkWidget  *widget,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row_titled (child, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
has_negative_title (GtkWidget *widget)
{
  if (ADW_IS_PREFERENCES_ROW (widget) &&
      g_str_has_prefix (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), "No "))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_negative_title (child))
      return TRUE;
  return FALSE;
}

/* Switches say what is written: "Write -DOCSTART- lines", on by default,
 * off gives the CLI's --no-docstart. */
static void
test_options_positive (void)
{
  GtkWidget *group = g_object_ref_sink (glossator_format_options_group_new ());
  GlossatorFormatOptionsGroup *options = GLOSSATOR_FORMAT_OPTIONS_GROUP (group);
  g_autoptr(GHashTable) values = NULL;
  GtkWidget *row;
  GtkSwitch *toggle;
  const GlossatorFormat * const *formats;
  guint n_formats;

  formats = glossator_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    for (GlossatorFormatScope scope = GLOSSATOR_FORMAT_SCOPE_EXPORT; scope <= GLOSSATOR_FORMAT_SCOPE_IMPORT; scope <<= 1)
      {
        glossator_format_options_group_set_format (options, formats[i], scope);
        g_assert_false (has_negative_title (group));
      }

  glossator_format_options_group_set_format (options, glossator_format_lookup ("conll"),
                                             GLOSSATOR_FORMAT_SCOPE_EXPORT);
  row = find_row_titled (group, "Write -DOCSTART- lines");
  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "A -DOCSTART- line before each document, as CoNLL-2003 has");
  toggle = GTK_SWITCH (gui_test_find_by_type (row, GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (toggle));
  values = glossator_format_options_group_dup_options (options);
  g_assert_cmpstr (g_hash_table_lookup (values, "no-docstart"), ==, "false");
  g_clear_pointer (&values, g_hash_table_unref);

  gtk_switch_set_active (toggle, FALSE);
  values = glossator_format_options_group_dup_options (options);
  g_assert_cmpstr (g_hash_table_lookup (values, "no-docstart"), ==, "true");
  g_clear_pointer (&values, g_hash_table_unref);

  g_assert_true (glossator_format_options_group_set_value (options, "no-docstart", "false"));
  g_assert_true (gtk_switch_get_active (toggle));

  g_object_unref (group);
}

/* The corpus to 4-column CoNLL: the file holds what the CLI would write. */
static void
test_export_corpus (Fixture       *f,
                    gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autoptr(GFile) output = child (f, "corpus.conll");
  g_autoptr(GHashTable) options = glossator_format_options_new ();
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;
  g_autofree char *message = NULL;
  GtkWidget *again;
  guint n_left_out = 0;

  /* The keyboard starts on the format. */
  gui_test_flush ();
  g_assert_true (ADW_IS_COMBO_ROW (gtk_window_get_focus (GTK_WINDOW (f->dialog))));
  g_assert_true (glossator_export_dialog_set_format (dialog, "conll"));
  g_assert_false (glossator_export_dialog_set_format (dialog, "no-such-format"));
  g_assert_true (glossator_export_dialog_set_option (dialog, "columns", "4"));
  glossator_export_dialog_set_whole_corpus (dialog, TRUE);
  glossator_export_dialog_set_destination (dialog, output);
  run (f);
  g_assert_true (glossator_export_dialog_get_running (dialog));
  gui_test_wait (finished, f);

  g_hash_table_insert (options, g_strdup ("columns"), g_strdup ("4"));
  expected = expected_export (f, "conll", options, NULL, &n_left_out);
  written = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_true (g_str_has_prefix (written, "-DOCSTART- -X- -X- O\n"));
  /* The samples nest mentions: CoNLL keeps the outermost. */
  g_assert_cmpuint (n_left_out, >, 0);
  message = g_strdup_printf ("Exported 3 articles to corpus.conll; %u mentions left out", n_left_out);
  g_assert_cmpstr (f->message, ==, message);
  g_assert_nonnull (strstr (f->details, "nested"));
  /* Each mention left out is named with its document, by its text and
   * line as the window shows it, not by the ids it never shows. */
  g_assert_nonnull (strstr (f->details, "harbour-strike.txt: “Gdańsk” (GPE) at line 3, inside “Port of Gdańsk”: "
                                        "not exported, the outer mention is kept\n"));
  g_assert_null (strstr (f->details, "m4"));
  g_assert_null (strstr (f->details, "nested inside m3"));

  /* The next export offers the format used last. */
  again = g_object_ref_sink (glossator_export_dialog_new (&f->corpus, 1, NULL));
  g_assert_cmpstr (glossator_export_dialog_get_format (GLOSSATOR_EXPORT_DIALOG (again)), ==, "conll");
  gtk_window_destroy (GTK_WINDOW (again));
  g_object_unref (again);
}

/* This article only, as JSON Lines: its schema and one record. */
static void
test_export_article (Fixture       *f,
                     gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autoptr(GFile) output = child (f, "strike.jsonl");
  g_autofree char *expected = NULL;
  g_autofree char *written = NULL;

  glossator_export_dialog_set_whole_corpus (dialog, FALSE);
  start_export (f, "jsonl", output);
  gui_test_wait (finished, f);

  expected = expected_export (f, "jsonl", NULL, f->article, NULL);
  written = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (written, ==, expected);
  /* The corpus's label schema, then one record, each on one line. */
  g_assert_cmpuint (strlen (written), >, 100);
  g_assert_true (g_str_has_prefix (written, "{\"glossator-schema\":"));
  g_assert_true (strchr (strchr (written, '\n') + 1, '\n') == written + strlen (written) - 1);
  g_assert_cmpstr (f->message, ==, "Exported 1 article to strike.jsonl");
}

/* An existing file is replaced only when the person says so. */
static void
test_export_replace (Fixture       *f,
                     gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autoptr(GFile) output = test_util_write_gfile (f->dir, "old.tsv", "keep me\n", -1);
  g_autofree char *contents = NULL;
  AdwMessageDialog *question;

  start_export (f, "stance-tsv", output);
  question = gui_test_find_message_dialog (GTK_WINDOW (f->dialog));
  g_assert_nonnull (question);
  g_assert_cmpstr (adw_message_dialog_get_heading (question), ==, "Replace “old.tsv”?");
  g_assert_false (glossator_export_dialog_get_running (dialog));
  answer (f, "cancel");
  gui_test_flush ();
  contents = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (contents, ==, "keep me\n");
  g_assert_false (f->finished);
  g_clear_pointer (&contents, g_free);

  run (f);
  answer (f, "replace");
  gui_test_wait (finished, f);
  contents = test_util_read_gfile (output, NULL);
  g_assert_true (g_str_has_prefix (contents, "document\t"));
  g_assert_cmpstr (f->message, ==, "Exported 3 articles to old.tsv");
}

static guint
count_children (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NONE,
                                        NULL, &error);
  g_assert_no_error (error);
  while (TRUE)
    {
      g_autoptr(GFileInfo) info = g_file_enumerator_next_file (children, NULL, &error);

      g_assert_no_error (error);
      if (info == NULL)
        break;
      n++;
    }
  return n;
}

/* Cancel while exporting over a file: it stays as it was, with no
 * temporary file left beside it. */
static void
test_export_cancel (Fixture       *f,
                    gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autoptr(GFile) output = test_util_write_gfile (f->dir, "cancelled.jsonl", "previous\n", -1);
  g_autofree char *contents = NULL;
  guint n_before;

  n_before = count_children (f->top);
  start_export (f, "jsonl", output);
  answer (f, "replace");
  g_assert_true (glossator_export_dialog_get_running (dialog));
  g_assert_true (gtk_widget_activate_action (f->dialog, "dataset.cancel", NULL));
  gui_test_wait (export_stopped, f);

  contents = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (contents, ==, "previous\n");
  g_assert_cmpuint (count_children (f->top), ==, n_before);
  /* Stopped before the export began, the dialog stays; after, it reports. */
  if (f->finished)
    g_assert_cmpstr (f->message, ==, "Export to cancelled.jsonl cancelled; nothing was written");
  else
    g_assert_true (gtk_widget_get_visible (f->dialog));
}

static void
fraction_cb (GtkProgressBar *bar,
             GParamSpec     *pspec,
             Fixture        *f)
{
  double fraction = gtk_progress_bar_get_fraction (bar);

  if (fraction > 0.0 && fraction < 1.0)
    gtk_widget_activate_action (f->dialog, "dataset.cancel", NULL);
}

/* Cancel once the progress bar has moved: the export stops, the previous
 * file stays and the dialog reports it. */
static void
test_export_cancel_midway (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) output = test_util_write_gfile (f->dir, "midway.conll", "previous\n", -1);
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (f->article);
  g_autofree char *article = test_util_read_gfile (f->article, NULL);
  g_autofree char *annotations = test_util_read_gfile (sidecar, NULL);
  g_autofree char *contents = NULL;

  /* Enough articles for progress to be reported before the end. */
  for (guint i = 0; i < 1500; i++)
    {
      g_autofree char *name = g_strdup_printf ("corpus/copy-%04u.txt", i);
      g_autofree char *sidecar_name = g_strconcat (name, ".annotations.json", NULL);

      test_util_write_file (f->dir, name, article, -1);
      test_util_write_file (f->dir, sidecar_name, annotations, -1);
    }

  new_export_dialog (f);
  g_signal_connect (gui_test_find_by_type (f->dialog, GTK_TYPE_PROGRESS_BAR), "notify::fraction",
                    G_CALLBACK (fraction_cb), f);
  start_export (f, "conll", output);
  answer (f, "replace");
  gui_test_wait (finished, f);

  g_assert_cmpstr (f->message, ==, "Export to midway.conll cancelled; nothing was written");
  contents = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (contents, ==, "previous\n");
}

/* Writing into the corpus would add articles to it: refused. */
static void
test_export_into_corpus (Fixture       *f,
                         gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autoptr(GFile) output = g_file_get_child (f->corpus, "inside.json");
  AdwMessageDialog *error;
  guint n_before = count_children (f->corpus);

  start_export (f, "label-studio", output);
  error = gui_test_find_message_dialog (GTK_WINDOW (f->dialog));
  g_assert_nonnull (error);
  g_assert_cmpstr (adw_message_dialog_get_heading (error), ==, "Choose a Place Outside the Corpus");
  gtk_window_destroy (GTK_WINDOW (error));
  gui_test_flush ();
  g_assert_false (glossator_export_dialog_get_running (dialog));
  g_assert_cmpuint (count_children (f->corpus), ==, n_before);
}

/* The same through a link to the corpus, and onto one of its articles:
 * the dialog asks the core, which follows links. */
static void
test_export_into_corpus_through_link (Fixture       *f,
                                      gconstpointer  data)
{
  GlossatorExportDialog *dialog = new_export_dialog (f);
  g_autofree char *corpus_path = g_file_get_path (f->corpus);
  g_autofree char *link_path = g_build_filename (f->dir, "corpus-link", NULL);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GFile) inside = g_file_get_child (link, "inside.export");
  g_autoptr(GFile) article = g_file_get_child (link, "harbour-strike.txt");
  g_autofree char *original = test_util_read_gfile (f->article, NULL);
  g_autofree char *after = NULL;
  guint n_before = count_children (f->corpus);

  g_assert_cmpint (symlink (corpus_path, link_path), ==, 0);
  for (guint i = 0; i < 2; i++)
    {
      AdwMessageDialog *error;

      start_export (f, "label-studio", i == 0 ? inside : article);
      error = gui_test_find_message_dialog (GTK_WINDOW (f->dialog));
      g_assert_nonnull (error);
      g_assert_cmpstr (adw_message_dialog_get_heading (error), ==, "Choose a Place Outside the Corpus");
      g_assert_nonnull (strstr (adw_message_dialog_get_body (error),
                                i == 0 ? "inside the corpus folder" : "is an article of the corpus"));
      gtk_window_destroy (GTK_WINDOW (error));
      gui_test_flush ();
      g_assert_false (glossator_export_dialog_get_running (dialog));
    }
  g_assert_cmpuint (count_children (f->corpus), ==, n_before);
  after = test_util_read_gfile (f->article, NULL);
  g_assert_cmpstr (after, ==, original);
}

/* brat writes a folder: .txt and .ann per article and annotation.conf. */
static void
test_export_folder (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) output = child (f, "brat");
  g_autoptr(GFile) conf = g_file_get_child (output, "annotation.conf");
  g_autoptr(GFile) ann = g_file_get_child (output, "harbour-strike.ann");
  g_autoptr(GFile) txt = g_file_get_child (output, "harbour-strike.txt");
  g_autofree char *annotations = NULL;
  g_autofree char *text = NULL;
  g_autofree char *original = NULL;

  new_export_dialog (f);
  start_export (f, "brat", output);
  gui_test_wait (finished, f);

  g_assert_true (g_file_query_exists (conf, NULL));
  annotations = test_util_read_gfile (ann, NULL);
  g_assert_true (g_str_has_prefix (annotations, "T1\t"));
  text = test_util_read_gfile (txt, NULL);
  original = test_util_read_gfile (f->article, NULL);
  g_assert_cmpstr (text, ==, original);
  g_assert_cmpstr (f->message, ==, "Exported 3 articles to brat");
}

static GlossatorImportDialog *
new_import_dialog (Fixture *f,
                   GFile   *folder)
{
  f->dialog = g_object_ref_sink (glossator_import_dialog_new (folder));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (import_finished_cb), f);
  gtk_window_present (GTK_WINDOW (f->dialog));
  return GLOSSATOR_IMPORT_DIALOG (f->dialog);
}

static GFile *
test_data (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "formats", name, NULL);

  return g_file_new_for_path (path);
}

/* doccano with UTF-16 offsets (the option reaches the importer): emoji,
 * flags and ZWJ sequences before the spans; a span splitting a surrogate
 * pair is an error named in the details. */
static void
test_import_doccano (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) input = test_data ("doccano/utf16.jsonl");
  g_autoptr(GFile) folder = child (f, "imported");
  g_autoptr(GFile) article = g_file_get_child (folder, "utf16-u1.txt");
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorImportDialog *dialog = new_import_dialog (f, NULL);
  GlossatorDocument *document;

  /* Nothing to run until inputs and folder are chosen. */
  g_assert_true (glossator_import_dialog_set_format (dialog, "doccano"));
  g_assert_false (gtk_widget_activate_action (f->dialog, "dataset.run", NULL) &&
                  glossator_import_dialog_get_running (dialog));
  g_assert_true (glossator_import_dialog_set_option (dialog, "offset-unit", "utf16"));
  glossator_import_dialog_set_inputs (dialog, &input, 1);
  glossator_import_dialog_set_destination (dialog, folder);
  run (f);
  g_assert_true (glossator_import_dialog_get_running (dialog));
  gui_test_wait (finished, f);

  g_assert_cmpstr (f->message, ==, "Imported 2 articles into imported; 1 error");
  g_assert_nonnull (strstr (f->details, "splits a surrogate pair"));
  g_assert_nonnull (strstr (f->details, "UTF-16"));
  g_assert_true (g_file_equal (f->folder, folder));
  g_assert_cmpuint (f->n_written, ==, 2);

  session = glossator_session_open (article, NULL, NULL, &error);
  g_assert_no_error (error);
  document = glossator_session_get_document (session);
  mentions = glossator_document_list_mentions (document);
  g_assert_cmpuint (mentions->len, ==, 3);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *text = glossator_mention_dup_text (mention, glossator_document_get_text (document));
      const char *expected[] = { "Kyiv", "Gdańsk", "Zoë" };

      g_assert_cmpstr (text, ==, expected[i]);
    }
}

/* Imports the UTF-16 doccano sample into @folder, Replace on or off, and
 * waits for the summary. */
static void
import_utf16 (Fixture  *f,
              GFile    *folder,
              gboolean  replace)
{
  g_autoptr(GFile) input = test_data ("doccano/utf16.jsonl");
  GlossatorImportDialog *dialog;

  if (f->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (f->dialog));
  g_clear_object (&f->dialog);
  f->finished = FALSE;
  g_clear_pointer (&f->message, g_free);
  g_clear_pointer (&f->details, g_free);
  g_clear_object (&f->folder);

  dialog = new_import_dialog (f, folder);
  glossator_import_dialog_set_format (dialog, "doccano");
  glossator_import_dialog_set_option (dialog, "offset-unit", "utf16");
  glossator_import_dialog_set_inputs (dialog, &input, 1);
  glossator_import_dialog_set_replace (dialog, replace);
  run (f);
  gui_test_wait (finished, f);
}

/* Annotations that exist are skipped, unless Replace is on. */
static void
test_import_replace (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) folder = child (f, "imported");

  import_utf16 (f, folder, FALSE);
  g_assert_cmpuint (f->n_written, ==, 2);

  import_utf16 (f, folder, FALSE);
  g_assert_cmpuint (f->n_written, ==, 0);
  g_assert_cmpstr (f->message, ==, "Imported 0 articles into imported; 2 skipped; 3 errors");

  import_utf16 (f, folder, TRUE);
  g_assert_cmpuint (f->n_written, ==, 2);
}

/* From the window: unsaved edits are saved before the dialog opens, so
 * the export has them. */

static gboolean
window_ready (gpointer data)
{
  GlossatorWindow *window = data;

  return glossator_workspace_get_session (window->workspace) != NULL && !glossator_workspace_is_opening (window->workspace) && !glossator_workspace_get_saving (window->workspace) &&
         window->loading_page_id == 0;
}

static gboolean
export_dialog_shown (gpointer data)
{
  return gui_test_find_window (GLOSSATOR_TYPE_EXPORT_DIALOG) != NULL;
}

static gboolean
import_dialog_shown (gpointer data)
{
  return gui_test_find_window (GLOSSATOR_TYPE_IMPORT_DIALOG) != NULL;
}

static GlossatorWindow *
open_window (Fixture *f)
{
  GlossatorWindow *window = g_object_ref_sink (glossator_window_new (app));
  g_autoptr(GSettings) settings = g_settings_new (APP_ID_BASE);

  g_settings_set_boolean (settings, "autosave", FALSE);
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
  gtk_window_present (GTK_WINDOW (window));
  glossator_window_open_files (window, &f->corpus, 1);
  gui_test_wait (window_ready, window);
  return window;
}

static void
close_window (GlossatorWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  g_object_unref (window);
  gui_test_flush ();
}

static void
test_window_export (Fixture       *f,
                    gconstpointer  data)
{
  GlossatorWindow *window = open_window (f);
  g_autoptr(GFile) output = child (f, "from-window.jsonl");
  g_autofree char *written = NULL;
  GlossatorStatus status;

  /* An edit that is not saved yet. */
  status = glossator_document_get_status (window->document) == GLOSSATOR_STATUS_DONE
             ? GLOSSATOR_STATUS_IN_PROGRESS : GLOSSATOR_STATUS_DONE;
  glossator_document_set_status (window->document, status);
  g_assert_true (glossator_document_get_modified (window->document));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  gui_test_wait (export_dialog_shown, NULL);
  g_assert_false (glossator_document_get_modified (window->document));

  f->dialog = g_object_ref (GTK_WIDGET (gui_test_find_window (GLOSSATOR_TYPE_EXPORT_DIALOG)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (f->dialog)) == GTK_WINDOW (window));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (export_finished_cb), f);
  glossator_export_dialog_set_whole_corpus (GLOSSATOR_EXPORT_DIALOG (f->dialog), FALSE);
  start_export (f, "jsonl", output);
  gui_test_wait (finished, f);

  written = test_util_read_gfile (output, NULL);
  g_assert_nonnull (strstr (written, glossator_status_to_string (status)));
  close_window (window);
}

/* "Only these labels" from the window lists the schema's labels to tick;
 * the labels ticked make the export the CLI's --labels makes. */
static void
test_window_export_label_pick_list (Fixture       *f,
                                    gconstpointer  data)
{
  GlossatorWindow *window = open_window (f);
  g_autoptr(GFile) output = child (f, "places.conll");
  g_autoptr(GHashTable) options = glossator_format_options_new ();
  g_autoptr(GHashTable) chosen = NULL;
  g_autofree char *expected = NULL, *written = NULL;
  GtkWidget *group, *row;
  const char * const schema_labels[] = { "PERSON", "ORG", "GPE", "LOC" };

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  gui_test_wait (export_dialog_shown, NULL);
  f->dialog = g_object_ref (GTK_WIDGET (gui_test_find_window (GLOSSATOR_TYPE_EXPORT_DIALOG)));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (export_finished_cb), f);
  g_assert_true (glossator_export_dialog_set_format (GLOSSATOR_EXPORT_DIALOG (f->dialog), "conll"));
  glossator_export_dialog_set_whole_corpus (GLOSSATOR_EXPORT_DIALOG (f->dialog), TRUE);

  group = gui_test_find_by_type (f->dialog, GLOSSATOR_TYPE_FORMAT_OPTIONS_GROUP);
  row = find_row_titled (group, "Only these labels");
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "All labels");
  g_assert_null (gui_test_find_by_type (row, GTK_TYPE_ENTRY));
  for (guint i = 0; i < G_N_ELEMENTS (schema_labels); i++)
    g_assert_nonnull (find_row_titled (row, schema_labels[i]));

  /* Nothing ticked: every label, as without --labels. */
  chosen = glossator_format_options_group_dup_options (GLOSSATOR_FORMAT_OPTIONS_GROUP (group));
  g_assert_false (g_hash_table_contains (chosen, "labels"));
  g_clear_pointer (&chosen, g_hash_table_unref);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (gui_test_find_by_type (find_row_titled (row, "LOC"),
                                                                        GTK_TYPE_CHECK_BUTTON)), TRUE);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (gui_test_find_by_type (find_row_titled (row, "GPE"),
                                                                        GTK_TYPE_CHECK_BUTTON)), TRUE);
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (row)), ==, "GPE, LOC");
  chosen = glossator_format_options_group_dup_options (GLOSSATOR_FORMAT_OPTIONS_GROUP (group));
  g_assert_cmpstr (g_hash_table_lookup (chosen, "labels"), ==, "GPE,LOC");

  glossator_export_dialog_set_destination (GLOSSATOR_EXPORT_DIALOG (f->dialog), output);
  run (f);
  gui_test_wait (finished, f);
  g_hash_table_insert (options, g_strdup ("labels"), g_strdup ("GPE,LOC"));
  expected = expected_export (f, "conll", options, NULL, NULL);
  written = test_util_read_gfile (output, NULL);
  g_assert_cmpstr (written, ==, expected);
  g_assert_null (strstr (written, "PERSON"));
  g_assert_nonnull (strstr (written, "B-LOC"));
  close_window (window);
}

/* The shortcut of the class or of a controller of @widget that @keyval
 * with @state triggers, activated; FALSE when there is none. (As in
 * test-gui-search-bar.c: a key press the way the widget's bindings see it.) */
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

/* A window transient for @parent other than @except, or NULL. */
static GtkWindow *
find_transient (GtkWindow *parent,
                GtkWidget *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (GTK_WIDGET (window) != except && gtk_window_get_transient_for (window) == parent &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

static gboolean
details_shown (gpointer data)
{
  return find_transient (data, NULL) != NULL;
}

static gboolean
details_gone (gpointer data)
{
  return find_transient (data, NULL) == NULL;
}

static GtkWindow *
show_details_by_key (GlossatorWindow *window)
{
  g_assert_true (activate_shortcut (GTK_WIDGET (window), GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK));
  gui_test_wait (details_shown, window);
  return find_transient (GTK_WINDOW (window), NULL);
}

/* After an export from the window, Ctrl+Shift+E shows what its toast's
 * Details button shows, in the window's words; Escape and Ctrl+W close it. */
static void
test_window_export_details (Fixture       *f,
                            gconstpointer  data)
{
  GlossatorWindow *window = open_window (f);
  g_autoptr(GFile) output = child (f, "details.conll");
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  GtkWindow *details;

  /* Nothing to show before an export. */
  activate_shortcut (GTK_WIDGET (window), GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK);
  gui_test_flush ();
  g_assert_null (find_transient (GTK_WINDOW (window), NULL));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export", NULL));
  gui_test_wait (export_dialog_shown, NULL);
  f->dialog = g_object_ref (GTK_WIDGET (gui_test_find_window (GLOSSATOR_TYPE_EXPORT_DIALOG)));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (export_finished_cb), f);
  glossator_export_dialog_set_whole_corpus (GLOSSATOR_EXPORT_DIALOG (f->dialog), TRUE);
  start_export (f, "conll", output);
  gui_test_wait (finished, f);
  gui_test_flush ();
  g_clear_object (&f->dialog);

  details = show_details_by_key (window);
  g_assert_cmpstr (gtk_window_get_title (details), ==, f->message);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (gui_test_find_by_type (GTK_WIDGET (details), GTK_TYPE_TEXT_VIEW)));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, f->details);
  g_assert_nonnull (strstr (text, "“Gdańsk” (GPE) at line 3, inside “Port of Gdańsk”"));

  g_assert_true (activate_shortcut (GTK_WIDGET (details), GDK_KEY_Escape, 0));
  gui_test_wait (details_gone, window);

  details = show_details_by_key (window);
  g_assert_true (activate_shortcut (GTK_WIDGET (details), GDK_KEY_w, GDK_CONTROL_MASK));
  gui_test_wait (details_gone, window);

  close_window (window);
}

/* Importing into the open corpus shows the new articles in the sidebar. */
static void
test_window_import (Fixture       *f,
                    gconstpointer  data)
{
  GlossatorWindow *window = open_window (f);
  g_autoptr(GFile) input = test_data ("doccano/utf16.jsonl");
  guint n_before = g_list_model_get_n_items (G_LIST_MODEL (glossator_workspace_get_items (window->workspace)));

  g_assert_cmpuint (n_before, ==, 3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import", NULL));
  gui_test_wait (import_dialog_shown, NULL);
  f->dialog = g_object_ref (GTK_WIDGET (gui_test_find_window (GLOSSATOR_TYPE_IMPORT_DIALOG)));
  g_signal_connect (f->dialog, "finished", G_CALLBACK (import_finished_cb), f);
  glossator_import_dialog_set_format (GLOSSATOR_IMPORT_DIALOG (f->dialog), "doccano");
  glossator_import_dialog_set_option (GLOSSATOR_IMPORT_DIALOG (f->dialog), "offset-unit", "utf16");
  glossator_import_dialog_set_inputs (GLOSSATOR_IMPORT_DIALOG (f->dialog), &input, 1);
  /* The open corpus is the suggested folder. */
  run (f);
  gui_test_wait (finished, f);
  g_assert_true (g_file_equal (f->folder, f->corpus));
  gui_test_wait (window_ready, window);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (glossator_workspace_get_items (window->workspace))), ==, 5);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  if (!gui_test_init (&argc, &argv, TRUE))
    return g_test_run ();

  app = glossator_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/datasets/options-group", test_options_group);
  g_test_add_func ("/gui/datasets/options-positive", test_options_positive);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/datasets/export-corpus", test_export_corpus);
  ADD ("/gui/datasets/export-article", test_export_article);
  ADD ("/gui/datasets/export-replace", test_export_replace);
  ADD ("/gui/datasets/export-cancel", test_export_cancel);
  ADD ("/gui/datasets/export-cancel-midway", test_export_cancel_midway);
  ADD ("/gui/datasets/export-into-corpus", test_export_into_corpus);
  ADD ("/gui/datasets/export-into-corpus-through-link", test_export_into_corpus_through_link);
  ADD ("/gui/datasets/export-folder", test_export_folder);
  ADD ("/gui/datasets/import-doccano", test_import_doccano);
  ADD ("/gui/datasets/import-replace", test_import_replace);
  ADD ("/gui/datasets/window-export", test_window_export);
  ADD ("/gui/datasets/window-import", test_window_import);
  ADD ("/gui/datasets/format-names", test_format_names);
  ADD ("/gui/datasets/window-export-label-pick-list", test_window_export_label_pick_list);
  ADD ("/gui/datasets/window-export-details", test_window_export_details);
#undef ADD

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-drivers"

#include "config.h"

#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "format-fixture.h"

/* The export and import drivers: a corpus exported on threads in corpus
 * order, changed articles, pipes, cancelling, outputs that are inputs, and
 * files imported beside or over what is on disk. */

/* A corpus: 24 articles in two folders with sidecars, one .json news
 * record, one article without sidecar, one with a broken sidecar. */
static char *
make_corpus (void)
{
  char *dir = test_util_make_temp_dir ();

  for (guint i = 0; i < 24; i++)
    {
      g_autoptr(GlossatorDocument) doc = rich_document ();
      g_autofree char *name = g_strdup_printf ("%s/doc%02u.txt", i % 2 ? "b" : "a", i);
      g_autofree char *sidecar_name = g_strconcat (name, ".annotations.json", NULL);
      g_autofree char *basename = g_path_get_basename (name);
      g_autoptr(GBytes) sidecar = glossator_sidecar_serialize (doc, basename);
      const char *utf8 = glossator_text_get_utf8 (glossator_document_get_text (doc), NULL);
      g_autofree char *article = g_strconcat (BOM, utf8, NULL);

      test_util_write_file (dir, name, article, -1);
      test_util_write_file (dir, sidecar_name, g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar));
    }
  test_util_write_file (dir, "a/news.json", "{\"title\": \"Kyiv talks\", \"text\": \"Kyiv " FLAG_UA " talks.\", \"url\": \"u\"}", -1);
  test_util_write_file (dir, "a/plain.txt", "No annotations yet.\n", -1);
  test_util_write_file (dir, "b/broken.txt", "Broken.\n", -1);
  test_util_write_file (dir, "b/broken.txt.annotations.json", "{\"format\": ", -1);
  return dir;
}

typedef struct {
  guint  n_calls;
  guint  last_done;
  guint  total;
  GMainLoop *loop;
  gboolean ok;
  GThread *thread;
} Progress;

static void
progress_cb (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (n_done, >, progress->last_done);
  g_assert_true (progress->thread == NULL || progress->thread == g_thread_self ());
  progress->n_calls++;
  progress->last_done = n_done;
  progress->total = n_total;
}

static char *
export_corpus (const char             *dir,
               const char             *format_name,
               guint                   n_threads,
               Progress               *progress,
               GlossatorExportSummary *summary)
{
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;

  exporter = glossator_exporter_new (glossator_format_lookup (format_name), NULL, stream, NULL, &error);
  g_assert_true (glossator_export_corpus (exporter, &root, 1, n_threads, progress != NULL ? progress_cb : NULL,
                                          progress, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (glossator_exporter_finish (exporter, NULL, &error));
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  if (summary != NULL)
    {
      const GlossatorExportSummary *s = glossator_exporter_get_summary (exporter);

      *summary = *s;
      summary->problems = g_ptr_array_ref (s->problems);
      summary->extra_files = g_ptr_array_ref (s->extra_files);
      summary->tags = NULL;
    }
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

static void
test_export_corpus (void)
{
  g_autofree char *dir = make_corpus ();
  g_auto(GlossatorExportSummary) summary = { 0 };
  Progress progress = { 0 };
  g_autofree char *one = NULL;
  g_autofree char *four = NULL;
  g_autofree char *conll = NULL;
  g_autofree char *conll4 = NULL;
  g_auto(GStrv) lines = NULL;

  progress.thread = g_thread_self ();
  one = export_corpus (dir, "jsonl", 1, &progress, &summary);
  g_assert_cmpuint (summary.n_documents, ==, 26);
  g_assert_cmpuint (summary.n_errors, ==, 1);
  g_assert_cmpuint (count_problems (summary.problems, GLOSSATOR_PROBLEM_ERROR, "broken.txt.annotations.json"), ==, 1);
  g_assert_cmpuint (progress.n_calls, ==, 27);
  g_assert_cmpuint (progress.last_done, ==, 27);
  glossator_export_summary_clear (&summary);

  /* The same bytes, in corpus order, whatever the number of workers. */
  four = export_corpus (dir, "jsonl", 4, NULL, NULL);
  g_assert_cmpstr (one, ==, four);
  conll = export_corpus (dir, "conll", 1, NULL, NULL);
  conll4 = export_corpus (dir, "conll", 4, NULL, NULL);
  g_assert_cmpstr (conll, ==, conll4);
  g_assert_cmpuint (conlleval_count (conll, NULL), ==, 24 * 12);

  lines = g_strsplit (one, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 27);
  g_assert_true (g_str_has_prefix (lines[0], "{\"id\":\"a/doc00\",\"path\":\"a/doc00.txt\","));
  g_assert_true (g_str_has_prefix (lines[12], "{\"id\":\"a/news\",\"path\":\"a/news.json\",\"text\":\"Kyiv talks\\n\\nKyiv "));
  g_assert_nonnull (strstr (lines[12], "\"metadata\":{\"title\":\"Kyiv talks\",\"url\":\"u\"}"));
  g_assert_true (g_str_has_prefix (lines[13], "{\"id\":\"a/plain\""));
  g_assert_true (g_str_has_prefix (lines[14], "{\"id\":\"b/doc01\""));

  test_util_remove_tree (dir);
}

static void
test_changed_article (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autoptr(GBytes) sidecar = glossator_sidecar_serialize (doc, "a.txt");
  g_autofree char *text = g_strconcat ("New first line.\n", glossator_text_get_utf8 (glossator_document_get_text (doc), NULL),
                                       NULL);
  g_autofree char *jsonl = NULL;
  g_autofree char *conll = NULL;
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func (g_free);
  g_auto(GlossatorExportSummary) summary = { 0 };

  /* The article changed since its sidecar was written: the quick paths
   * step aside and the loader re-anchors. */
  test_util_write_file (dir, "a.txt", text, -1);
  test_util_write_file (dir, "a.txt.annotations.json", g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar));
  jsonl = export_corpus (dir, "jsonl", 2, NULL, &summary);
  g_assert_cmpuint (count_problems (summary.problems, GLOSSATOR_PROBLEM_WARNING, "changed"), ==, 1);
  g_assert_nonnull (strstr (jsonl, "\"text\":\"New first line.\\n"));
  g_assert_nonnull (strstr (jsonl, "\"start\":16,\"end\":28,\"exact\":\"Zoë Ó Briain\""));
  glossator_export_summary_clear (&summary);
  conll = export_corpus (dir, "conll", 2, NULL, &summary);
  g_assert_cmpuint (conlleval_count (conll, chunks), ==, 12);
  g_assert_cmpstr (g_ptr_array_index (chunks, 0), ==, "PERSON Zoë Ó Briain");
  test_util_remove_tree (dir);
}

/* A pipe where a sidecar should be: that document is an error, not a
 * hang, and the others are exported. */
static void
test_export_sidecar_pipe (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *jsonl = NULL;
  g_auto(GlossatorExportSummary) summary = { 0 };

  if (!test_util_in_subprocess ())
    return;

  dir = test_util_make_temp_dir ();
  path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  test_util_write_file (dir, "a.txt", "Kyiv " FLAG_UA ".", -1);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  test_util_write_file (dir, "b.txt", "Lviv.", -1);

  jsonl = export_corpus (dir, "jsonl", 2, NULL, &summary);
  g_assert_cmpuint (summary.n_documents, ==, 1);
  g_assert_cmpuint (summary.n_errors, ==, 1);
  g_assert_cmpuint (count_problems (summary.problems, GLOSSATOR_PROBLEM_ERROR, "not a regular file"), ==, 1);
  g_assert_true (g_str_has_prefix (jsonl, "{\"id\":\"b\""));
  test_util_remove_tree (dir);
}

static void
test_export_cancelled (void)
{
  g_autofree char *dir = make_corpus ();
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;

  exporter = glossator_exporter_new (glossator_format_lookup ("conll"), NULL, stream, NULL, &error);
  g_cancellable_cancel (cancellable);
  g_assert_false (glossator_export_corpus (exporter, &root, 1, 2, NULL, NULL, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  test_util_remove_tree (dir);
}

static void
assert_output_refused (GFile * const *roots,
                       guint          n_roots,
                       const char    *output,
                       gboolean       folder,
                       const char    *why)
{
  g_autoptr(GFile) file = g_file_new_for_path (output);
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", output);
  g_assert_false (glossator_export_check_output (roots, n_roots, file, folder, &error));
  g_assert_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT);
  g_assert_nonnull (strstr (error->message, why));
}

static void
assert_output_allowed (GFile * const *roots,
                       guint          n_roots,
                       const char    *output,
                       gboolean       folder)
{
  g_autoptr(GFile) file = g_file_new_for_path (output);
  g_autoptr(GError) error = NULL;

  g_test_message ("%s", output);
  g_assert_true (glossator_export_check_output (roots, n_roots, file, folder, &error));
  g_assert_no_error (error);
}

/* An export's output is never something it reads, wherever it is named
 * from. */
static void
test_export_output_not_input (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *corpus = g_build_filename (dir, "corpus", NULL);
  g_autofree char *article = g_build_filename (corpus, "a", "doc00.txt", NULL);
  g_autofree char *hard_link = g_build_filename (dir, "copy.conll", NULL);
  g_autofree char *corpus_link = g_build_filename (dir, "link", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) folder_root = g_file_new_for_path (corpus);
  g_autoptr(GFile) article_root = g_file_new_for_path (article);
  GFile *folder_roots[1] = { folder_root };
  GFile *article_roots[1] = { article_root };

  test_util_write_file (dir, "corpus/a/doc00.txt", "Kyiv " FLAG_UA ".\n", -1);
  test_util_write_file (dir, "corpus/a/doc00.txt.annotations.json", "{}", -1);
  test_util_write_file (dir, "corpus/b/x.md", "Text.\n", -1);
  test_util_write_file (dir, "glossator-schema.json", "{}", -1);
  g_assert_cmpint (link (article, hard_link), ==, 0);
  g_assert_cmpint (symlink (corpus, corpus_link), ==, 0);

  path = g_build_filename (corpus, "a", "doc00.txt.annotations.json", NULL);
  assert_output_refused (folder_roots, 1, path, FALSE, "is a sidecar");
  assert_output_refused (article_roots, 1, path, FALSE, "is a sidecar");
  g_free (path);
  path = g_build_filename (corpus, "a", "doc00.txt~", NULL);
  assert_output_refused (article_roots, 1, path, FALSE, "is a backup");
  g_free (path);
  path = g_build_filename (dir, "link", "b", "..", "a", "doc00.txt", NULL);
  assert_output_refused (folder_roots, 1, path, FALSE, "is an article");
  g_free (path);
  /* The same file under another name. */
  assert_output_refused (article_roots, 1, hard_link, FALSE, "is an article");
  path = g_build_filename (dir, "glossator-schema.json", NULL);
  assert_output_refused (folder_roots, 1, path, FALSE, "label schema");
  g_free (path);
  path = g_build_filename (corpus, "b", "glossator-schema.json", NULL);
  assert_output_refused (folder_roots, 1, path, FALSE, "label schema");
  g_free (path);
  path = g_build_filename (corpus, "new", "out.conll", NULL);
  assert_output_refused (folder_roots, 1, path, FALSE, "inside the corpus folder");
  assert_output_refused (folder_roots, 1, corpus, TRUE, "corpus folder");
  g_free (path);
  path = g_build_filename (dir, "link", "brat", NULL);
  assert_output_refused (folder_roots, 1, path, TRUE, "inside the corpus folder");
  assert_output_refused (folder_roots, 1, dir, TRUE, "holds the corpus folder");
  g_free (path);
  /* An article named alone: its folder is the corpus's. */
  path = g_build_filename (corpus, "a", "brat", NULL);
  assert_output_refused (article_roots, 1, path, TRUE, "inside the corpus folder");
  g_free (path);

  path = g_build_filename (dir, "out.conll", NULL);
  assert_output_allowed (folder_roots, 1, path, FALSE);
  assert_output_allowed (article_roots, 1, path, FALSE);
  g_free (path);
  path = g_build_filename (dir, "brat", NULL);
  assert_output_allowed (folder_roots, 1, path, TRUE);

  test_util_remove_tree (dir);
}

/* A brat export that is not finished leaves no file behind. */
static void
test_export_abandoned_folder (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "brat", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out);
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autoptr(GError) error = NULL;
  GlossatorExportDocument item = { "news/a", "news/a.txt", NULL, doc, NULL };
  GlossatorExporter *exporter;

  exporter = glossator_exporter_new (glossator_format_lookup ("brat"), NULL, NULL, output, &error);
  g_assert_no_error (error);
  g_assert_true (glossator_exporter_add_document (exporter, &item, NULL, &error));
  g_assert_no_error (error);
  glossator_exporter_free (exporter);
  g_assert_false (g_file_query_exists (output, NULL));

  exporter = glossator_exporter_new (glossator_format_lookup ("brat"), NULL, NULL, output, &error);
  g_assert_true (glossator_exporter_add_document (exporter, &item, NULL, &error));
  g_assert_true (glossator_exporter_finish (exporter, NULL, &error));
  g_assert_no_error (error);
  glossator_exporter_free (exporter);
  g_free (test_util_read_file (out, "news/a.ann"));
  g_free (test_util_read_file (out, "annotation.conf"));

  test_util_remove_tree (dir);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Progress *progress = user_data;
  g_autoptr(GError) error = NULL;

  progress->ok = glossator_export_corpus_finish (NULL, result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (progress->loop);
}

static void
test_export_async (void)
{
  g_autofree char *dir = make_corpus ();
  g_autofree char *out = g_build_filename (dir, "export", NULL);
  g_autoptr(GFile) root = g_file_new_for_path (dir);
  g_autoptr(GFile) output = g_file_new_for_path (out);
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autofree char *ann = NULL;
  Progress progress = { 0 };

  /* brat writes into a folder; the export runs on a thread, progress and
   * the end are told on this one. */
  exporter = glossator_exporter_new (glossator_format_lookup ("brat"), NULL, NULL, output, &error);
  g_assert_no_error (error);
  progress.loop = loop;
  progress.thread = g_thread_self ();
  glossator_export_corpus_async (exporter, &root, 1, progress_cb, &progress, NULL, NULL, export_done_cb, &progress);
  g_main_loop_run (loop);
  g_assert_true (progress.ok);
  g_assert_cmpuint (progress.last_done, ==, progress.total);
  g_assert_cmpuint (glossator_exporter_get_summary (exporter)->n_documents, ==, 26);
  ann = test_util_read_file (out, "b/doc23.ann");
  g_assert_nonnull (strstr (ann, "\tStance:"));
  test_util_remove_tree (dir);
}

static void
report_cb (GFile                  *input,
           const char             *document,
           const GlossatorProblem *problem,
           gpointer                user_data)
{
  GPtrArray *problems = user_data;

  g_ptr_array_add (problems, _glossator_problem_new (problem->severity, problem->path, "%s", problem->message));
}

static void
test_import_files (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *brat_dir = g_build_filename (dir, "brat", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out);
  g_autoptr(GFile) doccano = fixture ("doccano/sequence.jsonl");
  g_autoptr(GFile) brat_txt = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autofree char *first = NULL;
  g_autofree char *article = NULL;
  g_autofree char *brat_txt_path = NULL;
  g_autofree char *sidecar_path = NULL;
  const GlossatorFormat *format = glossator_format_lookup ("doccano");
  GlossatorImportSummary summary;

  glossator_import_summary_init (&summary);
  g_assert_true (glossator_import_files (format, NULL, &doccano, 1, output, GLOSSATOR_IMPORT_NONE, report_cb,
                                         problems, &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (summary.n_documents, ==, 3);
  g_assert_cmpuint (summary.n_written, ==, 3);
  g_assert_cmpuint (summary.n_mentions, ==, 5);
  g_assert_cmpuint (summary.n_errors, ==, 2);
  first = test_util_read_file (out, "sequence-1.txt.annotations.json");
  article = test_util_read_file (out, "sequence-1.txt");
  g_assert_cmpstr (article, ==, "EU rejects German call to boycott British lamb 🐑.");
  text = test_util_text_new (article);
  sidecar_path = g_build_filename (out, "sequence-1.txt.annotations.json", NULL);
  sidecar = g_file_new_for_path (sidecar_path);
  loaded = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_document_get_n_mentions (loaded), ==, 3);
  glossator_import_summary_clear (&summary);

  /* Never over an existing sidecar, unless forced (keeping a backup). */
  glossator_import_summary_init (&summary);
  g_ptr_array_set_size (problems, 0);
  g_assert_true (glossator_import_files (format, NULL, &doccano, 1, output, GLOSSATOR_IMPORT_NONE, report_cb,
                                         problems, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_written, ==, 0);
  g_assert_cmpuint (summary.n_skipped, ==, 3);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "--force"), ==, 3);
  glossator_import_summary_clear (&summary);
  glossator_import_summary_init (&summary);
  g_assert_true (glossator_import_files (format, NULL, &doccano, 1, output, GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS,
                                         NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_written, ==, 3);
  g_free (test_util_read_file (out, "sequence-1.txt.annotations.json~"));
  glossator_import_summary_clear (&summary);

  /* brat without an output folder: the sidecar goes beside the .txt. */
  test_util_write_file (brat_dir, "x.txt", "Kyiv " FLAG_UA "\r\nGdańsk", -1);
  test_util_write_file (brat_dir, "x.ann", "T1\tGPE 0 4\tKyiv\nT2\tGPE 9 15\tGdańsk\n", -1);
  brat_txt_path = g_build_filename (brat_dir, "x.txt", NULL);
  brat_txt = g_file_new_for_path (brat_txt_path);
  glossator_import_summary_init (&summary);
  g_assert_true (glossator_import_files (glossator_format_lookup ("brat"), NULL, &brat_txt, 1, NULL,
                                         GLOSSATOR_IMPORT_NONE, NULL, NULL, &summary, NULL, &error));
  g_assert_cmpuint (summary.n_written, ==, 1);
  g_assert_cmpuint (summary.n_mentions, ==, 2);
  g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (summary.offset_units, "code points")), ==, 1);
  g_free (test_util_read_file (brat_dir, "x.txt.annotations.json"));
  glossator_import_summary_clear (&summary);

  test_util_remove_tree (dir);
}

/* An article on disk is replaced only when asked, and kept as NAME~. */
static void
test_import_replace_articles (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (out);
  g_autoptr(GFile) input = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  const GlossatorFormat *format = glossator_format_lookup ("doccano");
  const char *original = BOM "Zoë " CAFE_NFD "\r\n";
  GlossatorImportSummary summary;

  test_util_write_file (out, "d-1.txt", original, -1);
  input = test_util_write_gfile (dir, "d.jsonl",
                                 "{\"text\": \"Kyiv " FLAG_UA "\", \"label\": [[0, 4, \"GPE\"]]}\n"
                                 "{\"text\": \"Lviv\", \"label\": [[0, 4, \"GPE\"]]}\n", -1);

  for (guint round = 0; round < 2; round++)
    {
      GlossatorImportFlags flags = round == 0 ? GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS
                                              : GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS |
                                                GLOSSATOR_IMPORT_REPLACE_ARTICLES;

      glossator_import_summary_init (&summary);
      g_ptr_array_set_size (problems, 0);
      g_assert_true (glossator_import_files (format, NULL, &input, 1, output, flags, report_cb, problems,
                                             &summary, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (summary.n_written, ==, round == 0 ? 1 : 2);
      g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "--replace-articles"), ==,
                        round == 0 ? 1 : 0);
      glossator_import_summary_clear (&summary);
      contents = test_util_read_file (out, "d-1.txt");
      g_assert_cmpstr (contents, ==, round == 0 ? original : "Kyiv " FLAG_UA);
      g_clear_pointer (&contents, g_free);
    }
  contents = test_util_read_file (out, "d-1.txt~");
  g_assert_cmpstr (contents, ==, original);

  test_util_remove_tree (dir);
}

typedef struct {
  GMainLoop *loop;
  GThread   *thread;
  guint      n_reports;
  gboolean   ok;
} ImportAsyncState;

static void
async_report_cb (GFile                  *input,
                 const char             *document,
                 const GlossatorProblem *problem,
                 gpointer                user_data)
{
  ImportAsyncState *state = user_data;

  g_assert_true (state->thread == g_thread_self ());
  state->n_reports++;
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportAsyncState *state = user_data;
  g_autoptr(GError) error = NULL;

  state->ok = glossator_import_files_finish (result, &error);
  g_assert_no_error (error);
  g_main_loop_quit (state->loop);
}

static void
test_import_async (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) output = g_file_new_for_path (dir);
  g_autoptr(GFile) input = fixture ("label-studio/tasks.json");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_auto(GlossatorImportSummary) summary = { 0 };
  ImportAsyncState state = { loop, g_thread_self (), 0, FALSE };

  glossator_import_summary_init (&summary);
  glossator_import_files_async (glossator_format_lookup ("label-studio"), NULL, &input, 1, output,
                                GLOSSATOR_IMPORT_NONE, async_report_cb, &state, &summary, NULL, import_done_cb, &state);
  g_main_loop_run (loop);
  /* Reports queued before the end are all told. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_true (state.ok);
  g_assert_cmpuint (summary.n_written, ==, 3);
  g_assert_cmpuint (state.n_reports, ==, summary.n_warnings + summary.n_errors);
  g_assert_cmpuint (state.n_reports, >=, 3);
  g_free (test_util_read_file (dir, "tasks-3.txt.annotations.json"));
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/export-corpus", test_export_corpus);
  g_test_add_func ("/formats/export-cancelled", test_export_cancelled);
  g_test_add_func ("/formats/export-sidecar-pipe", test_export_sidecar_pipe);
  g_test_add_func ("/formats/changed-article", test_changed_article);
  g_test_add_func ("/formats/export-async", test_export_async);
  g_test_add_func ("/formats/export-output-not-input", test_export_output_not_input);
  g_test_add_func ("/formats/export-abandoned-folder", test_export_abandoned_folder);
  g_test_add_func ("/formats/import-files", test_import_files);
  g_test_add_func ("/formats/import-replace-articles", test_import_replace_articles);
  g_test_add_func ("/formats/import-async", test_import_async);

  return g_test_run ();
}

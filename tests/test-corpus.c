/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-corpus"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "glossator-corpus.h"
#include "test-util.h"

static void
touch (const char *root,
       const char *relative)
{
  test_util_write_file (root, relative, "Text.\n", -1);
}

static GFile *
file_at (const char *root,
         const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  return g_file_new_for_path (path);
}

static void
assert_files (GPtrArray          *files,
              const char         *root,
              const char * const *expected)
{
  guint n = g_strv_length ((char **) expected);

  for (guint i = 0; i < files->len && i < n; i++)
    {
      g_autofree char *path = g_build_filename (root, expected[i], NULL);

      g_assert_cmpstr (g_file_peek_path (g_ptr_array_index (files, i)), ==, path);
    }
  g_assert_cmpuint (files->len, ==, n);
}

static const GlossatorCorpusProblem *
problem_at (GPtrArray *problems,
            guint      index)
{
  g_assert_cmpuint (index, <, problems->len);
  return g_ptr_array_index (problems, index);
}

/* root/
 *   a/z.txt  a/nested/deep.html  a/nested/deep.html.annotations.json~
 *   a-b.txt  a.md  b.txt  b.txt.annotations.json  Café(NFD).txt  👩‍👩‍👧 news.json
 *   .hidden/secret.txt  .dot.txt  glossator-schema.json  empty/
 *   orphan.txt.annotations.json  notes.pdf  notes.pdf.annotations.json
 *   link → a (not followed)  link.txt → b.txt (a file: kept) */
static char *
make_tree (void)
{
  char *root = test_util_make_temp_dir ();
  g_autofree char *empty = g_build_filename (root, "empty", NULL);
  g_autofree char *link = g_build_filename (root, "link", NULL);
  g_autofree char *link_txt = g_build_filename (root, "link.txt", NULL);

  touch (root, "a/z.txt");
  touch (root, "a/nested/deep.html");
  touch (root, "a/nested/deep.html.annotations.json~");
  touch (root, "a-b.txt");
  touch (root, "a.md");
  touch (root, "b.txt");
  touch (root, "b.txt.annotations.json");
  touch (root, CAFE_NFD ".txt");
  touch (root, FAMILY " news.json");
  touch (root, ".hidden/secret.txt");
  touch (root, ".dot.txt");
  touch (root, "glossator-schema.json");
  touch (root, "orphan.txt.annotations.json");
  touch (root, "notes.pdf");
  touch (root, "notes.pdf.annotations.json");
  g_assert_cmpint (g_mkdir (empty, 0700), ==, 0);
  g_assert_cmpint (symlink ("a", link), ==, 0);
  g_assert_cmpint (symlink ("b.txt", link_txt), ==, 0);

  return root;
}

static void
test_walk (void)
{
  /* Byte order, never the locale's: upper case first. */
  static const char * const expected[] = {
    CAFE_NFD ".txt",
    "a/nested/deep.html",
    "a/z.txt",
    "a-b.txt",
    "a.md",
    "b.txt",
    "link.txt",
    FAMILY " news.json",
    NULL
  };
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = glossator_corpus_collect (&root_file, 1, problems, NULL, &error);
  g_autoptr(GFile) notes = file_at (root, "notes.pdf.annotations.json");
  g_autoptr(GFile) orphan = file_at (root, "orphan.txt.annotations.json");
  const GlossatorCorpusProblem *problem;

  g_assert_no_error (error);
  g_assert_nonnull (articles);
  assert_files (articles, root, expected);

  /* In walk order: "notes…" before "orphan…". */
  g_assert_cmpuint (problems->len, ==, 2);
  problem = problem_at (problems, 0);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR);
  g_assert_true (g_file_equal (problem->file, notes));
  g_assert_cmpstr (problem->message, ==, "sidecar without its article: “notes.pdf” is not an article Glossator opens");
  problem = problem_at (problems, 1);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR);
  g_assert_true (g_file_equal (problem->file, orphan));
  g_assert_cmpstr (problem->message, ==, "sidecar without its article: there is no “orphan.txt” beside it");

  /* Without a problems array the articles are the same. */
  g_clear_pointer (&articles, g_ptr_array_unref);
  articles = glossator_corpus_collect (&root_file, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_files (articles, root, expected);

  test_util_remove_tree (root);
}

static void
test_roots (void)
{
  static const char * const expected[] = {
    ".hidden/secret.txt",
    "a/nested/deep.html",
    "a/z.txt",
    "b.txt",
    NULL
  };
  g_autofree char *root = make_tree ();
  GFile *roots[] = {
    file_at (root, "b.txt.annotations.json"),   /* stands for b.txt */
    file_at (root, "a"),
    file_at (root, "a/z.txt"),                  /* already under a/ */
    file_at (root, "b.txt"),                    /* already given as its sidecar */
    file_at (root, "missing.txt"),
    file_at (root, "notes.pdf"),
    file_at (root, "orphan.txt.annotations.json"),
    file_at (root, ".hidden"),                  /* named, so walked */
    file_at (root, "glossator-schema.json"),
    file_at (root, "link"),                     /* named, so followed */
  };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = glossator_corpus_collect (roots, G_N_ELEMENTS (roots), problems, NULL, &error);
  const GlossatorCorpusProblem *problem;

  g_assert_no_error (error);
  /* The link to a/ is a different path to the same files: both kept. */
  g_assert_cmpuint (articles->len, ==, G_N_ELEMENTS (expected) - 1 + 2);
  g_ptr_array_remove_range (articles, 4, 2);
  assert_files (articles, root, expected);

  g_assert_cmpuint (problems->len, ==, 4);
  problem = problem_at (problems, 0);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_MISSING);
  g_assert_true (g_file_equal (problem->file, roots[4]));
  g_assert_cmpstr (problem->message, ==, "no such file or folder");
  problem = problem_at (problems, 1);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE);
  g_assert_true (g_file_equal (problem->file, roots[5]));
  problem = problem_at (problems, 2);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR);
  g_assert_true (g_file_equal (problem->file, roots[6]));
  g_assert_cmpstr (problem->message, ==, "sidecar without its article: there is no “orphan.txt” beside it");
  problem = problem_at (problems, 3);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE);
  g_assert_true (g_file_equal (problem->file, roots[8]));

  for (guint i = 0; i < G_N_ELEMENTS (roots); i++)
    g_object_unref (roots[i]);
  test_util_remove_tree (root);
}

static void
test_link_paths (void)
{
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) link = file_at (root, "link");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = glossator_corpus_collect (&link, 1, NULL, NULL, &error);
  static const char * const expected[] = { "link/nested/deep.html", "link/z.txt", NULL };

  g_assert_no_error (error);
  assert_files (articles, root, expected);

  test_util_remove_tree (root);
}

/* Links to files outside the folder named are reported and not read, nor
 * the article whose sidecar is one; links that stay inside are read. */
static void
test_links_out_not_read (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *corpus = g_build_filename (dir, "corpus", NULL);
  g_autofree char *secret = g_build_filename (dir, "secret.txt", NULL);
  g_autofree char *leak = g_build_filename (corpus, "sub", "leak.txt", NULL);
  g_autofree char *leak_sidecar = g_build_filename (corpus, "b.txt.annotations.json", NULL);
  g_autofree char *inside = g_build_filename (corpus, "inside.md", NULL);
  g_autoptr(GFile) root = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  static const char * const expected[] = { "a.txt", "inside.md", NULL };
  const GlossatorCorpusProblem *problem;

  test_util_write_file (dir, "secret.txt", "Secret " FAMILY ".\n", -1);
  touch (corpus, "a.txt");
  touch (corpus, "b.txt");
  touch (corpus, "sub/x.txt~");
  g_assert_cmpint (symlink (secret, leak), ==, 0);
  g_assert_cmpint (symlink (secret, leak_sidecar), ==, 0);
  g_assert_cmpint (symlink ("a.txt", inside), ==, 0);

  root = g_file_new_for_path (corpus);
  articles = glossator_corpus_collect (&root, 1, problems, NULL, &error);
  g_assert_no_error (error);
  assert_files (articles, corpus, expected);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = problem_at (problems, 0);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE);
  g_assert_cmpstr (g_file_peek_path (problem->file), ==, leak_sidecar);
  g_assert_nonnull (strstr (problem->message, "nor its article"));
  problem = problem_at (problems, 1);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE);
  g_assert_cmpstr (g_file_peek_path (problem->file), ==, leak);
  g_assert_nonnull (strstr (problem->message, secret));

  test_util_remove_tree (dir);
}

static void
test_empty (void)
{
  g_autofree char *root = test_util_make_temp_dir ();
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = glossator_corpus_collect (&root_file, 1, problems, NULL, &error);
  g_autoptr(GPtrArray) none = glossator_corpus_collect (NULL, 0, problems, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 0);
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);

  test_util_remove_tree (root);
}

static void
test_unreadable (void)
{
  g_autofree char *root = NULL;
  g_autofree char *locked = NULL;
  g_autoptr(GFile) root_file = NULL;
  g_autoptr(GFile) locked_file = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  static const char * const expected[] = { "open/a.txt", NULL };
  const GlossatorCorpusProblem *problem;

  if (geteuid () == 0)
    {
      g_test_skip ("permissions do not stop root");
      return;
    }

  root = test_util_make_temp_dir ();
  touch (root, "locked/secret.txt");
  touch (root, "open/a.txt");
  locked = g_build_filename (root, "locked", NULL);
  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  root_file = g_file_new_for_path (root);
  locked_file = g_file_new_for_path (locked);

  articles = glossator_corpus_collect (&root_file, 1, problems, NULL, &error);
  g_assert_no_error (error);
  assert_files (articles, root, expected);
  g_assert_cmpuint (problems->len, ==, 1);
  problem = problem_at (problems, 0);
  g_assert_cmpint (problem->kind, ==, GLOSSATOR_CORPUS_PROBLEM_UNREADABLE);
  g_assert_true (g_file_equal (problem->file, locked_file));
  g_assert_true (g_str_has_prefix (problem->message, "cannot list the folder: "));

  test_util_remove_tree (root);
}

static void
test_cancelled (void)
{
  g_autofree char *root = make_tree ();
  g_autoptr(GFile) root_file = g_file_new_for_path (root);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = NULL;

  g_cancellable_cancel (cancellable);
  articles = glossator_corpus_collect (&root_file, 1, NULL, cancellable, &error);
  g_assert_null (articles);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

  test_util_remove_tree (root);
}

static void
test_article_for_sidecar (void)
{
  static const struct { const char *sidecar; const char *article; } cases[] = {
    { "/c/a.txt.annotations.json", "/c/a.txt" },
    { "/c/" FAMILY ".md.annotations.json", "/c/" FAMILY ".md" },
    { "/c/x.annotations.json", "/c/x" },
    { "/c/.annotations.json", NULL },
    { "/c/a.txt", NULL },
    { "/c/a.txt.annotations.json~", NULL },
    { "/c/a.txt.ANNOTATIONS.JSON", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) sidecar = g_file_new_for_path (cases[i].sidecar);
      g_autoptr(GFile) article = glossator_corpus_article_for_sidecar (sidecar);

      if (cases[i].article == NULL)
        g_assert_null (article);
      else
        g_assert_cmpstr (g_file_peek_path (article), ==, cases[i].article);
    }
}

static void
test_compare_files (void)
{
  static const char * const sorted[] = {
    "/c/A.txt",
    "/c/" CAFE_NFD ".txt",
    "/c/Caf\xc3\xa9.txt",
    "/c/a",
    "/c/a/b/c.txt",
    "/c/a/z.txt",
    "/c/a b.txt",
    "/c/a-b.txt",
    "/c/a.txt",
    "/c/a0.txt",
    "/c/" FAMILY ".txt",
  };

  for (guint i = 0; i < G_N_ELEMENTS (sorted); i++)
    for (guint j = 0; j < G_N_ELEMENTS (sorted); j++)
      {
        g_autoptr(GFile) a = g_file_new_for_path (sorted[i]);
        g_autoptr(GFile) b = g_file_new_for_path (sorted[j]);
        int cmp = glossator_corpus_compare_files (a, b);

        if (i < j)
          g_assert_cmpint (cmp, <, 0);
        else if (i > j)
          g_assert_cmpint (cmp, >, 0);
        else
          g_assert_cmpint (cmp, ==, 0);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/corpus/walk", test_walk);
  g_test_add_func ("/corpus/roots", test_roots);
  g_test_add_func ("/corpus/link-paths", test_link_paths);
  g_test_add_func ("/corpus/links-out-not-read", test_links_out_not_read);
  g_test_add_func ("/corpus/empty", test_empty);
  g_test_add_func ("/corpus/unreadable", test_unreadable);
  g_test_add_func ("/corpus/cancelled", test_cancelled);
  g_test_add_func ("/corpus/article-for-sidecar", test_article_for_sidecar);
  g_test_add_func ("/corpus/compare-files", test_compare_files);

  return g_test_run ();
}

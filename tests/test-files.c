/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-files"

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossator-atomic-file.h"
#include "glossator-files-private.h"
#include "test-util.h"

static int
open_dir (const char *path)
{
  int fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  g_assert_cmpint (fd, >=, 0);
  return fd;
}

/* Names an import may give a file, and why the others are refused. */
static void
test_article_path (void)
{
  static const struct {
    const char *path;
    const char *why;   /* NULL: allowed */
  } cases[] = {
    { "a.txt", NULL },
    { "news/2024/" FLAG_UA " Kyiv.md", NULL },
    { "a.markdown", NULL },
    { "a.JSON", NULL },
    { "page.htm", NULL },
    { ".git/config", "“.git” is hidden" },
    { ".hidden/a.txt", "“.hidden” is hidden" },
    { "news/.a.txt", "“.a.txt” is hidden" },
    { "a.sh", "not an article name" },
    { "a", "not an article name" },
    { "glossator-schema.json", "label schema" },
    { "news/GLOSSATOR-SCHEMA.JSON", "label schema" },
    { "x.annotations.json", "sidecar" },
    { "x.txt.Annotations.JSON", "sidecar" },
    { "a.txt~", "backup" },
    { "../x.txt", "“..”" },
    { "news/../../x.txt", "“..”" },
    { "/etc/x.txt", "absolute" },
    { "news//x.txt", "empty" },
    { "", "empty" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *why = NULL;
      gboolean ok = _glossator_check_article_path (cases[i].path, &why);

      g_test_message ("%s", cases[i].path);
      g_assert_cmpint (ok, ==, cases[i].why == NULL);
      if (cases[i].why != NULL)
        g_assert_nonnull (strstr (why, cases[i].why));
      else
        g_assert_null (why);
    }
}

/* Folders are walked one component at a time, never through a link. */
static void
test_open_folder_at (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *outside = g_build_filename (dir, "outside", NULL);
  g_autofree char *link = g_build_filename (out, "link", NULL);
  g_autofree char *made = g_build_filename (out, "a", "b", NULL);
  g_autoptr(GError) error = NULL;
  int base, fd;

  g_assert_cmpint (g_mkdir_with_parents (out, 0777), ==, 0);
  g_assert_cmpint (g_mkdir (outside, 0777), ==, 0);
  g_assert_cmpint (symlink (outside, link), ==, 0);
  test_util_write_file (out, "file.txt", "Text.\n", -1);
  base = open_dir (out);

  fd = _glossator_open_folder_at (base, "a/b", FALSE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_cmpint (fd, ==, -1);
  g_clear_error (&error);
  g_assert_false (g_file_test (made, G_FILE_TEST_EXISTS));

  fd = _glossator_open_folder_at (base, "a/b", TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_true (g_file_test (made, G_FILE_TEST_IS_DIR));

  fd = _glossator_open_folder_at (base, "", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);

  for (guint create = 0; create < 2; create++)
    {
      fd = _glossator_open_folder_at (base, "link/sub", create, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
      g_assert_nonnull (strstr (error->message, "“link”"));
      g_assert_cmpint (fd, ==, -1);
      g_clear_error (&error);
    }
  fd = _glossator_open_folder_at (base, "file.txt/sub", TRUE, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY);
  g_clear_error (&error);

  /* Nothing was made outside. */
  g_assert_cmpint (g_rmdir (outside), ==, 0);

  close (base);
  test_util_remove_tree (dir);
}

/* Reading takes no link and no special file. */
static void
test_read_at (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *link = g_build_filename (dir, "link.txt", NULL);
  g_autofree char *fifo = g_build_filename (dir, "fifo.txt", NULL);
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GError) error = NULL;
  int base;

  test_util_write_file (dir, "a.txt", "Kyiv " FLAG_UA "\r\n", -1);
  g_assert_cmpint (symlink ("a.txt", link), ==, 0);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  base = open_dir (dir);

  g_assert_true (_glossator_read_at (base, "a.txt", 1024, &contents, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents),
                   "Kyiv " FLAG_UA "\r\n", strlen ("Kyiv " FLAG_UA "\r\n"));
  g_clear_pointer (&contents, g_bytes_unref);

  g_assert_true (_glossator_read_at (base, "missing.txt", 1024, &contents, &error));
  g_assert_no_error (error);
  g_assert_null (contents);

  g_assert_false (_glossator_read_at (base, "a.txt", 4, &contents, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_clear_error (&error);
  g_assert_false (_glossator_read_at (base, "link.txt", 1024, &contents, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS);
  g_clear_error (&error);
  g_assert_false (_glossator_read_at (base, "fifo.txt", 1024, &contents, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_null (contents);

  close (base);
  test_util_remove_tree (dir);
}

/* A staged file replaces a link itself, never what it leads to. */
static void
test_stage_at (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *target = g_build_filename (dir, "target.txt", NULL);
  g_autofree char *link = g_build_filename (dir, "out", "a.txt", NULL);
  g_autofree char *out = g_build_filename (dir, "out", NULL);
  g_autofree char *staged = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  int base;

  test_util_write_file (dir, "target.txt", "Outside.\n", -1);
  g_assert_cmpint (g_mkdir (out, 0777), ==, 0);
  g_assert_cmpint (symlink (target, link), ==, 0);
  base = open_dir (out);

  staged = _glossator_stage_at (base, "a.txt", "Inside.\n", 8, &error);
  g_assert_no_error (error);
  /* The one pattern every temporary file has, so that what a kill left
   * is removed by the next save. */
  g_assert_true (_glossator_atomic_file_is_temp_name (staged, "a.txt"));
  g_assert_true (_glossator_commit_at (base, staged, "a.txt", &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  contents = test_util_read_file (out, "a.txt");
  g_assert_cmpstr (contents, ==, "Inside.\n");
  g_free (contents);
  contents = test_util_read_file (dir, "target.txt");
  g_assert_cmpstr (contents, ==, "Outside.\n");

  g_free (staged);
  staged = _glossator_stage_at (base, "b.txt", "B\n", 2, &error);
  g_assert_no_error (error);
  _glossator_discard_at (base, staged);
  listing = g_dir_open (out, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "a.txt");
  g_assert_null (g_dir_read_name (listing));

  close (base);
  test_util_remove_tree (dir);
}

/* Staged files are put in place together, or not at all. */
static void
test_staging (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *kept_path = g_build_filename (dir, "kept", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GFile) kept = g_file_new_for_path (kept_path);
  g_autoptr(GFile) a = g_file_get_child (kept, "a.txt");
  g_autoptr(GFile) b = g_file_resolve_relative_path (kept, "news/b.txt");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  GlossatorStaging *staging;

  test_util_write_file (dir, "kept/a.txt", "previous\n", -1);

  /* Abandoned: the previous file stays, the folder made is removed. */
  staging = _glossator_staging_new ();
  g_assert_true (_glossator_staging_write (staging, a, "new a\n", 6, NULL, &error));
  g_assert_true (_glossator_staging_write (staging, b, "new b\n", 6, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GDir) staged = g_dir_open (kept_path, 0, NULL);
    const char *name;
    guint n_temp = 0;

    while ((name = g_dir_read_name (staged)) != NULL)
      n_temp += _glossator_atomic_file_is_temp_name (name, "a.txt");
    g_assert_cmpuint (n_temp, ==, 1);
  }
  contents = test_util_read_file (dir, "kept/a.txt");
  g_assert_cmpstr (contents, ==, "previous\n");
  g_clear_pointer (&contents, g_free);
  _glossator_staging_free (staging);
  contents = test_util_read_file (dir, "kept/a.txt");
  g_assert_cmpstr (contents, ==, "previous\n");
  g_clear_pointer (&contents, g_free);
  listing = g_dir_open (kept_path, 0, NULL);
  g_assert_cmpstr (g_dir_read_name (listing), ==, "a.txt");
  g_assert_null (g_dir_read_name (listing));

  /* Committed: both in place. */
  staging = _glossator_staging_new ();
  g_assert_true (_glossator_staging_write (staging, a, "new a\n", 6, NULL, &error));
  g_assert_true (_glossator_staging_write (staging, b, "new b\n", 6, NULL, &error));
  g_assert_true (_glossator_staging_commit (staging, &error));
  g_assert_no_error (error);
  _glossator_staging_free (staging);
  contents = test_util_read_file (dir, "kept/a.txt");
  g_assert_cmpstr (contents, ==, "new a\n");
  g_clear_pointer (&contents, g_free);
  contents = test_util_read_file (dir, "kept/news/b.txt");
  g_assert_cmpstr (contents, ==, "new b\n");

  test_util_remove_tree (dir);
}

/* Where a path leads: links and ".." resolved, the missing part kept. */
static void
test_paths (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *real_dir = realpath (dir, NULL);
  g_autofree char *corpus = g_build_filename (real_dir, "corpus", NULL);
  g_autofree char *link = g_build_filename (dir, "link", NULL);
  g_autofree char *article = g_build_filename (corpus, "a.txt", NULL);
  g_autofree char *article_link = g_build_filename (dir, "a-link.txt", NULL);
  g_autofree char *dangling = g_build_filename (dir, "dangling.txt", NULL);
  g_autofree char *via_link = g_build_filename (dir, "link", "new", "x.txt", NULL);
  g_autofree char *expected = g_build_filename (corpus, "new", "x.txt", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  test_util_write_file (dir, "corpus/a.txt", "A.\n", -1);
  g_assert_cmpint (symlink ("corpus", link), ==, 0);
  g_assert_cmpint (symlink (article, article_link), ==, 0);
  g_assert_cmpint (symlink ("corpus/b.txt", dangling), ==, 0);

  file = g_file_new_for_path (via_link);
  path = _glossator_entry_path (file);
  g_assert_cmpstr (path, ==, expected);
  g_clear_pointer (&path, g_free);
  g_clear_object (&file);

  file = g_file_new_for_path (article_link);
  path = _glossator_real_path (file);
  g_assert_cmpstr (path, ==, article);
  g_clear_pointer (&path, g_free);
  path = _glossator_entry_path (file);
  g_assert_true (g_str_has_suffix (path, "/a-link.txt"));
  g_assert_false (_glossator_path_is_within (path, corpus));
  g_assert_true (_glossator_link_leads_out (file, dir, NULL) == FALSE);
  g_assert_true (_glossator_link_leads_out (file, "/nowhere", NULL));
  g_clear_pointer (&path, g_free);
  g_clear_object (&file);

  /* Writing through a dangling link would create its target. */
  file = g_file_new_for_path (dangling);
  path = _glossator_real_path (file);
  g_assert_true (g_str_has_suffix (path, "/corpus/b.txt"));
  g_assert_true (_glossator_path_is_within (path, corpus));

  g_assert_true (_glossator_path_is_within ("/a/b", "/a"));
  g_assert_true (_glossator_path_is_within ("/a", "/a"));
  g_assert_true (_glossator_path_is_within ("/a", "/"));
  g_assert_false (_glossator_path_is_within ("/ab", "/a"));

  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/files/article-path", test_article_path);
  g_test_add_func ("/files/open-folder-at", test_open_folder_at);
  g_test_add_func ("/files/read-at", test_read_at);
  g_test_add_func ("/files/stage-at", test_stage_at);
  g_test_add_func ("/files/staging", test_staging);
  g_test_add_func ("/files/paths", test_paths);

  return g_test_run ();
}

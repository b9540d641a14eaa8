/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "glossator-atomic-file.h"
#include "test-util.h"

/* The shared writer on its own; what a sidecar save adds (backups, the
 * check for outside changes) is in test-sidecar.c. */

static void
replace_ok (GFile      *file,
            const char *contents,
            gboolean    follow_links)
{
  g_autoptr(GBytes) bytes = g_bytes_new (contents, strlen (contents));
  g_autoptr(GError) error = NULL;

  g_assert_true (_glossator_atomic_file_replace (file, bytes, follow_links, NULL, &error));
  g_assert_no_error (error);
}

/* Followed, a link stays and the file it names gets the new contents. */
static void
test_link_followed (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *link_path = g_build_filename (dir, "schema.json", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autofree char *target = NULL, *contents = NULL, *listing = NULL;

  test_util_write_file (dir, "elsewhere/real.json", "old", -1);
  g_assert_cmpint (symlink ("elsewhere/real.json", link_path), ==, 0);

  replace_ok (link_file, "new 🇺🇦", TRUE);
  target = g_file_read_link (link_path, NULL);
  g_assert_cmpstr (target, ==, "elsewhere/real.json");
  contents = test_util_read_file (dir, "elsewhere/real.json");
  g_assert_cmpstr (contents, ==, "new 🇺🇦");
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "elsewhere schema.json");

  test_util_remove_tree (dir);
}

/* Not followed (the label schema: never written outside its folder), the
 * link itself is replaced and the file it named is left alone. */
static void
test_link_replaced (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *link_path = g_build_filename (dir, "schema.json", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autofree char *contents = NULL, *elsewhere = NULL, *listing = NULL;

  test_util_write_file (dir, "elsewhere/real.json", "old", -1);
  g_assert_cmpint (symlink ("elsewhere/real.json", link_path), ==, 0);

  replace_ok (link_file, "new", FALSE);
  g_assert_false (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  contents = test_util_read_file (dir, "schema.json");
  g_assert_cmpstr (contents, ==, "new");
  elsewhere = test_util_read_file (dir, "elsewhere/real.json");
  g_assert_cmpstr (elsewhere, ==, "old");
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "elsewhere schema.json");

  test_util_remove_tree (dir);
}

/* Only ".NAME.glossator-tmp-" and six letters or digits are NAME's. */
static void
test_temp_names (void)
{
  const char *target = "a.txt.annotations.json";

  g_assert_true (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-Ab12Cd", target));
  g_assert_true (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-000000", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-Ab12C", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-Ab12Cde", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-Ab 2Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".a.txt.annotations.json.glossator-tmp-Ab12Cd~", target));
  g_assert_false (_glossator_atomic_file_is_temp_name ("a.txt.annotations.json.glossator-tmp-Ab12Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".b.txt.annotations.json.glossator-tmp-Ab12Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".a.txt.glossator-tmp-Ab12Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (".goutputstream-Ab12Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name ("a.txt.annotations.json.Ab12Cd", target));
  g_assert_false (_glossator_atomic_file_is_temp_name (target, target));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/atomic-file/link-followed", test_link_followed);
  g_test_add_func ("/atomic-file/link-replaced", test_link_replaced);
  g_test_add_func ("/atomic-file/temp-names", test_temp_names);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-common.h"

/* The test suite's driver for a harness: LLVMFuzzerTestOneInput() on every
 * file given and every file directly in every folder given (sorted; the
 * sub-folders, such as crashes/NAME/pending/, are not read), as TAP. A
 * folder that does not exist is read as empty (crashes/NAME/ until the
 * first crash of NAME), but no input at all fails. A broken invariant
 * aborts, which fails the test. */

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) children = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      printf ("# %s does not exist: no input from it\n", path);
      return;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return;
    }
  if ((dir = g_dir_open (path, 0, &error)) == NULL)
    {
      printf ("Bail out! %s\n", error->message);
      exit (1);
    }
  children = g_ptr_array_new ();
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (children, child);
      else
        g_free (child);
    }
  g_ptr_array_sort (children, compare_paths);
  for (guint i = 0; i < children->len; i++)
    g_ptr_array_add (files, children->pdata[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  if (argc < 2)
    {
      fprintf (stderr, "usage: %s FILE|FOLDER...\n", argv[0]);
      return 2;
    }
  for (int i = 1; i < argc; i++)
    collect (argv[i], files);
  if (files->len == 0)
    {
      printf ("Bail out! no input in %s…\n", argv[1]);
      return 1;
    }

  printf ("1..%u\n", files->len);
  fflush (stdout);
  for (guint i = 0; i < files->len; i++)
    {
      const char *path = g_ptr_array_index (files, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autofree uint8_t *exact = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, &error))
        {
          printf ("Bail out! %s\n", error->message);
          return 1;
        }
      /* Printed first: when the input crashes, the log says which one. */
      printf ("# %s (%zu bytes)\n", path, length);
      fflush (stdout);
      /* Exactly the input's bytes, as libFuzzer passes them: no NUL after
       * them to hide a read past the end from ASan. */
      exact = g_malloc (MAX (length, 1));
      memcpy (exact, contents, length);
      LLVMFuzzerTestOneInput (exact, length);
      printf ("ok %u - %s\n", i + 1, path);
      fflush (stdout);
    }
  return 0;
}

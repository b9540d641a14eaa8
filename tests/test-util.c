/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-util"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "test-util.h"

char *
test_util_make_temp_dir (void)
{
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("glossator-%s-XXXXXX", program);
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
test_util_remove_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_util_remove_tree (child);
        }
    }
  g_assert_cmpint (g_remove (path), ==, 0);
}

void
test_util_write_file (const char *dir,
                      const char *relative,
                      const char *contents,
                      gssize      length)
{
  g_object_unref (test_util_write_gfile (dir, relative, contents, length));
}

GFile *
test_util_write_gfile (const char *dir,
                       const char *relative,
                       const char *contents,
                       gssize      length)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (parent, 0700), ==, 0);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

char *
test_util_read_file (const char *dir,
                     const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

char *
test_util_read_gfile (GFile *file,
                      gsize *length)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_load_contents (file, NULL, &contents, length, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char *
test_util_list_folder (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = g_dir_open (dir, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);

  return g_strjoinv (" ", (char **) names->pdata);
}

void
test_util_copy_samples (const char *target)
{
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) error = NULL;
  const char *name;

  dir = g_dir_open (samples, 0, &error);
  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *from = g_build_filename (samples, name, NULL);
      g_autofree char *contents = NULL;
      gsize length;

      g_file_get_contents (from, &contents, &length, &error);
      g_assert_no_error (error);
      test_util_write_file (target, name, contents, (gssize) length);
    }
}

char *
test_util_make_corpus (void)
{
  char *dir = test_util_make_temp_dir ();

  test_util_copy_samples (dir);
  return dir;
}

guint
test_util_offset_of (const char *utf8,
                     const char *needle,
                     guint       nth)
{
  const char *p = utf8;

  for (guint i = 0; i <= nth; i++)
    {
      p = strstr (i == 0 ? p : p + 1, needle);
      g_assert_nonnull (p);
    }
  return (guint) g_utf8_pointer_to_offset (utf8, p);
}

gboolean
test_util_in_subprocess (void)
{
  if (g_test_subprocess ())
    return TRUE;
  g_test_trap_subprocess (NULL, 10 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  return FALSE;
}

double
test_util_ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

GlossatorText *
test_util_text_new (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text = glossator_text_new (utf8, -1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

GlossatorText *
test_util_text_from_data (const char *data)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text = glossator_text_new_from_data (data, strlen (data), &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

guint
test_util_text_offset (GlossatorText *text,
                       const char    *needle,
                       guint          nth)
{
  return test_util_offset_of (glossator_text_get_utf8 (text, NULL), needle, nth);
}

GlossatorMention *
test_util_tag (GlossatorDocument *doc,
               const char        *needle,
               guint              nth,
               const char        *label,
               const char        *entity_id)
{
  guint start = test_util_text_offset (glossator_document_get_text (doc), needle, nth);
  guint end = start + g_utf8_strlen (needle, -1);
  g_autoptr(GError) error = NULL;
  GlossatorMention *mention;

  mention = glossator_document_create_mention (doc, label, &start, &end, 1, entity_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mention);
  return mention;
}

char *
test_util_tag_id (GlossatorDocument *doc,
                  const char        *needle,
                  guint              nth,
                  const char        *label,
                  const char        *entity_id)
{
  g_autoptr(GlossatorMention) mention = test_util_tag (doc, needle, nth, label, entity_id);

  return g_strdup (mention->id);
}

void
test_util_put_entity (GlossatorDocument *document,
                      const char        *id)
{
  g_autoptr(GlossatorEntity) entity = NULL;

  if (glossator_document_get_entity (document, id) != NULL)
    return;
  entity = glossator_entity_new (id, id, "X");
  glossator_document_put_entity (document, entity);
}

/* A mention of the text's @nth @needle (and of @needle2 after it when
 * given: a discontinuous mention). */
void
test_util_put_mention (GlossatorDocument *document,
                       const char        *id,
                       const char        *label,
                       const char        *entity_id,
                       const char        *needle,
                       guint              nth,
                       const char        *needle2)
{
  GlossatorText *text = glossator_document_get_text (document);
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  g_autoptr(GlossatorMention) mention = glossator_mention_new (id, label, entity_id);
  guint start = test_util_offset_of (utf8, needle, nth);
  GlossatorSpan *span = glossator_mention_add_fragment (mention, start, start + g_utf8_strlen (needle, -1));

  glossator_span_set_quote (span, text);
  if (needle2 != NULL)
    {
      const char *after = g_utf8_offset_to_pointer (utf8, start + g_utf8_strlen (needle, -1));
      guint start2 = start + g_utf8_strlen (needle, -1) + test_util_offset_of (after, needle2, 0);

      span = glossator_mention_add_fragment (mention, start2, start2 + g_utf8_strlen (needle2, -1));
      glossator_span_set_quote (span, text);
    }
  test_util_put_entity (document, entity_id);
  glossator_document_put_mention (document, mention);
}

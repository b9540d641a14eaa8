/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <string.h>

#include "glossator-schema.h"
#include "fuzz-common.h"

/* The label schema reader: what it accepts is consistent (names and keys
 * found again, colours well formed) and survives save and load unchanged;
 * what it refuses gets an error naming the file. */

static void
check_choices (GlossatorSchema *schema,
               gboolean         labels)
{
  guint n = labels ? glossator_schema_get_n_labels (schema) : glossator_schema_get_n_polarities (schema);
  const char *what = labels ? "label" : "polarity";

  for (guint i = 0; i < n; i++)
    {
      const GlossatorLabel *label = labels ? glossator_schema_get_label (schema, i)
                                           : glossator_schema_get_polarity (schema, i);
      const GlossatorLabel *found;

      if (label == NULL || label->name == NULL || label->name[0] == '\0' || !g_utf8_validate (label->name, -1, NULL))
        fuzz_fail ("%s %u has no valid name", what, i);
      if (label->color == NULL || strlen (label->color) != 7 || label->color[0] != '#')
        fuzz_fail ("%s %s has the colour %s", what, label->name, label->color ? label->color : "(none)");
      for (guint c = 1; c < 7; c++)
        if (!g_ascii_isxdigit (label->color[c]))
          fuzz_fail ("%s %s has the colour %s", what, label->name, label->color);
      found = labels ? glossator_schema_find_label (schema, label->name)
                     : glossator_schema_find_polarity (schema, label->name);
      if (found != label)
        fuzz_fail ("%s %s is not found by its name", what, label->name);
      if (label->key != 0)
        {
          found = labels ? glossator_schema_find_label_by_key (schema, label->key)
                         : glossator_schema_find_polarity_by_key (schema, label->key);
          if (found != label)
            fuzz_fail ("%s %s is not found by its key U+%04X", what, label->name, label->key);
        }
    }
}

static void
check_topics (GlossatorSchema *schema)
{
  const char * const *topics = glossator_schema_get_topics (schema);

  for (guint i = 0; topics[i] != NULL; i++)
    {
      if (topics[i][0] == '\0' || !g_utf8_validate (topics[i], -1, NULL))
        fuzz_fail ("topic %u is empty or not UTF-8", i);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (topics[i], topics[j]))
          fuzz_fail ("topic %s is there twice", topics[i]);
    }
}

static GlossatorSchema *
save_and_load (GlossatorSchema  *schema,
               const char       *name,
               char            **contents,
               gsize            *n_bytes)
{
  g_autofree char *path = g_build_filename (fuzz_temp_dir (), name, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  GlossatorSchema *loaded;

  if (!glossator_schema_save (schema, file, NULL, &error))
    fuzz_fail ("an accepted schema cannot be saved: %s", error->message);
  if (!g_file_get_contents (path, contents, n_bytes, &error))
    fuzz_fail ("cannot read the saved schema: %s", error->message);
  loaded = glossator_schema_load (file, NULL, &error);
  if (loaded == NULL)
    fuzz_fail ("the schema saved for an accepted one does not load: %s\n%s", error->message, *contents);
  return loaded;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GlossatorSchema) first = NULL;
  g_autoptr(GlossatorSchema) second = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize n_saved = 0, n_saved_again = 0;

  fuzz_init ();
  file = fuzz_write_file (GLOSSATOR_SCHEMA_FILE_NAME, data, size);
  path = g_file_get_path (file);
  schema = glossator_schema_load (file, NULL, &error);
  if (schema == NULL)
    {
      if (!g_error_matches (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID) ||
          !g_str_has_prefix (error->message, path) || error->message[strlen (path)] != ':')
        fuzz_fail ("a refused schema's error does not name the file: %s", error->message);
      return 0;
    }

  check_choices (schema, TRUE);
  check_choices (schema, FALSE);
  check_topics (schema);

  first = save_and_load (schema, "saved.json", &saved, &n_saved);
  check_choices (first, TRUE);
  check_choices (first, FALSE);
  second = save_and_load (first, "saved-again.json", &saved_again, &n_saved_again);
  if (n_saved != n_saved_again || memcmp (saved, saved_again, n_saved) != 0)
    fuzz_fail ("save, load, save of a schema is not byte-identical:\n%s\n---\n%s", saved, saved_again);
  if (glossator_schema_get_n_labels (schema) != glossator_schema_get_n_labels (first) ||
      glossator_schema_get_n_polarities (schema) != glossator_schema_get_n_polarities (first) ||
      g_strv_length ((GStrv) glossator_schema_get_topics (schema)) !=
        g_strv_length ((GStrv) glossator_schema_get_topics (first)))
    fuzz_fail ("save and load changed the number of labels, polarities or topics");
  for (guint i = 0; i < glossator_schema_get_n_labels (schema); i++)
    {
      const GlossatorLabel *a = glossator_schema_get_label (schema, i);
      const GlossatorLabel *b = glossator_schema_get_label (first, i);

      if (strcmp (a->name, b->name) != 0 || strcmp (a->color, b->color) != 0 || a->key != b->key ||
          g_strcmp0 (a->description, b->description) != 0)
        fuzz_fail ("save and load changed label %u (%s)", i, a->name);
    }
  return 0;
}

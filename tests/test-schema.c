/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-schema"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "glossator-schema.h"
#include "test-util.h"

static GlossatorSchema *
load_string (const char  *dir,
             const char  *json,
             GError     **error)
{
  g_autoptr(GFile) file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, json, -1);

  return glossator_schema_load (file, NULL, error);
}

static gboolean
is_color (const char *color)
{
  if (color == NULL || strlen (color) != 7 || color[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (color[i]) || g_ascii_isupper (color[i]))
      return FALSE;
  return TRUE;
}

static void
test_default (void)
{
  static const struct { const char *name; gunichar key; } labels[] = {
    { "PERSON", 'p' }, { "ORG", 'o' }, { "GPE", 'g' }, { "LOC", 'l' },
    { "NORP", 'n' }, { "EVENT", 'e' }, { "MISC", 'm' },
  };
  static const struct { const char *name; gunichar key; } polarities[] = {
    { "favor", 'f' }, { "against", 'a' }, { "neutral", 'n' }, { "unclear", 'u' },
  };
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GHashTable) colors = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_null (glossator_schema_get_file (schema));

  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, G_N_ELEMENTS (labels));
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    {
      const GlossatorLabel *label = glossator_schema_get_label (schema, i);

      g_assert_cmpstr (label->name, ==, labels[i].name);
      g_assert_cmpuint (label->key, ==, labels[i].key);
      g_assert_true (is_color (label->color));
      g_assert_nonnull (label->description);
      g_assert_cmpuint (strlen (label->description), >, 5);
      /* Every label has a colour of its own. */
      g_assert_false (g_hash_table_contains (colors, label->color));
      g_hash_table_add (colors, label->color);

      g_assert_true (glossator_schema_find_label (schema, labels[i].name) == label);
      g_assert_true (glossator_schema_find_label_by_key (schema, labels[i].key) == label);
      g_assert_cmpstr (glossator_schema_color_for_label (schema, labels[i].name), ==, label->color);
    }
  g_assert_cmpstr (glossator_schema_get_label (schema, 0)->color, ==, "#3584e4");

  g_assert_cmpuint (glossator_schema_get_n_polarities (schema), ==, G_N_ELEMENTS (polarities));
  g_hash_table_remove_all (colors);
  for (guint i = 0; i < G_N_ELEMENTS (polarities); i++)
    {
      const GlossatorLabel *polarity = glossator_schema_get_polarity (schema, i);

      g_assert_cmpstr (polarity->name, ==, polarities[i].name);
      g_assert_cmpuint (polarity->key, ==, polarities[i].key);
      g_assert_true (is_color (polarity->color));
      g_assert_nonnull (polarity->description);
      g_assert_false (g_hash_table_contains (colors, polarity->color));
      g_hash_table_add (colors, polarity->color);

      g_assert_true (glossator_schema_find_polarity (schema, polarities[i].name) == polarity);
      g_assert_true (glossator_schema_find_polarity_by_key (schema, polarities[i].key) == polarity);
    }

  g_assert_null (glossator_schema_find_label (schema, "person"));
  g_assert_null (glossator_schema_find_label (schema, "favor"));
  g_assert_null (glossator_schema_find_label_by_key (schema, 'P'));
  g_assert_null (glossator_schema_find_label_by_key (schema, 0));
  g_assert_null (glossator_schema_find_polarity (schema, "PERSON"));
  g_assert_null (glossator_schema_find_polarity_by_key (schema, 'p'));
  g_assert_null (glossator_schema_find_polarity_by_key (schema, 0));

  g_assert_nonnull (glossator_schema_get_topics (schema));
  g_assert_null (glossator_schema_get_topics (schema)[0]);
}

static const char valid_schema[] =
  "\xef\xbb\xbf{\n"
  "  \"format\": \"glossator-schema\",\n"
  "  \"version\": 1,\n"
  "  \"comment\": {\"by\": \"Ana\", \"tags\": [1, true, null]},\n"
  "  \"labels\": [\n"
  "    {\"name\": \"PERSON\", \"color\": \"#1C71D8\", \"key\": \"p\", \"description\": \"People\"},\n"
  "    {\"name\": \"\xd0\x9b\xd0\xb8\xd1\x86\xd0\xbe\", \"key\": \"\xd0\xbb\", \"x-order\": 3},\n"
  "    {\"name\": \"\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x87\xba\xf0\x9f\x87\xa6\", \"color\": \"#e66100\"}\n"
  "  ],\n"
  "  \"topics\": [\"sanctions\", \"nuclear weapons\", \"\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 families\"]\n"
  "}\n";

static void
test_load_valid (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, valid_schema, -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);
  const GlossatorLabel *label;
  const char * const *topics;

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), file));

  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, 3);
  label = glossator_schema_get_label (schema, 0);
  g_assert_cmpstr (label->name, ==, "PERSON");
  g_assert_cmpstr (label->color, ==, "#1C71D8");
  g_assert_cmpuint (label->key, ==, 'p');
  g_assert_cmpstr (label->description, ==, "People");

  /* No colour given: the derived one; no description: NULL. */
  label = glossator_schema_get_label (schema, 1);
  g_assert_cmpstr (label->name, ==, "Лицо");
  g_assert_cmpuint (label->key, ==, 0x043B);
  g_assert_true (is_color (label->color));
  g_assert_null (label->description);
  g_assert_true (glossator_schema_find_label_by_key (schema, 0x043B) == label);

  label = glossator_schema_get_label (schema, 2);
  g_assert_cmpstr (label->name, ==, "שלום 🇺🇦");
  g_assert_cmpuint (label->key, ==, 0);
  g_assert_cmpstr (glossator_schema_color_for_label (schema, "שלום 🇺🇦"), ==, "#e66100");

  /* The defaults no longer apply to labels, but do to the absent polarities. */
  g_assert_null (glossator_schema_find_label (schema, "ORG"));
  g_assert_cmpuint (glossator_schema_get_n_polarities (schema), ==, 4);
  g_assert_cmpstr (glossator_schema_get_polarity (schema, 1)->name, ==, "against");

  topics = glossator_schema_get_topics (schema);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 3);
  g_assert_cmpstr (topics[0], ==, "sanctions");
  g_assert_cmpstr (topics[1], ==, "nuclear weapons");
  g_assert_cmpstr (topics[2], ==, "👩‍👩‍👧 families");

  test_util_remove_tree (dir);
}

static void
test_load_minimal (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema =
    load_string (dir, "{\"format\": \"glossator-schema\", \"version\": 1, \"labels\": [], \"polarities\": []}", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, 0);
  g_assert_cmpuint (glossator_schema_get_n_polarities (schema), ==, 0);
  g_assert_null (glossator_schema_get_topics (schema)[0]);
  g_assert_null (glossator_schema_find_label (schema, "PERSON"));
  g_assert_true (is_color (glossator_schema_color_for_label (schema, "PERSON")));

  test_util_remove_tree (dir);
}

#define HEAD "{\"format\": \"glossator-schema\", \"version\": 1, "

static const struct {
  const char *json;
  const char *message;  /* after "PATH: " */
} invalid_cases[] = {
  { "", "the file is empty" },
  { "   \n", "the file is empty" },
  { "[]", "$: expected an object at the top, found an array" },
  { "\"glossator-schema\"", "$: expected an object at the top, found a string" },
  { "{\"version\": 1}", "$.format: missing (expected “glossator-schema”)" },
  { "{\"format\": \"glossator-sidecar\", \"version\": 1}", "$.format: “glossator-sidecar” is not a Glossator label schema (expected “glossator-schema”)" },
  { "{\"format\": 1, \"version\": 1}", "$.format: expected “glossator-schema”, found a number" },
  { "{\"format\": \"glossator-schema\"}", "$.version: missing (expected 1)" },
  { "{\"format\": \"glossator-schema\", \"version\": \"1\"}", "$.version: expected a whole number, found a string" },
  { "{\"format\": \"glossator-schema\", \"version\": 1.0}", "$.version: expected a whole number, found a number" },
  { "{\"format\": \"glossator-schema\", \"version\": 0}", "$.version: format version 0 is not version 1, the one this Glossator reads" },
  { "{\"format\": \"glossator-schema\", \"version\": 2}", "$.version: format version 2 is newer than this Glossator, which reads version 1" },
  { HEAD "\"labels\": {}}", "$.labels: expected an array of labels, found an object" },
  { HEAD "\"labels\": [{\"name\": \"A\"}, {\"name\": \"B\"}, {\"name\": \"C\", \"color\": \"blue\"}]}",
    "$.labels[2].color: expected a colour like #3584e4" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"color\": \"#12345\"}]}", "$.labels[0].color: expected a colour like #3584e4" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"color\": \"#12345g\"}]}", "$.labels[0].color: expected a colour like #3584e4" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"color\": null}]}", "$.labels[0].color: expected a colour like #3584e4" },
  { HEAD "\"labels\": [{\"name\": \"A\"}, \"B\"]}", "$.labels[1]: expected an object, found a string" },
  { HEAD "\"labels\": [{\"color\": \"#3584e4\"}]}", "$.labels[0].name: missing" },
  { HEAD "\"labels\": [{\"name\": \"\"}]}", "$.labels[0].name: expected a non-empty string" },
  { HEAD "\"labels\": [{\"name\": 7}]}", "$.labels[0].name: expected a non-empty string" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"key\": \"ab\"}]}", "$.labels[0].key: expected a single character like “p”" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"key\": \"\"}]}", "$.labels[0].key: expected a single character like “p”" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"key\": 5}]}", "$.labels[0].key: expected a single character like “p”" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"key\": \"\\t\"}]}", "$.labels[0].key: expected a single character like “p”" },
  { HEAD "\"labels\": [{\"name\": \"A\", \"description\": [\"x\"]}]}", "$.labels[0].description: expected a string, found an array" },
  { HEAD "\"labels\": [{\"name\": \"PERSON\"}, {\"name\": \"ORG\"}, {\"name\": \"PERSON\"}]}",
    "$.labels[2]: duplicate label name “PERSON” (also $.labels[0])" },
  { HEAD "\"labels\": [{\"name\": \"PERSON\", \"key\": \"p\"}, {\"name\": \"PLACE\", \"key\": \"p\"}]}",
    "$.labels[1]: duplicate label key “p” (also $.labels[0])" },
  { HEAD "\"polarities\": [{\"name\": \"pro\"}, {\"name\": \"pro\"}]}",
    "$.polarities[1]: duplicate polarity name “pro” (also $.polarities[0])" },
  { HEAD "\"polarities\": [{\"name\": \"pro\", \"key\": \"\xc3\xa9\"}, {\"name\": \"con\", \"key\": \"\xc3\xa9\"}]}",
    "$.polarities[1]: duplicate polarity key “é” (also $.polarities[0])" },
  { HEAD "\"polarities\": 3}", "$.polarities: expected an array of polarities, found a number" },
  { HEAD "\"polarities\": [{\"name\": \"pro\", \"color\": \"#00ff00\"}, true]}", "$.polarities[1]: expected an object, found a boolean" },
  { HEAD "\"topics\": \"sanctions\"}", "$.topics: expected an array of strings, found a string" },
  { HEAD "\"topics\": [\"a\", \"\"]}", "$.topics[1]: expected a non-empty string" },
  { HEAD "\"topics\": [\"a\", null]}", "$.topics[1]: expected a non-empty string" },
  { HEAD "\"topics\": [\"a\", \"b\", \"a\"]}", "$.topics[2]: duplicate topic “a” (also $.topics[0])" },
  /* Lone surrogate escapes, wherever they hide. */
  { HEAD "\"labels\": [{\"name\": \"A\\ud800B\"}]}",
    "$.labels[0].name: invalid \\u escape: lone surrogate U+D800 at line 1, column 68" },
  { HEAD "\"topics\": [\"ok\", \"\\udc00x\"]}",
    "$.topics[1]: invalid \\u escape: lone surrogate U+DC00 at line 1, column 64" },
  { HEAD "\"x\": {\"y z\": [1, \"\\ud83d!\"]}}",
    "$.x[\"y z\"][1]: invalid \\u escape: lone surrogate U+D83D at line 1, column 64" },
  { HEAD "\"x\": {\"\\ud800a\": 1}}",
    "$.x: invalid \\u escape: lone surrogate U+D800 at line 1, column 53" },
  { "{\"format\": \"glossator-schema\", \"version\": 1, \"labels\": [{\"name\": \"A\xff\"}]}",
    "$.labels[0].name: not UTF-8: invalid byte at line 1, column 68 (byte offset 67)" },
};

static void
test_load_invalid (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (invalid_cases); i++)
    {
      g_autoptr(GFile) file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, invalid_cases[i].json, -1);
      g_autofree char *expected = g_strdup_printf ("%s: %s", g_file_peek_path (file), invalid_cases[i].message);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

      g_test_message ("case %u", i);
      g_assert_null (schema);
      g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
      g_assert_cmpstr (error->message, ==, expected);
    }

  test_util_remove_tree (dir);
}

static void
test_load_not_json (void)
{
  static const char * const cases[] = {
    "{\"format\": \"glossator-schema\", ",
    "{\"format\": \"glossator-schema\", \"version\": 1,}",
    "{\"format\": \"glossator-schema\", \"version\": 1} trailing",
    /* Not JSON at all (a link to /etc/shadow): nothing of it is quoted. */
    "root:$6$s3cr3t$hash:19000:0:99999:7:::\n",
  };
  g_autofree char *dir = test_util_make_temp_dir ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GFile) file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, cases[i], -1);
      g_autofree char *expected = g_strdup_printf ("%s: $: not JSON: ", g_file_peek_path (file));
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

      g_assert_null (schema);
      g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, expected));
      g_assert_nonnull (strstr (error->message, " at line 1, column "));
      g_assert_null (strstr (error->message, "<data>"));
      g_assert_null (strstr (error->message + strlen (expected), "root"));
      g_assert_null (strstr (error->message, "s3cr3t"));
    }

  test_util_remove_tree (dir);
}

/* json-glib's parser recurses once per level: deeper than the limit is
 * refused before it reads a byte. */
static void
test_load_deep_nesting_refused (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *brackets = g_strnfill (100000, '[');
  g_autoptr(GFile) file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, brackets, -1);
  g_autofree char *expected = g_strdup_printf ("%s: $[0][0][0][0][0][0][0][0]…[0][0][0]: nested deeper than "
                                               "512 levels at line 1, column 513", g_file_peek_path (file));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

  g_assert_null (schema);
  g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, expected);

  test_util_remove_tree (dir);
}

static void
test_load_missing (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "nothing.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

  g_assert_null (schema);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  test_util_remove_tree (dir);
}

static void
test_find_file (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *deep = g_build_filename (dir, "a", "b", "c", NULL);
  g_autofree char *b = g_build_filename (dir, "a", "b", NULL);
  g_autofree char *a = g_build_filename (dir, "a", NULL);
  g_autofree char *decoy = g_build_filename (b, GLOSSATOR_SCHEMA_FILE_NAME, NULL);
  g_autoptr(GFile) deep_folder = NULL;
  g_autoptr(GFile) top = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(GFile) nearest = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GFile) dir_file = g_file_new_for_path (dir);

  g_assert_cmpint (g_mkdir_with_parents (deep, 0700), ==, 0);
  /* A folder with the schema's name is not a schema. */
  g_assert_cmpint (g_mkdir (decoy, 0700), ==, 0);
  deep_folder = g_file_new_for_path (deep);

  g_assert_null (glossator_schema_find_file (deep_folder, dir_file));

  top = test_util_write_gfile (a, GLOSSATOR_SCHEMA_FILE_NAME,
                               HEAD "\"labels\": [{\"name\": \"TOP\"}]}", -1);
  found = glossator_schema_find_file (deep_folder, dir_file);
  g_assert_nonnull (found);
  g_assert_true (g_file_equal (found, top));

  schema = glossator_schema_load_for_folder (deep_folder, dir_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), top));
  g_assert_cmpstr (glossator_schema_get_label (schema, 0)->name, ==, "TOP");
  g_clear_object (&schema);

  /* The nearest one wins, and the folder itself counts. */
  nearest = test_util_write_gfile (deep, GLOSSATOR_SCHEMA_FILE_NAME, "{\"format\": \"glossator-schema\", \"version\": 3}", -1);
  g_clear_object (&found);
  found = glossator_schema_find_file (deep_folder, dir_file);
  g_assert_true (g_file_equal (found, nearest));

  /* A broken schema file is an error, not a fallback to the default. */
  schema = glossator_schema_load_for_folder (deep_folder, dir_file, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.version: format version 3 is newer"));

  test_util_remove_tree (dir);
}

static GFile *
folder_at (const char *dir,
           const char *relative)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);

  g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
  return g_file_new_for_path (path);
}

/* The folder opened is as far as the lookup goes: a schema one level
 * above it belongs to somebody else. */
static void
test_find_above_boundary (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) corpus = folder_at (dir, "corpus");
  g_autoptr(GFile) week = folder_at (dir, "corpus/week 1 \U0001F469\u200D\U0001F469\u200D\U0001F467");
  g_autoptr(GFile) above = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  above = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME,
                                 HEAD "\"labels\": [{\"name\": \"ABOVE\"}]}", -1);

  g_assert_null (glossator_schema_find_file (week, corpus));
  g_assert_null (glossator_schema_find_file (week, week));
  g_assert_null (glossator_schema_find_file (corpus, corpus));
  schema = glossator_schema_load_for_folder (week, corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_schema_get_file (schema));
  g_assert_null (glossator_schema_find_label (schema, "ABOVE"));
  g_clear_object (&schema);

  /* Opened one level up, it applies. */
  {
    g_autoptr(GFile) top = g_file_new_for_path (dir);

    found = glossator_schema_find_file (week, top);
    g_assert_true (g_file_equal (found, above));
  }

  /* A folder that is not under the boundary is searched alone. */
  g_clear_object (&found);
  found = glossator_schema_find_file (corpus, week);
  g_assert_null (found);

  test_util_remove_tree (dir);
}

/* In a git work tree the team's schema at its root applies to a corpus
 * deep inside, whether .git is a folder or (a worktree, a submodule) a
 * file; nothing above the root does. */
static void
test_find_git_root (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) git = folder_at (dir, "repo/.git");
  g_autoptr(GFile) corpus = folder_at (dir, "repo/data/corpus");
  g_autoptr(GFile) week = folder_at (dir, "repo/data/corpus/week 1");
  g_autoptr(GFile) worktree_corpus = folder_at (dir, "worktree/corpus");
  g_autoptr(GFile) team = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  /* Above the work tree's root: never used. */
  test_util_write_file (dir, GLOSSATOR_SCHEMA_FILE_NAME, HEAD "\"labels\": [{\"name\": \"ABOVE\"}]}", -1);
  g_assert_null (glossator_schema_find_file (week, corpus));

  team = test_util_write_gfile (dir, "repo/" GLOSSATOR_SCHEMA_FILE_NAME,
                                HEAD "\"labels\": [{\"name\": \"TEAM\"}]}", -1);
  found = glossator_schema_find_file (week, corpus);
  g_assert_nonnull (found);
  g_assert_true (g_file_equal (found, team));
  schema = glossator_schema_load_for_folder (week, corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (glossator_schema_find_label (schema, "TEAM"));
  g_clear_object (&schema);

  /* The .git file of a worktree marks its root the same way. */
  test_util_write_file (dir, "worktree/.git", "gitdir: ../repo/.git/worktrees/w\n", -1);
  g_clear_object (&found);
  g_assert_null (glossator_schema_find_file (worktree_corpus, worktree_corpus));
  g_clear_object (&team);
  team = test_util_write_gfile (dir, "worktree/" GLOSSATOR_SCHEMA_FILE_NAME, HEAD "\"topics\": [\"w\"]}", -1);
  found = glossator_schema_find_file (worktree_corpus, worktree_corpus);
  g_assert_nonnull (found);
  g_assert_true (g_file_equal (found, team));

  test_util_remove_tree (dir);
}

/* A glossator-schema.json that is a link out of the folders searched is
 * not followed, and says so; a link that stays inside is. */
static void
test_find_symlink_outside (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) corpus = folder_at (dir, "corpus");
  g_autoptr(GFile) week = folder_at (dir, "corpus/week");
  g_autoptr(GFile) outside = NULL;
  g_autoptr(GFile) link = NULL;
  g_autoptr(GFile) found = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *link_name = NULL;

  outside = test_util_write_gfile (dir, "elsewhere/" GLOSSATOR_SCHEMA_FILE_NAME,
                                   HEAD "\"labels\": [{\"name\": \"ELSEWHERE\"}]}", -1);
  link = g_file_get_child (corpus, GLOSSATOR_SCHEMA_FILE_NAME);
  g_file_make_symbolic_link (link, "../elsewhere/" GLOSSATOR_SCHEMA_FILE_NAME, NULL, &error);
  g_assert_no_error (error);

  found = glossator_schema_find_file (week, corpus);
  g_assert_true (g_file_equal (found, link));
  schema = glossator_schema_load_for_folder (week, corpus, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_OUTSIDE);
  link_name = g_file_get_parse_name (link);
  g_assert_true (g_str_has_prefix (error->message, link_name));
  g_assert_nonnull (strstr (error->message, "symbolic link"));
  g_assert_null (strstr (error->message, "ELSEWHERE"));
  g_clear_error (&error);

  /* Opened from the folder holding both, the link stays inside. */
  {
    g_autoptr(GFile) top = g_file_new_for_path (dir);

    schema = glossator_schema_load_for_folder (week, top, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (glossator_schema_find_label (schema, "ELSEWHERE"));
    g_clear_object (&schema);
  }

  /* A link to a file in the corpus is followed. */
  g_assert_true (g_file_delete (link, NULL, NULL));
  test_util_write_file (dir, "corpus/schemas/news.json", HEAD "\"labels\": [{\"name\": \"NEWS\"}]}", -1);
  g_file_make_symbolic_link (link, "schemas/news.json", NULL, &error);
  g_assert_no_error (error);
  schema = glossator_schema_load_for_folder (week, corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (glossator_schema_find_label (schema, "NEWS"));

  test_util_remove_tree (dir);
}

static void
test_load_for_folder_default (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;

  schema = glossator_schema_load_for_folder (folder, folder, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_schema_get_file (schema));
  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, 7);
  g_assert_cmpuint (glossator_schema_get_n_polarities (schema), ==, 4);

  test_util_remove_tree (dir);
}

static void
assert_same_choices (const GlossatorLabel *a,
                     const GlossatorLabel *b)
{
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_cmpstr (a->color, ==, b->color);
  g_assert_cmpuint (a->key, ==, b->key);
  g_assert_cmpstr (a->description, ==, b->description);
}

static void
test_save_round_trip (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) source = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, valid_schema, -1);
  g_autofree char *copy_path = g_build_filename (dir, "copy.json", NULL);
  g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (source, NULL, &error);
  g_autoptr(GlossatorSchema) again = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  g_assert_no_error (error);
  g_assert_true (glossator_schema_add_topic (schema, "export controls"));
  g_assert_true (glossator_schema_save (schema, copy, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), copy));

  again = glossator_schema_load (copy, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_schema_get_n_labels (again), ==, 3);
  for (guint i = 0; i < 3; i++)
    assert_same_choices (glossator_schema_get_label (schema, i), glossator_schema_get_label (again, i));
  g_assert_cmpuint (glossator_schema_get_n_polarities (again), ==, 4);
  g_assert_true (g_strv_equal ((const char * const *) glossator_schema_get_topics (again),
                               glossator_schema_get_topics (schema)));

  /* Deterministic: the same schema writes the same bytes. */
  first = test_util_read_gfile (copy, NULL);
  g_assert_true (glossator_schema_save (again, copy, NULL, &error));
  g_assert_no_error (error);
  second = test_util_read_gfile (copy, NULL);
  g_assert_cmpstr (first, ==, second);

  /* Exactly: known members in order, unknown ones after them, derived
   * colours and absent polarities not written, 2-space indentation. */
  g_assert_cmpstr (first, ==,
    "{\n"
    "  \"format\" : \"glossator-schema\",\n"
    "  \"version\" : 1,\n"
    "  \"labels\" : [\n"
    "    {\n"
    "      \"name\" : \"PERSON\",\n"
    "      \"color\" : \"#1C71D8\",\n"
    "      \"key\" : \"p\",\n"
    "      \"description\" : \"People\"\n"
    "    },\n"
    "    {\n"
    "      \"name\" : \"Лицо\",\n"
    "      \"key\" : \"л\",\n"
    "      \"x-order\" : 3\n"
    "    },\n"
    "    {\n"
    "      \"name\" : \"שלום 🇺🇦\",\n"
    "      \"color\" : \"#e66100\"\n"
    "    }\n"
    "  ],\n"
    "  \"topics\" : [\n"
    "    \"sanctions\",\n"
    "    \"nuclear weapons\",\n"
    "    \"👩‍👩‍👧 families\",\n"
    "    \"export controls\"\n"
    "  ],\n"
    "  \"comment\" : {\n"
    "    \"by\" : \"Ana\",\n"
    "    \"tags\" : [\n"
    "      1,\n"
    "      true,\n"
    "      null\n"
    "    ]\n"
    "  }\n"
    "}\n");

  test_util_remove_tree (dir);
}

/* Unknown members come back in their order, not a hash table's. */
static void
test_save_member_order (void)
{
  static const char * const names[] = {
    "zeta", "alpha", "mu", "beta", "omega", "kappa", "delta", "xi", "eta", "iota", "pi", "gamma",
  };
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GString) json = g_string_new (HEAD "\"labels\": [{\"name\": \"A\"");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  const char *previous;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (json, ", \"x-%s\": %u", names[i], i);
  g_string_append (json, "}]");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_string_append_printf (json, ", \"%s\": %u", names[i], i);
  g_string_append (json, "}");

  file = test_util_write_gfile (dir, GLOSSATOR_SCHEMA_FILE_NAME, json->str, -1);
  schema = glossator_schema_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glossator_schema_save (schema, file, NULL, &error));
  g_assert_no_error (error);
  saved = test_util_read_gfile (file, NULL);

  previous = saved;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *member = g_strdup_printf ("\"x-%s\" : %u", names[i], i);
      const char *at = strstr (saved, member);

      g_assert_nonnull (at);
      g_assert_true (at > previous);
      previous = at;
    }
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *member = g_strdup_printf ("\n  \"%s\" : %u", names[i], i);
      const char *at = strstr (saved, member);

      g_assert_nonnull (at);
      g_assert_true (at > previous);
      previous = at;
    }

  test_util_remove_tree (dir);
}

static void
test_save_default (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, GLOSSATOR_SCHEMA_FILE_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GlossatorSchema) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leftovers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDir) listing = NULL;
  const char *name;

  /* Replaces what is there. */
  g_assert_true (g_file_set_contents (path, "old", -1, NULL));
  g_assert_true (glossator_schema_save (schema, file, NULL, &error));
  g_assert_no_error (error);

  again = glossator_schema_load (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_schema_get_n_labels (again), ==, glossator_schema_get_n_labels (schema));
  for (guint i = 0; i < glossator_schema_get_n_labels (schema); i++)
    assert_same_choices (glossator_schema_get_label (schema, i), glossator_schema_get_label (again, i));
  g_assert_cmpuint (glossator_schema_get_n_polarities (again), ==, glossator_schema_get_n_polarities (schema));
  for (guint i = 0; i < glossator_schema_get_n_polarities (schema); i++)
    assert_same_choices (glossator_schema_get_polarity (schema, i), glossator_schema_get_polarity (again, i));

  /* The atomic write leaves no temporary file behind. */
  listing = g_dir_open (dir, 0, NULL);
  while ((name = g_dir_read_name (listing)) != NULL)
    g_ptr_array_add (leftovers, g_strdup (name));
  g_assert_cmpuint (leftovers->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (leftovers, 0), ==, GLOSSATOR_SCHEMA_FILE_NAME);

  test_util_remove_tree (dir);
}

static void
test_save_cancelled (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, GLOSSATOR_SCHEMA_FILE_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (glossator_schema_save (schema, file, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (glossator_schema_get_file (schema));

  test_util_remove_tree (dir);
}

static void
test_add_topic (void)
{
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  const char * const *topics;

  g_assert_true (glossator_schema_add_topic (schema, "sanctions"));
  g_assert_true (glossator_schema_add_topic (schema, "Cafe\xcc\x81 culture"));
  g_assert_false (glossator_schema_add_topic (schema, "sanctions"));
  /* Never normalized: NFC and NFD are different topics. */
  g_assert_true (glossator_schema_add_topic (schema, "Caf\xc3\xa9 culture"));
  g_assert_true (glossator_schema_add_topic (schema, "Sanctions"));

  topics = glossator_schema_get_topics (schema);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 4);
  g_assert_cmpstr (topics[0], ==, "sanctions");
  g_assert_cmpstr (topics[1], ==, "Cafe\xcc\x81 culture");
  g_assert_cmpstr (topics[2], ==, "Caf\xc3\xa9 culture");
  g_assert_cmpstr (topics[3], ==, "Sanctions");
  g_assert_null (topics[4]);
}

static void
add_topic_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs glossator_schema_add_topic_async() to the end. */
static GFile *
add_topic_to (GlossatorSchema  *schema,
              const char       *topic,
              GFile            *folder,
              gboolean         *created,
              GFile           **target,
              GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  glossator_schema_add_topic_async (schema, topic, folder, NULL, add_topic_cb, &result);
  /* In memory at once. */
  g_assert_true (g_strv_contains (glossator_schema_get_topics (schema), topic));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return glossator_schema_add_topic_finish (schema, result, created, target, error);
}

static GFile *
add_topic (GlossatorSchema  *schema,
           const char       *topic,
           GFile            *folder,
           gboolean         *created,
           GError          **error)
{
  g_autoptr(GFile) target = NULL;
  GFile *file = add_topic_to (schema, topic, folder, created, &target, error);

  /* The target is the file written, and named on failure too. */
  g_assert_nonnull (target);
  if (file != NULL)
    g_assert_true (g_file_equal (file, target));
  return file;
}

static GlossatorSchema *
load_ok (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GlossatorSchema *schema = glossator_schema_load (file, NULL, &error);

  g_assert_no_error (error);
  return schema;
}

/* The schema in use lies at the root of the git work tree, above the
 * corpus opened: the topic goes to a copy inside the corpus, the team's
 * file stays byte for byte. */
static void
test_add_topic_outside (void)
{
  static const char team_json[] =
    HEAD "\"labels\": [{\"name\": \"TEAM\", \"color\": \"#3584e4\"}],\n"
    "  \"topics\": [\"caf\xc3\xa9\"], \"x-team\": {\"owner\": \"desk\"}}";
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) git = folder_at (dir, "repo/.git");
  g_autoptr(GFile) corpus = folder_at (dir, "repo/corpus");
  g_autoptr(GFile) team = test_util_write_gfile (dir, "repo/" GLOSSATOR_SCHEMA_FILE_NAME, team_json, -1);
  g_autoptr(GFile) inside = g_file_get_child (corpus, GLOSSATOR_SCHEMA_FILE_NAME);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GlossatorSchema) written = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *team_after = NULL;
  const char *flag = "\U0001F1FA\U0001F1E6 grain deal";
  gboolean created = FALSE;

  schema = glossator_schema_load_for_folder (corpus, corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), team));

  file = add_topic (schema, flag, corpus, &created, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, inside));
  g_assert_true (created);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), inside));

  team_after = test_util_read_gfile (team, NULL);
  g_assert_cmpstr (team_after, ==, team_json);

  /* The copy starts from the team's schema, unknown members and all. */
  written = load_ok (inside);
  g_assert_nonnull (glossator_schema_find_label (written, "TEAM"));
  g_assert_cmpuint (g_strv_length ((char **) glossator_schema_get_topics (written)), ==, 2);
  g_assert_cmpstr (glossator_schema_get_topics (written)[1], ==, flag);
  {
    g_autofree char *json = test_util_read_gfile (inside, NULL);

    g_assert_nonnull (strstr (json, "\"x-team\""));
  }

  /* The next topic goes to the copy, which is now the schema's file. */
  g_clear_object (&file);
  file = add_topic (schema, "Cafe\xcc\x81 culture", corpus, &created, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, inside));
  g_assert_false (created);
  g_clear_pointer (&team_after, g_free);
  team_after = test_util_read_gfile (team, NULL);
  g_assert_cmpstr (team_after, ==, team_json);

  test_util_remove_tree (dir);
}

/* No schema: the first topic creates one in the folder opened. A schema
 * inside it gains the topic in place, with what others wrote meanwhile. */
static void
test_add_topic_inside (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) corpus = folder_at (dir, "corpus");
  g_autoptr(GFile) week = folder_at (dir, "corpus/week");
  g_autoptr(GFile) inside = g_file_get_child (corpus, GLOSSATOR_SCHEMA_FILE_NAME);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GlossatorSchema) other = NULL;
  g_autoptr(GlossatorSchema) written = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  const char * const *topics;

  test_util_write_file (dir, GLOSSATOR_SCHEMA_FILE_NAME, HEAD "\"labels\": [{\"name\": \"ABOVE\"}]}", -1);
  schema = glossator_schema_load_for_folder (week, corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_schema_get_file (schema));

  file = add_topic (schema, "sanctions", corpus, &created, &error);
  g_assert_no_error (error);
  g_assert_true (created);
  g_assert_true (g_file_equal (file, inside));

  /* Another article's schema, read before, adds its own topic. */
  other = glossator_schema_new_default ();
  g_clear_object (&file);
  file = add_topic (other, "tariffs", corpus, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);

  written = load_ok (inside);
  topics = glossator_schema_get_topics (written);
  g_assert_cmpuint (g_strv_length ((char **) topics), ==, 2);
  g_assert_cmpstr (topics[0], ==, "sanctions");
  g_assert_cmpstr (topics[1], ==, "tariffs");
  g_assert_null (glossator_schema_find_label (written, "ABOVE"));

  test_util_remove_tree (dir);
}

/* The schema's own file, broken since it was read (the user is editing
 * it), is never written over; a link out of the folder is replaced, never
 * written through. */
static void
test_add_topic_refuses (void)
{
  static const char broken[] = "{\"format\": \"glossator-schema\", \"labels\": 3";
  static const char outside_json[] = HEAD "\"topics\": [\"outside\"]}";
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) corpus = folder_at (dir, "corpus");
  g_autoptr(GFile) inside = g_file_get_child (corpus, GLOSSATOR_SCHEMA_FILE_NAME);
  g_autoptr(GFile) outside = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GlossatorSchema) written = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  test_util_write_file (dir, "corpus/" GLOSSATOR_SCHEMA_FILE_NAME, HEAD "\"topics\": []}", -1);
  schema = load_ok (inside);
  test_util_write_file (dir, "corpus/" GLOSSATOR_SCHEMA_FILE_NAME, broken, -1);
  file = add_topic (schema, "sanctions", corpus, NULL, &error);
  g_assert_null (file);
  g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
  after = test_util_read_gfile (inside, NULL);
  g_assert_cmpstr (after, ==, broken);
  g_clear_error (&error);

  outside = test_util_write_gfile (dir, "elsewhere.json", outside_json, -1);
  g_assert_true (g_file_delete (inside, NULL, NULL));
  g_file_make_symbolic_link (inside, "../elsewhere.json", NULL, &error);
  g_assert_no_error (error);
  file = add_topic (schema, "tariffs", corpus, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (file, inside));
  g_clear_pointer (&after, g_free);
  after = test_util_read_gfile (outside, NULL);
  g_assert_cmpstr (after, ==, outside_json);
  info = g_file_query_info (inside, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_file_info_get_is_symlink (info));
  written = load_ok (inside);
  g_assert_true (g_strv_contains (glossator_schema_get_topics (written), "tariffs"));

  test_util_remove_tree (dir);
}

/* A topic that cannot be written names the file it could not write: the
 * file a link in the folder leads to (in the folder too), not the link,
 * and an emoji in the name intact. */
static void
test_add_topic_names_target (void)
{
  static const char broken[] = "{\"format\": \"glossator-schema\", \"labels\": [";
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) corpus = folder_at (dir, "corpus");
  g_autoptr(GFile) link = g_file_get_child (corpus, GLOSSATOR_SCHEMA_FILE_NAME);
  g_autoptr(GFile) real = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  real = test_util_write_gfile (dir, "corpus/team \U0001F1FA\U0001F1E6.json", HEAD "\"topics\": []}", -1);
  g_file_make_symbolic_link (link, "team \U0001F1FA\U0001F1E6.json", NULL, &error);
  g_assert_no_error (error);
  schema = load_ok (link);
  test_util_write_file (dir, "corpus/team \U0001F1FA\U0001F1E6.json", broken, -1);

  file = add_topic_to (schema, "sanctions", corpus, NULL, &target, &error);
  g_assert_null (file);
  g_assert_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
  g_assert_nonnull (target);
  g_assert_true (g_file_equal (target, real));
  after = test_util_read_gfile (real, NULL);
  g_assert_cmpstr (after, ==, broken);
  /* The schema keeps the file it was read from. */
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), link));

  test_util_remove_tree (dir);
}

static void
test_color_for_label (void)
{
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GlossatorSchema) other = glossator_schema_new_default ();
  const char *weapon = glossator_schema_color_for_label (schema, "WEAPON");
  const char *law = glossator_schema_color_for_label (schema, "LAW");
  const char *emoji = glossator_schema_color_for_label (schema, "👩‍👩‍👧");

  g_assert_cmpstr (glossator_schema_color_for_label (schema, "ORG"), ==, "#ff7800");

  g_assert_true (is_color (weapon));
  g_assert_true (is_color (law));
  g_assert_true (is_color (emoji));
  g_assert_cmpstr (weapon, !=, law);
  /* Stable: per schema, across schemas and across runs (the hash is fixed). */
  g_assert_true (glossator_schema_color_for_label (schema, "WEAPON") == weapon);
  g_assert_cmpstr (glossator_schema_color_for_label (other, "WEAPON"), ==, weapon);
  g_assert_cmpstr (weapon, ==, "#42d76c");
  g_assert_cmpstr (law, ==, "#42d785");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/schema/default", test_default);
  g_test_add_func ("/schema/load/valid", test_load_valid);
  g_test_add_func ("/schema/load/minimal", test_load_minimal);
  g_test_add_func ("/schema/load/invalid", test_load_invalid);
  g_test_add_func ("/schema/load/not-json", test_load_not_json);
  g_test_add_func ("/schema/load/deep-nesting-refused", test_load_deep_nesting_refused);
  g_test_add_func ("/schema/load/missing", test_load_missing);
  g_test_add_func ("/schema/find-file", test_find_file);
  g_test_add_func ("/schema/find-file/above-boundary", test_find_above_boundary);
  g_test_add_func ("/schema/find-file/git-root", test_find_git_root);
  g_test_add_func ("/schema/find-file/symlink-outside", test_find_symlink_outside);
  g_test_add_func ("/schema/load-for-folder/default", test_load_for_folder_default);
  g_test_add_func ("/schema/save/round-trip", test_save_round_trip);
  g_test_add_func ("/schema/save/member-order", test_save_member_order);
  g_test_add_func ("/schema/save/default", test_save_default);
  g_test_add_func ("/schema/save/cancelled", test_save_cancelled);
  g_test_add_func ("/schema/add-topic", test_add_topic);
  g_test_add_func ("/schema/add-topic/outside", test_add_topic_outside);
  g_test_add_func ("/schema/add-topic/inside", test_add_topic_inside);
  g_test_add_func ("/schema/add-topic/refuses", test_add_topic_refuses);
  g_test_add_func ("/schema/add-topic/names-target", test_add_topic_names_target);
  g_test_add_func ("/schema/color-for-label", test_color_for_label);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-registry"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The format registry and what every format shares: options and their
 * checks, the JSON helpers, the exports' mentions-only read, round trips of every
 * format, the readers' common rules (BOM, members of the wrong type, JSON
 * Lines) and how warnings name a mention. */

static void
test_registry (void)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  const GlossatorFormat * const *formats;
  guint n_formats, n_export = 0, n_import = 0;

  formats = glossator_format_list (&n_formats);
  g_assert_cmpuint (n_formats, >=, 7);
  for (guint i = 0; i < n_formats; i++)
    {
      const GlossatorFormat *format = formats[i];
      const GlossatorFormatOption *options;
      guint n_options;
      g_autofree char *upper = g_ascii_strup (glossator_format_get_name (format), -1);

      g_assert_true (g_hash_table_add (names, (gpointer) glossator_format_get_name (format)));
      g_assert_true (glossator_format_lookup (upper) == format);
      g_assert_cmpstr (glossator_format_get_description (format), !=, "");
      g_assert_true (glossator_format_can_export (format) || glossator_format_can_import (format));
      n_export += glossator_format_can_export (format);
      n_import += glossator_format_can_import (format);
      if ((glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0)
        g_assert_null (glossator_format_get_extension (format));
      else if (glossator_format_can_export (format))
        g_assert_true (g_str_has_prefix (glossator_format_get_extension (format), "."));

      /* Every default passes the checks, and a choice's default is a choice. */
      options = glossator_format_get_options (format, &n_options);
      for (guint o = 0; o < n_options; o++)
        {
          g_autoptr(GHashTable) table = glossator_format_options_new ();
          g_autoptr(GError) error = NULL;
          GlossatorFormatScope scope = (options[o].scope & GLOSSATOR_FORMAT_SCOPE_EXPORT) != 0
                                         ? GLOSSATOR_FORMAT_SCOPE_EXPORT : GLOSSATOR_FORMAT_SCOPE_IMPORT;

          g_assert_true (glossator_format_find_option (format, options[o].name) == &options[o]);
          g_assert_nonnull (options[o].description);
          /* The window's option rows are titled. */
          g_assert_nonnull (options[o].title);
          /* A title that reads against its flag needs a window description
           * that reads with the title, and only a switch can invert. */
          if (options[o].title_inverts)
            {
              g_assert_cmpint (options[o].type, ==, GLOSSATOR_FORMAT_OPTION_BOOLEAN);
              g_assert_nonnull (options[o].window_description);
            }
          /* No title says what is left out: the window's switches say yes. */
          g_assert_false (g_str_has_prefix (options[o].title, "No "));
          if (options[o].default_value == NULL)
            continue;
          g_hash_table_insert (table, g_strdup (options[o].name), g_strdup (options[o].default_value));
          g_assert_true (glossator_format_check_options (format, scope, table, &error));
          g_assert_no_error (error);
        }
    }
  g_assert_cmpuint (n_export, >=, 7);
  g_assert_cmpuint (n_import, >=, 6);
  g_assert_null (glossator_format_lookup ("conll2003"));

  /* Names for people, distinct, and not the ids. */
  {
    const struct { const char *id, *display_name; } expected[] = {
      { "jsonl", "JSON Lines (lossless)" },
      { "conll", "CoNLL-2003 (IOB2)" },
      { "hf-jsonl", "Hugging Face token classification" },
      { "brat", "brat standoff" },
      { "stance-tsv", "Stance TSV" },
      { "doccano", "doccano" },
      { "label-studio", "Label Studio" },
    };
    g_autoptr(GHashTable) display_names = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (glossator_format_get_display_name (glossator_format_lookup (expected[i].id)), ==,
                       expected[i].display_name);
    for (guint i = 0; i < n_formats; i++)
      {
        const char *display_name = glossator_format_get_display_name (formats[i]);

        g_assert_nonnull (display_name);
        g_assert_true (g_hash_table_add (display_names, (gpointer) display_name));
      }
  }
  g_assert_true (glossator_format_lookup ("Label-Studio") != NULL);
}

static void
test_options (void)
{
  const GlossatorFormat *conll = glossator_format_lookup ("conll");
  const GlossatorFormat *tsv = glossator_format_lookup ("stance-tsv");
  struct {
    const char *name;
    const char *value;
    GlossatorFormatScope scope;
    gboolean ok;
  } cases[] = {
    { "nested", "innermost", GLOSSATOR_FORMAT_SCOPE_EXPORT, TRUE },
    { "nested", "middle", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "columns", "4", GLOSSATOR_FORMAT_SCOPE_EXPORT, TRUE },
    { "columns", "3", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "no-docstart", "yes", GLOSSATOR_FORMAT_SCOPE_EXPORT, TRUE },
    { "no-docstart", "perhaps", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "labels", "PER,ORG", GLOSSATOR_FORMAT_SCOPE_EXPORT, TRUE },
    { "labels", "PER,,ORG", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "tag-column", "2", GLOSSATOR_FORMAT_SCOPE_IMPORT, TRUE },
    { "tag-column", "2", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "offset-unit", "utf16", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
    { "colour", "red", GLOSSATOR_FORMAT_SCOPE_EXPORT, FALSE },
  };
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GHashTable) options = options_of ("nested", "outermost", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) input = fixture ("conll/bioes.conll");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GHashTable) table = options_of (cases[i].name, cases[i].value, NULL);
      g_autoptr(GError) local_error = NULL;

      g_assert_cmpint (glossator_format_check_options (conll, cases[i].scope, table, &local_error), ==, cases[i].ok);
      if (!cases[i].ok)
        g_assert_error (local_error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION);
    }

  /* The exporter checks too, and wants a stream or a folder as its format does. */
  g_assert_null (glossator_exporter_new (tsv, options, stream, NULL, &error));
  g_assert_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION);
  g_clear_error (&error);
  g_assert_null (glossator_exporter_new (glossator_format_lookup ("brat"), NULL, stream, NULL, &error));
  g_assert_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION);
  g_clear_error (&error);
  g_assert_false (glossator_format_import (tsv, input, NULL, collect_cb, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_UNSUPPORTED);
}

static void
test_json_helpers (void)
{
  static const char * const skip[] = { "id", "text", NULL };
  const char *pretty = BOM " {\n  \"id\" : 1,\n  \"a\" : [ 1 , 2 ],\n  \"s\": \"x  y\\\" \\\\\",\n"
                       "  \"te\\u0078t\": {\"nested\": [ ]},\n  \"b\": { }\n}\n trailing";
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean skipped = FALSE;

  _glossator_json_append_string (out, "a\"b\\c\n\t\x01é" FAMILY, -1);
  g_assert_cmpstr (out->str, ==, "\"a\\\"b\\\\c\\n\\t\\u0001é" FAMILY "\"");

  g_string_truncate (out, 0);
  g_assert_true (_glossator_json_append_compact (out, pretty, strlen (pretty), skip, &skipped));
  g_assert_cmpstr (out->str, ==, "{\"a\":[1,2],\"s\":\"x  y\\\" \\\\\",\"b\":{}}");
  g_assert_true (skipped);

  g_string_truncate (out, 0);
  g_assert_false (_glossator_json_append_compact (out, "[1]", 3, NULL, NULL));
  g_assert_false (_glossator_json_append_compact (out, "{\"a\": ", 6, NULL, NULL));
  g_assert_cmpuint (out->len, ==, 0);
}

/* What exports of mentions read of a sidecar: the loader's mentions and
 * counts, and its errors. */
static void
test_mentions_read (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (doc, "a.txt");
  GlossatorText *text = glossator_document_get_text (doc);
  const char *data = g_bytes_get_data (bytes, NULL);
  gsize length = g_bytes_get_size (bytes);
  g_autoptr(GlossatorDocument) lean = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full = NULL;
  g_autofree char *fast = NULL;
  guint n_entities = 0, n_stances = 0;

  lean = _glossator_sidecar_parse_mentions (text, "a.txt.annotations.json", data, length, &n_entities, &n_stances,
                                            NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (lean);
  g_assert_cmpuint (glossator_document_get_n_mentions (lean), ==, 16);
  g_assert_cmpuint (n_entities, ==, 15);
  g_assert_cmpuint (n_stances, ==, 3);
  full = describe (doc, FALSE);
  fast = describe (lean, FALSE);
  /* Stances sort after mentions, and the mentions-only read leaves them out. */
  *strstr (full, "stance ") = '\0';
  g_assert_cmpstr (full, ==, fast);
  g_assert_cmpstr (glossator_document_get_mention (lean, "m5")->label, ==, "ORG label");
  {
    /* A fragment the loader refuses: refused alike. */
    g_autoptr(GString) json = g_string_new ("{\"format\": \"glossator-sidecar\", \"version\": 1, "
                                            "\"article\": {\"sha256\": \"SHA\", \"length\": LENGTH}, "
                                            "\"entities\": [{\"id\": \"e1\"}], "
                                            "\"mentions\": [{\"id\": \"m1\", \"label\": \"X\", \"entity\": \"e1\", "
                                            "\"fragments\": [{\"start\": 5, \"end\": 2}]}]}");
    g_autoptr(GlossatorDocument) refused = NULL;
    g_autofree char *text_length = g_strdup_printf ("%u", glossator_text_get_length (text));

    g_string_replace (json, "SHA", glossator_text_get_sha256 (text), 1);
    g_string_replace (json, "LENGTH", text_length, 1);
    refused = _glossator_sidecar_parse_mentions (text, "a.txt.annotations.json", json->str, json->len, NULL, NULL,
                                                 NULL, &error);
    g_assert_null (refused);
    g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_INVALID);
    g_assert_cmpstr (error->message, ==,
                     "a.txt.annotations.json: $.mentions[0].fragments[0]: reversed span: end 2 is before start 5");
  }
}

static void
test_round_trip_rich (void)
{
  static const struct {
    const char *format;
    gboolean    lossless;
    guint       n_mentions;   /* after the first export and import */
  } cases[] = {
    { "jsonl", TRUE, 16 },
    { "brat", TRUE, 16 },
    { "doccano", FALSE, 15 },
    { "label-studio", FALSE, 15 },
    { "conll", FALSE, 12 },
    { "hf-jsonl", FALSE, 12 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorDocument) doc = rich_document ();
      /* doccano records hold no span text: the unit is not guessed. */
      g_autoptr(GHashTable) unit = g_str_equal (cases[i].format, "doccano")
                                     ? options_of ("offset-unit", "codepoint", NULL) : NULL;
      g_autoptr(GPtrArray) first = export_and_import (cases[i].format, &doc, 1, NULL, unit);
      GlossatorDocument *imported;

      g_test_message ("%s", cases[i].format);
      g_assert_cmpuint (first->len, ==, 1);
      imported = imported_document (first, 0);
      g_assert_cmpuint (glossator_document_get_n_mentions (imported), ==, cases[i].n_mentions);
      if (cases[i].lossless)
        {
          g_autofree char *before = describe (doc, TRUE);
          g_autofree char *after = describe (imported, TRUE);

          g_assert_cmpstr (before, ==, after);
          g_assert_true (glossator_text_has_bom (glossator_document_get_text (imported)));
        }
      else if (cases[i].n_mentions == 15)
        g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (imported), NULL), ==,
                         glossator_text_get_utf8 (glossator_document_get_text (doc), NULL));
      assert_round_trip (cases[i].format, first, unit, cases[i].lossless);
    }
}

/* The article an import writes reads back as the annotated text, and the
 * sidecar says whether it has a BOM: for a text starting with U+FEFF, the
 * file starts with a BOM and then that character. */
static void
assert_article_reads_back (GlossatorImportedDocument *doc)
{
  GlossatorText *text = glossator_document_get_text (doc->document);
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GBytes) sidecar = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (doc->article_bytes);
  article = glossator_article_new_from_bytes (NULL, doc->name, GLOSSATOR_ARTICLE_FORMAT_TEXT,
                                              doc->article_bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_article_get_text (article), NULL), ==,
                   glossator_text_get_utf8 (text, NULL));
  g_assert_true (glossator_text_has_bom (glossator_article_get_text (article)));
  g_assert_true (glossator_text_has_bom (text));
  sidecar = glossator_sidecar_serialize (doc->document, doc->name);
  g_assert_nonnull (strstr (g_bytes_get_data (sidecar, NULL), "\"bom\": true"));
}

static void
test_import_text_starting_with_bom_character (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *doccano_path = g_build_filename (dir, "a.jsonl", NULL);
  g_autofree char *jsonl_path = g_build_filename (dir, "b.jsonl", NULL);
  g_autoptr(GFile) doccano = g_file_new_for_path (doccano_path);
  g_autoptr(GFile) jsonl = g_file_new_for_path (jsonl_path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) from_doccano = NULL;
  g_autoptr(GPtrArray) from_jsonl = NULL;
  GlossatorImportedDocument *doc;

  test_util_write_file (dir, "a.jsonl", "{\"id\": 1, \"text\": \"\\ufeffKyiv " FLAG_UA ".\", "
                        "\"label\": [[1, 5, \"GPE\"]]}\n", -1);
  /* A Glossator record saying its article has no BOM, although its text
   * starts with U+FEFF (as sidecars imported before this was fixed do). */
  test_util_write_file (dir, "b.jsonl", "{\"id\": \"b\", \"path\": \"b.txt\", \"text\": \"\\ufeffKyiv.\", "
                        "\"format\": \"glossator-sidecar\", \"version\": 1, \"offset_unit\": \"codepoint\", "
                        "\"article\": {\"sha256\": \"0000000000000000000000000000000000000000000000000000000000000000\", "
                        "\"length\": 6, \"bom\": false}}\n", -1);

  from_doccano = import_file ("doccano", doccano, NULL, problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (from_doccano->len, ==, 1);
  doc = g_ptr_array_index (from_doccano, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 1);
  assert_article_reads_back (doc);

  from_jsonl = import_file ("jsonl", jsonl, NULL, problems);
  g_assert_cmpuint (from_jsonl->len, ==, 1);
  doc = g_ptr_array_index (from_jsonl, 0);
  g_assert_cmpstr (doc->name, ==, "b.txt");
  assert_article_reads_back (doc);

  test_util_remove_tree (dir);
}

/* A member a file can make an object or an array where a string or a
 * boolean is expected is read as absent: never a critical (fatal here). */
static void
test_members_of_the_wrong_type (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GlossatorText) text = test_util_text_new ("Kyiv " FLAG_UA " and Gda\xc5\x84sk.");
  g_autoptr(GlossatorDocument) doc = glossator_document_new (text);
  g_autoptr(JsonObject) document_attributes = json_object_new ();
  g_autoptr(JsonObject) mention_attributes = json_object_new ();
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GFile) brat = NULL;
  g_autofree char *brat_path = g_build_filename (dir, "brat", NULL);
  g_autofree char *conll = NULL;
  g_autofree char *hf_path = g_build_filename (dir, "a.jsonl", NULL);
  g_autofree char *jsonl_path = g_build_filename (dir, "b.jsonl", NULL);
  g_autofree char *ls_path = g_build_filename (dir, "c.json", NULL);
  g_autoptr(GFile) hf = g_file_new_for_path (hf_path);
  g_autoptr(GFile) jsonl = g_file_new_for_path (jsonl_path);
  g_autoptr(GFile) ls = g_file_new_for_path (ls_path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = NULL;

  /* Exports: the tokenization of token formats, brat's source ids. */
  json_object_set_object_member (document_attributes, GLOSSATOR_TOKENIZATION, json_object_new ());
  glossator_document_set_attributes (doc, document_attributes);
  add_mention (doc, "m1", "GPE", "e1", 0, 4);
  mention = glossator_mention_copy (glossator_document_get_mention (doc, "m1"));
  json_object_set_array_member (mention_attributes, "source_id", json_array_new ());
  glossator_mention_set_attributes (mention, mention_attributes);
  glossator_document_put_mention (doc, mention);
  conll = export_documents ("conll", NULL, &doc, 1, NULL, NULL);
  g_assert_nonnull (strstr (conll, "Kyiv B-GPE"));
  brat = g_file_new_for_path (brat_path);
  export_documents ("brat", NULL, &doc, 1, brat, NULL);

  /* Imports: an hf-jsonl id, a Glossator record's "bom", Label Studio's
   * "was_cancelled". */
  test_util_write_file (dir, "a.jsonl", "{\"id\": [1], \"tokens\": [\"Kyiv\"], \"ner_tags\": [\"B-GPE\"]}\n", -1);
  docs = import_file ("hf-jsonl", hf, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  g_clear_pointer (&docs, g_ptr_array_unref);
  test_util_write_file (dir, "b.jsonl", "{\"id\": \"b\", \"text\": \"Kyiv.\", \"format\": \"glossator-sidecar\", "
                        "\"version\": 1, \"article\": {\"sha256\": "
                        "\"0000000000000000000000000000000000000000000000000000000000000000\", "
                        "\"length\": 5, \"bom\": {}}}\n", -1);
  docs = import_file ("jsonl", jsonl, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 0);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "expected true or false, found an object"), ==, 1);
  g_clear_pointer (&docs, g_ptr_array_unref);
  test_util_write_file (dir, "c.json", "[{\"data\": {\"text\": \"Kyiv.\"}, \"annotations\": [{\"was_cancelled\": [], "
                        "\"result\": [{\"id\": \"r\", \"type\": \"labels\", \"from_name\": \"l\", \"to_name\": \"t\", "
                        "\"value\": {\"start\": 0, \"end\": 4, \"text\": \"Kyiv\", \"labels\": [\"GPE\"]}}]}]}]", -1);
  docs = import_file ("label-studio", ls, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpuint (glossator_document_get_n_mentions (imported_document (docs, 0)), ==, 1);

  test_util_remove_tree (dir);
}

/* A JSON Lines line of only a byte order mark or a comment is a line that
 * is not JSON, not a record of nothing (json-glib reads it as no value). */
static void
test_json_lines_line_of_no_value (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.jsonl", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = NULL;

  test_util_write_file (dir, "a.jsonl", BOM "{\"text\": \"Kyiv " FLAG_UA "\", \"label\": [[0, 4, \"GPE\"]]}\n"
                        BOM "\n" BOM " \t\n//\n", -1);
  docs = import_file ("doccano", input, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "not JSON: "), ==, 3);
  g_assert_cmpstr (((GlossatorProblem *) problems->pdata[0])->path, ==, "line 2");

  test_util_remove_tree (dir);
}

/* Warnings name a mention by its id, label and first 39 code points of its
 * fragments' text joined by a space; the rest is cut to "…". A mention
 * may span a whole article: what is not shown must not be copied, which
 * only the bench can see; here, that what is shown is what the whole text
 * cut at 40 code points gives. */
static void
test_describe_mention (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (FAMILY " met " CAFE_NFD " owners in Kyiv " FLAG_UA
                                                      " while analysts in Beijing said the talks could help");
  guint length = glossator_text_get_length (text);
  const struct {
    guint n;
    guint bounds[6];
  } cases[] = {
    { 1, { 0, 1 } },                    /* the ZWJ sequence is 5 code points */
    { 1, { 0, 5 } },
    { 1, { 0, 40 } },                   /* exactly 40: not cut */
    { 1, { 0, 41 } },
    { 1, { 3, 80 } },
    { 2, { 0, 5, 6, 41 } },             /* 5 + space + 35 = 41 */
    { 2, { 0, 5, 6, 40 } },             /* 40 */
    { 3, { 0, 20, 21, 40, 41, 60 } },   /* cut within the third */
    { 2, { 0, 39, 41, 42 } },           /* the space is the 40th */
    { 2, { 0, 40, 41, 42 } },           /* the space is the 41st */
    { 2, { 0, 5, 90, 9999 } },          /* past the end: left out */
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GlossatorMention) mention = glossator_mention_new ("m7", "PERSON", "e1");
      g_autofree char *whole = NULL, *want = NULL, *got = NULL;

      for (guint f = 0; f < cases[c].n; f++)
        glossator_mention_add_fragment (mention, cases[c].bounds[2 * f], cases[c].bounds[2 * f + 1]);
      whole = glossator_mention_dup_text (mention, text);
      if (g_utf8_strlen (whole, -1) > 40)
        strcpy (g_utf8_offset_to_pointer (whole, 39), "…");
      want = g_strdup_printf ("m7 (PERSON “%s”)", whole);
      got = _glossator_describe_mention (mention, text);
      g_assert_cmpstr (got, ==, want);
    }
  g_assert_cmpuint (length, >, 80);

  {
    g_autoptr(GlossatorMention) mention = glossator_mention_new ("m1", "GPE", "e1");
    g_autofree char *got = NULL;

    glossator_mention_add_fragment (mention, 0, 15);
    got = _glossator_describe_mention (mention, text);
    g_assert_cmpstr (got, ==, "m1 (GPE “" FAMILY " met " CAFE_NFD "”)");
    glossator_mention_add_fragment (mention, 16, length);
    g_free (got);
    got = _glossator_describe_mention (mention, text);
    g_assert_cmpstr (got, ==, "m1 (GPE “" FAMILY " met " CAFE_NFD " owners in Kyiv " FLAG_UA " while…”)");
  }
}

/* Export problems carry a message for people beside the CLI's: the
 * mention's text, label and line (CRLF and a lone CR each end one line,
 * an emoji before it moves nothing), and the other mention's text, never
 * an id. The CLI's message keeps the ids scripts read. */
static void
test_problems_for_people (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (FAMILY " met\r\nthe Chinese Foreign Ministry " FLAG_UA
                                                      "\rin Beijing.\nPort of Gda\xc5\x84sk workers.");
  g_autoptr(GlossatorDocument) doc = glossator_document_new (text);
  g_autoptr(GlossatorMention) split = glossator_mention_new ("m5", "LOC", "e5");
  g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e5", "Port of Gdańsk", "LOC");
  g_auto(GlossatorExportSummary) summary = { 0 };
  g_autofree char *out = NULL;
  guint a;
  const GlossatorProblem *nested = NULL, *pieces = NULL;

  glossator_export_summary_init (&summary);
  _glossator_document_begin_load (doc);
  a = test_util_text_offset (text, "Chinese", 0);
  add_mention (doc, "m7", "ORG", "e7", a, a + 24);
  add_mention (doc, "m9", "NORP", "e9", a, a + 7);
  a = test_util_text_offset (text, "Port", 0);
  glossator_document_put_entity (doc, entity);
  glossator_mention_add_fragment (split, a, a + 4);
  glossator_mention_add_fragment (split, a + 8, a + 14);
  glossator_document_put_mention (doc, split);
  _glossator_document_end_load (doc);

  out = export_documents ("conll", NULL, &doc, 1, NULL, &summary);
  for (guint i = 0; i < summary.problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (summary.problems, i);

      if (strstr (problem->message, "m9") != NULL)
        nested = problem;
      if (strstr (problem->message, "m5") != NULL)
        pieces = problem;
    }
  g_assert_nonnull (nested);
  g_assert_nonnull (pieces);
  g_assert_cmpstr (nested->message, ==, "mention m9 (NORP “Chinese”) not exported: nested inside m7 (outermost kept)");
  g_assert_cmpstr (nested->for_people, ==,
                   "“Chinese” (NORP) at line 2, inside “Chinese Foreign Ministry”: not exported, "
                   "the outer mention is kept");
  g_assert_cmpstr (pieces->for_people, ==,
                   "“Port Gda\xc5\x84sk” (LOC) at line 4: not exported, it is in more than one piece");
}

/* Every format that writes one span a mention skips a discontinuous one
 * the same way: counted, and the same warning with its message for
 * people (emoji, NFD and a CRLF before it). */
static void
test_discontinuous_skipped_alike (void)
{
  static const char * const formats[] = { "conll", "doccano", "label-studio" };
  g_autoptr(GlossatorText) text = test_util_text_new (FAMILY " met " CAFE_NFD "\r\nPort of Gda\xc5\x84sk workers.");
  g_autoptr(GlossatorDocument) doc = glossator_document_new (text);
  g_autoptr(GlossatorMention) split = glossator_mention_new ("m5", "LOC", "e5");
  g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e5", "Port of Gdańsk", "LOC");
  guint a;

  _glossator_document_begin_load (doc);
  a = test_util_text_offset (text, "met", 0);
  add_mention (doc, "m1", "PERSON", "e1", a, a + 3);
  a = test_util_text_offset (text, "Port", 0);
  glossator_document_put_entity (doc, entity);
  glossator_mention_add_fragment (split, a, a + 4);
  glossator_mention_add_fragment (split, a + 8, a + 14);
  glossator_document_put_mention (doc, split);
  _glossator_document_end_load (doc);

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      g_auto(GlossatorExportSummary) summary = { 0 };
      g_autofree char *out = NULL;
      const GlossatorProblem *pieces = NULL;

      g_test_message ("%s", formats[f]);
      glossator_export_summary_init (&summary);
      out = export_documents (formats[f], NULL, &doc, 1, NULL, &summary);
      g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS], ==, 1);
      for (guint i = 0; i < summary.problems->len; i++)
        {
          const GlossatorProblem *problem = g_ptr_array_index (summary.problems, i);

          if (strstr (problem->message, "m5") != NULL)
            pieces = problem;
        }
      g_assert_nonnull (pieces);
      g_assert_cmpint (pieces->severity, ==, GLOSSATOR_PROBLEM_WARNING);
      g_assert_cmpstr (pieces->message, ==,
                       "mention m5 (LOC “Port Gda\xc5\x84sk”) not exported: discontinuous (2 fragments)");
      g_assert_cmpstr (pieces->for_people, ==,
                       "“Port Gda\xc5\x84sk” (LOC) at line 2: not exported, it is in more than one piece");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/registry", test_registry);
  g_test_add_func ("/formats/problems-for-people", test_problems_for_people);
  g_test_add_func ("/formats/options", test_options);
  g_test_add_func ("/formats/json-helpers", test_json_helpers);
  g_test_add_func ("/formats/mentions-read", test_mentions_read);
  g_test_add_func ("/formats/round-trip", test_round_trip_rich);
  g_test_add_func ("/formats/import/text-starting-with-bom-character", test_import_text_starting_with_bom_character);
  g_test_add_func ("/formats/members-of-the-wrong-type", test_members_of_the_wrong_type);
  g_test_add_func ("/formats/json-lines/line-of-no-value", test_json_lines_line_of_no_value);
  g_test_add_func ("/formats/describe-mention", test_describe_mention);
  g_test_add_func ("/formats/discontinuous-skipped-alike", test_discontinuous_skipped_alike);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-hf"

#include "config.h"

#include <string.h>

#include "format-fixture.h"
#include "glossator-yaml-private.h"

/* The Hugging Face token classification format (hf-jsonl): exports with
 * their dataset card, imports by tag names or ids, and the YAML reader of
 * the card. */

static void
test_hf_export (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "train", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  g_autoptr(GHashTable) labels = options_of ("labels", "PERSON,GPE", NULL);
  g_autoptr(GHashTable) names = options_of ("tag-names", "true", NULL);
  g_auto(GlossatorExportSummary) summary = { 0 };
  g_autoptr(GString) tags_as_conll = g_string_new ("-DOCSTART- O\n\n");
  g_autoptr(GString) expected_names = g_string_new ("        names:\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) card_yaml = NULL;
  g_autofree char *out = NULL;
  g_autofree char *conll = NULL;
  g_autofree char *card = NULL;
  g_autofree char *own_card = NULL;
  g_auto(GStrv) lines = NULL;

  glossator_export_summary_init (&summary);
  g_assert_null (export_documents ("hf-jsonl", labels, &doc, 1, output, &summary));
  g_assert_cmpstr (summary.tags[0], ==, "O");
  g_assert_cmpstr (summary.tags[1], ==, "B-PERSON");
  g_assert_cmpstr (summary.tags[3], ==, "B-GPE");
  g_assert_cmpuint (summary.extra_files->len, ==, 2);

  /* The card declares every tag name, in id order, for `datasets`. */
  card = test_util_read_file (path, "README.md");
  g_assert_true (g_str_has_prefix (card, "---\n# Written by Glossator"));
  for (guint i = 0; summary.tags[i] != NULL; i++)
    g_string_append_printf (expected_names, "          '%u': \"%s\"\n", i, summary.tags[i]);
  g_assert_nonnull (strstr (card, "  - name: ner_tags\n    sequence:\n      class_label:\n"));
  g_assert_nonnull (strstr (card, expected_names->str));
  g_assert_nonnull (strstr (card, "  data_files:\n  - split: train\n    path: data.jsonl\n"));
  card_yaml = _glossator_yaml_parse_front_matter (card, strlen (card), &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (card_yaml));

  /* Tags by id name the same tokens and tags as the CoNLL export. */
  out = test_util_read_file (path, "data.jsonl");
  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i] != NULL && *lines[i] != '\0'; i++)
    {
      g_autoptr(JsonParser) line = json_parser_new ();
      g_autofree char *expected_id = g_strdup_printf ("doc0:%u", i);
      JsonObject *record;
      JsonArray *tokens, *tags;

      g_assert_true (json_parser_load_from_data (line, lines[i], -1, NULL));
      record = json_node_get_object (json_parser_get_root (line));
      g_assert_cmpuint (json_object_get_size (record), ==, 3);
      g_assert_cmpstr (json_object_get_string_member (record, "id"), ==, expected_id);
      tokens = json_object_get_array_member (record, "tokens");
      tags = json_object_get_array_member (record, "ner_tags");
      g_assert_cmpuint (json_array_get_length (tokens), ==, json_array_get_length (tags));
      for (guint t = 0; t < json_array_get_length (tokens); t++)
        g_string_append_printf (tags_as_conll, "%s %s\n", json_array_get_string_element (tokens, t),
                                summary.tags[json_array_get_int_element (tags, t)]);
      g_string_append_c (tags_as_conll, '\n');
    }
  conll = export_documents ("conll", labels, &doc, 1, NULL, NULL);
  g_assert_cmpstr (tags_as_conll->str, ==, conll);

  /* Again, with tag strings: the card says so, and is replaced. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&card, g_free);
  export_documents ("hf-jsonl", names, &doc, 1, output, &summary);
  out = test_util_read_file (path, "data.jsonl");
  g_assert_nonnull (strstr (out, "\"ner_tags\":[\"B-PERSON\",\"I-PERSON\",\"I-PERSON\",\"O\""));
  card = test_util_read_file (path, "README.md");
  g_assert_nonnull (strstr (card, "  - name: ner_tags\n    sequence: string\n"));
  g_assert_null (strstr (card, "class_label"));

  /* A README.md of the person's own is never replaced. */
  test_util_write_file (path, "README.md", "# My notes\n", -1);
  {
    const GlossatorFormat *hf = glossator_format_lookup ("hf-jsonl");
    g_autoptr(GlossatorExporter) exporter = glossator_exporter_new (hf, NULL, NULL, output, &error);

    g_assert_null (exporter);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
    g_clear_error (&error);
  }
  own_card = test_util_read_file (path, "README.md");
  g_assert_cmpstr (own_card, ==, "# My notes\n");

  test_util_remove_tree (dir);
}

static void
test_yaml (void)
{
  g_autofree char *card = NULL;
  g_autofree char *path = fixture_path ("hf/card/README.md");
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  static const struct {
    const char *yaml;
    const char *json;   /* NULL: an error naming this line */
    guint       line;
  } cases[] = {
    { "a: 1\nb:\n- x\n- y: 2\n  z: [3, 'q''s', \"\\u00e9\"]\nc: {}\nd:\ne: ~\n",
      "{\"a\":\"1\",\"b\":[\"x\",{\"y\":\"2\",\"z\":[\"3\",\"q's\",\"é\"]}],\"c\":{},\"d\":null,\"e\":null}", 0 },
    { "k: >-\n  one\n  two\n\n  three\nl: x # comment\n", "{\"k\":\"one two\\nthree\",\"l\":\"x\"}", 0 },
    { "- - a\n  - b\n-\n  c: d\n", "[[\"a\",\"b\"],{\"c\":\"d\"}]", 0 },
    { "'0': O\n\"1\": B-PER\n", "{\"0\":\"O\",\"1\":\"B-PER\"}", 0 },
    { "a: 1\na: 2\n", NULL, 2 },
    { "a: &x 1\n", NULL, 1 },
    { "a:\n\t- 1\n", NULL, 2 },
    { "a: \"open\n", NULL, 1 },
    { "a: 1\n  b: 2\n", NULL, 2 },
    { "a: [1, [2]]\n", NULL, 1 },
    { "a: !!int 1\n", NULL, 1 },
  };

  g_assert_true (g_file_get_contents (path, &card, &length, NULL));
  root = _glossator_yaml_parse_front_matter (card, length, &error);
  g_assert_no_error (error);
  json = json_to_string (root, FALSE);
  g_assert_cmpstr (json, ==,
                   "{\"annotations_creators\":[\"expert-generated\"],\"language\":[\"de\",\"uk\"],"
                   "\"pretty_name\":\"Wire stories\",\"dataset_info\":[{\"config_name\":\"wire\",\"features\":["
                   "{\"name\":\"id\",\"dtype\":\"string\"},{\"name\":\"tokens\",\"sequence\":\"string\"},"
                   "{\"name\":\"ner_tags\",\"sequence\":{\"class_label\":{\"names\":{\"2\":\"I-PER\",\"0\":\"O\","
                   "\"1\":\"B-PER\",\"3\":\"B-GPE\",\"4\":\"I-GPE\"}}}}],\"splits\":[{\"name\":\"train\","
                   "\"num_bytes\":\"120\",\"num_examples\":\"3\"}],\"download_size\":\"0\"}],"
                   "\"description\":\"Sentences from the wire.\\nThree of them.\\n\","
                   "\"configs\":[{\"config_name\":\"wire\",\"data_files\":[{\"split\":\"train\","
                   "\"path\":\"wire/sentences.jsonl\"}]}]}");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(JsonNode) node = _glossator_yaml_parse (cases[i].yaml, strlen (cases[i].yaml), &error);

      g_test_message ("%s", cases[i].yaml);
      if (cases[i].json != NULL)
        {
          g_autofree char *got = NULL;

          g_assert_no_error (error);
          got = json_to_string (node, FALSE);
          g_assert_cmpstr (got, ==, cases[i].json);
        }
      else
        {
          g_autofree char *prefix = g_strdup_printf ("line %u: ", cases[i].line);

          g_assert_null (node);
          g_assert_error (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_INVALID);
          g_assert_true (g_str_has_prefix (error->message, prefix));
          g_clear_error (&error);
        }
    }

  /* Nesting as deep as the data allows is refused, not recursed into. */
  {
    g_autoptr(GString) deep = g_string_new (NULL);
    g_autoptr(JsonNode) node = NULL;

    for (guint i = 0; i < 100000; i++)
      g_string_append (deep, "- ");
    g_string_append (deep, "x\n");
    node = _glossator_yaml_parse (deep->str, deep->len, &error);
    g_assert_null (node);
    g_assert_error (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "nested more than"));
    g_clear_error (&error);
  }

  /* Markdown without front matter says so. */
  g_assert_null (_glossator_yaml_parse_front_matter ("# Title\n", 8, &error));
  g_assert_error (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_NO_METADATA);
}

static void
test_hf_import_card (void)
{
  g_autoptr(GFile) folder = fixture ("hf/card");
  g_autoptr(GFile) data = fixture ("hf/card/wire/sentences.jsonl");
  g_autoptr(GPtrArray) docs = import_file ("hf-jsonl", folder, NULL, NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) without = NULL;
  GlossatorDocument *doc;

  /* The folder: data files from the card's configs, names from its
   * dataset_info (ids in any order, escapes read). */
  g_assert_cmpuint (docs->len, ==, 2);
  doc = find_imported (docs, "wire/a.txt")->document;
  g_assert_cmpstr (mention_at (doc, "Zoë Ó Briain", 0)->label, ==, "PER");
  g_assert_cmpstr (mention_at (doc, "Gdańsk", 0)->label, ==, "GPE");

  /* The data file alone has no card beside it: ids cannot be read. */
  without = import_file ("hf-jsonl", data, NULL, problems);
  g_assert_cmpuint (without->len, ==, 0);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "no tag names"), ==, 3);

  /* A folder without a card: its .jsonl files, each with the label list
   * beside it, if any (as exports before the card wrote them). */
  {
    g_autoptr(GFile) old_form = fixture ("hf");
    g_autoptr(GPtrArray) old_docs = import_file ("hf-jsonl", old_form, NULL, NULL);

    g_assert_cmpuint (old_docs->len, ==, 3);
    doc = find_imported (old_docs, "wire/a.txt")->document;
    g_assert_cmpstr (mention_at (doc, "Zoë Ó Briain", 0)->label, ==, "PER");
    doc = imported_document (old_docs, 2);
    g_assert_cmpstr (mention_at (doc, "Angels", 0)->label, ==, "ORG");
  }
}

/* An empty tag is no tag: read as O, not past its end. */
static void
test_hf_empty_tag (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.jsonl", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = NULL;
  GlossatorImportedDocument *doc;

  test_util_write_file (dir, "a.jsonl", "{\"tokens\": [\"Zo\xc3\xab\", \"in\", \"Kyiv\", \"" FLAG_UA "\"], "
                        "\"ner_tags\": [\"\", \"O\", \"B-GPE\", \"O\"]}\n", -1);
  docs = import_file ("hf-jsonl", input, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 1);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_ERROR, "“” is not a tag; read as O") +
                    count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "“” is not a tag; read as O"), ==, 1);

  test_util_remove_tree (dir);
}

/* An entity of empty tokens has no text to cover: reported and left out,
 * not saved as an empty span the sidecar reader then refuses. */
static void
test_hf_entity_of_empty_tokens (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.jsonl", NULL);
  g_autoptr(GFile) input = g_file_new_for_path (path);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GBytes) sidecar = NULL;
  g_autoptr(GlossatorDocument) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorImportedDocument *doc;

  test_util_write_file (dir, "a.jsonl", "{\"tokens\": [\"Kyiv\", \"\", \"Zo\xc3\xab\", \"" FLAG_UA "\"], "
                        "\"ner_tags\": [\"O\", \"B-GPE\", \"B-PER\", \"O\"]}\n", -1);
  docs = import_file ("hf-jsonl", input, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 1);
  g_assert_cmpstr (mention_at (doc->document, "Zo\xc3\xab", 0)->label, ==, "PER");
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_ERROR, "empty span at 5"), ==, 1);
  sidecar = glossator_sidecar_serialize (doc->document, doc->name);
  reloaded = glossator_sidecar_parse (glossator_document_get_text (doc->document), doc->name,
                                      g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reloaded);

  test_util_remove_tree (dir);
}

static void
test_hf_import (void)
{
  g_autoptr(GFile) words = fixture ("hf/words.jsonl");
  g_autoptr(GFile) ids = fixture ("hf/ids.jsonl");
  g_autoptr(GHashTable) missing = options_of ("label-list", "/nonexistent/labels.json", NULL);
  g_autoptr(GPtrArray) unused = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_imported_document_free);
  g_autoptr(GPtrArray) docs = import_file ("hf-jsonl", words, NULL, NULL);
  g_autoptr(GPtrArray) grouped = import_file ("hf-jsonl", ids, NULL, NULL);
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc;

  g_assert_cmpuint (docs->len, ==, 1);
  doc = imported_document (docs, 0);
  g_assert_cmpstr (mention_at (doc, "Angels", 0)->label, ==, "ORG");
  g_assert_cmpstr (mention_at (doc, "ATLANTA", 0)->label, ==, "LOC");
  assert_round_trip ("hf-jsonl", docs, NULL, FALSE);

  /* Tag ids through the label list beside the file; "DOC:N" ids make documents. */
  g_assert_cmpuint (grouped->len, ==, 2);
  doc = find_imported (grouped, "wire/a.txt")->document;
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (doc), NULL), ==,
                   "Zoë Ó Briain spoke .\nIn Gdańsk .\n");
  g_assert_cmpstr (mention_at (doc, "Zoë Ó Briain", 0)->label, ==, "PER");
  g_assert_cmpstr (mention_at (doc, "Gdańsk", 0)->label, ==, "GPE");
  doc = find_imported (grouped, "wire/b.txt")->document;
  mention_at (doc, "Kyiv", 0);

  g_assert_false (glossator_format_import (glossator_format_lookup ("hf-jsonl"), ids, missing, collect_cb,
                                           unused, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/hf/export", test_hf_export);
  g_test_add_func ("/formats/yaml", test_yaml);
  g_test_add_func ("/formats/hf/import-card", test_hf_import_card);
  g_test_add_func ("/formats/hf/empty-tag", test_hf_empty_tag);
  g_test_add_func ("/formats/hf/entity-of-empty-tokens", test_hf_entity_of_empty_tokens);
  g_test_add_func ("/formats/hf/import", test_hf_import);

  return g_test_run ();
}

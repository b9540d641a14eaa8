/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-jsonl"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The jsonl format: lossless records of Glossator sidecars, and news records
 * imported. */

static void
test_jsonl_lossless (void)
{
  static const char sidecar_json[] =
    "{\n  \"format\": \"glossator-sidecar\",\n  \"version\": 1,\n"
    "  \"article\": {\"file\": \"a.txt\", \"sha256\": \"%s\", \"length\": %u, \"bom\": true, \"newline\": \"crlf\","
    " \"x_article\": 1},\n"
    "  \"document\": {\"status\": \"done\", \"annotator\": \"Ana\", \"created\": \"2026-11-28T13:05:00Z\","
    " \"modified\": \"2026-11-28T14:00:00Z\", \"notes\": \"n\\u00f6tes\", \"attributes\": {\"batch\": 7}},\n"
    "  \"entities\": [{\"id\": \"e7\", \"name\": \"Kyiv\", \"label\": \"GPE\", \"kb_id\": \"Q1899\", \"x_e\": [1]}],\n"
    "  \"mentions\": [{\"id\": \"m10\", \"label\": \"GPE\", \"entity\": \"e7\", \"fragments\": [{\"start\": 0,"
    " \"end\": 4, \"exact\": \"Kyiv\", \"x_span\": true}], \"x_m\": \"m\"}],\n"
    "  \"stances\": [],\n  \"text\": \"a clash\",\n  \"x_top\": {\"deep\": [null, 1.5]}\n}\n";
  g_autoptr(GlossatorText) text = test_util_text_new ("Kyiv " FLAG_UA "\r\nsigned.");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GBytes) original = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  glossator_text_set_has_bom (text, TRUE);
  json = g_strdup_printf (sidecar_json, glossator_text_get_sha256 (text), glossator_text_get_length (text));
  doc = glossator_sidecar_parse (text, "a.txt.annotations.json", json, strlen (json), NULL, problems, &error);
  g_assert_no_error (error);
  original = glossator_sidecar_serialize (doc, "doc0.txt");

  /* Copied as read, and serialised: both give the sidecar back. */
  for (guint pass = 0; pass < 2; pass++)
    {
      const GlossatorFormat *format = glossator_format_lookup ("jsonl");
      g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
      g_autoptr(GlossatorExporter) exporter = glossator_exporter_new (format, NULL, stream, NULL, &error);
      g_autoptr(GBytes) raw = g_bytes_new (json, strlen (json));
      GlossatorExportDocument item = { "doc0", "doc0.txt", NULL, doc, pass == 0 ? raw : NULL };
      g_autofree char *dir = test_util_make_temp_dir ();
      g_autoptr(GFile) input = NULL;
      g_autoptr(GPtrArray) docs = NULL;
      g_autoptr(GBytes) again = NULL;
      g_autofree char *line = NULL;
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GBytes) article = g_bytes_new_static (BOM "Kyiv " FLAG_UA "\r\nsigned.",
                                                      strlen (BOM "Kyiv " FLAG_UA "\r\nsigned."));
      const GlossatorExportSummary *summary;

      g_assert_true (glossator_exporter_add_document (exporter, &item, NULL, &error));
      g_assert_true (glossator_exporter_finish (exporter, NULL, &error));
      g_assert_no_error (error);
      summary = glossator_exporter_get_summary (exporter);
      line = g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                        g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
      g_assert_true (g_str_has_suffix (line, "}\n"));
      g_assert_true (strchr (line, '\n') == line + strlen (line) - 1);
      g_assert_true (g_str_has_prefix (line, "{\"id\":\"doc0\",\"path\":\"doc0.txt\",\"text\":\"Kyiv " FLAG_UA
                                             "\\r\\nsigned.\",\"metadata\":null,\"format\":\"glossator-sidecar\""));
      /* The unknown top-level "text" would shadow the record's: left out, and said. */
      g_assert_true (json_parser_load_from_data (parser, line, -1, NULL));
      g_assert_cmpstr (json_object_get_string_member (json_node_get_object (json_parser_get_root (parser)), "text"),
                       ==, "Kyiv " FLAG_UA "\r\nsigned.");
      g_assert_cmpuint (count_problems (summary->problems, GLOSSATOR_PROBLEM_WARNING, "record member"), ==, 1);

      input = test_util_write_gfile (dir, "export.jsonl", line, -1);
      docs = import_file ("jsonl", input, NULL, NULL);
      g_assert_cmpuint (docs->len, ==, 1);
      g_assert_true (((GlossatorImportedDocument *) g_ptr_array_index (docs, 0))->lossless);
      g_assert_true (g_bytes_equal (((GlossatorImportedDocument *) g_ptr_array_index (docs, 0))->article_bytes,
                                    article));
      again = glossator_sidecar_serialize (imported_document (docs, 0), "doc0.txt");
      {
        /* Everything but the clashing member comes back, byte for byte. */
        static const char clash[] = "  \"text\": \"a clash\",\n";
        g_autofree char *expected = g_strndup (g_bytes_get_data (original, NULL), g_bytes_get_size (original));
        g_autofree char *got = g_strndup (g_bytes_get_data (again, NULL), g_bytes_get_size (again));
        char *cut = strstr (expected, clash);

        g_assert_nonnull (cut);
        memmove (cut, cut + strlen (clash), strlen (cut + strlen (clash)) + 1);
        g_assert_cmpstr (got, ==, expected);
      }
      test_util_remove_tree (dir);
    }
}

static void
test_jsonl_news_import (void)
{
  g_autoptr(GFile) news = fixture ("jsonl/news.jsonl");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = import_file ("jsonl", news, NULL, problems);
  GlossatorImportedDocument *doc;

  g_assert_cmpuint (docs->len, ==, 2);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "data after the end of the JSON value"), ==, 1);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "surrogate"), ==, 1);
  doc = find_imported (docs, "news-n1.json");
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (doc->document), NULL), ==,
                   "Gdańsk dockworkers strike\n\nDockworkers in Gdańsk 🚢 walked out.\r\nThe union said so.");
  g_assert_nonnull (doc->article_bytes);
  doc = find_imported (docs, "news-7.json");
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (doc->document), NULL), ==,
                   "חיפה port\n\n" CAFE_NFD " owners waited.\tTabs too.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/jsonl/lossless", test_jsonl_lossless);
  g_test_add_func ("/formats/jsonl/news", test_jsonl_news_import);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-conll"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The CoNLL format: exports read by conlleval's rules, its options, and
 * IOB1, IOB2 and BIOES imports. */

static void
test_conll_export (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func (g_free);
  g_auto(GlossatorExportSummary) summary = { 0 };
  g_autofree char *out = NULL;
  const char *expected[] = {
    "PERSON Zoë Ó Briain", "ORG Kyiv " FLAG_UA " delegation", "GPE Gdańsk",
    "ORG_label The Baltic Port Workers ’ Federation", "EVENT the strike", "PERSON Ó Briain", "GPE חיפה",
    "NORP " CAFE_NFD, "MISC " FAMILY, "MISC 10 000", "PERSON Smi", "ORG UNESCO",
  };

  glossator_export_summary_init (&summary);
  out = export_documents ("conll", NULL, &doc, 1, NULL, &summary);
  g_assert_true (g_str_has_prefix (out, "-DOCSTART- O\n\n"));
  g_assert_cmpuint (conlleval_count (out, chunks), ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (summary.n_mentions_written, ==, G_N_ELEMENTS (expected));
  g_assert_cmpuint (summary.n_mentions, ==, 16);
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_NESTED], ==, 1);
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_OVERLAPPING], ==, 1);
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_EMPTY], ==, 1);
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS], ==, 1);
  g_assert_cmpuint (glossator_export_summary_count_skipped (&summary), ==, 4);
  g_assert_cmpuint (summary.n_split_tokens, ==, 1);
  g_assert_cmpuint (count_problems (summary.problems, GLOSSATOR_PROBLEM_WARNING, "m2"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (g_ptr_array_index (chunks, i), ==, expected[i]);
  /* The line break inside m5 did not end a sentence; the one after it did. */
  g_assert_nonnull (strstr (out, "Port I-ORG_label\nWorkers I-ORG_label\n’ I-ORG_label\n"));
  g_assert_nonnull (strstr (out, ". O\n\nThe B-ORG_label\n"));
}

/* A possessive is a token of its own (CoNLL-2003 writes "Korea 's"), so a
 * name tagged without it, as word snapping tags it, is whole tokens; a
 * contraction stays one token (issue #12). */
static void
test_conll_possessive (void)
{
  g_autoptr(GlossatorText) text =
    test_util_text_new ("North Korea's envoy met CHINA\u2019S minister. Don't ask Seoul's.");
  g_autoptr(GlossatorDocument) doc = glossator_document_new (text);
  g_auto(GlossatorExportSummary) summary = { 0 };
  g_autofree char *out = NULL;

  g_clear_pointer (&text, glossator_text_unref);
  glossator_mention_unref (test_util_tag (doc, "North Korea", 0, "GPE", NULL));
  glossator_mention_unref (test_util_tag (doc, "CHINA", 0, "GPE", NULL));
  glossator_mention_unref (test_util_tag (doc, "Seoul", 0, "GPE", NULL));
  glossator_export_summary_init (&summary);
  out = export_documents ("conll", NULL, &doc, 1, NULL, &summary);
  g_assert_nonnull (strstr (out, "North B-GPE\nKorea I-GPE\n's O\nenvoy O\n"));
  g_assert_nonnull (strstr (out, "CHINA B-GPE\n\u2019S O\nminister O\n"));
  g_assert_nonnull (strstr (out, "Don't O\nask O\nSeoul B-GPE\n's O\n. O\n"));
  g_assert_cmpuint (summary.n_split_tokens, ==, 0);
}

static void
test_conll_options (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autoptr(GlossatorDocument) doc2 = rich_document ();
  GlossatorDocument *docs[] = { doc, doc2 };
  g_auto(GlossatorExportSummary) summary = { 0 };
  g_autoptr(GHashTable) four = options_of ("columns", "4", NULL);
  g_autoptr(GHashTable) no_docstart = options_of ("no-docstart", "true", NULL);
  g_autoptr(GHashTable) innermost = options_of ("nested", "innermost", NULL);
  g_autoptr(GHashTable) labels = options_of ("labels", "PERSON,GPE", NULL);
  g_autoptr(GPtrArray) chunks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;

  glossator_export_summary_init (&summary);

  /* Two documents, four columns: -DOCSTART- -X- -X- O before each. */
  out = export_documents ("conll", four, docs, 2, NULL, &summary);
  g_assert_cmpuint (conlleval_count (out, NULL), ==, 24);
  g_assert_cmpuint (summary.n_mentions_written, ==, 24);
  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpstr (lines[0], ==, "-DOCSTART- -X- -X- O");
  g_assert_cmpstr (lines[2], ==, "Zoë _ _ B-PERSON");
  g_assert_nonnull (strstr (out, "\n\n-DOCSTART- -X- -X- O\n\nZoë _ _ B-PERSON\n"));
  g_clear_pointer (&out, g_free);

  out = export_documents ("conll", no_docstart, docs, 2, NULL, &summary);
  g_assert_null (strstr (out, "DOCSTART"));
  g_assert_true (g_str_has_prefix (out, "Zoë B-PERSON\n"));
  g_assert_cmpuint (conlleval_count (out, NULL), ==, 24);
  g_clear_pointer (&out, g_free);

  out = export_documents ("conll", innermost, &doc, 1, NULL, &summary);
  g_assert_cmpuint (conlleval_count (out, chunks), ==, summary.n_mentions_written);
  g_assert_true (g_ptr_array_find_with_equal_func (chunks, "GPE Kyiv", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (chunks, "ORG Kyiv " FLAG_UA " delegation", g_str_equal, NULL));
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_NESTED], >=, 1);
  g_clear_pointer (&out, g_free);

  g_ptr_array_set_size (chunks, 0);
  out = export_documents ("conll", labels, &doc, 1, NULL, &summary);
  g_assert_cmpuint (conlleval_count (out, chunks), ==, summary.n_mentions_written);
  for (guint i = 0; i < chunks->len; i++)
    g_assert_true (g_str_has_prefix (g_ptr_array_index (chunks, i), "PERSON ") ||
                   g_str_has_prefix (g_ptr_array_index (chunks, i), "GPE "));
  /* Kyiv is chosen now that its container is not. */
  g_assert_true (g_ptr_array_find_with_equal_func (chunks, "GPE Kyiv", g_str_equal, NULL));
  g_assert_cmpuint (summary.n_mentions_skipped[GLOSSATOR_EXPORT_SKIP_LABEL], ==, 10);
}

static void
test_conll_import (void)
{
  g_autoptr(GFile) iob1 = fixture ("conll/iob1.conll");
  g_autoptr(GFile) iob2 = fixture ("conll/iob2-crlf.conll");
  g_autoptr(GFile) tabs = fixture ("conll/tabs.conll");
  g_autoptr(GFile) bioes = fixture ("conll/bioes.conll");
  g_autoptr(GHashTable) chunk_column = options_of ("tag-column", "3", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = import_file ("conll", iob1, NULL, NULL);
  g_autoptr(GPtrArray) docs2 = import_file ("conll", iob2, NULL, NULL);
  g_autoptr(GPtrArray) docs3 = import_file ("conll", tabs, NULL, problems);
  g_autoptr(GPtrArray) docs4 = import_file ("conll", bioes, NULL, NULL);
  g_autoptr(GPtrArray) chunks = import_file ("conll", iob1, chunk_column, NULL);
  GlossatorDocument *doc;

  /* IOB1: I- begins a chunk, B- only between two of one type. */
  g_assert_cmpuint (docs->len, ==, 1);
  doc = imported_document (docs, 0);
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (doc), NULL), ==,
                   "EU rejects German call .\nPeter Blackburn\nMichael Jackson Bruce Lee\n");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 5);
  g_assert_cmpstr (mention_at (doc, "Michael Jackson", 0)->label, ==, "PER");
  mention_at (doc, "Bruce Lee", 0);
  g_assert_cmpstr (((GlossatorImportedDocument *) g_ptr_array_index (docs, 0))->offset_unit, ==, "tokens, IOB1 tags");
  assert_round_trip ("conll", docs, NULL, FALSE);

  /* -DOCSTART- separates documents; CRLF is read as LF. */
  g_assert_cmpuint (docs2->len, ==, 2);
  doc = find_imported (docs2, "iob2-crlf-1.txt")->document;
  g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (doc), NULL), ==,
                   "SOCCER JAPAN GET Zoë " FLAG_UA "\n");
  g_assert_cmpstr (mention_at (doc, "Zoë", 0)->label, ==, "PER");
  doc = find_imported (docs2, "iob2-crlf-2.txt")->document;
  mention_at (doc, "United Arab Emirates", 0);
  mention_at (doc, "AL-AIN", 0);
  assert_round_trip ("conll", docs2, NULL, FALSE);

  /* A line whose last column is no tag */
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "SOCCERO"), ==, 1);
  doc = imported_document (docs3, 0);
  mention_at (doc, "Nadim Ladki", 0);
  mention_at (doc, "JAPAN", 0);

  /* BIOES */
  doc = imported_document (docs4, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 3);
  mention_at (doc, "New York", 0);
  mention_at (doc, "London", 0);

  /* Another column holds the tags. */
  doc = imported_document (chunks, 0);
  g_assert_cmpstr (mention_at (doc, "rejects", 0)->label, ==, "VP");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/conll/export", test_conll_export);
  g_test_add_func ("/formats/conll/options", test_conll_options);
  g_test_add_func ("/formats/conll/possessive", test_conll_possessive);
  g_test_add_func ("/formats/conll/import", test_conll_import);

  return g_test_run ();
}

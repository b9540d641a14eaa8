/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-stance-tsv"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The stance-tsv format: rows read as Python's csv module reads them, and
 * the SemEval-2016 Task 6 layout. */

/* Rows of tab-separated fields as Python's csv.reader reads them with
 * delimiter '\t' (its default dialect otherwise): a field starting with a
 * quote runs to the next lone quote, "" being one quote, and may hold
 * tabs and line breaks. */
static GPtrArray *
read_csv_rows (const char *data)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  const char *p = data;

  while (*p != '\0')
    {
      GStrvBuilder *row = g_strv_builder_new ();

      while (TRUE)
        {
          g_autoptr(GString) field = g_string_new (NULL);

          if (*p == '"')
            {
              for (p++; *p != '\0'; p++)
                {
                  if (*p == '"' && p[1] == '"')
                    p++;
                  else if (*p == '"')
                    break;
                  g_string_append_c (field, *p);
                }
              g_assert_true (*p == '"');
              p++;
              /* After the closing quote: a separator or the end of the row. */
              g_assert_true (*p == '\t' || *p == '\n' || *p == '\0');
            }
          else
            while (*p != '\0' && *p != '\t' && *p != '\n' && *p != '\r')
              g_string_append_c (field, *p++);
          g_strv_builder_add (row, field->str);
          if (*p == '\t')
            {
              p++;
              continue;
            }
          if (*p == '\r')
            p++;
          if (*p == '\n')
            p++;
          break;
        }
      g_ptr_array_add (rows, g_strv_builder_end (row));
      g_strv_builder_unref (row);
    }
  return rows;
}

static void
test_stance_tsv (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  g_autofree char *out = export_documents ("stance-tsv", NULL, &doc, 1, NULL, NULL);
  g_autoptr(GPtrArray) rows = read_csv_rows (out);
  GlossatorText *text = glossator_document_get_text (doc);
  guint quote = test_util_text_offset (text, "“No deal.”", 0);
  guint baltic = test_util_text_offset (text, "The Baltic", 0);
  guint waited = test_util_text_offset (text, "waited", 0);
  g_autofree char *s1 = g_strdup_printf ("doc0|s1|Zoë Ó Briain|PERSON|the strike|entity|against|3|"
                                         "“No deal.”|%u-%u", quote, quote + 10);
  g_autofree char *s2 = g_strdup_printf ("doc0|s2|(author)|AUTHOR|port automation\tand jobs|topic|favor||"
                                         "The Baltic Port\r\nWorkers’ Federation waited|%u-%u;%u-%u",
                                         baltic, test_util_text_offset (text, " called", 0), waited, waited + 6);
  const char *expected[] = {
    "document|stance|holder|holder_label|target|target_type|polarity|intensity|evidence|evidence_offsets",
    s1, s2, "doc0|s3|||||unclear|||",
  };

  /* Tabs, CR and LF are kept inside quoted fields, nothing escaped. */
  g_assert_nonnull (strstr (out, "\t\"port automation\tand jobs\"\t"));
  g_assert_nonnull (strstr (out, "\t\"The Baltic Port\r\nWorkers’ Federation waited\"\t"));
  g_assert_cmpuint (rows->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < rows->len; i++)
    {
      g_autofree char *joined = g_strjoinv ("|", g_ptr_array_index (rows, i));

      g_assert_cmpstr (joined, ==, expected[i]);
    }
}

static void
test_stance_tsv_semeval (void)
{
  g_autoptr(GlossatorDocument) doc = rich_document ();
  GlossatorDocument *docs[2] = { doc, doc };
  g_autoptr(GHashTable) options = options_of ("layout", "semeval", NULL);
  g_autofree char *out = export_documents ("stance-tsv", options, docs, 2, NULL, NULL);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  g_auto(GStrv) no_evidence = NULL;
  g_autofree char *whole = g_strdup (glossator_text_get_utf8 (glossator_document_get_text (doc), NULL));

  g_strdelimit (whole, "\t\n", ' ');
  /* CRLF is one space. */
  for (char *crlf; (crlf = strstr (whole, "\r ")) != NULL;)
    memmove (crlf, crlf + 1, strlen (crlf));

  /* One row a stance, one line a row (the scorer reads lines), ids over
   * the whole export. */
  g_assert_cmpuint (g_strv_length (lines), ==, 8);
  g_assert_cmpstr (lines[0], ==, "ID\tTarget\tTweet\tStance");
  g_assert_cmpstr (lines[1], ==, "1\tthe strike\t“No deal.”\tAGAINST");
  g_assert_cmpstr (lines[2], ==, "2\tport automation and jobs\tThe Baltic Port Workers’ Federation waited\tFAVOR");
  g_assert_true (g_str_has_prefix (lines[3], "3\t\t"));
  g_assert_true (g_str_has_suffix (lines[3], "\tNONE"));
  /* No evidence: the article is the text. */
  no_evidence = g_strsplit (lines[3], "\t", -1);
  g_assert_cmpstr (no_evidence[2], ==, whole);
  g_assert_true (g_str_has_prefix (lines[4], "4\tthe strike\t"));
  g_assert_true (g_str_has_prefix (lines[6], "6\t\t"));
  g_assert_cmpstr (lines[7], ==, "");
  g_assert_null (strchr (out, '\r'));

  /* The sentences holding the evidence instead: each once, in text order. */
  {
    g_autoptr(GHashTable) sentence = options_of ("layout", "semeval", "semeval-text", "sentence", NULL);
    g_autofree char *in_sentences = export_documents ("stance-tsv", sentence, &doc, 1, NULL, NULL);
    g_auto(GStrv) rows = g_strsplit (in_sentences, "\n", -1);

    g_assert_cmpuint (g_strv_length (rows), ==, 5);
    g_assert_cmpstr (rows[1], ==, "1\tthe strike\tWorkers’ Federation called the strike; Ó Briain said: “No deal.”"
                                  "\tAGAINST");
    g_assert_cmpstr (rows[2], ==, "2\tport automation and jobs\tThe Baltic Port Workers’ Federation called the "
                                  "strike; Ó Briain said: “No deal.” Analysts in חיפה and " CAFE_NFD " owners "
                                  FAMILY " waited for 10\xc2\xa0" "000 dockers.\tFAVOR");
    g_assert_true (g_str_has_prefix (rows[3], "3\t\tZoë Ó Briain met"));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/stance-tsv", test_stance_tsv);
  g_test_add_func ("/formats/stance-tsv/semeval", test_stance_tsv_semeval);

  return g_test_run ();
}

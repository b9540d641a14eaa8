/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-candidates.h"
#include "glossator-text-search.h"
#include "test-util.h"

/* The article view's search and the entity typeaheads, without GTK: hits
 * in code points, never half a grapheme, never normalised. */

/* A BOM, a ZWJ family, a flag, NFD and NFC accents and CRLF. */
static const char article[] =
  "\xEF\xBB\xBF"
  "Putin met \U0001F469\u200D\U0001F469\u200D\U0001F467 in Kyiv \U0001F1FA\U0001F1E6.\r\n"
  "Cafe\u0301 and Caf\u00E9.\r\n"
  "PUTIN's putin_x plan.\r\n";

static GlossatorText *
new_text (void)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text = glossator_text_new_from_data (article, strlen (article), &error);

  g_assert_no_error (error);
  return text;
}

static guint
offset_of (GlossatorText *text,
           const char    *needle,
           guint          nth)
{
  return test_util_offset_of (glossator_text_get_utf8 (text, NULL), needle, nth);
}

static guint
count (GlossatorText        *text,
       const char           *needle,
       GlossatorSearchFlags  flags)
{
  g_autoptr(GArray) hits = glossator_text_search (text, needle, flags, 0);

  return hits->len;
}

static void
test_case_and_words (void)
{
  g_autoptr(GlossatorText) text = new_text ();
  g_autoptr(GArray) hits = glossator_text_search (text, "putin", GLOSSATOR_SEARCH_DEFAULT, 0);
  const GlossatorSearchHit *hit;

  /* In code points after the BOM, which the text does not hold. */
  g_assert_cmpuint (hits->len, ==, 3);
  hit = &g_array_index (hits, GlossatorSearchHit, 0);
  g_assert_cmpuint (hit->start, ==, 0);
  g_assert_cmpuint (hit->end, ==, 5);
  hit = &g_array_index (hits, GlossatorSearchHit, 1);
  g_assert_cmpuint (hit->start, ==, offset_of (text, "PUTIN", 0));
  g_assert_cmpuint (hit->end - hit->start, ==, 5);

  g_assert_cmpuint (count (text, "Putin", GLOSSATOR_SEARCH_MATCH_CASE), ==, 1);
  /* "PUTIN's" is one word for UAX #29, but its name is a whole word;
   * "putin_x" is not. */
  g_assert_cmpuint (count (text, "putin", GLOSSATOR_SEARCH_WHOLE_WORD), ==, 2);
  g_assert_cmpuint (count (text, "Puti", GLOSSATOR_SEARCH_WHOLE_WORD), ==, 0);
  g_assert_cmpuint (count (text, "PUTIN", GLOSSATOR_SEARCH_WHOLE_WORD | GLOSSATOR_SEARCH_MATCH_CASE), ==, 1);

  g_assert_true (glossator_text_is_whole_word (text, 0, 5));
  g_assert_false (glossator_text_is_whole_word (text, 1, 4));
  g_assert_false (glossator_text_is_whole_word (text, 5, 5));
  g_assert_false (glossator_text_is_whole_word (text, 0, glossator_text_get_length (text) + 1));
}

static void
test_graphemes (void)
{
  g_autoptr(GlossatorText) text = new_text ();
  g_autoptr(GArray) flag = glossator_text_search (text, "\U0001F1FA\U0001F1E6", GLOSSATOR_SEARCH_DEFAULT, 0);
  guint family = offset_of (text, "\U0001F469", 0);

  g_assert_cmpuint (flag->len, ==, 1);
  g_assert_cmpuint (g_array_index (flag, GlossatorSearchHit, 0).start, ==,
                    offset_of (text, "\U0001F1FA", 0));
  g_assert_cmpuint (g_array_index (flag, GlossatorSearchHit, 0).end -
                    g_array_index (flag, GlossatorSearchHit, 0).start, ==, 2);
  /* Half a flag, one person of a family, half of CRLF: no. */
  g_assert_cmpuint (count (text, "\U0001F1FA", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  g_assert_cmpuint (count (text, "\U0001F469", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  g_assert_cmpuint (count (text, "\r", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  g_assert_cmpuint (count (text, "\r\n", GLOSSATOR_SEARCH_DEFAULT), ==, 3);
  g_assert_cmpuint (count (text, "\U0001F469\u200D\U0001F469\u200D\U0001F467", GLOSSATOR_SEARCH_DEFAULT), ==, 1);
  g_assert_false (glossator_text_is_whole_word (text, family, family + 1));

  /* Never normalised: NFD and NFC each find themselves only, and a
   * letter never matches without its accent. */
  g_assert_cmpuint (count (text, "Cafe\u0301", GLOSSATOR_SEARCH_MATCH_CASE), ==, 1);
  g_assert_cmpuint (count (text, "Caf\u00E9", GLOSSATOR_SEARCH_MATCH_CASE), ==, 1);
  g_assert_cmpuint (count (text, "Cafe", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  g_assert_cmpuint (count (text, "caf\u00C9", GLOSSATOR_SEARCH_DEFAULT), ==, 1);
}

static void
test_limits (void)
{
  g_autoptr(GlossatorText) text = new_text ();
  g_autoptr(GArray) two = glossator_text_search (text, "PUTIN", GLOSSATOR_SEARCH_DEFAULT, 2);

  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpuint (count (text, "", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  g_assert_cmpuint (count (text, "Put\xFFin", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  /* Longer than the text. */
  g_assert_cmpuint (count (text, "Putin met Putin met Putin met Putin met Putin met Putin met Putin met",
                           GLOSSATOR_SEARCH_DEFAULT), ==, 0);
  /* Non-overlapping. */
  g_assert_cmpuint (count (text, "\r\n\r\n", GLOSSATOR_SEARCH_DEFAULT), ==, 0);
}

static char *
add_mention (GlossatorDocument *document,
             GlossatorText     *text,
             const char        *label,
             const char        *word,
             guint              nth,
             const char        *entity_id)
{
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GError) error = NULL;
  guint start = offset_of (text, word, nth), end = start + g_utf8_strlen (word, -1);

  mention = glossator_document_create_mention (document, label, &start, &end, 1, entity_id, &error);
  g_assert_no_error (error);
  return g_strdup (mention->entity_id);
}

static const char *
entity_name (GPtrArray *entities,
             guint      i)
{
  return ((GlossatorEntity *) entities->pdata[i])->name;
}

static void
test_entities (void)
{
  g_autoptr(GlossatorText) text = new_text ();
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  g_autofree char *putin = add_mention (document, text, "PERSON", "Putin", 0, NULL);
  g_autofree char *kyiv = add_mention (document, text, "GPE", "Kyiv", 0, NULL);
  g_autofree char *cafe = add_mention (document, text, "ORG", "Caf\u00E9", 0, NULL);
  g_autofree char *plan = add_mention (document, text, "MISC", "putin_x plan", 0, NULL);
  g_autofree char *again = add_mention (document, text, "PERSON", "PUTIN", 0, putin);
  g_autoptr(GPtrArray) all = glossator_document_search_entities (document, "  ", NULL, NULL, 0);
  g_autoptr(GPtrArray) found = NULL;

  g_assert_cmpstr (again, ==, putin);
  /* Everything, the entity with more mentions first. */
  g_assert_cmpuint (all->len, ==, 4);
  g_assert_cmpstr (entity_name (all, 0), ==, "Putin");

  /* Case-folded; the entity with more mentions first. */
  found = glossator_document_search_entities (document, "PUT", NULL, NULL, 0);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (entity_name (found, 0), ==, "Putin");
  g_assert_cmpstr (entity_name (found, 1), ==, "putin_x plan");
  g_clear_pointer (&found, g_ptr_array_unref);

  /* The preferred label first among equals; excluded and limited. */
  found = glossator_document_search_entities (document, "", "GPE", putin, 2);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpstr (entity_name (found, 0), ==, "Kyiv");
  g_assert_cmpstr (((GlossatorEntity *) found->pdata[1])->id, !=, putin);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* Case-folded, accents kept; ids match too. */
  found = glossator_document_search_entities (document, "CAF\u00C9", NULL, NULL, 0);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GlossatorEntity *) found->pdata[0])->id, ==, cafe);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = glossator_document_search_entities (document, "cafe", NULL, NULL, 0);
  g_assert_cmpuint (found->len, ==, 0);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = glossator_document_search_entities (document, kyiv, NULL, NULL, 0);
  g_assert_cmpuint (found->len, >=, 1);
  g_assert_cmpstr (((GlossatorEntity *) found->pdata[0])->id, ==, kyiv);
  g_clear_pointer (&found, g_ptr_array_unref);

  /* A name starting with the query (at a word) before one containing it. */
  found = glossator_document_search_entities (document, "pla", NULL, NULL, 0);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((GlossatorEntity *) found->pdata[0])->id, ==, plan);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = glossator_document_search_entities (document, "i", NULL, NULL, 0);
  g_assert_cmpuint (found->len, ==, 3);
  g_assert_cmpstr (entity_name (found, 0), ==, "Putin");
  g_assert_cmpstr (entity_name (found, 1), ==, "Kyiv");
  g_assert_cmpstr (entity_name (found, 2), ==, "putin_x plan");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-search/case-and-words", test_case_and_words);
  g_test_add_func ("/text-search/graphemes", test_graphemes);
  g_test_add_func ("/text-search/limits", test_limits);
  g_test_add_func ("/text-search/entities", test_entities);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-candidates.h"
#include "test-util.h"

/* What the stance editor's typeahead lists for a holder or a target: the
 * order of the rows, how typed text matches (case folded, never
 * normalised, no fuzzy match), the limits and the ties. Names hold emoji,
 * a ZWJ family, a flag, NFD and NFC accents and a German ß. */

static const char head[] =
  "Maria Keller met the Ministry of Trade.\r\n"
  "The Foreign Ministry and the Straße Office spoke to the Cafe\u0301 Institute "
  "and to Caf\u00E9 Central.\r\n"
  "\U0001F1FA\U0001F1E6 Ukraine and the \U0001F469\u200D\U0001F469\u200D\U0001F467 Families League answered.\r\n";
static const char tail[] = "Far Away Corp closed the article.\r\n";

typedef struct {
  GlossatorText     *text;
  GlossatorDocument *document;
  GlossatorSchema   *schema;
  guint              far_offset;   /* where tail starts */
} Fixture;

static guint
offset_of (Fixture    *f,
           const char *needle,
           guint       nth)
{
  return test_util_offset_of (glossator_text_get_utf8 (f->text, NULL), needle, nth);
}

/* A mention of @needle (its @nth occurrence) in @entity_id's entity, or in
 * a new one; returns the entity's id. */
static const char *
mention (Fixture    *f,
         const char *label,
         const char *needle,
         guint       nth,
         const char *entity_id)
{
  g_autoptr(GlossatorMention) created = NULL;
  g_autoptr(GError) error = NULL;
  guint start = offset_of (f, needle, nth);
  guint end = start + g_utf8_strlen (needle, -1);

  created = glossator_document_create_mention (f->document, label, &start, &end, 1, entity_id, &error);
  g_assert_no_error (error);
  return glossator_document_get_mention (f->document, created->id)->entity_id;
}

/* An entity without mentions. */
static void
entity (Fixture    *f,
        const char *id,
        const char *name,
        const char *label,
        const char *kb_id)
{
  g_autoptr(GlossatorEntity) created = glossator_entity_new (id, name, label);

  glossator_entity_set_kb_id (created, kb_id);
  glossator_document_put_entity (f->document, created);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) article = g_string_new (head);

  /* Far Away Corp lies more than 4000 characters after the rest. */
  for (guint i = 0; i < 100; i++)
    g_string_append (article, "Nothing of note happened on this line at all, again. \r\n");
  g_string_append (article, tail);
  f->text = glossator_text_new (article->str, -1, &error);
  g_assert_no_error (error);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->far_offset = offset_of (f, "Far Away", 0);
  g_assert_cmpuint (f->far_offset, >, 4000 + offset_of (f, "Families", 0));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->schema);
  g_clear_object (&f->document);
  g_clear_pointer (&f->text, glossator_text_unref);
}

/* The rows as the typeahead shows them: "title, detail", "+title" for a
 * new topic. */
static GStrv
find_rows (Fixture                       *f,
           const GlossatorCandidateQuery *query)
{
  g_autoptr(GPtrArray) candidates = glossator_candidates_find (f->document, f->schema, query);
  g_autoptr(GStrvBuilder) rows = g_strv_builder_new ();

  for (guint i = 0; i < candidates->len; i++)
    {
      GlossatorCandidate *candidate = candidates->pdata[i];
      g_autofree char *row = NULL;

      g_assert_cmpint (candidate->kind, !=, GLOSSATOR_CANDIDATE_NONE);
      g_assert_nonnull (candidate->name);
      row = g_strdup_printf ("%s%s%s%s", candidate->is_new ? "+" : "", candidate->title,
                             candidate->detail != NULL ? ", " : "",
                             candidate->detail != NULL ? candidate->detail : "");
      g_strv_builder_add (rows, row);
    }
  return g_strv_builder_end (rows);
}

static void
assert_rows (Fixture                       *f,
             const GlossatorCandidateQuery *query,
             const char * const            *expected)
{
  g_auto(GStrv) rows = find_rows (f, query);
  g_autofree char *got = g_strjoinv (" | ", rows);
  g_autofree char *want = g_strjoinv (" | ", (GStrv) expected);

  g_assert_cmpstr (got, ==, want);
}

static GlossatorCandidateQuery
typed (gboolean    for_holder,
       const char *text)
{
  GlossatorCandidateQuery query = { for_holder, text, NULL, FALSE, 0, 0 };

  return query;
}

/* Returns Maria Keller's entity id. */
static char *
add_sample_entities (Fixture *f)
{
  char *keller = g_strdup (mention (f, "PERSON", "Maria Keller", 0, NULL));

  mention (f, "ORG", "Ministry of Trade", 0, NULL);
  mention (f, "ORG", "Foreign Ministry", 0, NULL);
  mention (f, "ORG", "Far Away Corp", 0, NULL);
  /* Maria Keller twice: she comes first among equals by mentions. */
  mention (f, "PERSON", "Maria Keller", 0, keller);
  return keller;
}

/* Without text: entities near the anchor, nearest first, then by
 * mentions; Author; Unspecified. The holder's entity is no target. */
static void
test_without_text (Fixture       *f,
                   gconstpointer  data)
{
  GlossatorCandidateQuery holder = typed (TRUE, "");
  GlossatorCandidateQuery target = typed (FALSE, "  ");
  guint trade = offset_of (f, "Ministry of Trade", 0);
  g_autofree char *keller = add_sample_entities (f);

  g_assert_true (glossator_schema_add_topic (f->schema, "sanctions"));
  g_assert_true (glossator_schema_add_topic (f->schema, "tariffs"));

  /* No anchor: most mentions first, then by name. */
  assert_rows (f, &holder, (const char *[]) {
    "Maria Keller, PERSON", "Far Away Corp, ORG", "Foreign Ministry, ORG", "Ministry of Trade, ORG",
    "Author, of the article", "Unspecified", NULL });

  /* Anchored at the Ministry of Trade: the nearest first (the Foreign
   * Ministry is 7 characters away, Maria Keller 9); Far Away Corp, too far
   * to be nearby, comes after them. */
  holder.has_anchor = TRUE;
  holder.anchor_start = trade;
  holder.anchor_end = trade + 17;
  assert_rows (f, &holder, (const char *[]) {
    "Ministry of Trade, ORG", "Foreign Ministry, ORG", "Maria Keller, PERSON", "Far Away Corp, ORG",
    "Author, of the article", "Unspecified", NULL });

  target.has_anchor = TRUE;
  target.anchor_start = f->far_offset;
  target.anchor_end = f->far_offset + 4;
  target.exclude_entity = keller;
  assert_rows (f, &target, (const char *[]) {
    "Far Away Corp, ORG", "Foreign Ministry, ORG", "Ministry of Trade, ORG",
    "sanctions, topic", "tariffs, topic", "Unspecified", NULL });
}

/* The whole name, then its start, then a later word's start, then a new
 * topic, then inside a word or only in an id or KB id. */
static void
test_match_order (Fixture       *f,
                  gconstpointer  data)
{
  GlossatorCandidateQuery target = typed (FALSE, "ministry");
  GlossatorCandidateQuery holder = typed (TRUE, "Q42");

  g_free (add_sample_entities (f));
  entity (f, "e90", "Administry", "ORG", NULL);
  entity (f, "e91", "Ministry", "ORG", NULL);
  entity (f, "e92", "Douglas Adams", "PERSON", "Q42");
  entity (f, "e93", "Ministry-watch (Q42)", "ORG", NULL);

  assert_rows (f, &target, (const char *[]) {
    "Ministry, ORG", "Ministry of Trade, ORG", "Ministry-watch (Q42), ORG", "Foreign Ministry, ORG",
    "+“ministry”, new topic", "Administry, ORG", NULL });

  /* A word after punctuation starts a word too; a KB id match ranks last. */
  assert_rows (f, &holder, (const char *[]) {
    "Ministry-watch (Q42), ORG", "Douglas Adams, PERSON", NULL });
}

/* No fuzzy match: the letters must stand together, in order. */
static void
test_no_fuzzy (Fixture       *f,
               gconstpointer  data)
{
  GlossatorCandidateQuery holder = typed (TRUE, "mnstry");
  GlossatorCandidateQuery target = typed (FALSE, "Keler");

  g_free (add_sample_entities (f));
  assert_rows (f, &holder, (const char *[]) { NULL });
  assert_rows (f, &target, (const char *[]) { "+“Keler”, new topic", NULL });
}

/* Case is folded (ß as ss too); accents are not, and text is never
 * normalised: a decomposed é is found by its base letter, a precomposed
 * one only by itself. */
static void
test_case_and_accents (Fixture       *f,
                       gconstpointer  data)
{
  GlossatorCandidateQuery holder = typed (TRUE, "MARIA");

  g_free (add_sample_entities (f));
  mention (f, "ORG", "Straße Office", 0, NULL);
  mention (f, "ORG", "Cafe\u0301 Institute", 0, NULL);
  mention (f, "ORG", "Caf\u00E9 Central", 0, NULL);

  assert_rows (f, &holder, (const char *[]) { "Maria Keller, PERSON", NULL });
  holder.text = "STRASSE";
  assert_rows (f, &holder, (const char *[]) { "Straße Office, ORG", NULL });
  holder.text = "cafe";
  assert_rows (f, &holder, (const char *[]) { "Cafe\u0301 Institute, ORG", NULL });
  holder.text = "CAF\u00C9";
  assert_rows (f, &holder, (const char *[]) { "Caf\u00E9 Central, ORG", NULL });
  holder.text = "Cafe\u0301";
  assert_rows (f, &holder, (const char *[]) { "Cafe\u0301 Institute, ORG", NULL });
}

/* Emoji, flags and ZWJ sequences match as the code points they are. */
static void
test_emoji (Fixture       *f,
            gconstpointer  data)
{
  const char *family = "\U0001F469\u200D\U0001F469\u200D\U0001F467";
  g_autofree char *families = g_strconcat (family, " Families League", NULL);
  g_autofree char *topic = g_strconcat ("families ", family, NULL);
  g_autofree char *new_topic = g_strconcat ("+“", family, "”, new topic", NULL);
  g_autofree char *families_row = g_strconcat (families, ", ORG", NULL);
  g_autofree char *topic_row = g_strconcat (topic, ", topic", NULL);
  GlossatorCandidateQuery target = typed (FALSE, family);
  GlossatorCandidateQuery holder = typed (TRUE, "ukraine");

  mention (f, "GPE", "\U0001F1FA\U0001F1E6 Ukraine", 0, NULL);
  mention (f, "ORG", families, 0, NULL);
  g_assert_true (glossator_schema_add_topic (f->schema, topic));

  assert_rows (f, &target, (const char *[]) { families_row, topic_row, new_topic, NULL });
  assert_rows (f, &holder, (const char *[]) { "\U0001F1FA\U0001F1E6 Ukraine, GPE", NULL });
  holder.text = "\U0001F1FA\U0001F1E6";
  assert_rows (f, &holder, (const char *[]) { "\U0001F1FA\U0001F1E6 Ukraine, GPE", NULL });
}

/* A topic the typed text equals is listed instead of a new one, whatever
 * its case; topics only the stances use are offered too. */
static void
test_topics (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  GlossatorCandidateQuery target = typed (FALSE, "SANCTIONS");
  GlossatorCandidateQuery holder = typed (TRUE, "sanctions");

  g_assert_true (glossator_schema_add_topic (f->schema, "Sanctions"));
  g_assert_true (glossator_schema_add_topic (f->schema, "sanctions relief"));
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "trade sanctions");
  glossator_document_put_stance (f->document, stance);

  assert_rows (f, &target, (const char *[]) {
    "Sanctions, topic", "sanctions relief, topic", "trade sanctions, topic", NULL });
  target.text = "sanction";
  assert_rows (f, &target, (const char *[]) {
    "Sanctions, topic", "sanctions relief, topic", "trade sanctions, topic", "+“sanction”, new topic", NULL });
  /* Topics are no holders. */
  assert_rows (f, &holder, (const char *[]) { NULL });
}

/* Author and Unspecified by their word, as shown or in English. */
static void
test_author_unspecified (Fixture       *f,
                         gconstpointer  data)
{
  GlossatorCandidateQuery holder = typed (TRUE, "auth");
  GlossatorCandidateQuery target = typed (FALSE, "author");

  assert_rows (f, &holder, (const char *[]) { "Author, of the article", NULL });
  holder.text = "spec";
  assert_rows (f, &holder, (const char *[]) { "Unspecified", NULL });
  holder.text = "Unspecified";
  assert_rows (f, &holder, (const char *[]) { "Unspecified", NULL });
  /* The author is no target. */
  assert_rows (f, &target, (const char *[]) { "+“author”, new topic", NULL });
}

/* At most 8 entities and 6 topics; Unspecified and the new topic stay. */
static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  GlossatorCandidateQuery target = typed (FALSE, "x");
  GlossatorCandidateQuery empty_target = typed (FALSE, "");
  GlossatorCandidateQuery empty_holder = typed (TRUE, "");
  g_auto(GStrv) rows = NULL;
  guint n_entities = 0, n_topics = 0;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *id = g_strdup_printf ("e%u", 10 + i);
      g_autofree char *name = g_strdup_printf ("x entity %02u", i);
      g_autofree char *topic = g_strdup_printf ("x topic %02u", i);

      entity (f, id, name, "ORG", NULL);
      g_assert_true (glossator_schema_add_topic (f->schema, topic));
    }

  rows = find_rows (f, &target);
  for (guint i = 0; rows[i] != NULL; i++)
    {
      n_entities += g_str_has_suffix (rows[i], ", ORG");
      n_topics += g_str_has_suffix (rows[i], ", topic");
    }
  g_assert_cmpuint (n_entities, ==, 8);
  g_assert_cmpuint (n_topics, ==, 6);
  g_assert_cmpstr (rows[0], ==, "x entity 00, ORG");
  g_assert_cmpstr (rows[7], ==, "x entity 07, ORG");
  g_assert_cmpstr (rows[8], ==, "x topic 00, topic");
  g_assert_cmpstr (rows[14], ==, "+“x”, new topic");
  g_assert_null (rows[15]);

  g_clear_pointer (&rows, g_strfreev);
  rows = find_rows (f, &empty_target);
  g_assert_cmpuint (g_strv_length (rows), ==, 6 + 6 + 1);
  g_assert_cmpstr (rows[12], ==, "Unspecified");

  g_clear_pointer (&rows, g_strfreev);
  rows = find_rows (f, &empty_holder);
  g_assert_cmpuint (g_strv_length (rows), ==, 8 + 2);
}

/* Equals keep one order, run after run: by mentions, name, then id. */
static void
test_ties (Fixture       *f,
           gconstpointer  data)
{
  GlossatorCandidateQuery holder = typed (TRUE, "keller");
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) again = NULL;

  entity (f, "e20", "Anna Keller", "PERSON", NULL);
  entity (f, "e3", "Anna Keller", "ORG", NULL);
  entity (f, "e10", "Anna Keller", "GPE", NULL);
  entity (f, "e4", "Zoe Keller", "PERSON", NULL);

  assert_rows (f, &holder, (const char *[]) {
    "Anna Keller, ORG", "Anna Keller, GPE", "Anna Keller, PERSON", "Zoe Keller, PERSON", NULL });

  first = glossator_candidates_find (f->document, f->schema, &holder);
  again = glossator_candidates_find (f->document, f->schema, &holder);
  g_assert_cmpuint (first->len, ==, again->len);
  for (guint i = 0; i < first->len; i++)
    g_assert_cmpstr (((GlossatorCandidate *) first->pdata[i])->value, ==,
                     ((GlossatorCandidate *) again->pdata[i])->value);
}

/* What a candidate carries besides its row; no document, no candidates. */
static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  GlossatorCandidateQuery target = typed (FALSE, "trade");
  g_autoptr(GPtrArray) candidates = NULL;
  g_autoptr(GPtrArray) none = NULL;
  g_autofree char *name = NULL;
  GlossatorCandidate *candidate;
  const char *trade;

  trade = mention (f, "ORG", "Ministry of Trade", 0, NULL);
  entity (f, "e50", "", "ORG", NULL);

  candidates = glossator_candidates_find (f->document, f->schema, &target);
  g_assert_cmpuint (candidates->len, ==, 2);
  candidate = candidates->pdata[0];
  g_assert_cmpint (candidate->kind, ==, GLOSSATOR_CANDIDATE_ENTITY);
  g_assert_cmpstr (candidate->value, ==, trade);
  g_assert_cmpstr (candidate->name, ==, "Ministry of Trade");
  g_assert_cmpstr (candidate->color, ==, glossator_schema_color_for_label (f->schema, "ORG"));
  candidate = candidates->pdata[1];
  g_assert_cmpint (candidate->kind, ==, GLOSSATOR_CANDIDATE_TOPIC);
  g_assert_true (candidate->is_new);
  g_assert_cmpstr (candidate->value, ==, "trade");
  g_assert_cmpstr (candidate->name, ==, "trade");
  g_assert_null (candidate->color);

  /* An entity without a name is listed and shown by its id (found by
   * its id, after the new topic). */
  target.text = "e50";
  g_clear_pointer (&candidates, g_ptr_array_unref);
  candidates = glossator_candidates_find (f->document, f->schema, &target);
  g_assert_cmpuint (candidates->len, ==, 2);
  candidate = candidates->pdata[1];
  g_assert_cmpint (candidate->kind, ==, GLOSSATOR_CANDIDATE_ENTITY);
  g_assert_cmpstr (candidate->title, ==, "e50");
  g_assert_cmpstr (candidate->name, ==, "e50");

  name = glossator_candidates_dup_name (f->document, GLOSSATOR_CANDIDATE_ENTITY, trade);
  g_assert_cmpstr (name, ==, "Ministry of Trade");
  g_clear_pointer (&name, g_free);
  name = glossator_candidates_dup_name (f->document, GLOSSATOR_CANDIDATE_ENTITY, "e404");
  g_assert_cmpstr (name, ==, "e404");
  g_clear_pointer (&name, g_free);
  name = glossator_candidates_dup_name (NULL, GLOSSATOR_CANDIDATE_AUTHOR, NULL);
  g_assert_cmpstr (name, ==, "Author");
  g_clear_pointer (&name, g_free);
  name = glossator_candidates_dup_name (NULL, GLOSSATOR_CANDIDATE_NONE, NULL);
  g_assert_cmpstr (name, ==, "");

  none = glossator_candidates_find (NULL, f->schema, &target);
  g_assert_cmpuint (none->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/candidates/without-text", test_without_text);
  ADD ("/candidates/match-order", test_match_order);
  ADD ("/candidates/no-fuzzy", test_no_fuzzy);
  ADD ("/candidates/case-and-accents", test_case_and_accents);
  ADD ("/candidates/emoji", test_emoji);
  ADD ("/candidates/topics", test_topics);
  ADD ("/candidates/author-unspecified", test_author_unspecified);
  ADD ("/candidates/limits", test_limits);
  ADD ("/candidates/ties", test_ties);
  ADD ("/candidates/fields", test_fields);
#undef ADD

  return g_test_run ();
}

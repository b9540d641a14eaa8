/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-comparison"

#include "config.h"

#include <string.h>

#include "glossator-comparison.h"
#include "glossator-document-private.h"
#include "glossator-merge.h"
#include "glossator-review.h"
#include "glossator-sidecar.h"
#include "test-util.h"

#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👩‍👩‍👧, 5 code points */
#define FLAG   "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"                                         /* 🇫🇷, 2 code points */

/* A ZWJ family, a flag and CRLF: byte and UTF-16 offsets differ from
 * code points before every name. */
static const char TEXT[] =
  "Ana " FAMILY " met Bob in Paris.\r\nBob thanked the Paris mayor " FLAG ".\r\n";

static GlossatorDocument *
document_new (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) text = glossator_text_new (utf8, -1, &error);

  g_assert_no_error (error);
  return glossator_document_new (text);
}

static void
put_stance (GlossatorDocument *document,
            const char        *id,
            const char        *holder,
            const char        *target,
            const char        *polarity,
            const char        *evidence)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_new (id, polarity);

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, holder);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, target);
  if (evidence != NULL)
    {
      const char *utf8 = glossator_text_get_utf8 (glossator_document_get_text (document), NULL);
      guint start = test_util_offset_of (utf8, evidence, 0);

      glossator_stance_add_evidence (stance, start, start + g_utf8_strlen (evidence, -1));
    }
  glossator_document_put_stance (document, stance);
}

typedef struct {
  GlossatorDocument *gold;
  GlossatorDocument *copies[3];
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->gold = document_new (TEXT);
  for (guint i = 0; i < G_N_ELEMENTS (f->copies); i++)
    f->copies[i] = document_new (TEXT);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->gold);
  for (guint i = 0; i < G_N_ELEMENTS (f->copies); i++)
    g_clear_object (&f->copies[i]);
}

static const char * const NAMES[] = { "ana", "bob", "cy" };

static GlossatorComparison *
compare (Fixture *f,
         guint    n)
{
  g_autoptr(GError) error = NULL;
  GlossatorComparison *comparison = glossator_comparison_new (f->gold, NAMES, f->copies, n, &error);

  g_assert_no_error (error);
  return comparison;
}

/* The items as "kind start-end choices", e.g. "label 14-17 0,1,0". */
static char *
describe (GlossatorComparison *comparison)
{
  GString *out = g_string_new (NULL);

  for (guint k = 0; k < glossator_comparison_get_n_items (comparison); k++)
    {
      const GlossatorDifference *d = glossator_comparison_get_item (comparison, k);

      g_string_append_printf (out, "%s%s ", k > 0 ? "; " : "", glossator_difference_kind_to_string (d->kind));
      if (d->start == G_MAXUINT)
        g_string_append (out, "-");
      else
        g_string_append_printf (out, "%u-%u", d->start, d->end);
      g_string_append_c (out, ' ');
      for (guint i = 0; i < d->n_annotators; i++)
        g_string_append_printf (out, "%s%u", i > 0 ? "," : "", d->choice_of[i]);
    }
  return g_string_free (out, FALSE);
}

static guint
find_item (GlossatorComparison     *comparison,
           GlossatorDifferenceKind  kind)
{
  for (guint k = 0; k < glossator_comparison_get_n_items (comparison); k++)
    if (glossator_comparison_get_item (comparison, k)->kind == kind)
      return k;
  g_error ("no %s item", glossator_difference_kind_to_string (kind));
}

static const char *
source_of (JsonObject *extra)
{
  static char buffer[256];
  JsonArray *adjudicated;
  GString *out;

  if (extra == NULL || !json_object_has_member (extra, "source"))
    return "(none)";
  adjudicated = json_object_get_array_member (json_object_get_object_member (extra, "source"), "adjudicated");
  out = g_string_new ("[");
  for (guint i = 0; i < json_array_get_length (adjudicated); i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", json_array_get_string_element (adjudicated, i));
  g_string_append_c (out, ']');
  g_strlcpy (buffer, out->str, sizeof buffer);
  g_string_free (out, TRUE);
  return buffer;
}

/* Three annotators tagging the same span alike (with their own ids and
 * entities) make one item naming all three, not three. */
static void
test_agreement_merged (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;
  GlossatorProgress progress;

  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[1], "m7", "PER", "e4", "Bob", 0, NULL);
  test_util_put_mention (f->copies[2], "m2-k3f9", "PER", "e9", "Bob", 0, NULL);
  comparison = compare (f, 3);
  items = describe (comparison);
  g_assert_cmpstr (items, ==, "agreement 14-17 0,0,0");
  g_assert_false (glossator_comparison_get_item (comparison, 0)->settled);
  progress = glossator_comparison_get_progress (comparison);
  g_assert_cmpuint (progress.agreements, ==, 1);
  g_assert_cmpuint (progress.agreements_in_gold, ==, 0);
  g_assert_cmpuint (progress.total, ==, 0);

  /* Accepting it puts it in the gold: settled. */
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", NULL }, NULL));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 1);
  progress = glossator_comparison_get_progress (comparison);
  g_assert_cmpuint (progress.agreements_in_gold, ==, 1);
}

/* Every kind of difference over mentions, in text order, with the
 * annotators sharing a version sharing a choice; offsets in code points
 * past a ZWJ sequence, CRLF and a flag. */
static void
test_mention_kinds (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;
  GlossatorProgress progress;

  /* Label: "Bob" (14-17) PER, ORG, PER. */
  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[1], "m1", "ORG", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[2], "m1", "PER", "e1", "Bob", 0, NULL);
  /* Only ana and cy: "Paris" (21-26). */
  test_util_put_mention (f->copies[0], "m2", "LOC", "e2", "Paris", 0, NULL);
  test_util_put_mention (f->copies[2], "m2", "LOC", "e2", "Paris", 0, NULL);
  /* Boundary, the labels differing too: "the Paris mayor" (41-56) and
   * "Paris mayor" (45-56); nested in both, "Paris" (45-50) agreed. */
  test_util_put_mention (f->copies[0], "m3", "PER", "e3", "the Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[1], "m3", "PER", "e3", "Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[2], "m3", "ORG", "e3", "Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[0], "m4", "LOC", "e4", "Paris", 1, NULL);
  test_util_put_mention (f->copies[1], "m4", "LOC", "e4", "Paris", 1, NULL);
  test_util_put_mention (f->copies[2], "m4", "LOC", "e4", "Paris", 1, NULL);

  comparison = compare (f, 3);
  items = describe (comparison);
  g_assert_cmpstr (items, ==,
                   "label 14-17 0,1,0; "
                   "missing 21-26 0,1,0; "
                   "boundary 41-56 0,1,2; "
                   "agreement 45-50 0,0,0");
  g_assert_null (glossator_comparison_get_item (comparison, 1)->mentions[1]);
  g_assert_cmpstr (glossator_comparison_get_item (comparison, 1)->mentions[2]->id, ==, "m2");
  progress = glossator_comparison_get_progress (comparison);
  g_assert_cmpuint (progress.total, ==, 3);
  g_assert_cmpuint (progress.settled, ==, 0);
  g_assert_cmpuint (progress.agreements, ==, 1);
}

/* A discontinuous mention is the same as the same two fragments, and
 * differs in its boundary from the one fragment spanning them. */
static void
test_discontinuous (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;

  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 1, "mayor");
  test_util_put_mention (f->copies[1], "m1", "PER", "e1", "Bob", 1, "mayor");
  test_util_put_mention (f->copies[2], "m1", "PER", "e1", "Bob thanked the Paris mayor", 0, NULL);
  comparison = compare (f, 3);
  items = describe (comparison);
  g_assert_cmpstr (items, ==, "boundary 29-56 0,0,1");
  g_assert_cmpuint (glossator_comparison_get_item (comparison, 0)->mentions[0]->n_fragments, ==, 2);
}

/* The same mentions, chained differently: one item for the chain, with
 * each annotator's grouping; accepting one regroups the gold's mentions
 * as one undo step and records the source on the entities. */
static void
test_coreference (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;
  const GlossatorDifference *d;
  guint k;

  test_util_put_mention (f->gold, "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->gold, "m2", "PER", "e2", "Bob", 1, NULL);
  /* ana: one Bob; bob: two. */
  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[0], "m2", "PER", "e1", "Bob", 1, NULL);
  test_util_put_mention (f->copies[1], "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[1], "m2", "PER", "e2", "Bob", 1, NULL);
  comparison = compare (f, 2);
  items = describe (comparison);
  g_assert_cmpstr (items, ==, "agreement 14-17 0,0; coreference 14-32 0,1; agreement 29-32 0,0");
  k = find_item (comparison, GLOSSATOR_DIFFERENCE_COREFERENCE);
  d = glossator_comparison_get_item (comparison, k);
  g_assert_cmpuint (d->chains[0]->len, ==, 1);
  g_assert_cmpuint (d->chains[1]->len, ==, 2);
  g_assert_cmpuint (d->gold_chains->len, ==, 2);
  g_assert_false (d->settled);

  g_assert_true (glossator_comparison_decide (comparison, k, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", NULL }, NULL));
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m2")->entity_id, ==,
                   glossator_document_get_mention (f->gold, "m1")->entity_id);
  g_assert_cmpstr (source_of (glossator_document_get_entity (f->gold,
                     glossator_document_get_mention (f->gold, "m1")->entity_id)->extra), ==, "[ana]");
  k = find_item (comparison, GLOSSATOR_DIFFERENCE_COREFERENCE);
  g_assert_true (glossator_comparison_get_item (comparison, k)->settled);

  /* One step back: the two entities again, unsettled. */
  g_assert_true (glossator_document_undo (f->gold));
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m2")->entity_id, ==, "e2");
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m1")->entity_id, ==, "e1");
  glossator_comparison_refresh (comparison);
  k = find_item (comparison, GLOSSATOR_DIFFERENCE_COREFERENCE);
  g_assert_false (glossator_comparison_get_item (comparison, k)->settled);

  /* bob's grouping split them: the gold keeps two entities. */
  g_assert_true (glossator_comparison_decide (comparison, k, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "bob", NULL }, NULL));
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m2")->entity_id, !=,
                   glossator_document_get_mention (f->gold, "m1")->entity_id);
  g_assert_cmpstr (source_of (glossator_document_get_entity (f->gold, "e2")->extra), ==, "[bob]");
}

/* Stances on the same holder and target: another polarity is a
 * difference; a stance only one annotator recorded too. */
static void
test_stances (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;
  g_autoptr(GError) error = NULL;
  guint k;

  for (guint i = 0; i < 2; i++)
    {
      test_util_put_mention (f->copies[i], "m1", "PER", "e1", "Bob", 1, NULL);
      test_util_put_mention (f->copies[i], "m2", "PER", "e2", "the Paris mayor", 0, NULL);
    }
  put_stance (f->copies[0], "s1", "e1", "e2", "favor", "thanked");
  put_stance (f->copies[1], "s4", "e1", "e2", "against", "thanked");
  /* Only bob: the mayor for Bob. */
  put_stance (f->copies[1], "s5", "e2", "e1", "favor", NULL);

  comparison = compare (f, 2);
  items = describe (comparison);
  g_assert_cmpstr (items, ==,
                   "agreement 29-32 0,0; stance 33-40 0,1; agreement 41-56 0,0; stance - 0,1");
  g_assert_null (glossator_comparison_get_item (comparison, 3)->stances[0]);
  g_assert_cmpstr (glossator_comparison_get_item (comparison, 3)->stances[1]->id, ==, "s5");

  /* The gold has neither Bob nor the mayor yet: the stance cannot be put. */
  g_assert_false (glossator_comparison_decide (comparison, 1, GLOSSATOR_DECISION_ACCEPT,
                                               (const char *[]) { "bob", NULL }, &error));
  g_assert_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY);
  g_assert_cmpuint (glossator_document_get_n_stances (f->gold), ==, 0);
  g_assert_false (glossator_document_can_undo (f->gold));

  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", NULL }, NULL));
  k = find_item (comparison, GLOSSATOR_DIFFERENCE_AGREEMENT);
  g_assert_cmpuint (glossator_comparison_get_item (comparison, k)->start, ==, 29);
  g_assert_true (glossator_comparison_get_item (comparison, k)->settled);
  k = 2;
  g_assert_cmpuint (glossator_comparison_get_item (comparison, k)->start, ==, 41);
  g_assert_true (glossator_comparison_decide (comparison, k, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "bob", NULL }, NULL));
  g_assert_true (glossator_comparison_decide (comparison, 1, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "bob", NULL }, NULL));
  {
    g_autoptr(GPtrArray) stances = glossator_document_list_stances (f->gold);
    GlossatorStance *stance;

    g_assert_cmpuint (stances->len, ==, 1);
    stance = g_ptr_array_index (stances, 0);
    g_assert_cmpstr (stance->polarity, ==, "against");
    g_assert_cmpuint (stance->n_evidence, ==, 1);
    g_assert_cmpuint (stance->evidence[0].start, ==, 33);
    g_assert_cmpstr (source_of (stance->extra), ==, "[bob]");
    g_assert_cmpstr (stance->holder_entity, ==, glossator_document_get_mention (f->gold, "m1")->entity_id);
  }
  g_assert_true (glossator_comparison_get_item (comparison, 1)->settled);
  g_assert_false (glossator_comparison_get_item (comparison, 3)->settled);

  /* bob's stance turned down: nothing in the gold, settled all the same. */
  g_assert_true (glossator_comparison_decide (comparison, 3, GLOSSATOR_DECISION_NONE, NULL, NULL));
  g_assert_cmpuint (glossator_document_get_n_stances (f->gold), ==, 1);
  g_assert_true (glossator_comparison_get_item (comparison, 3)->settled);
  g_assert_cmpuint (glossator_comparison_get_progress (comparison).settled, ==, 2);
}

/* Each decision is one undo step: accept one, accept several, none,
 * keep the gold as edited by hand. */
static void
test_decisions_undo (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *before = NULL;
  GlossatorMention *m1;

  test_util_put_mention (f->gold, "m1", "MISC", "e1", "Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "the Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[1], "m1", "ORG", "e1", "Paris mayor", 0, NULL);
  test_util_put_mention (f->copies[2], "m1", "ORG", "e1", "Paris mayor", 0, NULL);
  comparison = compare (f, 3);
  before = describe (comparison);
  g_assert_cmpstr (before, ==, "boundary 41-56 0,1,1");

  /* Accept bob's: label ORG, one step, source bob and cy (the same version). */
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "bob", NULL }, NULL));
  m1 = glossator_document_get_mention (f->gold, "m1");
  g_assert_cmpstr (m1->label, ==, "ORG");
  g_assert_cmpstr (source_of (m1->extra), ==, "[bob,cy]");
  g_assert_cmpuint (glossator_comparison_get_progress (comparison).settled, ==, 1);
  g_assert_true (glossator_document_undo (f->gold));
  m1 = glossator_document_get_mention (f->gold, "m1");
  g_assert_cmpstr (m1->label, ==, "MISC");
  g_assert_cmpstr (source_of (m1->extra), ==, "(none)");
  g_assert_cmpstr (glossator_document_get_undo_description (f->gold), !=, "Adjudicate");
  g_assert_true (glossator_document_redo (f->gold));
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m1")->label, ==, "ORG");
  g_assert_true (glossator_document_undo (f->gold));
  glossator_comparison_refresh (comparison);

  /* Accept both versions: two mentions, undone together. */
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", "cy", NULL }, NULL));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 2);
  m1 = glossator_document_get_mention (f->gold, "m1");
  g_assert_cmpstr (m1->label, ==, "PER");
  g_assert_cmpuint (m1->fragments[0].start, ==, 41);
  g_assert_cmpstr (source_of (m1->extra), ==, "[ana]");
  {
    g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (f->gold);
    GlossatorMention *other = g_ptr_array_index (mentions, 1);

    g_assert_cmpstr (other->label, ==, "ORG");
    g_assert_cmpstr (source_of (other->extra), ==, "[bob,cy]");
    /* The gold's entity of what the annotator chained it with: none here, a new one. */
    g_assert_nonnull (glossator_document_get_entity (f->gold, other->entity_id));
  }
  g_assert_true (glossator_document_undo (f->gold));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 1);
  g_assert_cmpstr (glossator_document_get_mention (f->gold, "m1")->label, ==, "MISC");
  g_assert_true (glossator_document_redo (f->gold));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 2);
  g_assert_true (glossator_document_undo (f->gold));
  glossator_comparison_refresh (comparison);

  /* None: the gold's mention goes, one step, and the item is settled. */
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_NONE, NULL, NULL));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 0);
  g_assert_cmpuint (glossator_comparison_get_progress (comparison).settled, ==, 1);
  g_assert_true (glossator_document_undo (f->gold));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 1);
  g_assert_nonnull (glossator_document_get_entity (f->gold, "e1"));
  g_assert_true (glossator_document_redo (f->gold));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 0);
  g_assert_true (glossator_document_undo (f->gold));
  glossator_comparison_refresh (comparison);

  /* Keep the gold's own version: unchanged, with an empty source. */
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_KEEP_GOLD, NULL, NULL));
  m1 = glossator_document_get_mention (f->gold, "m1");
  g_assert_cmpstr (m1->label, ==, "MISC");
  g_assert_cmpstr (source_of (m1->extra), ==, "[]");
  g_assert_true (glossator_comparison_get_item (comparison, 0)->settled);
  g_assert_true (glossator_document_undo (f->gold));
  g_assert_cmpstr (source_of (glossator_document_get_mention (f->gold, "m1")->extra), ==, "(none)");
  g_assert_cmpstr (glossator_document_get_undo_description (f->gold), !=, "Adjudicate");
}

/* Accepting the version of an annotator who has nothing there is “none”:
 * the gold's mention goes. */
static void
test_accept_nothing (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autofree char *items = NULL;

  test_util_put_mention (f->gold, "m1", "LOC", "e1", "Paris", 0, NULL);
  test_util_put_mention (f->copies[0], "m1", "LOC", "e1", "Paris", 0, NULL);
  comparison = compare (f, 2);
  items = describe (comparison);
  g_assert_cmpstr (items, ==, "missing 21-26 0,1");
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "bob", NULL }, NULL));
  g_assert_null (glossator_document_get_mention (f->gold, "m1"));
  g_assert_true (glossator_comparison_get_item (comparison, 0)->settled);
  g_assert_null (glossator_comparison_get_item (comparison, 0)->gold_mention);

  /* Nothing is left to carry "source": the version turned down is
   * recorded, and still settles the item once saved and loaded. */
  {
    g_autoptr(GBytes) saved = glossator_sidecar_serialize (f->gold, "a.txt");
    g_autoptr(GlossatorDocument) loaded = NULL;
    g_autoptr(GlossatorComparison) reloaded = NULL;
    g_autoptr(GError) error = NULL;
    gsize length;
    const char *bytes = g_bytes_get_data (saved, &length);

    g_assert_nonnull (g_strstr_len (bytes, length, "\"rejected\""));
    loaded = glossator_sidecar_parse (glossator_document_get_text (f->gold), "a.txt.annotations.json",
                                      bytes, length, NULL, NULL, &error);
    g_assert_no_error (error);
    reloaded = glossator_comparison_new (loaded, NAMES, f->copies, 2, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (glossator_comparison_get_progress (reloaded).settled, ==, 1);
  }

  /* Undone, the record goes with the deletion. */
  g_assert_true (glossator_document_undo (f->gold));
  glossator_comparison_refresh (comparison);
  g_assert_nonnull (glossator_document_get_mention (f->gold, "m1"));
  g_assert_false (glossator_comparison_get_item (comparison, 0)->settled);
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_NONE, NULL, NULL));
  g_assert_true (glossator_document_undo (f->gold));
  g_assert_null (_glossator_document_get_adjudication (f->gold));
}

/* The provenance is kept through a save and a load, next to the other
 * unknown members, and the sidecar written again is the same. */
static void
test_provenance_saved (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorMention) mention = glossator_mention_new ("m1", "PER", "e1");
  g_autoptr(JsonObject) extra = json_object_new ();
  const char *data_saved;
  gsize n_saved;

  json_object_set_string_member (extra, "checked_by", "zoe");
  glossator_span_set_quote (glossator_mention_add_fragment (mention, 14, 17), glossator_document_get_text (f->gold));
  mention->extra = json_object_ref (extra);
  test_util_put_entity (f->gold, "e1");
  glossator_document_put_mention (f->gold, mention);
  test_util_put_mention (f->copies[0], "m1", "ORG", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[1], "m1", "PER", "e1", "Bob", 0, NULL);
  comparison = compare (f, 2);
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", NULL }, NULL));

  saved = glossator_sidecar_serialize (f->gold, "a.txt");
  data_saved = g_bytes_get_data (saved, &n_saved);
  g_assert_nonnull (g_strstr_len (data_saved, n_saved, "\"source\""));
  loaded = glossator_sidecar_parse (glossator_document_get_text (f->gold), "a.txt.annotations.json",
                                    data_saved, n_saved, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (source_of (glossator_document_get_mention (loaded, "m1")->extra), ==, "[ana]");
  g_assert_cmpstr (json_object_get_string_member (glossator_document_get_mention (loaded, "m1")->extra,
                                                  "checked_by"), ==, "zoe");
  again = glossator_sidecar_serialize (loaded, "a.txt");
  g_assert_true (g_bytes_equal (saved, again));

  /* Loaded again, it is still settled. */
  {
    GlossatorDocument *copies[] = { f->copies[0], f->copies[1] };
    g_autoptr(GlossatorComparison) reloaded = glossator_comparison_new (loaded, NAMES, copies, 2, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (glossator_comparison_get_progress (reloaded).settled, ==, 1);
    g_assert_cmpuint (glossator_comparison_get_progress (reloaded).total, ==, 1);
  }
}

/* A version taken into the gold keeps who made it and when; the gold's
 * own annotation keeps its author. */
static void
test_provenance_keeps_authorship (Fixture       *f,
                                  gconstpointer  data)
{
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GlossatorMention) bob = glossator_mention_new ("m1", "PER", "e1");
  g_autoptr(GPtrArray) mentions = NULL;
  GlossatorMention *taken;

  glossator_span_set_quote (glossator_mention_add_fragment (bob, 14, 17), glossator_document_get_text (f->copies[0]));
  bob->authorship.author = g_strdup ("Ana Lima");
  bob->authorship.created = g_strdup ("2026-12-01T10:00:00Z");
  test_util_put_entity (f->copies[0], "e1");
  glossator_document_put_mention (f->copies[0], bob);
  glossator_document_set_author (f->gold, "Adjudicator");
  comparison = compare (f, 2);
  g_assert_true (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "ana", NULL }, NULL));

  g_assert_cmpuint (glossator_document_get_n_mentions (f->gold), ==, 1);
  mentions = glossator_document_list_mentions (f->gold);
  taken = g_ptr_array_index (mentions, 0);
  g_assert_cmpstr (source_of (taken->extra), ==, "[ana]");
  g_assert_cmpstr (taken->authorship.author, ==, "Ana Lima");
  g_assert_cmpstr (taken->authorship.created, ==, "2026-12-01T10:00:00Z");
}

/* Copies of another text are refused; so is a name no annotator has. */
static void
test_refused (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossatorDocument) other = document_new ("Another text.\n");
  GlossatorDocument *copies[] = { f->copies[0], other };
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;

  comparison = glossator_comparison_new (f->gold, NAMES, copies, 2, &error);
  g_assert_null (comparison);
  g_assert_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_DIFFERENT_TEXT);
  g_assert_nonnull (strstr (error->message, "bob"));
  g_clear_error (&error);

  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 0, NULL);
  comparison = compare (f, 2);
  g_assert_false (glossator_comparison_decide (comparison, 0, GLOSSATOR_DECISION_ACCEPT,
                                               (const char *[]) { "zoe", NULL }, &error));
  g_assert_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_UNKNOWN_ANNOTATOR);
  g_assert_false (glossator_document_can_undo (f->gold));
}

static GBytes *
sidecar_with_label (const char *label)
{
  g_autoptr(GlossatorDocument) document = document_new (TEXT);

  test_util_put_mention (document, "m1", label, "e1", "Bob", 0, NULL);
  return glossator_sidecar_serialize (document, "a.txt");
}

static gboolean
serialized_has (GlossatorDocument *document,
                const char        *needle)
{
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (document, "a.txt");
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return g_strstr_len (data, length, needle) != NULL;
}

/* A merge conflict recorded in the gold's sidecar is an item between
 * ours and theirs; settling it sets the annotation and removes the
 * record, in one undo step. */
static void
test_merge_conflict (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GBytes) base = sidecar_with_label ("LOC");
  g_autoptr(GBytes) ours = sidecar_with_label ("ORG");
  g_autoptr(GBytes) theirs = sidecar_with_label ("PER");
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GlossatorDocument) gold = NULL;
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  const GlossatorDifference *d;
  guint n_conflicts = 0;
  gsize length;
  const char *bytes;

  merged = glossator_merge_sidecars ("base", base, "ours", ours, "theirs", theirs, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 1);
  bytes = g_bytes_get_data (merged, &length);
  gold = glossator_sidecar_parse (glossator_document_get_text (f->gold), "a.txt.annotations.json",
                                  bytes, length, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Kept through a load and a save. */
  g_assert_true (serialized_has (gold, "\"conflicts\""));

  /* The annotators agree with ours: the conflict is the only item. */
  test_util_put_mention (f->copies[0], "m1", "ORG", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[1], "m1", "ORG", "e1", "Bob", 0, NULL);
  comparison = glossator_comparison_new (gold, NAMES, f->copies, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_comparison_get_n_items (comparison), ==, 2);
  d = glossator_comparison_get_item (comparison, 0);
  g_assert_cmpint (d->kind, ==, GLOSSATOR_DIFFERENCE_AGREEMENT);
  g_assert_true (d->settled);
  d = glossator_comparison_get_item (comparison, 1);
  g_assert_cmpint (d->kind, ==, GLOSSATOR_DIFFERENCE_CONFLICT);
  g_assert_cmpuint (d->n_annotators, ==, 0);
  g_assert_cmpuint (d->n_choices, ==, 2);
  g_assert_cmpuint (d->start, ==, 14);
  g_assert_cmpstr (json_object_get_string_member (d->conflict, "id"), ==, "m1");
  g_assert_false (d->settled);
  g_assert_cmpuint (glossator_comparison_get_progress (comparison).total, ==, 1);

  g_assert_true (glossator_comparison_decide (comparison, 1, GLOSSATOR_DECISION_ACCEPT,
                                              (const char *[]) { "theirs", NULL }, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_document_get_mention (gold, "m1")->label, ==, "PER");
  g_assert_cmpstr (source_of (glossator_document_get_mention (gold, "m1")->extra), ==, "[theirs]");
  g_assert_false (serialized_has (gold, "\"conflicts\""));
  g_assert_true (glossator_comparison_get_item (comparison, 1)->settled);
  g_assert_cmpuint (glossator_comparison_get_progress (comparison).settled, ==, 1);

  /* One step back: the record and ours. */
  g_assert_true (glossator_document_undo (gold));
  g_assert_false (glossator_document_can_undo (gold));
  g_assert_cmpstr (glossator_document_get_mention (gold, "m1")->label, ==, "ORG");
  g_assert_true (serialized_has (gold, "\"conflicts\""));
  glossator_comparison_refresh (comparison);
  g_assert_false (glossator_comparison_get_item (comparison, 1)->settled);

  /* Keeping the gold as it is only removes the record. */
  g_assert_true (glossator_comparison_decide (comparison, 1, GLOSSATOR_DECISION_KEEP_GOLD, NULL, &error));
  g_assert_cmpstr (glossator_document_get_mention (gold, "m1")->label, ==, "ORG");
  g_assert_false (serialized_has (gold, "\"conflicts\""));
  g_assert_true (glossator_document_get_modified (gold));
}

static void
write_sidecar (const char        *dir,
               const char        *relative,
               GlossatorDocument *document)
{
  g_autofree char *base = g_path_get_basename (relative);
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (document, base);
  g_autofree char *name = g_strconcat (relative, ".annotations.json", NULL);

  test_util_write_file (dir, name, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes));
}

static void
review_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  JsonObject **report = user_data;
  g_autoptr(GError) error = NULL;

  *report = glossator_review_corpus_finish (result, &error);
  g_assert_no_error (error);
}

static JsonObject *
article_entry (JsonObject *report,
               const char *path)
{
  JsonArray *articles = json_object_get_array_member (report, "articles");

  for (guint k = 0; k < json_array_get_length (articles); k++)
    {
      JsonObject *item = json_array_get_object_element (articles, k);

      if (g_strcmp0 (json_object_get_string_member (item, "path"), path) == 0)
        return item;
    }
  g_error ("no article %s in the report", path);
}

/* The gold corpus walked with two annotators' copies on a worker thread:
 * each article's progress, an article missing from a copy and one on a
 * different text reported, the figures for the statistics. */
static void
test_review_corpus (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *gold_dir = g_build_filename (dir, "gold", NULL);
  g_autofree char *ana_dir = g_build_filename (dir, "ana", NULL);
  g_autofree char *bob_dir = g_build_filename (dir, "bob", NULL);
  g_autoptr(GFile) gold = g_file_new_for_path (gold_dir);
  GFile *copies[2];
  g_autoptr(GlossatorDocument) other = document_new ("Bob left.\n");
  JsonObject *report = NULL;
  JsonObject *item, *progress, *labels;
  g_autofree char *agree_left_out = NULL;

  for (guint i = 0; i < 3; i++)
    {
      const char *copy = i == 0 ? "gold" : i == 1 ? "ana" : "bob";
      g_autofree char *a = g_strconcat (copy, "/news/a.txt", NULL);
      g_autofree char *c = g_strconcat (copy, "/c.txt", NULL);

      test_util_write_file (dir, a, TEXT, -1);
      test_util_write_file (dir, c, i == 2 ? "Bob left.\n" : TEXT, -1);
    }
  test_util_write_file (dir, "gold/b.txt", TEXT, -1);
  /* The gold's sidecar of d.txt is not JSON: named, and left as it is. */
  test_util_write_file (dir, "gold/d.txt", TEXT, -1);
  test_util_write_file (dir, "gold/d.txt.annotations.json", "{not json", -1);
  test_util_write_file (dir, "ana/b.txt", TEXT, -1);
  test_util_put_mention (f->copies[0], "m1", "PER", "e1", "Bob", 0, NULL);
  test_util_put_mention (f->copies[0], "m2", "LOC", "e2", "Paris", 0, NULL);
  put_stance (f->copies[0], "s1", "e1", "e2", "favor", NULL);
  test_util_put_mention (f->copies[1], "m1", "PER", "e1", "Bob", 0, NULL);
  write_sidecar (ana_dir, "news/a.txt", f->copies[0]);
  write_sidecar (bob_dir, "news/a.txt", f->copies[1]);
  write_sidecar (ana_dir, "b.txt", f->copies[2]);
  write_sidecar (ana_dir, "c.txt", f->copies[2]);
  write_sidecar (bob_dir, "c.txt", other);
  /* e.txt: annotated in both copies, not in the gold. */
  test_util_write_file (dir, "ana/e.txt", TEXT, -1);
  test_util_write_file (dir, "bob/e.txt", TEXT, -1);
  write_sidecar (ana_dir, "e.txt", f->copies[2]);
  write_sidecar (bob_dir, "e.txt", f->copies[2]);

  copies[0] = g_file_new_for_path (ana_dir);
  copies[1] = g_file_new_for_path (bob_dir);
  glossator_review_corpus_async (gold, copies, 2, NULL, review_done_cb, &report);
  while (report == NULL)
    g_main_context_iteration (NULL, TRUE);

  /* news/a.txt: "Bob" agreed, "Paris" and the stance only ana's. */
  item = article_entry (report, "news/a.txt");
  g_assert_cmpstr (json_object_get_string_member (item, "status"), ==, "todo");
  g_assert_cmpint (json_object_get_int_member (item, "total"), ==, 2);
  g_assert_cmpint (json_object_get_int_member (item, "settled"), ==, 0);
  g_assert_cmpint (json_object_get_int_member (item, "agreements"), ==, 1);
  item = article_entry (report, "b.txt");
  g_assert_cmpstr (json_object_get_string_member (item, "left_out"), ==, "missing for bob");
  item = article_entry (report, "c.txt");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (item, "left_out"), "different text (SHA-256: ana "));
  g_assert_false (json_object_has_member (item, "total"));
  item = article_entry (report, "e.txt");
  g_assert_cmpstr (json_object_get_string_member (item, "left_out"), ==, "missing in the gold");
  g_assert_false (json_object_has_member (item, "status"));
  item = article_entry (report, "d.txt");
  g_assert_nonnull (strstr (json_object_get_string_member (item, "error"), "d.txt.annotations.json"));
  g_assert_false (json_object_has_member (item, "status"));
  {
    g_autofree char *kept = test_util_read_file (dir, "gold/d.txt.annotations.json");

    g_assert_cmpstr (kept, ==, "{not json");
  }

  progress = json_object_get_object_member (report, "progress");
  g_assert_cmpint (json_object_get_int_member (progress, "total"), ==, 2);
  /* The gold's three articles, compared or not. */
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (report, "status"), "todo"), ==, 3);
  labels = json_object_get_object_member (json_object_get_object_member (report, "mentions_by_label"), "ana");
  g_assert_cmpint (json_object_get_int_member (labels, "PER"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (labels, "LOC"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (json_object_get_object_member (report, "stance_polarities"), "ana"), "favor"), ==, 1);
  /* agree's figures: ana the reference, one of her two mentions matched. */
  {
    JsonObject *agreement = json_object_get_object_member (report, "agreement");
    JsonObject *pair = json_array_get_object_element (json_object_get_array_member (agreement, "pairs"), 0);
    JsonObject *exact = json_object_get_object_member (json_object_get_object_member (pair, "mentions"), "exact");

    /* e.txt counts for agree: the gold plays no part in it. */
    g_assert_cmpint (json_object_get_int_member (agreement, "documents"), ==, 2);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (agreement, "left_out")), ==, 2);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exact, "recall"), 0.5, 1e-9);
    g_assert_cmpfloat_with_epsilon (json_object_get_double_member (exact, "precision"), 1.0, 1e-9);
  }

  json_object_unref (report);
  g_object_unref (copies[0]);
  g_object_unref (copies[1]);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/comparison/agreement-merged", test_agreement_merged);
  ADD ("/comparison/mention-kinds", test_mention_kinds);
  ADD ("/comparison/discontinuous", test_discontinuous);
  ADD ("/comparison/coreference", test_coreference);
  ADD ("/comparison/stances", test_stances);
  ADD ("/comparison/decisions-undo", test_decisions_undo);
  ADD ("/comparison/accept-nothing", test_accept_nothing);
  ADD ("/comparison/provenance-saved", test_provenance_saved);
  ADD ("/comparison/provenance-keeps-authorship", test_provenance_keeps_authorship);
  ADD ("/comparison/refused", test_refused);
  ADD ("/comparison/merge-conflict", test_merge_conflict);
  ADD ("/comparison/review-corpus", test_review_corpus);

  return g_test_run ();
}

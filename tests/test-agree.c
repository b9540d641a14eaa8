/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-agree"

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>

#include "glossator-agree-private.h"
#include "glossator-agree.h"
#include "test-util.h"

#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👩‍👩‍👧, 5 code points */

static GlossatorText *
text_new (const char *utf8)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text = glossator_text_new (utf8, -1, &error);

  g_assert_no_error (error);
  return text;
}

/* The report of two documents, as JSON, parsed. */
static JsonObject *
agree (GlossatorDocument *a,
       GlossatorDocument *b,
       const char * const *labels,
       char             **text_out)
{
  const char *names[] = { "ana", "bob" };
  GlossatorDocument *documents[] = { a, b };
  g_autoptr(GlossatorAgreement) agreement = glossator_agreement_new (names, 2, labels, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;

  glossator_agreement_add_document (agreement, "a.txt", documents);
  json = glossator_agreement_to_json (agreement);
  if (text_out != NULL)
    *text_out = glossator_agreement_to_text (agreement);
  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

/* The member at a dotted path ("pairs.0.mentions.exact.f1"). */
static JsonNode *
member (JsonObject *root,
        const char *path)
{
  g_auto(GStrv) parts = g_strsplit (path, ".", -1);
  JsonNode *node = NULL;
  JsonObject *object = root;
  JsonArray *array = NULL;

  for (guint i = 0; parts[i] != NULL; i++)
    {
      if (array != NULL)
        node = json_array_get_element (array, (guint) g_ascii_strtoull (parts[i], NULL, 10));
      else
        {
          g_assert_nonnull (object);
          if (!json_object_has_member (object, parts[i]))
            g_error ("no member %s in %s", parts[i], path);
          node = json_object_get_member (object, parts[i]);
        }
      object = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
      array = JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
    }
  return node;
}

/* The report rounds to 4 decimals. */
static void
assert_figure (JsonObject *root,
               const char *path,
               double      expected)
{
  JsonNode *node = member (root, path);

  if (isnan (expected))
    {
      if (!JSON_NODE_HOLDS_NULL (node))
        g_error ("%s = %f, expected null", path, json_node_get_double (node));
      return;
    }
  if (JSON_NODE_HOLDS_NULL (node))
    g_error ("%s is null, expected %f", path, expected);
  if (fabs (json_node_get_double (node) - expected) > 0.00005 + 1e-9)
    g_error ("%s = %f, expected %f", path, json_node_get_double (node), expected);
}

/* An orphaned mention (its place lost when the text changed) counts in
 * no figure; the report says how many were left out. */
static void
test_orphaned_mentions_left_out (void)
{
  g_autoptr(GlossatorText) text = text_new ("Ann met Bob");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(GlossatorMention) orphan = glossator_mention_new ("m2", "PERSON", "e2");
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *table = NULL;

  test_util_put_mention (a, "m1", "PERSON", "e1", "Ann", 0, NULL);
  glossator_mention_add_fragment (orphan, 8, 11)->orphaned = TRUE;
  test_util_put_entity (a, "e2");
  glossator_document_put_mention (a, orphan);
  test_util_put_mention (b, "m1", "PERSON", "e1", "Ann", 0, NULL);

  report = agree (a, b, NULL, &table);
  assert_figure (report, "pairs.0.mentions.exact.recall", 1);
  assert_figure (report, "pairs.0.coreference.b3.recall", 1);
  assert_figure (report, "overall.by_label.PERSON.krippendorff_alpha_u", 1);
  g_assert_cmpint (json_object_get_int_member (report, "orphaned_mentions_left_out"), ==, 1);
  g_assert_nonnull (strstr (table, "Orphaned mentions left out: 1\n"));
}

/* Nested (Canada in the Prime Minister of Canada), overlapping (bob's
 * “Prime Minister of Canada”), discontinuous (“Kyiv's … mayor”), a label
 * disagreement, and offsets after an emoji ZWJ sequence and a CRLF:
 * counted by hand below. */
#define MENTIONS_TEXT "A " FAMILY " met the Prime Minister of Canada.\r\nHe and Kyiv's old mayor spoke."

static void
test_mentions_by_hand (void)
{
  g_autoptr(GlossatorText) text = text_new (MENTIONS_TEXT);
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(JsonObject) report = NULL;

  test_util_put_mention (a, "m1", "PERSON", "e1", "the Prime Minister of Canada", 0, NULL);
  test_util_put_mention (a, "m2", "LOC", "e2", "Canada", 0, NULL);
  test_util_put_mention (a, "m3", "PERSON", "e1", "He", 0, NULL);
  test_util_put_mention (a, "m4", "LOC", "e3", "Kyiv", 0, NULL);
  test_util_put_mention (a, "m5", "PERSON", "e4", "Kyiv's", 0, "mayor");
  test_util_put_mention (a, "m6", "PERSON", "e5", FAMILY, 0, NULL);

  test_util_put_mention (b, "m1", "PERSON", "e1", "Prime Minister of Canada", 0, NULL);
  test_util_put_mention (b, "m2", "LOC", "e2", "Canada", 0, NULL);
  test_util_put_mention (b, "m3", "PERSON", "e1", "He", 0, NULL);
  test_util_put_mention (b, "m4", "ORG", "e3", "Kyiv", 0, NULL);
  test_util_put_mention (b, "m5", "PERSON", "e4", "Kyiv's", 0, "mayor");
  test_util_put_mention (b, "m6", "PERSON", "e5", FAMILY, 0, NULL);
  test_util_put_mention (b, "m7", "PERSON", "e6", "mayor spoke", 0, NULL);

  report = agree (a, b, NULL, NULL);
  /* Exact: Canada, He, Kyiv's…mayor, the family: 4 of ana's 6, bob's 7. */
  assert_figure (report, "pairs.0.mentions.exact.recall", 4 / 6.);
  assert_figure (report, "pairs.0.mentions.exact.precision", 4 / 7.);
  assert_figure (report, "pairs.0.mentions.exact.f1", 2 * 4 / 13.);
  /* Overlap adds the Prime Minister; “mayor spoke” overlaps Kyiv's…mayor,
   * taken already by its exact match. */
  assert_figure (report, "pairs.0.mentions.overlap.recall", 5 / 6.);
  assert_figure (report, "pairs.0.mentions.overlap.precision", 5 / 7.);
  assert_figure (report, "pairs.0.mentions.by_label.PERSON.exact.recall", 3 / 4.);
  assert_figure (report, "pairs.0.mentions.by_label.PERSON.exact.precision", 3 / 5.);
  assert_figure (report, "pairs.0.mentions.by_label.PERSON.overlap.recall", 1);
  assert_figure (report, "pairs.0.mentions.by_label.PERSON.overlap.precision", 4 / 5.);
  assert_figure (report, "pairs.0.mentions.by_label.LOC.exact.recall", 1 / 2.);
  assert_figure (report, "pairs.0.mentions.by_label.LOC.exact.precision", 1);
  /* Bob's ORG: ana has none, so no recall to speak of. */
  assert_figure (report, "pairs.0.mentions.by_label.ORG.exact.recall", NAN);
  assert_figure (report, "pairs.0.mentions.by_label.ORG.exact.precision", 0);
  assert_figure (report, "pairs.0.mentions.by_label.ORG.exact.f1", NAN);

  /* --labels: only PERSON counts. */
  {
    const char *labels[] = { "PERSON", NULL };
    g_autoptr(JsonObject) person = agree (a, b, labels, NULL);

    assert_figure (person, "pairs.0.mentions.exact.recall", 3 / 4.);
    assert_figure (person, "pairs.0.mentions.exact.precision", 3 / 5.);
    g_assert_false (json_object_has_member (json_node_get_object (member (person, "pairs.0.mentions.by_label")), "LOC"));
  }
}

/* α_u runs over code points: the same units measured directly on a
 * continuum as long as the text in code points give the report's figure
 * (in bytes, or with CRLF as one, the continuum would be longer or
 * shorter, and α_u different). */
static void
test_alpha_u_code_points (void)
{
  g_autoptr(GlossatorText) text = text_new (MENTIONS_TEXT);
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(JsonObject) report = NULL;
  const char *utf8 = MENTIONS_TEXT;
  guint64 prime = test_util_offset_of (utf8, "Prime", 0);
  guint64 canada = test_util_offset_of (utf8, "Canada", 0);
  guint64 he = test_util_offset_of (utf8, "He", 0);
  guint64 family = test_util_offset_of (utf8, FAMILY, 0);
  GArray *units[2] = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)) };
  const guint64 ana_units[] = { family, family + 5, prime - 4, canada + 6, he, he + 2 };
  const guint64 bob_units[] = { family, family + 5, prime, canada + 6 };
  double expected;

  g_assert_cmpuint (glossator_text_get_length (text), ==, g_utf8_strlen (utf8, -1));
  test_util_put_mention (a, "m1", "PERSON", "e1", "the Prime Minister of Canada", 0, NULL);
  test_util_put_mention (a, "m2", "PERSON", "e2", FAMILY, 0, NULL);
  test_util_put_mention (a, "m3", "PERSON", "e1", "He", 0, NULL);
  /* Nested in ana's m1: merged into it as a unit of PERSON. */
  test_util_put_mention (a, "m4", "PERSON", "e3", "Minister", 0, NULL);
  test_util_put_mention (b, "m1", "PERSON", "e1", "Prime Minister of Canada", 0, NULL);
  test_util_put_mention (b, "m2", "PERSON", "e2", FAMILY, 0, NULL);

  g_array_append_vals (units[0], ana_units, G_N_ELEMENTS (ana_units));
  g_array_append_vals (units[1], bob_units, G_N_ELEMENTS (bob_units));
  expected = _glossator_alpha_u (g_utf8_strlen (utf8, -1), units, 2, NULL, NULL);
  g_assert_false (isnan (expected));
  g_assert_cmpfloat (expected, <, 1.0);

  report = agree (a, b, NULL, NULL);
  assert_figure (report, "overall.by_label.PERSON.krippendorff_alpha_u", expected);
  assert_figure (report, "overall.krippendorff_alpha_u", expected);
  g_array_unref (units[0]);
  g_array_unref (units[1]);
}

/* Tokens as the CoNLL export cuts them: Ann met Bob Lee in Rome today.
 * ana: PERSON O PERSON PERSON O LOC O; bob: PERSON O PERSON O O ORG O.
 * Cohen: p_o = 5/7, p_e = (3·2 + 3·4)/49 = 18/49, κ = 17/31.
 * Fleiss: P̄ = 5/7, P̄_e = (5² + 7² + 1 + 1)/14² = 76/196, κ = 16/30.
 * α: 1 − (14 − 1)·4 / (14² − 76) = 1 − 52/120. */
static void
test_tokens_by_hand (void)
{
  g_autoptr(GlossatorText) text = text_new ("Ann met Bob Lee in Rome today");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(JsonObject) report = NULL;

  test_util_put_mention (a, "m1", "PERSON", "e1", "Ann", 0, NULL);
  test_util_put_mention (a, "m2", "PERSON", "e2", "Bob Lee", 0, NULL);
  test_util_put_mention (a, "m3", "LOC", "e3", "Rome", 0, NULL);
  test_util_put_mention (b, "m1", "PERSON", "e1", "Ann", 0, NULL);
  test_util_put_mention (b, "m2", "PERSON", "e2", "Bob", 0, NULL);
  test_util_put_mention (b, "m3", "ORG", "e3", "Rome", 0, NULL);

  report = agree (a, b, NULL, NULL);
  assert_figure (report, "pairs.0.tokens.cohen_kappa", 17 / 31.);
  assert_figure (report, "overall.fleiss_kappa", 16 / 30.);
  assert_figure (report, "overall.krippendorff_alpha", 1 - 52 / 120.);
}

/* Three annotators: Ann met Bob, ana and bob mark Ann, cy nothing.
 * Fleiss: Σ n(n−1) = 2 + 6 + 6 over 3·3·2, p(PERSON) = 2/9: κ = 10/28.
 * α: o(P,P) = 1, o(P,O) = o(O,P) = 1, o(O,O) = 6; n_P = 2, n_O = 7:
 * 1 − 8·2/28. Pairs: ana–bob κ 1, ana–cy and bob–cy κ 0. */
static void
test_tokens_three_annotators (void)
{
  g_autoptr(GlossatorText) text = text_new ("Ann met Bob");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(GlossatorDocument) c = glossator_document_new (text);
  GlossatorDocument *documents[] = { a, b, c };
  const char *names[] = { "ana", "bob", "cy" };
  g_autoptr(GlossatorAgreement) agreement = glossator_agreement_new (names, 3, NULL, FALSE);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  JsonObject *report;

  test_util_put_mention (a, "m1", "PERSON", "e1", "Ann", 0, NULL);
  test_util_put_mention (b, "m1", "PERSON", "e1", "Ann", 0, NULL);
  glossator_agreement_add_document (agreement, "a.txt", documents);
  json = glossator_agreement_to_json (agreement);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  report = json_node_get_object (json_parser_get_root (parser));
  assert_figure (report, "overall.fleiss_kappa", 10 / 28.);
  assert_figure (report, "overall.krippendorff_alpha", 1 - 16 / 28.);
  assert_figure (report, "pairs.0.tokens.cohen_kappa", 1);
  assert_figure (report, "pairs.1.tokens.cohen_kappa", 0);
  assert_figure (report, "pairs.2.tokens.cohen_kappa", 0);
  g_assert_cmpstr (json_node_get_string (member (report, "pairs.2.a")), ==, "bob");
  g_assert_cmpstr (json_node_get_string (member (report, "pairs.2.b")), ==, "cy");
}

/* A token cut in one export only (bob's mention ends inside a word): the
 * tokens compared are cut there for both. Ana marks nothing, bob marks
 * “Kyiv” in “Kyivan”: the units are Kyiv, an, went. */
static void
test_tokens_cut_where_any_export_cuts (void)
{
  g_autoptr(GlossatorText) text = text_new ("Kyivan went");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(JsonObject) report = NULL;

  test_util_put_mention (b, "m1", "LOC", "e1", "Kyiv", 0, NULL);
  report = agree (a, b, NULL, NULL);
  /* Three units: O/LOC, O/O, O/O: p_o = 2/3, p_e = 1·(2/3) = 2/3: κ = 0. */
  assert_figure (report, "pairs.0.tokens.cohen_kappa", 0);
  /* Fleiss: P̄ = 2/3, p(O) = 5/6, p(LOC) = 1/6, P̄_e = 26/36: (2/3 − 26/36)/(10/36). */
  assert_figure (report, "overall.fleiss_kappa", (2 / 3. - 26 / 36.) / (10 / 36.));
}

/* The scorer's TC-A-5 and TC-A-8 made of mentions in a text: “B” overlaps
 * “b” (another mention), then is the same span as “b” in another entity
 * (the scorer's duplicate, dropped where it repeats). */
static void
build_chains (GlossatorDocument *document,
              const char        *spec)
{
  guint entity = 1, m = 1;

  for (const char *p = spec; *p != '\0'; p++)
    {
      g_autofree char *id = NULL;
      g_autofree char *entity_id = NULL;
      char needle[4] = { 0 };

      if (*p == '|')
        {
          entity++;
          continue;
        }
      id = g_strdup_printf ("m%u", m++);
      entity_id = g_strdup_printf ("e%u", entity);
      /* Each letter is a word of the text; B is “bb c”, crossing b's edge. */
      if (*p == 'B')
        test_util_put_mention (document, id, "X", entity_id, "bb c", 0, NULL);
      else
        {
          needle[0] = needle[1] = *p;
          test_util_put_mention (document, id, "X", entity_id, needle, 0, NULL);
        }
    }
}

static void
test_coref_reference_cases_from_documents (void)
{
  g_autoptr(GlossatorText) text = text_new ("aa bb cc dd ee ff xx yy zz\r\n" FAMILY);
  struct {
    const char *response;
    double      muc_r, muc_p, ceafe_r, ceafe_p, ceafm_p, blanc_f;
  } cases[] = {
    /* TC-A-5 */
    { "a|bcxB|dy|z", 1 / 3., 1 / 4., 0.68889, 0.51667, 0.5, 0.24716 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorDocument) key = glossator_document_new (text);
      g_autoptr(GlossatorDocument) response = glossator_document_new (text);
      g_autoptr(JsonObject) report = NULL;

      build_chains (key, "a|bc|def");
      build_chains (response, cases[i].response);
      report = agree (key, response, NULL, NULL);
      assert_figure (report, "pairs.0.coreference.muc.recall", cases[i].muc_r);
      assert_figure (report, "pairs.0.coreference.muc.precision", cases[i].muc_p);
      assert_figure (report, "pairs.0.coreference.ceafe.recall", cases[i].ceafe_r);
      assert_figure (report, "pairs.0.coreference.ceafe.precision", cases[i].ceafe_p);
      assert_figure (report, "pairs.0.coreference.ceafm.precision", cases[i].ceafm_p);
      assert_figure (report, "pairs.0.coreference.blanc.f1", cases[i].blanc_f);
    }

  /* TC-A-8: bob's “b” twice, in {b c x} (m2, first by id) and in {b z}. */
  {
    g_autoptr(GlossatorDocument) key = glossator_document_new (text);
    g_autoptr(GlossatorDocument) response = glossator_document_new (text);
    g_autoptr(JsonObject) report = NULL;

    build_chains (key, "a|bc|def");
    build_chains (response, "a|bcx|dy|bz");
    report = agree (key, response, NULL, NULL);
    assert_figure (report, "pairs.0.coreference.muc.recall", 1 / 3.);
    assert_figure (report, "pairs.0.coreference.muc.precision", 1 / 3.);
    assert_figure (report, "pairs.0.coreference.ceafm.recall", 0.66667);
    assert_figure (report, "pairs.0.coreference.ceafm.precision", 0.57143);
    assert_figure (report, "pairs.0.coreference.ceafe.f1", 0.62857);
    assert_figure (report, "pairs.0.coreference.blanc.recall", 0.35227);
    assert_figure (report, "pairs.0.coreference.blanc.precision", 0.27206);
    /* CoNLL-2012: the mean of MUC, B³ and CEAF-e F1. */
    assert_figure (report, "pairs.0.coreference.conll_f1",
                   (1 / 3. + 2 * (5 / 9.) * (17 / 42.) / (5 / 9. + 17 / 42.) + 0.62857) / 3);
  }
}

/* ana: e1 is against sanctions (favor in bob's copy); the author is
 * against e2 in both. Entities are aligned through matched mentions. */
static void
test_stances (void)
{
  g_autoptr(GlossatorText) text = text_new ("Putin and Biden.");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(GlossatorStance) s1 = glossator_stance_new ("s1", "favor");
  g_autoptr(GlossatorStance) s2 = glossator_stance_new ("s2", "against");
  g_autoptr(GlossatorStance) t1 = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorStance) t2 = glossator_stance_new ("s2", "against");
  g_autoptr(GlossatorStance) t3 = glossator_stance_new ("s3", "favor");
  g_autoptr(JsonObject) report = NULL;

  test_util_put_mention (a, "m1", "PERSON", "e1", "Putin", 0, NULL);
  test_util_put_mention (a, "m2", "PERSON", "e2", "Biden", 0, NULL);
  /* Bob's ids differ: only the mentions tie the entities. */
  test_util_put_mention (b, "m1", "PERSON", "p", "Putin", 0, NULL);
  test_util_put_mention (b, "m2", "PERSON", "b", "Biden", 0, NULL);

  glossator_stance_set_holder (s1, GLOSSATOR_HOLDER_ENTITY, "e1");
  glossator_stance_set_target (s1, GLOSSATOR_TARGET_TOPIC, "sanctions");
  glossator_stance_set_holder (s2, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (s2, GLOSSATOR_TARGET_ENTITY, "e2");
  glossator_document_put_stance (a, s1);
  glossator_document_put_stance (a, s2);
  glossator_stance_set_holder (t1, GLOSSATOR_HOLDER_ENTITY, "p");
  glossator_stance_set_target (t1, GLOSSATOR_TARGET_TOPIC, "sanctions");
  glossator_stance_set_holder (t2, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (t2, GLOSSATOR_TARGET_ENTITY, "b");
  /* Not recorded by ana at all. */
  glossator_stance_set_holder (t3, GLOSSATOR_HOLDER_ENTITY, "b");
  glossator_stance_set_target (t3, GLOSSATOR_TARGET_ENTITY, "p");
  glossator_document_put_stance (b, t1);
  glossator_document_put_stance (b, t2);
  glossator_document_put_stance (b, t3);

  report = agree (a, b, NULL, NULL);
  assert_figure (report, "pairs.0.stances.tuples.recall", 1 / 2.);
  assert_figure (report, "pairs.0.stances.tuples.precision", 1 / 3.);
  /* Pairs both recorded: (favor, against), (against, against):
   * p_o = 1/2, p_e = (1·0 + 1·2)/4 = 1/2, κ = 0. */
  assert_figure (report, "pairs.0.stances.polarity_kappa", 0);
}

/* What cannot be computed is null, and “—” in the table, where the same
 * figures as in the JSON appear. */
static void
test_undefined_and_text (void)
{
  g_autoptr(GlossatorText) text = text_new ("Nothing here.");
  g_autoptr(GlossatorDocument) a = glossator_document_new (text);
  g_autoptr(GlossatorDocument) b = glossator_document_new (text);
  g_autoptr(JsonObject) report = NULL;
  g_autofree char *table = NULL;

  report = agree (a, b, NULL, &table);
  assert_figure (report, "pairs.0.mentions.exact.precision", NAN);
  assert_figure (report, "pairs.0.mentions.exact.recall", NAN);
  assert_figure (report, "pairs.0.coreference.muc.f1", NAN);
  assert_figure (report, "pairs.0.coreference.blanc.f1", NAN);
  assert_figure (report, "pairs.0.coreference.conll_f1", NAN);
  assert_figure (report, "pairs.0.stances.polarity_kappa", NAN);
  /* Every token O for both: no chance agreement to correct. */
  assert_figure (report, "pairs.0.tokens.cohen_kappa", NAN);
  assert_figure (report, "overall.krippendorff_alpha_u", NAN);
  g_assert_nonnull (strstr (table, "Mentions, exact"));
  g_assert_nonnull (strstr (table, "—"));
  g_assert_cmpint (json_object_get_int_member (report, "documents"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agree/mentions/by-hand", test_mentions_by_hand);
  g_test_add_func ("/agree/alpha-u/code-points", test_alpha_u_code_points);
  g_test_add_func ("/agree/tokens/by-hand", test_tokens_by_hand);
  g_test_add_func ("/agree/tokens/three-annotators", test_tokens_three_annotators);
  g_test_add_func ("/agree/tokens/cut-where-any-export-cuts", test_tokens_cut_where_any_export_cuts);
  g_test_add_func ("/agree/coref/reference-cases-from-documents", test_coref_reference_cases_from_documents);
  g_test_add_func ("/agree/stances", test_stances);
  g_test_add_func ("/agree/orphaned-mentions-left-out", test_orphaned_mentions_left_out);
  g_test_add_func ("/agree/undefined-and-text", test_undefined_and_text);

  return g_test_run ();
}

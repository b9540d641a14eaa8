/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-agree-metrics"

#include "config.h"

#include <math.h>

#include <json-glib/json-glib.h>
#include <string.h>

#include "glossator-agree-private.h"
#include "glossator-agree.h"

/* Published values are given to a number of decimals: a value matches
 * when it rounds to them. */
#define assert_published(value, expected, decimals) \
  G_STMT_START { \
    double v_ = (value), e_ = (expected); \
    if (!(fabs (v_ - e_) <= 0.5 * pow (10, -(decimals)) + 1e-12)) \
      g_error ("%s = %.6f, published %.*f", #value, v_, (decimals), e_); \
  } G_STMT_END

/* Cohen (1960) in the form of Wikipedia's worked example (“Cohen's kappa”,
 * Example): 50 grant proposals, both readers say yes to 20, no to 15,
 * A yes and B no to 5, A no and B yes to 10: p_o = 0.7, p_e = 0.5, κ = 0.4. */
static void
test_cohen_worked_example (void)
{
  const double matrix[] = { 20, 5,
                            10, 15 };
  const double same[] = { 7, 0,
                          0, 0 };

  assert_published (_glossator_cohen_kappa (matrix, 2), 0.4, 3);
  /* One category throughout: no chance agreement to correct for. */
  g_assert_true (isnan (_glossator_cohen_kappa (same, 2)));
  g_assert_true (isnan (_glossator_cohen_kappa (same, 0)));
}

/* Krippendorff (1995: 57), example A digitized, as DKPro Statistics'
 * Krippendorff1995Test.testDigitizedAgreement holds it: κ = 0.385. */
static void
test_cohen_krippendorff_1995_digitized (void)
{
  /* Bertha 0 0|1 1 1 1 1 1 1 1|0 0 0 0|1 1 1 1 1 1|0 0 0 0
   * Bill   0 0 0 0|1 1 1 1|0 0 0 0 0 0 0|1 1|0 0 0 0 0 0 0 */
  const char *bertha = "001111111100001111110000";
  const char *bill   = "000011110000000110000000";
  double matrix[4] = { 0 };
  GlossatorAlpha alpha;

  _glossator_alpha_init (&alpha);
  for (guint i = 0; bertha[i] != '\0'; i++)
    {
      int unit[2] = { bertha[i] - '0', bill[i] - '0' };

      matrix[unit[0] * 2 + unit[1]]++;
      _glossator_alpha_add (&alpha, unit, 2);
    }
  assert_published (_glossator_cohen_kappa (matrix, 2), 0.385, 3);
  assert_published (_glossator_alpha_nominal (&alpha), 0.329, 3);
  _glossator_alpha_clear (&alpha);
}

/* Fleiss (1971), in Wikipedia's worked example (“Fleiss' kappa”): 14
 * raters, 10 subjects, 5 categories; P̄ = 0.378, P̄_e = 0.213, κ = 0.210. */
static void
test_fleiss_worked_example (void)
{
  const guint table[10][5] = {
    { 0, 0, 0, 0, 14 },
    { 0, 2, 6, 4, 2 },
    { 0, 0, 3, 5, 6 },
    { 0, 3, 9, 2, 0 },
    { 2, 2, 8, 1, 1 },
    { 7, 7, 0, 0, 0 },
    { 3, 2, 6, 3, 0 },
    { 2, 5, 3, 2, 2 },
    { 6, 5, 2, 1, 0 },
    { 0, 2, 2, 3, 7 },
  };
  GlossatorFleiss fleiss, half, other;

  _glossator_fleiss_init (&fleiss, 14);
  for (guint i = 0; i < 10; i++)
    _glossator_fleiss_add (&fleiss, table[i], 5);
  assert_published (_glossator_fleiss_kappa (&fleiss), 0.210, 3);

  /* Documents are added one by one and merged: the same κ. */
  _glossator_fleiss_init (&half, 14);
  _glossator_fleiss_init (&other, 14);
  for (guint i = 0; i < 10; i++)
    _glossator_fleiss_add (i < 4 ? &half : &other, table[i], i < 4 ? 5 : 5);
  _glossator_fleiss_merge (&half, &other);
  g_assert_cmpfloat_with_epsilon (_glossator_fleiss_kappa (&half), _glossator_fleiss_kappa (&fleiss), 1e-12);

  _glossator_fleiss_clear (&fleiss);
  _glossator_fleiss_clear (&half);
  _glossator_fleiss_clear (&other);
}

/* Krippendorff, “Computing Krippendorff's Alpha-Reliability” (2011), the
 * example of four coders, twelve units and missing values: α = 0.743 for
 * nominal data. */
static void
test_alpha_krippendorff_example (void)
{
  /* Coders A–D; 0 marks a missing value. */
  const int data[4][12] = {
    { 1, 2, 3, 3, 2, 1, 4, 1, 2, 0, 0, 0 },
    { 1, 2, 3, 3, 2, 2, 4, 1, 2, 5, 0, 3 },
    { 0, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, 0 },
    { 1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, 0 },
  };
  GlossatorAlpha alpha, first, rest;

  _glossator_alpha_init (&alpha);
  _glossator_alpha_init (&first);
  _glossator_alpha_init (&rest);
  for (guint u = 0; u < 12; u++)
    {
      int values[4];

      for (guint c = 0; c < 4; c++)
        values[c] = data[c][u] == 0 ? -1 : data[c][u];
      _glossator_alpha_add (&alpha, values, 4);
      _glossator_alpha_add (u < 6 ? &first : &rest, values, 4);
    }
  assert_published (_glossator_alpha_nominal (&alpha), 0.743, 3);
  _glossator_alpha_merge (&first, &rest);
  g_assert_cmpfloat_with_epsilon (_glossator_alpha_nominal (&first), _glossator_alpha_nominal (&alpha), 1e-12);

  _glossator_alpha_clear (&alpha);
  _glossator_alpha_clear (&first);
  _glossator_alpha_clear (&rest);
}

/* Krippendorff (1995: 57), “On the reliability of unitizing continuous
 * data”: two coders, four categories A–D on a continuum of 24; the values
 * are those DKPro Statistics' Krippendorff1995Test.testAgreement holds
 * (D_o at length 24; D_e and α_u at 1,200,000, the continuum stretched by
 * 50,000, where the published D_e and α are the limit). */
typedef struct {
  guint coder;
  guint start;
  guint length;
} Unit;

static const Unit example_a[] = {
  { 0, 2, 8 }, { 0, 14, 6 }, { 1, 4, 4 }, { 1, 15, 2 },
};
static const Unit example_b[] = {
  { 0, 0, 18 }, { 1, 0, 2 }, { 1, 2, 1 }, { 1, 3, 1 }, { 1, 4, 1 }, { 1, 5, 1 }, { 1, 6, 3 }, { 1, 9, 1 },
};
static const Unit example_c[] = {
  { 0, 2, 6 }, { 0, 10, 2 }, { 0, 14, 4 }, { 0, 20, 2 },
  { 1, 0, 2 }, { 1, 4, 4 }, { 1, 10, 4 }, { 1, 16, 2 }, { 1, 20, 2 },
};
static const Unit example_d[] = {
  { 0, 0, 2 }, { 0, 2, 8 }, { 0, 10, 4 }, { 0, 14, 6 }, { 0, 20, 4 },
  { 1, 0, 4 }, { 1, 4, 4 }, { 1, 8, 7 }, { 1, 15, 2 }, { 1, 17, 7 },
};

static double
alpha_u_of (const Unit *units,
            guint       n,
            guint64     stretch,
            double     *observed,
            double     *expected)
{
  GArray *coders[2] = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)) };
  double alpha;

  for (guint i = 0; i < n; i++)
    {
      guint64 start = units[i].start * stretch, end = (units[i].start + units[i].length) * stretch;

      g_array_append_val (coders[units[i].coder], start);
      g_array_append_val (coders[units[i].coder], end);
    }
  alpha = _glossator_alpha_u (24 * stretch, coders, 2, observed, expected);
  g_array_unref (coders[0]);
  g_array_unref (coders[1]);
  return alpha;
}

static void
test_alpha_u_krippendorff_1995 (void)
{
  struct {
    const Unit *units;
    guint       n;
    double      observed;
    double      expected;
    double      alpha;
  } cases[] = {
    { example_a, G_N_ELEMENTS (example_a), 0.03125, 0.06990, 0.553 },
    { example_b, G_N_ELEMENTS (example_b), 2.26736, 1.17731, -0.926 },
    { example_c, G_N_ELEMENTS (example_c), 0.02777, 0.08642, 0.679 },
    { example_d, G_N_ELEMENTS (example_d), 0.38715, 0.41445, 0.066 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double observed, expected, alpha;

      alpha_u_of (cases[i].units, cases[i].n, 1, &observed, &expected);
      /* DKPro asserts D_o to 1e-5 */
      g_assert_cmpfloat_with_epsilon (observed, cases[i].observed, 1e-5);

      alpha = alpha_u_of (cases[i].units, cases[i].n, 50000, &observed, &expected);
      /* D_o does not change with the scale; D_e and α to DKPro's 0.005
       * and 0.02, which hold the small error of the original's D_e. */
      g_assert_cmpfloat_with_epsilon (observed, cases[i].observed, 1e-5);
      g_assert_cmpfloat_with_epsilon (expected, cases[i].expected, 0.005);
      g_assert_cmpfloat_with_epsilon (alpha, cases[i].alpha, 0.02);
    }

  /* testVaryingLengths: category C at 12/24 and 120/24 of the scale. */
  {
    double observed, expected, alpha;

    alpha = alpha_u_of (example_c, G_N_ELEMENTS (example_c), 5, &observed, &expected);
    g_assert_cmpfloat_with_epsilon (observed, 0.02777, 1e-5);
    g_assert_cmpfloat_with_epsilon (expected, 0.08234, 0.005);
    g_assert_cmpfloat_with_epsilon (alpha, 0.663, 0.02);
  }
}

static void
test_alpha_u_identical_and_empty (void)
{
  GArray *coders[2] = { g_array_new (FALSE, FALSE, sizeof (guint64)), g_array_new (FALSE, FALSE, sizeof (guint64)) };
  const guint64 span[] = { 3, 7 };
  double observed;

  /* Neither coder found a unit: nothing to agree on. */
  g_assert_true (isnan (_glossator_alpha_u (10, coders, 2, NULL, NULL)));
  g_array_append_vals (coders[0], span, 2);
  g_array_append_vals (coders[1], span, 2);
  g_assert_cmpfloat_with_epsilon (_glossator_alpha_u (10, coders, 2, &observed, NULL), 1.0, 1e-12);
  g_assert_cmpfloat (observed, ==, 0);
  g_array_unref (coders[0]);
  g_array_unref (coders[1]);
}

static void
test_assignment (void)
{
  /* The greedy choice (row 0 → column 0, 9) is not the best: 8 + 7 = 15. */
  const double weights[] = { 9, 8,
                             7, 0 };
  /* More columns than rows, and more rows than columns. */
  const double wide[] = { 1, 5, 3,
                          4, 6, 1 };
  int assignment[3];

  assert_published (_glossator_max_assignment (weights, 2, 2, assignment), 15, 9);
  g_assert_cmpint (assignment[0], ==, 1);
  g_assert_cmpint (assignment[1], ==, 0);
  assert_published (_glossator_max_assignment (wide, 2, 3, assignment), 9, 9);
  g_assert_cmpint (assignment[0], ==, 1);
  g_assert_cmpint (assignment[1], ==, 0);
  /* Read as three rows of two: 5 + 6. */
  assert_published (_glossator_max_assignment (wide, 3, 2, assignment), 11, 9);
  g_assert_cmpint (assignment[0], ==, 1);
  g_assert_cmpint (assignment[1], ==, -1);
  g_assert_cmpint (assignment[2], ==, 0);
  assert_published (_glossator_max_assignment (NULL, 0, 4, NULL), 0, 9);
}

/* ---- the CoNLL-2012 reference scorer's test cases ------------------------
 *
 * conll/reference-coreference-scorers, test/TestCases.README and
 * test/CorefMetricTestConfig.pm (the v8.01 test suite): the chains below
 * are written as in TestCases.README, one letter a mention, “|” between
 * entities. A letter written twice is the scorer's duplicate mention (TC-A-7
 * to 9, “B” the same span as “b”); a capital is another mention (TC-A-5
 * and 6: “B” overlaps “b”). */

static GArray *
chains (const char *spec)
{
  GArray *mentions = g_array_new (FALSE, FALSE, sizeof (GlossatorChainMention));
  guint entity = 0;

  for (const char *p = spec; *p != '\0'; p++)
    {
      GlossatorChainMention m;

      if (*p == '|')
        {
          entity++;
          continue;
        }
      m.mention = (guchar) *p;
      m.entity = entity;
      g_array_append_val (mentions, m);
    }
  return mentions;
}

static GlossatorCorefTally
score (const char *key_spec,
       const char *response_spec)
{
  g_autoptr(GArray) key = chains (key_spec);
  g_autoptr(GArray) response = chains (response_spec);
  GlossatorCorefTally tally = { 0 };

  _glossator_coref_add (&tally,
                        (GlossatorChainMention *) (gpointer) key->data, key->len,
                        (GlossatorChainMention *) (gpointer) response->data, response->len);
  return tally;
}

/* NAN for “undefined”: where the scorer prints 0 for 0/0 we give null. */
#define U NAN
/* Not published for the case. */
#define NP -1

typedef struct {
  const char *id;
  const char *key;
  const char *response;
  double      muc[3];
  double      b3[3];
  double      ceafm[3];
  double      ceafe[3];
  double      blanc[3];
  int         decimals;   /* of the published values */
} CorefCase;

static void
assert_prf (const char   *id,
            const char   *metric,
            GlossatorPRF  prf,
            const double  expected[3],
            int           decimals)
{
  const double values[3] = { prf.recall, prf.precision, prf.f1 };
  const char *names[3] = { "recall", "precision", "F1" };

  for (guint i = 0; i < 3; i++)
    {
      if (expected[i] == NP)
        continue;
      if (isnan (expected[i]))
        {
          if (!isnan (values[i]))
            g_error ("%s %s %s = %f, expected undefined", id, metric, names[i], values[i]);
          continue;
        }
      if (!(fabs (values[i] - expected[i]) <= 0.5 * pow (10, -decimals) + 1e-12))
        g_error ("%s %s %s = %.6f, published %.*f", id, metric, names[i], values[i], decimals, expected[i]);
    }
}

#define F(r, p) (2.0 * (r) * (p) / ((r) + (p)))
#define NONE { NP, NP, NP }

static const CorefCase coref_cases[] = {
  { "A1", "a|bc|def", "a|bc|def",
    { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, 5 },
  { "A2", "a|bc|def", "a|de",
    { 1 / 3., 1, 0.5 }, { (7 / 3.) / 6, 1, 14 / 25. }, { 0.5, 1, 0.66667 }, { 0.6, 0.9, 0.72 },
    { 0.21591, 1, 0.35385 }, 5 },
  { "A3", "a|bc|def", "a|bcx|defy|z",
    { 1, 3 / 5., 0.75 }, { 1, (4 + 7 / 12.) / 9, 110 / 163. }, { 1, 0.66667, 0.8 },
    { 0.88571, 0.66429, 0.75918 }, { 1, 0.42593, 0.59717 }, 5 },
  { "A4", "a|bc|def", "a|bcx|dy|z",
    { 1 / 3., 1 / 3., 1 / 3. }, { (3 + 1 / 3.) / 6, (1 + 4 / 3. + 1 / 2.) / 7, F (5 / 9., 17 / 42.) },
    { 0.66667, 0.57143, 0.61538 }, { 0.73333, 0.55, 0.62857 }, { 0.35227, 0.27206, 0.30357 }, 5 },
  { "A5", "a|bc|def", "a|bcxB|dy|z",
    { 1 / 3., 1 / 4., 2 / 7. }, { (3 + 1 / 3.) / 6, 2.5 / 8, F (5 / 9., 5 / 16.) },
    { 0.66667, 0.5, 0.57143 }, { 0.68889, 0.51667, 0.59048 }, { 0.35227, 0.19048, 0.24716 }, 5 },
  { "A6", "a|bc|def", "a|bcx|dy|Bz",
    { 1 / 3., 1 / 4., 2 / 7. }, { (10 / 3.) / 6, (1 + 4 / 3. + 1 / 2.) / 8, F (5 / 9., 17 / 48.) },
    { 0.66667, 0.5, 0.57143 }, { 0.73333, 0.55, 0.62857 }, { 0.35227, 0.20870, 0.25817 }, 5 },
  { "A7", "a|bc|def", "a|bcxb|dy|z",
    { 1 / 3., 1 / 3., 1 / 3. }, { (10 / 3.) / 6, (1 + 4 / 3. + 1 / 2.) / 7, F (5 / 9., 17 / 42.) },
    { 0.66667, 0.57143, 0.61538 }, { 0.73333, 0.55, 0.62857 }, { 0.35227, 0.27206, 0.30357 }, 5 },
  { "A8", "a|bc|def", "a|bcx|dy|bz",
    { 1 / 3., 1 / 3., 1 / 3. }, { (10 / 3.) / 6, (1 + 4 / 3. + 1 / 2.) / 7, F (5 / 9., 17 / 42.) },
    { 0.66667, 0.57143, 0.61538 }, { 0.73333, 0.55, 0.62857 }, { 0.35227, 0.27206, 0.30357 }, 5 },
  { "A9", "a|bc|def", "a|bcx|dy|bbbbbbbbbbz",
    { 1 / 3., 1 / 3., 1 / 3. }, { (10 / 3.) / 6, (1 + 4 / 3. + 1 / 2.) / 7, F (5 / 9., 17 / 42.) },
    { 0.66667, 0.57143, 0.61538 }, { 0.73333, 0.55, 0.62857 }, { 0.35227, 0.27206, 0.30357 }, 5 },
  /* The scorer prints MUC precision 0 for these 0/0 (no response link). */
  { "A10", "a|bc|def", "a|b|c|d|e|f",
    { 0, U, U }, { 3 / 6., 1, 2 / 3. }, NONE, NONE, { 0.5, 0.36667, 0.42308 }, 5 },
  { "A11", "a|bc|def", "abcdef",
    { 1, 3 / 5., 6 / 8. }, { 1, (1 / 6. + 2 * 2 / 6. + 3 * 3 / 6.) / 6, 14 / 25. }, NONE, NONE,
    { 0.5, 0.13333, 0.21053 }, 5 },
  { "A12", "a|bc|def", "a|x|y|c|d|e|z",
    { 0, U, U }, { (1 + 1 / 2. + 2 / 3.) / 6, 4 / 7., F (13 / 36., 4 / 7.) }, NONE, NONE,
    { 0.22727, 0.11905, 0.15625 }, 5 },
  { "A13", "a|bc|def", "axycdez",
    { 1 / 3., 1 / 6., 2 / 9. }, { (1 + 1 / 2. + 2 * 2 / 3.) / 6, (1 / 7. + 1 / 7. + 2 * 2 / 7.) / 7, F (17 / 36., 6 / 49.) },
    NONE, NONE, { 0.125, 0.02381, 0.04 }, 5 },
  { "B1", "ab|cde", "bcx|de",
    NONE, NONE, NONE, NONE, { (1 / 4. + 1 / 3.) / 2, (1 / 4. + 1 / 3.) / 2, (1 / 4. + 1 / 3.) / 2 }, 5 },
  { "C1", "ab|cde|fg", "bcx|de|fg",
    NONE, NONE, NONE, NONE, { (2 / 5. + 10 / 16.) / 2, (2 / 5. + 10 / 16.) / 2, (2 / 5. + 10 / 16.) / 2 }, 5 },
  { "D1", "12345|67|89ABC", "12345|6789ABC",
    { 1, 9 / 10., F (1, 9 / 10.) }, { 1, 16 / 21., F (1, 16 / 21.) }, NONE, NONE, NONE, 5 },
  { "E1", "12345|67|89ABC", "1234589ABC|67",
    { 1, 9 / 10., F (1, 9 / 10.) }, { 1, 7 / 12., F (1, 7 / 12.) }, NONE, NONE, NONE, 5 },
  { "F1", "ABCD", "AB|CD", { 2 / 3., 1, F (2 / 3., 1) }, NONE, NONE, NONE, NONE, 5 },
  { "G1", "AB|CD", "ABCD", { 1, 2 / 3., F (1, 2 / 3.) }, NONE, NONE, NONE, NONE, 5 },
  { "H1", "ABCD", "ABCD", { 1, 1, 1 }, NONE, NONE, NONE, NONE, 5 },
  { "I1", "ABCD", "AB|CD", { 2 / 3., 1, F (2 / 3., 1) }, NONE, NONE, NONE, NONE, 5 },
  { "J1", "ABC", "AC", { 1 / 2., 1, F (1 / 2., 1) }, NONE, NONE, NONE, NONE, 5 },
  { "K1", "BCDEGHJ", "ABC|DEF|GHI", { 3 / 6., 3 / 6., 3 / 6. }, NONE, NONE, NONE, NONE, 5 },
  { "L1", "ABC|DEFG", "AB|CD|FGH", { 2 / 5., 2 / 4., F (2 / 5., 2 / 4.) }, NONE, NONE, NONE, NONE, 5 },
  /* TestCases.README only (two decimals). */
  { "M1", "abcdef", "abcdef", { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, 2 },
  { "M2", "abcdef", "a|b|c|d|e|f", { 0, U, U }, NONE, NONE, NONE, { 0, 0, 0 }, 2 },
  { "M3", "abcdef", "ab|cde|f", NONE, NONE, NONE, NONE, { 4 / 15., 1, 0.42 }, 2 },
  { "M4", "abcdef", "abcxyz", NONE, NONE, NONE, NONE, { 3 / 15., 3 / 15., 0.20 }, 2 },
  { "M5", "abcdef", "a|b|c|x|y|z", { 0, U, U }, NONE, NONE, NONE, { 0, 0, 0 }, 2 },
  { "M6", "abcdef", "ab|cxy|z", NONE, NONE, NONE, NONE, { 1 / 15., 1 / 4., 0.11 }, 2 },
  /* The scorer prints MUC 0 for N1 and N4: no key link, 0/0. */
  { "N1", "a|b|c|d|e|f", "a|b|c|d|e|f", { U, U, U }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, { 1, 1, 1 }, 2 },
  { "N2", "a|b|c|d|e|f", "abcdef", NONE, NONE, NONE, NONE, { 0, 0, 0 }, 2 },
  { "N3", "a|b|c|d|e|f", "ab|cde|f", NONE, NONE, NONE, NONE, { 11 / 15., 1, 0.85 }, 2 },
  { "N4", "a|b|c|d|e|f", "a|b|c|x|y|z", { U, U, U }, NONE, NONE, NONE, { 3 / 15., 3 / 15., 0.20 }, 2 },
  { "N5", "a|b|c|d|e|f", "abcxyz", NONE, NONE, NONE, NONE, { 0, 0, 0 }, 2 },
  { "N6", "a|b|c|d|e|f", "ab|cxy|z", NONE, NONE, NONE, NONE, { 2 / 15., 2 / 11., 0.15 }, 2 },
};

static void
test_coref_reference_cases (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (coref_cases); i++)
    {
      const CorefCase *c = &coref_cases[i];
      GlossatorCorefTally tally = score (c->key, c->response);

      assert_prf (c->id, "MUC", _glossator_prf (&tally.muc), c->muc, c->decimals);
      assert_prf (c->id, "B3", _glossator_prf (&tally.b3), c->b3, c->decimals);
      assert_prf (c->id, "CEAF-m", _glossator_prf (&tally.ceafm), c->ceafm, c->decimals);
      assert_prf (c->id, "CEAF-e", _glossator_prf (&tally.ceafe), c->ceafe, c->decimals);
      assert_prf (c->id, "BLANC", _glossator_blanc (&tally), c->blanc, c->decimals);
    }
}

/* Every case again, as two annotators' documents on one text (each letter
 * a word of it: “aa”, “BB”, “11”; TC-A-5/6's “B” is “bb c”, overlapping
 * “bb”), through glossator_agreement: the report gives the figures above. */
#define CASE_TEXT "aa bb cc dd ee ff gg xx yy zz AA BB CC DD EE FF GG HH II JJ 11 22 33 44 55 66 77 88 99"

static GlossatorDocument *
case_document (GlossatorText *text,
               const char    *id,
               const char    *spec)
{
  GlossatorDocument *document = glossator_document_new (text);
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  guint entity = 1, n = 1;

  for (const char *p = spec; *p != '\0'; p++)
    {
      g_autofree char *mention_id = g_strdup_printf ("m%u", n++);
      g_autofree char *entity_id = g_strdup_printf ("e%u", entity);
      g_autoptr(GlossatorMention) mention = NULL;
      char needle[3] = { *p, *p, 0 };
      const char *at;
      guint start, end;

      if (*p == '|')
        {
          entity++;
          continue;
        }
      if (*p == 'B' && id[0] == 'A')
        {
          start = strstr (utf8, "bb") - utf8;
          end = start + 4;
        }
      else
        {
          at = strstr (utf8, needle);
          g_assert_nonnull (at);
          start = at - utf8;
          end = start + 2;
        }
      if (glossator_document_get_entity (document, entity_id) == NULL)
        {
          g_autoptr(GlossatorEntity) e = glossator_entity_new (entity_id, entity_id, "X");

          glossator_document_put_entity (document, e);
        }
      mention = glossator_mention_new (mention_id, "X", entity_id);
      glossator_mention_add_fragment (mention, start, end);
      glossator_document_put_mention (document, mention);
    }
  return document;
}

static void
assert_reported (const char   *id,
                 JsonObject   *coreference,
                 const char   *metric,
                 GlossatorPRF  prf)
{
  JsonObject *object = json_object_get_object_member (coreference, metric);
  const char *names[3] = { "recall", "precision", "f1" };
  const double values[3] = { prf.recall, prf.precision, prf.f1 };

  for (guint i = 0; i < 3; i++)
    {
      JsonNode *node = json_object_get_member (object, names[i]);

      if (isnan (values[i]))
        {
          if (!JSON_NODE_HOLDS_NULL (node))
            g_error ("%s %s %s reported, expected null", id, metric, names[i]);
        }
      else if (JSON_NODE_HOLDS_NULL (node) || fabs (json_node_get_double (node) - values[i]) > 0.00005 + 1e-12)
        g_error ("%s %s %s reported differently from %f", id, metric, names[i], values[i]);
    }
}

static void
test_coref_reference_cases_as_documents (void)
{
  g_autoptr(GlossatorText) text = glossator_text_new (CASE_TEXT, -1, NULL);
  const char *names[] = { "key", "response" };

  for (guint i = 0; i < G_N_ELEMENTS (coref_cases); i++)
    {
      const CorefCase *c = &coref_cases[i];
      GlossatorCorefTally tally = score (c->key, c->response);
      g_autoptr(GlossatorDocument) key = case_document (text, c->id, c->key);
      g_autoptr(GlossatorDocument) response = case_document (text, c->id, c->response);
      GlossatorDocument *documents[] = { key, response };
      g_autoptr(GlossatorAgreement) agreement = glossator_agreement_new (names, 2, NULL, FALSE);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *json = NULL;
      JsonObject *coreference;

      /* “B” stands for “bb c” only in the A cases that have it as another mention. */
      if (c->id[0] == 'A' && strchr (c->response, 'B') != NULL && strcmp (c->id, "A5") != 0 && strcmp (c->id, "A6") != 0)
        g_error ("%s: B is not a mention of its own here", c->id);
      glossator_agreement_add_document (agreement, c->id, documents);
      json = glossator_agreement_to_json (agreement);
      g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
      coreference = json_object_get_object_member (json_array_get_object_element (
        json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "pairs"), 0), "coreference");
      assert_reported (c->id, coreference, "muc", _glossator_prf (&tally.muc));
      assert_reported (c->id, coreference, "b3", _glossator_prf (&tally.b3));
      assert_reported (c->id, coreference, "ceafm", _glossator_prf (&tally.ceafm));
      assert_reported (c->id, coreference, "ceafe", _glossator_prf (&tally.ceafe));
      assert_reported (c->id, coreference, "blanc", _glossator_blanc (&tally));
    }
}

/* The scorer adds documents' counts (numerators and denominators), not
 * their scores. */
static void
test_coref_documents_add_counts (void)
{
  GlossatorCorefTally a = score ("a|bc|def", "a|de");
  GlossatorCorefTally b = score ("ab|cde", "bcx|de");
  GlossatorCorefTally sum = a;

  _glossator_coref_merge (&sum, &b);
  g_assert_cmpfloat (sum.muc.recall_den, ==, a.muc.recall_den + b.muc.recall_den);
  g_assert_cmpfloat_with_epsilon (_glossator_prf (&sum.b3).recall,
                                  (a.b3.recall_num + b.b3.recall_num) / (a.b3.recall_den + b.b3.recall_den), 1e-12);
  g_assert_cmpuint (sum.key_non_coref, ==, a.key_non_coref + b.key_non_coref);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/agree/cohen/worked-example", test_cohen_worked_example);
  g_test_add_func ("/agree/cohen/krippendorff-1995-digitized", test_cohen_krippendorff_1995_digitized);
  g_test_add_func ("/agree/fleiss/worked-example", test_fleiss_worked_example);
  g_test_add_func ("/agree/alpha/krippendorff-example", test_alpha_krippendorff_example);
  g_test_add_func ("/agree/alpha-u/krippendorff-1995", test_alpha_u_krippendorff_1995);
  g_test_add_func ("/agree/alpha-u/identical-and-empty", test_alpha_u_identical_and_empty);
  g_test_add_func ("/agree/assignment", test_assignment);
  g_test_add_func ("/agree/coref/reference-cases", test_coref_reference_cases);
  g_test_add_func ("/agree/coref/reference-cases-as-documents", test_coref_reference_cases_as_documents);
  g_test_add_func ("/agree/coref/documents-add-counts", test_coref_documents_add_counts);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "glossator-interval-index.h"

typedef struct {
  guint start, end;
} Iv;

static void
brute (const Iv *ivs, guint n, const gboolean *alive, guint qs, guint qe, GPtrArray *hits)
{
  for (guint i = 0; i < n; i++)
    if (alive[i] && ivs[i].start < qe && qs < ivs[i].end)
      g_ptr_array_add (hits, GUINT_TO_POINTER (i + 1));
}

static int
ptr_cmp (gconstpointer a, gconstpointer b)
{
  guint x = GPOINTER_TO_UINT (*(gpointer *) a), y = GPOINTER_TO_UINT (*(gpointer *) b);
  return x < y ? -1 : x > y;
}

static void
assert_same (GPtrArray *a, GPtrArray *b)
{
  g_ptr_array_sort (a, ptr_cmp);
  g_ptr_array_sort (b, ptr_cmp);
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    g_assert_true (a->pdata[i] == b->pdata[i]);
}

/* Random intervals, nested and overlapping, checked against a linear scan
 * after bulk load and after interleaved single insertions and removals. */
static void
test_against_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);

  for (guint round = 0; round < 40; round++)
    {
      guint n = g_rand_int_range (rand, 0, round < 20 ? 40 : 3000);
      guint span = g_rand_int_range (rand, 1, 5000);
      g_autofree Iv *ivs = g_new (Iv, n);
      g_autofree gboolean *alive = g_new0 (gboolean, n);
      g_autoptr(GlossatorIntervalIndex) index = glossator_interval_index_new ();

      for (guint i = 0; i < n; i++)
        {
          guint s = g_rand_int_range (rand, 0, span);
          guint len = g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 10) : g_rand_int_range (rand, 1, span);
          ivs[i] = (Iv) { s, s + len };
          if (g_rand_int_range (rand, 0, 3) > 0)
            {
              glossator_interval_index_add (index, ivs[i].start, ivs[i].end, GUINT_TO_POINTER (i + 1));
              alive[i] = TRUE;
            }
        }

      for (guint q = 0; q < 200; q++)
        {
          g_autoptr(GPtrArray) got = g_ptr_array_new ();
          g_autoptr(GPtrArray) want = g_ptr_array_new ();
          guint qs = g_rand_int_range (rand, 0, span + 20);
          guint qe = q % 2 ? qs + 1 : qs + g_rand_int_range (rand, 1, 200);

          /* Interleave edits so the lazy re-augmentation is exercised. */
          if (n > 0 && q % 5 == 0)
            {
              guint i = g_rand_int_range (rand, 0, n);
              if (alive[i])
                g_assert_true (glossator_interval_index_remove (index, ivs[i].start, ivs[i].end, GUINT_TO_POINTER (i + 1)));
              else
                glossator_interval_index_add (index, ivs[i].start, ivs[i].end, GUINT_TO_POINTER (i + 1));
              alive[i] = !alive[i];
            }

          if (q % 2)
            glossator_interval_index_query_point (index, qs, got);
          else
            glossator_interval_index_query_range (index, qs, qe, got);
          brute (ivs, n, alive, qs, qe, want);
          assert_same (got, want);
        }
    }
}

static void
test_order_and_edges (void)
{
  g_autoptr(GlossatorIntervalIndex) index = glossator_interval_index_new ();
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  glossator_interval_index_add (index, 10, 20, GUINT_TO_POINTER (1));
  glossator_interval_index_add (index, 0, 30, GUINT_TO_POINTER (2));
  glossator_interval_index_add (index, 12, 15, GUINT_TO_POINTER (3));

  /* End-exclusive: 20 is outside [10, 20). */
  glossator_interval_index_query_point (index, 20, hits);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (2));

  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_point (index, 12, hits);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (2));
  g_assert_true (hits->pdata[1] == GUINT_TO_POINTER (1));
  g_assert_true (hits->pdata[2] == GUINT_TO_POINTER (3));

  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_range (index, 30, 40, hits);
  g_assert_cmpuint (hits->len, ==, 0);

  g_assert_false (glossator_interval_index_remove (index, 10, 20, GUINT_TO_POINTER (3)));
  g_assert_true (glossator_interval_index_remove (index, 10, 20, GUINT_TO_POINTER (1)));
  g_assert_cmpuint (glossator_interval_index_get_size (index), ==, 2);
  glossator_interval_index_clear (index);
  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_point (index, 12, hits);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* 20,000 mentions on a 1 MB article: answers must come without a scan; the
 * count of touched entries is not observable, so check the large case for
 * correctness here and leave timing to bench/. */
static void
test_large (void)
{
  g_autoptr(GlossatorIntervalIndex) index = glossator_interval_index_new ();
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  for (guint i = 0; i < 20000; i++)
    glossator_interval_index_add (index, i * 50, i * 50 + 7, GUINT_TO_POINTER (i + 1));
  glossator_interval_index_add (index, 0, 1000000, GUINT_TO_POINTER (99999));

  glossator_interval_index_query_point (index, 500003, hits);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (99999));
  g_assert_true (hits->pdata[1] == GUINT_TO_POINTER (10001));

  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_range (index, 100, 260, hits);
  g_assert_cmpuint (hits->len, ==, 5);
}

static int
by_bounds_then_data (gconstpointer a, gconstpointer b, gpointer user_data)
{
  const Iv *ivs = user_data;
  guint x = GPOINTER_TO_UINT (*(gpointer *) a), y = GPOINTER_TO_UINT (*(gpointer *) b);
  const Iv *p = &ivs[x - 1], *q = &ivs[y - 1];

  if (p->start != q->start)
    return p->start < q->start ? -1 : 1;
  if (p->end != q->end)
    return p->end < q->end ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* What an index must answer: the intervals overlapping [qs, qe), in
 * (start, end, data) order; data are i + 1, so their order is i's. */
static void
expected (const Iv *ivs, guint n, guint qs, guint qe, GPtrArray *hits)
{
  for (guint i = 0; i < n; i++)
    if (ivs[i].start < qe && qs < ivs[i].end)
      g_ptr_array_add (hits, GUINT_TO_POINTER (i + 1));
  g_ptr_array_sort_with_data (hits, by_bounds_then_data, (gpointer) ivs);
}

static void
assert_same_sequence (GPtrArray *got, GPtrArray *want)
{
  g_assert_cmpuint (got->len, ==, want->len);
  for (guint i = 0; i < got->len; i++)
    g_assert_cmpuint (GPOINTER_TO_UINT (got->pdata[i]), ==, GPOINTER_TO_UINT (want->pdata[i]));
}

/* Both indexes must give every query's hits in the same order as a scan
 * sorted by (start, end, data). */
static void
assert_queries (GlossatorIntervalIndex *bulk,
                GlossatorIntervalIndex *one_by_one,
                const Iv               *ivs,
                guint                   n,
                guint                   span,
                GRand                  *rand)
{
  for (guint q = 0; q < 300; q++)
    {
      g_autoptr(GPtrArray) got_bulk = g_ptr_array_new ();
      g_autoptr(GPtrArray) got_single = g_ptr_array_new ();
      g_autoptr(GPtrArray) want = g_ptr_array_new ();
      /* Every offset of a small span, random ones of a large one. */
      guint qs = span <= 150 ? q % (span + 2) : (guint) g_rand_int_range (rand, 0, span + 20);
      guint qe = q % 2 ? qs + 1 : qs + (guint) g_rand_int_range (rand, 1, 300);

      if (q % 2)
        {
          glossator_interval_index_query_point (bulk, qs, got_bulk);
          glossator_interval_index_query_point (one_by_one, qs, got_single);
        }
      else
        {
          glossator_interval_index_query_range (bulk, qs, qe, got_bulk);
          glossator_interval_index_query_range (one_by_one, qs, qe, got_single);
        }
      expected (ivs, n, qs, qe, want);
      assert_same_sequence (got_bulk, want);
      assert_same_sequence (got_single, want);
    }
}

/* A load appends in file order and sorts once: it must answer exactly as
 * the same intervals added one at a time in another order do, on layouts
 * where order is decided by the end or by the data alone (one shared
 * start, nested from one start, the same bounds many times). */
static void
test_append_matches_add (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (1234);

  for (guint round = 0; round < 60; round++)
    {
      guint layout = round % 4;
      guint n = round < 8 ? round : (guint) g_rand_int_range (rand, 1, round < 40 ? 200 : 4000);
      guint span = layout == 3 ? g_rand_int_range (rand, 1, 3000) : 100;
      g_autofree Iv *ivs = g_new (Iv, n);
      g_autofree guint *shuffled = g_new (guint, n);
      g_autoptr(GlossatorIntervalIndex) bulk = glossator_interval_index_new ();
      g_autoptr(GlossatorIntervalIndex) one_by_one = glossator_interval_index_new ();

      for (guint i = 0; i < n; i++)
        {
          guint s, e;

          switch (layout)
            {
            case 0: /* all on one start, a few ends */
              s = 7, e = 7 + g_rand_int_range (rand, 1, 4);
              break;
            case 1: /* nested: one start, every end different or not */
              s = 0, e = g_rand_int_range (rand, 1, span);
              break;
            case 2: /* the same bounds, and some repeated from an earlier one */
              s = 3, e = 9;
              break;
            default: /* random, short and long */
              s = g_rand_int_range (rand, 0, span);
              e = s + (g_rand_boolean (rand) ? g_rand_int_range (rand, 1, 10) : g_rand_int_range (rand, 1, span));
              break;
            }
          if (i > 0 && g_rand_int_range (rand, 0, 8) == 0)
            s = ivs[i - 1].start, e = ivs[i - 1].end;
          ivs[i] = (Iv) { s, e };
          shuffled[i] = i;
        }
      for (guint i = n; i > 1; i--)
        {
          guint j = g_rand_int_range (rand, 0, i), t = shuffled[i - 1];

          shuffled[i - 1] = shuffled[j];
          shuffled[j] = t;
        }

      /* The load in file order, which is often the index's order: the
       * shuffle gives the other case. */
      for (guint i = 0; i < n; i++)
        {
          guint k = round % 2 ? shuffled[i] : i;
          glossator_interval_index_append (bulk, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1));
        }
      for (guint i = 0; i < n; i++)
        {
          guint k = round % 2 ? i : shuffled[i];
          glossator_interval_index_add (one_by_one, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1));
        }
      g_assert_cmpuint (glossator_interval_index_get_size (bulk), ==, n);
      g_assert_cmpuint (glossator_interval_index_get_size (one_by_one), ==, n);
      assert_queries (bulk, one_by_one, ivs, n, span, rand);

      /* Edits after a load: remove one, then put it back by add. */
      if (n > 0)
        {
          guint k = g_rand_int_range (rand, 0, n);

          g_assert_true (glossator_interval_index_remove (bulk, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1)));
          g_assert_true (glossator_interval_index_remove (one_by_one, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1)));
          g_assert_false (glossator_interval_index_remove (bulk, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1)));
          glossator_interval_index_add (bulk, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1));
          glossator_interval_index_add (one_by_one, ivs[k].start, ivs[k].end, GUINT_TO_POINTER (k + 1));
          assert_queries (bulk, one_by_one, ivs, n, span, rand);
        }
    }
}

/* The smallest loads, and a query before and after a load into an index
 * that already answered one. */
static void
test_append_small (void)
{
  g_autoptr(GlossatorIntervalIndex) index = glossator_interval_index_new ();
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  glossator_interval_index_query_range (index, 0, 100, hits);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (glossator_interval_index_get_size (index), ==, 0);

  glossator_interval_index_append (index, 4, 6, GUINT_TO_POINTER (1));
  glossator_interval_index_query_point (index, 3, hits);
  g_assert_cmpuint (hits->len, ==, 0);
  glossator_interval_index_query_point (index, 5, hits);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (1));

  /* Out of order after the index was sorted and augmented. */
  glossator_interval_index_append (index, 4, 9, GUINT_TO_POINTER (3));
  glossator_interval_index_append (index, 0, 5, GUINT_TO_POINTER (2));
  glossator_interval_index_append (index, 4, 6, GUINT_TO_POINTER (0));
  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_point (index, 4, hits);
  g_assert_cmpuint (hits->len, ==, 4);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (2));
  g_assert_true (hits->pdata[1] == GUINT_TO_POINTER (0));
  g_assert_true (hits->pdata[2] == GUINT_TO_POINTER (1));
  g_assert_true (hits->pdata[3] == GUINT_TO_POINTER (3));
  g_assert_true (glossator_interval_index_remove (index, 4, 6, GUINT_TO_POINTER (0)));
  g_ptr_array_set_size (hits, 0);
  glossator_interval_index_query_range (index, 6, 7, hits);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_true (hits->pdata[0] == GUINT_TO_POINTER (3));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interval-index/brute-force", test_against_brute_force);
  g_test_add_func ("/interval-index/order-and-edges", test_order_and_edges);
  g_test_add_func ("/interval-index/large", test_large);
  g_test_add_func ("/interval-index/append-matches-add", test_append_matches_add);
  g_test_add_func ("/interval-index/append-small", test_append_small);

  return g_test_run ();
}

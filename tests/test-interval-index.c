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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/interval-index/brute-force", test_against_brute_force);
  g_test_add_func ("/interval-index/order-and-edges", test_order_and_edges);
  g_test_add_func ("/interval-index/large", test_large);

  return g_test_run ();
}

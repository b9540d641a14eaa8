/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-agree"

#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "glossator-agree-private.h"

double
_glossator_cohen_kappa (const double *matrix,
                        guint         n_categories)
{
  g_autofree double *rows = g_new0 (double, n_categories + 1);
  g_autofree double *columns = g_new0 (double, n_categories + 1);
  double total = 0, agreed = 0, expected = 0;

  for (guint a = 0; a < n_categories; a++)
    for (guint b = 0; b < n_categories; b++)
      {
        double n = matrix[a * n_categories + b];

        rows[a] += n;
        columns[b] += n;
        total += n;
        if (a == b)
          agreed += n;
      }
  if (total == 0)
    return NAN;

  for (guint c = 0; c < n_categories; c++)
    expected += (rows[c] / total) * (columns[c] / total);
  /* Both coders used one and the same category throughout: nothing to
   * correct for chance with. */
  if (expected >= 1.0)
    return NAN;
  return (agreed / total - expected) / (1.0 - expected);
}

void
_glossator_fleiss_init (GlossatorFleiss *fleiss,
                        guint            n_coders)
{
  *fleiss = (GlossatorFleiss) { n_coders, 0, 0, 0, g_array_new (FALSE, TRUE, sizeof (guint64)) };
}

void
_glossator_fleiss_clear (GlossatorFleiss *fleiss)
{
  g_clear_pointer (&fleiss->totals, g_array_unref);
}

static void
fleiss_grow (GlossatorFleiss *fleiss,
             guint            n_categories)
{
  if (n_categories > fleiss->n_categories)
    {
      g_array_set_size (fleiss->totals, n_categories);
      fleiss->n_categories = n_categories;
    }
}

void
_glossator_fleiss_add (GlossatorFleiss *fleiss,
                       const guint     *counts,
                       guint            n_categories)
{
  guint64 *totals;

  fleiss_grow (fleiss, n_categories);
  totals = (guint64 *) (gpointer) fleiss->totals->data;
  for (guint c = 0; c < n_categories; c++)
    {
      totals[c] += counts[c];
      fleiss->sum_agreement += (double) counts[c] * ((double) counts[c] - 1.0);
    }
  fleiss->n_items++;
}

void
_glossator_fleiss_merge (GlossatorFleiss       *fleiss,
                         const GlossatorFleiss *other)
{
  g_assert (fleiss->n_coders == other->n_coders);

  fleiss_grow (fleiss, other->n_categories);
  for (guint c = 0; c < other->n_categories; c++)
    g_array_index (fleiss->totals, guint64, c) += g_array_index (other->totals, guint64, c);
  fleiss->sum_agreement += other->sum_agreement;
  fleiss->n_items += other->n_items;
}

double
_glossator_fleiss_kappa (const GlossatorFleiss *fleiss)
{
  double n = fleiss->n_coders;
  double assignments = (double) fleiss->n_items * n;
  double observed, expected = 0;

  if (fleiss->n_items == 0 || fleiss->n_coders < 2)
    return NAN;

  observed = fleiss->sum_agreement / ((double) fleiss->n_items * n * (n - 1.0));
  for (guint c = 0; c < fleiss->n_categories; c++)
    {
      double p = (double) g_array_index (fleiss->totals, guint64, c) / assignments;

      expected += p * p;
    }
  if (expected >= 1.0)
    return NAN;
  return (observed - expected) / (1.0 - expected);
}

void
_glossator_alpha_init (GlossatorAlpha *alpha)
{
  alpha->coincidences = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

void
_glossator_alpha_clear (GlossatorAlpha *alpha)
{
  g_clear_pointer (&alpha->coincidences, g_hash_table_unref);
}

static void
coincide (GlossatorAlpha *alpha,
          guint           c,
          guint           k,
          double          amount)
{
  gint64 key = ((gint64) c << 32) | k;
  double *value = g_hash_table_lookup (alpha->coincidences, &key);

  if (value == NULL)
    {
      value = g_new0 (double, 1);
      g_hash_table_insert (alpha->coincidences, g_memdup2 (&key, sizeof key), value);
    }
  *value += amount;
}

void
_glossator_alpha_add (GlossatorAlpha *alpha,
                      const int      *values,
                      guint           n_coders)
{
  guint m = 0;

  for (guint i = 0; i < n_coders; i++)
    if (values[i] >= 0)
      m++;
  if (m < 2)
    return;

  /* Every ordered pair of values from different coders, weighted 1/(m−1). */
  for (guint i = 0; i < n_coders; i++)
    for (guint j = 0; j < n_coders; j++)
      if (i != j && values[i] >= 0 && values[j] >= 0)
        coincide (alpha, (guint) values[i], (guint) values[j], 1.0 / (m - 1));
}

void
_glossator_alpha_merge (GlossatorAlpha       *alpha,
                        const GlossatorAlpha *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, other->coincidences);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 pair = *(gint64 *) key;

      coincide (alpha, (guint) (pair >> 32), (guint) (pair & 0xffffffff), *(double *) value);
    }
}

double
_glossator_alpha_nominal (const GlossatorAlpha *alpha)
{
  g_autoptr(GHashTable) marginals = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_free);
  GHashTableIter iter;
  gpointer key, value;
  double n = 0, disagreeing = 0, expected = 0, sum_squares = 0;

  g_hash_table_iter_init (&iter, alpha->coincidences);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 pair = *(gint64 *) key;
      guint c = (guint) (pair >> 32), k = (guint) (pair & 0xffffffff);
      double o = *(double *) value;
      double *marginal = g_hash_table_lookup (marginals, GUINT_TO_POINTER (c));

      if (marginal == NULL)
        {
          marginal = g_new0 (double, 1);
          g_hash_table_insert (marginals, GUINT_TO_POINTER (c), marginal);
        }
      *marginal += o;
      n += o;
      if (c != k)
        disagreeing += o;
    }

  g_hash_table_iter_init (&iter, marginals);
  while (g_hash_table_iter_next (&iter, &key, &value))
    sum_squares += *(double *) value * *(double *) value;
  /* Σ_{c≠k} n_c n_k */
  expected = n * n - sum_squares;
  if (n <= 1 || expected <= 0)
    return NAN;
  return 1.0 - (n - 1.0) * disagreeing / expected;
}

/* One coder's continuum for one category: its units and the gaps between
 * them, in order. */
typedef struct {
  guint64  start;
  guint64  end;
  gboolean unit;
} Segment;

static GArray *
segments_of (GArray  *units,
             guint64  length)
{
  GArray *segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  guint64 at = 0;

  for (guint i = 0; units != NULL && i < units->len / 2; i++)
    {
      guint64 start = g_array_index (units, guint64, 2 * i);
      guint64 end = g_array_index (units, guint64, 2 * i + 1);
      Segment gap = { at, start, FALSE }, unit = { start, end, TRUE };

      g_assert (start >= at && end > start && end <= length);
      if (start > at)
        g_array_append_val (segments, gap);
      g_array_append_val (segments, unit);
      at = end;
    }
  if (at < length)
    {
      Segment gap = { at, length, FALSE };

      g_array_append_val (segments, gap);
    }
  return segments;
}

/* δ² of two intersecting segments (Krippendorff 1995): two units differ by
 * the squares of the distances between their starts and between their
 * ends; a unit lying wholly within the other coder's gap by its length
 * squared; a unit partly in a gap, or two gaps, not at all. */
static double
segment_distance (const Segment *a,
                  const Segment *b)
{
  if (a->unit && b->unit)
    {
      double ds = (double) a->start - (double) b->start;
      double de = (double) a->end - (double) b->end;

      return ds * ds + de * de;
    }
  if (a->unit && !b->unit && a->start >= b->start && a->end <= b->end)
    return (double) (a->end - a->start) * (double) (a->end - a->start);
  if (!a->unit && b->unit && b->start >= a->start && b->end <= a->end)
    return (double) (b->end - b->start) * (double) (b->end - b->start);
  return 0;
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

double
_glossator_alpha_u (guint64         length,
                    GArray * const *units,
                    guint           n_coders,
                    double         *observed,
                    double         *expected)
{
  g_autoptr(GPtrArray) segments = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autoptr(GArray) gaps = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autofree double *suffix_sums = NULL;
  double d_o = 0, d_e, sum_e = 0, squared_lengths = 0, n_units = 0;
  double l = (double) length, m = n_coders;

  if (observed != NULL)
    *observed = NAN;
  if (expected != NULL)
    *expected = NAN;
  if (length == 0 || n_coders < 2)
    return NAN;

  for (guint i = 0; i < n_coders; i++)
    g_ptr_array_add (segments, segments_of (units[i], length));

  /* Observed: every pair of coders, every pair of their segments that
   * share a stretch of the continuum. */
  for (guint i = 0; i < n_coders; i++)
    for (guint j = i + 1; j < n_coders; j++)
      {
        GArray *a = g_ptr_array_index (segments, i), *b = g_ptr_array_index (segments, j);
        guint x = 0, y = 0;

        while (x < a->len && y < b->len)
          {
            const Segment *sa = &g_array_index (a, Segment, x);
            const Segment *sb = &g_array_index (b, Segment, y);

            d_o += segment_distance (sa, sb);
            if (sa->end < sb->end)
              x++;
            else if (sb->end < sa->end)
              y++;
            else
              x++, y++;
          }
      }
  d_o = 2.0 * d_o / (m * (m - 1.0) * l * l);

  /* Expected: every unit against every place it could take in every gap
   * of any coder, and against the other units. */
  for (guint i = 0; i < n_coders; i++)
    {
      GArray *s = g_ptr_array_index (segments, i);

      for (guint x = 0; x < s->len; x++)
        {
          const Segment *seg = &g_array_index (s, Segment, x);
          guint64 len = seg->end - seg->start;

          if (seg->unit)
            {
              n_units++;
              squared_lengths += (double) len * ((double) len - 1.0);
            }
          else
            g_array_append_val (gaps, len);
        }
    }
  g_array_sort (gaps, compare_guint64);
  /* suffix_sums[k] = Σ of gaps[k…] */
  suffix_sums = g_new0 (double, gaps->len + 1);
  for (guint k = gaps->len; k > 0; k--)
    suffix_sums[k - 1] = suffix_sums[k] + (double) g_array_index (gaps, guint64, k - 1);

  for (guint i = 0; i < n_coders; i++)
    {
      GArray *s = g_ptr_array_index (segments, i);

      for (guint x = 0; x < s->len; x++)
        {
          const Segment *seg = &g_array_index (s, Segment, x);
          double len = (double) (seg->end - seg->start);
          guint lo = 0, hi = gaps->len;
          double fits;

          if (!seg->unit)
            continue;
          /* The first gap at least as long as the unit. */
          while (lo < hi)
            {
              guint mid = lo + (hi - lo) / 2;

              if ((double) g_array_index (gaps, guint64, mid) < len)
                lo = mid + 1;
              else
                hi = mid;
            }
          /* Σ over those gaps of (gap − len + 1) */
          fits = suffix_sums[lo] - (len - 1.0) * (double) (gaps->len - lo);
          sum_e += (n_units - 1.0) * (2.0 * len * len * len - 3.0 * len * len + len) / 3.0 +
                   len * len * fits;
        }
    }
  d_e = (2.0 / l) * sum_e / (m * l * (m * l - 1.0) - squared_lengths);

  if (observed != NULL)
    *observed = d_o;
  if (expected != NULL)
    *expected = d_e;
  if (!(d_e > 0))
    return NAN;
  return 1.0 - d_o / d_e;
}

/* Kuhn–Munkres with potentials (the O(n²m) form of Jonker and Volgenant's
 * shortest augmenting paths), minimising the negated weights; rows are the
 * smaller side. */
static double
assign_rows (const double *cost,     /* n × m, n ≤ m; cost[i * m + j] */
             guint         n,
             guint         m,
             int          *row_to_column)
{
  g_autofree double *u = g_new0 (double, n + 1);
  g_autofree double *v = g_new0 (double, m + 1);
  g_autofree guint *p = g_new0 (guint, m + 1);    /* p[j]: the row (1-based) in column j, 0 none */
  g_autofree guint *way = g_new0 (guint, m + 1);
  g_autofree double *minv = g_new (double, m + 1);
  g_autofree gboolean *used = g_new (gboolean, m + 1);
  double total = 0;

  for (guint i = 1; i <= n; i++)
    {
      guint j0 = 0;

      p[0] = i;
      for (guint j = 0; j <= m; j++)
        {
          minv[j] = INFINITY;
          used[j] = FALSE;
        }
      do
        {
          guint i0 = p[j0], j1 = 0;
          double delta = INFINITY;

          used[j0] = TRUE;
          for (guint j = 1; j <= m; j++)
            if (!used[j])
              {
                double reduced = cost[(gsize) (i0 - 1) * m + (j - 1)] - u[i0] - v[j];

                if (reduced < minv[j])
                  {
                    minv[j] = reduced;
                    way[j] = j0;
                  }
                if (minv[j] < delta)
                  {
                    delta = minv[j];
                    j1 = j;
                  }
              }
          for (guint j = 0; j <= m; j++)
            if (used[j])
              {
                u[p[j]] += delta;
                v[j] -= delta;
              }
            else
              minv[j] -= delta;
          j0 = j1;
        }
      while (p[j0] != 0);
      do
        {
          guint j1 = way[j0];

          p[j0] = p[j1];
          j0 = j1;
        }
      while (j0 != 0);
    }

  for (guint i = 0; i < n; i++)
    row_to_column[i] = -1;
  for (guint j = 1; j <= m; j++)
    if (p[j] != 0)
      {
        row_to_column[p[j] - 1] = (int) (j - 1);
        total += cost[(gsize) (p[j] - 1) * m + (j - 1)];
      }
  return total;
}

double
_glossator_max_assignment (const double *weights,
                           guint         n_rows,
                           guint         n_columns,
                           int          *row_to_column)
{
  gboolean transpose = n_rows > n_columns;
  guint n = transpose ? n_columns : n_rows, m = transpose ? n_rows : n_columns;
  g_autofree double *cost = NULL;
  g_autofree int *assigned = NULL;
  double total;

  if (row_to_column != NULL)
    for (guint i = 0; i < n_rows; i++)
      row_to_column[i] = -1;
  if (n == 0)
    return 0;

  cost = g_new (double, (gsize) n * m);
  for (guint i = 0; i < n_rows; i++)
    for (guint j = 0; j < n_columns; j++)
      {
        double w = -weights[(gsize) i * n_columns + j];

        if (transpose)
          cost[(gsize) j * m + i] = w;
        else
          cost[(gsize) i * m + j] = w;
      }

  assigned = g_new (int, n);
  total = -assign_rows (cost, n, m, assigned);
  if (row_to_column != NULL)
    for (guint k = 0; k < n; k++)
      {
        if (assigned[k] < 0)
          continue;
        if (transpose)
          row_to_column[assigned[k]] = (int) k;
        else
          row_to_column[k] = assigned[k];
      }
  return total;
}

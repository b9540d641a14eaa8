/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-interval-index"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossator-interval-index.h"

typedef struct {
  guint    start;
  guint    end;
  guint    max_end;   /* largest end in this node's implicit subtree */
  gpointer data;
} Entry;

struct _GlossatorIntervalIndex {
  GArray *entries;
  int     max_level;
  guint   sorted : 1;
  guint   augmented : 1;
};

GlossatorIntervalIndex *
glossator_interval_index_new (void)
{
  GlossatorIntervalIndex *self = g_new0 (GlossatorIntervalIndex, 1);

  self->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  self->sorted = TRUE;
  self->augmented = FALSE;

  return self;
}

void
glossator_interval_index_free (GlossatorIntervalIndex *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->entries);
  g_free (self);
}

void
glossator_interval_index_clear (GlossatorIntervalIndex *self)
{
  g_return_if_fail (self != NULL);

  g_array_set_size (self->entries, 0);
  self->sorted = TRUE;
  self->augmented = FALSE;
}

guint
glossator_interval_index_get_size (GlossatorIntervalIndex *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->entries->len;
}

static int
entry_compare (const Entry *a,
               const Entry *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  if (a->data != b->data)
    return (guintptr) a->data < (guintptr) b->data ? -1 : 1;
  return 0;
}

static int
entry_compare_cb (const void *a,
                  const void *b)
{
  return entry_compare (a, b);
}

/* First position whose entry is not less than @key. */
static guint
lower_bound (GlossatorIntervalIndex *self,
             const Entry            *key)
{
  const Entry *e = (const Entry *) (gpointer) self->entries->data;
  guint lo = 0, hi = self->entries->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (entry_compare (&e[mid], key) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo;
}

void
glossator_interval_index_add (GlossatorIntervalIndex *self,
                              guint                   start,
                              guint                   end,
                              gpointer                data)
{
  Entry entry = { start, end, end, data };

  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end);

  self->augmented = FALSE;

  /* An edit keeps the order (a memmove) rather than leave a sort of the
   * whole array to the next query; while the order is lost anyway (a load
   * under way) or the array is small, appending is cheaper. */
  if (!self->sorted || self->entries->len <= 64 ||
      entry_compare (&g_array_index (self->entries, Entry, self->entries->len - 1), &entry) <= 0)
    glossator_interval_index_append (self, start, end, data);
  else
    g_array_insert_val (self->entries, lower_bound (self, &entry), entry);
}

void
glossator_interval_index_append (GlossatorIntervalIndex *self,
                                 guint                   start,
                                 guint                   end,
                                 gpointer                data)
{
  Entry entry = { start, end, end, data };
  guint len;

  g_return_if_fail (self != NULL);
  g_return_if_fail (start <= end);

  len = self->entries->len;
  self->augmented = FALSE;
  if (self->sorted && len > 0 &&
      entry_compare (&g_array_index (self->entries, Entry, len - 1), &entry) > 0)
    self->sorted = FALSE;
  g_array_append_val (self->entries, entry);
}

static void
ensure_sorted (GlossatorIntervalIndex *self)
{
  if (self->sorted)
    return;

  qsort (self->entries->data, self->entries->len, sizeof (Entry), entry_compare_cb);
  self->sorted = TRUE;
  self->augmented = FALSE;
}

gboolean
glossator_interval_index_remove (GlossatorIntervalIndex *self,
                                 guint                   start,
                                 guint                   end,
                                 gpointer                data)
{
  Entry key = { start, end, end, data };
  guint pos;

  g_return_val_if_fail (self != NULL, FALSE);

  ensure_sorted (self);
  pos = lower_bound (self, &key);
  if (pos >= self->entries->len ||
      entry_compare (&g_array_index (self->entries, Entry, pos), &key) != 0)
    return FALSE;

  g_array_remove_index (self->entries, pos);
  self->augmented = FALSE;
  return TRUE;
}

/* Builds the implicit tree: node i sits at level = number of trailing 1 bits
 * of i; leaves are the even indices. Nodes past the array's end are
 * imaginary and take the max of the last real subtree. */
static void
ensure_augmented (GlossatorIntervalIndex *self)
{
  Entry *a;
  guint n, last_i = 0, last = 0;
  int k;

  ensure_sorted (self);
  if (self->augmented)
    return;

  a = (Entry *) (gpointer) self->entries->data;
  n = self->entries->len;
  self->augmented = TRUE;
  self->max_level = -1;
  if (n == 0)
    return;

  for (guint i = 0; i < n; i += 2)
    {
      last_i = i;
      last = a[i].max_end = a[i].end;
    }

  for (k = 1; ((guint) 1 << k) <= n; k++)
    {
      guint x = (guint) 1 << (k - 1);
      guint i0 = (x << 1) - 1;
      guint step = x << 2;

      for (guint i = i0; i < n; i += step)
        {
          guint el = a[i - x].max_end;
          guint er = i + x < n ? a[i + x].max_end : last;
          guint e = a[i].end;

          e = MAX (e, el);
          e = MAX (e, er);
          a[i].max_end = e;
        }

      last_i = ((last_i >> k) & 1) ? last_i - x : last_i + x;
      if (last_i < n && a[last_i].max_end > last)
        last = a[last_i].max_end;
    }

  self->max_level = k - 1;
}

typedef struct {
  guint node;
  int   level;
  guint visited;
} Frame;

static void
query (GlossatorIntervalIndex *self,
       guint                   start,
       guint                   end,
       GPtrArray              *hits)
{
  const Entry *a;
  guint n;
  Frame stack[64];
  int top = 0;

  ensure_augmented (self);
  a = (const Entry *) (gpointer) self->entries->data;
  n = self->entries->len;
  if (n == 0)
    return;

  stack[top++] = (Frame) { ((guint) 1 << self->max_level) - 1, self->max_level, 0 };

  while (top > 0)
    {
      Frame f = stack[--top];

      if (f.level <= 3)
        {
          /* Small subtree: scan it in order. */
          guint i0 = f.node >> f.level << f.level;
          guint i1 = MIN (i0 + ((guint) 1 << (f.level + 1)) - 1, n);

          for (guint i = i0; i < i1 && a[i].start < end; i++)
            if (start < a[i].end)
              g_ptr_array_add (hits, a[i].data);
        }
      else if (!f.visited)
        {
          guint left = f.node - ((guint) 1 << (f.level - 1));

          stack[top++] = (Frame) { f.node, f.level, 1 };
          if (left >= n || a[left].max_end > start)
            stack[top++] = (Frame) { left, f.level - 1, 0 };
        }
      else if (f.node < n && a[f.node].start < end)
        {
          if (start < a[f.node].end)
            g_ptr_array_add (hits, a[f.node].data);
          stack[top++] = (Frame) { f.node + ((guint) 1 << (f.level - 1)), f.level - 1, 0 };
        }
    }
}

void
glossator_interval_index_query_point (GlossatorIntervalIndex *self,
                                      guint                   offset,
                                      GPtrArray              *hits)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (hits != NULL);

  if (offset == G_MAXUINT)
    return;
  query (self, offset, offset + 1, hits);
}

void
glossator_interval_index_query_range (GlossatorIntervalIndex *self,
                                      guint                   start,
                                      guint                   end,
                                      GPtrArray              *hits)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (hits != NULL);

  if (start >= end)
    return;
  query (self, start, end, hits);
}

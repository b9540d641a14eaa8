/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-agree"

#include "config.h"

#include "glossator-agree-private.h"

char *
_glossator_spans_key (const GlossatorSpan *spans,
                      guint                n_spans)
{
  GString *key = g_string_new (NULL);

  for (guint k = 0; k < n_spans; k++)
    g_string_append_printf (key, "%s%u-%u", k > 0 ? "," : "", spans[k].start, spans[k].end);
  return g_string_free (key, FALSE);
}

char *
_glossator_mention_place_key (const GlossatorMention *mention)
{
  return _glossator_spans_key (mention->fragments, mention->n_fragments);
}

static guint
mention_length (const GlossatorMention *mention)
{
  guint n = 0;

  for (guint f = 0; f < mention->n_fragments; f++)
    n += mention->fragments[f].end - mention->fragments[f].start;
  return n;
}

/* Code points two mentions share (fragments are sorted and apart). */
static guint
shared_length (const GlossatorMention *a,
               const GlossatorMention *b)
{
  guint i = 0, j = 0, n = 0;

  while (i < a->n_fragments && j < b->n_fragments)
    {
      guint start = MAX (a->fragments[i].start, b->fragments[j].start);
      guint end = MIN (a->fragments[i].end, b->fragments[j].end);

      if (end > start)
        n += end - start;
      if (a->fragments[i].end < b->fragments[j].end)
        i++;
      else
        j++;
    }
  return n;
}

typedef struct {
  guint    a;
  guint    b;
  guint    shared;
  gboolean same_label;
  double   jaccard;
} Candidate;

static int
compare_candidates (gconstpointer x,
                    gconstpointer y)
{
  const Candidate *p = x, *q = y;

  if (p->jaccard != q->jaccard)
    return p->jaccard > q->jaccard ? -1 : 1;
  if (p->same_label != q->same_label)
    return p->same_label ? -1 : 1;
  if (p->shared != q->shared)
    return p->shared > q->shared ? -1 : 1;
  if (p->a != q->a)
    return p->a < q->a ? -1 : 1;
  return p->b < q->b ? -1 : (p->b > q->b);
}

/* One to one, in the order of @a: each A mention takes the first unused B
 * mention with the same key. */
static void
match_exact (GPtrArray *mentions_a,
             GPtrArray *mentions_b,
             gboolean   with_label,
             int       *a_to_b,
             gboolean  *exact,
             gboolean  *used_b)
{
  g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) g_queue_free);

  for (guint j = 0; j < mentions_b->len; j++)
    {
      GlossatorMention *b = g_ptr_array_index (mentions_b, j);
      g_autofree char *place = _glossator_mention_place_key (b);
      char *key;
      GQueue *queue;

      if (used_b[j])
        continue;
      key = g_strconcat (with_label ? b->label : "", "\x1f", place, NULL);
      if ((queue = g_hash_table_lookup (places, key)) == NULL)
        g_hash_table_insert (places, key, (queue = g_queue_new ()));
      else
        g_free (key);
      g_queue_push_tail (queue, GUINT_TO_POINTER (j));
    }
  for (guint i = 0; i < mentions_a->len; i++)
    {
      GlossatorMention *a = g_ptr_array_index (mentions_a, i);
      g_autofree char *place = NULL;
      g_autofree char *key = NULL;
      GQueue *queue;

      if (a_to_b[i] >= 0)
        continue;
      place = _glossator_mention_place_key (a);
      key = g_strconcat (with_label ? a->label : "", "\x1f", place, NULL);
      queue = g_hash_table_lookup (places, key);
      if (queue != NULL && !g_queue_is_empty (queue))
        {
          guint j = GPOINTER_TO_UINT (g_queue_pop_head (queue));

          a_to_b[i] = (int) j;
          exact[i] = with_label;
          used_b[j] = TRUE;
        }
    }
}

void
_glossator_align_mentions (GPtrArray *mentions_a,
                           GPtrArray *mentions_b,
                           gboolean   same_label,
                           int       *a_to_b,
                           gboolean  *exact)
{
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_autofree gboolean *used_b = g_new0 (gboolean, mentions_b->len + 1);
  g_autofree guint *max_end = g_new0 (guint, mentions_b->len + 1);

  for (guint i = 0; i < mentions_a->len; i++)
    {
      a_to_b[i] = -1;
      exact[i] = FALSE;
    }
  match_exact (mentions_a, mentions_b, TRUE, a_to_b, exact, used_b);
  if (!same_label)
    match_exact (mentions_a, mentions_b, FALSE, a_to_b, exact, used_b);

  /* Both lists are by start: the B mentions that can overlap A's start
   * before its end, and from the first whose running maximum end passes
   * its start (found by bisection: the maximum only grows). */
  for (guint j = 0; j < mentions_b->len; j++)
    {
      guint end = glossator_mention_get_end (g_ptr_array_index (mentions_b, j));

      max_end[j] = j > 0 ? MAX (max_end[j - 1], end) : end;
    }
  for (guint i = 0; i < mentions_a->len; i++)
    {
      GlossatorMention *a = g_ptr_array_index (mentions_a, i);
      guint a_start = glossator_mention_get_start (a);
      guint a_end = glossator_mention_get_end (a);
      guint a_length = mention_length (a);
      guint low = 0, high = mentions_b->len;

      if (a_to_b[i] >= 0)
        continue;
      while (low < high)
        {
          guint middle = low + (high - low) / 2;

          if (max_end[middle] > a_start)
            high = middle;
          else
            low = middle + 1;
        }
      for (guint j = low; j < mentions_b->len; j++)
        {
          GlossatorMention *b = g_ptr_array_index (mentions_b, j);
          Candidate candidate;

          if (glossator_mention_get_start (b) >= a_end)
            break;
          candidate.same_label = g_strcmp0 (a->label, b->label) == 0;
          if (used_b[j] || (same_label && !candidate.same_label))
            continue;
          candidate.shared = shared_length (a, b);
          if (candidate.shared == 0)
            continue;
          candidate.a = i;
          candidate.b = j;
          candidate.jaccard = (double) candidate.shared / (a_length + mention_length (b) - candidate.shared);
          g_array_append_val (candidates, candidate);
        }
    }
  g_array_sort (candidates, compare_candidates);
  for (guint k = 0; k < candidates->len; k++)
    {
      const Candidate *c = &g_array_index (candidates, Candidate, k);

      if (a_to_b[c->a] >= 0 || used_b[c->b])
        continue;
      a_to_b[c->a] = (int) c->b;
      used_b[c->b] = TRUE;
    }
}

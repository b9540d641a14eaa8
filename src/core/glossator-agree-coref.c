/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-agree"

#include "config.h"

#include <math.h>

#include "glossator-agree-private.h"

/* The coreference metrics of the CoNLL-2012 reference scorer (v8.01,
 * Pradhan et al. 2014): MUC (Vilain et al. 1995), B³ (Bagga and Baldwin
 * 1998), CEAF-m and CEAF-e (Luo 2005) and BLANC (Recasens and Hovy 2011,
 * extended to system mentions by Luo et al. 2014). Mentions present on one
 * side only count where the scorer counts them: as singletons of their
 * own in the other side's partition (MUC), as zero overlap (B³, CEAF), as
 * links no other side has (BLANC). */

typedef struct {
  GArray     *entity_sizes;  /* guint, per entity */
  GHashTable *entity_of;     /* mention → entity + 1 */
  guint       n_mentions;
} Side;

static void
side_init (Side                        *side,
           const GlossatorChainMention *mentions,
           guint                        n)
{
  g_autoptr(GHashTable) entities = g_hash_table_new (g_direct_hash, g_direct_equal);

  side->entity_sizes = g_array_new (FALSE, TRUE, sizeof (guint));
  side->entity_of = g_hash_table_new (g_direct_hash, g_direct_equal);
  side->n_mentions = 0;

  for (guint i = 0; i < n; i++)
    {
      gpointer found;
      guint entity;

      /* The scorer keeps the first of a response's repeated mentions;
       * the reference is treated alike (README: Agreement). */
      if (g_hash_table_contains (side->entity_of, GUINT_TO_POINTER (mentions[i].mention)))
        continue;
      if (g_hash_table_lookup_extended (entities, GUINT_TO_POINTER (mentions[i].entity), NULL, &found))
        entity = GPOINTER_TO_UINT (found);
      else
        {
          entity = side->entity_sizes->len;
          g_array_set_size (side->entity_sizes, entity + 1);
          g_hash_table_insert (entities, GUINT_TO_POINTER (mentions[i].entity), GUINT_TO_POINTER (entity));
        }
      g_array_index (side->entity_sizes, guint, entity)++;
      g_hash_table_insert (side->entity_of, GUINT_TO_POINTER (mentions[i].mention), GUINT_TO_POINTER (entity + 1));
      side->n_mentions++;
    }
}

static void
side_clear (Side *side)
{
  g_clear_pointer (&side->entity_sizes, g_array_unref);
  g_clear_pointer (&side->entity_of, g_hash_table_unref);
}

/* The entity of @mention on @side, -1 when it is not there. */
static int
entity_on (Side  *side,
           guint  mention)
{
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (side->entity_of, GUINT_TO_POINTER (mention))) - 1;
}

static guint64
pairs (guint64 n)
{
  return n * (n - (n > 0)) / 2;
}

/* MUC of @a's entities against @b's partition: Σ (|K| − |p(K)|) over
 * Σ (|K| − 1), where each mention of K that @b lacks is a part of its own. */
static void
muc_side (Side   *a,
          Side   *b,
          double *num,
          double *den)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autofree guint *parts = g_new0 (guint, a->entity_sizes->len + 1);
  g_autofree gint64 *keys = g_new (gint64, a->n_mentions + 1);
  GHashTableIter iter;
  gpointer key, value;
  guint k = 0;

  g_hash_table_iter_init (&iter, a->entity_of);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint entity = GPOINTER_TO_UINT (value) - 1;
      int other = entity_on (b, GPOINTER_TO_UINT (key));

      if (other < 0)
        parts[entity]++;
      else
        {
          keys[k] = ((gint64) entity << 32) | (guint) other;
          if (!g_hash_table_contains (seen, &keys[k]))
            {
              g_hash_table_add (seen, &keys[k]);
              parts[entity]++;
            }
          k++;
        }
    }

  for (guint e = 0; e < a->entity_sizes->len; e++)
    {
      guint size = g_array_index (a->entity_sizes, guint, e);

      *num += size - parts[e];
      *den += size - 1;
    }
}

void
_glossator_coref_add (GlossatorCorefTally         *tally,
                      const GlossatorChainMention *key_mentions,
                      guint                        n_key,
                      const GlossatorChainMention *response_mentions,
                      guint                        n_response)
{
  Side key, response;
  guint nk, nr;
  g_autofree double *common = NULL;
  g_autofree double *phi4 = NULL;
  g_autofree guint *key_in_response = NULL;
  g_autofree guint *response_in_key = NULL;
  GHashTableIter iter;
  gpointer k, v;
  guint64 n_common = 0, same_key = 0, same_response = 0, same_both = 0;

  side_init (&key, key_mentions, n_key);
  side_init (&response, response_mentions, n_response);
  nk = key.entity_sizes->len;
  nr = response.entity_sizes->len;

  muc_side (&key, &response, &tally->muc.recall_num, &tally->muc.recall_den);
  muc_side (&response, &key, &tally->muc.precision_num, &tally->muc.precision_den);

  /* |K ∩ R| for every key and response entity. */
  common = g_new0 (double, (gsize) nk * nr + 1);
  key_in_response = g_new0 (guint, nk + 1);
  response_in_key = g_new0 (guint, nr + 1);
  g_hash_table_iter_init (&iter, key.entity_of);
  while (g_hash_table_iter_next (&iter, &k, &v))
    {
      guint ke = GPOINTER_TO_UINT (v) - 1;
      int re = entity_on (&response, GPOINTER_TO_UINT (k));

      if (re < 0)
        continue;
      common[(gsize) ke * nr + (guint) re]++;
      key_in_response[ke]++;
      response_in_key[re]++;
      n_common++;
    }

  phi4 = g_new0 (double, (gsize) nk * nr + 1);
  for (guint i = 0; i < nk; i++)
    for (guint j = 0; j < nr; j++)
      {
        double c = common[(gsize) i * nr + j];
        double size_k = g_array_index (key.entity_sizes, guint, i);
        double size_r = g_array_index (response.entity_sizes, guint, j);

        if (c == 0)
          continue;
        tally->b3.recall_num += c * c / size_k;
        tally->b3.precision_num += c * c / size_r;
        phi4[(gsize) i * nr + j] = 2.0 * c / (size_k + size_r);
        same_both += pairs ((guint64) c);
      }
  tally->b3.recall_den += key.n_mentions;
  tally->b3.precision_den += response.n_mentions;

  {
    double best_m = _glossator_max_assignment (common, nk, nr, NULL);
    double best_e = _glossator_max_assignment (phi4, nk, nr, NULL);

    tally->ceafm.recall_num += best_m;
    tally->ceafm.precision_num += best_m;
    tally->ceafm.recall_den += key.n_mentions;
    tally->ceafm.precision_den += response.n_mentions;
    tally->ceafe.recall_num += best_e;
    tally->ceafe.precision_num += best_e;
    tally->ceafe.recall_den += nk;
    tally->ceafe.precision_den += nr;
  }

  /* BLANC: coreference links are pairs of mentions of one entity; the
   * other pairs of a side's mentions are its non-coreference links. */
  {
    guint64 key_coref = 0, response_coref = 0;

    for (guint i = 0; i < nk; i++)
      {
        key_coref += pairs (g_array_index (key.entity_sizes, guint, i));
        same_key += pairs (key_in_response[i]);
      }
    for (guint j = 0; j < nr; j++)
      {
        response_coref += pairs (g_array_index (response.entity_sizes, guint, j));
        same_response += pairs (response_in_key[j]);
      }
    tally->key_coref += key_coref;
    tally->response_coref += response_coref;
    tally->both_coref += same_both;
    tally->key_non_coref += pairs (key.n_mentions) - key_coref;
    tally->response_non_coref += pairs (response.n_mentions) - response_coref;
    /* Pairs of mentions both sides have, apart on both sides. */
    tally->both_non_coref += pairs (n_common) - same_key - same_response + same_both;
  }

  side_clear (&key);
  side_clear (&response);
}

void
_glossator_coref_merge (GlossatorCorefTally       *tally,
                        const GlossatorCorefTally *other)
{
  GlossatorScoreCounts *to[] = { &tally->muc, &tally->b3, &tally->ceafm, &tally->ceafe };
  const GlossatorScoreCounts *from[] = { &other->muc, &other->b3, &other->ceafm, &other->ceafe };

  for (guint i = 0; i < G_N_ELEMENTS (to); i++)
    {
      to[i]->recall_num += from[i]->recall_num;
      to[i]->recall_den += from[i]->recall_den;
      to[i]->precision_num += from[i]->precision_num;
      to[i]->precision_den += from[i]->precision_den;
    }
  tally->key_coref += other->key_coref;
  tally->response_coref += other->response_coref;
  tally->both_coref += other->both_coref;
  tally->key_non_coref += other->key_non_coref;
  tally->response_non_coref += other->response_non_coref;
  tally->both_non_coref += other->both_non_coref;
}

static double
f1 (double recall,
    double precision)
{
  if (isnan (recall) || isnan (precision))
    return NAN;
  if (recall + precision == 0)
    return 0;
  return 2.0 * recall * precision / (recall + precision);
}

GlossatorPRF
_glossator_prf (const GlossatorScoreCounts *counts)
{
  GlossatorPRF prf;

  prf.recall = counts->recall_den > 0 ? counts->recall_num / counts->recall_den : NAN;
  prf.precision = counts->precision_den > 0 ? counts->precision_num / counts->precision_den : NAN;
  prf.f1 = f1 (prf.recall, prf.precision);
  return prf;
}

/* Within BLANC the scorer takes 0/0 as 0 (TC-A-10: P_c = 0/0 = 0). */
static double
ratio0 (guint64 num,
        guint64 den)
{
  return den > 0 ? (double) num / (double) den : 0;
}

GlossatorPRF
_glossator_blanc (const GlossatorCorefTally *tally)
{
  GlossatorPRF c, n, blanc;

  c.recall = ratio0 (tally->both_coref, tally->key_coref);
  c.precision = ratio0 (tally->both_coref, tally->response_coref);
  c.f1 = f1 (c.recall, c.precision);
  n.recall = ratio0 (tally->both_non_coref, tally->key_non_coref);
  n.precision = ratio0 (tally->both_non_coref, tally->response_non_coref);
  n.f1 = f1 (n.recall, n.precision);

  if (tally->key_coref == 0 && tally->key_non_coref == 0)
    return (GlossatorPRF) { NAN, NAN, NAN };
  if (tally->key_coref == 0)
    return n;
  if (tally->key_non_coref == 0)
    return c;
  blanc.recall = (c.recall + n.recall) / 2;
  blanc.precision = (c.precision + n.precision) / 2;
  blanc.f1 = (c.f1 + n.f1) / 2;
  return blanc;
}

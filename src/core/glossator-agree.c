/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-agree"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "glossator-agree-private.h"
#include "glossator-agree.h"
#include "glossator-format-private.h"

typedef struct {
  guint64 exact;      /* mentions matched exactly */
  guint64 overlap;    /* mentions matched by overlap */
  guint64 n_a;        /* the reference's mentions */
  guint64 n_b;
} MentionCounts;

typedef struct {
  MentionCounts        mentions;
  GHashTable          *by_label;     /* label → MentionCounts* */
  GHashTable          *tokens;       /* (category a << 32 | b) → guint64* */
  GlossatorCorefTally  coref;
  guint64              stances_matched;
  guint64              stances_a;
  guint64              stances_b;
  GHashTable          *polarities;   /* as tokens, over polarities */
} PairTally;

typedef struct {
  char            *path;             /* NULL for the whole corpus */
  PairTally       *pairs;
  GlossatorFleiss  fleiss;
  GlossatorAlpha   alpha;
  guint64          length;           /* of the continuum: the texts one after the other */
  GHashTable      *units;            /* label → GArray*[n_annotators] of (start, end) */
} Tally;

struct _GlossatorAgreement {
  GStrv              annotators;
  guint              n_annotators;
  guint              n_pairs;
  GHashTable        *labels;         /* nullable: the labels that count */
  gboolean           by_document;
  GlossatorExporter *tokenizer;      /* the CoNLL exporter, for its tokens */
  GHashTable        *category_ids;   /* name → id + 1; "O" is 0 */
  GPtrArray         *categories;     /* id → name */
  Tally             *total;
  GPtrArray         *documents;      /* Tally*, with --by-document */
  GPtrArray         *left_out;       /* char* path, char* reason, … */
  guint              n_documents;
  guint              n_orphaned;     /* mentions left out: orphaned */
};

/* ---- tallies ------------------------------------------------------------- */

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
}

static void
counts_add (GHashTable *counts,
            guint       a,
            guint       b,
            guint64     amount)
{
  gint64 key = ((gint64) a << 32) | b;
  guint64 *value = g_hash_table_lookup (counts, &key);

  if (value == NULL)
    {
      value = g_new0 (guint64, 1);
      g_hash_table_insert (counts, g_memdup2 (&key, sizeof key), value);
    }
  *value += amount;
}

static void
counts_merge (GHashTable *counts,
              GHashTable *other)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, other);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 pair = *(gint64 *) key;

      counts_add (counts, (guint) (pair >> 32), (guint) (pair & 0xffffffff), *(guint64 *) value);
    }
}

/* Cohen's κ of a table of counts over @n_categories. */
static double
counts_kappa (GHashTable *counts,
              guint       n_categories)
{
  g_autofree double *matrix = g_new0 (double, (gsize) n_categories * n_categories + 1);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 pair = *(gint64 *) key;

      matrix[(pair >> 32) * n_categories + (pair & 0xffffffff)] += (double) *(guint64 *) value;
    }
  return _glossator_cohen_kappa (matrix, n_categories);
}

static MentionCounts *
label_counts (GHashTable *by_label,
              const char *label)
{
  MentionCounts *counts = g_hash_table_lookup (by_label, label);

  if (counts == NULL)
    {
      counts = g_new0 (MentionCounts, 1);
      g_hash_table_insert (by_label, g_strdup (label), counts);
    }
  return counts;
}

static void
unit_arrays_free (gpointer data)
{
  GArray **arrays = data;

  for (guint i = 0; arrays[i] != NULL; i++)
    g_array_unref (arrays[i]);
  g_free (arrays);
}

static GArray **
unit_arrays (Tally      *tally,
             guint       n_annotators,
             const char *label)
{
  GArray **arrays = g_hash_table_lookup (tally->units, label);

  if (arrays == NULL)
    {
      arrays = g_new0 (GArray *, n_annotators + 1);
      for (guint i = 0; i < n_annotators; i++)
        arrays[i] = g_array_new (FALSE, FALSE, sizeof (guint64));
      g_hash_table_insert (tally->units, g_strdup (label), arrays);
    }
  return arrays;
}

static Tally *
tally_new (GlossatorAgreement *self,
           const char         *path)
{
  Tally *tally = g_new0 (Tally, 1);

  tally->path = g_strdup (path);
  tally->pairs = g_new0 (PairTally, self->n_pairs);
  for (guint p = 0; p < self->n_pairs; p++)
    {
      tally->pairs[p].by_label = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      tally->pairs[p].tokens = counts_new ();
      tally->pairs[p].polarities = counts_new ();
    }
  _glossator_fleiss_init (&tally->fleiss, self->n_annotators);
  _glossator_alpha_init (&tally->alpha);
  tally->units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unit_arrays_free);
  return tally;
}

static void
tally_free (GlossatorAgreement *self,
            Tally              *tally)
{
  for (guint p = 0; p < self->n_pairs; p++)
    {
      g_hash_table_unref (tally->pairs[p].by_label);
      g_hash_table_unref (tally->pairs[p].tokens);
      g_hash_table_unref (tally->pairs[p].polarities);
    }
  g_free (tally->pairs);
  _glossator_fleiss_clear (&tally->fleiss);
  _glossator_alpha_clear (&tally->alpha);
  g_hash_table_unref (tally->units);
  g_free (tally->path);
  g_free (tally);
}

static void
mention_counts_add (MentionCounts       *to,
                    const MentionCounts *from)
{
  to->exact += from->exact;
  to->overlap += from->overlap;
  to->n_a += from->n_a;
  to->n_b += from->n_b;
}

static void
tally_merge (GlossatorAgreement *self,
             Tally              *tally,
             Tally              *other)
{
  GHashTableIter iter;
  gpointer key, value;

  for (guint p = 0; p < self->n_pairs; p++)
    {
      PairTally *to = &tally->pairs[p], *from = &other->pairs[p];

      mention_counts_add (&to->mentions, &from->mentions);
      g_hash_table_iter_init (&iter, from->by_label);
      while (g_hash_table_iter_next (&iter, &key, &value))
        mention_counts_add (label_counts (to->by_label, key), value);
      counts_merge (to->tokens, from->tokens);
      _glossator_coref_merge (&to->coref, &from->coref);
      to->stances_matched += from->stances_matched;
      to->stances_a += from->stances_a;
      to->stances_b += from->stances_b;
      counts_merge (to->polarities, from->polarities);
    }
  _glossator_fleiss_merge (&tally->fleiss, &other->fleiss);
  _glossator_alpha_merge (&tally->alpha, &other->alpha);

  /* The other's continuum goes after this one's. */
  g_hash_table_iter_init (&iter, other->units);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray **to = unit_arrays (tally, self->n_annotators, key);
      GArray **from = value;

      for (guint i = 0; i < self->n_annotators; i++)
        for (guint k = 0; k < from[i]->len; k++)
          {
            guint64 at = g_array_index (from[i], guint64, k) + tally->length;

            g_array_append_val (to[i], at);
          }
    }
  tally->length += other->length;
}

/* ---- setup --------------------------------------------------------------- */

static guint
category_id (GlossatorAgreement *self,
             const char         *name)
{
  gpointer id = g_hash_table_lookup (self->category_ids, name);

  if (id == NULL)
    {
      char *copy = g_strdup (name);

      g_ptr_array_add (self->categories, copy);
      id = GUINT_TO_POINTER (self->categories->len);
      g_hash_table_insert (self->category_ids, copy, id);
    }
  return GPOINTER_TO_UINT (id) - 1;
}

GlossatorAgreement *
glossator_agreement_new (const char * const *annotators,
                         guint               n_annotators,
                         const char * const *labels,
                         gboolean            by_document)
{
  GlossatorAgreement *self;
  g_autoptr(GHashTable) options = glossator_format_options_new ();
  g_autoptr(GOutputStream) sink = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (annotators != NULL, NULL);
  g_return_val_if_fail (n_annotators >= 2, NULL);

  self = g_new0 (GlossatorAgreement, 1);
  self->annotators = g_new0 (char *, n_annotators + 1);
  for (guint i = 0; i < n_annotators; i++)
    self->annotators[i] = g_strdup (annotators[i]);
  self->n_annotators = n_annotators;
  self->n_pairs = n_annotators * (n_annotators - 1) / 2;
  self->by_document = by_document;
  self->category_ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->categories = g_ptr_array_new_with_free_func (g_free);
  category_id (self, "O");
  self->documents = g_ptr_array_new ();
  self->left_out = g_ptr_array_new_with_free_func (g_free);

  if (labels != NULL && labels[0] != NULL)
    {
      g_autofree char *joined = g_strjoinv (",", (char **) labels);

      self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint i = 0; labels[i] != NULL; i++)
        g_hash_table_add (self->labels, g_strdup (labels[i]));
      g_hash_table_insert (options, g_strdup ("labels"), g_steal_pointer (&joined));
    }
  /* The tokens and tags of `glossator-cli export --format conll`. */
  g_hash_table_insert (options, g_strdup ("nested"), g_strdup ("outermost"));
  self->tokenizer = glossator_exporter_new (glossator_format_lookup ("conll"), options, sink, NULL, &error);
  /* Its options are ours, and valid: a failure here is a bug. */
  g_assert_no_error (error);

  self->total = tally_new (self, NULL);
  return self;
}

void
glossator_agreement_free (GlossatorAgreement *self)
{
  if (self == NULL)
    return;

  for (guint i = 0; i < self->documents->len; i++)
    tally_free (self, g_ptr_array_index (self->documents, i));
  g_ptr_array_unref (self->documents);
  tally_free (self, self->total);
  g_ptr_array_unref (self->left_out);
  g_clear_pointer (&self->tokenizer, glossator_exporter_free);
  g_hash_table_unref (self->category_ids);
  g_ptr_array_unref (self->categories);
  g_clear_pointer (&self->labels, g_hash_table_unref);
  g_strfreev (self->annotators);
  g_free (self);
}

void
glossator_agreement_add_left_out (GlossatorAgreement *self,
                                  const char         *path,
                                  const char         *reason)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_add (self->left_out, g_strdup (path));
  g_ptr_array_add (self->left_out, g_strdup (reason));
}

guint
glossator_agreement_get_n_documents (GlossatorAgreement *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_documents;
}

/* ---- mentions ------------------------------------------------------------ */

/* The mentions that count, by position: those of the labels chosen, but
 * not orphaned ones (their place in the text is lost; the CoNLL export
 * leaves them out too). */
static GPtrArray *
counted_mentions (GlossatorAgreement *self,
                  GlossatorDocument  *document)
{
  GPtrArray *mentions = glossator_document_list_mentions (document);

  for (guint i = mentions->len; i > 0; i--)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i - 1);

      if (self->labels != NULL && !g_hash_table_contains (self->labels, mention->label))
        g_ptr_array_remove_index (mentions, i - 1);
      else if (glossator_mention_is_orphaned (mention))
        {
          self->n_orphaned++;
          g_ptr_array_remove_index (mentions, i - 1);
        }
    }
  return mentions;
}

/* Counts the matches _glossator_align_mentions() found, and fills
 * @aligned with the entity pairs ("eA\x1feB") of the mentions matched. */
static void
match_mentions (GPtrArray  *mentions_a,
                GPtrArray  *mentions_b,
                PairTally  *pair,
                GHashTable *aligned)
{
  g_autofree int *a_to_b = g_new (int, mentions_a->len + 1);
  g_autofree gboolean *exact = g_new (gboolean, mentions_a->len + 1);

  _glossator_align_mentions (mentions_a, mentions_b, TRUE, a_to_b, exact);
  for (guint j = 0; j < mentions_b->len; j++)
    {
      GlossatorMention *b = g_ptr_array_index (mentions_b, j);

      label_counts (pair->by_label, b->label)->n_b++;
      pair->mentions.n_b++;
    }
  for (guint i = 0; i < mentions_a->len; i++)
    {
      GlossatorMention *a = g_ptr_array_index (mentions_a, i);
      MentionCounts *counts = label_counts (pair->by_label, a->label);

      counts->n_a++;
      pair->mentions.n_a++;
      if (a_to_b[i] < 0)
        continue;
      counts->overlap++;
      pair->mentions.overlap++;
      if (exact[i])
        {
          counts->exact++;
          pair->mentions.exact++;
        }
      g_hash_table_add (aligned, g_strconcat (a->entity_id, "\x1f",
                                              ((GlossatorMention *) g_ptr_array_index (mentions_b, a_to_b[i]))->entity_id,
                                              NULL));
    }
}

/* ---- coreference --------------------------------------------------------- */

static int
compare_chain_entities (gconstpointer a,
                        gconstpointer b)
{
  const GlossatorChainMention *x = a, *y = b;

  return x->entity < y->entity ? -1 : (x->entity > y->entity);
}

/* The chains of a document for the scorer: entities in the order of their
 * first mention, each one's mentions by position; a place is the same
 * mention on every side. */
static GArray *
coref_chains (GPtrArray  *mentions,
              GHashTable *places)
{
  g_autoptr(GHashTable) entity_order = g_hash_table_new (g_str_hash, g_str_equal);
  GArray *chain = g_array_new (FALSE, FALSE, sizeof (GlossatorChainMention));

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *place = _glossator_mention_place_key (mention);
      gpointer id;
      GlossatorChainMention m;

      if (!g_hash_table_lookup_extended (places, place, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (places));
          g_hash_table_insert (places, g_steal_pointer (&place), id);
        }
      if (!g_hash_table_contains (entity_order, mention->entity_id))
        g_hash_table_insert (entity_order, mention->entity_id, GUINT_TO_POINTER (g_hash_table_size (entity_order)));
      m.mention = GPOINTER_TO_UINT (id);
      m.entity = GPOINTER_TO_UINT (g_hash_table_lookup (entity_order, mention->entity_id));
      g_array_append_val (chain, m);
    }

  /* g_array_sort() is stable: within an entity, mentions stay by position. */
  g_array_sort (chain, compare_chain_entities);
  return chain;
}

/* ---- stances ------------------------------------------------------------- */

static gboolean
aligned_entities (GHashTable *aligned,
                  const char *a,
                  const char *b)
{
  g_autofree char *key = g_strconcat (a, "\x1f", b, NULL);

  return g_hash_table_contains (aligned, key);
}

static gboolean
same_holder (const GlossatorStance *a,
             const GlossatorStance *b,
             GHashTable            *aligned)
{
  if (a->holder_kind != b->holder_kind)
    return FALSE;
  if (a->holder_kind == GLOSSATOR_HOLDER_ENTITY)
    return aligned_entities (aligned, a->holder_entity, b->holder_entity);
  return TRUE;
}

static gboolean
same_target (const GlossatorStance *a,
             const GlossatorStance *b,
             GHashTable            *aligned)
{
  if (a->target_kind != b->target_kind)
    return FALSE;
  if (a->target_kind == GLOSSATOR_TARGET_ENTITY)
    return aligned_entities (aligned, a->target, b->target);
  if (a->target_kind == GLOSSATOR_TARGET_TOPIC)
    return g_strcmp0 (a->target, b->target) == 0;
  return TRUE;
}

static void
match_stances (GlossatorAgreement *self,
               GlossatorDocument  *document_a,
               GlossatorDocument  *document_b,
               GHashTable         *aligned,
               PairTally          *pair)
{
  g_autoptr(GPtrArray) a = glossator_document_list_stances (document_a);
  g_autoptr(GPtrArray) b = glossator_document_list_stances (document_b);
  g_autofree gboolean *matched = g_new0 (gboolean, b->len + 1);
  g_autofree gboolean *paired = g_new0 (gboolean, b->len + 1);

  pair->stances_a += a->len;
  pair->stances_b += b->len;
  for (guint i = 0; i < a->len; i++)
    {
      GlossatorStance *sa = g_ptr_array_index (a, i);

      for (guint j = 0; j < b->len; j++)
        {
          GlossatorStance *sb = g_ptr_array_index (b, j);

          if (!matched[j] && g_strcmp0 (sa->polarity, sb->polarity) == 0 &&
              same_holder (sa, sb, aligned) && same_target (sa, sb, aligned))
            {
              matched[j] = TRUE;
              pair->stances_matched++;
              break;
            }
        }
      /* Polarity κ: the (holder, target) pairs both recorded. */
      for (guint j = 0; j < b->len; j++)
        {
          GlossatorStance *sb = g_ptr_array_index (b, j);

          if (!paired[j] && same_holder (sa, sb, aligned) && same_target (sa, sb, aligned))
            {
              paired[j] = TRUE;
              counts_add (pair->polarities, category_id (self, sa->polarity),
                          category_id (self, sb->polarity), 1);
              break;
            }
        }
    }
}

/* ---- tokens -------------------------------------------------------------- */

/* Each code point's tag in @document's CoNLL export (a category, -1 for
 * white space); token starts are marked in @starts. */
static int *
token_tags (GlossatorAgreement *self,
            const char         *path,
            GlossatorText      *text,
            GlossatorDocument  *document,
            gboolean           *starts)
{
  g_auto(GlossatorRender) render = { 0 };
  g_auto(GlossatorTokenized) tokenized = { 0 };
  guint length = glossator_text_get_length (text);
  int *tags = g_new (int, length + 1);
  g_autofree guint *ids = NULL;

  for (guint i = 0; i < length; i++)
    tags[i] = -1;
  _glossator_render_init (&render, path);
  _glossator_tokenize (self->tokenizer, text, document, &render, &tokenized);

  ids = g_new (guint, tokenized.tags->len + 1);
  for (guint k = 0; k < tokenized.tags->len; k++)
    ids[k] = category_id (self, g_ptr_array_index (tokenized.tags, k));
  for (guint t = 0; t < tokenized.tokens->len; t++)
    {
      const GlossatorToken *token = &g_array_index (tokenized.tokens, GlossatorToken, t);
      int tag = token->mention < 0 ? 0 : (int) ids[token->mention];

      starts[token->start] = TRUE;
      for (guint i = token->start; i < token->end; i++)
        tags[i] = tag;
    }
  return tags;
}

static void
add_tokens (GlossatorAgreement *self,
            Tally              *tally,
            const char         *path,
            GlossatorText      *text,
            GlossatorDocument * const *documents)
{
  guint n = self->n_annotators;
  guint length = glossator_text_get_length (text);
  g_autofree gboolean *starts = g_new0 (gboolean, length + 1);
  g_autofree int **tags = g_new0 (int *, n);
  g_autofree int *unit = g_new (int, n);
  g_autofree guint *counts = NULL;

  for (guint i = 0; i < n; i++)
    tags[i] = token_tags (self, path, text, documents[i], starts);
  counts = g_new0 (guint, self->categories->len + 1);

  /* The tokens all annotators' exports share: each cut where any export
   * cuts (a token ends at a mention's edge). Every export covers the same
   * code points, all but white space. */
  for (guint at = 0; at < length; at++)
    {
      guint p = 0;

      if (tags[0][at] < 0 || (!starts[at] && at > 0 && tags[0][at - 1] >= 0))
        continue;
      memset (counts, 0, sizeof (guint) * self->categories->len);
      for (guint i = 0; i < n; i++)
        {
          unit[i] = tags[i][at];
          counts[unit[i]]++;
        }
      for (guint i = 0; i < n; i++)
        for (guint j = i + 1; j < n; j++)
          counts_add (tally->pairs[p++].tokens, (guint) unit[i], (guint) unit[j], 1);
      _glossator_fleiss_add (&tally->fleiss, counts, self->categories->len);
      _glossator_alpha_add (&tally->alpha, unit, n);
    }

  for (guint i = 0; i < n; i++)
    g_free (tags[i]);
}

/* ---- spans (α_u) --------------------------------------------------------- */

static int
compare_pairs (gconstpointer a,
               gconstpointer b)
{
  const guint64 *x = a, *y = b;

  if (x[0] != y[0])
    return x[0] < y[0] ? -1 : 1;
  return x[1] < y[1] ? -1 : (x[1] > y[1]);
}

/* Each annotator's units of each label: the fragments of its mentions,
 * those that overlap merged (α_u wants a coder's units of a category
 * apart). */
static void
add_spans (GlossatorAgreement *self,
           Tally              *tally,
           GPtrArray         **mentions)
{
  g_autoptr(GHashTable) labels = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer label;

  for (guint i = 0; i < self->n_annotators; i++)
    for (guint k = 0; k < mentions[i]->len; k++)
      g_hash_table_add (labels, ((GlossatorMention *) g_ptr_array_index (mentions[i], k))->label);

  g_hash_table_iter_init (&iter, labels);
  while (g_hash_table_iter_next (&iter, &label, NULL))
    {
      GArray **arrays = unit_arrays (tally, self->n_annotators, label);

      for (guint i = 0; i < self->n_annotators; i++)
        {
          g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (guint64) * 2);

          for (guint k = 0; k < mentions[i]->len; k++)
            {
              GlossatorMention *mention = g_ptr_array_index (mentions[i], k);

              if (g_strcmp0 (mention->label, label) != 0)
                continue;
              for (guint f = 0; f < mention->n_fragments; f++)
                {
                  guint64 span[2] = { mention->fragments[f].start, mention->fragments[f].end };

                  if (span[1] > span[0])
                    g_array_append_vals (spans, span, 1);
                }
            }
          g_array_sort (spans, compare_pairs);
          for (guint k = 0; k < spans->len; k++)
            {
              guint64 *span = &((guint64 *) (gpointer) spans->data)[2 * k];
              guint len = arrays[i]->len;

              if (len > 0 && span[0] < g_array_index (arrays[i], guint64, len - 1))
                {
                  guint64 *end = &g_array_index (arrays[i], guint64, len - 1);

                  *end = MAX (*end, span[1]);
                }
              else
                g_array_append_vals (arrays[i], span, 2);
            }
        }
    }
}

/* ---- documents ----------------------------------------------------------- */

void
glossator_agreement_add_document (GlossatorAgreement        *self,
                                  const char                *path,
                                  GlossatorDocument * const *documents)
{
  guint n;
  GlossatorText *text;
  g_autofree GPtrArray **mentions = NULL;
  Tally *tally;
  guint p = 0;

  g_return_if_fail (self != NULL);
  g_return_if_fail (path != NULL);
  g_return_if_fail (documents != NULL);

  n = self->n_annotators;
  text = glossator_document_get_text (documents[0]);
  for (guint i = 1; i < n; i++)
    g_return_if_fail (strcmp (glossator_text_get_sha256 (glossator_document_get_text (documents[i])),
                              glossator_text_get_sha256 (text)) == 0);
  tally = tally_new (self, path);
  mentions = g_new0 (GPtrArray *, n);
  for (guint i = 0; i < n; i++)
    mentions[i] = counted_mentions (self, documents[i]);

  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        PairTally *pair = &tally->pairs[p++];
        g_autoptr(GHashTable) aligned = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GHashTable) places = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
        g_autoptr(GArray) key = NULL;
        g_autoptr(GArray) response = NULL;

        match_mentions (mentions[i], mentions[j], pair, aligned);
        key = coref_chains (mentions[i], places);
        response = coref_chains (mentions[j], places);
        _glossator_coref_add (&pair->coref,
                              (GlossatorChainMention *) (gpointer) key->data, key->len,
                              (GlossatorChainMention *) (gpointer) response->data, response->len);
        match_stances (self, documents[i], documents[j], aligned, pair);
      }

  add_tokens (self, tally, path, text, documents);
  add_spans (self, tally, mentions);
  tally->length = glossator_text_get_length (text);

  for (guint i = 0; i < n; i++)
    g_ptr_array_unref (mentions[i]);

  tally_merge (self, self->total, tally);
  if (self->by_document)
    g_ptr_array_add (self->documents, tally);
  else
    tally_free (self, tally);
  self->n_documents++;
}

/* ---- the report ---------------------------------------------------------- */

/* Both renderings read the figures from one tree, rounded once. */
static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_new (isnan (value) ? JSON_NODE_NULL : JSON_NODE_VALUE);

  if (!isnan (value))
    json_node_set_double (node, round (value * 10000.0) / 10000.0);
  return node;
}

static void
set_number (JsonObject *object,
            const char *name,
            double      value)
{
  json_object_set_member (object, name, number_node (value));
}

static JsonObject *
prf_object (GlossatorPRF prf)
{
  JsonObject *object = json_object_new ();

  set_number (object, "precision", prf.precision);
  set_number (object, "recall", prf.recall);
  set_number (object, "f1", prf.f1);
  return object;
}

static GlossatorPRF
mention_prf (const MentionCounts *counts,
             gboolean             overlap)
{
  GlossatorScoreCounts score;
  double matched = overlap ? counts->overlap : counts->exact;

  score.recall_num = score.precision_num = matched;
  score.recall_den = counts->n_a;
  score.precision_den = counts->n_b;
  return _glossator_prf (&score);
}

static GList *
sorted_keys (GHashTable *table)
{
  return g_list_sort (g_hash_table_get_keys (table), (GCompareFunc) g_strcmp0);
}

static JsonObject *
pair_object (GlossatorAgreement *self,
             PairTally          *pair,
             const char         *a,
             const char         *b)
{
  JsonObject *object = json_object_new ();
  JsonObject *mentions = json_object_new ();
  JsonObject *by_label = json_object_new ();
  JsonObject *tokens = json_object_new ();
  JsonObject *coref = json_object_new ();
  JsonObject *stances = json_object_new ();
  g_autoptr(GList) labels = sorted_keys (pair->by_label);
  GlossatorPRF muc = _glossator_prf (&pair->coref.muc);
  GlossatorPRF b3 = _glossator_prf (&pair->coref.b3);
  GlossatorPRF ceafe = _glossator_prf (&pair->coref.ceafe);
  GlossatorScoreCounts tuples;

  json_object_set_string_member (object, "a", a);
  json_object_set_string_member (object, "b", b);

  json_object_set_object_member (mentions, "exact", prf_object (mention_prf (&pair->mentions, FALSE)));
  json_object_set_object_member (mentions, "overlap", prf_object (mention_prf (&pair->mentions, TRUE)));
  for (GList *l = labels; l != NULL; l = l->next)
    {
      MentionCounts *counts = g_hash_table_lookup (pair->by_label, l->data);
      JsonObject *label = json_object_new ();

      json_object_set_object_member (label, "exact", prf_object (mention_prf (counts, FALSE)));
      json_object_set_object_member (label, "overlap", prf_object (mention_prf (counts, TRUE)));
      json_object_set_object_member (by_label, l->data, label);
    }
  json_object_set_object_member (mentions, "by_label", by_label);
  json_object_set_object_member (object, "mentions", mentions);

  set_number (tokens, "cohen_kappa", counts_kappa (pair->tokens, self->categories->len));
  json_object_set_object_member (object, "tokens", tokens);

  json_object_set_object_member (coref, "muc", prf_object (muc));
  json_object_set_object_member (coref, "b3", prf_object (b3));
  json_object_set_object_member (coref, "ceafm", prf_object (_glossator_prf (&pair->coref.ceafm)));
  json_object_set_object_member (coref, "ceafe", prf_object (ceafe));
  json_object_set_object_member (coref, "blanc", prf_object (_glossator_blanc (&pair->coref)));
  /* NAN when one of the three is undefined. */
  set_number (coref, "conll_f1", (muc.f1 + b3.f1 + ceafe.f1) / 3.0);
  json_object_set_object_member (object, "coreference", coref);

  tuples.recall_num = tuples.precision_num = pair->stances_matched;
  tuples.recall_den = pair->stances_a;
  tuples.precision_den = pair->stances_b;
  json_object_set_object_member (stances, "tuples", prf_object (_glossator_prf (&tuples)));
  set_number (stances, "polarity_kappa", counts_kappa (pair->polarities, self->categories->len));
  json_object_set_object_member (object, "stances", stances);
  return object;
}

static JsonObject *
overall_object (GlossatorAgreement *self,
                Tally              *tally)
{
  JsonObject *object = json_object_new ();
  JsonObject *by_label = json_object_new ();
  g_autoptr(GList) labels = sorted_keys (tally->units);
  double sum_observed = 0, sum_expected = 0;
  guint n_labels = 0;

  set_number (object, "fleiss_kappa", _glossator_fleiss_kappa (&tally->fleiss));
  set_number (object, "krippendorff_alpha", _glossator_alpha_nominal (&tally->alpha));
  for (GList *l = labels; l != NULL; l = l->next)
    {
      GArray **units = g_hash_table_lookup (tally->units, l->data);
      JsonObject *label = json_object_new ();
      double observed, expected;
      double alpha = _glossator_alpha_u (tally->length, units, self->n_annotators, &observed, &expected);

      set_number (label, "krippendorff_alpha_u", alpha);
      json_object_set_object_member (by_label, l->data, label);
      if (!isnan (expected))
        {
          sum_observed += observed;
          sum_expected += expected;
          n_labels++;
        }
    }
  /* Over all labels, as DKPro Statistics: 1 − mean D_o / mean D_e. */
  set_number (object, "krippendorff_alpha_u",
              n_labels > 0 && sum_expected > 0 ? 1.0 - sum_observed / sum_expected : NAN);
  json_object_set_object_member (object, "by_label", by_label);
  return object;
}

static JsonArray *
pairs_array (GlossatorAgreement *self,
             Tally              *tally)
{
  JsonArray *pairs = json_array_new ();
  guint p = 0;

  for (guint i = 0; i < self->n_annotators; i++)
    for (guint j = i + 1; j < self->n_annotators; j++)
      json_array_add_object_element (pairs, pair_object (self, &tally->pairs[p++],
                                                         self->annotators[i], self->annotators[j]));
  return pairs;
}

static JsonObject *
report (GlossatorAgreement *self)
{
  JsonObject *object = json_object_new ();
  JsonArray *annotators = json_array_new ();
  JsonArray *left_out = json_array_new ();

  for (guint i = 0; i < self->n_annotators; i++)
    json_array_add_string_element (annotators, self->annotators[i]);
  json_object_set_array_member (object, "annotators", annotators);
  json_object_set_int_member (object, "documents", self->n_documents);
  json_object_set_array_member (object, "pairs", pairs_array (self, self->total));
  json_object_set_object_member (object, "overall", overall_object (self, self->total));
  for (guint k = 0; k + 1 < self->left_out->len; k += 2)
    {
      JsonObject *item = json_object_new ();

      json_object_set_string_member (item, "path", g_ptr_array_index (self->left_out, k));
      json_object_set_string_member (item, "reason", g_ptr_array_index (self->left_out, k + 1));
      json_array_add_object_element (left_out, item);
    }
  json_object_set_array_member (object, "left_out", left_out);
  json_object_set_int_member (object, "orphaned_mentions_left_out", self->n_orphaned);
  if (self->by_document)
    {
      JsonArray *documents = json_array_new ();

      for (guint d = 0; d < self->documents->len; d++)
        {
          Tally *tally = g_ptr_array_index (self->documents, d);
          JsonObject *document = json_object_new ();

          json_object_set_string_member (document, "path", tally->path);
          json_object_set_array_member (document, "pairs", pairs_array (self, tally));
          json_object_set_object_member (document, "overall", overall_object (self, tally));
          json_array_add_object_element (documents, document);
        }
      json_object_set_array_member (object, "by_document", documents);
    }
  return object;
}

/* "0.6667", "1", "-0.25": the figure as rounded. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[64];
  gsize n;

  g_ascii_formatd (buffer, sizeof buffer, "%.4f", value);
  n = strlen (buffer);
  while (n > 0 && buffer[n - 1] == '0')
    buffer[--n] = '\0';
  if (n > 0 && buffer[n - 1] == '.')
    buffer[--n] = '\0';
  if (strcmp (buffer, "-0") == 0)
    strcpy (buffer, "0");
  g_string_append (out, buffer);
}

static void
append_json (GString  *out,
             JsonNode *node,
             guint     depth)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_NULL:
      g_string_append (out, "null");
      break;
    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        _glossator_json_append_string (out, json_node_get_string (node), -1);
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
      else
        append_number (out, json_node_get_double (node));
      break;
    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (out, "%s\n%*s", i > 0 ? "," : "", 2 * (depth + 1), "");
            append_json (out, json_array_get_element (array, i), depth + 1);
          }
        if (n > 0)
          g_string_append_printf (out, "\n%*s", 2 * depth, "");
        g_string_append_c (out, ']');
      }
      break;
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(GList) members = json_object_get_members (object);

        g_string_append_c (out, '{');
        for (GList *l = members; l != NULL; l = l->next)
          {
            g_string_append_printf (out, "%s\n%*s", l != members ? "," : "", 2 * (depth + 1), "");
            _glossator_json_append_string (out, l->data, -1);
            g_string_append (out, ": ");
            append_json (out, json_object_get_member (object, l->data), depth + 1);
          }
        if (members != NULL)
          g_string_append_printf (out, "\n%*s", 2 * depth, "");
        g_string_append_c (out, '}');
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
glossator_agreement_to_json (GlossatorAgreement *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  json_node_take_object (root, report (self));
  append_json (out, root, 0);
  g_string_append_c (out, '\n');
  return g_string_free (out, FALSE);
}

/* ---- text ---------------------------------------------------------------- */

#define NAME_WIDTH 34

/* A figure of the tree in a column of 10: “—” when undefined. */
static void
append_cell (GString    *out,
             JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    /* The dash is one column wide, three bytes. */
    g_string_append_printf (out, " %9s%s", "", "—");
  else
    {
      char buffer[64];

      g_ascii_formatd (buffer, sizeof buffer, "%.4f", json_node_get_double (node));
      g_string_append_printf (out, " %10s", buffer);
    }
}

/* @name padded to NAME_WIDTH columns (it may hold non-ASCII letters). */
static void
append_name (GString    *out,
             guint       indent,
             const char *name)
{
  glong width = indent + g_utf8_strlen (name, -1);

  g_string_append_printf (out, "%*s%s", indent, "", name);
  for (glong k = width; k < NAME_WIDTH; k++)
    g_string_append_c (out, ' ');
}

static void
append_prf_row (GString    *out,
                guint       indent,
                const char *name,
                JsonObject *prf)
{
  append_name (out, indent, name);
  append_cell (out, prf, "recall");
  append_cell (out, prf, "precision");
  append_cell (out, prf, "f1");
  g_string_append_c (out, '\n');
}

static void
append_value_row (GString    *out,
                  guint       indent,
                  const char *name,
                  JsonObject *object,
                  const char *member,
                  guint       column)
{
  append_name (out, indent, name);
  for (guint c = 0; c < column; c++)
    g_string_append_printf (out, " %10s", "");
  append_cell (out, object, member);
  g_string_append_c (out, '\n');
}

static void
append_pairs_text (GString   *out,
                   JsonArray *pairs,
                   JsonObject *overall)
{
  for (guint p = 0; p < json_array_get_length (pairs); p++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, p);
      JsonObject *mentions = json_object_get_object_member (pair, "mentions");
      JsonObject *by_label = json_object_get_object_member (mentions, "by_label");
      JsonObject *coref = json_object_get_object_member (pair, "coreference");
      JsonObject *stances = json_object_get_object_member (pair, "stances");
      g_autoptr(GList) labels = json_object_get_members (by_label);
      g_autofree char *title = g_strdup_printf (_("%s (reference) – %s"),
                                                json_object_get_string_member (pair, "a"),
                                                json_object_get_string_member (pair, "b"));

      g_string_append_c (out, '\n');
      append_name (out, 0, title);
      g_string_append_printf (out, " %10s %10s %10s\n", _("Recall"), _("Precision"), "F1");
      append_prf_row (out, 2, _("Mentions, exact"), json_object_get_object_member (mentions, "exact"));
      append_prf_row (out, 2, _("Mentions, overlap"), json_object_get_object_member (mentions, "overlap"));
      for (GList *l = labels; l != NULL; l = l->next)
        {
          JsonObject *label = json_object_get_object_member (by_label, l->data);
          g_autofree char *exact = g_strdup_printf (_("%s, exact"), (const char *) l->data);
          g_autofree char *overlap = g_strdup_printf (_("%s, overlap"), (const char *) l->data);

          append_prf_row (out, 4, exact, json_object_get_object_member (label, "exact"));
          append_prf_row (out, 4, overlap, json_object_get_object_member (label, "overlap"));
        }
      append_prf_row (out, 2, _("Coreference, MUC"), json_object_get_object_member (coref, "muc"));
      append_prf_row (out, 2, _("Coreference, B³"), json_object_get_object_member (coref, "b3"));
      append_prf_row (out, 2, _("Coreference, CEAF-m"), json_object_get_object_member (coref, "ceafm"));
      append_prf_row (out, 2, _("Coreference, CEAF-e"), json_object_get_object_member (coref, "ceafe"));
      append_prf_row (out, 2, _("Coreference, BLANC"), json_object_get_object_member (coref, "blanc"));
      append_value_row (out, 2, _("Coreference, CoNLL-2012 F1"), coref, "conll_f1", 2);
      append_prf_row (out, 2, _("Stances (tuples)"), json_object_get_object_member (stances, "tuples"));
      append_value_row (out, 2, _("Stance polarity, Cohen's κ"), stances, "polarity_kappa", 0);
      append_value_row (out, 2, _("Tokens, Cohen's κ"), json_object_get_object_member (pair, "tokens"),
                        "cohen_kappa", 0);
    }

  {
    JsonObject *by_label = json_object_get_object_member (overall, "by_label");
    g_autoptr(GList) labels = json_object_get_members (by_label);

    g_string_append_printf (out, "\n%s\n", _("All annotators"));
    append_value_row (out, 2, _("Tokens, Fleiss' κ"), overall, "fleiss_kappa", 0);
    append_value_row (out, 2, _("Tokens, Krippendorff's α"), overall, "krippendorff_alpha", 0);
    append_value_row (out, 2, _("Spans, Krippendorff's α_u"), overall, "krippendorff_alpha_u", 0);
    for (GList *l = labels; l != NULL; l = l->next)
      append_value_row (out, 4, l->data, json_object_get_object_member (by_label, l->data),
                        "krippendorff_alpha_u", 0);
  }
}

char *
glossator_agreement_to_text (GlossatorAgreement *self)
{
  g_autoptr(JsonObject) tree = NULL;
  GString *out = g_string_new (NULL);
  JsonArray *annotators, *left_out;
  g_autoptr(GString) names = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  tree = report (self);
  annotators = json_object_get_array_member (tree, "annotators");
  for (guint i = 0; i < json_array_get_length (annotators); i++)
    g_string_append_printf (names, "%s%s", i > 0 ? ", " : "", json_array_get_string_element (annotators, i));
  g_string_append_printf (out, _("Annotators: %s\n"), names->str);
  g_string_append_printf (out, _("Documents compared: %u\n"), self->n_documents);

  left_out = json_object_get_array_member (tree, "left_out");
  if (json_array_get_length (left_out) > 0)
    {
      g_string_append_printf (out, _("Left out: %u\n"), json_array_get_length (left_out));
      for (guint k = 0; k < json_array_get_length (left_out); k++)
        {
          JsonObject *item = json_array_get_object_element (left_out, k);

          g_string_append_printf (out, "  %s: %s\n", json_object_get_string_member (item, "path"),
                                  json_object_get_string_member (item, "reason"));
        }
    }

  if (self->n_orphaned > 0)
    g_string_append_printf (out, _("Orphaned mentions left out: %u\n"), self->n_orphaned);

  append_pairs_text (out, json_object_get_array_member (tree, "pairs"),
                     json_object_get_object_member (tree, "overall"));

  if (json_object_has_member (tree, "by_document"))
    {
      JsonArray *documents = json_object_get_array_member (tree, "by_document");

      for (guint d = 0; d < json_array_get_length (documents); d++)
        {
          JsonObject *document = json_array_get_object_element (documents, d);

          g_string_append_printf (out, "\n== %s ==\n", json_object_get_string_member (document, "path"));
          append_pairs_text (out, json_object_get_array_member (document, "pairs"),
                             json_object_get_object_member (document, "overall"));
        }
    }
  return g_string_free (out, FALSE);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-comparison"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-agree-private.h"
#include "glossator-comparison.h"
#include "glossator-document-private.h"
#include "glossator-sidecar-private.h"

/* Documents are indexed 0 for the gold, 1 + i for annotator i. */
typedef struct {
  GlossatorMention **members;   /* one per document, NULL for none */
} Cluster;

typedef struct {
  GlossatorStance **members;
} StanceCluster;

/* An item with what deciding needs beside the public part. */
typedef struct {
  GlossatorDifference  public;
  char                *key;      /* stable while the annotators' documents are */
  GArray              *clusters; /* COREFERENCE: guint cluster indices */
} Item;

struct _GlossatorComparison {
  GlossatorDocument  *gold;
  guint               n;
  GStrv               annotators;
  GlossatorDocument **documents;   /* n + 1, the gold first */
  GPtrArray          *clusters;    /* Cluster* */
  GHashTable        **cluster_of;  /* per document: mention id → cluster index + 1 */
  GPtrArray         **lists;       /* per document: its placed mentions, by position */
  GPtrArray          *items;       /* Item* */
  /* Keys of coreference items settled while the gold had none of their
   * mentions: nothing to record that in. */
  GHashTable         *none_decided;
  JsonArray          *conflicts;   /* the gold's merge conflicts when compared first */
};

G_DEFINE_QUARK (glossator-comparison-error-quark, glossator_comparison_error)

const char *
glossator_difference_kind_to_string (GlossatorDifferenceKind kind)
{
  static const char * const names[] = {
    "agreement", "label", "boundary", "missing", "coreference", "stance", "conflict",
  };

  g_return_val_if_fail (kind < G_N_ELEMENTS (names), NULL);
  return names[kind];
}

/* ---- provenance ----------------------------------------------------------- */

/* @extra with "source": {"adjudicated": [@names…]} set (a new object: values
 * in a document are never modified). */
static JsonObject *
with_source (JsonObject *extra,
             GPtrArray  *names)
{
  JsonObject *copy = json_object_new ();
  JsonObject *source = json_object_new ();
  JsonArray *adjudicated = json_array_new ();

  if (extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (extra);

      for (GList *l = members; l != NULL; l = l->next)
        if (strcmp (l->data, "source") != 0)
          json_object_set_member (copy, l->data,
                                  _glossator_json_deep_copy (json_object_get_member (extra, l->data)));
    }
  for (guint i = 0; i < names->len; i++)
    json_array_add_string_element (adjudicated, g_ptr_array_index (names, i));
  json_object_set_array_member (source, "adjudicated", adjudicated);
  json_object_set_object_member (copy, "source", source);
  return copy;
}

static gboolean
has_source (JsonObject *extra)
{
  JsonNode *node;

  if (extra == NULL || (node = json_object_get_member (extra, "source")) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;
  node = json_object_get_member (json_node_get_object (node), "adjudicated");
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node);
}

/* A "none" decision leaves nothing in the gold to carry "source": the
 * versions turned down are recorded in the gold's "adjudication" member
 * instead, {"rejected": [record…]}. A mention's record is its label and
 * fragments, a stance's its annotator and id. */
static JsonObject *
mention_record (const GlossatorMention *mention)
{
  JsonObject *record = json_object_new ();
  JsonArray *fragments = json_array_new ();

  json_object_set_string_member (record, "kind", "mention");
  json_object_set_string_member (record, "label", mention->label);
  for (guint f = 0; f < mention->n_fragments; f++)
    {
      JsonArray *pair = json_array_new ();

      json_array_add_int_element (pair, mention->fragments[f].start);
      json_array_add_int_element (pair, mention->fragments[f].end);
      json_array_add_array_element (fragments, pair);
    }
  json_object_set_array_member (record, "fragments", fragments);
  return record;
}

static JsonObject *
stance_record (const char            *annotator,
               const GlossatorStance *stance)
{
  JsonObject *record = json_object_new ();

  json_object_set_string_member (record, "kind", "stance");
  json_object_set_string_member (record, "annotator", annotator);
  json_object_set_string_member (record, "id", stance->id);
  return record;
}

static JsonArray *
rejected_records (GlossatorDocument *gold)
{
  JsonObject *adjudication = _glossator_document_get_adjudication (gold);
  JsonNode *node = adjudication != NULL ? json_object_get_member (adjudication, "rejected") : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Takes @record. */
static gboolean
is_rejected (GlossatorDocument *gold,
             JsonObject        *record)
{
  JsonArray *rejected = rejected_records (gold);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record);
  gboolean found = FALSE;

  json_object_unref (record);
  for (guint k = 0; rejected != NULL && k < json_array_get_length (rejected) && !found; k++)
    found = json_node_equal (json_array_get_element (rejected, k), node);
  return found;
}

/* Adds @records (JsonObject*, taken) to the gold's rejected versions. */
static void
reject (GlossatorDocument *gold,
        GPtrArray         *records)
{
  JsonObject *old = _glossator_document_get_adjudication (gold);
  JsonArray *rejected = rejected_records (gold);
  g_autoptr(JsonObject) adjudication = json_object_new ();
  JsonArray *all = json_array_new ();

  if (old != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (old);

      for (GList *l = members; l != NULL; l = l->next)
        if (strcmp (l->data, "rejected") != 0)
          json_object_set_member (adjudication, l->data, json_node_copy (json_object_get_member (old, l->data)));
    }
  for (guint k = 0; rejected != NULL && k < json_array_get_length (rejected); k++)
    json_array_add_element (all, json_node_copy (json_array_get_element (rejected, k)));
  for (guint k = 0; k < records->len; k++)
    {
      JsonObject *record = g_ptr_array_index (records, k);

      if (is_rejected (gold, json_object_ref (record)))
        json_object_unref (record);
      else
        json_array_add_object_element (all, record);
    }
  json_object_set_array_member (adjudication, "rejected", all);
  _glossator_document_set_adjudication (gold, adjudication);
}

/* ---- keys ------------------------------------------------------------------ */

static char *
mention_key (const GlossatorMention *mention)
{
  g_autofree char *place = NULL;

  if (mention == NULL)
    return g_strdup ("");
  place = _glossator_mention_place_key (mention);
  return g_strconcat (mention->label, "\x1f", place, NULL);
}

static char *
evidence_key (const GlossatorStance *stance)
{
  GString *key = g_string_new (NULL);

  for (guint k = 0; k < stance->n_evidence; k++)
    g_string_append_printf (key, "%s%u-%u", k > 0 ? "," : "",
                            stance->evidence[k].start, stance->evidence[k].end);
  return g_string_free (key, FALSE);
}

/* A stance's version: what a decision would copy besides holder and target. */
static char *
stance_key (const GlossatorStance *stance)
{
  g_autofree char *evidence = NULL;

  if (stance == NULL)
    return g_strdup ("");
  evidence = evidence_key (stance);
  return g_strdup_printf ("%s\x1f%u\x1f%s", stance->polarity ? stance->polarity : "",
                          stance->intensity, evidence);
}

/* Fills choice_of / n_choices from each annotator's key. */
static void
set_choices (GlossatorDifference *difference,
             char               **keys)
{
  difference->choice_of = g_new0 (guint, difference->n_annotators + 1);
  difference->n_choices = 0;
  for (guint i = 0; i < difference->n_annotators; i++)
    {
      guint k;

      for (k = 0; k < i; k++)
        if (strcmp (keys[k], keys[i]) == 0)
          break;
      difference->choice_of[i] = k < i ? difference->choice_of[k] : difference->n_choices++;
    }
}

/* ---- items ----------------------------------------------------------------- */

static void
chains_free (GPtrArray *chains)
{
  g_clear_pointer (&chains, g_ptr_array_unref);
}

static void
item_free (gpointer data)
{
  Item *item = data;
  GlossatorDifference *d = &item->public;

  for (guint i = 0; i < d->n_annotators; i++)
    {
      if (d->mentions != NULL)
        g_clear_pointer (&d->mentions[i], glossator_mention_unref);
      if (d->stances != NULL)
        g_clear_pointer (&d->stances[i], glossator_stance_unref);
      if (d->chains != NULL)
        chains_free (d->chains[i]);
    }
  g_free (d->mentions);
  g_free (d->stances);
  g_free (d->chains);
  g_free (d->choice_of);
  g_clear_pointer (&d->gold_mention, glossator_mention_unref);
  g_clear_pointer (&d->gold_stance, glossator_stance_unref);
  g_clear_pointer (&d->gold_chains, g_ptr_array_unref);
  g_clear_pointer (&d->conflict, json_object_unref);
  g_clear_pointer (&item->clusters, g_array_unref);
  g_free (item->key);
  g_free (item);
}

static Item *
item_new (GlossatorComparison     *self,
          GlossatorDifferenceKind  kind)
{
  Item *item = g_new0 (Item, 1);

  item->public.kind = kind;
  item->public.n_annotators = self->n;
  item->public.start = item->public.end = G_MAXUINT;
  return item;
}

static void
cluster_free (gpointer data)
{
  Cluster *cluster = data;

  g_free (cluster->members);
  g_free (cluster);
}

static GPtrArray *
placed_mentions (GlossatorDocument *document)
{
  GPtrArray *mentions = glossator_document_list_mentions (document);

  /* An orphaned mention has no place to compare: the gold's window shows
   * it, as it does any orphan. */
  for (guint i = mentions->len; i > 0; i--)
    if (glossator_mention_is_orphaned (g_ptr_array_index (mentions, i - 1)))
      g_ptr_array_remove_index (mentions, i - 1);
  return mentions;
}

static int
compare_representatives (gconstpointer a,
                         gconstpointer b)
{
  const GlossatorMention *x = *(GlossatorMention * const *) a;
  const GlossatorMention *y = *(GlossatorMention * const *) b;

  return glossator_mention_compare (x, y);
}

static GlossatorMention *
representative (GlossatorComparison *self,
                Cluster             *cluster,
                guint                before)
{
  for (guint d = 0; d < before && d <= self->n; d++)
    if (cluster->members[d] != NULL)
      return cluster->members[d];
  return NULL;
}

static void
add_to_cluster (GlossatorComparison *self,
                guint                index,
                guint                d,
                GlossatorMention    *mention)
{
  Cluster *cluster = g_ptr_array_index (self->clusters, index);

  cluster->members[d] = mention;
  g_hash_table_insert (self->cluster_of[d], mention->id, GUINT_TO_POINTER (index + 1));
}

static guint
new_cluster (GlossatorComparison *self)
{
  Cluster *cluster = g_new0 (Cluster, 1);

  cluster->members = g_new0 (GlossatorMention *, self->n + 1);
  g_ptr_array_add (self->clusters, cluster);
  return self->clusters->len - 1;
}

/* The gold's mentions first, then each annotator's aligned with the
 * clusters so far (each represented by its first member). The mentions
 * stay owned by @lists. */
static void
build_clusters (GlossatorComparison *self,
                GPtrArray          **lists)
{
  for (guint k = 0; k < lists[0]->len; k++)
    add_to_cluster (self, new_cluster (self), 0, g_ptr_array_index (lists[0], k));

  for (guint d = 1; d <= self->n; d++)
    {
      g_autoptr(GPtrArray) reps = g_ptr_array_new ();
      g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
      GPtrArray *list = lists[d];
      g_autofree int *to_rep = g_new (int, list->len + 1);
      g_autofree gboolean *exact = g_new (gboolean, list->len + 1);

      for (guint c = 0; c < self->clusters->len; c++)
        {
          GlossatorMention *rep = representative (self, g_ptr_array_index (self->clusters, c), d);

          g_ptr_array_add (reps, rep);
          g_hash_table_insert (index_of, rep, GUINT_TO_POINTER (c));
        }
      g_ptr_array_sort (reps, compare_representatives);
      _glossator_align_mentions (list, reps, FALSE, to_rep, exact);
      for (guint k = 0; k < list->len; k++)
        {
          GlossatorMention *mention = g_ptr_array_index (list, k);
          guint c = to_rep[k] >= 0
                    ? GPOINTER_TO_UINT (g_hash_table_lookup (index_of, g_ptr_array_index (reps, to_rep[k])))
                    : new_cluster (self);

          add_to_cluster (self, c, d, mention);
        }
    }
}

static guint
cluster_of (GlossatorComparison *self,
            guint                d,
            const char          *mention_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->cluster_of[d], mention_id));
}

static void
span_extent (const GlossatorSpan *spans,
             guint                n,
             guint               *start,
             guint               *end)
{
  for (guint k = 0; k < n; k++)
    {
      if (*start == G_MAXUINT || spans[k].start < *start)
        *start = spans[k].start;
      if (*end == G_MAXUINT || spans[k].end > *end)
        *end = spans[k].end;
    }
}

static gboolean
mentions_rejected (GlossatorComparison       *self,
                   const GlossatorDifference *d)
{
  for (guint i = 0; i < self->n; i++)
    if (d->mentions[i] != NULL && !is_rejected (self->gold, mention_record (d->mentions[i])))
      return FALSE;
  return TRUE;
}

static gboolean
stances_rejected (GlossatorComparison       *self,
                  const GlossatorDifference *d)
{
  for (guint i = 0; i < self->n; i++)
    if (d->stances[i] != NULL && !is_rejected (self->gold, stance_record (self->annotators[i], d->stances[i])))
      return FALSE;
  return TRUE;
}

static void
add_mention_items (GlossatorComparison *self)
{
  for (guint c = 0; c < self->clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (self->clusters, c);
      g_auto(GStrv) keys = g_new0 (char *, self->n + 1);
      g_autofree char *gold_key = mention_key (cluster->members[0]);
      GlossatorDifference *d;
      gboolean missing = FALSE, same_place = TRUE;
      g_autofree char *first_place = NULL;
      Item *item;
      gboolean annotated = FALSE;

      for (guint i = 1; i <= self->n; i++)
        annotated = annotated || cluster->members[i] != NULL;
      /* The gold's own mention, no annotator has it: not a difference. */
      if (!annotated)
        continue;

      item = item_new (self, GLOSSATOR_DIFFERENCE_AGREEMENT);
      d = &item->public;
      d->mentions = g_new0 (GlossatorMention *, self->n + 1);
      for (guint i = 0; i < self->n; i++)
        {
          GlossatorMention *mention = cluster->members[i + 1];

          keys[i] = mention_key (mention);
          if (mention == NULL)
            {
              missing = TRUE;
              continue;
            }
          d->mentions[i] = glossator_mention_ref (mention);
          span_extent (mention->fragments, mention->n_fragments, &d->start, &d->end);
          if (item->key == NULL)
            item->key = g_strdup_printf ("mention\x1f%s", keys[i]);
          {
            g_autofree char *place = _glossator_mention_place_key (mention);

            if (first_place == NULL)
              first_place = g_steal_pointer (&place);
            else if (strcmp (first_place, place) != 0)
              same_place = FALSE;
          }
        }
      if (cluster->members[0] != NULL)
        {
          d->gold_mention = glossator_mention_ref (cluster->members[0]);
          span_extent (d->gold_mention->fragments, d->gold_mention->n_fragments, &d->start, &d->end);
        }
      set_choices (d, keys);
      if (d->n_choices > 1)
        d->kind = missing ? GLOSSATOR_DIFFERENCE_MISSING
                  : same_place ? GLOSSATOR_DIFFERENCE_LABEL : GLOSSATOR_DIFFERENCE_BOUNDARY;
      if (d->kind == GLOSSATOR_DIFFERENCE_AGREEMENT)
        d->settled = strcmp (gold_key, keys[0]) == 0;
      else
        d->settled = (d->gold_mention != NULL && has_source (d->gold_mention->extra)) ||
                     (d->gold_mention == NULL && mentions_rejected (self, d));
      g_ptr_array_add (self->items, item);
    }
}

/* ---- coreference ------------------------------------------------------------ */

static guint
uf_find (guint *parent,
         guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

/* @d's grouping of the clusters in @component: groups by entity in the
 * order of their first cluster, each cluster index + 1, 0 between groups. */
static GPtrArray *
grouping (GlossatorComparison *self,
          guint                d,
          GArray              *component,
          GString             *key)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) group_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) cluster_groups = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);

  for (guint k = 0; k < component->len; k++)
    {
      Cluster *cluster = g_ptr_array_index (self->clusters, g_array_index (component, guint, k));
      GlossatorMention *mention = cluster->members[d];
      gpointer g;

      if (mention == NULL)
        continue;
      if (!g_hash_table_lookup_extended (group_of, mention->entity_id, NULL, &g))
        {
          g = GUINT_TO_POINTER (groups->len);
          g_hash_table_insert (group_of, mention->entity_id, g);
          g_ptr_array_add (groups, g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref));
          g_ptr_array_add (cluster_groups, g_array_new (FALSE, FALSE, sizeof (guint)));
        }
      g_ptr_array_add (g_ptr_array_index (groups, GPOINTER_TO_UINT (g)), glossator_mention_ref (mention));
      g_array_append_val (g_ptr_array_index (cluster_groups, GPOINTER_TO_UINT (g)), k);
    }
  if (key != NULL)
    for (guint g = 0; g < cluster_groups->len; g++)
      {
        GArray *members = g_ptr_array_index (cluster_groups, g);

        for (guint k = 0; k < members->len; k++)
          g_string_append_printf (key, "%s%u", k > 0 ? "," : "", g_array_index (members, guint, k));
        g_string_append_c (key, ';');
      }
  return groups;
}

/* The clusters every annotator has a mention in, joined where any
 * annotator puts their mentions in one entity; a component whose
 * groupings differ is a difference. */
static void
add_coreference_items (GlossatorComparison *self)
{
  guint n_clusters = self->clusters->len;
  g_autofree guint *parent = g_new (guint, n_clusters + 1);
  g_autofree gboolean *aligned = g_new0 (gboolean, n_clusters + 1);
  g_autoptr(GHashTable) components = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr(GArray) roots = g_array_new (FALSE, FALSE, sizeof (guint));

  if (self->n < 2)
    return;
  for (guint c = 0; c < n_clusters; c++)
    {
      Cluster *cluster = g_ptr_array_index (self->clusters, c);

      parent[c] = c;
      aligned[c] = TRUE;
      for (guint d = 1; d <= self->n; d++)
        aligned[c] = aligned[c] && cluster->members[d] != NULL;
    }
  for (guint d = 1; d <= self->n; d++)
    {
      g_autoptr(GHashTable) first = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint c = 0; c < n_clusters; c++)
        {
          Cluster *cluster = g_ptr_array_index (self->clusters, c);
          gpointer other;

          if (!aligned[c])
            continue;
          if (g_hash_table_lookup_extended (first, cluster->members[d]->entity_id, NULL, &other))
            parent[uf_find (parent, c)] = uf_find (parent, GPOINTER_TO_UINT (other));
          else
            g_hash_table_insert (first, cluster->members[d]->entity_id, GUINT_TO_POINTER (c));
        }
    }
  for (guint c = 0; c < n_clusters; c++)
    {
      guint root;
      GArray *component;

      if (!aligned[c])
        continue;
      root = uf_find (parent, c);
      if ((component = g_hash_table_lookup (components, GUINT_TO_POINTER (root))) == NULL)
        {
          component = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (components, GUINT_TO_POINTER (root), component);
          g_array_append_val (roots, root);
        }
      g_array_append_val (component, c);
    }

  for (guint r = 0; r < roots->len; r++)
    {
      GArray *component = g_hash_table_lookup (components, GUINT_TO_POINTER (g_array_index (roots, guint, r)));
      g_auto(GStrv) keys = g_new0 (char *, self->n + 1);
      Item *item;
      GlossatorDifference *d;
      gboolean settled = TRUE;
      guint n_gold = 0;

      if (component->len < 2)
        continue;
      item = item_new (self, GLOSSATOR_DIFFERENCE_COREFERENCE);
      d = &item->public;
      d->chains = g_new0 (GPtrArray *, self->n + 1);
      for (guint i = 0; i < self->n; i++)
        {
          g_autoptr(GString) key = g_string_new (NULL);

          d->chains[i] = grouping (self, i + 1, component, key);
          keys[i] = g_string_free (g_steal_pointer (&key), FALSE);
        }
      set_choices (d, keys);
      if (d->n_choices == 1)
        {
          item_free (item);
          continue;
        }
      d->gold_chains = grouping (self, 0, component, NULL);
      item->clusters = g_array_ref (component);
      for (guint k = 0; k < component->len; k++)
        {
          Cluster *cluster = g_ptr_array_index (self->clusters, g_array_index (component, guint, k));
          GlossatorMention *first = cluster->members[1];
          GlossatorMention *gold = cluster->members[0];

          span_extent (first->fragments, first->n_fragments, &d->start, &d->end);
          if (item->key == NULL)
            {
              g_autofree char *place = mention_key (first);

              item->key = g_strdup_printf ("coreference\x1f%s", place);
            }
          if (gold != NULL)
            {
              GlossatorEntity *entity = glossator_document_get_entity (self->gold, gold->entity_id);

              n_gold++;
              settled = settled && entity != NULL && has_source (entity->extra);
            }
        }
      d->settled = n_gold > 0 ? settled : g_hash_table_contains (self->none_decided, item->key);
      g_ptr_array_add (self->items, item);
    }
}

/* ---- stances ---------------------------------------------------------------- */

/* Whether entity @a of document @da and @b of @db share a cluster. */
static gboolean
same_entity (GlossatorComparison *self,
             guint                da,
             const char          *a,
             guint                db,
             const char          *b)
{
  g_autoptr(GPtrArray) mentions = NULL;

  if (a == NULL || b == NULL)
    return a == b;
  mentions = glossator_document_list_entity_mentions (self->documents[da], a);
  for (guint k = 0; k < mentions->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, k);
      guint c = cluster_of (self, da, mention->id);
      Cluster *cluster;

      if (c == 0)
        continue;
      cluster = g_ptr_array_index (self->clusters, c - 1);
      if (cluster->members[db] != NULL && g_strcmp0 (cluster->members[db]->entity_id, b) == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
same_parties (GlossatorComparison   *self,
              guint                  da,
              const GlossatorStance *a,
              guint                  db,
              const GlossatorStance *b)
{
  if (a->holder_kind != b->holder_kind || a->target_kind != b->target_kind)
    return FALSE;
  if (a->holder_kind == GLOSSATOR_HOLDER_ENTITY &&
      !same_entity (self, da, a->holder_entity, db, b->holder_entity))
    return FALSE;
  if (a->target_kind == GLOSSATOR_TARGET_ENTITY)
    return same_entity (self, da, a->target, db, b->target);
  return g_strcmp0 (a->target, b->target) == 0;
}

static void
add_stance_items (GlossatorComparison *self)
{
  g_autoptr(GPtrArray) clusters = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) origin = g_ptr_array_new ();   /* the document of each cluster's first member */

  for (guint d = 0; d <= self->n; d++)
    {
      g_autoptr(GPtrArray) stances = glossator_document_list_stances (self->documents[d]);

      for (guint k = 0; k < stances->len; k++)
        {
          GlossatorStance *stance = g_ptr_array_index (stances, k);
          g_autofree char *key = stance_key (stance);
          int found = -1;

          /* Same parties: one with the same version first. */
          for (guint pass = 0; pass < 2 && found < 0 && d > 0; pass++)
            for (guint c = 0; c < clusters->len && found < 0; c++)
              {
                GlossatorStance **members = g_ptr_array_index (clusters, c);
                guint od = GPOINTER_TO_UINT (g_ptr_array_index (origin, c));
                g_autofree char *other = stance_key (members[od]);

                if (members[d] != NULL || !same_parties (self, d, stance, od, members[od]))
                  continue;
                if (pass == 0 && strcmp (key, other) != 0)
                  continue;
                found = (int) c;
              }
          if (found < 0)
            {
              g_ptr_array_add (clusters, g_new0 (GlossatorStance *, self->n + 1));
              g_ptr_array_add (origin, GUINT_TO_POINTER (d));
              found = (int) clusters->len - 1;
            }
          ((GlossatorStance **) g_ptr_array_index (clusters, found))[d] = glossator_stance_ref (stance);
        }
    }

  for (guint c = 0; c < clusters->len; c++)
    {
      GlossatorStance **members = g_ptr_array_index (clusters, c);
      g_auto(GStrv) keys = g_new0 (char *, self->n + 1);
      g_autofree char *gold_key = stance_key (members[0]);
      Item *item = NULL;
      GlossatorDifference *d = NULL;

      for (guint i = 0; i < self->n; i++)
        keys[i] = stance_key (members[i + 1]);
      for (guint i = 0; i < self->n && item == NULL; i++)
        if (members[i + 1] != NULL)
          {
            item = item_new (self, GLOSSATOR_DIFFERENCE_STANCE);
            item->key = g_strdup_printf ("stance\x1f%u\x1f%s", i, members[i + 1]->id);
          }
      if (item == NULL)
        {
          g_clear_pointer (&members[0], glossator_stance_unref);
          continue;
        }
      d = &item->public;
      d->stances = g_new0 (GlossatorStance *, self->n + 1);
      for (guint i = 0; i < self->n; i++)
        {
          d->stances[i] = members[i + 1];
          if (d->stances[i] != NULL)
            span_extent (d->stances[i]->evidence, d->stances[i]->n_evidence, &d->start, &d->end);
        }
      d->gold_stance = members[0];
      set_choices (d, keys);
      if (d->n_choices == 1)
        {
          d->kind = GLOSSATOR_DIFFERENCE_AGREEMENT;
          d->settled = strcmp (gold_key, keys[0]) == 0;
        }
      else
        d->settled = (d->gold_stance != NULL && has_source (d->gold_stance->extra)) ||
                     (d->gold_stance == NULL && stances_rejected (self, d));
      g_ptr_array_add (self->items, item);
    }
}

/* ---- merge conflicts --------------------------------------------------------- */

static gboolean
conflict_recorded (GlossatorComparison *self,
                   JsonNode            *record)
{
  JsonArray *current = _glossator_document_get_conflicts (self->gold);

  for (guint k = 0; current != NULL && k < json_array_get_length (current); k++)
    if (json_node_equal (json_array_get_element (current, k), record))
      return TRUE;
  return FALSE;
}

/* The conflicts the gold recorded when the comparison began: one stays
 * listed, settled, once its record is gone (and unsettled again if an
 * undo brings it back). */
static void
add_conflict_items (GlossatorComparison *self)
{
  for (guint k = 0; self->conflicts != NULL && k < json_array_get_length (self->conflicts); k++)
    {
      JsonNode *record = json_array_get_element (self->conflicts, k);
      Item *item;
      GlossatorDifference *d;
      const char *kind, *id;

      if (!JSON_NODE_HOLDS_OBJECT (record))
        continue;
      item = item_new (self, GLOSSATOR_DIFFERENCE_CONFLICT);
      d = &item->public;
      d->conflict = json_object_ref (json_node_get_object (record));
      /* Its sides are ours and theirs, no annotator's. */
      d->n_annotators = 0;
      d->n_choices = 2;
      d->settled = !conflict_recorded (self, record);
      item->key = g_strdup_printf ("conflict\x1f%u", k);
      kind = json_object_get_string_member_with_default (d->conflict, "kind", "");
      id = json_object_get_string_member_with_default (d->conflict, "id", "");
      if (strcmp (kind, "mention") == 0 && glossator_document_get_mention (self->gold, id) != NULL)
        {
          GlossatorMention *mention = glossator_document_get_mention (self->gold, id);

          span_extent (mention->fragments, mention->n_fragments, &d->start, &d->end);
        }
      g_ptr_array_add (self->items, item);
    }
}

/* ---- the comparison ----------------------------------------------------------- */

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const Item *x = *(Item * const *) a, *y = *(Item * const *) b;

  if (x->public.start != y->public.start)
    return x->public.start < y->public.start ? -1 : 1;
  if (x->public.end != y->public.end)
    return x->public.end < y->public.end ? -1 : 1;
  if (x->public.kind != y->public.kind)
    return x->public.kind < y->public.kind ? -1 : 1;
  return g_strcmp0 (x->key, y->key);
}

static void
clear_clusters (GlossatorComparison *self)
{
  g_ptr_array_set_size (self->clusters, 0);
  for (guint d = 0; d <= self->n; d++)
    g_hash_table_remove_all (self->cluster_of[d]);
}

void
glossator_comparison_refresh (GlossatorComparison *self)
{
  g_return_if_fail (self != NULL);

  g_ptr_array_set_size (self->items, 0);
  clear_clusters (self);
  /* The clusters point into these lists, which hold references: a
   * mention the gold drops stays valid until the next refresh. */
  for (guint d = 0; d <= self->n; d++)
    {
      g_clear_pointer (&self->lists[d], g_ptr_array_unref);
      self->lists[d] = placed_mentions (self->documents[d]);
    }

  build_clusters (self, self->lists);
  add_mention_items (self);
  add_coreference_items (self);
  add_stance_items (self);
  add_conflict_items (self);
  g_ptr_array_sort (self->items, compare_items);
}

GlossatorComparison *
glossator_comparison_new (GlossatorDocument          *gold,
                          const char * const         *annotators,
                          GlossatorDocument * const  *documents,
                          guint                       n_annotators,
                          GError                    **error)
{
  GlossatorComparison *self;
  const char *sha256;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (gold), NULL);
  g_return_val_if_fail (annotators != NULL || n_annotators == 0, NULL);
  g_return_val_if_fail (documents != NULL || n_annotators == 0, NULL);

  sha256 = glossator_text_get_sha256 (glossator_document_get_text (gold));
  for (guint i = 0; i < n_annotators; i++)
    if (strcmp (glossator_text_get_sha256 (glossator_document_get_text (documents[i])), sha256) != 0)
      {
        g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_DIFFERENT_TEXT,
                     _("%s’s copy annotates another text than the gold’s"), annotators[i]);
        return NULL;
      }

  self = g_new0 (GlossatorComparison, 1);
  self->gold = g_object_ref (gold);
  self->n = n_annotators;
  self->annotators = g_new0 (char *, n_annotators + 1);
  self->documents = g_new0 (GlossatorDocument *, n_annotators + 2);
  self->documents[0] = g_object_ref (gold);
  self->cluster_of = g_new0 (GHashTable *, n_annotators + 2);
  for (guint i = 0; i < n_annotators; i++)
    {
      self->annotators[i] = g_strdup (annotators[i]);
      self->documents[i + 1] = g_object_ref (documents[i]);
    }
  for (guint d = 0; d <= n_annotators; d++)
    self->cluster_of[d] = g_hash_table_new (g_str_hash, g_str_equal);
  self->lists = g_new0 (GPtrArray *, n_annotators + 2);
  self->clusters = g_ptr_array_new_with_free_func (cluster_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->none_decided = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (_glossator_document_get_conflicts (gold) != NULL)
    self->conflicts = json_array_ref (_glossator_document_get_conflicts (gold));
  glossator_comparison_refresh (self);
  return self;
}

void
glossator_comparison_free (GlossatorComparison *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->clusters);
  for (guint d = 0; d <= self->n; d++)
    {
      g_hash_table_unref (self->cluster_of[d]);
      g_clear_pointer (&self->lists[d], g_ptr_array_unref);
      g_object_unref (self->documents[d]);
    }
  g_free (self->cluster_of);
  g_free (self->lists);
  g_free (self->documents);
  g_object_unref (self->gold);
  g_strfreev (self->annotators);
  g_hash_table_unref (self->none_decided);
  g_clear_pointer (&self->conflicts, json_array_unref);
  g_free (self);
}

guint
glossator_comparison_get_n_annotators (GlossatorComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n;
}

const char *
glossator_comparison_get_annotator (GlossatorComparison *self,
                                    guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n, NULL);

  return self->annotators[index];
}

guint
glossator_comparison_get_n_items (GlossatorComparison *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

const GlossatorDifference *
glossator_comparison_get_item (GlossatorComparison *self,
                               guint                index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->items->len, NULL);

  return &((Item *) g_ptr_array_index (self->items, index))->public;
}

GlossatorProgress
glossator_comparison_get_progress (GlossatorComparison *self)
{
  GlossatorProgress progress = { 0 };

  g_return_val_if_fail (self != NULL, progress);

  for (guint k = 0; k < self->items->len; k++)
    {
      const GlossatorDifference *d = &((Item *) g_ptr_array_index (self->items, k))->public;

      if (d->kind == GLOSSATOR_DIFFERENCE_AGREEMENT)
        {
          progress.agreements++;
          progress.agreements_in_gold += d->settled;
        }
      else
        {
          progress.total++;
          progress.settled += d->settled;
        }
    }
  return progress;
}

/* ---- decisions ----------------------------------------------------------------- */

/* The choices @names pick (each once, in choice order), or FALSE with
 * @error for a name that is not an annotator. */
static gboolean
picked_choices (GlossatorComparison        *self,
                const GlossatorDifference  *d,
                const char * const         *names,
                GArray                     *choices,
                GError                    **error)
{
  g_autofree gboolean *picked = g_new0 (gboolean, d->n_choices + 1);

  for (guint k = 0; names != NULL && names[k] != NULL; k++)
    {
      guint i;

      for (i = 0; i < self->n; i++)
        if (strcmp (self->annotators[i], names[k]) == 0)
          break;
      if (i == self->n)
        {
          g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_UNKNOWN_ANNOTATOR,
                       _("“%s” is not one of the annotators compared"), names[k]);
          return FALSE;
        }
      picked[d->choice_of[i]] = TRUE;
    }
  for (guint c = 0; c < d->n_choices; c++)
    if (picked[c])
      g_array_append_val (choices, c);
  return TRUE;
}

/* The annotators whose version is choice @c: the provenance recorded. */
static GPtrArray *
choice_names (GlossatorComparison       *self,
              const GlossatorDifference *d,
              guint                      c)
{
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < self->n; i++)
    if (d->choice_of[i] == c)
      g_ptr_array_add (names, self->annotators[i]);
  return names;
}

static guint
first_of_choice (const GlossatorDifference *d,
                 guint                      c)
{
  for (guint i = 0; i < d->n_annotators; i++)
    if (d->choice_of[i] == c)
      return i;
  g_assert_not_reached ();
}

/* Whether the choices picked hold a version, or only “none” (an
 * annotator who has nothing there). */
static gboolean
picks_a_version (const GlossatorDifference *d,
                 GArray                    *choices)
{
  for (guint k = 0; k < choices->len; k++)
    {
      guint i = first_of_choice (d, g_array_index (choices, guint, k));

      if ((d->mentions != NULL && d->mentions[i] != NULL) || (d->stances != NULL && d->stances[i] != NULL))
        return TRUE;
    }
  return FALSE;
}

/* The gold's entity for annotator document @doc's entity @entity_id: that
 * of a gold mention in the cluster of one of its mentions; NULL if none. */
static const char *
gold_entity_for (GlossatorComparison *self,
                 guint                doc,
                 const char          *entity_id)
{
  g_autoptr(GPtrArray) mentions = NULL;

  if (entity_id == NULL)
    return NULL;
  mentions = glossator_document_list_entity_mentions (self->documents[doc], entity_id);
  for (guint k = 0; k < mentions->len; k++)
    {
      guint c = cluster_of (self, doc, ((GlossatorMention *) g_ptr_array_index (mentions, k))->id);
      Cluster *cluster;

      if (c == 0)
        continue;
      cluster = g_ptr_array_index (self->clusters, c - 1);
      if (cluster->members[0] != NULL &&
          glossator_document_get_mention (self->gold, cluster->members[0]->id) != NULL)
        return cluster->members[0]->entity_id;
    }
  return NULL;
}

/* Puts @mention (not yet in a document) with @version's label and
 * fragments and the provenance. */
static void
put_mention_version (GlossatorComparison    *self,
                     GlossatorMention       *mention,
                     const GlossatorMention *version,
                     GPtrArray              *names)
{
  g_autoptr(JsonObject) extra = NULL;
  GlossatorText *text = glossator_document_get_text (self->gold);

  glossator_mention_set_label (mention, version->label);
  glossator_mention_clear_fragments (mention);
  for (guint f = 0; f < version->n_fragments; f++)
    glossator_span_set_quote (glossator_mention_add_fragment (mention, version->fragments[f].start,
                                                              version->fragments[f].end), text);
  extra = with_source (mention->extra, names);
  g_clear_pointer (&mention->extra, json_object_unref);
  mention->extra = g_steal_pointer (&extra);
  glossator_document_put_mention (self->gold, mention);
}

static gboolean
decide_mention (GlossatorComparison  *self,
                Item                 *item,
                GlossatorDecision     decision,
                GArray               *choices,
                GError              **error)
{
  GlossatorDifference *d = &item->public;
  GlossatorMention *gold = d->gold_mention;

  if (decision == GLOSSATOR_DECISION_KEEP_GOLD && gold != NULL)
    {
      g_autoptr(GlossatorMention) copy = glossator_mention_copy (gold);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *gold_key = mention_key (gold);

      for (guint i = 0; i < self->n; i++)
        {
          g_autofree char *key = mention_key (d->mentions[i]);

          if (strcmp (key, gold_key) == 0)
            g_ptr_array_add (names, self->annotators[i]);
        }
      put_mention_version (self, copy, gold, names);
      return TRUE;
    }
  if (decision != GLOSSATOR_DECISION_ACCEPT || !picks_a_version (d, choices))
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new ();

      if (gold != NULL)
        glossator_document_delete_mention (self->gold, gold->id);
      for (guint i = 0; i < self->n; i++)
        if (d->mentions[i] != NULL)
          g_ptr_array_add (records, mention_record (d->mentions[i]));
      reject (self->gold, records);
      return TRUE;
    }

  for (guint k = 0; k < choices->len; k++)
    {
      guint c = g_array_index (choices, guint, k);
      guint i = first_of_choice (d, c);
      const GlossatorMention *version = d->mentions[i];
      g_autoptr(GPtrArray) names = choice_names (self, d, c);
      g_autoptr(GlossatorMention) mention = NULL;

      if (version == NULL)
        continue;   /* "none" picked beside a version: the version is kept */
      if (gold != NULL && glossator_document_get_mention (self->gold, gold->id) != NULL)
        {
          /* The label first, so an entity of this one mention follows it. */
          glossator_document_set_mention_label (self->gold, gold->id, version->label);
          mention = glossator_mention_copy (glossator_document_get_mention (self->gold, gold->id));
          gold = NULL;
        }
      else
        {
          const char *entity = gold_entity_for (self, i + 1, version->entity_id);
          g_autoptr(GlossatorMention) created = NULL;
          g_autofree guint *starts = g_new (guint, version->n_fragments);
          g_autofree guint *ends = g_new (guint, version->n_fragments);

          for (guint f = 0; f < version->n_fragments; f++)
            {
              starts[f] = version->fragments[f].start;
              ends[f] = version->fragments[f].end;
            }
          created = glossator_document_create_mention (self->gold, version->label, starts, ends,
                                                       version->n_fragments, entity, error);
          if (created == NULL)
            return FALSE;
          mention = glossator_mention_copy (created);
        }
      put_mention_version (self, mention, version, names);
    }
  return TRUE;
}

static void
put_entity_source (GlossatorComparison *self,
                   const char          *entity_id,
                   GPtrArray           *names)
{
  GlossatorEntity *entity = glossator_document_get_entity (self->gold, entity_id);
  g_autoptr(GlossatorEntity) copy = NULL;

  if (entity == NULL)
    return;
  copy = glossator_entity_copy (entity);
  g_clear_pointer (&copy->extra, json_object_unref);
  copy->extra = with_source (entity->extra, names);
  glossator_document_put_entity (self->gold, copy);
}

/* Gives the gold's mentions in the item's clusters the grouping of
 * @groups (a key of grouping(): cluster positions in the component), or
 * each its own entity when @groups is NULL. */
static void
regroup (GlossatorComparison *self,
         Item                *item,
         const char          *groups,
         GPtrArray           *names)
{
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  guint n_parts;

  if (groups != NULL)
    parts = g_strsplit (groups, ";", -1);
  else
    {
      GString *each = g_string_new (NULL);

      for (guint k = 0; k < item->clusters->len; k++)
        g_string_append_printf (each, "%u;", k);
      parts = g_strsplit (each->str, ";", -1);
      g_string_free (each, TRUE);
    }
  n_parts = g_strv_length (parts);

  for (guint g = 0; g < n_parts; g++)
    {
      g_auto(GStrv) members = NULL;
      char *target = NULL;

      if (parts[g][0] == '\0')
        continue;
      members = g_strsplit (parts[g], ",", -1);
      for (guint k = 0; members[k] != NULL; k++)
        {
          guint position = (guint) g_ascii_strtoull (members[k], NULL, 10);
          Cluster *cluster = g_ptr_array_index (self->clusters, g_array_index (item->clusters, guint, position));
          GlossatorMention *mention;

          if (cluster->members[0] == NULL ||
              (mention = glossator_document_get_mention (self->gold, cluster->members[0]->id)) == NULL)
            continue;
          if (target == NULL)
            {
              if (g_hash_table_contains (used, mention->entity_id))
                target = g_strdup (glossator_document_split_mention (self->gold, mention->id)->id);
              else
                target = g_strdup (mention->entity_id);
              g_hash_table_add (used, g_strdup (target));
              g_ptr_array_add (targets, target);
            }
          else if (g_strcmp0 (mention->entity_id, target) != 0)
            glossator_document_link_mention (self->gold, mention->id, target);
        }
    }
  for (guint t = 0; t < targets->len; t++)
    put_entity_source (self, g_ptr_array_index (targets, t), names);
}

static gboolean
decide_coreference (GlossatorComparison  *self,
                    Item                 *item,
                    GlossatorDecision     decision,
                    GArray               *choices,
                    GError              **error)
{
  GlossatorDifference *d = &item->public;

  if (decision == GLOSSATOR_DECISION_ACCEPT && choices->len > 1)
    {
      g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                   _("Mentions can be grouped in entities one way only: accept one annotator’s grouping"));
      return FALSE;
    }
  if (decision == GLOSSATOR_DECISION_ACCEPT && choices->len == 1)
    {
      guint c = g_array_index (choices, guint, 0);
      guint i = first_of_choice (d, c);
      g_autoptr(GPtrArray) names = choice_names (self, d, c);
      g_autoptr(GString) key = g_string_new (NULL);
      g_autoptr(GPtrArray) groups = grouping (self, i + 1, item->clusters, key);

      regroup (self, item, key->str, names);
    }
  else if (decision == GLOSSATOR_DECISION_KEEP_GOLD)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GString) gold_key = g_string_new (NULL);
      g_autoptr(GPtrArray) gold_groups = grouping (self, 0, item->clusters, gold_key);

      for (guint i = 0; i < self->n; i++)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          g_autoptr(GPtrArray) groups = grouping (self, i + 1, item->clusters, key);

          if (strcmp (key->str, gold_key->str) == 0)
            g_ptr_array_add (names, self->annotators[i]);
        }
      for (guint g = 0; g < gold_groups->len; g++)
        {
          GPtrArray *group = g_ptr_array_index (gold_groups, g);

          put_entity_source (self, ((GlossatorMention *) g_ptr_array_index (group, 0))->entity_id, names);
        }
      if (gold_groups->len == 0)
        g_hash_table_add (self->none_decided, g_strdup (item->key));
    }
  else
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();

      regroup (self, item, NULL, names);
      g_hash_table_add (self->none_decided, g_strdup (item->key));
    }
  return TRUE;
}

/* @stance (fresh) with @version's polarity, intensity and evidence. */
static void
take_stance_version (GlossatorComparison   *self,
                     GlossatorStance       *stance,
                     const GlossatorStance *version,
                     GPtrArray             *names)
{
  GlossatorText *text = glossator_document_get_text (self->gold);
  JsonObject *extra;

  glossator_stance_set_polarity (stance, version->polarity);
  glossator_stance_set_intensity (stance, version->intensity);
  glossator_stance_clear_evidence (stance);
  for (guint k = 0; k < version->n_evidence; k++)
    glossator_span_set_quote (glossator_stance_add_evidence (stance, version->evidence[k].start,
                                                             version->evidence[k].end), text);
  extra = with_source (stance->extra, names);
  g_clear_pointer (&stance->extra, json_object_unref);
  stance->extra = extra;
}

static gboolean
decide_stance (GlossatorComparison  *self,
               Item                 *item,
               GlossatorDecision     decision,
               GArray               *choices,
               GError              **error)
{
  GlossatorDifference *d = &item->public;
  GlossatorStance *gold = d->gold_stance;

  if (decision == GLOSSATOR_DECISION_KEEP_GOLD && gold != NULL)
    {
      g_autoptr(GlossatorStance) copy = glossator_stance_copy (gold);
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autofree char *gold_key = stance_key (gold);

      for (guint i = 0; i < self->n; i++)
        {
          g_autofree char *key = stance_key (d->stances[i]);

          if (strcmp (key, gold_key) == 0)
            g_ptr_array_add (names, self->annotators[i]);
        }
      take_stance_version (self, copy, gold, names);
      glossator_document_put_stance (self->gold, copy);
      return TRUE;
    }
  if (decision != GLOSSATOR_DECISION_ACCEPT || !picks_a_version (d, choices))
    {
      g_autoptr(GPtrArray) records = g_ptr_array_new ();

      if (gold != NULL)
        glossator_document_remove_stance (self->gold, gold->id);
      for (guint i = 0; i < self->n; i++)
        if (d->stances[i] != NULL)
          g_ptr_array_add (records, stance_record (self->annotators[i], d->stances[i]));
      reject (self->gold, records);
      return TRUE;
    }

  /* Everything is checked before the first edit: a decision is applied
   * whole or not at all. */
  for (guint k = 0; k < choices->len; k++)
    {
      guint i = first_of_choice (d, g_array_index (choices, guint, k));
      const GlossatorStance *version = d->stances[i];

      if (version == NULL || (k == 0 && gold != NULL))
        continue;
      if ((version->holder_kind == GLOSSATOR_HOLDER_ENTITY &&
           gold_entity_for (self, i + 1, version->holder_entity) == NULL) ||
          (version->target_kind == GLOSSATOR_TARGET_ENTITY &&
           gold_entity_for (self, i + 1, version->target) == NULL))
        {
          g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                       _("The gold has no mention of this stance’s holder or target yet: accept one first"));
          return FALSE;
        }
    }

  for (guint k = 0; k < choices->len; k++)
    {
      guint c = g_array_index (choices, guint, k);
      guint i = first_of_choice (d, c);
      const GlossatorStance *version = d->stances[i];
      g_autoptr(GPtrArray) names = choice_names (self, d, c);
      g_autoptr(GlossatorStance) stance = NULL;

      if (version == NULL)
        continue;
      if (gold != NULL)
        {
          stance = glossator_stance_copy (gold);
          gold = NULL;
        }
      else
        {
          stance = glossator_stance_copy (version);
          g_free (stance->id);
          stance->id = glossator_document_new_id (self->gold, "s");
          glossator_stance_set_holder (stance, version->holder_kind,
                                       gold_entity_for (self, i + 1, version->holder_entity));
          glossator_stance_set_target (stance, version->target_kind,
                                       version->target_kind == GLOSSATOR_TARGET_ENTITY
                                       ? gold_entity_for (self, i + 1, version->target) : version->target);
        }
      take_stance_version (self, stance, version, names);
      glossator_document_put_stance (self->gold, stance);
    }
  return TRUE;
}

/* The annotation @value (JSON, as the sidecar has it) read as the gold's
 * sidecar would read it, in place of the one with its id: a sidecar of the
 * gold with it is parsed, so it is checked as any loaded annotation is. */
static gpointer
read_annotation (GlossatorComparison  *self,
                 const char           *kind,
                 JsonObject           *value,
                 const char           *new_id,
                 GError              **error)
{
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (self->gold, "gold");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GlossatorDocument) read = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *member = g_strconcat (kind, strcmp (kind, "entity") == 0 ? "" : "s", NULL);
  g_autofree char *data = NULL;
  g_autoptr(JsonNode) wrapped = NULL;
  g_autoptr(JsonNode) copied = NULL;
  JsonObject *root, *copy;
  JsonArray *array;
  const char *id;
  gsize length;

  if (strcmp (kind, "entity") == 0)
    {
      g_free (member);
      member = g_strdup ("entities");
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), NULL))
    g_assert_not_reached ();
  root = json_node_get_object (json_parser_get_root (parser));
  json_object_remove_member (root, "conflicts");
  array = json_object_get_array_member (root, member);
  wrapped = json_node_init_object (json_node_alloc (), value);
  copied = _glossator_json_deep_copy (wrapped);
  copy = json_node_get_object (copied);
  if (new_id != NULL)
    json_object_set_string_member (copy, "id", new_id);
  id = json_object_get_string_member_with_default (copy, "id", "");
  for (guint k = json_array_get_length (array); k > 0; k--)
    {
      JsonObject *other = json_array_get_object_element (array, k - 1);

      if (g_strcmp0 (json_object_get_string_member_with_default (other, "id", ""), id) == 0)
        json_array_remove_element (array, k - 1);
    }
  json_array_add_object_element (array, json_object_ref (copy));

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &length);
  read = glossator_sidecar_parse (glossator_document_get_text (self->gold), "gold", data, length,
                                  NULL, NULL, &local_error);
  if (read == NULL)
    {
      g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                   _("Their version of “%s” does not fit the gold as it is now: %s"), id, local_error->message);
      return NULL;
    }
  if (strcmp (kind, "mention") == 0)
    return glossator_mention_ref (glossator_document_get_mention (read, id));
  if (strcmp (kind, "stance") == 0)
    return glossator_stance_ref (glossator_document_get_stance (read, id));
  return glossator_entity_ref (glossator_document_get_entity (read, id));
}

static void
remove_conflict (GlossatorComparison *self,
                 JsonObject          *conflict)
{
  JsonArray *current = _glossator_document_get_conflicts (self->gold);
  g_autoptr(JsonArray) kept = json_array_new ();
  g_autoptr(JsonNode) record = json_node_init_object (json_node_alloc (), conflict);

  for (guint k = 0; current != NULL && k < json_array_get_length (current); k++)
    if (!json_node_equal (json_array_get_element (current, k), record))
      json_array_add_element (kept, json_node_ref (json_array_get_element (current, k)));
  _glossator_document_set_conflicts (self->gold, kept);
}

static void
put_with_source (GlossatorComparison *self,
                 const char          *kind,
                 gpointer             value,
                 const char          *side)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  g_ptr_array_add (names, (gpointer) side);
  if (strcmp (kind, "mention") == 0)
    {
      g_autoptr(GlossatorMention) copy = glossator_mention_copy (value);

      g_clear_pointer (&copy->extra, json_object_unref);
      copy->extra = with_source (((GlossatorMention *) value)->extra, names);
      glossator_document_put_mention (self->gold, copy);
    }
  else if (strcmp (kind, "stance") == 0)
    {
      g_autoptr(GlossatorStance) copy = glossator_stance_copy (value);

      g_clear_pointer (&copy->extra, json_object_unref);
      copy->extra = with_source (((GlossatorStance *) value)->extra, names);
      glossator_document_put_stance (self->gold, copy);
    }
  else
    {
      g_autoptr(GlossatorEntity) copy = glossator_entity_copy (value);

      g_clear_pointer (&copy->extra, json_object_unref);
      copy->extra = with_source (((GlossatorEntity *) value)->extra, names);
      glossator_document_put_entity (self->gold, copy);
    }
}

static void
delete_annotation (GlossatorComparison *self,
                   const char          *kind,
                   const char          *id)
{
  if (strcmp (kind, "mention") == 0)
    glossator_document_delete_mention (self->gold, id);
  else if (strcmp (kind, "stance") == 0)
    glossator_document_remove_stance (self->gold, id);
  else if (strcmp (kind, "entity") == 0)
    glossator_document_delete_entity (self->gold, id, GLOSSATOR_STANCES_UNSPECIFY);
}

static void
take_document_info (GlossatorComparison *self,
                    JsonObject          *info)
{
  GlossatorStatus status;
  JsonNode *attributes = json_object_get_member (info, "attributes");

  if (glossator_status_from_string (json_object_get_string_member_with_default (info, "status", ""), &status))
    glossator_document_set_status (self->gold, status);
  glossator_document_set_annotator (self->gold, json_object_get_string_member_with_default (info, "annotator", NULL));
  glossator_document_set_notes (self->gold, json_object_get_string_member_with_default (info, "notes", NULL));
  glossator_document_set_attributes (self->gold, attributes != NULL && JSON_NODE_HOLDS_OBJECT (attributes)
                                                 ? json_node_get_object (attributes) : NULL);
}

/* A merge conflict: the gold holds ours (or theirs where ours deleted
 * it); settling it sets the annotation and removes the record. */
static gboolean
decide_conflict (GlossatorComparison  *self,
                 Item                 *item,
                 GlossatorDecision     decision,
                 const char * const   *sides,
                 GError              **error)
{
  JsonObject *conflict = item->public.conflict;
  const char *kind = json_object_get_string_member_with_default (conflict, "kind", "");
  const char *id = json_object_get_string_member_with_default (conflict, "id", "");
  gboolean annotation = strcmp (kind, "mention") == 0 || strcmp (kind, "stance") == 0 ||
                        strcmp (kind, "entity") == 0;
  gboolean ours = FALSE, theirs = FALSE;
  JsonNode *versions[2];
  g_autoptr(GPtrArray) values = g_ptr_array_new ();

  if (item->public.settled)
    return TRUE;
  versions[0] = json_object_get_member (conflict, "ours");
  versions[1] = json_object_get_member (conflict, "theirs");
  for (guint k = 0; decision == GLOSSATOR_DECISION_ACCEPT && sides != NULL && sides[k] != NULL; k++)
    {
      if (strcmp (sides[k], "ours") == 0)
        ours = TRUE;
      else if (strcmp (sides[k], "theirs") == 0)
        theirs = TRUE;
      else
        {
          g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_UNKNOWN_ANNOTATOR,
                       _("A merge conflict has “ours” and “theirs”, not “%s”"), sides[k]);
          return FALSE;
        }
    }
  if (decision == GLOSSATOR_DECISION_ACCEPT && !ours && !theirs)
    decision = GLOSSATOR_DECISION_NONE;

  if (decision == GLOSSATOR_DECISION_KEEP_GOLD)
    {
      remove_conflict (self, conflict);
      return TRUE;
    }
  if (decision == GLOSSATOR_DECISION_NONE)
    {
      if (!annotation)
        {
          g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                       _("The document’s information cannot be removed: keep one side"));
          return FALSE;
        }
      delete_annotation (self, kind, id);
      remove_conflict (self, conflict);
      return TRUE;
    }
  if (!annotation && (ours == theirs || strcmp (kind, "document") != 0))
    {
      if (strcmp (kind, "document") != 0 && ours && !theirs)
        {
          remove_conflict (self, conflict);
          return TRUE;
        }
      g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                   _("This conflict can only be settled by keeping one side or the gold as it is"));
      return FALSE;
    }
  if (strcmp (kind, "document") == 0)
    {
      JsonNode *side = versions[theirs ? 1 : 0];

      if (side != NULL && JSON_NODE_HOLDS_OBJECT (side))
        take_document_info (self, json_node_get_object (side));
      remove_conflict (self, conflict);
      return TRUE;
    }
  if (ours && theirs && strcmp (kind, "entity") == 0)
    {
      g_set_error (error, GLOSSATOR_COMPARISON_ERROR, GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,
                   _("An entity cannot be kept twice: keep one side"));
      return FALSE;
    }

  /* Read every version before the first edit. */
  for (guint s = 0; s < 2; s++)
    {
      gboolean wanted = s == 0 ? ours : theirs;
      JsonNode *side = versions[s];
      g_autofree char *new_id = NULL;
      gpointer value;

      if (!wanted || side == NULL || !JSON_NODE_HOLDS_OBJECT (side))
        continue;
      /* Both kept: theirs under a new id beside ours. */
      if (s == 1 && ours && versions[0] != NULL && JSON_NODE_HOLDS_OBJECT (versions[0]))
        new_id = glossator_document_new_id (self->gold, strcmp (kind, "mention") == 0 ? "m" : "s");
      if ((value = read_annotation (self, kind, json_node_get_object (side), new_id, error)) == NULL)
        {
          for (guint k = 0; k < values->len; k += 2)
            {
              if (strcmp (kind, "mention") == 0)
                glossator_mention_unref (g_ptr_array_index (values, k));
              else if (strcmp (kind, "stance") == 0)
                glossator_stance_unref (g_ptr_array_index (values, k));
              else
                glossator_entity_unref (g_ptr_array_index (values, k));
            }
          return FALSE;
        }
      g_ptr_array_add (values, value);
      g_ptr_array_add (values, s == 0 ? "ours" : "theirs");
    }
  if (values->len == 0)
    delete_annotation (self, kind, id);
  for (guint k = 0; k < values->len; k += 2)
    {
      gpointer value = g_ptr_array_index (values, k);

      put_with_source (self, kind, value, g_ptr_array_index (values, k + 1));
      if (strcmp (kind, "mention") == 0)
        glossator_mention_unref (value);
      else if (strcmp (kind, "stance") == 0)
        glossator_stance_unref (value);
      else
        glossator_entity_unref (value);
    }
  remove_conflict (self, conflict);
  return TRUE;
}

gboolean
glossator_comparison_decide (GlossatorComparison *self,
                             guint                index,
                             GlossatorDecision    decision,
                             const char * const  *annotators,
                             GError             **error)
{
  Item *item;
  g_autoptr(GArray) choices = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->items->len, FALSE);
  g_return_val_if_fail (decision <= GLOSSATOR_DECISION_KEEP_GOLD, FALSE);

  item = g_ptr_array_index (self->items, index);
  if (decision == GLOSSATOR_DECISION_ACCEPT && item->public.kind != GLOSSATOR_DIFFERENCE_CONFLICT &&
      !picked_choices (self, &item->public, annotators, choices, error))
    return FALSE;

  glossator_document_begin_edit (self->gold, _("Adjudicate"));
  switch (item->public.kind)
    {
    case GLOSSATOR_DIFFERENCE_COREFERENCE:
      ok = decide_coreference (self, item, decision, choices, error);
      break;
    case GLOSSATOR_DIFFERENCE_STANCE:
      ok = decide_stance (self, item, decision, choices, error);
      break;
    case GLOSSATOR_DIFFERENCE_AGREEMENT:
      ok = item->public.stances != NULL
           ? decide_stance (self, item, decision, choices, error)
           : decide_mention (self, item, decision, choices, error);
      break;
    case GLOSSATOR_DIFFERENCE_CONFLICT:
      ok = decide_conflict (self, item, decision, annotators, error);
      break;
    default:
      ok = decide_mention (self, item, decision, choices, error);
      break;
    }
  glossator_document_end_edit (self->gold);

  glossator_comparison_refresh (self);
  return ok;
}

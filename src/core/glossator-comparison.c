/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-comparison"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-agree-private.h"
#include "glossator-comparison-private.h"
#include "glossator-document-private.h"
#include "glossator-union-find-private.h"

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

/* ---- keys ------------------------------------------------------------------ */

char *
_glossator_comparison_mention_key (const GlossatorMention *mention)
{
  g_autofree char *place = NULL;

  if (mention == NULL)
    return g_strdup ("");
  place = _glossator_mention_place_key (mention);
  return g_strconcat (mention->label, "\x1f", place, NULL);
}

/* A stance's version: what a decision would copy besides holder and target. */
char *
_glossator_comparison_stance_key (const GlossatorStance *stance)
{
  g_autofree char *evidence = NULL;

  if (stance == NULL)
    return g_strdup ("");
  evidence = _glossator_spans_key (stance->evidence, stance->n_evidence);
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

guint
_glossator_comparison_cluster_of (GlossatorComparison *self,
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

static void
add_mention_items (GlossatorComparison *self)
{
  for (guint c = 0; c < self->clusters->len; c++)
    {
      Cluster *cluster = g_ptr_array_index (self->clusters, c);
      g_auto(GStrv) keys = g_new0 (char *, self->n + 1);
      g_autofree char *gold_key = _glossator_comparison_mention_key (cluster->members[0]);
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

          keys[i] = _glossator_comparison_mention_key (mention);
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
        d->settled = (d->gold_mention != NULL && _glossator_comparison_has_source (d->gold_mention->extra)) ||
                     (d->gold_mention == NULL && _glossator_comparison_all_rejected (self, d));
      g_ptr_array_add (self->items, item);
    }
}

/* ---- coreference ------------------------------------------------------------ */

/* @d's grouping of the clusters in @component: groups by entity in the
 * order of their first cluster, each cluster index + 1, 0 between groups. */
GPtrArray *
_glossator_comparison_grouping (GlossatorComparison *self,
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
            parent[_glossator_union_find (parent, c)] = _glossator_union_find (parent, GPOINTER_TO_UINT (other));
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
      root = _glossator_union_find (parent, c);
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

          d->chains[i] = _glossator_comparison_grouping (self, i + 1, component, key);
          keys[i] = g_string_free (g_steal_pointer (&key), FALSE);
        }
      set_choices (d, keys);
      if (d->n_choices == 1)
        {
          item_free (item);
          continue;
        }
      d->gold_chains = _glossator_comparison_grouping (self, 0, component, NULL);
      item->clusters = g_array_ref (component);
      for (guint k = 0; k < component->len; k++)
        {
          Cluster *cluster = g_ptr_array_index (self->clusters, g_array_index (component, guint, k));
          GlossatorMention *first = cluster->members[1];
          GlossatorMention *gold = cluster->members[0];

          span_extent (first->fragments, first->n_fragments, &d->start, &d->end);
          if (item->key == NULL)
            {
              g_autofree char *place = _glossator_comparison_mention_key (first);

              item->key = g_strdup_printf ("coreference\x1f%s", place);
            }
          if (gold != NULL)
            {
              GlossatorEntity *entity = glossator_document_get_entity (self->gold, gold->entity_id);

              n_gold++;
              settled = settled && entity != NULL && _glossator_comparison_has_source (entity->extra);
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
      guint c = _glossator_comparison_cluster_of (self, da, mention->id);
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
          g_autofree char *key = _glossator_comparison_stance_key (stance);
          int found = -1;

          /* Same parties: one with the same version first. */
          for (guint pass = 0; pass < 2 && found < 0 && d > 0; pass++)
            for (guint c = 0; c < clusters->len && found < 0; c++)
              {
                GlossatorStance **members = g_ptr_array_index (clusters, c);
                guint od = GPOINTER_TO_UINT (g_ptr_array_index (origin, c));
                g_autofree char *other = _glossator_comparison_stance_key (members[od]);

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
      g_autofree char *gold_key = _glossator_comparison_stance_key (members[0]);
      Item *item = NULL;
      GlossatorDifference *d = NULL;

      for (guint i = 0; i < self->n; i++)
        keys[i] = _glossator_comparison_stance_key (members[i + 1]);
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
        d->settled = (d->gold_stance != NULL && _glossator_comparison_has_source (d->gold_stance->extra)) ||
                     (d->gold_stance == NULL && _glossator_comparison_all_rejected (self, d));
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-comparison"

/* Decisions: each edits the gold as one undo step and records where what it
 * wrote came from (provenance), or which versions it turned down. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-comparison-private.h"
#include "glossator-document-private.h"
#include "glossator-sidecar-private.h"

/* ---- provenance ----------------------------------------------------------- */

/* Replaces *@extra by a copy with "source": {"adjudicated": [@names…]} set
 * (a new object: values in a document are never modified). */
static void
set_source (JsonObject **extra,
            GPtrArray   *names)
{
  JsonObject *copy = json_object_new ();
  JsonObject *source = json_object_new ();
  JsonArray *adjudicated = json_array_new ();

  if (*extra != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (*extra);

      for (GList *l = members; l != NULL; l = l->next)
        if (strcmp (l->data, "source") != 0)
          json_object_set_member (copy, l->data,
                                  _glossator_json_deep_copy (json_object_get_member (*extra, l->data)));
    }
  for (guint i = 0; i < names->len; i++)
    json_array_add_string_element (adjudicated, g_ptr_array_index (names, i));
  json_object_set_array_member (source, "adjudicated", adjudicated);
  json_object_set_object_member (copy, "source", source);
  g_clear_pointer (extra, json_object_unref);
  *extra = copy;
}

gboolean
_glossator_comparison_has_source (JsonObject *extra)
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

/* Annotator @i's version of @d as a rejected record; NULL for none. */
static JsonObject *
version_record (GlossatorComparison       *self,
                const GlossatorDifference *d,
                guint                      i)
{
  if (d->mentions != NULL && d->mentions[i] != NULL)
    return mention_record (d->mentions[i]);
  if (d->stances != NULL && d->stances[i] != NULL)
    return stance_record (self->annotators[i], d->stances[i]);
  return NULL;
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

gboolean
_glossator_comparison_all_rejected (GlossatorComparison       *self,
                                    const GlossatorDifference *d)
{
  for (guint i = 0; i < self->n; i++)
    {
      JsonObject *record = version_record (self, d, i);

      if (record != NULL && !is_rejected (self->gold, record))
        return FALSE;
    }
  return TRUE;
}

/* Adds every annotator's version of @d to the gold's rejected versions. */
static void
reject (GlossatorComparison       *self,
        const GlossatorDifference *d)
{
  GlossatorDocument *gold = self->gold;
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
  for (guint i = 0; i < self->n; i++)
    {
      JsonObject *record = version_record (self, d, i);

      if (record == NULL)
        continue;
      if (is_rejected (gold, json_object_ref (record)))
        json_object_unref (record);
      else
        json_array_add_object_element (all, record);
    }
  json_object_set_array_member (adjudication, "rejected", all);
  _glossator_document_set_adjudication (gold, adjudication);
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

/* The annotators whose version of a mention or stance is the gold's: the
 * provenance of keeping the gold. */
static GPtrArray *
gold_names (GlossatorComparison       *self,
            const GlossatorDifference *d)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autofree char *gold_key = d->mentions != NULL ? _glossator_comparison_mention_key (d->gold_mention)
                                                  : _glossator_comparison_stance_key (d->gold_stance);

  for (guint i = 0; i < self->n; i++)
    {
      g_autofree char *key = d->mentions != NULL ? _glossator_comparison_mention_key (d->mentions[i])
                                                 : _glossator_comparison_stance_key (d->stances[i]);

      if (strcmp (key, gold_key) == 0)
        g_ptr_array_add (names, self->annotators[i]);
    }
  return names;
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
      guint c = _glossator_comparison_cluster_of (self, doc, ((GlossatorMention *) g_ptr_array_index (mentions, k))->id);
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
  GlossatorText *text = glossator_document_get_text (self->gold);

  glossator_mention_set_label (mention, version->label);
  glossator_mention_clear_fragments (mention);
  for (guint f = 0; f < version->n_fragments; f++)
    glossator_span_set_quote (glossator_mention_add_fragment (mention, version->fragments[f].start,
                                                              version->fragments[f].end), text);
  set_source (&mention->extra, names);
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
      g_autoptr(GPtrArray) names = gold_names (self, d);
      put_mention_version (self, copy, gold, names);
      return TRUE;
    }
  if (decision != GLOSSATOR_DECISION_ACCEPT || !picks_a_version (d, choices))
    {
      if (gold != NULL)
        glossator_document_delete_mention (self->gold, gold->id);
      reject (self, d);
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
          /* Who made the version taken, and when, as for a stance taken. */
          glossator_authorship_copy (&mention->authorship, &version->authorship);
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
  set_source (&copy->extra, names);
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
      g_autoptr(GPtrArray) groups = _glossator_comparison_grouping (self, i + 1, item->clusters, key);

      regroup (self, item, key->str, names);
    }
  else if (decision == GLOSSATOR_DECISION_KEEP_GOLD)
    {
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GString) gold_key = g_string_new (NULL);
      g_autoptr(GPtrArray) gold_groups = _glossator_comparison_grouping (self, 0, item->clusters, gold_key);

      for (guint i = 0; i < self->n; i++)
        {
          g_autoptr(GString) key = g_string_new (NULL);
          g_autoptr(GPtrArray) groups = _glossator_comparison_grouping (self, i + 1, item->clusters, key);

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

  glossator_stance_set_polarity (stance, version->polarity);
  glossator_stance_set_intensity (stance, version->intensity);
  glossator_stance_clear_evidence (stance);
  for (guint k = 0; k < version->n_evidence; k++)
    glossator_span_set_quote (glossator_stance_add_evidence (stance, version->evidence[k].start,
                                                             version->evidence[k].end), text);
  set_source (&stance->extra, names);
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
      g_autoptr(GPtrArray) names = gold_names (self, d);
      take_stance_version (self, copy, gold, names);
      glossator_document_put_stance (self->gold, copy);
      return TRUE;
    }
  if (decision != GLOSSATOR_DECISION_ACCEPT || !picks_a_version (d, choices))
    {
      if (gold != NULL)
        glossator_document_remove_stance (self->gold, gold->id);
      reject (self, d);
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

/* @value, of @kind as a conflict names it, let go. */
static void
annotation_unref (const char *kind,
                  gpointer    value)
{
  if (strcmp (kind, "mention") == 0)
    glossator_mention_unref (value);
  else if (strcmp (kind, "stance") == 0)
    glossator_stance_unref (value);
  else
    glossator_entity_unref (value);
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

      set_source (&copy->extra, names);
      glossator_document_put_mention (self->gold, copy);
    }
  else if (strcmp (kind, "stance") == 0)
    {
      g_autoptr(GlossatorStance) copy = glossator_stance_copy (value);

      set_source (&copy->extra, names);
      glossator_document_put_stance (self->gold, copy);
    }
  else
    {
      g_autoptr(GlossatorEntity) copy = glossator_entity_copy (value);

      set_source (&copy->extra, names);
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
            annotation_unref (kind, g_ptr_array_index (values, k));
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
      annotation_unref (kind, value);
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

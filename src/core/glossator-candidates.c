/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-candidates"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "glossator-candidates.h"

#define MAX_ENTITY_CANDIDATES 8
#define MAX_NEARBY_TARGETS 6
#define MAX_TOPIC_CANDIDATES 6
/* How far from the anchor an entity still counts as nearby. */
#define NEARBY_CHARS 4000

/* How a candidate matches, best first. */
enum {
  RANK_WHOLE,
  RANK_START,
  RANK_WORD,
  RANK_NEW,
  RANK_INSIDE,
};

typedef struct {
  GlossatorCandidate *candidate;
  int                 rank;
  guint               order;
} Ranked;

void
glossator_candidate_free (GlossatorCandidate *candidate)
{
  if (candidate == NULL)
    return;
  g_free (candidate->value);
  g_free (candidate->title);
  g_free (candidate->detail);
  g_free (candidate->name);
  g_free (candidate->color);
  g_free (candidate);
}

/* The rank of @name for @folded_query, or -1: no match. */
static int
match_rank (const char *folded_query,
            const char *name)
{
  g_autofree char *folded = NULL;
  const char *found;
  gunichar before;

  if (name == NULL)
    return -1;
  folded = g_utf8_casefold (name, -1);
  if (strcmp (folded, folded_query) == 0)
    return RANK_WHOLE;
  if ((found = strstr (folded, folded_query)) == NULL)
    return -1;
  if (found == folded)
    return RANK_START;
  before = g_utf8_get_char (g_utf8_prev_char (found));
  if (g_unichar_isspace (before) || g_unichar_ispunct (before))
    return RANK_WORD;
  return RANK_INSIDE;
}

static void
add (GArray             *ranked,
     GlossatorCandidate *candidate,
     int                 rank)
{
  Ranked item = { candidate, rank, ranked->len };

  g_array_append_val (ranked, item);
}

static GlossatorCandidate *
candidate_new (GlossatorCandidateKind  kind,
               const char             *value,
               const char             *title,
               const char             *detail)
{
  GlossatorCandidate *candidate = g_new0 (GlossatorCandidate, 1);

  candidate->kind = kind;
  candidate->value = g_strdup (value);
  candidate->title = g_strdup (title);
  candidate->detail = g_strdup (detail);
  candidate->name = g_strdup (value != NULL ? value : title);
  return candidate;
}

static GlossatorCandidate *
entity_candidate (GlossatorSchema *schema,
                  GlossatorEntity *entity)
{
  const char *name = entity->name != NULL && *entity->name != '\0' ? entity->name : entity->id;
  GlossatorCandidate *candidate = candidate_new (GLOSSATOR_CANDIDATE_ENTITY, entity->id, name, entity->label);

  g_free (candidate->name);
  candidate->name = g_strdup (name);
  if (schema != NULL)
    candidate->color = g_strdup (glossator_schema_color_for_label (schema, entity->label));
  return candidate;
}

static GlossatorCandidate *
author_candidate (void)
{
  return candidate_new (GLOSSATOR_CANDIDATE_AUTHOR, NULL, _("Author"), _("of the article"));
}

static GlossatorCandidate *
unspecified_candidate (void)
{
  return candidate_new (GLOSSATOR_CANDIDATE_UNSPECIFIED, NULL, _("Unspecified"), NULL);
}

static GlossatorCandidate *
topic_candidate (const char *topic)
{
  return candidate_new (GLOSSATOR_CANDIDATE_TOPIC, topic, topic, _("topic"));
}

typedef struct {
  GlossatorEntity *entity;
  guint            rank;
  guint            count;
} EntityMatch;

static int
entity_match_compare (gconstpointer a,
                   gconstpointer b)
{
  const EntityMatch *ca = a, *cb = b;
  int cmp;

  if (ca->rank != cb->rank)
    return ca->rank < cb->rank ? -1 : 1;
  if (ca->count != cb->count)
    return ca->count > cb->count ? -1 : 1;
  if ((cmp = g_utf8_collate (ca->entity->name, cb->entity->name)) != 0)
    return cmp;
  return glossator_id_compare (ca->entity->id, cb->entity->id);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *folded_needle,
                   gboolean   *at_start)
{
  g_autofree char *folded = NULL;
  const char *hit;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  hit = strstr (folded, folded_needle);
  if (hit == NULL)
    return FALSE;
  if (at_start != NULL)
    *at_start = hit == folded || hit[-1] == ' ';
  return TRUE;
}

GPtrArray *
glossator_document_search_entities (GlossatorDocument *document,
                                    const char        *query,
                                    const char        *prefer_label,
                                    const char        *exclude_id,
                                    guint              limit)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GArray) candidates = NULL;
  g_autofree char *needle = NULL;
  GPtrArray *result;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  if (query != NULL)
    {
      g_autofree char *stripped = g_strstrip (g_strdup (query));

      if (*stripped != '\0')
        needle = g_utf8_casefold (stripped, -1);
    }

  entities = glossator_document_list_entities (document);
  candidates = g_array_sized_new (FALSE, FALSE, sizeof (EntityMatch), entities->len);
  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = entities->pdata[i];
      EntityMatch candidate = { entity, 0, 0 };
      gboolean at_start = FALSE;

      if (exclude_id != NULL && g_strcmp0 (entity->id, exclude_id) == 0)
        continue;
      if (needle != NULL)
        {
          if (contains_casefold (entity->name, needle, &at_start))
            candidate.rank = at_start ? 0 : 2;
          else if (contains_casefold (entity->id, needle, NULL) ||
                   contains_casefold (entity->kb_id, needle, NULL))
            candidate.rank = 4;
          else
            continue;
        }
      if (prefer_label == NULL || g_strcmp0 (entity->label, prefer_label) != 0)
        candidate.rank++;
      candidate.count = glossator_document_count_entity_mentions (document, entity->id);
      g_array_append_val (candidates, candidate);
    }

  g_array_sort (candidates, entity_match_compare);
  if (limit == 0 || limit > candidates->len)
    limit = candidates->len;
  result = g_ptr_array_new_full (limit, (GDestroyNotify) glossator_entity_unref);
  for (guint i = 0; i < limit; i++)
    g_ptr_array_add (result, glossator_entity_ref (g_array_index (candidates, EntityMatch, i).entity));

  return result;
}

/* Entities with a mention near the anchor, nearest first, then the ones
 * with most mentions. */
static GPtrArray *
nearby_entities (GlossatorDocument             *document,
                 const GlossatorCandidateQuery *query,
                 guint                          limit)
{
  g_autoptr(GHashTable) distances = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) ids = g_ptr_array_new ();
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) common = NULL;
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_entity_unref);
  guint length = glossator_text_get_length (glossator_document_get_text (document));
  const char *exclude_id = query->exclude_entity;

  if (query->has_anchor)
    {
      guint lo = query->anchor_start > NEARBY_CHARS ? query->anchor_start - NEARBY_CHARS : 0;
      guint hi = MIN (length, query->anchor_end + NEARBY_CHARS);

      mentions = glossator_document_mentions_in_range (document, lo, MAX (hi, lo + 1));
      for (guint i = 0; i < mentions->len; i++)
        {
          GlossatorMention *mention = mentions->pdata[i];
          guint start = glossator_mention_get_start (mention);
          guint end = glossator_mention_get_end (mention);
          guint distance = end <= query->anchor_start ? query->anchor_start - end
                         : start >= query->anchor_end ? start - query->anchor_end : 0;
          gpointer old;

          if (mention->entity_id == NULL || g_strcmp0 (mention->entity_id, exclude_id) == 0)
            continue;
          if (g_hash_table_lookup_extended (distances, mention->entity_id, NULL, &old))
            {
              if (GPOINTER_TO_UINT (old) > distance)
                g_hash_table_insert (distances, mention->entity_id, GUINT_TO_POINTER (distance));
              continue;
            }
          g_hash_table_insert (distances, mention->entity_id, GUINT_TO_POINTER (distance));
          g_ptr_array_add (ids, mention->entity_id);
        }
      /* Mentions come sorted by position; order by distance, keeping
       * earlier ones first among equals. */
      for (guint i = 1; i < ids->len; i++)
        for (guint j = i; j > 0; j--)
          {
            guint a = GPOINTER_TO_UINT (g_hash_table_lookup (distances, ids->pdata[j - 1]));
            guint b = GPOINTER_TO_UINT (g_hash_table_lookup (distances, ids->pdata[j]));
            gpointer swap;

            if (a <= b)
              break;
            swap = ids->pdata[j - 1];
            ids->pdata[j - 1] = ids->pdata[j];
            ids->pdata[j] = swap;
          }
      for (guint i = 0; i < ids->len && result->len < limit; i++)
        {
          GlossatorEntity *entity = glossator_document_get_entity (document, ids->pdata[i]);

          if (entity != NULL)
            g_ptr_array_add (result, glossator_entity_ref (entity));
        }
    }

  if (result->len < limit)
    {
      common = glossator_document_search_entities (document, "", NULL, exclude_id, limit * 2);
      for (guint i = 0; i < common->len && result->len < limit; i++)
        {
          GlossatorEntity *entity = common->pdata[i];

          if (!g_hash_table_contains (distances, entity->id))
            g_ptr_array_add (result, glossator_entity_ref (entity));
        }
    }

  return result;
}

/* The schema's topics, then those only used by the document's stances. */
static GPtrArray *
all_topics (GlossatorDocument *document,
            GlossatorSchema   *schema)
{
  GPtrArray *topics = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) stances = NULL;
  const char * const *schema_topics = schema != NULL ? glossator_schema_get_topics (schema) : NULL;

  for (guint i = 0; schema_topics != NULL && schema_topics[i] != NULL; i++)
    g_ptr_array_add (topics, g_strdup (schema_topics[i]));
  stances = glossator_document_list_stances (document);
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = stances->pdata[i];

      if (stance->target_kind == GLOSSATOR_TARGET_TOPIC && stance->target != NULL &&
          !g_ptr_array_find_with_equal_func (topics, stance->target, g_str_equal, NULL))
        g_ptr_array_add (topics, g_strdup (stance->target));
    }
  return topics;
}

static void
find_without_text (GlossatorDocument             *document,
                   GlossatorSchema               *schema,
                   const GlossatorCandidateQuery *query,
                   GArray                        *ranked)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) topics = NULL;

  entities = nearby_entities (document, query, query->for_holder ? MAX_ENTITY_CANDIDATES : MAX_NEARBY_TARGETS);
  for (guint i = 0; i < entities->len; i++)
    add (ranked, entity_candidate (schema, entities->pdata[i]), RANK_START);
  if (query->for_holder)
    add (ranked, author_candidate (), RANK_WORD);
  else
    {
      topics = all_topics (document, schema);
      for (guint i = 0; i < topics->len && i < MAX_TOPIC_CANDIDATES; i++)
        add (ranked, topic_candidate (topics->pdata[i]), RANK_WORD);
    }
  add (ranked, unspecified_candidate (), RANK_NEW);
}

/* The rank of a special row for @folded: by its word as shown, else by
 * its English word (typed out of habit). */
static int
special_rank (const char *folded,
              const char *translated,
              const char *english)
{
  int rank = match_rank (folded, translated);

  return rank >= 0 ? rank : match_rank (folded, english);
}

static void
find_with_text (GlossatorDocument             *document,
                GlossatorSchema               *schema,
                const GlossatorCandidateQuery *query,
                const char                    *text,
                const char                    *folded,
                GArray                        *ranked)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) topics = NULL;
  int rank;

  entities = glossator_document_search_entities (document, text, NULL, query->exclude_entity,
                                                 MAX_ENTITY_CANDIDATES);
  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = entities->pdata[i];

      /* Found by its id or KB id when its name does not match. */
      rank = match_rank (folded, entity->name);
      add (ranked, entity_candidate (schema, entity), rank < 0 ? RANK_INSIDE : rank);
    }

  if (query->for_holder)
    {
      if ((rank = special_rank (folded, _("Author"), "author")) >= 0)
        add (ranked, author_candidate (), rank);
    }
  else
    {
      gboolean exact_topic = FALSE;
      guint n_topics = 0;

      topics = all_topics (document, schema);
      for (guint i = 0; i < topics->len; i++)
        {
          rank = match_rank (folded, topics->pdata[i]);
          exact_topic |= rank == RANK_WHOLE;
          if (rank < 0 || n_topics++ >= MAX_TOPIC_CANDIDATES)
            continue;
          add (ranked, topic_candidate (topics->pdata[i]), rank);
        }
      if (!exact_topic)
        {
          /* Translators: a typeahead row that adds the typed text as a new topic */
          g_autofree char *title = g_strdup_printf (_("“%s”"), text);
          GlossatorCandidate *candidate = candidate_new (GLOSSATOR_CANDIDATE_TOPIC, text, title, _("new topic"));

          candidate->is_new = TRUE;
          add (ranked, candidate, RANK_NEW);
        }
    }

  if ((rank = special_rank (folded, _("Unspecified"), "unspecified")) >= 0)
    add (ranked, unspecified_candidate (), rank);
}

static int
ranked_compare (gconstpointer a,
                gconstpointer b)
{
  const Ranked *ra = a, *rb = b;

  if (ra->rank != rb->rank)
    return ra->rank < rb->rank ? -1 : 1;
  return ra->order < rb->order ? -1 : ra->order > rb->order;
}

GPtrArray *
glossator_candidates_find (GlossatorDocument             *document,
                           GlossatorSchema               *schema,
                           const GlossatorCandidateQuery *query)
{
  g_autoptr(GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autofree char *text = NULL;
  g_autofree char *folded = NULL;
  GPtrArray *candidates;

  g_return_val_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (document != NULL)
    {
      text = g_strstrip (g_strdup (query->text != NULL ? query->text : ""));
      folded = g_utf8_casefold (text, -1);
      if (*folded == '\0')
        find_without_text (document, schema, query, ranked);
      else
        find_with_text (document, schema, query, text, folded, ranked);
    }

  /* The sort is not stable: the order given breaks ties. */
  g_array_sort (ranked, ranked_compare);
  candidates = g_ptr_array_new_full (ranked->len, (GDestroyNotify) glossator_candidate_free);
  for (guint i = 0; i < ranked->len; i++)
    g_ptr_array_add (candidates, g_array_index (ranked, Ranked, i).candidate);
  return candidates;
}

char *
glossator_candidates_dup_name (GlossatorDocument      *document,
                               GlossatorCandidateKind  kind,
                               const char             *value)
{
  GlossatorEntity *entity;

  g_return_val_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document), NULL);

  switch (kind)
    {
    case GLOSSATOR_CANDIDATE_NONE:
      return g_strdup ("");
    case GLOSSATOR_CANDIDATE_UNSPECIFIED:
      return g_strdup (_("Unspecified"));
    case GLOSSATOR_CANDIDATE_AUTHOR:
      return g_strdup (_("Author"));
    case GLOSSATOR_CANDIDATE_ENTITY:
      entity = document != NULL && value != NULL ? glossator_document_get_entity (document, value) : NULL;
      if (entity != NULL && entity->name != NULL && *entity->name != '\0')
        return g_strdup (entity->name);
      return g_strdup (value != NULL ? value : "");
    case GLOSSATOR_CANDIDATE_TOPIC:
      return g_strdup (value != NULL ? value : "");
    default:
      g_return_val_if_reached (NULL);
    }
}


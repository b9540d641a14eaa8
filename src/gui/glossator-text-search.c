/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-text-search"

#include "config.h"

#include <string.h>

#include "glossator-text-search.h"

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c) || c == '_';
}

static gboolean
is_word_edge (GlossatorText      *text,
              const PangoLogAttr *attrs,
              guint               length,
              guint               offset)
{
  if (offset == 0 || offset >= length)
    return TRUE;
  if (attrs[offset].is_word_boundary)
    return TRUE;
  /* UAX #29 keeps "Putin's" one word; an annotator still wants "Putin". */
  return !is_word_char (glossator_text_get_char (text, offset - 1)) ||
         !is_word_char (glossator_text_get_char (text, offset));
}

gboolean
glossator_text_is_whole_word (GlossatorText *text,
                              guint          start,
                              guint          end)
{
  const PangoLogAttr *attrs;
  guint length;

  g_return_val_if_fail (text != NULL, FALSE);

  length = glossator_text_get_length (text);
  if (start >= end || end > length)
    return FALSE;
  attrs = glossator_text_get_log_attrs (text);
  return attrs[start].is_cursor_position && attrs[end].is_cursor_position &&
         is_word_edge (text, attrs, length, start) &&
         is_word_edge (text, attrs, length, end);
}

static inline gunichar
fold (gunichar c,
      gboolean match_case)
{
  return match_case ? c : g_unichar_tolower (c);
}

GArray *
glossator_text_search (GlossatorText        *text,
                       const char           *needle,
                       GlossatorSearchFlags  flags,
                       guint                 max_hits)
{
  gboolean match_case = (flags & GLOSSATOR_SEARCH_MATCH_CASE) != 0;
  gboolean whole_word = (flags & GLOSSATOR_SEARCH_WHOLE_WORD) != 0;
  g_autofree gunichar *pattern = NULL;
  const PangoLogAttr *attrs;
  const char *utf8, *p, *end;
  glong n_pattern = 0;
  GArray *hits;
  guint length, offset;
  gsize n_bytes;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (needle != NULL, NULL);

  hits = g_array_new (FALSE, FALSE, sizeof (GlossatorSearchHit));
  if (*needle == '\0' || !g_utf8_validate (needle, -1, NULL))
    return hits;

  pattern = g_utf8_to_ucs4_fast (needle, -1, &n_pattern);
  for (glong i = 0; i < n_pattern; i++)
    pattern[i] = fold (pattern[i], match_case);

  utf8 = glossator_text_get_utf8 (text, &n_bytes);
  end = utf8 + n_bytes;
  length = glossator_text_get_length (text);
  attrs = glossator_text_get_log_attrs (text);

  for (p = utf8, offset = 0; p < end && offset + n_pattern <= length;)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (fold (c, match_case) == pattern[0])
        {
          const char *q = next;
          glong k = 1;

          while (k < n_pattern && fold (g_utf8_get_char (q), match_case) == pattern[k])
            {
              q = g_utf8_next_char (q);
              k++;
            }

          if (k == n_pattern &&
              attrs[offset].is_cursor_position &&
              attrs[offset + n_pattern].is_cursor_position &&
              (!whole_word || (is_word_edge (text, attrs, length, offset) &&
                               is_word_edge (text, attrs, length, offset + n_pattern))))
            {
              GlossatorSearchHit hit = { offset, offset + n_pattern };

              g_array_append_val (hits, hit);
              if (max_hits > 0 && hits->len >= max_hits)
                break;
              p = q;
              offset += n_pattern;
              continue;
            }
        }

      p = next;
      offset++;
    }

  return hits;
}

typedef struct {
  GlossatorEntity *entity;
  guint            rank;
  guint            count;
} Candidate;

static int
candidate_compare (gconstpointer a,
                   gconstpointer b)
{
  const Candidate *ca = a, *cb = b;
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
  candidates = g_array_sized_new (FALSE, FALSE, sizeof (Candidate), entities->len);
  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = entities->pdata[i];
      Candidate candidate = { entity, 0, 0 };
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

  g_array_sort (candidates, candidate_compare);
  if (limit == 0 || limit > candidates->len)
    limit = candidates->len;
  result = g_ptr_array_new_full (limit, (GDestroyNotify) glossator_entity_unref);
  for (guint i = 0; i < limit; i++)
    g_ptr_array_add (result, glossator_entity_ref (g_array_index (candidates, Candidate, i).entity));

  return result;
}

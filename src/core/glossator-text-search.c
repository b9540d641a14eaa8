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

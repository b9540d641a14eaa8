/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-offset-units"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-offset-units-private.h"
#include "glossator-tokens-private.h"

guint *
_glossator_utf16_offsets (GlossatorText *text)
{
  guint length = glossator_text_get_length (text);
  guint *offsets = g_new (guint, length + 1);
  const char *p = glossator_text_get_utf8 (text, NULL);
  guint u = 0;

  for (guint i = 0; i < length; i++)
    {
      offsets[i] = u;
      u += g_utf8_get_char (p) > 0xffff ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  offsets[length] = u;

  return offsets;
}

static const char *
describe (GlossatorCounting counting,
          gboolean          bom,
          gboolean          bom_counted)
{
  switch (counting)
    {
    case GLOSSATOR_COUNT_CODEPOINTS:
      return !bom ? _("code points") : bom_counted ? _("code points, BOM counted") : _("code points, BOM not counted");
    case GLOSSATOR_COUNT_CRLF_AS_ONE:
      return !bom ? _("code points, CRLF counted as 1")
             : bom_counted ? _("code points, CRLF counted as 1, BOM counted")
             : _("code points, CRLF counted as 1, BOM not counted");
    case GLOSSATOR_COUNT_UTF16:
      return !bom ? _("UTF-16 code units")
             : bom_counted ? _("UTF-16 code units, BOM counted") : _("UTF-16 code units, BOM not counted");
    case GLOSSATOR_COUNT_GRAPHEMES:
      return _("grapheme clusters");
    default:
      g_assert_not_reached ();
    }
}

void
_glossator_offset_unit_init (GlossatorOffsetUnit *unit,
                             GlossatorText       *text,
                             GlossatorCounting    counting,
                             gboolean             bom,
                             gboolean             bom_counted)
{
  guint length = glossator_text_get_length (text);
  const PangoLogAttr *attrs = NULL;
  const char *p;
  guint invalid = G_MAXUINT, zero = 0;

  memset (unit, 0, sizeof *unit);
  unit->counting = counting;
  unit->bom_counted = bom && bom_counted;
  unit->description = describe (counting, bom, bom_counted);
  /* Code points are counted as they are: no map to build. */
  if (counting == GLOSSATOR_COUNT_CODEPOINTS && !unit->bom_counted)
    {
      unit->limit = length;
      return;
    }

  unit->map = g_array_sized_new (FALSE, FALSE, sizeof (guint), length + 2);
  if (counting == GLOSSATOR_COUNT_GRAPHEMES)
    attrs = glossator_text_get_log_attrs (text);
  if (unit->bom_counted)
    g_array_append_val (unit->map, zero);
  p = glossator_text_get_utf8 (text, NULL);
  for (guint i = 0; i < length; i++)
    {
      gunichar c = g_utf8_get_char (p);

      p = g_utf8_next_char (p);
      switch (counting)
        {
        case GLOSSATOR_COUNT_CODEPOINTS:
          g_array_append_val (unit->map, i);
          break;
        case GLOSSATOR_COUNT_CRLF_AS_ONE:
          if (!(c == '\n' && i > 0 && glossator_text_get_char (text, i - 1) == '\r'))
            g_array_append_val (unit->map, i);
          break;
        case GLOSSATOR_COUNT_UTF16:
          g_array_append_val (unit->map, i);
          if (c > 0xffff)
            g_array_append_val (unit->map, invalid);
          break;
        case GLOSSATOR_COUNT_GRAPHEMES:
          if (attrs[i].is_cursor_position)
            g_array_append_val (unit->map, i);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  g_array_append_val (unit->map, length);
  unit->limit = unit->map->len - 1;
}

void
_glossator_offset_unit_clear (GlossatorOffsetUnit *unit)
{
  g_clear_pointer (&unit->map, g_array_unref);
}

guint
_glossator_offset_units_candidates (GlossatorText       *text,
                                    gboolean             bom,
                                    gboolean             all,
                                    GlossatorOffsetUnit  units[GLOSSATOR_MAX_OFFSET_UNITS])
{
  guint length = glossator_text_get_length (text);
  const PangoLogAttr *attrs = all ? glossator_text_get_log_attrs (text) : NULL;
  const char *q = glossator_text_get_utf8 (text, NULL);
  gboolean has_crlf = FALSE, has_astral = FALSE, has_clusters = FALSE;
  gunichar previous = 0;
  guint n = 0;

  for (guint i = 0; i < length; i++, q = g_utf8_next_char (q))
    {
      gunichar c = g_utf8_get_char (q);

      has_crlf |= c == '\n' && previous == '\r';
      has_astral |= c > 0xffff;
      if (attrs != NULL)
        has_clusters |= !attrs[i].is_cursor_position && !(c == '\n' && previous == '\r');
      previous = c;
    }

  /* Each with the BOM counted first: brat counts it as a character. */
  _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_CODEPOINTS, bom, TRUE);
  if (bom)
    _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_CODEPOINTS, bom, FALSE);
  if (all && has_crlf)
    {
      _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_CRLF_AS_ONE, bom, TRUE);
      if (bom)
        _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_CRLF_AS_ONE, bom, FALSE);
    }
  if (has_astral)
    {
      _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_UTF16, bom, TRUE);
      if (bom)
        _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_UTF16, bom, FALSE);
    }
  if (all && has_clusters)
    _glossator_offset_unit_init (&units[n++], text, GLOSSATOR_COUNT_GRAPHEMES, bom, TRUE);

  g_assert (n <= GLOSSATOR_MAX_OFFSET_UNITS);
  return n;
}

gboolean
_glossator_offset_unit_to_codepoint (const GlossatorOffsetUnit *unit,
                                     gint64                     offset,
                                     guint                     *codepoint)
{
  if (offset < 0 || offset > unit->limit)
    return FALSE;
  *codepoint = unit->map != NULL ? g_array_index (unit->map, guint, offset) : (guint) offset;
  return *codepoint != G_MAXUINT;
}

gboolean
_glossator_offset_unit_span (const GlossatorOffsetUnit *unit,
                             gint64                     start,
                             gint64                     end,
                             guint                     *cp_start,
                             guint                     *cp_end,
                             char                     **why)
{
  if (start < 0)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") starts before the text"), start, end);
      return FALSE;
    }
  if (end <= start)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") is empty or reversed"), start, end);
      return FALSE;
    }
  if (end > unit->limit)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") ends past the text (%u %s)"),
                              start, end, unit->limit, unit->description);
      return FALSE;
    }
  if (!_glossator_offset_unit_to_codepoint (unit, start, cp_start) ||
      !_glossator_offset_unit_to_codepoint (unit, end, cp_end))
    {
      *why = unit->counting == GLOSSATOR_COUNT_UTF16
               ? g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") splits a surrogate pair "
                                    "(UTF-16 offsets inside an emoji or other character beyond U+FFFF)"),
                                  start, end)
               : g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") starts or ends inside a character (%s)"),
                                  start, end, unit->description);
      return FALSE;
    }
  return TRUE;
}

GlossatorTextMatch
_glossator_offset_unit_match (const GlossatorOffsetUnit *unit,
                              GlossatorText             *text,
                              const guint               *offsets,
                              guint                      n_offsets,
                              const char                *stored,
                              char                     **covered)
{
  g_autoptr(GString) joined = g_string_new (NULL);
  GlossatorTextMatch match;

  for (guint i = 0; i + 1 < n_offsets; i += 2)
    {
      g_autofree char *slice = NULL;
      guint s, e;

      if (!_glossator_offset_unit_to_codepoint (unit, offsets[i], &s) ||
          !_glossator_offset_unit_to_codepoint (unit, offsets[i + 1], &e) || e < s)
        {
          if (covered != NULL)
            *covered = NULL;
          return GLOSSATOR_TEXT_DIFFERS;
        }
      slice = glossator_text_slice (text, s, e);
      if (i > 0)
        g_string_append_c (joined, ' ');
      g_string_append (joined, slice);
    }
  match = g_str_equal (joined->str, stored) ? GLOSSATOR_TEXT_SAME
          : _glossator_differs_in_space_only (joined->str, stored) ? GLOSSATOR_TEXT_SPACE_ONLY
          : GLOSSATOR_TEXT_DIFFERS;
  if (covered != NULL)
    *covered = g_string_free (g_steal_pointer (&joined), FALSE);
  return match;
}

/* Stored span text */

static char *
collapse_space (const char *str)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
_glossator_differs_in_space_only (const char *a,
                                  const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (g_str_equal (a, b))
    return FALSE;
  ca = collapse_space (a);
  cb = collapse_space (b);
  return g_str_equal (ca, cb);
}

void
_glossator_trim_to_stored (GlossatorText *text,
                           GArray        *pairs,
                           const char    *stored)
{
  gunichar first = g_utf8_get_char (stored);
  gunichar last = *stored != '\0' ? g_utf8_get_char (g_utf8_find_prev_char (stored, stored + strlen (stored))) : 0;

  if (*stored == '\0' || !_glossator_is_token_space (first))
    while (pairs->len > 0)
      {
        guint *pair = &g_array_index (pairs, guint, 0);

        while (pair[0] < pair[1] && _glossator_is_token_space (glossator_text_get_char (text, pair[0])))
          pair[0]++;
        if (pair[0] < pair[1])
          break;
        g_array_remove_range (pairs, 0, 2);
      }
  if (*stored == '\0' || !_glossator_is_token_space (last))
    while (pairs->len > 0)
      {
        guint *pair = &g_array_index (pairs, guint, pairs->len - 2);

        while (pair[0] < pair[1] && _glossator_is_token_space (glossator_text_get_char (text, pair[1] - 1)))
          pair[1]--;
        if (pair[0] < pair[1])
          break;
        g_array_remove_range (pairs, pairs->len - 2, 2);
      }
}

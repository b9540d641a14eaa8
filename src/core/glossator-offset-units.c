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

gboolean
_glossator_utf16_to_codepoint (const guint *utf16_offsets,
                               guint        length,
                               gint64       offset,
                               guint       *codepoint)
{
  guint lo = 0, hi = length;

  if (offset < 0 || offset > utf16_offsets[length])
    return FALSE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (utf16_offsets[mid] < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (utf16_offsets[lo] != offset)
    return FALSE;

  *codepoint = lo;
  return TRUE;
}

gboolean
_glossator_span_from_unit (GlossatorText  *text,
                           const guint    *utf16_offsets,
                           gint64          start,
                           gint64          end,
                           guint          *cp_start,
                           guint          *cp_end,
                           char          **why)
{
  guint length = glossator_text_get_length (text);
  guint limit = utf16_offsets != NULL ? utf16_offsets[length] : length;

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
  if (end > limit)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") ends past the text (%u %s)"),
                              start, end, limit, utf16_offsets != NULL ? _("UTF-16 code units") : _("code points"));
      return FALSE;
    }
  if (utf16_offsets == NULL)
    {
      *cp_start = (guint) start;
      *cp_end = (guint) end;
      return TRUE;
    }
  if (!_glossator_utf16_to_codepoint (utf16_offsets, length, start, cp_start) ||
      !_glossator_utf16_to_codepoint (utf16_offsets, length, end, cp_end))
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") splits a surrogate pair "
                                "(UTF-16 offsets inside an emoji or other character beyond U+FFFF)"),
                              start, end);
      return FALSE;
    }
  return TRUE;
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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-json-write"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "glossator-json-write-private.h"

void
_glossator_json_append_string (GString    *out,
                               const char *str,
                               gssize      len)
{
  const char *p, *end, *run;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  g_string_append_c (out, '"');
  for (p = run = str; p < end; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buffer[8];

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
          break;
        }
      g_string_append (out, escape);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
_glossator_json_append_node (GString  *out,
                             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _glossator_json_append_string (out, name, -1);
            g_string_append_c (out, ':');
            _glossator_json_append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _glossator_json_append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          _glossator_json_append_string (out, json_node_get_string (node), -1);
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

/* Strings are most of a sidecar: memchr() finds quotes fast, and a quote
 * preceded by an odd number of backslashes is escaped. */
const char *
_glossator_json_skip_string (const char *p,
                             const char *end)
{
  const char *start = ++p;

  while (p < end)
    {
      const char *quote = memchr (p, '"', end - p);
      const char *b;

      if (quote == NULL)
        return NULL;
      for (b = quote; b > start && b[-1] == '\\'; b--)
        ;
      if ((quote - b) % 2 == 0)
        return quote + 1;
      p = quote + 1;
    }
  return NULL;
}

const char *
_glossator_json_open_object (const char *data,
                             gsize       n_bytes)
{
  const char *p = data, *end = data + n_bytes;

  if (n_bytes >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && _glossator_json_is_space (*p))
    p++;
  return p < end && *p == '{' ? p + 1 : NULL;
}

const char *
_glossator_json_skip_member_name (const char  *p,
                                  const char  *end,
                                  const char **name_end)
{
  if (p >= end || *p != '"' || (*name_end = _glossator_json_skip_string (p, end)) == NULL)
    return NULL;
  for (p = *name_end; p < end && _glossator_json_is_space (*p); p++)
    ;
  if (p >= end || *p != ':')
    return NULL;
  for (p++; p < end && _glossator_json_is_space (*p); p++)
    ;
  return p;
}

gboolean
_glossator_json_append_unescaped (GString    *out,
                                  const char *p,
                                  const char *end)
{
  gboolean has_nul = FALSE;

  while (p < end)
    {
      const char *escape = memchr (p, '\\', end - p);

      if (escape == NULL)
        {
          g_string_append_len (out, p, end - p);
          break;
        }
      g_string_append_len (out, p, escape - p);
      p = escape + 1;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = 0;

            for (guint i = 1; i <= 4; i++)
              c = c * 16 + g_ascii_xdigit_value (p[i]);
            p += 4;
            /* A high surrogate is followed by its low one: checked. */
            if (c >= 0xd800 && c <= 0xdbff)
              {
                gunichar low = 0;

                for (guint i = 3; i <= 6; i++)
                  low = low * 16 + g_ascii_xdigit_value (p[i]);
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            has_nul |= c == 0;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
      p++;
    }

  return !has_nul;
}

/* Bytes _glossator_json_skip_value() acts on: inside a container (1) the
 * brackets and quotes, and at the top (2) also what ends a bare value.
 * Pretty-printed sidecars are mostly indentation, which this skips a byte
 * a step without a branch for each kind. */
static const guint8 json_skip_stop[256] = {
  ['"'] = 3, ['{'] = 3, ['}'] = 3, ['['] = 3, [']'] = 3,
  [','] = 2, [' '] = 2, ['\t'] = 2, ['\n'] = 2, ['\r'] = 2,
};

const char *
_glossator_json_skip_value (const char *p,
                            const char *end)
{
  int depth = 0;

  while (p < end)
    {
      guint8 stop = depth > 0 ? 1 : 2;

      while (p < end && (json_skip_stop[(guchar) *p] & stop) == 0)
        p++;
      if (p >= end)
        break;
      switch (*p)
        {
        case '"':
          if ((p = _glossator_json_skip_string (p, end)) == NULL)
            return NULL;
          if (depth == 0)
            return p;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          /* At depth 0 this closes the container the value is in. */
          if (depth == 0)
            return p;
          if (--depth == 0)
            return p + 1;
          break;
        default:
          /* A comma or white space, at depth 0. */
          return p;
        }
      p++;
    }

  return depth == 0 ? p : NULL;
}

static void
append_compact_value (GString    *out,
                      const char *p,
                      const char *end)
{
  const char *run = p;

  while (p < end)
    {
      if (*p == '"')
        {
          p = _glossator_json_skip_string (p, end);
          continue;
        }
      if (_glossator_json_is_space (*p))
        {
          g_string_append_len (out, run, p - run);
          while (p < end && _glossator_json_is_space (*p))
            p++;
          run = p;
          continue;
        }
      p++;
    }
  g_string_append_len (out, run, p - run);
}

static gboolean
key_is_one_of (const char         *key,
               gsize               len,
               const char * const *names)
{
  g_autofree char *decoded = NULL;

  if (names == NULL)
    return FALSE;

  /* Escapes in a member name are rare enough to take the slow way. */
  if (memchr (key, '\\', len) != NULL)
    {
      g_autofree char *literal = g_strndup (key - 1, len + 2);
      g_autoptr(JsonNode) node = json_from_string (literal, NULL);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        return FALSE;
      decoded = g_strdup (json_node_get_string (node));
      key = decoded;
      len = strlen (decoded);
    }

  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && memcmp (names[i], key, len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_glossator_json_append_compact (GString            *out,
                                const char         *data,
                                gsize               n_bytes,
                                const char * const *skip,
                                gboolean           *skipped)
{
  const char *p = data, *end = data + n_bytes;
  gsize start_len = out->len;
  gboolean first = TRUE;

  if (skipped != NULL)
    *skipped = FALSE;
  if ((p = _glossator_json_open_object (data, n_bytes)) == NULL)
    return FALSE;

  g_string_append_c (out, '{');
  for (;;)
    {
      const char *key, *key_end, *value, *value_end;

      while (p < end && (_glossator_json_is_space (*p) || *p == ','))
        p++;
      if (p >= end)
        goto invalid;
      if (*p == '}')
        break;
      key = p;
      if ((p = _glossator_json_skip_member_name (p, end, &key_end)) == NULL)
        goto invalid;
      value = p;
      if ((value_end = _glossator_json_skip_value (p, end)) == NULL || value_end == value)
        goto invalid;
      p = value_end;

      if (key_is_one_of (key + 1, key_end - key - 2, skip))
        {
          if (skipped != NULL)
            *skipped = TRUE;
          continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_len (out, key, key_end - key);
      g_string_append_c (out, ':');
      append_compact_value (out, value, value_end);
    }
  g_string_append_c (out, '}');
  return TRUE;

invalid:
  g_string_truncate (out, start_len);
  return FALSE;
}

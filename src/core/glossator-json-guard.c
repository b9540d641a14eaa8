/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-json"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "glossator-json-guard.h"
#include "glossator-json-write-private.h"

G_DEFINE_QUARK (glossator-json-error-quark, glossator_json_error)

/* A member name of an object being read: where it is in the data, and
 * its value (the bytes between the quotes, or decoded when it has an
 * escape, so "a" and "\u0061" are the same name). */
typedef struct {
  const char *at;
  const char *name;
  guint32     len;
  guint32     hash;
} Name;

typedef struct {
  gboolean  object;
  gboolean  has_name;    /* object: a member name was read since the last comma */
  guint     index;       /* array: its current element */
  guint     first_name;  /* object: its names are names[first_name…] */
  guint    *table;       /* object with many members: open addressing, names index + 1 */
  guint     table_size;
} Level;

typedef struct {
  const char *data;
  const char *end;
  Level      *levels;   /* GLOSSATOR_JSON_MAX_DEPTH of them */
  guint       depth;
  Name       *names;
  guint       n_names;
  guint       names_size;
  GPtrArray  *decoded;  /* names with escapes, decoded */
  guint       first_line;
  GError     *error;
  char       *path;
} Guard;

/* Objects with more members than this find repeated names by hashing. */
#define LINEAR_NAMES 16

/* Positions */

static void
line_and_column (Guard      *g,
                 const char *at,
                 guint      *line,
                 guint      *column)
{
  const char *p, *line_start = g->data;
  guint n = g->first_line, col = 1;

  for (p = g->data; p < at; p++)
    if (*p == '\n')
      {
        n++;
        line_start = p + 1;
      }
  /* Columns count characters, not bytes. */
  for (p = line_start; p < at; p++)
    if (((guchar) *p & 0xc0) != 0x80)
      col++;
  *line = n;
  *column = col;
}

/* The JSON path */

static gboolean
is_identifier (const char *name,
               gsize       len)
{
  if (len == 0 || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;
  for (gsize i = 1; i < len; i++)
    if (!(g_ascii_isalnum (name[i]) || name[i] == '_'))
      return FALSE;
  return TRUE;
}

/* Member names are JSON strings the file holds; a long one is cut. */
#define MAX_NAME_CHARS 32

static void
append_name (GString    *out,
             const char *name,
             gsize       len)
{
  const char *p = name, *end = name + len;
  guint n_chars = 0;

  if (is_identifier (name, len) && len <= MAX_NAME_CHARS)
    {
      g_string_append_c (out, '.');
      g_string_append_len (out, name, len);
      return;
    }

  g_string_append (out, "[\"");
  for (; p < end && n_chars < MAX_NAME_CHARS; p = g_utf8_next_char (p), n_chars++)
    {
      guchar c = (guchar) *p;

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", c);
      else if (c < 0x20 || c == 0x7f)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
  if (p < end)
    g_string_append (out, "…");
  g_string_append (out, "\"]");
}

static void
append_component (Guard   *g,
                  GString *out,
                  guint    i)
{
  const Level *level = &g->levels[i];
  guint end = g->n_names;

  if (!level->object)
    {
      g_string_append_printf (out, "[%u]", level->index);
      return;
    }
  if (!level->has_name)
    return;

  /* An object's names end where the next deeper object's begin. */
  for (guint j = i + 1; j < g->depth; j++)
    if (g->levels[j].object)
      {
        end = g->levels[j].first_name;
        break;
      }
  append_name (out, g->names[end - 1].name,
               g->names[end - 1].len);
}

/* Deep paths keep their first and last components. */
#define PATH_HEAD 8
#define PATH_TAIL 3

static char *
format_path (Guard *g)
{
  GString *out = g_string_new ("$");
  guint depth = g->depth;

  for (guint i = 0; i < depth; i++)
    {
      if (depth > PATH_HEAD + PATH_TAIL + 1 && i == PATH_HEAD)
        {
          g_string_append (out, "…");
          i = depth - PATH_TAIL - 1;
          continue;
        }
      append_component (g, out, i);
    }

  return g_string_free (out, FALSE);
}

static gboolean
fail (Guard              *g,
      const char         *at,
      GlossatorJsonError  code,
      const char         *what,
      const char         *detail)
{
  g_autofree char *where = NULL;
  guint line, column;

  line_and_column (g, at, &line, &column);
  where = g_strdup_printf (_("%s at line %u, column %u"), what, line, column);
  g->path = format_path (g);
  if (detail != NULL)
    g->error = g_error_new (GLOSSATOR_JSON_ERROR, code, "%s (%s)", where, detail);
  else
    g->error = g_error_new_literal (GLOSSATOR_JSON_ERROR, code, where);
  return FALSE;
}

static gboolean
fail_syntax (Guard      *g,
             const char *at,
             const char *expected)
{
  if (at >= g->end)
    return fail (g, at, GLOSSATOR_JSON_ERROR_SYNTAX, _("not JSON: unexpected end of the data"), expected);
  return fail (g, at, GLOSSATOR_JSON_ERROR_SYNTAX, _("not JSON: unexpected character"), expected);
}

/* Strings */

/* Eight bytes a step: a mask with the high bit of each byte that is a
 * quote, a backslash, a control character or part of a multi-byte
 * character; its lowest set bit is the first such byte. */
#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define LOWS  G_GUINT64_CONSTANT (0x7f7f7f7f7f7f7f7f)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

static inline guint64
zero_bytes (guint64 v)
{
  return ~(((v & LOWS) + LOWS) | v) & HIGHS;
}

static inline guint64
string_stops (guint64 v)
{
  return zero_bytes (v ^ (ONES * '"')) | zero_bytes (v ^ (ONES * '\\')) |
         zero_bytes (v & (ONES * 0xe0)) | (v & HIGHS);
}

static inline guint64
load8 (const char *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static const guint8 string_stop[256] = {
  [0 ... 0x1f] = 1, ['"'] = 1, ['\\'] = 1, [0x80 ... 0xff] = 1,
};

/* The length of the well-formed UTF-8 sequence at @p (a byte >= 0x80),
 * or 0: no overlong forms, no encoded surrogates, nothing past U+10FFFF. */
static guint
utf8_sequence_length (const guchar *p,
                      const guchar *end)
{
  guchar c = p[0];
  guchar lo = 0x80, hi = 0xbf;
  guint n;

  if (c < 0xc2)
    return 0;
  if (c < 0xe0)
    n = 2;
  else if (c < 0xf0)
    {
      n = 3;
      if (c == 0xe0)
        lo = 0xa0;
      else if (c == 0xed)
        hi = 0x9f;
    }
  else if (c < 0xf5)
    {
      n = 4;
      if (c == 0xf0)
        lo = 0x90;
      else if (c == 0xf4)
        hi = 0x8f;
    }
  else
    return 0;

  if (end - p < (gssize) n || p[1] < lo || p[1] > hi)
    return 0;
  for (guint i = 2; i < n; i++)
    if (p[i] < 0x80 || p[i] > 0xbf)
      return 0;
  return n;
}

static gboolean
read_hex4 (const char *p,
           const char *end,
           guint      *unit)
{
  guint value = 0;

  if (end - p < 4)
    return FALSE;
  for (guint i = 0; i < 4; i++)
    {
      if (!g_ascii_isxdigit (p[i]))
        return FALSE;
      value = value * 16 + g_ascii_xdigit_value (p[i]);
    }
  *unit = value;
  return TRUE;
}

/* The escape at @p (on its backslash); returns its end. */
static const char *
scan_escape (Guard      *g,
             const char *p)
{
  const char *end = g->end;
  guint unit, low;

  if (end - p < 2)
    return fail_syntax (g, end, NULL), NULL;

  switch (p[1])
    {
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return p + 2;

    case 'u':
      if (!read_hex4 (p + 2, end, &unit))
        break;
      if (unit == 0)
        return fail (g, p, GLOSSATOR_JSON_ERROR_NUL,
                     _("the escape \\u0000 (a NUL character) is not supported"), NULL), NULL;
      if (unit >= 0xdc00 && unit <= 0xdfff)
        goto lone;
      if (unit < 0xd800 || unit > 0xdbff)
        return p + 6;
      if (end - p >= 12 && p[6] == '\\' && p[7] == 'u' && read_hex4 (p + 8, end, &low) &&
          low >= 0xdc00 && low <= 0xdfff)
        return p + 12;
    lone:
      {
        g_autofree char *what = g_strdup_printf (_("invalid \\u escape: lone surrogate U+%04X"), unit);

        return fail (g, p, GLOSSATOR_JSON_ERROR_LONE_SURROGATE, what, NULL), NULL;
      }

    default:
      break;
    }

  return fail (g, p, GLOSSATOR_JSON_ERROR_SYNTAX, _("not JSON: invalid escape in a string"), NULL), NULL;
}

static void
decode_name (Guard      *g,
             const char *p,
             const char *end,
             Name       *name)
{
  GString *out = g_string_sized_new (end - p);

  /* Escapes checked by scan_escape(); U+0000 is a name like any other. */
  _glossator_json_append_unescaped (out, p, end);

  name->len = out->len;
  name->name = out->str;
  g_ptr_array_add (g->decoded, g_string_free (out, FALSE));
}

/* The string at @p (on its opening quote); returns its end. A member
 * name's value is put in @name. */
static const char *
scan_string (Guard      *g,
             const char *p,
             Name       *name)
{
  const char *start = ++p, *end = g->end;
  gboolean escaped = FALSE;

  for (;;)
    {
      guchar c;

      while (end - p >= 8)
        {
          guint64 stops = string_stops (load8 (p));

          if (stops != 0)
            {
              p += __builtin_ctzll (stops) / 8;
              break;
            }
          p += 8;
        }
      while (p < end && !string_stop[(guchar) *p])
        p++;
      if (p >= end)
        return fail_syntax (g, end, _("a string is not closed")), NULL;

      c = (guchar) *p;
      if (c == '"')
        break;
      if (c == '\\')
        {
          escaped = TRUE;
          if ((p = scan_escape (g, p)) == NULL)
            return NULL;
        }
      else if (c < 0x20)
        {
          g_autofree char *what = g_strdup_printf (_("not JSON: unescaped control character U+%04X in a string"), c);

          return fail (g, p, GLOSSATOR_JSON_ERROR_SYNTAX, what, NULL), NULL;
        }
      else
        {
          guint n = utf8_sequence_length ((const guchar *) p, (const guchar *) end);

          if (n == 0)
            {
              g_autofree char *offset = g_strdup_printf (_("byte offset %zu"), (gsize) (p - g->data));

              return fail (g, p, GLOSSATOR_JSON_ERROR_NOT_UTF8, _("not UTF-8: invalid byte"), offset), NULL;
            }
          p += n;
        }
    }

  if (name != NULL)
    {
      name->at = start - 1;
      name->hash = 0;
      if (escaped)
        decode_name (g, start, p, name);
      else
        {
          name->name = start;
          name->len = p - start;
        }
    }

  return p + 1;
}

/* Numbers */

static gboolean
fail_range (Guard      *g,
            const char *start,
            const char *end)
{
  g_autofree char *what = NULL;

  if (end - start <= 40)
    what = g_strdup_printf (_("the number %.*s is out of range"), (int) (end - start), start);
  else
    what = g_strdup_printf (_("a number of %zu characters is out of range"), (gsize) (end - start));
  return fail (g, start, GLOSSATOR_JSON_ERROR_NUMBER_RANGE, what,
               _("JSON numbers here must fit a 64-bit integer or a double"));
}

static const char *
scan_number (Guard      *g,
             const char *p)
{
  const char *start = p, *digits, *end = g->end;
  gboolean integer = TRUE, exponent = FALSE;
  gsize n_digits;

  if (*p == '-')
    p++;
  digits = p;
  if (p >= end || !g_ascii_isdigit (*p))
    return fail_syntax (g, p, _("expected a digit")), NULL;
  if (*p == '0')
    {
      p++;
      if (p < end && g_ascii_isdigit (*p))
        return fail (g, start, GLOSSATOR_JSON_ERROR_SYNTAX,
                     _("not JSON: a number starts with 0"), NULL), NULL;
    }
  else
    while (p < end && g_ascii_isdigit (*p))
      p++;
  n_digits = p - digits;

  if (p < end && *p == '.')
    {
      integer = FALSE;
      if (++p >= end || !g_ascii_isdigit (*p))
        return fail_syntax (g, p, _("expected a digit")), NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      integer = FALSE;
      exponent = TRUE;
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      if (p >= end || !g_ascii_isdigit (*p))
        return fail_syntax (g, p, _("expected a digit")), NULL;
      while (p < end && g_ascii_isdigit (*p))
        p++;
    }

  /* json-glib wraps integers past 64 bits (2^64 reads as -1) and turns
   * huge doubles into infinity, which no JSON can write back. */
  if (integer)
    {
      if (n_digits > 19 ||
          (n_digits == 19 && memcmp (digits, *start == '-' ? "9223372036854775808" : "9223372036854775807", 19) > 0))
        return fail_range (g, start, p), NULL;
    }
  else if (exponent || p - start > 300)
    {
      g_autofree char *copy = g_strndup (start, p - start);

      if (isinf (g_ascii_strtod (copy, NULL)))
        return fail_range (g, start, p), NULL;
    }

  return p;
}

/* Structure */

static guint32
hash_name (const Name *name)
{
  guint32 h = 2166136261u;

  for (guint32 i = 0; i < name->len; i++)
    h = (h ^ (guchar) name->name[i]) * 16777619u;
  return h | 1;
}

static gboolean
same_name (const Name *a,
           const Name *b)
{
  return a->len == b->len && memcmp (a->name, b->name, a->len) == 0;
}

/* Returns the index of an earlier name equal to names[@index] in @level's
 * table, or G_MAXUINT after adding it. */
static guint
table_add (Guard *g,
           Level *level,
           guint  index)
{
  Name *name = &g->names[index];
  guint mask = level->table_size - 1;

  if (name->hash == 0)
    name->hash = hash_name (name);
  for (guint i = name->hash & mask;; i = (i + 1) & mask)
    {
      guint slot = level->table[i];

      if (slot == 0)
        {
          level->table[i] = index + 1;
          return G_MAXUINT;
        }
      if (g->names[slot - 1].hash == name->hash &&
          same_name (&g->names[slot - 1], name))
        return slot - 1;
    }
}

/* A table of @level's names before @until (none of them repeated). */
static void
table_build (Guard *g,
             Level *level,
             guint  size,
             guint  until)
{
  g_free (level->table);
  level->table = g_new0 (guint, size);
  level->table_size = size;
  for (guint i = level->first_name; i < until; i++)
    table_add (g, level, i);
}

/* Makes @name the current member of the innermost object. */
static gboolean
add_name (Guard      *g,
          const Name *name)
{
  Level *level = &g->levels[g->depth - 1];
  guint index = g->n_names, n, first = G_MAXUINT;

  if (g->n_names == g->names_size)
    {
      g->names_size = MAX (64, g->names_size * 2);
      g->names = g_renew (Name, g->names, g->names_size);
    }
  g->names[g->n_names++] = *name;
  level->has_name = TRUE;
  n = index - level->first_name;

  if (n < LINEAR_NAMES)
    {
      for (guint i = level->first_name; i < index; i++)
        if (same_name (&g->names[i], name))
          {
            first = i;
            break;
          }
    }
  else
    {
      if (level->table == NULL || (n + 1) * 2 > level->table_size)
        table_build (g, level, level->table == NULL ? 4 * LINEAR_NAMES : level->table_size * 2, index);
      first = table_add (g, level, index);
    }

  if (first != G_MAXUINT)
    {
      g_autofree char *detail = NULL;
      guint line, column;

      line_and_column (g, g->names[first].at, &line, &column);
      detail = g_strdup_printf (_("first at line %u, column %u"), line, column);
      return fail (g, name->at, GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER,
                   _("duplicate member name"), detail);
    }

  return TRUE;
}

static gboolean
push (Guard      *g,
      const char *at,
      gboolean    object)
{
  Level level = { 0 };

  if (g->depth >= GLOSSATOR_JSON_MAX_DEPTH)
    {
      g_autofree char *what = g_strdup_printf (_("nested deeper than %u levels"), GLOSSATOR_JSON_MAX_DEPTH);

      return fail (g, at, GLOSSATOR_JSON_ERROR_TOO_DEEP, what, NULL);
    }

  level.object = object;
  level.first_name = g->n_names;
  g->levels[g->depth++] = level;
  return TRUE;
}

static void
pop (Guard *g)
{
  Level *level = &g->levels[g->depth - 1];

  if (level->object)
    g->n_names = level->first_name;
  if (G_UNLIKELY (level->table != NULL))
    g_free (level->table);
  g->depth--;
}

static const guint8 json_space[256] = {
  [' '] = 1, ['\t'] = 1, ['\n'] = 1, ['\r'] = 1,
};

static inline const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && json_space[(guchar) *p])
    {
      p++;
      /* Indentation: up to eight spaces a step. */
      while (end - p >= 8)
        {
          guint64 others = zero_bytes (load8 (p) ^ (ONES * ' ')) ^ HIGHS;

          if (others != 0)
            {
              p += __builtin_ctzll (others) / 8;
              break;
            }
          p += 8;
        }
    }
  return p;
}

static gboolean
literal (const char *p,
         const char *end,
         const char *word,
         gsize       len)
{
  return (gsize) (end - p) >= len && memcmp (p, word, len) == 0;
}

static gboolean
guard_run (Guard *g)
{
  const char *p = g->data, *end = g->end;
  Level *top;

  if (end - p >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;

value:
  p = skip_space (p, end);
  if (p >= end && g->depth == 0)
    return fail (g, p, GLOSSATOR_JSON_ERROR_EMPTY, _("not JSON: no value, only white space or nothing"), NULL);
  if (p >= end)
    return fail_syntax (g, p, _("expected a value"));
  switch (*p)
    {
    case '{':
      if (!push (g, p, TRUE))
        return FALSE;
      p = skip_space (p + 1, end);
      if (p < end && *p == '}')
        {
          p++;
          pop (g);
          goto after_value;
        }
      goto member;

    case '[':
      if (!push (g, p, FALSE))
        return FALSE;
      p = skip_space (p + 1, end);
      if (p < end && *p == ']')
        {
          p++;
          pop (g);
          goto after_value;
        }
      goto value;

    case '"':
      if ((p = scan_string (g, p, NULL)) == NULL)
        return FALSE;
      goto after_value;

    case 't':
      if (!literal (p, end, "true", 4))
        return fail_syntax (g, p, _("expected a value"));
      p += 4;
      goto after_value;

    case 'f':
      if (!literal (p, end, "false", 5))
        return fail_syntax (g, p, _("expected a value"));
      p += 5;
      goto after_value;

    case 'n':
      if (!literal (p, end, "null", 4))
        return fail_syntax (g, p, _("expected a value"));
      p += 4;
      goto after_value;

    case '-':
    case '0' ... '9':
      if ((p = scan_number (g, p)) == NULL)
        return FALSE;
      goto after_value;

    default:
      return fail_syntax (g, p, _("expected a value"));
    }

member:
  {
    Name name;

    if (p >= end || *p != '"')
      return fail_syntax (g, p, _("expected a member name in quotes"));
    if ((p = scan_string (g, p, &name)) == NULL || !add_name (g, &name))
      return FALSE;
    p = skip_space (p, end);
    if (p >= end || *p != ':')
      return fail_syntax (g, p, _("expected “:”"));
    p++;
    goto value;
  }

after_value:
  p = skip_space (p, end);
  if (g->depth == 0)
    {
      if (p < end)
        return fail (g, p, GLOSSATOR_JSON_ERROR_TRAILING_DATA,
                     _("not JSON: data after the end of the JSON value"), NULL);
      return TRUE;
    }

  top = &g->levels[g->depth - 1];
  if (p < end && *p == ',')
    {
      p = skip_space (p + 1, end);
      if (top->object)
        {
          top->has_name = FALSE;
          goto member;
        }
      top->index++;
      goto value;
    }
  if (p < end && *p == (top->object ? '}' : ']'))
    {
      p++;
      pop (g);
      goto after_value;
    }
  return fail_syntax (g, p, top->object ? _("expected “,” or “}”") : _("expected “,” or “]”"));
}

gboolean
glossator_json_guard (const char  *data,
                      gsize        n_bytes,
                      char       **path,
                      GError     **error)
{
  return glossator_json_guard_line (data, n_bytes, 1, path, error);
}

gboolean
glossator_json_guard_line (const char  *data,
                           gsize        n_bytes,
                           guint        line,
                           char       **path,
                           GError     **error)
{
  Guard g = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || n_bytes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g.data = data != NULL ? data : "";
  g.end = g.data + n_bytes;
  g.first_line = line;
  g.levels = g_new (Level, GLOSSATOR_JSON_MAX_DEPTH);
  g.decoded = g_ptr_array_new_with_free_func (g_free);

  ok = guard_run (&g);

  while (g.depth > 0)
    pop (&g);
  g_free (g.levels);
  g_free (g.names);
  g_ptr_array_unref (g.decoded);

  if (!ok)
    {
      g_propagate_error (error, g.error);
      if (path != NULL)
        *path = g.path;
      else
        g_free (g.path);
    }

  return ok;
}

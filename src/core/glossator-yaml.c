/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-yaml"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-yaml-private.h"

/* A reader of the block-style YAML of dataset cards (see the header): one
 * pass over the lines, each collection read at the indentation of its
 * first line. Enough to find what `datasets` reads in a card, refusing
 * what it does not understand rather than guessing. */

G_DEFINE_QUARK (glossator-yaml-error-quark, glossator_yaml_error)

typedef struct {
  char     *raw;      /* the line, without its line break */
  char     *content;  /* inside raw: after the indentation (moved on by "- ") */
  guint     indent;   /* column of content */
  guint     number;   /* in the file, from 1 */
  gboolean  blank;    /* nothing, or only a comment */
} Line;

/* Deeper than any card; each level is a frame of the reader. */
#define MAX_DEPTH 64

typedef struct {
  GPtrArray *lines;   /* Line* */
  guint      pos;
  guint      depth;
} Reader;

static void
line_free (Line *line)
{
  g_free (line->raw);
  g_free (line);
}

static gboolean G_GNUC_PRINTF (3, 4)
fail (GError     **error,
      guint        number,
      const char  *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_INVALID, _("line %u: %s"), number, message);
  return FALSE;
}

static gboolean
read_lines (Reader      *reader,
            const char  *data,
            gsize        n_bytes,
            guint        first_number,
            GError     **error)
{
  const char *end = data + n_bytes;
  const char *p = data;
  guint number = first_number;

  reader->lines = g_ptr_array_new_with_free_func ((GDestroyNotify) line_free);
  while (p < end)
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize length = (eol != NULL ? eol : end) - p;
      Line *line = g_new0 (Line, 1);

      if (length > 0 && p[length - 1] == '\r')
        length--;
      line->raw = g_strndup (p, length);
      line->number = number++;
      g_ptr_array_add (reader->lines, line);
      if (strlen (line->raw) != length || !g_utf8_validate (line->raw, -1, NULL))
        return fail (error, line->number, _("not UTF-8 text"));

      while (line->raw[line->indent] == ' ')
        line->indent++;
      line->content = line->raw + line->indent;
      line->blank = line->content[strspn (line->content, " \t")] == '\0' || line->content[0] == '#';
      if (!line->blank && line->content[0] == '\t')
        return fail (error, line->number, _("a tab in the indentation"));
      p = eol != NULL ? eol + 1 : end;
    }
  return TRUE;
}

static Line *
current (Reader *reader)
{
  while (reader->pos < reader->lines->len &&
         ((Line *) g_ptr_array_index (reader->lines, reader->pos))->blank)
    reader->pos++;
  return reader->pos < reader->lines->len ? g_ptr_array_index (reader->lines, reader->pos) : NULL;
}

static gboolean
is_item (const char *content)
{
  return content[0] == '-' && (content[1] == '\0' || content[1] == ' ');
}

/* What may follow a value on its line: spaces, then a comment or nothing. */
static gboolean
only_comment (const char *p)
{
  if (*p != '\0' && *p != ' ' && *p != '\t')
    return FALSE;
  p += strspn (p, " \t");
  return *p == '\0' || *p == '#';
}

static gboolean
append_hex (GString     *out,
            const char **p,
            guint        n_digits)
{
  gunichar c = 0;

  for (guint i = 0; i < n_digits; i++)
    {
      int digit = g_ascii_xdigit_value ((*p)[i]);

      if (digit < 0)
        return FALSE;
      c = c * 16 + digit;
    }
  if (!g_unichar_validate (c) || c == 0)
    return FALSE;
  g_string_append_unichar (out, c);
  *p += n_digits;
  return TRUE;
}

/* A quoted scalar starting at *p (on its quote), which must end on the
 * same line; *p is left after the closing quote. */
static char *
read_quoted (const char **p,
             guint        number,
             GError     **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  char quote = **p;
  const char *q = *p + 1;

  while (TRUE)
    {
      if (*q == '\0')
        {
          fail (error, number, _("a quoted value must end on its line"));
          return NULL;
        }
      if (*q == quote && quote == '\'' && q[1] == '\'')
        {
          g_string_append_c (out, '\'');
          q += 2;
          continue;
        }
      if (*q == quote)
        break;
      if (*q == '\\' && quote == '"')
        {
          char c = q[1];

          q += 2;
          switch (c)
            {
            case 'a': g_string_append_c (out, '\a'); break;
            case 'b': g_string_append_c (out, '\b'); break;
            case 't': case '\t': g_string_append_c (out, '\t'); break;
            case 'n': g_string_append_c (out, '\n'); break;
            case 'v': g_string_append_c (out, '\v'); break;
            case 'f': g_string_append_c (out, '\f'); break;
            case 'r': g_string_append_c (out, '\r'); break;
            case 'e': g_string_append_c (out, '\x1b'); break;
            case ' ': case '"': case '/': case '\\': g_string_append_c (out, c); break;
            case 'N': g_string_append (out, "\xc2\x85"); break;
            case '_': g_string_append (out, "\xc2\xa0"); break;
            case 'L': g_string_append (out, "\xe2\x80\xa8"); break;
            case 'P': g_string_append (out, "\xe2\x80\xa9"); break;
            default:
              if (!((c == 'x' && append_hex (out, &q, 2)) ||
                    (c == 'u' && append_hex (out, &q, 4)) ||
                    (c == 'U' && append_hex (out, &q, 8))))
                {
                  /* \0 too: strings hold no NUL. */
                  fail (error, number, _("an unknown escape in a double-quoted value"));
                  return NULL;
                }
            }
          continue;
        }
      g_string_append_c (out, *q++);
    }

  *p = q + 1;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static JsonNode *
object_node (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonNode *
array_node (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

static JsonNode *
scalar_node (const char *value)
{
  if (value == NULL || *value == '\0' || g_str_equal (value, "~") || g_str_equal (value, "null") ||
      g_str_equal (value, "Null") || g_str_equal (value, "NULL"))
    return json_node_init_null (json_node_alloc ());
  return json_node_init_string (json_node_alloc (), value);
}

/* A plain scalar: up to a comment (" #") or the end, trimmed. */
static char *
plain_text (const char *p)
{
  const char *end = p;

  for (const char *q = p; *q != '\0'; q++)
    {
      if (*q == '#' && q > p && (q[-1] == ' ' || q[-1] == '\t'))
        break;
      end = q + 1;
    }
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  return g_strndup (p, end - p);
}

static gboolean
refuse_unsupported (const char  *p,
                    guint        number,
                    GError     **error)
{
  switch (*p)
    {
    case '&':
    case '*':
      return fail (error, number, _("anchors and aliases are not read"));
    case '!':
      return fail (error, number, _("tags are not read"));
    case '%':
    case '@':
    case '`':
      return fail (error, number, _("a value cannot start with “%c”"), *p);
    case '?':
      if (p[1] == ' ' || p[1] == '\0')
        return fail (error, number, _("complex keys are not read"));
      return TRUE;
    default:
      return TRUE;
    }
}

/* "[a, 'b', "c"]" on one line. */
static JsonNode *
read_flow (const char  *p,
           guint        number,
           GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();

  if (*p == '{')
    {
      p++;
      p += strspn (p, " \t");
      if (*p != '}' || !only_comment (p + 1))
        {
          fail (error, number, _("flow mappings are not read"));
          return NULL;
        }
      return object_node (json_object_new ());
    }

  p++;
  while (TRUE)
    {
      g_autofree char *item = NULL;

      p += strspn (p, " \t");
      if (*p == ']' && json_array_get_length (array) == 0)
        break;
      if (*p == '"' || *p == '\'')
        {
          if ((item = read_quoted (&p, number, error)) == NULL)
            return NULL;
        }
      else if (*p == '[' || *p == '{')
        {
          fail (error, number, _("nested flow collections are not read"));
          return NULL;
        }
      else
        {
          const char *start = p;

          if (!refuse_unsupported (p, number, error))
            return NULL;
          while (*p != '\0' && *p != ',' && *p != ']')
            p++;
          while (p > start && (p[-1] == ' ' || p[-1] == '\t'))
            p--;
          item = g_strndup (start, p - start);
          if (*item == '\0')
            {
              fail (error, number, _("an empty item in a flow sequence"));
              return NULL;
            }
        }
      json_array_add_element (array, scalar_node (item));
      p += strspn (p, " \t");
      if (*p == ',')
        {
          p++;
          continue;
        }
      if (*p == ']')
        break;
      fail (error, number, _("a flow sequence must end on its line"));
      return NULL;
    }
  if (!only_comment (p + 1))
    {
      fail (error, number, _("text after a flow sequence"));
      return NULL;
    }
  return array_node (g_steal_pointer (&array));
}

/* "|", "|-", ">+", "|2"…: the more indented lines that follow. */
static JsonNode *
read_block_scalar (Reader      *reader,
                   const char  *header,
                   int          parent_indent,
                   GError     **error)
{
  Line *first = g_ptr_array_index (reader->lines, reader->pos);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();
  gboolean folded = header[0] == '>';
  char chomp = 0;
  guint block_indent = 0, explicit_indent = 0;
  const char *p = header + 1;

  for (; *p != '\0' && *p != ' ' && *p != '\t'; p++)
    {
      if ((*p == '-' || *p == '+') && chomp == 0)
        chomp = *p;
      else if (*p >= '1' && *p <= '9' && explicit_indent == 0)
        explicit_indent = *p - '0';
      else
        {
          fail (error, first->number, _("an unknown block scalar header"));
          return NULL;
        }
    }
  if (!only_comment (p))
    {
      fail (error, first->number, _("text after a block scalar header"));
      return NULL;
    }
  if (explicit_indent > 0)
    block_indent = MAX (parent_indent, 0) + explicit_indent;

  for (reader->pos++; reader->pos < reader->lines->len; reader->pos++)
    {
      Line *line = g_ptr_array_index (reader->lines, reader->pos);
      gboolean empty = line->raw[strspn (line->raw, " ")] == '\0';

      if (!empty && (int) line->indent <= parent_indent)
        break;
      if (!empty && block_indent == 0)
        block_indent = line->indent;
      if (!empty && line->indent < block_indent)
        {
          fail (error, line->number, _("a line of a block scalar is less indented than its first"));
          return NULL;
        }
      g_ptr_array_add (texts, empty ? "" : line->raw + block_indent);
    }

  for (guint i = 0; i < texts->len; i++)
    {
      const char *text = g_ptr_array_index (texts, i);

      if (i > 0)
        {
          const char *previous = g_ptr_array_index (texts, i - 1);

          /* Folding joins lines of text with a space; empty lines and
           * more indented ones keep their line breaks. */
          if (folded && *previous != '\0' && *text != '\0' && *previous != ' ' && *text != ' ')
            g_string_append_c (out, ' ');
          else if (!folded || *previous != '\0' || *text == '\0' || *text == ' ')
            g_string_append_c (out, '\n');
        }
      g_string_append (out, text);
    }
  if (out->len > 0)
    g_string_append_c (out, '\n');
  if (chomp != '+')
    {
      while (out->len > 0 && out->str[out->len - 1] == '\n')
        g_string_truncate (out, out->len - 1);
      if (chomp == 0 && out->len > 0)
        g_string_append_c (out, '\n');
    }
  return json_node_init_string (json_node_alloc (), out->str);
}

/* A value written after "key:" or "- " on @line, at @p; lines after it
 * that are more indented than @parent_indent continue a plain scalar. */
static JsonNode *
read_inline (Reader      *reader,
             Line        *line,
             const char  *p,
             int          parent_indent,
             GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) folded = NULL;

  if (!refuse_unsupported (p, line->number, error))
    return NULL;
  if (*p == '|' || *p == '>')
    return read_block_scalar (reader, p, parent_indent, error);

  reader->pos++;
  if (*p == '[' || *p == '{')
    return read_flow (p, line->number, error);
  if (*p == '"' || *p == '\'')
    {
      const char *q = p;

      if ((text = read_quoted (&q, line->number, error)) == NULL)
        return NULL;
      if (!only_comment (q))
        {
          fail (error, line->number, _("text after a quoted value"));
          return NULL;
        }
      return json_node_init_string (json_node_alloc (), text);
    }

  folded = g_string_new (NULL);
  text = plain_text (p);
  g_string_append (folded, text);
  for (Line *next; (next = current (reader)) != NULL && (int) next->indent > parent_indent;)
    {
      g_autofree char *more = NULL;

      if (is_item (next->content) || strstr (next->content, ": ") != NULL ||
          g_str_has_suffix (next->content, ":"))
        {
          fail (error, next->number, _("unexpected indentation"));
          return NULL;
        }
      more = plain_text (next->content);
      g_string_append_c (folded, ' ');
      g_string_append (folded, more);
      reader->pos++;
    }
  return scalar_node (folded->str);
}

/* "key: rest": the key, and where its value starts; FALSE when @content
 * is not a key. */
static gboolean
split_key (const char   *content,
           guint         number,
           char        **key,
           const char  **rest,
           GError      **error)
{
  const char *p;

  if (content[0] == '"' || content[0] == '\'')
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *quoted = NULL;

      p = content;
      quoted = read_quoted (&p, number, &local_error);
      if (quoted == NULL)
        return FALSE;
      p += strspn (p, " \t");
      if (*p != ':' || (p[1] != '\0' && p[1] != ' ' && p[1] != '\t'))
        return FALSE;
      *key = g_steal_pointer (&quoted);
      *rest = p + 1;
      return TRUE;
    }
  if (content[0] == '[' || content[0] == '{' || content[0] == '#')
    return FALSE;
  if (content[0] == '?' && (content[1] == ' ' || content[1] == '\0'))
    return refuse_unsupported (content, number, error), FALSE;

  for (p = content; *p != '\0'; p++)
    {
      if (*p == '#' && p > content && (p[-1] == ' ' || p[-1] == '\t'))
        return FALSE;
      if (*p == ':' && (p[1] == '\0' || p[1] == ' ' || p[1] == '\t'))
        {
          const char *end = p;

          while (end > content && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
          if (end == content)
            return FALSE;
          *key = g_strndup (content, end - content);
          *rest = p + 1;
          return TRUE;
        }
    }
  return FALSE;
}

static JsonNode *read_at (Reader *reader, Line *line, int parent_indent, GError **error);

/* The value of a key or item whose line holds nothing after it: what is
 * more indented (or, for a key, a sequence at the key's indentation). */
static JsonNode *
read_nested (Reader      *reader,
             int          parent_indent,
             gboolean     after_key,
             GError     **error)
{
  Line *line = current (reader);

  if (line == NULL || (int) line->indent < parent_indent ||
      ((int) line->indent == parent_indent && !(after_key && is_item (line->content))))
    return json_node_init_null (json_node_alloc ());
  return read_at (reader, line, parent_indent, error);
}

static JsonNode *
read_sequence (Reader      *reader,
               guint        indent,
               GError     **error)
{
  g_autoptr(JsonArray) array = json_array_new ();
  Line *line;

  while ((line = current (reader)) != NULL && line->indent >= indent)
    {
      const char *rest;
      JsonNode *item;

      if (line->indent > indent)
        return fail (error, line->number, _("unexpected indentation")), NULL;
      if (!is_item (line->content))
        break;

      rest = line->content + 1;
      rest += strspn (rest, " ");
      if (*rest == '\0' || *rest == '#')
        {
          reader->pos++;
          item = read_nested (reader, indent, FALSE, error);
        }
      else
        {
          /* "- key: value" starts a mapping at the column of "key". */
          line->indent += rest - line->content;
          line->content = (char *) rest;
          item = read_at (reader, line, indent, error);
        }
      if (item == NULL)
        return NULL;
      json_array_add_element (array, item);
    }

  return array_node (g_steal_pointer (&array));
}

static JsonNode *
read_mapping (Reader      *reader,
              guint        indent,
              GError     **error)
{
  g_autoptr(JsonObject) object = json_object_new ();
  Line *line;

  while ((line = current (reader)) != NULL && line->indent >= indent)
    {
      g_autofree char *key = NULL;
      const char *rest;
      JsonNode *value;

      if (line->indent > indent)
        return fail (error, line->number, _("unexpected indentation")), NULL;
      if (is_item (line->content))
        return fail (error, line->number, _("a list item where a key was expected")), NULL;
      if (!split_key (line->content, line->number, &key, &rest, error))
        {
          if (error != NULL && *error == NULL)
            fail (error, line->number, _("expected “key: value”"));
          return NULL;
        }
      if (json_object_has_member (object, key))
        return fail (error, line->number, _("the key “%s” is given twice"), key), NULL;

      rest += strspn (rest, " \t");
      if (*rest == '\0' || *rest == '#')
        {
          reader->pos++;
          value = read_nested (reader, indent, TRUE, error);
        }
      else
        value = read_inline (reader, line, rest, indent, error);
      if (value == NULL)
        return NULL;
      json_object_set_member (object, key, value);
    }

  return object_node (g_steal_pointer (&object));
}

/* The collection or scalar starting on @line (the current one). */
static JsonNode *
read_at (Reader      *reader,
         Line        *line,
         int          parent_indent,
         GError     **error)
{
  g_autofree char *key = NULL;
  const char *rest;
  JsonNode *node;

  if (reader->depth >= MAX_DEPTH)
    return fail (error, line->number, _("nested more than %u levels deep"), MAX_DEPTH), NULL;

  reader->depth++;
  if (is_item (line->content))
    node = read_sequence (reader, line->indent, error);
  else if (split_key (line->content, line->number, &key, &rest, error))
    node = read_mapping (reader, line->indent, error);
  else if (error != NULL && *error != NULL)
    node = NULL;
  else
    node = read_inline (reader, line, line->content, parent_indent, error);
  reader->depth--;
  return node;
}

static JsonNode *
read_document (Reader      *reader,
               GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  Line *line = current (reader);

  if (line == NULL)
    return object_node (json_object_new ());
  if (g_str_has_prefix (line->content, "---") || g_str_has_prefix (line->content, "..."))
    return fail (error, line->number, _("more than one YAML document")), NULL;
  if ((root = read_at (reader, line, -1, error)) == NULL)
    return NULL;
  if ((line = current (reader)) != NULL)
    return fail (error, line->number, _("unexpected indentation")), NULL;
  return g_steal_pointer (&root);
}

JsonNode *
_glossator_yaml_parse (const char  *data,
                       gsize        n_bytes,
                       GError     **error)
{
  Reader reader = { 0 };
  JsonNode *root = NULL;

  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  if (read_lines (&reader, data, n_bytes, 1, error))
    root = read_document (&reader, error);
  g_ptr_array_unref (reader.lines);
  return root;
}

static gboolean
is_marker (const char *line,
           gsize       length)
{
  while (length > 0 && (line[length - 1] == ' ' || line[length - 1] == '\t' || line[length - 1] == '\r'))
    length--;
  return length == 3 && memcmp (line, "---", 3) == 0;
}

JsonNode *
_glossator_yaml_parse_front_matter (const char  *data,
                                    gsize        n_bytes,
                                    GError     **error)
{
  const char *end = data + n_bytes;
  const char *p = data, *start, *eol;
  Reader reader = { 0 };
  JsonNode *root = NULL;
  guint number = 1;

  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  if (n_bytes >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  /* Blank lines before the marker are allowed, as huggingface_hub allows them. */
  while (p < end && (eol = memchr (p, '\n', end - p)) != NULL && p[strspn (p, " \t\r")] == '\n')
    {
      p = eol + 1;
      number++;
    }
  eol = p < end ? memchr (p, '\n', end - p) : NULL;
  if (eol == NULL || !is_marker (p, eol - p))
    {
      g_set_error_literal (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_NO_METADATA,
                           _("no YAML front matter (a first line “---”)"));
      return NULL;
    }
  start = p = eol + 1;
  while (p < end)
    {
      eol = memchr (p, '\n', end - p);
      if (is_marker (p, (eol != NULL ? eol : end) - p))
        break;
      p = eol != NULL ? eol + 1 : end;
    }
  if (p >= end)
    {
      g_set_error (error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_INVALID,
                   _("line %u: the YAML front matter has no closing “---”"), number);
      return NULL;
    }

  if (read_lines (&reader, start, p - start, number + 1, error))
    root = read_document (&reader, error);
  g_ptr_array_unref (reader.lines);
  return root;
}

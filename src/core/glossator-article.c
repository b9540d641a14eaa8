/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-article"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "glossator-article.h"
#include "glossator-html.h"
#include "glossator-json-guard.h"
#include "glossator-text-private.h"

/* Titles taken from a line of text are cut here (code points). */
#define TITLE_MAX_CHARS 120
#define READ_CHUNK_SIZE ((gsize) 1024 * 1024)

struct _GlossatorArticle
{
  GObject parent_instance;

  GFile *file;
  char *display_name;
  GlossatorArticleFormat format;
  GlossatorText *text;
  char *title;
  JsonObject *metadata;
};

G_DEFINE_FINAL_TYPE (GlossatorArticle, glossator_article, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossatorArticleFormat, glossator_article_format,
  G_DEFINE_ENUM_VALUE (GLOSSATOR_ARTICLE_FORMAT_TEXT, "text"),
  G_DEFINE_ENUM_VALUE (GLOSSATOR_ARTICLE_FORMAT_MARKDOWN, "markdown"),
  G_DEFINE_ENUM_VALUE (GLOSSATOR_ARTICLE_FORMAT_JSON, "json"),
  G_DEFINE_ENUM_VALUE (GLOSSATOR_ARTICLE_FORMAT_HTML, "html"))

enum {
  PROP_0,
  PROP_FILE,
  PROP_DISPLAY_NAME,
  PROP_FORMAT,
  PROP_TEXT,
  PROP_TITLE,
  PROP_METADATA,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const struct {
  const char *extension;
  GlossatorArticleFormat format;
} extensions[] = {
  { "txt", GLOSSATOR_ARTICLE_FORMAT_TEXT },
  { "md", GLOSSATOR_ARTICLE_FORMAT_MARKDOWN },
  { "markdown", GLOSSATOR_ARTICLE_FORMAT_MARKDOWN },
  { "json", GLOSSATOR_ARTICLE_FORMAT_JSON },
  { "html", GLOSSATOR_ARTICLE_FORMAT_HTML },
  { "htm", GLOSSATOR_ARTICLE_FORMAT_HTML },
};

static const char * const format_names[] = {
  [GLOSSATOR_ARTICLE_FORMAT_TEXT] = "text",
  [GLOSSATOR_ARTICLE_FORMAT_MARKDOWN] = "markdown",
  [GLOSSATOR_ARTICLE_FORMAT_JSON] = "json",
  [GLOSSATOR_ARTICLE_FORMAT_HTML] = "html",
};

static void
glossator_article_finalize (GObject *object)
{
  GlossatorArticle *self = GLOSSATOR_ARTICLE (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->text, glossator_text_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->metadata, json_object_unref);

  G_OBJECT_CLASS (glossator_article_parent_class)->finalize (object);
}

static void
glossator_article_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GlossatorArticle *self = GLOSSATOR_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;

    case PROP_DISPLAY_NAME:
      g_value_set_string (value, self->display_name);
      break;

    case PROP_FORMAT:
      g_value_set_enum (value, self->format);
      break;

    case PROP_TEXT:
      g_value_set_boxed (value, self->text);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_article_class_init (GlossatorArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_article_finalize;
  object_class->get_property = glossator_article_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL,
                         G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_FORMAT] =
    g_param_spec_enum ("format", NULL, NULL,
                       GLOSSATOR_TYPE_ARTICLE_FORMAT,
                       GLOSSATOR_ARTICLE_FORMAT_TEXT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_boxed ("text", NULL, NULL,
                        GLOSSATOR_TYPE_TEXT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL,
                         NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_METADATA] =
    g_param_spec_boxed ("metadata", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossator_article_init (GlossatorArticle *self)
{
}

/* Names */

gboolean
glossator_article_format_for_name (const char             *basename,
                                   GlossatorArticleFormat *format)
{
  const char *dot;

  g_return_val_if_fail (basename != NULL, FALSE);

  dot = strrchr (basename, '.');
  if (dot == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    if (g_ascii_strcasecmp (dot + 1, extensions[i].extension) == 0)
      {
        if (format != NULL)
          *format = extensions[i].format;
        return TRUE;
      }

  return FALSE;
}

static gboolean
has_suffix_ascii_nocase (const char *str,
                         const char *suffix)
{
  gsize len = strlen (str), suffix_len = strlen (suffix);

  return len >= suffix_len && g_ascii_strcasecmp (str + len - suffix_len, suffix) == 0;
}

gboolean
glossator_article_is_article_name (const char *basename)
{
  g_return_val_if_fail (basename != NULL, FALSE);

  /* Hidden files and editor backups, including "X.annotations.json~". */
  if (basename[0] == '.' || g_str_has_suffix (basename, "~"))
    return FALSE;
  if (has_suffix_ascii_nocase (basename, ".annotations.json") ||
      has_suffix_ascii_nocase (basename, "glossator-schema.json"))
    return FALSE;

  return glossator_article_format_for_name (basename, NULL);
}

const char *
glossator_article_format_to_string (GlossatorArticleFormat format)
{
  g_return_val_if_fail (format <= GLOSSATOR_ARTICLE_FORMAT_HTML, NULL);

  return format_names[format];
}

gboolean
glossator_article_format_from_string (const char             *str,
                                      GlossatorArticleFormat *format)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (format_names); i++)
    if (strcmp (str, format_names[i]) == 0)
      {
        if (format != NULL)
          *format = i;
        return TRUE;
      }

  return FALSE;
}

/* Titles */

typedef struct {
  const char *p;
  const char *end;
} LineIter;

/* Lines end at LF, CRLF or CR. */
static gboolean
line_iter_next (LineIter    *iter,
                const char **line,
                gsize       *len)
{
  const char *q = iter->p;

  if (iter->p >= iter->end)
    return FALSE;

  while (q < iter->end && *q != '\n' && *q != '\r')
    q++;
  *line = iter->p;
  *len = q - iter->p;

  if (q < iter->end)
    q += (*q == '\r' && q + 1 < iter->end && q[1] == '\n') ? 2 : 1;
  iter->p = q;

  return TRUE;
}

static gboolean
is_blank (const char *line,
          gsize       len)
{
  for (const char *p = line; p < line + len; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

/* @text (valid UTF-8) with white space runs made one space and trimmed;
 * when @cap, cut after about TITLE_MAX_CHARS code points, at a word if one
 * ends late enough, never inside a grapheme cluster. NULL when blank. */
static char *
make_title (const char *text,
            gsize       len,
            gboolean    cap)
{
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GlossatorText) title_text = NULL;
  gboolean space = FALSE;
  guint n_chars = 0;
  guint cut;

  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          space = title->len > 0;
          continue;
        }
      /* A few more than the cap, so the cut can see the cluster go on. */
      if (cap && n_chars > TITLE_MAX_CHARS + 16)
        break;
      if (space)
        {
          g_string_append_c (title, ' ');
          n_chars++;
          space = FALSE;
        }
      g_string_append_unichar (title, c);
      n_chars++;
    }

  if (title->len == 0)
    return NULL;
  if (!cap || n_chars <= TITLE_MAX_CHARS)
    return g_string_free (g_steal_pointer (&title), FALSE);

  title_text = glossator_text_new (title->str, title->len, NULL);
  g_assert (title_text != NULL);
  cut = glossator_text_snap_to_grapheme (title_text, TITLE_MAX_CHARS, FALSE);
  for (guint i = cut; i > TITLE_MAX_CHARS / 2; i--)
    if (glossator_text_get_char (title_text, i) == ' ')
      {
        cut = i;
        break;
      }
  while (cut > 0 && glossator_text_get_char (title_text, cut - 1) == ' ')
    cut--;

  g_string_truncate (title, glossator_text_offset_to_byte (title_text, cut));
  g_string_append (title, "…");

  return g_string_free (g_steal_pointer (&title), FALSE);
}

static char *
first_line_title (const char *text,
                  gsize       len)
{
  LineIter iter = { text, text + len };
  const char *line;
  gsize line_len;

  while (line_iter_next (&iter, &line, &line_len))
    if (!is_blank (line, line_len))
      return make_title (line, line_len, TRUE);

  return NULL;
}

/* The level of an ATX heading ("## Title") and its content, or 0. */
static guint
markdown_heading (const char  *line,
                  gsize        len,
                  const char **content,
                  gsize       *content_len)
{
  const char *p = line, *end = line + len;
  guint level = 0;

  while (p < end && *p == ' ' && p - line < 3)
    p++;
  while (p < end && *p == '#' && level < 7)
    {
      p++;
      level++;
    }
  if (level == 0 || level > 6 || (p < end && *p != ' ' && *p != '\t'))
    return 0;

  /* An optional closing run of #s, after a space. */
  while (end > p && (end[-1] == ' ' || end[-1] == '\t'))
    end--;
  if (end > p && end[-1] == '#')
    {
      const char *q = end;

      while (q > p && q[-1] == '#')
        q--;
      if (q == p || q[-1] == ' ' || q[-1] == '\t')
        end = q;
    }

  *content = p;
  *content_len = end - p;
  return level;
}

static gboolean
is_fence (const char *line,
          gsize       len)
{
  const char *p = line;

  while (p < line + len && *p == ' ' && p - line < 3)
    p++;
  return (line + len - p >= 3) &&
         (strncmp (p, "```", 3) == 0 || strncmp (p, "~~~", 3) == 0);
}

static gboolean
line_equals (const char *line,
             gsize       len,
             const char *str)
{
  return len == strlen (str) && memcmp (line, str, len) == 0;
}

/* A YAML front matter's title, the first "# " heading, or the first line
 * that is not blank, front matter or a code fence (heading marks removed). */
static char *
markdown_title (const char *text,
                gsize       len)
{
  LineIter iter = { text, text + len };
  const char *line, *content;
  gsize line_len, content_len;
  const char *first = NULL;
  gsize first_len = 0;
  gboolean in_fence = FALSE;

  if (line_iter_next (&iter, &line, &line_len) && line_equals (line, line_len, "---"))
    {
      while (line_iter_next (&iter, &line, &line_len) &&
             !line_equals (line, line_len, "---") && !line_equals (line, line_len, "..."))
        if (line_len > 6 && strncmp (line, "title:", 6) == 0)
          {
            g_autofree char *value = g_strstrip (g_strndup (line + 6, line_len - 6));
            gsize value_len = strlen (value);

            if (value_len >= 2 && (value[0] == '"' || value[0] == '\'') &&
                value[value_len - 1] == value[0])
              return make_title (value + 1, value_len - 2, FALSE);
            if (value_len > 0)
              return make_title (value, value_len, FALSE);
          }
    }
  else
    iter.p = text;

  while (line_iter_next (&iter, &line, &line_len))
    {
      guint level;

      if (is_fence (line, line_len))
        {
          in_fence = !in_fence;
          continue;
        }
      if (in_fence || is_blank (line, line_len))
        continue;

      level = markdown_heading (line, line_len, &content, &content_len);
      if (level == 1)
        {
          char *title = make_title (content, content_len, FALSE);

          if (title != NULL)
            return title;
        }
      if (first == NULL)
        {
          if (level > 1)
            {
              first = content;
              first_len = content_len;
            }
          else
            {
              first = line;
              first_len = line_len;
            }
        }
    }

  return first != NULL ? make_title (first, first_len, TRUE) : NULL;
}

/* JSON news records */

#define NOT_A_RECORD_HINT N_("a news record is a JSON object with “title” and “text” or “body”")

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* json-glib ignores what follows the first value: a JSON Lines file would
 * silently give its first record. @data starts with an object (after a BOM
 * and white space) that json-glib accepted. */
static gboolean
check_nothing_after_object (const char  *data,
                            gsize        n_bytes,
                            GError     **error)
{
  gsize i = _glossator_text_data_has_bom (data, n_bytes) ? 3 : 0;
  guint depth = 0;
  gboolean in_string = FALSE;

  while (i < n_bytes && is_json_space (data[i]))
    i++;

  for (; i < n_bytes; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        depth++;
      else if ((c == '}' || c == ']') && --depth == 0)
        break;
    }

  for (i++; i < n_bytes; i++)
    if (!is_json_space (data[i]))
      {
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                     _("unexpected data after the JSON object at byte %lu "
                       "(one news record per file; JSON Lines files must be split)"), (gulong) i);
        return FALSE;
      }

  return TRUE;
}

typedef struct {
  gboolean is_array;
  gboolean expect_key;
  guint index;
  char *key;  /* raw, as written between the quotes */
} JsonLevel;

static void
json_level_clear (gpointer data)
{
  g_free (((JsonLevel *) data)->key);
}

static guint
parse_hex4 (const char *p)
{
  guint value = 0;

  for (guint i = 0; i < 4; i++)
    {
      int digit = g_ascii_xdigit_value (p[i]);

      if (digit < 0)
        return G_MAXUINT;
      value = value * 16 + digit;
    }

  return value;
}

static char *
json_levels_path (GArray *levels)
{
  GString *path = g_string_new (NULL);

  for (guint i = 0; i < levels->len; i++)
    {
      JsonLevel *level = &g_array_index (levels, JsonLevel, i);

      if (level->is_array)
        g_string_append_printf (path, "[%u]", level->index);
      else if (level->key != NULL && !level->expect_key)
        {
          if (path->len > 0)
            g_string_append_c (path, '.');
          g_string_append (path, level->key);
        }
    }

  return g_string_free (path, FALSE);
}

static void
set_escape_error (GError     **error,
                  int          code,
                  GArray      *levels,
                  gboolean     is_key,
                  const char  *problem,
                  const char  *escape,
                  gsize        byte,
                  const char  *suffix)
{
  g_autofree char *path = json_levels_path (levels);
  g_autofree char *where = NULL;

  if (is_key && *path != '\0')
    where = g_strdup_printf (_("a member name in “%s”"), path);
  else if (*path == '\0')
    where = g_strdup (_("a member name"));
  else
    where = g_strdup_printf (_("member “%s”"), path);

  g_set_error (error, GLOSSATOR_TEXT_ERROR, code,
               /* TRANSLATORS: e.g. "member “source.authors[1]” is not valid UTF-8: lone
                * surrogate escape “\ud800” at byte 57" */
               _("%s %s “%.6s” at byte %lu%s"), where, problem, escape, (gulong) byte, suffix);
}

/* json-glib 1.6 turns a lone surrogate escape ("\ud83d") into invalid
 * UTF-8, and swallows the character after it: the closing quote gives a
 * garbled syntax error. It also cuts a string at "\u0000". Finding these
 * first gives a clear message. */
static gboolean
check_string_escapes (const char  *data,
                         gsize        n_bytes,
                         GError     **error)
{
  g_autoptr(GArray) levels = g_array_new (FALSE, TRUE, sizeof (JsonLevel));

  g_array_set_clear_func (levels, json_level_clear);

  for (gsize i = 0; i < n_bytes; i++)
    {
      JsonLevel *top = levels->len > 0 ? &g_array_index (levels, JsonLevel, levels->len - 1) : NULL;
      JsonLevel level = { 0 };
      gboolean is_key;
      gsize start;

      switch (data[i])
        {
        case '{':
        case '[':
          level.is_array = data[i] == '[';
          level.expect_key = !level.is_array;
          g_array_append_val (levels, level);
          break;

        case '}':
        case ']':
          if (levels->len > 0)
            g_array_set_size (levels, levels->len - 1);
          break;

        case ',':
          if (top != NULL && top->is_array)
            top->index++;
          else if (top != NULL)
            top->expect_key = TRUE;
          break;

        case ':':
          if (top != NULL && !top->is_array)
            top->expect_key = FALSE;
          break;

        case '"':
          is_key = top != NULL && !top->is_array && top->expect_key;
          for (start = ++i; i < n_bytes && data[i] != '"'; i++)
            {
              guint value, low;

              if (data[i] != '\\')
                continue;
              if (i + 6 > n_bytes || data[i + 1] != 'u')
                {
                  i++;
                  continue;
                }

              value = parse_hex4 (data + i + 2);
              low = i + 12 <= n_bytes && data[i + 6] == '\\' && data[i + 7] == 'u'
                    ? parse_hex4 (data + i + 8) : G_MAXUINT;
              if (value >= 0xd800 && value <= 0xdbff && low >= 0xdc00 && low <= 0xdfff)
                i += 11;
              else if (value >= 0xd800 && value <= 0xdfff)
                {
                  set_escape_error (error, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, levels, is_key,
                                    "is not valid UTF-8: lone surrogate escape", data + i, i, "");
                  return FALSE;
                }
              else if (value == 0)
                {
                  set_escape_error (error, GLOSSATOR_TEXT_ERROR_BINARY, levels, is_key,
                                    "contains the escape", data + i, i,
                                    "; NUL characters cannot be annotated");
                  return FALSE;
                }
              else
                i += 5;
            }
          if (is_key)
            {
              g_free (top->key);
              top->key = g_strndup (data + start, i - start);
            }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

/* json-glib passes lone surrogate escapes ("\ud83d") through as invalid
 * UTF-8, in values and member names alike. */
static gboolean
validate_json_strings (JsonNode     *node,
                       GString      *path,
                       GError      **error)
{
  gsize path_len = path->len;

  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init (&iter, json_node_get_object (node));
        while (json_object_iter_next (&iter, &name, &member))
          {
            if (!g_utf8_validate (name, -1, NULL))
              {
                g_set_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                             _("a member name in %s is not valid UTF-8 (a lone surrogate escape?)"),
                             path->len > 0 ? path->str : _("the record"));
                return FALSE;
              }
            if (path->len > 0)
              g_string_append_c (path, '.');
            g_string_append (path, name);
            if (!validate_json_strings (member, path, error))
              return FALSE;
            g_string_truncate (path, path_len);
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            g_string_append_printf (path, "[%u]", i);
            if (!validate_json_strings (json_array_get_element (array, i), path, error))
              return FALSE;
            g_string_truncate (path, path_len);
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING &&
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_set_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                       _("member “%s” is not valid UTF-8 (a lone surrogate escape?)"), path->str);
          return FALSE;
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  return TRUE;
}

/* A string member, NULL when missing or null; an error for other types. */
static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   const char **value,
                   GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   _("member “%s” is not a string"), name);
      return FALSE;
    }

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
load_json_record (GlossatorArticle  *self,
                  const char        *data,
                  gsize              n_bytes,
                  GError           **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) path = g_string_new (NULL);
  g_autoptr(GString) composed = NULL;
  g_autoptr(JsonObject) record = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json_path = NULL;
  JsonNode *root;
  const char *title, *body, *body_member = "text";

  if (!_glossator_text_check_data (data, n_bytes, GLOSSATOR_TEXT_MAX_BYTES, TRUE, error))
    return FALSE;

  if (is_blank (data, n_bytes) ||
      (_glossator_text_data_has_bom (data, n_bytes) && is_blank (data + 3, n_bytes - 3)))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s; %s", _("empty file"), _(NOT_A_RECORD_HINT));
      return FALSE;
    }

  if (!check_string_escapes (data, n_bytes, error))
    return FALSE;

  /* Never json-glib's message: it quotes the input, which need not be
   * JSON at all. */
  if (!glossator_json_guard (data, n_bytes, &json_path, &local_error))
    {
      /* A second record says what to do about it. */
      if (!g_error_matches (local_error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_TRAILING_DATA) ||
          check_nothing_after_object (data, n_bytes, error))
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s: %s", json_path, local_error->message);
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data, n_bytes, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s", _("not JSON that json-glib reads"));
      return FALSE;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s; %s", _("not a news record: the JSON is not an object"), _(NOT_A_RECORD_HINT));
      return FALSE;
    }

  if (!validate_json_strings (root, path, error))
    return FALSE;

  record = json_node_dup_object (root);
  if (!get_string_member (record, "title", &title, error) ||
      !get_string_member (record, "text", &body, error))
    return FALSE;
  if (body == NULL)
    {
      body_member = "body";
      if (!get_string_member (record, body_member, &body, error))
        return FALSE;
    }
  if (title == NULL && body == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "%s; %s", _("not a news record: no “title”, “text” or “body” member"),
                   _(NOT_A_RECORD_HINT));
      return FALSE;
    }

  composed = g_string_new (title);
  if (body != NULL && *body != '\0')
    {
      if (composed->len > 0)
        g_string_append (composed, "\n\n");
      g_string_append (composed, body);
    }

  self->text = glossator_text_new (composed->str, composed->len, error);
  if (self->text == NULL)
    return FALSE;
  glossator_text_set_has_bom (self->text, _glossator_text_data_has_bom (data, n_bytes));

  if (title != NULL)
    self->title = make_title (title, strlen (title), FALSE);
  if (self->title == NULL && body != NULL)
    self->title = first_line_title (body, strlen (body));

  /* title and body point into the record: done with them before this. */
  json_object_remove_member (record, body_member);
  json_object_seal (record);
  self->metadata = g_steal_pointer (&record);

  return TRUE;
}

static gboolean
load_html (GlossatorArticle  *self,
           const char        *data,
           gsize              n_bytes,
           GError           **error)
{
  g_autofree char *html_title = NULL;
  g_autofree char *text = NULL;
  gsize len;

  text = _glossator_html_extract_text (data, n_bytes, GLOSSATOR_TEXT_MAX_BYTES, &html_title, error);
  if (text == NULL)
    return FALSE;

  len = strlen (text);
  self->text = glossator_text_new (text, len, error);
  if (self->text == NULL)
    return FALSE;
  glossator_text_set_has_bom (self->text, _glossator_text_data_has_bom (data, n_bytes));

  if (html_title != NULL)
    self->title = g_steal_pointer (&html_title);
  else
    self->title = first_line_title (text, len);

  return TRUE;
}

static gboolean
load_plain (GlossatorArticle  *self,
            const char        *data,
            gsize              n_bytes,
            GError           **error)
{
  const char *utf8;
  gsize len;

  self->text = glossator_text_new_from_data (data, n_bytes, error);
  if (self->text == NULL)
    return FALSE;

  utf8 = glossator_text_get_utf8 (self->text, &len);
  if (self->format == GLOSSATOR_ARTICLE_FORMAT_MARKDOWN)
    self->title = markdown_title (utf8, len);
  else
    self->title = first_line_title (utf8, len);

  return TRUE;
}

/**
 * glossator_article_new_from_bytes:
 * @file: (nullable): where the bytes come from
 * @display_name: (nullable): the name to use in messages; %NULL for the
 *   parse name of @file
 * @format: how to read @bytes
 * @bytes: the file contents
 * @error: return location for a #GLOSSATOR_TEXT_ERROR or #G_IO_ERROR
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with @error
 *   set to a message starting with the display name and a colon
 */
GlossatorArticle *
glossator_article_new_from_bytes (GFile                   *file,
                                  const char              *display_name,
                                  GlossatorArticleFormat   format,
                                  GBytes                  *bytes,
                                  GError                 **error)
{
  g_autoptr(GlossatorArticle) self = NULL;
  g_autofree char *basename = NULL;
  const char *data;
  gsize n_bytes;
  gboolean ok = FALSE;

  g_return_val_if_fail (file == NULL || G_IS_FILE (file), NULL);
  g_return_val_if_fail (file != NULL || display_name != NULL, NULL);
  g_return_val_if_fail (format <= GLOSSATOR_ARTICLE_FORMAT_HTML, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_ARTICLE, NULL);
  self->file = file != NULL ? g_object_ref (file) : NULL;
  self->display_name = display_name != NULL ? g_strdup (display_name) : g_file_get_parse_name (file);
  self->format = format;

  data = g_bytes_get_data (bytes, &n_bytes);
  if (data == NULL)
    data = "";

  switch (format)
    {
    case GLOSSATOR_ARTICLE_FORMAT_TEXT:
    case GLOSSATOR_ARTICLE_FORMAT_MARKDOWN:
      ok = load_plain (self, data, n_bytes, error);
      break;

    case GLOSSATOR_ARTICLE_FORMAT_JSON:
      ok = load_json_record (self, data, n_bytes, error);
      break;

    case GLOSSATOR_ARTICLE_FORMAT_HTML:
      ok = load_html (self, data, n_bytes, error);
      break;

    default:
      g_assert_not_reached ();
    }

  if (!ok)
    {
      g_prefix_error (error, "%s: ", self->display_name);
      return NULL;
    }

  if (self->title == NULL)
    {
      basename = file != NULL ? g_file_get_basename (file) : g_path_get_basename (display_name);
      self->title = g_filename_display_name (basename);
    }

  return g_steal_pointer (&self);
}

/* Loading */

static GBytes *
read_contents (GFile         *file,
               gsize          max_bytes,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  gsize len = 0;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  /* Refuse a huge file before reading it; the loop below still counts, as
   * the file may grow or not know its size. */
  info = g_file_input_stream_query_info (stream, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE))
    {
      goffset size = g_file_info_get_size (info);

      if (size > 0 && (guint64) size > max_bytes)
        {
          _glossator_text_set_too_large_error (error, size, max_bytes);
          return NULL;
        }
    }

  buffer = g_byte_array_new ();
  for (;;)
    {
      gssize n_read;

      g_byte_array_set_size (buffer, len + READ_CHUNK_SIZE);
      n_read = g_input_stream_read (G_INPUT_STREAM (stream), buffer->data + len,
                                    READ_CHUNK_SIZE, cancellable, error);
      if (n_read < 0)
        return NULL;
      if (n_read == 0)
        break;
      len += n_read;
      if (len > max_bytes)
        {
          _glossator_text_set_too_large_error (error, len, max_bytes);
          return NULL;
        }
    }
  g_byte_array_set_size (buffer, len);

  if (!g_input_stream_close (G_INPUT_STREAM (stream), cancellable, error))
    return NULL;

  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));
}

/**
 * glossator_article_load:
 * @file: an article file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GLOSSATOR_TEXT_ERROR or #G_IO_ERROR
 *
 * Reads and decodes @file, in the format its extension names.
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with @error
 *   set to a message starting with the file's path and a colon
 */
GlossatorArticle *
glossator_article_load (GFile         *file,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_autofree char *display_name = NULL;
  g_autofree char *basename = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GlossatorArticleFormat format;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  display_name = g_file_get_parse_name (file);
  basename = g_file_get_basename (file);
  if (basename == NULL || !glossator_article_format_for_name (basename, &format))
    format = GLOSSATOR_ARTICLE_FORMAT_TEXT;

  bytes = read_contents (file, GLOSSATOR_TEXT_MAX_BYTES, cancellable, error);
  if (bytes == NULL)
    {
      g_prefix_error (error, "%s: ", display_name);
      return NULL;
    }

  return glossator_article_new_from_bytes (file, display_name, format, bytes, error);
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GFile *file = task_data;
  GlossatorArticle *article;
  GError *error = NULL;

  article = glossator_article_load (file, cancellable, &error);
  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

void
glossator_article_load_async (GFile               *file,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_article_load_async);
  /* The worker's own G_IO_ERROR_CANCELLED names the file, GTask's would not. */
  g_task_set_check_cancellable (task, FALSE);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_task_run_in_thread (task, load_thread);
}

/**
 * glossator_article_load_finish:
 * @result: the result passed to the callback of glossator_article_load_async()
 * @error: return location for a #GLOSSATOR_TEXT_ERROR or #G_IO_ERROR
 *
 * Returns: (transfer full) (nullable): the article, or %NULL with @error set
 */
GlossatorArticle *
glossator_article_load_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_article_load_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors */

/**
 * glossator_article_get_file:
 * @self: a #GlossatorArticle
 *
 * Returns: (transfer none) (nullable): the file, if the article has one
 */
GFile *
glossator_article_get_file (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), NULL);

  return self->file;
}

const char *
glossator_article_get_display_name (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), NULL);

  return self->display_name;
}

GlossatorArticleFormat
glossator_article_get_format (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), GLOSSATOR_ARTICLE_FORMAT_TEXT);

  return self->format;
}

/**
 * glossator_article_get_text:
 * @self: a #GlossatorArticle
 *
 * Returns: (transfer none): the text that offsets address
 */
GlossatorText *
glossator_article_get_text (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), NULL);

  return self->text;
}

const char *
glossator_article_get_title (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), NULL);

  return self->title;
}

/**
 * glossator_article_get_metadata:
 * @self: a #GlossatorArticle
 *
 * Returns: (transfer none) (nullable): a sealed object of a JSON record's
 *   members except the one holding the body, or %NULL for other formats
 */
JsonObject *
glossator_article_get_metadata (GlossatorArticle *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ARTICLE (self), NULL);

  return self->metadata;
}

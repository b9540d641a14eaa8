/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-html"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include <gio/gio.h>
#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>

#include "glossator-html.h"
#include "glossator-text-private.h"

typedef enum {
  KIND_INLINE,
  KIND_SKIP,
  KIND_LINE,       /* ends lines */
  KIND_PARAGRAPH,  /* set off by a blank line */
  KIND_LIST,       /* a paragraph unless inside another list */
  KIND_PRE,
  KIND_BREAK,
  KIND_ROW,
  KIND_CELL,
} Kind;

static const struct {
  const char *name;
  Kind kind;
} element_kinds[] = {
  { "script", KIND_SKIP }, { "style", KIND_SKIP }, { "noscript", KIND_SKIP },
  { "template", KIND_SKIP }, { "head", KIND_SKIP }, { "title", KIND_SKIP },
  { "iframe", KIND_SKIP }, { "object", KIND_SKIP }, { "embed", KIND_SKIP },
  { "canvas", KIND_SKIP }, { "svg", KIND_SKIP },

  { "p", KIND_PARAGRAPH }, { "h1", KIND_PARAGRAPH }, { "h2", KIND_PARAGRAPH },
  { "h3", KIND_PARAGRAPH }, { "h4", KIND_PARAGRAPH }, { "h5", KIND_PARAGRAPH },
  { "h6", KIND_PARAGRAPH }, { "blockquote", KIND_PARAGRAPH }, { "table", KIND_PARAGRAPH },
  { "figure", KIND_PARAGRAPH }, { "hr", KIND_PARAGRAPH }, { "address", KIND_PARAGRAPH },
  { "details", KIND_PARAGRAPH }, { "fieldset", KIND_PARAGRAPH },

  { "ul", KIND_LIST }, { "ol", KIND_LIST }, { "dl", KIND_LIST }, { "menu", KIND_LIST },

  { "pre", KIND_PRE }, { "listing", KIND_PRE }, { "xmp", KIND_PRE },

  { "br", KIND_BREAK },

  { "tr", KIND_ROW },
  { "td", KIND_CELL }, { "th", KIND_CELL },

  { "html", KIND_LINE }, { "body", KIND_LINE }, { "div", KIND_LINE }, { "li", KIND_LINE },
  { "dt", KIND_LINE }, { "dd", KIND_LINE }, { "section", KIND_LINE }, { "article", KIND_LINE },
  { "header", KIND_LINE }, { "footer", KIND_LINE }, { "main", KIND_LINE }, { "nav", KIND_LINE },
  { "aside", KIND_LINE }, { "figcaption", KIND_LINE }, { "caption", KIND_LINE },
  { "summary", KIND_LINE }, { "legend", KIND_LINE }, { "center", KIND_LINE },
  { "hgroup", KIND_LINE }, { "form", KIND_LINE }, { "dialog", KIND_LINE },
  { "option", KIND_LINE }, { "thead", KIND_LINE }, { "tbody", KIND_LINE },
  { "tfoot", KIND_LINE }, { "frameset", KIND_LINE }, { "search", KIND_LINE },
};

typedef struct {
  GString *out;
  guint pending_newlines;  /* needed before the next text: 0, 1 or 2 */
  char pending_separator;  /* ' ' or '\t' before the next text on a line */
  guint pre_depth;
  guint list_depth;
  guint cells_in_row;
} Extract;

static Kind
kind_for_element (const xmlChar *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (element_kinds); i++)
    if (g_ascii_strcasecmp ((const char *) name, element_kinds[i].name) == 0)
      return element_kinds[i].kind;

  return KIND_INLINE;
}

static gboolean
is_html_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

static void
request_newlines (Extract *x,
                  guint    n)
{
  x->pending_newlines = MAX (x->pending_newlines, n);
}

/* Called before text is appended: line breaks and separators are only
 * written once text follows them, so none is ever left at an edge. */
static void
prepare_for_text (Extract *x)
{
  GString *out = x->out;

  if (out->len == 0)
    ;
  else if (x->pending_newlines > 0)
    {
      guint have = 0;

      while (have < out->len && have < 2 && out->str[out->len - 1 - have] == '\n')
        have++;
      for (guint i = have; i < x->pending_newlines; i++)
        g_string_append_c (out, '\n');
    }
  else if (x->pending_separator != 0 && out->str[out->len - 1] != '\n')
    g_string_append_c (out, x->pending_separator);

  x->pending_newlines = 0;
  x->pending_separator = 0;
}

static void
append_pre_text (Extract    *x,
                 const char *text)
{
  if (*text == '\0')
    return;

  prepare_for_text (x);
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (x->out, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (x->out, *p);
    }
}

static void
append_text (Extract    *x,
             const char *text)
{
  const char *p = text;

  if (x->pre_depth > 0)
    {
      append_pre_text (x, text);
      return;
    }

  while (*p != '\0')
    {
      const char *run;

      if (is_html_space (*p))
        {
          if (x->pending_separator == 0)
            x->pending_separator = ' ';
          p++;
          continue;
        }

      run = p;
      while (*p != '\0' && !is_html_space (*p))
        p++;
      prepare_for_text (x);
      g_string_append_len (x->out, run, p - run);
    }
}

static void walk_children (Extract *x,
                           xmlNode *node);

static void
walk_element (Extract *x,
              xmlNode *element)
{
  Kind kind = kind_for_element (element->name);
  guint newlines = 0;
  guint saved_cells = x->cells_in_row;
  xmlNode *first = element->children;

  if (kind == KIND_SKIP || xmlHasProp (element, (const xmlChar *) "hidden") != NULL)
    return;

  switch (kind)
    {
    case KIND_BREAK:
      request_newlines (x, MIN (x->pending_newlines + 1, 2));
      return;

    case KIND_LINE:
      newlines = 1;
      break;

    case KIND_ROW:
      newlines = 1;
      x->cells_in_row = 0;
      break;

    case KIND_CELL:
      if (x->cells_in_row++ > 0 && x->pending_newlines == 0)
        x->pending_separator = '\t';
      break;

    case KIND_LIST:
      newlines = x->list_depth > 0 ? 1 : 2;
      x->list_depth++;
      break;

    case KIND_PARAGRAPH:
    case KIND_PRE:
      newlines = 2;
      break;

    case KIND_INLINE:
    case KIND_SKIP:
    default:
      break;
    }

  request_newlines (x, newlines);

  if (kind == KIND_PRE)
    {
      x->pre_depth++;
      /* As in browsers, a newline right after <pre> is not content. */
      if (first != NULL && first->type == XML_TEXT_NODE && first->content != NULL)
        {
          const char *text = (const char *) first->content;

          if (text[0] == '\r')
            text += text[1] == '\n' ? 2 : 1;
          else if (text[0] == '\n')
            text++;
          append_text (x, text);
          first = first->next;
        }
    }

  walk_children (x, first);

  if (kind == KIND_PRE)
    x->pre_depth--;
  if (kind == KIND_LIST)
    x->list_depth--;
  if (kind == KIND_ROW)
    x->cells_in_row = saved_cells;

  request_newlines (x, newlines);
}

static void
walk_children (Extract *x,
               xmlNode *node)
{
  for (; node != NULL; node = node->next)
    {
      switch (node->type)
        {
        case XML_TEXT_NODE:
        case XML_CDATA_SECTION_NODE:
          if (node->content != NULL)
            append_text (x, (const char *) node->content);
          break;

        case XML_ELEMENT_NODE:
          walk_element (x, node);
          break;

        default:
          break;
        }
    }
}

/* At most one blank line anywhere (a <pre> may bring more), none at the
 * start or end, no white space at the end. */
static char *
finish_text (GString *out)
{
  GString *result = g_string_sized_new (out->len);
  const char *p = out->str;
  const char *end = out->str + out->len;
  guint newlines = 0;

  while (p < end && *p == '\n')
    p++;
  while (end > p && is_html_space (end[-1]))
    end--;

  for (; p < end; p++)
    {
      if (*p == '\n')
        {
          if (++newlines > 2)
            continue;
        }
      else
        newlines = 0;
      g_string_append_c (result, *p);
    }

  return g_string_free (result, FALSE);
}

static char *
collapse_white_space (const char *text)
{
  Extract x = { .out = g_string_new (NULL) };
  char *result;

  append_text (&x, text);
  result = g_string_free (x.out, FALSE);
  if (*result == '\0')
    g_clear_pointer (&result, g_free);

  return result;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (g_ascii_strcasecmp ((const char *) node->name, name) == 0)
        return node;
      /* SVG has <title>s of its own. */
      if (g_ascii_strcasecmp ((const char *) node->name, "svg") == 0)
        continue;
      found = find_element (node->children, name);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static char *
element_text (xmlNode *element)
{
  xmlChar *content;
  char *text;

  if (element == NULL)
    return NULL;

  content = xmlNodeGetContent (element);
  if (content == NULL)
    return NULL;
  text = collapse_white_space ((const char *) content);
  xmlFree (content);

  return text;
}

/* The <meta charset> or <meta http-equiv content="…; charset=…"> in the
 * first bytes, lower-cased, as the HTML standard's prescan finds it. */
static char *
sniff_meta_charset (const char *data,
                    gsize       n_bytes)
{
  gsize limit = MIN (n_bytes, 4096);

  for (gsize i = 0; i + 5 <= limit; i++)
    {
      gsize tag_end;

      if (data[i] != '<' || g_ascii_strncasecmp (data + i + 1, "meta", 4) != 0)
        continue;

      tag_end = i + 5;
      while (tag_end < n_bytes && data[tag_end] != '>')
        tag_end++;

      for (gsize k = i + 5; k + 7 <= tag_end; k++)
        {
          gsize m = k + 7, value;

          if (g_ascii_strncasecmp (data + k, "charset", 7) != 0)
            continue;
          while (m < tag_end && is_html_space (data[m]))
            m++;
          if (m >= tag_end || data[m] != '=')
            continue;
          m++;
          while (m < tag_end && (is_html_space (data[m]) || data[m] == '"' || data[m] == '\''))
            m++;
          value = m;
          while (m < tag_end && (g_ascii_isalnum (data[m]) || data[m] == '-' ||
                                 data[m] == '_' || data[m] == '.' || data[m] == ':'))
            m++;
          if (m > value)
            return g_ascii_strdown (data + value, m - value);
        }

      i = tag_end;
    }

  return NULL;
}

static gpointer
init_libxml (gpointer data)
{
  xmlInitParser ();
  return NULL;
}

char *
_glossator_html_extract_text (const char  *data,
                              gsize        n_bytes,
                              gsize        max_bytes,
                              char       **title,
                              GError     **error)
{
  static GOnce libxml_once = G_ONCE_INIT;
  g_autofree char *charset = NULL;
  const char *encoding = "UTF-8";
  gboolean has_bom, is_utf8;
  htmlDocPtr doc;
  xmlNode *root;
  Extract x = { NULL };
  char *text;

  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);
  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  *title = NULL;

  has_bom = _glossator_text_data_has_bom (data, n_bytes);
  if (!has_bom)
    charset = sniff_meta_charset (data, n_bytes);

  /* The HTML standard reads these labels so: utf-16 in a <meta> cannot be
   * true, since the prescan just read the <meta> as ASCII. */
  is_utf8 = charset == NULL ||
            g_str_equal (charset, "utf-8") || g_str_equal (charset, "utf8") ||
            g_str_has_prefix (charset, "utf-16");

  if (!_glossator_text_check_data (data, n_bytes, max_bytes, is_utf8, error))
    return NULL;

  if (!is_utf8)
    {
      xmlCharEncodingHandlerPtr handler;

      if (g_str_equal (charset, "iso-8859-1") || g_str_equal (charset, "latin1") ||
          g_str_equal (charset, "us-ascii") || g_str_equal (charset, "ascii"))
        encoding = "windows-1252";
      else
        encoding = charset;

      handler = xmlFindCharEncodingHandler (encoding);
      if (handler == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                       _("unsupported character encoding “%s” in <meta>"), charset);
          return NULL;
        }
      xmlCharEncCloseFunc (handler);
    }

  if (has_bom)
    {
      data += 3;
      n_bytes -= 3;
    }

  if (n_bytes == 0)
    return g_strdup ("");

  g_once (&libxml_once, init_libxml, NULL);

  doc = htmlReadMemory (data, (int) n_bytes, NULL, encoding,
                        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
                        HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
  if (doc == NULL)
    return g_strdup ("");

  x.out = g_string_new (NULL);
  walk_children (&x, doc->children);
  text = finish_text (x.out);
  g_string_free (x.out, TRUE);

  root = xmlDocGetRootElement (doc);
  *title = element_text (find_element (root, "title"));
  if (*title == NULL)
    *title = element_text (find_element (root, "h1"));

  xmlFreeDoc (doc);

  return text;
}

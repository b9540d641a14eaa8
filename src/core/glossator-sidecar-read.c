/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-anchor.h"
#include "glossator-document-private.h"
#include "glossator-json-guard.h"
#include "glossator-json-write-private.h"
#include "glossator-sidecar-private.h"

/* Parsing
 *
 * The sidecar is read straight from its bytes, with no JSON tree between
 * them and the model: glossator_json_guard() first proves them RFC 8259
 * JSON with unique member names, no NUL escape and numbers in range, so
 * the walk below only finds where values are (_glossator_json_skip_value(),
 * glossator-json-write.c) and reads the few it wants. Only free-form
 * members (attributes, and members Glossator does not know) become
 * json-glib nodes, kept to be written back. The checks, their order and
 * their messages are the tree reader's, which the differential test
 * (tests/test-sidecar-differential.c) keeps as its oracle. */

/* A JSON value in the data: [start, end); start is NULL when absent. */
typedef struct {
  const char *start;
  const char *end;
} Raw;

typedef enum {
  RAW_OBJECT,
  RAW_ARRAY,
  RAW_STRING,
  RAW_INT,
  RAW_DOUBLE,
  RAW_BOOLEAN,
  RAW_NULL,
} RawType;

static RawType
raw_type (Raw raw)
{
  switch (*raw.start)
    {
    case '{': return RAW_OBJECT;
    case '[': return RAW_ARRAY;
    case '"': return RAW_STRING;
    case 't':
    case 'f': return RAW_BOOLEAN;
    case 'n': return RAW_NULL;
    default:
      /* json-glib reads a number with a fraction or an exponent as a
       * double, any other as a 64-bit integer (the guard checked its
       * range). */
      for (const char *p = raw.start; p < raw.end; p++)
        if (*p == '.' || *p == 'e' || *p == 'E')
          return RAW_DOUBLE;
      return RAW_INT;
    }
}

/* What @raw is, for messages: _glossator_json_type_name()'s words. */
static const char *
raw_type_name (Raw raw)
{
  switch (raw_type (raw))
    {
    case RAW_OBJECT: return _("an object");
    case RAW_ARRAY: return _("an array");
    case RAW_NULL: return _("null");
    case RAW_STRING: return _("a string");
    case RAW_BOOLEAN: return _("a boolean");
    case RAW_INT:
    case RAW_DOUBLE:
    default:
      return _("a number");
    }
}

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && _glossator_json_is_space (*p))
    p++;
  return p;
}

/* The elements of an array, or the members of an object, one by one: the
 * guard has checked the syntax, so only where each ends is looked for. */
typedef struct {
  const char *p;
  const char *end;
  Raw        *last;   /* the object element returned last */
} RawIter;

static void
raw_iter_init (RawIter *iter,
               Raw      container)
{
  iter->p = container.start + 1;
  iter->end = container.end;
  iter->last = NULL;
}

/* An object element is returned with the end of the array as its end, a
 * bound: obj_init() sets its real end when it walks its members, which
 * saves skipping over it first. Otherwise the next call skips it. */
static gboolean
raw_iter_next_element (RawIter *iter,
                       Raw     *element)
{
  const char *p = iter->p;

  if (iter->last != NULL)
    {
      p = iter->last->end != iter->end ? iter->last->end : _glossator_json_skip_value (iter->last->start, iter->end);
      iter->last = NULL;
    }
  p = skip_space (p, iter->end);
  if (*p == ',')
    p = skip_space (p + 1, iter->end);
  iter->p = p;
  if (*p == ']')
    return FALSE;
  element->start = p;
  if (*p == '{')
    {
      element->end = iter->end;
      iter->last = element;
    }
  else
    iter->p = element->end = _glossator_json_skip_value (p, iter->end);
  return TRUE;
}

/* @name is the member's name with its quotes, @value its value. */
static gboolean
raw_iter_next_member (RawIter *iter,
                      Raw     *name,
                      Raw     *value)
{
  const char *p = skip_space (iter->p, iter->end);

  if (*p == ',')
    p = skip_space (p + 1, iter->end);
  iter->p = p;
  if (*p == '}')
    return FALSE;
  name->start = p;
  value->start = _glossator_json_skip_member_name (p, iter->end, &name->end);
  value->end = _glossator_json_skip_value (value->start, iter->end);
  iter->p = value->end;
  return TRUE;
}

static guint
raw_array_length (Raw array)
{
  RawIter iter;
  Raw element;
  guint n = 0;

  raw_iter_init (&iter, array);
  while (raw_iter_next_element (&iter, &element))
    n++;
  return n;
}

/* The text of the string @raw (quotes included) in @out, decoded. */
static void
raw_string_into (Raw      raw,
                 GString *out)
{
  g_string_truncate (out, 0);
  /* No NUL: the guard refused "\u0000". */
  _glossator_json_append_unescaped (out, raw.start + 1, raw.end - 1);
}

/* Whether the member name @name (quotes included) is @expected. */
static gboolean
raw_name_is (Raw         name,
             GString    *scratch,
             const char *expected,
             gsize       expected_len)
{
  const char *start = name.start + 1;
  gsize len = name.end - 1 - start;

  if (memchr (start, '\\', len) == NULL)
    return len == expected_len && memcmp (start, expected, len) == 0;
  raw_string_into (name, scratch);
  return scratch->len == expected_len && memcmp (scratch->str, expected, expected_len) == 0;
}

static JsonNode *
raw_to_node (Raw      raw,
             GString *scratch)
{
  JsonNode *node = json_node_alloc ();

  switch (raw_type (raw))
    {
    case RAW_OBJECT:
      {
        g_autoptr(JsonObject) object = json_object_new ();
        RawIter iter;
        Raw name, value;

        raw_iter_init (&iter, raw);
        while (raw_iter_next_member (&iter, &name, &value))
          {
            g_autofree char *key = NULL;

            raw_string_into (name, scratch);
            key = g_strndup (scratch->str, scratch->len);
            json_object_set_member (object, key, raw_to_node (value, scratch));
          }
        json_node_init_object (node, object);
      }
      break;

    case RAW_ARRAY:
      {
        g_autoptr(JsonArray) array = json_array_new ();
        RawIter iter;
        Raw element;

        raw_iter_init (&iter, raw);
        while (raw_iter_next_element (&iter, &element))
          json_array_add_element (array, raw_to_node (element, scratch));
        json_node_init_array (node, array);
      }
      break;

    case RAW_STRING:
      raw_string_into (raw, scratch);
      json_node_init_string (node, scratch->str);
      break;

    case RAW_INT:
      json_node_init_int (node, g_ascii_strtoll (raw.start, NULL, 10));
      break;

    case RAW_DOUBLE:
      json_node_init_double (node, g_ascii_strtod (raw.start, NULL));
      break;

    case RAW_BOOLEAN:
      json_node_init_boolean (node, *raw.start == 't');
      break;

    case RAW_NULL:
    default:
      json_node_init_null (node);
      break;
    }

  return node;
}

/* A JSON path kept as a stack and formatted only when a problem is found:
 * building "$.mentions[12345]…" for every value would cost more than the
 * checks themselves on a 100,000-mention sidecar. */
typedef struct {
  const char *member;   /* NULL for an array index */
  guint       index;
} PathPart;

typedef struct {
  GlossatorText     *text;
  GlossatorSchema   *schema;
  GPtrArray         *problems;
  guint              n_errors;
  char              *first_error;

  GArray            *path;        /* PathPart */

  guint              length;      /* as recorded in the sidecar */
  gboolean           text_changed;
  /* For exports of mentions: entities, stances and quotes are checked as
   * always, but the document gets only the mentions, without quotes
   * (when the text is unchanged: nothing is re-anchored). */
  gboolean           mentions_only;
  gboolean           lean;
  const char       **exacts;       /* lean: each fragment's quote, in @strings */
  GArray            *spans;        /* GlossatorSpan: a mention's fragments as read */
  guint              n_exacts;
  guint              n_entities;
  guint              n_stances;
  guint              n_moved;
  guint              n_orphaned;

  /* The strings read, decoded: @strings until the next entity, mention
   * or stance (what the model keeps it copies), @ids for the whole load,
   * for the duplicate checks and the entities mentions refer to. */
  GStringChunk      *strings;
  GStringChunk      *ids;
  GString           *scratch;

  GHashTable        *mention_paths;   /* id → index where first seen, for duplicates */
  GHashTable        *entity_paths;
  GHashTable        *stance_paths;
  GHashTable        *unknown_labels;  /* name → count */
  GHashTable        *unknown_polarities;
} Ctx;

/* An object being read: its members found once, by one walk over its
 * bytes, against the names Glossator knows. */
#define MAX_KNOWN 12

typedef struct {
  Raw                 raw;
  const char * const *known;
  Raw                 nodes[MAX_KNOWN];
  guint               n_unknown;
} Obj;

/* Also sets the end of @raw, which may have been a bound
 * (raw_iter_next_element()). */
static void
obj_init (Ctx                *c,
          Obj                *o,
          Raw                *raw,
          const char * const *known)
{
  RawIter iter;
  Raw name, value;

  memset (o, 0, sizeof *o);
  o->known = known;
  raw_iter_init (&iter, *raw);
  while (raw_iter_next_member (&iter, &name, &value))
    {
      guint i;

      for (i = 0; known[i] != NULL; i++)
        if (raw_name_is (name, c->scratch, known[i], strlen (known[i])))
          break;
      g_assert (i < MAX_KNOWN);
      if (known[i] != NULL)
        o->nodes[i] = value;
      else
        o->n_unknown++;
    }
  raw->end = iter.p + 1;
  o->raw = *raw;
}

/* The member @member, which must be one of the known names; start is NULL
 * when it is absent. */
static Raw
obj_get (Obj        *o,
         const char *member)
{
  /* The same literal is most often the same pointer. */
  for (guint i = 0; o->known[i] != NULL; i++)
    if (o->known[i] == member)
      return o->nodes[i];
  for (guint i = 0; o->known[i] != NULL; i++)
    if (strcmp (o->known[i], member) == 0)
      return o->nodes[i];

  g_assert_not_reached ();
}

static const char *
ctx_string (Ctx *c,
            Raw  raw)
{
  const char *start = raw.start + 1;
  gsize len = raw.end - 1 - start;

  if (memchr (start, '\\', len) == NULL)
    return g_string_chunk_insert_len (c->strings, start, len);
  raw_string_into (raw, c->scratch);
  return g_string_chunk_insert_len (c->strings, c->scratch->str, c->scratch->len);
}

static void
push_member (Ctx        *c,
             const char *member)
{
  PathPart part = { member, 0 };

  g_array_append_val (c->path, part);
}

static void
push_index (Ctx   *c,
            guint  index)
{
  PathPart part = { NULL, index };

  g_array_append_val (c->path, part);
}

static void
pop (Ctx *c)
{
  g_assert (c->path->len > 0);
  g_array_set_size (c->path, c->path->len - 1);
}

#define PATH_PART(c, i) (&g_array_index ((c)->path, PathPart, (i)))

static char *
format_path (Ctx        *c,
             const char *member)
{
  GString *str = g_string_new ("$");

  for (guint i = 0; i < c->path->len; i++)
    {
      if (PATH_PART (c, i)->member != NULL)
        g_string_append_printf (str, ".%s", PATH_PART (c, i)->member);
      else
        g_string_append_printf (str, "[%u]", PATH_PART (c, i)->index);
    }
  if (member != NULL)
    g_string_append_printf (str, ".%s", member);

  return g_string_free (str, FALSE);
}

G_GNUC_PRINTF (4, 5)
static void
report (Ctx                      *c,
        GlossatorProblemSeverity  severity,
        const char               *member,
        const char               *format,
        ...)
{
  GlossatorProblem *problem;
  va_list args;

  va_start (args, format);
  problem = glossator_problem_new_valist (severity, NULL, format, args);
  va_end (args);
  problem->path = format_path (c, member);

  if (severity == GLOSSATOR_PROBLEM_ERROR)
    {
      if (c->n_errors++ == 0)
        c->first_error = g_strdup_printf ("%s: %s", problem->path, problem->message);
    }
  g_ptr_array_add (c->problems, problem);
}

#define error_at(c, member, ...) report (c, GLOSSATOR_PROBLEM_ERROR, member, __VA_ARGS__)
#define warning_at(c, member, ...) report (c, GLOSSATOR_PROBLEM_WARNING, member, __VA_ARGS__)

/* Returns the string member, NULL when absent (an error if @required) or
 * wrong (always an error). */
static const char *
get_string (Ctx        *c,
            Obj        *object,
            const char *member,
            gboolean    required)
{
  Raw node = obj_get (object, member);

  if (node.start == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return NULL;
    }
  if (*node.start != '"')
    {
      error_at (c, member, _("expected a string, found %s"), raw_type_name (node));
      return NULL;
    }

  /* Valid UTF-8: glossator_json_guard() refused lone surrogates. */
  return ctx_string (c, node);
}

static const char *
get_id (Ctx        *c,
        Obj        *object,
        const char *member)
{
  const char *id = get_string (c, object, member, TRUE);

  if (id != NULL && *id == '\0')
    {
      error_at (c, member, _("an id must not be empty"));
      return NULL;
    }

  return id != NULL ? g_string_chunk_insert (c->ids, id) : NULL;
}

static gboolean
get_uint (Ctx        *c,
          Obj        *object,
          const char *member,
          gboolean    required,
          guint      *value)
{
  Raw node = obj_get (object, member);
  gint64 number;

  if (node.start == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return FALSE;
    }
  if (raw_type (node) != RAW_INT)
    {
      error_at (c, member, _("expected a whole number, found %s"), raw_type_name (node));
      return FALSE;
    }

  number = g_ascii_strtoll (node.start, NULL, 10);
  if (number < 0 || number > G_MAXINT32)
    {
      error_at (c, member, _("%" PRId64 " is out of range"), number);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

static gboolean
get_boolean (Ctx        *c,
             Obj        *object,
             const char *member,
             gboolean   *value)
{
  Raw node = obj_get (object, member);

  if (node.start == NULL)
    return FALSE;
  if (raw_type (node) != RAW_BOOLEAN)
    {
      error_at (c, member, _("expected true or false, found %s"), raw_type_name (node));
      return FALSE;
    }

  *value = *node.start == 't';
  return TRUE;
}

static gboolean
as_object (Ctx        *c,
           Raw         node,
           const char *member)
{
  if (node.start == NULL || *node.start != '{')
    {
      error_at (c, member, _("expected an object, found %s"),
                node.start != NULL ? raw_type_name (node) : _("nothing"));
      return FALSE;
    }

  return TRUE;
}

/* The object member @member, its start NULL when absent (an error if
 * @required) or not an object (always an error). */
static Raw
get_object (Ctx        *c,
            Obj        *object,
            const char *member,
            gboolean    required)
{
  Raw node = obj_get (object, member), none = { NULL, NULL };

  if (node.start == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return none;
    }

  return as_object (c, node, member) ? node : none;
}

static Raw
get_array (Ctx        *c,
           Obj        *object,
           const char *member)
{
  Raw node = obj_get (object, member), none = { NULL, NULL };

  if (node.start == NULL)
    return none;
  if (*node.start != '[')
    {
      error_at (c, member, _("expected an array, found %s"), raw_type_name (node));
      return none;
    }

  return node;
}

/* JSON kept past the load is copied: json_node_copy() shares objects and
 * arrays, and json-glib's reference counts are not atomic. */
static JsonNode *
deep_copy (JsonNode *node)
{
  JsonNode *copy = json_node_alloc ();

  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObject *object = json_node_get_object (node);
        g_autoptr(JsonObject) new_object = json_object_new ();
        g_autoptr(GList) names = json_object_get_members (object);

        for (GList *l = names; l != NULL; l = l->next)
          json_object_set_member (new_object, l->data, deep_copy (json_object_get_member (object, l->data)));
        json_node_init_object (copy, new_object);
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        g_autoptr(JsonArray) new_array = json_array_sized_new (json_array_get_length (array));

        for (guint i = 0; i < json_array_get_length (array); i++)
          json_array_add_element (new_array, deep_copy (json_array_get_element (array, i)));
        json_node_init_array (copy, new_array);
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          json_node_init_string (copy, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          json_node_init_boolean (copy, json_node_get_boolean (node));
        else if (type == G_TYPE_INT64)
          json_node_init_int (copy, json_node_get_int (node));
        else
          json_node_init_double (copy, json_node_get_double (node));
      }
      break;

    case JSON_NODE_NULL:
    default:
      json_node_init_null (copy);
      break;
    }

  return copy;
}

JsonNode *
_glossator_json_deep_copy (JsonNode *node)
{
  return deep_copy (node);
}

static JsonObject *
get_attributes (Ctx        *c,
                Obj        *object)
{
  Raw attributes = get_object (c, object, "attributes", FALSE);
  g_autoptr(JsonNode) node = NULL;

  if (attributes.start == NULL)
    return NULL;

  node = raw_to_node (attributes, c->scratch);
  return json_node_dup_object (node);
}

/* The members of @object Glossator does not know, in file order, or NULL. */
static JsonObject *
collect_extra (Ctx *c,
               Obj *object)
{
  JsonObject *extra = NULL;
  RawIter iter;
  Raw name, value;

  if (object->n_unknown == 0)
    return NULL;

  raw_iter_init (&iter, object->raw);
  while (raw_iter_next_member (&iter, &name, &value))
    {
      g_autofree char *key = NULL;

      raw_string_into (name, c->scratch);
      if (g_strv_contains (object->known, c->scratch->str))
        continue;
      key = g_strndup (c->scratch->str, c->scratch->len);
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, key, raw_to_node (value, c->scratch));
    }

  return extra;
}

static const char * const top_members[] = {
  "format", "version", "minor_version", "offset_unit", "article", "document", "entities", "mentions", "stances", NULL
};
static const char * const article_members[] = {
  "file", "sha256", "length", "bom", "newline", NULL
};
static const char * const document_members[] = {
  "status", "annotator", "created", "modified", "notes", "attributes", NULL
};
static const char * const entity_members[] = {
  "id", "name", "label", "kb_id", "note", "attributes", NULL
};
static const char * const mention_members[] = {
  "id", "label", "entity", "fragments", "note", "attributes", "author", "created", "modified", NULL
};
static const char * const span_members[] = {
  "start", "end", "exact", "prefix", "suffix", "orphaned", NULL
};
static const char * const stance_members[] = {
  "id", "holder", "target", "polarity", "intensity", "evidence", "note", "attributes",
  "author", "created", "modified", NULL
};
static const char * const party_members[] = {
  "type", "entity", "topic", NULL
};

/* Wrong types are errors as for any member; a time that does not parse is
 * kept as written, with a warning. */
static void
parse_authorship (Ctx                 *c,
                  Obj                 *object,
                  GlossatorAuthorship *authorship)
{
  static const char * const times[] = { "created", "modified" };
  const char *author = get_string (c, object, "author", FALSE);

  authorship->author = g_strdup (author);
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    {
      const char *time = get_string (c, object, times[i], FALSE);

      if (time != NULL && !glossator_authorship_time_is_valid (time))
        warning_at (c, times[i], _("“%s” is not an ISO 8601 time with a time zone"), time);
      if (time != NULL)
        *(i == 0 ? &authorship->created : &authorship->modified) = g_strdup (time);
    }
}

/* When @exact is not NULL (a lean read), the quote goes there, in
 * @c->strings, and not into @span. */
static gboolean
parse_span (Ctx           *c,
            Raw           *node,
            GlossatorSpan *span,
            const char   **exact_out)
{
  Obj obj, *object = &obj;
  guint errors = c->n_errors;
  guint start = 0, end = 0;
  gboolean has_start, has_end;
  const char *exact, *prefix, *suffix;

  if (!as_object (c, *node, NULL))
    return FALSE;
  obj_init (c, object, node, span_members);

  has_start = get_uint (c, object, "start", TRUE, &start);
  has_end = get_uint (c, object, "end", TRUE, &end);
  exact = get_string (c, object, "exact", FALSE);
  prefix = get_string (c, object, "prefix", FALSE);
  suffix = get_string (c, object, "suffix", FALSE);
  get_boolean (c, object, "orphaned", &span->orphaned);

  if (has_start && has_end)
    {
      if (end < start)
        error_at (c, NULL, _("reversed span: end %u is before start %u"), end, start);
      else if (end == start && !span->orphaned)
        error_at (c, NULL, _("empty span at %u"), start);
      else if (end > c->length)
        error_at (c, "end", _("%u is past the end of the text (%u code points)"), end, c->length);
    }

  span->start = start;
  span->end = end;
  if (exact_out != NULL)
    *exact_out = exact;
  else
    {
      span->exact = g_strdup (exact);
      span->prefix = g_strdup (prefix);
      span->suffix = g_strdup (suffix);
    }
  span->extra = collect_extra (c, object);

  return c->n_errors == errors;
}

/* Puts a span read from the file onto the current text: checks it when the
 * text is the one it was written against, re-anchors it when not. */
static void
anchor_span (Ctx           *c,
             GlossatorSpan *span,
             const char    *exact)
{
  GlossatorAnchorResult result;

  if (!c->text_changed)
    {
      if (!span->orphaned && exact != NULL &&
          !glossator_text_slice_equals (c->text, span->start, span->end, exact))
        error_at (c, "exact", _("does not match the text at %u–%u"), span->start, span->end);
      return;
    }

  if (span->exact == NULL)
    {
      /* Nothing to search for: the offsets are all there is. */
      if (span->end > glossator_text_get_length (c->text))
        {
          span->orphaned = TRUE;
          span->end = MIN (span->end, glossator_text_get_length (c->text));
          span->start = MIN (span->start, span->end);
          c->n_orphaned++;
          warning_at (c, NULL, _("orphaned: no quote to find it by, and the text is now shorter"));
        }
      return;
    }

  glossator_anchor_span (c->text, span->exact, span->prefix, span->suffix,
                         span->start, span->end, &result);
  switch (result.outcome)
    {
    case GLOSSATOR_ANCHOR_KEPT:
      span->orphaned = FALSE;
      break;

    case GLOSSATOR_ANCHOR_MOVED:
      warning_at (c, NULL, _("moved from %u–%u to %u–%u (match %.0f%%)"),
                  span->start, span->end, result.start, result.end, result.score * 100);
      span->start = result.start;
      span->end = result.end;
      span->orphaned = FALSE;
      /* The quote follows the text it now points at. */
      glossator_span_set_quote (span, c->text);
      c->n_moved++;
      break;

    case GLOSSATOR_ANCHOR_ORPHANED:
    default:
      if (!span->orphaned)
        warning_at (c, NULL, _("orphaned: “%s” is no longer in the text; kept and marked"),
                    span->exact);
      span->start = result.start;
      span->end = result.end;
      span->orphaned = TRUE;
      c->n_orphaned++;
      break;
    }
}

/* Importers count offsets in code points, and so may a hand edit: a span
 * can cut an emoji sequence, a flag or a letter from its accents, which
 * the window never does. Kept, with a warning. */
static void
check_clusters (Ctx           *c,
                GlossatorSpan *span)
{
  if (span->orphaned)
    return;
  if (!glossator_text_is_grapheme_boundary (c->text, span->start))
    warning_at (c, "start", _("%u splits a grapheme cluster (an emoji sequence, a flag, "
                              "or a letter and its combining marks)"), span->start);
  if (!glossator_text_is_grapheme_boundary (c->text, span->end))
    warning_at (c, "end", _("%u splits a grapheme cluster (an emoji sequence, a flag, "
                            "or a letter and its combining marks)"), span->end);
}

static gboolean
check_duplicate (Ctx        *c,
                 GHashTable *first_index,
                 const char *id)
{
  gpointer index;

  /* Keys borrow the parser's strings; the path is spelled out only for
   * the error, which keeps a 100,000-mention load from formatting 100,000
   * paths. */
  if (g_hash_table_lookup_extended (first_index, id, NULL, &index))
    {
      error_at (c, "id", _("duplicate id “%s” (first used at $.%s[%u])"),
                id, PATH_PART (c, 0)->member, GPOINTER_TO_UINT (index));
      return FALSE;
    }

  g_hash_table_insert (first_index, (gpointer) id, GUINT_TO_POINTER (PATH_PART (c, c->path->len - 1)->index));
  return TRUE;
}

static void
note_label (Ctx        *c,
            GHashTable *unknown,
            const char *name,
            gboolean    known)
{
  if (known)
    return;
  if (!g_hash_table_contains (unknown, name))
    g_hash_table_insert (unknown, g_strdup (name), format_path (c, NULL));
}

static GlossatorEntity *
parse_entity (Ctx      *c,
              Raw      *node)
{
  Obj obj, *object = &obj;
  guint errors = c->n_errors;
  const char *id, *name, *label, *kb_id, *note;
  g_autoptr(GlossatorEntity) entity = NULL;

  if (!as_object (c, *node, NULL))
    return NULL;
  obj_init (c, object, node, entity_members);

  id = get_id (c, object, "id");
  name = get_string (c, object, "name", FALSE);
  label = get_string (c, object, "label", FALSE);
  kb_id = get_string (c, object, "kb_id", FALSE);
  note = get_string (c, object, "note", FALSE);
  if (id != NULL)
    check_duplicate (c, c->entity_paths, id);
  if (c->n_errors != errors)
    return NULL;

  entity = glossator_entity_new (id, name, label);
  entity->kb_id = g_strdup (kb_id);
  entity->note = g_strdup (note);
  entity->attributes = get_attributes (c, object);
  entity->extra = collect_extra (c, object);
  if (label != NULL && c->schema != NULL)
    note_label (c, c->unknown_labels, label, glossator_schema_find_label (c->schema, label) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&entity) : NULL;
}

static GlossatorMention *
parse_mention (Ctx        *c,
               Raw        *node,
               GHashTable *entities)
{
  Obj obj, *object = &obj;
  Raw fragments, element;
  RawIter iter;
  guint errors = c->n_errors;
  const char *id, *label, *entity_id, *note;
  g_autoptr(GlossatorMention) mention = NULL;

  if (!as_object (c, *node, NULL))
    return NULL;
  obj_init (c, object, node, mention_members);

  id = get_id (c, object, "id");
  label = get_string (c, object, "label", TRUE);
  entity_id = get_id (c, object, "entity");
  note = get_string (c, object, "note", FALSE);
  if (id != NULL)
    check_duplicate (c, c->mention_paths, id);
  if (entity_id != NULL && !g_hash_table_contains (entities, entity_id))
    error_at (c, "entity", _("no entity “%s”"), entity_id);

  fragments = get_array (c, object, "fragments");
  if (fragments.start == NULL && obj_get (object, "fragments").start == NULL)
    error_at (c, "fragments", _("missing"));
  else if (fragments.start != NULL && *skip_space (fragments.start + 1, fragments.end) == ']')
    error_at (c, "fragments", _("a mention needs at least one fragment"));
  if (c->n_errors != errors)
    return NULL;

  mention = glossator_mention_new (id, label, entity_id);
  mention->note = g_strdup (note);
  /* Read into @c->spans, then copied: counting the fragments first would
   * be one more walk over them. */
  g_array_set_size (c->spans, 0);
  push_member (c, "fragments");
  raw_iter_init (&iter, fragments);
  for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
    {
      GlossatorSpan *span;

      g_array_set_size (c->spans, i + 1);
      span = &g_array_index (c->spans, GlossatorSpan, i);
      if (c->lean && i >= c->n_exacts)
        {
          c->n_exacts = MAX (4, 2 * c->n_exacts);
          c->exacts = g_renew (const char *, c->exacts, c->n_exacts);
        }
      push_index (c, i);
      if (parse_span (c, &element, span, c->lean ? &c->exacts[i] : NULL) &&
          i > 0 && span->start < span[-1].end)
        error_at (c, "start", _("fragments must be in order and must not overlap"));
      pop (c);
    }
  mention->n_fragments = c->spans->len;
  mention->fragments = g_memdup2 (c->spans->data, c->spans->len * sizeof (GlossatorSpan));
  /* Anchored only once all are read: the order check is on the offsets as
   * written, and re-anchoring may move fragments by different amounts. */
  for (guint i = 0; c->n_errors == errors && i < mention->n_fragments; i++)
    {
      push_index (c, i);
      anchor_span (c, &mention->fragments[i], c->lean ? c->exacts[i] : mention->fragments[i].exact);
      check_clusters (c, &mention->fragments[i]);
      pop (c);
    }
  pop (c);
  if (c->text_changed)
    qsort (mention->fragments, mention->n_fragments, sizeof (GlossatorSpan),
           (GCompareFunc) glossator_span_compare);

  mention->attributes = get_attributes (c, object);
  parse_authorship (c, object, &mention->authorship);
  mention->extra = collect_extra (c, object);
  if (c->schema != NULL && label != NULL)
    note_label (c, c->unknown_labels, label, glossator_schema_find_label (c->schema, label) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&mention) : NULL;
}

static gboolean
parse_party (Ctx         *c,
             Obj         *stance_object,
             const char  *member,
             GHashTable  *entities,
             guint       *kind,
             char       **value,
             JsonObject **extra)
{
  Raw json = get_object (c, stance_object, member, TRUE);
  gboolean is_holder = g_str_equal (member, "holder");
  Obj obj, *object = &obj;
  const char *type;
  guint errors = c->n_errors;

  if (json.start == NULL)
    return FALSE;
  obj_init (c, object, &json, party_members);

  push_member (c, member);
  type = get_string (c, object, "type", TRUE);
  if (type != NULL)
    {
      gboolean known = is_holder
        ? glossator_holder_kind_from_string (type, (GlossatorHolderKind *) kind)
        : glossator_target_kind_from_string (type, (GlossatorTargetKind *) kind);

      if (!known)
        error_at (c, "type",
                  is_holder ? _("unknown holder type “%s” (expected entity, author or unspecified)")
                            : _("unknown target type “%s” (expected entity, topic or unspecified)"),
                  type);
      else if (g_str_equal (type, "entity"))
        {
          const char *entity_id = get_id (c, object, "entity");

          if (entity_id != NULL && !g_hash_table_contains (entities, entity_id))
            error_at (c, "entity", _("no entity “%s”"), entity_id);
          *value = g_strdup (entity_id);
        }
      else if (g_str_equal (type, "topic"))
        {
          const char *topic = get_string (c, object, "topic", TRUE);

          if (topic != NULL && *topic == '\0')
            error_at (c, "topic", _("a topic must not be empty"));
          *value = g_strdup (topic);
        }
    }
  *extra = collect_extra (c, object);
  pop (c);

  return c->n_errors == errors;
}

static GlossatorStance *
parse_stance (Ctx        *c,
              Raw        *node,
              GHashTable *entities)
{
  Obj obj, *object = &obj;
  Raw evidence, element;
  RawIter iter;
  guint errors = c->n_errors;
  const char *id, *polarity, *note;
  guint kind = 0;
  g_autoptr(GlossatorStance) stance = NULL;

  if (!as_object (c, *node, NULL))
    return NULL;
  obj_init (c, object, node, stance_members);

  id = get_id (c, object, "id");
  polarity = get_string (c, object, "polarity", TRUE);
  note = get_string (c, object, "note", FALSE);
  if (id != NULL)
    check_duplicate (c, c->stance_paths, id);
  if (polarity != NULL && *polarity == '\0')
    error_at (c, "polarity", _("must not be empty"));
  if (c->n_errors != errors)
    return NULL;

  stance = glossator_stance_new (id, polarity);
  stance->note = g_strdup (note);
  if (parse_party (c, object, "holder", entities, &kind, &stance->holder_entity, &stance->holder_extra))
    stance->holder_kind = kind;
  if (parse_party (c, object, "target", entities, &kind, &stance->target, &stance->target_extra))
    stance->target_kind = kind;

  if (obj_get (object, "intensity").start != NULL)
    {
      guint intensity = 0;

      if (get_uint (c, object, "intensity", FALSE, &intensity))
        {
          if (intensity < 1 || intensity > 3)
            error_at (c, "intensity", _("%u is not an intensity (1, 2 or 3)"), intensity);
          else
            stance->intensity = intensity;
        }
    }

  evidence = get_array (c, object, "evidence");
  if (evidence.start != NULL)
    {
      stance->n_evidence = raw_array_length (evidence);
      stance->evidence = g_new0 (GlossatorSpan, stance->n_evidence);
      push_member (c, "evidence");
      raw_iter_init (&iter, evidence);
      for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
        {
          push_index (c, i);
          if (parse_span (c, &element, &stance->evidence[i], NULL))
            {
              anchor_span (c, &stance->evidence[i], stance->evidence[i].exact);
              check_clusters (c, &stance->evidence[i]);
            }
          pop (c);
        }
      pop (c);
    }

  stance->attributes = get_attributes (c, object);
  parse_authorship (c, object, &stance->authorship);
  stance->extra = collect_extra (c, object);
  if (c->schema != NULL && polarity != NULL)
    note_label (c, c->unknown_polarities, polarity,
                glossator_schema_find_polarity (c->schema, polarity) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&stance) : NULL;
}

static void
parse_article (Ctx         *c,
               Obj         *root,
               SidecarData *sd)
{
  Raw json = get_object (c, root, "article", TRUE);
  Obj obj, *article = &obj;
  const char *sha256, *newline;
  guint errors = c->n_errors;
  guint length = 0;
  gboolean bom = FALSE;

  if (json.start == NULL)
    return;
  obj_init (c, article, &json, article_members);

  push_member (c, "article");
  get_string (c, article, "file", FALSE);
  sha256 = get_string (c, article, "sha256", TRUE);
  get_uint (c, article, "length", TRUE, &length);
  get_boolean (c, article, "bom", &bom);
  newline = get_string (c, article, "newline", FALSE);

  if (sha256 != NULL)
    {
      gboolean hex = strlen (sha256) == 64;

      for (guint i = 0; hex && sha256[i] != '\0'; i++)
        hex = g_ascii_isxdigit (sha256[i]) && !g_ascii_isupper (sha256[i]);
      if (!hex)
        error_at (c, "sha256", _("expected 64 lower-case hexadecimal digits"));
    }
  if (newline != NULL)
    {
      GlossatorNewline style;

      if (!glossator_newline_from_string (newline, &style))
        error_at (c, "newline", _("unknown newline style “%s” (expected none, lf, crlf, cr or mixed)"),
                  newline);
    }

  if (c->n_errors == errors)
    {
      c->length = length;
      c->text_changed = g_strcmp0 (sha256, glossator_text_get_sha256 (c->text)) != 0;
      if (!c->text_changed && length != glossator_text_get_length (c->text))
        error_at (c, "length", _("%u does not match the text's %u code points"),
                  length, glossator_text_get_length (c->text));
    }
  sd->article_extra = collect_extra (c, article);
  pop (c);
}

static void
parse_document_info (Ctx               *c,
                     Obj               *root,
                     GlossatorDocument *document,
                     SidecarData       *sd)
{
  Raw json = get_object (c, root, "document", FALSE);
  Obj obj, *info = &obj;
  const char *status, *annotator, *notes, *created, *modified;
  g_autoptr(JsonObject) attributes = NULL;

  if (json.start == NULL)
    return;
  obj_init (c, info, &json, document_members);

  push_member (c, "document");
  status = get_string (c, info, "status", FALSE);
  annotator = get_string (c, info, "annotator", FALSE);
  notes = get_string (c, info, "notes", FALSE);
  created = get_string (c, info, "created", FALSE);
  modified = get_string (c, info, "modified", FALSE);
  attributes = get_attributes (c, info);

  if (status != NULL)
    {
      GlossatorStatus value;

      if (glossator_status_from_string (status, &value))
        glossator_document_set_status (document, value);
      else
        error_at (c, "status", _("unknown status “%s” (expected todo, in-progress or done)"), status);
    }
  glossator_document_set_annotator (document, annotator);
  glossator_document_set_notes (document, notes);
  if (attributes != NULL)
    glossator_document_set_attributes (document, attributes);
  sd->created = g_strdup (created);
  sd->modified = g_strdup (modified);
  sd->document_extra = collect_extra (c, info);
  pop (c);
}

static void
report_unknown (Ctx        *c,
                GHashTable *unknown,
                gboolean    polarities)
{
  g_autoptr(GList) names = g_hash_table_get_keys (unknown);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *path = g_hash_table_lookup (unknown, l->data);

      /* Whole sentences, for translators. */
      if (polarities)
        g_ptr_array_add (c->problems,
                         glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                _("polarity “%s” is not in the label schema; it is kept"),
                                                (const char *) l->data));
      else
        g_ptr_array_add (c->problems,
                         glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                _("label “%s” is not in the label schema; it is kept"),
                                                (const char *) l->data));
    }
}

static void
ctx_clear (Ctx *c)
{
  g_free (c->first_error);
  g_array_unref (c->path);
  g_hash_table_unref (c->mention_paths);
  g_hash_table_unref (c->entity_paths);
  g_hash_table_unref (c->stance_paths);
  g_hash_table_unref (c->unknown_labels);
  g_hash_table_unref (c->unknown_polarities);
  g_string_chunk_free (c->strings);
  g_string_chunk_free (c->ids);
  g_free (c->exacts);
  g_array_unref (c->spans);
  g_string_free (c->scratch, TRUE);
}

/* The member @name of the object @object, its start NULL when absent. */
static Raw
raw_member (Ctx        *c,
            Raw         object,
            const char *name)
{
  Raw member_name, value, none = { NULL, NULL };
  RawIter iter;

  raw_iter_init (&iter, object);
  while (raw_iter_next_member (&iter, &member_name, &value))
    if (raw_name_is (member_name, c->scratch, name, strlen (name)))
      return value;
  return none;
}

/* The string @raw holds, else NULL. */
static const char *
raw_string_or_null (Ctx *c,
                    Raw  raw)
{
  return raw.start != NULL && *raw.start == '"' ? ctx_string (c, raw) : NULL;
}

/* The conflicts a merge left (glossator-cli merge): warnings, one per
 * entry, until someone resolves them. The member itself is kept like any
 * member Glossator does not edit, and written back untouched. */
static void
report_conflicts (Ctx *c,
                  Obj *root)
{
  Raw node = raw_member (c, root->raw, "conflicts"), element;
  RawIter iter;

  if (node.start == NULL)
    return;
  if (*node.start != '[')
    {
      warning_at (c, "conflicts", _("not a list of merge conflicts; kept as it is"));
      return;
    }

  push_member (c, "conflicts");
  raw_iter_init (&iter, node);
  for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
    {
      gboolean is_object = *element.start == '{';
      Raw none = { NULL, NULL };
      const char *kind = is_object ? raw_string_or_null (c, raw_member (c, element, "kind")) : NULL;
      const char *id = is_object ? raw_string_or_null (c, raw_member (c, element, "id")) : NULL;
      Raw ours = is_object ? raw_member (c, element, "ours") : none;
      Raw theirs = is_object ? raw_member (c, element, "theirs") : none;
      /* 0: changed differently on both sides; 1: deleted on ours; 2: on theirs. */
      guint side = ours.start != NULL && *ours.start == 'n' ? 1
                   : theirs.start != NULL && *theirs.start == 'n' ? 2 : 0;

      push_index (c, i);
      /* Whole sentences, for translators. */
      if (g_strcmp0 (kind, "document") == 0)
        warning_at (c, NULL, _("merge conflict: the document’s information was changed differently "
                               "on both sides; resolve it, then remove this entry"));
      else if (id == NULL)
        warning_at (c, NULL, _("not a merge conflict Glossator knows; kept as it is"));
      else if (g_strcmp0 (kind, "member") == 0)
        warning_at (c, NULL, _("merge conflict: the member “%s” was changed differently on both "
                               "sides; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "entity") == 0 && side == 0)
        warning_at (c, NULL, _("merge conflict on the entity “%s”: changed differently on both sides; "
                               "resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "entity") == 0 && side == 1)
        warning_at (c, NULL, _("merge conflict on the entity “%s”: deleted on our side, changed or "
                               "still used on theirs; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "entity") == 0)
        warning_at (c, NULL, _("merge conflict on the entity “%s”: deleted on their side, changed or "
                               "still used on ours; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "mention") == 0 && side == 0)
        warning_at (c, NULL, _("merge conflict on the mention “%s”: changed differently on both sides; "
                               "resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "mention") == 0 && side == 1)
        warning_at (c, NULL, _("merge conflict on the mention “%s”: deleted on our side, changed on "
                               "theirs; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "mention") == 0)
        warning_at (c, NULL, _("merge conflict on the mention “%s”: deleted on their side, changed on "
                               "ours; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "stance") == 0 && side == 0)
        warning_at (c, NULL, _("merge conflict on the stance “%s”: changed differently on both sides; "
                               "resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "stance") == 0 && side == 1)
        warning_at (c, NULL, _("merge conflict on the stance “%s”: deleted on our side, changed on "
                               "theirs; resolve it, then remove this entry"), id);
      else if (g_strcmp0 (kind, "stance") == 0)
        warning_at (c, NULL, _("merge conflict on the stance “%s”: deleted on their side, changed on "
                               "ours; resolve it, then remove this entry"), id);
      else
        warning_at (c, NULL, _("not a merge conflict Glossator knows; kept as it is"));
      pop (c);
    }
  pop (c);
}

static void
parse_root (Ctx               *c,
            Obj               *root,
            GlossatorDocument *document,
            SidecarData       *sd)
{
  g_autoptr(GHashTable) entities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) entity_values = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_entity_unref);
  Raw array, element;
  RawIter iter;
  const char *format, *unit;
  guint version = 0;

  format = get_string (c, root, "format", TRUE);
  if (format != NULL && !g_str_equal (format, GLOSSATOR_SIDECAR_FORMAT))
    error_at (c, "format", _("“%s” is not a Glossator sidecar (expected “%s”)"),
              format, GLOSSATOR_SIDECAR_FORMAT);
  if (get_uint (c, root, "version", TRUE, &version) && version != GLOSSATOR_SIDECAR_VERSION)
    error_at (c, "version", _("format version %u is not version %u, the one this Glossator reads"),
              version, GLOSSATOR_SIDECAR_VERSION);
  /* Any minor version: a newer one only adds members, kept as unknown. */
  if (obj_get (root, "minor_version").start != NULL)
    get_uint (c, root, "minor_version", FALSE, &version);
  unit = get_string (c, root, "offset_unit", FALSE);
  if (unit != NULL && !g_str_equal (unit, "codepoint"))
    error_at (c, "offset_unit", _("offsets in “%s” are not supported (expected codepoint)"), unit);
  if (c->n_errors > 0)
    return;

  parse_article (c, root, sd);
  if (c->n_errors > 0)
    return;
  c->lean = c->mentions_only && !c->text_changed;
  parse_document_info (c, root, document, sd);

  /* Entities first: mentions and stances refer to them. */
  if ((array = get_array (c, root, "entities")).start != NULL)
    {
      push_member (c, "entities");
      raw_iter_init (&iter, array);
      for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
        {
          GlossatorEntity *entity;

          push_index (c, i);
          if ((entity = parse_entity (c, &element)) != NULL)
            {
              g_ptr_array_add (entity_values, entity);
              g_hash_table_add (entities, entity->id);
            }
          else
            {
              /* Keep the id known so mentions of it are not also reported. */
              const char *id = *element.start == '{' ? raw_string_or_null (c, raw_member (c, element, "id")) : NULL;

              if (id != NULL)
                g_hash_table_add (entities, g_string_chunk_insert (c->ids, id));
            }
          pop (c);
          g_string_chunk_clear (c->strings);
        }
      pop (c);
    }
  c->n_entities = entity_values->len;
  for (guint i = 0; !c->lean && i < entity_values->len; i++)
    glossator_document_put_entity (document, entity_values->pdata[i]);

  if ((array = get_array (c, root, "mentions")).start != NULL)
    {
      push_member (c, "mentions");
      raw_iter_init (&iter, array);
      for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
        {
          g_autoptr(GlossatorMention) mention = NULL;

          push_index (c, i);
          if ((mention = parse_mention (c, &element, entities)) != NULL &&
              c->n_errors == 0)
            glossator_document_put_mention (document, mention);
          pop (c);
          g_string_chunk_clear (c->strings);
        }
      pop (c);
    }

  if ((array = get_array (c, root, "stances")).start != NULL)
    {
      push_member (c, "stances");
      raw_iter_init (&iter, array);
      for (guint i = 0; raw_iter_next_element (&iter, &element); i++)
        {
          g_autoptr(GlossatorStance) stance = NULL;

          push_index (c, i);
          if ((stance = parse_stance (c, &element, entities)) != NULL &&
              c->n_errors == 0)
            {
              c->n_stances++;
              if (!c->lean)
                glossator_document_put_stance (document, stance);
            }
          pop (c);
          g_string_chunk_clear (c->strings);
        }
      pop (c);
    }

  report_conflicts (c, root);
  sd->top_extra = collect_extra (c, root);
  /* A list of conflicts belongs to the document, where settling one is
   * an edit; anything else stays an unknown member, kept as it is. */
  if (sd->top_extra != NULL && json_object_has_member (sd->top_extra, "conflicts") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (sd->top_extra, "conflicts")))
    {
      _glossator_document_set_conflicts (document, json_object_get_array_member (sd->top_extra, "conflicts"));
      json_object_remove_member (sd->top_extra, "conflicts");
    }
  if (sd->top_extra != NULL && json_object_has_member (sd->top_extra, "adjudication") &&
      JSON_NODE_HOLDS_OBJECT (json_object_get_member (sd->top_extra, "adjudication")))
    {
      _glossator_document_set_adjudication (document, json_object_get_object_member (sd->top_extra, "adjudication"));
      json_object_remove_member (sd->top_extra, "adjudication");
    }
  if (sd->top_extra != NULL && json_object_get_size (sd->top_extra) == 0)
    g_clear_pointer (&sd->top_extra, json_object_unref);
}

/* Reports what glossator_json_guard() found; the data is not parsed. */
static void
report_guard_error (const char    *display_name,
                    char          *path,
                    const GError  *guard_error,
                    GPtrArray     *problems,
                    GError       **error)
{
  GlossatorProblem *problem = glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, NULL, "%s", guard_error->message);
  gboolean readable = !g_error_matches (guard_error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_NOT_UTF8) &&
                      !g_error_matches (guard_error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_SYNTAX) &&
                      !g_error_matches (guard_error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_TRAILING_DATA);

  problem->path = path;
  g_set_error (error, GLOSSATOR_SIDECAR_ERROR,
               readable ? GLOSSATOR_SIDECAR_ERROR_INVALID : GLOSSATOR_SIDECAR_ERROR_UNREADABLE,
               "%s: %s: %s", display_name, problem->path, problem->message);
  g_ptr_array_add (problems, problem);
}

static GlossatorDocument *
parse (GlossatorText    *text,
       const char       *display_name,
       const char       *data,
       gsize             n_bytes,
       GlossatorSchema  *schema,
       gboolean          mentions_only,
       guint            *n_entities,
       guint            *n_stances,
       GPtrArray        *problems,
       GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GPtrArray) own_problems = NULL;
  const char *p, *end = data + n_bytes;
  Raw root;
  SidecarData *sd;
  Ctx c = { 0 };
  char *guard_path = NULL;

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  if (!glossator_json_guard (data, n_bytes, &guard_path, &local_error))
    {
      report_guard_error (display_name, g_steal_pointer (&guard_path), local_error, problems, error);
      return NULL;
    }

  c.text = text;
  c.mentions_only = mentions_only;
  c.path = g_array_new (FALSE, FALSE, sizeof (PathPart));
  c.schema = schema;
  c.problems = problems;
  c.mention_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.entity_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.stance_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.unknown_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.unknown_polarities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.strings = g_string_chunk_new (4096);
  c.ids = g_string_chunk_new (64 * 1024);
  c.scratch = g_string_new (NULL);
  /* Zeroed as it grows: a span parse_span() refuses is cleared all the same. */
  c.spans = g_array_new (FALSE, TRUE, sizeof (GlossatorSpan));

  document = glossator_document_new (text);
  sd = _glossator_sidecar_ensure_data (document);
  _glossator_document_begin_load (document);

  /* One value, after a byte order mark and white space, as the guard
   * checked. */
  p = n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0 ? data + 3 : data;
  root.start = skip_space (p, end);
  root.end = _glossator_json_skip_value (root.start, end);
  if (*root.start != '{')
    error_at (&c, NULL, _("expected a JSON object at the top, found %s"), raw_type_name (root));
  else
    {
      Obj top;

      obj_init (&c, &top, &root, top_members);
      parse_root (&c, &top, document, sd);
    }

  _glossator_document_end_load (document);

  if (c.n_errors > 0)
    {
      g_set_error (error, GLOSSATOR_SIDECAR_ERROR,
                   c.first_error != NULL && strstr (c.first_error, "$.version") != NULL
                     ? GLOSSATOR_SIDECAR_ERROR_NEWER_VERSION : GLOSSATOR_SIDECAR_ERROR_INVALID,
                   "%s: %s", display_name, c.first_error);
      ctx_clear (&c);
      return NULL;
    }

  report_unknown (&c, c.unknown_labels, FALSE);
  report_unknown (&c, c.unknown_polarities, TRUE);
  if (c.text_changed)
    {
      g_ptr_array_insert (problems, 0,
                          glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, NULL,
                                                 _("the article changed since the annotations were saved: "
                                                   "%u spans moved, %u orphaned"),
                                                 c.n_moved, c.n_orphaned));
      _glossator_document_set_needs_save (document, TRUE);
    }

  if (n_entities != NULL)
    *n_entities = c.n_entities;
  if (n_stances != NULL)
    *n_stances = c.n_stances;
  ctx_clear (&c);
  return g_steal_pointer (&document);
}

GlossatorDocument *
glossator_sidecar_parse (GlossatorText    *text,
                         const char       *display_name,
                         const char       *data,
                         gsize             n_bytes,
                         GlossatorSchema  *schema,
                         GPtrArray        *problems,
                         GError          **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  return parse (text, display_name, data, n_bytes, schema, FALSE, NULL, NULL, problems, error);
}

GlossatorDocument *
_glossator_sidecar_parse_mentions (GlossatorText  *text,
                                   const char     *display_name,
                                   const char     *data,
                                   gsize           n_bytes,
                                   guint          *n_entities,
                                   guint          *n_stances,
                                   GPtrArray      *problems,
                                   GError        **error)
{
  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  return parse (text, display_name, data, n_bytes, NULL, TRUE, n_entities, n_stances, problems, error);
}

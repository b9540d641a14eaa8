/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar-oracle"

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
#include "glossator-json-read-private.h"
#include "glossator-sidecar-private.h"
#include "sidecar-tree-oracle.h"

/* The sidecar reader as it was before glossator-sidecar-read.c read the
 * bytes directly: json-glib's parser builds a tree, which is then walked.
 * Kept only as the oracle of the differential tests
 * (test-sidecar-differential.c, fuzz-sidecar.c): both must build the same
 * document and report the same problems. */

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

  GArray            *path;        /* PathPart; as deep as free-form members go */

  guint              length;      /* as recorded in the sidecar */
  gboolean           text_changed;
  guint              n_moved;
  guint              n_orphaned;

  GHashTable        *mention_paths;   /* id → index where first seen, for duplicates */
  GHashTable        *entity_paths;
  GHashTable        *stance_paths;
  GHashTable        *unknown_labels;  /* name → count */
  GHashTable        *unknown_polarities;
} Ctx;

/* An object being read: its members looked up once, by one walk, against
 * the names Glossator knows; a 100,000-mention file would otherwise cost a
 * hash lookup per known name per object. */
#define MAX_KNOWN 12

typedef struct {
  JsonObject         *json;
  const char * const *known;
  JsonNode           *nodes[MAX_KNOWN];
  guint               n_unknown;
} Obj;

static void
obj_init (Obj                *o,
          JsonObject         *json,
          const char * const *known)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  memset (o, 0, sizeof *o);
  o->json = json;
  o->known = known;
  json_object_iter_init (&iter, json);
  while (json_object_iter_next (&iter, &name, &node))
    {
      guint i;

      for (i = 0; known[i] != NULL; i++)
        if (strcmp (known[i], name) == 0)
          break;
      g_assert (i < MAX_KNOWN);
      if (known[i] != NULL)
        o->nodes[i] = node;
      else
        o->n_unknown++;
    }
}

static JsonNode *
obj_get (Obj        *o,
         const char *member)
{
  for (guint i = 0; o->known[i] != NULL; i++)
    if (strcmp (o->known[i], member) == 0)
      return o->nodes[i];

  g_assert_not_reached ();
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
  JsonNode *node = obj_get (object, member);

  if (node == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      error_at (c, member, _("expected a string, found %s"), _glossator_json_type_name (node));
      return NULL;
    }

  /* Valid UTF-8: glossator_json_guard() refused lone surrogates. */
  return json_node_get_string (node);
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

  return id;
}

static gboolean
get_uint (Ctx        *c,
          Obj        *object,
          const char *member,
          gboolean    required,
          guint      *value)
{
  JsonNode *node = obj_get (object, member);
  gint64 number;

  if (node == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      error_at (c, member, _("expected a whole number, found %s"), _glossator_json_type_name (node));
      return FALSE;
    }

  number = json_node_get_int (node);
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
  JsonNode *node = obj_get (object, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      error_at (c, member, _("expected true or false, found %s"), _glossator_json_type_name (node));
      return FALSE;
    }

  *value = json_node_get_boolean (node);
  return TRUE;
}

static JsonObject *
as_object (Ctx        *c,
           JsonNode   *node,
           const char *member)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      error_at (c, member, _("expected an object, found %s"),
                node != NULL ? _glossator_json_type_name (node) : _("nothing"));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonObject *
get_object (Ctx        *c,
            Obj        *object,
            const char *member,
            gboolean    required)
{
  JsonNode *node = obj_get (object, member);

  if (node == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return NULL;
    }

  return as_object (c, node, member);
}

static JsonArray *
get_array (Ctx        *c,
           Obj        *object,
           const char *member)
{
  JsonNode *node = obj_get (object, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      error_at (c, member, _("expected an array, found %s"), _glossator_json_type_name (node));
      return NULL;
    }

  return json_node_get_array (node);
}

#define deep_copy _glossator_json_deep_copy

static JsonObject *
deep_copy_object (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  g_autoptr(JsonNode) copy = NULL;

  json_node_init_object (node, object);
  copy = deep_copy (node);
  return json_node_dup_object (copy);
}

static JsonObject *
get_attributes (Ctx        *c,
                Obj        *object)
{
  JsonObject *attributes = get_object (c, object, "attributes", FALSE);

  if (attributes == NULL)
    return NULL;

  return deep_copy_object (attributes);
}

/* The members of @object Glossator does not know, in file order, or NULL. */
static JsonObject *
collect_extra (Ctx *c,
               Obj *object)
{
  g_autoptr(GList) names = NULL;
  JsonObject *extra = NULL;

  if (object->n_unknown == 0)
    return NULL;

  names = json_object_get_members (object->json);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node;

      if (g_strv_contains (object->known, name))
        continue;
      node = json_object_get_member (object->json, name);
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, deep_copy (node));
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

static gboolean
parse_span (Ctx           *c,
            JsonNode      *node,
            GlossatorSpan *span)
{
  JsonObject *json;
  Obj obj, *object = &obj;
  guint errors = c->n_errors;
  guint start = 0, end = 0;
  gboolean has_start, has_end;
  const char *exact, *prefix, *suffix;

  if ((json = as_object (c, node, NULL)) == NULL)
    return FALSE;
  obj_init (object, json, span_members);

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
  span->exact = g_strdup (exact);
  span->prefix = g_strdup (prefix);
  span->suffix = g_strdup (suffix);
  span->extra = collect_extra (c, object);

  return c->n_errors == errors;
}

/* Puts a span read from the file onto the current text: checks it when the
 * text is the one it was written against, re-anchors it when not. */
static void
anchor_span (Ctx           *c,
             GlossatorSpan *span)
{
  GlossatorAnchorResult result;

  if (!c->text_changed)
    {
      if (!span->orphaned && span->exact != NULL &&
          !glossator_text_slice_equals (c->text, span->start, span->end, span->exact))
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
              JsonNode *node)
{
  JsonObject *json;
  Obj obj, *object = &obj;
  guint errors = c->n_errors;
  const char *id, *name, *label, *kb_id, *note;
  g_autoptr(GlossatorEntity) entity = NULL;

  if ((json = as_object (c, node, NULL)) == NULL)
    return NULL;
  obj_init (object, json, entity_members);

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
               JsonNode   *node,
               GHashTable *entities)
{
  JsonObject *json;
  Obj obj, *object = &obj;
  JsonArray *fragments;
  guint errors = c->n_errors;
  const char *id, *label, *entity_id, *note;
  g_autoptr(GlossatorMention) mention = NULL;

  if ((json = as_object (c, node, NULL)) == NULL)
    return NULL;
  obj_init (object, json, mention_members);

  id = get_id (c, object, "id");
  label = get_string (c, object, "label", TRUE);
  entity_id = get_id (c, object, "entity");
  note = get_string (c, object, "note", FALSE);
  if (id != NULL)
    check_duplicate (c, c->mention_paths, id);
  if (entity_id != NULL && !g_hash_table_contains (entities, entity_id))
    error_at (c, "entity", _("no entity “%s”"), entity_id);

  fragments = get_array (c, object, "fragments");
  if (fragments == NULL && obj_get (object, "fragments") == NULL)
    error_at (c, "fragments", _("missing"));
  else if (fragments != NULL && json_array_get_length (fragments) == 0)
    error_at (c, "fragments", _("a mention needs at least one fragment"));
  if (c->n_errors != errors)
    return NULL;

  mention = glossator_mention_new (id, label, entity_id);
  mention->note = g_strdup (note);
  mention->n_fragments = json_array_get_length (fragments);
  mention->fragments = g_new0 (GlossatorSpan, mention->n_fragments);

  push_member (c, "fragments");
  for (guint i = 0; i < mention->n_fragments; i++)
    {
      push_index (c, i);
      if (parse_span (c, json_array_get_element (fragments, i), &mention->fragments[i]) &&
          i > 0 && mention->fragments[i].start < mention->fragments[i - 1].end)
        error_at (c, "start", _("fragments must be in order and must not overlap"));
      pop (c);
    }
  /* Anchored only once all are read: the order check is on the offsets as
   * written, and re-anchoring may move fragments by different amounts. */
  for (guint i = 0; c->n_errors == errors && i < mention->n_fragments; i++)
    {
      push_index (c, i);
      anchor_span (c, &mention->fragments[i]);
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
  JsonObject *json = get_object (c, stance_object, member, TRUE);
  gboolean is_holder = g_str_equal (member, "holder");
  Obj obj, *object = &obj;
  const char *type;
  guint errors = c->n_errors;

  if (json == NULL)
    return FALSE;
  obj_init (object, json, party_members);

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
              JsonNode   *node,
              GHashTable *entities)
{
  JsonObject *json;
  Obj obj, *object = &obj;
  JsonArray *evidence;
  guint errors = c->n_errors;
  const char *id, *polarity, *note;
  guint kind = 0;
  g_autoptr(GlossatorStance) stance = NULL;

  if ((json = as_object (c, node, NULL)) == NULL)
    return NULL;
  obj_init (object, json, stance_members);

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

  if (obj_get (object, "intensity") != NULL)
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
  if (evidence != NULL)
    {
      stance->n_evidence = json_array_get_length (evidence);
      stance->evidence = g_new0 (GlossatorSpan, stance->n_evidence);
      push_member (c, "evidence");
      for (guint i = 0; i < stance->n_evidence; i++)
        {
          push_index (c, i);
          if (parse_span (c, json_array_get_element (evidence, i), &stance->evidence[i]))
            {
              anchor_span (c, &stance->evidence[i]);
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
  JsonObject *json = get_object (c, root, "article", TRUE);
  Obj obj, *article = &obj;
  const char *sha256, *newline;
  guint errors = c->n_errors;
  guint length = 0;
  gboolean bom = FALSE;

  if (json == NULL)
    return;
  obj_init (article, json, article_members);

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
  JsonObject *json = get_object (c, root, "document", FALSE);
  Obj obj, *info = &obj;
  const char *status, *annotator, *notes, *created, *modified;
  g_autoptr(JsonObject) attributes = NULL;

  if (json == NULL)
    return;
  obj_init (info, json, document_members);

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
}

/* The conflicts a merge left (glossator-cli merge): warnings, one per
 * entry, until someone resolves them. The member itself is kept like any
 * member Glossator does not edit, and written back untouched. */
static void
report_conflicts (Ctx *c,
                  Obj *root)
{
  JsonNode *node = json_object_get_member (root->json, "conflicts");
  JsonArray *conflicts;

  if (node == NULL)
    return;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      warning_at (c, "conflicts", _("not a list of merge conflicts; kept as it is"));
      return;
    }

  conflicts = json_node_get_array (node);
  push_member (c, "conflicts");
  for (guint i = 0; i < json_array_get_length (conflicts); i++)
    {
      JsonNode *element = json_array_get_element (conflicts, i);
      JsonObject *conflict = JSON_NODE_HOLDS_OBJECT (element) ? json_node_get_object (element) : NULL;
      JsonNode *kind_node = conflict != NULL ? json_object_get_member (conflict, "kind") : NULL;
      JsonNode *id_node = conflict != NULL ? json_object_get_member (conflict, "id") : NULL;
      JsonNode *ours = conflict != NULL ? json_object_get_member (conflict, "ours") : NULL;
      JsonNode *theirs = conflict != NULL ? json_object_get_member (conflict, "theirs") : NULL;
      const char *kind = kind_node != NULL && JSON_NODE_HOLDS_VALUE (kind_node) &&
                         json_node_get_value_type (kind_node) == G_TYPE_STRING
                           ? json_node_get_string (kind_node) : NULL;
      const char *id = id_node != NULL && JSON_NODE_HOLDS_VALUE (id_node) &&
                       json_node_get_value_type (id_node) == G_TYPE_STRING
                         ? json_node_get_string (id_node) : NULL;
      /* 0: changed differently on both sides; 1: deleted on ours; 2: on theirs. */
      guint side = ours != NULL && JSON_NODE_HOLDS_NULL (ours) ? 1
                   : theirs != NULL && JSON_NODE_HOLDS_NULL (theirs) ? 2 : 0;

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
  JsonArray *array;
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
  if (obj_get (root, "minor_version") != NULL)
    get_uint (c, root, "minor_version", FALSE, &version);
  unit = get_string (c, root, "offset_unit", FALSE);
  if (unit != NULL && !g_str_equal (unit, "codepoint"))
    error_at (c, "offset_unit", _("offsets in “%s” are not supported (expected codepoint)"), unit);
  if (c->n_errors > 0)
    return;

  parse_article (c, root, sd);
  if (c->n_errors > 0)
    return;
  parse_document_info (c, root, document, sd);

  /* Entities first: mentions and stances refer to them. */
  if ((array = get_array (c, root, "entities")) != NULL)
    {
      push_member (c, "entities");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          GlossatorEntity *entity;

          push_index (c, i);
          if ((entity = parse_entity (c, json_array_get_element (array, i))) != NULL)
            {
              g_ptr_array_add (entity_values, entity);
              g_hash_table_add (entities, entity->id);
            }
          else
            {
              /* Keep the id known so mentions of it are not also reported. */
              JsonNode *node = json_array_get_element (array, i);
              JsonNode *id = JSON_NODE_HOLDS_OBJECT (node)
                               ? json_object_get_member (json_node_get_object (node), "id") : NULL;

              if (id != NULL && JSON_NODE_HOLDS_VALUE (id) && json_node_get_value_type (id) == G_TYPE_STRING)
                g_hash_table_add (entities, (gpointer) json_node_get_string (id));
            }
          pop (c);
        }
      pop (c);
    }
  for (guint i = 0; i < entity_values->len; i++)
    glossator_document_put_entity (document, entity_values->pdata[i]);

  if ((array = get_array (c, root, "mentions")) != NULL)
    {
      push_member (c, "mentions");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GlossatorMention) mention = NULL;

          push_index (c, i);
          if ((mention = parse_mention (c, json_array_get_element (array, i), entities)) != NULL &&
              c->n_errors == 0)
            glossator_document_put_mention (document, mention);
          pop (c);
        }
      pop (c);
    }

  if ((array = get_array (c, root, "stances")) != NULL)
    {
      push_member (c, "stances");
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autoptr(GlossatorStance) stance = NULL;

          push_index (c, i);
          if ((stance = parse_stance (c, json_array_get_element (array, i), entities)) != NULL &&
              c->n_errors == 0)
            glossator_document_put_stance (document, stance);
          pop (c);
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

GlossatorDocument *
sidecar_tree_parse (GlossatorText    *text,
                         const char       *display_name,
                         const char       *data,
                         gsize             n_bytes,
                         GlossatorSchema  *schema,
                         GPtrArray        *problems,
                         GError          **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GPtrArray) own_problems = NULL;
  JsonNode *root;
  SidecarData *sd;
  Ctx c = { 0 };
  char *guard_path = NULL;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  if (!glossator_json_guard (data, n_bytes, &guard_path, &local_error))
    {
      report_guard_error (display_name, g_steal_pointer (&guard_path), local_error, problems, error);
      return NULL;
    }

  /* The guard passes only RFC 8259 JSON, which json-glib reads; should it
   * not, its message is not repeated: it quotes the data. */
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, n_bytes, &local_error))
    {
      g_autoptr(GError) unread = g_error_new_literal (GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_SYNTAX,
                                                      _("not JSON that json-glib reads"));

      report_guard_error (display_name, g_strdup ("$"), unread, problems, error);
      return NULL;
    }

  c.text = text;
  c.path = g_array_new (FALSE, FALSE, sizeof (PathPart));
  c.schema = schema;
  c.problems = problems;
  c.mention_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.entity_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.stance_paths = g_hash_table_new (g_str_hash, g_str_equal);
  c.unknown_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.unknown_polarities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  document = glossator_document_new (text);
  sd = _glossator_sidecar_ensure_data (document);
  _glossator_document_begin_load (document);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    error_at (&c, NULL, _("expected a JSON object at the top, found %s"),
              root != NULL ? _glossator_json_type_name (root) : _("nothing"));
  else
    {
      Obj top;

      obj_init (&top, json_node_get_object (root), top_members);
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

  ctx_clear (&c);
  return g_steal_pointer (&document);
}

/* What a mentions-only export reads of @document. */
static char *
describe_mentions (GlossatorDocument *document)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  GString *out = g_string_new (NULL);
  JsonObject *attributes = glossator_document_get_attributes (document);

  if (attributes != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), attributes);
      g_autofree char *json = json_to_string (node, FALSE);

      g_string_append_printf (out, "attributes %s\n", json);
    }
  for (guint i = 0; i < mentions->len; i++)
    {
      const GlossatorMention *m = g_ptr_array_index (mentions, i);

      g_string_append_printf (out, "%s %s %s", m->id, m->label, m->entity_id);
      for (guint f = 0; f < m->n_fragments; f++)
        g_string_append_printf (out, " %u-%u%s", m->fragments[f].start, m->fragments[f].end,
                                m->fragments[f].orphaned ? "o" : "");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

static void
describe_problems (GString   *out,
                   GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);

      g_string_append_printf (out, "  %d %s: %s\n", problem->severity,
                              problem->path != NULL ? problem->path : "(none)", problem->message);
    }
}

char *
sidecar_tree_compare (GlossatorText   *text,
                      const char      *display_name,
                      const char      *data,
                      gsize            n_bytes,
                      GlossatorSchema *schema)
{
  g_autoptr(GPtrArray) read_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) tree_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GError) tree_error = NULL;
  g_autoptr(GlossatorDocument) read = NULL;
  g_autoptr(GlossatorDocument) tree = NULL;
  g_autoptr(GString) read_problem_text = g_string_new (NULL);
  g_autoptr(GString) tree_problem_text = g_string_new (NULL);

  g_autoptr(GError) lean_error = NULL;
  g_autoptr(GlossatorDocument) lean = NULL;
  guint n_entities = 0, n_stances = 0;

  read = glossator_sidecar_parse (text, display_name, data, n_bytes, schema, read_problems, &read_error);
  lean = _glossator_sidecar_parse_mentions (text, display_name, data, n_bytes, &n_entities, &n_stances, NULL,
                                            &lean_error);
  tree = sidecar_tree_parse (text, display_name, data, n_bytes, schema, tree_problems, &tree_error);

  if ((read == NULL) != (tree == NULL))
    return g_strdup_printf ("%s: the reader %s, the tree %s", display_name,
                            read != NULL ? "accepts it" : read_error->message,
                            tree != NULL ? "accepts it" : tree_error->message);
  if (read == NULL &&
      (read_error->domain != tree_error->domain || read_error->code != tree_error->code ||
       strcmp (read_error->message, tree_error->message) != 0))
    return g_strdup_printf ("%s: the reader refuses it with %s (%s %d), the tree with %s (%s %d)", display_name,
                            read_error->message, g_quark_to_string (read_error->domain), read_error->code,
                            tree_error->message, g_quark_to_string (tree_error->domain), tree_error->code);

  describe_problems (read_problem_text, read_problems);
  describe_problems (tree_problem_text, tree_problems);
  if (!g_string_equal (read_problem_text, tree_problem_text))
    return g_strdup_printf ("%s: the reader reports\n%sthe tree\n%s", display_name,
                            read_problem_text->str, tree_problem_text->str);

  /* The exports' read: the same error, the same mentions. */
  if ((read == NULL) != (lean == NULL) ||
      (read == NULL && (read_error->code != lean_error->code || strcmp (read_error->message, lean_error->message) != 0)))
    return g_strdup_printf ("%s: the reader %s, the mentions-only reader %s", display_name,
                            read != NULL ? "accepts it" : read_error->message,
                            lean != NULL ? "accepts it" : lean_error->message);
  if (read != NULL)
    {
      g_autofree char *read_mentions = describe_mentions (read);
      g_autofree char *lean_mentions = describe_mentions (lean);

      if (strcmp (read_mentions, lean_mentions) != 0)
        return g_strdup_printf ("%s: the reader reads\n%sthe mentions-only reader\n%s", display_name,
                                read_mentions, lean_mentions);
      if (n_entities != glossator_document_get_n_entities (read) || n_stances != glossator_document_get_n_stances (read) ||
          glossator_document_get_modified (read) != glossator_document_get_modified (lean))
        return g_strdup_printf ("%s: the mentions-only reader counts %u entities and %u stances, %s; the reader "
                                "reads %u and %u, %s", display_name, n_entities, n_stances,
                                glossator_document_get_modified (lean) ? "modified" : "unmodified",
                                glossator_document_get_n_entities (read), glossator_document_get_n_stances (read),
                                glossator_document_get_modified (read) ? "modified" : "unmodified");
    }

  if (read != NULL)
    {
      g_autoptr(GBytes) read_bytes = glossator_sidecar_serialize (read, "article.txt");
      g_autoptr(GBytes) tree_bytes = glossator_sidecar_serialize (tree, "article.txt");

      if (!g_bytes_equal (read_bytes, tree_bytes))
        return g_strdup_printf ("%s: the reader's document writes\n%.*s\nthe tree's\n%.*s", display_name,
                                (int) g_bytes_get_size (read_bytes), (const char *) g_bytes_get_data (read_bytes, NULL),
                                (int) g_bytes_get_size (tree_bytes), (const char *) g_bytes_get_data (tree_bytes, NULL));
      if (glossator_document_get_modified (read) != glossator_document_get_modified (tree))
        return g_strdup_printf ("%s: the reader's document is%s modified, the tree's is%s", display_name,
                                glossator_document_get_modified (read) ? "" : " not",
                                glossator_document_get_modified (tree) ? "" : " not");
    }

  return NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-anchor.h"
#include "glossator-document-private.h"
#include "glossator-sidecar.h"

G_DEFINE_QUARK (glossator-sidecar-error-quark, glossator_sidecar_error)

/* What the sidecar module keeps with a document between load and save. */
typedef struct {
  char       *created;
  char       *modified;
  JsonObject *top_extra;
  JsonObject *article_extra;
  JsonObject *document_extra;
  /* Identity of the file as last read or written, to detect changes made
   * behind our back. */
  gboolean    has_identity;
  guint64     mtime_usec;
  goffset     size;
} SidecarData;

static void
sidecar_data_free (gpointer data)
{
  SidecarData *sd = data;

  g_free (sd->created);
  g_free (sd->modified);
  g_clear_pointer (&sd->top_extra, json_object_unref);
  g_clear_pointer (&sd->article_extra, json_object_unref);
  g_clear_pointer (&sd->document_extra, json_object_unref);
  g_free (sd);
}

static SidecarData *
ensure_sidecar_data (GlossatorDocument *document)
{
  SidecarData *sd = _glossator_document_get_sidecar_data (document);

  if (sd == NULL)
    {
      sd = g_new0 (SidecarData, 1);
      _glossator_document_set_sidecar_data (document, sd, sidecar_data_free);
    }

  return sd;
}

void
glossator_problem_free (GlossatorProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
glossator_problem_to_string (const GlossatorProblem *problem)
{
  const char *severity;

  g_return_val_if_fail (problem != NULL, NULL);

  severity = problem->severity == GLOSSATOR_PROBLEM_ERROR ? "error" : "warning";
  if (problem->path != NULL)
    return g_strdup_printf ("%s: %s: %s", severity, problem->path, problem->message);
  return g_strdup_printf ("%s: %s", severity, problem->message);
}

GFile *
glossator_sidecar_file_for (GFile *article_file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (article_file), NULL);

  basename = g_file_get_basename (article_file);
  name = g_strconcat (basename, GLOSSATOR_SIDECAR_SUFFIX, NULL);
  parent = g_file_get_parent (article_file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

GFile *
glossator_sidecar_backup_file_for (GFile *sidecar_file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  basename = g_file_get_basename (sidecar_file);
  name = g_strconcat (basename, "~", NULL);
  parent = g_file_get_parent (sidecar_file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

/* Parsing */

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

  PathPart           path[16];
  guint              depth;

  guint              length;      /* as recorded in the sidecar */
  gboolean           text_changed;
  guint              n_moved;
  guint              n_orphaned;

  GHashTable        *mention_paths;   /* id → first JSON path, for duplicates */
  GHashTable        *entity_paths;
  GHashTable        *stance_paths;
  GHashTable        *unknown_labels;  /* name → count */
  GHashTable        *unknown_polarities;
} Ctx;

static void
push_member (Ctx        *c,
             const char *member)
{
  g_assert (c->depth < G_N_ELEMENTS (c->path));
  c->path[c->depth++] = (PathPart) { member, 0 };
}

static void
push_index (Ctx   *c,
            guint  index)
{
  g_assert (c->depth < G_N_ELEMENTS (c->path));
  c->path[c->depth++] = (PathPart) { NULL, index };
}

static void
pop (Ctx *c)
{
  g_assert (c->depth > 0);
  c->depth--;
}

static char *
format_path (Ctx        *c,
             const char *member)
{
  GString *str = g_string_new ("$");

  for (guint i = 0; i < c->depth; i++)
    {
      if (c->path[i].member != NULL)
        g_string_append_printf (str, ".%s", c->path[i].member);
      else
        g_string_append_printf (str, "[%u]", c->path[i].index);
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
  GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);
  va_list args;

  va_start (args, format);
  problem->severity = severity;
  problem->path = format_path (c, member);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  if (severity == GLOSSATOR_PROBLEM_ERROR)
    {
      if (c->n_errors++ == 0)
        c->first_error = g_strdup_printf ("%s: %s", problem->path, problem->message);
    }
  g_ptr_array_add (c->problems, problem);
}

#define error_at(c, member, ...) report (c, GLOSSATOR_PROBLEM_ERROR, member, __VA_ARGS__)
#define warning_at(c, member, ...) report (c, GLOSSATOR_PROBLEM_WARNING, member, __VA_ARGS__)

static const char *
node_type_name (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return _("an object");
    case JSON_NODE_ARRAY:
      return _("an array");
    case JSON_NODE_NULL:
      return _("null");
    case JSON_NODE_VALUE:
    default:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          return _("a string");
        if (type == G_TYPE_BOOLEAN)
          return _("a boolean");
        return _("a number");
      }
    }
}

/* json-glib lets a lone surrogate escape ("\ud800") through as invalid
 * UTF-8, so every string read is checked. */
static gboolean
check_utf8 (Ctx        *c,
            const char *member,
            const char *str)
{
  const char *end;

  if (g_utf8_validate (str, -1, &end))
    return TRUE;

  error_at (c, member, _("invalid UTF-8 in string at byte %u (a lone surrogate escape?)"),
            (guint) (end - str));
  return FALSE;
}

/* Returns the string member, NULL when absent (an error if @required) or
 * wrong (always an error). */
static const char *
get_string (Ctx        *c,
            JsonObject *object,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);
  const char *str;

  if (node == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return NULL;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      error_at (c, member, _("expected a string, found %s"), node_type_name (node));
      return NULL;
    }

  str = json_node_get_string (node);
  return check_utf8 (c, member, str) ? str : NULL;
}

static const char *
get_id (Ctx        *c,
        JsonObject *object,
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
          JsonObject *object,
          const char *member,
          gboolean    required,
          guint      *value)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 number;

  if (node == NULL)
    {
      if (required)
        error_at (c, member, _("missing"));
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      error_at (c, member, _("expected a whole number, found %s"), node_type_name (node));
      return FALSE;
    }

  number = json_node_get_int (node);
  if (number < 0 || number > G_MAXINT32)
    {
      error_at (c, member, _("%" G_GINT64_FORMAT " is out of range"), number);
      return FALSE;
    }

  *value = (guint) number;
  return TRUE;
}

static gboolean
get_boolean (Ctx        *c,
             JsonObject *object,
             const char *member,
             gboolean   *value)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      error_at (c, member, _("expected true or false, found %s"), node_type_name (node));
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
                node != NULL ? node_type_name (node) : _("nothing"));
      return NULL;
    }

  return json_node_get_object (node);
}

static JsonObject *
get_object (Ctx        *c,
            JsonObject *object,
            const char *member,
            gboolean    required)
{
  JsonNode *node = json_object_get_member (object, member);

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
           JsonObject *object,
           const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      error_at (c, member, _("expected an array, found %s"), node_type_name (node));
      return NULL;
    }

  return json_node_get_array (node);
}

static gboolean check_node_utf8 (Ctx        *c,
                                 const char *member,
                                 JsonNode   *node);

static gboolean
check_object_utf8 (Ctx        *c,
                   const char *member,
                   JsonObject *object)
{
  g_autoptr(GList) names = json_object_get_members (object);
  gboolean ok = TRUE;

  if (member != NULL)
    push_member (c, member);
  for (GList *l = names; l != NULL; l = l->next)
    {
      if (!check_utf8 (c, NULL, l->data))
        ok = FALSE;
      else if (!check_node_utf8 (c, l->data, json_object_get_member (object, l->data)))
        ok = FALSE;
    }
  if (member != NULL)
    pop (c);

  return ok;
}

/* Free-form members (attributes, unknown members) are written back as they
 * are, so they must be valid UTF-8 all the way down. */
static gboolean
check_node_utf8 (Ctx        *c,
                 const char *member,
                 JsonNode   *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return check_object_utf8 (c, member, json_node_get_object (node));

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        gboolean ok = TRUE;

        if (member != NULL)
          push_member (c, member);
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            push_index (c, i);
            ok &= check_node_utf8 (c, NULL, json_array_get_element (array, i));
            pop (c);
          }
        if (member != NULL)
          pop (c);
        return ok;
      }

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        return check_utf8 (c, member, json_node_get_string (node));
      return TRUE;

    case JSON_NODE_NULL:
    default:
      return TRUE;
    }
}

static JsonObject *
get_attributes (Ctx        *c,
                JsonObject *object)
{
  JsonObject *attributes = get_object (c, object, "attributes", FALSE);

  if (attributes == NULL || !check_object_utf8 (c, "attributes", attributes))
    return NULL;

  return json_object_ref (attributes);
}

/* The members of @object not in @known, in file order, or NULL. */
static JsonObject *
collect_extra (Ctx                *c,
               JsonObject         *object,
               const char * const *known)
{
  g_autoptr(GList) names = NULL;
  JsonObject *extra = NULL;
  guint n_known = 0;

  for (guint i = 0; known[i] != NULL; i++)
    if (json_object_has_member (object, known[i]))
      n_known++;
  if (json_object_get_size (object) == n_known)
    return NULL;

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *name = l->data;
      JsonNode *node;

      if (g_strv_contains (known, name))
        continue;
      node = json_object_get_member (object, name);
      if (!check_utf8 (c, NULL, name) || !check_node_utf8 (c, name, node))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (node));
    }

  return extra;
}

static const char * const top_members[] = {
  "format", "version", "offset_unit", "article", "document", "entities", "mentions", "stances", NULL
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
  "id", "label", "entity", "fragments", "note", "attributes", NULL
};
static const char * const span_members[] = {
  "start", "end", "exact", "prefix", "suffix", "orphaned", NULL
};
static const char * const stance_members[] = {
  "id", "holder", "target", "polarity", "intensity", "evidence", "note", "attributes", NULL
};
static const char * const party_members[] = {
  "type", "entity", "topic", NULL
};

static gboolean
parse_span (Ctx           *c,
            JsonNode      *node,
            GlossatorSpan *span)
{
  JsonObject *object;
  guint errors = c->n_errors;
  guint start = 0, end = 0;
  gboolean has_start, has_end;
  const char *exact, *prefix, *suffix;

  if ((object = as_object (c, node, NULL)) == NULL)
    return FALSE;

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
  span->extra = collect_extra (c, object, span_members);

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

static gboolean
check_duplicate (Ctx        *c,
                 GHashTable *paths,
                 const char *id)
{
  const char *first = g_hash_table_lookup (paths, id);

  if (first != NULL)
    {
      error_at (c, "id", _("duplicate id “%s” (first used at %s)"), id, first);
      return FALSE;
    }

  g_hash_table_insert (paths, g_strdup (id), format_path (c, NULL));
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
  JsonObject *object;
  guint errors = c->n_errors;
  const char *id, *name, *label, *kb_id, *note;
  g_autoptr(GlossatorEntity) entity = NULL;

  if ((object = as_object (c, node, NULL)) == NULL)
    return NULL;

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
  entity->extra = collect_extra (c, object, entity_members);
  if (label != NULL && c->schema != NULL)
    note_label (c, c->unknown_labels, label, glossator_schema_find_label (c->schema, label) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&entity) : NULL;
}

static GlossatorMention *
parse_mention (Ctx        *c,
               JsonNode   *node,
               GHashTable *entities)
{
  JsonObject *object;
  JsonArray *fragments;
  guint errors = c->n_errors;
  const char *id, *label, *entity_id, *note;
  g_autoptr(GlossatorMention) mention = NULL;

  if ((object = as_object (c, node, NULL)) == NULL)
    return NULL;

  id = get_id (c, object, "id");
  label = get_string (c, object, "label", TRUE);
  entity_id = get_id (c, object, "entity");
  note = get_string (c, object, "note", FALSE);
  if (id != NULL)
    check_duplicate (c, c->mention_paths, id);
  if (entity_id != NULL && !g_hash_table_contains (entities, entity_id))
    error_at (c, "entity", _("no entity “%s”"), entity_id);

  fragments = get_array (c, object, "fragments");
  if (fragments == NULL && json_object_get_member (object, "fragments") == NULL)
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
      pop (c);
    }
  pop (c);
  if (c->text_changed)
    qsort (mention->fragments, mention->n_fragments, sizeof (GlossatorSpan),
           (GCompareFunc) glossator_span_compare);

  mention->attributes = get_attributes (c, object);
  mention->extra = collect_extra (c, object, mention_members);
  if (c->schema != NULL && label != NULL)
    note_label (c, c->unknown_labels, label, glossator_schema_find_label (c->schema, label) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&mention) : NULL;
}

static gboolean
parse_party (Ctx         *c,
             JsonObject  *stance_object,
             const char  *member,
             GHashTable  *entities,
             guint       *kind,
             char       **value,
             JsonObject **extra)
{
  JsonObject *object = get_object (c, stance_object, member, TRUE);
  gboolean is_holder = g_str_equal (member, "holder");
  const char *type;
  guint errors = c->n_errors;

  if (object == NULL)
    return FALSE;

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
  *extra = collect_extra (c, object, party_members);
  pop (c);

  return c->n_errors == errors;
}

static GlossatorStance *
parse_stance (Ctx        *c,
              JsonNode   *node,
              GHashTable *entities)
{
  JsonObject *object;
  JsonArray *evidence;
  guint errors = c->n_errors;
  const char *id, *polarity, *note;
  guint kind = 0;
  g_autoptr(GlossatorStance) stance = NULL;

  if ((object = as_object (c, node, NULL)) == NULL)
    return NULL;

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

  if (json_object_has_member (object, "intensity"))
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
            anchor_span (c, &stance->evidence[i]);
          pop (c);
        }
      pop (c);
    }

  stance->attributes = get_attributes (c, object);
  stance->extra = collect_extra (c, object, stance_members);
  if (c->schema != NULL && polarity != NULL)
    note_label (c, c->unknown_polarities, polarity,
                glossator_schema_find_polarity (c->schema, polarity) != NULL);

  return c->n_errors == errors ? g_steal_pointer (&stance) : NULL;
}

static void
parse_article (Ctx         *c,
               JsonObject  *root,
               SidecarData *sd)
{
  JsonObject *article = get_object (c, root, "article", TRUE);
  const char *sha256, *newline;
  guint errors = c->n_errors;
  guint length = 0;
  gboolean bom = FALSE;

  if (article == NULL)
    return;

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
  sd->article_extra = collect_extra (c, article, article_members);
  pop (c);
}

static void
parse_document_info (Ctx               *c,
                     JsonObject        *root,
                     GlossatorDocument *document,
                     SidecarData       *sd)
{
  JsonObject *info = get_object (c, root, "document", FALSE);
  const char *status, *annotator, *notes, *created, *modified;
  g_autoptr(JsonObject) attributes = NULL;

  if (info == NULL)
    return;

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
  sd->document_extra = collect_extra (c, info, document_members);
  pop (c);
}

static void
report_unknown (Ctx        *c,
                GHashTable *unknown,
                const char *what)
{
  g_autoptr(GList) names = g_hash_table_get_keys (unknown);

  names = g_list_sort (names, (GCompareFunc) g_strcmp0);
  for (GList *l = names; l != NULL; l = l->next)
    {
      GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);

      problem->severity = GLOSSATOR_PROBLEM_WARNING;
      problem->path = g_strdup (g_hash_table_lookup (unknown, l->data));
      problem->message = g_strdup_printf (_("%s “%s” is not in the label schema; it is kept"),
                                          what, (const char *) l->data);
      g_ptr_array_add (c->problems, problem);
    }
}

static void
ctx_clear (Ctx *c)
{
  g_free (c->first_error);
  g_hash_table_unref (c->mention_paths);
  g_hash_table_unref (c->entity_paths);
  g_hash_table_unref (c->stance_paths);
  g_hash_table_unref (c->unknown_labels);
  g_hash_table_unref (c->unknown_polarities);
}

static void
parse_root (Ctx               *c,
            JsonObject        *root,
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
              if (JSON_NODE_HOLDS_OBJECT (node) &&
                  json_object_get_string_member_with_default (json_node_get_object (node), "id", NULL) != NULL)
                g_hash_table_add (entities, (gpointer) json_object_get_string_member (json_node_get_object (node), "id"));
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

  sd->top_extra = collect_extra (c, root, top_members);
}

/* json-glib reports "<data>:LINE:COL: Parse error: …"; say it in words. */
static char *
describe_parse_error (const GError *error)
{
  const char *message = error->message;
  guint line, column;
  int consumed = 0;

  if (g_str_has_prefix (message, "<data>:"))
    message += strlen ("<data>:");
  if (sscanf (message, "%u:%u: %n", &line, &column, &consumed) == 2 && consumed > 0)
    {
      message += consumed;
      if (g_str_has_prefix (message, "Parse error: "))
        message += strlen ("Parse error: ");
      return g_strdup_printf (_("not valid JSON: line %u, column %u: %s"), line, column, message);
    }
  return g_strdup_printf (_("not valid JSON: %s"), message);
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
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GPtrArray) own_problems = NULL;
  JsonNode *root;
  SidecarData *sd;
  Ctx c = { 0 };
  const char *invalid;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);
  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  if (problems == NULL)
    problems = own_problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  /* Raw invalid UTF-8 fails json-glib's parse with a vague message. */
  if (!g_utf8_validate_len (data, n_bytes, &invalid))
    {
      GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);

      problem->severity = GLOSSATOR_PROBLEM_ERROR;
      problem->message = g_strdup_printf (_("not UTF-8: invalid byte at offset %u"),
                                          (guint) (invalid - data));
      g_set_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_UNREADABLE,
                   "%s: %s", display_name, problem->message);
      g_ptr_array_add (problems, problem);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, n_bytes, &local_error))
    {
      GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);

      problem->severity = GLOSSATOR_PROBLEM_ERROR;
      problem->message = describe_parse_error (local_error);
      g_set_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_UNREADABLE,
                   "%s: %s", display_name, problem->message);
      g_ptr_array_add (problems, problem);
      return NULL;
    }

  c.text = text;
  c.schema = schema;
  c.problems = problems;
  c.mention_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.entity_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.stance_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.unknown_labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  c.unknown_polarities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  document = glossator_document_new (text);
  sd = ensure_sidecar_data (document);
  _glossator_document_begin_load (document);

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    error_at (&c, NULL, _("expected a JSON object at the top, found %s"),
              root != NULL ? node_type_name (root) : _("nothing"));
  else
    parse_root (&c, json_node_get_object (root), document, sd);

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

  report_unknown (&c, c.unknown_labels, _("Label"));
  report_unknown (&c, c.unknown_polarities, _("Polarity"));
  if (c.text_changed)
    {
      GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);

      problem->severity = GLOSSATOR_PROBLEM_WARNING;
      problem->message = g_strdup_printf (_("the article changed since the annotations were saved: "
                                            "%u spans moved, %u orphaned"),
                                          c.n_moved, c.n_orphaned);
      g_ptr_array_insert (problems, 0, problem);
      _glossator_document_set_needs_save (document, TRUE);
    }

  ctx_clear (&c);
  return g_steal_pointer (&document);
}

static void
remember_identity (SidecarData *sd,
                   GFileInfo   *info)
{
  if (info == NULL)
    {
      sd->has_identity = FALSE;
      return;
    }

  sd->has_identity = TRUE;
  sd->size = g_file_info_get_size (info);
  sd->mtime_usec = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                   g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

#define IDENTITY_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                            G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

static GFileInfo *
query_identity (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  return g_file_query_info (file, IDENTITY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, cancellable, error);
}

static char *
display_name_for (GFile *file)
{
  return g_file_get_path (file) ?: g_file_get_uri (file);
}

GlossatorDocument *
glossator_sidecar_load (GlossatorText    *text,
                        GFile            *sidecar_file,
                        GlossatorSchema  *schema,
                        GPtrArray        *problems,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) before = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  display_name = display_name_for (sidecar_file);
  before = query_identity (sidecar_file, cancellable, &local_error);
  if (before == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      document = glossator_document_new (text);
      ensure_sidecar_data (document);
      return g_steal_pointer (&document);
    }
  if (before == NULL ||
      !g_file_load_contents (sidecar_file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return NULL;
    }

  document = glossator_sidecar_parse (text, display_name, contents, length, schema, problems, error);
  if (document != NULL)
    remember_identity (ensure_sidecar_data (document), before);

  return g_steal_pointer (&document);
}

/* Writing */

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  if (value == NULL)
    return;
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_object (JsonBuilder *builder,
            const char  *member,
            JsonObject  *object)
{
  JsonNode *node;

  if (object == NULL)
    return;
  node = json_node_alloc ();
  json_node_init_object (node, object);
  json_builder_set_member_name (builder, member);
  json_builder_add_value (builder, node);
}

static void
add_extra (JsonBuilder *builder,
           JsonObject  *extra)
{
  g_autoptr(GList) names = NULL;

  if (extra == NULL)
    return;

  names = json_object_get_members (extra);
  for (GList *l = names; l != NULL; l = l->next)
    {
      json_builder_set_member_name (builder, l->data);
      json_builder_add_value (builder, json_node_copy (json_object_get_member (extra, l->data)));
    }
}

static void
add_span (JsonBuilder         *builder,
          const GlossatorSpan *span)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "start");
  json_builder_add_int_value (builder, span->start);
  json_builder_set_member_name (builder, "end");
  json_builder_add_int_value (builder, span->end);
  add_string (builder, "exact", span->exact);
  add_string (builder, "prefix", span->prefix);
  add_string (builder, "suffix", span->suffix);
  if (span->orphaned)
    {
      json_builder_set_member_name (builder, "orphaned");
      json_builder_add_boolean_value (builder, TRUE);
    }
  add_extra (builder, span->extra);
  json_builder_end_object (builder);
}

static void
add_party (JsonBuilder *builder,
           const char  *member,
           const char  *type,
           const char  *value_member,
           const char  *value,
           JsonObject  *extra)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  add_string (builder, "type", type);
  if (value_member != NULL)
    add_string (builder, value_member, value);
  add_extra (builder, extra);
  json_builder_end_object (builder);
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static JsonNode *
build_sidecar (GlossatorDocument *document,
               const char        *article_name)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  g_autoptr(GPtrArray) entities = glossator_document_list_entities (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (document);
  GlossatorText *text = glossator_document_get_text (document);
  SidecarData *sd = ensure_sidecar_data (document);

  json_builder_begin_object (builder);
  add_string (builder, "format", GLOSSATOR_SIDECAR_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, GLOSSATOR_SIDECAR_VERSION);
  add_string (builder, "offset_unit", "codepoint");

  json_builder_set_member_name (builder, "article");
  json_builder_begin_object (builder);
  add_string (builder, "file", article_name);
  add_string (builder, "sha256", glossator_text_get_sha256 (text));
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, glossator_text_get_length (text));
  json_builder_set_member_name (builder, "bom");
  json_builder_add_boolean_value (builder, glossator_text_has_bom (text));
  add_string (builder, "newline", glossator_newline_to_string (glossator_text_get_newline (text)));
  add_extra (builder, sd->article_extra);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "document");
  json_builder_begin_object (builder);
  add_string (builder, "status", glossator_status_to_string (glossator_document_get_status (document)));
  add_string (builder, "annotator", glossator_document_get_annotator (document));
  add_string (builder, "created", sd->created);
  add_string (builder, "modified", sd->modified);
  add_string (builder, "notes", glossator_document_get_notes (document));
  add_object (builder, "attributes", glossator_document_get_attributes (document));
  add_extra (builder, sd->document_extra);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "entities");
  json_builder_begin_array (builder);
  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = entities->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "id", entity->id);
      add_string (builder, "name", entity->name != NULL ? entity->name : "");
      add_string (builder, "label", entity->label != NULL ? entity->label : "");
      add_string (builder, "kb_id", entity->kb_id);
      add_string (builder, "note", entity->note);
      add_object (builder, "attributes", entity->attributes);
      add_extra (builder, entity->extra);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "id", mention->id);
      add_string (builder, "label", mention->label);
      add_string (builder, "entity", mention->entity_id);
      json_builder_set_member_name (builder, "fragments");
      json_builder_begin_array (builder);
      for (guint f = 0; f < mention->n_fragments; f++)
        add_span (builder, &mention->fragments[f]);
      json_builder_end_array (builder);
      add_string (builder, "note", mention->note);
      add_object (builder, "attributes", mention->attributes);
      add_extra (builder, mention->extra);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "stances");
  json_builder_begin_array (builder);
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = stances->pdata[i];

      json_builder_begin_object (builder);
      add_string (builder, "id", stance->id);
      add_party (builder, "holder", glossator_holder_kind_to_string (stance->holder_kind),
                 stance->holder_kind == GLOSSATOR_HOLDER_ENTITY ? "entity" : NULL,
                 stance->holder_entity, stance->holder_extra);
      add_party (builder, "target", glossator_target_kind_to_string (stance->target_kind),
                 stance->target_kind == GLOSSATOR_TARGET_ENTITY ? "entity"
                   : stance->target_kind == GLOSSATOR_TARGET_TOPIC ? "topic" : NULL,
                 stance->target, stance->target_extra);
      add_string (builder, "polarity", stance->polarity);
      if (stance->intensity > 0)
        {
          json_builder_set_member_name (builder, "intensity");
          json_builder_add_int_value (builder, stance->intensity);
        }
      json_builder_set_member_name (builder, "evidence");
      json_builder_begin_array (builder);
      for (guint e = 0; e < stance->n_evidence; e++)
        add_span (builder, &stance->evidence[e]);
      json_builder_end_array (builder);
      add_string (builder, "note", stance->note);
      add_object (builder, "attributes", stance->attributes);
      add_extra (builder, stance->extra);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  add_extra (builder, sd->top_extra);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

GBytes *
glossator_sidecar_serialize (GlossatorDocument *document,
                             const char        *article_name)
{
  g_autoptr(JsonGenerator) generator = NULL;
  g_autoptr(JsonNode) root = NULL;
  char *data;
  gsize length;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  root = build_sidecar (document, article_name);
  generator = json_generator_new ();
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  data = json_generator_to_data (generator, &length);

  /* End with a newline, as text files do (and git diffs expect). */
  data = g_realloc (data, length + 2);
  data[length++] = '\n';
  data[length] = '\0';

  return g_bytes_new_take (data, length);
}

typedef struct {
  GFile       *file;
  GBytes      *bytes;
  gboolean     force;
  gboolean     has_identity;
  guint64      mtime_usec;
  goffset      size;
  guint64      revision;
  gboolean     written;
  GFileInfo   *new_identity;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_clear_object (&data->new_identity);
  g_free (data);
}

/* The parts of a save that touch the disk; runs on any thread. */
static gboolean
write_sidecar (SaveData      *data,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) current = NULL;
  g_autofree char *display_name = display_name_for (data->file);
  g_autofree char *path = g_file_get_path (data->file);
  gconstpointer contents;
  gsize length;

  current = query_identity (data->file, cancellable, &local_error);
  if (current == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (current != NULL && !data->force)
    {
      SidecarData now = { 0 };

      remember_identity (&now, current);
      if (!data->has_identity || now.size != data->size || now.mtime_usec != data->mtime_usec)
        {
          g_set_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK,
                       _("%s: changed on disk since it was opened; not overwritten"), display_name);
          return FALSE;
        }
    }

  if (current != NULL)
    {
      g_autoptr(GFile) backup = glossator_sidecar_backup_file_for (data->file);

      if (!g_file_copy (data->file, backup, G_FILE_COPY_OVERWRITE, cancellable, NULL, NULL, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       _("%s: could not keep a backup: %s"), display_name, local_error->message);
          return FALSE;
        }
    }

  contents = g_bytes_get_data (data->bytes, &length);
  if (path != NULL)
    {
      /* Temp file, fsync, rename: a crash leaves the old or the new file. */
      if (!g_file_set_contents_full (path, contents, length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0666, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code,
                       "%s: %s", display_name, local_error->message);
          return FALSE;
        }
    }
  else if (!g_file_replace_contents (data->file, contents, length, NULL, FALSE,
                                     G_FILE_CREATE_REPLACE_DESTINATION, NULL,
                                     cancellable, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return FALSE;
    }

  data->written = TRUE;
  data->new_identity = query_identity (data->file, cancellable, NULL);
  return TRUE;
}

/* Prepares a save on the model's thread: NULL when there is nothing to do. */
static SaveData *
prepare_save (GlossatorDocument *document,
              GFile             *sidecar_file,
              const char        *article_name,
              gboolean           force)
{
  SidecarData *sd = ensure_sidecar_data (document);
  g_autofree char *previous_modified = NULL;
  SaveData *data;

  if (!glossator_document_get_modified (document))
    return NULL;

  previous_modified = g_steal_pointer (&sd->modified);
  sd->modified = now_iso8601 ();
  if (sd->created == NULL)
    sd->created = g_strdup (sd->modified);

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (sidecar_file);
  data->bytes = glossator_sidecar_serialize (document, article_name);
  data->force = force;
  data->has_identity = sd->has_identity;
  data->mtime_usec = sd->mtime_usec;
  data->size = sd->size;
  data->revision = glossator_document_get_revision (document);

  return data;
}

static void
finish_save (GlossatorDocument *document,
             SaveData          *data)
{
  SidecarData *sd = ensure_sidecar_data (document);

  remember_identity (sd, data->new_identity);
  glossator_document_mark_saved_revision (document, data->revision);
}

gboolean
glossator_sidecar_save (GlossatorDocument  *document,
                        GFile              *sidecar_file,
                        const char         *article_name,
                        gboolean            force,
                        gboolean           *written,
                        GCancellable       *cancellable,
                        GError            **error)
{
  SaveData *data;
  gboolean ok;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), FALSE);
  g_return_val_if_fail (article_name != NULL, FALSE);

  if (written != NULL)
    *written = FALSE;

  if ((data = prepare_save (document, sidecar_file, article_name, force)) == NULL)
    return TRUE;

  ok = write_sidecar (data, cancellable, error);
  if (ok)
    finish_save (document, data);
  if (written != NULL)
    *written = data->written;
  save_data_free (data);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_sidecar (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
glossator_sidecar_save_async (GlossatorDocument   *document,
                              GFile               *sidecar_file,
                              const char          *article_name,
                              gboolean             force,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (sidecar_file));
  g_return_if_fail (article_name != NULL);

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_sidecar_save_async);

  if ((data = prepare_save (document, sidecar_file, article_name, force)) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
glossator_sidecar_save_finish (GlossatorDocument  *document,
                               GAsyncResult       *result,
                               gboolean           *written,
                               GError            **error)
{
  SaveData *data;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, document), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (written != NULL)
    *written = data != NULL && data->written;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (data != NULL)
    finish_save (document, data);

  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-merge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-atomic-file.h"
#include "glossator-files-private.h"
#include "glossator-json-guard.h"
#include "glossator-mention.h"
#include "glossator-merge.h"
#include "glossator-sidecar-private.h"

/* The merge works on the sidecars' JSON, not on documents: git gives the
 * driver three files and no article, and working on JSON keeps every
 * member of an annotation, known or not, exactly as a side wrote it. */

G_DEFINE_QUARK (glossator-merge-error-quark, glossator_merge_error)

typedef enum {
  KIND_ENTITY,
  KIND_MENTION,
  KIND_STANCE,
  N_KINDS
} Kind;

static const char * const kind_names[N_KINDS] = { "entity", "mention", "stance" };
static const char * const array_names[N_KINDS] = { "entities", "mentions", "stances" };

static const char * const known_top_members[] = {
  "format", "version", "offset_unit", "article", "document",
  "entities", "mentions", "stances", "conflicts", NULL
};

typedef struct {
  const char *name;
  JsonNode   *root;                /* NULL for an empty base */
  JsonObject *top;
  GPtrArray  *items[N_KINDS];      /* JsonObject*, in file order */
  GHashTable *by_id[N_KINDS];      /* id → JsonObject* */
} Side;

typedef struct {
  char       *id;                  /* in the result */
  JsonObject *base;
  JsonObject *ours;
  JsonObject *theirs;              /* references mapped to the result's ids */
  char       *key;                 /* of ours, for an addition of ours */
  JsonObject *result;
  gboolean    conflict;
} Slot;

typedef struct {
  Side        base;
  Side        ours;
  Side        theirs;
  GPtrArray  *slots[N_KINDS];      /* Slot*, owned */
  GHashTable *slot_by_id[N_KINDS]; /* result id → Slot* */
  GHashTable *theirs_map[N_KINDS]; /* id in theirs → result id */
  GPtrArray  *copies;              /* JsonNode* holding the mapped copies of theirs */
  JsonArray  *conflicts;           /* found by this merge */
  gboolean    theirs_later;        /* theirs was modified after ours */
} Merge;

/* Reading the sides */

static void
side_clear (Side *side)
{
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&side->items[k], g_ptr_array_unref);
      g_clear_pointer (&side->by_id[k], g_hash_table_unref);
    }
  g_clear_pointer (&side->root, json_node_unref);
}

G_GNUC_PRINTF (4, 5)
static gboolean
invalid (GError    **error,
         const Side *side,
         const char *path,
         const char *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_INVALID,
               "%s: %s: %s", side->name, path, message);
  return FALSE;
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
object_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
array_member (JsonObject *object,
              const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
is_blank (GBytes *bytes)
{
  gsize n;
  const char *data = bytes != NULL ? g_bytes_get_data (bytes, &n) : NULL;

  for (gsize i = 0; data != NULL && i < n; i++)
    if (!g_ascii_isspace (data[i]))
      return FALSE;
  return TRUE;
}

/* The entity a stance's holder or target names, or NULL. */
static const char *
party_entity (JsonObject *stance,
              const char *party)
{
  JsonObject *object = object_member (stance, party);

  if (g_strcmp0 (string_member (object, "type"), "entity") != 0)
    return NULL;
  return string_member (object, "entity");
}

/* What the merge relies on: the shape of the sidecar, ids unique per kind,
 * references resolved. The text is not at hand; validate checks the rest. */
static gboolean
check_side (Side    *side,
            GError **error)
{
  JsonNode *node;
  JsonObject *article;

  if (!JSON_NODE_HOLDS_OBJECT (side->root))
    return invalid (error, side, "$", _("expected a JSON object at the top"));
  side->top = json_node_get_object (side->root);

  if (g_strcmp0 (string_member (side->top, "format"), GLOSSATOR_SIDECAR_FORMAT) != 0)
    return invalid (error, side, "$.format", _("not a Glossator sidecar (expected “%s”)"),
                    GLOSSATOR_SIDECAR_FORMAT);
  node = json_object_get_member (side->top, "version");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      json_node_get_int (node) != GLOSSATOR_SIDECAR_VERSION)
    return invalid (error, side, "$.version", _("expected format version %d"), GLOSSATOR_SIDECAR_VERSION);
  node = json_object_get_member (side->top, "offset_unit");
  if (node != NULL && g_strcmp0 (string_member (side->top, "offset_unit"), "codepoint") != 0)
    return invalid (error, side, "$.offset_unit", _("expected “codepoint”"));
  article = object_member (side->top, "article");
  if (article == NULL)
    return invalid (error, side, "$.article", _("missing, or not an object"));
  if (string_member (article, "sha256") == NULL)
    return invalid (error, side, "$.article.sha256", _("missing, or not a string"));
  if (json_object_has_member (side->top, "document") && object_member (side->top, "document") == NULL)
    return invalid (error, side, "$.document", _("expected an object"));
  if (json_object_has_member (side->top, "conflicts") && array_member (side->top, "conflicts") == NULL)
    return invalid (error, side, "$.conflicts", _("expected an array"));

  for (guint k = 0; k < N_KINDS; k++)
    {
      JsonArray *array = array_member (side->top, array_names[k]);

      if (array == NULL && json_object_has_member (side->top, array_names[k]))
        {
          g_autofree char *path = g_strdup_printf ("$.%s", array_names[k]);

          return invalid (error, side, path, _("expected an array"));
        }
      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          JsonObject *item;
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (element))
            {
              g_autofree char *path = g_strdup_printf ("$.%s[%u]", array_names[k], i);

              return invalid (error, side, path, _("expected an object"));
            }
          item = json_node_get_object (element);
          id = string_member (item, "id");
          if (id == NULL || *id == '\0')
            {
              g_autofree char *path = g_strdup_printf ("$.%s[%u].id", array_names[k], i);

              return invalid (error, side, path, _("missing, empty or not a string"));
            }
          if (g_hash_table_contains (side->by_id[k], id))
            {
              g_autofree char *path = g_strdup_printf ("$.%s[%u].id", array_names[k], i);

              return invalid (error, side, path, _("“%s” is used twice"), id);
            }
          g_hash_table_insert (side->by_id[k], (gpointer) id, item);
          g_ptr_array_add (side->items[k], item);
        }
    }

  /* References, now that every entity is known. */
  for (guint i = 0; i < side->items[KIND_MENTION]->len; i++)
    {
      JsonObject *mention = g_ptr_array_index (side->items[KIND_MENTION], i);
      const char *entity = string_member (mention, "entity");

      if (entity == NULL || !g_hash_table_contains (side->by_id[KIND_ENTITY], entity))
        {
          g_autofree char *path = g_strdup_printf ("$.mentions[%u].entity", i);

          return invalid (error, side, path, _("no entity “%s”"), entity != NULL ? entity : "");
        }
      if (array_member (mention, "fragments") == NULL)
        {
          g_autofree char *path = g_strdup_printf ("$.mentions[%u].fragments", i);

          return invalid (error, side, path, _("missing, or not an array"));
        }
    }
  for (guint i = 0; i < side->items[KIND_STANCE]->len; i++)
    {
      JsonObject *stance = g_ptr_array_index (side->items[KIND_STANCE], i);
      static const char * const parties[] = { "holder", "target" };

      for (guint p = 0; p < G_N_ELEMENTS (parties); p++)
        {
          JsonObject *party = object_member (stance, parties[p]);
          const char *entity = party_entity (stance, parties[p]);

          if (g_strcmp0 (string_member (party, "type"), "entity") == 0 &&
              (entity == NULL || !g_hash_table_contains (side->by_id[KIND_ENTITY], entity)))
            {
              g_autofree char *path = g_strdup_printf ("$.stances[%u].%s.entity", i, parties[p]);

              return invalid (error, side, path, _("no entity “%s”"), entity != NULL ? entity : "");
            }
        }
    }

  return TRUE;
}

static void
side_init (Side       *side,
           const char *name)
{
  side->name = name;
  for (guint k = 0; k < N_KINDS; k++)
    {
      side->items[k] = g_ptr_array_new ();
      side->by_id[k] = g_hash_table_new (g_str_hash, g_str_equal);
    }
}

static gboolean
side_load (Side        *side,
           const char  *name,
           GBytes      *bytes,
           gboolean     may_be_empty,
           GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize n_bytes;

  side_init (side, name);
  if (is_blank (bytes))
    {
      if (may_be_empty)
        return TRUE;
      return invalid (error, side, "$", _("empty, not a sidecar"));
    }

  data = g_bytes_get_data (bytes, &n_bytes);
  if (!glossator_json_guard (data, n_bytes, &path, &local_error))
    return invalid (error, side, path, "%s", local_error->message);

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, n_bytes, NULL))
    return invalid (error, side, "$", _("not JSON that json-glib reads"));
  side->root = json_parser_steal_root (parser);

  return check_side (side, error);
}

/* Matching */

static void
slot_free (Slot *slot)
{
  g_free (slot->id);
  g_free (slot->key);
  g_free (slot);
}

static gint64
int_member (JsonObject *object,
            const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return -1;
  return json_node_get_int (node);
}

static void
append_offsets (GString   *key,
                JsonArray *spans)
{
  for (guint i = 0; spans != NULL && i < json_array_get_length (spans); i++)
    {
      JsonNode *node = json_array_get_element (spans, i);
      JsonObject *span = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

      g_string_append_printf (key, "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT ";",
                              int_member (span, "start"), int_member (span, "end"));
    }
}

static void
append_party (GString    *key,
              JsonObject *stance,
              const char *party)
{
  JsonObject *object = object_member (stance, party);

  g_string_append_printf (key, "%s:%s:%s\x1f", string_member (object, "type") ?: "",
                          string_member (object, "entity") ?: "", string_member (object, "topic") ?: "");
}

/* What makes two annotations added apart the same one. */
static char *
item_key (Kind        kind,
          JsonObject *item)
{
  GString *key = g_string_new (NULL);

  switch (kind)
    {
    case KIND_ENTITY:
      g_string_append_printf (key, "%s\x1f%s", string_member (item, "label") ?: "",
                              string_member (item, "name") ?: "");
      break;

    case KIND_MENTION:
      g_string_append_printf (key, "%s\x1f", string_member (item, "label") ?: "");
      append_offsets (key, array_member (item, "fragments"));
      break;

    case KIND_STANCE:
    case N_KINDS:
    default:
      append_party (key, item, "holder");
      append_party (key, item, "target");
      g_string_append_printf (key, "%s\x1f", string_member (item, "polarity") ?: "");
      append_offsets (key, array_member (item, "evidence"));
      break;
    }

  return g_string_free (key, FALSE);
}

/* The id of the entity @id of theirs in the result, when it differs. */
static const char *
renamed_entity (Merge      *m,
                const char *id)
{
  const char *mapped = id != NULL ? g_hash_table_lookup (m->theirs_map[KIND_ENTITY], id) : NULL;

  return mapped != NULL && !g_str_equal (mapped, id) ? mapped : NULL;
}

static JsonObject *
copy_of (Merge      *m,
         JsonObject *item)
{
  g_autoptr(JsonNode) node = json_node_alloc ();
  JsonNode *copy;

  json_node_init_object (node, item);
  copy = _glossator_json_deep_copy (node);
  g_ptr_array_add (m->copies, copy);
  return json_node_get_object (copy);
}

/* An annotation of theirs naming entities by their ids in the result and
 * with @id (nullable: its own): @item itself when nothing changes, which is
 * nearly always (copying every annotation would cost a sixth of a merge). */
static JsonObject *
map_theirs (Merge      *m,
            Kind        kind,
            JsonObject *item,
            const char *id)
{
  const char *entity = kind == KIND_MENTION ? renamed_entity (m, string_member (item, "entity")) : NULL;
  const char *holder = kind == KIND_STANCE ? renamed_entity (m, party_entity (item, "holder")) : NULL;
  const char *target = kind == KIND_STANCE ? renamed_entity (m, party_entity (item, "target")) : NULL;
  JsonObject *copy;

  if (id != NULL && g_str_equal (id, string_member (item, "id")))
    id = NULL;
  if (entity == NULL && holder == NULL && target == NULL && id == NULL)
    return item;

  copy = copy_of (m, item);
  if (entity != NULL)
    json_object_set_string_member (copy, "entity", entity);
  if (holder != NULL)
    json_object_set_string_member (object_member (copy, "holder"), "entity", holder);
  if (target != NULL)
    json_object_set_string_member (object_member (copy, "target"), "entity", target);
  if (id != NULL)
    json_object_set_string_member (copy, "id", id);

  return copy;
}

static gboolean
id_taken (Merge      *m,
          Kind        kind,
          const char *id,
          gboolean    by_theirs_too)
{
  return g_hash_table_contains (m->base.by_id[kind], id) ||
         g_hash_table_contains (m->ours.by_id[kind], id) ||
         (by_theirs_too && g_hash_table_contains (m->theirs.by_id[kind], id)) ||
         g_hash_table_contains (m->slot_by_id[kind], id);
}

/* "m12-ab3" → "m", 12, "-ab3"; FALSE when there is no number after the
 * prefix. */
static gboolean
split_id (const char  *id,
          char       **prefix,
          guint64     *number,
          const char **rest)
{
  const char *digits = id;
  char *end;

  while (*digits != '\0' && !g_ascii_isdigit (*digits))
    digits++;
  if (*digits == '\0')
    return FALSE;
  *prefix = g_strndup (id, digits - id);
  *number = g_ascii_strtoull (digits, &end, 10);
  *rest = end;
  return TRUE;
}

static void
note_max (gpointer key,
          gpointer value,
          gpointer user_data)
{
  gpointer *args = user_data;
  const char *prefix = args[0];
  guint64 *max = args[1];
  g_autofree char *id_prefix = NULL;
  guint64 number;
  const char *rest;

  if (split_id (key, &id_prefix, &number, &rest) && g_str_equal (id_prefix, prefix))
    *max = MAX (*max, number);
}

/* An id for an addition of theirs whose own is taken: the same prefix and
 * suffix, a number above every one in use, so it stays short and the
 * result does not depend on hashing. */
static char *
fresh_id (Merge      *m,
          Kind        kind,
          const char *like)
{
  g_autofree char *prefix = NULL;
  guint64 number = 0, max = 0;
  const char *rest = "";
  GHashTable *tables[] = {
    m->base.by_id[kind], m->ours.by_id[kind], m->theirs.by_id[kind], m->slot_by_id[kind]
  };
  gpointer args[2];

  if (!split_id (like, &prefix, &number, &rest))
    {
      prefix = g_strconcat (like, "-", NULL);
      rest = "";
    }
  args[0] = prefix;
  args[1] = &max;
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    g_hash_table_foreach (tables[i], note_max, args);

  for (;;)
    {
      char *id = g_strdup_printf ("%s%" G_GUINT64_FORMAT "%s", prefix, ++max, rest);

      if (!id_taken (m, kind, id, TRUE))
        return id;
      g_free (id);
    }
}

static Slot *
add_slot (Merge      *m,
          Kind        kind,
          const char *id,
          JsonObject *base,
          JsonObject *ours,
          JsonObject *theirs)
{
  Slot *slot = g_new0 (Slot, 1);

  slot->id = g_strdup (id);
  slot->base = base;
  slot->ours = ours;
  slot->theirs = theirs;
  g_ptr_array_add (m->slots[kind], slot);
  g_hash_table_insert (m->slot_by_id[kind], slot->id, slot);

  return slot;
}

static void
match_kind (Merge *m,
            Kind   kind)
{
  g_autoptr(GHashTable) ours_added = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                             NULL, (GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < m->base.items[kind]->len; i++)
    {
      JsonObject *base = g_ptr_array_index (m->base.items[kind], i);
      const char *id = string_member (base, "id");
      JsonObject *theirs = g_hash_table_lookup (m->theirs.by_id[kind], id);

      add_slot (m, kind, id, base, g_hash_table_lookup (m->ours.by_id[kind], id),
                theirs != NULL ? map_theirs (m, kind, theirs, NULL) : NULL);
      g_hash_table_insert (m->theirs_map[kind], (gpointer) id, (gpointer) id);
    }

  for (guint i = 0; i < m->ours.items[kind]->len; i++)
    {
      JsonObject *ours = g_ptr_array_index (m->ours.items[kind], i);
      const char *id = string_member (ours, "id");
      GPtrArray *same;
      Slot *slot;

      if (g_hash_table_contains (m->base.by_id[kind], id))
        continue;
      slot = add_slot (m, kind, id, NULL, ours, NULL);
      slot->key = item_key (kind, ours);
      if ((same = g_hash_table_lookup (ours_added, slot->key)) == NULL)
        g_hash_table_insert (ours_added, slot->key, (same = g_ptr_array_new ()));
      g_ptr_array_add (same, slot);
    }

  for (guint i = 0; i < m->theirs.items[kind]->len; i++)
    {
      JsonObject *theirs = g_ptr_array_index (m->theirs.items[kind], i);
      const char *id = string_member (theirs, "id");
      g_autofree char *key = NULL;
      JsonObject *mapped;
      GPtrArray *same;
      Slot *slot;

      if (g_hash_table_contains (m->base.by_id[kind], id))
        continue;

      mapped = map_theirs (m, kind, theirs, NULL);
      key = item_key (kind, mapped);

      /* The same addition: under the same id first, else the first of
       * ours with the same content not matched yet. */
      slot = g_hash_table_lookup (m->slot_by_id[kind], id);
      if (slot == NULL || slot->key == NULL || slot->theirs != NULL || !g_str_equal (slot->key, key))
        {
          slot = NULL;
          same = g_hash_table_lookup (ours_added, key);
          for (guint j = 0; same != NULL && j < same->len && slot == NULL; j++)
            if (((Slot *) g_ptr_array_index (same, j))->theirs == NULL)
              slot = g_ptr_array_index (same, j);
        }

      if (slot == NULL)
        {
          g_autofree char *new_id = id_taken (m, kind, id, FALSE) ? fresh_id (m, kind, id) : g_strdup (id);

          slot = add_slot (m, kind, new_id, NULL, NULL, NULL);
        }
      /* Compared, and written, under its id in the result. */
      slot->theirs = map_theirs (m, kind, mapped, slot->id);
      g_hash_table_insert (m->theirs_map[kind], (gpointer) id, slot->id);
    }
}

/* Resolving */

static gboolean
nodes_equal (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return json_node_equal (a, b);
}

static JsonNode *
copy_object_node (JsonObject *object)
{
  g_autoptr(JsonNode) node = NULL;

  if (object == NULL)
    return json_node_new (JSON_NODE_NULL);
  node = json_node_alloc ();
  json_node_init_object (node, object);
  return _glossator_json_deep_copy (node);
}

static JsonNode *
copy_node (JsonNode *node)
{
  return node != NULL ? _glossator_json_deep_copy (node) : json_node_new (JSON_NODE_NULL);
}

static void
add_conflict (Merge      *m,
              const char *kind,
              const char *id,
              JsonNode   *ours,
              JsonNode   *theirs)
{
  g_autoptr(JsonObject) conflict = json_object_new ();

  json_object_set_string_member (conflict, "kind", kind);
  if (id != NULL)
    json_object_set_string_member (conflict, "id", id);
  json_object_set_member (conflict, "ours", ours);
  json_object_set_member (conflict, "theirs", theirs);
  json_array_add_object_element (m->conflicts, g_steal_pointer (&conflict));
}

static void
slot_conflict (Merge *m,
               Kind   kind,
               Slot  *slot)
{
  if (slot->conflict)
    return;
  slot->conflict = TRUE;
  add_conflict (m, kind_names[kind], slot->id, copy_object_node (slot->ours), copy_object_node (slot->theirs));
}

static const char * const authorship_members[] = { "author", "created", "modified", NULL };

/* Equal but for who made them and when: the same annotation made twice,
 * or saved again, is no change by itself. */
static gboolean
annotations_equal (JsonObject *a,
                   JsonObject *b)
{
  g_autoptr(JsonObject) plain_a = NULL;
  g_autoptr(JsonObject) plain_b = NULL;
  JsonObject *objects[] = { a, b };
  JsonObject **plain[] = { &plain_a, &plain_b };

  if (a == NULL || b == NULL)
    return a == b;
  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *node;

      *plain[i] = json_object_new ();
      json_object_iter_init (&iter, objects[i]);
      while (json_object_iter_next (&iter, &name, &node))
        if (!g_strv_contains (authorship_members, name))
          json_object_set_member (*plain[i], name, json_node_ref (node));
    }
  return json_object_equal (plain_a, plain_b);
}

/* Of two versions equal but for their authorship, the one changed last
 * (ISO 8601 UTC times compare as strings); ours when no later one. */
static JsonObject *
later_of (JsonObject *ours,
          JsonObject *theirs)
{
  const char *ours_time = string_member (ours, "modified");
  const char *theirs_time = string_member (theirs, "modified");

  return theirs_time != NULL && g_strcmp0 (theirs_time, ours_time) > 0 ? theirs : ours;
}

static void
resolve_kind (Merge *m,
              Kind   kind)
{
  for (guint i = 0; i < m->slots[kind]->len; i++)
    {
      Slot *slot = g_ptr_array_index (m->slots[kind], i);

      if (annotations_equal (slot->ours, slot->theirs))
        slot->result = slot->ours != NULL ? later_of (slot->ours, slot->theirs) : NULL;
      else if (annotations_equal (slot->base, slot->ours))
        slot->result = slot->theirs;
      else if (annotations_equal (slot->base, slot->theirs))
        slot->result = slot->ours;
      else
        {
          /* A deletion is what loses data: the annotation stays as the
           * side that kept it has it. */
          slot->result = slot->ours != NULL ? slot->ours : slot->theirs;
          slot_conflict (m, kind, slot);
        }
    }
}

/* An entity deleted on one side while the other still refers to it (a
 * mention added to it, a stance naming it) is kept, and the deletion is a
 * conflict. */
static void
keep_entity (Merge      *m,
             const char *id)
{
  Slot *slot;

  if (id == NULL || (slot = g_hash_table_lookup (m->slot_by_id[KIND_ENTITY], id)) == NULL ||
      slot->result != NULL)
    return;

  slot->result = slot->ours != NULL ? slot->ours : slot->theirs != NULL ? slot->theirs : slot->base;
  slot_conflict (m, KIND_ENTITY, slot);
}

static void
keep_referenced_entities (Merge *m)
{
  for (guint i = 0; i < m->slots[KIND_MENTION]->len; i++)
    {
      Slot *slot = g_ptr_array_index (m->slots[KIND_MENTION], i);

      if (slot->result != NULL)
        keep_entity (m, string_member (slot->result, "entity"));
    }
  for (guint i = 0; i < m->slots[KIND_STANCE]->len; i++)
    {
      Slot *slot = g_ptr_array_index (m->slots[KIND_STANCE], i);

      if (slot->result != NULL)
        {
          keep_entity (m, party_entity (slot->result, "holder"));
          keep_entity (m, party_entity (slot->result, "target"));
        }
    }
}

static JsonNode *
member_or_null (JsonObject *object,
                const char *member)
{
  return object != NULL ? json_object_get_member (object, member) : NULL;
}

/* The names of the members of @a, then those of @b not in @a, then those
 * of @c in neither. */
static GPtrArray *
member_names (JsonObject *a,
              JsonObject *b,
              JsonObject *c)
{
  JsonObject *objects[] = { a, b, c };
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; i < G_N_ELEMENTS (objects); i++)
    {
      g_autoptr(GList) list = objects[i] != NULL ? json_object_get_members (objects[i]) : NULL;

      for (GList *l = list; l != NULL; l = l->next)
        if (!g_ptr_array_find_with_equal_func (names, l->data, g_str_equal, NULL))
          g_ptr_array_add (names, l->data);
    }

  return names;
}

typedef enum {
  MEMBER_CONFLICT_OURS,    /* keep ours (or what was not deleted), report */
  MEMBER_CONFLICT_LATER,   /* bookkeeping: the side saved later wins */
} MemberConflict;

/* A three-way merge of the members of an object; TRUE when clean. Each
 * member conflicting under MEMBER_CONFLICT_OURS is reported to
 * @report_member (when not NULL) by name. */
static gboolean
merge_members (Merge          *m,
               JsonObject     *base,
               JsonObject     *ours,
               JsonObject     *theirs,
               const char * const *skip,
               MemberConflict  on_conflict,
               JsonObject     *out,
               void          (*report_member) (Merge *m, const char *name, JsonNode *ours, JsonNode *theirs))
{
  g_autoptr(GPtrArray) names = member_names (ours, theirs, base);
  gboolean clean = TRUE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      JsonNode *b = member_or_null (base, name);
      JsonNode *o = member_or_null (ours, name);
      JsonNode *t = member_or_null (theirs, name);
      JsonNode *result;

      if (skip != NULL && g_strv_contains (skip, name))
        continue;

      if (nodes_equal (o, t))
        result = o;
      else if (nodes_equal (b, o))
        result = t;
      else if (nodes_equal (b, t))
        result = o;
      else if (on_conflict == MEMBER_CONFLICT_LATER)
        result = (m->theirs_later && t != NULL) || o == NULL ? t : o;
      else
        {
          result = o != NULL ? o : t;
          clean = FALSE;
          if (report_member != NULL)
            report_member (m, name, copy_node (o), copy_node (t));
        }

      if (result != NULL)
        json_object_set_member (out, name, _glossator_json_deep_copy (result));
    }

  return clean;
}

static void
report_top_member (Merge      *m,
                   const char *name,
                   JsonNode   *ours,
                   JsonNode   *theirs)
{
  add_conflict (m, "member", name, ours, theirs);
}

/* created: the earlier; modified: the later (ISO 8601 UTC times sort as
 * strings). */
static void
merge_time (JsonObject *out,
            const char *member,
            JsonObject *ours,
            JsonObject *theirs,
            gboolean    later)
{
  const char *o = string_member (ours, member);
  const char *t = string_member (theirs, member);
  const char *result;

  if (o == NULL || t == NULL)
    result = o != NULL ? o : t;
  else
    result = (strcmp (o, t) < 0) == later ? t : o;

  if (result != NULL)
    json_object_set_string_member (out, member, result);
}

static JsonObject *
merge_document (Merge *m)
{
  static const char * const times[] = { "created", "modified", NULL };
  JsonObject *base = object_member (m->base.top, "document");
  JsonObject *ours = object_member (m->ours.top, "document");
  JsonObject *theirs = object_member (m->theirs.top, "document");
  g_autoptr(GPtrArray) names = member_names (ours, theirs, base);
  g_autoptr(JsonObject) out = json_object_new ();
  g_autoptr(JsonObject) rest = json_object_new ();

  if (ours == NULL && theirs == NULL)
    return NULL;

  if (!merge_members (m, base, ours, theirs, times, MEMBER_CONFLICT_OURS, rest, NULL))
    add_conflict (m, "document", NULL, copy_object_node (ours), copy_object_node (theirs));

  /* In the order of the sides, the times where they were. */
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_strv_contains (times, name))
        merge_time (out, name, ours, theirs, g_str_equal (name, "modified"));
      else if (json_object_has_member (rest, name))
        json_object_set_member (out, name, json_node_copy (json_object_get_member (rest, name)));
    }

  return g_steal_pointer (&out);
}

static gboolean
array_contains (JsonArray *array,
                JsonNode  *node)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (json_node_equal (json_array_get_element (array, i), node))
      return TRUE;
  return FALSE;
}

/* Conflicts recorded by earlier merges stay until a side resolves them
 * (removes their entry). */
static JsonArray *
merge_conflicts (Merge *m)
{
  JsonArray *base = array_member (m->base.top, "conflicts");
  JsonArray *ours = array_member (m->ours.top, "conflicts");
  JsonArray *theirs = array_member (m->theirs.top, "conflicts");
  g_autoptr(JsonArray) out = json_array_new ();

  for (guint i = 0; ours != NULL && i < json_array_get_length (ours); i++)
    {
      JsonNode *entry = json_array_get_element (ours, i);

      if ((!array_contains (base, entry) || array_contains (theirs, entry)) && !array_contains (out, entry))
        json_array_add_element (out, _glossator_json_deep_copy (entry));
    }
  for (guint i = 0; theirs != NULL && i < json_array_get_length (theirs); i++)
    {
      JsonNode *entry = json_array_get_element (theirs, i);

      if (!array_contains (base, entry) && !array_contains (out, entry))
        json_array_add_element (out, _glossator_json_deep_copy (entry));
    }
  for (guint i = 0; i < json_array_get_length (m->conflicts); i++)
    json_array_add_element (out, json_node_copy (json_array_get_element (m->conflicts, i)));

  return g_steal_pointer (&out);
}

static guint
first_start (JsonObject *mention)
{
  JsonArray *fragments = array_member (mention, "fragments");
  JsonNode *node = fragments != NULL && json_array_get_length (fragments) > 0
                     ? json_array_get_element (fragments, 0) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? (guint) int_member (json_node_get_object (node), "start") : 0;
}

static guint
last_end (JsonObject *mention)
{
  JsonArray *fragments = array_member (mention, "fragments");
  guint n = fragments != NULL ? json_array_get_length (fragments) : 0;
  JsonNode *node = n > 0 ? json_array_get_element (fragments, n - 1) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? (guint) int_member (json_node_get_object (node), "end") : 0;
}

/* The writer's order (doc/sidecar-format.md, Determinism). */
static int
compare_by_id (gconstpointer a,
               gconstpointer b)
{
  return glossator_id_compare (string_member (*(JsonObject **) a, "id"), string_member (*(JsonObject **) b, "id"));
}

static int
compare_mentions (gconstpointer a,
                  gconstpointer b)
{
  JsonObject *x = *(JsonObject **) a, *y = *(JsonObject **) b;
  guint xs = first_start (x), ys = first_start (y);
  guint xe = last_end (x), ye = last_end (y);

  if (xs != ys)
    return xs < ys ? -1 : 1;
  if (xe != ye)
    return xe < ye ? -1 : 1;
  return compare_by_id (a, b);
}

static JsonArray *
results_of (Merge *m,
            Kind   kind)
{
  g_autoptr(GPtrArray) results = g_ptr_array_new ();
  JsonArray *array;

  for (guint i = 0; i < m->slots[kind]->len; i++)
    {
      Slot *slot = g_ptr_array_index (m->slots[kind], i);

      if (slot->result != NULL)
        g_ptr_array_add (results, slot->result);
    }
  g_ptr_array_sort (results, kind == KIND_MENTION ? compare_mentions : compare_by_id);

  array = json_array_sized_new (results->len);
  for (guint i = 0; i < results->len; i++)
    {
      /* Shared, not copied: the sides outlive the result's bytes. */
      JsonNode *node = json_node_alloc ();

      json_node_init_object (node, g_ptr_array_index (results, i));
      json_array_add_element (array, node);
    }
  return array;
}

static void
merge_clear (Merge *m)
{
  side_clear (&m->base);
  side_clear (&m->ours);
  side_clear (&m->theirs);
  for (guint k = 0; k < N_KINDS; k++)
    {
      g_clear_pointer (&m->theirs_map[k], g_hash_table_unref);
      g_clear_pointer (&m->slot_by_id[k], g_hash_table_unref);
      g_clear_pointer (&m->slots[k], g_ptr_array_unref);
    }
  g_clear_pointer (&m->copies, g_ptr_array_unref);
  g_clear_pointer (&m->conflicts, json_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Merge, merge_clear)

GBytes *
glossator_merge_sidecars (const char  *base_name,
                          GBytes      *base,
                          const char  *ours_name,
                          GBytes      *ours,
                          const char  *theirs_name,
                          GBytes      *theirs,
                          guint       *n_conflicts,
                          GError     **error)
{
  g_auto(Merge) m = { 0 };
  g_autoptr(JsonObject) top = json_object_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) conflicts = NULL;
  g_autoptr(JsonObject) article = json_object_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) check_error = NULL;
  JsonObject *document;
  g_autofree char *guard_path = NULL;
  Side check = { 0 };
  const char *ours_modified, *theirs_modified;
  const char *data;
  gsize n_bytes;
  gboolean checked;

  g_return_val_if_fail (base_name != NULL && ours_name != NULL && theirs_name != NULL, NULL);
  g_return_val_if_fail (ours != NULL && theirs != NULL, NULL);

  if (!side_load (&m.ours, ours_name, ours, FALSE, error) ||
      !side_load (&m.theirs, theirs_name, theirs, FALSE, error) ||
      !side_load (&m.base, base_name, base, TRUE, error))
    return NULL;

  /* Offsets count code points of one text: spans written against two
   * texts cannot be put side by side. Opening each in Glossator with the
   * article as it is now re-anchors them. */
  if (g_strcmp0 (string_member (object_member (m.ours.top, "article"), "sha256"),
                 string_member (object_member (m.theirs.top, "article"), "sha256")) != 0)
    {
      g_set_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_DIFFERENT_TEXT,
                   _("%s and %s annotate different versions of the article (their article.sha256 "
                     "differ): open each in Glossator with the article as it is now, save, and merge again"),
                   ours_name, theirs_name);
      return NULL;
    }

  for (guint k = 0; k < N_KINDS; k++)
    {
      m.slots[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) slot_free);
      m.slot_by_id[k] = g_hash_table_new (g_str_hash, g_str_equal);
      m.theirs_map[k] = g_hash_table_new (g_str_hash, g_str_equal);
    }
  m.copies = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);
  m.conflicts = json_array_new ();
  ours_modified = string_member (object_member (m.ours.top, "document"), "modified");
  theirs_modified = string_member (object_member (m.theirs.top, "document"), "modified");
  m.theirs_later = g_strcmp0 (theirs_modified, ours_modified) > 0;

  /* Entities first: mentions and stances of theirs are compared with
   * their entities' ids in the result. */
  for (guint k = 0; k < N_KINDS; k++)
    {
      match_kind (&m, k);
      resolve_kind (&m, k);
    }
  keep_referenced_entities (&m);

  json_object_set_string_member (top, "format", GLOSSATOR_SIDECAR_FORMAT);
  json_object_set_int_member (top, "version", GLOSSATOR_SIDECAR_VERSION);
  json_object_set_string_member (top, "offset_unit", "codepoint");
  merge_members (&m, object_member (m.base.top, "article"), object_member (m.ours.top, "article"),
                 object_member (m.theirs.top, "article"), NULL, MEMBER_CONFLICT_LATER, article, NULL);
  json_object_set_object_member (top, "article", g_steal_pointer (&article));
  if ((document = merge_document (&m)) != NULL)
    json_object_set_object_member (top, "document", document);
  for (guint k = 0; k < N_KINDS; k++)
    json_object_set_array_member (top, array_names[k], results_of (&m, k));
  merge_members (&m, m.base.top, m.ours.top, m.theirs.top, known_top_members, MEMBER_CONFLICT_OURS,
                 top, report_top_member);

  conflicts = merge_conflicts (&m);
  if (json_array_get_length (conflicts) > 0)
    json_object_set_array_member (top, "conflicts", json_array_ref (conflicts));
  if (n_conflicts != NULL)
    *n_conflicts = json_array_get_length (m.conflicts);

  root = json_node_new (JSON_NODE_OBJECT);
  json_node_take_object (root, g_steal_pointer (&top));
  bytes = _glossator_sidecar_serialize_json (root);

  /* Never hand back what the merge itself would refuse, nor what the
   * sidecar reader would: a conflict holds an annotation one level deeper
   * than it was, which may pass the nesting limit. */
  data = g_bytes_get_data (bytes, &n_bytes);
  if (!glossator_json_guard (data, n_bytes, &guard_path, &check_error))
    {
      g_set_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_INVALID,
                   _("%s: not merged: the result would be invalid (%s: %s)"),
                   ours_name, guard_path, check_error->message);
      return NULL;
    }
  side_init (&check, _("the merged sidecar"));
  check.root = json_node_ref (root);
  checked = check_side (&check, &check_error);
  side_clear (&check);
  if (!checked)
    {
      g_critical ("%s", check_error->message);
      g_set_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_INVALID,
                   _("%s: not merged: the result would be invalid (%s)"), ours_name, check_error->message);
      return NULL;
    }

  return g_steal_pointer (&bytes);
}

static GBytes *
load_bytes (GFile         *file,
            const char    *name,
            gboolean       may_be_missing,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (may_be_missing && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return g_bytes_new (NULL, 0);
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

gboolean
glossator_merge_files (GFile         *base,
                       GFile         *ours,
                       GFile         *theirs,
                       const char    *path_name,
                       guint         *n_conflicts,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GBytes) base_bytes = NULL;
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GBytes) theirs_bytes = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autofree char *base_name = NULL;
  g_autofree char *ours_name = NULL;
  g_autofree char *theirs_name = NULL;

  g_return_val_if_fail (G_IS_FILE (base) && G_IS_FILE (ours) && G_IS_FILE (theirs), FALSE);

  if (path_name != NULL)
    {
      /* Translators: the sidecar's path, and which version of it. */
      base_name = g_strdup_printf (_("%s (base)"), path_name);
      ours_name = g_strdup_printf (_("%s (ours)"), path_name);
      theirs_name = g_strdup_printf (_("%s (theirs)"), path_name);
    }
  else
    {
      base_name = _glossator_sidecar_display_name (base);
      ours_name = _glossator_sidecar_display_name (ours);
      theirs_name = _glossator_sidecar_display_name (theirs);
    }

  if ((ours_bytes = load_bytes (ours, ours_name, FALSE, cancellable, error)) == NULL ||
      (theirs_bytes = load_bytes (theirs, theirs_name, FALSE, cancellable, error)) == NULL ||
      (base_bytes = load_bytes (base, base_name, TRUE, cancellable, error)) == NULL)
    return FALSE;

  merged = glossator_merge_sidecars (base_name, base_bytes, ours_name, ours_bytes,
                                     theirs_name, theirs_bytes, n_conflicts, error);
  if (merged == NULL)
    return FALSE;

  /* Unchanged bytes need no write (git compares the file anyway). */
  if (g_bytes_equal (merged, ours_bytes))
    return TRUE;
  return _glossator_atomic_file_replace (ours, merged, TRUE, cancellable, error);
}

gboolean
glossator_merge_is_set_up (GFile        *folder,
                           GCancellable *cancellable)
{
  g_autoptr(GFile) root = NULL;
  g_autoptr(GFile) attributes = NULL;
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  if ((root = _glossator_find_work_tree_root (folder)) == NULL)
    return FALSE;
  attributes = g_file_get_child (root, ".gitattributes");
  if (!g_file_load_contents (attributes, cancellable, &contents, NULL, NULL, NULL))
    return FALSE;

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit_set (lines[i], " \t\r", -1);

      if (fields[0] != NULL && fields[0][0] == '#')
        continue;
      if (g_strv_contains ((const char * const *) fields, "merge=" GLOSSATOR_MERGE_DRIVER))
        return TRUE;
    }

  return FALSE;
}

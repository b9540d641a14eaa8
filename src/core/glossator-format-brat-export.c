/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-format-brat-private.h"
#include "glossator-union-find-private.h"

/* brat standoff: the exporter. */

/* brat keeps the text of notes (and of N lines) as it is, with no escapes
 * (server/src/annotation.py): a line break cannot be in one. Appends @str
 * with each line break (CRLF counted once) made a space; FALSE when there
 * was one. */
static gboolean
append_one_line (GString    *out,
                 const char *str)
{
  gboolean exact = TRUE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' && p[1] == '\n')
        continue;
      if (_glossator_brat_is_line_break (c))
        {
          g_string_append_c (out, ' ');
          exact = FALSE;
        }
      else
        g_string_append_unichar (out, c);
    }
  return exact;
}

/* JSON in a note line: line separators escaped too. */
static void
append_note_json (GString  *out,
                  JsonNode *node)
{
  g_autoptr(GString) json = g_string_new (NULL);

  _glossator_json_append_node (json, node);
  for (const char *p = json->str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_brat_is_line_break (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_unichar (out, c);
    }
}

static gboolean
is_brat_name (const char *str)
{
  if (str == NULL || *str == '\0')
    return FALSE;
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c) || _glossator_brat_is_line_break (c) || c == ':' || c == ';' || c == '\t')
        return FALSE;
    }
  return TRUE;
}

/* A KB id fits an N line, and a value an A line, when it has no white
 * space. */
static gboolean
is_kb_token (const char *str)
{
  if (*str == '\0')
    return FALSE;
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c) || _glossator_brat_is_line_break (c))
        return FALSE;
    }
  return TRUE;
}

static char *
brat_name (const char *str)
{
  GString *out = g_string_new (NULL);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c) || _glossator_brat_is_line_break (c) || c == ':' || c == ';')
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

typedef struct {
  char       *txt;
  gsize       txt_len;
  GString    *ann;
  GHashTable *entity_types;
  GHashTable *event_types;
  GHashTable *relation_types;
  GHashTable *attributes;
  gboolean    has_stances;
} BratRender;

static void
brat_render_free (BratRender *r)
{
  g_free (r->txt);
  g_string_free (r->ann, TRUE);
  g_hash_table_unref (r->entity_types);
  g_hash_table_unref (r->event_types);
  g_hash_table_unref (r->relation_types);
  g_hash_table_unref (r->attributes);
  g_free (r);
}

static GHashTable *
new_set (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static GHashTable *
new_set_map (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_hash_table_unref);
}

static void
add_to_set_map (GHashTable *map,
                const char *key,
                const char *value)
{
  GHashTable *values = g_hash_table_lookup (map, key);

  if (values == NULL)
    {
      values = new_set ();
      g_hash_table_insert (map, g_strdup (key), values);
    }
  if (value != NULL && !g_hash_table_contains (values, value))
    g_hash_table_add (values, g_strdup (value));
}

typedef struct {
  GHashTable *used;     /* "T12" etc. */
  guint       next[128];
} Ids;

static gboolean
parse_id (const char *id,
          char       *prefix,
          guint      *number)
{
  char *end;
  guint64 value;

  if (id == NULL || strchr ("TEARNM#", id[0]) == NULL || !g_ascii_isdigit (id[1]))
    return FALSE;
  value = g_ascii_strtoull (id + 1, &end, 10);
  if (*end != '\0' || value == 0 || value > G_MAXUINT / 2)
    return FALSE;
  *prefix = id[0];
  *number = (guint) value;
  return TRUE;
}

static void
ids_use (Ids        *ids,
         const char *id)
{
  char prefix;
  guint number;

  if (!parse_id (id, &prefix, &number))
    return;
  g_hash_table_add (ids->used, g_strdup (id));
  ids->next[(guint) prefix] = MAX (ids->next[(guint) prefix], number + 1);
}

static char *
ids_new (Ids  *ids,
         char  prefix)
{
  char *id;

  if (ids->next[(guint) prefix] == 0)
    ids->next[(guint) prefix] = 1;
  id = g_strdup_printf ("%c%u", prefix, ids->next[(guint) prefix]++);
  g_hash_table_add (ids->used, g_strdup (id));
  return id;
}

/* A string element of a sidecar's array; NULL for any other (a sidecar
 * edited by hand). */
static const char *
string_element (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

/* Fragments as brat stores them: cut at line breaks, which are left out. */
static GArray *
split_at_line_breaks (GlossatorText       *text,
                      const GlossatorSpan *spans,
                      guint                n_spans)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint s = 0; s < n_spans; s++)
    {
      int start = -1;

      for (guint i = spans[s].start; i < spans[s].end; i++)
        {
          if (_glossator_brat_is_line_break (glossator_text_get_char (text, i)))
            {
              if (start >= 0)
                {
                  guint st = start;

                  g_array_append_val (out, st);
                  g_array_append_val (out, i);
                }
              start = -1;
            }
          else if (start < 0)
            start = i;
        }
      if (start >= 0)
        {
          guint st = start;

          g_array_append_val (out, st);
          g_array_append_val (out, spans[s].end);
        }
    }

  return out;
}

static gboolean
same_spans (const GArray        *pairs,
            const GlossatorSpan *spans,
            guint                n_spans)
{
  if (pairs->len != n_spans * 2)
    return FALSE;
  for (guint i = 0; i < n_spans; i++)
    if (g_array_index (pairs, guint, 2 * i) != spans[i].start ||
        g_array_index (pairs, guint, 2 * i + 1) != spans[i].end)
      return FALSE;
  return TRUE;
}

static JsonArray *
spans_to_json (const GlossatorSpan *spans,
               guint                n_spans,
               guint                shift)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < n_spans; i++)
    {
      JsonArray *pair = json_array_new ();

      json_array_add_int_element (pair, spans[i].start + shift);
      json_array_add_int_element (pair, spans[i].end + shift);
      json_array_add_array_element (array, pair);
    }
  return array;
}

typedef struct {
  char      *id;
  char      *line;      /* Equiv lines */
  GPtrArray *args;      /* Equiv lines: the ids */
  int        position;
  gboolean   taken;
} LayoutEntry;

static void
layout_entry_free (LayoutEntry *e)
{
  g_free (e->id);
  g_free (e->line);
  if (e->args != NULL)
    g_ptr_array_unref (e->args);
  g_free (e);
}

typedef struct {
  char     *text;
  int       position;   /* its place; when not placed, that of the line before it */
  gboolean  placed;
  guint     seq;
} OutLine;

static void
out_line_free (OutLine *l)
{
  g_free (l->text);
  g_free (l);
}

typedef struct {
  GPtrArray  *entries;       /* LayoutEntry* */
  GHashTable *by_id;         /* "T1", "E1" → LayoutEntry* */
  GHashTable *by_role;       /* "A Mention T1" → LayoutEntry* */
  GPtrArray  *equivs;        /* LayoutEntry* */
  GArray     *unmapped;      /* int: places of the lines of brat_unmapped */
  GPtrArray  *out;           /* OutLine* */
  int         anchor;
} Layout;

static void
layout_init (Layout     *layout,
             JsonObject *attributes,
             Ids        *ids)
{
  JsonNode *node = attributes != NULL ? json_object_get_member (attributes, BRAT_LAYOUT) : NULL;
  JsonArray *array = node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  layout->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) layout_entry_free);
  layout->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  layout->by_role = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  layout->equivs = g_ptr_array_new ();
  layout->unmapped = g_array_new (FALSE, FALSE, sizeof (int));
  layout->out = g_ptr_array_new_with_free_func ((GDestroyNotify) out_line_free);
  layout->anchor = -1;

  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      const char *item = string_element (array, i);
      g_auto(GStrv) fields = NULL;
      g_auto(GStrv) words = NULL;
      LayoutEntry *e;
      char prefix;
      guint number;
      int position = (int) i;

      if (item == NULL || strchr (item, '\n') != NULL || strchr (item, '\r') != NULL)
        continue;
      if (*item == '\0')
        {
          g_array_append_val (layout->unmapped, position);
          continue;
        }
      fields = g_strsplit (item, "\t", 2);
      e = g_new0 (LayoutEntry, 1);
      e->id = g_strdup (fields[0]);
      e->position = position;
      g_ptr_array_add (layout->entries, e);
      if (fields[1] == NULL)
        {
          if (!g_hash_table_contains (layout->by_id, e->id))
            g_hash_table_insert (layout->by_id, e->id, e);
        }
      else if (g_str_equal (e->id, "*"))
        {
          words = g_strsplit (fields[1], " ", -1);
          e->line = g_strdup (item);
          e->args = g_ptr_array_new_with_free_func (g_free);
          for (guint w = 1; words[0] != NULL && words[w] != NULL; w++)
            if (*words[w] != '\0')
              g_ptr_array_add (e->args, g_strdup (words[w]));
          if (g_str_equal (words[0], "Equiv"))
            g_ptr_array_add (layout->equivs, e);
        }
      else if (parse_id (e->id, &prefix, &number))
        {
          char *role = g_strdup_printf ("%c %s", prefix == 'M' ? 'A' : prefix, fields[1]);

          if (!g_hash_table_contains (layout->by_role, role))
            g_hash_table_insert (layout->by_role, role, e);
          else
            g_free (role);
        }
      /* Taken ids are not handed out again. */
      if (parse_id (e->id, &prefix, &number))
        ids->next[(guint) prefix] = MAX (ids->next[(guint) prefix], number + 1);
    }
}

static void
layout_clear (Layout *layout)
{
  g_clear_pointer (&layout->by_id, g_hash_table_unref);
  g_clear_pointer (&layout->by_role, g_hash_table_unref);
  g_clear_pointer (&layout->equivs, g_ptr_array_unref);
  g_clear_pointer (&layout->entries, g_ptr_array_unref);
  g_clear_pointer (&layout->unmapped, g_array_unref);
  g_clear_pointer (&layout->out, g_ptr_array_unref);
}

/* The place of the T or E line @id, taking it; -1 when it had none. */
static int
layout_place (Layout     *layout,
              const char *id)
{
  LayoutEntry *e = g_hash_table_lookup (layout->by_id, id);

  if (e == NULL || e->taken)
    return -1;
  e->taken = TRUE;
  return e->position;
}

/* The id of the line of @kind (A, N or #) with @type about @target: the
 * one it had, at its place, or a new one (@position -1). */
static char *
layout_take (Layout     *layout,
             Ids        *ids,
             char        kind,
             const char *type,
             const char *target,
             int        *position)
{
  g_autofree char *role = g_strdup_printf ("%c %s %s", kind, type, target);
  LayoutEntry *e = g_hash_table_lookup (layout->by_role, role);

  if (e != NULL && !e->taken && !g_hash_table_contains (ids->used, e->id))
    {
      e->taken = TRUE;
      g_hash_table_add (ids->used, g_strdup (e->id));
      *position = e->position;
      return g_strdup (e->id);
    }
  *position = -1;
  return ids_new (ids, kind);
}

static gboolean
layout_has_role (Layout     *layout,
                 char        kind,
                 const char *type,
                 const char *target)
{
  g_autofree char *role = g_strdup_printf ("%c %s %s", kind, type, target);
  LayoutEntry *e = g_hash_table_lookup (layout->by_role, role);

  return e != NULL && !e->taken;
}

/* Adds a line (taken) at @position, or after the line before it. */
static void
emit (Layout *layout,
      int     position,
      char   *text)
{
  OutLine *l = g_new0 (OutLine, 1);

  l->text = text;
  l->seq = layout->out->len;
  l->placed = position >= 0;
  l->position = l->placed ? position : layout->anchor;
  if (l->placed)
    layout->anchor = position;
  g_ptr_array_add (layout->out, l);
}

static int
compare_out_lines (gconstpointer a,
                   gconstpointer b)
{
  const OutLine *la = *(OutLine * const *) a;
  const OutLine *lb = *(OutLine * const *) b;

  if (la->position != lb->position)
    return la->position < lb->position ? -1 : 1;
  if (la->placed != lb->placed)
    return la->placed ? -1 : 1;
  return la->seq < lb->seq ? -1 : la->seq > lb->seq;
}

/* "T3\tLabel 0 5;6 9\ttext" */
static char *
text_bound_line (const char    *id,
                 const char    *type,
                 GArray        *fragments,
                 GlossatorText *text,
                 guint          shift)
{
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%s\t%s ", id, type);
  if (fragments->len == 0)
    g_string_append (line, "0 0");
  for (guint i = 0; i + 1 < fragments->len; i += 2)
    g_string_append_printf (line, "%s%u %u", i > 0 ? ";" : "",
                            g_array_index (fragments, guint, i) + shift,
                            g_array_index (fragments, guint, i + 1) + shift);
  g_string_append_c (line, '\t');
  for (guint i = 0; i + 1 < fragments->len; i += 2)
    {
      g_autofree char *slice = glossator_text_slice (text, g_array_index (fragments, guint, i),
                                                     g_array_index (fragments, guint, i + 1));

      if (i > 0)
        g_string_append_c (line, ' ');
      g_string_append (line, slice);
    }
  return g_string_free (line, FALSE);
}

/* Attributes brat can hold become A lines; the rest is returned. */
static JsonObject *
append_attributes (Layout     *layout,
                   Ids        *ids,
                   const char *target,
                   JsonObject *attributes,
                   const char *skip_source_id,
                   const char *skip_trigger,
                   const char * const *reserved,
                   GHashTable *declared,
                   const char *arg)
{
  JsonObject *rest = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (attributes == NULL)
    return NULL;

  json_object_iter_init_ordered (&iter, attributes);
  while (json_object_iter_next_ordered (&iter, &name, &value))
    {
      gboolean is_true = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_BOOLEAN &&
                         json_node_get_boolean (value);
      const char *str = JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING
                          ? json_node_get_string (value) : NULL;
      g_autofree char *key = g_strconcat (arg, "\t", name, NULL);

      if (skip_source_id != NULL && g_str_equal (name, "source_id") && g_strcmp0 (str, skip_source_id) == 0)
        continue;
      if (skip_trigger != NULL && g_str_equal (name, "source_trigger") && g_strcmp0 (str, skip_trigger) == 0)
        continue;
      if (is_brat_name (name) && !g_strv_contains (reserved, name) &&
          (is_true || (str != NULL && is_kb_token (str))))
        {
          int position;
          g_autofree char *id = layout_take (layout, ids, 'A', name, target, &position);

          if (is_true)
            emit (layout, position, g_strdup_printf ("%s\t%s %s", id, name, target));
          else
            emit (layout, position, g_strdup_printf ("%s\t%s %s %s", id, name, target, str));
          add_to_set_map (declared, key, str);
          continue;
        }
      if (rest == NULL)
        rest = json_object_new ();
      json_object_set_member (rest, name, json_node_copy (value));
    }

  return rest;
}

/* FALSE when the note had a line break, written as a space. */
static gboolean
append_note (Layout     *layout,
             Ids        *ids,
             const char *type,
             const char *target,
             const char *note)
{
  int position;
  g_autofree char *id = layout_take (layout, ids, '#', type, target, &position);
  GString *line = g_string_new (NULL);
  gboolean exact;

  g_string_append_printf (line, "%s\t%s %s\t", id, type, target);
  exact = append_one_line (line, note);
  emit (layout, position, g_string_free (line, FALSE));
  return exact;
}

static void
append_json_note (Layout     *layout,
                  Ids        *ids,
                  const char *type,
                  const char *target,
                  JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  int position;
  g_autofree char *id = layout_take (layout, ids, '#', type, target, &position);
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%s\t%s %s\t", id, type, target);
  append_note_json (line, node);
  emit (layout, position, g_string_free (line, FALSE));
}

static const char * const no_names[] = { NULL };
static const char * const stance_attribute_names[] = { "Polarity", "Intensity", "AuthorHolder", NULL };

/* The ids an unmapped line refers to ("R1\tOrigin Arg1:T3 Arg2:T4"). */
static void
collect_references (const char *line,
                    GPtrArray  *out)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  g_auto(GStrv) words = NULL;

  if (fields[0] == NULL || fields[1] == NULL)
    return;
  words = g_strsplit (fields[1], " ", -1);
  for (guint i = 1; words[i] != NULL; i++)
    {
      const char *colon = strchr (words[i], ':');
      const char *ref = colon != NULL ? colon + 1 : words[i];
      char prefix;
      guint number;

      if (parse_id (ref, &prefix, &number))
        g_ptr_array_add (out, g_strdup (ref));
    }
  /* E lines: the trigger is in the first word. */
  {
    const char *colon = strchr (words[0], ':');
    char prefix;
    guint number;

    if (colon != NULL && parse_id (colon + 1, &prefix, &number))
      g_ptr_array_add (out, g_strdup (colon + 1));
  }
}

static void
declare_unmapped (BratRender *r,
                  const char *line)
{
  g_auto(GStrv) fields = g_strsplit (line, "\t", 3);
  g_auto(GStrv) words = NULL;

  if (fields[0] == NULL || fields[1] == NULL)
    return;
  words = g_strsplit (fields[1], " ", -1);
  switch (fields[0][0])
    {
    case 'R':
      g_hash_table_add (r->relation_types, g_strndup (words[0], strcspn (words[0], ":")));
      break;
    case 'E':
      {
        g_autofree char *type = g_strndup (words[0], strcspn (words[0], ":"));

        add_to_set_map (r->event_types, type, NULL);
        for (guint i = 1; words[i] != NULL; i++)
          if (strchr (words[i], ':') != NULL)
            {
              g_autofree char *role = g_strndup (words[i], strcspn (words[i], ":"));

              add_to_set_map (r->event_types, type, role);
            }
      }
      break;
    default:
      break;
    }
}

/* The Equiv lines of an entity with several exported mentions (@tids):
 * those of the import that still hold (all their ids mentions of this
 * entity; @equivs, those whose first id is one of them) at their places,
 * and a new one naming every mention unless they join them all already. */
static void
write_equivs (Layout     *layout,
              GPtrArray  *equivs,
              GPtrArray  *tids,
              GHashTable *entity_of_t,
              const char *entity_id)
{
  g_autoptr(GHashTable) index_of = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree guint *parent = g_new (guint, tids->len);
  guint n_sets = tids->len;

  for (guint i = 0; i < tids->len; i++)
    {
      g_hash_table_insert (index_of, g_ptr_array_index (tids, i), GUINT_TO_POINTER (i + 1));
      parent[i] = i;
    }
  for (guint i = 0; equivs != NULL && i < equivs->len; i++)
    {
      LayoutEntry *e = g_ptr_array_index (equivs, i);
      gboolean ok = !e->taken && e->args->len >= 2, distinct = FALSE;

      for (guint a = 0; a < e->args->len && ok; a++)
        {
          ok = g_strcmp0 (g_hash_table_lookup (entity_of_t, g_ptr_array_index (e->args, a)), entity_id) == 0;
          distinct |= !g_str_equal (g_ptr_array_index (e->args, a), g_ptr_array_index (e->args, 0));
        }
      if (!ok || !distinct)
        continue;
      e->taken = TRUE;
      emit (layout, e->position, g_strdup (e->line));
      for (guint a = 1; a < e->args->len; a++)
        {
          guint ia = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, g_ptr_array_index (e->args, 0))) - 1;
          guint ib = GPOINTER_TO_UINT (g_hash_table_lookup (index_of, g_ptr_array_index (e->args, a))) - 1;
          guint ra = _glossator_union_find (parent, ia);
          guint rb = _glossator_union_find (parent, ib);

          if (ra != rb)
            {
              parent[rb] = ra;
              n_sets--;
            }
        }
    }
  if (n_sets > 1)
    {
      GString *line = g_string_new ("*\tEquiv");

      for (guint t = 0; t < tids->len; t++)
        {
          g_string_append_c (line, ' ');
          g_string_append (line, g_ptr_array_index (tids, t));
        }
      emit (layout, -1, g_string_free (line, FALSE));
    }
}

gboolean
_glossator_brat_render (GlossatorExporter             *exporter,
                        const GlossatorExportDocument *document,
                        GlossatorRender               *render,
                        GError                       **error)
{
  GlossatorDocument *doc = document->document;
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (doc);
  g_autoptr(GPtrArray) entities = glossator_document_list_entities (doc);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (doc);
  g_autoptr(GHashTable) t_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) trigger_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) first_t_of_entity = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) e_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) entity_of_t = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) equivs_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_ptr_array_unref);
  JsonObject *doc_attributes = glossator_document_get_attributes (doc);
  JsonNode *unmapped = doc_attributes != NULL ? json_object_get_member (doc_attributes, BRAT_UNMAPPED) : NULL;
  JsonArray *unmapped_lines = unmapped != NULL && JSON_NODE_HOLDS_ARRAY (unmapped)
                                ? json_node_get_array (unmapped) : NULL;
  guint shift = glossator_text_has_bom (text) ? 1 : 0;
  BratRender *r = g_new0 (BratRender, 1);
  Ids ids = { 0 };
  Layout layout = { 0 };
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);

  r->ann = g_string_new (NULL);
  r->entity_types = new_set ();
  r->event_types = new_set_map ();
  r->relation_types = new_set ();
  r->attributes = new_set_map ();
  render->format_data = r;
  render->free_format_data = (GDestroyNotify) brat_render_free;
  ids.used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  layout_init (&layout, doc_attributes, &ids);

  r->txt_len = n_bytes + (shift ? 3 : 0);
  r->txt = g_malloc (r->txt_len + 1);
  memcpy (r->txt, "\xef\xbb\xbf", shift ? 3 : 0);
  memcpy (r->txt + (shift ? 3 : 0), utf8, n_bytes + 1);

  /* Ids of the lines kept from an import stay taken, and mentions keep
   * the T ids those lines refer to. */
  for (guint i = 0; unmapped_lines != NULL && i < json_array_get_length (unmapped_lines); i++)
    {
      const char *line = string_element (unmapped_lines, i);

      if (line != NULL && strchr (line, '\n') == NULL && strchr (line, '\r') == NULL)
        {
          g_auto(GStrv) fields = g_strsplit (line, "\t", 2);

          ids_use (&ids, fields[0]);
        }
    }
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      const char *source = _glossator_json_string_member (mention->attributes, "source_id");
      char prefix;
      guint number;

      if (source != NULL && parse_id (source, &prefix, &number) && prefix == 'T' &&
          !g_hash_table_contains (ids.used, source))
        {
          ids_use (&ids, source);
          g_hash_table_insert (t_of, mention->id, g_strdup (source));
        }
    }
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = g_ptr_array_index (stances, i);
      const char *source = _glossator_json_string_member (stance->attributes, "source_id");

      const char *trigger = _glossator_json_string_member (stance->attributes, "source_trigger");
      char prefix;
      guint number;

      if (source != NULL && parse_id (source, &prefix, &number) && prefix == 'E' &&
          !g_hash_table_contains (ids.used, source))
        {
          ids_use (&ids, source);
          g_hash_table_insert (e_of, stance->id, g_strdup (source));
        }
      if (trigger != NULL && parse_id (trigger, &prefix, &number) && prefix == 'T' &&
          !g_hash_table_contains (ids.used, trigger))
        {
          ids_use (&ids, trigger);
          g_hash_table_insert (trigger_of, stance->id, g_strdup (trigger));
        }
    }

  /* Mentions */
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autoptr(GArray) fragments = split_at_line_breaks (text, mention->fragments, mention->n_fragments);
      g_autoptr(GArray) joined = NULL;
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autoptr(JsonObject) rest = NULL;
      g_autofree char *type = brat_name (mention->label);
      const char *tid;

      if (fragments->len == 0)
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_EMPTY,
                                  _("mention %s not exported: it holds only line breaks"), what);
          _glossator_render_explain (render, mention, NULL, text,
                                     _("%s: not exported, it holds only line breaks"));
          g_hash_table_remove (t_of, mention->id);
          continue;
        }
      if (!g_hash_table_contains (t_of, mention->id))
        g_hash_table_insert (t_of, mention->id, ids_new (&ids, 'T'));
      tid = g_hash_table_lookup (t_of, mention->id);
      if (!g_hash_table_contains (first_t_of_entity, mention->entity_id))
        g_hash_table_insert (first_t_of_entity, mention->entity_id, (gpointer) tid);
      g_hash_table_insert (entity_of_t, (gpointer) tid, mention->entity_id);

      emit (&layout, layout_place (&layout, tid), text_bound_line (tid, type, fragments, text, shift));
      g_hash_table_add (r->entity_types, g_strdup (type));
      render->counts.n_mentions_written++;

      joined = _glossator_brat_join_at_line_breaks (text, fragments);
      if (!same_spans (joined, mention->fragments, mention->n_fragments))
        json_object_set_array_member (extra, "fragments",
                                      spans_to_json (mention->fragments, mention->n_fragments, shift));
      if (!g_str_equal (type, mention->label))
        json_object_set_string_member (extra, "label", mention->label);
      rest = append_attributes (&layout, &ids, tid, mention->attributes, tid, NULL, no_names, r->attributes,
                                "<ENTITY>");
      if (rest != NULL)
        json_object_set_object_member (extra, "attributes", g_steal_pointer (&rest));
      if (mention->note != NULL && *mention->note != '\0' &&
          !append_note (&layout, &ids, "AnnotatorNotes", tid, mention->note))
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, -1,
                                  _("mention %s: its note holds a line break, which a brat note cannot; "
                                    "written with a space for each (kept exactly in its Glossator note)"),
                                  what);
          _glossator_render_explain (render, mention, NULL, text,
                                     _("%s: its note is written with a space for each line break, "
                                       "which a brat note cannot hold (kept exactly in its Glossator note)"));
          json_object_set_string_member (extra, "note", mention->note);
        }
      if (json_object_get_size (extra) > 0)
        append_json_note (&layout, &ids, "Glossator", tid, extra);
    }

  /* The Equiv lines of the import by the entity of their first mention. */
  for (guint i = 0; i < layout.equivs->len; i++)
    {
      LayoutEntry *e = g_ptr_array_index (layout.equivs, i);
      const char *entity_id = e->args->len > 0 ? g_hash_table_lookup (entity_of_t, g_ptr_array_index (e->args, 0))
                                               : NULL;
      GPtrArray *group;

      if (entity_id == NULL)
        continue;
      if ((group = g_hash_table_lookup (equivs_of, entity_id)) == NULL)
        g_hash_table_insert (equivs_of, (gpointer) entity_id, group = g_ptr_array_new ());
      g_ptr_array_add (group, e);
    }

  /* Entities: clusters, KB ids, and what an import would not guess. */
  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = g_ptr_array_index (entities, i);
      g_autoptr(GPtrArray) members = glossator_document_list_entity_mentions (doc, entity->id);
      g_autoptr(GPtrArray) tids = g_ptr_array_new ();
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autofree char *default_name = NULL;
      GlossatorMention *first = NULL;
      const char *first_tid;

      for (guint m = 0; m < members->len; m++)
        {
          GlossatorMention *mention = g_ptr_array_index (members, m);
          const char *tid = g_hash_table_lookup (t_of, mention->id);

          if (tid == NULL)
            continue;
          if (first == NULL)
            first = mention;
          g_ptr_array_add (tids, (gpointer) tid);
        }
      if (first == NULL)
        {
          _glossator_render_warn (render, -1,
                                  _("entity %s (“%s”) not exported: brat keeps entities only "
                                    "through their mentions, and it has none"),
                                  entity->id, entity->name);
          continue;
        }
      first_tid = g_ptr_array_index (tids, 0);

      if (tids->len > 1)
        {
          write_equivs (&layout, g_hash_table_lookup (equivs_of, entity->id), tids, entity_of_t, entity->id);
          g_hash_table_add (r->relation_types, g_strdup ("Equiv"));
        }

      if (entity->kb_id != NULL && is_kb_token (entity->kb_id))
        {
          g_autofree char *reference = _glossator_brat_kb_reference (entity->kb_id);
          g_autoptr(GString) name = g_string_new (NULL);
          g_autofree char *id = NULL;
          const char *target = first_tid;
          int position;

          /* On the mention the import found it on. */
          for (guint t = 0; t < tids->len; t++)
            if (layout_has_role (&layout, 'N', "Reference", g_ptr_array_index (tids, t)))
              {
                target = g_ptr_array_index (tids, t);
                break;
              }
          id = layout_take (&layout, &ids, 'N', "Reference", target, &position);
          if (!append_one_line (name, entity->name != NULL ? entity->name : ""))
            _glossator_render_warn (render, -1,
                                    _("entity %s: its name holds a line break, which a brat N line cannot; "
                                      "written with a space for each (kept exactly in its GlossatorEntity note)"),
                                    entity->id);
          emit (&layout, position, g_strdup_printf ("%s\tReference %s %s\t%s", id, target, reference, name->str));
          /* What an import reads as the name: a GlossatorEntity note
           * gives the exact one when it differs. */
          default_name = g_string_free (g_steal_pointer (&name), FALSE);
        }
      else if (entity->kb_id != NULL)
        json_object_set_string_member (extra, "kb_id", entity->kb_id);

      if (default_name == NULL)
        default_name = _glossator_default_entity_name (first, text);
      if (g_strcmp0 (entity->name, default_name) != 0)
        json_object_set_string_member (extra, "name", entity->name);
      if (g_strcmp0 (entity->label, first->label) != 0)
        json_object_set_string_member (extra, "label", entity->label);
      if (entity->note != NULL && *entity->note != '\0')
        json_object_set_string_member (extra, "note", entity->note);
      if (entity->attributes != NULL && json_object_get_size (entity->attributes) > 0)
        json_object_set_object_member (extra, "attributes", json_object_ref (entity->attributes));
      if (json_object_get_size (extra) > 0)
        append_json_note (&layout, &ids, "GlossatorEntity", first_tid, extra);
    }

  /* Stances as events */
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = g_ptr_array_index (stances, i);
      g_autoptr(GArray) fragments = split_at_line_breaks (text, stance->evidence, stance->n_evidence);
      g_autoptr(GArray) joined = NULL;
      g_autoptr(JsonObject) extra = json_object_new ();
      g_autoptr(JsonObject) rest = NULL;
      g_autofree char *trigger = g_hash_table_contains (trigger_of, stance->id)
                                   ? g_strdup (g_hash_table_lookup (trigger_of, stance->id)) : ids_new (&ids, 'T');
      g_autofree char *eid = g_hash_table_contains (e_of, stance->id)
                               ? g_strdup (g_hash_table_lookup (e_of, stance->id)) : ids_new (&ids, 'E');
      g_autofree char *polarity = brat_name (stance->polarity);
      const char *source = g_hash_table_lookup (e_of, stance->id);
      const char *holder = NULL, *target = NULL;
      GString *line;

      if (stance->holder_kind == GLOSSATOR_HOLDER_ENTITY &&
          (holder = g_hash_table_lookup (first_t_of_entity, stance->holder_entity)) == NULL)
        json_object_set_string_member (extra, "holder_entity", stance->holder_entity);
      if (stance->target_kind == GLOSSATOR_TARGET_ENTITY &&
          (target = g_hash_table_lookup (first_t_of_entity, stance->target)) == NULL)
        json_object_set_string_member (extra, "target_entity", stance->target);
      if (json_object_get_size (extra) > 0)
        _glossator_render_warn (render, -1,
                                _("stance %s: its holder or target is an entity without exported "
                                  "mentions; brat cannot point at it"), stance->id);

      emit (&layout, layout_place (&layout, trigger), text_bound_line (trigger, "Stance", fragments, text, shift));
      line = g_string_new (NULL);
      g_string_append_printf (line, "%s\tStance:%s", eid, trigger);
      if (holder != NULL)
        g_string_append_printf (line, " Holder:%s", holder);
      if (target != NULL)
        g_string_append_printf (line, " Target:%s", target);
      emit (&layout, layout_place (&layout, eid), g_string_free (line, FALSE));
      add_to_set_map (r->event_types, "Stance", holder != NULL ? "Holder" : NULL);
      add_to_set_map (r->event_types, "Stance", target != NULL ? "Target" : NULL);
      r->has_stances = TRUE;

      {
        int position;
        g_autofree char *id = layout_take (&layout, &ids, 'A', "Polarity", eid, &position);

        emit (&layout, position, g_strdup_printf ("%s\tPolarity %s %s", id, eid, polarity));
        add_to_set_map (r->attributes, "Stance\tPolarity", polarity);
        if (!g_str_equal (polarity, stance->polarity))
          json_object_set_string_member (extra, "polarity", stance->polarity);
      }
      if (stance->intensity > 0)
        {
          int position;
          g_autofree char *id = layout_take (&layout, &ids, 'A', "Intensity", eid, &position);
          g_autofree char *value = g_strdup_printf ("%u", stance->intensity);

          emit (&layout, position, g_strdup_printf ("%s\tIntensity %s %s", id, eid, value));
          add_to_set_map (r->attributes, "Stance\tIntensity", value);
        }
      if (stance->holder_kind == GLOSSATOR_HOLDER_AUTHOR)
        {
          int position;
          g_autofree char *id = layout_take (&layout, &ids, 'A', "AuthorHolder", eid, &position);

          emit (&layout, position, g_strdup_printf ("%s\tAuthorHolder %s", id, eid));
          add_to_set_map (r->attributes, "Stance\tAuthorHolder", NULL);
        }
      if (stance->target_kind == GLOSSATOR_TARGET_TOPIC &&
          !append_note (&layout, &ids, "Topic", eid, stance->target != NULL ? stance->target : ""))
        {
          _glossator_render_warn (render, -1,
                                  _("stance %s: its topic holds a line break, which a brat note cannot; "
                                    "written with a space for each (kept exactly in its Glossator note)"),
                                  stance->id);
          json_object_set_string_member (extra, "topic", stance->target);
        }
      rest = append_attributes (&layout, &ids, eid, stance->attributes, source, trigger, stance_attribute_names,
                                r->attributes, "Stance");
      if (rest != NULL)
        json_object_set_object_member (extra, "attributes", g_steal_pointer (&rest));
      if (stance->note != NULL && *stance->note != '\0' &&
          !append_note (&layout, &ids, "AnnotatorNotes", eid, stance->note))
        {
          _glossator_render_warn (render, -1,
                                  _("stance %s: its note holds a line break, which a brat note cannot; "
                                    "written with a space for each (kept exactly in its Glossator note)"),
                                  stance->id);
          json_object_set_string_member (extra, "note", stance->note);
        }

      joined = _glossator_brat_join_at_line_breaks (text, fragments);
      if (!same_spans (joined, stance->evidence, stance->n_evidence))
        json_object_set_array_member (extra, "evidence",
                                      spans_to_json (stance->evidence, stance->n_evidence, shift));
      if (json_object_get_size (extra) > 0)
        append_json_note (&layout, &ids, "Glossator", eid, extra);
      render->counts.n_stances_written++;
    }

  /* Lines kept from an import, at their places, if what they refer to is
   * still there. */
  for (guint i = 0; unmapped_lines != NULL && i < json_array_get_length (unmapped_lines); i++)
    {
      const char *line = string_element (unmapped_lines, i);
      g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
      gboolean dangling = FALSE;

      if (line == NULL || strchr (line, '\n') != NULL || strchr (line, '\r') != NULL)
        continue;
      collect_references (line, refs);
      for (guint k = 0; k < refs->len && !dangling; k++)
        dangling = !g_hash_table_contains (ids.used, g_ptr_array_index (refs, k));
      if (dangling)
        {
          _glossator_render_warn (render, -1,
                                  _("a brat line kept from the import refers to an annotation that is "
                                    "gone; not written: %s"), line);
          continue;
        }
      emit (&layout, i < layout.unmapped->len ? g_array_index (layout.unmapped, int, i) : -1, g_strdup (line));
      declare_unmapped (r, line);
    }

  g_ptr_array_sort (layout.out, compare_out_lines);
  for (guint i = 0; i < layout.out->len; i++)
    {
      g_string_append (r->ann, ((OutLine *) g_ptr_array_index (layout.out, i))->text);
      g_string_append_c (r->ann, '\n');
    }

  layout_clear (&layout);
  g_hash_table_unref (ids.used);
  return TRUE;
}

static void
merge_set (GHashTable *into,
           GHashTable *from)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (into, key))
      g_hash_table_add (into, g_strdup (key));
}

static void
merge_set_map (GHashTable *into,
               GHashTable *from)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, from);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      add_to_set_map (into, key, NULL);
      merge_set (g_hash_table_lookup (into, key), value);
    }
}

gboolean
_glossator_brat_write (GlossatorExporter             *exporter,
                       const GlossatorExportDocument *document,
                       GlossatorRender               *render,
                       GCancellable                  *cancellable,
                       GError                       **error)
{
  BratExporter *self = (BratExporter *) exporter;
  BratRender *r = render->format_data;
  g_autofree char *safe = _glossator_import_safe_path (document->id);
  g_autofree char *txt_name = g_strconcat (safe != NULL ? safe : "document", ".txt", NULL);
  g_autofree char *ann_name = g_strconcat (safe != NULL ? safe : "document", ".ann", NULL);
  g_autoptr(GFile) txt = g_file_resolve_relative_path (exporter->output, txt_name);
  g_autoptr(GFile) ann = g_file_resolve_relative_path (exporter->output, ann_name);

  if (!_glossator_staging_write (self->staging, txt, r->txt, r->txt_len, cancellable, error) ||
      !_glossator_staging_write (self->staging, ann, r->ann->str, r->ann->len, cancellable, error))
    return FALSE;

  merge_set (self->entity_types, r->entity_types);
  merge_set_map (self->event_types, r->event_types);
  merge_set (self->relation_types, r->relation_types);
  merge_set_map (self->attributes, r->attributes);
  self->has_stances |= r->has_stances;
  return TRUE;
}

gboolean
_glossator_brat_begin (GlossatorExporter  *exporter,
                       GError            **error)
{
  BratExporter *self = (BratExporter *) exporter;
  GFileType type = g_file_query_file_type (exporter->output, G_FILE_QUERY_INFO_NONE, NULL);

  self->entity_types = new_set ();
  self->event_types = new_set_map ();
  self->relation_types = new_set ();
  self->attributes = new_set_map ();
  self->staging = _glossator_staging_new ();

  /* The folder itself is made with the first file. */
  if (type != G_FILE_TYPE_UNKNOWN && type != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (exporter->output);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("%s: not a folder"), name);
      return FALSE;
    }
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GPtrArray *
sorted_keys (GHashTable *table)
{
  GPtrArray *keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_strings);
  return keys;
}

gboolean
_glossator_brat_end (GlossatorExporter  *exporter,
                     GCancellable       *cancellable,
                     GError            **error)
{
  BratExporter *self = (BratExporter *) exporter;
  g_autoptr(GString) conf = g_string_new ("# Written by Glossator. Stances are events: the trigger is the evidence,\n"
                                          "# Holder and Target the entities (one of their mentions), with a\n"
                                          "# Polarity attribute. Mentions of one entity are joined by Equiv.\n");
  g_autoptr(GPtrArray) entity_types = sorted_keys (self->entity_types);
  g_autoptr(GPtrArray) event_types = sorted_keys (self->event_types);
  g_autoptr(GPtrArray) relation_types = sorted_keys (self->relation_types);
  g_autoptr(GPtrArray) attributes = sorted_keys (self->attributes);
  g_autoptr(GFile) file = g_file_get_child (exporter->output, "annotation.conf");

  g_string_append (conf, "\n[entities]\n");
  for (guint i = 0; i < entity_types->len; i++)
    if (!g_hash_table_contains (self->event_types, g_ptr_array_index (entity_types, i)))
      g_string_append_printf (conf, "%s\n", (const char *) g_ptr_array_index (entity_types, i));

  g_string_append (conf, "\n[relations]\n"
                         "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n");
  for (guint i = 0; i < relation_types->len; i++)
    {
      const char *type = g_ptr_array_index (relation_types, i);

      if (g_str_equal (type, "Equiv"))
        g_string_append (conf, "Equiv\tArg1:<ENTITY>, Arg2:<ENTITY>, <REL-TYPE>:symmetric-transitive\n");
      else
        g_string_append_printf (conf, "%s\tArg1:<ENTITY>, Arg2:<ENTITY>\n", type);
    }

  g_string_append (conf, "\n[events]\n");
  for (guint i = 0; i < event_types->len; i++)
    {
      const char *type = g_ptr_array_index (event_types, i);
      g_autoptr(GPtrArray) roles = sorted_keys (g_hash_table_lookup (self->event_types, type));

      g_string_append (conf, type);
      for (guint k = 0; k < roles->len; k++)
        g_string_append_printf (conf, "%s%s*:<ENTITY>", k == 0 ? "\t" : ", ",
                                (const char *) g_ptr_array_index (roles, k));
      g_string_append_c (conf, '\n');
    }

  g_string_append (conf, "\n[attributes]\n");
  for (guint i = 0; i < attributes->len; i++)
    {
      const char *key = g_ptr_array_index (attributes, i);
      const char *tab = strchr (key, '\t');
      g_autoptr(GPtrArray) values = sorted_keys (g_hash_table_lookup (self->attributes, key));

      g_string_append_printf (conf, "%s\tArg:%.*s", tab + 1, (int) (tab - key), key);
      for (guint k = 0; k < values->len; k++)
        g_string_append_printf (conf, "%s%s", k == 0 ? ", Value:" : "|",
                                (const char *) g_ptr_array_index (values, k));
      g_string_append_c (conf, '\n');
    }

  if (!_glossator_staging_write (self->staging, file, conf->str, conf->len, cancellable, error) ||
      !_glossator_staging_commit (self->staging, error))
    return FALSE;
  g_ptr_array_add (exporter->summary.extra_files, g_steal_pointer (&file));
  return TRUE;
}

void
_glossator_brat_finalize (GlossatorExporter *exporter)
{
  BratExporter *self = (BratExporter *) exporter;

  g_clear_pointer (&self->entity_types, g_hash_table_unref);
  g_clear_pointer (&self->event_types, g_hash_table_unref);
  g_clear_pointer (&self->relation_types, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  /* Unless committed: the files of a failed export are removed. */
  g_clear_pointer (&self->staging, _glossator_staging_free);
}

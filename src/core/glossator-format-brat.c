/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-corpus.h"
#include "glossator-files-private.h"
#include "glossator-format-private.h"
#include "glossator-json-guard.h"

/* brat standoff: X.txt + X.ann per document, and an annotation.conf.
 *
 *   T  mentions (fragments split at line breaks, as brat stores selections
 *      over a newline; an import joins fragments that only a line break
 *      separates)
 *   *  Equiv: mentions of one entity;  N: the entity's KB id and name
 *   #  AnnotatorNotes: notes
 *   A  attributes that brat can hold (true, or a string without spaces)
 *   E  stances: Stance:TRIGGER Holder:T Target:T, the trigger being the
 *      evidence (zero-width at 0 when there is none), with A Polarity,
 *      A Intensity, A AuthorHolder, # Topic
 *
 * What brat cannot hold goes into "#N\tGlossator T1\t{json}" (mentions and
 * stances) and "#N\tGlossatorEntity T1\t{json}" lines so an import gets it
 * back. Lines of an imported .ann that Glossator cannot represent are kept
 * in the document attribute "brat_unmapped" and written back verbatim. */

#define UNMAPPED "brat_unmapped"

static const GlossatorFormatOption brat_options[] = {
  { "lenient", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, NULL,
    N_("Accept a span whose stored text differs from the article in white space only, narrowing the span "
       "to the text"),
    N_("Accept white space differences") },
};

/* Characters Python's str.splitlines() ends a line at: never in a line. */
static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
         c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

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
      if (is_line_break (c))
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

      if (is_line_break (c))
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

      if (_glossator_is_token_space (c) || is_line_break (c) || c == ':' || c == ';' || c == '\t')
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

      if (_glossator_is_token_space (c) || is_line_break (c))
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

      if (_glossator_is_token_space (c) || is_line_break (c) || c == ':' || c == ';')
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (out->len == 0)
    g_string_append_c (out, '_');
  return g_string_free (out, FALSE);
}

/* KB ids: Q123 ↔ Wikidata:Q123; DB:ID as it is; anything else under the
 * made-up database "Glossator". */
static gboolean
is_qid (const char *str)
{
  if (str[0] != 'Q' || str[1] == '\0')
    return FALSE;
  for (const char *p = str + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static char *
kb_reference (const char *kb_id)
{
  const char *colon = strchr (kb_id, ':');

  if (is_qid (kb_id))
    return g_strconcat ("Wikidata:", kb_id, NULL);
  if (colon != NULL && colon != kb_id && colon[1] != '\0' &&
      !g_str_has_prefix (kb_id, "Wikidata:") && !g_str_has_prefix (kb_id, "Glossator:"))
    return g_strdup (kb_id);
  return g_strconcat ("Glossator:", kb_id, NULL);
}

static char *
kb_id_from_reference (const char *reference)
{
  if (g_str_has_prefix (reference, "Wikidata:") && is_qid (reference + strlen ("Wikidata:")))
    return g_strdup (reference + strlen ("Wikidata:"));
  if (g_str_has_prefix (reference, "Glossator:"))
    return g_strdup (reference + strlen ("Glossator:"));
  return g_strdup (reference);
}

/* Export */

typedef struct {
  GlossatorExporter  parent;
  GHashTable        *entity_types;      /* char* set */
  GHashTable        *event_types;       /* char* → GHashTable of roles */
  GHashTable        *relation_types;    /* char* set */
  GHashTable        *attributes;        /* "Arg\tName" → GHashTable of values (empty: binary) */
  gboolean           has_stances;
  /* Every file is put in place at the end: a failed export leaves the
   * folder as it was. */
  GlossatorStaging  *staging;
} BratExporter;

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

/* The line break characters only separate @a and @b. */
static gboolean
only_line_breaks (GlossatorText *text,
                  guint          a,
                  guint          b)
{
  if (b <= a)
    return FALSE;
  for (guint i = a; i < b; i++)
    if (!is_line_break (glossator_text_get_char (text, i)))
      return FALSE;
  return TRUE;
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
          if (is_line_break (glossator_text_get_char (text, i)))
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

/* What an import makes of @fragments (pairs): neighbours separated by line
 * breaks only are joined. */
static GArray *
join_at_line_breaks (GlossatorText *text,
                     const guint   *fragments,
                     guint          n_values)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i + 1 < n_values; i += 2)
    {
      if (out->len > 0 && only_line_breaks (text, g_array_index (out, guint, out->len - 1), fragments[i]))
        g_array_index (out, guint, out->len - 1) = fragments[i + 1];
      else
        g_array_append_vals (out, &fragments[i], 2);
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

/* The lines of an imported .ann in their order, as the document attribute
 * "brat_layout" keeps them: a line the import represented is named by its
 * id (T, E lines), by its id, type and target ("A4\tMention T1"; A, M, N
 * and # lines) or, for an Equiv it applied, is the line itself; "" stands
 * for the next line of brat_unmapped. An export writes every line it can
 * back at its place with its id; new lines follow the line before them in
 * the export's own order. */
#define LAYOUT "brat_layout"

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
  JsonNode *node = attributes != NULL ? json_object_get_member (attributes, LAYOUT) : NULL;
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

static guint
find_set (guint *parent,
          guint  i)
{
  while (parent[i] != i)
    i = parent[i] = parent[parent[i]];
  return i;
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
          guint ra = find_set (parent, ia);
          guint rb = find_set (parent, ib);

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

static gboolean
brat_render (GlossatorExporter             *exporter,
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
  JsonNode *unmapped = doc_attributes != NULL ? json_object_get_member (doc_attributes, UNMAPPED) : NULL;
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

      joined = join_at_line_breaks (text, (const guint *) (gpointer) fragments->data, fragments->len);
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
          g_autofree char *reference = kb_reference (entity->kb_id);
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

      joined = join_at_line_breaks (text, (const guint *) (gpointer) fragments->data, fragments->len);
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

static gboolean
brat_write (GlossatorExporter             *exporter,
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

static gboolean
brat_begin (GlossatorExporter  *exporter,
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

static gboolean
brat_end (GlossatorExporter  *exporter,
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

static void
brat_finalize (GlossatorExporter *exporter)
{
  BratExporter *self = (BratExporter *) exporter;

  g_clear_pointer (&self->entity_types, g_hash_table_unref);
  g_clear_pointer (&self->event_types, g_hash_table_unref);
  g_clear_pointer (&self->relation_types, g_hash_table_unref);
  g_clear_pointer (&self->attributes, g_hash_table_unref);
  /* Unless committed: the files of a failed export are removed. */
  g_clear_pointer (&self->staging, _glossator_staging_free);
}

/* Import */

typedef struct {
  char     kind;        /* T R E A N # * or 0 for unparseable */
  char    *id;
  char    *type;        /* T: label; E: type; A: name; N, #, *: type */
  char    *target;      /* A, N, #: what it is about */
  char    *value;       /* A: value; N: DB:ID */
  char    *text;        /* T, N, #: after the second tab; nullable */
  GArray  *offsets;     /* T: pairs in the file's unit */
  GPtrArray *args;      /* E: "Role:ID" after the trigger; *: ids; R: "Arg:ID" */
  char    *trigger;     /* E */
  char    *line;
  guint    number;      /* line number */
  const char *file;     /* the .ann file's name, for messages */
  gboolean stance;      /* E: a stance Glossator reads */
  gboolean used;        /* represented in the document */
  gboolean bad;         /* reported as an error */
} AnnLine;

static void
ann_line_free (AnnLine *l)
{
  g_free (l->id);
  g_free (l->type);
  g_free (l->target);
  g_free (l->value);
  g_free (l->text);
  if (l->offsets != NULL)
    g_array_unref (l->offsets);
  if (l->args != NULL)
    g_ptr_array_unref (l->args);
  g_free (l->trigger);
  g_free (l->line);
  g_free (l);
}

/* Where a problem of @l is: "a.ann, line 3". */
static char *
line_where (const AnnLine *l)
{
  return g_strdup_printf (_("%s, line %u"), l->file, l->number);
}

static gboolean
parse_uint (const char *str,
            guint      *value)
{
  char *end;
  guint64 v;

  if (!g_ascii_isdigit (*str))
    return FALSE;
  v = g_ascii_strtoull (str, &end, 10);
  if (*end != '\0' || v > G_MAXINT)
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

/* NULL with @why set when the line makes no sense. */
static AnnLine *
parse_ann_line (const char  *line,
                guint        number,
                const char **why)
{
  g_autoptr(GPtrArray) words = NULL;
  g_auto(GStrv) split = NULL;
  AnnLine *l = g_new0 (AnnLine, 1);
  const char *tab = strchr (line, '\t');
  const char *rest, *tab2;
  g_autofree char *fields = NULL;

  l->line = g_strdup (line);
  l->number = number;
  *why = NULL;

  if (tab == NULL || tab == line)
    {
      *why = _("no tab after the id");
      return l;
    }
  l->id = g_strndup (line, tab - line);
  rest = tab + 1;
  tab2 = strchr (rest, '\t');
  fields = tab2 != NULL ? g_strndup (rest, tab2 - rest) : g_strdup (rest);
  if (tab2 != NULL)
    l->text = g_strdup (tab2 + 1);

  split = g_strsplit (fields, " ", -1);
  words = g_ptr_array_new ();
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, split[i]);
  if (words->len == 0)
    {
      *why = _("nothing after the id");
      return l;
    }

  switch (l->id[0])
    {
    case 'T':
      {
        /* "Type 0 5;6 9": a ';' may stick to a number. */
        GString *joined = g_string_new (NULL);
        g_auto(GStrv) pairs = NULL;

        l->type = g_strdup (g_ptr_array_index (words, 0));
        for (guint i = 1; i < words->len; i++)
          {
            if (i > 1)
              g_string_append_c (joined, ' ');
            g_string_append (joined, g_ptr_array_index (words, i));
          }
        pairs = g_strsplit (joined->str, ";", -1);
        g_string_free (joined, TRUE);
        l->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
        for (guint i = 0; pairs[i] != NULL; i++)
          {
            g_auto(GStrv) ends = g_strsplit (g_strstrip (pairs[i]), " ", -1);
            guint s, e;

            if (g_strv_length (ends) != 2 || !parse_uint (ends[0], &s) || !parse_uint (ends[1], &e) || e < s)
              {
                *why = _("offsets are not “START END” pairs separated by “;”");
                return l;
              }
            g_array_append_val (l->offsets, s);
            g_array_append_val (l->offsets, e);
          }
        if (l->offsets->len == 0)
          {
            *why = _("no offsets");
            return l;
          }
        l->kind = 'T';
      }
      break;

    case 'E':
      {
        const char *first = g_ptr_array_index (words, 0);
        const char *colon = strchr (first, ':');

        if (colon == NULL)
          {
            *why = _("the event has no “Type:Trigger”");
            return l;
          }
        l->type = g_strndup (first, colon - first);
        l->trigger = g_strdup (colon + 1);
        l->args = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 1; i < words->len; i++)
          {
            if (strchr (g_ptr_array_index (words, i), ':') == NULL)
              {
                *why = _("an event argument is not “Role:ID”");
                return l;
              }
            g_ptr_array_add (l->args, g_strdup (g_ptr_array_index (words, i)));
          }
        l->kind = 'E';
      }
      break;

    case 'A':
    case 'M':
      if (words->len < 2 || words->len > 3)
        {
          *why = _("expected “Name ID [Value]”");
          return l;
        }
      l->type = g_strdup (g_ptr_array_index (words, 0));
      l->target = g_strdup (g_ptr_array_index (words, 1));
      l->value = words->len == 3 ? g_strdup (g_ptr_array_index (words, 2)) : NULL;
      l->kind = 'A';
      break;

    case 'N':
      if (words->len != 3)
        {
          *why = _("expected “Type ID DB:ID”");
          return l;
        }
      l->type = g_strdup (g_ptr_array_index (words, 0));
      l->target = g_strdup (g_ptr_array_index (words, 1));
      l->value = g_strdup (g_ptr_array_index (words, 2));
      l->kind = 'N';
      break;

    case '#':
      if (words->len != 2)
        {
          *why = _("expected “Type ID” before the note");
          return l;
        }
      l->type = g_strdup (g_ptr_array_index (words, 0));
      l->target = g_strdup (g_ptr_array_index (words, 1));
      l->kind = '#';
      break;

    case '*':
    case 'R':
      l->type = g_strdup (g_ptr_array_index (words, 0));
      l->args = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 1; i < words->len; i++)
        g_ptr_array_add (l->args, g_strdup (g_ptr_array_index (words, i)));
      l->kind = l->id[0];
      break;

    default:
      *why = _("unknown kind of line (not T, R, E, A, M, N, # or *)");
      return l;
    }

  return l;
}

static guint
add_mention_pairs (GlossatorImportBuilder *builder,
                   const char             *label,
                   GArray                 *pairs,
                   const char             *source_id)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k + 1 < pairs->len; k += 2)
    {
      g_array_append_val (starts, g_array_index (pairs, guint, k));
      g_array_append_val (ends, g_array_index (pairs, guint, k + 1));
    }
  return _glossator_import_builder_add_mention (builder, label, (const guint *) (gpointer) starts->data,
                                                (const guint *) (gpointer) ends->data, starts->len, source_id);
}

/* The T line's fragments in code points, sorted and without empty ones;
 * NULL with @why set when they do not fit the text. */
static GArray *
map_fragments (const GlossatorOffsetUnit *unit,
               const AnnLine *l,
               guint          length,
               const char   **why)
{
  g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k + 1 < l->offsets->len; k += 2)
    {
      guint s, e;

      if (!_glossator_offset_unit_to_codepoint (unit, g_array_index (l->offsets, guint, k), &s) ||
          !_glossator_offset_unit_to_codepoint (unit, g_array_index (l->offsets, guint, k + 1), &e) || e > length)
        {
          *why = _("offsets outside the text");
          return NULL;
        }
      if (e == s)
        continue;
      if (mapped->len > 0 && s < g_array_index (mapped, guint, mapped->len - 1))
        {
          *why = _("fragments out of order or overlapping");
          return NULL;
        }
      g_array_append_val (mapped, s);
      g_array_append_val (mapped, e);
    }

  return g_steal_pointer (&mapped);
}

/* The T line's fragments in code points with its text checked: any
 * difference is an error, but with --lenient one in white space only is
 * accepted, the span narrowed to the text (never widened), with a
 * warning. NULL when it is an error (reported); empty for "0 0". */
static GArray *
read_text_bound (GlossatorText *text,
                 const GlossatorOffsetUnit *unit,
                 AnnLine       *l,
                 gboolean       lenient,
                 GPtrArray     *problems)
{
  g_autofree char *where = line_where (l);
  g_autofree char *covered = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *shown_covered = NULL;
  g_autoptr(GArray) mapped = NULL;
  const char *why = NULL;
  GlossatorTextMatch match;

  if ((mapped = map_fragments (unit, l, glossator_text_get_length (text), &why)) == NULL)
    {
      g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where, "%s: %s", l->id, why));
      return NULL;
    }
  match = l->text != NULL ? _glossator_offset_unit_match (unit, text, (const guint *) (gpointer) l->offsets->data, l->offsets->len, l->text, &covered) : GLOSSATOR_TEXT_SAME;
  if (match != GLOSSATOR_TEXT_SAME)
    {
      shown_text = _glossator_shown_text (l->text);
      shown_covered = _glossator_shown_text (covered != NULL ? covered : "");
    }
  if (match == GLOSSATOR_TEXT_DIFFERS || (match == GLOSSATOR_TEXT_SPACE_ONLY && !lenient))
    {
      g_ptr_array_add (problems,
                       _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                               match == GLOSSATOR_TEXT_DIFFERS
                                                 ? _("%s: the text “%s” is not “%s”, what its offsets cover "
                                                     "(read as %s)")
                                                 : _("%s: the text “%s” is not “%s”, what its offsets cover "
                                                     "(read as %s); they differ in white space only, which "
                                                     "--lenient accepts"),
                                               l->id, shown_text, shown_covered, unit->description));
      return NULL;
    }
  if (match == GLOSSATOR_TEXT_SPACE_ONLY)
    {
      g_autoptr(GString) trimmed = g_string_new (NULL);
      g_autofree char *shown_trimmed = NULL;

      _glossator_trim_to_stored (text, mapped, l->text);
      for (guint i = 0; i + 1 < mapped->len; i += 2)
        {
          g_autofree char *slice = glossator_text_slice (text, g_array_index (mapped, guint, i),
                                                         g_array_index (mapped, guint, i + 1));

          g_string_append_printf (trimmed, "%s%s", i > 0 ? " " : "", slice);
        }
      shown_trimmed = _glossator_shown_text (trimmed->str);
      g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                         _("%s: the text “%s” differs from “%s”, what its "
                                                           "offsets cover, in white space only; read as “%s” "
                                                           "(--lenient)"),
                                                         l->id, shown_text, shown_covered, shown_trimmed));
    }
  return g_steal_pointer (&mapped);
}

typedef struct {
  AnnLine    *event;
  AnnLine    *trigger;
  char       *polarity;
  guint       intensity;
  gboolean    author;
  char       *topic;
  char       *note;
  JsonObject *attributes;
  JsonObject *glossator;
  GArray     *evidence;   /* the trigger's fragments, checked */
  int         holder;
  int         target;
} StanceInfo;

static void
stance_info_free (StanceInfo *info)
{
  g_free (info->polarity);
  g_free (info->topic);
  g_free (info->note);
  g_clear_pointer (&info->attributes, json_object_unref);
  g_clear_pointer (&info->glossator, json_object_unref);
  g_clear_pointer (&info->evidence, g_array_unref);
  g_free (info);
}

typedef struct {
  GlossatorImportContext *context;
  GFile                  *root;      /* the folder given, or NULL */
  char                   *folder;    /* the real path of that folder, or of the file's */
} BratImport;

static JsonObject *
parse_note_json (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || !glossator_json_guard (text, strlen (text), NULL, NULL))
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_dup_object (node);
}

/* "fragments" or "evidence" of a Glossator note, in code points. */
static GArray *
note_fragments (JsonObject *note,
                const char *member,
                const GlossatorOffsetUnit *unit,
                guint       length)
{
  JsonNode *node = json_object_get_member (note, member);
  g_autoptr(GArray) out = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *values;
      guint s, e;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (values = json_node_get_array (pair)) != 2 ||
          json_array_get_int_element (values, 0) < 0 || json_array_get_int_element (values, 1) < 0 ||
          !_glossator_offset_unit_to_codepoint (unit, (guint) json_array_get_int_element (values, 0), &s) ||
          !_glossator_offset_unit_to_codepoint (unit, (guint) json_array_get_int_element (values, 1), &e) ||
          e <= s || e > length || (out->len > 0 && s < g_array_index (out, guint, out->len - 1)))
        return NULL;
      g_array_append_val (out, s);
      g_array_append_val (out, e);
    }
  return g_steal_pointer (&out);
}

static const char *
note_string (JsonObject *note,
             const char *member)
{
  JsonNode *node = note != NULL ? json_object_get_member (note, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonObject *
note_object (JsonObject *note,
             const char *member)
{
  JsonNode *node = note != NULL ? json_object_get_member (note, member) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static GPtrArray *
read_ann_lines (const char *file,
                const char *data,
                gsize       n_bytes,
                GPtrArray  *problems)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ann_line_free);
  const char *p, *end = data + n_bytes;
  guint number = 0;

  for (p = data; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol != NULL ? eol : end) - p;
      g_autofree char *line = g_strndup (p, len);
      const char *why;
      AnnLine *l;

      number++;
      p = eol != NULL ? eol + 1 : end;
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (strspn (line, " \t") == strlen (line))
        continue;

      l = parse_ann_line (line, number, &why);
      l->file = file;
      g_ptr_array_add (lines, l);
      if (why != NULL)
        {
          g_autofree char *where = line_where (l);

          l->kind = 0;
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                             _("cannot read “%s”: %s; kept as it is"),
                                                             line, why));
        }
    }

  return lines;
}

/* The entity of the mention with index @mention_plus_one - 1, plus one
 * (never 0, a key for a set). */
static guint
entity_of (GlossatorImportBuilder *builder,
           guint                   mention_plus_one)
{
  return _glossator_import_builder_get_entity (builder, mention_plus_one - 1) + 1;
}

static gboolean
import_document (BratImport  *import,
                 GFile       *ann_file,
                 GError     **error)
{
  GlossatorImportContext *context = import->context;
  g_autoptr(GFile) parent = g_file_get_parent (ann_file);
  g_autofree char *ann_base = g_file_get_basename (ann_file);
  g_autofree char *stem = g_strndup (ann_base, strlen (ann_base) - strlen (".ann"));
  g_autofree char *txt_base = g_strconcat (stem, ".txt", NULL);
  g_autoptr(GFile) txt_file = g_file_get_child (parent, txt_base);
  g_autofree char *where_file = g_file_get_parse_name (ann_file);
  g_autoptr(GBytes) txt_bytes = NULL;
  g_autoptr(GBytes) ann_bytes = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) mention_of = g_hash_table_new (g_str_hash, g_str_equal);  /* T id → index + 1 */
  g_autoptr(GHashTable) stance_of = g_hash_table_new (g_str_hash, g_str_equal);   /* E id → StanceInfo */
  g_autoptr(GHashTable) triggers = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) glossator_notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                                 (GDestroyNotify) json_object_unref);
  g_autoptr(GHashTable) glossator_note_lines = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) entity_notes = g_hash_table_new (g_str_hash, g_str_equal);         /* T id → AnnLine */
  g_autoptr(GHashTable) attributed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) referenced = g_hash_table_new (NULL, NULL);                        /* entities with an N */
  g_autoptr(GHashTable) noted = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) stances = g_ptr_array_new_with_free_func ((GDestroyNotify) stance_info_free);
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = _glossator_imported_document_new (NULL, NULL);
  g_autoptr(JsonArray) unmapped = json_array_new ();
  GlossatorOffsetUnit units[GLOSSATOR_MAX_OFFSET_UNITS] = { { 0 } };
  guint n_units = 0, best = 0, best_score = 0, best_second = 0;
  gboolean lenient = _glossator_options_get_boolean (context->format, context->options, "lenient");
  const char *data, *invalid;
  gsize n_bytes;
  gboolean bom;
  guint length;
  GPtrArray *problems = imported->problems;

  if (import->root != NULL)
    imported->name = g_file_get_relative_path (import->root, txt_file);
  if (imported->name == NULL)
    imported->name = g_strdup (txt_base);

  /* Links may lead anywhere: only what is inside the folder given is read
   * (and a file named explicitly). */
  for (guint i = 0; i < 2; i++)
    {
      GFile *file = i == 0 ? ann_file : txt_file;
      g_autofree char *target = NULL;

      if (import->folder != NULL && !g_file_equal (file, context->input) &&
          _glossator_link_leads_out (file, import->folder, &target))
        {
          g_autofree char *link = g_file_get_parse_name (file);

          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, link,
                                     _("a link to %s, outside the folder %s; not read"), target, import->folder);
          return TRUE;
        }
      /* Nor a pipe found there, which would be waited on for ever. */
      if (!g_file_equal (file, context->input) &&
          !_glossator_check_readable_file (file, context->cancellable, &local_error))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, name, "%s", local_error->message);
          return TRUE;
        }
    }

  if ((txt_bytes = _glossator_import_read (context, txt_file, &local_error)) == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *txt_name = g_file_get_basename (txt_file);

          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                     _("no text beside it: %s is missing"), txt_name);
        }
      else
        _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                   _("no text beside it: %s"), local_error->message);
      return TRUE;
    }
  if ((ann_bytes = _glossator_import_read (context, ann_file, error)) == NULL)
    return FALSE;

  data = g_bytes_get_data (txt_bytes, &n_bytes);
  text = glossator_text_new_from_data (data != NULL ? data : "", n_bytes, &local_error);
  if (text == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where_file, "%s: %s", txt_base,
                                 local_error->message);
      return TRUE;
    }
  length = glossator_text_get_length (text);
  bom = glossator_text_has_bom (text);

  data = g_bytes_get_data (ann_bytes, &n_bytes);
  if (data == NULL)
    data = "";
  if (!g_utf8_validate_len (data, n_bytes, &invalid))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                 _("not UTF-8: invalid byte at offset %zu"),
                                 (gsize) (invalid - data));
      return TRUE;
    }
  if (n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n_bytes -= 3;
    }

  lines = read_ann_lines (ann_base, data, n_bytes, problems);
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);

      if (l->kind == 0 || l->kind == '*')
        continue;
      if (g_hash_table_contains (by_id, l->id))
        {
          g_autofree char *where = line_where (l);

          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                                             _("the id %s is used twice"), l->id));
          l->bad = TRUE;
          continue;
        }
      g_hash_table_insert (by_id, l->id, l);
    }

  /* The unit under which the T lines' texts match their offsets. */
  n_units = _glossator_offset_units_candidates (text, bom, TRUE, units);

  /* The first unit under which every text is the same, else the one
   * with most the same (with --lenient, also counting those differing in
   * white space only first). */
  for (guint u = 0; u < n_units; u++)
    {
      guint exact = 0, loose = 0, n_with_text = 0, score, second;

      for (guint i = 0; i < lines->len; i++)
        {
          AnnLine *l = g_ptr_array_index (lines, i);
          GlossatorTextMatch match;

          if (l->kind != 'T' || l->bad || l->text == NULL)
            continue;
          n_with_text++;
          match = _glossator_offset_unit_match (&units[u], text, (const guint *) (gpointer) l->offsets->data, l->offsets->len, l->text, NULL);
          exact += match == GLOSSATOR_TEXT_SAME;
          loose += match != GLOSSATOR_TEXT_DIFFERS;
        }
      score = lenient ? loose : exact;
      second = lenient ? exact : loose;
      if (u == 0 || score > best_score || (score == best_score && second > best_second))
        {
          best = u;
          best_score = score;
          best_second = second;
        }
      if (exact == n_with_text)
        break;
    }
  imported->offset_unit = g_strdup (units[best].description);

  /* Stance events decide which T lines are evidence rather than mentions. */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      AnnLine *trigger;
      gboolean ok;

      if (l->kind != 'E' || l->bad || !g_str_equal (l->type, "Stance"))
        continue;
      trigger = g_hash_table_lookup (by_id, l->trigger);
      ok = trigger != NULL && trigger->kind == 'T' && !trigger->bad &&
           !g_hash_table_contains (triggers, trigger->id);
      for (guint a = 0; a < l->args->len && ok; a++)
        {
          const char *arg = g_ptr_array_index (l->args, a);
          AnnLine *target = g_hash_table_lookup (by_id, strchr (arg, ':') + 1);

          ok = (g_str_has_prefix (arg, "Holder:") || g_str_has_prefix (arg, "Target:")) &&
               target != NULL && target->kind == 'T';
        }
      if (ok)
        {
          l->stance = TRUE;
          g_hash_table_add (triggers, trigger->id);
        }
    }

  /* Glossator notes, needed before the mentions they describe. */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      JsonObject *note;

      if (l->kind == '#' && !l->bad && g_str_equal (l->type, "GlossatorEntity") &&
          !g_hash_table_contains (entity_notes, l->target))
        g_hash_table_insert (entity_notes, l->target, l);
      if (l->kind != '#' || l->bad || !g_str_equal (l->type, "Glossator") ||
          g_hash_table_contains (glossator_notes, l->target) ||
          (note = parse_note_json (l->text)) == NULL)
        continue;
      g_hash_table_insert (glossator_notes, l->target, note);
      g_hash_table_insert (glossator_note_lines, l->target, l);
    }

  builder = _glossator_import_builder_new (text);

  /* Mentions */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      JsonObject *note = l->id != NULL ? g_hash_table_lookup (glossator_notes, l->id) : NULL;
      JsonObject *attributes = note_object (note, "attributes");
      g_autoptr(GArray) mapped = NULL;
      g_autoptr(GArray) fragments = NULL;
      const char *label;
      guint index;

      if (l->kind != 'T' || l->bad || g_hash_table_contains (triggers, l->id))
        continue;
      if ((mapped = read_text_bound (text, &units[best], l, lenient, problems)) == NULL)
        {
          l->bad = TRUE;
          continue;
        }
      if (mapped->len == 0)
        {
          g_autofree char *where = line_where (l);

          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where, "%s: %s", l->id,
                                                             _("an empty span")));
          l->bad = TRUE;
          continue;
        }
      if (note != NULL)
        fragments = note_fragments (note, "fragments", &units[best], length);
      if (fragments == NULL)
        fragments = join_at_line_breaks (text, (const guint *) (gpointer) mapped->data, mapped->len);
      label = note_string (note, "label") != NULL ? note_string (note, "label") : l->type;

      index = add_mention_pairs (builder, label, fragments, l->id);
      if (attributes != NULL)
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, attributes);
          while (json_object_iter_next_ordered (&iter, &member, &value))
            _glossator_import_builder_set_attribute (builder, index, member, json_node_copy (value));
        }
      g_hash_table_insert (mention_of, l->id, GUINT_TO_POINTER (index + 1));
      l->used = TRUE;
      if (note != NULL)
        ((AnnLine *) g_hash_table_lookup (glossator_note_lines, l->id))->used = TRUE;
    }

  /* Stances */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      AnnLine *trigger;
      StanceInfo *info;
      GArray *evidence;
      gboolean ok = TRUE;

      if (l->kind != 'E' || l->bad || !l->stance)
        continue;
      trigger = g_hash_table_lookup (by_id, l->trigger);
      for (guint a = 0; a < l->args->len && ok; a++)
        ok = g_hash_table_contains (mention_of, strchr (g_ptr_array_index (l->args, a), ':') + 1);
      if (!ok)
        continue;
      if ((evidence = read_text_bound (text, &units[best], trigger, lenient, problems)) == NULL)
        {
          trigger->bad = TRUE;
          continue;
        }

      info = g_new0 (StanceInfo, 1);
      info->evidence = evidence;
      info->event = l;
      info->trigger = trigger;
      info->holder = -1;
      info->target = -1;
      info->attributes = json_object_new ();
      json_object_set_string_member (info->attributes, "source_id", l->id);
      json_object_set_string_member (info->attributes, "source_trigger", trigger->id);
      for (guint a = 0; a < l->args->len; a++)
        {
          const char *arg = g_ptr_array_index (l->args, a);
          int mention = (int) GPOINTER_TO_UINT (g_hash_table_lookup (mention_of, strchr (arg, ':') + 1)) - 1;

          if (g_str_has_prefix (arg, "Holder:"))
            info->holder = mention;
          else
            info->target = mention;
        }
      g_ptr_array_add (stances, info);
      g_hash_table_insert (stance_of, l->id, info);
      l->used = TRUE;
      trigger->used = TRUE;
    }

  /* Clusters */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      gboolean ok = TRUE, distinct = FALSE;

      if (l->kind != '*' || !g_str_equal (l->type, "Equiv") || l->args->len < 2)
        continue;
      for (guint a = 0; a < l->args->len && ok; a++)
        {
          ok = g_hash_table_contains (mention_of, g_ptr_array_index (l->args, a));
          distinct |= !g_str_equal (g_ptr_array_index (l->args, a), g_ptr_array_index (l->args, 0));
        }
      /* "Equiv T1 T1" says nothing Glossator can hold: kept as it is. */
      if (!ok || !distinct)
        continue;
      for (guint a = 1; a < l->args->len; a++)
        _glossator_import_builder_link (builder,
                                        GPOINTER_TO_UINT (g_hash_table_lookup (mention_of,
                                                                               g_ptr_array_index (l->args, 0))) - 1,
                                        GPOINTER_TO_UINT (g_hash_table_lookup (mention_of,
                                                                               g_ptr_array_index (l->args, a))) - 1);
      l->used = TRUE;
    }

  /* Attributes, normalizations and notes */
  for (guint i = 0; i < lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (lines, i);
      guint mention;
      StanceInfo *info;

      if (l->bad || l->used || l->target == NULL || (l->kind != 'A' && l->kind != 'N' && l->kind != '#'))
        continue;
      mention = GPOINTER_TO_UINT (g_hash_table_lookup (mention_of, l->target));
      info = g_hash_table_lookup (stance_of, l->target);

      if (l->kind == 'A' && mention > 0)
        {
          g_autofree char *key = g_strconcat (l->target, "\t", l->type, NULL);

          /* A second value of one attribute is kept as it is. */
          if (g_hash_table_contains (attributed, key))
            continue;
          g_hash_table_add (attributed, g_steal_pointer (&key));
          _glossator_import_builder_set_attribute (builder, mention - 1, l->type,
                                                   l->value != NULL
                                                     ? json_node_init_string (json_node_alloc (), l->value)
                                                     : json_node_init_boolean (json_node_alloc (), TRUE));
          l->used = TRUE;
        }
      else if (l->kind == 'A' && info != NULL)
        {
          guint intensity;

          if (g_str_equal (l->type, "Polarity") && l->value != NULL && info->polarity == NULL)
            info->polarity = g_strdup (l->value);
          else if (g_str_equal (l->type, "Intensity") && l->value != NULL && info->intensity == 0 &&
                   parse_uint (l->value, &intensity) && intensity >= 1 && intensity <= 3)
            info->intensity = intensity;
          else if (g_str_equal (l->type, "AuthorHolder") && l->value == NULL && info->holder < 0)
            info->author = TRUE;
          else if (!json_object_has_member (info->attributes, l->type))
            json_object_set_member (info->attributes, l->type,
                                    l->value != NULL ? json_node_init_string (json_node_alloc (), l->value)
                                                     : json_node_init_boolean (json_node_alloc (), TRUE));
          else
            continue;
          l->used = TRUE;
        }
      else if (l->kind == 'N' && mention > 0 && l->value != NULL &&
               !g_hash_table_contains (referenced, GUINT_TO_POINTER (entity_of (builder, mention))))
        {
          g_autofree char *kb_id = kb_id_from_reference (l->value);
          AnnLine *entity_note = g_hash_table_lookup (entity_notes, l->target);
          g_autoptr(JsonObject) exact = entity_note != NULL ? parse_note_json (entity_note->text) : NULL;
          const char *name = note_string (exact, "name") != NULL ? note_string (exact, "name")
                             : l->text != NULL && *l->text != '\0' ? l->text : NULL;

          _glossator_import_builder_set_entity (builder, mention - 1, name, NULL, kb_id, NULL, NULL);
          /* An entity has one KB id: another N line is kept as it is. */
          g_hash_table_add (referenced, GUINT_TO_POINTER (entity_of (builder, mention)));
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "AnnotatorNotes") &&
               !g_hash_table_contains (noted, l->target) && (mention > 0 || info != NULL))
        {
          /* Verbatim, unless a Glossator note holds it exactly (with the
           * line breaks a brat note cannot). */
          JsonObject *exact = g_hash_table_lookup (glossator_notes, l->target);
          g_autofree char *note = g_strdup (note_string (exact, "note") != NULL ? note_string (exact, "note")
                                            : l->text != NULL ? l->text : "");

          if (mention > 0)
            _glossator_import_builder_set_note (builder, mention - 1, note);
          else
            info->note = g_steal_pointer (&note);
          g_hash_table_add (noted, l->target);
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "Topic") && info != NULL && info->topic == NULL)
        {
          JsonObject *exact = g_hash_table_lookup (glossator_notes, l->target);

          info->topic = g_strdup (note_string (exact, "topic") != NULL ? note_string (exact, "topic")
                                  : l->text != NULL ? l->text : "");
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "GlossatorEntity") && mention > 0)
        {
          g_autoptr(JsonObject) note = parse_note_json (l->text);

          if (note != NULL)
            {
              _glossator_import_builder_set_entity (builder, mention - 1, note_string (note, "name"),
                                                    note_string (note, "label"), note_string (note, "kb_id"),
                                                    note_string (note, "note"), note_object (note, "attributes"));
              l->used = TRUE;
            }
        }
    }

  /* Glossator notes of stances */
  for (guint i = 0; i < stances->len; i++)
    {
      StanceInfo *info = g_ptr_array_index (stances, i);

      info->glossator = g_hash_table_lookup (glossator_notes, info->event->id);
      if (info->glossator != NULL)
        {
          g_hash_table_steal (glossator_notes, info->event->id);
          ((AnnLine *) g_hash_table_lookup (glossator_note_lines, info->event->id))->used = TRUE;
        }
    }

  for (guint i = 0; i < stances->len; i++)
    {
      StanceInfo *info = g_ptr_array_index (stances, i);
      JsonObject *attributes = note_object (info->glossator, "attributes");
      const char *polarity = note_string (info->glossator, "polarity");
      g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) fragments = NULL;
      g_autofree char *where = line_where (info->event);
      guint stance;

      if (polarity == NULL)
        polarity = info->polarity;
      if (polarity == NULL)
        {
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                             _("%s: a stance without a Polarity attribute; "
                                                               "read as “unclear”"), info->event->id));
          polarity = "unclear";
        }
      stance = _glossator_import_builder_add_stance (builder, polarity);
      if (info->author)
        _glossator_import_builder_set_holder (builder, stance, GLOSSATOR_HOLDER_AUTHOR, -1);
      else if (info->holder >= 0)
        _glossator_import_builder_set_holder (builder, stance, GLOSSATOR_HOLDER_ENTITY, info->holder);
      if (info->topic != NULL)
        _glossator_import_builder_set_target (builder, stance, GLOSSATOR_TARGET_TOPIC, -1, info->topic);
      else if (info->target >= 0)
        _glossator_import_builder_set_target (builder, stance, GLOSSATOR_TARGET_ENTITY, info->target, NULL);

      if (attributes != NULL)
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, attributes);
          while (json_object_iter_next_ordered (&iter, &member, &value))
            json_object_set_member (info->attributes, member, json_node_copy (value));
        }
      _glossator_import_builder_set_stance_details (builder, stance, info->intensity, info->note,
                                                    info->attributes);

      if (info->glossator != NULL)
        fragments = note_fragments (info->glossator, "evidence", &units[best], length);
      if (fragments == NULL)
        fragments = join_at_line_breaks (text, (const guint *) (gpointer) info->evidence->data,
                                         info->evidence->len);
      for (guint k = 0; k + 1 < fragments->len; k += 2)
        _glossator_import_builder_add_evidence (builder, stance, g_array_index (fragments, guint, k),
                                                g_array_index (fragments, guint, k + 1));
    }

  /* What is left is kept as it is, and summed up in one warning. */
  {
    g_autoptr(GString) what = g_string_new (NULL);
    const char kinds[] = "TREAN#*";

    for (guint i = 0; i < lines->len; i++)
      {
        AnnLine *l = g_ptr_array_index (lines, i);

        if (!l->used)
          json_array_add_string_element (unmapped, l->line);
      }
    for (guint k = 0; kinds[k] != '\0'; k++)
      {
        g_autoptr(GPtrArray) types = g_ptr_array_new ();
        guint n = 0;

        for (guint i = 0; i < lines->len; i++)
          {
            AnnLine *l = g_ptr_array_index (lines, i);
            gboolean seen = FALSE;

            if (l->used || l->bad || l->kind != kinds[k])
              continue;
            n++;
            for (guint t = 0; t < types->len && !seen; t++)
              seen = g_str_equal (g_ptr_array_index (types, t), l->type);
            if (!seen)
              g_ptr_array_add (types, l->type);
          }
        if (n == 0)
          continue;
        g_string_append_printf (what, "%s%u %c (", what->len > 0 ? ", " : "", n, kinds[k]);
        for (guint t = 0; t < MIN (types->len, 4); t++)
          g_string_append_printf (what, "%s%s", t > 0 ? " " : "", (const char *) g_ptr_array_index (types, t));
        g_string_append (what, types->len > 4 ? " …)" : ")");
      }
    if (what->len > 0)
      g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, NULL,
                                                         _("lines with no place in Glossator, kept in %s: %s"),
                                                         UNMAPPED, what->str));
  }
  if (json_array_get_length (unmapped) > 0)
    _glossator_import_builder_set_document_attribute (builder, UNMAPPED,
                                                      json_node_init_array (json_node_alloc (), unmapped));
  /* Where each line was, so an export writes it back in place. */
  {
    g_autoptr(JsonArray) layout = json_array_sized_new (lines->len);

    for (guint i = 0; i < lines->len; i++)
      {
        AnnLine *l = g_ptr_array_index (lines, i);

        if (!l->used)
          json_array_add_string_element (layout, "");
        else if (l->kind == 'T' || l->kind == 'E')
          json_array_add_string_element (layout, l->id);
        else if (l->kind == '*')
          json_array_add_string_element (layout, l->line);
        else
          {
            g_autofree char *entry = g_strdup_printf ("%s\t%s %s", l->id, l->type, l->target);

            json_array_add_string_element (layout, entry);
          }
      }
    if (lines->len > 0)
      _glossator_import_builder_set_document_attribute (builder, LAYOUT,
                                                        json_node_init_array (json_node_alloc (), layout));
  }

  document = _glossator_import_builder_finish (builder);
  imported->document = g_steal_pointer (&document);
  imported->article_file = g_object_ref (txt_file);
  imported->article_bytes = g_steal_pointer (&txt_bytes);

  for (guint u = 0; u < n_units; u++)
    _glossator_offset_unit_clear (&units[u]);

  return _glossator_import_emit (context, imported, error);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  return glossator_corpus_compare_files (*(GFile * const *) a, *(GFile * const *) b);
}

static gboolean
collect_ann_files (GFile         *folder,
                   GPtrArray     *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (g_file_info_get_is_hidden (info) || name[0] == '.')
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!collect_ann_files (child, out, cancellable, error))
            return FALSE;
        }
      else if (g_str_has_suffix (name, ".ann"))
        g_ptr_array_add (out, g_object_ref (child));
    }

  return TRUE;
}

static gboolean
brat_import (GlossatorImportContext  *context,
             GError                 **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  BratImport import = { context, NULL, NULL };
  GFileType type = g_file_query_file_type (context->input, G_FILE_QUERY_INFO_NONE, context->cancellable);
  g_autofree char *basename = g_file_get_basename (context->input);
  g_autofree char *folder = NULL;
  gboolean ok = TRUE;

  if (type == G_FILE_TYPE_DIRECTORY)
    folder = _glossator_real_path (context->input);
  else
    {
      g_autofree char *entry = _glossator_entry_path (context->input);

      folder = entry != NULL ? g_path_get_dirname (entry) : NULL;
    }
  import.folder = folder;

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      if (!collect_ann_files (context->input, files, context->cancellable, error))
        return FALSE;
      g_ptr_array_sort (files, compare_files);
      import.root = context->input;
    }
  else if (g_str_has_suffix (basename, ".ann"))
    g_ptr_array_add (files, g_object_ref (context->input));
  else if (g_str_has_suffix (basename, ".txt"))
    {
      g_autoptr(GFile) parent = g_file_get_parent (context->input);
      g_autofree char *stem = g_strndup (basename, strlen (basename) - strlen (".txt"));
      g_autofree char *ann = g_strconcat (stem, ".ann", NULL);

      g_ptr_array_add (files, g_file_get_child (parent, ann));
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (context->input);

      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: not a brat folder nor a .ann or .txt file"), name);
      return FALSE;
    }

  for (guint i = 0; i < files->len && ok; i++)
    ok = import_document (&import, g_ptr_array_index (files, i), error);

  return ok;
}

const GlossatorFormat _glossator_format_brat = {
  .name = "brat",
  .description = N_("brat standoff: .txt and .ann per document (mentions, entity clusters, KB ids, "
                    "notes, stances as events) and annotation.conf"),
  .extension = NULL,
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT | GLOSSATOR_FORMAT_EXPORTS_FOLDER,
  .options = brat_options,
  .n_options = G_N_ELEMENTS (brat_options),
  .exporter_size = sizeof (BratExporter),
  .begin = brat_begin,
  .render = brat_render,
  .write = brat_write,
  .end = brat_end,
  .finalize = brat_finalize,
  .import = brat_import,
};

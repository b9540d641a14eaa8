/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-format-private.h"
#include "glossator-sidecar-private.h"

/* Label Studio tasks: a JSON array of {"data":{"text"},"annotations":
 * [{"result":[region…]}]}, a region being {"id","from_name","to_name",
 * "type":"labels","value":{"start","end","text","labels":[…]}}. An import
 * takes a task's first annotation not cancelled (else its first
 * prediction, else "completions" of very old exports), reads offsets in
 * the unit under which every region's value.text matches (code points
 * since late 2021, UTF-16 code units before), and keeps the whole task
 * but its text and the regions that became mentions in the document
 * attribute "label_studio"; an export puts them back in place. */

#define TASK "label_studio"

static const GlossatorFormatOption label_studio_options[] = {
  { "from-name", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, NULL, N_("NAME"),
    N_("The name of the <Labels> control in the labelling config, for new regions (default: the "
       "one of the document's regions, else “label”)"),
    N_("Labels control") },
  { "to-name", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, NULL, N_("NAME"),
    N_("The name of the <Text> object in the labelling config, for new regions (default: the one "
       "of the document's regions, else “text”)"),
    N_("Text object") },
  { "text-key", GLOSSATOR_FORMAT_OPTION_STRING,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member of a task's data holding the text (default “text”, or the only string there)"),
    N_("Text member") },
  { "offset-unit", GLOSSATOR_FORMAT_OPTION_CHOICE,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    "auto|codepoint|utf16", "auto", "codepoint|utf16",
    N_("What offsets count: code points (Label Studio since 2021) or UTF-16 code units (before); "
       "auto: an import finds it from the regions' text, an export uses the unit the document came "
       "in, else code points"),
    N_("Offset unit") },
  { "lenient", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, NULL,
    N_("Accept a span whose stored text differs from the article in white space only, narrowing the span "
       "to the text"),
    N_("Accept white space differences") },
};

/* Export */

typedef struct {
  GlossatorExporter parent;
  guint             n_written;
} LabelStudioExporter;

static gboolean
label_studio_begin (GlossatorExporter  *self,
                    GError            **error)
{
  return _glossator_write_all (self->stream, "[", 1, NULL, error);
}

typedef struct {
  GlossatorText   *text;
  const guint     *utf16;       /* the export's unit: NULL for code points */
  const GlossatorOffsetUnit *came_in;  /* the unit the kept regions count in */
  const char      *from_name;   /* for new regions */
  const char      *to_name;
  GHashTable      *region_ids;  /* ids written */
  GlossatorRender *render;
} RegionWriter;

/* A region of @mentions (one span, their labels), on @base (the region as
 * it came, less its value; nullable). */
static JsonNode *
make_region (RegionWriter *w,
             JsonObject   *base,
             const char   *id,
             GPtrArray    *mentions)
{
  GlossatorMention *first = g_ptr_array_index (mentions, 0);
  g_autofree char *slice = glossator_text_slice (w->text, first->fragments[0].start, first->fragments[0].end);
  JsonNode *node;
  JsonObject *region, *value;
  JsonArray *labels = json_array_new ();
  guint start = first->fragments[0].start, end = first->fragments[0].end;

  if (base != NULL)
    {
      g_autoptr(JsonNode) wrapped = json_node_init_object (json_node_alloc (), base);

      node = _glossator_json_deep_copy (wrapped);
      region = json_node_get_object (node);
    }
  else
    {
      node = json_node_init_object (json_node_alloc (), json_object_new ());
      region = json_node_get_object (node);
      json_object_unref (region);
      json_object_set_string_member (region, "id", id);
      json_object_set_string_member (region, "from_name", w->from_name);
      json_object_set_string_member (region, "to_name", w->to_name);
      json_object_set_string_member (region, "type", "labels");
    }
  json_object_set_string_member (region, "id", id);
  if (w->utf16 != NULL)
    {
      start = w->utf16[start];
      end = w->utf16[end];
    }
  value = _glossator_json_object_member (region, "value");
  if (value == NULL)
    {
      value = json_object_new ();
      json_object_set_object_member (region, "value", value);
    }
  json_object_set_int_member (value, "start", start);
  json_object_set_int_member (value, "end", end);
  json_object_set_string_member (value, "text", slice != NULL ? slice : "");
  for (guint i = 0; i < mentions->len; i++)
    json_array_add_string_element (labels, ((GlossatorMention *) g_ptr_array_index (mentions, i))->label);
  json_object_set_array_member (value, "labels", labels);
  g_hash_table_add (w->region_ids, g_strdup (id));
  w->render->counts.n_mentions_written += mentions->len;
  return node;
}

/* The regions of the mentions that were one region (@mentions, all with
 * its id): one region per span, the first with the id. */
static void
add_regions (RegionWriter *w,
             JsonArray    *out,
             JsonObject   *base,
             const char   *id,
             GPtrArray    *mentions)
{
  while (mentions->len > 0)
    {
      GlossatorMention *first = g_ptr_array_index (mentions, 0);
      g_autoptr(GPtrArray) same = g_ptr_array_new ();
      g_autofree char *new_id = NULL;

      for (guint i = 0; i < mentions->len; )
        {
          GlossatorMention *mention = g_ptr_array_index (mentions, i);

          if (mention->fragments[0].start == first->fragments[0].start &&
              mention->fragments[0].end == first->fragments[0].end)
            {
              g_ptr_array_add (same, mention);
              g_ptr_array_remove_index (mentions, i);
            }
          else
            i++;
        }
      if (g_hash_table_contains (w->region_ids, id))
        {
          for (guint n = 1; new_id == NULL || g_hash_table_contains (w->region_ids, new_id); n++)
            {
              g_free (new_id);
              new_id = g_strdup_printf ("%s-%u", id, n);
            }
        }
      json_array_add_element (out, make_region (w, base, new_id != NULL ? new_id : id, same));
    }
}

/* A kept region (of another annotation, a prediction, one the import
 * could not read) in the export's unit when it differs from the one it
 * came in. */
static JsonNode *
convert_region (RegionWriter *w,
                JsonNode     *node)
{
  JsonNode *copy = _glossator_json_deep_copy (node);
  JsonObject *value = JSON_NODE_HOLDS_OBJECT (copy)
                        ? _glossator_json_object_member (json_node_get_object (copy), "value") : NULL;
  g_autofree char *why = NULL;
  gint64 start, end;
  guint s, e;

  if ((w->utf16 != NULL) == (w->came_in->counting == GLOSSATOR_COUNT_UTF16) || value == NULL ||
      !_glossator_json_int_member (value, "start", &start) || !_glossator_json_int_member (value, "end", &end) ||
      !_glossator_offset_unit_span (w->came_in, start, end, &s, &e, &why))
    return copy;
  if (w->utf16 != NULL)
    {
      s = w->utf16[s];
      e = w->utf16[e];
    }
  json_object_set_int_member (value, "start", s);
  json_object_set_int_member (value, "end", e);
  return copy;
}

static JsonArray *
convert_regions (RegionWriter *w,
                 JsonArray    *regions)
{
  JsonArray *out = json_array_new ();

  for (guint i = 0; regions != NULL && i < json_array_get_length (regions); i++)
    json_array_add_element (out, convert_region (w, json_array_get_element (regions, i)));
  return out;
}

static const char *
mention_region_id (GlossatorMention *mention)
{
  return mention->attributes != NULL ? _glossator_json_string_member (mention->attributes, "source_id") : NULL;
}

/* The chosen result of a task that came from Label Studio: its items in
 * place, the regions of the mentions at their placeholders, new ones at
 * the end. */
static JsonArray *
rebuild_result (RegionWriter *w,
                JsonArray    *stored,
                JsonObject   *bases,
                GPtrArray    *mentions)
{
  g_autoptr(JsonArray) out = json_array_new ();
  g_autoptr(GPtrArray) relations = g_ptr_array_new ();
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                       (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) unplaced = g_ptr_array_new ();
  JsonArray *result;

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      const char *id = mention_region_id (mention);
      GPtrArray *group;

      if (id == NULL || bases == NULL || _glossator_json_object_member (bases, id) == NULL)
        {
          g_ptr_array_add (unplaced, mention);
          continue;
        }
      if ((group = g_hash_table_lookup (by_id, id)) == NULL)
        g_hash_table_insert (by_id, (gpointer) id, group = g_ptr_array_new ());
      g_ptr_array_add (group, mention);
    }

  for (guint i = 0; stored != NULL && i < json_array_get_length (stored); i++)
    {
      JsonNode *item = json_array_get_element (stored, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *placeholder = JSON_NODE_HOLDS_VALUE (item) ? json_node_get_string (item) : NULL;
      GPtrArray *group;

      if (placeholder != NULL)
        {
          if ((group = g_hash_table_lookup (by_id, placeholder)) != NULL)
            add_regions (w, out, _glossator_json_object_member (bases, placeholder), placeholder, group);
          continue;
        }
      if (_glossator_json_string_member (object, "from_id") != NULL &&
          _glossator_json_string_member (object, "to_id") != NULL)
        {
          /* Relations are checked once every region is written. */
          g_ptr_array_add (relations, GUINT_TO_POINTER (json_array_get_length (out)));
          json_array_add_element (out, _glossator_json_deep_copy (item));
          continue;
        }
      if (object != NULL && _glossator_json_string_member (object, "id") != NULL)
        g_hash_table_add (w->region_ids, g_strdup (_glossator_json_string_member (object, "id")));
      json_array_add_element (out, convert_region (w, item));
    }

  /* Mentions that were no region of the task. */
  for (guint i = 0; i < unplaced->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (unplaced, i);
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      const char *id = mention_region_id (mention);

      g_ptr_array_add (one, mention);
      add_regions (w, out, NULL, id != NULL ? id : mention->id, one);
    }

  result = json_array_new ();
  for (guint i = 0, r = 0; i < json_array_get_length (out); i++)
    {
      JsonNode *item = json_array_get_element (out, i);

      if (r < relations->len && GPOINTER_TO_UINT (g_ptr_array_index (relations, r)) == i)
        {
          JsonObject *relation = json_node_get_object (item);
          const char *from = _glossator_json_string_member (relation, "from_id");
          const char *to = _glossator_json_string_member (relation, "to_id");

          r++;
          if (!g_hash_table_contains (w->region_ids, from) || !g_hash_table_contains (w->region_ids, to))
            {
              _glossator_render_warn (w->render, -1,
                                      _("a relation from region %s to region %s not exported: one of them "
                                        "is gone"), from, to);
              continue;
            }
        }
      json_array_add_element (result, json_node_copy (item));
    }
  return result;
}

static gboolean
label_studio_render (GlossatorExporter             *exporter,
                     const GlossatorExportDocument *document,
                     GlossatorRender               *render,
                     GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) all = glossator_document_list_mentions (document->document);
  g_autoptr(GPtrArray) mentions = g_ptr_array_new ();
  g_autoptr(GHashTable) region_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree guint *offsets = _glossator_utf16_offsets (text);
  g_auto(GlossatorOffsetUnit) came_in_unit = { 0 };
  JsonObject *attributes = glossator_document_get_attributes (document->document);
  JsonObject *kept = _glossator_json_object_member (attributes, TASK);
  JsonObject *stored_task = _glossator_json_object_member (kept, "task");
  const char *unit = _glossator_exporter_get_option (exporter, "offset-unit");
  const char *came_in = _glossator_json_string_member (kept, "offset_unit");
  const char *text_key = _glossator_exporter_get_option (exporter, "text-key");
  g_autoptr(JsonNode) task_node = NULL;
  JsonObject *task, *data, *annotation = NULL;
  JsonArray *list;
  JsonObject *bases = _glossator_json_object_member (kept, "regions");
  RegionWriter w = { text, NULL, NULL, NULL, NULL, region_ids, render };
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);

  for (guint i = 0; i < all->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (all, i);

      if (mention->n_fragments > 1)
        {
          _glossator_render_skip_discontinuous (render, mention, text);
          continue;
        }
      g_ptr_array_add (mentions, mention);
    }

  if (g_str_equal (unit, "auto"))
    unit = came_in != NULL ? came_in : "codepoint";
  w.utf16 = g_str_equal (unit, "utf16") ? offsets : NULL;
  _glossator_offset_unit_init (&came_in_unit, text,
                               g_strcmp0 (came_in, "utf16") == 0 ? GLOSSATOR_COUNT_UTF16 : GLOSSATOR_COUNT_CODEPOINTS,
                               FALSE, FALSE);
  w.came_in = &came_in_unit;

  /* New regions are named as the document's are. */
  w.from_name = _glossator_exporter_get_option (exporter, "from-name");
  w.to_name = _glossator_exporter_get_option (exporter, "to-name");
  if (bases != NULL)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *base;

      json_object_iter_init_ordered (&iter, bases);
      while (json_object_iter_next_ordered (&iter, &id, &base) && (w.from_name == NULL || w.to_name == NULL))
        if (JSON_NODE_HOLDS_OBJECT (base))
          {
            if (w.from_name == NULL)
              w.from_name = _glossator_json_string_member (json_node_get_object (base), "from_name");
            if (w.to_name == NULL)
              w.to_name = _glossator_json_string_member (json_node_get_object (base), "to_name");
          }
    }
  if (w.from_name == NULL)
    w.from_name = "label";
  if (w.to_name == NULL)
    w.to_name = "text";

  if (stored_task != NULL)
    {
      const char *key = _glossator_json_string_member (kept, "text_key");
      const char *from = _glossator_json_string_member (kept, "result");
      gint64 index = 0;
      JsonObjectIter iter;
      const char *member;
      JsonNode *value;

      g_autoptr(JsonNode) wrapped = json_node_init_object (json_node_alloc (), stored_task);

      task_node = _glossator_json_deep_copy (wrapped);
      task = json_node_get_object (task_node);
      if ((data = _glossator_json_object_member (task, "data")) == NULL)
        {
          data = json_object_new ();
          json_object_set_object_member (task, "data", data);
        }
      json_object_set_string_member (data, key != NULL ? key : "text", utf8);
      _glossator_json_int_member (kept, "index", &index);
      list = from != NULL ? _glossator_json_array_member (task, from) : NULL;
      if (list != NULL && index >= 0 && index < json_array_get_length (list) &&
          JSON_NODE_HOLDS_OBJECT (json_array_get_element (list, index)))
        annotation = json_array_get_object_element (list, index);

      /* The other annotations and predictions in the export's unit. */
      json_object_iter_init_ordered (&iter, task);
      while (json_object_iter_next_ordered (&iter, &member, &value))
        {
          JsonArray *items = JSON_NODE_HOLDS_ARRAY (value) ? json_node_get_array (value) : NULL;

          if (!g_str_equal (member, "annotations") && !g_str_equal (member, "predictions") &&
              !g_str_equal (member, "completions"))
            continue;
          for (guint i = 0; items != NULL && i < json_array_get_length (items); i++)
            {
              JsonObject *other = JSON_NODE_HOLDS_OBJECT (json_array_get_element (items, i))
                                    ? json_array_get_object_element (items, i) : NULL;

              if (other != NULL && other != annotation && _glossator_json_array_member (other, "result") != NULL)
                json_object_set_array_member (other, "result",
                                              convert_regions (&w, _glossator_json_array_member (other, "result")));
            }
        }
      if (annotation == NULL && mentions->len > 0)
        {
          JsonArray *annotations = _glossator_json_array_member (task, "annotations");

          if (annotations == NULL)
            {
              annotations = json_array_new ();
              json_object_set_array_member (task, "annotations", annotations);
            }
          annotation = json_object_new ();
          json_array_add_object_element (annotations, annotation);
        }
      if (annotation != NULL)
        json_object_set_array_member (annotation, "result",
                                      rebuild_result (&w, _glossator_json_array_member (annotation, "result"),
                                                      bases, mentions));
    }
  else
    {
      g_autoptr(JsonArray) annotations = json_array_new ();
      g_autoptr(JsonObject) new_task = json_object_new ();

      task_node = json_node_init_object (json_node_alloc (), new_task);
      task = new_task;
      data = json_object_new ();
      json_object_set_string_member (data, text_key != NULL ? text_key : "text", utf8);
      json_object_set_string_member (data, "document", document->id);
      json_object_set_object_member (task, "data", data);
      annotation = json_object_new ();
      json_object_set_array_member (annotation, "result", rebuild_result (&w, NULL, NULL, mentions));
      json_array_add_object_element (annotations, annotation);
      json_object_set_array_member (task, "annotations", g_steal_pointer (&annotations));
    }

  g_string_append_c (render->data, '\n');
  _glossator_json_append_node (render->data, task_node);
  return TRUE;
}

static gboolean
label_studio_write (GlossatorExporter             *exporter,
                    const GlossatorExportDocument *document,
                    GlossatorRender               *render,
                    GCancellable                  *cancellable,
                    GError                       **error)
{
  LabelStudioExporter *self = (LabelStudioExporter *) exporter;

  if (self->n_written++ > 0 &&
      !_glossator_write_all (exporter->stream, ",", 1, cancellable, error))
    return FALSE;
  return _glossator_write_all (exporter->stream, render->data->str, render->data->len, cancellable, error);
}

static gboolean
label_studio_end (GlossatorExporter  *self,
                  GCancellable       *cancellable,
                  GError            **error)
{
  return _glossator_write_all (self->stream, "\n]\n", 3, cancellable, error);
}

/* Import */

typedef struct {
  JsonObject *region;
  char       *where;
  gint64      start;
  gint64      end;
  const char *text;      /* value.text, nullable */
  JsonArray  *labels;
  gboolean    imported;
} Region;

static void
region_clear (Region *region)
{
  g_free (region->where);
}

static const char *
task_text (JsonObject  *data,
           const char  *key,
           const char **key_used)
{
  JsonObjectIter iter;
  const char *member, *only = NULL, *only_key = NULL;
  JsonNode *value;
  guint n = 0;

  *key_used = key != NULL ? key : "text";
  if (key != NULL)
    return _glossator_json_string_member (data, key);
  if (_glossator_json_string_member (data, "text") != NULL)
    return _glossator_json_string_member (data, "text");

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      {
        only = json_node_get_string (value);
        only_key = member;
        n++;
      }
  if (n != 1)
    return NULL;
  *key_used = only_key;
  return only;
}

/* The annotation whose result is imported: its list, index, and how
 * many were passed over. */
static JsonArray *
choose_result (JsonObject  *task,
               const char **from,
               guint       *index,
               guint       *n_others)
{
  static const char * const lists[] = { "annotations", "completions", "predictions" };

  *n_others = 0;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonArray *array = _glossator_json_array_member (task, lists[l]);
      JsonArray *chosen = NULL;

      for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *annotation;
          JsonArray *result;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          annotation = json_node_get_object (item);
          result = _glossator_json_array_member (annotation, "result");
          if (result == NULL || _glossator_json_boolean_member (annotation, "was_cancelled", FALSE))
            continue;
          if (chosen == NULL)
            {
              chosen = result;
              *index = i;
            }
          else
            (*n_others)++;
        }
      if (chosen != NULL)
        {
          *from = lists[l];
          return chosen;
        }
    }

  return NULL;
}

static GlossatorTextMatch
region_match (GlossatorText             *text,
              const GlossatorOffsetUnit *unit,
              const Region              *region)
{
  g_autofree char *why = NULL;
  guint s, e;

  if (!_glossator_offset_unit_span (unit, region->start, region->end, &s, &e, &why))
    return GLOSSATOR_TEXT_DIFFERS;
  if (region->text == NULL)
    return GLOSSATOR_TEXT_SAME;
  return _glossator_offset_unit_match (unit, text, (const guint[]) { region->start, region->end }, 2,
                                       region->text, NULL);
}

/* The unit the regions' offsets count in: the option's; else the one
 * under which every value.text matches (code points first), all spans
 * fit, and the spans without text read as one; NULL with @why when none
 * can be told. */
static const GlossatorOffsetUnit *
choose_unit (GlossatorImportContext    *context,
             GlossatorText             *text,
             const GlossatorOffsetUnit *codepoints,
             const GlossatorOffsetUnit *utf16,
             GArray                    *regions,
             gboolean                   lenient,
             gboolean                  *decided,
             char                     **why)
{
  const char *option = _glossator_options_get (context->format, context->options, "offset-unit");
  const GlossatorOffsetUnit *units[2] = { codepoints, utf16 };
  guint exact[2] = { 0, 0 }, loose[2] = { 0, 0 }, bad[2] = { 0, 0 }, n_with_text = 0;
  gboolean fits[2], differ = FALSE;
  const char *first_different = NULL;

  *decided = TRUE;
  *why = NULL;
  if (g_str_equal (option, "codepoint"))
    return units[0];
  if (g_str_equal (option, "utf16"))
    return units[1];

  for (guint i = 0; i < regions->len; i++)
    {
      const Region *r = &g_array_index (regions, Region, i);
      guint s[2], e[2];
      gboolean ok[2];

      n_with_text += r->text != NULL;
      for (guint u = 0; u < 2; u++)
        {
          g_autofree char *ignored = NULL;
          GlossatorTextMatch match = region_match (text, units[u], r);

          ok[u] = _glossator_offset_unit_span (units[u], r->start, r->end, &s[u], &e[u], &ignored);
          bad[u] += !ok[u];
          exact[u] += r->text != NULL && match == GLOSSATOR_TEXT_SAME;
          loose[u] += r->text != NULL && match != GLOSSATOR_TEXT_DIFFERS;
        }
      if (ok[0] && ok[1] && (s[0] != s[1] || e[0] != e[1]))
        {
          differ = TRUE;
          if (r->text == NULL && first_different == NULL)
            first_different = r->where;
        }
    }
  for (guint u = 0; u < 2; u++)
    fits[u] = bad[u] == 0 && (lenient ? loose[u] : exact[u]) == n_with_text;

  if (fits[0] && fits[1] && first_different != NULL)
    {
      *why = g_strdup_printf (_("not imported: %s has no value.text, and its offsets read differently in "
                                "code points (Label Studio since 2021) and in UTF-16 code units (before): "
                                "give --offset-unit=codepoint or --offset-unit=utf16"),
                              first_different);
      return units[0];
    }
  if (fits[0])
    {
      *decided = n_with_text > 0 || !differ;
      return units[0];
    }
  if (fits[1])
    {
      if (n_with_text == 0)
        _glossator_import_problem (context, GLOSSATOR_PROBLEM_WARNING, g_array_index (regions, Region, 0).where,
                                   _("offsets read as UTF-16 code units, the only unit every span fits "
                                     "(the regions have no value.text to tell)"));
      return units[1];
    }
  /* Neither: the unit with more texts right; the others are errors. */
  *decided = exact[0] != exact[1];
  return exact[1] > exact[0] || (exact[1] == exact[0] && bad[1] < bad[0]) ? units[1] : units[0];
}

static gboolean
all_strings (JsonArray *array)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
        return FALSE;
    }
  return TRUE;
}

static gboolean
label_studio_record (GlossatorImportContext  *context,
                     JsonNode                *node,
                     const char              *where,
                     guint                    n_record,
                     gpointer                 user_data,
                     GError                 **error)
{
  const char *text_key = _glossator_options_get (context->format, context->options, "text-key");
  gboolean lenient = _glossator_options_get_boolean (context->format, context->options, "lenient");
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(GArray) regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autoptr(JsonObject) bases = json_object_new ();
  g_autoptr(JsonNode) skeleton = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(GlossatorOffsetUnit) codepoints = { 0 };
  g_auto(GlossatorOffsetUnit) utf16 = { 0 };
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *why = NULL;
  JsonObject *task, *data;
  JsonArray *result;
  const char *utf8, *from = NULL, *key_used = NULL;
  const GlossatorOffsetUnit *unit;
  guint n_others, index = 0;
  gboolean decided;
  gint64 id;
  GPtrArray *problems;

  g_array_set_clear_func (regions, (GDestroyNotify) region_clear);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("a task is a JSON object"));
      return TRUE;
    }
  task = json_node_get_object (node);
  data = _glossator_json_object_member (task, "data");
  utf8 = data != NULL ? task_text (data, text_key, &key_used) : NULL;
  if (utf8 == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("no text in the task's data (option text-key names its member)"));
      return TRUE;
    }
  text = glossator_text_new (utf8, -1, &local_error);
  if (text == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s", local_error->message);
      return TRUE;
    }

  if (_glossator_json_int_member (task, "id", &id))
    key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  else if (_glossator_json_string_member (data, "document") != NULL)
    key = g_strdup (_glossator_json_string_member (data, "document"));
  else
    key = g_strdup_printf ("%u", n_record + 1);
  name = _glossator_import_name (context->input, key, ".txt");
  if (_glossator_json_string_member (data, "document") != NULL && !_glossator_json_int_member (task, "id", &id))
    {
      g_autofree char *safe = _glossator_import_safe_path (_glossator_json_string_member (data, "document"));

      if (safe != NULL)
        {
          g_free (name);
          name = g_str_has_suffix (safe, ".txt") ? g_strdup (safe) : g_strconcat (safe, ".txt", NULL);
        }
    }
  imported = _glossator_imported_document_new (name, NULL);
  problems = imported->problems;

  result = choose_result (task, &from, &index, &n_others);
  if (n_others > 0)
    g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                      _("the task has %u more %s; the first is imported, "
                                                        "the others kept in the document attribute "
                                                        "label_studio"),
                                                      n_others, from));

  for (guint i = 0; result != NULL && i < json_array_get_length (result); i++)
    {
      JsonNode *item = json_array_get_element (result, i);
      g_autofree char *path = g_strdup_printf ("%s: %s[%u]", where, from, i);
      JsonObject *region, *value;
      Region r = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path,
                                                            _("not an object; kept as it is")));
          continue;
        }
      region = json_node_get_object (item);
      value = _glossator_json_object_member (region, "value");
      if (value == NULL || !_glossator_json_int_member (value, "start", &r.start) ||
          !_glossator_json_int_member (value, "end", &r.end) ||
          _glossator_json_array_member (value, "labels") == NULL ||
          !all_strings (_glossator_json_array_member (value, "labels")))
        {
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                            _("a %s result is not a labelled span; kept in "
                                                              "the document attribute label_studio"),
                                                            _glossator_json_string_member (region, "type") != NULL
                                                               ? _glossator_json_string_member (region, "type") : "?"));
          continue;
        }
      r.region = region;
      r.where = g_steal_pointer (&path);
      r.text = _glossator_json_string_member (value, "text");
      r.labels = _glossator_json_array_member (value, "labels");
      g_array_append_val (regions, r);
    }

  _glossator_offset_unit_init (&codepoints, text, GLOSSATOR_COUNT_CODEPOINTS, FALSE, FALSE);
  _glossator_offset_unit_init (&utf16, text, GLOSSATOR_COUNT_UTF16, FALSE, FALSE);
  unit = choose_unit (context, text, &codepoints, &utf16, regions, lenient, &decided, &why);
  if (why != NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s", why);
      return TRUE;
    }
  imported->offset_unit = g_strdup (unit->description);

  builder = _glossator_import_builder_new (text);
  for (guint i = 0; i < regions->len; i++)
    {
      Region *r = &g_array_index (regions, Region, i);
      g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *problem = NULL;
      const char *region_id = _glossator_json_string_member (r->region, "id");
      GlossatorTextMatch match = region_match (text, unit, r);
      guint s, e;

      if (!_glossator_offset_unit_span (unit, r->start, r->end, &s, &e, &problem))
        {
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, r->where,
                                                            _("%s; kept as it is"), problem));
          continue;
        }
      if (match == GLOSSATOR_TEXT_DIFFERS || (match == GLOSSATOR_TEXT_SPACE_ONLY && !lenient))
        {
          g_autofree char *slice = glossator_text_slice (text, s, e);
          g_autofree char *shown_text = _glossator_shown_text (r->text);
          g_autofree char *shown_slice = _glossator_shown_text (slice);

          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, r->where,
                                                            match == GLOSSATOR_TEXT_DIFFERS
                                                               ? _("value.text “%s” is not “%s”, what [%" PRId64
                                                                   ", %" PRId64 ") covers in %s; kept as it is")
                                                               : _("value.text “%s” is not “%s”, what [%" PRId64
                                                                   ", %" PRId64 ") covers in %s; they differ in "
                                                                   "white space only, which --lenient accepts; "
                                                                   "kept as it is"),
                                                            shown_text, shown_slice, r->start, r->end,
                                                            imported->offset_unit));
          continue;
        }
      g_array_append_val (pairs, s);
      g_array_append_val (pairs, e);
      if (match == GLOSSATOR_TEXT_SPACE_ONLY)
        {
          g_autofree char *slice = glossator_text_slice (text, s, e);
          g_autofree char *trimmed = NULL;
          g_autofree char *shown_text = _glossator_shown_text (r->text);
          g_autofree char *shown_slice = _glossator_shown_text (slice);
          g_autofree char *shown_trimmed = NULL;

          _glossator_trim_to_stored (text, pairs, r->text);
          if (pairs->len == 0)
            {
              g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, r->where,
                                                                _("an empty span; kept as it is")));
              continue;
            }
          s = g_array_index (pairs, guint, 0);
          e = g_array_index (pairs, guint, 1);
          trimmed = glossator_text_slice (text, s, e);
          shown_trimmed = _glossator_shown_text (trimmed);
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, r->where,
                                                            _("value.text “%s” differs from “%s”, what its "
                                                              "offsets cover, in white space only; read as "
                                                              "“%s” (--lenient)"),
                                                            shown_text, shown_slice, shown_trimmed));
        }
      for (guint l = 0; l < json_array_get_length (r->labels); l++)
        {
          const char *label = json_array_get_string_element (r->labels, l);

          _glossator_import_builder_add_mention (builder, label, &s, &e, 1, region_id);
          r->imported = TRUE;
        }
      /* What the region holds besides the span, for the export. */
      if (r->imported && region_id != NULL && !json_object_has_member (bases, region_id))
        {
          g_autoptr(JsonNode) wrapped = json_node_init_object (json_node_alloc (), r->region);
          g_autoptr(JsonNode) copy = _glossator_json_deep_copy (wrapped);
          JsonObject *base = json_node_get_object (copy);
          JsonObject *value = _glossator_json_object_member (base, "value");

          json_object_remove_member (value, "start");
          json_object_remove_member (value, "end");
          json_object_remove_member (value, "text");
          json_object_remove_member (value, "labels");
          json_object_set_object_member (bases, region_id, json_object_ref (base));
        }
    }

  /* The task as it came, less its text and the regions that became
   * mentions (their ids stand in their places). */
  skeleton = _glossator_json_deep_copy (node);
  json_object_set_null_member (_glossator_json_object_member (json_node_get_object (skeleton), "data"), key_used);
  if (result != NULL)
    {
      JsonArray *list = _glossator_json_array_member (json_node_get_object (skeleton), from);
      JsonObject *annotation = json_array_get_object_element (list, index);
      g_autoptr(JsonArray) placed = json_array_new ();

      for (guint i = 0, k = 0; i < json_array_get_length (result); i++)
        {
          JsonNode *item = json_array_get_element (result, i);
          const Region *r = k < regions->len ? &g_array_index (regions, Region, k) : NULL;

          if (r != NULL && JSON_NODE_HOLDS_OBJECT (item) && r->region == json_node_get_object (item))
            {
              k++;
              if (r->imported)
                {
                  if (_glossator_json_string_member (r->region, "id") != NULL)
                    json_array_add_string_element (placed, _glossator_json_string_member (r->region, "id"));
                  continue;
                }
            }
          json_array_add_element (placed, _glossator_json_deep_copy (item));
        }
      json_object_set_array_member (annotation, "result", g_steal_pointer (&placed));
      json_object_set_string_member (kept, "result", from);
      json_object_set_int_member (kept, "index", index);
    }
  json_object_set_member (kept, "task", g_steal_pointer (&skeleton));
  json_object_set_string_member (kept, "text_key", key_used);
  if (json_object_get_size (bases) > 0)
    json_object_set_object_member (kept, "regions", g_steal_pointer (&bases));
  if (decided && regions->len > 0)
    json_object_set_string_member (kept, "offset_unit",
                                   unit->counting == GLOSSATOR_COUNT_UTF16 ? "utf16" : "codepoint");
  _glossator_import_builder_set_document_attribute (builder, TASK, json_node_init_object (json_node_alloc (), kept));
  if (_glossator_json_int_member (task, "id", &id))
    _glossator_import_builder_set_document_attribute (builder, "source_id",
                                                      json_node_init_int (json_node_alloc (), id));

  document = _glossator_import_builder_finish (builder);
  imported->document = g_steal_pointer (&document);
  imported->article_bytes = _glossator_import_text_bytes (utf8, strlen (utf8));
  imported->where = where;
  return _glossator_import_emit (context, imported, error);
}

static gboolean
label_studio_import (GlossatorImportContext  *context,
                     GError                 **error)
{
  g_autoptr(GBytes) contents = _glossator_import_read (context, context->input, error);

  if (contents == NULL)
    return FALSE;
  return _glossator_import_json_records (context, contents, label_studio_record, NULL, error);
}

const GlossatorFormat _glossator_format_label_studio = {
  .name = "label-studio",
  /* Translators: the name of a dataset format */
  .display_name = N_("Label Studio"),
  .description = N_("Label Studio tasks JSON with labelled text spans (annotations or predictions)"),
  .extension = ".json",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = label_studio_options,
  .n_options = G_N_ELEMENTS (label_studio_options),
  .exporter_size = sizeof (LabelStudioExporter),
  .begin = label_studio_begin,
  .render = label_studio_render,
  .write = label_studio_write,
  .end = label_studio_end,
  .import = label_studio_import,
};

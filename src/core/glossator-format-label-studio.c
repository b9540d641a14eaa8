/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-format-private.h"

/* Label Studio tasks: a JSON array of {"data":{"text"},"annotations":
 * [{"result":[region…]}]}, a region being {"id","from_name","to_name",
 * "type":"labels","value":{"start","end","text","labels":[…]}}. An import
 * takes a task's first annotation not cancelled (else its first
 * prediction, else "completions" of very old exports), reads offsets as
 * code points or UTF-16 code units, whichever makes every region's
 * value.text match, and keeps what is not a labelled span (relations,
 * choices, text areas) in the document attribute "label_studio_unmapped". */

static const GlossatorFormatOption label_studio_options[] = {
  { "from-name", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, "label", N_("NAME"),
    N_("The name of the <Labels> control in the labelling config"),
    N_("Labels control") },
  { "to-name", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, "text", N_("NAME"),
    N_("The name of the <Text> object in the labelling config"),
    N_("Text object") },
  { "text-key", GLOSSATOR_FORMAT_OPTION_STRING,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member of a task's data holding the text (default “text”, or the only string there)"),
    N_("Text member") },
};

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

static gboolean
label_studio_render (GlossatorExporter             *exporter,
                     const GlossatorExportDocument *document,
                     GlossatorRender               *render,
                     GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document->document);
  const char *text_key = _glossator_exporter_get_option (exporter, "text-key");
  const char *from_name = _glossator_exporter_get_option (exporter, "from-name");
  const char *to_name = _glossator_exporter_get_option (exporter, "to-name");
  GString *out = render->data;
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  gboolean first = TRUE;

  g_string_append (out, "\n{\"data\":{");
  _glossator_json_append_string (out, text_key != NULL ? text_key : "text", -1);
  g_string_append_c (out, ':');
  _glossator_json_append_string (out, utf8, n_bytes);
  g_string_append (out, ",\"document\":");
  _glossator_json_append_string (out, document->id, -1);
  g_string_append (out, "},\"annotations\":[{\"result\":[");

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *slice = NULL;

      if (mention->n_fragments > 1)
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS,
                                  _("mention %s not exported: discontinuous (%u fragments)"),
                                  what, mention->n_fragments);
          continue;
        }
      slice = glossator_text_slice (text, mention->fragments[0].start, mention->fragments[0].end);
      g_string_append (out, first ? "\n" : ",\n");
      g_string_append (out, "{\"id\":");
      _glossator_json_append_string (out, mention->id, -1);
      g_string_append (out, ",\"from_name\":");
      _glossator_json_append_string (out, from_name, -1);
      g_string_append (out, ",\"to_name\":");
      _glossator_json_append_string (out, to_name, -1);
      g_string_append_printf (out, ",\"type\":\"labels\",\"value\":{\"start\":%u,\"end\":%u,\"text\":",
                              mention->fragments[0].start, mention->fragments[0].end);
      _glossator_json_append_string (out, slice != NULL ? slice : "", -1);
      g_string_append (out, ",\"labels\":[");
      _glossator_json_append_string (out, mention->label, -1);
      g_string_append (out, "]}}");
      first = FALSE;
      render->counts.n_mentions_written++;
    }
  g_string_append (out, "]}]}");

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
} Region;

static void
region_clear (Region *region)
{
  g_free (region->where);
}

static gboolean
int_member (JsonObject *object,
            const char *name,
            gint64     *value)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static const char *
task_text (JsonObject *data,
           const char *key)
{
  JsonObjectIter iter;
  const char *member, *only = NULL;
  JsonNode *value;
  guint n = 0;

  if (key != NULL)
    return _glossator_json_string_member (data, key);
  if (_glossator_json_string_member (data, "text") != NULL)
    return _glossator_json_string_member (data, "text");

  json_object_iter_init (&iter, data);
  while (json_object_iter_next (&iter, &member, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
      {
        only = json_node_get_string (value);
        n++;
      }
  return n == 1 ? only : NULL;
}

/* The annotation whose result is imported, and how many were passed over. */
static JsonArray *
choose_result (JsonObject  *task,
               const char **from,
               guint       *n_others)
{
  static const char * const lists[] = { "annotations", "completions", "predictions" };

  *n_others = 0;
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      JsonNode *node = json_object_get_member (task, lists[l]);
      JsonArray *array;
      JsonArray *chosen = NULL;

      if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
        continue;
      array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          JsonObject *annotation;
          JsonNode *result;

          if (!JSON_NODE_HOLDS_OBJECT (item))
            continue;
          annotation = json_node_get_object (item);
          result = json_object_get_member (annotation, "result");
          if (result == NULL || !JSON_NODE_HOLDS_ARRAY (result) ||
              _glossator_json_boolean_member (annotation, "was_cancelled", FALSE))
            continue;
          if (chosen == NULL)
            chosen = json_node_get_array (result);
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

static gboolean
region_text_matches (GlossatorText *text,
                     const guint   *utf16,
                     const Region  *region)
{
  g_autofree char *why = NULL;
  guint s, e;

  if (!_glossator_span_from_unit (text, utf16, region->start, region->end, &s, &e, &why))
    return FALSE;
  return region->text == NULL || glossator_text_slice_equals (text, s, e, region->text);
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
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(GArray) regions = g_array_new (FALSE, TRUE, sizeof (Region));
  g_autoptr(JsonArray) unmapped = json_array_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree guint *utf16 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  JsonObject *task, *data;
  JsonArray *result;
  const char *utf8, *from = NULL;
  const guint *unit = NULL;
  guint n_others, matches_cp = 0, matches_utf16 = 0;
  gint64 id;
  GPtrArray *problems;

  g_array_set_clear_func (regions, (GDestroyNotify) region_clear);
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("a task is a JSON object"));
      return TRUE;
    }
  task = json_node_get_object (node);
  data = json_object_get_member (task, "data") != NULL && JSON_NODE_HOLDS_OBJECT (json_object_get_member (task, "data"))
           ? json_object_get_object_member (task, "data") : NULL;
  utf8 = data != NULL ? task_text (data, text_key) : NULL;
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

  if (int_member (task, "id", &id))
    key = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  else if (_glossator_json_string_member (data, "document") != NULL)
    key = g_strdup (_glossator_json_string_member (data, "document"));
  else
    key = g_strdup_printf ("%u", n_record + 1);
  name = _glossator_import_name (context->input, key, ".txt");
  if (_glossator_json_string_member (data, "document") != NULL && !int_member (task, "id", &id))
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

  result = choose_result (task, &from, &n_others);
  if (n_others > 0)
    g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                       _("the task has %u more %s; the first is imported"),
                                                       n_others, from));

  for (guint i = 0; result != NULL && i < json_array_get_length (result); i++)
    {
      JsonNode *item = json_array_get_element (result, i);
      g_autofree char *path = g_strdup_printf ("%s: %s[%u]", where, from, i);
      JsonObject *region, *value;
      Region r = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (item))
        {
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path, _("not an object")));
          continue;
        }
      region = json_node_get_object (item);
      value = json_object_get_member (region, "value") != NULL &&
              JSON_NODE_HOLDS_OBJECT (json_object_get_member (region, "value"))
                ? json_object_get_object_member (region, "value") : NULL;
      if (value == NULL || !int_member (value, "start", &r.start) || !int_member (value, "end", &r.end) ||
          json_object_get_member (value, "labels") == NULL ||
          !JSON_NODE_HOLDS_ARRAY (json_object_get_member (value, "labels")))
        {
          json_array_add_element (unmapped, json_node_copy (item));
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                             _("a %s result is not a labelled span; kept in "
                                                               "label_studio_unmapped"),
                                                             _glossator_json_string_member (region, "type") ?: "?"));
          continue;
        }
      r.region = region;
      r.where = g_steal_pointer (&path);
      r.text = _glossator_json_string_member (value, "text");
      r.labels = json_object_get_array_member (value, "labels");
      g_array_append_val (regions, r);
    }

  /* Code points (Label Studio since 2021) or UTF-16 (before): whichever
   * makes value.text match. */
  utf16 = _glossator_utf16_offsets (text);
  for (guint i = 0; i < regions->len; i++)
    {
      const Region *r = &g_array_index (regions, Region, i);

      if (r->text == NULL)
        continue;
      matches_cp += region_text_matches (text, NULL, r);
      matches_utf16 += region_text_matches (text, utf16, r);
    }
  if (matches_utf16 > matches_cp)
    unit = utf16;
  imported->offset_unit = g_strdup (unit != NULL ? _("UTF-16 code units") : _("code points"));

  builder = _glossator_import_builder_new (text);
  for (guint i = 0; i < regions->len; i++)
    {
      const Region *r = &g_array_index (regions, Region, i);
      g_autofree char *why = NULL;
      const char *region_id = _glossator_json_string_member (r->region, "id");
      guint s, e;

      if (!_glossator_span_from_unit (text, unit, r->start, r->end, &s, &e, &why))
        {
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, r->where, "%s", why));
          json_array_add_element (unmapped, json_node_init_object (json_node_alloc (), r->region));
          continue;
        }
      if (r->text != NULL && !glossator_text_slice_equals (text, s, e, r->text))
        {
          g_autofree char *slice = glossator_text_slice (text, s, e);

          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, r->where,
                                                             _("value.text “%s” is not “%s”, what [%" PRId64
                                                               ", %" PRId64 ") covers in %s"),
                                                             r->text, slice, r->start, r->end,
                                                             imported->offset_unit));
          json_array_add_element (unmapped, json_node_init_object (json_node_alloc (), r->region));
          continue;
        }
      for (guint l = 0; l < json_array_get_length (r->labels); l++)
        {
          const char *label = json_array_get_string_element (r->labels, l);

          if (label == NULL)
            continue;
          _glossator_import_builder_add_mention (builder, label, &s, &e, 1, region_id);
        }
    }

  if (json_array_get_length (unmapped) > 0)
    _glossator_import_builder_set_document_attribute (builder, "label_studio_unmapped",
                                                      json_node_init_array (json_node_alloc (), unmapped));
  if (int_member (task, "id", &id))
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
  .description = N_("Label Studio tasks JSON with labelled text spans (annotations or predictions)"),
  .extension = ".json",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = label_studio_options,
  .n_options = G_N_ELEMENTS (label_studio_options),
  .reads_mentions_only = TRUE,
  .exporter_size = sizeof (LabelStudioExporter),
  .begin = label_studio_begin,
  .render = label_studio_render,
  .write = label_studio_write,
  .end = label_studio_end,
  .import = label_studio_import,
};

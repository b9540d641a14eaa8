/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-format-private.h"

/* doccano sequence labelling JSON Lines: {"id","text","label":[[s,e,"L"]]}
 * out; in, also the relation shape ({"entities":[{"id","start_offset",
 * "end_offset","label"}],"relations":[…]}) and "data" for "text" (older
 * doccano, flair). doccano counts UTF-16 code units (JavaScript strings);
 * the offset-unit option says which unit a file uses, code points by
 * default. Relations have no place in Glossator: they are kept in the
 * document attribute "doccano_unmapped". */

static const GlossatorFormatOption doccano_options[] = {
  { "offset-unit", GLOSSATOR_FORMAT_OPTION_CHOICE,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    "codepoint|utf16", "codepoint", "codepoint|utf16",
    N_("What offsets count: code points, or UTF-16 code units as doccano's web interface does"),
    N_("Offset unit") },
  { "text-key", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member holding the text (default “text”, else “data”)"),
    N_("Text member") },
  { "label-key", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member holding the spans (default “label”, “labels” or “entities”)"),
    N_("Spans member") },
};

static gboolean
use_utf16 (const GlossatorFormat *format,
           GHashTable            *options)
{
  return g_str_equal (_glossator_options_get (format, options, "offset-unit"), "utf16");
}

static gboolean
doccano_render (GlossatorExporter             *exporter,
                const GlossatorExportDocument *document,
                GlossatorRender               *render,
                GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document->document);
  g_autofree guint *utf16 = use_utf16 (exporter->format, exporter->options) ? _glossator_utf16_offsets (text) : NULL;
  GString *out = render->data;
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  gboolean first = TRUE;

  g_string_append (out, "{\"id\":");
  _glossator_json_append_string (out, document->id, -1);
  g_string_append (out, ",\"text\":");
  _glossator_json_append_string (out, utf8, n_bytes);
  g_string_append (out, ",\"label\":[");
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      guint start, end;

      if (mention->n_fragments > 1)
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS,
                                  _("mention %s not exported: discontinuous (%u fragments)"),
                                  what, mention->n_fragments);
          continue;
        }
      start = mention->fragments[0].start;
      end = mention->fragments[0].end;
      if (utf16 != NULL)
        {
          start = utf16[start];
          end = utf16[end];
        }
      g_string_append_printf (out, "%s[%u,%u,", first ? "" : ",", start, end);
      _glossator_json_append_string (out, mention->label, -1);
      g_string_append_c (out, ']');
      first = FALSE;
      render->counts.n_mentions_written++;
    }
  g_string_append (out, "]}\n");

  return TRUE;
}

/* Import */

typedef struct {
  gint64      start;
  gint64      end;
  const char *label;
  char       *id;
} DoccanoSpan;

static const char *
string_of (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
int_of (JsonNode *node,
        gint64   *value)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  *value = json_node_get_int (node);
  return TRUE;
}

static char *
id_string (JsonNode *node)
{
  gint64 value;

  if (string_of (node) != NULL)
    return g_strdup (string_of (node));
  if (int_of (node, &value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return NULL;
}

static gboolean
read_span (JsonNode    *node,
           DoccanoSpan *span)
{
  memset (span, 0, sizeof *span);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) == 3 &&
             int_of (json_array_get_element (array, 0), &span->start) &&
             int_of (json_array_get_element (array, 1), &span->end) &&
             (span->label = string_of (json_array_get_element (array, 2))) != NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      if (!int_of (json_object_get_member (object, "start_offset"), &span->start) ||
          !int_of (json_object_get_member (object, "end_offset"), &span->end) ||
          (span->label = string_of (json_object_get_member (object, "label"))) == NULL)
        return FALSE;
      span->id = id_string (json_object_get_member (object, "id"));
      return TRUE;
    }
  return FALSE;
}

static gboolean
doccano_record (GlossatorImportContext  *context,
                JsonNode                *node,
                const char              *where,
                guint                    n_record,
                gpointer                 user_data,
                GError                 **error)
{
  const char *text_key = _glossator_options_get (context->format, context->options, "text-key");
  const char *label_key = _glossator_options_get (context->format, context->options, "label-key");
  const guint *no_offsets = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(JsonObject) metadata = json_object_new ();
  g_autoptr(JsonArray) unmapped = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree guint *utf16 = NULL;
  g_autofree char *key = NULL;
  g_autofree char *number = g_strdup_printf ("%u", n_record + 1);
  g_autofree char *name = NULL;
  const PangoLogAttr *attrs;
  JsonObject *record;
  JsonObjectIter iter;
  const char *member, *utf8;
  JsonNode *value;
  GPtrArray *problems;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("not a JSON object"));
      return TRUE;
    }
  record = json_node_get_object (node);
  if (text_key != NULL)
    utf8 = string_of (json_object_get_member (record, text_key));
  else if ((utf8 = string_of (json_object_get_member (record, "text"))) == NULL)
    utf8 = string_of (json_object_get_member (record, "data"));
  if (utf8 == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 text_key != NULL ? _("no “%s” string") : _("no “text” (or “data”) string"),
                                 text_key);
      return TRUE;
    }
  text = glossator_text_new (utf8, -1, &local_error);
  if (text == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s", local_error->message);
      return TRUE;
    }
  if (use_utf16 (context->format, context->options))
    utf16 = _glossator_utf16_offsets (text);
  attrs = glossator_text_get_log_attrs (text);

  key = id_string (json_object_get_member (record, "id"));
  name = _glossator_import_name (context->input, key != NULL ? key : number, ".txt");
  imported = _glossator_imported_document_new (name, NULL);
  problems = imported->problems;
  builder = _glossator_import_builder_new (text);

  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      gboolean spans = label_key != NULL ? g_str_equal (member, label_key)
                                         : g_str_equal (member, "label") || g_str_equal (member, "labels") ||
                                           g_str_equal (member, "entities");

      if (text_key != NULL ? g_str_equal (member, text_key)
                           : g_str_equal (member, "text") || g_str_equal (member, "data"))
        continue;
      if (g_str_equal (member, "id"))
        continue;
      if (g_str_equal (member, "relations"))
        {
          json_array_add_element (unmapped, json_node_copy (value));
          if (JSON_NODE_HOLDS_ARRAY (value) && json_array_get_length (json_node_get_array (value)) > 0)
            g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                               _("%u relations have no place in Glossator; "
                                                                 "kept in doccano_unmapped"),
                                                               json_array_get_length (json_node_get_array (value))));
          continue;
        }
      if (!spans)
        {
          json_object_set_member (metadata, member, json_node_copy (value));
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (value))
        {
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                                             _("“%s” is not an array"), member));
          continue;
        }

      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (value), i);
          g_autofree char *path = g_strdup_printf ("%s: %s[%u]", where, member, i);
          g_autofree char *why = NULL;
          g_autofree char *span_key = NULL;
          DoccanoSpan span;
          guint start, end;

          if (string_of (item) != NULL)
            {
              /* A class label of text classification: no span. */
              json_array_add_element (unmapped, json_node_copy (item));
              g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                                 _("the label “%s” has no span; kept in "
                                                                   "doccano_unmapped"), string_of (item)));
              continue;
            }
          if (!read_span (item, &span))
            {
              g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path,
                                                                 _("not a span ([start, end, \"label\"] or "
                                                                   "{\"start_offset\", \"end_offset\", \"label\"})")));
              continue;
            }
          if (!_glossator_span_from_unit (text, utf16 != NULL ? utf16 : no_offsets, span.start, span.end,
                                          &start, &end, &why))
            {
              g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path, "%s", why));
              g_free (span.id);
              continue;
            }
          span_key = g_strdup_printf ("%u %u %s", start, end, span.label);
          if (g_hash_table_contains (seen, span_key))
            {
              g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                                 _("the same span and label again; "
                                                                   "imported once")));
              g_free (span.id);
              continue;
            }
          g_hash_table_add (seen, g_steal_pointer (&span_key));
          if (!attrs[start].is_cursor_position || !attrs[end].is_cursor_position)
            g_ptr_array_add (problems,
                             _glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                     _("[%u, %u) cuts a character made of several code "
                                                       "points (offsets in another unit? see offset-unit)"),
                                                     start, end));
          _glossator_import_builder_add_mention (builder, span.label, &start, &end, 1, span.id);
          g_free (span.id);
        }
    }

  if (key != NULL)
    _glossator_import_builder_set_document_attribute (builder, "source_id",
                                                      json_node_init_string (json_node_alloc (), key));
  if (json_object_get_size (metadata) > 0)
    _glossator_import_builder_set_document_attribute (builder, "source_metadata",
                                                      json_node_init_object (json_node_alloc (), metadata));
  if (json_array_get_length (unmapped) > 0)
    _glossator_import_builder_set_document_attribute (builder, "doccano_unmapped",
                                                      json_node_init_array (json_node_alloc (), unmapped));

  document = _glossator_import_builder_finish (builder);
  imported->document = g_steal_pointer (&document);
  imported->article_bytes = _glossator_import_text_bytes (utf8, strlen (utf8));
  imported->offset_unit = g_strdup (utf16 != NULL ? _("UTF-16 code units") : _("code points"));
  imported->where = where;
  return _glossator_import_emit (context, imported, error);
}

static gboolean
doccano_import (GlossatorImportContext  *context,
                GError                 **error)
{
  g_autoptr(GBytes) contents = _glossator_import_read (context, context->input, error);

  if (contents == NULL)
    return FALSE;
  return _glossator_import_json_records (context, contents, doccano_record, NULL, error);
}

const GlossatorFormat _glossator_format_doccano = {
  .name = "doccano",
  .description = N_("doccano sequence labelling JSON Lines: {\"id\",\"text\",\"label\":[[start,end,label]]} "
                    "(also its relation shape, and \"data\" for \"text\")"),
  .extension = ".jsonl",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = doccano_options,
  .n_options = G_N_ELEMENTS (doccano_options),
  .reads_mentions_only = TRUE,
  .exporter_size = sizeof (GlossatorExporter),
  .render = doccano_render,
  .import = doccano_import,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-format-private.h"
#include "glossator-sidecar-private.h"

/* doccano sequence labelling JSON Lines: {"id","text","label":[[s,e,"L"]]},
 * or the relation shape ({"entities":[{"id","label","start_offset",
 * "end_offset"}],"relations":[…]}), with "data" for "text" in older doccano
 * and flair. Records hold no span text, so their offset unit cannot be
 * checked: doccano's web interface counts UTF-16 code units (JavaScript
 * strings), its Python export and spaCy count code points. An import
 * takes the unit from the option, or from the offsets when only one unit
 * fits them, and otherwise stops rather than guess.
 *
 * What Glossator does not hold (the record's id, members, shape and
 * relations, class labels, spans it could not import) is kept in the
 * document attribute "doccano" as the record with the text and the
 * imported spans taken out; an export puts them back. */

#define RECORD "doccano"

static const GlossatorFormatOption doccano_options[] = {
  { "offset-unit", GLOSSATOR_FORMAT_OPTION_CHOICE,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    "auto|codepoint|utf16", "auto", "codepoint|utf16",
    N_("What offsets count: code points (doccano's Python export, spaCy) or UTF-16 code units "
       "(doccano's web interface); auto: an import tells from the offsets when it can, an export "
       "uses the unit the document came in, else code points"),
    N_("Offset unit") },
  { "text-key", GLOSSATOR_FORMAT_OPTION_STRING,
    GLOSSATOR_FORMAT_SCOPE_EXPORT | GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member holding the text: on import “text”, else “data”, by default; on export “text” "
       "(default) or “data” (flair), for documents that did not come from doccano"),
    N_("Text member") },
  { "label-key", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("KEY"),
    N_("The member holding the spans (default “label”, “labels” or “entities”)"),
    N_("Spans member") },
};

static gboolean
doccano_check_options (GHashTable            *options,
                       GlossatorFormatScope   scope,
                       GError               **error)
{
  const char *key = g_hash_table_lookup (options, "text-key");

  if (scope == GLOSSATOR_FORMAT_SCOPE_EXPORT && key != NULL &&
      !g_str_equal (key, "text") && !g_str_equal (key, "data"))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                   _("option “text-key” of a doccano export takes text or data, not “%s”"), key);
      return FALSE;
    }
  return TRUE;
}

static char *
id_string (JsonNode *node)
{
  gint64 value;

  if (_glossator_json_string_of (node) != NULL)
    return g_strdup (_glossator_json_string_of (node));
  if (_glossator_json_int_of (node, &value))
    return g_strdup_printf ("%" G_GINT64_FORMAT, value);
  return NULL;
}

/* A span [start, end, "label"] or {"start_offset", "end_offset", "label"
 * (, "id")}; @id borrowed from @node. */
typedef struct {
  gint64      start;
  gint64      end;
  const char *label;
  JsonNode   *id;
  gboolean    object;
} DoccanoSpan;

static const char * const span_members[] = { "id", "label", "start_offset", "end_offset", NULL };

static gboolean
read_span (JsonNode    *node,
           DoccanoSpan *span)
{
  memset (span, 0, sizeof *span);
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      return json_array_get_length (array) == 3 &&
             _glossator_json_int_of (json_array_get_element (array, 0), &span->start) &&
             _glossator_json_int_of (json_array_get_element (array, 1), &span->end) &&
             (span->label = _glossator_json_string_of (json_array_get_element (array, 2))) != NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);

      span->object = TRUE;
      span->id = json_object_get_member (object, "id");
      return _glossator_json_int_of (json_object_get_member (object, "start_offset"), &span->start) &&
             _glossator_json_int_of (json_object_get_member (object, "end_offset"), &span->end) &&
             (span->label = _glossator_json_string_of (json_object_get_member (object, "label"))) != NULL;
    }
  return FALSE;
}

/* The members holding the text and the spans, as the options say. */
static const char *
record_text (JsonObject  *record,
             const char  *text_key,
             const char **key)
{
  const char *utf8;

  if (text_key != NULL)
    *key = text_key;
  else if ((utf8 = _glossator_json_string_of (json_object_get_member (record, "text"))) != NULL)
    {
      *key = "text";
      return utf8;
    }
  else
    *key = "data";
  return _glossator_json_string_of (json_object_get_member (record, *key));
}

static gboolean
is_span_member (const char *member,
                const char *label_key)
{
  if (label_key != NULL)
    return g_str_equal (member, label_key);
  return g_str_equal (member, "label") || g_str_equal (member, "labels") || g_str_equal (member, "entities");
}

/* Export */

typedef struct {
  GString       *out;
  GlossatorText *text;
  const guint   *utf16;     /* the export's unit: NULL for code points */
  const GlossatorOffsetUnit *source;  /* the unit the kept spans count in */
} SpanWriter;

/* A kept span in the export's unit, when it differs from the one it came
 * in (and fits it); else as it is. */
static void
append_kept (SpanWriter *w,
             JsonNode   *item)
{
  g_autofree char *why = NULL;
  DoccanoSpan span;
  guint start, end;

  if ((w->utf16 != NULL) == (w->source->counting == GLOSSATOR_COUNT_UTF16) || !read_span (item, &span) ||
      !_glossator_offset_unit_span (w->source, span.start, span.end, &start, &end, &why))
    {
      _glossator_json_append_node (w->out, item);
      return;
    }
  if (w->utf16 != NULL)
    {
      start = w->utf16[start];
      end = w->utf16[end];
    }
  if (!span.object)
    {
      g_string_append_printf (w->out, "[%u,%u,", start, end);
      _glossator_json_append_string (w->out, span.label, -1);
      g_string_append_c (w->out, ']');
    }
  else
    {
      g_autoptr(JsonNode) copy = _glossator_json_deep_copy (item);
      JsonObject *object = json_node_get_object (copy);

      json_object_set_int_member (object, "start_offset", start);
      json_object_set_int_member (object, "end_offset", end);
      _glossator_json_append_node (w->out, copy);
    }
}

/* The spans of @mentions, then the items kept from the import; @ids gets
 * the ids written (object spans). */
static void
append_spans (SpanWriter                    *w,
              GPtrArray                     *mentions,
              JsonArray                     *kept,
              gboolean                       objects,
              GHashTable                    *ids,
              GlossatorRender               *render)
{
  gint64 next_id = 1, value;
  gboolean first = TRUE;

  /* New spans of the relation shape get ids after the largest one. */
  for (guint i = 0; objects && i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);

      if (_glossator_json_int_member (mention->attributes, "source_id", &value))
        next_id = MAX (next_id, value + 1);
    }
  for (guint i = 0; objects && kept != NULL && i < json_array_get_length (kept); i++)
    {
      JsonObject *item = JSON_NODE_HOLDS_OBJECT (json_array_get_element (kept, i))
                           ? json_array_get_object_element (kept, i) : NULL;

      if (item != NULL && _glossator_json_int_of (json_object_get_member (item, "id"), &value))
        next_id = MAX (next_id, value + 1);
    }

  g_string_append_c (w->out, '[');
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      JsonNode *source_id = mention->attributes != NULL ? json_object_get_member (mention->attributes, "source_id")
                                                        : NULL;
      guint start, end;

      if (mention->n_fragments > 1)
        {
          _glossator_render_skip_discontinuous (render, mention, w->text);
          continue;
        }
      start = mention->fragments[0].start;
      end = mention->fragments[0].end;
      if (w->utf16 != NULL)
        {
          start = w->utf16[start];
          end = w->utf16[end];
        }
      if (!first)
        g_string_append_c (w->out, ',');
      first = FALSE;
      if (!objects)
        {
          g_string_append_printf (w->out, "[%u,%u,", start, end);
          _glossator_json_append_string (w->out, mention->label, -1);
          g_string_append_c (w->out, ']');
        }
      else
        {
          g_autofree char *key = NULL;

          g_string_append (w->out, "{\"id\":");
          if (source_id != NULL && JSON_NODE_HOLDS_VALUE (source_id) &&
              (key = id_string (source_id)) != NULL && !g_hash_table_contains (ids, key))
            _glossator_json_append_node (w->out, source_id);
          else
            {
              g_free (key);
              key = g_strdup_printf ("%" G_GINT64_FORMAT, next_id);
              g_string_append_printf (w->out, "%" G_GINT64_FORMAT, next_id++);
            }
          g_hash_table_add (ids, g_steal_pointer (&key));
          g_string_append (w->out, ",\"label\":");
          _glossator_json_append_string (w->out, mention->label, -1);
          g_string_append_printf (w->out, ",\"start_offset\":%u,\"end_offset\":%u}", start, end);
        }
      render->counts.n_mentions_written++;
    }
  for (guint i = 0; kept != NULL && i < json_array_get_length (kept); i++)
    {
      JsonNode *item = json_array_get_element (kept, i);
      g_autofree char *key = JSON_NODE_HOLDS_OBJECT (item)
                               ? id_string (json_object_get_member (json_node_get_object (item), "id")) : NULL;

      if (!first)
        g_string_append_c (w->out, ',');
      first = FALSE;
      append_kept (w, item);
      if (key != NULL)
        g_hash_table_add (ids, g_steal_pointer (&key));
    }
  g_string_append_c (w->out, ']');
}

/* Relations whose ends are still written; the others are said. */
static void
append_relations (GString          *out,
                  JsonNode         *relations,
                  GHashTable       *ids,
                  GlossatorRender  *render)
{
  gboolean first = TRUE;

  if (!JSON_NODE_HOLDS_ARRAY (relations))
    {
      _glossator_json_append_node (out, relations);
      return;
    }
  g_string_append_c (out, '[');
  for (guint i = 0; i < json_array_get_length (json_node_get_array (relations)); i++)
    {
      JsonNode *item = json_array_get_element (json_node_get_array (relations), i);
      JsonObject *relation = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      g_autofree char *from = relation != NULL ? id_string (json_object_get_member (relation, "from_id")) : NULL;
      g_autofree char *to = relation != NULL ? id_string (json_object_get_member (relation, "to_id")) : NULL;

      if (from != NULL && to != NULL && (!g_hash_table_contains (ids, from) || !g_hash_table_contains (ids, to)))
        {
          g_autofree char *id = id_string (json_object_get_member (relation, "id"));

          _glossator_render_warn (render, -1,
                                  _("relation %s not exported: the span %s or %s it joins is gone"),
                                  id != NULL ? id : "?", from, to);
          continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      _glossator_json_append_node (out, item);
    }
  g_string_append_c (out, ']');
}

static gboolean
doccano_render (GlossatorExporter             *exporter,
                const GlossatorExportDocument *document,
                GlossatorRender               *render,
                GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document->document);
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObject *attributes = glossator_document_get_attributes (document->document);
  JsonObject *kept = _glossator_json_object_member (attributes, RECORD);
  JsonObject *record = _glossator_json_object_member (kept, "record");
  const char *unit = _glossator_exporter_get_option (exporter, "offset-unit");
  const char *came_in = kept != NULL ? _glossator_json_string_of (json_object_get_member (kept, "offset_unit")) : NULL;
  g_autofree guint *offsets = _glossator_utf16_offsets (text);
  g_auto(GlossatorOffsetUnit) source = { 0 };
  SpanWriter w = { render->data, text, NULL, &source };
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);

  if (g_str_equal (unit, "auto"))
    unit = came_in != NULL ? came_in : "codepoint";
  w.utf16 = g_str_equal (unit, "utf16") ? offsets : NULL;
  _glossator_offset_unit_init (&source, text,
                               g_strcmp0 (came_in, "utf16") == 0 ? GLOSSATOR_COUNT_UTF16 : GLOSSATOR_COUNT_CODEPOINTS,
                               FALSE, FALSE);

  if (record == NULL)
    {
      const char *text_key = _glossator_exporter_get_option (exporter, "text-key");

      g_string_append (w.out, "{\"id\":");
      _glossator_json_append_string (w.out, document->id, -1);
      g_string_append_c (w.out, ',');
      _glossator_json_append_string (w.out, text_key != NULL ? text_key : "text", -1);
      g_string_append_c (w.out, ':');
      _glossator_json_append_string (w.out, utf8, n_bytes);
      g_string_append (w.out, ",\"label\":");
      append_spans (&w, mentions, NULL, FALSE, ids, render);
      g_string_append (w.out, "}\n");
      return TRUE;
    }

  /* The record as it came, with the text and the spans put back; the
   * spans first, as the relations need the ids written. */
  {
    const char *text_key = _glossator_json_string_of (json_object_get_member (kept, "text_key"));
    const char *label_key = _glossator_json_string_of (json_object_get_member (kept, "label_key"));
    gboolean objects = g_strcmp0 (_glossator_json_string_of (json_object_get_member (kept, "spans")), "objects") == 0;
    JsonNode *kept_spans = NULL;
    g_autoptr(GString) spans = g_string_new (NULL);
    GString *out = w.out;
    JsonObjectIter iter;
    const char *member;
    JsonNode *value;
    gboolean first = TRUE;

    /* A record without spans gets them under a name it does not use. */
    for (guint k = 0; label_key == NULL; k++)
      {
        static const char * const names[] = { "label", "labels", "entities", "glossator_label" };

        if (k + 1 == G_N_ELEMENTS (names) || !json_object_has_member (record, names[k]))
          label_key = names[k];
      }
    kept_spans = json_object_get_member (record, label_key);
    if (text_key == NULL)
      text_key = "text";
    w.out = spans;
    append_spans (&w, mentions, kept_spans != NULL && JSON_NODE_HOLDS_ARRAY (kept_spans)
                                  ? json_node_get_array (kept_spans) : NULL, objects, ids, render);
    w.out = out;

    g_string_append_c (out, '{');
    json_object_iter_init_ordered (&iter, record);
    while (json_object_iter_next_ordered (&iter, &member, &value))
      {
        if (!first)
          g_string_append_c (out, ',');
        first = FALSE;
        _glossator_json_append_string (out, member, -1);
        g_string_append_c (out, ':');
        if (g_str_equal (member, text_key))
          _glossator_json_append_string (out, utf8, n_bytes);
        else if (g_str_equal (member, label_key))
          g_string_append_len (out, spans->str, spans->len);
        else if (g_str_equal (member, "relations") && objects)
          append_relations (out, value, ids, render);
        else
          _glossator_json_append_node (out, value);
      }
    /* Members the record lacks (a sidecar edited by hand) are added. */
    for (guint k = 0; k < 2; k++)
      {
        const char *name = k == 0 ? text_key : label_key;

        if (json_object_has_member (record, name) || (k == 1 && mentions->len == 0))
          continue;
        g_string_append (out, first ? "" : ",");
        first = FALSE;
        _glossator_json_append_string (out, name, -1);
        g_string_append_c (out, ':');
        if (k == 0)
          _glossator_json_append_string (out, utf8, n_bytes);
        else
          g_string_append_len (out, spans->str, spans->len);
      }
    g_string_append (out, "}\n");
  }

  return TRUE;
}

/* Import */

typedef struct {
  gboolean decided;   /* the unit is known (option or offsets) */
  gboolean utf16;
} DoccanoUnit;

/* What the offsets of a whole file say about their unit. */
typedef struct {
  const char *text_key;
  const char *label_key;
  guint       n_bad_codepoint;    /* spans that do not fit code points */
  guint       n_bad_utf16;        /* nor UTF-16 code units */
  char       *first_bad_codepoint;
  char       *first_bad_utf16;
  char       *first_ambiguous;    /* a span that reads differently in the two */
  gboolean    has_astral;         /* a text has characters beyond U+FFFF: the units differ */
} UnitScan;

static gboolean
scan_record (GlossatorImportContext  *context,
             JsonNode                *node,
             const char              *where,
             guint                    n_record,
             gpointer                 user_data,
             GError                 **error)
{
  UnitScan *scan = user_data;
  g_autoptr(GlossatorText) text = NULL;
  g_auto(GlossatorOffsetUnit) codepoints = { 0 };
  g_auto(GlossatorOffsetUnit) utf16 = { 0 };
  JsonObjectIter iter;
  const char *member, *key, *utf8;
  JsonNode *value;

  if (!JSON_NODE_HOLDS_OBJECT (node) ||
      (utf8 = record_text (json_node_get_object (node), scan->text_key, &key)) == NULL ||
      (text = glossator_text_new (utf8, -1, NULL)) == NULL)
    return TRUE;
  _glossator_offset_unit_init (&codepoints, text, GLOSSATOR_COUNT_CODEPOINTS, FALSE, FALSE);
  _glossator_offset_unit_init (&utf16, text, GLOSSATOR_COUNT_UTF16, FALSE, FALSE);
  scan->has_astral |= utf16.limit != codepoints.limit;

  json_object_iter_init_ordered (&iter, json_node_get_object (node));
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      if (!is_span_member (member, scan->label_key) || !JSON_NODE_HOLDS_ARRAY (value))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        {
          g_autofree char *why_cp = NULL;
          g_autofree char *why_utf16 = NULL;
          DoccanoSpan span;
          guint cs, ce, us, ue;
          gboolean cp_ok, utf16_ok;

          if (!read_span (json_array_get_element (json_node_get_array (value), i), &span))
            continue;
          cp_ok = _glossator_offset_unit_span (&codepoints, span.start, span.end, &cs, &ce, &why_cp);
          utf16_ok = _glossator_offset_unit_span (&utf16, span.start, span.end, &us, &ue, &why_utf16);
          if (!cp_ok && scan->n_bad_codepoint++ == 0)
            scan->first_bad_codepoint = g_strdup_printf ("%s: %s[%u]: %s", where, member, i, why_cp);
          if (!utf16_ok && scan->n_bad_utf16++ == 0)
            scan->first_bad_utf16 = g_strdup_printf ("%s: %s[%u]: %s", where, member, i, why_utf16);
          if (cp_ok && utf16_ok && (cs != us || ce != ue) && scan->first_ambiguous == NULL)
            {
              g_autofree char *as_cp = glossator_text_slice (text, cs, ce);
              g_autofree char *as_utf16 = glossator_text_slice (text, us, ue);
              g_autofree char *shown_cp = _glossator_shown_text (as_cp);
              g_autofree char *shown_utf16 = _glossator_shown_text (as_utf16);

              scan->first_ambiguous = g_strdup_printf (_("%s: [%" PRId64 ", %" PRId64 ") is “%s” in code points, "
                                                         "“%s” in UTF-16 code units"),
                                                       where, span.start, span.end, shown_cp, shown_utf16);
            }
        }
      break;
    }
  return TRUE;
}

/* The file's unit: the option's, else the only one every span fits,
 * else none (the import stops, reported). FALSE on errors. */
static gboolean
decide_unit (GlossatorImportContext  *context,
             GBytes                  *contents,
             DoccanoUnit             *unit,
             gboolean                *stop,
             GError                 **error)
{
  const char *option = _glossator_options_get (context->format, context->options, "offset-unit");
  GlossatorImportContext quiet = *context;
  UnitScan scan = { 0 };
  gboolean ok;

  *stop = FALSE;
  if (!g_str_equal (option, "auto"))
    {
      unit->decided = TRUE;
      unit->utf16 = g_str_equal (option, "utf16");
      return TRUE;
    }

  /* Problems of the file are told by the import proper. */
  quiet.problems = NULL;
  scan.text_key = _glossator_options_get (context->format, context->options, "text-key");
  scan.label_key = _glossator_options_get (context->format, context->options, "label-key");
  ok = _glossator_import_json_records (&quiet, contents, scan_record, &scan, error);

  if (!ok || !scan.has_astral)
    ;
  else if (scan.n_bad_codepoint == 0 && scan.n_bad_utf16 == 0)
    {
      /* Spans that read the same in both (before any character beyond
       * U+FFFF) leave no doubt. */
      if (scan.first_ambiguous != NULL)
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, NULL,
                                     _("not imported: the offsets read differently in code points and in "
                                       "UTF-16 code units (%s), and doccano records hold no span text to tell. "
                                       "doccano's web interface counts UTF-16 code units; doccano's Python and "
                                       "command line export, and spaCy, count code points: give "
                                       "--offset-unit=utf16 or --offset-unit=codepoint"),
                                     scan.first_ambiguous);
          *stop = TRUE;
        }
    }
  else if (scan.n_bad_codepoint > 0 && scan.n_bad_utf16 > 0)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, NULL,
                                 _("not imported: the offsets fit neither code points (%s) nor UTF-16 "
                                   "code units (%s): give --offset-unit=utf16 or --offset-unit=codepoint "
                                   "to import what fits"),
                                 scan.first_bad_codepoint, scan.first_bad_utf16);
      *stop = TRUE;
    }
  else
    {
      /* Only one unit fits every span: it is the one. */
      unit->decided = TRUE;
      unit->utf16 = scan.n_bad_utf16 == 0;
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_WARNING, NULL,
                                 unit->utf16
                                   ? _("offsets read as UTF-16 code units, the only unit they all fit "
                                       "(in code points, %s)")
                                   : _("offsets read as code points, the only unit they all fit "
                                       "(in UTF-16 code units, %s)"),
                                 unit->utf16 ? scan.first_bad_codepoint : scan.first_bad_utf16);
    }

  g_free (scan.first_bad_codepoint);
  g_free (scan.first_bad_utf16);
  g_free (scan.first_ambiguous);
  return ok;
}

static gboolean
doccano_record (GlossatorImportContext  *context,
                JsonNode                *node,
                const char              *where,
                guint                    n_record,
                gpointer                 user_data,
                GError                 **error)
{
  const DoccanoUnit *unit = user_data;
  const char *text_key = _glossator_options_get (context->format, context->options, "text-key");
  const char *label_key = _glossator_options_get (context->format, context->options, "label-key");
  const char *key_used = NULL, *spans_key = NULL, *shape = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(JsonObject) skeleton = json_object_new ();
  g_autoptr(JsonObject) kept = json_object_new ();
  g_autoptr(JsonArray) kept_spans = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;
  g_auto(GlossatorOffsetUnit) offsets = { 0 };
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
  if ((utf8 = record_text (record, text_key, &key_used)) == NULL)
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
  _glossator_offset_unit_init (&offsets, text, unit->utf16 ? GLOSSATOR_COUNT_UTF16 : GLOSSATOR_COUNT_CODEPOINTS,
                               FALSE, FALSE);
  attrs = glossator_text_get_log_attrs (text);

  key = id_string (json_object_get_member (record, "id"));
  name = _glossator_import_name (context->input, key != NULL ? key : number, ".txt");
  imported = _glossator_imported_document_new (name, NULL);
  problems = imported->problems;
  builder = _glossator_import_builder_new (text);

  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    {
      if (g_str_equal (member, key_used))
        {
          json_object_set_null_member (skeleton, member);
          continue;
        }
      if (spans_key != NULL || !is_span_member (member, label_key))
        {
          if (g_str_equal (member, "relations") && JSON_NODE_HOLDS_ARRAY (value) &&
              json_array_get_length (json_node_get_array (value)) > 0)
            g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                              _("%u relations have no place in Glossator; kept "
                                                                "in the document attribute doccano, and written "
                                                                "back by a doccano export"),
                                                              json_array_get_length (json_node_get_array (value))));
          json_object_set_member (skeleton, member, _glossator_json_deep_copy (value));
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (value))
        {
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                                            _("“%s” is not an array; kept as it is"), member));
          json_object_set_member (skeleton, member, _glossator_json_deep_copy (value));
          continue;
        }
      spans_key = member;
      json_object_set_array_member (skeleton, member, json_array_ref (kept_spans));

      for (guint i = 0; i < json_array_get_length (json_node_get_array (value)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (value), i);
          g_autofree char *path = g_strdup_printf ("%s: %s[%u]", where, member, i);
          g_autofree char *why = NULL;
          g_autofree char *span_key = NULL;
          DoccanoSpan span;
          guint start, end, index;

          if (_glossator_json_string_of (item) != NULL)
            {
              /* A class label of text classification: no span. */
              json_array_add_element (kept_spans, _glossator_json_deep_copy (item));
              g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                                _("the label “%s” has no span; kept in the "
                                                                  "document attribute doccano"),
                                                                _glossator_json_string_of (item)));
              continue;
            }
          if (!read_span (item, &span))
            {
              json_array_add_element (kept_spans, _glossator_json_deep_copy (item));
              g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path,
                                                                _("not a span ([start, end, \"label\"] or "
                                                                  "{\"start_offset\", \"end_offset\", \"label\"}); "
                                                                  "kept as it is")));
              continue;
            }
          if (shape == NULL)
            shape = span.object ? "objects" : "list";
          if (!_glossator_offset_unit_span (&offsets, span.start, span.end, &start, &end, &why))
            {
              json_array_add_element (kept_spans, _glossator_json_deep_copy (item));
              g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path, "%s", why));
              continue;
            }
          span_key = g_strdup_printf ("%u %u %s", start, end, span.label);
          if (g_hash_table_contains (seen, span_key))
            {
              json_array_add_element (kept_spans, _glossator_json_deep_copy (item));
              g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                                _("the same span and label again; imported "
                                                                  "once, the copy kept in the document "
                                                                  "attribute doccano")));
              continue;
            }
          g_hash_table_add (seen, g_steal_pointer (&span_key));
          if (!attrs[start].is_cursor_position || !attrs[end].is_cursor_position)
            g_ptr_array_add (problems,
                             glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                    _("[%u, %u) cuts a character made of several code "
                                                      "points (offsets in another unit? see offset-unit)"),
                                                    start, end));
          if (span.object)
            {
              JsonObjectIter members;
              const char *name_of;

              json_object_iter_init (&members, json_node_get_object (item));
              while (json_object_iter_next (&members, &name_of, NULL))
                if (!g_strv_contains (span_members, name_of))
                  g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                                    _("the member “%s” of a span is not kept"),
                                                                    name_of));
            }
          index = _glossator_import_builder_add_mention (builder, span.label, &start, &end, 1, NULL);
          /* The id as it was, a number or a string. */
          if (span.id != NULL && JSON_NODE_HOLDS_VALUE (span.id))
            _glossator_import_builder_set_attribute (builder, index, "source_id", _glossator_json_deep_copy (span.id));
        }
    }

  json_object_set_object_member (kept, "record", g_steal_pointer (&skeleton));
  json_object_set_string_member (kept, "text_key", key_used);
  if (spans_key != NULL)
    json_object_set_string_member (kept, "label_key", spans_key);
  if (shape != NULL || spans_key != NULL)
    json_object_set_string_member (kept, "spans", shape != NULL ? shape
                                                  : g_str_equal (spans_key, "entities") ? "objects" : "list");
  if (unit->decided)
    json_object_set_string_member (kept, "offset_unit", unit->utf16 ? "utf16" : "codepoint");
  if (json_object_get_member (record, "id") != NULL)
    _glossator_import_builder_set_document_attribute (builder, "source_id",
                                                      _glossator_json_deep_copy (
                                                        json_object_get_member (record, "id")));
  _glossator_import_builder_set_document_attribute (builder, RECORD,
                                                    json_node_init_object (json_node_alloc (), kept));

  document = _glossator_import_builder_finish (builder);
  imported->document = g_steal_pointer (&document);
  imported->article_bytes = _glossator_import_text_bytes (utf8, strlen (utf8));
  imported->offset_unit = g_strdup (offsets.description);
  imported->where = where;
  return _glossator_import_emit (context, imported, error);
}

static gboolean
doccano_import (GlossatorImportContext  *context,
                GError                 **error)
{
  g_autoptr(GBytes) contents = _glossator_import_read (context, context->input, error);
  DoccanoUnit unit = { FALSE, FALSE };
  gboolean stop;

  if (contents == NULL || !decide_unit (context, contents, &unit, &stop, error))
    return FALSE;
  if (stop)
    return TRUE;
  return _glossator_import_json_records (context, contents, doccano_record, &unit, error);
}

const GlossatorFormat _glossator_format_doccano = {
  .name = "doccano",
  /* Translators: the name of a dataset format */
  .display_name = N_("doccano"),
  .description = N_("doccano sequence labelling JSON Lines: {\"id\",\"text\",\"label\":[[start,end,label]]} "
                    "(also its relation shape, and \"data\" for \"text\")"),
  .extension = ".jsonl",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = doccano_options,
  .n_options = G_N_ELEMENTS (doccano_options),
  .check_options = doccano_check_options,
  .exporter_size = sizeof (GlossatorExporter),
  .render = doccano_render,
  .import = doccano_import,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-files-private.h"
#include "glossator-format-private.h"
#include "glossator-schema.h"

/* Glossator's own dataset: one JSON object per line, "id", "path", "text"
 * and "metadata" followed by every member of the document's sidecar, so
 * an import gives back the sidecar exactly. The label schema of the
 * corpus comes first, as records {"glossator-schema": {…}, "folder":
 * "news"}, one per glossator-schema.json governing the documents; an
 * import restores each as FOLDER/glossator-schema.json. Also imports
 * plain news JSON Lines (records with "title" and "text" or "body"), one
 * article each. */

static const char * const record_members[] = { "id", "path", "text", "metadata", NULL };

#define SCHEMA_MEMBER "glossator-schema"

static gboolean
jsonl_schema (GlossatorExporter  *self,
              const char         *folder,
              GBytes             *contents,
              GError            **error)
{
  g_autoptr(GString) out = g_string_new ("{\"" SCHEMA_MEMBER "\":");
  gsize n_bytes;
  const char *data = g_bytes_get_data (contents, &n_bytes);

  /* A schema that loaded is one object. */
  if (!_glossator_json_append_compact (out, data != NULL ? data : "", n_bytes, NULL, NULL))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: the label schema is not a JSON object"), folder);
      return FALSE;
    }
  g_string_append (out, ",\"folder\":");
  _glossator_json_append_string (out, folder, -1);
  g_string_append (out, "}\n");
  return _glossator_write_all (self->stream, out->str, out->len, NULL, error);
}

static gboolean
jsonl_render (GlossatorExporter             *self,
              const GlossatorExportDocument *document,
              GlossatorRender               *render,
              GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  JsonObject *metadata = document->article != NULL ? glossator_article_get_metadata (document->article) : NULL;
  g_autoptr(GBytes) serialized = NULL;
  GBytes *sidecar = document->sidecar;
  GString *out = render->data;
  const char *utf8, *data;
  gsize n_bytes, n_data, at;
  gboolean clash = FALSE;

  if (sidecar == NULL)
    {
      g_autofree char *basename = g_path_get_basename (document->path);

      sidecar = serialized = glossator_sidecar_serialize (document->document, basename);
    }
  g_assert (sidecar != NULL);

  utf8 = glossator_text_get_utf8 (text, &n_bytes);
  g_string_append (out, "{\"id\":");
  _glossator_json_append_string (out, document->id, -1);
  g_string_append (out, ",\"path\":");
  _glossator_json_append_string (out, document->path, -1);
  g_string_append (out, ",\"text\":");
  _glossator_json_append_string (out, utf8, n_bytes);
  g_string_append (out, ",\"metadata\":");
  if (metadata != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), metadata);

      _glossator_json_append_node (out, node);
    }
  else
    g_string_append (out, "null");

  at = out->len;
  data = g_bytes_get_data (sidecar, &n_data);
  if (!_glossator_json_append_compact (out, data != NULL ? data : "", n_data, record_members, &clash))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: the sidecar is not a JSON object"), document->path);
      return FALSE;
    }
  /* "{…}" continues the record's object. */
  if (out->len == at + 2)
    g_string_truncate (out, at);
  else
    {
      out->str[at] = ',';
      g_string_truncate (out, out->len - 1);
    }
  g_string_append (out, "}\n");

  if (clash)
    _glossator_render_warn (render, -1,
                            _("the sidecar has an unknown top-level member named like a record member "
                              "(id, path, text or metadata); it is not exported"));

  render->counts.n_mentions_written = render->counts.n_mentions;
  render->counts.n_stances_written = render->counts.n_stances;
  return TRUE;
}

/* Import */

static gboolean
is_glossator_record (JsonObject *record)
{
  return json_object_has_member (record, "format") ||
         json_object_has_member (record, "article") ||
         json_object_has_member (record, "mentions") ||
         json_object_has_member (record, "entities") ||
         json_object_has_member (record, "stances");
}

static char *
key_of (JsonObject *record)
{
  JsonNode *node = json_object_get_member (record, "id");

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return NULL;
  if (json_node_get_value_type (node) == G_TYPE_STRING)
    return g_strdup (json_node_get_string (node));
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
  return NULL;
}

/* The article file holding @text: the news record (metadata + body) when
 * there is metadata, else the text with its BOM. A text starting with
 * U+FEFF gets a BOM before it whatever the record says, or a reader would
 * take that character for one. */
static GBytes *
article_bytes_for (const char *text,
                   JsonObject *metadata,
                   gboolean    bom)
{
  GString *out;

  if (metadata == NULL && g_str_has_prefix (text, "\xef\xbb\xbf"))
    bom = TRUE;
  out = g_string_new (bom ? "\xef\xbb\xbf" : "");

  if (metadata != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), metadata);
      const char *title = _glossator_json_string_member (metadata, "title");
      const char *body = text;
      gsize at;

      if (title != NULL && *title != '\0' && g_str_has_prefix (text, title))
        {
          body = text + strlen (title);
          if (g_str_has_prefix (body, "\n\n"))
            body += 2;
          else if (*body == '\0')
            body = "";
          else
            body = text;
        }
      _glossator_json_append_node (out, node);
      at = out->len - 1;
      g_string_truncate (out, at);
      if (at > (bom ? 4 : 1))
        g_string_append_c (out, ',');
      _glossator_json_append_string (out, json_object_has_member (metadata, "text") ? "body" : "text", -1);
      g_string_append_c (out, ':');
      _glossator_json_append_string (out, body, -1);
      g_string_append (out, "}\n");
    }
  else
    g_string_append (out, text);

  return g_string_free_to_bytes (out);
}

/* Whether Glossator reads @bytes, named @name, as @text. */
static gboolean
article_reads_as (const char *name,
                  GBytes     *bytes,
                  const char *text)
{
  g_autoptr(GlossatorArticle) article = NULL;
  GlossatorArticleFormat format = GLOSSATOR_ARTICLE_FORMAT_TEXT;
  g_autofree char *basename = g_path_get_basename (name);
  const char *utf8;

  glossator_article_format_for_name (basename, &format);
  article = glossator_article_new_from_bytes (NULL, name, format, bytes, NULL);
  if (article == NULL)
    return FALSE;
  utf8 = glossator_text_get_utf8 (glossator_article_get_text (article), NULL);
  return g_str_equal (utf8, text);
}

/* An absolute path, or one with "..": a record asking to be written
 * outside the folder it is imported into. */
static gboolean
path_leads_out (const char *path)
{
  g_auto(GStrv) parts = NULL;

  if (path[0] == '/' || path[0] == '\\')
    return TRUE;
  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (g_str_equal (parts[i], ".."))
      return TRUE;
  return FALSE;
}

static gboolean
import_glossator_record (GlossatorImportContext  *context,
                         JsonObject              *record,
                         const char              *where,
                         guint                    n_record,
                         GError                 **error)
{
  g_autoptr(JsonObject) sidecar = json_object_new ();
  g_autoptr(JsonNode) sidecar_node = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *name = NULL;
  g_autofree char *why = NULL;
  g_autofree char *key = key_of (record);
  JsonObject *metadata = NULL, *article;
  JsonNode *metadata_node;
  JsonObjectIter iter;
  const char *member, *utf8, *record_path;
  JsonNode *value;
  gboolean bom = FALSE;

  utf8 = _glossator_json_string_member (record, "text");
  if (utf8 == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("no “text” string"));
      return TRUE;
    }
  metadata_node = json_object_get_member (record, "metadata");
  if (metadata_node != NULL && JSON_NODE_HOLDS_OBJECT (metadata_node))
    metadata = json_node_get_object (metadata_node);
  else if (metadata_node != NULL && !JSON_NODE_HOLDS_NULL (metadata_node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("“metadata” is neither an object nor null"));
      return TRUE;
    }

  /* The path the record gives, else its id, else INPUT-N. */
  record_path = _glossator_json_string_member (record, "path");
  if (record_path != NULL && path_leads_out (record_path))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("not imported: its path leads out of the folder it is imported into"));
      return TRUE;
    }
  name = record_path != NULL ? _glossator_import_safe_path (record_path) : NULL;
  if (name == NULL)
    {
      g_autofree char *base = key != NULL ? _glossator_import_safe_path (key) : NULL;
      g_autofree char *number = g_strdup_printf ("%u", n_record + 1);
      const char *extension = metadata != NULL ? ".json" : ".txt";

      name = base != NULL ? g_strconcat (base, extension, NULL)
                          : _glossator_import_name (context->input, number, extension);
    }
  /* Before the name is changed below to one the text can be written as:
   * a path naming a sidecar, a schema or a hidden file is refused. */
  if (!_glossator_check_article_path (name, &why))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("not imported: %s"), why);
      return TRUE;
    }

  json_object_iter_init_ordered (&iter, record);
  while (json_object_iter_next_ordered (&iter, &member, &value))
    if (!g_strv_contains (record_members, member))
      json_object_set_member (sidecar, member, json_node_copy (value));

  article = json_object_get_member (sidecar, "article") != NULL &&
            JSON_NODE_HOLDS_OBJECT (json_object_get_member (sidecar, "article"))
              ? json_object_get_object_member (sidecar, "article") : NULL;
  if (article != NULL)
    bom = _glossator_json_boolean_member (article, "bom", FALSE);

  text = glossator_text_new (utf8, -1, &local_error);
  if (text == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s", local_error->message);
      return TRUE;
    }
  glossator_text_set_has_bom (text, bom);

  sidecar_node = json_node_init_object (json_node_alloc (), sidecar);
  json = json_to_string (sidecar_node, FALSE);
  document = glossator_sidecar_parse (text, where, json, strlen (json), NULL, problems, &local_error);

  imported = _glossator_imported_document_new (name, document);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossatorProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *path = problem->path != NULL ? g_strdup_printf ("%s: %s", where, problem->path)
                                                    : g_strdup (where);

      g_free (problem->path);
      problem->path = g_steal_pointer (&path);
      g_ptr_array_add (imported->problems, g_steal_pointer (&problems->pdata[i]));
    }
  g_ptr_array_set_size (problems, 0);
  if (document == NULL)
    {
      /* The problems say why; the record is skipped. */
      for (guint i = 0; i < imported->problems->len; i++)
        g_ptr_array_add (context->problems, g_steal_pointer (&imported->problems->pdata[i]));
      g_ptr_array_set_size (imported->problems, 0);
      return TRUE;
    }

  if (g_str_has_suffix (name, ".html") || g_str_has_suffix (name, ".htm"))
    {
      char *txt = g_strconcat (name, ".txt", NULL);

      g_ptr_array_add (imported->problems,
                       glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                              _("an HTML article cannot be rebuilt from its text; "
                                                "written as %s"), txt));
      g_free (imported->name);
      imported->name = txt;
    }
  imported->article_bytes = article_bytes_for (utf8, metadata, bom);
  if (!article_reads_as (imported->name, imported->article_bytes, utf8))
    {
      char *txt = g_strconcat (imported->name, ".txt", NULL);

      g_ptr_array_add (imported->problems,
                       glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                              _("the article cannot be rebuilt as %s; written as %s"),
                                              imported->name, txt));
      g_bytes_unref (imported->article_bytes);
      imported->article_bytes = article_bytes_for (utf8, NULL, bom);
      g_free (imported->name);
      imported->name = txt;
    }
  imported->lossless = TRUE;
  imported->where = where;

  return _glossator_import_emit (context, imported, error);
}

static gboolean
import_news_record (GlossatorImportContext  *context,
                    JsonNode                *node,
                    const char              *where,
                    guint                    n_record,
                    GError                 **error)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *key = key_of (json_node_get_object (node));
  g_autofree char *number = g_strdup_printf ("%u", n_record + 1);
  g_autofree char *name = _glossator_import_name (context->input, key != NULL ? key : number, ".json");

  _glossator_json_append_node (json, node);
  g_string_append_c (json, '\n');
  bytes = g_string_free_to_bytes (g_steal_pointer (&json));
  article = glossator_article_new_from_bytes (NULL, where, GLOSSATOR_ARTICLE_FORMAT_JSON, bytes, &local_error);
  if (article == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s",
                                 local_error->message + strlen (where) + 2);
      return TRUE;
    }

  document = glossator_document_new (glossator_article_get_text (article));
  imported = _glossator_imported_document_new (name, document);
  imported->article_bytes = g_steal_pointer (&bytes);
  imported->where = where;
  return _glossator_import_emit (context, imported, error);
}

/* {"glossator-schema": {…}, "folder": "news"}: the schema to restore as
 * news/glossator-schema.json in the folder imported into. */
static gboolean
import_schema_record (GlossatorImportContext  *context,
                      JsonObject              *record,
                      const char              *where,
                      GError                 **error)
{
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *safe = NULL;
  g_autofree char *name = NULL;
  g_autofree char *why = NULL;
  g_autofree char *json = NULL;
  JsonNode *schema = json_object_get_member (record, SCHEMA_MEMBER);
  JsonNode *folder_node = json_object_get_member (record, "folder");
  const char *folder = NULL;
  gsize length;

  if (folder_node != NULL && JSON_NODE_HOLDS_VALUE (folder_node) &&
      json_node_get_value_type (folder_node) == G_TYPE_STRING)
    folder = json_node_get_string (folder_node);

  if (!JSON_NODE_HOLDS_OBJECT (schema))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("“%s” is not a JSON object; no label schema restored"), SCHEMA_MEMBER);
      return TRUE;
    }
  if (folder_node != NULL && folder == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("“folder” is not a string; no label schema restored"));
      return TRUE;
    }
  /* The same rules as a record's path: no way out, no hidden folder. */
  if (folder != NULL && *folder != '\0')
    {
      g_autofree char *probe = NULL;

      safe = _glossator_import_safe_path (folder);
      probe = safe != NULL ? g_strconcat (safe, "/a.txt", NULL) : NULL;
      if (path_leads_out (folder) || safe == NULL || !_glossator_check_article_path (probe, &why))
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                     _("no label schema restored: its folder “%s” is not a folder inside the "
                                       "one imported into%s%s"), folder, why != NULL ? ": " : "",
                                     why != NULL ? why : "");
          return TRUE;
        }
    }
  name = safe != NULL ? g_strconcat (safe, "/", GLOSSATOR_SCHEMA_FILE_NAME, NULL)
                      : g_strdup (GLOSSATOR_SCHEMA_FILE_NAME);

  json_generator_set_root (generator, schema);
  json_generator_set_pretty (generator, TRUE);
  json = json_generator_to_data (generator, &length);
  imported = _glossator_imported_document_new (name, NULL);
  imported->schema = g_bytes_new_take (g_strconcat (json, "\n", NULL), length + 1);
  imported->where = where;
  return _glossator_import_emit (context, imported, error);
}

static gboolean
jsonl_record (GlossatorImportContext  *context,
              JsonNode                *node,
              const char              *where,
              guint                    n_record,
              gpointer                 user_data,
              GError                 **error)
{
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("not a JSON object"));
      return TRUE;
    }
  if (json_object_has_member (json_node_get_object (node), SCHEMA_MEMBER))
    return import_schema_record (context, json_node_get_object (node), where, error);
  if (is_glossator_record (json_node_get_object (node)))
    return import_glossator_record (context, json_node_get_object (node), where, n_record, error);
  return import_news_record (context, node, where, n_record, error);
}

static gboolean
jsonl_import (GlossatorImportContext  *context,
              GError                 **error)
{
  g_autoptr(GBytes) contents = _glossator_import_read (context, context->input, error);

  if (contents == NULL)
    return FALSE;
  return _glossator_import_json_records (context, contents, jsonl_record, NULL, error);
}

const GlossatorFormat _glossator_format_jsonl = {
  .name = "jsonl",
  /* Translators: the name of a dataset format */
  .display_name = N_("JSON Lines (lossless)"),
  .description = N_("Glossator JSON Lines: one document per line with its text, metadata and "
                    "every annotation (lossless); imports plain news JSON Lines too"),
  .extension = ".jsonl",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .copies_sidecar = TRUE,
  .exporter_size = sizeof (GlossatorExporter),
  .render = jsonl_render,
  .schema = jsonl_schema,
  .import = jsonl_import,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-format-private.h"
#include "glossator-json-guard.h"

/* Hugging Face token classification: {"id","tokens","ner_tags"} per
 * sentence, tags as ids into a label list written beside the output
 * (OUTPUT.labels.json) and kept in the summary. Sentence ids are
 * "DOCUMENT-ID:N", which lets an import put the sentences of a document
 * back together. Tokens and sentences are those of the CoNLL export. */

static const GlossatorFormatOption hf_options[] = {
  { "nested", GLOSSATOR_FORMAT_OPTION_CHOICE, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    "outermost|innermost", "outermost", "outermost|innermost",
    N_("Which of nested or overlapping mentions to keep"),
    N_("Nested mentions") },
  { "labels", GLOSSATOR_FORMAT_OPTION_LIST, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, NULL, N_("LABEL,…"),
    N_("Export only mentions with these labels (before choosing among nested ones)"),
    N_("Only these labels") },
  { "tag-names", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, "false", NULL,
    N_("Write tags as strings (\"B-PER\") instead of ids into the label list"),
    N_("Tag names") },
  { "label-list", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("FILE"),
    N_("JSON array of tag names for tags given as ids (default: INPUT.labels.json if it exists)"),
    N_("Label list file") },
};

typedef struct {
  GlossatorExporter  parent;
  gboolean           tag_names;
  GPtrArray         *tags;      /* char*, in id order */
  GHashTable        *tag_ids;   /* char* → id + 1 */
} HfExporter;

typedef struct {
  GString   *prefix;   /* up to and including "\"ner_tags\":[" */
  GPtrArray *tags;     /* char*, one per token */
} HfSentence;

static void
hf_sentence_free (HfSentence *sentence)
{
  g_string_free (sentence->prefix, TRUE);
  g_ptr_array_unref (sentence->tags);
  g_free (sentence);
}

static guint
tag_id (HfExporter *self,
        const char *tag)
{
  gpointer value = g_hash_table_lookup (self->tag_ids, tag);

  if (value == NULL)
    {
      char *copy = g_strdup (tag);

      g_ptr_array_add (self->tags, copy);
      value = GUINT_TO_POINTER (self->tags->len);
      g_hash_table_insert (self->tag_ids, copy, value);
    }
  return GPOINTER_TO_UINT (value) - 1;
}

static void
add_label (HfExporter *self,
           const char *label)
{
  g_autofree char *begin = g_strconcat ("B-", label, NULL);
  g_autofree char *inside = g_strconcat ("I-", label, NULL);

  tag_id (self, begin);
  tag_id (self, inside);
}

static gboolean
hf_begin (GlossatorExporter  *exporter,
          GError            **error)
{
  HfExporter *self = (HfExporter *) exporter;
  g_auto(GStrv) labels = _glossator_options_get_list (exporter->format, exporter->options, "labels");

  self->tag_names = _glossator_options_get_boolean (exporter->format, exporter->options, "tag-names");
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_ids = g_hash_table_new (g_str_hash, g_str_equal);
  tag_id (self, "O");
  /* Labels chosen come first, in the order given. */
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    add_label (self, labels[i]);

  return TRUE;
}

static gboolean
hf_render (GlossatorExporter             *exporter,
           const GlossatorExportDocument *document,
           GlossatorRender               *render,
           GError                       **error)
{
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_auto(GlossatorTokenized) tokenized = { 0 };
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  GPtrArray *sentences = g_ptr_array_new_with_free_func ((GDestroyNotify) hf_sentence_free);

  render->format_data = sentences;
  render->free_format_data = (GDestroyNotify) g_ptr_array_unref;

  _glossator_tokenize (exporter, text, document->document, render, &tokenized);

  for (guint s = 0; s < tokenized.sentences->len; s++)
    {
      const GlossatorSentence *sentence = &g_array_index (tokenized.sentences, GlossatorSentence, s);
      HfSentence *out = g_new0 (HfSentence, 1);
      g_autofree char *id = g_strdup_printf ("%s:%u", document->id, s);

      out->prefix = g_string_new ("{\"id\":");
      out->tags = g_ptr_array_new_with_free_func (g_free);
      _glossator_json_append_string (out->prefix, id, -1);
      g_string_append (out->prefix, ",\"tokens\":[");
      for (guint t = sentence->first; t < sentence->first + sentence->n_tokens; t++)
        {
          const GlossatorToken *token = &g_array_index (tokenized.tokens, GlossatorToken, t);

          if (t > sentence->first)
            g_string_append_c (out->prefix, ',');
          _glossator_json_append_string (out->prefix, utf8 + token->byte_start,
                                         token->byte_end - token->byte_start);
          if (token->mention < 0)
            g_ptr_array_add (out->tags, g_strdup ("O"));
          else
            g_ptr_array_add (out->tags, g_strconcat (token->begins ? "B-" : "I-",
                                                     g_ptr_array_index (tokenized.tags, token->mention),
                                                     NULL));
        }
      g_string_append (out->prefix, "],\"ner_tags\":[");
      g_ptr_array_add (sentences, out);
    }

  return TRUE;
}

static gboolean
hf_write (GlossatorExporter             *exporter,
          const GlossatorExportDocument *document,
          GlossatorRender               *render,
          GCancellable                  *cancellable,
          GError                       **error)
{
  HfExporter *self = (HfExporter *) exporter;
  GPtrArray *sentences = render->format_data;
  GString *out = render->data;

  for (guint s = 0; s < sentences->len; s++)
    {
      HfSentence *sentence = g_ptr_array_index (sentences, s);

      g_string_append_len (out, sentence->prefix->str, sentence->prefix->len);
      for (guint t = 0; t < sentence->tags->len; t++)
        {
          const char *tag = g_ptr_array_index (sentence->tags, t);

          if (t > 0)
            g_string_append_c (out, ',');
          if (g_str_has_prefix (tag, "B-") || g_str_has_prefix (tag, "I-"))
            add_label (self, tag + 2);
          if (self->tag_names)
            _glossator_json_append_string (out, tag, -1);
          else
            g_string_append_printf (out, "%u", tag_id (self, tag));
        }
      g_string_append (out, "]}\n");
    }

  return _glossator_write_all (exporter->stream, out->str, out->len, cancellable, error);
}

/* OUTPUT.jsonl → OUTPUT.labels.json */
static GFile *
label_list_file_for (GFile *file)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = g_file_get_parent (file);

  if (g_str_has_suffix (basename, ".jsonl"))
    basename[strlen (basename) - strlen (".jsonl")] = '\0';
  else if (g_str_has_suffix (basename, ".json"))
    basename[strlen (basename) - strlen (".json")] = '\0';
  name = g_strconcat (basename, ".labels.json", NULL);
  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

static gboolean
hf_end (GlossatorExporter  *exporter,
        GCancellable       *cancellable,
        GError            **error)
{
  HfExporter *self = (HfExporter *) exporter;
  g_autoptr(GString) list = g_string_new ("[");
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < self->tags->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      _glossator_json_append_string (list, g_ptr_array_index (self->tags, i), -1);
      g_strv_builder_add (builder, g_ptr_array_index (self->tags, i));
    }
  g_string_append (list, "]\n");
  g_strfreev (exporter->summary.tags);
  exporter->summary.tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  if (exporter->output != NULL)
    {
      g_autoptr(GFile) file = label_list_file_for (exporter->output);

      if (!_glossator_write_file (file, list->str, list->len, cancellable, error))
        return FALSE;
      g_ptr_array_add (exporter->summary.extra_files, g_steal_pointer (&file));
    }

  return TRUE;
}

static void
hf_finalize (GlossatorExporter *exporter)
{
  HfExporter *self = (HfExporter *) exporter;

  g_clear_pointer (&self->tag_ids, g_hash_table_unref);
  g_clear_pointer (&self->tags, g_ptr_array_unref);
}

/* Import */

typedef struct {
  GPtrArray *label_list;   /* char*, for tags given as ids; nullable */
  char      *document;     /* id of the document being read */
  GString   *text;
  guint      length;
  GArray    *starts;
  GArray    *ends;
  GPtrArray *types;
  guint      n_documents;
  guint      n_sentences;
  gboolean   grouped;      /* ids look like "DOC:N" */
} HfImport;

static gboolean
hf_emit (GlossatorImportContext  *context,
         HfImport                *state,
         GError                 **error)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autofree char *name = NULL;

  if (state->n_sentences == 0)
    return TRUE;

  state->n_documents++;
  if (state->document != NULL)
    {
      g_autofree char *safe = _glossator_import_safe_path (state->document);

      name = safe != NULL ? g_strconcat (safe, g_str_has_suffix (safe, ".txt") ? "" : ".txt", NULL) : NULL;
    }
  if (name == NULL)
    {
      g_autofree char *number = g_strdup_printf ("%u", state->n_documents);

      name = _glossator_import_name (context->input, number, ".txt");
    }

  text = glossator_text_new (state->text->str, state->text->len, error);
  if (text == NULL)
    return FALSE;
  builder = _glossator_import_builder_new (text);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  for (guint i = 0; i < state->types->len; i++)
    {
      /* Empty tokens add no text: an entity of nothing else has no span. */
      if (g_array_index (state->starts, guint, i) == g_array_index (state->ends, guint, i))
        {
          g_ptr_array_add (problems, _glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, NULL, _("empty span at %u"),
                                                             g_array_index (state->starts, guint, i)));
          continue;
        }
      _glossator_import_builder_add_mention (builder, g_ptr_array_index (state->types, i),
                                             &g_array_index (state->starts, guint, i),
                                             &g_array_index (state->ends, guint, i), 1, NULL);
    }
  _glossator_import_builder_set_document_attribute (builder, GLOSSATOR_TOKENIZATION,
                                                    json_node_init_string (json_node_alloc (), "whitespace"));
  document = _glossator_import_builder_finish (builder);

  imported = _glossator_imported_document_new (name, document);
  g_ptr_array_extend_and_steal (imported->problems, g_steal_pointer (&problems));
  imported->article_bytes = _glossator_import_text_bytes (state->text->str, state->text->len);
  imported->offset_unit = g_strdup (_("tokens"));

  g_string_truncate (state->text, 0);
  state->length = 0;
  g_array_set_size (state->starts, 0);
  g_array_set_size (state->ends, 0);
  g_ptr_array_set_size (state->types, 0);
  state->n_sentences = 0;

  return _glossator_import_emit (context, imported, error);
}

static JsonArray *
array_member (JsonObject  *object,
              const char  *first,
              const char  *second)
{
  JsonNode *node = json_object_get_member (object, first);

  if (node == NULL)
    node = json_object_get_member (object, second);
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static gboolean
hf_record (GlossatorImportContext  *context,
           JsonNode                *node,
           const char              *where,
           guint                    n_record,
           gpointer                 user_data,
           GError                 **error)
{
  HfImport *state = user_data;
  JsonObject *record;
  JsonArray *tokens, *tags;
  g_autofree char *document = NULL;
  g_autoptr(GPtrArray) words = NULL;
  g_autoptr(GPtrArray) labels = NULL;
  const char *id, *colon;
  guint n;
  char prev = 'O';
  const char *prev_type = "";
  int open = -1;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, _("not a JSON object"));
      return TRUE;
    }
  record = json_node_get_object (node);
  tokens = array_member (record, "tokens", "words");
  tags = array_member (record, "ner_tags", "ner");
  if (tokens == NULL || tags == NULL)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("expected “tokens” (or “words”) and “ner_tags” (or “ner”) arrays"));
      return TRUE;
    }
  n = json_array_get_length (tokens);
  if (json_array_get_length (tags) != n)
    {
      _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                 _("%u tokens but %u tags"), n, json_array_get_length (tags));
      return TRUE;
    }

  /* Check the whole sentence before adding any of it. */
  words = g_ptr_array_sized_new (n);
  labels = g_ptr_array_sized_new (n);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *token_node = json_array_get_element (tokens, i);
      JsonNode *tag_node = json_array_get_element (tags, i);
      const char *tag = NULL;

      if (!JSON_NODE_HOLDS_VALUE (token_node) || json_node_get_value_type (token_node) != G_TYPE_STRING)
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                     _("token %u is not a string"), i);
          return TRUE;
        }
      if (JSON_NODE_HOLDS_VALUE (tag_node) && json_node_get_value_type (tag_node) == G_TYPE_STRING)
        tag = json_node_get_string (tag_node);
      else if (JSON_NODE_HOLDS_VALUE (tag_node) && json_node_get_value_type (tag_node) == G_TYPE_INT64)
        {
          gint64 value = json_node_get_int (tag_node);

          if (state->label_list == NULL)
            {
              _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                         _("tags are ids but there is no label list (option label-list)"));
              return TRUE;
            }
          if (value < 0 || value >= state->label_list->len)
            {
              _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                         _("tag id %" PRId64 " is not in the label list"), value);
              return TRUE;
            }
          tag = g_ptr_array_index (state->label_list, value);
        }
      if (tag == NULL)
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                     _("tag %u is neither a string nor an id"), i);
          return TRUE;
        }
      /* strchr() finds the NUL of an empty tag too. */
      if (!g_str_equal (tag, "O") &&
          (tag[0] == '\0' || strchr ("BIESLU", tag[0]) == NULL || tag[1] != '-' || tag[2] == '\0'))
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                     _("“%s” is not a tag; read as O"), tag);
          tag = "O";
        }
      g_ptr_array_add (words, (gpointer) json_node_get_string (token_node));
      g_ptr_array_add (labels, (gpointer) tag);
    }

  /* Sentences "DOC:N" of one document are read into one article. */
  id = _glossator_json_string_member (record, "id");
  if (n_record == 0)
    state->grouped = id != NULL && strrchr (id, ':') != NULL;
  if (state->grouped && id != NULL && (colon = strrchr (id, ':')) != NULL)
    document = g_strndup (id, colon - id);
  if (state->n_sentences > 0 && g_strcmp0 (document, state->document) != 0)
    if (!hf_emit (context, state, error))
      return FALSE;
  g_free (state->document);
  state->document = g_steal_pointer (&document);

  for (guint i = 0; i < n; i++)
    {
      const char *token = g_ptr_array_index (words, i);
      const char *tag = g_ptr_array_index (labels, i);
      const char *type = "";
      char prefix = 'O';
      gboolean starts;

      if (!g_str_equal (tag, "O"))
        {
          prefix = tag[0] == 'L' ? 'E' : tag[0] == 'U' ? 'S' : tag[0];
          type = tag + 2;
        }

      starts = prefix == 'B' || prefix == 'S' ||
               ((prefix == 'I' || prefix == 'E') &&
                (prev == 'O' || prev == 'E' || prev == 'S' || !g_str_equal (prev_type, type)));
      if ((starts || prefix == 'O') && open >= 0)
        open = -1;
      if (i > 0)
        {
          g_string_append_c (state->text, ' ');
          state->length++;
        }
      if (starts)
        {
          guint start = state->length;

          g_array_append_val (state->starts, start);
          g_array_append_val (state->ends, start);
          g_ptr_array_add (state->types, g_strdup (type));
          open = state->starts->len - 1;
        }
      g_string_append (state->text, token);
      state->length += g_utf8_strlen (token, -1);
      if (open >= 0)
        g_array_index (state->ends, guint, open) = state->length;
      if (prefix == 'E' || prefix == 'S')
        open = -1;
      prev = prefix;
      prev_type = type;
    }

  g_string_append_c (state->text, '\n');
  state->length++;
  state->n_sentences++;
  return TRUE;
}

static GPtrArray *
read_label_list (GlossatorImportContext  *context,
                 GError                 **error)
{
  const char *path = _glossator_options_get (context->format, context->options, "label-list");
  g_autoptr(GFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *json_path = NULL;
  GPtrArray *list;
  JsonNode *root;
  JsonArray *array;

  if (path != NULL)
    file = g_file_new_for_commandline_arg (path);
  else
    {
      file = label_list_file_for (context->input);
      if (!g_file_query_exists (file, context->cancellable))
        return g_ptr_array_new ();
    }

  name = g_file_get_parse_name (file);
  if ((bytes = _glossator_import_read (context, file, error)) == NULL)
    return NULL;
  if (!glossator_json_guard (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &json_path, &local_error))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   "%s: %s: %s", name, json_path, local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL) ||
      !JSON_NODE_HOLDS_ARRAY (root = json_parser_get_root (parser)))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: not a label list (a JSON array of tag names)"), name);
      return NULL;
    }

  array = json_node_get_array (root);
  list = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !g_utf8_validate (json_node_get_string (node), -1, NULL))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       _("%s: item %u of the label list is not a string"), name, i);
          g_ptr_array_unref (list);
          return NULL;
        }
      g_ptr_array_add (list, g_strdup (json_node_get_string (node)));
    }

  return list;
}

static gboolean
hf_import (GlossatorImportContext  *context,
           GError                 **error)
{
  g_autoptr(GBytes) contents = NULL;
  g_autoptr(GPtrArray) label_list = NULL;
  HfImport state = { 0 };
  gboolean ok;

  if ((label_list = read_label_list (context, error)) == NULL)
    return FALSE;
  if ((contents = _glossator_import_read (context, context->input, error)) == NULL)
    return FALSE;

  state.label_list = label_list->len > 0 ? label_list : NULL;
  state.text = g_string_new (NULL);
  state.starts = g_array_new (FALSE, FALSE, sizeof (guint));
  state.ends = g_array_new (FALSE, FALSE, sizeof (guint));
  state.types = g_ptr_array_new_with_free_func (g_free);

  ok = _glossator_import_json_records (context, contents, hf_record, &state, error) &&
       hf_emit (context, &state, error);

  g_free (state.document);
  g_string_free (state.text, TRUE);
  g_array_unref (state.starts);
  g_array_unref (state.ends);
  g_ptr_array_unref (state.types);
  return ok;
}

const GlossatorFormat _glossator_format_hf = {
  .name = "hf-jsonl",
  .description = N_("Hugging Face token classification JSON Lines: {\"id\",\"tokens\",\"ner_tags\"} "
                    "per sentence, with the label list"),
  .extension = ".jsonl",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = hf_options,
  .n_options = G_N_ELEMENTS (hf_options),
  .reads_mentions_only = TRUE,
  .exporter_size = sizeof (HfExporter),
  .begin = hf_begin,
  .render = hf_render,
  .write = hf_write,
  .end = hf_end,
  .finalize = hf_finalize,
  .import = hf_import,
};

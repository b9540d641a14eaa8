/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <inttypes.h>
#include <string.h>

#include "glossator-export.h"
#include "glossator-files-private.h"
#include "glossator-format-private.h"
#include "glossator-json-guard.h"
#include "glossator-yaml-private.h"

/* Hugging Face token classification: a folder that the `datasets`
 * library loads as it is (load_dataset(FOLDER)) with named labels:
 *
 *   data.jsonl  {"id","tokens","ner_tags"} per sentence, tags as ids
 *   README.md   a dataset card whose YAML front matter declares the
 *               features (ner_tags a sequence of class_label with the tag
 *               names) and the data file (configs)
 *
 * Sentence ids are "DOCUMENT-ID:N", which lets an import put the
 * sentences of a document back together. Tokens and sentences are those
 * of the CoNLL export. The import reads such a folder, or a JSON Lines
 * file with string tags, or ids with a label list (a JSON array) or the
 * card beside it. */

#define DATA_FILE_NAME "data.jsonl"
#define CARD_FILE_NAME "README.md"
/* The card's first lines: a card with them is one an export may replace. */
#define CARD_MARK "---\n# Written by Glossator"

static const GlossatorFormatOption hf_options[] = {
  GLOSSATOR_TOKEN_OPTIONS,
  { "tag-names", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, "false", NULL,
    N_("Write tags as strings (\"B-PER\") instead of ids into the tag names of the dataset card"),
    N_("Tag names") },
  { "label-list", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("FILE"),
    N_("JSON array of tag names for tags given as ids (default: DATA.labels.json beside a data "
       "file if it exists, else the dataset card's names)"),
    N_("Label list file") },
};

typedef struct {
  GlossatorExporter  parent;
  gboolean           tag_names;
  GPtrArray         *tags;      /* char*, in id order */
  GHashTable        *tag_ids;   /* char* → id + 1 */
  GFile             *data_file;
  GOutputStream     *data;      /* replaces data_file when closed */
  gboolean           made_folder;
  gboolean           done;
  guint64            n_sentences;
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

/* Whether the folder's README.md is a card an export wrote (or there is
 * none): a README.md of the person's own is never replaced. */
static gboolean
card_is_replaceable (GFile   *card,
                     GError **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  char head[sizeof CARD_MARK] = { 0 };
  gsize n_read = 0;

  stream = g_file_read (card, NULL, &local_error);
  if (stream == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head - 1, &n_read, NULL, error))
    return FALSE;
  if (n_read == sizeof head - 1 && memcmp (head, CARD_MARK, n_read) == 0)
    return TRUE;

  {
    g_autofree char *name = g_file_get_parse_name (card);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 _("%s was not written by Glossator; an hf-jsonl export writes its dataset card "
                   "there: choose another folder"), name);
  }
  return FALSE;
}

static gboolean
hf_begin (GlossatorExporter  *exporter,
          GError            **error)
{
  HfExporter *self = (HfExporter *) exporter;
  g_auto(GStrv) labels = _glossator_options_get_list (exporter->format, exporter->options, "labels");
  g_autoptr(GFile) card = NULL;
  g_autoptr(GError) local_error = NULL;
  GFileType type;

  self->tag_names = _glossator_options_get_boolean (exporter->format, exporter->options, "tag-names");
  self->tags = g_ptr_array_new_with_free_func (g_free);
  self->tag_ids = g_hash_table_new (g_str_hash, g_str_equal);
  tag_id (self, "O");
  /* Labels chosen come first, in the order given. */
  for (guint i = 0; labels != NULL && labels[i] != NULL; i++)
    add_label (self, labels[i]);

  type = g_file_query_file_type (exporter->output, G_FILE_QUERY_INFO_NONE, NULL);
  if (type != G_FILE_TYPE_UNKNOWN && type != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (exporter->output);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("%s: not a folder (hf-jsonl writes a folder: its data and dataset card)"), name);
      return FALSE;
    }
  card = g_file_get_child (exporter->output, CARD_FILE_NAME);
  if (!card_is_replaceable (card, error))
    return FALSE;

  if (!g_file_make_directory_with_parents (exporter->output, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_autofree char *name = g_file_get_parse_name (exporter->output);

          g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
          return FALSE;
        }
      g_clear_error (&local_error);
    }
  else
    self->made_folder = TRUE;

  self->data_file = g_file_get_child (exporter->output, DATA_FILE_NAME);
  self->data = G_OUTPUT_STREAM (glossator_export_replace (self->data_file, NULL, &local_error));
  if (self->data == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->data_file);

      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return FALSE;
    }
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
      self->n_sentences++;
    }

  return _glossator_write_all (self->data, out->str, out->len, cancellable, error);
}

/* INPUT.jsonl → INPUT.labels.json, the label list an import reads beside
 * a data file (as exports before the dataset card wrote it). */
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

/* A double-quoted YAML scalar PyYAML reads back as @str: quotes and
 * backslashes escaped, and every character its reader refuses or takes
 * for a line break. */
static void
append_yaml_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '"' || c == '\\')
        g_string_append_printf (out, "\\%c", (char) c);
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x2028 || c == 0x2029 || c == 0xfeff ||
               c == 0xfffe || c == 0xffff)
        g_string_append_printf (out, "\\u%04X", c);
      else
        g_string_append_unichar (out, c);
    }
  g_string_append_c (out, '"');
}

static char *
dataset_card (HfExporter *self)
{
  GString *card = g_string_new (CARD_MARK " (glossator-cli export --to hf-jsonl). The datasets\n"
                                "# library reads this front matter: load_dataset(\"THIS-FOLDER\") gives\n"
                                "# ner_tags with the tag names below.\n"
                                "configs:\n"
                                "- config_name: default\n"
                                "  data_files:\n"
                                "  - split: train\n"
                                "    path: " DATA_FILE_NAME "\n"
                                "dataset_info:\n"
                                "  config_name: default\n"
                                "  features:\n"
                                "  - name: id\n"
                                "    dtype: string\n"
                                "  - name: tokens\n"
                                "    sequence: string\n"
                                "  - name: ner_tags\n");

  if (self->tag_names)
    g_string_append (card, "    sequence: string\n");
  else
    {
      g_string_append (card, "    sequence:\n"
                             "      class_label:\n"
                             "        names:\n");
      for (guint i = 0; i < self->tags->len; i++)
        {
          g_string_append_printf (card, "          '%u': ", i);
          append_yaml_string (card, g_ptr_array_index (self->tags, i));
          g_string_append_c (card, '\n');
        }
    }
  g_string_append (card, "---\n\n"
                         "# Token classification data exported by Glossator\n\n"
                         "`" DATA_FILE_NAME "` holds one sentence per line: `id` (`DOCUMENT:N`), "
                         "`tokens`, and `ner_tags` in IOB2, ");
  g_string_append (card, self->tag_names ? "as tag strings.\n\n"
                                         : "as ids into the tag names declared above.\n\n");
  g_string_append_printf (card, "Sentences: %" G_GUINT64_FORMAT ". Tags: %u.\n\n"
                                "```python\n"
                                "from datasets import load_dataset\n"
                                "dataset = load_dataset(\"PATH/TO/THIS/FOLDER\")\n",
                          self->n_sentences, self->tags->len);
  if (!self->tag_names)
    g_string_append (card, "names = dataset[\"train\"].features[\"ner_tags\"].feature.names\n");
  g_string_append (card, "```\n");
  return g_string_free (card, FALSE);
}

static gboolean
hf_end (GlossatorExporter  *exporter,
        GCancellable       *cancellable,
        GError            **error)
{
  HfExporter *self = (HfExporter *) exporter;
  g_autoptr(GlossatorStaging) staging = _glossator_staging_new ();
  g_autoptr(GFile) card_file = g_file_get_child (exporter->output, CARD_FILE_NAME);
  g_autofree char *card = NULL;
  GStrvBuilder *builder = g_strv_builder_new ();

  for (guint i = 0; i < self->tags->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (self->tags, i));
  g_strfreev (exporter->summary.tags);
  exporter->summary.tags = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  /* The card is staged, the data put in place, then the card: a failure
   * before leaves the previous files as they were. */
  card = dataset_card (self);
  if (!_glossator_staging_write (staging, card_file, card, strlen (card), cancellable, error))
    return FALSE;
  if (!g_output_stream_close (self->data, cancellable, error))
    {
      g_autofree char *name = g_file_get_parse_name (self->data_file);

      g_prefix_error (error, "%s: ", name);
      return FALSE;
    }
  if (!_glossator_staging_commit (staging, error))
    return FALSE;
  self->done = TRUE;

  g_ptr_array_add (exporter->summary.extra_files, g_object_ref (self->data_file));
  g_ptr_array_add (exporter->summary.extra_files, g_steal_pointer (&card_file));
  return TRUE;
}

static void
hf_finalize (GlossatorExporter *exporter)
{
  HfExporter *self = (HfExporter *) exporter;

  /* A failed or cancelled export leaves no partial data, nor a folder it made. */
  if (!self->done)
    {
      glossator_export_abandon_stream (self->data);
      if (self->made_folder && g_file_peek_path (exporter->output) != NULL)
        g_rmdir (g_file_peek_path (exporter->output));
    }
  g_clear_object (&self->data);
  g_clear_object (&self->data_file);
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
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, NULL, _("empty span at %u"),
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
                                         _("tags are ids but there are no tag names (a dataset card, "
                                           "or the option label-list)"));
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

/* A JSON array of tag names (--label-list, or INPUT.labels.json). */
static GPtrArray *
read_label_list_file (GlossatorImportContext  *context,
                      GFile                   *file,
                      GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *json_path = NULL;
  GPtrArray *list;
  JsonNode *root;
  JsonArray *array;

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

/* What a dataset card says about token classification data, as `datasets`
 * reads it: the class names of ner_tags (NULL when its tags are strings,
 * or it declares none) and the data files of its first config. */
typedef struct {
  GPtrArray *names;       /* char* */
  GPtrArray *data_files;  /* char*, relative to the card's folder */
} HfCard;

static void
hf_card_clear (HfCard *card)
{
  g_clear_pointer (&card->names, g_ptr_array_unref);
  g_clear_pointer (&card->data_files, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (HfCard, hf_card_clear)

static JsonNode *
member (JsonNode   *node,
        const char *name)
{
  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_object_get_member (json_node_get_object (node), name)
                                                       : NULL;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = g_ascii_strtoll (*(const char * const *) a, NULL, 10);
  gint64 y = g_ascii_strtoll (*(const char * const *) b, NULL, 10);

  return x < y ? -1 : x > y;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* class_label names: {'0': O, '1': B-PER, …} (ids 0…N-1, as `datasets`
 * requires) or a list. */
static GPtrArray *
class_names (JsonNode    *names,
             const char  *card,
             GError     **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_free);

  if (names != NULL && JSON_NODE_HOLDS_ARRAY (names))
    {
      JsonArray *array = json_node_get_array (names);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          const char *name = _glossator_json_string_of (json_array_get_element (array, i));

          if (name == NULL)
            goto invalid;
          g_ptr_array_add (list, g_strdup (name));
        }
      return g_steal_pointer (&list);
    }
  if (names != NULL && JSON_NODE_HOLDS_OBJECT (names))
    {
      JsonObject *object = json_node_get_object (names);
      g_autoptr(GList) ids = json_object_get_members (object);
      g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

      for (GList *l = ids; l != NULL; l = l->next)
        {
          guint64 id;

          if (!g_ascii_string_to_unsigned (l->data, 10, 0, G_MAXUINT, &id, NULL) ||
              _glossator_json_string_of (json_object_get_member (object, l->data)) == NULL)
            goto invalid;
          g_ptr_array_add (sorted, l->data);
        }
      g_ptr_array_sort (sorted, compare_ids);
      for (guint i = 0; i < sorted->len; i++)
        {
          if (g_ascii_strtoull (g_ptr_array_index (sorted, i), NULL, 10) != i)
            {
              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                           _("%s: the class_label names of ner_tags lack id %u"), card, i);
              return NULL;
            }
          g_ptr_array_add (list, g_strdup (_glossator_json_string_member (object, g_ptr_array_index (sorted, i))));
        }
      return g_steal_pointer (&list);
    }

invalid:
  g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
               _("%s: the class_label names of ner_tags are neither a list of names nor ids mapped to names"),
               card);
  return NULL;
}

static gboolean
add_data_file (HfCard      *card,
               JsonNode    *path,
               const char  *name,
               GError     **error)
{
  const char *str = _glossator_json_string_of (path);
  g_autofree char *safe = str != NULL ? _glossator_import_safe_path (str) : NULL;

  if (path != NULL && JSON_NODE_HOLDS_ARRAY (path))
    {
      JsonArray *array = json_node_get_array (path);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!add_data_file (card, json_array_get_element (array, i), name, error))
          return FALSE;
      return TRUE;
    }
  if (str == NULL || safe == NULL || !g_str_equal (safe, str) || strpbrk (str, "*?[{") != NULL)
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: configs: data file “%s” is not a file name inside the card's folder "
                     "(patterns are not read)"), name, str != NULL ? str : "");
      return FALSE;
    }
  g_ptr_array_add (card->data_files, g_steal_pointer (&safe));
  return TRUE;
}

static gboolean
read_card (GlossatorImportContext  *context,
           GFile                   *file,
           HfCard                  *card,
           GError                 **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  JsonNode *configs, *config = NULL, *info, *features, *files;
  const char *config_name = "default";

  card->data_files = g_ptr_array_new_with_free_func (g_free);
  if ((bytes = _glossator_import_read (context, file, error)) == NULL)
    return FALSE;
  root = _glossator_yaml_parse_front_matter (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &local_error);
  if (root == NULL && g_error_matches (local_error, GLOSSATOR_YAML_ERROR, GLOSSATOR_YAML_ERROR_NO_METADATA))
    return TRUE;
  if (root == NULL)
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   "%s: %s", name, local_error->message);
      return FALSE;
    }

  /* The first config (or the one marked default) names the data files. */
  configs = member (root, "configs");
  if (configs != NULL && JSON_NODE_HOLDS_ARRAY (configs))
    {
      JsonArray *array = json_node_get_array (configs);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *candidate = json_array_get_element (array, i);

          if (config == NULL || g_strcmp0 (_glossator_json_string_of (member (candidate, "default")), "true") == 0)
            config = candidate;
        }
      if (config != NULL && _glossator_json_string_of (member (config, "config_name")) != NULL)
        config_name = _glossator_json_string_of (member (config, "config_name"));
    }
  files = member (config, "data_files");
  if (files != NULL && JSON_NODE_HOLDS_ARRAY (files))
    {
      JsonArray *array = json_node_get_array (files);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (!add_data_file (card, member (item, "path") != NULL ? member (item, "path") : item, name, error))
            return FALSE;
        }
    }
  else if (files != NULL && !add_data_file (card, files, name, error))
    return FALSE;

  /* dataset_info: one mapping, or one per config. */
  info = member (root, "dataset_info");
  if (info != NULL && JSON_NODE_HOLDS_ARRAY (info))
    {
      JsonArray *array = json_node_get_array (info);
      JsonNode *chosen = NULL;

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *candidate = json_array_get_element (array, i);
          const char *its_name = _glossator_json_string_of (member (candidate, "config_name"));

          if (g_strcmp0 (its_name != NULL ? its_name : "default", config_name) == 0 ||
              json_array_get_length (array) == 1)
            chosen = candidate;
        }
      info = chosen;
    }
  features = member (info, "features");
  if (features != NULL && JSON_NODE_HOLDS_ARRAY (features))
    {
      JsonArray *array = json_node_get_array (features);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *feature = json_array_get_element (array, i);
          JsonNode *items, *labels;
          const char *feature_name = _glossator_json_string_of (member (feature, "name"));

          if (g_strcmp0 (feature_name, "ner_tags") != 0 && g_strcmp0 (feature_name, "ner") != 0)
            continue;
          /* "sequence" (older datasets) or "list". */
          items = member (feature, "sequence");
          if (items == NULL)
            items = member (feature, "list");
          labels = member (member (items, "class_label"), "names");
          if (labels == NULL)
            labels = member (member (member (items, "dtype"), "class_label"), "names");
          if (labels != NULL && (card->names = class_names (labels, name, error)) == NULL)
            return FALSE;
          break;
        }
    }
  return TRUE;
}

/* The data files of one input: a folder's (from its card, else its
 * *.jsonl files), or the file itself; and the tag names for ids. */
static gboolean
find_inputs (GlossatorImportContext  *context,
             GPtrArray               *data_files,
             GPtrArray              **names,
             gboolean                *given,
             GError                 **error)
{
  const char *path = _glossator_options_get (context->format, context->options, "label-list");
  g_auto(HfCard) card = { 0 };
  g_autoptr(GFile) card_file = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autofree char *folder_path = NULL;
  gboolean is_folder;

  is_folder = g_file_query_file_type (context->input, G_FILE_QUERY_INFO_NONE,
                                      context->cancellable) == G_FILE_TYPE_DIRECTORY;
  folder = is_folder ? g_object_ref (context->input) : g_file_get_parent (context->input);
  card_file = folder != NULL ? g_file_get_child (folder, CARD_FILE_NAME) : NULL;
  if (card_file != NULL && g_file_query_file_type (card_file, G_FILE_QUERY_INFO_NONE,
                                                   context->cancellable) == G_FILE_TYPE_REGULAR &&
      !read_card (context, card_file, &card, error))
    return FALSE;

  if (!is_folder)
    g_ptr_array_add (data_files, g_object_ref (context->input));
  else if (card.data_files != NULL && card.data_files->len > 0)
    {
      folder_path = _glossator_real_path (folder);
      for (guint i = 0; i < card.data_files->len; i++)
        {
          GFile *file = g_file_resolve_relative_path (folder, g_ptr_array_index (card.data_files, i));
          g_autofree char *target = NULL;

          g_ptr_array_add (data_files, file);
          if (folder_path != NULL && _glossator_link_leads_out (file, folder_path, &target))
            {
              g_autofree char *name = g_file_get_parse_name (file);

              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                           _("%s: a symbolic link to a file outside the folder; not read"), name);
              return FALSE;
            }
        }
    }
  else
    {
      g_autoptr(GFileEnumerator) children = NULL;
      g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
      GFileInfo *info;

      children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, context->cancellable, error);
      if (children == NULL)
        return FALSE;
      while ((info = g_file_enumerator_next_file (children, context->cancellable, NULL)) != NULL)
        {
          const char *name = g_file_info_get_name (info);

          if (g_str_has_suffix (name, ".jsonl") && name[0] != '.' &&
              g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
            g_ptr_array_add (found, g_strdup (name));
          g_object_unref (info);
        }
      g_ptr_array_sort (found, compare_names);
      for (guint i = 0; i < found->len; i++)
        g_ptr_array_add (data_files, g_file_get_child (folder, g_ptr_array_index (found, i)));
      if (found->len == 0)
        {
          g_autofree char *name = g_file_get_parse_name (folder);

          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       _("%s: no data: neither a dataset card naming data files nor .jsonl files"), name);
          return FALSE;
        }
    }

  /* Tag names: the option, else the card (a label list beside a data
   * file comes before the card: see hf_import()). */
  if (path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);

      *names = read_label_list_file (context, file, error);
      *given = TRUE;
      return *names != NULL;
    }
  *names = g_steal_pointer (&card.names);
  return TRUE;
}

static gboolean
hf_import (GlossatorImportContext  *context,
           GError                 **error)
{
  g_autoptr(GPtrArray) data_files = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) label_list = NULL;
  HfImport state = { 0 };
  gboolean given = FALSE;
  gboolean ok = TRUE;

  if (!find_inputs (context, data_files, &label_list, &given, error))
    return FALSE;

  state.text = g_string_new (NULL);
  state.starts = g_array_new (FALSE, FALSE, sizeof (guint));
  state.ends = g_array_new (FALSE, FALSE, sizeof (guint));
  state.types = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; ok && i < data_files->len; i++)
    {
      GFile *data_file = g_ptr_array_index (data_files, i);
      g_autoptr(GFile) beside = label_list_file_for (data_file);
      g_autoptr(GPtrArray) own_list = NULL;
      g_autoptr(GBytes) contents = NULL;

      /* DATA.labels.json, as exports before the dataset card wrote it. */
      if (!given && g_file_query_exists (beside, context->cancellable) &&
          (own_list = read_label_list_file (context, beside, error)) == NULL)
        {
          ok = FALSE;
          break;
        }
      state.label_list = own_list != NULL ? own_list : label_list;
      if (state.label_list != NULL && state.label_list->len == 0)
        state.label_list = NULL;

      contents = _glossator_import_read (context, data_file, error);
      ok = contents != NULL &&
           _glossator_import_json_records (context, contents, hf_record, &state, error) &&
           hf_emit (context, &state, error);
    }

  g_free (state.document);
  g_string_free (state.text, TRUE);
  g_array_unref (state.starts);
  g_array_unref (state.ends);
  g_ptr_array_unref (state.types);
  return ok;
}

const GlossatorFormat _glossator_format_hf = {
  .name = "hf-jsonl",
  /* Translators: the name of a dataset format */
  .display_name = N_("Hugging Face token classification"),
  .description = N_("Hugging Face token classification: a folder that datasets.load_dataset() reads, "
                    "{\"id\",\"tokens\",\"ner_tags\"} per sentence in data.jsonl and the tag names "
                    "in its dataset card README.md"),
  .extension = NULL,
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT | GLOSSATOR_FORMAT_EXPORTS_FOLDER,
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

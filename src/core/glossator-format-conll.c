/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-format-private.h"

/* CoNLL columns: "token TAG" (or "token POS chunk TAG") in IOB2, one token
 * a line, a blank line after each sentence, "-DOCSTART-" before each
 * document with as many columns as the token lines. Written so conlleval
 * reads it: single spaces, LF only, no token with white space in it. */

static const GlossatorFormatOption conll_options[] = {
  GLOSSATOR_TOKEN_OPTIONS,
  { "no-docstart", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    NULL, "false", NULL,
    N_("Leave out the -DOCSTART- line before each document"),
    N_("Write -DOCSTART- lines"), TRUE,
    N_("A -DOCSTART- line before each document, as CoNLL-2003 has") },
  { "columns", GLOSSATOR_FORMAT_OPTION_CHOICE, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    "2|4", "2", "2|4",
    N_("2: “token TAG”; 4: CoNLL-2003 “token POS chunk TAG” with “_” placeholders"),
    N_("Columns") },
  { "tag-column", GLOSSATOR_FORMAT_OPTION_STRING, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, N_("N"),
    N_("The column holding the tags, counted from 1 (default: the last)"),
    N_("Tag column") },
};

typedef struct {
  GlossatorExporter parent;
  gboolean          docstart;
  gboolean          four_columns;
} ConllExporter;

static gboolean
conll_begin (GlossatorExporter  *exporter,
             GError            **error)
{
  ConllExporter *self = (ConllExporter *) exporter;

  self->docstart = !_glossator_options_get_boolean (exporter->format, exporter->options, "no-docstart");
  self->four_columns = g_str_equal (_glossator_exporter_get_option (exporter, "columns"), "4");
  return TRUE;
}

static gboolean
conll_render (GlossatorExporter             *exporter,
              const GlossatorExportDocument *document,
              GlossatorRender               *render,
              GError                       **error)
{
  ConllExporter *self = (ConllExporter *) exporter;
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_auto(GlossatorTokenized) tokenized = { 0 };
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  const char *docstart = self->four_columns ? "-DOCSTART- -X- -X- O\n\n" : "-DOCSTART- O\n\n";
  const char *columns = self->four_columns ? " _ _" : "";
  gsize columns_len = strlen (columns);
  g_autofree gsize *tag_lens = NULL;
  const GlossatorToken *tokens;
  GString *out = render->data;
  gsize size, start;
  char *w;

  _glossator_tokenize (exporter, text, document->document, render, &tokenized);
  tokens = (const GlossatorToken *) (gconstpointer) tokenized.tokens->data;

  /* The exact size first, then plain copies: four GString calls a token
   * were a tenth of what the export itself spent on a document. */
  tag_lens = g_new (gsize, tokenized.tags->len + 1);
  for (guint k = 0; k < tokenized.tags->len; k++)
    tag_lens[k] = strlen (g_ptr_array_index (tokenized.tags, k));
  size = self->docstart ? strlen (docstart) : 0;
  size += tokenized.sentences->len;
  for (guint t = 0; t < tokenized.tokens->len; t++)
    {
      const GlossatorToken *token = &tokens[t];

      size += token->byte_end - token->byte_start + columns_len +
              (token->mention < 0 ? strlen (" O\n") : strlen (" B-") + tag_lens[token->mention] + 1);
    }

  start = out->len;
  g_string_set_size (out, start + size);
  w = out->str + start;
#define PUT(str, len) G_STMT_START { memcpy (w, (str), (len)); w += (len); } G_STMT_END
  if (self->docstart)
    PUT (docstart, strlen (docstart));
  for (guint s = 0; s < tokenized.sentences->len; s++)
    {
      const GlossatorSentence *sentence = &g_array_index (tokenized.sentences, GlossatorSentence, s);

      for (guint t = sentence->first; t < sentence->first + sentence->n_tokens; t++)
        {
          const GlossatorToken *token = &tokens[t];

          PUT (utf8 + token->byte_start, token->byte_end - token->byte_start);
          PUT (columns, columns_len);
          if (token->mention < 0)
            PUT (" O\n", 3);
          else
            {
              PUT (token->begins ? " B-" : " I-", 3);
              PUT (g_ptr_array_index (tokenized.tags, token->mention), tag_lens[token->mention]);
              *w++ = '\n';
            }
        }
      *w++ = '\n';
    }
#undef PUT
  g_assert (w == out->str + out->len);

  return TRUE;
}

/* Import */

typedef struct {
  GString *text;
  guint    length;         /* of text, in code points */
  GArray  *chunks;         /* Chunk */
  guint    n_tokens;
  gboolean iob1;           /* an I- tag began a chunk */
  gboolean in_sentence;
} ConllDocument;

typedef struct {
  guint  start;
  guint  end;
  char  *type;
  guint  line;
} Chunk;

typedef struct {
  char     prefix;       /* B I E S O */
  char    *type;
  guint    start;
  guint    line;
  gboolean open;
} ChunkState;

static void
chunk_clear (Chunk *chunk)
{
  g_free (chunk->type);
}

static void
conll_document_reset (ConllDocument *doc)
{
  if (doc->text == NULL)
    {
      doc->text = g_string_new (NULL);
      doc->chunks = g_array_new (FALSE, FALSE, sizeof (Chunk));
      g_array_set_clear_func (doc->chunks, (GDestroyNotify) chunk_clear);
    }
  g_string_truncate (doc->text, 0);
  g_array_set_size (doc->chunks, 0);
  doc->length = 0;
  doc->n_tokens = 0;
  doc->iob1 = FALSE;
  doc->in_sentence = FALSE;
}

static void
conll_document_clear (ConllDocument *doc)
{
  if (doc->text != NULL)
    g_string_free (doc->text, TRUE);
  g_clear_pointer (&doc->chunks, g_array_unref);
}

/* Splits "B-PER" (also BIOES/BILOU); FALSE for what is no tag. */
static gboolean
parse_tag (const char  *tag,
           char        *prefix,
           const char **type)
{
  if (g_str_equal (tag, "O"))
    {
      *prefix = 'O';
      *type = "";
      return TRUE;
    }
  if (strchr ("BIESLU", tag[0]) == NULL || (tag[1] != '-' && tag[1] != '_') || tag[2] == '\0')
    return FALSE;
  *prefix = tag[0] == 'L' ? 'E' : tag[0] == 'U' ? 'S' : tag[0];
  *type = tag + 2;
  return TRUE;
}

static void
close_chunk (ConllDocument *doc,
             ChunkState    *state,
             guint          end)
{
  Chunk chunk;

  if (!state->open)
    return;
  chunk.start = state->start;
  chunk.end = end;
  chunk.type = g_strdup (state->type);
  chunk.line = state->line;
  g_array_append_val (doc->chunks, chunk);
  state->open = FALSE;
}

static gboolean
emit_document (GlossatorImportContext  *context,
               ConllDocument           *doc,
               guint                    n_document,
               gboolean                 numbered,
               GError                 **error)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorImportBuilder) builder = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorImportedDocument) imported = NULL;
  g_autofree char *key = numbered ? g_strdup_printf ("%u", n_document) : NULL;
  g_autofree char *name = _glossator_import_name (context->input, key, ".txt");

  if (doc->n_tokens == 0)
    return TRUE;

  if (doc->in_sentence)
    g_string_append_c (doc->text, '\n');
  text = glossator_text_new (doc->text->str, doc->text->len, error);
  if (text == NULL)
    return FALSE;

  builder = _glossator_import_builder_new (text);
  for (guint i = 0; i < doc->chunks->len; i++)
    {
      const Chunk *chunk = &g_array_index (doc->chunks, Chunk, i);

      _glossator_import_builder_add_mention (builder, chunk->type, &chunk->start, &chunk->end, 1, NULL);
    }
  _glossator_import_builder_set_document_attribute (builder, GLOSSATOR_TOKENIZATION,
                                                    json_node_init_string (json_node_alloc (), "whitespace"));
  document = _glossator_import_builder_finish (builder);

  imported = _glossator_imported_document_new (name, document);
  imported->article_bytes = _glossator_import_text_bytes (doc->text->str, doc->text->len);
  imported->offset_unit = g_strdup (doc->iob1 ? _("tokens, IOB1 tags") : _("tokens, IOB2 tags"));
  return _glossator_import_emit (context, imported, error);
}

static gboolean
conll_import (GlossatorImportContext  *context,
              GError                 **error)
{
  g_autoptr(GBytes) contents = _glossator_import_read (context, context->input, error);
  const char *tag_column = _glossator_options_get (context->format, context->options, "tag-column");
  g_autofree char *input_name = NULL;
  ConllDocument doc = { 0 };
  ChunkState state = { 'O', NULL, 0, 0, FALSE };
  const char *data, *p, *end;
  gsize n_bytes;
  guint line = 0, n_documents = 0, column = 0;
  gboolean has_docstart = FALSE, ok = TRUE;

  if (contents == NULL)
    return FALSE;
  input_name = g_file_get_parse_name (context->input);
  if (tag_column != NULL)
    {
      char *tail;
      guint64 value = g_ascii_strtoull (tag_column, &tail, 10);

      if (*tail != '\0' || value < 2 || value > 1000)
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                       _("tag-column takes a column number from 2, not “%s”"), tag_column);
          return FALSE;
        }
      column = (guint) value;
    }

  data = g_bytes_get_data (contents, &n_bytes);
  if (data == NULL)
    data = "";
  /* Offsets in the message count the BOM, unlike the JSON formats'. */
  if (!_glossator_import_check_utf8 (input_name, data, n_bytes, error))
    return FALSE;
  if (n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n_bytes -= 3;
    }
  end = data + n_bytes;

  /* With -DOCSTART- lines, documents are numbered. */
  for (p = data; p < end && !has_docstart; )
    {
      const char *eol = memchr (p, '\n', end - p);

      has_docstart = g_str_has_prefix (p, "-DOCSTART-") &&
                     (p[10] == ' ' || p[10] == '\t' || p[10] == '\r' || p[10] == '\n');
      p = eol != NULL ? eol + 1 : end;
    }

  conll_document_reset (&doc);
  for (p = data; p < end && ok; )
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol != NULL ? eol : end) - p;
      g_autofree char *copy = NULL;
      g_autofree char *where = NULL;
      g_auto(GStrv) fields = NULL;
      GPtrArray *columns;
      const char *token, *tag, *type;
      char prefix;
      gboolean starts;

      line++;
      copy = g_strndup (p, len);
      p = eol != NULL ? eol + 1 : end;
      g_strchomp (copy);
      where = g_strdup_printf (_("line %u"), line);

      fields = g_strsplit_set (copy, " \t", -1);
      columns = g_ptr_array_new ();
      for (guint i = 0; fields[i] != NULL; i++)
        if (*fields[i] != '\0')
          g_ptr_array_add (columns, fields[i]);

      if (columns->len == 0)
        {
          g_ptr_array_unref (columns);
          close_chunk (&doc, &state, doc.length);
          g_clear_pointer (&state.type, g_free);
          state.prefix = 'O';
          if (doc.in_sentence)
            {
              g_string_append_c (doc.text, '\n');
              doc.length++;
              doc.in_sentence = FALSE;
            }
          continue;
        }

      token = g_ptr_array_index (columns, 0);
      if (g_str_equal (token, "-DOCSTART-"))
        {
          g_ptr_array_unref (columns);
          close_chunk (&doc, &state, doc.length);
          g_clear_pointer (&state.type, g_free);
          state.prefix = 'O';
          if (doc.n_tokens > 0)
            ok = emit_document (context, &doc, ++n_documents, has_docstart, error);
          conll_document_reset (&doc);
          continue;
        }

      if (columns->len < 2 || (column > 0 && columns->len < column))
        {
          if (columns->len < 2)
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where, "%s",
                                       _("expected a token and a tag, found one column"));
          else
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                       _("the tag column %u is past the %u columns of this line "
                                         "(see --tag-column)"), column, columns->len);
          g_ptr_array_unref (columns);
          continue;
        }
      tag = g_ptr_array_index (columns, column > 0 ? column - 1 : columns->len - 1);
      if (!parse_tag (tag, &prefix, &type))
        {
          _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                     _("“%s” is not a tag (O, B-TYPE, I-TYPE, E-TYPE or S-TYPE); "
                                       "read as O"), tag);
          prefix = 'O';
          type = "";
        }

      /* Chunks as conlleval reads them, extended to E- and S- tags. */
      starts = prefix == 'B' || prefix == 'S' ||
               ((prefix == 'I' || prefix == 'E') &&
                (state.prefix == 'O' || state.prefix == 'E' || state.prefix == 'S' ||
                 g_strcmp0 (state.type, type) != 0));
      if (starts || prefix == 'O')
        close_chunk (&doc, &state, doc.length);

      if (doc.in_sentence)
        {
          g_string_append_c (doc.text, ' ');
          doc.length++;
        }
      doc.in_sentence = TRUE;

      if (starts)
        {
          if (prefix == 'I' || prefix == 'E')
            doc.iob1 = TRUE;
          state.open = TRUE;
          state.start = doc.length;
          state.line = line;
        }

      g_string_append (doc.text, token);
      doc.length += g_utf8_strlen (token, -1);
      doc.n_tokens++;

      g_free (state.type);
      state.type = g_strdup (type);
      state.prefix = prefix;
      if (prefix == 'E' || prefix == 'S')
        close_chunk (&doc, &state, doc.length);
      g_ptr_array_unref (columns);
    }

  if (ok)
    {
      close_chunk (&doc, &state, doc.length);
      ok = emit_document (context, &doc, ++n_documents, has_docstart, error);
    }

  g_free (state.type);
  conll_document_clear (&doc);
  return ok;
}

const GlossatorFormat _glossator_format_conll = {
  .name = "conll",
  /* Translators: the name of a dataset format */
  .display_name = N_("CoNLL-2003 (IOB2)"),
  .description = N_("CoNLL columns, “token TAG” in IOB2 by UAX #29 words and sentences, "
                    "readable by conlleval"),
  .extension = ".conll",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT,
  .options = conll_options,
  .n_options = G_N_ELEMENTS (conll_options),
  .reads_mentions_only = TRUE,
  .exporter_size = sizeof (ConllExporter),
  .begin = conll_begin,
  .render = conll_render,
  .import = conll_import,
};

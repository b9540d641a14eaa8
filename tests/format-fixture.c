/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-fixture"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

char *
fixture_path (const char *relative)
{
  return g_test_build_filename (G_TEST_DIST, "data", "formats", relative, NULL);
}

GFile *
fixture (const char *relative)
{
  g_autofree char *path = fixture_path (relative);

  return g_file_new_for_path (path);
}

GHashTable *
options_of (const char *first,
            ...)
{
  GHashTable *options = glossator_format_options_new ();
  const char *name = first;
  va_list args;

  va_start (args, first);
  while (name != NULL)
    {
      g_hash_table_insert (options, g_strdup (name), g_strdup (va_arg (args, const char *)));
      name = va_arg (args, const char *);
    }
  va_end (args);

  return options;
}

GlossatorMention *
add_mention (GlossatorDocument *doc,
             const char        *id,
             const char        *label,
             const char        *entity,
             guint              start,
             guint              end)
{
  GlossatorText *text = glossator_document_get_text (doc);
  g_autoptr(GlossatorMention) mention = glossator_mention_new (id, label, entity);

  if (glossator_document_get_entity (doc, entity) == NULL)
    {
      g_autoptr(GlossatorMention) probe = glossator_mention_new ("", label, entity);
      g_autofree char *name = NULL;
      g_autoptr(GlossatorEntity) value = NULL;

      glossator_mention_add_fragment (probe, start, end);
      name = glossator_mention_dup_text (probe, text);
      value = glossator_entity_new (entity, name, label);
      glossator_document_put_entity (doc, value);
    }
  glossator_span_set_quote (glossator_mention_add_fragment (mention, start, end), text);
  glossator_document_put_mention (doc, mention);
  return glossator_document_get_mention (doc, id);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Annotations as text, ids aside: what a round trip must keep. Entities are
 * named by their mentions' spans, source ids are left out. */
char *
describe (GlossatorDocument *doc,
          gboolean           with_details)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (doc);
  g_autoptr(GPtrArray) entities = glossator_document_list_entities (doc);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (doc);
  g_autoptr(GHashTable) key_of = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entities->len; i++)
    {
      GlossatorEntity *entity = g_ptr_array_index (entities, i);
      g_autoptr(GPtrArray) members = glossator_document_list_entity_mentions (doc, entity->id);
      GString *key = g_string_new ("{");

      for (guint m = 0; m < members->len; m++)
        {
          GlossatorMention *mention = g_ptr_array_index (members, m);

          for (guint f = 0; f < mention->n_fragments; f++)
            g_string_append_printf (key, "%s%u-%u", f > 0 ? "+" : m > 0 ? " " : "",
                                    mention->fragments[f].start, mention->fragments[f].end);
        }
      g_string_append_c (key, '}');
      g_hash_table_insert (key_of, entity->id, g_string_free (key, FALSE));
      if (with_details)
        g_ptr_array_add (lines, g_strdup_printf ("entity %s name=%s label=%s kb=%s note=%s",
                                                 (const char *) g_hash_table_lookup (key_of, entity->id),
                                                 entity->name, entity->label, entity->kb_id ?: "",
                                                 entity->note ?: ""));
    }

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autoptr(GString) line = g_string_new ("mention ");
      g_autoptr(JsonObject) attributes = json_object_new ();

      for (guint f = 0; f < mention->n_fragments; f++)
        g_string_append_printf (line, "%s%u-%u", f > 0 ? "+" : "", mention->fragments[f].start,
                                mention->fragments[f].end);
      g_string_append_printf (line, " %s", mention->label);
      if (with_details)
        {
          /* Members in name order: an object's order means nothing. */
          if (mention->attributes != NULL)
            {
              g_autoptr(GList) names = json_object_get_members (mention->attributes);

              names = g_list_sort (names, (GCompareFunc) strcmp);
              for (GList *l = names; l != NULL; l = l->next)
                if (!g_str_equal (l->data, "source_id"))
                  json_object_set_member (attributes, l->data,
                                          json_node_copy (json_object_get_member (mention->attributes, l->data)));
            }
          g_string_append_printf (line, " in %s note=%s attributes=",
                                  (const char *) g_hash_table_lookup (key_of, mention->entity_id),
                                  mention->note ?: "");
          {
            g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), attributes);
            g_autofree char *json = json_to_string (node, FALSE);

            g_string_append (line, json);
          }
        }
      g_ptr_array_add (lines, g_strdup (line->str));
    }

  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = g_ptr_array_index (stances, i);
      g_autoptr(GString) line = g_string_new ("stance ");

      g_string_append_printf (line, "holder=%s:%s target=%s:%s polarity=%s intensity=%u note=%s evidence=",
                              glossator_holder_kind_to_string (stance->holder_kind),
                              stance->holder_kind == GLOSSATOR_HOLDER_ENTITY
                                ? (const char *) g_hash_table_lookup (key_of, stance->holder_entity) : "",
                              glossator_target_kind_to_string (stance->target_kind),
                              stance->target_kind == GLOSSATOR_TARGET_ENTITY
                                ? (const char *) g_hash_table_lookup (key_of, stance->target)
                                : stance->target ?: "",
                              stance->polarity, stance->intensity, stance->note ?: "");
      for (guint e = 0; e < stance->n_evidence; e++)
        g_string_append_printf (line, "%s%u-%u", e > 0 ? "+" : "", stance->evidence[e].start,
                                stance->evidence[e].end);
      g_ptr_array_add (lines, g_strdup (line->str));
    }

  g_ptr_array_sort (lines, compare_strings);
  for (guint i = 0; i < lines->len; i++)
    {
      g_string_append (out, g_ptr_array_index (lines, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

gboolean
collect_cb (GlossatorImportedDocument  *imported,
            gpointer                    user_data,
            GError                    **error)
{
  GPtrArray *docs = user_data;
  GlossatorImportedDocument *copy = g_new0 (GlossatorImportedDocument, 1);

  copy->name = g_strdup (imported->name);
  copy->article_file = imported->article_file != NULL ? g_object_ref (imported->article_file) : NULL;
  copy->article_bytes = imported->article_bytes != NULL ? g_bytes_ref (imported->article_bytes) : NULL;
  copy->document = g_object_ref (imported->document);
  copy->offset_unit = g_strdup (imported->offset_unit);
  copy->lossless = imported->lossless;
  copy->problems = g_ptr_array_ref (imported->problems);
  g_ptr_array_add (docs, copy);
  return TRUE;
}

/* Imports @input; problems of the input as a whole go to @problems. */
GPtrArray *
import_file (const char *format_name,
             GFile      *input,
             GHashTable *options,
             GPtrArray  *problems)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  GPtrArray *docs = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_imported_document_free);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (format);
  glossator_format_import (format, input, options, collect_cb, docs, problems, NULL, &error);
  g_assert_no_error (error);
  return docs;
}

guint
count_problems (GPtrArray                *problems,
                GlossatorProblemSeverity  severity,
                const char               *substring)
{
  guint n = 0;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == severity && (substring == NULL || strstr (problem->message, substring) != NULL))
        n++;
    }
  return n;
}

GlossatorDocument *
imported_document (GPtrArray *docs,
                   guint      i)
{
  return ((GlossatorImportedDocument *) g_ptr_array_index (docs, i))->document;
}

/* Exports the documents (ids "doc0", "doc1", …); returns what was written
 * to the stream (NULL for folder formats, which write into @folder). */
char *
export_documents (const char              *format_name,
                  GHashTable              *options,
                  GlossatorDocument      **docs,
                  guint                    n_docs,
                  GFile                   *output,
                  GlossatorExportSummary  *summary)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  gboolean folder = (glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0;
  g_autoptr(GOutputStream) stream = folder ? NULL : g_memory_output_stream_new_resizable ();
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;

  exporter = glossator_exporter_new (format, options, stream, output, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_docs; i++)
    {
      g_autofree char *id = g_strdup_printf ("doc%u", i);
      g_autofree char *path = g_strdup_printf ("doc%u.txt", i);
      GlossatorExportDocument item = { id, path, NULL, docs[i], NULL };

      g_assert_true (glossator_exporter_add_document (exporter, &item, NULL, &error));
      g_assert_no_error (error);
    }
  g_assert_true (glossator_exporter_finish (exporter, NULL, &error));
  g_assert_no_error (error);

  if (summary != NULL)
    {
      const GlossatorExportSummary *s = glossator_exporter_get_summary (exporter);

      glossator_export_summary_clear (summary);
      *summary = *s;
      summary->problems = g_ptr_array_ref (s->problems);
      summary->extra_files = g_ptr_array_ref (s->extra_files);
      summary->tags = g_strdupv (s->tags);
    }

  if (folder)
    return NULL;
  g_assert_true (g_output_stream_close (stream, NULL, &error));
  return g_strndup (g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (stream)),
                    g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)));
}

/* conlleval, reduced to what decides whether it reads a file and how many
 * chunks it counts: the rules of its reader (same number of columns on
 * every line, single spaces, no CR, boundaries at blank lines and "-X-"),
 * and its startOfChunk() with the last column as both gold and guess.
 * Also holds the export to strict IOB2 and to tokens without white space.
 * Returns the number of chunks; appends each chunk's tokens to @chunks
 * (nullable) as "TYPE tok tok". */
guint
conlleval_count (const char *data,
                 GPtrArray  *chunks)
{
  g_auto(GStrv) lines = NULL;
  int n_features = -1;
  char prev_tag = 'O';
  g_autofree char *prev_type = g_strdup ("");
  guint n_chunks = 0;
  GString *current = NULL;

  g_assert_null (strchr (data, '\r'));
  g_assert_null (strchr (data, '\t'));
  g_assert_true (*data == '\0' || g_str_has_suffix (data, "\n"));

  lines = g_strsplit (data, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) features = NULL;
      const char *tag, *type;
      char prefix;
      int n;

      if (lines[i + 1] == NULL && *lines[i] == '\0')
        break;
      if (*lines[i] == '\0')
        {
          prev_tag = 'O';
          g_free (prev_type);
          prev_type = g_strdup ("");
          continue;
        }

      features = g_strsplit (lines[i], " ", -1);
      n = (int) g_strv_length (features);
      for (int k = 0; k < n; k++)
        {
          const char *p;

          if (*features[k] == '\0')
            g_error ("line %u: empty column (double, leading or trailing space): “%s”", i + 1, lines[i]);
          for (p = features[k]; *p != '\0'; p = g_utf8_next_char (p))
            if (_glossator_is_token_space (g_utf8_get_char (p)))
              g_error ("line %u: white space in a column: “%s”", i + 1, lines[i]);
        }
      if (n_features < 0)
        n_features = n;
      else if (n != n_features)
        g_error ("line %u: unexpected number of features: %d (%d)", i + 1, n, n_features);
      g_assert_cmpint (n, >=, 2);

      tag = features[n - 1];
      if (g_str_equal (features[0], "-X-") || g_str_equal (features[0], "-DOCSTART-"))
        {
          g_assert_cmpstr (tag, ==, "O");
          if (g_str_equal (features[0], "-X-"))
            {
              prev_tag = 'O';
              continue;
            }
        }

      if (g_str_equal (tag, "O"))
        {
          prefix = 'O';
          type = "";
        }
      else
        {
          g_assert_true (tag[0] == 'B' || tag[0] == 'I');
          g_assert_cmpint (tag[1], ==, '-');
          prefix = tag[0];
          type = tag + 2;
          /* IOB2: I- only continues a chunk of its type. */
          if (prefix == 'I')
            {
              g_assert_true (prev_tag == 'B' || prev_tag == 'I');
              g_assert_cmpstr (prev_type, ==, type);
            }
        }

      /* startOfChunk() of conlleval */
      if ((prev_tag == 'B' && prefix == 'B') || (prev_tag == 'I' && prefix == 'B') ||
          (prev_tag == 'O' && prefix == 'B') || (prev_tag == 'O' && prefix == 'I') ||
          (prefix != 'O' && !g_str_equal (prev_type, type)))
        {
          n_chunks++;
          if (chunks != NULL)
            {
              current = g_string_new (type);
              g_ptr_array_add (chunks, current);
            }
        }
      if (prefix != 'O' && current != NULL)
        g_string_append_printf (current, " %s", features[0]);
      if (prefix == 'O')
        current = NULL;

      prev_tag = prefix;
      g_free (prev_type);
      prev_type = g_strdup (type);
    }

  if (chunks != NULL)
    for (guint i = 0; i < chunks->len; i++)
      {
        GString *chunk = g_ptr_array_index (chunks, i);

        chunks->pdata[i] = g_string_free (chunk, FALSE);
      }
  return n_chunks;
}

/* A Glossator document with the traps: emoji, ZWJ sequence, flag, NFD,
 * CRLF, tabs, RTL, NBSP, a BOM; nested, overlapping, discontinuous and
 * white-space mentions, a mention edge inside a word, notes, attributes,
 * KB ids and stances of every kind. */
GlossatorDocument *
rich_document (void)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GlossatorEntity) entity = NULL;
  g_autoptr(GlossatorStance) s1 = NULL;
  g_autoptr(GlossatorStance) s2 = NULL;
  g_autoptr(GlossatorStance) s3 = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(GlossatorMention) discontinuous = NULL;
  g_autoptr(GlossatorMention) noted = NULL;
  GlossatorMention *m;
  guint a, b;

  text = test_util_text_new ("Zoë Ó Briain met the Kyiv " FLAG_UA " delegation in Gdańsk.\r\n"
                             "The Baltic Port\r\nWorkers’ Federation called the strike;\tÓ Briain said: “No deal.”\r\n"
                             "Analysts in חיפה and " CAFE_NFD " owners " FAMILY " waited for 10\xc2\xa0" "000 dockers.\r\n"
                             "Mr. Smith paid $5 to UNESCO-led   teams.");
  glossator_text_set_has_bom (text, TRUE);
  doc = glossator_document_new (text);
  _glossator_document_begin_load (doc);

  a = test_util_text_offset (text, "Zoë", 0);
  add_mention (doc, "m1", "PERSON", "e1", a, a + 12);
  a = test_util_text_offset (text, "Kyiv", 0);
  add_mention (doc, "m2", "GPE", "e2", a, a + 4);
  add_mention (doc, "m3", "ORG", "e3", a, test_util_text_offset (text, " in Gdańsk", 0));
  a = test_util_text_offset (text, "Gdańsk", 0);
  m = add_mention (doc, "m4", "GPE", "e4", a, a + 6);
  (void) m;
  entity = glossator_entity_copy (glossator_document_get_entity (doc, "e4"));
  glossator_entity_set_kb_id (entity, "Q1792");
  glossator_entity_set_note (entity, "Polish port city.\nNot Gdynia.");
  glossator_document_put_entity (doc, entity);

  /* Over a CRLF: one fragment, split at the line break by brat. */
  a = test_util_text_offset (text, "The Baltic", 0);
  b = test_util_text_offset (text, " called", 0);
  add_mention (doc, "m5", "ORG label", "e5", a, b);

  a = test_util_text_offset (text, "the strike", 0);
  noted = glossator_mention_copy (add_mention (doc, "m6", "EVENT", "e6", a, a + 10));
  glossator_mention_set_note (noted, "Not the 1980 strike;\ttabs\\and \"quotes\".");
  json_object_set_boolean_member (attributes, "generic", TRUE);
  json_object_set_string_member (attributes, "mention", "Nominal");
  json_object_set_string_member (attributes, "two words", "x y");
  json_object_set_int_member (attributes, "count", 3);
  glossator_mention_set_attributes (noted, attributes);
  glossator_document_put_mention (doc, noted);

  a = test_util_text_offset (text, "Ó Briain", 1);
  add_mention (doc, "m7", "PERSON", "e1", a, a + 8);
  a = test_util_text_offset (text, "חיפה", 0);
  add_mention (doc, "m8", "GPE", "e7", a, a + 4);
  a = test_util_text_offset (text, CAFE_NFD, 0);
  add_mention (doc, "m9", "NORP", "e8", a, a + 5);
  a = test_util_text_offset (text, FAMILY, 0);
  add_mention (doc, "m10", "MISC", "e9", a, a + 5);
  a = test_util_text_offset (text, "10", 0);
  add_mention (doc, "m11", "MISC", "e10", a, a + 6);
  /* Mention edges inside words: "UNESCO" of "UNESCO-led", "Smi" of "Smith". */
  a = test_util_text_offset (text, "UNESCO", 0);
  add_mention (doc, "m12", "ORG", "e11", a, a + 6);
  a = test_util_text_offset (text, "Smith", 0);
  add_mention (doc, "m13", "PERSON", "e12", a, a + 3);
  /* Overlapping (crosses m3), white space only, and discontinuous. */
  a = test_util_text_offset (text, FLAG_UA, 0);
  add_mention (doc, "m14", "MISC", "e13", a, test_util_text_offset (text, " Gdańsk", 0));
  a = test_util_text_offset (text, "   teams", 0);
  add_mention (doc, "m15", "MISC", "e14", a + 1, a + 3);
  discontinuous = glossator_mention_new ("m16", "LOC", "e15");
  entity = (glossator_entity_unref (entity), glossator_entity_new ("e15", "Baltic port", "LOC"));
  glossator_document_put_entity (doc, entity);
  a = test_util_text_offset (text, "Baltic", 0);
  glossator_span_set_quote (glossator_mention_add_fragment (discontinuous, a, a + 6), text);
  a = test_util_text_offset (text, "Port", 0);
  glossator_span_set_quote (glossator_mention_add_fragment (discontinuous, a, a + 4), text);
  glossator_document_put_mention (doc, discontinuous);

  s1 = glossator_stance_new ("s1", "against");
  glossator_stance_set_holder (s1, GLOSSATOR_HOLDER_ENTITY, "e1");
  glossator_stance_set_target (s1, GLOSSATOR_TARGET_ENTITY, "e6");
  glossator_stance_set_intensity (s1, 3);
  glossator_stance_set_note (s1, "Quoted\nverbatim.");
  a = test_util_text_offset (text, "“No deal.”", 0);
  glossator_span_set_quote (glossator_stance_add_evidence (s1, a, a + 10), text);
  glossator_document_put_stance (doc, s1);

  s2 = glossator_stance_new ("s2", "favor");
  glossator_stance_set_holder (s2, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (s2, GLOSSATOR_TARGET_TOPIC, "port automation\tand jobs");
  a = test_util_text_offset (text, "The Baltic", 0);
  glossator_span_set_quote (glossator_stance_add_evidence (s2, a, test_util_text_offset (text, " called", 0)), text);
  a = test_util_text_offset (text, "waited", 0);
  glossator_span_set_quote (glossator_stance_add_evidence (s2, a, a + 6), text);
  glossator_document_put_stance (doc, s2);

  /* No evidence, nothing specified. */
  s3 = glossator_stance_new ("s3", "unclear");
  glossator_document_put_stance (doc, s3);

  _glossator_document_end_load (doc);
  return g_steal_pointer (&doc);
}

GlossatorMention *
mention_at (GlossatorDocument *doc,
            const char        *quote,
            guint              nth)
{
  GlossatorText *text = glossator_document_get_text (doc);
  guint start = test_util_text_offset (text, quote, nth);
  guint end = start + g_utf8_strlen (quote, -1);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (doc);

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);

      if (glossator_mention_get_start (mention) == start && glossator_mention_get_end (mention) == end)
        return mention;
    }
  g_error ("no mention of “%s”", quote);
  return NULL;
}

const char *
source_id (GlossatorMention *mention)
{
  return mention->attributes != NULL
           ? json_object_get_string_member_with_default (mention->attributes, "source_id", NULL) : NULL;
}

GlossatorImportedDocument *
find_imported (GPtrArray  *docs,
               const char *name)
{
  for (guint i = 0; i < docs->len; i++)
    {
      GlossatorImportedDocument *doc = g_ptr_array_index (docs, i);

      if (g_str_equal (doc->name, name))
        return doc;
    }
  g_error ("no document %s", name);
  return NULL;
}

/* Exports @docs to @format_name and imports the result. */
GPtrArray *
export_and_import (const char         *format_name,
                   GlossatorDocument **docs,
                   guint               n_docs,
                   GHashTable         *export_options,
                   GHashTable         *import_options)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) input = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autofree char *out = NULL;
  GPtrArray *result;

  if ((glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0)
    {
      g_autofree char *folder = g_build_filename (dir, "export", NULL);

      input = g_file_new_for_path (folder);
      out = export_documents (format_name, export_options, docs, n_docs, input, NULL);
    }
  else
    {
      g_autofree char *name = g_strconcat ("export", glossator_format_get_extension (format), NULL);
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);

      /* Named, for formats that write a companion file beside it. */
      out = export_documents (format_name, export_options, docs, n_docs, file, NULL);
      input = test_util_write_gfile (dir, name, out, -1);
    }

  result = import_file (format_name, input, import_options, problems);
  for (guint i = 0; i < problems->len; i++)
    g_test_message ("%s: %s", format_name, ((GlossatorProblem *) g_ptr_array_index (problems, i))->message);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, NULL), ==, 0);
  for (guint i = 0; i < result->len; i++)
    {
      GPtrArray *doc_problems = ((GlossatorImportedDocument *) g_ptr_array_index (result, i))->problems;

      for (guint k = 0; k < doc_problems->len; k++)
        g_test_message ("%s: %s", format_name, ((GlossatorProblem *) g_ptr_array_index (doc_problems, k))->message);
      g_assert_cmpuint (count_problems (doc_problems, GLOSSATOR_PROBLEM_ERROR, NULL), ==, 0);
    }
  test_util_remove_tree (dir);
  return result;
}

static void
assert_same_documents (GPtrArray *a,
                       GPtrArray *b,
                       gboolean   details)
{
  g_assert_cmpuint (a->len, ==, b->len);
  for (guint i = 0; i < a->len; i++)
    {
      GlossatorDocument *da = imported_document (a, i);
      GlossatorDocument *db = imported_document (b, i);
      g_autofree char *sa = describe (da, details);
      g_autofree char *sb = describe (db, details);

      g_assert_cmpstr (glossator_text_get_utf8 (glossator_document_get_text (da), NULL), ==,
                       glossator_text_get_utf8 (glossator_document_get_text (db), NULL));
      g_assert_cmpstr (sa, ==, sb);
    }
}

/* import → export → import gives the same annotations, for documents
 * imported from @input. */
void
assert_round_trip (const char *format_name,
                   GPtrArray  *first,
                   GHashTable *import_options,
                   gboolean    details)
{
  g_autoptr(GPtrArray) docs = g_ptr_array_new ();
  g_autoptr(GPtrArray) second = NULL;

  for (guint i = 0; i < first->len; i++)
    g_ptr_array_add (docs, imported_document (first, i));
  /* Options of both directions (doccano's offset unit) apply to both. */
  second = export_and_import (format_name, (GlossatorDocument **) docs->pdata, docs->len, import_options,
                              import_options);
  assert_same_documents (first, second, details);
}

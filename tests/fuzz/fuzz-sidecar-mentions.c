/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <string.h>

#include "glossator-format-private.h"
#include "glossator-sidecar.h"
#include "glossator-sidecar-private.h"
#include "fuzz-common.h"

/* The sidecar read of exports that read only mentions or copy the sidecar
 * (_glossator_sidecar_parse_mentions(), see glossator-export.c) against
 * the full read: the same error, or the same mentions, counts and
 * mentions-only exports. */

/* Mentions-only formats that write one stream (hf-jsonl writes a folder;
 * its tokens are conll's). */
static const char * const mention_formats[] = { "conll", "doccano", "label-studio" };

static GBytes *
export_one (const char        *format_name,
            GlossatorDocument *document)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorExportDocument item = { 0 };

  if (format == NULL)
    fuzz_fail ("no %s format", format_name);
  exporter = glossator_exporter_new (format, NULL, stream, NULL, &error);
  if (exporter == NULL)
    fuzz_fail ("cannot export %s: %s", format_name, error->message);
  item.id = "fuzz";
  item.path = "fuzz.txt";
  item.document = document;
  if (!glossator_exporter_add_document (exporter, &item, NULL, &error) ||
      !glossator_exporter_finish (exporter, NULL, &error))
    fuzz_fail ("the %s export fails on a memory stream: %s", format_name, error->message);
  if (!g_output_stream_close (stream, NULL, &error))
    fuzz_fail ("cannot close a memory stream: %s", error->message);
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (stream));
}

/* The tokenization attribute when it is a string. */
static const char *
tokenization_of (GlossatorDocument *document)
{
  JsonObject *attributes = glossator_document_get_attributes (document);
  JsonNode *node = attributes != NULL ? json_object_get_member (attributes, GLOSSATOR_TOKENIZATION) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static void
compare_mentions (GlossatorDocument *full,
                  GlossatorDocument *lean)
{
  g_autoptr(GPtrArray) a = glossator_document_list_mentions (full);
  g_autoptr(GPtrArray) b = glossator_document_list_mentions (lean);
  const char *full_tokens = tokenization_of (full);
  const char *lean_tokens = tokenization_of (lean);

  if (a->len != b->len)
    fuzz_fail ("the mentions-only read has %u mentions, the full one %u", b->len, a->len);
  for (guint i = 0; i < a->len; i++)
    {
      const GlossatorMention *m = g_ptr_array_index (a, i), *q = g_ptr_array_index (b, i);

      if (strcmp (m->id, q->id) != 0 || strcmp (m->label, q->label) != 0 ||
          strcmp (m->entity_id, q->entity_id) != 0 || m->n_fragments != q->n_fragments)
        fuzz_fail ("mention %u: the mentions-only read has %s (%s, %s, %u fragments), the full one %s (%s, %s, %u)",
                   i, q->id, q->label, q->entity_id, q->n_fragments, m->id, m->label, m->entity_id,
                   m->n_fragments);
      for (guint f = 0; f < m->n_fragments; f++)
        if (m->fragments[f].start != q->fragments[f].start || m->fragments[f].end != q->fragments[f].end ||
            m->fragments[f].orphaned != q->fragments[f].orphaned)
          fuzz_fail ("mention %s fragment %u: the mentions-only read has %u–%u%s, the full one %u–%u%s", m->id, f,
                     q->fragments[f].start, q->fragments[f].end, q->fragments[f].orphaned ? " orphaned" : "",
                     m->fragments[f].start, m->fragments[f].end, m->fragments[f].orphaned ? " orphaned" : "");
    }
  /* The one document attribute token exports read. */
  if ((g_strcmp0 (full_tokens, "whitespace") == 0) != (g_strcmp0 (lean_tokens, "whitespace") == 0))
    fuzz_fail ("the mentions-only read has the tokenization as %s, the full one as %s",
               lean_tokens ? lean_tokens : "(none)", full_tokens ? full_tokens : "(none)");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlossatorText *text;
  g_autoptr(GlossatorDocument) lean = NULL;
  g_autoptr(GlossatorDocument) full = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lean_error = NULL;
  guint n_entities = 0, n_stances = 0;

  fuzz_init ();
  text = fuzz_article_text ();

  full = glossator_sidecar_parse (text, "fuzz.txt.annotations.json", (const char *) data, size, NULL, NULL, &error);
  lean = _glossator_sidecar_parse_mentions (text, "fuzz.txt.annotations.json", (const char *) data, size,
                                            &n_entities, &n_stances, NULL, &lean_error);
  /* Reading what the full reader refuses would export an invalid sidecar
   * as if it were valid; refusing what it reads would lose a document. */
  if ((lean == NULL) != (full == NULL))
    fuzz_fail ("the mentions-only read %s, the full one %s", lean != NULL ? "reads it" : lean_error->message,
               full != NULL ? "reads it" : error->message);
  if (full == NULL)
    {
      if (g_strcmp0 (lean_error->message, error->message) != 0 || lean_error->code != error->code)
        fuzz_fail ("the mentions-only read refuses it with %s, the full one with %s", lean_error->message,
                   error->message);
      return 0;
    }

  /* The counts the export reports. */
  if (n_entities != glossator_document_get_n_entities (full) || n_stances != glossator_document_get_n_stances (full))
    fuzz_fail ("the mentions-only read counted %u/%u entities/stances, the full reader %u/%u", n_entities, n_stances,
               glossator_document_get_n_entities (full), glossator_document_get_n_stances (full));
  /* jsonl copies an unmodified sidecar as it is. */
  if (glossator_document_get_modified (full) != glossator_document_get_modified (lean))
    fuzz_fail ("the mentions-only read is %smodified, the full one %smodified",
               glossator_document_get_modified (lean) ? "" : "not ", glossator_document_get_modified (full) ? "" : "not ");
  compare_mentions (full, lean);

  for (guint i = 0; i < G_N_ELEMENTS (mention_formats); i++)
    {
      g_autoptr(GBytes) from_full = export_one (mention_formats[i], full);
      g_autoptr(GBytes) from_lean = export_one (mention_formats[i], lean);

      if (!g_bytes_equal (from_full, from_lean))
        fuzz_fail ("the %s export of the mentions-only document differs from that of the full one:\n%.*s\n---\n%.*s",
                   mention_formats[i],
                   (int) MIN (g_bytes_get_size (from_lean), 2000), (const char *) g_bytes_get_data (from_lean, NULL),
                   (int) MIN (g_bytes_get_size (from_full), 2000), (const char *) g_bytes_get_data (from_full, NULL));
    }
  return 0;
}

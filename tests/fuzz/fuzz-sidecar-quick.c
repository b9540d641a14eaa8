/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <string.h>

#include "glossator-format-private.h"
#include "glossator-sidecar.h"
#include "fuzz-common.h"

/* The quick sidecar reader the export uses for an unchanged article
 * (_glossator_sidecar_quick_check() and _glossator_quick_document(), see
 * glossator-export.c) against the full reader: when both read a sidecar,
 * the mentions, the counts and every mentions-only export must be the
 * same; the quick reader may always decline and leave it to the full one,
 * and must decline whatever the full one refuses. */

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
                  GlossatorDocument *quick)
{
  g_autoptr(GPtrArray) a = glossator_document_list_mentions (full);
  g_autoptr(GPtrArray) b = glossator_document_list_mentions (quick);
  const char *full_tokens = tokenization_of (full);
  const char *quick_tokens = tokenization_of (quick);

  if (a->len != b->len)
    fuzz_fail ("the quick reader read %u mentions, the full one %u", b->len, a->len);
  for (guint i = 0; i < a->len; i++)
    {
      const GlossatorMention *m = g_ptr_array_index (a, i), *q = g_ptr_array_index (b, i);

      if (strcmp (m->id, q->id) != 0 || strcmp (m->label, q->label) != 0 ||
          strcmp (m->entity_id, q->entity_id) != 0 || m->n_fragments != q->n_fragments)
        fuzz_fail ("mention %u: the quick reader read %s (%s, %s, %u fragments), the full one %s (%s, %s, %u)",
                   i, q->id, q->label, q->entity_id, q->n_fragments, m->id, m->label, m->entity_id,
                   m->n_fragments);
      for (guint f = 0; f < m->n_fragments; f++)
        if (m->fragments[f].start != q->fragments[f].start || m->fragments[f].end != q->fragments[f].end ||
            m->fragments[f].orphaned != q->fragments[f].orphaned)
          fuzz_fail ("mention %s fragment %u: the quick reader read %u–%u%s, the full one %u–%u%s", m->id, f,
                     q->fragments[f].start, q->fragments[f].end, q->fragments[f].orphaned ? " orphaned" : "",
                     m->fragments[f].start, m->fragments[f].end, m->fragments[f].orphaned ? " orphaned" : "");
    }
  /* The one document attribute token exports read. */
  if ((g_strcmp0 (full_tokens, "whitespace") == 0) != (g_strcmp0 (quick_tokens, "whitespace") == 0))
    fuzz_fail ("the quick reader read the tokenization as %s, the full one as %s",
               quick_tokens ? quick_tokens : "(none)", full_tokens ? full_tokens : "(none)");
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GlossatorText *text;
  GlossatorQuickCheck check;
  g_autoptr(GlossatorDocument) quick = NULL;
  g_autoptr(GlossatorDocument) full = NULL;
  g_autoptr(GError) error = NULL;
  gboolean unchanged;

  fuzz_init ();
  text = fuzz_article_text ();

  /* The export only takes the quick path for the sidecar of an unchanged
   * article; the full reader decides everything else. */
  unchanged = _glossator_sidecar_quick_check ((const char *) data, size, &check) &&
              check.length == glossator_text_get_length (text) &&
              g_str_equal (check.sha256, glossator_text_get_sha256 (text));
  if (unchanged)
    quick = _glossator_quick_document (text, (const char *) data, &check);

  full = glossator_sidecar_parse (text, "fuzz.txt.annotations.json", (const char *) data, size, NULL, NULL, &error);
  /* jsonl copies a sidecar that passed the check as it is. */
  if (unchanged && full == NULL && error->code == GLOSSATOR_SIDECAR_ERROR_UNREADABLE)
    fuzz_fail ("the quick check passes what the full reader cannot read as JSON: %s", error->message);
  /* Declining is always allowed; reading what the full reader refuses
   * would export an invalid sidecar as if it were valid. */
  if (quick != NULL && full == NULL)
    fuzz_fail ("the quick reader reads what the full reader refuses: %s", error->message);
  if (quick == NULL || full == NULL)
    return 0;

  /* The counts the export reports for a quick document come from the
   * check, those of a full one from the document. */
  if (check.n_mentions != glossator_document_get_n_mentions (full) ||
      check.n_entities != glossator_document_get_n_entities (full) ||
      check.n_stances != glossator_document_get_n_stances (full))
    fuzz_fail ("the quick check counted %u/%u/%u mentions/entities/stances, the full reader %u/%u/%u",
               check.n_mentions, check.n_entities, check.n_stances, glossator_document_get_n_mentions (full),
               glossator_document_get_n_entities (full), glossator_document_get_n_stances (full));
  compare_mentions (full, quick);

  for (guint i = 0; i < G_N_ELEMENTS (mention_formats); i++)
    {
      g_autoptr(GBytes) from_full = export_one (mention_formats[i], full);
      g_autoptr(GBytes) from_quick = export_one (mention_formats[i], quick);

      if (!g_bytes_equal (from_full, from_quick))
        fuzz_fail ("the %s export of the quick document differs from that of the full one:\n%.*s\n---\n%.*s",
                   mention_formats[i],
                   (int) MIN (g_bytes_get_size (from_quick), 2000), (const char *) g_bytes_get_data (from_quick, NULL),
                   (int) MIN (g_bytes_get_size (from_full), 2000), (const char *) g_bytes_get_data (from_full, NULL));
    }
  return 0;
}

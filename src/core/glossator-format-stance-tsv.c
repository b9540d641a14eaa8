/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <pango/pango.h>
#include <string.h>

#include "glossator-format-private.h"

/* One stance per row, for stance datasets, in one of two layouts.
 *
 * "glossator" (default): a header row, then
 *
 *   document stance holder holder_label target target_type polarity
 *   intensity evidence evidence_offsets
 *
 * The article's author as holder is "(author)" with the label AUTHOR; an
 * unspecified holder or target is empty. Evidence spans are joined by a
 * space; their offsets are "START-END" in code points, joined by ";".
 *
 * "semeval": the file of SemEval-2016 Task 6 that its scorer (eval.pl)
 * reads: "ID<TAB>Target<TAB>Tweet<TAB>Stance", ids 1…N, stances FAVOR,
 * AGAINST and NONE. The tweet is the evidence, or the sentences holding
 * it. The scorer splits lines on LF and fields on TAB with no quoting, so
 * tabs and line breaks in the target and tweet become spaces there.
 *
 * Fields are quoted as Python's csv module writes them (QUOTE_MINIMAL,
 * doubled quotes): a field holding a tab, a quote, CR or LF is put in
 * quotes, with each quote doubled. csv.reader (delimiter '\t') and pandas
 * read every field back exactly; nothing else is escaped. */

static const GlossatorFormatOption stance_tsv_options[] = {
  { "layout", GLOSSATOR_FORMAT_OPTION_CHOICE, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    "glossator|semeval", "glossator", "glossator|semeval",
    N_("Columns to write: Glossator's, or SemEval-2016 Task 6 (ID, Target, Tweet, Stance)"),
    N_("Layout") },
  { "semeval-text", GLOSSATOR_FORMAT_OPTION_CHOICE, GLOSSATOR_FORMAT_SCOPE_EXPORT,
    "evidence|sentence", "evidence", "evidence|sentence",
    N_("SemEval layout: the tweet is the evidence, or the sentences that hold it"),
    N_("SemEval text") },
};

typedef struct {
  GlossatorExporter  parent;
  gboolean           semeval;
  gboolean           sentences; /* the tweet is the evidence's sentences */
  guint64            n_rows;    /* SemEval ids written so far */
} StanceTsvExporter;

static const char header[] = "document\tstance\tholder\tholder_label\ttarget\ttarget_type\tpolarity\t"
                             "intensity\tevidence\tevidence_offsets\n";
static const char semeval_header[] = "ID\tTarget\tTweet\tStance\n";

/* As Python's csv.writer with delimiter '\t' and QUOTE_MINIMAL. */
static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  if (value == NULL)
    value = "";
  if (strpbrk (value, "\t\"\r\n") == NULL)
    g_string_append (out, value);
  else
    {
      g_string_append_c (out, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  g_string_append_c (out, last ? '\n' : '\t');
}

/* For the SemEval scorer: a CRLF, CR, LF or tab becomes one space. */
static char *
one_line (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\r' && p[1] == '\n')
        p++;
      g_string_append_c (out, *p == '\r' || *p == '\n' || *p == '\t' ? ' ' : *p);
    }
  return g_string_free (out, FALSE);
}

static const char *
semeval_stance (const char *polarity)
{
  if (g_strcmp0 (polarity, "favor") == 0)
    return "FAVOR";
  if (g_strcmp0 (polarity, "against") == 0)
    return "AGAINST";
  return "NONE";
}

static gboolean
stance_tsv_begin (GlossatorExporter  *exporter,
                  GError            **error)
{
  StanceTsvExporter *self = (StanceTsvExporter *) exporter;

  self->semeval = g_strcmp0 (_glossator_exporter_get_option (exporter, "layout"), "semeval") == 0;
  self->sentences = g_strcmp0 (_glossator_exporter_get_option (exporter, "semeval-text"), "sentence") == 0;
  if (self->semeval)
    return _glossator_write_all (exporter->stream, semeval_header, sizeof semeval_header - 1, NULL, error);
  return _glossator_write_all (exporter->stream, header, sizeof header - 1, NULL, error);
}

/* The UAX #29 sentences (Pango's, @boundary[i] set where one starts)
 * holding the evidence spans, in text order, each once, without the white
 * space around them, joined by a space. */
static char *
evidence_sentences (GlossatorText   *text,
                    GlossatorStance *stance,
                    const gboolean  *boundary)
{
  g_autoptr(GString) out = g_string_new (NULL);
  guint length = glossator_text_get_length (text);

  for (guint start = 0, end; start < length; start = end)
    {
      gboolean holds = FALSE;

      for (end = start + 1; end < length && !boundary[end]; end++)
        ;
      for (guint e = 0; e < stance->n_evidence; e++)
        {
          const GlossatorSpan *span = &stance->evidence[e];

          /* An empty span is in the sentence it is at. */
          holds |= span->end > span->start ? span->start < end && span->end > start
                                           : span->start >= start && span->start < end;
        }
      if (holds)
        {
          g_autofree char *slice = glossator_text_slice (text, start, end);

          g_strstrip (slice);
          if (*slice != '\0' && out->len > 0)
            g_string_append_c (out, ' ');
          g_string_append (out, slice);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
render_semeval (StanceTsvExporter *self,
                GlossatorDocument *doc,
                GlossatorText     *text,
                GlossatorStance   *stance,
                GlossatorEntity   *target,
                const char        *evidence,
                const gboolean    *boundary,
                GlossatorRender   *render)
{
  GPtrArray *rows = render->format_data;
  g_autoptr(GString) row = g_string_new (NULL);
  g_autofree char *target_line = NULL;
  g_autofree char *tweet = NULL;

  if (stance->target_kind == GLOSSATOR_TARGET_ENTITY)
    target_line = one_line (target != NULL ? target->name : stance->target);
  else if (stance->target_kind == GLOSSATOR_TARGET_TOPIC)
    target_line = one_line (stance->target);
  else
    target_line = g_strdup ("");
  /* Without evidence the stance is the whole article's. */
  if (stance->n_evidence == 0)
    tweet = one_line (glossator_text_get_utf8 (text, NULL));
  else if (self->sentences)
    {
      g_autofree char *sentences = evidence_sentences (text, stance, boundary);

      tweet = one_line (sentences);
    }
  else
    tweet = one_line (evidence);

  if (g_strcmp0 (stance->polarity, "favor") != 0 && g_strcmp0 (stance->polarity, "against") != 0 &&
      g_strcmp0 (stance->polarity, "neutral") != 0 && g_strcmp0 (stance->polarity, "unclear") != 0)
    _glossator_render_warn (render, -1, _("stance %s: polarity “%s” written as NONE"),
                            stance->id, stance->polarity);

  /* The id is put before it when it is written, in export order. */
  append_field (row, target_line, FALSE);
  append_field (row, tweet, FALSE);
  append_field (row, semeval_stance (stance->polarity), TRUE);
  g_ptr_array_add (rows, g_string_free (g_steal_pointer (&row), FALSE));
}

static gboolean
stance_tsv_render (GlossatorExporter             *exporter,
                   const GlossatorExportDocument *document,
                   GlossatorRender               *render,
                   GError                       **error)
{
  StanceTsvExporter *self = (StanceTsvExporter *) exporter;
  GlossatorDocument *doc = document->document;
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (doc);
  g_autofree gboolean *boundary = NULL;
  GString *out = render->data;

  if (self->semeval)
    {
      render->format_data = g_ptr_array_new_with_free_func (g_free);
      render->free_format_data = (GDestroyNotify) g_ptr_array_unref;
    }
  if (self->semeval && self->sentences && stances->len > 0)
    {
      gsize n_bytes;
      const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
      guint length = glossator_text_get_length (text);
      g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, (gsize) length + 1);

      pango_default_break (utf8, (int) n_bytes, NULL, attrs, (int) length + 1);
      boundary = g_new0 (gboolean, (gsize) length + 1);
      for (guint i = 0; i <= length; i++)
        boundary[i] = attrs[i].is_sentence_boundary;
    }

  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = g_ptr_array_index (stances, i);
      g_autoptr(GString) evidence = g_string_new (NULL);
      g_autoptr(GString) offsets = g_string_new (NULL);
      g_autofree char *intensity = stance->intensity > 0 ? g_strdup_printf ("%u", stance->intensity) : NULL;
      GlossatorEntity *holder = NULL, *target = NULL;

      if (stance->holder_kind == GLOSSATOR_HOLDER_ENTITY)
        holder = glossator_document_get_entity (doc, stance->holder_entity);
      if (stance->target_kind == GLOSSATOR_TARGET_ENTITY)
        target = glossator_document_get_entity (doc, stance->target);

      for (guint e = 0; e < stance->n_evidence; e++)
        {
          g_autofree char *slice = glossator_text_slice (text, stance->evidence[e].start, stance->evidence[e].end);

          if (e > 0)
            {
              g_string_append_c (evidence, ' ');
              g_string_append_c (offsets, ';');
            }
          g_string_append (evidence, slice != NULL ? slice : "");
          g_string_append_printf (offsets, "%u-%u", stance->evidence[e].start, stance->evidence[e].end);
        }

      if (self->semeval)
        {
          render_semeval (self, doc, text, stance, target, evidence->str, boundary, render);
          continue;
        }

      append_field (out, document->id, FALSE);
      append_field (out, stance->id, FALSE);
      switch (stance->holder_kind)
        {
        case GLOSSATOR_HOLDER_ENTITY:
          append_field (out, holder != NULL ? holder->name : stance->holder_entity, FALSE);
          append_field (out, holder != NULL ? holder->label : "", FALSE);
          break;
        case GLOSSATOR_HOLDER_AUTHOR:
          append_field (out, "(author)", FALSE);
          append_field (out, "AUTHOR", FALSE);
          break;
        case GLOSSATOR_HOLDER_UNSPECIFIED:
        default:
          append_field (out, "", FALSE);
          append_field (out, "", FALSE);
          break;
        }
      switch (stance->target_kind)
        {
        case GLOSSATOR_TARGET_ENTITY:
          append_field (out, target != NULL ? target->name : stance->target, FALSE);
          append_field (out, "entity", FALSE);
          break;
        case GLOSSATOR_TARGET_TOPIC:
          append_field (out, stance->target, FALSE);
          append_field (out, "topic", FALSE);
          break;
        case GLOSSATOR_TARGET_UNSPECIFIED:
        default:
          append_field (out, "", FALSE);
          append_field (out, "", FALSE);
          break;
        }
      append_field (out, stance->polarity, FALSE);
      append_field (out, intensity, FALSE);
      append_field (out, evidence->str, FALSE);
      append_field (out, offsets->str, TRUE);
    }

  render->counts.n_stances_written = stances->len;
  return TRUE;
}

/* SemEval ids number the rows of the whole export, so they are given
 * here, in document order, rather than on the workers. */
static gboolean
stance_tsv_write (GlossatorExporter             *exporter,
                  const GlossatorExportDocument *document,
                  GlossatorRender               *render,
                  GCancellable                  *cancellable,
                  GError                       **error)
{
  StanceTsvExporter *self = (StanceTsvExporter *) exporter;
  GPtrArray *rows = render->format_data;
  GString *out = render->data;

  if (self->semeval)
    for (guint i = 0; i < rows->len; i++)
      g_string_append_printf (out, "%" G_GUINT64_FORMAT "\t%s", ++self->n_rows,
                              (const char *) g_ptr_array_index (rows, i));

  return _glossator_write_all (exporter->stream, out->str, out->len, cancellable, error);
}

const GlossatorFormat _glossator_format_stance_tsv = {
  .name = "stance-tsv",
  /* Translators: the name of a dataset format */
  .display_name = N_("Stance TSV"),
  .description = N_("Stances as TSV, one per row: document, holder, target, polarity, intensity "
                    "and evidence, quoted as Python's csv module reads them; or the SemEval-2016 "
                    "Task 6 layout"),
  .extension = ".tsv",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT,
  .options = stance_tsv_options,
  .n_options = G_N_ELEMENTS (stance_tsv_options),
  .exporter_size = sizeof (StanceTsvExporter),
  .begin = stance_tsv_begin,
  .render = stance_tsv_render,
  .write = stance_tsv_write,
};

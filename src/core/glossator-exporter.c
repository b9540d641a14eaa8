/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-exporter"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdarg.h>
#include <string.h>

#include "glossator-document-private.h"
#include "glossator-exporter-private.h"
#include "glossator-format-private.h"

/* Summaries */

void
glossator_export_summary_init (GlossatorExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  summary->extra_files = g_ptr_array_new_with_free_func (g_object_unref);
}

void
glossator_export_summary_clear (GlossatorExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_clear_pointer (&summary->extra_files, g_ptr_array_unref);
  g_clear_pointer (&summary->tags, g_strfreev);
}

guint
glossator_export_summary_count_skipped (const GlossatorExportSummary *summary)
{
  guint n = 0;

  g_return_val_if_fail (summary != NULL, 0);

  for (guint i = 0; i < GLOSSATOR_EXPORT_N_SKIP_REASONS; i++)
    n += summary->n_mentions_skipped[i];
  return n;
}

const char *
glossator_export_skip_reason_to_string (GlossatorExportSkipReason reason)
{
  switch (reason)
    {
    case GLOSSATOR_EXPORT_SKIP_NESTED:
      return _("nested");
    case GLOSSATOR_EXPORT_SKIP_OVERLAPPING:
      return _("overlapping");
    case GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS:
      return _("discontinuous");
    case GLOSSATOR_EXPORT_SKIP_EMPTY:
      return _("without a token");
    case GLOSSATOR_EXPORT_SKIP_ORPHANED:
      return _("orphaned");
    case GLOSSATOR_EXPORT_SKIP_LABEL:
      return _("label not chosen");
    case GLOSSATOR_EXPORT_SKIP_OTHER:
    case GLOSSATOR_EXPORT_N_SKIP_REASONS:
    default:
      return _("other");
    }
}

char *
glossator_export_summary_to_string (const GlossatorExportSummary *summary)
{
  GString *str;
  guint skipped;

  g_return_val_if_fail (summary != NULL, NULL);

  str = g_string_new (NULL);
  /* "name: count" reads right for any count, in any language. */
  g_string_append_printf (str, _("documents: %u; mentions written: %u of %u; entities: %u; stances written: %u of %u"),
                          summary->n_documents, summary->n_mentions_written, summary->n_mentions,
                          summary->n_entities, summary->n_stances_written, summary->n_stances);
  if (summary->n_tokens > 0)
    g_string_append_printf (str, _("; sentences: %u; tokens: %u (cut at a mention edge: %u)"),
                            summary->n_sentences, summary->n_tokens, summary->n_split_tokens);
  g_string_append_c (str, '\n');

  skipped = glossator_export_summary_count_skipped (summary);
  if (skipped > 0)
    {
      gboolean first = TRUE;

      g_string_append_printf (str, _("mentions not written: %u ("), skipped);
      for (guint i = 0; i < GLOSSATOR_EXPORT_N_SKIP_REASONS; i++)
        {
          if (summary->n_mentions_skipped[i] == 0)
            continue;
          g_string_append_printf (str, "%s%s: %u", first ? "" : ", ", glossator_export_skip_reason_to_string (i),
                                  summary->n_mentions_skipped[i]);
          first = FALSE;
        }
      g_string_append (str, ")\n");
    }
  if (summary->n_warnings > 0 || summary->n_errors > 0)
    g_string_append_printf (str, _("warnings: %u; documents not exported: %u\n"),
                            summary->n_warnings, summary->n_errors);

  return g_string_free (str, FALSE);
}

void
_glossator_summary_add (GlossatorExportSummary       *summary,
                        const GlossatorExportSummary *counts,
                        GPtrArray                    *problems)
{
  summary->n_documents += counts->n_documents;
  summary->n_mentions += counts->n_mentions;
  summary->n_mentions_written += counts->n_mentions_written;
  for (guint i = 0; i < GLOSSATOR_EXPORT_N_SKIP_REASONS; i++)
    summary->n_mentions_skipped[i] += counts->n_mentions_skipped[i];
  summary->n_entities += counts->n_entities;
  summary->n_stances += counts->n_stances;
  summary->n_stances_written += counts->n_stances_written;
  summary->n_sentences += counts->n_sentences;
  summary->n_tokens += counts->n_tokens;
  summary->n_split_tokens += counts->n_split_tokens;
  summary->n_warnings += counts->n_warnings;
  summary->n_errors += counts->n_errors;

  if (problems == NULL)
    return;
  for (guint i = 0; i < problems->len; i++)
    if (summary->problems->len < GLOSSATOR_EXPORT_MAX_PROBLEMS)
      g_ptr_array_add (summary->problems, g_steal_pointer (&problems->pdata[i]));
  g_ptr_array_set_size (problems, 0);
}

/* Rendering */

void
_glossator_render_init (GlossatorRender *render,
                        const char      *path)
{
  memset (render, 0, sizeof *render);
  render->data = g_string_new (NULL);
  render->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  render->path = path;
}

void
_glossator_render_clear (GlossatorRender *render)
{
  if (render->data != NULL)
    g_string_free (render->data, TRUE);
  render->data = NULL;
  g_clear_pointer (&render->problems, g_ptr_array_unref);
  if (render->free_format_data != NULL && render->format_data != NULL)
    render->free_format_data (render->format_data);
  render->format_data = NULL;
  render->last_problem = NULL;
  g_clear_pointer (&render->line_text, glossator_text_unref);
}

void
_glossator_render_warn (GlossatorRender *render,
                        int              reason,
                        const char      *format,
                        ...)
{
  GlossatorProblem *problem;
  va_list args;

  if (reason >= 0 && reason < GLOSSATOR_EXPORT_N_SKIP_REASONS)
    render->counts.n_mentions_skipped[reason]++;
  render->counts.n_warnings++;

  /* Choosing labels is not a problem; and a document can only add so much. */
  render->last_problem = NULL;
  if (reason == GLOSSATOR_EXPORT_SKIP_LABEL || render->problems->len >= GLOSSATOR_EXPORT_MAX_PROBLEMS)
    return;

  va_start (args, format);
  problem = glossator_problem_new_valist (GLOSSATOR_PROBLEM_WARNING, render->path, format, args);
  va_end (args);
  g_ptr_array_add (render->problems, problem);
  render->last_problem = problem;
}

/* Counts on from the last line asked for: warnings come roughly in text
 * order, and an article may be long. A lone CR ends a line too. */
static guint
line_of_offset (GlossatorRender *render,
                GlossatorText   *text,
                guint            offset)
{
  gsize n_bytes;
  const char *data = glossator_text_get_utf8 (text, &n_bytes);
  gsize byte = glossator_text_offset_to_byte (text, offset);

  if (render->line_text != text || byte < render->line_byte)
    {
      g_clear_pointer (&render->line_text, glossator_text_unref);
      render->line_text = glossator_text_ref (text);
      render->line_byte = 0;
      render->line = 1;
    }
  for (gsize i = render->line_byte; i < byte && i < n_bytes; i++)
    if (data[i] == '\n' || (data[i] == '\r' && (i + 1 >= n_bytes || data[i + 1] != '\n')))
      render->line++;
  render->line_byte = byte;

  return render->line;
}

/* Line breaks shown as \n: a message is one line. */
static char *
shown_quote (GlossatorMention *mention,
             GlossatorText    *text)
{
  g_autofree char *quote = _glossator_quote_mention (mention, text);

  return _glossator_shown_text (quote);
}

void
_glossator_render_explain (GlossatorRender  *render,
                           GlossatorMention *mention,
                           GlossatorMention *other,
                           GlossatorText    *text,
                           const char       *format)
{
  g_autofree char *quote = NULL, *who = NULL, *other_quote = NULL;
  guint start = mention->n_fragments > 0 ? mention->fragments[0].start : 0;

  if (render->last_problem == NULL)
    return;

  quote = shown_quote (mention, text);
  /* Translators: a mention in a message: its text, label and line */
  who = g_strdup_printf (_("“%s” (%s) at line %u"), quote, mention->label,
                         line_of_offset (render, text, MIN (start, glossator_text_get_length (text))));
  if (other != NULL)
    other_quote = shown_quote (other, text);
  g_free (render->last_problem->for_people);
  /* @format is one of the callers' literals (and its translation, which
   * msgfmt --check-format holds to the same conversions): one or two %s. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  render->last_problem->for_people = g_strdup_printf (format, who, other_quote);
#pragma GCC diagnostic pop
  render->last_problem = NULL;
}

void
_glossator_render_skip_discontinuous (GlossatorRender  *render,
                                      GlossatorMention *mention,
                                      GlossatorText    *text)
{
  g_autofree char *what = _glossator_describe_mention (mention, text);

  _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS,
                          _("mention %s not exported: discontinuous (%u fragments)"),
                          what, mention->n_fragments);
  _glossator_render_explain (render, mention, NULL, text,
                             _("%s: not exported, it is in more than one piece"));
}

char *
_glossator_quote_mention (GlossatorMention *mention,
                          GlossatorText    *text)
{
  g_autoptr(GString) quote = g_string_new (NULL);
  guint length = glossator_text_get_length (text), shown = 0;

  /* The fragments' text joined by a space as glossator_mention_dup_text
   * gives it, but only as much as is shown: a mention may span the whole
   * article, and one warning each for many such would copy it each time. */
  for (guint i = 0; i < mention->n_fragments && shown <= 40; i++)
    {
      const GlossatorSpan *f = &mention->fragments[i];

      if (i > 0)
        {
          g_string_append_c (quote, ' ');
          shown++;
        }
      if (f->start <= f->end && f->end <= length)
        {
          guint end = MIN (f->end, f->start + (41 - MIN (shown, 41)));
          g_autofree char *part = glossator_text_slice (text, f->start, end);

          g_string_append (quote, part);
          shown += end - f->start;
        }
    }
  if (shown > 40)
    {
      g_string_truncate (quote, g_utf8_offset_to_pointer (quote->str, 39) - quote->str);
      g_string_append (quote, "…");
    }
  return g_string_free (g_steal_pointer (&quote), FALSE);
}

char *
_glossator_describe_mention (GlossatorMention *mention,
                             GlossatorText    *text)
{
  g_autofree char *quote = _glossator_quote_mention (mention, text);

  return g_strdup_printf ("%s (%s “%s”)", mention->id, mention->label, quote);
}

char *
_glossator_shown_text (const char *str)
{
  GString *out = g_string_new (NULL);
  guint n = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p), n++)
    {
      gunichar c = g_utf8_get_char (p);

      if (n == 40)
        {
          g_string_append (out, "…");
          break;
        }
      if (c == '\n')
        g_string_append (out, "\\n");
      else if (c == '\r')
        g_string_append (out, "\\r");
      else if (c == '\t')
        g_string_append (out, "\\t");
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

GlossatorText *
_glossator_export_document_get_text (const GlossatorExportDocument *document)
{
  if (document->article != NULL)
    return glossator_article_get_text (document->article);
  return glossator_document_get_text (document->document);
}

/* Exporter */

GlossatorExporter *
glossator_exporter_new (const GlossatorFormat  *format,
                        GHashTable             *options,
                        GOutputStream          *stream,
                        GFile                  *output,
                        GError                **error)
{
  GlossatorExporter *self;

  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (output == NULL || G_IS_FILE (output), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!glossator_format_can_export (format))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_UNSUPPORTED,
                   _("the %s format cannot be exported to"), format->name);
      return NULL;
    }
  if (!glossator_format_check_options (format, GLOSSATOR_FORMAT_SCOPE_EXPORT, options, error))
    return NULL;
  if ((format->flags & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0 ? output == NULL : stream == NULL)
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                   (format->flags & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0
                     ? _("the %s format writes a folder: name one")
                     : _("the %s format writes a stream: give one"),
                   format->name);
      return NULL;
    }

  g_assert (format->exporter_size >= sizeof (GlossatorExporter));
  self = g_malloc0 (format->exporter_size);
  self->format = format;
  self->options = options != NULL ? g_hash_table_ref (options) : glossator_format_options_new ();
  self->stream = stream != NULL ? g_object_ref (stream) : NULL;
  self->output = output != NULL ? g_object_ref (output) : NULL;
  glossator_export_summary_init (&self->summary);

  if (format->begin != NULL && !format->begin (self, error))
    {
      glossator_exporter_free (self);
      return NULL;
    }

  return self;
}

const GlossatorFormat *
glossator_exporter_get_format (GlossatorExporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->format;
}

/* The parts of add_document, for the corpus driver to run render() on
 * workers. */
gboolean
_glossator_exporter_render (GlossatorExporter             *self,
                            const GlossatorExportDocument *document,
                            GlossatorRender               *render,
                            GError                       **error)
{
  render->counts.n_documents = 1;
  if (document->document != NULL && !render->counted)
    {
      render->counts.n_mentions = glossator_document_get_n_mentions (document->document);
      render->counts.n_entities = glossator_document_get_n_entities (document->document);
      render->counts.n_stances = glossator_document_get_n_stances (document->document);
    }
  return self->format->render (self, document, render, error);
}

gboolean
_glossator_exporter_write (GlossatorExporter             *self,
                           const GlossatorExportDocument *document,
                           GlossatorRender               *render,
                           GCancellable                  *cancellable,
                           GError                       **error)
{
  gboolean ok;

  if (self->format->write != NULL)
    ok = self->format->write (self, document, render, cancellable, error);
  else
    ok = _glossator_write_all (self->stream, render->data->str, render->data->len, cancellable, error);

  if (ok)
    _glossator_summary_add (&self->summary, &render->counts, render->problems);
  return ok;
}

gboolean
glossator_exporter_add_document (GlossatorExporter             *self,
                                 const GlossatorExportDocument *document,
                                 GCancellable                  *cancellable,
                                 GError                       **error)
{
  g_auto(GlossatorRender) render = { 0 };

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (document->id != NULL && document->path != NULL, FALSE);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document->document) ||
                        (document->document == NULL && document->sidecar != NULL &&
                         document->article != NULL && self->format->copies_sidecar), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  _glossator_render_init (&render, document->path);
  return _glossator_exporter_render (self, document, &render, error) &&
         _glossator_exporter_write (self, document, &render, cancellable, error);
}

gboolean
glossator_exporter_finish (GlossatorExporter  *self,
                           GCancellable       *cancellable,
                           GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->finished, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  self->finished = TRUE;
  if (self->format->end != NULL && !self->format->end (self, cancellable, error))
    return FALSE;
  if (self->stream != NULL)
    return g_output_stream_flush (self->stream, cancellable, error);
  return TRUE;
}

const GlossatorExportSummary *
glossator_exporter_get_summary (GlossatorExporter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return &self->summary;
}

void
glossator_exporter_free (GlossatorExporter *self)
{
  if (self == NULL)
    return;

  if (self->format->finalize != NULL)
    self->format->finalize (self);
  g_clear_pointer (&self->options, g_hash_table_unref);
  g_clear_object (&self->stream);
  g_clear_object (&self->output);
  glossator_export_summary_clear (&self->summary);
  g_free (self);
}

gboolean
_glossator_write_all (GOutputStream  *stream,
                      const char     *data,
                      gsize           n_bytes,
                      GCancellable   *cancellable,
                      GError        **error)
{
  if (n_bytes == 0)
    return TRUE;
  return g_output_stream_write_all (stream, data, n_bytes, NULL, cancellable, error);
}

gboolean
_glossator_write_file (GFile         *file,
                       const char    *data,
                       gsize          n_bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autoptr(GError) local_error = NULL;

  if (parent != NULL &&
      !g_file_make_directory_with_parents (parent, cancellable, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_file_replace_contents (file, data, n_bytes, NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, cancellable, error);
}

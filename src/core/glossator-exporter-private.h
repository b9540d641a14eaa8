/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-format.h"

G_BEGIN_DECLS

/* The exporter object and what formats' exporters share: rendering one
 * document, its problems and counts, and writing the output. */

/* What a format's exporter produces for one document. render() may run on
 * several worker threads at once (one document each); write() runs on one
 * thread, in document order. */
typedef struct {
  GString                *data;      /* appended to the stream by the default write() */
  GlossatorExportSummary  counts;    /* counts only; added to the exporter's summary */
  /* Mentions, entities and stances were counted from the sidecar (the
   * document, if any, holds only what the format reads). */
  gboolean                counted;
  GPtrArray              *problems;  /* GlossatorProblem* */
  const char             *path;      /* of the document, for problems */
  gpointer                format_data;
  GDestroyNotify          free_format_data;
  /* The problem the last _glossator_render_warn() kept, else NULL. */
  GlossatorProblem       *last_problem;
  /* Counting lines for _glossator_render_explain(): the line (from 1)
   * that the byte line_byte of line_text is on. */
  GlossatorText          *line_text;
  gsize                   line_byte;
  guint                   line;
} GlossatorRender;

struct _GlossatorExporter {
  const GlossatorFormat  *format;
  GHashTable             *options;
  GOutputStream          *stream;
  GFile                  *output;
  GlossatorExportSummary  summary;
  gboolean                finished;
};

/* add_document in two steps, for drivers running render on workers. */
gboolean    _glossator_exporter_render      (GlossatorExporter             *self,
                                             const GlossatorExportDocument *document,
                                             GlossatorRender               *render,
                                             GError                       **error);
gboolean    _glossator_exporter_write       (GlossatorExporter             *self,
                                             const GlossatorExportDocument *document,
                                             GlossatorRender               *render,
                                             GCancellable                  *cancellable,
                                             GError                       **error);

/* Rendering */

void        _glossator_render_init          (GlossatorRender   *render,
                                             const char        *path);
void        _glossator_render_clear         (GlossatorRender   *render);
/* Counts a warning; @reason < N_SKIP_REASONS also counts a skipped mention. */
void        _glossator_render_warn          (GlossatorRender   *render,
                                             int                reason,
                                             const char        *format,
                                             ...) G_GNUC_PRINTF (3, 4);
/* Gives the problem the last _glossator_render_warn() kept (if it kept
 * one) a message for people: @format with "“Putin” (PERSON) at line 12"
 * for its first %s and @other's text (nullable) for its second. */
void        _glossator_render_explain       (GlossatorRender   *render,
                                             GlossatorMention  *mention,
                                             GlossatorMention  *other,
                                             GlossatorText     *text,
                                             const char        *format);
/* Counts @mention, in more than one piece, as skipped, with a warning
 * and its message for people: for formats with one span a mention. */
void        _glossator_render_skip_discontinuous (GlossatorRender  *render,
                                                  GlossatorMention *mention,
                                                  GlossatorText    *text);
/* The mention's text for messages, as _glossator_describe_mention()
 * shows it: "Putin". */
char       *_glossator_quote_mention        (GlossatorMention  *mention,
                                             GlossatorText     *text);
/* "m3 (PERSON “Putin”)" for messages. */
char       *_glossator_describe_mention     (GlossatorMention  *mention,
                                             GlossatorText     *text);
/* @str for a message: at most 40 characters (then "…"), with line breaks
 * and tabs shown as \n, \r and \t. */
char       *_glossator_shown_text           (const char        *str);
/* Adds @counts to @summary, and moves @problems over (up to the cap). */
void        _glossator_summary_add          (GlossatorExportSummary *summary,
                                             const GlossatorExportSummary *counts,
                                             GPtrArray         *problems);
GlossatorText *_glossator_export_document_get_text (const GlossatorExportDocument *document);

/* Writes all of @data; errors name nothing. */
gboolean    _glossator_write_all            (GOutputStream     *stream,
                                             const char        *data,
                                             gsize              n_bytes,
                                             GCancellable      *cancellable,
                                             GError           **error);
/* Creates @file (and its folders), replacing it. */
gboolean    _glossator_write_file           (GFile             *file,
                                             const char        *data,
                                             gsize              n_bytes,
                                             GCancellable      *cancellable,
                                             GError           **error);

/* Runs @func on the thread iterating @context, for the reports of the
 * export and import drivers (glossator-export.c). g_main_context_invoke()
 * would run it right here when nobody owns the context at that moment. */
void        _glossator_run_in_context       (GMainContext      *context,
                                             GSourceFunc        func,
                                             gpointer           data,
                                             GDestroyNotify     destroy);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossatorRender, _glossator_render_clear)

G_END_DECLS

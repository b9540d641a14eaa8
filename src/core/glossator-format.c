/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "glossator-document-private.h"
#include "glossator-format-private.h"
#include "glossator-json-guard.h"
#include "glossator-text-private.h"

G_DEFINE_QUARK (glossator-format-error-quark, glossator_format_error)

/* The order of --help and of the dialogs. */
static const GlossatorFormat * const formats[] = {
  &_glossator_format_jsonl,
  &_glossator_format_conll,
  &_glossator_format_hf,
  &_glossator_format_brat,
  &_glossator_format_stance_tsv,
  &_glossator_format_doccano,
  &_glossator_format_label_studio,
};

const GlossatorFormat * const *
glossator_format_list (guint *n_formats)
{
  if (n_formats != NULL)
    *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

const GlossatorFormat *
glossator_format_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i]->name, name) == 0)
      return formats[i];

  return NULL;
}

const char *
glossator_format_get_name (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return format->name;
}

const char *
glossator_format_get_description (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return _(format->description);
}

const char *
glossator_format_get_extension (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return format->extension;
}

GlossatorFormatFlags
glossator_format_get_flags (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, 0);

  return format->flags;
}

gboolean
glossator_format_can_export (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  return (format->flags & GLOSSATOR_FORMAT_CAN_EXPORT) != 0;
}

gboolean
glossator_format_can_import (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  return (format->flags & GLOSSATOR_FORMAT_CAN_IMPORT) != 0;
}

const GlossatorFormatOption *
glossator_format_get_options (const GlossatorFormat *format,
                              guint                 *n_options)
{
  g_return_val_if_fail (format != NULL, NULL);

  if (n_options != NULL)
    *n_options = format->n_options;
  return format->options;
}

const GlossatorFormatOption *
glossator_format_find_option (const GlossatorFormat *format,
                              const char            *name)
{
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < format->n_options; i++)
    if (g_str_equal (format->options[i].name, name))
      return &format->options[i];

  return NULL;
}

/* Options */

GHashTable *
glossator_format_options_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
parse_boolean (const char *value,
               gboolean   *result)
{
  static const char * const yes[] = { "true", "yes", "1", "on" };
  static const char * const no[] = { "false", "no", "0", "off" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (value, yes[i]) == 0)
        {
          *result = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (value, no[i]) == 0)
        {
          *result = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_choice (const char *choices,
           const char *value)
{
  g_auto(GStrv) list = g_strsplit (choices, "|", -1);

  return g_strv_contains ((const char * const *) list, value);
}

gboolean
glossator_format_check_options (const GlossatorFormat  *format,
                                GlossatorFormatScope    scope,
                                GHashTable             *options,
                                GError                **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GlossatorFormatOption *option = glossator_format_find_option (format, key);
      gboolean flag;

      if (option == NULL || (option->scope & scope) == 0)
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                       _("the %s format has no %s option “%s”"), format->name,
                       scope == GLOSSATOR_FORMAT_SCOPE_IMPORT ? _("import") : _("export"),
                       (const char *) key);
          return FALSE;
        }

      switch (option->type)
        {
        case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
          if (!parse_boolean (value, &flag))
            {
              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                           _("option “%s” takes true or false, not “%s”"), option->name,
                           (const char *) value);
              return FALSE;
            }
          break;

        case GLOSSATOR_FORMAT_OPTION_CHOICE:
          if (!is_choice (option->choices, value))
            {
              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                           _("option “%s” takes one of %s, not “%s”"), option->name,
                           option->choices, (const char *) value);
              return FALSE;
            }
          break;

        case GLOSSATOR_FORMAT_OPTION_LIST:
          {
            g_auto(GStrv) items = g_strsplit (value, ",", -1);

            for (guint i = 0; items[i] != NULL; i++)
              if (*g_strstrip (items[i]) == '\0')
                {
                  g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                               _("option “%s” takes a comma-separated list without empty items"),
                               option->name);
                  return FALSE;
                }
          }
          break;

        case GLOSSATOR_FORMAT_OPTION_STRING:
        default:
          break;
        }
    }

  return format->check_options == NULL || format->check_options (options, scope, error);
}

const char *
_glossator_options_get (const GlossatorFormat *format,
                        GHashTable            *options,
                        const char            *name)
{
  const GlossatorFormatOption *option;
  const char *value = options != NULL ? g_hash_table_lookup (options, name) : NULL;

  if (value != NULL)
    return value;
  option = glossator_format_find_option (format, name);
  g_assert (option != NULL);
  return option->default_value;
}

gboolean
_glossator_options_get_boolean (const GlossatorFormat *format,
                                GHashTable            *options,
                                const char            *name)
{
  const char *value = _glossator_options_get (format, options, name);
  gboolean result = FALSE;

  if (value != NULL)
    parse_boolean (value, &result);
  return result;
}

GStrv
_glossator_options_get_list (const GlossatorFormat *format,
                             GHashTable            *options,
                             const char            *name)
{
  const char *value = _glossator_options_get (format, options, name);
  GStrv items;

  if (value == NULL)
    return NULL;
  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    g_strstrip (items[i]);
  return items;
}

GHashTable *
_glossator_options_get_set (const GlossatorFormat *format,
                            GHashTable            *options,
                            const char            *name)
{
  g_auto(GStrv) items = _glossator_options_get_list (format, options, name);
  GHashTable *set;

  if (items == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; items[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (items[i]));
  return set;
}

const char *
_glossator_exporter_get_option (GlossatorExporter *self,
                                const char        *name)
{
  return _glossator_options_get (self->format, self->options, name);
}

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
}

GlossatorProblem *
_glossator_problem_new (GlossatorProblemSeverity  severity,
                        const char               *path,
                        const char               *format,
                        ...)
{
  GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);
  va_list args;

  problem->severity = severity;
  problem->path = g_strdup (path);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  return problem;
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
  if (reason == GLOSSATOR_EXPORT_SKIP_LABEL || render->problems->len >= GLOSSATOR_EXPORT_MAX_PROBLEMS)
    return;

  problem = g_new0 (GlossatorProblem, 1);
  problem->severity = GLOSSATOR_PROBLEM_WARNING;
  problem->path = g_strdup (render->path);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (render->problems, problem);
}

char *
_glossator_describe_mention (GlossatorMention *mention,
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
  return g_strdup_printf ("%s (%s “%s”)", mention->id, mention->label, quote->str);
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

/* JSON and TSV */

void
_glossator_json_append_string (GString    *out,
                               const char *str,
                               gssize      len)
{
  const char *p, *end, *run;

  if (len < 0)
    len = strlen (str);
  end = str + len;

  g_string_append_c (out, '"');
  for (p = run = str; p < end; p++)
    {
      guchar c = (guchar) *p;
      const char *escape;
      char buffer[8];

      if (G_LIKELY (c >= 0x20 && c != '"' && c != '\\'))
        continue;

      g_string_append_len (out, run, p - run);
      run = p + 1;
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (buffer, sizeof buffer, "\\u%04x", c);
          escape = buffer;
          break;
        }
      g_string_append (out, escape);
    }
  g_string_append_len (out, run, p - run);
  g_string_append_c (out, '"');
}

void
_glossator_json_append_node (GString  *out,
                             JsonNode *node)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;
        gboolean first = TRUE;

        g_string_append_c (out, '{');
        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            if (!first)
              g_string_append_c (out, ',');
            first = FALSE;
            _glossator_json_append_string (out, name, -1);
            g_string_append_c (out, ':');
            _glossator_json_append_node (out, member);
          }
        g_string_append_c (out, '}');
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        g_string_append_c (out, '[');
        for (guint i = 0; i < n; i++)
          {
            if (i > 0)
              g_string_append_c (out, ',');
            _glossator_json_append_node (out, json_array_get_element (array, i));
          }
        g_string_append_c (out, ']');
      }
      break;

    case JSON_NODE_VALUE:
      switch (json_node_get_value_type (node))
        {
        case G_TYPE_INT64:
          g_string_append_printf (out, "%" G_GINT64_FORMAT, json_node_get_int (node));
          break;
        case G_TYPE_DOUBLE:
          {
            char buffer[G_ASCII_DTOSTR_BUF_SIZE];

            g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
          }
          break;
        case G_TYPE_BOOLEAN:
          g_string_append (out, json_node_get_boolean (node) ? "true" : "false");
          break;
        case G_TYPE_STRING:
          _glossator_json_append_string (out, json_node_get_string (node), -1);
          break;
        default:
          g_string_append (out, "null");
          break;
        }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (out, "null");
      break;
    }
}

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the string starting at @p (on its opening quote). Strings
 * are most of a sidecar: memchr() finds quotes fast, and a quote preceded
 * by an odd number of backslashes is escaped. */
static const char *
skip_json_string (const char *p,
                  const char *end)
{
  const char *start = ++p;

  while (p < end)
    {
      const char *quote = memchr (p, '"', end - p);
      const char *b;

      if (quote == NULL)
        return NULL;
      for (b = quote; b > start && b[-1] == '\\'; b--)
        ;
      if ((quote - b) % 2 == 0)
        return quote + 1;
      p = quote + 1;
    }
  return NULL;
}

/* Bytes skip_json_value() acts on: inside a container (1) the brackets
 * and quotes, and at the top (2) also what ends a bare value. Pretty-printed
 * sidecars are mostly indentation, which this skips a byte a step without
 * a branch for each kind. */
static const guint8 json_skip_stop[256] = {
  ['"'] = 3, ['{'] = 3, ['}'] = 3, ['['] = 3, [']'] = 3,
  [','] = 2, [' '] = 2, ['\t'] = 2, ['\n'] = 2, ['\r'] = 2,
};

/* The end of the value starting at @p (not on white space). */
static const char *
skip_json_value (const char *p,
                 const char *end)
{
  int depth = 0;

  while (p < end)
    {
      guint8 stop = depth > 0 ? 1 : 2;

      while (p < end && (json_skip_stop[(guchar) *p] & stop) == 0)
        p++;
      if (p >= end)
        break;
      switch (*p)
        {
        case '"':
          if ((p = skip_json_string (p, end)) == NULL)
            return NULL;
          if (depth == 0)
            return p;
          continue;
        case '{':
        case '[':
          depth++;
          break;
        case '}':
        case ']':
          /* At depth 0 this closes the container the value is in. */
          if (depth == 0)
            return p;
          if (--depth == 0)
            return p + 1;
          break;
        default:
          /* A comma or white space, at depth 0. */
          return p;
        }
      p++;
    }

  return depth == 0 ? p : NULL;
}

static void
append_compact_value (GString    *out,
                      const char *p,
                      const char *end)
{
  const char *run = p;

  while (p < end)
    {
      if (*p == '"')
        {
          p = skip_json_string (p, end);
          continue;
        }
      if (is_json_space (*p))
        {
          g_string_append_len (out, run, p - run);
          while (p < end && is_json_space (*p))
            p++;
          run = p;
          continue;
        }
      p++;
    }
  g_string_append_len (out, run, p - run);
}

static gboolean
key_is_one_of (const char         *key,
               gsize               len,
               const char * const *names)
{
  g_autofree char *decoded = NULL;

  if (names == NULL)
    return FALSE;

  /* Escapes in a member name are rare enough to take the slow way. */
  if (memchr (key, '\\', len) != NULL)
    {
      g_autofree char *literal = g_strndup (key - 1, len + 2);
      g_autoptr(JsonNode) node = json_from_string (literal, NULL);

      if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
        return FALSE;
      decoded = g_strdup (json_node_get_string (node));
      key = decoded;
      len = strlen (decoded);
    }

  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && memcmp (names[i], key, len) == 0)
      return TRUE;
  return FALSE;
}

gboolean
_glossator_json_append_compact (GString            *out,
                                const char         *data,
                                gsize               n_bytes,
                                const char * const *skip,
                                gboolean           *skipped)
{
  const char *p = data, *end = data + n_bytes;
  gsize start_len = out->len;
  gboolean first = TRUE;

  if (skipped != NULL)
    *skipped = FALSE;
  if (n_bytes >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && is_json_space (*p))
    p++;
  if (p >= end || *p != '{')
    return FALSE;
  p++;

  g_string_append_c (out, '{');
  for (;;)
    {
      const char *key, *key_end, *value, *value_end;

      while (p < end && (is_json_space (*p) || *p == ','))
        p++;
      if (p >= end)
        goto invalid;
      if (*p == '}')
        break;
      if (*p != '"' || (key_end = skip_json_string (p, end)) == NULL)
        goto invalid;
      key = p;
      p = key_end;
      while (p < end && is_json_space (*p))
        p++;
      if (p >= end || *p != ':')
        goto invalid;
      p++;
      while (p < end && is_json_space (*p))
        p++;
      value = p;
      if ((value_end = skip_json_value (p, end)) == NULL || value_end == value)
        goto invalid;
      p = value_end;

      if (key_is_one_of (key + 1, key_end - key - 2, skip))
        {
          if (skipped != NULL)
            *skipped = TRUE;
          continue;
        }
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      g_string_append_len (out, key, key_end - key);
      g_string_append_c (out, ':');
      append_compact_value (out, value, value_end);
    }
  g_string_append_c (out, '}');
  return TRUE;

invalid:
  g_string_truncate (out, start_len);
  return FALSE;
}

/* Whether @value (up to @end) is exactly the JSON text @expected. */
static gboolean
raw_equals (const char *value,
            const char *end,
            const char *expected)
{
  gsize n = strlen (expected);

  return (gsize) (end - value) == n && memcmp (value, expected, n) == 0;
}

static gboolean
quick_check_article (const char          *value,
                     const char          *end,
                     GlossatorQuickCheck *check)
{
  const char *a = value + 1;

  if (*value != '{')
    return FALSE;
  while (a < end)
    {
      const char *akey, *akey_end, *avalue, *aend;

      while (a < end && (is_json_space (*a) || *a == ','))
        a++;
      if (*a == '}')
        break;
      akey = a + 1;
      akey_end = skip_json_string (a, end) - 1;
      a = akey_end + 1;
      while (is_json_space (*a) || *a == ':')
        a++;
      avalue = a;
      a = aend = skip_json_value (a, end);
      if ((gsize) (akey_end - akey) == 6 && memcmp (akey, "sha256", 6) == 0 &&
          *avalue == '"' && aend - avalue == 66)
        memcpy (check->sha256, avalue + 1, 64);
      else if ((gsize) (akey_end - akey) == 6 && memcmp (akey, "length", 6) == 0 &&
               g_ascii_isdigit (*avalue) && aend - avalue < 12)
        {
          check->length = g_ascii_strtoull (avalue, NULL, 10);
          check->has_length = TRUE;
        }
    }
  return TRUE;
}

/* glossator_json_guard() first, which the full reader runs too: what it
 * refuses (a repeated member name, data after the object, nesting deeper
 * than the limit…) the loader reports. Then one walk over the top-level
 * object, member by member (arrays element by element, counting them). */
gboolean
_glossator_sidecar_quick_check (const char          *data,
                                gsize                n_bytes,
                                GlossatorQuickCheck *check)
{
  const char *p = data, *end = data + n_bytes;
  gboolean has_format = FALSE, has_version = FALSE;

  memset (check, 0, sizeof *check);
  if (!glossator_json_guard (data, n_bytes, NULL, NULL))
    return FALSE;
  if (n_bytes >= 3 && memcmp (p, "\xef\xbb\xbf", 3) == 0)
    p += 3;
  while (p < end && is_json_space (*p))
    p++;
  if (p >= end || *p != '{')
    return FALSE;

  /* The members that say what the sidecar is about. */
  for (p++;;)
    {
      const char *key, *key_end, *value;
      guint n_elements = 0;

      while (p < end && is_json_space (*p))
        p++;
      if (p >= end)
        return FALSE;
      /* An empty object is no sidecar; a '}' after a comma is no JSON. */
      if (*p == '}')
        return FALSE;
      if (*p != '"' || (key_end = skip_json_string (p, end)) == NULL)
        return FALSE;
      key = p + 1;
      p = key_end--;
      while (p < end && is_json_space (*p))
        p++;
      if (p >= end || *p != ':')
        return FALSE;
      p++;
      while (p < end && is_json_space (*p))
        p++;
      value = p;
      if (p < end && *p == '[')
        {
          /* skip_json_value() on the array, counting its elements. */
          for (p++;;)
            {
              while (p < end && is_json_space (*p))
                p++;
              if (p >= end)
                return FALSE;
              if (*p == ']' && n_elements == 0)
                break;
              if ((p = skip_json_value (p, end)) == NULL)
                return FALSE;
              n_elements++;
              while (p < end && is_json_space (*p))
                p++;
              if (p >= end)
                return FALSE;
              if (*p == ']')
                break;
              if (*p != ',')
                return FALSE;
              p++;
            }
          p++;
        }
      else if ((p = skip_json_value (p, end)) == NULL)
        return FALSE;

      if (memchr (key, '\\', key_end - key) != NULL)
        return FALSE;
#define KEY_IS(name) ((gsize) (key_end - key) == strlen (name) && memcmp (key, name, strlen (name)) == 0)
      if (KEY_IS ("format"))
        has_format = raw_equals (value, p, "\"" GLOSSATOR_SIDECAR_FORMAT "\"");
      else if (KEY_IS ("version"))
        has_version = raw_equals (value, p, "1");
      else if (KEY_IS ("offset_unit") && !raw_equals (value, p, "\"codepoint\""))
        return FALSE;
      else if (KEY_IS ("document"))
        {
          if (*value != '{')
            return FALSE;
          check->document_start = value - data;
          check->document_end = p - data;
        }
      else if (KEY_IS ("mentions") || KEY_IS ("entities") || KEY_IS ("stances"))
        {
          if (*value != '[')
            return FALSE;
          if (KEY_IS ("mentions"))
            {
              check->n_mentions = n_elements;
              check->mentions_start = value - data;
              check->mentions_end = p - data;
            }
          else if (KEY_IS ("entities"))
            {
              check->n_entities = n_elements;
              check->entities_start = value - data;
              check->entities_end = p - data;
            }
          else
            {
              check->n_stances = n_elements;
              check->stances_start = value - data;
              check->stances_end = p - data;
            }
        }
      else if (KEY_IS ("article"))
        {
          if (!quick_check_article (value, p, check))
            return FALSE;
          check->article_start = value - data;
          check->article_end = p - data;
        }
#undef KEY_IS

      while (p < end && is_json_space (*p))
        p++;
      if (p >= end)
        return FALSE;
      if (*p == '}')
        break;
      if (*p != ',')
        return FALSE;
      p++;
    }

  for (p++; p < end; p++)
    if (!is_json_space (*p))
      return FALSE;

  return has_format && has_version && check->sha256[0] != '\0' && check->has_length;
}

/* Sets @out to the value of the JSON string literal at [@p, @end) (quotes
 * included); FALSE for an escape that json-glib would read differently (a
 * lone surrogate was already refused by the validator). */
static gboolean
decode_json_string (GString    *out,
                    const char *p,
                    const char *end)
{
  const char *escape;

  g_assert (*p == '"' && end[-1] == '"');
  p++;
  end--;
  g_string_truncate (out, 0);
  escape = memchr (p, '\\', end - p);
  if (escape == NULL)
    {
      g_string_append_len (out, p, end - p);
      return TRUE;
    }

  g_string_append_len (out, p, escape - p);
  p = escape;
  while (p < end)
    {
      if (*p != '\\')
        {
          g_string_append_c (out, *p++);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'b': g_string_append_c (out, '\b'); break;
        case 'f': g_string_append_c (out, '\f'); break;
        case 'n': g_string_append_c (out, '\n'); break;
        case 'r': g_string_append_c (out, '\r'); break;
        case 't': g_string_append_c (out, '\t'); break;
        case 'u':
          {
            gunichar c = 0;

            for (guint i = 1; i <= 4; i++)
              c = c * 16 + g_ascii_xdigit_value (p[i]);
            p += 4;
            if (c >= 0xd800 && c <= 0xdbff)
              {
                gunichar low = 0;

                for (guint i = 3; i <= 6; i++)
                  low = low * 16 + g_ascii_xdigit_value (p[i]);
                c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                p += 6;
              }
            if (c == 0)
              return FALSE;
            g_string_append_unichar (out, c);
          }
          break;
        default:
          g_string_append_c (out, *p);
          break;
        }
      p++;
    }

  return TRUE;
}

/* Calls @func for each member of the object at @p (validated JSON, ending
 * before @end); returns the end of the object, NULL when @func fails or a
 * name has an escape. @func reads the value up to where it ends (before
 * @end), and returns that end, or NULL. */
typedef const char *(*MemberFunc) (const char *key,
                                   gsize       key_len,
                                   const char *value,
                                   const char *end,
                                   gpointer    user_data);

static const char *
for_each_member (const char *p,
                 const char *end,
                 MemberFunc  func,
                 gpointer    user_data)
{
  if (*p != '{')
    return NULL;
  for (p++; p < end; )
    {
      const char *key, *key_end, *value;

      while (p < end && (is_json_space (*p) || *p == ','))
        p++;
      if (p >= end)
        return NULL;
      if (*p == '}')
        return p + 1;
      key = p + 1;
      key_end = skip_json_string (p, end) - 1;
      p = key_end + 1;
      while (is_json_space (*p) || *p == ':')
        p++;
      value = p;
      /* Escaped names: leave it to the real parser. */
      if (memchr (key, '\\', key_end - key) != NULL || (p = func (key, key_end - key, value, end, user_data)) == NULL)
        return NULL;
    }
  return NULL;
}

static gboolean
key_is (const char *key,
        gsize       len,
        const char *name)
{
  return len == strlen (name) && memcmp (key, name, len) == 0;
}

static gboolean
read_uint (const char *value,
           const char *end,
           guint      *result)
{
  guint64 n = 0;

  if (value == end || end - value > 10)
    return FALSE;
  for (const char *p = value; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = n * 10 + (*p - '0');
    }
  if (n > G_MAXINT)
    return FALSE;
  *result = (guint) n;
  return TRUE;
}

/* What the quick reader checks, as the full one does
 * (glossator-sidecar-read.c): any member it would refuse makes the quick
 * reader decline, so the two never differ. */
typedef struct {
  GlossatorText *text;
  GString       *scratch;
  GHashTable    *entities;   /* ids, owned */
  GHashTable    *stances;
} QuickReader;

/* The value at @value as a string in @out; NULL when it is not one. */
static const char *
read_string (const char *value,
             const char *end,
             GString    *out)
{
  const char *value_end;

  if (*value != '"' || (value_end = skip_json_string (value, end)) == NULL ||
      !decode_json_string (out, value, value_end))
    return NULL;
  return value_end;
}

/* A string member the full reader reads: absent, or a string. */
static const char *
skip_string (const char *value,
             const char *end)
{
  return *value == '"' ? skip_json_string (value, end) : NULL;
}

/* "attributes": absent, or an object. */
static const char *
skip_object (const char *value,
             const char *end)
{
  return *value == '{' ? skip_json_value (value, end) : NULL;
}

typedef struct {
  QuickReader *reader;
  guint        start;
  guint        end;
  gboolean     has_start;
  gboolean     has_end;
  gboolean     orphaned;
  const char  *exact;      /* its JSON string, or NULL */
  const char  *exact_end;
} QuickSpan;

static const char *
span_member (const char *key,
             gsize       len,
             const char *value,
             const char *end,
             gpointer    user_data)
{
  QuickSpan *span = user_data;
  const char *value_end = skip_json_value (value, end);
  gboolean ok = TRUE;

  if (key_is (key, len, "start"))
    ok = span->has_start = read_uint (value, value_end, &span->start);
  else if (key_is (key, len, "end"))
    ok = span->has_end = read_uint (value, value_end, &span->end);
  else if (key_is (key, len, "orphaned"))
    {
      span->orphaned = raw_equals (value, value_end, "true");
      ok = span->orphaned || raw_equals (value, value_end, "false");
    }
  else if (key_is (key, len, "exact"))
    {
      ok = *value == '"';
      span->exact = value;
      span->exact_end = value_end;
    }
  else if (key_is (key, len, "prefix") || key_is (key, len, "suffix"))
    ok = *value == '"';
  return ok ? value_end : NULL;
}

/* Reads the span at @p; NULL unless the full reader takes it as it is
 * (the article has not changed: nothing is re-anchored). */
static const char *
read_span (QuickReader *reader,
           const char  *p,
           const char  *end,
           QuickSpan   *span)
{
  memset (span, 0, sizeof *span);
  span->reader = reader;
  if ((p = for_each_member (p, end, span_member, span)) == NULL ||
      !span->has_start || !span->has_end || span->start >= span->end ||
      span->end > glossator_text_get_length (reader->text))
    return NULL;
  if (span->exact != NULL && !span->orphaned &&
      (read_string (span->exact, span->exact_end, reader->scratch) == NULL ||
       !glossator_text_slice_equals (reader->text, span->start, span->end, reader->scratch->str)))
    return NULL;
  return p;
}

/* One mention's members; the strings and the array are reused from one
 * mention to the next. */
typedef struct {
  QuickReader *reader;
  GString     *id;
  GString     *label;
  GString     *entity;
  GArray      *spans;   /* QuickSpan */
  guint        seen;    /* QUICK_* */
} QuickMention;

enum {
  QUICK_ID = 1 << 0,
  QUICK_LABEL = 1 << 1,
  QUICK_ENTITY = 1 << 2,
  QUICK_FRAGMENTS = 1 << 3,
};

static const char *
mention_member (const char *key,
                gsize       len,
                const char *value,
                const char *end,
                gpointer    user_data)
{
  QuickMention *m = user_data;
  GString *field = NULL;
  guint bit = 0;

  if (key_is (key, len, "id"))
    field = m->id, bit = QUICK_ID;
  else if (key_is (key, len, "label"))
    field = m->label, bit = QUICK_LABEL;
  else if (key_is (key, len, "entity"))
    field = m->entity, bit = QUICK_ENTITY;
  if (field != NULL)
    {
      const char *value_end;

      if ((m->seen & bit) != 0 || (value_end = read_string (value, end, field)) == NULL)
        return NULL;
      m->seen |= bit;
      return field->len > 0 ? value_end : NULL;
    }
  if (key_is (key, len, "fragments"))
    {
      /* Read as it is walked: each fragment once. */
      const char *p = value + 1;

      if (*value != '[' || (m->seen & QUICK_FRAGMENTS) != 0)
        return NULL;
      m->seen |= QUICK_FRAGMENTS;
      for (;;)
        {
          QuickSpan span;

          while (p < end && (is_json_space (*p) || *p == ','))
            p++;
          if (p >= end)
            return NULL;
          if (*p == ']')
            return p + 1;
          if ((p = read_span (m->reader, p, end, &span)) == NULL)
            return NULL;
          g_array_append_val (m->spans, span);
        }
    }
  if (key_is (key, len, "note"))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return skip_json_value (value, end);
}

/* An id that is a non-empty string not in @ids yet; NULL declines. */
static const char *
read_new_id (QuickReader *reader,
             const char  *value,
             const char  *end,
             GHashTable  *ids,
             guint       *seen)
{
  const char *value_end = read_string (value, end, reader->scratch);

  if (value_end == NULL || reader->scratch->len == 0 || g_hash_table_contains (ids, reader->scratch->str))
    return NULL;
  g_hash_table_add (ids, g_strdup (reader->scratch->str));
  *seen |= QUICK_ID;
  return value_end;
}

typedef struct {
  QuickReader *reader;
  guint        seen;
} QuickEntity;

static const char *
entity_member (const char *key,
               gsize       len,
               const char *value,
               const char *end,
               gpointer    user_data)
{
  QuickEntity *e = user_data;
  QuickReader *reader = e->reader;

  if (key_is (key, len, "id"))
    return read_new_id (reader, value, end, reader->entities, &e->seen);
  if (key_is (key, len, "name") || key_is (key, len, "label") || key_is (key, len, "kb_id") ||
      key_is (key, len, "note"))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return skip_json_value (value, end);
}

typedef struct {
  const char *type, *type_end;
  const char *entity, *entity_end;
  const char *topic, *topic_end;
} QuickParty;

static const char *
party_member (const char *key,
              gsize       len,
              const char *value,
              const char *end,
              gpointer    user_data)
{
  QuickParty *party = user_data;
  const char *value_end = skip_json_value (value, end);

  if (key_is (key, len, "type"))
    party->type = value, party->type_end = value_end;
  else if (key_is (key, len, "entity"))
    party->entity = value, party->entity_end = value_end;
  else if (key_is (key, len, "topic"))
    party->topic = value, party->topic_end = value_end;
  return value_end;
}

static const char *
read_party (QuickReader *reader,
            const char  *value,
            const char  *end,
            gboolean     holder)
{
  QuickParty party = { 0 };
  const char *p = for_each_member (value, end, party_member, &party);
  GString *scratch = reader->scratch;
  guint kind;

  if (p == NULL || party.type == NULL || read_string (party.type, party.type_end, scratch) == NULL ||
      !(holder ? glossator_holder_kind_from_string (scratch->str, (GlossatorHolderKind *) &kind)
               : glossator_target_kind_from_string (scratch->str, (GlossatorTargetKind *) &kind)))
    return NULL;
  if (g_str_equal (scratch->str, "entity"))
    return party.entity != NULL && read_string (party.entity, party.entity_end, scratch) != NULL &&
           scratch->len > 0 && g_hash_table_contains (reader->entities, scratch->str) ? p : NULL;
  if (g_str_equal (scratch->str, "topic"))
    return party.topic != NULL && read_string (party.topic, party.topic_end, scratch) != NULL &&
           scratch->len > 0 ? p : NULL;
  return p;
}

enum {
  QUICK_HOLDER = 1 << 4,
  QUICK_TARGET = 1 << 5,
  QUICK_POLARITY = 1 << 6,
};

typedef struct {
  QuickReader *reader;
  guint        seen;
} QuickStance;

static const char *
stance_member (const char *key,
               gsize       len,
               const char *value,
               const char *end,
               gpointer    user_data)
{
  QuickStance *st = user_data;
  QuickReader *reader = st->reader;
  const char *value_end;

  if (key_is (key, len, "id"))
    return read_new_id (reader, value, end, reader->stances, &st->seen);
  if (key_is (key, len, "polarity"))
    {
      if ((value_end = read_string (value, end, reader->scratch)) == NULL || reader->scratch->len == 0)
        return NULL;
      st->seen |= QUICK_POLARITY;
      return value_end;
    }
  if (key_is (key, len, "holder") || key_is (key, len, "target"))
    {
      st->seen |= key_is (key, len, "holder") ? QUICK_HOLDER : QUICK_TARGET;
      return read_party (reader, value, end, key_is (key, len, "holder"));
    }
  if (key_is (key, len, "intensity"))
    {
      guint intensity;

      value_end = skip_json_value (value, end);
      return read_uint (value, value_end, &intensity) && intensity >= 1 && intensity <= 3 ? value_end : NULL;
    }
  if (key_is (key, len, "evidence"))
    {
      const char *p = value + 1;

      if (*value != '[')
        return NULL;
      for (;;)
        {
          QuickSpan span;

          while (p < end && (is_json_space (*p) || *p == ','))
            p++;
          if (p >= end)
            return NULL;
          if (*p == ']')
            return p + 1;
          if ((p = read_span (reader, p, end, &span)) == NULL)
            return NULL;
        }
    }
  if (key_is (key, len, "note"))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return skip_json_value (value, end);
}

static const char *
article_member (const char *key,
                gsize       len,
                const char *value,
                const char *end,
                gpointer    user_data)
{
  QuickReader *reader = user_data;
  const char *value_end = skip_json_value (value, end);
  GlossatorNewline newline;

  /* sha256 and length were compared with the text's. */
  if (key_is (key, len, "file"))
    return *value == '"' ? value_end : NULL;
  if (key_is (key, len, "bom"))
    return raw_equals (value, value_end, "true") || raw_equals (value, value_end, "false") ? value_end : NULL;
  if (key_is (key, len, "newline"))
    return read_string (value, end, reader->scratch) != NULL &&
           glossator_newline_from_string (reader->scratch->str, &newline) ? value_end : NULL;
  return value_end;
}

static const char *
attribute_member (const char *key,
                  gsize       len,
                  const char *value,
                  const char *end,
                  gpointer    user_data)
{
  gboolean *whitespace = user_data;
  const char *value_end = skip_json_value (value, end);

  if (key_is (key, len, GLOSSATOR_TOKENIZATION))
    *whitespace = raw_equals (value, value_end, "\"whitespace\"");
  return value_end;
}

typedef struct {
  QuickReader *reader;
  gboolean     whitespace;
} QuickDocumentInfo;

/* Of the document attributes, only the tokenization matters to exports. */
static const char *
document_member (const char *key,
                 gsize       len,
                 const char *value,
                 const char *end,
                 gpointer    user_data)
{
  QuickDocumentInfo *info = user_data;
  GlossatorStatus status;

  if (key_is (key, len, "attributes"))
    return *value == '{' ? for_each_member (value, end, attribute_member, &info->whitespace) : NULL;
  if (key_is (key, len, "status"))
    {
      const char *value_end = read_string (value, end, info->reader->scratch);

      return value_end != NULL && glossator_status_from_string (info->reader->scratch->str, &status)
        ? value_end : NULL;
    }
  if (key_is (key, len, "annotator") || key_is (key, len, "notes") || key_is (key, len, "created") ||
      key_is (key, len, "modified"))
    return skip_string (value, end);
  return skip_json_value (value, end);
}

/* Calls @func on each object of the array at [@start, @end); FALSE when
 * one fails or is not an object. */
static gboolean
for_each_element (const char *start,
                  const char *end,
                  MemberFunc  func,
                  gpointer    user_data,
                  guint      *required_seen,
                  guint       required)
{
  const char *p = start + 1;

  for (;;)
    {
      while (p < end && (is_json_space (*p) || *p == ','))
        p++;
      if (p >= end)
        return FALSE;
      if (*p == ']')
        return TRUE;
      *required_seen = 0;
      if ((p = for_each_member (p, end, func, user_data)) == NULL || (*required_seen & required) != required)
        return FALSE;
    }
}

static void
quick_mention_clear (QuickMention *m)
{
  if (m->id != NULL)
    {
      g_string_free (m->id, TRUE);
      g_string_free (m->label, TRUE);
      g_string_free (m->entity, TRUE);
      g_array_unref (m->spans);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuickMention, quick_mention_clear)

static void
quick_reader_clear (QuickReader *reader)
{
  g_clear_pointer (&reader->entities, g_hash_table_unref);
  g_clear_pointer (&reader->stances, g_hash_table_unref);
  if (reader->scratch != NULL)
    g_string_free (g_steal_pointer (&reader->scratch), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuickReader, quick_reader_clear)

/* Everything but the mentions, which are read as they are checked. */
static gboolean
quick_check_all_but_mentions (QuickReader               *reader,
                              const char                *data,
                              const GlossatorQuickCheck *check,
                              gboolean                  *whitespace)
{
  QuickDocumentInfo info = { reader, FALSE };
  QuickEntity entity = { reader, 0 };
  QuickStance stance = { reader, 0 };

  if (for_each_member (data + check->article_start, data + check->article_end, article_member, reader) == NULL)
    return FALSE;
  if (check->document_end > 0 &&
      for_each_member (data + check->document_start, data + check->document_end, document_member, &info) == NULL)
    return FALSE;
  *whitespace = info.whitespace;
  if (check->entities_end > 0 &&
      !for_each_element (data + check->entities_start, data + check->entities_end, entity_member, &entity,
                         &entity.seen, QUICK_ID))
    return FALSE;
  return check->stances_end == 0 ||
         for_each_element (data + check->stances_start, data + check->stances_end, stance_member, &stance,
                           &stance.seen, QUICK_ID | QUICK_POLARITY | QUICK_HOLDER | QUICK_TARGET);
}

/* Checks the sidecar as the full reader would, and puts its mentions in
 * @document unless it is NULL. */
static gboolean
quick_read (GlossatorText             *text,
            const char                *data,
            const GlossatorQuickCheck *check,
            GlossatorDocument         *document)
{
  g_auto(QuickReader) reader = { 0 };
  g_auto(QuickMention) m = { 0 };
  g_autoptr(GHashTable) mention_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p, *mentions_end = data + check->mentions_end;
  guint length = glossator_text_get_length (text);
  gboolean whitespace = FALSE;

  reader.text = text;
  reader.scratch = g_string_new (NULL);
  reader.entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.stances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!quick_check_all_but_mentions (&reader, data, check, &whitespace))
    return FALSE;

  if (document != NULL && whitespace)
    {
      g_autoptr(JsonObject) attributes = json_object_new ();

      json_object_set_string_member (attributes, GLOSSATOR_TOKENIZATION, "whitespace");
      glossator_document_set_attributes (document, attributes);
    }

  m.reader = &reader;
  m.id = g_string_new (NULL);
  m.label = g_string_new (NULL);
  m.entity = g_string_new (NULL);
  m.spans = g_array_new (FALSE, FALSE, sizeof (QuickSpan));
  for (p = check->mentions_end > 0 ? data + check->mentions_start + 1 : NULL; p != NULL && p < mentions_end; )
    {
      g_autoptr(GlossatorMention) mention = NULL;
      const char *next;
      gboolean ok;
      guint last_end = 0;

      while (p < mentions_end && (is_json_space (*p) || *p == ','))
        p++;
      if (p >= mentions_end || *p == ']')
        break;
      m.seen = 0;
      g_array_set_size (m.spans, 0);
      next = for_each_member (p, mentions_end, mention_member, &m);
      /* A repeated id is left to the loader, which reports it. */
      ok = next != NULL && (m.seen & (QUICK_ID | QUICK_LABEL | QUICK_ENTITY)) == (QUICK_ID | QUICK_LABEL | QUICK_ENTITY) &&
           m.spans->len > 0 && !g_hash_table_contains (mention_ids, m.id->str) &&
           g_hash_table_contains (reader.entities, m.entity->str);
      /* Fragments as the sidecar loader wants them: sorted, apart, in the text. */
      for (guint i = 0; ok && i < m.spans->len; i++)
        {
          const QuickSpan *span = &g_array_index (m.spans, QuickSpan, i);

          ok = span->start < span->end && span->end <= length && (i == 0 || span->start >= last_end);
          last_end = span->end;
        }
      if (!ok)
        return FALSE;
      g_hash_table_add (mention_ids, g_strdup (m.id->str));

      if (document != NULL)
        {
          mention = glossator_mention_new (m.id->str, m.label->str, m.entity->str);
          for (guint i = 0; i < m.spans->len; i++)
            {
              const QuickSpan *span = &g_array_index (m.spans, QuickSpan, i);

              glossator_mention_add_fragment (mention, span->start, span->end)->orphaned = span->orphaned;
            }
          glossator_document_put_mention (document, mention);
        }
      p = next;
    }

  return TRUE;
}

gboolean
_glossator_quick_validate (GlossatorText             *text,
                           const char                *data,
                           const GlossatorQuickCheck *check)
{
  return quick_read (text, data, check, NULL);
}

GlossatorDocument *
_glossator_quick_document (GlossatorText             *text,
                           const char                *data,
                           const GlossatorQuickCheck *check)
{
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  gboolean ok;

  _glossator_document_begin_load (document);
  ok = quick_read (text, data, check, document);
  _glossator_document_end_load (document);

  return ok ? g_steal_pointer (&document) : NULL;
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

/* Tokens and sentences */

gboolean
_glossator_is_token_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x0b || c == 0x85 || (c >= 0x1c && c <= 0x1f);
}

enum {
  FLAG_CUT = 1 << 0,         /* a token may start or end here */
  FLAG_SENTENCE = 1 << 1,    /* a sentence starts here */
  FLAG_INSIDE = 1 << 2,      /* strictly inside a kept mention */
  FLAG_WORD = 1 << 3,        /* a word boundary (for the whitespace tokens: after white space) */
};

static int
compare_outermost (gconstpointer a,
                   gconstpointer b)
{
  const GlossatorMention *ma = *(GlossatorMention * const *) a;
  const GlossatorMention *mb = *(GlossatorMention * const *) b;
  guint sa = glossator_mention_get_start (ma), sb = glossator_mention_get_start (mb);
  guint ea = glossator_mention_get_end (ma), eb = glossator_mention_get_end (mb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return glossator_id_compare (ma->id, mb->id);
}

static int
compare_innermost (gconstpointer a,
                   gconstpointer b)
{
  const GlossatorMention *ma = *(GlossatorMention * const *) a;
  const GlossatorMention *mb = *(GlossatorMention * const *) b;
  guint sa = glossator_mention_get_start (ma), sb = glossator_mention_get_start (mb);
  guint ea = glossator_mention_get_end (ma), eb = glossator_mention_get_end (mb);

  if (ea != eb)
    return ea < eb ? -1 : 1;
  if (sa != sb)
    return sa > sb ? -1 : 1;
  return glossator_id_compare (ma->id, mb->id);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  return glossator_mention_compare (*(GlossatorMention * const *) a, *(GlossatorMention * const *) b);
}

static char *
tag_label (const char *label)
{
  GString *str;

  /* Most labels are ASCII without white space: copied as they are. */
  for (const char *p = label; ; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\0')
        return p == label ? g_strdup ("_") : g_strdup (label);
      if (c >= 0x80 || c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
        break;
    }

  str = g_string_new (NULL);
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c))
        g_string_append_c (str, '_');
      else
        g_string_append_unichar (str, c);
    }
  if (str->len == 0)
    g_string_append_c (str, '_');
  return g_string_free (str, FALSE);
}

/* The mentions a token format can show: one layer, contiguous. */
static GPtrArray *
choose_mentions (GlossatorExporter *self,
                 GlossatorText     *text,
                 GlossatorDocument *document,
                 GlossatorRender   *render)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GHashTable) labels = _glossator_options_get_set (self->format, self->options, "labels");
  const char *nested = _glossator_exporter_get_option (self, "nested");
  gboolean innermost = g_strcmp0 (nested, "innermost") == 0;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  GlossatorMention *last = NULL;
  guint last_end = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *what = NULL;

      if (labels != NULL && !g_hash_table_contains (labels, mention->label))
        {
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_LABEL, "%s", mention->label);
          continue;
        }
      if (glossator_mention_is_orphaned (mention))
        {
          what = _glossator_describe_mention (mention, text);
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_ORPHANED,
                                  _("mention %s not exported: orphaned since the text changed"), what);
          continue;
        }
      if (mention->n_fragments > 1)
        {
          what = _glossator_describe_mention (mention, text);
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS,
                                  _("mention %s not exported: discontinuous (%u fragments)"),
                                  what, mention->n_fragments);
          continue;
        }
      g_ptr_array_add (candidates, mention);
    }

  g_ptr_array_sort (candidates, innermost ? compare_innermost : compare_outermost);
  for (guint i = 0; i < candidates->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (candidates, i);
      guint start = glossator_mention_get_start (mention);
      guint end = glossator_mention_get_end (mention);

      if (last == NULL || start >= last_end)
        {
          g_ptr_array_add (kept, glossator_mention_ref (mention));
          last = mention;
          last_end = end;
          continue;
        }

      {
        g_autofree char *what = _glossator_describe_mention (mention, text);
        guint last_start = glossator_mention_get_start (last);
        gboolean inside = start >= last_start && end <= last_end;
        gboolean around = start <= last_start && end >= last_end;

        if (!innermost && inside)
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_NESTED,
                                  _("mention %s not exported: nested inside %s (outermost kept)"),
                                  what, last->id);
        else if (innermost && around)
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_NESTED,
                                  _("mention %s not exported: contains %s (innermost kept)"),
                                  what, last->id);
        else
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_OVERLAPPING,
                                  _("mention %s not exported: overlaps %s"), what, last->id);
      }
    }

  if (innermost)
    g_ptr_array_sort (kept, compare_by_start);
  return kept;
}

/* Set by the importers of token formats (see the header). */
static gboolean
whitespace_tokens (GlossatorDocument *document)
{
  JsonObject *attributes = glossator_document_get_attributes (document);

  return g_strcmp0 (_glossator_json_string_member (attributes, GLOSSATOR_TOKENIZATION), "whitespace") == 0;
}

/* Whether @c (a code point of the text) may not be in a token: ASCII
 * inline, the rest as _glossator_is_token_space(). */
static inline gboolean
is_token_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return _glossator_is_token_space (c);
}

/* The word and sentence boundaries of Pango's default break. The script
 * tailoring pango_get_log_attrs() adds (Arabic, Indic, Thai) moves only
 * cursor positions, line breaks and word starts and ends, never these, and
 * skipping it (with its script itemization) saves a sixth of the cost. */
static void
find_uax29_boundaries (GlossatorText *text,
                       guint8        *flags,
                       guint8         word_flag,
                       guint8         sentence_flag)
{
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  guint length = glossator_text_get_length (text);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, (gsize) length + 1);

  pango_default_break (utf8, (int) n_bytes, NULL, attrs, (int) length + 1);
  for (guint i = 0; i <= length; i++)
    flags[i] = (attrs[i].is_word_boundary ? word_flag : 0) |
               (attrs[i].is_sentence_boundary ? sentence_flag : 0);
}

void
_glossator_tokenize (GlossatorExporter  *self,
                     GlossatorText      *text,
                     GlossatorDocument  *document,
                     GlossatorRender    *render,
                     GlossatorTokenized *out)
{
  g_autoptr(GPtrArray) kept = choose_mentions (self, text, document, render);
  g_autofree guint8 *flags = NULL;
  g_autofree guint *n_tokens_of = NULL;
  g_autofree guint *kept_starts = NULL;
  g_autofree guint *kept_ends = NULL;
  g_autofree int *remap = NULL;
  const guchar *utf8, *p;
  gsize n_bytes;
  guint length = glossator_text_get_length (text);
  guint sentence_first = 0;
  guint n_tokens = 0;
  int token_start = -1;
  gsize token_byte = 0;
  guint m = 0;
  int n_kept = 0;
  GlossatorToken *tokens;

  memset (out, 0, sizeof *out);
  /* About one token in five code points: grown by hand, no call a token. */
  out->tokens = g_array_sized_new (FALSE, FALSE, sizeof (GlossatorToken), length / 4 + 16);
  g_array_set_size (out->tokens, length / 4 + 16);
  tokens = (GlossatorToken *) (gpointer) out->tokens->data;
  out->sentences = g_array_new (FALSE, FALSE, sizeof (GlossatorSentence));
  out->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  out->tags = g_ptr_array_new_with_free_func (g_free);

  utf8 = (const guchar *) glossator_text_get_utf8 (text, &n_bytes);
  flags = g_malloc (length + 1);

  if (whitespace_tokens (document))
    {
      /* Tokens as they were imported: white space separates them, a line
       * is a sentence. */
      gboolean previous_space = TRUE;
      gunichar previous = '\n';

      p = utf8;
      for (guint i = 0; i < length; i++)
        {
          gunichar c = *p < 0x80 ? *p : g_utf8_get_char ((const char *) p);
          gboolean space = is_token_space (c);

          flags[i] = (space != previous_space ? FLAG_CUT : 0) |
                     (previous == '\n' ? FLAG_SENTENCE : 0) |
                     (previous_space ? FLAG_WORD : 0);
          previous_space = space;
          previous = c;
          p = (const guchar *) g_utf8_next_char (p);
        }
      flags[length] = FLAG_CUT | FLAG_SENTENCE | FLAG_WORD;
    }
  else
    find_uax29_boundaries (text, flags, FLAG_WORD | FLAG_CUT, FLAG_SENTENCE);

  kept_starts = g_new (guint, kept->len + 1);
  kept_ends = g_new (guint, kept->len + 1);
  for (guint k = 0; k < kept->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (kept, k);
      guint start = mention->fragments[0].start, end = mention->fragments[0].end;

      kept_starts[k] = start;
      kept_ends[k] = end;
      flags[start] |= FLAG_CUT;
      flags[end] |= FLAG_CUT;
      for (guint i = start + 1; i < end; i++)
        flags[i] |= FLAG_INSIDE;
    }

  /* Sentences never start inside a mention kept, so no mention is cut in two. */
#define CLOSE_TOKEN(at, at_byte) \
  G_STMT_START { \
    if (token_start >= 0) \
      { \
        if (G_UNLIKELY (n_tokens == out->tokens->len)) \
          { \
            g_array_set_size (out->tokens, n_tokens * 2); \
            tokens = (GlossatorToken *) (gpointer) out->tokens->data; \
          } \
        tokens[n_tokens++] = (GlossatorToken) { (guint) token_start, (at), token_byte, (at_byte), -1, FALSE }; \
        token_start = -1; \
      } \
  } G_STMT_END
#define CLOSE_SENTENCE() \
  G_STMT_START { \
    if (n_tokens > sentence_first) \
      { \
        GlossatorSentence sentence = { sentence_first, n_tokens - sentence_first }; \
        g_array_append_val (out->sentences, sentence); \
        sentence_first = n_tokens; \
      } \
  } G_STMT_END

  p = utf8;
  for (guint i = 0; i < length; i++)
    {
      gsize byte = p - utf8;
      guint8 f = flags[i];
      gunichar c;

      if (*p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char ((const char *) p);
          p = (const guchar *) g_utf8_next_char (p);
        }

      if ((f & (FLAG_SENTENCE | FLAG_INSIDE)) == FLAG_SENTENCE)
        {
          CLOSE_TOKEN (i, byte);
          CLOSE_SENTENCE ();
        }
      if ((f & FLAG_CUT) != 0)
        CLOSE_TOKEN (i, byte);

      if (G_UNLIKELY (is_token_space (c)))
        CLOSE_TOKEN (i, byte);
      else if (token_start < 0)
        {
          token_start = i;
          token_byte = byte;
          /* A cut that is no word boundary splits a word. */
          if ((f & FLAG_CUT) != 0 && (f & FLAG_WORD) == 0 && i > 0)
            render->counts.n_split_tokens++;
        }
    }
  CLOSE_TOKEN (length, n_bytes);
  CLOSE_SENTENCE ();
#undef CLOSE_TOKEN
#undef CLOSE_SENTENCE
  g_array_set_size (out->tokens, n_tokens);

  /* Which mention each token belongs to; tokens never straddle an edge. */
  n_tokens_of = g_new0 (guint, kept->len + 1);
  for (guint t = 0; t < n_tokens; t++)
    {
      GlossatorToken *token = &tokens[t];

      while (m < kept->len && kept_ends[m] <= token->start)
        m++;
      if (m < kept->len && kept_starts[m] <= token->start)
        {
          token->mention = (int) m;
          n_tokens_of[m]++;
        }
    }

  remap = g_new (int, kept->len + 1);
  for (guint k = 0; k < kept->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (kept, k);

      if (n_tokens_of[k] == 0)
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_EMPTY,
                                  _("mention %s not exported: it holds no token, only white space"),
                                  what);
          remap[k] = -1;
          continue;
        }
      remap[k] = n_kept++;
      g_ptr_array_add (out->kept, glossator_mention_ref (mention));
      g_ptr_array_add (out->tags, tag_label (mention->label));
    }

  for (guint t = 0; t < n_tokens; t++)
    {
      GlossatorToken *token = &tokens[t];

      if (token->mention < 0)
        continue;
      token->mention = remap[token->mention];
      token->begins = t == 0 || tokens[t - 1].mention != token->mention;
    }

  render->counts.n_mentions_written += out->kept->len;
  render->counts.n_tokens += n_tokens;
  render->counts.n_sentences += out->sentences->len;
}

void
_glossator_tokenized_clear (GlossatorTokenized *tokenized)
{
  g_clear_pointer (&tokenized->tokens, g_array_unref);
  g_clear_pointer (&tokenized->sentences, g_array_unref);
  g_clear_pointer (&tokenized->kept, g_ptr_array_unref);
  g_clear_pointer (&tokenized->tags, g_ptr_array_unref);
}

char *
_glossator_default_entity_name (GlossatorMention *mention,
                                GlossatorText    *text)
{
  g_autofree char *quote = glossator_mention_dup_text (mention, text);
  GString *out = g_string_new (NULL);
  gsize space_start = 0;
  gboolean in_space = FALSE, has_break = FALSE;

  for (const char *p = quote != NULL ? quote : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x0b || c == 0x85)
        {
          if (!in_space)
            space_start = out->len;
          in_space = TRUE;
          has_break |= c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85 ||
                       c == 0x2028 || c == 0x2029;
          g_string_append_unichar (out, c);
          continue;
        }
      if (in_space && has_break)
        {
          g_string_truncate (out, space_start);
          g_string_append_c (out, ' ');
        }
      in_space = has_break = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

/* Offsets */

guint *
_glossator_utf16_offsets (GlossatorText *text)
{
  guint length = glossator_text_get_length (text);
  guint *offsets = g_new (guint, length + 1);
  const char *p = glossator_text_get_utf8 (text, NULL);
  guint u = 0;

  for (guint i = 0; i < length; i++)
    {
      offsets[i] = u;
      u += g_utf8_get_char (p) > 0xffff ? 2 : 1;
      p = g_utf8_next_char (p);
    }
  offsets[length] = u;

  return offsets;
}

gboolean
_glossator_utf16_to_codepoint (const guint *utf16_offsets,
                               guint        length,
                               gint64       offset,
                               guint       *codepoint)
{
  guint lo = 0, hi = length;

  if (offset < 0 || offset > utf16_offsets[length])
    return FALSE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (utf16_offsets[mid] < offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  if (utf16_offsets[lo] != offset)
    return FALSE;

  *codepoint = lo;
  return TRUE;
}

gboolean
_glossator_span_from_unit (GlossatorText  *text,
                           const guint    *utf16_offsets,
                           gint64          start,
                           gint64          end,
                           guint          *cp_start,
                           guint          *cp_end,
                           char          **why)
{
  guint length = glossator_text_get_length (text);
  guint limit = utf16_offsets != NULL ? utf16_offsets[length] : length;

  if (start < 0)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") starts before the text"), start, end);
      return FALSE;
    }
  if (end <= start)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") is empty or reversed"), start, end);
      return FALSE;
    }
  if (end > limit)
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") ends past the text (%u %s)"),
                              start, end, limit, utf16_offsets != NULL ? _("UTF-16 code units") : _("code points"));
      return FALSE;
    }
  if (utf16_offsets == NULL)
    {
      *cp_start = (guint) start;
      *cp_end = (guint) end;
      return TRUE;
    }
  if (!_glossator_utf16_to_codepoint (utf16_offsets, length, start, cp_start) ||
      !_glossator_utf16_to_codepoint (utf16_offsets, length, end, cp_end))
    {
      *why = g_strdup_printf (_("[%" PRId64 ", %" PRId64 ") splits a surrogate pair "
                                "(UTF-16 offsets inside an emoji or other character beyond U+FFFF)"),
                              start, end);
      return FALSE;
    }
  return TRUE;
}

/* Stored span text */

static char *
collapse_space (const char *str)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_unichar (out, c);
        }
    }
  return g_string_free (out, FALSE);
}

gboolean
_glossator_differs_in_space_only (const char *a,
                                  const char *b)
{
  g_autofree char *ca = NULL;
  g_autofree char *cb = NULL;

  if (g_str_equal (a, b))
    return FALSE;
  ca = collapse_space (a);
  cb = collapse_space (b);
  return g_str_equal (ca, cb);
}

void
_glossator_trim_to_stored (GlossatorText *text,
                           GArray        *pairs,
                           const char    *stored)
{
  gunichar first = g_utf8_get_char (stored);
  gunichar last = *stored != '\0' ? g_utf8_get_char (g_utf8_find_prev_char (stored, stored + strlen (stored))) : 0;

  if (*stored == '\0' || !_glossator_is_token_space (first))
    while (pairs->len > 0)
      {
        guint *pair = &g_array_index (pairs, guint, 0);

        while (pair[0] < pair[1] && _glossator_is_token_space (glossator_text_get_char (text, pair[0])))
          pair[0]++;
        if (pair[0] < pair[1])
          break;
        g_array_remove_range (pairs, 0, 2);
      }
  if (*stored == '\0' || !_glossator_is_token_space (last))
    while (pairs->len > 0)
      {
        guint *pair = &g_array_index (pairs, guint, pairs->len - 2);

        while (pair[0] < pair[1] && _glossator_is_token_space (glossator_text_get_char (text, pair[1] - 1)))
          pair[1]--;
        if (pair[0] < pair[1])
          break;
        g_array_remove_range (pairs, pairs->len - 2, 2);
      }
}

/* Import */

void
glossator_imported_document_free (GlossatorImportedDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->name);
  g_clear_object (&document->article_file);
  g_clear_pointer (&document->article_bytes, g_bytes_unref);
  g_clear_pointer (&document->schema, g_bytes_unref);
  g_clear_object (&document->document);
  g_free (document->offset_unit);
  g_clear_pointer (&document->problems, g_ptr_array_unref);
  g_free (document);
}

GlossatorImportedDocument *
_glossator_imported_document_new (const char        *name,
                                  GlossatorDocument *document)
{
  GlossatorImportedDocument *imported = g_new0 (GlossatorImportedDocument, 1);

  imported->name = g_strdup (name);
  imported->document = document != NULL ? g_object_ref (document) : NULL;
  imported->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  return imported;
}

void
_glossator_import_problem (GlossatorImportContext   *context,
                           GlossatorProblemSeverity  severity,
                           const char               *path,
                           const char               *format,
                           ...)
{
  GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);
  va_list args;

  problem->severity = severity;
  problem->path = g_strdup (path);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  if (context->problems != NULL)
    g_ptr_array_add (context->problems, problem);
  else
    glossator_problem_free (problem);
}

gboolean
_glossator_import_emit (GlossatorImportContext     *context,
                        GlossatorImportedDocument  *document,
                        GError                    **error)
{
  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;
  /* The sidecar records whether the article file has a BOM; a text that
   * starts with U+FEFF is written after one (_glossator_import_text_bytes())
   * so that reading it takes off the BOM and keeps the character. */
  if (document->article_bytes != NULL && document->document != NULL)
    glossator_text_set_has_bom (glossator_document_get_text (document->document),
                                _glossator_text_data_has_bom (g_bytes_get_data (document->article_bytes, NULL),
                                                              g_bytes_get_size (document->article_bytes)));
  return context->callback (document, context->user_data, error);
}

static char *
safe_component (const char *str)
{
  GString *out = g_string_new (NULL);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
          c == '"' || c == '<' || c == '>' || c == '|' || c == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (g_str_equal (out->str, ".") || g_str_equal (out->str, ".."))
    g_string_assign (out, "_");
  return g_string_free (out, FALSE);
}

char *
_glossator_import_name (GFile      *input,
                        const char *key,
                        const char *extension)
{
  g_autofree char *basename = g_file_get_basename (input);
  g_autofree char *safe_key = key != NULL ? safe_component (key) : NULL;
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';
  if (safe_key != NULL)
    return g_strdup_printf ("%s-%s%s", basename, safe_key, extension);
  return g_strdup_printf ("%s%s", basename, extension);
}

GBytes *
_glossator_import_text_bytes (const char *utf8,
                              gsize       n_bytes)
{
  GByteArray *bytes = g_byte_array_sized_new (n_bytes + 3);

  if (n_bytes >= 3 && memcmp (utf8, "\xef\xbb\xbf", 3) == 0)
    g_byte_array_append (bytes, (const guint8 *) "\xef\xbb\xbf", 3);
  g_byte_array_append (bytes, (const guint8 *) utf8, n_bytes);
  return g_byte_array_free_to_bytes (bytes);
}

char *
_glossator_import_safe_path (const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    return NULL;

  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *component = NULL;

      if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        continue;
      component = safe_component (parts[i]);
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, component);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GBytes *
_glossator_import_read (GlossatorImportContext  *context,
                        GFile                   *file,
                        GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, context->cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

const char *
_glossator_json_string_member (JsonObject *object,
                               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_glossator_json_boolean_member (JsonObject *object,
                                const char *name,
                                gboolean    default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  return json_node_get_boolean (node);
}

static gboolean
call_record (GlossatorImportContext   *context,
             JsonNode                 *node,
             const char               *where,
             guint                     n_record,
             GlossatorJsonRecordFunc   func,
             gpointer                  user_data,
             GError                  **error)
{
  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;
  return func (context, node, where, n_record, user_data, error);
}

gboolean
_glossator_import_json_records (GlossatorImportContext   *context,
                                GBytes                   *contents,
                                GlossatorJsonRecordFunc   func,
                                gpointer                  user_data,
                                GError                  **error)
{
  gsize n_bytes;
  const char *data = g_bytes_get_data (contents, &n_bytes);
  const char *p, *end, *invalid;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *input_name = g_file_get_parse_name (context->input);
  guint line = 0, n_records = 0;
  gboolean whole = FALSE;

  if (data == NULL)
    data = "";
  if (n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n_bytes -= 3;
    }
  if (!g_utf8_validate_len (data, n_bytes, &invalid))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: not UTF-8: invalid byte at offset %zu"
                     " (convert the file to UTF-8 first)"),
                   input_name, (gsize) (invalid - data));
      return FALSE;
    }

  /* A file holding one value (an array of tasks, or a pretty-printed
   * object) is read whole; anything else line by line. */
  p = data;
  end = data + n_bytes;
  while (p < end && is_json_space (*p))
    p++;
  if (p < end && *p == '[')
    whole = TRUE;
  else if (p < end && *p == '{')
    {
      const char *value_end = skip_json_value (p, end);
      const char *newline = memchr (p, '\n', end - p);

      whole = value_end != NULL && newline != NULL && newline < value_end;
    }

  if (whole)
    {
      g_autofree char *path = NULL;
      JsonNode *root;

      if (!glossator_json_guard (data, n_bytes, &path, &local_error))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       "%s: %s: %s", input_name, path, local_error->message);
          return FALSE;
        }
      /* Never json-glib's message: it quotes the data. */
      if (!json_parser_load_from_data (parser, data, n_bytes, NULL))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       "%s: %s", input_name, _("not JSON that json-glib reads"));
          return FALSE;
        }
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *array = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *where = g_strdup_printf ("$[%u]", i);

              if (!call_record (context, json_array_get_element (array, i), where, i, func, user_data, error))
                return FALSE;
            }
          return TRUE;
        }
      return call_record (context, root, "$", 0, func, user_data, error);
    }

  for (p = data; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol != NULL ? eol : end) - p;
      g_autofree char *where = NULL;
      const char *q;

      line++;
      for (q = p; q < p + len && is_json_space (*q); q++)
        ;
      if (q < p + len)
        {
          g_autofree char *path = NULL;

          where = g_strdup_printf (_("line %u"), line);
          g_clear_error (&local_error);
          if (!glossator_json_guard_line (p, len, line, &path, &local_error))
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                       "%s: %s", path, local_error->message);
          else if (!json_parser_load_from_data (parser, p, len, NULL) || json_parser_get_root (parser) == NULL)
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                       "%s", _("not JSON that json-glib reads"));
          else if (!call_record (context, json_parser_get_root (parser), where, n_records++,
                                 func, user_data, error))
            return FALSE;
        }
      p = eol != NULL ? eol + 1 : end;
    }

  return TRUE;
}

/* The document builder */

typedef struct {
  char        *label;
  GArray      *starts;
  GArray      *ends;
  char        *source_id;
  char        *note;
  JsonObject  *attributes;
  guint        order;
  guint        parent;      /* union-find */
  /* Entity fields (on the cluster's root) */
  char        *entity_name;
  char        *entity_label;
  char        *kb_id;
  char        *entity_note;
  JsonObject  *entity_attributes;
  char        *id;          /* assigned at finish */
  char        *entity_id;
} BuilderMention;

typedef struct {
  char                *polarity;
  GlossatorHolderKind  holder_kind;
  int                  holder;
  GlossatorTargetKind  target_kind;
  int                  target;
  char                *topic;
  guint                intensity;
  char                *note;
  JsonObject          *attributes;
  GArray              *evidence;  /* pairs of guint */
} BuilderStance;

struct _GlossatorImportBuilder {
  GlossatorText *text;
  GPtrArray     *mentions;   /* BuilderMention* */
  GPtrArray     *stances;    /* BuilderStance* */
  JsonObject    *document_attributes;
};

static void
builder_mention_free (BuilderMention *m)
{
  g_free (m->label);
  g_array_unref (m->starts);
  g_array_unref (m->ends);
  g_free (m->source_id);
  g_free (m->note);
  g_clear_pointer (&m->attributes, json_object_unref);
  g_free (m->entity_name);
  g_free (m->entity_label);
  g_free (m->kb_id);
  g_free (m->entity_note);
  g_clear_pointer (&m->entity_attributes, json_object_unref);
  g_free (m->id);
  g_free (m->entity_id);
  g_free (m);
}

static void
builder_stance_free (BuilderStance *s)
{
  g_free (s->polarity);
  g_free (s->topic);
  g_free (s->note);
  g_clear_pointer (&s->attributes, json_object_unref);
  g_array_unref (s->evidence);
  g_free (s);
}

GlossatorImportBuilder *
_glossator_import_builder_new (GlossatorText *text)
{
  GlossatorImportBuilder *builder = g_new0 (GlossatorImportBuilder, 1);

  builder->text = glossator_text_ref (text);
  builder->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) builder_mention_free);
  builder->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) builder_stance_free);

  return builder;
}

void
_glossator_import_builder_free (GlossatorImportBuilder *builder)
{
  if (builder == NULL)
    return;

  glossator_text_unref (builder->text);
  g_ptr_array_unref (builder->mentions);
  g_ptr_array_unref (builder->stances);
  g_clear_pointer (&builder->document_attributes, json_object_unref);
  g_free (builder);
}

guint
_glossator_import_builder_add_mention (GlossatorImportBuilder *builder,
                                       const char             *label,
                                       const guint            *starts,
                                       const guint            *ends,
                                       guint                   n_fragments,
                                       const char             *source_id)
{
  BuilderMention *m = g_new0 (BuilderMention, 1);

  g_assert (n_fragments > 0);
  m->label = g_strdup (label);
  m->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  m->ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (m->starts, starts, n_fragments);
  g_array_append_vals (m->ends, ends, n_fragments);
  m->source_id = g_strdup (source_id);
  m->order = builder->mentions->len;
  m->parent = builder->mentions->len;
  g_ptr_array_add (builder->mentions, m);

  return m->order;
}

guint
_glossator_import_builder_get_n_mentions (GlossatorImportBuilder *builder)
{
  return builder->mentions->len;
}

void
_glossator_import_builder_set_note (GlossatorImportBuilder *builder,
                                    guint                   mention,
                                    const char             *note)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, mention);

  g_free (m->note);
  m->note = g_strdup (note);
}

void
_glossator_import_builder_set_attribute (GlossatorImportBuilder *builder,
                                         guint                   mention,
                                         const char             *name,
                                         JsonNode               *value)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, mention);

  if (m->attributes == NULL)
    m->attributes = json_object_new ();
  json_object_set_member (m->attributes, name, value);
}

static guint
find_root (GlossatorImportBuilder *builder,
           guint                   i)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, i);

  while (m->parent != i)
    {
      BuilderMention *parent = g_ptr_array_index (builder->mentions, m->parent);

      m->parent = parent->parent;
      i = m->parent;
      m = g_ptr_array_index (builder->mentions, i);
    }
  return i;
}

static void
move_entity_fields (BuilderMention *to,
                    BuilderMention *from)
{
#define MOVE(field, free_func) \
  if (to->field == NULL) \
    to->field = g_steal_pointer (&from->field); \
  else \
    g_clear_pointer (&from->field, free_func);
  MOVE (entity_name, g_free)
  MOVE (entity_label, g_free)
  MOVE (kb_id, g_free)
  MOVE (entity_note, g_free)
  MOVE (entity_attributes, json_object_unref)
#undef MOVE
}

void
_glossator_import_builder_link (GlossatorImportBuilder *builder,
                                guint                   mention_a,
                                guint                   mention_b)
{
  guint a = find_root (builder, mention_a);
  guint b = find_root (builder, mention_b);
  BuilderMention *ma, *mb;

  if (a == b)
    return;
  /* The earlier mention stays the root, so entity fields set on either
   * survive (the first one set wins). */
  if (b < a)
    {
      guint t = a;
      a = b;
      b = t;
    }
  ma = g_ptr_array_index (builder->mentions, a);
  mb = g_ptr_array_index (builder->mentions, b);
  mb->parent = a;
  move_entity_fields (ma, mb);
}

guint
_glossator_import_builder_get_entity (GlossatorImportBuilder *builder,
                                      guint                   mention)
{
  return find_root (builder, mention);
}

void
_glossator_import_builder_set_entity (GlossatorImportBuilder *builder,
                                      guint                   mention,
                                      const char             *name,
                                      const char             *label,
                                      const char             *kb_id,
                                      const char             *note,
                                      JsonObject             *attributes)
{
  BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, mention));

  if (name != NULL)
    {
      g_free (root->entity_name);
      root->entity_name = g_strdup (name);
    }
  if (label != NULL)
    {
      g_free (root->entity_label);
      root->entity_label = g_strdup (label);
    }
  if (kb_id != NULL)
    {
      g_free (root->kb_id);
      root->kb_id = g_strdup (kb_id);
    }
  if (note != NULL)
    {
      g_free (root->entity_note);
      root->entity_note = g_strdup (note);
    }
  if (attributes != NULL)
    {
      g_clear_pointer (&root->entity_attributes, json_object_unref);
      root->entity_attributes = json_object_ref (attributes);
    }
}

guint
_glossator_import_builder_add_stance (GlossatorImportBuilder *builder,
                                      const char             *polarity)
{
  BuilderStance *s = g_new0 (BuilderStance, 1);

  s->polarity = g_strdup (polarity);
  s->holder = -1;
  s->target = -1;
  s->evidence = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (builder->stances, s);

  return builder->stances->len - 1;
}

void
_glossator_import_builder_set_holder (GlossatorImportBuilder *builder,
                                      guint                   stance,
                                      GlossatorHolderKind     kind,
                                      int                     mention)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->holder_kind = kind;
  s->holder = mention;
}

void
_glossator_import_builder_set_target (GlossatorImportBuilder *builder,
                                      guint                   stance,
                                      GlossatorTargetKind     kind,
                                      int                     mention,
                                      const char             *topic)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->target_kind = kind;
  s->target = mention;
  g_free (s->topic);
  s->topic = g_strdup (topic);
}

void
_glossator_import_builder_set_stance_details (GlossatorImportBuilder *builder,
                                              guint                   stance,
                                              guint                   intensity,
                                              const char             *note,
                                              JsonObject             *attributes)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->intensity = intensity;
  g_free (s->note);
  s->note = g_strdup (note);
  g_clear_pointer (&s->attributes, json_object_unref);
  s->attributes = attributes != NULL ? json_object_ref (attributes) : NULL;
}

void
_glossator_import_builder_add_evidence (GlossatorImportBuilder *builder,
                                        guint                   stance,
                                        guint                   start,
                                        guint                   end)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  g_array_append_val (s->evidence, start);
  g_array_append_val (s->evidence, end);
}

void
_glossator_import_builder_set_document_attribute (GlossatorImportBuilder *builder,
                                                  const char             *name,
                                                  JsonNode               *value)
{
  if (builder->document_attributes == NULL)
    builder->document_attributes = json_object_new ();
  json_object_set_member (builder->document_attributes, name, value);
}

static int
compare_builder_mentions (gconstpointer a,
                          gconstpointer b)
{
  const BuilderMention *ma = *(BuilderMention * const *) a;
  const BuilderMention *mb = *(BuilderMention * const *) b;
  guint sa = g_array_index (ma->starts, guint, 0), sb = g_array_index (mb->starts, guint, 0);
  guint ea = g_array_index (ma->ends, guint, ma->ends->len - 1);
  guint eb = g_array_index (mb->ends, guint, mb->ends->len - 1);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return ma->order < mb->order ? -1 : ma->order > mb->order;
}

GlossatorDocument *
_glossator_import_builder_finish (GlossatorImportBuilder *builder)
{
  g_autoptr(GlossatorDocument) document = glossator_document_new (builder->text);
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (builder->mentions, NULL, NULL);
  guint n_entities = 0;

  /* The copy borrows the mentions. */
  g_ptr_array_set_free_func (sorted, NULL);
  _glossator_document_begin_load (document);

  /* Roots first, so every mention can find its entity id. */
  g_ptr_array_sort (sorted, compare_builder_mentions);
  for (guint i = 0; i < sorted->len; i++)
    {
      BuilderMention *m = g_ptr_array_index (sorted, i);
      BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, m->order));

      m->id = g_strdup_printf ("m%u", i + 1);
      if (root->entity_id == NULL)
        {
          g_autoptr(GlossatorEntity) entity = NULL;
          g_autofree char *name = NULL;

          root->entity_id = g_strdup_printf ("e%u", ++n_entities);
          /* The first mention in the text names the entity. */
          name = root->entity_name != NULL ? g_strdup (root->entity_name) : NULL;
          if (name == NULL)
            {
              g_autoptr(GlossatorMention) probe = glossator_mention_new ("", m->label, "");

              for (guint f = 0; f < m->starts->len; f++)
                glossator_mention_add_fragment (probe, g_array_index (m->starts, guint, f),
                                                g_array_index (m->ends, guint, f));
              name = _glossator_default_entity_name (probe, builder->text);
            }
          entity = glossator_entity_new (root->entity_id, name,
                                         root->entity_label != NULL ? root->entity_label : m->label);
          if (root->kb_id != NULL)
            glossator_entity_set_kb_id (entity, root->kb_id);
          if (root->entity_note != NULL)
            glossator_entity_set_note (entity, root->entity_note);
          if (root->entity_attributes != NULL)
            glossator_entity_set_attributes (entity, root->entity_attributes);
          glossator_document_put_entity (document, entity);
        }
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      BuilderMention *m = g_ptr_array_index (sorted, i);
      BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, m->order));
      g_autoptr(GlossatorMention) mention = glossator_mention_new (m->id, m->label, root->entity_id);

      for (guint f = 0; f < m->starts->len; f++)
        {
          GlossatorSpan *span = glossator_mention_add_fragment (mention, g_array_index (m->starts, guint, f),
                                                                g_array_index (m->ends, guint, f));
          glossator_span_set_quote (span, builder->text);
        }
      if (m->note != NULL)
        glossator_mention_set_note (mention, m->note);
      if (m->source_id != NULL)
        {
          if (m->attributes == NULL)
            m->attributes = json_object_new ();
          if (!json_object_has_member (m->attributes, "source_id"))
            json_object_set_string_member (m->attributes, "source_id", m->source_id);
        }
      if (m->attributes != NULL)
        {
          json_object_seal (m->attributes);
          glossator_mention_set_attributes (mention, m->attributes);
        }
      glossator_document_put_mention (document, mention);
    }

  for (guint i = 0; i < builder->stances->len; i++)
    {
      BuilderStance *s = g_ptr_array_index (builder->stances, i);
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(GlossatorStance) stance = glossator_stance_new (id, s->polarity);
      const char *holder = NULL, *target = NULL;

      if (s->holder >= 0)
        holder = ((BuilderMention *) g_ptr_array_index (builder->mentions,
                                                        find_root (builder, s->holder)))->entity_id;
      if (s->target >= 0)
        target = ((BuilderMention *) g_ptr_array_index (builder->mentions,
                                                        find_root (builder, s->target)))->entity_id;
      glossator_stance_set_holder (stance, s->holder_kind,
                                   s->holder_kind == GLOSSATOR_HOLDER_ENTITY ? holder : NULL);
      glossator_stance_set_target (stance, s->target_kind,
                                   s->target_kind == GLOSSATOR_TARGET_ENTITY ? target :
                                   s->target_kind == GLOSSATOR_TARGET_TOPIC ? s->topic : NULL);
      if (s->intensity > 0)
        glossator_stance_set_intensity (stance, s->intensity);
      if (s->note != NULL)
        glossator_stance_set_note (stance, s->note);
      if (s->attributes != NULL)
        glossator_stance_set_attributes (stance, s->attributes);
      for (guint e = 0; e + 1 < s->evidence->len; e += 2)
        {
          GlossatorSpan *span = glossator_stance_add_evidence (stance, g_array_index (s->evidence, guint, e),
                                                               g_array_index (s->evidence, guint, e + 1));
          glossator_span_set_quote (span, builder->text);
        }
      glossator_document_put_stance (document, stance);
    }

  if (builder->document_attributes != NULL)
    glossator_document_set_attributes (document, builder->document_attributes);

  _glossator_document_end_load (document);
  return g_steal_pointer (&document);
}

/* The import entry point */

gboolean
glossator_format_import (const GlossatorFormat  *format,
                         GFile                  *input,
                         GHashTable             *options,
                         GlossatorImportFunc     callback,
                         gpointer                user_data,
                         GPtrArray              *problems,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(GHashTable) own_options = NULL;
  GlossatorImportContext context = { 0 };

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (callback != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!glossator_format_can_import (format))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_UNSUPPORTED,
                   _("the %s format cannot be imported"), format->name);
      return FALSE;
    }
  if (!glossator_format_check_options (format, GLOSSATOR_FORMAT_SCOPE_IMPORT, options, error))
    return FALSE;
  if (options == NULL)
    options = own_options = glossator_format_options_new ();

  context.format = format;
  context.input = input;
  context.options = options;
  context.callback = callback;
  context.user_data = user_data;
  context.problems = problems;
  context.cancellable = cancellable;

  return format->import (&context, error);
}

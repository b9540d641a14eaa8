/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "glossator-cli.h"
#include "glossator-cli-formats.h"
#include "glossator-export.h"
#include "glossator-sidecar.h"

/* Format options, shared with the import command */

static GHashTable *format_options;

static gboolean
format_option_cb (const char  *option_name,
                  const char  *value,
                  gpointer     data,
                  GError     **error)
{
  if (format_options == NULL)
    format_options = glossator_format_options_new ();
  /* "--nested" → "nested"; flags have no value. */
  g_hash_table_insert (format_options, g_strdup (option_name + 2), g_strdup (value != NULL ? value : "true"));
  return TRUE;
}

GHashTable *
glossator_cli_formats_options (void)
{
  if (format_options == NULL)
    format_options = glossator_format_options_new ();
  return format_options;
}

void
glossator_cli_formats_setup (GOptionEntry          *entries,
                             guint                  n_fixed,
                             guint                  n_entries,
                             GlossatorFormatScope   scope,
                             const char            *intro,
                             char                 **description)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GString *str = g_string_new (intro);
  const GlossatorFormat * const *formats;
  guint n_formats, n = n_fixed;

  formats = glossator_format_list (&n_formats);
  g_string_append (str, _("\n\nFormats:\n"));
  for (guint f = 0; f < n_formats; f++)
    {
      const GlossatorFormatOption *options;
      guint n_options;

      if (!(scope == GLOSSATOR_FORMAT_SCOPE_EXPORT ? glossator_format_can_export (formats[f])
                                                    : glossator_format_can_import (formats[f])))
        continue;
      /* The id to type, the name the window shows, then what it is. */
      g_string_append_printf (str, "  %-14s %s\n                 %s\n", glossator_format_get_name (formats[f]),
                              glossator_format_get_display_name (formats[f]),
                              glossator_format_get_description (formats[f]));

      options = glossator_format_get_options (formats[f], &n_options);
      for (guint o = 0; o < n_options; o++)
        {
          const GlossatorFormatOption *option = &options[o];
          g_autofree char *usage = NULL;

          if ((option->scope & scope) == 0)
            continue;
          usage = option->type == GLOSSATOR_FORMAT_OPTION_BOOLEAN
                    ? g_strdup_printf ("--%s", option->name)
                    : g_strdup_printf ("--%s=%s", option->name,
                                       option->arg_description != NULL ? _(option->arg_description) : "VALUE");
          g_string_append_printf (str, "      %-28s %s", usage, _(option->description));
          if (option->default_value != NULL && option->type != GLOSSATOR_FORMAT_OPTION_BOOLEAN)
            g_string_append_printf (str, _(" (default: %s)"), option->default_value);
          g_string_append_c (str, '\n');

          if (g_hash_table_contains (seen, option->name))
            continue;
          g_hash_table_add (seen, (gpointer) option->name);
          g_assert (n + 1 < n_entries);
          entries[n].long_name = option->name;
          entries[n].short_name = 0;
          entries[n].flags = option->type == GLOSSATOR_FORMAT_OPTION_BOOLEAN ? G_OPTION_FLAG_NO_ARG : 0;
          entries[n].arg = G_OPTION_ARG_CALLBACK;
          entries[n].arg_data = (gpointer) format_option_cb;
          entries[n].description = option->description;
          entries[n].arg_description = option->arg_description;
          n++;
        }
    }
  g_string_truncate (str, str->len - 1);
  memset (&entries[n], 0, sizeof entries[n]);

  *description = g_string_free (str, FALSE);
}

const GlossatorFormat *
glossator_cli_formats_lookup (const char           *command,
                              const char           *name,
                              GlossatorFormatScope  scope)
{
  const GlossatorFormat *format = name != NULL ? glossator_format_lookup (name) : NULL;
  gboolean can = format != NULL && (scope == GLOSSATOR_FORMAT_SCOPE_EXPORT ? glossator_format_can_export (format)
                                                                            : glossator_format_can_import (format));
  g_autoptr(GString) names = NULL;
  const GlossatorFormat * const *formats;
  guint n_formats;

  if (can)
    return format;

  names = g_string_new (NULL);
  formats = glossator_format_list (&n_formats);
  for (guint f = 0; f < n_formats; f++)
    if (scope == GLOSSATOR_FORMAT_SCOPE_EXPORT ? glossator_format_can_export (formats[f])
                                               : glossator_format_can_import (formats[f]))
      g_string_append_printf (names, "%s%s", names->len > 0 ? ", " : "", glossator_format_get_name (formats[f]));

  if (name == NULL)
    glossator_cli_usage_error (command, _("no format given (%s FORMAT, one of %s)"),
                               scope == GLOSSATOR_FORMAT_SCOPE_EXPORT ? "--to" : "--from", names->str);
  else if (format == NULL)
    glossator_cli_usage_error (command, _("unknown format “%s” (one of %s)"), name, names->str);
  else
    glossator_cli_usage_error (command, scope == GLOSSATOR_FORMAT_SCOPE_EXPORT
                                          ? _("the %s format cannot be exported to (one of %s)")
                                          : _("the %s format cannot be imported (one of %s)"),
                               name, names->str);
  return NULL;
}

gboolean
glossator_cli_formats_check_options (const char            *command,
                                     const GlossatorFormat *format,
                                     GlossatorFormatScope   scope)
{
  g_autoptr(GError) error = NULL;

  if (glossator_format_check_options (format, scope, glossator_cli_formats_options (), &error))
    return TRUE;
  glossator_cli_usage_error (command, "%s", error->message);
  return FALSE;
}

void
glossator_cli_formats_print_problem (const char             *where,
                                     const GlossatorProblem *problem)
{
  g_autofree char *line = glossator_problem_to_string (problem);

  fprintf (stderr, "%s: %s\n", where, line);
}

/* Standard output as a GOutputStream */

#define CLI_TYPE_STDOUT_STREAM (cli_stdout_stream_get_type ())
G_DECLARE_FINAL_TYPE (CliStdoutStream, cli_stdout_stream, CLI, STDOUT_STREAM, GOutputStream)

struct _CliStdoutStream {
  GOutputStream parent_instance;
};

G_DEFINE_FINAL_TYPE (CliStdoutStream, cli_stdout_stream, G_TYPE_OUTPUT_STREAM)

static gssize
cli_stdout_stream_write (GOutputStream  *stream,
                         const void     *buffer,
                         gsize           count,
                         GCancellable   *cancellable,
                         GError        **error)
{
  if (fwrite (buffer, 1, count, stdout) < count)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write to standard output: %s"), g_strerror (saved));
      return -1;
    }
  return (gssize) count;
}

static gboolean
cli_stdout_stream_flush (GOutputStream  *stream,
                         GCancellable   *cancellable,
                         GError        **error)
{
  if (fflush (stdout) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("cannot write to standard output: %s"), g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

static void
cli_stdout_stream_class_init (CliStdoutStreamClass *klass)
{
  GOutputStreamClass *stream_class = G_OUTPUT_STREAM_CLASS (klass);

  stream_class->write_fn = cli_stdout_stream_write;
  stream_class->flush = cli_stdout_stream_flush;
}

static void
cli_stdout_stream_init (CliStdoutStream *self)
{
}

/* The export command */

static char *format_name;
static char *output_path;
static int n_threads;
static gboolean quiet;
static gboolean force;

enum { N_FIXED_ENTRIES = 5, N_ENTRIES = 48 };

static GOptionEntry entries[N_ENTRIES] = {
  { "to", 't', 0, G_OPTION_ARG_STRING, &format_name, N_("The format to write (see below)"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("Where to write: a file (default: standard output), or a folder for brat and hf-jsonl"),
    N_("OUT") },
  { "threads", 0, 0, G_OPTION_ARG_INT, &n_threads,
    N_("Worker threads reading documents (default: one per processor)"), N_("N") },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only errors, no summary"), NULL },
  { "force", 'f', 0, G_OPTION_ARG_NONE, &force,
    N_("Export into a folder that is not empty (brat, hf-jsonl), replacing files of the same names"), NULL },
};

/* --help lists the formats of the registry: filled in before main() runs,
 * as the command table is constant. */
static char help_text[16384];

__attribute__((constructor)) static void
setup_entries (void)
{
  g_autofree char *text = NULL;

  glossator_cli_formats_setup (entries, N_FIXED_ENTRIES, N_ENTRIES, GLOSSATOR_FORMAT_SCOPE_EXPORT,
                               N_("Each PATH is an article, a sidecar or a folder searched recursively;\n"
                                  "documents are written in path order, one document at a time.\n"
                                  "A summary goes to standard error, with what a format could not represent.\n"
                                  "Exit status: 0 when every document was exported, 1 when one could not\n"
                                  "be read or the output not written, 2 on usage errors and missing paths."),
                               &text);
  g_assert (strlen (text) < sizeof help_text);
  g_strlcpy (help_text, text, sizeof help_text);
}

/* Problems of an export are about a document: its path (from @base, as in
 * the dataset) leads. One that starts with the name of the document's
 * article or sidecar (it could not be read) leads with that file's name
 * instead, as validate and stats print it, rather than naming it twice. */
static void
print_problem (const GlossatorProblem *problem,
               GFile                  *base)
{
  GlossatorProblem without_path = *problem;

  if (problem->path == NULL)
    {
      glossator_cli_formats_print_problem ("glossator-cli export", problem);
      return;
    }

  without_path.path = NULL;
  if (base != NULL)
    {
      g_autoptr(GFile) article = g_file_resolve_relative_path (base, problem->path);
      g_autoptr(GFile) sidecar = glossator_sidecar_file_for (article);
      GFile *files[] = { article, sidecar };

      for (guint i = 0; i < G_N_ELEMENTS (files); i++)
        {
          const char *rest = glossator_cli_strip_file (problem->message, files[i]);

          if (rest != problem->message)
            {
              g_autofree char *name = glossator_cli_display_name (files[i]);

              without_path.message = (char *) rest;
              glossator_cli_formats_print_problem (name, &without_path);
              return;
            }
        }
    }
  glossator_cli_formats_print_problem (problem->path, &without_path);
}

static void
print_summary (const GlossatorExportSummary *summary,
               GFile                        *base)
{
  g_autofree char *text = glossator_export_summary_to_string (summary);

  for (guint i = 0; i < summary->problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (summary->problems, i);

      if (quiet && problem->severity != GLOSSATOR_PROBLEM_ERROR)
        continue;
      print_problem (problem, base);
    }
  if (!quiet && summary->n_warnings + summary->n_errors > summary->problems->len)
    fprintf (stderr, _("… more problems not shown: %u\n"),
             summary->n_warnings + summary->n_errors - summary->problems->len);
  if (quiet)
    return;

  fputs (text, stderr);
  for (guint i = 0; i < summary->extra_files->len; i++)
    {
      g_autofree char *name = glossator_cli_display_name (g_ptr_array_index (summary->extra_files, i));

      fprintf (stderr, _("also wrote %s\n"), name);
    }
  if (summary->tags != NULL)
    {
      g_autofree char *tags = g_strjoinv (" ", summary->tags);

      fprintf (stderr, _("tags: %s\n"), tags);
    }
}

static int
compare_articles (gconstpointer a,
                  gconstpointer b)
{
  return glossator_corpus_compare_files (*(GFile * const *) a, *(GFile * const *) b);
}

static int
run (int    argc,
     char **argv)
{
  const GlossatorFormat *format;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) output = NULL;
  g_autoptr(GFile) base = NULL;
  g_autoptr(GOutputStream) stream = NULL;
  g_autoptr(GlossatorExporter) exporter = NULL;
  g_autoptr(GError) error = NULL;
  gboolean folder;
  int status = GLOSSATOR_CLI_EXIT_OK;

  if ((format = glossator_cli_formats_lookup ("export", format_name, GLOSSATOR_FORMAT_SCOPE_EXPORT)) == NULL)
    return GLOSSATOR_CLI_EXIT_USAGE;
  if (argc < 1)
    {
      glossator_cli_usage_error ("export", _("no PATH given"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }
  if (n_threads < 0)
    {
      glossator_cli_usage_error ("export", _("--threads takes a number from 0"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }
  if (!glossator_cli_formats_check_options ("export", format, GLOSSATOR_FORMAT_SCOPE_EXPORT))
    return GLOSSATOR_CLI_EXIT_USAGE;
  folder = (glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0;
  if (folder && (output_path == NULL || g_str_equal (output_path, "-")))
    {
      glossator_cli_usage_error ("export", _("the %s format writes a folder: name it with -o"),
                                 glossator_format_get_name (format));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  items = glossator_cli_collect (argc, argv, &status);
  if (status == GLOSSATOR_CLI_EXIT_USAGE)
    return status;
  for (guint i = 0; i < items->len; i++)
    {
      GlossatorCliItem *item = g_ptr_array_index (items, i);

      if (item->article == NULL)
        {
          g_autofree char *name = glossator_cli_display_name (item->sidecar);

          fprintf (stderr, _("%s: error: %s\n"), name, item->orphan_message);
          status = GLOSSATOR_CLI_EXIT_INVALID;
          continue;
        }
      g_ptr_array_add (articles, g_object_ref (item->article));
    }
  /* glossator_cli_collect orders by sidecar; export in article order. */
  g_ptr_array_sort (articles, compare_articles);
  for (int i = 0; i < argc; i++)
    g_ptr_array_add (roots, g_file_new_for_commandline_arg (argv[i]));
  base = glossator_export_common_base ((GFile **) roots->pdata, roots->len);

  if (output_path != NULL && !g_str_equal (output_path, "-"))
    output = g_file_new_for_commandline_arg (output_path);
  if (output != NULL &&
      !glossator_export_check_output ((GFile **) roots->pdata, roots->len, output, folder, &error))
    {
      fprintf (stderr, "glossator-cli export: error: %s\n", error->message);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }
  /* A folder export writes a file per document, and nothing here can ask
   * before one of the user's files is replaced. */
  if (folder && !force && glossator_export_folder_has_files (output))
    {
      g_autofree char *name = glossator_cli_display_name (output);

      fprintf (stderr, _("%s: error: the folder is not empty; files in it with the names of exported "
                         "ones would be replaced (export into a new folder, or give --force)\n"), name);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }
  if (!folder)
    {
      if (output != NULL)
        stream = G_OUTPUT_STREAM (glossator_export_replace (output, NULL, &error));
      else
        stream = g_object_new (CLI_TYPE_STDOUT_STREAM, NULL);
      if (stream == NULL)
        {
          g_autofree char *name = glossator_cli_display_name (output);

          fprintf (stderr, "%s: error: %s\n", name, glossator_cli_strip_file (error->message, output));
          return GLOSSATOR_CLI_EXIT_INVALID;
        }
    }

  exporter = glossator_exporter_new (format, glossator_cli_formats_options (), stream, output, &error);
  if (exporter == NULL ||
      !glossator_export_articles (exporter, articles, base, (guint) n_threads, NULL, NULL, NULL, &error) ||
      !glossator_exporter_finish (exporter, NULL, &error) ||
      (stream != NULL && !g_output_stream_close (stream, NULL, &error)))
    {
      /* Stream errors name no file: the one written is the output. */
      if (!folder && output != NULL)
        {
          g_autofree char *name = glossator_cli_display_name (output);

          fprintf (stderr, "%s: error: %s\n", name, glossator_cli_strip_file (error->message, output));
        }
      else
        fprintf (stderr, "glossator-cli export: error: %s\n", error->message);
      /* A file being replaced is left as it was. */
      glossator_export_abandon_stream (stream);
      if (exporter != NULL)
        print_summary (glossator_exporter_get_summary (exporter), base);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }

  print_summary (glossator_exporter_get_summary (exporter), base);
  if (glossator_exporter_get_summary (exporter)->n_errors > 0)
    status = MAX (status, GLOSSATOR_CLI_EXIT_INVALID);
  return status;
}

const GlossatorCliCommand glossator_cli_export_command = {
  .name = "export",
  .parameters = N_("PATH…"),
  .summary = N_("Export a corpus to a dataset format"),
  .description = help_text,
  .entries = entries,
  .run = run,
};

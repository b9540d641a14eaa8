/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "glossator-cli.h"
#include "glossator-cli-formats.h"
#include "glossator-export.h"

static char *format_name;
static char *output_path;
static gboolean force;
static gboolean replace_articles;
static gboolean quiet;

enum { N_FIXED_ENTRIES = 5, N_ENTRIES = 48 };

static GOptionEntry entries[N_ENTRIES] = {
  { "from", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_("The format to read (see below)"), N_("FORMAT") },
  { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output_path,
    N_("The folder to write articles and sidecars into (default: beside each input)"), N_("DIR") },
  { "force", 0, 0, G_OPTION_ARG_NONE, &force,
    N_("Replace existing annotations (sidecars, kept as NAME.annotations.json~) and a label schema "
       "a jsonl dataset carries (kept as glossator-schema.json~); never articles"), NULL },
  { "replace-articles", 0, 0, G_OPTION_ARG_NONE, &replace_articles,
    N_("Replace existing articles whose text differs (kept as NAME~)"), NULL },
  { "quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, N_("Print only errors, no summary"), NULL },
};

/* --help lists the formats of the registry: filled in before main() runs,
 * as the command table is constant. */
static char help_text[16384];

__attribute__((constructor)) static void
setup_entries (void)
{
  g_autofree char *text = NULL;

  glossator_cli_formats_setup (entries, N_FIXED_ENTRIES, N_ENTRIES, GLOSSATOR_FORMAT_SCOPE_IMPORT,
                               N_("Each INPUT is a file of the format (brat: a folder, or .ann files).\n"
                                  "Every document gets its article (when the input holds the text) and its\n"
                                  "sidecar; an existing sidecar is never replaced without --force, an existing\n"
                                  "article with other text never without --replace-articles. Files get article\n"
                                  "names only (.txt .md .markdown .json .html .htm), in no hidden folder, and\n"
                                  "are never written through a symbolic link. Imported mentions, entities\n"
                                  "and stances get ids m1…, e1…, s1…; the source's ids are kept in the\n"
                                  "attribute source_id. Labels the label schema lacks are kept, with a warning.\n"
                                  "Exit status: 0 when everything was imported, 1 when an input is invalid\n"
                                  "or something could not be written, 2 on usage errors and missing inputs."),
                               &text);
  g_assert (strlen (text) < sizeof help_text);
  g_strlcpy (help_text, text, sizeof help_text);
}

static void
report_cb (GFile                  *input,
           const char             *document,
           const GlossatorProblem *problem,
           gpointer                user_data)
{
  g_autofree char *name = glossator_cli_display_name (input);
  g_autofree char *where = document != NULL ? g_strdup_printf ("%s: %s", name, document) : g_strdup (name);

  if (quiet && problem->severity != GLOSSATOR_PROBLEM_ERROR)
    return;
  /* A problem of the whole input may start with its full name: it leads
   * the line already. */
  if (problem->path == NULL)
    {
      GlossatorProblem stripped = *problem;

      stripped.message = (char *) glossator_cli_strip_file (problem->message, input);
      glossator_cli_formats_print_problem (where, &stripped);
      return;
    }
  glossator_cli_formats_print_problem (where, problem);
}

static int
run (int    argc,
     char **argv)
{
  const GlossatorFormat *format;
  g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GFile) output = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GlossatorImportSummary) summary = { 0 };
  int status = GLOSSATOR_CLI_EXIT_OK;

  if ((format = glossator_cli_formats_lookup ("import", format_name, GLOSSATOR_FORMAT_SCOPE_IMPORT)) == NULL)
    return GLOSSATOR_CLI_EXIT_USAGE;
  if (argc < 1)
    {
      glossator_cli_usage_error ("import", _("no INPUT given"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }
  if (!glossator_cli_formats_check_options ("import", format, GLOSSATOR_FORMAT_SCOPE_IMPORT))
    return GLOSSATOR_CLI_EXIT_USAGE;

  for (int i = 0; i < argc; i++)
    {
      GFile *input = g_file_new_for_commandline_arg (argv[i]);

      if (!g_file_query_exists (input, NULL))
        {
          fprintf (stderr, _("glossator-cli: %s: no such file or folder\n"), argv[i]);
          status = GLOSSATOR_CLI_EXIT_USAGE;
          g_object_unref (input);
          continue;
        }
      g_ptr_array_add (inputs, input);
    }
  if (status == GLOSSATOR_CLI_EXIT_USAGE)
    return status;

  if (output_path != NULL)
    output = g_file_new_for_commandline_arg (output_path);

  glossator_import_summary_init (&summary);
  if (!glossator_import_files (format, glossator_cli_formats_options (), (GFile **) inputs->pdata, inputs->len,
                               output,
                               (force ? GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS : 0) |
                               (replace_articles ? GLOSSATOR_IMPORT_REPLACE_ARTICLES : 0),
                               report_cb, NULL, &summary, NULL, &error))
    {
      fprintf (stderr, "glossator-cli import: error: %s\n", error->message);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }

  if (!quiet)
    {
      g_autofree char *text = glossator_import_summary_to_string (&summary);

      fputs (text, stdout);
    }
  if (summary.n_errors > 0)
    status = GLOSSATOR_CLI_EXIT_INVALID;
  return status;
}

const GlossatorCliCommand glossator_cli_import_command = {
  .name = "import",
  .parameters = N_("INPUT…"),
  .summary = N_("Import a dataset into articles and sidecars"),
  .description = help_text,
  .entries = entries,
  .run = run,
};

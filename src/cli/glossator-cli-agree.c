/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "glossator-agree.h"
#include "glossator-article.h"
#include "glossator-cli.h"
#include "glossator-copies.h"
#include "glossator-corpus.h"

static gboolean as_json;
static gboolean by_document;
static char *labels_option;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON instead of a table"), NULL },
  { "labels", 0, 0, G_OPTION_ARG_STRING, &labels_option, N_("Count only mentions with these labels"), N_("LABEL,…") },
  { "by-document", 0, 0, G_OPTION_ARG_NONE, &by_document, N_("Give each document's figures too"), NULL },
  G_OPTION_ENTRY_NULL
};

/* The problems of a copy's walk on stderr; FALSE when a folder could not
 * be listed: it hides articles, and the figures would be wrong. */
static gboolean
report_problems (GPtrArray *problems)
{
  gboolean ok = TRUE;

  for (guint i = 0; i < problems->len; i++)
    {
      GlossatorCorpusProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *name = glossator_cli_display_name (problem->file);

      if (problem->kind == GLOSSATOR_CORPUS_PROBLEM_UNREADABLE)
        {
          fprintf (stderr, "%s: error: %s\n", name, problem->message);
          ok = FALSE;
        }
      else
        fprintf (stderr, "%s: warning: %s\n", name, problem->message);
    }
  return ok;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GlossatorCopies) copies = glossator_copies_new ();
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GlossatorAgreement) agreement = NULL;
  g_autofree const char **names = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *output = NULL;
  guint n_folders = 0, n;
  int status = GLOSSATOR_CLI_EXIT_OK;

  if (argc < 2)
    {
      glossator_cli_usage_error ("agree", _("name two annotators' copies of the corpus, or two sidecars, at least"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }
  if (labels_option != NULL)
    {
      labels = g_strsplit (labels_option, ",", -1);
      for (guint i = 0; labels[i] != NULL; i++)
        if (labels[i][0] == '\0')
          {
            glossator_cli_usage_error ("agree", _("--labels: an empty label in “%s”"), labels_option);
            return GLOSSATOR_CLI_EXIT_USAGE;
          }
    }

  for (int i = 0; i < argc; i++)
    {
      GFile *root = g_file_new_for_commandline_arg (argv[i]);
      GFileType type;

      g_ptr_array_add (roots, root);
      type = g_file_query_file_type (root, G_FILE_QUERY_INFO_NONE, NULL);
      if (type == G_FILE_TYPE_DIRECTORY)
        n_folders++;
      else if (type == G_FILE_TYPE_UNKNOWN)
        {
          fprintf (stderr, _("%s: error: no such file or folder\n"), argv[i]);
          return GLOSSATOR_CLI_EXIT_USAGE;
        }
    }
  if (n_folders != 0 && n_folders != (guint) argc)
    {
      glossator_cli_usage_error ("agree", _("name folders only (copies of the corpus) or sidecars only"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  for (int i = 0; i < argc; i++)
    {
      GFile *root = g_ptr_array_index (roots, i);

      if (n_folders > 0)
        {
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);

          glossator_copies_add_folder (copies, root, problems, NULL);
          if (!report_problems (problems))
            status = GLOSSATOR_CLI_EXIT_USAGE;
        }
      else
        {
          g_autoptr(GFile) article = glossator_corpus_article_for_sidecar (root);

          if (article == NULL)
            {
              fprintf (stderr, _("%s: error: not a sidecar (NAME.annotations.json)\n"), argv[i]);
              return GLOSSATOR_CLI_EXIT_USAGE;
            }
          glossator_copies_add_sidecar (copies, root, article);
        }
    }
  if (status != GLOSSATOR_CLI_EXIT_OK)
    return status;
  glossator_copies_name (copies, (const char * const *) argv);

  n = glossator_copies_get_n_copies (copies);
  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = glossator_copies_get_name (copies, i);
  agreement = glossator_agreement_new (names, n, (const char * const *) labels, by_document);

  paths = glossator_copies_list_paths (copies);
  for (guint p = 0; p < paths->len; p++)
    {
      const char *path = g_ptr_array_index (paths, p);
      g_autofree GlossatorLoadedCopy *loaded = g_new0 (GlossatorLoadedCopy, n);
      g_autofree GlossatorDocument **documents = g_new0 (GlossatorDocument *, n);
      g_autofree char *shown = NULL;
      g_autofree char *left_out = NULL;
      gboolean readable = TRUE;

      if (path[0] == '\0')
        {
          GFile *first;

          glossator_copies_lookup (copies, 0, path, &first, NULL);
          shown = g_file_get_basename (first);
        }
      else
        shown = g_strdup (path);

      if ((left_out = glossator_copies_why_left_out (copies, path)) != NULL)
        {
          glossator_agreement_add_left_out (agreement, shown, left_out);
          continue;
        }

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GError) error = NULL;
          GFile *failed = NULL;

          if (!glossator_copies_load (copies, i, path, &loaded[i], &failed, NULL, &error))
            {
              g_autofree char *name = glossator_cli_display_name (failed);

              fprintf (stderr, "%s: error: %s\n", name, glossator_cli_strip_file (error->message, failed));
              readable = FALSE;
            }
        }
      if (!readable)
        status = GLOSSATOR_CLI_EXIT_USAGE;
      else
        {
          g_autofree char *reason = glossator_copies_why_not_comparable (copies, loaded);

          if (reason != NULL)
            glossator_agreement_add_left_out (agreement, shown, reason);
          else
            {
              for (guint i = 0; i < n; i++)
                documents[i] = loaded[i].document;
              glossator_agreement_add_document (agreement, shown, documents);
            }
        }
      for (guint i = 0; i < n; i++)
        glossator_loaded_copy_clear (&loaded[i]);
    }

  /* Figures leaving out a document that could not be read would mislead. */
  if (status != GLOSSATOR_CLI_EXIT_OK)
    return status;

  output = as_json ? glossator_agreement_to_json (agreement) : glossator_agreement_to_text (agreement);
  fputs (output, stdout);
  return GLOSSATOR_CLI_EXIT_OK;
}

const GlossatorCliCommand glossator_cli_agree_command = {
  .name = "agree",
  .parameters = N_("COPY COPY [COPY…]"),
  .summary = N_("Measure the agreement between annotators"),
  .description = N_("Each COPY is one annotator's copy of the corpus (a folder, named after\n"
                    "the annotator) or one annotator's sidecar. Articles are paired by their\n"
                    "path in the copies; an article missing from a copy, not annotated in one,\n"
                    "or annotated on a different text (SHA-256) is listed and left out of the\n"
                    "figures. The first COPY is the reference for precision and recall.\n"
                    "Undefined figures (0/0) are “—” (null in JSON). Exit status: 0 when the\n"
                    "figures are printed, 2 on usage errors and on a file that cannot be read."),
  .entries = entries,
  .run = run,
};

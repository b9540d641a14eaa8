/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "glossator-article.h"
#include "glossator-cli.h"
#include "glossator-sidecar.h"
#include "glossator-stats.h"

static gboolean as_json;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON instead of text"), NULL },
  G_OPTION_ENTRY_NULL
};

/* Adds the document of @item to @stats; FALSE (with the reason on stderr)
 * when it cannot be read. */
static gboolean
add_item (GlossatorStats   *stats,
          GlossatorCliItem *item)
{
  g_autofree char *sidecar_name = glossator_cli_display_name (item->sidecar);
  g_autofree char *article_name = NULL;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  if (item->article == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", sidecar_name, item->orphan_message);
      return FALSE;
    }

  if (g_file_query_file_type (item->sidecar, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_UNKNOWN)
    {
      glossator_stats_add_unannotated (stats);
      return TRUE;
    }

  article_name = glossator_cli_display_name (item->article);
  article = glossator_article_load (item->article, NULL, &error);
  if (article == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", article_name, glossator_cli_strip_file (error->message, item->article));
      return FALSE;
    }

  /* Counting does not need the label schema: labels it lacks are counted too. */
  document = glossator_sidecar_load (glossator_article_get_text (article), item->sidecar,
                                     NULL, NULL, NULL, &error);
  if (document == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", sidecar_name, glossator_cli_strip_file (error->message, item->sidecar));
      return FALSE;
    }

  glossator_stats_add_document (stats, document);
  return TRUE;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GlossatorStats) stats = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autofree char *output = NULL;
  int status = GLOSSATOR_CLI_EXIT_OK;

  if (argc == 0)
    {
      glossator_cli_usage_error ("stats", _("no path given"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  stats = glossator_stats_new ();
  items = glossator_cli_collect (argc, argv, &status);
  for (guint i = 0; i < items->len; i++)
    if (!add_item (stats, g_ptr_array_index (items, i)))
      status = MAX (status, GLOSSATOR_CLI_EXIT_INVALID);

  output = as_json ? glossator_stats_to_json (stats) : glossator_stats_to_text (stats);
  fputs (output, stdout);

  return status;
}

const GlossatorCliCommand glossator_cli_stats_command = {
  .name = "stats",
  .parameters = N_("PATH…"),
  .summary = N_("Count documents, mentions, entities and stances"),
  .description = N_("Each PATH is an article, a sidecar or a folder searched recursively.\n"
                    "An article without a sidecar counts as a document to do. Sidecars that\n"
                    "cannot be read are named on standard error and left out of the counts;\n"
                    "the exit status is then 1."),
  .entries = entries,
  .run = run,
};

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "glossator-article.h"
#include "glossator-cli.h"
#include "glossator-colors.h"
#include "glossator-schema.h"
#include "glossator-sidecar.h"

static gboolean verbose;

static const GOptionEntry entries[] = {
  { "verbose", 'v', 0, G_OPTION_ARG_NONE, &verbose,
    N_("Also list valid sidecars and articles without one"), NULL },
  G_OPTION_ENTRY_NULL
};

typedef struct {
  GHashTable      *by_file;   /* schema file → GlossatorSchema*, NULL when invalid */
  GlossatorSchema *fallback;  /* the built-in default */
} Schemas;

static void
schema_unref0 (gpointer schema)
{
  if (schema != NULL)
    g_object_unref (schema);
}

static void
schemas_clear (Schemas *schemas)
{
  g_clear_pointer (&schemas->by_file, g_hash_table_unref);
  g_clear_object (&schemas->fallback);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Schemas, schemas_clear)

/* The schema governing @folder, looked up no higher than @root, the
 * folder named (see glossator_schema_find_file()); or NULL with *@broken
 * set to its file when that file is invalid or refused. Each schema file
 * is read, and reported, once. */
static GlossatorSchema *
lookup_schema (Schemas  *schemas,
               GFile    *folder,
               GFile    *root,
               GFile   **broken)
{
  g_autoptr(GFile) file = glossator_schema_find_file (folder, root);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GlossatorSchema *schema;
  gpointer cached;

  *broken = NULL;
  if (file == NULL)
    return schemas->fallback;

  if (!g_hash_table_lookup_extended (schemas->by_file, file, NULL, &cached))
    {
      cached = glossator_schema_load_for_folder (folder, root, NULL, &error);
      name = glossator_cli_display_name (file);
      if (cached == NULL)
        printf ("%s: error: %s\n", name, glossator_cli_strip_file (error->message, file));
      else
        {
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

          /* Once a schema file: labels whose mentions look alike. */
          glossator_schema_check_colors (cached, problems);
          for (guint i = 0; i < problems->len; i++)
            {
              const GlossatorProblem *problem = g_ptr_array_index (problems, i);

              printf ("%s: warning: %s: %s\n", name, problem->path, problem->message);
            }
        }
      g_hash_table_insert (schemas->by_file, g_object_ref (file), cached);
    }

  schema = cached;
  if (schema == NULL)
    *broken = g_steal_pointer (&file);
  return schema;
}

static gboolean
has_error (GPtrArray *problems)
{
  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == GLOSSATOR_PROBLEM_ERROR)
        return TRUE;
    }
  return FALSE;
}

/* Prints what is wrong with the sidecar of @item; TRUE when it is valid. */
static gboolean
check_sidecar (Schemas          *schemas,
               GlossatorCliItem *item)
{
  g_autofree char *sidecar_name = glossator_cli_display_name (item->sidecar);
  g_autofree char *article_name = NULL;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) broken = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorSchema *schema;
  gboolean valid = TRUE;

  if (item->article == NULL)
    {
      printf ("%s: error: %s\n", sidecar_name, item->orphan_message);
      return FALSE;
    }

  article_name = glossator_cli_display_name (item->article);
  article = glossator_article_load (item->article, NULL, &error);
  if (article == NULL)
    {
      printf ("%s: error: %s\n", article_name, glossator_cli_strip_file (error->message, item->article));
      return FALSE;
    }

  folder = g_file_get_parent (item->article);
  schema = lookup_schema (schemas, folder, item->root, &broken);
  if (schema == NULL)
    {
      g_autofree char *schema_name = glossator_cli_display_name (broken);

      printf (_("%s: error: the label schema %s is invalid\n"), sidecar_name, schema_name);
      valid = FALSE;
    }

  /* Without its schema the sidecar is still worth checking on its own. */
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  document = glossator_sidecar_load (glossator_article_get_text (article), item->sidecar,
                                     schema, problems, NULL, &error);

  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = glossator_problem_to_string (g_ptr_array_index (problems, i));

      printf ("%s: %s\n", sidecar_name, line);
    }

  if (document == NULL)
    {
      /* I/O errors come without a problem. */
      if (!has_error (problems))
        printf ("%s: error: %s\n", sidecar_name, glossator_cli_strip_file (error->message, item->sidecar));
      valid = FALSE;
    }

  if (valid && verbose)
    printf (_("%s: valid\n"), sidecar_name);

  return valid;
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GPtrArray) items = NULL;
  g_auto(Schemas) schemas = { 0 };
  int status = GLOSSATOR_CLI_EXIT_OK;
  guint n_checked = 0;
  guint n_invalid = 0;

  if (argc == 0)
    {
      glossator_cli_usage_error ("validate", _("no path given"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  schemas.by_file = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal,
                                           g_object_unref, schema_unref0);
  schemas.fallback = glossator_schema_new_default ();

  items = glossator_cli_collect (argc, argv, &status);
  for (guint i = 0; i < items->len; i++)
    {
      GlossatorCliItem *item = g_ptr_array_index (items, i);

      if (item->article != NULL &&
          g_file_query_file_type (item->sidecar, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_UNKNOWN)
        {
          if (verbose)
            {
              g_autofree char *name = glossator_cli_display_name (item->article);

              printf (_("%s: no sidecar, nothing to check\n"), name);
            }
          continue;
        }

      n_checked++;
      if (!check_sidecar (&schemas, item))
        n_invalid++;
    }

  fflush (stdout);
  fprintf (stderr, ngettext ("%u sidecar checked: %u valid, %u invalid\n",
                             "%u sidecars checked: %u valid, %u invalid\n", n_checked),
           n_checked, n_checked - n_invalid, n_invalid);

  if (n_invalid > 0)
    status = MAX (status, GLOSSATOR_CLI_EXIT_INVALID);
  return status;
}

const GlossatorCliCommand glossator_cli_validate_command = {
  .name = "validate",
  .parameters = N_("PATH…"),
  .summary = N_("Check the sidecars of articles against their text and label schema"),
  .description = N_("Each PATH is an article, a sidecar or a folder searched recursively.\n"
                    "Problems are printed one a line as “SIDECAR: error: JSON-PATH: message”\n"
                    "(or “warning”); a summary goes to standard error. Exit status: 0 when\n"
                    "every sidecar is valid (warnings allowed), 1 when one is not, 2 on\n"
                    "usage errors and missing paths."),
  .entries = entries,
  .run = run,
};

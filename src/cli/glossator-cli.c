/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "glossator-article.h"
#include "glossator-cli.h"
#include "glossator-corpus.h"
#include "glossator-sidecar.h"

#define PROGRAM "glossator-cli"

/* Adding a command is adding it here. */
static const GlossatorCliCommand * const commands[] = {
  &glossator_cli_validate_command,
  &glossator_cli_stats_command,
  &glossator_cli_export_command,
  &glossator_cli_import_command,
  &glossator_cli_agree_command,
  &glossator_cli_merge_command,
  &glossator_cli_setup_git_command,
};

static gboolean show_version;

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, N_("Show the version and exit"), NULL },
  G_OPTION_ENTRY_NULL
};

void
glossator_cli_usage_error (const char *command,
                           const char *format,
                           ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (command != NULL)
    {
      fprintf (stderr, "%s %s: %s\n", PROGRAM, command, message);
      fprintf (stderr, _("Run “%s help %s” for its usage.\n"), PROGRAM, command);
    }
  else
    {
      fprintf (stderr, "%s: %s\n", PROGRAM, message);
      fprintf (stderr, _("Run “%s --help” for the list of commands.\n"), PROGRAM);
    }
}

char *
glossator_cli_display_name (GFile *file)
{
  static GFile *cwd;
  g_autofree char *relative = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (cwd == NULL)
    {
      g_autofree char *dir = g_get_current_dir ();

      cwd = g_file_new_for_path (dir);
    }

  relative = g_file_get_relative_path (cwd, file);
  if (relative != NULL)
    return g_filename_display_name (relative);
  if (g_file_equal (cwd, file))
    return g_strdup (".");
  return g_file_get_parse_name (file);
}

const char *
glossator_cli_strip_file (const char *message,
                          GFile      *file)
{
  g_autofree char *path = NULL;
  g_autofree char *parse_name = NULL;
  const char *names[2];

  g_return_val_if_fail (message != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (file), message);

  path = g_file_get_path (file);
  parse_name = g_file_get_parse_name (file);
  names[0] = parse_name;
  names[1] = path;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      gsize n;

      if (names[i] == NULL)
        continue;
      n = strlen (names[i]);
      if (strncmp (message, names[i], n) == 0 && strncmp (message + n, ": ", 2) == 0)
        {
          message += n + 2;
          break;
        }
    }

  /* GIO's messages name the file once more, in one clause before the
   * reason: "Error opening file “PATH”: No such file or directory". The
   * line already leads with the file's name: only the reason is kept. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const char *at, *after;

      if (names[i] == NULL || (at = strstr (message, names[i])) == NULL)
        continue;
      if (g_strstr_len (message, at - message, ": ") != NULL)
        continue;
      after = at + strlen (names[i]);
      /* A closing quote, whichever the translation uses. */
      if (*after != '\0' && *after != ':' && g_unichar_ispunct (g_utf8_get_char_validated (after, -1)))
        after = g_utf8_next_char (after);
      if (strncmp (after, ": ", 2) == 0 && after[2] != '\0')
        return after + 2;
    }

  return message;
}

static void
item_free (gpointer data)
{
  GlossatorCliItem *item = data;

  g_clear_object (&item->article);
  g_clear_object (&item->sidecar);
  g_clear_object (&item->root);
  g_free (item->orphan_message);
  g_free (item);
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const GlossatorCliItem *item_a = *(GlossatorCliItem * const *) a;
  const GlossatorCliItem *item_b = *(GlossatorCliItem * const *) b;

  return glossator_corpus_compare_files (item_a->sidecar, item_b->sidecar);
}

/* The outermost of the folders named that holds @article, else the
 * article's own folder (it was named itself, or by its sidecar). */
static GFile *
root_of (GFile     *article,
         GPtrArray *roots)
{
  GFile *root = NULL;

  for (guint i = 0; i < roots->len; i++)
    {
      GFile *named = g_ptr_array_index (roots, i);

      if (g_file_has_prefix (article, named) && (root == NULL || g_file_has_prefix (root, named)))
        root = named;
    }

  return root != NULL ? g_object_ref (root) : g_file_get_parent (article);
}

GPtrArray *
glossator_cli_collect (int    n_paths,
                       char **paths,
                       int   *status)
{
  g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (item_free);

  for (int i = 0; i < n_paths; i++)
    g_ptr_array_add (roots, g_file_new_for_commandline_arg (paths[i]));

  /* Not cancellable: a command line program is stopped by its signal. */
  articles = glossator_corpus_collect ((GFile **) roots->pdata, roots->len, problems, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *name = glossator_cli_display_name (problem->file);
      GlossatorCliItem *item;

      switch (problem->kind)
        {
        case GLOSSATOR_CORPUS_PROBLEM_MISSING:
          fprintf (stderr, "%s: %s: %s\n", PROGRAM, name, problem->message);
          *status = MAX (*status, GLOSSATOR_CLI_EXIT_USAGE);
          break;

        case GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE:
        case GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE:
          fprintf (stderr, _("%s: warning: skipped: %s\n"), name, problem->message);
          break;

        case GLOSSATOR_CORPUS_PROBLEM_UNREADABLE:
          fprintf (stderr, _("%s: error: %s\n"), name, problem->message);
          *status = MAX (*status, GLOSSATOR_CLI_EXIT_INVALID);
          break;

        case GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR:
        default:
          item = g_new0 (GlossatorCliItem, 1);
          item->sidecar = g_object_ref (problem->file);
          item->orphan_message = g_strdup (problem->message);
          g_ptr_array_add (items, item);
          break;
        }
    }

  for (guint i = 0; i < articles->len; i++)
    {
      GlossatorCliItem *item = g_new0 (GlossatorCliItem, 1);

      item->article = g_object_ref (g_ptr_array_index (articles, i));
      item->sidecar = glossator_sidecar_file_for (item->article);
      item->root = root_of (item->article, roots);
      g_ptr_array_add (items, item);
    }

  g_ptr_array_sort (items, compare_items);
  return items;
}

static GOptionContext *
command_context_new (const GlossatorCliCommand *command)
{
  g_autofree char *prgname = g_strdup_printf ("%s %s", PROGRAM, command->name);
  GOptionContext *context;

  /* The usage line reads "glossator-cli validate [OPTION…] PATH…". */
  g_set_prgname (prgname);
  context = g_option_context_new (_(command->parameters));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  g_option_context_add_main_entries (context, command->entries, GETTEXT_PACKAGE);

  return context;
}

static const GlossatorCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (commands[i]->name, name))
      return commands[i];
  return NULL;
}

static char *
commands_description (void)
{
  GString *str = g_string_new (_("Commands:\n"));
  int width = (int) strlen ("help");

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i]->name));

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (str, "  %-*s  %s\n", width, commands[i]->name, _(commands[i]->summary));
  g_string_append_printf (str, "  %-*s  %s\n", width, "help", _("Show the usage of a command"));

  g_string_append_printf (str, _("\nRun “%s help COMMAND” for the options of a command.\n"
                                 "Exit status: 0 when everything checked is valid, 1 when something\n"
                                 "is invalid or unreadable, 2 on usage errors and missing paths."),
                          PROGRAM);

  return g_string_free (str, FALSE);
}

static GOptionContext *
main_context_new (void)
{
  g_autofree char *description = commands_description ();
  GOptionContext *context = g_option_context_new (_("COMMAND [ARGUMENT…]"));

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Check and count the annotations of a Glossator corpus."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, main_entries, GETTEXT_PACKAGE);
  /* Options after the command belong to the command. */
  g_option_context_set_strict_posix (context, TRUE);

  return context;
}

static void
print_help (GOptionContext *context)
{
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

  fputs (help, stdout);
}

static int
run_help (int    argc,
          char **argv)
{
  const GlossatorCliCommand *command;
  g_autoptr(GOptionContext) context = NULL;

  if (argc <= 1)
    {
      context = main_context_new ();
      print_help (context);
      return GLOSSATOR_CLI_EXIT_OK;
    }
  if (argc > 2)
    {
      glossator_cli_usage_error ("help", _("expected one command name"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  command = find_command (argv[1]);
  if (command == NULL && g_str_equal (argv[1], "help"))
    {
      context = main_context_new ();
      print_help (context);
      return GLOSSATOR_CLI_EXIT_OK;
    }
  if (command == NULL)
    {
      glossator_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  context = command_context_new (command);
  print_help (context);
  return GLOSSATOR_CLI_EXIT_OK;
}

static int
run_command (const GlossatorCliCommand *command,
             int                        argc,
             char                     **argv)
{
  g_autoptr(GOptionContext) context = command_context_new (command);
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      glossator_cli_usage_error (command->name, "%s", error->message);
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  return command->run (argc - 1, argv + 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GlossatorCliCommand *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_prgname (PROGRAM);

  context = main_context_new ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      glossator_cli_usage_error (NULL, "%s", error->message);
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  if (show_version)
    {
      printf ("%s %s\n", PROGRAM, PACKAGE_VERSION);
      return GLOSSATOR_CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      glossator_cli_usage_error (NULL, _("no command given"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  if (g_str_equal (argv[1], "help"))
    return run_help (argc - 1, argv + 1);

  command = find_command (argv[1]);
  if (command == NULL)
    {
      glossator_cli_usage_error (NULL, _("unknown command “%s”"), argv[1]);
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  /* The command's own parser sees "validate --verbose PATH…". */
  return run_command (command, argc - 1, argv + 1);
}

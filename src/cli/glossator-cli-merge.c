/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-atomic-file.h"
#include "glossator-cli.h"
#include "glossator-merge.h"
#include "glossator-sidecar.h"

/* Exit statuses of merge, git's convention for merge drivers. */
enum {
  MERGE_EXIT_CLEAN = 0,
  MERGE_EXIT_CONFLICTS = 1,
  MERGE_EXIT_ERROR = 2,
};

static const GOptionEntry no_entries[] = {
  G_OPTION_ENTRY_NULL
};

static int
run_merge (int    argc,
           char **argv)
{
  g_autoptr(GFile) base = NULL;
  g_autoptr(GFile) ours = NULL;
  g_autoptr(GFile) theirs = NULL;
  g_autoptr(GError) error = NULL;
  const char *path_name;
  guint n_conflicts = 0;

  if (argc != 3 && argc != 4)
    {
      glossator_cli_usage_error ("merge", _("expected BASE, OURS and THEIRS, and optionally PATH"));
      return MERGE_EXIT_ERROR;
    }

  base = g_file_new_for_commandline_arg (argv[0]);
  ours = g_file_new_for_commandline_arg (argv[1]);
  theirs = g_file_new_for_commandline_arg (argv[2]);
  path_name = argc == 4 ? argv[3] : NULL;

  if (!glossator_merge_files (base, ours, theirs, path_name, &n_conflicts, NULL, &error))
    {
      fprintf (stderr, _("glossator-cli merge: error: %s\n"), error->message);
      return MERGE_EXIT_ERROR;
    }

  if (n_conflicts > 0)
    {
      g_autofree char *name = path_name != NULL ? g_strdup (path_name) : glossator_cli_display_name (ours);

      fprintf (stderr, ngettext ("%s: %u conflict, recorded in its “conflicts” member: "
                                 "resolve it and remove its entry\n",
                                 "%s: %u conflicts, recorded in its “conflicts” member: "
                                 "resolve them and remove their entries\n", n_conflicts),
               name, n_conflicts);
      return MERGE_EXIT_CONFLICTS;
    }

  return MERGE_EXIT_CLEAN;
}

const GlossatorCliCommand glossator_cli_merge_command = {
  .name = "merge",
  .parameters = N_("BASE OURS THEIRS [PATH]"),
  .summary = N_("Merge two versions of a sidecar annotation by annotation (a git merge driver)"),
  .description = N_("Merges the changes from BASE to THEIRS into OURS and writes the result\n"
                    "to OURS, as git expects of a merge driver; BASE may be empty or missing.\n"
                    "PATH, the sidecar's name in the repository (git's %P), names it in\n"
                    "messages. Conflicts are recorded in the result's “conflicts” member,\n"
                    "which “glossator-cli validate” reports. Exit status: 0 when the merge\n"
                    "is clean, 1 when conflicts remain, 2 on errors (OURS is then unchanged)."),
  .entries = no_entries,
  .run = run_merge,
};

/* setup-git */

#define ATTRIBUTES_LINE "*" GLOSSATOR_SIDECAR_SUFFIX " merge=" GLOSSATOR_MERGE_DRIVER

static gboolean
run_git (const char  *work_tree,
         const char * const *args,
         char       **output,
         GError     **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) argv = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int wait_status;

  g_strv_builder_add_many (builder, "git", "-C", work_tree, NULL);
  g_strv_builder_addv (builder, (const char **) args);
  argv = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &wait_status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (wait_status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "git %s: %s", args[0], g_strstrip (err));
      return FALSE;
    }

  if (output != NULL)
    *output = g_strdup (g_strstrip (out));
  return TRUE;
}

/* The command git should run: "glossator-cli" when that is this program,
 * else this program's own path (a build not installed, a second copy). */
static char *
driver_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *found = g_find_program_in_path ("glossator-cli");
  g_autofree char *found_real = NULL;

  if (self == NULL)
    return g_strdup ("glossator-cli");
  if (found != NULL)
    found_real = realpath (found, NULL);
  if (found_real != NULL && g_str_equal (found_real, self))
    return g_strdup ("glossator-cli");
  return g_shell_quote (self);
}

static gboolean
has_line (const char *contents,
          const char *line)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_equal (g_strstrip (lines[i]), line))
      return TRUE;
  return FALSE;
}

/* Appends the lines of @lines missing from @name in @work_tree; prints what
 * it did. */
static gboolean
append_lines (const char          *work_tree,
              const char          *name,
              const char * const  *lines,
              GError             **error)
{
  g_autoptr(GFile) file = g_file_new_build_filename (work_tree, name, NULL);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GString) added = g_string_new (NULL);
  g_autoptr(GBytes) bytes = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      contents = g_strdup ("");
      length = 0;
    }
  if (memchr (contents, '\0', length) != NULL || !g_utf8_validate (contents, length, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("%s: not a text file; left alone"), name);
      return FALSE;
    }

  for (guint i = 0; lines[i] != NULL; i++)
    if (!has_line (contents, lines[i]))
      g_string_append_printf (added, "%s\n", lines[i]);

  if (added->len == 0)
    {
      printf (_("%s: already set up\n"), name);
      return TRUE;
    }

  bytes = g_bytes_new_take (g_strconcat (contents, length > 0 && contents[length - 1] != '\n' ? "\n" : "",
                                         added->str, NULL),
                            length + (length > 0 && contents[length - 1] != '\n') + added->len);
  if (!_glossator_atomic_file_replace (file, bytes, TRUE, NULL, error))
    return FALSE;

  g_strchomp (added->str);
  printf (_("%s: added %s\n"), name, added->str);
  return TRUE;
}

static int
run_setup_git (int    argc,
               char **argv)
{
  static const char * const attributes[] = { ATTRIBUTES_LINE, NULL };
  /* The backups every save keeps, and what an interrupted save leaves. */
  static const char * const ignored[] = {
    "*" GLOSSATOR_SIDECAR_SUFFIX "~",
    ".*.glossator-tmp-*",
    NULL
  };
  static const char * const toplevel[] = { "rev-parse", "--show-toplevel", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *work_tree = NULL;
  g_autofree char *program = NULL;
  g_autofree char *driver = NULL;
  const char *dir = argc > 0 ? argv[0] : ".";

  if (argc > 1)
    {
      glossator_cli_usage_error ("setup-git", _("expected at most one folder"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  if (!run_git (dir, toplevel, &work_tree, &error))
    {
      fprintf (stderr, _("glossator-cli setup-git: error: %s: not in a git work tree (%s)\n"), dir, error->message);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }

  program = driver_program ();
  driver = g_strdup_printf ("%s merge %%O %%A %%B %%P", program);
  {
    const char * const set_name[] = { "config", "merge." GLOSSATOR_MERGE_DRIVER ".name", "Glossator annotations", NULL };
    const char * const set_driver[] = { "config", "merge." GLOSSATOR_MERGE_DRIVER ".driver", driver, NULL };

    if (!run_git (work_tree, set_name, NULL, &error) || !run_git (work_tree, set_driver, NULL, &error))
      {
        fprintf (stderr, _("glossator-cli setup-git: error: %s\n"), error->message);
        return GLOSSATOR_CLI_EXIT_INVALID;
      }
  }
  printf (_("git config merge.glossator.driver: %s\n"), driver);

  if (!append_lines (work_tree, ".gitattributes", attributes, &error) ||
      !append_lines (work_tree, ".gitignore", ignored, &error))
    {
      fprintf (stderr, _("glossator-cli setup-git: error: %s\n"), error->message);
      return GLOSSATOR_CLI_EXIT_INVALID;
    }

  return GLOSSATOR_CLI_EXIT_OK;
}

const GlossatorCliCommand glossator_cli_setup_git_command = {
  .name = "setup-git",
  .parameters = N_("[DIR]"),
  .summary = N_("Set up the git repository holding DIR to merge sidecars with glossator-cli merge"),
  .description = N_("In the work tree holding DIR (the working folder by default): sets the\n"
                    "merge driver in the repository's own git config, adds\n"
                    "“*.annotations.json merge=glossator” to .gitattributes and the sidecars'\n"
                    "backups to .gitignore, each line only when it is not there yet.\n"
                    "Commit .gitattributes and .gitignore; each clone runs setup-git once."),
  .entries = no_entries,
  .run = run_setup_git,
};

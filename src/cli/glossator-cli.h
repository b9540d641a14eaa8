/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-corpus.h"

G_BEGIN_DECLS

/* Exit statuses, documented in --help. */
enum {
  GLOSSATOR_CLI_EXIT_OK = 0,
  GLOSSATOR_CLI_EXIT_INVALID = 1,   /* something checked is invalid or unreadable */
  GLOSSATOR_CLI_EXIT_USAGE = 2,     /* bad arguments, or a path that does not exist */
};

/* One subcommand: "glossator-cli NAME [OPTION…] PARAMETERS". Its options
 * live in static storage of its own file, filled in before run() is called
 * with the remaining arguments (program and command names removed). */
typedef struct {
  const char         *name;
  const char         *parameters;   /* e.g. "PATH…" */
  const char         *summary;      /* one line, for the command list */
  const char         *description;  /* after the options in its --help; nullable */
  const GOptionEntry *entries;
  int               (*run)          (int    argc,
                                     char **argv);
} GlossatorCliCommand;

extern const GlossatorCliCommand glossator_cli_validate_command;
extern const GlossatorCliCommand glossator_cli_stats_command;
extern const GlossatorCliCommand glossator_cli_export_command;
extern const GlossatorCliCommand glossator_cli_import_command;
extern const GlossatorCliCommand glossator_cli_agree_command;
extern const GlossatorCliCommand glossator_cli_merge_command;
extern const GlossatorCliCommand glossator_cli_setup_git_command;

/* Every article and orphan sidecar under the paths, sorted by sidecar. */
typedef struct {
  GFile      *article;  /* NULL for an orphan sidecar */
  GFile      *sidecar;
  GFile      *root;     /* the folder named that holds the article, else its own folder; NULL for an orphan */
  char       *orphan_message;
} GlossatorCliItem;

/* Collects the corpus named by @paths. Paths that do not exist and folders
 * that cannot be listed are reported on stderr and raise *@status (to 2 and
 * 1); files that are not articles are skipped with a warning. Orphan
 * sidecars are returned as items for the command to report. */
GPtrArray  *glossator_cli_collect             (int          n_paths,
                                               char       **paths,
                                               int         *status);
/* The file as the user would name it: relative to the working folder when
 * inside it. */
char       *glossator_cli_display_name        (GFile       *file);
/* @message without a leading "FILE: " naming @file (core errors name files
 * by their full path; the CLI names them by display name), nor GIO's own
 * naming of @file before the reason ("Error opening file “FILE”: "). */
const char *glossator_cli_strip_file          (const char  *message,
                                               GFile       *file);
void        glossator_cli_usage_error         (const char  *command,
                                               const char  *format,
                                               ...) G_GNUC_PRINTF (2, 3);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-format.h"

G_BEGIN_DECLS

/* Shared by the export and import commands: their format options come
 * from the format registry, so a new format needs no change here. */

/* Fills @entries (room for @n_entries, NULL-terminated) after the @n_fixed
 * entries already there with one --NAME per format option of @scope, and
 * @description with the formats and their options. Both stay valid for
 * the life of the program. */
void        glossator_cli_formats_setup    (GOptionEntry          *entries,
                                            guint                  n_fixed,
                                            guint                  n_entries,
                                            GlossatorFormatScope   scope,
                                            const char            *intro,
                                            char                 **description);

/* The format options given on the command line (name → value). */
GHashTable *glossator_cli_formats_options  (void);

/* Looks @name up; prints a usage error naming the formats that can do
 * @scope when it is unknown or cannot. */
const GlossatorFormat *glossator_cli_formats_lookup (const char            *command,
                                                     const char            *name,
                                                     GlossatorFormatScope   scope);

/* Whether the format options given suit @format for @scope; prints a
 * usage error saying why not. */
gboolean    glossator_cli_formats_check_options (const char             *command,
                                                 const GlossatorFormat  *format,
                                                 GlossatorFormatScope    scope);

/* "PATH: warning: $.x: message" on standard error. */
void        glossator_cli_formats_print_problem (const char             *where,
                                                 const GlossatorProblem *problem);

G_END_DECLS

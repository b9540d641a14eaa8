/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-format.h"

G_BEGIN_DECLS

/* What the export and import dialogs (and the window) share. */

/* "~/Corpora/Week 1" rather than the full path. */
char        *glossator_display_path              (GFile                 *file);
/* Whether @file is one of the folders in @roots or inside one. */
gboolean     glossator_dataset_file_in_roots     (GFile                 *file,
                                                  GPtrArray             *roots);
/* An AdwMessageDialog over @parent with one Close response. */
void         glossator_dataset_show_error        (GtkWindow             *parent,
                                                  const char            *heading,
                                                  const char            *body);
/* Starts pulsing @bar and returns the source id, for work without a count. */
guint        glossator_dataset_pulse             (GtkProgressBar        *bar);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The first start's question: the annotator's name, credited with every
 * mention and stance, kept in the "annotator" key of the settings. */

/* Whether to ask: no name is set yet. */
gboolean   glossator_annotator_prompt_needed (GSettings *settings);

/* A dialog over @parent with an entry holding the account's real name
 * (empty when the system has none). Enter saves the name to @settings;
 * Escape or Later leaves the key empty, so the next start asks again. */
GtkWidget *glossator_annotator_prompt_new    (GtkWindow *parent,
                                              GSettings *settings);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_DETAILS_WINDOW (glossator_details_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorDetailsWindow, glossator_details_window, GLOSSATOR, DETAILS_WINDOW, AdwWindow)

/* The whole summary of an export or import, with every problem, in a
 * window of its own: it can be long, and it can be selected and copied.
 * Escape and Ctrl+W close it. With @folder (nullable), an Open Folder
 * button emits "open-folder" and closes the window. */
GtkWidget  *glossator_details_window_new      (const char *title,
                                               const char *details,
                                               GFile      *folder);
const char *glossator_details_window_get_text (GlossatorDetailsWindow *self);

G_END_DECLS

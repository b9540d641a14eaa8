/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_PREFERENCES_WINDOW (glossator_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorPreferencesWindow, glossator_preferences_window, GLOSSATOR, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every row is bound to a key of @settings and applies at once. */
GtkWidget *glossator_preferences_window_new (GSettings *settings);

G_END_DECLS

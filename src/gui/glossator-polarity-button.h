/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_POLARITY_BUTTON (glossator_polarity_button_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorPolarityButton, glossator_polarity_button, GLOSSATOR, POLARITY_BUTTON, GtkToggleButton)

/* A toggle for one polarity in the stance editor: a swatch of its colour,
 * its name and, dimmed, the key that picks it; the key is in its
 * accessible name and tooltip too. */

GtkWidget  *glossator_polarity_button_new          (const GlossatorLabel    *polarity);
const char *glossator_polarity_button_get_polarity (GlossatorPolarityButton *self);

G_END_DECLS

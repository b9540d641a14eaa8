/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_APPLICATION (glossator_application_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorApplication, glossator_application, GLOSSATOR, APPLICATION, AdwApplication)

GlossatorApplication *glossator_application_new              (void);
GSettings            *glossator_application_get_settings     (GlossatorApplication *self);
/* The sample corpus shipped with Glossator: $GLOSSATOR_SAMPLES_DIR when set
 * (running from the build tree), else the installed SAMPLES_DIR. */
GFile                *glossator_application_get_samples_dir  (GlossatorApplication *self);

G_END_DECLS

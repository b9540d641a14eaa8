/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-application.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_WINDOW (glossator_window_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorWindow, glossator_window, GLOSSATOR, WINDOW, AdwApplicationWindow)

GlossatorWindow *glossator_window_new          (GlossatorApplication *application);
/* Opens the articles under @files (folders and articles) as the corpus,
 * after saving the open article. */
void             glossator_window_open_files   (GlossatorWindow      *self,
                                                GFile               **files,
                                                guint                 n_files);
/* Whether a corpus is open (or being opened). */
gboolean         glossator_window_has_corpus   (GlossatorWindow      *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_IMPORT_DIALOG (glossator_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorImportDialog, glossator_import_dialog, GLOSSATOR, IMPORT_DIALOG, AdwWindow)

/* Imports datasets of one of the registry's formats into a folder: format,
 * input files, the folder (@folder, nullable, is suggested), whether to
 * replace annotations that exist, the format's options; then progress with
 * Cancel. When the import is over the dialog emits "finished" with a line
 * for a toast, the full summary, the folder and the number of articles
 * written, and closes. */
GtkWidget  *glossator_import_dialog_new             (GFile                 *folder);
gboolean    glossator_import_dialog_set_format      (GlossatorImportDialog *self,
                                                     const char            *name);
const char *glossator_import_dialog_get_format      (GlossatorImportDialog *self);
gboolean    glossator_import_dialog_set_option      (GlossatorImportDialog *self,
                                                     const char            *name,
                                                     const char            *value);
void        glossator_import_dialog_set_inputs      (GlossatorImportDialog *self,
                                                     GFile * const         *inputs,
                                                     guint                  n_inputs);
void        glossator_import_dialog_set_destination (GlossatorImportDialog *self,
                                                     GFile                 *folder);
void        glossator_import_dialog_set_replace     (GlossatorImportDialog *self,
                                                     gboolean               replace);
gboolean    glossator_import_dialog_get_running     (GlossatorImportDialog *self);

G_END_DECLS

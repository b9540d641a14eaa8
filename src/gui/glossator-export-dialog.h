/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_EXPORT_DIALOG (glossator_export_dialog_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorExportDialog, glossator_export_dialog, GLOSSATOR, EXPORT_DIALOG, AdwWindow)

/* Exports the corpus under @roots, or only @article (nullable), to one of
 * the formats of the registry: format, articles, the format's options and
 * where to save, then a progress bar with Cancel. When the export is over
 * (done, failed or cancelled) the dialog emits "finished" with a line for
 * a toast and the full summary (nullable), and closes. */
GtkWidget  *glossator_export_dialog_new             (GFile * const         *roots,
                                                     guint                  n_roots,
                                                     GFile                 *article);
/* What the rows do, for tests and scripts. */
gboolean    glossator_export_dialog_set_format      (GlossatorExportDialog *self,
                                                     const char            *name);
void        glossator_export_dialog_set_whole_corpus (GlossatorExportDialog *self,
                                                     gboolean               whole_corpus);
const char *glossator_export_dialog_get_format      (GlossatorExportDialog *self);
/* The corpus's mention labels, offered to tick for "Only these labels". */
void        glossator_export_dialog_set_labels      (GlossatorExportDialog *self,
                                                     const char * const    *labels);
gboolean    glossator_export_dialog_set_option      (GlossatorExportDialog *self,
                                                     const char            *name,
                                                     const char            *value);
/* A file, or a folder for formats that write one. Without one, Export asks
 * where to save first. */
void        glossator_export_dialog_set_destination (GlossatorExportDialog *self,
                                                     GFile                 *destination);
GFile      *glossator_export_dialog_get_destination (GlossatorExportDialog *self);
/* Whether an export is under way. */
gboolean    glossator_export_dialog_get_running     (GlossatorExportDialog *self);

G_END_DECLS

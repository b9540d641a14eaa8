/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_STANCE_ROW (glossator_stance_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorStanceRow, glossator_stance_row, GLOSSATOR, STANCE_ROW, GtkListBoxRow)

/* One stance in the stances panel's list: "holder → target" with Edit and
 * Delete buttons (none when read-only; they emit "edit" and "delete"), a
 * swatch of the polarity's colour with the details ("against · intensity
 * 2"), and the evidence, dimmed, on up to three lines. Its accessible name
 * is "summary. details. evidence". */

GtkWidget  *glossator_stance_row_new           (const char         *stance_id,
                                                const char         *title,
                                                const char         *summary,
                                                const char         *details,
                                                const char         *evidence,
                                                const char         *color,
                                                gboolean            read_only);
const char *glossator_stance_row_get_stance_id (GlossatorStanceRow *self);
/* "holder → target: polarity" */
const char *glossator_stance_row_get_summary   (GlossatorStanceRow *self);

G_END_DECLS

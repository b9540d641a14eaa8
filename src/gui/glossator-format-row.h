/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-format.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_FORMAT_ROW (glossator_format_row_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorFormatRow, glossator_format_row, GLOSSATOR, FORMAT_ROW, AdwComboRow)

/* A combo row of the registry's formats that can export, or import
 * (property "purpose": "export" or "import"), with the chosen one's
 * description under it. It starts on the format used last, which
 * glossator_format_row_remember() records. */
const GlossatorFormat *glossator_format_row_get_format  (GlossatorFormatRow *self);
/* FALSE when there is no such format for the row's purpose. */
gboolean               glossator_format_row_set_format  (GlossatorFormatRow *self,
                                                         const char         *name);
void                   glossator_format_row_remember    (GlossatorFormatRow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "glossator-format.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_FORMAT_OPTIONS_GROUP (glossator_format_options_group_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorFormatOptionsGroup, glossator_format_options_group, GLOSSATOR, FORMAT_OPTIONS_GROUP, AdwPreferencesGroup)

/* A preferences group with a row for each option a format has for
 * exporting or importing (switches, drop-downs, entries), built from the
 * format registry; hidden when the format has none. */
GtkWidget  *glossator_format_options_group_new       (void);
/* Shows the options @format (nullable) has for @scope. */
void        glossator_format_options_group_set_format (GlossatorFormatOptionsGroup *self,
                                                      const GlossatorFormat        *format,
                                                      GlossatorFormatScope          scope);
/* The corpus's mention labels (nullable): the "labels" option becomes a
 * list of them to tick instead of an entry. */
void        glossator_format_options_group_set_labels (GlossatorFormatOptionsGroup *self,
                                                      const char * const          *labels);
guint       glossator_format_options_group_get_n_rows (GlossatorFormatOptionsGroup *self);
/* Puts @value into the row of option @name, as a person would; FALSE
 * when there is no such row or the value is not one of its choices. */
gboolean    glossator_format_options_group_set_value (GlossatorFormatOptionsGroup *self,
                                                      const char                  *name,
                                                      const char                  *value);
/* The values set in the rows (see glossator_format_options_new()); blank
 * entries are left out so that the format's default applies. */
GHashTable *glossator_format_options_group_dup_options (GlossatorFormatOptionsGroup *self);

G_END_DECLS

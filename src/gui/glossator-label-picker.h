/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_LABEL_PICKER (glossator_label_picker_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorLabelPicker, glossator_label_picker, GLOSSATOR, LABEL_PICKER, GtkPopover)

/* Every label of a schema, however many, in a list that a typed filter
 * narrows (by name, key or description); Up and Down choose, Enter or a
 * click emits "label-chosen" (const char *label) and closes it. */
GtkWidget *glossator_label_picker_new        (void);
void       glossator_label_picker_set_schema (GlossatorLabelPicker *self,
                                              GlossatorSchema      *schema);
/* Shows every label again, the first one chosen, the filter focused. */
void       glossator_label_picker_popup      (GlossatorLabelPicker *self);

G_END_DECLS

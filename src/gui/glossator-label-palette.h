/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_LABEL_PALETTE (glossator_label_palette_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorLabelPalette, glossator_label_palette, GLOSSATOR, LABEL_PALETTE, GtkWidget)

/* One button per label of the schema, with its colour and key, in one
 * row: those that do not fit give way to "More…" (the picker). Clicking
 * one emits "label-activated" (const char *label). The buttons never take
 * the focus, so the text selection they act on stays. */
GtkWidget       *glossator_label_palette_new        (void);
void             glossator_label_palette_set_schema (GlossatorLabelPalette *self,
                                                     GlossatorSchema       *schema);
GlossatorSchema *glossator_label_palette_get_schema (GlossatorLabelPalette *self);
/* Opens the picker of every label, pointing at @over (in the palette's
 * coordinates: the text selection, say) or at "More…"; a label chosen
 * there is "label-activated" too. */
void             glossator_label_palette_pick       (GlossatorLabelPalette *self,
                                                     const GdkRectangle    *over);
GtkPopover      *glossator_label_palette_get_picker (GlossatorLabelPalette *self);

/* "#rrggbb" → @rgba (opaque); a neutral grey when @color is not a colour. */
void             glossator_label_color_parse        (const char            *color,
                                                     GdkRGBA               *rgba);
/* A small rounded square in a label's colour, hidden from screen readers
 * (the label's name always sits next to it). */
GtkWidget       *glossator_label_swatch_new         (const char            *color);
typedef enum {
  GLOSSATOR_ENTITY_ROW_MERGE_INTO,
  GLOSSATOR_ENTITY_ROW_LINK_TO,
} GlossatorEntityRowPurpose;

/* A list row for choosing an entity: swatch, name, "LABEL · N mentions",
 * with an accessible name saying what choosing it does. The row carries
 * the entity id as "glossator-entity-id". */
GtkWidget       *glossator_entity_row_new           (GlossatorDocument     *document,
                                                     GlossatorSchema       *schema,
                                                     GlossatorEntity       *entity,
                                                     GlossatorEntityRowPurpose purpose);
void             glossator_label_swatch_set_color   (GtkWidget             *swatch,
                                                     const char            *color);
/* The keys that tag with label @index: "1/P", "P", "1" or NULL. */
char            *glossator_label_dup_key_hint       (GlossatorSchema       *schema,
                                                     guint                  index);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-mention-painter.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_MENTION_TEXT (glossator_mention_text_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorMentionText, glossator_mention_text, GLOSSATOR, MENTION_TEXT, GtkTextView)

/* The article's text view. Over the painter's tints it draws, for the
 * visible lines only: each mention's label chip in a band above its first
 * fragment (while show-chips is on), one underline per nesting row in the
 * label's colour, and an outline around every fragment of the selected
 * mention. */
GtkWidget *glossator_mention_text_new            (void);
void       glossator_mention_text_set_painter    (GlossatorMentionText    *self,
                                                  GlossatorMentionPainter *painter);
gboolean   glossator_mention_text_get_show_chips (GlossatorMentionText    *self);
void       glossator_mention_text_set_show_chips (GlossatorMentionText    *self,
                                                  gboolean                 show_chips);
/* Sets the line spacing for text of @points: a band for the chips is
 * added above lines while they are shown. */
void       glossator_mention_text_set_text_size  (GlossatorMentionText    *self,
                                                  guint                    points);

/* What is drawn, in buffer coordinates, for the widget tests. */
typedef struct {
  GlossatorMention *mention;
  char             *text;    /* the label's name, or its key letter */
  GdkRectangle      area;
  guint             row;     /* 0 right above the text, 1 stacked above that */
} GlossatorChip;

typedef struct {
  GlossatorMention *mention;
  guint             row;     /* nesting row, 0 nearest the text */
  GdkRectangle      area;    /* one line of one fragment */
} GlossatorMentionLine;

/* Chips of the mentions starting in the visible part (none while chips
 * are off), laid out so that none overlaps another: shifted along their
 * line, and where a line has more than fit, stacked in two rows (the
 * paragraph's band grows for it, from the next frame on). */
GArray    *glossator_mention_text_list_chips     (GlossatorMentionText    *self);
/* The visible mentions' fragments, one area per display line, with their
 * nesting rows. */
GArray    *glossator_mention_text_list_lines     (GlossatorMentionText    *self);
/* The areas outlined around the selected mention's fragments. */
GArray    *glossator_mention_text_list_outline   (GlossatorMentionText    *self);
/* The band reserved above lines for chips, in pixels (0 while off). */
int        glossator_mention_text_get_chip_band  (GlossatorMentionText    *self);

G_END_DECLS

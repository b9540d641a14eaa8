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

/* Stances in the text (glossator-mention-text-stances.c). Every visible
 * evidence span has a bar in the left margin in its polarity's colour,
 * one lane per overlapping stance; hovering one names the stance. The
 * shown stance (the one selected in the stances panel) has its evidence
 * outlined, its holder and target mentions outlined and joined by a
 * connector from holder to target; an end out of view gets a marker at
 * the view's top or bottom edge naming it. */
typedef struct {
  GlossatorStance *stance;
  guint            evidence;  /* which of its evidence spans */
  guint            lane;      /* 0 nearest the text */
  GdkRectangle     area;      /* the bar, in the left margin */
  GdkRGBA          color;     /* the polarity's */
} GlossatorStanceMark;

typedef enum {
  GLOSSATOR_STANCE_END_NONE,       /* no mention: the author, a topic, unspecified */
  GLOSSATOR_STANCE_END_ON_SCREEN,
  GLOSSATOR_STANCE_END_ABOVE,
  GLOSSATOR_STANCE_END_BELOW,
} GlossatorStanceEndPlace;

typedef struct {
  GlossatorMention        *mention;  /* the entity's mention in or nearest the evidence */
  char                    *name;     /* as the stances panel names it */
  GlossatorStanceEndPlace  place;
  GdkRectangle             area;     /* the mention's first line */
  GdkRectangle             marker;   /* at the view's edge while out of view, else empty */
  graphene_point_t         anchor;   /* where the connector meets it */
} GlossatorStanceEnd;

typedef struct {
  GlossatorStance    *stance;    /* NULL when none is shown */
  GdkRGBA             color;
  GlossatorStanceEnd  holder;
  GlossatorStanceEnd  target;
  GArray             *evidence;  /* GdkRectangle: the visible lines of the evidence */
  gboolean            connected; /* a connector joins holder.anchor to target.anchor */
  graphene_point_t    control1;  /* of the connector, a cubic Bézier curve */
  graphene_point_t    control2;
} GlossatorStanceLink;

/* The marks of the evidence spans in view, in buffer coordinates. */
GArray     *glossator_mention_text_list_stance_marks (GlossatorMentionText *self);
/* "holder → target: polarity" of the mark at (@x, @y) in buffer
 * coordinates, or NULL. */
char       *glossator_mention_text_dup_stance_mark_text (GlossatorMentionText *self,
                                                      int                   x,
                                                      int                   y);
/* Draws the stance @stance_id as the shown one (NULL: none). */
void        glossator_mention_text_show_stance       (GlossatorMentionText *self,
                                                      const char           *stance_id);
const char *glossator_mention_text_get_shown_stance  (GlossatorMentionText *self);
/* What is drawn for the shown stance; clear it with
 * glossator_stance_link_clear(). */
void        glossator_mention_text_get_stance_link   (GlossatorMentionText *self,
                                                      GlossatorStanceLink  *link);
void        glossator_stance_link_clear              (GlossatorStanceLink  *link);
/* Scrolls @offset's line to @yalign of the view (0 top, 1 bottom), or
 * just into view when @yalign is negative, once the lines before it are
 * laid out. */
void        glossator_mention_text_scroll_to         (GlossatorMentionText *self,
                                                      guint                 offset,
                                                      double                yalign);
/* Scrolls to the shown stance's holder when it is out of view, on the
 * next call to its target when that is, then back to where the first call
 * was made. Returns what to announce ("Holder: …", "Back"), or NULL when
 * no end is out of view. */
char       *glossator_mention_text_jump_stance_end   (GlossatorMentionText *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-mention-text.h"

G_BEGIN_DECLS

/* Shared by glossator-mention-text.c (chips, nesting, outline) and
 * glossator-mention-text-stances.c (stance marks). */
GlossatorMentionPainter *_glossator_mention_text_get_painter        (GlossatorMentionText *self);
/* The code points shown, with a line either side. */
void                     _glossator_mention_text_get_visible_range  (GlossatorMentionText *self,
                                                                     guint                *start,
                                                                     guint                *end);
/* Appends one area per display line of [start, end), line breaks left out. */
void                     _glossator_mention_text_add_fragment_areas (GlossatorMentionText *self,
                                                                     guint                 start,
                                                                     guint                 end,
                                                                     GArray               *areas);

typedef struct _GlossatorStanceMarks GlossatorStanceMarks;

GlossatorStanceMarks    *_glossator_stance_marks_new                (GlossatorMentionText *view);
void                     _glossator_stance_marks_free               (GlossatorStanceMarks *self);
GlossatorStanceMarks    *_glossator_mention_text_get_stance_marks   (GlossatorMentionText *self);
void                     _glossator_stance_marks_snapshot_below     (GlossatorStanceMarks *self,
                                                                     GtkSnapshot          *snapshot);
/* The shown stance's outlines and connector, drawn before the chips, and
 * its markers, drawn last. */
void                     _glossator_stance_marks_snapshot_above     (GlossatorStanceMarks *self,
                                                                     GtkSnapshot          *snapshot);
void                     _glossator_stance_marks_snapshot_top       (GlossatorStanceMarks *self,
                                                                     GtkSnapshot          *snapshot);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "glossator-schema.h"

G_BEGIN_DECLS

/* sRGB, each channel 0…1. */
typedef struct {
  double red;
  double green;
  double blue;
} GlossatorRgb;

/* CIE L*a*b* (D65). */
typedef struct {
  double l;
  double a;
  double b;
} GlossatorLab;

/* The marks the article view draws besides label tints. */
typedef enum {
  GLOSSATOR_MARK_SELECTION,      /* text selection: a strong fill */
  GLOSSATOR_MARK_SEARCH_HIT,     /* search match: a double underline, no fill */
  GLOSSATOR_MARK_SEARCH_CURRENT, /* current match: a strong fill */
  GLOSSATOR_MARK_EVIDENCE,       /* stance evidence: a wavy underline, no fill */
  GLOSSATOR_N_MARKS
} GlossatorMark;

/* The common red-green colour-vision deficiencies, at full severity. */
typedef enum {
  GLOSSATOR_VISION_DEUTERANOPIA,
  GLOSSATOR_VISION_PROTANOPIA,
} GlossatorVision;

gboolean     glossator_rgb_parse          (const char         *hex,
                                           GlossatorRgb       *rgb);
void         glossator_rgb_to_lab         (const GlossatorRgb *rgb,
                                           GlossatorLab       *lab);
/* How @rgb looks to a person with @vision (Machado, Oliveira and
 * Fernandes 2009). */
void         glossator_rgb_simulate       (const GlossatorRgb *rgb,
                                           GlossatorVision     vision,
                                           GlossatorRgb       *seen);
double       glossator_lab_delta_e00      (const GlossatorLab *lab1,
                                           const GlossatorLab *lab2);
/* The article's background colour ("#rrggbb"). */
const char  *glossator_view_background    (gboolean            dark);
/* How much of a label's colour tints its mentions over the background;
 * nested (inner) mentions get more. */
double       glossator_label_tint_alpha   (gboolean            dark,
                                           gboolean            nested);
/* The colour a mention of a label with @color ("#rrggbb") shows on the
 * article's background. FALSE when @color is not "#rrggbb". */
gboolean     glossator_label_tint         (const char         *color,
                                           gboolean            dark,
                                           GlossatorRgb       *tint);
/* The colour of @mark ("#rrggbb"): its fill, or its lines where it has no
 * fill. Chosen apart from every label tint (tests/test-colors.c). */
const char  *glossator_mark_color         (GlossatorMark       mark,
                                           gboolean            dark);

/* Labels whose mentions look alike: a label tint at least this far
 * (ΔE00) from every other in light and in dark is told apart at a glance. */
#define GLOSSATOR_MIN_TINT_DELTA_E 10.0

/* Appends to @problems (GlossatorProblem*) a warning for each pair of
 * @schema's labels whose tints are closer than GLOSSATOR_MIN_TINT_DELTA_E
 * in the light or the dark style, at the later label's colour
 * ("$.labels[3].color"). Returns how many. */
guint        glossator_schema_check_colors (GlossatorSchema   *schema,
                                            GPtrArray         *problems);

G_END_DECLS

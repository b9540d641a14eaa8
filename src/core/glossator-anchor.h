/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "glossator-text.h"

G_BEGIN_DECLS

/* Re-anchoring of a span whose text may have changed since it was recorded
 * (W3C TextQuote + TextPosition selectors, scored as Hypothesis does). */

typedef enum {
  GLOSSATOR_ANCHOR_KEPT,      /* offsets still hold the exact quote */
  GLOSSATOR_ANCHOR_MOVED,     /* found elsewhere (exactly or approximately) */
  GLOSSATOR_ANCHOR_ORPHANED,  /* no match scoring at least the threshold */
} GlossatorAnchorOutcome;

typedef struct {
  GlossatorAnchorOutcome outcome;
  guint start;   /* new offsets; the old ones, clamped, when orphaned */
  guint end;
  double score;  /* 0..1 */
} GlossatorAnchorResult;

#define GLOSSATOR_ANCHOR_THRESHOLD 0.75

/* @exact must not be NULL; @prefix/@suffix may be NULL or empty.
 * @old_start/@old_end are where the span was (a hint for proximity). */
void glossator_anchor_span (GlossatorText         *text,
                            const char            *exact,
                            const char            *prefix,
                            const char            *suffix,
                            guint                  old_start,
                            guint                  old_end,
                            GlossatorAnchorResult *result);

/* The substring of @text closest to @pattern (non-empty) in Levenshtein
 * distance over code points, if within @max_errors; among equally close
 * ones the one nearest @hint. Returns the distance, or -1 when there is
 * none. */
int  glossator_anchor_find_approximate (GlossatorText *text,
                                        const char    *pattern,
                                        guint          max_errors,
                                        guint          hint,
                                        guint         *start,
                                        guint         *end);

/* Length of the stored context on each side, in code points. */
#define GLOSSATOR_QUOTE_CONTEXT 32

/* The quote selector of [start, end) in @text: exact text and up to
 * GLOSSATOR_QUOTE_CONTEXT code points of context each side, widened so a
 * grapheme cluster (ZWJ sequence, flag) is never cut. */
void glossator_anchor_quote (GlossatorText *text,
                             guint          start,
                             guint          end,
                             char         **exact,
                             char         **prefix,
                             char         **suffix);

G_END_DECLS

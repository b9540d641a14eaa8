/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-document.h"
#include "glossator-text.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSATOR_SEARCH_DEFAULT    = 0,
  GLOSSATOR_SEARCH_MATCH_CASE = 1 << 0,
  GLOSSATOR_SEARCH_WHOLE_WORD = 1 << 1,
} GlossatorSearchFlags;

/* One occurrence, in code points, end-exclusive. */
typedef struct {
  guint start;
  guint end;
} GlossatorSearchHit;

/* Non-overlapping occurrences of @needle in @text, in order, starting and
 * ending on grapheme boundaries (so "e" never matches inside a decomposed
 * "é"). Case is compared per code point (simple case mapping), which keeps
 * offsets exact; the text is never normalised. At most @max_hits are
 * returned (0 for no limit). */
GArray *glossator_text_search               (GlossatorText        *text,
                                             const char           *needle,
                                             GlossatorSearchFlags  flags,
                                             guint                 max_hits);
/* Whether [start, end) begins and ends at word boundaries. */
gboolean glossator_text_is_whole_word       (GlossatorText        *text,
                                             guint                 start,
                                             guint                 end);

G_END_DECLS

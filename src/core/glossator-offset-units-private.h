/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-text.h"

G_BEGIN_DECLS

/* Offsets in UTF-16 code units: the UTF-16 offset of every code point
 * offset of @text (length + 1 entries). */
guint      *_glossator_utf16_offsets        (GlossatorText     *text);
/* The code point at UTF-16 offset @offset; FALSE when it is past the end
 * or inside a surrogate pair. */
gboolean    _glossator_utf16_to_codepoint   (const guint       *utf16_offsets,
                                             guint              length,
                                             gint64             offset,
                                             guint             *codepoint);

/* [start, end) counted in code points (@utf16_offsets NULL) or UTF-16
 * code units, in code points; FALSE with @why when it is empty, reversed,
 * past the end or splits a surrogate pair. */
gboolean    _glossator_span_from_unit       (GlossatorText     *text,
                                             const guint       *utf16_offsets,
                                             gint64             start,
                                             gint64             end,
                                             guint             *cp_start,
                                             guint             *cp_end,
                                             char             **why);

/* Stored span text (brat T lines, Label Studio value.text) against the
 * article: TRUE when @a and @b differ, but not once white space is
 * collapsed and trimmed (what --lenient accepts). */
gboolean    _glossator_differs_in_space_only (const char       *a,
                                             const char        *b);
/* Narrows @pairs (start, end code points, sorted) to @stored, for
 * --lenient: white space at the start of the first fragment is cut off
 * unless @stored begins with white space, and at the end of the last
 * unless it ends with some; fragments left empty go. Never widens. */
void        _glossator_trim_to_stored       (GlossatorText     *text,
                                             GArray            *pairs,
                                             const char        *stored);

G_END_DECLS

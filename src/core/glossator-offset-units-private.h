/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-text.h"

G_BEGIN_DECLS

/* For exports in UTF-16 code units: the UTF-16 offset of every code
 * point offset of @text (length + 1 entries). */
guint      *_glossator_utf16_offsets        (GlossatorText     *text);

/* Offset units: how a file counts the offsets of its spans, and turning
 * them into code points. Where the span text is stored (brat T lines,
 * Label Studio value.text), importers try the candidates and keep the one
 * under which the texts match; where it is not (doccano), the unit comes
 * from an option, or from the offsets when only one unit fits them all. */

typedef enum {
  GLOSSATOR_COUNT_CODEPOINTS,
  GLOSSATOR_COUNT_CRLF_AS_ONE,   /* code points, CRLF counted as one (brat 1.3, Python 2) */
  GLOSSATOR_COUNT_UTF16,         /* UTF-16 code units (JavaScript strings) */
  GLOSSATOR_COUNT_GRAPHEMES,     /* grapheme clusters */
} GlossatorCounting;

typedef struct {
  GlossatorCounting  counting;
  gboolean           bom_counted;  /* offset 0 is the BOM (brat counts it) */
  const char        *description;  /* for people: "UTF-16 code units, BOM counted" */
  guint              limit;        /* the offset of the end of the text */
  GArray            *map;          /* unit offset → code point, G_MAXUINT inside one;
                                    * NULL when offsets are code points */
} GlossatorOffsetUnit;

#define GLOSSATOR_MAX_OFFSET_UNITS 8

/* @bom: the article file starts with a BOM (glossator_text_get_has_bom());
 * @bom_counted: offsets count it. */
void        _glossator_offset_unit_init     (GlossatorOffsetUnit *unit,
                                             GlossatorText     *text,
                                             GlossatorCounting  counting,
                                             gboolean           bom,
                                             gboolean           bom_counted);
void        _glossator_offset_unit_clear    (GlossatorOffsetUnit *unit);
/* The units @text's offsets may be counted in, most likely first: code
 * points, and (only where they would count differently) UTF-16 code
 * units, and with @all CRLF counted as one and grapheme clusters; each
 * with the BOM counted and not when @bom. Returns how many. */
guint       _glossator_offset_units_candidates (GlossatorText  *text,
                                             gboolean           bom,
                                             gboolean           all,
                                             GlossatorOffsetUnit units[GLOSSATOR_MAX_OFFSET_UNITS]);
/* FALSE when @offset is past the end or inside a character. */
gboolean    _glossator_offset_unit_to_codepoint (const GlossatorOffsetUnit *unit,
                                             gint64             offset,
                                             guint             *codepoint);
/* [start, end) in code points; FALSE with @why when it is empty,
 * reversed, past the end or splits a character (a surrogate pair). */
gboolean    _glossator_offset_unit_span     (const GlossatorOffsetUnit *unit,
                                             gint64             start,
                                             gint64             end,
                                             guint             *cp_start,
                                             guint             *cp_end,
                                             char             **why);

typedef enum {
  GLOSSATOR_TEXT_DIFFERS,
  GLOSSATOR_TEXT_SAME,
  GLOSSATOR_TEXT_SPACE_ONLY,  /* the same once white space is collapsed and trimmed */
} GlossatorTextMatch;

/* How @stored compares with what the (start, end) pairs @offsets cover
 * under @unit, the fragments joined by one space as brat joins them.
 * @covered (nullable) gets that text (NULL when the offsets do not fit). */
GlossatorTextMatch _glossator_offset_unit_match (const GlossatorOffsetUnit *unit,
                                             GlossatorText     *text,
                                             const guint       *offsets,
                                             guint              n_offsets,
                                             const char        *stored,
                                             char             **covered);

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

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossatorOffsetUnit, _glossator_offset_unit_clear)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* The annotated text of an article: UTF-8, never normalized, addressed in
 * Unicode code points (end-exclusive) everywhere in Glossator. Immutable and
 * reference counted, so it can be shared with worker threads. */
typedef struct _GlossatorText GlossatorText;

#define GLOSSATOR_TYPE_TEXT (glossator_text_get_type ())

typedef enum {
  GLOSSATOR_NEWLINE_NONE,
  GLOSSATOR_NEWLINE_LF,
  GLOSSATOR_NEWLINE_CRLF,
  GLOSSATOR_NEWLINE_CR,
  GLOSSATOR_NEWLINE_MIXED,
} GlossatorNewline;

#define GLOSSATOR_TEXT_ERROR (glossator_text_error_quark ())

typedef enum {
  GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
  GLOSSATOR_TEXT_ERROR_BINARY,
  GLOSSATOR_TEXT_ERROR_TOO_LARGE,
} GlossatorTextError;

/* Largest article accepted, in bytes of the file. Documented in README. */
#define GLOSSATOR_TEXT_MAX_BYTES ((gsize) 128 * 1024 * 1024)

GQuark            glossator_text_error_quark          (void);
GType             glossator_text_get_type             (void) G_GNUC_CONST;

/* Decodes file contents: a leading UTF-8 BOM is removed and recorded;
 * invalid UTF-8 fails naming the byte offset in @data; NUL bytes fail as
 * binary; more than GLOSSATOR_TEXT_MAX_BYTES fails as too large. */
GlossatorText    *glossator_text_new_from_data        (const char     *data,
                                                       gsize           n_bytes,
                                                       GError        **error);
/* For text that is already a string (a JSON record's title + body): same
 * checks, but a BOM is kept as a character and has_bom stays FALSE. */
GlossatorText    *glossator_text_new                  (const char     *utf8,
                                                       gssize          n_bytes,
                                                       GError        **error);
GlossatorText    *glossator_text_ref                  (GlossatorText  *self);
void              glossator_text_unref                (GlossatorText  *self);

const char       *glossator_text_get_utf8             (GlossatorText  *self,
                                                       gsize          *n_bytes);
guint             glossator_text_get_length           (GlossatorText  *self);
gboolean          glossator_text_has_bom              (GlossatorText  *self);
/* Overrides the recorded BOM flag (articles whose text is derived from a
 * file, such as a JSON record, record the file's BOM). */
void              glossator_text_set_has_bom          (GlossatorText  *self,
                                                       gboolean        has_bom);
GlossatorNewline  glossator_text_get_newline          (GlossatorText  *self);
/* Lower-case hex SHA-256 of the UTF-8 text (BOM excluded). */
const char       *glossator_text_get_sha256           (GlossatorText  *self);

/* O(1) amortised conversions; offsets are clamped to the text. A byte
 * inside a multi-byte character maps to that character's offset. */
gsize             glossator_text_offset_to_byte       (GlossatorText  *self,
                                                       guint           offset);
guint             glossator_text_byte_to_offset       (GlossatorText  *self,
                                                       gsize           byte);
/* 0 when @offset is at or past the end. */
gunichar          glossator_text_get_char             (GlossatorText  *self,
                                                       guint           offset);
/* [start, end) as a new string; NULL when out of range or reversed. */
char             *glossator_text_slice                (GlossatorText  *self,
                                                       guint           start,
                                                       guint           end);
gboolean          glossator_text_slice_equals         (GlossatorText  *self,
                                                       guint           start,
                                                       guint           end,
                                                       const char     *utf8);

/* Unicode segmentation (UAX #29 through Pango), computed on first use and
 * cached; safe to call from any thread. The array has length + 1 entries. */
const PangoLogAttr *glossator_text_get_log_attrs      (GlossatorText  *self);
/* Whether @offset is between two grapheme clusters. Until the whole text
 * has been segmented, most offsets are answered from the characters
 * around them alone. */
gboolean          glossator_text_is_grapheme_boundary (GlossatorText  *self,
                                                       guint           offset);
/* Moves @offset to the nearest grapheme boundary at or before it
 * (@forward FALSE) or at or after it (@forward TRUE). */
guint             glossator_text_snap_to_grapheme     (GlossatorText  *self,
                                                       guint           offset,
                                                       gboolean        forward);
/* Grows [*start, *end) outward to word boundaries (UAX #29: "3.14" is
 * one word) and grapheme boundaries, and trims surrounding white space,
 * edge punctuation (not a dotted abbreviation's full stop) and a trailing
 * possessive; leaves it unchanged when it holds no word character (letter,
 * mark, digit) or is empty, reversed or out of range. */
void              glossator_text_snap_to_words        (GlossatorText  *self,
                                                       guint          *start,
                                                       guint          *end);
/* Where a possessive ("'s", "’s", any case) that ends [start, end) right
 * after a word character begins; @end when there is none. "Korea's" is one
 * word to UAX #29, but "Korea" is the name. */
guint             glossator_text_possessive_start     (GlossatorText  *self,
                                                       guint           start,
                                                       guint           end);
/* The sentence containing @offset (the last one when @offset is the end),
 * without its leading and trailing white space. */
void              glossator_text_get_sentence         (GlossatorText  *self,
                                                       guint           offset,
                                                       guint          *start,
                                                       guint          *end);

const char       *glossator_newline_to_string         (GlossatorNewline newline);
gboolean          glossator_newline_from_string       (const char     *str,
                                                       GlossatorNewline *newline);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorText, glossator_text_unref)

G_END_DECLS

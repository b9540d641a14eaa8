/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include <string.h>

#include "glossator-text-private.h"

/* Every CHECKPOINT_STRIDE-th code point has its byte offset recorded, so a
 * conversion walks at most CHECKPOINT_STRIDE - 1 characters. */
#define CHECKPOINT_STRIDE 64

struct _GlossatorText
{
  gatomicrefcount ref_count;
  int has_bom; /* atomic: the only field that may change after construction */

  char *utf8;
  gsize n_bytes;
  guint length;
  GlossatorNewline newline;

  /* Byte offset of code point k * CHECKPOINT_STRIDE; NULL when the text is
   * ASCII, where offsets and bytes coincide. */
  guint32 *checkpoints;

  GMutex sha256_lock;
  char *sha256;

  GMutex log_attrs_lock;
  PangoLogAttr *log_attrs;
};

G_DEFINE_QUARK (glossator-text-error-quark, glossator_text_error)
G_DEFINE_BOXED_TYPE (GlossatorText, glossator_text, glossator_text_ref, glossator_text_unref)

static const char utf8_bom[] = "\xef\xbb\xbf";

gboolean
_glossator_text_data_has_bom (const char *data,
                              gsize       n_bytes)
{
  return n_bytes >= 3 && memcmp (data, utf8_bom, 3) == 0;
}

void
_glossator_text_set_too_large_error (GError  **error,
                                     guint64   n_bytes,
                                     gsize     max_bytes)
{
  const gsize mib = 1024 * 1024;
  g_autofree char *limit = NULL;

  if (max_bytes >= mib && max_bytes % mib == 0)
    limit = g_strdup_printf (_("%lu MiB (%lu bytes)"), (gulong) (max_bytes / mib), (gulong) max_bytes);
  else
    limit = g_strdup_printf (_("%lu bytes"), (gulong) max_bytes);

  g_set_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_TOO_LARGE,
               _("too large (%lu bytes); the limit is %s"),
               (gulong) n_bytes, limit);
}

gboolean
_glossator_text_check_data (const char  *data,
                            gsize        n_bytes,
                            gsize        max_bytes,
                            gboolean     check_utf8,
                            GError     **error)
{
  const char *nul;
  const char *end;

  g_return_val_if_fail (data != NULL || n_bytes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Offsets are guint and the checkpoints guint32. */
  max_bytes = MIN (max_bytes, (gsize) G_MAXINT32);

  if (n_bytes > max_bytes)
    {
      _glossator_text_set_too_large_error (error, n_bytes, max_bytes);
      return FALSE;
    }

  if (n_bytes == 0)
    return TRUE;

  /* Before UTF-8, so UTF-16 text says what it is rather than naming a NUL. */
  if (check_utf8 && n_bytes >= 2 &&
      (memcmp (data, "\xff\xfe", 2) == 0 || memcmp (data, "\xfe\xff", 2) == 0))
    {
      g_set_error_literal (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                           _("invalid UTF-8 at byte 0 (the file is UTF-16; save it as UTF-8)"));
      return FALSE;
    }

  nul = memchr (data, '\0', n_bytes);
  if (nul != NULL)
    {
      g_set_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_BINARY,
                   _("contains NUL bytes at byte %lu; binary files cannot be annotated"),
                   (gulong) (nul - data));
      return FALSE;
    }

  if (check_utf8 && !g_utf8_validate_len (data, n_bytes, &end))
    {
      g_set_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                   _("invalid UTF-8 at byte %lu"), (gulong) (end - data));
      return FALSE;
    }

  return TRUE;
}

/* @utf8 has been checked. One pass counts code points, records checkpoints
 * and classifies line endings. */
static GlossatorText *
text_new_checked (const char *utf8,
                  gsize       n_bytes,
                  gboolean    has_bom)
{
  GlossatorText *self = g_new0 (GlossatorText, 1);
  const guchar *p;
  guint32 *checkpoints;
  guint count = 0;
  gboolean lf = FALSE, crlf = FALSE, cr = FALSE;
  guint kinds;

  g_atomic_ref_count_init (&self->ref_count);
  self->has_bom = has_bom;
  self->utf8 = g_malloc (n_bytes + 1);
  memcpy (self->utf8, utf8, n_bytes);
  self->utf8[n_bytes] = '\0';
  self->n_bytes = n_bytes;
  g_mutex_init (&self->sha256_lock);
  g_mutex_init (&self->log_attrs_lock);

  p = (const guchar *) self->utf8;
  checkpoints = g_new (guint32, n_bytes / CHECKPOINT_STRIDE + 2);

  for (gsize i = 0; i < n_bytes; i++)
    {
      guchar c = p[i];

      if ((c & 0xc0) != 0x80)
        {
          if (count % CHECKPOINT_STRIDE == 0)
            checkpoints[count / CHECKPOINT_STRIDE] = (guint32) i;
          count++;
        }

      if (c == '\n')
        {
          if (i > 0 && p[i - 1] == '\r')
            crlf = TRUE;
          else
            lf = TRUE;
        }
      else if (c == '\r' && (i + 1 >= n_bytes || p[i + 1] != '\n'))
        cr = TRUE;
    }

  self->length = count;
  if (count == n_bytes)
    g_free (checkpoints);
  else
    self->checkpoints = g_renew (guint32, checkpoints, count / CHECKPOINT_STRIDE + 1);

  kinds = (lf ? 1 : 0) + (crlf ? 1 : 0) + (cr ? 1 : 0);
  if (kinds == 0)
    self->newline = GLOSSATOR_NEWLINE_NONE;
  else if (kinds > 1)
    self->newline = GLOSSATOR_NEWLINE_MIXED;
  else if (lf)
    self->newline = GLOSSATOR_NEWLINE_LF;
  else if (crlf)
    self->newline = GLOSSATOR_NEWLINE_CRLF;
  else
    self->newline = GLOSSATOR_NEWLINE_CR;

  return self;
}

GlossatorText *
_glossator_text_new_from_data_with_limit (const char  *data,
                                          gsize        n_bytes,
                                          gsize        max_bytes,
                                          GError     **error)
{
  gboolean has_bom;

  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!_glossator_text_check_data (data, n_bytes, max_bytes, TRUE, error))
    return NULL;

  has_bom = _glossator_text_data_has_bom (data, n_bytes);
  if (has_bom)
    return text_new_checked (data + 3, n_bytes - 3, TRUE);

  return text_new_checked (n_bytes > 0 ? data : "", n_bytes, FALSE);
}

/**
 * glossator_text_new_from_data:
 * @data: (array length=n_bytes): file contents
 * @n_bytes: length of @data
 * @error: return location for a #GLOSSATOR_TEXT_ERROR
 *
 * Decodes the contents of an article file. A leading UTF-8 byte order mark
 * is removed and recorded (see glossator_text_has_bom()); byte offsets in
 * error messages count it.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
GlossatorText *
glossator_text_new_from_data (const char  *data,
                              gsize        n_bytes,
                              GError     **error)
{
  return _glossator_text_new_from_data_with_limit (data, n_bytes, GLOSSATOR_TEXT_MAX_BYTES, error);
}

/**
 * glossator_text_new:
 * @utf8: a string
 * @n_bytes: length of @utf8 in bytes, or -1 when it is NUL-terminated
 * @error: return location for a #GLOSSATOR_TEXT_ERROR
 *
 * Makes a text of a string that is not a file's contents: a leading U+FEFF
 * is an ordinary character.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL with @error set
 */
GlossatorText *
glossator_text_new (const char  *utf8,
                    gssize       n_bytes,
                    GError     **error)
{
  gsize len;

  g_return_val_if_fail (utf8 != NULL || n_bytes == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (utf8 == NULL)
    utf8 = "";
  len = n_bytes < 0 ? strlen (utf8) : (gsize) n_bytes;

  if (!_glossator_text_check_data (utf8, len, GLOSSATOR_TEXT_MAX_BYTES, TRUE, error))
    return NULL;

  return text_new_checked (utf8, len, FALSE);
}

GlossatorText *
glossator_text_ref (GlossatorText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
glossator_text_unref (GlossatorText *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_mutex_clear (&self->sha256_lock);
  g_mutex_clear (&self->log_attrs_lock);
  g_free (self->sha256);
  g_free (self->log_attrs);
  g_free (self->checkpoints);
  g_free (self->utf8);
  g_free (self);
}

/**
 * glossator_text_get_utf8:
 * @self: a #GlossatorText
 * @n_bytes: (out) (optional): length in bytes
 *
 * Returns: the NUL-terminated text (without BOM)
 */
const char *
glossator_text_get_utf8 (GlossatorText *self,
                         gsize         *n_bytes)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (n_bytes != NULL)
    *n_bytes = self->n_bytes;
  return self->utf8;
}

/**
 * glossator_text_get_length:
 * @self: a #GlossatorText
 *
 * Returns: the number of Unicode code points
 */
guint
glossator_text_get_length (GlossatorText *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->length;
}

gboolean
glossator_text_has_bom (GlossatorText *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return g_atomic_int_get (&self->has_bom);
}

void
glossator_text_set_has_bom (GlossatorText *self,
                            gboolean       has_bom)
{
  g_return_if_fail (self != NULL);

  g_atomic_int_set (&self->has_bom, !!has_bom);
}

GlossatorNewline
glossator_text_get_newline (GlossatorText *self)
{
  g_return_val_if_fail (self != NULL, GLOSSATOR_NEWLINE_NONE);

  return self->newline;
}

/**
 * glossator_text_get_sha256:
 * @self: a #GlossatorText
 *
 * Computed on first use; safe to call from any thread.
 *
 * Returns: the lower-case hex SHA-256 of the UTF-8 text
 */
const char *
glossator_text_get_sha256 (GlossatorText *self)
{
  char *sha256;

  g_return_val_if_fail (self != NULL, NULL);

  sha256 = g_atomic_pointer_get (&self->sha256);
  if (sha256 != NULL)
    return sha256;

  g_mutex_lock (&self->sha256_lock);
  sha256 = self->sha256;
  if (sha256 == NULL)
    {
      sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256,
                                            (const guchar *) self->utf8,
                                            self->n_bytes);
      g_atomic_pointer_set (&self->sha256, sha256);
    }
  g_mutex_unlock (&self->sha256_lock);

  return sha256;
}

gsize
glossator_text_offset_to_byte (GlossatorText *self,
                               guint          offset)
{
  const char *p;

  g_return_val_if_fail (self != NULL, 0);

  if (offset >= self->length)
    return self->n_bytes;
  if (self->checkpoints == NULL)
    return offset;

  p = self->utf8 + self->checkpoints[offset / CHECKPOINT_STRIDE];
  for (guint i = offset % CHECKPOINT_STRIDE; i > 0; i--)
    p = g_utf8_next_char (p);

  return p - self->utf8;
}

guint
glossator_text_byte_to_offset (GlossatorText *self,
                               gsize          byte)
{
  guint lo, hi;
  guint offset;
  const char *p, *target;

  g_return_val_if_fail (self != NULL, 0);

  if (byte >= self->n_bytes)
    return self->length;
  if (self->checkpoints == NULL)
    return byte;

  /* The last checkpoint at or before @byte; checkpoints[0] is 0. */
  lo = 0;
  hi = (self->length - 1) / CHECKPOINT_STRIDE;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo + 1) / 2;

      if (self->checkpoints[mid] <= byte)
        lo = mid;
      else
        hi = mid - 1;
    }

  offset = lo * CHECKPOINT_STRIDE;
  p = self->utf8 + self->checkpoints[lo];
  target = self->utf8 + byte;
  for (;;)
    {
      const char *next = g_utf8_next_char (p);

      if (next > target)
        break;
      p = next;
      offset++;
    }

  return offset;
}

gunichar
glossator_text_get_char (GlossatorText *self,
                         guint          offset)
{
  g_return_val_if_fail (self != NULL, 0);

  if (offset >= self->length)
    return 0;

  return g_utf8_get_char (self->utf8 + glossator_text_offset_to_byte (self, offset));
}

/**
 * glossator_text_slice:
 * @self: a #GlossatorText
 * @start: first code point
 * @end: code point after the last
 *
 * Returns: (transfer full) (nullable): the text of [@start, @end), or %NULL
 *   when @start > @end or @end is past the end
 */
char *
glossator_text_slice (GlossatorText *self,
                      guint          start,
                      guint          end)
{
  gsize b0, b1;

  g_return_val_if_fail (self != NULL, NULL);

  if (start > end || end > self->length)
    return NULL;

  b0 = glossator_text_offset_to_byte (self, start);
  b1 = glossator_text_offset_to_byte (self, end);
  return g_strndup (self->utf8 + b0, b1 - b0);
}

gboolean
glossator_text_slice_equals (GlossatorText *self,
                             guint          start,
                             guint          end,
                             const char    *utf8)
{
  gsize b0, n;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (utf8 != NULL, FALSE);

  if (start > end || end > self->length)
    return FALSE;

  /* The quote's own bytes say where it ends: counting its characters is
   * cheaper than walking from the checkpoint before @end, and the sidecar
   * reader asks this of every span. The end must fall between characters
   * of the text, or a quote cut inside one would match. */
  b0 = glossator_text_offset_to_byte (self, start);
  n = strlen (utf8);
  return b0 + n <= self->n_bytes && memcmp (self->utf8 + b0, utf8, n) == 0 &&
         (b0 + n == self->n_bytes || (self->utf8[b0 + n] & 0xc0) != 0x80) &&
         g_utf8_strlen (utf8, n) == (glong) (end - start);
}

/**
 * glossator_text_get_log_attrs:
 * @self: a #GlossatorText
 *
 * Returns: (array) (transfer none): glossator_text_get_length() + 1
 *   attributes, one for each position
 */
const PangoLogAttr *
glossator_text_get_log_attrs (GlossatorText *self)
{
  PangoLogAttr *attrs;

  g_return_val_if_fail (self != NULL, NULL);

  attrs = g_atomic_pointer_get (&self->log_attrs);
  if (attrs != NULL)
    return attrs;

  g_mutex_lock (&self->log_attrs_lock);
  attrs = self->log_attrs;
  if (attrs == NULL)
    {
      attrs = g_new0 (PangoLogAttr, (gsize) self->length + 1);
      pango_get_log_attrs (self->utf8, (int) self->n_bytes, -1, NULL,
                           attrs, (int) self->length + 1);
      /* Text ends are boundaries whatever the script tailoring says. */
      attrs[0].is_cursor_position = TRUE;
      attrs[self->length].is_cursor_position = TRUE;
      g_atomic_pointer_set (&self->log_attrs, attrs);
    }
  g_mutex_unlock (&self->log_attrs_lock);

  return attrs;
}

/* Whether @c joins no neighbour into a grapheme cluster, whatever it is:
 * no mark, joiner, regional indicator, emoji modifier, Hangul jamo or
 * prepended sign, and no letter of a script Pango tailors (Indic
 * conjuncts, Thai and Lao vowels). Most of any article's characters. */
static gboolean
joins_nothing (gunichar c)
{
  if (c < 0x80)
    return c >= 0x20 && c != 0x7f;

  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_SPACE_SEPARATOR:
    case G_UNICODE_CONNECT_PUNCTUATION:
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
      return TRUE;

    case G_UNICODE_OTHER_LETTER:
      switch (g_unichar_get_script (c))
        {
        case G_UNICODE_SCRIPT_ARABIC:
          /* U+0600–U+0605, U+06DD and U+08E2 prepend, but they are Cf. */
        case G_UNICODE_SCRIPT_HEBREW:
        case G_UNICODE_SCRIPT_HAN:
        case G_UNICODE_SCRIPT_HIRAGANA:
        case G_UNICODE_SCRIPT_KATAKANA:
        case G_UNICODE_SCRIPT_LATIN:
        case G_UNICODE_SCRIPT_CYRILLIC:
        case G_UNICODE_SCRIPT_GREEK:
        case G_UNICODE_SCRIPT_ARMENIAN:
        case G_UNICODE_SCRIPT_GEORGIAN:
          return TRUE;
        default:
          return FALSE;
        }

    default:
      return FALSE;
    }
}

/* Symbols (emoji, regional indicators) and numbers other than digits,
 * and when @with_marks marks and modifiers (emoji modifiers are those):
 * before a character that joins nothing, or after one when not
 * @with_marks, these are never joined to it. */
static gboolean
stands_alone (gunichar c,
              gboolean with_marks)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_OTHER_SYMBOL:
    case G_UNICODE_MATH_SYMBOL:
    case G_UNICODE_CURRENCY_SYMBOL:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
      return TRUE;
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_MODIFIER_SYMBOL:
      return with_marks;
    default:
      return FALSE;
    }
}

/* Segmenting a whole 1 MB article takes half a second; a boundary
 * between two characters that join nothing needs none, and any other is
 * found in the text around it, from the nearest such boundary on either
 * side (where every rule of UAX #29 starts afresh). */
#define NEAR_GRAPHEME_CHARS 64

static gboolean
is_grapheme_boundary_near (GlossatorText *self,
                           guint          offset,
                           gboolean      *known)
{
  guint start = offset, end = offset;
  PangoLogAttr attrs[2 * NEAR_GRAPHEME_CHARS + 2];
  gsize b0, b1;
  gunichar before = glossator_text_get_char (self, offset - 1);
  gunichar after = glossator_text_get_char (self, offset);

  *known = TRUE;
  if (joins_nothing (before) && joins_nothing (after))
    return TRUE;
  /* Line breaks and other controls join nothing either (GB4, GB5), but
   * CR joins LF. */
  if (g_unichar_type (before) == G_UNICODE_CONTROL || g_unichar_type (after) == G_UNICODE_CONTROL)
    return !(before == '\r' && after == '\n');
  /* Of what comes before a character that joins nothing, only prepended
   * signs (formats or letters) join it (GB9b); of what comes after one,
   * only extenders (GB9, GB9a: marks, formats such as ZWJ, emoji
   * modifiers). */
  if ((joins_nothing (after) && stands_alone (before, TRUE)) ||
      (joins_nothing (before) && stands_alone (after, FALSE)))
    return TRUE;

  while (start > 0 && offset - start < NEAR_GRAPHEME_CHARS &&
         !(joins_nothing (glossator_text_get_char (self, start - 1)) &&
           joins_nothing (glossator_text_get_char (self, start))))
    start--;
  while (end < self->length && end - offset < NEAR_GRAPHEME_CHARS &&
         !(joins_nothing (glossator_text_get_char (self, end - 1)) &&
           joins_nothing (glossator_text_get_char (self, end))))
    end++;
  if ((start > 0 && offset - start >= NEAR_GRAPHEME_CHARS) ||
      (end < self->length && end - offset >= NEAR_GRAPHEME_CHARS))
    {
      *known = FALSE;
      return FALSE;
    }

  b0 = glossator_text_offset_to_byte (self, start);
  b1 = glossator_text_offset_to_byte (self, end);
  pango_get_log_attrs (self->utf8 + b0, (int) (b1 - b0), -1, NULL, attrs, (int) (end - start + 1));
  return attrs[offset - start].is_cursor_position;
}

gboolean
glossator_text_is_grapheme_boundary (GlossatorText *self,
                                     guint          offset)
{
  const PangoLogAttr *attrs;
  gboolean known, boundary;

  g_return_val_if_fail (self != NULL, FALSE);

  if (offset > self->length)
    return FALSE;
  if (offset == 0 || offset == self->length)
    return TRUE;

  attrs = g_atomic_pointer_get (&self->log_attrs);
  if (attrs == NULL)
    {
      boundary = is_grapheme_boundary_near (self, offset, &known);
      if (known)
        return boundary;
    }

  return glossator_text_get_log_attrs (self)[offset].is_cursor_position;
}

guint
glossator_text_snap_to_grapheme (GlossatorText *self,
                                 guint          offset,
                                 gboolean       forward)
{
  const PangoLogAttr *attrs;

  g_return_val_if_fail (self != NULL, 0);

  offset = MIN (offset, self->length);
  attrs = glossator_text_get_log_attrs (self);

  if (forward)
    while (offset < self->length && !attrs[offset].is_cursor_position)
      offset++;
  else
    while (offset > 0 && !attrs[offset].is_cursor_position)
      offset--;

  return offset;
}

/* Letters, marks, numbers and connectors (UAX #29's ALetter, Numeric,
 * Extend and ExtendNumLet, roughly): what a word is made of. */
static gboolean
is_word_char (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_LOWERCASE_LETTER:
    case G_UNICODE_MODIFIER_LETTER:
    case G_UNICODE_OTHER_LETTER:
    case G_UNICODE_TITLECASE_LETTER:
    case G_UNICODE_UPPERCASE_LETTER:
    case G_UNICODE_SPACING_MARK:
    case G_UNICODE_ENCLOSING_MARK:
    case G_UNICODE_NON_SPACING_MARK:
    case G_UNICODE_DECIMAL_NUMBER:
    case G_UNICODE_LETTER_NUMBER:
    case G_UNICODE_OTHER_NUMBER:
    case G_UNICODE_CONNECT_PUNCTUATION:
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
range_is_space (GlossatorText *self,
                guint          start,
                guint          end)
{
  const char *p = self->utf8 + glossator_text_offset_to_byte (self, start);

  for (guint i = start; i < end; i++, p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;

  return TRUE;
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* Punctuation an annotator never means to include at a mention's edge:
 * quotes, brackets, commas, full stops. Connectors ("_") are word
 * characters, and '#' and '@' start hashtags and handles. */
static gboolean
is_edge_punctuation (gunichar c)
{
  switch (g_unichar_type (c))
    {
    case G_UNICODE_DASH_PUNCTUATION:
    case G_UNICODE_CLOSE_PUNCTUATION:
    case G_UNICODE_FINAL_PUNCTUATION:
    case G_UNICODE_INITIAL_PUNCTUATION:
    case G_UNICODE_OTHER_PUNCTUATION:
    case G_UNICODE_OPEN_PUNCTUATION:
      return c != '#' && c != '@';
    default:
      return FALSE;
    }
}

/* A full stop that ends a dotted abbreviation ("U.S.", "e.g.") belongs to
 * it; one after a plain word ("Putin.") ends the sentence. */
static gboolean
ends_abbreviation (GlossatorText *self,
                   guint          start,
                   guint          dot)
{
  guint i = dot;

  while (i > start && is_word_char (glossator_text_get_char (self, i - 1)))
    i--;
  return i < dot && i > start && glossator_text_get_char (self, i - 1) == '.' &&
         i - 1 > start && is_word_char (glossator_text_get_char (self, i - 2));
}

guint
glossator_text_possessive_start (GlossatorText *self,
                                 guint          start,
                                 guint          end)
{
  gunichar s;

  g_return_val_if_fail (self != NULL, end);

  if (end > self->length || end < start + 3)
    return end;
  s = glossator_text_get_char (self, end - 1);
  if ((s == 's' || s == 'S') &&
      is_apostrophe (glossator_text_get_char (self, end - 2)) &&
      is_word_char (glossator_text_get_char (self, end - 3)) &&
      (end == self->length || !is_word_char (glossator_text_get_char (self, end))))
    return end - 2;

  return end;
}

/* Drops whole grapheme clusters of white space and edge punctuation from
 * both ends, as long as a word character is left between them. */
static void
trim_edges (GlossatorText      *self,
            const PangoLogAttr *attrs,
            guint              *start,
            guint              *end)
{
  guint s = *start, e = *end;

  for (;;)
    {
      guint next = s + 1;
      gunichar c;

      while (next < e && !attrs[next].is_cursor_position)
        next++;
      c = glossator_text_get_char (self, s);
      if (next >= e || !(range_is_space (self, s, next) || (next == s + 1 && is_edge_punctuation (c))))
        break;
      s = next;
    }
  for (;;)
    {
      guint prev = e - 1;
      gunichar c;

      while (prev > s && !attrs[prev].is_cursor_position)
        prev--;
      c = glossator_text_get_char (self, prev);
      if (prev <= s || !(range_is_space (self, prev, e) ||
                         (prev == e - 1 && is_edge_punctuation (c) &&
                          !(c == '.' && ends_abbreviation (self, s, prev)))))
        break;
      e = prev;
    }

  *start = s;
  *end = e;
}

/**
 * glossator_text_snap_to_words:
 * @self: a #GlossatorText
 * @start: (inout): start of a selection
 * @end: (inout): end of a selection
 *
 * Turns a rough selection into whole words: white space and punctuation at
 * either edge are dropped (a dotted abbreviation keeps its full stop), an
 * edge inside a word moves outward to the word's boundary, a trailing
 * possessive ("'s") is left out, and the result never cuts a grapheme
 * cluster. A selection holding no word character (only punctuation or
 * white space, or empty) is left as it is.
 */
void
glossator_text_snap_to_words (GlossatorText *self,
                              guint         *start,
                              guint         *end)
{
  const PangoLogAttr *attrs;
  guint s, e;
  const char *p;
  gboolean has_word;

  g_return_if_fail (self != NULL);
  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);

  s = *start;
  e = *end;
  if (s >= e || e > self->length)
    return;

  p = self->utf8 + glossator_text_offset_to_byte (self, s);
  has_word = FALSE;
  for (guint i = s; i < e && !has_word; i++, p = g_utf8_next_char (p))
    has_word = is_word_char (g_utf8_get_char (p));
  if (!has_word)
    return;

  attrs = glossator_text_get_log_attrs (self);
  trim_edges (self, attrs, &s, &e);

  /* UAX #29 word boundaries keep "3.14" and "don't" whole; they keep
   * "Korea's" whole too, which is why the possessive goes after. */
  while (s > 0 && !attrs[s].is_word_boundary)
    s--;
  while (e < self->length && !attrs[e].is_word_boundary)
    e++;
  e = glossator_text_possessive_start (self, s, e);

  *start = glossator_text_snap_to_grapheme (self, s, FALSE);
  *end = glossator_text_snap_to_grapheme (self, e, TRUE);
}

/**
 * glossator_text_get_sentence:
 * @self: a #GlossatorText
 * @offset: a code point
 * @start: (out): start of the sentence
 * @end: (out): end of the sentence
 *
 * Finds the sentence around @offset (Unicode sentence boundaries, which
 * give the white space after a sentence to it) and trims white space off
 * both ends. When @offset is in that white space the result lies before
 * it; an all-blank stretch gives an empty range.
 */
void
glossator_text_get_sentence (GlossatorText *self,
                             guint          offset,
                             guint         *start,
                             guint         *end)
{
  const PangoLogAttr *attrs;
  guint s, e;
  const char *p;

  g_return_if_fail (self != NULL);
  g_return_if_fail (start != NULL);
  g_return_if_fail (end != NULL);

  if (self->length == 0)
    {
      *start = *end = 0;
      return;
    }

  attrs = glossator_text_get_log_attrs (self);
  offset = MIN (offset, self->length - 1);

  s = offset;
  while (s > 0 && !attrs[s].is_sentence_boundary)
    s--;
  e = offset + 1;
  while (e < self->length && !attrs[e].is_sentence_boundary)
    e++;

  p = self->utf8 + glossator_text_offset_to_byte (self, e);
  while (e > s)
    {
      const char *prev = g_utf8_prev_char (p);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      p = prev;
      e--;
    }

  p = self->utf8 + glossator_text_offset_to_byte (self, s);
  while (s < e && g_unichar_isspace (g_utf8_get_char (p)))
    {
      p = g_utf8_next_char (p);
      s++;
    }

  *start = s;
  *end = e;
}

static const char * const newline_names[] = {
  [GLOSSATOR_NEWLINE_NONE] = "none",
  [GLOSSATOR_NEWLINE_LF] = "lf",
  [GLOSSATOR_NEWLINE_CRLF] = "crlf",
  [GLOSSATOR_NEWLINE_CR] = "cr",
  [GLOSSATOR_NEWLINE_MIXED] = "mixed",
};

/**
 * glossator_newline_to_string:
 * @newline: a #GlossatorNewline
 *
 * Returns: the sidecar name of @newline ("none", "lf", "crlf", "cr" or
 *   "mixed")
 */
const char *
glossator_newline_to_string (GlossatorNewline newline)
{
  g_return_val_if_fail (newline <= GLOSSATOR_NEWLINE_MIXED, NULL);

  return newline_names[newline];
}

gboolean
glossator_newline_from_string (const char       *str,
                               GlossatorNewline *newline)
{
  g_return_val_if_fail (str != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (newline_names); i++)
    if (strcmp (str, newline_names[i]) == 0)
      {
        if (newline != NULL)
          *newline = i;
        return TRUE;
      }

  return FALSE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "glossator-text-private.h"
#include "glossator-text.h"
#include "test-util.h"

#define FLAG_PL "\xf0\x9f\x87\xb5\xf0\x9f\x87\xb1" /* 🇵🇱 */

/* Every kind of character whose offsets go wrong somewhere. */
static const char mixed[] =
  "Kim said:\t\"Caf" "e" ACUTE " " FAMILY " " FLAG_UA FLAG_PL "\"\r\n"
  "\xd9\x82\xd8\xa7\xd9\x84 \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d \xf0\x9f\x98\x80 \xe2\x82\xac\n"
  "Caf\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87\r";

static void
assert_slice (GlossatorText *text,
              guint          start,
              guint          end,
              const char    *expected)
{
  g_autofree char *slice = glossator_text_slice (text, start, end);

  g_assert_cmpstr (slice, ==, expected);
  g_assert_true (glossator_text_slice_equals (text, start, end, expected));
}

static void
test_bom (void)
{
  g_autoptr(GlossatorText) with_bom = test_util_text_from_data ("\xef\xbb\xbfHello");
  g_autoptr(GlossatorText) kept = NULL;
  g_autoptr(GError) error = NULL;
  gsize n_bytes;

  g_assert_true (glossator_text_has_bom (with_bom));
  g_assert_cmpstr (glossator_text_get_utf8 (with_bom, &n_bytes), ==, "Hello");
  g_assert_cmpuint (n_bytes, ==, 5);
  g_assert_cmpuint (glossator_text_get_length (with_bom), ==, 5);
  g_assert_cmpuint (glossator_text_get_char (with_bom, 0), ==, 'H');

  glossator_text_set_has_bom (with_bom, FALSE);
  g_assert_false (glossator_text_has_bom (with_bom));
  glossator_text_set_has_bom (with_bom, TRUE);
  g_assert_true (glossator_text_has_bom (with_bom));

  /* A string that is not a file keeps U+FEFF as its first character. */
  kept = glossator_text_new ("\xef\xbb\xbfHello", -1, &error);
  g_assert_no_error (error);
  g_assert_false (glossator_text_has_bom (kept));
  g_assert_cmpuint (glossator_text_get_length (kept), ==, 6);
  g_assert_cmpuint (glossator_text_get_char (kept, 0), ==, 0xfeff);

  /* Only a leading BOM is one. */
  {
    g_autoptr(GlossatorText) inner = test_util_text_from_data ("a\xef\xbb\xbf" "b");

    g_assert_false (glossator_text_has_bom (inner));
    g_assert_cmpuint (glossator_text_get_length (inner), ==, 3);
  }
}

static void
test_newlines (void)
{
  static const struct {
    const char *utf8;
    GlossatorNewline newline;
    guint length;
  } cases[] = {
    { "", GLOSSATOR_NEWLINE_NONE, 0 },
    { "no newline", GLOSSATOR_NEWLINE_NONE, 10 },
    { "a\nb\n", GLOSSATOR_NEWLINE_LF, 4 },
    { "a\r\nb\r\n", GLOSSATOR_NEWLINE_CRLF, 6 },
    { "\r\n", GLOSSATOR_NEWLINE_CRLF, 2 },
    { "a\rb\r", GLOSSATOR_NEWLINE_CR, 4 },
    { "a\r", GLOSSATOR_NEWLINE_CR, 2 },
    { "a\r\nb\nc", GLOSSATOR_NEWLINE_MIXED, 6 },
    { "a\r\r\n", GLOSSATOR_NEWLINE_MIXED, 4 },
    { "a\n\r", GLOSSATOR_NEWLINE_MIXED, 3 },
    { "\xef\xbb\xbf\xd9\x82\r\n\xd9\x84", GLOSSATOR_NEWLINE_CRLF, 4 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorText) text = test_util_text_from_data (cases[i].utf8);

      g_assert_cmpint (glossator_text_get_newline (text), ==, cases[i].newline);
      g_assert_cmpuint (glossator_text_get_length (text), ==, cases[i].length);
    }
}

static void
test_newline_strings (void)
{
  static const char *names[] = { "none", "lf", "crlf", "cr", "mixed" };
  GlossatorNewline newline;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (glossator_newline_to_string (i), ==, names[i]);
      g_assert_true (glossator_newline_from_string (names[i], &newline));
      g_assert_cmpint (newline, ==, i);
    }
  g_assert_false (glossator_newline_from_string ("CRLF", &newline));
  g_assert_false (glossator_newline_from_string ("", &newline));
  g_assert_false (glossator_newline_from_string ("windows", NULL));
}

static void
test_lengths (void)
{
  static const struct {
    const char *utf8;
    guint length;
  } cases[] = {
    { "\xf0\x9f\x98\x80", 1 },            /* 😀 */
    { FAMILY, 5 },                         /* woman ZWJ woman ZWJ girl */
    { FLAG_UA, 2 },
    { FLAG_UA FLAG_PL, 4 },
    { "Cafe" ACUTE, 5 },                   /* NFD, never normalized */
    { "Caf\xc3\xa9", 4 },                  /* NFC */
    { "\xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7", 5 }, /* مرحبا */
    { "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", 4 },         /* שלום */
    { "a\tb", 3 },
    { "a\r\nb", 4 },
    { mixed, 51 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorText) text = test_util_text_from_data (cases[i].utf8);

      g_assert_cmpuint (glossator_text_get_length (text), ==, cases[i].length);
      g_assert_cmpuint (glossator_text_get_length (text), ==, g_utf8_strlen (cases[i].utf8, -1));
    }
}

/* Compares both conversions, get_char and slices with a walk from the
 * start, at every offset and every byte. */
static void
check_against_walk (GlossatorText *text)
{
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  guint length = glossator_text_get_length (text);
  const char *p = utf8;
  guint offset = 0;

  for (offset = 0; offset <= length; offset++)
    {
      gsize byte = p - utf8;

      g_assert_cmpuint (glossator_text_offset_to_byte (text, offset), ==, byte);
      g_assert_cmpuint (glossator_text_byte_to_offset (text, byte), ==, offset);
      if (offset < length)
        {
          const char *next = g_utf8_next_char (p);

          g_assert_cmpuint (glossator_text_get_char (text, offset), ==, g_utf8_get_char (p));
          /* Bytes inside a character belong to it. */
          for (gsize b = byte + 1; b < (gsize) (next - utf8); b++)
            g_assert_cmpuint (glossator_text_byte_to_offset (text, b), ==, offset);
          p = next;
        }
    }
  g_assert_cmpuint (p - utf8, ==, n_bytes);

  /* Clamped past the end. */
  g_assert_cmpuint (glossator_text_offset_to_byte (text, length + 1), ==, n_bytes);
  g_assert_cmpuint (glossator_text_offset_to_byte (text, G_MAXUINT), ==, n_bytes);
  g_assert_cmpuint (glossator_text_byte_to_offset (text, n_bytes + 7), ==, length);
  g_assert_cmpuint (glossator_text_get_char (text, length), ==, 0);
}

static void
test_offsets_mixed (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data (mixed);

  check_against_walk (text);

  /* Spot checks in the string itself. */
  assert_slice (text, 11, 16, "Cafe" ACUTE);
  assert_slice (text, 17, 22, FAMILY);
  assert_slice (text, 23, 27, FLAG_UA FLAG_PL);
  assert_slice (text, 28, 30, "\r\n");
  assert_slice (text, 30, 33, "\xd9\x82\xd8\xa7\xd9\x84");
  g_assert_cmpuint (glossator_text_get_char (text, 9), ==, '\t');
  g_assert_cmpuint (glossator_text_get_char (text, 15), ==, 0x301);
  g_assert_cmpuint (glossator_text_get_char (text, 18), ==, 0x200d);
}

static char *
build_long_text (gsize min_bytes)
{
  static const char *pieces[] = {
    "a", FAMILY, "e" ACUTE, "\t", "\xd9\x85\xd8\xb1", FLAG_UA, "\r\n", "\xe4\xb8\xad",
    "Kim Jong Un ", "\xf0\x9f\x98\x80", "\xd7\xa9", " ",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  GString *s = g_string_new (NULL);

  while (s->len < min_bytes)
    g_string_append (s, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

  return g_string_free (s, FALSE);
}

static void
test_offsets_long (void)
{
  g_autofree char *utf8 = build_long_text (70 * 1024);
  g_autoptr(GlossatorText) text = test_util_text_from_data (utf8);
  g_autoptr(GString) ascii = g_string_new (NULL);
  g_autoptr(GlossatorText) ascii_text = NULL;

  g_assert_cmpuint (strlen (utf8), >, 65536);
  g_assert_cmpuint (glossator_text_get_length (text), ==, g_utf8_strlen (utf8, -1));
  check_against_walk (text);

  /* The ASCII fast path. */
  while (ascii->len < 70 * 1024)
    g_string_append (ascii, "The leader said.\r\n");
  ascii_text = test_util_text_from_data (ascii->str);
  g_assert_cmpuint (glossator_text_get_length (ascii_text), ==, ascii->len);
  check_against_walk (ascii_text);
}

static void
test_slices (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data ("Kyiv " FLAG_UA " Caf" "e" ACUTE);
  guint length = glossator_text_get_length (text);

  g_assert_cmpuint (length, ==, 13);
  assert_slice (text, 0, 4, "Kyiv");
  assert_slice (text, 5, 7, FLAG_UA);
  assert_slice (text, 5, 6, "\xf0\x9f\x87\xba");
  assert_slice (text, 8, 13, "Cafe" ACUTE);
  assert_slice (text, 3, 3, "");
  assert_slice (text, length, length, "");

  g_assert_null (glossator_text_slice (text, 4, 3));
  g_assert_null (glossator_text_slice (text, 0, length + 1));
  g_assert_null (glossator_text_slice (text, length + 1, length + 2));

  g_assert_false (glossator_text_slice_equals (text, 0, 4, "Kyi"));
  g_assert_false (glossator_text_slice_equals (text, 0, 4, "Kyiv "));
  g_assert_false (glossator_text_slice_equals (text, 0, 4, "kyiv"));
  g_assert_false (glossator_text_slice_equals (text, 8, 13, "Caf\xc3\xa9"));
  /* Cut inside a character: its first bytes, or one character short. */
  g_assert_false (glossator_text_slice_equals (text, 5, 6, "\xf0\x9f"));
  g_assert_false (glossator_text_slice_equals (text, 5, 7, "\xf0\x9f\x87\xba\xf0\x9f"));
  g_assert_false (glossator_text_slice_equals (text, 8, 13, "Cafe"));
  g_assert_false (glossator_text_slice_equals (text, 4, 3, ""));
  g_assert_false (glossator_text_slice_equals (text, 0, length + 1, "x"));
}

static void
assert_text_error (const char *data,
                   gsize       n_bytes,
                   int         code,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) text = glossator_text_new_from_data (data, n_bytes, &error);

  g_assert_null (text);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text;

  assert_text_error ("abc\xff" "def", 7, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 3");
  /* The BOM counts: offsets are in the file. */
  assert_text_error ("\xef\xbb\xbf" "abc\xff", 7, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 6");
  /* Truncated, overlong, encoded surrogate, cp1252 é after valid text. */
  assert_text_error ("\xd9\x82\xe2\x82", 4, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 2");
  assert_text_error ("\xc0\xaf", 2, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 0");
  assert_text_error ("ab\xed\xa0\x80", 5, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 2");
  assert_text_error ("Caf\xe9 " FAMILY, 5 + strlen (FAMILY), GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 3");
  assert_text_error ("\xff\xfeH\0i\0", 6, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
                     "invalid UTF-8 at byte 0 (the file is UTF-16; save it as UTF-8)");

  text = glossator_text_new ("ok\xff", -1, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8);
  g_assert_cmpstr (error->message, ==, "invalid UTF-8 at byte 2");
}

static void
test_binary (void)
{
  g_autoptr(GError) error = NULL;
  GlossatorText *text;

  assert_text_error ("ab\0cd", 5, GLOSSATOR_TEXT_ERROR_BINARY,
                     "contains NUL bytes at byte 2; binary files cannot be annotated");
  assert_text_error ("\xef\xbb\xbf\0", 4, GLOSSATOR_TEXT_ERROR_BINARY,
                     "contains NUL bytes at byte 3; binary files cannot be annotated");
  /* A PNG signature is binary before it is invalid UTF-8. */
  assert_text_error ("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16, GLOSSATOR_TEXT_ERROR_BINARY,
                     "contains NUL bytes at byte 8; binary files cannot be annotated");

  text = glossator_text_new ("a\0b", 3, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_BINARY);
}

static void
test_too_large (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) fits = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  GlossatorText *text;
  int fd;

  text = _glossator_text_new_from_data_with_limit ("0123456789a", 11, 10, &error);
  g_assert_null (text);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==, "too large (11 bytes); the limit is 10 bytes");
  g_clear_error (&error);

  fits = _glossator_text_new_from_data_with_limit ("0123456789", 10, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_text_get_length (fits), ==, 10);

  /* The real limit, on a sparse file one byte too big: the size check
   * comes first, so no page of it is ever read. */
  fd = g_file_open_tmp ("glossator-too-large-XXXXXX.txt", &path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ftruncate (fd, GLOSSATOR_TEXT_MAX_BYTES + 1), ==, 0);
  close (fd);
  mapped = g_mapped_file_new (path, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_mapped_file_get_length (mapped), ==, GLOSSATOR_TEXT_MAX_BYTES + 1);
  text = glossator_text_new_from_data (g_mapped_file_get_contents (mapped),
                                       g_mapped_file_get_length (mapped), &error);
  g_assert_null (text);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_TOO_LARGE);
  g_assert_cmpstr (error->message, ==,
                   "too large (134217729 bytes); the limit is 128 MiB (134217728 bytes)");
  g_unlink (path);
}

static void
test_sha256 (void)
{
  g_autoptr(GlossatorText) abc = test_util_text_from_data ("abc");
  g_autoptr(GlossatorText) bom_abc = test_util_text_from_data ("\xef\xbb\xbf" "abc");
  g_autoptr(GlossatorText) empty = test_util_text_from_data ("");
  g_autoptr(GlossatorText) long_text = test_util_text_from_data ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq");
  g_autoptr(GlossatorText) cafe = test_util_text_from_data ("Caf\xc3\xa9");

  g_assert_cmpstr (glossator_text_get_sha256 (abc), ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (glossator_text_get_sha256 (bom_abc), ==,
                   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  g_assert_cmpstr (glossator_text_get_sha256 (empty), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  g_assert_cmpstr (glossator_text_get_sha256 (long_text), ==,
                   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  /* Same pointer on every call: computed once. */
  g_assert_true (glossator_text_get_sha256 (cafe) == glossator_text_get_sha256 (cafe));
  g_assert_cmpuint (strlen (glossator_text_get_sha256 (cafe)), ==, 64);
}

static gpointer
lazy_thread (gpointer data)
{
  GlossatorText *text = data;

  glossator_text_get_log_attrs (text);
  glossator_text_get_sha256 (text);
  return NULL;
}

/* Threads racing for the lazy members all see one computation. */
static void
test_lazy_threads (void)
{
  g_autofree char *utf8 = build_long_text (256 * 1024);
  g_autoptr(GlossatorText) text = test_util_text_from_data (utf8);
  GThread *threads[8];
  const PangoLogAttr *attrs;
  const char *sha256;
  g_autofree char *expected = g_compute_checksum_for_string (G_CHECKSUM_SHA256, utf8, -1);

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("lazy", lazy_thread, glossator_text_ref (text));
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_thread_join (threads[i]);
      glossator_text_unref (text);
    }

  attrs = glossator_text_get_log_attrs (text);
  sha256 = glossator_text_get_sha256 (text);
  g_assert_true (attrs == glossator_text_get_log_attrs (text));
  g_assert_true (sha256 == glossator_text_get_sha256 (text));
  g_assert_cmpstr (sha256, ==, expected);
}

static void
test_graphemes (void)
{
  /* A=0 family=1..5 B=6 flags=7..10 C=11 a f e ´=12..15 !=16, length 17 */
  g_autoptr(GlossatorText) text = test_util_text_from_data ("A" FAMILY "B" FLAG_UA FLAG_PL "Cafe" ACUTE "!");
  static const guint boundaries[] = { 0, 1, 6, 7, 9, 11, 12, 13, 14, 16, 17 };
  guint length = glossator_text_get_length (text);
  const PangoLogAttr *attrs = glossator_text_get_log_attrs (text);

  g_assert_cmpuint (length, ==, 17);
  g_assert_nonnull (attrs);

  for (guint offset = 0; offset <= length; offset++)
    {
      gboolean expected = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (boundaries); i++)
        expected |= boundaries[i] == offset;
      g_assert_cmpint (glossator_text_is_grapheme_boundary (text, offset), ==, expected);
      g_assert_cmpint (attrs[offset].is_cursor_position, ==, expected);
    }
  g_assert_false (glossator_text_is_grapheme_boundary (text, length + 1));

  /* Inside the ZWJ sequence */
  for (guint offset = 2; offset <= 5; offset++)
    {
      g_assert_cmpuint (glossator_text_snap_to_grapheme (text, offset, FALSE), ==, 1);
      g_assert_cmpuint (glossator_text_snap_to_grapheme (text, offset, TRUE), ==, 6);
    }
  /* Inside each flag, not between the two */
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 8, FALSE), ==, 7);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 8, TRUE), ==, 9);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 9, FALSE), ==, 9);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 10, FALSE), ==, 9);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 10, TRUE), ==, 11);
  /* Between e and its combining acute */
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 15, FALSE), ==, 14);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 15, TRUE), ==, 16);
  /* Boundaries stay, out of range clamps */
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 6, FALSE), ==, 6);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 6, TRUE), ==, 6);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 0, FALSE), ==, 0);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 99, FALSE), ==, 17);
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 99, TRUE), ==, 17);
}

static void
test_graphemes_crlf (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data ("a\r\nb");

  g_assert_true (glossator_text_is_grapheme_boundary (text, 1));
  g_assert_false (glossator_text_is_grapheme_boundary (text, 2));
  g_assert_true (glossator_text_is_grapheme_boundary (text, 3));
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 2, TRUE), ==, 3);
}

static void
assert_words (GlossatorText *text,
              const char    *selection_start,
              guint          n_chars,
              const char    *expected)
{
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  const char *found = strstr (utf8, selection_start);
  guint start, end, orig_start, orig_end;
  g_autofree char *result = NULL;

  g_assert_nonnull (found);
  orig_start = start = glossator_text_byte_to_offset (text, found - utf8);
  orig_end = end = start + n_chars;
  glossator_text_snap_to_words (text, &start, &end);
  result = glossator_text_slice (text, start, end);
  if (expected == NULL)
    {
      /* Unchanged */
      g_assert_cmpuint (start, ==, orig_start);
      g_assert_cmpuint (end, ==, orig_end);
    }
  else
    g_assert_cmpstr (result, ==, expected);
}

static void
test_snap_to_words (void)
{
  g_autoptr(GlossatorText) text =
    test_util_text_from_data ("The leader Kim Jong Un met Putin.  Jong-Un's \"3.14\" deal; "
                              "Cafe" ACUTE " au lait. Kyiv " FLAG_UA " news.\r\nNext "
                              "\xd9\x82\xd8\xa7\xd9\x84 \xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86. ... end");
  guint start, end;

  /* Partial names grow to whole words. */
  assert_words (text, "im Jo", 5, "Kim Jong");
  assert_words (text, "ong U", 5, "Jong Un");
  assert_words (text, "m J", 3, "Kim Jong");
  assert_words (text, "Kim Jong Un", 11, "Kim Jong Un");
  /* White space at the edges goes. */
  assert_words (text, "Kim ", 4, "Kim");
  assert_words (text, " Kim Jong Un ", 13, "Kim Jong Un");
  assert_words (text, "r Kim", 5, "leader Kim");
  assert_words (text, " met ", 5, "met");
  /* Punctuation at an edge is dropped, not grown through. */
  assert_words (text, "utin.", 5, "Putin");
  assert_words (text, "in.  J", 6, "Putin.  Jong");
  /* UAX #29 words: apostrophes and decimal points inside a word. */
  assert_words (text, "Un's", 1, "Un");
  assert_words (text, ".14", 2, "3.14");
  /* Combining marks belong to their letter. */
  assert_words (text, "af", 2, "Cafe" ACUTE);
  assert_words (text, ACUTE, 1, "Cafe" ACUTE);
  /* An edge inside a flag moves past the whole flag. */
  assert_words (text, "iv " FLAG_UA, 4, "Kyiv " FLAG_UA);
  /* CRLF is one white space cluster. */
  assert_words (text, "news.\r\n", 7, "news");
  assert_words (text, "s.\r", 3, "news");
  /* Right-to-left words */
  assert_words (text, "\xd9\x88\xd8\xaa", 2, "\xd8\xa8\xd9\x88\xd8\xaa\xd9\x8a\xd9\x86");
  /* Nothing that is a word: unchanged. */
  assert_words (text, ". ... ", 6, NULL);
  assert_words (text, "; ", 2, NULL);
  assert_words (text, "  ", 2, NULL);
  assert_words (text, FLAG_UA, 2, NULL);
  assert_words (text, "Kim", 0, NULL);

  /* Reversed and out-of-range selections are left alone. */
  start = 5;
  end = 2;
  glossator_text_snap_to_words (text, &start, &end);
  g_assert_cmpuint (start, ==, 5);
  g_assert_cmpuint (end, ==, 2);
  start = 0;
  end = 10000;
  glossator_text_snap_to_words (text, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 10000);

  /* The whole text, with the last word cut */
  start = 0;
  end = glossator_text_get_length (text) - 1;
  glossator_text_snap_to_words (text, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, glossator_text_get_length (text));
}

/* An annotator selecting "North Korea" means the name, never the
 * possessive UAX #29 counts as part of the word, nor the quotes, brackets
 * and commas around it (issue #12). */
static void
test_snap_trims (void)
{
  g_autoptr(GlossatorText) text =
    test_util_text_new ("North Korea's troops, China\u2019s envoy, CHINA'S view; "
              "\"Kim\", (BBC) and the U.S. said. The Smiths' car. "
              "#MeToo don't James's \u00ab\u0627\u0644\u0635\u064a\u0646\u00bb "
              "Pyongyang's " FLAG_UA "'s\r\nSeoul's");
  guint start, end;

  assert_words (text, "North Korea", 11, "North Korea");
  assert_words (text, "North Kor", 9, "North Korea");
  assert_words (text, "North Korea's", 13, "North Korea");
  assert_words (text, "Korea'", 6, "Korea");
  assert_words (text, "China", 3, "China");
  assert_words (text, "China\u2019s", 7, "China");
  assert_words (text, "CHINA'S", 7, "CHINA");
  assert_words (text, "troops,", 7, "troops");
  assert_words (text, "\"Kim\",", 6, "Kim");
  assert_words (text, "(BBC)", 5, "BBC");
  assert_words (text, "U.S.", 4, "U.S.");
  assert_words (text, "the U.S. said.", 14, "the U.S. said");
  assert_words (text, "Smiths'", 7, "Smiths");
  assert_words (text, "#MeToo", 6, "#MeToo");
  assert_words (text, "don't", 3, "don't");
  assert_words (text, "James's", 7, "James");
  assert_words (text, "\u00ab\u0627", 3, "\u0627\u0644\u0635\u064a\u0646");
  assert_words (text, "\r\nSeoul's", 6, "Seoul");
  /* Punctuation alone is still left as it is. */
  assert_words (text, ", (", 3, NULL);

  /* The possessive rule by itself: only after a word character, only at
   * the end of a word. */
  start = 0;
  end = 13;
  g_assert_cmpuint (glossator_text_possessive_start (text, start, end), ==, 11);
  g_assert_cmpuint (glossator_text_possessive_start (text, 0, 12), ==, 12);
  g_assert_cmpuint (glossator_text_possessive_start (text, 11, 13), ==, 13);
  g_assert_cmpuint (glossator_text_possessive_start (text, 0, 100000), ==, 100000);
}

static void
assert_sentence (GlossatorText *text,
                 guint          offset,
                 const char    *expected)
{
  guint start = G_MAXUINT, end = G_MAXUINT;
  g_autofree char *sentence = NULL;

  glossator_text_get_sentence (text, offset, &start, &end);
  g_assert_cmpuint (start, <=, end);
  sentence = glossator_text_slice (text, start, end);
  g_assert_cmpstr (sentence, ==, expected);
}

static void
test_sentences (void)
{
  /* Hello=0 Next=13 Third=24 New=31 blank line=40 Last=41 */
  g_autoptr(GlossatorText) text = test_util_text_from_data ("Hello world. Next one!  Third?\nNew para\n\nLast");
  g_autoptr(GlossatorText) mixed_text =
    test_util_text_from_data ("  \xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80! "
                              FAMILY " \xd0\x9a\xd0\xb0\xd0\xba \xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0?\r\n"
                              "Cafe" ACUTE " \xd9\x82\xd8\xa7\xd9\x84.\r\n");
  g_autoptr(GlossatorText) empty = test_util_text_from_data ("");
  guint start, end;

  assert_sentence (text, 0, "Hello world.");
  assert_sentence (text, 6, "Hello world.");
  assert_sentence (text, 11, "Hello world.");
  /* In the white space after a sentence: that sentence */
  assert_sentence (text, 12, "Hello world.");
  assert_sentence (text, 13, "Next one!");
  assert_sentence (text, 23, "Next one!");
  assert_sentence (text, 24, "Third?");
  assert_sentence (text, 30, "Third?");
  assert_sentence (text, 31, "New para");
  assert_sentence (text, 40, "");
  assert_sentence (text, 41, "Last");
  assert_sentence (text, 45, "Last");
  assert_sentence (text, 1000, "Last");

  /* Leading white space, emoji, CRLF, RTL */
  assert_sentence (mixed_text, 0, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80!");
  assert_sentence (mixed_text, 5, "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80!");
  assert_sentence (mixed_text, 16, FAMILY " \xd0\x9a\xd0\xb0\xd0\xba \xd0\xb4\xd0\xb5\xd0\xbb\xd0\xb0?");
  assert_sentence (mixed_text, 32, "Cafe" ACUTE " \xd9\x82\xd8\xa7\xd9\x84.");
  assert_sentence (mixed_text, glossator_text_get_length (mixed_text),
                   "Cafe" ACUTE " \xd9\x82\xd8\xa7\xd9\x84.");

  glossator_text_get_sentence (empty, 3, &start, &end);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 0);
}

static void
test_empty (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data ("");
  const PangoLogAttr *attrs = glossator_text_get_log_attrs (text);
  guint start = 0, end = 0;
  gsize n_bytes = 99;

  g_assert_cmpuint (glossator_text_get_length (text), ==, 0);
  g_assert_cmpstr (glossator_text_get_utf8 (text, &n_bytes), ==, "");
  g_assert_cmpuint (n_bytes, ==, 0);
  g_assert_false (glossator_text_has_bom (text));
  g_assert_cmpint (glossator_text_get_newline (text), ==, GLOSSATOR_NEWLINE_NONE);
  g_assert_true (attrs[0].is_cursor_position);
  g_assert_true (glossator_text_is_grapheme_boundary (text, 0));
  g_assert_cmpuint (glossator_text_snap_to_grapheme (text, 4, TRUE), ==, 0);
  g_assert_cmpuint (glossator_text_offset_to_byte (text, 3), ==, 0);
  g_assert_cmpuint (glossator_text_byte_to_offset (text, 3), ==, 0);
  g_assert_cmpuint (glossator_text_get_char (text, 0), ==, 0);
  assert_slice (text, 0, 0, "");
  glossator_text_snap_to_words (text, &start, &end);
  g_assert_cmpuint (end, ==, 0);

  /* A BOM alone is an empty text too. */
  {
    g_autoptr(GlossatorText) bom = test_util_text_from_data ("\xef\xbb\xbf");

    g_assert_cmpuint (glossator_text_get_length (bom), ==, 0);
    g_assert_true (glossator_text_has_bom (bom));
  }
}

static void
test_boxed (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data ("x");
  GlossatorText *copy;

  g_assert_true (G_TYPE_IS_BOXED (GLOSSATOR_TYPE_TEXT));
  copy = g_boxed_copy (GLOSSATOR_TYPE_TEXT, text);
  g_assert_true (copy == text);
  g_boxed_free (GLOSSATOR_TYPE_TEXT, copy);
  g_assert_cmpstr (glossator_text_get_utf8 (text, NULL), ==, "x");
}

/* Without the whole text segmented, boundaries are found from the text
 * around them: the same answers, for every offset. */
static void
test_grapheme_boundary_near (void)
{
  static const char * const texts[] = {
    "Thumbs \xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd up, \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 ok.\r\n",
    "Flags \xf0\x9f\x87\xba\xf0\x9f\x87\xa6\xf0\x9f\x87\xba\xf0\x9f\x87\xa6\xf0\x9f\x87\xba x \xf0\x9f\x8f\xb4\xf3\xa0\x81\xa7\xf3\xa0\x81\xa2\xf3\xa0\x81\xa5\xf3\xa0\x81\xae\xf3\xa0\x81\xa7\xf3\xa0\x81\xbf 1\xef\xb8\x8f\xe2\x83\xa3 \xe2\x9d\xa4\xef\xb8\x8f",
    "Cafe\xcc\x81 na\xc3\xafve Zoe\xcc\x88\xcc\x81 \xd8\xa8\xd9\x90\xd8\xb3\xd9\x92\xd9\x85\xd9\x90 \xd7\xa9\xd7\x81\xd7\x9c\xd7\x95\xd7\x9d",
    "\xe0\xa4\x95\xe0\xa5\x8d\xe0\xa4\xb7\xe0\xa4\xbf \xe0\xb8\x81\xe0\xb8\xb3 \xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8 \xea\xb0\x80\xea\xb0\x81 \xe4\xb8\xad\xe6\x96\x87",
    "\xef\xbb\xbf\r\n\r\r\n\na\xe2\x80\x8d" "b\xe2\x80\x8c\xd8\x80\xd9\xa1 end",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GlossatorText) whole = glossator_text_new (texts[i], -1, NULL);
      const PangoLogAttr *attrs = glossator_text_get_log_attrs (whole);

      for (guint offset = 0; offset <= glossator_text_get_length (whole); offset++)
        {
          g_autoptr(GlossatorText) fresh = glossator_text_new (texts[i], -1, NULL);

          if (glossator_text_is_grapheme_boundary (fresh, offset) != attrs[offset].is_cursor_position)
            g_error ("text %u, offset %u: %d near, %d in the whole text", i, offset,
                     !attrs[offset].is_cursor_position, attrs[offset].is_cursor_position);
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/bom", test_bom);
  g_test_add_func ("/text/newlines", test_newlines);
  g_test_add_func ("/text/newline-strings", test_newline_strings);
  g_test_add_func ("/text/lengths", test_lengths);
  g_test_add_func ("/text/offsets/mixed", test_offsets_mixed);
  g_test_add_func ("/text/offsets/long", test_offsets_long);
  g_test_add_func ("/text/slices", test_slices);
  g_test_add_func ("/text/errors/invalid-utf8", test_invalid_utf8);
  g_test_add_func ("/text/errors/binary", test_binary);
  g_test_add_func ("/text/errors/too-large", test_too_large);
  g_test_add_func ("/text/sha256", test_sha256);
  g_test_add_func ("/text/lazy-threads", test_lazy_threads);
  g_test_add_func ("/text/graphemes", test_graphemes);
  g_test_add_func ("/text/graphemes-crlf", test_graphemes_crlf);
  g_test_add_func ("/text/snap-to-words", test_snap_to_words);
  g_test_add_func ("/text/snap-trims", test_snap_trims);
  g_test_add_func ("/text/sentences", test_sentences);
  g_test_add_func ("/text/empty", test_empty);
  g_test_add_func ("/text/boxed", test_boxed);
  g_test_add_func ("/text/grapheme-boundary-near", test_grapheme_boundary_near);

  return g_test_run ();
}

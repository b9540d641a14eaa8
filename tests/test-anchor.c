/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-anchor"

#include "config.h"

#include <string.h>

#include "glossator-anchor.h"
#include "test-util.h"

#define SHALOM "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d"                                      /* שלום */

/* Kremlin [63, 70), Kim Yo Jong [77, 88), attend [110, 116); 127 code points. */
#define BASE "Vladimir Putin met Kim Jong Un in Vladivostok on Thursday, the Kremlin said. " \
             "Kim Yo Jong, his sister, did not attend the talks."

static char *
repeat (char   c,
        guint  n)
{
  char *s = g_malloc (n + 1);

  memset (s, c, n);
  s[n] = '\0';
  return s;
}

typedef struct {
  char *exact;
  char *prefix;
  char *suffix;
} Quote;

static void
quote_clear (Quote *q)
{
  g_clear_pointer (&q->exact, g_free);
  g_clear_pointer (&q->prefix, g_free);
  g_clear_pointer (&q->suffix, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Quote, quote_clear)

static void
quote_of (const char *utf8,
          guint       start,
          guint       end,
          Quote      *q)
{
  g_autoptr(GlossatorText) text = test_util_text_new (utf8);

  glossator_anchor_quote (text, start, end, &q->exact, &q->prefix, &q->suffix);
}

/* Records [start, end) in @before and re-anchors it in @after. */
static void
reanchor (const char            *before,
          guint                  start,
          guint                  end,
          const char            *after,
          GlossatorAnchorResult *result)
{
  g_auto(Quote) q = { 0 };
  g_autoptr(GlossatorText) text = test_util_text_new (after);

  quote_of (before, start, end, &q);
  glossator_anchor_span (text, q.exact, q.prefix, q.suffix, start, end, result);
}

static void
assert_result (const GlossatorAnchorResult *r,
               GlossatorAnchorOutcome       outcome,
               guint                        start,
               guint                        end)
{
  g_assert_cmpint (r->outcome, ==, outcome);
  g_assert_cmpuint (r->start, ==, start);
  g_assert_cmpuint (r->end, ==, end);
  g_assert_cmpfloat (r->score, >=, 0.0);
  g_assert_cmpfloat (r->score, <=, 1.0);
  if (outcome == GLOSSATOR_ANCHOR_ORPHANED)
    g_assert_cmpfloat (r->score, <, GLOSSATOR_ANCHOR_THRESHOLD);
  else
    g_assert_cmpfloat (r->score, >=, GLOSSATOR_ANCHOR_THRESHOLD);
}

static double
expected_score (double quote,
                double prefix,
                double suffix,
                double proximity)
{
  return (50 * quote + 20 * prefix + 20 * suffix + 2 * proximity) / 92;
}

static void
test_quote_context (void)
{
  g_auto(Quote) q = { 0 };

  quote_of (BASE, 0, 8, &q);
  g_assert_cmpstr (q.exact, ==, "Vladimir");
  g_assert_cmpstr (q.prefix, ==, "");
  g_assert_cmpstr (q.suffix, ==, " Putin met Kim Jong Un in Vladiv");
  quote_clear (&q);

  quote_of (BASE, 110, 116, &q);
  g_assert_cmpstr (q.exact, ==, "attend");
  g_assert_cmpstr (q.prefix, ==, "im Yo Jong, his sister, did not ");
  g_assert_cmpstr (q.suffix, ==, " the talks.");
  quote_clear (&q);

  quote_of (BASE, 121, 127, &q);
  g_assert_cmpstr (q.exact, ==, "talks.");
  g_assert_cmpstr (q.prefix, ==, " his sister, did not attend the ");
  g_assert_cmpstr (q.suffix, ==, "");
  quote_clear (&q);

  /* Offsets past the end are clamped. */
  quote_of (BASE, 200, 300, &q);
  g_assert_cmpstr (q.exact, ==, "");
  g_assert_cmpstr (q.prefix, ==, "ister, did not attend the talks.");
  g_assert_cmpstr (q.suffix, ==, "");
}

static void
test_quote_graphemes (void)
{
  g_auto(Quote) q = { 0 };
  g_autofree char *xs = repeat ('x', 30);
  g_autofree char *ys = repeat ('y', 31);
  g_autofree char *ws = repeat ('w', 31);
  g_autofree char *vs = repeat ('v', 31);
  /* Kim at [37, 40): 32 code points back is inside the family, 32 forward
   * between the two regional indicators of the flag. */
  g_autofree char *emoji = g_strconcat ("AB" FAMILY, xs, "Kim", ys, FLAG_UA "z", NULL);
  /* NFD: Kim at [36, 39); the cuts fall before a combining acute. */
  g_autofree char *nfd = g_strconcat ("Cafe" ACUTE, ws, "Kim", vs, "e" ACUTE "!", NULL);
  g_autofree char *prefix = g_strconcat (FAMILY, xs, NULL);
  g_autofree char *suffix = g_strconcat (ys, FLAG_UA, NULL);
  g_autofree char *nfd_prefix = g_strconcat ("e" ACUTE, ws, NULL);
  g_autofree char *nfd_suffix = g_strconcat (vs, "e" ACUTE, NULL);

  quote_of (emoji, 37, 40, &q);
  g_assert_cmpstr (q.exact, ==, "Kim");
  g_assert_cmpstr (q.prefix, ==, prefix);
  g_assert_cmpint (g_utf8_strlen (q.prefix, -1), ==, 35);
  g_assert_cmpstr (q.suffix, ==, suffix);
  g_assert_cmpint (g_utf8_strlen (q.suffix, -1), ==, 33);
  quote_clear (&q);

  quote_of (nfd, 36, 39, &q);
  g_assert_cmpstr (q.exact, ==, "Kim");
  g_assert_cmpstr (q.prefix, ==, nfd_prefix);
  g_assert_cmpstr (q.suffix, ==, nfd_suffix);
  quote_clear (&q);

  /* The span itself holding the ZWJ sequence. */
  quote_of (emoji, 2, 7, &q);
  g_assert_cmpstr (q.exact, ==, FAMILY);
  g_assert_cmpstr (q.prefix, ==, "AB");
}

static void
test_insert_before (void)
{
  GlossatorAnchorResult r;

  /* 18 code points, 33 bytes: offsets must move by code points. */
  reanchor (BASE, 63, 70, "BREAKING " FAMILY FLAG_UA ": " BASE, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 81, 88);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1, 1, 1, 1 - 18.0 / 145), 1e-9);

  reanchor (BASE, 77, 88, FLAG_UA " " BASE, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 80, 91);
}

static void
test_edit_context (void)
{
  g_autofree char *after = NULL;
  GlossatorAnchorResult r;

  /* "Thursday" -> "Thursday " FLAG_UA ",": three code points inserted six
   * before "Kremlin" cost three of the 32 of the prefix, no more. */
  after = g_strdup_printf ("%.57s " FLAG_UA "%s", BASE, BASE + 57);
  reanchor (BASE, 63, 70, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 66, 73);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1, 29.0 / 32, 1, 1 - 3.0 / 130), 1e-9);
}

/* A near occurrence with a fair context must not stop the search before a
 * farther one with a perfect context. */
static void
test_far_move (void)
{
  const char *p = "Negotiators in Vladivostok said that ";
  const char *q = " will travel to Moscow next week with his sister.";
  g_autofree char *before = g_strconcat (p, "Kim", q, NULL);
  g_autofree char *filler = repeat ('.', 300);
  g_autofree char *after = g_strconcat ("A ", p, "Kim will travel to Moscow, then to Beijing by train.", filler,
                                        p, "Kim", q, NULL);
  guint start = g_utf8_strlen (p, -1);
  guint far = 2 + start + 52 + 300 + start;
  GlossatorAnchorResult r;

  reanchor (before, start, start + 3, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, far, far + 3);
}

/* A match cutting a grapheme cluster is widened to the whole cluster. */
static void
test_snap_result (void)
{
  GlossatorAnchorResult r;

  /* 👧 became 👩‍👧: the quote now starts inside a ZWJ sequence. */
  reanchor ("\xf0\x9f\x91\xa7 and Kim", 0, 1, "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 and Kim", &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 0, 3);

  /* An accent was added to the last letter of "Cafe". */
  reanchor ("Cafe and Kim", 0, 4, "A Cafe" ACUTE " and Kim", &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 2, 7);
}

static void
test_delete_before (void)
{
  GlossatorAnchorResult r;

  reanchor (BASE, 63, 70, BASE + strlen ("Vladimir "), &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 54, 61);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1, 1, 1, 1 - 9.0 / 118), 1e-9);

  /* The last span: its old end is now past the end of the text. */
  reanchor (BASE, 121, 127, BASE + strlen ("Vladimir "), &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 112, 118);
}

static void
test_edit_after (void)
{
  GlossatorAnchorResult r;

  /* Even the suffix changed: the offsets still hold the quote. */
  reanchor (BASE, 63, 70,
            "Vladimir Putin met Kim Jong Un in Vladivostok on Thursday, the Kremlin says: "
            "nothing was agreed.", &r);
  assert_result (&r, GLOSSATOR_ANCHOR_KEPT, 63, 70);
  g_assert_cmpfloat (r.score, ==, 1.0);

  reanchor (BASE, 0, 14, BASE " " FAMILY, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_KEPT, 0, 14);
}

static void
test_edit_inside (void)
{
  GlossatorAnchorResult r;
  g_autofree char *inserted = g_strconcat ("Vladimir V. Putin", BASE + 14, NULL);
  g_autofree char *shortened = NULL;
  g_autofree char *replaced = NULL;

  /* Three insertions; the same start, but approximate: moved. */
  reanchor (BASE, 0, 14, inserted, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 0, 17);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1 - 3.0 / 14, 1, 1, 1), 1e-9);
  g_assert_cmpfloat (r.score, <, 1.0);

  /* "Kim Yo Jong" -> "Kim Jong": "Kim Jong" of "Kim Jong Un" is as close,
   * the context picks the right one. */
  shortened = g_strdup_printf ("%.77sKim Jong%s", BASE, BASE + 88);
  reanchor (BASE, 77, 88, shortened, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 77, 85);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1 - 3.0 / 11, 1, 1, 1), 1e-9);

  /* An exact occurrence elsewhere, in the wrong context, loses to the
   * approximate one in place. */
  reanchor ("Yesterday Putin said that talks would resume. In Minsk, Lukashenko repeated what Putin said in March.",
            10, 20,
            "Yesterday Putin says that talks would resume. In Minsk, Lukashenko repeated what Putin said in March.",
            &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 10, 20);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1 - 2.0 / 10, 1, 1, 1), 1e-9);

  /* Four errors in eleven: still within min(256, 11 / 2) and the threshold. */
  g_clear_pointer (&replaced, g_free);
  replaced = g_strdup_printf ("%.77sKim Yeo-jung%s", BASE, BASE + 88);
  reanchor (BASE, 77, 88, replaced, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 77, 89);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1 - 4.0 / 11, 1, 1, 1), 1e-9);

  /* Too much changed: orphaned at the old offsets. */
  g_clear_pointer (&replaced, g_free);
  replaced = g_strdup_printf ("%.77sLee Jae-myung%s", BASE, BASE + 88);
  reanchor (BASE, 77, 88, replaced, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 77, 88);
}

static void
test_repeated_quote (void)
{
  const char *before = "Kim Jong Un arrived in Vladivostok by train. Kim Yo Jong stayed in Pyongyang.";
  g_autofree char *after = g_strconcat ("Reports from Seoul said on Friday that: ", before, NULL);
  GlossatorAnchorResult r;

  /* The first Kim is now 5 code points from the old start, the second 40:
   * the context outweighs the proximity. */
  reanchor (before, 45, 48, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 85, 88);

  reanchor (before, 0, 3, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 40, 43);
}

static void
test_crlf_bom (void)
{
  const char before[] = "\xef\xbb\xbf" "Moscow\r\n\tPutin said " FAMILY " " SHALOM "\r\nKim replied.\r\n";
  const char after[] = "\xef\xbb\xbf" "Update\r\nMoscow\r\n\tPutin said " FAMILY " " SHALOM "\r\nKim replied.\r\n";
  g_autoptr(GlossatorText) old_text = NULL;
  g_autoptr(GlossatorText) new_text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  GlossatorAnchorResult r;

  old_text = glossator_text_new_from_data (before, sizeof before - 1, &error);
  g_assert_no_error (error);
  new_text = glossator_text_new_from_data (after, sizeof after - 1, &error);
  g_assert_no_error (error);
  g_assert_true (glossator_text_has_bom (new_text));
  g_assert_cmpuint (glossator_text_get_length (new_text), ==, 54);

  glossator_anchor_quote (old_text, 32, 35, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, "Kim");
  g_assert_cmpstr (prefix, ==, "Moscow\r\n\tPutin said " FAMILY " " SHALOM "\r\n");
  g_assert_cmpstr (suffix, ==, " replied.\r\n");

  glossator_anchor_span (new_text, exact, prefix, suffix, 32, 35, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 40, 43);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1, 1, 1, 1 - 8.0 / 54), 1e-9);

  glossator_anchor_span (old_text, exact, prefix, suffix, 32, 35, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_KEPT, 32, 35);
}

static void
test_vanished (void)
{
  GlossatorAnchorResult r;

  reanchor (BASE, 63, 70, "Short text.", &r);
  assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 11, 11);

  reanchor (BASE, 0, 14, "Short text.", &r);
  assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 0, 11);

  /* Reversed offsets clamp to an empty span. */
  {
    g_autoptr(GlossatorText) text = test_util_text_new ("Short text.");

    glossator_anchor_span (text, "Kremlin", NULL, NULL, 9, 4, &r);
    assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 9, 9);
  }
}

static void
test_empty_text (void)
{
  g_autoptr(GlossatorText) empty = test_util_text_new ("");
  g_autoptr(GlossatorText) text = test_util_text_new ("Kim");
  g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
  GlossatorAnchorResult r;

  glossator_anchor_quote (empty, 0, 0, &exact, &prefix, &suffix);
  g_assert_cmpstr (exact, ==, "");
  g_assert_cmpstr (prefix, ==, "");
  g_assert_cmpstr (suffix, ==, "");

  glossator_anchor_span (empty, "Kim", "", "", 0, 3, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 0, 0);

  glossator_anchor_span (empty, "", NULL, NULL, 0, 0, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_KEPT, 0, 0);

  /* The whole text, without context. */
  glossator_anchor_span (text, "Kim", NULL, NULL, 5, 8, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 0, 3);
  g_assert_cmpfloat_with_epsilon (r.score, expected_score (1, 1, 1, 1 - 3.0 / 3), 1e-9);
}

static const char *const words[] = {
  "the", "Kremlin", "said", "Zürich", "Київ", "talks", "of", "and", "😀",
  "sanctions", "on", "Thursday", "ministers", "مرحبا", "peace", "a", "Kim",
  "שלום", "north", "grain", "deal", "Café",
};

/* Pseudo-random prose from @words; records where each word starts. */
static char *
make_prose (GRand  *rand,
            guint   n_words,
            GArray *starts)
{
  GString *s = g_string_new (NULL);
  guint offset = 0;

  for (guint i = 0; i < n_words; i++)
    {
      const char *w = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];

      if (starts != NULL)
        g_array_append_val (starts, offset);
      g_string_append (s, w);
      offset += g_utf8_strlen (w, -1);
      g_string_append_c (s, i % 13 == 12 ? '\n' : ' ');
      offset++;
    }

  return g_string_free (s, FALSE);
}

static char *
substring (const char *utf8,
           guint       start,
           guint       end)
{
  const char *b0 = g_utf8_offset_to_pointer (utf8, start);
  const char *b1 = g_utf8_offset_to_pointer (utf8, end);

  return g_strndup (b0, b1 - b0);
}

static void
test_long_quote (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *prose = make_prose (rand, 500, NULL);
  g_autofree char *head = substring (prose, 0, 1000);
  g_autofree char *quote = substring (prose, 1000, 1300);
  g_autofree char *tail = substring (prose, 1300, g_utf8_strlen (prose, -1));
  g_autoptr(GString) edited = g_string_new (NULL);
  g_autofree char *after = NULL;
  const char *p = quote;
  GlossatorAnchorResult r;

  /* In the quote: '#' for code points 50, 120 and 200, 150 deleted, "++"
   * inserted before 250: six errors, one code point longer. */
  for (guint i = 0; i < 300; i++, p = g_utf8_next_char (p))
    {
      if (i == 250)
        g_string_append (edited, "++");
      if (i == 50 || i == 120 || i == 200)
        g_string_append_c (edited, '#');
      else if (i != 150)
        g_string_append_len (edited, p, g_utf8_next_char (p) - p);
    }

  after = g_strconcat ("XYZ ", head, edited->str, tail, NULL);
  reanchor (prose, 1000, 1300, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_MOVED, 1004, 1305);
  g_assert_cmpfloat_with_epsilon (r.score,
                                  expected_score (1 - 6.0 / 300, 1, 1,
                                                  1 - 4.0 / g_utf8_strlen (after, -1)),
                                  1e-9);

  /* Nothing like it left. */
  g_clear_pointer (&after, g_free);
  after = g_strconcat (head, tail, NULL);
  reanchor (prose, 1000, 1300, after, &r);
  assert_result (&r, GLOSSATOR_ANCHOR_ORPHANED, 1000, 1300);
}

/* Most spans shifted by one edit, many of them common words with thousands
 * of occurrences in a megabyte. */
static void
test_large_text (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2024);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *prose = make_prose (rand, 160000, starts);
  const char *insert = "Breaking: " FAMILY " the talks of the Kremlin " FLAG_UA "\n";
  guint delta = g_utf8_strlen (insert, -1);
  g_autoptr(GlossatorText) old_text = test_util_text_new (prose);
  g_autoptr(GlossatorText) new_text = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GTimer) timer = g_timer_new ();
  guint middle = g_array_index (starts, guint, starts->len / 2);
  guint n_kept = 0;

  g_assert_cmpuint (strlen (prose), >, 1000000);

  /* Inserted in the middle: spans before it stay, those after move. */
  {
    const char *at = g_utf8_offset_to_pointer (prose, middle);

    after = g_strdup_printf ("%.*s%s%s", (int) (at - prose), prose, insert, at);
    new_text = test_util_text_new (after);
  }

  for (guint i = 0; i < 4000; i++)
    {
      guint w = g_rand_int_range (rand, 0, starts->len - 1);
      guint start = g_array_index (starts, guint, w);
      guint end = g_array_index (starts, guint, w + 1) - 1;
      g_autofree char *exact = NULL, *prefix = NULL, *suffix = NULL;
      GlossatorAnchorResult r;

      glossator_anchor_quote (old_text, start, end, &exact, &prefix, &suffix);
      glossator_anchor_span (new_text, exact, prefix, suffix, start, end, &r);

      if (start < middle || glossator_text_slice_equals (new_text, start, end, exact))
        {
          /* The offsets still hold the quote: kept, even when it is now
           * another occurrence (the position wins, as in Hypothesis). */
          assert_result (&r, GLOSSATOR_ANCHOR_KEPT, start, end);
          n_kept++;
        }
      else
        {
          assert_result (&r, GLOSSATOR_ANCHOR_MOVED, start + delta, end + delta);
        }
    }

  g_test_message ("re-anchored 4000 spans in a %zu-byte text in %.3f s (%u kept)",
                  strlen (after), g_timer_elapsed (timer, NULL), n_kept);
}

/* Plain dynamic programming, for comparison. */
static guint
levenshtein (const gunichar *a,
             guint           m,
             const gunichar *b,
             guint           n,
             gboolean        free_ends,
             guint          *best_end)
{
  g_autofree guint *col = g_new (guint, m + 1);
  guint best;

  for (guint i = 0; i <= m; i++)
    col[i] = i;
  best = col[m];
  *best_end = 0;

  for (guint j = 1; j <= n; j++)
    {
      guint diag = col[0];

      col[0] = free_ends ? 0 : j;
      for (guint i = 1; i <= m; i++)
        {
          guint up = col[i];
          guint v = MIN (MIN (col[i - 1], up) + 1, diag + (a[i - 1] != b[j - 1]));

          diag = up;
          col[i] = v;
        }
      if (col[m] < best)
        {
          best = col[m];
          *best_end = j;
        }
    }

  return free_ends ? best : col[m];
}

static void
random_string (GRand    *rand,
               GString  *s,
               gunichar *chars,
               guint     n,
               guint     alphabet)
{
  static const gunichar letters[] = { 'a', 'b', 'c', 0xe9, 0x1f1fa, 'd', 0x5d0, ' ' };

  g_string_truncate (s, 0);
  for (guint i = 0; i < n; i++)
    {
      chars[i] = letters[g_rand_int_range (rand, 0, alphabet)];
      g_string_append_unichar (s, chars[i]);
    }
}

/* The bit-parallel search, in blocks past 64 code points and with its
 * cut-off, against the plain recurrence. */
static void
test_find_approximate (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  g_autoptr(GString) pattern = g_string_new (NULL);
  g_autoptr(GString) haystack = g_string_new (NULL);
  gunichar pchars[300], hchars[600];

  for (guint round = 0; round < 600; round++)
    {
      guint m = g_rand_int_range (rand, 1, round % 3 == 0 ? 300 : 80);
      guint n = g_rand_int_range (rand, 0, 600);
      guint alphabet = g_rand_int_range (rand, 2, 9);
      guint k = g_rand_int_range (rand, 0, m + 1);
      g_autoptr(GlossatorText) text = NULL;
      guint expected, end, start, found_end, check_end;
      int found;

      random_string (rand, pattern, pchars, m, alphabet);
      random_string (rand, haystack, hchars, n, alphabet);
      /* Often plant a mutated copy of the pattern. */
      if (n > m && round % 2 == 0)
        {
          guint at = g_rand_int_range (rand, 0, n - m + 1);

          memcpy (hchars + at, pchars, m * sizeof (gunichar));
          for (guint e = 0; e < m / 10; e++)
            hchars[at + g_rand_int_range (rand, 0, m)] = 'z';
          g_string_truncate (haystack, 0);
          for (guint i = 0; i < n; i++)
            g_string_append_unichar (haystack, hchars[i]);
        }

      text = test_util_text_new (haystack->str);
      expected = levenshtein (pchars, m, hchars, n, TRUE, &end);
      found = glossator_anchor_find_approximate (text, pattern->str, k, n / 2, &start, &found_end);

      if (expected > k)
        {
          g_assert_cmpint (found, ==, -1);
          continue;
        }

      g_assert_cmpint (found, ==, (int) expected);
      g_assert_cmpuint (start, <=, found_end);
      g_assert_cmpuint (found_end, <=, n);
      g_assert_cmpuint (levenshtein (pchars, m, hchars + start, found_end - start, FALSE, &check_end),
                        ==, expected);
    }
}

static void
test_find_approximate_simple (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new ("Vladimir V. Putin and " FAMILY " Vladimir Putin.");
  guint start = 0, end = 0;

  g_assert_cmpint (glossator_anchor_find_approximate (text, "Vladimir Putin", 7, 0, &start, &end), ==, 0);
  g_assert_cmpuint (start, ==, 28);
  g_assert_cmpuint (end, ==, 42);

  g_assert_cmpint (glossator_anchor_find_approximate (text, "Vladimir  Putin.", 7, 0, &start, &end), ==, 1);
  g_assert_cmpuint (start, ==, 28);
  g_assert_cmpuint (end, ==, 43);

  g_assert_cmpint (glossator_anchor_find_approximate (text, "Vladimir W. Putin", 2, 0, &start, &end), ==, 1);
  g_assert_cmpuint (start, ==, 0);
  g_assert_cmpuint (end, ==, 17);

  g_assert_cmpint (glossator_anchor_find_approximate (text, "Zelensky", 2, 0, &start, &end), ==, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/anchor/quote/context", test_quote_context);
  g_test_add_func ("/anchor/quote/graphemes", test_quote_graphemes);
  g_test_add_func ("/anchor/span/insert-before", test_insert_before);
  g_test_add_func ("/anchor/span/edit-context", test_edit_context);
  g_test_add_func ("/anchor/span/far-move", test_far_move);
  g_test_add_func ("/anchor/span/delete-before", test_delete_before);
  g_test_add_func ("/anchor/span/snap-result", test_snap_result);
  g_test_add_func ("/anchor/span/edit-after", test_edit_after);
  g_test_add_func ("/anchor/span/edit-inside", test_edit_inside);
  g_test_add_func ("/anchor/span/repeated-quote", test_repeated_quote);
  g_test_add_func ("/anchor/span/crlf-bom", test_crlf_bom);
  g_test_add_func ("/anchor/span/vanished", test_vanished);
  g_test_add_func ("/anchor/span/empty-text", test_empty_text);
  g_test_add_func ("/anchor/span/long-quote", test_long_quote);
  g_test_add_func ("/anchor/span/large-text", test_large_text);
  g_test_add_func ("/anchor/find-approximate/simple", test_find_approximate_simple);
  g_test_add_func ("/anchor/find-approximate/random", test_find_approximate);

  return g_test_run ();
}

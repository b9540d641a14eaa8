/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-anchor"
/* for memmem () */
#define _GNU_SOURCE

#include "config.h"

#include <string.h>

#include "glossator-anchor.h"

/* Hypothesis's weights (match-quote.ts). */
#define QUOTE_WEIGHT  50.0
#define PREFIX_WEIGHT 20.0
#define SUFFIX_WEIGHT 20.0
#define POS_WEIGHT     2.0
#define TOTAL_WEIGHT  (QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POS_WEIGHT)

#define MAX_QUOTE_ERRORS 256

/* The first ring searched around the old position for exact occurrences,
 * in code points; it doubles until no farther occurrence can win. */
#define FIRST_RADIUS 256

/* Approximate matches are scored best first (fewest errors, then nearest)
 * and most are cut short by the bound on their score; only a highly
 * repetitive text has more than this many left to score. */
#define MAX_APPROX_CANDIDATES 4096

/* ------------------------------------------------------------------------
 * Myers' bit-parallel edit distance over code points, in 64-row blocks.
 *
 * Column j of the dynamic-programming matrix D (rows: pattern prefixes,
 * columns: text prefixes) is kept as vertical deltas D[i][j] - D[i-1][j]:
 * bit i-1 of pv is set for +1, of mv for -1.
 * ------------------------------------------------------------------------ */

typedef guint64 Word;

#define WORD_BITS 64
#define HIGH_BIT  ((Word) 1 << (WORD_BITS - 1))

typedef struct {
  guint   length;      /* code points */
  guint   n_blocks;
  Word    last_bit;    /* the bit of row length in the last block */
  guint   ascii[128];  /* row of peq per ASCII character, 0 when absent */
  guint   hash_mask;
  guint  *hash_keys;   /* code point + 1, 0 for an empty slot */
  guint  *hash_rows;
  Word   *peq;         /* rows × n_blocks; row 0 is all zero */
  Word   *pv;
  Word   *mv;
  guint  *bottom;      /* D at the last row of each block */
} Pattern;

static inline guint
hash_char (gunichar c,
           guint    mask)
{
  return (c * 2654435761u) & mask;
}

static void
pattern_init (Pattern        *p,
              const gunichar *chars,
              guint           n)
{
  g_autofree guint *rows = g_new (guint, n);
  guint n_rows = 1;
  guint size = 8;

  g_assert (n > 0);

  memset (p, 0, sizeof *p);
  p->length = n;
  p->n_blocks = (n + WORD_BITS - 1) / WORD_BITS;
  p->last_bit = (Word) 1 << ((n - 1) % WORD_BITS);

  while (size < 2 * n)
    size *= 2;
  p->hash_mask = size - 1;
  p->hash_keys = g_new0 (guint, size);
  p->hash_rows = g_new0 (guint, size);

  for (guint i = 0; i < n; i++)
    {
      gunichar c = chars[i];

      if (c < G_N_ELEMENTS (p->ascii))
        {
          if (p->ascii[c] == 0)
            p->ascii[c] = n_rows++;
          rows[i] = p->ascii[c];
        }
      else
        {
          guint h = hash_char (c, p->hash_mask);

          while (p->hash_keys[h] != 0 && p->hash_keys[h] != c + 1)
            h = (h + 1) & p->hash_mask;
          if (p->hash_keys[h] == 0)
            {
              p->hash_keys[h] = c + 1;
              p->hash_rows[h] = n_rows++;
            }
          rows[i] = p->hash_rows[h];
        }
    }

  /* One row of match bits per distinct character, after the empty row. */
  p->peq = g_new0 (Word, (gsize) n_rows * p->n_blocks);
  for (guint i = 0; i < n; i++)
    p->peq[(gsize) rows[i] * p->n_blocks + i / WORD_BITS] |= (Word) 1 << (i % WORD_BITS);

  p->pv = g_new (Word, p->n_blocks);
  p->mv = g_new (Word, p->n_blocks);
  p->bottom = g_new (guint, p->n_blocks);
}

static void
pattern_clear (Pattern *p)
{
  g_clear_pointer (&p->hash_keys, g_free);
  g_clear_pointer (&p->hash_rows, g_free);
  g_clear_pointer (&p->peq, g_free);
  g_clear_pointer (&p->pv, g_free);
  g_clear_pointer (&p->mv, g_free);
  g_clear_pointer (&p->bottom, g_free);
}

static inline const Word *
pattern_eq (const Pattern *p,
            gunichar       c)
{
  guint row = 0;

  if (c < G_N_ELEMENTS (p->ascii))
    {
      row = p->ascii[c];
    }
  else
    {
      guint h = hash_char (c, p->hash_mask);

      while (p->hash_keys[h] != 0)
        {
          if (p->hash_keys[h] == c + 1)
            {
              row = p->hash_rows[h];
              break;
            }
          h = (h + 1) & p->hash_mask;
        }
    }

  return p->peq + (gsize) row * p->n_blocks;
}

static inline Word
block_out_bit (const Pattern *p,
               guint          b)
{
  return b + 1 == p->n_blocks ? p->last_bit : HIGH_BIT;
}

static inline guint
block_rows (const Pattern *p,
            guint          b)
{
  return b + 1 == p->n_blocks ? p->length - b * WORD_BITS : WORD_BITS;
}

/* Advances one block by one text character. @hin is the horizontal delta
 * entering the block's top row; returns the one leaving at @out_bit. */
static inline int
advance_block (Word *pv,
               Word *mv,
               Word  eq,
               int   hin,
               Word  out_bit)
{
  Word neg_in = hin < 0 ? 1 : 0;
  Word pos_in = hin > 0 ? 1 : 0;
  Word xv, xh, ph, mh;
  int hout = 0;

  xv = eq | *mv;
  /* A -1 entering from above acts like a match in the first row. */
  eq |= neg_in;
  xh = (((eq & *pv) + *pv) ^ *pv) | eq;
  ph = *mv | ~(xh | *pv);
  mh = *pv & xh;

  if (ph & out_bit)
    hout = 1;
  else if (mh & out_bit)
    hout = -1;

  ph = (ph << 1) | pos_in;
  mh = (mh << 1) | neg_in;
  *pv = mh | ~(xv | ph);
  *mv = ph & xv;

  return hout;
}

static void
pattern_reset (Pattern *p)
{
  for (guint b = 0; b < p->n_blocks; b++)
    {
      p->pv[b] = ~(Word) 0;
      p->mv[b] = 0;
      p->bottom[b] = b * WORD_BITS + block_rows (p, b);
    }
}

/* The distance from the whole pattern to text[0, L), minimised over L in
 * [0, n]: the text is anchored at its start, free at its end. Ties go to
 * the L nearest @target. Gives up with @limit + 1 as soon as the distance
 * cannot be @limit or less. */
static guint
anchored_distance (Pattern        *p,
                   const gunichar *text,
                   guint           n,
                   guint           target,
                   guint           limit,
                   guint          *best_len)
{
  guint score = p->length;
  guint best = score;
  guint best_l = 0;

  pattern_reset (p);

  for (guint l = 1; l <= n; l++)
    {
      const Word *eq = pattern_eq (p, text[l - 1]);
      int h = 1;  /* D[0][l] = l */

      for (guint b = 0; b < p->n_blocks; b++)
        h = advance_block (&p->pv[b], &p->mv[b], eq[b], h, block_out_bit (p, b));
      score += h;

      /* The last row falls by at most one per remaining column. */
      if (best > limit && score > limit && score - limit > n - l)
        return limit + 1;

      if (score < best ||
          (score == best && ABS ((int) l - (int) target) < ABS ((int) best_l - (int) target)))
        {
          best = score;
          best_l = l;
        }
    }

  if (best_len != NULL)
    *best_len = best_l;
  return best;
}

typedef struct {
  guint end;     /* code point offset, exclusive */
  guint errors;
} Hit;

static inline gunichar
next_char (const char *utf8,
           gsize      *pos)
{
  guchar byte = (guchar) utf8[*pos];
  gunichar c;

  if (byte < 0x80)
    {
      (*pos)++;
      return byte;
    }

  c = g_utf8_get_char (utf8 + *pos);
  *pos = g_utf8_next_char (utf8 + *pos) - utf8;
  return c;
}

static inline void
push_valley (GArray *hits,
             guint   end,
             guint   before,
             guint   here,
             guint   after,
             guint   k)
{
  if (here <= k && here <= before && here <= after)
    {
      Hit hit = { end, here };
      g_array_append_val (hits, hit);
    }
}

/* Every end position where the pattern matches a substring of @text with
 * at most @k errors and the count is a local minimum. Only the blocks that
 * can still hold a value <= k are computed (Ukkonen's cut-off), so a long
 * pattern costs about O(n·k/64) rather than O(n·m/64). */
static GArray *
scan_approximate (GlossatorText *text,
                  Pattern       *p,
                  guint          k)
{
  GArray *hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  guint last = p->n_blocks - 1;
  guint y = MIN (last, k / WORD_BITS);
  guint before = G_MAXUINT;
  guint here = p->length;  /* D[m][0] */
  guint end = 0;
  gsize pos = 0;

  pattern_reset (p);

  /* The common case, a quote of at most 64 code points, kept in registers. */
  if (p->n_blocks == 1)
    {
      Word pv = ~(Word) 0, mv = 0;

      while (pos < n_bytes)
        {
          guint after = here + advance_block (&pv, &mv, pattern_eq (p, next_char (utf8, &pos))[0],
                                              0, p->last_bit);

          push_valley (hits, end, before, here, after, k);
          before = here;
          here = after;
          end++;
        }

      push_valley (hits, end, before, here, G_MAXUINT, k);
      return hits;
    }

  while (pos < n_bytes)
    {
      const Word *eq = pattern_eq (p, next_char (utf8, &pos));
      guint after;
      int h = 0;  /* the first row is 0: a match may start anywhere */

      for (guint b = 0; b <= y; b++)
        {
          h = advance_block (&p->pv[b], &p->mv[b], eq[b], h, block_out_bit (p, b));
          p->bottom[b] += h;
        }

      /* A value <= k can only reach the next block through a value <= k
       * on the bottom row of this one. Its previous column is unknown, and
       * taken as growing by one per row: an overestimate, exact where it
       * matters since every path to a value <= k stays <= k. */
      while (y < last && p->bottom[y] <= k)
        {
          guint prev_bottom = p->bottom[y] - h;

          y++;
          p->pv[y] = ~(Word) 0;
          p->mv[y] = 0;
          h = advance_block (&p->pv[y], &p->mv[y], eq[y], h, block_out_bit (p, y));
          p->bottom[y] = prev_bottom + block_rows (p, y) + h;
        }

      /* Adjacent rows differ by at most one, so a block whose bottom row is
       * k + 64 or more holds nothing <= k. */
      while (y > 0 && p->bottom[y] >= k + WORD_BITS)
        y--;

      after = y == last ? p->bottom[last] : k + 1;
      push_valley (hits, end, before, here, after, k);
      before = here;
      here = after;
      end++;
    }

  push_valley (hits, end, before, here, G_MAXUINT, k);

  return hits;
}

/* ------------------------------------------------------------------------ */

static guint
decode_range (GlossatorText *text,
              guint          start,
              guint          end,
              gunichar      *out)
{
  const char *utf8 = glossator_text_get_utf8 (text, NULL);
  gsize pos = glossator_text_offset_to_byte (text, start);

  for (guint i = start; i < end; i++)
    out[i - start] = next_char (utf8, &pos);

  return end - start;
}

static void
reverse_chars (gunichar *chars,
               guint     n)
{
  for (guint i = 0; i < n / 2; i++)
    {
      gunichar c = chars[i];

      chars[i] = chars[n - 1 - i];
      chars[n - 1 - i] = c;
    }
}

/* Where the approximate match ending at @end starts: the reversed pattern
 * is matched against the text read backwards from @end. */
static guint
find_start (GlossatorText *text,
            Pattern       *reversed,
            guint          end,
            guint          k,
            guint         *errors,
            gunichar      *buffer)
{
  guint span = MIN (end, reversed->length + k);
  guint n = decode_range (text, end - span, end, buffer);
  guint len;

  reverse_chars (buffer, n);
  *errors = anchored_distance (reversed, buffer, n, reversed->length, G_MAXUINT - 1, &len);

  return end - len;
}

typedef struct {
  guint  start;
  guint  end;
  guint  distance;  /* from the hint */
  double score;
} Candidate;

typedef struct {
  GlossatorText *text;
  guint          length;
  guint          hint;
  guint          quote_length;

  /* Stored context as patterns: the prefix reversed, so both are matched
   * from the candidate outward with a free far end. */
  Pattern        prefix;
  Pattern        suffix;
  gboolean       has_prefix;
  gboolean       has_suffix;

  gunichar      *buffer;
  guint          buffer_size;

  gboolean       has_best;
  Candidate      best;
} Anchor;

static gunichar *
anchor_buffer (Anchor *a,
               guint   size)
{
  if (size > a->buffer_size)
    {
      a->buffer_size = MAX (size, 2 * a->buffer_size);
      a->buffer = g_renew (gunichar, a->buffer, a->buffer_size);
    }
  return a->buffer;
}

static gboolean
init_context (Pattern    *p,
              const char *context,
              gboolean    reversed)
{
  g_autofree gunichar *chars = NULL;
  glong n = 0;

  if (context == NULL || context[0] == '\0')
    return FALSE;

  chars = g_utf8_to_ucs4_fast (context, -1, &n);
  if (reversed)
    reverse_chars (chars, n);
  pattern_init (p, chars, n);

  return TRUE;
}

/* The window compared with a stored context: a little longer than it, so an
 * insertion in the context does not push its far end out of reach. */
static inline guint
context_window (const Pattern *p)
{
  return p->length + p->length / 4 + 1;
}

/* 1 - distance / length of the stored context against @window (read from
 * the candidate outward); something below @needed when it is below it. */
static double
context_similarity (Pattern        *p,
                    const gunichar *window,
                    guint           n,
                    double          needed)
{
  guint limit = G_MAXUINT - 1;

  if (needed > 1.0)
    return 0.0;
  if (needed > 0.0)
    limit = (guint) ((1.0 - needed) * p->length + 1e-9);

  return 1.0 - (double) anchored_distance (p, window, n, p->length, limit, NULL) / p->length;
}

static double
prefix_similarity (Anchor *a,
                   gsize   start_byte,
                   double  needed)
{
  const char *utf8 = glossator_text_get_utf8 (a->text, NULL);
  const char *pos = utf8 + start_byte;
  guint size, n = 0;
  gunichar *buffer;

  if (!a->has_prefix)
    return 1.0;

  size = context_window (&a->prefix);
  buffer = anchor_buffer (a, size);
  /* Backwards, as the prefix pattern is reversed. */
  while (n < size && pos > utf8)
    {
      if ((guchar) pos[-1] < 0x80)
        {
          buffer[n++] = (guchar) *--pos;
        }
      else
        {
          pos = g_utf8_prev_char (pos);
          buffer[n++] = g_utf8_get_char (pos);
        }
    }

  return context_similarity (&a->prefix, buffer, n, needed);
}

static double
suffix_similarity (Anchor *a,
                   gsize   end_byte,
                   double  needed)
{
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (a->text, &n_bytes);
  guint size, n = 0;
  gunichar *buffer;

  if (!a->has_suffix)
    return 1.0;

  size = context_window (&a->suffix);
  buffer = anchor_buffer (a, size);
  while (n < size && end_byte < n_bytes)
    buffer[n++] = next_char (utf8, &end_byte);

  return context_similarity (&a->suffix, buffer, n, needed);
}

static inline double
weighted (double quote,
          double prefix,
          double suffix,
          double proximity)
{
  return (QUOTE_WEIGHT * quote + PREFIX_WEIGHT * prefix +
          SUFFIX_WEIGHT * suffix + POS_WEIGHT * proximity) / TOTAL_WEIGHT;
}

static inline double
proximity (Anchor *a,
           guint   distance)
{
  return a->length > 0 ? 1.0 - (double) distance / a->length : 1.0;
}

static gboolean
beats_best (Anchor          *a,
            const Candidate *c)
{
  if (!a->has_best || c->score > a->best.score)
    return TRUE;
  if (c->score < a->best.score)
    return FALSE;
  if (c->distance != a->best.distance)
    return c->distance < a->best.distance;
  return c->start < a->best.start;
}

/* [start, end) is at bytes [start_byte, end_byte). */
static void
consider (Anchor *a,
          guint   start,
          guint   end,
          gsize   start_byte,
          gsize   end_byte,
          guint   errors)
{
  double quote = 1.0 - (double) errors / a->quote_length;
  Candidate c = { start, end, start > a->hint ? start - a->hint : a->hint - start, 0.0 };
  double near = proximity (a, c.distance);
  double needed = -1.0;
  double prefix, suffix;

  /* The context is the costly part: skip it when even a perfect one loses,
   * and stop computing it once it is too poor to win. */
  if (a->has_best)
    {
      if (weighted (quote, 1.0, 1.0, near) < a->best.score)
        return;
      needed = (TOTAL_WEIGHT * a->best.score - QUOTE_WEIGHT * quote -
                SUFFIX_WEIGHT - POS_WEIGHT * near) / PREFIX_WEIGHT;
    }

  prefix = prefix_similarity (a, start_byte, needed);
  if (a->has_best)
    {
      if (weighted (quote, prefix, 1.0, near) < a->best.score)
        return;
      needed = (TOTAL_WEIGHT * a->best.score - QUOTE_WEIGHT * quote -
                PREFIX_WEIGHT * prefix - POS_WEIGHT * near) / SUFFIX_WEIGHT;
    }

  suffix = suffix_similarity (a, end_byte, needed);
  c.score = weighted (quote, prefix, suffix, near);
  if (beats_best (a, &c))
    {
      a->best = c;
      a->has_best = TRUE;
    }
}

/* The code points in [begin, end), which hold whole characters: the bytes
 * that do not continue one (10xxxxxx), eight at a time. */
static guint
count_chars (const char *begin,
             const char *end)
{
  const guint64 high = G_GUINT64_CONSTANT (0x8080808080808080);
  const guint64 ones = G_GUINT64_CONSTANT (0x0101010101010101);
  guint n = 0;

  for (; end - begin >= 8; begin += 8)
    {
      guint64 x;

      memcpy (&x, begin, 8);
      /* One per continuation byte, summed by the multiplication. */
      n += 8 - (guint) ((((x & ~(x << 1) & high) >> 7) * ones) >> 56);
    }
  for (; begin < end; begin++)
    n += ((guchar) *begin & 0xc0) != 0x80;

  return n;
}

/* Exact occurrences starting at code points [from, to). */
static void
scan_exact_range (Anchor     *a,
                  const char *exact,
                  gsize       exact_bytes,
                  guint       from,
                  guint       to)
{
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (a->text, &n_bytes);
  gsize first, last, hay_end;
  const char *hay, *counted;
  guint offset = from;

  if (from >= to || from >= a->length)
    return;

  first = glossator_text_offset_to_byte (a->text, from);
  last = to > a->length ? n_bytes : glossator_text_offset_to_byte (a->text, to);
  hay_end = MIN (n_bytes, last + exact_bytes - 1);
  hay = counted = utf8 + first;

  while (hay < utf8 + last && (gsize) (utf8 + hay_end - hay) >= exact_bytes)
    {
      const char *found = memmem (hay, utf8 + hay_end - hay, exact, exact_bytes);

      if (found == NULL || found >= utf8 + last)
        break;

      /* UTF-8 is self-synchronising: a match of a valid string always
       * starts on a character. */
      offset += count_chars (counted, found);
      counted = found;

      consider (a, offset, offset + a->quote_length,
                found - utf8, found - utf8 + exact_bytes, 0);
      hay = found + 1;
    }
}

/* Searches rings of doubling radius around the hint, and stops as soon as no
 * occurrence farther out can beat the best one: then a span shifted by an
 * edit costs the distance it moved, not the length of the text. */
static void
search_exact (Anchor     *a,
              const char *exact)
{
  gsize exact_bytes = strlen (exact);
  guint lo = a->hint;
  guint hi = a->hint;  /* starts in [lo, hi) searched */
  guint64 radius = FIRST_RADIUS;

  for (;;)
    {
      guint new_lo = a->hint > radius ? (guint) (a->hint - radius) : 0;
      guint new_hi = (guint) MIN ((guint64) a->length + 1, a->hint + radius + 1);
      guint nearest = G_MAXUINT;

      scan_exact_range (a, exact, exact_bytes, new_lo, lo);
      scan_exact_range (a, exact, exact_bytes, hi, new_hi);
      lo = new_lo;
      hi = new_hi;

      if (lo > 0)
        nearest = a->hint - lo + 1;
      if (hi <= a->length)
        nearest = MIN (nearest, hi - a->hint);
      if (nearest == G_MAXUINT)
        break;
      if (a->has_best && a->best.score > weighted (1.0, 1.0, 1.0, proximity (a, nearest)))
        break;

      radius *= 2;
    }
}

static int
compare_hits (gconstpointer pa,
              gconstpointer pb,
              gpointer      user_data)
{
  const Hit *ha = pa;
  const Hit *hb = pb;
  guint hint = GPOINTER_TO_UINT (user_data);
  guint da, db;

  if (ha->errors != hb->errors)
    return ha->errors < hb->errors ? -1 : 1;
  da = ha->end > hint ? ha->end - hint : hint - ha->end;
  db = hb->end > hint ? hb->end - hint : hint - hb->end;
  if (da != db)
    return da < db ? -1 : 1;
  return ha->end < hb->end ? -1 : (ha->end > hb->end);
}

static void
search_approximate (Anchor         *a,
                    const gunichar *quote)
{
  guint m = a->quote_length;
  guint k = MIN (MAX_QUOTE_ERRORS, m / 2);
  Pattern forward, reversed;
  g_autofree gunichar *reversed_quote = NULL;
  g_autoptr(GArray) hits = NULL;
  gunichar *buffer;
  guint n_scored;

  if (k == 0)
    return;

  pattern_init (&forward, quote, m);
  hits = scan_approximate (a->text, &forward, k);
  pattern_clear (&forward);

  if (hits->len == 0)
    return;

  /* Ends are sorted by the hint shifted by the quote length, so matches at
   * the old place come first among equals. */
  g_array_sort_with_data (hits, compare_hits, GUINT_TO_POINTER (a->hint + m));

  reversed_quote = g_memdup2 (quote, sizeof (gunichar) * m);
  reverse_chars (reversed_quote, m);
  pattern_init (&reversed, reversed_quote, m);
  buffer = g_new (gunichar, m + k);

  n_scored = MIN (hits->len, MAX_APPROX_CANDIDATES);
  for (guint i = 0; i < n_scored; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      guint start, errors;

      if (a->has_best &&
          weighted (1.0 - (double) hit->errors / m, 1.0, 1.0, 1.0) < a->best.score)
        break;

      start = find_start (a->text, &reversed, hit->end, k, &errors, buffer);
      consider (a, start, hit->end,
                glossator_text_offset_to_byte (a->text, start),
                glossator_text_offset_to_byte (a->text, hit->end), errors);
    }

  g_free (buffer);
  pattern_clear (&reversed);
}

/**
 * glossator_anchor_span:
 * @text: the current text
 * @exact: the quote recorded with the span
 * @prefix: (nullable): the context recorded before it
 * @suffix: (nullable): the context recorded after it
 * @old_start: the recorded start
 * @old_end: the recorded end
 * @result: (out caller-allocates): where the span is now
 *
 * Finds the span in @text again. The recorded offsets win when they still
 * hold @exact. Otherwise occurrences of @exact are scored by their context
 * and their distance from @old_start, searched outward from it until no
 * farther one can win; when none reaches %GLOSSATOR_ANCHOR_THRESHOLD,
 * approximate ones (at most min(256, length / 2) errors) are scored too.
 * The match is widened to grapheme boundaries.
 */
void
glossator_anchor_span (GlossatorText         *text,
                       const char            *exact,
                       const char            *prefix,
                       const char            *suffix,
                       guint                  old_start,
                       guint                  old_end,
                       GlossatorAnchorResult *result)
{
  Anchor a = { 0 };
  g_autofree gunichar *quote = NULL;
  glong quote_length = 0;
  guint clamped_start, clamped_end;

  g_return_if_fail (text != NULL);
  g_return_if_fail (exact != NULL);
  g_return_if_fail (result != NULL);

  a.text = text;
  a.length = glossator_text_get_length (text);
  clamped_start = MIN (old_start, a.length);
  clamped_end = CLAMP (old_end, clamped_start, a.length);

  if (old_start <= old_end && old_end <= a.length &&
      glossator_text_slice_equals (text, old_start, old_end, exact))
    {
      result->outcome = GLOSSATOR_ANCHOR_KEPT;
      result->start = old_start;
      result->end = old_end;
      result->score = 1.0;
      return;
    }

  quote = g_utf8_to_ucs4_fast (exact, -1, &quote_length);
  if (quote_length > 0)
    {
      a.hint = clamped_start;
      a.quote_length = quote_length;
      a.has_prefix = init_context (&a.prefix, prefix, TRUE);
      a.has_suffix = init_context (&a.suffix, suffix, FALSE);

      search_exact (&a, exact);
      if (!a.has_best || a.best.score < GLOSSATOR_ANCHOR_THRESHOLD)
        search_approximate (&a, quote);

      if (a.has_prefix)
        pattern_clear (&a.prefix);
      if (a.has_suffix)
        pattern_clear (&a.suffix);
      g_free (a.buffer);
    }

  if (a.has_best && a.best.score >= GLOSSATOR_ANCHOR_THRESHOLD)
    {
      result->outcome = GLOSSATOR_ANCHOR_MOVED;
      result->start = glossator_text_snap_to_grapheme (text, a.best.start, FALSE);
      result->end = glossator_text_snap_to_grapheme (text, a.best.end, TRUE);
      result->score = a.best.score;
    }
  else
    {
      result->outcome = GLOSSATOR_ANCHOR_ORPHANED;
      result->start = clamped_start;
      result->end = clamped_end;
      result->score = a.has_best ? a.best.score : 0.0;
    }
}

/**
 * glossator_anchor_find_approximate:
 * @text: the text to search
 * @pattern: a non-empty string
 * @max_errors: the largest number of errors accepted
 * @hint: the offset preferred among equally good matches
 * @start: (out): start of the match
 * @end: (out): end of the match
 *
 * Finds the substring of @text closest to @pattern in Levenshtein distance
 * over code points; among equally close ones, the one starting nearest
 * @hint, then the first.
 *
 * Returns: the distance, or -1 when no substring is within @max_errors
 */
int
glossator_anchor_find_approximate (GlossatorText *text,
                                   const char    *pattern,
                                   guint          max_errors,
                                   guint          hint,
                                   guint         *start,
                                   guint         *end)
{
  g_autofree gunichar *chars = NULL;
  g_autofree gunichar *buffer = NULL;
  g_autoptr(GArray) hits = NULL;
  Pattern p;
  glong m = 0;
  guint least = G_MAXUINT;
  guint best_start = 0, best_end = 0, best_distance = G_MAXUINT;

  g_return_val_if_fail (text != NULL, -1);
  g_return_val_if_fail (pattern != NULL && pattern[0] != '\0', -1);

  chars = g_utf8_to_ucs4_fast (pattern, -1, &m);
  max_errors = MIN (max_errors, (guint) m);

  pattern_init (&p, chars, m);
  hits = scan_approximate (text, &p, max_errors);
  pattern_clear (&p);

  for (guint i = 0; i < hits->len; i++)
    least = MIN (least, g_array_index (hits, Hit, i).errors);
  if (least == G_MAXUINT)
    return -1;

  reverse_chars (chars, m);
  pattern_init (&p, chars, m);
  buffer = g_new (gunichar, m + max_errors);

  for (guint i = 0; i < hits->len; i++)
    {
      const Hit *hit = &g_array_index (hits, Hit, i);
      guint s, errors, distance;

      if (hit->errors != least)
        continue;

      s = find_start (text, &p, hit->end, max_errors, &errors, buffer);
      distance = s > hint ? s - hint : hint - s;
      if (distance < best_distance || (distance == best_distance && s < best_start))
        {
          best_start = s;
          best_end = hit->end;
          best_distance = distance;
        }
    }

  pattern_clear (&p);

  if (start != NULL)
    *start = best_start;
  if (end != NULL)
    *end = best_end;
  return least;
}

/**
 * glossator_anchor_quote:
 * @text: the text
 * @start: start of the span
 * @end: end of the span
 * @exact: (out) (optional): the text of the span
 * @prefix: (out) (optional): up to %GLOSSATOR_QUOTE_CONTEXT code points
 *   before it, more when a grapheme cluster would be cut
 * @suffix: (out) (optional): the same after it
 *
 * Offsets past the text are clamped to it.
 */
void
glossator_anchor_quote (GlossatorText *text,
                        guint          start,
                        guint          end,
                        char         **exact,
                        char         **prefix,
                        char         **suffix)
{
  const char *utf8;
  guint length, before, after;
  gsize start_byte, end_byte;

  g_return_if_fail (text != NULL);

  utf8 = glossator_text_get_utf8 (text, NULL);
  length = glossator_text_get_length (text);
  end = MIN (end, length);
  start = MIN (start, end);

  start_byte = glossator_text_offset_to_byte (text, start);
  end_byte = glossator_text_offset_to_byte (text, end);

  if (exact != NULL)
    *exact = g_strndup (utf8 + start_byte, end_byte - start_byte);

  if (prefix != NULL)
    {
      gsize byte;

      before = start > GLOSSATOR_QUOTE_CONTEXT ? start - GLOSSATOR_QUOTE_CONTEXT : 0;
      before = glossator_text_snap_to_grapheme (text, before, FALSE);
      byte = glossator_text_offset_to_byte (text, before);
      *prefix = g_strndup (utf8 + byte, start_byte - byte);
    }

  if (suffix != NULL)
    {
      gsize byte;

      after = MIN ((guint64) length, (guint64) end + GLOSSATOR_QUOTE_CONTEXT);
      after = glossator_text_snap_to_grapheme (text, after, TRUE);
      byte = glossator_text_offset_to_byte (text, after);
      *suffix = g_strndup (utf8 + end_byte, byte - end_byte);
    }
}

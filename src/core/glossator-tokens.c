/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-tokens"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-format-private.h"
#include "glossator-tokens-private.h"


gboolean
_glossator_is_token_space (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x0b || c == 0x85 || (c >= 0x1c && c <= 0x1f);
}

enum {
  FLAG_CUT = 1 << 0,         /* a token may start or end here */
  FLAG_SENTENCE = 1 << 1,    /* a sentence starts here */
  FLAG_INSIDE = 1 << 2,      /* strictly inside a kept mention */
  FLAG_WORD = 1 << 3,        /* a word boundary (for the whitespace tokens: after white space) */
};

static int
compare_outermost (gconstpointer a,
                   gconstpointer b)
{
  const GlossatorMention *ma = *(GlossatorMention * const *) a;
  const GlossatorMention *mb = *(GlossatorMention * const *) b;
  guint sa = glossator_mention_get_start (ma), sb = glossator_mention_get_start (mb);
  guint ea = glossator_mention_get_end (ma), eb = glossator_mention_get_end (mb);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea > eb ? -1 : 1;
  return glossator_id_compare (ma->id, mb->id);
}

static int
compare_innermost (gconstpointer a,
                   gconstpointer b)
{
  const GlossatorMention *ma = *(GlossatorMention * const *) a;
  const GlossatorMention *mb = *(GlossatorMention * const *) b;
  guint sa = glossator_mention_get_start (ma), sb = glossator_mention_get_start (mb);
  guint ea = glossator_mention_get_end (ma), eb = glossator_mention_get_end (mb);

  if (ea != eb)
    return ea < eb ? -1 : 1;
  if (sa != sb)
    return sa > sb ? -1 : 1;
  return glossator_id_compare (ma->id, mb->id);
}

static int
compare_by_start (gconstpointer a,
                  gconstpointer b)
{
  return glossator_mention_compare (*(GlossatorMention * const *) a, *(GlossatorMention * const *) b);
}

static char *
tag_label (const char *label)
{
  GString *str;

  /* Most labels are ASCII without white space: copied as they are. */
  for (const char *p = label; ; p++)
    {
      guchar c = (guchar) *p;

      if (c == '\0')
        return p == label ? g_strdup ("_") : g_strdup (label);
      if (c >= 0x80 || c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f))
        break;
    }

  str = g_string_new (NULL);
  for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (_glossator_is_token_space (c))
        g_string_append_c (str, '_');
      else
        g_string_append_unichar (str, c);
    }
  if (str->len == 0)
    g_string_append_c (str, '_');
  return g_string_free (str, FALSE);
}

/* The mentions a token format can show: one layer, contiguous. */
static GPtrArray *
choose_mentions (GlossatorExporter *self,
                 GlossatorText     *text,
                 GlossatorDocument *document,
                 GlossatorRender   *render)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GHashTable) labels = _glossator_options_get_set (self->format, self->options, "labels");
  const char *nested = _glossator_exporter_get_option (self, "nested");
  gboolean innermost = g_strcmp0 (nested, "innermost") == 0;
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  GPtrArray *kept = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  GlossatorMention *last = NULL;
  guint last_end = 0;

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);
      g_autofree char *what = NULL;

      if (labels != NULL && !g_hash_table_contains (labels, mention->label))
        {
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_LABEL, "%s", mention->label);
          continue;
        }
      if (glossator_mention_is_orphaned (mention))
        {
          what = _glossator_describe_mention (mention, text);
          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_ORPHANED,
                                  _("mention %s not exported: orphaned since the text changed"), what);
          _glossator_render_explain (render, mention, NULL, text,
                                     _("%s: not exported, it lost its place when the text changed"));
          continue;
        }
      if (mention->n_fragments > 1)
        {
          _glossator_render_skip_discontinuous (render, mention, text);
          continue;
        }
      g_ptr_array_add (candidates, mention);
    }

  g_ptr_array_sort (candidates, innermost ? compare_innermost : compare_outermost);
  for (guint i = 0; i < candidates->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (candidates, i);
      guint start = glossator_mention_get_start (mention);
      guint end = glossator_mention_get_end (mention);

      if (last == NULL || start >= last_end)
        {
          g_ptr_array_add (kept, glossator_mention_ref (mention));
          last = mention;
          last_end = end;
          continue;
        }

      {
        g_autofree char *what = _glossator_describe_mention (mention, text);
        guint last_start = glossator_mention_get_start (last);
        gboolean inside = start >= last_start && end <= last_end;
        gboolean around = start <= last_start && end >= last_end;

        if (!innermost && inside)
          {
            _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_NESTED,
                                    _("mention %s not exported: nested inside %s (outermost kept)"),
                                    what, last->id);
            _glossator_render_explain (render, mention, last, text,
                                       _("%s, inside “%s”: not exported, the outer mention is kept"));
          }
        else if (innermost && around)
          {
            _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_NESTED,
                                    _("mention %s not exported: contains %s (innermost kept)"),
                                    what, last->id);
            _glossator_render_explain (render, mention, last, text,
                                       _("%s, around “%s”: not exported, the inner mention is kept"));
          }
        else
          {
            _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_OVERLAPPING,
                                    _("mention %s not exported: overlaps %s"), what, last->id);
            _glossator_render_explain (render, mention, last, text,
                                       _("%s, overlapping “%s”: not exported, the mention it overlaps is kept"));
          }
      }
    }

  if (innermost)
    g_ptr_array_sort (kept, compare_by_start);
  return kept;
}

/* Set by the importers of token formats (see the header). */
static gboolean
whitespace_tokens (GlossatorDocument *document)
{
  JsonObject *attributes = glossator_document_get_attributes (document);

  return g_strcmp0 (_glossator_json_string_member (attributes, GLOSSATOR_TOKENIZATION), "whitespace") == 0;
}

/* Whether @c (a code point of the text) may not be in a token: ASCII
 * inline, the rest as _glossator_is_token_space(). */
static inline gboolean
is_token_space (gunichar c)
{
  if (c < 0x80)
    return c == ' ' || (c >= '\t' && c <= '\r') || (c >= 0x1c && c <= 0x1f);
  return _glossator_is_token_space (c);
}

/* The word and sentence boundaries of Pango's default break. The script
 * tailoring pango_get_log_attrs() adds (Arabic, Indic, Thai) moves only
 * cursor positions, line breaks and word starts and ends, never these, and
 * skipping it (with its script itemization) saves a sixth of the cost. */
static void
find_uax29_boundaries (GlossatorText *text,
                       guint8        *flags,
                       guint8         word_flag,
                       guint8         sentence_flag)
{
  gsize n_bytes;
  const char *utf8 = glossator_text_get_utf8 (text, &n_bytes);
  guint length = glossator_text_get_length (text);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, (gsize) length + 1);

  const char *p = utf8;
  gunichar before = 0, last = 0;

  pango_default_break (utf8, (int) n_bytes, NULL, attrs, (int) length + 1);
  for (guint i = 0; i <= length; i++)
    {
      flags[i] = (attrs[i].is_word_boundary ? word_flag : 0) |
                 (attrs[i].is_sentence_boundary ? sentence_flag : 0);
      /* "Korea's" is one word to UAX #29; a possessive is a token of its
       * own, as in CoNLL-2003, and by the rule word snapping follows, so a
       * mention's edge before it is a token edge. */
      if (attrs[i].is_word_boundary && (last == 's' || last == 'S') &&
          (before == '\'' || before == 0x2019) &&
          glossator_text_possessive_start (text, 0, i) == i - 2)
        flags[i - 2] |= word_flag;
      if (i < length)
        {
          before = last;
          last = g_utf8_get_char (p);
          p = g_utf8_next_char (p);
        }
    }
}

void
_glossator_tokenize (GlossatorExporter  *self,
                     GlossatorText      *text,
                     GlossatorDocument  *document,
                     GlossatorRender    *render,
                     GlossatorTokenized *out)
{
  g_autoptr(GPtrArray) kept = choose_mentions (self, text, document, render);
  g_autofree guint8 *flags = NULL;
  g_autofree guint *n_tokens_of = NULL;
  g_autofree guint *kept_starts = NULL;
  g_autofree guint *kept_ends = NULL;
  g_autofree int *remap = NULL;
  const guchar *utf8, *p;
  gsize n_bytes;
  guint length = glossator_text_get_length (text);
  guint sentence_first = 0;
  guint n_tokens = 0;
  int token_start = -1;
  gsize token_byte = 0;
  guint m = 0;
  int n_kept = 0;
  GlossatorToken *tokens;

  memset (out, 0, sizeof *out);
  /* About one token in five code points: grown by hand, no call a token. */
  out->tokens = g_array_sized_new (FALSE, FALSE, sizeof (GlossatorToken), length / 4 + 16);
  g_array_set_size (out->tokens, length / 4 + 16);
  tokens = (GlossatorToken *) (gpointer) out->tokens->data;
  out->sentences = g_array_new (FALSE, FALSE, sizeof (GlossatorSentence));
  out->kept = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  out->tags = g_ptr_array_new_with_free_func (g_free);

  utf8 = (const guchar *) glossator_text_get_utf8 (text, &n_bytes);
  flags = g_malloc (length + 1);

  if (whitespace_tokens (document))
    {
      /* Tokens as they were imported: white space separates them, a line
       * is a sentence. */
      gboolean previous_space = TRUE;
      gunichar previous = '\n';

      p = utf8;
      for (guint i = 0; i < length; i++)
        {
          gunichar c = *p < 0x80 ? *p : g_utf8_get_char ((const char *) p);
          gboolean space = is_token_space (c);

          flags[i] = (space != previous_space ? FLAG_CUT : 0) |
                     (previous == '\n' ? FLAG_SENTENCE : 0) |
                     (previous_space ? FLAG_WORD : 0);
          previous_space = space;
          previous = c;
          p = (const guchar *) g_utf8_next_char (p);
        }
      flags[length] = FLAG_CUT | FLAG_SENTENCE | FLAG_WORD;
    }
  else
    find_uax29_boundaries (text, flags, FLAG_WORD | FLAG_CUT, FLAG_SENTENCE);

  kept_starts = g_new (guint, kept->len + 1);
  kept_ends = g_new (guint, kept->len + 1);
  for (guint k = 0; k < kept->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (kept, k);
      guint start = mention->fragments[0].start, end = mention->fragments[0].end;

      kept_starts[k] = start;
      kept_ends[k] = end;
      flags[start] |= FLAG_CUT;
      flags[end] |= FLAG_CUT;
      for (guint i = start + 1; i < end; i++)
        flags[i] |= FLAG_INSIDE;
    }

  /* Sentences never start inside a mention kept, so no mention is cut in two. */
#define CLOSE_TOKEN(at, at_byte) \
  G_STMT_START { \
    if (token_start >= 0) \
      { \
        if (G_UNLIKELY (n_tokens == out->tokens->len)) \
          { \
            g_array_set_size (out->tokens, n_tokens * 2); \
            tokens = (GlossatorToken *) (gpointer) out->tokens->data; \
          } \
        tokens[n_tokens++] = (GlossatorToken) { (guint) token_start, (at), token_byte, (at_byte), -1, FALSE }; \
        token_start = -1; \
      } \
  } G_STMT_END
#define CLOSE_SENTENCE() \
  G_STMT_START { \
    if (n_tokens > sentence_first) \
      { \
        GlossatorSentence sentence = { sentence_first, n_tokens - sentence_first }; \
        g_array_append_val (out->sentences, sentence); \
        sentence_first = n_tokens; \
      } \
  } G_STMT_END

  p = utf8;
  for (guint i = 0; i < length; i++)
    {
      gsize byte = p - utf8;
      guint8 f = flags[i];
      gunichar c;

      if (*p < 0x80)
        c = *p++;
      else
        {
          c = g_utf8_get_char ((const char *) p);
          p = (const guchar *) g_utf8_next_char (p);
        }

      if ((f & (FLAG_SENTENCE | FLAG_INSIDE)) == FLAG_SENTENCE)
        {
          CLOSE_TOKEN (i, byte);
          CLOSE_SENTENCE ();
        }
      if ((f & FLAG_CUT) != 0)
        CLOSE_TOKEN (i, byte);

      if (G_UNLIKELY (is_token_space (c)))
        CLOSE_TOKEN (i, byte);
      else if (token_start < 0)
        {
          token_start = i;
          token_byte = byte;
          /* A cut that is no word boundary splits a word. */
          if ((f & FLAG_CUT) != 0 && (f & FLAG_WORD) == 0 && i > 0)
            render->counts.n_split_tokens++;
        }
    }
  CLOSE_TOKEN (length, n_bytes);
  CLOSE_SENTENCE ();
#undef CLOSE_TOKEN
#undef CLOSE_SENTENCE
  g_array_set_size (out->tokens, n_tokens);

  /* Which mention each token belongs to; tokens never straddle an edge. */
  n_tokens_of = g_new0 (guint, kept->len + 1);
  for (guint t = 0; t < n_tokens; t++)
    {
      GlossatorToken *token = &tokens[t];

      while (m < kept->len && kept_ends[m] <= token->start)
        m++;
      if (m < kept->len && kept_starts[m] <= token->start)
        {
          token->mention = (int) m;
          n_tokens_of[m]++;
        }
    }

  remap = g_new (int, kept->len + 1);
  for (guint k = 0; k < kept->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (kept, k);

      if (n_tokens_of[k] == 0)
        {
          g_autofree char *what = _glossator_describe_mention (mention, text);

          _glossator_render_warn (render, GLOSSATOR_EXPORT_SKIP_EMPTY,
                                  _("mention %s not exported: it holds no token, only white space"),
                                  what);
          _glossator_render_explain (render, mention, NULL, text,
                                     _("%s: not exported, it holds only white space"));
          remap[k] = -1;
          continue;
        }
      remap[k] = n_kept++;
      g_ptr_array_add (out->kept, glossator_mention_ref (mention));
      g_ptr_array_add (out->tags, tag_label (mention->label));
    }

  for (guint t = 0; t < n_tokens; t++)
    {
      GlossatorToken *token = &tokens[t];

      if (token->mention < 0)
        continue;
      token->mention = remap[token->mention];
      token->begins = t == 0 || tokens[t - 1].mention != token->mention;
    }

  render->counts.n_mentions_written += out->kept->len;
  render->counts.n_tokens += n_tokens;
  render->counts.n_sentences += out->sentences->len;
}

void
_glossator_tokenized_clear (GlossatorTokenized *tokenized)
{
  g_clear_pointer (&tokenized->tokens, g_array_unref);
  g_clear_pointer (&tokenized->sentences, g_array_unref);
  g_clear_pointer (&tokenized->kept, g_ptr_array_unref);
  g_clear_pointer (&tokenized->tags, g_ptr_array_unref);
}

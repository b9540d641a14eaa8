/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-document-private.h"
#include "glossator-exporter-private.h"

G_BEGIN_DECLS

/* Tokens and sentences for the token formats (conll, hf-jsonl). */

/* A character no token may contain: Unicode white space, and what
 * Python's str.split() and Perl's \s split on besides. */
gboolean    _glossator_is_token_space       (gunichar           c);

typedef struct {
  guint  start;        /* code points */
  guint  end;
  gsize  byte_start;
  gsize  byte_end;
  int    mention;      /* index in kept, -1 outside mentions */
  gboolean begins;     /* first token of its mention */
} GlossatorToken;

typedef struct {
  guint first;         /* index of the first token */
  guint n_tokens;
} GlossatorSentence;

typedef struct {
  GArray    *tokens;     /* GlossatorToken */
  GArray    *sentences;  /* GlossatorSentence, never empty ones */
  GPtrArray *kept;       /* GlossatorMention*, sorted, non-overlapping, each with a token */
  GPtrArray *tags;       /* char*, the label of each kept mention with white space replaced */
} GlossatorTokenized;

/* The options _glossator_tokenize() reads, first in a token format's
 * option table. */
#define GLOSSATOR_TOKEN_OPTIONS \
  { "nested", GLOSSATOR_FORMAT_OPTION_CHOICE, GLOSSATOR_FORMAT_SCOPE_EXPORT, \
    "outermost|innermost", "outermost", "outermost|innermost", \
    N_("Which of nested or overlapping mentions to keep"), \
    N_("Nested mentions") }, \
  { "labels", GLOSSATOR_FORMAT_OPTION_LIST, GLOSSATOR_FORMAT_SCOPE_EXPORT, \
    NULL, NULL, N_("LABEL,…"), \
    N_("Export only mentions with these labels (before choosing among nested ones)"), \
    N_("Only these labels") }

/* Splits the text into UAX #29 words (cut at the edges of the mentions
 * kept, never containing white space) and sentences (never inside a kept
 * mention). Chooses the mentions by the "nested" and "labels" options;
 * what is left out is counted and explained in @render. */
void        _glossator_tokenize             (GlossatorExporter *self,
                                             GlossatorText     *text,
                                             GlossatorDocument *document,
                                             GlossatorRender   *render,
                                             GlossatorTokenized *out);
void        _glossator_tokenized_clear      (GlossatorTokenized *tokenized);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossatorTokenized, _glossator_tokenized_clear)

G_END_DECLS

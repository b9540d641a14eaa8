/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "glossator-mention.h"

G_BEGIN_DECLS

/* The statistics behind glossator_agreement_*(), each on plain data so the
 * tests can check them against published examples. An undefined value
 * (0/0, or no chance disagreement to correct for) is NAN. */

/* Cohen's κ of two coders from their confusion matrix: @matrix[a * n + b]
 * counts the items coder 1 put in category a and coder 2 in b. */
double   _glossator_cohen_kappa      (const double *matrix,
                                      guint         n_categories);

/* Fleiss' κ: @counts[i * n_categories + c] coders put item i in category
 * c; every item has the same number of coders (at least two). */
typedef struct {
  guint    n_coders;
  guint    n_categories;      /* the size of @totals */
  guint64  n_items;
  double   sum_agreement;     /* Σ over items of Σ_c n_ic (n_ic − 1) */
  GArray  *totals;            /* guint64 per category: Σ_i n_ic */
} GlossatorFleiss;

void     _glossator_fleiss_init      (GlossatorFleiss *fleiss,
                                      guint            n_coders);
void     _glossator_fleiss_clear     (GlossatorFleiss *fleiss);
/* One item: the number of coders in each of @n_categories categories. */
void     _glossator_fleiss_add       (GlossatorFleiss *fleiss,
                                      const guint     *counts,
                                      guint            n_categories);
void     _glossator_fleiss_merge     (GlossatorFleiss       *fleiss,
                                      const GlossatorFleiss *other);
double   _glossator_fleiss_kappa     (const GlossatorFleiss *fleiss);

/* Krippendorff's α (nominal) through the coincidence matrix, with missing
 * values: a unit coded by fewer than two coders is not pairable. */
typedef struct {
  GHashTable *coincidences;   /* (c << 32 | k) → double* */
} GlossatorAlpha;

void     _glossator_alpha_init       (GlossatorAlpha *alpha);
void     _glossator_alpha_clear      (GlossatorAlpha *alpha);
/* One unit: the category each coder gave, -1 when the coder gave none. */
void     _glossator_alpha_add        (GlossatorAlpha *alpha,
                                      const int      *values,
                                      guint           n_coders);
void     _glossator_alpha_merge      (GlossatorAlpha       *alpha,
                                      const GlossatorAlpha *other);
double   _glossator_alpha_nominal    (const GlossatorAlpha *alpha);

/* Krippendorff's (1995) α_u for one category over the continuum
 * [0, @length): @units[i] holds coder i's units of the category, sorted,
 * not overlapping, within the continuum, as pairs of guint64 (start,
 * end-exclusive). @observed and @expected (nullable) get D_o and D_e. */
double   _glossator_alpha_u          (guint64        length,
                                      GArray * const *units,
                                      guint           n_coders,
                                      double         *observed,
                                      double         *expected);

/* Kuhn–Munkres: the assignment of rows to columns maximising the total
 * weight of @weights (n_rows × n_columns, row-major, finite); returns that
 * total, and in @row_to_column (nullable, n_rows entries) each row's
 * column or -1. */
double   _glossator_max_assignment   (const double *weights,
                                      guint         n_rows,
                                      guint         n_columns,
                                      int          *row_to_column);

/* Coreference, as the CoNLL-2012 reference scorer (v8.01) counts it. */
typedef struct {
  double recall_num, recall_den;
  double precision_num, precision_den;
} GlossatorScoreCounts;

typedef struct {
  GlossatorScoreCounts muc, b3, ceafm, ceafe;
  /* BLANC's links: coreference (key, response, both) and
   * non-coreference (key, response, both). */
  guint64 key_coref, response_coref, both_coref;
  guint64 key_non_coref, response_non_coref, both_non_coref;
} GlossatorCorefTally;

/* A mention of a coreference chain: its identity (equal for the same span
 * on both sides) and its entity (any number, equal within a chain). */
typedef struct {
  guint mention;
  guint entity;
} GlossatorChainMention;

/* Adds one document's counts to @tally. Mentions come in reading order;
 * a mention given again (on either side) is dropped where it repeats,
 * as the scorer drops a repeated mention. */
void     _glossator_coref_add        (GlossatorCorefTally         *tally,
                                      const GlossatorChainMention *key,
                                      guint                        n_key,
                                      const GlossatorChainMention *response,
                                      guint                        n_response);
void     _glossator_coref_merge      (GlossatorCorefTally         *tally,
                                      const GlossatorCorefTally   *other);

typedef struct {
  double recall, precision, f1;
} GlossatorPRF;

/* Recall, precision and F1 of counts: NAN where a denominator is 0; F1 is
 * 0 when both are 0. */
GlossatorPRF _glossator_prf          (const GlossatorScoreCounts *counts);
/* BLANC as the scorer computes it: the mean of the coreference and the
 * non-coreference scores, or only one of them when the key has no link of
 * the other kind; all NAN when the key has no link at all. */
GlossatorPRF _glossator_blanc        (const GlossatorCorefTally  *tally);

/* "10-15,20-22": spans' places; a mention's place, whatever its label. */
char    *_glossator_spans_key         (const GlossatorSpan    *spans,
                                       guint                   n_spans);
char    *_glossator_mention_place_key (const GlossatorMention *mention);

/* Aligns two lists of mentions, each sorted by position, one to one: first
 * those with the same fragments (and label; without @same_label, then
 * those with the same fragments whatever their label), then those sharing
 * a code point, the pairs sharing the largest part of what they cover
 * together first (without @same_label, a pair with the same label before
 * one without). Sets @a_to_b[i] (|@a| entries) to the index in @b of A's
 * mention i, or -1, and @exact[i] to whether that match has the same
 * fragments and label. The agreement's counts and the adjudication's
 * comparison both align this way. */
void     _glossator_align_mentions   (GPtrArray    *mentions_a,
                                      GPtrArray    *mentions_b,
                                      gboolean      same_label,
                                      int          *a_to_b,
                                      gboolean     *exact);

G_END_DECLS

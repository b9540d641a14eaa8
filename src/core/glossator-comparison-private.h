/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-comparison.h"

G_BEGIN_DECLS

/* What building the items (glossator-comparison.c) and applying decisions
 * (glossator-comparison-decide.c) share. */

/* Documents are indexed 0 for the gold, 1 + i for annotator i. */
typedef struct {
  GlossatorMention **members;   /* one per document, NULL for none */
} Cluster;

/* An item with what deciding needs beside the public part. */
typedef struct {
  GlossatorDifference  public;
  char                *key;      /* stable while the annotators' documents are */
  GArray              *clusters; /* COREFERENCE: guint cluster indices */
} Item;

struct _GlossatorComparison {
  GlossatorDocument  *gold;
  guint               n;
  GStrv               annotators;
  GlossatorDocument **documents;   /* n + 1, the gold first */
  GPtrArray          *clusters;    /* Cluster* */
  GHashTable        **cluster_of;  /* per document: mention id → cluster index + 1 */
  GPtrArray         **lists;       /* per document: its placed mentions, by position */
  GPtrArray          *items;       /* Item* */
  /* Keys of coreference items settled while the gold had none of their
   * mentions: nothing to record that in. */
  GHashTable         *none_decided;
  JsonArray          *conflicts;   /* the gold's merge conflicts when compared first */
};

/* Built with the items (glossator-comparison.c). */

/* What makes two versions the same: a mention's label and place, a
 * stance's polarity, intensity and evidence; "" for none. */
char       *_glossator_comparison_mention_key  (const GlossatorMention *mention);
char       *_glossator_comparison_stance_key   (const GlossatorStance  *stance);
/* Document @d's grouping of the clusters in @component, and its key in
 * @key (nullable). */
GPtrArray  *_glossator_comparison_grouping     (GlossatorComparison    *self,
                                                guint                   d,
                                                GArray                 *component,
                                                GString                *key);
/* The cluster of document @d's mention @mention_id, index + 1; 0 for none. */
guint       _glossator_comparison_cluster_of   (GlossatorComparison    *self,
                                                guint                   d,
                                                const char             *mention_id);

/* Provenance, recorded by decisions (glossator-comparison-decide.c). */

/* Whether @extra carries the "source" member of an adjudicated value. */
gboolean    _glossator_comparison_has_source   (JsonObject             *extra);
/* Whether every annotator's version of @d is in the gold's rejected list. */
gboolean    _glossator_comparison_all_rejected (GlossatorComparison       *self,
                                                const GlossatorDifference *d);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-document.h"

G_BEGIN_DECLS

/* Counts over the documents of a corpus: documents by status, mentions and
 * entities by label, stances by polarity, orphaned spans. Label and
 * polarity names are listed in byte order, so the output is the same on
 * every run and in every locale. */
typedef struct _GlossatorStats GlossatorStats;

GlossatorStats *glossator_stats_new                         (void);
void            glossator_stats_free                        (GlossatorStats     *self);

void            glossator_stats_add_document                (GlossatorStats     *self,
                                                             GlossatorDocument  *document);
/* An article without a sidecar: a document still to do, with nothing in it. */
void            glossator_stats_add_unannotated             (GlossatorStats     *self);

guint           glossator_stats_get_n_documents             (GlossatorStats     *self);
guint           glossator_stats_get_n_documents_with_status (GlossatorStats     *self,
                                                             GlossatorStatus     status);
guint           glossator_stats_get_n_unannotated           (GlossatorStats     *self);
guint           glossator_stats_get_n_mentions              (GlossatorStats     *self);
guint           glossator_stats_get_n_mentions_with_label   (GlossatorStats     *self,
                                                             const char         *label);
guint           glossator_stats_get_n_entities              (GlossatorStats     *self);
guint           glossator_stats_get_n_entities_with_label   (GlossatorStats     *self,
                                                             const char         *label);
guint           glossator_stats_get_n_stances               (GlossatorStats     *self);
guint           glossator_stats_get_n_stances_with_polarity (GlossatorStats     *self,
                                                             const char         *polarity);
/* Mention fragments and stance evidence that could not be re-anchored. */
guint           glossator_stats_get_n_orphaned_spans        (GlossatorStats     *self);

/* Labels of mentions or entities, and polarities of stances, seen so far,
 * in byte order. */
GStrv           glossator_stats_dup_labels                  (GlossatorStats     *self);
GStrv           glossator_stats_dup_polarities              (GlossatorStats     *self);

/* Plain aligned text, one count a line, ending with a newline. */
char           *glossator_stats_to_text                     (GlossatorStats     *self);
/* {"documents": {"total", "by_status": {…}, "without_sidecar"},
 *  "mentions": {"total", "by_label"}, "entities": {"total", "by_label"},
 *  "stances": {"total", "by_polarity"}, "orphaned_spans"}, members always
 * in this order. */
JsonNode       *glossator_stats_to_json_node                (GlossatorStats     *self);
/* The same, 2-space indented, ending with a newline. */
char           *glossator_stats_to_json                     (GlossatorStats     *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorStats, glossator_stats_free)

G_END_DECLS

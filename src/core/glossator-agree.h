/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "glossator-document.h"

G_BEGIN_DECLS

/* Inter-annotator agreement over documents several annotators annotated
 * on the same text: for each pair of annotators (the first the reference
 * for precision and recall) mention precision/recall/F1 (exact and
 * overlap, micro and per label), Cohen's κ over the CoNLL export's tokens,
 * the CoNLL-2012 coreference metrics and stance agreement; over all
 * annotators Fleiss' κ and Krippendorff's α on the tokens and
 * Krippendorff's α_u on character spans per label. README's “Agreement”
 * section says exactly how each is counted. */
typedef struct _GlossatorAgreement GlossatorAgreement;

/* @labels (nullable, NULL-terminated): only mentions with these labels
 * count. @by_document: the report also gives each document's figures. */
GlossatorAgreement *glossator_agreement_new          (const char * const  *annotators,
                                                      guint                n_annotators,
                                                      const char * const  *labels,
                                                      gboolean             by_document);
void                glossator_agreement_free         (GlossatorAgreement  *self);
/* One document: @documents holds each annotator's annotations (in the
 * order of the annotators), all made on one and the same text. @path
 * names it in the report. */
void                glossator_agreement_add_document (GlossatorAgreement  *self,
                                                      const char          *path,
                                                      GlossatorDocument * const *documents);
/* A document left out of the figures, and why (listed in the report). */
void                glossator_agreement_add_left_out (GlossatorAgreement  *self,
                                                      const char          *path,
                                                      const char          *reason);
guint               glossator_agreement_get_n_documents (GlossatorAgreement *self);
/* The report: figures rounded to 4 decimals, the same in both; an
 * undefined figure is null in JSON and “—” in the text. */
char               *glossator_agreement_to_json      (GlossatorAgreement  *self);
char               *glossator_agreement_to_text      (GlossatorAgreement  *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorAgreement, glossator_agreement_free)

G_END_DECLS

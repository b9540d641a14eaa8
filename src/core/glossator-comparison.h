/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "glossator-document.h"

G_BEGIN_DECLS

/* Adjudication: the gold copy of an article (the document being edited)
 * compared with several annotators' documents of the same text, as a list
 * of differences in text order, each settled by a decision that edits the
 * gold through its undo history (one step per decision).
 *
 * Mentions are clustered across the annotators with the alignment of
 * glossator-cli agree (same fragments, then one to one by best overlap,
 * here whatever the label), the gold's mentions first; an annotator's
 * mention joins the cluster of the one it aligns with, else starts one.
 * Stances are clustered by holder and target (an entity is the same on
 * two sides when one of its mentions is in the same cluster). */

#define GLOSSATOR_COMPARISON_ERROR (glossator_comparison_error_quark ())

typedef enum {
  GLOSSATOR_COMPARISON_ERROR_DIFFERENT_TEXT, /* a document annotates another text */
  GLOSSATOR_COMPARISON_ERROR_UNKNOWN_ANNOTATOR,
  GLOSSATOR_COMPARISON_ERROR_CANNOT_APPLY,  /* e.g. a stance's holder is not in the gold */
} GlossatorComparisonError;

typedef enum {
  GLOSSATOR_DIFFERENCE_AGREEMENT,    /* every annotator has the same version */
  GLOSSATOR_DIFFERENCE_LABEL,        /* same fragments, different labels */
  GLOSSATOR_DIFFERENCE_BOUNDARY,     /* overlapping, different fragments */
  GLOSSATOR_DIFFERENCE_MISSING,      /* only some annotators have the mention */
  GLOSSATOR_DIFFERENCE_COREFERENCE,  /* the same mentions grouped in other entities */
  GLOSSATOR_DIFFERENCE_STANCE,       /* same holder and target, other polarity,
                                      * intensity or evidence, or only some have it */
  GLOSSATOR_DIFFERENCE_CONFLICT,     /* a merge conflict recorded in the gold's sidecar */
} GlossatorDifferenceKind;

/* One item of the comparison. Annotators are given by their index in the
 * comparison's list; annotators with the same version share a choice. */
typedef struct {
  GlossatorDifferenceKind  kind;
  /* Where it is, for the text order: the first code point and the end of
   * its mentions or evidence (a stance without evidence, or a conflict,
   * G_MAXUINT). */
  guint                    start;
  guint                    end;
  guint                    n_annotators;
  /* Each annotator's choice index, n_annotators entries; the choices are
   * 0 .. n_choices - 1, in the order of their first annotator. */
  guint                   *choice_of;
  guint                    n_choices;
  /* Mentions (AGREEMENT, LABEL, BOUNDARY, MISSING): each annotator's
   * mention, NULL for none, and the gold's (nullable). */
  GlossatorMention       **mentions;
  GlossatorMention        *gold_mention;
  /* STANCE: the same for stances. */
  GlossatorStance        **stances;
  GlossatorStance         *gold_stance;
  /* COREFERENCE: each annotator's grouping of the mentions concerned, and
   * the gold's: a GPtrArray of groups, each a GPtrArray of that
   * document's GlossatorMention*. */
  GPtrArray              **chains;
  GPtrArray               *gold_chains;
  /* CONFLICT: the conflict's record (its "kind", "id", "ours", "theirs");
   * n_annotators is 0, choice_of NULL, and the two choices are "ours" (0)
   * and "theirs" (1). */
  JsonObject              *conflict;
  /* Whether a decision settled it: the gold's version carries the
   * "source" provenance member (doc/sidecar-format.md); with nothing in
   * the gold, every annotator's version is in the gold's
   * "adjudication.rejected" list; for an agreement, the gold's version is
   * the agreed one; for a conflict, its record is gone. */
  gboolean                 settled;
} GlossatorDifference;

typedef enum {
  GLOSSATOR_DECISION_ACCEPT,    /* the versions of the annotators named */
  GLOSSATOR_DECISION_NONE,      /* none: the gold has nothing there */
  GLOSSATOR_DECISION_KEEP_GOLD, /* the gold's version as it is now (edited by hand) */
} GlossatorDecision;

typedef struct {
  guint settled;      /* differences settled (agreements not counted) */
  guint total;        /* differences */
  guint agreements;   /* agreements */
  guint agreements_in_gold;
} GlossatorProgress;

typedef struct _GlossatorComparison GlossatorComparison;

GQuark               glossator_comparison_error_quark   (void);

/* @gold is the document the decisions edit (a reference is kept);
 * @annotators[i] names @documents[i]. Fails when a document is not on the
 * gold's text (same SHA-256). */
GlossatorComparison *glossator_comparison_new           (GlossatorDocument          *gold,
                                                         const char * const         *annotators,
                                                         GlossatorDocument * const  *documents,
                                                         guint                       n_annotators,
                                                         GError                    **error);
void                 glossator_comparison_free          (GlossatorComparison        *self);
guint                glossator_comparison_get_n_annotators (GlossatorComparison     *self);
const char          *glossator_comparison_get_annotator (GlossatorComparison        *self,
                                                         guint                       index);
/* The items in text order; agreements included. Valid until the next
 * decision or refresh. */
guint                glossator_comparison_get_n_items   (GlossatorComparison        *self);
const GlossatorDifference *
                     glossator_comparison_get_item      (GlossatorComparison        *self,
                                                         guint                       index);
/* Computes the items again from the documents (after the gold was edited
 * by hand). Decisions do it themselves. */
void                 glossator_comparison_refresh       (GlossatorComparison        *self);
/* Applies a decision to item @index as one undo step of the gold, and
 * refreshes the items. ACCEPT takes the versions of @annotators (names; for a
 * conflict "ours" and/or "theirs"): several different versions of a
 * mention or stance are all kept; a coreference takes exactly one. The
 * annotation written records where it came from ("source"). Settling a
 * conflict also removes its record. */
gboolean             glossator_comparison_decide        (GlossatorComparison        *self,
                                                         guint                       index,
                                                         GlossatorDecision           decision,
                                                         const char * const         *annotators,
                                                         GError                    **error);
GlossatorProgress    glossator_comparison_get_progress  (GlossatorComparison        *self);
const char          *glossator_difference_kind_to_string (GlossatorDifferenceKind   kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorComparison, glossator_comparison_free)

G_END_DECLS

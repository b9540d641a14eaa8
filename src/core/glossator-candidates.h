/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

/* What a stance's holder or target can be, as a typeahead offers it. */
typedef enum {
  GLOSSATOR_CANDIDATE_NONE,         /* nothing chosen (never a candidate) */
  GLOSSATOR_CANDIDATE_UNSPECIFIED,
  GLOSSATOR_CANDIDATE_AUTHOR,
  GLOSSATOR_CANDIDATE_ENTITY,
  GLOSSATOR_CANDIDATE_TOPIC,
} GlossatorCandidateKind;

typedef struct {
  GlossatorCandidateKind  kind;
  char                   *value;   /* the entity id or the topic; NULL otherwise */
  char                   *title;   /* as listed: the name, the topic, “typed text” */
  char                   *detail;  /* nullable: the entity's label, "topic", … */
  char                   *name;    /* what the field shows once it is chosen */
  char                   *color;   /* an entity's label colour; NULL otherwise */
  gboolean                is_new;  /* a topic neither the schema nor a stance has */
} GlossatorCandidate;

void                glossator_candidate_free        (GlossatorCandidate *candidate);

typedef struct {
  gboolean    for_holder;      /* else the target */
  const char *text;            /* as typed; surrounding spaces do not count */
  const char *exclude_entity;  /* nullable: the holder, never its own target */
  gboolean    has_anchor;      /* where the stance is, for "nearby" */
  guint       anchor_start;
  guint       anchor_end;
} GlossatorCandidateQuery;

/**
 * glossator_candidates_find:
 * @document: (nullable): the document; none gives no candidates
 * @schema: (nullable): for topics and label colours
 * @query: what to look for
 *
 * The candidates a typeahead lists, best first.
 *
 * Without text: up to 8 entities for a holder (6 for a target) with a
 * mention within 4000 characters of the anchor, nearest first, then the
 * ones with most mentions; then Author (holder) or up to 6 topics
 * (target: the schema's, then those only the document's stances use);
 * then Unspecified.
 *
 * With text, compared case-insensitively (g_utf8_casefold(); never
 * normalised, so a decomposed "é" does not find a precomposed one and
 * there is no fuzzy match): up to 8 entities whose name, id or KB id
 * contains it, the Author and Unspecified rows when their (translated or
 * English) word contains it, up to 6 topics containing it, and for a
 * target a new topic of the text unless a topic equals it. They are
 * ordered by how they match: the whole name, then its start, then a later
 * word's start, then a new topic, then elsewhere inside (or only in an
 * entity's id or KB id); equals keep the order given above.
 *
 * Returns: (transfer full) (element-type GlossatorCandidate): the candidates
 */
GPtrArray          *glossator_candidates_find       (GlossatorDocument             *document,
                                                     GlossatorSchema               *schema,
                                                     const GlossatorCandidateQuery *query);
/* What a field shows for a choice: an entity's name (its id when it has
 * none, or is not in @document), the topic, "Author", "Unspecified". */
char               *glossator_candidates_dup_name   (GlossatorDocument             *document,
                                                     GlossatorCandidateKind         kind,
                                                     const char                    *value);

/* Entities for a typeahead: those whose name, id or KB id contains @query
 * (case-insensitively), names starting with it first, then those of
 * @prefer_label, then the ones with more mentions. An empty @query lists
 * all. @exclude_id (nullable) is left out. At most @limit (0: all). The
 * array holds references. */
GPtrArray          *glossator_document_search_entities (GlossatorDocument *document,
                                                        const char        *query,
                                                        const char        *prefer_label,
                                                        const char        *exclude_id,
                                                        guint              limit);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorCandidate, glossator_candidate_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

#include "glossator-entity.h"
#include "glossator-mention.h"
#include "glossator-stance.h"
#include "glossator-text.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSATOR_STATUS_TODO,
  GLOSSATOR_STATUS_IN_PROGRESS,
  GLOSSATOR_STATUS_DONE,
} GlossatorStatus;

/* What happens to stances naming an entity that is deleted. */
typedef enum {
  GLOSSATOR_STANCES_UNSPECIFY,
  GLOSSATOR_STANCES_DELETE,
} GlossatorStancePolicy;

#define GLOSSATOR_DOCUMENT_ERROR (glossator_document_error_quark ())

typedef enum {
  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
  GLOSSATOR_DOCUMENT_ERROR_UNKNOWN_ID,
  /* Another mention with the same label has the same span. */
  GLOSSATOR_DOCUMENT_ERROR_DUPLICATE,
} GlossatorDocumentError;

/* A mention's edges: its first fragment's start, its last fragment's end. */
typedef enum {
  GLOSSATOR_EDGE_START,
  GLOSSATOR_EDGE_END,
} GlossatorEdge;

typedef enum {
  GLOSSATOR_EDGE_STEP_CHARACTER,   /* a grapheme cluster */
  GLOSSATOR_EDGE_STEP_WORD,
} GlossatorEdgeStep;

#define GLOSSATOR_TYPE_DOCUMENT (glossator_document_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorDocument, glossator_document, GLOSSATOR, DOCUMENT, GObject)

/* The annotations of one article: mentions, entities (coreference
 * clusters), stances and the document's own status and notes, with an
 * interval index over mention fragments and the undo history. Every edit
 * goes through the history and is announced by a *-changed signal
 * (old, new: either NULL for additions and removals). */

GQuark              glossator_document_error_quark          (void);
GlossatorDocument  *glossator_document_new                  (GlossatorText          *text);
GlossatorText      *glossator_document_get_text             (GlossatorDocument      *self);

/* Document information. */
GlossatorStatus     glossator_document_get_status           (GlossatorDocument      *self);
void                glossator_document_set_status           (GlossatorDocument      *self,
                                                             GlossatorStatus         status);
const char         *glossator_document_get_annotator        (GlossatorDocument      *self);
void                glossator_document_set_annotator        (GlossatorDocument      *self,
                                                             const char             *annotator);
const char         *glossator_document_get_notes            (GlossatorDocument      *self);
void                glossator_document_set_notes            (GlossatorDocument      *self,
                                                             const char             *notes);
JsonObject         *glossator_document_get_attributes       (GlossatorDocument      *self);
void                glossator_document_set_attributes       (GlossatorDocument      *self,
                                                             JsonObject             *attributes);
const char         *glossator_status_to_string              (GlossatorStatus         status);
gboolean            glossator_status_from_string            (const char             *str,
                                                             GlossatorStatus        *status);

/* Lookups. Returned values are owned by the document; ref them to keep
 * them past the next edit. */
GlossatorMention   *glossator_document_get_mention          (GlossatorDocument      *self,
                                                             const char             *id);
GlossatorEntity    *glossator_document_get_entity           (GlossatorDocument      *self,
                                                             const char             *id);
GlossatorStance    *glossator_document_get_stance           (GlossatorDocument      *self,
                                                             const char             *id);
guint               glossator_document_get_n_mentions       (GlossatorDocument      *self);
guint               glossator_document_get_n_entities       (GlossatorDocument      *self);
guint               glossator_document_get_n_stances        (GlossatorDocument      *self);
/* Sorted snapshots (mentions by position, entities and stances by id);
 * the arrays hold references. */
GPtrArray          *glossator_document_list_mentions        (GlossatorDocument      *self);
GPtrArray          *glossator_document_list_entities        (GlossatorDocument      *self);
GPtrArray          *glossator_document_list_stances         (GlossatorDocument      *self);
GPtrArray          *glossator_document_list_entity_mentions (GlossatorDocument      *self,
                                                             const char             *entity_id);
guint               glossator_document_count_entity_mentions (GlossatorDocument     *self,
                                                             const char             *entity_id);
GPtrArray          *glossator_document_list_entity_stances  (GlossatorDocument      *self,
                                                             const char             *entity_id);
/* Mentions with a fragment covering @offset / overlapping [start, end),
 * each once, sorted by position; O(log n + hits). */
GPtrArray          *glossator_document_mentions_at          (GlossatorDocument      *self,
                                                             guint                   offset);
GPtrArray          *glossator_document_mentions_in_range    (GlossatorDocument      *self,
                                                             guint                   start,
                                                             guint                   end);

/* A fresh id for @prefix ("m", "e", "s"): one more than the largest number
 * in use ("m12" and "m12-k3f9" both count as 12), followed by "-SUFFIX"
 * when the document has an id suffix. */
char               *glossator_document_new_id               (GlossatorDocument      *self,
                                                             const char             *prefix);
/* Team mode: annotators working apart on copies of one sidecar (git
 * branches) would otherwise both call their next mention "m13", and a
 * merge would have to renumber one. With a suffix (up to 8 lower-case
 * letters or digits; NULL or "" for none, the default) new ids are
 * "m13-k3f9". Ids already in the document never change. */
void                glossator_document_set_id_suffix        (GlossatorDocument      *self,
                                                             const char             *suffix);
const char         *glossator_document_get_id_suffix        (GlossatorDocument      *self);
gboolean            glossator_id_suffix_is_valid            (const char             *suffix);
/* A suffix drawn at random once per process (4 characters, a letter
 * first): two sessions draw the same one about once in a million. */
const char         *glossator_id_session_suffix             (void);

/* The annotator the edits from now on are credited to (NULL or "" for
 * none, the default: nothing is recorded). A mention or stance put without
 * an author and creation time gets this author and the time now; one put
 * in place of another with the same "modified", or with no authorship at
 * all, gets the time now as its "modified" (and the other's author and
 * creation time in the second case). Values that set these themselves (recovery, adjudication)
 * keep them. Loaders record nothing. */
void                glossator_document_set_author           (GlossatorDocument      *self,
                                                             const char             *author);
const char         *glossator_document_get_author           (GlossatorDocument      *self);

/* Low-level edits: add or replace by id, remove by id. Callers keep the
 * invariants (a mention's entity exists); the high-level edits below do. */
void                glossator_document_put_mention          (GlossatorDocument      *self,
                                                             GlossatorMention       *mention);
void                glossator_document_put_entity           (GlossatorDocument      *self,
                                                             GlossatorEntity        *entity);
void                glossator_document_put_stance           (GlossatorDocument      *self,
                                                             GlossatorStance        *stance);
gboolean            glossator_document_remove_mention       (GlossatorDocument      *self,
                                                             const char             *id);
gboolean            glossator_document_remove_entity        (GlossatorDocument      *self,
                                                             const char             *id);
gboolean            glossator_document_remove_stance        (GlossatorDocument      *self,
                                                             const char             *id);

/* High-level edits, each one undo step. create_mention returns a new
 * reference; split_mention returns the entity owned by the document. */
GlossatorMention   *glossator_document_create_mention       (GlossatorDocument      *self,
                                                             const char             *label,
                                                             const guint            *starts,
                                                             const guint            *ends,
                                                             guint                   n_fragments,
                                                             const char             *entity_id,
                                                             GError                **error);
gboolean            glossator_document_set_mention_label    (GlossatorDocument      *self,
                                                             const char             *mention_id,
                                                             const char             *label);
gboolean            glossator_document_delete_mention       (GlossatorDocument      *self,
                                                             const char             *mention_id);
gboolean            glossator_document_link_mention         (GlossatorDocument      *self,
                                                             const char             *mention_id,
                                                             const char             *entity_id);
/* Moves the mention into a new entity of its own; returns that entity. */
GlossatorEntity    *glossator_document_split_mention        (GlossatorDocument      *self,
                                                             const char             *mention_id);
gboolean            glossator_document_merge_entities       (GlossatorDocument      *self,
                                                             const char             *keep_id,
                                                             const char             *merged_id);
/* Deletes the entity and its mentions; stances naming it follow @policy. */
gboolean            glossator_document_delete_entity        (GlossatorDocument      *self,
                                                             const char             *entity_id,
                                                             GlossatorStancePolicy   policy);

/* Moves @edge of the mention to @offset (widened to whole grapheme
 * clusters and, when @snap, to the word boundary selection snapping would
 * give), keeping its id, entity, other fragments and so every stance that
 * names its entity; one undo step. Refused (FALSE, @error set) for an
 * orphaned edge, an empty or out-of-text result, or one that equals
 * another mention with the same label (GLOSSATOR_DOCUMENT_ERROR_DUPLICATE).
 * An edge already there is no edit and no error. */
gboolean            glossator_document_move_mention_edge    (GlossatorDocument      *self,
                                                             const char             *mention_id,
                                                             GlossatorEdge           edge,
                                                             guint                   offset,
                                                             gboolean                snap,
                                                             GError                **error);
/* Moves @edge one @step later (@forward) or earlier: a character step to
 * the next grapheme boundary, a word step to the next word start (for the
 * start) or word end (for the end). With @snap, a step that snapping
 * would undo goes on to the next place where the edge does move. Refused
 * as move_mention_edge() is, and when there is no further place. */
gboolean            glossator_document_step_mention_edge    (GlossatorDocument      *self,
                                                             const char             *mention_id,
                                                             GlossatorEdge           edge,
                                                             GlossatorEdgeStep       step,
                                                             gboolean                forward,
                                                             gboolean                snap,
                                                             GError                **error);
/* Groups the edits in between into one undo step. */
void                glossator_document_begin_edit           (GlossatorDocument      *self,
                                                             const char             *description);
void                glossator_document_end_edit             (GlossatorDocument      *self);
gboolean            glossator_document_can_undo             (GlossatorDocument      *self);
gboolean            glossator_document_can_redo             (GlossatorDocument      *self);
const char         *glossator_document_get_undo_description (GlossatorDocument      *self);
const char         *glossator_document_get_redo_description (GlossatorDocument      *self);
gboolean            glossator_document_undo                 (GlossatorDocument      *self);
gboolean            glossator_document_redo                 (GlossatorDocument      *self);

/* TRUE when there are edits not yet saved. */
gboolean            glossator_document_get_modified         (GlossatorDocument      *self);
void                glossator_document_mark_saved           (GlossatorDocument      *self);
/* A token for the current state; marking it saved later leaves edits made
 * in between unsaved. */
guint64             glossator_document_get_revision         (GlossatorDocument      *self);
void                glossator_document_mark_saved_revision  (GlossatorDocument      *self,
                                                             guint64                 revision);

G_END_DECLS

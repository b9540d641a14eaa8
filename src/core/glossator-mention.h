/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-authorship.h"
#include "glossator-span.h"

G_BEGIN_DECLS

/* A mention of an entity in the text. Mentions are values: once handed to a
 * GlossatorDocument they are never modified again (edits put a changed copy),
 * which is what lets the undo history keep old versions by reference. */
typedef struct {
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  char            *id;
  char            *label;
  char            *entity_id;
  GlossatorSpan   *fragments;     /* sorted by start, non-overlapping */
  guint            n_fragments;
  char            *note;          /* nullable */
  JsonObject      *attributes;    /* nullable; treated as immutable */
  JsonObject      *extra;         /* members Glossator does not know; nullable */
  GlossatorAuthorship  authorship;  /* who made it, when */
} GlossatorMention;

#define GLOSSATOR_TYPE_MENTION (glossator_mention_get_type ())

GType             glossator_mention_get_type     (void) G_GNUC_CONST;
GlossatorMention *glossator_mention_new          (const char             *id,
                                                  const char             *label,
                                                  const char             *entity_id);
GlossatorMention *glossator_mention_ref          (GlossatorMention       *self);
void              glossator_mention_unref        (GlossatorMention       *self);
/* A private, modifiable copy with the same id. */
GlossatorMention *glossator_mention_copy         (const GlossatorMention *self);

/* Setters are for mentions nobody else holds yet (fresh or copied). */
void              glossator_mention_set_label    (GlossatorMention       *self,
                                                  const char             *label);
void              glossator_mention_set_entity   (GlossatorMention       *self,
                                                  const char             *entity_id);
void              glossator_mention_set_note     (GlossatorMention       *self,
                                                  const char             *note);
void              glossator_mention_set_attributes (GlossatorMention     *self,
                                                  JsonObject             *attributes);
/* Inserts in start order; returns the new fragment so its quote can be set. */
GlossatorSpan    *glossator_mention_add_fragment (GlossatorMention       *self,
                                                  guint                   start,
                                                  guint                   end);
void              glossator_mention_clear_fragments (GlossatorMention    *self);

guint             glossator_mention_get_start    (const GlossatorMention *self);
guint             glossator_mention_get_end      (const GlossatorMention *self);
gboolean          glossator_mention_is_orphaned  (const GlossatorMention *self);
/* The fragments' text joined by one space (as brat does). */
char             *glossator_mention_dup_text     (const GlossatorMention *self,
                                                  GlossatorText          *text);
/* Orders by start, then end, then id (numeric-aware). */
int               glossator_mention_compare      (const GlossatorMention *a,
                                                  const GlossatorMention *b);

/* "m2" < "m10": digits compare as numbers. Used for every id ordering. */
int               glossator_id_compare           (const char             *a,
                                                  const char             *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorMention, glossator_mention_unref)

G_END_DECLS

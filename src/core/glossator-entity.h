/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* A coreference cluster: its mentions are those whose entity_id is its id.
 * A value, like GlossatorMention: never modified once in a document. */
typedef struct {
  /*< private >*/
  gatomicrefcount  ref_count;
  /*< public >*/
  char            *id;
  char            *name;          /* canonical name */
  char            *label;
  char            *kb_id;         /* nullable, e.g. a Wikidata QID */
  char            *note;          /* nullable */
  JsonObject      *attributes;    /* nullable */
  JsonObject      *extra;         /* nullable */
} GlossatorEntity;

#define GLOSSATOR_TYPE_ENTITY (glossator_entity_get_type ())

GType            glossator_entity_get_type       (void) G_GNUC_CONST;
GlossatorEntity *glossator_entity_new            (const char            *id,
                                                  const char            *name,
                                                  const char            *label);
GlossatorEntity *glossator_entity_ref            (GlossatorEntity       *self);
void             glossator_entity_unref          (GlossatorEntity       *self);
GlossatorEntity *glossator_entity_copy           (const GlossatorEntity *self);

void             glossator_entity_set_name       (GlossatorEntity       *self,
                                                  const char            *name);
void             glossator_entity_set_label      (GlossatorEntity       *self,
                                                  const char            *label);
void             glossator_entity_set_kb_id      (GlossatorEntity       *self,
                                                  const char            *kb_id);
void             glossator_entity_set_note       (GlossatorEntity       *self,
                                                  const char            *note);
void             glossator_entity_set_attributes (GlossatorEntity       *self,
                                                  JsonObject            *attributes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorEntity, glossator_entity_unref)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-authorship.h"
#include "glossator-span.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSATOR_HOLDER_UNSPECIFIED,
  GLOSSATOR_HOLDER_ENTITY,
  GLOSSATOR_HOLDER_AUTHOR,
} GlossatorHolderKind;

typedef enum {
  GLOSSATOR_TARGET_UNSPECIFIED,
  GLOSSATOR_TARGET_ENTITY,
  GLOSSATOR_TARGET_TOPIC,
} GlossatorTargetKind;

/* Who (holder) is for or against what (target), with which polarity, on
 * what evidence. A value, like GlossatorMention. */
typedef struct {
  /*< private >*/
  gatomicrefcount      ref_count;
  /*< public >*/
  char                *id;
  GlossatorHolderKind  holder_kind;
  char                *holder_entity;   /* entity id when holder_kind is ENTITY */
  GlossatorTargetKind  target_kind;
  char                *target;          /* entity id or topic; NULL when unspecified */
  char                *polarity;
  guint                intensity;       /* 1..3, 0 when not given */
  GlossatorSpan       *evidence;
  guint                n_evidence;
  char                *note;            /* nullable */
  JsonObject          *attributes;      /* nullable */
  JsonObject          *extra;           /* nullable */
  GlossatorAuthorship  authorship;  /* who made it, when */
  JsonObject          *holder_extra;    /* unknown members of "holder"; nullable */
  JsonObject          *target_extra;    /* unknown members of "target"; nullable */
} GlossatorStance;

#define GLOSSATOR_TYPE_STANCE (glossator_stance_get_type ())

GType            glossator_stance_get_type       (void) G_GNUC_CONST;
GlossatorStance *glossator_stance_new            (const char            *id,
                                                  const char            *polarity);
GlossatorStance *glossator_stance_ref            (GlossatorStance       *self);
void             glossator_stance_unref          (GlossatorStance       *self);
GlossatorStance *glossator_stance_copy           (const GlossatorStance *self);

void             glossator_stance_set_holder     (GlossatorStance       *self,
                                                  GlossatorHolderKind    kind,
                                                  const char            *entity_id);
void             glossator_stance_set_target     (GlossatorStance       *self,
                                                  GlossatorTargetKind    kind,
                                                  const char            *entity_or_topic);
void             glossator_stance_set_polarity   (GlossatorStance       *self,
                                                  const char            *polarity);
void             glossator_stance_set_intensity  (GlossatorStance       *self,
                                                  guint                  intensity);
void             glossator_stance_set_note       (GlossatorStance       *self,
                                                  const char            *note);
void             glossator_stance_set_attributes (GlossatorStance       *self,
                                                  JsonObject            *attributes);
GlossatorSpan   *glossator_stance_add_evidence   (GlossatorStance       *self,
                                                  guint                  start,
                                                  guint                  end);
void             glossator_stance_clear_evidence (GlossatorStance       *self);
/* TRUE when holder or target is the entity @entity_id. */
gboolean         glossator_stance_uses_entity    (const GlossatorStance *self,
                                                  const char            *entity_id);

const char      *glossator_holder_kind_to_string (GlossatorHolderKind    kind);
gboolean         glossator_holder_kind_from_string (const char          *str,
                                                  GlossatorHolderKind   *kind);
const char      *glossator_target_kind_to_string (GlossatorTargetKind    kind);
gboolean         glossator_target_kind_from_string (const char          *str,
                                                  GlossatorTargetKind   *kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorStance, glossator_stance_unref)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stance"

#include "config.h"

#include "glossator-stance.h"
#include "glossator-value-private.h"

G_DEFINE_BOXED_TYPE (GlossatorStance, glossator_stance,
                     glossator_stance_ref, glossator_stance_unref)

#define MUST_BE_PRIVATE(self) \
  g_return_if_fail (g_atomic_ref_count_compare (&(self)->ref_count, 1))

static const char * const holder_names[] = { "unspecified", "entity", "author" };
static const char * const target_names[] = { "unspecified", "entity", "topic" };

GlossatorStance *
glossator_stance_new (const char *id,
                      const char *polarity)
{
  GlossatorStance *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (GlossatorStance, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->polarity = g_strdup (polarity);

  return self;
}

GlossatorStance *
glossator_stance_ref (GlossatorStance *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
glossator_stance_unref (GlossatorStance *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->holder_entity);
  g_free (self->target);
  g_free (self->polarity);
  _glossator_spans_free (self->evidence, self->n_evidence);
  g_free (self->note);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  glossator_authorship_clear (&self->authorship);
  g_clear_pointer (&self->holder_extra, json_object_unref);
  g_clear_pointer (&self->target_extra, json_object_unref);
  g_free (self);
}

GlossatorStance *
glossator_stance_copy (const GlossatorStance *self)
{
  GlossatorStance *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = glossator_stance_new (self->id, self->polarity);
  copy->holder_kind = self->holder_kind;
  copy->holder_entity = g_strdup (self->holder_entity);
  copy->target_kind = self->target_kind;
  copy->target = g_strdup (self->target);
  copy->intensity = self->intensity;
  copy->evidence = _glossator_spans_dup (self->evidence, self->n_evidence);
  copy->n_evidence = self->n_evidence;
  copy->note = g_strdup (self->note);
  copy->attributes = _glossator_value_ref_object (self->attributes);
  copy->extra = _glossator_value_ref_object (self->extra);
  glossator_authorship_copy (&copy->authorship, &self->authorship);
  copy->holder_extra = _glossator_value_ref_object (self->holder_extra);
  copy->target_extra = _glossator_value_ref_object (self->target_extra);

  return copy;
}

void
glossator_stance_set_holder (GlossatorStance     *self,
                             GlossatorHolderKind  kind,
                             const char          *entity_id)
{
  MUST_BE_PRIVATE (self);
  g_return_if_fail (kind != GLOSSATOR_HOLDER_ENTITY || entity_id != NULL);

  self->holder_kind = kind;
  _glossator_value_set_string (&self->holder_entity,
                               kind == GLOSSATOR_HOLDER_ENTITY ? entity_id : NULL);
}

void
glossator_stance_set_target (GlossatorStance     *self,
                             GlossatorTargetKind  kind,
                             const char          *entity_or_topic)
{
  MUST_BE_PRIVATE (self);
  g_return_if_fail (kind == GLOSSATOR_TARGET_UNSPECIFIED || entity_or_topic != NULL);

  self->target_kind = kind;
  _glossator_value_set_string (&self->target,
                               kind == GLOSSATOR_TARGET_UNSPECIFIED ? NULL : entity_or_topic);
}

void
glossator_stance_set_polarity (GlossatorStance *self,
                               const char      *polarity)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->polarity, polarity);
}

void
glossator_stance_set_intensity (GlossatorStance *self,
                                guint            intensity)
{
  MUST_BE_PRIVATE (self);
  g_return_if_fail (intensity <= 3);

  self->intensity = intensity;
}

void
glossator_stance_set_note (GlossatorStance *self,
                           const char      *note)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->note, note);
}

void
glossator_stance_set_attributes (GlossatorStance *self,
                                 JsonObject      *attributes)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_object (&self->attributes, attributes);
}

GlossatorSpan *
glossator_stance_add_evidence (GlossatorStance *self,
                               guint            start,
                               guint            end)
{
  g_return_val_if_fail (g_atomic_ref_count_compare (&self->ref_count, 1), NULL);
  g_return_val_if_fail (start <= end, NULL);

  return _glossator_spans_insert (&self->evidence, &self->n_evidence, start, end);
}

void
glossator_stance_clear_evidence (GlossatorStance *self)
{
  MUST_BE_PRIVATE (self);

  _glossator_spans_free (self->evidence, self->n_evidence);
  self->evidence = NULL;
  self->n_evidence = 0;
}

gboolean
glossator_stance_uses_entity (const GlossatorStance *self,
                              const char            *entity_id)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (entity_id != NULL, FALSE);

  return (self->holder_kind == GLOSSATOR_HOLDER_ENTITY &&
          g_strcmp0 (self->holder_entity, entity_id) == 0) ||
         (self->target_kind == GLOSSATOR_TARGET_ENTITY &&
          g_strcmp0 (self->target, entity_id) == 0);
}

const char *
glossator_holder_kind_to_string (GlossatorHolderKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (holder_names), NULL);
  return holder_names[kind];
}

gboolean
glossator_holder_kind_from_string (const char          *str,
                                   GlossatorHolderKind *kind)
{
  guint value;

  if (!_glossator_value_name_index (holder_names, G_N_ELEMENTS (holder_names), str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

const char *
glossator_target_kind_to_string (GlossatorTargetKind kind)
{
  g_return_val_if_fail (kind < G_N_ELEMENTS (target_names), NULL);
  return target_names[kind];
}

gboolean
glossator_target_kind_from_string (const char          *str,
                                   GlossatorTargetKind *kind)
{
  guint value;

  if (!_glossator_value_name_index (target_names, G_N_ELEMENTS (target_names), str, &value))
    return FALSE;
  *kind = value;
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-entity"

#include "config.h"

#include "glossator-entity.h"
#include "glossator-value-private.h"

G_DEFINE_BOXED_TYPE (GlossatorEntity, glossator_entity,
                     glossator_entity_ref, glossator_entity_unref)

#define MUST_BE_PRIVATE(self) \
  g_return_if_fail (g_atomic_ref_count_compare (&(self)->ref_count, 1))

GlossatorEntity *
glossator_entity_new (const char *id,
                      const char *name,
                      const char *label)
{
  GlossatorEntity *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (GlossatorEntity, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->name = g_strdup (name);
  self->label = g_strdup (label);

  return self;
}

GlossatorEntity *
glossator_entity_ref (GlossatorEntity *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
glossator_entity_unref (GlossatorEntity *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->name);
  g_free (self->label);
  g_free (self->kb_id);
  g_free (self->note);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_free (self);
}

GlossatorEntity *
glossator_entity_copy (const GlossatorEntity *self)
{
  GlossatorEntity *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = glossator_entity_new (self->id, self->name, self->label);
  copy->kb_id = g_strdup (self->kb_id);
  copy->note = g_strdup (self->note);
  copy->attributes = _glossator_value_ref_object (self->attributes);
  copy->extra = _glossator_value_ref_object (self->extra);

  return copy;
}

void
glossator_entity_set_name (GlossatorEntity *self,
                           const char      *name)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->name, name);
}

void
glossator_entity_set_label (GlossatorEntity *self,
                            const char      *label)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->label, label);
}

void
glossator_entity_set_kb_id (GlossatorEntity *self,
                            const char      *kb_id)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->kb_id, kb_id);
}

void
glossator_entity_set_note (GlossatorEntity *self,
                           const char      *note)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->note, note);
}

void
glossator_entity_set_attributes (GlossatorEntity *self,
                                 JsonObject      *attributes)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_object (&self->attributes, attributes);
}

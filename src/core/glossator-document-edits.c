/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-document"

/* The edits an annotator makes (tag, relabel, delete, link, split, merge),
 * each one undo step built from the document's low-level puts and removes,
 * with the rules that keep entities and stances consistent. Only public
 * document API is used here. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossator-document.h"

/* An entity no mention and no stance refers to has no reason to exist. */
static void
drop_entity_if_unused (GlossatorDocument *self,
                       const char        *entity_id)
{
  g_autoptr(GPtrArray) stances = NULL;

  if (entity_id == NULL || glossator_document_count_entity_mentions (self, entity_id) > 0)
    return;
  stances = glossator_document_list_entity_stances (self, entity_id);
  if (stances->len == 0)
    glossator_document_remove_entity (self, entity_id);
}

static GlossatorEntity *
create_entity_for (GlossatorDocument *self,
                   GlossatorMention  *mention)
{
  g_autofree char *id = glossator_document_new_id (self, "e");
  g_autofree char *name = glossator_mention_dup_text (mention, glossator_document_get_text (self));
  g_autoptr(GlossatorEntity) entity = glossator_entity_new (id, g_strstrip (name), mention->label);

  glossator_document_put_entity (self, entity);
  return entity;
}

GlossatorMention *
glossator_document_create_mention (GlossatorDocument  *self,
                                   const char         *label,
                                   const guint        *starts,
                                   const guint        *ends,
                                   guint               n_fragments,
                                   const char         *entity_id,
                                   GError            **error)
{
  g_autofree char *id = NULL;
  g_autoptr(GlossatorMention) mention = NULL;
  guint length;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);
  g_return_val_if_fail (n_fragments > 0, NULL);

  length = glossator_text_get_length (glossator_document_get_text (self));
  for (guint i = 0; i < n_fragments; i++)
    if (starts[i] >= ends[i] || ends[i] > length)
      {
        g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
                     _("The span %u–%u is empty or outside the text (length %u)"),
                     starts[i], ends[i], length);
        return NULL;
      }
  if (entity_id != NULL && glossator_document_get_entity (self, entity_id) == NULL)
    {
      g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_UNKNOWN_ID,
                   _("There is no entity “%s”"), entity_id);
      return NULL;
    }

  id = glossator_document_new_id (self, "m");
  mention = glossator_mention_new (id, label, entity_id);
  for (guint i = 0; i < n_fragments; i++)
    glossator_span_set_quote (glossator_mention_add_fragment (mention, starts[i], ends[i]),
                              glossator_document_get_text (self));

  glossator_document_begin_edit (self, _("Tag mention"));
  if (entity_id == NULL)
    glossator_mention_set_entity (mention, create_entity_for (self, mention)->id);
  glossator_document_put_mention (self, mention);
  glossator_document_end_edit (self);

  /* What the document holds, with its authorship. */
  return glossator_mention_ref (glossator_document_get_mention (self, id));
}

gboolean
glossator_document_set_mention_label (GlossatorDocument *self,
                                      const char        *mention_id,
                                      const char        *label)
{
  GlossatorMention *old;
  GlossatorEntity *entity;
  g_autoptr(GlossatorMention) mention = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if ((old = glossator_document_get_mention (self, mention_id)) == NULL)
    return FALSE;
  if (g_strcmp0 (old->label, label) == 0)
    return TRUE;

  mention = glossator_mention_copy (old);
  glossator_mention_set_label (mention, label);

  glossator_document_begin_edit (self, _("Change label"));
  /* A mention alone in its entity defines the entity's label too. */
  entity = glossator_document_get_entity (self, old->entity_id);
  if (entity != NULL &&
      glossator_document_count_entity_mentions (self, entity->id) == 1 &&
      g_strcmp0 (entity->label, old->label) == 0)
    {
      g_autoptr(GlossatorEntity) relabelled = glossator_entity_copy (entity);

      glossator_entity_set_label (relabelled, label);
      glossator_document_put_entity (self, relabelled);
    }
  glossator_document_put_mention (self, mention);
  glossator_document_end_edit (self);

  return TRUE;
}

gboolean
glossator_document_delete_mention (GlossatorDocument *self,
                                   const char        *mention_id)
{
  g_autoptr(GlossatorMention) old = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  if (glossator_document_get_mention (self, mention_id) == NULL)
    return FALSE;
  old = glossator_mention_ref (glossator_document_get_mention (self, mention_id));

  glossator_document_begin_edit (self, _("Delete mention"));
  glossator_document_remove_mention (self, mention_id);
  drop_entity_if_unused (self, old->entity_id);
  glossator_document_end_edit (self);

  return TRUE;
}

gboolean
glossator_document_link_mention (GlossatorDocument *self,
                                 const char        *mention_id,
                                 const char        *entity_id)
{
  GlossatorMention *old;
  g_autoptr(GlossatorMention) mention = NULL;
  g_autofree char *old_entity = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  old = glossator_document_get_mention (self, mention_id);
  if (old == NULL || glossator_document_get_entity (self, entity_id) == NULL)
    return FALSE;
  if (g_strcmp0 (old->entity_id, entity_id) == 0)
    return TRUE;

  old_entity = g_strdup (old->entity_id);
  mention = glossator_mention_copy (old);
  glossator_mention_set_entity (mention, entity_id);

  glossator_document_begin_edit (self, _("Link mention"));
  glossator_document_put_mention (self, mention);
  drop_entity_if_unused (self, old_entity);
  glossator_document_end_edit (self);

  return TRUE;
}

GlossatorEntity *
glossator_document_split_mention (GlossatorDocument *self,
                                  const char        *mention_id)
{
  GlossatorMention *old;
  GlossatorEntity *entity;
  g_autoptr(GlossatorMention) mention = NULL;
  g_autofree char *old_entity = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  if ((old = glossator_document_get_mention (self, mention_id)) == NULL)
    return NULL;

  old_entity = g_strdup (old->entity_id);
  mention = glossator_mention_copy (old);

  glossator_document_begin_edit (self, _("Split mention from entity"));
  entity = create_entity_for (self, mention);
  glossator_mention_set_entity (mention, entity->id);
  glossator_document_put_mention (self, mention);
  drop_entity_if_unused (self, old_entity);
  glossator_document_end_edit (self);

  return entity;
}

static void
retarget_stances (GlossatorDocument     *self,
                  const char            *entity_id,
                  const char            *new_entity_id,
                  GlossatorStancePolicy  policy)
{
  g_autoptr(GPtrArray) stances = glossator_document_list_entity_stances (self, entity_id);

  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *old = stances->pdata[i];
      g_autoptr(GlossatorStance) stance = NULL;

      if (new_entity_id == NULL && policy == GLOSSATOR_STANCES_DELETE)
        {
          glossator_document_remove_stance (self, old->id);
          continue;
        }

      stance = glossator_stance_copy (old);
      if (old->holder_kind == GLOSSATOR_HOLDER_ENTITY && g_str_equal (old->holder_entity, entity_id))
        glossator_stance_set_holder (stance,
                                     new_entity_id ? GLOSSATOR_HOLDER_ENTITY : GLOSSATOR_HOLDER_UNSPECIFIED,
                                     new_entity_id);
      if (old->target_kind == GLOSSATOR_TARGET_ENTITY && g_str_equal (old->target, entity_id))
        glossator_stance_set_target (stance,
                                     new_entity_id ? GLOSSATOR_TARGET_ENTITY : GLOSSATOR_TARGET_UNSPECIFIED,
                                     new_entity_id);
      glossator_document_put_stance (self, stance);
    }
}

gboolean
glossator_document_merge_entities (GlossatorDocument *self,
                                   const char        *keep_id,
                                   const char        *merged_id)
{
  GlossatorEntity *keep, *merged;
  g_autoptr(GPtrArray) mentions = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  keep = glossator_document_get_entity (self, keep_id);
  merged = glossator_document_get_entity (self, merged_id);
  if (keep == NULL || merged == NULL)
    return FALSE;
  if (keep == merged)
    return TRUE;

  glossator_document_begin_edit (self, _("Merge entities"));
  if (keep->kb_id == NULL && merged->kb_id != NULL)
    {
      g_autoptr(GlossatorEntity) filled = glossator_entity_copy (keep);

      glossator_entity_set_kb_id (filled, merged->kb_id);
      glossator_document_put_entity (self, filled);
    }
  mentions = glossator_document_list_entity_mentions (self, merged_id);
  for (guint i = 0; i < mentions->len; i++)
    {
      g_autoptr(GlossatorMention) mention = glossator_mention_copy (mentions->pdata[i]);

      glossator_mention_set_entity (mention, keep_id);
      glossator_document_put_mention (self, mention);
    }
  retarget_stances (self, merged_id, keep_id, GLOSSATOR_STANCES_UNSPECIFY);
  glossator_document_remove_entity (self, merged_id);
  glossator_document_end_edit (self);

  return TRUE;
}

gboolean
glossator_document_delete_entity (GlossatorDocument     *self,
                                  const char            *entity_id,
                                  GlossatorStancePolicy  policy)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autofree char *id = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  if (glossator_document_get_entity (self, entity_id) == NULL)
    return FALSE;

  id = g_strdup (entity_id);
  glossator_document_begin_edit (self, _("Delete entity"));
  mentions = glossator_document_list_entity_mentions (self, id);
  for (guint i = 0; i < mentions->len; i++)
    glossator_document_remove_mention (self, ((GlossatorMention *) mentions->pdata[i])->id);
  retarget_stances (self, id, NULL, policy);
  glossator_document_remove_entity (self, id);
  glossator_document_end_edit (self);

  return TRUE;
}

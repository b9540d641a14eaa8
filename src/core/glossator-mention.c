/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-mention"

#include "config.h"

#include <string.h>

#include "glossator-mention.h"
#include "glossator-value-private.h"

G_DEFINE_BOXED_TYPE (GlossatorMention, glossator_mention,
                     glossator_mention_ref, glossator_mention_unref)

#define MUST_BE_PRIVATE(self) \
  g_return_if_fail (g_atomic_ref_count_compare (&(self)->ref_count, 1))

GlossatorMention *
glossator_mention_new (const char *id,
                       const char *label,
                       const char *entity_id)
{
  GlossatorMention *self;

  g_return_val_if_fail (id != NULL, NULL);

  self = g_new0 (GlossatorMention, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->id = g_strdup (id);
  self->label = g_strdup (label);
  self->entity_id = g_strdup (entity_id);

  return self;
}

GlossatorMention *
glossator_mention_ref (GlossatorMention *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
glossator_mention_unref (GlossatorMention *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_free (self->id);
  g_free (self->label);
  g_free (self->entity_id);
  _glossator_spans_free (self->fragments, self->n_fragments);
  g_free (self->note);
  g_clear_pointer (&self->attributes, json_object_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  glossator_authorship_clear (&self->authorship);
  g_free (self);
}

GlossatorMention *
glossator_mention_copy (const GlossatorMention *self)
{
  GlossatorMention *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = glossator_mention_new (self->id, self->label, self->entity_id);
  copy->fragments = _glossator_spans_dup (self->fragments, self->n_fragments);
  copy->n_fragments = self->n_fragments;
  copy->note = g_strdup (self->note);
  copy->attributes = _glossator_value_ref_object (self->attributes);
  copy->extra = _glossator_value_ref_object (self->extra);
  glossator_authorship_copy (&copy->authorship, &self->authorship);

  return copy;
}

void
glossator_mention_set_label (GlossatorMention *self,
                             const char       *label)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->label, label);
}

void
glossator_mention_set_entity (GlossatorMention *self,
                              const char       *entity_id)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->entity_id, entity_id);
}

void
glossator_mention_set_note (GlossatorMention *self,
                            const char       *note)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_string (&self->note, note);
}

void
glossator_mention_set_attributes (GlossatorMention *self,
                                  JsonObject       *attributes)
{
  MUST_BE_PRIVATE (self);
  _glossator_value_set_object (&self->attributes, attributes);
}

GlossatorSpan *
glossator_mention_add_fragment (GlossatorMention *self,
                                guint             start,
                                guint             end)
{
  g_return_val_if_fail (g_atomic_ref_count_compare (&self->ref_count, 1), NULL);
  g_return_val_if_fail (start <= end, NULL);

  return _glossator_spans_insert (&self->fragments, &self->n_fragments, start, end);
}

void
glossator_mention_clear_fragments (GlossatorMention *self)
{
  MUST_BE_PRIVATE (self);

  _glossator_spans_free (self->fragments, self->n_fragments);
  self->fragments = NULL;
  self->n_fragments = 0;
}

guint
glossator_mention_get_start (const GlossatorMention *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_fragments > 0 ? self->fragments[0].start : 0;
}

guint
glossator_mention_get_end (const GlossatorMention *self)
{
  guint end = 0;

  g_return_val_if_fail (self != NULL, 0);

  for (guint i = 0; i < self->n_fragments; i++)
    end = MAX (end, self->fragments[i].end);

  return end;
}

gboolean
glossator_mention_is_orphaned (const GlossatorMention *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < self->n_fragments; i++)
    if (self->fragments[i].orphaned)
      return TRUE;

  return FALSE;
}

char *
glossator_mention_dup_text (const GlossatorMention *self,
                            GlossatorText          *text)
{
  GString *str;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  str = g_string_new (NULL);
  for (guint i = 0; i < self->n_fragments; i++)
    {
      g_autofree char *part = glossator_text_slice (text, self->fragments[i].start,
                                                    self->fragments[i].end);
      if (i > 0)
        g_string_append_c (str, ' ');
      if (part != NULL)
        g_string_append (str, part);
    }

  return g_string_free (str, FALSE);
}

static int
id_compare_natural (const char *a,
                    const char *b)
{
  while (*a != '\0' && *b != '\0')
    {
      if (g_ascii_isdigit (*a) && g_ascii_isdigit (*b))
        {
          const char *da = a, *db = b;
          gsize la, lb;
          int cmp;

          while (*da == '0' && g_ascii_isdigit (da[1]))
            da++;
          while (*db == '0' && g_ascii_isdigit (db[1]))
            db++;
          for (a = da; g_ascii_isdigit (*a); a++)
            ;
          for (b = db; g_ascii_isdigit (*b); b++)
            ;
          la = a - da;
          lb = b - db;
          if (la != lb)
            return la < lb ? -1 : 1;
          cmp = strncmp (da, db, la);
          if (cmp != 0)
            return cmp;
        }
      else
        {
          if (*a != *b)
            return (guchar) *a < (guchar) *b ? -1 : 1;
          a++;
          b++;
        }
    }

  if (*a == *b)
    return 0;
  return *a == '\0' ? -1 : 1;
}

int
glossator_id_compare (const char *a,
                      const char *b)
{
  int cmp = id_compare_natural (a, b);

  /* "m01" and "m1" tie numerically but are different ids. */
  return cmp != 0 ? cmp : strcmp (a, b);
}

int
glossator_mention_compare (const GlossatorMention *a,
                           const GlossatorMention *b)
{
  guint as = glossator_mention_get_start (a), bs = glossator_mention_get_start (b);
  guint ae, be;

  if (as != bs)
    return as < bs ? -1 : 1;
  ae = glossator_mention_get_end (a);
  be = glossator_mention_get_end (b);
  if (ae != be)
    return ae < be ? -1 : 1;
  return glossator_id_compare (a->id, b->id);
}

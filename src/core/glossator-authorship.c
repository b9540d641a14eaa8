/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-authorship"

#include "config.h"

#include "glossator-authorship.h"

void
glossator_authorship_clear (GlossatorAuthorship *self)
{
  g_return_if_fail (self != NULL);

  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->created, g_free);
  g_clear_pointer (&self->modified, g_free);
}

void
glossator_authorship_copy (GlossatorAuthorship       *dest,
                           const GlossatorAuthorship *src)
{
  g_return_if_fail (dest != NULL && src != NULL);

  if (dest == src)
    return;
  glossator_authorship_clear (dest);
  dest->author = g_strdup (src->author);
  dest->created = g_strdup (src->created);
  dest->modified = g_strdup (src->modified);
}

gboolean
glossator_authorship_is_empty (const GlossatorAuthorship *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->author == NULL && self->created == NULL && self->modified == NULL;
}

gboolean
glossator_authorship_equal (const GlossatorAuthorship *a,
                            const GlossatorAuthorship *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return g_strcmp0 (a->author, b->author) == 0 &&
         g_strcmp0 (a->created, b->created) == 0 &&
         g_strcmp0 (a->modified, b->modified) == 0;
}

gboolean
glossator_authorship_time_is_valid (const char *time)
{
  g_autoptr(GDateTime) parsed = NULL;

  if (time == NULL)
    return FALSE;
  /* Without a default zone, a time without one is refused. */
  parsed = g_date_time_new_from_iso8601 (time, NULL);
  return parsed != NULL;
}

char *
glossator_authorship_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
glossator_authorship_stamp (GlossatorAuthorship       *self,
                            const GlossatorAuthorship *old,
                            const char                *author,
                            const char                *now)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (author != NULL && now != NULL);

  if (old == NULL)
    {
      if (self->author == NULL && self->created == NULL)
        {
          self->author = g_strdup (author);
          self->created = g_strdup (now);
        }
    }
  else if (glossator_authorship_is_empty (self) || g_strcmp0 (self->modified, old->modified) == 0)
    {
      /* A value rebuilt rather than copied still has its maker. */
      if (self->author == NULL && self->created == NULL)
        {
          self->author = g_strdup (old->author);
          self->created = g_strdup (old->created);
        }
      g_free (self->modified);
      self->modified = g_strdup (now);
    }
}

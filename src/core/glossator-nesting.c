/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-nesting"

#include "config.h"

#include <string.h>

#include "glossator-nesting.h"

typedef struct {
  const GlossatorMention *mention;
  guint                   index;
  guint                   first;
  guint                   extent;
} Entry;

static gboolean
fragment_counts (const GlossatorSpan *fragment,
                 guint                length)
{
  return !fragment->orphaned && fragment->start < fragment->end && fragment->end <= length;
}

static int
entry_compare (gconstpointer a,
               gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  if (ea->first != eb->first)
    return ea->first < eb->first ? -1 : 1;
  if (ea->extent != eb->extent)
    return ea->extent > eb->extent ? -1 : 1;
  return ea->index < eb->index ? -1 : ea->index > eb->index;
}

static gboolean
mentions_overlap (const GlossatorMention *one,
                  const GlossatorMention *two,
                  guint                   length)
{
  for (guint i = 0; i < one->n_fragments; i++)
    {
      const GlossatorSpan *f = &one->fragments[i];

      if (!fragment_counts (f, length))
        continue;
      for (guint j = 0; j < two->n_fragments; j++)
        {
          const GlossatorSpan *g = &two->fragments[j];

          if (fragment_counts (g, length) && f->start < g->end && g->start < f->end)
            return TRUE;
        }
    }
  return FALSE;
}

guint *
glossator_nesting_rows (GPtrArray *mentions,
                        guint      length,
                        guint     *n_rows)
{
  g_autofree Entry *entries = NULL;
  g_autofree guint8 *taken = NULL;
  guint *rows;
  guint n, used = 0;

  g_return_val_if_fail (mentions != NULL, NULL);

  n = mentions->len;
  rows = g_new0 (guint, MAX (n, 1));
  entries = g_new0 (Entry, MAX (n, 1));
  taken = g_new0 (guint8, n + 1);
  for (guint i = 0; i < n; i++)
    {
      const GlossatorMention *mention = mentions->pdata[i];
      guint first = G_MAXUINT, last = 0;

      for (guint j = 0; j < mention->n_fragments; j++)
        if (fragment_counts (&mention->fragments[j], length))
          {
            first = MIN (first, mention->fragments[j].start);
            last = MAX (last, mention->fragments[j].end);
          }
      entries[i] = (Entry) { mention, i, first, first < last ? last - first : 0 };
    }
  qsort (entries, n, sizeof (Entry), entry_compare);

  /* The mentions shown at once are few (the visible part of the text):
   * comparing each with those before it is cheap enough. */
  for (guint i = 0; i < n; i++)
    {
      guint row = 0;

      if (entries[i].extent == 0)
        continue;
      memset (taken, 0, n + 1);
      for (guint j = 0; j < i; j++)
        if (entries[j].extent > 0 && rows[entries[j].index] <= n &&
            mentions_overlap (entries[i].mention, entries[j].mention, length))
          taken[rows[entries[j].index]] = TRUE;
      while (taken[row])
        row++;
      rows[entries[i].index] = row;
      used = MAX (used, row + 1);
    }

  if (n_rows != NULL)
    *n_rows = used;
  return rows;
}

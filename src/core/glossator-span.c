/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-span"

#include "config.h"

#include <string.h>

#include "glossator-anchor.h"
#include "glossator-span.h"
#include "glossator-value-private.h"

void
glossator_span_init (GlossatorSpan *span,
                     guint          start,
                     guint          end)
{
  g_return_if_fail (span != NULL);
  g_return_if_fail (start <= end);

  memset (span, 0, sizeof *span);
  span->start = start;
  span->end = end;
}

void
glossator_span_clear (GlossatorSpan *span)
{
  g_return_if_fail (span != NULL);

  g_clear_pointer (&span->exact, g_free);
  g_clear_pointer (&span->prefix, g_free);
  g_clear_pointer (&span->suffix, g_free);
  g_clear_pointer (&span->extra, json_object_unref);
}

void
glossator_span_copy (GlossatorSpan       *dest,
                     const GlossatorSpan *src)
{
  g_return_if_fail (dest != NULL);
  g_return_if_fail (src != NULL);

  dest->start = src->start;
  dest->end = src->end;
  dest->exact = g_strdup (src->exact);
  dest->prefix = g_strdup (src->prefix);
  dest->suffix = g_strdup (src->suffix);
  dest->orphaned = src->orphaned;
  dest->extra = src->extra != NULL ? json_object_ref (src->extra) : NULL;
}

gboolean
glossator_span_equal (const GlossatorSpan *a,
                      const GlossatorSpan *b)
{
  return a->start == b->start &&
         a->end == b->end &&
         !a->orphaned == !b->orphaned &&
         g_strcmp0 (a->exact, b->exact) == 0 &&
         g_strcmp0 (a->prefix, b->prefix) == 0 &&
         g_strcmp0 (a->suffix, b->suffix) == 0;
}

void
glossator_span_set_quote (GlossatorSpan *span,
                          GlossatorText *text)
{
  g_return_if_fail (span != NULL);
  g_return_if_fail (text != NULL);

  g_clear_pointer (&span->exact, g_free);
  g_clear_pointer (&span->prefix, g_free);
  g_clear_pointer (&span->suffix, g_free);
  glossator_anchor_quote (text, span->start, span->end,
                          &span->exact, &span->prefix, &span->suffix);
}

int
glossator_span_compare (const GlossatorSpan *a,
                        const GlossatorSpan *b)
{
  if (a->start != b->start)
    return a->start < b->start ? -1 : 1;
  if (a->end != b->end)
    return a->end < b->end ? -1 : 1;
  return 0;
}

GlossatorSpan *
_glossator_spans_insert (GlossatorSpan **spans,
                         guint          *n_spans,
                         guint           start,
                         guint           end)
{
  guint pos = *n_spans;
  GlossatorSpan key;

  glossator_span_init (&key, start, end);
  while (pos > 0 && glossator_span_compare (&(*spans)[pos - 1], &key) > 0)
    pos--;

  *spans = g_renew (GlossatorSpan, *spans, *n_spans + 1);
  memmove (&(*spans)[pos + 1], &(*spans)[pos], (*n_spans - pos) * sizeof (GlossatorSpan));
  (*spans)[pos] = key;
  (*n_spans)++;

  return &(*spans)[pos];
}

GlossatorSpan *
_glossator_spans_dup (const GlossatorSpan *spans,
                      guint                n_spans)
{
  GlossatorSpan *copy;

  if (n_spans == 0)
    return NULL;

  copy = g_new (GlossatorSpan, n_spans);
  for (guint i = 0; i < n_spans; i++)
    glossator_span_copy (&copy[i], &spans[i]);

  return copy;
}

void
_glossator_spans_free (GlossatorSpan *spans,
                       guint          n_spans)
{
  for (guint i = 0; i < n_spans; i++)
    glossator_span_clear (&spans[i]);
  g_free (spans);
}

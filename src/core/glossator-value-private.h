/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-span.h"

G_BEGIN_DECLS

/* Shared by the value types (mention, entity, stance). */

static inline void
_glossator_value_set_string (char       **field,
                             const char  *value)
{
  char *old = *field;

  if (old == value)
    return;
  *field = g_strdup (value);
  g_free (old);
}

static inline void
_glossator_value_set_object (JsonObject **field,
                             JsonObject  *value)
{
  if (value != NULL)
    json_object_ref (value);
  g_clear_pointer (field, json_object_unref);
  *field = value;
}

static inline JsonObject *
_glossator_value_ref_object (JsonObject *object)
{
  return object != NULL ? json_object_ref (object) : NULL;
}

/* Where @str is in @names: the enums written as names (status, holder and
 * target kinds). */
static inline gboolean
_glossator_value_name_index (const char * const *names,
                             guint               n_names,
                             const char         *str,
                             guint              *index)
{
  for (guint i = 0; i < n_names; i++)
    if (g_strcmp0 (names[i], str) == 0)
      {
        *index = i;
        return TRUE;
      }

  return FALSE;
}

GlossatorSpan *_glossator_spans_insert (GlossatorSpan       **spans,
                                        guint                *n_spans,
                                        guint                 start,
                                        guint                 end);
GlossatorSpan *_glossator_spans_dup    (const GlossatorSpan  *spans,
                                        guint                 n_spans);
void           _glossator_spans_free   (GlossatorSpan        *spans,
                                        guint                 n_spans);

G_END_DECLS

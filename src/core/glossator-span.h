/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-text.h"

G_BEGIN_DECLS

/* A stretch of article text, [start, end) in code points, with the quote
 * selector used to find it again if the text changes. Embedded by value in
 * mentions (fragments) and stances (evidence). */
typedef struct {
  guint       start;
  guint       end;
  char       *exact;
  char       *prefix;
  char       *suffix;
  gboolean    orphaned;
  JsonObject *extra;   /* members Glossator does not know; nullable */
} GlossatorSpan;

void     glossator_span_init        (GlossatorSpan       *span,
                                     guint                start,
                                     guint                end);
void     glossator_span_clear       (GlossatorSpan       *span);
void     glossator_span_copy        (GlossatorSpan       *dest,
                                     const GlossatorSpan *src);
gboolean glossator_span_equal       (const GlossatorSpan *a,
                                     const GlossatorSpan *b);
/* Fills exact/prefix/suffix from @text (replacing what was there). */
void     glossator_span_set_quote   (GlossatorSpan       *span,
                                     GlossatorText       *text);
/* Orders by start, then end. */
int      glossator_span_compare     (const GlossatorSpan *a,
                                     const GlossatorSpan *b);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Who made a mention or stance and when (doc/sidecar-format.md,
 * Authorship): the annotator's name and ISO 8601 UTC times, each
 * NULL when unknown (sidecars older than format 1.1). */
typedef struct {
  char *author;
  char *created;
  char *modified;   /* the last change after creation; NULL when none */
} GlossatorAuthorship;

void     glossator_authorship_clear      (GlossatorAuthorship       *self);
void     glossator_authorship_copy       (GlossatorAuthorship       *dest,
                                          const GlossatorAuthorship *src);
gboolean glossator_authorship_is_empty   (const GlossatorAuthorship *self);
gboolean glossator_authorship_equal      (const GlossatorAuthorship *a,
                                          const GlossatorAuthorship *b);
/* Whether @time is an ISO 8601 date and time with a time zone, as
 * "created" and "modified" must be. */
gboolean glossator_authorship_time_is_valid (const char             *time);
char    *glossator_authorship_now        (void);
/* For an edit by @author at @now: a new annotation (@old NULL) without an
 * author gets @author and @now as created; a changed one whose "modified"
 * the caller left as it was, or rebuilt without authorship, gets @now
 * (and then @old's author and creation time when it has none). */
void     glossator_authorship_stamp      (GlossatorAuthorship       *self,
                                          const GlossatorAuthorship *old,
                                          const char                *author,
                                          const char                *now);

G_END_DECLS

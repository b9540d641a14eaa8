/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-sidecar.h"

G_BEGIN_DECLS

/* Shared by the sidecar reader (glossator-sidecar-read.c), writer
 * (glossator-sidecar-write.c) and loader (glossator-sidecar.c). */

/* What the sidecar module keeps with a document between load and save. */
typedef struct {
  char       *created;
  char       *modified;
  JsonObject *top_extra;
  JsonObject *article_extra;
  JsonObject *document_extra;
  /* Identity of the file as last read or written, to detect changes made
   * behind our back. */
  gboolean    has_identity;
  guint64     mtime_usec;
  goffset     size;
  /* SHA-256 of the file's bytes as last read or written; NULL when none. */
  char       *checksum;
} SidecarData;

SidecarData *_glossator_sidecar_ensure_data       (GlossatorDocument *document);
/* Remembers the file's size and time as read or written; NULL forgets. */
void         _glossator_sidecar_remember_identity (SidecarData       *sd,
                                                   GFileInfo         *info);
GFileInfo   *_glossator_sidecar_query_identity    (GFile             *file,
                                                   GCancellable      *cancellable,
                                                   GError           **error);
char        *_glossator_sidecar_display_name      (GFile             *file);

typedef enum {
  GLOSSATOR_VALUE_ENTITY,
  GLOSSATOR_VALUE_MENTION,
  GLOSSATOR_VALUE_STANCE,
  GLOSSATOR_VALUE_INFO,     /* the document's own members; @value unused */
} GlossatorValueKind;

/* Appends one value as the sidecar writes it, on one line (compact JSON):
 * the recovery journal records edits in the sidecar's own terms. */
void         _glossator_sidecar_write_value       (GString           *out,
                                                   GlossatorDocument *document,
                                                   GlossatorValueKind kind,
                                                   gconstpointer      value);

G_END_DECLS

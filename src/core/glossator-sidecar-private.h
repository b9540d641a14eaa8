/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-sidecar.h"

G_BEGIN_DECLS

/* Shared by the sidecar reader (glossator-sidecar-read.c), writer
 * (glossator-sidecar-write.c) and loader (glossator-sidecar.c). */

/* What Glossator last knew a sidecar's bytes to be, as read or written:
 * its size and SHA-256. Times are not kept: a copy, a sync tool or touch
 * -r can keep the size and time of a changed file, or change the time of
 * an unchanged one. */
typedef struct {
  gboolean  known;    /* a file was read or written */
  goffset   size;
  char     *sha256;   /* lowercase hex */
} SidecarIdentity;

/* What the sidecar module keeps with a document between load and save. */
typedef struct {
  char            *created;
  char            *modified;
  JsonObject      *top_extra;
  JsonObject      *article_extra;
  JsonObject      *document_extra;
  /* The file as last read or written, to detect changes made behind our
   * back. */
  SidecarIdentity  identity;
} SidecarData;

typedef enum {
  SIDECAR_DISK_SAME,     /* the bytes known (or no file, and none known) */
  SIDECAR_DISK_CHANGED,  /* other bytes, or a file where none was known */
  SIDECAR_DISK_MISSING,  /* the file known is gone */
} SidecarDiskState;

SidecarData *_glossator_sidecar_ensure_data       (GlossatorDocument     *document);
/* Remembers @data (the file's bytes) as the file's identity. */
void         _glossator_sidecar_identity_set      (SidecarIdentity       *identity,
                                                   gconstpointer          data,
                                                   gsize                  length);
void         _glossator_sidecar_identity_copy     (SidecarIdentity       *dest,
                                                   const SidecarIdentity *src);
void         _glossator_sidecar_identity_clear    (SidecarIdentity       *identity);
/* How @file on disk compares with @identity: by size, then, when the size
 * is the same, by the SHA-256 of its contents (read in full). Errors name
 * the file. */
gboolean     _glossator_sidecar_identity_compare  (const SidecarIdentity *identity,
                                                   GFile                 *file,
                                                   SidecarDiskState      *state,
                                                   GCancellable          *cancellable,
                                                   GError               **error);
char        *_glossator_sidecar_display_name      (GFile                 *file);
/* A copy sharing nothing with @node (json_node_copy() shares objects and
 * arrays): for JSON kept past its parser, or changed while the original
 * is not. */
JsonNode    *_glossator_json_deep_copy            (JsonNode              *node);

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

/* @root written in the sidecar's layout (2-space indent, a final newline),
 * members in their order: for tools building a sidecar as JSON (the merge). */
GBytes      *_glossator_sidecar_serialize_json    (JsonNode          *root);
/* glossator_sidecar_parse() for exports that read only mentions or copy
 * the sidecar: the same checks and errors, and when the article has not
 * changed, a document of the mentions (fragments without quotes) and
 * attributes only; @n_entities and @n_stances count what the sidecar
 * holds. */
GlossatorDocument *_glossator_sidecar_parse_mentions (GlossatorText  *text,
                                                      const char     *display_name,
                                                      const char     *data,
                                                      gsize           n_bytes,
                                                      guint          *n_entities,
                                                      guint          *n_stances,
                                                      GPtrArray      *problems,
                                                      GError        **error);

G_END_DECLS

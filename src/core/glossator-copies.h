/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-article.h"
#include "glossator-document.h"

G_BEGIN_DECLS

/* Annotators' copies of one corpus (README: Teams on git), paired by the
 * path of each article in its copy: what `glossator-cli agree` compares
 * and adjudication walks. A copy is a folder (a copy of the corpus) or a
 * single sidecar (one article, paired whatever its name). */
typedef struct _GlossatorCopies GlossatorCopies;

/* One annotator's copy of one article, read. */
typedef struct {
  GlossatorArticle  *article;
  GlossatorDocument *document;
  char              *recorded_sha256;  /* the SHA-256 the sidecar records */
} GlossatorLoadedCopy;

void             glossator_loaded_copy_clear    (GlossatorLoadedCopy  *loaded);

GlossatorCopies *glossator_copies_new           (void);
void             glossator_copies_free          (GlossatorCopies      *self);
/* A copy of the corpus: its articles by their path in @folder. Problems of
 * the walk go to @problems (GlossatorCorpusProblem*, may be NULL). */
void             glossator_copies_add_folder    (GlossatorCopies      *self,
                                                 GFile                *folder,
                                                 GPtrArray            *problems,
                                                 GCancellable         *cancellable);
/* A single sidecar, of the article beside it. */
void             glossator_copies_add_sidecar   (GlossatorCopies      *self,
                                                 GFile                *sidecar,
                                                 GFile                *article);
/* Names the copies: a folder by its base name, a sidecar by its folder's;
 * when two names are the same, every copy by @given (as the user named
 * them, in the order added). */
void             glossator_copies_name          (GlossatorCopies      *self,
                                                 const char * const   *given);
guint            glossator_copies_get_n_copies  (GlossatorCopies      *self);
const char      *glossator_copies_get_name      (GlossatorCopies      *self,
                                                 guint                 index);
/* Every article path in any copy, sorted ("" for single sidecars). */
GPtrArray       *glossator_copies_list_paths    (GlossatorCopies      *self);
/* The article and its sidecar in copy @index, or FALSE when the copy has
 * no such article. */
gboolean         glossator_copies_lookup        (GlossatorCopies      *self,
                                                 guint                 index,
                                                 const char           *path,
                                                 GFile               **article,
                                                 GFile               **sidecar);
/* Why @path cannot be compared before reading anything: missing from
 * some copies, not annotated (no sidecar) in some; NULL when it can. */
char            *glossator_copies_why_left_out  (GlossatorCopies      *self,
                                                 const char           *path);
/* Reads copy @index of @path. On error, *@failed (nullable) is the file
 * that could not be read and @error says why. */
gboolean         glossator_copies_load          (GlossatorCopies      *self,
                                                 guint                 index,
                                                 const char           *path,
                                                 GlossatorLoadedCopy  *loaded,
                                                 GFile               **failed,
                                                 GCancellable         *cancellable,
                                                 GError              **error);
/* Why the copies read (@loaded, one per copy) cannot be compared — the
 * article changed since it was annotated, or they annotate different
 * texts; NULL when they can. */
char            *glossator_copies_why_not_comparable (GlossatorCopies           *self,
                                                 const GlossatorLoadedCopy *loaded);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorCopies, glossator_copies_free)

G_END_DECLS

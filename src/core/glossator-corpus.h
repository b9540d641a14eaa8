/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A corpus is the articles found under the files and folders a user names:
 * folders are walked recursively (hidden folders and files skipped,
 * symbolic links to folders not followed, links to files outside the
 * folder named not read), sidecars stand for their article. What cannot
 * be used is reported, not fatal. */

typedef enum {
  GLOSSATOR_CORPUS_PROBLEM_MISSING,         /* a path given does not exist */
  GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE,     /* a file given is neither an article nor a sidecar */
  GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR,  /* X.annotations.json without the article X */
  GLOSSATOR_CORPUS_PROBLEM_UNREADABLE,      /* a folder that cannot be listed */
  GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE,    /* a link in a folder to a file outside it: not read */
} GlossatorCorpusProblemKind;

typedef struct {
  GlossatorCorpusProblemKind  kind;
  GFile                      *file;     /* the path concerned (the sidecar for orphans) */
  char                       *message;  /* what is wrong, without the path */
} GlossatorCorpusProblem;

void       glossator_corpus_problem_free  (GlossatorCorpusProblem  *problem);

/* The articles under @roots (GFile*), each once, sorted by path with a
 * folder's contents right after it ("a/z.txt" before "a-b.txt"). Problems
 * go to @problems (GlossatorCorpusProblem*, may be NULL), in the order of
 * @roots and then of the walk. Fails only when cancelled. */
GPtrArray *glossator_corpus_collect       (GFile * const           *roots,
                                           guint                    n_roots,
                                           GPtrArray               *problems,
                                           GCancellable            *cancellable,
                                           GError                 **error);

/* For X.annotations.json, the article file X beside it; else NULL. */
GFile     *glossator_corpus_article_for_sidecar (GFile             *sidecar_file);

/* Orders files by path, a folder's contents right after the folder. */
int        glossator_corpus_compare_files (GFile                   *a,
                                           GFile                   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorCorpusProblem, glossator_corpus_problem_free)

G_END_DECLS

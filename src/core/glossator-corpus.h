/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-problem.h"

G_BEGIN_DECLS

/* A corpus is the articles found under the files and folders a user names:
 * folders are walked recursively (hidden folders and files skipped,
 * symbolic links to folders not followed, links to files outside the
 * folder named not read), sidecars stand for their article. What cannot
 * be used is reported, not fatal. */

/* The problems of a walk are GlossatorProblem (glossator-problem.h) with
 * a kind (GLOSSATOR_CORPUS_PROBLEM_…), the file concerned (the sidecar for
 * orphans), its name as the path and the message without it. The names
 * below are kept for code that still uses them (the window). */
typedef GlossatorProblemKind GlossatorCorpusProblemKind;
typedef GlossatorProblem     GlossatorCorpusProblem;
#define glossator_corpus_problem_free glossator_problem_free

/* The articles under @roots (GFile*), each once, sorted by path with a
 * folder's contents right after it ("a/z.txt" before "a-b.txt"). Problems
 * go to @problems (GlossatorProblem*, may be NULL), in the order of
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

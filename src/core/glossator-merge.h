/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A three-way merge of sidecars at the level of annotations, for teams
 * sharing a corpus in git (glossator-cli merge, the git merge driver).
 *
 * Entities, mentions and stances are matched by id; one added on both
 * sides is matched by its content (a mention by its fragments and label,
 * an entity by its name and label, a stance by its holder, target,
 * polarity and evidence), else both are kept, the one from @theirs
 * renumbered if its id is taken, with every reference to it following. A
 * change on one side is taken, the same change on both sides once; a
 * deletion on one side of what the other changed, or different changes on
 * both sides, is a conflict. The document's own members merge one by one;
 * `created` takes the earlier time and `modified` the later, and the
 * article's members, the side saved later. Conflicts are recorded in the
 * result's "conflicts" member (doc/sidecar-format.md), the annotation
 * itself kept as @ours has it, or as the side that did not delete it. */

/* The merge driver's name in git's config and .gitattributes. */
#define GLOSSATOR_MERGE_DRIVER "glossator"

#define GLOSSATOR_MERGE_ERROR (glossator_merge_error_quark ())

typedef enum {
  GLOSSATOR_MERGE_ERROR_INVALID,         /* an input is not a valid sidecar */
  GLOSSATOR_MERGE_ERROR_DIFFERENT_TEXT,  /* the sides annotate different texts */
} GlossatorMergeError;

GQuark   glossator_merge_error_quark (void);

/* Merges the sidecars given as bytes; @base may be NULL or empty (nothing
 * in common, as git gives for a file added on both sides). Returns the
 * merged sidecar, with *@n_conflicts (nullable) set to the number of
 * conflicts recorded, or NULL with @error naming the input by its @*_name
 * and saying what is wrong, the JSON path first. */
GBytes  *glossator_merge_sidecars    (const char    *base_name,
                                      GBytes        *base,
                                      const char    *ours_name,
                                      GBytes        *ours,
                                      const char    *theirs_name,
                                      GBytes        *theirs,
                                      guint         *n_conflicts,
                                      GError       **error);

/* The same on files, writing the result over @ours (git's convention)
 * atomically; @base may be missing or empty. On error nothing is written
 * and @ours is as it was. Errors name the files, or, with @path_name (the
 * sidecar's path in the repository, git's %P; nullable), "PATH (ours)" and
 * so on: git's own files are temporary. */
gboolean glossator_merge_files       (GFile         *base,
                                      GFile         *ours,
                                      GFile         *theirs,
                                      const char    *path_name,
                                      guint         *n_conflicts,
                                      GCancellable  *cancellable,
                                      GError       **error);

/* Whether the git work tree holding @folder merges sidecars this way: its
 * top-level .gitattributes gives some files the merge=glossator attribute,
 * as glossator-cli setup-git writes. Reads that one file; FALSE outside a
 * work tree. */
gboolean glossator_merge_is_set_up   (GFile         *folder,
                                      GCancellable  *cancellable);

G_END_DECLS

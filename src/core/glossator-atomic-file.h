/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Replacing a file so that, whatever happens (an error, a full disk, a
 * kill), it holds either its old or its new contents, never a mix.
 *
 * The new contents go to a temporary file beside the file, flushed to
 * disk, which is then renamed over it. A symbolic link is followed if the
 * caller says so (the file it names is replaced and the link kept), else
 * replaced like a file. Every temporary file made
 * beside a file NAME is called ".NAME.glossator-tmp-XXXXXX" (six letters or
 * digits), so that a later save can recognise what an interrupted one left
 * and remove it — only those, and only once they are old enough not to
 * belong to a save under way elsewhere. Project-internal. */

typedef struct _GlossatorAtomicFile GlossatorAtomicFile;

/* Leftovers younger than this may belong to a save still under way. */
#define GLOSSATOR_ATOMIC_FILE_LEFTOVER_AGE (10 * G_TIME_SPAN_MINUTE)

/* Starts replacing @file with @contents: with @follow_links, follows
 * @file's links to the file they name (which need not exist yet); writes
 * @contents to a temporary file beside the file to replace, flushed to
 * disk, with that file's permissions. Nothing is replaced until
 * _glossator_atomic_file_commit(). Fails when the file is a folder or
 * another kind of file that is not a regular one. Errors name @file and
 * say that it is unchanged. */
GlossatorAtomicFile *_glossator_atomic_file_new              (GFile                *file,
                                                              GBytes               *contents,
                                                              gboolean              follow_links,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
/* The file that will be replaced: @file, with its links followed if asked. */
GFile               *_glossator_atomic_file_get_target       (GlossatorAtomicFile  *self);
/* Keeps the target's current version, to become @backup when the commit
 * succeeds (a hard link, or a copy where links do not work). @backup is
 * left alone if anything fails before. Does nothing when the target does
 * not exist; fails when @backup is a folder. */
gboolean             _glossator_atomic_file_keep_backup      (GlossatorAtomicFile  *self,
                                                              GFile                *backup,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
/* Renames the temporary file over the target, then the kept version over
 * the backup, and flushes the folder. On failure the target and the backup
 * are as they were. */
gboolean             _glossator_atomic_file_commit           (GlossatorAtomicFile  *self,
                                                              GCancellable         *cancellable,
                                                              GError              **error);
/* Removes the temporary files not committed. */
void                 _glossator_atomic_file_free             (GlossatorAtomicFile  *self);

/* Removes the temporary files named after @target (already resolved) that
 * are regular files not touched for GLOSSATOR_ATOMIC_FILE_LEFTOVER_AGE;
 * returns how many. Errors are ignored: this is housekeeping. */
guint                _glossator_atomic_file_remove_leftovers (GFile                *target,
                                                              GCancellable         *cancellable);
/* A fresh name ".TARGET_NAME.glossator-tmp-XXXXXX" for a temporary file
 * beside @target_name; every writer of temporary files uses it (imports
 * and the recovery journal too), so one pattern finds what a crash left. */
char                *_glossator_atomic_file_temp_name        (const char           *target_name);
/* Whether @name is the name of a temporary file made beside @target_name. */
gboolean             _glossator_atomic_file_is_temp_name     (const char           *name,
                                                              const char           *target_name);

/* The whole of it without a backup: new, commit, remove leftovers. */
gboolean             _glossator_atomic_file_replace          (GFile                *file,
                                                              GBytes               *contents,
                                                              gboolean              follow_links,
                                                              GCancellable         *cancellable,
                                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorAtomicFile, _glossator_atomic_file_free)

/* For tests only: make the next time @step is reached fail as the system
 * would with @errno_value (0 cancels), or change the leftover age (-1
 * restores GLOSSATOR_ATOMIC_FILE_LEFTOVER_AGE). Process-wide, not thread
 * safe; nothing else calls these. */
typedef enum {
  GLOSSATOR_ATOMIC_STEP_NONE,
  GLOSSATOR_ATOMIC_STEP_CREATE_TEMP,  /* creating the temporary file */
  GLOSSATOR_ATOMIC_STEP_WRITE,        /* writing it, after half the bytes */
  GLOSSATOR_ATOMIC_STEP_LINK,         /* hard-linking the old version (it is copied instead) */
  GLOSSATOR_ATOMIC_STEP_BACKUP,       /* keeping the old version at all */
  GLOSSATOR_ATOMIC_STEP_RENAME,       /* renaming it over the target */
} GlossatorAtomicStep;

void                 _glossator_atomic_file_fail_for_testing          (GlossatorAtomicStep  step,
                                                                       int                  errno_value);
void                 _glossator_atomic_file_set_leftover_age_for_testing (GTimeSpan         age);

G_END_DECLS

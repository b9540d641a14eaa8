/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Where exports and imports may read and write: the checks that keep them
 * from following links out of a folder, writing through links, or
 * replacing what they read. Local files only. */

/* The absolute path of @file with "..", "." and every symbolic link of
 * its folders resolved; the last component is kept as it is (not
 * followed), so the result is where the entry itself lives. The part that
 * does not exist yet is appended as given. NULL for non-local files. */
char       *_glossator_entry_path           (GFile             *file);
/* The same with the last component followed too, when it is a link: the
 * file that opening @file reads. */
char       *_glossator_real_path            (GFile             *file);
/* Whether the path @path is @folder or inside it (both as returned above:
 * absolute, without "." or ".."). */
gboolean    _glossator_path_is_within       (const char        *path,
                                             const char        *folder);
/* Whether @file is a symbolic link whose target is not inside @folder (a
 * real path); sets @target to the target's real path when so. */
gboolean    _glossator_link_leads_out       (GFile             *file,
                                             const char        *folder,
                                             char             **target);

/* FALSE, with @error (G_IO_ERROR_NOT_REGULAR_FILE, naming nothing), when
 * @file, links followed, is a pipe, a socket or a device: opening one to
 * read waits for a writer for ever, or never ends. TRUE otherwise, also
 * when it does not exist (the read that follows says so). For the files
 * found in a folder; a file the user names may be a pipe. */
gboolean    _glossator_check_readable_file  (GFile             *file,
                                             GCancellable      *cancellable,
                                             GError           **error);

/* The root of the git work tree @folder lies in (a .git folder, or the
 * .git file of a worktree or submodule, in @folder or a parent), or NULL. */
GFile      *_glossator_find_work_tree_root  (GFile             *folder);

/* What a file name is to Glossator (case is ignored). */
typedef enum {
  GLOSSATOR_NAME_OTHER,
  GLOSSATOR_NAME_ARTICLE,   /* .txt .md .markdown .json .html .htm */
  GLOSSATOR_NAME_SIDECAR,   /* NAME.annotations.json */
  GLOSSATOR_NAME_BACKUP,    /* NAME~ */
  GLOSSATOR_NAME_SCHEMA,    /* glossator-schema.json */
  GLOSSATOR_NAME_HIDDEN,    /* .NAME */
} GlossatorNameKind;

GlossatorNameKind _glossator_name_kind      (const char        *basename);

/* Whether @relative, a '/'-separated path, may name an imported article:
 * components non-empty, none "..", none starting with "." (hidden), and a
 * last component Glossator opens as an article (.txt .md .markdown .json
 * .html .htm; not a sidecar, a label schema nor a "~" backup). When not,
 * @why says why (translated, naming the component). */
gboolean    _glossator_check_article_path   (const char        *relative,
                                             char             **why);

/* Opens the folder @relative ('/'-separated, may be "" for @dir_fd
 * itself) under @dir_fd one component at a time, never through a symbolic
 * link; @create makes the missing ones. Returns a file descriptor, or -1
 * with @error: G_IO_ERROR_NOT_FOUND when one is missing (and not
 * @create), G_IO_ERROR_TOO_MANY_LINKS when one is a link, naming the
 * component. */
int         _glossator_open_folder_at       (int                dir_fd,
                                             const char        *relative,
                                             gboolean           create,
                                             GError           **error);
/* Reads @name in @dir_fd without following a link, up to @max_bytes.
 * TRUE with @contents NULL when there is no such file; errors name
 * nothing (G_IO_ERROR_TOO_MANY_LINKS for a link). */
gboolean    _glossator_read_at              (int                dir_fd,
                                             const char        *name,
                                             gsize              max_bytes,
                                             GBytes           **contents,
                                             GError           **error);
/* Writes @data to a new hidden file beside @name in @dir_fd and returns
 * its name; _glossator_commit_at() puts it in place (replacing @name, a
 * link itself rather than its target), _glossator_discard_at() removes
 * it. Errors name nothing. */
char       *_glossator_stage_at             (int                dir_fd,
                                             const char        *name,
                                             const char        *data,
                                             gsize              n_bytes,
                                             GError           **error);
gboolean    _glossator_commit_at            (int                dir_fd,
                                             const char        *staged,
                                             const char        *name,
                                             GError           **error);
void        _glossator_discard_at           (int                dir_fd,
                                             const char        *staged);

/* Files written all or nothing (a folder export): each is staged beside
 * its place, and put in place by _glossator_staging_commit(). Freeing it
 * uncommitted removes the staged files and the folders it made, so a
 * failed or cancelled export leaves the previous files as they were. */
typedef struct _GlossatorStaging GlossatorStaging;

GlossatorStaging *_glossator_staging_new    (void);
/* Errors name the file. */
gboolean    _glossator_staging_write        (GlossatorStaging  *staging,
                                             GFile             *file,
                                             const char        *data,
                                             gsize              n_bytes,
                                             GCancellable      *cancellable,
                                             GError           **error);
gboolean    _glossator_staging_commit       (GlossatorStaging  *staging,
                                             GError           **error);
void        _glossator_staging_free         (GlossatorStaging  *staging);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorStaging, _glossator_staging_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-document.h"
#include "glossator-problem.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_SIDECAR_FORMAT  "glossator-sidecar"
#define GLOSSATOR_SIDECAR_VERSION 1
/* 1.1 added the authorship of mentions and stances; written only by a
 * sidecar that has some, so 1.0 files stay as they were. Readers accept
 * any minor version of their major one. */
#define GLOSSATOR_SIDECAR_MINOR_VERSION 1
#define GLOSSATOR_SIDECAR_SUFFIX  ".annotations.json"

#define GLOSSATOR_SIDECAR_ERROR (glossator_sidecar_error_quark ())

typedef enum {
  GLOSSATOR_SIDECAR_ERROR_UNREADABLE,      /* not JSON, or not UTF-8 */
  GLOSSATOR_SIDECAR_ERROR_INVALID,         /* JSON, but not a valid sidecar */
  GLOSSATOR_SIDECAR_ERROR_NEWER_VERSION,   /* written by a newer Glossator */
  GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK, /* refusing to overwrite */
} GlossatorSidecarError;

GQuark             glossator_sidecar_error_quark      (void);

/* a.txt → a.txt.annotations.json, beside it. */
GFile             *glossator_sidecar_file_for         (GFile              *article_file);
/* The previous version kept on save: a.txt.annotations.json~ */
GFile             *glossator_sidecar_backup_file_for  (GFile              *sidecar_file);

/* Reads @data as the sidecar of @text. Every problem found goes to
 * @problems (GlossatorProblem*, may be NULL): errors make it return NULL
 * with @error naming @display_name, the first JSON path and what is wrong;
 * warnings (spans re-anchored after the text changed, orphaned spans, labels
 * or polarities @schema does not define) leave a usable document. Orphans
 * are kept and marked, never dropped. @schema may be NULL. */
GlossatorDocument *glossator_sidecar_parse            (GlossatorText      *text,
                                                       const char         *display_name,
                                                       const char         *data,
                                                       gsize               n_bytes,
                                                       GlossatorSchema    *schema,
                                                       GPtrArray          *problems,
                                                       GError            **error);
/* Loads @sidecar_file for @text; a missing file gives an empty document.
 * Remembers the SHA-256 of the bytes read so a later save can refuse to
 * overwrite a file changed on disk meanwhile. */
GlossatorDocument *glossator_sidecar_load             (GlossatorText      *text,
                                                       GFile              *sidecar_file,
                                                       GlossatorSchema    *schema,
                                                       GPtrArray          *problems,
                                                       GCancellable       *cancellable,
                                                       GError            **error);

/* The SHA-256 (hex) of the sidecar's bytes as @document last read or wrote
 * them; NULL when it has done neither (no sidecar yet). */
const char        *glossator_sidecar_get_checksum     (GlossatorDocument  *document);

/* The sidecar as written: deterministic, 2-space indented. @article_name is
 * the article's base name. Unknown members read at load are kept. */
GBytes            *glossator_sidecar_serialize        (GlossatorDocument  *document,
                                                       const char         *article_name);
/* Saves @document to @sidecar_file, so that whatever happens — an error,
 * a full disk, a kill — the file holds either its previous or its new
 * contents, never a mix:
 *
 * - the new contents are written to a temporary file beside the sidecar
 *   (".NAME.glossator-tmp-XXXXXX"), flushed to disk and renamed over it;
 *   temporary files of that pattern that an interrupted save left more than
 *   ten minutes ago are removed afterwards;
 * - the previous version becomes the backup (glossator_sidecar_backup_file_for())
 *   only when the new one is in place: a failed save leaves the sidecar and
 *   the backup exactly as they were;
 * - a symbolic link is followed: the file it names is replaced, with its
 *   backup beside it, and the link is kept;
 * - a folder or a special file where the sidecar should be, or a folder
 *   where its backup goes, is an error (G_IO_ERROR_IS_DIRECTORY,
 *   G_IO_ERROR_NOT_REGULAR_FILE), even with @force.
 *
 * Writes nothing when the document is unmodified (*written FALSE).
 * Refuses (GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK) when the file's
 * contents differ from what was last loaded or saved — or a file appeared
 * where there was none — unless @force. Every error names the file. Marks
 * the document saved. */
gboolean           glossator_sidecar_save             (GlossatorDocument  *document,
                                                       GFile              *sidecar_file,
                                                       const char         *article_name,
                                                       gboolean            force,
                                                       gboolean           *written,
                                                       GCancellable       *cancellable,
                                                       GError            **error);
/* The same, serialising on the caller's thread (the model is not thread
 * safe) and writing on a worker thread. */
void               glossator_sidecar_save_async       (GlossatorDocument  *document,
                                                       GFile              *sidecar_file,
                                                       const char         *article_name,
                                                       gboolean            force,
                                                       GCancellable       *cancellable,
                                                       GAsyncReadyCallback callback,
                                                       gpointer            user_data);
gboolean           glossator_sidecar_save_finish      (GlossatorDocument  *document,
                                                       GAsyncResult       *result,
                                                       gboolean           *written,
                                                       GError            **error);

/* The SHA-256 (lowercase hex) of the sidecar's bytes as @document last
 * loaded or saved them; NULL when it was neither loaded from nor saved to
 * a file. */
const char        *glossator_sidecar_get_checksum     (GlossatorDocument  *document);
/* Sets *@changed to whether @sidecar_file differs from what @document last
 * loaded or saved — its contents, not its time: a file touched, or
 * rewritten with the same bytes, is unchanged; one edited keeping its size
 * and time is changed, as is one that appeared or vanished. Reads the file
 * when its size is the same. This is what a save checks before it
 * overwrites; a window's file monitor can use it to tell its own saves from
 * changes made elsewhere (while a save is under way the file may already
 * hold its bytes: ask again once it has finished). Returns FALSE with
 * @error, naming the file, when the file cannot be read. */
gboolean           glossator_sidecar_changed_on_disk  (GlossatorDocument  *document,
                                                       GFile              *sidecar_file,
                                                       gboolean           *changed,
                                                       GCancellable       *cancellable,
                                                       GError            **error);

G_END_DECLS

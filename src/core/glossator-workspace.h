/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-corpus-item.h"
#include "glossator-document.h"
#include "glossator-session.h"

G_BEGIN_DECLS

#define GLOSSATOR_WORKSPACE_ERROR (glossator_workspace_error_quark ())

typedef enum {
  GLOSSATOR_WORKSPACE_ERROR_STAYED,     /* the save failed and the user chose to stay */
  GLOSSATOR_WORKSPACE_ERROR_UNDECIDED,  /* a failed save waits for glossator_workspace_resolve_save() */
} GlossatorWorkspaceError;

/* What a failed save (GlossatorWorkspace::save-failed) is answered with. */
typedef enum {
  GLOSSATOR_SAVE_DECISION_KEEP_EDITING,  /* stay; what waited for the save is dropped */
  GLOSSATOR_SAVE_DECISION_RETRY,
  GLOSSATOR_SAVE_DECISION_OVERWRITE,     /* save over a sidecar changed on disk */
  GLOSSATOR_SAVE_DECISION_DISCARD,       /* drop the unsaved edits */
} GlossatorSaveDecision;

/* What an outside change of the sidecar while edits are unsaved
 * (GlossatorWorkspace::sidecar-conflict) is answered with. */
typedef enum {
  GLOSSATOR_CONFLICT_DECISION_LATER,     /* nothing is saved over theirs meanwhile */
  GLOSSATOR_CONFLICT_DECISION_MINE,      /* save over theirs (kept as a ~ backup) */
  GLOSSATOR_CONFLICT_DECISION_THEIRS,    /* drop the unsaved edits, read theirs */
  GLOSSATOR_CONFLICT_DECISION_BOTH,      /* keep mine beside theirs, read theirs */
} GlossatorConflictDecision;

/* Why the open article was read again (GlossatorWorkspace::reloaded). */
typedef enum {
  GLOSSATOR_RELOAD_NONE,
  GLOSSATOR_RELOAD_SIDECAR_CHANGED,   /* by another program */
  GLOSSATOR_RELOAD_ARTICLE_CHANGED,   /* by another program: re-anchored */
} GlossatorReload;

#define GLOSSATOR_TYPE_WORKSPACE (glossator_workspace_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorWorkspace, glossator_workspace, GLOSSATOR, WORKSPACE, GObject)

/* What a window works on, without the window: the opened corpus (its roots
 * and items, summarized on a worker thread), the open article's session,
 * its recovery journal and the outside changes of its files, autosave, and
 * the requests that wait for the open article to be saved (switch, open,
 * reload, close). Only one request waits at a time: the latest wins, except
 * that closing outranks everything. A failed save stops there and asks
 * through GlossatorWorkspace::save-failed; nothing moves on until
 * glossator_workspace_resolve_save() answers. Everything runs on the main
 * context the workspace was made on; worker threads only read files. */

GQuark               glossator_workspace_error_quark          (void);

GlossatorWorkspace  *glossator_workspace_new                  (void);

/* GlossatorCorpusItem, in corpus order. */
GListModel          *glossator_workspace_get_items            (GlossatorWorkspace  *self);
/* The files opened (GFile*), or NULL before any corpus. */
GPtrArray           *glossator_workspace_get_roots            (GlossatorWorkspace  *self);
/* The folder opened when one folder was, else NULL. */
GFile               *glossator_workspace_get_corpus_folder    (GlossatorWorkspace  *self);
/* Whether a corpus is open or waiting to be opened. */
gboolean             glossator_workspace_has_corpus           (GlossatorWorkspace  *self);
GlossatorCorpusItem *glossator_workspace_get_current_item     (GlossatorWorkspace  *self);
/* The open article's session and document; NULL while it opens or when it
 * could not be opened. */
GlossatorSession    *glossator_workspace_get_session          (GlossatorWorkspace  *self);
GlossatorDocument   *glossator_workspace_get_document         (GlossatorWorkspace  *self);
/* Whether an article is being opened. */
gboolean             glossator_workspace_is_opening           (GlossatorWorkspace  *self);
/* The folder the user opened that holds @file (the label schema is read
 * and topics are written no higher). */
GFile               *glossator_workspace_dup_opened_folder    (GlossatorWorkspace  *self,
                                                               GFile               *file);

gboolean             glossator_workspace_get_saving           (GlossatorWorkspace  *self);
/* Why the last save failed (or the sidecar changed on disk and the user
 * decided later), or NULL. */
const GError        *glossator_workspace_get_save_error       (GlossatorWorkspace  *self);
/* Whether closing now would lose something: unsaved edits, a save under
 * way or a failed save waiting for an answer. */
gboolean             glossator_workspace_has_unsaved_work     (GlossatorWorkspace  *self);

/* Opens the articles under @files (folders and articles) as the corpus,
 * after saving the open article, then opens the first article. Finishes
 * once the articles are listed; @problems (nullable) receives the folders
 * and files that could not be read (GlossatorCorpusProblem*). Fails with
 * G_IO_ERROR_CANCELLED when a newer request replaced this one, with
 * GLOSSATOR_WORKSPACE_ERROR_STAYED when the save failed and the user
 * stayed. */
void                 glossator_workspace_open_async           (GlossatorWorkspace  *self,
                                                               GFile              **files,
                                                               guint                n_files,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_open_finish          (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GPtrArray          **problems,
                                                               GError             **error);
/* Saves the open article, then opens @item. Finishes once @item is open
 * (or failed to open: see GlossatorWorkspace::open-failed); errors as for
 * glossator_workspace_open_async(). Asking for the open article drops a
 * switch waiting for the save, and opens it again if it failed to open. */
void                 glossator_workspace_switch_async         (GlossatorWorkspace  *self,
                                                               GlossatorCorpusItem *item,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_switch_finish        (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Saves the open article, then reads it again from disk. */
void                 glossator_workspace_reload_async         (GlossatorWorkspace  *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_reload_finish        (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Saves the open article (waiting for a save under way) and finishes with
 * nothing else waiting, so the caller can go on: show a dialog that reads
 * the files, say. Replaced like the other requests. */
void                 glossator_workspace_settle_async         (GlossatorWorkspace  *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_settle_finish        (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Waits for a save under way, saves what is left and finishes TRUE when
 * the workspace can be dropped without losing anything. Outranks every
 * other request; fails only with GLOSSATOR_WORKSPACE_ERROR_STAYED. */
void                 glossator_workspace_close_async          (GlossatorWorkspace  *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_close_finish         (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Saves the open article now (an explicit save: it tries again after a
 * failure that stopped autosave), without dropping a request that waits.
 * Finishes with the save's result, TRUE at once when nothing needed
 * saving, GLOSSATOR_WORKSPACE_ERROR_UNDECIDED while a failed save waits
 * for an answer, GLOSSATOR_SESSION_ERROR_READ_ONLY for a read-only
 * article. A failure is also told through GlossatorWorkspace::save-failed. */
void                 glossator_workspace_save_async           (GlossatorWorkspace  *self,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
gboolean             glossator_workspace_save_finish          (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);
/* Answers GlossatorWorkspace::save-failed. */
void                 glossator_workspace_resolve_save         (GlossatorWorkspace   *self,
                                                               GlossatorSaveDecision decision);
/* Answers GlossatorWorkspace::sidecar-conflict. With BOTH, returns the
 * name of the copy of the user's version (in the sidecar's folder), or
 * NULL with @error and nothing dropped when it could not be written. */
char                *glossator_workspace_resolve_conflict     (GlossatorWorkspace       *self,
                                                               GlossatorConflictDecision decision,
                                                               GError                  **error);
/* Answers GlossatorWorkspace::journal-found: restore the edits on top of
 * the changed sidecar, or delete the journal. FALSE with @error when the
 * journal could not be deleted. */
gboolean             glossator_workspace_resolve_journal      (GlossatorWorkspace  *self,
                                                               gboolean             restore,
                                                               GError             **error);

/* Copies the files of the sample corpus in @samples to $XDG_DATA_HOME/
 * glossator/sample-corpus and returns the copy. The copy appears whole or
 * not at all: a failure leaves no sample-corpus behind, and the next call
 * tries again. A copy made before is returned untouched, even when newer
 * samples are installed, as it holds the user's annotations; only an empty
 * sample-corpus folder (what failed copies of older versions left) is
 * filled anew. */
void                 glossator_workspace_copy_samples_async   (GlossatorWorkspace  *self,
                                                               GFile               *samples,
                                                               GCancellable        *cancellable,
                                                               GAsyncReadyCallback  callback,
                                                               gpointer             user_data);
GFile               *glossator_workspace_copy_samples_finish  (GlossatorWorkspace  *self,
                                                               GAsyncResult        *result,
                                                               GError             **error);

G_END_DECLS

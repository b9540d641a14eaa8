/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-journal.h"
#include "glossator-workspace.h"

G_BEGIN_DECLS

/* What to do once the open article is saved. */
typedef enum {
  THEN_NOTHING,
  THEN_SWITCH,        /* open pending_item */
  THEN_OPEN_CORPUS,   /* open pending_roots */
  THEN_RELOAD,        /* reopen the article from disk */
  THEN_SETTLE,        /* nothing: the caller goes on */
  THEN_CLOSE,         /* nothing, and nothing else may come first */
} Then;

struct _GlossatorWorkspace
{
  GObject                   parent_instance;

  /* Settings */
  gboolean                  autosave;
  guint                     autosave_delay;     /* ms */
  char                     *annotator;
  GFile                    *journal_folder;

  /* The corpus */
  GPtrArray                *roots;              /* GFile*, as opened */
  GFile                    *corpus_folder;      /* when one folder was opened */
  GListStore               *items;              /* GlossatorCorpusItem */
  GCancellable             *corpus_cancellable;
  gboolean                  summaries_pending;  /* once the first article is open */

  /* The open article */
  GlossatorCorpusItem      *current_item;
  GlossatorSession         *session;
  GlossatorDocument        *document;           /* the session's, with our handlers */
  GCancellable             *open_cancellable;
  GTask                    *open_task;          /* finishes once it is open */

  /* The request waiting for the open article to be saved */
  Then                      then;
  GTask                    *then_task;
  GlossatorCorpusItem      *pending_item;
  GPtrArray                *pending_roots;

  /* Saving */
  gboolean                  saving;
  GPtrArray                *save_tasks;         /* GTask*: explicit saves waiting for the one under way */
  guint                     autosave_id;
  gboolean                  autosave_blocked;
  GError                   *save_error;         /* why the last save failed */
  gboolean                  undecided;          /* a failed save or a conflict waits for an answer */

  /* Recovery */
  GlossatorJournal         *journal;
  GlossatorJournalRecovery *pending_recovery;   /* while the user decides */
  GFileMonitor             *article_monitor;
  GFileMonitor             *sidecar_monitor;
  guint                     outside_check_id;
  GCancellable             *outside_cancellable;
  gboolean                  outside_recheck;    /* a change came during a save */
  gboolean                  article_changed;    /* since the last look */
  gboolean                  sidecar_changed;
  GlossatorReload           reload_reason;
  GlossatorDocument        *reanchor_from;      /* the document before the article changed */
};

enum {
  PROP_0,
  PROP_AUTOSAVE,
  PROP_AUTOSAVE_DELAY,
  PROP_ANNOTATOR,
  PROP_JOURNAL_FOLDER,
  PROP_ITEMS,
  PROP_ROOTS,
  PROP_CURRENT_ITEM,
  PROP_SESSION,
  PROP_SAVING,
  PROP_SAVE_ERROR,
  N_PROPS
};

enum {
  ARTICLE_OPENING,
  ARTICLE_TEXT,
  OPEN_FAILED,
  SAVE_FAILED,
  SIDECAR_CONFLICT,
  SIDECAR_DELETED,
  RELOADED,
  JOURNAL_FOUND,
  JOURNAL_RESTORED,
  JOURNAL_UNREADABLE,
  JOURNAL_NOT_RESTORED,
  N_SIGNALS
};

extern GParamSpec *_glossator_workspace_properties[N_PROPS];
extern guint _glossator_workspace_signals[N_SIGNALS];

/* Tasks */

static inline void
return_error_take (GTask  **task,
                   GError  *error)
{
  g_autoptr(GTask) owned = g_steal_pointer (task);

  if (owned != NULL)
    g_task_return_error (owned, error);
  else
    g_error_free (error);
}

static inline void
return_replaced (GTask **task)
{
  return_error_take (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                "A newer request replaced this one"));
}

static inline void
return_true (GTask **task)
{
  g_autoptr(GTask) owned = g_steal_pointer (task);

  if (owned != NULL)
    g_task_return_boolean (owned, TRUE);
}

static inline GTask *
new_task (GlossatorWorkspace  *self,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  return task;
}

/* Whether @result is the workspace's task started by @source_tag. */
static inline gboolean
is_workspace_task (GlossatorWorkspace *self,
                   GAsyncResult       *result,
                   gpointer            source_tag)
{
  return GLOSSATOR_IS_WORKSPACE (self) && g_task_is_valid (result, self) &&
         g_task_get_source_tag (G_TASK (result)) == source_tag;
}

static inline gboolean
finish_boolean (GlossatorWorkspace *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (is_workspace_task (self, result, source_tag), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static inline gpointer
finish_pointer (GlossatorWorkspace *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (is_workspace_task (self, result, source_tag), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* glossator-workspace.c */
void     _glossator_workspace_load_item          (GlossatorWorkspace  *self,
                                                  GlossatorCorpusItem *item,
                                                  GTask               *task);
void     _glossator_workspace_load_corpus        (GlossatorWorkspace  *self,
                                                  GPtrArray           *roots,
                                                  GTask               *task);

/* glossator-workspace-save.c */
void     _glossator_workspace_request            (GlossatorWorkspace  *self,
                                                  Then                 then,
                                                  GTask               *task);
void     _glossator_workspace_start_save         (GlossatorWorkspace  *self,
                                                  gboolean             force);
void     _glossator_workspace_schedule_autosave  (GlossatorWorkspace  *self);
void     _glossator_workspace_set_save_error     (GlossatorWorkspace  *self,
                                                  const GError        *error);
void     _glossator_workspace_cancel_after_save  (GlossatorWorkspace  *self);

/* glossator-workspace-recovery.c */
void     _glossator_workspace_attach_recovery    (GlossatorWorkspace  *self);
void     _glossator_workspace_detach_recovery    (GlossatorWorkspace  *self);
void     _glossator_workspace_note_saved         (GlossatorWorkspace  *self);

G_END_DECLS

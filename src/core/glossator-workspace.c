/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include "glossator-corpus.h"
#include "glossator-document-private.h"
#include "glossator-journal.h"
#include "glossator-sidecar.h"
#include "glossator-workspace.h"

/* Editors and sync tools write in bursts: look once they are done. */
#define OUTSIDE_CHECK_DELAY_MS 300
#define DEFAULT_AUTOSAVE_DELAY_MS 5000

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

G_DEFINE_FINAL_TYPE (GlossatorWorkspace, glossator_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (glossator-workspace-error-quark, glossator_workspace_error)

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

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void load_item              (GlossatorWorkspace  *self,
                                    GlossatorCorpusItem *item,
                                    GTask               *task);
static void load_corpus            (GlossatorWorkspace  *self,
                                    GPtrArray           *roots,
                                    GTask               *task);
static void start_save             (GlossatorWorkspace  *self,
                                    gboolean             force);
static void start_summaries        (GlossatorWorkspace  *self);
static void attach_recovery        (GlossatorWorkspace  *self);
static void detach_recovery        (GlossatorWorkspace  *self);
static void check_outside_changes  (GlossatorWorkspace  *self);

/* Tasks */

static void
return_error_take (GTask  **task,
                   GError  *error)
{
  g_autoptr(GTask) owned = g_steal_pointer (task);

  if (owned != NULL)
    g_task_return_error (owned, error);
  else
    g_error_free (error);
}

static void
return_replaced (GTask **task)
{
  return_error_take (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                "A newer request replaced this one"));
}

static void
return_true (GTask **task)
{
  g_autoptr(GTask) owned = g_steal_pointer (task);

  if (owned != NULL)
    g_task_return_boolean (owned, TRUE);
}

/* State */

static gboolean
session_writable (GlossatorWorkspace *self)
{
  return self->session != NULL && !glossator_session_get_read_only (self->session);
}

static gboolean
needs_save (GlossatorWorkspace *self)
{
  return session_writable (self) && glossator_document_get_modified (self->document);
}

static void
set_saving (GlossatorWorkspace *self,
            gboolean            saving)
{
  if (self->saving == saving)
    return;
  self->saving = saving;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVING]);
}

static void
set_save_error (GlossatorWorkspace *self,
                const GError       *error)
{
  if (self->save_error == NULL && error == NULL)
    return;
  g_clear_error (&self->save_error);
  if (error != NULL)
    self->save_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
}

static void
set_changed_on_disk (GlossatorWorkspace *self)
{
  g_autoptr(GError) error = g_error_new_literal (GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK,
                                                 "The annotations changed on disk");

  set_save_error (self, error);
}

static void
set_current_item (GlossatorWorkspace  *self,
                  GlossatorCorpusItem *item)
{
  if (g_set_object (&self->current_item, item))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CURRENT_ITEM]);
}

/* Following the open document */

static void
update_item_from_document (GlossatorWorkspace *self)
{
  if (self->current_item == NULL || self->document == NULL)
    return;

  glossator_corpus_item_set_status (self->current_item, glossator_document_get_status (self->document));
  glossator_corpus_item_set_n_mentions (self->current_item, glossator_document_get_n_mentions (self->document));
}

static void request (GlossatorWorkspace *self,
                     Then                then,
                     GTask              *task);

static gboolean
autosave_cb (gpointer user_data)
{
  GlossatorWorkspace *self = user_data;

  self->autosave_id = 0;
  request (self, THEN_NOTHING, NULL);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (GlossatorWorkspace *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!needs_save (self) || self->autosave_blocked || !self->autosave)
    return;

  /* Not g_timeout_add_seconds(): it may fire up to a second early. */
  self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
}

static void
document_changed_cb (GlossatorWorkspace *self)
{
  update_item_from_document (self);
  schedule_autosave (self);
}

/* Opening an article */

static void
detach_session (GlossatorWorkspace *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  detach_recovery (self);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_clear_object (&self->document);
  if (self->session != NULL)
    {
      g_clear_object (&self->session);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
    }
  set_save_error (self, NULL);
  self->autosave_blocked = FALSE;
}

static char *
dup_annotator_name (GlossatorWorkspace *self)
{
  g_autofree char *name = g_strstrip (g_strdup (self->annotator != NULL ? self->annotator : ""));
  const char *real_name;

  if (*name != '\0')
    return g_steal_pointer (&name);

  /* GLib says "Unknown" when the system has no name for the user. */
  real_name = g_get_real_name ();
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return NULL;
}

GFile *
glossator_workspace_dup_opened_folder (GlossatorWorkspace *self,
                                       GFile              *file)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->corpus_folder != NULL)
    return g_object_ref (self->corpus_folder);

  for (guint i = 0; self->roots != NULL && i < self->roots->len; i++)
    if (g_file_has_prefix (file, g_ptr_array_index (self->roots, i)))
      return g_object_ref (g_ptr_array_index (self->roots, i));

  return g_file_get_parent (file);
}

static void
install_session (GlossatorWorkspace *self,
                 GlossatorSession   *session)
{
  g_autofree char *annotator = dup_annotator_name (self);

  g_assert (self->session == NULL);

  self->session = g_object_ref (session);
  self->document = g_object_ref (glossator_session_get_document (session));

  /* Written with the first save of an edit, without an undo step. */
  glossator_session_adopt_annotator (session, annotator);

  g_signal_connect_swapped (self->document, "mention-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "entity-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "stance-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "info-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "notify::modified", G_CALLBACK (schedule_autosave), self);
  g_signal_connect_swapped (self->document, "notify::status", G_CALLBACK (update_item_from_document), self);

  if (self->current_item != NULL)
    {
      const GError *load_error = glossator_session_get_load_error (session);

      glossator_corpus_item_set_title (self->current_item,
                                       glossator_article_get_title (glossator_session_get_article (session)));
      glossator_corpus_item_set_problem (self->current_item,
                                         load_error != NULL && glossator_session_get_had_sidecar (session)
                                           ? load_error->message : NULL);
      glossator_corpus_item_set_known (self->current_item, TRUE);
      update_item_from_document (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
  attach_recovery (self);
}

static void
open_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossatorWorkspace) self = user_data;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  session = glossator_session_open_finish (result, &error);
  /* Whoever cancelled returned the task. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->open_cancellable);
  task = g_steal_pointer (&self->open_task);

  if (session == NULL)
    {
      if (self->current_item != NULL)
        {
          glossator_corpus_item_set_problem (self->current_item, error->message);
          glossator_corpus_item_set_known (self->current_item, TRUE);
        }
      g_signal_emit (self, signals[OPEN_FAILED], 0, error);
    }
  else
    install_session (self, session);

  return_true (&task);

  if (self->summaries_pending)
    start_summaries (self);
}

/* The text is read before its annotations: a window shows it meanwhile. */
static void
article_text_cb (GBytes   *text,
                 gpointer  user_data)
{
  GlossatorWorkspace *self = user_data;

  g_signal_emit (self, signals[ARTICLE_TEXT], 0, text);
}

static void
cancel_open (GlossatorWorkspace *self)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  return_replaced (&self->open_task);
}

/* Opens @item, dropping the open article (which is saved by then); @task
 * (nullable, taken) finishes once it is open. */
static void
load_item (GlossatorWorkspace  *self,
           GlossatorCorpusItem *item,
           GTask               *task)
{
  g_autoptr(GFile) opened_folder = NULL;

  cancel_open (self);
  detach_session (self);

  if (item != self->current_item)
    self->reload_reason = GLOSSATOR_RELOAD_NONE;
  set_current_item (self, item);

  if (item == NULL)
    {
      return_true (&task);
      return;
    }

  g_signal_emit (self, signals[ARTICLE_OPENING], 0, item);

  self->open_cancellable = g_cancellable_new ();
  self->open_task = task;
  opened_folder = glossator_workspace_dup_opened_folder (self, glossator_corpus_item_get_file (item));
  glossator_session_open_with_text_async (glossator_corpus_item_get_file (item), opened_folder,
                                          article_text_cb, g_object_ref (self), g_object_unref,
                                          self->open_cancellable, open_session_cb, g_object_ref (self));
}

/* Saving */

static void
run_after_save (GlossatorWorkspace *self)
{
  Then then = self->then;
  g_autoptr(GTask) task = g_steal_pointer (&self->then_task);

  self->then = THEN_NOTHING;

  switch (then)
    {
    case THEN_SWITCH:
      {
        g_autoptr(GlossatorCorpusItem) item = g_steal_pointer (&self->pending_item);

        if (item != NULL)
          load_item (self, item, g_steal_pointer (&task));
      }
      break;

    case THEN_OPEN_CORPUS:
      {
        g_autoptr(GPtrArray) roots = g_steal_pointer (&self->pending_roots);

        if (roots != NULL)
          load_corpus (self, roots, g_steal_pointer (&task));
      }
      break;

    case THEN_RELOAD:
      load_item (self, self->current_item, g_steal_pointer (&task));
      break;

    case THEN_SETTLE:
    case THEN_CLOSE:
    case THEN_NOTHING:
    default:
      break;
    }

  return_true (&task);
}

/* The user chose to stay: drop what was waiting for the save. */
static void
cancel_after_save (GlossatorWorkspace *self)
{
  self->then = THEN_NOTHING;
  g_clear_object (&self->pending_item);
  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  return_error_take (&self->then_task, g_error_new_literal (GLOSSATOR_WORKSPACE_ERROR,
                                                            GLOSSATOR_WORKSPACE_ERROR_STAYED,
                                                            "The open article is not saved"));
}

static void
save_or_continue (GlossatorWorkspace *self)
{
  if (needs_save (self))
    start_save (self, FALSE);
  else
    run_after_save (self);
}

/* @task (nullable, taken) finishes once @then is done. */
static void
request (GlossatorWorkspace *self,
         Then                then,
         GTask              *task)
{
  /* Closing outranks everything; otherwise the latest request wins, and a
   * plain save does not replace a request already waiting. */
  if (then != THEN_NOTHING)
    {
      if (self->then == THEN_CLOSE && then != THEN_CLOSE)
        {
          return_replaced (&task);
          return;
        }
      return_replaced (&self->then_task);
      self->then = then;
      self->then_task = task;
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  /* The answer awaited, or the save under way, decides what happens next. */
  if (self->undecided || self->saving)
    return;

  save_or_continue (self);
}

static void
finish_save_tasks (GlossatorWorkspace *self,
                   const GError       *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->save_tasks);

  self->save_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      if (error != NULL)
        g_task_return_error (g_ptr_array_index (tasks, i), g_error_copy (error));
      else
        g_task_return_boolean (g_ptr_array_index (tasks, i), TRUE);
    }
}

static void
journal_saved (GlossatorWorkspace *self)
{
  if (self->journal != NULL)
    glossator_journal_sidecar_saved (self->journal, glossator_sidecar_get_checksum (self->document));

  if (self->outside_recheck)
    {
      self->outside_recheck = FALSE;
      check_outside_changes (self);
    }
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GlossatorWorkspace) self = user_data;
  GlossatorSession *session = GLOSSATOR_SESSION (object);
  g_autoptr(GError) error = NULL;
  GApplication *application = g_application_get_default ();
  gboolean ok;

  ok = glossator_session_save_finish (session, result, NULL, &error);
  if (application != NULL)
    g_application_release (application);
  set_saving (self, FALSE);
  finish_save_tasks (self, error);

  /* The article was dropped meanwhile (only without unsaved edits). */
  if (session != self->session)
    return;

  if (!ok)
    {
      set_save_error (self, error);
      self->autosave_blocked = TRUE;
      self->undecided = TRUE;
      g_signal_emit (self, signals[SAVE_FAILED], 0, error);
      return;
    }

  set_save_error (self, NULL);
  self->autosave_blocked = FALSE;
  journal_saved (self);

  if (self->then != THEN_NOTHING)
    save_or_continue (self);
  else
    schedule_autosave (self);
}

static void
start_save (GlossatorWorkspace *self,
            gboolean            force)
{
  GApplication *application = g_application_get_default ();

  g_assert (!self->saving);
  g_assert (self->session != NULL);

  set_saving (self, TRUE);

  /* Keep the application running until the file is written. */
  if (application != NULL)
    g_application_hold (application);
  glossator_session_save_async (self->session, force, NULL, save_cb, g_object_ref (self));
}

void
glossator_workspace_resolve_save (GlossatorWorkspace   *self,
                                  GlossatorSaveDecision decision)
{
  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  if (!self->undecided)
    return;
  self->undecided = FALSE;

  if (self->session == NULL && decision != GLOSSATOR_SAVE_DECISION_DISCARD)
    decision = GLOSSATOR_SAVE_DECISION_KEEP_EDITING;

  switch (decision)
    {
    case GLOSSATOR_SAVE_DECISION_RETRY:
      start_save (self, FALSE);
      break;

    case GLOSSATOR_SAVE_DECISION_OVERWRITE:
      start_save (self, TRUE);
      break;

    case GLOSSATOR_SAVE_DECISION_DISCARD:
      /* Leaving the article drops its edits; staying reads it again. */
      set_save_error (self, NULL);
      if (self->journal != NULL)
        glossator_journal_discard (self->journal);
      if (self->then == THEN_NOTHING)
        self->then = THEN_RELOAD;
      run_after_save (self);
      break;

    case GLOSSATOR_SAVE_DECISION_KEEP_EDITING:
    default:
      /* Autosave stays stopped until the user saves again. */
      cancel_after_save (self);
      break;
    }
}

/* Requests */

static GTask *
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

void
glossator_workspace_switch_async (GlossatorWorkspace  *self,
                                  GlossatorCorpusItem *item,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (item));

  task = new_task (self, glossator_workspace_switch_async, cancellable, callback, user_data);

  if (item == self->current_item)
    {
      /* Back to the open article before the switch happened. */
      if (self->then == THEN_SWITCH)
        {
          self->then = THEN_NOTHING;
          return_replaced (&self->then_task);
        }
      g_clear_object (&self->pending_item);
      /* It failed to open: try again. */
      if (self->session == NULL && self->open_cancellable == NULL)
        load_item (self, item, task);
      else
        return_true (&task);
      return;
    }

  g_set_object (&self->pending_item, item);
  request (self, THEN_SWITCH, task);
}

static gboolean
finish_boolean (GlossatorWorkspace *self,
                GAsyncResult       *result,
                gpointer            source_tag,
                GError            **error)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
glossator_workspace_switch_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_switch_async, error);
}

void
glossator_workspace_reload_async (GlossatorWorkspace  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  task = new_task (self, glossator_workspace_reload_async, cancellable, callback, user_data);
  if (self->current_item == NULL)
    {
      return_true (&task);
      return;
    }
  request (self, THEN_RELOAD, task);
}

gboolean
glossator_workspace_reload_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_reload_async, error);
}

void
glossator_workspace_settle_async (GlossatorWorkspace  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  request (self, THEN_SETTLE, new_task (self, glossator_workspace_settle_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_settle_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_settle_async, error);
}

void
glossator_workspace_close_async (GlossatorWorkspace  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  request (self, THEN_CLOSE, new_task (self, glossator_workspace_close_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_close_finish (GlossatorWorkspace  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_close_async, error);
}

void
glossator_workspace_save_async (GlossatorWorkspace  *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  task = new_task (self, glossator_workspace_save_async, cancellable, callback, user_data);

  if (self->session != NULL && glossator_session_get_read_only (self->session))
    {
      g_task_return_new_error (task, GLOSSATOR_SESSION_ERROR, GLOSSATOR_SESSION_ERROR_READ_ONLY,
                               "%s", glossator_session_get_read_only_reason (self->session));
      return;
    }

  /* An explicit save tries again after a failure that stopped autosave. */
  self->autosave_blocked = FALSE;
  if (self->undecided)
    {
      g_task_return_new_error (task, GLOSSATOR_WORKSPACE_ERROR, GLOSSATOR_WORKSPACE_ERROR_UNDECIDED,
                               "A failed save waits for an answer");
      return;
    }

  request (self, THEN_NOTHING, NULL);

  if (self->saving)
    g_ptr_array_add (self->save_tasks, g_steal_pointer (&task));
  else
    g_task_return_boolean (task, TRUE);
}

gboolean
glossator_workspace_save_finish (GlossatorWorkspace  *self,
                                 GAsyncResult        *result,
                                 GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_save_async, error);
}

gboolean
glossator_workspace_has_unsaved_work (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return needs_save (self) || self->saving || self->undecided;
}

/* The corpus */

typedef struct {
  GPtrArray *roots;       /* GFile* */
  GFile     *folder;      /* the one folder opened, or NULL */
  GFile     *base;        /* locations are relative to it */
  GPtrArray *files;       /* GFile* */
  GPtrArray *problems;    /* GlossatorCorpusProblem* */
} CollectData;

static void
collect_data_free (CollectData *data)
{
  g_clear_pointer (&data->roots, g_ptr_array_unref);
  g_clear_object (&data->folder);
  g_clear_object (&data->base);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CollectData *data = task_data;
  GError *error = NULL;
  GFile *first = g_ptr_array_index (data->roots, 0);

  if (data->roots->len == 1 &&
      g_file_query_file_type (first, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      data->folder = g_object_ref (first);
      data->base = g_object_ref (first);
    }
  else
    data->base = g_file_get_parent (first);

  data->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  data->files = glossator_corpus_collect ((GFile * const *) data->roots->pdata, data->roots->len,
                                          data->problems, cancellable, &error);
  if (data->files == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What the sidebar shows of one article, read on a worker thread. */
typedef struct {
  GlossatorWorkspace  *self;
  GlossatorCorpusItem *item;
  char                *title;
  char                *problem;
  GlossatorStatus      status;
  guint                n_mentions;
} Summary;

static void
summary_free (Summary *summary)
{
  g_clear_object (&summary->self);
  g_clear_object (&summary->item);
  g_free (summary->title);
  g_free (summary->problem);
  g_free (summary);
}

static gboolean
apply_summary_cb (gpointer user_data)
{
  Summary *summary = user_data;
  GlossatorWorkspace *self = summary->self;

  /* The open article's live state wins over what was on disk. */
  if (summary->item == self->current_item && self->session != NULL)
    return G_SOURCE_REMOVE;

  if (summary->title != NULL)
    glossator_corpus_item_set_title (summary->item, summary->title);
  glossator_corpus_item_set_problem (summary->item, summary->problem);
  glossator_corpus_item_set_status (summary->item, summary->status);
  glossator_corpus_item_set_n_mentions (summary->item, summary->n_mentions);
  glossator_corpus_item_set_known (summary->item, TRUE);

  return G_SOURCE_REMOVE;
}

static void
summarize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GlossatorWorkspace *self = source_object;
  GPtrArray *items = task_data;

  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GlossatorCorpusItem *item = g_ptr_array_index (items, i);
      GFile *file = glossator_corpus_item_get_file (item);
      g_autoptr(GlossatorArticle) article = NULL;
      g_autoptr(GlossatorDocument) document = NULL;
      g_autoptr(GFile) sidecar = NULL;
      g_autoptr(GError) error = NULL;
      Summary *summary = g_new0 (Summary, 1);
      GSource *source;

      summary->self = g_object_ref (self);
      summary->item = g_object_ref (item);

      article = glossator_article_load (file, cancellable, &error);
      if (article != NULL)
        {
          summary->title = g_strdup (glossator_article_get_title (article));
          sidecar = glossator_sidecar_file_for (file);
          document = glossator_sidecar_load (glossator_article_get_text (article), sidecar, NULL, NULL,
                                             cancellable, &error);
        }
      if (document != NULL)
        {
          summary->status = glossator_document_get_status (document);
          summary->n_mentions = glossator_document_get_n_mentions (document);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        summary->problem = g_strdup (error->message);

      /* Always through an idle source: g_main_context_invoke() would run
       * the callback here, on this thread, whenever no thread holds the
       * main context at that moment (as between two iterations of a loop
       * that is not g_main_loop_run()), and touch the items from here. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, apply_summary_cb, summary, (GDestroyNotify) summary_free);
      g_source_set_static_name (source, "[glossator] corpus summary");
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_summaries (GlossatorWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  self->summaries_pending = FALSE;

  /* The open article's item follows its session instead. */
  for (guint i = 0; i < n; i++)
    {
      GlossatorCorpusItem *item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item != self->current_item)
        g_ptr_array_add (items, item);
      else
        g_object_unref (item);
    }

  task = g_task_new (self, self->corpus_cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_summaries);
  g_task_set_task_data (task, items, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, summarize_thread);
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);
  g_autoptr(GTask) task = user_data;
  CollectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GlossatorCorpusItem) first = NULL;

  /* Only a cancelled walk fails: a newer corpus replaced this one. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      return_error_take (&task, g_steal_pointer (&error));
      return;
    }

  g_set_object (&self->corpus_folder, data->folder);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *location = data->base != NULL ? g_file_get_relative_path (data->base, file) : NULL;

      if (location == NULL)
        location = g_file_get_basename (file);
      g_ptr_array_add (items, glossator_corpus_item_new (file, location));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (task != NULL)
    g_task_return_pointer (task, g_ptr_array_ref (data->problems), (GDestroyNotify) g_ptr_array_unref);

  if (items->len == 0)
    return;

  /* The other articles are read once the first one shows: reading them
   * at the same time would make it appear later. */
  self->summaries_pending = TRUE;
  first = g_object_ref (g_ptr_array_index (items, 0));
  load_item (self, first, NULL);
}

/* @task (nullable, taken) finishes once the articles are listed. */
static void
load_corpus (GlossatorWorkspace *self,
             GPtrArray          *roots,
             GTask              *task)
{
  g_autoptr(GTask) collect = NULL;
  CollectData *data;

  g_assert (roots != NULL && roots->len > 0);

  cancel_open (self);
  g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  self->summaries_pending = FALSE;
  detach_session (self);
  set_current_item (self, NULL);
  g_clear_object (&self->corpus_folder);
  g_list_store_remove_all (self->items);

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  self->roots = g_ptr_array_ref (roots);
  self->corpus_cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROOTS]);

  data = g_new0 (CollectData, 1);
  data->roots = g_ptr_array_ref (roots);
  collect = g_task_new (self, self->corpus_cancellable, collect_cb, task);
  g_task_set_source_tag (collect, load_corpus);
  g_task_set_task_data (collect, data, (GDestroyNotify) collect_data_free);
  g_task_run_in_thread (collect, collect_thread);
}

void
glossator_workspace_open_async (GlossatorWorkspace  *self,
                                GFile              **files,
                                guint                n_files,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GPtrArray) roots = NULL;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));
  g_return_if_fail (files != NULL && n_files > 0);

  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (roots, g_object_ref (files[i]));

  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  self->pending_roots = g_steal_pointer (&roots);
  g_clear_object (&self->pending_item);
  request (self, THEN_OPEN_CORPUS, new_task (self, glossator_workspace_open_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_open_finish (GlossatorWorkspace  *self,
                                 GAsyncResult        *result,
                                 GPtrArray          **problems,
                                 GError             **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_workspace_open_async, FALSE);

  found = g_task_propagate_pointer (G_TASK (result), error);
  if (found == NULL)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}

/* The sample corpus is copied before use: the installed one is read-only
 * and the one in a source tree should stay as shipped. */

static void
copy_samples_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *source = task_data;
  g_autofree char *target_path = g_build_filename (g_get_user_data_dir (), "glossator", "sample-corpus", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GError *error = NULL;

  if (g_file_query_exists (target, cancellable))
    {
      g_task_return_pointer (task, g_steal_pointer (&target), g_object_unref);
      return;
    }

  if (!g_file_make_directory_with_parents (target, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  enumerator = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) copy = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      copy = g_file_get_child (target, g_file_info_get_name (info));
      if (!g_file_copy (child, copy, G_FILE_COPY_NONE, cancellable, NULL, NULL, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&target), g_object_unref);
}

void
glossator_workspace_copy_samples_async (GlossatorWorkspace  *self,
                                        GFile               *samples,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));
  g_return_if_fail (G_IS_FILE (samples));

  task = new_task (self, glossator_workspace_copy_samples_async, cancellable, callback, user_data);
  g_task_set_task_data (task, g_object_ref (samples), g_object_unref);
  g_task_run_in_thread (task, copy_samples_thread);
}

GFile *
glossator_workspace_copy_samples_finish (GlossatorWorkspace  *self,
                                         GAsyncResult        *result,
                                         GError             **error)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Recovery: the journal of the open article (edits survive a crash or a
 * kill whatever the autosave delay), and changes that other programs make
 * to its files meanwhile (compared by content, so a same-size edit or a
 * restored modification time is still seen). */

static GFile *
dup_journal_folder (GlossatorWorkspace *self)
{
  if (self->journal_folder != NULL)
    return g_object_ref (self->journal_folder);
  return glossator_journal_default_folder ();
}

static void
restore_journal (GlossatorWorkspace       *self,
                 GlossatorJournalRecovery *recovery)
{
  g_autoptr(GError) error = NULL;
  int n;

  n = glossator_journal_recovery_apply (recovery, self->document, glossator_session_get_schema (self->session),
                                        NULL, &error);
  if (n < 0)
    {
      g_autoptr(GError) aside_error = NULL;

      /* Kept for whoever can make sense of it; the next edit starts anew. */
      glossator_journal_recovery_keep_aside (recovery, error->message, &aside_error);
      g_signal_emit (self, signals[JOURNAL_NOT_RESTORED], 0, aside_error->message);
      return;
    }

  if (n == 0)
    {
      glossator_journal_recovery_delete (recovery, NULL);
      return;
    }

  g_signal_emit (self, signals[JOURNAL_RESTORED], 0, glossator_journal_recovery_get_time (recovery));
}

gboolean
glossator_workspace_resolve_journal (GlossatorWorkspace  *self,
                                     gboolean             restore,
                                     GError             **error)
{
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  recovery = g_steal_pointer (&self->pending_recovery);
  if (recovery == NULL || self->session == NULL)
    return TRUE;

  if (!restore)
    return glossator_journal_recovery_delete (recovery, error);

  restore_journal (self, recovery);
  return TRUE;
}

static void
start_journal (GlossatorWorkspace *self)
{
  g_autoptr(GFile) folder = dup_journal_folder (self);
  GFile *article = glossator_session_get_file (self->session);
  const char *checksum = glossator_sidecar_get_checksum (self->document);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;

  recovery = glossator_journal_read (folder, article, &error);
  if (error != NULL)
    g_signal_emit (self, signals[JOURNAL_UNREADABLE], 0, error->message);

  /* Journaling starts before anything is restored, so the restoration is
   * journaled too (it replaces the old journal with its first write). */
  self->journal = glossator_journal_new (folder, article, self->document, checksum);

  if (recovery == NULL)
    return;
  if (glossator_journal_recovery_matches (recovery, checksum))
    {
      restore_journal (self, recovery);
      return;
    }

  /* The sidecar changed since: restoring on top of it is the user's call. */
  self->pending_recovery = g_steal_pointer (&recovery);
  g_signal_emit (self, signals[JOURNAL_FOUND], 0,
                 glossator_journal_recovery_get_n_records (self->pending_recovery),
                 glossator_journal_recovery_get_time (self->pending_recovery));
}

typedef struct {
  GFile    *article;            /* NULL: the article did not change */
  GFile    *sidecar;            /* NULL: the sidecar did not change */
  char     *text_checksum;      /* of the text as open */
  gboolean  sidecar_changed;
  gboolean  sidecar_deleted;
  gboolean  article_changed;
  char     *sidecar_checksum;   /* as last read or written, or NULL */
  gpointer  session;            /* compared, never dereferenced */
} OutsideCheck;

static void
outside_check_free (OutsideCheck *check)
{
  g_clear_object (&check->article);
  g_clear_object (&check->sidecar);
  g_free (check->text_checksum);
  g_free (check->sidecar_checksum);
  g_free (check);
}

static void
outside_check_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  OutsideCheck *check = task_data;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (check->sidecar == NULL)
    ;
  else if (g_file_load_contents (check->sidecar, cancellable, &contents, &length, NULL, &error))
    {
      g_autofree char *checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);

      check->sidecar_changed = g_strcmp0 (checksum, check->sidecar_checksum) != 0;
    }
  else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    check->sidecar_deleted = check->sidecar_checksum != NULL;
  g_clear_error (&error);

  /* An article that cannot be read now (being written, say) is looked at
   * again with its next change. */
  article = check->article != NULL ? glossator_article_load (check->article, cancellable, NULL) : NULL;
  if (article != NULL)
    check->article_changed = g_strcmp0 (glossator_text_get_sha256 (glossator_article_get_text (article)),
                                        check->text_checksum) != 0;

  g_task_return_boolean (task, TRUE);
}

/* Reads the open article again: after saving it when its text changed,
 * dropping unsaved edits when its sidecar did. */
static void
reload (GlossatorWorkspace *self,
        GlossatorReload     reason)
{
  if (self->current_item == NULL)
    return;

  self->reload_reason = reason;
  if (reason == GLOSSATOR_RELOAD_ARTICLE_CHANGED)
    request (self, THEN_RELOAD, NULL);
  else
    load_item (self, self->current_item, NULL);
}

char *
glossator_workspace_resolve_conflict (GlossatorWorkspace       *self,
                                      GlossatorConflictDecision decision,
                                      GError                  **error)
{
  g_autofree char *aside_name = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  self->undecided = FALSE;
  if (self->session == NULL)
    return NULL;

  switch (decision)
    {
    case GLOSSATOR_CONFLICT_DECISION_MINE:
      self->autosave_blocked = FALSE;
      if (!self->saving)
        start_save (self, TRUE);
      return NULL;

    case GLOSSATOR_CONFLICT_DECISION_BOTH:
      {
        g_autoptr(GBytes) bytes = NULL;
        g_autoptr(GDateTime) now = g_date_time_new_now_local ();
        g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
        g_autofree char *sidecar = g_file_get_path (glossator_session_get_sidecar_file (self->session));
        g_autofree char *aside = g_strconcat (sidecar, ".mine-", stamp, NULL);
        g_autofree char *article_name = g_file_get_basename (glossator_session_get_file (self->session));

        bytes = glossator_sidecar_serialize (self->document, article_name);
        if (!g_file_set_contents_full (aside, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                       G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666,
                                       error))
          {
            /* Nothing is dropped when the copy could not be made. */
            self->autosave_blocked = TRUE;
            return NULL;
          }
        aside_name = g_path_get_basename (aside);
      }
      G_GNUC_FALLTHROUGH;

    case GLOSSATOR_CONFLICT_DECISION_THEIRS:
      if (self->journal != NULL)
        glossator_journal_discard (self->journal);
      reload (self, GLOSSATOR_RELOAD_SIDECAR_CHANGED);
      return g_steal_pointer (&aside_name);

    case GLOSSATOR_CONFLICT_DECISION_LATER:
    default:
      /* Nothing is saved over the other version meanwhile. */
      set_changed_on_disk (self);
      self->autosave_blocked = TRUE;
      return NULL;
    }
}

static void
outside_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossatorWorkspace) self = user_data;
  OutsideCheck *check = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error) || self->session != check->session)
    return;
  g_clear_object (&self->outside_cancellable);

  /* A save began meanwhile: its end looks again. */
  if (self->saving)
    {
      self->article_changed |= check->article != NULL;
      self->sidecar_changed |= check->sidecar != NULL;
      self->outside_recheck = TRUE;
      return;
    }

  if (check->sidecar_changed)
    {
      if (glossator_session_get_read_only (self->session) || !glossator_document_get_modified (self->document))
        reload (self, GLOSSATOR_RELOAD_SIDECAR_CHANGED);
      else if (!self->undecided)
        {
          self->undecided = TRUE;
          g_signal_emit (self, signals[SIDECAR_CONFLICT], 0);
        }
      return;
    }

  if (check->article_changed)
    {
      /* Unsaved edits are saved against the text they were made on, then
       * everything is found again in the new text. */
      g_set_object (&self->reanchor_from, self->document);
      reload (self, GLOSSATOR_RELOAD_ARTICLE_CHANGED);
      return;
    }

  if (check->sidecar_deleted && !glossator_session_get_read_only (self->session) &&
      glossator_document_get_n_mentions (self->document) + glossator_document_get_n_stances (self->document) > 0)
    {
      _glossator_document_set_needs_save (self->document, TRUE);
      g_signal_emit (self, signals[SIDECAR_DELETED], 0);
    }
}

static void
check_outside_changes (GlossatorWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  OutsideCheck *check;

  if (self->session == NULL)
    return;
  if (self->saving)
    {
      self->outside_recheck = TRUE;
      return;
    }

  g_cancellable_cancel (self->outside_cancellable);
  g_clear_object (&self->outside_cancellable);
  self->outside_cancellable = g_cancellable_new ();

  check = g_new0 (OutsideCheck, 1);
  check->session = self->session;
  if (self->article_changed)
    check->article = g_object_ref (glossator_session_get_file (self->session));
  if (self->sidecar_changed)
    check->sidecar = g_object_ref (glossator_session_get_sidecar_file (self->session));
  self->article_changed = self->sidecar_changed = FALSE;
  check->text_checksum = g_strdup (glossator_text_get_sha256 (glossator_document_get_text (self->document)));
  check->sidecar_checksum = g_strdup (glossator_sidecar_get_checksum (self->document));

  task = g_task_new (NULL, self->outside_cancellable, outside_check_cb, g_object_ref (self));
  g_task_set_source_tag (task, check_outside_changes);
  g_task_set_task_data (task, check, (GDestroyNotify) outside_check_free);
  g_task_run_in_thread (task, outside_check_thread);
}

static gboolean
outside_check_timeout_cb (gpointer user_data)
{
  GlossatorWorkspace *self = user_data;

  self->outside_check_id = 0;
  check_outside_changes (self);

  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GlossatorWorkspace *self,
                 GFile              *file,
                 GFile              *other_file,
                 GFileMonitorEvent   event)
{
  if (event == G_FILE_MONITOR_EVENT_ATTRIBUTE_CHANGED || event == G_FILE_MONITOR_EVENT_PRE_UNMOUNT ||
      event == G_FILE_MONITOR_EVENT_UNMOUNTED)
    return;

  /* An editor saving by rename names the article as @other_file. */
  if (self->session != NULL &&
      (g_file_equal (file, glossator_session_get_file (self->session)) ||
       (other_file != NULL && g_file_equal (other_file, glossator_session_get_file (self->session)))))
    self->article_changed = TRUE;
  else
    self->sidecar_changed = TRUE;

  g_clear_handle_id (&self->outside_check_id, g_source_remove);
  self->outside_check_id = g_timeout_add (OUTSIDE_CHECK_DELAY_MS, outside_check_timeout_cb, self);
}

static GFileMonitor *
watch (GlossatorWorkspace *self,
       GFile              *file)
{
  g_autoptr(GError) error = NULL;
  GFileMonitor *monitor = g_file_monitor_file (file, G_FILE_MONITOR_WATCH_MOVES, NULL, &error);

  if (monitor == NULL)
    {
      g_debug ("not watching for outside changes: %s", error->message);
      return NULL;
    }
  g_signal_connect_swapped (monitor, "changed", G_CALLBACK (file_changed_cb), self);

  return monitor;
}

static void
attach_recovery (GlossatorWorkspace *self)
{
  GlossatorReload reason = self->reload_reason;
  g_autoptr(GlossatorDocument) before = g_steal_pointer (&self->reanchor_from);

  g_assert (self->session != NULL);

  self->reload_reason = GLOSSATOR_RELOAD_NONE;
  self->article_monitor = watch (self, glossator_session_get_file (self->session));
  self->sidecar_monitor = watch (self, glossator_session_get_sidecar_file (self->session));

  if (reason == GLOSSATOR_RELOAD_SIDECAR_CHANGED)
    g_signal_emit (self, signals[RELOADED], 0, (guint) reason, 0u, 0u);
  else if (reason == GLOSSATOR_RELOAD_ARTICLE_CHANGED && before != NULL)
    {
      guint moved, orphaned;

      glossator_session_count_reanchored (before, self->document, &moved, &orphaned);
      g_signal_emit (self, signals[RELOADED], 0, (guint) reason, moved, orphaned);
    }

  if (!glossator_session_get_read_only (self->session))
    start_journal (self);
}

static void
stop_watching (GlossatorWorkspace  *self,
               GFileMonitor       **monitor)
{
  if (*monitor == NULL)
    return;
  g_signal_handlers_disconnect_by_data (*monitor, self);
  g_file_monitor_cancel (*monitor);
  g_clear_object (monitor);
}

static void
detach_recovery (GlossatorWorkspace *self)
{
  g_clear_handle_id (&self->outside_check_id, g_source_remove);
  g_cancellable_cancel (self->outside_cancellable);
  g_clear_object (&self->outside_cancellable);
  self->outside_recheck = FALSE;
  self->article_changed = self->sidecar_changed = FALSE;
  stop_watching (self, &self->article_monitor);
  stop_watching (self, &self->sidecar_monitor);
  /* Disposing flushes: edits not saved stay journaled for the next open. */
  g_clear_object (&self->journal);
  g_clear_pointer (&self->pending_recovery, glossator_journal_recovery_free);
}

/* Accessors */

GlossatorWorkspace *
glossator_workspace_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_WORKSPACE, NULL);
}

GListModel *
glossator_workspace_get_items (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->items);
}

GPtrArray *
glossator_workspace_get_roots (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->roots;
}

GFile *
glossator_workspace_get_corpus_folder (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->corpus_folder;
}

gboolean
glossator_workspace_has_corpus (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->roots != NULL || self->pending_roots != NULL;
}

GlossatorCorpusItem *
glossator_workspace_get_current_item (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->current_item;
}

GlossatorSession *
glossator_workspace_get_session (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->session;
}

GlossatorDocument *
glossator_workspace_get_document (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->document;
}

gboolean
glossator_workspace_is_opening (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->open_cancellable != NULL;
}

gboolean
glossator_workspace_get_saving (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->saving;
}

const GError *
glossator_workspace_get_save_error (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->save_error;
}

/* GObject */

static void
glossator_workspace_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE:
      g_value_set_boolean (value, self->autosave);
      break;
    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_JOURNAL_FOLDER:
      g_value_set_object (value, self->journal_folder);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_ROOTS:
      g_value_set_boxed (value, self->roots);
      break;
    case PROP_CURRENT_ITEM:
      g_value_set_object (value, self->current_item);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    case PROP_SAVE_ERROR:
      g_value_set_boxed (value, self->save_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_workspace_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE:
      if (self->autosave != g_value_get_boolean (value))
        {
          self->autosave = g_value_get_boolean (value);
          schedule_autosave (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_AUTOSAVE_DELAY:
      if (self->autosave_delay != g_value_get_uint (value))
        {
          /* Counts from the next edit. */
          self->autosave_delay = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ANNOTATOR:
      if (g_strcmp0 (self->annotator, g_value_get_string (value)) != 0)
        {
          g_free (self->annotator);
          self->annotator = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_JOURNAL_FOLDER:
      if (g_set_object (&self->journal_folder, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_workspace_dispose (GObject *object)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  cancel_open (self);
  g_cancellable_cancel (self->corpus_cancellable);
  detach_recovery (self);
  g_clear_object (&self->reanchor_from);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  cancel_after_save (self);

  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_object (&self->current_item);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_object (&self->corpus_folder);
  g_clear_object (&self->corpus_cancellable);
  g_clear_object (&self->journal_folder);

  G_OBJECT_CLASS (glossator_workspace_parent_class)->dispose (object);
}

static void
glossator_workspace_finalize (GObject *object)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  g_clear_object (&self->items);
  g_clear_pointer (&self->save_tasks, g_ptr_array_unref);
  g_clear_error (&self->save_error);
  g_free (self->annotator);

  G_OBJECT_CLASS (glossator_workspace_parent_class)->finalize (object);
}

static void
glossator_workspace_class_init (GlossatorWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_workspace_dispose;
  object_class->finalize = glossator_workspace_finalize;
  object_class->get_property = glossator_workspace_get_property;
  object_class->set_property = glossator_workspace_set_property;

  properties[PROP_AUTOSAVE] =
    g_param_spec_boolean ("autosave", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds from the last edit to the autosave. */
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL, 0, G_MAXUINT, DEFAULT_AUTOSAVE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Recorded in a document without one; empty: the user's real name. */
  properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Where recovery journals are kept; NULL: glossator_journal_default_folder(). */
  properties[PROP_JOURNAL_FOLDER] =
    g_param_spec_object ("journal-folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified when a corpus starts opening. */
  properties[PROP_ROOTS] =
    g_param_spec_boxed ("roots", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CURRENT_ITEM] =
    g_param_spec_object ("current-item", NULL, NULL, GLOSSATOR_TYPE_CORPUS_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Notified when an article was opened (its journal and outside changes
   * are looked at right after) and when it is dropped. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSSATOR_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SAVE_ERROR] =
    g_param_spec_boxed ("save-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* An article starts opening (also when it is read again). */
  signals[ARTICLE_OPENING] =
    g_signal_new ("article-opening", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSSATOR_TYPE_CORPUS_ITEM);
  /* The opening article's text (GBytes, UTF-8), before its annotations. */
  signals[ARTICLE_TEXT] =
    g_signal_new ("article-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
  signals[OPEN_FAILED] =
    g_signal_new ("open-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Answer with glossator_workspace_resolve_save(). */
  signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Another program changed the sidecar while edits are unsaved; answer
   * with glossator_workspace_resolve_conflict(). */
  signals[SIDECAR_CONFLICT] =
    g_signal_new ("sidecar-conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Another program deleted the sidecar; the annotations are saved again. */
  signals[SIDECAR_DELETED] =
    g_signal_new ("sidecar-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* The article was read again (GlossatorReload); for a changed text, how
   * many spans moved and how many were orphaned. */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* A journal kept against another sidecar: its number of edits and their
   * time. Answer with glossator_workspace_resolve_journal(). */
  signals[JOURNAL_FOUND] =
    g_signal_new ("journal-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DATE_TIME);
  /* Unsaved edits from the time given were restored as one undo step. */
  signals[JOURNAL_RESTORED] =
    g_signal_new ("journal-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
  /* The journal could not be read; the message says where it was kept. */
  signals[JOURNAL_UNREADABLE] =
    g_signal_new ("journal-unreadable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Its edits could not be applied; the message says where it was kept. */
  signals[JOURNAL_NOT_RESTORED] =
    g_signal_new ("journal-not-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
glossator_workspace_init (GlossatorWorkspace *self)
{
  self->autosave = TRUE;
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MS;
  self->items = g_list_store_new (GLOSSATOR_TYPE_CORPUS_ITEM);
  self->save_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include "glossator-sidecar.h"
#include "glossator-workspace-private.h"

/* Saving: autosave, the requests that wait for the open article to be
 * saved, and what a failed save is answered with. */

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
  g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_SAVING]);
}

void
_glossator_workspace_set_save_error (GlossatorWorkspace *self,
                                     const GError       *error)
{
  if (self->save_error == NULL && error == NULL)
    return;
  g_clear_error (&self->save_error);
  if (error != NULL)
    self->save_error = g_error_copy (error);
  g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_SAVE_ERROR]);
}

static gboolean
autosave_cb (gpointer user_data)
{
  GlossatorWorkspace *self = user_data;

  self->autosave_id = 0;
  _glossator_workspace_request (self, THEN_NOTHING, NULL);

  return G_SOURCE_REMOVE;
}

void
_glossator_workspace_schedule_autosave (GlossatorWorkspace *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!needs_save (self) || self->autosave_blocked || !self->autosave)
    return;

  /* Not g_timeout_add_seconds(): it may fire up to a second early. */
  self->autosave_id = g_timeout_add (self->autosave_delay, autosave_cb, self);
}

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
          _glossator_workspace_load_item (self, item, g_steal_pointer (&task));
      }
      break;

    case THEN_OPEN_CORPUS:
      {
        g_autoptr(GPtrArray) roots = g_steal_pointer (&self->pending_roots);

        if (roots != NULL)
          _glossator_workspace_load_corpus (self, roots, g_steal_pointer (&task));
      }
      break;

    case THEN_RELOAD:
      _glossator_workspace_load_item (self, self->current_item, g_steal_pointer (&task));
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
void
_glossator_workspace_cancel_after_save (GlossatorWorkspace *self)
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
    _glossator_workspace_start_save (self, FALSE);
  else
    run_after_save (self);
}

/* @task (nullable, taken) finishes once @then is done. */
void
_glossator_workspace_request (GlossatorWorkspace *self,
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
      _glossator_workspace_set_save_error (self, error);
      self->autosave_blocked = TRUE;
      self->undecided = TRUE;
      g_signal_emit (self, _glossator_workspace_signals[SAVE_FAILED], 0, error);
      return;
    }

  _glossator_workspace_set_save_error (self, NULL);
  self->autosave_blocked = FALSE;
  _glossator_workspace_note_saved (self);

  if (self->then != THEN_NOTHING)
    save_or_continue (self);
  else
    _glossator_workspace_schedule_autosave (self);
}

void
_glossator_workspace_start_save (GlossatorWorkspace *self,
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
      _glossator_workspace_start_save (self, FALSE);
      break;

    case GLOSSATOR_SAVE_DECISION_OVERWRITE:
      _glossator_workspace_start_save (self, TRUE);
      break;

    case GLOSSATOR_SAVE_DECISION_DISCARD:
      /* Leaving the article drops its edits; staying reads it again. */
      _glossator_workspace_set_save_error (self, NULL);
      if (self->journal != NULL)
        glossator_journal_discard (self->journal);
      if (self->then == THEN_NOTHING)
        self->then = THEN_RELOAD;
      run_after_save (self);
      break;

    case GLOSSATOR_SAVE_DECISION_KEEP_EDITING:
    default:
      /* Autosave stays stopped until the user saves again. */
      _glossator_workspace_cancel_after_save (self);
      break;
    }
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

  _glossator_workspace_request (self, THEN_NOTHING, NULL);

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

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include "glossator-document-private.h"
#include "glossator-journal.h"
#include "glossator-sidecar.h"
#include "glossator-workspace-private.h"

/* Editors and sync tools write in bursts: look once they are done. */
#define OUTSIDE_CHECK_DELAY_MS 300
#define DEFAULT_AUTOSAVE_DELAY_MS 5000

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
      g_signal_emit (self, _glossator_workspace_signals[JOURNAL_NOT_RESTORED], 0, aside_error->message);
      return;
    }

  if (n == 0)
    {
      glossator_journal_recovery_delete (recovery, NULL);
      return;
    }

  g_signal_emit (self, _glossator_workspace_signals[JOURNAL_RESTORED], 0,
                 glossator_journal_recovery_get_time (recovery));
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
    g_signal_emit (self, _glossator_workspace_signals[JOURNAL_UNREADABLE], 0, error->message);

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
  g_signal_emit (self, _glossator_workspace_signals[JOURNAL_FOUND], 0,
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

static void
set_changed_on_disk (GlossatorWorkspace *self)
{
  g_autoptr(GError) error = g_error_new_literal (GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK,
                                                 "The annotations changed on disk");

  _glossator_workspace_set_save_error (self, error);
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
    _glossator_workspace_request (self, THEN_RELOAD, NULL);
  else
    _glossator_workspace_load_item (self, self->current_item, NULL);
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
        _glossator_workspace_start_save (self, TRUE);
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
          g_signal_emit (self, _glossator_workspace_signals[SIDECAR_CONFLICT], 0);
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
      g_signal_emit (self, _glossator_workspace_signals[SIDECAR_DELETED], 0);
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

void
_glossator_workspace_attach_recovery (GlossatorWorkspace *self)
{
  GlossatorReload reason = self->reload_reason;
  g_autoptr(GlossatorDocument) before = g_steal_pointer (&self->reanchor_from);

  g_assert (self->session != NULL);

  self->reload_reason = GLOSSATOR_RELOAD_NONE;
  self->article_monitor = watch (self, glossator_session_get_file (self->session));
  self->sidecar_monitor = watch (self, glossator_session_get_sidecar_file (self->session));

  if (reason == GLOSSATOR_RELOAD_SIDECAR_CHANGED)
    g_signal_emit (self, _glossator_workspace_signals[RELOADED], 0, (guint) reason, 0u, 0u);
  else if (reason == GLOSSATOR_RELOAD_ARTICLE_CHANGED && before != NULL)
    {
      guint moved, orphaned;

      glossator_session_count_reanchored (before, self->document, &moved, &orphaned);
      g_signal_emit (self, _glossator_workspace_signals[RELOADED], 0, (guint) reason, moved, orphaned);
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

void
_glossator_workspace_detach_recovery (GlossatorWorkspace *self)
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

void
_glossator_workspace_note_saved (GlossatorWorkspace *self)
{
  if (self->journal != NULL)
    glossator_journal_sidecar_saved (self->journal, glossator_sidecar_get_checksum (self->document));

  if (self->outside_recheck)
    {
      self->outside_recheck = FALSE;
      check_outside_changes (self);
    }
}

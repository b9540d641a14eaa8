/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-window"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "glossator-document-private.h"
#include "glossator-journal.h"
#include "glossator-window-private.h"

/* Never losing work while an article is open: its recovery journal (edits
 * survive a crash or a kill whatever the autosave delay), and changes that
 * other programs make to its files meanwhile (compared by content, so a
 * same-size edit or a restored modification time is still seen). */

/* Editors and sync tools write in bursts: look once they are done. */
#define OUTSIDE_CHECK_DELAY_MS 300

static void check_outside_changes (GlossatorWindow *self);

/* Longer than most toasts: these tell of something that happened to the
 * user's files without their doing. */
static void
long_toast (GlossatorWindow *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_message (GlossatorWindow *self,
              const char      *heading,
              const char      *body)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));

  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The recovery journal */

static void
restore_journal (GlossatorWindow          *self,
                 GlossatorJournalRecovery *recovery)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_basename (glossator_session_get_file (self->session));
  int n;

  n = glossator_journal_recovery_apply (recovery, self->document, glossator_session_get_schema (self->session),
                                        NULL, &error);
  if (n < 0)
    {
      g_autoptr(GError) aside_error = NULL;

      /* Kept for whoever can make sense of it; the next edit starts anew. */
      glossator_journal_recovery_keep_aside (recovery, error->message, &aside_error);
      show_message (self, _("Unsaved Edits Not Restored"), aside_error->message);
      return;
    }

  if (n == 0)
    {
      glossator_journal_recovery_delete (recovery, NULL);
      return;
    }

  {
    g_autoptr(GDateTime) local = g_date_time_to_local (glossator_journal_recovery_get_time (recovery));
    g_autofree char *time = g_date_time_format (local, "%H:%M");
    g_autofree char *message = g_strdup_printf (_("Unsaved edits to “%s” from %s were restored"), name, time);
    AdwToast *toast = adw_toast_new (message);

    adw_toast_set_button_label (toast, _("_Undo"));
    adw_toast_set_action_name (toast, "win.undo");
    adw_toast_set_timeout (toast, 10);
    adw_toast_overlay_add_toast (self->toast_overlay, toast);
  }
}

static void
recovery_dialog_response_cb (GlossatorWindow *self,
                             const char      *response)
{
  g_autoptr(GlossatorJournalRecovery) recovery = g_steal_pointer (&self->pending_recovery);

  if (recovery == NULL || self->session == NULL)
    return;

  if (g_strcmp0 (response, "discard") == 0)
    {
      g_autoptr(GError) error = NULL;

      if (!glossator_journal_recovery_delete (recovery, &error))
        _glossator_window_toast (self, error->message);
    }
  else
    restore_journal (self, recovery);
}

static void
ask_to_restore (GlossatorWindow          *self,
                GlossatorJournalRecovery *recovery)
{
  g_autofree char *name = g_file_get_basename (glossator_session_get_file (self->session));
  g_autoptr(GDateTime) local = g_date_time_to_local (glossator_journal_recovery_get_time (recovery));
  g_autofree char *time = g_date_time_format (local, "%x %H:%M");
  guint n = glossator_journal_recovery_get_n_records (recovery);
  AdwMessageDialog *dialog;

  self->pending_recovery = recovery;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Edits?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (NULL,
                                               "Glossator found %u edit to “%s” from %s that was never saved, but "
                                               "the annotations on disk changed since (another program or window "
                                               "saved them). Restore the edit on top of them, or discard it.",
                                               "Glossator found %u edits to “%s” from %s that were never saved, but "
                                               "the annotations on disk changed since (another program or window "
                                               "saved them). Restore the edits on top of them, or discard them.", n),
                                  n, name, time);
  adw_message_dialog_add_responses (dialog,
                                    "discard", _("_Discard"),
                                    "restore", _("_Restore"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "restore", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "restore");
  /* Escape keeps the work too. */
  adw_message_dialog_set_close_response (dialog, "restore");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (recovery_dialog_response_cb), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
start_journal (GlossatorWindow *self)
{
  g_autoptr(GFile) folder = glossator_journal_default_folder ();
  GFile *article = glossator_session_get_file (self->session);
  const char *checksum = glossator_sidecar_get_checksum (self->document);
  g_autoptr(GError) error = NULL;
  GlossatorJournalRecovery *recovery;

  recovery = glossator_journal_read (folder, article, &error);
  if (error != NULL)
    show_message (self, _("Recovery Journal Unreadable"), error->message);

  /* Journaling starts before anything is restored, so the restoration is
   * journaled too (it replaces the old journal with its first write). */
  self->journal = glossator_journal_new (folder, article, self->document, checksum);

  if (recovery == NULL)
    return;
  if (glossator_journal_recovery_matches (recovery, checksum))
    {
      restore_journal (self, recovery);
      glossator_journal_recovery_free (recovery);
    }
  else
    ask_to_restore (self, recovery);
}

void
_glossator_window_journal_saved (GlossatorWindow *self)
{
  if (self->journal != NULL)
    glossator_journal_sidecar_saved (self->journal, glossator_sidecar_get_checksum (self->document));

  if (self->outside_recheck)
    {
      self->outside_recheck = FALSE;
      check_outside_changes (self);
    }
}

void
_glossator_window_discard_journal (GlossatorWindow *self)
{
  if (self->journal != NULL)
    glossator_journal_discard (self->journal);
}

/* Changes made by other programs */

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
sidecar_conflict_response_cb (GlossatorWindow *self,
                              const char      *response)
{
  self->save_dialog = NULL;

  if (self->session == NULL)
    return;

  if (g_strcmp0 (response, "overwrite") == 0)
    {
      self->autosave_blocked = FALSE;
      _glossator_window_save_over (self);
    }
  else if (g_strcmp0 (response, "both") == 0 || g_strcmp0 (response, "theirs") == 0)
    {
      if (g_strcmp0 (response, "both") == 0)
        {
          g_autoptr(GBytes) bytes = NULL;
          g_autoptr(GDateTime) now = g_date_time_new_now_local ();
          g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
          g_autofree char *sidecar = g_file_get_path (glossator_session_get_sidecar_file (self->session));
          g_autofree char *aside = g_strconcat (sidecar, ".mine-", stamp, NULL);
          g_autofree char *article_name = g_file_get_basename (glossator_session_get_file (self->session));
          g_autofree char *aside_name = g_path_get_basename (aside);
          g_autofree char *message = NULL;
          g_autoptr(GError) error = NULL;

          bytes = glossator_sidecar_serialize (self->document, article_name);
          if (!g_file_set_contents_full (aside, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                         G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE, 0666,
                                         &error))
            {
              /* Nothing is dropped when the copy could not be made. */
              show_message (self, _("Your Version Was Not Saved"), error->message);
              self->autosave_blocked = TRUE;
              return;
            }
          message = g_strdup_printf (_("Your version was kept as “%s”"), aside_name);
          long_toast (self, message);
        }
      _glossator_window_discard_journal (self);
      _glossator_window_reload (self, GLOSSATOR_RELOAD_SIDECAR_CHANGED);
    }
  else
    {
      /* Decide later: nothing is saved over the other version meanwhile. */
      g_free (self->save_problem);
      self->save_problem = g_strdup (_("changed on disk"));
      self->autosave_blocked = TRUE;
      _glossator_window_update_titles (self);
    }
}

static void
ask_about_sidecar_conflict (GlossatorWindow *self)
{
  g_autofree char *name = g_file_get_basename (glossator_session_get_sidecar_file (self->session));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Annotations Changed on Disk"), NULL));
  adw_message_dialog_format_body (dialog,
                                  _("Another program changed “%s” while you were editing it. Keep yours (the "
                                    "other version is kept as a ~ backup), take theirs (your unsaved edits are "
                                    "dropped), or keep both (yours is saved beside it and theirs is opened)."),
                                  name);
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("Decide _Later"),
                                    "theirs", _("Take _Theirs"),
                                    "overwrite", _("Keep _Mine"),
                                    "both", _("Keep _Both"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "theirs", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "both", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "both");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (sidecar_conflict_response_cb), self);
  self->save_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
outside_check_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
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
        _glossator_window_reload (self, GLOSSATOR_RELOAD_SIDECAR_CHANGED);
      else if (self->save_dialog == NULL)
        ask_about_sidecar_conflict (self);
      return;
    }

  if (check->article_changed)
    {
      /* Unsaved edits are saved against the text they were made on, then
       * everything is found again in the new text. */
      g_set_object (&self->reanchor_from, self->document);
      _glossator_window_reload (self, GLOSSATOR_RELOAD_ARTICLE_CHANGED);
      return;
    }

  if (check->sidecar_deleted && !glossator_session_get_read_only (self->session) &&
      glossator_document_get_n_mentions (self->document) + glossator_document_get_n_stances (self->document) > 0)
    {
      g_autofree char *name = g_file_get_basename (glossator_session_get_sidecar_file (self->session));
      g_autofree char *message = g_strdup_printf (_("“%s” was deleted by another program; its annotations are "
                                                    "saved again"), name);

      _glossator_document_set_needs_save (self->document, TRUE);
      long_toast (self, message);
    }
}

static void
check_outside_changes (GlossatorWindow *self)
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
  GlossatorWindow *self = user_data;

  self->outside_check_id = 0;
  check_outside_changes (self);

  return G_SOURCE_REMOVE;
}

static void
file_changed_cb (GlossatorWindow   *self,
                 GFile             *file,
                 GFile             *other_file,
                 GFileMonitorEvent  event)
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
watch (GlossatorWindow *self,
       GFile           *file)
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
report_reanchoring (GlossatorWindow *self)
{
  g_autoptr(GlossatorDocument) before = g_steal_pointer (&self->reanchor_from);
  g_autofree char *name = g_file_get_basename (glossator_session_get_file (self->session));
  g_autofree char *message = NULL;
  guint moved, orphaned;

  glossator_session_count_reanchored (before, self->document, &moved, &orphaned);
  if (moved == 0 && orphaned == 0)
    message = g_strdup_printf (_("“%s” changed on disk; every annotation is where it was"), name);
  else
    {
      g_autofree char *moved_text = g_strdup_printf (g_dngettext (NULL, "%u span moved", "%u spans moved", moved), moved);
      g_autofree char *orphaned_text = g_strdup_printf (g_dngettext (NULL, "%u orphaned", "%u orphaned", orphaned),
                                                        orphaned);

      message = g_strdup_printf (_("“%s” changed on disk and its annotations were found again: %s, %s"),
                                 name, moved_text, orphaned_text);
    }
  long_toast (self, message);
}

void
_glossator_window_attach_recovery (GlossatorWindow *self,
                                   GlossatorReload  reason)
{
  g_assert (self->session != NULL);

  self->article_monitor = watch (self, glossator_session_get_file (self->session));
  self->sidecar_monitor = watch (self, glossator_session_get_sidecar_file (self->session));

  if (reason == GLOSSATOR_RELOAD_SIDECAR_CHANGED)
    {
      g_autofree char *name = g_file_get_basename (glossator_session_get_sidecar_file (self->session));
      g_autofree char *message = g_strdup_printf (_("“%s” changed on disk and was read again"), name);

      long_toast (self, message);
    }
  else if (reason == GLOSSATOR_RELOAD_ARTICLE_CHANGED && self->reanchor_from != NULL)
    report_reanchoring (self);
  g_clear_object (&self->reanchor_from);

  if (!glossator_session_get_read_only (self->session))
    start_journal (self);
}

void
_glossator_window_detach_recovery (GlossatorWindow *self)
{
  g_clear_handle_id (&self->outside_check_id, g_source_remove);
  g_cancellable_cancel (self->outside_cancellable);
  g_clear_object (&self->outside_cancellable);
  self->outside_recheck = FALSE;
  if (self->article_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->article_monitor, self);
      g_file_monitor_cancel (self->article_monitor);
      g_clear_object (&self->article_monitor);
    }
  if (self->sidecar_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sidecar_monitor, self);
      g_file_monitor_cancel (self->sidecar_monitor);
      g_clear_object (&self->sidecar_monitor);
    }
  /* Disposing flushes: edits not saved stay journaled for the next open. */
  g_clear_object (&self->journal);
  g_clear_pointer (&self->pending_recovery, glossator_journal_recovery_free);
}

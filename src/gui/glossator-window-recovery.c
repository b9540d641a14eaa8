/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-window"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-window-private.h"

/* Never losing work while an article is open: the workspace keeps its
 * recovery journal and watches other programs change its files; this says
 * what happened and asks when the user has to decide. */

/* Longer than most toasts: these tell of something that happened to the
 * user's files without their doing. */
static void
long_toast (GlossatorWindow *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 10);
  _glossator_window_add_toast (self, toast);
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

static char *
article_name (GlossatorWindow *self)
{
  return g_file_get_basename (glossator_session_get_file (glossator_workspace_get_session (self->workspace)));
}

static char *
sidecar_name (GlossatorWindow *self)
{
  return g_file_get_basename (glossator_session_get_sidecar_file (glossator_workspace_get_session (self->workspace)));
}

/* The recovery journal */

static void
journal_restored_cb (GlossatorWindow *self,
                     GDateTime       *time)
{
  g_autofree char *name = article_name (self);
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autofree char *clock = g_date_time_format (local, "%H:%M");
  g_autofree char *message = g_strdup_printf (_("Unsaved edits to “%s” from %s were restored"), name, clock);
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_timeout (toast, 10);
  _glossator_window_add_toast (self, toast);
}

static void
journal_unreadable_cb (GlossatorWindow *self,
                       const char      *message)
{
  show_message (self, _("Recovery Journal Unreadable"), message);
}

static void
journal_not_restored_cb (GlossatorWindow *self,
                         const char      *message)
{
  show_message (self, _("Unsaved Edits Not Restored"), message);
}

static void
recovery_dialog_response_cb (GlossatorWindow *self,
                             const char      *response)
{
  g_autoptr(GError) error = NULL;

  if (!glossator_workspace_resolve_journal (self->workspace, g_strcmp0 (response, "discard") != 0, &error))
    _glossator_window_toast (self, error->message);
}

static void
journal_found_cb (GlossatorWindow *self,
                  guint            n,
                  GDateTime       *time)
{
  g_autofree char *name = article_name (self);
  g_autoptr(GDateTime) local = g_date_time_to_local (time);
  g_autofree char *when = g_date_time_format (local, "%x %H:%M");
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Restore Unsaved Edits?"), NULL));
  adw_message_dialog_format_body (dialog,
                                  g_dngettext (NULL,
                                               "Glossator found %u edit to “%s” from %s that was never saved, but "
                                               "the annotations on disk changed since (another program or window "
                                               "saved them). Restore the edit on top of them, or discard it.",
                                               "Glossator found %u edits to “%s” from %s that were never saved, but "
                                               "the annotations on disk changed since (another program or window "
                                               "saved them). Restore the edits on top of them, or discard them.", n),
                                  n, name, when);
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

/* Changes made by other programs */

static void
sidecar_conflict_response_cb (GlossatorWindow *self,
                              const char      *response)
{
  GlossatorConflictDecision decision = GLOSSATOR_CONFLICT_DECISION_LATER;
  g_autofree char *aside_name = NULL;
  g_autoptr(GError) error = NULL;

  self->save_dialog = NULL;

  if (g_strcmp0 (response, "overwrite") == 0)
    decision = GLOSSATOR_CONFLICT_DECISION_MINE;
  else if (g_strcmp0 (response, "theirs") == 0)
    decision = GLOSSATOR_CONFLICT_DECISION_THEIRS;
  else if (g_strcmp0 (response, "both") == 0)
    decision = GLOSSATOR_CONFLICT_DECISION_BOTH;

  aside_name = glossator_workspace_resolve_conflict (self->workspace, decision, &error);
  if (error != NULL)
    /* Nothing was dropped. */
    show_message (self, _("Your Version Was Not Saved"), error->message);
  else if (aside_name != NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Your version was kept as “%s”"), aside_name);

      long_toast (self, message);
    }
}

static void
sidecar_conflict_cb (GlossatorWindow *self)
{
  g_autofree char *name = sidecar_name (self);
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
sidecar_deleted_cb (GlossatorWindow *self)
{
  g_autofree char *name = sidecar_name (self);
  g_autofree char *message = g_strdup_printf (_("“%s” was deleted by another program; its annotations are "
                                                "saved again"), name);

  long_toast (self, message);
}

static void
reloaded_cb (GlossatorWindow *self,
             guint            reason,
             guint            moved,
             guint            orphaned)
{
  g_autofree char *message = NULL;

  if (reason == GLOSSATOR_RELOAD_SIDECAR_CHANGED)
    {
      g_autofree char *name = sidecar_name (self);

      message = g_strdup_printf (_("“%s” changed on disk and was read again"), name);
    }
  else if (moved == 0 && orphaned == 0)
    {
      g_autofree char *name = article_name (self);

      message = g_strdup_printf (_("“%s” changed on disk; every annotation is where it was"), name);
    }
  else
    {
      g_autofree char *name = article_name (self);
      g_autofree char *moved_text = g_strdup_printf (g_dngettext (NULL, "%u span moved", "%u spans moved", moved), moved);
      g_autofree char *orphaned_text = g_strdup_printf (g_dngettext (NULL, "%u orphaned", "%u orphaned", orphaned),
                                                        orphaned);

      message = g_strdup_printf (_("“%s” changed on disk and its annotations were found again: %s, %s"),
                                 name, moved_text, orphaned_text);
    }
  long_toast (self, message);
}

void
_glossator_window_connect_recovery (GlossatorWindow *self)
{
  GlossatorWorkspace *workspace = self->workspace;

  g_signal_connect_object (workspace, "journal-found", G_CALLBACK (journal_found_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "journal-restored", G_CALLBACK (journal_restored_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "journal-unreadable", G_CALLBACK (journal_unreadable_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "journal-not-restored", G_CALLBACK (journal_not_restored_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "sidecar-conflict", G_CALLBACK (sidecar_conflict_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "sidecar-deleted", G_CALLBACK (sidecar_deleted_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "reloaded", G_CALLBACK (reloaded_cb), self, G_CONNECT_SWAPPED);
}

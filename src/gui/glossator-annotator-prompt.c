/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-annotator-prompt"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-annotator-prompt.h"

gboolean
glossator_annotator_prompt_needed (GSettings *settings)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), FALSE);

  name = g_settings_get_string (settings, "annotator");
  return *g_strstrip (name) == '\0';
}

static char *
entry_name (GtkEditable *entry)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (entry)));
}

static void
entry_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *name = entry_name (entry);

  adw_message_dialog_set_response_enabled (dialog, "save", *name != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             GtkEditable      *entry)
{
  GSettings *settings = g_object_get_data (G_OBJECT (dialog), "settings");
  g_autofree char *name = entry_name (entry);

  if (g_str_equal (response, "save") && *name != '\0')
    g_settings_set_string (settings, "annotator", name);
}

GtkWidget *
glossator_annotator_prompt_new (GtkWindow *parent,
                                GSettings *settings)
{
  AdwMessageDialog *dialog;
  GtkWidget *entry;
  const char *real_name = g_get_real_name ();

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, _("Who Is Annotating?"),
                                                       _("Your name is saved with every mention and stance "
                                                         "you make. You can change it in Preferences.")));
  /* Found by name by people and by tests driving the window. */
  gtk_window_set_title (GTK_WINDOW (dialog), _("Annotator Name"));
  g_object_set_data_full (G_OBJECT (dialog), "settings", g_object_ref (settings), g_object_unref);

  entry = gtk_entry_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Your name"), -1);
  /* GLib says "Unknown" when the system has no name for the user. */
  if (real_name != NULL && g_strcmp0 (real_name, "Unknown") != 0)
    gtk_editable_set_text (GTK_EDITABLE (entry), real_name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (dialog, entry);

  adw_message_dialog_add_responses (dialog, "later", _("_Later"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "later");
  entry_changed_cb (GTK_EDITABLE (entry), dialog);

  g_signal_connect_object (entry, "changed", G_CALLBACK (entry_changed_cb), dialog, 0);
  g_signal_connect_object (dialog, "response", G_CALLBACK (response_cb), entry, 0);
  g_signal_connect_object (dialog, "map", G_CALLBACK (gtk_widget_grab_focus), entry, G_CONNECT_SWAPPED);

  return GTK_WIDGET (dialog);
}

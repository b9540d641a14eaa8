/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-dataset"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "glossator-dataset-util.h"

char *
glossator_display_path (GFile *file)
{
  g_autofree char *path = NULL;
  const char *home = g_get_home_dir ();
  gsize n = strlen (home);

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_get_parse_name (file);
  if (n > 1 && strncmp (path, home, n) == 0 && (path[n] == '/' || path[n] == '\0'))
    return g_strconcat ("~", path + n, NULL);

  return g_steal_pointer (&path);
}

gboolean
glossator_dataset_file_in_roots (GFile     *file,
                                 GPtrArray *roots)
{
  for (guint i = 0; i < roots->len; i++)
    {
      GFile *root = g_ptr_array_index (roots, i);

      if (g_file_equal (file, root) || g_file_has_prefix (file, root))
        return TRUE;
    }

  return FALSE;
}

void
glossator_dataset_show_error (GtkWindow  *parent,
                              const char *heading,
                              const char *body)
{
  GtkWidget *dialog = adw_message_dialog_new (parent, heading, body);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static gboolean
pulse_cb (gpointer user_data)
{
  gtk_progress_bar_pulse (user_data);

  return G_SOURCE_CONTINUE;
}

guint
glossator_dataset_pulse (GtkProgressBar *bar)
{
  gtk_progress_bar_set_fraction (bar, 0.0);
  gtk_progress_bar_pulse (bar);

  return g_timeout_add_full (G_PRIORITY_DEFAULT, 150, pulse_cb, g_object_ref (bar), g_object_unref);
}

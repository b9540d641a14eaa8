/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-copies-settings"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossator-copies-settings.h"

#define COPIES_KEY "statistics-copies"

GPtrArray *
glossator_copies_settings_get (GSettings *settings,
                               GFile     *corpus)
{
  g_autoptr(GVariant) dict = NULL;
  g_autofree char *key = NULL;
  g_autofree const char **uris = NULL;
  GPtrArray *copies = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (G_IS_SETTINGS (settings), copies);
  g_return_val_if_fail (G_IS_FILE (corpus), copies);

  dict = g_settings_get_value (settings, COPIES_KEY);
  key = g_file_get_uri (corpus);
  if (g_variant_lookup (dict, key, "^a&s", &uris))
    for (guint i = 0; uris[i] != NULL; i++)
      g_ptr_array_add (copies, g_file_new_for_uri (uris[i]));
  return copies;
}

void
glossator_copies_settings_set (GSettings     *settings,
                               GFile         *corpus,
                               GFile * const *copies,
                               guint          n_copies)
{
  g_autoptr(GVariant) old = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GVariantBuilder) dict = g_variant_builder_new (G_VARIANT_TYPE ("a{sas}"));
  GVariantIter iter;
  const char *other;
  GVariant *uris;

  g_return_if_fail (G_IS_SETTINGS (settings));
  g_return_if_fail (G_IS_FILE (corpus));
  g_return_if_fail (copies != NULL || n_copies == 0);

  old = g_settings_get_value (settings, COPIES_KEY);
  key = g_file_get_uri (corpus);
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s@as}", &other, &uris))
    {
      if (strcmp (other, key) != 0)
        g_variant_builder_add (dict, "{s@as}", other, uris);
      g_variant_unref (uris);
    }
  if (n_copies > 0)
    {
      GVariantBuilder list;

      g_variant_builder_init (&list, G_VARIANT_TYPE_STRING_ARRAY);
      for (guint i = 0; i < n_copies; i++)
        {
          g_autofree char *uri = g_file_get_uri (copies[i]);

          g_variant_builder_add (&list, "s", uri);
        }
      g_variant_builder_add (dict, "{sas}", key, &list);
    }
  g_settings_set_value (settings, COPIES_KEY, g_variant_builder_end (dict));
}

typedef struct {
  GlossatorCopiesChosen  chosen;
  GObject               *owner;
} Choice;

static void
choice_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    Choice          *choice)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (copies, g_list_model_get_item (files, i));
      if (copies->len > 0)
        choice->chosen (choice->owner, (GFile * const *) copies->pdata, copies->len);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (choice->owner);
  g_free (choice);
}

void
glossator_copies_choose (GtkWindow             *parent,
                         const char            *title,
                         GFile                 *folder,
                         GlossatorCopiesChosen  chosen,
                         GObject               *owner)
{
  GtkFileChooserNative *chooser;
  Choice *choice;

  g_return_if_fail (chosen != NULL);
  g_return_if_fail (G_IS_OBJECT (owner));

  chooser = gtk_file_chooser_native_new (title, parent, GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                         _("_Compare"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  choice = g_new0 (Choice, 1);
  choice->chosen = chosen;
  choice->owner = g_object_ref (owner);
  g_signal_connect (chooser, "response", G_CALLBACK (choice_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

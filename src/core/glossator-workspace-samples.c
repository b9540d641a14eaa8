/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include "glossator-workspace-private.h"

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
  return finish_pointer (self, result, glossator_workspace_copy_samples_async, error);
}

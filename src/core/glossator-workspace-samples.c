/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include <errno.h>

#include <glib/gstdio.h>

#include "glossator-workspace-private.h"

/* The sample corpus is copied before use: the installed one is read-only
 * and the one in a source tree should stay as shipped. The copy is made in
 * a temporary folder beside it and renamed once complete, so a failure
 * never leaves a copy that later attempts would take for a good one. A copy
 * made once is kept, even when newer samples are installed: it holds the
 * user's annotations. */

#define SAMPLE_COPY_NAME "sample-corpus"
#define PARTIAL_PREFIX   SAMPLE_COPY_NAME ".partial-"

/* Two windows copying at once would clear each other's partial copy. */
static GMutex copy_lock;

/* Removes a partial copy: the files this code copied into it, then it. */
static void
remove_partial_copy (GFile *folder)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GError) error = NULL;
  GFile *child;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (enumerator != NULL && g_file_enumerator_iterate (enumerator, NULL, &child, NULL, NULL) && child != NULL)
    g_file_delete (child, NULL, NULL);

  if (!g_file_delete (folder, NULL, &error))
    g_debug ("could not remove the partial sample copy %s: %s", g_file_peek_path (folder), error->message);
}

/* Partial copies left by a crash or a kill. */
static void
remove_leftovers (GFile        *parent,
                  GCancellable *cancellable)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GFileInfo *info;
  GFile *child;

  enumerator = g_file_enumerate_children (parent, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (enumerator != NULL && g_file_enumerator_iterate (enumerator, &info, &child, cancellable, NULL) &&
         info != NULL)
    if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY &&
        g_str_has_prefix (g_file_info_get_name (info), PARTIAL_PREFIX))
      remove_partial_copy (child);
}

static gboolean
copy_files (GFile         *source,
            GFile         *target,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  guint n_copied = 0;

  enumerator = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) copy = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      copy = g_file_get_child (target, g_file_info_get_name (info));
      if (!g_file_copy (child, copy, G_FILE_COPY_NONE, cancellable, NULL, NULL, error))
        return FALSE;
      n_copied++;
    }

  if (n_copied == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "The folder %s holds no sample articles", g_file_peek_path (source));
      return FALSE;
    }
  return TRUE;
}

/* The existing copy, or NULL when a new one is to be made. */
static GFile *
find_copy (GFile         *target,
           GCancellable  *cancellable,
           GError       **error)
{
  GFileType type = g_file_query_file_type (target, G_FILE_QUERY_INFO_NONE, cancellable);

  if (type == G_FILE_TYPE_UNKNOWN)
    return NULL;
  if (type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   "%s is in the way of the sample corpus: it is not a folder", g_file_peek_path (target));
      return NULL;
    }

  /* An empty folder is what failed copies of older versions left; deleting
   * a folder fails unless it is empty, so nothing of the user's is lost. */
  if (g_file_delete (target, cancellable, NULL))
    return NULL;

  return g_object_ref (target);
}

static void
copy_samples_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&copy_lock);
  GFile *source = task_data;
  g_autoptr(GFile) parent = g_file_new_build_filename (g_get_user_data_dir (), "glossator", NULL);
  g_autoptr(GFile) target = g_file_get_child (parent, SAMPLE_COPY_NAME);
  g_autoptr(GFile) existing = NULL;
  g_autoptr(GFile) partial = NULL;
  g_autofree char *partial_path = NULL;
  GError *error = NULL;

  if (!g_file_make_directory_with_parents (parent, cancellable, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_task_return_error (task, error);
          return;
        }
      g_clear_error (&error);
    }

  remove_leftovers (parent, cancellable);

  existing = find_copy (target, cancellable, &error);
  if (existing != NULL || error != NULL)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_pointer (task, g_steal_pointer (&existing), g_object_unref);
      return;
    }

  partial_path = g_build_filename (g_file_peek_path (parent), PARTIAL_PREFIX "XXXXXX", NULL);
  if (g_mkdtemp_full (partial_path, 0777) == NULL)
    {
      int saved_errno = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               "Could not make a folder in %s: %s",
                               g_file_peek_path (parent), g_strerror (saved_errno));
      return;
    }
  partial = g_file_new_for_path (partial_path);

  if (!copy_files (source, partial, cancellable, &error) ||
      !g_file_move (partial, target, G_FILE_COPY_NO_FALLBACK_FOR_MOVE, cancellable, NULL, NULL, &error))
    {
      remove_partial_copy (partial);
      g_task_return_error (task, error);
      return;
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

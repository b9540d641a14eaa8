/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-atomic-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "glossator-atomic-file.h"

#define TEMP_INFIX        ".glossator-tmp-"
#define TEMP_RANDOM_CHARS 6
/* As Linux's MAXSYMLINKS. */
#define MAX_LINKS         40

struct _GlossatorAtomicFile
{
  GFile    *file;           /* as given, for messages */
  GFile    *target;         /* with its links followed */
  gboolean  target_exists;
  GFile    *temp;           /* the new contents; NULL once committed */
  GFile    *backup;
  GFile    *backup_temp;    /* the old version; NULL once committed */
};

static GlossatorAtomicStep failing_step;
static int failing_errno;
static GTimeSpan leftover_age = GLOSSATOR_ATOMIC_FILE_LEFTOVER_AGE;

void
_glossator_atomic_file_fail_for_testing (GlossatorAtomicStep step,
                                         int                 errno_value)
{
  failing_errno = errno_value;
  g_atomic_int_set (&failing_step, errno_value != 0 ? step : GLOSSATOR_ATOMIC_STEP_NONE);
}

void
_glossator_atomic_file_set_leftover_age_for_testing (GTimeSpan age)
{
  leftover_age = age >= 0 ? age : GLOSSATOR_ATOMIC_FILE_LEFTOVER_AGE;
}

static gboolean
injected_failure (GlossatorAtomicStep   step,
                  GError              **error)
{
  if (!g_atomic_int_compare_and_exchange (&failing_step, step, GLOSSATOR_ATOMIC_STEP_NONE))
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (failing_errno), g_strerror (failing_errno));
  return TRUE;
}

/* "%s: not saved, the file on disk is unchanged: %s", the reason being
 * @reason_format applied to the rest; the code that of @cause. */
G_GNUC_PRINTF (4, 5)
static void
set_unchanged_error (GError       **error,
                     GFile         *file,
                     const GError  *cause,
                     const char    *reason_format,
                     ...)
{
  g_autofree char *name = g_file_get_parse_name (file);
  g_autofree char *reason = NULL;
  va_list args;

  va_start (args, reason_format);
  reason = g_strdup_vprintf (reason_format, args);
  va_end (args);
  g_set_error (error, cause->domain, cause->code,
               _("%s: not saved, the file on disk is unchanged: %s"), name, reason);
}

gboolean
_glossator_atomic_file_is_temp_name (const char *name,
                                     const char *target_name)
{
  gsize target_length;
  const char *rest;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (target_name != NULL, FALSE);

  target_length = strlen (target_name);
  if (name[0] != '.' || strncmp (name + 1, target_name, target_length) != 0)
    return FALSE;
  rest = name + 1 + target_length;
  if (!g_str_has_prefix (rest, TEMP_INFIX))
    return FALSE;
  rest += strlen (TEMP_INFIX);
  for (guint i = 0; i < TEMP_RANDOM_CHARS; i++)
    if (!g_ascii_isalnum (rest[i]))
      return FALSE;
  return rest[TEMP_RANDOM_CHARS] == '\0';
}

char *
_glossator_atomic_file_temp_name (const char *target_name)
{
  static const char chars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  char random[TEMP_RANDOM_CHARS + 1];

  g_return_val_if_fail (target_name != NULL, NULL);

  for (guint i = 0; i < TEMP_RANDOM_CHARS; i++)
    random[i] = chars[g_random_int_range (0, sizeof chars - 1)];
  random[TEMP_RANDOM_CHARS] = '\0';

  return g_strconcat (".", target_name, TEMP_INFIX, random, NULL);
}

/* A fresh name for a temporary file beside @target; it may exist. */
static GFile *
temp_file_for (GFile *target)
{
  g_autoptr(GFile) parent = g_file_get_parent (target);
  g_autofree char *basename = g_file_get_basename (target);
  g_autofree char *name = _glossator_atomic_file_temp_name (basename);

  return g_file_get_child (parent, name);
}

/* Makes a new temporary file beside @target, never one that exists. */
static GFileOutputStream *
create_temp (GFile         *target,
             GFile        **temp,
             GCancellable  *cancellable,
             GError       **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GFile) candidate = temp_file_for (target);
      g_autoptr(GError) local_error = NULL;
      GFileOutputStream *stream;

      if (injected_failure (GLOSSATOR_ATOMIC_STEP_CREATE_TEMP, error))
        return NULL;
      stream = g_file_create (candidate, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (stream != NULL)
        {
          *temp = g_steal_pointer (&candidate);
          return stream;
        }
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt == 100)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

/* Flushes @file (or, for a folder, its entries) to the disk. Only local
 * files can be; for the others the server decides. */
static gboolean
sync_to_disk (GFile   *file,
              GError **error)
{
  g_autofree char *path = g_file_get_path (file);
  int fd;
  int saved_errno;

  if (path == NULL)
    return TRUE;
  if ((fd = g_open (path, O_RDONLY | O_CLOEXEC, 0)) < 0)
    saved_errno = errno;
  else
    {
      saved_errno = fsync (fd) == 0 ? 0 : errno;
      close (fd);
    }
  /* Some file systems cannot sync a folder; that loses nothing. */
  if (saved_errno == 0 || saved_errno == EINVAL || saved_errno == EISDIR)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
  return FALSE;
}

static void
delete_quietly (GFile *file)
{
  if (file != NULL)
    g_file_delete (file, NULL, NULL);
}

/* The file @link_target names, read from the folder @link is in. For
 * local files the folders on the way are resolved as the system does:
 * GFile folds "a/.." away even where a is a link, and "../x" is relative
 * to where the link really is. The last part is followed on the next
 * round. */
static GFile *
follow_link (GFile      *link,
             const char *link_target)
{
  g_autofree char *path = g_file_get_path (link);
  g_autofree char *joined = NULL;
  g_autofree char *joined_folder = NULL;
  g_autofree char *joined_name = NULL;
  g_autofree char *real_folder = NULL;
  g_autoptr(GFile) parent = NULL;

  if (path == NULL)
    {
      parent = g_file_get_parent (link);
      return g_file_resolve_relative_path (parent, link_target);
    }

  if (g_path_is_absolute (link_target))
    joined = g_strdup (link_target);
  else
    {
      g_autofree char *folder = g_path_get_dirname (path);

      joined = g_build_filename (folder, link_target, NULL);
    }
  joined_folder = g_path_get_dirname (joined);
  joined_name = g_path_get_basename (joined);
  real_folder = realpath (joined_folder, NULL);

  return g_file_new_build_filename (real_folder != NULL ? real_folder : joined_folder, joined_name, NULL);
}

static GFile *
resolve_links (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) current = g_object_ref (file);

  for (guint hops = 0; hops <= MAX_LINKS; hops++)
    {
      g_autoptr(GFileInfo) info = NULL;
      g_autoptr(GError) local_error = NULL;
      GFile *next;

      info = g_file_query_info (current,
                                G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK ","
                                G_FILE_ATTRIBUTE_STANDARD_SYMLINK_TARGET,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
      if (info == NULL)
        {
          /* A new file, or the missing file a link names: it is made. */
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
            return g_steal_pointer (&current);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      if (!g_file_info_get_is_symlink (info))
        return g_steal_pointer (&current);

      next = follow_link (current, g_file_info_get_symlink_target (info));
      g_object_unref (current);
      current = next;
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS, g_strerror (ELOOP));
  return NULL;
}

/* Writes @contents to @stream, flushes it to disk and closes it. */
static gboolean
write_temp (GFileOutputStream  *stream,
            GFile              *temp,
            GBytes             *contents,
            GCancellable       *cancellable,
            GError            **error)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (contents, &length);
  gsize half = length / 2;
  GOutputStream *out = G_OUTPUT_STREAM (stream);

  if (!g_output_stream_write_all (out, data, half, NULL, cancellable, error) ||
      injected_failure (GLOSSATOR_ATOMIC_STEP_WRITE, error) ||
      !g_output_stream_write_all (out, data + half, length - half, NULL, cancellable, error))
    {
      g_output_stream_close (out, NULL, NULL);
      return FALSE;
    }

  return g_output_stream_close (out, cancellable, error) &&
         sync_to_disk (temp, error);
}

GlossatorAtomicFile *
_glossator_atomic_file_new (GFile         *file,
                            GBytes        *contents,
                            gboolean       follow_links,
                            GCancellable  *cancellable,
                            GError       **error)
{
  g_autoptr(GlossatorAtomicFile) self = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_new0 (GlossatorAtomicFile, 1);
  self->file = g_object_ref (file);

  if (!follow_links)
    self->target = g_object_ref (file);
  else if ((self->target = resolve_links (file, cancellable, &local_error)) == NULL)
    {
      set_unchanged_error (error, file, local_error, "%s", local_error->message);
      return NULL;
    }

  info = g_file_query_info (self->target,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_UNIX_MODE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (info == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      set_unchanged_error (error, file, local_error, "%s", local_error->message);
      return NULL;
    }
  g_clear_error (&local_error);
  self->target_exists = info != NULL;

  /* A link not followed is replaced like a file; its mode is no file's. */
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_SYMBOLIC_LINK && !follow_links)
    g_clear_object (&info);
  else if (info != NULL && g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                     _("%s: is a folder, not a file; nothing was saved"), name);
      else
        g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                     _("%s: is not a regular file; nothing was saved"), name);
      return NULL;
    }

  if ((stream = create_temp (self->target, &self->temp, cancellable, &local_error)) == NULL)
    {
      g_autoptr(GFile) folder = g_file_get_parent (self->target);
      g_autofree char *folder_name = g_file_get_parse_name (folder);

      set_unchanged_error (error, file, local_error,
                           _("could not create a temporary file in %s: %s"), folder_name, local_error->message);
      return NULL;
    }

  /* Keep who may read the file; failing to only loses a mode. */
  if (info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    g_file_set_attribute_uint32 (self->temp, G_FILE_ATTRIBUTE_UNIX_MODE,
                                 g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777,
                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);

  if (!write_temp (stream, self->temp, contents, cancellable, &local_error))
    {
      set_unchanged_error (error, file, local_error, "%s", local_error->message);
      return NULL;
    }

  return g_steal_pointer (&self);
}

GFile *
_glossator_atomic_file_get_target (GlossatorAtomicFile *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->target;
}

/* A hard link to the target under a temporary name: nothing copied, and
 * the old version keeps its times. FALSE where links do not work. */
static gboolean
link_target (GlossatorAtomicFile *self,
             gboolean            *vanished)
{
  g_autofree char *target_path = g_file_get_path (self->target);

  if (target_path == NULL || injected_failure (GLOSSATOR_ATOMIC_STEP_LINK, NULL))
    return FALSE;

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autoptr(GFile) candidate = temp_file_for (self->target);
      g_autofree char *path = g_file_get_path (candidate);

      if (link (target_path, path) == 0)
        {
          self->backup_temp = g_steal_pointer (&candidate);
          return TRUE;
        }
      if (errno == ENOENT)
        {
          *vanished = TRUE;
          return TRUE;
        }
      if (errno != EEXIST)
        return FALSE;
    }

  return FALSE;
}

static gboolean
copy_target (GlossatorAtomicFile  *self,
             GCancellable         *cancellable,
             GError              **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GFile) temp = NULL;

  if ((in = g_file_read (self->target, cancellable, error)) == NULL ||
      (out = create_temp (self->target, &temp, cancellable, error)) == NULL)
    return FALSE;

  if (g_output_stream_splice (G_OUTPUT_STREAM (out), G_INPUT_STREAM (in),
                              G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              cancellable, error) < 0 ||
      !sync_to_disk (temp, error))
    {
      delete_quietly (temp);
      return FALSE;
    }
  g_file_copy_attributes (self->target, temp, G_FILE_COPY_ALL_METADATA | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                          cancellable, NULL);
  self->backup_temp = g_steal_pointer (&temp);

  return TRUE;
}

gboolean
_glossator_atomic_file_keep_backup (GlossatorAtomicFile  *self,
                                    GFile                *backup,
                                    GCancellable         *cancellable,
                                    GError              **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gboolean vanished = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (backup), FALSE);
  g_return_val_if_fail (self->backup_temp == NULL, FALSE);

  if (!self->target_exists)
    return TRUE;

  /* The old version could not be renamed over a folder, and that would
   * only show once the new version is in place: too late to refuse. */
  info = g_file_query_info (backup, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                            cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *backup_name = g_file_get_parse_name (backup);

      g_set_error_literal (&local_error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, g_strerror (EISDIR));
      set_unchanged_error (error, self->file, local_error,
                           _("could not keep the previous version: %s is a folder"), backup_name);
      return FALSE;
    }

  if (injected_failure (GLOSSATOR_ATOMIC_STEP_BACKUP, &local_error) ||
      (!link_target (self, &vanished) && !copy_target (self, cancellable, &local_error)))
    {
      set_unchanged_error (error, self->file, local_error,
                           _("could not keep the previous version: %s"), local_error->message);
      return FALSE;
    }
  if (!vanished)
    self->backup = g_object_ref (backup);

  return TRUE;
}

gboolean
_glossator_atomic_file_commit (GlossatorAtomicFile  *self,
                               GCancellable         *cancellable,
                               GError              **error)
{
  const GFileCopyFlags flags = G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS |
                               G_FILE_COPY_NO_FALLBACK_FOR_MOVE;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) folder = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (self->temp != NULL, FALSE);

  /* A rename cannot be half done; a copy could, so none is made. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error) ||
      injected_failure (GLOSSATOR_ATOMIC_STEP_RENAME, &local_error) ||
      !g_file_move (self->temp, self->target, flags, cancellable, NULL, NULL, &local_error))
    {
      set_unchanged_error (error, self->file, local_error, "%s", local_error->message);
      return FALSE;
    }
  g_clear_object (&self->temp);

  /* Saved. The backup is a convenience: failing to keep it is no reason to
   * report the save as failed, which would make the caller try it again. */
  if (self->backup_temp != NULL &&
      g_file_move (self->backup_temp, self->backup, flags, NULL, NULL, NULL, &local_error))
    g_clear_object (&self->backup_temp);
  else if (self->backup_temp != NULL)
    {
      g_autofree char *name = g_file_get_parse_name (self->file);
      g_autofree char *backup_name = g_file_get_parse_name (self->backup);

      g_warning ("%s: saved, but the previous version could not be kept as %s: %s",
                 name, backup_name, local_error->message);
    }

  folder = g_file_get_parent (self->target);
  sync_to_disk (folder, NULL);

  return TRUE;
}

void
_glossator_atomic_file_free (GlossatorAtomicFile *self)
{
  if (self == NULL)
    return;

  delete_quietly (self->temp);
  delete_quietly (self->backup_temp);
  g_clear_object (&self->file);
  g_clear_object (&self->target);
  g_clear_object (&self->temp);
  g_clear_object (&self->backup);
  g_clear_object (&self->backup_temp);
  g_free (self);
}

/* The names of @target_name's temporary files in @folder. Names only: a
 * corpus folder holds thousands of files, and listing them through GIO
 * costs 100 ms for 20,000 where readdir() takes a few. */
static GPtrArray *
find_temp_names (GFile        *folder,
                 const char   *target_name,
                 GCancellable *cancellable)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *path = g_file_get_path (folder);
  g_autoptr(GFileEnumerator) children = NULL;

  if (path != NULL)
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        if (_glossator_atomic_file_is_temp_name (name, target_name))
          g_ptr_array_add (names, g_strdup (name));
      return g_steal_pointer (&names);
    }

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, NULL) || info == NULL)
        break;
      if (_glossator_atomic_file_is_temp_name (g_file_info_get_name (info), target_name))
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  return g_steal_pointer (&names);
}

guint
_glossator_atomic_file_remove_leftovers (GFile        *target,
                                         GCancellable *cancellable)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *target_name = NULL;
  gint64 now = g_get_real_time ();
  guint n_removed = 0;

  g_return_val_if_fail (G_IS_FILE (target), 0);

  if ((folder = g_file_get_parent (target)) == NULL)
    return 0;
  target_name = g_file_get_basename (target);
  names = find_temp_names (folder, target_name, cancellable);

  for (guint i = 0; i < names->len; i++)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, names->pdata[i]);
      g_autoptr(GFileInfo) info = NULL;
      gint64 touched;

      info = g_file_query_info (child,
                                G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                G_FILE_ATTRIBUTE_TIME_MODIFIED "," G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC ","
                                G_FILE_ATTRIBUTE_TIME_CHANGED "," G_FILE_ATTRIBUTE_TIME_CHANGED_USEC,
                                G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, NULL);
      if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      /* The status change time too: a backup being kept is a hard link,
       * which has the old file's modification time but a new one. */
      touched = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
      if (g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_TIME_CHANGED))
        touched = MAX (touched, (gint64) g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_CHANGED) * G_USEC_PER_SEC +
                                g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_CHANGED_USEC));
      if (now - touched >= leftover_age && g_file_delete (child, cancellable, NULL))
        n_removed++;
    }

  return n_removed;
}

gboolean
_glossator_atomic_file_replace (GFile         *file,
                                GBytes        *contents,
                                gboolean       follow_links,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GlossatorAtomicFile) self = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  if ((self = _glossator_atomic_file_new (file, contents, follow_links, cancellable, error)) == NULL ||
      !_glossator_atomic_file_commit (self, cancellable, error))
    return FALSE;

  _glossator_atomic_file_remove_leftovers (self->target, NULL);
  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-files"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossator-article.h"
#include "glossator-atomic-file.h"
#include "glossator-files-private.h"
#include "glossator-schema.h"
#include "glossator-sidecar.h"

/* Paths */

/* realpath() as a GLib string; NULL when @path cannot be resolved. */
static char *
real_path (const char *path)
{
  char *resolved = realpath (path, NULL);
  char *copy;

  if (resolved == NULL)
    return NULL;
  copy = g_strdup (resolved);
  free (resolved);
  return copy;
}

/* @path is absolute and without "." or ".." (as GLocalFile keeps it). */
static char *
resolve (const char *path,
         gboolean    follow_last,
         guint       depth)
{
  g_autofree char *parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *real_parent = NULL;
  g_autofree char *entry = NULL;
  char target[PATH_MAX];
  gssize n;

  if (g_str_equal (path, "/"))
    return g_strdup ("/");

  if (follow_last)
    {
      char *resolved = real_path (path);

      if (resolved != NULL)
        return resolved;
    }

  parent = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  real_parent = real_path (parent);
  if (real_parent == NULL)
    real_parent = resolve (parent, TRUE, depth + 1);
  entry = g_build_filename (real_parent, base, NULL);
  if (!follow_last || depth > 40)
    return g_steal_pointer (&entry);

  /* A link to something that does not exist (yet): what writing through
   * it would create. */
  n = readlink (entry, target, sizeof target - 1);
  if (n <= 0)
    return g_steal_pointer (&entry);
  target[n] = '\0';
  {
    g_autofree char *joined = g_canonicalize_filename (target, real_parent);

    return resolve (joined, TRUE, depth + 1);
  }
}

char *
_glossator_entry_path (GFile *file)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_peek_path (file);
  return path != NULL ? resolve (path, FALSE, 0) : NULL;
}

char *
_glossator_real_path (GFile *file)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  path = g_file_peek_path (file);
  return path != NULL ? resolve (path, TRUE, 0) : NULL;
}

gboolean
_glossator_path_is_within (const char *path,
                           const char *folder)
{
  gsize n;

  g_return_val_if_fail (path != NULL && folder != NULL, FALSE);

  n = strlen (folder);
  if (strncmp (path, folder, n) != 0)
    return FALSE;
  return path[n] == '\0' || path[n] == '/' || (n > 0 && folder[n - 1] == '/');
}

gboolean
_glossator_link_leads_out (GFile       *file,
                           const char  *folder,
                           char       **target)
{
  const char *path = g_file_peek_path (file);
  g_autofree char *real = NULL;
  GStatBuf st;

  if (path == NULL || g_lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return FALSE;
  real = _glossator_real_path (file);
  if (real == NULL || _glossator_path_is_within (real, folder))
    return FALSE;
  if (target != NULL)
    *target = g_steal_pointer (&real);
  return TRUE;
}

GlossatorNameKind
_glossator_name_kind (const char *basename)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (basename != NULL, GLOSSATOR_NAME_OTHER);

  /* The order of glossator_article_is_article_name(). */
  folded = g_ascii_strdown (basename, -1);
  if (basename[0] == '.')
    return GLOSSATOR_NAME_HIDDEN;
  if (g_str_has_suffix (basename, "~"))
    return GLOSSATOR_NAME_BACKUP;
  if (g_str_has_suffix (folded, GLOSSATOR_SIDECAR_SUFFIX))
    return GLOSSATOR_NAME_SIDECAR;
  if (g_str_has_suffix (folded, GLOSSATOR_SCHEMA_FILE_NAME))
    return GLOSSATOR_NAME_SCHEMA;
  if (glossator_article_is_article_name (basename))
    return GLOSSATOR_NAME_ARTICLE;
  return GLOSSATOR_NAME_OTHER;
}

gboolean
_glossator_check_article_path (const char  *relative,
                               char       **why)
{
  g_auto(GStrv) parts = NULL;
  const char *name;
  guint n;

  g_return_val_if_fail (relative != NULL, FALSE);

  if (*relative == '\0')
    {
      if (why != NULL)
        *why = g_strdup (_("an empty name"));
      return FALSE;
    }
  parts = g_strsplit (relative, "/", -1);
  n = g_strv_length (parts);
  for (guint i = 0; i < n; i++)
    {
      if (parts[i][0] == '\0')
        {
          if (why != NULL)
            *why = g_strdup (i == 0 && n > 1 ? _("an absolute path") : _("a path with an empty name in it"));
          return FALSE;
        }
      if (g_str_equal (parts[i], ".."))
        {
          if (why != NULL)
            *why = g_strdup (_("“..” leads out of the folder"));
          return FALSE;
        }
      if (parts[i][0] == '.')
        {
          if (why != NULL)
            *why = g_strdup_printf (_("“%s” is hidden (starts with a dot)"), parts[i]);
          return FALSE;
        }
    }

  name = parts[n - 1];
  switch (_glossator_name_kind (name))
    {
    case GLOSSATOR_NAME_ARTICLE:
      return TRUE;
    case GLOSSATOR_NAME_BACKUP:
      if (why != NULL)
        *why = g_strdup_printf (_("“%s” is the name of a backup (ends with ~)"), name);
      return FALSE;
    case GLOSSATOR_NAME_SIDECAR:
      if (why != NULL)
        *why = g_strdup_printf (_("“%s” is the name of a sidecar"), name);
      return FALSE;
    case GLOSSATOR_NAME_SCHEMA:
      if (why != NULL)
        *why = g_strdup_printf (_("“%s” is the name of a label schema"), name);
      return FALSE;
    case GLOSSATOR_NAME_HIDDEN:   /* told above */
    case GLOSSATOR_NAME_OTHER:
    default:
      if (why != NULL)
        *why = g_strdup_printf (_("“%s” is not an article name (.txt, .md, .markdown, .json, .html or .htm)"),
                                name);
      return FALSE;
    }
}

gboolean
_glossator_check_readable_file (GFile         *file,
                                GCancellable  *cancellable,
                                GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE, G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info != NULL && g_file_info_get_file_type (info) == G_FILE_TYPE_SPECIAL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                           _("not a regular file (a pipe, a socket or a device); not read"));
      return FALSE;
    }
  return TRUE;
}

/* Files relative to a folder descriptor */

static void
set_error_from_errno (GError     **error,
                      int          saved,
                      const char  *name)
{
  if (name != NULL)
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", name, g_strerror (saved));
  else
    g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved), g_strerror (saved));
}

/* Why @name in @dir_fd could not be opened as asked with O_NOFOLLOW. */
static void
set_open_error (GError     **error,
                int          dir_fd,
                const char  *name,
                int          saved,
                gboolean     want_folder)
{
  struct stat st;

  if ((saved == ELOOP || saved == ENOTDIR || saved == EMLINK) &&
      fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
      if (S_ISLNK (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TOO_MANY_LINKS,
                       _("“%s” is a symbolic link; nothing is read or written through links"), name);
          return;
        }
      if (want_folder && !S_ISDIR (st.st_mode))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, _("“%s” is not a folder"), name);
          return;
        }
    }
  set_error_from_errno (error, saved, name);
}

int
_glossator_open_folder_at (int          dir_fd,
                           const char  *relative,
                           gboolean     create,
                           GError     **error)
{
  g_auto(GStrv) parts = NULL;
  int fd;

  g_return_val_if_fail (dir_fd >= 0, -1);
  g_return_val_if_fail (relative != NULL, -1);

  fd = fcntl (dir_fd, F_DUPFD_CLOEXEC, 0);
  if (fd < 0)
    {
      set_error_from_errno (error, errno, NULL);
      return -1;
    }

  parts = g_strsplit (relative, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name = parts[i];
      int next, saved;

      if (*name == '\0')
        continue;
      next = openat (fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
      if (next < 0 && errno == ENOENT && create)
        {
          if (mkdirat (fd, name, 0777) < 0 && errno != EEXIST)
            {
              set_error_from_errno (error, errno, name);
              close (fd);
              return -1;
            }
          next = openat (fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        }
      if (next < 0)
        {
          saved = errno;
          set_open_error (error, fd, name, saved, TRUE);
          close (fd);
          return -1;
        }
      close (fd);
      fd = next;
    }

  return fd;
}

gboolean
_glossator_read_at (int          dir_fd,
                    const char  *name,
                    gsize        max_bytes,
                    GBytes     **contents,
                    GError     **error)
{
  g_autoptr(GByteArray) data = NULL;
  struct stat st;
  int fd, saved;

  g_return_val_if_fail (contents != NULL && *contents == NULL, FALSE);

  /* Non-blocking: a FIFO with the name must not hang the import. */
  fd = openat (dir_fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
  if (fd < 0)
    {
      saved = errno;
      if (saved == ENOENT)
        return TRUE;
      set_open_error (error, dir_fd, name, saved, FALSE);
      return FALSE;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("“%s” is not a regular file"), name);
      return FALSE;
    }
  if ((guint64) st.st_size > max_bytes)
    {
      close (fd);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("“%s” is too large"), name);
      return FALSE;
    }

  data = g_byte_array_sized_new ((guint) st.st_size + 1);
  for (;;)
    {
      guint8 buffer[65536];
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          set_error_from_errno (error, saved, NULL);
          return FALSE;
        }
      if (n == 0)
        break;
      if (data->len + (gsize) n > max_bytes)
        {
          close (fd);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("“%s” is too large"), name);
          return FALSE;
        }
      g_byte_array_append (data, buffer, (guint) n);
    }
  close (fd);

  *contents = g_byte_array_free_to_bytes (g_steal_pointer (&data));
  return TRUE;
}

static gboolean
write_fd (int          fd,
          const char  *data,
          gsize        n_bytes,
          gboolean     sync,
          GError     **error)
{
  while (n_bytes > 0)
    {
      gssize n = write (fd, data, n_bytes);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          set_error_from_errno (error, errno, NULL);
          return FALSE;
        }
      data += n;
      n_bytes -= (gsize) n;
    }
  /* Like G_FILE_SET_CONTENTS_CONSISTENT: what replaces a file is on the
   * disk before the rename, or a crash could leave an empty one. */
  if (sync && fsync (fd) != 0)
    {
      set_error_from_errno (error, errno, NULL);
      return FALSE;
    }
  return TRUE;
}

char *
_glossator_stage_at (int          dir_fd,
                     const char  *name,
                     const char  *data,
                     gsize        n_bytes,
                     GError     **error)
{
  struct stat st;
  gboolean replaces;

  g_return_val_if_fail (dir_fd >= 0 && name != NULL, NULL);
  g_return_val_if_fail (data != NULL || n_bytes == 0, NULL);

  replaces = fstatat (dir_fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0;
  for (guint attempt = 0; attempt < 100; attempt++)
    {
      /* Hidden, so that a corpus walk never takes it for an article, and
       * named as every temporary file is, so a later save removes it. */
      g_autofree char *staged = _glossator_atomic_file_temp_name (name);
      int fd = openat (dir_fd, staged, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666);

      if (fd < 0 && errno == EEXIST)
        continue;
      if (fd < 0)
        {
          set_error_from_errno (error, errno, NULL);
          return NULL;
        }
      if (!write_fd (fd, data, n_bytes, replaces, error))
        {
          close (fd);
          unlinkat (dir_fd, staged, 0);
          return NULL;
        }
      if (close (fd) != 0)
        {
          set_error_from_errno (error, errno, NULL);
          unlinkat (dir_fd, staged, 0);
          return NULL;
        }
      return g_steal_pointer (&staged);
    }

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, g_strerror (EEXIST));
  return NULL;
}

gboolean
_glossator_commit_at (int          dir_fd,
                      const char  *staged,
                      const char  *name,
                      GError     **error)
{
  if (renameat (dir_fd, staged, dir_fd, name) != 0)
    {
      set_error_from_errno (error, errno, NULL);
      unlinkat (dir_fd, staged, 0);
      return FALSE;
    }
  return TRUE;
}

void
_glossator_discard_at (int         dir_fd,
                       const char *staged)
{
  if (staged != NULL)
    unlinkat (dir_fd, staged, 0);
}

/* Staged writes */

struct _GlossatorStaging {
  GPtrArray *staged;    /* char*: temporary files */
  GPtrArray *targets;   /* char*: where each goes */
  GPtrArray *folders;   /* char*: folders made, outermost first */
};

GlossatorStaging *
_glossator_staging_new (void)
{
  GlossatorStaging *staging = g_new0 (GlossatorStaging, 1);

  staging->staged = g_ptr_array_new_with_free_func (g_free);
  staging->targets = g_ptr_array_new_with_free_func (g_free);
  staging->folders = g_ptr_array_new_with_free_func (g_free);
  return staging;
}

/* g_mkdir_with_parents(), remembering what it made. */
static gboolean
make_folders (GlossatorStaging  *staging,
              const char        *folder,
              GError           **error)
{
  g_autofree char *parent = NULL;

  if (g_file_test (folder, G_FILE_TEST_IS_DIR))
    return TRUE;
  parent = g_path_get_dirname (folder);
  if (!g_str_equal (parent, folder) && !make_folders (staging, parent, error))
    return FALSE;
  if (g_mkdir (folder, 0777) != 0 && errno != EEXIST)
    {
      set_error_from_errno (error, errno, folder);
      return FALSE;
    }
  g_ptr_array_add (staging->folders, g_strdup (folder));
  return TRUE;
}

gboolean
_glossator_staging_write (GlossatorStaging  *staging,
                          GFile             *file,
                          const char        *data,
                          gsize              n_bytes,
                          GCancellable      *cancellable,
                          GError           **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *template = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *path;
  int fd;

  g_return_val_if_fail (staging != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  path = g_file_peek_path (file);
  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a local file"), uri);
      return FALSE;
    }

  folder = g_path_get_dirname (path);
  if (!make_folders (staging, folder, error))
    return FALSE;
  {
    g_autofree char *basename = g_path_get_basename (path);
    g_autofree char *name = _glossator_atomic_file_temp_name (basename);

    /* The random part is the pattern's; mkstemp only needs its XXXXXX. */
    memcpy (name + strlen (name) - 6, "XXXXXX", 6);
    template = g_build_filename (folder, name, NULL);
  }
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      set_error_from_errno (error, errno, path);
      return FALSE;
    }
  if (!write_fd (fd, data, n_bytes, g_file_test (path, G_FILE_TEST_EXISTS), &local_error))
    close (fd);
  else if (close (fd) != 0)
    set_error_from_errno (&local_error, errno, NULL);
  if (local_error != NULL)
    {
      g_unlink (template);
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", path, local_error->message);
      return FALSE;
    }

  g_ptr_array_add (staging->staged, g_steal_pointer (&template));
  g_ptr_array_add (staging->targets, g_strdup (path));
  return TRUE;
}

gboolean
_glossator_staging_commit (GlossatorStaging  *staging,
                           GError           **error)
{
  g_return_val_if_fail (staging != NULL, FALSE);

  for (guint i = 0; i < staging->staged->len; i++)
    {
      const char *target = g_ptr_array_index (staging->targets, i);

      if (g_rename (g_ptr_array_index (staging->staged, i), target) != 0)
        {
          set_error_from_errno (error, errno, target);
          /* What is left is removed on free; what was renamed stays. */
          g_ptr_array_remove_range (staging->staged, 0, i);
          g_ptr_array_remove_range (staging->targets, 0, i);
          g_ptr_array_set_size (staging->folders, 0);
          return FALSE;
        }
    }

  g_ptr_array_set_size (staging->staged, 0);
  g_ptr_array_set_size (staging->targets, 0);
  g_ptr_array_set_size (staging->folders, 0);
  return TRUE;
}

void
_glossator_staging_free (GlossatorStaging *staging)
{
  if (staging == NULL)
    return;

  for (guint i = 0; i < staging->staged->len; i++)
    g_unlink (g_ptr_array_index (staging->staged, i));
  /* Innermost first; folders that hold other files stay. */
  for (guint i = staging->folders->len; i > 0; i--)
    g_rmdir (g_ptr_array_index (staging->folders, i - 1));

  g_ptr_array_unref (staging->staged);
  g_ptr_array_unref (staging->targets);
  g_ptr_array_unref (staging->folders);
  g_free (staging);
}

GFile *
_glossator_find_work_tree_root (GFile *folder)
{
  g_autoptr(GFile) dir = g_object_ref (folder);

  while (dir != NULL)
    {
      g_autoptr(GFile) git = g_file_get_child (dir, ".git");
      GFileType type = g_file_query_file_type (git, G_FILE_QUERY_INFO_NONE, NULL);
      GFile *parent;

      if (type == G_FILE_TYPE_DIRECTORY || type == G_FILE_TYPE_REGULAR)
        return g_steal_pointer (&dir);

      parent = g_file_get_parent (dir);
      g_set_object (&dir, parent);
      g_clear_object (&parent);
    }

  return NULL;
}

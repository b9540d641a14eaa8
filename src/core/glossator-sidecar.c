/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar"

#include "config.h"

#include "glossator-document-private.h"
#include "glossator-files-private.h"
#include "glossator-sidecar-private.h"

G_DEFINE_QUARK (glossator-sidecar-error-quark, glossator_sidecar_error)

static void
sidecar_data_free (gpointer data)
{
  SidecarData *sd = data;

  g_free (sd->created);
  g_free (sd->modified);
  g_clear_pointer (&sd->top_extra, json_object_unref);
  g_clear_pointer (&sd->article_extra, json_object_unref);
  g_clear_pointer (&sd->document_extra, json_object_unref);
  _glossator_sidecar_identity_clear (&sd->identity);
  g_free (sd);
}

SidecarData *
_glossator_sidecar_ensure_data (GlossatorDocument *document)
{
  SidecarData *sd = _glossator_document_get_sidecar_data (document);

  if (sd == NULL)
    {
      sd = g_new0 (SidecarData, 1);
      _glossator_document_set_sidecar_data (document, sd, sidecar_data_free);
    }

  return sd;
}

/* @file's sibling named as @file with @suffix appended. */
static GFile *
file_with_suffix (GFile      *file,
                  const char *suffix)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autofree char *name = g_strconcat (basename, suffix, NULL);
  g_autoptr(GFile) parent = g_file_get_parent (file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

GFile *
glossator_sidecar_file_for (GFile *article_file)
{
  g_return_val_if_fail (G_IS_FILE (article_file), NULL);

  return file_with_suffix (article_file, GLOSSATOR_SIDECAR_SUFFIX);
}

GFile *
glossator_sidecar_backup_file_for (GFile *sidecar_file)
{
  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  return file_with_suffix (sidecar_file, "~");
}

void
_glossator_sidecar_identity_set (SidecarIdentity *identity,
                                 gconstpointer    data,
                                 gsize            length)
{
  g_free (identity->sha256);
  identity->known = TRUE;
  identity->size = length;
  identity->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, length);
}

void
_glossator_sidecar_identity_copy (SidecarIdentity       *dest,
                                  const SidecarIdentity *src)
{
  g_free (dest->sha256);
  *dest = *src;
  dest->sha256 = g_strdup (src->sha256);
}

void
_glossator_sidecar_identity_clear (SidecarIdentity *identity)
{
  g_clear_pointer (&identity->sha256, g_free);
  identity->known = FALSE;
  identity->size = 0;
}

/* The SHA-256 of what @file holds, read in pieces: a sidecar can be tens
 * of megabytes. */
static char *
checksum_file (GFile         *file,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFileInputStream) in = NULL;
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autofree guint8 *buffer = g_malloc (256 * 1024);
  gssize n_read;

  if ((in = g_file_read (file, cancellable, error)) == NULL)
    return NULL;
  while ((n_read = g_input_stream_read (G_INPUT_STREAM (in), buffer, 256 * 1024, cancellable, error)) > 0)
    g_checksum_update (checksum, buffer, n_read);
  if (n_read < 0)
    return NULL;

  return g_strdup (g_checksum_get_string (checksum));
}

gboolean
_glossator_sidecar_identity_compare (const SidecarIdentity  *identity,
                                     GFile                  *file,
                                     SidecarDiskState       *state,
                                     GCancellable           *cancellable,
                                     GError                **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local_error);
  if (info == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      *state = identity->known ? SIDECAR_DISK_MISSING : SIDECAR_DISK_SAME;
      return TRUE;
    }

  /* Only the bytes of a regular file of the same size need reading. */
  if (info != NULL &&
      (!identity->known ||
       g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR ||
       g_file_info_get_size (info) != identity->size))
    {
      *state = SIDECAR_DISK_CHANGED;
      return TRUE;
    }

  if (info == NULL || (sha256 = checksum_file (file, cancellable, &local_error)) == NULL)
    {
      g_autofree char *display_name = _glossator_sidecar_display_name (file);

      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return FALSE;
    }

  *state = g_strcmp0 (sha256, identity->sha256) == 0 ? SIDECAR_DISK_SAME : SIDECAR_DISK_CHANGED;
  return TRUE;
}

const char *
glossator_sidecar_get_checksum (GlossatorDocument *document)
{
  SidecarData *sd;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  sd = _glossator_document_get_sidecar_data (document);
  return sd != NULL ? sd->identity.sha256 : NULL;
}

gboolean
glossator_sidecar_changed_on_disk (GlossatorDocument  *document,
                                   GFile              *sidecar_file,
                                   gboolean           *changed,
                                   GCancellable       *cancellable,
                                   GError            **error)
{
  SidecarData *sd;
  SidecarDiskState state;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), FALSE);
  g_return_val_if_fail (changed != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sd = _glossator_sidecar_ensure_data (document);
  if (!_glossator_sidecar_identity_compare (&sd->identity, sidecar_file, &state, cancellable, error))
    return FALSE;
  *changed = state != SIDECAR_DISK_SAME;

  return TRUE;
}

char *
_glossator_sidecar_display_name (GFile *file)
{
  return g_file_get_path (file) ?: g_file_get_uri (file);
}

GlossatorDocument *
glossator_sidecar_load (GlossatorText    *text,
                        GFile            *sidecar_file,
                        GlossatorSchema  *schema,
                        GPtrArray        *problems,
                        GCancellable     *cancellable,
                        GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  display_name = _glossator_sidecar_display_name (sidecar_file);
  if (!_glossator_check_readable_file (sidecar_file, cancellable, &local_error) ||
      !g_file_load_contents (sidecar_file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          document = glossator_document_new (text);
          _glossator_sidecar_ensure_data (document);
          return g_steal_pointer (&document);
        }
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return NULL;
    }

  document = glossator_sidecar_parse (text, display_name, contents, length, schema, problems, error);
  if (document != NULL)
    _glossator_sidecar_identity_set (&_glossator_sidecar_ensure_data (document)->identity, contents, length);

  return g_steal_pointer (&document);
}

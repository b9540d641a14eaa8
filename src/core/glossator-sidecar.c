/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar"

#include "config.h"

#include "glossator-document-private.h"
#include "glossator-sidecar-private.h"

G_DEFINE_QUARK (glossator-sidecar-error-quark, glossator_sidecar_error)

static void
sidecar_data_free (gpointer data)
{
  SidecarData *sd = data;

  g_free (sd->created);
  g_free (sd->modified);
  g_free (sd->checksum);
  g_clear_pointer (&sd->top_extra, json_object_unref);
  g_clear_pointer (&sd->article_extra, json_object_unref);
  g_clear_pointer (&sd->document_extra, json_object_unref);
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

void
glossator_problem_free (GlossatorProblem *problem)
{
  if (problem == NULL)
    return;

  g_free (problem->path);
  g_free (problem->message);
  g_free (problem);
}

char *
glossator_problem_to_string (const GlossatorProblem *problem)
{
  const char *severity;

  g_return_val_if_fail (problem != NULL, NULL);

  severity = problem->severity == GLOSSATOR_PROBLEM_ERROR ? "error" : "warning";
  if (problem->path != NULL)
    return g_strdup_printf ("%s: %s: %s", severity, problem->path, problem->message);
  return g_strdup_printf ("%s: %s", severity, problem->message);
}

const char *
glossator_sidecar_get_checksum (GlossatorDocument *document)
{
  SidecarData *sd;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  sd = _glossator_document_get_sidecar_data (document);
  return sd != NULL ? sd->checksum : NULL;
}

GFile *
glossator_sidecar_file_for (GFile *article_file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (article_file), NULL);

  basename = g_file_get_basename (article_file);
  name = g_strconcat (basename, GLOSSATOR_SIDECAR_SUFFIX, NULL);
  parent = g_file_get_parent (article_file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

GFile *
glossator_sidecar_backup_file_for (GFile *sidecar_file)
{
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  basename = g_file_get_basename (sidecar_file);
  name = g_strconcat (basename, "~", NULL);
  parent = g_file_get_parent (sidecar_file);

  return parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

void
_glossator_sidecar_remember_identity (SidecarData *sd,
                   GFileInfo   *info)
{
  if (info == NULL)
    {
      sd->has_identity = FALSE;
      return;
    }

  sd->has_identity = TRUE;
  sd->size = g_file_info_get_size (info);
  sd->mtime_usec = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED) * G_USEC_PER_SEC +
                   g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC);
}

#define IDENTITY_ATTRIBUTES G_FILE_ATTRIBUTE_STANDARD_SIZE "," \
                            G_FILE_ATTRIBUTE_TIME_MODIFIED "," \
                            G_FILE_ATTRIBUTE_TIME_MODIFIED_USEC

GFileInfo *
_glossator_sidecar_query_identity (GFile         *file,
                GCancellable  *cancellable,
                GError       **error)
{
  return g_file_query_info (file, IDENTITY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE, cancellable, error);
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
  g_autoptr(GFileInfo) before = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autofree char *display_name = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  display_name = _glossator_sidecar_display_name (sidecar_file);
  before = _glossator_sidecar_query_identity (sidecar_file, cancellable, &local_error);
  if (before == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      document = glossator_document_new (text);
      _glossator_sidecar_ensure_data (document);
      return g_steal_pointer (&document);
    }
  if (before == NULL ||
      !g_file_load_contents (sidecar_file, cancellable, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   "%s: %s", display_name, local_error->message);
      return NULL;
    }

  document = glossator_sidecar_parse (text, display_name, contents, length, schema, problems, error);
  if (document != NULL)
    {
      SidecarData *sd = _glossator_sidecar_ensure_data (document);

      _glossator_sidecar_remember_identity (sd, before);
      sd->checksum = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
    }

  return g_steal_pointer (&document);
}

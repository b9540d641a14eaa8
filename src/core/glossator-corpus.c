/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-corpus"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossator-article.h"
#include "glossator-corpus.h"
#include "glossator-files-private.h"
#include "glossator-sidecar.h"

#define QUERY_ATTRIBUTES \
  G_FILE_ATTRIBUTE_STANDARD_NAME "," \
  G_FILE_ATTRIBUTE_STANDARD_TYPE "," \
  G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK

typedef struct {
  GPtrArray    *articles;     /* GFile* */
  GHashTable   *seen;         /* GFile* set, borrowed from articles */
  GPtrArray    *problems;     /* nullable */
  GCancellable *cancellable;
  char         *folder;       /* the real path of the folder being walked from */
} Walk;

static void G_GNUC_PRINTF (4, 5)
add_problem (Walk                 *walk,
             GlossatorProblemKind  kind,
             GFile                *file,
             const char           *format,
             ...)
{
  g_autofree char *path = NULL;
  GlossatorProblem *problem;
  va_list args;

  if (walk->problems == NULL)
    return;

  path = g_file_get_parse_name (file);
  va_start (args, format);
  /* A path given that is not there, or a folder that cannot be read,
   * leaves out what the user asked for; the rest only what is not
   * annotated text. */
  problem = glossator_problem_new_valist (kind == GLOSSATOR_CORPUS_PROBLEM_MISSING ||
                                            kind == GLOSSATOR_CORPUS_PROBLEM_UNREADABLE
                                            ? GLOSSATOR_PROBLEM_ERROR : GLOSSATOR_PROBLEM_WARNING,
                                          path, format, args);
  va_end (args);
  problem->kind = kind;
  problem->file = g_object_ref (file);

  g_ptr_array_add (walk->problems, problem);
}

static void
add_article (Walk  *walk,
             GFile *file)
{
  if (g_hash_table_contains (walk->seen, file))
    return;

  g_ptr_array_add (walk->articles, g_object_ref (file));
  g_hash_table_add (walk->seen, file);
}

static char *
sort_key (GFile *file)
{
  char *key = g_file_get_path (file);

  return key != NULL ? key : g_file_get_uri (file);
}

/* Byte order, except that the separator sorts first, which amounts to
 * comparing component by component. */
static int
compare_keys (const char *a,
              const char *b)
{
  const guchar *p = (const guchar *) a;
  const guchar *q = (const guchar *) b;

  while (*p != '\0' && *p == *q)
    {
      p++;
      q++;
    }

  if (*p == *q)
    return 0;
  if (*p == '/')
    return *q == '\0' ? 1 : -1;
  if (*q == '/')
    return *p == '\0' ? -1 : 1;
  return *p < *q ? -1 : 1;
}

int
glossator_corpus_compare_files (GFile *a,
                                GFile *b)
{
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  g_return_val_if_fail (G_IS_FILE (a), 0);
  g_return_val_if_fail (G_IS_FILE (b), 0);

  key_a = sort_key (a);
  key_b = sort_key (b);
  return compare_keys (key_a, key_b);
}

static int
compare_file_ptrs (gconstpointer a,
                   gconstpointer b)
{
  return glossator_corpus_compare_files (*(GFile * const *) a, *(GFile * const *) b);
}

static int
compare_infos (gconstpointer a,
               gconstpointer b)
{
  GFileInfo *info_a = *(GFileInfo * const *) a;
  GFileInfo *info_b = *(GFileInfo * const *) b;

  return compare_keys (g_file_info_get_name (info_a), g_file_info_get_name (info_b));
}

static char *
article_name_for_sidecar_name (const char *name)
{
  gsize n = strlen (name);
  gsize n_suffix = strlen (GLOSSATOR_SIDECAR_SUFFIX);

  if (n <= n_suffix || !g_str_has_suffix (name, GLOSSATOR_SIDECAR_SUFFIX))
    return NULL;
  return g_strndup (name, n - n_suffix);
}

/**
 * glossator_corpus_article_for_sidecar:
 * @sidecar_file: a file
 *
 * Returns: (transfer full) (nullable): the article that
 *   @sidecar_file would be the sidecar of, whether it exists or not, or
 *   %NULL when the name is not a sidecar's.
 */
GFile *
glossator_corpus_article_for_sidecar (GFile *sidecar_file)
{
  g_autofree char *name = NULL;
  g_autofree char *article_name = NULL;
  g_autoptr(GFile) parent = NULL;

  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);

  name = g_file_get_basename (sidecar_file);
  parent = g_file_get_parent (sidecar_file);
  if (name == NULL || parent == NULL)
    return NULL;

  article_name = article_name_for_sidecar_name (name);
  if (article_name == NULL)
    return NULL;

  return g_file_get_child (parent, article_name);
}

static void
add_orphan (Walk       *walk,
            GFile      *sidecar,
            const char *article_name,
            gboolean    article_exists)
{
  if (article_exists)
    add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR, sidecar,
                 _("sidecar without its article: “%s” is not an article Glossator opens"),
                 article_name);
  else
    add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR, sidecar,
                 _("sidecar without its article: there is no “%s” beside it"),
                 article_name);
}

static gboolean
walk_folder (Walk    *walk,
             GFile   *folder,
             GError **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) articles = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) outside = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GError) local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (walk->cancellable, error))
    return FALSE;

  enumerator = g_file_enumerate_children (folder, QUERY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                                          walk->cancellable, &local_error);
  while (enumerator != NULL)
    {
      GFileInfo *info = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, NULL, walk->cancellable, &local_error) ||
          info == NULL)
        break;
      g_ptr_array_add (infos, g_object_ref (info));
    }

  if (local_error != NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_UNREADABLE, folder,
                   _("cannot list the folder: %s"), local_error->message);
      /* Whatever was listed before the failure is still worth checking. */
    }

  g_ptr_array_sort (infos, compare_infos);

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (info);

      g_hash_table_add (names, (gpointer) name);
      if (name[0] != '.' && g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          g_file_info_get_is_symlink (info))
        {
          g_autoptr(GFile) child = g_file_get_child (folder, name);
          g_autofree char *target = NULL;

          /* A link may lead anywhere: the corpus is what is inside the
           * folder named. */
          if (_glossator_link_leads_out (child, walk->folder, &target))
            {
              g_autofree char *article_name = article_name_for_sidecar_name (name);

              g_hash_table_add (outside, (gpointer) name);
              if (article_name != NULL)
                add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE, child,
                             _("a link to %s, outside the folder %s; not read, nor its article"),
                             target, walk->folder);
              else
                add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE, child,
                             _("a link to %s, outside the folder %s; not read"), target, walk->folder);
            }
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR &&
          glossator_article_is_article_name (name) && !g_hash_table_contains (outside, name))
        g_hash_table_add (articles, (gpointer) name);
    }

  /* An article whose sidecar is read from outside is left out with it. */
  for (guint i = 0; i < infos->len; i++)
    {
      g_autofree char *article_name = article_name_for_sidecar_name (g_file_info_get_name (infos->pdata[i]));

      if (article_name != NULL && g_hash_table_contains (outside, g_file_info_get_name (infos->pdata[i])))
        g_hash_table_remove (articles, article_name);
    }

  for (guint i = 0; i < infos->len; i++)
    {
      GFileInfo *info = g_ptr_array_index (infos, i);
      const char *name = g_file_info_get_name (info);
      g_autoptr(GFile) child = NULL;
      g_autofree char *article_name = NULL;

      if (name[0] == '.' || g_hash_table_contains (outside, name))
        continue;

      child = g_file_get_child (folder, name);
      switch ((int) g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          /* Not following links to folders keeps the walk finite. */
          if (!g_file_info_get_is_symlink (info) && !walk_folder (walk, child, error))
            return FALSE;
          break;

        case G_FILE_TYPE_REGULAR:
          if (g_hash_table_contains (articles, name))
            {
              add_article (walk, child);
            }
          else if ((article_name = article_name_for_sidecar_name (name)) != NULL &&
                   !g_hash_table_contains (articles, article_name))
            {
              add_orphan (walk, child, article_name, g_hash_table_contains (names, article_name));
            }
          break;

        default:
          break;
        }
    }

  return TRUE;
}

static gboolean
is_regular_article (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);

  return name != NULL &&
         glossator_article_is_article_name (name) &&
         g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR;
}

static gboolean
collect_root (Walk    *walk,
              GFile   *root,
              GError **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) article = NULL;
  const char *name;

  info = g_file_query_info (root, QUERY_ATTRIBUTES, G_FILE_QUERY_INFO_NONE,
                            walk->cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_MISSING, root, _("no such file or folder"));
      else
        add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_MISSING, root, "%s", local_error->message);
      return TRUE;
    }

  /* A folder named explicitly is walked even when hidden or a link. */
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      gboolean ok;

      walk->folder = _glossator_real_path (root);
      if (walk->folder == NULL)
        walk->folder = g_file_get_uri (root);
      ok = walk_folder (walk, root, error);
      g_clear_pointer (&walk->folder, g_free);
      return ok;
    }

  name = g_file_info_get_name (info);
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR)
    {
      if (glossator_article_is_article_name (name))
        {
          add_article (walk, root);
          return TRUE;
        }

      article = glossator_corpus_article_for_sidecar (root);
      if (article != NULL)
        {
          if (is_regular_article (article))
            {
              add_article (walk, article);
            }
          else
            {
              g_autofree char *article_name = g_file_get_basename (article);

              add_orphan (walk, root, article_name, g_file_query_exists (article, NULL));
            }
          return TRUE;
        }
    }

  add_problem (walk, GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE, root,
               _("not an article, a sidecar or a folder"));
  return TRUE;
}

/**
 * glossator_corpus_collect:
 * @roots: (array length=n_roots): files and folders
 * @n_roots: the number of @roots
 * @problems: (nullable) (element-type GlossatorProblem): where to add
 *   what cannot be used: paths that do not exist, files that are neither
 *   articles nor sidecars, sidecars without their article, folders that
 *   cannot be listed, links to files outside the folder
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Finds the articles under @roots. Folders are walked recursively,
 * skipping hidden files and folders, not following symbolic links to
 * folders, and not reading links to files outside the folder given (an
 * article whose sidecar is one is left out too); a sidecar stands for its
 * article.
 *
 * Returns: (transfer container) (element-type GFile): the articles, each
 *   once, sorted by path; %NULL only when cancelled.
 */
GPtrArray *
glossator_corpus_collect (GFile * const  *roots,
                          guint           n_roots,
                          GPtrArray      *problems,
                          GCancellable   *cancellable,
                          GError        **error)
{
  g_autoptr(GPtrArray) articles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_file_hash, (GEqualFunc) g_file_equal);
  Walk walk = { articles, seen, problems, cancellable, NULL };

  g_return_val_if_fail (roots != NULL || n_roots == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < n_roots; i++)
    {
      g_return_val_if_fail (G_IS_FILE (roots[i]), NULL);

      if (!collect_root (&walk, roots[i], error))
        return NULL;
    }

  g_ptr_array_sort (articles, compare_file_ptrs);
  return g_steal_pointer (&articles);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-copies"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "glossator-copies.h"
#include "glossator-corpus.h"
#include "glossator-sidecar.h"

typedef struct {
  GFile *article;
  GFile *sidecar;
} Copy;

typedef struct {
  GFile      *root;       /* the folder, or the sidecar */
  gboolean    folder;
  char       *name;
  GHashTable *copies;     /* path relative to the folder → Copy* */
} Annotator;

struct _GlossatorCopies {
  GPtrArray *annotators;  /* Annotator* */
};

static void
copy_free (gpointer data)
{
  Copy *copy = data;

  g_clear_object (&copy->article);
  g_clear_object (&copy->sidecar);
  g_free (copy);
}

static void
annotator_free (gpointer data)
{
  Annotator *annotator = data;

  g_clear_object (&annotator->root);
  g_free (annotator->name);
  g_clear_pointer (&annotator->copies, g_hash_table_unref);
  g_free (annotator);
}

void
glossator_loaded_copy_clear (GlossatorLoadedCopy *loaded)
{
  g_clear_object (&loaded->article);
  g_clear_object (&loaded->document);
  g_clear_pointer (&loaded->recorded_sha256, g_free);
}

GlossatorCopies *
glossator_copies_new (void)
{
  GlossatorCopies *self = g_new0 (GlossatorCopies, 1);

  self->annotators = g_ptr_array_new_with_free_func (annotator_free);
  return self;
}

void
glossator_copies_free (GlossatorCopies *self)
{
  if (self == NULL)
    return;

  g_ptr_array_unref (self->annotators);
  g_free (self);
}

static Annotator *
annotator_new (GlossatorCopies *self,
               GFile           *root,
               gboolean         folder)
{
  Annotator *annotator = g_new0 (Annotator, 1);

  annotator->root = g_object_ref (root);
  annotator->folder = folder;
  annotator->copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, copy_free);
  g_ptr_array_add (self->annotators, annotator);
  return annotator;
}

void
glossator_copies_add_folder (GlossatorCopies *self,
                             GFile           *folder,
                             GPtrArray       *problems,
                             GCancellable    *cancellable)
{
  Annotator *annotator;
  g_autoptr(GPtrArray) articles = NULL;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (folder));

  annotator = annotator_new (self, folder, TRUE);
  articles = glossator_corpus_collect (&annotator->root, 1, problems, cancellable, NULL);
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      GFile *article = g_ptr_array_index (articles, i);
      Copy *copy = g_new0 (Copy, 1);

      copy->article = g_object_ref (article);
      copy->sidecar = glossator_sidecar_file_for (article);
      g_hash_table_insert (annotator->copies, g_file_get_relative_path (annotator->root, article), copy);
    }
}

void
glossator_copies_add_sidecar (GlossatorCopies *self,
                              GFile           *sidecar,
                              GFile           *article)
{
  Annotator *annotator;
  Copy *copy;

  g_return_if_fail (self != NULL);
  g_return_if_fail (G_IS_FILE (sidecar));
  g_return_if_fail (G_IS_FILE (article));

  annotator = annotator_new (self, sidecar, FALSE);
  copy = g_new0 (Copy, 1);
  copy->article = g_object_ref (article);
  copy->sidecar = g_object_ref (sidecar);
  /* Single sidecars are one document, whatever their names. */
  g_hash_table_insert (annotator->copies, g_strdup (""), copy);
}

void
glossator_copies_name (GlossatorCopies    *self,
                       const char * const *given)
{
  GPtrArray *annotators;

  g_return_if_fail (self != NULL);
  g_return_if_fail (given != NULL);

  annotators = self->annotators;
  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (annotators, i);

      g_free (annotator->name);
      if (annotator->folder)
        annotator->name = g_file_get_basename (annotator->root);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (annotator->root);

          annotator->name = parent != NULL ? g_file_get_basename (parent) : g_strdup (given[i]);
        }
    }
  for (guint i = 0; i < annotators->len; i++)
    for (guint j = 0; j < annotators->len; j++)
      {
        Annotator *a = g_ptr_array_index (annotators, i), *b = g_ptr_array_index (annotators, j);

        if (i != j && strcmp (a->name, b->name) == 0)
          {
            for (guint k = 0; k < annotators->len; k++)
              {
                Annotator *c = g_ptr_array_index (annotators, k);

                g_free (c->name);
                c->name = g_strdup (given[k]);
              }
            return;
          }
      }
}

guint
glossator_copies_get_n_copies (GlossatorCopies *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->annotators->len;
}

const char *
glossator_copies_get_name (GlossatorCopies *self,
                           guint            index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->annotators->len, NULL);

  return ((Annotator *) g_ptr_array_index (self->annotators, index))->name;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

GPtrArray *
glossator_copies_list_paths (GlossatorCopies *self)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GPtrArray *paths = g_ptr_array_new_with_free_func (g_free);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (self->annotators, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, annotator->copies);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (g_hash_table_add (seen, key))
          g_ptr_array_add (paths, g_strdup (key));
    }
  g_ptr_array_sort (paths, compare_paths);
  return paths;
}

gboolean
glossator_copies_lookup (GlossatorCopies  *self,
                         guint             index,
                         const char       *path,
                         GFile           **article,
                         GFile           **sidecar)
{
  Copy *copy;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (index < self->annotators->len, FALSE);

  copy = g_hash_table_lookup (((Annotator *) g_ptr_array_index (self->annotators, index))->copies, path);
  if (copy == NULL)
    return FALSE;
  if (article != NULL)
    *article = copy->article;
  if (sidecar != NULL)
    *sidecar = copy->sidecar;
  return TRUE;
}

static gboolean
file_exists (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR;
}

char *
glossator_copies_why_left_out (GlossatorCopies *self,
                               const char      *path)
{
  g_autoptr(GString) missing = g_string_new (NULL);
  g_autoptr(GString) unannotated = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (self->annotators, i);
      Copy *copy = g_hash_table_lookup (annotator->copies, path);

      if (copy == NULL)
        g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", annotator->name);
      else if (!file_exists (copy->sidecar))
        g_string_append_printf (unannotated, "%s%s", unannotated->len > 0 ? ", " : "", annotator->name);
    }
  if (missing->len > 0 && unannotated->len > 0)
    return g_strdup_printf (_("missing for %s; not annotated by %s"), missing->str, unannotated->str);
  if (missing->len > 0)
    return g_strdup_printf (_("missing for %s"), missing->str);
  if (unannotated->len > 0)
    return g_strdup_printf (_("not annotated by %s"), unannotated->str);
  return NULL;
}

/* The SHA-256 of the text the sidecar was made for, as it records it. */
static char *
recorded_sha256 (const char *data,
                 gsize       n_bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *article;

  if (!json_parser_load_from_data (parser, data, (gssize) n_bytes, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  article = json_object_get_object_member (json_node_get_object (root), "article");
  if (article == NULL || !json_object_has_member (article, "sha256") ||
      json_node_get_value_type (json_object_get_member (article, "sha256")) != G_TYPE_STRING)
    return NULL;
  return g_ascii_strdown (json_object_get_string_member (article, "sha256"), -1);
}

gboolean
glossator_copies_load (GlossatorCopies      *self,
                       guint                 index,
                       const char           *path,
                       GlossatorLoadedCopy  *loaded,
                       GFile               **failed,
                       GCancellable         *cancellable,
                       GError              **error)
{
  GFile *article_file, *sidecar_file;
  g_autofree char *data = NULL;
  g_autofree char *sidecar_path = NULL;
  gsize n_bytes;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (loaded != NULL, FALSE);

  if (!glossator_copies_lookup (self, index, path, &article_file, &sidecar_file))
    g_return_val_if_reached (FALSE);
  if (failed != NULL)
    *failed = article_file;
  loaded->article = glossator_article_load (article_file, cancellable, error);
  if (loaded->article == NULL)
    return FALSE;
  if (failed != NULL)
    *failed = sidecar_file;
  if (!g_file_load_contents (sidecar_file, cancellable, &data, &n_bytes, NULL, error))
    return FALSE;
  sidecar_path = g_file_get_path (sidecar_file);
  if (sidecar_path == NULL)
    sidecar_path = g_file_get_parse_name (sidecar_file);
  loaded->document = glossator_sidecar_parse (glossator_article_get_text (loaded->article),
                                              sidecar_path, data, n_bytes, NULL, NULL, error);
  if (loaded->document == NULL)
    return FALSE;
  /* The reader accepted it: it holds the article's SHA-256. */
  loaded->recorded_sha256 = recorded_sha256 (data, n_bytes);
  if (loaded->recorded_sha256 == NULL)
    {
      g_set_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_INVALID,
                   _("$.article.sha256: not read"));
      return FALSE;
    }
  return TRUE;
}

char *
glossator_copies_why_not_comparable (GlossatorCopies           *self,
                                     const GlossatorLoadedCopy *loaded)
{
  GString *changed = g_string_new (NULL);
  gboolean same = TRUE;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->annotators->len; i++)
    {
      GlossatorText *text = glossator_article_get_text (loaded[i].article);

      if (strcmp (loaded[i].recorded_sha256, glossator_text_get_sha256 (text)) != 0)
        g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "",
                                glossator_copies_get_name (self, i));
      if (strcmp (loaded[i].recorded_sha256, loaded[0].recorded_sha256) != 0)
        same = FALSE;
    }

  if (changed->len > 0)
    {
      g_autofree char *names = g_string_free (changed, FALSE);

      return g_strdup_printf (_("the article changed since it was annotated (%s)"), names);
    }
  g_string_free (changed, TRUE);

  if (!same)
    {
      g_autoptr(GString) shas = g_string_new (NULL);

      for (guint i = 0; i < self->annotators->len; i++)
        g_string_append_printf (shas, "%s%s %.12s…", i > 0 ? ", " : "",
                                glossator_copies_get_name (self, i), loaded[i].recorded_sha256);
      return g_strdup_printf (_("different text (SHA-256: %s)"), shas->str);
    }
  return NULL;
}

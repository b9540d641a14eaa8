/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "glossator-corpus.h"
#include "glossator-export.h"
#include "glossator-files-private.h"
#include "glossator-format-private.h"
#include "glossator-schema.h"

/* Export */

typedef struct {
  guint                    index;
  GFile                   *file;
  char                    *id;
  char                    *path;
  GlossatorArticle        *article;
  GlossatorDocument       *document;
  GBytes                  *sidecar;
  GlossatorExportDocument  item;
  GlossatorRender          render;
  GError                  *error;       /* the document could not be read or rendered */
  GPtrArray               *problems;    /* GlossatorProblem* found reading it */
  gboolean                 ready;
} Slot;

typedef struct {
  GlossatorExporter *exporter;
  GCancellable      *cancellable;
  GMutex             lock;
  GCond              cond;
} Pipeline;

static void
slot_clear (Slot *slot)
{
  g_clear_object (&slot->file);
  g_clear_pointer (&slot->id, g_free);
  g_clear_pointer (&slot->path, g_free);
  g_clear_object (&slot->article);
  g_clear_object (&slot->document);
  g_clear_pointer (&slot->sidecar, g_bytes_unref);
  _glossator_render_clear (&slot->render);
  g_clear_error (&slot->error);
  g_clear_pointer (&slot->problems, g_ptr_array_unref);
  slot->ready = FALSE;
}

static char *
display_name (GFile *file)
{
  return g_file_get_path (file) ?: g_file_get_uri (file);
}

/* g_file_load_contents(), in one read of the file's size for a local file
 * (GIO reads blocks into a growing buffer); errors come from GIO. A pipe
 * is refused, not opened. */
static gboolean
load_contents (GFile         *file,
               GCancellable  *cancellable,
               char         **contents,
               gsize         *length,
               GError       **error)
{
  const char *path = g_file_peek_path (file);

  if (!_glossator_check_readable_file (file, cancellable, error))
    return FALSE;
  if (path != NULL && g_file_get_contents (path, contents, length, NULL))
    return TRUE;
  return g_file_load_contents (file, cancellable, contents, length, NULL, error);
}

/* Reads the article and its sidecar, then renders: on a worker. */
static void
load_and_render (Slot     *slot,
                 Pipeline *pipeline)
{
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  const GlossatorFormat *format = pipeline->exporter->format;
  gsize length = 0;

  _glossator_render_init (&slot->render, slot->path);
  if (g_cancellable_is_cancelled (pipeline->cancellable))
    goto done;

  slot->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  slot->article = glossator_article_load (slot->file, pipeline->cancellable, &slot->error);
  if (slot->article == NULL)
    goto done;

  sidecar_file = glossator_sidecar_file_for (slot->file);
  name = display_name (sidecar_file);
  if (!load_contents (sidecar_file, pipeline->cancellable, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_set_error (&slot->error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
          goto done;
        }
      slot->document = glossator_document_new (glossator_article_get_text (slot->article));
    }
  else if (format->copies_sidecar || format->reads_mentions_only)
    {
      /* Entities, stances and quotes are checked but not kept. */
      slot->document = _glossator_sidecar_parse_mentions (glossator_article_get_text (slot->article), name,
                                                          contents, length, &slot->render.counts.n_entities,
                                                          &slot->render.counts.n_stances, slot->problems,
                                                          &slot->error);
      if (slot->document == NULL)
        goto done;
      slot->render.counts.n_mentions = glossator_document_get_n_mentions (slot->document);
      slot->render.counted = TRUE;
      /* Unchanged since it was written: lossless formats copy it. */
      if (!glossator_document_get_modified (slot->document))
        slot->sidecar = g_bytes_new_take (g_steal_pointer (&contents), length);
    }
  else
    {
      slot->document = glossator_sidecar_parse (glossator_article_get_text (slot->article), name,
                                                contents, length, NULL, slot->problems, &slot->error);
      if (slot->document == NULL)
        goto done;
      /* Unchanged since it was written: lossless formats copy it. */
      if (!glossator_document_get_modified (slot->document))
        slot->sidecar = g_bytes_new_take (g_steal_pointer (&contents), length);
    }

  slot->item.id = slot->id;
  slot->item.path = slot->path;
  slot->item.article = slot->article;
  slot->item.document = slot->document;
  slot->item.sidecar = slot->sidecar;
  _glossator_exporter_render (pipeline->exporter, &slot->item, &slot->render, &slot->error);

done:
  g_mutex_lock (&pipeline->lock);
  slot->ready = TRUE;
  g_cond_broadcast (&pipeline->cond);
  g_mutex_unlock (&pipeline->lock);
}

static void
worker_cb (gpointer data,
           gpointer user_data)
{
  load_and_render (data, user_data);
}

static char *
relative_path (GFile *base,
               GFile *file)
{
  char *relative = base != NULL ? g_file_get_relative_path (base, file) : NULL;

  if (relative == NULL)
    relative = g_file_get_basename (file);
  return relative;
}

/* "news/a.txt" → "news/a" */
static char *
stem_of (const char *path)
{
  const char *slash = strrchr (path, '/');
  const char *name = slash != NULL ? slash + 1 : path;
  const char *dot = strrchr (name, '.');

  return dot != NULL && dot != name ? g_strndup (path, dot - path) : g_strdup (path);
}

/* Ids are paths without the extension, unless that makes two alike: the
 * stems shared by several articles (usually none), so the per-document
 * ids need not be kept for the whole export. */
static GHashTable *
shared_stems (GPtrArray *articles,
              GFile     *base)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *shared = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      g_autofree char *path = relative_path (base, g_ptr_array_index (articles, i));
      char *stem = stem_of (path);

      if (!g_hash_table_add (seen, stem))
        g_hash_table_add (shared, g_strdup (stem));
    }

  return shared;
}

static void
count_error (GlossatorExporter *exporter,
             const char        *path,
             const char        *message)
{
  GlossatorExportSummary counts = { 0 };
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  counts.n_errors = 1;
  g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, path, "%s", message));
  _glossator_summary_add (&exporter->summary, &counts, problems);
}

/* The label schemas governing @articles (the nearest glossator-schema.json
 * from each article's folder, looked up no higher than @base as validate
 * does), handed in order of first use to a format that carries them,
 * before any document. One that cannot be read or is refused is a
 * warning and is not carried. */
static gboolean
export_schemas (GlossatorExporter  *exporter,
                GPtrArray          *articles,
                GFile              *base,
                GCancellable       *cancellable,
                GError            **error)
{
  g_autoptr(GHashTable) folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < articles->len; i++)
    {
      g_autoptr(GFile) folder = g_file_get_parent (g_ptr_array_index (articles, i));
      g_autoptr(GFile) file = NULL;
      g_autoptr(GFile) schema_folder = NULL;
      g_autoptr(GlossatorSchema) schema = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *contents = NULL;
      g_autofree char *relative = NULL;
      g_autoptr(GBytes) bytes = NULL;
      gsize length = 0;

      if (folder == NULL || !g_hash_table_add (folders, g_file_get_parse_name (folder)))
        continue;
      file = glossator_schema_find_file (folder, base != NULL ? base : folder);
      if (file == NULL || !g_hash_table_add (files, g_file_get_parse_name (file)))
        continue;

      schema_folder = g_file_get_parent (file);
      relative = base != NULL ? g_file_get_relative_path (base, schema_folder) : NULL;
      schema = glossator_schema_load_for_folder (folder, base != NULL ? base : folder, cancellable, &local_error);
      if (schema != NULL)
        load_contents (file, cancellable, &contents, &length, &local_error);
      if (local_error != NULL)
        {
          GlossatorExportSummary counts = { 0 };
          g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
          g_autofree char *name = g_file_get_parse_name (file);

          counts.n_warnings = 1;
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, name,
                                                            _("label schema not exported: %s"),
                                                            local_error->message));
          _glossator_summary_add (&exporter->summary, &counts, problems);
          continue;
        }
      bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
      if (!exporter->format->schema (exporter, relative != NULL ? relative : "", bytes, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
glossator_export_articles (GlossatorExporter            *exporter,
                           GPtrArray                    *articles,
                           GFile                        *base,
                           guint                         n_threads,
                           GlossatorExportProgressFunc   progress,
                           gpointer                      progress_data,
                           GCancellable                 *cancellable,
                           GError                      **error)
{
  g_autoptr(GHashTable) shared = NULL;
  g_autoptr(GCancellable) stop = g_cancellable_new ();
  g_autofree Slot *slots = NULL;
  GThreadPool *pool;
  Pipeline pipeline = { 0 };
  guint window, next_submit = 0, next_write = 0, n = 0;
  gulong handler = 0;
  gboolean ok = TRUE;

  g_return_val_if_fail (exporter != NULL, FALSE);
  g_return_val_if_fail (articles != NULL, FALSE);
  g_return_val_if_fail (base == NULL || G_IS_FILE (base), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  n = articles->len;
  if (n_threads == 0)
    n_threads = g_get_num_processors ();
  n_threads = CLAMP (n_threads, 1, 64);
  /* A few documents per worker in flight: enough to keep them busy while
   * the writer waits for the next in order, few enough to keep memory flat. */
  window = 4 * n_threads;

  shared = shared_stems (articles, base);
  if (exporter->format->schema != NULL && !export_schemas (exporter, articles, base, cancellable, error))
    return FALSE;

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (g_cancellable_cancel), stop, NULL);
  pipeline.exporter = exporter;
  pipeline.cancellable = stop;
  g_mutex_init (&pipeline.lock);
  g_cond_init (&pipeline.cond);
  slots = g_new0 (Slot, window);
  pool = g_thread_pool_new (worker_cb, &pipeline, (int) n_threads, FALSE, NULL);

  while (next_write < n)
    {
      Slot *slot;
      g_autoptr(GError) local_error = NULL;

      while (next_submit < n && next_submit < next_write + window)
        {
          slot = &slots[next_submit % window];
          slot->index = next_submit;
          slot->file = g_object_ref (g_ptr_array_index (articles, next_submit));
          slot->path = relative_path (base, slot->file);
          slot->id = stem_of (slot->path);
          if (g_hash_table_contains (shared, slot->id))
            {
              g_free (slot->id);
              slot->id = g_strdup (slot->path);
            }
          g_thread_pool_push (pool, slot, NULL);
          next_submit++;
        }

      slot = &slots[next_write % window];
      g_mutex_lock (&pipeline.lock);
      while (!slot->ready)
        g_cond_wait (&pipeline.cond, &pipeline.lock);
      g_mutex_unlock (&pipeline.lock);

      if (g_cancellable_set_error_if_cancelled (stop, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          slot_clear (slot);
          break;
        }

      if (slot->problems != NULL)
        for (guint i = 0; i < slot->problems->len; i++)
          {
            GlossatorProblem *problem = g_ptr_array_index (slot->problems, i);

            /* Sidecar problems name a JSON path; the summary names the document. */
            if (problem->severity == GLOSSATOR_PROBLEM_WARNING && slot->error == NULL)
              {
                g_autofree char *message = problem->path != NULL
                                             ? g_strdup_printf ("%s: %s", problem->path, problem->message)
                                             : g_strdup (problem->message);

                g_free (problem->path);
                problem->path = g_strdup (slot->path);
                g_free (problem->message);
                problem->message = g_steal_pointer (&message);
                g_ptr_array_add (slot->render.problems, g_steal_pointer (&slot->problems->pdata[i]));
                slot->render.counts.n_warnings++;
              }
          }

      if (slot->error != NULL)
        count_error (exporter, slot->path, slot->error->message);
      else if (!_glossator_exporter_write (exporter, &slot->item, &slot->render, stop, &local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          ok = FALSE;
          slot_clear (slot);
          break;
        }

      slot_clear (slot);
      next_write++;
      if (progress != NULL)
        progress (next_write, n, progress_data);
    }

  /* Workers still busy see the cancellation and stop early. */
  g_cancellable_cancel (stop);
  g_thread_pool_free (pool, FALSE, TRUE);
  for (guint i = 0; i < window; i++)
    slot_clear (&slots[i]);
  g_mutex_clear (&pipeline.lock);
  g_cond_clear (&pipeline.cond);
  if (handler != 0)
    g_cancellable_disconnect (cancellable, handler);

  return ok;
}

/* Output checks */

/* One file of the corpus an output must not be. */
typedef struct {
  GlossatorNameKind  kind;
  char              *entry;   /* where the name is */
  char              *real;    /* what it leads to */
  gboolean           exists;
  dev_t              dev;
  ino_t              ino;
} CorpusFile;

static void
corpus_file_free (CorpusFile *file)
{
  g_free (file->entry);
  g_free (file->real);
  g_free (file);
}

static void
add_corpus_file (GPtrArray         *files,
                 GFile             *file,
                 GlossatorNameKind  kind)
{
  CorpusFile *corpus_file;
  GStatBuf st;

  if (file == NULL || g_file_peek_path (file) == NULL)
    return;
  corpus_file = g_new0 (CorpusFile, 1);
  corpus_file->kind = kind;
  corpus_file->entry = _glossator_entry_path (file);
  corpus_file->real = _glossator_real_path (file);
  if (g_stat (g_file_peek_path (file), &st) == 0)
    {
      corpus_file->exists = TRUE;
      corpus_file->dev = st.st_dev;
      corpus_file->ino = st.st_ino;
    }
  g_ptr_array_add (files, corpus_file);
}

/* An article named explicitly (or by its sidecar): it, its sidecar and
 * their backups. */
static void
add_article_files (GPtrArray *files,
                   GFile     *root)
{
  g_autoptr(GFile) article = glossator_corpus_article_for_sidecar (root);
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GFile) sidecar_backup = NULL;
  g_autoptr(GFile) article_backup = NULL;
  g_autofree char *backup_name = NULL;

  if (article == NULL)
    article = g_object_ref (root);
  sidecar = glossator_sidecar_file_for (article);
  sidecar_backup = glossator_sidecar_backup_file_for (sidecar);
  backup_name = g_strconcat (g_file_peek_path (article), "~", NULL);
  article_backup = g_file_new_for_path (backup_name);
  add_corpus_file (files, article, GLOSSATOR_NAME_ARTICLE);
  add_corpus_file (files, sidecar, GLOSSATOR_NAME_SIDECAR);
  add_corpus_file (files, sidecar_backup, GLOSSATOR_NAME_BACKUP);
  add_corpus_file (files, article_backup, GLOSSATOR_NAME_BACKUP);
}

static void
set_output_error (GError            **error,
                  const char         *output,
                  GlossatorNameKind   kind)
{
  GQuark domain = GLOSSATOR_FORMAT_ERROR;
  int code = GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT;

  switch (kind)
    {
    case GLOSSATOR_NAME_ARTICLE:
      g_set_error (error, domain, code,
                   _("%s is an article of the corpus being exported; choose an output outside the corpus"),
                   output);
      break;
    case GLOSSATOR_NAME_SIDECAR:
      g_set_error (error, domain, code,
                   _("%s is a sidecar of the corpus being exported; choose an output outside the corpus"),
                   output);
      break;
    case GLOSSATOR_NAME_BACKUP:
      g_set_error (error, domain, code,
                   _("%s is a backup of the corpus being exported; choose an output outside the corpus"),
                   output);
      break;
    case GLOSSATOR_NAME_SCHEMA:
    default:
      g_set_error (error, domain, code,
                   _("%s is the label schema of the corpus being exported; choose an output outside "
                     "the corpus"), output);
      break;
    }
}

gboolean
glossator_export_check_output (GFile * const  *roots,
                               guint           n_roots,
                               GFile          *output,
                               gboolean        folder,
                               GError        **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) corpus_file_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *entry = NULL;
  g_autofree char *real = NULL;
  g_autofree char *name = NULL;
  g_autofree char *entry_folder = NULL;
  const char *output_paths[2];
  GStatBuf st;
  gboolean exists;

  g_return_val_if_fail (roots != NULL || n_roots == 0, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  entry = _glossator_entry_path (output);
  real = _glossator_real_path (output);
  /* Not a local file: nothing of a (local) corpus can be there. */
  if (entry == NULL || real == NULL)
    return TRUE;
  name = g_file_get_parse_name (output);
  exists = g_stat (g_file_peek_path (output), &st) == 0;
  output_paths[0] = entry;
  output_paths[1] = real;

  for (guint i = 0; i < n_roots; i++)
    {
      g_autoptr(GFile) schema = NULL;
      g_autoptr(GFile) corpus_folder = NULL;
      char *folder_path;

      if (g_file_peek_path (roots[i]) == NULL)
        continue;
      if (g_file_query_file_type (roots[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        folder_path = _glossator_real_path (roots[i]);
      else
        {
          g_autofree char *root_entry = _glossator_entry_path (roots[i]);

          add_article_files (files, roots[i]);
          folder_path = g_path_get_dirname (root_entry);
        }
      g_ptr_array_add (folders, folder_path);

      corpus_folder = g_file_new_for_path (folder_path);
      schema = glossator_schema_find_file (corpus_folder, corpus_folder);
      add_corpus_file (files, schema, GLOSSATOR_NAME_SCHEMA);
    }

  /* The files themselves, wherever the output names them from. */
  for (guint i = 0; i < files->len; i++)
    {
      const CorpusFile *file = g_ptr_array_index (files, i);

      for (guint k = 0; k < G_N_ELEMENTS (output_paths); k++)
        if (g_strcmp0 (output_paths[k], file->entry) == 0 || g_strcmp0 (output_paths[k], file->real) == 0)
          {
            set_output_error (error, name, file->kind);
            return FALSE;
          }
      if (exists && file->exists && st.st_dev == file->dev && st.st_ino == file->ino)
        {
          set_output_error (error, name, file->kind);
          return FALSE;
        }
    }

  entry_folder = g_path_get_dirname (entry);
  for (guint i = 0; i < folders->len; i++)
    {
      const char *corpus_folder = g_ptr_array_index (folders, i);

      for (guint k = 0; k < G_N_ELEMENTS (output_paths); k++)
        {
          g_autofree char *base = g_path_get_basename (output_paths[k]);
          GlossatorNameKind kind = _glossator_name_kind (base);

          if (!_glossator_path_is_within (output_paths[k], corpus_folder))
            continue;
          if (g_str_equal (output_paths[k], corpus_folder))
            g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT,
                         _("%s is a corpus folder being exported; choose an output outside the corpus"), name);
          else if (kind != GLOSSATOR_NAME_OTHER && kind != GLOSSATOR_NAME_HIDDEN)
            set_output_error (error, name, kind);
          else
            g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT,
                         _("%s is inside the corpus folder %s, where exported files would be read as "
                           "articles; choose an output outside the corpus"), name, corpus_folder);
          return FALSE;
        }

      if (folder && (_glossator_path_is_within (corpus_folder, entry) ||
                     _glossator_path_is_within (corpus_folder, real)))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT,
                       _("%s holds the corpus folder %s, whose files the export could replace; "
                         "choose a folder beside the corpus"), name, corpus_folder);
          return FALSE;
        }

      /* A new label schema above the corpus would govern it. */
      if (!folder && _glossator_path_is_within (corpus_folder, entry_folder))
        {
          g_autofree char *base = g_path_get_basename (entry);

          if (g_str_equal (base, GLOSSATOR_SCHEMA_FILE_NAME))
            {
              set_output_error (error, name, GLOSSATOR_NAME_SCHEMA);
              return FALSE;
            }
        }
    }

  return TRUE;
}

gboolean
glossator_export_folder_has_files (GFile *folder)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GFileInfo) first = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (children == NULL)
    return FALSE;
  first = g_file_enumerator_next_file (children, NULL, NULL);
  return first != NULL;
}

GFile *
glossator_export_common_base (GFile * const *files,
                              guint          n_files)
{
  GFile *base = NULL;

  g_return_val_if_fail (files != NULL || n_files == 0, NULL);

  for (guint i = 0; i < n_files; i++)
    {
      GFile *folder = g_file_query_file_type (files[i], G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY
                        ? g_object_ref (files[i]) : g_file_get_parent (files[i]);

      if (folder == NULL)
        continue;
      if (base == NULL)
        {
          base = folder;
          continue;
        }
      while (base != NULL && !g_file_equal (base, folder) && !g_file_has_prefix (folder, base))
        {
          GFile *parent = g_file_get_parent (base);

          g_object_unref (base);
          base = parent;
        }
      g_object_unref (folder);
    }

  return base;
}

gboolean
glossator_export_corpus (GlossatorExporter            *exporter,
                         GFile * const                *roots,
                         guint                         n_roots,
                         guint                         n_threads,
                         GlossatorExportProgressFunc   progress,
                         gpointer                      progress_data,
                         GCancellable                 *cancellable,
                         GError                      **error)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GFile) base = NULL;

  g_return_val_if_fail (exporter != NULL, FALSE);
  g_return_val_if_fail (roots != NULL || n_roots == 0, FALSE);

  articles = glossator_corpus_collect (roots, n_roots, problems, cancellable, error);
  if (articles == NULL)
    return FALSE;

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *name = display_name (problem->file);

      if (problem->kind == GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE ||
          problem->kind == GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE)
        {
          GlossatorExportSummary counts = { 0 };
          g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

          counts.n_warnings = 1;
          g_ptr_array_add (list, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, name, "%s", problem->message));
          _glossator_summary_add (&exporter->summary, &counts, list);
        }
      else
        count_error (exporter, name, problem->message);
    }

  base = glossator_export_common_base (roots, n_roots);
  return glossator_export_articles (exporter, articles, base, n_threads, progress, progress_data,
                                    cancellable, error);
}

typedef struct {
  GlossatorExporter            *exporter;
  GFile                       **roots;
  guint                         n_roots;
  GlossatorExportProgressFunc   progress;
  gpointer                      progress_data;
  GDestroyNotify                progress_data_free;
  GMainContext                 *context;
  gint64                        last_report;
} AsyncData;

typedef struct {
  AsyncData *data;
  guint      n_done;
  guint      n_total;
} ProgressReport;

/* Reference counted: progress reports still queued hold it. */
static void
async_data_clear (AsyncData *data)
{
  for (guint i = 0; i < data->n_roots; i++)
    g_object_unref (data->roots[i]);
  g_free (data->roots);
  if (data->progress_data_free != NULL)
    data->progress_data_free (data->progress_data);
  g_main_context_unref (data->context);
}

static void
async_data_release (AsyncData *data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) async_data_clear);
}

static void
progress_report_free (ProgressReport *report)
{
  async_data_release (report->data);
  g_free (report);
}

static gboolean
report_progress_cb (gpointer user_data)
{
  ProgressReport *report = user_data;

  report->data->progress (report->n_done, report->n_total, report->data->progress_data);
  return G_SOURCE_REMOVE;
}

void
_glossator_run_in_context (GMainContext   *context,
                           GSourceFunc     func,
                           gpointer        data,
                           GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[glossator] export and import reports");
  g_source_attach (source, context);
  g_source_unref (source);
}

static void
thread_progress_cb (guint    n_done,
                    guint    n_total,
                    gpointer user_data)
{
  AsyncData *data = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  /* Ten reports a second are plenty for a progress bar. */
  if (n_done < n_total && now - data->last_report < G_USEC_PER_SEC / 10)
    return;
  data->last_report = now;

  report = g_new0 (ProgressReport, 1);
  report->data = g_atomic_rc_box_acquire (data);
  report->n_done = n_done;
  report->n_total = n_total;
  _glossator_run_in_context (data->context, report_progress_cb, report, (GDestroyNotify) progress_report_free);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncData *data = task_data;
  GlossatorExporter *exporter = data->exporter;
  GError *error = NULL;

  if (!glossator_export_corpus (exporter, data->roots, data->n_roots, 0,
                                data->progress != NULL ? thread_progress_cb : NULL, data,
                                cancellable, &error) ||
      !glossator_exporter_finish (exporter, cancellable, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

void
glossator_export_corpus_async (GlossatorExporter            *exporter,
                               GFile * const                *roots,
                               guint                         n_roots,
                               GlossatorExportProgressFunc   progress,
                               gpointer                      progress_data,
                               GDestroyNotify                progress_data_free,
                               GCancellable                 *cancellable,
                               GAsyncReadyCallback           callback,
                               gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncData *data;

  g_return_if_fail (exporter != NULL);
  g_return_if_fail (roots != NULL || n_roots == 0);

  data = g_atomic_rc_box_new0 (AsyncData);
  data->exporter = exporter;
  data->roots = g_new (GFile *, MAX (n_roots, 1));
  for (guint i = 0; i < n_roots; i++)
    data->roots[i] = g_object_ref (roots[i]);
  data->n_roots = n_roots;
  data->progress = progress;
  data->progress_data = progress_data;
  data->progress_data_free = progress_data_free;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_export_corpus_async);
  g_task_set_task_data (task, data, (GDestroyNotify) async_data_release);
  g_task_run_in_thread (task, export_thread);
}

gboolean
glossator_export_corpus_finish (GlossatorExporter  *exporter,
                                GAsyncResult       *result,
                                GError            **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_export_corpus_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* GIO writes a file that did not exist in place, not beside it: such a
 * file is the export's own, to remove when it is abandoned. */
#define CREATED_FILE_KEY "glossator-export-created-file"

GFileOutputStream *
glossator_export_replace (GFile         *output,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GFileOutputStream *stream;
  gboolean existed;

  g_return_val_if_fail (G_IS_FILE (output), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  existed = g_file_query_exists (output, cancellable);
  stream = g_file_replace (output, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream != NULL && !existed)
    g_object_set_data_full (G_OBJECT (stream), CREATED_FILE_KEY, g_object_ref (output), g_object_unref);
  return stream;
}

static void
replace_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  GFileOutputStream *stream = glossator_export_replace (task_data, cancellable, &error);

  if (stream != NULL)
    g_task_return_pointer (task, stream, g_object_unref);
  else
    g_task_return_error (task, error);
}

void
glossator_export_replace_async (GFile               *output,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (G_IS_FILE (output));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_export_replace_async);
  g_task_set_task_data (task, g_object_ref (output), g_object_unref);
  g_task_run_in_thread (task, replace_thread);
}

GFileOutputStream *
glossator_export_replace_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_export_replace_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
glossator_export_abandon_stream (GOutputStream *stream)
{
  g_autoptr(GCancellable) cancelled = NULL;
  GFile *created;

  if (stream == NULL)
    return;
  if (!g_output_stream_is_closed (stream))
    {
      cancelled = g_cancellable_new ();
      g_cancellable_cancel (cancelled);
      g_output_stream_close (stream, cancelled, NULL);
    }
  created = g_object_get_data (G_OBJECT (stream), CREATED_FILE_KEY);
  if (created != NULL)
    g_file_delete (created, NULL, NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossator-document-private.h"
#include "glossator-merge.h"
#include "glossator-session.h"

struct _GlossatorSession
{
  GObject            parent_instance;

  GFile             *file;
  GFile             *sidecar_file;
  GlossatorArticle  *article;
  GlossatorDocument *document;
  GlossatorSchema   *schema;
  GPtrArray         *problems;
  gboolean           had_sidecar;
  gboolean           read_only;
  char              *read_only_reason;
  GError            *load_error;
};

G_DEFINE_FINAL_TYPE (GlossatorSession, glossator_session, G_TYPE_OBJECT)
G_DEFINE_QUARK (glossator-session-error-quark, glossator_session_error)

static void
glossator_session_finalize (GObject *object)
{
  GlossatorSession *self = GLOSSATOR_SESSION (object);

  g_clear_object (&self->file);
  g_clear_object (&self->sidecar_file);
  g_clear_object (&self->article);
  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->problems, g_ptr_array_unref);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_error (&self->load_error);

  G_OBJECT_CLASS (glossator_session_parent_class)->finalize (object);
}

static void
glossator_session_class_init (GlossatorSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_session_finalize;
}

static void
glossator_session_init (GlossatorSession *self)
{
  self->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
}

static void
set_read_only (GlossatorSession *self,
               GError           *error,
               const char       *reason)
{
  /* The first cause is the one the user has to fix first. */
  if (self->read_only)
    {
      g_clear_error (&error);
      return;
    }

  self->read_only = TRUE;
  self->read_only_reason = g_strdup (reason);
  self->load_error = error;
}

/* A folder or sidecar the user cannot write to: say so now rather than
 * failing on the first autosave. */
static void
check_writable (GlossatorSession *self,
                GCancellable     *cancellable)
{
  g_autoptr(GFile) folder = g_file_get_parent (self->sidecar_file);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;
  GFile *target = self->had_sidecar ? self->sidecar_file : folder;
  g_autoptr(GFile) portal = g_file_new_build_filename (g_get_user_runtime_dir (), "doc", NULL);
  g_autoptr(GFile) grandparent = folder != NULL ? g_file_get_parent (folder) : NULL;

  if (target == NULL)
    return;

  /* In a sandbox, a file dropped in or opened alone comes through the
   * document portal as $XDG_RUNTIME_DIR/doc/ID/NAME: its "folder" is not the
   * real one, and a sidecar written there would be lost (a folder opened
   * with the file chooser is exported whole, one level deeper). */
  if (grandparent != NULL && g_file_equal (grandparent, portal))
    {
      set_read_only (self,
                     g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                  _("%s was opened on its own, so Glossator may not write beside it; "
                                    "open its folder with Open Folder… to save annotations"),
                                  glossator_article_get_display_name (self->article)),
                     _("the article was opened without its folder"));
      return;
    }

  info = g_file_query_info (target, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NONE, cancellable, NULL);
  if (info == NULL ||
      !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE) ||
      g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return;

  name = g_file_get_parse_name (target);
  if (self->had_sidecar)
    set_read_only (self,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                _("%s: you do not have permission to change this file; copy the corpus to a folder of "
                                  "your own to annotate it"), name),
                   _("the annotations file is write-protected"));
  else
    set_read_only (self,
                   g_error_new (G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                                _("%s: you do not have permission to create files in this folder; copy the corpus to a "
                                  "folder of your own to annotate it"), name),
                   _("the folder is read-only"));
}

typedef struct {
  GFile                    *file;
  GFile                    *root;  /* nullable */
  GlossatorSessionTextFunc  text_ready;
  gpointer                  text_data;
  GDestroyNotify            text_data_free;
  GMainContext             *context;
} OpenData;

static GlossatorSession *open_session (GFile         *article_file,
                                       GFile         *root,
                                       GTask         *task,
                                       GCancellable  *cancellable,
                                       GError       **error);

GlossatorSession *
glossator_session_open (GFile         *article_file,
                        GFile         *root,
                        GCancellable  *cancellable,
                        GError       **error)
{
  g_return_val_if_fail (G_IS_FILE (article_file), NULL);
  g_return_val_if_fail (root == NULL || G_IS_FILE (root), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_session (article_file, root, NULL, cancellable, error);
}

typedef struct {
  OpenData *data;   /* kept alive by the task, which finishes after this runs */
  GTask    *task;
  GBytes   *text;
} TextReady;

static void
text_ready_free (TextReady *ready)
{
  g_object_unref (ready->task);
  g_bytes_unref (ready->text);
  g_free (ready);
}

static gboolean
text_ready_cb (gpointer user_data)
{
  TextReady *ready = user_data;

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (ready->task)))
    ready->data->text_ready (ready->text, ready->data->text_data);

  return G_SOURCE_REMOVE;
}

static void
tell_text (GTask            *task,
           GlossatorArticle *article)
{
  OpenData *data = task != NULL ? g_task_get_task_data (task) : NULL;
  TextReady *ready;
  GSource *source;
  gsize length;
  const char *utf8;

  if (data == NULL || data->text_ready == NULL)
    return;

  utf8 = glossator_text_get_utf8 (glossator_article_get_text (article), &length);
  ready = g_new0 (TextReady, 1);
  ready->data = data;
  ready->task = g_object_ref (task);
  /* A copy: the worker goes on using the text (and its caches). */
  ready->text = g_bytes_new (utf8, length);
  /* Ahead of the task's own completion, which has default priority.
   * Always through a source: g_main_context_invoke() would run the
   * callback on this thread whenever nobody holds the caller's context. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, text_ready_cb, ready, (GDestroyNotify) text_ready_free);
  g_source_set_static_name (source, "[glossator] article text ready");
  g_source_attach (source, data->context);
  g_source_unref (source);
}

static GlossatorSession *
open_session (GFile         *article_file,
              GFile         *root,
              GTask         *task,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GlossatorSession) self = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) schema_error = NULL;
  g_autoptr(GError) sidecar_error = NULL;
  GlossatorText *text;

  self = g_object_new (GLOSSATOR_TYPE_SESSION, NULL);
  self->file = g_object_ref (article_file);
  self->sidecar_file = glossator_sidecar_file_for (article_file);

  self->article = glossator_article_load (article_file, cancellable, error);
  if (self->article == NULL)
    return NULL;
  text = glossator_article_get_text (self->article);
  tell_text (task, self->article);

  folder = g_file_get_parent (article_file);
  if (folder != NULL)
    self->schema = glossator_schema_load_for_folder (folder, root != NULL ? root : folder,
                                                     cancellable, &schema_error);
  else
    self->schema = glossator_schema_new_default ();
  if (self->schema == NULL)
    {
      if (g_error_matches (schema_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&schema_error));
          return NULL;
        }
      /* The labels the corpus is meant to use are unknown: show the
       * annotations with the default colours, but do not let anyone add
       * labels from the wrong set. */
      self->schema = glossator_schema_new_default ();
      set_read_only (self, g_steal_pointer (&schema_error),
                     _("the label schema could not be read"));
    }

  self->had_sidecar = g_file_query_exists (self->sidecar_file, cancellable);
  self->document = glossator_sidecar_load (text, self->sidecar_file,
                                           self->read_only ? NULL : self->schema,
                                           self->problems, cancellable, &sidecar_error);
  if (self->document == NULL)
    {
      if (g_error_matches (sidecar_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&sidecar_error));
          return NULL;
        }
      /* Corrupt or unreadable: keep the article readable with no
       * annotations and never write over the file. */
      self->document = glossator_document_new (text);
      set_read_only (self, g_steal_pointer (&sidecar_error),
                     _("the annotations could not be read"));
    }

  if (!self->read_only)
    check_writable (self, cancellable);

  /* In a repository set up for merging sidecars, new ids get this
   * session's suffix, so that annotators' branches rarely pick the same. */
  if (!self->read_only && folder != NULL && glossator_merge_is_set_up (folder, cancellable))
    glossator_document_set_id_suffix (self->document, glossator_id_session_suffix ());

  return g_steal_pointer (&self);
}

static gboolean
free_text_data_cb (gpointer user_data)
{
  OpenData *data = user_data;

  data->text_data_free (data->text_data);
  g_main_context_unref (data->context);
  g_free (data);

  return G_SOURCE_REMOVE;
}

/* The task may be freed on the worker thread; the caller's data is
 * released on the caller's thread. */
static void
open_data_free (OpenData *data)
{
  g_object_unref (data->file);
  g_clear_object (&data->root);
  if (data->text_data_free != NULL && !g_main_context_is_owner (data->context))
    {
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, free_text_data_cb, data, NULL);
      g_source_set_static_name (source, "[glossator] free the text callback's data");
      g_source_attach (source, data->context);
      g_source_unref (source);
      return;
    }
  if (data->text_data_free != NULL)
    {
      free_text_data_cb (data);
      return;
    }
  g_main_context_unref (data->context);
  g_free (data);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  GlossatorSession *session;

  session = open_session (data->file, data->root, task, cancellable, &error);
  if (session == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, session, g_object_unref);
}

void
glossator_session_open_with_text_async (GFile                    *article_file,
                                        GFile                    *root,
                                        GlossatorSessionTextFunc  text_ready,
                                        gpointer                  text_data,
                                        GDestroyNotify            text_data_free,
                                        GCancellable             *cancellable,
                                        GAsyncReadyCallback       callback,
                                        gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (G_IS_FILE (article_file));
  g_return_if_fail (root == NULL || G_IS_FILE (root));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (OpenData, 1);
  data->file = g_object_ref (article_file);
  data->root = root != NULL ? g_object_ref (root) : NULL;
  data->text_ready = text_ready;
  data->text_data = text_data;
  data->text_data_free = text_data_free;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_session_open_async);
  g_task_set_task_data (task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (task, open_thread);
}

void
glossator_session_open_async (GFile               *article_file,
                              GFile               *root,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  glossator_session_open_with_text_async (article_file, root, NULL, NULL, NULL, cancellable, callback, user_data);
}

GlossatorSession *
glossator_session_open_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_session_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

GFile *
glossator_session_get_file (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->file;
}

GlossatorArticle *
glossator_session_get_article (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->article;
}

GlossatorDocument *
glossator_session_get_document (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->document;
}

GlossatorSchema *
glossator_session_get_schema (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->schema;
}

GFile *
glossator_session_get_sidecar_file (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->sidecar_file;
}

gboolean
glossator_session_get_had_sidecar (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), FALSE);

  return self->had_sidecar;
}

GPtrArray *
glossator_session_get_problems (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->problems;
}

gboolean
glossator_session_get_read_only (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), FALSE);

  return self->read_only;
}

const char *
glossator_session_get_read_only_reason (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->read_only_reason;
}

const GError *
glossator_session_get_load_error (GlossatorSession *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), NULL);

  return self->load_error;
}

gboolean
glossator_session_adopt_annotator (GlossatorSession *self,
                                   const char       *annotator)
{
  const char *current;

  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), FALSE);

  if (self->read_only || annotator == NULL || *annotator == '\0')
    return FALSE;

  current = glossator_document_get_annotator (self->document);
  if (current != NULL && *current != '\0')
    return FALSE;

  /* Only before the first edit: the loader's mode records no undo step and
   * leaves the saved state alone, and it clears the history, which is
   * empty here. */
  if (glossator_document_can_undo (self->document) || glossator_document_can_redo (self->document))
    return FALSE;

  _glossator_document_begin_load (self->document);
  glossator_document_set_annotator (self->document, annotator);
  _glossator_document_end_load (self->document);

  return TRUE;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean written = FALSE;

  if (!glossator_sidecar_save_finish (GLOSSATOR_DOCUMENT (object), result, &written, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_task_set_task_data (task, GINT_TO_POINTER (written), NULL);
  g_task_return_boolean (task, TRUE);
}

void
glossator_session_save_async (GlossatorSession    *self,
                              gboolean             force,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *basename = NULL;

  g_return_if_fail (GLOSSATOR_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_session_save_async);

  if (self->read_only)
    {
      g_autofree char *name = g_file_get_parse_name (self->sidecar_file);

      g_task_return_new_error (task, GLOSSATOR_SESSION_ERROR, GLOSSATOR_SESSION_ERROR_READ_ONLY,
                               _("%s: not saved because %s"), name, self->read_only_reason);
      return;
    }

  basename = g_file_get_basename (self->file);
  glossator_sidecar_save_async (self->document, self->sidecar_file, basename, force,
                                cancellable, save_cb, g_steal_pointer (&task));
}

gboolean
glossator_session_save_finish (GlossatorSession  *self,
                               GAsyncResult      *result,
                               gboolean          *written,
                               GError           **error)
{
  g_return_val_if_fail (GLOSSATOR_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (written != NULL)
    *written = GPOINTER_TO_INT (g_task_get_task_data (G_TASK (result)));

  return g_task_propagate_boolean (G_TASK (result), error);
}

static void
count_spans (const GlossatorSpan *before,
             guint                n_before,
             const GlossatorSpan *after,
             guint                n_after,
             guint               *moved,
             guint               *orphaned)
{
  for (guint i = 0; i < n_after; i++)
    {
      if (after[i].orphaned)
        {
          if (i >= n_before || !before[i].orphaned)
            (*orphaned)++;
        }
      else if (i < n_before && (before[i].start != after[i].start || before[i].end != after[i].end))
        (*moved)++;
    }
}

void
glossator_session_count_reanchored (GlossatorDocument *before,
                                    GlossatorDocument *after,
                                    guint             *moved,
                                    guint             *orphaned)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) stances = NULL;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (before));
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (after));
  g_return_if_fail (moved != NULL && orphaned != NULL);

  *moved = *orphaned = 0;
  mentions = glossator_document_list_mentions (after);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *now = mentions->pdata[i];
      GlossatorMention *was = glossator_document_get_mention (before, now->id);

      count_spans (was != NULL ? was->fragments : NULL, was != NULL ? was->n_fragments : 0,
                   now->fragments, now->n_fragments, moved, orphaned);
    }
  stances = glossator_document_list_stances (after);
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *now = stances->pdata[i];
      GlossatorStance *was = glossator_document_get_stance (before, now->id);

      count_spans (was != NULL ? was->evidence : NULL, was != NULL ? was->n_evidence : 0,
                   now->evidence, now->n_evidence, moved, orphaned);
    }
}

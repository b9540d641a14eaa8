/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-workspace"

#include "config.h"

#include "glossator-corpus.h"
#include "glossator-sidecar.h"
#include "glossator-workspace-private.h"

#define DEFAULT_AUTOSAVE_DELAY_MS 5000

G_DEFINE_FINAL_TYPE (GlossatorWorkspace, glossator_workspace, G_TYPE_OBJECT)
G_DEFINE_QUARK (glossator-workspace-error-quark, glossator_workspace_error)

GParamSpec *_glossator_workspace_properties[N_PROPS];
guint _glossator_workspace_signals[N_SIGNALS];

static void start_summaries (GlossatorWorkspace *self);

/* State */

static void
set_current_item (GlossatorWorkspace  *self,
                  GlossatorCorpusItem *item)
{
  if (g_set_object (&self->current_item, item))
    g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_CURRENT_ITEM]);
}

/* Following the open document */

static void
update_item_from_document (GlossatorWorkspace *self)
{
  if (self->current_item == NULL || self->document == NULL)
    return;

  glossator_corpus_item_set_status (self->current_item, glossator_document_get_status (self->document));
  glossator_corpus_item_set_n_mentions (self->current_item, glossator_document_get_n_mentions (self->document));
}

static void
document_changed_cb (GlossatorWorkspace *self)
{
  update_item_from_document (self);
  _glossator_workspace_schedule_autosave (self);
}

/* Opening an article */

/* Drops the open article without telling anyone; TRUE if there was one. */
static gboolean
drop_session (GlossatorWorkspace *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  _glossator_workspace_detach_recovery (self);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  g_clear_object (&self->document);
  if (self->session == NULL)
    return FALSE;
  g_clear_object (&self->session);
  return TRUE;
}

static void
detach_session (GlossatorWorkspace *self)
{
  if (drop_session (self))
    g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_SESSION]);
  _glossator_workspace_set_save_error (self, NULL);
  self->autosave_blocked = FALSE;
}

static char *
dup_annotator_name (GlossatorWorkspace *self)
{
  g_autofree char *name = g_strstrip (g_strdup (self->annotator != NULL ? self->annotator : ""));
  const char *real_name;

  if (*name != '\0')
    return g_steal_pointer (&name);

  /* GLib says "Unknown" when the system has no name for the user. */
  real_name = g_get_real_name ();
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return NULL;
}

GFile *
glossator_workspace_dup_opened_folder (GlossatorWorkspace *self,
                                       GFile              *file)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  if (self->corpus_folder != NULL)
    return g_object_ref (self->corpus_folder);

  for (guint i = 0; self->roots != NULL && i < self->roots->len; i++)
    if (g_file_has_prefix (file, g_ptr_array_index (self->roots, i)))
      return g_object_ref (g_ptr_array_index (self->roots, i));

  return g_file_get_parent (file);
}

static void
install_session (GlossatorWorkspace *self,
                 GlossatorSession   *session)
{
  g_autofree char *annotator = dup_annotator_name (self);

  g_assert (self->session == NULL);

  self->session = g_object_ref (session);
  self->document = g_object_ref (glossator_session_get_document (session));

  /* Written with the first save of an edit, without an undo step. */
  glossator_session_adopt_annotator (session, annotator);
  glossator_document_set_author (self->document, annotator);

  g_signal_connect_swapped (self->document, "mention-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "entity-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "stance-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "info-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "notify::modified",
                            G_CALLBACK (_glossator_workspace_schedule_autosave), self);
  g_signal_connect_swapped (self->document, "notify::status", G_CALLBACK (update_item_from_document), self);

  if (self->current_item != NULL)
    {
      const GError *load_error = glossator_session_get_load_error (session);

      glossator_corpus_item_set_title (self->current_item,
                                       glossator_article_get_title (glossator_session_get_article (session)));
      glossator_corpus_item_set_problem (self->current_item,
                                         load_error != NULL && glossator_session_get_had_sidecar (session)
                                           ? load_error->message : NULL);
      glossator_corpus_item_set_known (self->current_item, TRUE);
      update_item_from_document (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_SESSION]);
  _glossator_workspace_attach_recovery (self);
}

static void
open_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossatorWorkspace) self = user_data;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  session = glossator_session_open_finish (result, &error);
  /* Whoever cancelled returned the task. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->open_cancellable);
  task = g_steal_pointer (&self->open_task);

  if (session == NULL)
    {
      if (self->current_item != NULL)
        {
          glossator_corpus_item_set_problem (self->current_item, error->message);
          glossator_corpus_item_set_known (self->current_item, TRUE);
        }
      g_signal_emit (self, _glossator_workspace_signals[OPEN_FAILED], 0, error);
    }
  else
    install_session (self, session);

  return_true (&task);

  if (self->summaries_pending)
    start_summaries (self);
}

/* The text is read before its annotations: a window shows it meanwhile. */
static void
article_text_cb (GBytes   *text,
                 gpointer  user_data)
{
  GlossatorWorkspace *self = user_data;

  g_signal_emit (self, _glossator_workspace_signals[ARTICLE_TEXT], 0, text);
}

static void
cancel_open (GlossatorWorkspace *self)
{
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  return_replaced (&self->open_task);
}

/* Opens @item, dropping the open article (which is saved by then); @task
 * (nullable, taken) finishes once it is open. */
void
_glossator_workspace_load_item (GlossatorWorkspace  *self,
                                GlossatorCorpusItem *item,
                                GTask               *task)
{
  g_autoptr(GFile) opened_folder = NULL;

  cancel_open (self);
  detach_session (self);

  if (item != self->current_item)
    self->reload_reason = GLOSSATOR_RELOAD_NONE;
  set_current_item (self, item);

  if (item == NULL)
    {
      return_true (&task);
      return;
    }

  g_signal_emit (self, _glossator_workspace_signals[ARTICLE_OPENING], 0, item);

  self->open_cancellable = g_cancellable_new ();
  self->open_task = task;
  opened_folder = glossator_workspace_dup_opened_folder (self, glossator_corpus_item_get_file (item));
  glossator_session_open_with_text_async (glossator_corpus_item_get_file (item), opened_folder,
                                          article_text_cb, g_object_ref (self), g_object_unref,
                                          self->open_cancellable, open_session_cb, g_object_ref (self));
}

/* Requests */

void
glossator_workspace_switch_async (GlossatorWorkspace  *self,
                                  GlossatorCorpusItem *item,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (item));

  task = new_task (self, glossator_workspace_switch_async, cancellable, callback, user_data);

  if (item == self->current_item)
    {
      /* Back to the open article before the switch happened. */
      if (self->then == THEN_SWITCH)
        {
          self->then = THEN_NOTHING;
          return_replaced (&self->then_task);
        }
      g_clear_object (&self->pending_item);
      /* It failed to open: try again. */
      if (self->session == NULL && self->open_cancellable == NULL)
        _glossator_workspace_load_item (self, item, task);
      else
        return_true (&task);
      return;
    }

  g_set_object (&self->pending_item, item);
  _glossator_workspace_request (self, THEN_SWITCH, task);
}

gboolean
glossator_workspace_switch_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_switch_async, error);
}

void
glossator_workspace_reload_async (GlossatorWorkspace  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  task = new_task (self, glossator_workspace_reload_async, cancellable, callback, user_data);
  if (self->current_item == NULL)
    {
      return_true (&task);
      return;
    }
  _glossator_workspace_request (self, THEN_RELOAD, task);
}

gboolean
glossator_workspace_reload_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_reload_async, error);
}

void
glossator_workspace_settle_async (GlossatorWorkspace  *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  _glossator_workspace_request (self, THEN_SETTLE,
                                new_task (self, glossator_workspace_settle_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_settle_finish (GlossatorWorkspace  *self,
                                   GAsyncResult        *result,
                                   GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_settle_async, error);
}

void
glossator_workspace_close_async (GlossatorWorkspace  *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));

  _glossator_workspace_request (self, THEN_CLOSE,
                                new_task (self, glossator_workspace_close_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_close_finish (GlossatorWorkspace  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  return finish_boolean (self, result, glossator_workspace_close_async, error);
}

/* The corpus */

typedef struct {
  GPtrArray *roots;       /* GFile* */
  GFile     *folder;      /* the one folder opened, or NULL */
  GFile     *base;        /* locations are relative to it */
  GPtrArray *files;       /* GFile* */
  GPtrArray *problems;    /* GlossatorCorpusProblem* */
} CollectData;

static void
collect_data_free (CollectData *data)
{
  g_clear_pointer (&data->roots, g_ptr_array_unref);
  g_clear_object (&data->folder);
  g_clear_object (&data->base);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CollectData *data = task_data;
  GError *error = NULL;
  GFile *first = g_ptr_array_index (data->roots, 0);

  if (data->roots->len == 1 &&
      g_file_query_file_type (first, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      data->folder = g_object_ref (first);
      data->base = g_object_ref (first);
    }
  else
    data->base = g_file_get_parent (first);

  data->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  data->files = glossator_corpus_collect ((GFile * const *) data->roots->pdata, data->roots->len,
                                          data->problems, cancellable, &error);
  if (data->files == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What the sidebar shows of one article, read on a worker thread. */
typedef struct {
  GlossatorWorkspace  *self;
  GlossatorCorpusItem *item;
  char                *title;
  char                *problem;
  GlossatorStatus      status;
  guint                n_mentions;
} Summary;

static void
summary_free (Summary *summary)
{
  g_clear_object (&summary->self);
  g_clear_object (&summary->item);
  g_free (summary->title);
  g_free (summary->problem);
  g_free (summary);
}

static gboolean
apply_summary_cb (gpointer user_data)
{
  Summary *summary = user_data;
  GlossatorWorkspace *self = summary->self;

  /* The open article's live state wins over what was on disk. */
  if (summary->item == self->current_item && self->session != NULL)
    return G_SOURCE_REMOVE;

  if (summary->title != NULL)
    glossator_corpus_item_set_title (summary->item, summary->title);
  glossator_corpus_item_set_problem (summary->item, summary->problem);
  glossator_corpus_item_set_status (summary->item, summary->status);
  glossator_corpus_item_set_n_mentions (summary->item, summary->n_mentions);
  glossator_corpus_item_set_known (summary->item, TRUE);

  return G_SOURCE_REMOVE;
}

static void
summarize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GlossatorWorkspace *self = source_object;
  GPtrArray *items = task_data;

  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GlossatorCorpusItem *item = g_ptr_array_index (items, i);
      GFile *file = glossator_corpus_item_get_file (item);
      g_autoptr(GlossatorArticle) article = NULL;
      g_autoptr(GlossatorDocument) document = NULL;
      g_autoptr(GFile) sidecar = NULL;
      g_autoptr(GError) error = NULL;
      Summary *summary = g_new0 (Summary, 1);
      GSource *source;

      summary->self = g_object_ref (self);
      summary->item = g_object_ref (item);

      article = glossator_article_load (file, cancellable, &error);
      if (article != NULL)
        {
          summary->title = g_strdup (glossator_article_get_title (article));
          sidecar = glossator_sidecar_file_for (file);
          document = glossator_sidecar_load (glossator_article_get_text (article), sidecar, NULL, NULL,
                                             cancellable, &error);
        }
      if (document != NULL)
        {
          summary->status = glossator_document_get_status (document);
          summary->n_mentions = glossator_document_get_n_mentions (document);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        summary->problem = g_strdup (error->message);

      /* Always through an idle source: g_main_context_invoke() would run
       * the callback here, on this thread, whenever no thread holds the
       * main context at that moment (as between two iterations of a loop
       * that is not g_main_loop_run()), and touch the items from here. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, apply_summary_cb, summary, (GDestroyNotify) summary_free);
      g_source_set_static_name (source, "[glossator] corpus summary");
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_summaries (GlossatorWorkspace *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  self->summaries_pending = FALSE;

  /* The open article's item follows its session instead. */
  for (guint i = 0; i < n; i++)
    {
      GlossatorCorpusItem *item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item != self->current_item)
        g_ptr_array_add (items, item);
      else
        g_object_unref (item);
    }

  task = g_task_new (self, self->corpus_cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_summaries);
  g_task_set_task_data (task, items, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, summarize_thread);
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);
  g_autoptr(GTask) task = user_data;
  CollectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GlossatorCorpusItem) first = NULL;

  /* Only a cancelled walk fails: a newer corpus replaced this one. */
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      return_error_take (&task, g_steal_pointer (&error));
      return;
    }

  g_set_object (&self->corpus_folder, data->folder);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *location = data->base != NULL ? g_file_get_relative_path (data->base, file) : NULL;

      if (location == NULL)
        location = g_file_get_basename (file);
      g_ptr_array_add (items, glossator_corpus_item_new (file, location));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (task != NULL)
    g_task_return_pointer (task, g_ptr_array_ref (data->problems), (GDestroyNotify) g_ptr_array_unref);

  if (items->len == 0)
    return;

  /* The other articles are read once the first one shows: reading them
   * at the same time would make it appear later. */
  self->summaries_pending = TRUE;
  first = g_object_ref (g_ptr_array_index (items, 0));
  _glossator_workspace_load_item (self, first, NULL);
}

/* @task (nullable, taken) finishes once the articles are listed. */
void
_glossator_workspace_load_corpus (GlossatorWorkspace *self,
                                  GPtrArray          *roots,
                                  GTask              *task)
{
  g_autoptr(GTask) collect = NULL;
  CollectData *data;

  g_assert (roots != NULL && roots->len > 0);

  cancel_open (self);
  g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  self->summaries_pending = FALSE;
  detach_session (self);
  set_current_item (self, NULL);
  g_clear_object (&self->corpus_folder);
  g_list_store_remove_all (self->items);

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  self->roots = g_ptr_array_ref (roots);
  self->corpus_cancellable = g_cancellable_new ();
  g_object_notify_by_pspec (G_OBJECT (self), _glossator_workspace_properties[PROP_ROOTS]);

  data = g_new0 (CollectData, 1);
  data->roots = g_ptr_array_ref (roots);
  collect = g_task_new (self, self->corpus_cancellable, collect_cb, task);
  g_task_set_source_tag (collect, _glossator_workspace_load_corpus);
  g_task_set_task_data (collect, data, (GDestroyNotify) collect_data_free);
  g_task_run_in_thread (collect, collect_thread);
}

void
glossator_workspace_open_async (GlossatorWorkspace  *self,
                                GFile              **files,
                                guint                n_files,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GPtrArray) roots = NULL;

  g_return_if_fail (GLOSSATOR_IS_WORKSPACE (self));
  g_return_if_fail (files != NULL && n_files > 0);

  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (roots, g_object_ref (files[i]));

  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  self->pending_roots = g_steal_pointer (&roots);
  g_clear_object (&self->pending_item);
  _glossator_workspace_request (self, THEN_OPEN_CORPUS,
                                new_task (self, glossator_workspace_open_async, cancellable, callback, user_data));
}

gboolean
glossator_workspace_open_finish (GlossatorWorkspace  *self,
                                 GAsyncResult        *result,
                                 GPtrArray          **problems,
                                 GError             **error)
{
  g_autoptr(GPtrArray) found = finish_pointer (self, result, glossator_workspace_open_async, error);

  if (found == NULL)
    return FALSE;
  if (problems != NULL)
    *problems = g_steal_pointer (&found);
  return TRUE;
}

/* Accessors */

GlossatorWorkspace *
glossator_workspace_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_WORKSPACE, NULL);
}

GListModel *
glossator_workspace_get_items (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return G_LIST_MODEL (self->items);
}

GPtrArray *
glossator_workspace_get_roots (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->roots;
}

GFile *
glossator_workspace_get_corpus_folder (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->corpus_folder;
}

gboolean
glossator_workspace_has_corpus (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->roots != NULL || self->pending_roots != NULL;
}

GlossatorCorpusItem *
glossator_workspace_get_current_item (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->current_item;
}

GlossatorSession *
glossator_workspace_get_session (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->session;
}

GlossatorDocument *
glossator_workspace_get_document (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->document;
}

gboolean
glossator_workspace_is_opening (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->open_cancellable != NULL;
}

gboolean
glossator_workspace_get_saving (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), FALSE);

  return self->saving;
}

const GError *
glossator_workspace_get_save_error (GlossatorWorkspace *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WORKSPACE (self), NULL);

  return self->save_error;
}

/* GObject */

static void
glossator_workspace_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE:
      g_value_set_boolean (value, self->autosave);
      break;
    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;
    case PROP_ANNOTATOR:
      g_value_set_string (value, self->annotator);
      break;
    case PROP_JOURNAL_FOLDER:
      g_value_set_object (value, self->journal_folder);
      break;
    case PROP_ITEMS:
      g_value_set_object (value, self->items);
      break;
    case PROP_ROOTS:
      g_value_set_boxed (value, self->roots);
      break;
    case PROP_CURRENT_ITEM:
      g_value_set_object (value, self->current_item);
      break;
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    case PROP_SAVING:
      g_value_set_boolean (value, self->saving);
      break;
    case PROP_SAVE_ERROR:
      g_value_set_boxed (value, self->save_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_workspace_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE:
      if (self->autosave != g_value_get_boolean (value))
        {
          self->autosave = g_value_get_boolean (value);
          _glossator_workspace_schedule_autosave (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_AUTOSAVE_DELAY:
      if (self->autosave_delay != g_value_get_uint (value))
        {
          /* Counts from the next edit. */
          self->autosave_delay = g_value_get_uint (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_ANNOTATOR:
      if (g_strcmp0 (self->annotator, g_value_get_string (value)) != 0)
        {
          g_free (self->annotator);
          self->annotator = g_value_dup_string (value);
          if (self->document != NULL)
            {
              g_autofree char *annotator = dup_annotator_name (self);

              /* A name given while an article is open counts from now on. */
              glossator_session_adopt_annotator (self->session, annotator);
              glossator_document_set_author (self->document, annotator);
            }
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_JOURNAL_FOLDER:
      if (g_set_object (&self->journal_folder, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_workspace_dispose (GObject *object)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  cancel_open (self);
  g_cancellable_cancel (self->corpus_cancellable);
  _glossator_workspace_cancel_after_save (self);
  drop_session (self);

  g_clear_object (&self->reanchor_from);
  g_clear_object (&self->current_item);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_object (&self->corpus_folder);
  g_clear_object (&self->corpus_cancellable);
  g_clear_object (&self->journal_folder);

  G_OBJECT_CLASS (glossator_workspace_parent_class)->dispose (object);
}

static void
glossator_workspace_finalize (GObject *object)
{
  GlossatorWorkspace *self = GLOSSATOR_WORKSPACE (object);

  g_clear_object (&self->items);
  g_clear_pointer (&self->save_tasks, g_ptr_array_unref);
  g_clear_error (&self->save_error);
  g_free (self->annotator);

  G_OBJECT_CLASS (glossator_workspace_parent_class)->finalize (object);
}

static void
glossator_workspace_class_init (GlossatorWorkspaceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_workspace_dispose;
  object_class->finalize = glossator_workspace_finalize;
  object_class->get_property = glossator_workspace_get_property;
  object_class->set_property = glossator_workspace_set_property;

  _glossator_workspace_properties[PROP_AUTOSAVE] =
    g_param_spec_boolean ("autosave", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Milliseconds from the last edit to the autosave. */
  _glossator_workspace_properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL, 0, G_MAXUINT, DEFAULT_AUTOSAVE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Recorded in a document without one; empty: the user's real name. */
  _glossator_workspace_properties[PROP_ANNOTATOR] =
    g_param_spec_string ("annotator", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Where recovery journals are kept; NULL: glossator_journal_default_folder(). */
  _glossator_workspace_properties[PROP_JOURNAL_FOLDER] =
    g_param_spec_object ("journal-folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  _glossator_workspace_properties[PROP_ITEMS] =
    g_param_spec_object ("items", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Notified when a corpus starts opening. */
  _glossator_workspace_properties[PROP_ROOTS] =
    g_param_spec_boxed ("roots", NULL, NULL, G_TYPE_PTR_ARRAY,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  _glossator_workspace_properties[PROP_CURRENT_ITEM] =
    g_param_spec_object ("current-item", NULL, NULL, GLOSSATOR_TYPE_CORPUS_ITEM,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /* Notified when an article was opened (its journal and outside changes
   * are looked at right after) and when it is dropped. */
  _glossator_workspace_properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, GLOSSATOR_TYPE_SESSION,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  _glossator_workspace_properties[PROP_SAVING] =
    g_param_spec_boolean ("saving", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  _glossator_workspace_properties[PROP_SAVE_ERROR] =
    g_param_spec_boxed ("save-error", NULL, NULL, G_TYPE_ERROR,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, _glossator_workspace_properties);

  /* An article starts opening (also when it is read again). */
  _glossator_workspace_signals[ARTICLE_OPENING] =
    g_signal_new ("article-opening", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GLOSSATOR_TYPE_CORPUS_ITEM);
  /* The opening article's text (GBytes, UTF-8), before its annotations. */
  _glossator_workspace_signals[ARTICLE_TEXT] =
    g_signal_new ("article-text", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_BYTES);
  _glossator_workspace_signals[OPEN_FAILED] =
    g_signal_new ("open-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Answer with glossator_workspace_resolve_save(). */
  _glossator_workspace_signals[SAVE_FAILED] =
    g_signal_new ("save-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
  /* Another program changed the sidecar while edits are unsaved; answer
   * with glossator_workspace_resolve_conflict(). */
  _glossator_workspace_signals[SIDECAR_CONFLICT] =
    g_signal_new ("sidecar-conflict", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Another program deleted the sidecar; the annotations are saved again. */
  _glossator_workspace_signals[SIDECAR_DELETED] =
    g_signal_new ("sidecar-deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* The article was read again (GlossatorReload); for a changed text, how
   * many spans moved and how many were orphaned. */
  _glossator_workspace_signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_UINT, G_TYPE_UINT);
  /* A journal kept against another sidecar: its number of edits and their
   * time. Answer with glossator_workspace_resolve_journal(). */
  _glossator_workspace_signals[JOURNAL_FOUND] =
    g_signal_new ("journal-found", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_DATE_TIME);
  /* Unsaved edits from the time given were restored as one undo step. */
  _glossator_workspace_signals[JOURNAL_RESTORED] =
    g_signal_new ("journal-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_DATE_TIME);
  /* The journal could not be read; the message says where it was kept. */
  _glossator_workspace_signals[JOURNAL_UNREADABLE] =
    g_signal_new ("journal-unreadable", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Its edits could not be applied; the message says where it was kept. */
  _glossator_workspace_signals[JOURNAL_NOT_RESTORED] =
    g_signal_new ("journal-not-restored", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
glossator_workspace_init (GlossatorWorkspace *self)
{
  self->autosave = TRUE;
  self->autosave_delay = DEFAULT_AUTOSAVE_DELAY_MS;
  self->items = g_list_store_new (GLOSSATOR_TYPE_CORPUS_ITEM);
  self->save_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

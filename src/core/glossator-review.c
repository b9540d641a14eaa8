/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-review"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-agree.h"
#include "glossator-comparison.h"
#include "glossator-copies.h"
#include "glossator-corpus.h"
#include "glossator-review.h"
#include "glossator-sidecar.h"

static void
count (JsonObject *counts,
       const char *name,
       const char *key)
{
  JsonObject *inner;

  if (!json_object_has_member (counts, name))
    json_object_set_object_member (counts, name, json_object_new ());
  inner = json_object_get_object_member (counts, name);
  json_object_set_int_member (inner, key, json_object_get_int_member_with_default (inner, key, 0) + 1);
}

static void
count_annotations (JsonObject        *report,
                   const char        *name,
                   GlossatorDocument *document)
{
  JsonObject *labels = json_object_get_object_member (report, "mentions_by_label");
  JsonObject *polarities = json_object_get_object_member (report, "stance_polarities");
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (document);

  for (guint k = 0; k < mentions->len; k++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, k);

      /* As agree: an orphan's place is lost, it counts nowhere. */
      if (!glossator_mention_is_orphaned (mention))
        count (labels, name, mention->label);
    }
  for (guint k = 0; k < stances->len; k++)
    count (polarities, name, ((GlossatorStance *) g_ptr_array_index (stances, k))->polarity);
}

static void
add_progress (JsonObject        *to,
              GlossatorProgress *progress)
{
  json_object_set_int_member (to, "settled", json_object_get_int_member_with_default (to, "settled", 0) + progress->settled);
  json_object_set_int_member (to, "total", json_object_get_int_member_with_default (to, "total", 0) + progress->total);
  json_object_set_int_member (to, "agreements",
                              json_object_get_int_member_with_default (to, "agreements", 0) + progress->agreements);
  json_object_set_int_member (to, "agreements_in_gold",
                              json_object_get_int_member_with_default (to, "agreements_in_gold", 0) +
                              progress->agreements_in_gold);
}

/* The gold's copy of @path: its sidecar may not exist yet (nothing
 * adjudicated), which is an empty document. */
static gboolean
load_gold (GFile              *article_file,
           GlossatorArticle  **article,
           GlossatorDocument **document,
           GCancellable       *cancellable,
           GError            **error)
{
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (article_file);

  *article = glossator_article_load (article_file, cancellable, error);
  if (*article == NULL)
    return FALSE;
  *document = glossator_sidecar_load (glossator_article_get_text (*article), sidecar, NULL, NULL,
                                      cancellable, error);
  return *document != NULL;
}

static void
count_status (JsonObject        *report,
              GlossatorDocument *gold)
{
  JsonObject *status = json_object_get_object_member (report, "status");
  const char *name = glossator_status_to_string (glossator_document_get_status (gold));

  json_object_set_int_member (status, name, json_object_get_int_member (status, name) + 1);
}

static void
review_article (JsonObject         *report,
                JsonObject         *item,
                GlossatorCopies    *gold_copies,
                GlossatorCopies    *copies,
                GlossatorAgreement *agreement,
                const char         *path,
                GCancellable       *cancellable)
{
  guint n = glossator_copies_get_n_copies (copies);
  g_autofree GlossatorLoadedCopy *loaded = g_new0 (GlossatorLoadedCopy, n + 1);
  g_autofree GlossatorDocument **documents = g_new0 (GlossatorDocument *, n + 1);
  g_autofree const char **names = g_new0 (const char *, n + 1);
  g_autoptr(GlossatorArticle) gold_article = NULL;
  g_autoptr(GlossatorDocument) gold = NULL;
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reason = NULL;
  GFile *gold_file;
  GlossatorProgress progress;
  const char *gold_sha256;

  /* The gold's status counts whatever the copies hold. */
  if (glossator_copies_lookup (gold_copies, 0, path, &gold_file, NULL))
    {
      if (!load_gold (gold_file, &gold_article, &gold, cancellable, &error))
        {
          json_object_set_string_member (item, "error", error->message);
          return;
        }
      json_object_set_string_member (item, "status",
                                     glossator_status_to_string (glossator_document_get_status (gold)));
      count_status (report, gold);
    }

  if ((reason = glossator_copies_why_left_out (copies, path)) != NULL)
    {
      if (agreement != NULL)
        glossator_agreement_add_left_out (agreement, path, reason);
      json_object_set_string_member (item, "left_out", reason);
      return;
    }
  for (guint i = 0; i < n; i++)
    {
      GFile *failed = NULL;

      names[i] = glossator_copies_get_name (copies, i);
      if (!glossator_copies_load (copies, i, path, &loaded[i], &failed, cancellable, &error))
        {
          g_autofree char *message = g_strdup_printf ("%s: %s", g_file_peek_path (failed), error->message);

          json_object_set_string_member (item, "error", message);
          goto out;
        }
      documents[i] = loaded[i].document;
    }
  if ((reason = glossator_copies_why_not_comparable (copies, loaded)) != NULL)
    {
      if (agreement != NULL)
        glossator_agreement_add_left_out (agreement, path, reason);
      json_object_set_string_member (item, "left_out", reason);
      goto out;
    }
  /* The annotators' figures do not depend on the gold. */
  if (agreement != NULL)
    glossator_agreement_add_document (agreement, path, documents);
  for (guint i = 0; i < n; i++)
    count_annotations (report, names[i], documents[i]);

  if (gold == NULL)
    {
      json_object_set_string_member (item, "left_out", _("missing in the gold"));
      goto out;
    }
  gold_sha256 = glossator_text_get_sha256 (glossator_article_get_text (gold_article));
  if (n > 0 && strcmp (gold_sha256, loaded[0].recorded_sha256) != 0)
    {
      g_autofree char *different = g_strdup_printf (_("the gold’s text differs from the annotators’ "
                                                      "(SHA-256: %.12s…, %.12s…)"),
                                                    gold_sha256, loaded[0].recorded_sha256);

      json_object_set_string_member (item, "left_out", different);
      goto out;
    }
  comparison = glossator_comparison_new (gold, names, documents, n, &error);
  if (comparison == NULL)
    {
      json_object_set_string_member (item, "error", error->message);
      goto out;
    }
  progress = glossator_comparison_get_progress (comparison);
  add_progress (item, &progress);
  add_progress (json_object_get_object_member (report, "progress"), &progress);

out:
  for (guint i = 0; i < n; i++)
    glossator_loaded_copy_clear (&loaded[i]);
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

JsonObject *
glossator_review_corpus (GFile         *gold,
                         GFile * const *folders,
                         guint          n_copies,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_autoptr(GlossatorCopies) gold_copies = glossator_copies_new ();
  g_autoptr(GlossatorCopies) copies = glossator_copies_new ();
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GPtrArray) paths = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GlossatorAgreement) agreement = NULL;
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(JsonObject) report = json_object_new ();
  JsonArray *annotators = json_array_new ();
  JsonArray *articles = json_array_new ();
  JsonObject *status = json_object_new ();
  JsonArray *warnings = json_array_new ();

  g_return_val_if_fail (G_IS_FILE (gold), NULL);
  g_return_val_if_fail (folders != NULL || n_copies == 0, NULL);

  glossator_copies_add_folder (gold_copies, gold, problems, cancellable);
  for (guint i = 0; i < n_copies; i++)
    {
      glossator_copies_add_folder (copies, folders[i], problems, cancellable);
      g_ptr_array_add (given, g_file_get_parse_name (folders[i]));
    }
  g_ptr_array_add (given, NULL);
  json_object_set_array_member (report, "warnings", warnings);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      json_array_unref (annotators);
      json_array_unref (articles);
      json_object_unref (status);
      return NULL;
    }
  /* A folder that cannot be listed hides articles: the figures would be
   * wrong. Other problems of the walk are listed. */
  for (guint k = 0; k < problems->len; k++)
    {
      GlossatorCorpusProblem *problem = g_ptr_array_index (problems, k);
      g_autofree char *message = g_strdup_printf ("%s: %s", g_file_peek_path (problem->file), problem->message);

      if (problem->kind == GLOSSATOR_CORPUS_PROBLEM_UNREADABLE)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED, message);
          json_array_unref (annotators);
          json_array_unref (articles);
          json_object_unref (status);
          return NULL;
        }
      json_array_add_string_element (warnings, message);
    }
  glossator_copies_name (copies, (const char * const *) given->pdata);

  for (guint i = 0; i < n_copies; i++)
    json_array_add_string_element (annotators, glossator_copies_get_name (copies, i));
  json_object_set_array_member (report, "annotators", annotators);
  json_object_set_int_member (status, "todo", 0);
  json_object_set_int_member (status, "in-progress", 0);
  json_object_set_int_member (status, "done", 0);
  json_object_set_object_member (report, "progress", json_object_new ());
  add_progress (json_object_get_object_member (report, "progress"), &(GlossatorProgress) { 0 });
  json_object_set_object_member (report, "status", status);
  json_object_set_object_member (report, "mentions_by_label", json_object_new ());
  json_object_set_object_member (report, "stance_polarities", json_object_new ());
  if (n_copies >= 2)
    {
      g_autofree const char **names = g_new0 (const char *, n_copies + 1);

      for (guint i = 0; i < n_copies; i++)
        names[i] = glossator_copies_get_name (copies, i);
      agreement = glossator_agreement_new (names, n_copies, NULL, FALSE);
    }

  /* Every article of the gold or of a copy, once, sorted. */
  paths = glossator_copies_list_paths (copies);
  {
    g_autoptr(GPtrArray) gold_paths = glossator_copies_list_paths (gold_copies);

    for (guint k = 0; k < paths->len; k++)
      g_hash_table_add (seen, g_ptr_array_index (paths, k));
    for (guint k = 0; k < gold_paths->len; k++)
      if (!g_hash_table_contains (seen, g_ptr_array_index (gold_paths, k)))
        g_ptr_array_add (paths, g_strdup (g_ptr_array_index (gold_paths, k)));
    g_ptr_array_sort (paths, compare_paths);
  }

  for (guint k = 0; k < paths->len; k++)
    {
      const char *path = g_ptr_array_index (paths, k);
      JsonObject *item = json_object_new ();

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          json_object_unref (item);
          json_array_unref (articles);
          return NULL;
        }
      json_object_set_string_member (item, "path", path);
      review_article (report, item, gold_copies, copies, agreement, path, cancellable);
      json_array_add_object_element (articles, item);
    }
  json_object_set_array_member (report, "articles", articles);

  if (agreement != NULL)
    {
      g_autofree char *json = glossator_agreement_to_json (agreement);
      g_autoptr(JsonParser) parser = json_parser_new ();

      if (!json_parser_load_from_data (parser, json, -1, NULL))
        g_assert_not_reached ();
      json_object_set_member (report, "agreement", json_node_copy (json_parser_get_root (parser)));
    }
  return g_steal_pointer (&report);
}

typedef struct {
  GFile     *gold;
  GPtrArray *copies;
} ReviewData;

static void
review_data_free (ReviewData *data)
{
  g_clear_object (&data->gold);
  g_clear_pointer (&data->copies, g_ptr_array_unref);
  g_free (data);
}

static void
review_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReviewData *data = task_data;
  GError *error = NULL;
  JsonObject *report = glossator_review_corpus (data->gold, (GFile * const *) data->copies->pdata,
                                                data->copies->len, cancellable, &error);

  if (report == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, report, (GDestroyNotify) json_object_unref);
}

void
glossator_review_corpus_async (GFile               *gold,
                               GFile * const       *copies,
                               guint                n_copies,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  ReviewData *data;

  g_return_if_fail (G_IS_FILE (gold));
  g_return_if_fail (copies != NULL || n_copies == 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_review_corpus_async);
  data = g_new0 (ReviewData, 1);
  /* GFiles are not thread safe to share: the worker gets its own. */
  data->gold = g_file_dup (gold);
  data->copies = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_copies; i++)
    g_ptr_array_add (data->copies, g_file_dup (copies[i]));
  g_task_set_task_data (task, data, (GDestroyNotify) review_data_free);
  g_task_run_in_thread (task, review_thread);
}

JsonObject *
glossator_review_corpus_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_review_corpus_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "glossator-journal.h"
#include "glossator-sidecar.h"
#include "glossator-workspace.h"
#include "test-util.h"

/* The workspace's state machine without a display: saving, switching,
 * closing, outside changes, autosave and the recovery journal. */

#define BOM "\xef\xbb\xbf"
#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👩‍👩‍👧 */
#define FLAG_UA "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6" /* 🇺🇦 */

/* BOM, CRLF, a ZWJ family right before a name, a flag, NFD. */
static const char first_article[] =
  BOM "Harbour talks\r\n"
  "\r\n"
  FAMILY "Ana Wr\xc3\xb3" "bel met Kim in Gda\xc5\x84sk.\r\n"
  "Kyiv " FLAG_UA " Cafe\xcc\x81 Noor spoke.\r\n";

static const char second_article[] =
  "River treaty\n"
  "\n"
  "Zo\xc3\xab Ortiz signed it in Mal\xc3\xa9.\n";

#define WAIT_SECONDS 20

typedef struct {
  char               *dir;
  GFile              *folder;
  GFile              *journals;
  GFile              *first;          /* a.txt */
  GFile              *first_sidecar;
  GlossatorWorkspace *workspace;
  GPtrArray          *events;         /* char*: what happened, in order */
  GError             *save_failure;   /* the last save-failed */
  int                 decide;         /* GlossatorSaveDecision, or -1: leave undecided */
} Fixture;

static void
log_event (Fixture    *f,
           const char *event)
{
  g_ptr_array_add (f->events, g_strdup (event));
}

static char *
events_string (Fixture *f)
{
  g_autoptr(GString) string = g_string_new (NULL);

  for (guint i = 0; i < f->events->len; i++)
    {
      if (i > 0)
        g_string_append_c (string, ' ');
      g_string_append (string, g_ptr_array_index (f->events, i));
    }
  return g_string_free (g_steal_pointer (&string), FALSE);
}

static void
save_failed_cb (GlossatorWorkspace *workspace,
                const GError       *error,
                Fixture            *f)
{
  g_clear_error (&f->save_failure);
  f->save_failure = g_error_copy (error);
  log_event (f, "save-failed");
  if (f->decide >= 0)
    glossator_workspace_resolve_save (workspace, f->decide);
}

static void
session_notify_cb (GlossatorWorkspace *workspace,
                   GParamSpec         *pspec,
                   Fixture            *f)
{
  GlossatorSession *session = glossator_workspace_get_session (workspace);

  if (session == NULL)
    log_event (f, "dropped");
  else
    {
      g_autofree char *name = g_file_get_basename (glossator_session_get_file (session));
      g_autofree char *event = g_strdup_printf ("opened:%s", name);

      log_event (f, event);
    }
}

static void
saving_notify_cb (GlossatorWorkspace *workspace,
                  GParamSpec         *pspec,
                  Fixture            *f)
{
  log_event (f, glossator_workspace_get_saving (workspace) ? "saving" : "saved");
}

static GlossatorWorkspace *
new_workspace (Fixture *f)
{
  GlossatorWorkspace *workspace = glossator_workspace_new ();

  g_object_set (workspace,
                "journal-folder", f->journals,
                "annotator", "Test Annotator",
                "autosave", FALSE,
                NULL);
  g_signal_connect (workspace, "save-failed", G_CALLBACK (save_failed_cb), f);
  g_signal_connect (workspace, "notify::session", G_CALLBACK (session_notify_cb), f);
  g_signal_connect (workspace, "notify::saving", G_CALLBACK (saving_notify_cb), f);
  return workspace;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *journals = NULL;

  f->dir = test_util_make_temp_dir ();
  f->folder = g_file_new_build_filename (f->dir, "corpus", NULL);
  f->first = test_util_write_gfile (f->dir, "corpus/a.txt", first_article, sizeof first_article - 1);
  test_util_write_file (f->dir, "corpus/b.txt", second_article, -1);
  f->first_sidecar = glossator_sidecar_file_for (f->first);
  journals = g_build_filename (f->dir, "journals", NULL);
  f->journals = g_file_new_for_path (journals);
  f->events = g_ptr_array_new_with_free_func (g_free);
  f->decide = -1;
  f->workspace = new_workspace (f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->workspace);
  /* Let the workers and idle callbacks still running end. */
  for (guint i = 0; i < 50; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
  g_clear_object (&f->folder);
  g_clear_object (&f->journals);
  g_clear_object (&f->first);
  g_clear_object (&f->first_sidecar);
  g_clear_pointer (&f->events, g_ptr_array_unref);
  g_clear_error (&f->save_failure);
  test_util_remove_tree (f->dir);
  g_free (f->dir);
}

typedef gboolean (*Condition) (Fixture *f);

static void
wait_until (Fixture   *f,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (!condition (f))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out; events: %s", events_string (f));
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
result_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (*result == NULL)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a result");
      g_main_context_iteration (NULL, TRUE);
    }
  return *result;
}

static gboolean
first_open (Fixture *f)
{
  GlossatorSession *session = glossator_workspace_get_session (f->workspace);

  return session != NULL && g_file_equal (glossator_session_get_file (session), f->first);
}

/* Opens the corpus folder; a.txt opens first. */
static void
open_corpus (Fixture *f)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;

  glossator_workspace_open_async (f->workspace, &f->folder, 1, NULL, result_cb, &result);
  g_assert_true (glossator_workspace_open_finish (f->workspace, wait_result (&result), &problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (glossator_workspace_get_items (f->workspace)), ==, 2);
  g_assert_true (g_file_equal (glossator_workspace_get_corpus_folder (f->workspace), f->folder));
  wait_until (f, first_open);
}

static GlossatorCorpusItem *
item_at (Fixture *f,
         guint    i)
{
  g_autoptr(GlossatorCorpusItem) item = g_list_model_get_item (glossator_workspace_get_items (f->workspace), i);

  return item;   /* the list keeps it */
}

/* Marks @needle in @document as a PERSON. */
static void
tag (GlossatorDocument *document,
     const char        *needle)
{
  GlossatorText *text = glossator_document_get_text (document);
  g_autoptr(GError) error = NULL;
  guint start = test_util_offset_of (glossator_text_get_utf8 (text, NULL), needle, 0);
  guint end = start + g_utf8_strlen (needle, -1);
  g_autoptr(GlossatorMention) mention = NULL;

  mention = glossator_document_create_mention (document, "PERSON", &start, &end, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (mention);
}

static void
tag_open (Fixture    *f,
          const char *needle)
{
  tag (glossator_workspace_get_document (f->workspace), needle);
}

/* The sidecar of a.txt on disk, or NULL when there is none. */
static char *
read_first_sidecar (Fixture *f)
{
  g_autofree char *contents = NULL;

  if (!g_file_load_contents (f->first_sidecar, NULL, &contents, NULL, NULL, NULL))
    return NULL;
  return g_steal_pointer (&contents);
}

static gboolean
disk_has (Fixture    *f,
          const char *text)
{
  g_autofree char *contents = read_first_sidecar (f);

  return contents != NULL && strstr (contents, text) != NULL;
}

static guint
n_mentions_open (Fixture *f)
{
  return glossator_document_get_n_mentions (glossator_workspace_get_document (f->workspace));
}

/* What another program would write: a.txt's sidecar with @needle marked. */
static void
write_theirs (Fixture    *f,
              const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSession) session = glossator_session_open (f->first, NULL, NULL, &error);
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = g_file_get_path (f->first_sidecar);

  g_assert_no_error (error);
  /* Built on the text alone: whatever is on disk now is replaced. */
  document = glossator_document_new (glossator_article_get_text (glossator_session_get_article (session)));
  tag (document, needle);
  bytes = glossator_sidecar_serialize (document, "a.txt");
  g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
  g_assert_no_error (error);
}

/* Puts a folder where a.txt's sidecar goes: every save of it fails. */
static void
block_first_sidecar (Fixture *f)
{
  g_autofree char *path = g_file_get_path (f->first_sidecar);

  g_assert_cmpint (g_mkdir (path, 0755), ==, 0);
}

static void
unblock_first_sidecar (Fixture *f)
{
  g_autofree char *path = g_file_get_path (f->first_sidecar);

  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static gboolean
has_save_failure (Fixture *f)
{
  return f->save_failure != NULL;
}

static gboolean
not_saving (Fixture *f)
{
  return !glossator_workspace_get_saving (f->workspace);
}

/* Saving */

static void
test_save_writes_the_edits (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  tag_open (f, "Kim");
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));

  glossator_workspace_save_async (f->workspace, NULL, result_cb, &result);
  g_assert_true (glossator_workspace_get_saving (f->workspace));
  g_assert_true (glossator_workspace_save_finish (f->workspace, wait_result (&result), &error));
  g_assert_no_error (error);

  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_true (disk_has (f, "Test Annotator"));
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
  g_assert_null (glossator_workspace_get_save_error (f->workspace));
}

static void
test_save_failing_keeps_the_edits (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  block_first_sidecar (f);
  tag_open (f, "Kim");

  glossator_workspace_save_async (f->workspace, NULL, result_cb, &result);
  g_assert_false (glossator_workspace_save_finish (f->workspace, wait_result (&result), &error));
  g_assert_nonnull (error);
  g_assert_true (has_save_failure (f));
  g_assert_true (g_error_matches (glossator_workspace_get_save_error (f->workspace),
                                  f->save_failure->domain, f->save_failure->code));

  /* Nothing written, nothing dropped, and closing now would lose work. */
  g_assert_true (g_file_query_file_type (f->first_sidecar, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY);
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_true (glossator_document_get_modified (glossator_workspace_get_document (f->workspace)));
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));

  /* Keep editing: autosave does not run into the same wall. */
  glossator_workspace_resolve_save (f->workspace, GLOSSATOR_SAVE_DECISION_KEEP_EDITING);
  g_object_set (f->workspace, "autosave", TRUE, "autosave-delay", 20u, NULL);
  tag_open (f, "Noor");
  spin (200);
  g_assert_false (glossator_workspace_get_saving (f->workspace));
  g_assert_nonnull (glossator_workspace_get_save_error (f->workspace));

  /* An explicit save tries again. */
  unblock_first_sidecar (f);
  g_clear_object (&second);
  glossator_workspace_save_async (f->workspace, NULL, result_cb, &second);
  g_clear_error (&error);
  g_assert_true (glossator_workspace_save_finish (f->workspace, wait_result (&second), &error));
  g_assert_no_error (error);
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_true (disk_has (f, "\"Noor\""));
  g_assert_null (glossator_workspace_get_save_error (f->workspace));
}

static void
test_save_failure_retry (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  block_first_sidecar (f);
  tag_open (f, "Kim");
  glossator_workspace_save_async (f->workspace, NULL, NULL, NULL);
  wait_until (f, has_save_failure);

  /* While the failure waits for an answer, a save is refused. */
  glossator_workspace_save_async (f->workspace, NULL, result_cb, &result);
  g_assert_false (glossator_workspace_save_finish (f->workspace, wait_result (&result), &error));
  g_assert_error (error, GLOSSATOR_WORKSPACE_ERROR, GLOSSATOR_WORKSPACE_ERROR_UNDECIDED);
  g_assert_false (glossator_workspace_get_saving (f->workspace));

  unblock_first_sidecar (f);
  glossator_workspace_resolve_save (f->workspace, GLOSSATOR_SAVE_DECISION_RETRY);
  g_assert_true (glossator_workspace_get_saving (f->workspace));
  wait_until (f, not_saving);
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
}

static void
test_save_failure_discard (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossatorSession) before = NULL;

  open_corpus (f);
  before = g_object_ref (glossator_workspace_get_session (f->workspace));
  block_first_sidecar (f);
  tag_open (f, "Kim");
  glossator_workspace_save_async (f->workspace, NULL, NULL, NULL);
  wait_until (f, has_save_failure);

  /* Staying on the article after dropping its edits reads it again. */
  glossator_workspace_resolve_save (f->workspace, GLOSSATOR_SAVE_DECISION_DISCARD);
  unblock_first_sidecar (f);
  wait_until (f, first_open);
  g_assert_true (glossator_workspace_get_session (f->workspace) != before);
  g_assert_cmpuint (n_mentions_open (f), ==, 0);
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
}

/* Switching articles */

static void
test_switch_saves_first (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  GlossatorSession *session;

  open_corpus (f);
  tag_open (f, "Kim");
  g_ptr_array_set_size (f->events, 0);

  glossator_workspace_switch_async (f->workspace, item_at (f, 1), NULL, result_cb, &result);
  g_assert_true (glossator_workspace_switch_finish (f->workspace, wait_result (&result), &error));
  g_assert_no_error (error);

  /* Saved, then dropped, then the other one opened. */
  events = events_string (f);
  g_assert_cmpstr (events, ==, "saving saved dropped opened:b.txt");
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_true (glossator_workspace_get_current_item (f->workspace) == item_at (f, 1));
  session = glossator_workspace_get_session (f->workspace);
  g_assert_nonnull (session);
  g_assert_true (g_file_equal (glossator_session_get_file (session), glossator_corpus_item_get_file (item_at (f, 1))));
  /* The item left behind shows what was saved. */
  g_assert_cmpuint (glossator_corpus_item_get_n_mentions (item_at (f, 0)), ==, 1);
}

static void
test_switch_failure_stays (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSession) before = NULL;

  open_corpus (f);
  before = g_object_ref (glossator_workspace_get_session (f->workspace));
  block_first_sidecar (f);
  tag_open (f, "Kim");
  f->decide = GLOSSATOR_SAVE_DECISION_KEEP_EDITING;

  glossator_workspace_switch_async (f->workspace, item_at (f, 1), NULL, result_cb, &result);
  g_assert_false (glossator_workspace_switch_finish (f->workspace, wait_result (&result), &error));
  g_assert_error (error, GLOSSATOR_WORKSPACE_ERROR, GLOSSATOR_WORKSPACE_ERROR_STAYED);
  g_assert_true (has_save_failure (f));

  /* Still on the article, with the edits, never dropped. */
  spin (100);
  g_assert_true (glossator_workspace_get_current_item (f->workspace) == item_at (f, 0));
  g_assert_true (glossator_workspace_get_session (f->workspace) == before);
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_true (glossator_document_get_modified (glossator_workspace_get_document (f->workspace)));
  for (guint i = 0; i < f->events->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->events, i), !=, "dropped");
}

static void
test_switch_after_retry (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  block_first_sidecar (f);
  tag_open (f, "Kim");

  glossator_workspace_switch_async (f->workspace, item_at (f, 1), NULL, result_cb, &result);
  wait_until (f, has_save_failure);
  /* The switch waits for the answer. */
  spin (100);
  g_assert_null (result);
  g_assert_true (glossator_workspace_get_current_item (f->workspace) == item_at (f, 0));

  unblock_first_sidecar (f);
  glossator_workspace_resolve_save (f->workspace, GLOSSATOR_SAVE_DECISION_RETRY);
  g_assert_true (glossator_workspace_switch_finish (f->workspace, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_true (glossator_workspace_get_current_item (f->workspace) == item_at (f, 1));
}

static void
test_switch_latest_wins (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GAsyncResult) to_b = NULL;
  g_autoptr(GAsyncResult) back = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  tag_open (f, "Kim");

  /* Asked for b, then back to a while a is being saved. */
  glossator_workspace_switch_async (f->workspace, item_at (f, 1), NULL, result_cb, &to_b);
  g_assert_true (glossator_workspace_get_saving (f->workspace));
  glossator_workspace_switch_async (f->workspace, item_at (f, 0), NULL, result_cb, &back);

  g_assert_false (glossator_workspace_switch_finish (f->workspace, wait_result (&to_b), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_true (glossator_workspace_switch_finish (f->workspace, wait_result (&back), &error));
  wait_until (f, not_saving);
  spin (100);
  g_assert_true (glossator_workspace_get_current_item (f->workspace) == item_at (f, 0));
  g_assert_true (first_open (f));
  g_assert_true (disk_has (f, "\"Kim\""));
}

/* Closing */

static void
save_logged_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (glossator_workspace_save_finish (GLOSSATOR_WORKSPACE (object), result, &error));
  log_event (f, "save-done");
}

static void
close_logged_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *f = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (glossator_workspace_close_finish (GLOSSATOR_WORKSPACE (object), result, &error));
  g_assert_no_error (error);
  /* Nothing left to lose at the moment the close completes. */
  g_assert_false (glossator_workspace_has_unsaved_work (GLOSSATOR_WORKSPACE (object)));
  g_assert_true (disk_has (f, "\"Noor\""));
  log_event (f, "closed");
}

static gboolean
closed (Fixture *f)
{
  return f->events->len > 0 && g_str_equal (g_ptr_array_index (f->events, f->events->len - 1), "closed");
}

static void
test_close_during_save (Fixture       *f,
                        gconstpointer  data)
{
  g_autofree char *events = NULL;

  open_corpus (f);
  tag_open (f, "Kim");
  g_ptr_array_set_size (f->events, 0);

  glossator_workspace_save_async (f->workspace, NULL, save_logged_cb, f);
  g_assert_true (glossator_workspace_get_saving (f->workspace));
  /* An edit made while the save runs is not in it: the close saves again. */
  tag_open (f, "Noor");
  glossator_workspace_close_async (f->workspace, NULL, close_logged_cb, f);
  /* Other requests cannot get in before the close. */
  glossator_workspace_switch_async (f->workspace, item_at (f, 1), NULL, NULL, NULL);

  wait_until (f, closed);
  events = events_string (f);
  g_assert_cmpstr (events, ==, "saving saved save-done saving saved closed");
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_true (first_open (f));
}

static void
test_close_after_failed_save (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  block_first_sidecar (f);
  tag_open (f, "Kim");
  f->decide = GLOSSATOR_SAVE_DECISION_KEEP_EDITING;

  /* The user stays: the close is refused, the edits are kept. */
  glossator_workspace_close_async (f->workspace, NULL, result_cb, &result);
  g_assert_false (glossator_workspace_close_finish (f->workspace, wait_result (&result), &error));
  g_assert_error (error, GLOSSATOR_WORKSPACE_ERROR, GLOSSATOR_WORKSPACE_ERROR_STAYED);
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
}

/* Outside changes */

static void
write_theirs_once_cb (GlossatorWorkspace *workspace,
                      GParamSpec         *pspec,
                      Fixture            *f)
{
  if (!glossator_workspace_get_saving (workspace))
    return;
  g_signal_handlers_disconnect_by_func (workspace, write_theirs_once_cb, f);
  /* The save is under way: its worker has not looked at the disk yet. */
  write_theirs (f, "Ana");
}

static void
reloaded_cb (GlossatorWorkspace *workspace,
             guint               reason,
             guint               moved,
             guint               orphaned,
             Fixture            *f)
{
  log_event (f, reason == GLOSSATOR_RELOAD_SIDECAR_CHANGED ? "reloaded:sidecar" : "reloaded:article");
}

static void
conflict_cb (GlossatorWorkspace *workspace,
             Fixture            *f)
{
  log_event (f, "conflict");
}

static gboolean
has_reload (Fixture *f)
{
  for (guint i = 0; i < f->events->len; i++)
    if (g_str_equal (g_ptr_array_index (f->events, i), "reloaded:sidecar"))
      return TRUE;
  return FALSE;
}

static void
test_outside_change_mid_save (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *backup_path = NULL;
  g_autofree char *backup = NULL;
  g_autoptr(GFile) backup_file = NULL;

  open_corpus (f);
  g_signal_connect (f->workspace, "sidecar-conflict", G_CALLBACK (conflict_cb), f);
  tag_open (f, "Kim");
  g_signal_connect (f->workspace, "notify::saving", G_CALLBACK (write_theirs_once_cb), f);

  glossator_workspace_save_async (f->workspace, NULL, result_cb, &result);
  g_assert_false (glossator_workspace_save_finish (f->workspace, wait_result (&result), &error));

  /* Reported, and neither version lost: theirs on disk, ours open. */
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK);
  g_assert_true (has_save_failure (f));
  g_assert_true (disk_has (f, "\"Ana"));
  g_assert_false (disk_has (f, "\"Kim\""));
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));

  /* The change seen by the file monitor asks nothing more meanwhile. */
  spin (800);
  for (guint i = 0; i < f->events->len; i++)
    g_assert_cmpstr (g_ptr_array_index (f->events, i), !=, "conflict");

  /* Overwriting keeps theirs as the backup. */
  glossator_workspace_resolve_save (f->workspace, GLOSSATOR_SAVE_DECISION_OVERWRITE);
  wait_until (f, not_saving);
  g_assert_true (disk_has (f, "\"Kim\""));
  backup_file = glossator_sidecar_backup_file_for (f->first_sidecar);
  backup_path = g_file_get_path (backup_file);
  g_assert_true (g_file_get_contents (backup_path, &backup, NULL, NULL));
  g_assert_nonnull (strstr (backup, "\"Ana"));
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
}

static gboolean
has_conflict (Fixture *f)
{
  for (guint i = 0; i < f->events->len; i++)
    if (g_str_equal (g_ptr_array_index (f->events, i), "conflict"))
      return TRUE;
  return FALSE;
}

static void
test_outside_change_keep_both (Fixture       *f,
                               gconstpointer  data)
{
  g_autofree char *kept = NULL;
  g_autofree char *relative = NULL;
  g_autofree char *mine = NULL;
  g_autoptr(GError) error = NULL;

  open_corpus (f);
  g_signal_connect (f->workspace, "sidecar-conflict", G_CALLBACK (conflict_cb), f);
  g_signal_connect (f->workspace, "reloaded", G_CALLBACK (reloaded_cb), f);
  tag_open (f, "Kim");

  /* Another program saves while edits are unsaved: the user is asked,
   * and nothing is saved over theirs meanwhile. */
  write_theirs (f, "Ana");
  wait_until (f, has_conflict);
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));
  glossator_workspace_save_async (f->workspace, NULL, NULL, NULL);
  spin (100);
  g_assert_true (disk_has (f, "\"Ana"));

  kept = glossator_workspace_resolve_conflict (f->workspace, GLOSSATOR_CONFLICT_DECISION_BOTH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (kept);
  g_assert_true (g_str_has_prefix (kept, "a.txt.annotations.json.mine-"));

  /* Theirs is open now; ours is beside it. */
  wait_until (f, has_reload);
  wait_until (f, first_open);
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
  relative = g_build_filename ("corpus", kept, NULL);
  mine = test_util_read_file (f->dir, relative);
  g_assert_nonnull (strstr (mine, "\"Kim\""));
}

/* Autosave */

static gint64 saving_started;

static void
saving_started_cb (GlossatorWorkspace *workspace,
                   GParamSpec         *pspec,
                   gpointer            user_data)
{
  if (glossator_workspace_get_saving (workspace) && saving_started == 0)
    saving_started = g_get_monotonic_time ();
}

static gboolean
first_saved_on_disk (Fixture *f)
{
  return disk_has (f, "\"Noor\"") && !glossator_workspace_get_saving (f->workspace);
}

static void
test_autosave_timing (Fixture       *f,
                      gconstpointer  data)
{
  gint64 last_edit;

  open_corpus (f);
  g_object_set (f->workspace, "autosave", TRUE, "autosave-delay", 1000u, NULL);
  saving_started = 0;
  g_signal_connect (f->workspace, "notify::saving", G_CALLBACK (saving_started_cb), NULL);

  /* Each edit starts the delay again: without that, the first edit's
   * timer would save 700 ms after the second. */
  tag_open (f, "Kim");
  spin (300);
  tag_open (f, "Noor");
  last_edit = g_get_monotonic_time ();
  spin (300);
  g_assert_cmpint (saving_started, ==, 0);
  g_assert_null (read_first_sidecar (f));

  wait_until (f, first_saved_on_disk);
  g_assert_cmpint (saving_started - last_edit, >=, 1000 * 1000);
  g_assert_true (disk_has (f, "\"Kim\""));
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
}

static void
test_autosave_off (Fixture       *f,
                   gconstpointer  data)
{
  open_corpus (f);
  g_object_set (f->workspace, "autosave", FALSE, "autosave-delay", 50u, NULL);
  tag_open (f, "Kim");
  spin (400);
  g_assert_null (read_first_sidecar (f));
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));

  /* Turning it on saves what waits. */
  g_object_set (f->workspace, "autosave", TRUE, NULL);
  wait_until (f, not_saving);
  spin (200);
  wait_until (f, not_saving);
  g_assert_true (disk_has (f, "\"Kim\""));
}

/* The recovery journal */

static void
journal_restored_cb (GlossatorWorkspace *workspace,
                     GDateTime          *time,
                     Fixture            *f)
{
  g_assert_nonnull (time);
  log_event (f, "restored");
}

static void
journal_found_cb (GlossatorWorkspace *workspace,
                  guint               n,
                  GDateTime          *time,
                  Fixture            *f)
{
  g_autofree char *event = g_strdup_printf ("found:%u", n);

  log_event (f, event);
}

static void
journal_unreadable_cb (GlossatorWorkspace *workspace,
                       const char         *message,
                       Fixture            *f)
{
  g_assert_nonnull (strstr (message, "journal"));
  log_event (f, "unreadable");
}

/* Leaves an unsaved edit of a.txt in the journal, as a crash would. */
static gboolean
journal_written (Fixture *f)
{
  g_autoptr(GFile) journal = glossator_journal_file_for (f->journals, f->first);

  return g_file_query_exists (journal, NULL);
}

static void
leave_journaled_edit (Fixture *f)
{
  open_corpus (f);
  tag_open (f, "Kim");
  /* Dropping the workspace flushes the journal without saving (once the
   * summaries of the other articles, which hold it, are done). */
  g_clear_object (&f->workspace);
  wait_until (f, journal_written);
  g_assert_null (read_first_sidecar (f));

  f->workspace = new_workspace (f);
  g_signal_connect (f->workspace, "journal-restored", G_CALLBACK (journal_restored_cb), f);
  g_signal_connect (f->workspace, "journal-found", G_CALLBACK (journal_found_cb), f);
  g_signal_connect (f->workspace, "journal-unreadable", G_CALLBACK (journal_unreadable_cb), f);
  g_ptr_array_set_size (f->events, 0);
}

static void
test_journal_restores_matching (Fixture       *f,
                                gconstpointer  data)
{
  g_autofree char *events = NULL;

  leave_journaled_edit (f);
  open_corpus (f);

  /* Kept against the sidecar on disk (none): restored without asking. */
  events = events_string (f);
  g_assert_cmpstr (events, ==, "opened:a.txt restored");
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));
  /* One undo step takes it back. */
  glossator_document_undo (glossator_workspace_get_document (f->workspace));
  g_assert_cmpuint (n_mentions_open (f), ==, 0);
}

static void
test_journal_asks_when_sidecar_changed (Fixture       *f,
                                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;

  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *expected = NULL;

  leave_journaled_edit (f);
  write_theirs (f, "Ana");
  recovery = glossator_journal_read (f->journals, f->first, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  expected = g_strdup_printf ("opened:a.txt found:%u", glossator_journal_recovery_get_n_records (recovery));
  open_corpus (f);

  /* Another program saved since: nothing restored until the user says. */
  events = events_string (f);
  g_assert_cmpstr (events, ==, expected);
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));

  g_assert_true (glossator_workspace_resolve_journal (f->workspace, TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (glossator_workspace_has_unsaved_work (f->workspace));

  /* Restored on top of theirs: the journaled edit is saved. */
  glossator_workspace_save_async (f->workspace, NULL, result_cb, &result);
  g_assert_true (glossator_workspace_save_finish (f->workspace, wait_result (&result), &error));
  g_assert_no_error (error);
  g_assert_true (disk_has (f, "\"Kim\""));
}

static void
test_journal_discarded (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) journal = glossator_journal_file_for (f->journals, f->first);
  g_autofree char *events = NULL;

  leave_journaled_edit (f);
  write_theirs (f, "Ana");
  open_corpus (f);
  g_assert_true (g_file_query_exists (journal, NULL));

  g_assert_true (glossator_workspace_resolve_journal (f->workspace, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_mentions_open (f), ==, 1);
  g_assert_false (glossator_workspace_has_unsaved_work (f->workspace));
  g_assert_false (g_file_query_exists (journal, NULL));

  /* Asked once: opening again finds nothing. */
  g_clear_object (&f->workspace);
  f->workspace = new_workspace (f);
  g_signal_connect (f->workspace, "journal-found", G_CALLBACK (journal_found_cb), f);
  g_ptr_array_set_size (f->events, 0);
  open_corpus (f);
  events = events_string (f);
  g_assert_cmpstr (events, ==, "opened:a.txt");
}

static void
test_journal_unreadable (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) journal = glossator_journal_file_for (f->journals, f->first);
  g_autofree char *path = g_file_get_path (journal);
  g_autoptr(GError) error = NULL;
  g_autofree char *events = NULL;
  g_autofree char *folder = g_file_get_path (f->journals);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0755), ==, 0);
  g_file_set_contents (path, "\x89PNG not a journal\n", -1, &error);
  g_assert_no_error (error);
  g_signal_connect (f->workspace, "journal-unreadable", G_CALLBACK (journal_unreadable_cb), f);
  g_signal_connect (f->workspace, "journal-restored", G_CALLBACK (journal_restored_cb), f);

  open_corpus (f);
  events = events_string (f);
  g_assert_cmpstr (events, ==, "opened:a.txt unreadable");
  g_assert_cmpuint (n_mentions_open (f), ==, 0);
}

/* The sample corpus copy, in an isolated $XDG_DATA_HOME per test. */

static const char sample_article[] = BOM "Sample \xf0\x9f\x87\xba\xf0\x9f\x87\xa6 talks\r\n\r\nCafe\xcc\x81 " FAMILY " Noor.\r\n";
static const char sample_sidecar[] = "{\"format\": \"glossator-sidecar\"}\n";

static char *
sample_copy_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "glossator", "sample-corpus", NULL);
}

/* Installed-looking samples under the fixture's folder. */
static GFile *
make_samples (Fixture *f)
{
  g_autofree char *samples = g_build_filename (f->dir, "samples", NULL);

  test_util_write_file (samples, "caf\xc3\xa9 " FLAG_UA ".txt", sample_article, -1);
  test_util_write_file (samples, "caf\xc3\xa9 " FLAG_UA ".txt.annotations.json", sample_sidecar, -1);
  test_util_write_file (samples, "glossator-schema.json", "{}\n", -1);
  return g_file_new_for_path (samples);
}

/* Fails unless @path holds exactly the files make_samples() writes. */
static void
assert_whole_copy (const char *path)
{
  g_autofree char *listing = test_util_list_folder (path);
  g_autofree char *article = test_util_read_file (path, "caf\xc3\xa9 " FLAG_UA ".txt");

  g_assert_cmpstr (listing, ==, "caf\xc3\xa9 " FLAG_UA ".txt caf\xc3\xa9 " FLAG_UA ".txt.annotations.json "
                                "glossator-schema.json");
  g_assert_cmpstr (article, ==, sample_article);
}

static GFile *
copy_samples (Fixture  *f,
              GFile    *samples,
              GError  **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  glossator_workspace_copy_samples_async (f->workspace, samples, NULL, result_cb, &result);
  return glossator_workspace_copy_samples_finish (f->workspace, wait_result (&result), error);
}

static void
test_samples_copy_whole (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) samples = make_samples (f);
  g_autofree char *expected = sample_copy_path ();
  g_autofree char *parent = g_path_get_dirname (expected);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  copy = copy_samples (f, samples, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (copy), ==, expected);

  assert_whole_copy (expected);
  /* No partial copy is left beside it. */
  folder = test_util_list_folder (parent);
  g_assert_cmpstr (folder, ==, "sample-corpus");
}

/* From an uninstalled build the samples are not found: nothing may be left
 * that the next attempt would open as an empty corpus. */
static void
test_samples_failure_leaves_nothing (Fixture       *f,
                                     gconstpointer  data)
{
  g_autofree char *missing_path = g_build_filename (f->dir, "not-installed", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autoptr(GFile) empty = g_file_new_for_path (empty_path);
  g_autoptr(GFile) samples = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected = sample_copy_path ();
  g_autofree char *parent = g_path_get_dirname (expected);
  g_autofree char *listing = NULL;

  copy = copy_samples (f, missing, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (copy);
  g_assert_false (g_file_test (expected, G_FILE_TEST_EXISTS));
  listing = test_util_list_folder (parent);
  g_assert_cmpstr (listing, ==, "");
  g_clear_error (&error);
  g_clear_pointer (&listing, g_free);

  /* A folder with no articles is no sample corpus either. */
  g_assert_cmpint (g_mkdir_with_parents (empty_path, 0755), ==, 0);
  copy = copy_samples (f, empty, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, empty_path));
  g_assert_null (copy);
  listing = test_util_list_folder (parent);
  g_assert_cmpstr (listing, ==, "");
  g_clear_error (&error);
  g_clear_pointer (&listing, g_free);

  /* Once the samples are there, the copy is made. */
  samples = make_samples (f);
  copy = copy_samples (f, samples, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_file_peek_path (copy), ==, expected);
  assert_whole_copy (expected);
}

/* The copy holds the user's annotations: newer samples do not replace it. */
static void
test_samples_copy_kept (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) samples = make_samples (f);
  g_autofree char *expected = sample_copy_path ();
  g_autofree char *samples_path = g_file_get_path (samples);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GFile) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sidecar = NULL;
  const char *mine = "{\"format\": \"glossator-sidecar\", \"mentions\": [\"mine\"]}\n";

  copy = copy_samples (f, samples, &error);
  g_assert_no_error (error);
  test_util_write_file (expected, "caf\xc3\xa9 " FLAG_UA ".txt.annotations.json", mine, -1);
  test_util_write_file (samples_path, "caf\xc3\xa9 " FLAG_UA ".txt.annotations.json", "{\"newer\": 1}\n", -1);
  test_util_write_file (samples_path, "new.txt", "A newer sample\n", -1);

  again = copy_samples (f, samples, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_equal (again, copy));
  sidecar = test_util_read_file (expected, "caf\xc3\xa9 " FLAG_UA ".txt.annotations.json");
  g_assert_cmpstr (sidecar, ==, mine);
  assert_whole_copy (expected);
}

/* A partial copy left by a crash is removed; an empty sample-corpus left by
 * a failed copy of an older version is made anew. */
static void
test_samples_leftovers_cleaned (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GFile) samples = make_samples (f);
  g_autofree char *expected = sample_copy_path ();
  g_autofree char *parent = g_path_get_dirname (expected);
  g_autofree char *partial = g_build_filename (parent, "sample-corpus.partial-Ab12Cd", NULL);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = NULL;

  test_util_write_file (partial, "half.txt", "half a sam", -1);
  test_util_write_file (parent, "notes.txt", "the user's own file\n", -1);
  g_assert_cmpint (g_mkdir_with_parents (expected, 0755), ==, 0);

  copy = copy_samples (f, samples, &error);
  g_assert_no_error (error);
  assert_whole_copy (expected);
  folder = test_util_list_folder (parent);
  g_assert_cmpstr (folder, ==, "notes.txt sample-corpus");
}

int
main (int   argc,
      char *argv[])
{
  /* Each test gets its own $XDG_DATA_HOME: the sample copy goes there. */
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/workspace/save/writes-the-edits", test_save_writes_the_edits);
  ADD ("/workspace/save/failing-keeps-the-edits", test_save_failing_keeps_the_edits);
  ADD ("/workspace/save/failure-retry", test_save_failure_retry);
  ADD ("/workspace/save/failure-discard", test_save_failure_discard);
  ADD ("/workspace/switch/saves-first", test_switch_saves_first);
  ADD ("/workspace/switch/failure-stays", test_switch_failure_stays);
  ADD ("/workspace/switch/after-retry", test_switch_after_retry);
  ADD ("/workspace/switch/latest-wins", test_switch_latest_wins);
  ADD ("/workspace/close/during-save", test_close_during_save);
  ADD ("/workspace/close/after-failed-save", test_close_after_failed_save);
  ADD ("/workspace/outside/change-mid-save", test_outside_change_mid_save);
  ADD ("/workspace/outside/keep-both", test_outside_change_keep_both);
  ADD ("/workspace/autosave/timing", test_autosave_timing);
  ADD ("/workspace/autosave/off", test_autosave_off);
  ADD ("/workspace/journal/restores-matching", test_journal_restores_matching);
  ADD ("/workspace/journal/asks-when-sidecar-changed", test_journal_asks_when_sidecar_changed);
  ADD ("/workspace/journal/discarded", test_journal_discarded);
  ADD ("/workspace/journal/unreadable", test_journal_unreadable);
  ADD ("/workspace/samples/copy-whole", test_samples_copy_whole);
  ADD ("/workspace/samples/failure-leaves-nothing", test_samples_failure_leaves_nothing);
  ADD ("/workspace/samples/copy-kept", test_samples_copy_kept);
  ADD ("/workspace/samples/leftovers-cleaned", test_samples_leftovers_cleaned);
#undef ADD

  return g_test_run ();
}

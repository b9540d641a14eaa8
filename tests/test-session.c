/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "glossator-session.h"
#include "test-util.h"

/* BOM, CRLF, a ZWJ family right before a name, a flag, NFD, a tab and RTL. */
static const char article_data[] =
  BOM "Harbour talks\r\n"
  "\r\n"
  FAMILY "Ana Wr\xc3\xb3" "bel met Kim in Gda\xc5\x84sk.\r\n"
  "Kyiv " FLAG_UA "\tCafe\xcc\x81 Noor \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d spoke.\r\n";

static const char schema_data[] =
  "{\"format\": \"glossator-schema\", \"version\": 1,\n"
  " \"labels\": [{\"name\": \"PER\", \"color\": \"#3584e4\", \"key\": \"p\"},\n"
  "            {\"name\": \"PLACE\", \"color\": \"#26a269\", \"key\": \"l\"}]}\n";

typedef struct {
  char  *dir;
  GFile *article;
  GFile *sidecar;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_util_make_temp_dir ();
  f->article = test_util_write_gfile (f->dir, "talks.txt", article_data, sizeof article_data - 1);
  f->sidecar = glossator_sidecar_file_for (f->article);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->article);
  g_clear_object (&f->sidecar);
  test_util_remove_tree (f->dir);
  g_free (f->dir);
}

static GlossatorSession *
open_ok (GFile *file)
{
  g_autoptr(GError) error = NULL;
  GlossatorSession *session = glossator_session_open (file, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Runs an asynchronous save to the end. */
static gboolean
save (GlossatorSession  *session,
      gboolean           force,
      gboolean          *written,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  glossator_session_save_async (session, force, NULL, save_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return glossator_session_save_finish (session, result, written, error);
}

static void
test_no_sidecar (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  GlossatorDocument *doc = glossator_session_get_document (session);
  GlossatorText *text = glossator_article_get_text (glossator_session_get_article (session));
  g_autoptr(GError) error = NULL;
  gboolean written = TRUE;

  g_assert_true (g_file_equal (glossator_session_get_file (session), f->article));
  g_assert_true (g_file_equal (glossator_session_get_sidecar_file (session), f->sidecar));
  g_assert_false (glossator_session_get_had_sidecar (session));
  g_assert_false (glossator_session_get_read_only (session));
  g_assert_null (glossator_session_get_read_only_reason (session));
  g_assert_null (glossator_session_get_load_error (session));
  g_assert_cmpuint (glossator_session_get_problems (session)->len, ==, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 0);
  g_assert_false (glossator_document_get_modified (doc));
  g_assert_true (glossator_text_has_bom (text));
  g_assert_cmpint (glossator_text_get_newline (text), ==, GLOSSATOR_NEWLINE_CRLF);
  /* No schema file anywhere above the temporary folder: the default. */
  g_assert_null (glossator_schema_get_file (glossator_session_get_schema (session)));
  g_assert_nonnull (glossator_schema_find_label (glossator_session_get_schema (session), "PERSON"));

  /* Nothing edited, nothing written. */
  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_no_error (error);
  g_assert_false (written);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));
}

static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GlossatorSession) again = NULL;
  g_autoptr(GlossatorMention) ana = NULL;
  g_autoptr(GlossatorMention) kyiv = NULL;
  g_autoptr(GlossatorMention) noor = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc = glossator_session_get_document (session);
  GlossatorMention *m;
  gboolean written = FALSE;

  ana = test_util_tag (doc, "Ana Wróbel", 0, "PERSON", NULL);
  kyiv = test_util_tag (doc, "Kyiv", 0, "GPE", NULL);
  noor = test_util_tag (doc, "Noor", 0, "PERSON", NULL);
  /* "Harbour talks" 13 + CRLF 2 + CRLF 2, then the 5-code-point family. */
  g_assert_cmpuint (ana->fragments[0].start, ==, 22);
  g_assert_cmpuint (ana->fragments[0].end, ==, 32);
  /* The line after a CRLF: 29 more code points, then CR and LF. */
  g_assert_cmpuint (kyiv->fragments[0].start, ==, 22 + 29 + 2);
  g_assert_true (glossator_document_get_modified (doc));

  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  g_assert_false (glossator_document_get_modified (doc));
  /* Saving again writes nothing. */
  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_false (written);

  again = open_ok (f->article);
  g_assert_true (glossator_session_get_had_sidecar (again));
  g_assert_false (glossator_session_get_read_only (again));
  g_assert_cmpuint (glossator_session_get_problems (again)->len, ==, 0);
  doc = glossator_session_get_document (again);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 3);
  g_assert_false (glossator_document_get_modified (doc));
  m = glossator_document_get_mention (doc, ana->id);
  g_assert_nonnull (m);
  g_assert_cmpstr (m->label, ==, "PERSON");
  g_assert_cmpuint (m->fragments[0].start, ==, 22);
  g_assert_cmpuint (m->fragments[0].end, ==, 32);
  g_assert_cmpstr (m->fragments[0].exact, ==, "Ana Wróbel");
  m = glossator_document_get_mention (doc, noor->id);
  g_assert_cmpstr (m->fragments[0].exact, ==, "Noor");
  g_assert_cmpuint (m->fragments[0].start, ==, noor->fragments[0].start);
}

static void
open_async_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static void
test_open_async (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) schema_file = NULL;
  g_autoptr(GFile) corpus = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorSchema *schema;

  schema_file = test_util_write_gfile (f->dir, "corpus/glossator-schema.json", schema_data, -1);
  article = test_util_write_gfile (f->dir, "corpus/week 1/talks.txt", article_data, sizeof article_data - 1);
  corpus = g_file_get_parent (schema_file);

  glossator_session_open_async (article, corpus, NULL, open_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  session = glossator_session_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  /* The schema is found by walking up from the article's folder to the
   * folder opened. */
  schema = glossator_session_get_schema (session);
  g_assert_true (g_file_equal (glossator_schema_get_file (schema), schema_file));
  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, 2);
  g_assert_nonnull (glossator_schema_find_label (schema, "PLACE"));
  g_assert_cmpstr (glossator_article_get_title (glossator_session_get_article (session)), ==, "Harbour talks");
}

/* The article opened on its own, or with its folder: the corpus's schema
 * one level up is not the user's to apply. */
static void
test_schema_above_root (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) week = NULL;
  g_autoptr(GlossatorSession) alone = NULL;
  g_autoptr(GlossatorSession) in_week = NULL;

  test_util_write_file (f->dir, "corpus/glossator-schema.json", schema_data, -1);
  article = test_util_write_gfile (f->dir, "corpus/week 1/talks.txt", article_data, sizeof article_data - 1);
  week = g_file_get_parent (article);

  alone = open_ok (article);
  g_assert_null (glossator_schema_get_file (glossator_session_get_schema (alone)));
  g_assert_null (glossator_schema_find_label (glossator_session_get_schema (alone), "PLACE"));
  g_assert_false (glossator_session_get_read_only (alone));

  in_week = glossator_session_open (article, week, NULL, NULL);
  g_assert_nonnull (in_week);
  g_assert_null (glossator_schema_get_file (glossator_session_get_schema (in_week)));
}

static void
test_open_cancelled (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;

  g_cancellable_cancel (cancellable);
  glossator_session_open_async (f->article, NULL, cancellable, open_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  session = glossator_session_open_finish (result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (session);
}

typedef struct {
  GBytes        *text;
  guint          n_calls;
  GAsyncResult  *result_at_text;
  GAsyncResult **result;
  gboolean       freed;
} TextSeen;

static void
text_ready_cb (GBytes   *text,
               gpointer  user_data)
{
  TextSeen *seen = user_data;

  seen->n_calls++;
  seen->text = g_bytes_ref (text);
  seen->result_at_text = *seen->result;
}

static void
text_seen_free (gpointer user_data)
{
  TextSeen *seen = user_data;

  g_assert_false (seen->freed);
  seen->freed = TRUE;
}

/* The text comes first, once, as the article holds it (BOM removed, CRLF
 * kept); its data is released on this thread; an unreadable article tells
 * no text. */
static void
test_open_with_text (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) bad = test_util_write_gfile (f->dir, "bad.txt", "caf\xe9 au lait\n", -1);
  TextSeen seen = { NULL, 0, NULL, &result, FALSE };
  gsize length;

  glossator_session_open_with_text_async (f->article, NULL, text_ready_cb, &seen, text_seen_free, NULL,
                                          open_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  session = glossator_session_open_finish (result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n_calls, ==, 1);
  g_assert_null (seen.result_at_text);
  g_assert_cmpmem (g_bytes_get_data (seen.text, NULL), g_bytes_get_size (seen.text),
                   article_data + 3, sizeof article_data - 4);
  g_assert_cmpmem (g_bytes_get_data (seen.text, NULL), g_bytes_get_size (seen.text),
                   glossator_text_get_utf8 (glossator_article_get_text (glossator_session_get_article (session)),
                                            &length), length);
  g_clear_pointer (&seen.text, g_bytes_unref);
  g_clear_object (&result);
  g_clear_object (&session);
  while (!seen.freed)
    g_main_context_iteration (NULL, TRUE);

  seen.n_calls = 0;
  seen.freed = FALSE;
  glossator_session_open_with_text_async (bad, NULL, text_ready_cb, &seen, text_seen_free, NULL,
                                          open_async_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  session = glossator_session_open_finish (result, &error);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8);
  g_assert_null (session);
  g_clear_object (&result);
  while (!seen.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (seen.n_calls, ==, 0);
}

/* A sidecar that is not JSON, one that is JSON but not a valid sidecar and
 * one from a newer Glossator: the article opens read-only, the error is
 * kept, and saving leaves the file exactly as it was. */
static void
check_corrupt (Fixture    *f,
               const char *contents,
               int         code)
{
  g_autoptr(GFile) sidecar = test_util_write_gfile (f->dir, "talks.txt" GLOSSATOR_SIDECAR_SUFFIX, contents, -1);
  g_autoptr(GFile) backup = glossator_sidecar_backup_file_for (sidecar);
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sidecar_path = g_file_get_path (sidecar);
  const GError *load_error;
  GlossatorDocument *doc;
  gboolean written = TRUE;
  gsize length;

  g_assert_true (glossator_session_get_had_sidecar (session));
  g_assert_true (glossator_session_get_read_only (session));
  g_assert_cmpstr (glossator_session_get_read_only_reason (session), ==,
                   "the annotations could not be read");
  load_error = glossator_session_get_load_error (session);
  g_assert_error ((GError *) load_error, GLOSSATOR_SIDECAR_ERROR, code);
  /* The message names the file, so the user knows which one to fix. */
  g_assert_nonnull (strstr (load_error->message, sidecar_path));

  /* The article itself is readable. */
  g_assert_cmpstr (glossator_article_get_title (glossator_session_get_article (session)), ==, "Harbour talks");
  doc = glossator_session_get_document (session);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 0);

  /* Even a modified document is never saved over the file. */
  mention = test_util_tag (doc, "Kyiv", 0, "GPE", NULL);
  g_assert_true (glossator_document_get_modified (doc));
  g_assert_false (save (session, FALSE, &written, &error));
  g_assert_error (error, GLOSSATOR_SESSION_ERROR, GLOSSATOR_SESSION_ERROR_READ_ONLY);
  g_assert_false (written);
  g_clear_error (&error);
  g_assert_false (save (session, TRUE, &written, &error));
  g_assert_error (error, GLOSSATOR_SESSION_ERROR, GLOSSATOR_SESSION_ERROR_READ_ONLY);
  g_assert_false (glossator_session_adopt_annotator (session, "Ana"));

  after = test_util_read_gfile (sidecar, &length);
  g_assert_cmpuint (length, ==, strlen (contents));
  g_assert_cmpmem (after, length, contents, strlen (contents));
  g_assert_false (g_file_query_exists (backup, NULL));
}

static void
test_corrupt_not_json (Fixture       *f,
                       gconstpointer  data)
{
  check_corrupt (f, "{\"format\": \"glossator-sidecar\", \"version\": 1,\n  \"mentions\": [\n", GLOSSATOR_SIDECAR_ERROR_UNREADABLE);
}

static void
test_corrupt_invalid (Fixture       *f,
                      gconstpointer  data)
{
  GlossatorText *text;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;

  article = glossator_article_load (f->article, NULL, &error);
  g_assert_no_error (error);
  text = glossator_article_get_text (article);
  /* Well-formed JSON whose mention names an entity that does not exist. */
  contents = g_strdup_printf ("{\"format\": \"glossator-sidecar\", \"version\": 1,\n"
                              " \"article\": {\"sha256\": \"%s\", \"length\": %u},\n"
                              " \"entities\": [],\n"
                              " \"mentions\": [{\"id\": \"m1\", \"label\": \"GPE\", \"entity\": \"e9\",\n"
                              "   \"fragments\": [{\"start\": 51, \"end\": 55, \"exact\": \"Kyiv\"}]}]}\n",
                              glossator_text_get_sha256 (text), glossator_text_get_length (text));
  check_corrupt (f, contents, GLOSSATOR_SIDECAR_ERROR_INVALID);
}

static void
test_corrupt_newer (Fixture       *f,
                    gconstpointer  data)
{
  check_corrupt (f, "{\"format\": \"glossator-sidecar\", \"version\": 99,\n"
                    " \"article\": {\"sha256\": \"00\", \"length\": 1}}\n",
                 GLOSSATOR_SIDECAR_ERROR_NEWER_VERSION);
}

static void
test_invalid_schema (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GFile) schema = test_util_write_gfile (f->dir, GLOSSATOR_SCHEMA_FILE_NAME, "{\"format\": \"glossator-schema\", \"labels\": 3}", -1);
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GError) error = NULL;
  gboolean written = TRUE;

  g_assert_true (glossator_session_get_read_only (session));
  g_assert_cmpstr (glossator_session_get_read_only_reason (session), ==, "the label schema could not be read");
  g_assert_error ((GError *) glossator_session_get_load_error (session),
                  GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID);
  /* Shown with the default colours meanwhile. */
  g_assert_nonnull (glossator_session_get_schema (session));
  g_assert_false (save (session, FALSE, &written, &error));
  g_assert_error (error, GLOSSATOR_SESSION_ERROR, GLOSSATOR_SESSION_ERROR_READ_ONLY);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));
}

static void
test_unreadable_article (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GFile) bad = test_util_write_gfile (f->dir, "bad.txt", "caf\xe9 au lait\n", -1);
  g_autoptr(GFile) missing = NULL;
  g_autofree char *missing_path = g_build_filename (f->dir, "missing.txt", NULL);
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = glossator_session_open (bad, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8);
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  session = glossator_session_open (missing, NULL, NULL, &error);
  g_assert_null (session);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
}

static void
test_adopt_annotator (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GlossatorSession) again = NULL;
  g_autoptr(GlossatorMention) kyiv = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc = glossator_session_get_document (session);
  gboolean written = TRUE;

  g_assert_false (glossator_session_adopt_annotator (session, ""));
  g_assert_true (glossator_session_adopt_annotator (session, "Łucja"));
  g_assert_cmpstr (glossator_document_get_annotator (doc), ==, "Łucja");
  /* Not an edit: nothing to undo, nothing to save. */
  g_assert_false (glossator_document_can_undo (doc));
  g_assert_false (glossator_document_get_modified (doc));
  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_false (written);
  g_assert_false (g_file_query_exists (f->sidecar, NULL));

  /* The first edit is one undo step and brings the name along. */
  kyiv = test_util_tag (doc, "Kyiv", 0, "GPE", NULL);
  g_assert_true (glossator_document_undo (doc));
  g_assert_false (glossator_document_can_undo (doc));
  g_assert_cmpstr (glossator_document_get_annotator (doc), ==, "Łucja");
  g_assert_true (glossator_document_redo (doc));
  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);

  again = open_ok (f->article);
  doc = glossator_session_get_document (again);
  g_assert_cmpstr (glossator_document_get_annotator (doc), ==, "Łucja");
  /* Someone else's name is kept. */
  g_assert_false (glossator_session_adopt_annotator (again, "Bo"));
  g_assert_cmpstr (glossator_document_get_annotator (doc), ==, "Łucja");
}

static void
test_adopt_after_edit (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GlossatorMention) kyiv = test_util_tag (glossator_session_get_document (session), "Kyiv", 0, "GPE", NULL);
  GlossatorDocument *doc = glossator_session_get_document (session);

  /* Adopting now would wipe the undo history: refused. */
  g_assert_false (glossator_session_adopt_annotator (session, "Ana"));
  g_assert_null (glossator_document_get_annotator (doc));
  g_assert_true (glossator_document_can_undo (doc));
}

static void
test_changed_on_disk (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossatorSession) session = open_ok (f->article);
  g_autoptr(GlossatorSession) other = NULL;
  g_autoptr(GlossatorMention) kyiv = test_util_tag (glossator_session_get_document (session), "Kyiv", 0, "GPE", NULL);
  g_autoptr(GlossatorMention) noor = NULL;
  g_autoptr(GlossatorMention) ana = NULL;
  g_autoptr(GlossatorSession) again = NULL;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_assert_true (save (session, FALSE, &written, &error));
  g_assert_true (written);

  /* Someone else saves the same sidecar meanwhile. */
  other = open_ok (f->article);
  noor = test_util_tag (glossator_session_get_document (other), "Noor", 0, "PERSON", NULL);
  g_assert_true (save (other, FALSE, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);

  ana = test_util_tag (glossator_session_get_document (session), "Ana", 0, "PERSON", NULL);
  g_assert_false (save (session, FALSE, &written, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK);
  g_assert_false (written);
  g_assert_true (glossator_document_get_modified (glossator_session_get_document (session)));
  g_clear_error (&error);

  again = open_ok (f->article);
  g_assert_nonnull (glossator_document_get_mention (glossator_session_get_document (again), noor->id));
  g_clear_object (&again);

  /* Overwriting is the user's explicit choice. */
  g_assert_true (save (session, TRUE, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  again = open_ok (f->article);
  g_assert_cmpuint (glossator_document_get_n_mentions (glossator_session_get_document (again)), ==, 2);
  g_assert_nonnull (glossator_document_get_mention (glossator_session_get_document (again), ana->id));
}

/* A file handed over alone by the document portal (a sandboxed app's
 * drag and drop, or a file opened from the file manager): its folder is the
 * portal's, so a sidecar beside it would never reach the real folder. */
static void
test_portal_single_file (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *doc = g_build_filename (g_get_user_runtime_dir (), "doc", "a1b2c3", NULL);
  g_autoptr(GFile) alone = test_util_write_gfile (doc, "talks.txt", article_data, sizeof article_data - 1);
  g_autoptr(GFile) in_folder = test_util_write_gfile (doc, "corpus/talks.txt", article_data, sizeof article_data - 1);
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GlossatorSession) folder_session = NULL;
  g_autoptr(GError) error = NULL;

  session = glossator_session_open (alone, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (glossator_session_get_read_only (session));
  g_assert_nonnull (strstr (glossator_session_get_read_only_reason (session), "without its folder"));

  /* A folder granted through the file chooser is exported whole. */
  folder_session = glossator_session_open (in_folder, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (glossator_session_get_read_only (folder_session));

  test_util_remove_tree (doc);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *runtime = g_dir_make_tmp ("glossator-runtime-XXXXXX", NULL);

  /* Before anything asks GLib for it, so the portal test stays in here. */
  g_setenv ("XDG_RUNTIME_DIR", runtime, TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/session/no-sidecar", test_no_sidecar);
  ADD ("/session/round-trip", test_round_trip);
  ADD ("/session/open-async", test_open_async);
  ADD ("/session/schema-above-root", test_schema_above_root);
  ADD ("/session/open-with-text", test_open_with_text);
  ADD ("/session/open-cancelled", test_open_cancelled);
  ADD ("/session/corrupt/not-json", test_corrupt_not_json);
  ADD ("/session/corrupt/invalid", test_corrupt_invalid);
  ADD ("/session/corrupt/newer-version", test_corrupt_newer);
  ADD ("/session/invalid-schema", test_invalid_schema);
  ADD ("/session/unreadable-article", test_unreadable_article);
  ADD ("/session/annotator/adopt", test_adopt_annotator);
  ADD ("/session/annotator/after-edit", test_adopt_after_edit);
  ADD ("/session/changed-on-disk", test_changed_on_disk);
  ADD ("/session/portal-single-file", test_portal_single_file);
#undef ADD

  {
    int status = g_test_run ();
    g_autofree char *doc = g_build_filename (runtime, "doc", NULL);

    g_rmdir (doc);
    g_rmdir (runtime);
    return status;
  }
}

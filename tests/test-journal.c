/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glossator-comparison.h"
#include "glossator-journal.h"
#include "glossator-merge.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* The recovery journal: every edit survives a kill, is restored as one undo
 * step over the sidecar it was kept against, and the file neither lingers
 * after a save nor grows without bound. */

static const char *article =
  "\xef\xbb\xbf👩‍👩‍👧 Zoë Ó Briain met Kim Jong Un in Gdańsk.\r\n"
  "🇺🇦\tCafe\u0301 owners said “no” to the plan.\r\n"
  "ليلى حداد criticised Kim.\r\n";

typedef struct {
  char          *dir;
  GFile         *folder;     /* the journals */
  GFile         *article;
  GFile         *sidecar;
  GlossatorText *text;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_util_make_temp_dir ();
  f->folder = g_file_new_build_filename (f->dir, "journal", NULL);
  f->article = test_util_write_gfile (f->dir, "corpus/a.txt", article, -1);
  f->sidecar = glossator_sidecar_file_for (f->article);
  f->text = test_util_text_from_data (article);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_object_unref (f->folder);
  g_object_unref (f->article);
  g_object_unref (f->sidecar);
  glossator_text_unref (f->text);
}

static GlossatorDocument *
load (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc = glossator_sidecar_load (f->text, f->sidecar, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  return doc;
}

static char *
checksum_of (GFile *file)
{
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, NULL))
    return NULL;
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

static void
save (Fixture           *f,
      GlossatorDocument *doc)
{
  g_autoptr(GError) error = NULL;

  glossator_sidecar_save (doc, f->sidecar, "a.txt", FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
}

static char *
serialize (GlossatorDocument *doc)
{
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (doc, "a.txt");
  char *str = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  /* "modified" differs between a saved file and a restored model. */
  char *modified = strstr (str, "\"modified\"");

  if (modified != NULL)
    memset (modified, ' ', strchr (modified, '\n') - modified);
  return str;
}

static GlossatorJournalRecovery *
read_journal (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GlossatorJournalRecovery *recovery = glossator_journal_read (f->folder, f->article, &error);

  g_assert_no_error (error);
  return recovery;
}

static gboolean
journal_exists (Fixture *f)
{
  g_autoptr(GFile) file = glossator_journal_file_for (f->folder, f->article);

  return g_file_query_exists (file, NULL);
}

/* Every kind of edit comes back, exactly, as one undo step. */
static void
test_restores_every_edit (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournal) journal = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GlossatorMention) gdansk = NULL;
  g_autoptr(GlossatorMention) cafe = NULL;
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  g_autofree char *before = NULL;
  int n;

  /* A saved sidecar to start from. */
  doc = load (f);
  gdansk = test_util_tag (doc, "Gdańsk", 0, "GPE", NULL);
  save (f, doc);
  g_clear_object (&doc);
  base = checksum_of (f->sidecar);

  doc = load (f);
  journal = glossator_journal_new (f->folder, f->article, doc, base);
  kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  cafe = test_util_tag (doc, "Cafe\u0301", 0, "NORP", NULL);
  glossator_document_set_mention_label (doc, gdansk->id, "LOC");
  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, kim->entity_id);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "the plan 👩‍👩‍👧");
  glossator_document_put_stance (doc, stance);
  glossator_document_delete_mention (doc, cafe->id);
  glossator_document_set_status (doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_notes (doc, "line 1\nline \"2\"\t✓");
  g_assert_true (glossator_journal_flush (journal, &error));
  g_assert_no_error (error);
  expected = serialize (doc);

  /* The window is killed: nothing but the journal and the old sidecar. */
  g_clear_object (&journal);
  g_clear_object (&doc);

  again = load (f);
  before = serialize (again);
  recovery = read_journal (f);
  g_assert_nonnull (recovery);
  g_assert_true (glossator_journal_recovery_matches (recovery, base));
  g_assert_false (glossator_journal_recovery_matches (recovery, NULL));
  g_assert_nonnull (glossator_journal_recovery_get_time (recovery));

  n = glossator_journal_recovery_apply (recovery, again, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Kim's mention and entity, Gdańsk's mention and entity relabelled, the
   * stance, the info; Café's mention and entity came and went. */
  g_assert_cmpint (n, ==, 6);
  restored = serialize (again);
  g_assert_cmpstr (restored, ==, expected);
  g_assert_true (glossator_document_get_modified (again));

  /* One undo step takes the restoration back. */
  g_assert_cmpstr (glossator_document_get_undo_description (again), ==, "Restore Unsaved Edits");
  g_assert_true (glossator_document_undo (again));
  g_clear_pointer (&restored, g_free);
  restored = serialize (again);
  g_assert_cmpstr (restored, ==, before);
  g_assert_false (glossator_document_can_undo (again));
}

/* A sidecar saved with nothing left over removes the journal; edits made
 * during the save stay journaled, against the new sidecar. */
static void
test_saved_removes_or_rebases (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GlossatorDocument) doc = load (f);
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournal) journal = glossator_journal_new (f->folder, f->article, doc, NULL);
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GlossatorMention) zoe = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *checksum = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  guint64 revision;

  g_assert_false (journal_exists (f));
  kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_assert_true (glossator_journal_flush (journal, NULL));
  g_assert_true (journal_exists (f));

  save (f, doc);
  checksum = checksum_of (f->sidecar);
  glossator_journal_sidecar_saved (journal, checksum);
  g_assert_false (journal_exists (f));

  /* A save of one revision, while another edit is made. */
  zoe = test_util_tag (doc, "Zoë Ó Briain", 0, "PERSON", NULL);
  g_assert_true (glossator_journal_flush (journal, NULL));
  revision = glossator_document_get_revision (doc);
  g_clear_pointer (&kim, glossator_mention_unref);
  kim = test_util_tag (doc, "Kim", 0, "PERSON", NULL);
  {
    /* What a save of @revision would have written. */
    g_autoptr(GlossatorDocument) at_revision = load (f);
    g_autoptr(GlossatorMention) z = test_util_tag (at_revision, "Zoë Ó Briain", 0, "PERSON", NULL);

    save (f, at_revision);
  }
  glossator_document_mark_saved_revision (doc, revision);
  g_clear_pointer (&checksum, g_free);
  checksum = checksum_of (f->sidecar);
  glossator_journal_sidecar_saved (journal, checksum);
  g_assert_true (journal_exists (f));
  expected = serialize (doc);
  g_clear_object (&journal);
  g_clear_object (&doc);

  again = load (f);
  recovery = read_journal (f);
  g_assert_true (glossator_journal_recovery_matches (recovery, checksum));
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  restored = serialize (again);
  g_assert_cmpstr (restored, ==, expected);
}

/* Two thousand edits of one mention keep the journal near one record. */
static void
test_compacts (Fixture       *f,
               gconstpointer  data)
{
  static const char * const labels[] = { "PERSON", "ORG", "GPE", "LOC" };
  g_autoptr(GlossatorDocument) doc = load (f);
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournal) journal = glossator_journal_new (f->folder, f->article, doc, NULL);
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GFile) file = glossator_journal_file_for (f->folder, f->article);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;

  for (guint i = 0; i < 2000; i++)
    {
      glossator_document_set_mention_label (doc, kim->id, labels[i % G_N_ELEMENTS (labels)]);
      if (i % 100 == 0)
        g_assert_true (glossator_journal_flush (journal, NULL));
    }
  g_assert_true (glossator_journal_flush (journal, NULL));
  expected = serialize (doc);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  g_assert_cmpint (g_file_info_get_size (info), <, 200 * 1024);
  g_clear_object (&journal);
  g_clear_object (&doc);

  again = load (f);
  recovery = read_journal (f);
  g_assert_cmpuint (glossator_journal_recovery_get_n_records (recovery), <=, 400);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, NULL), >, 0);
  restored = serialize (again);
  g_assert_cmpstr (restored, ==, expected);
}

/* The record being written when the process died is skipped; the rest is
 * restored. */
static void
test_torn_last_record (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GlossatorDocument) doc = load (f);
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournal) journal = glossator_journal_new (f->folder, f->article, doc, NULL);
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GFile) file = glossator_journal_file_for (f->folder, f->article);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *contents = NULL;
  g_autofree char *torn = NULL;

  g_assert_true (glossator_journal_flush (journal, NULL));
  g_clear_object (&journal);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  torn = g_strconcat (contents, "{\"put\":\"mention\",\"value\":{\"id\":\"m9\",\"lab", NULL);
  g_assert_true (g_file_set_contents (path, torn, -1, NULL));

  again = load (f);
  recovery = read_journal (f);
  g_assert_nonnull (recovery);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, NULL), ==, 2);
  g_assert_nonnull (glossator_document_get_mention (again, kim->id));
  g_assert_null (glossator_document_get_mention (again, "m9"));
}

/* A journal that cannot be read is kept aside, reported, never deleted. */
static void
test_unreadable_kept_aside (Fixture       *f,
                            gconstpointer  data)
{
  static const char * const bad_lines[] = {
    "{\"put\":\"mention\",\"value\":{\"label\":\"PERSON\"}}\n",   /* no id */
    "{\"remove\":\"widget\",\"id\":\"m1\"}\n",                     /* unknown kind */
    "[1, 2\n",                                                     /* not JSON */
    "{\"something\":true}\n",                                      /* not a record */
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad_lines); i++)
    {
      g_autoptr(GFile) file = glossator_journal_file_for (f->folder, f->article);
      g_autofree char *path = g_file_get_path (file);
      g_autofree char *uri = g_file_get_uri (f->article);
      g_autofree char *folder = g_file_get_path (f->folder);
      g_autofree char *contents = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GDir) dir = NULL;
      const char *name;
      gboolean kept = FALSE;

      contents = g_strdup_printf ("{\"format\":\"glossator-journal\",\"version\":1,\"article\":\"%s\",\"base\":null}\n"
                                  "{\"info\":{\"status\":\"todo\"}}\n%s", uri, bad_lines[i]);
      g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
      g_assert_true (g_file_set_contents (path, contents, -1, NULL));

      g_assert_null (glossator_journal_read (f->folder, f->article, &error));
      g_assert_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_UNREADABLE);
      g_assert_nonnull (strstr (error->message, path));
      g_assert_nonnull (strstr (error->message, "line 3"));
      g_assert_nonnull (strstr (error->message, "kept as"));
      g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

      dir = g_dir_open (folder, 0, NULL);
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *aside = g_build_filename (folder, name, NULL);
          g_autofree char *kept_contents = NULL;

          if (strstr (name, ".unreadable-") == NULL)
            continue;
          g_assert_true (g_file_get_contents (aside, &kept_contents, NULL, NULL));
          g_assert_cmpstr (kept_contents, ==, contents);
          g_unlink (aside);
          kept = TRUE;
        }
      g_assert_true (kept);
    }
}

/* A journaled state that is not a valid document is refused and changes
 * nothing. */
static void
test_invalid_state_refused (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GlossatorDocument) doc = load (f);
  g_autoptr(GFile) file = glossator_journal_file_for (f->folder, f->article);
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *folder = g_file_get_path (f->folder);
  g_autofree char *uri = g_file_get_uri (f->article);
  g_autofree char *contents = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GError) error = NULL;

  /* A mention past the end of the text, naming an entity that is not there. */
  contents = g_strdup_printf ("{\"format\":\"glossator-journal\",\"version\":1,\"article\":\"%s\",\"base\":null}\n"
                              "{\"put\":\"mention\",\"value\":{\"id\":\"m1\",\"label\":\"PERSON\",\"entity\":\"e7\","
                              "\"fragments\":[{\"start\":5000,\"end\":5004,\"exact\":\"Kim \",\"prefix\":\"\",\"suffix\":\"\"}]}}\n",
                              uri);
  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, contents, -1, NULL));

  recovery = read_journal (f);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, doc, NULL, NULL, &error), ==, -1);
  g_assert_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 0);
  g_assert_false (glossator_document_can_undo (doc));
  /* Still there for the user to decide about. */
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (glossator_journal_recovery_delete (recovery, NULL));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

/* Discarding stops journaling and removes the file. */
static void
test_discard (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GlossatorDocument) doc = load (f);
  g_autoptr(GlossatorJournal) journal = glossator_journal_new (f->folder, f->article, doc, NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) zoe = NULL;

  g_assert_true (glossator_journal_flush (journal, NULL));
  g_assert_true (journal_exists (f));
  glossator_journal_discard (journal);
  g_assert_false (journal_exists (f));
  zoe = test_util_tag (doc, "Zoë Ó Briain", 0, "PERSON", NULL);
  g_clear_object (&journal);
  g_assert_false (journal_exists (f));
}

/* The process killed half a second after an edit, with no explicit flush:
 * the main loop alone wrote the journal. */
static void
test_survives_kill (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      g_autoptr(GlossatorDocument) doc = load (f);
      GlossatorJournal *journal = glossator_journal_new (f->folder, f->article, doc, NULL);
      g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
      gint64 until = g_get_monotonic_time () + 500 * G_TIME_SPAN_MILLISECOND;

      (void) journal;
      while (g_get_monotonic_time () < until)
        g_main_context_iteration (NULL, FALSE);
      raise (SIGKILL);
      _exit (1);
    }
  else
    {
      int status;

      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      g_assert_true (WIFSIGNALED (status));
    }

  again = load (f);
  recovery = read_journal (f);
  g_assert_nonnull (recovery);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, NULL), ==, 2);
  g_assert_cmpuint (glossator_document_get_n_mentions (again), ==, 1);
}

static GBytes *
sidecar_with_label (Fixture    *f,
                    const char *label)
{
  g_autoptr(GlossatorDocument) doc = glossator_document_new (f->text);

  test_util_put_mention (doc, "m1", label, "e1", "Kim Jong Un", 0, NULL);
  return glossator_sidecar_serialize (doc, "a.txt");
}

/* Settling a merge conflict and rejecting an annotator's mention change
 * the sidecar's top-level "conflicts" and "adjudication": a kill loses
 * neither. */
static void
test_restores_adjudication (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GBytes) base_bytes = sidecar_with_label (f, "LOC");
  g_autoptr(GBytes) ours = sidecar_with_label (f, "ORG");
  g_autoptr(GBytes) theirs = sidecar_with_label (f, "PERSON");
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorDocument) bob = NULL;
  g_autoptr(GlossatorDocument) ann = NULL;
  g_autoptr(GlossatorJournal) journal = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorComparison) comparison = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *restored = NULL;
  const char *names[] = { "bob", "ann" };
  GlossatorDocument *copies[2];
  guint n_conflicts = 0;
  gsize length;
  const char *bytes;

  merged = glossator_merge_sidecars ("base", base_bytes, "ours", ours, "theirs", theirs, &n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 1);
  bytes = g_bytes_get_data (merged, &length);
  g_assert_true (g_file_replace_contents (f->sidecar, bytes, length, NULL, FALSE, G_FILE_CREATE_NONE,
                                          NULL, NULL, &error));
  g_assert_no_error (error);
  base = checksum_of (f->sidecar);

  /* Bob and Ann agree with ours; Bob also tagged Gdańsk, which the gold
   * rejects. */
  doc = load (f);
  bob = glossator_document_new (f->text);
  test_util_put_mention (bob, "m1", "ORG", "e1", "Kim Jong Un", 0, NULL);
  test_util_put_mention (bob, "m2", "GPE", "e2", "Gdańsk", 0, NULL);
  ann = glossator_document_new (f->text);
  test_util_put_mention (ann, "m1", "ORG", "e1", "Kim Jong Un", 0, NULL);
  copies[0] = bob;
  copies[1] = ann;
  journal = glossator_journal_new (f->folder, f->article, doc, base);
  comparison = glossator_comparison_new (doc, names, copies, 2, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < glossator_comparison_get_n_items (comparison); i++)
    {
      const GlossatorDifference *d = glossator_comparison_get_item (comparison, i);

      if (d->kind == GLOSSATOR_DIFFERENCE_CONFLICT)
        g_assert_true (glossator_comparison_decide (comparison, i, GLOSSATOR_DECISION_ACCEPT,
                                                    (const char *[]) { "theirs", NULL }, &error));
      else if (d->kind == GLOSSATOR_DIFFERENCE_MISSING)
        g_assert_true (glossator_comparison_decide (comparison, i, GLOSSATOR_DECISION_NONE, NULL, &error));
      g_assert_no_error (error);
    }
  expected = serialize (doc);
  g_assert_null (strstr (expected, "\"conflicts\""));
  g_assert_nonnull (strstr (expected, "\"rejected\""));
  g_assert_true (glossator_journal_flush (journal, &error));
  g_assert_no_error (error);

  g_clear_pointer (&comparison, glossator_comparison_free);
  g_clear_object (&journal);
  g_clear_object (&doc);

  again = load (f);
  recovery = read_journal (f);
  g_assert_nonnull (recovery);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  restored = serialize (again);
  g_assert_cmpstr (restored, ==, expected);

  /* One undo step takes it back, the conflict record with it. */
  g_assert_true (glossator_document_undo (again));
  g_clear_pointer (&restored, g_free);
  restored = serialize (again);
  g_assert_nonnull (strstr (restored, "\"conflicts\""));
  g_assert_null (strstr (restored, "\"rejected\""));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/journal/restores-every-edit", test_restores_every_edit);
  ADD ("/journal/saved-removes-or-rebases", test_saved_removes_or_rebases);
  ADD ("/journal/compacts", test_compacts);
  ADD ("/journal/torn-last-record", test_torn_last_record);
  ADD ("/journal/unreadable-kept-aside", test_unreadable_kept_aside);
  ADD ("/journal/invalid-state-refused", test_invalid_state_refused);
  ADD ("/journal/discard", test_discard);
  ADD ("/journal/survives-kill", test_survives_kill);
  ADD ("/journal/restores-adjudication", test_restores_adjudication);
#undef ADD

  return g_test_run ();
}

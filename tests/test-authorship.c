/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-journal.h"
#include "glossator-sidecar-private.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* Who made each mention and stance, and when (sidecar format 1.1), and
 * the status a first edit gives: recorded by edits, undone with them, and
 * kept by every reader and writer. */

static const char *article =
  BOM "👩‍👩‍👧 Zoë Ó Briain met Kim Jong Un in Gdańsk.\r\n"
  FLAG_UA "\t" CAFE_NFD " owners said “no” to the plan.\r\n";

static GlossatorDocument *
new_document (const char *author)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data (article);
  GlossatorDocument *doc = glossator_document_new (text);

  glossator_document_set_author (doc, author);
  return doc;
}

static GlossatorAuthorship
copy_of (const GlossatorAuthorship *authorship)
{
  GlossatorAuthorship copy = { 0 };

  glossator_authorship_copy (&copy, authorship);
  return copy;
}

static void
test_edits_record_author (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ("Zoë Ó Briain");
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorStance) changed = NULL;
  GlossatorMention *now;
  GlossatorStance *saved;

  g_assert_cmpstr (kim->authorship.author, ==, "Zoë Ó Briain");
  g_assert_true (glossator_authorship_time_is_valid (kim->authorship.created));
  g_assert_true (g_str_has_suffix (kim->authorship.created, "Z"));
  g_assert_null (kim->authorship.modified);

  /* A change keeps who made it and when, and says when it changed. */
  g_assert_true (glossator_document_set_mention_label (doc, kim->id, "ORG"));
  now = glossator_document_get_mention (doc, kim->id);
  g_assert_cmpstr (now->authorship.author, ==, "Zoë Ó Briain");
  g_assert_cmpstr (now->authorship.created, ==, kim->authorship.created);
  g_assert_true (glossator_authorship_time_is_valid (now->authorship.modified));

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, kim->entity_id);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "the plan " FAMILY);
  glossator_document_put_stance (doc, stance);
  saved = glossator_document_get_stance (doc, "s1");
  g_assert_cmpstr (saved->authorship.author, ==, "Zoë Ó Briain");
  g_assert_nonnull (saved->authorship.created);
  /* The caller's value is not changed: it may be another document's. */
  g_assert_null (stance->authorship.author);

  changed = glossator_stance_copy (saved);
  glossator_stance_set_polarity (changed, "favor");
  glossator_document_set_author (doc, "ليلى حداد");
  glossator_document_put_stance (doc, changed);
  saved = glossator_document_get_stance (doc, "s1");
  g_assert_cmpstr (saved->authorship.author, ==, "Zoë Ó Briain");
  g_assert_nonnull (saved->authorship.modified);

  /* A stance rebuilt from scratch in place of the saved one keeps its maker. */
  {
    g_autoptr(GlossatorStance) rebuilt = glossator_stance_new ("s1", "neutral");
    g_autofree char *created = g_strdup (saved->authorship.created);

    glossator_document_put_stance (doc, rebuilt);
    saved = glossator_document_get_stance (doc, "s1");
    g_assert_cmpstr (saved->polarity, ==, "neutral");
    g_assert_cmpstr (saved->authorship.author, ==, "Zoë Ó Briain");
    g_assert_cmpstr (saved->authorship.created, ==, created);
    g_assert_nonnull (saved->authorship.modified);
  }
}

static void
test_no_author_records_nothing (void)
{
  g_autoptr(GlossatorDocument) doc = new_document (NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);

  g_assert_true (glossator_authorship_is_empty (&kim->authorship));
  glossator_document_set_author (doc, "");
  g_assert_null (glossator_document_get_author (doc));
}

/* A value that brings its own authorship (adjudication, recovery) keeps it. */
static void
test_given_authorship_kept (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ("Gold");
  g_autoptr(GlossatorMention) mention = glossator_mention_new ("m1", "GPE", NULL);
  g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e1", "Gdańsk", "GPE");
  GlossatorMention *saved;

  glossator_document_put_entity (doc, entity);
  glossator_mention_set_entity (mention, "e1");
  glossator_mention_add_fragment (mention, test_util_text_offset (glossator_document_get_text (doc), "Gdańsk", 0),
                                  test_util_text_offset (glossator_document_get_text (doc), "Gdańsk", 0) + 6);
  mention->authorship.author = g_strdup ("Ana");
  mention->authorship.created = g_strdup ("2026-12-01T10:00:00Z");
  mention->authorship.modified = g_strdup ("2026-12-02T10:00:00Z");
  glossator_document_put_mention (doc, mention);
  saved = glossator_document_get_mention (doc, "m1");
  g_assert_cmpstr (saved->authorship.author, ==, "Ana");
  g_assert_cmpstr (saved->authorship.created, ==, "2026-12-01T10:00:00Z");
  g_assert_cmpstr (saved->authorship.modified, ==, "2026-12-02T10:00:00Z");
}

/* Undo and redo give back the authorship exactly as it was. */
static void
test_undo_restores_authorship (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ("Zoë");
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  GlossatorAuthorship before = copy_of (&kim->authorship);
  GlossatorAuthorship after = { 0 };
  GlossatorMention *now;

  g_assert_true (glossator_document_set_mention_label (doc, kim->id, "ORG"));
  after = copy_of (&glossator_document_get_mention (doc, kim->id)->authorship);
  g_assert_nonnull (after.modified);

  g_assert_true (glossator_document_undo (doc));
  now = glossator_document_get_mention (doc, kim->id);
  g_assert_true (glossator_authorship_equal (&now->authorship, &before));
  g_assert_null (now->authorship.modified);

  g_assert_true (glossator_document_redo (doc));
  now = glossator_document_get_mention (doc, kim->id);
  g_assert_true (glossator_authorship_equal (&now->authorship, &after));

  glossator_authorship_clear (&before);
  glossator_authorship_clear (&after);
}

/* The first edit of a document not started makes it "in progress", in the
 * same undo step; later edits and other statuses are left alone. */
static void
test_first_edit_starts_document (void)
{
  g_autoptr(GlossatorDocument) doc = new_document (NULL);
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GlossatorMention) cafe = NULL;

  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_TODO);
  kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_IN_PROGRESS);

  /* One step: undoing the edit undoes the status too, redo both. */
  g_assert_true (glossator_document_undo (doc));
  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_TODO);
  g_assert_null (glossator_document_get_mention (doc, kim->id));
  g_assert_false (glossator_document_can_undo (doc));
  g_assert_true (glossator_document_redo (doc));
  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_IN_PROGRESS);
  g_assert_nonnull (glossator_document_get_mention (doc, kim->id));

  /* A low-level put outside an edit is one step with its status as well. */
  glossator_document_undo (doc);
  {
    g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e9", "Zoë", "PERSON");

    glossator_document_put_entity (doc, entity);
    g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_IN_PROGRESS);
    glossator_document_undo (doc);
    g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_TODO);
    g_assert_null (glossator_document_get_entity (doc, "e9"));
  }

  /* Done stays done. */
  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  cafe = test_util_tag (doc, CAFE_NFD, 0, "NORP", NULL);
  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_DONE);
}

static GlossatorDocument *
parse (GlossatorText *text,
       const char    *data,
       gsize          length,
       GPtrArray     *problems)
{
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc = glossator_sidecar_parse (text, "a.txt.annotations.json", data, length,
                                                    NULL, problems, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* Written as format 1.1 when there is authorship, read back the same; the
 * mentions-only read of exports takes such a file. */
static void
test_round_trip (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ("Zoë \"Z\" Ó Briain");
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) bytes_again = NULL;
  g_autoptr(GlossatorDocument) quick = NULL;
  const char *data;
  gsize length;

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, kim->entity_id);
  glossator_document_put_stance (doc, stance);
  glossator_document_set_mention_label (doc, kim->id, "ORG");

  bytes = glossator_sidecar_serialize (doc, "a.txt");
  data = g_bytes_get_data (bytes, &length);
  g_assert_nonnull (g_strstr_len (data, length, "\"minor_version\": 1,"));
  g_assert_nonnull (g_strstr_len (data, length, "\"author\": \"Zoë \\\"Z\\\" Ó Briain\""));

  again = parse (glossator_document_get_text (doc), data, length, NULL);
  g_assert_true (glossator_authorship_equal (&glossator_document_get_mention (again, kim->id)->authorship,
                                             &glossator_document_get_mention (doc, kim->id)->authorship));
  g_assert_true (glossator_authorship_equal (&glossator_document_get_stance (again, "s1")->authorship,
                                             &glossator_document_get_stance (doc, "s1")->authorship));
  bytes_again = glossator_sidecar_serialize (again, "a.txt");
  g_assert_true (g_bytes_equal (bytes, bytes_again));

  quick = _glossator_sidecar_parse_mentions (glossator_document_get_text (doc), "a.txt.annotations.json", data,
                                             length, NULL, NULL, NULL, NULL);
  g_assert_nonnull (quick);
  g_assert_cmpuint (glossator_document_get_n_mentions (quick), ==, 1);
}

/* A 1.0 file has no authorship and stays 1.0; a later minor version loads;
 * a time that is not one is a warning, kept as written; a wrong type is an
 * error the exports' mentions-only read reports too. */
static void
test_versions_and_bad_values (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data (article);
  g_autoptr(GlossatorDocument) plain = new_document (NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (plain, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (plain, "a.txt");
  g_autofree char *data = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr(GString) edited = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorDocument *refused;
  g_autoptr(GlossatorDocument) lean = NULL;
  char *fragments;

  g_assert_null (strstr (data, "minor_version"));
  g_assert_null (strstr (data, "\"author\""));

  edited = g_string_new (data);
  g_string_replace (edited, "\"version\": 1,", "\"version\": 1,\n  \"minor_version\": 7,", 1);
  fragments = strstr (edited->str, "\"fragments\"");
  g_string_insert (edited, fragments - edited->str, "\"created\": \"yesterday\", ");
  doc = parse (text, edited->str, edited->len, problems);
  g_assert_cmpstr (glossator_document_get_mention (doc, kim->id)->authorship.created, ==, "yesterday");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_nonnull (strstr (((GlossatorProblem *) problems->pdata[0])->message, "ISO 8601"));
  lean = _glossator_sidecar_parse_mentions (text, "a.txt.annotations.json", edited->str, edited->len, NULL, NULL,
                                            NULL, NULL);
  g_assert_nonnull (lean);
  g_clear_object (&lean);

  g_string_replace (edited, "\"created\": \"yesterday\"", "\"created\": 20261201", 1);
  refused = glossator_sidecar_parse (text, "a.txt.annotations.json", edited->str, edited->len, NULL, NULL, &error);
  g_assert_null (refused);
  g_assert_nonnull (error);
  lean = _glossator_sidecar_parse_mentions (text, "a.txt.annotations.json", edited->str, edited->len, NULL, NULL,
                                            NULL, NULL);
  g_assert_null (lean);
}

/* The recovery journal brings edits back with their authorship as it was,
 * whoever opens the article next. */
static void
test_journal_keeps_authorship (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_build_filename (dir, "journal", NULL);
  g_autoptr(GFile) file = test_util_write_gfile (dir, "corpus/a.txt", article, -1);
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (file);
  g_autoptr(GlossatorDocument) doc = new_document ("Zoë");
  g_autoptr(GlossatorDocument) again = new_document ("Someone Else");
  g_autoptr(GlossatorJournal) journal = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GlossatorMention) gdansk = NULL;
  g_autoptr(GError) error = NULL;
  GlossatorAuthorship kim_authorship, gdansk_authorship;

  journal = glossator_journal_new (folder, file, doc, NULL);
  kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  gdansk = test_util_tag (doc, "Gdańsk", 0, "GPE", NULL);
  glossator_document_set_mention_label (doc, gdansk->id, "LOC");
  g_assert_true (glossator_journal_flush (journal, &error));
  g_assert_no_error (error);
  kim_authorship = copy_of (&glossator_document_get_mention (doc, kim->id)->authorship);
  gdansk_authorship = copy_of (&glossator_document_get_mention (doc, gdansk->id)->authorship);
  g_clear_object (&journal);

  recovery = glossator_journal_read (folder, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (glossator_authorship_equal (&glossator_document_get_mention (again, kim->id)->authorship,
                                             &kim_authorship));
  g_assert_true (glossator_authorship_equal (&glossator_document_get_mention (again, gdansk->id)->authorship,
                                             &gdansk_authorship));
  g_assert_cmpstr (kim_authorship.author, ==, "Zoë");

  glossator_authorship_clear (&kim_authorship);
  glossator_authorship_clear (&gdansk_authorship);
  test_util_remove_tree (dir);
}

/* The status a first edit sets is journaled as the one member changed:
 * restored over a sidecar saved elsewhere meanwhile, the notes saved there
 * stay. */
static void
test_journal_keeps_members_changed_elsewhere (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_build_filename (dir, "journal", NULL);
  g_autoptr(GFile) file = test_util_write_gfile (dir, "corpus/a.txt", article, -1);
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (file);
  g_autoptr(GlossatorText) text = test_util_text_from_data (article);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GlossatorDocument) elsewhere = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GlossatorJournal) journal = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GError) error = NULL;

  doc = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  glossator_document_set_notes (doc, "first notes");
  glossator_sidecar_save (doc, sidecar, "a.txt", FALSE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&doc);

  doc = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  journal = glossator_journal_new (folder, file, doc, glossator_sidecar_get_checksum (doc));
  kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_assert_cmpint (glossator_document_get_status (doc), ==, GLOSSATOR_STATUS_IN_PROGRESS);
  g_assert_true (glossator_journal_flush (journal, &error));
  g_assert_no_error (error);
  g_clear_object (&journal);

  elsewhere = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  glossator_document_set_notes (elsewhere, "notes from a colleague ✓");
  glossator_sidecar_save (elsewhere, sidecar, "a.txt", FALSE, NULL, NULL, &error);
  g_assert_no_error (error);

  again = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  recovery = glossator_journal_read (folder, file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (recovery);
  g_assert_cmpint (glossator_journal_recovery_apply (recovery, again, NULL, NULL, &error), >, 0);
  g_assert_no_error (error);
  g_assert_nonnull (glossator_document_get_mention (again, kim->id));
  g_assert_cmpint (glossator_document_get_status (again), ==, GLOSSATOR_STATUS_IN_PROGRESS);
  g_assert_cmpstr (glossator_document_get_notes (again), ==, "notes from a colleague ✓");

  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/authorship/edits-record-author", test_edits_record_author);
  g_test_add_func ("/authorship/no-author-records-nothing", test_no_author_records_nothing);
  g_test_add_func ("/authorship/given-authorship-kept", test_given_authorship_kept);
  g_test_add_func ("/authorship/undo-restores-authorship", test_undo_restores_authorship);
  g_test_add_func ("/authorship/first-edit-starts-document", test_first_edit_starts_document);
  g_test_add_func ("/authorship/round-trip", test_round_trip);
  g_test_add_func ("/authorship/versions-and-bad-values", test_versions_and_bad_values);
  g_test_add_func ("/authorship/journal-keeps-authorship", test_journal_keeps_authorship);
  g_test_add_func ("/authorship/journal-keeps-members-changed-elsewhere",
                   test_journal_keeps_members_changed_elsewhere);

  return g_test_run ();
}

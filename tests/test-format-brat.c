/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-brat"

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include "format-fixture.h"

/* The brat standoff format: a folder of .txt and .ann imported, the lines it
 * cannot map kept and written back, and the problems of a folder. */

static void
test_brat_import (void)
{
  g_autoptr(GFile) input = fixture ("brat");
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = import_file ("brat", input, NULL, problems);
  GlossatorImportedDocument *news, *crlf, *bom;
  GlossatorDocument *doc;
  GlossatorMention *zoe, *obriain, *port, *strike;
  GlossatorEntity *entity;
  g_autoptr(GPtrArray) stances = NULL;
  GlossatorStance *stance;
  JsonArray *unmapped;

  g_assert_cmpuint (docs->len, ==, 3);
  g_assert_cmpuint (problems->len, ==, 0);
  news = find_imported (docs, "news/strike.txt");
  crlf = find_imported (docs, "crlf-one/seoul.txt");
  bom = find_imported (docs, "bom/beijing.txt");

  /* Every kind of line */
  doc = news->document;
  g_assert_cmpstr (news->offset_unit, ==, "code points");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 11);
  zoe = mention_at (doc, "Zoë Ó Briain", 0);
  obriain = mention_at (doc, "Ó Briain", 1);
  g_assert_cmpstr (source_id (zoe), ==, "T1");
  g_assert_cmpstr (zoe->entity_id, ==, obriain->entity_id);
  entity = glossator_document_get_entity (doc, zoe->entity_id);
  g_assert_cmpstr (entity->kb_id, ==, "Q42");
  g_assert_cmpstr (entity->name, ==, "Zoë Ó Briain");
  g_assert_cmpstr (json_object_get_string_member (zoe->attributes, "Mention"), ==, "Name");
  g_assert_true (json_object_get_boolean_member (zoe->attributes, "Individual"));
  entity = glossator_document_get_entity (doc, mention_at (doc, "Gdańsk", 0)->entity_id);
  g_assert_cmpstr (entity->kb_id, ==, "Wikipedia:Gda%C5%84sk");
  /* Fragments on both sides of a line break are one selection. */
  port = mention_at (doc, "The Baltic Port\nWorkers’ Federation", 0);
  g_assert_cmpuint (port->n_fragments, ==, 1);
  g_assert_cmpstr (glossator_document_get_entity (doc, port->entity_id)->name, ==,
                   "The Baltic Port Workers’ Federation");
  strike = mention_at (doc, "the strike", 0);
  /* brat keeps notes verbatim: a backslash is a backslash. */
  g_assert_cmpstr (strike->note, ==, "Not the 1980 strike.\\nSee the timeline.");
  mention_at (doc, FAMILY, 0);
  mention_at (doc, CAFE_NFD " owners", 0);

  stances = glossator_document_list_stances (doc);
  g_assert_cmpuint (stances->len, ==, 2);
  stance = g_ptr_array_index (stances, 0);
  g_assert_cmpstr (stance->polarity, ==, "against");
  g_assert_cmpuint (stance->intensity, ==, 3);
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_ENTITY);
  g_assert_cmpstr (stance->holder_entity, ==, obriain->entity_id);
  g_assert_cmpint (stance->target_kind, ==, GLOSSATOR_TARGET_ENTITY);
  g_assert_cmpstr (stance->target, ==, strike->entity_id);
  g_assert_true (json_object_get_boolean_member (stance->attributes, "Negation"));
  g_assert_cmpuint (stance->n_evidence, ==, 1);
  g_assert_cmpstr (stance->evidence[0].exact, ==, "“No deal.”");
  stance = g_ptr_array_index (stances, 1);
  g_assert_cmpstr (stance->polarity, ==, "favor");
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_AUTHOR);
  g_assert_cmpint (stance->target_kind, ==, GLOSSATOR_TARGET_TOPIC);
  g_assert_cmpstr (stance->target, ==, "port automation");
  g_assert_cmpstr (stance->note, ==, "Author's view.");

  /* Kept as they were: relation, other event and its attribute, other
   * note, other cluster, and the line that is not brat (reported). */
  unmapped = json_object_get_array_member (glossator_document_get_attributes (doc), "brat_unmapped");
  g_assert_cmpuint (json_array_get_length (unmapped), ==, 6);
  g_assert_cmpstr (json_array_get_string_element (unmapped, 0), ==, "R1\tLocated Arg1:T3 Arg2:T4\t");
  g_assert_cmpstr (json_array_get_string_element (unmapped, 5), ==, "this line is not brat");
  g_assert_cmpuint (count_problems (news->problems, GLOSSATOR_PROBLEM_WARNING, "cannot read"), ==, 1);
  g_assert_cmpuint (count_problems (news->problems, GLOSSATOR_PROBLEM_WARNING, "brat_unmapped"), ==, 1);
  g_assert_cmpuint (count_problems (news->problems, GLOSSATOR_PROBLEM_ERROR, NULL), ==, 0);

  /* CRLF counted as one character, BOM as character 0: found out. */
  g_assert_cmpstr (crlf->offset_unit, ==, "code points, CRLF counted as 1");
  g_assert_cmpuint (glossator_document_get_n_mentions (crlf->document), ==, 4);
  g_assert_cmpstr (mention_at (crlf->document, "Hanbit Semitech", 0)->fragments[0].exact, ==, "Hanbit Semitech");
  g_assert_cmpstr (bom->offset_unit, ==, "code points, BOM counted");
  g_assert_true (glossator_text_has_bom (glossator_document_get_text (bom->document)));
  mention_at (bom->document, "ليلى حداد", 0);
  g_assert_true (g_file_has_parent (bom->article_file, NULL) || bom->article_file != NULL);

  assert_round_trip ("brat", docs, NULL, TRUE);
}

static void
test_brat_export_keeps_unmapped (void)
{
  g_autoptr(GFile) input = fixture ("brat/news/strike.ann");
  g_autoptr(GFile) parent = g_file_get_parent (input);
  g_autoptr(GPtrArray) docs = import_file ("brat", input, NULL, NULL);
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *folder = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) output = g_file_new_for_path (folder);
  g_autofree char *original = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *conf = NULL;
  g_auto(GStrv) lines = NULL;

  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpstr (((GlossatorImportedDocument *) g_ptr_array_index (docs, 0))->name, ==, "strike.txt");
  g_free (export_documents ("brat", NULL, (GlossatorDocument **) &((GlossatorImportedDocument *) g_ptr_array_index (docs, 0))->document,
                            1, output, NULL));
  ann = test_util_read_file (folder, "doc0.ann");
  conf = test_util_read_file (folder, "annotation.conf");
  original = test_util_read_file (g_file_peek_path (parent), "strike.ann");

  /* T ids are kept, so the kept lines still point at the right mentions. */
  lines = g_strsplit (original, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == 'T' || lines[i][0] == 'R' || g_str_has_prefix (lines[i], "*\tEquiv") ||
        g_str_has_prefix (lines[i], "this line"))
      {
        g_autofree char *line = g_strconcat (lines[i], "\n", NULL);

        g_assert_nonnull (strstr (ann, line));
      }
  g_assert_nonnull (strstr (conf, "[entities]\n"));
  g_assert_nonnull (strstr (conf, "Stance\tHolder*:<ENTITY>, Target*:<ENTITY>\n"));
  g_assert_nonnull (strstr (conf, "Polarity\tArg:Stance, Value:against|favor\n"));
  g_assert_nonnull (strstr (conf, "Located\tArg1:<ENTITY>, Arg2:<ENTITY>\n"));
  test_util_remove_tree (dir);
}

static void
test_brat_problems (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (dir);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = NULL;
  GlossatorImportedDocument *doc;

  test_util_write_file (dir, "a.txt", "Kyiv " FLAG_UA " and Gdańsk.", -1);
  test_util_write_file (dir, "a.ann", "T1\tGPE 0 4\tKyiv\nT2\tGPE 11 17\tGdynia\nT3\tGPE 9 3\tbad\n", -1);
  test_util_write_file (dir, "orphan.ann", "T1\tGPE 0 4\tKyiv\n", -1);
  docs = import_file ("brat", folder, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "no text beside it"), ==, 1);
  doc = g_ptr_array_index (docs, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 1);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_ERROR, "what its offsets cover"), ==, 1);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_WARNING, "cannot read"), ==, 1);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (glossator_document_get_attributes (doc->document),
                                                                         "brat_unmapped")), ==, 2);
  test_util_remove_tree (dir);
}

/* A pipe inside a brat folder, as a .ann or as the .txt of one, is
 * reported and not opened (that would wait for a writer for ever); the
 * other documents are imported. Run in a subprocess that a hang fails. */
static void
test_brat_pipes_not_read (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *ann = NULL;
  g_autofree char *txt = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) docs = NULL;

  if (!test_util_in_subprocess ())
    return;

  dir = test_util_make_temp_dir ();
  folder = g_file_new_for_path (dir);
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  ann = g_build_filename (dir, "b.ann", NULL);
  txt = g_build_filename (dir, "c.txt", NULL);
  test_util_write_file (dir, "a.txt", "Kyiv " FLAG_UA ".", -1);
  test_util_write_file (dir, "a.ann", "T1\tGPE 0 4\tKyiv\n", -1);
  test_util_write_file (dir, "b.txt", "Lviv.", -1);
  g_assert_cmpint (mkfifo (ann, 0600), ==, 0);
  test_util_write_file (dir, "c.ann", "T1\tGPE 0 5\tOdesa\n", -1);
  g_assert_cmpint (mkfifo (txt, 0600), ==, 0);

  docs = import_file ("brat", folder, NULL, problems);
  g_assert_cmpuint (docs->len, ==, 1);
  g_assert_nonnull (find_imported (docs, "a.txt"));
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "not a regular file"), ==, 2);
  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/brat/import", test_brat_import);
  g_test_add_func ("/formats/brat/unmapped", test_brat_export_keeps_unmapped);
  g_test_add_func ("/formats/brat/problems", test_brat_problems);
  g_test_add_func ("/formats/brat/pipes-not-read", test_brat_pipes_not_read);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-doccano"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The doccano format: sequence and relation records, offsets in code points
 * or UTF-16. */

static void
test_doccano_import (void)
{
  g_autoptr(GFile) sequence = fixture ("doccano/sequence.jsonl");
  g_autoptr(GFile) relations = fixture ("doccano/relations.json");
  g_autoptr(GFile) utf16 = fixture ("doccano/utf16.jsonl");
  g_autoptr(GHashTable) unit = options_of ("offset-unit", "utf16", NULL);
  g_autoptr(GHashTable) codepoints = options_of ("offset-unit", "codepoint", NULL);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GPtrArray) docs = import_file ("doccano", sequence, NULL, problems);
  g_autoptr(GPtrArray) rel = NULL;
  g_autoptr(GPtrArray) wide = NULL;
  g_autoptr(GPtrArray) narrow = NULL;
  GlossatorImportedDocument *doc;
  JsonObject *attributes;

  /* A line that is not JSON and one with a lone surrogate escape: reported. */
  g_assert_cmpuint (docs->len, ==, 3);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "not JSON: "), ==, 1);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "surrogate"), ==, 1);
  doc = find_imported (docs, "sequence-1.txt");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 3);
  g_assert_cmpstr (mention_at (doc->document, "German", 0)->label, ==, "MISC");
  attributes = glossator_document_get_attributes (doc->document);
  g_assert_cmpint (json_object_get_int_member (attributes, "source_id"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (json_object_get_object_member (
                     json_object_get_object_member (attributes, "doccano"), "record"), "meta"), "source"), ==, "wire");
  /* "data" for "text"; the same span twice is imported once. */
  doc = find_imported (docs, "sequence-2.txt");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 2);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_WARNING, "imported once"), ==, 1);
  mention_at (doc->document, "Peter Blackburn", 0);
  doc = find_imported (docs, "sequence-3.txt");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 0);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_WARNING, "no span"), ==, 1);
  assert_round_trip ("doccano", docs, NULL, FALSE);

  /* The relation shape, pretty-printed with \/ escapes. Spans after an
   * emoji read differently in the two units and no text tells which:
   * not imported without the unit. */
  rel = import_file ("doccano", relations, NULL, problems);
  g_assert_cmpuint (rel->len, ==, 0);
  g_assert_cmpuint (count_problems (problems, GLOSSATOR_PROBLEM_ERROR, "--offset-unit=codepoint"), ==, 1);
  g_ptr_array_unref (rel);
  rel = import_file ("doccano", relations, codepoints, NULL);
  g_assert_cmpuint (rel->len, ==, 1);
  doc = g_ptr_array_index (rel, 0);
  g_assert_cmpint (json_object_get_int_member (mention_at (doc->document, "Larry Page", 0)->attributes, "source_id"),
                   ==, 12);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_object_get_object_member (
                      json_object_get_object_member (glossator_document_get_attributes (doc->document), "doccano"),
                      "record"), "relations")), ==, 2);

  /* UTF-16 offsets, as doccano's web interface counts: right with the
   * option, and a span inside a surrogate pair is refused. */
  wide = import_file ("doccano", utf16, unit, NULL);
  doc = find_imported (wide, "utf16-u1.txt");
  g_assert_cmpstr (doc->offset_unit, ==, "UTF-16 code units");
  mention_at (doc->document, "Gdańsk", 0);
  mention_at (doc->document, "Zoë", 0);
  doc = find_imported (wide, "utf16-u2.txt");
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_ERROR, "surrogate pair"), ==, 1);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 0);
  /* The span that does not fit is written back as it came (and is an
   * error again): the round trip is of the other record. */
  {
    g_autoptr(GPtrArray) fitting = g_ptr_array_new ();

    g_ptr_array_add (fitting, find_imported (wide, "utf16-u1.txt"));
    assert_round_trip ("doccano", fitting, unit, FALSE);
  }
  narrow = import_file ("doccano", utf16, NULL, NULL);
  doc = find_imported (narrow, "utf16-u1.txt");
  g_assert_cmpstr (glossator_document_get_entity (doc->document,
                                                  mention_at (doc->document, "Kyiv", 0)->entity_id)->name, ==, "Kyiv");
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_WARNING, "cuts a character"), >=, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/doccano", test_doccano_import);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-format-label-studio"

#include "config.h"

#include <string.h>

#include "format-fixture.h"

/* The Label Studio format: tasks, their annotations and predictions, and the
 * text checked against the offsets. */

static void
test_label_studio_import (void)
{
  g_autoptr(GFile) tasks = fixture ("label-studio/tasks.json");
  g_autoptr(GFile) mismatch = fixture ("label-studio/mismatch.json");
  g_autoptr(GPtrArray) docs = import_file ("label-studio", tasks, NULL, NULL);
  g_autoptr(GPtrArray) bad = NULL;
  GlossatorImportedDocument *doc;

  g_assert_cmpuint (docs->len, ==, 3);
  /* The first annotation not cancelled; the relation is kept aside. */
  doc = find_imported (docs, "tasks-1.txt");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 2);
  g_assert_cmpstr (source_id (mention_at (doc->document, "Comissaria Smith", 0)), ==, "r1");
  g_assert_cmpstr (mention_at (doc->document, "February 22", 0)->label, ==, "Date");
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_WARNING, "1 more annotations"), ==, 1);
  {
    /* The task is kept but its text and the regions that became mentions:
     * their ids hold their places, the relation stays as it is. */
    JsonObject *kept = json_object_get_object_member (glossator_document_get_attributes (doc->document), "label_studio");
    JsonObject *task = json_object_get_object_member (kept, "task");
    JsonArray *annotations = json_object_get_array_member (task, "annotations");
    JsonArray *result = json_object_get_array_member (json_array_get_object_element (annotations, 0), "result");

    g_assert_true (json_object_get_null_member (json_object_get_object_member (task, "data"), "text"));
    g_assert_cmpuint (json_array_get_length (annotations), ==, 3);
    g_assert_cmpuint (json_array_get_length (result), ==, 3);
    g_assert_cmpstr (json_array_get_string_element (result, 0), ==, "r1");
    g_assert_cmpstr (json_array_get_string_element (result, 1), ==, "r2");
    g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (result, 2), "type"), ==, "relation");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (
                       json_object_get_object_member (kept, "regions"), "r1"), "from_name"), ==, "ner");
  }
  g_assert_cmpstr (doc->offset_unit, ==, "code points");
  /* Predictions when there is no annotation */
  doc = find_imported (docs, "tasks-2.txt");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 2);
  /* The text under another key, offsets in UTF-16 (older exports) */
  doc = find_imported (docs, "tasks-3.txt");
  g_assert_cmpstr (doc->offset_unit, ==, "UTF-16 code units");
  mention_at (doc->document, "cocoa zone", 0);
  mention_at (doc->document, "February 22", 0);
  assert_round_trip ("label-studio", docs, NULL, FALSE);

  /* value.text is checked against the offsets. */
  bad = import_file ("label-studio", mismatch, NULL, NULL);
  g_assert_cmpuint (bad->len, ==, 1);
  doc = g_ptr_array_index (bad, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc->document), ==, 0);
  g_assert_cmpuint (count_problems (doc->problems, GLOSSATOR_PROBLEM_ERROR, "value.text"), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/formats/label-studio", test_label_studio_import);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "glossator-sidecar.h"
#include "fuzz-common.h"
#include "../sidecar-tree-oracle.h"

#define DISPLAY_NAME "fuzz.txt.annotations.json"

/* The sidecar reader: whatever it accepts survives save and load
 * unchanged; whatever it refuses gets an error naming the file; and it
 * agrees with json-glib's tree read as it used to be (the same errors and
 * warnings, a document that writes the same bytes). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GlossatorSchema *schema;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;

  fuzz_init ();
  /* Labels and polarities it does not define are warnings, not errors. */
  if (schema == NULL)
    schema = glossator_schema_new_default ();

  difference = sidecar_tree_compare (fuzz_article_text (), DISPLAY_NAME, (const char *) data, size, schema);
  if (difference != NULL)
    fuzz_fail ("the reader and the tree disagree: %s", difference);

  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  document = glossator_sidecar_parse (fuzz_article_text (), DISPLAY_NAME, (const char *) data, size,
                                      schema, problems, &error);
  if (document == NULL)
    {
      if (error == NULL || !g_str_has_prefix (error->message, DISPLAY_NAME ": "))
        fuzz_fail ("a refused sidecar's error does not name the file: %s",
                   error != NULL ? error->message : "(no error)");
      if (problems->len == 0)
        fuzz_fail ("a refused sidecar has no problem listed");
      return 0;
    }

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity == GLOSSATOR_PROBLEM_ERROR)
        fuzz_fail ("an accepted sidecar has an error: %s", problem->message);
    }

  fuzz_check_document (document, "fuzz.txt");
  return 0;
}

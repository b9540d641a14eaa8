/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* The doccano importer, with offsets read in code points and again in
 * UTF-16 code units (its --offset-unit). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static GHashTable *utf16;
  g_autoptr(GFile) input = NULL;

  fuzz_init ();
  if (utf16 == NULL)
    {
      utf16 = glossator_format_options_new ();
      g_hash_table_insert (utf16, g_strdup ("offset-unit"), g_strdup ("utf16"));
    }
  input = fuzz_write_file ("input.jsonl", data, size);
  fuzz_import ("doccano", NULL, input);
  fuzz_import ("doccano", utf16, input);
  return 0;
}

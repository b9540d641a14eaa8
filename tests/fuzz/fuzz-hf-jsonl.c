/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* The Hugging Face token-classification importer: records with string
 * tags, or numeric ones read through the label list found beside the
 * input (a fixed one: O and B-/I- of PER, MISC, ORG, NORP, GPE). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  static const char label_list[] =
    "[\"O\", \"B-PER\", \"I-PER\", \"B-MISC\", \"I-MISC\", \"B-ORG\", \"I-ORG\", "
    "\"B-NORP\", \"I-NORP\", \"B-GPE\", \"I-GPE\"]\n";
  static gboolean has_label_list;

  fuzz_init ();
  if (!has_label_list)
    {
      g_autoptr(GFile) labels = fuzz_write_file ("input.labels.json", label_list, sizeof label_list - 1);

      has_label_list = TRUE;
    }
  fuzz_import_data ("hf-jsonl", NULL, "input.jsonl", data, size);
  return 0;
}

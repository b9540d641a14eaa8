/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* The jsonl importer: Glossator records (lossless) and news records. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  fuzz_import_data ("jsonl", NULL, "input.jsonl", data, size);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* The Label Studio importer (JSON export of tasks). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  fuzz_import_data ("label-studio", NULL, "input.json", data, size);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include "fuzz-common.h"

/* The CoNLL importer (tag column found by the importer). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  fuzz_import_data ("conll", NULL, "input.conll", data, size);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <string.h>

#include "fuzz-common.h"

/* The brat importer on one document: the input is the .txt, a NUL byte,
 * then the .ann (no NUL: all of it is the .ann, of an empty .txt). */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const uint8_t *separator;
  g_autoptr(GFile) txt = NULL;
  g_autoptr(GFile) ann = NULL;

  fuzz_init ();
  separator = memchr (data, '\0', size);
  if (separator != NULL)
    {
      txt = fuzz_write_file ("doc.txt", data, separator - data);
      ann = fuzz_write_file ("doc.ann", separator + 1, size - (separator - data) - 1);
    }
  else
    {
      txt = fuzz_write_file ("doc.txt", "", 0);
      ann = fuzz_write_file ("doc.ann", data, size);
    }
  fuzz_import ("brat", NULL, ann);
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "glossator-document.h"
#include "glossator-format.h"

G_BEGIN_DECLS

/* Shared by the fuzz harnesses (tests/fuzz/fuzz-NAME.c). Each harness is
 * linked either with libFuzzer (the fuzzing build) or with replay.c (the
 * test suite), which calls LLVMFuzzerTestOneInput() on stored inputs. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* The article the sidecar harnesses read sidecars against: emoji, a ZWJ
 * family, a flag, a combining mark (NFD) and CRLF line breaks. The seeds in
 * corpus/sidecar/ and corpus/sidecar-quick/ hold its SHA-256 and length. */
#define FUZZ_ARTICLE \
  "Zo\xc3\xab \xc3\x93 Briain met the \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 " \
  "family in Kyiv \xf0\x9f\x87\xba\xf0\x9f\x87\xa6.\r\n" \
  "Cafe\xcc\x81 owners in Gda\xc5\x84sk said \xe2\x80\x9cno deal\xe2\x80\x9d \xf0\x9f\x9a\xa2.\r\n"

/* Once per process: log handlers (expected warnings are quiet, criticals
 * and errors abort) and the temporary folder. Called by every harness at
 * the start of each input; cheap after the first. */
void               fuzz_init               (void);

/* A broken invariant: the message, then abort (a crash for libFuzzer). */
#define fuzz_fail(...) g_error (__VA_ARGS__)

GlossatorText     *fuzz_article_text       (void);

/* A folder of this process's own, emptied at exit. */
const char        *fuzz_temp_dir           (void);
/* Writes @data to @name in the temporary folder (replacing it). */
GFile             *fuzz_write_file         (const char      *name,
                                            const void      *data,
                                            size_t           size);

/* What must hold of any document Glossator accepted: every span within
 * its text (fragments sorted, non-overlapping, non-empty unless orphaned),
 * every mention's and stance's entity present, and the sidecar written for
 * it loads back without error into a document that writes the same bytes
 * (no annotation lost or changed by a save and a load). */
void               fuzz_check_document     (GlossatorDocument *document,
                                            const char        *article_name);

/* Runs the importer of @format_name on @input and checks every document
 * it produces (fuzz_check_document(), a safe name, and, when it brings the
 * article's bytes, that they read back as the document's text). */
void               fuzz_import             (const char      *format_name,
                                            GHashTable      *options,
                                            GFile           *input);
/* The same on @data written to a file named @name. */
void               fuzz_import_data        (const char      *format_name,
                                            GHashTable      *options,
                                            const char      *name,
                                            const uint8_t   *data,
                                            size_t           size);

G_END_DECLS

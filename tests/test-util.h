/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-document.h"

G_BEGIN_DECLS

/* What every test shares, GTK or not (GLib, GIO and the GTK-free core).
 * Each helper fails the test on an error. */

/* The traps of the test texts, in UTF-8. */
#define FAMILY "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" /* 👩‍👩‍👧, 5 code points */
#define FLAG_UA "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6"                                     /* 🇺🇦, 2 code points */
#define ACUTE "\xcc\x81"                                                               /* U+0301 */
#define CAFE_NFD "Cafe" ACUTE
#define BOM "\xef\xbb\xbf"

/* A new, empty temporary folder named after the test program. */
char  *test_util_make_temp_dir (void);
/* Removes @path (a file, a link or a folder and everything under it).
 * Folders are made writable first, as a test may have locked one; links
 * are removed, never followed. */
void   test_util_remove_tree   (const char *path);

/* Writes @length bytes of @contents (up to the NUL when -1) to @relative
 * under @dir, making the folders on the way. */
void   test_util_write_file    (const char *dir,
                                const char *relative,
                                const char *contents,
                                gssize      length);
/* The same, returning the file written. */
GFile *test_util_write_gfile   (const char *dir,
                                const char *relative,
                                const char *contents,
                                gssize      length);
/* The contents of @relative under @dir, NUL-terminated. */
char  *test_util_read_file     (const char *dir,
                                const char *relative);
/* The contents of @file, NUL-terminated; their length in @length
 * (nullable), for contents holding a NUL. */
char  *test_util_read_gfile    (GFile      *file,
                                gsize      *length);

/* The names in the folder @dir, sorted, joined by single spaces: a whole
 * listing to compare in one assertion. */
char  *test_util_list_folder   (const char *dir);

/* Copies the files of data/samples into the folder @target, made if need be. */
void   test_util_copy_samples  (const char *target);
/* A new temporary folder holding a copy of data/samples. */
char  *test_util_make_corpus   (void);

/* The code point offset of the @nth (from 0) occurrence of @needle in
 * @utf8; fails the test when there are fewer. */
guint  test_util_offset_of     (const char *utf8,
                                const char *needle,
                                guint       nth);

/* For a test that would hang if what it protects broke (a read from a
 * pipe): runs the test again in a subprocess that fails after 10 s and
 * returns FALSE once that has passed; returns TRUE in the subprocess,
 * which does the work. */
gboolean          test_util_in_subprocess  (void);
/* Milliseconds since @start, a g_get_monotonic_time(). */
double            test_util_ms_since       (gint64             start);

/* A GlossatorText of the string @utf8 (glossator_text_new(): a leading
 * U+FEFF is a character, not a BOM). */
GlossatorText    *test_util_text_new       (const char        *utf8);
/* A GlossatorText of the file contents @data, up to its NUL
 * (glossator_text_new_from_data(): a leading BOM is removed and recorded). */
GlossatorText    *test_util_text_from_data (const char        *data);
/* test_util_offset_of() in the text of @text. */
guint             test_util_text_offset    (GlossatorText     *text,
                                            const char        *needle,
                                            guint              nth);

/* A new mention of @label over the @nth occurrence of @needle in the text
 * of @doc, in the entity @entity_id (a new one when NULL). */
GlossatorMention *test_util_tag            (GlossatorDocument *doc,
                                            const char        *needle,
                                            guint              nth,
                                            const char        *label,
                                            const char        *entity_id);
/* The same, returning the new mention's id. */
char             *test_util_tag_id         (GlossatorDocument *doc,
                                            const char        *needle,
                                            guint              nth,
                                            const char        *label,
                                            const char        *entity_id);

/* Entity @id (named @id, label "X") unless the document has it. */
void              test_util_put_entity     (GlossatorDocument *doc,
                                            const char        *id);
/* Mention @id over the @nth @needle of the text (and over @needle2 after
 * it when given: a discontinuous mention), quoted, in entity @entity_id,
 * made when missing. */
void              test_util_put_mention    (GlossatorDocument *doc,
                                            const char        *id,
                                            const char        *label,
                                            const char        *entity_id,
                                            const char        *needle,
                                            guint              nth,
                                            const char        *needle2);

G_END_DECLS

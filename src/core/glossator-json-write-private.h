/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Writing JSON text without a generator (exports append to one GString),
 * and skipping over JSON text that is known to be valid. */

void        _glossator_json_append_string   (GString           *out,
                                             const char        *str,
                                             gssize             len);
void        _glossator_json_append_node     (GString           *out,
                                             JsonNode          *node);
/* Appends the first JSON value of @data with insignificant white space
 * removed, leaving out top-level members named in @skip (NULL-terminated);
 * @skipped is set when one was left out. FALSE when @data is not one
 * object (then @out is unchanged). */
gboolean    _glossator_json_append_compact  (GString           *out,
                                             const char        *data,
                                             gsize              n_bytes,
                                             const char * const *skip,
                                             gboolean          *skipped);

static inline gboolean
_glossator_json_is_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The end of the string starting at @p (on its opening quote); NULL when
 * it does not end before @end. */
const char *_glossator_json_skip_string     (const char        *p,
                                             const char        *end);
/* Just past the '{' that opens the document @data (after a BOM and white
 * space); NULL when it is not an object. */
const char *_glossator_json_open_object      (const char        *data,
                                              gsize              n_bytes);
/* The start of the value of the member whose name starts at @p (on its
 * opening quote), past the colon and the white space around it, and the
 * end of the name in @name_end; NULL when no name and colon are there. */
const char *_glossator_json_skip_member_name (const char   *p,
                                              const char   *end,
                                              const char  **name_end);
/* Appends the text of the string whose contents (between its quotes) are
 * @p to @end to @out, its escapes decoded; they must be valid, as
 * glossator_json_guard() checks. FALSE when it holds U+0000 (appended
 * all the same), which a C string cannot. */
gboolean    _glossator_json_append_unescaped (GString          *out,
                                              const char       *p,
                                              const char       *end);
/* The end of the value starting at @p (not on white space) of valid JSON;
 * NULL when it does not end before @end. */
const char *_glossator_json_skip_value      (const char        *p,
                                             const char        *end);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How deep arrays and objects may nest in any JSON Glossator reads
 * (doc/sidecar-format.md). Deeper input is refused before a parser sees
 * it: json-glib's parser recurses once per level. */
#define GLOSSATOR_JSON_MAX_DEPTH 512

#define GLOSSATOR_JSON_ERROR (glossator_json_error_quark ())

typedef enum {
  GLOSSATOR_JSON_ERROR_NOT_UTF8,
  GLOSSATOR_JSON_ERROR_EMPTY,           /* nothing but white space */
  GLOSSATOR_JSON_ERROR_SYNTAX,          /* not RFC 8259 JSON */
  GLOSSATOR_JSON_ERROR_TRAILING_DATA,   /* something after the value */
  GLOSSATOR_JSON_ERROR_TOO_DEEP,
  GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER,
  GLOSSATOR_JSON_ERROR_LONE_SURROGATE,
  GLOSSATOR_JSON_ERROR_NUL,             /* "\u0000", which json-glib cuts strings at */
  GLOSSATOR_JSON_ERROR_NUMBER_RANGE,    /* an integer beyond 64 bits, or a number beyond a double */
} GlossatorJsonError;

GQuark   glossator_json_error_quark (void);

/**
 * glossator_json_guard:
 * @data: the bytes of a file or a line of one
 * @n_bytes: their length
 * @path: (out) (optional): on failure, the JSON path of the problem
 *   ("$.mentions[0].attributes.a.a…", long paths and names abbreviated)
 * @error: the problem, saying where it is (line and column) and never
 *   quoting the data
 *
 * One pass over @data before a JSON parser sees it: exactly one RFC 8259
 * JSON value (after an optional UTF-8 byte order mark), valid UTF-8,
 * nesting at most %GLOSSATOR_JSON_MAX_DEPTH, no member name twice in one
 * object, no lone surrogate or NUL escape, and numbers json-glib keeps
 * exactly as written (integers in 64 bits, finite doubles).
 *
 * Returns: whether @data passed
 */
gboolean glossator_json_guard       (const char  *data,
                                     gsize        n_bytes,
                                     char       **path,
                                     GError     **error);
/* The same for a line of a JSON Lines file: positions are counted from
 * @line, the number of the line @data starts on. */
gboolean glossator_json_guard_line  (const char  *data,
                                     gsize        n_bytes,
                                     guint        line,
                                     char       **path,
                                     GError     **error);

G_END_DECLS

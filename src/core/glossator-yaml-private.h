/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The YAML that dataset cards carry (the front matter of a README.md that
 * Hugging Face's `datasets` reads: `dataset_info`, `configs`), read into
 * JSON nodes: mappings are objects, sequences arrays, scalars strings
 * (an empty value is null; no other type is resolved, so `0` and `'0'`
 * are both "0").
 *
 * Block style as PyYAML writes it: indented mappings and sequences,
 * `- key: value` items, plain, single- and double-quoted scalars, plain
 * scalars continued on more indented lines, `|` and `>` block scalars,
 * one-line flow sequences of scalars, `{}` and `[]`, comments. Anchors,
 * aliases, tags, complex keys and nested flow collections are refused
 * (so is a key given twice, as `datasets` refuses it). */

#define GLOSSATOR_YAML_ERROR (glossator_yaml_error_quark ())

typedef enum {
  GLOSSATOR_YAML_ERROR_INVALID,      /* not YAML, or YAML this reader does not read */
  GLOSSATOR_YAML_ERROR_NO_METADATA,  /* a Markdown file without front matter */
} GlossatorYamlError;

GQuark    glossator_yaml_error_quark        (void);

/* Errors say "line N: what", N counted in @data. */
JsonNode *_glossator_yaml_parse             (const char  *data,
                                             gsize        n_bytes,
                                             GError     **error);
/* The front matter of a Markdown file: the lines between a first line
 * "---" and the next "---" (a BOM and CRLF accepted), parsed. Line numbers
 * in errors are the file's. */
JsonNode *_glossator_yaml_parse_front_matter (const char  *data,
                                             gsize        n_bytes,
                                             GError     **error);

G_END_DECLS

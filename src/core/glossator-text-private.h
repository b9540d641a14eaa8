/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-text.h"

G_BEGIN_DECLS

/* glossator_text_new_from_data() with another size limit (tests use a small
 * one instead of allocating GLOSSATOR_TEXT_MAX_BYTES). */
GlossatorText *_glossator_text_new_from_data_with_limit (const char  *data,
                                                         gsize        n_bytes,
                                                         gsize        max_bytes,
                                                         GError     **error);

/* The checks of glossator_text_new_from_data() without building a text, for
 * files whose text is derived from their contents (JSON, HTML): size, NUL
 * bytes and, when @check_utf8, UTF-8. Byte offsets in messages count from
 * @data. */
gboolean       _glossator_text_check_data               (const char  *data,
                                                         gsize        n_bytes,
                                                         gsize        max_bytes,
                                                         gboolean     check_utf8,
                                                         GError     **error);

/* TRUE when @data starts with the UTF-8 byte order mark. */
gboolean       _glossator_text_data_has_bom             (const char  *data,
                                                         gsize        n_bytes);

/* The error of a file larger than @max_bytes. */
void           _glossator_text_set_too_large_error      (GError     **error,
                                                         guint64      n_bytes,
                                                         gsize        max_bytes);

G_END_DECLS

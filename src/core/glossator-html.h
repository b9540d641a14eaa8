/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The visible text of an HTML document, the same for the same bytes on
 * every run:
 * - script, style, noscript, template, head, iframe, object, embed, canvas,
 *   svg and elements with a hidden attribute are dropped;
 * - block elements end lines; paragraphs, headings, lists, tables, block
 *   quotes, figures, <pre> and <hr> are set off by one blank line, never
 *   more; table cells in a row are separated by a tab;
 * - outside <pre>, runs of HTML white space (space, tab, CR, LF, FF)
 *   become one space and none is left at a line's edges; no leading or
 *   trailing blank lines.
 * The encoding is the byte order mark's, else the <meta> charset's, else
 * UTF-8 (checked strictly). @title gets <title>, else the first <h1>, with
 * white space collapsed, or NULL. Errors are GLOSSATOR_TEXT_ERROR (binary,
 * too large, invalid UTF-8) or G_IO_ERROR_NOT_SUPPORTED (unknown charset);
 * their messages do not name the file. */
char *_glossator_html_extract_text (const char  *data,
                                    gsize        n_bytes,
                                    gsize        max_bytes,
                                    char       **title,
                                    GError     **error);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "glossator-text.h"

G_BEGIN_DECLS

typedef enum {
  GLOSSATOR_ARTICLE_FORMAT_TEXT,
  GLOSSATOR_ARTICLE_FORMAT_MARKDOWN,
  GLOSSATOR_ARTICLE_FORMAT_JSON,
  GLOSSATOR_ARTICLE_FORMAT_HTML,
} GlossatorArticleFormat;

#define GLOSSATOR_TYPE_ARTICLE_FORMAT (glossator_article_format_get_type ())
GType glossator_article_format_get_type (void) G_GNUC_CONST;

#define GLOSSATOR_TYPE_ARTICLE (glossator_article_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorArticle, glossator_article, GLOSSATOR, ARTICLE, GObject)

/* TRUE for names Glossator opens as articles (.txt .md .markdown .json .html
 * .htm), FALSE for sidecars, backups and schema files. */
gboolean               glossator_article_is_article_name   (const char              *basename);
/* By extension, case-insensitively; FALSE for other extensions. */
gboolean               glossator_article_format_for_name   (const char              *basename,
                                                            GlossatorArticleFormat  *format);

/* Errors name the file: "PATH: invalid UTF-8 at byte 1234". Files with an
 * extension glossator_article_format_for_name() does not know are read as
 * plain text. */
GlossatorArticle      *glossator_article_load              (GFile                   *file,
                                                            GCancellable            *cancellable,
                                                            GError                 **error);
void                   glossator_article_load_async        (GFile                   *file,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);
GlossatorArticle      *glossator_article_load_finish       (GAsyncResult            *result,
                                                            GError                 **error);
/* @file may be NULL (then @display_name names it in errors). */
GlossatorArticle      *glossator_article_new_from_bytes    (GFile                   *file,
                                                            const char              *display_name,
                                                            GlossatorArticleFormat   format,
                                                            GBytes                  *bytes,
                                                            GError                 **error);

GFile                 *glossator_article_get_file          (GlossatorArticle        *self);
/* The path as given (for messages); never NULL. */
const char            *glossator_article_get_display_name  (GlossatorArticle        *self);
GlossatorArticleFormat glossator_article_get_format        (GlossatorArticle        *self);
GlossatorText         *glossator_article_get_text          (GlossatorArticle        *self);
/* JSON record's title, HTML <title>, Markdown's first heading, or the first
 * non-empty line; never NULL (the file name when nothing else). */
const char            *glossator_article_get_title         (GlossatorArticle        *self);
/* JSON records: every member but the text itself (url, date, …), else NULL. */
JsonObject            *glossator_article_get_metadata      (GlossatorArticle        *self);

/* "text", "markdown", "json" or "html". */
const char            *glossator_article_format_to_string  (GlossatorArticleFormat   format);
gboolean               glossator_article_format_from_string (const char             *str,
                                                            GlossatorArticleFormat  *format);

G_END_DECLS

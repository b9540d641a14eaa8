/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-article.h"
#include "glossator-document.h"
#include "glossator-schema.h"
#include "glossator-sidecar.h"

G_BEGIN_DECLS

#define GLOSSATOR_SESSION_ERROR (glossator_session_error_quark ())

typedef enum {
  GLOSSATOR_SESSION_ERROR_READ_ONLY,  /* the session refuses to save */
} GlossatorSessionError;

#define GLOSSATOR_TYPE_SESSION (glossator_session_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorSession, glossator_session, GLOSSATOR, SESSION, GObject)

/* One opened article: the article, its label schema, its annotations and
 * where they are saved. An article that cannot be read fails to open; a
 * sidecar or schema that cannot be read opens the session READ-ONLY with the
 * error kept and an empty document, so the article can still be read and
 * the file on disk is never saved over. */

GQuark              glossator_session_error_quark         (void);

/* @root (nullable) is the folder the user opened, which holds the article;
 * the label schema is looked up no further (see glossator_schema_find_file()).
 * NULL stands for the article's own folder. */
GlossatorSession   *glossator_session_open                (GFile               *article_file,
                                                           GFile               *root,
                                                           GCancellable        *cancellable,
                                                           GError             **error);
/* The same on a worker thread: everything it builds is new, so nothing is
 * shared with the caller's thread until it finishes. */
void                glossator_session_open_async          (GFile               *article_file,
                                                           GFile               *root,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GlossatorSession   *glossator_session_open_finish         (GAsyncResult        *result,
                                                           GError             **error);

/* Called on the caller's thread-default main context with a copy of the
 * article's text (UTF-8, BOM removed) as soon as it is read, before the
 * annotations are: a window can lay out the text meanwhile. Not called
 * when the article cannot be read, always before the open finishes. */
typedef void (*GlossatorSessionTextFunc) (GBytes   *text,
                                          gpointer  user_data);

/* glossator_session_open_async() telling the text first; finish with
 * glossator_session_open_finish(). */
void                glossator_session_open_with_text_async (GFile                   *article_file,
                                                            GFile                   *root,
                                                            GlossatorSessionTextFunc text_ready,
                                                            gpointer                 text_data,
                                                            GDestroyNotify           text_data_free,
                                                            GCancellable            *cancellable,
                                                            GAsyncReadyCallback      callback,
                                                            gpointer                 user_data);

GFile              *glossator_session_get_file            (GlossatorSession    *self);
GlossatorArticle   *glossator_session_get_article         (GlossatorSession    *self);
GlossatorDocument  *glossator_session_get_document        (GlossatorSession    *self);
GlossatorSchema    *glossator_session_get_schema          (GlossatorSession    *self);
GFile              *glossator_session_get_sidecar_file    (GlossatorSession    *self);
/* Whether the sidecar existed when the session was opened. */
gboolean            glossator_session_get_had_sidecar     (GlossatorSession    *self);
/* Problems found while loading (GlossatorProblem*): warnings for a usable
 * document (re-anchored spans, unknown labels), errors for a corrupt one. */
GPtrArray          *glossator_session_get_problems        (GlossatorSession    *self);

gboolean            glossator_session_get_read_only       (GlossatorSession    *self);
/* Why the session is read-only, in words for the user; NULL when it is not. */
const char         *glossator_session_get_read_only_reason (GlossatorSession   *self);
/* The error that made the session read-only (the sidecar or schema that
 * could not be read), or NULL. */
const GError       *glossator_session_get_load_error      (GlossatorSession    *self);

/* Records @annotator as the document's annotator when it has none and has
 * not been edited yet, without an undo step and without marking it
 * modified: the name reaches the disk with the first save of an edit.
 * Returns TRUE when it was recorded. */
gboolean            glossator_session_adopt_annotator     (GlossatorSession    *self,
                                                           const char          *annotator);

/* glossator_sidecar_save_async() for the session's document; fails with
 * GLOSSATOR_SESSION_ERROR_READ_ONLY without touching the disk when the
 * session is read-only. */
void                glossator_session_save_async          (GlossatorSession    *self,
                                                           gboolean             force,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            glossator_session_save_finish         (GlossatorSession    *self,
                                                           GAsyncResult        *result,
                                                           gboolean            *written,
                                                           GError             **error);

/* After the article changed on disk and was opened again: how many spans of
 * @before (the document as it was) now lie elsewhere in @after, and how
 * many could not be found and are kept orphaned. Spans are paired by the id
 * of their mention or stance and their position in it. */
void                glossator_session_count_reanchored    (GlossatorDocument   *before,
                                                           GlossatorDocument   *after,
                                                           guint               *moved,
                                                           guint               *orphaned);

G_END_DECLS

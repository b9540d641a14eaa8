/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The label schema of a corpus: entity labels, stance polarities and
 * reusable stance topics. Built in default, or glossator-schema.json found
 * by walking up from an article's folder, no further than the folder the
 * user opened (or the root of the git work tree that folder lies in). */

#define GLOSSATOR_SCHEMA_FILE_NAME "glossator-schema.json"

typedef struct {
  char     *name;
  char     *color;        /* "#rrggbb" */
  gunichar  key;          /* 0 when none */
  char     *description;  /* nullable */
} GlossatorLabel;

#define GLOSSATOR_SCHEMA_ERROR (glossator_schema_error_quark ())

typedef enum {
  GLOSSATOR_SCHEMA_ERROR_INVALID,
  GLOSSATOR_SCHEMA_ERROR_OUTSIDE,   /* a symbolic link leading out of the folders searched */
} GlossatorSchemaError;

#define GLOSSATOR_TYPE_SCHEMA (glossator_schema_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorSchema, glossator_schema, GLOSSATOR, SCHEMA, GObject)

GQuark                glossator_schema_error_quark      (void);
/* PERSON, ORG, GPE, LOC, NORP, EVENT, MISC; favor, against, neutral, unclear. */
GlossatorSchema      *glossator_schema_new_default      (void);
/* Errors name the file and the JSON path: "PATH: $.labels[2].color: …". */
GlossatorSchema      *glossator_schema_load             (GFile            *file,
                                                         GCancellable     *cancellable,
                                                         GError          **error);
/* The schema file governing an article in @folder, or NULL: the nearest
 * one from @folder up to @boundary, the folder the user opened (the article's
 * own folder for an article opened alone), or up to the root of the git
 * work tree @boundary lies in; never above. */
GFile                *glossator_schema_find_file        (GFile            *folder,
                                                         GFile            *boundary);
/* The same for contents read elsewhere (an import restoring a schema):
 * @file names it in errors and becomes its file. */
GlossatorSchema      *glossator_schema_new_from_bytes   (GFile            *file,
                                                         GBytes           *contents,
                                                         GError          **error);
/* glossator_schema_find_file + load, or the default when there is none.
 * A symbolic link leading out of the folders searched is not followed:
 * GLOSSATOR_SCHEMA_ERROR_OUTSIDE. */
GlossatorSchema      *glossator_schema_load_for_folder  (GFile            *folder,
                                                         GFile            *boundary,
                                                         GCancellable     *cancellable,
                                                         GError          **error);
/* Writes the schema (e.g. after a topic was added), atomically. */
gboolean              glossator_schema_save             (GlossatorSchema  *self,
                                                         GFile            *file,
                                                         GCancellable     *cancellable,
                                                         GError          **error);

/* glossator_schema_add_topic(), then the topic written on a worker thread
 * to a file inside @folder (the folder the user opened), never outside it:
 * the schema's own file when it lies there, else a glossator-schema.json
 * in @folder made from the schema (created tells). The finish returns the
 * file written, which becomes the schema's file; @target names the file
 * written or, on failure, the one that could not be. */
void                  glossator_schema_add_topic_async  (GlossatorSchema     *self,
                                                         const char          *topic,
                                                         GFile               *folder,
                                                         GCancellable        *cancellable,
                                                         GAsyncReadyCallback  callback,
                                                         gpointer             user_data);
GFile                *glossator_schema_add_topic_finish (GlossatorSchema     *self,
                                                         GAsyncResult        *result,
                                                         gboolean            *created,
                                                         GFile              **target,
                                                         GError             **error);

/* NULL for the built-in default. */
GFile                *glossator_schema_get_file         (GlossatorSchema  *self);
guint                 glossator_schema_get_n_labels     (GlossatorSchema  *self);
const GlossatorLabel *glossator_schema_get_label        (GlossatorSchema  *self,
                                                         guint             index);
const GlossatorLabel *glossator_schema_find_label       (GlossatorSchema  *self,
                                                         const char       *name);
const GlossatorLabel *glossator_schema_find_label_by_key (GlossatorSchema *self,
                                                         gunichar          key);
guint                 glossator_schema_get_n_polarities (GlossatorSchema  *self);
const GlossatorLabel *glossator_schema_get_polarity     (GlossatorSchema  *self,
                                                         guint             index);
const GlossatorLabel *glossator_schema_find_polarity    (GlossatorSchema  *self,
                                                         const char       *name);
const GlossatorLabel *glossator_schema_find_polarity_by_key (GlossatorSchema *self,
                                                         gunichar          key);
/* NULL-terminated, in file order. */
const char * const   *glossator_schema_get_topics       (GlossatorSchema  *self);
/* Returns TRUE when the topic was new (it is appended). */
gboolean              glossator_schema_add_topic        (GlossatorSchema  *self,
                                                         const char       *topic);
/* Labels used in a document that the schema does not define get a stable
 * color derived from their name, so they stay visible. */
const char           *glossator_schema_color_for_label  (GlossatorSchema  *self,
                                                         const char       *name);
/* The colour of the polarity @name ("#rrggbb"): the schema's, or one
 * derived from the name as for labels when the schema lacks it. */
const char           *glossator_schema_color_for_polarity (GlossatorSchema *self,
                                                           const char      *name);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-document-private.h"
#include "glossator-export.h"
#include "glossator-format-private.h"
#include "test-util.h"

G_BEGIN_DECLS

/* What the dataset format tests (tests/test-format-*.c) share: the
 * documents they export, and importing and exporting in memory. Each
 * helper fails the test on an error. */

/* Project-owned inputs, under tests/data/formats/. */
char                      *fixture_path      (const char                *relative);
GFile                     *fixture           (const char                *relative);
/* Format options: name, value, …, NULL. */
GHashTable                *options_of        (const char                *first,
                                              ...) G_GNUC_NULL_TERMINATED;

/* A mention of one fragment, its entity made (named by its text) when the
 * document has none of that id. */
GlossatorMention          *add_mention       (GlossatorDocument         *doc,
                                              const char                *id,
                                              const char                *label,
                                              const char                *entity,
                                              guint                      start,
                                              guint                      end);
char                      *describe          (GlossatorDocument         *doc,
                                              gboolean                   with_details);
GlossatorDocument         *rich_document     (void);

/* A GlossatorImportFunc adding a copy of each document to the GPtrArray
 * @user_data. */
gboolean                   collect_cb        (GlossatorImportedDocument *imported,
                                              gpointer                   user_data,
                                              GError                   **error);
GPtrArray                 *import_file       (const char                *format_name,
                                              GFile                     *input,
                                              GHashTable                *options,
                                              GPtrArray                 *problems);
/* The problems of @severity whose message holds @substring (nullable). */
guint                      count_problems    (GPtrArray                 *problems,
                                              GlossatorProblemSeverity   severity,
                                              const char                *substring);
GlossatorDocument         *imported_document (GPtrArray                 *docs,
                                              guint                      i);
char                      *export_documents  (const char                *format_name,
                                              GHashTable                *options,
                                              GlossatorDocument        **docs,
                                              guint                      n_docs,
                                              GFile                     *output,
                                              GlossatorExportSummary    *summary);
guint                      conlleval_count   (const char                *data,
                                              GPtrArray                 *chunks);

/* The mention covering exactly the @nth occurrence of @quote. */
GlossatorMention          *mention_at        (GlossatorDocument         *doc,
                                              const char                *quote,
                                              guint                      nth);
/* The mention's "source_id" attribute, when it is a string. */
const char                *source_id         (GlossatorMention          *mention);
/* The imported document named @name. */
GlossatorImportedDocument *find_imported     (GPtrArray                 *docs,
                                              const char                *name);

GPtrArray                 *export_and_import (const char                *format_name,
                                              GlossatorDocument        **docs,
                                              guint                      n_docs,
                                              GHashTable                *export_options,
                                              GHashTable                *import_options);
void                       assert_round_trip (const char                *format_name,
                                              GPtrArray                 *first,
                                              GHashTable                *import_options,
                                              gboolean                   details);

G_END_DECLS

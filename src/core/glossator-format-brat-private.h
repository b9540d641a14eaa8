/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-files-private.h"
#include "glossator-format-private.h"

G_BEGIN_DECLS

/* Shared by the brat exporter (glossator-format-brat-export.c) and
 * importer (glossator-format-brat-import.c); the format's table and the
 * layout of a .ann are described in glossator-format-brat-common.c. */

/* Lines of an imported .ann that Glossator cannot represent: a document
 * attribute, written back verbatim. */
#define BRAT_UNMAPPED "brat_unmapped"

/* The lines of an imported .ann in their order, as the document attribute
 * "brat_layout" keeps them: a line the import represented is named by its
 * id (T, E lines), by its id, type and target ("A4\tMention T1"; A, M, N
 * and # lines) or, for an Equiv it applied, is the line itself; "" stands
 * for the next line of brat_unmapped. An export writes every line it can
 * back at its place with its id; new lines follow the line before them in
 * the export's own order. */
#define BRAT_LAYOUT "brat_layout"

typedef struct {
  GlossatorExporter  parent;
  GHashTable        *entity_types;      /* char* set */
  GHashTable        *event_types;       /* char* → GHashTable of roles */
  GHashTable        *relation_types;    /* char* set */
  GHashTable        *attributes;        /* "Arg\tName" → GHashTable of values (empty: binary) */
  gboolean           has_stances;
  /* Every file is put in place at the end: a failed export leaves the
   * folder as it was. */
  GlossatorStaging  *staging;
} BratExporter;

/* Characters Python's str.splitlines() ends a line at: never in a line. */
gboolean    _glossator_brat_is_line_break   (gunichar           c);
/* KB ids: Q123 ↔ Wikidata:Q123; DB:ID as it is; anything else under the
 * made-up database "Glossator". */
char       *_glossator_brat_kb_reference    (const char        *kb_id);
char       *_glossator_brat_kb_id_from_reference (const char   *reference);
/* What an import makes of @pairs (start, end code points): neighbours
 * separated by line breaks only are joined. */
GArray     *_glossator_brat_join_at_line_breaks (GlossatorText *text,
                                             const GArray      *pairs);

/* The exporter (glossator-format-brat-export.c) */
gboolean    _glossator_brat_begin           (GlossatorExporter             *exporter,
                                             GError                       **error);
gboolean    _glossator_brat_render          (GlossatorExporter             *exporter,
                                             const GlossatorExportDocument *document,
                                             GlossatorRender               *render,
                                             GError                       **error);
gboolean    _glossator_brat_write           (GlossatorExporter             *exporter,
                                             const GlossatorExportDocument *document,
                                             GlossatorRender               *render,
                                             GCancellable                  *cancellable,
                                             GError                       **error);
gboolean    _glossator_brat_end             (GlossatorExporter             *exporter,
                                             GCancellable                  *cancellable,
                                             GError                       **error);
void        _glossator_brat_finalize        (GlossatorExporter             *exporter);

/* The importer (glossator-format-brat-import.c) */
gboolean    _glossator_brat_import          (GlossatorImportContext        *context,
                                             GError                       **error);

G_END_DECLS

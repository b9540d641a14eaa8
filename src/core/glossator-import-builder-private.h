/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "glossator-document.h"

G_BEGIN_DECLS

/* The name an import gives an entity from its first mention: the
 * mention's text with line breaks (and the white space around them) made
 * one space. */
char       *_glossator_default_entity_name  (GlossatorMention  *mention,
                                             GlossatorText     *text);

/* Builds a document from spans: mentions get ids m1… in text order,
 * entities e1… in the order of their first mention, stances s1… in the
 * order added. Each mention is its own entity unless linked. */
typedef struct _GlossatorImportBuilder GlossatorImportBuilder;

GlossatorImportBuilder *_glossator_import_builder_new (GlossatorText *text);
void        _glossator_import_builder_free  (GlossatorImportBuilder *builder);
/* Fragments must be sorted, non-overlapping, within the text and non-empty.
 * Returns the mention's index. */
guint       _glossator_import_builder_add_mention (GlossatorImportBuilder *builder,
                                             const char        *label,
                                             const guint       *starts,
                                             const guint       *ends,
                                             guint              n_fragments,
                                             const char        *source_id);
void        _glossator_import_builder_set_note (GlossatorImportBuilder *builder,
                                             guint              mention,
                                             const char        *note);
/* Sets a member of the mention's attributes (takes @value). */
void        _glossator_import_builder_set_attribute (GlossatorImportBuilder *builder,
                                             guint              mention,
                                             const char        *name,
                                             JsonNode          *value);
/* Puts the two mentions in the same entity. */
void        _glossator_import_builder_link  (GlossatorImportBuilder *builder,
                                             guint              mention_a,
                                             guint              mention_b);
/* One mention of the entity of @mention, the same for all its mentions. */
guint       _glossator_import_builder_get_entity (GlossatorImportBuilder *builder,
                                             guint              mention);
/* Fields of the entity of @mention; NULL leaves the default (name: the
 * first mention's text; label: its label). */
void        _glossator_import_builder_set_entity (GlossatorImportBuilder *builder,
                                             guint              mention,
                                             const char        *name,
                                             const char        *label,
                                             const char        *kb_id,
                                             const char        *note,
                                             JsonObject        *attributes);
/* Returns the stance's index. Holder/target entities name a mention of
 * them (-1 otherwise). */
guint       _glossator_import_builder_add_stance (GlossatorImportBuilder *builder,
                                             const char        *polarity);
void        _glossator_import_builder_set_holder (GlossatorImportBuilder *builder,
                                             guint              stance,
                                             GlossatorHolderKind kind,
                                             int                mention);
void        _glossator_import_builder_set_target (GlossatorImportBuilder *builder,
                                             guint              stance,
                                             GlossatorTargetKind kind,
                                             int                mention,
                                             const char        *topic);
void        _glossator_import_builder_set_stance_details (GlossatorImportBuilder *builder,
                                             guint              stance,
                                             guint              intensity,
                                             const char        *note,
                                             JsonObject        *attributes);
void        _glossator_import_builder_add_evidence (GlossatorImportBuilder *builder,
                                             guint              stance,
                                             guint              start,
                                             guint              end);
guint       _glossator_import_builder_get_n_mentions (GlossatorImportBuilder *builder);
/* Document attributes (for data with no place elsewhere, such as
 * "brat_unmapped"); takes @value. */
void        _glossator_import_builder_set_document_attribute (GlossatorImportBuilder *builder,
                                             const char        *name,
                                             JsonNode          *value);
GlossatorDocument *_glossator_import_builder_finish (GlossatorImportBuilder *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorImportBuilder, _glossator_import_builder_free)

G_END_DECLS

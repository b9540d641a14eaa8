/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-document.h"

G_BEGIN_DECLS

/* For loaders (sidecar, importers): between these, puts are neither
 * recorded nor signalled and the index is built once at the end, which
 * leaves an empty, saved history. */
void     _glossator_document_begin_load      (GlossatorDocument *self);
void     _glossator_document_end_load        (GlossatorDocument *self);

/* Marks the document as differing from its file although no edit was made
 * (spans re-anchored, an older format read). */
void     _glossator_document_set_needs_save  (GlossatorDocument *self,
                                              gboolean           needs_save);

/* Opaque data the sidecar module keeps with a document (unknown members,
 * timestamps). */
gpointer _glossator_document_get_sidecar_data (GlossatorDocument *self);
void     _glossator_document_set_sidecar_data (GlossatorDocument *self,
                                               gpointer           data,
                                               GDestroyNotify     destroy);

/* A document attribute: "whitespace" when the text was rebuilt from the
 * tokens of a token format (one sentence a line, tokens separated by
 * spaces); token exports then keep those tokens and sentences rather than
 * finding UAX #29 ones, so CoNLL → Glossator → CoNLL changes nothing. */
#define GLOSSATOR_TOKENIZATION "tokenization"
/* The merge conflicts the sidecar records (its "conflicts" member, read
 * and written by the sidecar module; doc/sidecar-format.md), nullable.
 * Part of the document's information, so settling one is an edit that
 * undoes; an empty list is no member at all. */
JsonArray *_glossator_document_get_conflicts (GlossatorDocument *self);
void       _glossator_document_set_conflicts (GlossatorDocument *self,
                                              JsonArray         *conflicts);
/* What adjudication records beside the annotations (the sidecar's
 * "adjudication" member: doc/sidecar-format.md), nullable; part of the
 * document's information like the conflicts. */
JsonObject *_glossator_document_get_adjudication (GlossatorDocument *self);
void        _glossator_document_set_adjudication (GlossatorDocument *self,
                                                  JsonObject        *adjudication);

G_END_DECLS

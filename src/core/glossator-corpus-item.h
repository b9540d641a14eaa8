/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-document.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_CORPUS_ITEM (glossator_corpus_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorCorpusItem, glossator_corpus_item, GLOSSATOR, CORPUS_ITEM, GObject)

/* One article of the open corpus as the sidebar shows it. The title, status
 * and mention count start as the file name and "unknown", are filled in
 * from the files by a scan and then kept up to date from the open document. */

GlossatorCorpusItem *glossator_corpus_item_new            (GFile               *file,
                                                           const char          *location);
GFile               *glossator_corpus_item_get_file       (GlossatorCorpusItem *self);
/* The path shown under the title: relative to the corpus folder. */
const char          *glossator_corpus_item_get_location   (GlossatorCorpusItem *self);
const char          *glossator_corpus_item_get_title      (GlossatorCorpusItem *self);
void                 glossator_corpus_item_set_title      (GlossatorCorpusItem *self,
                                                           const char          *title);
GlossatorStatus      glossator_corpus_item_get_status     (GlossatorCorpusItem *self);
void                 glossator_corpus_item_set_status     (GlossatorCorpusItem *self,
                                                           GlossatorStatus      status);
guint                glossator_corpus_item_get_n_mentions (GlossatorCorpusItem *self);
void                 glossator_corpus_item_set_n_mentions (GlossatorCorpusItem *self,
                                                           guint                n_mentions);
/* What is wrong with the article or its annotations, or NULL. */
const char          *glossator_corpus_item_get_problem    (GlossatorCorpusItem *self);
void                 glossator_corpus_item_set_problem    (GlossatorCorpusItem *self,
                                                           const char          *problem);
/* FALSE until the scan (or opening the article) filled the item in. */
gboolean             glossator_corpus_item_get_known      (GlossatorCorpusItem *self);
void                 glossator_corpus_item_set_known      (GlossatorCorpusItem *self,
                                                           gboolean             known);

G_END_DECLS

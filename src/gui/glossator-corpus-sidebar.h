/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-corpus-item.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_CORPUS_SIDEBAR (glossator_corpus_sidebar_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorCorpusSidebar, glossator_corpus_sidebar, GLOSSATOR, CORPUS_SIDEBAR, GtkWidget)

/* The articles of the corpus (GlossatorCorpusItem) with a filter and the
 * progress. Choosing a row emits "item-activated"; the window decides
 * whether the switch happens and then calls set_current. */

GtkWidget           *glossator_corpus_sidebar_new               (void);
void                 glossator_corpus_sidebar_set_model         (GlossatorCorpusSidebar *self,
                                                                 GListModel             *items);
GlossatorCorpusItem *glossator_corpus_sidebar_get_current       (GlossatorCorpusSidebar *self);
void                 glossator_corpus_sidebar_set_current       (GlossatorCorpusSidebar *self,
                                                                 GlossatorCorpusItem    *item);
/* The article @delta rows away from the current one among those the filter
 * shows, or NULL past either end. */
GlossatorCorpusItem *glossator_corpus_sidebar_get_adjacent      (GlossatorCorpusSidebar *self,
                                                                 int                     delta);
/* The rows the filter lets through. */
GListModel          *glossator_corpus_sidebar_get_visible_items (GlossatorCorpusSidebar *self);
const char          *glossator_corpus_sidebar_get_progress_text (GlossatorCorpusSidebar *self);
void                 glossator_corpus_sidebar_focus_filter      (GlossatorCorpusSidebar *self);
void                 glossator_corpus_sidebar_set_filter_text   (GlossatorCorpusSidebar *self,
                                                                 const char             *text);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-text-search.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_SEARCH_BAR (glossator_search_bar_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorSearchBar, glossator_search_bar, GLOSSATOR, SEARCH_BAR, GtkWidget)

/* The article view's search bar: the query, whole word and match case
 * (Alt+W, Alt+M), previous and next (Shift+Enter, Enter) and the count.
 * It searches nothing itself: "search-changed" asks its owner to search
 * again, "next-match" and "previous-match" to step, and the owner tells it
 * what it found with set_matches(). "search-changed" comes a moment after
 * the last keystroke, or at once with Enter, Shift+Enter or the arrow
 * buttons, which then ask for no step. */
GtkWidget            *glossator_search_bar_new             (void);
/* Opens the bar with @text (nullable: the query stays) selected in the
 * focused entry. */
void                  glossator_search_bar_begin           (GlossatorSearchBar *self,
                                                            const char         *text);
/* Emits "search-changed" now, as the entry would after its delay. */
void                  glossator_search_bar_search_now      (GlossatorSearchBar *self);
gboolean              glossator_search_bar_get_search_mode (GlossatorSearchBar *self);
void                  glossator_search_bar_set_search_mode (GlossatorSearchBar *self,
                                                            gboolean            search_mode);
const char           *glossator_search_bar_get_text        (GlossatorSearchBar *self);
void                  glossator_search_bar_set_text        (GlossatorSearchBar *self,
                                                            const char         *text);
gboolean              glossator_search_bar_get_whole_word  (GlossatorSearchBar *self);
void                  glossator_search_bar_set_whole_word  (GlossatorSearchBar *self,
                                                            gboolean            whole_word);
gboolean              glossator_search_bar_get_match_case  (GlossatorSearchBar *self);
void                  glossator_search_bar_set_match_case  (GlossatorSearchBar *self,
                                                            gboolean            match_case);
GlossatorSearchFlags  glossator_search_bar_get_flags       (GlossatorSearchBar *self);
/* Shows "@current + 1 of @n_matches" (@current -1: "@n_matches matches")
 * or "No matches", nothing without a query; previous and next only work
 * with matches. */
void                  glossator_search_bar_set_matches     (GlossatorSearchBar *self,
                                                            guint               n_matches,
                                                            int                 current);

G_END_DECLS

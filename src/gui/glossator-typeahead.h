/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-candidates.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_TYPEAHEAD (glossator_typeahead_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorTypeahead, glossator_typeahead, GLOSSATOR, TYPEAHEAD, GtkWidget)

/* An entry over a list of candidates (the stance editor's holder and
 * target): typing lists those a search function finds, Up and Down choose
 * one, Enter or a click accepts it, Escape closes the list, and so does
 * leaving the field. Typing drops the choice made; the text of a choice
 * lists every candidate again. "chosen" follows every choice accepted.
 * In a .ui file the entry and the list are the internal children "entry"
 * and "list" (for their placeholder, icon and accessible names). */

/* The candidates for @text, best first (element-type GlossatorCandidate). */
typedef GPtrArray *(*GlossatorTypeaheadSearchFunc) (GlossatorTypeahead *typeahead,
                                                    const char         *text,
                                                    gpointer            user_data);

GtkWidget              *glossator_typeahead_new              (void);
void                    glossator_typeahead_set_search_func  (GlossatorTypeahead           *self,
                                                              GlossatorTypeaheadSearchFunc  func,
                                                              gpointer                      user_data,
                                                              GDestroyNotify                destroy);
GtkEntry               *glossator_typeahead_get_entry        (GlossatorTypeahead           *self);

GlossatorCandidateKind  glossator_typeahead_get_choice_kind  (GlossatorTypeahead           *self);
/* The entity id or topic chosen; NULL for none, Author, Unspecified. */
const char             *glossator_typeahead_get_choice_value (GlossatorTypeahead           *self);
/* Accepts a choice as a click on its row would; @name is what the field
 * shows. */
void                    glossator_typeahead_choose           (GlossatorTypeahead           *self,
                                                              GlossatorCandidateKind        kind,
                                                              const char                   *value,
                                                              const char                   *name);
/* No choice, no text, the list closed. */
void                    glossator_typeahead_clear            (GlossatorTypeahead           *self);

/* Lists the candidates anew and opens / closes the list. */
void                    glossator_typeahead_popup            (GlossatorTypeahead           *self);
void                    glossator_typeahead_popdown          (GlossatorTypeahead           *self);
gboolean                glossator_typeahead_get_popped_up    (GlossatorTypeahead           *self);
/* Moves the choice in the list by @delta rows, opening it. */
void                    glossator_typeahead_move             (GlossatorTypeahead           *self,
                                                              int                           delta);
/* Enter: accepts the row chosen in the list (the first when none is) when
 * nothing was accepted yet or the list is open; FALSE when there was
 * nothing to accept. */
gboolean                glossator_typeahead_activate         (GlossatorTypeahead           *self);
/* Typed text never accepted becomes the first candidate, as Enter would
 * make it; no text stays no choice. */
void                    glossator_typeahead_resolve          (GlossatorTypeahead           *self);
/* What the typeahead's key controller does (Up, Down, Enter, Escape);
 * TRUE when the key was used. */
gboolean                glossator_typeahead_handle_key       (GlossatorTypeahead           *self,
                                                              guint                         keyval,
                                                              GdkModifierType               state);
/* The list's rows as read out, top first ("Name, LABEL", "Unspecified"). */
GStrv                   glossator_typeahead_dup_rows         (GlossatorTypeahead           *self);

G_END_DECLS

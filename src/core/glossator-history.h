/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The undo/redo stack. Every edit is recorded as changes of whole values
 * (old → new, either side NULL for additions and removals); a step groups
 * the changes of one user action, so a batch undoes as one. The owner
 * applies changes through @apply, which must not record anything. */
typedef struct _GlossatorHistory GlossatorHistory;

typedef void (*GlossatorHistoryApply) (gpointer owner,
                                       guint    kind,
                                       gpointer from,
                                       gpointer to);

GlossatorHistory *glossator_history_new                  (GlossatorHistoryApply apply,
                                                          GDestroyNotify       *free_funcs,
                                                          guint                 n_kinds,
                                                          gpointer              owner);
void              glossator_history_free                 (GlossatorHistory     *self);

/* Steps opened inside an open step join it (nesting is counted). */
void              glossator_history_begin                (GlossatorHistory     *self,
                                                          const char           *description);
void              glossator_history_end                  (GlossatorHistory     *self);
/* Takes ownership of @old and @new. Outside begin/end the change is a step
 * of its own. Recording clears the redo stack. */
void              glossator_history_record               (GlossatorHistory     *self,
                                                          guint                 kind,
                                                          gpointer              old_value,
                                                          gpointer              new_value);

gboolean          glossator_history_can_undo             (GlossatorHistory     *self);
gboolean          glossator_history_can_redo             (GlossatorHistory     *self);
const char       *glossator_history_get_undo_description (GlossatorHistory     *self);
const char       *glossator_history_get_redo_description (GlossatorHistory     *self);
gboolean          glossator_history_undo                 (GlossatorHistory     *self);
gboolean          glossator_history_redo                 (GlossatorHistory     *self);

/* Whether the state differs from the one last marked saved (undoing back
 * to the saved state makes it unmodified again). */
gboolean          glossator_history_is_modified          (GlossatorHistory     *self);
void              glossator_history_mark_saved           (GlossatorHistory     *self);
/* An opaque token for the current state, to mark it saved later (a save
 * that serialised now and finished writing after further edits). */
guint64           glossator_history_get_revision         (GlossatorHistory     *self);
void              glossator_history_mark_saved_revision  (GlossatorHistory     *self,
                                                          guint64               revision);
/* Forgets every step (after loading). */
void              glossator_history_clear                (GlossatorHistory     *self);

G_END_DECLS

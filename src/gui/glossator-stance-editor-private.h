/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-stance-editor.h"

G_BEGIN_DECLS

/* For the widget tests and the stance flow. */

/* What the editor's key controller does with a key press; TRUE when the
 * key was used. */
gboolean     _glossator_stance_editor_handle_key       (GlossatorStanceEditor *self,
                                                        guint                  keyval,
                                                        GdkModifierType        state);
GtkWidget   *_glossator_stance_editor_get_holder_entry (GlossatorStanceEditor *self);
GtkWidget   *_glossator_stance_editor_get_target_entry (GlossatorStanceEditor *self);
/* The typeahead's rows as shown, top first: "Name, LABEL", "Author, of the article",
 * "Unspecified", "sanctions, topic", "“…”, new topic". */
GStrv        _glossator_stance_editor_dup_candidates   (GlossatorStanceEditor *self,
                                                        gboolean               holder);
const char  *_glossator_stance_editor_get_polarity     (GlossatorStanceEditor *self);
guint        _glossator_stance_editor_get_intensity    (GlossatorStanceEditor *self);
/* The message shown under the form, or NULL. */
const char  *_glossator_stance_editor_get_message      (GlossatorStanceEditor *self);
void         _glossator_stance_editor_set_note         (GlossatorStanceEditor *self,
                                                        const char            *note);
void         _glossator_stance_editor_set_reported_speech (GlossatorStanceEditor *self,
                                                        gboolean               reported);

G_END_DECLS

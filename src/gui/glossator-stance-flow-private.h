/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-stance-flow.h"

G_BEGIN_DECLS

/* For the widget tests. */

/* The tag marking the evidence of the stance being written. */
#define GLOSSATOR_STANCE_EVIDENCE_TAG "glossator-stance-evidence"

/* What the flow's key controller on the view does; TRUE when used. */
gboolean _glossator_stance_flow_handle_key    (GlossatorStanceFlow *self,
                                               guint                keyval,
                                               GdkModifierType      state);
/* What a click on a mention does while the editor is open. */
void     _glossator_stance_flow_mention_clicked (GlossatorStanceFlow *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-sidecar.h"

G_BEGIN_DECLS

/* glossator_sidecar_parse() as json-glib's tree reads it: the oracle the
 * streaming reader is compared with. */
GlossatorDocument *sidecar_tree_parse (GlossatorText    *text,
                                       const char       *display_name,
                                       const char       *data,
                                       gsize             n_bytes,
                                       GlossatorSchema  *schema,
                                       GPtrArray        *problems,
                                       GError          **error);

/* Reads @data with both readers; NULL when they agree (the same error,
 * domain and code, the same problems, documents that write the same
 * bytes), and the exports' mentions-only read agrees with the reader (the
 * same error, mentions, attributes and counts), else what differs. */
char              *sidecar_tree_compare (GlossatorText    *text,
                                         const char       *display_name,
                                         const char       *data,
                                         gsize             n_bytes,
                                         GlossatorSchema  *schema);

G_END_DECLS

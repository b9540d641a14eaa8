/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-mention.h"

G_BEGIN_DECLS

/* Gives each of @mentions (GlossatorMention *) a nesting row, for marks
 * stacked under the text: a mention gets the lowest row that no mention
 * overlapping one of its fragments took before it, taking mentions in
 * order of their first fragment's start, the longer first. So an outer
 * mention is row 0 and the one inside it row 1, crossing mentions get
 * different rows and touching ones may share a row; all fragments of a
 * discontinuous mention share its row. Fragments past @length, empty or
 * orphaned do not count. Returns one row per mention, in @mentions' order;
 * @n_rows (nullable) is set to the number of rows used. */
guint *glossator_nesting_rows (GPtrArray *mentions,
                               guint      length,
                               guint     *n_rows);

G_END_DECLS

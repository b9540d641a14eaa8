/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The root of @x's set in the union-find forest @parent (a root is its
 * own parent), halving the path on the way so later finds are short. */
static inline guint
_glossator_union_find (guint *parent,
                       guint  x)
{
  while (parent[x] != x)
    x = parent[x] = parent[parent[x]];
  return x;
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Intervals [start, end) carrying a pointer, answering "what overlaps this
 * point/range" in O(log n + hits). A sorted array with an implicit augmented
 * binary tree over it: edits cost a memmove, the augmentation is redone
 * lazily (O(n)) before the next query. Loads append and sort once. */
typedef struct _GlossatorIntervalIndex GlossatorIntervalIndex;

GlossatorIntervalIndex *glossator_interval_index_new         (void);
void                    glossator_interval_index_free        (GlossatorIntervalIndex *self);
void                    glossator_interval_index_clear       (GlossatorIntervalIndex *self);
guint                   glossator_interval_index_get_size    (GlossatorIntervalIndex *self);

void                    glossator_interval_index_add         (GlossatorIntervalIndex *self,
                                                              guint                   start,
                                                              guint                   end,
                                                              gpointer                data);
/* For loading many at once: appends without keeping the order, which the
 * next query or removal restores with one sort, so n appends cost
 * O(n log n) where n adds may cost O(n) each. Same contents as add. */
void                    glossator_interval_index_append      (GlossatorIntervalIndex *self,
                                                              guint                   start,
                                                              guint                   end,
                                                              gpointer                data);
/* Removes one interval with exactly these bounds and data. */
gboolean                glossator_interval_index_remove      (GlossatorIntervalIndex *self,
                                                              guint                   start,
                                                              guint                   end,
                                                              gpointer                data);

/* Appends to @hits the data of intervals with start <= offset < end, in
 * (start, end) order. */
void                    glossator_interval_index_query_point (GlossatorIntervalIndex *self,
                                                              guint                   offset,
                                                              GPtrArray              *hits);
/* Appends the data of intervals overlapping [start, end) (start < end), in
 * (start, end) order. */
void                    glossator_interval_index_query_range (GlossatorIntervalIndex *self,
                                                              guint                   start,
                                                              guint                   end,
                                                              GPtrArray              *hits);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorIntervalIndex, glossator_interval_index_free)

G_END_DECLS

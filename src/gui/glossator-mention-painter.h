/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "glossator-document.h"
#include "glossator-schema.h"
#include "glossator-text-search.h"

G_BEGIN_DECLS

#define GLOSSATOR_TYPE_MENTION_PAINTER (glossator_mention_painter_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorMentionPainter, glossator_mention_painter, GLOSSATOR, MENTION_PAINTER, GObject)

/* Paints a document's mentions into the article view's text buffer with
 * tags: each label's tint, a stronger one where mentions nest, and above
 * them the selected and the hovered mention, a highlighted entity's
 * mentions and search matches, in light or dark colours. It follows the
 * document's changes, retagging only the regions an edit touched; a long
 * text is tagged in chunks, the first at once and the rest in idle time. */
GlossatorMentionPainter *glossator_mention_painter_new                    (GtkTextBuffer           *buffer);
/* Drops what was painted and the label tags, and follows @document
 * (nullable; @schema gives the label colours) from now on. Dropping the
 * tags is cheap once the buffer's old text is gone; start() tags the
 * text once the buffer holds @document's. */
void                     glossator_mention_painter_set_document           (GlossatorMentionPainter *self,
                                                                           GlossatorDocument       *document,
                                                                           GlossatorSchema         *schema);
void                     glossator_mention_painter_start                  (GlossatorMentionPainter *self);
/* Tags the chunks holding [@start, @end) now, if they wait for idle time. */
void                     glossator_mention_painter_build_range            (GlossatorMentionPainter *self,
                                                                           guint                    start,
                                                                           guint                    end);
/* The same with a chunk either side: where the view is scrolling to. */
void                     glossator_mention_painter_build_around           (GlossatorMentionPainter *self,
                                                                           guint                    start,
                                                                           guint                    end);
/* Tags everything still waiting, now. */
void                     glossator_mention_painter_finish                 (GlossatorMentionPainter *self);
gboolean                 glossator_mention_painter_is_building            (GlossatorMentionPainter *self);
/* The tag tinting mentions with @label, or the inner ones when @nested
 * (created when missing). */
GtkTextTag              *glossator_mention_painter_get_label_tag          (GlossatorMentionPainter *self,
                                                                           const char              *label,
                                                                           gboolean                 nested);
/* Marks @mention (nullable) as the selected one, again after it changed. */
void                     glossator_mention_painter_show_selected          (GlossatorMentionPainter *self,
                                                                           const GlossatorMention  *mention);
/* The mention under the pointer (nullable). */
void                     glossator_mention_painter_set_hover              (GlossatorMentionPainter *self,
                                                                           const GlossatorMention  *mention);
/* Marks every mention of the entity (nullable), following its changes. */
void                     glossator_mention_painter_set_highlighted_entity (GlossatorMentionPainter *self,
                                                                           const char              *entity_id);
/* Marks the search matches (nullable: none; the array is kept), a few
 * thousand at once and the rest in idle time, and the current one
 * (nullable). */
void                     glossator_mention_painter_show_search_hits       (GlossatorMentionPainter *self,
                                                                           GArray                  *hits);
void                     glossator_mention_painter_show_search_current    (GlossatorMentionPainter *self,
                                                                           const GlossatorSearchHit *hit);
/* What the text view draws over the text (glossator-mention-text.c)
 * comes from here; "marks-changed" says when to draw it again. */
GlossatorDocument       *glossator_mention_painter_get_document           (GlossatorMentionPainter *self);
GlossatorSchema         *glossator_mention_painter_get_schema             (GlossatorMentionPainter *self);
/* The selected mention's id, or NULL. */
const char              *glossator_mention_painter_get_selected           (GlossatorMentionPainter *self);
gboolean                 glossator_mention_painter_get_dark               (GlossatorMentionPainter *self);

/* Whether a text of @length code points shows @fragment: orphaned spans
 * have no trustworthy offsets (the entities panel lists them). */
static inline gboolean
glossator_fragment_is_shown (const GlossatorSpan *fragment,
                             guint                length)
{
  return !fragment->orphaned && fragment->start < fragment->end && fragment->end <= length;
}

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-mention-text"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glossator-colors.h"
#include "glossator-interval-index.h"
#include "glossator-label-palette.h"
#include "glossator-mention-text-private.h"
#include "glossator-stances-panel.h"

/* A margin bar: its width (the shown stance's is wider), the space
 * between lanes and between the innermost lane and the text. */
#define BAR_WIDTH 4
#define BAR_WIDTH_SHOWN 7
#define LANE_GAP 3
#define TEXT_GAP 10
/* Of the evidence outline, the end outlines and the connector. */
#define LINE_WIDTH 2
#define MARKER_PADDING 5
#define MARKER_INSET 6

typedef struct {
  GlossatorStance *stance;
  guint            evidence;
} EvidenceRef;

struct _GlossatorStanceMarks {
  GlossatorMentionText   *view;      /* owns this */
  GlossatorDocument      *document;  /* the one indexed */
  GlossatorIntervalIndex *index;     /* evidence spans → EvidenceRef */
  GPtrArray              *stances;   /* the stances indexed, held */
  EvidenceRef            *refs;
  gboolean                dirty;
  char                   *shown;
  /* The shown stance's holder and target mentions: finding them lists
   * their entities' mentions, once per change rather than per frame. */
  char                   *end_ids[2];
  gboolean                ends_dirty;
  /* Jumping to the shown stance's ends and back */
  gboolean                jumping;
  guint                   jump_back;  /* the line at the top of the view, back to */
  guint                   jump_step;
  guint                   jump_offsets[2];
  guint                   n_jumps;
};

static GlossatorDocument *
get_document (GlossatorStanceMarks *self)
{
  GlossatorMentionPainter *painter = _glossator_mention_text_get_painter (self->view);

  return painter != NULL ? glossator_mention_painter_get_document (painter) : NULL;
}

static gboolean
is_dark (GlossatorStanceMarks *self)
{
  GlossatorMentionPainter *painter = _glossator_mention_text_get_painter (self->view);

  return painter != NULL && glossator_mention_painter_get_dark (painter);
}

static void
polarity_rgba (GlossatorStanceMarks  *self,
               const GlossatorStance *stance,
               GdkRGBA               *rgba)
{
  GlossatorMentionPainter *painter = _glossator_mention_text_get_painter (self->view);
  GlossatorSchema *schema = painter != NULL ? glossator_mention_painter_get_schema (painter) : NULL;

  /* Without a polarity: the neutral grey of an unknown colour. */
  glossator_label_color_parse (schema != NULL && stance->polarity != NULL
                               ? glossator_schema_color_for_polarity (schema, stance->polarity) : NULL,
                               rgba);
}

/* The index of evidence spans */

static void
stance_changed_cb (GlossatorStanceMarks *self)
{
  self->dirty = TRUE;
  self->ends_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self->view));
}

static void
ends_changed_cb (GlossatorStanceMarks *self)
{
  self->ends_dirty = TRUE;
}

static void
forget_document (GlossatorStanceMarks *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  glossator_interval_index_clear (self->index);
  g_ptr_array_set_size (self->stances, 0);
  g_clear_pointer (&self->refs, g_free);
  self->dirty = TRUE;
  self->ends_dirty = TRUE;
}

/* Rebuilt after stances changed, when next drawn: a load or an undo of
 * many changes costs one rebuild. */
static GlossatorIntervalIndex *
ensure_index (GlossatorStanceMarks *self)
{
  GlossatorDocument *document = get_document (self);
  g_autoptr(GPtrArray) stances = NULL;
  guint n_refs = 0, r = 0, length;

  if (document != self->document)
    {
      forget_document (self);
      if (document != NULL)
        {
          self->document = g_object_ref (document);
          g_signal_connect_swapped (document, "stance-changed", G_CALLBACK (stance_changed_cb), self);
          /* The mention changed may be an end, or become a nearer one. */
          g_signal_connect_swapped (document, "mention-changed", G_CALLBACK (ends_changed_cb), self);
          g_signal_connect_swapped (document, "entity-changed", G_CALLBACK (ends_changed_cb), self);
        }
    }
  if (!self->dirty || document == NULL)
    return self->index;

  glossator_interval_index_clear (self->index);
  g_ptr_array_set_size (self->stances, 0);
  g_clear_pointer (&self->refs, g_free);
  length = glossator_text_get_length (glossator_document_get_text (document));
  stances = glossator_document_list_stances (document);
  for (guint i = 0; i < stances->len; i++)
    n_refs += ((GlossatorStance *) stances->pdata[i])->n_evidence;
  self->refs = g_new0 (EvidenceRef, MAX (n_refs, 1));
  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = stances->pdata[i];

      g_ptr_array_add (self->stances, glossator_stance_ref (stance));
      for (guint j = 0; j < stance->n_evidence; j++)
        if (glossator_fragment_is_shown (&stance->evidence[j], length))
          {
            self->refs[r] = (EvidenceRef) { stance, j };
            glossator_interval_index_append (self->index, stance->evidence[j].start, stance->evidence[j].end,
                                             &self->refs[r]);
            r++;
          }
    }
  self->dirty = FALSE;
  return self->index;
}

/* Margin marks */

static int
mark_compare (gconstpointer a,
              gconstpointer b)
{
  const GlossatorStanceMark *ma = a, *mb = b;

  if (ma->area.y != mb->area.y)
    return ma->area.y < mb->area.y ? -1 : 1;
  if (ma->area.height != mb->area.height)
    return ma->area.height > mb->area.height ? -1 : 1;
  return g_strcmp0 (ma->stance->id, mb->stance->id);
}

static void
mark_clear (gpointer data)
{
  GlossatorStanceMark *mark = data;

  g_clear_pointer (&mark->stance, glossator_stance_unref);
}

static GArray *
list_marks (GlossatorStanceMarks *self)
{
  GArray *marks = g_array_new (FALSE, TRUE, sizeof (GlossatorStanceMark));
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();
  g_autoptr(GArray) lane_ends = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GPtrArray) lane_stances = g_ptr_array_new ();
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  guint start, end, length;
  int right, max_lanes;

  g_array_set_clear_func (marks, mark_clear);
  if (get_document (self) == NULL || !gtk_widget_get_realized (GTK_WIDGET (self->view)))
    return marks;
  ensure_index (self);
  length = glossator_text_get_length (glossator_document_get_text (self->document));
  _glossator_mention_text_get_visible_range (self->view, &start, &end);
  end = MIN (end, length);
  if (start >= end)
    return marks;
  glossator_interval_index_query_range (self->index, start, end, hits);

  for (guint i = 0; i < hits->len; i++)
    {
      const EvidenceRef *ref = hits->pdata[i];
      const GlossatorSpan *span = &ref->stance->evidence[ref->evidence];
      g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
      const GdkRectangle *first, *last;
      GlossatorStanceMark mark = { 0 };

      /* Only the part in view is laid out: evidence may span pages. */
      _glossator_mention_text_add_fragment_areas (self->view, MAX (span->start, start), MIN (span->end, end), areas);
      if (areas->len == 0)
        continue;
      first = &g_array_index (areas, GdkRectangle, 0);
      last = &g_array_index (areas, GdkRectangle, areas->len - 1);
      mark.stance = glossator_stance_ref (ref->stance);
      mark.evidence = ref->evidence;
      mark.area.y = first->y;
      mark.area.height = last->y + last->height - first->y;
      polarity_rgba (self, ref->stance, &mark.color);
      g_array_append_val (marks, mark);
    }

  /* Lanes: each mark in the lane nearest the text free at its top. */
  g_array_sort (marks, mark_compare);
  right = gtk_text_view_get_left_margin (view) - TEXT_GAP;
  max_lanes = MAX (1, (right - BAR_WIDTH_SHOWN) / (BAR_WIDTH + LANE_GAP) + 1);
  for (guint i = 0; i < marks->len; i++)
    {
      GlossatorStanceMark *mark = &g_array_index (marks, GlossatorStanceMark, i);
      gboolean shown = g_strcmp0 (mark->stance->id, self->shown) == 0;
      int width = shown ? BAR_WIDTH_SHOWN : BAR_WIDTH;
      guint lane = 0;

      /* A stance's spans share a lane: one bar where they meet. */
      while (lane < lane_ends->len && g_array_index (lane_ends, int, lane) > mark->area.y &&
             lane_stances->pdata[lane] != mark->stance)
        lane++;
      if (lane == lane_ends->len)
        {
          g_array_append_val (lane_ends, mark->area.y);
          g_ptr_array_add (lane_stances, NULL);
        }
      g_array_index (lane_ends, int, lane) = MAX (g_array_index (lane_ends, int, lane),
                                                  mark->area.y + mark->area.height);
      lane_stances->pdata[lane] = mark->stance;
      /* Past the margin's room, the outermost lane is shared. */
      mark->lane = MIN (lane, (guint) max_lanes - 1);
      mark->area.x = right - (int) mark->lane * (BAR_WIDTH + LANE_GAP) - BAR_WIDTH - (width - BAR_WIDTH) / 2;
      mark->area.width = width;
    }
  return marks;
}

GArray *
glossator_mention_text_list_stance_marks (GlossatorMentionText *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  return list_marks (_glossator_mention_text_get_stance_marks (self));
}

static const GlossatorStanceMark *
mark_at (GArray *marks,
         int     x,
         int     y)
{
  const GlossatorStanceMark *best = NULL;
  int best_distance = G_MAXINT;

  /* A thin bar is hard to hit: a few pixels either side count. */
  for (guint i = 0; i < marks->len; i++)
    {
      const GlossatorStanceMark *mark = &g_array_index (marks, GlossatorStanceMark, i);
      int distance = ABS (x - (mark->area.x + mark->area.width / 2));

      if (y >= mark->area.y && y < mark->area.y + mark->area.height &&
          distance <= mark->area.width / 2 + LANE_GAP && distance < best_distance)
        {
          best = mark;
          best_distance = distance;
        }
    }
  return best;
}

char *
glossator_mention_text_dup_stance_mark_text (GlossatorMentionText *self,
                                             int                   x,
                                             int                   y)
{
  GlossatorStanceMarks *marks;
  g_autoptr(GArray) list = NULL;
  const GlossatorStanceMark *mark;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  marks = _glossator_mention_text_get_stance_marks (self);
  list = list_marks (marks);
  mark = mark_at (list, x, y);
  return mark != NULL ? glossator_stance_dup_summary (mark->stance, marks->document) : NULL;
}

/* The shown stance */

/* The entity's mention in [start, end), else the one nearest to it. */
static GlossatorMention *
end_mention (GlossatorDocument *document,
             const char        *entity_id,
             guint              start,
             guint              end)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_entity_mentions (document, entity_id);
  GlossatorMention *nearest = NULL;
  guint best = G_MAXUINT;

  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      guint m_start = glossator_mention_get_start (mention);
      guint m_end = glossator_mention_get_end (mention);
      guint distance;

      if (glossator_mention_is_orphaned (mention))
        continue;
      if (m_start < end && m_end > start)
        return glossator_document_get_mention (document, mention->id);
      distance = m_end <= start ? start - m_end : m_start - end;
      if (distance < best)
        {
          best = distance;
          nearest = mention;
        }
    }
  return nearest != NULL ? glossator_document_get_mention (document, nearest->id) : NULL;
}

static PangoLayout *
marker_layout (GlossatorStanceMarks *self,
               const char           *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self->view), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static char *
marker_text (const GlossatorStanceEnd *end,
             gboolean                  holder)
{
  const char *arrow = end->place == GLOSSATOR_STANCE_END_ABOVE ? "↑" : "↓";

  return holder
    /* Translators: a marker at the edge of the text: an arrow, the stance's holder */
    ? g_strdup_printf (_("%s Holder: %s"), arrow, end->name)
    /* Translators: a marker at the edge of the text: an arrow, the stance's target */
    : g_strdup_printf (_("%s Target: %s"), arrow, end->name);
}

static void
place_end (GlossatorStanceMarks *self,
           GlossatorStanceEnd   *end,
           const GdkRectangle   *visible)
{
  g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  guint length = glossator_text_get_length (glossator_document_get_text (self->document));

  if (end->mention == NULL)
    return;
  for (guint i = 0; i < end->mention->n_fragments && areas->len == 0; i++)
    if (glossator_fragment_is_shown (&end->mention->fragments[i], length))
      _glossator_mention_text_add_fragment_areas (self->view, end->mention->fragments[i].start,
                                                  end->mention->fragments[i].end, areas);
  if (areas->len == 0)
    {
      end->mention = NULL;
      return;
    }
  end->area = g_array_index (areas, GdkRectangle, 0);
  if (end->area.y + end->area.height <= visible->y)
    end->place = GLOSSATOR_STANCE_END_ABOVE;
  else if (end->area.y >= visible->y + visible->height)
    end->place = GLOSSATOR_STANCE_END_BELOW;
  else
    {
      end->place = GLOSSATOR_STANCE_END_ON_SCREEN;
      /* Towards the right end of its top: the label chip sits at the left. */
      end->anchor = GRAPHENE_POINT_INIT (end->area.x + end->area.width - MIN (end->area.width / 4.0f, 8.0f),
                                         end->area.y - 1);
    }
}

/* Markers for the ends out of view, side by side along their edge. */
static void
place_markers (GlossatorStanceMarks *self,
               GlossatorStanceLink  *link,
               const GdkRectangle   *visible)
{
  GlossatorStanceEnd *ends[2] = { &link->holder, &link->target };
  int left = gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self->view));
  int next_x[2] = { visible->x + left, visible->x + left };

  for (guint i = 0; i < 2; i++)
    {
      GlossatorStanceEnd *end = ends[i];
      g_autofree char *text = NULL;
      g_autoptr(PangoLayout) layout = NULL;
      gboolean below = end->place == GLOSSATOR_STANCE_END_BELOW;
      int width, height;

      if (end->place != GLOSSATOR_STANCE_END_ABOVE && !below)
        continue;
      text = marker_text (end, i == 0);
      layout = marker_layout (self, text);
      pango_layout_get_pixel_size (layout, &width, &height);
      end->marker.width = width + 2 * MARKER_PADDING;
      end->marker.height = height + MARKER_PADDING;
      end->marker.x = next_x[below];
      end->marker.y = below ? visible->y + visible->height - end->marker.height - MARKER_INSET
                            : visible->y + MARKER_INSET;
      next_x[below] += end->marker.width + MARKER_INSET;
      end->anchor = GRAPHENE_POINT_INIT (end->marker.x + end->marker.width / 2.0,
                                         below ? end->marker.y : end->marker.y + end->marker.height);
    }
}

static void
get_link (GlossatorStanceMarks *self,
          GlossatorStanceLink  *link)
{
  GlossatorDocument *document = get_document (self);
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  GlossatorStance *stance;
  GdkRectangle visible;
  guint start = G_MAXUINT, end = 0, length, vstart, vend;

  memset (link, 0, sizeof *link);
  link->evidence = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  if (self->shown == NULL || document == NULL || !gtk_widget_get_realized (GTK_WIDGET (view)) ||
      (stance = glossator_document_get_stance (document, self->shown)) == NULL)
    return;
  ensure_index (self);
  link->stance = glossator_stance_ref (stance);
  polarity_rgba (self, stance, &link->color);

  length = glossator_text_get_length (glossator_document_get_text (document));
  _glossator_mention_text_get_visible_range (self->view, &vstart, &vend);
  for (guint i = 0; i < stance->n_evidence; i++)
    {
      const GlossatorSpan *span = &stance->evidence[i];

      if (!glossator_fragment_is_shown (span, length))
        continue;
      start = MIN (start, span->start);
      end = MAX (end, span->end);
      if (span->start < vend && span->end > vstart)
        _glossator_mention_text_add_fragment_areas (self->view, MAX (span->start, vstart),
                                                    MIN (span->end, vend), link->evidence);
    }
  if (start == G_MAXUINT)
    start = end = 0;

  if (self->ends_dirty)
    {
      GlossatorMention *holder = NULL, *target = NULL;

      if (stance->holder_kind == GLOSSATOR_HOLDER_ENTITY)
        holder = end_mention (document, stance->holder_entity, start, end);
      if (stance->target_kind == GLOSSATOR_TARGET_ENTITY && stance->target != NULL)
        target = end_mention (document, stance->target, start, end);
      g_free (self->end_ids[0]);
      g_free (self->end_ids[1]);
      self->end_ids[0] = holder != NULL ? g_strdup (holder->id) : NULL;
      self->end_ids[1] = target != NULL ? g_strdup (target->id) : NULL;
      self->ends_dirty = FALSE;
    }
  if (self->end_ids[0] != NULL && (link->holder.mention = glossator_document_get_mention (document, self->end_ids[0])) != NULL)
    glossator_mention_ref (link->holder.mention);
  if (self->end_ids[1] != NULL && (link->target.mention = glossator_document_get_mention (document, self->end_ids[1])) != NULL)
    glossator_mention_ref (link->target.mention);
  link->holder.name = glossator_stance_dup_holder_name (stance, document);
  link->target.name = glossator_stance_dup_target_name (stance, document);

  gtk_text_view_get_visible_rect (view, &visible);
  place_end (self, &link->holder, &visible);
  place_end (self, &link->target, &visible);
  place_markers (self, link, &visible);

  /* Joined when both are mentions and one at least is in view; the curve
   * rises above both ends, like brat's arcs, or bends towards a marker. */
  link->connected = link->holder.place != GLOSSATOR_STANCE_END_NONE &&
                    link->target.place != GLOSSATOR_STANCE_END_NONE &&
                    (link->holder.place == GLOSSATOR_STANCE_END_ON_SCREEN ||
                     link->target.place == GLOSSATOR_STANCE_END_ON_SCREEN) &&
                    link->holder.mention != link->target.mention;
  if (link->connected)
    {
      graphene_point_t *a = &link->holder.anchor, *b = &link->target.anchor;

      if (link->holder.place == GLOSSATOR_STANCE_END_ON_SCREEN &&
          link->target.place == GLOSSATOR_STANCE_END_ON_SCREEN)
        {
          float lift = CLAMP (fabsf (b->x - a->x) / 5.0f, 18.0f, 60.0f);
          float top = MIN (a->y, b->y) - lift;

          link->control1 = GRAPHENE_POINT_INIT (a->x, top);
          link->control2 = GRAPHENE_POINT_INIT (b->x, top);
        }
      else
        {
          float middle = (a->y + b->y) / 2.0f;

          link->control1 = GRAPHENE_POINT_INIT (a->x, middle);
          link->control2 = GRAPHENE_POINT_INIT (b->x, middle);
        }
    }
}

void
glossator_mention_text_get_stance_link (GlossatorMentionText *self,
                                        GlossatorStanceLink  *link)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));
  g_return_if_fail (link != NULL);

  get_link (_glossator_mention_text_get_stance_marks (self), link);
}

static void
end_clear (GlossatorStanceEnd *end)
{
  g_clear_pointer (&end->mention, glossator_mention_unref);
  g_clear_pointer (&end->name, g_free);
}

void
glossator_stance_link_clear (GlossatorStanceLink *link)
{
  g_return_if_fail (link != NULL);

  g_clear_pointer (&link->stance, glossator_stance_unref);
  end_clear (&link->holder);
  end_clear (&link->target);
  g_clear_pointer (&link->evidence, g_array_unref);
}

void
glossator_mention_text_show_stance (GlossatorMentionText *self,
                                    const char           *stance_id)
{
  GlossatorStanceMarks *marks;

  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));

  marks = _glossator_mention_text_get_stance_marks (self);
  if (g_strcmp0 (marks->shown, stance_id) == 0)
    return;
  g_free (marks->shown);
  marks->shown = g_strdup (stance_id);
  marks->jumping = FALSE;
  marks->ends_dirty = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const char *
glossator_mention_text_get_shown_stance (GlossatorMentionText *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  return _glossator_mention_text_get_stance_marks (self)->shown;
}

void
glossator_mention_text_scroll_to (GlossatorMentionText *self,
                                  guint                 offset,
                                  double                yalign)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer;
  GtkTextMark *mark;
  GtkTextTag *tag;
  GtkTextIter iter, next;

  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));

  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  mark = gtk_text_buffer_get_mark (buffer, "glossator-scroll-target");
  if (mark == NULL)
    mark = gtk_text_buffer_create_mark (buffer, "glossator-scroll-target", &iter, TRUE);
  else
    gtk_text_buffer_move_mark (buffer, mark, &iter);
  /* A mark, not an iter: the lines in between may not be laid out yet. */
  gtk_text_view_scroll_to_mark (view, mark, yalign < 0 ? 0.05 : 0.0, yalign >= 0, 0.0, MAX (yalign, 0.0));

  /* GtkTextView performs a scroll to a mark once it lays out lines again,
   * which drawing a stance never asks for: a tag that leaves the line as
   * it is but counts as changing its size, put on and taken off, does. */
  tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), "glossator-scroll-target");
  if (tag == NULL)
    tag = gtk_text_buffer_create_tag (buffer, "glossator-scroll-target", "invisible", FALSE, NULL);
  next = iter;
  if (!gtk_text_iter_forward_char (&next))
    gtk_text_iter_backward_char (&iter);
  gtk_text_buffer_apply_tag (buffer, tag, &iter, &next);
  gtk_text_buffer_remove_tag (buffer, tag, &iter, &next);
}

static guint
top_line_offset (GlossatorMentionText *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle visible, rect;
  GtkTextIter iter;

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &iter, visible.x, visible.y);
  gtk_text_view_backward_display_line_start (view, &iter);
  gtk_text_view_get_iter_location (view, &iter, &rect);
  /* The first display line wholly in view. */
  if (rect.y < visible.y)
    gtk_text_view_forward_display_line (view, &iter);
  return gtk_text_iter_get_offset (&iter);
}

char *
glossator_mention_text_jump_stance_end (GlossatorMentionText *self)
{
  GlossatorStanceMarks *marks;
  GlossatorStanceLink link;
  g_autofree char *message = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  marks = _glossator_mention_text_get_stance_marks (self);
  get_link (marks, &link);
  if (link.stance == NULL)
    {
      glossator_stance_link_clear (&link);
      return NULL;
    }

  if (!marks->jumping)
    {
      GlossatorStanceEnd *ends[2] = { &link.holder, &link.target };

      marks->n_jumps = 0;
      for (guint i = 0; i < 2; i++)
        if (ends[i]->place == GLOSSATOR_STANCE_END_ABOVE || ends[i]->place == GLOSSATOR_STANCE_END_BELOW)
          marks->jump_offsets[marks->n_jumps++] = i;
      if (marks->n_jumps == 0)
        {
          glossator_stance_link_clear (&link);
          return NULL;
        }
      marks->jumping = TRUE;
      marks->jump_step = 0;
      /* A line, not pixels: lines laid out meanwhile change the heights. */
      marks->jump_back = top_line_offset (self);
    }
  else
    marks->jump_step++;

  if (marks->jump_step < marks->n_jumps)
    {
      gboolean holder = marks->jump_offsets[marks->jump_step] == 0;
      GlossatorStanceEnd *end = holder ? &link.holder : &link.target;

      if (end->mention != NULL)
        glossator_mention_text_scroll_to (self, glossator_mention_get_start (end->mention), 0.3);
      message = holder
        /* Translators: announced when a key scrolls to a stance's holder */
        ? g_strdup_printf (_("Holder: %s"), end->name)
        /* Translators: announced when a key scrolls to a stance's target */
        : g_strdup_printf (_("Target: %s"), end->name);
    }
  else
    {
      marks->jumping = FALSE;
      glossator_mention_text_scroll_to (self, marks->jump_back, 0.0);
      /* Translators: announced when a key scrolls back to a stance's evidence */
      message = g_strdup (_("Back to the evidence"));
    }
  glossator_stance_link_clear (&link);
  return g_steal_pointer (&message);
}

/* Drawing */

/* The union of the evidence lines, outlined: each line filled in the
 * polarity's colour a little larger, then in the background's exact
 * size, below the text, so that label tints and the text selection still
 * show over it. Lines reach down to the next one, making one shape. */
static void
snapshot_evidence (GlossatorStanceMarks      *self,
                   const GlossatorStanceLink *link,
                   GtkSnapshot               *snapshot)
{
  GdkRGBA background;
  guint n = link->evidence->len;
  g_autofree graphene_rect_t *rects = g_new0 (graphene_rect_t, MAX (n, 1));
  /* The leading below a line holds its nesting underlines: inside. */
  int below = gtk_text_view_get_pixels_below_lines (GTK_TEXT_VIEW (self->view));

  gdk_rgba_parse (&background, glossator_view_background (is_dark (self)));
  for (guint i = 0; i < n; i++)
    {
      const GdkRectangle *a = &g_array_index (link->evidence, GdkRectangle, i);
      float bottom = a->y + a->height + MAX (below - 1, 1);

      if (i + 1 < n)
        {
          const GdkRectangle *next = &g_array_index (link->evidence, GdkRectangle, i + 1);

          /* Down to the next line where it is the next display line (the
           * gap holds underlines and chips, not a blank line) and lies
           * under this one, making one shape of the two. */
          if (next->y > a->y && next->y - (a->y + a->height) < 2 * a->height &&
              next->x < a->x + a->width && a->x < next->x + next->width)
            bottom = next->y - 2;
        }
      rects[i] = GRAPHENE_RECT_INIT (a->x - 2, a->y - 2, a->width + 4, bottom - (a->y - 2));
    }
  for (guint i = 0; i < n; i++)
    {
      graphene_rect_t outer;

      graphene_rect_inset_r (&rects[i], -LINE_WIDTH, -LINE_WIDTH, &outer);
      gtk_snapshot_append_color (snapshot, &link->color, &outer);
    }
  for (guint i = 0; i < n; i++)
    gtk_snapshot_append_color (snapshot, &background, &rects[i]);
}

void
_glossator_stance_marks_snapshot_below (GlossatorStanceMarks *self,
                                        GtkSnapshot          *snapshot)
{
  g_autoptr(GArray) marks = list_marks (self);
  GlossatorStanceLink link;

  get_link (self, &link);
  if (link.stance != NULL)
    snapshot_evidence (self, &link, snapshot);
  glossator_stance_link_clear (&link);

  for (guint i = 0; i < marks->len; i++)
    {
      const GlossatorStanceMark *mark = &g_array_index (marks, GlossatorStanceMark, i);
      GskRoundedRect bar;

      gsk_rounded_rect_init_from_rect (&bar,
                                       &GRAPHENE_RECT_INIT (mark->area.x, mark->area.y,
                                                            mark->area.width, mark->area.height),
                                       mark->area.width / 2.0f);
      gtk_snapshot_push_rounded_clip (snapshot, &bar);
      gtk_snapshot_append_color (snapshot, &mark->color, &bar.bounds);
      gtk_snapshot_pop (snapshot);
    }
}

static void
snapshot_end (const GlossatorStanceEnd *end,
              const GdkRGBA            *color,
              GtkSnapshot              *snapshot)
{
  float widths[4] = { LINE_WIDTH, LINE_WIDTH, LINE_WIDTH, LINE_WIDTH };
  GdkRGBA colors[4] = { *color, *color, *color, *color };
  GskRoundedRect outline;

  if (end->place != GLOSSATOR_STANCE_END_ON_SCREEN)
    return;
  gsk_rounded_rect_init_from_rect (&outline,
                                   /* Its bottom stops above the nesting underlines. */
                                   &GRAPHENE_RECT_INIT (end->area.x - 3, end->area.y - 2,
                                                        end->area.width + 6, end->area.height + 3),
                                   4);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
snapshot_marker (GlossatorStanceMarks     *self,
                 const GlossatorStanceEnd *end,
                 gboolean                  holder,
                 const GdkRGBA            *color,
                 const GdkRGBA            *background,
                 GtkSnapshot              *snapshot)
{
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;
  GlossatorRgb rgb = { color->red, color->green, color->blue };
  GlossatorLab lab;
  GdkRGBA ink = { 1, 1, 1, 1 };
  GskRoundedRect box;
  int width, height;

  if (end->marker.width == 0)
    return;
  text = marker_text (end, holder);
  layout = marker_layout (self, text);
  glossator_rgb_to_lab (&rgb, &lab);
  /* Dark text on light polarity colours, as on chips. */
  if (lab.l > 65)
    ink = (GdkRGBA) { 0, 0, 0, 0.87 };
  /* A rim of the background sets it off from the text it lies over. */
  gsk_rounded_rect_init_from_rect (&box,
                                   &GRAPHENE_RECT_INIT (end->marker.x - 2, end->marker.y - 2,
                                                        end->marker.width + 4, end->marker.height + 4),
                                   end->marker.height / 2.0f + 2);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, background, &box.bounds);
  gtk_snapshot_pop (snapshot);
  gsk_rounded_rect_init_from_rect (&box,
                                   &GRAPHENE_RECT_INIT (end->marker.x, end->marker.y,
                                                        end->marker.width, end->marker.height),
                                   end->marker.height / 2.0f);
  gtk_snapshot_push_rounded_clip (snapshot, &box);
  gtk_snapshot_append_color (snapshot, color, &box.bounds);
  gtk_snapshot_pop (snapshot);
  pango_layout_get_pixel_size (layout, &width, &height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot,
                          &GRAPHENE_POINT_INIT (end->marker.x + (end->marker.width - width) / 2.0f,
                                                end->marker.y + (end->marker.height - height) / 2.0f));
  gtk_snapshot_append_layout (snapshot, layout, &ink);
  gtk_snapshot_restore (snapshot);
}

static void
snapshot_connector (const GlossatorStanceLink *link,
                    GtkSnapshot               *snapshot)
{
  const graphene_point_t *p[4] = { &link->holder.anchor, &link->control1, &link->control2, &link->target.anchor };
  float x0 = G_MAXFLOAT, y0 = G_MAXFLOAT, x1 = -G_MAXFLOAT, y1 = -G_MAXFLOAT;
  float dx, dy, length, head = 8;
  cairo_t *cr;

  /* The curve lies within its points' hull. */
  for (guint i = 0; i < 4; i++)
    {
      x0 = MIN (x0, p[i]->x);
      y0 = MIN (y0, p[i]->y);
      x1 = MAX (x1, p[i]->x);
      y1 = MAX (y1, p[i]->y);
    }
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (x0 - head - 2, y0 - head - 2,
                                                                  x1 - x0 + 2 * head + 4, y1 - y0 + 2 * head + 4));
  gdk_cairo_set_source_rgba (cr, &link->color);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  cairo_move_to (cr, p[0]->x, p[0]->y);
  cairo_curve_to (cr, p[1]->x, p[1]->y, p[2]->x, p[2]->y, p[3]->x, p[3]->y);
  cairo_stroke (cr);

  /* An arrowhead at the target, along the curve's last tangent. */
  dx = p[3]->x - p[2]->x;
  dy = p[3]->y - p[2]->y;
  length = sqrtf (dx * dx + dy * dy);
  if (length > 0)
    {
      dx /= length;
      dy /= length;
      cairo_move_to (cr, p[3]->x, p[3]->y);
      cairo_line_to (cr, p[3]->x - head * dx - head / 2 * dy, p[3]->y - head * dy + head / 2 * dx);
      cairo_line_to (cr, p[3]->x - head * dx + head / 2 * dy, p[3]->y - head * dy - head / 2 * dx);
      cairo_close_path (cr);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

/* Under the chips, which stay legible where the connector crosses them. */
void
_glossator_stance_marks_snapshot_above (GlossatorStanceMarks *self,
                                        GtkSnapshot          *snapshot)
{
  GlossatorStanceLink link;

  get_link (self, &link);
  if (link.stance != NULL)
    {
      snapshot_end (&link.holder, &link.color, snapshot);
      snapshot_end (&link.target, &link.color, snapshot);
      if (link.connected)
        snapshot_connector (&link, snapshot);
    }
  glossator_stance_link_clear (&link);
}

/* Over everything: they stand for what is out of view. */
void
_glossator_stance_marks_snapshot_top (GlossatorStanceMarks *self,
                                      GtkSnapshot          *snapshot)
{
  GlossatorStanceLink link;
  GdkRGBA background;

  get_link (self, &link);
  if (link.stance != NULL &&
      (link.holder.marker.width > 0 || link.target.marker.width > 0))
    {
      gdk_rgba_parse (&background, glossator_view_background (is_dark (self)));
      snapshot_marker (self, &link.holder, TRUE, &link.color, &background, snapshot);
      snapshot_marker (self, &link.target, FALSE, &link.color, &background, snapshot);
    }
  glossator_stance_link_clear (&link);
}

/* Tooltips */

static gboolean
query_tooltip_cb (GlossatorStanceMarks *self,
                  int                   x,
                  int                   y,
                  gboolean              keyboard_mode,
                  GtkTooltip           *tooltip)
{
  GtkTextView *view = GTK_TEXT_VIEW (self->view);
  g_autoptr(GArray) marks = NULL;
  g_autofree char *text = NULL;
  GlossatorStanceLink link;
  const GlossatorStanceMark *mark;
  GdkRectangle area = { 0 };
  int bx, by;

  if (keyboard_mode || get_document (self) == NULL)
    return FALSE;
  gtk_text_view_window_to_buffer_coords (view, GTK_TEXT_WINDOW_WIDGET, x, y, &bx, &by);

  /* A marker says where it leads and how to get there. */
  get_link (self, &link);
  for (guint i = 0; i < 2 && text == NULL; i++)
    {
      const GlossatorStanceEnd *end = i == 0 ? &link.holder : &link.target;

      if (end->marker.width > 0 && bx >= end->marker.x && bx < end->marker.x + end->marker.width &&
          by >= end->marker.y && by < end->marker.y + end->marker.height)
        {
          /* Translators: tooltip of a marker at the text's edge: where the stance's holder or target is */
          text = g_strdup_printf (_("%s is out of view: Ctrl+J goes there and back"), end->name);
          area = end->marker;
        }
    }
  glossator_stance_link_clear (&link);

  if (text == NULL)
    {
      marks = list_marks (self);
      mark = mark_at (marks, bx, by);
      if (mark == NULL)
        return FALSE;
      text = glossator_stance_dup_summary (mark->stance, self->document);
      area = mark->area;
    }
  gtk_tooltip_set_text (tooltip, text);
  gtk_text_view_buffer_to_window_coords (view, GTK_TEXT_WINDOW_WIDGET, area.x, area.y, &area.x, &area.y);
  gtk_tooltip_set_tip_area (tooltip, &area);
  return TRUE;
}

GlossatorStanceMarks *
_glossator_stance_marks_new (GlossatorMentionText *view)
{
  GlossatorStanceMarks *self = g_new0 (GlossatorStanceMarks, 1);

  self->view = view;
  self->index = glossator_interval_index_new ();
  self->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_stance_unref);
  self->dirty = TRUE;
  /* Before the article view's own handler, which describes mentions. */
  g_signal_connect_swapped (view, "query-tooltip", G_CALLBACK (query_tooltip_cb), self);
  return self;
}

void
_glossator_stance_marks_free (GlossatorStanceMarks *self)
{
  g_signal_handlers_disconnect_by_data (self->view, self);
  forget_document (self);
  glossator_interval_index_free (self->index);
  g_ptr_array_unref (self->stances);
  g_free (self->shown);
  g_free (self->end_ids[0]);
  g_free (self->end_ids[1]);
  g_free (self);
}

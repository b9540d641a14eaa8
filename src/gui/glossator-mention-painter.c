/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-mention-painter"

#include "config.h"

#include <adwaita.h>

#include "glossator-colors.h"
#include "glossator-label-palette.h"
#include "glossator-mention-painter.h"

/* Mention tags are (re)built per region of this many code points. */
#define CHUNK_CHARS 16384
/* Time one idle step may spend building tags. */
#define BUILD_BUDGET_USEC 8000
/* Search hits tagged at once; more are tagged in idle steps. */
#define SEARCH_SYNC_HITS 2000

typedef struct {
  guint start;
  guint end;
} Range;

typedef struct {
  GtkTextTag *base;     /* tint of every mention with the label */
  GtkTextTag *nested;   /* stronger tint + underline where it is the inner one */
  char       *color;
} LabelTags;

struct _GlossatorMentionPainter {
  GObject            parent_instance;

  GtkTextBuffer     *buffer;
  GlossatorDocument *document;
  GlossatorSchema   *schema;
  guint              length;

  GHashTable        *label_tags;    /* name → LabelTags */
  guint              n_label_tags;
  GtkTextTag        *hover_tag;
  GtkTextTag        *highlight_tag;
  GtkTextTag        *search_hit_tag;
  GtkTextTag        *search_current_tag;
  GtkTextTag        *selected_tag;

  GArray            *selected_ranges;
  char              *selected_mention;
  char              *hover_mention;
  GArray            *hover_ranges;
  char              *highlighted_entity;
  GArray            *highlight_ranges;
  guint              highlight_idle;

  guint8            *chunk_done;
  guint              n_chunks;
  guint              n_chunks_done;
  guint              next_chunk;
  guint              build_idle;

  GArray            *search_hits;
  guint              search_tagged;
  guint              search_idle;
  Range              search_current;
  gboolean           has_search_current;

  gboolean           dark;
};

G_DEFINE_FINAL_TYPE (GlossatorMentionPainter, glossator_mention_painter, G_TYPE_OBJECT)

enum {
  MARKS_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
marks_changed (GlossatorMentionPainter *self)
{
  g_signal_emit (self, signals[MARKS_CHANGED], 0);
}

/* Colours */

/* @extra: opacity added to the label's base tint (glossator-colors.c). */
static void
set_tag_tint (GlossatorMentionPainter *self,
              GtkTextTag              *tag,
              const char              *color,
              double                   extra)
{
  GdkRGBA rgba;

  glossator_label_color_parse (color, &rgba);
  rgba.alpha = MIN (1.0, glossator_label_tint_alpha (self->dark, FALSE) + extra);
  g_object_set (tag, "background-rgba", &rgba, NULL);
}

static void
mark_rgba (GlossatorMentionPainter *self,
           GlossatorMark            mark,
           GdkRGBA                 *rgba)
{
  gdk_rgba_parse (rgba, glossator_mark_color (mark, self->dark));
}

static void
style_label_tags (GlossatorMentionPainter *self,
                  LabelTags               *tags)
{
  /* Nesting levels are drawn as stacked underlines by the text view. */
  set_tag_tint (self, tags->base, tags->color, 0.0);
  set_tag_tint (self, tags->nested, tags->color,
                glossator_label_tint_alpha (self->dark, TRUE) - glossator_label_tint_alpha (self->dark, FALSE));
}

static void
style_fixed_tags (GlossatorMentionPainter *self)
{
  GdkRGBA hit, current, white = { 1, 1, 1, 1 };

  mark_rgba (self, GLOSSATOR_MARK_SEARCH_HIT, &hit);
  mark_rgba (self, GLOSSATOR_MARK_SEARCH_CURRENT, &current);

  /* The selected mention is outlined by the text view. */
  g_object_set (self->highlight_tag,
                "overline", PANGO_OVERLINE_SINGLE,
                NULL);
  /* Matches are lines, never a fill that could pass for a label's tint;
   * the current one is a strong fill. (GTK 4.8 frees a tag's
   * overline-rgba twice: no coloured overline.) */
  g_object_set (self->search_hit_tag,
                "underline", PANGO_UNDERLINE_DOUBLE,
                "underline-rgba", &hit,
                NULL);
  g_object_set (self->search_current_tag,
                "background-rgba", &current,
                "foreground-rgba", &white,
                NULL);
}

static const char *
label_color (GlossatorMentionPainter *self,
             const char              *label)
{
  return self->schema != NULL ? glossator_schema_color_for_label (self->schema, label) : NULL;
}

static void
label_tags_free (gpointer data)
{
  LabelTags *tags = data;

  g_free (tags->color);
  g_free (tags);
}

/* Label tags sit below the fixed ones: bases, then nested, then hover and
 * the rest, whatever order labels first appear in. */
static LabelTags *
ensure_label_tags (GlossatorMentionPainter *self,
                   const char              *label)
{
  LabelTags *tags = g_hash_table_lookup (self->label_tags, label);
  guint n = self->n_label_tags;

  if (tags != NULL)
    return tags;

  tags = g_new0 (LabelTags, 1);
  tags->color = g_strdup (label_color (self, label));
  tags->base = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  gtk_text_tag_set_priority (tags->base, n);
  tags->nested = gtk_text_buffer_create_tag (self->buffer, NULL, NULL);
  gtk_text_tag_set_priority (tags->nested, 2 * n + 1);
  style_label_tags (self, tags);
  g_hash_table_insert (self->label_tags, g_strdup (label), tags);
  self->n_label_tags++;

  return tags;
}

static void
drop_label_tags (GlossatorMentionPainter *self)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (self->buffer);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->label_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      LabelTags *tags = value;

      gtk_text_tag_table_remove (table, tags->base);
      gtk_text_tag_table_remove (table, tags->nested);
    }
  g_hash_table_remove_all (self->label_tags);
  self->n_label_tags = 0;
}

static void
dark_changed_cb (GlossatorMentionPainter *self)
{
  GHashTableIter iter;
  gpointer value;

  self->dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  g_hash_table_iter_init (&iter, self->label_tags);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    style_label_tags (self, value);
  style_fixed_tags (self);
  marks_changed (self);
}

/* Offsets */

static void
iter_at (GlossatorMentionPainter *self,
         GtkTextIter             *iter,
         guint                    offset)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, iter, (int) MIN (offset, self->length));
}

static void
apply_tag (GlossatorMentionPainter *self,
           GtkTextTag              *tag,
           guint                    start,
           guint                    end)
{
  GtkTextIter a, b;

  iter_at (self, &a, start);
  iter_at (self, &b, end);
  gtk_text_buffer_apply_tag (self->buffer, tag, &a, &b);
}

static void
remove_tag (GlossatorMentionPainter *self,
            GtkTextTag              *tag,
            guint                    start,
            guint                    end)
{
  GtkTextIter a, b;

  iter_at (self, &a, start);
  iter_at (self, &b, end);
  gtk_text_buffer_remove_tag (self->buffer, tag, &a, &b);
}

/* Mention tags */

typedef struct {
  guint             position;
  gboolean          is_start;
  guint             fragment_start;
  guint             fragment_length;
  LabelTags        *tags;
} Edge;

static int
edge_compare (gconstpointer a,
              gconstpointer b)
{
  const Edge *ea = a, *eb = b;

  if (ea->position != eb->position)
    return ea->position < eb->position ? -1 : 1;
  /* Ends before starts, so touching mentions do not count as nested. */
  return (int) ea->is_start - (int) eb->is_start;
}

static gboolean
is_inner (const Edge *candidate,
          const Edge *than)
{
  if (candidate->fragment_length != than->fragment_length)
    return candidate->fragment_length < than->fragment_length;
  return candidate->fragment_start >= than->fragment_start;
}

/* Where two or more fragments overlap, the innermost one gets its label's
 * nested tag; adjacent pieces with the same tag are applied as one. */
static void
apply_nesting (GlossatorMentionPainter *self,
               GArray                  *edges)
{
  g_autoptr(GPtrArray) active = g_ptr_array_new ();
  GtkTextTag *pending = NULL;
  guint pending_start = 0, pending_end = 0, previous = 0;

  g_array_sort (edges, edge_compare);
  for (guint i = 0; i < edges->len; i++)
    {
      Edge *edge = &g_array_index (edges, Edge, i);

      if (edge->position > previous && active->len >= 2)
        {
          const Edge *inner = active->pdata[0];
          GtkTextTag *tag;

          for (guint j = 1; j < active->len; j++)
            if (is_inner (active->pdata[j], inner))
              inner = active->pdata[j];
          tag = inner->tags->nested;

          if (pending == tag && pending_end == previous)
            pending_end = edge->position;
          else
            {
              if (pending != NULL)
                apply_tag (self, pending, pending_start, pending_end);
              pending = tag;
              pending_start = previous;
              pending_end = edge->position;
            }
        }

      if (edge->is_start)
        g_ptr_array_add (active, edge);
      else
        for (guint j = 0; j < active->len; j++)
          {
            const Edge *open = active->pdata[j];

            if (open->fragment_start == edge->fragment_start &&
                open->fragment_length == edge->fragment_length &&
                open->tags == edge->tags)
              {
                g_ptr_array_remove_index_fast (active, j);
                break;
              }
          }
      previous = edge->position;
    }

  if (pending != NULL)
    apply_tag (self, pending, pending_start, pending_end);
}

/* Makes the mention tags in [start, end) match the document. @clear is
 * FALSE only for regions known to carry no mention tag yet. */
static void
refresh_range (GlossatorMentionPainter *self,
               guint                    start,
               guint                    end,
               gboolean                 clear)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GArray) edges = NULL;

  end = MIN (end, self->length);
  if (start >= end)
    return;

  if (clear)
    {
      GHashTableIter iter;
      gpointer value;
      GtkTextIter a, b;

      iter_at (self, &a, start);
      iter_at (self, &b, end);
      g_hash_table_iter_init (&iter, self->label_tags);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          LabelTags *tags = value;

          gtk_text_buffer_remove_tag (self->buffer, tags->base, &a, &b);
          gtk_text_buffer_remove_tag (self->buffer, tags->nested, &a, &b);
        }
    }

  mentions = glossator_document_mentions_in_range (self->document, start, end);
  edges = g_array_sized_new (FALSE, FALSE, sizeof (Edge), mentions->len * 2);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      LabelTags *tags = NULL;

      for (guint j = 0; j < mention->n_fragments; j++)
        {
          const GlossatorSpan *f = &mention->fragments[j];
          guint s = MAX (f->start, start), e = MIN (f->end, end);
          Edge edge = { 0, TRUE, f->start, f->end - f->start, NULL };

          if (!glossator_fragment_is_shown (f, self->length) || s >= e)
            continue;
          if (tags == NULL)
            tags = ensure_label_tags (self, mention->label);
          apply_tag (self, tags->base, s, e);

          edge.tags = tags;
          edge.position = s;
          g_array_append_val (edges, edge);
          edge.position = e;
          edge.is_start = FALSE;
          g_array_append_val (edges, edge);
        }
    }

  if (edges->len > 2)
    apply_nesting (self, edges);
}

static void
build_chunk (GlossatorMentionPainter *self,
             guint                    chunk)
{
  g_assert (chunk < self->n_chunks);

  if (self->chunk_done[chunk])
    return;
  /* Edits refresh their own regions, so a chunk never holds stale tags. */
  refresh_range (self, chunk * CHUNK_CHARS, (chunk + 1) * CHUNK_CHARS, FALSE);
  self->chunk_done[chunk] = TRUE;
  self->n_chunks_done++;
}

static void
stop_building (GlossatorMentionPainter *self)
{
  g_clear_handle_id (&self->build_idle, g_source_remove);
  g_clear_pointer (&self->chunk_done, g_free);
  self->n_chunks = self->n_chunks_done = self->next_chunk = 0;
}

static gboolean
build_idle_cb (gpointer user_data)
{
  GlossatorMentionPainter *self = user_data;
  gint64 deadline = g_get_monotonic_time () + BUILD_BUDGET_USEC;

  while (self->n_chunks_done < self->n_chunks && g_get_monotonic_time () < deadline)
    {
      while (self->chunk_done[self->next_chunk])
        self->next_chunk++;
      build_chunk (self, self->next_chunk);
    }

  if (self->n_chunks_done < self->n_chunks)
    return G_SOURCE_CONTINUE;

  self->build_idle = 0;
  g_debug ("All mention tags built");
  return G_SOURCE_REMOVE;
}

/* Tags that follow one mention or one entity */

static void
clear_ranges (GlossatorMentionPainter *self,
              GtkTextTag              *tag,
              GArray                  *ranges)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const Range *r = &g_array_index (ranges, Range, i);

      remove_tag (self, tag, r->start, r->end);
    }
  g_array_set_size (ranges, 0);
}

static void
add_mention_ranges (GlossatorMentionPainter *self,
                    GtkTextTag              *tag,
                    GArray                  *ranges,
                    const GlossatorMention  *mention)
{
  for (guint i = 0; i < mention->n_fragments; i++)
    {
      const GlossatorSpan *f = &mention->fragments[i];
      Range r = { f->start, f->end };

      if (!glossator_fragment_is_shown (f, self->length))
        continue;
      apply_tag (self, tag, r.start, r.end);
      g_array_append_val (ranges, r);
    }
}

/* @tag on @mention's fragments only (none when NULL), in its label's colour. */
static void
mark_mention (GlossatorMentionPainter *self,
              GtkTextTag              *tag,
              GArray                  *ranges,
              const GlossatorMention  *mention,
              double                   alpha)
{
  clear_ranges (self, tag, ranges);
  if (mention == NULL)
    return;
  set_tag_tint (self, tag, label_color (self, mention->label), alpha);
  add_mention_ranges (self, tag, ranges, mention);
}

static void
show_highlight (GlossatorMentionPainter *self)
{
  g_autoptr(GPtrArray) mentions = NULL;
  GlossatorEntity *entity;

  g_clear_handle_id (&self->highlight_idle, g_source_remove);
  clear_ranges (self, self->highlight_tag, self->highlight_ranges);
  if (self->highlighted_entity == NULL || self->document == NULL)
    return;
  entity = glossator_document_get_entity (self->document, self->highlighted_entity);
  if (entity == NULL)
    return;

  set_tag_tint (self, self->highlight_tag, label_color (self, entity->label), 0.17);
  mentions = glossator_document_list_entity_mentions (self->document, entity->id);
  for (guint i = 0; i < mentions->len; i++)
    add_mention_ranges (self, self->highlight_tag, self->highlight_ranges, mentions->pdata[i]);
}

static gboolean
highlight_idle_cb (gpointer user_data)
{
  GlossatorMentionPainter *self = user_data;

  self->highlight_idle = 0;
  show_highlight (self);
  return G_SOURCE_REMOVE;
}

static void
queue_highlight (GlossatorMentionPainter *self)
{
  /* Once after a batch (a merge moves every mention of an entity). */
  if (self->highlight_idle == 0)
    self->highlight_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, highlight_idle_cb, self, NULL);
}

/* Document changes */

static int
range_compare (gconstpointer a,
               gconstpointer b)
{
  const Range *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return ra->end < rb->end ? -1 : ra->end > rb->end;
}

static void
collect_fragments (GArray                 *ranges,
                   const GlossatorMention *mention)
{
  for (guint i = 0; mention != NULL && i < mention->n_fragments; i++)
    {
      Range r = { mention->fragments[i].start, mention->fragments[i].end };

      if (!mention->fragments[i].orphaned && r.start < r.end)
        g_array_append_val (ranges, r);
    }
}

/* Whether the mention tags of @old and @new are the same: a link, a merge
 * or a note changes no tag. */
static gboolean
same_appearance (const GlossatorMention *old,
                 const GlossatorMention *new)
{
  if (old == NULL || new == NULL || g_strcmp0 (old->label, new->label) != 0 ||
      old->n_fragments != new->n_fragments)
    return FALSE;
  for (guint i = 0; i < old->n_fragments; i++)
    if (old->fragments[i].start != new->fragments[i].start ||
        old->fragments[i].end != new->fragments[i].end ||
        !old->fragments[i].orphaned != !new->fragments[i].orphaned)
      return FALSE;
  return TRUE;
}

static void
mention_changed_cb (GlossatorMentionPainter *self,
                    GlossatorMention        *old,
                    GlossatorMention        *new)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  GlossatorMention *changed = new != NULL ? new : old;

  /* Only the regions the old and new fragments cover change. */
  if (!same_appearance (old, new))
    {
      collect_fragments (ranges, old);
      collect_fragments (ranges, new);
    }
  g_array_sort (ranges, range_compare);
  for (guint i = 0; i < ranges->len;)
    {
      Range r = g_array_index (ranges, Range, i);

      for (i++; i < ranges->len && g_array_index (ranges, Range, i).start <= r.end; i++)
        r.end = MAX (r.end, g_array_index (ranges, Range, i).end);
      refresh_range (self, r.start, r.end, TRUE);
    }

  if (g_strcmp0 (changed->id, self->hover_mention) == 0)
    glossator_mention_painter_set_hover (self, NULL);
  if (!same_appearance (old, new))
    marks_changed (self);
  if (self->highlighted_entity != NULL &&
      ((old != NULL && g_strcmp0 (old->entity_id, self->highlighted_entity) == 0) ||
       (new != NULL && g_strcmp0 (new->entity_id, self->highlighted_entity) == 0)))
    queue_highlight (self);
}

/* A deleted entity is the view's to let go of (its highlighted-entity
 * property changes); a changed one is marked again. */
static void
entity_changed_cb (GlossatorMentionPainter *self,
                   GlossatorEntity         *old,
                   GlossatorEntity         *new)
{
  if (new != NULL && g_strcmp0 (new->id, self->highlighted_entity) == 0)
    queue_highlight (self);
}

/* Search */

static void
clear_search (GlossatorMentionPainter *self)
{
  GtkTextIter start, end;

  g_clear_handle_id (&self->search_idle, g_source_remove);
  gtk_text_buffer_get_bounds (self->buffer, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_hit_tag, &start, &end);
  gtk_text_buffer_remove_tag (self->buffer, self->search_current_tag, &start, &end);
  g_clear_pointer (&self->search_hits, g_array_unref);
  self->has_search_current = FALSE;
  self->search_tagged = 0;
}

static void
tag_search_hits (GlossatorMentionPainter *self,
                 guint                    n)
{
  guint stop = MIN (self->search_tagged + n, self->search_hits->len);

  for (; self->search_tagged < stop; self->search_tagged++)
    {
      const GlossatorSearchHit *hit = &g_array_index (self->search_hits, GlossatorSearchHit,
                                                      self->search_tagged);

      apply_tag (self, self->search_hit_tag, hit->start, hit->end);
    }
}

static gboolean
search_idle_cb (gpointer user_data)
{
  GlossatorMentionPainter *self = user_data;

  tag_search_hits (self, SEARCH_SYNC_HITS);
  if (self->search_tagged < self->search_hits->len)
    return G_SOURCE_CONTINUE;
  self->search_idle = 0;
  return G_SOURCE_REMOVE;
}

/* GObject */

static void
disconnect_document (GlossatorMentionPainter *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
}

static void
glossator_mention_painter_dispose (GObject *object)
{
  GlossatorMentionPainter *self = GLOSSATOR_MENTION_PAINTER (object);

  stop_building (self);
  g_clear_handle_id (&self->search_idle, g_source_remove);
  g_clear_handle_id (&self->highlight_idle, g_source_remove);
  disconnect_document (self);
  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_object (&self->buffer);

  G_OBJECT_CLASS (glossator_mention_painter_parent_class)->dispose (object);
}

static void
glossator_mention_painter_finalize (GObject *object)
{
  GlossatorMentionPainter *self = GLOSSATOR_MENTION_PAINTER (object);

  g_clear_pointer (&self->label_tags, g_hash_table_unref);
  g_clear_pointer (&self->hover_mention, g_free);
  g_clear_pointer (&self->highlighted_entity, g_free);
  g_clear_pointer (&self->selected_mention, g_free);
  g_clear_pointer (&self->selected_ranges, g_array_unref);
  g_clear_pointer (&self->hover_ranges, g_array_unref);
  g_clear_pointer (&self->highlight_ranges, g_array_unref);
  g_clear_pointer (&self->search_hits, g_array_unref);

  G_OBJECT_CLASS (glossator_mention_painter_parent_class)->finalize (object);
}

static void
glossator_mention_painter_class_init (GlossatorMentionPainterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_mention_painter_dispose;
  object_class->finalize = glossator_mention_painter_finalize;

  /* The mentions, their labels or the selected one changed: what is drawn
   * over the text (glossator-mention-text.c) is to be drawn again. */
  signals[MARKS_CHANGED] =
    g_signal_new ("marks-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
glossator_mention_painter_init (GlossatorMentionPainter *self)
{
  self->selected_ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  self->hover_ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  self->highlight_ranges = g_array_new (FALSE, FALSE, sizeof (Range));
  self->label_tags = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, label_tags_free);
}

GlossatorMentionPainter *
glossator_mention_painter_new (GtkTextBuffer *buffer)
{
  GlossatorMentionPainter *self;
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_return_val_if_fail (GTK_IS_TEXT_BUFFER (buffer), NULL);

  self = g_object_new (GLOSSATOR_TYPE_MENTION_PAINTER, NULL);
  self->buffer = g_object_ref (buffer);
  /* Created first, these stay above every label tag (see ensure_label_tags). */
  self->hover_tag = gtk_text_buffer_create_tag (buffer, "hover", NULL);
  self->highlight_tag = gtk_text_buffer_create_tag (buffer, "entity-highlight", NULL);
  self->search_hit_tag = gtk_text_buffer_create_tag (buffer, "search-hit", NULL);
  self->search_current_tag = gtk_text_buffer_create_tag (buffer, "search-current", NULL);
  self->selected_tag = gtk_text_buffer_create_tag (buffer, "selected", NULL);
  self->dark = adw_style_manager_get_dark (style_manager);
  style_fixed_tags (self);
  g_signal_connect_object (style_manager, "notify::dark", G_CALLBACK (dark_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

void
glossator_mention_painter_set_document (GlossatorMentionPainter *self,
                                        GlossatorDocument       *document,
                                        GlossatorSchema         *schema)
{
  guint n_labels;

  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_SCHEMA (schema));

  stop_building (self);
  clear_search (self);
  g_clear_handle_id (&self->highlight_idle, g_source_remove);
  disconnect_document (self);
  g_clear_pointer (&self->hover_mention, g_free);
  g_clear_pointer (&self->highlighted_entity, g_free);
  g_clear_pointer (&self->selected_mention, g_free);
  /* Their tags went with the text. */
  g_array_set_size (self->selected_ranges, 0);
  g_array_set_size (self->hover_ranges, 0);
  g_array_set_size (self->highlight_ranges, 0);

  g_set_object (&self->document, document);
  g_set_object (&self->schema, (document != NULL ? schema : NULL));
  self->length = document != NULL ? glossator_text_get_length (glossator_document_get_text (document)) : 0;

  drop_label_tags (self);
  marks_changed (self);
  if (document == NULL)
    return;

  n_labels = glossator_schema_get_n_labels (schema);
  for (guint i = 0; i < n_labels; i++)
    ensure_label_tags (self, glossator_schema_get_label (schema, i)->name);

  g_signal_connect_object (document, "mention-changed", G_CALLBACK (mention_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "entity-changed", G_CALLBACK (entity_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
glossator_mention_painter_start (GlossatorMentionPainter *self)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  stop_building (self);
  if (self->document == NULL)
    return;

  /* The top is tagged before the first frame, the rest in idle time. */
  self->n_chunks = MAX (1, (self->length + CHUNK_CHARS - 1) / CHUNK_CHARS);
  self->chunk_done = g_new0 (guint8, self->n_chunks);
  build_chunk (self, 0);
  if (self->n_chunks_done < self->n_chunks)
    /* After drawing, before the text view lays out lines in the
     * background (GDK_PRIORITY_REDRAW + 5): lines then get laid out
     * once, with their tags. */
    self->build_idle = g_idle_add_full (GDK_PRIORITY_REDRAW + 2, build_idle_cb, self, NULL);
}

void
glossator_mention_painter_build_range (GlossatorMentionPainter *self,
                                       guint                    start,
                                       guint                    end)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  if (self->chunk_done == NULL || self->n_chunks_done == self->n_chunks)
    return;
  for (guint c = start / CHUNK_CHARS; c <= end / CHUNK_CHARS && c < self->n_chunks; c++)
    build_chunk (self, c);
}

void
glossator_mention_painter_build_around (GlossatorMentionPainter *self,
                                        guint                    start,
                                        guint                    end)
{
  glossator_mention_painter_build_range (self, start > CHUNK_CHARS ? start - CHUNK_CHARS : 0,
                                         end + CHUNK_CHARS);
}

void
glossator_mention_painter_finish (GlossatorMentionPainter *self)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  if (self->chunk_done == NULL)
    return;
  for (guint c = 0; c < self->n_chunks; c++)
    build_chunk (self, c);
  g_clear_handle_id (&self->build_idle, g_source_remove);
}

gboolean
glossator_mention_painter_is_building (GlossatorMentionPainter *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), FALSE);

  return self->build_idle != 0;
}

GtkTextTag *
glossator_mention_painter_get_label_tag (GlossatorMentionPainter *self,
                                         const char              *label,
                                         gboolean                 nested)
{
  LabelTags *tags;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  tags = ensure_label_tags (self, label);
  return nested ? tags->nested : tags->base;
}

void
glossator_mention_painter_show_selected (GlossatorMentionPainter *self,
                                         const GlossatorMention  *mention)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  mark_mention (self, self->selected_tag, self->selected_ranges, mention, 0.27);
  g_free (self->selected_mention);
  self->selected_mention = mention != NULL ? g_strdup (mention->id) : NULL;
  marks_changed (self);
}

GlossatorDocument *
glossator_mention_painter_get_document (GlossatorMentionPainter *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), NULL);

  return self->document;
}

GlossatorSchema *
glossator_mention_painter_get_schema (GlossatorMentionPainter *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), NULL);

  return self->schema;
}

const char *
glossator_mention_painter_get_selected (GlossatorMentionPainter *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), NULL);

  return self->selected_mention;
}

gboolean
glossator_mention_painter_get_dark (GlossatorMentionPainter *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self), FALSE);

  return self->dark;
}

void
glossator_mention_painter_set_hover (GlossatorMentionPainter *self,
                                     const GlossatorMention  *mention)
{
  const char *id = mention != NULL ? mention->id : NULL;

  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  if (g_strcmp0 (id, self->hover_mention) == 0)
    return;
  g_free (self->hover_mention);
  self->hover_mention = g_strdup (id);
  mark_mention (self, self->hover_tag, self->hover_ranges, mention, 0.14);
}

void
glossator_mention_painter_set_highlighted_entity (GlossatorMentionPainter *self,
                                                  const char              *entity_id)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  g_free (self->highlighted_entity);
  self->highlighted_entity = g_strdup (entity_id);
  show_highlight (self);
}

void
glossator_mention_painter_show_search_hits (GlossatorMentionPainter *self,
                                            GArray                  *hits)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  clear_search (self);
  if (hits == NULL)
    return;
  self->search_hits = g_array_ref (hits);
  tag_search_hits (self, SEARCH_SYNC_HITS);
  if (self->search_tagged < self->search_hits->len)
    self->search_idle = g_idle_add (search_idle_cb, self);
}

void
glossator_mention_painter_show_search_current (GlossatorMentionPainter  *self,
                                               const GlossatorSearchHit *hit)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_PAINTER (self));

  if (self->has_search_current)
    remove_tag (self, self->search_current_tag, self->search_current.start, self->search_current.end);
  self->has_search_current = hit != NULL;
  if (hit == NULL)
    return;
  self->search_current = (Range) { hit->start, hit->end };
  apply_tag (self, self->search_current_tag, hit->start, hit->end);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-mention-text"

#include "config.h"

#include "glossator-colors.h"
#include "glossator-label-palette.h"
#include "glossator-mention-text-private.h"
#include "glossator-nesting.h"

/* Inner padding of a chip, and the space between chips and above text. */
#define CHIP_PADDING 3
#define CHIP_GAP 2

struct _GlossatorMentionText {
  GtkTextView              parent_instance;

  GlossatorMentionPainter *painter;
  GlossatorStanceMarks    *stance_marks;
  PangoFontDescription    *chip_font;
  GtkCssProvider          *selection_provider;
  int                      leading;
  int                      chip_height;
  /* Of a nesting underline: thicker with the text, so that it shows zoomed. */
  int                      line_thickness;
  gboolean                 show_chips;
  /* The style the selection's CSS was made for: -1 before the first. */
  int                      selection_dark;
  /* Paragraphs (buffer lines) to give a second chip row, or to take it
   * from, once the frame is drawn; and the idle doing it. */
  GArray                  *stack_add;
  GArray                  *stack_remove;
  guint                    stack_idle;
};

G_DEFINE_FINAL_TYPE (GlossatorMentionText, glossator_mention_text, GTK_TYPE_TEXT_VIEW)

enum {
  PROP_0,
  PROP_SHOW_CHIPS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
chip_clear (gpointer data)
{
  GlossatorChip *chip = data;

  g_clear_pointer (&chip->mention, glossator_mention_unref);
  g_clear_pointer (&chip->text, g_free);
}

static void
line_clear (gpointer data)
{
  GlossatorMentionLine *line = data;

  g_clear_pointer (&line->mention, glossator_mention_unref);
}

int
glossator_mention_text_get_chip_band (GlossatorMentionText *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), 0);

  return self->show_chips ? self->chip_height + CHIP_GAP : 0;
}

/* Stacked chips: a paragraph whose line has more chips than fit gets a
 * band of two rows, through a tag (a view-wide band that high would cost
 * every line the space). */

#define STACK_TAG "glossator-chip-stack"

static GtkTextTag *
lookup_stack_tag (GlossatorMentionText *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));

  return gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), STACK_TAG);
}

static void
set_stack_tag_spacing (GlossatorMentionText *self,
                       GtkTextTag           *tag)
{
  int band = glossator_mention_text_get_chip_band (self);

  g_object_set (tag,
                "pixels-above-lines", 2 * band,
                "pixels-inside-wrap", self->leading + 2 * band,
                NULL);
}

static void
update_stack_tag (GlossatorMentionText *self)
{
  GtkTextTag *tag = lookup_stack_tag (self);

  if (tag != NULL)
    set_stack_tag_spacing (self, tag);
}

static gboolean
has_second_row (GlossatorMentionText *self,
                guint                 line)
{
  GtkTextTag *tag = lookup_stack_tag (self);
  GtkTextIter iter;

  if (tag == NULL)
    return FALSE;
  gtk_text_buffer_get_iter_at_line (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter, (int) line);
  return gtk_text_iter_has_tag (&iter, tag);
}

static void
tag_paragraphs (GtkTextBuffer *buffer,
                GtkTextTag    *tag,
                GArray        *lines,
                gboolean       add)
{
  for (guint i = 0; i < lines->len; i++)
    {
      int line = (int) g_array_index (lines, guint, i);
      GtkTextIter start, end;

      if (line >= gtk_text_buffer_get_line_count (buffer))
        continue;
      gtk_text_buffer_get_iter_at_line (buffer, &start, line);
      end = start;
      if (!gtk_text_iter_ends_line (&end))
        gtk_text_iter_forward_to_line_end (&end);
      if (add)
        gtk_text_buffer_apply_tag (buffer, tag, &start, &end);
      else
        gtk_text_buffer_remove_tag (buffer, tag, &start, &end);
    }
  g_array_set_size (lines, 0);
}

static gboolean
stack_idle_cb (gpointer data)
{
  GlossatorMentionText *self = data;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GtkTextTag *tag = lookup_stack_tag (self);

  self->stack_idle = 0;
  if (tag == NULL && self->stack_add->len > 0)
    {
      tag = gtk_text_buffer_create_tag (buffer, STACK_TAG, NULL);
      set_stack_tag_spacing (self, tag);
    }
  if (tag != NULL)
    {
      tag_paragraphs (buffer, tag, self->stack_add, TRUE);
      tag_paragraphs (buffer, tag, self->stack_remove, FALSE);
    }
  return G_SOURCE_REMOVE;
}

/* Paragraph numbers queued for another buffer mean nothing in this one. */
static void
buffer_changed_cb (GlossatorMentionText *self,
                   GParamSpec           *pspec,
                   gpointer              user_data)
{
  g_array_set_size (self->stack_add, 0);
  g_array_set_size (self->stack_remove, 0);
}

static void
queue_stack_change (GlossatorMentionText *self,
                    guint                 line,
                    gboolean              add)
{
  GArray *lines = add ? self->stack_add : self->stack_remove;

  for (guint i = 0; i < lines->len; i++)
    if (g_array_index (lines, guint, i) == line)
      return;
  g_array_append_val (lines, line);
  /* Not while drawing: a tag changes the layout being drawn. */
  if (self->stack_idle == 0)
    self->stack_idle = g_idle_add (stack_idle_cb, self);
}

static void
update_spacing (GlossatorMentionText *self)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  int band = glossator_mention_text_get_chip_band (self);

  /* The band sits above every line, wrapped or not; the leading below
   * holds the nesting underlines. */
  gtk_text_view_set_pixels_above_lines (view, band);
  gtk_text_view_set_pixels_inside_wrap (view, self->leading + band);
  gtk_text_view_set_pixels_below_lines (view, self->leading);
  update_stack_tag (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_selection_style (GlossatorMentionText *self)
{
  gboolean dark = self->painter != NULL && glossator_mention_painter_get_dark (self->painter);
  g_autofree char *css = NULL;

  /* Loading CSS restyles the text view, which lays out the whole text
   * again: only when the style changed. */
  if (self->selection_dark == dark)
    return;
  self->selection_dark = dark;
  /* A strong fill with light text: a pale one passed for a label's tint. */
  css =
    g_strdup_printf ("textview.glossator-article > text > selection, "
                     "textview.glossator-article > text > selection:focus-within "
                     "{ background-color: %s; color: #ffffff; }",
                     glossator_mark_color (GLOSSATOR_MARK_SELECTION, dark));

  gtk_css_provider_load_from_data (self->selection_provider, css, -1);
}

static GlossatorDocument *
get_document (GlossatorMentionText *self)
{
  return self->painter != NULL ? glossator_mention_painter_get_document (self->painter) : NULL;
}

static guint
text_length (GlossatorDocument *document)
{
  return glossator_text_get_length (glossator_document_get_text (document));
}

/* The code points shown, with a line either side for chips and underlines
 * reaching into view. */
static void
get_visible_range (GlossatorMentionText *self,
                   guint                *start,
                   guint                *end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GdkRectangle rect;
  GtkTextIter a, b;

  gtk_text_view_get_visible_rect (view, &rect);
  gtk_text_view_get_iter_at_location (view, &a, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (view, &b, rect.x + rect.width, rect.y + rect.height);
  gtk_text_view_backward_display_line (view, &a);
  gtk_text_view_forward_display_line_end (view, &b);
  gtk_text_view_forward_display_line_end (view, &b);
  *start = gtk_text_iter_get_offset (&a);
  *end = gtk_text_iter_get_offset (&b) + 1;
}

static gboolean
is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029 || c == 0x85;
}

/* One area per display line of [start, end), line breaks left out. */
static void
add_fragment_areas (GlossatorMentionText *self,
                    guint                 start,
                    guint                 end,
                    GArray               *areas)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter s, e;

  gtk_text_buffer_get_iter_at_offset (buffer, &s, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &e, (int) end);
  while (gtk_text_iter_compare (&s, &e) < 0)
    {
      GtkTextIter next = s, last;
      gboolean shown = FALSE;

      if (!gtk_text_view_forward_display_line (view, &next) || gtk_text_iter_compare (&next, &e) > 0)
        next = e;
      last = next;
      while (gtk_text_iter_compare (&last, &s) > 0)
        {
          gtk_text_iter_backward_char (&last);
          if (!is_line_break (gtk_text_iter_get_char (&last)))
            {
              shown = TRUE;
              break;
            }
        }
      if (shown)
        {
          GdkRectangle first_rect, last_rect, area;

          gtk_text_view_get_iter_location (view, &s, &first_rect);
          gtk_text_view_get_iter_location (view, &last, &last_rect);
          area.x = MIN (first_rect.x, last_rect.x);
          area.y = MIN (first_rect.y, last_rect.y);
          area.width = MAX (first_rect.x + first_rect.width, last_rect.x + last_rect.width) - area.x;
          area.height = MAX (first_rect.y + first_rect.height, last_rect.y + last_rect.height) - area.y;
          g_array_append_val (areas, area);
        }
      if (gtk_text_iter_compare (&next, &s) <= 0)
        break;
      s = next;
    }
}

static GPtrArray *
visible_mentions (GlossatorMentionText *self)
{
  GlossatorDocument *document = get_document (self);
  guint start, end;

  if (document == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return g_ptr_array_new ();
  get_visible_range (self, &start, &end);
  return glossator_document_mentions_in_range (document, start, MIN (end, text_length (document)));
}

GArray *
glossator_mention_text_list_lines (GlossatorMentionText *self)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autofree guint *rows = NULL;
  GArray *lines;
  guint length;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  lines = g_array_new (FALSE, TRUE, sizeof (GlossatorMentionLine));
  g_array_set_clear_func (lines, line_clear);
  mentions = visible_mentions (self);
  if (mentions->len == 0)
    return lines;

  length = text_length (get_document (self));
  rows = glossator_nesting_rows (mentions, length, NULL);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));

      for (guint j = 0; j < mention->n_fragments; j++)
        if (glossator_fragment_is_shown (&mention->fragments[j], length))
          add_fragment_areas (self, mention->fragments[j].start, mention->fragments[j].end, areas);
      for (guint j = 0; j < areas->len; j++)
        {
          GlossatorMentionLine line = {
            glossator_mention_ref (mention), rows[i], g_array_index (areas, GdkRectangle, j)
          };

          g_array_append_val (lines, line);
        }
    }
  return lines;
}

GArray *
glossator_mention_text_list_outline (GlossatorMentionText *self)
{
  GlossatorDocument *document;
  GlossatorMention *mention;
  const char *id;
  GArray *areas;
  guint length;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
  document = get_document (self);
  id = self->painter != NULL ? glossator_mention_painter_get_selected (self->painter) : NULL;
  if (document == NULL || id == NULL || !gtk_widget_get_realized (GTK_WIDGET (self)))
    return areas;
  mention = glossator_document_get_mention (document, id);
  if (mention == NULL)
    return areas;
  length = text_length (document);
  /* Every fragment, visible or not: a discontinuous mention's parts show
   * the same outline wherever they are scrolled to. */
  for (guint i = 0; i < mention->n_fragments; i++)
    if (glossator_fragment_is_shown (&mention->fragments[i], length))
      add_fragment_areas (self, mention->fragments[i].start, mention->fragments[i].end, areas);
  return areas;
}

static int
chip_compare (gconstpointer a,
              gconstpointer b)
{
  const GlossatorChip *ca = a, *cb = b;

  if (ca->area.y != cb->area.y)
    return ca->area.y < cb->area.y ? -1 : 1;
  if (ca->area.x != cb->area.x)
    return ca->area.x < cb->area.x ? -1 : 1;
  /* The outer (wider) mention's chip first where two start together. */
  return glossator_mention_get_end (cb->mention) < glossator_mention_get_end (ca->mention) ? -1 :
         glossator_mention_get_end (cb->mention) > glossator_mention_get_end (ca->mention);
}

/* Chips in one row never overlap: each is pushed right of the one before
 * it, then pulled left of the one after it where the line ends; chips
 * that still do not fit go up a row. */
static void
layout_row (GPtrArray *row,
            int        left,
            int        right)
{
  int limit = G_MININT / 2;

  for (guint i = 0; i < row->len; i++)
    {
      GlossatorChip *chip = row->pdata[i];

      chip->area.x = MAX (chip->area.x, limit + CHIP_GAP);
      limit = chip->area.x + chip->area.width;
    }
  limit = right + CHIP_GAP;
  for (guint i = row->len; i > 0; i--)
    {
      GlossatorChip *chip = row->pdata[i - 1];

      if (chip->area.x + chip->area.width > limit - CHIP_GAP)
        chip->area.x = limit - CHIP_GAP - chip->area.width;
      limit = chip->area.x;
    }
  limit = left - CHIP_GAP;
  for (guint i = 0; i < row->len; i++)
    {
      GlossatorChip *chip = row->pdata[i];

      if (chip->area.x < limit + CHIP_GAP)
        chip->row++;
      else
        limit = chip->area.x + chip->area.width;
    }
}

/* Where @mention's chip stands: its first fragment shown. */
static guint
chip_offset (const GlossatorMention *mention,
             guint                   length)
{
  for (guint i = 0; i < mention->n_fragments; i++)
    if (glossator_fragment_is_shown (&mention->fragments[i], length))
      return mention->fragments[i].start;
  return 0;
}

/* Lays out the chips of one display line [first, last) in one row; where
 * they do not all fit and the paragraph has the room for a second row
 * above it, again in two: each chip goes where it stands right over its
 * mention, in the first row that has the space, else where it moves the
 * least, so that a crowded line's chips alternate rather than drift
 * away from their mentions. Chips that fit nowhere are dropped (width 0).
 * Sets *@overflows when the line needs the second row. */
static void
layout_line (GlossatorMentionText *self,
             GArray               *chips,
             guint                 first,
             guint                 last,
             int                   left,
             int                   right,
             guint                 paragraph,
             gboolean             *overflows)
{
  g_autoptr(GPtrArray) lower = g_ptr_array_new ();
  g_autoptr(GPtrArray) upper = g_ptr_array_new ();
  GPtrArray *rows[2] = { lower, upper };
  g_autofree int *natural = g_new (int, last - first);
  int limits[2] = { G_MININT / 2, G_MININT / 2 };
  gboolean crowded = FALSE;

  for (guint i = first; i < last; i++)
    {
      natural[i - first] = g_array_index (chips, GlossatorChip, i).area.x;
      g_ptr_array_add (rows[0], &g_array_index (chips, GlossatorChip, i));
    }
  layout_row (rows[0], left, right);
  for (guint i = 0; i < rows[0]->len; i++)
    crowded |= ((GlossatorChip *) rows[0]->pdata[i])->row > 0;
  if (!crowded)
    return;

  *overflows = TRUE;
  if (!has_second_row (self, paragraph))
    {
      for (guint i = 0; i < rows[0]->len; i++)
        if (((GlossatorChip *) rows[0]->pdata[i])->row > 0)
          ((GlossatorChip *) rows[0]->pdata[i])->area.width = 0;   /* until the row is there */
      return;
    }

  g_ptr_array_set_size (rows[0], 0);
  for (guint i = first; i < last; i++)
    {
      GlossatorChip *chip = &g_array_index (chips, GlossatorChip, i);
      int x = natural[i - first];
      guint r;

      if (x >= limits[0] + CHIP_GAP)
        r = 0;
      else if (x >= limits[1] + CHIP_GAP)
        r = 1;
      else
        r = limits[1] < limits[0] ? 1 : 0;
      chip->row = r;
      chip->area.x = MAX (x, limits[r] + CHIP_GAP);
      limits[r] = chip->area.x + chip->area.width;
      g_ptr_array_add (rows[r], chip);
    }
  for (guint r = 0; r < 2; r++)
    {
      layout_row (rows[r], left, right);
      for (guint i = 0; i < rows[r]->len; i++)
        {
          GlossatorChip *chip = rows[r]->pdata[i];

          /* Past the left edge of its row: no third row. */
          if (chip->row > r)
            chip->area.width = 0;
          chip->row = r;
          chip->area.y -= r * (self->chip_height + CHIP_GAP);
        }
    }
}

/* Asks for the second row where a line needs it, and gives it back
 * where no line of a paragraph shown whole does any more. */
static void
update_second_rows (GlossatorMentionText *self,
                    GHashTable           *paragraphs,
                    guint                 visible_start,
                    guint                 visible_end)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self));
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, paragraphs);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint line = GPOINTER_TO_UINT (key);
      gboolean needed = GPOINTER_TO_INT (value);
      gboolean room = has_second_row (self, line);

      if (needed && !room)
        queue_stack_change (self, line, TRUE);
      else if (!needed && room)
        {
          GtkTextIter start, end;

          gtk_text_buffer_get_iter_at_line (buffer, &start, (int) line);
          end = start;
          if (!gtk_text_iter_ends_line (&end))
            gtk_text_iter_forward_to_line_end (&end);
          /* A paragraph partly off screen may need it where it is not seen. */
          if ((guint) gtk_text_iter_get_offset (&start) >= visible_start &&
              (guint) gtk_text_iter_get_offset (&end) < visible_end)
            queue_stack_change (self, line, FALSE);
        }
    }
}

static PangoLayout *
chip_layout (GlossatorMentionText *self,
             const char           *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);

  pango_layout_set_font_description (layout, self->chip_font);
  return layout;
}

GArray *
glossator_mention_text_list_chips (GlossatorMentionText *self)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GHashTable) paragraphs = NULL;
  GlossatorSchema *schema;
  GdkRectangle visible;
  GArray *chips;
  guint start, end, length, first = 0;

  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), NULL);

  chips = g_array_new (FALSE, TRUE, sizeof (GlossatorChip));
  g_array_set_clear_func (chips, chip_clear);
  if (!self->show_chips)
    return chips;
  mentions = visible_mentions (self);
  if (mentions->len == 0)
    return chips;

  schema = glossator_mention_painter_get_schema (self->painter);
  length = text_length (get_document (self));
  get_visible_range (self, &start, &end);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];
      g_autoptr(GArray) areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));
      g_autoptr(PangoLayout) layout = NULL;
      const GlossatorLabel *label;
      GlossatorChip chip = { 0 };
      const GdkRectangle *area;
      int width, height;

      for (guint j = 0; j < mention->n_fragments && areas->len == 0; j++)
        if (glossator_fragment_is_shown (&mention->fragments[j], length))
          {
            if (mention->fragments[j].start < start || mention->fragments[j].start >= end)
              break;
            add_fragment_areas (self, mention->fragments[j].start, mention->fragments[j].end, areas);
          }
      if (areas->len == 0)
        continue;
      area = &g_array_index (areas, GdkRectangle, 0);

      chip.text = g_strdup (mention->label);
      layout = chip_layout (self, chip.text);
      pango_layout_get_pixel_size (layout, &width, &height);
      /* A name much wider than its mention would point at its
       * neighbours: the label's key letter stands in for it. */
      if (width + 2 * CHIP_PADDING > area->width + self->chip_height)
        {
          gunichar key;
          char buf[8] = { 0 };

          label = glossator_schema_find_label (schema, mention->label);
          key = label != NULL && label->key != 0 ? label->key : g_utf8_get_char (mention->label);
          g_unichar_to_utf8 (g_unichar_toupper (key), buf);
          g_free (chip.text);
          chip.text = g_strdup (buf);
          pango_layout_set_text (layout, chip.text, -1);
          pango_layout_get_pixel_size (layout, &width, &height);
        }
      chip.mention = glossator_mention_ref (mention);
      chip.area.x = area->x;
      chip.area.y = area->y - self->chip_height - CHIP_GAP / 2;
      chip.area.width = MAX (width + 2 * CHIP_PADDING, self->chip_height);
      chip.area.height = self->chip_height;
      g_array_append_val (chips, chip);
    }

  g_array_sort (chips, chip_compare);
  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (self), &visible);
  paragraphs = g_hash_table_new (NULL, NULL);
  for (guint i = 1; i <= chips->len; i++)
    if (i == chips->len ||
        g_array_index (chips, GlossatorChip, i).area.y != g_array_index (chips, GlossatorChip, first).area.y)
      {
        const GlossatorChip *chip = &g_array_index (chips, GlossatorChip, first);
        GtkTextIter iter;
        gpointer key;
        gboolean overflows;

        gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (self)), &iter,
                                            (int) chip_offset (chip->mention, length));
        key = GUINT_TO_POINTER ((guint) gtk_text_iter_get_line (&iter));
        overflows = GPOINTER_TO_INT (g_hash_table_lookup (paragraphs, key));
        layout_line (self, chips, first, i, gtk_text_view_get_left_margin (GTK_TEXT_VIEW (self)) / 2,
                     visible.x + visible.width - 2, GPOINTER_TO_UINT (key), &overflows);
        g_hash_table_insert (paragraphs, key, GINT_TO_POINTER (overflows));
        first = i;
      }
  update_second_rows (self, paragraphs, start, end);
  for (guint i = chips->len; i > 0; i--)
    if (g_array_index (chips, GlossatorChip, i - 1).area.width == 0)
      g_array_remove_index (chips, i - 1);
  return chips;
}

/* Drawing */

static void
label_rgba (GlossatorMentionText   *self,
            const GlossatorMention *mention,
            GdkRGBA                *rgba)
{
  GlossatorSchema *schema = glossator_mention_painter_get_schema (self->painter);

  glossator_label_color_parse (glossator_schema_color_for_label (schema, mention->label), rgba);
}

static void
snapshot_lines (GlossatorMentionText *self,
                GtkSnapshot          *snapshot)
{
  g_autoptr(GArray) lines = glossator_mention_text_list_lines (self);

  for (guint i = 0; i < lines->len; i++)
    {
      const GlossatorMentionLine *line = &g_array_index (lines, GlossatorMentionLine, i);
      GdkRGBA rgba;

      label_rgba (self, line->mention, &rgba);
      gtk_snapshot_append_color (snapshot, &rgba,
                                 &GRAPHENE_RECT_INIT (line->area.x,
                                                      line->area.y + line->area.height + 2 +
                                                        line->row * (self->line_thickness + 1),
                                                      line->area.width, self->line_thickness));
    }
}

static void
snapshot_outline (GlossatorMentionText *self,
                  GtkSnapshot          *snapshot)
{
  g_autoptr(GArray) areas = glossator_mention_text_list_outline (self);
  GdkRGBA color;
  float widths[4] = { 2, 2, 2, 2 };

  if (areas->len == 0)
    return;
  /* The text's own colour: unlike any tint and unlike the selection. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
  for (guint i = 0; i < areas->len; i++)
    {
      const GdkRectangle *a = &g_array_index (areas, GdkRectangle, i);
      GskRoundedRect outline;
      GdkRGBA colors[4] = { color, color, color, color };

      gsk_rounded_rect_init_from_rect (&outline,
                                       /* Its bottom stops above the nesting underlines. */
                                       &GRAPHENE_RECT_INIT (a->x - 2, a->y - 2, a->width + 4, a->height + 3),
                                       4);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
snapshot_chips (GlossatorMentionText *self,
                GtkSnapshot          *snapshot)
{
  g_autoptr(GArray) chips = glossator_mention_text_list_chips (self);

  for (guint i = 0; i < chips->len; i++)
    {
      const GlossatorChip *chip = &g_array_index (chips, GlossatorChip, i);
      g_autoptr(PangoLayout) layout = chip_layout (self, chip->text);
      GdkRGBA background, text = { 1, 1, 1, 1 };
      GlossatorRgb rgb = { 0 };
      GlossatorLab lab;
      GskRoundedRect box;
      int width, height;

      label_rgba (self, chip->mention, &background);
      rgb = (GlossatorRgb) { background.red, background.green, background.blue };
      glossator_rgb_to_lab (&rgb, &lab);
      /* Dark text on light label colours, light text on dark ones. */
      if (lab.l > 65)
        text = (GdkRGBA) { 0, 0, 0, 0.87 };

      gsk_rounded_rect_init_from_rect (&box,
                                       &GRAPHENE_RECT_INIT (chip->area.x, chip->area.y,
                                                            chip->area.width, chip->area.height),
                                       3);
      gtk_snapshot_push_rounded_clip (snapshot, &box);
      gtk_snapshot_append_color (snapshot, &background, &box.bounds);
      gtk_snapshot_pop (snapshot);

      pango_layout_get_pixel_size (layout, &width, &height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot,
                              &GRAPHENE_POINT_INIT (chip->area.x + (chip->area.width - width) / 2,
                                                    chip->area.y + (chip->area.height - height) / 2));
      gtk_snapshot_append_layout (snapshot, layout, &text);
      gtk_snapshot_restore (snapshot);
    }
}

static void
glossator_mention_text_snapshot_layer (GtkTextView      *view,
                                       GtkTextViewLayer  layer,
                                       GtkSnapshot      *snapshot)
{
  GlossatorMentionText *self = GLOSSATOR_MENTION_TEXT (view);

  if (get_document (self) == NULL)
    return;
  if (layer == GTK_TEXT_VIEW_LAYER_BELOW_TEXT)
    {
      _glossator_stance_marks_snapshot_below (self->stance_marks, snapshot);
      return;
    }
  snapshot_lines (self, snapshot);
  snapshot_outline (self, snapshot);
  _glossator_stance_marks_snapshot_above (self->stance_marks, snapshot);
  snapshot_chips (self, snapshot);
  _glossator_stance_marks_snapshot_top (self->stance_marks, snapshot);
}

/* GObject */

static void
marks_changed_cb (GlossatorMentionText *self)
{
  update_selection_style (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
glossator_mention_text_dispose (GObject *object)
{
  GlossatorMentionText *self = GLOSSATOR_MENTION_TEXT (object);

  g_clear_pointer (&self->stance_marks, _glossator_stance_marks_free);
  g_clear_object (&self->painter);
  g_clear_object (&self->selection_provider);
  g_clear_handle_id (&self->stack_idle, g_source_remove);

  G_OBJECT_CLASS (glossator_mention_text_parent_class)->dispose (object);
}

static void
glossator_mention_text_finalize (GObject *object)
{
  GlossatorMentionText *self = GLOSSATOR_MENTION_TEXT (object);

  g_clear_pointer (&self->chip_font, pango_font_description_free);
  g_clear_pointer (&self->stack_add, g_array_unref);
  g_clear_pointer (&self->stack_remove, g_array_unref);

  G_OBJECT_CLASS (glossator_mention_text_parent_class)->finalize (object);
}

static void
glossator_mention_text_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GlossatorMentionText *self = GLOSSATOR_MENTION_TEXT (object);

  switch (prop_id)
    {
    case PROP_SHOW_CHIPS:
      g_value_set_boolean (value, self->show_chips);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_mention_text_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GlossatorMentionText *self = GLOSSATOR_MENTION_TEXT (object);

  switch (prop_id)
    {
    case PROP_SHOW_CHIPS:
      glossator_mention_text_set_show_chips (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_mention_text_class_init (GlossatorMentionTextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = glossator_mention_text_dispose;
  object_class->finalize = glossator_mention_text_finalize;
  object_class->get_property = glossator_mention_text_get_property;
  object_class->set_property = glossator_mention_text_set_property;
  text_view_class->snapshot_layer = glossator_mention_text_snapshot_layer;

  properties[PROP_SHOW_CHIPS] =
    g_param_spec_boolean ("show-chips", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossator_mention_text_init (GlossatorMentionText *self)
{
  self->show_chips = TRUE;
  self->selection_dark = -1;
  self->stack_add = g_array_new (FALSE, FALSE, sizeof (guint));
  self->stack_remove = g_array_new (FALSE, FALSE, sizeof (guint));
  g_signal_connect (self, "notify::buffer", G_CALLBACK (buffer_changed_cb), NULL);
  self->selection_provider = gtk_css_provider_new ();
  /* Deprecated only from GTK 4.10; a per-widget provider is what 4.8 has. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_add_provider (gtk_widget_get_style_context (GTK_WIDGET (self)),
                                  GTK_STYLE_PROVIDER (self->selection_provider),
                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  G_GNUC_END_IGNORE_DEPRECATIONS
  update_selection_style (self);
  glossator_mention_text_set_text_size (self, 12);
  self->stance_marks = _glossator_stance_marks_new (self);
}

GtkWidget *
glossator_mention_text_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_MENTION_TEXT, NULL);
}

void
glossator_mention_text_set_painter (GlossatorMentionText    *self,
                                    GlossatorMentionPainter *painter)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));
  g_return_if_fail (painter == NULL || GLOSSATOR_IS_MENTION_PAINTER (painter));

  if (self->painter != NULL)
    g_signal_handlers_disconnect_by_data (self->painter, self);
  g_set_object (&self->painter, painter);
  if (painter != NULL)
    g_signal_connect_object (painter, "marks-changed", G_CALLBACK (marks_changed_cb), self,
                             G_CONNECT_SWAPPED);
  marks_changed_cb (self);
}

gboolean
glossator_mention_text_get_show_chips (GlossatorMentionText *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_TEXT (self), FALSE);

  return self->show_chips;
}

void
glossator_mention_text_set_show_chips (GlossatorMentionText *self,
                                       gboolean              show_chips)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));

  show_chips = !!show_chips;
  if (self->show_chips == show_chips)
    return;
  self->show_chips = show_chips;
  update_spacing (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_CHIPS]);
}

void
glossator_mention_text_set_text_size (GlossatorMentionText *self,
                                      guint                 points)
{
  g_autoptr(PangoLayout) layout = NULL;
  /* Points to pixels at 96 dpi. */
  int px = (int) (points * 4 / 3);
  int height;

  g_return_if_fail (GLOSSATOR_IS_MENTION_TEXT (self));

  /* Articles separate paragraphs with blank lines already: the same
   * generous leading between all lines, wrapped or not. */
  self->leading = MAX (2, px * 3 / 8);
  self->line_thickness = MAX (2, px / 20);
  g_clear_pointer (&self->chip_font, pango_font_description_free);
  self->chip_font = pango_font_description_from_string ("Sans Bold");
  pango_font_description_set_size (self->chip_font, MAX (6, (int) points * 7 / 10) * PANGO_SCALE);
  layout = chip_layout (self, "ORG");
  pango_layout_get_pixel_size (layout, NULL, &height);
  self->chip_height = height + 2;
  update_spacing (self);
}

/* For glossator-mention-text-stances.c */

GlossatorMentionPainter *
_glossator_mention_text_get_painter (GlossatorMentionText *self)
{
  return self->painter;
}

void
_glossator_mention_text_get_visible_range (GlossatorMentionText *self,
                                           guint                *start,
                                           guint                *end)
{
  get_visible_range (self, start, end);
}

void
_glossator_mention_text_add_fragment_areas (GlossatorMentionText *self,
                                            guint                 start,
                                            guint                 end,
                                            GArray               *areas)
{
  add_fragment_areas (self, start, end, areas);
}

GlossatorStanceMarks *
_glossator_mention_text_get_stance_marks (GlossatorMentionText *self)
{
  return self->stance_marks;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "glossator-colors.h"
#include "glossator-mention-text.h"
#include "gui-test-util.h"

/* Nested, adjacent and discontinuous mentions, among emoji sequences and
 * CRLF line ends. */
static const char article[] =
  "Chinese Foreign Ministry " FAMILY " spokesman Lin Jian said\r\n"
  "the UN met " FLAG_UA " in Kyiv.\r\n"
  "Lisboa owners and the Lisboa Port Authority agreed.\r\n";

typedef struct {
  GlossatorText        *text;
  GlossatorDocument    *document;
  GlossatorSchema      *schema;
  GtkWindow            *window;
  GlossatorArticleView *view;
  GlossatorMentionText *text_view;
  GtkTextBuffer        *buffer;
  GlossatorMention     *outer;      /* ORG Chinese Foreign Ministry */
  GlossatorMention     *inner;      /* NORP Chinese */
  GlossatorMention     *lin;        /* PERSON Lin, touching Jian */
  GlossatorMention     *jian;
  GlossatorMention     *family;     /* MISC, an emoji sequence */
  GlossatorMention     *crossing;   /* EVENT said␍␊the, over a line break */
  GlossatorMention     *port;       /* ORG Lisboa … Port Authority */
  GlossatorMention     *city;       /* GPE Lisboa, inside the port's first part */
} Fixture;

static GlossatorMention *
add (Fixture    *f,
     const char *label,
     const char *first,
     guint       nth,
     const char *second)
{
  guint starts[2], ends[2];
  guint n = 1;
  g_autoptr(GError) error = NULL;
  GlossatorMention *mention;

  starts[0] = test_util_text_offset (f->text, first, nth);
  ends[0] = starts[0] + g_utf8_strlen (first, -1);
  if (second != NULL)
    {
      starts[1] = test_util_text_offset (f->text, second, 0);
      ends[1] = starts[1] + g_utf8_strlen (second, -1);
      n = 2;
    }
  mention = glossator_document_create_mention (f->document, label, starts, ends, n, NULL, &error);
  g_assert_no_error (error);
  return mention;
}

static gboolean
laid_out (gpointer data)
{
  Fixture *f = data;
  GdkRectangle rect;

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (f->text_view), &rect);
  return rect.height > 0 && !_glossator_article_view_is_building_tags (f->view);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->text = test_util_text_from_data (article);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->outer = add (f, "ORG", "Chinese Foreign Ministry", 0, NULL);
  f->inner = add (f, "NORP", "Chinese", 0, NULL);
  f->lin = add (f, "PERSON", "Lin", 0, NULL);
  f->jian = add (f, "PERSON", " Jian", 0, NULL);
  f->family = add (f, "MISC", FAMILY, 0, NULL);
  f->crossing = add (f, "EVENT", "said\r\nthe", 0, NULL);
  f->port = add (f, "ORG", "Lisboa", 1, "Port Authority");
  f->city = add (f, "GPE", "Lisboa", 1, NULL);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);
  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->text_view = GLOSSATOR_MENTION_TEXT (_glossator_article_view_get_text_view (f->view));
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view));
  gui_test_wait (laid_out, f);
  gui_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_clear_pointer (&f->outer, glossator_mention_unref);
  g_clear_pointer (&f->inner, glossator_mention_unref);
  g_clear_pointer (&f->lin, glossator_mention_unref);
  g_clear_pointer (&f->jian, glossator_mention_unref);
  g_clear_pointer (&f->family, glossator_mention_unref);
  g_clear_pointer (&f->crossing, glossator_mention_unref);
  g_clear_pointer (&f->port, glossator_mention_unref);
  g_clear_pointer (&f->city, glossator_mention_unref);
  g_clear_object (&f->document);
  g_clear_object (&f->schema);
  g_clear_pointer (&f->text, glossator_text_unref);
}

static GdkRectangle
char_rect (Fixture *f,
           guint    offset)
{
  GtkTextIter iter;
  GdkRectangle rect;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) offset);
  gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->text_view), &iter, &rect);
  return rect;
}

static gboolean
contains (const GdkRectangle *area,
          const GdkRectangle *inner)
{
  return inner->x >= area->x && inner->x + inner->width <= area->x + area->width &&
         inner->y >= area->y && inner->y + inner->height <= area->y + area->height;
}

static const GlossatorChip *
chip_of (GArray                 *chips,
         const GlossatorMention *mention)
{
  for (guint i = 0; i < chips->len; i++)
    if (g_str_equal (g_array_index (chips, GlossatorChip, i).mention->id, mention->id))
      return &g_array_index (chips, GlossatorChip, i);
  return NULL;
}

static void
test_chips_never_overlap (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GArray) chips = glossator_mention_text_list_chips (f->text_view);
  GlossatorMention *all[] = { f->outer, f->inner, f->lin, f->jian, f->family, f->crossing, f->port, f->city };
  const GlossatorChip *lin, *jian;
  GdkRectangle jian_start;

  /* Every mention has a chip, nested and discontinuous ones one each. */
  g_assert_cmpuint (chips->len, ==, G_N_ELEMENTS (all));
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    {
      const GlossatorChip *chip = chip_of (chips, all[i]);
      GdkRectangle first = char_rect (f, glossator_mention_get_start (all[i]));

      g_assert_nonnull (chip);
      /* In the band above the mention's first line, not over any text. */
      g_assert_cmpint (chip->area.y + chip->area.height, <=, first.y);
      g_assert_cmpint (chip->area.y, >=, first.y - glossator_mention_text_get_chip_band (f->text_view));
      g_assert_cmpint (chip->area.width, >, 0);
    }
  for (guint i = 0; i < chips->len; i++)
    for (guint j = i + 1; j < chips->len; j++)
      {
        const GdkRectangle *a = &g_array_index (chips, GlossatorChip, i).area;
        const GdkRectangle *b = &g_array_index (chips, GlossatorChip, j).area;

        g_assert_false (gdk_rectangle_intersect (a, b, NULL));
      }

  /* The outer mention's chip comes first where two start together; the
   * inner one is pushed right of it. */
  g_assert_cmpint (chip_of (chips, f->outer)->area.x, <, chip_of (chips, f->inner)->area.x);
  g_assert_cmpstr (chip_of (chips, f->outer)->text, ==, "ORG");

  /* "Lin" is too short for "PERSON": its key letter. The touching " Jian"
   * would start under it and is shifted right. */
  lin = chip_of (chips, f->lin);
  jian = chip_of (chips, f->jian);
  g_assert_cmpstr (lin->text, ==, "P");
  jian_start = char_rect (f, glossator_mention_get_start (f->jian));
  g_assert_cmpint (jian->area.x, >=, lin->area.x + lin->area.width);
  g_assert_cmpint (jian->area.x, >=, jian_start.x);
}

static void
test_chips_toggle (Fixture       *f,
                   gconstpointer  data)
{
  GtkTextView *view = GTK_TEXT_VIEW (f->text_view);
  int above = gtk_text_view_get_pixels_above_lines (view);
  int inside = gtk_text_view_get_pixels_inside_wrap (view);
  int below = gtk_text_view_get_pixels_below_lines (view);
  int band = glossator_mention_text_get_chip_band (f->text_view);
  g_autoptr(GArray) chips = NULL;
  g_autoptr(GVariant) state = NULL;

  g_assert_cmpint (band, >, 0);
  g_assert_cmpint (above, ==, band);
  g_assert_cmpint (inside, ==, below + band);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "view.show-label-chips", NULL));
  g_assert_false (glossator_mention_text_get_show_chips (f->text_view));
  chips = glossator_mention_text_list_chips (f->text_view);
  g_assert_cmpuint (chips->len, ==, 0);
  g_clear_pointer (&chips, g_array_unref);
  g_assert_cmpint (gtk_text_view_get_pixels_above_lines (view), ==, 0);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, below);
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (view), ==, below);
  g_assert_cmpint (glossator_mention_text_get_chip_band (f->text_view), ==, 0);

  /* The nesting marks stay while the chips are off. */
  {
    g_autoptr(GArray) lines = glossator_mention_text_list_lines (f->text_view);

    g_assert_cmpuint (lines->len, >, 0);
  }

  /* The shortcut turns them back on, with the same spacing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->view), "view.show-label-chips", NULL));
  g_assert_true (glossator_mention_text_get_show_chips (f->text_view));
  g_assert_cmpint (gtk_text_view_get_pixels_above_lines (view), ==, above);
  g_assert_cmpint (gtk_text_view_get_pixels_inside_wrap (view), ==, inside);
  g_assert_cmpint (gtk_text_view_get_pixels_below_lines (view), ==, below);
  gui_test_flush ();
  chips = glossator_mention_text_list_chips (f->text_view);
  g_assert_cmpuint (chips->len, ==, 8);

  /* The view's property (bound to the setting) follows. */
  g_object_set (f->view, "show-label-chips", FALSE, NULL);
  g_assert_false (glossator_mention_text_get_show_chips (f->text_view));
}

/* The areas (one per line) and the row of @mention's marks. */
static GArray *
lines_of (GArray                 *lines,
          const GlossatorMention *mention,
          guint                  *row)
{
  GArray *areas = g_array_new (FALSE, FALSE, sizeof (GdkRectangle));

  *row = G_MAXUINT;
  for (guint i = 0; i < lines->len; i++)
    {
      const GlossatorMentionLine *line = &g_array_index (lines, GlossatorMentionLine, i);

      if (!g_str_equal (line->mention->id, mention->id))
        continue;
      /* All parts of a mention are on one row. */
      g_assert_true (*row == G_MAXUINT || *row == line->row);
      *row = line->row;
      g_array_append_val (areas, line->area);
    }
  return areas;
}

static gboolean
areas_contain (GArray             *areas,
               const GdkRectangle *rect)
{
  for (guint i = 0; i < areas->len; i++)
    if (contains (&g_array_index (areas, GdkRectangle, i), rect))
      return TRUE;
  return FALSE;
}

/* Every character of @mention's fragments, line breaks aside, lies in one
 * of @areas. */
static void
assert_covers (Fixture                *f,
               GArray                 *areas,
               const GlossatorMention *mention)
{
  for (guint i = 0; i < mention->n_fragments; i++)
    for (guint o = mention->fragments[i].start; o < mention->fragments[i].end; o++)
      {
        GdkRectangle rect = char_rect (f, o);
        GtkTextIter iter;
        gunichar c;

        gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) o);
        c = gtk_text_iter_get_char (&iter);
        if (c == '\r' || c == '\n')
          continue;
        if (!areas_contain (areas, &rect))
          g_error ("%s: code point %u (%d,%d %dx%d) is not marked", mention->id, o,
                   rect.x, rect.y, rect.width, rect.height);
      }
}

static void
test_nesting_lines (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) lines = glossator_mention_text_list_lines (f->text_view);
  g_autoptr(GArray) outer = NULL, inner = NULL, crossing = NULL, family = NULL;
  g_autoptr(GArray) port = NULL, city = NULL, lin = NULL, jian = NULL;
  guint outer_row, inner_row, crossing_row, family_row, port_row, city_row, lin_row, jian_row;

  outer = lines_of (lines, f->outer, &outer_row);
  inner = lines_of (lines, f->inner, &inner_row);
  crossing = lines_of (lines, f->crossing, &crossing_row);
  family = lines_of (lines, f->family, &family_row);
  port = lines_of (lines, f->port, &port_row);
  city = lines_of (lines, f->city, &city_row);
  lin = lines_of (lines, f->lin, &lin_row);
  jian = lines_of (lines, f->jian, &jian_row);

  /* Inner and outer are both marked at every character they share, on
   * their own rows. */
  g_assert_cmpuint (outer_row, ==, 0);
  g_assert_cmpuint (inner_row, ==, 1);
  assert_covers (f, outer, f->outer);
  assert_covers (f, outer, f->inner);
  assert_covers (f, inner, f->inner);

  /* Touching mentions share a row. */
  g_assert_cmpuint (lin_row, ==, 0);
  g_assert_cmpuint (jian_row, ==, 0);

  /* An emoji sequence is marked where it is drawn. */
  g_assert_cmpuint (family_row, ==, 0);
  g_assert_cmpuint (family->len, ==, 1);
  assert_covers (f, family, f->family);

  /* Over a CRLF: one area per line, the line break left out. */
  g_assert_cmpuint (crossing->len, ==, 2);
  assert_covers (f, crossing, f->crossing);
  g_assert_cmpint (g_array_index (crossing, GdkRectangle, 0).y, <,
                   g_array_index (crossing, GdkRectangle, 1).y);

  /* The discontinuous mention: both parts on its row, the one inside a
   * part on the next. */
  g_assert_cmpuint (port->len, ==, 2);
  assert_covers (f, port, f->port);
  g_assert_cmpuint (port_row, ==, 0);
  g_assert_cmpuint (city_row, ==, 1);
}

static void
test_selected_outline (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GArray) areas = glossator_mention_text_list_outline (f->text_view);
  GdkRectangle outer_end = char_rect (f, glossator_mention_get_end (f->outer) - 1);

  g_assert_cmpuint (areas->len, ==, 0);
  g_clear_pointer (&areas, g_array_unref);

  /* Every part of a discontinuous mention. */
  glossator_article_view_select_mention (f->view, f->port->id);
  areas = glossator_mention_text_list_outline (f->text_view);
  g_assert_cmpuint (areas->len, ==, 2);
  assert_covers (f, areas, f->port);
  g_clear_pointer (&areas, g_array_unref);

  /* The inner mention of a nested pair: its own outline only. */
  glossator_article_view_select_mention (f->view, f->inner->id);
  areas = glossator_mention_text_list_outline (f->text_view);
  g_assert_cmpuint (areas->len, ==, 1);
  assert_covers (f, areas, f->inner);
  g_assert_false (areas_contain (areas, &outer_end));
  g_clear_pointer (&areas, g_array_unref);

  /* Over a line break: both lines. */
  glossator_article_view_select_mention (f->view, f->crossing->id);
  areas = glossator_mention_text_list_outline (f->text_view);
  g_assert_cmpuint (areas->len, ==, 2);
  assert_covers (f, areas, f->crossing);
  g_clear_pointer (&areas, g_array_unref);

  glossator_article_view_select_mention (f->view, NULL);
  areas = glossator_mention_text_list_outline (f->text_view);
  g_assert_cmpuint (areas->len, ==, 0);
}

/* Search matches are lines, not fills that pass for a label's tint; the
 * label tints are the core's (tests/test-colors.c checks them apart). */
static void
test_mark_treatments (Fixture       *f,
                      gconstpointer  data)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (f->buffer);
  GtkTextTag *hit = gtk_text_tag_table_lookup (table, "search-hit");
  GtkTextTag *current = gtk_text_tag_table_lookup (table, "search-current");
  GtkTextTag *tint = _glossator_article_view_get_label_tag (f->view, "PERSON", FALSE);
  g_autoptr(GdkRGBA) hit_line = NULL;
  g_autoptr(GdkRGBA) current_fill = NULL;
  g_autoptr(GdkRGBA) tint_fill = NULL;
  gboolean hit_filled = TRUE;
  PangoUnderline underline = PANGO_UNDERLINE_NONE;
  GdkRGBA expected;
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());

  g_object_get (hit, "background-set", &hit_filled, "underline", &underline, "underline-rgba", &hit_line, NULL);
  g_assert_false (hit_filled);
  g_assert_cmpint (underline, ==, PANGO_UNDERLINE_DOUBLE);
  g_assert_true (gdk_rgba_parse (&expected, glossator_mark_color (GLOSSATOR_MARK_SEARCH_HIT, dark)));
  g_assert_true (gdk_rgba_equal (hit_line, &expected));

  g_object_get (current, "background-rgba", &current_fill, NULL);
  g_assert_true (gdk_rgba_parse (&expected, glossator_mark_color (GLOSSATOR_MARK_SEARCH_CURRENT, dark)));
  g_assert_true (gdk_rgba_equal (current_fill, &expected));

  g_object_get (tint, "background-rgba", &tint_fill, NULL);
  g_assert_cmpfloat_with_epsilon (tint_fill->alpha, glossator_label_tint_alpha (dark, FALSE), 1e-3);
}

/* Hovering tells every mention at the point, outer ones first, each
 * with its label, entity and, when nested, its own text. */
static void
test_hover_nested (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *nested = NULL;
  g_autofree char *outer_only = NULL;
  g_autofree char *discontinuous = NULL;
  g_autofree char *gap = NULL;
  g_autofree char *none = NULL;
  guint lisboa = test_util_text_offset (f->text, "Lisboa", 1);

  nested = _glossator_article_view_dup_hover_markup (f->view, test_util_text_offset (f->text, "hinese", 0));
  g_assert_cmpstr (nested, ==,
                   "<b>ORG</b> “Chinese Foreign Ministry” · Chinese Foreign Ministry (1 mention)\n"
                   "<b>NORP</b> “Chinese” · Chinese (1 mention)");
  outer_only = _glossator_article_view_dup_hover_markup (f->view, test_util_text_offset (f->text, "Foreign", 0));
  g_assert_cmpstr (outer_only, ==, "<b>ORG</b> · Chinese Foreign Ministry (1 mention)");

  /* Inside the first part of a discontinuous mention, and in its gap. */
  discontinuous = _glossator_article_view_dup_hover_markup (f->view, lisboa + 2);
  g_assert_cmpstr (discontinuous, ==,
                   "<b>ORG</b> “Lisboa Port Authority” · Lisboa Port Authority (1 mention) · 2 parts\n"
                   "<b>GPE</b> “Lisboa” · Lisboa (1 mention)");
  gap = _glossator_article_view_dup_hover_markup (f->view, lisboa + 6);
  g_assert_null (gap);
  none = _glossator_article_view_dup_hover_markup (f->view, test_util_text_offset (f->text, "met", 0));
  g_assert_null (none);
}

typedef struct {
  Fixture *f;
  guint    expected;
} ChipCount;

static gboolean
all_chips_shown (gpointer data)
{
  ChipCount *count = data;
  g_autoptr(GArray) chips = glossator_mention_text_list_chips (count->f->text_view);

  return chips->len == count->expected && !_glossator_article_view_is_building_tags (count->f->view);
}

/* A line with more adjacent mentions than chips fit side by side: the
 * rest stack in a second row of the band (which grows for that paragraph
 * only); no chip is lost, none overlaps another or any text. */
static void
test_chips_stack (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GString) crowded = g_string_new ("Before.\n");
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GArray) chips = NULL;
  ChipCount count = { f, 0 };
  guint first_letter, n_upper = 0;
  int band = glossator_mention_text_get_chip_band (f->text_view);
  GdkRectangle before_line, crowded_line;

  /* Adjacent one-letter mentions: a chip is wider than its letter. */
  for (guint i = 0; i < 90; i++)
    g_string_append_c (crowded, 'a' + i % 26);
  g_string_append (crowded, "\nAfter.\n");
  text = test_util_text_from_data (crowded->str);
  document = glossator_document_new (text);
  first_letter = test_util_text_offset (text, "abc", 0);
  for (guint i = 0; i < 90; i++)
    {
      g_autoptr(GlossatorMention) mention = NULL;
      g_autoptr(GError) error = NULL;
      guint start = first_letter + i, end = start + 1;

      mention = glossator_document_create_mention (document, i % 2 ? "PERSON" : "ORG", &start, &end, 1, NULL,
                                                   &error);
      g_assert_no_error (error);
    }
  glossator_article_view_set_document (f->view, document, f->schema, FALSE);
  count.expected = 90;
  gui_test_wait (all_chips_shown, &count);

  chips = glossator_mention_text_list_chips (f->text_view);
  g_assert_cmpuint (chips->len, ==, 90);
  for (guint i = 0; i < chips->len; i++)
    {
      const GlossatorChip *chip = &g_array_index (chips, GlossatorChip, i);
      GtkTextIter iter;
      GdkRectangle first;

      gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view)), &iter,
                                          (int) glossator_mention_get_start (chip->mention));
      gtk_text_view_get_iter_location (GTK_TEXT_VIEW (f->text_view), &iter, &first);
      g_assert_cmpint (chip->area.width, >, 0);
      g_assert_cmpint (chip->area.y + chip->area.height, <=, first.y);
      g_assert_cmpint (chip->area.y, >=, first.y - 2 * band);
      g_assert_cmpint (chip->area.y, ==, first.y - band * ((int) chip->row + 1) + (band - chip->area.height) / 2);
      /* By its own letter (narrow ones push a chip on by a little), not
       * drifted off along the line. */
      g_assert_cmpint (chip->area.x, <=, first.x + first.width + chip->area.height);
      g_assert_cmpint (chip->area.x + chip->area.width, >=, first.x - chip->area.height);
      n_upper += chip->row;
    }
  g_assert_cmpuint (n_upper, >, 0);
  for (guint i = 0; i < chips->len; i++)
    for (guint j = i + 1; j < chips->len; j++)
      g_assert_false (gdk_rectangle_intersect (&g_array_index (chips, GlossatorChip, i).area,
                                               &g_array_index (chips, GlossatorChip, j).area, NULL));

  /* The crowded paragraph's band is two rows: the line before it ends
   * above the second row. */
  before_line = char_rect (f, 0);
  crowded_line = char_rect (f, first_letter);
  g_assert_cmpint (crowded_line.y - (before_line.y + before_line.height), >=, 2 * band);
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/chips/never-overlap", test_chips_never_overlap);
  ADD ("/gui/chips/toggle", test_chips_toggle);
  ADD ("/gui/chips/nesting-lines", test_nesting_lines);
  ADD ("/gui/chips/selected-outline", test_selected_outline);
  ADD ("/gui/chips/mark-treatments", test_mark_treatments);
  ADD ("/gui/chips/hover-nested", test_hover_nested);
  ADD ("/gui/chips/stack", test_chips_stack);
#undef ADD

  return g_test_run ();
}

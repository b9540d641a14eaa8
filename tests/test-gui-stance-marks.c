/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "glossator-colors.h"
#include "glossator-label-palette.h"
#include "glossator-mention-text.h"
#include "glossator-stance-flow-private.h"
#include "glossator-stances-panel.h"
#include "gui-test-util.h"

/* Stances in the text: margin marks, the shown stance's drawing, markers
 * for its ends out of view, the keys that step and jump. A minister named
 * at the top is quoted at the bottom, pages later; emoji, a flag, NFD and
 * CRLF make code points, bytes and UTF-16 units differ. */
#define FILLER "Paragraph of caf\u00E9 news " FAMILY ", the weather and prices, Cafe\u0301 owners said.\r\n\r\n"
#define FILLER8 FILLER FILLER FILLER FILLER FILLER FILLER FILLER FILLER
#define FILLER64 FILLER8 FILLER8 FILLER8 FILLER8 FILLER8 FILLER8 FILLER8 FILLER8

static const char article[] =
  "Foreign Minister Anna Lind " FLAG_UA " met Nordic Steel in Stockholm.\r\n\r\n"
  "Anna Lind praised Nordic Steel. Ola Berg attacked it. Kim Ahn " FAMILY " described the plan. "
  "Eva Moss hinted at doubts.\r\n\r\n"
  FILLER64
  "\u201CThe tariffs are hurting Nordic Steel,\u201D the minister said.\r\n";

typedef struct {
  GlossatorText         *text;
  GlossatorDocument     *document;
  GlossatorSchema       *schema;
  GtkWindow             *window;
  GtkStack              *side;
  GlossatorArticleView  *view;
  GlossatorMentionText  *text_view;
  GlossatorStancesPanel *panel;
  GlossatorStanceFlow   *flow;
  GtkTextBuffer         *buffer;
  char                  *anna[2];   /* mention ids: top line, second paragraph */
  char                  *steel[3];  /* the same, and the last line */
  char                  *ola;
  char                  *kim;
  char                  *favor;     /* stance ids */
  char                  *against;
  char                  *neutral;
  char                  *unclear;
  char                  *far;       /* Anna Lind → Nordic Steel at the bottom */
  GPtrArray             *announced;
} Fixture;

static const char *
entity_of (Fixture    *f,
           const char *mention_id)
{
  return glossator_document_get_mention (f->document, mention_id)->entity_id;
}

/* A stance whose evidence is the sentence at @evidence (its @nth). */
static char *
add_stance (Fixture             *f,
            const char          *holder_mention,
            GlossatorTargetKind  target_kind,
            const char          *target,
            const char          *polarity,
            const char          *evidence,
            guint                nth)
{
  g_autofree char *id = glossator_document_new_id (f->document, "s");
  g_autoptr(GlossatorStance) stance = glossator_stance_new (id, polarity);
  guint start, end;

  if (holder_mention != NULL)
    glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, entity_of (f, holder_mention));
  else
    glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (stance, target_kind, target);
  start = test_util_text_offset (f->text, evidence, nth);
  end = start + g_utf8_strlen (evidence, -1);
  glossator_span_set_quote (glossator_stance_add_evidence (stance, start, end), f->text);
  glossator_document_put_stance (f->document, stance);
  return g_steal_pointer (&id);
}

static void
announce_cb (Fixture    *f,
             const char *message,
             gboolean    undoable)
{
  g_ptr_array_add (f->announced, g_strdup (message));
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
  GtkWidget *box;

  f->text = test_util_text_from_data (article);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->anna[0] = test_util_tag_id (f->document, "Anna Lind", 0, "PERSON", NULL);
  f->anna[1] = test_util_tag_id (f->document, "Anna Lind", 1, "PERSON", entity_of (f, f->anna[0]));
  f->steel[0] = test_util_tag_id (f->document, "Nordic Steel", 0, "ORG", NULL);
  f->steel[1] = test_util_tag_id (f->document, "Nordic Steel", 1, "ORG", entity_of (f, f->steel[0]));
  f->steel[2] = test_util_tag_id (f->document, "Nordic Steel", 2, "ORG", entity_of (f, f->steel[0]));
  f->ola = test_util_tag_id (f->document, "Ola Berg", 0, "PERSON", NULL);
  f->kim = test_util_tag_id (f->document, "Kim Ahn", 0, "PERSON", NULL);
  f->favor = add_stance (f, f->anna[1], GLOSSATOR_TARGET_ENTITY, entity_of (f, f->steel[0]), "favor",
                         "Anna Lind praised Nordic Steel.", 0);
  f->against = add_stance (f, f->ola, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->steel[0]), "against",
                           "Ola Berg attacked it.", 0);
  f->neutral = add_stance (f, f->kim, GLOSSATOR_TARGET_TOPIC, "the plan", "neutral",
                           "Kim Ahn " FAMILY " described the plan.", 0);
  f->unclear = add_stance (f, NULL, GLOSSATOR_TARGET_UNSPECIFIED, NULL, "unclear", "Eva Moss hinted at doubts.", 0);
  f->far = add_stance (f, f->anna[0], GLOSSATOR_TARGET_ENTITY, entity_of (f, f->steel[0]), "against",
                       "\u201CThe tariffs are hurting Nordic Steel,\u201D the minister said.", 0);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->view), TRUE);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  /* As in the window: the panel is one page of the side stack. */
  f->side = GTK_STACK (gtk_stack_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->side), 320, -1);
  gtk_stack_add_named (f->side, gtk_label_new ("Entities"), "entities");
  f->panel = GLOSSATOR_STANCES_PANEL (glossator_stances_panel_new ());
  gtk_stack_add_named (f->side, GTK_WIDGET (f->panel), "stances");
  gtk_stack_set_visible_child_name (f->side, "entities");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->side));
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->flow = glossator_stance_flow_attach (f->view, f->panel, NULL);
  f->text_view = GLOSSATOR_MENTION_TEXT (_glossator_article_view_get_text_view (f->view));
  f->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (f->text_view));
  f->announced = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (f->view, "announce", G_CALLBACK (announce_cb), f);
  gui_test_wait (laid_out, f);
  gui_test_flush ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_clear_object (&f->document);
  g_clear_object (&f->schema);
  g_clear_pointer (&f->text, glossator_text_unref);
  for (guint i = 0; i < 2; i++)
    g_free (f->anna[i]);
  for (guint i = 0; i < 3; i++)
    g_free (f->steel[i]);
  g_free (f->ola);
  g_free (f->kim);
  g_free (f->favor);
  g_free (f->against);
  g_free (f->neutral);
  g_free (f->unclear);
  g_free (f->far);
  g_clear_pointer (&f->announced, g_ptr_array_unref);
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

static const GlossatorStanceMark *
mark_of (GArray     *marks,
         const char *stance_id)
{
  const GlossatorStanceMark *found = NULL;

  for (guint i = 0; i < marks->len; i++)
    if (g_str_equal (g_array_index (marks, GlossatorStanceMark, i).stance->id, stance_id))
      {
        g_assert_null (found);
        found = &g_array_index (marks, GlossatorStanceMark, i);
      }
  return found;
}

static void
assert_rgba (const GdkRGBA *rgba,
             const char    *hex)
{
  GdkRGBA expected;

  g_assert_true (gdk_rgba_parse (&expected, hex));
  g_assert_cmpfloat_with_epsilon (rgba->red, expected.red, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba->green, expected.green, 1e-6);
  g_assert_cmpfloat_with_epsilon (rgba->blue, expected.blue, 1e-6);
}

/* Every evidence span in view has a bar in the left margin, beside its
 * lines, in its polarity's colour, each stance on the same line in its
 * own lane; nothing is selected. */
static void
test_margin_marks (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GArray) marks = glossator_mention_text_list_stance_marks (f->text_view);
  const char *ids[] = { f->favor, f->against, f->neutral, f->unclear };
  const char *polarities[] = { "favor", "against", "neutral", "unclear" };
  const char *evidence[] = {
    "Anna Lind praised", "Ola Berg attacked", "Kim Ahn", "Eva Moss",
  };
  int left = gtk_text_view_get_left_margin (GTK_TEXT_VIEW (f->text_view));
  gboolean lanes[4] = { FALSE };

  g_assert_null (glossator_mention_text_get_shown_stance (f->text_view));
  /* The stance at the bottom is out of view. */
  g_assert_cmpuint (marks->len, ==, 4);
  g_assert_null (mark_of (marks, f->far));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      const GlossatorStanceMark *mark = mark_of (marks, ids[i]);
      GlossatorStance *stance = glossator_document_get_stance (f->document, ids[i]);
      GdkRectangle first = char_rect (f, stance->evidence[0].start);
      GdkRectangle last = char_rect (f, stance->evidence[0].end - 1);

      g_test_message ("%s", polarities[i]);
      g_assert_nonnull (mark);
      g_assert_cmpuint (mark->evidence, ==, 0);
      g_assert_cmpuint (stance->evidence[0].start, ==, test_util_text_offset (f->text, evidence[i], 0));
      assert_rgba (&mark->color, glossator_schema_get_polarity (f->schema, i)->color);
      g_assert_cmpstr (glossator_schema_get_polarity (f->schema, i)->name, ==, polarities[i]);
      /* In the margin, left of the text, beside the evidence's lines. */
      g_assert_cmpint (mark->area.x, >=, 0);
      g_assert_cmpint (mark->area.x + mark->area.width, <=, left - 4);
      g_assert_cmpint (mark->area.width, >, 0);
      g_assert_cmpint (mark->area.y, <=, first.y);
      g_assert_cmpint (mark->area.y + mark->area.height, >=, last.y + last.height);
      g_assert_cmpint (mark->area.y, ==, char_rect (f, stance->evidence[0].start).y);
      lanes[mark->lane] = TRUE;
    }
  /* Stances on the same lines side by side, in lanes, the first nearest
   * the text; the paragraph's first line has two at least. */
  g_assert_true (lanes[0] && lanes[1]);
  for (guint i = 0; i < marks->len; i++)
    for (guint j = 0; j < marks->len; j++)
      {
        const GlossatorStanceMark *a = &g_array_index (marks, GlossatorStanceMark, i);
        const GlossatorStanceMark *b = &g_array_index (marks, GlossatorStanceMark, j);
        gboolean overlap = a->area.y < b->area.y + b->area.height && b->area.y < a->area.y + a->area.height;

        if (i != j && overlap)
          g_assert_cmpuint (a->lane, !=, b->lane);
        if (a->lane < b->lane)
          g_assert_cmpint (a->area.x, >=, b->area.x + b->area.width);
      }
}

/* Hovering a mark names its stance as the panel does; the text itself
 * has no such tooltip. */
static void
test_mark_hover_text (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GArray) marks = glossator_mention_text_list_stance_marks (f->text_view);
  const char *ids[] = { f->favor, f->against, f->neutral, f->unclear };
  const char *expected[] = {
    "Anna Lind → Nordic Steel: favor", "Ola Berg → Nordic Steel: against", "Kim Ahn → the plan: neutral",
    "Author → Unspecified: unclear",
  };
  const GlossatorStanceMark *mark;
  g_autofree char *none = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autofree char *text = NULL;
      GlossatorStance *stance = glossator_document_get_stance (f->document, ids[i]);
      g_autofree char *summary = glossator_stance_dup_summary (stance, f->document);

      mark = mark_of (marks, ids[i]);
      text = glossator_mention_text_dup_stance_mark_text (f->text_view, mark->area.x + mark->area.width / 2,
                                                          mark->area.y + mark->area.height / 2);
      g_assert_cmpstr (text, ==, expected[i]);
      g_assert_cmpstr (text, ==, summary);
    }
  mark = mark_of (marks, f->favor);
  none = glossator_mention_text_dup_stance_mark_text (f->text_view,
                                                      gtk_text_view_get_left_margin (GTK_TEXT_VIEW (f->text_view)) + 5,
                                                      mark->area.y + 2);
  g_assert_null (none);
}

/* Only label tags fill the background at @offset: the stance drawing
 * leaves the mention's tint showing. */
static void
assert_tint_shows (Fixture    *f,
                   guint       offset,
                   const char *label)
{
  GtkTextTag *tint = _glossator_article_view_get_label_tag (f->view, label, FALSE);
  g_autoptr(GSList) tags = NULL;
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) offset);
  tags = gtk_text_iter_get_tags (&iter);
  g_assert_nonnull (g_slist_find (tags, tint));
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean background;

      g_object_get (l->data, "background-set", &background, NULL);
      if (background)
        g_assert_true (l->data == tint || l->data == _glossator_article_view_get_label_tag (f->view, label, TRUE));
    }
}

/* Selecting a stance in the panel draws its evidence, outlines its holder
 * and target (the mentions in the evidence) and joins them with a curve
 * rising above both, from the top of the holder to the top of the target,
 * right of their middle (their chips are at their left). */
static void
test_selection_connects (Fixture       *f,
                         gconstpointer  data)
{
  GlossatorStanceLink link;
  GlossatorMention *anna = glossator_document_get_mention (f->document, f->anna[1]);
  GlossatorMention *steel = glossator_document_get_mention (f->document, f->steel[1]);
  GdkRectangle anna_rect = char_rect (f, glossator_mention_get_start (anna));
  GdkRectangle steel_rect = char_rect (f, glossator_mention_get_start (steel));
  GdkRectangle steel_end = char_rect (f, glossator_mention_get_end (steel) - 1);
  guint evidence = test_util_text_offset (f->text, "Anna Lind praised", 0);
  g_autoptr(GArray) marks = NULL;

  gtk_stack_set_visible_child_name (f->side, "stances");
  gui_test_flush ();
  glossator_stances_panel_select_stance (f->panel, f->favor);
  gui_test_flush ();
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->favor);

  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_true (link.stance != NULL && g_str_equal (link.stance->id, f->favor));
  assert_rgba (&link.color, glossator_schema_find_polarity (f->schema, "favor")->color);
  /* The mentions in the evidence, not the earlier ones. */
  g_assert_cmpstr (link.holder.mention->id, ==, f->anna[1]);
  g_assert_cmpstr (link.target.mention->id, ==, f->steel[1]);
  g_assert_cmpstr (link.holder.name, ==, "Anna Lind");
  g_assert_cmpstr (link.target.name, ==, "Nordic Steel");
  g_assert_cmpint (link.holder.place, ==, GLOSSATOR_STANCE_END_ON_SCREEN);
  g_assert_cmpint (link.target.place, ==, GLOSSATOR_STANCE_END_ON_SCREEN);
  g_assert_cmpint (link.holder.marker.width, ==, 0);
  g_assert_cmpint (link.target.marker.width, ==, 0);
  /* Each end is its mention's box; the connector meets its top middle. */
  g_assert_cmpint (link.holder.area.x, ==, anna_rect.x);
  g_assert_cmpint (link.holder.area.y, ==, anna_rect.y);
  g_assert_cmpint (link.target.area.x, ==, steel_rect.x);
  g_assert_cmpint (link.target.area.x + link.target.area.width, ==, steel_end.x + steel_end.width);
  g_assert_true (link.connected);
  g_assert_cmpfloat (link.holder.anchor.x, >, link.holder.area.x + link.holder.area.width / 2.0);
  g_assert_cmpfloat (link.holder.anchor.x, <, link.holder.area.x + link.holder.area.width);
  g_assert_cmpfloat (link.holder.anchor.y, <, link.holder.area.y);
  g_assert_cmpfloat (link.holder.anchor.y, >, link.holder.area.y - 4);
  g_assert_cmpfloat (link.target.anchor.x, >, link.target.area.x + link.target.area.width / 2.0);
  g_assert_cmpfloat (link.target.anchor.x, <, link.target.area.x + link.target.area.width);
  g_assert_cmpfloat (link.target.anchor.y, <, link.target.area.y);
  g_assert_cmpfloat (link.holder.anchor.x, <, link.target.anchor.x);
  g_assert_cmpfloat (link.control1.x, ==, link.holder.anchor.x);
  g_assert_cmpfloat (link.control2.x, ==, link.target.anchor.x);
  g_assert_cmpfloat (link.control1.y, <, MIN (link.holder.anchor.y, link.target.anchor.y) - 10);
  /* The evidence's first line starts at its first character. */
  g_assert_cmpuint (link.evidence->len, >=, 1);
  g_assert_cmpint (g_array_index (link.evidence, GdkRectangle, 0).x, ==, char_rect (f, evidence).x);
  g_assert_cmpint (g_array_index (link.evidence, GdkRectangle, 0).y, ==, char_rect (f, evidence).y);
  glossator_stance_link_clear (&link);

  /* Tints stay: no background tag over holder or target. */
  assert_tint_shows (f, glossator_mention_get_start (anna), "PERSON");
  assert_tint_shows (f, glossator_mention_get_start (steel), "ORG");

  /* Its margin mark is wider than the others. */
  marks = glossator_mention_text_list_stance_marks (f->text_view);
  g_assert_cmpint (mark_of (marks, f->favor)->area.width, >, mark_of (marks, f->against)->area.width);

  /* Deleting the holder's mention in the evidence joins the nearest
   * other one; undo brings it back. */
  g_assert_true (glossator_document_delete_mention (f->document, f->anna[1]));
  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_cmpstr (link.holder.mention->id, ==, f->anna[0]);
  glossator_stance_link_clear (&link);
  g_assert_true (glossator_document_undo (f->document));
  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_cmpstr (link.holder.mention->id, ==, f->anna[1]);
  glossator_stance_link_clear (&link);

  /* A topic and the author have no mention: nothing to join. */
  glossator_stances_panel_select_stance (f->panel, f->neutral);
  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_cmpstr (link.holder.mention->id, ==, f->kim);
  g_assert_null (link.target.mention);
  g_assert_cmpint (link.target.place, ==, GLOSSATOR_STANCE_END_NONE);
  g_assert_cmpstr (link.target.name, ==, "the plan");
  g_assert_false (link.connected);
  glossator_stance_link_clear (&link);
}

static gboolean
holder_place_is (Fixture                 *f,
                 GlossatorStanceEndPlace  place)
{
  GlossatorStanceLink link;
  gboolean result;

  glossator_mention_text_get_stance_link (f->text_view, &link);
  result = link.stance != NULL && link.holder.place == place;
  glossator_stance_link_clear (&link);
  return result;
}

static gboolean
holder_above (gpointer data)
{
  return holder_place_is (data, GLOSSATOR_STANCE_END_ABOVE);
}

static gboolean
holder_on_screen (gpointer data)
{
  return holder_place_is (data, GLOSSATOR_STANCE_END_ON_SCREEN);
}

static gboolean
target_on_screen (gpointer data)
{
  Fixture *f = data;
  GlossatorStanceLink link;
  gboolean result;

  glossator_mention_text_get_stance_link (f->text_view, &link);
  result = link.stance != NULL && link.target.place == GLOSSATOR_STANCE_END_ON_SCREEN;
  glossator_stance_link_clear (&link);
  return result;
}

static double
scroll_position (Fixture *f)
{
  return gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->text_view)));
}

static const char *
last_announced (Fixture *f)
{
  g_assert_cmpuint (f->announced->len, >, 0);
  return f->announced->pdata[f->announced->len - 1];
}

/* A holder pages above its evidence: a marker at the top edge names it,
 * the connector runs from the target to the marker; Ctrl+J goes to the
 * holder and, again, back. */
static void
test_off_screen_marker_and_jump (Fixture       *f,
                                 gconstpointer  data)
{
  GlossatorStanceLink link;
  GdkRectangle visible;
  double at_evidence;

  gtk_stack_set_visible_child_name (f->side, "stances");
  gui_test_flush ();
  glossator_stances_panel_select_stance (f->panel, f->far);
  gui_test_wait (holder_above, f);
  gui_test_flush ();

  gtk_text_view_get_visible_rect (GTK_TEXT_VIEW (f->text_view), &visible);
  glossator_mention_text_get_stance_link (f->text_view, &link);
  /* The holder's mention nearest the evidence: the second paragraph's. */
  g_assert_cmpstr (link.holder.mention->id, ==, f->anna[1]);
  g_assert_cmpint (link.holder.place, ==, GLOSSATOR_STANCE_END_ABOVE);
  g_assert_cmpstr (link.target.mention->id, ==, f->steel[2]);
  g_assert_cmpint (link.target.place, ==, GLOSSATOR_STANCE_END_ON_SCREEN);
  /* The marker: at the top edge, in view, in the text's column. */
  g_assert_cmpint (link.holder.marker.width, >, 0);
  g_assert_cmpint (link.holder.marker.y, >=, visible.y);
  g_assert_cmpint (link.holder.marker.y + link.holder.marker.height, <, visible.y + visible.height / 4);
  g_assert_cmpint (link.holder.marker.x, >=, visible.x + gtk_text_view_get_left_margin (GTK_TEXT_VIEW (f->text_view)));
  g_assert_cmpint (link.target.marker.width, ==, 0);
  g_assert_true (link.connected);
  g_assert_cmpfloat (link.holder.anchor.y, ==, link.holder.marker.y + link.holder.marker.height);
  g_assert_cmpfloat (link.holder.anchor.x, ==, link.holder.marker.x + link.holder.marker.width / 2.0);
  glossator_stance_link_clear (&link);

  /* Ctrl+J: to the holder, announced. */
  at_evidence = scroll_position (f);
  gtk_widget_grab_focus (GTK_WIDGET (f->text_view));
  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_j, GDK_CONTROL_MASK));
  gui_test_wait (holder_on_screen, f);
  g_assert_cmpstr (last_announced (f), ==, "Holder: Anna Lind");
  g_assert_cmpfloat (scroll_position (f), <, at_evidence);
  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_cmpint (link.target.place, ==, GLOSSATOR_STANCE_END_BELOW);
  g_assert_cmpint (link.target.marker.width, >, 0);
  glossator_stance_link_clear (&link);

  /* And back, to the same lines. */
  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_j, GDK_CONTROL_MASK));
  gui_test_wait (target_on_screen, f);
  g_assert_cmpstr (last_announced (f), ==, "Back to the evidence");
  g_assert_true (holder_above (f));
}

/* Showing the entities panel clears the shown stance's drawing, not the
 * margin marks; coming back draws it again. */
static void
test_panel_switch_clears (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GArray) marks = NULL;
  GlossatorStanceLink link;

  gtk_stack_set_visible_child_name (f->side, "stances");
  gui_test_flush ();
  glossator_stances_panel_select_stance (f->panel, f->against);
  gui_test_flush ();
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->against);

  gtk_stack_set_visible_child_name (f->side, "entities");
  gui_test_flush ();
  g_assert_null (glossator_mention_text_get_shown_stance (f->text_view));
  glossator_mention_text_get_stance_link (f->text_view, &link);
  g_assert_null (link.stance);
  g_assert_cmpuint (link.evidence->len, ==, 0);
  g_assert_false (link.connected);
  glossator_stance_link_clear (&link);
  marks = glossator_mention_text_list_stance_marks (f->text_view);
  g_assert_cmpuint (marks->len, ==, 4);

  gtk_stack_set_visible_child_name (f->side, "stances");
  gui_test_flush ();
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->against);
}

/* ] and [ step through the stances in the text's order, selecting each in
 * the panel (which shows itself) and announcing it; [ from the first
 * wraps to the last. */
static void
test_step_keys (Fixture       *f,
                gconstpointer  data)
{
  gtk_widget_grab_focus (GTK_WIDGET (f->text_view));
  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_bracketright, 0));
  gui_test_flush ();
  g_assert_true (gtk_stack_get_visible_child (f->side) == GTK_WIDGET (f->panel));
  g_assert_cmpstr (glossator_stances_panel_get_selected_stance (f->panel), ==, f->favor);
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->favor);
  g_assert_cmpstr (last_announced (f), ==, "Stance 1 of 5: Anna Lind → Nordic Steel: favor");

  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_bracketright, 0));
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->against);
  g_assert_cmpstr (last_announced (f), ==, "Stance 2 of 5: Ola Berg → Nordic Steel: against");
  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_bracketleft, 0));
  g_assert_cmpstr (glossator_mention_text_get_shown_stance (f->text_view), ==, f->favor);
  g_assert_true (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_bracketleft, 0));
  g_assert_cmpstr (glossator_stances_panel_get_selected_stance (f->panel), ==, f->far);
  g_assert_cmpstr (last_announced (f), ==, "Stance 5 of 5: Anna Lind → Nordic Steel: against");
  /* Not with Ctrl; the search entry keeps its brackets. */
  g_assert_false (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_bracketright, GDK_CONTROL_MASK));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/stance-marks/margin-marks", test_margin_marks);
  ADD ("/stance-marks/hover-text", test_mark_hover_text);
  ADD ("/stance-marks/selection-connects", test_selection_connects);
  ADD ("/stance-marks/off-screen-marker-and-jump", test_off_screen_marker_and_jump);
  ADD ("/stance-marks/panel-switch-clears", test_panel_switch_clears);
  ADD ("/stance-marks/step-keys", test_step_keys);
#undef ADD

  return g_test_run ();
}

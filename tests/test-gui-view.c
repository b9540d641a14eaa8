/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glossator-annotate-all-dialog.h"
#include "glossator-article-view-private.h"
#include "glossator-document-private.h"
#include "glossator-label-palette.h"
#include "glossator-mention-popover.h"
#include "gui-test-util.h"

/* The article view on a text with a BOM, CRLF, a tab, a ZWJ family, a
 * flag, NFC and NFD accents and Arabic, so that code point offsets, UTF-8
 * bytes and UTF-16 units all differ. */
static const char article[] =
  "\xEF\xBB\xBF"
  "Vladimir Putin met \U0001F469\u200D\U0001F469\u200D\U0001F467 families in Kyiv \U0001F1FA\U0001F1E6.\r\n"
  "Putin said:\t\u00ABCaf\u00E9\u00BB \u2014 Cafe\u0301 in \u0643\u064A\u064A\u0641.\r\n"
  "The putin dish; PUTIN again, Putin's plan.\r\n";

typedef struct {
  GlossatorText        *text;
  GlossatorDocument    *document;
  GlossatorSchema      *schema;
  GtkWindow            *window;
  GlossatorArticleView *view;
  GtkTextBuffer        *buffer;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->text = test_util_text_from_data (article);
  g_assert_true (glossator_text_has_bom (f->text));
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 900, 600);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->view));
  gtk_window_present (f->window);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (f->view));
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
}

static void
place_cursor (Fixture *f,
              guint    offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) offset);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
}

static gboolean
has_tag (Fixture    *f,
         GtkTextTag *tag,
         guint       offset)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (f->buffer, &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

static GtkTextTag *
label_tag (Fixture    *f,
           const char *label,
           gboolean    nested)
{
  return _glossator_article_view_get_label_tag (f->view, label, nested);
}

static GlossatorMention *
only_mention (Fixture *f)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (f->document);

  g_assert_cmpuint (mentions->len, ==, 1);
  return glossator_document_get_mention (f->document, ((GlossatorMention *) mentions->pdata[0])->id);
}

/* The mention the view has selected; there must be one. */
static GlossatorMention *
selected_mention (Fixture *f)
{
  const char *id = glossator_article_view_get_selected_mention (f->view);

  g_assert_nonnull (id);
  return glossator_document_get_mention (f->document, id);
}

static gboolean
press (Fixture *f,
       guint    keyval)
{
  return _glossator_article_view_handle_key (f->view, keyval, 0);
}

/* Selects [@start, @end) and presses @keyval, which the view takes. */
static void
select_and_press (Fixture *f,
                  guint    start,
                  guint    end,
                  guint    keyval)
{
  gui_test_select_range (f->buffer, start, end);
  g_assert_true (press (f, keyval));
}

static void
test_buffer_text (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  /* The buffer holds the text exactly: no BOM, CRLF kept, nothing normalised. */
  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  shown = gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
  g_assert_cmpstr (shown, ==, glossator_text_get_utf8 (f->text, NULL));
  g_assert_cmpint (gtk_text_buffer_get_char_count (f->buffer), ==, glossator_text_get_length (f->text));
  g_assert_true (glossator_article_view_get_document (f->view) == f->document);
  g_assert_false (glossator_article_view_get_read_only (f->view));
}

static char *
buffer_text (Fixture *f)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (f->buffer, &start, &end);
  return gtk_text_buffer_get_text (f->buffer, &start, &end, TRUE);
}

static guint
cursor_offset (Fixture *f)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_mark (f->buffer, &iter, gtk_text_buffer_get_insert (f->buffer));
  return (guint) gtk_text_iter_get_offset (&iter);
}

/* The text shown while its annotations load stays when they come: same
 * buffer contents, the reader's place kept, mentions tagged; another
 * text replaces it. */
static void
test_show_text (Fixture       *f,
                gconstpointer  data)
{
  gsize length;
  const char *utf8 = glossator_text_get_utf8 (f->text, &length);
  g_autoptr(GBytes) text = g_bytes_new (utf8, length);
  g_autoptr(GBytes) other = g_bytes_new_static ("Another text.\n", 14);
  g_autoptr(GlossatorMention) mention = NULL;
  g_autofree char *shown = NULL;
  g_autoptr(GError) error = NULL;
  guint kim = test_util_text_offset (f->text, "Kyiv", 0);
  guint end = kim + 4;

  mention = glossator_document_create_mention (f->document, "GPE", &kim, &end, 1, NULL, &error);
  g_assert_no_error (error);

  glossator_article_view_show_text (f->view, text);
  g_assert_null (glossator_article_view_get_document (f->view));
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, utf8);
  g_clear_pointer (&shown, g_free);
  g_assert_false (has_tag (f, label_tag (f, "GPE", FALSE), kim));
  place_cursor (f, kim + 1);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  gui_test_flush ();
  g_assert_true (glossator_article_view_get_document (f->view) == f->document);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, utf8);
  g_clear_pointer (&shown, g_free);
  g_assert_cmpuint (cursor_offset (f), ==, kim + 1);
  g_assert_true (has_tag (f, label_tag (f, "GPE", FALSE), kim));

  /* A different text is not kept; no text clears the view. */
  glossator_article_view_show_text (f->view, other);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, "Another text.\n");
  g_clear_pointer (&shown, g_free);
  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, utf8);
  g_clear_pointer (&shown, g_free);
  g_assert_cmpuint (cursor_offset (f), ==, 0);
  glossator_article_view_show_text (f->view, NULL);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, "");
  glossator_article_view_set_document (f->view, NULL, NULL, TRUE);
  g_clear_pointer (&shown, g_free);
  shown = buffer_text (f);
  g_assert_cmpstr (shown, ==, "");
}

static void
test_tag_key (Fixture       *f,
              gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Kyiv", 0), end = start + 4;
  GlossatorMention *mention;

  /* 3 is the default schema's third label. */
  select_and_press (f, start, end, GDK_KEY_3);

  mention = only_mention (f);
  g_assert_cmpstr (mention->label, ==, "GPE");
  g_assert_cmpuint (mention->n_fragments, ==, 1);
  g_assert_cmpuint (mention->fragments[0].start, ==, start);
  g_assert_cmpuint (mention->fragments[0].end, ==, end);
  g_assert_true (glossator_text_slice_equals (f->text, start, end, "Kyiv"));
  /* 19 chars, the family (5 code points), " families in " */
  g_assert_cmpuint (start, ==, 19 + 5 + 13);

  g_assert_true (has_tag (f, label_tag (f, "GPE", FALSE), start));
  g_assert_true (has_tag (f, label_tag (f, "GPE", FALSE), end - 1));
  g_assert_false (has_tag (f, label_tag (f, "GPE", FALSE), end));
  g_assert_false (has_tag (f, label_tag (f, "GPE", FALSE), start - 1));

  /* The new mention is selected and the text selection gone. */
  g_assert_cmpstr (glossator_article_view_get_selected_mention (f->view), ==, mention->id);
  g_assert_true (gui_test_has_tag (f->buffer, "selected", start));
  g_assert_false (gtk_text_buffer_get_has_selection (f->buffer));

  /* A key with no label does nothing; a letter key tags too. */
  gui_test_select_range (f->buffer, test_util_text_offset (f->text, "Putin", 1),
                         test_util_text_offset (f->text, "Putin", 1) + 5);
  g_assert_false (press (f, GDK_KEY_z));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 1);
  g_assert_true (press (f, GDK_KEY_p));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 2);
  mention = selected_mention (f);
  g_assert_cmpstr (mention->label, ==, "PERSON");
  g_assert_cmpuint (mention->fragments[0].start, ==, test_util_text_offset (f->text, "Putin", 1));
  g_assert_cmpuint (mention->fragments[0].start, ==, 37 + 4 + 1 + 2 + 1 + 2);
}

static void
test_snapping (Fixture       *f,
               gconstpointer  data)
{
  guint family = test_util_text_offset (f->text, "\U0001F469", 0);
  guint families_end = test_util_text_offset (f->text, "families", 0) + 8;
  GlossatorMention *mention;

  /* Part of two words grows to both words. */
  select_and_press (f, 1, test_util_text_offset (f->text, "Putin", 0) + 2, GDK_KEY_1);
  mention = only_mention (f);
  g_assert_cmpuint (mention->fragments[0].start, ==, 0);
  g_assert_cmpuint (mention->fragments[0].end, ==, 14);
  g_assert_true (glossator_text_slice_equals (f->text, 0, 14, "Vladimir Putin"));
  glossator_document_undo (f->document);

  /* Without snapping, only a grapheme is never split: a selection starting
   * inside the ZWJ family starts before it; white space is trimmed. */
  glossator_article_view_set_snap_to_words (f->view, FALSE);
  g_assert_false (glossator_article_view_get_snap_to_words (f->view));
  select_and_press (f, family + 2, families_end + 1, GDK_KEY_5);
  mention = only_mention (f);
  g_assert_cmpuint (mention->fragments[0].start, ==, family);
  g_assert_cmpuint (mention->fragments[0].end, ==, families_end);
  glossator_document_undo (f->document);

  select_and_press (f, 2, 5, GDK_KEY_1);
  mention = only_mention (f);
  g_assert_cmpuint (mention->fragments[0].start, ==, 2);
  g_assert_cmpuint (mention->fragments[0].end, ==, 5);
}

static void
test_relabel (Fixture       *f,
              gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Kyiv", 0);
  GlossatorMention *mention;
  g_autofree char *id = NULL;

  select_and_press (f, start, start + 4, GDK_KEY_3);
  id = g_strdup (only_mention (f)->id);

  /* The key on the selected mention changes its label. */
  g_assert_true (press (f, GDK_KEY_o));
  mention = only_mention (f);
  g_assert_cmpstr (mention->id, ==, id);
  g_assert_cmpstr (mention->label, ==, "ORG");
  g_assert_true (has_tag (f, label_tag (f, "ORG", FALSE), start));
  g_assert_false (has_tag (f, label_tag (f, "GPE", FALSE), start));
  /* The entity, alone with this mention, follows. */
  g_assert_cmpstr (glossator_document_get_entity (f->document, mention->entity_id)->label, ==, "ORG");

  /* Escape unselects; then the mention under the cursor is relabelled. */
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_null (glossator_article_view_get_selected_mention (f->view));
  g_assert_false (press (f, GDK_KEY_Escape));
  place_cursor (f, start + 2);
  g_assert_true (press (f, GDK_KEY_4));
  g_assert_cmpstr (only_mention (f)->label, ==, "LOC");
  g_assert_cmpstr (glossator_article_view_get_selected_mention (f->view), ==, id);

  /* Selecting exactly the mention again relabels it, no duplicate. */
  select_and_press (f, start, start + 4, GDK_KEY_3);
  g_assert_cmpstr (only_mention (f)->label, ==, "GPE");

  /* Nothing under the cursor: nothing to relabel. */
  press (f, GDK_KEY_Escape);
  place_cursor (f, test_util_text_offset (f->text, "said", 0));
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_cmpstr (only_mention (f)->label, ==, "GPE");
}

static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Kyiv", 0);
  GtkTextTag *gpe = label_tag (f, "GPE", FALSE);

  select_and_press (f, start, start + 4, GDK_KEY_3);
  g_assert_true (has_tag (f, gpe, start));

  g_assert_true (press (f, GDK_KEY_Delete));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 0);
  g_assert_cmpuint (glossator_document_get_n_entities (f->document), ==, 0);
  g_assert_false (has_tag (f, gpe, start));
  g_assert_null (glossator_article_view_get_selected_mention (f->view));
  g_assert_false (gui_test_has_tag (f->buffer, "selected", start));
  /* Nothing selected: Delete is the text view's again. */
  g_assert_false (press (f, GDK_KEY_Delete));

  g_assert_true (glossator_document_undo (f->document));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 1);
  g_assert_true (has_tag (f, gpe, start));
  g_assert_true (has_tag (f, gpe, start + 3));

  g_assert_true (glossator_document_redo (f->document));
  g_assert_false (has_tag (f, gpe, start));

  /* BackSpace deletes too. */
  glossator_document_undo (f->document);
  glossator_article_view_select_mention (f->view, only_mention (f)->id);
  g_assert_true (press (f, GDK_KEY_BackSpace));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 0);
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Kyiv", 0);
  guint starts[] = { start }, ends[] = { start + 4 };
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GError) error = NULL;

  mention = glossator_document_create_mention (f->document, "GPE", starts, ends, 1, NULL, &error);
  g_assert_no_error (error);
  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  g_assert_true (glossator_article_view_get_read_only (f->view));

  /* Keys are swallowed (with a bell) and change nothing. */
  select_and_press (f, 0, 8, GDK_KEY_1);
  glossator_article_view_select_mention (f->view, mention->id);
  g_assert_true (press (f, GDK_KEY_2));
  g_assert_true (press (f, GDK_KEY_Delete));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 1);
  g_assert_cmpstr (only_mention (f)->label, ==, "GPE");
  g_assert_null (_glossator_article_view_annotate_all (f->view));
  /* The label palette cannot be used either. */
  g_assert_false (gtk_widget_is_sensitive (gui_test_find_by_type (GTK_WIDGET (f->view),
                                                                  GLOSSATOR_TYPE_LABEL_PALETTE)));
}

static void
test_nested (Fixture       *f,
             gconstpointer  data)
{
  guint putin = test_util_text_offset (f->text, "Putin", 0);
  GtkTextTag *person = label_tag (f, "PERSON", FALSE);
  GtkTextTag *org_nested = label_tag (f, "ORG", TRUE);

  select_and_press (f, 0, putin + 5, GDK_KEY_1);
  select_and_press (f, putin, putin + 5, GDK_KEY_2);
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 2);

  /* The inner mention is marked where it overlaps the outer one. */
  g_assert_true (has_tag (f, person, 0));
  g_assert_true (has_tag (f, person, putin));
  g_assert_true (has_tag (f, org_nested, putin));
  g_assert_true (has_tag (f, org_nested, putin + 4));
  g_assert_false (has_tag (f, org_nested, putin - 1));
  g_assert_false (has_tag (f, org_nested, 0));
  g_assert_false (has_tag (f, label_tag (f, "PERSON", TRUE), putin));

  /* Deleting the inner one leaves the outer tint, without nesting. */
  press (f, GDK_KEY_Delete);
  g_assert_true (has_tag (f, person, putin));
  g_assert_false (has_tag (f, org_nested, putin));

  /* Undo through the document restores it. */
  glossator_document_undo (f->document);
  g_assert_true (has_tag (f, org_nested, putin));

  /* Alt+Left / Alt+Right reach nested mentions, even with the same start:
   * "Vladimir" (0–8) < "Vladimir Putin" (0–14) < "Putin" (9–14). */
  select_and_press (f, 0, 8, GDK_KEY_5);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpuint (glossator_mention_get_end (selected_mention (f)), ==, putin + 5);
  g_assert_cmpuint (glossator_mention_get_start (selected_mention (f)), ==, 0);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpuint (glossator_mention_get_start (selected_mention (f)), ==, putin);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpuint (glossator_mention_get_end (selected_mention (f)), ==, 8);
}

static void
test_discontinuous (Fixture       *f,
                    gconstpointer  data)
{
  guint starts[] = { 0, test_util_text_offset (f->text, "Putin", 1) };
  guint ends[] = { 8, test_util_text_offset (f->text, "Putin", 1) + 5 };
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GError) error = NULL;
  GtkTextTag *person = label_tag (f, "PERSON", FALSE);

  mention = glossator_document_create_mention (f->document, "PERSON", starts, ends, 2, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (has_tag (f, person, 0));
  g_assert_true (has_tag (f, person, starts[1]));
  g_assert_false (has_tag (f, person, 9));

  /* Selection shows every fragment. */
  glossator_article_view_select_mention (f->view, mention->id);
  g_assert_true (gui_test_has_tag (f->buffer, "selected", 3));
  g_assert_true (gui_test_has_tag (f->buffer, "selected", starts[1] + 2));
  g_assert_false (gui_test_has_tag (f->buffer, "selected", 10));

  /* Alt+Right / Alt+Left walk through the mentions. */
  glossator_article_view_select_mention (f->view, NULL);
  place_cursor (f, 0);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_null (glossator_article_view_get_selected_mention (f->view));
  place_cursor (f, 5);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_cmpstr (glossator_article_view_get_selected_mention (f->view), ==, mention->id);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_cmpstr (glossator_article_view_get_selected_mention (f->view), ==, mention->id);
  g_assert_true (press (f, GDK_KEY_Escape));
  place_cursor (f, 0);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_null (glossator_article_view_get_selected_mention (f->view));
}

static void
test_annotate_all (Fixture       *f,
                   gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Putin", 1);
  GlossatorAnnotateAllDialog *dialog;
  g_autoptr(GPtrArray) mentions = NULL;
  const char *entity_id;

  select_and_press (f, start, start + 5, GDK_KEY_1);
  entity_id = only_mention (f)->entity_id;

  dialog = GLOSSATOR_ANNOTATE_ALL_DIALOG (_glossator_article_view_annotate_all (f->view));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == f->window);
  /* Whole word and case: "Putin" on line 1 and "Putin's"; not itself. */
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 2);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_selected (dialog), ==, 2);

  /* Any case: "putin" and "PUTIN" as well. */
  g_object_set (dialog, "match-case", FALSE, NULL);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 4);
  g_object_set (dialog, "whole-word", FALSE, NULL);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 4);
  g_object_set (dialog, "match-case", TRUE, "whole-word", TRUE, NULL);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 2);

  g_assert_cmpuint (glossator_annotate_all_dialog_apply (dialog), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  mentions = glossator_document_list_mentions (f->document);
  g_assert_cmpuint (mentions->len, ==, 3);
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = mentions->pdata[i];

      g_assert_cmpstr (mention->label, ==, "PERSON");
      g_assert_cmpstr (mention->entity_id, ==, entity_id);
      g_assert_true (glossator_text_slice_equals (f->text, mention->fragments[0].start,
                                                  mention->fragments[0].end, "Putin"));
      g_assert_true (has_tag (f, label_tag (f, "PERSON", FALSE), mention->fragments[0].start));
    }
  g_assert_cmpuint (glossator_document_get_n_entities (f->document), ==, 1);
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->document, entity_id), ==, 3);

  /* One undo step. */
  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Annotate all");
  glossator_document_undo (f->document);
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 1);
  g_assert_false (has_tag (f, label_tag (f, "PERSON", FALSE), test_util_text_offset (f->text, "Putin", 0)));
}

static void
test_annotate_all_partial (Fixture       *f,
                           gconstpointer  data)
{
  guint first = test_util_text_offset (f->text, "Putin", 0);
  g_autoptr(GPtrArray) at = NULL;
  GlossatorAnnotateAllDialog *dialog;

  /* "Putin" on line 1 already a PERSON: only "Putin's" is left. */
  select_and_press (f, first, first + 5, GDK_KEY_1);
  select_and_press (f, test_util_text_offset (f->text, "Putin", 1),
                    test_util_text_offset (f->text, "Putin", 1) + 5, GDK_KEY_1);

  dialog = GLOSSATOR_ANNOTATE_ALL_DIALOG (_glossator_article_view_annotate_all (f->view));
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 1);

  /* Without case, "putin" and "PUTIN" too; leave one unchecked. */
  g_object_set (dialog, "match-case", FALSE, NULL);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_occurrences (dialog), ==, 3);
  glossator_annotate_all_dialog_set_selected (dialog, 0, FALSE);
  g_assert_cmpuint (glossator_annotate_all_dialog_get_n_selected (dialog), ==, 2);
  g_assert_cmpuint (glossator_annotate_all_dialog_apply (dialog), ==, 2);
  gtk_window_destroy (GTK_WINDOW (dialog));

  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 4);
  /* The unchecked one (the first in text order, "putin") stays untagged. */
  at = glossator_document_mentions_at (f->document, test_util_text_offset (f->text, "putin", 0));
  g_assert_cmpuint (at->len, ==, 0);
}

static void
test_search (Fixture       *f,
             gconstpointer  data)
{
  guint start, end;

  _glossator_article_view_search (f->view, "putin", FALSE, FALSE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 5);
  g_assert_true (gui_test_has_tag (f->buffer, "search-hit", test_util_text_offset (f->text, "PUTIN", 0)));
  g_assert_true (gui_test_has_tag (f->buffer, "search-hit", test_util_text_offset (f->text, "Putin", 2) + 4));
  g_assert_false (gui_test_has_tag (f->buffer, "search-hit", test_util_text_offset (f->text, "Putin", 2) + 5));

  /* A new query starts at the current match, which is selected: from the
   * top again. */
  gui_test_select_range (f->buffer, 0, 0);
  _glossator_article_view_search (f->view, "Putin", FALSE, TRUE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 3);
  g_assert_false (gui_test_has_tag (f->buffer, "search-hit", test_util_text_offset (f->text, "PUTIN", 0)));
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, &start, &end), ==, 0);
  g_assert_true (gui_test_has_tag (f->buffer, "search-current", start));

  /* Next selects the match, so a label key tags it. */
  _glossator_article_view_search_step (f->view, FALSE);
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, &start, &end), ==, 1);
  g_assert_cmpuint (start, ==, test_util_text_offset (f->text, "Putin", 1));
  g_assert_true (gtk_text_buffer_get_has_selection (f->buffer));
  g_assert_false (gui_test_has_tag (f->buffer, "search-current", test_util_text_offset (f->text, "Putin", 0)));
  g_assert_true (gui_test_has_tag (f->buffer, "search-current", start));
  g_assert_true (press (f, GDK_KEY_1));
  g_assert_cmpuint (only_mention (f)->fragments[0].start, ==, start);

  /* F3 steps too, Shift+F3 back, wrapping. */
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_F3, GDK_SHIFT_MASK));
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 0);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_F3, GDK_SHIFT_MASK));
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, NULL, NULL), ==, 2);

  /* Whole word. */
  _glossator_article_view_search (f->view, "Puti", TRUE, FALSE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 0);
  g_assert_false (gui_test_has_tag (f->buffer, "search-hit", test_util_text_offset (f->text, "Putin", 0)));
  _glossator_article_view_search (f->view, "Puti", FALSE, FALSE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 5);

  /* No normalisation, and never half a grapheme. */
  _glossator_article_view_search (f->view, "Caf\u00E9", FALSE, TRUE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 1);
  _glossator_article_view_search (f->view, "Cafe\u0301", FALSE, TRUE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 1);
  _glossator_article_view_search (f->view, "Cafe", FALSE, FALSE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 0);
  _glossator_article_view_search (f->view, "\u0643\u064A\u064A\u0641", TRUE, TRUE);
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 1);
  _glossator_article_view_search (f->view, "\U0001F1FA\U0001F1E6", FALSE, TRUE);
  g_assert_cmpint (_glossator_article_view_get_search_current (f->view, &start, &end), ==, 0);
  g_assert_cmpuint (end - start, ==, 2);

  /* Escape closes the search and clears the marks. */
  g_assert_true (press (f, GDK_KEY_Escape));
  g_assert_cmpuint (_glossator_article_view_get_n_search_hits (f->view), ==, 0);
  g_assert_false (gui_test_has_tag (f->buffer, "search-hit", start));
}

/* Runs the main loop for @ms milliseconds, frames included. */
static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (2000);
    }
}

/* Runs the main loop until the search found @n_hits; fails after 10 s. */
static void
wait_for_hits (Fixture *f,
               guint    n_hits)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (_glossator_article_view_get_n_search_hits (f->view) != n_hits)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      run_for (10);
    }
}

/* Ctrl+F takes a short selection as the query, selected in the focused
 * entry. A GtkText given its selection after the focus warns "unexpected
 * blinking selection" on its next frame, which is fatal here. */
static void
test_search_from_selection (Fixture       *f,
                            gconstpointer  data)
{
  static const struct {
    const char *word;     /* selected in the text first; NULL: nothing */
    gboolean    close;    /* Escape afterwards */
    const char *query;
    guint       n_hits;
  } steps[] = {
    { NULL, TRUE, "", 0 },
    /* The entry was focused once: the case that warned. */
    { "Putin", TRUE, "Putin", 5 },
    { "Kyiv", FALSE, "Kyiv", 1 },
    /* Ctrl+F again while the entry has the focus. */
    { "Putin", TRUE, "Putin", 5 },
  };
  GtkWidget *text_view = GTK_WIDGET (_glossator_article_view_get_text_view (f->view));
  GtkWidget *focus;
  int start, end;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const char *word = steps[i].word;

      if (word != NULL)
        gui_test_select_range (f->buffer, test_util_text_offset (f->text, word, 0),
                               test_util_text_offset (f->text, word, 0) + g_utf8_strlen (word, -1));
      else
        place_cursor (f, 0);

      glossator_article_view_begin_search (f->view);
      focus = gtk_root_get_focus (GTK_ROOT (f->window));
      g_assert_true (GTK_IS_TEXT (focus));
      g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (f->view)));
      g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (focus)), ==, steps[i].query);
      if (steps[i].query[0] != '\0')
        {
          g_assert_true (gtk_editable_get_selection_bounds (GTK_EDITABLE (focus), &start, &end));
          g_assert_cmpint (start, ==, 0);
          g_assert_cmpint (end, ==, g_utf8_strlen (steps[i].query, -1));
        }
      /* Frames pass: the entry blinks, or warns. */
      run_for (300);
      wait_for_hits (f, steps[i].n_hits);

      if (steps[i].close)
        {
          GtkWidget *entry = gtk_widget_get_parent (focus);
          gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

          g_assert_true (press (f, GDK_KEY_Escape));
          g_assert_true (gtk_root_get_focus (GTK_ROOT (f->window)) == text_view);
          /* Until the search bar has slid away. */
          while (gtk_widget_get_mapped (entry))
            {
              g_assert_cmpint (g_get_monotonic_time (), <, deadline);
              run_for (10);
            }
        }
    }
}

static void
test_popover (Fixture       *f,
              gconstpointer  data)
{
  guint kyiv = test_util_text_offset (f->text, "Kyiv", 0), putin = test_util_text_offset (f->text, "Putin", 1);
  g_autofree char *kyiv_id = NULL;
  g_autofree char *putin_entity = NULL;
  GlossatorMention *mention;
  GlossatorEntity *entity;
  GtkWidget *popover, *entry, *list;
  GtkListBoxRow *row;

  select_and_press (f, putin, putin + 5, GDK_KEY_1);
  putin_entity = g_strdup (only_mention (f)->entity_id);
  select_and_press (f, kyiv, kyiv + 4, GDK_KEY_1);
  kyiv_id = g_strdup (glossator_article_view_get_selected_mention (f->view));

  /* Enter on the selected mention opens the editor. */
  g_assert_true (press (f, GDK_KEY_Return));
  popover = _glossator_article_view_edit_mention (f->view);
  g_assert_true (GLOSSATOR_IS_MENTION_POPOVER (popover));
  /* It is really shown, next to the mention. */
  for (gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
       !gtk_widget_get_mapped (popover) && g_get_monotonic_time () < deadline;)
    g_main_context_iteration (NULL, FALSE);
  g_assert_true (gtk_widget_get_mapped (popover));
  g_assert_cmpstr (glossator_mention_popover_get_mention_id (GLOSSATOR_MENTION_POPOVER (popover)), ==, kyiv_id);
  /* The destructive Delete stands apart from Annotate All and Split, even
   * when the popover is no wider than its buttons. */
  {
    GtkWidget *annotate = gui_test_find_by_name (popover, "annotate-button");
    GtkWidget *delete = gui_test_find_by_name (popover, "delete-button");
    GtkWidget *buttons = gtk_widget_get_parent (delete);
    graphene_rect_t a, d;
    int width, height;

    gtk_widget_measure (buttons, GTK_ORIENTATION_HORIZONTAL, -1, &width, NULL, NULL, NULL);
    gtk_widget_measure (buttons, GTK_ORIENTATION_VERTICAL, width, &height, NULL, NULL, NULL);
    gtk_widget_size_allocate (buttons, &(GtkAllocation) { 0, 0, width, height }, -1);
    g_assert_true (gtk_widget_compute_bounds (annotate, buttons, &a));
    g_assert_true (gtk_widget_compute_bounds (delete, buttons, &d));
    g_assert_cmpfloat (d.origin.x - (a.origin.x + a.size.width), >=, 18);
    gtk_widget_queue_resize (buttons);
    gui_test_flush ();
  }

  /* Name and KB id go to the entity, the note to the mention, as one step. */
  gtk_editable_set_text (GTK_EDITABLE (gui_test_find_by_name (popover, "name-entry")), "Kyiv (city)");
  gtk_editable_set_text (GTK_EDITABLE (gui_test_find_by_name (popover, "kb-entry")), "Q1899");
  gtk_editable_set_text (GTK_EDITABLE (gui_test_find_by_name (popover, "note-entry")), "capital");
  g_signal_emit_by_name (gui_test_find_by_name (popover, "name-entry"), "activate");
  mention = glossator_document_get_mention (f->document, kyiv_id);
  entity = glossator_document_get_entity (f->document, mention->entity_id);
  g_assert_cmpstr (entity->name, ==, "Kyiv (city)");
  g_assert_cmpstr (entity->kb_id, ==, "Q1899");
  g_assert_cmpstr (mention->note, ==, "capital");
  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Edit mention");
  glossator_document_undo (f->document);
  mention = glossator_document_get_mention (f->document, kyiv_id);
  g_assert_null (mention->note);
  g_assert_null (glossator_document_get_entity (f->document, mention->entity_id)->kb_id);

  /* The typeahead lists the other entity; choosing it links (coreference). */
  popover = _glossator_article_view_edit_mention (f->view);
  entry = gui_test_find_by_name (popover, "link-entry");
  list = gui_test_find_by_name (popover, "link-list");
  gtk_editable_set_text (GTK_EDITABLE (entry), "put");
  gui_test_flush ();
  g_signal_emit_by_name (entry, "search-changed");
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 0);
  g_assert_nonnull (row);
  g_assert_null (gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  g_signal_emit_by_name (list, "row-activated", row);
  mention = glossator_document_get_mention (f->document, kyiv_id);
  g_assert_cmpstr (mention->entity_id, ==, putin_entity);
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->document, putin_entity), ==, 2);
  /* The old entity, now empty, is gone. */
  g_assert_cmpuint (glossator_document_get_n_entities (f->document), ==, 1);

  /* The label dropdown relabels; Split makes a new entity; Delete deletes. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gui_test_find_by_name (popover, "label-dropdown")), 2);
  g_assert_cmpstr (glossator_document_get_mention (f->document, kyiv_id)->label, ==, "GPE");
  g_assert_true (gtk_widget_get_sensitive (gui_test_find_by_name (popover, "split-button")));
  g_signal_emit_by_name (gui_test_find_by_name (popover, "split-button"), "clicked");
  g_assert_cmpstr (glossator_document_get_mention (f->document, kyiv_id)->entity_id, !=, putin_entity);
  g_assert_cmpuint (glossator_document_get_n_entities (f->document), ==, 2);
  g_signal_emit_by_name (gui_test_find_by_name (popover, "delete-button"), "clicked");
  g_assert_null (glossator_document_get_mention (f->document, kyiv_id));
  g_assert_false (gtk_widget_get_visible (popover));
}

static void
test_highlight_entity (Fixture       *f,
                       gconstpointer  data)
{
  guint first = test_util_text_offset (f->text, "Putin", 0), second = test_util_text_offset (f->text, "Putin", 1);
  g_autofree char *entity_id = NULL;
  GlossatorMention *mention;

  select_and_press (f, first, first + 5, GDK_KEY_1);
  entity_id = g_strdup (only_mention (f)->entity_id);
  select_and_press (f, second, second + 5, GDK_KEY_1);
  mention = selected_mention (f);
  glossator_document_link_mention (f->document, mention->id, entity_id);

  glossator_article_view_set_highlighted_entity (f->view, entity_id);
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", first));
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", second + 4));

  /* F3 without a search steps through the entity's mentions. */
  glossator_article_view_select_mention (f->view, NULL);
  place_cursor (f, 0);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_F3, 0));
  g_assert_cmpuint (glossator_mention_get_start (selected_mention (f)), ==, first);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_F3, 0));
  g_assert_cmpuint (glossator_mention_get_start (selected_mention (f)), ==, second);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_F3, 0));
  g_assert_cmpuint (glossator_mention_get_start (selected_mention (f)), ==, first);

  /* Changes follow after the batch; deleting the entity clears it. */
  press (f, GDK_KEY_Delete);
  gui_test_flush ();
  g_assert_false (gui_test_has_tag (f->buffer, "entity-highlight", first));
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", second));
  glossator_document_delete_entity (f->document, entity_id, GLOSSATOR_STANCES_UNSPECIFY);
  gui_test_flush ();
  g_assert_null (glossator_article_view_get_highlighted_entity (f->view));
  g_assert_false (gui_test_has_tag (f->buffer, "entity-highlight", second));
}

/* About 1 MB and 21,000 mentions, some nested. */
static GlossatorDocument *
create_big_document (GlossatorText **text_out)
{
  static const char paragraph[] = "Vladimir Putin met Olaf Scholz in Kyiv on Tuesday, and both of them spoke at length.\n";
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorEntity) person = glossator_entity_new ("e1", "Vladimir Putin", "PERSON");
  g_autoptr(GlossatorEntity) place = glossator_entity_new ("e2", "Kyiv", "GPE");
  g_autoptr(GlossatorEntity) surname = glossator_entity_new ("e3", "Putin", "PERSON");
  GlossatorDocument *document;
  guint n_paragraphs = 12500, length = sizeof paragraph - 1, id = 0;

  for (guint i = 0; i < n_paragraphs; i++)
    g_string_append (data, paragraph);
  text = glossator_text_new_from_data (data->str, data->len, &error);
  g_assert_no_error (error);

  document = glossator_document_new (text);
  _glossator_document_begin_load (document);
  glossator_document_put_entity (document, person);
  glossator_document_put_entity (document, place);
  glossator_document_put_entity (document, surname);
  for (guint i = 0; i < 10000; i++)
    {
      guint base = i * length;
      struct { guint start, end; const char *label, *entity; } spans[] = {
        { base, base + 14, "PERSON", "e1" },
        { base + 34, base + 38, "GPE", "e2" },
        { base + 9, base + 14, "PERSON", "e3" },
      };

      for (guint j = 0; j < (i % 10 == 0 ? 3u : 2u); j++)
        {
          g_autofree char *mention_id = g_strdup_printf ("m%u", ++id);
          g_autoptr(GlossatorMention) mention = glossator_mention_new (mention_id, spans[j].label, spans[j].entity);

          glossator_mention_add_fragment (mention, spans[j].start, spans[j].end);
          glossator_document_put_mention (document, mention);
        }
    }
  _glossator_document_end_load (document);

  *text_out = g_steal_pointer (&text);
  return document;
}

static void
test_big_article (void)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = create_big_document (&text);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GlossatorMention) created = NULL;
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GlossatorArticleView *view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  GtkTextBuffer *buffer;
  GtkTextTag *person, *person_nested;
  GtkTextIter iter, bound;
  guint paragraph = 85, starts[1], ends[1];
  double set_ms, build_ms, warm_ms, edit_ms, undo_ms, relabel_ms;
  gint64 t;

  g_assert_cmpuint (glossator_text_get_length (text), ==, 12500 * paragraph);
  g_assert_cmpuint (glossator_document_get_n_mentions (document), ==, 21000);

  gtk_window_set_default_size (window, 1000, 700);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  gui_test_flush ();

  t = g_get_monotonic_time ();
  glossator_article_view_set_document (view, document, schema, FALSE);
  set_ms = test_util_ms_since (t);
  g_assert_true (_glossator_article_view_is_building_tags (view));

  t = g_get_monotonic_time ();
  _glossator_article_view_finish_tags (view);
  build_ms = test_util_ms_since (t);
  g_assert_false (_glossator_article_view_is_building_tags (view));

  buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (view));
  person = _glossator_article_view_get_label_tag (view, "PERSON", FALSE);
  person_nested = _glossator_article_view_get_label_tag (view, "PERSON", TRUE);
  for (guint i = 0; i < 10000; i += 997)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) (i * paragraph + 10));
      g_assert_true (gtk_text_iter_has_tag (&iter, person));
      g_assert_true (gtk_text_iter_has_tag (&iter, person_nested) == (i % 10 == 0));
    }
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) (10500 * paragraph + 10));
  g_assert_false (gtk_text_iter_has_tag (&iter, person));

  /* The view segments the text in a thread; wait for it as a user would. */
  t = g_get_monotonic_time ();
  glossator_text_get_log_attrs (text);
  warm_ms = test_util_ms_since (t);

  /* One edit in the middle, by key: tags follow at once. */
  starts[0] = 6000 * paragraph + 19;
  ends[0] = starts[0] + 11;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) starts[0] + 1);
  gtk_text_buffer_get_iter_at_offset (buffer, &bound, (int) ends[0] - 1);
  gtk_text_buffer_select_range (buffer, &iter, &bound);
  t = g_get_monotonic_time ();
  g_assert_true (_glossator_article_view_handle_key (view, GDK_KEY_1, 0));
  edit_ms = test_util_ms_since (t);
  created = glossator_mention_ref (glossator_document_get_mention (document, glossator_article_view_get_selected_mention (view)));
  g_assert_cmpuint (created->fragments[0].start, ==, starts[0]);
  g_assert_cmpuint (created->fragments[0].end, ==, ends[0]);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) starts[0]);
  g_assert_true (gtk_text_iter_has_tag (&iter, person));

  t = g_get_monotonic_time ();
  glossator_document_set_mention_label (document, "m5", "ORG");
  relabel_ms = test_util_ms_since (t);

  t = g_get_monotonic_time ();
  glossator_document_undo (document);
  glossator_document_undo (document);
  undo_ms = test_util_ms_since (t) / 2;
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) starts[0]);
  g_assert_false (gtk_text_iter_has_tag (&iter, person));

  g_test_message ("1 MB, 21000 mentions: set_document %.1f ms (text + first chunk), "
                  "remaining tags %.1f ms (idle), rest of segmentation %.1f ms (thread), "
                  "tag by key %.2f ms, relabel %.2f ms, undo %.2f ms",
                  set_ms, build_ms, warm_ms, edit_ms, relabel_ms, undo_ms);
  /* Generous bounds (sanitizer builds); the point is no full rebuild per edit. */
  g_assert_cmpfloat (edit_ms, <, 50);
  g_assert_cmpfloat (relabel_ms, <, 50);
  g_assert_cmpfloat (undo_ms, <, 50);

  gtk_window_destroy (window);
  gui_test_flush ();
}

typedef struct {
  GlossatorArticleView *view;
  guint                 frames;
  gboolean              waiting_at_first_frame;
} WarmUpWatch;

static void
warm_up_frame_cb (GdkFrameClock *clock,
                  WarmUpWatch   *watch)
{
  if (watch->frames++ == 0)
    watch->waiting_at_first_frame = _glossator_article_view_is_warm_up_waiting (watch->view);
}

static gboolean
warm_up_started (gpointer data)
{
  WarmUpWatch *watch = data;

  return watch->frames > 0 && !_glossator_article_view_is_warm_up_waiting (watch->view);
}

/* Segmenting a long text waits until the frame showing it is drawn, so it
 * takes no core from that frame; a view that draws nothing starts at once. */
static void
test_warm_up_after_frame (void)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = create_big_document (&text);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GlossatorArticleView *view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  GlossatorArticleView *hidden = GLOSSATOR_ARTICLE_VIEW (g_object_ref_sink (glossator_article_view_new ()));
  WarmUpWatch watch = { view, 0, FALSE };
  GdkFrameClock *clock;
  gulong handler;

  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  gui_test_flush ();
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (view));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (warm_up_frame_cb), &watch);

  glossator_article_view_set_document (view, document, schema, FALSE);
  g_assert_true (_glossator_article_view_is_warm_up_waiting (view));
  gui_test_wait (warm_up_started, &watch);
  g_assert_true (watch.waiting_at_first_frame);
  /* Segmenting is done, or under way, and gives the same boundaries. */
  g_assert_true (glossator_text_is_grapheme_boundary (text, 10));

  /* No document: nothing to wait for. */
  glossator_article_view_set_document (view, NULL, NULL, TRUE);
  g_assert_false (_glossator_article_view_is_warm_up_waiting (view));
  /* Hidden before its frame: no frame will come, so it starts at once. */
  glossator_article_view_set_document (view, document, schema, FALSE);
  g_assert_true (_glossator_article_view_is_warm_up_waiting (view));
  gtk_widget_set_visible (GTK_WIDGET (view), FALSE);
  g_assert_false (_glossator_article_view_is_warm_up_waiting (view));

  glossator_article_view_set_document (hidden, document, schema, FALSE);
  g_assert_false (_glossator_article_view_is_warm_up_waiting (hidden));

  g_signal_handler_disconnect (clock, handler);
  g_object_unref (hidden);
  gtk_window_destroy (window);
  gui_test_flush ();
}

/* Scrolls to @data's mark "target" until the layout is far enough along
 * for the text view to land there. */
static gboolean
scrolled_to_target (gpointer data)
{
  GtkTextView *text_view = _glossator_article_view_get_text_view (data);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  GtkTextMark *target = gtk_text_buffer_get_mark (buffer, "target");
  GdkRectangle rect;
  GtkTextIter top, at;

  gtk_text_view_get_visible_rect (text_view, &rect);
  gtk_text_view_get_iter_at_location (text_view, &top, rect.x, rect.y);
  gtk_text_buffer_get_iter_at_mark (buffer, &at, target);
  if (gtk_text_iter_get_offset (&top) + 1000 >= gtk_text_iter_get_offset (&at))
    return TRUE;
  gtk_text_view_scroll_to_mark (text_view, target, 0.0, TRUE, 0.0, 0.0);
  return FALSE;
}

/* The text shown while the sidecar loads stays where the reader scrolled
 * to; its mention tags come before the rest of the article's. */
static void
test_kept_text_tags_visible_first (void)
{
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = create_big_document (&text);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GlossatorArticleView *view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  GtkTextView *text_view = _glossator_article_view_get_text_view (view);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (text_view);
  g_autoptr(GBytes) bytes = NULL;
  GtkTextTag *person;
  GtkTextIter iter;
  GdkRectangle rect;
  const char *utf8;
  gsize n_bytes;
  guint paragraph = 85, top, i;

  utf8 = glossator_text_get_utf8 (text, &n_bytes);
  bytes = g_bytes_new (utf8, n_bytes);
  gtk_window_set_default_size (window, 800, 600);
  gtk_window_set_child (window, GTK_WIDGET (view));
  gtk_window_present (window);
  gui_test_flush ();

  glossator_article_view_show_text (view, bytes);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3000 * paragraph);
  gtk_text_buffer_create_mark (buffer, "target", &iter, TRUE);
  gui_test_wait (scrolled_to_target, view);

  glossator_article_view_set_document (view, document, schema, FALSE);
  g_assert_true (_glossator_article_view_is_building_tags (view));
  person = _glossator_article_view_get_label_tag (view, "PERSON", FALSE);

  /* Every paragraph in view has its mention tag, before any idle time. */
  gtk_text_view_get_visible_rect (text_view, &rect);
  gtk_text_view_get_iter_at_location (text_view, &iter, rect.x, rect.y);
  top = (guint) gtk_text_iter_get_offset (&iter);
  g_assert_cmpuint (top, >=, 200000);
  for (i = top / paragraph + 1; i < top / paragraph + 5; i++)
    {
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) (i * paragraph + 10));
      g_assert_true (gtk_text_iter_has_tag (&iter, person));
    }
  /* Far below, the rest waits for idle time. */
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) (9000 * paragraph + 10));
  g_assert_false (gtk_text_iter_has_tag (&iter, person));

  _glossator_article_view_finish_tags (view);
  g_assert_true (gtk_text_iter_has_tag (&iter, person));

  gtk_window_destroy (window);
  gui_test_flush ();
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/view/buffer-text", test_buffer_text);
  ADD ("/gui/view/show-text", test_show_text);
  ADD ("/gui/view/tag-key", test_tag_key);
  ADD ("/gui/view/snapping", test_snapping);
  ADD ("/gui/view/relabel", test_relabel);
  ADD ("/gui/view/delete-undo", test_delete_undo);
  ADD ("/gui/view/read-only", test_read_only);
  ADD ("/gui/view/nested", test_nested);
  ADD ("/gui/view/discontinuous", test_discontinuous);
  ADD ("/gui/view/annotate-all", test_annotate_all);
  ADD ("/gui/view/annotate-all-partial", test_annotate_all_partial);
  ADD ("/gui/view/search", test_search);
  ADD ("/gui/view/search-from-selection", test_search_from_selection);
  ADD ("/gui/view/popover", test_popover);
  ADD ("/gui/view/highlight-entity", test_highlight_entity);
#undef ADD
  g_test_add_func ("/gui/view/big-article", test_big_article);
  g_test_add_func ("/gui/view/warm-up-after-frame", test_warm_up_after_frame);
  g_test_add_func ("/gui/view/kept-text-tags-visible-first", test_kept_text_tags_visible_first);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "glossator-mention-text.h"
#include "glossator-candidate-row.h"
#include "glossator-stance-editor-private.h"
#include "glossator-stance-flow-private.h"
#include "glossator-stance-row.h"
#include "glossator-stances-panel-private.h"
#include "glossator-typeahead.h"
#include "gui-test-util.h"

/* The stance editor, the stances panel and the keyboard flow on an article
 * view, on a text with a BOM, CRLF, a tab, a ZWJ family, a flag, NFD and
 * NFC accents, Arabic and Hebrew, so that code points, UTF-8 bytes and
 * UTF-16 units all differ. */
static const char article[] =
  "\xEF\xBB\xBF"
  "Caf\u00E9 \U0001F1FA\U0001F1E6 report.\r\n"
  "\u201CThe Ministry of Trade failed the families \U0001F469\u200D\U0001F469\u200D\U0001F467,\u201D "
  "said Maria Keller, an analyst at the Cafe\u0301 Institute.\r\n"
  "The Foreign Ministry said:\t\u00ABThe sanctions are working.\u00BB\r\n"
  "\u0627\u0644\u0639\u0642\u0648\u0628\u0627\u062A \u05E2\u05D5\u05D1\u05D3\u05D5\u05EA matter to Maria Keller too.\r\n";

static const char keller_sentence[] =
  "\u201CThe Ministry of Trade failed the families \U0001F469\u200D\U0001F469\u200D\U0001F467,\u201D "
  "said Maria Keller, an analyst at the Cafe\u0301 Institute.";

typedef struct {
  GlossatorText         *text;
  GlossatorDocument     *document;
  GlossatorSchema       *schema;
  char                  *dir;
  GFile                 *folder;
  GtkWindow             *window;
  GtkStack              *side;
  GlossatorArticleView  *view;
  GlossatorStancesPanel *panel;
  GlossatorStanceEditor *editor;
  GlossatorStanceFlow   *flow;
  GtkTextBuffer         *buffer;
  char                  *keller;      /* mention ids */
  char                  *trade;
  char                  *foreign;
  char                  *keller2;
  GPtrArray             *notices;     /* char*, the panel's "notice" messages */
} Fixture;

typedef gboolean (*Condition) (Fixture    *f,
                               const char *arg);

/* Runs the main loop until @condition holds (a topic written on a worker
 * thread); fails after 10 s. */
static void
wait_until (Fixture    *f,
            Condition   condition,
            const char *arg)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!condition (f, arg))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
notice_cb (Fixture    *f,
           const char *message)
{
  g_ptr_array_add (f->notices, g_strdup (message));
}

static const char *
entity_of (Fixture    *f,
           const char *mention_id)
{
  return glossator_document_get_mention (f->document, mention_id)->entity_id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *box;

  f->text = test_util_text_from_data (article);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->dir = g_dir_make_tmp ("glossator-stances-XXXXXX", &error);
  g_assert_no_error (error);
  f->folder = g_file_new_for_path (f->dir);

  f->keller = test_util_tag_id (f->document, "Maria Keller", 0, "PERSON", NULL);
  f->trade = test_util_tag_id (f->document, "Ministry of Trade", 0, "ORG", NULL);
  f->foreign = test_util_tag_id (f->document, "Foreign Ministry", 0, "ORG", NULL);
  f->keller2 = test_util_tag_id (f->document, "Maria Keller", 1, "PERSON", entity_of (f, f->keller));

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
  f->flow = glossator_stance_flow_attach (f->view, f->panel, f->folder);
  f->editor = glossator_stances_panel_get_editor (f->panel);
  f->buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (f->view));
  f->notices = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect_swapped (f->panel, "notice", G_CALLBACK (notice_cb), f);
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
  g_clear_object (&f->folder);
  test_util_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->keller);
  g_free (f->trade);
  g_free (f->foreign);
  g_free (f->keller2);
  g_clear_pointer (&f->notices, g_ptr_array_unref);
}

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_in (Fixture   *f,
          GtkWidget *widget)
{
  GtkWidget *focus = focus_widget (f);

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static void
focus_text (Fixture *f)
{
  gtk_widget_grab_focus (GTK_WIDGET (_glossator_article_view_get_text_view (f->view)));
  g_assert_true (focus_in (f, GTK_WIDGET (_glossator_article_view_get_text_view (f->view))));
}

/* A key pressed with the focus in the article text: the flow sees it
 * first, as its capture controller on the view does. */
static gboolean
press_in_text (Fixture         *f,
               guint            keyval,
               GdkModifierType  state)
{
  if (_glossator_stance_flow_handle_key (f->flow, keyval, state))
    return TRUE;
  return _glossator_article_view_handle_key (f->view, keyval, state);
}

static gboolean
press_in_editor (Fixture         *f,
                 guint            keyval,
                 GdkModifierType  state)
{
  return _glossator_stance_editor_handle_key (f->editor, keyval, state);
}

static void
type_into (Fixture    *f,
           GtkWidget  *entry,
           const char *text)
{
  g_assert_true (focus_in (f, entry));
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

/* The text view draws @stance_id, its evidence, its holder's and its
 * target's mentions (NULL: none drawn). */
static void
assert_shown (Fixture    *f,
              const char *stance_id,
              const char *holder,
              const char *target)
{
  GlossatorMentionText *text = GLOSSATOR_MENTION_TEXT (_glossator_article_view_get_text_view (f->view));
  GlossatorStanceLink link;

  g_assert_cmpstr (glossator_mention_text_get_shown_stance (text), ==, stance_id);
  glossator_mention_text_get_stance_link (text, &link);
  g_assert_nonnull (link.stance);
  g_assert_cmpuint (link.evidence->len, >, 0);
  g_assert_cmpstr (link.holder.mention != NULL ? link.holder.mention->id : NULL, ==, holder);
  g_assert_cmpstr (link.target.mention != NULL ? link.target.mention->id : NULL, ==, target);
  glossator_stance_link_clear (&link);
}

static GlossatorStance *
only_stance (Fixture *f)
{
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (f->document);

  g_assert_cmpuint (stances->len, ==, 1);
  return glossator_document_get_stance (f->document, ((GlossatorStance *) stances->pdata[0])->id);
}

static void
assert_evidence (Fixture         *f,
                 GlossatorStance *stance,
                 const char      *expected)
{
  g_autofree char *slice = NULL;

  g_assert_cmpuint (stance->n_evidence, ==, 1);
  slice = glossator_text_slice (f->text, stance->evidence[0].start, stance->evidence[0].end);
  g_assert_cmpstr (slice, ==, expected);
  g_assert_cmpstr (stance->evidence[0].exact, ==, expected);
}

/* S on a mention: its entity holds the stance, its sentence is the
 * evidence, the focus is on the target; type, Enter, A, Enter. */
static void
test_entity_holder (Fixture       *f,
                    gconstpointer  data)
{
  g_auto(GStrv) candidates = NULL;
  g_auto(GStrv) rows = NULL;
  GlossatorStance *stance;
  guint start, end;

  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();

  g_assert_true (glossator_stances_panel_is_editing (f->panel));
  /* The panel showed itself in the side stack. */
  g_assert_true (gtk_stack_get_visible_child (f->side) == GTK_WIDGET (f->panel));
  g_assert_true (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_holder_entry (f->editor))),
                   ==, "Maria Keller");
  g_assert_true (glossator_stance_editor_get_evidence (f->editor, &start, &end));
  g_assert_cmpuint (start, ==, test_util_text_offset (f->text, "\u201CThe Ministry", 0));
  /* The evidence shows in the text while the stance is written. */
  g_assert_true (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, start));
  g_assert_true (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, end - 1));
  g_assert_false (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, end + 2));

  /* Nearby entities first, the holder left out. */
  candidates = _glossator_stance_editor_dup_candidates (f->editor, FALSE);
  g_assert_cmpstr (candidates[0], ==, "Ministry of Trade, ORG");
  g_assert_cmpstr (candidates[1], ==, "Foreign Ministry, ORG");
  g_assert_false (g_strv_contains ((const char * const *) candidates, "Maria Keller, PERSON"));
  g_assert_cmpstr (candidates[g_strv_length (candidates) - 1], ==, "Unspecified");

  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "trade");
  g_clear_pointer (&candidates, g_strfreev);
  candidates = _glossator_stance_editor_dup_candidates (f->editor, FALSE);
  g_assert_cmpstr (candidates[0], ==, "Ministry of Trade, ORG");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_target_entry (f->editor))),
                   ==, "Ministry of Trade");
  g_assert_false (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));

  g_assert_true (press_in_editor (f, GDK_KEY_a, 0));
  g_assert_cmpstr (_glossator_stance_editor_get_polarity (f->editor), ==, "against");
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 0);
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  gui_test_flush ();

  stance = only_stance (f);
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_ENTITY);
  g_assert_cmpstr (stance->holder_entity, ==, entity_of (f, f->keller));
  g_assert_cmpint (stance->target_kind, ==, GLOSSATOR_TARGET_ENTITY);
  g_assert_cmpstr (stance->target, ==, entity_of (f, f->trade));
  g_assert_cmpstr (stance->polarity, ==, "against");
  g_assert_cmpuint (stance->intensity, ==, 0);
  g_assert_null (stance->attributes);
  assert_evidence (f, stance, keller_sentence);

  /* Back in the text, the stance listed and shown. */
  g_assert_false (glossator_stances_panel_is_editing (f->panel));
  g_assert_true (focus_in (f, GTK_WIDGET (_glossator_article_view_get_text_view (f->view))));
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpuint (g_strv_length (rows), ==, 1);
  g_assert_cmpstr (rows[0], ==, "Maria Keller → Ministry of Trade: against");
  g_assert_cmpstr (glossator_stances_panel_get_selected_stance (f->panel), ==, stance->id);
  /* The holder's mention in the evidence, not its later one. */
  assert_shown (f, stance->id, f->keller, f->trade);

  /* One undo step. */
  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Add stance");
  g_assert_true (glossator_document_undo (f->document));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 0);
  g_clear_pointer (&rows, g_strfreev);
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpuint (g_strv_length (rows), ==, 0);
  g_assert_true (glossator_document_redo (f->document));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 1);
}

static gboolean
schema_file_has_topic (Fixture    *f,
                       const char *topic)
{
  g_autoptr(GFile) file = g_file_get_child (f->folder, GLOSSATOR_SCHEMA_FILE_NAME);
  g_autoptr(GlossatorSchema) schema = NULL;

  /* Not there yet while the worker writes it. */
  schema = glossator_schema_load (file, NULL, NULL);
  return schema != NULL && g_strv_contains (glossator_schema_get_topics (schema), topic);
}

/* The write is done and the window told (the schema then knows its file). */
static gboolean
topic_saved (Fixture    *f,
             const char *topic)
{
  return schema_file_has_topic (f, topic) && glossator_schema_get_file (f->schema) != NULL;
}

static gboolean
has_problem (Fixture    *f,
             const char *unused)
{
  return _glossator_stances_panel_get_problem (f->panel) != NULL;
}

static gboolean
has_two_notices (Fixture    *f,
                 const char *unused)
{
  return f->notices->len >= 2;
}

/* A ministry toward a topic typed as the target: the topic joins the
 * schema, which is written into the schema folder when it was the
 * built-in default. */
static void
test_topic_target (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) file = g_file_get_child (f->folder, GLOSSATOR_SCHEMA_FILE_NAME);
  g_auto(GStrv) candidates = NULL;
  GlossatorStance *stance;

  g_assert_null (glossator_schema_get_file (f->schema));
  glossator_article_view_select_mention (f->view, f->foreign);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "Sanctions");
  candidates = _glossator_stance_editor_dup_candidates (f->editor, FALSE);
  g_assert_cmpstr (candidates[0], ==, "“Sanctions”, new topic");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  /* The polarity key, upper case too. */
  g_assert_true (press_in_editor (f, GDK_KEY_F, GDK_SHIFT_MASK));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  gui_test_flush ();

  stance = only_stance (f);
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_ENTITY);
  g_assert_cmpstr (stance->holder_entity, ==, entity_of (f, f->foreign));
  g_assert_cmpint (stance->target_kind, ==, GLOSSATOR_TARGET_TOPIC);
  g_assert_cmpstr (stance->target, ==, "Sanctions");
  g_assert_cmpstr (stance->polarity, ==, "favor");
  assert_evidence (f, stance, "The Foreign Ministry said:\t\u00ABThe sanctions are working.\u00BB");

  /* In the schema at once, in its file soon after. */
  g_assert_true (g_strv_contains (glossator_schema_get_topics (f->schema), "Sanctions"));
  wait_until (f, topic_saved, "Sanctions");
  gui_test_flush ();
  g_assert_true (g_file_equal (glossator_schema_get_file (f->schema), file));
  g_assert_null (_glossator_stances_panel_get_problem (f->panel));
  /* The file made is named. */
  g_assert_cmpuint (f->notices->len, ==, 1);
  {
    g_autofree char *base = g_path_get_basename (f->dir);
    g_autofree char *expected = g_strdup_printf ("Topic “Sanctions” saved in %s/glossator-schema.json, a new label schema",
                                                 base);

    g_assert_cmpstr (g_ptr_array_index (f->notices, 0), ==, expected);
  }

  /* Typed again in other case, it is the same topic: no new one. */
  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "SANCTIONS");
  g_clear_pointer (&candidates, g_strfreev);
  candidates = _glossator_stance_editor_dup_candidates (f->editor, FALSE);
  g_assert_cmpstr (candidates[0], ==, "Sanctions, topic");
  for (guint i = 0; candidates[i] != NULL; i++)
    g_assert_false (g_str_has_suffix (candidates[i], "new topic"));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_u, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 2);
  g_assert_cmpuint (g_strv_length ((GStrv) glossator_schema_get_topics (f->schema)), ==, 1);

  /* A second new topic goes to the file the first one created. */
  glossator_article_view_select_mention (f->view, f->trade);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "families \U0001F469\u200D\U0001F469\u200D\U0001F467");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_n, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  wait_until (f, schema_file_has_topic, "families \U0001F469\u200D\U0001F469\u200D\U0001F467");
  g_assert_true (schema_file_has_topic (f, "Sanctions"));
  /* Written to the schema in use: where it went is said too. */
  wait_until (f, has_two_notices, NULL);
  {
    g_autofree char *base = g_path_get_basename (f->dir);
    g_autofree char *expected = g_strdup_printf ("Topic “families \U0001F469\u200D\U0001F469\u200D\U0001F467” "
                                                 "added to the label schema %s/glossator-schema.json", base);

    g_assert_cmpstr (g_ptr_array_index (f->notices, 1), ==, expected);
  }
}

/* The Foreign Ministry against the new topic "tariffs", by keyboard; then
 * waits until the panel shows a problem (the topic was not written). */
static void
record_tariffs_stance (Fixture *f)
{
  glossator_article_view_select_mention (f->view, f->foreign);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "tariffs");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_a, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));

  g_assert_cmpstr (only_stance (f)->target, ==, "tariffs");
  wait_until (f, has_problem, NULL);
}

/* A topic that cannot be written says so; the stance is saved anyway. */
static void
test_topic_save_fails (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "not-a-folder", NULL);
  g_autoptr(GFile) not_a_folder = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, "", 0, &error);
  g_assert_no_error (error);
  glossator_stance_flow_attach (f->view, f->panel, not_a_folder);

  record_tariffs_stance (f);
  g_assert_nonnull (strstr (_glossator_stances_panel_get_problem (f->panel), "“tariffs”"));
}

/* The schema in use is a link in the folder to a file there that broke
 * since it was read: the problem names that file, the one not written. */
static void
test_topic_save_fails_names_file (Fixture       *f,
                                  gconstpointer  data)
{
  static const char schema_json[] =
    "{\"format\": \"glossator-schema\", \"version\": 1, \"topics\": []}";
  g_autofree char *team = g_build_filename (f->dir, "team \U0001F1FA\U0001F1E6.json", NULL);
  g_autofree char *link = g_build_filename (f->dir, "glossator-schema.json", NULL);
  g_autoptr(GFile) link_file = g_file_new_for_path (link);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem;

  g_file_set_contents (team, schema_json, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("team \U0001F1FA\U0001F1E6.json", link), ==, 0);
  schema = glossator_schema_load (link_file, NULL, &error);
  g_assert_no_error (error);
  glossator_article_view_set_document (f->view, f->document, schema, FALSE);
  gui_test_flush ();
  g_file_set_contents (team, "{\"format\": \"glossator-schema\", \"labels\": [", -1, &error);
  g_assert_no_error (error);

  record_tariffs_stance (f);
  problem = _glossator_stances_panel_get_problem (f->panel);
  g_assert_nonnull (strstr (problem, "“tariffs”"));
  g_assert_nonnull (strstr (problem, team));
  g_assert_null (strstr (problem, link));
}

/* Shift+S: the author holds the stance; a selected mention is the target. */
static void
test_author (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) stances = NULL;
  GlossatorStance *stance;
  GtkTextIter iter;

  glossator_article_view_select_mention (f->view, f->trade);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_S, GDK_SHIFT_MASK));
  gui_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_holder_entry (f->editor))),
                   ==, "Author");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_target_entry (f->editor))),
                   ==, "Ministry of Trade");
  /* Nothing left to type: the focus is on the polarities. */
  g_assert_false (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  g_assert_true (press_in_editor (f, GDK_KEY_n, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_3, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));

  stance = only_stance (f);
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_AUTHOR);
  g_assert_null (stance->holder_entity);
  g_assert_cmpstr (stance->target, ==, entity_of (f, f->trade));
  g_assert_cmpstr (stance->polarity, ==, "neutral");
  g_assert_cmpuint (stance->intensity, ==, 3);
  assert_evidence (f, stance, keller_sentence);

  /* A document-level stance from the panel's Author button: no mention,
   * no selection, so no evidence; the target is asked for. */
  glossator_article_view_select_mention (f->view, NULL);
  gtk_text_buffer_get_start_iter (f->buffer, &iter);
  gtk_text_buffer_place_cursor (f->buffer, &iter);
  _glossator_stances_panel_new_stance (f->panel, TRUE);
  gui_test_flush ();
  g_assert_true (glossator_stances_panel_is_editing (f->panel));
  g_assert_false (glossator_stance_editor_get_evidence (f->editor, NULL, NULL));
  g_assert_true (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "keller");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_f, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, GDK_CONTROL_MASK));

  stances = glossator_document_list_stances (f->document);
  g_assert_cmpuint (stances->len, ==, 2);
  stance = stances->pdata[1];
  g_assert_cmpint (stance->holder_kind, ==, GLOSSATOR_HOLDER_AUTHOR);
  g_assert_cmpstr (stance->target, ==, entity_of (f, f->keller));
  g_assert_cmpuint (stance->n_evidence, ==, 0);
}

/* A selection without a mention: it is the evidence, the holder is asked
 * for first; intensity, note and reported speech are kept. */
static void
test_selection_evidence (Fixture       *f,
                         gconstpointer  data)
{
  g_auto(GStrv) candidates = NULL;
  GlossatorStance *stance;
  guint start = test_util_text_offset (f->text, "sanctions are", 0);
  guint end = test_util_text_offset (f->text, "working", 0) + 3;
  JsonNode *reported;

  gui_test_select_range (f->buffer, start, end);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  g_assert_true (focus_in (f, _glossator_stance_editor_get_holder_entry (f->editor)));

  /* The entity nearest to the evidence comes first. */
  candidates = _glossator_stance_editor_dup_candidates (f->editor, TRUE);
  g_assert_cmpstr (candidates[0], ==, "Foreign Ministry, ORG");
  g_assert_true (g_strv_contains ((const char * const *) candidates, "Author, of the article"));

  type_into (f, _glossator_stance_editor_get_holder_entry (f->editor), "mini");
  g_clear_pointer (&candidates, g_strfreev);
  candidates = _glossator_stance_editor_dup_candidates (f->editor, TRUE);
  g_assert_cmpuint (g_strv_length (candidates), ==, 2);
  g_assert_cmpstr (candidates[0], ==, "Ministry of Trade, ORG");
  g_assert_cmpstr (candidates[1], ==, "Foreign Ministry, ORG");
  /* Down picks the second. */
  g_assert_true (press_in_editor (f, GDK_KEY_Down, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  type_into (f, _glossator_stance_editor_get_target_entry (f->editor), "sanctions");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_2, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_f, 0));
  _glossator_stance_editor_set_note (f->editor, "  quoted in \u05E2\u05D1\u05E8\u05D9\u05EA  ");
  _glossator_stance_editor_set_reported_speech (f->editor, TRUE);
  g_assert_nonnull (glossator_stance_editor_save (f->editor));

  stance = only_stance (f);
  g_assert_cmpstr (stance->holder_entity, ==, entity_of (f, f->foreign));
  g_assert_cmpint (stance->target_kind, ==, GLOSSATOR_TARGET_TOPIC);
  g_assert_cmpstr (stance->target, ==, "sanctions");
  g_assert_cmpuint (stance->intensity, ==, 2);
  g_assert_cmpstr (stance->note, ==, "quoted in \u05E2\u05D1\u05E8\u05D9\u05EA");
  /* Snapped to words. */
  assert_evidence (f, stance, "sanctions are working");
  g_assert_nonnull (stance->attributes);
  reported = json_object_get_member (stance->attributes, "reported_speech");
  g_assert_nonnull (reported);
  g_assert_true (json_node_get_boolean (reported));
}

/* A selection inside a mention (as a search match leaves it) means that
 * mention. */
static void
test_selection_is_mention (Fixture       *f,
                           gconstpointer  data)
{
  guint start = test_util_text_offset (f->text, "Foreign Ministry", 0);
  guint evidence_start, evidence_end;

  gui_test_select_range (f->buffer, start, start + strlen ("Foreign"));
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_holder_entry (f->editor))),
                   ==, "Foreign Ministry");
  g_assert_true (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  g_assert_true (glossator_stance_editor_get_evidence (f->editor, &evidence_start, &evidence_end));
  g_assert_cmpuint (evidence_start, ==, test_util_text_offset (f->text, "The Foreign", 0));
  g_assert_cmpuint (evidence_end, >, start + strlen ("Foreign Ministry"));
}

/* While the editor is open: a click on a mention picks its entity; the
 * selection can become the evidence; sentences can be added. */
static void
test_editing_with_text (Fixture       *f,
                        gconstpointer  data)
{
  gboolean handled = FALSE;
  guint start, end, s_start, s_end;

  glossator_article_view_select_mention (f->view, f->foreign);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();

  glossator_article_view_select_mention (f->view, f->keller2);
  _glossator_stance_flow_mention_clicked (f->flow);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_target_entry (f->editor))),
                   ==, "Maria Keller");
  g_assert_false (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));

  /* No selection: nothing to use. */
  g_signal_emit_by_name (f->editor, "use-selection", &handled);
  g_assert_false (handled);
  gui_test_select_range (f->buffer, test_util_text_offset (f->text, "The sanctions", 0) + 1,
                         test_util_text_offset (f->text, "working", 0) + 2);
  g_signal_emit_by_name (f->editor, "use-selection", &handled);
  g_assert_true (handled);
  g_assert_true (glossator_stance_editor_get_evidence (f->editor, &start, &end));
  g_assert_cmpuint (start, ==, test_util_text_offset (f->text, "The sanctions", 0));
  g_assert_cmpuint (end, ==, test_util_text_offset (f->text, "working", 0) + 7);
  g_assert_true (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, start));
  g_assert_false (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, start - 2));

  g_assert_true (press_in_editor (f, GDK_KEY_Left, GDK_ALT_MASK));
  g_assert_true (glossator_stance_editor_get_evidence (f->editor, &s_start, &s_end));
  g_assert_cmpuint (s_start, <, start);
  g_assert_cmpuint (s_end, ==, end);
  g_assert_true (press_in_editor (f, GDK_KEY_Right, GDK_ALT_MASK));
  g_assert_true (glossator_stance_editor_get_evidence (f->editor, &s_start, &s_end));
  g_assert_cmpuint (s_end, >, end);
  g_assert_cmpuint (s_end, <=, glossator_text_get_length (f->text));

  /* Escape cancels: nothing changes. */
  g_assert_true (press_in_editor (f, GDK_KEY_Escape, 0));
  g_assert_false (glossator_stances_panel_is_editing (f->panel));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 0);
  g_assert_false (gui_test_has_tag (f->buffer, GLOSSATOR_STANCE_EVIDENCE_TAG, start));
}

/* Saving needs a polarity; it says which keys pick one. */
static void
test_needs_polarity (Fixture       *f,
                     gconstpointer  data)
{
  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  g_assert_null (glossator_stance_editor_save (f->editor));
  g_assert_nonnull (_glossator_stance_editor_get_message (f->editor));
  g_assert_nonnull (strstr (_glossator_stance_editor_get_message (f->editor), "F, A, N, U"));
  g_assert_true (glossator_stances_panel_is_editing (f->panel));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 0);
  /* An empty target is unspecified. */
  glossator_stance_editor_set_polarity (f->editor, "unclear");
  g_assert_nonnull (glossator_stance_editor_save (f->editor));
  g_assert_cmpint (only_stance (f)->target_kind, ==, GLOSSATOR_TARGET_UNSPECIFIED);
}

static char *
add_stance (Fixture             *f,
            const char          *holder_mention,
            GlossatorTargetKind  target_kind,
            const char          *target,
            const char          *polarity)
{
  g_autofree char *id = glossator_document_new_id (f->document, "s");
  g_autoptr(GlossatorStance) stance = glossator_stance_new (id, polarity);
  guint start, end;

  if (holder_mention != NULL)
    glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, entity_of (f, holder_mention));
  else
    glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (stance, target_kind, target);
  if (holder_mention != NULL)
    {
      GlossatorMention *mention = glossator_document_get_mention (f->document, holder_mention);

      glossator_text_get_sentence (f->text, glossator_mention_get_start (mention), &start, &end);
      glossator_span_set_quote (glossator_stance_add_evidence (stance, start, end), f->text);
    }
  glossator_document_put_stance (f->document, stance);
  return g_steal_pointer (&id);
}

/* Selecting a stance shows it; Enter edits it as one undo step; Delete
 * deletes it; undo brings it back. */
static void
test_edit_delete (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *first = add_stance (f, f->keller, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->trade), "against");
  g_autofree char *second = add_stance (f, f->foreign, GLOSSATOR_TARGET_TOPIC, "sanctions", "favor");
  g_auto(GStrv) ids = NULL;
  g_auto(GStrv) rows = NULL;
  g_autoptr(GlossatorEntity) renamed = NULL;
  GlossatorStance *stance;
  guint64 revision;

  gui_test_flush ();
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);

  glossator_stances_panel_select_stance (f->panel, second);
  /* A topic has no mention to draw. */
  assert_shown (f, second, f->foreign, NULL);
  glossator_stances_panel_select_stance (f->panel, first);
  assert_shown (f, first, f->keller, f->trade);

  /* Saving unchanged makes no undo step. */
  revision = glossator_document_get_revision (f->document);
  g_assert_true (glossator_stances_panel_edit_stance (f->panel, first));
  g_assert_cmpstr (_glossator_stance_editor_get_polarity (f->editor), ==, "against");
  g_assert_nonnull (glossator_stance_editor_save (f->editor));
  g_assert_cmpuint (glossator_document_get_revision (f->document), ==, revision);

  g_assert_true (glossator_stances_panel_edit_stance (f->panel, first));
  g_assert_true (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  /* Enter keeps the target and goes on to the polarities. */
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_false (focus_in (f, _glossator_stance_editor_get_target_entry (f->editor)));
  g_assert_true (press_in_editor (f, GDK_KEY_f, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_1, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  stance = glossator_document_get_stance (f->document, first);
  g_assert_cmpstr (stance->polarity, ==, "favor");
  g_assert_cmpuint (stance->intensity, ==, 1);
  /* The evidence was kept as it was, quote and all. */
  assert_evidence (f, stance, keller_sentence);
  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Edit stance");
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpstr (rows[0], ==, "Maria Keller → Ministry of Trade: favor");

  glossator_stances_panel_select_stance (f->panel, first);
  g_assert_true (_glossator_stances_panel_handle_key (f->panel, GDK_KEY_Delete, 0));
  g_assert_null (glossator_document_get_stance (f->document, first));
  /* The next stance is selected. */
  g_assert_cmpstr (glossator_stances_panel_get_selected_stance (f->panel), ==, second);
  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Delete stance");
  g_assert_true (glossator_document_undo (f->document));
  g_assert_cmpstr (glossator_document_get_stance (f->document, first)->polarity, ==, "favor");
  g_assert_true (glossator_document_undo (f->document));
  g_assert_cmpstr (glossator_document_get_stance (f->document, first)->polarity, ==, "against");

  /* A renamed entity is renamed in the list. */
  renamed = glossator_entity_copy (glossator_document_get_entity (f->document, entity_of (f, f->keller)));
  glossator_entity_set_name (renamed, "M. Keller");
  glossator_document_put_entity (f->document, renamed);
  g_clear_pointer (&rows, g_strfreev);
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpstr (rows[0], ==, "M. Keller → Ministry of Trade: against");

  /* Deleting an entity with "keep stances" leaves that side unspecified. */
  glossator_document_delete_entity (f->document, entity_of (f, f->trade), GLOSSATOR_STANCES_UNSPECIFY);
  g_clear_pointer (&rows, g_strfreev);
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpstr (rows[0], ==, "M. Keller → Unspecified: against");
}

/* Filters by holder, target and polarity. */
static void
test_filters (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *a = add_stance (f, f->keller, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->trade), "against");
  g_autofree char *b = add_stance (f, f->foreign, GLOSSATOR_TARGET_TOPIC, "sanctions", "favor");
  g_autofree char *c = add_stance (f, NULL, GLOSSATOR_TARGET_TOPIC, "sanctions", "against");
  g_autofree char *holder_key = g_strconcat ("entity:", entity_of (f, f->keller), NULL);
  g_auto(GStrv) holders = NULL;
  g_auto(GStrv) targets = NULL;
  g_auto(GStrv) ids = NULL;

  gui_test_flush ();
  holders = _glossator_stances_panel_dup_filter_items (f->panel, GLOSSATOR_STANCE_FILTER_HOLDER);
  g_assert_cmpuint (g_strv_length (holders), ==, 4);
  g_assert_cmpstr (holders[0], ==, "All holders");
  g_assert_cmpstr (holders[1], ==, "Author");
  g_assert_cmpstr (holders[2], ==, "Foreign Ministry");
  g_assert_cmpstr (holders[3], ==, "Maria Keller");
  targets = _glossator_stances_panel_dup_filter_items (f->panel, GLOSSATOR_STANCE_FILTER_TARGET);
  g_assert_cmpuint (g_strv_length (targets), ==, 3);

  g_assert_true (_glossator_stances_panel_set_filter (f->panel, GLOSSATOR_STANCE_FILTER_HOLDER, holder_key));
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, a);

  g_assert_true (_glossator_stances_panel_set_filter (f->panel, GLOSSATOR_STANCE_FILTER_HOLDER, NULL));
  g_assert_true (_glossator_stances_panel_set_filter (f->panel, GLOSSATOR_STANCE_FILTER_TARGET, "topic:sanctions"));
  g_clear_pointer (&ids, g_strfreev);
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 2);
  g_assert_true (_glossator_stances_panel_set_filter (f->panel, GLOSSATOR_STANCE_FILTER_POLARITY, "against"));
  g_clear_pointer (&ids, g_strfreev);
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, c);
  g_assert_false (_glossator_stances_panel_set_filter (f->panel, GLOSSATOR_STANCE_FILTER_POLARITY, "sideways"));

  g_assert_true (glossator_document_remove_stance (f->document, c));
  g_clear_pointer (&ids, g_strfreev);
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 0);
  /* A filter whose item disappears shows everything again. */
  g_assert_true (glossator_document_remove_stance (f->document, b));
  g_clear_pointer (&ids, g_strfreev);
  ids = _glossator_stances_panel_dup_row_ids (f->panel);
  g_assert_cmpuint (g_strv_length (ids), ==, 1);
  g_assert_cmpstr (ids[0], ==, a);
}

/* A read-only document: S does nothing, the panel offers no edits. */
static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *id = add_stance (f, f->keller, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->trade), "against");
  g_auto(GStrv) rows = NULL;

  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  gui_test_flush ();
  g_assert_true (glossator_stances_panel_get_read_only (f->panel));
  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  g_assert_false (glossator_stances_panel_is_editing (f->panel));
  g_assert_false (glossator_stances_panel_edit_stance (f->panel, id));
  g_assert_false (glossator_stances_panel_delete_stance (f->panel, id));
  rows = _glossator_stances_panel_dup_rows (f->panel);
  g_assert_cmpuint (g_strv_length (rows), ==, 1);
}

/* A stance's row: Edit and Delete do what they say; read-only, the row
 * has neither. */
static void
test_row_buttons (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *id = add_stance (f, f->keller, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->trade), "against");
  GtkWidget *row, *edit, *delete;

  gui_test_flush ();
  row = gui_test_find_by_type (GTK_WIDGET (f->panel), GLOSSATOR_TYPE_STANCE_ROW);
  g_assert_nonnull (row);
  g_assert_cmpstr (glossator_stance_row_get_stance_id (GLOSSATOR_STANCE_ROW (row)), ==, id);
  edit = gui_test_find_by_type (row, GTK_TYPE_BUTTON);
  delete = gtk_widget_get_next_sibling (edit);
  g_assert_true (gtk_widget_get_visible (edit) && gtk_widget_get_visible (delete));

  g_signal_emit_by_name (edit, "clicked");
  gui_test_flush ();
  g_assert_true (glossator_stances_panel_is_editing (f->panel));
  g_assert_cmpstr (glossator_stance_editor_get_stance_id (f->editor), ==, id);
  glossator_stance_editor_cancel (f->editor);
  gui_test_flush ();

  row = gui_test_find_by_type (GTK_WIDGET (f->panel), GLOSSATOR_TYPE_STANCE_ROW);
  delete = gtk_widget_get_next_sibling (gui_test_find_by_type (row, GTK_TYPE_BUTTON));
  g_signal_emit_by_name (delete, "clicked");
  gui_test_flush ();
  g_assert_null (glossator_document_get_stance (f->document, id));

  g_free (add_stance (f, f->keller, GLOSSATOR_TARGET_ENTITY, entity_of (f, f->trade), "favour"));
  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  gui_test_flush ();
  row = gui_test_find_by_type (GTK_WIDGET (f->panel), GLOSSATOR_TYPE_STANCE_ROW);
  edit = gui_test_find_by_type (row, GTK_TYPE_BUTTON);
  g_assert_false (gtk_widget_get_visible (edit));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_next_sibling (edit)));
}

/* Escape with the target's list open cancels the stance and leaves the
 * fields closed and empty: the next stance starts clean. */
static void
test_escape_with_list_open (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *target_entry = _glossator_stance_editor_get_target_entry (f->editor);
  GlossatorTypeahead *target = GLOSSATOR_TYPEAHEAD (gtk_widget_get_ancestor (target_entry, GLOSSATOR_TYPE_TYPEAHEAD));
  g_auto(GStrv) candidates = NULL;

  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  type_into (f, target_entry, "trade");
  g_assert_true (glossator_typeahead_get_popped_up (target));
  g_assert_true (press_in_editor (f, GDK_KEY_Escape, 0));
  gui_test_flush ();
  g_assert_false (glossator_stances_panel_is_editing (f->panel));
  g_assert_false (glossator_stance_editor_get_active (f->editor));
  g_assert_false (glossator_typeahead_get_popped_up (target));
  g_assert_cmpuint (glossator_document_get_n_stances (f->document), ==, 0);

  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_flush ();
  g_assert_true (focus_in (f, target_entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target_entry)), ==, "");
  g_assert_cmpint (glossator_typeahead_get_choice_kind (target), ==, GLOSSATOR_CANDIDATE_NONE);
  type_into (f, target_entry, "trade");
  candidates = _glossator_stance_editor_dup_candidates (f->editor, FALSE);
  g_assert_cmpstr (candidates[0], ==, "Ministry of Trade, ORG");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_a, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  g_assert_cmpstr (only_stance (f)->target, ==, entity_of (f, f->trade));
}

static GtkWidget *
find_status_page (GtkWidget *widget)
{
  if (ADW_IS_STATUS_PAGE (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_status_page (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Without stances the panel tells how to record one, unless the article
 * is read-only: then nothing can be recorded. */
static void
test_empty_read_only (Fixture       *f,
                      gconstpointer  data)
{
  AdwStatusPage *page = ADW_STATUS_PAGE (find_status_page (GTK_WIDGET (f->panel)));

  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Stances");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "press S"));

  glossator_article_view_set_document (f->view, f->document, f->schema, TRUE);
  gui_test_flush ();
  g_assert_true (glossator_stances_panel_get_read_only (f->panel));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Stances");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, "This article is read-only, so no stances can be recorded.");

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  gui_test_flush ();
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "press S"));
}

/* A schema that gives a label the key "s" keeps it for the label; the
 * search entry keeps its letters. */
static void
test_key_conflicts (Fixture       *f,
                    gconstpointer  data)
{
  static const char schema_json[] =
    "{\"format\": \"glossator-schema\", \"version\": 1,"
    " \"labels\": [{\"name\": \"SPORT\", \"color\": \"#3584e4\", \"key\": \"s\"},"
    "              {\"name\": \"PERSON\", \"color\": \"#ff7800\", \"key\": \"p\"}]}";
  g_autofree char *path = g_build_filename (f->dir, GLOSSATOR_SCHEMA_FILE_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GError) error = NULL;

  glossator_article_view_begin_search (f->view);
  g_assert_false (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_s, 0));
  g_assert_false (glossator_stances_panel_is_editing (f->panel));

  g_file_set_contents (path, schema_json, -1, &error);
  g_assert_no_error (error);
  schema = glossator_schema_load (file, NULL, &error);
  g_assert_no_error (error);
  glossator_article_view_set_document (f->view, f->document, schema, FALSE);
  gui_test_flush ();
  glossator_article_view_select_mention (f->view, f->keller);
  focus_text (f);
  g_assert_false (_glossator_stance_flow_handle_key (f->flow, GDK_KEY_s, 0));
  g_assert_false (glossator_stances_panel_is_editing (f->panel));
  /* The panel's button still starts one. */
  _glossator_stances_panel_new_stance (f->panel, FALSE);
  g_assert_true (glossator_stances_panel_is_editing (f->panel));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (_glossator_stance_editor_get_holder_entry (f->editor))),
                   ==, "Maria Keller");
}


static gboolean
has_width (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* The first label under @widget (depth first). */
static GtkLabel *
first_label (GtkWidget *widget)
{
  return GTK_LABEL (gui_test_find_by_type (widget, GTK_TYPE_LABEL));
}

static void
collect_candidate_rows (GtkWidget *widget,
                        GPtrArray *rows)
{
  if (GLOSSATOR_IS_CANDIDATE_ROW (widget))
    g_ptr_array_add (rows, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_candidate_rows (child, rows);
}

/* At the side panel's narrowest (270 px): topics that share a long
 * beginning can be told apart in the target's list, the chosen one shows
 * from its start, and the card's title takes at most three lines, all of
 * it in its tooltip. */
static void
test_narrow_panel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossatorEntity) renamed = NULL;
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GtkWidget *target = _glossator_stance_editor_get_target_entry (f->editor);
  GtkWidget *row;
  GtkLabel *title;
  int offset = -1;
  guint n_cut = 0;

  glossator_schema_add_topic (f->schema, "Russia-North Korea defence pact");
  glossator_schema_add_topic (f->schema, "Russia-North Korea military cooperation");
  renamed = glossator_entity_copy (glossator_document_get_entity (f->document, entity_of (f, f->foreign)));
  glossator_entity_set_name (renamed, "Chinese Foreign Ministry");
  glossator_document_put_entity (f->document, renamed);
  gtk_widget_set_size_request (GTK_WIDGET (f->side), 270, -1);

  glossator_article_view_select_mention (f->view, f->foreign);
  focus_text (f);
  g_assert_true (press_in_text (f, GDK_KEY_s, 0));
  gui_test_wait (has_width, target);
  type_into (f, target, "Russia");
  gui_test_flush ();
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->side)), ==, 270);

  collect_candidate_rows (GTK_WIDGET (f->editor), rows);
  g_assert_cmpuint (rows->len, >=, 2);
  for (guint i = 0; i < rows->len; i++)
    {
      GtkLabel *label = first_label (rows->pdata[i]);

      if (!g_str_has_prefix (gtk_label_get_text (label), "Russia-North Korea"))
        continue;
      /* Shown whole, or cut in the middle: both ends show. */
      if (pango_layout_is_ellipsized (gtk_label_get_layout (label)))
        {
          g_assert_cmpint (gtk_label_get_ellipsize (label), ==, PANGO_ELLIPSIZE_MIDDLE);
          n_cut++;
        }
      g_assert_cmpstr (gtk_widget_get_tooltip_text (rows->pdata[i]), ==, gtk_label_get_text (label));
    }

  /* At 270 px the longer one does not fit. */
  g_assert_cmpuint (n_cut, >, 0);

  type_into (f, target, "Russia-North Korea mil");
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  gui_test_flush ();
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (target)), ==, "Russia-North Korea military cooperation");
  g_object_get (gui_test_find_by_type (target, GTK_TYPE_TEXT), "scroll-offset", &offset, NULL);
  g_assert_cmpint (offset, ==, 0);

  g_assert_true (press_in_editor (f, GDK_KEY_a, 0));
  g_assert_true (press_in_editor (f, GDK_KEY_Return, 0));
  gui_test_flush ();
  row = gui_test_find_by_type (GTK_WIDGET (f->panel), GLOSSATOR_TYPE_STANCE_ROW);
  g_assert_nonnull (row);
  gui_test_wait (has_width, row);
  gui_test_flush ();
  title = first_label (row);
  g_assert_cmpstr (gtk_label_get_text (title), ==, "Chinese Foreign Ministry → Russia-North Korea military cooperation");
  g_test_message ("title: %d lines, %d of the row's %d px", pango_layout_get_line_count (gtk_label_get_layout (title)),
                  gtk_widget_get_width (GTK_WIDGET (title)), gtk_widget_get_width (row));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (title)), <=, 3);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (title)), ==, gtk_label_get_text (title));
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display (run under tests/run-headless.sh)");
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/gui/stances/entity-holder", test_entity_holder);
  ADD ("/gui/stances/topic-target", test_topic_target);
  ADD ("/gui/stances/topic-save-fails", test_topic_save_fails);
  ADD ("/gui/stances/author", test_author);
  ADD ("/gui/stances/selection-evidence", test_selection_evidence);
  ADD ("/gui/stances/selection-is-mention", test_selection_is_mention);
  ADD ("/gui/stances/editing-with-text", test_editing_with_text);
  ADD ("/gui/stances/needs-polarity", test_needs_polarity);
  ADD ("/gui/stances/edit-delete", test_edit_delete);
  ADD ("/gui/stances/filters", test_filters);
  ADD ("/gui/stances/read-only", test_read_only);
  ADD ("/gui/stances/topic-save-fails-names-file", test_topic_save_fails_names_file);
  ADD ("/gui/stances/row-buttons", test_row_buttons);
  ADD ("/gui/stances/escape-with-list-open", test_escape_with_list_open);
  ADD ("/gui/stances/empty-read-only", test_empty_read_only);
  ADD ("/gui/stances/key-conflicts", test_key_conflicts);
  ADD ("/gui/stances/narrow-panel", test_narrow_panel);
#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "glossator-document-private.h"
#include "glossator-entities-panel-private.h"
#include "gui-test-util.h"

/* The entities panel next to an article view, as the window has them. */
static const char article[] =
  "\xEF\xBB\xBF"
  "Vladimir Putin met \U0001F469\u200D\U0001F469\u200D\U0001F467 families in Kyiv \U0001F1FA\U0001F1E6.\r\n"
  "Putin said:\t\u00ABCaf\u00E9\u00BB in \u0643\u064A\u064A\u0641.\r\n";

typedef struct {
  GlossatorText          *text;
  GlossatorDocument      *document;
  GlossatorSchema        *schema;
  GtkWindow              *window;
  GlossatorEntitiesPanel *panel;
  GlossatorArticleView   *view;
  GtkTextBuffer          *buffer;
  GPtrArray              *activated;
  char                   *putin;   /* entity ids */
  char                   *kyiv;
} Fixture;

static void
mention_activated_cb (GlossatorEntitiesPanel *panel,
                      const char             *mention_id,
                      Fixture                *f)
{
  g_ptr_array_add (f->activated, g_strdup (mention_id));
  glossator_article_view_select_mention (f->view, mention_id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *m1 = NULL;
  g_autofree char *m2 = NULL;
  g_autofree char *m3 = NULL;
  GtkWidget *box;

  f->text = test_util_text_from_data (article);
  f->document = glossator_document_new (f->text);
  f->schema = glossator_schema_new_default ();
  f->activated = g_ptr_array_new_with_free_func (g_free);

  m1 = test_util_tag_id (f->document, "Vladimir Putin", 0, "PERSON", NULL);
  f->putin = g_strdup (glossator_document_get_mention (f->document, m1)->entity_id);
  m2 = test_util_tag_id (f->document, "Putin", 1, "PERSON", f->putin);
  m3 = test_util_tag_id (f->document, "Kyiv", 0, "GPE", NULL);
  f->kyiv = g_strdup (glossator_document_get_mention (f->document, m3)->entity_id);

  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1000, 600);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->view), TRUE);
  f->panel = GLOSSATOR_ENTITIES_PANEL (glossator_entities_panel_new ());
  gtk_widget_set_size_request (GTK_WIDGET (f->panel), 300, -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->panel));
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (f->view));
  glossator_entities_panel_set_document (f->panel, f->document, f->schema);
  g_object_bind_property (f->panel, "selected-entity", f->view, "highlighted-entity", G_BINDING_SYNC_CREATE);
  g_signal_connect (f->panel, "mention-activated", G_CALLBACK (mention_activated_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (f->window);
  gui_test_flush ();
  g_clear_pointer (&f->activated, g_ptr_array_unref);
  g_clear_pointer (&f->putin, g_free);
  g_clear_pointer (&f->kyiv, g_free);
  g_clear_object (&f->document);
  g_clear_object (&f->schema);
  g_clear_pointer (&f->text, glossator_text_unref);
}

/* "Name:LABEL:count|…" for the rows as shown. */
static char *
rows (Fixture *f)
{
  GListModel *model = _glossator_entities_panel_get_model (f->panel);
  GString *result = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      g_string_append_printf (result, "%s%s:%s:%u", i > 0 ? "|" : "",
                              _glossator_entity_item_get_name (item),
                              _glossator_entity_item_get_label (item),
                              _glossator_entity_item_get_count (item));
    }
  return g_string_free (result, FALSE);
}

#define assert_rows(f, expected) G_STMT_START { \
    g_autofree char *_rows = rows (f);            \
    g_assert_cmpstr (_rows, ==, (expected));      \
  } G_STMT_END

/* Undoes the last step and lets the list catch up. */
static void
undo (Fixture *f)
{
  glossator_document_undo (f->document);
  _glossator_entities_panel_flush (f->panel);
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *cafe = NULL;

  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");
  g_assert_null (glossator_entities_panel_get_selected_entity (f->panel));

  /* Changes arrive in one batch, at idle time. */
  cafe = test_util_tag_id (f->document, "Caf\u00E9", 0, "MISC", NULL);
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");
  _glossator_entities_panel_flush (f->panel);
  assert_rows (f, "Café:MISC:1|Kyiv:GPE:1|Vladimir Putin:PERSON:2");

  /* Coreference: linking moves the count; the emptied entity goes. */
  glossator_document_link_mention (f->document, cafe, f->putin);
  _glossator_entities_panel_flush (f->panel);
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:3");

  /* Undo is just more changes. */
  undo (f);
  assert_rows (f, "Café:MISC:1|Kyiv:GPE:1|Vladimir Putin:PERSON:2");
  glossator_document_delete_mention (f->document, cafe);
  gui_test_flush ();
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");

  /* No document, no rows. */
  glossator_entities_panel_set_document (f->panel, NULL, NULL);
  assert_rows (f, "");
}

static void
test_select_and_step (Fixture       *f,
                      gconstpointer  data)
{
  guint second = test_util_text_offset (f->text, "Putin", 1);

  glossator_entities_panel_select_entity (f->panel, f->putin);
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->putin);
  /* The view marks all the entity's mentions. */
  g_assert_cmpstr (glossator_article_view_get_highlighted_entity (f->view), ==, f->putin);
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", 0));
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", second + 4));
  g_assert_false (gui_test_has_tag (f->buffer, "entity-highlight", test_util_text_offset (f->text, "Kyiv", 0)));

  /* Stepping activates the mentions in text order, wrapping. */
  _glossator_entities_panel_step (f->panel, FALSE);
  _glossator_entities_panel_step (f->panel, FALSE);
  _glossator_entities_panel_step (f->panel, FALSE);
  _glossator_entities_panel_step (f->panel, TRUE);
  g_assert_cmpuint (f->activated->len, ==, 4);
  g_assert_cmpuint (glossator_mention_get_start (glossator_document_get_mention (f->document, f->activated->pdata[0])), ==, 0);
  g_assert_cmpuint (glossator_mention_get_start (glossator_document_get_mention (f->document, f->activated->pdata[1])), ==, second);
  g_assert_cmpstr (f->activated->pdata[2], ==, f->activated->pdata[0]);
  g_assert_cmpstr (f->activated->pdata[3], ==, f->activated->pdata[1]);
  g_assert_cmpstr (glossator_article_view_get_selected_mention (f->view), ==, f->activated->pdata[3]);

  /* Another entity; then none. */
  glossator_entities_panel_select_entity (f->panel, f->kyiv);
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", test_util_text_offset (f->text, "Kyiv", 0)));
  g_assert_false (gui_test_has_tag (f->buffer, "entity-highlight", 0));
  glossator_entities_panel_select_entity (f->panel, NULL);
  g_assert_null (glossator_article_view_get_highlighted_entity (f->view));
  g_assert_false (gui_test_has_tag (f->buffer, "entity-highlight", test_util_text_offset (f->text, "Kyiv", 0)));
  g_assert_false (glossator_entities_panel_get_read_only (f->panel));
}

static void
test_filter (Fixture       *f,
             gconstpointer  data)
{
  glossator_entities_panel_select_entity (f->panel, f->putin);

  _glossator_entities_panel_set_filter (f->panel, "KYI");
  assert_rows (f, "Kyiv:GPE:1");
  /* A hidden selection stays. */
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->putin);
  _glossator_entities_panel_set_filter (f->panel, "person");
  assert_rows (f, "Vladimir Putin:PERSON:2");
  _glossator_entities_panel_set_filter (f->panel, "nobody");
  assert_rows (f, "");
  _glossator_entities_panel_set_filter (f->panel, "");
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->putin);
}

static void
test_rename (Fixture       *f,
             gconstpointer  data)
{
  glossator_entities_panel_select_entity (f->panel, f->kyiv);
  g_assert_cmpuint (_glossator_entities_panel_get_selected_row (f->panel), ==, 0);
  g_assert_true (_glossator_entities_panel_rename (f->panel, "  Zaporizhzhia "));
  g_assert_cmpstr (glossator_document_get_entity (f->document, f->kyiv)->name, ==, "Zaporizhzhia");
  g_assert_false (_glossator_entities_panel_rename (f->panel, "Zaporizhzhia"));
  g_assert_false (_glossator_entities_panel_rename (f->panel, "   "));

  _glossator_entities_panel_flush (f->panel);
  assert_rows (f, "Vladimir Putin:PERSON:2|Zaporizhzhia:GPE:1");
  /* Still selected after moving, in the list too. */
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->kyiv);
  g_assert_cmpuint (_glossator_entities_panel_get_selected_row (f->panel), ==, 1);

  undo (f);
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");
}

static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  glossator_entities_panel_select_entity (f->panel, f->kyiv);
  g_assert_false (_glossator_entities_panel_merge_into (f->panel, f->kyiv));
  g_assert_true (_glossator_entities_panel_merge_into (f->panel, f->putin));

  g_assert_null (glossator_document_get_entity (f->document, f->kyiv));
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->document, f->putin), ==, 3);
  assert_rows (f, "Vladimir Putin:PERSON:3");
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->putin);
  /* The view follows once the batch is over. */
  gui_test_flush ();
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", test_util_text_offset (f->text, "Kyiv", 0)));
  g_assert_true (gui_test_has_tag (f->buffer, "entity-highlight", 0));

  g_assert_cmpstr (glossator_document_get_undo_description (f->document), ==, "Merge entities");
  undo (f);
  assert_rows (f, "Kyiv:GPE:1|Vladimir Putin:PERSON:2");
}

/* The popover whose search entry has @placeholder. */
static GtkPopover *
popover_with_entry (GtkWidget  *widget,
                    const char *placeholder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkPopover *found;

      if (GTK_IS_POPOVER (child))
        {
          GtkWidget *entry = gui_test_find_by_type (child, GTK_TYPE_SEARCH_ENTRY);
          g_autofree char *text = NULL;

          if (entry != NULL)
            g_object_get (entry, "placeholder-text", &text, NULL);
          if (g_strcmp0 (text, placeholder) == 0)
            return GTK_POPOVER (child);
        }
      if ((found = popover_with_entry (child, placeholder)) != NULL)
        return found;
    }
  return NULL;
}

/* Escape in the Merge popover's search entry (which takes Escape for
 * itself) closes the popover, as in every other field. */
static void
test_merge_escape (Fixture       *f,
                   gconstpointer  data)
{
  GtkPopover *popover = popover_with_entry (GTK_WIDGET (f->panel), "Search entities");
  GtkWidget *entry;

  g_assert_nonnull (popover);
  entry = gui_test_find_by_type (GTK_WIDGET (popover), GTK_TYPE_SEARCH_ENTRY);
  glossator_entities_panel_select_entity (f->panel, f->kyiv);
  gtk_popover_popup (popover);
  gui_test_flush ();
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_nonnull (glossator_document_get_entity (f->document, f->kyiv));
}


/* What the panel's key controllers do with a key press (the capture phase,
 * before the focused widget). */
static gboolean
press (Fixture         *f,
       guint            keyval,
       GdkModifierType  state)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (f->panel));
  gboolean used = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !used; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, state, &used);
    }
  return used;
}

/* The text of every label under @widget, "|"-separated. */
static void
collect_label_texts (GtkWidget *widget,
                     GString   *texts)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_visible (widget))
    g_string_append_printf (texts, "%s|", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

static gboolean
panel_says (Fixture    *f,
            const char *text)
{
  g_autoptr(GString) texts = g_string_new ("|");
  g_autofree char *needle = g_strdup_printf ("|%s|", text);

  collect_label_texts (GTK_WIDGET (f->panel), texts);
  return strstr (texts->str, needle) != NULL;
}

/* The name in the row that has the keyboard focus, or NULL. */
static const char *
focused_row_name (Fixture *f)
{
  GtkWidget *list = gui_test_find_by_type (GTK_WIDGET (f->panel), GTK_TYPE_LIST_VIEW);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (f->window));

  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (gtk_widget_get_parent (w) == list)
      {
        GtkWidget *box = gtk_widget_get_first_child (w);
        GtkWidget *name = gtk_widget_get_next_sibling (gtk_widget_get_first_child (box));

        return gtk_label_get_text (GTK_LABEL (name));
      }
  return NULL;
}

static void
announce_cb (GlossatorEntitiesPanel *panel,
             const char             *message,
             gboolean                undoable,
             GPtrArray              *messages)
{
  g_assert_true (undoable);
  g_ptr_array_add (messages, g_strdup (message));
}

/* "3 of 10 entities" while a filter hides some. */
static void
test_count_follows_filter (Fixture       *f,
                           gconstpointer  data)
{
  g_assert_true (panel_says (f, "2 entities"));
  _glossator_entities_panel_set_filter (f->panel, "KYI");
  g_assert_true (panel_says (f, "1 of 2 entities"));
  _glossator_entities_panel_set_filter (f->panel, "nobody");
  g_assert_true (panel_says (f, "0 of 2 entities"));
  _glossator_entities_panel_set_filter (f->panel, "");
  g_assert_true (panel_says (f, "2 entities"));
}

/* Down from the filter goes to the first row shown, whichever row had the
 * focus before; F2, Delete and Merge then act on that row, never on the
 * selected entity that the filter hides. */
static void
test_keys_act_on_focused_row (Fixture       *f,
                              gconstpointer  data)
{
  GtkWidget *filter = gui_test_find_by_type (GTK_WIDGET (f->panel), GTK_TYPE_SEARCH_ENTRY);
  GtkPopover *rename = GTK_POPOVER (gtk_widget_get_ancestor (gui_test_find_by_type (GTK_WIDGET (f->panel), GTK_TYPE_ENTRY),
                                                           GTK_TYPE_POPOVER));
  GtkWidget *rename_entry = gui_test_find_by_type (GTK_WIDGET (rename), GTK_TYPE_ENTRY);
  GtkPopover *merge = popover_with_entry (GTK_WIDGET (f->panel), "Search entities");
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);

  /* Each change made by a key is told, for a toast with Undo. */
  g_signal_connect (f->panel, "announce", G_CALLBACK (announce_cb), messages);
  gui_test_flush ();
  /* The focus was on the second row (Vladimir Putin). */
  glossator_entities_panel_select_entity (f->panel, f->putin);
  gtk_widget_grab_focus (gtk_widget_get_next_sibling (gtk_widget_get_first_child (gui_test_find_by_type (GTK_WIDGET (f->panel),
                                                                                                      GTK_TYPE_LIST_VIEW))));
  g_assert_cmpstr (focused_row_name (f), ==, "Vladimir Putin");

  /* "i" shows both: Down goes to Kyiv, the first, and selects it. */
  gtk_widget_grab_focus (filter);
  _glossator_entities_panel_set_filter (f->panel, "i");
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_cmpstr (focused_row_name (f), ==, "Kyiv");
  g_assert_cmpstr (glossator_entities_panel_get_selected_entity (f->panel), ==, f->kyiv);

  /* Putin selected but hidden by the filter; the focus on Kyiv's row. */
  glossator_entities_panel_select_entity (f->panel, f->putin);
  gtk_widget_grab_focus (filter);
  _glossator_entities_panel_set_filter (f->panel, "KYI");
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_cmpstr (focused_row_name (f), ==, "Kyiv");

  /* F2 renames Kyiv. */
  g_assert_true (press (f, GDK_KEY_F2, 0));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (rename)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (rename_entry)), ==, "Kyiv");
  gtk_editable_set_text (GTK_EDITABLE (rename_entry), "Kiev");
  g_signal_emit_by_name (rename_entry, "activate");
  g_assert_cmpstr (glossator_document_get_entity (f->document, f->kyiv)->name, ==, "Kiev");
  g_assert_cmpstr (glossator_document_get_entity (f->document, f->putin)->name, ==, "Vladimir Putin");
  g_assert_cmpuint (messages->len, ==, 1);
  g_assert_cmpstr (messages->pdata[0], ==, "Renamed “Kyiv” to “Kiev”");
  gui_test_flush ();

  /* Merge from the focused row (as Alt+M does) names Kyiv too. */
  glossator_entities_panel_select_entity (f->panel, f->putin);
  _glossator_entities_panel_set_filter (f->panel, "kie");
  gtk_widget_grab_focus (filter);
  g_assert_true (press (f, GDK_KEY_Down, 0));
  gtk_popover_popup (merge);
  g_assert_true (panel_says (f, "Merge “Kiev” into…"));
  gtk_popover_popdown (merge);

  /* Delete deletes the focused row's entity, not the hidden one. */
  glossator_entities_panel_select_entity (f->panel, f->putin);
  gtk_widget_grab_focus (filter);
  g_assert_true (press (f, GDK_KEY_Down, 0));
  g_assert_true (press (f, GDK_KEY_Delete, 0));
  g_assert_null (glossator_document_get_entity (f->document, f->kyiv));
  g_assert_nonnull (glossator_document_get_entity (f->document, f->putin));
  g_assert_cmpuint (messages->len, ==, 2);
  g_assert_cmpstr (messages->pdata[1], ==, "Deleted “Kiev” and its 1 mention");

  /* With the focus elsewhere, nothing acts on a hidden selection. */
  glossator_document_undo (f->document);
  _glossator_entities_panel_flush (f->panel);
  glossator_entities_panel_select_entity (f->panel, f->putin);
  gtk_widget_grab_focus (filter);
  g_assert_false (press (f, GDK_KEY_F2, 0));
  g_assert_false (_glossator_entities_panel_rename (f->panel, "Someone"));
  g_assert_null (_glossator_entities_panel_delete (f->panel));
  g_assert_nonnull (glossator_document_get_entity (f->document, f->putin));
  g_assert_cmpstr (glossator_document_get_entity (f->document, f->putin)->name, ==, "Vladimir Putin");
  g_assert_cmpuint (messages->len, ==, 2);
  g_signal_handlers_disconnect_by_func (f->panel, announce_cb, messages);
}

static gboolean
has_tooltip_with (GtkWidget  *widget,
                  GtkWidget  *top,
                  const char *text)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *tooltip = gtk_widget_get_tooltip_text (widget);

      if (tooltip != NULL && strstr (tooltip, text) != NULL)
        return TRUE;
      if (widget == top)
        break;
    }
  return FALSE;
}

/* Every label shown under @widget whose text is cut has a tooltip with
 * all of it; returns the texts of the cut ones, "|"-separated. */
static void
check_cut_labels (GtkWidget *widget,
                  GtkWidget *top,
                  GString   *cut)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget) && pango_layout_is_ellipsized (gtk_label_get_layout (GTK_LABEL (widget))))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      g_string_append_printf (cut, "%s|", text);
      if (!has_tooltip_with (widget, top, text))
        g_error ("“%s” is cut without a tooltip", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    check_cut_labels (child, top, cut);
}

static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_width (data) > 0;
}

/* At the side panel's narrowest, names and the footer wrap rather than
 * being cut ("Chinese Foreign Mini…"). */
static void
test_fits_270 (void)
{
  static const char text_data[] =
    "The Chinese Foreign Ministry spoke. The Chinese Foreign Ministry spoke again.\n";
  g_autoptr(GlossatorText) text = test_util_text_from_data (text_data);
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autofree char *m1 = test_util_tag_id (document, "Chinese Foreign Ministry", 0, "ORG", NULL);
  const char *entity = glossator_document_get_mention (document, m1)->entity_id;
  g_autofree char *m2 = test_util_tag_id (document, "Chinese Foreign Ministry", 1, "ORG", entity);
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *panel = glossator_entities_panel_new ();
  g_autoptr(GString) cut = g_string_new (NULL);
  int minimum;

  gtk_window_set_default_size (window, 270, 500);
  gtk_window_set_child (window, panel);
  glossator_entities_panel_set_document (GLOSSATOR_ENTITIES_PANEL (panel), document, schema);
  glossator_entities_panel_select_entity (GLOSSATOR_ENTITIES_PANEL (panel), entity);
  gtk_window_present (window);
  gui_test_wait (has_size, panel);
  gui_test_flush ();

  gtk_widget_measure (panel, GTK_ORIENTATION_HORIZONTAL, -1, &minimum, NULL, NULL, NULL);
  g_assert_cmpint (minimum, <=, 270);
  g_assert_cmpint (gtk_widget_get_width (panel), <=, 270);
  check_cut_labels (panel, panel, cut);
  g_assert_cmpstr (cut->str, ==, "");

  gtk_window_destroy (window);
  gui_test_flush ();
}


typedef struct {
  Fixture *f;
  int      rows_at_paint;   /* -1 until a frame is painted */
  gboolean busy;
} PaintWatch;

static void
after_paint_cb (GdkFrameClock *clock,
                PaintWatch    *watch)
{
  if (watch->rows_at_paint < 0)
    watch->rows_at_paint = (int) g_list_model_get_n_items (_glossator_entities_panel_get_model (watch->f->panel));
}

static gboolean
painted (gpointer data)
{
  return ((PaintWatch *) data)->rows_at_paint >= 0;
}

/* Work that keeps coming at the priority of the text view's laying out of
 * lines (GDK_PRIORITY_REDRAW + 5), as after a first tag in a long article,
 * while frames go on being drawn. */
static gboolean
busy_cb (gpointer data)
{
  PaintWatch *watch = data;

  g_usleep (2000);
  return watch->busy ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

/* The frame that shows a new mention in the text shows its entity in the
 * panel: the panel said "No Entities" for a second or two after the first
 * tag, its update waiting behind drawing and laying out. */
static void
test_first_tag_same_frame (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GlossatorDocument) empty = glossator_document_new (f->text);
  PaintWatch watch = { f, -1, TRUE };
  GdkFrameClock *clock;
  guint cafe = test_util_text_offset (f->text, "Caf\u00E9", 0);
  gulong handler;

  glossator_article_view_set_document (f->view, empty, f->schema, FALSE);
  glossator_entities_panel_set_document (f->panel, empty, f->schema);
  _glossator_article_view_finish_tags (f->view);
  gui_test_flush ();
  g_assert_cmpuint (g_list_model_get_n_items (_glossator_entities_panel_get_model (f->panel)), ==, 0);

  clock = gtk_widget_get_frame_clock (GTK_WIDGET (f->window));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &watch);
  g_idle_add_full (GDK_PRIORITY_REDRAW + 5, busy_cb, &watch, NULL);
  gui_test_select_range (f->buffer, cafe, cafe + 4);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_m, 0));
  g_assert_cmpuint (glossator_document_get_n_mentions (empty), ==, 1);
  gui_test_wait (painted, &watch);
  watch.busy = FALSE;
  g_signal_handler_disconnect (clock, handler);
  g_assert_cmpint (watch.rows_at_paint, ==, 1);
  gui_test_flush ();
}

static void
test_delete (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  GlossatorStance *kept;
  GtkWidget *dialog;

  /* Nothing names Kyiv: deleted at once, with its mention. */
  glossator_entities_panel_select_entity (f->panel, f->kyiv);
  g_assert_null (_glossator_entities_panel_delete (f->panel));
  g_assert_null (glossator_document_get_entity (f->document, f->kyiv));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 2);
  _glossator_entities_panel_flush (f->panel);
  assert_rows (f, "Vladimir Putin:PERSON:2");
  g_assert_null (glossator_entities_panel_get_selected_entity (f->panel));

  /* A stance holds Putin: the user is asked. */
  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, f->putin);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "sanctions");
  glossator_document_put_stance (f->document, stance);
  glossator_entities_panel_select_entity (f->panel, f->putin);
  dialog = _glossator_entities_panel_delete (f->panel);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (glossator_document_get_entity (f->document, f->putin));

  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_assert_null (glossator_document_get_entity (f->document, f->putin));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 0);
  kept = glossator_document_get_stance (f->document, "s1");
  g_assert_nonnull (kept);
  g_assert_cmpint (kept->holder_kind, ==, GLOSSATOR_HOLDER_UNSPECIFIED);
  g_assert_cmpstr (kept->target, ==, "sanctions");
  _glossator_entities_panel_flush (f->panel);
  assert_rows (f, "");

  /* Undo, then delete the stances too. */
  undo (f);
  glossator_entities_panel_select_entity (f->panel, f->putin);
  dialog = _glossator_entities_panel_delete (f->panel);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "delete");
  g_assert_null (glossator_document_get_stance (f->document, "s1"));

  /* Cancel does nothing. */
  undo (f);
  glossator_entities_panel_select_entity (f->panel, f->putin);
  dialog = _glossator_entities_panel_delete (f->panel);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_assert_nonnull (glossator_document_get_entity (f->document, f->putin));
}

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  glossator_entities_panel_set_read_only (f->panel, TRUE);
  g_assert_true (glossator_entities_panel_get_read_only (f->panel));
  glossator_entities_panel_select_entity (f->panel, f->kyiv);

  g_assert_false (_glossator_entities_panel_rename (f->panel, "Kiev"));
  g_assert_false (_glossator_entities_panel_merge_into (f->panel, f->putin));
  g_assert_null (_glossator_entities_panel_delete (f->panel));
  g_assert_nonnull (glossator_document_get_entity (f->document, f->kyiv));
  g_assert_cmpstr (glossator_document_get_entity (f->document, f->kyiv)->name, ==, "Kyiv");
  /* Stepping only reads. */
  _glossator_entities_panel_step (f->panel, FALSE);
  g_assert_cmpuint (f->activated->len, ==, 1);
}

/* An article without entities says so; a read-only one does not tell how to
 * tag, which cannot be done there. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  static const char read_only_text[] = "This article is read-only, so no mentions can be tagged.";
  g_autoptr(GlossatorDocument) empty = glossator_document_new (f->text);
  AdwStatusPage *page = ADW_STATUS_PAGE (gui_test_find_by_type (GTK_WIDGET (f->panel), ADW_TYPE_STATUS_PAGE));

  g_assert_false (gtk_widget_get_child_visible (GTK_WIDGET (page)));
  glossator_entities_panel_set_document (f->panel, empty, f->schema);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (page)));
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Entities");
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "press a label’s key"));

  glossator_entities_panel_set_read_only (f->panel, TRUE);
  g_assert_cmpstr (adw_status_page_get_title (page), ==, "No Entities");
  g_assert_cmpstr (adw_status_page_get_description (page), ==, read_only_text);

  /* The next article, read-only too (as the window sets them: document first). */
  glossator_entities_panel_set_document (f->panel, NULL, NULL);
  glossator_entities_panel_set_document (f->panel, empty, f->schema);
  g_assert_cmpstr (adw_status_page_get_description (page), ==, read_only_text);

  glossator_entities_panel_set_read_only (f->panel, FALSE);
  g_assert_nonnull (strstr (adw_status_page_get_description (page), "press a label’s key"));
}

static void
test_orphans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorText) text = glossator_text_new_from_data (article, strlen (article), &error);
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e1", "Moscow", "GPE");
  g_autoptr(GlossatorMention) orphan = glossator_mention_new ("m1", "GPE", "e1");
  g_autoptr(GlossatorMention) kept = glossator_mention_new ("m2", "GPE", "e1");
  GlossatorEntitiesPanel *panel = GLOSSATOR_ENTITIES_PANEL (glossator_entities_panel_new ());
  GlossatorArticleView *view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  GlossatorSpan *span;
  guint kyiv;

  g_object_ref_sink (panel);
  g_object_ref_sink (view);

  /* A mention whose text ("Moscow") is gone from the article. */
  _glossator_document_begin_load (document);
  glossator_document_put_entity (document, entity);
  span = glossator_mention_add_fragment (orphan, 3, 3);
  span->orphaned = TRUE;
  span->exact = g_strdup ("Moscow");
  glossator_document_put_mention (document, orphan);
  kyiv = test_util_offset_of (glossator_text_get_utf8 (text, NULL), "Kyiv", 0);
  glossator_mention_add_fragment (kept, kyiv, kyiv + 4);
  glossator_document_put_mention (document, kept);
  _glossator_document_end_load (document);

  glossator_entities_panel_set_document (panel, document, schema);
  g_assert_cmpuint (_glossator_entities_panel_get_n_orphans (panel), ==, 1);

  /* The view does not draw it (no offsets to trust) but shows the other. */
  glossator_article_view_set_document (view, document, schema, FALSE);
  _glossator_article_view_finish_tags (view);
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (view));
    GtkTextTag *gpe = _glossator_article_view_get_label_tag (view, "GPE", FALSE);
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, 3);
    g_assert_false (gtk_text_iter_has_tag (&iter, gpe));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) kept->fragments[0].start);
    g_assert_true (gtk_text_iter_has_tag (&iter, gpe));
  }

  glossator_document_delete_mention (document, "m1");
  _glossator_entities_panel_flush (panel);
  g_assert_cmpuint (_glossator_entities_panel_get_n_orphans (panel), ==, 0);
  glossator_document_undo (document);
  _glossator_entities_panel_flush (panel);
  g_assert_cmpuint (_glossator_entities_panel_get_n_orphans (panel), ==, 1);

  g_object_unref (view);
  g_object_unref (panel);
}

static void
count_changes (guint *n_changes)
{
  (*n_changes)++;
}

/* 5,000 entities with 4 mentions each over about 1 MB. */
static void
test_many_entities (void)
{
  static const char paragraph[] = "Minister Name%04u of Ministry%04u met Name%04u in City%04u again.\n";
  g_autoptr(GString) data = g_string_new (NULL);
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GError) error = NULL;
  GlossatorEntitiesPanel *panel = GLOSSATOR_ENTITIES_PANEL (glossator_entities_panel_new ());
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  guint n = 5000, id = 0, length, n_changes = 0, merge_changes;
  double set_ms, filter_ms, merge_ms, flush_ms, undo_ms;
  gint64 t;

  for (guint i = 0; i < n; i++)
    g_string_append_printf (data, paragraph, i, i, i, i);
  for (guint i = 0; i < 16 * n; i++)
    g_string_append (data, "Filler text that nobody tagged, to make the article long enough.\n");
  text = glossator_text_new_from_data (data->str, data->len, &error);
  g_assert_no_error (error);
  length = (guint) strlen ("Minister Name0000 of Ministry0000 met Name0000 in City0000 again.\n");

  document = glossator_document_new (text);
  _glossator_document_begin_load (document);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *person = g_strdup_printf ("e%u", 2 * i + 1);
      g_autofree char *person_name = g_strdup_printf ("Name%04u", i);
      g_autofree char *org = g_strdup_printf ("e%u", 2 * i + 2);
      g_autofree char *org_name = g_strdup_printf ("Ministry%04u", i);
      g_autoptr(GlossatorEntity) e1 = glossator_entity_new (person, person_name, "PERSON");
      g_autoptr(GlossatorEntity) e2 = glossator_entity_new (org, org_name, "ORG");
      guint base = i * length;
      struct { guint start, end; const char *label, *entity; } spans[] = {
        { base + 9, base + 17, "PERSON", person },
        { base + 21, base + 33, "ORG", org },
        { base + 38, base + 46, "PERSON", person },
      };

      glossator_document_put_entity (document, e1);
      glossator_document_put_entity (document, e2);
      for (guint j = 0; j < G_N_ELEMENTS (spans); j++)
        {
          g_autofree char *mention_id = g_strdup_printf ("m%u", ++id);
          g_autoptr(GlossatorMention) mention = glossator_mention_new (mention_id, spans[j].label, spans[j].entity);

          glossator_mention_add_fragment (mention, spans[j].start, spans[j].end);
          glossator_document_put_mention (document, mention);
        }
    }
  _glossator_document_end_load (document);
  g_assert_cmpuint (glossator_document_get_n_entities (document), ==, 2 * n);

  gtk_window_set_child (window, GTK_WIDGET (panel));
  gtk_window_present (window);

  t = g_get_monotonic_time ();
  glossator_entities_panel_set_document (panel, document, schema);
  set_ms = test_util_ms_since (t);
  g_assert_cmpuint (g_list_model_get_n_items (_glossator_entities_panel_get_model (panel)), ==, 2 * n);

  t = g_get_monotonic_time ();
  _glossator_entities_panel_set_filter (panel, "name4999");
  filter_ms = test_util_ms_since (t);
  assert_rows (&(Fixture) { .panel = panel }, "Name4999:PERSON:2");
  _glossator_entities_panel_set_filter (panel, NULL);

  /* A merge moves mentions one by one; the list updates once (counted in
   * changes of the list rather than timed: the machines are shared). */
  g_signal_connect_swapped (_glossator_entities_panel_get_model (panel), "items-changed",
                            G_CALLBACK (count_changes), &n_changes);
  glossator_entities_panel_select_entity (panel, "e3");
  t = g_get_monotonic_time ();
  g_assert_true (_glossator_entities_panel_merge_into (panel, "e1"));
  _glossator_entities_panel_flush (panel);
  merge_ms = test_util_ms_since (t);
  g_assert_cmpuint (g_list_model_get_n_items (_glossator_entities_panel_get_model (panel)), ==, 2 * n - 1);
  merge_changes = n_changes;

  n_changes = 0;
  t = g_get_monotonic_time ();
  glossator_document_undo (document);
  undo_ms = test_util_ms_since (t);
  t = g_get_monotonic_time ();
  _glossator_entities_panel_flush (panel);
  flush_ms = test_util_ms_since (t);
  g_assert_cmpuint (g_list_model_get_n_items (_glossator_entities_panel_get_model (panel)), ==, 2 * n);
  g_signal_handlers_disconnect_by_func (_glossator_entities_panel_get_model (panel), count_changes, &n_changes);

  g_test_message ("10000 entities, 15000 mentions: set_document %.1f ms, filter %.1f ms, "
                  "merge %.1f ms, undo %.2f ms + list update %.1f ms",
                  set_ms, filter_ms, merge_ms, undo_ms, flush_ms);
  g_test_message ("list changes: merge %u, undo %u", merge_changes, n_changes);
  g_assert_cmpuint (merge_changes, <=, 2);
  g_assert_cmpuint (n_changes, <=, 2);

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
  ADD ("/gui/entities/list", test_list);
  ADD ("/gui/entities/select-and-step", test_select_and_step);
  ADD ("/gui/entities/filter", test_filter);
  ADD ("/gui/entities/rename", test_rename);
  ADD ("/gui/entities/merge", test_merge);
  ADD ("/gui/entities/merge-escape", test_merge_escape);
  ADD ("/gui/entities/delete", test_delete);
  ADD ("/gui/entities/read-only", test_read_only);
  ADD ("/gui/entities/empty", test_empty);
  ADD ("/gui/entities/count-follows-filter", test_count_follows_filter);
  ADD ("/gui/entities/keys-act-on-focused-row", test_keys_act_on_focused_row);
  ADD ("/gui/entities/first-tag-same-frame", test_first_tag_same_frame);
#undef ADD
  g_test_add_func ("/gui/entities/orphans", test_orphans);
  g_test_add_func ("/gui/entities/fits-270", test_fits_270);
  g_test_add_func ("/gui/entities/many-entities", test_many_entities);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "glossator-article-view-private.h"
#include "gui-test-util.h"

/* A schema of many labels: the label palette keeps to one row, and every
 * label is reachable by keyboard through the picker that Space opens. */
static const char article[] =
  "\xEF\xBB\xBF"
  "Kim met the delegation in Pyongyang \U0001F1F0\U0001F1F5.\r\n"
  "The Cafe\u0301 talks \U0001F469\u200D\U0001F469\u200D\U0001F467 went on.\r\n";

typedef struct {
  GlossatorText        *text;
  GlossatorDocument    *document;
  GlossatorSchema      *schema;
  GtkWindow            *window;
  GlossatorArticleView *view;
  GtkTextBuffer        *buffer;
} Fixture;

/* TOPIC-01 … TOPIC-@n, with keys for the first few only. */
static GlossatorSchema *
schema_of_n_labels (guint n)
{
  g_autoptr(GString) json = g_string_new ("{\"format\": \"glossator-schema\", \"version\": 1, \"labels\": [");
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GFile) file = g_file_new_for_path ("many-labels/glossator-schema.json");
  g_autoptr(GError) error = NULL;
  GlossatorSchema *schema;

  for (guint i = 1; i <= n; i++)
    g_string_append_printf (json, "%s{\"name\": \"TOPIC-%02u\", \"color\": \"#%02x%02x%02x\"%s}",
                            i > 1 ? ", " : "", i, (i * 37) % 256, (i * 91) % 256, (i * 53) % 256,
                            i <= 3 ? (i == 1 ? ", \"key\": \"k\"" : i == 2 ? ", \"key\": \"q\"" : ", \"key\": \"w\"")
                                   : "");
  g_string_append (json, "]}");
  bytes = g_bytes_new (json->str, json->len);
  schema = glossator_schema_new_from_bytes (file, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (glossator_schema_get_n_labels (schema), ==, n);
  return schema;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  guint n_labels = GPOINTER_TO_UINT (data);
  GtkWidget *box, *left, *right;

  f->text = test_util_text_from_data (article);
  f->document = glossator_document_new (f->text);
  f->schema = n_labels > 0 ? schema_of_n_labels (n_labels) : glossator_schema_new_default ();

  /* As in the window at its default 1100 px: sidebar, text, side panel. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 1100, 700);
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  left = gtk_label_new ("sidebar");
  gtk_widget_set_size_request (left, 270, -1);
  right = gtk_label_new ("side panel");
  gtk_widget_set_size_request (right, 270, -1);
  f->view = GLOSSATOR_ARTICLE_VIEW (glossator_article_view_new ());
  gtk_widget_set_hexpand (GTK_WIDGET (f->view), TRUE);
  gtk_box_append (GTK_BOX (box), left);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->view));
  gtk_box_append (GTK_BOX (box), right);
  gtk_window_set_child (f->window, box);
  gtk_window_present (f->window);

  glossator_article_view_set_document (f->view, f->document, f->schema, FALSE);
  f->buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (f->view));
  gtk_widget_grab_focus (GTK_WIDGET (_glossator_article_view_get_text_view (f->view)));
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
}

/* The popover under @widget whose search entry has @placeholder. */
static GtkWidget *
popover_with_entry (GtkWidget  *widget,
                    const char *placeholder)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_POPOVER (child))
        {
          GtkWidget *entry = gui_test_find_by_type (child, GTK_TYPE_SEARCH_ENTRY);
          g_autofree char *text = NULL;

          if (entry != NULL)
            g_object_get (entry, "placeholder-text", &text, NULL);
          if (g_strcmp0 (text, placeholder) == 0)
            return child;
        }
      if ((found = popover_with_entry (child, placeholder)) != NULL)
        return found;
    }
  return NULL;
}

/* The label names of the picker's rows shown, "|"-separated, the chosen
 * one in brackets. */
static char *
picker_rows (GtkWidget *picker)
{
  GtkListBox *list = GTK_LIST_BOX (gui_test_find_by_type (picker, GTK_TYPE_LIST_BOX));
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (list);
  GString *rows = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      const char *name;

      if (!gtk_widget_get_child_visible (GTK_WIDGET (row)))
        continue;
      name = gtk_label_get_text (GTK_LABEL (gui_test_find_by_type (GTK_WIDGET (row), GTK_TYPE_LABEL)));
      g_string_append_printf (rows, rows->len > 0 ? "|%s%s%s" : "%s%s%s",
                              row == selected ? "[" : "", name, row == selected ? "]" : "");
    }
  return g_string_free (rows, FALSE);
}

static void
type_filter (GtkWidget  *entry,
             const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  /* Rather than wait for the entry's delay. */
  g_signal_emit_by_name (entry, "search-changed");
}

/* What the picker's key controllers do with a key press. */
static gboolean
press_in (GtkWidget *widget,
          guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean used = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !used; i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &used);
    }
  return used;
}

static GlossatorMention *
only_mention (Fixture *f)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (f->document);

  g_assert_cmpuint (mentions->len, ==, 1);
  return mentions->pdata[0];
}

/* Space opens the picker over the selection; typing narrows it, Enter
 * tags; Space again, Down, Enter relabels; the focus is back in the text. */
static void
test_picker (Fixture       *f,
             gconstpointer  data)
{
  guint kim = test_util_text_offset (f->text, "Pyongyang", 0);
  GtkWidget *text_view = GTK_WIDGET (_glossator_article_view_get_text_view (f->view));
  GtkWidget *picker, *entry;
  g_autofree char *rows = NULL;

  /* Nothing to tag: the picker does not open. */
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_space, 0));
  picker = popover_with_entry (GTK_WIDGET (f->view), "Filter labels");
  g_assert_nonnull (picker);
  g_assert_false (gtk_widget_get_visible (picker));

  gui_test_select_range (f->buffer, kim, kim + 9);
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_space, 0));
  g_assert_true (gtk_widget_get_visible (picker));
  entry = gui_test_find_by_type (picker, GTK_TYPE_SEARCH_ENTRY);
  g_assert_true (gtk_widget_has_focus (gui_test_find_by_type (entry, GTK_TYPE_TEXT)));
  rows = picker_rows (picker);
  g_assert_true (g_str_has_prefix (rows, "[TOPIC-01]|TOPIC-02|"));
  g_assert_true (g_str_has_suffix (rows, "|TOPIC-30"));
  g_clear_pointer (&rows, g_free);

  type_filter (entry, "27");
  rows = picker_rows (picker);
  g_assert_cmpstr (rows, ==, "[TOPIC-27]");
  g_clear_pointer (&rows, g_free);
  g_signal_emit_by_name (entry, "activate");
  g_assert_false (gtk_widget_get_visible (picker));
  g_assert_cmpstr (only_mention (f)->label, ==, "TOPIC-27");
  gui_test_flush ();
  g_assert_true (gtk_widget_has_focus (text_view));

  /* The mention just tagged is selected: the picker relabels it. */
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_space, 0));
  g_assert_true (gtk_widget_get_visible (picker));
  type_filter (entry, "topic-1");
  rows = picker_rows (picker);
  g_assert_cmpstr (rows, ==, "[TOPIC-10]|TOPIC-11|TOPIC-12|TOPIC-13|TOPIC-14|TOPIC-15|TOPIC-16|TOPIC-17|TOPIC-18|TOPIC-19");
  g_clear_pointer (&rows, g_free);
  g_assert_true (press_in (picker, GDK_KEY_Down));
  g_assert_true (press_in (picker, GDK_KEY_Down));
  g_assert_true (press_in (picker, GDK_KEY_Up));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (only_mention (f)->label, ==, "TOPIC-11");
  g_assert_cmpuint (glossator_document_get_n_mentions (f->document), ==, 1);

  /* A key letter narrows to its label; Escape closes without a change. */
  g_assert_true (_glossator_article_view_handle_key (f->view, GDK_KEY_space, 0));
  type_filter (entry, "Q");
  rows = picker_rows (picker);
  g_assert_cmpstr (rows, ==, "[TOPIC-02]");
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_widget_get_visible (picker));
  g_assert_cmpstr (only_mention (f)->label, ==, "TOPIC-11");
}

/* The buttons shown, in one row; "More…" among them when some do not fit.
 * Returns how many label buttons are shown. */
static guint
assert_one_row (Fixture  *f,
                gboolean *more_shown)
{
  GtkWidget *palette = gui_test_find_by_type (GTK_WIDGET (f->view), GLOSSATOR_TYPE_LABEL_PALETTE);
  double y = -1;
  guint n = 0;

  *more_shown = FALSE;
  for (GtkWidget *child = gtk_widget_get_first_child (palette); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      /* The flow box of old, and its children, count as what they hold. */
      GtkWidget *button = GTK_IS_BUTTON (child) ? child : gui_test_find_by_type (child, GTK_TYPE_BUTTON);

      if (GTK_IS_FLOW_BOX (child))
        {
          for (GtkWidget *c = gtk_widget_get_first_child (child); c != NULL; c = gtk_widget_get_next_sibling (c))
            {
              graphene_rect_t bounds;

              g_assert_true (gtk_widget_compute_bounds (c, palette, &bounds));
              if (y < 0)
                y = bounds.origin.y;
              g_assert_cmpfloat (bounds.origin.y, ==, y);
              n++;
            }
          continue;
        }
      if (button == NULL || !gtk_widget_get_mapped (button))
        continue;
      {
        graphene_rect_t bounds;

        g_assert_true (gtk_widget_compute_bounds (button, palette, &bounds));
        if (y < 0)
          y = bounds.origin.y;
        g_assert_cmpfloat (bounds.origin.y, ==, y);
        g_assert_cmpfloat (bounds.origin.x + bounds.size.width, <=, gtk_widget_get_width (palette));
      }
      if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), "More…") == 0)
        *more_shown = TRUE;
      else
        n++;
    }
  return n;
}

static gboolean
palette_laid_out_full (gpointer data,
                       gboolean need_more)
{
  gboolean more = FALSE, label = FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (data); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && gtk_widget_get_mapped (child))
      {
        if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "More…") == 0)
          more = TRUE;
        else
          label = TRUE;
      }
  return label && (more || !need_more);
}

/* The palette is laid out: a label button is shown. */
static gboolean
label_shown (gpointer data)
{
  return palette_laid_out_full (data, FALSE);
}

/* … and "More…" too. */
static gboolean
palette_laid_out (gpointer data)
{
  return palette_laid_out_full (data, TRUE);
}

/* At the default window size the palette is one row: the default schema's
 * labels, and 30 labels, with "More…" for those that do not fit, which
 * opens the picker with every label. */
static void
test_palette_one_row (Fixture       *f,
                      gconstpointer  data)
{
  GtkWidget *palette = gui_test_find_by_type (GTK_WIDGET (f->view), GLOSSATOR_TYPE_LABEL_PALETTE);
  GtkWidget *picker = popover_with_entry (GTK_WIDGET (f->view), "Filter labels");
  g_autoptr(GlossatorSchema) many = schema_of_n_labels (30);
  gboolean more_shown;
  guint shown;
  GtkWidget *more = NULL;
  g_autofree char *rows = NULL;

  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->view)), <=, 1100 - 2 * 270);
  gui_test_wait (label_shown, palette);
  gui_test_flush ();
  shown = assert_one_row (f, &more_shown);
  g_assert_true (shown == 7 || more_shown);

  glossator_article_view_set_document (f->view, f->document, many, FALSE);
  gui_test_wait (palette_laid_out, palette);
  gui_test_flush ();
  shown = assert_one_row (f, &more_shown);
  g_assert_true (more_shown);
  g_assert_cmpuint (shown, >=, 2);
  g_assert_cmpuint (shown, <, 30);

  for (GtkWidget *child = gtk_widget_get_first_child (palette); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), "More…") == 0)
      more = child;
  g_assert_nonnull (more);
  g_assert_nonnull (picker);
  g_signal_emit_by_name (more, "clicked");
  g_assert_true (gtk_widget_get_visible (picker));
  rows = picker_rows (picker);
  g_assert_true (g_str_has_suffix (rows, "|TOPIC-29|TOPIC-30"));
  gtk_popover_popdown (GTK_POPOVER (picker));
}

int
main (int   argc,
      char *argv[])
{
  if (!gui_test_init (&argc, &argv, FALSE))
    return g_test_run ();

  g_test_add ("/gui/labels/picker", Fixture, GUINT_TO_POINTER (30), fixture_set_up, test_picker, fixture_tear_down);
  g_test_add ("/gui/labels/palette-one-row", Fixture, GUINT_TO_POINTER (0), fixture_set_up,
              test_palette_one_row, fixture_tear_down);

  return g_test_run ();
}

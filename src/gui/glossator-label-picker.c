/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-label-picker"

#include "config.h"

#include <string.h>

#include "glossator-label-palette.h"
#include "glossator-label-picker.h"

struct _GlossatorLabelPicker {
  GtkPopover       parent_instance;

  GtkSearchEntry  *entry;
  GtkScrolledWindow *scroller;
  GtkListBox      *list;
  GtkLabel        *empty_label;

  GlossatorSchema *schema;
  char            *filter;   /* casefolded; NULL when empty */
};

G_DEFINE_FINAL_TYPE (GlossatorLabelPicker, glossator_label_picker, GTK_TYPE_POPOVER)

enum {
  LABEL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = haystack != NULL ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
filter_func (GtkListBoxRow *row,
             gpointer       user_data)
{
  GlossatorLabelPicker *self = user_data;
  const GlossatorLabel *label;
  char key[8] = { 0 };

  if (self->filter == NULL || self->schema == NULL)
    return TRUE;
  label = glossator_schema_get_label (self->schema, (guint) gtk_list_box_row_get_index (row));
  if (label->key != 0)
    g_unichar_to_utf8 (g_unichar_tolower (label->key), key);
  return contains_folded (label->name, self->filter) ||
         contains_folded (label->description, self->filter) ||
         g_strcmp0 (key, self->filter) == 0;
}

static GtkWidget *
create_row (GlossatorLabelPicker *self,
            guint                 index)
{
  const GlossatorLabel *label = glossator_schema_get_label (self->schema, index);
  g_autofree char *hint = glossator_label_dup_key_hint (self->schema, index);
  GtkWidget *row, *box, *labels, *name, *keys, *description;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box), glossator_label_swatch_new (label->color));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (labels, TRUE);
  name = gtk_label_new (label->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (labels), name);
  if (label->description != NULL)
    {
      description = gtk_label_new (label->description);
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
      gtk_widget_add_css_class (description, "dim-label");
      gtk_widget_add_css_class (description, "caption");
      gtk_box_append (GTK_BOX (labels), description);
    }
  gtk_box_append (GTK_BOX (box), labels);
  if (hint != NULL)
    {
      keys = gtk_label_new (hint);
      gtk_widget_set_valign (keys, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (keys, "dim-label");
      gtk_widget_add_css_class (keys, "caption");
      gtk_box_append (GTK_BOX (box), keys);
    }

  row = gtk_list_box_row_new ();
  gtk_widget_set_focusable (row, FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label->name, -1);
  return row;
}

static void
rebuild (GlossatorLabelPicker *self)
{
  GtkWidget *child;
  guint n = self->schema != NULL ? glossator_schema_get_n_labels (self->schema) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  for (guint i = 0; i < n; i++)
    gtk_list_box_append (self->list, create_row (self, i));
}

/* The shown rows, top first. */
static GPtrArray *
shown_rows (GlossatorLabelPicker *self)
{
  GPtrArray *rows = g_ptr_array_new ();
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    if (gtk_widget_get_child_visible (GTK_WIDGET (row)) && filter_func (row, self))
      g_ptr_array_add (rows, row);
  return rows;
}

static void
choose_row (GlossatorLabelPicker *self,
            GtkListBoxRow        *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  double x, y;

  gtk_list_box_select_row (self->list, row);
  if (row != NULL && gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self->list), 0, 0, &x, &y))
    gtk_adjustment_clamp_page (adjustment, y, y + gtk_widget_get_height (GTK_WIDGET (row)));
}

static void
refilter (GlossatorLabelPicker *self)
{
  g_autofree char *stripped = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  g_autoptr(GPtrArray) rows = NULL;

  g_free (self->filter);
  self->filter = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;
  gtk_list_box_invalidate_filter (self->list);
  rows = shown_rows (self);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), rows->len == 0);
  choose_row (self, rows->len > 0 ? rows->pdata[0] : NULL);
}

static void
search_changed_cb (GlossatorLabelPicker *self)
{
  refilter (self);
}

static void
apply_row (GlossatorLabelPicker *self,
           GtkListBoxRow        *row)
{
  g_autofree char *name = NULL;

  if (row == NULL || self->schema == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  name = g_strdup (glossator_schema_get_label (self->schema, (guint) gtk_list_box_row_get_index (row))->name);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[LABEL_CHOSEN], 0, name);
}

static void
entry_activate_cb (GlossatorLabelPicker *self)
{
  apply_row (self, gtk_list_box_get_selected_row (self->list));
}

static void
row_activated_cb (GlossatorLabelPicker *self,
                  GtkListBoxRow        *row)
{
  apply_row (self, row);
}

/* The search entry takes Escape for itself: close as every popover does. */
static void
stop_search_cb (GlossatorLabelPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
move (GlossatorLabelPicker *self,
      int                   delta)
{
  g_autoptr(GPtrArray) rows = shown_rows (self);
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->list);
  guint now = 0;
  int next;

  if (rows->len == 0)
    return;
  if (selected == NULL || !g_ptr_array_find (rows, selected, &now))
    now = delta > 0 ? (guint) -1 : 0;
  next = CLAMP ((int) now + delta, 0, (int) rows->len - 1);
  choose_row (self, rows->pdata[next]);
}

static gboolean
key_pressed_cb (GlossatorLabelPicker *self,
                guint                 keyval,
                guint                 keycode,
                GdkModifierType       state)
{
  if ((state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      move (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      move (self, 1);
      return TRUE;
    case GDK_KEY_Page_Up:
      move (self, -8);
      return TRUE;
    case GDK_KEY_Page_Down:
      move (self, 8);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
glossator_label_picker_dispose (GObject *object)
{
  GlossatorLabelPicker *self = GLOSSATOR_LABEL_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_LABEL_PICKER);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->filter, g_free);

  G_OBJECT_CLASS (glossator_label_picker_parent_class)->dispose (object);
}

static void
glossator_label_picker_class_init (GlossatorLabelPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_label_picker_dispose;

  signals[LABEL_CHOSEN] =
    g_signal_new ("label-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-label-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorLabelPicker, entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorLabelPicker, scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossatorLabelPicker, list);
  gtk_widget_class_bind_template_child (widget_class, GlossatorLabelPicker, empty_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
}

static void
glossator_label_picker_init (GlossatorLabelPicker *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_filter_func (self->list, filter_func, self, NULL);

  /* Before the entry: Up and Down choose a label, not a place in the text. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
glossator_label_picker_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_LABEL_PICKER, NULL);
}

void
glossator_label_picker_set_schema (GlossatorLabelPicker *self,
                                   GlossatorSchema      *schema)
{
  g_return_if_fail (GLOSSATOR_IS_LABEL_PICKER (self));
  g_return_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (!g_set_object (&self->schema, schema))
    return;
  rebuild (self);
}

void
glossator_label_picker_popup (GlossatorLabelPicker *self)
{
  g_return_if_fail (GLOSSATOR_IS_LABEL_PICKER (self));

  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  refilter (self);
  gtk_popover_popup (GTK_POPOVER (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

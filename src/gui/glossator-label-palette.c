/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-label-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-label-palette.h"
#include "glossator-label-picker.h"

struct _GlossatorLabelPalette {
  GtkWidget             parent_instance;

  GPtrArray            *buttons;      /* one per label, in the schema's order */
  GtkWidget            *more_button;
  GlossatorLabelPicker *picker;

  GlossatorSchema      *schema;
};

/* Around and between the buttons. */
#define PALETTE_MARGIN_X 8
#define PALETTE_MARGIN_Y 6
#define PALETTE_SPACING  2

G_DEFINE_FINAL_TYPE (GlossatorLabelPalette, glossator_label_palette, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SCHEMA,
  N_PROPS
};

enum {
  LABEL_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

void
glossator_label_color_parse (const char *color,
                             GdkRGBA    *rgba)
{
  g_return_if_fail (rgba != NULL);

  if (color == NULL || !gdk_rgba_parse (rgba, color))
    *rgba = (GdkRGBA) { 0.6, 0.6, 0.6, 1.0 };
  rgba->alpha = 1.0;
}

static void
swatch_draw_cb (GtkDrawingArea *area,
                cairo_t        *cr,
                int             width,
                int             height,
                gpointer        user_data)
{
  const GdkRGBA *rgba = g_object_get_data (G_OBJECT (area), "glossator-color");
  double radius = MIN (width, height) / 4.0;

  if (rgba == NULL)
    return;

  cairo_new_sub_path (cr);
  cairo_arc (cr, width - radius, radius, radius, -G_PI_2, 0);
  cairo_arc (cr, width - radius, height - radius, radius, 0, G_PI_2);
  cairo_arc (cr, radius, height - radius, radius, G_PI_2, G_PI);
  cairo_arc (cr, radius, radius, radius, G_PI, 3 * G_PI_2);
  cairo_close_path (cr);
  gdk_cairo_set_source_rgba (cr, rgba);
  cairo_fill (cr);
}

GtkWidget *
glossator_label_swatch_new (const char *color)
{
  GtkWidget *swatch = g_object_new (GTK_TYPE_DRAWING_AREA,
                                    "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                    "content-width", 12,
                                    "content-height", 12,
                                    "valign", GTK_ALIGN_CENTER,
                                    NULL);

  gtk_widget_add_css_class (swatch, "glossator-swatch");
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), swatch_draw_cb, NULL, NULL);
  glossator_label_swatch_set_color (swatch, color);

  return swatch;
}

void
glossator_label_swatch_set_color (GtkWidget  *swatch,
                                  const char *color)
{
  GdkRGBA rgba;

  g_return_if_fail (GTK_IS_DRAWING_AREA (swatch));

  glossator_label_color_parse (color, &rgba);
  g_object_set_data_full (G_OBJECT (swatch), "glossator-color",
                          gdk_rgba_copy (&rgba), (GDestroyNotify) gdk_rgba_free);
  gtk_widget_queue_draw (swatch);
}

char *
glossator_label_dup_key_hint (GlossatorSchema *schema,
                              guint            index)
{
  const GlossatorLabel *label;
  char key[8] = { 0 };

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (index < glossator_schema_get_n_labels (schema), NULL);

  label = glossator_schema_get_label (schema, index);
  if (label->key != 0)
    g_unichar_to_utf8 (g_unichar_toupper (label->key), key);

  if (index < 9 && key[0] != '\0')
    /* Translators: the two keys that tag with a label, e.g. "1/P" */
    return g_strdup_printf (_("%u/%s"), index + 1, key);
  if (index < 9)
    return g_strdup_printf ("%u", index + 1);
  if (key[0] != '\0')
    return g_strdup (key);
  return NULL;
}

static void
button_clicked_cb (GlossatorLabelPalette *self,
                   GtkButton             *button)
{
  const char *name = g_object_get_data (G_OBJECT (button), "glossator-label");

  g_assert (name != NULL);
  g_signal_emit (self, signals[LABEL_ACTIVATED], 0, name);
}

static GtkWidget *
create_button (GlossatorLabelPalette *self,
               guint                  index)
{
  const GlossatorLabel *label = glossator_schema_get_label (self->schema, index);
  g_autofree char *hint = glossator_label_dup_key_hint (self->schema, index);
  g_autofree char *tooltip = NULL;
  g_autofree char *accessible = NULL;
  GtkWidget *button, *box, *name, *keys;

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_box_append (GTK_BOX (box), glossator_label_swatch_new (label->color));
  name = gtk_label_new (label->name);
  gtk_box_append (GTK_BOX (box), name);
  if (hint != NULL)
    {
      keys = gtk_label_new (hint);
      gtk_widget_add_css_class (keys, "dim-label");
      gtk_widget_add_css_class (keys, "caption");
      gtk_box_append (GTK_BOX (box), keys);
    }

  button = gtk_button_new ();
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "glossator-label-button");
  /* Out of the Tab chain: between the text and the side panel it would
   * be a long walk, and the labels' keys do what the buttons do. */
  gtk_widget_set_focusable (button, FALSE);
  g_object_set_data_full (G_OBJECT (button), "glossator-label", g_strdup (label->name), g_free);

  if (hint != NULL && label->description != NULL)
    /* Translators: tooltip of a label button: label, description, keys like "1/P" */
    tooltip = g_strdup_printf (_("Tag the selection as %s — %s (key %s)"),
                               label->name, label->description, hint);
  else if (hint != NULL)
    tooltip = g_strdup_printf (_("Tag the selection as %s (key %s)"), label->name, hint);
  else
    tooltip = g_strdup_printf (_("Tag the selection as %s"), label->name);
  gtk_widget_set_tooltip_text (button, tooltip);

  accessible = g_strdup_printf (_("Tag as %s"), label->name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  label->description != NULL ? label->description : "",
                                  -1);

  g_signal_connect_object (button, "clicked", G_CALLBACK (button_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

static void
rebuild (GlossatorLabelPalette *self)
{
  guint n_labels = self->schema != NULL ? glossator_schema_get_n_labels (self->schema) : 0;

  for (guint i = 0; i < self->buttons->len; i++)
    gtk_widget_unparent (self->buttons->pdata[i]);
  g_ptr_array_set_size (self->buttons, 0);

  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *button = create_button (self, i);

      /* Shown once allocated, if it fits. */
      gtk_widget_set_child_visible (button, FALSE);
      gtk_widget_insert_before (button, GTK_WIDGET (self), self->more_button);
      g_ptr_array_add (self->buttons, button);
    }
  glossator_label_picker_set_schema (self->picker, self->schema);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/* One row, never two: the buttons that do not fit give way to "More…",
 * which opens the picker with every label. */
static void
glossator_label_palette_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (widget);
  int more_min, more_nat, sum = 0, tallest = 0;

  gtk_widget_measure (self->more_button, orientation, -1, &more_min, &more_nat, NULL, NULL);
  for (guint i = 0; i < self->buttons->len; i++)
    {
      int child_min, child_nat;

      gtk_widget_measure (self->buttons->pdata[i], orientation, -1, &child_min, &child_nat, NULL, NULL);
      sum += child_nat + (i > 0 ? PALETTE_SPACING : 0);
      tallest = MAX (tallest, child_nat);
    }

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = self->buttons->len > 0 ? more_nat + 2 * PALETTE_MARGIN_X : 0;
      *natural = self->buttons->len > 0 ? MAX (sum, more_nat) + 2 * PALETTE_MARGIN_X : 0;
    }
  else
    {
      *minimum = *natural = self->buttons->len > 0 ? MAX (tallest, more_nat) + 2 * PALETTE_MARGIN_Y : 0;
    }
}

static void
glossator_label_palette_size_allocate (GtkWidget *widget,
                                       int        width,
                                       int        height,
                                       int        baseline)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (widget);
  int more_width, sum = 0, room = width - 2 * PALETTE_MARGIN_X, x = PALETTE_MARGIN_X;
  int child_height = MAX (0, height - 2 * PALETTE_MARGIN_Y);
  gboolean overflow, full = FALSE;

  gtk_widget_measure (self->more_button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &more_width, NULL, NULL);
  for (guint i = 0; i < self->buttons->len; i++)
    {
      int w;

      gtk_widget_measure (self->buttons->pdata[i], GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      sum += w + (i > 0 ? PALETTE_SPACING : 0);
    }
  overflow = sum > room;
  if (overflow)
    room -= more_width + PALETTE_SPACING;

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkWidget *button = self->buttons->pdata[i];
      int w;

      gtk_widget_measure (button, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &w, NULL, NULL);
      full = full || x + w - PALETTE_MARGIN_X > room;
      gtk_widget_set_child_visible (button, !full);
      if (full)
        continue;
      gtk_widget_size_allocate (button, &(GtkAllocation) { x, PALETTE_MARGIN_Y, w, child_height }, -1);
      x += w + PALETTE_SPACING;
    }

  gtk_widget_set_child_visible (self->more_button, overflow);
  if (overflow)
    gtk_widget_size_allocate (self->more_button,
                              &(GtkAllocation) { x, PALETTE_MARGIN_Y, more_width, child_height }, -1);
  gtk_popover_present (GTK_POPOVER (self->picker));
}

static void
more_clicked_cb (GlossatorLabelPalette *self)
{
  glossator_label_palette_pick (self, NULL);
}

static void
picker_label_chosen_cb (GlossatorLabelPalette *self,
                        const char            *name)
{
  g_signal_emit (self, signals[LABEL_ACTIVATED], 0, name);
}

static void
glossator_label_palette_dispose (GObject *object)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (object);
  GtkWidget *child;

  if (self->picker != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->picker));
      self->picker = NULL;
    }
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  self->more_button = NULL;
  g_clear_pointer (&self->buttons, g_ptr_array_unref);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (glossator_label_palette_parent_class)->dispose (object);
}

static void
glossator_label_palette_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      g_value_set_object (value, self->schema);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_label_palette_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (object);

  switch (prop_id)
    {
    case PROP_SCHEMA:
      glossator_label_palette_set_schema (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_label_palette_class_init (GlossatorLabelPaletteClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_label_palette_dispose;
  object_class->get_property = glossator_label_palette_get_property;
  object_class->set_property = glossator_label_palette_set_property;

  properties[PROP_SCHEMA] =
    g_param_spec_object ("schema", NULL, NULL, GLOSSATOR_TYPE_SCHEMA,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[LABEL_ACTIVATED] =
    g_signal_new ("label-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  widget_class->measure = glossator_label_palette_measure;
  widget_class->size_allocate = glossator_label_palette_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "glossator-label-palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
glossator_label_palette_init (GlossatorLabelPalette *self)
{
  self->buttons = g_ptr_array_new ();
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Labels"), -1);

  /* As the label buttons: never the focus, which stays in the text. */
  self->more_button = gtk_button_new_with_label (_("More…"));
  gtk_widget_add_css_class (self->more_button, "flat");
  gtk_widget_set_focusable (self->more_button, FALSE);
  gtk_widget_set_tooltip_text (self->more_button, _("Tag the selection with any label (Space)"));
  /* Shown once the buttons are placed, if some do not fit. */
  gtk_widget_set_child_visible (self->more_button, FALSE);
  g_signal_connect_object (self->more_button, "clicked", G_CALLBACK (more_clicked_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_set_parent (self->more_button, GTK_WIDGET (self));

  self->picker = GLOSSATOR_LABEL_PICKER (glossator_label_picker_new ());
  gtk_widget_set_parent (GTK_WIDGET (self->picker), GTK_WIDGET (self));
  g_signal_connect_object (self->picker, "label-chosen", G_CALLBACK (picker_label_chosen_cb), self,
                           G_CONNECT_SWAPPED);
}

GtkWidget *
glossator_label_palette_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_LABEL_PALETTE, NULL);
}

void
glossator_label_palette_set_schema (GlossatorLabelPalette *self,
                                    GlossatorSchema       *schema)
{
  g_return_if_fail (GLOSSATOR_IS_LABEL_PALETTE (self));
  g_return_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (!g_set_object (&self->schema, schema))
    return;
  rebuild (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCHEMA]);
}

GlossatorSchema *
glossator_label_palette_get_schema (GlossatorLabelPalette *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_LABEL_PALETTE (self), NULL);

  return self->schema;
}

void
glossator_label_palette_pick (GlossatorLabelPalette *self,
                              const GdkRectangle    *over)
{
  graphene_rect_t bounds;

  g_return_if_fail (GLOSSATOR_IS_LABEL_PALETTE (self));

  if (self->schema == NULL)
    return;
  if (over != NULL)
    gtk_popover_set_pointing_to (GTK_POPOVER (self->picker), over);
  else if (gtk_widget_get_child_visible (self->more_button) &&
           gtk_widget_compute_bounds (self->more_button, GTK_WIDGET (self), &bounds))
    gtk_popover_set_pointing_to (GTK_POPOVER (self->picker),
                                 &(GdkRectangle) { (int) bounds.origin.x, (int) bounds.origin.y,
                                                   (int) bounds.size.width, (int) bounds.size.height });
  else
    gtk_popover_set_pointing_to (GTK_POPOVER (self->picker), NULL);
  glossator_label_picker_popup (self->picker);
}

GtkPopover *
glossator_label_palette_get_picker (GlossatorLabelPalette *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_LABEL_PALETTE (self), NULL);

  return GTK_POPOVER (self->picker);
}

GtkWidget *
glossator_entity_row_new (GlossatorDocument *document,
                          GlossatorSchema   *schema,
                          GlossatorEntity   *entity,
                          GlossatorEntityRowPurpose purpose)
{
  guint count = glossator_document_count_entity_mentions (document, entity->id);
  g_autofree char *details = g_strdup_printf (ngettext ("%s · %u mention", "%s · %u mentions", count),
                                              entity->label, count);
  g_autofree char *accessible = NULL;
  GtkWidget *row, *box, *name, *info;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (entity != NULL, NULL);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_box_append (GTK_BOX (box),
                  glossator_label_swatch_new (glossator_schema_color_for_label (schema, entity->label)));
  name = gtk_label_new (entity->name);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  info = gtk_label_new (details);
  gtk_widget_add_css_class (info, "dim-label");
  gtk_widget_add_css_class (info, "caption");
  gtk_box_append (GTK_BOX (box), info);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "glossator-entity-id", g_strdup (entity->id), g_free);
  if (purpose == GLOSSATOR_ENTITY_ROW_MERGE_INTO)
    /* Translators: accessible name of a merge target: name and details */
    accessible = g_strdup_printf (_("Merge into %s (%s)"), entity->name, details);
  else
    /* Translators: accessible name of an entity to link to: name, label, count */
    accessible = g_strdup_printf (_("Link to %s (%s)"), entity->name, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  return row;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-label-palette"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-label-palette.h"

struct _GlossatorLabelPalette {
  GtkWidget        parent_instance;

  GtkFlowBox      *flow_box;

  GlossatorSchema *schema;
};

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
  GtkWidget *child;
  guint n_labels;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->flow_box))) != NULL)
    gtk_flow_box_remove (self->flow_box, child);

  if (self->schema == NULL)
    return;

  n_labels = glossator_schema_get_n_labels (self->schema);
  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *flow_child = gtk_flow_box_child_new ();

      /* The button inside takes the focus; the child would be a second stop. */
      gtk_widget_set_focusable (flow_child, FALSE);
      gtk_flow_box_child_set_child (GTK_FLOW_BOX_CHILD (flow_child), create_button (self, i));
      gtk_flow_box_append (self->flow_box, flow_child);
    }
}

static void
glossator_label_palette_dispose (GObject *object)
{
  GlossatorLabelPalette *self = GLOSSATOR_LABEL_PALETTE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_LABEL_PALETTE);
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

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-label-palette.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorLabelPalette, flow_box);
  gtk_widget_class_set_css_name (widget_class, "glossator-label-palette");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
glossator_label_palette_init (GlossatorLabelPalette *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
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

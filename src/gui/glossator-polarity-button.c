/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-polarity-button"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-label-palette.h"
#include "glossator-polarity-button.h"

struct _GlossatorPolarityButton {
  GtkToggleButton  parent_instance;

  GtkBox          *box;
  GtkLabel        *name_label;
  GtkLabel        *key_label;

  char            *polarity;
};

G_DEFINE_FINAL_TYPE (GlossatorPolarityButton, glossator_polarity_button, GTK_TYPE_TOGGLE_BUTTON)

GtkWidget *
glossator_polarity_button_new (const GlossatorLabel *polarity)
{
  GlossatorPolarityButton *self;
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;
  char key[8] = { 0 };

  g_return_val_if_fail (polarity != NULL && polarity->name != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_POLARITY_BUTTON, NULL);
  self->polarity = g_strdup (polarity->name);
  gtk_box_prepend (self->box, glossator_label_swatch_new (polarity->color));
  gtk_label_set_text (self->name_label, polarity->name);
  if (polarity->key != 0)
    {
      g_unichar_to_utf8 (g_unichar_toupper (polarity->key), key);
      gtk_label_set_text (self->key_label, key);
      gtk_widget_set_visible (GTK_WIDGET (self->key_label), TRUE);
      /* Translators: a polarity button's accessible name: name and key */
      accessible = g_strdup_printf (_("%s (key %s)"), polarity->name, key);
      tooltip = polarity->description != NULL ? g_strdup_printf ("%s (%s)", polarity->description, key)
                                              : g_strdup (accessible);
    }
  else
    {
      accessible = g_strdup (polarity->name);
      tooltip = g_strdup (polarity->description);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), tooltip);
  return GTK_WIDGET (self);
}

const char *
glossator_polarity_button_get_polarity (GlossatorPolarityButton *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_POLARITY_BUTTON (self), NULL);

  return self->polarity;
}

static void
glossator_polarity_button_finalize (GObject *object)
{
  GlossatorPolarityButton *self = GLOSSATOR_POLARITY_BUTTON (object);

  g_free (self->polarity);

  G_OBJECT_CLASS (glossator_polarity_button_parent_class)->finalize (object);
}

static void
glossator_polarity_button_class_init (GlossatorPolarityButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glossator_polarity_button_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-polarity-button.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorPolarityButton, box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPolarityButton, name_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPolarityButton, key_label);
}

static void
glossator_polarity_button_init (GlossatorPolarityButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

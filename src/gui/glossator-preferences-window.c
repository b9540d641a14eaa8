/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-preferences-window.h"

struct _GlossatorPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *annotator_row;
  GtkSwitch            *autosave_switch;
  GtkWidget            *autosave_delay_row;
  GtkSpinButton        *autosave_delay_spin;
  GtkSwitch            *snap_switch;
  GtkSpinButton        *text_size_spin;
  AdwComboRow          *color_scheme_row;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (GlossatorPreferencesWindow, glossator_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* The combo row's position is the enum's value (default, light, dark). */
static gboolean
color_scheme_get_mapping (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  if (g_strcmp0 (nick, "light") == 0)
    g_value_set_uint (value, 1);
  else if (g_strcmp0 (nick, "dark") == 0)
    g_value_set_uint (value, 2);
  else
    g_value_set_uint (value, 0);

  return TRUE;
}

static GVariant *
color_scheme_set_mapping (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  static const char * const nicks[] = { "default", "light", "dark" };
  guint position = g_value_get_uint (value);

  return g_variant_new_string (nicks[MIN (position, G_N_ELEMENTS (nicks) - 1)]);
}

static void
annotator_changed_cb (GlossatorPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->annotator_row))));

  g_settings_set_string (self->settings, "annotator", name);
}

static void
glossator_preferences_window_dispose (GObject *object)
{
  GlossatorPreferencesWindow *self = GLOSSATOR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glossator_preferences_window_parent_class)->dispose (object);
}

static void
glossator_preferences_window_class_init (GlossatorPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, annotator_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, autosave_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, autosave_delay_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, autosave_delay_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, snap_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, text_size_spin);
  gtk_widget_class_bind_template_child (widget_class, GlossatorPreferencesWindow, color_scheme_row);
}

static void
glossator_preferences_window_init (GlossatorPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
glossator_preferences_window_new (GSettings *settings)
{
  GlossatorPreferencesWindow *self;
  g_autofree char *annotator = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (GLOSSATOR_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);

  annotator = g_settings_get_string (settings, "annotator");
  gtk_editable_set_text (GTK_EDITABLE (self->annotator_row), annotator);
  g_signal_connect_swapped (self->annotator_row, "changed", G_CALLBACK (annotator_changed_cb), self);

  g_settings_bind (settings, "autosave", self->autosave_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "autosave", self->autosave_delay_row, "sensitive", G_SETTINGS_BIND_GET);
  g_settings_bind (settings, "autosave-delay", self->autosave_delay_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "snap-to-words", self->snap_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "text-size", self->text_size_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (settings, "color-scheme", self->color_scheme_row, "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                color_scheme_get_mapping, color_scheme_set_mapping, NULL, NULL);

  return GTK_WIDGET (self);
}

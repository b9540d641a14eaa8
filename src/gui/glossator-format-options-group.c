/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format-options"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-format-options-group.h"

struct _GlossatorFormatOptionsGroup
{
  AdwPreferencesGroup    parent_instance;

  GlossatorFormatScope   scope;
  const GlossatorFormat *format;
  /* GtkWidget*: one row per option, in the format's order; the option is
   * the row's "option" data and the control its "control" data. */
  GPtrArray             *rows;
};

G_DEFINE_FINAL_TYPE (GlossatorFormatOptionsGroup, glossator_format_options_group, ADW_TYPE_PREFERENCES_GROUP)

static GStrv
split_choices (const GlossatorFormatOption *option)
{
  return g_strsplit (option->choices != NULL ? option->choices : "", "|", -1);
}

static GtkWidget *
create_row (const GlossatorFormatOption *option)
{
  const char *title = option->title != NULL ? _(option->title) : option->name;
  const char *description = option->description != NULL ? _(option->description) : NULL;
  GtkWidget *row;
  GtkWidget *control;

  switch (option->type)
    {
    case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
      {
        gboolean active = option->default_value != NULL && g_str_equal (option->default_value, "true");

        row = adw_action_row_new ();
        control = gtk_switch_new ();
        gtk_switch_set_active (GTK_SWITCH (control), active);
        gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
        adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
      }
      break;

    case GLOSSATOR_FORMAT_OPTION_CHOICE:
      {
        g_auto(GStrv) choices = split_choices (option);
        g_autoptr(GtkStringList) model = gtk_string_list_new ((const char * const *) choices);
        guint selected = 0;

        for (guint i = 0; choices[i] != NULL; i++)
          if (g_strcmp0 (choices[i], option->default_value) == 0)
            selected = i;
        row = adw_combo_row_new ();
        adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
        adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
        control = row;
      }
      break;

    case GLOSSATOR_FORMAT_OPTION_STRING:
    case GLOSSATOR_FORMAT_OPTION_LIST:
    default:
      /* An action row rather than an entry row: the description, which
       * tells the default, stays visible. */
      row = adw_action_row_new ();
      control = gtk_entry_new ();
      gtk_widget_set_valign (control, GTK_ALIGN_CENTER);
      gtk_editable_set_width_chars (GTK_EDITABLE (control), 12);
      if (option->default_value != NULL)
        gtk_editable_set_text (GTK_EDITABLE (control), option->default_value);
      else if (option->arg_description != NULL)
        gtk_entry_set_placeholder_text (GTK_ENTRY (control), _(option->arg_description));
      gtk_accessible_update_property (GTK_ACCESSIBLE (control),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), control);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), control);
      break;
    }

  /* Descriptions quote config syntax such as <Labels>. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (description != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), description);
      gtk_widget_set_tooltip_text (row, description);
    }
  g_object_set_data (G_OBJECT (row), "option", (gpointer) option);
  g_object_set_data (G_OBJECT (row), "control", control);

  return row;
}

static GtkWidget *
find_row (GlossatorFormatOptionsGroup *self,
          const char                  *name)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const GlossatorFormatOption *option = g_object_get_data (G_OBJECT (row), "option");

      if (g_str_equal (option->name, name))
        return row;
    }

  return NULL;
}

static void
glossator_format_options_group_finalize (GObject *object)
{
  GlossatorFormatOptionsGroup *self = GLOSSATOR_FORMAT_OPTIONS_GROUP (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (glossator_format_options_group_parent_class)->finalize (object);
}

static void
glossator_format_options_group_class_init (GlossatorFormatOptionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_format_options_group_finalize;
}

static void
glossator_format_options_group_init (GlossatorFormatOptionsGroup *self)
{
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Options"));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
glossator_format_options_group_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_FORMAT_OPTIONS_GROUP, NULL);
}

void
glossator_format_options_group_set_format (GlossatorFormatOptionsGroup *self,
                                           const GlossatorFormat       *format,
                                           GlossatorFormatScope         scope)
{
  const GlossatorFormatOption *options;
  guint n_options = 0;

  g_return_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self));

  if (format == self->format && scope == self->scope)
    return;

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->format = format;
  self->scope = scope;

  options = format != NULL ? glossator_format_get_options (format, &n_options) : NULL;
  for (guint i = 0; i < n_options; i++)
    {
      GtkWidget *row;

      if ((options[i].scope & self->scope) == 0)
        continue;
      row = create_row (&options[i]);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

guint
glossator_format_options_group_get_n_rows (GlossatorFormatOptionsGroup *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self), 0);

  return self->rows->len;
}

gboolean
glossator_format_options_group_set_value (GlossatorFormatOptionsGroup *self,
                                          const char                  *name,
                                          const char                  *value)
{
  GtkWidget *row;
  const GlossatorFormatOption *option;
  GtkWidget *control;

  g_return_val_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self), FALSE);
  g_return_val_if_fail (name != NULL && value != NULL, FALSE);

  if ((row = find_row (self, name)) == NULL)
    return FALSE;
  option = g_object_get_data (G_OBJECT (row), "option");
  control = g_object_get_data (G_OBJECT (row), "control");

  switch (option->type)
    {
    case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
      if (!g_str_equal (value, "true") && !g_str_equal (value, "false"))
        return FALSE;
      gtk_switch_set_active (GTK_SWITCH (control), g_str_equal (value, "true"));
      return TRUE;

    case GLOSSATOR_FORMAT_OPTION_CHOICE:
      {
        g_auto(GStrv) choices = split_choices (option);

        for (guint i = 0; choices[i] != NULL; i++)
          if (g_str_equal (choices[i], value))
            {
              adw_combo_row_set_selected (ADW_COMBO_ROW (control), i);
              return TRUE;
            }
        return FALSE;
      }

    case GLOSSATOR_FORMAT_OPTION_STRING:
    case GLOSSATOR_FORMAT_OPTION_LIST:
    default:
      gtk_editable_set_text (GTK_EDITABLE (control), value);
      return TRUE;
    }
}

GHashTable *
glossator_format_options_group_dup_options (GlossatorFormatOptionsGroup *self)
{
  GHashTable *options;

  g_return_val_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self), NULL);

  options = glossator_format_options_new ();
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      const GlossatorFormatOption *option = g_object_get_data (G_OBJECT (row), "option");
      GtkWidget *control = g_object_get_data (G_OBJECT (row), "control");
      char *value = NULL;

      switch (option->type)
        {
        case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
          value = g_strdup (gtk_switch_get_active (GTK_SWITCH (control)) ? "true" : "false");
          break;

        case GLOSSATOR_FORMAT_OPTION_CHOICE:
          {
            GtkStringObject *item = adw_combo_row_get_selected_item (ADW_COMBO_ROW (control));

            if (item != NULL)
              value = g_strdup (gtk_string_object_get_string (item));
          }
          break;

        case GLOSSATOR_FORMAT_OPTION_STRING:
        case GLOSSATOR_FORMAT_OPTION_LIST:
        default:
          value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (control))));
          if (*value == '\0')
            g_clear_pointer (&value, g_free);
          break;
        }

      if (value != NULL)
        g_hash_table_insert (options, g_strdup (option->name), value);
    }

  return options;
}

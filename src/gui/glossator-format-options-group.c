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
  /* The corpus's mention labels, offered as a pick-list for the "labels"
   * option; NULL: typed. */
  GStrv                  labels;
};

G_DEFINE_FINAL_TYPE (GlossatorFormatOptionsGroup, glossator_format_options_group, ADW_TYPE_PREFERENCES_GROUP)

static GStrv
split_choices (const GlossatorFormatOption *option)
{
  return g_strsplit (option->choices != NULL ? option->choices : "", "|", -1);
}

/* The "labels" option as check rows: the chosen labels in the list's
 * order, comma-separated, as they would be typed; NULL for none. */
static char *
dup_picked_labels (GtkWidget *expander)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "checks");
  g_autoptr(GString) value = g_string_new (NULL);

  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);

      if (gtk_check_button_get_active (check))
        g_string_append_printf (value, "%s%s", value->len > 0 ? "," : "",
                                (const char *) g_object_get_data (G_OBJECT (check), "label"));
    }

  return value->len > 0 ? g_string_free (g_steal_pointer (&value), FALSE) : NULL;
}

static void
picked_label_toggled_cb (GtkCheckButton *check,
                         GtkWidget      *expander)
{
  g_autofree char *value = dup_picked_labels (expander);
  g_auto(GStrv) picked = value != NULL ? g_strsplit (value, ",", -1) : NULL;
  g_autofree char *shown = picked != NULL ? g_strjoinv (", ", picked) : NULL;

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), shown != NULL ? shown : _("All labels"));
}

static GtkWidget *
add_label_check (GtkWidget  *expander,
                 const char *label)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "checks");
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  g_object_set_data_full (G_OBJECT (check), "label", g_strdup (label), g_free);
  g_signal_connect (check, "toggled", G_CALLBACK (picked_label_toggled_cb), expander);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
  g_ptr_array_add (checks, check);

  return check;
}

static GtkWidget *
create_label_picker (const char * const *labels)
{
  GtkWidget *expander = adw_expander_row_new ();

  g_object_set_data_full (G_OBJECT (expander), "checks", g_ptr_array_new (), (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; labels[i] != NULL; i++)
    add_label_check (expander, labels[i]);
  picked_label_toggled_cb (NULL, expander);

  return expander;
}

/* A label the list lacks (one typed in a script) gets a row of its own. */
static void
set_picked_labels (GtkWidget  *expander,
                   const char *value)
{
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "checks");
  g_auto(GStrv) items = g_strsplit (value, ",", -1);
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; items[i] != NULL; i++)
    if (*g_strstrip (items[i]) != '\0')
      g_hash_table_add (wanted, items[i]);
  for (guint i = 0; i < checks->len; i++)
    {
      GtkCheckButton *check = g_ptr_array_index (checks, i);
      const char *label = g_object_get_data (G_OBJECT (check), "label");

      gtk_check_button_set_active (check, g_hash_table_remove (wanted, label));
    }
  for (guint i = 0; items[i] != NULL; i++)
    if (g_hash_table_remove (wanted, items[i]))
      gtk_check_button_set_active (GTK_CHECK_BUTTON (add_label_check (expander, items[i])), TRUE);
}

static gboolean
is_label_picker (GtkWidget *control)
{
  return ADW_IS_EXPANDER_ROW (control);
}

static GtkWidget *
create_row (const GlossatorFormatOption *option,
            const char * const          *labels)
{
  const char *title = option->title != NULL ? _(option->title) : option->name;
  const char *description = option->window_description != NULL ? _(option->window_description)
                            : option->description != NULL ? _(option->description) : NULL;
  GtkWidget *row;
  GtkWidget *control;

  /* "labels" is the option of every token format that names mention
   * labels (GLOSSATOR_TOKEN_OPTIONS): ticked, not typed, when known. */
  if (option->type == GLOSSATOR_FORMAT_OPTION_LIST && g_str_equal (option->name, "labels") && labels != NULL)
    {
      row = control = create_label_picker (labels);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (description != NULL)
        gtk_widget_set_tooltip_text (row, description);
      g_object_set_data (G_OBJECT (row), "option", (gpointer) option);
      g_object_set_data (G_OBJECT (row), "control", control);
      return row;
    }

  switch (option->type)
    {
    case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
      {
        gboolean active = option->default_value != NULL && g_str_equal (option->default_value, "true");

        /* The switch says what the title says, not what the flag does. */
        if (option->title_inverts)
          active = !active;

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
  g_clear_pointer (&self->labels, g_strfreev);

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

static void
rebuild (GlossatorFormatOptionsGroup *self,
         const GlossatorFormat       *format,
         GlossatorFormatScope         scope)
{
  const GlossatorFormatOption *options;
  guint n_options = 0;

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
      row = create_row (&options[i], (const char * const *) self->labels);
      g_ptr_array_add (self->rows, row);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

void
glossator_format_options_group_set_format (GlossatorFormatOptionsGroup *self,
                                           const GlossatorFormat       *format,
                                           GlossatorFormatScope         scope)
{
  g_return_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self));

  if (format == self->format && scope == self->scope)
    return;
  rebuild (self, format, scope);
}

void
glossator_format_options_group_set_labels (GlossatorFormatOptionsGroup *self,
                                           const char * const          *labels)
{
  g_return_if_fail (GLOSSATOR_IS_FORMAT_OPTIONS_GROUP (self));

  g_clear_pointer (&self->labels, g_strfreev);
  self->labels = g_strdupv ((char **) labels);
  rebuild (self, self->format, self->scope);
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
      gtk_switch_set_active (GTK_SWITCH (control), g_str_equal (value, "true") != option->title_inverts);
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
      if (is_label_picker (control))
        set_picked_labels (control, value);
      else
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
          value = g_strdup (gtk_switch_get_active (GTK_SWITCH (control)) != option->title_inverts ? "true" : "false");
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
          if (is_label_picker (control))
            {
              value = dup_picked_labels (control);
              break;
            }
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

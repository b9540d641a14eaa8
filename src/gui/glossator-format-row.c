/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format-row"

#include "config.h"

#include "glossator-format-row.h"

struct _GlossatorFormatRow
{
  AdwComboRow  parent_instance;

  gboolean     import;
  GPtrArray   *formats;    /* const GlossatorFormat*, in the row's order */
  GSettings   *settings;
};

G_DEFINE_FINAL_TYPE (GlossatorFormatRow, glossator_format_row, ADW_TYPE_COMBO_ROW)

enum {
  PROP_0,
  PROP_PURPOSE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
settings_key (GlossatorFormatRow *self)
{
  return self->import ? "import-format" : "export-format";
}

static void
selected_cb (GlossatorFormatRow *self)
{
  const GlossatorFormat *format = glossator_format_row_get_format (self);
  g_autofree char *subtitle = NULL;

  /* The id is what the CLI's --to and --from take. */
  if (format != NULL)
    subtitle = g_strdup_printf ("%s · %s", glossator_format_get_name (format),
                                glossator_format_get_description (format));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
}

static void
glossator_format_row_constructed (GObject *object)
{
  GlossatorFormatRow *self = GLOSSATOR_FORMAT_ROW (object);
  GlossatorFormatFlags can = self->import ? GLOSSATOR_FORMAT_CAN_IMPORT : GLOSSATOR_FORMAT_CAN_EXPORT;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autofree char *last = NULL;
  const GlossatorFormat * const *formats;
  guint n_formats;

  G_OBJECT_CLASS (glossator_format_row_parent_class)->constructed (object);

  formats = glossator_format_list (&n_formats);
  for (guint i = 0; i < n_formats; i++)
    {
      if ((glossator_format_get_flags (formats[i]) & can) != can)
        continue;
      g_ptr_array_add (self->formats, (gpointer) formats[i]);
      gtk_string_list_append (names, glossator_format_get_display_name (formats[i]));
    }

  /* The id and the description go under the title, not the name. */
  adw_combo_row_set_use_subtitle (ADW_COMBO_ROW (self), FALSE);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_combo_row_set_model (ADW_COMBO_ROW (self), G_LIST_MODEL (names));
  g_signal_connect (self, "notify::selected", G_CALLBACK (selected_cb), NULL);

  last = g_settings_get_string (self->settings, settings_key (self));
  if (!glossator_format_row_set_format (self, last))
    selected_cb (self);
}

static void
glossator_format_row_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossatorFormatRow *self = GLOSSATOR_FORMAT_ROW (object);

  switch (prop_id)
    {
    case PROP_PURPOSE:
      self->import = g_strcmp0 (g_value_get_string (value), "import") == 0;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_format_row_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossatorFormatRow *self = GLOSSATOR_FORMAT_ROW (object);

  switch (prop_id)
    {
    case PROP_PURPOSE:
      g_value_set_string (value, self->import ? "import" : "export");
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_format_row_finalize (GObject *object)
{
  GlossatorFormatRow *self = GLOSSATOR_FORMAT_ROW (object);

  g_clear_pointer (&self->formats, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glossator_format_row_parent_class)->finalize (object);
}

static void
glossator_format_row_class_init (GlossatorFormatRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = glossator_format_row_constructed;
  object_class->set_property = glossator_format_row_set_property;
  object_class->get_property = glossator_format_row_get_property;
  object_class->finalize = glossator_format_row_finalize;

  properties[PROP_PURPOSE] =
    g_param_spec_string ("purpose", NULL, NULL, "export",
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossator_format_row_init (GlossatorFormatRow *self)
{
  self->formats = g_ptr_array_new ();
  self->settings = g_settings_new (APP_ID_BASE);
}

const GlossatorFormat *
glossator_format_row_get_format (GlossatorFormatRow *self)
{
  guint selected;

  g_return_val_if_fail (GLOSSATOR_IS_FORMAT_ROW (self), NULL);

  selected = adw_combo_row_get_selected (ADW_COMBO_ROW (self));
  return selected < self->formats->len ? g_ptr_array_index (self->formats, selected) : NULL;
}

gboolean
glossator_format_row_set_format (GlossatorFormatRow *self,
                                 const char         *name)
{
  g_return_val_if_fail (GLOSSATOR_IS_FORMAT_ROW (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; i < self->formats->len; i++)
    if (g_str_equal (glossator_format_get_name (g_ptr_array_index (self->formats, i)), name))
      {
        adw_combo_row_set_selected (ADW_COMBO_ROW (self), i);
        /* notify::selected does not fire when it was selected already. */
        selected_cb (self);
        return TRUE;
      }

  return FALSE;
}

void
glossator_format_row_remember (GlossatorFormatRow *self)
{
  const GlossatorFormat *format;

  g_return_if_fail (GLOSSATOR_IS_FORMAT_ROW (self));

  if ((format = glossator_format_row_get_format (self)) != NULL)
    g_settings_set_string (self->settings, settings_key (self), glossator_format_get_name (format));
}

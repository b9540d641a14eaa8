/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossator-format-private.h"

G_DEFINE_QUARK (glossator-format-error-quark, glossator_format_error)

/* Each is defined in its own file, glossator-format-NAME.c. */
extern const GlossatorFormat _glossator_format_jsonl;
extern const GlossatorFormat _glossator_format_conll;
extern const GlossatorFormat _glossator_format_hf;
extern const GlossatorFormat _glossator_format_brat;
extern const GlossatorFormat _glossator_format_stance_tsv;
extern const GlossatorFormat _glossator_format_doccano;
extern const GlossatorFormat _glossator_format_label_studio;

/* The order of --help and of the dialogs. */
static const GlossatorFormat * const formats[] = {
  &_glossator_format_jsonl,
  &_glossator_format_conll,
  &_glossator_format_hf,
  &_glossator_format_brat,
  &_glossator_format_stance_tsv,
  &_glossator_format_doccano,
  &_glossator_format_label_studio,
};

const GlossatorFormat * const *
glossator_format_list (guint *n_formats)
{
  if (n_formats != NULL)
    *n_formats = G_N_ELEMENTS (formats);
  return formats;
}

const GlossatorFormat *
glossator_format_lookup (const char *name)
{
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_ascii_strcasecmp (formats[i]->name, name) == 0)
      return formats[i];

  return NULL;
}

const char *
glossator_format_get_name (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return format->name;
}

const char *
glossator_format_get_display_name (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return _(format->display_name);
}

const char *
glossator_format_get_description (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return _(format->description);
}

const char *
glossator_format_get_extension (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, NULL);

  return format->extension;
}

GlossatorFormatFlags
glossator_format_get_flags (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, 0);

  return format->flags;
}

gboolean
glossator_format_can_export (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  return (format->flags & GLOSSATOR_FORMAT_CAN_EXPORT) != 0;
}

gboolean
glossator_format_can_import (const GlossatorFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  return (format->flags & GLOSSATOR_FORMAT_CAN_IMPORT) != 0;
}

const GlossatorFormatOption *
glossator_format_get_options (const GlossatorFormat *format,
                              guint                 *n_options)
{
  g_return_val_if_fail (format != NULL, NULL);

  if (n_options != NULL)
    *n_options = format->n_options;
  return format->options;
}

const GlossatorFormatOption *
glossator_format_find_option (const GlossatorFormat *format,
                              const char            *name)
{
  g_return_val_if_fail (format != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < format->n_options; i++)
    if (g_str_equal (format->options[i].name, name))
      return &format->options[i];

  return NULL;
}

/* Options */

GHashTable *
glossator_format_options_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static gboolean
parse_boolean (const char *value,
               gboolean   *result)
{
  static const char * const yes[] = { "true", "yes", "1", "on" };
  static const char * const no[] = { "false", "no", "0", "off" };

  for (guint i = 0; i < G_N_ELEMENTS (yes); i++)
    {
      if (g_ascii_strcasecmp (value, yes[i]) == 0)
        {
          *result = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (value, no[i]) == 0)
        {
          *result = FALSE;
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
is_choice (const char *choices,
           const char *value)
{
  g_auto(GStrv) list = g_strsplit (choices, "|", -1);

  return g_strv_contains ((const char * const *) list, value);
}

gboolean
glossator_format_check_options (const GlossatorFormat  *format,
                                GlossatorFormatScope    scope,
                                GHashTable             *options,
                                GError                **error)
{
  GHashTableIter iter;
  gpointer key, value;

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (options == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, options);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const GlossatorFormatOption *option = glossator_format_find_option (format, key);
      gboolean flag;

      if (option == NULL || (option->scope & scope) == 0)
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                       _("the %s format has no %s option “%s”"), format->name,
                       scope == GLOSSATOR_FORMAT_SCOPE_IMPORT ? _("import") : _("export"),
                       (const char *) key);
          return FALSE;
        }

      switch (option->type)
        {
        case GLOSSATOR_FORMAT_OPTION_BOOLEAN:
          if (!parse_boolean (value, &flag))
            {
              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                           _("option “%s” takes true or false, not “%s”"), option->name,
                           (const char *) value);
              return FALSE;
            }
          break;

        case GLOSSATOR_FORMAT_OPTION_CHOICE:
          if (!is_choice (option->choices, value))
            {
              g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                           _("option “%s” takes one of %s, not “%s”"), option->name,
                           option->choices, (const char *) value);
              return FALSE;
            }
          break;

        case GLOSSATOR_FORMAT_OPTION_LIST:
          {
            g_auto(GStrv) items = g_strsplit (value, ",", -1);

            for (guint i = 0; items[i] != NULL; i++)
              if (*g_strstrip (items[i]) == '\0')
                {
                  g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
                               _("option “%s” takes a comma-separated list without empty items"),
                               option->name);
                  return FALSE;
                }
          }
          break;

        case GLOSSATOR_FORMAT_OPTION_STRING:
        default:
          break;
        }
    }

  return format->check_options == NULL || format->check_options (options, scope, error);
}

const char *
_glossator_options_get (const GlossatorFormat *format,
                        GHashTable            *options,
                        const char            *name)
{
  const GlossatorFormatOption *option;
  const char *value = options != NULL ? g_hash_table_lookup (options, name) : NULL;

  if (value != NULL)
    return value;
  option = glossator_format_find_option (format, name);
  g_assert (option != NULL);
  return option->default_value;
}

gboolean
_glossator_options_get_boolean (const GlossatorFormat *format,
                                GHashTable            *options,
                                const char            *name)
{
  const char *value = _glossator_options_get (format, options, name);
  gboolean result = FALSE;

  if (value != NULL)
    parse_boolean (value, &result);
  return result;
}

GStrv
_glossator_options_get_list (const GlossatorFormat *format,
                             GHashTable            *options,
                             const char            *name)
{
  const char *value = _glossator_options_get (format, options, name);
  GStrv items;

  if (value == NULL)
    return NULL;
  items = g_strsplit (value, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    g_strstrip (items[i]);
  return items;
}

GHashTable *
_glossator_options_get_set (const GlossatorFormat *format,
                            GHashTable            *options,
                            const char            *name)
{
  g_auto(GStrv) items = _glossator_options_get_list (format, options, name);
  GHashTable *set;

  if (items == NULL)
    return NULL;
  set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; items[i] != NULL; i++)
    g_hash_table_add (set, g_strdup (items[i]));
  return set;
}

const char *
_glossator_exporter_get_option (GlossatorExporter *self,
                                const char        *name)
{
  return _glossator_options_get (self->format, self->options, name);
}

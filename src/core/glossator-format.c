/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <string.h>

#include "glossator-document-private.h"
#include "glossator-format-private.h"
#include "glossator-json-guard.h"
#include "glossator-text-private.h"

G_DEFINE_QUARK (glossator-format-error-quark, glossator_format_error)

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

/* Import */

void
glossator_imported_document_free (GlossatorImportedDocument *document)
{
  if (document == NULL)
    return;

  g_free (document->name);
  g_clear_object (&document->article_file);
  g_clear_pointer (&document->article_bytes, g_bytes_unref);
  g_clear_pointer (&document->schema, g_bytes_unref);
  g_clear_object (&document->document);
  g_free (document->offset_unit);
  g_clear_pointer (&document->problems, g_ptr_array_unref);
  g_free (document);
}

GlossatorImportedDocument *
_glossator_imported_document_new (const char        *name,
                                  GlossatorDocument *document)
{
  GlossatorImportedDocument *imported = g_new0 (GlossatorImportedDocument, 1);

  imported->name = g_strdup (name);
  imported->document = document != NULL ? g_object_ref (document) : NULL;
  imported->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  return imported;
}

void
_glossator_import_problem (GlossatorImportContext   *context,
                           GlossatorProblemSeverity  severity,
                           const char               *path,
                           const char               *format,
                           ...)
{
  GlossatorProblem *problem = g_new0 (GlossatorProblem, 1);
  va_list args;

  problem->severity = severity;
  problem->path = g_strdup (path);
  va_start (args, format);
  problem->message = g_strdup_vprintf (format, args);
  va_end (args);

  if (context->problems != NULL)
    g_ptr_array_add (context->problems, problem);
  else
    glossator_problem_free (problem);
}

gboolean
_glossator_import_emit (GlossatorImportContext     *context,
                        GlossatorImportedDocument  *document,
                        GError                    **error)
{
  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;
  /* The sidecar records whether the article file has a BOM; a text that
   * starts with U+FEFF is written after one (_glossator_import_text_bytes())
   * so that reading it takes off the BOM and keeps the character. */
  if (document->article_bytes != NULL && document->document != NULL)
    glossator_text_set_has_bom (glossator_document_get_text (document->document),
                                _glossator_text_data_has_bom (g_bytes_get_data (document->article_bytes, NULL),
                                                              g_bytes_get_size (document->article_bytes)));
  return context->callback (document, context->user_data, error);
}

static char *
safe_component (const char *str)
{
  GString *out = g_string_new (NULL);

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c < 0x20 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' ||
          c == '"' || c == '<' || c == '>' || c == '|' || c == 0x7f)
        g_string_append_c (out, '_');
      else
        g_string_append_unichar (out, c);
    }
  if (g_str_equal (out->str, ".") || g_str_equal (out->str, ".."))
    g_string_assign (out, "_");
  return g_string_free (out, FALSE);
}

char *
_glossator_import_name (GFile      *input,
                        const char *key,
                        const char *extension)
{
  g_autofree char *basename = g_file_get_basename (input);
  g_autofree char *safe_key = key != NULL ? safe_component (key) : NULL;
  char *dot = strrchr (basename, '.');

  if (dot != NULL && dot != basename)
    *dot = '\0';
  if (safe_key != NULL)
    return g_strdup_printf ("%s-%s%s", basename, safe_key, extension);
  return g_strdup_printf ("%s%s", basename, extension);
}

GBytes *
_glossator_import_text_bytes (const char *utf8,
                              gsize       n_bytes)
{
  GByteArray *bytes = g_byte_array_sized_new (n_bytes + 3);

  if (n_bytes >= 3 && memcmp (utf8, "\xef\xbb\xbf", 3) == 0)
    g_byte_array_append (bytes, (const guint8 *) "\xef\xbb\xbf", 3);
  g_byte_array_append (bytes, (const guint8 *) utf8, n_bytes);
  return g_byte_array_free_to_bytes (bytes);
}

char *
_glossator_import_safe_path (const char *path)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (path == NULL || !g_utf8_validate (path, -1, NULL))
    return NULL;

  parts = g_strsplit_set (path, "/\\", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *component = NULL;

      if (*parts[i] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
        continue;
      component = safe_component (parts[i]);
      if (out->len > 0)
        g_string_append_c (out, '/');
      g_string_append (out, component);
    }

  if (out->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

GBytes *
_glossator_import_read (GlossatorImportContext  *context,
                        GFile                   *file,
                        GError                 **error)
{
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize length = 0;

  if (!g_file_load_contents (file, context->cancellable, &contents, &length, NULL, &local_error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, local_error->domain, local_error->code, "%s: %s", name, local_error->message);
      return NULL;
    }

  return g_bytes_new_take (contents, length);
}

const char *
_glossator_json_string_member (JsonObject *object,
                               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

gboolean
_glossator_json_boolean_member (JsonObject *object,
                                const char *name,
                                gboolean    default_value)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return default_value;
  return json_node_get_boolean (node);
}

static gboolean
call_record (GlossatorImportContext   *context,
             JsonNode                 *node,
             const char               *where,
             guint                     n_record,
             GlossatorJsonRecordFunc   func,
             gpointer                  user_data,
             GError                  **error)
{
  if (g_cancellable_set_error_if_cancelled (context->cancellable, error))
    return FALSE;
  return func (context, node, where, n_record, user_data, error);
}

gboolean
_glossator_import_json_records (GlossatorImportContext   *context,
                                GBytes                   *contents,
                                GlossatorJsonRecordFunc   func,
                                gpointer                  user_data,
                                GError                  **error)
{
  gsize n_bytes;
  const char *data = g_bytes_get_data (contents, &n_bytes);
  const char *p, *end, *invalid;
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *input_name = g_file_get_parse_name (context->input);
  guint line = 0, n_records = 0;
  gboolean whole = FALSE;

  if (data == NULL)
    data = "";
  if (n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n_bytes -= 3;
    }
  if (!g_utf8_validate_len (data, n_bytes, &invalid))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: not UTF-8: invalid byte at offset %zu"
                     " (convert the file to UTF-8 first)"),
                   input_name, (gsize) (invalid - data));
      return FALSE;
    }

  /* A file holding one value (an array of tasks, or a pretty-printed
   * object) is read whole; anything else line by line. */
  p = data;
  end = data + n_bytes;
  while (p < end && _glossator_json_is_space (*p))
    p++;
  if (p < end && *p == '[')
    whole = TRUE;
  else if (p < end && *p == '{')
    {
      const char *value_end = _glossator_json_skip_value (p, end);
      const char *newline = memchr (p, '\n', end - p);

      whole = value_end != NULL && newline != NULL && newline < value_end;
    }

  if (whole)
    {
      g_autofree char *path = NULL;
      JsonNode *root;

      if (!glossator_json_guard (data, n_bytes, &path, &local_error))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       "%s: %s: %s", input_name, path, local_error->message);
          return FALSE;
        }
      /* Never json-glib's message: it quotes the data. */
      if (!json_parser_load_from_data (parser, data, n_bytes, NULL))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       "%s: %s", input_name, _("not JSON that json-glib reads"));
          return FALSE;
        }
      root = json_parser_get_root (parser);
      if (JSON_NODE_HOLDS_ARRAY (root))
        {
          JsonArray *array = json_node_get_array (root);

          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              g_autofree char *where = g_strdup_printf ("$[%u]", i);

              if (!call_record (context, json_array_get_element (array, i), where, i, func, user_data, error))
                return FALSE;
            }
          return TRUE;
        }
      return call_record (context, root, "$", 0, func, user_data, error);
    }

  for (p = data; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol != NULL ? eol : end) - p;
      g_autofree char *where = NULL;
      const char *q;

      line++;
      for (q = p; q < p + len && _glossator_json_is_space (*q); q++)
        ;
      if (q < p + len)
        {
          g_autofree char *path = NULL;

          where = g_strdup_printf (_("line %u"), line);
          g_clear_error (&local_error);
          if (!glossator_json_guard_line (p, len, line, &path, &local_error))
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                       "%s: %s", path, local_error->message);
          else if (!json_parser_load_from_data (parser, p, len, NULL) || json_parser_get_root (parser) == NULL)
            _glossator_import_problem (context, GLOSSATOR_PROBLEM_ERROR, where,
                                       "%s", _("not JSON that json-glib reads"));
          else if (!call_record (context, json_parser_get_root (parser), where, n_records++,
                                 func, user_data, error))
            return FALSE;
        }
      p = eol != NULL ? eol + 1 : end;
    }

  return TRUE;
}

/* The import entry point */

gboolean
glossator_format_import (const GlossatorFormat  *format,
                         GFile                  *input,
                         GHashTable             *options,
                         GlossatorImportFunc     callback,
                         gpointer                user_data,
                         GPtrArray              *problems,
                         GCancellable           *cancellable,
                         GError                **error)
{
  g_autoptr(GHashTable) own_options = NULL;
  GlossatorImportContext context = { 0 };

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (input), FALSE);
  g_return_val_if_fail (callback != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!glossator_format_can_import (format))
    {
      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_UNSUPPORTED,
                   _("the %s format cannot be imported"), format->name);
      return FALSE;
    }
  if (!glossator_format_check_options (format, GLOSSATOR_FORMAT_SCOPE_IMPORT, options, error))
    return FALSE;
  if (options == NULL)
    options = own_options = glossator_format_options_new ();

  context.format = format;
  context.input = input;
  context.options = options;
  context.callback = callback;
  context.user_data = user_data;
  context.problems = problems;
  context.cancellable = cancellable;

  return format->import (&context, error);
}

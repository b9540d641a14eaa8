/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-import"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossator-exporter-private.h"
#include "glossator-files-private.h"
#include "glossator-format-private.h"
#include "glossator-import.h"
#include "glossator-json-guard.h"
#include "glossator-schema.h"
#include "glossator-text-private.h"

/* What importers share */

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
  GlossatorProblem *problem;
  va_list args;

  va_start (args, format);
  problem = glossator_problem_new_valist (severity, path, format, args);
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
_glossator_import_check_utf8 (const char  *input_name,
                              const char  *data,
                              gsize        n_bytes,
                              GError     **error)
{
  const char *invalid;

  if (g_utf8_validate_len (data, n_bytes, &invalid))
    return TRUE;
  g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
               _("%s: not UTF-8: invalid byte at offset %zu"
                 " (convert the file to UTF-8 first)"),
               input_name, (gsize) (invalid - data));
  return FALSE;
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
  const char *p, *end;
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
  if (!_glossator_import_check_utf8 (input_name, data, n_bytes, error))
    return FALSE;

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

/* Importing files: writes what a format reads */

void
glossator_import_summary_init (GlossatorImportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->offset_units = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  summary->schemas = g_ptr_array_new_with_free_func (g_free);
}

void
glossator_import_summary_clear (GlossatorImportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->offset_units, g_hash_table_unref);
  g_clear_pointer (&summary->schemas, g_ptr_array_unref);
}

char *
glossator_import_summary_to_string (const GlossatorImportSummary *summary)
{
  GString *str;

  g_return_val_if_fail (summary != NULL, NULL);

  str = g_string_new (NULL);
  g_string_append_printf (str, _("documents read: %u (inputs: %u); written: %u; not written: %u; "
                                 "mentions: %u; entities: %u; stances: %u; warnings: %u; errors: %u\n"),
                          summary->n_documents, summary->n_inputs, summary->n_written, summary->n_skipped,
                          summary->n_mentions, summary->n_entities, summary->n_stances,
                          summary->n_warnings, summary->n_errors);
  if (summary->offset_units != NULL && g_hash_table_size (summary->offset_units) > 0)
    {
      g_autoptr(GList) units = g_hash_table_get_keys (summary->offset_units);
      gboolean first = TRUE;

      units = g_list_sort (units, (GCompareFunc) strcmp);
      g_string_append (str, _("offsets read as:"));
      for (GList *l = units; l != NULL; l = l->next)
        {
          g_string_append_printf (str, "%s %s (%u)", first ? "" : ";", (const char *) l->data,
                                  GPOINTER_TO_UINT (g_hash_table_lookup (summary->offset_units, l->data)));
          first = FALSE;
        }
      g_string_append_c (str, '\n');
    }
  for (guint i = 0; summary->schemas != NULL && i < summary->schemas->len; i++)
    g_string_append_printf (str, "%s\n", (const char *) g_ptr_array_index (summary->schemas, i));

  return g_string_free (str, FALSE);
}

typedef struct {
  const GlossatorFormat     *format;
  GFile                     *input;
  GHashTable                *written;   /* articles written by this import: GFile set */
  GFile                     *output_folder;
  GFile                     *base;      /* the folder documents' names are relative to */
  int                        base_fd;   /* -1 until needed */
  GlossatorImportFlags       flags;
  GlossatorImportReportFunc  report;
  gpointer                   report_data;
  GlossatorImportSummary    *summary;
  GHashTable                *schemas;   /* folder path → GlossatorSchema*, NULL when unreadable */
  GHashTable                *labels;    /* labels reported as missing from a schema */
  GCancellable              *cancellable;
} ImportRun;

/* A folder's file descriptor, closed when it goes out of scope. */
typedef int FolderFd;

static void
folder_fd_close (FolderFd *fd)
{
  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FolderFd, folder_fd_close)

static void
report_problem (ImportRun              *run,
                const char             *document,
                const GlossatorProblem *problem)
{
  if (problem->severity == GLOSSATOR_PROBLEM_ERROR)
    run->summary->n_errors++;
  else
    run->summary->n_warnings++;
  if (run->report != NULL)
    run->report (run->input, document, problem, run->report_data);
}

/* @where: the place in the input (nullable). */
static void G_GNUC_PRINTF (5, 6)
report_new (ImportRun                *run,
            const char               *document,
            const char               *where,
            GlossatorProblemSeverity  severity,
            const char               *format,
            ...)
{
  GlossatorProblem problem = { severity, (char *) where, NULL };
  va_list args;

  va_start (args, format);
  problem.message = g_strdup_vprintf (format, args);
  va_end (args);
  report_problem (run, document, &problem);
  g_free (problem.message);
}

static void
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", path, g_strerror (saved));
}

/* The folder @relative under the import's folder, walked without
 * following links; G_IO_ERROR_NOT_FOUND when missing and not @create. */
static int
open_folder (ImportRun   *run,
             const char  *relative,
             gboolean     create,
             GError     **error)
{
  const char *path = g_file_peek_path (run->base);

  if (path == NULL)
    {
      g_autofree char *uri = g_file_get_uri (run->base);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("%s: not a local folder"), uri);
      return -1;
    }
  if (run->base_fd < 0)
    {
      /* The folder asked for is taken as it is, links and all. */
      if (create && g_mkdir_with_parents (path, 0777) != 0)
        {
          set_errno_error (error, errno, path);
          return -1;
        }
      run->base_fd = open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
      if (run->base_fd < 0)
        {
          set_errno_error (error, errno, path);
          return -1;
        }
    }
  return _glossator_open_folder_at (run->base_fd, relative, create, error);
}

/* Writes the article (when it is new or replaced) and the sidecar of
 * @imported as @relative under the import's folder. Nothing is replaced
 * that the flags do not allow; replaced files are kept as backups; the new
 * files are written in full before any is put in place. @error is the
 * document's problem. */
static gboolean
write_document (ImportRun                  *run,
                GlossatorImportedDocument  *imported,
                GFile                      *article,
                const char                 *relative,
                GError                    **error)
{
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (article);
  g_autoptr(GlossatorArticle) check = NULL;
  g_autoptr(GBytes) old_article = NULL;
  g_autoptr(GBytes) old_sidecar = NULL;
  g_autoptr(GBytes) serialized = NULL;
  g_autoptr(GError) local_error = NULL;
  g_auto(FolderFd) fd = -1;
  g_autofree char *folder = NULL;
  g_autofree char *name = g_path_get_basename (relative);
  g_autofree char *sidecar_name = g_strconcat (name, GLOSSATOR_SIDECAR_SUFFIX, NULL);
  g_autofree char *article_path = g_file_get_parse_name (article);
  g_autofree char *sidecar_path = g_file_get_parse_name (sidecar);
  g_autofree char *staged_article = NULL;
  g_autofree char *staged_sidecar = NULL;
  g_autofree char *json_path = NULL;
  const char *slash = strrchr (relative, '/');
  GlossatorArticleFormat article_format = GLOSSATOR_ARTICLE_FORMAT_TEXT;
  gboolean writes_article = imported->article_bytes != NULL &&
                            (imported->article_file == NULL || run->output_folder != NULL);
  struct stat st;

  folder = slash != NULL ? g_strndup (relative, slash - relative) : g_strdup ("");
  fd = open_folder (run, folder, FALSE, &local_error);
  if (fd < 0 && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_set_error (error, local_error->domain, local_error->code, _("%s; not written"), local_error->message);
      return FALSE;
    }
  g_clear_error (&local_error);

  if (fd >= 0 && fstatat (fd, sidecar_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
    {
      if ((run->flags & GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s exists; not overwritten (--force replaces it)"), sidecar_path);
          return FALSE;
        }
      /* Kept as the backup; a link or a folder is not replaced. */
      if (!_glossator_read_at (fd, sidecar_name, G_MAXSSIZE, &old_sidecar, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code, _("%s; not replaced"), local_error->message);
          return FALSE;
        }
    }

  /* The article as it will be read must be the text the offsets count in. */
  if (imported->article_bytes != NULL)
    {
      GlossatorText *text = glossator_document_get_text (imported->document);

      glossator_article_format_for_name (name, &article_format);
      check = glossator_article_new_from_bytes (article, NULL, article_format, imported->article_bytes,
                                                &local_error);
      if (check == NULL ||
          !g_str_equal (glossator_text_get_utf8 (glossator_article_get_text (check), NULL),
                        glossator_text_get_utf8 (text, NULL)))
        {
          g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                       _("the article would not read back as the annotated text%s%s; not written"),
                       local_error != NULL ? ": " : "", local_error != NULL ? local_error->message : "");
          return FALSE;
        }
    }

  if (writes_article && fd >= 0)
    {
      if (!_glossator_read_at (fd, name, G_MAXSSIZE, &old_article, &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code, _("%s; not replaced"), local_error->message);
          return FALSE;
        }
      if (old_article != NULL && g_bytes_equal (old_article, imported->article_bytes))
        {
          writes_article = FALSE;
          g_clear_pointer (&old_article, g_bytes_unref);
        }
      else if (old_article != NULL && (run->flags & GLOSSATOR_IMPORT_REPLACE_ARTICLES) == 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s exists with other contents; not replaced (--replace-articles replaces it, "
                         "keeping it as %s~)"), article_path, name);
          return FALSE;
        }
    }

  /* Nor may the sidecar be one that would not read back: free-form
   * members an input nests near the limit sit deeper in a sidecar. */
  serialized = glossator_sidecar_serialize (imported->document, name);
  if (!glossator_json_guard (g_bytes_get_data (serialized, NULL), g_bytes_get_size (serialized),
                             &json_path, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code,
                   _("the sidecar would not read back: %s: %s; not written"), json_path, local_error->message);
      return FALSE;
    }

  if (fd < 0 && (fd = open_folder (run, folder, TRUE, &local_error)) < 0)
    {
      g_set_error (error, local_error->domain, local_error->code, _("%s; not written"), local_error->message);
      return FALSE;
    }

  if (writes_article &&
      (staged_article = _glossator_stage_at (fd, name, g_bytes_get_data (imported->article_bytes, NULL),
                                             g_bytes_get_size (imported->article_bytes), &local_error)) == NULL)
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", article_path, local_error->message);
      return FALSE;
    }
  staged_sidecar = _glossator_stage_at (fd, sidecar_name, g_bytes_get_data (serialized, NULL),
                                        g_bytes_get_size (serialized), &local_error);
  if (staged_sidecar == NULL)
    {
      _glossator_discard_at (fd, staged_article);
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", sidecar_path, local_error->message);
      return FALSE;
    }

  /* Backups first: what is replaced is never lost. */
  for (guint i = 0; i < 2; i++)
    {
      GBytes *old = i == 0 ? old_article : old_sidecar;
      g_autofree char *backup = NULL;
      g_autofree char *staged = NULL;

      if (old == NULL)
        continue;
      backup = g_strconcat (i == 0 ? name : sidecar_name, "~", NULL);
      staged = _glossator_stage_at (fd, backup, g_bytes_get_data (old, NULL), g_bytes_get_size (old), &local_error);
      if (staged == NULL || !_glossator_commit_at (fd, staged, backup, &local_error))
        {
          _glossator_discard_at (fd, staged_article);
          _glossator_discard_at (fd, staged_sidecar);
          g_set_error (error, local_error->domain, local_error->code, _("%s~: %s; nothing replaced"),
                       i == 0 ? article_path : sidecar_path, local_error->message);
          return FALSE;
        }
    }

  if (staged_article != NULL && !_glossator_commit_at (fd, staged_article, name, &local_error))
    {
      _glossator_discard_at (fd, staged_sidecar);
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", article_path, local_error->message);
      return FALSE;
    }
  if (!_glossator_commit_at (fd, staged_sidecar, sidecar_name, &local_error))
    {
      g_set_error (error, local_error->domain, local_error->code, "%s: %s", sidecar_path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

static void
report_label (ImportRun                 *run,
              GlossatorImportedDocument *imported,
              GlossatorSchema           *schema,
              const char                *label)
{
  g_autofree char *schema_path = NULL;

  if (label == NULL || glossator_schema_find_label (schema, label) != NULL ||
      !g_hash_table_add (run->labels, g_strdup (label)))
    return;
  if (glossator_schema_get_file (schema) == NULL)
    {
      report_new (run, imported->name, imported->where, GLOSSATOR_PROBLEM_WARNING,
                  _("label “%s” is not in the built-in label schema; kept"), label);
      return;
    }
  schema_path = g_file_get_parse_name (glossator_schema_get_file (schema));
  report_new (run, imported->name, imported->where, GLOSSATOR_PROBLEM_WARNING,
              _("label “%s” is not in the label schema %s; kept"), label, schema_path);
}

/* Labels the schema of the article's folder lacks: told once per import. */
static void
check_labels (ImportRun                 *run,
              GlossatorImportedDocument *imported,
              GFile                     *article)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autofree char *key = g_file_get_parse_name (folder);
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  GlossatorSchema *schema = NULL;

  if (!g_hash_table_lookup_extended (run->schemas, key, NULL, (gpointer *) &schema))
    {
      g_autoptr(GError) local_error = NULL;

      schema = glossator_schema_load_for_folder (folder, run->base, run->cancellable, &local_error);
      if (schema == NULL)
        report_new (run, imported->name, NULL, GLOSSATOR_PROBLEM_WARNING,
                    _("labels not checked: %s"), local_error->message);
      g_hash_table_insert (run->schemas, g_steal_pointer (&key), schema);
    }
  if (schema == NULL)
    return;

  mentions = glossator_document_list_mentions (imported->document);
  for (guint i = 0; i < mentions->len; i++)
    report_label (run, imported, schema, ((GlossatorMention *) g_ptr_array_index (mentions, i))->label);
  entities = glossator_document_list_entities (imported->document);
  for (guint i = 0; i < entities->len; i++)
    report_label (run, imported, schema, ((GlossatorEntity *) g_ptr_array_index (entities, i))->label);
}

/* A label schema the input carries, restored as @imported->name under the
 * import's folder: written when there is none, left alone when the one
 * there holds the same JSON, replaced only with --force (the previous one
 * kept as glossator-schema.json~). The summary says which. */
static void
restore_schema (ImportRun                 *run,
                GlossatorImportedDocument *imported)
{
  g_autoptr(GFile) file = g_file_resolve_relative_path (run->base, imported->name);
  g_autofree char *path = g_file_get_parse_name (file);
  g_autofree char *folder = g_path_get_dirname (imported->name);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GBytes) old = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *staged = NULL;
  g_auto(FolderFd) fd = -1;
  gboolean replaced = FALSE;

  if (g_str_equal (folder, "."))
    folder[0] = '\0';

  /* Checked as the window will read it. */
  schema = glossator_schema_new_from_bytes (file, imported->schema, &local_error);
  if (schema == NULL)
    {
      report_new (run, NULL, imported->where, GLOSSATOR_PROBLEM_ERROR,
                  _("label schema not restored: %s"), local_error->message);
      return;
    }

  fd = open_folder (run, folder, TRUE, &local_error);
  if (fd < 0 || !_glossator_read_at (fd, GLOSSATOR_SCHEMA_FILE_NAME, G_MAXSSIZE, &old, &local_error))
    {
      report_new (run, NULL, imported->where, GLOSSATOR_PROBLEM_ERROR,
                  _("label schema not restored: %s"), local_error->message);
      return;
    }
  if (old != NULL)
    {
      g_autoptr(JsonParser) mine = json_parser_new_immutable ();
      g_autoptr(JsonParser) theirs = json_parser_new_immutable ();

      if (json_parser_load_from_data (mine, g_bytes_get_data (imported->schema, NULL),
                                      g_bytes_get_size (imported->schema), NULL) &&
          glossator_json_guard (g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL, NULL) &&
          json_parser_load_from_data (theirs, g_bytes_get_data (old, NULL), g_bytes_get_size (old), NULL) &&
          json_node_equal (json_parser_get_root (mine), json_parser_get_root (theirs)))
        {
          g_ptr_array_add (run->summary->schemas,
                           g_strdup_printf (_("label schema: %s is the same; kept"), path));
          return;
        }
      if ((run->flags & GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS) == 0)
        {
          report_new (run, NULL, imported->where, GLOSSATOR_PROBLEM_ERROR,
                      _("%s exists with another label schema; not overwritten (--force replaces it, "
                        "keeping it as %s~)"), path, GLOSSATOR_SCHEMA_FILE_NAME);
          g_ptr_array_add (run->summary->schemas,
                           g_strdup_printf (_("label schema: %s differs; not replaced"), path));
          return;
        }
      staged = _glossator_stage_at (fd, GLOSSATOR_SCHEMA_FILE_NAME "~", g_bytes_get_data (old, NULL),
                                    g_bytes_get_size (old), &local_error);
      if (staged == NULL || !_glossator_commit_at (fd, staged, GLOSSATOR_SCHEMA_FILE_NAME "~", &local_error))
        {
          report_new (run, NULL, imported->where, GLOSSATOR_PROBLEM_ERROR,
                      _("%s~: %s; label schema not replaced"), path, local_error->message);
          return;
        }
      g_clear_pointer (&staged, g_free);
      replaced = TRUE;
    }

  staged = _glossator_stage_at (fd, GLOSSATOR_SCHEMA_FILE_NAME, g_bytes_get_data (imported->schema, NULL),
                                g_bytes_get_size (imported->schema), &local_error);
  if (staged == NULL || !_glossator_commit_at (fd, staged, GLOSSATOR_SCHEMA_FILE_NAME, &local_error))
    {
      report_new (run, NULL, imported->where, GLOSSATOR_PROBLEM_ERROR, "%s: %s", path, local_error->message);
      return;
    }
  /* Labels are checked against it from now on. */
  g_hash_table_remove_all (run->schemas);
  g_ptr_array_add (run->summary->schemas,
                   replaced ? g_strdup_printf (_("label schema: replaced %s (the previous one kept as %s~)"),
                                               path, GLOSSATOR_SCHEMA_FILE_NAME)
                            : g_strdup_printf (_("label schema: wrote %s"), path));
}

static gboolean
write_imported_cb (GlossatorImportedDocument  *imported,
                   gpointer                    user_data,
                   GError                    **error)
{
  ImportRun *run = user_data;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *why = NULL;
  g_autofree char *relative = NULL;

  if (imported->schema != NULL)
    {
      for (guint i = 0; i < imported->problems->len; i++)
        report_problem (run, NULL, g_ptr_array_index (imported->problems, i));
      if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
        return FALSE;
      restore_schema (run, imported);
      return TRUE;
    }

  run->summary->n_documents++;
  for (guint i = 0; i < imported->problems->len; i++)
    {
      report_problem (run, imported->name, g_ptr_array_index (imported->problems, i));
    }
  if (imported->offset_unit != NULL)
    g_hash_table_insert (run->summary->offset_units, g_strdup (imported->offset_unit),
                         GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (run->summary->offset_units,
                                                                                  imported->offset_unit)) + 1));

  /* Files get article names, in no hidden folder: never a sidecar, a
   * schema, a backup or a repository's file. */
  if (!_glossator_check_article_path (imported->name, &why))
    {
      report_new (run, imported->name, imported->where, GLOSSATOR_PROBLEM_ERROR, _("not written: %s"), why);
      run->summary->n_skipped++;
      return TRUE;
    }

  article = g_file_resolve_relative_path (run->base, imported->name);
  /* Two documents of one import never share a file (two inputs with the
   * same name, a dataset repeating an id): the later one is renamed. */
  if (g_hash_table_contains (run->written, article))
    {
      g_autofree char *name = g_file_get_basename (article);
      const char *dot = strrchr (name, '.');
      g_autoptr(GFile) parent = g_file_get_parent (article);

      for (guint n = 2; g_hash_table_contains (run->written, article); n++)
        {
          g_autofree char *renamed = dot != NULL && dot != name
                                       ? g_strdup_printf ("%.*s-%u%s", (int) (dot - name), name, n, dot)
                                       : g_strdup_printf ("%s-%u", name, n);

          g_object_unref (article);
          article = g_file_get_child (parent, renamed);
        }
      {
        g_autofree char *renamed = g_file_get_basename (article);

        report_new (run, imported->name, imported->where, GLOSSATOR_PROBLEM_WARNING,
                    _("another document of this import has that name; written as %s"), renamed);
      }
    }
  g_hash_table_add (run->written, g_object_ref (article));
  relative = g_file_get_relative_path (run->base, article);
  g_assert (relative != NULL);

  if (g_cancellable_set_error_if_cancelled (run->cancellable, error))
    return FALSE;
  if (!write_document (run, imported, article, relative, &local_error))
    {
      report_new (run, imported->name, imported->where, GLOSSATOR_PROBLEM_ERROR, "%s", local_error->message);
      run->summary->n_skipped++;
      return TRUE;
    }

  run->summary->n_written++;
  run->summary->n_mentions += glossator_document_get_n_mentions (imported->document);
  run->summary->n_entities += glossator_document_get_n_entities (imported->document);
  run->summary->n_stances += glossator_document_get_n_stances (imported->document);
  check_labels (run, imported, article);
  return TRUE;
}

static void
schema_unref0 (gpointer schema)
{
  if (schema != NULL)
    g_object_unref (schema);
}

gboolean
glossator_import_files (const GlossatorFormat        *format,
                        GHashTable                   *options,
                        GFile * const                *inputs,
                        guint                         n_inputs,
                        GFile                        *output_folder,
                        GlossatorImportFlags          flags,
                        GlossatorImportReportFunc     report,
                        gpointer                      report_data,
                        GlossatorImportSummary       *summary,
                        GCancellable                 *cancellable,
                        GError                      **error)
{
  g_autoptr(GHashTable) written = NULL;
  g_autoptr(GHashTable) schemas = NULL;
  g_autoptr(GHashTable) labels = NULL;

  g_return_val_if_fail (format != NULL, FALSE);
  g_return_val_if_fail (inputs != NULL || n_inputs == 0, FALSE);
  g_return_val_if_fail (output_folder == NULL || G_IS_FILE (output_folder), FALSE);
  g_return_val_if_fail (summary != NULL && summary->offset_units != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  written = g_hash_table_new_full (g_file_hash, (GEqualFunc) g_file_equal, g_object_unref, NULL);
  schemas = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, schema_unref0);
  labels = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; i < n_inputs; i++)
    {
      g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
      g_autoptr(GError) local_error = NULL;
      g_autoptr(GFile) base = NULL;
      ImportRun run = { format, inputs[i], written, output_folder, NULL, -1, flags, report, report_data, summary,
                        schemas, labels, cancellable };
      gboolean ok;

      /* Names are relative to the output folder, else to the input's
       * folder (a brat folder: itself). */
      if (output_folder != NULL)
        base = g_object_ref (output_folder);
      else if (g_file_query_file_type (inputs[i], G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
        base = g_object_ref (inputs[i]);
      else
        base = g_file_get_parent (inputs[i]);
      run.base = base;

      summary->n_inputs++;
      ok = glossator_format_import (format, inputs[i], options, write_imported_cb, &run, problems,
                                    cancellable, &local_error);
      folder_fd_close (&run.base_fd);
      for (guint k = 0; k < problems->len; k++)
        report_problem (&run, NULL, g_ptr_array_index (problems, k));
      if (!ok)
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          report_new (&run, NULL, NULL, GLOSSATOR_PROBLEM_ERROR, "%s", local_error->message);
        }
    }

  return TRUE;
}

typedef struct {
  const GlossatorFormat     *format;
  GHashTable                *options;
  GPtrArray                 *inputs;
  GFile                     *output_folder;
  GlossatorImportFlags       flags;
  GlossatorImportReportFunc  report;
  gpointer                   report_data;
  GlossatorImportSummary    *summary;
  GMainContext              *context;
} ImportAsync;

/* Holds what it needs itself: it may run after the task is gone. */
typedef struct {
  GlossatorImportReportFunc  report;
  gpointer                   report_data;
  GFile                     *input;
  char                      *document;
  GlossatorProblem          *problem;
} ImportReport;

static void
import_async_free (ImportAsync *data)
{
  g_clear_pointer (&data->options, g_hash_table_unref);
  g_ptr_array_unref (data->inputs);
  g_clear_object (&data->output_folder);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
import_report_free (ImportReport *report)
{
  g_object_unref (report->input);
  g_free (report->document);
  glossator_problem_free (report->problem);
  g_free (report);
}

static gboolean
import_report_cb (gpointer user_data)
{
  ImportReport *report = user_data;

  report->report (report->input, report->document, report->problem, report->report_data);
  return G_SOURCE_REMOVE;
}

/* On the worker: hands a copy of the problem to the caller's context. */
static void
import_thread_report_cb (GFile                  *input,
                         const char             *document,
                         const GlossatorProblem *problem,
                         gpointer                user_data)
{
  ImportAsync *data = user_data;
  ImportReport *report = g_new0 (ImportReport, 1);

  report->report = data->report;
  report->report_data = data->report_data;
  report->input = g_object_ref (input);
  report->document = g_strdup (document);
  report->problem = glossator_problem_new (problem->severity, problem->path, "%s", problem->message);
  _glossator_run_in_context (data->context, import_report_cb, report, (GDestroyNotify) import_report_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportAsync *data = task_data;
  GError *error = NULL;

  if (glossator_import_files (data->format, data->options, (GFile **) data->inputs->pdata, data->inputs->len,
                              data->output_folder, data->flags,
                              data->report != NULL ? import_thread_report_cb : NULL, data,
                              data->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
glossator_import_files_async (const GlossatorFormat        *format,
                              GHashTable                   *options,
                              GFile * const                *inputs,
                              guint                         n_inputs,
                              GFile                        *output_folder,
                              GlossatorImportFlags          flags,
                              GlossatorImportReportFunc     report,
                              gpointer                      report_data,
                              GlossatorImportSummary       *summary,
                              GCancellable                 *cancellable,
                              GAsyncReadyCallback           callback,
                              gpointer                      user_data)
{
  g_autoptr(GTask) task = NULL;
  ImportAsync *data;

  g_return_if_fail (format != NULL);
  g_return_if_fail (inputs != NULL || n_inputs == 0);
  g_return_if_fail (summary != NULL && summary->offset_units != NULL);

  data = g_new0 (ImportAsync, 1);
  data->format = format;
  data->options = options != NULL ? g_hash_table_ref (options) : NULL;
  data->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_inputs; i++)
    g_ptr_array_add (data->inputs, g_object_ref (inputs[i]));
  data->output_folder = output_folder != NULL ? g_object_ref (output_folder) : NULL;
  data->flags = flags;
  data->report = report;
  data->report_data = report_data;
  data->summary = summary;
  data->context = g_main_context_ref_thread_default ();

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_import_files_async);
  g_task_set_task_data (task, data, (GDestroyNotify) import_async_free);
  g_task_run_in_thread (task, import_thread);
}

gboolean
glossator_import_files_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_import_files_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

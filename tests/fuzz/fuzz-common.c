/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-fuzz"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-article.h"
#include "glossator-sidecar.h"
#include "fuzz-common.h"

static char *temp_dir;

/* Warnings and messages are what bad input is expected to cause: quiet, so
 * the fuzzer's output stays readable and G_DEBUG=fatal-warnings (set for
 * the test suite) does not turn them into crashes. Criticals (a
 * g_return_if_fail() hit) and errors (a broken invariant) are printed and
 * abort here, without going through GLib's own handler: its fatal path
 * raises SIGTRAP, which libFuzzer does not catch, so it would keep no
 * crash input. */
static void
log_handler_cb (const char     *log_domain,
                GLogLevelFlags  log_level,
                const char     *message,
                gpointer        user_data)
{
  if ((log_level & (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR)) != 0)
    {
      fprintf (stderr, "%s-%s **: %s\n", log_domain != NULL ? log_domain : "(none)",
               (log_level & G_LOG_LEVEL_ERROR) != 0 ? "ERROR" : "CRITICAL", message);
      abort ();
    }
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_temp_dir (void)
{
  if (temp_dir != NULL)
    remove_tree (temp_dir);
}

void
fuzz_init (void)
{
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      /* Every input is written to a file: in memory when there is a place
       * for it, unless TMPDIR says where (bench/fuzz.sh points it into its
       * scratch folder, which it removes even after a crash). */
      const char *base = g_getenv ("TMPDIR") == NULL && g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR)
                           ? "/dev/shm" : g_get_tmp_dir ();
      g_autofree char *template = g_build_filename (base, "glossator-fuzz-XXXXXX", NULL);

      g_log_set_default_handler (log_handler_cb, NULL);
      g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_ERROR);
      temp_dir = g_mkdtemp (g_steal_pointer (&template));
      if (temp_dir == NULL)
        g_error ("cannot make a temporary folder in %s: %s", base, g_strerror (errno));
      atexit (remove_temp_dir);
      g_once_init_leave (&initialized, 1);
    }
}

GlossatorText *
fuzz_article_text (void)
{
  static GlossatorText *text;

  if (text == NULL)
    {
      g_autoptr(GError) error = NULL;

      text = glossator_text_new_from_data (FUZZ_ARTICLE, strlen (FUZZ_ARTICLE), &error);
      if (text == NULL)
        g_error ("the fuzz article does not load: %s", error->message);
    }
  return text;
}

const char *
fuzz_temp_dir (void)
{
  fuzz_init ();
  return temp_dir;
}

GFile *
fuzz_write_file (const char *name,
                 const void *data,
                 size_t      size)
{
  g_autofree char *path = g_build_filename (fuzz_temp_dir (), name, NULL);
  g_autoptr(GError) error = NULL;

  if (!g_file_set_contents (path, data, size, &error))
    g_error ("cannot write %s: %s", path, error->message);
  return g_file_new_for_path (path);
}

static void
check_span (const GlossatorSpan *span,
            guint                length,
            const char          *what,
            const char          *id,
            guint                i)
{
  if (span->start > span->end || span->end > length)
    fuzz_fail ("%s %s: span %u is %u–%u in a text of %u code points", what, id, i,
               span->start, span->end, length);
  if (span->start == span->end && !span->orphaned)
    fuzz_fail ("%s %s: span %u is empty (%u) and not orphaned", what, id, i, span->start);
}

static void
check_spans (GlossatorDocument *document)
{
  guint length = glossator_text_get_length (glossator_document_get_text (document));
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (document);

  for (guint i = 0; i < mentions->len; i++)
    {
      const GlossatorMention *mention = g_ptr_array_index (mentions, i);

      if (mention->n_fragments == 0)
        fuzz_fail ("mention %s has no fragment", mention->id);
      for (guint f = 0; f < mention->n_fragments; f++)
        {
          check_span (&mention->fragments[f], length, "mention", mention->id, f);
          if (f > 0 && mention->fragments[f].start < mention->fragments[f - 1].end)
            fuzz_fail ("mention %s: fragment %u (%u–%u) starts before the end of the one before (%u)",
                       mention->id, f, mention->fragments[f].start, mention->fragments[f].end,
                       mention->fragments[f - 1].end);
        }
      if (glossator_document_get_entity (document, mention->entity_id) == NULL)
        fuzz_fail ("mention %s: no entity %s", mention->id, mention->entity_id);
    }

  for (guint i = 0; i < stances->len; i++)
    {
      const GlossatorStance *stance = g_ptr_array_index (stances, i);

      for (guint e = 0; e < stance->n_evidence; e++)
        check_span (&stance->evidence[e], length, "stance", stance->id, e);
      if (stance->holder_kind == GLOSSATOR_HOLDER_ENTITY &&
          glossator_document_get_entity (document, stance->holder_entity) == NULL)
        fuzz_fail ("stance %s: no holder entity %s", stance->id, stance->holder_entity);
      if (stance->target_kind == GLOSSATOR_TARGET_ENTITY &&
          glossator_document_get_entity (document, stance->target) == NULL)
        fuzz_fail ("stance %s: no target entity %s", stance->id, stance->target);
    }
}

static gsize
first_difference (GBytes *a,
                  GBytes *b)
{
  gsize na, nb, i;
  const char *da = g_bytes_get_data (a, &na);
  const char *db = g_bytes_get_data (b, &nb);

  for (i = 0; i < MIN (na, nb) && da[i] == db[i]; i++)
    ;
  return i;
}

void
fuzz_check_document (GlossatorDocument *document,
                     const char        *article_name)
{
  GlossatorText *text = glossator_document_get_text (document);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GlossatorDocument) reloaded = NULL;
  const char *data;
  gsize n_bytes;

  check_spans (document);

  first = glossator_sidecar_serialize (document, article_name);
  data = g_bytes_get_data (first, &n_bytes);
  reloaded = glossator_sidecar_parse (text, "saved.annotations.json", data, n_bytes, NULL, problems, &error);
  if (reloaded == NULL)
    fuzz_fail ("the sidecar saved for an accepted document does not load: %s\n%.*s",
               error->message, (int) MIN (n_bytes, 4000), data);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossatorProblem *found = g_ptr_array_index (problems, i);
      g_autofree char *problem = glossator_problem_to_string (found);

      /* Advice about the text, not about the file: an import may keep a
       * span its source drew inside an emoji sequence (and says so). */
      if (found->severity == GLOSSATOR_PROBLEM_WARNING && strstr (found->message, "grapheme cluster") != NULL)
        continue;
      fuzz_fail ("the sidecar saved for an accepted document loads with a problem: %s", problem);
    }
  if (glossator_document_get_n_mentions (reloaded) != glossator_document_get_n_mentions (document) ||
      glossator_document_get_n_entities (reloaded) != glossator_document_get_n_entities (document) ||
      glossator_document_get_n_stances (reloaded) != glossator_document_get_n_stances (document))
    fuzz_fail ("save and load changed the counts: %u/%u/%u mentions/entities/stances, then %u/%u/%u",
               glossator_document_get_n_mentions (document), glossator_document_get_n_entities (document),
               glossator_document_get_n_stances (document), glossator_document_get_n_mentions (reloaded),
               glossator_document_get_n_entities (reloaded), glossator_document_get_n_stances (reloaded));
  check_spans (reloaded);

  second = glossator_sidecar_serialize (reloaded, article_name);
  if (!g_bytes_equal (first, second))
    {
      gsize at = first_difference (first, second);
      gsize n_second;
      const char *second_data = g_bytes_get_data (second, &n_second);
      gsize from = at > 200 ? at - 200 : 0;

      fuzz_fail ("save, load, save is not byte-identical; first difference at byte %zu:\n"
                 "first:  …%.*s…\nsecond: …%.*s…", at,
                 (int) (MIN (n_bytes, at + 200) - from), data + from,
                 (int) (MIN (n_second, at + 200) - from), second_data + from);
    }
}

/* What _glossator_import_safe_path() promises of a document's name. */
static void
check_name (const char *name)
{
  g_auto(GStrv) parts = NULL;

  if (name == NULL || *name == '\0')
    fuzz_fail ("an imported document has no name");
  if (!g_utf8_validate (name, -1, NULL))
    fuzz_fail ("an imported document's name is not UTF-8");
  if (g_path_is_absolute (name) || name[0] == '/' || strchr (name, '\\') != NULL)
    fuzz_fail ("an imported document's name is absolute or has a backslash: %s", name);
  parts = g_strsplit (name, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] == '\0' || g_str_equal (parts[i], ".") || g_str_equal (parts[i], ".."))
      fuzz_fail ("an imported document's name has an empty, . or .. component: %s", name);
}

static gboolean
imported_cb (GlossatorImportedDocument  *imported,
             gpointer                    user_data,
             GError                    **error)
{
  GlossatorText *text;
  g_autofree char *basename = NULL;

  check_name (imported->name);
  if (imported->document == NULL)
    fuzz_fail ("an imported document (%s) has no annotations document", imported->name);
  text = glossator_document_get_text (imported->document);

  if (imported->article_bytes != NULL)
    {
      /* The article file the import writes must read back as the text the
       * offsets count in, or every span is off once it is opened. */
      g_autoptr(GlossatorArticle) article = NULL;
      g_autoptr(GError) local_error = NULL;
      GlossatorArticleFormat format = GLOSSATOR_ARTICLE_FORMAT_TEXT;
      GlossatorText *written;
      gsize n_doc, n_written;
      const char *doc_utf8, *written_utf8;

      basename = g_path_get_basename (imported->name);
      glossator_article_format_for_name (basename, &format);
      article = glossator_article_new_from_bytes (NULL, imported->name, format, imported->article_bytes,
                                                  &local_error);
      if (article == NULL)
        fuzz_fail ("the article imported as %s does not read back: %s", imported->name, local_error->message);
      written = glossator_article_get_text (article);
      doc_utf8 = glossator_text_get_utf8 (text, &n_doc);
      written_utf8 = glossator_text_get_utf8 (written, &n_written);
      if (n_doc != n_written || memcmp (doc_utf8, written_utf8, n_doc) != 0)
        fuzz_fail ("the article imported as %s reads back as another text (%zu bytes, not %zu)",
                   imported->name, n_written, n_doc);
      if (glossator_text_has_bom (written) != glossator_text_has_bom (text))
        fuzz_fail ("the article imported as %s %s a BOM, but its document says it %s",
                   imported->name, glossator_text_has_bom (written) ? "has" : "has no",
                   glossator_text_has_bom (text) ? "has" : "has none");
    }

  if (basename == NULL)
    basename = g_path_get_basename (imported->name);
  fuzz_check_document (imported->document, basename);
  return TRUE;
}

void
fuzz_import (const char *format_name,
             GHashTable *options,
             GFile      *input)
{
  const GlossatorFormat *format = glossator_format_lookup (format_name);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;

  if (format == NULL || !glossator_format_can_import (format))
    fuzz_fail ("no importer for %s", format_name);
  /* Errors are for inputs that cannot be read at all; the harness only
   * checks what is accepted. */
  glossator_format_import (format, input, options, imported_cb, NULL, problems, NULL, &error);
  for (guint i = 0; i < problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (problems, i);

      if (problem->message == NULL || *problem->message == '\0')
        fuzz_fail ("a problem of the %s import says nothing", format_name);
    }
}

void
fuzz_import_data (const char    *format_name,
                  GHashTable    *options,
                  const char    *name,
                  const uint8_t *data,
                  size_t         size)
{
  g_autoptr(GFile) input = fuzz_write_file (name, data, size);

  fuzz_import (format_name, options, input);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "glossator-agree.h"
#include "glossator-article.h"
#include "glossator-cli.h"
#include "glossator-corpus.h"
#include "glossator-sidecar.h"

static gboolean as_json;
static gboolean by_document;
static char *labels_option;

static const GOptionEntry entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print JSON instead of a table"), NULL },
  { "labels", 0, 0, G_OPTION_ARG_STRING, &labels_option, N_("Count only mentions with these labels"), N_("LABEL,…") },
  { "by-document", 0, 0, G_OPTION_ARG_NONE, &by_document, N_("Give each document's figures too"), NULL },
  G_OPTION_ENTRY_NULL
};

/* One annotator's copy of an article. */
typedef struct {
  GFile *article;
  GFile *sidecar;
} Copy;

static void
copy_free (gpointer data)
{
  Copy *copy = data;

  g_clear_object (&copy->article);
  g_clear_object (&copy->sidecar);
  g_free (copy);
}

typedef struct {
  GFile      *root;       /* the folder, or the sidecar named */
  gboolean    folder;
  char       *name;
  GHashTable *copies;     /* path relative to the corpus folder → Copy* */
} Annotator;

static void
annotator_free (gpointer data)
{
  Annotator *annotator = data;

  g_clear_object (&annotator->root);
  g_free (annotator->name);
  g_clear_pointer (&annotator->copies, g_hash_table_unref);
  g_free (annotator);
}

static gboolean
file_exists (GFile *file)
{
  return g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_REGULAR;
}

/* The articles of a copy of the corpus, by their path in it. */
static void
collect_folder (Annotator *annotator,
                int       *status)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  g_autoptr(GPtrArray) articles = NULL;

  articles = glossator_corpus_collect (&annotator->root, 1, problems, NULL, NULL);
  for (guint i = 0; i < problems->len; i++)
    {
      GlossatorCorpusProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *name = glossator_cli_display_name (problem->file);

      /* A folder that cannot be listed hides articles: the figures would
       * be wrong. */
      if (problem->kind == GLOSSATOR_CORPUS_PROBLEM_UNREADABLE)
        {
          fprintf (stderr, "%s: error: %s\n", name, problem->message);
          *status = GLOSSATOR_CLI_EXIT_USAGE;
        }
      else
        fprintf (stderr, "%s: warning: %s\n", name, problem->message);
    }

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      GFile *article = g_ptr_array_index (articles, i);
      Copy *copy = g_new0 (Copy, 1);

      copy->article = g_object_ref (article);
      copy->sidecar = glossator_sidecar_file_for (article);
      g_hash_table_insert (annotator->copies, g_file_get_relative_path (annotator->root, article), copy);
    }
}

/* What an annotator recorded for one article, read. */
typedef struct {
  GlossatorArticle  *article;
  GlossatorDocument *document;
  char              *recorded_sha256;
} Loaded;

static void
loaded_clear (Loaded *loaded)
{
  g_clear_object (&loaded->article);
  g_clear_object (&loaded->document);
  g_clear_pointer (&loaded->recorded_sha256, g_free);
}

/* The SHA-256 of the text the sidecar was made for, as it records it. */
static char *
recorded_sha256 (const char *data,
                 gsize       n_bytes)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;
  JsonObject *article;

  if (!json_parser_load_from_data (parser, data, (gssize) n_bytes, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  article = json_object_get_object_member (json_node_get_object (root), "article");
  if (article == NULL || !json_object_has_member (article, "sha256") ||
      json_node_get_value_type (json_object_get_member (article, "sha256")) != G_TYPE_STRING)
    return NULL;
  return g_ascii_strdown (json_object_get_string_member (article, "sha256"), -1);
}

/* FALSE, with the file and the problem on stderr, when it cannot be read. */
static gboolean
load_copy (Copy   *copy,
           Loaded *loaded)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *path = g_file_get_path (copy->sidecar);
  g_autofree char *name = glossator_cli_display_name (copy->sidecar);
  gsize n_bytes;

  loaded->article = glossator_article_load (copy->article, NULL, &error);
  if (loaded->article == NULL)
    {
      g_autofree char *article_name = glossator_cli_display_name (copy->article);

      fprintf (stderr, "%s: error: %s\n", article_name, glossator_cli_strip_file (error->message, copy->article));
      return FALSE;
    }
  if (!g_file_load_contents (copy->sidecar, NULL, &data, &n_bytes, NULL, &error))
    {
      fprintf (stderr, "%s: error: %s\n", name, glossator_cli_strip_file (error->message, copy->sidecar));
      return FALSE;
    }
  loaded->document = glossator_sidecar_parse (glossator_article_get_text (loaded->article),
                                              path != NULL ? path : name, data, n_bytes,
                                              NULL, NULL, &error);
  if (loaded->document == NULL)
    {
      fprintf (stderr, "%s: error: %s\n", name, glossator_cli_strip_file (error->message, copy->sidecar));
      return FALSE;
    }
  /* The reader accepted it: it holds the article's SHA-256. */
  loaded->recorded_sha256 = recorded_sha256 (data, n_bytes);
  if (loaded->recorded_sha256 == NULL)
    {
      fprintf (stderr, _("%s: error: $.article.sha256: not read\n"), name);
      return FALSE;
    }
  return TRUE;
}

/* Why the copies of one article cannot be compared; NULL when they can. */
static char *
why_not_comparable (GPtrArray *annotators,
                    Loaded    *loaded)
{
  GString *changed = g_string_new (NULL);
  gboolean same = TRUE;

  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (annotators, i);
      GlossatorText *text = glossator_article_get_text (loaded[i].article);

      if (strcmp (loaded[i].recorded_sha256, glossator_text_get_sha256 (text)) != 0)
        g_string_append_printf (changed, "%s%s", changed->len > 0 ? ", " : "", annotator->name);
      if (strcmp (loaded[i].recorded_sha256, loaded[0].recorded_sha256) != 0)
        same = FALSE;
    }

  if (changed->len > 0)
    {
      g_autofree char *names = g_string_free (changed, FALSE);

      return g_strdup_printf (_("the article changed since it was annotated (%s)"), names);
    }
  g_string_free (changed, TRUE);

  if (!same)
    {
      g_autoptr(GString) shas = g_string_new (NULL);

      for (guint i = 0; i < annotators->len; i++)
        g_string_append_printf (shas, "%s%s %.12s…", i > 0 ? ", " : "",
                                ((Annotator *) g_ptr_array_index (annotators, i))->name,
                                loaded[i].recorded_sha256);
      return g_strdup_printf (_("different text (SHA-256: %s)"), shas->str);
    }
  return NULL;
}

static int
compare_paths (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Names: a folder's base name; a single sidecar's annotator when it names
 * one, else its folder's base name. Two the same: the paths as given. */
static void
name_annotators (GPtrArray *annotators,
                 char     **paths)
{
  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (annotators, i);

      if (annotator->folder)
        annotator->name = g_file_get_basename (annotator->root);
      else
        {
          g_autoptr(GFile) parent = g_file_get_parent (annotator->root);

          annotator->name = parent != NULL ? g_file_get_basename (parent) : g_strdup (paths[i]);
        }
    }
  for (guint i = 0; i < annotators->len; i++)
    for (guint j = 0; j < annotators->len; j++)
      {
        Annotator *a = g_ptr_array_index (annotators, i), *b = g_ptr_array_index (annotators, j);

        if (i != j && strcmp (a->name, b->name) == 0)
          {
            for (guint k = 0; k < annotators->len; k++)
              {
                Annotator *c = g_ptr_array_index (annotators, k);

                g_free (c->name);
                c->name = g_strdup (paths[k]);
              }
            return;
          }
      }
}

static int
run (int    argc,
     char **argv)
{
  g_autoptr(GPtrArray) annotators = g_ptr_array_new_with_free_func (annotator_free);
  g_autoptr(GHashTable) all_paths = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) paths = g_ptr_array_new ();
  g_autoptr(GlossatorAgreement) agreement = NULL;
  g_autofree char **names = NULL;
  g_auto(GStrv) labels = NULL;
  g_autofree char *output = NULL;
  guint n_folders = 0;
  int status = GLOSSATOR_CLI_EXIT_OK;

  if (argc < 2)
    {
      glossator_cli_usage_error ("agree", _("name two annotators' copies of the corpus, or two sidecars, at least"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }
  if (labels_option != NULL)
    {
      labels = g_strsplit (labels_option, ",", -1);
      for (guint i = 0; labels[i] != NULL; i++)
        if (labels[i][0] == '\0')
          {
            glossator_cli_usage_error ("agree", _("--labels: an empty label in “%s”"), labels_option);
            return GLOSSATOR_CLI_EXIT_USAGE;
          }
    }

  for (int i = 0; i < argc; i++)
    {
      Annotator *annotator = g_new0 (Annotator, 1);
      GFileType type;

      annotator->root = g_file_new_for_commandline_arg (argv[i]);
      annotator->copies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, copy_free);
      g_ptr_array_add (annotators, annotator);
      type = g_file_query_file_type (annotator->root, G_FILE_QUERY_INFO_NONE, NULL);
      if (type == G_FILE_TYPE_DIRECTORY)
        {
          annotator->folder = TRUE;
          n_folders++;
        }
      else if (type == G_FILE_TYPE_UNKNOWN)
        {
          fprintf (stderr, _("%s: error: no such file or folder\n"), argv[i]);
          return GLOSSATOR_CLI_EXIT_USAGE;
        }
    }
  if (n_folders != 0 && n_folders != (guint) argc)
    {
      glossator_cli_usage_error ("agree", _("name folders only (copies of the corpus) or sidecars only"));
      return GLOSSATOR_CLI_EXIT_USAGE;
    }

  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (annotators, i);

      if (annotator->folder)
        collect_folder (annotator, &status);
      else
        {
          GFile *article = glossator_corpus_article_for_sidecar (annotator->root);
          Copy *copy;

          if (article == NULL)
            {
              fprintf (stderr, _("%s: error: not a sidecar (NAME.annotations.json)\n"), argv[i]);
              return GLOSSATOR_CLI_EXIT_USAGE;
            }
          copy = g_new0 (Copy, 1);
          copy->article = article;
          copy->sidecar = g_object_ref (annotator->root);
          /* Single sidecars are one document, whatever their names. */
          g_hash_table_insert (annotator->copies, g_strdup (""), copy);
        }
    }
  if (status != GLOSSATOR_CLI_EXIT_OK)
    return status;
  name_annotators (annotators, argv);

  for (guint i = 0; i < annotators->len; i++)
    {
      Annotator *annotator = g_ptr_array_index (annotators, i);
      GHashTableIter iter;
      gpointer key;

      g_hash_table_iter_init (&iter, annotator->copies);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        if (!g_hash_table_contains (all_paths, key))
          {
            g_hash_table_add (all_paths, key);
            g_ptr_array_add (paths, key);
          }
    }
  g_ptr_array_sort (paths, compare_paths);

  names = g_new0 (char *, annotators->len + 1);
  for (guint i = 0; i < annotators->len; i++)
    names[i] = ((Annotator *) g_ptr_array_index (annotators, i))->name;
  agreement = glossator_agreement_new ((const char * const *) names, annotators->len,
                                       (const char * const *) labels, by_document);

  for (guint p = 0; p < paths->len; p++)
    {
      const char *path = g_ptr_array_index (paths, p);
      g_autofree Loaded *loaded = g_new0 (Loaded, annotators->len);
      g_autofree GlossatorDocument **documents = g_new0 (GlossatorDocument *, annotators->len);
      g_autoptr(GString) missing = g_string_new (NULL);
      g_autoptr(GString) unannotated = g_string_new (NULL);
      g_autofree char *shown = NULL;
      gboolean readable = TRUE;

      if (path[0] == '\0')
        {
          Copy *first = g_hash_table_lookup (((Annotator *) g_ptr_array_index (annotators, 0))->copies, path);

          shown = g_file_get_basename (first->article);
        }
      else
        shown = g_strdup (path);

      for (guint i = 0; i < annotators->len; i++)
        {
          Annotator *annotator = g_ptr_array_index (annotators, i);
          Copy *copy = g_hash_table_lookup (annotator->copies, path);

          if (copy == NULL)
            g_string_append_printf (missing, "%s%s", missing->len > 0 ? ", " : "", annotator->name);
          else if (!file_exists (copy->sidecar))
            g_string_append_printf (unannotated, "%s%s", unannotated->len > 0 ? ", " : "", annotator->name);
        }
      if (missing->len > 0 || unannotated->len > 0)
        {
          g_autofree char *reason = NULL;

          if (missing->len > 0 && unannotated->len > 0)
            reason = g_strdup_printf (_("missing for %s; not annotated by %s"), missing->str, unannotated->str);
          else if (missing->len > 0)
            reason = g_strdup_printf (_("missing for %s"), missing->str);
          else
            reason = g_strdup_printf (_("not annotated by %s"), unannotated->str);
          glossator_agreement_add_left_out (agreement, shown, reason);
          continue;
        }

      for (guint i = 0; i < annotators->len; i++)
        {
          Annotator *annotator = g_ptr_array_index (annotators, i);

          if (!load_copy (g_hash_table_lookup (annotator->copies, path), &loaded[i]))
            readable = FALSE;
        }
      if (!readable)
        status = GLOSSATOR_CLI_EXIT_USAGE;
      else
        {
          g_autofree char *reason = why_not_comparable (annotators, loaded);

          if (reason != NULL)
            glossator_agreement_add_left_out (agreement, shown, reason);
          else
            {
              for (guint i = 0; i < annotators->len; i++)
                documents[i] = loaded[i].document;
              glossator_agreement_add_document (agreement, shown, documents);
            }
        }
      for (guint i = 0; i < annotators->len; i++)
        loaded_clear (&loaded[i]);
    }

  /* Figures leaving out a document that could not be read would mislead. */
  if (status != GLOSSATOR_CLI_EXIT_OK)
    return status;

  output = as_json ? glossator_agreement_to_json (agreement) : glossator_agreement_to_text (agreement);
  fputs (output, stdout);
  return GLOSSATOR_CLI_EXIT_OK;
}

const GlossatorCliCommand glossator_cli_agree_command = {
  .name = "agree",
  .parameters = N_("COPY COPY [COPY…]"),
  .summary = N_("Measure the agreement between annotators"),
  .description = N_("Each COPY is one annotator's copy of the corpus (a folder, named after\n"
                    "the annotator) or one annotator's sidecar. Articles are paired by their\n"
                    "path in the copies; an article missing from a copy, not annotated in one,\n"
                    "or annotated on a different text (SHA-256) is listed and left out of the\n"
                    "figures. The first COPY is the reference for precision and recall.\n"
                    "Undefined figures (0/0) are “—” (null in JSON). Exit status: 0 when the\n"
                    "figures are printed, 2 on usage errors and on a file that cannot be read."),
  .entries = entries,
  .run = run,
};

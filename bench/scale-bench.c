/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Large sidecars (see scale-bench.sh): one article with N mentions, laid
 * out three ways, each measurement in its own process so that peak memory
 * is its own:
 *
 *   scale-bench generate DIR N LAYOUT   writes DIR/article.txt and its sidecar
 *   scale-bench load DIR                glossator_sidecar_load: parse, model, index
 *   scale-bench bare-parse DIR          json_parser_new () on the sidecar file, nothing else
 *
 * LAYOUT is
 *   spread   mentions along the text, one in ten two words long, four to an
 *            entity, a stance per 50 mentions
 *   shared   every mention on the same span, all of one entity
 *   nested   every mention from the same start to a different end, all of one
 *            entity, outermost first (as tools that list enclosing mentions
 *            before the ones inside them write them), without quotes (a
 *            quote would be as long as its span)
 *   appended spread, but listed in two passes each in text order, as a tool
 *            that appends a second pass's mentions (here one in five) to
 *            the first's writes them
 *
 * The sidecar is written here as Glossator writes one (2-space indent,
 * members in the saver's order, quotes from glossator_span_set_quote), not
 * through the model, so that generating does not depend on the code the
 * bench measures. load and bare-parse print "MODE SECONDS CPU_SECONDS
 * MAXRSS_KB": wall time and CPU time of the call, peak RSS of the process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "glossator-sidecar.h"
#include "glossator-span.h"

static const char *words[] = {
  "Putin", "met", "Kim", "Jong", "Un", "in", "Vostochny", "while", "analysts", "in", "Beijing",
  "said", "the", "talks", "could", "help", "China", "Zoë", "Ó", "Briain", "told", "Reuters",
  "that", "Gdańsk", "dockworkers", "struck", "again", "ليلى", "حداد", "said", "🇺🇦", "Kyiv",
  "Cafe\u0301", "owners", "👩‍👩‍👧", "families", "waited", "North", "Korea", "Moscow",
};

static const char *labels[] = { "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC" };

typedef enum {
  LAYOUT_SPREAD,
  LAYOUT_SHARED,
  LAYOUT_NESTED,
  LAYOUT_APPENDED,
} Layout;

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;
}

static char *
path_in (const char *dir,
         const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
append_json_string (GString    *out,
                    const char *str)
{
  g_string_append_c (out, '"');
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* One span object at the indent of a fragment; @text NULL leaves the quote out. */
static void
append_span (GString       *out,
             GlossatorText *text,
             guint          start,
             guint          end)
{
  g_string_append_printf (out, "        {\n          \"start\": %u,\n          \"end\": %u", start, end);
  if (text != NULL)
    {
      GlossatorSpan span;

      glossator_span_init (&span, start, end);
      glossator_span_set_quote (&span, text);
      g_string_append (out, ",\n          \"exact\": ");
      append_json_string (out, span.exact);
      g_string_append (out, ",\n          \"prefix\": ");
      append_json_string (out, span.prefix);
      g_string_append (out, ",\n          \"suffix\": ");
      append_json_string (out, span.suffix);
      glossator_span_clear (&span);
    }
  g_string_append (out, "\n        }");
}

static void
generate (const char *dir,
          guint       n_mentions,
          Layout      layout)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) word_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) word_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = path_in (dir, "article.txt");
  g_autofree char *sidecar_path = path_in (dir, "article.txt.annotations.json");
  GRand *rand = g_rand_new_with_seed (7);
  guint n_words = n_mentions + n_mentions / 2 + 100;
  gboolean spread = layout == LAYOUT_SPREAD || layout == LAYOUT_APPENDED;
  guint n_entities = spread ? (n_mentions + 3) / 4 : 1;
  guint n_stances = spread ? n_mentions / 50 : 0;
  guint offset = 0, length;
  gboolean first = TRUE;

  /* One and a half words a mention (about 10 bytes), a line break every
   * dozen words: 1 MB of text for 100,000 mentions. */
  while (word_starts->len < n_words)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint n = g_utf8_strlen (word, -1);

      g_array_append_val (word_starts, offset);
      offset += n;
      g_array_append_val (word_ends, offset);
      g_string_append (str, word);
      if (word_starts->len % 12 == 0)
        g_string_append (str, ".\r\n");
      else
        g_string_append_c (str, ' ');
      offset += word_starts->len % 12 == 0 ? 3 : 1;
    }

  text = glossator_text_new (str->str, str->len, &error);
  g_assert_no_error (error);
  length = glossator_text_get_length (text);
  g_assert_true (layout != LAYOUT_NESTED || length >= n_mentions);

  g_string_append_printf (out,
                          "{\n  \"format\": \"glossator-sidecar\",\n  \"version\": 1,\n"
                          "  \"offset_unit\": \"codepoint\",\n  \"article\": {\n"
                          "    \"file\": \"article.txt\",\n    \"sha256\": \"%s\",\n"
                          "    \"length\": %u,\n    \"bom\": false,\n    \"newline\": \"%s\"\n  },\n"
                          "  \"document\": {\n    \"status\": \"in-progress\",\n"
                          "    \"annotator\": \"bench\",\n    \"notes\": \"\",\n"
                          "    \"attributes\": {}\n  },\n  \"entities\": [",
                          glossator_text_get_sha256 (text), length,
                          glossator_newline_to_string (glossator_text_get_newline (text)));

  for (guint e = 0; e < n_entities; e++)
    {
      g_string_append_printf (out, "%s\n    {\n      \"id\": \"e%u\",\n      \"name\": ",
                              e > 0 ? "," : "", e + 1);
      append_json_string (out, words[e % G_N_ELEMENTS (words)]);
      g_string_append_printf (out, ",\n      \"label\": \"%s\"\n    }", labels[e % G_N_ELEMENTS (labels)]);
    }
  g_string_append (out, "\n  ],\n  \"mentions\": [");

  /* In the saver's order, by start, end, id (ids compare numerically),
   * except for nested and appended. */
  for (guint k = 0; k < n_mentions; k++)
    {
      guint i = layout != LAYOUT_APPENDED ? k
              : k < n_mentions - n_mentions / 5 ? k + k / 4   /* i % 5 != 4 */
              : (k - (n_mentions - n_mentions / 5)) * 5 + 4;
      guint w = (guint) ((guint64) i * word_starts->len / n_mentions);
      guint start, end;

      switch (layout)
        {
        case LAYOUT_SPREAD:
        case LAYOUT_APPENDED:
          start = g_array_index (word_starts, guint, w);
          end = g_array_index (word_ends, guint, MIN (w + (i % 10 == 0 ? 1 : 0), word_ends->len - 1));
          break;
        case LAYOUT_SHARED:
          start = 0;
          end = g_array_index (word_ends, guint, 0);
          break;
        case LAYOUT_NESTED:
        default:
          start = 0;
          end = n_mentions - i;
          break;
        }

      g_string_append_printf (out, "%s\n    {\n      \"id\": \"m%u\",\n      \"label\": \"%s\",\n"
                              "      \"entity\": \"e%u\",\n      \"fragments\": [\n",
                              first ? "" : ",", i + 1, labels[i % G_N_ELEMENTS (labels)],
                              spread ? i / 4 + 1 : 1);
      first = FALSE;
      append_span (out, layout == LAYOUT_NESTED ? NULL : text, start, end);
      g_string_append (out, "\n      ]\n    }");
    }
  g_string_append (out, "\n  ],\n  \"stances\": [");

  for (guint i = 0; i < n_stances; i++)
    {
      guint w = g_rand_int_range (rand, 0, word_starts->len - 20);

      g_string_append_printf (out, "%s\n    {\n      \"id\": \"s%u\",\n"
                              "      \"holder\": {\n        \"type\": \"entity\",\n        \"entity\": \"e%u\"\n      },\n"
                              "      \"target\": {\n        \"type\": \"topic\",\n        \"topic\": \"sanctions\"\n      },\n"
                              "      \"polarity\": \"%s\",\n      \"evidence\": [\n",
                              i > 0 ? "," : "", i + 1, i * 2 + 1, i % 2 ? "favor" : "against");
      append_span (out, text, g_array_index (word_starts, guint, w), g_array_index (word_ends, guint, w + 15));
      g_string_append (out, "\n      ]\n    }");
    }
  g_string_append (out, "\n  ]\n}\n");

  g_assert_true (g_file_set_contents (article_path, str->str, str->len, &error));
  g_assert_true (g_file_set_contents (sidecar_path, out->str, out->len, &error));
  g_rand_free (rand);
}

static int
run (const char *mode,
     const char *dir)
{
  g_autofree char *article_path = path_in (dir, "article.txt");
  g_autofree char *sidecar_path = path_in (dir, "article.txt.annotations.json");
  g_autoptr(GError) error = NULL;
  double start, elapsed, cpu_start, cpu;

  if (g_str_equal (mode, "load"))
    {
      g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
      g_autoptr(GlossatorText) text = NULL;
      g_autoptr(GlossatorDocument) doc = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (article_path, &contents, &length, &error));
      text = glossator_text_new_from_data (contents, length, &error);
      g_assert_no_error (error);

      start = now ();
      cpu_start = cpu_seconds ();
      doc = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
      cpu = cpu_seconds () - cpu_start;
      elapsed = now () - start;
      g_assert_no_error (error);
      g_assert_cmpuint (glossator_document_get_n_mentions (doc), >, 0);
    }
  else if (g_str_equal (mode, "bare-parse"))
    {
      g_autoptr(JsonParser) parser = json_parser_new ();

      start = now ();
      cpu_start = cpu_seconds ();
      g_assert_true (json_parser_load_from_file (parser, sidecar_path, &error));
      cpu = cpu_seconds () - cpu_start;
      elapsed = now () - start;
      g_assert_no_error (error);
    }
  else
    {
      g_printerr ("scale-bench: unknown mode “%s”\n", mode);
      return 2;
    }

  printf ("%s %.3f %.3f %ld\n", mode, elapsed, cpu, max_rss_kb ());
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "generate"))
    {
      static const char *layouts[] = { "spread", "shared", "nested", "appended" };

      for (guint i = 0; i < G_N_ELEMENTS (layouts); i++)
        if (g_str_equal (argv[4], layouts[i]))
          {
            generate (argv[2], (guint) atoi (argv[3]), (Layout) i);
            return 0;
          }
    }
  else if (argc == 3)
    return run (argv[1], argv[2]);

  g_printerr ("usage: scale-bench generate DIR N spread|shared|nested|appended | load DIR | bare-parse DIR\n");
  return 2;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Sidecar load/save against json-glib's bare parse/generate of the same
 * file. Each measurement runs in its own process (see sidecar-bench.sh) so
 * that peak memory is its own:
 *
 *   sidecar-bench generate DIR [N_MENTIONS]   writes DIR/article.txt + sidecar
 *   sidecar-bench load DIR                    parse + model + index
 *   sidecar-bench save DIR                    load, then serialise + atomic write
 *   sidecar-bench bare-parse DIR              json-glib parse only
 *   sidecar-bench bare-generate DIR           json-glib parse, then time generate
 *   sidecar-bench query DIR                   10,000 point and range queries, index vs scan
 *
 * Each mode prints "MODE SECONDS MAXRSS_KB". */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "glossator-document-private.h"
#include "glossator-sidecar.h"

static const char *words[] = {
  "Putin", "met", "Kim", "Jong", "Un", "in", "Vostochny", "while", "analysts", "in", "Beijing",
  "said", "the", "talks", "could", "help", "China", "Zoë", "Ó", "Briain", "told", "Reuters",
  "that", "Gdańsk", "dockworkers", "struck", "again", "ليلى", "حداد", "said", "🇺🇦", "Kyiv",
  "Cafe\u0301", "owners", "👩‍👩‍👧", "families", "waited", "North", "Korea", "Moscow",
};

static const char *labels[] = { "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC" };

static double
now (void)
{
  return g_get_monotonic_time () / (double) G_USEC_PER_SEC;
}

/* User and system CPU time: on a shared machine, wall times of one run
 * vary twofold with the neighbours' load; CPU time far less. */
static double
cpu_now (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / (double) G_USEC_PER_SEC;
}

static long
max_rss_kb (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

static char *
path_in (const char *dir,
         const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static void
generate (const char *dir,
          guint       n_mentions)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GArray) word_starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) word_ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *article_path = path_in (dir, "article.txt");
  g_autofree char *sidecar_path = path_in (dir, "article.txt.annotations.json");
  g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
  GRand *rand = g_rand_new_with_seed (7);
  guint offset = 0;

  /* About 1 MB of text, a line break every dozen words. */
  while (str->len < 1024 * 1024)
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
  doc = glossator_document_new (text);

  /* Built like a loader would, without history, then marked modified. */
  _glossator_document_begin_load (doc);
  for (guint i = 0; i < n_mentions; i++)
    {
      guint w = (guint) ((guint64) i * word_starts->len / n_mentions);
      guint span = i % 10 == 0 ? 2 : 1;
      g_autofree char *mid = g_strdup_printf ("m%u", i + 1);
      g_autofree char *eid = g_strdup_printf ("e%u", i / 4 + 1);
      g_autoptr(GlossatorMention) mention = glossator_mention_new (mid, labels[i % G_N_ELEMENTS (labels)], eid);
      guint end_word = MIN (w + span - 1, word_ends->len - 1);

      if (i % 4 == 0)
        {
          g_autoptr(GlossatorEntity) entity = glossator_entity_new (eid, words[i % G_N_ELEMENTS (words)],
                                                                     labels[i % G_N_ELEMENTS (labels)]);
          glossator_document_put_entity (doc, entity);
        }
      glossator_span_set_quote (glossator_mention_add_fragment (mention,
                                                                g_array_index (word_starts, guint, w),
                                                                g_array_index (word_ends, guint, end_word)),
                                text);
      glossator_document_put_mention (doc, mention);
    }
  for (guint i = 0; i < n_mentions / 50; i++)
    {
      g_autofree char *sid = g_strdup_printf ("s%u", i + 1);
      g_autofree char *holder = g_strdup_printf ("e%u", i * 2 + 1);
      g_autoptr(GlossatorStance) stance = glossator_stance_new (sid, i % 2 ? "favor" : "against");
      guint w = g_rand_int_range (rand, 0, word_starts->len - 20);

      glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, holder);
      glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "sanctions");
      glossator_span_set_quote (glossator_stance_add_evidence (stance, g_array_index (word_starts, guint, w),
                                                               g_array_index (word_ends, guint, w + 15)),
                                text);
      glossator_document_put_stance (doc, stance);
    }
  _glossator_document_end_load (doc);
  _glossator_document_set_needs_save (doc, TRUE);

  g_assert_true (g_file_set_contents (article_path, str->str, str->len, &error));
  g_assert_true (glossator_sidecar_save (doc, sidecar, "article.txt", TRUE, NULL, NULL, &error));
  g_assert_no_error (error);
  g_rand_free (rand);

  printf ("generated %s: %u code points, %u mentions, %u entities, %u stances\n", dir,
          glossator_text_get_length (text), glossator_document_get_n_mentions (doc),
          glossator_document_get_n_entities (doc), glossator_document_get_n_stances (doc));
}

static GlossatorText *
read_text (const char *dir)
{
  g_autofree char *article_path = path_in (dir, "article.txt");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  GlossatorText *text;

  g_assert_true (g_file_get_contents (article_path, &contents, &length, &error));
  text = glossator_text_new_from_data (contents, length, &error);
  g_assert_no_error (error);
  return text;
}

static GlossatorDocument *
load (const char    *dir,
      GlossatorText *text)
{
  g_autofree char *sidecar_path = path_in (dir, "article.txt.annotations.json");
  g_autoptr(GFile) sidecar = g_file_new_for_path (sidecar_path);
  g_autoptr(GError) error = NULL;
  GlossatorDocument *doc;

  doc = glossator_sidecar_load (text, sidecar, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  return doc;
}

static int
run (const char *mode,
     const char *dir)
{
  g_autofree char *sidecar_path = path_in (dir, "article.txt.annotations.json");
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  double start, elapsed, cpu_start, cpu = 0;

  if (g_str_equal (mode, "load"))
    {
      text = read_text (dir);
      start = now (), cpu_start = cpu_now ();
      doc = load (dir, text);
      elapsed = now () - start, cpu = cpu_now () - cpu_start;
    }
  else if (g_str_equal (mode, "save"))
    {
      g_autofree char *copy_path = path_in (dir, "copy.annotations.json");
      g_autoptr(GFile) copy = g_file_new_for_path (copy_path);
      gboolean written = FALSE;

      text = read_text (dir);
      doc = load (dir, text);
      /* A real edit, so that the save has something to write. */
      glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
      g_remove (copy_path);
      start = now (), cpu_start = cpu_now ();
      g_assert_true (glossator_sidecar_save (doc, copy, "article.txt", TRUE, &written, NULL, &error));
      elapsed = now () - start, cpu = cpu_now () - cpu_start;
      g_assert_no_error (error);
      g_assert_true (written);
    }
  else if (g_str_equal (mode, "bare-parse") || g_str_equal (mode, "bare-generate"))
    {
      /* The default parser: 7–9% faster on these files than the
       * immutable one, so the yardstick is the faster of the two. */
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autofree char *contents = NULL;
      gsize length;

      g_assert_true (g_file_get_contents (sidecar_path, &contents, &length, &error));
      start = now (), cpu_start = cpu_now ();
      g_assert_true (json_parser_load_from_data (parser, contents, length, &error));
      elapsed = now () - start, cpu = cpu_now () - cpu_start;

      if (g_str_equal (mode, "bare-generate"))
        {
          g_autoptr(JsonGenerator) generator = json_generator_new ();
          g_autofree char *out = NULL;

          json_generator_set_pretty (generator, TRUE);
          json_generator_set_indent (generator, 2);
          json_generator_set_root (generator, json_parser_get_root (parser));
          start = now (), cpu_start = cpu_now ();
          out = json_generator_to_data (generator, &length);
          g_assert_true (g_file_set_contents (sidecar_path, out, length, &error) || TRUE);
          elapsed = now () - start, cpu = cpu_now () - cpu_start;
        }
    }
  else if (g_str_equal (mode, "query"))
    {
      g_autoptr(GPtrArray) all = NULL;
      guint length, n_hits = 0, n_scan_hits = 0;
      double indexed, scanned;
      GRand *rand = g_rand_new_with_seed (11);

      text = read_text (dir);
      doc = load (dir, text);
      all = glossator_document_list_mentions (doc);
      length = glossator_text_get_length (text);

      start = now (), cpu_start = cpu_now ();
      for (guint i = 0; i < 10000; i++)
        {
          guint at = g_rand_int_range (rand, 0, length);
          g_autoptr(GPtrArray) hits = i % 2 ? glossator_document_mentions_at (doc, at)
                                            : glossator_document_mentions_in_range (doc, at, MIN (at + 200, length));
          n_hits += hits->len;
        }
      indexed = now () - start;

      /* The same queries answered by a scan, as tools without an index do. */
      g_rand_set_seed (rand, 11);
      start = now (), cpu_start = cpu_now ();
      for (guint i = 0; i < 10000; i++)
        {
          guint at = g_rand_int_range (rand, 0, length);
          guint end = i % 2 ? at + 1 : MIN (at + 200, length);

          for (guint m = 0; m < all->len; m++)
            {
              GlossatorMention *mention = all->pdata[m];

              for (guint f = 0; f < mention->n_fragments; f++)
                if (mention->fragments[f].start < end && at < mention->fragments[f].end)
                  {
                    n_scan_hits++;
                    break;
                  }
            }
        }
      scanned = now () - start;
      g_rand_free (rand);
      g_assert_cmpuint (n_hits, ==, n_scan_hits);

      printf ("query-index %.6f %ld\n", indexed, max_rss_kb ());
      printf ("query-scan %.6f %ld\n", scanned, max_rss_kb ());
      return 0;
    }
  else
    {
      g_printerr ("sidecar-bench: unknown mode “%s”\n", mode);
      return 2;
    }

  printf ("%s %.3f %ld %.3f\n", mode, elapsed, max_rss_kb (), cpu);
  return 0;
}

int
main (int argc, char *argv[])
{
  if (argc >= 3 && g_str_equal (argv[1], "generate"))
    {
      generate (argv[2], argc > 3 ? (guint) atoi (argv[3]) : 100000);
      return 0;
    }
  if (argc == 3)
    return run (argv[1], argv[2]);

  g_printerr ("usage: sidecar-bench generate|load|save|bare-parse|bare-generate DIR\n");
  return 2;
}

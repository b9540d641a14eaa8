/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Corpus export benchmark helpers (see export-bench.sh):
 *
 *   export-bench generate DIR N_DOCS [N_MENTIONS N_STANCES]
 *       writes DIR/NNNN/docNNNNNN.txt and their sidecars: about 3 KB of
 *       text each (emoji, ZWJ sequences, flags, combining marks, RTL; some
 *       documents with CRLF or a BOM), mentions spread evenly (one in
 *       twelve nested in another, one in thirty discontinuous), entities of
 *       about three mentions, stances with entity holders and evidence.
 *   export-bench bare-parse DIR
 *       json-glib's parse of every sidecar under DIR, one after the other
 *       on one thread, and nothing else: the floor for reading them.
 *
 * bare-parse prints "bare-parse SECONDS MAXRSS_KB". */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>

#include "glossator-document-private.h"
#include "glossator-sidecar.h"

static const char *words[] = {
  "Putin", "met", "Kim", "Jong", "Un", "in", "Vostochny", "while", "analysts", "in", "Beijing",
  "said", "the", "talks", "could", "help", "China", "Zoë", "Ó", "Briain", "told", "Reuters",
  "that", "Gdańsk", "dockworkers", "struck", "again", "ليلى", "حداد", "said", "🇺🇦", "Kyiv",
  "Cafe\u0301", "owners", "👩‍👩‍👧", "families", "waited", "North", "Korea", "Moscow", "U.S.",
  "officials", "don't", "expect", "a", "deal", "before", "2026", "חיפה", "port", "workers",
};

static const char *labels[] = { "PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC" };
static const char *polarities[] = { "favor", "against", "neutral", "unclear" };

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

static void
write_document (const char *dir,
                guint       index,
                guint       n_mentions,
                guint       n_stances,
                GRand      *rand)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sentences = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GBytes) sidecar = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *folder = g_strdup_printf ("%s/%04u", dir, index / 1000);
  g_autofree char *name = g_strdup_printf ("doc%06u.txt", index);
  g_autofree char *article_path = g_build_filename (folder, name, NULL);
  g_autofree char *sidecar_path = g_strconcat (article_path, ".annotations.json", NULL);
  gboolean crlf = index % 10 == 3, bom = index % 7 == 5;
  guint n_words = MAX (n_mentions * 10, 40), offset = 0, n_entities = 0;

  g_array_append_val (sentences, offset);
  for (guint w = 0; w < n_words; w++)
    {
      const char *word = words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))];
      guint n = g_utf8_strlen (word, -1);

      g_array_append_val (starts, offset);
      g_string_append (str, word);
      offset += n;
      g_array_append_val (ends, offset);
      if (w % 12 == 11)
        {
          const char *end = w % 48 == 47 ? (crlf ? ".\r\n\r\n" : ".\n\n") : ". ";

          g_string_append (str, end);
          offset += g_utf8_strlen (end, -1);
          g_array_append_val (sentences, offset);
        }
      else
        {
          g_string_append_c (str, ' ');
          offset++;
        }
    }

  text = glossator_text_new (str->str, str->len, &error);
  g_assert_no_error (error);
  glossator_text_set_has_bom (text, bom);
  doc = glossator_document_new (text);

  _glossator_document_begin_load (doc);
  for (guint i = 0; i < n_mentions; i++)
    {
      g_autofree char *mid = g_strdup_printf ("m%u", i + 1);
      g_autofree char *eid = NULL;
      g_autoptr(GlossatorMention) mention = NULL;
      const char *label = labels[(i / 3) % G_N_ELEMENTS (labels)];
      guint w = i * 10 + g_rand_int_range (rand, 0, 4);
      guint span = 1 + g_rand_int_range (rand, 0, 3);

      /* Nested: the first word of the previous mention. */
      if (i % 12 == 11)
        {
          w = (i - 1) * 10;
          span = 1;
        }
      w = MIN (w, n_words - 3);
      if (i % 3 == 0)
        {
          g_autoptr(GlossatorEntity) entity = NULL;

          eid = g_strdup_printf ("e%u", ++n_entities);
          entity = glossator_entity_new (eid, words[w % G_N_ELEMENTS (words)], label);
          if (i % 9 == 0)
            glossator_entity_set_kb_id (entity, "Q7747");
          glossator_document_put_entity (doc, entity);
        }
      else
        eid = g_strdup_printf ("e%u", n_entities);

      mention = glossator_mention_new (mid, label, eid);
      if (i % 30 == 29)
        {
          glossator_span_set_quote (glossator_mention_add_fragment (mention, g_array_index (starts, guint, w),
                                                                    g_array_index (ends, guint, w)), text);
          glossator_span_set_quote (glossator_mention_add_fragment (mention, g_array_index (starts, guint, w + 2),
                                                                    g_array_index (ends, guint, w + 2)), text);
        }
      else
        glossator_span_set_quote (glossator_mention_add_fragment (mention, g_array_index (starts, guint, w),
                                                                  g_array_index (ends, guint, w + span - 1)),
                                  text);
      glossator_document_put_mention (doc, mention);
    }
  for (guint i = 0; i < n_stances; i++)
    {
      g_autofree char *sid = g_strdup_printf ("s%u", i + 1);
      g_autofree char *holder = g_strdup_printf ("e%u", 1 + (i * 7) % MAX (n_entities, 1));
      g_autofree char *target = g_strdup_printf ("e%u", 1 + (i * 7 + 3) % MAX (n_entities, 1));
      g_autoptr(GlossatorStance) stance = glossator_stance_new (sid, polarities[i % G_N_ELEMENTS (polarities)]);
      guint s = g_rand_int_range (rand, 0, sentences->len - 1);

      if (n_entities > 0)
        glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, holder);
      if (i % 2 == 0 && n_entities > 0)
        glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, target);
      else
        glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, "sanctions");
      glossator_stance_set_intensity (stance, 1 + i % 3);
      glossator_span_set_quote (glossator_stance_add_evidence (stance, g_array_index (sentences, guint, s),
                                                               g_array_index (sentences, guint, s + 1) - 2),
                                text);
      glossator_document_put_stance (doc, stance);
    }
  _glossator_document_end_load (doc);

  g_mkdir_with_parents (folder, 0777);
  if (bom)
    g_string_prepend (str, "\xef\xbb\xbf");
  if (!g_file_set_contents (article_path, str->str, str->len, &error))
    g_error ("%s", error->message);
  sidecar = glossator_sidecar_serialize (doc, name);
  if (!g_file_set_contents (sidecar_path, g_bytes_get_data (sidecar, NULL), g_bytes_get_size (sidecar), &error))
    g_error ("%s", error->message);
}

static void
generate (const char *dir,
          guint       n_docs,
          guint       n_mentions,
          guint       n_stances)
{
  GRand *rand = g_rand_new_with_seed (42);

  for (guint i = 0; i < n_docs; i++)
    {
      /* Totals spread evenly: document i gets its share. */
      guint m = (guint) ((guint64) (i + 1) * n_mentions / n_docs - (guint64) i * n_mentions / n_docs);
      guint s = (guint) ((guint64) (i + 1) * n_stances / n_docs - (guint64) i * n_stances / n_docs);

      write_document (dir, i, m, s, rand);
    }
  g_rand_free (rand);
  printf ("generated %s: %u documents, %u mentions, %u stances\n", dir, n_docs, n_mentions, n_stances);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void
collect_sidecars (const char *dir,
                  GPtrArray  *out)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = g_build_filename (dir, g_ptr_array_index (names, i), NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR))
        collect_sidecars (path, out);
      else if (g_str_has_suffix (path, ".annotations.json"))
        g_ptr_array_add (out, g_steal_pointer (&path));
    }
}

static void
bare_parse (const char *dir)
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  double start;

  collect_sidecars (dir, paths);
  start = now ();
  for (guint i = 0; i < paths->len; i++)
    {
      /* The faster of json-glib's two parsers on sidecars (see sidecar-bench.c). */
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      gsize length;

      if (!g_file_get_contents (g_ptr_array_index (paths, i), &contents, &length, &error) ||
          !json_parser_load_from_data (parser, contents, length, &error))
        g_error ("%s", error->message);
    }
  printf ("bare-parse %.3f %ld\n", now () - start, max_rss_kb ());
}

int
main (int   argc,
      char *argv[])
{
  if (argc >= 4 && g_str_equal (argv[1], "generate"))
    {
      guint n_docs = (guint) atoi (argv[3]);

      generate (argv[2], n_docs, argc > 4 ? (guint) atoi (argv[4]) : n_docs * 50,
                argc > 5 ? (guint) atoi (argv[5]) : n_docs * 2);
      return 0;
    }
  if (argc == 3 && g_str_equal (argv[1], "bare-parse"))
    {
      bare_parse (argv[2]);
      return 0;
    }

  fprintf (stderr, "usage: %s generate DIR N_DOCS [N_MENTIONS N_STANCES] | bare-parse DIR\n", argv[0]);
  return 2;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test"

#include "config.h"

#include <string.h>

#include "glossator-article.h"
#include "glossator-json-write-private.h"
#include "glossator-sidecar.h"
#include "fuzz/fuzz-common.h"
#include "sidecar-tree-oracle.h"
#include "test-util.h"

/* The sidecar reader (glossator-sidecar-read.c, straight from the bytes)
 * against json-glib's tree walked as it used to be (sidecar-tree-oracle.c):
 * the same errors (domain, code, message naming the file and the JSON
 * path), the same warnings, and documents that write the same bytes, over
 * the sample corpus, the fuzz corpus, and sidecars written here. */

static void
assert_agree (GlossatorText   *text,
              const char      *name,
              const char      *data,
              gsize            length,
              GlossatorSchema *schema)
{
  g_autofree char *difference = sidecar_tree_compare (text, name, data, length, schema);

  if (difference != NULL)
    g_error ("%s\nin:\n%.*s", difference, (int) MIN (length, 6000), data);
}

/* Each value of @data in turn replaced by each of a few of other types
 * and ranges: the errors each brings, and where. Returns how many
 * values were replaced. */
static guint
assert_agree_on_mutants (GlossatorText   *text,
                         const char      *name,
                         const char      *data,
                         gsize            length,
                         GlossatorSchema *schema)
{
  static const char * const replacements[] = {
    "null", "true", "\"\"", "\"x\"", "-1", "2147483648", "0", "1.5", "[]", "{}", "[{}]", "\"\\u00e9\"",
  };
  const char *end = data + length;
  /* Under the sanitizers the oracle's tree is twenty times slower: there
   * every eighth value is mutated (the normal build does them all). */
  guint stride = g_getenv ("ASAN_OPTIONS") != NULL ? 8 : 1;
  guint n = 0;

  for (const char *p = data; p < end; p++)
    {
      const char *value, *value_end;

      if (*p != ':')
        continue;
      for (value = p + 1; value < end && _glossator_json_is_space (*value); value++)
        ;
      if (value >= end || (value_end = _glossator_json_skip_value (value, end)) == NULL)
        continue;
      if (n++ % stride != 0)
        continue;
      /* Two replacements a value, in turn: each kind at every depth,
       * in a few seconds. */
      for (guint k = 0; k < 2; k++)
        {
          g_autoptr(GString) mutant = g_string_new_len (data, value - data);

          g_string_append (mutant, replacements[(n / stride + k * 5) % G_N_ELEMENTS (replacements)]);
          g_string_append_len (mutant, value_end, end - value_end);
          assert_agree (text, name, mutant->str, mutant->len, schema);
        }
    }

  return n;
}

static void
agree_on_file (GlossatorText   *text,
               const char      *path,
               GlossatorSchema *schema)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &data, &length, &error));
  assert_agree (text, path, data, length, schema);
}

static void
test_differential_samples (void)
{
  g_autofree char *samples = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", NULL);
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (samples, 0, &error);
  const char *name;
  guint n = 0;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (samples, name, NULL);
      g_autofree char *article_path = NULL;
      g_autofree char *data = NULL;
      g_autoptr(GFile) article_file = NULL;
      g_autoptr(GlossatorArticle) article = NULL;
      gsize length;

      if (!g_str_has_suffix (name, GLOSSATOR_SIDECAR_SUFFIX))
        continue;
      article_path = g_strndup (path, strlen (path) - strlen (GLOSSATOR_SIDECAR_SUFFIX));
      article_file = g_file_new_for_path (article_path);
      article = glossator_article_load (article_file, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_file_get_contents (path, &data, &length, &error));
      assert_agree (glossator_article_get_text (article), path, data, length, schema);
      assert_agree (glossator_article_get_text (article), path, data, length, NULL);
      n += assert_agree_on_mutants (glossator_article_get_text (article), path, data, length, schema);
      n++;
    }
  g_test_message ("%u sample sidecars and mutants", n);
  g_assert_cmpuint (n, >=, 3);
}

/* The fuzz seeds and every crash found, as the fuzz replay reads them
 * (tests/fuzz/meson.build), against the fuzz article. */
static void
test_differential_fuzz_corpus (void)
{
  static const char * const folders[][2] = {
    { "corpus", "sidecar" }, { "corpus", "sidecar-mentions" },
    { "crashes", "sidecar" }, { "crashes", "sidecar-mentions" },
  };
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  guint n = 0;

  for (guint f = 0; f < G_N_ELEMENTS (folders); f++)
    {
      g_autofree char *folder = g_test_build_filename (G_TEST_DIST, "fuzz", folders[f][0], folders[f][1], NULL);
      g_autoptr(GDir) dir = g_dir_open (folder, 0, NULL);
      const char *name;

      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *path = g_build_filename (folder, name, NULL);

          if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
            continue;
          agree_on_file (fuzz_article_text (), path, schema);
          agree_on_file (fuzz_article_text (), path, NULL);
          n++;
        }
    }
  g_test_message ("%u fuzz inputs", n);
  g_assert_cmpuint (n, >=, 10);
}

#define ARTICLE \
  "Zo\xc3\xab met the \xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 family " \
  "in Kyiv \xf0\x9f\x87\xba\xf0\x9f\x87\xa6.\r\n" \
  "Cafe\xcc\x81 owners in Gda\xc5\x84sk said \xe2\x80\x9cno deal\xe2\x80\x9d \xf0\x9f\x9a\xa2.\r\n" \
  "Zo\xc3\xab left; the family stayed in Kyiv.\r\n"

static void
add_span (GlossatorSpan **spans,
          guint          *n_spans,
          GlossatorText  *text,
          const char     *needle)
{
  guint start = test_util_text_offset (text, needle, 0);

  *spans = g_renew (GlossatorSpan, *spans, *n_spans + 1);
  glossator_span_init (&(*spans)[*n_spans], start, start + g_utf8_strlen (needle, -1));
  glossator_span_set_quote (&(*spans)[*n_spans], text);
  (*n_spans)++;
}

/* A document using every part of the format: entities with and without
 * labels, continuous and discontinuous mentions over emoji, a ZWJ
 * sequence, a flag and a letter with a combining mark, notes, attributes,
 * authorship, stances of every holder and target kind with evidence. */
static GlossatorDocument *
make_document (GlossatorText *text)
{
  GlossatorDocument *doc = glossator_document_new (text);
  g_autoptr(GlossatorStance) st1 = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorStance) st2 = glossator_stance_new ("s2", "für \xf0\x9f\x91\x8d");
  g_autoptr(GlossatorStance) st3 = glossator_stance_new ("s3", "neutral");
  g_autoptr(JsonObject) attributes = json_object_new ();
  GlossatorMention *mention;

  test_util_put_mention (doc, "m1", "PER", "e1", "Zo\xc3\xab", 0, NULL);
  test_util_put_mention (doc, "m2", "GRP", "e2", "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 0, "family");
  test_util_put_mention (doc, "m3", "LOC", "e3", "Kyiv \xf0\x9f\x87\xba\xf0\x9f\x87\xa6", 0, NULL);
  test_util_put_mention (doc, "m4", "ORG", "e4", "Cafe\xcc\x81 owners", 0, NULL);
  test_util_put_mention (doc, "m5", "LOC", "e5", "Gda\xc5\x84sk", 0, NULL);
  test_util_put_mention (doc, "m\xc3\xa9-6", "PER", "e1", "Zo\xc3\xab", 1, "left");

  mention = glossator_mention_copy (glossator_document_get_mention (doc, "m1"));
  mention->note = g_strdup ("first \"quoted\" \\ note\twith\ttabs\n");
  mention->authorship.author = g_strdup ("ann\xc3\xa9");
  mention->authorship.created = g_strdup ("2026-01-02T03:04:05Z");
  mention->authorship.modified = g_strdup ("not a time");
  json_object_set_int_member (attributes, "confidence", 3);
  json_object_set_double_member (attributes, "score", 0.125);
  json_object_set_boolean_member (attributes, "checked", TRUE);
  json_object_set_null_member (attributes, "nothing");
  json_object_set_string_member (attributes, "lang", "\xf0\x9f\x87\xba\xf0\x9f\x87\xa6");
  mention->attributes = json_object_ref (attributes);
  glossator_document_put_mention (doc, mention);
  glossator_mention_unref (mention);

  st1->holder_kind = GLOSSATOR_HOLDER_ENTITY;
  st1->holder_entity = g_strdup ("e4");
  st1->target_kind = GLOSSATOR_TARGET_TOPIC;
  st1->target = g_strdup ("the deal \xf0\x9f\x9a\xa2");
  st1->intensity = 2;
  add_span (&st1->evidence, &st1->n_evidence, text, "\xe2\x80\x9cno deal\xe2\x80\x9d");
  add_span (&st1->evidence, &st1->n_evidence, text, "stayed");
  st1->authorship.author = g_strdup ("bo");
  glossator_document_put_stance (doc, st1);
  st2->holder_kind = GLOSSATOR_HOLDER_AUTHOR;
  st2->target_kind = GLOSSATOR_TARGET_ENTITY;
  st2->target = g_strdup ("e3");
  st2->note = g_strdup ("a note");
  glossator_document_put_stance (doc, st2);
  glossator_document_put_stance (doc, st3);

  glossator_document_set_status (doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_annotator (doc, "ann\xc3\xa9");
  glossator_document_set_notes (doc, "notes\r\nwith CRLF");
  glossator_document_set_attributes (doc, attributes);

  return doc;
}

/* Inserts @member (name and value) as the first member of the object
 * that starts at the first @anchor after @after in @json. */
static void
insert_member (GString    *json,
               const char *after,
               const char *anchor,
               const char *member)
{
  const char *from = strstr (json->str, after);
  const char *at;

  g_assert_nonnull (from);
  at = strstr (from, anchor);
  g_assert_nonnull (at);
  at = strchr (at, '{');
  g_assert_nonnull (at);
  g_string_insert (json, at + 1 - json->str, member);
}

static GString *
written (GlossatorDocument *doc)
{
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (doc, "article.txt");

  return g_string_new_len (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Members Glossator does not know, at every level, of every JSON type,
 * with escaped names and values; a merge's conflicts and adjudication. */
static void
add_unknown_members (GString *json)
{
  insert_member (json, "", "{", "\"zz-top\": {\"n\": [1, -0, 2.5, 1e3, -1.5E-3, 9223372036854775807, "
                                "-9223372036854775808, true, false, null, \"\\u00e9\\ud83d\\ude00\\n\\/\"]},"
                                "\"conflicts\": [{\"kind\": \"mention\", \"id\": \"m1\", \"ours\": null, \"theirs\": {}},"
                                "{\"kind\": \"entity\", \"id\": \"e1\", \"ours\": {}, \"theirs\": null},"
                                "{\"kind\": \"stance\", \"id\": \"s1\"}, {\"kind\": \"document\"},"
                                "{\"kind\": \"member\", \"id\": \"x\"}, {\"kind\": \"what\", \"id\": \"y\"}, 3, {}],"
                                "\"adjudication\": {\"by\": \"me\"},");
  insert_member (json, "\"article\"", "\"article\"", "\"x-article\": \"\\u0041\",");
  insert_member (json, "\"document\"", "\"document\"", "\"x-doc\": [[]], \"x\\u002ddoc2\": {},");
  insert_member (json, "\"entities\"", "\"id\"", "\"x-entity\": 1.0,");
  insert_member (json, "\"mentions\"", "\"id\"", "\"x-mention\": {\"deep\": [{\"deeper\": \"\\t\"}]},");
  insert_member (json, "\"fragments\"", "\"start\"", "\"x-span\": null,");
  insert_member (json, "\"stances\"", "\"id\"", "\"x-stance\": false,");
  insert_member (json, "\"holder\"", "\"holder\"", "\"x-holder\": 0,");
  insert_member (json, "\"target\"", "\"target\"", "\"x-target\": \"t\",");
  insert_member (json, "\"evidence\"", "\"start\"", "\"x-evidence\": [],");
}

static void
agree_on_written (GlossatorText   *text,
                  GlossatorText   *changed,
                  const char      *name,
                  GString         *json,
                  GlossatorSchema *schema,
                  guint           *n)
{
  g_autofree char *crlf = NULL;
  g_autofree char *bom = g_strconcat ("\xef\xbb\xbf", json->str, NULL);
  g_auto(GStrv) lines = g_strsplit (json->str, "\n", -1);

  assert_agree (text, name, json->str, json->len, schema);
  assert_agree (text, name, json->str, json->len, NULL);
  /* The article changed since: every span re-anchored, moved or orphaned. */
  assert_agree (changed, name, json->str, json->len, schema);
  /* Written by hand: CRLF line breaks, a byte order mark. */
  crlf = g_strjoinv ("\r\n", lines);
  assert_agree (text, name, crlf, strlen (crlf), schema);
  assert_agree (text, name, bom, strlen (bom), schema);
  *n += 5;
  *n += assert_agree_on_mutants (text, name, json->str, json->len, schema);
  *n += assert_agree_on_mutants (changed, name, json->str, json->len, NULL);
}

static void
test_differential_written (void)
{
  static const char * const articles[] = {
    ARTICLE,
    "\xef\xbb\xbf" ARTICLE,   /* a BOM, removed and recorded */
  };
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();
  guint n = 0;

  for (guint a = 0; a < G_N_ELEMENTS (articles); a++)
    {
      g_autoptr(GlossatorText) text = test_util_text_from_data (articles[a]);
      g_autoptr(GlossatorText) changed = test_util_text_from_data ("Breaking: " ARTICLE "Zo\xc3\xab\r\n");
      g_autoptr(GlossatorText) shorter = test_util_text_from_data ("Zo\xc3\xab met.");
      g_autoptr(GlossatorDocument) doc = make_document (text);
      g_autoptr(GlossatorDocument) empty = glossator_document_new (text);
      g_autoptr(GString) json = written (doc);
      g_autoptr(GString) bare = written (empty);
      g_autoptr(GString) unknown = written (doc);

      add_unknown_members (unknown);
      agree_on_written (text, changed, "full.json", json, schema, &n);
      agree_on_written (text, shorter, "empty.json", bare, schema, &n);
      agree_on_written (text, changed, "unknown.json", unknown, schema, &n);
    }
  g_test_message ("%u written sidecars and mutants", n);
}

/* Not a sidecar at all, or not one Glossator reads. */
static void
test_differential_refused (void)
{
  static const char * const inputs[] = {
    "", "   ", "\xef\xbb\xbf", "[]", "42", "\"x\"", "null", "{}", "{\"format\": 1}",
    "{\"format\": \"glossator-sidecar\", \"version\": 2}",
    "{\"format\": \"glossator-sidecar\", \"version\": 1.0}",
    "{\"format\": \"glossator-sidecar\", \"version\": 1, \"minor_version\": -3}",
    "{\"format\": \"glossator-sidecar\", \"version\": 1, \"offset_unit\": \"utf16\"}",
    "{\"format\": \"glossator-sidecar\", \"version\": 1, \"article\": []}",
    "{\"format\": \"glossator-sidecar\", \"version\": 1, \"article\": {}}",
    "{\"form\\u0061t\": \"glossator-sidecar\", \"version\": 1}",
    "{\"format\": \"glossator-sidecar\", \"format\": \"glossator-sidecar\"}",
    "{\"format\": \"glossator-sidecar\"} x",
    "{\"a\": \"\\ud800\"}", "{\"a\": \"\\u0000\"}", "{\"a\": 1e999}", "{\"a\": \xff}",
  };
  g_autoptr(GlossatorText) text = test_util_text_from_data (ARTICLE);

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    assert_agree (text, "refused.json", inputs[i], strlen (inputs[i]), NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar-differential/samples", test_differential_samples);
  g_test_add_func ("/sidecar-differential/fuzz-corpus", test_differential_fuzz_corpus);
  g_test_add_func ("/sidecar-differential/written", test_differential_written);
  g_test_add_func ("/sidecar-differential/refused", test_differential_refused);

  return g_test_run ();
}

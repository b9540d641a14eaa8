/* SPDX-License-Identifier: GPL-3.0-or-later */
/* glossator_json_guard(), the check every JSON file passes before a parser
 * sees it, and the agreement of the export's mentions-only sidecar read
 * with the full one. */

#include "config.h"

#include <string.h>

#include "glossator-article.h"
#include "glossator-document-private.h"
#include "glossator-format-private.h"
#include "glossator-json-guard.h"
#include "glossator-sidecar.h"
#include "glossator-sidecar-private.h"
#include "test-util.h"

#define THUMB_MEDIUM "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"

/* Runs the guard on @json, expecting @code with @path and a message
 * starting with @message (NULL: passes). */
static void
expect (const char *json,
        gssize      length,
        int         code,
        const char *path,
        const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *found_path = NULL;
  gboolean ok = glossator_json_guard (json, length < 0 ? strlen (json) : (gsize) length, &found_path, &error);

  if (message == NULL)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, GLOSSATOR_JSON_ERROR, code);
  g_assert_cmpstr (found_path, ==, path);
  if (!g_str_has_prefix (error->message, message))
    g_error ("“%s” does not start with “%s”", error->message, message);
}

static char *
nested (const char *open,
        guint       n,
        const char *inside,
        const char *close)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (out, open);
  g_string_append (out, inside);
  for (guint i = 0; close != NULL && i < n; i++)
    g_string_append (out, close);
  return g_string_free (out, FALSE);
}

static void
test_deep_nesting_refused (void)
{
  g_autofree char *brackets = nested ("[", 100000, "", NULL);
  g_autofree char *limit = nested ("[", GLOSSATOR_JSON_MAX_DEPTH, "1", "]");
  g_autofree char *over = nested ("[", GLOSSATOR_JSON_MAX_DEPTH + 1, "1", "]");
  g_autofree char *members = nested ("{\"a\":", 600, "1", "}");
  g_autofree char *in_attributes = NULL;

  expect (brackets, -1, GLOSSATOR_JSON_ERROR_TOO_DEEP, "$[0][0][0][0][0][0][0][0]…[0][0][0]",
          "nested deeper than 512 levels at line 1, column 513");
  expect (limit, -1, 0, NULL, NULL);
  expect (over, -1, GLOSSATOR_JSON_ERROR_TOO_DEEP, "$[0][0][0][0][0][0][0][0]…[0][0][0]",
          "nested deeper than 512 levels at line 1, column 513");
  expect (members, -1, GLOSSATOR_JSON_ERROR_TOO_DEEP, "$.a.a.a.a.a.a.a.a….a.a.a",
          "nested deeper than 512 levels at line 1, column 2561");

  /* The path says where, abbreviated in the middle. */
  in_attributes = g_strconcat ("{\"mentions\": [{\"attributes\": ", members, "}]}", NULL);
  expect (in_attributes, -1, GLOSSATOR_JSON_ERROR_TOO_DEEP, "$.mentions[0].attributes.a.a.a.a.a….a.a.a",
          "nested deeper than 512 levels at line 1, column ");
}

static void
test_trailing_data_refused (void)
{
  expect ("{\"a\": 1}\n{\"a\": 2}\n", -1, GLOSSATOR_JSON_ERROR_TRAILING_DATA, "$",
          "not JSON: data after the end of the JSON value at line 2, column 1");
  expect ("[1] x", -1, GLOSSATOR_JSON_ERROR_TRAILING_DATA, "$", "not JSON: data after the end");
  expect ("1 2", -1, GLOSSATOR_JSON_ERROR_TRAILING_DATA, "$", "not JSON: data after the end");
  expect ("\xef\xbb\xbf {\"a\": [1, 2]} \r\n\t", -1, 0, NULL, NULL);
}

static void
test_duplicate_members_refused (void)
{
  g_autoptr(GString) many = g_string_new ("{");

  expect ("{\"a\": 1, \"b\": {\"c\": 1, \"c\": 2}}", -1, GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER, "$.b.c",
          "duplicate member name at line 1, column 24 (first at line 1, column 16)");
  /* Escapes spell the same name. */
  expect ("{\"x\\u0061\": 1, \"xa\": 2}", -1, GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER, "$.xa",
          "duplicate member name");
  /* …a surrogate pair, the short escapes and \/ too; one escape less is
   * another name. */
  expect ("{\"\\ud83d\\ude00\\u00e9\\/\\n\": 1, \"\xf0\x9f\x98\x80\xc3\xa9/\\u000a\": 2}", -1,
          GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER, "$[\"\xf0\x9f\x98\x80\xc3\xa9/\\u000a\"]",
          "duplicate member name");
  expect ("{\"\\ud83d\\ude00\\u00e9\\/\\n\": 1, \"\xf0\x9f\x98\x80\xc3\xa9/\": 2}", -1, 0, NULL, NULL);
  /* The same name in sibling and nested objects is fine. */
  expect ("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": 2}]}", -1, 0, NULL, NULL);

  /* Large objects are hashed. */
  for (guint i = 0; i < 1000; i++)
    g_string_append_printf (many, "%s\"k%u\": %u", i > 0 ? ", " : "", i, i);
  g_string_append (many, "}");
  expect (many->str, many->len, 0, NULL, NULL);
  g_string_truncate (many, many->len - 1);
  g_string_append (many, ", \"k777\": 0}");
  expect (many->str, many->len, GLOSSATOR_JSON_ERROR_DUPLICATE_MEMBER, "$.k777", "duplicate member name");
}

static void
test_escapes_checked (void)
{
  expect ("{\"name\": \"K\\ud800m\"}", -1, GLOSSATOR_JSON_ERROR_LONE_SURROGATE, "$.name",
          "invalid \\u escape: lone surrogate U+D800 at line 1, column 12");
  expect ("[\"ok\", \"\\udc00\"]", -1, GLOSSATOR_JSON_ERROR_LONE_SURROGATE, "$[1]",
          "invalid \\u escape: lone surrogate U+DC00");
  expect ("[\"\\ud83d\\ud83d\"]", -1, GLOSSATOR_JSON_ERROR_LONE_SURROGATE, "$[0]",
          "invalid \\u escape: lone surrogate U+D83D");
  expect ("{\"x\": {\"\\ud800a\": 1}}", -1, GLOSSATOR_JSON_ERROR_LONE_SURROGATE, "$.x",
          "invalid \\u escape: lone surrogate U+D800");
  expect ("[\"\\ud83d\\ude00 \\u00e9 \\\" \\\\ \\/ \\b\\f\\n\\r\\t\"]", -1, 0, NULL, NULL);
  /* json-glib would cut the string there. */
  expect ("[\"a\\u0000b\"]", -1, GLOSSATOR_JSON_ERROR_NUL, "$[0]", "the escape \\u0000");
  expect ("[\"a\\x\"]", -1, GLOSSATOR_JSON_ERROR_SYNTAX, "$[0]", "not JSON: invalid escape");
  expect ("[\"tab\there\"]", -1, GLOSSATOR_JSON_ERROR_SYNTAX, "$[0]",
          "not JSON: unescaped control character U+0009 in a string");
  expect ("{\"format\": \"glossator-sidecar\xff\"}", -1, GLOSSATOR_JSON_ERROR_NOT_UTF8, "$.format",
          "not UTF-8: invalid byte at line 1, column 30 (byte offset 29)");
  /* Overlong, encoded surrogate, past U+10FFFF. */
  expect ("[\"\xc0\xaf\"]", -1, GLOSSATOR_JSON_ERROR_NOT_UTF8, "$[0]", "not UTF-8");
  expect ("[\"\xed\xa0\x80\"]", -1, GLOSSATOR_JSON_ERROR_NOT_UTF8, "$[0]", "not UTF-8");
  expect ("[\"\xf4\x90\x80\x80\"]", -1, GLOSSATOR_JSON_ERROR_NOT_UTF8, "$[0]", "not UTF-8");
  expect ("[\"" FAMILY FLAG_UA CAFE_NFD "\"]", -1, 0, NULL, NULL);
}

static void
test_numbers_out_of_range_refused (void)
{
  expect ("{\"start\": 18446744073709551616}", -1, GLOSSATOR_JSON_ERROR_NUMBER_RANGE, "$.start",
          "the number 18446744073709551616 is out of range at line 1, column 11");
  expect ("[9223372036854775808]", -1, GLOSSATOR_JSON_ERROR_NUMBER_RANGE, "$[0]",
          "the number 9223372036854775808 is out of range");
  expect ("[-9223372036854775809]", -1, GLOSSATOR_JSON_ERROR_NUMBER_RANGE, "$[0]",
          "the number -9223372036854775809 is out of range");
  expect ("[1e400]", -1, GLOSSATOR_JSON_ERROR_NUMBER_RANGE, "$[0]", "the number 1e400 is out of range");
  expect ("[123456789012345678901234567890123456789012345678901234567890]", -1,
          GLOSSATOR_JSON_ERROR_NUMBER_RANGE, "$[0]", "a number of 60 characters is out of range");
  expect ("[9223372036854775807, -9223372036854775808, 1.5e308, -0, 0.5, 1E-400, 1e+2]", -1, 0, NULL, NULL);
}

static void
test_syntax_strict (void)
{
  static const char * const refused[] = {
    "[01]", "[1.]", "[.5]", "[+1]", "[-]", "[1e]", "[tru]", "[NaN]", "['a']", "[1,]", "{\"a\":1,}",
    "{\"a\" 1}", "{a: 1}", "[/* c */ 1]", "[1 2]", "{\"a\": 1]", "[1}", "[", "{", "\"open",
  };

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (glossator_json_guard (refused[i], strlen (refused[i]), NULL, &error));
      g_assert_error (error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_SYNTAX);
      g_assert_true (g_str_has_prefix (error->message, "not JSON: "));
    }
  expect ("", 0, GLOSSATOR_JSON_ERROR_EMPTY, "$", "not JSON: no value");
  expect (" \n ", -1, GLOSSATOR_JSON_ERROR_EMPTY, "$", "not JSON: no value");
  expect ("{\"a\": [true, false, null, -1.5e-3, \"\", {}, []]}", -1, 0, NULL, NULL);
}

/* A file that is not JSON at all (a link to /etc/shadow): its contents
 * never appear in the message. */
static void
test_not_json_quotes_nothing (void)
{
  const char *shadow = "root:$6$secretsalt$hash:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n";
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  expect (shadow, -1, GLOSSATOR_JSON_ERROR_SYNTAX, "$",
          "not JSON: unexpected character at line 1, column 1 (expected a value)");
  g_assert_false (glossator_json_guard (shadow, strlen (shadow), &path, &error));
  g_assert_null (strstr (error->message, "root"));
  g_assert_null (strstr (error->message, "secret"));
  /* Nor do JSON Lines lines, counted from their own line number. */
  g_clear_error (&error);
  g_assert_false (glossator_json_guard_line ("{not json", 9, 7, NULL, &error));
  g_assert_cmpstr (error->message, ==,
                   "not JSON: unexpected character at line 7, column 2 (expected a member name in quotes)");
}

/* The mentions-only read and the full one */

typedef struct {
  GlossatorText *text;
  char          *data;
  gsize          length;
  const char    *name;
} Base;

/* What the reader gives formats that read mentions only: each
 * mention's id, label, entity and fragments, and the tokenization. */
static char *
mentions_of (GlossatorDocument *document)
{
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  JsonObject *attributes = glossator_document_get_attributes (document);
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "tokenization=%s\n",
                          attributes != NULL && json_object_has_member (attributes, GLOSSATOR_TOKENIZATION)
                            ? json_object_get_string_member (attributes, GLOSSATOR_TOKENIZATION) : "");
  for (guint i = 0; i < mentions->len; i++)
    {
      GlossatorMention *mention = g_ptr_array_index (mentions, i);

      g_string_append_printf (out, "%s %s %s", mention->id, mention->label, mention->entity_id);
      for (guint f = 0; f < mention->n_fragments; f++)
        g_string_append_printf (out, " %u-%u%s", mention->fragments[f].start, mention->fragments[f].end,
                                mention->fragments[f].orphaned ? "o" : "");
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

typedef struct {
  guint n_cases;
  guint n_read;         /* both readers gave a document */
  guint n_refused;      /* both refused it */
} Tally;

/* The export's mentions-only read against the full one: the same error,
 * or the same mentions and tokenization. */
static void
compare_readers (GlossatorText *text,
                 const char    *data,
                 gsize          length,
                 Tally         *tally)
{
  g_autoptr(GlossatorDocument) full = NULL;
  g_autoptr(GlossatorDocument) lean = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) lean_error = NULL;
  guint n_entities, n_stances;

  tally->n_cases++;
  full = glossator_sidecar_parse (text, "mutant.json", data, length, NULL, NULL, &error);
  lean = _glossator_sidecar_parse_mentions (text, "mutant.json", data, length, &n_entities, &n_stances, NULL,
                                            &lean_error);
  if (full == NULL)
    {
      if (lean != NULL)
        g_error ("the mentions-only reader read a sidecar the full reader refuses (%s):\n%.*s",
                 error->message, (int) MIN (length, 4000), data);
      g_assert_cmpstr (lean_error->message, ==, error->message);
      g_assert_cmpint (lean_error->code, ==, error->code);
      tally->n_refused++;
      return;
    }
  if (lean == NULL)
    g_error ("the mentions-only reader refused a sidecar the full reader reads (%s):\n%.*s",
             lean_error->message, (int) MIN (length, 4000), data);
  tally->n_read++;
  g_assert_cmpuint (n_entities, ==, glossator_document_get_n_entities (full));
  g_assert_cmpuint (n_stances, ==, glossator_document_get_n_stances (full));
  {
    g_autofree char *a = mentions_of (full);
    g_autofree char *b = mentions_of (lean);

    if (!g_str_equal (a, b))
      g_error ("the readers disagree on\n%.*s\nfull:\n%s\nmentions only:\n%s", (int) MIN (length, 4000), data, a, b);
  }
}

/* One random change to a pretty-printed sidecar. */
static char *
mutate (const char *data,
        gsize       length,
        GRand      *rand,
        gsize      *out_length)
{
  static const char * const inserts[] = {
    "{", "}", "[", "]", ",", ":", "\"", "\\", " ", "0", "1", "-", "9", "e", "\n", "null", "true",
    "\\ud800", "18446744073709551616", "{}", "\"x\": 1,", "\"id\": \"m1\",", "\"start\": 0,",
    "\"end\": 99999,", "\"orphaned\": true,", "\"note\": 5,", "\"attributes\": [],", "\xcc\x81",
  };
  g_auto(GStrv) lines = g_strsplit (data, "\n", -1);
  guint n_lines = g_strv_length (lines);
  GString *out = g_string_new (NULL);
  guint op = g_rand_int_range (rand, 0, 7);
  gsize at = g_rand_int_range (rand, 0, (gint32) length);
  guint line = g_rand_int_range (rand, 0, (gint32) n_lines);
  guint other = g_rand_int_range (rand, 0, (gint32) n_lines);

  switch (op)
    {
    case 0: /* drop a byte */
      g_string_append_len (out, data, at);
      g_string_append_len (out, data + at + 1, length - at - 1);
      break;
    case 1: /* insert a token */
      g_string_append_len (out, data, at);
      g_string_append (out, inserts[g_rand_int_range (rand, 0, G_N_ELEMENTS (inserts))]);
      g_string_append_len (out, data + at, length - at);
      break;
    case 2: /* repeat a line: a member twice, an element twice */
    case 3: /* drop a line */
    case 4: /* swap two lines */
      for (guint i = 0; i < n_lines; i++)
        {
          const char *l = lines[i];

          if (op == 4 && i == line)
            l = lines[other];
          else if (op == 4 && i == other)
            l = lines[line];
          if (op == 3 && i == line)
            continue;
          g_string_append (out, l);
          if (i + 1 < n_lines)
            g_string_append_c (out, '\n');
          if (op == 2 && i == line)
            g_string_append_printf (out, "%s\n", l);
        }
      break;
    case 5: /* change a number */
      {
        const char *p = data + at;

        while (*p != '\0' && !g_ascii_isdigit (*p))
          p++;
        g_string_append_len (out, data, p - data);
        g_string_append_printf (out, "%d", g_rand_int_range (rand, 0, 400));
        while (g_ascii_isdigit (*p))
          p++;
        g_string_append (out, p);
      }
      break;
    default: /* trailing data */
      g_string_append_len (out, data, length);
      g_string_append (out, g_rand_boolean (rand) ? "\n{}" : " x");
      break;
    }

  *out_length = out->len;
  return g_string_free (out, FALSE);
}

static void
add_base (GPtrArray  *bases,
          const char *article_path,
          const char *name)
{
  g_autoptr(GFile) file = g_file_new_for_path (article_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = glossator_article_load (file, NULL, &error);
  g_autofree char *sidecar = g_strconcat (article_path, ".annotations.json", NULL);
  Base *base = g_new0 (Base, 1);

  g_assert_no_error (error);
  base->text = glossator_text_ref (glossator_article_get_text (article));
  base->name = name;
  g_file_get_contents (sidecar, &base->data, &base->length, &error);
  g_assert_no_error (error);
  g_ptr_array_add (bases, base);
}

static void
base_free (Base *base)
{
  glossator_text_unref (base->text);
  g_free (base->data);
  g_free (base);
}

/* A sidecar of emoji, flags, combining marks and CRLF, with free-form
 * members nested deep, and one whose tokenization attribute the exports
 * read. */
static void
add_made_bases (GPtrArray  *bases,
                const char *dir)
{
  const char *text = "Putin met " FAMILY " in Kyiv " FLAG_UA ".\r\n" CAFE_NFD " " THUMB_MEDIUM " ok.\r\n";
  g_autoptr(GlossatorText) t = glossator_text_new (text, -1, NULL);
  g_autofree char *deep = nested ("{\"a\": ", 40, "[1, \"x\"]", "}");
  g_autofree char *json = g_strdup_printf (
    "{\n  \"format\": \"glossator-sidecar\",\n  \"version\": 1,\n  \"offset_unit\": \"codepoint\",\n"
    "  \"article\": {\"file\": \"a.txt\", \"sha256\": \"%s\", \"length\": %u, \"newline\": \"crlf\"},\n"
    "  \"document\": {\"status\": \"todo\", \"attributes\": {\"tokenization\": \"whitespace\", \"deep\": %s}},\n"
    "  \"entities\": [\n    {\"id\": \"e1\", \"name\": \"Putin\", \"label\": \"PERSON\"},\n"
    "    {\"id\": \"e2\", \"name\": \"Kyiv\", \"label\": \"GPE\", \"attributes\": %s}\n  ],\n"
    "  \"mentions\": [\n"
    "    {\n      \"id\": \"m1\",\n      \"label\": \"PERSON\",\n      \"entity\": \"e1\",\n"
    "      \"fragments\": [\n        {\n          \"start\": 0,\n          \"end\": 5,\n"
    "          \"exact\": \"Putin\"\n        }\n      ]\n    },\n"
    "    {\n      \"id\": \"m2\",\n      \"label\": \"GPE\",\n      \"entity\": \"e2\",\n"
    "      \"fragments\": [\n        {\n          \"start\": 19,\n          \"end\": 23,\n"
    "          \"exact\": \"Kyiv\"\n        },\n        {\n          \"start\": 24,\n          \"end\": 26\n"
    "        }\n      ],\n      \"future\": %s\n    }\n  ],\n"
    "  \"stances\": [\n    {\"id\": \"s1\", \"holder\": {\"type\": \"entity\", \"entity\": \"e1\"},\n"
    "     \"target\": {\"type\": \"topic\", \"topic\": \"war\"}, \"polarity\": \"against\", \"intensity\": 2}\n  ]\n}\n",
    glossator_text_get_sha256 (t), glossator_text_get_length (t), deep, deep, deep);
  Base *base = g_new0 (Base, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorDocument) doc = glossator_sidecar_parse (t, "made.json", json, strlen (json), NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  base->text = glossator_text_ref (t);
  base->data = g_steal_pointer (&json);
  base->length = strlen (base->data);
  base->name = "made";
  g_ptr_array_add (bases, base);
  (void) dir;
}

static void
test_mentions_reader_agrees (void)
{
  g_autoptr(GPtrArray) bases = g_ptr_array_new_with_free_func ((GDestroyNotify) base_free);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  static const char * const samples[] = { "harbour-strike.txt", "river-treaty.md", "chip-export.json" };
  Tally tally = { 0 };

  for (guint i = 0; i < G_N_ELEMENTS (samples); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", samples[i], NULL);

      add_base (bases, path, samples[i]);
    }
  add_made_bases (bases, NULL);

  for (guint i = 0; i < bases->len; i++)
    {
      Base *base = g_ptr_array_index (bases, i);
      guint n_read = tally.n_read;

      /* Unchanged: both read it, alike. */
      compare_readers (base->text, base->data, base->length, &tally);
      g_assert_cmpuint (tally.n_read, ==, n_read + 1);

      /* Changes each reader must notice, on the made sidecar. */
      if (g_str_equal (base->name, "made"))
        {
          static const char * const changes[][2] = {
            { "\"exact\": \"Putin\"", "\"exact\": \"Putim\"" },
            { "\"exact\": \"Putin\"", "\"exact\": \"Putim\", \"orphaned\": true" },
            { "\"exact\": \"Putin\"", "\"exact\": 5" },
            { "\"exact\": \"Putin\"", "\"exact\": \"Putin\", \"prefix\": null" },
            { "\"entity\": \"e2\",", "\"entity\": \"e9\"," },
            { "\"id\": \"m2\"", "\"id\": \"m1\"" },
            { "\"id\": \"e2\"", "\"id\": \"e1\"" },
            { "\"id\": \"e2\"", "\"id\": \"\"" },
            { "\"name\": \"Putin\"", "\"name\": [\"Putin\"]" },
            { "\"status\": \"todo\"", "\"status\": \"finished\"" },
            { "\"status\": \"todo\"", "\"status\": \"todo\", \"notes\": 1" },
            { "\"newline\": \"crlf\"", "\"newline\": \"unix\"" },
            { "\"newline\": \"crlf\"", "\"newline\": \"crlf\", \"bom\": 0" },
            { "\"intensity\": 2", "\"intensity\": 4" },
            { "\"intensity\": 2", "\"intensity\": 2, \"evidence\": [{\"start\": 0, \"end\": 5, \"exact\": \"Putim\"}]" },
            { "\"intensity\": 2", "\"intensity\": 2, \"evidence\": [{\"start\": 0, \"end\": 5, \"exact\": \"Putin\"}]" },
            { "\"topic\": \"war\"", "\"topic\": \"\"" },
            { "\"type\": \"entity\", \"entity\": \"e1\"", "\"type\": \"entity\", \"entity\": \"e7\"" },
            { "\"type\": \"entity\", \"entity\": \"e1\"", "\"type\": \"reader\"" },
            { "\"polarity\": \"against\"", "\"polarity\": \"\"" },
            { "\"label\": \"GPE\",\n      \"entity\"", "\"label\": 5,\n      \"entity\"" },
            { "\"future\": ", "\"note\": null, \"future\": " },
            { "\"future\": ", "\"attributes\": [], \"future\": " },
            { "\"start\": 24", "\"start\": 20" },
            { "\"start\": 0,", "\"start\": 0, \"start\": 0," },
            { "\"end\": 5,", "\"end\": 18446744073709551616," },
            { "\"end\": 5,", "\"end\": 5.0," },
            { "\"Kyiv\"\n", "\"Ky\\ud800\"\n" },
            { "\"deep\": ", "\"deep\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[" },
            { "}\n", "}\n[]" },
          };

          for (guint c = 0; c < G_N_ELEMENTS (changes); c++)
            {
              g_autoptr(GString) changed = g_string_new (base->data);

              g_assert_cmpuint (g_string_replace (changed, changes[c][0], changes[c][1], 1), ==, 1);
              compare_readers (base->text, changed->str, changed->len, &tally);
            }
        }

      /* Every change of a few hundred, and changes of changes. */
      for (guint m = 0; m < 150; m++)
        {
          gsize length, length2;
          g_autofree char *mutant = mutate (base->data, base->length, rand, &length);
          g_autofree char *mutant2 = mutate (mutant, length, rand, &length2);

          compare_readers (base->text, mutant, length, &tally);
          compare_readers (base->text, mutant2, length2, &tally);
        }
    }

  g_test_message ("%u sidecars: both readers read %u, refused %u", tally.n_cases, tally.n_read, tally.n_refused);
  /* Both outcomes were exercised. */
  g_assert_cmpuint (tally.n_cases, >=, 1200);
  g_assert_cmpuint (tally.n_read, >, bases->len);
  g_assert_cmpuint (tally.n_refused, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/json-guard/deep-nesting-refused", test_deep_nesting_refused);
  g_test_add_func ("/json-guard/trailing-data-refused", test_trailing_data_refused);
  g_test_add_func ("/json-guard/duplicate-members-refused", test_duplicate_members_refused);
  g_test_add_func ("/json-guard/escapes-checked", test_escapes_checked);
  g_test_add_func ("/json-guard/numbers-out-of-range-refused", test_numbers_out_of_range_refused);
  g_test_add_func ("/json-guard/syntax-strict", test_syntax_strict);
  g_test_add_func ("/json-guard/not-json-quotes-nothing", test_not_json_quotes_nothing);
  g_test_add_func ("/json-guard/mentions-reader-agrees", test_mentions_reader_agrees);

  return g_test_run ();
}

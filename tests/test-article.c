/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-article.h"
#include "test-util.h"

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = test_util_make_temp_dir ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_util_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static GlossatorArticle *
load_ok (Fixture    *fixture,
         const char *name,
         const char *contents,
         gssize      len)
{
  g_autoptr(GFile) file = test_util_write_gfile (fixture->dir, name, contents, len);
  g_autoptr(GError) error = NULL;
  GlossatorArticle *article = glossator_article_load (file, NULL, &error);

  g_assert_no_error (error);
  g_assert_true (GLOSSATOR_IS_ARTICLE (article));
  g_assert_true (g_file_equal (glossator_article_get_file (article), file));
  g_assert_cmpstr (glossator_article_get_display_name (article), ==, g_file_peek_path (file));
  g_assert_nonnull (glossator_article_get_title (article));
  return article;
}

/* Loads and expects @domain/@code with a message "PATH: @message". */
static void
load_error (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      len,
            GQuark      domain,
            int         code,
            const char *message)
{
  g_autoptr(GFile) file = test_util_write_gfile (fixture->dir, name, contents, len);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = glossator_article_load (file, NULL, &error);
  g_autofree char *expected = g_strdup_printf ("%s: %s", g_file_peek_path (file), message);

  g_assert_null (article);
  g_assert_error (error, domain, code);
  g_assert_cmpstr (error->message, ==, expected);
}

static void
assert_text (GlossatorArticle *article,
             const char       *expected)
{
  GlossatorText *text = glossator_article_get_text (article);

  g_assert_nonnull (text);
  g_assert_cmpstr (glossator_text_get_utf8 (text, NULL), ==, expected);
  g_assert_cmpuint (glossator_text_get_length (text), ==, g_utf8_strlen (expected, -1));
}

/* Names */

static void
test_is_article_name (void)
{
  static const struct {
    const char *name;
    gboolean is_article;
  } cases[] = {
    { "a.txt", TRUE },
    { "A.TXT", TRUE },
    { "news.md", TRUE },
    { "news.Markdown", TRUE },
    { "record.json", TRUE },
    { "page.html", TRUE },
    { "page.HTM", TRUE },
    { "\xd0\xbd\xd0\xbe\xd0\xb2\xd0\xbe\xd1\x81\xd1\x82\xd0\xb8.txt", TRUE },
    { "with space.txt", TRUE },
    { "a.txt.annotations.json", FALSE },
    { "a.TXT.Annotations.JSON", FALSE },
    { "a.txt.annotations.json~", FALSE },
    { "glossator-schema.json", FALSE },
    { "Glossator-Schema.json", FALSE },
    { ".hidden.txt", FALSE },
    { ".txt", FALSE },
    { "a.txt~", FALSE },
    { "a.md~", FALSE },
    { "a.pdf", FALSE },
    { "a.ann", FALSE },
    { "a.conll", FALSE },
    { "README", FALSE },
    { "txt", FALSE },
    { "a.txt.bak", FALSE },
    { "a.", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].name);
      g_assert_cmpint (glossator_article_is_article_name (cases[i].name), ==, cases[i].is_article);
    }
}

static void
test_format_for_name (void)
{
  static const struct {
    const char *name;
    gboolean known;
    GlossatorArticleFormat format;
  } cases[] = {
    { "a.txt", TRUE, GLOSSATOR_ARTICLE_FORMAT_TEXT },
    { "a.Txt", TRUE, GLOSSATOR_ARTICLE_FORMAT_TEXT },
    { "a.md", TRUE, GLOSSATOR_ARTICLE_FORMAT_MARKDOWN },
    { "a.MARKDOWN", TRUE, GLOSSATOR_ARTICLE_FORMAT_MARKDOWN },
    { "a.json", TRUE, GLOSSATOR_ARTICLE_FORMAT_JSON },
    { "a.html", TRUE, GLOSSATOR_ARTICLE_FORMAT_HTML },
    { "a.htm", TRUE, GLOSSATOR_ARTICLE_FORMAT_HTML },
    { "a.tar.gz", FALSE, 0 },
    { "a.mdx", FALSE, 0 },
    { "noext", FALSE, 0 },
  };
  static const char *names[] = { "text", "markdown", "json", "html" };
  GlossatorArticleFormat format;
  g_autoptr(GEnumClass) enum_class = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      format = 99;
      g_assert_cmpint (glossator_article_format_for_name (cases[i].name, &format), ==, cases[i].known);
      if (cases[i].known)
        g_assert_cmpint (format, ==, cases[i].format);
    }

  enum_class = g_type_class_ref (GLOSSATOR_TYPE_ARTICLE_FORMAT);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_assert_cmpstr (glossator_article_format_to_string (i), ==, names[i]);
      g_assert_true (glossator_article_format_from_string (names[i], &format));
      g_assert_cmpint (format, ==, i);
      g_assert_cmpstr (g_enum_get_value (enum_class, i)->value_nick, ==, names[i]);
    }
  g_assert_false (glossator_article_format_from_string ("txt", &format));
  g_assert_false (glossator_article_format_from_string ("HTML", NULL));
}

/* Plain text */

static void
test_text_file (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GlossatorArticle) article =
    load_ok (fixture, "crlf.txt",
             "\xef\xbb\xbf\r\n  Kim Jong Un\tmet " FLAG_UA "  \r\n\r\nCafe" ACUTE " \xd9\x82\xd8\xa7\xd9\x84.\r\n", -1);
  GlossatorText *text = glossator_article_get_text (article);
  g_autoptr(GlossatorText) text_prop = NULL;
  g_autofree char *title_prop = NULL;
  GlossatorArticleFormat format_prop;

  g_assert_cmpint (glossator_article_get_format (article), ==, GLOSSATOR_ARTICLE_FORMAT_TEXT);
  assert_text (article, "\r\n  Kim Jong Un\tmet " FLAG_UA "  \r\n\r\nCafe" ACUTE " \xd9\x82\xd8\xa7\xd9\x84.\r\n");
  g_assert_true (glossator_text_has_bom (text));
  g_assert_cmpint (glossator_text_get_newline (text), ==, GLOSSATOR_NEWLINE_CRLF);
  /* First non-empty line, trimmed, white space collapsed */
  g_assert_cmpstr (glossator_article_get_title (article), ==, "Kim Jong Un met " FLAG_UA);
  g_assert_null (glossator_article_get_metadata (article));

  g_object_get (article, "text", &text_prop, "title", &title_prop, "format", &format_prop, NULL);
  g_assert_true (text_prop == text);
  g_assert_cmpstr (title_prop, ==, "Kim Jong Un met " FLAG_UA);
  g_assert_cmpint (format_prop, ==, GLOSSATOR_ARTICLE_FORMAT_TEXT);
}

static void
test_text_titles (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GString) long_line = g_string_new (NULL);
  g_autoptr(GlossatorArticle) empty = load_ok (fixture, "empty.txt", "", 0);
  g_autoptr(GlossatorArticle) blank = load_ok (fixture, "blank.txt", " \n\t\r\n", -1);
  g_autoptr(GlossatorArticle) unknown = load_ok (fixture, "notes.text", "Plain\n", -1);
  g_autoptr(GlossatorArticle) long_article = NULL;
  g_autoptr(GlossatorArticle) emoji_article = NULL;
  g_autoptr(GString) emoji_line = g_string_new (NULL);
  const char *title;
  glong n_chars;

  /* An empty file loads; the title is the file name. */
  assert_text (empty, "");
  g_assert_cmpstr (glossator_article_get_title (empty), ==, "empty.txt");
  g_assert_cmpint (glossator_text_get_newline (glossator_article_get_text (empty)), ==,
                   GLOSSATOR_NEWLINE_NONE);
  g_assert_cmpstr (glossator_article_get_title (blank), ==, "blank.txt");
  g_assert_cmpint (glossator_text_get_newline (glossator_article_get_text (blank)), ==,
                   GLOSSATOR_NEWLINE_MIXED);

  /* Unknown extensions load as plain text. */
  g_assert_cmpint (glossator_article_get_format (unknown), ==, GLOSSATOR_ARTICLE_FORMAT_TEXT);
  g_assert_cmpstr (glossator_article_get_title (unknown), ==, "Plain");

  /* A long first line is cut at a word, with an ellipsis. */
  for (guint i = 0; i < 40; i++)
    g_string_append (long_line, "Kyiv Mo\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 ");
  g_string_append (long_line, "\nsecond line");
  long_article = load_ok (fixture, "long.txt", long_line->str, -1);
  title = glossator_article_get_title (long_article);
  n_chars = g_utf8_strlen (title, -1);
  g_assert_cmpint (n_chars, <=, 121);
  g_assert_cmpint (n_chars, >, 60);
  g_assert_true (g_str_has_suffix (title, "\xd0\xb2\xd0\xb0\xe2\x80\xa6"));
  g_assert_true (g_str_has_prefix (title, "Kyiv Mo\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0 Kyiv"));

  /* Without spaces, the cut never splits a ZWJ sequence. */
  for (guint i = 0; i < 60; i++)
    g_string_append (emoji_line, "a" FAMILY);
  emoji_article = load_ok (fixture, "emoji.txt", emoji_line->str, -1);
  title = glossator_article_get_title (emoji_article);
  g_assert_true (g_str_has_suffix (title, FAMILY "\xe2\x80\xa6") || g_str_has_suffix (title, "a\xe2\x80\xa6"));
  g_assert_cmpint (g_utf8_strlen (title, -1), <=, 121);
}

static void
test_markdown (Fixture       *fixture,
               gconstpointer  data)
{
  static const struct {
    const char *contents;
    const char *title;
  } cases[] = {
    { "Intro line\n\n# Main *Title* #\n\nBody\n", "Main *Title*" },
    { "# Caf" "e" ACUTE " " FLAG_UA "\r\n\r\ntext", "Caf" "e" ACUTE " " FLAG_UA },
    { "## Section\n\ntext\n", "Section" },
    { "\n\n  First line  \nsecond\n", "First line" },
    { "```sh\n# not a heading\n```\n# Real title\n", "Real title" },
    { "---\ntitle: \"Front matter\"\ndate: 2024-01-01\n---\n# Heading\n", "Front matter" },
    { "---\ndate: 2024-01-01\n---\n\nFirst\n", "First" },
    { "#hashtag\n", "#hashtag" },
    { "#\n# \xd9\x82\xd8\xa7\xd9\x84\n", "\xd9\x82\xd8\xa7\xd9\x84" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorArticle) article = load_ok (fixture, "news.md", cases[i].contents, -1);

      g_assert_cmpint (glossator_article_get_format (article), ==, GLOSSATOR_ARTICLE_FORMAT_MARKDOWN);
      /* The text is the file as it is. */
      assert_text (article, cases[i].contents);
      g_assert_cmpstr (glossator_article_get_title (article), ==, cases[i].title);
    }

  {
    g_autoptr(GlossatorArticle) article = load_ok (fixture, "NEWS.MARKDOWN", "", 0);

    g_assert_cmpint (glossator_article_get_format (article), ==, GLOSSATOR_ARTICLE_FORMAT_MARKDOWN);
    g_assert_cmpstr (glossator_article_get_title (article), ==, "NEWS.MARKDOWN");
  }
}

/* Errors */

static void
test_text_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  load_error (fixture, "bad.txt", "Kim Jong Un met \xff", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 16");
  load_error (fixture, "bom.txt", "\xef\xbb\xbf" "Caf\xe9", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 6");
  load_error (fixture, "nul.md", "# T\n\0x", 6,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_BINARY,
              "contains NUL bytes at byte 4; binary files cannot be annotated");
  load_error (fixture, "bad.html", "<p>Caf\xe9</p>", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 6");
  load_error (fixture, "bad-bom.html", "\xef\xbb\xbf<p>Caf\xe9</p>", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 9");
  load_error (fixture, "nul.html", "<p>a\0</p>", 9,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_BINARY,
              "contains NUL bytes at byte 4; binary files cannot be annotated");
  load_error (fixture, "klingon.html", "<meta charset=\"x-klingon\"><p>Qapla'</p>", -1,
              G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
              "unsupported character encoding “x-klingon” in <meta>");
}

static void
test_missing_file (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "missing.txt", NULL);
  g_autofree char *prefix = g_strconcat (path, ": ", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) dir = g_file_new_for_path (fixture->dir);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = glossator_article_load (file, NULL, &error);

  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_clear_error (&error);

  article = glossator_article_load (dir, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_pointer (&prefix, g_free);
  prefix = g_strconcat (fixture->dir, ": ", NULL);
  g_assert_true (g_str_has_prefix (error->message, prefix));
}

/* A sparse file one byte over the limit: refused before it is read. */
static void
test_too_large_file (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GFile) file = test_util_write_gfile (fixture->dir, "huge.txt", "", 0);
  g_autoptr(GFileIOStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autofree char *expected = NULL;

  stream = g_file_open_readwrite (file, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), GLOSSATOR_TEXT_MAX_BYTES + 1, NULL, &error);
  g_assert_no_error (error);
  g_io_stream_close (G_IO_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  article = glossator_article_load (file, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_TOO_LARGE);
  expected = g_strdup_printf ("%s: too large (134217729 bytes); the limit is 128 MiB (134217728 bytes)",
                              g_file_peek_path (file));
  g_assert_cmpstr (error->message, ==, expected);
}

/* JSON news records */

static void
test_json_record (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GlossatorArticle) article =
    load_ok (fixture, "record.json",
             "\xef\xbb\xbf{\"title\": \"Kim meets Putin " FLAG_UA "\", \"body\": \"Kim Jong Un met\\r\\nPutin \\ud83d\\ude00.\","
             " \"url\": \"https:\\/\\/example.org\\/a\", \"date\": \"2024-06-19\","
             " \"authors\": [\"A\", \"\\u0411\"], \"extra\": {\"n\": 1}}\n", -1);
  JsonObject *metadata = glossator_article_get_metadata (article);
  GlossatorText *text = glossator_article_get_text (article);
  g_autoptr(GList) members = NULL;

  g_assert_cmpint (glossator_article_get_format (article), ==, GLOSSATOR_ARTICLE_FORMAT_JSON);
  assert_text (article, "Kim meets Putin " FLAG_UA "\n\nKim Jong Un met\r\nPutin \xf0\x9f\x98\x80.");
  g_assert_cmpint (glossator_text_get_newline (text), ==, GLOSSATOR_NEWLINE_MIXED);
  g_assert_true (glossator_text_has_bom (text));
  g_assert_cmpstr (glossator_article_get_title (article), ==, "Kim meets Putin " FLAG_UA);

  g_assert_nonnull (metadata);
  g_assert_false (json_object_has_member (metadata, "body"));
  g_assert_cmpstr (json_object_get_string_member (metadata, "title"), ==, "Kim meets Putin " FLAG_UA);
  g_assert_cmpstr (json_object_get_string_member (metadata, "url"), ==, "https://example.org/a");
  g_assert_cmpstr (json_object_get_string_member (metadata, "date"), ==, "2024-06-19");
  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (metadata, "authors"), 1),
                   ==, "\xd0\x91");
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (metadata, "extra"), "n"), ==, 1);
  /* Members keep their order. */
  members = json_object_get_members (metadata);
  g_assert_cmpuint (g_list_length (members), ==, 5);
  g_assert_cmpstr (members->data, ==, "title");
  g_assert_cmpstr (g_list_last (members)->data, ==, "extra");
  g_assert_true (json_object_is_immutable (metadata));
}

static void
test_json_variants (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *contents;
    const char *text;
    const char *title;
    const char *kept;     /* a member left in the metadata */
    const char *removed;  /* the member that became the text */
  } cases[] = {
    /* text is preferred over body; body then stays metadata */
    { "{\"title\": \"T\", \"text\": \"X\", \"body\": \"Y\"}", "T\n\nX", "T", "body", "text" },
    /* body only: the title is its first line */
    { "{\"body\": \"\\n First line\\nsecond\", \"url\": \"u\"}", "\n First line\nsecond", "First line", "url", "body" },
    /* title only */
    { "{\"title\": \"Only \\u05e9\\u05dc\\u05d5\\u05dd\"}", "Only \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",
      "Only \xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d", "title", "text" },
    /* null text falls back to body */
    { "{\"title\": \"T\", \"text\": null, \"body\": \"B\"}", "T\n\nB", "T", "text", "body" },
    /* empty title: just the body */
    { "{\"title\": \"\", \"text\": \"Cafe" ACUTE "\"}", "Cafe" ACUTE, "Cafe" ACUTE, "title", "text" },
    /* title with an empty body */
    { "{\"title\": \"T\", \"body\": \"\"}", "T", "T", "title", "body" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorArticle) article = load_ok (fixture, "variant.json", cases[i].contents, -1);
      JsonObject *metadata = glossator_article_get_metadata (article);

      assert_text (article, cases[i].text);
      g_assert_cmpstr (glossator_article_get_title (article), ==, cases[i].title);
      g_assert_false (glossator_text_has_bom (glossator_article_get_text (article)));
      g_assert_true (json_object_has_member (metadata, cases[i].kept));
      g_assert_false (json_object_has_member (metadata, cases[i].removed));
    }

  {
    g_autoptr(GlossatorArticle) article = load_ok (fixture, "empty-strings.json",
                                                   "{\"title\": \"\", \"body\": \"\"}", -1);

    assert_text (article, "");
    g_assert_cmpstr (glossator_article_get_title (article), ==, "empty-strings.json");
  }
}

static void
test_json_errors (Fixture       *fixture,
                  gconstpointer  data)
{
  const char *hint = "a news record is a JSON object with “title” and “text” or “body”";
  g_autofree char *not_object = g_strconcat ("not a news record: the JSON is not an object; ", hint, NULL);
  g_autofree char *no_members = g_strconcat ("not a news record: no “title”, “text” or “body” member; ", hint, NULL);
  g_autofree char *empty = g_strconcat ("empty file; ", hint, NULL);
  g_autoptr(GFile) file = test_util_write_gfile (fixture->dir, "bad.json", "{", -1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = NULL;
  g_autofree char *prefix = g_strconcat (g_file_peek_path (file), ": $: not JSON: ", NULL);

  load_error (fixture, "array.json", "[{\"title\": \"T\"}]", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, not_object);
  load_error (fixture, "string.json", "\"just a string\"", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, not_object);
  load_error (fixture, "meta.json", "{\"url\": \"https://example.org\"}", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, no_members);
  load_error (fixture, "nulls.json", "{\"title\": null, \"text\": null}", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, no_members);
  load_error (fixture, "empty.json", "", 0,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, empty);
  load_error (fixture, "blank.json", "\xef\xbb\xbf \n", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, empty);
  load_error (fixture, "number.json", "{\"title\": 5, \"body\": \"b\"}", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "member “title” is not a string");
  load_error (fixture, "object-body.json", "{\"title\": \"t\", \"body\": {\"p\": \"b\"}}", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "member “body” is not a string");
  /* Lone surrogate escapes, which json-glib lets through or garbles */
  load_error (fixture, "surrogate.json", "{\"title\": \"Kim \\ud83d\", \"body\": \"b\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "member “title” is not valid UTF-8: lone surrogate escape “\\ud83d” at byte 15");
  load_error (fixture, "surrogate-body.json", "{\"title\": \"t\", \"body\": \"\\udc00 x\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "member “body” is not valid UTF-8: lone surrogate escape “\\udc00” at byte 24");
  load_error (fixture, "surrogate-meta.json",
              "{\"title\": \"t\", \"body\": \"b\", \"source\": {\"authors\": [\"A\", \"\\ud800\"]}}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "member “source.authors[1]” is not valid UTF-8: lone surrogate escape “\\ud800” at byte 57");
  load_error (fixture, "surrogate-name.json", "{\"t\\udc00\": \"x\", \"body\": \"b\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "a member name is not valid UTF-8: lone surrogate escape “\\udc00” at byte 3");
  load_error (fixture, "surrogate-nested-name.json", "{\"body\": \"b\", \"m\": {\"\\ud83dx\": 1}}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "a member name in “m” is not valid UTF-8: lone surrogate escape “\\ud83d” at byte 21");
  /* A low surrogate before a high one is no pair either. */
  load_error (fixture, "reversed-pair.json", "{\"body\": \"\\ude00\\ud83d\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8,
              "member “body” is not valid UTF-8: lone surrogate escape “\\ude00” at byte 10");
  /* json-glib would cut the string there. */
  load_error (fixture, "nul-escape.json", "{\"body\": \"a\\u0000b\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_BINARY,
              "member “body” contains the escape “\\u0000” at byte 11; NUL characters cannot be annotated");
  /* Raw invalid UTF-8 and NUL bytes, named by byte */
  load_error (fixture, "raw.json", "{\"title\": \"Caf\xe9\"}", -1,
              GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8, "invalid UTF-8 at byte 14");
  /* JSON Lines is not one record */
  load_error (fixture, "lines.json", "{\"title\": \"a}\\\"{\"}\n{\"title\": \"b\"}\n", -1,
              G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
              "unexpected data after the JSON object at byte 19 "
              "(one news record per file; JSON Lines files must be split)");

  /* Syntax errors say where, never quoting the file (json-glib's would). */
  article = glossator_article_load (file, NULL, &error);
  g_assert_null (article);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_true (g_str_has_prefix (error->message, prefix));
  g_assert_cmpuint (strlen (error->message), >, strlen (prefix));
}

/* HTML */

static const char html_page[] =
  "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">\n"
  "<title> Kim   Jong Un &amp; Putin </title>\n"
  "<style>p { color: red }</style>\n"
  "<script>var x = \"<p>not text</p>\";</script>\n"
  "</head>\n<body>\n"
  "<header><nav>Home | World</nav></header>\n"
  "<h1>Kim meets Putin</h1>\n"
  "<p>Caf&eacute; &ndash; <b>bold</b>\n   and\t<i>italic</i>  text.</p>\n"
  "<div>line one<br>line two</div>\n"
  "<ul>\n  <li>one</li>\n  <li>two\n    <ul><li>nested</li></ul></li>\n</ul>\n"
  "<noscript>Enable JavaScript</noscript>\n"
  "<template><p>template</p></template>\n"
  "<p hidden>secret</p>\n"
  "<pre>\n  code  line\n    indented</pre>\n"
  "<table><tr><th>Name</th><th>Country</th></tr>\n<tr><td>Kyiv</td> <td>" FLAG_UA "</td></tr></table>\n"
  "<blockquote><p>\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80 " FAMILY
  " \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7</p></blockquote>\n"
  "<p></p><p>   </p>\n"
  "<p>a<br><br><br>b</p>\n"
  "<footer>&copy; 2024</footer>\n"
  "</body></html>\n";

static const char html_text[] =
  "Home | World\n"
  "\n"
  "Kim meets Putin\n"
  "\n"
  "Caf\xc3\xa9 \xe2\x80\x93 bold and italic text.\n"
  "\n"
  "line one\n"
  "line two\n"
  "\n"
  "one\n"
  "two\n"
  "nested\n"
  "\n"
  "  code  line\n"
  "    indented\n"
  "\n"
  "Name\tCountry\n"
  "Kyiv\t" FLAG_UA "\n"
  "\n"
  "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82, \xd0\xbc\xd0\xb8\xd1\x80 " FAMILY
  " \xd9\x85\xd8\xb1\xd8\xad\xd8\xa8\xd8\xa7\n"
  "\n"
  "a\n"
  "\n"
  "b\n"
  "\n"
  "\xc2\xa9 2024";

static void
test_html (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GlossatorArticle) article = load_ok (fixture, "page.html", html_page, -1);
  g_autoptr(GlossatorArticle) again = load_ok (fixture, "page.htm", html_page, -1);
  g_autoptr(GBytes) bytes = g_bytes_new_static (html_page, strlen (html_page));
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) from_bytes = NULL;
  GlossatorText *text = glossator_article_get_text (article);

  g_assert_cmpint (glossator_article_get_format (article), ==, GLOSSATOR_ARTICLE_FORMAT_HTML);
  assert_text (article, html_text);
  g_assert_cmpstr (glossator_article_get_title (article), ==, "Kim Jong Un & Putin");
  g_assert_cmpint (glossator_text_get_newline (text), ==, GLOSSATOR_NEWLINE_LF);
  g_assert_false (glossator_text_has_bom (text));
  g_assert_null (glossator_article_get_metadata (article));

  /* Deterministic: the same text, hence the same hash, every time. */
  g_assert_cmpstr (glossator_text_get_sha256 (glossator_article_get_text (again)), ==,
                   glossator_text_get_sha256 (text));
  from_bytes = glossator_article_new_from_bytes (NULL, "page.html", GLOSSATOR_ARTICLE_FORMAT_HTML,
                                                 bytes, &error);
  g_assert_no_error (error);
  assert_text (from_bytes, html_text);
}

static void
test_html_variants (Fixture       *fixture,
                    gconstpointer  data)
{
  static const struct {
    const char *contents;
    const char *text;
    const char *title;
  } cases[] = {
    /* No <title>: the first <h1> */
    { "<body><p>Intro</p><h1> Main\n heading </h1><p>x</p>", "Intro\n\nMain heading\n\nx", "Main heading" },
    /* An SVG's <title> is neither text nor the page's title. */
    { "<body><p><svg><title>icon</title><text>1</text></svg></p><h1>Head</h1></body>", "Head", "Head" },
    /* Neither: the first line */
    { "just text &amp; more<br>second", "just text & more\nsecond", "just text & more" },
    /* Nothing at all: the file name */
    { "", "", "frag.html" },
    { "<html><head><title></title></head><body> </body></html>", "", "frag.html" },
    /* White space between inline elements is one space. */
    { "<p><b>Kim</b> <i>Jong</i>\n\n<span>Un</span></p>", "Kim Jong Un", "Kim Jong Un" },
    /* No white space, no space */
    { "<p><b>Ky</b><i>iv</i></p>", "Kyiv", "Kyiv" },
    /* Non-breaking spaces are text. */
    { "<p>a&nbsp;&nbsp;b</p>", "a\xc2\xa0\xc2\xa0" "b", "a b" },
    /* Entities, numeric and named */
    { "<p>&#x1F600; &#233; &lt;tag&gt; &quot;q&quot; &eacute;</p>",
      "\xf0\x9f\x98\x80 \xc3\xa9 <tag> \"q\" \xc3\xa9", "\xf0\x9f\x98\x80 \xc3\xa9 <tag> \"q\" \xc3\xa9" },
    /* CRLF in the source is white space; in <pre> a newline */
    { "<p>a\r\nb</p><pre>c\r\nd\re</pre>", "a b\n\nc\nd\ne", "a b" },
    /* The declared encoding */
    { "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
      "<p>\xcf\xf0\xe8\xe2\xe5\xf2</p>", "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82",
      "\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82" },
    { "<meta charset=iso-8859-1><p>Caf\xe9 \x93q\x94</p>",
      "Caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d", "Caf\xc3\xa9 \xe2\x80\x9cq\xe2\x80\x9d" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GlossatorArticle) article = load_ok (fixture, "frag.html", cases[i].contents, -1);

      g_test_message ("case %u", i);
      assert_text (article, cases[i].text);
      g_assert_cmpstr (glossator_article_get_title (article), ==, cases[i].title);
    }

  /* A BOM is recorded and wins over a <meta>. */
  {
    g_autoptr(GlossatorArticle) article =
      load_ok (fixture, "bom.html", "\xef\xbb\xbf<meta charset=windows-1251><p>\xd0\x96</p>", -1);

    assert_text (article, "\xd0\x96");
    g_assert_true (glossator_text_has_bom (glossator_article_get_text (article)));
  }
}

/* In-memory and async loading */

static void
test_new_from_bytes (void)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static ("Caf\xe9", 4);
  g_autoptr(GBytes) good = g_bytes_new_static ("# Title\n", 8);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorArticle) article = NULL;

  article = glossator_article_new_from_bytes (NULL, "pasted text", GLOSSATOR_ARTICLE_FORMAT_TEXT,
                                              bytes, &error);
  g_assert_null (article);
  g_assert_error (error, GLOSSATOR_TEXT_ERROR, GLOSSATOR_TEXT_ERROR_INVALID_UTF8);
  g_assert_cmpstr (error->message, ==, "pasted text: invalid UTF-8 at byte 3");
  g_clear_error (&error);

  article = glossator_article_new_from_bytes (NULL, "/x/a.md", GLOSSATOR_ARTICLE_FORMAT_MARKDOWN,
                                              good, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_article_get_file (article));
  g_assert_cmpstr (glossator_article_get_display_name (article), ==, "/x/a.md");
  g_assert_cmpstr (glossator_article_get_title (article), ==, "Title");
  g_clear_object (&article);

  article = glossator_article_new_from_bytes (NULL, "/x/empty.md", GLOSSATOR_ARTICLE_FORMAT_MARKDOWN,
                                              empty, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_article_get_title (article), ==, "empty.md");
}

typedef struct {
  GMainLoop *loop;
  GlossatorArticle *article;
  GError *error;
} AsyncData;

static void
load_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *async = user_data;

  g_assert_null (source);
  async->article = glossator_article_load_finish (result, &async->error);
  g_main_loop_quit (async->loop);
}

static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GFile) file = test_util_write_gfile (fixture->dir, "async.json",
                                                 "{\"title\": \"Async " FAMILY "\", \"text\": \"Body\"}", -1);
  g_autoptr(GFile) dir = g_file_get_parent (file);
  g_autoptr(GFile) missing = g_file_get_child (dir, "missing.html");
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *prefix = NULL;
  AsyncData async = { loop, NULL, NULL };

  glossator_article_load_async (file, NULL, load_cb, &async);
  g_main_loop_run (loop);
  g_assert_no_error (async.error);
  g_assert_true (GLOSSATOR_IS_ARTICLE (async.article));
  assert_text (async.article, "Async " FAMILY "\n\nBody");
  g_assert_cmpstr (glossator_article_get_title (async.article), ==, "Async " FAMILY);
  g_clear_object (&async.article);

  glossator_article_load_async (missing, NULL, load_cb, &async);
  g_main_loop_run (loop);
  g_assert_null (async.article);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  prefix = g_strconcat (g_file_peek_path (missing), ": ", NULL);
  g_assert_true (g_str_has_prefix (async.error->message, prefix));
  g_clear_error (&async.error);

  g_cancellable_cancel (cancellable);
  glossator_article_load_async (file, cancellable, load_cb, &async);
  g_main_loop_run (loop);
  g_assert_null (async.article);
  g_assert_error (async.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_pointer (&prefix, g_free);
  prefix = g_strconcat (g_file_peek_path (file), ": ", NULL);
  g_assert_true (g_str_has_prefix (async.error->message, prefix));
  g_clear_error (&async.error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/article/is-article-name", test_is_article_name);
  g_test_add_func ("/article/format-for-name", test_format_for_name);
  ADD ("/article/text/file", test_text_file);
  ADD ("/article/text/titles", test_text_titles);
  ADD ("/article/markdown", test_markdown);
  ADD ("/article/errors/text", test_text_errors);
  ADD ("/article/errors/missing-file", test_missing_file);
  ADD ("/article/errors/too-large", test_too_large_file);
  ADD ("/article/json/record", test_json_record);
  ADD ("/article/json/variants", test_json_variants);
  ADD ("/article/json/errors", test_json_errors);
  ADD ("/article/html/page", test_html);
  ADD ("/article/html/variants", test_html_variants);
  g_test_add_func ("/article/new-from-bytes", test_new_from_bytes);
  ADD ("/article/async", test_async);

#undef ADD

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "glossator-article.h"
#include "glossator-atomic-file.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* BOM-less text with CRLF, a ZWJ family, a flag, NFD, a tab and RTL. */
static const char *article =
  "👩‍👩‍👧 Zoë Ó Briain met Kim Jong Un in Gdańsk.\r\n"
  "🇺🇦\tCafe\u0301 owners said “no” to the plan.\r\n"
  "ليلى حداد criticised Kim.\r\n";

/* A document using every part of the model. */
static GlossatorDocument *
make_document (GlossatorText *text)
{
  GlossatorDocument *doc = glossator_document_new (text);
  g_autoptr(GlossatorMention) zoe = test_util_tag (doc, "Zoë Ó Briain", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) kim2 = test_util_tag (doc, "Kim", 1, "PERSON", kim->entity_id);
  g_autoptr(GlossatorMention) gdansk = test_util_tag (doc, "Gdańsk", 0, "GPE", NULL);
  g_autoptr(GlossatorMention) laila = test_util_tag (doc, "ليلى حداد", 0, "PERSON", NULL);
  g_autoptr(GlossatorStance) s1 = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorStance) s2 = glossator_stance_new ("s2", "favor");
  g_autoptr(GlossatorEntity) named = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  guint starts[2], ends[2];
  g_autoptr(GlossatorMention) split = NULL;

  starts[0] = test_util_text_offset (text, "Cafe\u0301", 0);
  ends[0] = starts[0] + 5;
  starts[1] = test_util_text_offset (text, "owners", 0);
  ends[1] = starts[1] + 6;
  split = glossator_document_create_mention (doc, "NORP", starts, ends, 2, NULL, NULL);

  named = glossator_entity_copy (glossator_document_get_entity (doc, gdansk->entity_id));
  glossator_entity_set_kb_id (named, "Q1792");
  glossator_entity_set_note (named, "city in Poland");
  glossator_document_put_entity (doc, named);

  glossator_stance_set_holder (s1, GLOSSATOR_HOLDER_ENTITY, laila->entity_id);
  glossator_stance_set_target (s1, GLOSSATOR_TARGET_ENTITY, kim->entity_id);
  glossator_stance_set_intensity (s1, 2);
  glossator_span_set_quote (glossator_stance_add_evidence (s1, test_util_text_offset (text, "ليلى", 0),
                                                           test_util_text_offset (text, "Kim.", 0) + 3), text);
  json_object_set_boolean_member (attributes, "reported_speech", TRUE);
  glossator_stance_set_attributes (s1, attributes);
  glossator_document_put_stance (doc, s1);

  glossator_stance_set_holder (s2, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (s2, GLOSSATOR_TARGET_TOPIC, "the plan");
  glossator_stance_set_note (s2, "tone of the headline");
  glossator_document_put_stance (doc, s2);

  glossator_document_set_status (doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_annotator (doc, "Łukasz");
  glossator_document_set_notes (doc, "Tab\there, quote \" and backslash \\");

  return doc;
}

static GlossatorDocument *
parse (GlossatorText *text,
       GBytes        *bytes,
       GPtrArray     *problems,
       GError       **error)
{
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  return glossator_sidecar_parse (text, "a.txt.annotations.json", data, length, NULL, problems, error);
}

static void
test_round_trip (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GBytes) first = glossator_sidecar_serialize (doc, "a.txt");
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  GlossatorStance *s1;
  GlossatorMention *m;

  again = parse (text, first, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_false (glossator_document_get_modified (again));

  g_assert_cmpuint (glossator_document_get_n_mentions (again), ==, 6);
  g_assert_cmpuint (glossator_document_get_n_entities (again), ==, 5);
  g_assert_cmpuint (glossator_document_get_n_stances (again), ==, 2);
  g_assert_cmpint (glossator_document_get_status (again), ==, GLOSSATOR_STATUS_IN_PROGRESS);
  g_assert_cmpstr (glossator_document_get_annotator (again), ==, "Łukasz");

  s1 = glossator_document_get_stance (again, "s1");
  g_assert_cmpint (s1->holder_kind, ==, GLOSSATOR_HOLDER_ENTITY);
  g_assert_cmpuint (s1->intensity, ==, 2);
  g_assert_true (json_object_get_boolean_member (s1->attributes, "reported_speech"));
  g_assert_cmpint (glossator_document_get_stance (again, "s2")->target_kind, ==, GLOSSATOR_TARGET_TOPIC);
  g_assert_cmpstr (glossator_document_get_stance (again, "s2")->target, ==, "the plan");

  m = glossator_document_get_mention (again, "m6");
  g_assert_cmpuint (m->n_fragments, ==, 2);
  g_assert_cmpstr (m->fragments[0].exact, ==, "Cafe\u0301");

  /* Deterministic: the same bytes again. */
  second = glossator_sidecar_serialize (again, "a.txt");
  g_assert_true (g_bytes_equal (first, second));
}

static void
test_format_members (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (doc, "a.txt");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root, *art;
  JsonArray *mentions;
  g_autoptr(GList) members = NULL;
  gsize length;
  const char *data = g_bytes_get_data (bytes, &length);

  g_assert_true (data[length - 1] == '\n');
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "glossator-sidecar");
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 1);
  g_assert_cmpstr (json_object_get_string_member (root, "offset_unit"), ==, "codepoint");
  members = json_object_get_members (root);
  g_assert_cmpstr (members->data, ==, "format");
  g_assert_cmpstr (g_list_nth_data (members, 3), ==, "article");

  art = json_object_get_object_member (root, "article");
  g_assert_cmpstr (json_object_get_string_member (art, "sha256"), ==, glossator_text_get_sha256 (text));
  g_assert_cmpint (json_object_get_int_member (art, "length"), ==, glossator_text_get_length (text));
  g_assert_cmpstr (json_object_get_string_member (art, "newline"), ==, "crlf");
  g_assert_false (json_object_get_boolean_member (art, "bom"));

  /* Sorted by position. */
  mentions = json_object_get_array_member (root, "mentions");
  for (guint i = 1; i < json_array_get_length (mentions); i++)
    {
      JsonObject *a = json_array_get_object_element (mentions, i - 1);
      JsonObject *b = json_array_get_object_element (mentions, i);
      JsonObject *fa = json_array_get_object_element (json_object_get_array_member (a, "fragments"), 0);
      JsonObject *fb = json_array_get_object_element (json_object_get_array_member (b, "fragments"), 0);

      g_assert_cmpint (json_object_get_int_member (fa, "start"), <=, json_object_get_int_member (fb, "start"));
    }
}

static const char *unknown_members_json =
  "{\"format\": \"glossator-sidecar\", \"version\": 1, \"offset_unit\": \"codepoint\","
  " \"x_top\": {\"nested\": [1, \"two\", null]},"
  " \"article\": {\"sha256\": \"@SHA@\", \"length\": @LEN@, \"x_article\": true},"
  " \"document\": {\"status\": \"done\", \"x_doc\": \"kept\"},"
  " \"entities\": [{\"id\": \"e1\", \"name\": \"Kim\", \"label\": \"PERSON\", \"x_entity\": 1.5}],"
  " \"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"x_mention\": [],"
  "   \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@, \"exact\": \"Kim\", \"x_span\": \"s\"}]}],"
  " \"stances\": [{\"id\": \"s1\", \"holder\": {\"type\": \"author\", \"x_holder\": 1},"
  "   \"target\": {\"type\": \"entity\", \"entity\": \"e1\", \"x_target\": 2}, \"polarity\": \"neutral\","
  "   \"x_stance\": {\"a\": \"b\"}}],"
  " \"x_last\": \"z\"}";

static char *
fill_template (const char    *template,
               GlossatorText *text)
{
  guint kim = test_util_text_offset (text, "Kim", 0);
  g_autofree char *len = g_strdup_printf ("%u", glossator_text_get_length (text));
  g_autofree char *start = g_strdup_printf ("%u", kim);
  g_autofree char *end = g_strdup_printf ("%u", kim + 3);
  g_autoptr(GString) str = g_string_new (template);

  g_string_replace (str, "@SHA@", glossator_text_get_sha256 (text), 0);
  g_string_replace (str, "@LEN@", len, 0);
  g_string_replace (str, "@KIMEND@", end, 0);
  g_string_replace (str, "@KIM@", start, 0);

  return g_string_free (g_steal_pointer (&str), FALSE);
}

static void
test_unknown_members_survive (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autofree char *json = fill_template (unknown_members_json, text);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GBytes) out = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GList) members = NULL;
  JsonObject *root, *stance;
  const char *data;
  gsize length;

  doc = glossator_sidecar_parse (text, "x.json", json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);

  /* An edit elsewhere must not disturb them. */
  glossator_document_set_status (doc, GLOSSATOR_STATUS_TODO);
  out = glossator_sidecar_serialize (doc, "a.txt");
  data = g_bytes_get_data (out, &length);
  g_assert_true (json_parser_load_from_data (parser, data, length, NULL));
  root = json_node_get_object (json_parser_get_root (parser));

  g_assert_cmpstr (json_array_get_string_element (json_object_get_array_member (
                     json_object_get_object_member (root, "x_top"), "nested"), 1), ==, "two");
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (root, "article"), "x_article"));
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "document"), "x_doc"), ==, "kept");
  g_assert_cmpfloat (json_object_get_double_member (
                       json_array_get_object_element (json_object_get_array_member (root, "entities"), 0),
                       "x_entity"), ==, 1.5);
  g_assert_true (json_object_has_member (
                   json_array_get_object_element (json_object_get_array_member (root, "mentions"), 0),
                   "x_mention"));
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_object_get_array_member (
                       json_array_get_object_element (json_object_get_array_member (root, "mentions"), 0),
                       "fragments"), 0), "x_span"), ==, "s");
  stance = json_array_get_object_element (json_object_get_array_member (root, "stances"), 0);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stance, "holder"), "x_holder"), ==, 1);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (stance, "target"), "x_target"), ==, 2);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (stance, "x_stance"), "a"), ==, "b");

  /* Unknown top-level members come after the known ones, in file order. */
  members = json_object_get_members (root);
  g_assert_cmpstr (g_list_nth_data (members, g_list_length (members) - 2), ==, "x_top");
  g_assert_cmpstr (g_list_last (members)->data, ==, "x_last");
}

typedef struct {
  const char *name;
  const char *json;       /* @SHA@, @LEN@, @KIM@, @KIMEND@ are filled in */
  int         code;
  const char *expected;   /* substring of the error message */
} Corrupt;

#define HEAD "{\"format\": \"glossator-sidecar\", \"version\": 1, " \
             "\"article\": {\"sha256\": \"@SHA@\", \"length\": @LEN@}, "
#define ENTITY "\"entities\": [{\"id\": \"e1\", \"name\": \"Kim\", \"label\": \"PERSON\"}], "

static const Corrupt corrupt_cases[] = {
  { "bad-json", "{\"format\": \"glossator-sidecar\", ", GLOSSATOR_SIDECAR_ERROR_UNREADABLE, "$: not JSON: unexpected end of the data at line 1, column 33" },
  { "not-object", "[1, 2]", GLOSSATOR_SIDECAR_ERROR_INVALID, "$: expected a JSON object at the top, found an array" },
  { "wrong-format", "{\"format\": \"brat\", \"version\": 1}", GLOSSATOR_SIDECAR_ERROR_INVALID, "$.format: “brat” is not a Glossator sidecar" },
  { "newer-version", "{\"format\": \"glossator-sidecar\", \"version\": 2}", GLOSSATOR_SIDECAR_ERROR_NEWER_VERSION, "$.version: format version 2" },
  { "missing-sha", "{\"format\": \"glossator-sidecar\", \"version\": 1, \"article\": {\"length\": 3}}", GLOSSATOR_SIDECAR_ERROR_INVALID, "$.article.sha256: missing" },
  { "bad-sha", "{\"format\": \"glossator-sidecar\", \"version\": 1, \"article\": {\"sha256\": \"ABC\", \"length\": 3}}", GLOSSATOR_SIDECAR_ERROR_INVALID, "$.article.sha256: expected 64 lower-case" },
  { "wrong-length", "{\"format\": \"glossator-sidecar\", \"version\": 1, \"article\": {\"sha256\": \"@SHA@\", \"length\": 3}}", GLOSSATOR_SIDECAR_ERROR_INVALID, "$.article.length: 3 does not match" },
  { "wrong-type", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": \"0\", \"end\": 3}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].start: expected a whole number, found a string" },
  { "float-offset", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": 1.5, \"end\": 3}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].start: expected a whole number, found a number" },
  { "reversed", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": 9, \"end\": 3}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0]: reversed span: end 3 is before start 9" },
  { "out-of-range", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": 9, \"end\": 9999}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].end: 9999 is past the end of the text" },
  { "negative", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": -1, \"end\": 3}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].start: -1 is out of range" },
  { "dangling-entity", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e9\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].entity: no entity “e9”" },
  { "duplicate-id", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@}]},"
                                               "{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[1].id: duplicate id “m1” (first used at $.mentions[0])" },
  { "no-fragments", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": []}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments: a mention needs at least one fragment" },
  { "exact-mismatch", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@, \"exact\": \"Kam\"}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].exact: does not match the text" },
  { "entity-id-object", HEAD "\"entities\": [{\"id\": {\"x\": 1}, \"name\": \"Kim\"}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.entities[0].id: expected a string, found an object" },
  { "lone-surrogate", HEAD "\"entities\": [{\"id\": \"e1\", \"name\": \"K\\ud800m\", \"label\": \"PERSON\"}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.entities[0].name: invalid \\u escape: lone surrogate U+D800 at line 1, column " },
  { "lone-surrogate-attribute", HEAD "\"entities\": [{\"id\": \"e1\", \"name\": \"Kim\", \"attributes\": {\"x\": [\"\\ud83dx\"]}}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.entities[0].attributes.x[0]: invalid \\u escape: lone surrogate U+D83D at line 1, column " },
  { "holder-missing-entity", HEAD ENTITY "\"stances\": [{\"id\": \"s1\", \"holder\": {\"type\": \"entity\", \"entity\": \"e7\"}, \"target\": {\"type\": \"topic\", \"topic\": \"x\"}, \"polarity\": \"favor\"}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.stances[0].holder.entity: no entity “e7”" },
  { "bad-intensity", HEAD ENTITY "\"stances\": [{\"id\": \"s1\", \"holder\": {\"type\": \"author\"}, \"target\": {\"type\": \"topic\", \"topic\": \"x\"}, \"polarity\": \"favor\", \"intensity\": 4}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.stances[0].intensity: 4 is not an intensity" },
  { "bad-holder-type", HEAD ENTITY "\"stances\": [{\"id\": \"s1\", \"holder\": {\"type\": \"reader\"}, \"target\": {\"type\": \"topic\", \"topic\": \"x\"}, \"polarity\": \"favor\"}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.stances[0].holder.type: unknown holder type “reader”" },
  /* Found before json-glib reads a byte (glossator_json_guard()). */
  { "trailing-data", HEAD ENTITY "\"mentions\": []}\n{\"mentions\": []}", GLOSSATOR_SIDECAR_ERROR_UNREADABLE,
    "$: not JSON: data after the end of the JSON value at line 2, column 1" },
  { "duplicate-member", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@, \"start\": 0}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].start: duplicate member name at line 1, column " },
  { "offset-2-64", HEAD ENTITY "\"mentions\": [{\"id\": \"m1\", \"label\": \"PERSON\", \"entity\": \"e1\", \"fragments\": [{\"start\": 18446744073709551616, \"end\": 3}]}]}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.mentions[0].fragments[0].start: the number 18446744073709551616 is out of range" },
  { "deep-brackets", HEAD "\"x\": [[[[[[[[[[[[[[[[[[[[", GLOSSATOR_SIDECAR_ERROR_UNREADABLE,
    "$.x[0][0][0][0][0][0][0]…[0][0][0]: not JSON: unexpected end of the data" },
  { "bad-status", HEAD "\"document\": {\"status\": \"finished\"}}",
    GLOSSATOR_SIDECAR_ERROR_INVALID, "$.document.status: unknown status “finished”" },
};

static void
test_corrupt (gconstpointer data)
{
  const Corrupt *c = data;
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autofree char *json = fill_template (c->json, text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;

  doc = glossator_sidecar_parse (text, "/corpus/a.txt.annotations.json", json, strlen (json),
                                 NULL, problems, &error);
  g_assert_null (doc);
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, c->code);
  g_assert_true (g_str_has_prefix (error->message, "/corpus/a.txt.annotations.json: "));
  if (strstr (error->message, c->expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, c->expected);
  g_assert_cmpuint (problems->len, >=, 1);
  g_assert_cmpint (((GlossatorProblem *) problems->pdata[0])->severity, ==, GLOSSATOR_PROBLEM_ERROR);
}

static char *
deep_object (guint       depth,
             const char *leaf)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < depth; i++)
    g_string_append (out, "{\"a\": ");
  g_string_append (out, leaf);
  for (guint i = 0; i < depth; i++)
    g_string_append_c (out, '}');
  return g_string_free (out, FALSE);
}

/* Attributes and unknown members of any depth up to the limit load and
 * are written back as they were (the path stack once held 16 levels). */
static void
test_deep_free_form_members_round_trip (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GBytes) plain = glossator_sidecar_serialize (doc, "a.txt");
  g_autofree char *deep17 = deep_object (17, "[1, \"x\", null]");
  g_autofree char *deep500 = deep_object (500, "\"leaf\"");
  g_autofree char *deep510 = deep_object (510, "true");
  g_autoptr(GString) json = g_string_new_len (g_bytes_get_data (plain, NULL), g_bytes_get_size (plain));
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GBytes) written = NULL;
  g_autoptr(GBytes) rewritten = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;

  /* Nested in the document's attributes, a mention's and an unknown
   * top-level member. */
  g_assert_cmpuint (g_string_replace (json, "\"attributes\": {", "\"attributes\": {\"deep\": @17@, ", 1), ==, 1);
  g_string_replace (json, "@17@", deep17, 1);
  g_assert_cmpuint (g_string_replace (json, "\"mentions\": [\n    {", "\"mentions\": [\n    {\"future\": @500@, ", 1), ==, 1);
  g_string_replace (json, "@500@", deep500, 1);
  g_assert_cmpuint (g_string_replace (json, "\"format\": ", "\"future\": @510@, \"format\": ", 1), ==, 1);
  g_string_replace (json, "@510@", deep510, 1);

  loaded = glossator_sidecar_parse (text, "deep.json", json->str, json->len, NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (loaded);
  g_assert_cmpuint (problems->len, ==, 0);

  written = glossator_sidecar_serialize (loaded, "a.txt");
  again = glossator_sidecar_parse (text, "deep.json", g_bytes_get_data (written, NULL), g_bytes_get_size (written),
                                   NULL, NULL, &error);
  g_assert_no_error (error);
  rewritten = glossator_sidecar_serialize (again, "a.txt");
  g_assert_true (g_bytes_equal (written, rewritten));

  /* Every level is still there, down to the leaves. */
  g_assert_nonnull (strstr (g_bytes_get_data (written, NULL), "\"leaf\""));
  {
    g_autofree char *copy = g_strndup (g_bytes_get_data (written, NULL), g_bytes_get_size (written));
    g_autoptr(JsonNode) root = json_from_string (copy, &error);
    JsonObject *node;

    g_assert_no_error (error);
    node = json_object_get_object_member (json_node_get_object (root), "future");
    for (guint i = 1; i < 510; i++)
      node = json_object_get_object_member (node, "a");
    g_assert_true (json_object_get_boolean_member (node, "a"));
  }
}

static void
test_invalid_utf8_bytes (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  const char data[] = "{\"format\": \"glossator-sidecar\xff\"}";
  g_autoptr(GError) error = NULL;

  g_assert_null (glossator_sidecar_parse (text, "b.json", data, sizeof data - 1, NULL, NULL, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_UNREADABLE);
  g_assert_nonnull (strstr (error->message, "b.json: $.format: not UTF-8: invalid byte at line 1, column 30 (byte offset 29)"));
}

/* Every problem is reported, not only the first. */
static void
test_all_problems_reported (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  const char *json = HEAD "\"mentions\": [{\"id\": \"m1\", \"label\": 3, \"entity\": \"e1\", \"fragments\": [{\"start\": 0, \"end\": 2}]},"
                               "{\"id\": \"\", \"label\": \"X\", \"entity\": \"e2\", \"fragments\": [{\"start\": 5, \"end\": 1}]}]}";
  g_autofree char *filled = fill_template (json, text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GString) all = g_string_new (NULL);

  g_assert_null (glossator_sidecar_parse (text, "c.json", filled, strlen (filled), NULL, problems, NULL));
  for (guint i = 0; i < problems->len; i++)
    {
      g_autofree char *line = glossator_problem_to_string (problems->pdata[i]);
      g_string_append_printf (all, "%s\n", line);
    }
  g_assert_nonnull (strstr (all->str, "error: $.mentions[0].label: expected a string, found a number"));
  g_assert_nonnull (strstr (all->str, "error: $.mentions[0].entity: no entity “e1”"));
  g_assert_nonnull (strstr (all->str, "error: $.mentions[1].id: an id must not be empty"));
  g_assert_nonnull (strstr (all->str, "error: $.mentions[1].entity: no entity “e2”"));
}

static GlossatorSchema *
default_schema (void)
{
  return glossator_schema_new_default ();
}

static void
test_unknown_labels_kept (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorSchema) schema = default_schema ();
  const char *json = HEAD "\"entities\": [{\"id\": \"e1\", \"name\": \"Kim\", \"label\": \"DICTATOR\"}],"
                          "\"mentions\": [{\"id\": \"m1\", \"label\": \"DICTATOR\", \"entity\": \"e1\", \"fragments\": [{\"start\": @KIM@, \"end\": @KIMEND@}]}],"
                          "\"stances\": [{\"id\": \"s1\", \"holder\": {\"type\": \"unspecified\"}, \"target\": {\"type\": \"entity\", \"entity\": \"e1\"}, \"polarity\": \"sceptical\"}]}";
  g_autofree char *filled = fill_template (json, text);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autofree char *first = NULL, *second = NULL;

  doc = glossator_sidecar_parse (text, "d.json", filled, strlen (filled), schema, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_document_get_mention (doc, "m1")->label, ==, "DICTATOR");
  g_assert_cmpstr (glossator_document_get_stance (doc, "s1")->polarity, ==, "sceptical");
  g_assert_cmpuint (problems->len, ==, 2);
  first = glossator_problem_to_string (problems->pdata[0]);
  second = glossator_problem_to_string (problems->pdata[1]);
  g_assert_cmpstr (first, ==, "warning: $.entities[0]: label “DICTATOR” is not in the label schema; it is kept");
  g_assert_cmpstr (second, ==, "warning: $.stances[0]: polarity “sceptical” is not in the label schema; it is kept");
}

/* The text changed since the sidecar was written: spans before the edit
 * keep their offsets, spans after it move, a span whose text vanished is
 * kept and marked orphaned. */
static void
test_reanchor (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (doc, "a.txt");
  g_autoptr(GString) edited = g_string_new (article);
  g_autoptr(GlossatorText) new_text = NULL;
  g_autoptr(GlossatorDocument) again = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GError) error = NULL;
  GlossatorMention *kim, *gdansk, *zoe;
  guint old_kim = glossator_document_get_mention (doc, "m2")->fragments[0].start;

  /* Insert before "Kim Jong Un", delete "Gdańsk" from the same line. */
  g_string_replace (edited, "met Kim", "met North Korea’s leader Kim", 1);
  g_string_replace (edited, "Gdańsk", "", 1);
  new_text = test_util_text_new (edited->str);

  again = parse (new_text, bytes, problems, &error);
  g_assert_no_error (error);
  g_assert_true (glossator_document_get_modified (again));

  zoe = glossator_document_get_mention (again, "m1");
  g_assert_false (zoe->fragments[0].orphaned);
  g_assert_true (glossator_text_slice_equals (new_text, zoe->fragments[0].start, zoe->fragments[0].end, "Zoë Ó Briain"));

  kim = glossator_document_get_mention (again, "m2");
  g_assert_cmpuint (kim->fragments[0].start, ==, old_kim + g_utf8_strlen ("North Korea’s leader ", -1));
  g_assert_true (glossator_text_slice_equals (new_text, kim->fragments[0].start, kim->fragments[0].end, "Kim Jong Un"));

  gdansk = glossator_document_get_mention (again, "m4");
  g_assert_nonnull (gdansk);
  g_assert_true (gdansk->fragments[0].orphaned);
  g_assert_true (glossator_mention_is_orphaned (gdansk));
  g_assert_cmpstr (gdansk->fragments[0].exact, ==, "Gdańsk");

  /* The Arabic name and the stance evidence on line 3 moved with the text. */
  g_assert_true (glossator_text_slice_equals (new_text,
                                              glossator_document_get_mention (again, "m5")->fragments[0].start,
                                              glossator_document_get_mention (again, "m5")->fragments[0].end,
                                              "ليلى حداد"));

  {
    g_autofree char *summary = glossator_problem_to_string (problems->pdata[0]);
    g_assert_true (g_str_has_prefix (summary, "warning: the article changed since the annotations were saved"));
    g_assert_nonnull (strstr (summary, "1 orphaned"));
  }

  /* Saved again, the orphan stays marked and is not lost. */
  {
    g_autoptr(GBytes) out = glossator_sidecar_serialize (again, "a.txt");
    g_autoptr(GlossatorDocument) third = parse (new_text, out, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (glossator_document_get_mention (third, "m4")->fragments[0].orphaned);
    g_assert_false (glossator_document_get_modified (third));
  }
}

static void
test_file_names (void)
{
  g_autoptr(GFile) article_file = g_file_new_for_path ("/corpus/a.txt");
  g_autoptr(GFile) sidecar = glossator_sidecar_file_for (article_file);
  g_autoptr(GFile) backup = glossator_sidecar_backup_file_for (sidecar);
  g_autofree char *path = g_file_get_path (sidecar);
  g_autofree char *backup_path = g_file_get_path (backup);

  g_assert_cmpstr (path, ==, "/corpus/a.txt.annotations.json");
  g_assert_cmpstr (backup_path, ==, "/corpus/a.txt.annotations.json~");
}

static void
test_save_and_load (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = glossator_document_new (text);
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL;
  gboolean written = TRUE;
  GStatBuf st1, st2;

  /* Nothing changed: nothing written, not even an empty file. */
  g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (written);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  g_clear_object (&doc);
  doc = make_document (text);
  g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  g_assert_false (glossator_document_get_modified (doc));
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_get_contents (path, &first, NULL, NULL));

  /* Saving again unmodified writes nothing. */
  g_assert_cmpint (g_stat (path, &st1), ==, 0);
  g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_false (written);

  /* An edit: the previous version becomes the backup. */
  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  {
    g_autofree char *backup = NULL;
    g_assert_true (g_file_get_contents (backup_path, &backup, NULL, NULL));
    g_assert_cmpstr (backup, ==, first);
  }

  loaded = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (glossator_document_get_status (loaded), ==, GLOSSATOR_STATUS_DONE);
  g_assert_cmpuint (glossator_document_get_n_mentions (loaded), ==, 6);

  /* Somebody else rewrites the file: our save refuses, the file stays. */
  g_assert_true (g_file_set_contents (path, "{\"edited\": \"elsewhere\"}", -1, NULL));
  glossator_document_set_notes (loaded, "mine");
  g_assert_false (glossator_sidecar_save (loaded, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK);
  g_assert_nonnull (strstr (error->message, path));
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &second, NULL, NULL));
  g_assert_cmpstr (second, ==, "{\"edited\": \"elsewhere\"}");
  g_assert_true (glossator_document_get_modified (loaded));

  /* Forced, it goes through. */
  g_assert_true (glossator_sidecar_save (loaded, file, "a.txt", TRUE, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st2), ==, 0);
  g_assert_cmpint (st2.st_size, >, 100);

  test_util_remove_tree (dir);
}

/* An unreadable sidecar never yields a document, and a fresh document
 * (made for a read-only view) cannot overwrite the file either. */
static void
test_never_overwrite_unreadable (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;
  const char *corrupt = "{\"format\": \"glossator-sidecar\", \"mentions\": [";

  g_assert_true (g_file_set_contents (path, corrupt, -1, NULL));
  g_assert_null (glossator_sidecar_load (text, file, NULL, NULL, NULL, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_UNREADABLE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_clear_error (&error);

  fresh = glossator_document_new (text);
  glossator_document_set_notes (fresh, "typed while the file was broken");
  g_assert_false (glossator_sidecar_save (fresh, file, "a.txt", FALSE, NULL, NULL, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK);
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, corrupt);

  test_util_remove_tree (dir);
}

static void
test_read_only_folder (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GError) error = NULL;

  /* root writes into read-only folders; /proc refuses even root. */
  if (geteuid () == 0)
    path = g_strdup ("/proc/self/a.txt.annotations.json");
  else
    {
      path = g_build_filename (dir, "a.txt.annotations.json", NULL);
      g_assert_true (g_chmod (dir, 0555) == 0);
    }
  file = g_file_new_for_path (path);

  g_assert_false (glossator_sidecar_save (doc, file, "a.txt", FALSE, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_true (glossator_document_get_modified (doc));
  test_util_remove_tree (dir);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_assert_true (glossator_sidecar_save_finish (GLOSSATOR_DOCUMENT (source), result, &written, &error));
  g_assert_no_error (error);
  g_assert_true (written);
  *done = TRUE;
}

static void
test_save_async_keeps_later_edits (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  gboolean done = FALSE;

  glossator_sidecar_save_async (doc, file, "a.txt", FALSE, NULL, save_done_cb, &done);
  /* An edit while the write is under way stays unsaved afterwards. */
  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (glossator_document_get_modified (doc));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  test_util_remove_tree (dir);
}

/* Saving safely */

static char *
read_path (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
save_ok (GlossatorDocument *doc,
         GFile             *file)
{
  g_autoptr(GError) error = NULL;
  gboolean written = FALSE;

  g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (written);
}

/* Sets @path's modification time to @st's, as touch -r and some sync
 * tools do. */
static void
set_mtime (const char  *path,
           const GStatBuf *st)
{
  struct timespec times[2] = { st->st_atim, st->st_mtim };

  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
}

/* Another program edits the file keeping its size and its time: the check
 * has to look at the contents. */
static void
test_same_size_and_time_edit_refused (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL, *edited = NULL, *after = NULL;
  GStatBuf before, now;
  char *at;

  save_ok (doc, file);
  loaded = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  original = read_path (path);
  g_assert_cmpint (g_stat (path, &before), ==, 0);

  edited = g_strdup (original);
  at = strstr (edited, "Poland");
  g_assert_nonnull (at);
  memcpy (at, "POLAND", 6);
  g_assert_true (g_file_set_contents (path, edited, -1, NULL));
  set_mtime (path, &before);
  g_assert_cmpint (g_stat (path, &now), ==, 0);
  g_assert_cmpint (now.st_size, ==, before.st_size);
  g_assert_cmpint (now.st_mtim.tv_sec, ==, before.st_mtim.tv_sec);
  g_assert_cmpint (now.st_mtim.tv_nsec, ==, before.st_mtim.tv_nsec);

  glossator_document_set_notes (loaded, "mine");
  g_assert_false (glossator_sidecar_save (loaded, file, "a.txt", FALSE, NULL, NULL, &error));
  g_assert_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK);
  g_assert_true (g_str_has_prefix (error->message, path));
  after = read_path (path);
  g_assert_cmpstr (after, ==, edited);
  g_assert_false (g_file_test (backup_path, G_FILE_TEST_EXISTS));
  g_assert_true (glossator_document_get_modified (loaded));

  test_util_remove_tree (dir);
}

/* A file whose time changed but whose bytes did not (touch, a checkout
 * writing the same bytes) loses nothing by being saved over. */
static void
test_touched_but_unchanged_saved (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autofree char *first = NULL, *backup = NULL;
  GStatBuf st;

  save_ok (doc, file);
  first = read_path (path);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  st.st_mtim.tv_sec -= 3600;
  set_mtime (path, &st);

  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  save_ok (doc, file);
  backup = read_path (backup_path);
  g_assert_cmpstr (backup, ==, first);

  test_util_remove_tree (dir);
}

/* What a window's file monitor asks: does the file hold what we last read
 * or wrote? */
static void
test_changed_on_disk (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *original = NULL;
  g_autofree char *sha = NULL;
  gboolean changed = TRUE;
  GStatBuf st;
  char *at;

  /* No file, and none known. */
  doc = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_sidecar_get_checksum (doc));
  g_assert_true (glossator_sidecar_changed_on_disk (doc, file, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (changed);

  /* One appears. */
  g_assert_true (g_file_set_contents (path, "{}", -1, NULL));
  g_assert_true (glossator_sidecar_changed_on_disk (doc, file, &changed, NULL, &error));
  g_assert_true (changed);
  g_assert_cmpint (g_remove (path), ==, 0);

  /* Our own save. */
  g_clear_object (&doc);
  doc = make_document (text);
  save_ok (doc, file);
  original = read_path (path);
  sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, original, -1);
  g_assert_cmpstr (glossator_sidecar_get_checksum (doc), ==, sha);
  g_assert_true (glossator_sidecar_changed_on_disk (doc, file, &changed, NULL, &error));
  g_assert_false (changed);

  loaded = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_sidecar_get_checksum (loaded), ==, sha);

  /* Touched: unchanged. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  st.st_mtim.tv_sec += 60;
  set_mtime (path, &st);
  g_assert_true (glossator_sidecar_changed_on_disk (loaded, file, &changed, NULL, &error));
  g_assert_false (changed);

  /* Edited keeping size and time: changed; edited back: unchanged. */
  at = strstr (original, "Poland");
  memcpy (at, "POLAND", 6);
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  set_mtime (path, &st);
  g_assert_true (glossator_sidecar_changed_on_disk (loaded, file, &changed, NULL, &error));
  g_assert_true (changed);
  memcpy (at, "Poland", 6);
  g_assert_true (g_file_set_contents (path, original, -1, NULL));
  g_assert_true (glossator_sidecar_changed_on_disk (loaded, file, &changed, NULL, &error));
  g_assert_false (changed);

  /* Gone, or a folder in its place: changed. */
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_true (glossator_sidecar_changed_on_disk (loaded, file, &changed, NULL, &error));
  g_assert_true (changed);
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_true (glossator_sidecar_changed_on_disk (loaded, file, &changed, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (changed);

  test_util_remove_tree (dir);
}

/* Two saves, so the sidecar holds *second and its backup *first. */
static GlossatorDocument *
make_saved_twice (GlossatorText *text,
                  GFile         *file,
                  char         **first,
                  char         **second)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  GlossatorDocument *doc = make_document (text);
  g_autofree char *backup = NULL;

  save_ok (doc, file);
  *first = read_path (path);
  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  save_ok (doc, file);
  *second = read_path (path);
  backup = read_path (backup_path);
  g_assert_cmpstr (backup, ==, *first);

  return doc;
}

/* After a failed save the sidecar and its backup are what they were, no
 * temporary file is left, and the error names the file and says so. */
static void
assert_failed_save_kept (const char        *dir,
                         GlossatorDocument *doc,
                         const GError      *error,
                         const char        *first,
                         const char        *second)
{
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autofree char *now = read_path (path);
  g_autofree char *backup = read_path (backup_path);
  g_autofree char *listing = test_util_list_folder (dir);

  g_assert_cmpstr (now, ==, second);
  g_assert_cmpstr (backup, ==, first);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json a.txt.annotations.json~");
  g_assert_true (glossator_document_get_modified (doc));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "not saved, the file on disk is unchanged"));
}

/* A real write error (the file size limit, as a full disk would): the
 * new contents do not fit, the old version was not yet made the backup. */
static void
test_failed_write_keeps_backup (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *backup = NULL;
  g_autofree char *long_note = g_strnfill (64 * 1024, 'x');
  struct rlimit saved, limited;
  gboolean ok;

  doc = make_saved_twice (text, file, &first, &second);
  glossator_document_set_notes (doc, long_note);

  /* Room for a copy of the old version, not for the new one. */
  g_assert_cmpint (getrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  limited = saved;
  limited.rlim_cur = strlen (second) + 4096;
  signal (SIGXFSZ, SIG_IGN);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &limited), ==, 0);
  ok = glossator_sidecar_save (doc, file, "a.txt", FALSE, NULL, NULL, &error);
  g_assert_cmpint (setrlimit (RLIMIT_FSIZE, &saved), ==, 0);
  signal (SIGXFSZ, SIG_DFL);

  g_assert_false (ok);
  g_test_message ("%s", error->message);
  assert_failed_save_kept (dir, doc, error, first, second);
  g_clear_error (&error);

  /* With room again it goes through. */
  save_ok (doc, file);
  third = read_path (path);
  g_assert_nonnull (strstr (third, long_note));
  backup = read_path (backup_path);
  g_assert_cmpstr (backup, ==, second);

  test_util_remove_tree (dir);
}

typedef struct {
  const char          *name;
  GlossatorAtomicStep  step;
  int                  errno_value;
  int                  code;       /* GIOErrorEnum */
  gboolean             async;
} FailureCase;

static const FailureCase failure_cases[] = {
  { "folder-not-writable", GLOSSATOR_ATOMIC_STEP_CREATE_TEMP, EACCES, G_IO_ERROR_PERMISSION_DENIED, FALSE },
  { "disk-full", GLOSSATOR_ATOMIC_STEP_WRITE, ENOSPC, G_IO_ERROR_NO_SPACE, FALSE },
  { "disk-full-async", GLOSSATOR_ATOMIC_STEP_WRITE, ENOSPC, G_IO_ERROR_NO_SPACE, TRUE },
  { "backup-fails", GLOSSATOR_ATOMIC_STEP_BACKUP, EIO, G_IO_ERROR_FAILED, FALSE },
  { "rename-fails", GLOSSATOR_ATOMIC_STEP_RENAME, EIO, G_IO_ERROR_FAILED, FALSE },
  { "rename-fails-async", GLOSSATOR_ATOMIC_STEP_RENAME, EROFS, G_IO_ERROR_READ_ONLY, TRUE },
};

static void
save_result_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* Each step of a save failing in turn. */
static void
test_failed_save_keeps_backup (gconstpointer data)
{
  const FailureCase *c = data;
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *backup = NULL;
  gboolean written = TRUE;

  doc = make_saved_twice (text, file, &first, &second);
  glossator_document_set_notes (doc, "the third version");

  _glossator_atomic_file_fail_for_testing (c->step, c->errno_value);
  if (c->async)
    {
      g_autoptr(GAsyncResult) result = NULL;

      glossator_sidecar_save_async (doc, file, "a.txt", FALSE, NULL, save_result_cb, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_false (glossator_sidecar_save_finish (doc, result, &written, &error));
    }
  else
    g_assert_false (glossator_sidecar_save (doc, file, "a.txt", FALSE, &written, NULL, &error));
  _glossator_atomic_file_fail_for_testing (GLOSSATOR_ATOMIC_STEP_NONE, 0);

  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, c->code);
  g_assert_false (written);
  assert_failed_save_kept (dir, doc, error, first, second);
  g_clear_error (&error);

  /* The next save goes through: the failure left nothing in its way. */
  save_ok (doc, file);
  third = read_path (path);
  g_assert_nonnull (strstr (third, "the third version"));
  backup = read_path (backup_path);
  g_assert_cmpstr (backup, ==, second);

  test_util_remove_tree (dir);
}

/* A folder where the backup goes: refused before anything is replaced,
 * since the old version could not become the backup afterwards. */
static void
test_backup_is_a_folder (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *now = NULL, *listing = NULL, *inside = NULL;

  save_ok (doc, file);
  first = read_path (path);
  test_util_write_file (backup_path, "kept", "precious", -1);

  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  g_assert_false (glossator_sidecar_save (doc, file, "a.txt", FALSE, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "not saved, the file on disk is unchanged"));
  now = read_path (path);
  g_assert_cmpstr (now, ==, first);
  inside = test_util_read_file (backup_path, "kept");
  g_assert_cmpstr (inside, ==, "precious");
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json a.txt.annotations.json~");
  g_assert_true (glossator_document_get_modified (doc));

  test_util_remove_tree (dir);
}

/* Where hard links do not work, the previous version is copied. */
static void
test_backup_copied_without_links (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *backup_path = g_strconcat (path, "~", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autofree char *first = NULL, *second = NULL, *backup = NULL, *listing = NULL;
  GStatBuf st, backup_st;

  doc = make_saved_twice (text, file, &first, &second);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  glossator_document_set_notes (doc, "the third version");
  _glossator_atomic_file_fail_for_testing (GLOSSATOR_ATOMIC_STEP_LINK, EPERM);
  save_ok (doc, file);
  _glossator_atomic_file_fail_for_testing (GLOSSATOR_ATOMIC_STEP_NONE, 0);

  backup = read_path (backup_path);
  g_assert_cmpstr (backup, ==, second);
  /* A copy, not the same file under two names; with the mode kept. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (g_stat (backup_path, &backup_st), ==, 0);
  g_assert_cmpuint (st.st_ino, !=, backup_st.st_ino);
  g_assert_cmpint (backup_st.st_nlink, ==, 1);
  g_assert_cmpint (st.st_mode & 07777, ==, 0640);
  g_assert_cmpint (backup_st.st_mode & 07777, ==, 0640);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json a.txt.annotations.json~");

  test_util_remove_tree (dir);
}

/* An interrupted save leaves its temporary files (".NAME.glossator-tmp-
 * XXXXXX"); the next save of that sidecar removes them once they are old
 * enough not to be another save's under way, and touches nothing else. */
static void
test_leftovers_removed (void)
{
  const char *ours[] = {
    ".a.txt.annotations.json.glossator-tmp-Ab12Cd",
    ".a.txt.annotations.json.glossator-tmp-zz9ZZ0",
  };
  const char *not_ours[] = {
    ".b.txt.annotations.json.glossator-tmp-Ab12Cd",      /* another sidecar's */
    ".a.txt.annotations.json.glossator-tmp-Ab12C",       /* not the pattern */
    ".a.txt.annotations.json.glossator-tmp-Ab12Cd.txt",
    ".a.txt.annotations.json.glossator-tmp-Ab-2Cd",
    "a.txt.annotations.json.glossator-tmp-Ab12Cd",
    ".goutputstream-Ab12Cd",                             /* GLib's, or anyone's */
    "a.txt.annotations.json.Ab12Cd",
  };
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *folder_path = g_build_filename (dir, ".a.txt.annotations.json.glossator-tmp-Folder", NULL);
  g_autofree char *link_path = g_build_filename (dir, ".a.txt.annotations.json.glossator-tmp-Link00", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autofree char *all = NULL, *listing = NULL, *expected = NULL;

  save_ok (doc, file);
  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    test_util_write_file (dir, ours[i], "{\"half\": ", -1);
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    test_util_write_file (dir, not_ours[i], "{\"half\": ", -1);
  /* Only regular files: not a folder, not a link (nor what it names). */
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_cmpint (symlink ("a.txt.annotations.json", link_path), ==, 0);
  all = test_util_list_folder (dir);

  /* Just made: they may be another save's, under way. */
  glossator_document_set_status (doc, GLOSSATOR_STATUS_DONE);
  save_ok (doc, file);
  listing = test_util_list_folder (dir);
  expected = g_strconcat (all, " a.txt.annotations.json~", NULL);
  g_assert_cmpstr (listing, ==, expected);

  /* Old enough (the age made zero rather than waiting ten minutes). */
  _glossator_atomic_file_set_leftover_age_for_testing (0);
  glossator_document_set_status (doc, GLOSSATOR_STATUS_TODO);
  save_ok (doc, file);
  _glossator_atomic_file_set_leftover_age_for_testing (-1);

  for (guint i = 0; i < G_N_ELEMENTS (ours); i++)
    {
      g_autofree char *leftover = g_build_filename (dir, ours[i], NULL);

      g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_ours); i++)
    {
      g_autofree char *other = g_build_filename (dir, not_ours[i], NULL);
      g_autofree char *contents = read_path (other);

      g_assert_cmpstr (contents, ==, "{\"half\": ");
    }
  g_assert_true (g_file_test (folder_path, G_FILE_TEST_IS_DIR));
  g_assert_true (g_file_test (link_path, G_FILE_TEST_IS_SYMLINK));
  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));

  test_util_remove_tree (dir);
}

/* The file @link_path names, as the system reads it. */
static char *
real_path (const char *link_path)
{
  char *real = realpath (link_path, NULL);

  g_assert_nonnull (real);
  return real;
}

static void
assert_link (const char *link_path,
             const char *expected_target)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *target = g_file_read_link (link_path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (target, ==, expected_target);
}

/* A sidecar kept elsewhere and linked beside its article: the file the
 * link names is replaced, the link stays, the backup goes beside the file. */
static void
test_symlink_kept (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *store = g_build_filename (dir, "store", NULL);
  g_autofree char *stored = g_build_filename (store, "a.json", NULL);
  g_autofree char *link_path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *chain_path = g_build_filename (dir, "b.txt.annotations.json", NULL);
  g_autoptr(GFile) stored_file = g_file_new_for_path (stored);
  g_autoptr(GFile) link_file = g_file_new_for_path (link_path);
  g_autoptr(GFile) chain_file = g_file_new_for_path (chain_path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GlossatorDocument) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL, *second = NULL, *backup = NULL, *listing = NULL;
  g_autofree char *store_listing = NULL, *stored_backup = NULL;

  g_assert_cmpint (g_mkdir (store, 0700), ==, 0);
  stored_backup = g_strconcat (stored, "~", NULL);
  save_ok (doc, stored_file);
  first = read_path (stored);
  g_assert_cmpint (symlink ("store/a.json", link_path), ==, 0);
  /* A link to the link. */
  g_assert_cmpint (symlink ("a.txt.annotations.json", chain_path), ==, 0);

  loaded = glossator_sidecar_load (text, link_file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  glossator_document_set_status (loaded, GLOSSATOR_STATUS_DONE);
  save_ok (loaded, link_file);

  assert_link (link_path, "store/a.json");
  second = read_path (stored);
  g_assert_cmpstr (second, !=, first);
  g_assert_nonnull (strstr (second, "\"status\": \"done\""));
  backup = read_path (stored_backup);
  g_assert_cmpstr (backup, ==, first);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json b.txt.annotations.json store");
  store_listing = test_util_list_folder (store);
  g_assert_cmpstr (store_listing, ==, "a.json a.json~");

  /* Through two links. */
  glossator_document_set_notes (loaded, "through the chain");
  g_assert_true (glossator_sidecar_save (loaded, chain_file, "a.txt", FALSE, NULL, NULL, &error));
  g_assert_no_error (error);
  assert_link (chain_path, "a.txt.annotations.json");
  assert_link (link_path, "store/a.json");
  g_clear_pointer (&backup, g_free);
  backup = read_path (stored_backup);
  g_assert_cmpstr (backup, ==, second);
  g_clear_pointer (&second, g_free);
  second = read_path (stored);
  g_assert_nonnull (strstr (second, "through the chain"));
  g_clear_pointer (&listing, g_free);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json b.txt.annotations.json store");

  test_util_remove_tree (dir);
}

/* "../" in a link is read from where the link really is, even when it was
 * reached through a linked folder (GFile alone would fold the ".." away). */
static void
test_symlink_through_linked_folder (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *real_corpus = g_build_filename (dir, "real", "corpus", NULL);
  g_autofree char *real_store = g_build_filename (dir, "real", "store", NULL);
  g_autofree char *corpus_link = g_build_filename (dir, "corpus", NULL);
  g_autofree char *sidecar_link = g_build_filename (real_corpus, "a.txt.annotations.json", NULL);
  g_autofree char *stored = g_build_filename (real_store, "a.json", NULL);
  g_autofree char *through = g_build_filename (corpus_link, "a.txt.annotations.json", NULL);
  g_autofree char *listing = NULL, *contents = NULL, *resolved = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (through);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);

  g_assert_cmpint (g_mkdir_with_parents (real_corpus, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (real_store, 0700), ==, 0);
  g_assert_cmpint (symlink ("real/corpus", corpus_link), ==, 0);
  /* Dangling until the first save makes the file it names. */
  g_assert_cmpint (symlink ("../store/a.json", sidecar_link), ==, 0);

  save_ok (doc, file);
  assert_link (sidecar_link, "../store/a.json");
  resolved = real_path (through);
  g_assert_cmpstr (resolved, ==, stored);
  contents = read_path (stored);
  g_assert_nonnull (strstr (contents, "\"status\": \"in-progress\""));
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "corpus real");

  test_util_remove_tree (dir);
}

static void
test_symlink_loop (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *other = g_build_filename (dir, "loop", NULL);
  g_autofree char *listing = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (symlink ("loop", path), ==, 0);
  g_assert_cmpint (symlink ("a.txt.annotations.json", other), ==, 0);

  g_assert_false (glossator_sidecar_save (doc, file, "a.txt", TRUE, NULL, NULL, &error));
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  assert_link (path, "loop");
  assert_link (other, "a.txt.annotations.json");
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json loop");

  test_util_remove_tree (dir);
}

/* A folder or a pipe where the sidecar should be: refused, with or without
 * force, the thing left as it was, and nothing written beside it. */
static void
test_not_a_file (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  g_autofree char *inside = NULL, *listing = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorText) text = test_util_text_new (article);
  g_autoptr(GlossatorDocument) doc = make_document (text);
  g_autoptr(GError) error = NULL;

  test_util_write_file (path, "kept", "precious", -1);
  for (int force = 0; force <= 1; force++)
    {
      g_assert_false (glossator_sidecar_save (doc, file, "a.txt", force, NULL, NULL, &error));
      g_test_message ("%s", error->message);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_assert_nonnull (strstr (error->message, "folder"));
      g_clear_error (&error);
    }
  inside = test_util_read_file (path, "kept");
  g_assert_cmpstr (inside, ==, "precious");
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json");
  test_util_remove_tree (path);

  /* Reading a pipe to compare it would wait for ever. */
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  for (int force = 0; force <= 1; force++)
    {
      g_assert_false (glossator_sidecar_save (doc, file, "a.txt", force, NULL, NULL, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
      g_assert_true (g_str_has_prefix (error->message, path));
      g_clear_error (&error);
    }
  g_clear_pointer (&listing, g_free);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "a.txt.annotations.json");
  g_assert_true (glossator_document_get_modified (doc));

  test_util_remove_tree (dir);
}

/* A pipe where the sidecar should be is refused when loading, not opened:
 * opening it would wait for a writer for ever (a window's worker, a
 * validate). Run in a subprocess that a hang fails. */
static void
test_load_refuses_a_pipe (void)
{
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  if (!test_util_in_subprocess ())
    return;

  dir = test_util_make_temp_dir ();
  path = g_build_filename (dir, "a.txt.annotations.json", NULL);
  file = g_file_new_for_path (path);
  text = test_util_text_new (article);
  g_assert_cmpint (mkfifo (path, 0600), ==, 0);

  doc = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, "not a regular file"));
  test_util_remove_tree (dir);
}

/* The shipped samples read back and write out byte for byte: the writer's
 * layout, member order and sorting are what the files hold. */
static void
test_samples_byte_identical (void)
{
  const char *names[] = { "harbour-strike.txt", "river-treaty.md", "chip-export.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples", names[i], NULL);
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFile) sidecar = glossator_sidecar_file_for (file);
      g_autoptr(GlossatorArticle) loaded = NULL;
      g_autoptr(GlossatorDocument) doc = NULL;
      g_autoptr(GBytes) out = NULL;
      g_autoptr(GBytes) original = NULL;
      g_autoptr(GError) error = NULL;

      loaded = glossator_article_load (file, NULL, &error);
      g_assert_no_error (error);
      doc = glossator_sidecar_load (glossator_article_get_text (loaded), sidecar, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_false (glossator_document_get_modified (doc));

      original = g_file_load_bytes (sidecar, NULL, NULL, &error);
      g_assert_no_error (error);
      out = glossator_sidecar_serialize (doc, names[i]);
      if (!g_bytes_equal (out, original))
        {
          g_autofree char *dump = g_strdup_printf ("%s/%s.out", g_get_tmp_dir (), names[i]);
          g_file_set_contents (dump, g_bytes_get_data (out, NULL), g_bytes_get_size (out), NULL);
          g_error ("%s written back differs from the file (see %s)", names[i], dump);
        }
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sidecar/round-trip", test_round_trip);
  g_test_add_func ("/sidecar/format-members", test_format_members);
  g_test_add_func ("/sidecar/unknown-members-survive", test_unknown_members_survive);
  for (guint i = 0; i < G_N_ELEMENTS (corrupt_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sidecar/corrupt/%s", corrupt_cases[i].name);
      g_test_add_data_func (name, &corrupt_cases[i], test_corrupt);
    }
  g_test_add_func ("/sidecar/invalid-utf8-bytes", test_invalid_utf8_bytes);
  g_test_add_func ("/sidecar/deep-free-form-members-round-trip", test_deep_free_form_members_round_trip);
  g_test_add_func ("/sidecar/all-problems-reported", test_all_problems_reported);
  g_test_add_func ("/sidecar/unknown-labels-kept", test_unknown_labels_kept);
  g_test_add_func ("/sidecar/reanchor", test_reanchor);
  g_test_add_func ("/sidecar/file-names", test_file_names);
  g_test_add_func ("/sidecar/save-and-load", test_save_and_load);
  g_test_add_func ("/sidecar/never-overwrite-unreadable", test_never_overwrite_unreadable);
  g_test_add_func ("/sidecar/read-only-folder", test_read_only_folder);
  g_test_add_func ("/sidecar/save-async-keeps-later-edits", test_save_async_keeps_later_edits);
  g_test_add_func ("/sidecar/samples-byte-identical", test_samples_byte_identical);
  g_test_add_func ("/sidecar/same-size-and-time-edit-refused", test_same_size_and_time_edit_refused);
  g_test_add_func ("/sidecar/touched-but-unchanged-saved", test_touched_but_unchanged_saved);
  g_test_add_func ("/sidecar/changed-on-disk", test_changed_on_disk);
  g_test_add_func ("/sidecar/failed-write-keeps-backup", test_failed_write_keeps_backup);
  for (guint i = 0; i < G_N_ELEMENTS (failure_cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/sidecar/failed-save-keeps-backup/%s", failure_cases[i].name);
      g_test_add_data_func (name, &failure_cases[i], test_failed_save_keeps_backup);
    }
  g_test_add_func ("/sidecar/backup-is-a-folder", test_backup_is_a_folder);
  g_test_add_func ("/sidecar/backup-copied-without-links", test_backup_copied_without_links);
  g_test_add_func ("/sidecar/leftovers-removed", test_leftovers_removed);
  g_test_add_func ("/sidecar/symlink-kept", test_symlink_kept);
  g_test_add_func ("/sidecar/symlink-through-linked-folder", test_symlink_through_linked_folder);
  g_test_add_func ("/sidecar/symlink-loop", test_symlink_loop);
  g_test_add_func ("/sidecar/not-a-file", test_not_a_file);
  g_test_add_func ("/sidecar/load-refuses-a-pipe", test_load_refuses_a_pipe);

  return g_test_run ();
}

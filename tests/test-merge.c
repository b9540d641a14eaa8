/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "glossator-json-guard.h"
#include "glossator-merge.h"
#include "glossator-session.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* CRLF, a ZWJ family, a flag and NFD: offsets count code points, and the
 * merge must never touch them. */
static const char *article =
  "Putin met Biden in Geneva.\r\n"
  "👩‍👩‍👧 Zoë and 🇺🇦 Cafe\u0301 owners said “no” to Putin.\r\n";

static GlossatorText *text;
static GStringChunk *chunk;

/* Strings built here live until the end of the program. */
G_GNUC_PRINTF (1, 2)
static const char *
keep (const char *format,
      ...)
{
  g_autofree char *str = NULL;
  va_list args;

  va_start (args, format);
  str = g_strdup_vprintf (format, args);
  va_end (args);
  return g_string_chunk_insert (chunk, str);
}

static guint
offset_of (const char *needle,
           guint       nth)
{
  return test_util_offset_of (article, needle, nth);
}

static const char *
quote (const char *str)
{
  g_autoptr(JsonNode) node = json_node_init_string (json_node_alloc (), str);
  g_autofree char *json = json_to_string (node, FALSE);

  return keep ("%s", json);
}

static const char *
fragment (const char *needle,
          guint       nth)
{
  guint start = offset_of (needle, nth);
  guint end = start + g_utf8_strlen (needle, -1);
  g_autofree char *exact = g_utf8_substring (article, start, end);

  return keep ("{\"start\": %u, \"end\": %u, \"exact\": %s}", start, end, quote (exact));
}

static const char *
entity (const char *id,
        const char *name,
        const char *label)
{
  return keep ("{\"id\": \"%s\", \"name\": %s, \"label\": \"%s\"}", id, quote (name), label);
}

static const char *
mention (const char *id,
         const char *entity_id,
         const char *label,
         const char *needle,
         guint       nth)
{
  return keep ("{\"id\": \"%s\", \"label\": \"%s\", \"entity\": \"%s\", \"fragments\": [%s]}",
               id, label, entity_id, fragment (needle, nth));
}

/* A mention with its authorship (doc/sidecar-format.md, format 1.1);
 * @modified may be NULL. */
static const char *
authored_mention (const char *id,
                  const char *label,
                  const char *author,
                  const char *created,
                  const char *modified)
{
  g_autofree char *times = modified != NULL ? g_strdup_printf (", \"modified\": \"%s\"", modified) : g_strdup ("");

  return keep ("{\"id\": \"%s\", \"label\": \"%s\", \"entity\": \"e1\", \"fragments\": [%s], "
               "\"author\": %s, \"created\": \"%s\"%s}",
               id, label, fragment ("Putin", 0), quote (author), created, times);
}

static const char *
stance (const char *id,
        const char *holder,
        const char *target,
        const char *polarity)
{
  return keep ("{\"id\": \"%s\", \"holder\": {\"type\": \"entity\", \"entity\": \"%s\"}, "
               "\"target\": {\"type\": \"entity\", \"entity\": \"%s\"}, \"polarity\": \"%s\", "
               "\"evidence\": [%s]}",
               id, holder, target, polarity, fragment ("said “no” to Putin", 0));
}

static const char *
document_info (const char *status,
               const char *notes,
               const char *modified)
{
  return keep ("{\"status\": \"%s\", \"annotator\": \"\", \"created\": \"2026-11-01T10:00:00Z\", "
               "\"modified\": \"%s\", \"notes\": %s}", status, modified, quote (notes));
}

/* A sidecar of the article; @items are entities, mentions and stances,
 * told apart by their id's first letter, NULL-terminated. */
static const char *
sidecar_full (const char *info,
              const char *extra,
              ...)
{
  g_autoptr(GString) entities = g_string_new (NULL);
  g_autoptr(GString) mentions = g_string_new (NULL);
  g_autoptr(GString) stances = g_string_new (NULL);
  g_autofree char *sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, article, -1);
  va_list args;
  const char *item;

  va_start (args, extra);
  while ((item = va_arg (args, const char *)) != NULL)
    {
      const char *id = strstr (item, "\"id\": \"") + 7;
      GString *array = *id == 'e' ? entities : *id == 'm' ? mentions : stances;

      if (array->len > 0)
        g_string_append (array, ", ");
      g_string_append (array, item);
    }
  va_end (args);

  return keep ("{\"format\": \"glossator-sidecar\", \"version\": 1, \"offset_unit\": \"codepoint\", "
               "\"article\": {\"file\": \"a.txt\", \"sha256\": \"%s\", \"length\": %ld, \"bom\": false, "
               "\"newline\": \"crlf\"}, \"document\": %s, \"entities\": [%s], \"mentions\": [%s], "
               "\"stances\": [%s]%s%s}",
               sha256, g_utf8_strlen (article, -1), info, entities->str, mentions->str, stances->str,
               extra != NULL ? ", " : "", extra != NULL ? extra : "");
}

#define sidecar(modified, ...) \
  sidecar_full (document_info ("todo", "", (modified)), NULL, __VA_ARGS__, NULL)

#define T0 "2026-11-01T10:00:00Z"
#define T1 "2026-11-02T10:00:00Z"
#define T2 "2026-11-03T10:00:00Z"

static GBytes *
bytes_of (const char *json)
{
  return json != NULL ? g_bytes_new (json, strlen (json)) : NULL;
}

typedef struct {
  JsonParser *parser;
  JsonObject *top;
  guint       n_conflicts;
  GBytes     *bytes;
  GPtrArray  *problems;   /* what the sidecar reader says about the result */
} Result;

static void
result_clear (Result *result)
{
  g_clear_object (&result->parser);
  g_clear_pointer (&result->bytes, g_bytes_unref);
  g_clear_pointer (&result->problems, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Merges and checks that the result is a valid sidecar of the article, as
 * glossator-cli validate reads it. */
static void
merge (Result     *result,
       const char *base,
       const char *ours,
       const char *theirs)
{
  g_autoptr(GBytes) base_bytes = bytes_of (base);
  g_autoptr(GBytes) ours_bytes = bytes_of (ours);
  g_autoptr(GBytes) theirs_bytes = bytes_of (theirs);
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  result->n_conflicts = G_MAXUINT;
  result->bytes = glossator_merge_sidecars ("base.json", base_bytes, "ours.json", ours_bytes,
                                            "theirs.json", theirs_bytes, &result->n_conflicts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result->bytes);
  g_assert_cmpuint (result->n_conflicts, !=, G_MAXUINT);

  data = g_bytes_get_data (result->bytes, &length);
  result->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  document = glossator_sidecar_parse (text, "merged.json", data, length, NULL, result->problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (document);

  result->parser = json_parser_new ();
  json_parser_load_from_data (result->parser, data, length, &error);
  g_assert_no_error (error);
  result->top = json_node_get_object (json_parser_get_root (result->parser));
}

static guint
count (Result     *result,
       const char *array)
{
  return json_array_get_length (json_object_get_array_member (result->top, array));
}

static JsonObject *
find (Result     *result,
      const char *array_name,
      const char *id)
{
  JsonArray *array = json_object_get_array_member (result->top, array_name);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);

      if (g_str_equal (json_object_get_string_member (item, "id"), id))
        return item;
    }
  return NULL;
}

/* The mention whose first fragment starts at the @nth @needle. */
static JsonObject *
find_at (Result     *result,
         const char *needle,
         guint       nth)
{
  JsonArray *array = json_object_get_array_member (result->top, "mentions");
  guint start = offset_of (needle, nth);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      JsonObject *first = json_array_get_object_element (json_object_get_array_member (item, "fragments"), 0);

      if (json_object_get_int_member (first, "start") == start)
        return item;
    }
  return NULL;
}

static const char *
string_of (JsonObject *object,
           const char *member)
{
  g_assert_nonnull (object);
  return json_object_get_string_member (object, member);
}

static JsonObject *
conflict (Result *result,
          guint   index)
{
  JsonArray *conflicts = json_object_get_array_member (result->top, "conflicts");

  g_assert_nonnull (conflicts);
  g_assert_cmpuint (index, <, json_array_get_length (conflicts));
  return json_array_get_object_element (conflicts, index);
}

static guint
n_warnings_containing (Result     *result,
                       const char *needle)
{
  guint n = 0;

  for (guint i = 0; i < result->problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (result->problems, i);

      if (problem->severity == GLOSSATOR_PROBLEM_WARNING && strstr (problem->message, needle) != NULL)
        n++;
    }
  return n;
}

/* Tests */

static void
test_merge_one_side_changes_taken (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0),
                              mention ("m2", "e2", "PERSON", "Biden", 0));
  /* Ours relabels m1; theirs deletes m2 and renames e1. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "ORG", "Putin", 0),
                              mention ("m2", "e2", "PERSON", "Biden", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Vladimir Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                                mention ("m1", "e1", "PERSON", "Putin", 0));
  g_auto(Result) r = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_false (json_object_has_member (r.top, "conflicts"));
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "ORG");
  g_assert_null (find (&r, "mentions", "m2"));
  g_assert_cmpstr (string_of (find (&r, "entities", "e1"), "name"), ==, "Vladimir Putin");
  g_assert_cmpuint (count (&r, "entities"), ==, 2);
}

static void
test_merge_same_change_taken_once (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  /* Both relabel m1, both add Biden: ours as m2/e2, theirs as m7/e5. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "ORG", "Putin", 0),
                              mention ("m2", "e2", "PERSON", "Biden", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), entity ("e5", "Biden", "PERSON"),
                                mention ("m1", "e1", "ORG", "Putin", 0),
                                mention ("m7", "e5", "PERSON", "Biden", 0));
  g_auto(Result) r = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpuint (count (&r, "mentions"), ==, 2);
  g_assert_cmpuint (count (&r, "entities"), ==, 2);
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "ORG");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m2"), "entity"), ==, "e2");
  g_assert_null (find (&r, "mentions", "m7"));
  g_assert_null (find (&r, "entities", "e5"));
}

static void
test_merge_additions_renumbered_with_references (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  /* Both sides give their new entity e2 and new mention m2, for different
   * things; theirs also adds a stance naming its e2. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0),
                              mention ("m2", "e2", "PERSON", "Biden", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), entity ("e2", "Geneva", "LOC"),
                                mention ("m1", "e1", "PERSON", "Putin", 0),
                                mention ("m2", "e2", "LOC", "Geneva", 0),
                                mention ("m3", "e1", "PERSON", "Putin", 1),
                                stance ("s1", "e1", "e2", "against"));
  g_auto(Result) r = { 0 };
  JsonObject *geneva, *putin_again, *s1;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpuint (count (&r, "entities"), ==, 3);
  g_assert_cmpuint (count (&r, "mentions"), ==, 4);

  /* Ours keeps its ids. */
  g_assert_cmpstr (string_of (find (&r, "entities", "e2"), "name"), ==, "Biden");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m2"), "entity"), ==, "e2");
  g_assert_cmpstr (string_of (find_at (&r, "Biden", 0), "id"), ==, "m2");

  /* Theirs' e2 and m2 are renumbered above every id in use, and what
   * named them follows; its m3 was free and keeps its id. */
  g_assert_cmpstr (string_of (find (&r, "entities", "e3"), "name"), ==, "Geneva");
  geneva = find_at (&r, "Geneva", 0);
  g_assert_cmpstr (string_of (geneva, "id"), ==, "m4");
  g_assert_cmpstr (string_of (geneva, "entity"), ==, "e3");
  putin_again = find_at (&r, "Putin", 1);
  g_assert_cmpstr (string_of (putin_again, "id"), ==, "m3");
  g_assert_cmpstr (string_of (putin_again, "entity"), ==, "e1");
  s1 = find (&r, "stances", "s1");
  g_assert_cmpstr (string_of (json_object_get_object_member (s1, "holder"), "entity"), ==, "e1");
  g_assert_cmpstr (string_of (json_object_get_object_member (s1, "target"), "entity"), ==, "e3");
}

static void
test_merge_stances_matched_by_content (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0), mention ("m2", "e2", "PERSON", "Biden", 0));
  /* The same stance added as s1 and as s4; and one s2 each, different. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0), mention ("m2", "e2", "PERSON", "Biden", 0),
                              stance ("s1", "e1", "e2", "against"), stance ("s2", "e2", "e1", "favor"));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                                mention ("m1", "e1", "PERSON", "Putin", 0), mention ("m2", "e2", "PERSON", "Biden", 0),
                                stance ("s4", "e1", "e2", "against"), stance ("s2", "e2", "e1", "neutral"));
  g_auto(Result) r = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpuint (count (&r, "stances"), ==, 3);
  g_assert_cmpstr (string_of (find (&r, "stances", "s1"), "polarity"), ==, "against");
  g_assert_null (find (&r, "stances", "s4"));
  g_assert_cmpstr (string_of (find (&r, "stances", "s2"), "polarity"), ==, "favor");
  g_assert_cmpstr (string_of (find (&r, "stances", "s5"), "polarity"), ==, "neutral");
}

static void
test_merge_delete_vs_change_conflict (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0),
                              mention ("m2", "e2", "PERSON", "Biden", 0));
  /* Ours deletes m1 and relabels m2; theirs relabels m1 and deletes m2. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                              mention ("m2", "e2", "ORG", "Biden", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), entity ("e2", "Biden", "PERSON"),
                                mention ("m1", "e1", "ORG", "Putin", 0));
  g_auto(Result) r = { 0 };
  JsonObject *c;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 2);

  /* Nothing deleted while in conflict: each stays as the side that kept it
   * changed it. */
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "ORG");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m2"), "label"), ==, "ORG");

  c = conflict (&r, 0);
  g_assert_cmpstr (string_of (c, "kind"), ==, "mention");
  g_assert_cmpstr (string_of (c, "id"), ==, "m1");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "ours")));
  g_assert_cmpstr (string_of (json_object_get_object_member (c, "theirs"), "label"), ==, "ORG");
  c = conflict (&r, 1);
  g_assert_cmpstr (string_of (c, "id"), ==, "m2");
  g_assert_cmpstr (string_of (json_object_get_object_member (c, "ours"), "label"), ==, "ORG");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "theirs")));

  /* validate reports them as warnings, the sidecar stays valid. */
  g_assert_cmpuint (n_warnings_containing (&r, "merge conflict on the mention “m1”: deleted on our side"), ==, 1);
  g_assert_cmpuint (n_warnings_containing (&r, "merge conflict on the mention “m2”: deleted on their side"), ==, 1);
}

static void
test_merge_change_vs_change_conflict (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "ORG", "Putin", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "GPE", "Putin", 0));
  g_auto(Result) r = { 0 };
  JsonObject *c;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 1);
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "ORG");
  c = conflict (&r, 0);
  g_assert_cmpstr (string_of (c, "kind"), ==, "mention");
  g_assert_cmpstr (string_of (json_object_get_object_member (c, "ours"), "label"), ==, "ORG");
  g_assert_cmpstr (string_of (json_object_get_object_member (c, "theirs"), "label"), ==, "GPE");
  g_assert_cmpuint (n_warnings_containing (&r, "changed differently on both sides"), ==, 1);
}

/* The same change made on both sides at different times is one change:
 * the later time is kept. */
static void
test_merge_same_change_other_times_no_conflict (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"),
                              authored_mention ("m1", "PERSON", "Zoë", "2026-12-01T10:00:00Z", NULL));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"),
                              authored_mention ("m1", "ORG", "Zoë", "2026-12-01T10:00:00Z", "2026-12-02T09:00:00Z"));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"),
                                authored_mention ("m1", "ORG", "Zoë", "2026-12-01T10:00:00Z", "2026-12-03T08:00:00Z"));
  g_auto(Result) r = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "ORG");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "modified"), ==, "2026-12-03T08:00:00Z");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "author"), ==, "Zoë");
}

/* A side whose only change is "modified" (changed and changed back) has
 * not changed the annotation: the other side's change is taken. */
static void
test_merge_only_modified_no_conflict (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"),
                              authored_mention ("m1", "PERSON", "Zoë", "2026-12-01T10:00:00Z", NULL));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"),
                              authored_mention ("m1", "PERSON", "Zoë", "2026-12-01T10:00:00Z", "2026-12-04T09:00:00Z"));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"),
                                authored_mention ("m1", "GPE", "Zoë", "2026-12-01T10:00:00Z", "2026-12-02T08:00:00Z"));
  g_auto(Result) r = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "label"), ==, "GPE");
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "modified"), ==, "2026-12-02T08:00:00Z");
}

/* Two annotators adding the same mention is one addition (ours kept), not
 * a conflict over who made it; different mentions stay two. */
static void
test_merge_authorship_alone_never_conflicts (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"),
                              authored_mention ("m1", "PERSON", "Zoë", "2026-12-01T10:00:00Z", NULL));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"),
                                authored_mention ("m1", "PERSON", "ليلى", "2026-12-01T11:00:00Z", NULL));
  const char *theirs_other = sidecar (T2, entity ("e1", "Putin", "PERSON"),
                                      authored_mention ("m1", "ORG", "ليلى", "2026-12-01T11:00:00Z", NULL));
  g_auto(Result) r = { 0 };
  g_auto(Result) r2 = { 0 };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  g_assert_cmpuint (count (&r, "mentions"), ==, 1);
  g_assert_cmpstr (string_of (find (&r, "mentions", "m1"), "author"), ==, "Zoë");

  merge (&r2, base, ours, theirs_other);
  g_assert_cmpuint (r2.n_conflicts, ==, 0);
  g_assert_cmpuint (count (&r2, "mentions"), ==, 2);
}

static void
test_merge_deleted_entity_still_used (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  /* Ours adds a mention of e1; theirs deletes e1 with its mention. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"),
                              mention ("m1", "e1", "PERSON", "Putin", 0),
                              mention ("m2", "e1", "PERSON", "Putin", 1));
  const char *theirs = sidecar (T2, entity ("e9", "Biden", "PERSON"), mention ("m9", "e9", "PERSON", "Biden", 0));
  g_auto(Result) r = { 0 };
  JsonObject *c;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 1);
  g_assert_null (find (&r, "mentions", "m1"));
  g_assert_cmpstr (string_of (find (&r, "mentions", "m2"), "entity"), ==, "e1");
  g_assert_nonnull (find (&r, "entities", "e1"));
  c = conflict (&r, 0);
  g_assert_cmpstr (string_of (c, "kind"), ==, "entity");
  g_assert_cmpstr (string_of (c, "id"), ==, "e1");
  g_assert_true (JSON_NODE_HOLDS_NULL (json_object_get_member (c, "theirs")));
}

static void
test_merge_bookkeeping_never_conflicts (void)
{
  const char *base = sidecar_full (document_info ("todo", "", T0), NULL, entity ("e1", "Putin", "PERSON"), NULL);
  const char *ours = sidecar_full (document_info ("done", "", T2), NULL, entity ("e1", "Putin", "PERSON"), NULL);
  const char *theirs_info = keep ("{\"status\": \"todo\", \"annotator\": \"\", \"created\": \"2026-10-01T08:00:00Z\", "
                                  "\"modified\": \"%s\", \"notes\": \"checked\"}", T1);
  const char *theirs = sidecar_full (theirs_info, NULL, entity ("e1", "Putin", "PERSON"), NULL);
  g_auto(Result) r = { 0 };
  JsonObject *document;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  document = json_object_get_object_member (r.top, "document");
  /* Members merge one by one; the later modified, the earlier created. */
  g_assert_cmpstr (string_of (document, "status"), ==, "done");
  g_assert_cmpstr (string_of (document, "notes"), ==, "checked");
  g_assert_cmpstr (string_of (document, "modified"), ==, T2);
  g_assert_cmpstr (string_of (document, "created"), ==, "2026-10-01T08:00:00Z");

  /* The article renamed on both sides: the later save wins. */
  {
    g_auto(Result) r2 = { 0 };
    const char *ours2 = keep ("%s", ours);
    const char *theirs2 = keep ("%s", theirs);
    char *at;

    at = strstr ((char *) ours2, "\"a.txt\"");
    memcpy (at, "\"o.txt\"", 7);
    at = strstr ((char *) theirs2, "\"a.txt\"");
    memcpy (at, "\"t.txt\"", 7);
    merge (&r2, base, ours2, theirs2);
    g_assert_cmpuint (r2.n_conflicts, ==, 0);
    g_assert_cmpstr (string_of (json_object_get_object_member (r2.top, "article"), "file"), ==, "o.txt");
  }
}

static void
test_merge_document_conflict (void)
{
  const char *base = sidecar_full (document_info ("todo", "", T0), NULL, entity ("e1", "Putin", "PERSON"), NULL);
  const char *ours = sidecar_full (document_info ("done", "", T1), NULL, entity ("e1", "Putin", "PERSON"), NULL);
  const char *theirs = sidecar_full (document_info ("in-progress", "", T2), NULL, entity ("e1", "Putin", "PERSON"), NULL);
  g_auto(Result) r = { 0 };
  JsonObject *c;

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 1);
  g_assert_cmpstr (string_of (json_object_get_object_member (r.top, "document"), "status"), ==, "done");
  c = conflict (&r, 0);
  g_assert_cmpstr (string_of (c, "kind"), ==, "document");
  g_assert_false (json_object_has_member (c, "id"));
  g_assert_cmpstr (string_of (json_object_get_object_member (c, "theirs"), "status"), ==, "in-progress");
  g_assert_cmpuint (n_warnings_containing (&r, "the document’s information was changed differently"), ==, 1);
}

static void
test_merge_empty_base (void)
{
  /* git's add/add: both sides added the sidecar. */
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0),
                                entity ("e2", "Biden", "PERSON"), mention ("m2", "e2", "PERSON", "Biden", 0));
  const char *bases[] = { NULL, "", "\n" };

  for (guint i = 0; i < G_N_ELEMENTS (bases); i++)
    {
      g_auto(Result) r = { 0 };

      merge (&r, bases[i], ours, theirs);
      g_assert_cmpuint (r.n_conflicts, ==, 0);
      g_assert_cmpuint (count (&r, "mentions"), ==, 2);
      g_assert_cmpuint (count (&r, "entities"), ==, 2);
    }
}

static void
test_merge_offsets_untouched (void)
{
  const char *base = sidecar (T0, entity ("e1", "family", "PERSON"), mention ("m1", "e1", "PERSON", "👩‍👩‍👧", 0));
  const char *ours = sidecar (T1, entity ("e1", "family", "PERSON"), mention ("m1", "e1", "PERSON", "👩‍👩‍👧", 0),
                              entity ("e2", "Ukraine", "GPE"), mention ("m2", "e2", "GPE", "🇺🇦", 0));
  const char *theirs = sidecar (T2, entity ("e1", "family", "PERSON"), mention ("m1", "e1", "PERSON", "👩‍👩‍👧", 0),
                                entity ("e2", "cafe", "ORG"), mention ("m2", "e2", "ORG", "Cafe\u0301 owners", 0));
  g_auto(Result) r = { 0 };
  const char *needles[] = { "👩‍👩‍👧", "🇺🇦", "Cafe\u0301 owners" };

  merge (&r, base, ours, theirs);
  g_assert_cmpuint (r.n_conflicts, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      JsonObject *m = find_at (&r, needles[i], 0);
      JsonObject *f = json_array_get_object_element (json_object_get_array_member (m, "fragments"), 0);
      guint start = offset_of (needles[i], 0);

      g_assert_cmpint (json_object_get_int_member (f, "start"), ==, start);
      g_assert_cmpint (json_object_get_int_member (f, "end"), ==, start + g_utf8_strlen (needles[i], -1));
      g_assert_cmpstr (json_object_get_string_member (f, "exact"), ==, needles[i]);
    }
  /* The sidecar reader found every quote at its offsets (merge() checked
   * there was no error): the CRLF before them counts two. */
  g_assert_cmpuint (offset_of ("👩", 0), ==, 28);
}

static void
test_merge_conflicts_survive_load_and_save (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "ORG", "Putin", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "GPE", "Putin", 0));
  g_auto(Result) r = { 0 };
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GBytes) saved = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *data;
  gsize length;

  merge (&r, base, ours, theirs);
  data = g_bytes_get_data (r.bytes, &length);
  document = glossator_sidecar_parse (text, "merged.json", data, length, NULL, NULL, &error);
  g_assert_no_error (error);

  /* An edit in the window, then a save. */
  glossator_document_set_notes (document, "looked at");
  glossator_document_set_mention_label (document, "m1", "PERSON");
  saved = glossator_sidecar_serialize (document, "a.txt");
  json_parser_load_from_data (parser, g_bytes_get_data (saved, NULL), g_bytes_get_size (saved), &error);
  g_assert_no_error (error);
  g_assert_true (json_node_equal (json_object_get_member (json_node_get_object (json_parser_get_root (parser)), "conflicts"),
                                  json_object_get_member (r.top, "conflicts")));
}

static void
test_merge_earlier_conflicts_kept_until_resolved (void)
{
  const char *old = "\"conflicts\": [{\"kind\": \"member\", \"id\": \"x\", \"ours\": 1, \"theirs\": 2}]";
  const char *base = sidecar_full (document_info ("todo", "", T0), old, entity ("e1", "Putin", "PERSON"), NULL);
  const char *ours = sidecar_full (document_info ("todo", "", T1), old, entity ("e1", "Putin", "PERSON"), NULL);
  const char *resolved = sidecar_full (document_info ("todo", "", T2), NULL, entity ("e1", "Putin", "PERSON"), NULL);

  {
    g_auto(Result) r = { 0 };

    merge (&r, base, ours, ours);
    g_assert_cmpuint (r.n_conflicts, ==, 0);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (r.top, "conflicts")), ==, 1);
  }
  {
    g_auto(Result) r = { 0 };

    merge (&r, base, ours, resolved);
    g_assert_false (json_object_has_member (r.top, "conflicts"));
  }
}

static void
test_merge_deterministic (void)
{
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0),
                              entity ("e10", "Biden", "PERSON"), mention ("m10", "e10", "PERSON", "Biden", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0),
                                entity ("e2", "Geneva", "LOC"), mention ("m2", "e2", "LOC", "Geneva", 0));
  g_auto(Result) a = { 0 };
  g_auto(Result) b = { 0 };
  JsonArray *entities;

  merge (&a, base, ours, theirs);
  merge (&b, base, ours, theirs);
  g_assert_true (g_bytes_equal (a.bytes, b.bytes));
  /* The writer's order: e2 before e10. */
  entities = json_object_get_array_member (a.top, "entities");
  g_assert_cmpstr (string_of (json_array_get_object_element (entities, 1), "id"), ==, "e2");
  g_assert_cmpstr (string_of (json_array_get_object_element (entities, 2), "id"), ==, "e10");
}

static void
assert_refused (const char *base,
                const char *ours,
                const char *theirs,
                int         code,
                const char *message)
{
  g_autoptr(GBytes) base_bytes = bytes_of (base);
  g_autoptr(GBytes) ours_bytes = bytes_of (ours);
  g_autoptr(GBytes) theirs_bytes = bytes_of (theirs);
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GError) error = NULL;

  merged = glossator_merge_sidecars ("base.json", base_bytes, "ours.json", ours_bytes,
                                     "theirs.json", theirs_bytes, NULL, &error);
  g_assert_null (merged);
  g_assert_error (error, GLOSSATOR_MERGE_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_merge_invalid_input_refused (void)
{
  const char *good = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *dangling = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e2", "PERSON", "Putin", 0));
  const char *twice = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0),
                               mention ("m1", "e1", "PERSON", "Biden", 0));
  g_autofree char *other_text = g_strdup (good);

  memcpy (strstr (other_text, "\"sha256\": \"") + 11, "00", 2);

  assert_refused (good, "{\"format\": 1,", good, GLOSSATOR_MERGE_ERROR_INVALID,
                  "ours.json: $: not JSON: unexpected end of the data at line 1, column 14 (expected a member name in quotes)");
  assert_refused (good, good, "[]", GLOSSATOR_MERGE_ERROR_INVALID,
                  "theirs.json: $: expected a JSON object at the top");
  assert_refused ("{\"format\": \"other\"}", good, good, GLOSSATOR_MERGE_ERROR_INVALID,
                  "base.json: $.format: not a Glossator sidecar (expected “glossator-sidecar”)");
  assert_refused (good, dangling, good, GLOSSATOR_MERGE_ERROR_INVALID,
                  "ours.json: $.mentions[0].entity: no entity “e2”");
  assert_refused (good, good, twice, GLOSSATOR_MERGE_ERROR_INVALID,
                  "theirs.json: $.mentions[1].id: “m1” is used twice");
  assert_refused (good, "", good, GLOSSATOR_MERGE_ERROR_INVALID, "ours.json: $: empty, not a sidecar");
  assert_refused (good, good, other_text, GLOSSATOR_MERGE_ERROR_DIFFERENT_TEXT,
                  "ours.json and theirs.json annotate different versions of the article (their "
                  "article.sha256 differ): open each in Glossator with the article as it is now, save, "
                  "and merge again");
}

static void
test_merge_files_writes_ours_only_when_valid (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  const char *base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  const char *ours = sidecar (T1, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "ORG", "Putin", 0));
  const char *theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0),
                                entity ("e2", "Biden", "PERSON"), mention ("m2", "e2", "PERSON", "Biden", 0));
  g_autoptr(GFile) base_file = test_util_write_gfile (dir, "base", base, -1);
  g_autoptr(GFile) ours_file = test_util_write_gfile (dir, "ours", ours, -1);
  g_autoptr(GFile) theirs_file = test_util_write_gfile (dir, "theirs", theirs, -1);
  g_autoptr(GFile) missing = g_file_new_build_filename (dir, "missing", NULL);
  g_autoptr(GFile) broken = test_util_write_gfile (dir, "broken", "{\"format\": \"glossator-sidecar\", \"version\": 2}", -1);
  g_autoptr(GError) error = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *contents = NULL;
  guint n_conflicts = G_MAXUINT;

  /* An error leaves ours as it was, and nothing beside it. */
  g_assert_false (glossator_merge_files (base_file, ours_file, broken, "a.txt.annotations.json",
                                         &n_conflicts, NULL, &error));
  g_assert_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "a.txt.annotations.json (theirs): $.version: expected format version 1");
  g_clear_error (&error);
  g_assert_false (glossator_merge_files (base_file, ours_file, missing, NULL, &n_conflicts, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  contents = test_util_read_file (dir, "ours");
  g_assert_cmpstr (contents, ==, ours);
  g_clear_pointer (&contents, g_free);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "base broken ours theirs");

  /* A missing base is an empty one. */
  g_assert_true (glossator_merge_files (missing, ours_file, theirs_file, NULL, &n_conflicts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);

  g_assert_true (glossator_merge_files (base_file, ours_file, theirs_file, NULL, &n_conflicts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts, ==, 0);
  contents = test_util_read_file (dir, "ours");
  g_assert_nonnull (strstr (contents, "\"label\": \"ORG\""));
  g_assert_nonnull (strstr (contents, "\"name\": \"Biden\""));
  g_clear_pointer (&listing, g_free);
  listing = test_util_list_folder (dir);
  g_assert_cmpstr (listing, ==, "base broken ours theirs");

  test_util_remove_tree (dir);
}

/* A conflict holds an annotation one level deeper than the sidecar did:
 * one nested up to the limit cannot be recorded, and the merge says so
 * rather than write what the sidecar reader would refuse. */
static void
test_merge_too_deep_for_a_conflict_refused (void)
{
  g_autoptr(GString) deep = g_string_new (NULL);
  const char *base, *ours, *theirs;
  g_autoptr(GBytes) base_bytes = NULL;
  g_autoptr(GBytes) ours_bytes = NULL;
  g_autoptr(GBytes) theirs_bytes = NULL;
  g_autoptr(GBytes) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint levels = GLOSSATOR_JSON_MAX_DEPTH - 4;   /* the sidecar, "mentions", the mention, "attributes" */

  for (guint i = 1; i < levels; i++)
    g_string_append (deep, "{\"a\": ");
  g_string_append (deep, "{}");
  for (guint i = 1; i < levels; i++)
    g_string_append_c (deep, '}');

  base = sidecar (T0, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "PERSON", "Putin", 0));
  ours = sidecar (T1, entity ("e1", "Putin", "PERSON"),
                  keep ("{\"id\": \"m1\", \"label\": \"ORG\", \"entity\": \"e1\", \"fragments\": [%s], "
                        "\"attributes\": {\"deep\": %s}}", fragment ("Putin", 0), deep->str));
  theirs = sidecar (T2, entity ("e1", "Putin", "PERSON"), mention ("m1", "e1", "GPE", "Putin", 0));
  g_assert_true (glossator_json_guard (ours, strlen (ours), &path, &error));
  g_assert_no_error (error);

  base_bytes = bytes_of (base);
  ours_bytes = bytes_of (ours);
  theirs_bytes = bytes_of (theirs);
  merged = glossator_merge_sidecars ("base.json", base_bytes, "ours.json", ours_bytes,
                                     "theirs.json", theirs_bytes, NULL, &error);
  g_assert_null (merged);
  g_assert_error (error, GLOSSATOR_MERGE_ERROR, GLOSSATOR_MERGE_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "ours.json: not merged: the result would be invalid ($.conflicts[0].ours.attributes."));
  g_assert_nonnull (strstr (error->message, "nested deeper than 512 levels"));
}

/* Ids */

static GlossatorMention *
create (GlossatorDocument *document,
        const char        *needle,
        const char        *entity_id)
{
  guint start = offset_of (needle, 0);
  guint end = start + g_utf8_strlen (needle, -1);
  g_autoptr(GError) error = NULL;
  GlossatorMention *mention;

  mention = glossator_document_create_mention (document, "PERSON", &start, &end, 1, entity_id, &error);
  g_assert_no_error (error);
  return mention;
}

static void
test_ids_plain_by_default (void)
{
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  g_autoptr(GlossatorMention) putin = create (document, "Putin", NULL);
  g_autoptr(GlossatorMention) biden = create (document, "Biden", NULL);

  g_assert_null (glossator_document_get_id_suffix (document));
  g_assert_cmpstr (putin->id, ==, "m1");
  g_assert_cmpstr (putin->entity_id, ==, "e1");
  g_assert_cmpstr (biden->id, ==, "m2");
}

static void
test_ids_suffixed_in_team_mode (void)
{
  g_autoptr(GlossatorDocument) document = NULL;
  g_autoptr(GlossatorMention) putin = NULL;
  g_autoptr(GlossatorMention) biden = NULL;
  g_autoptr(GlossatorMention) geneva = NULL;
  g_autoptr(GError) error = NULL;
  /* Ids another annotator's suffix gave count like plain ones. */
  const char *json = sidecar (T0, entity ("e12-ab12", "Putin", "PERSON"), entity ("e3", "Kim", "PERSON"),
                              mention ("m12-ab12", "e12-ab12", "PERSON", "Putin", 1));

  document = glossator_sidecar_parse (text, "a.json", json, strlen (json), NULL, NULL, &error);
  g_assert_no_error (error);
  glossator_document_set_id_suffix (document, "k3f9");
  putin = create (document, "Putin", "e12-ab12");
  g_assert_cmpstr (putin->id, ==, "m13-k3f9");
  biden = create (document, "Biden", NULL);
  g_assert_cmpstr (biden->id, ==, "m14-k3f9");
  g_assert_cmpstr (biden->entity_id, ==, "e13-k3f9");

  glossator_document_set_id_suffix (document, NULL);
  geneva = create (document, "Geneva", NULL);
  g_assert_cmpstr (geneva->id, ==, "m15");

  g_assert_true (glossator_id_suffix_is_valid (glossator_id_session_suffix ()));
  g_assert_cmpuint (strlen (glossator_id_session_suffix ()), ==, 4);
  g_assert_true (g_ascii_isalpha (glossator_id_session_suffix ()[0]));
  g_assert_cmpstr (glossator_id_session_suffix (), ==, glossator_id_session_suffix ());
  g_assert_false (glossator_id_suffix_is_valid ("K3F9"));
  g_assert_false (glossator_id_suffix_is_valid ("a-b"));
  g_assert_false (glossator_id_suffix_is_valid ("abcdefghi"));
}

/* A session in a repository set up with setup-git suffixes new ids; one
 * elsewhere does not. */
static void
test_ids_session_in_set_up_repository (void)
{
  g_autofree char *dir = test_util_make_temp_dir ();
  g_autofree char *repo = g_build_filename (dir, "repo", NULL);
  g_autofree char *git = g_build_filename (repo, ".git", NULL);
  g_autoptr(GFile) article_file = test_util_write_gfile (repo, "news/a.txt", article, -1);
  g_autoptr(GFile) plain_file = test_util_write_gfile (dir, "plain/a.txt", article, -1);
  g_autoptr(GFile) news = g_file_get_parent (article_file);
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GlossatorSession) plain = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (git, 0700), ==, 0);
  test_util_write_file (repo, ".gitattributes", "*.txt text\n", -1);
  g_assert_false (glossator_merge_is_set_up (news, NULL));
  test_util_write_file (repo, ".gitattributes", "*.txt text\n# *.x merge=glossator\n*.annotations.json\tmerge=glossator\n", -1);
  g_assert_true (glossator_merge_is_set_up (news, NULL));

  session = glossator_session_open (article_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (glossator_document_get_id_suffix (glossator_session_get_document (session)), ==,
                   glossator_id_session_suffix ());

  plain = glossator_session_open (plain_file, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (glossator_document_get_id_suffix (glossator_session_get_document (plain)));

  test_util_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  chunk = g_string_chunk_new (4096);
  text = glossator_text_new (article, -1, &error);
  g_assert_no_error (error);

  g_test_add_func ("/merge/one-side-changes-taken", test_merge_one_side_changes_taken);
  g_test_add_func ("/merge/same-change-taken-once", test_merge_same_change_taken_once);
  g_test_add_func ("/merge/additions-renumbered-with-references", test_merge_additions_renumbered_with_references);
  g_test_add_func ("/merge/stances-matched-by-content", test_merge_stances_matched_by_content);
  g_test_add_func ("/merge/delete-vs-change-conflict", test_merge_delete_vs_change_conflict);
  g_test_add_func ("/merge/change-vs-change-conflict", test_merge_change_vs_change_conflict);
  g_test_add_func ("/merge/same-change-other-times-no-conflict", test_merge_same_change_other_times_no_conflict);
  g_test_add_func ("/merge/only-modified-no-conflict", test_merge_only_modified_no_conflict);
  g_test_add_func ("/merge/authorship-alone-never-conflicts", test_merge_authorship_alone_never_conflicts);
  g_test_add_func ("/merge/deleted-entity-still-used", test_merge_deleted_entity_still_used);
  g_test_add_func ("/merge/bookkeeping-never-conflicts", test_merge_bookkeeping_never_conflicts);
  g_test_add_func ("/merge/document-conflict", test_merge_document_conflict);
  g_test_add_func ("/merge/empty-base", test_merge_empty_base);
  g_test_add_func ("/merge/offsets-untouched", test_merge_offsets_untouched);
  g_test_add_func ("/merge/conflicts-survive-load-and-save", test_merge_conflicts_survive_load_and_save);
  g_test_add_func ("/merge/earlier-conflicts-kept-until-resolved", test_merge_earlier_conflicts_kept_until_resolved);
  g_test_add_func ("/merge/deterministic", test_merge_deterministic);
  g_test_add_func ("/merge/invalid-input-refused", test_merge_invalid_input_refused);
  g_test_add_func ("/merge/files-write-ours-only-when-valid", test_merge_files_writes_ours_only_when_valid);
  g_test_add_func ("/merge/too-deep-for-a-conflict-refused", test_merge_too_deep_for_a_conflict_refused);
  g_test_add_func ("/merge/ids/plain-by-default", test_ids_plain_by_default);
  g_test_add_func ("/merge/ids/suffixed-in-team-mode", test_ids_suffixed_in_team_mode);
  g_test_add_func ("/merge/ids/session-in-set-up-repository", test_ids_session_in_set_up_repository);

  status = g_test_run ();
  g_clear_pointer (&text, glossator_text_unref);
  g_string_chunk_free (chunk);
  return status;
}

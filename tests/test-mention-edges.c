/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <json-glib/json-glib.h>

#include "glossator-sidecar.h"
#include "test-util.h"

/* Moving a mention's start and end: the same mention over a new span,
 * one undo step, whole grapheme clusters, snapping, and refusals that
 * change nothing. */

static const char article[] =
  BOM "The Chinese Foreign Ministry said " FAMILY " Korea's envoy met " FLAG_UA " at "
  CAFE_NFD " Lisboa, (Portugal).\r\n";

static GlossatorDocument *
new_document (void)
{
  g_autoptr(GlossatorText) text = test_util_text_from_data (article);

  return glossator_document_new (text);
}

static char *
span_text (GlossatorDocument *doc,
           const char        *id)
{
  return glossator_mention_dup_text (glossator_document_get_mention (doc, id),
                                     glossator_document_get_text (doc));
}

static guint
offset_of (GlossatorDocument *doc,
           const char        *needle)
{
  return test_util_text_offset (glossator_document_get_text (doc), needle, 0);
}

static void
step (GlossatorDocument *doc,
      const char        *id,
      GlossatorEdge      edge,
      GlossatorEdgeStep  unit,
      gboolean           forward,
      gboolean           snap)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (glossator_document_step_mention_edge (doc, id, edge, unit, forward, snap, &error));
  g_assert_no_error (error);
}

static void
assert_text (GlossatorDocument *doc,
             const char        *id,
             const char        *expected)
{
  g_autofree char *text = span_text (doc, id);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_edges_keep_identity (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  g_autoptr(GlossatorMention) ministry = NULL;
  g_autoptr(GlossatorMention) korea = NULL;
  g_autoptr(GlossatorMention) before = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GPtrArray) at_chinese = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GlossatorMention *now;
  GlossatorStance *stored;
  gboolean found = FALSE;
  JsonObject *fragment;
  JsonArray *mentions;

  glossator_document_set_author (doc, "Zoë");
  ministry = test_util_tag (doc, "Foreign Ministry", 0, "ORG", NULL);
  korea = test_util_tag (doc, "Korea", 0, "GPE", NULL);
  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, ministry->entity_id);
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, korea->entity_id);
  glossator_span_set_quote (glossator_stance_add_evidence (stance, offset_of (doc, "said"),
                                                          offset_of (doc, "said") + 4),
                            glossator_document_get_text (doc));
  glossator_document_put_stance (doc, stance);
  stored = glossator_document_get_stance (doc, "s1");
  before = glossator_mention_ref (glossator_document_get_mention (doc, ministry->id));

  step (doc, ministry->id, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, FALSE, TRUE);
  assert_text (doc, ministry->id, "Chinese Foreign Ministry");
  now = glossator_document_get_mention (doc, ministry->id);
  g_assert_cmpstr (now->entity_id, ==, ministry->entity_id);
  g_assert_cmpstr (now->label, ==, "ORG");
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 2);
  g_assert_cmpuint (glossator_document_get_n_entities (doc), ==, 2);
  g_assert_nonnull (glossator_document_get_entity (doc, now->entity_id));
  /* The stance is not even touched: it names the entity, which stays. */
  g_assert_true (glossator_document_get_stance (doc, "s1") == stored);
  g_assert_cmpstr (stored->holder_entity, ==, now->entity_id);
  g_assert_cmpstr (now->fragments[0].exact, ==, "Chinese Foreign Ministry");
  g_assert_cmpstr (now->authorship.author, ==, "Zoë");
  g_assert_cmpstr (now->authorship.created, ==, before->authorship.created);
  g_assert_true (glossator_authorship_time_is_valid (now->authorship.modified));
  /* The interval index follows the move. */
  at_chinese = glossator_document_mentions_at (doc, offset_of (doc, "Chinese"));
  g_assert_cmpuint (at_chinese->len, ==, 1);

  /* The sidecar holds the new fragment and its text. */
  bytes = glossator_sidecar_serialize (doc, "a.txt");
  g_assert_true (json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);
  mentions = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "mentions");
  for (guint i = 0; i < json_array_get_length (mentions); i++)
    {
      JsonObject *mention = json_array_get_object_element (mentions, i);

      if (!g_str_equal (json_object_get_string_member (mention, "id"), ministry->id))
        continue;
      g_assert_cmpstr (json_object_get_string_member (mention, "entity"), ==, ministry->entity_id);
      fragment = json_array_get_object_element (json_object_get_array_member (mention, "fragments"), 0);
      g_assert_cmpint (json_object_get_int_member (fragment, "start"), ==, offset_of (doc, "Chinese"));
      g_assert_cmpstr (json_object_get_string_member (fragment, "exact"), ==, "Chinese Foreign Ministry");
      g_assert_true (json_object_has_member (mention, "modified"));
      found = TRUE;
    }
  g_assert_true (found);

  /* One undo step each way. */
  g_assert_cmpstr (glossator_document_get_undo_description (doc), ==, "Move mention start");
  g_assert_true (glossator_document_undo (doc));
  assert_text (doc, ministry->id, "Foreign Ministry");
  g_assert_true (glossator_document_get_mention (doc, ministry->id) == before);
  g_assert_true (glossator_document_redo (doc));
  assert_text (doc, ministry->id, "Chinese Foreign Ministry");
  g_assert_cmpstr (glossator_document_get_mention (doc, ministry->id)->entity_id, ==, ministry->entity_id);

  step (doc, ministry->id, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, FALSE, TRUE);
  assert_text (doc, ministry->id, "Chinese Foreign");
  g_assert_cmpstr (glossator_document_get_undo_description (doc), ==, "Move mention end");
  step (doc, ministry->id, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE);
  assert_text (doc, ministry->id, "Foreign");
  step (doc, ministry->id, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE);
  assert_text (doc, ministry->id, "Foreign Ministry");
  g_assert_true (glossator_document_undo (doc));
  g_assert_true (glossator_document_undo (doc));
  g_assert_true (glossator_document_undo (doc));
  assert_text (doc, ministry->id, "Chinese Foreign Ministry");
}

static void
test_edges_graphemes (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  g_autofree char *said = test_util_tag_id (doc, "said", 0, "EVENT", NULL);
  g_autofree char *met = test_util_tag_id (doc, "met", 0, "EVENT", NULL);
  g_autofree char *cafe = test_util_tag_id (doc, "Caf", 0, "ORG", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;
  guint family = offset_of (doc, FAMILY);

  /* A character step never splits a cluster: the space, then the whole
   * family (five code points), then the flag (two). */
  step (doc, said, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, said, "said ");
  step (doc, said, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, said, "said " FAMILY);
  g_assert_cmpuint (glossator_mention_get_end (glossator_document_get_mention (doc, said)), ==, family + 5);
  step (doc, said, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, FALSE);
  assert_text (doc, said, "said ");

  step (doc, met, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  step (doc, met, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, met, "met " FLAG_UA);
  step (doc, met, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, met, "et " FLAG_UA);

  /* NFD: the accent comes with its letter. */
  step (doc, cafe, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, cafe, CAFE_NFD);

  /* An offset inside a cluster takes the whole cluster. */
  g_assert_true (glossator_document_move_mention_edge (doc, said, GLOSSATOR_EDGE_END, family + 2, FALSE, &error));
  g_assert_no_error (error);
  assert_text (doc, said, "said " FAMILY);
  g_assert_true (glossator_document_move_mention_edge (doc, met, GLOSSATOR_EDGE_START,
                                                       offset_of (doc, FLAG_UA) + 1, FALSE, &error));
  g_assert_no_error (error);
  assert_text (doc, met, FLAG_UA);
  all = glossator_document_list_mentions (doc);
  for (guint i = 0; i < all->len; i++)
    {
      GlossatorMention *m = all->pdata[i];

      g_assert_true (glossator_text_is_grapheme_boundary (glossator_document_get_text (doc), m->fragments[0].start));
      g_assert_true (glossator_text_is_grapheme_boundary (glossator_document_get_text (doc), m->fragments[0].end));
    }
}

static void
test_edges_snapping (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  g_autofree char *korea = test_util_tag_id (doc, "Korea", 0, "GPE", NULL);
  g_autofree char *lisboa = test_util_tag_id (doc, "Lisboa", 0, "GPE", NULL);
  g_autofree char *ministry = test_util_tag_id (doc, "Ministry", 0, "ORG", NULL);
  g_autoptr(GError) error = NULL;

  /* Snapping leaves out the possessive and the space after it. */
  step (doc, korea, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, TRUE);
  assert_text (doc, korea, "Korea's envoy");
  g_assert_true (glossator_document_undo (doc));
  step (doc, korea, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE);
  assert_text (doc, korea, "Korea's envoy");
  g_assert_true (glossator_document_undo (doc));
  step (doc, korea, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, korea, "Korea'");

  /* ...and edge punctuation. */
  step (doc, lisboa, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, TRUE);
  assert_text (doc, lisboa, "Lisboa, (Portugal");
  step (doc, lisboa, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, TRUE);
  assert_text (doc, lisboa, "Lisboa");
  step (doc, lisboa, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  assert_text (doc, lisboa, "Lisboa,");

  /* A character step into a word takes the word when snapping. */
  step (doc, ministry, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, TRUE);
  assert_text (doc, ministry, "Foreign Ministry");
  step (doc, ministry, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, FALSE);
  assert_text (doc, ministry, " Foreign Ministry");

  /* A drag lands on the word's edge. */
  g_assert_true (glossator_document_move_mention_edge (doc, ministry, GLOSSATOR_EDGE_START,
                                                       offset_of (doc, "hinese"), TRUE, &error));
  g_assert_no_error (error);
  assert_text (doc, ministry, "Chinese Foreign Ministry");
  g_assert_true (glossator_document_move_mention_edge (doc, ministry, GLOSSATOR_EDGE_END,
                                                       offset_of (doc, "aid"), TRUE, &error));
  g_assert_no_error (error);
  assert_text (doc, ministry, "Chinese Foreign Ministry said");
}

static void
assert_refused (GlossatorDocument *doc,
                const char        *id,
                GlossatorEdge      edge,
                GlossatorEdgeStep  unit,
                gboolean           forward,
                gboolean           snap,
                int                code)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = span_text (doc, id);
  guint64 revision = glossator_document_get_revision (doc);
  const char *undo = glossator_document_get_undo_description (doc);

  g_assert_false (glossator_document_step_mention_edge (doc, id, edge, unit, forward, snap, &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, code);
  assert_text (doc, id, before);
  g_assert_cmpuint (glossator_document_get_revision (doc), ==, revision);
  g_assert_true (glossator_document_get_undo_description (doc) == undo);
}

static void
test_edges_refused (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  g_autofree char *said = test_util_tag_id (doc, "said", 0, "EVENT", NULL);
  g_autofree char *the = test_util_tag_id (doc, "The", 0, "MISC", NULL);
  g_autofree char *outer = test_util_tag_id (doc, "Chinese Foreign Ministry", 0, "ORG", NULL);
  g_autofree char *shorter = test_util_tag_id (doc, "Chinese Foreign", 0, "ORG", NULL);
  g_autofree char *norp = test_util_tag_id (doc, "Chinese Foreign", 0, "NORP", NULL);
  g_autofree char *last = test_util_tag_id (doc, "Portugal).\r\n", 0, "GPE", NULL);
  g_autoptr(GError) error = NULL;

  /* Empty. */
  assert_refused (doc, said, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, FALSE, TRUE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  assert_refused (doc, said, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_WORD, TRUE, FALSE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  assert_refused (doc, said, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, TRUE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  g_assert_false (glossator_document_move_mention_edge (doc, said, GLOSSATOR_EDGE_START,
                                                        offset_of (doc, "said") + 4, FALSE, &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  g_clear_error (&error);
  /* Nowhere further: the text's start and end. */
  assert_refused (doc, the, GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, FALSE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  assert_refused (doc, last, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  /* The same span and label as another mention; another label may. */
  assert_refused (doc, shorter, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE,
                  GLOSSATOR_DOCUMENT_ERROR_DUPLICATE);
  step (doc, norp, GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE);
  assert_text (doc, norp, "Chinese Foreign Ministry");
  assert_text (doc, outer, "Chinese Foreign Ministry");
  /* No mention. */
  g_assert_false (glossator_document_step_mention_edge (doc, "m404", GLOSSATOR_EDGE_END,
                                                        GLOSSATOR_EDGE_STEP_WORD, TRUE, TRUE, &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_UNKNOWN_ID);
}

static void
test_edges_orphan_refused (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  g_autoptr(GlossatorMention) orphan = glossator_mention_new ("m1", "ORG", "e1");
  GlossatorSpan *span = glossator_mention_add_fragment (orphan, 4, 11);

  span->orphaned = TRUE;
  test_util_put_entity (doc, "e1");
  glossator_document_put_mention (doc, orphan);
  assert_refused (doc, "m1", GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, TRUE, FALSE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
}

static void
test_edges_discontinuous (void)
{
  g_autoptr(GlossatorDocument) doc = new_document ();
  GlossatorMention *now;

  test_util_put_mention (doc, "m1", "ORG", "e1", "Chinese", 0, "Ministry");
  step (doc, "m1", GLOSSATOR_EDGE_START, GLOSSATOR_EDGE_STEP_CHARACTER, TRUE, FALSE);
  step (doc, "m1", GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_CHARACTER, FALSE, FALSE);
  assert_text (doc, "m1", "hinese Ministr");
  now = glossator_document_get_mention (doc, "m1");
  g_assert_cmpuint (now->n_fragments, ==, 2);
  g_assert_cmpuint (now->fragments[0].end, ==, offset_of (doc, " Foreign"));
  g_assert_cmpuint (now->fragments[1].start, ==, offset_of (doc, "Ministry"));
  g_assert_cmpstr (now->fragments[0].exact, ==, "hinese");
  g_assert_cmpstr (now->fragments[1].exact, ==, "Ministr");
  /* The end moves within the last fragment only. */
  assert_refused (doc, "m1", GLOSSATOR_EDGE_END, GLOSSATOR_EDGE_STEP_WORD, FALSE, FALSE,
                  GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mention-edges/keep-identity", test_edges_keep_identity);
  g_test_add_func ("/mention-edges/graphemes", test_edges_graphemes);
  g_test_add_func ("/mention-edges/snapping", test_edges_snapping);
  g_test_add_func ("/mention-edges/refused", test_edges_refused);
  g_test_add_func ("/mention-edges/orphan-refused", test_edges_orphan_refused);
  g_test_add_func ("/mention-edges/discontinuous", test_edges_discontinuous);

  return g_test_run ();
}

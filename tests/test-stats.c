/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-test-stats"

#include "config.h"

#include "glossator-stats.h"
#include "test-util.h"

#define ORG_JA "\xe7\xb5\x84\xe7\xb9\x94"                                              /* 組織, 2 wide characters */

static void
put_entity (GlossatorDocument *document,
            const char        *id,
            const char        *name,
            const char        *label)
{
  g_autoptr(GlossatorEntity) entity = glossator_entity_new (id, name, label);

  glossator_document_put_entity (document, entity);
}

static void
put_mention (GlossatorDocument *document,
             const char        *id,
             const char        *label,
             const char        *entity_id,
             guint              start,
             guint              end,
             gboolean           orphaned)
{
  g_autoptr(GlossatorMention) mention = glossator_mention_new (id, label, entity_id);
  GlossatorSpan *span = glossator_mention_add_fragment (mention, start, end);

  glossator_span_set_quote (span, glossator_document_get_text (document));
  span->orphaned = orphaned;
  glossator_document_put_mention (document, mention);
}

/* Putin [0, 5), Zelensky [10, 18), Kyiv [22, 26); the family and the flag
 * make code points and bytes differ. */
static GlossatorDocument *
make_first (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new ("Putin met Zelensky in Kyiv " FAMILY " " FLAG_UA ".\r\n");
  GlossatorDocument *document = glossator_document_new (text);
  g_autoptr(GlossatorStance) stance = glossator_stance_new ("s1", "against");
  GlossatorSpan *evidence;

  glossator_document_set_status (document, GLOSSATOR_STATUS_DONE);
  put_entity (document, "e1", "Vladimir Putin", "PERSON");
  put_entity (document, "e2", "Volodymyr Zelensky", "PERSON");
  put_entity (document, "e3", "Kyiv", "GPE");
  put_mention (document, "m1", "PERSON", "e1", 0, 5, FALSE);
  put_mention (document, "m2", "PERSON", "e2", 10, 18, FALSE);
  put_mention (document, "m3", "GPE", "e3", 22, 26, TRUE);

  glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, "e1");
  glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, "e2");
  evidence = glossator_stance_add_evidence (stance, 0, 18);
  evidence->orphaned = TRUE;
  glossator_stance_add_evidence (stance, 22, 26);
  glossator_document_put_stance (document, stance);

  return document;
}

/* One discontinuous mention, two stances, nothing orphaned. */
static GlossatorDocument *
make_second (void)
{
  g_autoptr(GlossatorText) text = test_util_text_new ("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d Cafe\xcc\x81 " ORG_JA " workers\tstrike");
  GlossatorDocument *document = glossator_document_new (text);
  g_autoptr(GlossatorMention) mention = glossator_mention_new ("m1", ORG_JA, "e1");
  g_autoptr(GlossatorStance) favor = glossator_stance_new ("s1", "favor");
  g_autoptr(GlossatorStance) against = glossator_stance_new ("s2", "against");

  glossator_document_set_status (document, GLOSSATOR_STATUS_IN_PROGRESS);
  put_entity (document, "e1", ORG_JA, ORG_JA);
  glossator_mention_add_fragment (mention, 10, 12);
  glossator_mention_add_fragment (mention, 13, 20);
  glossator_document_put_mention (document, mention);

  glossator_stance_set_holder (favor, GLOSSATOR_HOLDER_AUTHOR, NULL);
  glossator_stance_set_target (favor, GLOSSATOR_TARGET_TOPIC, "strikes");
  glossator_document_put_stance (document, favor);
  glossator_stance_set_target (against, GLOSSATOR_TARGET_ENTITY, "e1");
  glossator_stance_add_evidence (against, 13, 27);
  glossator_document_put_stance (document, against);

  return document;
}

static GlossatorStats *
make_stats (void)
{
  g_autoptr(GlossatorDocument) first = make_first ();
  g_autoptr(GlossatorDocument) second = make_second ();
  GlossatorStats *stats = glossator_stats_new ();

  glossator_stats_add_document (stats, first);
  for (guint i = 0; i < 10; i++)
    glossator_stats_add_unannotated (stats);
  glossator_stats_add_document (stats, second);

  return stats;
}

static void
test_counts (void)
{
  g_autoptr(GlossatorStats) stats = make_stats ();
  g_auto(GStrv) labels = glossator_stats_dup_labels (stats);
  g_auto(GStrv) polarities = glossator_stats_dup_polarities (stats);
  static const char * const expected_labels[] = { "GPE", "PERSON", ORG_JA, NULL };
  static const char * const expected_polarities[] = { "against", "favor", NULL };

  g_assert_cmpuint (glossator_stats_get_n_documents (stats), ==, 12);
  g_assert_cmpuint (glossator_stats_get_n_documents_with_status (stats, GLOSSATOR_STATUS_TODO), ==, 10);
  g_assert_cmpuint (glossator_stats_get_n_documents_with_status (stats, GLOSSATOR_STATUS_IN_PROGRESS), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_documents_with_status (stats, GLOSSATOR_STATUS_DONE), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_unannotated (stats), ==, 10);

  g_assert_cmpuint (glossator_stats_get_n_mentions (stats), ==, 4);
  g_assert_cmpuint (glossator_stats_get_n_mentions_with_label (stats, "PERSON"), ==, 2);
  g_assert_cmpuint (glossator_stats_get_n_mentions_with_label (stats, "GPE"), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_mentions_with_label (stats, ORG_JA), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_mentions_with_label (stats, "ORG"), ==, 0);

  g_assert_cmpuint (glossator_stats_get_n_entities (stats), ==, 4);
  g_assert_cmpuint (glossator_stats_get_n_entities_with_label (stats, "PERSON"), ==, 2);
  g_assert_cmpuint (glossator_stats_get_n_entities_with_label (stats, "GPE"), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_entities_with_label (stats, ORG_JA), ==, 1);

  g_assert_cmpuint (glossator_stats_get_n_stances (stats), ==, 3);
  g_assert_cmpuint (glossator_stats_get_n_stances_with_polarity (stats, "against"), ==, 2);
  g_assert_cmpuint (glossator_stats_get_n_stances_with_polarity (stats, "favor"), ==, 1);
  g_assert_cmpuint (glossator_stats_get_n_stances_with_polarity (stats, "neutral"), ==, 0);

  /* m3's fragment and the first evidence of s1. */
  g_assert_cmpuint (glossator_stats_get_n_orphaned_spans (stats), ==, 2);

  g_assert_true (g_strv_equal ((const char * const *) labels, expected_labels));
  g_assert_true (g_strv_equal ((const char * const *) polarities, expected_polarities));
}

static void
test_text (void)
{
  g_autoptr(GlossatorStats) stats = make_stats ();
  g_autofree char *text = glossator_stats_to_text (stats);

  /* Wide characters count two columns. */
  g_assert_cmpstr (text, ==,
    "Documents          12\n"
    "  todo             10\n"
    "  in-progress       1\n"
    "  done              1\n"
    "  without sidecar  10\n"
    "Mentions            4\n"
    "  GPE               1\n"
    "  PERSON            2\n"
    "  " ORG_JA "              1\n"
    "Entities            4\n"
    "  GPE               1\n"
    "  PERSON            2\n"
    "  " ORG_JA "              1\n"
    "Stances             3\n"
    "  against           2\n"
    "  favor             1\n"
    "Orphaned spans      2\n");
}

static void
test_json (void)
{
  g_autoptr(GlossatorStats) stats = make_stats ();
  g_autofree char *json = glossator_stats_to_json (stats);

  g_assert_cmpstr (json, ==,
    "{\n"
    "  \"documents\" : {\n"
    "    \"total\" : 12,\n"
    "    \"by_status\" : {\n"
    "      \"todo\" : 10,\n"
    "      \"in-progress\" : 1,\n"
    "      \"done\" : 1\n"
    "    },\n"
    "    \"without_sidecar\" : 10\n"
    "  },\n"
    "  \"mentions\" : {\n"
    "    \"total\" : 4,\n"
    "    \"by_label\" : {\n"
    "      \"GPE\" : 1,\n"
    "      \"PERSON\" : 2,\n"
    "      \"" ORG_JA "\" : 1\n"
    "    }\n"
    "  },\n"
    "  \"entities\" : {\n"
    "    \"total\" : 4,\n"
    "    \"by_label\" : {\n"
    "      \"GPE\" : 1,\n"
    "      \"PERSON\" : 2,\n"
    "      \"" ORG_JA "\" : 1\n"
    "    }\n"
    "  },\n"
    "  \"stances\" : {\n"
    "    \"total\" : 3,\n"
    "    \"by_polarity\" : {\n"
    "      \"against\" : 2,\n"
    "      \"favor\" : 1\n"
    "    }\n"
    "  },\n"
    "  \"orphaned_spans\" : 2\n"
    "}\n");
}

/* The order documents arrive in changes nothing. */
static void
test_order_independent (void)
{
  g_autoptr(GlossatorDocument) first = make_first ();
  g_autoptr(GlossatorDocument) second = make_second ();
  g_autoptr(GlossatorStats) forward = glossator_stats_new ();
  g_autoptr(GlossatorStats) backward = glossator_stats_new ();
  g_autofree char *forward_json = NULL;
  g_autofree char *backward_json = NULL;

  glossator_stats_add_document (forward, first);
  glossator_stats_add_document (forward, second);
  glossator_stats_add_document (backward, second);
  glossator_stats_add_document (backward, first);

  forward_json = glossator_stats_to_json (forward);
  backward_json = glossator_stats_to_json (backward);
  g_assert_cmpstr (forward_json, ==, backward_json);
}

static void
test_empty (void)
{
  g_autoptr(GlossatorStats) stats = glossator_stats_new ();
  g_autofree char *text = glossator_stats_to_text (stats);
  g_autoptr(JsonNode) node = glossator_stats_to_json_node (stats);
  g_auto(GStrv) labels = glossator_stats_dup_labels (stats);
  JsonObject *root;

  g_assert_cmpstr (text, ==,
    "Documents          0\n"
    "  todo             0\n"
    "  in-progress      0\n"
    "  done             0\n"
    "  without sidecar  0\n"
    "Mentions           0\n"
    "Entities           0\n"
    "Stances            0\n"
    "Orphaned spans     0\n");

  g_assert_nonnull (labels);
  g_assert_null (labels[0]);

  root = json_node_get_object (node);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (root, "documents"), "total"), ==, 0);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (json_object_get_object_member (root, "mentions"), "by_label")), ==, 0);
  g_assert_cmpint (json_object_get_int_member (root, "orphaned_spans"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/counts", test_counts);
  g_test_add_func ("/stats/text", test_text);
  g_test_add_func ("/stats/json", test_json);
  g_test_add_func ("/stats/order-independent", test_order_independent);
  g_test_add_func ("/stats/empty", test_empty);

  return g_test_run ();
}

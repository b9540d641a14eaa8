/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "glossator-document-private.h"
#include "test-util.h"

/* Emoji, a ZWJ family, a flag, NFD combining marks, CRLF, a tab and RTL
 * text: every offset below is in code points. */
static const char *sample =
  "👩‍👩‍👧 Zoë met Kim Jong Un.\r\n"
  "🇺🇦\tCafe\u0301 Kyiv, then Kim left.\r\n"
  "ليلى حداد spoke to Kim.";

typedef struct {
  GlossatorText     *text;
  GlossatorDocument *doc;
  guint              n_mention_signals;
  guint              n_entity_signals;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->text = glossator_text_new (sample, -1, &error);
  g_assert_no_error (error);
  f->doc = glossator_document_new (f->text);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->doc);
  g_clear_pointer (&f->text, glossator_text_unref);
}

static void
test_create_mention (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GlossatorMention) zoe = test_util_tag (f->doc, "Zoë", 0, "PERSON", NULL);
  GlossatorEntity *entity;

  /* The ZWJ family is 5 code points, then a space. */
  g_assert_cmpuint (zoe->fragments[0].start, ==, 6);
  g_assert_cmpuint (zoe->fragments[0].end, ==, 9);
  g_assert_cmpstr (zoe->fragments[0].exact, ==, "Zoë");
  g_assert_cmpstr (zoe->fragments[0].prefix, ==, "👩‍👩‍👧 ");
  g_assert_true (g_str_has_prefix (zoe->fragments[0].suffix, " met Kim Jong Un.\r\n"));

  /* A singleton entity named after the text. */
  entity = glossator_document_get_entity (f->doc, zoe->entity_id);
  g_assert_nonnull (entity);
  g_assert_cmpstr (entity->name, ==, "Zoë");
  g_assert_cmpstr (entity->label, ==, "PERSON");
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->doc, entity->id), ==, 1);
  g_assert_true (glossator_document_get_modified (f->doc));
}

static void
test_create_invalid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint length = glossator_text_get_length (f->text);
  guint starts[] = { 3, length };
  guint ends[] = { 3, length + 1 };

  g_assert_null (glossator_document_create_mention (f->doc, "PERSON", &starts[0], &ends[0], 1, NULL, &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  g_clear_error (&error);
  g_assert_null (glossator_document_create_mention (f->doc, "PERSON", &starts[1], &ends[1], 1, NULL, &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE);
  g_clear_error (&error);
  starts[0] = 0;
  g_assert_null (glossator_document_create_mention (f->doc, "PERSON", &starts[0], &ends[0], 1, "e404", &error));
  g_assert_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_UNKNOWN_ID);
  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 0);
  g_assert_false (glossator_document_can_undo (f->doc));
}

static void
test_discontinuous_and_nested (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorMention) kju = test_util_tag (f->doc, "Kim Jong Un", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (f->doc, "Kim", 0, "PERSON", NULL);
  g_autoptr(GPtrArray) at = NULL;
  g_autoptr(GPtrArray) range = NULL;
  g_autofree char *joined = NULL;
  guint starts[2], ends[2];
  g_autoptr(GlossatorMention) split = NULL;

  starts[0] = test_util_text_offset (f->text, "Cafe\u0301", 0);
  ends[0] = starts[0] + 5;
  starts[1] = test_util_text_offset (f->text, "Kyiv", 0);
  ends[1] = starts[1] + 4;
  split = glossator_document_create_mention (f->doc, "LOC", starts, ends, 2, NULL, &error);
  g_assert_no_error (error);
  joined = glossator_mention_dup_text (split, f->text);
  g_assert_cmpstr (joined, ==, "Cafe\u0301 Kyiv");

  /* Nested: "Kim" inside "Kim Jong Un", both found at its first letter,
   * outermost first. */
  at = glossator_document_mentions_at (f->doc, kim->fragments[0].start);
  g_assert_cmpuint (at->len, ==, 2);
  g_assert_true (at->pdata[0] == kim || at->pdata[1] == kim);
  g_assert_true (((GlossatorMention *) at->pdata[0])->fragments[0].start == kju->fragments[0].start);
  g_assert_cmpstr (((GlossatorMention *) at->pdata[0])->id, ==, kim->id);

  /* Between the two fragments the split mention is absent: one hit only
   * in the gap's range query would be wrong. */
  g_clear_pointer (&at, g_ptr_array_unref);
  at = glossator_document_mentions_at (f->doc, ends[0]);
  g_assert_cmpuint (at->len, ==, 0);
  range = glossator_document_mentions_in_range (f->doc, starts[0], ends[1]);
  g_assert_cmpuint (range->len, ==, 1);
  g_assert_true (range->pdata[0] == split);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GlossatorMention) kim = test_util_tag (f->doc, "Kim", 1, "PERSON", NULL);
  g_autofree char *entity_id = g_strdup (kim->entity_id);

  g_assert_true (glossator_document_set_mention_label (f->doc, kim->id, "ORG"));
  g_assert_cmpstr (glossator_document_get_mention (f->doc, kim->id)->label, ==, "ORG");
  /* A singleton entity follows its mention's label. */
  g_assert_cmpstr (glossator_document_get_entity (f->doc, entity_id)->label, ==, "ORG");
  g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, "Change label");

  g_assert_true (glossator_document_undo (f->doc));
  g_assert_cmpstr (glossator_document_get_mention (f->doc, kim->id)->label, ==, "PERSON");
  g_assert_cmpstr (glossator_document_get_entity (f->doc, entity_id)->label, ==, "PERSON");

  g_assert_true (glossator_document_undo (f->doc));
  g_assert_null (glossator_document_get_mention (f->doc, kim->id));
  g_assert_null (glossator_document_get_entity (f->doc, entity_id));
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));

  g_assert_true (glossator_document_redo (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_cmpstr (glossator_document_get_mention (f->doc, kim->id)->label, ==, "ORG");
  g_assert_false (glossator_document_can_redo (f->doc));

  /* The index follows undo and redo. */
  {
    g_autoptr(GPtrArray) at = glossator_document_mentions_at (f->doc, kim->fragments[0].start);
    g_assert_cmpuint (at->len, ==, 1);
  }
}

static void
test_batch_is_one_step (Fixture       *f,
                        gconstpointer  data)
{
  glossator_document_begin_edit (f->doc, "Annotate all");
  for (guint i = 0; i < 3; i++)
    glossator_mention_unref (test_util_tag (f->doc, "Kim", i, "PERSON", NULL));
  glossator_document_end_edit (f->doc);

  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 3);
  g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, "Annotate all");
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 0);
  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 0);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 3);
}

static void
test_modified_tracking (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GlossatorMention) a = test_util_tag (f->doc, "Kim", 0, "PERSON", NULL);
  guint64 revision;

  glossator_document_mark_saved (f->doc);
  g_assert_false (glossator_document_get_modified (f->doc));

  g_assert_true (glossator_document_delete_mention (f->doc, a->id));
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));

  /* A save that serialised at one revision and finished after more edits
   * leaves those edits unsaved. */
  revision = glossator_document_get_revision (f->doc);
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_DONE);
  glossator_document_mark_saved_revision (f->doc, revision);
  g_assert_true (glossator_document_get_modified (f->doc));

  /* Undo past the saved state, then a new edit: the saved state is gone
   * for good and the document stays modified whatever is undone. */
  glossator_document_mark_saved (f->doc);
  g_assert_true (glossator_document_undo (f->doc));
  glossator_document_set_notes (f->doc, "checked twice");
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
}

static void
on_mention_changed (GlossatorDocument *doc,
                    GlossatorMention  *old,
                    GlossatorMention  *new,
                    Fixture           *f)
{
  f->n_mention_signals++;
}

static void
on_entity_changed (GlossatorDocument *doc,
                   GlossatorEntity   *old,
                   GlossatorEntity   *new,
                   Fixture           *f)
{
  f->n_entity_signals++;
}

static void
test_coreference (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GlossatorMention) k1 = test_util_tag (f->doc, "Kim", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) k2 = test_util_tag (f->doc, "Kim", 1, "PERSON", NULL);
  g_autoptr(GlossatorMention) k3 = test_util_tag (f->doc, "Kim", 2, "PERSON", NULL);
  g_autoptr(GPtrArray) members = NULL;
  g_autofree char *e2 = g_strdup (k2->entity_id);
  GlossatorEntity *split;

  g_signal_connect (f->doc, "mention-changed", G_CALLBACK (on_mention_changed), f);
  g_signal_connect (f->doc, "entity-changed", G_CALLBACK (on_entity_changed), f);

  /* Linking empties k2's singleton, which goes away. */
  g_assert_true (glossator_document_link_mention (f->doc, k2->id, k1->entity_id));
  g_assert_null (glossator_document_get_entity (f->doc, e2));
  g_assert_cmpuint (f->n_mention_signals, ==, 1);
  g_assert_cmpuint (f->n_entity_signals, ==, 1);

  g_assert_true (glossator_document_merge_entities (f->doc, k1->entity_id, k3->entity_id));
  members = glossator_document_list_entity_mentions (f->doc, k1->entity_id);
  g_assert_cmpuint (members->len, ==, 3);
  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 1);

  split = glossator_document_split_mention (f->doc, k3->id);
  g_assert_nonnull (split);
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->doc, k1->entity_id), ==, 2);
  g_assert_cmpstr (glossator_document_get_mention (f->doc, k3->id)->entity_id, ==, split->id);

  /* Undo all the way back: three singletons again. */
  while (glossator_document_can_undo (f->doc) &&
         glossator_document_get_n_mentions (f->doc) == 3 &&
         glossator_document_get_n_entities (f->doc) != 3)
    glossator_document_undo (f->doc);
  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 3);
  g_assert_cmpstr (glossator_document_get_mention (f->doc, k2->id)->entity_id, ==, e2);
}

static GlossatorStance *
add_stance (Fixture             *f,
            GlossatorHolderKind  holder_kind,
            const char          *holder,
            GlossatorTargetKind  target_kind,
            const char          *target)
{
  g_autofree char *id = glossator_document_new_id (f->doc, "s");
  GlossatorStance *stance = glossator_stance_new (id, "against");

  glossator_stance_set_holder (stance, holder_kind, holder);
  glossator_stance_set_target (stance, target_kind, target);
  glossator_span_set_quote (glossator_stance_add_evidence (stance, 0, 10), f->text);
  glossator_document_put_stance (f->doc, stance);

  return stance;
}

static void
test_delete_entity_with_stances (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(GlossatorMention) zoe = test_util_tag (f->doc, "Zoë", 0, "PERSON", NULL);
  g_autoptr(GlossatorMention) kim = test_util_tag (f->doc, "Kim", 0, "PERSON", NULL);
  g_autoptr(GlossatorStance) s1 = add_stance (f, GLOSSATOR_HOLDER_ENTITY, zoe->entity_id,
                                              GLOSSATOR_TARGET_ENTITY, kim->entity_id);
  g_autoptr(GlossatorStance) s2 = add_stance (f, GLOSSATOR_HOLDER_AUTHOR, NULL,
                                              GLOSSATOR_TARGET_ENTITY, kim->entity_id);
  g_autofree char *kim_entity = g_strdup (kim->entity_id);
  g_autoptr(GPtrArray) using = glossator_document_list_entity_stances (f->doc, kim_entity);
  GlossatorStance *after;

  g_assert_cmpuint (using->len, ==, 2);
  g_assert_cmpstr (s2->id, ==, "s2");

  /* Keep the stances, with the target unspecified. */
  g_assert_true (glossator_document_delete_entity (f->doc, kim_entity, GLOSSATOR_STANCES_UNSPECIFY));
  g_assert_null (glossator_document_get_mention (f->doc, kim->id));
  after = glossator_document_get_stance (f->doc, s1->id);
  g_assert_cmpint (after->target_kind, ==, GLOSSATOR_TARGET_UNSPECIFIED);
  g_assert_null (after->target);
  g_assert_cmpint (after->holder_kind, ==, GLOSSATOR_HOLDER_ENTITY);
  g_assert_cmpuint (glossator_document_get_n_stances (f->doc), ==, 2);

  /* One undo restores entity, mention and both stances. */
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_nonnull (glossator_document_get_mention (f->doc, kim->id));
  g_assert_cmpint (glossator_document_get_stance (f->doc, s1->id)->target_kind, ==, GLOSSATOR_TARGET_ENTITY);

  /* Or delete them. */
  g_assert_true (glossator_document_delete_entity (f->doc, kim_entity, GLOSSATOR_STANCES_DELETE));
  g_assert_cmpuint (glossator_document_get_n_stances (f->doc), ==, 0);

  /* A mention whose entity a stance uses does not take the entity along. */
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_delete_mention (f->doc, kim->id));
  g_assert_nonnull (glossator_document_get_entity (f->doc, kim_entity));
}

static void
test_document_info (Fixture       *f,
                    gconstpointer  data)
{
  GlossatorStatus status;

  g_assert_cmpint (glossator_document_get_status (f->doc), ==, GLOSSATOR_STATUS_TODO);
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_notes (f->doc, "Check the Arabic name");
  glossator_document_set_annotator (f->doc, "Łukasz");
  g_assert_cmpstr (glossator_document_get_annotator (f->doc), ==, "Łukasz");
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_null (glossator_document_get_annotator (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_null (glossator_document_get_notes (f->doc));
  g_assert_cmpint (glossator_document_get_status (f->doc), ==, GLOSSATOR_STATUS_IN_PROGRESS);

  g_assert_true (glossator_status_from_string ("in-progress", &status));
  g_assert_cmpint (status, ==, GLOSSATOR_STATUS_IN_PROGRESS);
  g_assert_false (glossator_status_from_string ("finished", &status));
  g_assert_cmpstr (glossator_status_to_string (GLOSSATOR_STATUS_DONE), ==, "done");
}

static void
test_ids (void)
{
  g_assert_cmpint (glossator_id_compare ("m2", "m10"), <, 0);
  g_assert_cmpint (glossator_id_compare ("m10", "m2"), >, 0);
  g_assert_cmpint (glossator_id_compare ("m1", "m1"), ==, 0);
  g_assert_cmpint (glossator_id_compare ("m01", "m1"), !=, 0);
  g_assert_cmpint (glossator_id_compare ("e9", "m1"), <, 0);
  g_assert_cmpint (glossator_id_compare ("m", "m1"), <, 0);
  g_assert_cmpint (glossator_id_compare ("T2a", "T2b"), <, 0);
}

static void
test_new_id (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GlossatorMention) custom = glossator_mention_new ("m41", "PERSON", "e1");
  g_autofree char *id = NULL;

  glossator_span_init (glossator_mention_add_fragment (custom, 0, 3), 0, 3);
  glossator_document_put_mention (f->doc, custom);
  id = glossator_document_new_id (f->doc, "m");
  g_assert_cmpstr (id, ==, "m42");
}

/* 20,000 mentions: the sorted listing and index stay consistent after
 * deleting every other one and undoing it all in one step. */
static void
test_many_mentions (void)
{
  g_autoptr(GString) big = g_string_new (NULL);
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) at = NULL;

  for (guint i = 0; i < 20000; i++)
    g_string_append (big, "Kim 🇺🇦 ");
  text = glossator_text_new (big->str, big->len, NULL);
  doc = glossator_document_new (text);

  glossator_document_begin_edit (doc, "Annotate all");
  for (guint i = 0; i < 20000; i++)
    {
      guint start = i * 7, end = start + 3;
      g_autoptr(GlossatorMention) m = glossator_document_create_mention (doc, "PERSON", &start, &end, 1, NULL, NULL);
      g_assert_nonnull (m);
    }
  glossator_document_end_edit (doc);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 20000);

  at = glossator_document_mentions_at (doc, 7 * 12345 + 1);
  g_assert_cmpuint (at->len, ==, 1);
  g_assert_cmpuint (((GlossatorMention *) at->pdata[0])->fragments[0].start, ==, 7 * 12345);

  glossator_document_begin_edit (doc, "Delete");
  all = glossator_document_list_mentions (doc);
  for (guint i = 0; i < all->len; i += 2)
    glossator_document_delete_mention (doc, ((GlossatorMention *) all->pdata[i])->id);
  glossator_document_end_edit (doc);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 10000);
  g_assert_cmpuint (glossator_document_get_n_entities (doc), ==, 10000);

  g_assert_true (glossator_document_undo (doc));
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 20000);
  g_clear_pointer (&at, g_ptr_array_unref);
  at = glossator_document_mentions_in_range (doc, 0, 7 * 100);
  g_assert_cmpuint (at->len, ==, 100);
}

/* What mentions_at / mentions_in_range must answer, by a scan. */
static void
assert_found_as_scanned (GlossatorDocument *doc,
                         guint              start,
                         guint              end)
{
  g_autoptr(GPtrArray) all = glossator_document_list_mentions (doc);
  g_autoptr(GPtrArray) got = end == start + 1 ? glossator_document_mentions_at (doc, start)
                                              : glossator_document_mentions_in_range (doc, start, end);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    {
      GlossatorMention *m = all->pdata[i];
      gboolean hit = FALSE;

      for (guint f = 0; f < m->n_fragments; f++)
        hit |= m->fragments[f].start < end && start < m->fragments[f].end;
      if (!hit)
        continue;
      /* Both in (start, end, id) order. */
      g_assert_cmpuint (n, <, got->len);
      g_assert_true (got->pdata[n] == m);
      n++;
    }
  g_assert_cmpuint (n, ==, got->len);
}

/* A loader puts mentions in file order and the index is sorted once at
 * the end: mentions nested from one start listed outermost first, many on
 * one span, discontinuous ones and random ones must all be found, and
 * still after an edit and its undo. */
static void
test_load_finds_every_mention (void)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GlossatorEntity) entity = glossator_entity_new ("e1", "Kim", "PERSON");
  guint length, n = 0;

  for (guint i = 0; i < 8; i++)
    g_string_append (str, sample);
  text = glossator_text_new (str->str, str->len, NULL);
  length = glossator_text_get_length (text);
  doc = glossator_document_new (text);

  _glossator_document_begin_load (doc);
  glossator_document_put_entity (doc, entity);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *id = g_strdup_printf ("m%u", 1000 - i);
      g_autoptr(GlossatorMention) m = glossator_mention_new (id, "PERSON", "e1");
      guint s = g_rand_int_range (rand, 0, length - 1);

      if (i < 100)
        glossator_mention_add_fragment (m, 0, length - i);
      else if (i < 160)
        glossator_mention_add_fragment (m, 5, 9);
      else if (i < 200)
        {
          glossator_mention_add_fragment (m, s / 2, s / 2 + 1);
          glossator_mention_add_fragment (m, s, g_rand_int_range (rand, s + 1, length + 1));
        }
      else
        glossator_mention_add_fragment (m, s, g_rand_int_range (rand, s + 1, MIN (s + 30, length) + 1));
      glossator_document_put_mention (doc, m);
    }
  _glossator_document_end_load (doc);
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 300);
  g_assert_false (glossator_document_can_undo (doc));

  for (guint offset = 0; offset <= length; offset++)
    {
      g_autoptr(GPtrArray) at = glossator_document_mentions_at (doc, offset);

      assert_found_as_scanned (doc, offset, offset + 1);
      n += at->len > 0;
    }
  g_assert_cmpuint (n, ==, length);
  for (guint i = 0; i < 100; i++)
    {
      guint s = g_rand_int_range (rand, 0, length);
      assert_found_as_scanned (doc, s, s + g_rand_int_range (rand, 2, 40));
    }

  g_assert_true (glossator_document_delete_mention (doc, "m1000"));
  g_assert_true (glossator_document_delete_mention (doc, "m850"));
  assert_found_as_scanned (doc, length - 1, length);
  assert_found_as_scanned (doc, 6, 7);
  g_assert_true (glossator_document_undo (doc));
  g_assert_true (glossator_document_undo (doc));
  g_assert_cmpuint (glossator_document_get_n_mentions (doc), ==, 300);
  for (guint offset = 0; offset <= length; offset++)
    assert_found_as_scanned (doc, offset, offset + 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/model/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create-mention", test_create_mention);
  ADD ("create-invalid", test_create_invalid);
  ADD ("discontinuous-and-nested", test_discontinuous_and_nested);
  ADD ("undo-redo", test_undo_redo);
  ADD ("batch-is-one-step", test_batch_is_one_step);
  ADD ("modified-tracking", test_modified_tracking);
  ADD ("coreference", test_coreference);
  ADD ("delete-entity-with-stances", test_delete_entity_with_stances);
  ADD ("document-info", test_document_info);
  ADD ("new-id", test_new_id);
#undef ADD
  g_test_add_func ("/model/id-compare", test_ids);
  g_test_add_func ("/model/many-mentions", test_many_mentions);
  g_test_add_func ("/model/load-finds-every-mention", test_load_finds_every_mention);

  return g_test_run ();
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-document-private.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* Undo and redo of every edit a GlossatorDocument offers. Each state is
 * compared as the sidecar it would write, so anything undo forgets or redo
 * gets wrong (a field, an entity left behind, a stance not restored) shows
 * as a difference in the text. */

/* A BOM, a ZWJ family, a flag, NFD combining marks, CRLF, a tab and RTL
 * text: every offset below is in code points. */
static const char *sample =
  "\xEF\xBB\xBF"
  "👩‍👩‍👧 Zoë met Kim Jong Un.\r\n"
  "🇺🇦\tCafe\u0301 Kyiv, then Kim left.\r\n"
  "ليلى حداد thanked Kim.";

/* The one limit of the history (MAX_STEPS in glossator-history.c). */
#define MAX_STEPS 5000

typedef struct {
  GlossatorText     *text;
  GlossatorDocument *doc;
  /* Filled by the base document; the ids the tests edit. */
  char              *zoe;        /* mention "Zoë", alone in its entity */
  char              *zoe_entity;
  char              *kim;        /* mention "Kim Jong Un" */
  char              *kim2;       /* mention "Kim" (2nd), same entity */
  char              *kim_entity; /* no kb_id */
  char              *kim3;       /* mention "Kim" (3rd), an entity of its own */
  char              *kim3_entity; /* kb_id Q56226 */
  char              *kyiv;       /* mention "Kyiv", alone in its entity */
  char              *kyiv_entity;
  guint              n_modified_notifications;
  GString           *signals;
} Fixture;

/* The document as its sidecar, the state every test compares. */
static char *
snapshot (Fixture *f)
{
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (f->doc, "article.txt");

  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
assert_state (Fixture    *f,
              const char *expected)
{
  g_autofree char *state = snapshot (f);

  g_assert_cmpstr (state, ==, expected);
}

static GlossatorStance *
make_stance (Fixture             *f,
             const char          *id,
             const char          *polarity,
             GlossatorHolderKind  holder_kind,
             const char          *holder,
             GlossatorTargetKind  target_kind,
             const char          *target,
             const char          *evidence)
{
  GlossatorStance *stance = glossator_stance_new (id, polarity);
  guint start = test_util_text_offset (f->text, evidence, 0);

  glossator_stance_set_holder (stance, holder_kind, holder);
  glossator_stance_set_target (stance, target_kind, target);
  glossator_span_set_quote (glossator_stance_add_evidence (stance, start, start + g_utf8_strlen (evidence, -1)),
                            f->text);
  return stance;
}

static void
on_modified (GObject    *object,
             GParamSpec *pspec,
             Fixture    *f)
{
  f->n_modified_notifications++;
}

/* Built with edits, then written and read back: the tests start from a
 * document with every kind of value and an empty, saved history. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  g_autoptr(GlossatorMention) zoe = NULL;
  g_autoptr(GlossatorMention) kim = NULL;
  g_autoptr(GlossatorMention) kim2 = NULL;
  g_autoptr(GlossatorMention) kim3 = NULL;
  g_autoptr(GlossatorMention) kyiv = NULL;
  g_autoptr(GlossatorMention) cafe = NULL;
  g_autoptr(GlossatorEntity) known = NULL;
  g_autoptr(GlossatorStance) s1 = NULL;
  g_autoptr(GlossatorStance) s2 = NULL;
  g_autoptr(GlossatorStance) s3 = NULL;
  g_autoptr(GlossatorStance) s4 = NULL;
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(GBytes) bytes = NULL;

  f->text = test_util_text_from_data (sample);
  g_assert_true (glossator_text_has_bom (f->text));
  f->doc = glossator_document_new (f->text);
  f->signals = g_string_new (NULL);

  zoe = test_util_tag (f->doc, "Zoë", 0, "PERSON", NULL);
  kim = test_util_tag (f->doc, "Kim Jong Un", 0, "PERSON", NULL);
  kim2 = test_util_tag (f->doc, "Kim", 1, "PERSON", kim->entity_id);
  kim3 = test_util_tag (f->doc, "Kim", 2, "PERSON", NULL);
  kyiv = test_util_tag (f->doc, "Kyiv", 0, "GPE", NULL);
  cafe = test_util_tag (f->doc, "Cafe\u0301", 0, "ORG", NULL);

  known = glossator_entity_copy (glossator_document_get_entity (f->doc, kim3->entity_id));
  glossator_entity_set_kb_id (known, "Q56226");
  glossator_document_put_entity (f->doc, known);

  s1 = make_stance (f, "s1", "against", GLOSSATOR_HOLDER_ENTITY, zoe->entity_id,
                    GLOSSATOR_TARGET_ENTITY, kim->entity_id, "Zoë met Kim");
  s2 = make_stance (f, "s2", "favor", GLOSSATOR_HOLDER_ENTITY, kim->entity_id,
                    GLOSSATOR_TARGET_TOPIC, "sanctions\trelief", "Kim left");
  s3 = make_stance (f, "s3", "favor", GLOSSATOR_HOLDER_AUTHOR, NULL,
                    GLOSSATOR_TARGET_ENTITY, kim->entity_id, "Kim Jong Un");
  s4 = make_stance (f, "s4", "against", GLOSSATOR_HOLDER_ENTITY, kim3->entity_id,
                    GLOSSATOR_TARGET_TOPIC, "talks", "thanked Kim");
  glossator_document_put_stance (f->doc, s1);
  glossator_document_put_stance (f->doc, s2);
  glossator_document_put_stance (f->doc, s3);
  glossator_document_put_stance (f->doc, s4);

  json_object_set_string_member (attributes, "source", "wire 🛰");
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_annotator (f->doc, "Zoë");
  glossator_document_set_notes (f->doc, "first pass\r\nover CRLF");
  glossator_document_set_attributes (f->doc, attributes);

  f->zoe = g_strdup (zoe->id);
  f->zoe_entity = g_strdup (zoe->entity_id);
  f->kim = g_strdup (kim->id);
  f->kim2 = g_strdup (kim2->id);
  f->kim_entity = g_strdup (kim->entity_id);
  f->kim3 = g_strdup (kim3->id);
  f->kim3_entity = g_strdup (kim3->entity_id);
  f->kyiv = g_strdup (kyiv->id);
  f->kyiv_entity = g_strdup (kyiv->entity_id);

  bytes = glossator_sidecar_serialize (f->doc, "article.txt");
  g_clear_object (&f->doc);
  f->doc = glossator_sidecar_parse (f->text, "article.txt.annotations.json",
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                    NULL, problems, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 6);
  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 5);
  g_assert_cmpuint (glossator_document_get_n_stances (f->doc), ==, 4);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));

  g_signal_connect (f->doc, "notify::modified", G_CALLBACK (on_modified), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->doc);
  g_clear_pointer (&f->text, glossator_text_unref);
  g_string_free (f->signals, TRUE);
  g_free (f->zoe);
  g_free (f->zoe_entity);
  g_free (f->kim);
  g_free (f->kim2);
  g_free (f->kim_entity);
  g_free (f->kim3);
  g_free (f->kim3_entity);
  g_free (f->kyiv);
  g_free (f->kyiv_entity);
}

/* ---- every edit, undone and redone ------------------------------------- */

typedef struct {
  const char *description;   /* of its undo step; NULL for low-level edits */
  void      (*edit) (Fixture *f);
} EditCase;

static void
edit_create_mention (Fixture *f)
{
  g_autoptr(GlossatorMention) mention = test_util_tag (f->doc, "🇺🇦", 0, "GPE", NULL);

  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 6);
}

static void
edit_create_linked_mention (Fixture *f)
{
  g_autoptr(GlossatorMention) mention = test_util_tag (f->doc, "ليلى حداد", 0, "PERSON", f->zoe_entity);

  g_assert_cmpuint (glossator_document_get_n_entities (f->doc), ==, 5);
  g_assert_cmpuint (glossator_document_count_entity_mentions (f->doc, f->zoe_entity), ==, 2);
}

static void
edit_create_discontinuous_mention (Fixture *f)
{
  guint starts[2] = { test_util_text_offset (f->text, "Kim", 0), test_util_text_offset (f->text, "Un", 0) };
  guint ends[2] = { starts[0] + 3, starts[1] + 2 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorMention) mention = NULL;

  mention = glossator_document_create_mention (f->doc, "PERSON", starts, ends, 2, f->kim_entity, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mention->n_fragments, ==, 2);
}

static void
edit_delete_last_mention (Fixture *f)
{
  g_assert_true (glossator_document_delete_mention (f->doc, f->kyiv));
  /* Its entity had nothing else: it goes with it. */
  g_assert_null (glossator_document_get_entity (f->doc, f->kyiv_entity));
}

static void
edit_delete_mention_of_cluster (Fixture *f)
{
  g_assert_true (glossator_document_delete_mention (f->doc, f->kim2));
  g_assert_nonnull (glossator_document_get_entity (f->doc, f->kim_entity));
}

static void
edit_delete_mention_entity_with_stance (Fixture *f)
{
  /* Zoë holds s1: her entity stays although it has no mention left. */
  g_assert_true (glossator_document_delete_mention (f->doc, f->zoe));
  g_assert_nonnull (glossator_document_get_entity (f->doc, f->zoe_entity));
}

static void
edit_relabel_alone (Fixture *f)
{
  g_assert_true (glossator_document_set_mention_label (f->doc, f->kyiv, "LOC"));
  /* Alone in its entity, the mention takes the entity's label along. */
  g_assert_cmpstr (glossator_document_get_entity (f->doc, f->kyiv_entity)->label, ==, "LOC");
}

static void
edit_relabel_in_cluster (Fixture *f)
{
  g_assert_true (glossator_document_set_mention_label (f->doc, f->kim2, "TITLE"));
  g_assert_cmpstr (glossator_document_get_entity (f->doc, f->kim_entity)->label, ==, "PERSON");
}

static void
edit_link (Fixture *f)
{
  g_assert_true (glossator_document_link_mention (f->doc, f->kim3, f->kim_entity));
  /* kim3's entity holds s4, so it stays. */
  g_assert_nonnull (glossator_document_get_entity (f->doc, f->kim3_entity));
}

static void
edit_link_drops_entity (Fixture *f)
{
  g_assert_true (glossator_document_link_mention (f->doc, f->kyiv, f->kim_entity));
  g_assert_null (glossator_document_get_entity (f->doc, f->kyiv_entity));
}

static void
edit_split (Fixture *f)
{
  GlossatorEntity *entity = glossator_document_split_mention (f->doc, f->kim2);

  g_assert_nonnull (entity);
  g_assert_cmpstr (entity->id, !=, f->kim_entity);
  g_assert_cmpstr (entity->name, ==, "Kim");
}

static void
edit_merge (Fixture *f)
{
  GlossatorEntity *kept;

  g_assert_true (glossator_document_merge_entities (f->doc, f->kim_entity, f->kim3_entity));
  kept = glossator_document_get_entity (f->doc, f->kim_entity);
  g_assert_cmpstr (kept->kb_id, ==, "Q56226");
  g_assert_null (glossator_document_get_entity (f->doc, f->kim3_entity));
  g_assert_cmpstr (glossator_document_get_stance (f->doc, "s4")->holder_entity, ==, f->kim_entity);
}

static void
edit_delete_entity_unspecify (Fixture *f)
{
  g_assert_true (glossator_document_delete_entity (f->doc, f->kim_entity, GLOSSATOR_STANCES_UNSPECIFY));
  g_assert_cmpuint (glossator_document_get_n_stances (f->doc), ==, 4);
  g_assert_cmpint (glossator_document_get_stance (f->doc, "s1")->target_kind, ==, GLOSSATOR_TARGET_UNSPECIFIED);
  g_assert_cmpint (glossator_document_get_stance (f->doc, "s2")->holder_kind, ==, GLOSSATOR_HOLDER_UNSPECIFIED);
}

static void
edit_delete_entity_delete (Fixture *f)
{
  g_assert_true (glossator_document_delete_entity (f->doc, f->kim_entity, GLOSSATOR_STANCES_DELETE));
  g_assert_cmpuint (glossator_document_get_n_stances (f->doc), ==, 1);
  g_assert_cmpuint (glossator_document_get_n_mentions (f->doc), ==, 4);
}

static void
edit_put_new_stance (Fixture *f)
{
  g_autoptr(GlossatorStance) stance = make_stance (f, "s5", "favor", GLOSSATOR_HOLDER_ENTITY, f->kyiv_entity,
                                                   GLOSSATOR_TARGET_ENTITY, f->zoe_entity, "ليلى حداد");

  glossator_stance_set_intensity (stance, 3);
  glossator_document_put_stance (f->doc, stance);
}

static void
edit_replace_stance (Fixture *f)
{
  g_autoptr(GlossatorStance) stance = glossator_stance_copy (glossator_document_get_stance (f->doc, "s2"));

  glossator_stance_set_polarity (stance, "against");
  glossator_stance_set_note (stance, "🇺🇦 changed her mind");
  glossator_stance_clear_evidence (stance);
  glossator_document_put_stance (f->doc, stance);
}

static void
edit_remove_stance (Fixture *f)
{
  g_assert_true (glossator_document_remove_stance (f->doc, "s3"));
}

static void
edit_status (Fixture *f)
{
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_DONE);
}

static void
edit_notes (Fixture *f)
{
  glossator_document_set_notes (f->doc, NULL);
}

static void
edit_annotator (Fixture *f)
{
  glossator_document_set_annotator (f->doc, "Kim");
}

static void
edit_attributes (Fixture *f)
{
  g_autoptr(JsonObject) attributes = json_object_new ();

  json_object_set_int_member (attributes, "round", 2);
  glossator_document_set_attributes (f->doc, attributes);
}

static const EditCase edit_cases[] = {
  { "Tag mention", edit_create_mention },
  { "Tag mention", edit_create_linked_mention },
  { "Tag mention", edit_create_discontinuous_mention },
  { "Delete mention", edit_delete_last_mention },
  { "Delete mention", edit_delete_mention_of_cluster },
  { "Delete mention", edit_delete_mention_entity_with_stance },
  { "Change label", edit_relabel_alone },
  { "Change label", edit_relabel_in_cluster },
  { "Link mention", edit_link },
  { "Link mention", edit_link_drops_entity },
  { "Split mention from entity", edit_split },
  { "Merge entities", edit_merge },
  { "Delete entity", edit_delete_entity_unspecify },
  { "Delete entity", edit_delete_entity_delete },
  { NULL, edit_put_new_stance },
  { NULL, edit_replace_stance },
  { NULL, edit_remove_stance },
  { NULL, edit_status },
  { NULL, edit_notes },
  { NULL, edit_annotator },
  { NULL, edit_attributes },
};

/* One edit is one step: undo gives back the sidecar byte for byte, redo
 * the edited one, and so again (the history keeps its values alive). */
static void
test_edit (Fixture       *f,
           gconstpointer  data)
{
  const EditCase *c = data;
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;

  c->edit (f);
  after = snapshot (f);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, c->description);
  g_assert_null (glossator_document_get_redo_description (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));

  for (guint round = 0; round < 2; round++)
    {
      g_assert_true (glossator_document_undo (f->doc));
      assert_state (f, before);
      g_assert_false (glossator_document_can_undo (f->doc));
      g_assert_false (glossator_document_undo (f->doc));
      g_assert_true (glossator_document_can_redo (f->doc));
      g_assert_null (glossator_document_get_undo_description (f->doc));
      g_assert_cmpstr (glossator_document_get_redo_description (f->doc), ==, c->description);
      g_assert_false (glossator_document_get_modified (f->doc));

      g_assert_true (glossator_document_redo (f->doc));
      assert_state (f, after);
      g_assert_false (glossator_document_can_redo (f->doc));
      g_assert_false (glossator_document_redo (f->doc));
      g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, c->description);
      g_assert_true (glossator_document_get_modified (f->doc));
    }
  /* Modified flipped on the edit and on every undo and redo. */
  g_assert_cmpuint (f->n_modified_notifications, ==, 5);
}

/* Edits that change nothing leave no step. */
static void
test_no_op_edits (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = snapshot (f);

  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_document_set_annotator (f->doc, "Zoë");
  glossator_document_set_notes (f->doc, "first pass\r\nover CRLF");
  g_assert_true (glossator_document_set_mention_label (f->doc, f->kim, "PERSON"));
  g_assert_true (glossator_document_link_mention (f->doc, f->kim2, f->kim_entity));
  g_assert_true (glossator_document_merge_entities (f->doc, f->kim_entity, f->kim_entity));
  glossator_document_put_stance (f->doc, glossator_document_get_stance (f->doc, "s1"));
  /* Edits of what is not there fail and record nothing either. */
  g_assert_false (glossator_document_delete_mention (f->doc, "m99"));
  g_assert_false (glossator_document_set_mention_label (f->doc, "m99", "PERSON"));
  g_assert_false (glossator_document_link_mention (f->doc, f->kim, "e99"));
  g_assert_null (glossator_document_split_mention (f->doc, "m99"));
  g_assert_false (glossator_document_merge_entities (f->doc, f->kim_entity, "e99"));
  g_assert_false (glossator_document_delete_entity (f->doc, "e99", GLOSSATOR_STANCES_DELETE));
  g_assert_false (glossator_document_remove_stance (f->doc, "s99"));

  assert_state (f, before);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_cmpuint (f->n_modified_notifications, ==, 0);
}

/* Undo tells the views in reverse order: the mention goes before its new
 * entity, and comes back after it on redo, so a view handling a mention
 * always finds its entity. */
static void
on_mention_changed (GlossatorDocument *doc,
                    GlossatorMention  *old,
                    GlossatorMention  *new,
                    Fixture           *f)
{
  g_string_append_printf (f->signals, "mention %s→%s;",
                          old != NULL ? old->id : "-", new != NULL ? new->id : "-");
}

static void
on_entity_changed (GlossatorDocument *doc,
                   GlossatorEntity   *old,
                   GlossatorEntity   *new,
                   Fixture           *f)
{
  g_string_append_printf (f->signals, "entity %s→%s;",
                          old != NULL ? old->id : "-", new != NULL ? new->id : "-");
}

static void
test_signals_order (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossatorMention) flag = NULL;
  g_autofree char *expected = NULL;

  g_signal_connect (f->doc, "mention-changed", G_CALLBACK (on_mention_changed), f);
  g_signal_connect (f->doc, "entity-changed", G_CALLBACK (on_entity_changed), f);

  flag = test_util_tag (f->doc, "🇺🇦", 0, "GPE", NULL);
  g_assert_cmpstr (flag->id, ==, "m7");
  g_assert_cmpstr (flag->entity_id, ==, "e6");
  g_assert_cmpstr (f->signals->str, ==, "entity -→e6;mention -→m7;");

  g_string_truncate (f->signals, 0);
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_cmpstr (f->signals->str, ==, "mention m7→-;entity e6→-;");

  g_string_truncate (f->signals, 0);
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_cmpstr (f->signals->str, ==, "entity -→e6;mention -→m7;");

  /* Undoing a link gives the mention back its old entity after that
   * entity is back. */
  g_assert_true (glossator_document_link_mention (f->doc, f->kyiv, f->kim_entity));
  g_string_truncate (f->signals, 0);
  g_assert_true (glossator_document_undo (f->doc));
  expected = g_strdup_printf ("entity -→%s;mention %s→%s;", f->kyiv_entity, f->kyiv, f->kyiv);
  g_assert_cmpstr (f->signals->str, ==, expected);
}

/* ---- batches ----------------------------------------------------------- */

static void
test_batch_one_step (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after = NULL;
  g_autoptr(GlossatorMention) flag = NULL;
  g_autoptr(GlossatorStance) stance = NULL;

  glossator_document_begin_edit (f->doc, "Tag the flag and say so");
  /* High-level edits open batches of their own, which join this one. */
  flag = test_util_tag (f->doc, "🇺🇦", 0, "GPE", NULL);
  g_assert_true (glossator_document_set_mention_label (f->doc, flag->id, "NORP"));
  stance = make_stance (f, "s5", "favor", GLOSSATOR_HOLDER_AUTHOR, NULL,
                        GLOSSATOR_TARGET_ENTITY, flag->entity_id, "🇺🇦");
  glossator_document_put_stance (f->doc, stance);
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_DONE);
  /* Nothing can be undone while a batch is open. */
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_undo (f->doc));
  glossator_document_end_edit (f->doc);
  after = snapshot (f);
  g_assert_cmpstr (after, !=, before);

  g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, "Tag the flag and say so");
  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, before);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_cmpstr (glossator_document_get_redo_description (f->doc), ==, "Tag the flag and say so");
  g_assert_true (glossator_document_redo (f->doc));
  assert_state (f, after);
  g_assert_false (glossator_document_can_redo (f->doc));
}

/* Nested batches count: the step closes with the outermost end, under the
 * outermost description, and neither undo nor redo runs while it is open. */
static void
test_batch_nested (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *after_status = NULL;
  g_autofree char *after = NULL;

  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_DONE);
  after_status = snapshot (f);
  glossator_document_set_annotator (f->doc, "Kim");
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_can_redo (f->doc));

  glossator_document_begin_edit (f->doc, "Outer");
  glossator_document_set_notes (f->doc, "one");
  glossator_document_begin_edit (f->doc, "Inner");
  g_assert_true (glossator_document_delete_mention (f->doc, f->kyiv));
  glossator_document_end_edit (f->doc);
  /* The inner end closed nothing: the batch is still open. */
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_undo (f->doc));
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_false (glossator_document_redo (f->doc));
  glossator_document_set_annotator (f->doc, NULL);
  glossator_document_end_edit (f->doc);
  after = snapshot (f);

  /* Closing the batch cleared the redo step of the annotator. */
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_cmpstr (glossator_document_get_undo_description (f->doc), ==, "Outer");
  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, after_status);
  g_assert_null (glossator_document_get_undo_description (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, before);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_cmpstr (glossator_document_get_redo_description (f->doc), ==, "Outer");
  g_assert_true (glossator_document_redo (f->doc));
  assert_state (f, after);
  g_assert_cmpstr (glossator_document_get_notes (f->doc), ==, "one");
  g_assert_null (glossator_document_get_annotator (f->doc));
  g_assert_null (glossator_document_get_mention (f->doc, f->kyiv));
}

/* A batch with no change leaves no step: it neither adds an undo step nor
 * clears the redo stack nor changes the revision. */
static void
test_batch_empty (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *edited = NULL;
  guint64 revision;

  glossator_document_set_notes (f->doc, "second pass");
  edited = snapshot (f);
  g_assert_true (glossator_document_undo (f->doc));
  revision = glossator_document_get_revision (f->doc);

  glossator_document_begin_edit (f->doc, "Nothing");
  glossator_document_begin_edit (f->doc, "Nothing inside");
  glossator_document_end_edit (f->doc);
  /* A no-op edit inside records nothing either. */
  glossator_document_set_notes (f->doc, "first pass\r\nover CRLF");
  glossator_document_end_edit (f->doc);

  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_null (glossator_document_get_undo_description (f->doc));
  g_assert_true (glossator_document_can_redo (f->doc));
  g_assert_cmpuint (glossator_document_get_revision (f->doc), ==, revision);
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  assert_state (f, edited);
}

/* ---- redo, limits, saved state ----------------------------------------- */

/* A new edit after undo clears the redo stack; what was undone is gone. */
static void
test_new_edit_clears_redo (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *base = snapshot (f);
  g_autofree char *after_a = NULL;
  g_autofree char *after_c = NULL;

  glossator_document_set_notes (f->doc, "A");
  after_a = snapshot (f);
  g_assert_true (glossator_document_delete_mention (f->doc, f->kyiv));
  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, after_a);
  g_assert_cmpstr (glossator_document_get_redo_description (f->doc), ==, "Delete mention");

  g_assert_true (glossator_document_set_mention_label (f->doc, f->zoe, "NORP"));
  after_c = snapshot (f);
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_null (glossator_document_get_redo_description (f->doc));
  g_assert_false (glossator_document_redo (f->doc));
  assert_state (f, after_c);
  g_assert_nonnull (glossator_document_get_mention (f->doc, f->kyiv));

  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, after_a);
  g_assert_true (glossator_document_undo (f->doc));
  assert_state (f, base);
  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  assert_state (f, after_c);
}

/* The history keeps the newest MAX_STEPS steps and forgets the oldest. */
static void
test_limit_drops_oldest (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *base = snapshot (f);
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  guint undone = 0;

  /* Saved at the start: once that state has fallen off the stack the
   * document can never be unmodified again by undoing. */
  glossator_document_mark_saved (f->doc);

  /* The first step is a batch of many changes: the limit counts steps. */
  glossator_document_begin_edit (f->doc, "Many notes");
  for (guint i = 0; i < 2 * MAX_STEPS; i++)
    {
      g_autofree char *notes = g_strdup_printf ("batch %u", i);

      glossator_document_set_notes (f->doc, notes);
    }
  glossator_document_end_edit (f->doc);
  first = snapshot (f);
  for (guint i = 1; i < MAX_STEPS; i++)
    {
      g_autofree char *notes = g_strdup_printf ("note %u", i);

      glossator_document_set_notes (f->doc, notes);
    }
  /* Exactly MAX_STEPS steps: all kept, the batch undoes as one. */
  while (glossator_document_undo (f->doc))
    undone++;
  g_assert_cmpuint (undone, ==, MAX_STEPS);
  assert_state (f, base);
  g_assert_false (glossator_document_get_modified (f->doc));
  while (glossator_document_redo (f->doc))
    undone--;
  g_assert_cmpuint (undone, ==, 0);

  /* One more: the batch, the oldest, is forgotten. */
  glossator_document_set_notes (f->doc, "note last");
  last = snapshot (f);
  while (glossator_document_undo (f->doc))
    undone++;
  g_assert_cmpuint (undone, ==, MAX_STEPS);
  assert_state (f, first);
  g_assert_cmpstr (glossator_document_get_notes (f->doc), ==, "batch 9999");
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_cmpstr (glossator_document_get_redo_description (f->doc), ==, NULL);
  while (glossator_document_redo (f->doc))
    undone--;
  g_assert_cmpuint (undone, ==, 0);
  assert_state (f, last);
  g_assert_true (glossator_document_get_modified (f->doc));
}

static void
test_saved_state (Fixture       *f,
                  gconstpointer  data)
{
  guint64 revision;

  /* Undo back to the state on disk is unmodified; redo is modified. */
  glossator_document_set_status (f->doc, GLOSSATOR_STATUS_DONE);
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_cmpuint (f->n_modified_notifications, ==, 3);

  /* Saved here: undo is modified, redo back to it is not. */
  glossator_document_mark_saved (f->doc);
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));

  /* A save that serialised at one revision and finished after another
   * edit: that edit is unsaved, undoing it makes the document saved. */
  revision = glossator_document_get_revision (f->doc);
  g_assert_true (glossator_document_delete_mention (f->doc, f->zoe));
  g_assert_cmpuint (glossator_document_get_revision (f->doc), !=, revision);
  glossator_document_mark_saved_revision (f->doc, revision);
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_cmpuint (glossator_document_get_revision (f->doc), ==, revision);

  /* The saved state on the redo stack is lost by a new edit: no undo or
   * redo reaches it again. */
  g_assert_true (glossator_document_redo (f->doc));
  glossator_document_mark_saved (f->doc);
  g_assert_true (glossator_document_undo (f->doc));
  glossator_document_set_annotator (f->doc, "Kim");
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
  while (glossator_document_undo (f->doc))
    g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));

  /* Revision 0 is the state before every step still kept. */
  glossator_document_mark_saved_revision (f->doc, 0);
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
}

/* A revision no longer on either stack can never be reached: marking it
 * saved leaves the document modified in every state. */
static void
test_saved_revision_unreachable (Fixture       *f,
                                 gconstpointer  data)
{
  guint64 gone;

  glossator_document_set_notes (f->doc, "A");
  gone = glossator_document_get_revision (f->doc);
  g_assert_true (glossator_document_undo (f->doc));
  glossator_document_set_notes (f->doc, "B");

  glossator_document_mark_saved_revision (f->doc, gone);
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_undo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
  g_assert_true (glossator_document_redo (f->doc));
  g_assert_true (glossator_document_get_modified (f->doc));
}

/* Loading clears the history and leaves the document saved. */
static void
test_load_clears (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *before = snapshot (f);
  g_autofree char *loaded = NULL;

  glossator_document_set_notes (f->doc, "A");
  g_assert_true (glossator_document_undo (f->doc));

  _glossator_document_begin_load (f->doc);
  glossator_document_set_notes (f->doc, "loaded");
  _glossator_document_end_load (f->doc);

  g_assert_false (glossator_document_can_undo (f->doc));
  g_assert_false (glossator_document_can_redo (f->doc));
  g_assert_false (glossator_document_get_modified (f->doc));
  g_assert_cmpstr (glossator_document_get_notes (f->doc), ==, "loaded");
  g_assert_false (glossator_document_undo (f->doc));
  g_assert_false (glossator_document_redo (f->doc));
  loaded = snapshot (f);
  g_assert_cmpstr (loaded, !=, before);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const edit_names[] = {
    "create-mention",
    "create-linked-mention",
    "create-discontinuous-mention",
    "delete-last-mention",
    "delete-mention-of-cluster",
    "delete-mention-entity-with-stance",
    "relabel-alone",
    "relabel-in-cluster",
    "link",
    "link-drops-entity",
    "split",
    "merge",
    "delete-entity-unspecify",
    "delete-entity-delete",
    "put-new-stance",
    "replace-stance",
    "remove-stance",
    "status",
    "notes",
    "annotator",
    "attributes",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (edit_names) == G_N_ELEMENTS (edit_cases));

  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/history/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  for (guint i = 0; i < G_N_ELEMENTS (edit_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/history/edit/%s", edit_names[i]);

      g_test_add (path, Fixture, &edit_cases[i], fixture_set_up, test_edit, fixture_tear_down);
    }
  ADD ("no-op-edits", test_no_op_edits);
  ADD ("signals-order", test_signals_order);
  ADD ("batch/one-step", test_batch_one_step);
  ADD ("batch/nested", test_batch_nested);
  ADD ("batch/empty", test_batch_empty);
  ADD ("new-edit-clears-redo", test_new_edit_clears_redo);
  ADD ("limit-drops-oldest", test_limit_drops_oldest);
  ADD ("saved-state", test_saved_state);
  ADD ("saved-revision-unreachable", test_saved_revision_unreachable);
  ADD ("load-clears", test_load_clears);

#undef ADD

  return g_test_run ();
}

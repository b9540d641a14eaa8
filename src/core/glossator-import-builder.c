/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-import-builder"

#include "config.h"

#include <string.h>

#include "glossator-document-private.h"
#include "glossator-import-builder-private.h"

char *
_glossator_default_entity_name (GlossatorMention *mention,
                                GlossatorText    *text)
{
  g_autofree char *quote = glossator_mention_dup_text (mention, text);
  GString *out = g_string_new (NULL);
  gsize space_start = 0;
  gboolean in_space = FALSE, has_break = FALSE;

  for (const char *p = quote != NULL ? quote : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || c == 0x0b || c == 0x85)
        {
          if (!in_space)
            space_start = out->len;
          in_space = TRUE;
          has_break |= c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x85 ||
                       c == 0x2028 || c == 0x2029;
          g_string_append_unichar (out, c);
          continue;
        }
      if (in_space && has_break)
        {
          g_string_truncate (out, space_start);
          g_string_append_c (out, ' ');
        }
      in_space = has_break = FALSE;
      g_string_append_unichar (out, c);
    }

  return g_string_free (out, FALSE);
}

typedef struct {
  char        *label;
  GArray      *starts;
  GArray      *ends;
  char        *source_id;
  char        *note;
  JsonObject  *attributes;
  guint        order;
  guint        parent;      /* union-find */
  /* Entity fields (on the cluster's root) */
  char        *entity_name;
  char        *entity_label;
  char        *kb_id;
  char        *entity_note;
  JsonObject  *entity_attributes;
  char        *id;          /* assigned at finish */
  char        *entity_id;
} BuilderMention;

typedef struct {
  char                *polarity;
  GlossatorHolderKind  holder_kind;
  int                  holder;
  GlossatorTargetKind  target_kind;
  int                  target;
  char                *topic;
  guint                intensity;
  char                *note;
  JsonObject          *attributes;
  GArray              *evidence;  /* pairs of guint */
} BuilderStance;

struct _GlossatorImportBuilder {
  GlossatorText *text;
  GPtrArray     *mentions;   /* BuilderMention* */
  GPtrArray     *stances;    /* BuilderStance* */
  JsonObject    *document_attributes;
};

static void
builder_mention_free (BuilderMention *m)
{
  g_free (m->label);
  g_array_unref (m->starts);
  g_array_unref (m->ends);
  g_free (m->source_id);
  g_free (m->note);
  g_clear_pointer (&m->attributes, json_object_unref);
  g_free (m->entity_name);
  g_free (m->entity_label);
  g_free (m->kb_id);
  g_free (m->entity_note);
  g_clear_pointer (&m->entity_attributes, json_object_unref);
  g_free (m->id);
  g_free (m->entity_id);
  g_free (m);
}

static void
builder_stance_free (BuilderStance *s)
{
  g_free (s->polarity);
  g_free (s->topic);
  g_free (s->note);
  g_clear_pointer (&s->attributes, json_object_unref);
  g_array_unref (s->evidence);
  g_free (s);
}

GlossatorImportBuilder *
_glossator_import_builder_new (GlossatorText *text)
{
  GlossatorImportBuilder *builder = g_new0 (GlossatorImportBuilder, 1);

  builder->text = glossator_text_ref (text);
  builder->mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) builder_mention_free);
  builder->stances = g_ptr_array_new_with_free_func ((GDestroyNotify) builder_stance_free);

  return builder;
}

void
_glossator_import_builder_free (GlossatorImportBuilder *builder)
{
  if (builder == NULL)
    return;

  glossator_text_unref (builder->text);
  g_ptr_array_unref (builder->mentions);
  g_ptr_array_unref (builder->stances);
  g_clear_pointer (&builder->document_attributes, json_object_unref);
  g_free (builder);
}

guint
_glossator_import_builder_add_mention (GlossatorImportBuilder *builder,
                                       const char             *label,
                                       const guint            *starts,
                                       const guint            *ends,
                                       guint                   n_fragments,
                                       const char             *source_id)
{
  BuilderMention *m = g_new0 (BuilderMention, 1);

  g_assert (n_fragments > 0);
  m->label = g_strdup (label);
  m->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  m->ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (m->starts, starts, n_fragments);
  g_array_append_vals (m->ends, ends, n_fragments);
  m->source_id = g_strdup (source_id);
  m->order = builder->mentions->len;
  m->parent = builder->mentions->len;
  g_ptr_array_add (builder->mentions, m);

  return m->order;
}

guint
_glossator_import_builder_get_n_mentions (GlossatorImportBuilder *builder)
{
  return builder->mentions->len;
}

void
_glossator_import_builder_set_note (GlossatorImportBuilder *builder,
                                    guint                   mention,
                                    const char             *note)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, mention);

  g_free (m->note);
  m->note = g_strdup (note);
}

void
_glossator_import_builder_set_attribute (GlossatorImportBuilder *builder,
                                         guint                   mention,
                                         const char             *name,
                                         JsonNode               *value)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, mention);

  if (m->attributes == NULL)
    m->attributes = json_object_new ();
  json_object_set_member (m->attributes, name, value);
}

static guint
find_root (GlossatorImportBuilder *builder,
           guint                   i)
{
  BuilderMention *m = g_ptr_array_index (builder->mentions, i);

  while (m->parent != i)
    {
      BuilderMention *parent = g_ptr_array_index (builder->mentions, m->parent);

      m->parent = parent->parent;
      i = m->parent;
      m = g_ptr_array_index (builder->mentions, i);
    }
  return i;
}

static void
move_entity_fields (BuilderMention *to,
                    BuilderMention *from)
{
#define MOVE(field, free_func) \
  if (to->field == NULL) \
    to->field = g_steal_pointer (&from->field); \
  else \
    g_clear_pointer (&from->field, free_func);
  MOVE (entity_name, g_free)
  MOVE (entity_label, g_free)
  MOVE (kb_id, g_free)
  MOVE (entity_note, g_free)
  MOVE (entity_attributes, json_object_unref)
#undef MOVE
}

void
_glossator_import_builder_link (GlossatorImportBuilder *builder,
                                guint                   mention_a,
                                guint                   mention_b)
{
  guint a = find_root (builder, mention_a);
  guint b = find_root (builder, mention_b);
  BuilderMention *ma, *mb;

  if (a == b)
    return;
  /* The earlier mention stays the root, so entity fields set on either
   * survive (the first one set wins). */
  if (b < a)
    {
      guint t = a;
      a = b;
      b = t;
    }
  ma = g_ptr_array_index (builder->mentions, a);
  mb = g_ptr_array_index (builder->mentions, b);
  mb->parent = a;
  move_entity_fields (ma, mb);
}

guint
_glossator_import_builder_get_entity (GlossatorImportBuilder *builder,
                                      guint                   mention)
{
  return find_root (builder, mention);
}

void
_glossator_import_builder_set_entity (GlossatorImportBuilder *builder,
                                      guint                   mention,
                                      const char             *name,
                                      const char             *label,
                                      const char             *kb_id,
                                      const char             *note,
                                      JsonObject             *attributes)
{
  BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, mention));

  if (name != NULL)
    {
      g_free (root->entity_name);
      root->entity_name = g_strdup (name);
    }
  if (label != NULL)
    {
      g_free (root->entity_label);
      root->entity_label = g_strdup (label);
    }
  if (kb_id != NULL)
    {
      g_free (root->kb_id);
      root->kb_id = g_strdup (kb_id);
    }
  if (note != NULL)
    {
      g_free (root->entity_note);
      root->entity_note = g_strdup (note);
    }
  if (attributes != NULL)
    {
      g_clear_pointer (&root->entity_attributes, json_object_unref);
      root->entity_attributes = json_object_ref (attributes);
    }
}

guint
_glossator_import_builder_add_stance (GlossatorImportBuilder *builder,
                                      const char             *polarity)
{
  BuilderStance *s = g_new0 (BuilderStance, 1);

  s->polarity = g_strdup (polarity);
  s->holder = -1;
  s->target = -1;
  s->evidence = g_array_new (FALSE, FALSE, sizeof (guint));
  g_ptr_array_add (builder->stances, s);

  return builder->stances->len - 1;
}

void
_glossator_import_builder_set_holder (GlossatorImportBuilder *builder,
                                      guint                   stance,
                                      GlossatorHolderKind     kind,
                                      int                     mention)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->holder_kind = kind;
  s->holder = mention;
}

void
_glossator_import_builder_set_target (GlossatorImportBuilder *builder,
                                      guint                   stance,
                                      GlossatorTargetKind     kind,
                                      int                     mention,
                                      const char             *topic)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->target_kind = kind;
  s->target = mention;
  g_free (s->topic);
  s->topic = g_strdup (topic);
}

void
_glossator_import_builder_set_stance_details (GlossatorImportBuilder *builder,
                                              guint                   stance,
                                              guint                   intensity,
                                              const char             *note,
                                              JsonObject             *attributes)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  s->intensity = intensity;
  g_free (s->note);
  s->note = g_strdup (note);
  g_clear_pointer (&s->attributes, json_object_unref);
  s->attributes = attributes != NULL ? json_object_ref (attributes) : NULL;
}

void
_glossator_import_builder_add_evidence (GlossatorImportBuilder *builder,
                                        guint                   stance,
                                        guint                   start,
                                        guint                   end)
{
  BuilderStance *s = g_ptr_array_index (builder->stances, stance);

  g_array_append_val (s->evidence, start);
  g_array_append_val (s->evidence, end);
}

void
_glossator_import_builder_set_document_attribute (GlossatorImportBuilder *builder,
                                                  const char             *name,
                                                  JsonNode               *value)
{
  if (builder->document_attributes == NULL)
    builder->document_attributes = json_object_new ();
  json_object_set_member (builder->document_attributes, name, value);
}

static int
compare_builder_mentions (gconstpointer a,
                          gconstpointer b)
{
  const BuilderMention *ma = *(BuilderMention * const *) a;
  const BuilderMention *mb = *(BuilderMention * const *) b;
  guint sa = g_array_index (ma->starts, guint, 0), sb = g_array_index (mb->starts, guint, 0);
  guint ea = g_array_index (ma->ends, guint, ma->ends->len - 1);
  guint eb = g_array_index (mb->ends, guint, mb->ends->len - 1);

  if (sa != sb)
    return sa < sb ? -1 : 1;
  if (ea != eb)
    return ea < eb ? -1 : 1;
  return ma->order < mb->order ? -1 : ma->order > mb->order;
}

GlossatorDocument *
_glossator_import_builder_finish (GlossatorImportBuilder *builder)
{
  g_autoptr(GlossatorDocument) document = glossator_document_new (builder->text);
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (builder->mentions, NULL, NULL);
  guint n_entities = 0;

  /* The copy borrows the mentions. */
  g_ptr_array_set_free_func (sorted, NULL);
  _glossator_document_begin_load (document);

  /* Roots first, so every mention can find its entity id. */
  g_ptr_array_sort (sorted, compare_builder_mentions);
  for (guint i = 0; i < sorted->len; i++)
    {
      BuilderMention *m = g_ptr_array_index (sorted, i);
      BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, m->order));

      m->id = g_strdup_printf ("m%u", i + 1);
      if (root->entity_id == NULL)
        {
          g_autoptr(GlossatorEntity) entity = NULL;
          g_autofree char *name = NULL;

          root->entity_id = g_strdup_printf ("e%u", ++n_entities);
          /* The first mention in the text names the entity. */
          name = root->entity_name != NULL ? g_strdup (root->entity_name) : NULL;
          if (name == NULL)
            {
              g_autoptr(GlossatorMention) probe = glossator_mention_new ("", m->label, "");

              for (guint f = 0; f < m->starts->len; f++)
                glossator_mention_add_fragment (probe, g_array_index (m->starts, guint, f),
                                                g_array_index (m->ends, guint, f));
              name = _glossator_default_entity_name (probe, builder->text);
            }
          entity = glossator_entity_new (root->entity_id, name,
                                         root->entity_label != NULL ? root->entity_label : m->label);
          if (root->kb_id != NULL)
            glossator_entity_set_kb_id (entity, root->kb_id);
          if (root->entity_note != NULL)
            glossator_entity_set_note (entity, root->entity_note);
          if (root->entity_attributes != NULL)
            glossator_entity_set_attributes (entity, root->entity_attributes);
          glossator_document_put_entity (document, entity);
        }
    }

  for (guint i = 0; i < sorted->len; i++)
    {
      BuilderMention *m = g_ptr_array_index (sorted, i);
      BuilderMention *root = g_ptr_array_index (builder->mentions, find_root (builder, m->order));
      g_autoptr(GlossatorMention) mention = glossator_mention_new (m->id, m->label, root->entity_id);

      for (guint f = 0; f < m->starts->len; f++)
        {
          GlossatorSpan *span = glossator_mention_add_fragment (mention, g_array_index (m->starts, guint, f),
                                                                g_array_index (m->ends, guint, f));
          glossator_span_set_quote (span, builder->text);
        }
      if (m->note != NULL)
        glossator_mention_set_note (mention, m->note);
      if (m->source_id != NULL)
        {
          if (m->attributes == NULL)
            m->attributes = json_object_new ();
          if (!json_object_has_member (m->attributes, "source_id"))
            json_object_set_string_member (m->attributes, "source_id", m->source_id);
        }
      if (m->attributes != NULL)
        {
          json_object_seal (m->attributes);
          glossator_mention_set_attributes (mention, m->attributes);
        }
      glossator_document_put_mention (document, mention);
    }

  for (guint i = 0; i < builder->stances->len; i++)
    {
      BuilderStance *s = g_ptr_array_index (builder->stances, i);
      g_autofree char *id = g_strdup_printf ("s%u", i + 1);
      g_autoptr(GlossatorStance) stance = glossator_stance_new (id, s->polarity);
      const char *holder = NULL, *target = NULL;

      if (s->holder >= 0)
        holder = ((BuilderMention *) g_ptr_array_index (builder->mentions,
                                                        find_root (builder, s->holder)))->entity_id;
      if (s->target >= 0)
        target = ((BuilderMention *) g_ptr_array_index (builder->mentions,
                                                        find_root (builder, s->target)))->entity_id;
      glossator_stance_set_holder (stance, s->holder_kind,
                                   s->holder_kind == GLOSSATOR_HOLDER_ENTITY ? holder : NULL);
      glossator_stance_set_target (stance, s->target_kind,
                                   s->target_kind == GLOSSATOR_TARGET_ENTITY ? target :
                                   s->target_kind == GLOSSATOR_TARGET_TOPIC ? s->topic : NULL);
      if (s->intensity > 0)
        glossator_stance_set_intensity (stance, s->intensity);
      if (s->note != NULL)
        glossator_stance_set_note (stance, s->note);
      if (s->attributes != NULL)
        glossator_stance_set_attributes (stance, s->attributes);
      for (guint e = 0; e + 1 < s->evidence->len; e += 2)
        {
          GlossatorSpan *span = glossator_stance_add_evidence (stance, g_array_index (s->evidence, guint, e),
                                                               g_array_index (s->evidence, guint, e + 1));
          glossator_span_set_quote (span, builder->text);
        }
      glossator_document_put_stance (document, stance);
    }

  if (builder->document_attributes != NULL)
    glossator_document_set_attributes (document, builder->document_attributes);

  _glossator_document_end_load (document);
  return g_steal_pointer (&document);
}

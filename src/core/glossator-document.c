/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-document"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "glossator-document-private.h"
#include "glossator-history.h"
#include "glossator-interval-index.h"
#include "glossator-value-private.h"

typedef enum {
  KIND_MENTION,
  KIND_ENTITY,
  KIND_STANCE,
  KIND_INFO,
  N_KINDS
} Kind;

/* The document's own information, a value like the others so that its
 * edits go through the same history. */
typedef struct {
  GlossatorStatus  status;
  char            *annotator;
  char            *notes;
  JsonObject      *attributes;
  JsonArray       *conflicts;   /* the sidecar's "conflicts"; nullable, immutable */
  JsonObject      *adjudication; /* the sidecar's "adjudication"; nullable, immutable */
} Info;

struct _GlossatorDocument {
  GObject                 parent_instance;

  GlossatorText          *text;
  Info                   *info;

  GHashTable             *mentions;     /* id → GlossatorMention (owned) */
  GHashTable             *entities;     /* id → GlossatorEntity (owned) */
  GHashTable             *stances;      /* id → GlossatorStance (owned) */
  GHashTable             *clusters;     /* entity id → GPtrArray of GlossatorMention* */
  GlossatorIntervalIndex *index;        /* fragments → GlossatorMention* */

  GPtrArray              *sorted_mentions;  /* caches, NULL when stale */
  GPtrArray              *sorted_entities;
  GPtrArray              *sorted_stances;

  /* Largest numeric id suffix seen per kind ("m12" → 12), never lowered,
   * so new ids are O(1) and not reused within a session. */
  guint64                 max_id[N_KINDS];
  /* Appended to new ids ("m12-k3f9") when set: see
   * glossator_document_set_id_suffix(). */
  char                   *id_suffix;
  /* Credited with new and changed mentions and stances; NULL records no
   * authorship: see glossator_document_set_author(). */
  char                   *author;

  GlossatorHistory       *history;
  gboolean                loading;
  gboolean                needs_save;
  gboolean                was_modified;

  gpointer                sidecar_data;
  GDestroyNotify          sidecar_data_destroy;
};

G_DEFINE_FINAL_TYPE (GlossatorDocument, glossator_document, G_TYPE_OBJECT)
G_DEFINE_QUARK (glossator-document-error-quark, glossator_document_error)

enum {
  PROP_0,
  PROP_STATUS,
  PROP_CAN_UNDO,
  PROP_CAN_REDO,
  PROP_MODIFIED,
  N_PROPS
};

enum {
  MENTION_CHANGED,
  ENTITY_CHANGED,
  STANCE_CHANGED,
  INFO_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static const char * const status_names[] = { "todo", "in-progress", "done" };

static Info *
info_new (void)
{
  return g_rc_box_new0 (Info);
}

static void
info_clear (Info *info)
{
  g_free (info->annotator);
  g_free (info->notes);
  g_clear_pointer (&info->attributes, json_object_unref);
  g_clear_pointer (&info->conflicts, json_array_unref);
  g_clear_pointer (&info->adjudication, json_object_unref);
}

static void
info_unref (gpointer info)
{
  g_rc_box_release_full (info, (GDestroyNotify) info_clear);
}

static Info *
info_copy (const Info *info)
{
  Info *copy = info_new ();

  copy->status = info->status;
  copy->annotator = g_strdup (info->annotator);
  copy->notes = g_strdup (info->notes);
  copy->attributes = _glossator_value_ref_object (info->attributes);
  copy->conflicts = info->conflicts != NULL ? json_array_ref (info->conflicts) : NULL;
  copy->adjudication = _glossator_value_ref_object (info->adjudication);

  return copy;
}

static void
cluster_add (GlossatorDocument *self,
             GlossatorMention  *mention)
{
  GPtrArray *members;

  if (mention->entity_id == NULL)
    return;

  members = g_hash_table_lookup (self->clusters, mention->entity_id);
  if (members == NULL)
    {
      members = g_ptr_array_new ();
      g_hash_table_insert (self->clusters, g_strdup (mention->entity_id), members);
    }
  g_ptr_array_add (members, mention);
}

static void
cluster_remove (GlossatorDocument *self,
                GlossatorMention  *mention)
{
  GPtrArray *members;

  if (mention->entity_id == NULL)
    return;

  members = g_hash_table_lookup (self->clusters, mention->entity_id);
  if (members == NULL)
    return;
  g_ptr_array_remove_fast (members, mention);
  if (members->len == 0)
    g_hash_table_remove (self->clusters, mention->entity_id);
}

static void
index_mention (GlossatorDocument *self,
               GlossatorMention  *mention,
               gboolean           add)
{
  for (guint i = 0; i < mention->n_fragments; i++)
    {
      const GlossatorSpan *f = &mention->fragments[i];

      /* A load sorts once at its end rather than keep the order per mention. */
      if (add && self->loading)
        glossator_interval_index_append (self->index, f->start, f->end, mention);
      else if (add)
        glossator_interval_index_add (self->index, f->start, f->end, mention);
      else
        glossator_interval_index_remove (self->index, f->start, f->end, mention);
    }
}

static void
notify_history (GlossatorDocument *self)
{
  gboolean modified;

  if (self->loading)
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_UNDO]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAN_REDO]);

  modified = glossator_document_get_modified (self);
  if (modified != self->was_modified)
    {
      self->was_modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

static guint64
id_number (const char *id,
           const char *prefix)
{
  gsize len = strlen (prefix);
  guint64 number;
  char *end;

  if (strncmp (id, prefix, len) != 0 || !g_ascii_isdigit (id[len]))
    return 0;
  number = g_ascii_strtoull (id + len, &end, 10);
  /* "m12-k3f9", a suffixed id, counts as 12 too. */
  return *end == '\0' || (end[0] == '-' && end[1] != '\0') ? number : 0;
}

static const char * const id_prefixes[] = { "m", "e", "s" };

static void
note_id (GlossatorDocument *self,
         Kind               kind,
         const char        *id)
{
  self->max_id[kind] = MAX (self->max_id[kind], id_number (id, id_prefixes[kind]));
}

static GHashTable *table_for (GlossatorDocument *self,
                              Kind               kind);
typedef gpointer (*RefFunc) (gpointer value);
static const RefFunc ref_funcs[] = {
  [KIND_MENTION] = (RefFunc) glossator_mention_ref,
  [KIND_ENTITY] = (RefFunc) glossator_entity_ref,
  [KIND_STANCE] = (RefFunc) glossator_stance_ref,
};

/* Entities and stances: a table, a sorted cache and a signal. */
static void
apply_value (GlossatorDocument *self,
             Kind               kind,
             gpointer           old,
             const char        *old_id,
             gpointer           new,
             const char        *new_id,
             GPtrArray        **sorted,
             guint              signal_id)
{
  GHashTable *table = table_for (self, kind);

  if (new != NULL)
    {
      g_hash_table_replace (table, (gpointer) new_id, ref_funcs[kind] (new));
      note_id (self, kind, new_id);
    }
  else if (old != NULL)
    g_hash_table_remove (table, old_id);
  g_clear_pointer (sorted, g_ptr_array_unref);
  if (!self->loading)
    g_signal_emit (self, signal_id, 0, old, new);
}

/* Replaces @from by @to (either may be NULL) without recording: used both
 * for new edits and by undo/redo. */
static void
apply_cb (gpointer owner,
          guint    kind,
          gpointer from,
          gpointer to)
{
  GlossatorDocument *self = owner;

  switch ((Kind) kind)
    {
    case KIND_MENTION:
      {
        GlossatorMention *old = from, *new = to;

        if (old != NULL)
          {
            index_mention (self, old, FALSE);
            cluster_remove (self, old);
            if (new == NULL)
              g_hash_table_remove (self->mentions, old->id);
          }
        if (new != NULL)
          {
            g_hash_table_replace (self->mentions, new->id, glossator_mention_ref (new));
            note_id (self, KIND_MENTION, new->id);
            index_mention (self, new, TRUE);
            cluster_add (self, new);
          }
        g_clear_pointer (&self->sorted_mentions, g_ptr_array_unref);
        if (!self->loading)
          g_signal_emit (self, signals[MENTION_CHANGED], 0, old, new);
      }
      break;

    case KIND_ENTITY:
      apply_value (self, kind,
                   from, from != NULL ? ((GlossatorEntity *) from)->id : NULL,
                   to, to != NULL ? ((GlossatorEntity *) to)->id : NULL,
                   &self->sorted_entities, signals[ENTITY_CHANGED]);
      break;

    case KIND_STANCE:
      apply_value (self, kind,
                   from, from != NULL ? ((GlossatorStance *) from)->id : NULL,
                   to, to != NULL ? ((GlossatorStance *) to)->id : NULL,
                   &self->sorted_stances, signals[STANCE_CHANGED]);
      break;

    case KIND_INFO:
      {
        Info *old = self->info;
        gboolean status_changed;

        g_assert (to != NULL);
        status_changed = old->status != ((Info *) to)->status;
        self->info = g_rc_box_acquire (to);
        info_unref (old);
        if (!self->loading)
          {
            if (status_changed)
              g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
            g_signal_emit (self, signals[INFO_CHANGED], 0);
          }
      }
      break;

    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

static GDestroyNotify free_funcs[N_KINDS] = {
  [KIND_MENTION] = (GDestroyNotify) glossator_mention_unref,
  [KIND_ENTITY] = (GDestroyNotify) glossator_entity_unref,
  [KIND_STANCE] = (GDestroyNotify) glossator_stance_unref,
  [KIND_INFO] = info_unref,
};

/* Every edit: apply, and record old → new. Takes the references passed. */
static void
change (GlossatorDocument *self,
        Kind               kind,
        gpointer           old_value,
        gpointer           new_value)
{
  if (self->loading)
    {
      apply_cb (self, kind, old_value, new_value);
      if (old_value != NULL)
        free_funcs[kind] (old_value);
      if (new_value != NULL)
        free_funcs[kind] (new_value);
      return;
    }

  /* The history takes the references, which keeps both alive across
   * apply (the tables drop theirs). */
  glossator_history_record (self->history, kind, old_value, new_value);
  apply_cb (self, kind, old_value, new_value);
  notify_history (self);
}

static void
glossator_document_dispose (GObject *object)
{
  GlossatorDocument *self = GLOSSATOR_DOCUMENT (object);

  g_clear_pointer (&self->history, glossator_history_free);

  G_OBJECT_CLASS (glossator_document_parent_class)->dispose (object);
}

static void
glossator_document_finalize (GObject *object)
{
  GlossatorDocument *self = GLOSSATOR_DOCUMENT (object);

  if (self->sidecar_data_destroy != NULL)
    self->sidecar_data_destroy (self->sidecar_data);
  g_clear_pointer (&self->sorted_mentions, g_ptr_array_unref);
  g_clear_pointer (&self->sorted_entities, g_ptr_array_unref);
  g_clear_pointer (&self->sorted_stances, g_ptr_array_unref);
  g_clear_pointer (&self->index, glossator_interval_index_free);
  g_clear_pointer (&self->clusters, g_hash_table_unref);
  g_clear_pointer (&self->mentions, g_hash_table_unref);
  g_clear_pointer (&self->entities, g_hash_table_unref);
  g_clear_pointer (&self->stances, g_hash_table_unref);
  g_clear_pointer (&self->info, info_unref);
  g_clear_pointer (&self->text, glossator_text_unref);
  g_clear_pointer (&self->id_suffix, g_free);
  g_clear_pointer (&self->author, g_free);

  G_OBJECT_CLASS (glossator_document_parent_class)->finalize (object);
}

static void
glossator_document_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  GlossatorDocument *self = GLOSSATOR_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_STATUS:
      g_value_set_uint (value, self->info->status);
      break;
    case PROP_CAN_UNDO:
      g_value_set_boolean (value, glossator_document_can_undo (self));
      break;
    case PROP_CAN_REDO:
      g_value_set_boolean (value, glossator_document_can_redo (self));
      break;
    case PROP_MODIFIED:
      g_value_set_boolean (value, glossator_document_get_modified (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_document_class_init (GlossatorDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_document_dispose;
  object_class->finalize = glossator_document_finalize;
  object_class->get_property = glossator_document_get_property;

  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, GLOSSATOR_STATUS_DONE, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_UNDO] =
    g_param_spec_boolean ("can-undo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAN_REDO] =
    g_param_spec_boolean ("can-redo", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MODIFIED] =
    g_param_spec_boolean ("modified", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MENTION_CHANGED] =
    g_signal_new ("mention-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSSATOR_TYPE_MENTION | G_SIGNAL_TYPE_STATIC_SCOPE,
                  GLOSSATOR_TYPE_MENTION | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[ENTITY_CHANGED] =
    g_signal_new ("entity-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSSATOR_TYPE_ENTITY | G_SIGNAL_TYPE_STATIC_SCOPE,
                  GLOSSATOR_TYPE_ENTITY | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[STANCE_CHANGED] =
    g_signal_new ("stance-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  GLOSSATOR_TYPE_STANCE | G_SIGNAL_TYPE_STATIC_SCOPE,
                  GLOSSATOR_TYPE_STANCE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals[INFO_CHANGED] =
    g_signal_new ("info-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
glossator_document_init (GlossatorDocument *self)
{
  self->info = info_new ();
  self->mentions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) glossator_mention_unref);
  self->entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                          (GDestroyNotify) glossator_entity_unref);
  self->stances = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) glossator_stance_unref);
  self->clusters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          (GDestroyNotify) g_ptr_array_unref);
  self->index = glossator_interval_index_new ();
  self->history = glossator_history_new (apply_cb, free_funcs, N_KINDS, self);
}

/**
 * glossator_document_new:
 * @text: the article's text
 *
 * Returns: (transfer full): an empty document over @text.
 */
GlossatorDocument *
glossator_document_new (GlossatorText *text)
{
  GlossatorDocument *self;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_DOCUMENT, NULL);
  self->text = glossator_text_ref (text);

  return self;
}

GlossatorText *
glossator_document_get_text (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->text;
}

/* Document information */

const char *
glossator_status_to_string (GlossatorStatus status)
{
  g_return_val_if_fail (status < G_N_ELEMENTS (status_names), NULL);

  return status_names[status];
}

gboolean
glossator_status_from_string (const char      *str,
                              GlossatorStatus *status)
{
  guint value;

  if (!_glossator_value_name_index (status_names, G_N_ELEMENTS (status_names), str, &value))
    return FALSE;
  *status = value;
  return TRUE;
}

GlossatorStatus
glossator_document_get_status (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), GLOSSATOR_STATUS_TODO);

  return self->info->status;
}

const char *
glossator_document_get_annotator (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->info->annotator;
}

const char *
glossator_document_get_notes (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->info->notes;
}

JsonObject *
glossator_document_get_attributes (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->info->attributes;
}

static void
put_info (GlossatorDocument *self,
          Info              *info)
{
  change (self, KIND_INFO, g_rc_box_acquire (self->info), info);
}

void
glossator_document_set_status (GlossatorDocument *self,
                               GlossatorStatus    status)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));
  g_return_if_fail (status <= GLOSSATOR_STATUS_DONE);

  if (self->info->status == status)
    return;

  info = info_copy (self->info);
  info->status = status;
  put_info (self, info);
}

void
glossator_document_set_annotator (GlossatorDocument *self,
                                  const char        *annotator)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  if (g_strcmp0 (self->info->annotator, annotator) == 0)
    return;

  info = info_copy (self->info);
  _glossator_value_set_string (&info->annotator, annotator);
  put_info (self, info);
}

void
glossator_document_set_notes (GlossatorDocument *self,
                              const char        *notes)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  if (g_strcmp0 (self->info->notes, notes) == 0)
    return;

  info = info_copy (self->info);
  _glossator_value_set_string (&info->notes, notes);
  put_info (self, info);
}

void
glossator_document_set_attributes (GlossatorDocument *self,
                                   JsonObject        *attributes)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  info = info_copy (self->info);
  _glossator_value_set_object (&info->attributes, attributes);
  put_info (self, info);
}

JsonArray *
_glossator_document_get_conflicts (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->info->conflicts;
}

void
_glossator_document_set_conflicts (GlossatorDocument *self,
                                   JsonArray         *conflicts)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  info = info_copy (self->info);
  g_clear_pointer (&info->conflicts, json_array_unref);
  if (conflicts != NULL && json_array_get_length (conflicts) > 0)
    info->conflicts = json_array_ref (conflicts);
  put_info (self, info);
}

JsonObject *
_glossator_document_get_adjudication (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->info->adjudication;
}

void
_glossator_document_set_adjudication (GlossatorDocument *self,
                                      JsonObject        *adjudication)
{
  Info *info;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  info = info_copy (self->info);
  _glossator_value_set_object (&info->adjudication, adjudication);
  put_info (self, info);
}

/* Lookups */

GlossatorMention *
glossator_document_get_mention (GlossatorDocument *self,
                                const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->mentions, id);
}

GlossatorEntity *
glossator_document_get_entity (GlossatorDocument *self,
                               const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->entities, id);
}

GlossatorStance *
glossator_document_get_stance (GlossatorDocument *self,
                               const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return g_hash_table_lookup (self->stances, id);
}

guint
glossator_document_get_n_mentions (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), 0);

  return g_hash_table_size (self->mentions);
}

guint
glossator_document_get_n_entities (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), 0);

  return g_hash_table_size (self->entities);
}

guint
glossator_document_get_n_stances (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), 0);

  return g_hash_table_size (self->stances);
}

static int
mention_compare_cb (gconstpointer a,
                    gconstpointer b)
{
  return glossator_mention_compare (*(GlossatorMention **) a, *(GlossatorMention **) b);
}

/* Entities and stances both start with their id. */
static int
entity_compare_cb (gconstpointer a,
                   gconstpointer b)
{
  return glossator_id_compare ((*(GlossatorEntity **) a)->id, (*(GlossatorEntity **) b)->id);
}

static int
stance_compare_cb (gconstpointer a,
                   gconstpointer b)
{
  return glossator_id_compare ((*(GlossatorStance **) a)->id, (*(GlossatorStance **) b)->id);
}

static GPtrArray *
sorted_values (GHashTable      *table,
               GPtrArray      **cache,
               GCompareFunc     compare,
               gpointer       (*ref) (gpointer),
               GDestroyNotify   unref)
{
  GPtrArray *copy;

  if (*cache == NULL)
    {
      GHashTableIter iter;
      gpointer value;

      *cache = g_ptr_array_sized_new (g_hash_table_size (table));
      g_hash_table_iter_init (&iter, table);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (*cache, value);
      g_ptr_array_sort (*cache, compare);
    }

  copy = g_ptr_array_new_full ((*cache)->len, unref);
  for (guint i = 0; i < (*cache)->len; i++)
    g_ptr_array_add (copy, ref ((*cache)->pdata[i]));

  return copy;
}

GPtrArray *
glossator_document_list_mentions (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return sorted_values (self->mentions, &self->sorted_mentions, mention_compare_cb,
                        (gpointer (*) (gpointer)) glossator_mention_ref,
                        (GDestroyNotify) glossator_mention_unref);
}

GPtrArray *
glossator_document_list_entities (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return sorted_values (self->entities, &self->sorted_entities, entity_compare_cb,
                        (gpointer (*) (gpointer)) glossator_entity_ref,
                        (GDestroyNotify) glossator_entity_unref);
}

GPtrArray *
glossator_document_list_stances (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return sorted_values (self->stances, &self->sorted_stances, stance_compare_cb,
                        (gpointer (*) (gpointer)) glossator_stance_ref,
                        (GDestroyNotify) glossator_stance_unref);
}

static GPtrArray *
ref_mentions (GPtrArray *mentions)
{
  GPtrArray *result = g_ptr_array_new_full (mentions != NULL ? mentions->len : 0,
                                            (GDestroyNotify) glossator_mention_unref);

  for (guint i = 0; mentions != NULL && i < mentions->len; i++)
    g_ptr_array_add (result, glossator_mention_ref (mentions->pdata[i]));
  g_ptr_array_sort (result, mention_compare_cb);

  return result;
}

GPtrArray *
glossator_document_list_entity_mentions (GlossatorDocument *self,
                                         const char        *entity_id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  return ref_mentions (g_hash_table_lookup (self->clusters, entity_id));
}

guint
glossator_document_count_entity_mentions (GlossatorDocument *self,
                                          const char        *entity_id)
{
  GPtrArray *members;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), 0);
  g_return_val_if_fail (entity_id != NULL, 0);

  members = g_hash_table_lookup (self->clusters, entity_id);
  return members != NULL ? members->len : 0;
}

GPtrArray *
glossator_document_list_entity_stances (GlossatorDocument *self,
                                        const char        *entity_id)
{
  GPtrArray *result;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (entity_id != NULL, NULL);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_stance_unref);
  g_hash_table_iter_init (&iter, self->stances);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (glossator_stance_uses_entity (value, entity_id))
      g_ptr_array_add (result, glossator_stance_ref (value));
  g_ptr_array_sort (result, stance_compare_cb);

  return result;
}

static GPtrArray *
unique_sorted (GPtrArray *hits)
{
  GPtrArray *result;

  result = g_ptr_array_new_full (hits->len, (GDestroyNotify) glossator_mention_unref);
  g_ptr_array_sort (hits, mention_compare_cb);
  for (guint i = 0; i < hits->len; i++)
    if (i == 0 || hits->pdata[i] != hits->pdata[i - 1])
      g_ptr_array_add (result, glossator_mention_ref (hits->pdata[i]));

  return result;
}

GPtrArray *
glossator_document_mentions_at (GlossatorDocument *self,
                                guint              offset)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  glossator_interval_index_query_point (self->index, offset, hits);
  return unique_sorted (hits);
}

GPtrArray *
glossator_document_mentions_in_range (GlossatorDocument *self,
                                      guint              start,
                                      guint              end)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new ();

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  glossator_interval_index_query_range (self->index, start, end, hits);
  return unique_sorted (hits);
}

char *
glossator_document_new_id (GlossatorDocument *self,
                           const char        *prefix)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (prefix != NULL, NULL);

  for (guint kind = 0; kind < G_N_ELEMENTS (id_prefixes); kind++)
    if (g_str_equal (prefix, id_prefixes[kind]))
      {
        if (self->id_suffix != NULL)
          return g_strdup_printf ("%s%" G_GUINT64_FORMAT "-%s", prefix, self->max_id[kind] + 1, self->id_suffix);
        return g_strdup_printf ("%s%" G_GUINT64_FORMAT, prefix, self->max_id[kind] + 1);
      }

  g_return_val_if_reached (NULL);
}

void
glossator_document_set_id_suffix (GlossatorDocument *self,
                                  const char        *suffix)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));
  g_return_if_fail (suffix == NULL || glossator_id_suffix_is_valid (suffix));

  g_free (self->id_suffix);
  self->id_suffix = suffix != NULL && *suffix != '\0' ? g_strdup (suffix) : NULL;
}

const char *
glossator_document_get_id_suffix (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->id_suffix;
}

void
glossator_document_set_author (GlossatorDocument *self,
                               const char        *author)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  g_free (self->author);
  self->author = author != NULL && *author != '\0' ? g_strdup (author) : NULL;
}

const char *
glossator_document_get_author (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->author;
}

gboolean
glossator_id_suffix_is_valid (const char *suffix)
{
  g_return_val_if_fail (suffix != NULL, FALSE);

  for (const char *p = suffix; *p != '\0'; p++)
    if (!g_ascii_islower (*p) && !g_ascii_isdigit (*p))
      return FALSE;
  return strlen (suffix) <= 8;
}

const char *
glossator_id_session_suffix (void)
{
  static char suffix[5];
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      static const char alphabet[] = "abcdefghijklmnopqrstuvwxyz0123456789";

      /* A letter first, so the suffix never reads as a number. */
      suffix[0] = alphabet[g_random_int_range (0, 26)];
      for (guint i = 1; i < 4; i++)
        suffix[i] = alphabet[g_random_int_range (0, 36)];
      g_once_init_leave (&initialized, 1);
    }

  return suffix;
}

/* Low-level edits */

static GHashTable *
table_for (GlossatorDocument *self,
           Kind               kind)
{
  switch (kind)
    {
    case KIND_MENTION:
      return self->mentions;
    case KIND_ENTITY:
      return self->entities;
    case KIND_STANCE:
      return self->stances;
    case KIND_INFO:
    case N_KINDS:
    default:
      g_assert_not_reached ();
    }
}

/* The first change to the annotations of a document not started starts it,
 * in the same undo step: undoing that change makes it "todo" again. */
static gboolean
begin_change (GlossatorDocument *self)
{
  if (self->loading || self->info->status != GLOSSATOR_STATUS_TODO)
    return FALSE;
  glossator_history_begin (self->history, NULL);
  return TRUE;
}

static void
end_change (GlossatorDocument *self,
            gboolean           started)
{
  if (!started)
    return;
  glossator_document_set_status (self, GLOSSATOR_STATUS_IN_PROGRESS);
  glossator_history_end (self->history);
  notify_history (self);
}

static GlossatorAuthorship *
authorship_of (Kind     kind,
               gpointer value)
{
  switch (kind)
    {
    case KIND_MENTION:
      return &((GlossatorMention *) value)->authorship;
    case KIND_STANCE:
      return &((GlossatorStance *) value)->authorship;
    case KIND_ENTITY:
    case KIND_INFO:
    case N_KINDS:
    default:
      return NULL;
    }
}

/* A new reference to @value, or to a copy of it credited to the document's
 * author when that changes its authorship. The caller's value is never
 * changed: it may be another document's (adjudication, recovery). */
static gpointer
stamped (GlossatorDocument *self,
         Kind               kind,
         gpointer           old,
         gpointer           value)
{
  GlossatorAuthorship *authorship = authorship_of (kind, value);
  g_autofree char *now = NULL;
  gpointer copy;

  if (self->loading || self->author == NULL || authorship == NULL)
    return ref_funcs[kind] (value);
  if (old == NULL ? authorship->author != NULL || authorship->created != NULL
                  : !glossator_authorship_is_empty (authorship) &&
                    g_strcmp0 (authorship->modified, authorship_of (kind, old)->modified) != 0)
    return ref_funcs[kind] (value);

  copy = kind == KIND_MENTION ? (gpointer) glossator_mention_copy (value)
                              : (gpointer) glossator_stance_copy (value);
  now = glossator_authorship_now ();
  glossator_authorship_stamp (authorship_of (kind, copy),
                              old != NULL ? authorship_of (kind, old) : NULL,
                              self->author, now);
  return copy;
}

static void
put_value (GlossatorDocument *self,
           Kind               kind,
           const char        *id,
           gpointer           value)
{
  gpointer old = g_hash_table_lookup (table_for (self, kind), id);
  gboolean started;

  if (old == value)
    return;
  started = begin_change (self);
  change (self, kind, old != NULL ? ref_funcs[kind] (old) : NULL, stamped (self, kind, old, value));
  end_change (self, started);
}

static gboolean
remove_value (GlossatorDocument *self,
              Kind               kind,
              const char        *id)
{
  gpointer old = g_hash_table_lookup (table_for (self, kind), id);
  gboolean started;

  if (old == NULL)
    return FALSE;
  started = begin_change (self);
  change (self, kind, ref_funcs[kind] (old), NULL);
  end_change (self, started);
  return TRUE;
}

void
glossator_document_put_mention (GlossatorDocument *self,
                                GlossatorMention  *mention)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));
  g_return_if_fail (mention != NULL);

  put_value (self, KIND_MENTION, mention->id, mention);
}

void
glossator_document_put_entity (GlossatorDocument *self,
                               GlossatorEntity   *entity)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));
  g_return_if_fail (entity != NULL);

  put_value (self, KIND_ENTITY, entity->id, entity);
}

void
glossator_document_put_stance (GlossatorDocument *self,
                               GlossatorStance   *stance)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));
  g_return_if_fail (stance != NULL);

  put_value (self, KIND_STANCE, stance->id, stance);
}

gboolean
glossator_document_remove_mention (GlossatorDocument *self,
                                   const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return remove_value (self, KIND_MENTION, id);
}

gboolean
glossator_document_remove_entity (GlossatorDocument *self,
                                  const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return remove_value (self, KIND_ENTITY, id);
}

gboolean
glossator_document_remove_stance (GlossatorDocument *self,
                                  const char        *id)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  return remove_value (self, KIND_STANCE, id);
}

/* Batches: several changes as one undo step. The edits made of them are in
 * glossator-document-edits.c. */

void
glossator_document_begin_edit (GlossatorDocument *self,
                               const char        *description)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  if (!self->loading)
    glossator_history_begin (self->history, description);
}

void
glossator_document_end_edit (GlossatorDocument *self)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  if (!self->loading)
    {
      glossator_history_end (self->history);
      notify_history (self);
    }
}

/* History */

gboolean
glossator_document_can_undo (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  return glossator_history_can_undo (self->history);
}

gboolean
glossator_document_can_redo (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  return glossator_history_can_redo (self->history);
}

const char *
glossator_document_get_undo_description (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return glossator_history_get_undo_description (self->history);
}

const char *
glossator_document_get_redo_description (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return glossator_history_get_redo_description (self->history);
}

gboolean
glossator_document_undo (GlossatorDocument *self)
{
  gboolean done;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  done = glossator_history_undo (self->history);
  notify_history (self);
  return done;
}

gboolean
glossator_document_redo (GlossatorDocument *self)
{
  gboolean done;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  done = glossator_history_redo (self->history);
  notify_history (self);
  return done;
}

gboolean
glossator_document_get_modified (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);

  return self->needs_save || glossator_history_is_modified (self->history);
}

void
glossator_document_mark_saved (GlossatorDocument *self)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  glossator_document_mark_saved_revision (self, glossator_history_get_revision (self->history));
}

guint64
glossator_document_get_revision (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), 0);

  return glossator_history_get_revision (self->history);
}

void
glossator_document_mark_saved_revision (GlossatorDocument *self,
                                        guint64            revision)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  self->needs_save = FALSE;
  glossator_history_mark_saved_revision (self->history, revision);
  notify_history (self);
}

/* Private API for loaders */

void
_glossator_document_begin_load (GlossatorDocument *self)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  self->loading = TRUE;
}

void
_glossator_document_end_load (GlossatorDocument *self)
{
  g_autoptr(GPtrArray) warm = NULL;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  self->loading = FALSE;
  glossator_history_clear (self->history);
  /* Sort and augment the index now rather than on the first query. */
  warm = g_ptr_array_new ();
  glossator_interval_index_query_point (self->index, 0, warm);
  self->was_modified = glossator_document_get_modified (self);
}

void
_glossator_document_set_needs_save (GlossatorDocument *self,
                                    gboolean           needs_save)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  self->needs_save = needs_save;
  notify_history (self);
}

gpointer
_glossator_document_get_sidecar_data (GlossatorDocument *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), NULL);

  return self->sidecar_data;
}

void
_glossator_document_set_sidecar_data (GlossatorDocument *self,
                                      gpointer           data,
                                      GDestroyNotify     destroy)
{
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (self));

  if (self->sidecar_data_destroy != NULL)
    self->sidecar_data_destroy (self->sidecar_data);
  self->sidecar_data = data;
  self->sidecar_data_destroy = destroy;
}

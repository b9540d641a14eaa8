/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-corpus-item"

#include "config.h"

#include "glossator-corpus-item.h"

struct _GlossatorCorpusItem
{
  GObject          parent_instance;

  GFile           *file;
  char            *location;
  char            *title;
  char            *problem;
  GlossatorStatus  status;
  guint            n_mentions;
  gboolean         known;
};

G_DEFINE_FINAL_TYPE (GlossatorCorpusItem, glossator_corpus_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_FILE,
  PROP_LOCATION,
  PROP_TITLE,
  PROP_STATUS,
  PROP_N_MENTIONS,
  PROP_PROBLEM,
  PROP_KNOWN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() is GLib 2.76. */
static gboolean
replace_string (char       **slot,
                const char  *value)
{
  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;
  g_free (*slot);
  *slot = g_strdup (value);
  return TRUE;
}

static void
glossator_corpus_item_finalize (GObject *object)
{
  GlossatorCorpusItem *self = GLOSSATOR_CORPUS_ITEM (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->location, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->problem, g_free);

  G_OBJECT_CLASS (glossator_corpus_item_parent_class)->finalize (object);
}

static void
glossator_corpus_item_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GlossatorCorpusItem *self = GLOSSATOR_CORPUS_ITEM (object);

  switch (prop_id)
    {
    case PROP_FILE:
      g_value_set_object (value, self->file);
      break;
    case PROP_LOCATION:
      g_value_set_string (value, self->location);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_N_MENTIONS:
      g_value_set_uint (value, self->n_mentions);
      break;
    case PROP_PROBLEM:
      g_value_set_string (value, self->problem);
      break;
    case PROP_KNOWN:
      g_value_set_boolean (value, self->known);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_corpus_item_class_init (GlossatorCorpusItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_corpus_item_finalize;
  object_class->get_property = glossator_corpus_item_get_property;

  properties[PROP_FILE] =
    g_param_spec_object ("file", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOCATION] =
    g_param_spec_string ("location", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, GLOSSATOR_STATUS_DONE, GLOSSATOR_STATUS_TODO,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_N_MENTIONS] =
    g_param_spec_uint ("n-mentions", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_PROBLEM] =
    g_param_spec_string ("problem", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_KNOWN] =
    g_param_spec_boolean ("known", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
glossator_corpus_item_init (GlossatorCorpusItem *self)
{
}

GlossatorCorpusItem *
glossator_corpus_item_new (GFile      *file,
                           const char *location)
{
  GlossatorCorpusItem *self;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (location != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_CORPUS_ITEM, NULL);
  self->file = g_object_ref (file);
  self->location = g_strdup (location);
  self->title = g_file_get_basename (file);

  return self;
}

GFile *
glossator_corpus_item_get_file (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), NULL);

  return self->file;
}

const char *
glossator_corpus_item_get_location (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), NULL);

  return self->location;
}

const char *
glossator_corpus_item_get_title (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), NULL);

  return self->title;
}

void
glossator_corpus_item_set_title (GlossatorCorpusItem *self,
                                 const char          *title)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self));
  g_return_if_fail (title != NULL);

  if (replace_string (&self->title, title))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

GlossatorStatus
glossator_corpus_item_get_status (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), GLOSSATOR_STATUS_TODO);

  return self->status;
}

void
glossator_corpus_item_set_status (GlossatorCorpusItem *self,
                                  GlossatorStatus      status)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self));

  if (self->status == status)
    return;
  self->status = status;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

guint
glossator_corpus_item_get_n_mentions (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), 0);

  return self->n_mentions;
}

void
glossator_corpus_item_set_n_mentions (GlossatorCorpusItem *self,
                                      guint                n_mentions)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self));

  if (self->n_mentions == n_mentions)
    return;
  self->n_mentions = n_mentions;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MENTIONS]);
}

const char *
glossator_corpus_item_get_problem (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), NULL);

  return self->problem;
}

void
glossator_corpus_item_set_problem (GlossatorCorpusItem *self,
                                   const char          *problem)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self));

  if (replace_string (&self->problem, problem))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROBLEM]);
}

gboolean
glossator_corpus_item_get_known (GlossatorCorpusItem *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self), FALSE);

  return self->known;
}

void
glossator_corpus_item_set_known (GlossatorCorpusItem *self,
                                 gboolean             known)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (self));

  known = !!known;
  if (self->known == known)
    return;
  self->known = known;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KNOWN]);
}

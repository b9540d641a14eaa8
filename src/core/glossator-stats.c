/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stats"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-stats.h"

#define N_STATUSES (GLOSSATOR_STATUS_DONE + 1)

struct _GlossatorStats
{
  guint       n_documents;
  guint       n_by_status[N_STATUSES];
  guint       n_unannotated;
  guint       n_mentions;
  GHashTable *mentions_by_label;     /* name → count */
  guint       n_entities;
  GHashTable *entities_by_label;     /* name → count */
  guint       n_stances;
  GHashTable *stances_by_polarity;   /* name → count */
  guint       n_orphaned_spans;
};

static GHashTable *
counts_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
count (GHashTable *counts,
       const char *name)
{
  gpointer key;
  gpointer value;

  if (name == NULL)
    return;

  if (g_hash_table_lookup_extended (counts, name, &key, &value))
    g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (GPOINTER_TO_UINT (value) + 1));
  else
    g_hash_table_insert (counts, g_strdup (name), GUINT_TO_POINTER (1));
}

static guint
lookup_count (GHashTable *counts,
              const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The keys of @counts (and of @more, when given), sorted, NULL-terminated,
 * borrowed. */
static const char **
sorted_names (GHashTable *counts,
              GHashTable *more)
{
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key;
  const char **sorted;
  guint n;

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (names, key);
  if (more != NULL)
    {
      g_hash_table_iter_init (&iter, more);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (names, key);
    }

  sorted = (const char **) g_hash_table_get_keys_as_array (names, &n);
  qsort (sorted, n, sizeof (char *), compare_strings);
  return sorted;
}

GlossatorStats *
glossator_stats_new (void)
{
  GlossatorStats *self = g_new0 (GlossatorStats, 1);

  self->mentions_by_label = counts_new ();
  self->entities_by_label = counts_new ();
  self->stances_by_polarity = counts_new ();
  return self;
}

void
glossator_stats_free (GlossatorStats *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->mentions_by_label);
  g_hash_table_unref (self->entities_by_label);
  g_hash_table_unref (self->stances_by_polarity);
  g_free (self);
}

static guint
count_orphaned (const GlossatorSpan *spans,
                guint                n_spans)
{
  guint n = 0;

  for (guint i = 0; i < n_spans; i++)
    if (spans[i].orphaned)
      n++;
  return n;
}

void
glossator_stats_add_document (GlossatorStats    *self,
                              GlossatorDocument *document)
{
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) stances = NULL;
  GlossatorStatus status;

  g_return_if_fail (self != NULL);
  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (document));

  status = glossator_document_get_status (document);
  g_return_if_fail (status < N_STATUSES);

  self->n_documents++;
  self->n_by_status[status]++;

  mentions = glossator_document_list_mentions (document);
  for (guint i = 0; i < mentions->len; i++)
    {
      const GlossatorMention *mention = g_ptr_array_index (mentions, i);

      count (self->mentions_by_label, mention->label);
      self->n_orphaned_spans += count_orphaned (mention->fragments, mention->n_fragments);
    }
  self->n_mentions += mentions->len;

  entities = glossator_document_list_entities (document);
  for (guint i = 0; i < entities->len; i++)
    {
      const GlossatorEntity *entity = g_ptr_array_index (entities, i);

      count (self->entities_by_label, entity->label);
    }
  self->n_entities += entities->len;

  stances = glossator_document_list_stances (document);
  for (guint i = 0; i < stances->len; i++)
    {
      const GlossatorStance *stance = g_ptr_array_index (stances, i);

      count (self->stances_by_polarity, stance->polarity);
      self->n_orphaned_spans += count_orphaned (stance->evidence, stance->n_evidence);
    }
  self->n_stances += stances->len;
}

void
glossator_stats_add_unannotated (GlossatorStats *self)
{
  g_return_if_fail (self != NULL);

  self->n_documents++;
  self->n_by_status[GLOSSATOR_STATUS_TODO]++;
  self->n_unannotated++;
}

guint
glossator_stats_get_n_documents (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_documents;
}

guint
glossator_stats_get_n_documents_with_status (GlossatorStats  *self,
                                             GlossatorStatus  status)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (status < N_STATUSES, 0);

  return self->n_by_status[status];
}

guint
glossator_stats_get_n_unannotated (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_unannotated;
}

guint
glossator_stats_get_n_mentions (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_mentions;
}

guint
glossator_stats_get_n_mentions_with_label (GlossatorStats *self,
                                           const char     *label)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);

  return lookup_count (self->mentions_by_label, label);
}

guint
glossator_stats_get_n_entities (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_entities;
}

guint
glossator_stats_get_n_entities_with_label (GlossatorStats *self,
                                           const char     *label)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (label != NULL, 0);

  return lookup_count (self->entities_by_label, label);
}

guint
glossator_stats_get_n_stances (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_stances;
}

guint
glossator_stats_get_n_stances_with_polarity (GlossatorStats *self,
                                             const char     *polarity)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (polarity != NULL, 0);

  return lookup_count (self->stances_by_polarity, polarity);
}

guint
glossator_stats_get_n_orphaned_spans (GlossatorStats *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_orphaned_spans;
}

GStrv
glossator_stats_dup_labels (GlossatorStats *self)
{
  g_autofree const char **names = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  names = sorted_names (self->mentions_by_label, self->entities_by_label);
  return g_strdupv ((char **) names);
}

GStrv
glossator_stats_dup_polarities (GlossatorStats *self)
{
  g_autofree const char **names = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  names = sorted_names (self->stances_by_polarity, NULL);
  return g_strdupv ((char **) names);
}

/* Text */

typedef struct {
  char  *name;   /* with its indentation */
  guint  value;
} Row;

static void
row_clear (gpointer data)
{
  g_free (((Row *) data)->name);
}

static void
add_row (GArray     *rows,
         guint       depth,
         const char *name,
         guint       value)
{
  Row row = { g_strdup_printf ("%*s%s", (int) depth * 2, "", name), value };

  g_array_append_val (rows, row);
}

static void
add_rows (GArray     *rows,
          GHashTable *counts)
{
  g_autofree const char **names = sorted_names (counts, NULL);

  for (guint i = 0; names[i] != NULL; i++)
    add_row (rows, 1, names[i], lookup_count (counts, names[i]));
}

/* Columns on a terminal: wide characters take two, combining marks none. */
static guint
display_width (const char *str)
{
  guint width = 0;

  for (const char *p = str; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iszerowidth (c))
        continue;
      width += g_unichar_iswide (c) ? 2 : 1;
    }
  return width;
}

/**
 * glossator_stats_to_text:
 * @self: a #GlossatorStats
 *
 * Returns: (transfer full): the counts as aligned plain text: a line per
 *   total, followed by its breakdown indented by two spaces.
 */
char *
glossator_stats_to_text (GlossatorStats *self)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (Row));
  g_autofree char *widest = NULL;
  GString *out;
  guint name_width = 0;
  guint value_width;

  g_return_val_if_fail (self != NULL, NULL);

  g_array_set_clear_func (rows, row_clear);

  add_row (rows, 0, _("Documents"), self->n_documents);
  for (guint status = 0; status < N_STATUSES; status++)
    add_row (rows, 1, glossator_status_to_string (status), self->n_by_status[status]);
  add_row (rows, 1, _("without sidecar"), self->n_unannotated);
  add_row (rows, 0, _("Mentions"), self->n_mentions);
  add_rows (rows, self->mentions_by_label);
  add_row (rows, 0, _("Entities"), self->n_entities);
  add_rows (rows, self->entities_by_label);
  add_row (rows, 0, _("Stances"), self->n_stances);
  add_rows (rows, self->stances_by_polarity);
  add_row (rows, 0, _("Orphaned spans"), self->n_orphaned_spans);

  for (guint i = 0; i < rows->len; i++)
    name_width = MAX (name_width, display_width (g_array_index (rows, Row, i).name));
  widest = g_strdup_printf ("%u", MAX (MAX (self->n_documents, self->n_mentions),
                                       MAX (self->n_entities, MAX (self->n_stances,
                                                                   self->n_orphaned_spans))));
  value_width = strlen (widest);

  out = g_string_new (NULL);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      g_string_append (out, row->name);
      g_string_append_printf (out, "%*s%*u\n",
                              (int) (name_width - display_width (row->name) + 2), "",
                              (int) value_width, row->value);
    }

  return g_string_free (out, FALSE);
}

/* JSON */

static void
add_counts (JsonBuilder *builder,
            const char  *member,
            GHashTable  *counts)
{
  g_autofree const char **names = sorted_names (counts, NULL);

  json_builder_set_member_name (builder, member);
  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    {
      json_builder_set_member_name (builder, names[i]);
      json_builder_add_int_value (builder, lookup_count (counts, names[i]));
    }
  json_builder_end_object (builder);
}

static void
add_total (JsonBuilder *builder,
           guint        total)
{
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
}

JsonNode *
glossator_stats_to_json_node (GlossatorStats *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();

  g_return_val_if_fail (self != NULL, NULL);

  json_builder_begin_object (builder);

  json_builder_set_member_name (builder, "documents");
  json_builder_begin_object (builder);
  add_total (builder, self->n_documents);
  json_builder_set_member_name (builder, "by_status");
  json_builder_begin_object (builder);
  for (guint status = 0; status < N_STATUSES; status++)
    {
      json_builder_set_member_name (builder, glossator_status_to_string (status));
      json_builder_add_int_value (builder, self->n_by_status[status]);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "without_sidecar");
  json_builder_add_int_value (builder, self->n_unannotated);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "mentions");
  json_builder_begin_object (builder);
  add_total (builder, self->n_mentions);
  add_counts (builder, "by_label", self->mentions_by_label);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "entities");
  json_builder_begin_object (builder);
  add_total (builder, self->n_entities);
  add_counts (builder, "by_label", self->entities_by_label);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "stances");
  json_builder_begin_object (builder);
  add_total (builder, self->n_stances);
  add_counts (builder, "by_polarity", self->stances_by_polarity);
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "orphaned_spans");
  json_builder_add_int_value (builder, self->n_orphaned_spans);

  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

char *
glossator_stats_to_json (GlossatorStats *self)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonGenerator) generator = NULL;
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  generator = json_generator_new ();
  out = g_string_new (NULL);
  root = glossator_stats_to_json_node (self);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_root (generator, root);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');

  return g_string_free (out, FALSE);
}

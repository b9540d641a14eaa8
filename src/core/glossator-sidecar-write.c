/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "glossator-anchor.h"
#include "glossator-atomic-file.h"
#include "glossator-document-private.h"
#include "glossator-json-write-private.h"
#include "glossator-sidecar-private.h"

/* Writing
 *
 * The sidecar is written directly rather than through a JsonBuilder tree:
 * building and freeing a tree of a million nodes costs four times what
 * formatting does. The layout is Python's json.dump(indent=2,
 * ensure_ascii=False), which other tools in the same repositories use, so a
 * file touched by both keeps a minimal diff. */

typedef struct {
  GString  *out;
  GArray   *empty;    /* per open container: nothing written in it yet */
  gboolean  compact;  /* one line, as in the recovery journal */
} Writer;

static void
write_indent (Writer *w)
{
  if (w->compact)
    return;
  g_string_append_c (w->out, '\n');
  for (guint i = 0; i < w->empty->len; i++)
    g_string_append (w->out, "  ");
}

static void
write_quoted (Writer     *w,
              const char *str)
{
  _glossator_json_append_string (w->out, str, -1);
}

/* Before a value inside the current container (member or element). */
static void
write_separator (Writer *w)
{
  gboolean *empty;

  if (w->empty->len == 0)
    return;
  empty = &g_array_index (w->empty, gboolean, w->empty->len - 1);
  if (!*empty)
    g_string_append_c (w->out, ',');
  *empty = FALSE;
  write_indent (w);
}

static void
write_member (Writer     *w,
              const char *name)
{
  write_separator (w);
  write_quoted (w, name);
  g_string_append (w->out, w->compact ? ":" : ": ");
}

static void
write_open (Writer *w,
            char    bracket)
{
  gboolean empty = TRUE;

  g_string_append_c (w->out, bracket);
  g_array_append_val (w->empty, empty);
}

static void
write_close (Writer *w,
             char    bracket)
{
  gboolean empty = g_array_index (w->empty, gboolean, w->empty->len - 1);

  g_array_set_size (w->empty, w->empty->len - 1);
  if (!empty)
    write_indent (w);
  g_string_append_c (w->out, bracket);
}

static void
write_string_member (Writer     *w,
                     const char *name,
                     const char *value)
{
  if (value == NULL)
    return;
  write_member (w, name);
  write_quoted (w, value);
}

static void
write_uint_member (Writer     *w,
                   const char *name,
                   guint       value)
{
  write_member (w, name);
  g_string_append_printf (w->out, "%u", value);
}

static void
write_bool_member (Writer     *w,
                   const char *name,
                   gboolean    value)
{
  write_member (w, name);
  g_string_append (w->out, value ? "true" : "false");
}

/* Shortest form that reads back to the same double, always with a '.' or
 * an exponent so it stays a double. */
static void
write_double (Writer  *w,
              gdouble  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int digits = 15; digits <= 17; digits++)
    {
      g_ascii_formatd (buffer, sizeof buffer, digits == 15 ? "%.15g" : digits == 16 ? "%.16g" : "%.17g", value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (w->out, buffer);
  if (strpbrk (buffer, ".eEn") == NULL)
    g_string_append (w->out, ".0");
}

static void write_node (Writer   *w,
                        JsonNode *node);

static void
write_object_members (Writer     *w,
                      JsonObject *object)
{
  g_autoptr(GList) names = NULL;

  if (object == NULL)
    return;

  names = json_object_get_members (object);
  for (GList *l = names; l != NULL; l = l->next)
    {
      write_member (w, l->data);
      write_node (w, json_object_get_member (object, l->data));
    }
}

static void
write_node (Writer   *w,
            JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      write_open (w, '{');
      write_object_members (w, json_node_get_object (node));
      write_close (w, '}');
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);

        write_open (w, '[');
        for (guint i = 0; i < json_array_get_length (array); i++)
          {
            write_separator (w);
            write_node (w, json_array_get_element (array, i));
          }
        write_close (w, ']');
      }
      break;

    case JSON_NODE_VALUE:
      {
        GType type = json_node_get_value_type (node);

        if (type == G_TYPE_STRING)
          write_quoted (w, json_node_get_string (node));
        else if (type == G_TYPE_BOOLEAN)
          g_string_append (w->out, json_node_get_boolean (node) ? "true" : "false");
        else if (type == G_TYPE_INT64)
          g_string_append_printf (w->out, "%" G_GINT64_FORMAT, json_node_get_int (node));
        else
          write_double (w, json_node_get_double (node));
      }
      break;

    case JSON_NODE_NULL:
    default:
      g_string_append (w->out, "null");
      break;
    }
}

static void
write_object_member (Writer     *w,
                     const char *name,
                     JsonObject *object)
{
  if (object == NULL)
    return;
  write_member (w, name);
  write_open (w, '{');
  write_object_members (w, object);
  write_close (w, '}');
}

static void
write_span (Writer              *w,
            const GlossatorSpan *span)
{
  write_separator (w);
  write_open (w, '{');
  write_uint_member (w, "start", span->start);
  write_uint_member (w, "end", span->end);
  write_string_member (w, "exact", span->exact);
  write_string_member (w, "prefix", span->prefix);
  write_string_member (w, "suffix", span->suffix);
  if (span->orphaned)
    write_bool_member (w, "orphaned", TRUE);
  write_object_members (w, span->extra);
  write_close (w, '}');
}

static void
write_spans (Writer              *w,
             const char          *name,
             const GlossatorSpan *spans,
             guint                n_spans)
{
  write_member (w, name);
  write_open (w, '[');
  for (guint i = 0; i < n_spans; i++)
    write_span (w, &spans[i]);
  write_close (w, ']');
}

static void
write_party (Writer     *w,
             const char *name,
             const char *type,
             const char *value_member,
             const char *value,
             JsonObject *extra)
{
  write_member (w, name);
  write_open (w, '{');
  write_string_member (w, "type", type);
  if (value_member != NULL)
    write_string_member (w, value_member, value);
  write_object_members (w, extra);
  write_close (w, '}');
}

static void
write_entity (Writer          *w,
              GlossatorEntity *entity)
{
  write_separator (w);
  write_open (w, '{');
  write_string_member (w, "id", entity->id);
  write_string_member (w, "name", entity->name != NULL ? entity->name : "");
  write_string_member (w, "label", entity->label != NULL ? entity->label : "");
  write_string_member (w, "kb_id", entity->kb_id);
  write_string_member (w, "note", entity->note);
  write_object_member (w, "attributes", entity->attributes);
  write_object_members (w, entity->extra);
  write_close (w, '}');
}

static void
write_authorship (Writer                    *w,
                  const GlossatorAuthorship *authorship)
{
  write_string_member (w, "author", authorship->author);
  write_string_member (w, "created", authorship->created);
  write_string_member (w, "modified", authorship->modified);
}

/* Files without authorship stay as format 1.0 wrote them. */
static gboolean
has_authorship (GPtrArray *mentions,
                GPtrArray *stances)
{
  for (guint i = 0; i < mentions->len; i++)
    if (!glossator_authorship_is_empty (&((GlossatorMention *) mentions->pdata[i])->authorship))
      return TRUE;
  for (guint i = 0; i < stances->len; i++)
    if (!glossator_authorship_is_empty (&((GlossatorStance *) stances->pdata[i])->authorship))
      return TRUE;
  return FALSE;
}

static void
write_mention (Writer           *w,
               GlossatorMention *mention)
{
  write_separator (w);
  write_open (w, '{');
  write_string_member (w, "id", mention->id);
  write_string_member (w, "label", mention->label);
  write_string_member (w, "entity", mention->entity_id);
  write_spans (w, "fragments", mention->fragments, mention->n_fragments);
  write_string_member (w, "note", mention->note);
  write_object_member (w, "attributes", mention->attributes);
  write_authorship (w, &mention->authorship);
  write_object_members (w, mention->extra);
  write_close (w, '}');
}

static void
write_stance (Writer          *w,
              GlossatorStance *stance)
{
  write_separator (w);
  write_open (w, '{');
  write_string_member (w, "id", stance->id);
  write_party (w, "holder", glossator_holder_kind_to_string (stance->holder_kind),
               stance->holder_kind == GLOSSATOR_HOLDER_ENTITY ? "entity" : NULL,
               stance->holder_entity, stance->holder_extra);
  write_party (w, "target", glossator_target_kind_to_string (stance->target_kind),
               stance->target_kind == GLOSSATOR_TARGET_ENTITY ? "entity"
                 : stance->target_kind == GLOSSATOR_TARGET_TOPIC ? "topic" : NULL,
               stance->target, stance->target_extra);
  write_string_member (w, "polarity", stance->polarity);
  if (stance->intensity > 0)
    write_uint_member (w, "intensity", stance->intensity);
  write_spans (w, "evidence", stance->evidence, stance->n_evidence);
  write_string_member (w, "note", stance->note);
  write_object_member (w, "attributes", stance->attributes);
  write_authorship (w, &stance->authorship);
  write_object_members (w, stance->extra);
  write_close (w, '}');
}

static char *
now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
write_document_info (Writer            *w,
                     GlossatorDocument *document,
                     SidecarData       *sd)
{
  write_open (w, '{');
  write_string_member (w, "status", glossator_status_to_string (glossator_document_get_status (document)));
  write_string_member (w, "annotator", glossator_document_get_annotator (document));
  write_string_member (w, "created", sd->created);
  write_string_member (w, "modified", sd->modified);
  write_string_member (w, "notes", glossator_document_get_notes (document));
  write_object_member (w, "attributes", glossator_document_get_attributes (document));
  write_object_members (w, sd->document_extra);
  write_close (w, '}');
}

static void
write_sidecar (Writer            *w,
               GlossatorDocument *document,
               const char        *article_name)
{
  g_autoptr(GPtrArray) entities = glossator_document_list_entities (document);
  g_autoptr(GPtrArray) mentions = glossator_document_list_mentions (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (document);
  GlossatorText *text = glossator_document_get_text (document);
  SidecarData *sd = _glossator_sidecar_ensure_data (document);

  write_open (w, '{');
  write_string_member (w, "format", GLOSSATOR_SIDECAR_FORMAT);
  write_uint_member (w, "version", GLOSSATOR_SIDECAR_VERSION);
  if (has_authorship (mentions, stances))
    write_uint_member (w, "minor_version", GLOSSATOR_SIDECAR_MINOR_VERSION);
  write_string_member (w, "offset_unit", "codepoint");

  write_member (w, "article");
  write_open (w, '{');
  write_string_member (w, "file", article_name);
  write_string_member (w, "sha256", glossator_text_get_sha256 (text));
  write_uint_member (w, "length", glossator_text_get_length (text));
  write_bool_member (w, "bom", glossator_text_has_bom (text));
  write_string_member (w, "newline", glossator_newline_to_string (glossator_text_get_newline (text)));
  write_object_members (w, sd->article_extra);
  write_close (w, '}');

  write_member (w, "document");
  write_document_info (w, document, sd);

  write_member (w, "entities");
  write_open (w, '[');
  for (guint i = 0; i < entities->len; i++)
    write_entity (w, entities->pdata[i]);
  write_close (w, ']');

  write_member (w, "mentions");
  write_open (w, '[');
  for (guint i = 0; i < mentions->len; i++)
    write_mention (w, mentions->pdata[i]);
  write_close (w, ']');

  write_member (w, "stances");
  write_open (w, '[');
  for (guint i = 0; i < stances->len; i++)
    write_stance (w, stances->pdata[i]);
  write_close (w, ']');

  write_object_members (w, sd->top_extra);
  if (_glossator_document_get_adjudication (document) != NULL)
    {
      write_member (w, "adjudication");
      write_open (w, '{');
      write_object_members (w, _glossator_document_get_adjudication (document));
      write_close (w, '}');
    }
  if (_glossator_document_get_conflicts (document) != NULL)
    {
      g_autoptr(JsonNode) conflicts = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (conflicts, _glossator_document_get_conflicts (document));
      write_member (w, "conflicts");
      write_node (w, conflicts);
    }
  write_close (w, '}');
  /* End with a newline, as text files do (and git diffs expect). */
  g_string_append_c (w->out, '\n');
}

GBytes *
glossator_sidecar_serialize (GlossatorDocument *document,
                             const char        *article_name)
{
  Writer w;
  gsize length;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  /* About 400 bytes per mention; growing a 40 MB string by doubling would
   * copy it several times. */
  w.out = g_string_sized_new (4096 + 420 * (gsize) glossator_document_get_n_mentions (document));
  w.empty = g_array_new (FALSE, FALSE, sizeof (gboolean));
  w.compact = FALSE;
  write_sidecar (&w, document, article_name);
  g_array_unref (w.empty);

  length = w.out->len;
  return g_bytes_new_take (g_string_free (w.out, FALSE), length);
}

GBytes *
_glossator_sidecar_serialize_json (JsonNode *root)
{
  Writer w = { g_string_new (NULL), g_array_new (FALSE, FALSE, sizeof (gboolean)), FALSE };
  gsize length;

  g_return_val_if_fail (root != NULL, NULL);

  write_node (&w, root);
  g_string_append_c (w.out, '\n');
  g_array_unref (w.empty);

  length = w.out->len;
  return g_bytes_new_take (g_string_free (w.out, FALSE), length);
}

void
_glossator_sidecar_write_value (GString           *out,
                                GlossatorDocument *document,
                                GlossatorValueKind kind,
                                gconstpointer      value)
{
  Writer w = { out, g_array_new (FALSE, FALSE, sizeof (gboolean)), TRUE };

  switch (kind)
    {
    case GLOSSATOR_VALUE_ENTITY:
      write_entity (&w, (GlossatorEntity *) value);
      break;
    case GLOSSATOR_VALUE_MENTION:
      write_mention (&w, (GlossatorMention *) value);
      break;
    case GLOSSATOR_VALUE_STANCE:
      write_stance (&w, (GlossatorStance *) value);
      break;
    case GLOSSATOR_VALUE_INFO:
    default:
      write_document_info (&w, document, _glossator_sidecar_ensure_data (document));
      break;
    }
  g_array_unref (w.empty);
}

typedef struct {
  GFile           *file;
  GBytes          *bytes;
  gboolean         force;
  SidecarIdentity  identity;      /* as loaded or last saved */
  guint64          revision;
  gboolean         written;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->file);
  g_clear_pointer (&data->bytes, g_bytes_unref);
  _glossator_sidecar_identity_clear (&data->identity);
  g_free (data);
}

/* The parts of a save that touch the disk; runs on any thread. The check
 * for changes comes after the temporary file is written, just before the
 * rename, to leave as little time as can be for another program to write
 * in between. */
static gboolean
write_file (SaveData      *data,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GlossatorAtomicFile) atomic = NULL;
  g_autoptr(GFile) backup = NULL;
  GFile *target;
  SidecarDiskState state;

  /* A sidecar linked from elsewhere stays linked: the file it names is
   * the one the user keeps. */
  if ((atomic = _glossator_atomic_file_new (data->file, data->bytes, TRUE, cancellable, error)) == NULL)
    return FALSE;
  target = _glossator_atomic_file_get_target (atomic);

  if (!data->force)
    {
      if (!_glossator_sidecar_identity_compare (&data->identity, target, &state, cancellable, error))
        return FALSE;
      if (state == SIDECAR_DISK_CHANGED)
        {
          g_autofree char *display_name = _glossator_sidecar_display_name (data->file);

          g_set_error (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK,
                       _("%s: changed on disk since it was opened; not overwritten"), display_name);
          return FALSE;
        }
    }

  backup = glossator_sidecar_backup_file_for (target);
  if (!_glossator_atomic_file_keep_backup (atomic, backup, cancellable, error) ||
      !_glossator_atomic_file_commit (atomic, cancellable, error))
    return FALSE;

  data->written = TRUE;
  _glossator_sidecar_identity_set (&data->identity, g_bytes_get_data (data->bytes, NULL),
                                   g_bytes_get_size (data->bytes));
  _glossator_atomic_file_remove_leftovers (target, NULL);

  return TRUE;
}

/* Prepares a save on the model's thread: NULL when there is nothing to do. */
static SaveData *
prepare_save (GlossatorDocument *document,
              GFile             *sidecar_file,
              const char        *article_name,
              gboolean           force)
{
  SidecarData *sd = _glossator_sidecar_ensure_data (document);
  g_autofree char *previous_modified = NULL;
  SaveData *data;

  if (!glossator_document_get_modified (document))
    return NULL;

  previous_modified = g_steal_pointer (&sd->modified);
  sd->modified = now_iso8601 ();
  if (sd->created == NULL)
    sd->created = g_strdup (sd->modified);

  data = g_new0 (SaveData, 1);
  data->file = g_object_ref (sidecar_file);
  data->bytes = glossator_sidecar_serialize (document, article_name);
  data->force = force;
  _glossator_sidecar_identity_copy (&data->identity, &sd->identity);
  data->revision = glossator_document_get_revision (document);

  return data;
}

static void
finish_save (GlossatorDocument *document,
             SaveData          *data)
{
  SidecarData *sd = _glossator_sidecar_ensure_data (document);

  _glossator_sidecar_identity_copy (&sd->identity, &data->identity);
  glossator_document_mark_saved_revision (document, data->revision);
}

gboolean
glossator_sidecar_save (GlossatorDocument  *document,
                        GFile              *sidecar_file,
                        const char         *article_name,
                        gboolean            force,
                        gboolean           *written,
                        GCancellable       *cancellable,
                        GError            **error)
{
  SaveData *data;
  gboolean ok;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (G_IS_FILE (sidecar_file), FALSE);
  g_return_val_if_fail (article_name != NULL, FALSE);

  if (written != NULL)
    *written = FALSE;

  if ((data = prepare_save (document, sidecar_file, article_name, force)) == NULL)
    return TRUE;

  ok = write_file (data, cancellable, error);
  if (ok)
    finish_save (document, data);
  if (written != NULL)
    *written = data->written;
  save_data_free (data);

  return ok;
}

static void
save_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (write_file (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
glossator_sidecar_save_async (GlossatorDocument   *document,
                              GFile               *sidecar_file,
                              const char          *article_name,
                              gboolean             force,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  SaveData *data;

  g_return_if_fail (GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (G_IS_FILE (sidecar_file));
  g_return_if_fail (article_name != NULL);

  task = g_task_new (document, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_sidecar_save_async);

  if ((data = prepare_save (document, sidecar_file, article_name, force)) == NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_task_set_task_data (task, data, (GDestroyNotify) save_data_free);
  g_task_run_in_thread (task, save_thread);
}

gboolean
glossator_sidecar_save_finish (GlossatorDocument  *document,
                               GAsyncResult       *result,
                               gboolean           *written,
                               GError            **error)
{
  SaveData *data;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, document), FALSE);

  data = g_task_get_task_data (G_TASK (result));
  if (written != NULL)
    *written = data != NULL && data->written;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  if (data != NULL)
    finish_save (document, data);

  return TRUE;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-journal"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "glossator-atomic-file.h"
#include "glossator-document-private.h"
#include "glossator-journal.h"
#include "glossator-sidecar-private.h"
#include "glossator-sidecar.h"

/* The file is JSON Lines: a header naming the article and the sidecar it
 * applies to, then one record per edit:
 *
 *   {"format":"glossator-journal","version":1,"article":URI,"base":SHA256|null}
 *   {"put":"mention","value":{…as in the sidecar…}}
 *   {"remove":"entity","id":"e3"}
 *   {"info":{…the sidecar's "document" member…},"top":{"conflicts":[…]|null,"adjudication":{…}|null}}
 *
 * ("top" only when those top-level members changed; older readers ignore it.)
 *
 * Records are states, not operations, so replaying one twice, or over a
 * sidecar that already has it, gives the same result; that is what lets a
 * save rebase the journal by rewriting its header. */

#define JOURNAL_FORMAT  "glossator-journal"
#define JOURNAL_VERSION 1
#define SYNC_DELAY_MS   500
/* Records beyond twice the annotations touched (plus this) trigger a rewrite. */
#define COMPACT_SLACK   256

G_DEFINE_QUARK (glossator-journal-error-quark, glossator_journal_error)

static const char * const kind_names[] = { "entity", "mention", "stance" };

struct _GlossatorJournal
{
  GObject            parent_instance;

  GFile             *file;
  char              *path;
  char              *article_uri;
  char              *base;
  GlossatorDocument *document;

  int                fd;
  GString           *pending;
  guint              idle_id;
  guint              sync_id;
  /* "<kind digit><id>" of every annotation edited since the journal began */
  GHashTable        *touched;
  gboolean           info_touched;
  /* The "document" member the sidecar had when the journal began: info
   * records hold only what differs from it, so that restoring over a
   * sidecar changed elsewhere keeps the members this window left alone. */
  JsonObject        *base_info;
  JsonObject        *base_top;     /* the sidecar's top-level bookkeeping: conflicts, adjudication */
  guint              n_records;
  gboolean           stopped;
};

G_DEFINE_FINAL_TYPE (GlossatorJournal, glossator_journal, G_TYPE_OBJECT)

GFile *
glossator_journal_default_folder (void)
{
  return g_file_new_build_filename (g_get_user_data_dir (), "glossator", "journal", NULL);
}

GFile *
glossator_journal_file_for (GFile *folder,
                            GFile *article_file)
{
  g_autofree char *uri = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (article_file), NULL);

  uri = g_file_get_uri (article_file);
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, uri, -1);
  name = g_strconcat (hash, ".journal", NULL);

  return g_file_get_child (folder, name);
}

/* Writing */

static void
append_header (GlossatorJournal *self,
               GString          *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *line = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, JOURNAL_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, JOURNAL_VERSION);
  json_builder_set_member_name (builder, "article");
  json_builder_add_string_value (builder, self->article_uri);
  json_builder_set_member_name (builder, "base");
  if (self->base != NULL)
    json_builder_add_string_value (builder, self->base);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  line = json_generator_to_data (generator, NULL);
  g_string_append (out, line);
  g_string_append_c (out, '\n');
}

static void
append_put (GlossatorJournal   *self,
            GString            *out,
            GlossatorValueKind  kind,
            gconstpointer       value)
{
  g_string_append_printf (out, "{\"put\":\"%s\",\"value\":", kind_names[kind]);
  _glossator_sidecar_write_value (out, self->document, kind, value);
  g_string_append (out, "}\n");
}

static void
append_remove (GString            *out,
               GlossatorValueKind  kind,
               const char         *id)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_VALUE);
  g_autofree char *quoted = NULL;

  /* The id as a JSON string, escapes and all. */
  json_node_set_string (node, id);
  quoted = json_to_string (node, FALSE);
  g_string_append_printf (out, "{\"remove\":\"%s\",\"id\":%s}\n", kind_names[kind], quoted);
}

static JsonObject *
info_object (GlossatorDocument *document)
{
  g_autoptr(GString) json = g_string_new (NULL);
  g_autoptr(JsonNode) node = NULL;

  _glossator_sidecar_write_value (json, document, GLOSSATOR_VALUE_INFO, NULL);
  node = json_from_string (json->str, NULL);
  g_assert (node != NULL && JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

/* The sidecar's top-level members that are the document's state but not
 * in "document": merge conflicts still to settle and adjudication
 * decisions. Settling one by hand must survive a crash like any edit. */
static JsonObject *
top_object (GlossatorDocument *document)
{
  JsonObject *top = json_object_new ();
  JsonArray *conflicts = _glossator_document_get_conflicts (document);
  JsonObject *adjudication = _glossator_document_get_adjudication (document);

  if (conflicts != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);

      json_node_set_array (node, conflicts);
      json_object_set_member (top, "conflicts", json_node_copy (node));
    }
  if (adjudication != NULL)
    {
      g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

      json_node_set_object (node, adjudication);
      json_object_set_member (top, "adjudication", json_node_copy (node));
    }
  return top;
}

/* The members of @now that differ from @base; null for one gone. */
static JsonNode *
changed_members (JsonObject *base,
                 JsonObject *now)
{
  JsonObject *changed = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(GList) base_names = json_object_get_members (base);
  g_autoptr(GList) names = json_object_get_members (now);

  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *before = json_object_get_member (base, l->data);
      JsonNode *value = json_object_get_member (now, l->data);

      if (before == NULL || !json_node_equal (before, value))
        json_object_set_member (changed, l->data, json_node_copy (value));
    }
  for (GList *l = base_names; l != NULL; l = l->next)
    if (!json_object_has_member (now, l->data))
      json_object_set_null_member (changed, l->data);

  json_node_take_object (node, changed);
  return node;
}

/* The members that changed since the journal began, of "document" and of
 * the top level. */
static void
append_info (GlossatorJournal *self,
             GString          *out)
{
  g_autoptr(JsonObject) now = info_object (self->document);
  g_autoptr(JsonObject) top = top_object (self->document);
  g_autoptr(JsonNode) info = changed_members (self->base_info, now);
  g_autoptr(JsonNode) top_changed = changed_members (self->base_top, top);
  g_autofree char *info_text = json_to_string (info, FALSE);

  if (json_object_get_size (json_node_get_object (top_changed)) > 0)
    {
      g_autofree char *top_text = json_to_string (top_changed, FALSE);

      g_string_append_printf (out, "{\"info\":%s,\"top\":%s}\n", info_text, top_text);
    }
  else
    g_string_append_printf (out, "{\"info\":%s}\n", info_text);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length,
           GError     **error)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0)
        {
          int saved_errno = errno;

          if (saved_errno == EINTR)
            continue;
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      length -= n;
    }

  return TRUE;
}

/* Writes @contents to a new file that then replaces the journal, and keeps
 * it open for appending: a crash leaves the old journal or the new one. */
static gboolean
replace_file (GlossatorJournal  *self,
              GString           *contents,
              GError           **error)
{
  g_autofree char *folder = g_path_get_dirname (self->path);
  g_autofree char *tmp_path = NULL;
  int fd;

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("%s: could not create the folder: %s"), folder, g_strerror (saved_errno));
      return FALSE;
    }

  {
    g_autofree char *basename = g_path_get_basename (self->path);
    g_autofree char *name = _glossator_atomic_file_temp_name (basename);

    memcpy (name + strlen (name) - 6, "XXXXXX", 6);
    tmp_path = g_build_filename (folder, name, NULL);
  }
  fd = g_mkstemp_full (tmp_path, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", tmp_path, g_strerror (saved_errno));
      return FALSE;
    }

  if (!write_all (fd, contents->str, contents->len, error) ||
      fdatasync (fd) != 0 ||
      g_rename (tmp_path, self->path) != 0)
    {
      if (error != NULL && *error == NULL)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "%s: %s", self->path, g_strerror (saved_errno));
        }
      close (fd);
      g_unlink (tmp_path);
      return FALSE;
    }

  if (self->fd >= 0)
    close (self->fd);
  self->fd = fd;
  /* What a crash left while the journal was rewritten. */
  _glossator_atomic_file_remove_leftovers (self->file, NULL);
  /* Appends go to the end whatever the offset. */
  lseek (fd, 0, SEEK_END);

  return TRUE;
}

static gboolean
compact (GlossatorJournal  *self,
         GError           **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  GHashTableIter iter;
  gpointer key;

  append_header (self, out);
  g_hash_table_iter_init (&iter, self->touched);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *k = key;
      GlossatorValueKind kind = k[0] - '0';
      const char *id = k + 1;
      gconstpointer value = NULL;

      switch (kind)
        {
        case GLOSSATOR_VALUE_ENTITY: value = glossator_document_get_entity (self->document, id); break;
        case GLOSSATOR_VALUE_MENTION: value = glossator_document_get_mention (self->document, id); break;
        case GLOSSATOR_VALUE_STANCE: value = glossator_document_get_stance (self->document, id); break;
        case GLOSSATOR_VALUE_INFO:
        default: g_assert_not_reached ();
        }
      if (value != NULL)
        append_put (self, out, kind, value);
      else
        append_remove (out, kind, id);
    }
  if (self->info_touched)
    append_info (self, out);

  if (!replace_file (self, out, error))
    return FALSE;
  self->n_records = g_hash_table_size (self->touched) + (self->info_touched ? 1 : 0);

  return TRUE;
}

static void
sync_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  int fd = GPOINTER_TO_INT (task_data);

  if (fdatasync (fd) != 0)
    g_debug ("could not sync the journal: %s", g_strerror (errno));
  close (fd);
  g_task_return_boolean (task, TRUE);
}

static gboolean
sync_cb (gpointer user_data)
{
  GlossatorJournal *self = user_data;
  g_autoptr(GTask) task = NULL;
  int fd;

  self->sync_id = 0;
  if (self->fd < 0 || (fd = dup (self->fd)) < 0)
    return G_SOURCE_REMOVE;

  /* On a worker: a sync can take a while on a busy disk. The duplicate
   * keeps the file open even if the journal is rewritten meanwhile. */
  task = g_task_new (NULL, NULL, NULL, NULL);
  g_task_set_source_tag (task, sync_cb);
  g_task_set_task_data (task, GINT_TO_POINTER (fd), NULL);
  g_task_run_in_thread (task, sync_thread);

  return G_SOURCE_REMOVE;
}

/* Writes the pending records; the sync follows within SYNC_DELAY_MS. */
static gboolean
write_pending (GlossatorJournal  *self,
               GError           **error)
{
  if (self->pending->len == 0)
    return TRUE;

  if (self->fd < 0)
    {
      g_autoptr(GString) contents = g_string_new (NULL);

      append_header (self, contents);
      g_string_append_len (contents, self->pending->str, self->pending->len);
      if (!replace_file (self, contents, error))
        return FALSE;
    }
  else if (!write_all (self->fd, self->pending->str, self->pending->len, error))
    {
      g_prefix_error (error, "%s: ", self->path);
      return FALSE;
    }
  g_string_truncate (self->pending, 0);

  if (self->n_records > 2 * (g_hash_table_size (self->touched) + 1) + COMPACT_SLACK &&
      !compact (self, error))
    return FALSE;

  if (self->sync_id == 0)
    self->sync_id = g_timeout_add (SYNC_DELAY_MS, sync_cb, self);

  return TRUE;
}

static gboolean
write_idle_cb (gpointer user_data)
{
  GlossatorJournal *self = user_data;
  g_autoptr(GError) error = NULL;

  self->idle_id = 0;
  /* Kept pending, to be tried again with the next edit. */
  if (!write_pending (self, &error))
    g_message ("recovery journal not written: %s", error->message);

  return G_SOURCE_REMOVE;
}

static void
record_edit (GlossatorJournal   *self,
             GlossatorValueKind  kind,
             const char         *id,
             gconstpointer       value)
{
  if (self->stopped)
    return;

  if (kind == GLOSSATOR_VALUE_INFO)
    {
      self->info_touched = TRUE;
      append_info (self, self->pending);
    }
  else
    {
      g_hash_table_add (self->touched, g_strdup_printf ("%d%s", kind, id));
      if (value != NULL)
        append_put (self, self->pending, kind, value);
      else
        append_remove (self->pending, kind, id);
    }
  self->n_records++;

  /* Above redraws, so a busy view does not hold the journal back. */
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, write_idle_cb, self, NULL);
}

static void
mention_changed_cb (GlossatorJournal *self,
                    GlossatorMention *old,
                    GlossatorMention *new)
{
  record_edit (self, GLOSSATOR_VALUE_MENTION, new != NULL ? new->id : old->id, new);
}

static void
entity_changed_cb (GlossatorJournal *self,
                   GlossatorEntity  *old,
                   GlossatorEntity  *new)
{
  record_edit (self, GLOSSATOR_VALUE_ENTITY, new != NULL ? new->id : old->id, new);
}

static void
stance_changed_cb (GlossatorJournal *self,
                   GlossatorStance  *old,
                   GlossatorStance  *new)
{
  record_edit (self, GLOSSATOR_VALUE_STANCE, new != NULL ? new->id : old->id, new);
}

static void
info_changed_cb (GlossatorJournal *self)
{
  record_edit (self, GLOSSATOR_VALUE_INFO, NULL, NULL);
}

static void
stop (GlossatorJournal *self)
{
  self->stopped = TRUE;
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
}

static void
close_file (GlossatorJournal *self)
{
  if (self->fd >= 0)
    {
      close (self->fd);
      self->fd = -1;
    }
}

static void
glossator_journal_dispose (GObject *object)
{
  GlossatorJournal *self = GLOSSATOR_JOURNAL (object);

  if (!self->stopped)
    {
      g_autoptr(GError) error = NULL;

      if (!glossator_journal_flush (self, &error))
        g_message ("recovery journal not written: %s", error->message);
      stop (self);
    }
  close_file (self);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (glossator_journal_parent_class)->dispose (object);
}

static void
glossator_journal_finalize (GObject *object)
{
  GlossatorJournal *self = GLOSSATOR_JOURNAL (object);

  g_clear_object (&self->file);
  g_free (self->path);
  g_free (self->article_uri);
  g_free (self->base);
  g_clear_pointer (&self->base_info, json_object_unref);
  g_clear_pointer (&self->base_top, json_object_unref);
  g_string_free (self->pending, TRUE);
  g_hash_table_unref (self->touched);

  G_OBJECT_CLASS (glossator_journal_parent_class)->finalize (object);
}

static void
glossator_journal_class_init (GlossatorJournalClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = glossator_journal_dispose;
  object_class->finalize = glossator_journal_finalize;
}

static void
glossator_journal_init (GlossatorJournal *self)
{
  self->fd = -1;
  self->pending = g_string_new (NULL);
  self->touched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

GlossatorJournal *
glossator_journal_new (GFile             *folder,
                       GFile             *article_file,
                       GlossatorDocument *document,
                       const char        *base_checksum)
{
  GlossatorJournal *self;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (article_file), NULL);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  self = g_object_new (GLOSSATOR_TYPE_JOURNAL, NULL);
  self->file = glossator_journal_file_for (folder, article_file);
  self->path = g_file_get_path (self->file);
  self->article_uri = g_file_get_uri (article_file);
  self->base = g_strdup (base_checksum);
  self->document = g_object_ref (document);
  self->base_info = info_object (document);
  self->base_top = top_object (document);

  g_signal_connect_swapped (document, "mention-changed", G_CALLBACK (mention_changed_cb), self);
  g_signal_connect_swapped (document, "entity-changed", G_CALLBACK (entity_changed_cb), self);
  g_signal_connect_swapped (document, "stance-changed", G_CALLBACK (stance_changed_cb), self);
  g_signal_connect_swapped (document, "info-changed", G_CALLBACK (info_changed_cb), self);

  return self;
}

GFile *
glossator_journal_get_file (GlossatorJournal *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_JOURNAL (self), NULL);

  return self->file;
}

gboolean
glossator_journal_flush (GlossatorJournal  *self,
                         GError           **error)
{
  g_return_val_if_fail (GLOSSATOR_IS_JOURNAL (self), FALSE);

  g_clear_handle_id (&self->idle_id, g_source_remove);
  if (!write_pending (self, error))
    return FALSE;
  g_clear_handle_id (&self->sync_id, g_source_remove);
  if (self->fd >= 0 && fdatasync (self->fd) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", self->path, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static void
forget_edits (GlossatorJournal *self)
{
  close_file (self);
  g_string_truncate (self->pending, 0);
  g_hash_table_remove_all (self->touched);
  self->info_touched = FALSE;
  self->n_records = 0;
  g_clear_pointer (&self->base_info, json_object_unref);
  self->base_info = info_object (self->document);
  g_clear_pointer (&self->base_top, json_object_unref);
  self->base_top = top_object (self->document);
}

void
glossator_journal_sidecar_saved (GlossatorJournal *self,
                                 const char       *checksum)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GLOSSATOR_IS_JOURNAL (self));

  if (self->stopped)
    return;

  g_free (self->base);
  self->base = g_strdup (checksum);
  /* base_info stays: edits made during the save may differ from the
   * sidecar written, and a record of more members is still right. */

  if (!glossator_document_get_modified (self->document))
    {
      g_clear_handle_id (&self->idle_id, g_source_remove);
      g_clear_handle_id (&self->sync_id, g_source_remove);
      forget_edits (self);
      if (g_unlink (self->path) != 0 && errno != ENOENT)
        g_message ("%s: could not remove the recovery journal: %s", self->path, g_strerror (errno));
      return;
    }

  /* Edits made while the save ran: keep them, against the new sidecar. */
  g_clear_handle_id (&self->idle_id, g_source_remove);
  g_string_truncate (self->pending, 0);
  if (!compact (self, &error))
    g_message ("recovery journal not written: %s", error->message);
}

void
glossator_journal_discard (GlossatorJournal *self)
{
  g_return_if_fail (GLOSSATOR_IS_JOURNAL (self));

  stop (self);
  forget_edits (self);
  g_unlink (self->path);
}

/* Reading */

typedef struct {
  GlossatorValueKind  kind;
  char               *id;      /* NULL for info */
  JsonNode           *value;   /* NULL for a removal */
  JsonNode           *top;     /* info: the top-level members changed, nullable */
} Record;

struct _GlossatorJournalRecovery
{
  GFile     *file;
  char      *base;
  GArray    *records;   /* Record */
  GDateTime *time;
};

static void
record_clear (gpointer data)
{
  Record *record = data;

  g_free (record->id);
  g_clear_pointer (&record->value, json_node_unref);
  g_clear_pointer (&record->top, json_node_unref);
}

void
glossator_journal_recovery_free (GlossatorJournalRecovery *recovery)
{
  if (recovery == NULL)
    return;

  g_clear_object (&recovery->file);
  g_free (recovery->base);
  g_array_unref (recovery->records);
  g_clear_pointer (&recovery->time, g_date_time_unref);
  g_free (recovery);
}

static gboolean
kind_from_string (const char         *name,
                  GlossatorValueKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kind_names); i++)
    if (g_strcmp0 (name, kind_names[i]) == 0)
      {
        *kind = i;
        return TRUE;
      }

  return FALSE;
}

/* One record line; FALSE with @why when it is not one. */
static gboolean
parse_record (JsonObject  *object,
              Record      *record,
              const char **why)
{
  JsonNode *node;

  memset (record, 0, sizeof *record);

  if ((node = json_object_get_member (object, "put")) != NULL)
    {
      JsonNode *value = json_object_get_member (object, "value");
      JsonNode *id;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !kind_from_string (json_node_get_string (node), &record->kind))
        return (*why = "unknown kind of annotation", FALSE);
      if (value == NULL || !JSON_NODE_HOLDS_OBJECT (value) ||
          (id = json_object_get_member (json_node_get_object (value), "id")) == NULL ||
          !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        return (*why = "a put without a value and its id", FALSE);
      record->id = g_strdup (json_node_get_string (id));
      record->value = json_node_ref (value);
      return TRUE;
    }

  if ((node = json_object_get_member (object, "remove")) != NULL)
    {
      JsonNode *id = json_object_get_member (object, "id");

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
          !kind_from_string (json_node_get_string (node), &record->kind))
        return (*why = "unknown kind of annotation", FALSE);
      if (id == NULL || !JSON_NODE_HOLDS_VALUE (id) || json_node_get_value_type (id) != G_TYPE_STRING)
        return (*why = "a removal without an id", FALSE);
      record->id = g_strdup (json_node_get_string (id));
      return TRUE;
    }

  if ((node = json_object_get_member (object, "info")) != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *top = json_object_get_member (object, "top");

      record->kind = GLOSSATOR_VALUE_INFO;
      record->value = json_node_ref (node);
      if (top != NULL && JSON_NODE_HOLDS_OBJECT (top))
        record->top = json_node_ref (top);
      return TRUE;
    }

  *why = "not a journal record";
  return FALSE;
}

static JsonObject *
parse_line (const char  *line,
            gsize        length,
            const char **why)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_data (parser, line, length, NULL))
    return (*why = "not JSON", NULL);
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return (*why = "not a JSON object", NULL);

  return json_object_ref (json_node_get_object (root));
}

/* Moves an unreadable journal aside, so it is neither replayed nor lost. */
static void
keep_aside (GFile       *file,
            guint        line,
            const char  *why,
            GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *aside = g_strconcat (path, ".unreadable-", stamp, NULL);

  g_autofree char *where = line > 0 ? g_strdup_printf ("%s: line %u", path, line) : g_strdup (path);

  if (g_rename (path, aside) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_UNREADABLE,
                   _("%s: the recovery journal cannot be used (%s), and it could not be moved aside: %s"),
                   where, why, g_strerror (saved_errno));
      return;
    }
  g_set_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_UNREADABLE,
               _("%s: the recovery journal cannot be used (%s); it was kept as %s"),
               where, why, aside);
}

GlossatorJournalRecovery *
glossator_journal_read (GFile   *folder,
                        GFile   *article_file,
                        GError **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GlossatorJournalRecovery) recovery = NULL;
  g_autoptr(JsonObject) header = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *uri = NULL;
  const char *why = NULL;
  const char *line;
  const char *end;
  const char *newline;
  gsize length;
  guint line_number = 1;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (article_file), NULL);

  file = glossator_journal_file_for (folder, article_file);
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_autofree char *path = g_file_get_path (file);

      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return NULL;
      g_set_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_UNREADABLE,
                   _("%s: the recovery journal cannot be read: %s"), path, local_error->message);
      return NULL;
    }

  end = contents + length;
  newline = memchr (contents, '\n', length);
  if (newline == NULL)
    {
      /* A crash before the header was complete: nothing was recorded. */
      g_file_delete (file, NULL, NULL);
      return NULL;
    }

  uri = g_file_get_uri (article_file);
  header = parse_line (contents, newline - contents, &why);
  if (header == NULL)
    {
      keep_aside (file, 1, why, error);
      return NULL;
    }
  if (g_strcmp0 (json_object_get_string_member_with_default (header, "format", ""), JOURNAL_FORMAT) != 0 ||
      json_object_get_int_member_with_default (header, "version", 0) != JOURNAL_VERSION ||
      g_strcmp0 (json_object_get_string_member_with_default (header, "article", ""), uri) != 0)
    {
      keep_aside (file, 1, _("not the journal of this article in a known version"), error);
      return NULL;
    }

  recovery = g_new0 (GlossatorJournalRecovery, 1);
  recovery->file = g_object_ref (file);
  if (json_object_has_member (header, "base") && !json_object_get_null_member (header, "base"))
    recovery->base = g_strdup (json_object_get_string_member_with_default (header, "base", ""));
  recovery->records = g_array_new (FALSE, TRUE, sizeof (Record));
  g_array_set_clear_func (recovery->records, record_clear);

  for (line = newline + 1; line < end; line = newline + 1)
    {
      g_autoptr(JsonObject) object = NULL;
      Record record;

      line_number++;
      newline = memchr (line, '\n', end - line);
      /* The last record, cut short by a crash while it was written. */
      if (newline == NULL)
        break;
      if (newline == line)
        continue;
      if ((object = parse_line (line, newline - line, &why)) == NULL ||
          !parse_record (object, &record, &why))
        {
          keep_aside (file, line_number, why, error);
          return NULL;
        }
      g_array_append_val (recovery->records, record);
    }

  if (recovery->records->len == 0)
    {
      g_file_delete (file, NULL, NULL);
      return NULL;
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_TIME_MODIFIED, G_FILE_QUERY_INFO_NONE, NULL, NULL);
  recovery->time = info != NULL ? g_file_info_get_modification_date_time (info) : NULL;
  if (recovery->time == NULL)
    recovery->time = g_date_time_new_now_utc ();

  return g_steal_pointer (&recovery);
}

GFile *
glossator_journal_recovery_get_file (GlossatorJournalRecovery *recovery)
{
  g_return_val_if_fail (recovery != NULL, NULL);

  return recovery->file;
}

guint
glossator_journal_recovery_get_n_records (GlossatorJournalRecovery *recovery)
{
  g_return_val_if_fail (recovery != NULL, 0);

  return recovery->records->len;
}

GDateTime *
glossator_journal_recovery_get_time (GlossatorJournalRecovery *recovery)
{
  g_return_val_if_fail (recovery != NULL, NULL);

  return recovery->time;
}

gboolean
glossator_journal_recovery_matches (GlossatorJournalRecovery *recovery,
                                    const char               *checksum)
{
  g_return_val_if_fail (recovery != NULL, FALSE);

  return g_strcmp0 (recovery->base, checksum) == 0;
}

void
glossator_journal_recovery_keep_aside (GlossatorJournalRecovery  *recovery,
                                       const char                *why,
                                       GError                   **error)
{
  g_return_if_fail (recovery != NULL);

  keep_aside (recovery->file, 0, why, error);
}

gboolean
glossator_journal_recovery_delete (GlossatorJournalRecovery *recovery,
                                   GError                  **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (recovery != NULL, FALSE);

  if (!g_file_delete (recovery->file, NULL, &local_error) &&
      !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/* One kind of annotation of the sidecar's JSON, by id, in file order. */
typedef struct {
  GPtrArray  *ids;     /* in order; removed ones stay, with no node */
  GHashTable *nodes;   /* id → JsonNode* */
} Members;

static void
members_init (Members    *members,
              JsonObject *root,
              const char *name)
{
  JsonArray *array = json_object_get_array_member (root, name);

  members->ids = g_ptr_array_new_with_free_func (g_free);
  members->nodes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) json_node_unref);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *id = json_object_get_string_member (json_node_get_object (node), "id");

      g_ptr_array_add (members->ids, g_strdup (id));
      g_hash_table_insert (members->nodes, g_strdup (id), json_node_ref (node));
    }
}

static void
members_put (Members    *members,
             const char *id,
             JsonNode   *node)
{
  if (!g_hash_table_contains (members->nodes, id))
    g_ptr_array_add (members->ids, g_strdup (id));
  g_hash_table_insert (members->nodes, g_strdup (id), json_node_ref (node));
}

static void
members_store (Members    *members,
               JsonObject *root,
               const char *name)
{
  JsonArray *array = json_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < members->ids->len; i++)
    {
      const char *id = members->ids->pdata[i];
      JsonNode *node = g_hash_table_lookup (members->nodes, id);

      if (node != NULL && g_hash_table_add (seen, (gpointer) id))
        json_array_add_element (array, json_node_ref (node));
    }
  json_object_set_array_member (root, name, array);
  g_ptr_array_unref (members->ids);
  g_hash_table_unref (members->nodes);
}

static gboolean
same_value (GlossatorDocument  *a,
            GlossatorDocument  *b,
            GlossatorValueKind  kind,
            gconstpointer       value_a,
            gconstpointer       value_b)
{
  g_autoptr(GString) sa = g_string_new (NULL);
  g_autoptr(GString) sb = g_string_new (NULL);

  if (value_a == NULL || value_b == NULL)
    return value_a == value_b;
  _glossator_sidecar_write_value (sa, a, kind, value_a);
  _glossator_sidecar_write_value (sb, b, kind, value_b);

  return g_string_equal (sa, sb);
}

static gboolean
same_attributes (JsonObject *a,
                 JsonObject *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || json_object_get_size (a) == 0) && (b == NULL || json_object_get_size (b) == 0);

  return json_object_equal (a, b);
}

static gconstpointer
get_value (GlossatorDocument  *document,
           GlossatorValueKind  kind,
           const char         *id)
{
  switch (kind)
    {
    case GLOSSATOR_VALUE_ENTITY: return glossator_document_get_entity (document, id);
    case GLOSSATOR_VALUE_MENTION: return glossator_document_get_mention (document, id);
    case GLOSSATOR_VALUE_STANCE: return glossator_document_get_stance (document, id);
    case GLOSSATOR_VALUE_INFO:
    default: g_return_val_if_reached (NULL);
    }
}

static void
put_value (GlossatorDocument  *document,
           GlossatorValueKind  kind,
           gconstpointer       value)
{
  switch (kind)
    {
    case GLOSSATOR_VALUE_ENTITY: glossator_document_put_entity (document, (GlossatorEntity *) value); break;
    case GLOSSATOR_VALUE_MENTION: glossator_document_put_mention (document, (GlossatorMention *) value); break;
    case GLOSSATOR_VALUE_STANCE: glossator_document_put_stance (document, (GlossatorStance *) value); break;
    case GLOSSATOR_VALUE_INFO:
    default: g_return_if_reached ();
    }
}

static void
remove_value (GlossatorDocument  *document,
              GlossatorValueKind  kind,
              const char         *id)
{
  switch (kind)
    {
    case GLOSSATOR_VALUE_ENTITY: glossator_document_remove_entity (document, id); break;
    case GLOSSATOR_VALUE_MENTION: glossator_document_remove_mention (document, id); break;
    case GLOSSATOR_VALUE_STANCE: glossator_document_remove_stance (document, id); break;
    case GLOSSATOR_VALUE_INFO:
    default: g_return_if_reached ();
    }
}

/* An info record's members over the document's; null removes one. */
static void
merge_info (JsonObject *root,
            JsonObject *record)
{
  JsonNode *node = json_object_get_member (root, "document");
  g_autoptr(GList) names = json_object_get_members (record);
  JsonObject *info;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_set_object_member (root, "document", json_object_new ());
      node = json_object_get_member (root, "document");
    }
  info = json_node_get_object (node);
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value = json_object_get_member (record, l->data);

      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (info, l->data);
      else
        json_object_set_member (info, l->data, json_node_copy (value));
    }
}

/* A record's top-level members over the sidecar's; null removes one.
 * Only the members the journal writes: nothing else at the top level can
 * be changed from a journal. */
static void
merge_top (JsonObject *root,
           JsonObject *record)
{
  static const char * const names[] = { "conflicts", "adjudication" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      JsonNode *value = json_object_get_member (record, names[i]);

      if (value == NULL)
        continue;
      if (JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (root, names[i]);
      else
        json_object_set_member (root, names[i], json_node_copy (value));
    }
}

/* The journaled state: the document as it is, with every record applied,
 * read back as a sidecar so that nothing unverified reaches the model. */
static GlossatorDocument *
replay (GlossatorJournalRecovery  *recovery,
        GlossatorDocument         *document,
        GlossatorSchema           *schema,
        GPtrArray                 *problems,
        GError                   **error)
{
  static const char * const arrays[] = { "entities", "mentions", "stances" };
  g_autoptr(GBytes) bytes = glossator_sidecar_serialize (document, "article");
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  g_autofree char *display = g_file_get_path (recovery->file);
  Members members[G_N_ELEMENTS (arrays)];
  JsonObject *root;
  GlossatorDocument *restored;
  gsize length;

  if (!json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), error))
    return NULL;
  root = json_node_get_object (json_parser_get_root (parser));
  for (guint k = 0; k < G_N_ELEMENTS (arrays); k++)
    members_init (&members[k], root, arrays[k]);

  for (guint i = 0; i < recovery->records->len; i++)
    {
      Record *record = &g_array_index (recovery->records, Record, i);

      if (record->kind == GLOSSATOR_VALUE_INFO)
        {
          merge_info (root, json_node_get_object (record->value));
          if (record->top != NULL)
            merge_top (root, json_node_get_object (record->top));
        }
      else if (record->value != NULL)
        members_put (&members[record->kind], record->id, record->value);
      else
        g_hash_table_remove (members[record->kind].nodes, record->id);
    }

  for (guint k = 0; k < G_N_ELEMENTS (arrays); k++)
    members_store (&members[k], root, arrays[k]);

  json_generator_set_root (generator, json_parser_get_root (parser));
  data = json_generator_to_data (generator, &length);
  restored = glossator_sidecar_parse (glossator_document_get_text (document), display, data, length,
                                      schema, problems, &local_error);
  if (restored == NULL)
    g_set_error (error, GLOSSATOR_JOURNAL_ERROR, GLOSSATOR_JOURNAL_ERROR_INVALID,
                 _("%s: the unsaved edits cannot be restored: %s"), display, local_error->message);

  return restored;
}

static gboolean
same_top (GlossatorDocument *a,
          GlossatorDocument *b)
{
  g_autoptr(JsonObject) top_a = top_object (a);
  g_autoptr(JsonObject) top_b = top_object (b);
  g_autoptr(JsonNode) node_a = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) node_b = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node_a, top_a);
  json_node_set_object (node_b, top_b);
  return json_node_equal (node_a, node_b);
}

int
glossator_journal_recovery_apply (GlossatorJournalRecovery  *recovery,
                                  GlossatorDocument         *document,
                                  GlossatorSchema           *schema,
                                  GPtrArray                 *problems,
                                  GError                   **error)
{
  static const GlossatorValueKind put_order[] = {
    GLOSSATOR_VALUE_ENTITY, GLOSSATOR_VALUE_MENTION, GLOSSATOR_VALUE_STANCE,
  };
  g_autoptr(GlossatorDocument) restored = NULL;
  GHashTable *touched[3] = { NULL, };
  gboolean info_touched = FALSE;
  int n_changed = 0;

  g_return_val_if_fail (recovery != NULL, -1);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), -1);

  restored = replay (recovery, document, schema, problems, error);
  if (restored == NULL)
    return -1;

  for (guint k = 0; k < G_N_ELEMENTS (touched); k++)
    touched[k] = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < recovery->records->len; i++)
    {
      Record *record = &g_array_index (recovery->records, Record, i);

      if (record->kind == GLOSSATOR_VALUE_INFO)
        info_touched = TRUE;
      else
        g_hash_table_add (touched[record->kind], record->id);
    }

  glossator_document_begin_edit (document, _("Restore Unsaved Edits"));

  /* Additions first and removals last, in the order references go, so the
   * document is consistent after every step. */
  for (guint k = 0; k < G_N_ELEMENTS (put_order); k++)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, touched[put_order[k]]);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        {
          gconstpointer value = get_value (restored, put_order[k], id);

          if (value != NULL &&
              !same_value (document, restored, put_order[k], get_value (document, put_order[k], id), value))
            {
              put_value (document, put_order[k], value);
              n_changed++;
            }
        }
    }
  for (int k = G_N_ELEMENTS (put_order) - 1; k >= 0; k--)
    {
      GHashTableIter iter;
      gpointer id;

      g_hash_table_iter_init (&iter, touched[put_order[k]]);
      while (g_hash_table_iter_next (&iter, &id, NULL))
        if (get_value (restored, put_order[k], id) == NULL && get_value (document, put_order[k], id) != NULL)
          {
            remove_value (document, put_order[k], id);
            n_changed++;
          }
    }

  if (info_touched)
    {
      JsonObject *attributes = glossator_document_get_attributes (restored);
      gboolean changed = FALSE;

      if (glossator_document_get_status (document) != glossator_document_get_status (restored))
        {
          glossator_document_set_status (document, glossator_document_get_status (restored));
          changed = TRUE;
        }
      if (g_strcmp0 (glossator_document_get_annotator (document), glossator_document_get_annotator (restored)) != 0)
        {
          glossator_document_set_annotator (document, glossator_document_get_annotator (restored));
          changed = TRUE;
        }
      if (g_strcmp0 (glossator_document_get_notes (document), glossator_document_get_notes (restored)) != 0)
        {
          glossator_document_set_notes (document, glossator_document_get_notes (restored));
          changed = TRUE;
        }
      if (!same_attributes (glossator_document_get_attributes (document), attributes))
        {
          glossator_document_set_attributes (document, attributes);
          changed = TRUE;
        }
      if (!same_top (document, restored))
        {
          _glossator_document_set_conflicts (document, _glossator_document_get_conflicts (restored));
          _glossator_document_set_adjudication (document, _glossator_document_get_adjudication (restored));
          changed = TRUE;
        }
      n_changed += changed;
    }

  glossator_document_end_edit (document);

  for (guint k = 0; k < G_N_ELEMENTS (touched); k++)
    g_hash_table_unref (touched[k]);

  return n_changed;
}

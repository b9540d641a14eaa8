/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-mention-popover"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-candidates.h"
#include "glossator-label-palette.h"
#include "glossator-mention-popover.h"

#define MAX_LINK_CANDIDATES 50
#define MAX_QUOTE_CHARS 120

struct _GlossatorMentionPopover {
  GtkPopover         parent_instance;

  GtkLabel          *quote_label;
  GtkDropDown       *label_dropdown;
  GtkLabel          *entity_label;
  GtkSearchEntry    *link_entry;
  GtkListBox        *link_list;
  GtkEntry          *name_entry;
  GtkEntry          *kb_entry;
  GtkEntry          *note_entry;
  GtkButton         *split_button;
  GtkButton         *annotate_button;
  GtkButton         *delete_button;

  GlossatorDocument *document;
  GlossatorSchema   *schema;
  char              *mention_id;
  GtkStringList     *labels;
  gboolean           read_only;
  gboolean           updating;
};

G_DEFINE_FINAL_TYPE (GlossatorMentionPopover, glossator_mention_popover, GTK_TYPE_POPOVER)

enum {
  ANNOTATE_ALL,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GlossatorMention *
get_mention (GlossatorMentionPopover *self)
{
  if (self->document == NULL || self->mention_id == NULL)
    return NULL;
  return glossator_document_get_mention (self->document, self->mention_id);
}

static gboolean
has_focus_within (GlossatorMentionPopover *self,
                  gpointer                 widget)
{
  return (gtk_widget_get_state_flags (widget) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

static void
set_entry_text (GlossatorMentionPopover *self,
                GtkEntry                *entry,
                const char              *text)
{
  /* Never overwrite what the user is typing. */
  if (has_focus_within (self, entry))
    return;
  gtk_editable_set_text (GTK_EDITABLE (entry), text != NULL ? text : "");
}

static GtkWidget *
create_link_row (GlossatorMentionPopover *self,
                 GlossatorEntity         *entity)
{
  return glossator_entity_row_new (self->document, self->schema, entity, GLOSSATOR_ENTITY_ROW_LINK_TO);
}

static void
update_link_list (GlossatorMentionPopover *self)
{
  GlossatorMention *mention = get_mention (self);
  g_autoptr(GPtrArray) entities = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->link_list))) != NULL)
    gtk_list_box_remove (self->link_list, child);

  if (mention == NULL)
    return;

  entities = glossator_document_search_entities (self->document,
                                                 gtk_editable_get_text (GTK_EDITABLE (self->link_entry)),
                                                 mention->label, mention->entity_id,
                                                 MAX_LINK_CANDIDATES);
  for (guint i = 0; i < entities->len; i++)
    gtk_list_box_append (self->link_list, create_link_row (self, entities->pdata[i]));
}

/* The model is only ever appended to: replacing it under the drop-down
 * while it reports a choice (which relabels, which refreshes) is unsafe. */
static void
update_labels (GlossatorMentionPopover *self,
               const char              *current)
{
  guint n_items;

  if (self->labels == NULL)
    {
      guint n_labels = self->schema != NULL ? glossator_schema_get_n_labels (self->schema) : 0;

      self->labels = gtk_string_list_new (NULL);
      for (guint i = 0; i < n_labels; i++)
        gtk_string_list_append (self->labels, glossator_schema_get_label (self->schema, i)->name);
      gtk_drop_down_set_model (self->label_dropdown, G_LIST_MODEL (self->labels));
    }

  if (current == NULL)
    return;
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->labels));
  for (guint i = 0; i < n_items; i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->labels, i), current) == 0)
      return;
  /* A label the schema does not define stays choosable for its mention. */
  gtk_string_list_append (self->labels, current);
}

static void
refresh (GlossatorMentionPopover *self)
{
  GlossatorMention *mention = get_mention (self);
  GlossatorEntity *entity;
  g_autofree char *text = NULL;
  g_autofree char *quote = NULL;
  g_autofree char *entity_text = NULL;
  guint count = 0, position = GTK_INVALID_LIST_POSITION;

  if (mention == NULL)
    {
      gtk_popover_popdown (GTK_POPOVER (self));
      return;
    }

  self->updating = TRUE;

  text = glossator_mention_dup_text (mention, glossator_document_get_text (self->document));
  if (g_utf8_strlen (text, -1) > MAX_QUOTE_CHARS)
    {
      char *cut = g_utf8_offset_to_pointer (text, MAX_QUOTE_CHARS);

      *cut = '\0';
      quote = g_strdup_printf ("“%s…”", text);
    }
  else
    quote = g_strdup_printf ("“%s”", text);
  gtk_label_set_text (self->quote_label, quote);

  update_labels (self, mention->label);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->labels)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->labels, i), mention->label) == 0)
      position = i;
  gtk_drop_down_set_selected (self->label_dropdown, position);

  entity = mention->entity_id != NULL ? glossator_document_get_entity (self->document, mention->entity_id) : NULL;
  if (entity != NULL)
    {
      count = glossator_document_count_entity_mentions (self->document, entity->id);
      /* Translators: the entity of a mention: its name and number of mentions */
      entity_text = g_strdup_printf (ngettext ("%s · %u mention", "%s · %u mentions", count),
                                     entity->name, count);
      gtk_label_set_text (self->entity_label, entity_text);
    }
  else
    gtk_label_set_text (self->entity_label, _("None"));

  set_entry_text (self, self->name_entry, entity != NULL ? entity->name : NULL);
  set_entry_text (self, self->kb_entry, entity != NULL ? entity->kb_id : NULL);
  set_entry_text (self, self->note_entry, mention->note);

  gtk_widget_set_sensitive (GTK_WIDGET (self->label_dropdown), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_entry), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->link_list), !self->read_only);
  gtk_editable_set_editable (GTK_EDITABLE (self->name_entry), !self->read_only && entity != NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->kb_entry), !self->read_only && entity != NULL);
  gtk_editable_set_editable (GTK_EDITABLE (self->note_entry), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->split_button), !self->read_only && count > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->annotate_button), !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), !self->read_only);

  update_link_list (self);

  self->updating = FALSE;
}

static void
apply_fields_cb (GlossatorMentionPopover *self)
{
  g_autoptr(GlossatorMention) mention = NULL;
  g_autoptr(GlossatorEntity) entity = NULL;
  g_autofree char *name = NULL;
  g_autofree char *kb_id = NULL;
  g_autofree char *note = NULL;
  gboolean entity_changed = FALSE, note_changed;

  if (self->updating || self->read_only || get_mention (self) == NULL)
    return;

  mention = glossator_mention_ref (get_mention (self));
  if (mention->entity_id != NULL && glossator_document_get_entity (self->document, mention->entity_id) != NULL)
    entity = glossator_entity_ref (glossator_document_get_entity (self->document, mention->entity_id));

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_entry))));
  kb_id = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->kb_entry))));
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  if (*kb_id == '\0')
    g_clear_pointer (&kb_id, g_free);
  if (*note == '\0')
    g_clear_pointer (&note, g_free);

  if (entity != NULL)
    entity_changed = (*name != '\0' && g_strcmp0 (name, entity->name) != 0) ||
                     g_strcmp0 (kb_id, entity->kb_id) != 0;
  note_changed = g_strcmp0 (note, mention->note) != 0;
  if (!entity_changed && !note_changed)
    return;

  glossator_document_begin_edit (self->document, _("Edit mention"));
  if (entity_changed)
    {
      g_autoptr(GlossatorEntity) copy = glossator_entity_copy (entity);

      if (*name != '\0')
        glossator_entity_set_name (copy, name);
      glossator_entity_set_kb_id (copy, kb_id);
      glossator_document_put_entity (self->document, copy);
    }
  if (note_changed)
    {
      g_autoptr(GlossatorMention) copy = glossator_mention_copy (mention);

      glossator_mention_set_note (copy, note);
      glossator_document_put_mention (self->document, copy);
    }
  glossator_document_end_edit (self->document);
}

static void
label_selected_cb (GlossatorMentionPopover *self)
{
  guint position = gtk_drop_down_get_selected (self->label_dropdown);
  GlossatorMention *mention = get_mention (self);

  if (self->updating || self->read_only || mention == NULL || position == GTK_INVALID_LIST_POSITION)
    return;
  glossator_document_set_mention_label (self->document, mention->id,
                                        gtk_string_list_get_string (self->labels, position));
}

static void
link_search_changed_cb (GlossatorMentionPopover *self)
{
  update_link_list (self);
}

static void
link_to (GlossatorMentionPopover *self,
         const char              *entity_id)
{
  if (self->read_only || get_mention (self) == NULL || entity_id == NULL)
    return;

  /* Edits typed into the fields belong to the entity they were typed for. */
  apply_fields_cb (self);
  glossator_document_link_mention (self->document, self->mention_id, entity_id);
  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), "");
  self->updating = FALSE;
  refresh (self);
}

static void
link_row_activated_cb (GlossatorMentionPopover *self,
                       GtkListBoxRow           *row)
{
  link_to (self, g_object_get_data (G_OBJECT (row), "glossator-entity-id"));
}

static void
link_entry_activate_cb (GlossatorMentionPopover *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->link_list, 0);

  if (row != NULL && gtk_editable_get_text (GTK_EDITABLE (self->link_entry))[0] != '\0')
    link_to (self, g_object_get_data (G_OBJECT (row), "glossator-entity-id"));
}

static void
split_clicked_cb (GlossatorMentionPopover *self)
{
  if (self->read_only || get_mention (self) == NULL)
    return;
  apply_fields_cb (self);
  glossator_document_split_mention (self->document, self->mention_id);
  refresh (self);
}

static void
annotate_clicked_cb (GlossatorMentionPopover *self)
{
  g_autofree char *id = g_strdup (self->mention_id);

  if (get_mention (self) == NULL)
    return;
  apply_fields_cb (self);
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[ANNOTATE_ALL], 0, id);
}

static void
delete_clicked_cb (GlossatorMentionPopover *self)
{
  g_autofree char *id = g_strdup (self->mention_id);

  if (self->read_only || get_mention (self) == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  glossator_document_delete_mention (self->document, id);
}

static void
mention_changed_cb (GlossatorMentionPopover *self,
                    GlossatorMention        *old,
                    GlossatorMention        *new)
{
  GlossatorMention *changed = new != NULL ? new : old;

  if (self->mention_id == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (changed->id, self->mention_id) == 0)
    refresh (self);
}

static void
entity_changed_cb (GlossatorMentionPopover *self,
                   GlossatorEntity         *old,
                   GlossatorEntity         *new)
{
  GlossatorMention *mention = get_mention (self);
  GlossatorEntity *changed = new != NULL ? new : old;

  if (mention == NULL || !gtk_widget_get_visible (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (changed->id, mention->entity_id) == 0)
    refresh (self);
}

static void
entry_focus_leave_cb (GlossatorMentionPopover *self)
{
  apply_fields_cb (self);
}

/* Linking is what the editor is opened for most. */
static void
map_cb (GlossatorMentionPopover *self)
{
  if (gtk_widget_get_sensitive (GTK_WIDGET (self->link_entry)))
    gtk_widget_grab_focus (GTK_WIDGET (self->link_entry));
}

/* A search entry uses Escape to stop its search, before the popover's own
 * binding could close it: Escape in "Link to" closes the editor too, as
 * in every other field. */
static void
link_stop_search_cb (GlossatorMentionPopover *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
closed_cb (GlossatorMentionPopover *self)
{
  apply_fields_cb (self);
}

static void
disconnect_document (GlossatorMentionPopover *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
}

static void
glossator_mention_popover_dispose (GObject *object)
{
  GlossatorMentionPopover *self = GLOSSATOR_MENTION_POPOVER (object);

  disconnect_document (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_MENTION_POPOVER);
  g_clear_object (&self->schema);
  g_clear_object (&self->labels);
  g_clear_pointer (&self->mention_id, g_free);

  G_OBJECT_CLASS (glossator_mention_popover_parent_class)->dispose (object);
}

static void
glossator_mention_popover_class_init (GlossatorMentionPopoverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_mention_popover_dispose;

  signals[ANNOTATE_ALL] =
    g_signal_new ("annotate-all", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-mention-popover.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, quote_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, label_dropdown);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, entity_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, link_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, link_list);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, name_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, kb_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, note_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, split_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, annotate_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorMentionPopover, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, apply_fields_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, link_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, split_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotate_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
glossator_mention_popover_init (GlossatorMentionPopover *self)
{
  GtkEntry *entries[3];

  gtk_widget_init_template (GTK_WIDGET (self));

  entries[0] = self->name_entry;
  entries[1] = self->kb_entry;
  entries[2] = self->note_entry;
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    {
      GtkEventController *focus = gtk_event_controller_focus_new ();

      g_signal_connect_object (focus, "leave", G_CALLBACK (entry_focus_leave_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_add_controller (GTK_WIDGET (entries[i]), focus);
    }

  g_signal_connect_object (self->label_dropdown, "notify::selected",
                           G_CALLBACK (label_selected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->link_entry, "stop-search", G_CALLBACK (link_stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect (self, "closed", G_CALLBACK (closed_cb), NULL);
  g_signal_connect (self, "map", G_CALLBACK (map_cb), NULL);
}

GtkWidget *
glossator_mention_popover_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_MENTION_POPOVER, NULL);
}

void
glossator_mention_popover_set_mention (GlossatorMentionPopover *self,
                                       GlossatorDocument       *document,
                                       GlossatorSchema         *schema,
                                       const char              *mention_id,
                                       gboolean                 read_only)
{
  g_return_if_fail (GLOSSATOR_IS_MENTION_POPOVER (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (self->document != document)
    {
      disconnect_document (self);
      if (document != NULL)
        {
          self->document = g_object_ref (document);
          g_signal_connect_object (document, "mention-changed",
                                   G_CALLBACK (mention_changed_cb), self, G_CONNECT_SWAPPED);
          g_signal_connect_object (document, "entity-changed",
                                   G_CALLBACK (entity_changed_cb), self, G_CONNECT_SWAPPED);
        }
    }
  if (g_set_object (&self->schema, schema))
    {
      gtk_drop_down_set_model (self->label_dropdown, NULL);
      g_clear_object (&self->labels);
    }
  g_free (self->mention_id);
  self->mention_id = g_strdup (mention_id);
  self->read_only = read_only;

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->link_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->name_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->kb_entry), "");
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  self->updating = FALSE;

  if (get_mention (self) != NULL)
    refresh (self);
}

const char *
glossator_mention_popover_get_mention_id (GlossatorMentionPopover *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_MENTION_POPOVER (self), NULL);

  return self->mention_id;
}

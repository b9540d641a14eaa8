/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-entities-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "glossator-candidates.h"
#include "glossator-entities-panel-private.h"
#include "glossator-label-palette.h"

#define MAX_MERGE_CANDIDATES 40

/* One row: a snapshot of an entity, updated in place so the row (and the
 * selection) survive count changes. */
#define GLOSSATOR_TYPE_ENTITY_ITEM (glossator_entity_item_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorEntityItem, glossator_entity_item, GLOSSATOR, ENTITY_ITEM, GObject)

struct _GlossatorEntityItem {
  GObject  parent_instance;

  char    *id;
  char    *name;
  char    *label;
  char    *kb_id;
  char    *color;
  char    *sort_key;
  guint    count;
};

G_DEFINE_FINAL_TYPE (GlossatorEntityItem, glossator_entity_item, G_TYPE_OBJECT)

enum {
  ITEM_CHANGED,
  ITEM_N_SIGNALS
};

static guint item_signals[ITEM_N_SIGNALS];

static void
glossator_entity_item_finalize (GObject *object)
{
  GlossatorEntityItem *self = GLOSSATOR_ENTITY_ITEM (object);

  g_free (self->id);
  g_free (self->name);
  g_free (self->label);
  g_free (self->kb_id);
  g_free (self->color);
  g_free (self->sort_key);

  G_OBJECT_CLASS (glossator_entity_item_parent_class)->finalize (object);
}

static void
glossator_entity_item_class_init (GlossatorEntityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = glossator_entity_item_finalize;

  item_signals[ITEM_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
glossator_entity_item_init (GlossatorEntityItem *self)
{
}

static char *
make_sort_key (const char *name,
               const char *id)
{
  g_autofree char *folded = g_utf8_casefold (name != NULL ? name : "", -1);
  g_autofree char *key = g_utf8_collate_key (folded, -1);

  /* The id breaks ties between equal names; \1 sorts below any key byte. */
  return g_strconcat (key, "\1", id, NULL);
}

/* Returns TRUE when the sort key changed. */
static gboolean
item_update (GlossatorEntityItem *item,
             GlossatorEntity     *entity,
             GlossatorSchema     *schema,
             guint                count)
{
  g_autofree char *sort_key = make_sort_key (entity->name, entity->id);
  gboolean moved = g_strcmp0 (sort_key, item->sort_key) != 0;

  g_free (item->id);
  item->id = g_strdup (entity->id);
  g_free (item->name);
  item->name = g_strdup (entity->name);
  g_free (item->label);
  item->label = g_strdup (entity->label);
  g_free (item->kb_id);
  item->kb_id = g_strdup (entity->kb_id);
  g_free (item->color);
  item->color = g_strdup (schema != NULL && entity->label != NULL
                          ? glossator_schema_color_for_label (schema, entity->label) : NULL);
  g_free (item->sort_key);
  item->sort_key = g_steal_pointer (&sort_key);
  item->count = count;

  return moved;
}

static int
item_compare (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const GlossatorEntityItem *ia = a, *ib = b;
  int cmp = strcmp (ia->sort_key, ib->sort_key);

  return cmp != 0 ? cmp : glossator_id_compare (ia->id, ib->id);
}

const char *
_glossator_entity_item_get_id (gpointer item)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITY_ITEM (item), NULL);

  return GLOSSATOR_ENTITY_ITEM (item)->id;
}

const char *
_glossator_entity_item_get_name (gpointer item)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITY_ITEM (item), NULL);

  return GLOSSATOR_ENTITY_ITEM (item)->name;
}

const char *
_glossator_entity_item_get_label (gpointer item)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITY_ITEM (item), NULL);

  return GLOSSATOR_ENTITY_ITEM (item)->label;
}

guint
_glossator_entity_item_get_count (gpointer item)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITY_ITEM (item), 0);

  return GLOSSATOR_ENTITY_ITEM (item)->count;
}

struct _GlossatorEntitiesPanel {
  GtkWidget           parent_instance;

  GtkSearchEntry     *filter_entry;
  GtkLabel           *summary_label;
  GtkStack           *stack;
  GtkListView        *list_view;
  AdwStatusPage      *empty_page;
  GtkExpander        *orphan_expander;
  GtkListBox         *orphan_list;
  GtkLabel           *step_label;
  GtkMenuButton      *rename_button;
  GtkPopover         *rename_popover;
  GtkEntry           *rename_entry;
  GtkMenuButton      *merge_button;
  GtkPopover         *merge_popover;
  GtkLabel           *merge_title;
  GtkSearchEntry     *merge_entry;
  GtkListBox         *merge_list;

  GlossatorDocument  *document;
  GlossatorSchema    *schema;
  GListStore         *store;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkSingleSelection *selection;
  GHashTable         *items;           /* id → GlossatorEntityItem */
  GHashTable         *dirty;           /* entity ids waiting for flush */
  GHashTable         *orphans;         /* mention id → GlossatorMention */
  gboolean            orphans_dirty;
  guint               flush_idle;
  char               *filter_text;     /* casefolded; NULL when empty */
  gboolean            setting_filter;

  char               *selected_entity;
  int                 step;            /* index of the last mention stepped to */
  gboolean            syncing;
  gboolean            read_only;
};

G_DEFINE_FINAL_TYPE (GlossatorEntitiesPanel, glossator_entities_panel, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_READ_ONLY,
  PROP_SELECTED_ENTITY,
  N_PROPS
};

enum {
  MENTION_ACTIVATED,
  ANNOUNCE,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void update_state (GlossatorEntitiesPanel *self);

/* Rows */

static void
row_update (GtkWidget           *box,
            GlossatorEntityItem *item)
{
  GtkWidget *swatch = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (swatch);
  GtkWidget *chip = gtk_widget_get_next_sibling (name);
  GtkWidget *count = gtk_widget_get_next_sibling (chip);
  g_autofree char *count_text = g_strdup_printf ("%u", item->count);
  g_autofree char *accessible = NULL;
  g_autofree char *tooltip = NULL;

  glossator_label_swatch_set_color (swatch, item->color);
  gtk_label_set_text (GTK_LABEL (name), item->name);
  gtk_label_set_text (GTK_LABEL (chip), item->label != NULL ? item->label : "");
  gtk_label_set_text (GTK_LABEL (count), count_text);

  /* Translators: an entity in the list: name, label, number of mentions */
  accessible = g_strdup_printf (ngettext ("%s, %s, %u mention", "%s, %s, %u mentions", item->count),
                                item->name, item->label != NULL ? item->label : "", item->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  if (item->kb_id != NULL)
    /* Translators: tooltip of an entity: its name and knowledge base id */
    tooltip = g_strdup_printf (_("%s · %s"), item->name, item->kb_id);
  gtk_widget_set_tooltip_text (box, tooltip != NULL ? tooltip : item->name);
}

static void
item_changed_cb (GtkWidget           *box,
                 GlossatorEntityItem *item)
{
  row_update (box, item);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *chip = gtk_label_new (NULL);
  GtkWidget *count = gtk_label_new (NULL);

  gtk_box_append (GTK_BOX (box), glossator_label_swatch_new (NULL));
  /* A long name ("Chinese Foreign Ministry") wraps rather than being cut
   * at the panel's narrowest; past three lines the tooltip has it. */
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_wrap (GTK_LABEL (name), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (name), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (name), 3);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_width_chars (GTK_LABEL (name), 6);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 30);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_box_append (GTK_BOX (box), name);
  gtk_widget_set_valign (chip, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (chip, "dim-label");
  gtk_widget_add_css_class (chip, "glossator-label-chip");
  gtk_box_append (GTK_BOX (box), chip);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "glossator-entity-count");
  gtk_label_set_width_chars (GTK_LABEL (count), 3);
  gtk_label_set_xalign (GTK_LABEL (count), 1);
  gtk_box_append (GTK_BOX (box), count);
  gtk_list_item_set_child (list_item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  GlossatorEntityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  row_update (box, item);
  /* For finding the row that has the keyboard focus. */
  g_object_set_data (G_OBJECT (box), "glossator-entity-item", item);
  g_signal_connect_object (item, "changed", G_CALLBACK (item_changed_cb), box, G_CONNECT_SWAPPED);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  GlossatorEntityItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);

  g_object_set_data (G_OBJECT (box), "glossator-entity-item", NULL);
  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, item_changed_cb, box);
}

/* Filtering and selection */

static gboolean
contains_folded (const char *haystack,
                 const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  GlossatorEntitiesPanel *self = user_data;
  GlossatorEntityItem *item = object;

  if (self->filter_text == NULL)
    return TRUE;
  return contains_folded (item->name, self->filter_text) ||
         contains_folded (item->label, self->filter_text) ||
         contains_folded (item->kb_id, self->filter_text) ||
         contains_folded (item->id, self->filter_text);
}

static void sync_selection (GlossatorEntitiesPanel *self);

static void
apply_filter (GlossatorEntitiesPanel *self,
              const char             *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *folded = *stripped != '\0' ? g_utf8_casefold (stripped, -1) : NULL;

  if (g_strcmp0 (folded, self->filter_text) == 0)
    return;
  g_free (self->filter_text);
  self->filter_text = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  sync_selection (self);
  update_state (self);
}

static void
filter_changed_cb (GlossatorEntitiesPanel *self)
{
  if (!self->setting_filter)
    apply_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)));
}

static GlossatorEntity *
selected_entity (GlossatorEntitiesPanel *self)
{
  if (self->document == NULL || self->selected_entity == NULL)
    return NULL;
  return glossator_document_get_entity (self->document, self->selected_entity);
}

static gboolean
entity_shown (GlossatorEntitiesPanel *self,
              const char             *entity_id)
{
  GlossatorEntityItem *item = g_hash_table_lookup (self->items, entity_id);

  return item != NULL && filter_func (item, self);
}

/* The item a row of the list view shows (bind_row_cb()), or NULL. */
static GlossatorEntityItem *
row_item (GtkWidget *row)
{
  GtkWidget *box = gtk_widget_get_first_child (row);

  return box != NULL ? g_object_get_data (G_OBJECT (box), "glossator-entity-item") : NULL;
}

/* The item of the row that has the keyboard focus, or NULL. */
static GlossatorEntityItem *
focused_item (GlossatorEntitiesPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *list = GTK_WIDGET (self->list_view);

  for (GtkWidget *w = root != NULL ? gtk_root_get_focus (root) : NULL; w != NULL && w != list;
       w = gtk_widget_get_parent (w))
    if (gtk_widget_get_parent (w) == list)
      return row_item (w);
  return NULL;
}

/* What rename, merge and delete act on: the row with the keyboard focus
 * (which becomes the selected one), else the selected row — never an
 * entity that the filter hides, which the user cannot see. */
static GlossatorEntity *
acting_entity (GlossatorEntitiesPanel *self)
{
  GlossatorEntityItem *focused = focused_item (self);

  if (focused != NULL)
    glossator_entities_panel_select_entity (self, focused->id);
  if (self->selected_entity == NULL || !entity_shown (self, self->selected_entity))
    return NULL;
  return selected_entity (self);
}

static void
set_selected_entity (GlossatorEntitiesPanel *self,
                     const char             *entity_id)
{
  if (g_strcmp0 (entity_id, self->selected_entity) == 0)
    return;
  g_free (self->selected_entity);
  self->selected_entity = g_strdup (entity_id);
  self->step = -1;
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ENTITY]);
}

/* Makes the list's selection show self->selected_entity. */
static void
sync_selection (GlossatorEntitiesPanel *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;
  gboolean syncing;

  if (self->selected_entity != NULL)
    {
      GlossatorEntityItem *current = gtk_single_selection_get_selected_item (self->selection);

      if (current != NULL && g_strcmp0 (current->id, self->selected_entity) == 0)
        return;
      for (guint i = 0; i < n && position == GTK_INVALID_LIST_POSITION; i++)
        {
          g_autoptr(GlossatorEntityItem) item = g_list_model_get_item (model, i);

          if (g_strcmp0 (item->id, self->selected_entity) == 0)
            position = i;
        }
    }

  syncing = self->syncing;
  self->syncing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->syncing = syncing;
}

static void
selection_changed_cb (GlossatorEntitiesPanel *self)
{
  GlossatorEntityItem *item = gtk_single_selection_get_selected_item (self->selection);

  if (self->syncing)
    return;
  /* An entity hidden by the filter stays selected. */
  if (item == NULL && self->selected_entity != NULL &&
      g_hash_table_contains (self->items, self->selected_entity) &&
      !filter_func (g_hash_table_lookup (self->items, self->selected_entity), self))
    return;
  set_selected_entity (self, item != NULL ? item->id : NULL);
}

/* Stepping through the selected entity's mentions */

static gboolean
step (GlossatorEntitiesPanel *self,
      gboolean                backward)
{
  g_autoptr(GPtrArray) mentions = NULL;
  GlossatorEntity *entity = selected_entity (self);
  GlossatorMention *mention;
  int n;

  if (entity == NULL)
    return FALSE;
  mentions = glossator_document_list_entity_mentions (self->document, entity->id);
  n = (int) mentions->len;
  if (n == 0)
    return FALSE;

  if (self->step < 0 || self->step >= n)
    self->step = backward ? n - 1 : 0;
  else
    self->step = (self->step + (backward ? n - 1 : 1)) % n;
  mention = mentions->pdata[self->step];
  update_state (self);
  g_signal_emit (self, signals[MENTION_ACTIVATED], 0, mention->id);
  return TRUE;
}

static void
list_activate_cb (GlossatorEntitiesPanel *self,
                  guint                   position)
{
  g_autoptr(GlossatorEntityItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item == NULL)
    return;
  set_selected_entity (self, item->id);
  step (self, FALSE);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  step (GLOSSATOR_ENTITIES_PANEL (widget), g_str_equal (action_name, "entities.previous-mention"));
}

static gboolean
filter_has_focus (GlossatorEntitiesPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->filter_entry));
}

/* Down from the filter: the first row shown, selected, whichever row had
 * the focus before the filter changed. */
static gboolean
focus_first_row (GlossatorEntitiesPanel *self)
{
  g_autoptr(GlossatorEntityItem) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first == NULL)
    return FALSE;
  gtk_single_selection_set_selected (self->selection, 0);
  /* The list itself would focus the row focused last, wherever the filter
   * moved it: the first row's widget is focused instead. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", 0);
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->list_view)); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (row_item (row) == first && gtk_widget_grab_focus (row))
      return TRUE;
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  return TRUE;
}

static gboolean
key_pressed_cb (GlossatorEntitiesPanel *self,
                guint                   keyval,
                guint                   keycode,
                GdkModifierType         state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);

  if (keyval == GDK_KEY_F3 && (mods & ~GDK_SHIFT_MASK) == 0)
    return step (self, mods != 0);
  if (keyval == GDK_KEY_F2 && mods == 0)
    {
      if (self->read_only || acting_entity (self) == NULL)
        return FALSE;
      gtk_menu_button_popup (self->rename_button);
      return TRUE;
    }
  /* Delete is the focused row's: in the filter entry it edits the text. */
  if ((keyval == GDK_KEY_Delete || keyval == GDK_KEY_KP_Delete) && mods == 0 && focused_item (self) != NULL)
    {
      if (!self->read_only)
        _glossator_entities_panel_delete (self);
      return TRUE;
    }
  if ((keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down) && mods == 0 && filter_has_focus (self))
    return focus_first_row (self);
  return FALSE;
}

/* Rename, merge, delete */

static void
announce (GlossatorEntitiesPanel *self,
          const char             *message)
{
  g_signal_emit (self, signals[ANNOUNCE], 0, message, TRUE);
}

/* Deletes @entity_id and says so: its name and how many mentions went. */
static void
delete_entity (GlossatorEntitiesPanel *self,
               const char             *entity_id,
               GlossatorStancePolicy   policy)
{
  GlossatorEntity *entity = glossator_document_get_entity (self->document, entity_id);
  g_autofree char *name = entity != NULL ? g_strdup (entity->name) : NULL;
  g_autofree char *message = NULL;
  guint n_mentions;

  if (entity == NULL)
    return;
  n_mentions = glossator_document_count_entity_mentions (self->document, entity_id);
  glossator_document_delete_entity (self->document, entity_id, policy);
  /* Translators: feedback after deleting an entity: its name, its mentions */
  message = g_strdup_printf (ngettext ("Deleted “%s” and its %u mention", "Deleted “%s” and its %u mentions",
                                       n_mentions),
                             name, n_mentions);
  announce (self, message);
}

static void
rename_popover_show_cb (GlossatorEntitiesPanel *self)
{
  GlossatorEntity *entity = acting_entity (self);

  gtk_editable_set_text (GTK_EDITABLE (self->rename_entry), entity != NULL ? entity->name : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->rename_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->rename_entry), 0, -1);
}

static void
rename_activate_cb (GlossatorEntitiesPanel *self)
{
  _glossator_entities_panel_rename (self, gtk_editable_get_text (GTK_EDITABLE (self->rename_entry)));
  gtk_popover_popdown (self->rename_popover);
}

static GtkWidget *
create_merge_row (GlossatorEntitiesPanel *self,
                  GlossatorEntity        *entity)
{
  return glossator_entity_row_new (self->document, self->schema, entity, GLOSSATOR_ENTITY_ROW_MERGE_INTO);
}

static void
update_merge_list (GlossatorEntitiesPanel *self)
{
  GlossatorEntity *entity = selected_entity (self);
  g_autoptr(GPtrArray) candidates = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->merge_list))) != NULL)
    gtk_list_box_remove (self->merge_list, child);
  if (entity == NULL)
    return;

  candidates = glossator_document_search_entities (self->document,
                                                   gtk_editable_get_text (GTK_EDITABLE (self->merge_entry)),
                                                   entity->label, entity->id, MAX_MERGE_CANDIDATES);
  for (guint i = 0; i < candidates->len; i++)
    gtk_list_box_append (self->merge_list, create_merge_row (self, candidates->pdata[i]));
}

static void
merge_popover_show_cb (GlossatorEntitiesPanel *self)
{
  GlossatorEntity *entity = acting_entity (self);
  g_autofree char *title = NULL;

  if (entity == NULL)
    return;
  /* Translators: heading of the merge popover */
  title = g_strdup_printf (_("Merge “%s” into…"), entity->name);
  gtk_label_set_text (self->merge_title, title);
  gtk_editable_set_text (GTK_EDITABLE (self->merge_entry), "");
  update_merge_list (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->merge_entry));
}

/* The search entry takes Escape for itself: close the popover as every
 * other field does. */
static void
merge_stop_search_cb (GlossatorEntitiesPanel *self)
{
  gtk_popover_popdown (self->merge_popover);
}

static void
merge_search_changed_cb (GlossatorEntitiesPanel *self)
{
  update_merge_list (self);
}

static void
merge_row_activated_cb (GlossatorEntitiesPanel *self,
                        GtkListBoxRow          *row)
{
  g_autofree char *keep_id = g_strdup (g_object_get_data (G_OBJECT (row), "glossator-entity-id"));

  gtk_popover_popdown (self->merge_popover);
  _glossator_entities_panel_merge_into (self, keep_id);
}

static void
merge_entry_activate_cb (GlossatorEntitiesPanel *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->merge_list, 0);

  if (row != NULL)
    merge_row_activated_cb (self, row);
}

static void
delete_response_cb (GlossatorEntitiesPanel *self,
                    const char             *response,
                    AdwMessageDialog       *dialog)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (dialog), "glossator-entity-id"));

  if (self->document == NULL || id == NULL)
    return;
  if (g_str_equal (response, "keep"))
    delete_entity (self, id, GLOSSATOR_STANCES_UNSPECIFY);
  else if (g_str_equal (response, "delete"))
    delete_entity (self, id, GLOSSATOR_STANCES_DELETE);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _glossator_entities_panel_delete (GLOSSATOR_ENTITIES_PANEL (widget));
}

/* Orphaned mentions */

static void
orphan_delete_clicked_cb (GlossatorEntitiesPanel *self,
                          GtkButton              *button)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "glossator-mention-id"));

  if (self->document != NULL && !self->read_only)
    glossator_document_delete_mention (self->document, id);
}

static int
orphan_compare (gconstpointer a,
                gconstpointer b)
{
  return glossator_mention_compare (*(GlossatorMention **) a, *(GlossatorMention **) b);
}

static void
rebuild_orphans (GlossatorEntitiesPanel *self)
{
  g_autoptr(GPtrArray) orphans = g_ptr_array_new ();
  g_autofree char *title = NULL;
  GHashTableIter iter;
  gpointer value;
  GtkWidget *child;

  self->orphans_dirty = FALSE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->orphan_list))) != NULL)
    gtk_list_box_remove (self->orphan_list, child);

  g_hash_table_iter_init (&iter, self->orphans);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (orphans, value);
  g_ptr_array_sort (orphans, orphan_compare);

  for (guint i = 0; i < orphans->len; i++)
    {
      GlossatorMention *mention = orphans->pdata[i];
      GlossatorEntity *entity = mention->entity_id != NULL
                                ? glossator_document_get_entity (self->document, mention->entity_id) : NULL;
      const char *quote = mention->n_fragments > 0 && mention->fragments[0].exact != NULL
                          ? mention->fragments[0].exact : "";
      g_autofree char *text = g_strdup_printf ("“%s”", quote);
      g_autofree char *details = g_strdup_printf ("%s · %s", mention->label,
                                                  entity != NULL ? entity->name : _("no entity"));
      g_autofree char *accessible = g_strdup_printf (_("Delete orphaned mention “%s”"), quote);
      GtkWidget *box, *labels, *label, *button;

      box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      gtk_widget_set_margin_start (box, 8);
      gtk_widget_set_margin_end (box, 4);
      gtk_widget_set_margin_top (box, 4);
      gtk_widget_set_margin_bottom (box, 4);
      labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
      gtk_widget_set_hexpand (labels, TRUE);
      label = gtk_label_new (text);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_box_append (GTK_BOX (labels), label);
      label = gtk_label_new (details);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_box_append (GTK_BOX (labels), label);
      gtk_box_append (GTK_BOX (box), labels);

      button = gtk_button_new_from_icon_name ("user-trash-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (button, _("Delete this orphaned mention"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
      gtk_widget_set_sensitive (button, !self->read_only);
      g_object_set_data_full (G_OBJECT (button), "glossator-mention-id", g_strdup (mention->id), g_free);
      g_signal_connect_object (button, "clicked", G_CALLBACK (orphan_delete_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (GTK_BOX (box), button);

      gtk_list_box_append (self->orphan_list, box);
    }

  /* Translators: the expander listing mentions whose text is gone */
  title = g_strdup_printf (ngettext ("_Orphaned Mention (%u)", "_Orphaned Mentions (%u)", orphans->len),
                           orphans->len);
  gtk_expander_set_label (self->orphan_expander, title);
  gtk_widget_set_visible (GTK_WIDGET (self->orphan_expander), orphans->len > 0);
}

/* Following the document */

static void
update_state (GlossatorEntitiesPanel *self)
{
  GlossatorEntity *entity = selected_entity (self);
  /* An entity the filter hides is not edited. */
  gboolean editable = entity != NULL && !self->read_only && entity_shown (self, entity->id);
  guint n_entities = self->document != NULL ? g_hash_table_size (self->items) : 0;
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint count = entity != NULL ? glossator_document_count_entity_mentions (self->document, entity->id) : 0;
  g_autofree char *summary = NULL;
  g_autofree char *step_text = NULL;

  if (self->document == NULL)
    summary = g_strdup ("");
  else if (self->filter_text != NULL)
    /* Translators: the entities the filter shows, of all the article's */
    summary = g_strdup_printf (ngettext ("%u of %u entity", "%u of %u entities", n_entities),
                               n_shown, n_entities);
  else
    summary = g_strdup_printf (ngettext ("%u entity", "%u entities", n_entities), n_entities);
  gtk_label_set_text (self->summary_label, summary);

  if (entity != NULL && self->step >= 0 && (guint) self->step < count)
    /* Translators: which mention of the selected entity is shown, and the entity */
    step_text = g_strdup_printf (_("Mention %d of %u of %s"), self->step + 1, count, entity->name);
  else if (entity != NULL)
    /* Translators: the selected entity's mentions, and how to go through them */
    step_text = g_strdup_printf (ngettext ("%s: %u mention (F3 to go to it)",
                                           "%s: %u mentions (F3 to go through them)", count),
                                 entity->name, count);
  gtk_label_set_text (self->step_label, step_text != NULL ? step_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->step_label), step_text != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entities.next-mention", count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entities.previous-mention", count > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "entities.delete", editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->merge_button), editable && n_entities > 1);

  gtk_stack_set_visible_child_name (self->stack, n_entities > 0 ? "list" : "empty");
  if (self->document == NULL)
    {
      adw_status_page_set_title (self->empty_page, _("No Article"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else
    {
      adw_status_page_set_title (self->empty_page, _("No Entities"));
      /* Nothing can be tagged in a read-only article: no advice on how to. */
      adw_status_page_set_description (self->empty_page,
                                       self->read_only
                                         ? _("This article is read-only, so no mentions can be tagged.")
                                         : _("Select text in the article and press a label’s key to tag a mention."));
    }
}

static void
flush (GlossatorEntitiesPanel *self)
{
  GHashTableIter iter;
  gpointer key;

  g_clear_handle_id (&self->flush_idle, g_source_remove);
  if (self->document == NULL)
    return;

  /* Moving rows drops the list's selection for a moment; it is restored below. */
  self->syncing = TRUE;
  g_hash_table_iter_init (&iter, self->dirty);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const char *id = key;
      GlossatorEntity *entity = glossator_document_get_entity (self->document, id);
      GlossatorEntityItem *item = g_hash_table_lookup (self->items, id);
      guint position;

      if (entity == NULL)
        {
          if (item != NULL && g_list_store_find (self->store, item, &position))
            g_list_store_remove (self->store, position);
          g_hash_table_remove (self->items, id);
          continue;
        }

      if (item == NULL)
        {
          item = g_object_new (GLOSSATOR_TYPE_ENTITY_ITEM, NULL);
          item_update (item, entity, self->schema,
                       glossator_document_count_entity_mentions (self->document, id));
          g_hash_table_insert (self->items, g_strdup (id), item);
          g_list_store_insert_sorted (self->store, item, item_compare, NULL);
          continue;
        }

      if (item_update (item, entity, self->schema,
                       glossator_document_count_entity_mentions (self->document, id)) &&
          g_list_store_find (self->store, item, &position))
        {
          /* Renamed: move it to its place. */
          g_object_ref (item);
          g_list_store_remove (self->store, position);
          g_list_store_insert_sorted (self->store, item, item_compare, NULL);
          g_object_unref (item);
        }
      g_signal_emit (item, item_signals[ITEM_CHANGED], 0);
      if (self->filter_text != NULL)
        gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  g_hash_table_remove_all (self->dirty);
  self->syncing = FALSE;

  if (self->orphans_dirty)
    rebuild_orphans (self);

  if (self->selected_entity != NULL && !g_hash_table_contains (self->items, self->selected_entity))
    set_selected_entity (self, NULL);
  sync_selection (self);
  update_state (self);
}

static gboolean
flush_idle_cb (gpointer user_data)
{
  GlossatorEntitiesPanel *self = user_data;

  self->flush_idle = 0;
  flush (self);
  return G_SOURCE_REMOVE;
}

static void
queue_flush (GlossatorEntitiesPanel *self)
{
  /* A batch (merge, annotate all, undo) updates the list once; before the
   * next frame, as the text shows the change: at a default idle's
   * priority, the text view's laying out of lines (after the first
   * selection restyles it, seconds for a long article) came first, and
   * the panel said "No Entities" all that time. */
  if (self->flush_idle == 0)
    self->flush_idle = g_idle_add_full (G_PRIORITY_HIGH_IDLE, flush_idle_cb, self, NULL);
}

static void
mark_dirty (GlossatorEntitiesPanel *self,
            const char             *entity_id)
{
  if (entity_id == NULL)
    return;
  g_hash_table_add (self->dirty, g_strdup (entity_id));
  queue_flush (self);
}

static void
mention_changed_cb (GlossatorEntitiesPanel *self,
                    GlossatorMention       *old,
                    GlossatorMention       *new)
{
  if (old != NULL)
    mark_dirty (self, old->entity_id);
  if (new != NULL)
    mark_dirty (self, new->entity_id);

  if (old != NULL && g_hash_table_remove (self->orphans, old->id))
    self->orphans_dirty = TRUE;
  if (new != NULL && glossator_mention_is_orphaned (new))
    {
      g_hash_table_insert (self->orphans, new->id, glossator_mention_ref (new));
      self->orphans_dirty = TRUE;
    }
  if (self->orphans_dirty)
    queue_flush (self);
}

static void
entity_changed_cb (GlossatorEntitiesPanel *self,
                   GlossatorEntity        *old,
                   GlossatorEntity        *new)
{
  mark_dirty (self, new != NULL ? new->id : old->id);
  /* Orphan rows name their entity. */
  if (g_hash_table_size (self->orphans) > 0)
    {
      self->orphans_dirty = TRUE;
      queue_flush (self);
    }
}

static int
item_ptr_compare (gconstpointer a,
                  gconstpointer b)
{
  return item_compare (*(gpointer *) a, *(gpointer *) b, NULL);
}

static void
fill (GlossatorEntitiesPanel *self)
{
  g_autoptr(GPtrArray) entities = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) mentions = NULL;

  g_clear_handle_id (&self->flush_idle, g_source_remove);
  g_hash_table_remove_all (self->dirty);
  g_hash_table_remove_all (self->items);
  g_hash_table_remove_all (self->orphans);
  self->syncing = TRUE;
  g_list_store_remove_all (self->store);
  self->syncing = FALSE;

  if (self->document != NULL)
    {
      entities = glossator_document_list_entities (self->document);
      for (guint i = 0; i < entities->len; i++)
        {
          GlossatorEntity *entity = entities->pdata[i];
          GlossatorEntityItem *item = g_object_new (GLOSSATOR_TYPE_ENTITY_ITEM, NULL);

          item_update (item, entity, self->schema,
                       glossator_document_count_entity_mentions (self->document, entity->id));
          g_hash_table_insert (self->items, g_strdup (entity->id), g_object_ref (item));
          g_ptr_array_add (items, item);
        }
      g_ptr_array_sort (items, item_ptr_compare);
      g_list_store_splice (self->store, 0, 0, items->pdata, items->len);

      mentions = glossator_document_list_mentions (self->document);
      for (guint i = 0; i < mentions->len; i++)
        if (glossator_mention_is_orphaned (mentions->pdata[i]))
          g_hash_table_insert (self->orphans, ((GlossatorMention *) mentions->pdata[i])->id,
                               glossator_mention_ref (mentions->pdata[i]));
    }

  rebuild_orphans (self);
}

/* GObject */

static void
disconnect_document (GlossatorEntitiesPanel *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
}

static void
glossator_entities_panel_dispose (GObject *object)
{
  GlossatorEntitiesPanel *self = GLOSSATOR_ENTITIES_PANEL (object);
  GtkWidget *child;

  g_clear_handle_id (&self->flush_idle, g_source_remove);
  disconnect_document (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_ENTITIES_PANEL);
  /* The template's children without an id are not cleared by the above. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);
  g_clear_pointer (&self->items, g_hash_table_unref);
  g_clear_pointer (&self->dirty, g_hash_table_unref);
  g_clear_pointer (&self->orphans, g_hash_table_unref);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->selected_entity, g_free);

  G_OBJECT_CLASS (glossator_entities_panel_parent_class)->dispose (object);
}

static void
glossator_entities_panel_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  GlossatorEntitiesPanel *self = GLOSSATOR_ENTITIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_SELECTED_ENTITY:
      g_value_set_string (value, self->selected_entity);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_entities_panel_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  GlossatorEntitiesPanel *self = GLOSSATOR_ENTITIES_PANEL (object);

  switch (prop_id)
    {
    case PROP_READ_ONLY:
      glossator_entities_panel_set_read_only (self, g_value_get_boolean (value));
      break;
    case PROP_SELECTED_ENTITY:
      glossator_entities_panel_select_entity (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_entities_panel_class_init (GlossatorEntitiesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_entities_panel_dispose;
  object_class->get_property = glossator_entities_panel_get_property;
  object_class->set_property = glossator_entities_panel_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSSATOR_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SELECTED_ENTITY] =
    g_param_spec_string ("selected-entity", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[MENTION_ACTIVATED] =
    g_signal_new ("mention-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);
  /* An entity was renamed, merged or deleted: @message says what, for a
   * toast (with Undo when @undoable), as the article view's "announce". */
  signals[ANNOUNCE] =
    g_signal_new ("announce", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE, G_TYPE_BOOLEAN);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-entities-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, orphan_expander);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, orphan_list);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, step_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, rename_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, rename_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, merge_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, merge_popover);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, merge_title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, merge_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorEntitiesPanel, merge_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, merge_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "entities.next-mention", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "entities.previous-mention", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "entities.delete", NULL, delete_action);

  gtk_widget_class_set_css_name (widget_class, "glossator-entities-panel");
}

static void
glossator_entities_panel_init (GlossatorEntitiesPanel *self)
{
  GtkListItemFactory *factory;
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->step = -1;
  self->items = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->dirty = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->orphans = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                         (GDestroyNotify) glossator_mention_unref);

  self->store = g_list_store_new (GLOSSATOR_TYPE_ENTITY_ITEM);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->store)),
                                              g_object_ref (GTK_FILTER (self->filter)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_state (self);
}

GtkWidget *
glossator_entities_panel_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_ENTITIES_PANEL, NULL);
}

void
glossator_entities_panel_set_document (GlossatorEntitiesPanel *self,
                                       GlossatorDocument      *document,
                                       GlossatorSchema        *schema)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (document == self->document && schema == self->schema)
    return;

  disconnect_document (self);
  g_set_object (&self->document, document);
  g_set_object (&self->schema, (document != NULL ? schema : NULL));
  g_clear_pointer (&self->selected_entity, g_free);
  self->step = -1;

  if (document != NULL)
    {
      g_signal_connect_object (document, "mention-changed", G_CALLBACK (mention_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "entity-changed", G_CALLBACK (entity_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  fill (self);
  sync_selection (self);
  update_state (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED_ENTITY]);
}

GlossatorDocument *
glossator_entities_panel_get_document (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), NULL);

  return self->document;
}

void
glossator_entities_panel_set_read_only (GlossatorEntitiesPanel *self,
                                        gboolean                read_only)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));

  read_only = !!read_only;
  if (read_only == self->read_only)
    return;
  self->read_only = read_only;
  rebuild_orphans (self);
  update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

gboolean
glossator_entities_panel_get_read_only (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), FALSE);

  return self->read_only;
}

const char *
glossator_entities_panel_get_selected_entity (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), NULL);

  return self->selected_entity;
}

void
glossator_entities_panel_select_entity (GlossatorEntitiesPanel *self,
                                        const char             *entity_id)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));

  if (entity_id != NULL && !g_hash_table_contains (self->items, entity_id))
    entity_id = NULL;
  set_selected_entity (self, entity_id);
  sync_selection (self);
}

/* Private API */

void
_glossator_entities_panel_flush (GlossatorEntitiesPanel *self)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));

  flush (self);
}

GListModel *
_glossator_entities_panel_get_model (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

guint
_glossator_entities_panel_get_selected_row (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), GTK_INVALID_LIST_POSITION);

  return gtk_single_selection_get_selected (self->selection);
}

void
_glossator_entities_panel_set_filter (GlossatorEntitiesPanel *self,
                                      const char             *text)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->filter_entry)), text) != 0)
    {
      /* Setting the text passes through an empty entry, which reports at once. */
      self->setting_filter = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text);
      self->setting_filter = FALSE;
    }
  apply_filter (self, text);
}

guint
_glossator_entities_panel_get_n_orphans (GlossatorEntitiesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), 0);

  return g_hash_table_size (self->orphans);
}

void
_glossator_entities_panel_step (GlossatorEntitiesPanel *self,
                                gboolean                backward)
{
  g_return_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self));

  step (self, backward);
}

gboolean
_glossator_entities_panel_rename (GlossatorEntitiesPanel *self,
                                  const char             *name)
{
  g_autoptr(GlossatorEntity) renamed = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *message = NULL;
  GlossatorEntity *entity;

  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), FALSE);

  entity = acting_entity (self);
  stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  if (entity == NULL || self->read_only || *stripped == '\0' || g_strcmp0 (stripped, entity->name) == 0)
    return FALSE;

  renamed = glossator_entity_copy (entity);
  glossator_entity_set_name (renamed, stripped);
  /* Translators: feedback after renaming an entity: old and new name */
  message = g_strdup_printf (_("Renamed “%s” to “%s”"), entity->name, stripped);
  glossator_document_begin_edit (self->document, _("Rename entity"));
  glossator_document_put_entity (self->document, renamed);
  glossator_document_end_edit (self->document);
  announce (self, message);
  return TRUE;
}

gboolean
_glossator_entities_panel_merge_into (GlossatorEntitiesPanel *self,
                                      const char             *keep_id)
{
  g_autofree char *keep = g_strdup (keep_id);
  g_autofree char *message = NULL;
  GlossatorEntity *entity, *kept;

  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), FALSE);

  entity = acting_entity (self);
  if (entity == NULL || self->read_only || keep == NULL || g_strcmp0 (keep, entity->id) == 0 ||
      (kept = glossator_document_get_entity (self->document, keep)) == NULL)
    return FALSE;
  /* Translators: feedback after merging an entity into another: both names */
  message = g_strdup_printf (_("Merged “%s” into “%s”"), entity->name, kept->name);
  if (!glossator_document_merge_entities (self->document, keep, entity->id))
    return FALSE;
  announce (self, message);

  /* The merged entity is gone; follow its mentions. */
  flush (self);
  glossator_entities_panel_select_entity (self, keep);
  return TRUE;
}

GtkWidget *
_glossator_entities_panel_delete (GlossatorEntitiesPanel *self)
{
  g_autoptr(GPtrArray) stances = NULL;
  GlossatorEntity *entity;
  AdwMessageDialog *dialog;
  GtkRoot *root;
  guint n_mentions;

  g_return_val_if_fail (GLOSSATOR_IS_ENTITIES_PANEL (self), NULL);

  entity = acting_entity (self);
  if (entity == NULL || self->read_only)
    return NULL;

  stances = glossator_document_list_entity_stances (self->document, entity->id);
  if (stances->len == 0)
    {
      /* Undo brings it back; no need to ask. */
      delete_entity (self, entity->id, GLOSSATOR_STANCES_UNSPECIFY);
      return NULL;
    }

  root = gtk_widget_get_root (GTK_WIDGET (self));
  n_mentions = glossator_document_count_entity_mentions (self->document, entity->id);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                       NULL, NULL));
  adw_message_dialog_format_heading (dialog, _("Delete “%s”?"), entity->name);
  adw_message_dialog_format_body (dialog,
                                  /* Translators: the two numbers are of mentions and stances */
                                  ngettext ("Its %u mention is deleted too. Stances naming it as holder or target can keep their other parts, with this side left unspecified, or be deleted.",
                                            "Its %u mentions are deleted too. Stances naming it as holder or target can keep their other parts, with this side left unspecified, or be deleted.",
                                            n_mentions),
                                  n_mentions);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "keep", _("_Keep Stances"),
                                    "delete", _("_Delete Stances"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "glossator-entity-id", g_strdup (entity->id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));

  return GTK_WIDGET (dialog);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stances-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "glossator-label-palette.h"
#include "glossator-stance-editor.h"
#include "glossator-stance-row.h"
#include "glossator-stances-panel-private.h"

#define MAX_EVIDENCE_CHARS 240

struct _GlossatorStancesPanel {
  GtkWidget              parent_instance;

  GtkStack              *stack;
  GtkLabel              *summary_label;
  GtkButton             *new_button;
  GtkButton             *author_button;
  GtkToggleButton       *filter_button;
  GtkRevealer           *filter_revealer;
  GtkDropDown           *holder_filter;
  GtkDropDown           *target_filter;
  GtkDropDown           *polarity_filter;
  GtkRevealer           *problem_revealer;
  GtkLabel              *problem_label;
  GtkStack              *list_stack;
  GtkListBox            *list_box;
  AdwStatusPage         *empty_page;
  GtkScrolledWindow     *editor_scroller;
  GlossatorStanceEditor *editor;

  GlossatorDocument     *document;
  GlossatorSchema       *schema;
  gboolean               read_only;

  /* Filter keys, parallel to the drop downs' items; NULL is "all". */
  GPtrArray             *filter_keys[3];
  char                  *filter[3];
  char                  *selected;
  gboolean               updating;
};

G_DEFINE_FINAL_TYPE (GlossatorStancesPanel, glossator_stances_panel, GTK_TYPE_WIDGET)

enum {
  STANCE_SELECTED,
  NEW_STANCE,
  EDITING_FINISHED,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkDropDown *
filter_drop_down (GlossatorStancesPanel *self,
                  GlossatorStanceFilter  filter)
{
  switch (filter)
    {
    case GLOSSATOR_STANCE_FILTER_HOLDER:
      return self->holder_filter;
    case GLOSSATOR_STANCE_FILTER_TARGET:
      return self->target_filter;
    case GLOSSATOR_STANCE_FILTER_POLARITY:
      return self->polarity_filter;
    default:
      g_assert_not_reached ();
    }
}

/* Words for a stance */

static char *
dup_entity_name (GlossatorDocument *document,
                 const char        *entity_id)
{
  GlossatorEntity *entity = glossator_document_get_entity (document, entity_id);

  if (entity != NULL && entity->name != NULL && *entity->name != '\0')
    return g_strdup (entity->name);
  return g_strdup (entity_id);
}

static char *
dup_holder_name (GlossatorStance   *stance,
                 GlossatorDocument *document)
{
  switch (stance->holder_kind)
    {
    case GLOSSATOR_HOLDER_ENTITY:
      return dup_entity_name (document, stance->holder_entity);
    case GLOSSATOR_HOLDER_AUTHOR:
      return g_strdup (_("Author"));
    case GLOSSATOR_HOLDER_UNSPECIFIED:
    default:
      return g_strdup (_("Unspecified"));
    }
}

static char *
dup_target_name (GlossatorStance   *stance,
                 GlossatorDocument *document)
{
  switch (stance->target_kind)
    {
    case GLOSSATOR_TARGET_ENTITY:
      return dup_entity_name (document, stance->target);
    case GLOSSATOR_TARGET_TOPIC:
      return g_strdup (stance->target);
    case GLOSSATOR_TARGET_UNSPECIFIED:
    default:
      return g_strdup (_("Unspecified"));
    }
}

char *
glossator_stance_dup_summary (GlossatorStance   *stance,
                              GlossatorDocument *document)
{
  g_autofree char *holder = NULL;
  g_autofree char *target = NULL;

  g_return_val_if_fail (stance != NULL, NULL);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  holder = dup_holder_name (stance, document);
  target = dup_target_name (stance, document);
  /* Translators: a stance: holder → target: polarity */
  return g_strdup_printf (_("%s → %s: %s"), holder, target, stance->polarity != NULL ? stance->polarity : "");
}

static char *
holder_key (GlossatorStance *stance)
{
  switch (stance->holder_kind)
    {
    case GLOSSATOR_HOLDER_ENTITY:
      return g_strconcat ("entity:", stance->holder_entity, NULL);
    case GLOSSATOR_HOLDER_AUTHOR:
      return g_strdup ("author");
    case GLOSSATOR_HOLDER_UNSPECIFIED:
    default:
      return g_strdup ("unspecified");
    }
}

static char *
target_key (GlossatorStance *stance)
{
  switch (stance->target_kind)
    {
    case GLOSSATOR_TARGET_ENTITY:
      return g_strconcat ("entity:", stance->target, NULL);
    case GLOSSATOR_TARGET_TOPIC:
      return g_strconcat ("topic:", stance->target, NULL);
    case GLOSSATOR_TARGET_UNSPECIFIED:
    default:
      return g_strdup ("unspecified");
    }
}

static char *
dup_evidence_excerpt (GlossatorStance   *stance,
                      GlossatorDocument *document)
{
  GlossatorText *text = glossator_document_get_text (document);
  GString *excerpt = g_string_new (NULL);

  for (guint i = 0; i < stance->n_evidence && excerpt->len < MAX_EVIDENCE_CHARS * 4; i++)
    {
      const GlossatorSpan *span = &stance->evidence[i];
      g_autofree char *slice = glossator_text_slice (text, span->start, MIN (span->end, span->start + MAX_EVIDENCE_CHARS));

      if (slice == NULL)
        slice = g_strdup (span->exact != NULL ? span->exact : "");
      if (i > 0)
        g_string_append (excerpt, " … ");
      for (const char *p = slice; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          g_string_append_unichar (excerpt, c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
        }
    }
  if (excerpt->len == 0)
    {
      g_string_free (excerpt, TRUE);
      return NULL;
    }
  return g_string_free (excerpt, FALSE);
}

/* Rows */

static void
row_edit_cb (GlossatorStancesPanel *self,
             GlossatorStanceRow    *row)
{
  glossator_stances_panel_edit_stance (self, glossator_stance_row_get_stance_id (row));
}

static void
row_delete_cb (GlossatorStancesPanel *self,
               GlossatorStanceRow    *row)
{
  glossator_stances_panel_delete_stance (self, glossator_stance_row_get_stance_id (row));
}

static GtkWidget *
stance_row_new (GlossatorStancesPanel *self,
                GlossatorStance       *stance)
{
  g_autofree char *holder = dup_holder_name (stance, self->document);
  g_autofree char *target = dup_target_name (stance, self->document);
  g_autofree char *title = g_strdup_printf ("%s → %s", holder, target);
  g_autofree char *summary = glossator_stance_dup_summary (stance, self->document);
  g_autofree char *evidence = dup_evidence_excerpt (stance, self->document);
  g_autofree char *details = NULL;
  JsonNode *reported = stance->attributes != NULL ? json_object_get_member (stance->attributes, "reported_speech") : NULL;
  GString *detail = g_string_new (stance->polarity);
  GtkWidget *row;

  if (stance->intensity > 0)
    /* Translators: after the polarity, e.g. “against · intensity 2” */
    g_string_append_printf (detail, _(" · intensity %u"), stance->intensity);
  if (reported != NULL && JSON_NODE_HOLDS_VALUE (reported) && json_node_get_value_type (reported) == G_TYPE_BOOLEAN &&
      json_node_get_boolean (reported))
    g_string_append (detail, _(" · reported speech"));
  details = g_string_free (detail, FALSE);

  row = glossator_stance_row_new (stance->id, title, summary, details, evidence,
                                  self->schema != NULL && stance->polarity != NULL
                                  ? glossator_schema_color_for_polarity (self->schema, stance->polarity)
                                  : NULL,
                                  self->read_only);
  g_signal_connect_object (row, "edit", G_CALLBACK (row_edit_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (row, "delete", G_CALLBACK (row_delete_cb), self, G_CONNECT_SWAPPED);
  return row;
}

static const char *
row_id (GtkListBoxRow *row)
{
  return row != NULL ? glossator_stance_row_get_stance_id (GLOSSATOR_STANCE_ROW (row)) : NULL;
}

static GtkListBoxRow *
find_row (GlossatorStancesPanel *self,
          const char            *stance_id)
{
  GtkListBoxRow *row;

  if (stance_id == NULL)
    return NULL;
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (g_strcmp0 (row_id (row), stance_id) == 0)
      return row;
  return NULL;
}

static gboolean
matches_filter (GlossatorStancesPanel *self,
                GlossatorStance       *stance)
{
  g_autofree char *holder = holder_key (stance);
  g_autofree char *target = target_key (stance);

  return (self->filter[GLOSSATOR_STANCE_FILTER_HOLDER] == NULL ||
          g_str_equal (self->filter[GLOSSATOR_STANCE_FILTER_HOLDER], holder)) &&
         (self->filter[GLOSSATOR_STANCE_FILTER_TARGET] == NULL ||
          g_str_equal (self->filter[GLOSSATOR_STANCE_FILTER_TARGET], target)) &&
         (self->filter[GLOSSATOR_STANCE_FILTER_POLARITY] == NULL ||
          g_strcmp0 (self->filter[GLOSSATOR_STANCE_FILTER_POLARITY], stance->polarity) == 0);
}

/* Filters */

typedef struct {
  char *key;
  char *name;
} FilterItem;

static void
filter_item_free (gpointer data)
{
  FilterItem *item = data;

  g_free (item->key);
  g_free (item->name);
  g_free (item);
}

static int
filter_item_compare (gconstpointer a,
                     gconstpointer b)
{
  const FilterItem *ia = *(const FilterItem * const *) a;
  const FilterItem *ib = *(const FilterItem * const *) b;

  return g_utf8_collate (ia->name, ib->name);
}

static void
add_filter_item (GPtrArray  *items,
                 char       *key,
                 char       *name)
{
  FilterItem *item;

  for (guint i = 0; i < items->len; i++)
    if (g_str_equal (((FilterItem *) items->pdata[i])->key, key))
      {
        g_free (key);
        g_free (name);
        return;
      }
  item = g_new (FilterItem, 1);
  item->key = key;
  item->name = name;
  g_ptr_array_add (items, item);
}

static gboolean
same_items (GtkDropDown *drop_down,
            GPtrArray   *keys,
            const char  *all,
            GPtrArray   *items)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  if (model == NULL || g_list_model_get_n_items (model) != items->len + 1 || keys->len != items->len + 1)
    return FALSE;
  if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), 0), all) != 0)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      FilterItem *item = items->pdata[i];

      if (g_strcmp0 (keys->pdata[i + 1], item->key) != 0 ||
          g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (model), i + 1), item->name) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
set_filter_items (GlossatorStancesPanel *self,
                  GlossatorStanceFilter  filter,
                  const char            *all,
                  GPtrArray             *items)
{
  GtkDropDown *drop_down = filter_drop_down (self, filter);
  g_autoptr(GtkStringList) names = NULL;
  GPtrArray *keys = self->filter_keys[filter];
  guint selected = 0;

  for (guint i = 0; i < items->len; i++)
    if (g_strcmp0 (((FilterItem *) items->pdata[i])->key, self->filter[filter]) == 0)
      selected = i + 1;
  /* A filter whose item is gone shows everything again. */
  if (selected == 0)
    g_clear_pointer (&self->filter[filter], g_free);

  /* Replacing the model while the drop down announces a choice would pull
   * it from under it; the items only change with the stances. */
  if (!same_items (drop_down, keys, all, items))
    {
      names = gtk_string_list_new (NULL);
      g_ptr_array_set_size (keys, 0);
      gtk_string_list_append (names, all);
      g_ptr_array_add (keys, NULL);
      for (guint i = 0; i < items->len; i++)
        {
          FilterItem *item = items->pdata[i];

          gtk_string_list_append (names, item->name);
          g_ptr_array_add (keys, g_strdup (item->key));
        }
      gtk_drop_down_set_model (drop_down, G_LIST_MODEL (names));
    }
  if (gtk_drop_down_get_selected (drop_down) != selected)
    gtk_drop_down_set_selected (drop_down, selected);
}

static void
update_filters (GlossatorStancesPanel *self,
                GPtrArray             *stances)
{
  g_autoptr(GPtrArray) holders = g_ptr_array_new_with_free_func (filter_item_free);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (filter_item_free);
  g_autoptr(GPtrArray) polarities = g_ptr_array_new_with_free_func (filter_item_free);
  guint n_polarities = self->schema != NULL ? glossator_schema_get_n_polarities (self->schema) : 0;

  for (guint i = 0; i < n_polarities; i++)
    {
      const char *name = glossator_schema_get_polarity (self->schema, i)->name;

      add_filter_item (polarities, g_strdup (name), g_strdup (name));
    }
  for (guint i = 0; stances != NULL && i < stances->len; i++)
    {
      GlossatorStance *stance = stances->pdata[i];

      add_filter_item (holders, holder_key (stance), dup_holder_name (stance, self->document));
      add_filter_item (targets, target_key (stance), dup_target_name (stance, self->document));
      if (stance->polarity != NULL)
        add_filter_item (polarities, g_strdup (stance->polarity), g_strdup (stance->polarity));
    }
  g_ptr_array_sort (holders, filter_item_compare);
  g_ptr_array_sort (targets, filter_item_compare);

  set_filter_items (self, GLOSSATOR_STANCE_FILTER_HOLDER, _("All holders"), holders);
  set_filter_items (self, GLOSSATOR_STANCE_FILTER_TARGET, _("All targets"), targets);
  set_filter_items (self, GLOSSATOR_STANCE_FILTER_POLARITY, _("All polarities"), polarities);
}

/* The list */

static void
rebuild (GlossatorStancesPanel *self)
{
  g_autoptr(GPtrArray) stances = NULL;
  g_autofree char *selected = g_strdup (self->selected);
  g_autofree char *summary = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  gboolean had_focus = focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box));
  GtkListBoxRow *row;
  GtkWidget *child;
  guint n_shown = 0, n_total;

  self->updating = TRUE;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);

  if (self->document != NULL)
    stances = glossator_document_list_stances (self->document);
  update_filters (self, stances);

  n_total = stances != NULL ? stances->len : 0;
  for (guint i = 0; i < n_total; i++)
    {
      GlossatorStance *stance = stances->pdata[i];

      if (!matches_filter (self, stance))
        continue;
      gtk_list_box_append (self->list_box, stance_row_new (self, stance));
      n_shown++;
    }

  if (n_total == 0)
    summary = g_strdup (self->document != NULL ? _("No stances") : "");
  else if (n_shown == n_total)
    summary = g_strdup_printf (ngettext ("%u stance", "%u stances", n_total), n_total);
  else
    /* Translators: stances shown by the filter, of all */
    summary = g_strdup_printf (ngettext ("%u of %u stance", "%u of %u stances", n_total), n_shown, n_total);
  gtk_label_set_text (self->summary_label, summary);

  if (n_shown == 0)
    {
      if (n_total > 0)
        {
          adw_status_page_set_title (self->empty_page, _("No Matching Stances"));
          adw_status_page_set_description (self->empty_page, _("No stance matches the filter."));
        }
      else
        {
          adw_status_page_set_title (self->empty_page, _("No Stances"));
          adw_status_page_set_description (self->empty_page,
                                           self->read_only
                                             ? _("This article is read-only, so no stances can be recorded.")
                                             : _("Select a mention and press S to record what its entity is for or against. Shift+S records the author’s own stance."));
        }
      gtk_stack_set_visible_child_name (self->list_stack, "empty");
    }
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");

  gtk_widget_set_sensitive (GTK_WIDGET (self->new_button), self->document != NULL && !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->author_button), self->document != NULL && !self->read_only);
  gtk_widget_set_sensitive (GTK_WIDGET (self->filter_button), n_total > 0 || gtk_toggle_button_get_active (self->filter_button));

  row = find_row (self, selected);
  gtk_list_box_select_row (self->list_box, row);
  self->updating = FALSE;

  if (row == NULL && selected != NULL)
    {
      g_clear_pointer (&self->selected, g_free);
      g_signal_emit (self, signals[STANCE_SELECTED], 0, NULL);
    }
  if (had_focus)
    {
      if (row != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (row));
      else if (gtk_list_box_get_row_at_index (self->list_box, 0) != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->list_box, 0)));
    }
}

static void
document_changed_cb (GlossatorStancesPanel *self)
{
  rebuild (self);
}

/* Entity names are part of the rows; most entities are named by no stance,
 * and Annotate All makes hundreds of them at once. */
static void
entity_changed_cb (GlossatorStancesPanel *self,
                   GlossatorEntity       *old,
                   GlossatorEntity       *new,
                   GlossatorDocument     *document)
{
  g_autoptr(GPtrArray) stances = NULL;

  if (old != NULL && new != NULL && g_strcmp0 (old->name, new->name) == 0)
    return;
  stances = glossator_document_list_entity_stances (document, new != NULL ? new->id : old->id);
  if (stances->len > 0)
    rebuild (self);
}

static void
row_selected_cb (GlossatorStancesPanel *self,
                 GtkListBoxRow         *row)
{
  const char *id = row_id (row);

  if (self->updating || g_strcmp0 (id, self->selected) == 0)
    return;
  g_free (self->selected);
  self->selected = g_strdup (id);
  g_signal_emit (self, signals[STANCE_SELECTED], 0, id);
}

static void
row_activated_cb (GlossatorStancesPanel *self,
                  GtkListBoxRow         *row)
{
  glossator_stances_panel_edit_stance (self, row_id (row));
}

static void
filter_selected_cb (GlossatorStancesPanel *self,
                    GParamSpec            *pspec,
                    GtkDropDown           *drop_down)
{
  GlossatorStanceFilter filter = drop_down == self->holder_filter ? GLOSSATOR_STANCE_FILTER_HOLDER
                               : drop_down == self->target_filter ? GLOSSATOR_STANCE_FILTER_TARGET
                               : GLOSSATOR_STANCE_FILTER_POLARITY;
  guint selected = gtk_drop_down_get_selected (drop_down);
  GPtrArray *keys = self->filter_keys[filter];
  const char *key = selected < keys->len ? keys->pdata[selected] : NULL;

  if (self->updating || g_strcmp0 (key, self->filter[filter]) == 0)
    return;
  g_free (self->filter[filter]);
  self->filter[filter] = g_strdup (key);
  rebuild (self);
}

gboolean
_glossator_stances_panel_handle_key (GlossatorStancesPanel *self,
                                     guint                  keyval,
                                     GdkModifierType        state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK | GDK_SUPER_MASK);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->list_box);
  int position;

  if (mods != 0 || row == NULL)
    return FALSE;
  if (keyval != GDK_KEY_Delete && keyval != GDK_KEY_KP_Delete && keyval != GDK_KEY_BackSpace)
    return FALSE;
  if (self->read_only)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    }

  position = gtk_list_box_row_get_index (row);
  glossator_stances_panel_delete_stance (self, row_id (row));
  /* Keep the keyboard where it was: on the next stance, or the last. */
  row = gtk_list_box_get_row_at_index (self->list_box, position);
  if (row == NULL && position > 0)
    row = gtk_list_box_get_row_at_index (self->list_box, position - 1);
  if (row != NULL)
    {
      gtk_list_box_select_row (self->list_box, row);
      gtk_widget_grab_focus (GTK_WIDGET (row));
    }
  return TRUE;
}

static gboolean
list_key_pressed_cb (GlossatorStancesPanel *self,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     GtkEventControllerKey *controller)
{
  return _glossator_stances_panel_handle_key (self, keyval, state);
}

/* Editing */

static void
reveal_panel (GlossatorStancesPanel *self)
{
  GtkWidget *stack = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_STACK);
  GtkWidget *page = GTK_WIDGET (self);

  if (stack == NULL)
    return;
  while (gtk_widget_get_parent (page) != stack)
    page = gtk_widget_get_parent (page);
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
}

static void
show_editor (GlossatorStancesPanel *self)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->editor_scroller);

  reveal_panel (self);
  gtk_stack_set_visible_child_name (self->stack, "editor");
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
editor_finished_cb (GlossatorStancesPanel *self,
                    const char            *stance_id)
{
  g_autofree char *id = g_strdup (stance_id);

  gtk_stack_set_visible_child_name (self->stack, "list");
  if (id != NULL)
    {
      /* Show the stance just saved even when the filter would hide it. */
      if (find_row (self, id) == NULL)
        {
          for (guint i = 0; i < G_N_ELEMENTS (self->filter); i++)
            g_clear_pointer (&self->filter[i], g_free);
          rebuild (self);
        }
      glossator_stances_panel_select_stance (self, id);
    }
  g_signal_emit (self, signals[EDITING_FINISHED], 0, id);
}

static void
editor_problem_cb (GlossatorStancesPanel *self,
                   const char            *message)
{
  gtk_label_set_text (self->problem_label, message);
  gtk_revealer_set_reveal_child (self->problem_revealer, TRUE);
}

static void
editor_notice_cb (GlossatorStancesPanel *self,
                  const char            *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static void
problem_close_cb (GlossatorStancesPanel *self)
{
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
}

static void
new_stance (GlossatorStancesPanel *self,
            gboolean               author)
{
  gboolean handled = FALSE;

  if (self->document == NULL || self->read_only)
    return;
  g_signal_emit (self, signals[NEW_STANCE], 0, author, &handled);
  if (!handled)
    glossator_stances_panel_begin_stance (self,
                                          author ? GLOSSATOR_HOLDER_AUTHOR : GLOSSATOR_HOLDER_UNSPECIFIED,
                                          NULL, NULL, 0, 0);
}

static void
new_clicked_cb (GlossatorStancesPanel *self)
{
  new_stance (self, FALSE);
}

static void
author_clicked_cb (GlossatorStancesPanel *self)
{
  new_stance (self, TRUE);
}

/* Public API */

GtkWidget *
glossator_stances_panel_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_STANCES_PANEL, NULL);
}

void
glossator_stances_panel_set_document (GlossatorStancesPanel *self,
                                      GlossatorDocument     *document,
                                      GlossatorSchema       *schema,
                                      gboolean               read_only)
{
  g_return_if_fail (GLOSSATOR_IS_STANCES_PANEL (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (self->document == document && self->schema == schema && self->read_only == read_only)
    return;

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_set_object (&self->document, document);
  g_set_object (&self->schema, schema);
  self->read_only = read_only;
  if (document != NULL)
    {
      g_signal_connect_object (document, "stance-changed", G_CALLBACK (document_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (document, "entity-changed", G_CALLBACK (entity_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  glossator_stance_editor_set_document (self->editor, document, schema);
  gtk_stack_set_visible_child_name (self->stack, "list");
  gtk_revealer_set_reveal_child (self->problem_revealer, FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (self->filter); i++)
    g_clear_pointer (&self->filter[i], g_free);
  if (self->selected != NULL)
    {
      g_clear_pointer (&self->selected, g_free);
      g_signal_emit (self, signals[STANCE_SELECTED], 0, NULL);
    }
  rebuild (self);
}

GlossatorDocument *
glossator_stances_panel_get_document (GlossatorStancesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), NULL);

  return self->document;
}

gboolean
glossator_stances_panel_get_read_only (GlossatorStancesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), TRUE);

  return self->read_only;
}

void
glossator_stances_panel_set_schema_folder (GlossatorStancesPanel *self,
                                           GFile                 *folder)
{
  g_return_if_fail (GLOSSATOR_IS_STANCES_PANEL (self));

  glossator_stance_editor_set_schema_folder (self->editor, folder);
}

GlossatorStanceEditor *
glossator_stances_panel_get_editor (GlossatorStancesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), NULL);

  return self->editor;
}

gboolean
glossator_stances_panel_begin_stance (GlossatorStancesPanel *self,
                                      GlossatorHolderKind    holder_kind,
                                      const char            *holder_entity,
                                      const char            *target_entity,
                                      guint                  evidence_start,
                                      guint                  evidence_end)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), FALSE);

  if (self->document == NULL || self->read_only)
    return FALSE;
  if (glossator_stances_panel_is_editing (self))
    glossator_stance_editor_cancel (self->editor);
  show_editor (self);
  glossator_stance_editor_start_new (self->editor, holder_kind, holder_entity, target_entity,
                                     evidence_start, evidence_end);
  return TRUE;
}

gboolean
glossator_stances_panel_edit_stance (GlossatorStancesPanel *self,
                                     const char            *stance_id)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), FALSE);

  if (self->document == NULL || self->read_only || stance_id == NULL ||
      glossator_document_get_stance (self->document, stance_id) == NULL)
    return FALSE;
  if (glossator_stances_panel_is_editing (self))
    glossator_stance_editor_cancel (self->editor);
  glossator_stances_panel_select_stance (self, stance_id);
  show_editor (self);
  return glossator_stance_editor_start_edit (self->editor, stance_id);
}

gboolean
glossator_stances_panel_is_editing (GlossatorStancesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), FALSE);

  return g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "editor") == 0;
}

gboolean
glossator_stances_panel_delete_stance (GlossatorStancesPanel *self,
                                       const char            *stance_id)
{
  g_autofree char *id = g_strdup (stance_id);

  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), FALSE);

  if (self->document == NULL || self->read_only || id == NULL ||
      glossator_document_get_stance (self->document, id) == NULL)
    return FALSE;
  glossator_document_begin_edit (self->document, _("Delete stance"));
  glossator_document_remove_stance (self->document, id);
  glossator_document_end_edit (self->document);
  return TRUE;
}

void
glossator_stances_panel_select_stance (GlossatorStancesPanel *self,
                                       const char            *stance_id)
{
  GtkListBoxRow *row;

  g_return_if_fail (GLOSSATOR_IS_STANCES_PANEL (self));

  row = find_row (self, stance_id);
  gtk_list_box_select_row (self->list_box, row);
  if (row == NULL && self->selected != NULL)
    {
      g_clear_pointer (&self->selected, g_free);
      g_signal_emit (self, signals[STANCE_SELECTED], 0, NULL);
    }
}

const char *
glossator_stances_panel_get_selected_stance (GlossatorStancesPanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCES_PANEL (self), NULL);

  return self->selected;
}

/* Private API */

gboolean
_glossator_stances_panel_set_filter (GlossatorStancesPanel *self,
                                     GlossatorStanceFilter  filter,
                                     const char            *key)
{
  GPtrArray *keys = self->filter_keys[filter];

  for (guint i = 0; i < keys->len; i++)
    if (g_strcmp0 (keys->pdata[i], key) == 0)
      {
        gtk_drop_down_set_selected (filter_drop_down (self, filter), i);
        return TRUE;
      }
  return FALSE;
}

GStrv
_glossator_stances_panel_dup_filter_items (GlossatorStancesPanel *self,
                                           GlossatorStanceFilter  filter)
{
  GListModel *model = gtk_drop_down_get_model (filter_drop_down (self, filter));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; model != NULL && i < g_list_model_get_n_items (model); i++)
    g_strv_builder_add (builder, gtk_string_list_get_string (GTK_STRING_LIST (model), i));
  return g_strv_builder_end (builder);
}

GStrv
_glossator_stances_panel_dup_rows (GlossatorStancesPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    g_strv_builder_add (builder, glossator_stance_row_get_summary (GLOSSATOR_STANCE_ROW (row)));
  return g_strv_builder_end (builder);
}

GStrv
_glossator_stances_panel_dup_row_ids (GlossatorStancesPanel *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    g_strv_builder_add (builder, row_id (row));
  return g_strv_builder_end (builder);
}

const char *
_glossator_stances_panel_get_problem (GlossatorStancesPanel *self)
{
  return gtk_revealer_get_reveal_child (self->problem_revealer) ? gtk_label_get_text (self->problem_label) : NULL;
}

void
_glossator_stances_panel_new_stance (GlossatorStancesPanel *self,
                                     gboolean               author)
{
  new_stance (self, author);
}

/* GObject */

static void
glossator_stances_panel_dispose (GObject *object)
{
  GlossatorStancesPanel *self = GLOSSATOR_STANCES_PANEL (object);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_STANCES_PANEL);
  g_clear_object (&self->document);
  g_clear_object (&self->schema);

  G_OBJECT_CLASS (glossator_stances_panel_parent_class)->dispose (object);
}

static void
glossator_stances_panel_finalize (GObject *object)
{
  GlossatorStancesPanel *self = GLOSSATOR_STANCES_PANEL (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->filter); i++)
    {
      g_clear_pointer (&self->filter_keys[i], g_ptr_array_unref);
      g_free (self->filter[i]);
    }
  g_free (self->selected);

  G_OBJECT_CLASS (glossator_stances_panel_parent_class)->finalize (object);
}

/* The editor's and the list's few own looks; the rest is libadwaita's. */
static const char stances_css[] =
  "stanceeditor label.glossator-stance-field { margin-top: 8px; }\n"
  "stanceeditor .glossator-key-hint {"
  "  font-family: monospace; font-size: smaller; font-weight: bold;"
  "  padding: 0 5px; border-radius: 4px; background-color: alpha(currentColor, 0.1); }\n"
  "stanceeditor label.glossator-evidence {"
  "  padding: 6px 10px; border-radius: 0 6px 6px 0;"
  "  border-left: 3px solid @accent_bg_color; background-color: alpha(@accent_bg_color, 0.08); }\n"
  "stanceeditor list.glossator-typeahead {"
  "  margin-top: 4px; border-radius: 6px; border: 1px solid alpha(currentColor, 0.15);"
  "  background-color: @view_bg_color; }\n"
  "stanceeditor list.glossator-typeahead > row:selected {"
  "  background-color: alpha(@accent_bg_color, 0.22); }\n"
  ".glossator-stance-problem {"
  "  padding: 8px 6px 8px 12px; background-color: alpha(@warning_bg_color, 0.22); }\n";

static void
load_style (void)
{
  static gboolean loaded;
  g_autoptr(GtkCssProvider) provider = NULL;
  GdkDisplay *display = gdk_display_get_default ();

  if (loaded || display == NULL)
    return;
  loaded = TRUE;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, stances_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

static void
glossator_stances_panel_class_init (GlossatorStancesPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_stances_panel_dispose;
  object_class->finalize = glossator_stances_panel_finalize;

  signals[STANCE_SELECTED] =
    g_signal_new ("stance-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NEW_STANCE] =
    g_signal_new ("new-stance", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 1, G_TYPE_BOOLEAN);
  signals[EDITING_FINISHED] =
    g_signal_new ("editing-finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GLOSSATOR_TYPE_STANCE_EDITOR);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-stances-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, new_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, author_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, filter_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, holder_filter);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, target_filter);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, polarity_filter);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, problem_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, problem_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, list_box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, editor_scroller);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStancesPanel, editor);
  gtk_widget_class_bind_template_callback (widget_class, new_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, author_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, problem_close_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_finished_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_problem_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_notice_cb);

  gtk_widget_class_set_css_name (widget_class, "stancespanel");
}

static void
glossator_stances_panel_init (GlossatorStancesPanel *self)
{
  GtkEventController *controller;

  load_style ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (self->filter_keys); i++)
    self->filter_keys[i] = g_ptr_array_new_with_free_func (g_free);

  g_signal_connect_object (self->holder_filter, "notify::selected", G_CALLBACK (filter_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->target_filter, "notify::selected", G_CALLBACK (filter_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->polarity_filter, "notify::selected", G_CALLBACK (filter_selected_cb), self,
                           G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (list_key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->list_box), controller);

  rebuild (self);
}

char *
glossator_stance_dup_holder_name (GlossatorStance   *stance,
                                  GlossatorDocument *document)
{
  g_return_val_if_fail (stance != NULL, NULL);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  return dup_holder_name (stance, document);
}

char *
glossator_stance_dup_target_name (GlossatorStance   *stance,
                                  GlossatorDocument *document)
{
  g_return_val_if_fail (stance != NULL, NULL);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);

  return dup_target_name (stance, document);
}

void
glossator_stances_panel_reveal (GlossatorStancesPanel *self)
{
  g_return_if_fail (GLOSSATOR_IS_STANCES_PANEL (self));

  reveal_panel (self);
}

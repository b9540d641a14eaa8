/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-corpus-sidebar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <string.h>

#include "glossator-corpus-sidebar.h"

struct _GlossatorCorpusSidebar
{
  GtkWidget            parent_instance;

  GtkSearchEntry      *filter_entry;
  GtkStack            *list_stack;
  GtkListView         *list_view;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;

  GListModel          *items;
  GtkCustomFilter     *filter;
  GtkFilterListModel  *filtered;
  GtkSingleSelection  *selection;
  GlossatorCorpusItem *current;
  char                *needle;
  char                *progress_text;
  gboolean             updating_selection;
};

G_DEFINE_FINAL_TYPE (GlossatorCorpusSidebar, glossator_corpus_sidebar, GTK_TYPE_WIDGET)

enum {
  ITEM_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Rows */

typedef struct {
  GtkWidget           *box;
  GtkImage            *status_icon;
  GtkLabel            *title;
  GtkLabel            *location;
  GtkLabel            *count;
  GlossatorCorpusItem *item;
  gulong               notify_id;
} Row;

/* The handler goes away by itself when the row's widget does. */
static void
row_disconnect (Row *row)
{
  if (row->item != NULL && row->notify_id != 0 && g_signal_handler_is_connected (row->item, row->notify_id))
    g_signal_handler_disconnect (row->item, row->notify_id);
  row->notify_id = 0;
  g_clear_object (&row->item);
}

static void
row_free (Row *row)
{
  row_disconnect (row);
  g_free (row);
}

static const char *
status_description (GlossatorCorpusItem *item)
{
  if (glossator_corpus_item_get_problem (item) != NULL)
    return _("Annotations cannot be read");
  if (!glossator_corpus_item_get_known (item))
    return _("Not checked yet");

  switch (glossator_corpus_item_get_status (item))
    {
    case GLOSSATOR_STATUS_DONE:
      return _("Done");
    case GLOSSATOR_STATUS_IN_PROGRESS:
      return _("In progress");
    case GLOSSATOR_STATUS_TODO:
    default:
      return _("To do");
    }
}

static void
row_update (Row *row)
{
  GlossatorCorpusItem *item = row->item;
  const char *problem = glossator_corpus_item_get_problem (item);
  guint n = glossator_corpus_item_get_n_mentions (item);
  g_autofree char *count = NULL;
  g_autofree char *count_tooltip = NULL;
  g_autofree char *label = NULL;
  const char *icon;

  gtk_widget_remove_css_class (GTK_WIDGET (row->status_icon), "warning");
  gtk_widget_remove_css_class (GTK_WIDGET (row->status_icon), "success");
  gtk_widget_remove_css_class (GTK_WIDGET (row->status_icon), "dim-label");
  gtk_widget_remove_css_class (GTK_WIDGET (row->status_icon), "accent");

  if (problem != NULL)
    {
      icon = "dialog-warning-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (row->status_icon), "warning");
    }
  else if (!glossator_corpus_item_get_known (item))
    {
      icon = "content-loading-symbolic";
      gtk_widget_add_css_class (GTK_WIDGET (row->status_icon), "dim-label");
    }
  else
    switch (glossator_corpus_item_get_status (item))
      {
      case GLOSSATOR_STATUS_DONE:
        icon = "object-select-symbolic";
        gtk_widget_add_css_class (GTK_WIDGET (row->status_icon), "success");
        break;
      case GLOSSATOR_STATUS_IN_PROGRESS:
        icon = "document-edit-symbolic";
        gtk_widget_add_css_class (GTK_WIDGET (row->status_icon), "accent");
        break;
      case GLOSSATOR_STATUS_TODO:
      default:
        icon = "radio-symbolic";
        gtk_widget_add_css_class (GTK_WIDGET (row->status_icon), "dim-label");
        break;
      }

  gtk_image_set_from_icon_name (row->status_icon, icon);

  gtk_label_set_text (row->title, glossator_corpus_item_get_title (item));
  gtk_label_set_text (row->location, glossator_corpus_item_get_location (item));

  count = g_strdup_printf ("%u", n);
  count_tooltip = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", n), n);
  gtk_label_set_text (row->count, count);
  gtk_widget_set_visible (GTK_WIDGET (row->count),
                          glossator_corpus_item_get_known (item) && problem == NULL);

  label = g_strdup_printf ("%s, %s, %s", glossator_corpus_item_get_title (item),
                           status_description (item), count_tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);
}

/* Tooltips are computed when asked for: setting them on every update makes
 * GTK 4.8 re-run its tooltip query, which can remove a timeout twice. */
static gboolean
row_query_tooltip_cb (GtkWidget  *box,
                      int         x,
                      int         y,
                      gboolean    keyboard,
                      GtkTooltip *tooltip,
                      Row        *row)
{
  GlossatorCorpusItem *item = row->item;
  GtkWidget *target = keyboard ? NULL : gtk_widget_pick (box, x, y, GTK_PICK_DEFAULT);
  g_autofree char *text = NULL;

  if (item == NULL)
    return FALSE;

  if (target != NULL && (target == GTK_WIDGET (row->status_icon) ||
                         gtk_widget_is_ancestor (target, GTK_WIDGET (row->status_icon))))
    {
      const char *problem = glossator_corpus_item_get_problem (item);

      if (problem != NULL)
        text = g_strdup_printf ("%s: %s", status_description (item), problem);
      else
        text = g_strdup (status_description (item));
    }
  else if (target != NULL && (target == GTK_WIDGET (row->count) ||
                              gtk_widget_is_ancestor (target, GTK_WIDGET (row->count))))
    {
      guint n = glossator_corpus_item_get_n_mentions (item);

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", n), n);
    }
  else
    text = g_strdup (glossator_corpus_item_get_title (item));

  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
row_notify_cb (GtkWidget *box)
{
  row_update (g_object_get_data (G_OBJECT (box), "row"));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  Row *row = g_new0 (Row, 1);
  GtkWidget *labels;

  row->box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_add_css_class (row->box, "corpus-row");
  gtk_widget_set_has_tooltip (row->box, TRUE);
  g_signal_connect (row->box, "query-tooltip", G_CALLBACK (row_query_tooltip_cb), row);

  row->status_icon = GTK_IMAGE (gtk_image_new ());
  gtk_widget_set_valign (GTK_WIDGET (row->status_icon), GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->status_icon));

  labels = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_hexpand (labels, TRUE);
  row->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->title, 0);
  gtk_label_set_ellipsize (row->title, PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (row->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->title), "corpus-row-title");
  row->location = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->location, 0);
  gtk_label_set_ellipsize (row->location, PANGO_ELLIPSIZE_MIDDLE);
  gtk_label_set_single_line_mode (row->location, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (row->location), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (row->location), "dim-label");
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->title));
  gtk_box_append (GTK_BOX (labels), GTK_WIDGET (row->location));
  gtk_box_append (GTK_BOX (row->box), labels);

  row->count = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_set_valign (GTK_WIDGET (row->count), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "count-badge");
  gtk_widget_add_css_class (GTK_WIDGET (row->count), "numeric");
  gtk_box_append (GTK_BOX (row->box), GTK_WIDGET (row->count));

  gtk_list_item_set_child (list_item, row->box);
  g_object_set_data (G_OBJECT (row->box), "row", row);
  g_object_set_data_full (G_OBJECT (list_item), "row", row, (GDestroyNotify) row_free);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "row");

  g_assert (row != NULL);
  row->item = g_object_ref (gtk_list_item_get_item (list_item));
  /* Tied to the row's widget, so it can never outlive it. */
  row->notify_id = g_signal_connect_object (row->item, "notify", G_CALLBACK (row_notify_cb),
                                            row->box, G_CONNECT_SWAPPED);
  row_update (row);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *list_item,
               gpointer                  user_data)
{
  Row *row = g_object_get_data (G_OBJECT (list_item), "row");

  row_disconnect (row);
}

/* Filtering */

static gboolean
contains_casefolded (const char *haystack,
                     const char *needle)
{
  g_autofree char *folded = g_utf8_casefold (haystack, -1);

  return strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer object,
             gpointer user_data)
{
  GlossatorCorpusSidebar *self = user_data;
  GlossatorCorpusItem *item = object;

  if (self->needle == NULL)
    return TRUE;

  return contains_casefolded (glossator_corpus_item_get_title (item), self->needle) ||
         contains_casefolded (glossator_corpus_item_get_location (item), self->needle);
}

static void
update_selection (GlossatorCorpusSidebar *self)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < n && self->current != NULL; i++)
    {
      g_autoptr(GlossatorCorpusItem) item = g_list_model_get_item (model, i);

      if (item == self->current)
        {
          position = i;
          break;
        }
    }

  self->updating_selection = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->updating_selection = FALSE;

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", position);
}

static void
filter_changed_cb (GlossatorCorpusSidebar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->filter_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->needle, g_free);
  if (*stripped != '\0')
    self->needle = g_utf8_casefold (stripped, -1);

  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_selection (self);
}

static void
filter_activate_cb (GlossatorCorpusSidebar *self)
{
  g_autoptr(GlossatorCorpusItem) first = g_list_model_get_item (G_LIST_MODEL (self->filtered), 0);

  if (first != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, first);
}

static void
filter_stop_cb (GlossatorCorpusSidebar *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
}

static void
filtered_items_changed_cb (GlossatorCorpusSidebar *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->list_stack,
                                    empty && self->needle != NULL ? "no-match" : "list");
}

/* Progress */

static void
update_progress (GlossatorCorpusSidebar *self)
{
  guint n = self->items != NULL ? g_list_model_get_n_items (self->items) : 0;
  guint done = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossatorCorpusItem) item = g_list_model_get_item (self->items, i);

      if (glossator_corpus_item_get_status (item) == GLOSSATOR_STATUS_DONE)
        done++;
    }

  g_free (self->progress_text);
  /* Translators: progress of the corpus, "2 of 15 done" */
  self->progress_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u done", "%u of %u done", n),
                                         done, n);
  gtk_label_set_text (self->progress_label, self->progress_text);
  gtk_progress_bar_set_fraction (self->progress_bar, n > 0 ? (double) done / n : 0.0);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->progress_bar),
                                  GTK_ACCESSIBLE_PROPERTY_VALUE_TEXT, self->progress_text,
                                  -1);
}

static void
item_title_changed_cb (GlossatorCorpusSidebar *self)
{
  if (self->needle != NULL)
    {
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
      update_selection (self);
    }
}

static void
watch_items (GlossatorCorpusSidebar *self,
             guint                   position,
             guint                   added)
{
  for (guint i = position; i < position + added; i++)
    {
      g_autoptr(GlossatorCorpusItem) item = g_list_model_get_item (self->items, i);

      g_signal_connect_object (item, "notify::status", G_CALLBACK (update_progress),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (item, "notify::title", G_CALLBACK (item_title_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }
}

static void
items_changed_cb (GListModel             *model,
                  guint                   position,
                  guint                   removed,
                  guint                   added,
                  GlossatorCorpusSidebar *self)
{
  watch_items (self, position, added);
  update_progress (self);
}

/* Choosing */

static void
selection_changed_cb (GlossatorCorpusSidebar *self)
{
  GlossatorCorpusItem *item;

  if (self->updating_selection)
    return;

  item = gtk_single_selection_get_selected_item (self->selection);
  if (item != NULL && item != self->current)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
list_activate_cb (GlossatorCorpusSidebar *self,
                  guint                   position)
{
  g_autoptr(GlossatorCorpusItem) item = g_list_model_get_item (G_LIST_MODEL (self->filtered), position);

  if (item != NULL)
    g_signal_emit (self, signals[ITEM_ACTIVATED], 0, item);
}

static void
glossator_corpus_sidebar_dispose (GObject *object)
{
  GlossatorCorpusSidebar *self = GLOSSATOR_CORPUS_SIDEBAR (object);
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_CORPUS_SIDEBAR);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_clear_object (&self->items);
  g_clear_object (&self->selection);
  g_clear_object (&self->current);

  G_OBJECT_CLASS (glossator_corpus_sidebar_parent_class)->dispose (object);
}

static void
glossator_corpus_sidebar_finalize (GObject *object)
{
  GlossatorCorpusSidebar *self = GLOSSATOR_CORPUS_SIDEBAR (object);

  g_free (self->needle);
  g_free (self->progress_text);

  G_OBJECT_CLASS (glossator_corpus_sidebar_parent_class)->finalize (object);
}

static void
glossator_corpus_sidebar_class_init (GlossatorCorpusSidebarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_corpus_sidebar_dispose;
  object_class->finalize = glossator_corpus_sidebar_finalize;

  signals[ITEM_ACTIVATED] =
    g_signal_new ("item-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GLOSSATOR_TYPE_CORPUS_ITEM);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossator/Glossator/glossator-corpus-sidebar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorCorpusSidebar, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCorpusSidebar, list_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCorpusSidebar, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCorpusSidebar, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCorpusSidebar, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_set_css_name (widget_class, "corpussidebar");
}

static void
glossator_corpus_sidebar_init (GlossatorCorpusSidebar *self)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  g_signal_connect_object (self->filtered, "items-changed",
                           G_CALLBACK (filtered_items_changed_cb), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_progress (self);
}

GtkWidget *
glossator_corpus_sidebar_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_CORPUS_SIDEBAR, NULL);
}

void
glossator_corpus_sidebar_set_model (GlossatorCorpusSidebar *self,
                                    GListModel             *items)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (items == NULL || G_IS_LIST_MODEL (items));

  if (self->items == items)
    return;

  if (self->items != NULL)
    g_signal_handlers_disconnect_by_data (self->items, self);
  g_set_object (&self->items, items);
  g_clear_object (&self->current);
  if (items != NULL)
    {
      g_signal_connect (items, "items-changed", G_CALLBACK (items_changed_cb), self);
      watch_items (self, 0, g_list_model_get_n_items (items));
    }

  self->updating_selection = TRUE;
  gtk_filter_list_model_set_model (self->filtered, items);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->updating_selection = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), "");
  update_progress (self);
}

GlossatorCorpusItem *
glossator_corpus_sidebar_get_current (GlossatorCorpusSidebar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self), NULL);

  return self->current;
}

void
glossator_corpus_sidebar_set_current (GlossatorCorpusSidebar *self,
                                      GlossatorCorpusItem    *item)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self));
  g_return_if_fail (item == NULL || GLOSSATOR_IS_CORPUS_ITEM (item));

  g_set_object (&self->current, item);
  update_selection (self);
}

GlossatorCorpusItem *
glossator_corpus_sidebar_get_adjacent (GlossatorCorpusSidebar *self,
                                       int                     delta)
{
  GListModel *model;
  guint n;
  gint64 position = -1;
  gint64 target;
  GlossatorCorpusItem *item;

  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self), NULL);

  model = G_LIST_MODEL (self->filtered);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return NULL;

  for (guint i = 0; i < n && self->current != NULL; i++)
    {
      g_autoptr(GlossatorCorpusItem) candidate = g_list_model_get_item (model, i);

      if (candidate == self->current)
        {
          position = i;
          break;
        }
    }

  /* The current article is filtered out: start from the end delta points to. */
  if (position < 0)
    target = delta > 0 ? 0 : (gint64) n - 1;
  else
    target = position + delta;
  if (target < 0 || target >= n)
    return NULL;

  /* The model keeps the item alive. */
  item = g_list_model_get_item (model, target);
  g_object_unref (item);
  return item;
}

GListModel *
glossator_corpus_sidebar_get_visible_items (GlossatorCorpusSidebar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

const char *
glossator_corpus_sidebar_get_progress_text (GlossatorCorpusSidebar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self), NULL);

  return self->progress_text;
}

void
glossator_corpus_sidebar_focus_filter (GlossatorCorpusSidebar *self)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->filter_entry));
}

void
glossator_corpus_sidebar_set_filter_text (GlossatorCorpusSidebar *self,
                                          const char             *text)
{
  g_return_if_fail (GLOSSATOR_IS_CORPUS_SIDEBAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text != NULL ? text : "");
  /* Now, not after the search entry's delay. */
  filter_changed_cb (self);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-typeahead"

#include "config.h"

#include "glossator-candidate-row.h"
#include "glossator-typeahead.h"

struct _GlossatorTypeahead {
  GtkWidget                     parent_instance;

  GtkEntry                     *entry;
  GtkRevealer                  *revealer;
  GtkScrolledWindow            *scroller;
  GtkListBox                   *list;

  GlossatorTypeaheadSearchFunc  search_func;
  gpointer                      search_data;
  GDestroyNotify                search_destroy;

  GlossatorCandidateKind        choice_kind;
  char                         *choice_value;
  gboolean                      setting_text;
};

G_DEFINE_FINAL_TYPE (GlossatorTypeahead, glossator_typeahead, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MAX_LIST_HEIGHT,
  N_PROPS
};

enum {
  CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* A chosen name shows from its start: at its end, a long one shows as a
 * scrolled fragment ("Iorth Korea military cooperation"). */
static void
set_entry_text (GlossatorTypeahead *self,
                const char         *text)
{
  self->setting_text = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), 0);
  self->setting_text = FALSE;
}

static void
clear_choice (GlossatorTypeahead *self)
{
  self->choice_kind = GLOSSATOR_CANDIDATE_NONE;
  g_clear_pointer (&self->choice_value, g_free);
}

static void
scroll_to_row (GlossatorTypeahead *self,
               GtkListBoxRow      *row)
{
  GtkAdjustment *adjustment;
  double x, y;

  if (!gtk_widget_translate_coordinates (GTK_WIDGET (row), GTK_WIDGET (self->list), 0, 0, &x, &y))
    return;
  adjustment = gtk_scrolled_window_get_vadjustment (self->scroller);
  gtk_adjustment_clamp_page (adjustment, y, y + gtk_widget_get_height (GTK_WIDGET (row)));
}

static void
refresh (GlossatorTypeahead *self)
{
  g_autoptr(GPtrArray) candidates = NULL;
  GtkListBoxRow *select = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  if (self->search_func == NULL)
    return;

  /* The text of an accepted choice shows every candidate again. */
  candidates = self->search_func (self,
                                  self->choice_kind != GLOSSATOR_CANDIDATE_NONE
                                    ? "" : gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                  self->search_data);
  for (guint i = 0; i < candidates->len; i++)
    {
      GlossatorCandidate *candidate = g_steal_pointer (&candidates->pdata[i]);
      GtkWidget *row = glossator_candidate_row_new (candidate);

      gtk_list_box_append (self->list, row);
      if (select == NULL && self->choice_kind != GLOSSATOR_CANDIDATE_NONE &&
          candidate->kind == self->choice_kind && g_strcmp0 (candidate->value, self->choice_value) == 0)
        select = GTK_LIST_BOX_ROW (row);
    }
  if (select == NULL)
    select = gtk_list_box_get_row_at_index (self->list, 0);
  gtk_list_box_select_row (self->list, select);
}

static gboolean
accept_row (GlossatorTypeahead *self,
            GtkListBoxRow      *row)
{
  const GlossatorCandidate *candidate;

  if (row == NULL)
    return FALSE;
  candidate = glossator_candidate_row_get_candidate (GLOSSATOR_CANDIDATE_ROW (row));
  glossator_typeahead_choose (self, candidate->kind, candidate->value, candidate->name);
  return TRUE;
}

static void
entry_changed_cb (GlossatorTypeahead *self)
{
  if (self->setting_text)
    return;
  clear_choice (self);
  refresh (self);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
row_activated_cb (GlossatorTypeahead *self,
                  GtkListBoxRow      *row)
{
  accept_row (self, row);
}

static void
focus_leave_cb (GlossatorTypeahead *self)
{
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

static gboolean
key_pressed_cb (GlossatorTypeahead    *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return glossator_typeahead_handle_key (self, keyval, state);
}

GtkWidget *
glossator_typeahead_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_TYPEAHEAD, NULL);
}

void
glossator_typeahead_set_search_func (GlossatorTypeahead           *self,
                                     GlossatorTypeaheadSearchFunc  func,
                                     gpointer                      user_data,
                                     GDestroyNotify                destroy)
{
  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  if (self->search_destroy != NULL)
    self->search_destroy (self->search_data);
  self->search_func = func;
  self->search_data = user_data;
  self->search_destroy = destroy;
}

GtkEntry *
glossator_typeahead_get_entry (GlossatorTypeahead *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), NULL);

  return self->entry;
}

GlossatorCandidateKind
glossator_typeahead_get_choice_kind (GlossatorTypeahead *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), GLOSSATOR_CANDIDATE_NONE);

  return self->choice_kind;
}

const char *
glossator_typeahead_get_choice_value (GlossatorTypeahead *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), NULL);

  return self->choice_value;
}

void
glossator_typeahead_choose (GlossatorTypeahead     *self,
                            GlossatorCandidateKind  kind,
                            const char             *value,
                            const char             *name)
{
  char *copy = g_strdup (value);

  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));
  g_return_if_fail (name != NULL);

  g_free (self->choice_value);
  self->choice_kind = kind;
  self->choice_value = copy;
  set_entry_text (self, name);
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
  g_signal_emit (self, signals[CHOSEN], 0);
}

void
glossator_typeahead_clear (GlossatorTypeahead *self)
{
  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  clear_choice (self);
  set_entry_text (self, "");
  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

void
glossator_typeahead_popup (GlossatorTypeahead *self)
{
  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  refresh (self);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

void
glossator_typeahead_popdown (GlossatorTypeahead *self)
{
  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
glossator_typeahead_get_popped_up (GlossatorTypeahead *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

void
glossator_typeahead_move (GlossatorTypeahead *self,
                          int                 delta)
{
  GtkListBoxRow *row;
  int n = 0, now, next;

  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  while (gtk_list_box_get_row_at_index (self->list, n) != NULL)
    n++;
  if (n == 0)
    return;
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
  row = gtk_list_box_get_selected_row (self->list);
  now = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  next = CLAMP (now + delta, 0, n - 1);
  row = gtk_list_box_get_row_at_index (self->list, next);
  gtk_list_box_select_row (self->list, row);
  scroll_to_row (self, row);
}

gboolean
glossator_typeahead_activate (GlossatorTypeahead *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), FALSE);

  row = gtk_list_box_get_selected_row (self->list);
  if (self->choice_kind == GLOSSATOR_CANDIDATE_NONE)
    return accept_row (self, row != NULL ? row : gtk_list_box_get_row_at_index (self->list, 0));
  if (row != NULL && gtk_revealer_get_reveal_child (self->revealer))
    accept_row (self, row);
  return TRUE;
}

void
glossator_typeahead_resolve (GlossatorTypeahead *self)
{
  g_autofree char *text = NULL;
  GtkListBoxRow *row;

  g_return_if_fail (GLOSSATOR_IS_TYPEAHEAD (self));

  if (self->choice_kind != GLOSSATOR_CANDIDATE_NONE)
    return;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (*text == '\0')
    return;
  refresh (self);
  row = gtk_list_box_get_selected_row (self->list);
  accept_row (self, row != NULL ? row : gtk_list_box_get_row_at_index (self->list, 0));
}

gboolean
glossator_typeahead_handle_key (GlossatorTypeahead *self,
                                guint               keyval,
                                GdkModifierType     state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);

  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), FALSE);

  if (mods != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      glossator_typeahead_move (self, -1);
      return TRUE;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      glossator_typeahead_move (self, 1);
      return TRUE;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!glossator_typeahead_activate (self))
        gtk_widget_error_bell (GTK_WIDGET (self));
      return TRUE;
    case GDK_KEY_Escape:
      if (!gtk_revealer_get_reveal_child (self->revealer))
        return FALSE;
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return TRUE;
    default:
      return FALSE;
    }
}

GStrv
glossator_typeahead_dup_rows (GlossatorTypeahead *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  GtkListBoxRow *row;

  g_return_val_if_fail (GLOSSATOR_IS_TYPEAHEAD (self), NULL);

  for (guint i = 0; (row = gtk_list_box_get_row_at_index (self->list, i)) != NULL; i++)
    g_strv_builder_add (builder, glossator_candidate_row_get_text (GLOSSATOR_CANDIDATE_ROW (row)));
  return g_strv_builder_end (builder);
}

static void
glossator_typeahead_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossatorTypeahead *self = GLOSSATOR_TYPEAHEAD (object);

  switch (prop_id)
    {
    case PROP_MAX_LIST_HEIGHT:
      g_value_set_int (value, gtk_scrolled_window_get_max_content_height (self->scroller));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_typeahead_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossatorTypeahead *self = GLOSSATOR_TYPEAHEAD (object);

  switch (prop_id)
    {
    case PROP_MAX_LIST_HEIGHT:
      if (gtk_scrolled_window_get_max_content_height (self->scroller) != g_value_get_int (value))
        {
          gtk_scrolled_window_set_max_content_height (self->scroller, g_value_get_int (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_typeahead_dispose (GObject *object)
{
  GlossatorTypeahead *self = GLOSSATOR_TYPEAHEAD (object);

  glossator_typeahead_set_search_func (self, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_TYPEAHEAD);

  G_OBJECT_CLASS (glossator_typeahead_parent_class)->dispose (object);
}

static void
glossator_typeahead_finalize (GObject *object)
{
  GlossatorTypeahead *self = GLOSSATOR_TYPEAHEAD (object);

  clear_choice (self);

  G_OBJECT_CLASS (glossator_typeahead_parent_class)->finalize (object);
}

static void
glossator_typeahead_class_init (GlossatorTypeaheadClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = glossator_typeahead_get_property;
  object_class->set_property = glossator_typeahead_set_property;
  object_class->dispose = glossator_typeahead_dispose;
  object_class->finalize = glossator_typeahead_finalize;

  /* How tall the open list grows before it scrolls, in pixels. */
  properties[PROP_MAX_LIST_HEIGHT] =
    g_param_spec_int ("max-list-height", NULL, NULL, -1, G_MAXINT, 220,
                      G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-typeahead.ui");
  /* Internal children: a .ui file using the typeahead names and labels them. */
  gtk_widget_class_bind_template_child_full (widget_class, "entry", TRUE,
                                             G_STRUCT_OFFSET (GlossatorTypeahead, entry));
  gtk_widget_class_bind_template_child_full (widget_class, "list", TRUE,
                                             G_STRUCT_OFFSET (GlossatorTypeahead, list));
  gtk_widget_class_bind_template_child (widget_class, GlossatorTypeahead, revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossatorTypeahead, scroller);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_set_css_name (widget_class, "typeahead");
}

static void
glossator_typeahead_init (GlossatorTypeahead *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  /* Before the entry's own keys: Enter accepts rather than activates. */
  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

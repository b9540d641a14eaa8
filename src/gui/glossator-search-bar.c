/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-search-bar"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-search-bar.h"

struct _GlossatorSearchBar {
  GtkWidget        parent_instance;

  GtkSearchBar    *search_bar;
  GtkSearchEntry  *search_entry;
  GtkLabel        *search_count_label;
  GtkButton       *search_previous_button;
  GtkButton       *search_next_button;

  guint            n_matches;
  /* The query changed, and the entry has not asked for a search yet. */
  gboolean         search_pending;
  gboolean         whole_word;
  gboolean         match_case;
};

G_DEFINE_FINAL_TYPE (GlossatorSearchBar, glossator_search_bar, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SEARCH_MODE_ENABLED,
  PROP_WHOLE_WORD,
  PROP_MATCH_CASE,
  N_PROPS
};

enum {
  SEARCH_CHANGED,
  NEXT_MATCH,
  PREVIOUS_MATCH,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
search_changed_cb (GlossatorSearchBar *self)
{
  self->search_pending = FALSE;
  g_signal_emit (self, signals[SEARCH_CHANGED], 0);
}

static void
text_changed_cb (GlossatorSearchBar *self)
{
  self->search_pending = TRUE;
}

/* The entry asks for a search a moment after the last keystroke: an Enter
 * typed before then searches at once, showing the first match of what was
 * typed rather than stepping past it (or doing nothing). */
static gboolean
search_now (GlossatorSearchBar *self)
{
  if (!self->search_pending)
    return FALSE;
  search_changed_cb (self);
  return TRUE;
}

/* Escape right after typing: the match of what was typed is what the
 * search leaves selected. Runs before the search bar closes. */
static void
stop_search_cb (GlossatorSearchBar *self)
{
  search_now (self);
}

static void
search_next_cb (GlossatorSearchBar *self)
{
  if (!search_now (self))
    g_signal_emit (self, signals[NEXT_MATCH], 0);
}

static void
search_previous_cb (GlossatorSearchBar *self)
{
  if (!search_now (self))
    g_signal_emit (self, signals[PREVIOUS_MATCH], 0);
}

/* Shift+Enter with any other modifiers too, which no shortcut trigger
 * says; without matches the entry gets the key. */
static gboolean
entry_key_pressed_cb (GlossatorSearchBar    *self,
                      guint                  keyval,
                      guint                  keycode,
                      GdkModifierType        state,
                      GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) != 0 && (self->n_matches > 0 || self->search_pending))
    {
      search_previous_cb (self);
      return TRUE;
    }
  return FALSE;
}

static void
search_mode_cb (GlossatorSearchBar *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEARCH_MODE_ENABLED]);
}

static gboolean
glossator_search_bar_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (GLOSSATOR_SEARCH_BAR (widget)->search_entry));
}

static void
glossator_search_bar_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), GLOSSATOR_TYPE_SEARCH_BAR);

  G_OBJECT_CLASS (glossator_search_bar_parent_class)->dispose (object);
}

static void
glossator_search_bar_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossatorSearchBar *self = GLOSSATOR_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      g_value_set_boolean (value, glossator_search_bar_get_search_mode (self));
      break;
    case PROP_WHOLE_WORD:
      g_value_set_boolean (value, self->whole_word);
      break;
    case PROP_MATCH_CASE:
      g_value_set_boolean (value, self->match_case);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_search_bar_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossatorSearchBar *self = GLOSSATOR_SEARCH_BAR (object);

  switch (prop_id)
    {
    case PROP_SEARCH_MODE_ENABLED:
      glossator_search_bar_set_search_mode (self, g_value_get_boolean (value));
      break;
    case PROP_WHOLE_WORD:
      glossator_search_bar_set_whole_word (self, g_value_get_boolean (value));
      break;
    case PROP_MATCH_CASE:
      glossator_search_bar_set_match_case (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_search_bar_class_init (GlossatorSearchBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_search_bar_dispose;
  object_class->get_property = glossator_search_bar_get_property;
  object_class->set_property = glossator_search_bar_set_property;

  widget_class->grab_focus = glossator_search_bar_grab_focus;

  properties[PROP_SEARCH_MODE_ENABLED] =
    g_param_spec_boolean ("search-mode-enabled", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_WHOLE_WORD] =
    g_param_spec_boolean ("whole-word", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MATCH_CASE] =
    g_param_spec_boolean ("match-case", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* The query or an option changed: search again. */
  signals[SEARCH_CHANGED] =
    g_signal_new ("search-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[NEXT_MATCH] =
    g_signal_new ("next-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PREVIOUS_MATCH] =
    g_signal_new ("previous-match", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-search-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorSearchBar, search_bar);
  gtk_widget_class_bind_template_child (widget_class, GlossatorSearchBar, search_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorSearchBar, search_count_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorSearchBar, search_previous_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorSearchBar, search_next_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);

  /* The toggles show icons, so Alt+W and Alt+M stand in for mnemonics. */
  gtk_widget_class_install_property_action (widget_class, "search.whole-word", "whole-word");
  gtk_widget_class_install_property_action (widget_class, "search.match-case", "match-case");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_ALT_MASK, "search.whole-word", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_ALT_MASK, "search.match-case", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
glossator_search_bar_init (GlossatorSearchBar *self)
{
  GtkEventController *controller;
  GtkWidget *revealer;

  gtk_widget_init_template (GTK_WIDGET (self));

  controller = gtk_event_controller_key_new ();
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (entry_key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), controller);

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));
  /* Shown at once, not slid in: while its revealer opens, the entry is not
   * mapped yet, and GTK drops the keys typed into it meanwhile, which a
   * quick typist loses after Ctrl+F. A slide of no duration rather than no
   * transition: GTK 4.8's revealer keeps a hidden child's whole height
   * with none, an empty band over the text. (The revealer is GtkSearchBar's
   * only child.) */
  revealer = gtk_widget_get_first_child (GTK_WIDGET (self->search_bar));
  if (GTK_IS_REVEALER (revealer))
    {
      gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
      gtk_revealer_set_transition_duration (GTK_REVEALER (revealer), 0);
    }
  g_signal_connect_object (self->search_bar, "notify::search-mode-enabled",
                           G_CALLBACK (search_mode_cb), self, G_CONNECT_SWAPPED);
  glossator_search_bar_set_matches (self, 0, -1);
}

GtkWidget *
glossator_search_bar_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_SEARCH_BAR, NULL);
}

void
glossator_search_bar_begin (GlossatorSearchBar *self,
                            const char         *text)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  if (text != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  /* Selected before the entry gets the focus: a GtkText that gains the
   * focus without a selection starts blinking its cursor and does not
   * stop for a selection made afterwards ("unexpected blinking
   * selection"). The search bar focuses the entry when it opens. */
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
glossator_search_bar_search_now (GlossatorSearchBar *self)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  search_changed_cb (self);
}

gboolean
glossator_search_bar_get_search_mode (GlossatorSearchBar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SEARCH_BAR (self), FALSE);

  return gtk_search_bar_get_search_mode (self->search_bar);
}

void
glossator_search_bar_set_search_mode (GlossatorSearchBar *self,
                                      gboolean            search_mode)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  gtk_search_bar_set_search_mode (self->search_bar, search_mode);
}

const char *
glossator_search_bar_get_text (GlossatorSearchBar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SEARCH_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
}

void
glossator_search_bar_set_text (GlossatorSearchBar *self,
                               const char         *text)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

static void
set_option (GlossatorSearchBar *self,
            gboolean           *option,
            gboolean            value,
            GParamSpec         *pspec)
{
  value = !!value;
  if (value == *option)
    return;
  *option = value;
  g_object_notify_by_pspec (G_OBJECT (self), pspec);
  g_signal_emit (self, signals[SEARCH_CHANGED], 0);
}

gboolean
glossator_search_bar_get_whole_word (GlossatorSearchBar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SEARCH_BAR (self), FALSE);

  return self->whole_word;
}

void
glossator_search_bar_set_whole_word (GlossatorSearchBar *self,
                                     gboolean            whole_word)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  set_option (self, &self->whole_word, whole_word, properties[PROP_WHOLE_WORD]);
}

gboolean
glossator_search_bar_get_match_case (GlossatorSearchBar *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SEARCH_BAR (self), FALSE);

  return self->match_case;
}

void
glossator_search_bar_set_match_case (GlossatorSearchBar *self,
                                     gboolean            match_case)
{
  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  set_option (self, &self->match_case, match_case, properties[PROP_MATCH_CASE]);
}

GlossatorSearchFlags
glossator_search_bar_get_flags (GlossatorSearchBar *self)
{
  GlossatorSearchFlags flags = GLOSSATOR_SEARCH_DEFAULT;

  g_return_val_if_fail (GLOSSATOR_IS_SEARCH_BAR (self), flags);

  if (self->whole_word)
    flags |= GLOSSATOR_SEARCH_WHOLE_WORD;
  if (self->match_case)
    flags |= GLOSSATOR_SEARCH_MATCH_CASE;
  return flags;
}

void
glossator_search_bar_set_matches (GlossatorSearchBar *self,
                                  guint               n_matches,
                                  int                 current)
{
  g_autofree char *text = NULL;

  g_return_if_fail (GLOSSATOR_IS_SEARCH_BAR (self));

  self->n_matches = n_matches;
  if (glossator_search_bar_get_text (self)[0] == '\0')
    text = g_strdup ("");
  else if (n_matches == 0)
    text = g_strdup (_("No matches"));
  else if (current >= 0)
    /* Translators: the current search match and the number of matches */
    text = g_strdup_printf (_("%d of %u"), current + 1, n_matches);
  else
    text = g_strdup_printf (ngettext ("%u match", "%u matches", n_matches), n_matches);
  gtk_label_set_text (self->search_count_label, text);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_next_button), n_matches > 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->search_previous_button), n_matches > 0);
}

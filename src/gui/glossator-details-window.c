/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-details"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-details-window.h"

struct _GlossatorDetailsWindow
{
  AdwWindow    parent_instance;

  GtkTextView *view;
  GFile       *folder;
  char        *text;
};

G_DEFINE_FINAL_TYPE (GlossatorDetailsWindow, glossator_details_window, ADW_TYPE_WINDOW)

enum {
  OPEN_FOLDER,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
open_folder_clicked_cb (GlossatorDetailsWindow *self)
{
  g_autoptr(GFile) folder = g_object_ref (self->folder);

  gtk_window_destroy (GTK_WINDOW (self));
  g_signal_emit (self, signals[OPEN_FOLDER], 0, folder);
}

static void
glossator_details_window_finalize (GObject *object)
{
  GlossatorDetailsWindow *self = GLOSSATOR_DETAILS_WINDOW (object);

  g_clear_object (&self->folder);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (glossator_details_window_parent_class)->finalize (object);
}

static void
glossator_details_window_class_init (GlossatorDetailsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glossator_details_window_finalize;

  /**
   * GlossatorDetailsWindow::open-folder:
   * @folder: the folder to open
   */
  signals[OPEN_FOLDER] = g_signal_new ("open-folder", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                       NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_FILE);

  /* A window that only shows something closes as a dialog does. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
glossator_details_window_init (GlossatorDetailsWindow *self)
{
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_window_set_default_size (GTK_WINDOW (self), 640, 420);
}

GtkWidget *
glossator_details_window_new (const char *title,
                              const char *details,
                              GFile      *folder)
{
  GlossatorDetailsWindow *self;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkTextView *view;

  g_return_val_if_fail (title != NULL && details != NULL, NULL);
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  self = g_object_new (GLOSSATOR_TYPE_DETAILS_WINDOW, "title", title, NULL);
  self->text = g_strdup (details);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title, NULL));
  if (folder != NULL)
    {
      GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open Folder"));

      self->folder = g_object_ref (folder);
      gtk_widget_add_css_class (open, "suggested-action");
      g_signal_connect_swapped (open, "clicked", G_CALLBACK (open_folder_clicked_cb), self);
      adw_header_bar_pack_start (ADW_HEADER_BAR (header), open);
    }

  view = self->view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), details, -1);
  gtk_text_view_set_editable (view, FALSE);
  gtk_text_view_set_monospace (view, TRUE);
  gtk_text_view_set_wrap_mode (view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (view, 12);
  gtk_text_view_set_right_margin (view, 12);
  gtk_text_view_set_top_margin (view, 12);
  gtk_text_view_set_bottom_margin (view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Details"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (view));
  gtk_widget_set_vexpand (scroller, TRUE);

  gtk_box_append (GTK_BOX (box), header);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (ADW_WINDOW (self), box);

  return GTK_WIDGET (self);
}

const char *
glossator_details_window_get_text (GlossatorDetailsWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DETAILS_WINDOW (self), NULL);

  return self->text;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-window"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-article-view.h"
#include "glossator-dataset-util.h"
#include "glossator-details-window.h"
#include "glossator-export-dialog.h"
#include "glossator-import-dialog.h"
#include "glossator-compare-panel.h"
#include "glossator-statistics-window.h"
#include "glossator-window-private.h"

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     GlossatorWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) roots = g_ptr_array_new_with_free_func (g_object_unref);
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (roots, g_list_model_get_item (files, i));
      if (roots->len > 0)
        glossator_window_open_files (self, (GFile **) roots->pdata, roots->len);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
open_chooser (GlossatorWindow      *self,
              GtkFileChooserAction  action)
{
  GtkFileChooserNative *chooser;
  g_autofree char *last = g_settings_get_string (self->settings, "last-corpus");

  if (action == GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER)
    chooser = gtk_file_chooser_native_new (_("Open a Folder of Articles"), GTK_WINDOW (self), action,
                                           _("_Open"), _("_Cancel"));
  else
    {
      g_autoptr(GtkFileFilter) articles = gtk_file_filter_new ();
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      chooser = gtk_file_chooser_native_new (_("Open Articles"), GTK_WINDOW (self), action,
                                             _("_Open"), _("_Cancel"));
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);

      gtk_file_filter_set_name (articles, _("Articles"));
      gtk_file_filter_add_suffix (articles, "txt");
      gtk_file_filter_add_suffix (articles, "md");
      gtk_file_filter_add_suffix (articles, "markdown");
      gtk_file_filter_add_suffix (articles, "json");
      gtk_file_filter_add_suffix (articles, "html");
      gtk_file_filter_add_suffix (articles, "htm");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), articles);
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }

  if (*last != '\0')
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (last);

      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_file_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_chooser (GLOSSATOR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_OPEN);
}

static void
open_folder_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  open_chooser (GLOSSATOR_WINDOW (widget), GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER);
}

static void
open_recent_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _glossator_window_open_recent (GLOSSATOR_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);

  if (session == NULL)
    return;

  if (glossator_session_get_read_only (session))
    {
      g_autofree char *message = g_strdup_printf (_("Not saved: %s. The file was left untouched."),
                                                  glossator_session_get_read_only_reason (session));

      _glossator_window_toast (self, message);
      return;
    }

  _glossator_window_save (self);
}

/* The open article's document when it can be changed. */
static GlossatorDocument *
writable_document (GlossatorWindow *self)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);

  if (session == NULL || glossator_session_get_read_only (session))
    return NULL;
  return glossator_session_get_document (session);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  if (writable_document (self) != NULL)
    glossator_document_undo (writable_document (self));
}

static void
redo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  if (writable_document (self) != NULL)
    glossator_document_redo (writable_document (self));
}

static void
go_to_adjacent (GlossatorWindow *self,
                int              delta)
{
  GlossatorCorpusItem *item = glossator_corpus_sidebar_get_adjacent (self->sidebar, delta);

  if (item == NULL)
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }

  _glossator_window_request_item (self, item);
}

static void
next_document_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  go_to_adjacent (GLOSSATOR_WINDOW (widget), 1);
}

static void
previous_document_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  go_to_adjacent (GLOSSATOR_WINDOW (widget), -1);
}

static void
toggle_sidebar_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, !adw_flap_get_reveal_flap (self->flap));
}

/* The regions F6 cycles through, as in GNOME apps: the text, the side
 * panel, the corpus sidebar (when shown). */
enum {
  REGION_TEXT,
  REGION_PANEL,
  REGION_SIDEBAR,
  N_REGIONS
};

static GtkWidget *
region_widget (GlossatorWindow *self,
               int              region)
{
  switch (region)
    {
    case REGION_TEXT:
      return self->article_view;
    case REGION_PANEL:
      return gtk_widget_get_parent (GTK_WIDGET (self->side_stack));
    case REGION_SIDEBAR:
      return GTK_WIDGET (self->sidebar);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
focus_region (GlossatorWindow *self,
              int              region)
{
  GtkWidget *widget = region_widget (self, region);

  if (!gtk_widget_is_drawable (widget) ||
      (region == REGION_SIDEBAR && !adw_flap_get_reveal_flap (self->flap)))
    return FALSE;
  if (region == REGION_TEXT)
    return gtk_widget_grab_focus (widget);
  if (region == REGION_PANEL &&
      gtk_widget_child_focus (gtk_stack_get_visible_child (self->side_stack), GTK_DIR_TAB_FORWARD))
    return TRUE;
  return gtk_widget_child_focus (widget, GTK_DIR_TAB_FORWARD);
}

static void
focus_region_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));
  int step = g_str_equal (action_name, "win.focus-previous-region") ? N_REGIONS - 1 : 1;
  int current = REGION_SIDEBAR;

  for (int region = 0; region < N_REGIONS; region++)
    if (focus != NULL && gtk_widget_is_ancestor (focus, region_widget (self, region)))
      current = region;
  for (int i = 1; i < N_REGIONS; i++)
    if (focus_region (self, (current + i * step) % N_REGIONS))
      return;
}

/* Ctrl+1, Ctrl+2: a page of the side panel, focused. */
static void
show_panel_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  gtk_stack_set_visible_child_name (self->side_stack, g_variant_get_string (parameter, NULL));
  focus_region (self, REGION_PANEL);
}

static void
filter_documents_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  adw_flap_set_reveal_flap (self->flap, TRUE);
  glossator_corpus_sidebar_focus_filter (self->sidebar);
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  if (glossator_workspace_get_session (self->workspace) != NULL)
    glossator_article_view_begin_search (GLOSSATOR_ARTICLE_VIEW (self->article_view));
}

static void
reload_document_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _glossator_window_reload_article (GLOSSATOR_WINDOW (widget));
}

/* Export and import */

static void
details_open_folder_cb (GlossatorWindow *self,
                        GFile           *folder)
{
  glossator_window_open_files (self, &folder, 1);
}

/* The whole summary of an export or import, with every problem, in a
 * window of its own: it can be long, and it can be selected and copied. */
GtkWidget *
_glossator_window_show_details (GlossatorWindow *self,
                                const char      *message,
                                const char      *details,
                                GFile           *folder)
{
  GtkWidget *window = glossator_details_window_new (message, details, folder);

  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  g_signal_connect_object (window, "open-folder", G_CALLBACK (details_open_folder_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
show_details (GlossatorWindow *self,
              AdwToast        *toast)
{
  _glossator_window_show_details (self, adw_toast_get_title (toast),
                                  g_object_get_data (G_OBJECT (toast), "details"),
                                  g_object_get_data (G_OBJECT (toast), "folder"));
}

/* Its own summary: toasts wait in a queue, the last one may be another's. */
static void
details_clicked_cb (AdwToast        *toast,
                    GlossatorWindow *self)
{
  show_details (self, toast);
}

/* The last export's or import's toast, kept with its summary (and folder)
 * as the window's "glossator-details" data: Ctrl+Shift+E shows it in a
 * window of its own, also while the toast waits or after it is gone. */
static void
show_details_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);
  AdwToast *toast = g_object_get_data (G_OBJECT (self), "glossator-details");

  if (toast != NULL)
    show_details (self, toast);
}

/* A toast whose Details button shows the whole summary; @folder (nullable)
 * is offered to open. */
static void
toast_with_details (GlossatorWindow *self,
                    const char      *message,
                    const char      *details,
                    GFile           *folder)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 10);
  if (details != NULL)
    {
      adw_toast_set_button_label (toast, _("_Details"));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (details_clicked_cb), self, 0);
      g_object_set_data_full (G_OBJECT (toast), "details", g_strdup (details), g_free);
      if (folder != NULL)
        g_object_set_data_full (G_OBJECT (toast), "folder", g_object_ref (folder), g_object_unref);
      g_object_set_data_full (G_OBJECT (self), "glossator-details", g_object_ref (toast), g_object_unref);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-details", TRUE);
    }
  _glossator_window_add_toast (self, toast);
}

static void
export_finished_cb (GlossatorWindow *self,
                    const char      *message,
                    const char      *details)
{
  toast_with_details (self, message, details, NULL);
}

/* "Only these labels" offers the open article's labels, else those of
 * the corpus folder's schema (a small file), else the default ones. */
static void
export_offer_labels (GlossatorWindow       *self,
                     GlossatorExportDialog *dialog)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
  GFile *folder = glossator_workspace_get_corpus_folder (self->workspace);
  g_autoptr(GlossatorSchema) schema = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) labels = NULL;

  if (session != NULL)
    schema = g_object_ref (glossator_session_get_schema (session));
  else if (folder != NULL)
    schema = glossator_schema_load_for_folder (folder, folder, NULL, NULL);
  if (schema == NULL)
    schema = glossator_schema_new_default ();

  for (guint i = 0; i < glossator_schema_get_n_labels (schema); i++)
    g_strv_builder_add (builder, glossator_schema_get_label (schema, i)->name);
  labels = g_strv_builder_end (builder);
  glossator_export_dialog_set_labels (dialog, (const char * const *) labels);
}

/* Exports read the files: shown once the open article is saved. */
static void
show_export (GlossatorWindow *self)
{
  GPtrArray *roots = glossator_workspace_get_roots (self->workspace);
  GlossatorCorpusItem *item = glossator_workspace_get_current_item (self->workspace);
  GtkWidget *dialog;
  GFile *article = NULL;

  if (roots == NULL || roots->len == 0)
    return;

  if (item != NULL)
    article = glossator_corpus_item_get_file (item);
  dialog = glossator_export_dialog_new ((GFile **) roots->pdata, roots->len, article);
  export_offer_labels (self, GLOSSATOR_EXPORT_DIALOG (dialog));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (export_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
import_finished_cb (GlossatorWindow *self,
                    const char      *message,
                    const char      *details,
                    GFile           *folder,
                    guint            n_written)
{
  GPtrArray *roots = glossator_workspace_get_roots (self->workspace);
  gboolean in_corpus = roots != NULL && glossator_dataset_file_in_roots (folder, roots);

  /* New articles in the open corpus, or a first corpus: show them. */
  if (n_written > 0 && in_corpus)
    {
      g_autoptr(GPtrArray) again = g_ptr_array_ref (roots);

      /* Opening replaces the roots. */
      glossator_window_open_files (self, (GFile **) again->pdata, again->len);
    }
  else if (n_written > 0 && roots == NULL)
    glossator_window_open_files (self, &folder, 1);

  toast_with_details (self, message, details, n_written > 0 && roots != NULL && !in_corpus ? folder : NULL);
}

/* An import may write over the open article's sidecar: shown once it is
 * saved. */
static void
show_import (GlossatorWindow *self)
{
  GtkWidget *dialog;

  dialog = glossator_import_dialog_new (glossator_workspace_get_corpus_folder (self->workspace));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "finished", G_CALLBACK (import_finished_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
settled_for_export_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;

  if (glossator_workspace_settle_finish (GLOSSATOR_WORKSPACE (object), result, NULL))
    show_export (self);
}

static void
settled_for_import_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;

  if (glossator_workspace_settle_finish (GLOSSATOR_WORKSPACE (object), result, NULL))
    show_import (self);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  glossator_workspace_settle_async (self->workspace, NULL, settled_for_export_cb, g_object_ref (self));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  glossator_workspace_settle_async (self->workspace, NULL, settled_for_import_cb, g_object_ref (self));
}

/* The figures are read from the files: the open article is saved first. */
static void
settled_for_statistics_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  GFile *folder = glossator_workspace_get_corpus_folder (self->workspace);
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
  GtkWidget *window;

  if (!glossator_workspace_settle_finish (GLOSSATOR_WORKSPACE (object), result, NULL) || folder == NULL)
    return;
  /* One Statistics window: asked again, it counts again. */
  if (self->statistics != NULL &&
      glossator_statistics_window_shows (GLOSSATOR_STATISTICS_WINDOW (self->statistics), folder))
    {
      glossator_statistics_window_reload (GLOSSATOR_STATISTICS_WINDOW (self->statistics));
      gtk_window_present (GTK_WINDOW (self->statistics));
      return;
    }
  if (self->statistics != NULL)
    gtk_window_destroy (GTK_WINDOW (self->statistics));
  window = glossator_statistics_window_new (folder, session != NULL ? glossator_session_get_schema (session) : NULL);
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_destroy_with_parent (GTK_WINDOW (window), TRUE);
  g_set_weak_pointer (&self->statistics, window);
  gtk_window_present (GTK_WINDOW (window));
}

static void
statistics_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  glossator_workspace_settle_async (self->workspace, NULL, settled_for_statistics_cb, g_object_ref (self));
}

/* The copies are compared with the open corpus folder. */
static void
compare_with_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (widget);

  glossator_compare_panel_choose_copies (GLOSSATOR_COMPARE_PANEL (gtk_stack_get_child_by_name (self->side_stack,
                                                                                               "differences")),
                                         GTK_WINDOW (self));
}

void
_glossator_window_update_actions (GlossatorWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GlossatorDocument *writable = writable_document (self);
  gboolean open = glossator_workspace_get_session (self->workspace) != NULL;
  gboolean has_corpus = glossator_workspace_get_roots (self->workspace) != NULL;
  gboolean has_item = glossator_workspace_get_current_item (self->workspace) != NULL;
  gboolean several = g_list_model_get_n_items (glossator_workspace_get_items (self->workspace)) > 1;

  gtk_widget_action_set_enabled (widget, "win.save", open);
  gtk_widget_action_set_enabled (widget, "win.undo", writable != NULL && glossator_document_can_undo (writable));
  gtk_widget_action_set_enabled (widget, "win.redo", writable != NULL && glossator_document_can_redo (writable));
  gtk_widget_action_set_enabled (widget, "win.toggle-done", writable != NULL);
  gtk_widget_action_set_enabled (widget, "win.search", open);
  gtk_widget_action_set_enabled (widget, "win.next-document", several);
  gtk_widget_action_set_enabled (widget, "win.previous-document", several);
  gtk_widget_action_set_enabled (widget, "win.filter-documents", has_corpus);
  gtk_widget_action_set_enabled (widget, "win.reload-document", has_item);
  gtk_widget_action_set_enabled (widget, "win.export", has_corpus);
  gtk_widget_action_set_enabled (widget, "win.show-details",
                                 g_object_get_data (G_OBJECT (self), "glossator-details") != NULL);
  gtk_widget_action_set_enabled (widget, "win.statistics",
                                 glossator_workspace_get_corpus_folder (self->workspace) != NULL);
  gtk_widget_action_set_enabled (widget, "win.compare-with",
                                 glossator_workspace_get_corpus_folder (self->workspace) != NULL);

  /* The welcome page has no use for the article's buttons or the sidebar. */
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar_button), has_corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->sidebar), has_corpus);
  gtk_widget_set_visible (GTK_WIDGET (self->undo_button), has_item);
  gtk_widget_set_visible (GTK_WIDGET (self->redo_button), has_item);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), has_item);
}

static void
add_capture_shortcut (GtkShortcutController *controller,
                      guint                  keyval,
                      GdkModifierType        modifiers,
                      const char            *action_name)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                                          gtk_named_action_new (action_name)));
}

void
_glossator_window_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.open-file", NULL, open_file_action);
  gtk_widget_class_install_action (widget_class, "win.open-folder", NULL, open_folder_action);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_action);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "win.next-document", NULL, next_document_action);
  gtk_widget_class_install_action (widget_class, "win.previous-document", NULL, previous_document_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-done", "done");
  gtk_widget_class_install_action (widget_class, "win.toggle-sidebar", NULL, toggle_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.filter-documents", NULL, filter_documents_action);
  gtk_widget_class_install_action (widget_class, "win.focus-next-region", NULL, focus_region_action);
  gtk_widget_class_install_action (widget_class, "win.focus-previous-region", NULL, focus_region_action);
  gtk_widget_class_install_action (widget_class, "win.show-panel", "s", show_panel_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.reload-document", NULL, reload_document_action);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.show-details", NULL, show_details_action);
  gtk_widget_class_install_action (widget_class, "win.statistics", NULL, statistics_action);
  gtk_widget_class_install_action (widget_class, "win.compare-with", NULL, compare_with_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.toggle-done", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.toggle-sidebar", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK, "win.show-panel", "s", "entities");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_2, GDK_CONTROL_MASK, "win.show-panel", "s", "stances");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_3, GDK_CONTROL_MASK, "win.show-panel", "s", "differences");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK, "win.filter-documents", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.show-details", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_t, GDK_CONTROL_MASK, "win.statistics", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare-with", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_C, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.compare-with", NULL);
}

/* Moving between articles must work wherever the focus is, also in the
 * text view, which binds Ctrl+Page Up/Down itself: catch them first. */
void
_glossator_window_add_capture_shortcuts (GlossatorWindow *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_capture_shortcut (shortcuts, GDK_KEY_Down, GDK_ALT_MASK, "win.next-document");
  add_capture_shortcut (shortcuts, GDK_KEY_Up, GDK_ALT_MASK, "win.previous-document");
  add_capture_shortcut (shortcuts, GDK_KEY_Page_Down, GDK_CONTROL_MASK, "win.next-document");
  add_capture_shortcut (shortcuts, GDK_KEY_Page_Up, GDK_CONTROL_MASK, "win.previous-document");
  /* Before GtkPaned's own F6, which only swaps between its two sides. */
  add_capture_shortcut (shortcuts, GDK_KEY_F6, 0, "win.focus-next-region");
  add_capture_shortcut (shortcuts, GDK_KEY_F6, GDK_SHIFT_MASK, "win.focus-previous-region");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

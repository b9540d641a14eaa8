/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-export"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "glossator-dataset-util.h"
#include "glossator-export-dialog.h"
#include "glossator-export.h"
#include "glossator-format-options-group.h"
#include "glossator-format-row.h"

struct _GlossatorExportDialog
{
  AdwWindow                    parent_instance;

  /* Template widgets */
  GlossatorFormatRow          *format_row;
  AdwComboRow                 *scope_row;
  GlossatorFormatOptionsGroup *options_group;
  AdwActionRow                *destination_row;
  GtkStack                    *stack;
  AdwStatusPage               *progress_page;
  GtkProgressBar              *progress_bar;

  GPtrArray                   *roots;        /* GFile* */
  GFile                       *article;      /* nullable */

  GFile                       *destination;
  /* The file chooser asked before replacing it. */
  gboolean                     destination_confirmed;

  /* The export under way */
  GCancellable                *cancellable;
  GlossatorExporter           *exporter;
  GOutputStream               *stream;
};

G_DEFINE_FINAL_TYPE (GlossatorExportDialog, glossator_export_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void start_export (GlossatorExportDialog *self);

static const GlossatorFormat *
selected_format (GlossatorExportDialog *self)
{
  return glossator_format_row_get_format (self->format_row);
}

static gboolean
exports_folder (const GlossatorFormat *format)
{
  return (glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0;
}

static gboolean
whole_corpus (GlossatorExportDialog *self)
{
  return self->article == NULL || adw_combo_row_get_selected (self->scope_row) == 1;
}

static void
update_destination_row (GlossatorExportDialog *self)
{
  g_autofree char *path = NULL;

  if (self->destination != NULL)
    path = glossator_display_path (self->destination);
  adw_action_row_set_subtitle (self->destination_row,
                               path != NULL ? path : _("Chosen when you export"));
}

static void
set_destination (GlossatorExportDialog *self,
                 GFile                 *destination,
                 gboolean               confirmed)
{
  g_set_object (&self->destination, destination);
  self->destination_confirmed = confirmed;
  update_destination_row (self);
}

/* The export goes beside the corpus, never into it: files written there
 * would be opened as articles next time. */
static GFile *
suggested_folder (GlossatorExportDialog *self)
{
  g_autoptr(GFile) base = glossator_export_common_base ((GFile **) self->roots->pdata, self->roots->len);
  GFile *parent = base != NULL ? g_file_get_parent (base) : NULL;

  return parent != NULL ? parent : g_steal_pointer (&base);
}

static char *
suggested_name (GlossatorExportDialog *self)
{
  const GlossatorFormat *format = selected_format (self);
  g_autoptr(GFile) base = NULL;
  g_autofree char *stem = NULL;
  const char *extension;

  if (!whole_corpus (self))
    {
      g_autofree char *name = g_file_get_basename (self->article);
      char *dot = strrchr (name, '.');

      if (dot != NULL && dot != name)
        *dot = '\0';
      stem = g_steal_pointer (&name);
    }
  else
    {
      base = glossator_export_common_base ((GFile **) self->roots->pdata, self->roots->len);
      stem = base != NULL ? g_file_get_basename (base) : g_strdup ("corpus");
    }

  if (exports_folder (format))
    return g_strdup_printf ("%s-%s", stem, glossator_format_get_name (format));
  extension = glossator_format_get_extension (format);
  return g_strconcat (stem, extension != NULL ? extension : "", NULL);
}

static void
format_selected_cb (GlossatorExportDialog *self)
{
  const GlossatorFormat *format = selected_format (self);

  if (format == NULL)
    return;

  glossator_format_options_group_set_format (self->options_group, format, GLOSSATOR_FORMAT_SCOPE_EXPORT);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->destination_row),
                                 exports_folder (format) ? _("_Save Into Folder") : _("_Save To"));

  /* A place chosen for one kind of output does not fit the other. */
  set_destination (self, NULL, FALSE);
}

static void
scope_selected_cb (GlossatorExportDialog *self)
{
  set_destination (self, NULL, FALSE);
}

/* Choosing where to save */

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     GlossatorExportDialog *self)
{
  gboolean then_export = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "then-export"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      /* The chooser asks before replacing a file; a folder is only checked
       * when the export starts. */
      set_destination (self, file, !exports_folder (selected_format (self)));
      if (then_export)
        start_export (self);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_destination (GlossatorExportDialog *self,
                    gboolean               then_export)
{
  const GlossatorFormat *format = selected_format (self);
  GtkFileChooserNative *chooser;
  g_autoptr(GFile) folder = suggested_folder (self);
  g_autofree char *name = suggested_name (self);

  if (exports_folder (format))
    {
      chooser = gtk_file_chooser_native_new (_("Choose a Folder for the Export"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                             _("_Select"), _("_Cancel"));
    }
  else
    {
      chooser = gtk_file_chooser_native_new (_("Export Annotations"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SAVE,
                                             then_export ? _("_Export") : _("_Select"), _("_Cancel"));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
    }

  if (self->destination != NULL)
    {
      g_autoptr(GFile) parent = g_file_get_parent (self->destination);

      if (parent != NULL)
        g_set_object (&folder, parent);
    }
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_object_set_data (G_OBJECT (chooser), "then-export", GINT_TO_POINTER (then_export));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
choose_destination_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  choose_destination (GLOSSATOR_EXPORT_DIALOG (widget), FALSE);
}

/* Running the export */

static void
set_running (GlossatorExportDialog *self,
             gboolean               running)
{
  gtk_stack_set_visible_child_name (self->stack, running ? "progress" : "settings");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.choose-destination", !running);
}

static char *
summary_message (GlossatorExporter *exporter,
                 GFile             *destination,
                 gboolean           cancelled)
{
  const GlossatorExportSummary *summary = glossator_exporter_get_summary (exporter);
  g_autofree char *name = g_file_get_basename (destination);
  g_autoptr(GString) message = g_string_new (NULL);
  guint n_left_out = glossator_export_summary_count_skipped (summary);

  if (cancelled && exports_folder (glossator_exporter_get_format (exporter)))
    return g_strdup_printf (_("Export into %s stopped; the files written so far are kept"), name);
  if (cancelled)
    return g_strdup_printf (_("Export to %s cancelled; nothing was written"), name);

  g_string_append_printf (message,
                          g_dngettext (GETTEXT_PACKAGE, "Exported %u article to %s",
                                       "Exported %u articles to %s", summary->n_documents),
                          summary->n_documents, name);

  if (n_left_out > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%u mention left out",
                                           "%u mentions left out", n_left_out),
                              n_left_out);
    }
  if (summary->n_errors > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%u article could not be read",
                                           "%u articles could not be read", summary->n_errors),
                              summary->n_errors);
    }

  return g_string_free (g_steal_pointer (&message), FALSE);
}

static void
finish (GlossatorExportDialog *self,
        gboolean               cancelled)
{
  const GlossatorExportSummary *summary = glossator_exporter_get_summary (self->exporter);
  g_autofree char *message = summary_message (self->exporter, self->destination, cancelled);
  g_autofree char *counts = glossator_export_summary_to_string (summary);
  g_autoptr(GString) details = g_string_new (counts);

  /* Then what could not be written, document by document, in the words
   * of the window: a mention's text and line, not its id. */
  if (summary->problems->len > 0)
    g_string_append_c (details, '\n');
  for (guint i = 0; i < summary->problems->len; i++)
    {
      const GlossatorProblem *problem = g_ptr_array_index (summary->problems, i);
      const char *text = problem->for_people != NULL ? problem->for_people : problem->message;

      if (problem->path != NULL)
        g_string_append_printf (details, "%s: ", problem->path);
      g_string_append_printf (details, "%s\n", text);
    }
  if (summary->n_warnings + summary->n_errors > summary->problems->len)
    g_string_append_printf (details, _("… more problems not shown: %u\n"),
                            summary->n_warnings + summary->n_errors - summary->problems->len);

  g_clear_pointer (&self->exporter, glossator_exporter_free);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);

  g_signal_emit (self, signals[FINISHED], 0, message, details->str);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
fail (GlossatorExportDialog *self,
      const GError          *error)
{
  g_autofree char *path = glossator_display_path (self->destination);
  g_autofree char *body = g_strdup_printf (_("%s\n\nChoose another place, or check that you may write to %s."),
                                           error->message, path);

  glossator_export_abandon_stream (self->stream);
  g_clear_pointer (&self->exporter, glossator_exporter_free);
  g_clear_object (&self->stream);
  g_clear_object (&self->cancellable);

  set_running (self, FALSE);
  glossator_dataset_show_error (GTK_WINDOW (self), _("Export Failed"), body);
}

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GlossatorExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          glossator_export_abandon_stream (self->stream);
          finish (self, TRUE);
        }
      else
        fail (self, error);
      return;
    }

  finish (self, FALSE);
}

static void
export_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GlossatorExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!glossator_export_corpus_finish (self->exporter, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          glossator_export_abandon_stream (self->stream);
          finish (self, TRUE);
        }
      else
        fail (self, error);
      return;
    }

  if (self->stream != NULL)
    g_output_stream_close_async (self->stream, G_PRIORITY_DEFAULT, self->cancellable, close_cb,
                                 g_object_ref (self));
  else
    finish (self, FALSE);
}

static void
progress_cb (guint    n_done,
             guint    n_total,
             gpointer user_data)
{
  GlossatorExportDialog *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: progress of an export, "12 of 340 articles" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u article", "%u of %u articles", n_total),
                          n_done, n_total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar, n_total > 0 ? (double) n_done / n_total : 0.0);
}

static void
run_exporter (GlossatorExportDialog *self)
{
  g_autoptr(GHashTable) options = glossator_format_options_group_dup_options (self->options_group);
  g_autoptr(GError) error = NULL;
  GFile *only[1];

  self->exporter = glossator_exporter_new (selected_format (self), options, self->stream, self->destination,
                                           &error);
  if (self->exporter == NULL)
    {
      fail (self, error);
      return;
    }

  only[0] = self->article;
  glossator_export_corpus_async (self->exporter,
                                 whole_corpus (self) ? (GFile **) self->roots->pdata : only,
                                 whole_corpus (self) ? self->roots->len : 1,
                                 progress_cb, g_object_ref (self), g_object_unref,
                                 self->cancellable, export_cb, g_object_ref (self));
}

static void
replace_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GlossatorExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  self->stream = G_OUTPUT_STREAM (glossator_export_replace_finish (result, &error));
  if (self->stream == NULL)
    {
      fail (self, error);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    {
      glossator_export_abandon_stream (self->stream);
      g_clear_object (&self->stream);
      g_clear_object (&self->cancellable);
      set_running (self, FALSE);
      return;
    }

  run_exporter (self);
}

static void
begin (GlossatorExportDialog *self)
{
  g_autofree char *path = glossator_display_path (self->destination);
  g_autoptr(GHashTable) options = glossator_format_options_group_dup_options (self->options_group);
  g_autoptr(GError) error = NULL;

  if (!glossator_format_check_options (selected_format (self), GLOSSATOR_FORMAT_SCOPE_EXPORT, options, &error))
    {
      glossator_dataset_show_error (GTK_WINDOW (self), _("Check the Options"), error->message);
      return;
    }

  glossator_format_row_remember (self->format_row);
  self->cancellable = g_cancellable_new ();
  adw_status_page_set_description (self->progress_page, path);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, _("Collecting articles…"));
  set_running (self, TRUE);

  if (exports_folder (selected_format (self)))
    run_exporter (self);
  else
    /* Not cancellable: a stream opened after a cancel would be dropped by
     * GTask and, finalized, replace the file with an empty one. */
    glossator_export_replace_async (self->destination, NULL, replace_cb, g_object_ref (self));
}

static void
confirm_response_cb (AdwMessageDialog      *dialog,
                     const char            *response,
                     GlossatorExportDialog *self)
{
  if (g_str_equal (response, "replace"))
    {
      self->destination_confirmed = TRUE;
      begin (self);
    }
}

static void
start_export (GlossatorExportDialog *self)
{
  const GlossatorFormat *format = selected_format (self);
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gboolean exists;

  if (self->cancellable != NULL || format == NULL)
    return;

  if (self->destination == NULL)
    {
      choose_destination (self, TRUE);
      return;
    }

  if (!glossator_export_check_output ((GFile **) self->roots->pdata, self->roots->len, self->destination,
                                      exports_folder (format), &error))
    {
      glossator_dataset_show_error (GTK_WINDOW (self), _("Choose a Place Outside the Corpus"), error->message);
      return;
    }

  exists = exports_folder (format) ? glossator_export_folder_has_files (self->destination)
                                   : g_file_query_exists (self->destination, NULL);
  if (!exists || self->destination_confirmed)
    {
      begin (self);
      return;
    }

  name = g_file_get_basename (self->destination);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), NULL, NULL));
  if (exports_folder (format))
    {
      adw_message_dialog_format_heading (dialog, _("Export into “%s”?"), name);
      adw_message_dialog_set_body (dialog, _("The folder is not empty. Files in it with the names of the "
                                             "exported articles will be replaced."));
    }
  else
    {
      adw_message_dialog_format_heading (dialog, _("Replace “%s”?"), name);
      adw_message_dialog_set_body (dialog, _("A file with this name already exists. Exporting replaces "
                                             "its contents."));
    }
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "replace", exports_folder (format) ? _("_Export") : _("_Replace"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  start_export (GLOSSATOR_EXPORT_DIALOG (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossatorExportDialog *self = GLOSSATOR_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

/* Closing the window while exporting cancels the export; the dialog goes
 * once the worker has stopped. */
static gboolean
glossator_export_dialog_close_request (GtkWindow *window)
{
  GlossatorExportDialog *self = GLOSSATOR_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (glossator_export_dialog_parent_class)->close_request (window);
}

/* The keyboard starts on the format, not on Cancel. */
static void
glossator_export_dialog_map (GtkWidget *widget)
{
  GlossatorExportDialog *self = GLOSSATOR_EXPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (glossator_export_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->format_row));
}

static void
glossator_export_dialog_dispose (GObject *object)
{
  GlossatorExportDialog *self = GLOSSATOR_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_EXPORT_DIALOG);

  G_OBJECT_CLASS (glossator_export_dialog_parent_class)->dispose (object);
}

static void
glossator_export_dialog_finalize (GObject *object)
{
  GlossatorExportDialog *self = GLOSSATOR_EXPORT_DIALOG (object);

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_object (&self->article);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->exporter, glossator_exporter_free);
  glossator_export_abandon_stream (self->stream);
  g_clear_object (&self->stream);

  G_OBJECT_CLASS (glossator_export_dialog_parent_class)->finalize (object);
}

static void
glossator_export_dialog_class_init (GlossatorExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = glossator_export_dialog_dispose;
  object_class->finalize = glossator_export_dialog_finalize;
  window_class->close_request = glossator_export_dialog_close_request;
  widget_class->map = glossator_export_dialog_map;

  /**
   * GlossatorExportDialog::finished:
   * @message: one line for a toast
   * @details: (nullable): the export's summary, several lines
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  g_type_ensure (GLOSSATOR_TYPE_FORMAT_OPTIONS_GROUP);
  g_type_ensure (GLOSSATOR_TYPE_FORMAT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, scope_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorExportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, format_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_selected_cb);

  gtk_widget_class_install_action (widget_class, "dataset.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "dataset.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dataset.choose-destination", NULL, choose_destination_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dataset.cancel", NULL);
}

static void
glossator_export_dialog_init (GlossatorExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->roots = g_ptr_array_new_with_free_func (g_object_unref);
  format_selected_cb (self);
}

GtkWidget *
glossator_export_dialog_new (GFile * const *roots,
                             guint          n_roots,
                             GFile         *article)
{
  GlossatorExportDialog *self;
  g_autoptr(GtkStringList) scopes = NULL;

  g_return_val_if_fail (roots != NULL && n_roots > 0, NULL);
  g_return_val_if_fail (article == NULL || G_IS_FILE (article), NULL);

  self = g_object_new (GLOSSATOR_TYPE_EXPORT_DIALOG, NULL);
  for (guint i = 0; i < n_roots; i++)
    g_ptr_array_add (self->roots, g_object_ref (roots[i]));

  /* A corpus of one article has nothing to choose. */
  if (article != NULL && !(n_roots == 1 && g_file_equal (roots[0], article)))
    {
      g_autofree char *name = g_file_get_basename (article);
      g_autofree char *this_article = g_strdup_printf (_("This article (%s)"), name);
      const char * const items[] = { this_article, _("The whole corpus"), NULL };

      self->article = g_object_ref (article);
      scopes = gtk_string_list_new (items);
      adw_combo_row_set_model (self->scope_row, G_LIST_MODEL (scopes));
      adw_combo_row_set_selected (self->scope_row, 1);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->scope_row), FALSE);

  update_destination_row (self);

  return GTK_WIDGET (self);
}

gboolean
glossator_export_dialog_set_format (GlossatorExportDialog *self,
                                    const char            *name)
{
  g_return_val_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return glossator_format_row_set_format (self->format_row, name);
}

void
glossator_export_dialog_set_whole_corpus (GlossatorExportDialog *self,
                                          gboolean               corpus)
{
  g_return_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self));

  if (self->article != NULL)
    adw_combo_row_set_selected (self->scope_row, corpus ? 1 : 0);
}

const char *
glossator_export_dialog_get_format (GlossatorExportDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self), NULL);

  return glossator_format_get_name (selected_format (self));
}

void
glossator_export_dialog_set_labels (GlossatorExportDialog *self,
                                    const char * const    *labels)
{
  g_return_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self));

  glossator_format_options_group_set_labels (self->options_group, labels);
}

gboolean
glossator_export_dialog_set_option (GlossatorExportDialog *self,
                                    const char            *name,
                                    const char            *value)
{
  g_return_val_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self), FALSE);

  return glossator_format_options_group_set_value (self->options_group, name, value);
}

void
glossator_export_dialog_set_destination (GlossatorExportDialog *self,
                                         GFile                 *destination)
{
  g_return_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self));
  g_return_if_fail (destination == NULL || G_IS_FILE (destination));

  set_destination (self, destination, FALSE);
}

GFile *
glossator_export_dialog_get_destination (GlossatorExportDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self), NULL);

  return self->destination;
}

gboolean
glossator_export_dialog_get_running (GlossatorExportDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_EXPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-import"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-dataset-util.h"
#include "glossator-export.h"
#include "glossator-format-options-group.h"
#include "glossator-format-row.h"
#include "glossator-import-dialog.h"

/* Problems listed in the details; the rest are counted. */
#define MAX_LISTED_PROBLEMS 200

struct _GlossatorImportDialog
{
  AdwWindow                    parent_instance;

  /* Template widgets */
  GlossatorFormatRow          *format_row;
  AdwActionRow                *inputs_row;
  AdwActionRow                *destination_row;
  GtkSwitch                   *replace_switch;
  GlossatorFormatOptionsGroup *options_group;
  GtkStack                    *stack;
  AdwStatusPage               *progress_page;
  GtkProgressBar              *progress_bar;

  GPtrArray                   *inputs;       /* GFile* */
  GFile                       *destination;

  /* The import under way */
  GCancellable                *cancellable;
  guint                        pulse_id;
  GlossatorImportSummary       summary;
  GString                     *problems;
  guint                        n_problems;
};

G_DEFINE_FINAL_TYPE (GlossatorImportDialog, glossator_import_dialog, ADW_TYPE_WINDOW)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const GlossatorFormat *
selected_format (GlossatorImportDialog *self)
{
  return glossator_format_row_get_format (self->format_row);
}

/* brat data is a folder of .txt and .ann files. */
static gboolean
imports_folder (const GlossatorFormat *format)
{
  return (glossator_format_get_flags (format) & GLOSSATOR_FORMAT_EXPORTS_FOLDER) != 0;
}

static void
update_rows (GlossatorImportDialog *self)
{
  const GlossatorFormat *format = selected_format (self);
  g_autofree char *destination = NULL;
  g_autoptr(GString) inputs = g_string_new (NULL);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->inputs_row),
                                 format != NULL && imports_folder (format) ? _("_Folder or Files to Import")
                                                                           : _("_Files to Import"));
  for (guint i = 0; i < self->inputs->len && i < 3; i++)
    {
      g_autofree char *name = g_file_get_basename (g_ptr_array_index (self->inputs, i));

      if (i > 0)
        g_string_append (inputs, ", ");
      g_string_append (inputs, name);
    }
  if (self->inputs->len > 3)
    /* Translators: after the first three names of files to import */
    g_string_append_printf (inputs, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more",
                                                 self->inputs->len - 3),
                            self->inputs->len - 3);
  adw_action_row_set_subtitle (self->inputs_row, inputs->len > 0 ? inputs->str : _("None chosen"));

  if (self->destination != NULL)
    destination = glossator_display_path (self->destination);
  adw_action_row_set_subtitle (self->destination_row, destination != NULL ? destination : _("None chosen"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.run",
                                 self->cancellable == NULL && self->inputs->len > 0 && self->destination != NULL);
}

static void
format_selected_cb (GlossatorImportDialog *self)
{
  const GlossatorFormat *format = selected_format (self);

  if (format == NULL)
    return;

  glossator_format_options_group_set_format (self->options_group, format, GLOSSATOR_FORMAT_SCOPE_IMPORT);
  update_rows (self);
}

/* Choosing inputs and the folder */

static void
inputs_response_cb (GtkNativeDialog       *chooser,
                    int                    response,
                    GlossatorImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) inputs = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        g_ptr_array_add (inputs, g_list_model_get_item (files, i));
      glossator_import_dialog_set_inputs (self, (GFile **) inputs->pdata, inputs->len);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_inputs_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (widget);
  const GlossatorFormat *format = selected_format (self);
  GtkFileChooserNative *chooser;

  if (imports_folder (format))
    {
      chooser = gtk_file_chooser_native_new (_("Choose a Folder to Import"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                             _("_Select"), _("_Cancel"));
    }
  else
    {
      const char *extension = glossator_format_get_extension (format);
      g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

      chooser = gtk_file_chooser_native_new (_("Choose Files to Import"), GTK_WINDOW (self),
                                             GTK_FILE_CHOOSER_ACTION_OPEN, _("_Select"), _("_Cancel"));
      gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
      if (extension != NULL && extension[0] == '.')
        {
          g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
          g_autofree char *name = g_strdup_printf (_("%s Files"), glossator_format_get_display_name (format));

          gtk_file_filter_set_name (filter, name);
          gtk_file_filter_add_suffix (filter, extension + 1);
          gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
        }
      gtk_file_filter_set_name (all, _("All Files"));
      gtk_file_filter_add_pattern (all, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
    }

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (inputs_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
destination_response_cb (GtkNativeDialog       *chooser,
                         int                    response,
                         GlossatorImportDialog *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      glossator_import_dialog_set_destination (self, folder);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
choose_destination_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (_("Choose the Folder for the Articles"), GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Select"), _("_Cancel"));
  if (self->destination != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), self->destination, NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (destination_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Running the import */

static void
set_running (GlossatorImportDialog *self,
             gboolean               running)
{
  gtk_stack_set_visible_child_name (self->stack, running ? "progress" : "settings");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.choose-inputs", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "dataset.choose-destination", !running);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (running)
    self->pulse_id = glossator_dataset_pulse (self->progress_bar);
  update_rows (self);
}

static void
report_cb (GFile                  *input,
           const char             *document,
           const GlossatorProblem *problem,
           gpointer                user_data)
{
  GlossatorImportDialog *self = user_data;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  self->n_problems++;
  if (self->n_problems > MAX_LISTED_PROBLEMS)
    return;

  text = glossator_problem_to_string (problem);
  name = input != NULL ? g_file_get_basename (input) : NULL;
  if (name != NULL && document != NULL)
    g_string_append_printf (self->problems, "%s (%s): %s\n", name, document, text);
  else if (name != NULL)
    g_string_append_printf (self->problems, "%s: %s\n", name, text);
  else
    g_string_append_printf (self->problems, "%s\n", text);
}

static char *
summary_message (GlossatorImportDialog *self,
                 gboolean               cancelled)
{
  const GlossatorImportSummary *summary = &self->summary;
  g_autofree char *folder = g_file_get_basename (self->destination);
  g_autoptr(GString) message = g_string_new (NULL);

  if (cancelled)
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE,
                                         "Import stopped after %u article; it is kept",
                                         "Import stopped after %u articles; they are kept",
                                         summary->n_written),
                            summary->n_written);
  else
    g_string_append_printf (message,
                            g_dngettext (GETTEXT_PACKAGE, "Imported %u article into %s",
                                         "Imported %u articles into %s", summary->n_written),
                            summary->n_written, folder);

  if (summary->n_skipped > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%u skipped", "%u skipped", summary->n_skipped),
                              summary->n_skipped);
    }
  if (summary->n_errors > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%u error", "%u errors", summary->n_errors),
                              summary->n_errors);
    }
  else if (summary->n_warnings > 0)
    {
      g_string_append (message, "; ");
      g_string_append_printf (message,
                              g_dngettext (GETTEXT_PACKAGE, "%u warning", "%u warnings", summary->n_warnings),
                              summary->n_warnings);
    }

  return g_string_free (g_steal_pointer (&message), FALSE);
}

static void
import_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GlossatorImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *counts = NULL;
  g_autofree char *details = NULL;
  gboolean cancelled = FALSE;

  if (!glossator_import_files_finish (result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_running (self, FALSE);
          g_clear_object (&self->cancellable);
          glossator_dataset_show_error (GTK_WINDOW (self), _("Import Failed"), error->message);
          return;
        }
      cancelled = TRUE;
    }

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->cancellable);

  message = summary_message (self, cancelled);
  counts = glossator_import_summary_to_string (&self->summary);
  if (self->n_problems > MAX_LISTED_PROBLEMS)
    g_string_append_printf (self->problems, _("… and %u more problems\n"),
                            self->n_problems - MAX_LISTED_PROBLEMS);
  details = self->problems->len > 0 ? g_strconcat (counts, "\n", self->problems->str, NULL)
                                    : g_steal_pointer (&counts);

  g_signal_emit (self, signals[FINISHED], 0, message, details, self->destination, self->summary.n_written);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (widget);
  const GlossatorFormat *format = selected_format (self);
  g_autoptr(GHashTable) options = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  if (self->cancellable != NULL || format == NULL || self->inputs->len == 0 || self->destination == NULL)
    return;

  options = glossator_format_options_group_dup_options (self->options_group);
  if (!glossator_format_check_options (format, GLOSSATOR_FORMAT_SCOPE_IMPORT, options, &error))
    {
      glossator_dataset_show_error (GTK_WINDOW (self), _("Check the Options"), error->message);
      return;
    }

  glossator_format_row_remember (self->format_row);
  glossator_import_summary_clear (&self->summary);
  glossator_import_summary_init (&self->summary);
  g_string_truncate (self->problems, 0);
  self->n_problems = 0;
  self->cancellable = g_cancellable_new ();
  path = glossator_display_path (self->destination);
  adw_status_page_set_description (self->progress_page, path);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  set_running (self, TRUE);

  /* The switch replaces annotations only; articles are never replaced. */
  glossator_import_files_async (format, options, (GFile **) self->inputs->pdata, self->inputs->len,
                                self->destination,
                                gtk_switch_get_active (self->replace_switch) ? GLOSSATOR_IMPORT_REPLACE_ANNOTATIONS
                                                                             : GLOSSATOR_IMPORT_NONE,
                                report_cb, self, &self->summary, self->cancellable,
                                import_cb, g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  else
    gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
glossator_import_dialog_close_request (GtkWindow *window)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (window);

  /* The worker is stopped first; the dialog goes when it has. */
  if (self->cancellable != NULL)
    {
      g_cancellable_cancel (self->cancellable);
      return TRUE;
    }

  return GTK_WINDOW_CLASS (glossator_import_dialog_parent_class)->close_request (window);
}

/* The keyboard starts on the format, not on Cancel. */
static void
glossator_import_dialog_map (GtkWidget *widget)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (widget);

  GTK_WIDGET_CLASS (glossator_import_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->format_row));
}

static void
glossator_import_dialog_dispose (GObject *object)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (glossator_import_dialog_parent_class)->dispose (object);
}

static void
glossator_import_dialog_finalize (GObject *object)
{
  GlossatorImportDialog *self = GLOSSATOR_IMPORT_DIALOG (object);

  g_clear_pointer (&self->inputs, g_ptr_array_unref);
  g_clear_object (&self->destination);
  g_clear_object (&self->cancellable);
  glossator_import_summary_clear (&self->summary);
  g_string_free (self->problems, TRUE);

  G_OBJECT_CLASS (glossator_import_dialog_parent_class)->finalize (object);
}

static void
glossator_import_dialog_class_init (GlossatorImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = glossator_import_dialog_dispose;
  object_class->finalize = glossator_import_dialog_finalize;
  window_class->close_request = glossator_import_dialog_close_request;
  widget_class->map = glossator_import_dialog_map;

  /**
   * GlossatorImportDialog::finished:
   * @message: one line for a toast
   * @details: the import's summary and its problems, several lines
   * @folder: where the articles were written
   * @n_written: how many articles were written
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 4,
                                    G_TYPE_STRING, G_TYPE_STRING, G_TYPE_FILE, G_TYPE_UINT);

  g_type_ensure (GLOSSATOR_TYPE_FORMAT_OPTIONS_GROUP);
  g_type_ensure (GLOSSATOR_TYPE_FORMAT_ROW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, inputs_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, destination_row);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, replace_switch);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, options_group);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, progress_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorImportDialog, progress_bar);
  gtk_widget_class_bind_template_callback (widget_class, format_selected_cb);

  gtk_widget_class_install_action (widget_class, "dataset.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "dataset.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "dataset.choose-inputs", NULL, choose_inputs_action);
  gtk_widget_class_install_action (widget_class, "dataset.choose-destination", NULL, choose_destination_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "dataset.cancel", NULL);
}

static void
glossator_import_dialog_init (GlossatorImportDialog *self)
{
  self->inputs = g_ptr_array_new_with_free_func (g_object_unref);
  self->problems = g_string_new (NULL);
  glossator_import_summary_init (&self->summary);

  gtk_widget_init_template (GTK_WIDGET (self));

  format_selected_cb (self);
}

GtkWidget *
glossator_import_dialog_new (GFile *folder)
{
  GlossatorImportDialog *self;

  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  self = g_object_new (GLOSSATOR_TYPE_IMPORT_DIALOG, NULL);
  glossator_import_dialog_set_destination (self, folder);

  return GTK_WIDGET (self);
}

gboolean
glossator_import_dialog_set_format (GlossatorImportDialog *self,
                                    const char            *name)
{
  g_return_val_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self), FALSE);
  g_return_val_if_fail (name != NULL, FALSE);

  return glossator_format_row_set_format (self->format_row, name);
}

const char *
glossator_import_dialog_get_format (GlossatorImportDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self), NULL);

  return glossator_format_get_name (selected_format (self));
}

gboolean
glossator_import_dialog_set_option (GlossatorImportDialog *self,
                                    const char            *name,
                                    const char            *value)
{
  g_return_val_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self), FALSE);

  return glossator_format_options_group_set_value (self->options_group, name, value);
}

void
glossator_import_dialog_set_inputs (GlossatorImportDialog *self,
                                    GFile * const         *inputs,
                                    guint                  n_inputs)
{
  g_return_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (inputs != NULL || n_inputs == 0);

  g_ptr_array_set_size (self->inputs, 0);
  for (guint i = 0; i < n_inputs; i++)
    g_ptr_array_add (self->inputs, g_object_ref (inputs[i]));
  update_rows (self);
}

void
glossator_import_dialog_set_destination (GlossatorImportDialog *self,
                                         GFile                 *folder)
{
  g_return_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->destination, folder);
  update_rows (self);
}

void
glossator_import_dialog_set_replace (GlossatorImportDialog *self,
                                     gboolean               replace)
{
  g_return_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self));

  gtk_switch_set_active (self->replace_switch, replace);
}

gboolean
glossator_import_dialog_get_running (GlossatorImportDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_IMPORT_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

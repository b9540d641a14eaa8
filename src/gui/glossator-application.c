/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-application"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-annotator-prompt.h"
#include "glossator-application.h"
#include "glossator-preferences-window.h"
#include "glossator-window-private.h"

struct _GlossatorApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  gboolean        asked_annotator;
};

G_DEFINE_FINAL_TYPE (GlossatorApplication, glossator_application, ADW_TYPE_APPLICATION)

static GlossatorWindow *
get_window (GlossatorApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (GLOSSATOR_IS_WINDOW (window))
    return GLOSSATOR_WINDOW (window);

  return glossator_window_new (self);
}

/* Once a start, over the first window, until a name is given. */
static void
present (GlossatorApplication *self,
         GlossatorWindow      *window)
{
  gtk_window_present (GTK_WINDOW (window));
  if (!self->asked_annotator && glossator_annotator_prompt_needed (self->settings))
    {
      self->asked_annotator = TRUE;
      gtk_window_present (GTK_WINDOW (glossator_annotator_prompt_new (GTK_WINDOW (window), self->settings)));
    }
}

static void
glossator_application_activate (GApplication *application)
{
  GlossatorApplication *self = GLOSSATOR_APPLICATION (application);
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  GlossatorWindow *window = get_window (self);

  /* A first window goes back to the corpus of the last session. */
  if (active == NULL && !glossator_window_has_corpus (window))
    {
      g_autofree char *last = g_settings_get_string (self->settings, "last-corpus");

      if (*last != '\0')
        {
          g_autoptr(GFile) folder = g_file_new_for_uri (last);

          if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
            glossator_window_open_files (window, &folder, 1);
        }
    }

  present (self, window);
}

/* `glossator --open-samples` opens the same copy as the welcome page's
 * button, never the installed or the source tree's samples; a running
 * instance is asked to do it. */
static int
glossator_application_handle_local_options (GApplication *application,
                                            GVariantDict *options)
{
  g_autoptr(GError) error = NULL;

  if (!g_variant_dict_contains (options, "open-samples"))
    return -1;

  if (!g_application_register (application, NULL, &error))
    {
      g_printerr ("glossator: %s\n", error->message);
      return 1;
    }
  g_action_group_activate_action (G_ACTION_GROUP (application), "open-sample", NULL);

  /* Here, activation goes on to present the window that opens them. */
  return g_application_get_is_remote (application) ? 0 : -1;
}

static void
glossator_application_open (GApplication  *application,
                            GFile        **files,
                            int            n_files,
                            const char    *hint)
{
  GlossatorWindow *window = get_window (GLOSSATOR_APPLICATION (application));

  glossator_window_open_files (window, files, n_files);
  present (GLOSSATOR_APPLICATION (application), window);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GlossatorApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Each window saves first and closes once its article is on disk; the
   * application ends with the last one. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GlossatorApplication *self = user_data;
  static const char *developers[] = { "The Glossator authors", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Glossator") ,
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("The Glossator authors"),
                        "developers", developers,
                        "comments", _("Annotate entity mentions, coreference and stances in news articles. "
                                      "Annotations are kept in a JSON file beside each article."),
                        "copyright", "© 2026 The Glossator authors",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossatorApplication *self = user_data;
  GtkWidget *preferences = glossator_preferences_window_new (self->settings);

  gtk_window_set_transient_for (GTK_WINDOW (preferences),
                                gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
open_sample_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GlossatorApplication *self = user_data;
  GlossatorWindow *window = get_window (self);

  _glossator_window_open_sample (window);
  present (self, window);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "about", about_action },
  { "preferences", preferences_action },
  { "open-sample", open_sample_action },
};

static void
color_scheme_changed_cb (GlossatorApplication *self)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  switch (g_settings_get_enum (self->settings, "color-scheme"))
    {
    case 1:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_LIGHT);
      break;
    case 2:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
      break;
    default:
      adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
      break;
    }
}

static void
glossator_application_startup (GApplication *application)
{
  GlossatorApplication *self = GLOSSATOR_APPLICATION (application);
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };
  static const char *open_file_accels[] = { "<Control>o", NULL };
  static const char *open_folder_accels[] = { "<Control><Shift>o", NULL };

  G_APPLICATION_CLASS (glossator_application_parent_class)->startup (application);

  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID_BASE);
  g_signal_connect_object (self->settings, "changed::color-scheme",
                           G_CALLBACK (color_scheme_changed_cb), self, G_CONNECT_SWAPPED);
  color_scheme_changed_cb (self);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open-file", open_file_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "win.open-folder", open_folder_accels);
}

static void
glossator_application_dispose (GObject *object)
{
  GlossatorApplication *self = GLOSSATOR_APPLICATION (object);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (glossator_application_parent_class)->dispose (object);
}

static void
glossator_application_class_init (GlossatorApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = glossator_application_dispose;
  app_class->activate = glossator_application_activate;
  app_class->handle_local_options = glossator_application_handle_local_options;
  app_class->open = glossator_application_open;
  app_class->startup = glossator_application_startup;
}

static void
glossator_application_init (GlossatorApplication *self)
{
  g_application_add_main_option (G_APPLICATION (self), "open-samples", 0, G_OPTION_FLAG_NONE, G_OPTION_ARG_NONE,
                                 _("Open a copy of the sample corpus kept in the user’s data folder"), NULL);
}

GlossatorApplication *
glossator_application_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN,
                       /* The same resources for the .Devel flavour. */
                       "resource-base-path", "/io/github/glossator/Glossator",
                       NULL);
}

GSettings *
glossator_application_get_settings (GlossatorApplication *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_APPLICATION (self), NULL);

  return self->settings;
}

GFile *
glossator_application_get_samples_dir (GlossatorApplication *self)
{
  const char *dir;

  g_return_val_if_fail (GLOSSATOR_IS_APPLICATION (self), NULL);

  dir = g_getenv ("GLOSSATOR_SAMPLES_DIR");
  if (dir != NULL && *dir != '\0')
    return g_file_new_for_path (dir);

  return g_file_new_for_path (SAMPLES_DIR);
}

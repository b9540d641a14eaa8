/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossator-article-view-private.h"
#include "glossator-corpus.h"
#include "glossator-entities-panel.h"
#include "glossator-stance-flow.h"
#include "glossator-dataset-util.h"
#include "glossator-window-private.h"

#define MAX_RECENT_CORPORA 10
/* Show the spinner only for articles that take a noticeable time to open
 * (it costs a little: it animates while the article is read). */
#define LOADING_PAGE_DELAY_MS 500

G_DEFINE_FINAL_TYPE (GlossatorWindow, glossator_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DONE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_item                 (GlossatorWindow     *self,
                                       GlossatorCorpusItem *item);
static void load_corpus               (GlossatorWindow     *self,
                                       GPtrArray           *roots);
static void start_save                (GlossatorWindow     *self,
                                       gboolean             force);
static void update_titles             (GlossatorWindow     *self);
static void start_summaries           (GlossatorWindow     *self);

/* Small helpers */

void
_glossator_window_toast (GlossatorWindow *self,
                         const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
session_writable (GlossatorWindow *self)
{
  return self->session != NULL && !glossator_session_get_read_only (self->session);
}

static gboolean
needs_save (GlossatorWindow *self)
{
  return session_writable (self) && glossator_document_get_modified (self->document);
}

static char *
display_name_for (GFile *file)
{
  g_autoptr(GFileInfo) info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                                 G_FILE_QUERY_INFO_NONE, NULL, NULL);

  if (info != NULL)
    return g_strdup (g_file_info_get_display_name (info));

  return g_file_get_basename (file);
}

/* Titles and the save state */

const char *
_glossator_window_get_save_state (GlossatorWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WINDOW (self), NULL);

  if (self->session == NULL)
    return NULL;
  if (glossator_session_get_read_only (self->session))
    return NULL;
  if (self->saving)
    return _("Saving…");
  if (self->save_problem != NULL)
    return _("Not saved");
  if (glossator_document_get_modified (self->document))
    return _("Unsaved changes");
  return _("Saved");
}

static void
update_titles (GlossatorWindow *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *state = NULL;
  const char *title;
  const char *location;

  if (self->current_item == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Glossator"));
      if (self->corpus_folder != NULL)
        {
          g_autofree char *name = display_name_for (self->corpus_folder);

          adw_window_title_set_subtitle (self->window_title, name);
        }
      else
        adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Glossator"));
      return;
    }

  if (self->session != NULL)
    title = glossator_article_get_title (glossator_session_get_article (self->session));
  else
    title = glossator_corpus_item_get_title (self->current_item);
  location = glossator_corpus_item_get_location (self->current_item);

  if (self->session == NULL)
    state = NULL;
  else if (glossator_session_get_read_only (self->session))
    /* Translators: the subtitle when an article cannot be annotated, e.g. "Read-only: the annotations could not be read" */
    state = g_strdup_printf (_("Read-only: %s"), glossator_session_get_read_only_reason (self->session));
  else if (self->save_problem != NULL && !self->saving)
    state = g_strdup_printf (_("Not saved: %s"), self->save_problem);
  else
    state = g_strdup (_glossator_window_get_save_state (self));

  if (self->corpus_folder != NULL)
    {
      g_autofree char *corpus = display_name_for (self->corpus_folder);

      if (state != NULL)
        subtitle = g_strdup_printf ("%s/%s — %s", corpus, location, state);
      else
        subtitle = g_strdup_printf ("%s/%s", corpus, location);
    }
  else if (state != NULL)
    subtitle = g_strdup_printf ("%s — %s", location, state);
  else
    subtitle = g_strdup (location);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, subtitle);

  /* Translators: the window title, "<article title> – Glossator" */
  window_title = g_strdup_printf (_("%s – Glossator"), title);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

/* The subtitle may be cut off: show it whole as the title's tooltip,
 * computed when asked for (see row_query_tooltip_cb() in the sidebar). */
static gboolean
title_query_tooltip_cb (GlossatorWindow *self,
                        int              x,
                        int              y,
                        gboolean         keyboard,
                        GtkTooltip      *tooltip)
{
  const char *subtitle = adw_window_title_get_subtitle (self->window_title);

  if (subtitle == NULL || *subtitle == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, subtitle);
  return TRUE;
}

/* The notice above the article */

typedef enum {
  NOTICE_WARNING,
  NOTICE_INFO,
} NoticeKind;

static void
show_notice (GlossatorWindow *self,
             NoticeKind       kind,
             const char      *title,
             const char      *body_markup,
             gboolean         offer_reload)
{
  gtk_widget_remove_css_class (self->notice_box, "notice-warning");
  gtk_widget_remove_css_class (self->notice_box, "notice-info");
  gtk_widget_add_css_class (self->notice_box, kind == NOTICE_WARNING ? "notice-warning" : "notice-info");
  gtk_image_set_from_icon_name (self->notice_icon,
                                kind == NOTICE_WARNING ? "dialog-warning-symbolic" : "dialog-information-symbolic");
  gtk_label_set_text (self->notice_title, title);
  gtk_label_set_markup (self->notice_body, body_markup);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_button), offer_reload);
  gtk_widget_set_visible (GTK_WIDGET (self->notice_close_button), kind == NOTICE_INFO);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->notice_box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title,
                                  -1);
  gtk_revealer_set_reveal_child (self->notice_revealer, TRUE);
}

static void
hide_notice (GlossatorWindow *self)
{
  gtk_revealer_set_reveal_child (self->notice_revealer, FALSE);
}

static void
notice_close_cb (GlossatorWindow *self)
{
  hide_notice (self);
}

static void
show_session_notice (GlossatorWindow *self)
{
  GlossatorSession *session = self->session;
  GPtrArray *problems = glossator_session_get_problems (session);

  if (glossator_session_get_read_only (session))
    {
      const GError *error = glossator_session_get_load_error (session);
      g_autofree char *message = g_markup_escape_text (error != NULL ? error->message : "", -1);
      g_autofree char *path = NULL;
      g_autofree char *body = NULL;
      const char *title;

      if (error != NULL && error->domain == GLOSSATOR_SCHEMA_ERROR)
        {
          g_autoptr(GFile) folder = g_file_get_parent (glossator_session_get_file (session));

          g_autofree char *folder_name = g_file_get_parse_name (folder);

          path = g_markup_escape_text (folder_name, -1);
          title = _("The label schema of this corpus could not be read");
          body = g_strdup_printf (_("%s\n\nThe article is shown with the default labels and cannot be annotated "
                                    "until the schema is fixed; nothing is saved meanwhile. Fix the file in a text "
                                    "editor, or run <tt>glossator-cli validate “%s”</tt> to list every problem, "
                                    "then reload."),
                                  message, path);
        }
      else if (error != NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED))
        {
          title = _("These annotations cannot be saved here");
          body = g_strdup_printf (_("%s\n\nThe article is shown read-only and nothing is saved."), message);
        }
      else
        {
          g_autofree char *sidecar_name = g_file_get_parse_name (glossator_session_get_sidecar_file (session));

          path = g_markup_escape_text (sidecar_name, -1);
          title = _("The annotations of this article could not be read");
          body = g_strdup_printf (_("%s\n\nGlossator left the file untouched and will not save over it, so the "
                                    "article is shown without annotations and cannot be changed. Fix the file in a "
                                    "text editor, or run <tt>glossator-cli validate “%s”</tt> to list every "
                                    "problem, then reload."),
                                  message, path);
        }

      show_notice (self, NOTICE_WARNING, title, body, TRUE);
      return;
    }

  if (problems->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      guint shown = MIN (problems->len, 4);

      for (guint i = 0; i < shown; i++)
        {
          g_autofree char *line = glossator_problem_to_string (g_ptr_array_index (problems, i));
          g_autofree char *escaped = g_markup_escape_text (line, -1);

          if (i > 0)
            g_string_append_c (body, '\n');
          g_string_append (body, escaped);
        }
      if (problems->len > shown)
        {
          g_string_append_c (body, '\n');
          g_string_append_printf (body, g_dngettext (GETTEXT_PACKAGE, "and %u more", "and %u more",
                                                     problems->len - shown),
                                  problems->len - shown);
        }

      show_notice (self, NOTICE_INFO, _("Some annotations needed attention when they were read"),
                   body->str, FALSE);
      return;
    }

  hide_notice (self);
}

/* Following the open document */

static void
update_item_from_document (GlossatorWindow *self)
{
  if (self->current_item == NULL || self->document == NULL)
    return;

  glossator_corpus_item_set_status (self->current_item, glossator_document_get_status (self->document));
  glossator_corpus_item_set_n_mentions (self->current_item, glossator_document_get_n_mentions (self->document));
}

static gboolean
autosave_cb (gpointer user_data)
{
  GlossatorWindow *self = user_data;

  self->autosave_id = 0;
  _glossator_window_save (self, GLOSSATOR_AFTER_SAVE_NOTHING);

  return G_SOURCE_REMOVE;
}

static void
schedule_autosave (GlossatorWindow *self)
{
  guint delay;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  if (!needs_save (self) || self->autosave_blocked || !g_settings_get_boolean (self->settings, "autosave"))
    return;

  /* Not g_timeout_add_seconds(): it may fire up to a second early. */
  delay = g_settings_get_uint (self->settings, "autosave-delay");
  self->autosave_id = g_timeout_add (delay * 1000, autosave_cb, self);
}

static void
document_changed_cb (GlossatorWindow *self)
{
  update_item_from_document (self);
  schedule_autosave (self);
}

static void
document_modified_cb (GlossatorWindow *self)
{
  update_titles (self);
  schedule_autosave (self);
}

static void
document_history_cb (GlossatorWindow *self)
{
  _glossator_window_update_actions (self);
}

static void
document_status_cb (GlossatorWindow *self)
{
  update_item_from_document (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

/* Opening an article */

static void
detach_session (GlossatorWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  _glossator_window_detach_recovery (self);

  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  glossator_article_view_set_document (GLOSSATOR_ARTICLE_VIEW (self->article_view), NULL, NULL, TRUE);
  glossator_entities_panel_set_document (GLOSSATOR_ENTITIES_PANEL (self->entities_panel), NULL, NULL);

  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_pointer (&self->save_problem, g_free);
  self->autosave_blocked = FALSE;
  hide_notice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static char *
dup_annotator_name (GlossatorWindow *self)
{
  g_autofree char *name = g_settings_get_string (self->settings, "annotator");
  const char *real_name;

  g_strstrip (name);
  if (*name != '\0')
    return g_steal_pointer (&name);

  /* GLib says "Unknown" when the system has no name for the user. */
  real_name = g_get_real_name ();
  if (real_name != NULL && *real_name != '\0' && g_strcmp0 (real_name, "Unknown") != 0)
    return g_strdup (real_name);

  return NULL;
}

/* The folder the user opened that holds @file: the corpus folder, one of
 * several folders opened, else the file's own folder. Glossator reads the
 * label schema and writes topics no higher. */
static GFile *
dup_opened_folder (GlossatorWindow *self,
                   GFile           *file)
{
  if (self->corpus_folder != NULL)
    return g_object_ref (self->corpus_folder);

  for (guint i = 0; self->roots != NULL && i < self->roots->len; i++)
    if (g_file_has_prefix (file, g_ptr_array_index (self->roots, i)))
      return g_object_ref (g_ptr_array_index (self->roots, i));

  return g_file_get_parent (file);
}

/* The stance flow follows the view's document; topics typed as targets go
 * to the schema file in the opened folder, created there when needed. */
static void
attach_stances (GlossatorWindow  *self,
                GlossatorSession *session)
{
  g_autoptr(GFile) folder = dup_opened_folder (self, glossator_session_get_file (session));
  GtkWidget *panel = gtk_stack_get_child_by_name (self->side_stack, "stances");

  glossator_stance_flow_attach (GLOSSATOR_ARTICLE_VIEW (self->article_view), GLOSSATOR_STANCES_PANEL (panel),
                                folder);
}

static void
install_session (GlossatorWindow  *self,
                 GlossatorSession *session)
{
  g_autofree char *annotator = dup_annotator_name (self);
  GlossatorArticle *article = glossator_session_get_article (session);
  const GError *load_error;
  gboolean read_only;

  g_assert (self->session == NULL);

  self->session = g_object_ref (session);
  self->document = g_object_ref (glossator_session_get_document (session));
  read_only = glossator_session_get_read_only (session);

  /* Written with the first save of an edit, without an undo step. */
  glossator_session_adopt_annotator (session, annotator);

  g_signal_connect_swapped (self->document, "mention-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "entity-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "stance-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "info-changed", G_CALLBACK (document_changed_cb), self);
  g_signal_connect_swapped (self->document, "notify::modified", G_CALLBACK (document_modified_cb), self);
  g_signal_connect_swapped (self->document, "notify::can-undo", G_CALLBACK (document_history_cb), self);
  g_signal_connect_swapped (self->document, "notify::can-redo", G_CALLBACK (document_history_cb), self);
  g_signal_connect_swapped (self->document, "notify::status", G_CALLBACK (document_status_cb), self);

  glossator_article_view_set_document (GLOSSATOR_ARTICLE_VIEW (self->article_view), self->document,
                                       glossator_session_get_schema (session), read_only);
  glossator_entities_panel_set_document (GLOSSATOR_ENTITIES_PANEL (self->entities_panel), self->document,
                                         glossator_session_get_schema (session));
  glossator_entities_panel_set_read_only (GLOSSATOR_ENTITIES_PANEL (self->entities_panel), read_only);
  attach_stances (self, session);

  if (self->current_item != NULL)
    {
      glossator_corpus_item_set_title (self->current_item, glossator_article_get_title (article));
      load_error = glossator_session_get_load_error (session);
      glossator_corpus_item_set_problem (self->current_item,
                                         load_error != NULL && glossator_session_get_had_sidecar (session)
                                           ? load_error->message : NULL);
      glossator_corpus_item_set_known (self->current_item, TRUE);
      update_item_from_document (self);
    }

  show_session_notice (self);
  update_titles (self);
  _glossator_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);

  _glossator_window_attach_recovery (self, self->reload_reason);
  self->reload_reason = GLOSSATOR_RELOAD_NONE;

  gtk_stack_set_visible_child_name (self->stack, "document");
  /* Keyboard selection works at once. */
  gtk_widget_grab_focus (GTK_WIDGET (_glossator_article_view_get_text_view (GLOSSATOR_ARTICLE_VIEW (self->article_view))));
}

static gboolean
show_loading_page_cb (gpointer user_data)
{
  GlossatorWindow *self = user_data;

  self->loading_page_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "loading");

  return G_SOURCE_REMOVE;
}

static void
show_loading (GlossatorWindow *self,
              const char      *message,
              gboolean         at_once)
{
  gtk_label_set_text (self->loading_label, message);
  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  if (at_once)
    show_loading_page_cb (self);
  else
    self->loading_page_id = g_timeout_add (LOADING_PAGE_DELAY_MS, show_loading_page_cb, self);
}

static void
open_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  g_autoptr(GlossatorSession) session = NULL;
  g_autoptr(GError) error = NULL;

  session = glossator_session_open_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  g_clear_object (&self->open_cancellable);

  if (session == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      if (self->current_item != NULL)
        {
          glossator_corpus_item_set_problem (self->current_item, error->message);
          glossator_corpus_item_set_known (self->current_item, TRUE);
        }
      update_titles (self);
      _glossator_window_update_actions (self);
    }
  else
    install_session (self, session);

  if (self->summaries_pending)
    start_summaries (self);
}

/* The text is read before its annotations: show it, laid out, meanwhile. */
static void
article_text_cb (GBytes   *text,
                 gpointer  user_data)
{
  GlossatorWindow *self = user_data;

  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  glossator_article_view_show_text (GLOSSATOR_ARTICLE_VIEW (self->article_view), text);
  gtk_stack_set_visible_child_name (self->stack, "document");
}

/* Opens @item, dropping the open article (which is saved by then). */
static void
load_item (GlossatorWindow     *self,
           GlossatorCorpusItem *item)
{
  g_autofree char *message = NULL;
  g_autoptr(GFile) opened_folder = NULL;

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  detach_session (self);

  if (item != self->current_item)
    self->reload_reason = GLOSSATOR_RELOAD_NONE;
  g_set_object (&self->current_item, item);
  glossator_corpus_sidebar_set_current (self->sidebar, item);
  update_titles (self);
  _glossator_window_update_actions (self);

  if (item == NULL)
    return;

  message = g_strdup_printf (_("Opening “%s”…"), glossator_corpus_item_get_location (item));
  show_loading (self, message, FALSE);

  self->open_cancellable = g_cancellable_new ();
  opened_folder = dup_opened_folder (self, glossator_corpus_item_get_file (item));
  glossator_session_open_with_text_async (glossator_corpus_item_get_file (item), opened_folder,
                                          article_text_cb, g_object_ref (self), g_object_unref,
                                          self->open_cancellable, open_session_cb, g_object_ref (self));
}

void
_glossator_window_request_item (GlossatorWindow     *self,
                                GlossatorCorpusItem *item)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (item));

  if (item == self->current_item)
    {
      /* Back to the open article before the switch happened. */
      if (self->after_save == GLOSSATOR_AFTER_SAVE_SWITCH)
        self->after_save = GLOSSATOR_AFTER_SAVE_NOTHING;
      g_clear_object (&self->pending_item);
      glossator_corpus_sidebar_set_current (self->sidebar, item);
      /* It failed to open: try again. */
      if (self->session == NULL && self->open_cancellable == NULL)
        load_item (self, item);
      return;
    }

  /* The sidebar shows where we are going; it goes back if the save fails. */
  g_set_object (&self->pending_item, item);
  glossator_corpus_sidebar_set_current (self->sidebar, item);
  _glossator_window_save (self, GLOSSATOR_AFTER_SAVE_SWITCH);
}

static void
sidebar_item_activated_cb (GlossatorWindow     *self,
                           GlossatorCorpusItem *item)
{
  _glossator_window_request_item (self, item);

  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

static void
stances_notice_cb (GlossatorWindow *self,
                   const char      *message)
{
  _glossator_window_toast (self, message);
}

static void
entities_mention_activated_cb (GlossatorWindow *self,
                               const char      *mention_id)
{
  glossator_article_view_select_mention (GLOSSATOR_ARTICLE_VIEW (self->article_view), mention_id);
}

/* Saving */

static void
run_after_save (GlossatorWindow *self)
{
  GlossatorAfterSave then = self->after_save;

  self->after_save = GLOSSATOR_AFTER_SAVE_NOTHING;

  switch (then)
    {
    case GLOSSATOR_AFTER_SAVE_SWITCH:
      {
        g_autoptr(GlossatorCorpusItem) item = g_steal_pointer (&self->pending_item);

        if (item != NULL)
          load_item (self, item);
      }
      break;

    case GLOSSATOR_AFTER_SAVE_OPEN_CORPUS:
      {
        g_autoptr(GPtrArray) roots = g_steal_pointer (&self->pending_roots);

        if (roots != NULL)
          load_corpus (self, roots);
      }
      break;

    case GLOSSATOR_AFTER_SAVE_RELOAD:
      load_item (self, self->current_item);
      break;

    case GLOSSATOR_AFTER_SAVE_CLOSE:
      self->closing = TRUE;
      gtk_window_close (GTK_WINDOW (self));
      break;

    case GLOSSATOR_AFTER_SAVE_EXPORT:
      _glossator_window_show_export (self);
      break;

    case GLOSSATOR_AFTER_SAVE_IMPORT:
      _glossator_window_show_import (self);
      break;

    case GLOSSATOR_AFTER_SAVE_NOTHING:
    default:
      break;
    }
}

/* The user chose to stay: forget what was waiting for the save. */
static void
cancel_after_save (GlossatorWindow *self)
{
  self->after_save = GLOSSATOR_AFTER_SAVE_NOTHING;
  g_clear_object (&self->pending_item);
  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  glossator_corpus_sidebar_set_current (self->sidebar, self->current_item);
}

static void
save_or_continue (GlossatorWindow *self)
{
  if (needs_save (self))
    start_save (self, FALSE);
  else
    run_after_save (self);
}

void
_glossator_window_save (GlossatorWindow    *self,
                        GlossatorAfterSave  then)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  /* Closing outranks everything; otherwise the latest request wins, and a
   * plain save does not cancel a request already waiting. */
  if (self->after_save != GLOSSATOR_AFTER_SAVE_CLOSE && then != GLOSSATOR_AFTER_SAVE_NOTHING)
    self->after_save = then;

  g_clear_handle_id (&self->autosave_id, g_source_remove);

  /* The open dialog, or the save under way, decides what happens next. */
  if (self->save_dialog != NULL || self->saving)
    return;

  save_or_continue (self);
}

static void save_failed (GlossatorWindow *self,
                         const GError    *error);

static void
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  GlossatorSession *session = GLOSSATOR_SESSION (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = glossator_session_save_finish (session, result, NULL, &error);
  g_application_release (g_application_get_default ());
  self->saving = FALSE;

  /* The window was destroyed meanwhile (only without unsaved edits). */
  if (session != self->session)
    return;

  if (!ok)
    {
      save_failed (self, error);
      return;
    }

  g_clear_pointer (&self->save_problem, g_free);
  self->autosave_blocked = FALSE;
  update_titles (self);
  _glossator_window_journal_saved (self);

  if (self->after_save != GLOSSATOR_AFTER_SAVE_NOTHING)
    save_or_continue (self);
  else
    schedule_autosave (self);
}

static void
start_save (GlossatorWindow *self,
            gboolean         force)
{
  g_assert (!self->saving);
  g_assert (self->session != NULL);

  self->saving = TRUE;
  update_titles (self);

  /* Keep the application running until the file is written. */
  g_application_hold (g_application_get_default ());
  glossator_session_save_async (self->session, force, NULL, save_cb, g_object_ref (self));
}

void
_glossator_window_update_titles (GlossatorWindow *self)
{
  update_titles (self);
}

void
_glossator_window_save_over (GlossatorWindow *self)
{
  if (!self->saving && self->session != NULL)
    start_save (self, TRUE);
}

void
_glossator_window_reload (GlossatorWindow *self,
                          GlossatorReload  reason)
{
  if (self->current_item == NULL)
    return;

  self->reload_reason = reason;
  if (reason == GLOSSATOR_RELOAD_ARTICLE_CHANGED)
    _glossator_window_save (self, GLOSSATOR_AFTER_SAVE_RELOAD);
  else
    load_item (self, self->current_item);
}

/* Save failures: ask, never drop the edits silently */

static void
save_dialog_response_cb (GlossatorWindow *self,
                         const char      *response)
{
  self->save_dialog = NULL;

  if (g_strcmp0 (response, "retry") == 0)
    start_save (self, FALSE);
  else if (g_strcmp0 (response, "overwrite") == 0)
    start_save (self, TRUE);
  else if (g_strcmp0 (response, "discard") == 0)
    {
      /* Leaving the article drops its edits; staying reads it again. */
      g_clear_pointer (&self->save_problem, g_free);
      _glossator_window_discard_journal (self);
      if (self->after_save == GLOSSATOR_AFTER_SAVE_NOTHING)
        self->after_save = GLOSSATOR_AFTER_SAVE_RELOAD;
      run_after_save (self);
    }
  else
    {
      gboolean was_leaving = self->after_save == GLOSSATOR_AFTER_SAVE_SWITCH ||
                             self->after_save == GLOSSATOR_AFTER_SAVE_OPEN_CORPUS;

      /* Keep editing: stop autosaving into the same wall until the user
       * saves again (Ctrl+S), and say so in the subtitle. */
      cancel_after_save (self);
      update_titles (self);
      if (was_leaving && self->current_item != NULL)
        {
          g_autofree char *message = g_strdup_printf (_("Still on “%s”: its annotations are not saved yet"),
                                                      glossator_corpus_item_get_location (self->current_item));

          _glossator_window_toast (self, message);
        }
    }
}

static void
save_failed (GlossatorWindow *self,
             const GError    *error)
{
  g_autofree char *name = g_file_get_parse_name (glossator_session_get_sidecar_file (self->session));
  AdwMessageDialog *dialog;

  g_free (self->save_problem);
  if (g_error_matches (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK))
    self->save_problem = g_strdup (_("changed on disk"));
  else
    self->save_problem = g_strdup (error->message);
  self->autosave_blocked = TRUE;
  update_titles (self);

  if (g_error_matches (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("Annotations Changed on Disk"), NULL));
      adw_message_dialog_format_body (dialog,
                                      _("Another program changed “%s” since Glossator read it. Overwrite it "
                                        "with your annotations, or keep editing and decide later (your changes "
                                        "stay unsaved until you save again)."),
                                      name);
      adw_message_dialog_add_responses (dialog,
                                        "keep", _("_Keep Editing"),
                                        "overwrite", _("_Overwrite"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "overwrite", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Save Failed"), NULL));
      adw_message_dialog_format_body (dialog,
                                      _("%s\n\nYour annotations are still here. Try again, keep editing and "
                                        "save later, or discard the changes made since the last save."),
                                      error->message);
      adw_message_dialog_add_responses (dialog,
                                        "keep", _("_Keep Editing"),
                                        "discard", _("_Discard Changes"),
                                        "retry", _("_Try Again"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
      adw_message_dialog_set_response_appearance (dialog, "retry", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "retry");
    }

  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_swapped (dialog, "response", G_CALLBACK (save_dialog_response_cb), self);
  self->save_dialog = GTK_WINDOW (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The corpus */

typedef struct {
  GPtrArray *roots;       /* GFile* */
  GFile     *folder;      /* the one folder opened, or NULL */
  GFile     *base;        /* locations are relative to it */
  GPtrArray *files;       /* GFile* */
  GPtrArray *problems;    /* GlossatorCorpusProblem* */
} CollectData;

static void
collect_data_free (CollectData *data)
{
  g_clear_pointer (&data->roots, g_ptr_array_unref);
  g_clear_object (&data->folder);
  g_clear_object (&data->base);
  g_clear_pointer (&data->files, g_ptr_array_unref);
  g_clear_pointer (&data->problems, g_ptr_array_unref);
  g_free (data);
}

static void
collect_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CollectData *data = task_data;
  GError *error = NULL;
  GFile *first = g_ptr_array_index (data->roots, 0);

  if (data->roots->len == 1 &&
      g_file_query_file_type (first, G_FILE_QUERY_INFO_NONE, cancellable) == G_FILE_TYPE_DIRECTORY)
    {
      data->folder = g_object_ref (first);
      data->base = g_object_ref (first);
    }
  else
    data->base = g_file_get_parent (first);

  data->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_corpus_problem_free);
  data->files = glossator_corpus_collect ((GFile * const *) data->roots->pdata, data->roots->len,
                                          data->problems, cancellable, &error);
  if (data->files == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/* What the sidebar shows of one article, read on a worker thread. */
typedef struct {
  GlossatorWindow     *self;
  GlossatorCorpusItem *item;
  char                *title;
  char                *problem;
  GlossatorStatus      status;
  guint                n_mentions;
} Summary;

static void
summary_free (Summary *summary)
{
  g_clear_object (&summary->self);
  g_clear_object (&summary->item);
  g_free (summary->title);
  g_free (summary->problem);
  g_free (summary);
}

static gboolean
apply_summary_cb (gpointer user_data)
{
  Summary *summary = user_data;
  GlossatorWindow *self = summary->self;

  /* The open article's live state wins over what was on disk. */
  if (summary->item == self->current_item && self->session != NULL)
    return G_SOURCE_REMOVE;

  if (summary->title != NULL)
    glossator_corpus_item_set_title (summary->item, summary->title);
  glossator_corpus_item_set_problem (summary->item, summary->problem);
  glossator_corpus_item_set_status (summary->item, summary->status);
  glossator_corpus_item_set_n_mentions (summary->item, summary->n_mentions);
  glossator_corpus_item_set_known (summary->item, TRUE);

  return G_SOURCE_REMOVE;
}

static void
summarize_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GlossatorWindow *self = source_object;
  GPtrArray *items = task_data;

  for (guint i = 0; i < items->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      GlossatorCorpusItem *item = g_ptr_array_index (items, i);
      GFile *file = glossator_corpus_item_get_file (item);
      g_autoptr(GlossatorArticle) article = NULL;
      g_autoptr(GlossatorDocument) document = NULL;
      g_autoptr(GFile) sidecar = NULL;
      g_autoptr(GError) error = NULL;
      Summary *summary = g_new0 (Summary, 1);
      GSource *source;

      summary->self = g_object_ref (self);
      summary->item = g_object_ref (item);

      article = glossator_article_load (file, cancellable, &error);
      if (article != NULL)
        {
          summary->title = g_strdup (glossator_article_get_title (article));
          sidecar = glossator_sidecar_file_for (file);
          document = glossator_sidecar_load (glossator_article_get_text (article), sidecar, NULL, NULL,
                                             cancellable, &error);
        }
      if (document != NULL)
        {
          summary->status = glossator_document_get_status (document);
          summary->n_mentions = glossator_document_get_n_mentions (document);
        }
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        summary->problem = g_strdup (error->message);

      /* Always through an idle source: g_main_context_invoke() would run
       * the callback here, on this thread, whenever no thread holds the
       * main context at that moment (as between two iterations of a loop
       * that is not g_main_loop_run()), and touch widgets from here. */
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
      g_source_set_callback (source, apply_summary_cb, summary, (GDestroyNotify) summary_free);
      g_source_set_static_name (source, "[glossator] corpus summary");
      g_source_attach (source, g_task_get_context (task));
      g_source_unref (source);
    }

  g_task_return_boolean (task, TRUE);
}

static void
start_summaries (GlossatorWindow *self)
{
  g_autoptr(GTask) task = NULL;
  GPtrArray *items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->items));

  self->summaries_pending = FALSE;

  /* The open article's item follows its session instead. */
  for (guint i = 0; i < n; i++)
    {
      GlossatorCorpusItem *item = g_list_model_get_item (G_LIST_MODEL (self->items), i);

      if (item != self->current_item)
        g_ptr_array_add (items, item);
      else
        g_object_unref (item);
    }

  task = g_task_new (self, self->corpus_cancellable, NULL, NULL);
  g_task_set_source_tag (task, start_summaries);
  g_task_set_task_data (task, items, (GDestroyNotify) g_ptr_array_unref);
  g_task_run_in_thread (task, summarize_thread);
}

static void
remember_corpus (GlossatorWindow *self,
                 GFile           *folder)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-corpora");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *uri = g_file_get_uri (folder);
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_strv_builder_add (builder, uri);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_CORPORA; i++)
    if (g_strcmp0 (recent[i], uri) != 0)
      {
        g_strv_builder_add (builder, recent[i]);
        n++;
      }
  updated = g_strv_builder_end (builder);

  g_settings_set_strv (self->settings, "recent-corpora", (const char * const *) updated);
  g_settings_set_string (self->settings, "last-corpus", uri);
}

static void
forget_corpus (GlossatorWindow *self,
               const char      *uri)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-corpora");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  g_autofree char *last = g_settings_get_string (self->settings, "last-corpus");

  for (guint i = 0; recent[i] != NULL; i++)
    if (g_strcmp0 (recent[i], uri) != 0)
      g_strv_builder_add (builder, recent[i]);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-corpora", (const char * const *) updated);
  if (g_strcmp0 (last, uri) == 0)
    g_settings_set_string (self->settings, "last-corpus", "");
}

static void
collect_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (object);
  CollectData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GlossatorCorpusItem) first = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      /* Only a cancelled walk fails: a newer corpus replaced this one. */
      return;
    }

  g_set_object (&self->corpus_folder, data->folder);

  items = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < data->files->len; i++)
    {
      GFile *file = g_ptr_array_index (data->files, i);
      g_autofree char *location = data->base != NULL ? g_file_get_relative_path (data->base, file) : NULL;

      if (location == NULL)
        location = g_file_get_basename (file);
      g_ptr_array_add (items, glossator_corpus_item_new (file, location));
    }
  g_list_store_splice (self->items, 0, g_list_model_get_n_items (G_LIST_MODEL (self->items)),
                       items->pdata, items->len);

  if (data->problems->len > 0)
    {
      GlossatorCorpusProblem *problem = g_ptr_array_index (data->problems, 0);
      g_autofree char *name = g_file_get_parse_name (problem->file);
      g_autofree char *message = NULL;

      if (data->problems->len == 1)
        message = g_strdup_printf ("%s: %s", name, problem->message);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s (and %u more problem)",
                                                "%s: %s (and %u more problems)", data->problems->len - 1),
                                   name, problem->message, data->problems->len - 1);
      _glossator_window_toast (self, message);
    }

  if (data->folder != NULL)
    remember_corpus (self, data->folder);

  if (items->len == 0)
    {
      g_autofree char *description = NULL;
      g_autofree char *name = display_name_for (g_ptr_array_index (data->roots, 0));

      description = g_strdup_printf (_("“%s” holds no articles. Glossator opens .txt, .md, .json and .html "
                                       "files, also in subfolders."),
                                     name);
      adw_status_page_set_description (self->empty_page, description);
      g_clear_handle_id (&self->loading_page_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_titles (self);
      _glossator_window_update_actions (self);
      return;
    }

  /* The other articles are read once the first one shows: reading them
   * at the same time would make it appear later. */
  self->summaries_pending = TRUE;
  first = g_object_ref (g_ptr_array_index (items, 0));
  load_item (self, first);
}

static void
load_corpus (GlossatorWindow *self,
             GPtrArray       *roots)
{
  g_autoptr(GTask) task = NULL;
  CollectData *data;

  g_return_if_fail (roots != NULL && roots->len > 0);

  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);
  g_cancellable_cancel (self->corpus_cancellable);
  g_clear_object (&self->corpus_cancellable);
  self->summaries_pending = FALSE;
  detach_session (self);
  g_clear_object (&self->current_item);
  g_clear_object (&self->corpus_folder);
  g_list_store_remove_all (self->items);
  glossator_corpus_sidebar_set_current (self->sidebar, NULL);

  g_clear_pointer (&self->roots, g_ptr_array_unref);
  self->roots = g_ptr_array_ref (roots);
  self->corpus_cancellable = g_cancellable_new ();

  show_loading (self, _("Looking for articles…"), FALSE);
  update_titles (self);
  _glossator_window_update_actions (self);

  data = g_new0 (CollectData, 1);
  data->roots = g_ptr_array_ref (roots);
  task = g_task_new (self, self->corpus_cancellable, collect_cb, NULL);
  g_task_set_source_tag (task, load_corpus);
  g_task_set_task_data (task, data, (GDestroyNotify) collect_data_free);
  g_task_run_in_thread (task, collect_thread);
}

void
glossator_window_open_files (GlossatorWindow  *self,
                             GFile           **files,
                             guint             n_files)
{
  g_autoptr(GPtrArray) roots = NULL;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  roots = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n_files; i++)
    g_ptr_array_add (roots, g_object_ref (files[i]));

  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  self->pending_roots = g_steal_pointer (&roots);
  g_clear_object (&self->pending_item);
  _glossator_window_save (self, GLOSSATOR_AFTER_SAVE_OPEN_CORPUS);
}

gboolean
glossator_window_has_corpus (GlossatorWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WINDOW (self), FALSE);

  return self->roots != NULL || self->pending_roots != NULL;
}

void
_glossator_window_open_recent (GlossatorWindow *self,
                               const char      *uri)
{
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));
  g_return_if_fail (uri != NULL);

  folder = g_file_new_for_uri (uri);
  if (g_file_query_file_type (folder, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (folder);
      g_autofree char *message = g_strdup_printf (_("“%s” no longer exists"), name);

      _glossator_window_toast (self, message);
      forget_corpus (self, uri);
      return;
    }

  glossator_window_open_files (self, &folder, 1);
}

/* The sample corpus is copied before use: the installed one is read-only
 * and the one in a source tree should stay as shipped. */

static void
copy_samples_thread (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  GFile *source = task_data;
  g_autofree char *target_path = g_build_filename (g_get_user_data_dir (), "glossator", "sample-corpus", NULL);
  g_autoptr(GFile) target = g_file_new_for_path (target_path);
  g_autoptr(GFileEnumerator) enumerator = NULL;
  GError *error = NULL;

  if (g_file_query_exists (target, cancellable))
    {
      g_task_return_pointer (task, g_steal_pointer (&target), g_object_unref);
      return;
    }

  if (!g_file_make_directory_with_parents (target, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  enumerator = g_file_enumerate_children (source, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                          G_FILE_QUERY_INFO_NONE, cancellable, &error);
  if (enumerator == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      g_autoptr(GFile) copy = NULL;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR)
        continue;

      copy = g_file_get_child (target, g_file_info_get_name (info));
      if (!g_file_copy (child, copy, G_FILE_COPY_NONE, cancellable, NULL, NULL, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }

  g_task_return_pointer (task, g_steal_pointer (&target), g_object_unref);
}

static void
copy_samples_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (object);
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = g_task_propagate_pointer (G_TASK (result), &error);
  if (folder == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not copy the sample corpus: %s"), error->message);

      _glossator_window_toast (self, message);
      return;
    }

  glossator_window_open_files (self, &folder, 1);
}

void
_glossator_window_open_sample (GlossatorWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GTask) task = NULL;
  g_autoptr(GFile) samples = NULL;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  samples = glossator_application_get_samples_dir (GLOSSATOR_APPLICATION (app));
  task = g_task_new (self, NULL, copy_samples_cb, NULL);
  g_task_set_source_tag (task, _glossator_window_open_sample);
  g_task_set_task_data (task, g_steal_pointer (&samples), g_object_unref);
  g_task_run_in_thread (task, copy_samples_thread);
}

/* Recent corpora: in the Open menu and on the welcome page */

static void
recent_row_activated_cb (GlossatorWindow *self,
                         GtkListBoxRow   *row)
{
  const char *uri = g_object_get_data (G_OBJECT (row), "uri");

  _glossator_window_open_recent (self, uri);
}

static void
update_recent (GlossatorWindow *self)
{
  g_auto(GStrv) recent = g_settings_get_strv (self->settings, "recent-corpora");
  GtkWidget *child;

  g_menu_remove_all (self->recent_menu);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->recent_list))) != NULL)
    gtk_list_box_remove (self->recent_list, child);

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GFile) folder = g_file_new_for_uri (recent[i]);
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *name = g_file_get_basename (folder);
      g_autofree char *path = glossator_display_path (folder);
      g_autofree char *escaped_name = g_markup_escape_text (name, -1);
      g_autofree char *escaped_path = g_markup_escape_text (path, -1);
      GtkWidget *row;

      item = g_menu_item_new (name, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_path);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      g_object_set_data_full (G_OBJECT (row), "uri", g_strdup (recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }

  gtk_widget_set_visible (self->recent_group, recent[0] != NULL);
}

static GMenuModel *
build_open_menu (GlossatorWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();

  g_menu_append (section, _("Open _Folder…"), "win.open-folder");
  g_menu_append (section, _("Open F_ile…"), "win.open-file");
  g_menu_append (section, _("Open _Sample Corpus"), "app.open-sample");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
  g_menu_append_section (menu, _("Recent Corpora"), G_MENU_MODEL (self->recent_menu));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

/* AdwSplitButton 1.2 gives its arrow a tooltip but no accessible name. */
static void
label_split_button_arrow (AdwSplitButton *button)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (button));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_MENU_BUTTON (child))
      gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("More ways to open"),
                                      -1);
}

/* Drag and drop */

/* Whether @file may hold articles: an article, a sidecar, a folder, or a
 * remote location only the corpus walk can tell about. */
static gboolean
may_hold_articles (GFile *file)
{
  g_autofree char *name = g_file_get_basename (file);
  g_autoptr(GFile) article = NULL;

  if (name != NULL && glossator_article_is_article_name (name))
    return TRUE;
  if ((article = glossator_corpus_article_for_sidecar (file)) != NULL)
    return TRUE;
  return !g_file_is_native (file) ||
         g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

static gboolean
drop_cb (GtkDropTarget   *target,
         const GValue    *value,
         double           x,
         double           y,
         GlossatorWindow *self)
{
  g_autoptr(GSList) list = gdk_file_list_get_files (g_value_get_boxed (value));
  g_autoptr(GPtrArray) files = g_ptr_array_new ();
  gboolean any_usable = FALSE;

  for (GSList *l = list; l != NULL; l = l->next)
    {
      g_ptr_array_add (files, l->data);
      any_usable = any_usable || may_hold_articles (l->data);
    }
  if (files->len == 0)
    return FALSE;

  /* Dropping a photo by mistake must not close the corpus. */
  if (!any_usable)
    {
      g_autofree char *name = display_name_for (g_ptr_array_index (files, 0));
      g_autofree char *message = NULL;

      message = g_strdup_printf (_("“%s” is not an article. Glossator opens .txt, .md, .json and .html "
                                   "files, and folders of them."),
                                 name);
      _glossator_window_toast (self, message);
      return FALSE;
    }

  glossator_window_open_files (self, (GFile **) files->pdata, files->len);
  return TRUE;
}

/* Window state */

static void
flap_reveal_cb (GlossatorWindow *self)
{
  /* A folded (narrow) window hides the sidebar by itself: not a choice. */
  if (!adw_flap_get_folded (self->flap))
    g_settings_set_boolean (self->settings, "show-sidebar", adw_flap_get_reveal_flap (self->flap));
}

static void
save_window_state (GlossatorWindow *self)
{
  int width, height;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (!gtk_window_is_maximized (GTK_WINDOW (self)) && width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
}

static gboolean
glossator_window_close_request (GtkWindow *window)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (window);

  if (!self->closing)
    {
      save_window_state (self);
      if (needs_save (self) || self->saving || self->save_dialog != NULL)
        {
          _glossator_window_save (self, GLOSSATOR_AFTER_SAVE_CLOSE);
          return TRUE;
        }
    }

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_cancellable_cancel (self->open_cancellable);
  g_cancellable_cancel (self->corpus_cancellable);

  return GTK_WINDOW_CLASS (glossator_window_parent_class)->close_request (window);
}

static void
glossator_window_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DONE:
      g_value_set_boolean (value, self->document != NULL &&
                                  glossator_document_get_status (self->document) == GLOSSATOR_STATUS_DONE);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_window_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DONE:
      if (session_writable (self))
        {
          GlossatorStatus status;

          if (g_value_get_boolean (value))
            status = GLOSSATOR_STATUS_DONE;
          else if (glossator_document_get_n_mentions (self->document) > 0)
            status = GLOSSATOR_STATUS_IN_PROGRESS;
          else
            status = GLOSSATOR_STATUS_TODO;
          glossator_document_set_status (self->document, status);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_window_dispose (GObject *object)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (object);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  g_cancellable_cancel (self->open_cancellable);
  g_cancellable_cancel (self->corpus_cancellable);
  _glossator_window_detach_recovery (self);
  g_clear_object (&self->reanchor_from);
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->session);
  g_clear_object (&self->current_item);
  g_clear_object (&self->pending_item);
  g_clear_pointer (&self->pending_roots, g_ptr_array_unref);
  g_clear_pointer (&self->roots, g_ptr_array_unref);
  g_clear_object (&self->corpus_folder);
  g_clear_object (&self->items);
  g_clear_object (&self->open_cancellable);
  g_clear_object (&self->corpus_cancellable);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->save_problem, g_free);

  G_OBJECT_CLASS (glossator_window_parent_class)->dispose (object);
}

static void
glossator_window_class_init (GlossatorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = glossator_window_dispose;
  object_class->get_property = glossator_window_get_property;
  object_class->set_property = glossator_window_set_property;
  window_class->close_request = glossator_window_close_request;

  /* Whether the open article is marked done; the "win.toggle-done" action. */
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (GLOSSATOR_TYPE_CORPUS_SIDEBAR);
  g_type_ensure (GLOSSATOR_TYPE_ARTICLE_VIEW);
  g_type_ensure (GLOSSATOR_TYPE_ENTITIES_PANEL);
  g_type_ensure (GLOSSATOR_TYPE_STANCES_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossator/Glossator/glossator-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, sidebar_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, recent_group);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, recent_list);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, loading_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_revealer);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_icon);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_body);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, notice_close_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorWindow, entities_panel);
  gtk_widget_class_bind_template_callback (widget_class, sidebar_item_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, entities_mention_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, stances_notice_cb);
  gtk_widget_class_bind_template_callback (widget_class, recent_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, notice_close_cb);

  _glossator_window_class_init_actions (widget_class);
}

static void
glossator_window_init (GlossatorWindow *self)
{
  GtkDropTarget *drop_target;
  g_autoptr(GMenuModel) open_menu = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  self->items = g_list_store_new (GLOSSATOR_TYPE_CORPUS_ITEM);
  glossator_corpus_sidebar_set_model (self->sidebar, G_LIST_MODEL (self->items));

  self->recent_menu = g_menu_new ();
  open_menu = build_open_menu (self);
  adw_split_button_set_menu_model (self->open_button, open_menu);
  label_split_button_arrow (self->open_button);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self->window_title), TRUE);
  g_signal_connect_object (self->window_title, "query-tooltip",
                           G_CALLBACK (title_query_tooltip_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-corpora",
                           G_CALLBACK (update_recent), self, G_CONNECT_SWAPPED);
  update_recent (self);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  adw_flap_set_reveal_flap (self->flap, g_settings_get_boolean (self->settings, "show-sidebar"));
  g_signal_connect_object (self->flap, "notify::reveal-flap",
                           G_CALLBACK (flap_reveal_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::autosave",
                           G_CALLBACK (schedule_autosave), self, G_CONNECT_SWAPPED);

  /* The entity chosen in the panel is marked in the text. */
  g_object_bind_property (self->entities_panel, "selected-entity",
                          self->article_view, "highlighted-entity",
                          G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "text-size", self->article_view, "text-size", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "snap-to-words", self->article_view, "snap-to-words", G_SETTINGS_BIND_GET);

  _glossator_window_add_capture_shortcuts (self);

  drop_target = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop_target, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop_target));

  gtk_stack_set_visible_child_name (self->stack, "welcome");
  update_titles (self);
  _glossator_window_update_actions (self);
}

GlossatorWindow *
glossator_window_new (GlossatorApplication *application)
{
  g_return_val_if_fail (GLOSSATOR_IS_APPLICATION (application), NULL);

  return g_object_new (GLOSSATOR_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-window"

#include "config.h"

#include <glib/gi18n.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "glossator-article-view-private.h"
#include "glossator-compare-panel.h"
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

static void update_titles (GlossatorWindow *self);

/* Small helpers */

/* Every toast goes through here. Its text is also logged (shown with
 * G_MESSAGES_DEBUG=glossator-window): a script driving the window can wait
 * for it rather than race a toast's few seconds through AT-SPI. */
void
_glossator_window_add_toast (GlossatorWindow *self,
                             AdwToast        *toast)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  g_info ("toast: %s", adw_toast_get_title (toast));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_glossator_window_toast (GlossatorWindow *self,
                         const char      *message)
{
  AdwToast *toast;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  toast = adw_toast_new (message);
  adw_toast_set_timeout (toast, 5);
  _glossator_window_add_toast (self, toast);
}

static void
news_toast_dismissed_cb (GlossatorWindow *self,
                         AdwToast        *toast)
{
  if (self->change_toast == toast)
    g_clear_weak_pointer (&self->change_toast);
  if (self->done_toast == toast)
    g_clear_weak_pointer (&self->done_toast);
}

/* A toast that later news of its kind rewrites in place (@slot holds it
 * while it is shown): a series of key presses does not queue up toasts,
 * and the old one is never dismissed for a new one, which crashes
 * libadwaita 1.2 when keys come fast. */
static AdwToast *
show_news (GlossatorWindow  *self,
           AdwToast        **slot,
           const char       *message,
           guint             timeout,
           AdwToastPriority  priority)
{
  if (*slot == NULL)
    {
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, timeout);
      adw_toast_set_priority (toast, priority);
      g_signal_connect_object (toast, "dismissed", G_CALLBACK (news_toast_dismissed_cb), self,
                               G_CONNECT_SWAPPED);
      g_set_weak_pointer (slot, toast);
      _glossator_window_add_toast (self, toast);
    }
  else
    {
      adw_toast_set_title (*slot, message);
      g_info ("toast: %s", message);
    }
  return *slot;
}

/* One toast tells of the changes keys make, the newest in it. */
static void
article_view_announce_cb (GlossatorWindow *self,
                          const char      *message,
                          gboolean         undoable)
{
  AdwToast *toast = show_news (self, &self->change_toast, message, 4, ADW_TOAST_PRIORITY_NORMAL);

  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_button_label (toast, undoable ? _("_Undo") : NULL);
}

static gboolean
session_writable (GlossatorWindow *self)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);

  return session != NULL && !glossator_session_get_read_only (session);
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

/* Why the last save failed, in the subtitle's words, or NULL. */
static const char *
save_problem (GlossatorWindow *self)
{
  const GError *error = glossator_workspace_get_save_error (self->workspace);

  if (error == NULL)
    return NULL;
  if (g_error_matches (error, GLOSSATOR_SIDECAR_ERROR, GLOSSATOR_SIDECAR_ERROR_CHANGED_ON_DISK))
    return _("changed on disk");
  return error->message;
}

const char *
_glossator_window_get_save_state (GlossatorWindow *self)
{
  GlossatorSession *session;

  g_return_val_if_fail (GLOSSATOR_IS_WINDOW (self), NULL);

  session = glossator_workspace_get_session (self->workspace);
  if (session == NULL)
    return NULL;
  if (glossator_session_get_read_only (session))
    return NULL;
  if (glossator_workspace_get_saving (self->workspace))
    return _("Saving…");
  if (save_problem (self) != NULL)
    return _("Not saved");
  if (glossator_document_get_modified (glossator_session_get_document (session)))
    return _("Unsaved changes");
  return _("Saved");
}

static void
update_titles (GlossatorWindow *self)
{
  GlossatorCorpusItem *item = glossator_workspace_get_current_item (self->workspace);
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
  GFile *corpus_folder = glossator_workspace_get_corpus_folder (self->workspace);
  g_autofree char *subtitle = NULL;
  g_autofree char *window_title = NULL;
  g_autofree char *state = NULL;
  const char *title;
  const char *location;

  if (item == NULL)
    {
      adw_window_title_set_title (self->window_title, _("Glossator"));
      if (corpus_folder != NULL)
        {
          g_autofree char *name = display_name_for (corpus_folder);

          adw_window_title_set_subtitle (self->window_title, name);
        }
      else
        adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Glossator"));
      return;
    }

  if (session != NULL)
    title = glossator_article_get_title (glossator_session_get_article (session));
  else
    title = glossator_corpus_item_get_title (item);
  location = glossator_corpus_item_get_location (item);

  if (session == NULL)
    state = NULL;
  else if (glossator_session_get_read_only (session))
    /* Translators: the subtitle when an article cannot be annotated, e.g. "Read-only: the annotations could not be read" */
    state = g_strdup_printf (_("Read-only: %s"), glossator_session_get_read_only_reason (session));
  else if (save_problem (self) != NULL && !glossator_workspace_get_saving (self->workspace))
    state = g_strdup_printf (_("Not saved: %s"), save_problem (self));
  else
    state = g_strdup (_glossator_window_get_save_state (self));

  if (corpus_folder != NULL)
    {
      g_autofree char *corpus = display_name_for (corpus_folder);

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

void
_glossator_window_update_titles (GlossatorWindow *self)
{
  update_titles (self);
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
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
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


/* Following the open document (the workspace saves and journals it) */

static void
document_modified_cb (GlossatorWindow *self)
{
  update_titles (self);
}

static void
document_history_cb (GlossatorWindow *self)
{
  _glossator_window_update_actions (self);
}

static gboolean
document_done (GlossatorWindow *self)
{
  return self->document != NULL && glossator_document_get_status (self->document) == GLOSSATOR_STATUS_DONE;
}

/* An article marked done is read-only until reopened, as one whose sidecar
 * could not be read is for good. */
static gboolean
views_read_only (GlossatorWindow *self)
{
  return !session_writable (self) || document_done (self);
}

static GlossatorComparePanel *
compare_panel (GlossatorWindow *self)
{
  return GLOSSATOR_COMPARE_PANEL (gtk_stack_get_child_by_name (self->side_stack, "differences"));
}

static void
document_status_cb (GlossatorWindow *self)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
  gboolean read_only = views_read_only (self);

  if (session != NULL && self->document != NULL)
    {
      glossator_article_view_set_document (GLOSSATOR_ARTICLE_VIEW (self->article_view), self->document,
                                           glossator_session_get_schema (session), read_only);
      glossator_entities_panel_set_read_only (GLOSSATOR_ENTITIES_PANEL (self->entities_panel), read_only);
      glossator_compare_panel_set_read_only (compare_panel (self), read_only);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

/* News of the done state rewrites its own earlier news: a key pressed ten
 * times is not ten toasts. */
static void
done_toast (GlossatorWindow *self,
            const char      *message)
{
  show_news (self, &self->done_toast, message, 5, ADW_TOAST_PRIORITY_HIGH);
}

static void
edit_refused_cb (GlossatorWindow *self)
{
  if (document_done (self))
    done_toast (self, _("Marked done — press Ctrl+D to edit"));
}

/* The open article in the views */

static void
detach_views (GlossatorWindow *self)
{
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);

  glossator_article_view_set_document (GLOSSATOR_ARTICLE_VIEW (self->article_view), NULL, NULL, TRUE);
  glossator_entities_panel_set_document (GLOSSATOR_ENTITIES_PANEL (self->entities_panel), NULL, NULL);
  glossator_compare_panel_set_article (compare_panel (self), NULL, NULL, NULL, NULL, TRUE);

  hide_notice (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

/* The stance flow follows the view's document; topics typed as targets go
 * to the schema file in the opened folder, created there when needed. */
static void
attach_stances (GlossatorWindow  *self,
                GlossatorSession *session)
{
  g_autoptr(GFile) folder = glossator_workspace_dup_opened_folder (self->workspace,
                                                                   glossator_session_get_file (session));
  GtkWidget *panel = gtk_stack_get_child_by_name (self->side_stack, "stances");

  glossator_stance_flow_attach (GLOSSATOR_ARTICLE_VIEW (self->article_view), GLOSSATOR_STANCES_PANEL (panel),
                                folder);
}

/* The sidecar's reader builds and drops on a worker thread a tree several
 * times the file's size (about 20 MB for 20,000 mentions); glibc keeps the
 * pages freed in that thread's arena. Hand them back once the article is
 * shown and its tags are built, when nothing else waits. */
static gboolean
trim_memory_cb (gpointer user_data)
{
  GlossatorWindow *self = user_data;

  self->trim_id = 0;
#ifdef __GLIBC__
  malloc_trim (0);
#endif
  return G_SOURCE_REMOVE;
}

static void
attach_views (GlossatorWindow  *self,
              GlossatorSession *session)
{
  gboolean read_only;

  self->document = g_object_ref (glossator_session_get_document (session));
  read_only = views_read_only (self);
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
  glossator_compare_panel_set_article (compare_panel (self), GLOSSATOR_ARTICLE_VIEW (self->article_view),
                                       self->document, glossator_workspace_get_corpus_folder (self->workspace),
                                       glossator_session_get_file (session), read_only);

  show_session_notice (self);
  update_titles (self);
  _glossator_window_update_actions (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);

  gtk_stack_set_visible_child_name (self->stack, "document");
  if (self->trim_id == 0)
    self->trim_id = g_idle_add_full (G_PRIORITY_LOW, trim_memory_cb, self, NULL);
  /* Keyboard selection works at once. */
  gtk_widget_grab_focus (GTK_WIDGET (_glossator_article_view_get_text_view (GLOSSATOR_ARTICLE_VIEW (self->article_view))));
}

static void
session_changed_cb (GlossatorWindow *self)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);

  detach_views (self);
  if (session != NULL)
    {
      g_clear_handle_id (&self->loading_page_id, g_source_remove);
      attach_views (self, session);
    }
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
current_item_changed_cb (GlossatorWindow *self)
{
  glossator_corpus_sidebar_set_current (self->sidebar, glossator_workspace_get_current_item (self->workspace));
  update_titles (self);
  _glossator_window_update_actions (self);
}

static void
article_opening_cb (GlossatorWindow     *self,
                    GlossatorCorpusItem *item)
{
  g_autofree char *message = g_strdup_printf (_("Opening “%s”…"), glossator_corpus_item_get_location (item));

  current_item_changed_cb (self);
  show_loading (self, message, FALSE);
}

static void
open_failed_cb (GlossatorWindow *self,
                const GError    *error)
{
  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_titles (self);
  _glossator_window_update_actions (self);
}

/* The text is read before its annotations: show it, laid out, meanwhile. */
static void
article_text_cb (GlossatorWindow *self,
                 GBytes          *text)
{
  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  glossator_article_view_show_text (GLOSSATOR_ARTICLE_VIEW (self->article_view), text);
  gtk_stack_set_visible_child_name (self->stack, "document");
}

/* A save failed and the user stayed where the edits are. */
static void
say_still_here (GlossatorWindow *self,
                const GError    *error)
{
  GlossatorCorpusItem *item = glossator_workspace_get_current_item (self->workspace);
  g_autofree char *message = NULL;

  if (!g_error_matches (error, GLOSSATOR_WORKSPACE_ERROR, GLOSSATOR_WORKSPACE_ERROR_STAYED) || item == NULL)
    return;

  message = g_strdup_printf (_("Still on “%s”: its annotations are not saved yet"),
                             glossator_corpus_item_get_location (item));
  _glossator_window_toast (self, message);
}

static void
switch_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!glossator_workspace_switch_finish (GLOSSATOR_WORKSPACE (object), result, &error))
    say_still_here (self, error);
}

void
_glossator_window_request_item (GlossatorWindow     *self,
                                GlossatorCorpusItem *item)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));
  g_return_if_fail (GLOSSATOR_IS_CORPUS_ITEM (item));

  /* The sidebar shows where we are going; it goes back if the save fails. */
  glossator_corpus_sidebar_set_current (self->sidebar, item);
  glossator_workspace_switch_async (self->workspace, item, NULL, switch_cb, g_object_ref (self));
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
save_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  /* Failures are told through GlossatorWorkspace::save-failed. */
  glossator_workspace_save_finish (GLOSSATOR_WORKSPACE (object), result, NULL);
}

void
_glossator_window_save (GlossatorWindow *self)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  glossator_workspace_save_async (self->workspace, NULL, save_cb, NULL);
}

static void
reload_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  glossator_workspace_reload_finish (GLOSSATOR_WORKSPACE (object), result, NULL);
}

void
_glossator_window_reload_article (GlossatorWindow *self)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  glossator_workspace_reload_async (self->workspace, NULL, reload_cb, NULL);
}

/* Save failures: ask, never drop the edits silently */

static void
save_dialog_response_cb (GlossatorWindow *self,
                         const char      *response)
{
  self->save_dialog = NULL;

  if (g_strcmp0 (response, "retry") == 0)
    glossator_workspace_resolve_save (self->workspace, GLOSSATOR_SAVE_DECISION_RETRY);
  else if (g_strcmp0 (response, "overwrite") == 0)
    glossator_workspace_resolve_save (self->workspace, GLOSSATOR_SAVE_DECISION_OVERWRITE);
  else if (g_strcmp0 (response, "discard") == 0)
    glossator_workspace_resolve_save (self->workspace, GLOSSATOR_SAVE_DECISION_DISCARD);
  else
    {
      /* Keep editing: autosave stops until the user saves again (Ctrl+S),
       * and the subtitle says so. */
      glossator_workspace_resolve_save (self->workspace, GLOSSATOR_SAVE_DECISION_KEEP_EDITING);
      glossator_corpus_sidebar_set_current (self->sidebar, glossator_workspace_get_current_item (self->workspace));
      update_titles (self);
    }
}

static void
save_failed_cb (GlossatorWindow *self,
                const GError    *error)
{
  GlossatorSession *session = glossator_workspace_get_session (self->workspace);
  g_autofree char *name = g_file_get_parse_name (glossator_session_get_sidecar_file (session));
  AdwMessageDialog *dialog;

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
roots_changed_cb (GlossatorWindow *self)
{
  show_loading (self, _("Looking for articles…"), FALSE);
  update_titles (self);
  _glossator_window_update_actions (self);
}

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  GlossatorWorkspace *workspace = GLOSSATOR_WORKSPACE (object);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *roots;
  GFile *folder;

  /* Replaced by a newer request, or the save failed and the user stayed. */
  if (!glossator_workspace_open_finish (workspace, result, &problems, &error))
    {
      say_still_here (self, error);
      return;
    }

  if (problems->len > 0)
    {
      GlossatorCorpusProblem *problem = g_ptr_array_index (problems, 0);
      g_autofree char *name = g_file_get_parse_name (problem->file);
      g_autofree char *message = NULL;

      if (problems->len == 1)
        message = g_strdup_printf ("%s: %s", name, problem->message);
      else
        message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s: %s (and %u more problem)",
                                                "%s: %s (and %u more problems)", problems->len - 1),
                                   name, problem->message, problems->len - 1);
      _glossator_window_toast (self, message);
    }

  folder = glossator_workspace_get_corpus_folder (workspace);
  if (folder != NULL)
    remember_corpus (self, folder);

  roots = glossator_workspace_get_roots (workspace);
  if (g_list_model_get_n_items (glossator_workspace_get_items (workspace)) == 0 && roots != NULL)
    {
      g_autofree char *description = NULL;
      g_autofree char *name = display_name_for (g_ptr_array_index (roots, 0));

      description = g_strdup_printf (_("“%s” holds no articles. Glossator opens .txt, .md, .json and .html "
                                       "files, also in subfolders."),
                                     name);
      adw_status_page_set_description (self->empty_page, description);
      g_clear_handle_id (&self->loading_page_id, g_source_remove);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      update_titles (self);
      _glossator_window_update_actions (self);
    }
}

void
glossator_window_open_files (GlossatorWindow  *self,
                             GFile           **files,
                             guint             n_files)
{
  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));
  g_return_if_fail (files != NULL || n_files == 0);

  if (n_files == 0)
    return;

  glossator_workspace_open_async (self->workspace, files, n_files, NULL, open_cb, g_object_ref (self));
}

gboolean
glossator_window_has_corpus (GlossatorWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_WINDOW (self), FALSE);

  return glossator_workspace_has_corpus (self->workspace);
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

static void
copy_samples_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) error = NULL;

  folder = glossator_workspace_copy_samples_finish (GLOSSATOR_WORKSPACE (object), result, &error);
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
  g_autoptr(GFile) samples = NULL;

  g_return_if_fail (GLOSSATOR_IS_WINDOW (self));

  samples = glossator_application_get_samples_dir (GLOSSATOR_APPLICATION (app));
  glossator_workspace_copy_samples_async (self->workspace, samples, NULL, copy_samples_cb, g_object_ref (self));
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

      /* The path, home shortened: two folders called "corpus" differ. */
      item = g_menu_item_new (path, NULL);
      g_menu_item_set_action_and_target (item, "win.open-recent", "s", recent[i]);
      g_menu_append_item (self->recent_menu, item);

      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), escaped_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped_path);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
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

static void
close_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GlossatorWindow) self = user_data;

  /* The save failed and the user stayed. */
  if (!glossator_workspace_close_finish (GLOSSATOR_WORKSPACE (object), result, NULL))
    return;

  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
glossator_window_close_request (GtkWindow *window)
{
  GlossatorWindow *self = GLOSSATOR_WINDOW (window);

  if (!self->closing)
    {
      save_window_state (self);
      if (glossator_workspace_has_unsaved_work (self->workspace))
        {
          glossator_workspace_close_async (self->workspace, NULL, close_cb, g_object_ref (self));
          return TRUE;
        }
    }

  g_clear_handle_id (&self->loading_page_id, g_source_remove);

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
          if (status == glossator_document_get_status (self->document))
            break;
          glossator_document_set_status (self->document, status);
          done_toast (self, status == GLOSSATOR_STATUS_DONE
                            ? _("Marked done — read-only until you press Ctrl+D again")
                            : _("Reopened for editing"));
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

  g_clear_handle_id (&self->loading_page_id, g_source_remove);
  g_clear_handle_id (&self->trim_id, g_source_remove);
  g_clear_weak_pointer (&self->change_toast);
  g_clear_weak_pointer (&self->done_toast);
  g_clear_weak_pointer (&self->statistics);
  if (self->workspace != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->workspace, self);
      /* Its workers stop now, and the journal is flushed, although a
       * worker may still hold it for a moment. */
      g_object_run_dispose (G_OBJECT (self->workspace));
    }
  if (self->document != NULL)
    g_signal_handlers_disconnect_by_data (self->document, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_WINDOW);

  g_clear_object (&self->document);
  g_clear_object (&self->workspace);
  g_clear_object (&self->recent_menu);
  g_clear_object (&self->settings);

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
  g_type_ensure (GLOSSATOR_TYPE_COMPARE_PANEL);

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

/* The setting is in seconds, the workspace counts milliseconds. */
static gboolean
autosave_delay_mapping (GValue   *value,
                        GVariant *variant,
                        gpointer  user_data)
{
  g_value_set_uint (value, MIN (g_variant_get_uint32 (variant), G_MAXUINT / 1000) * 1000);
  return TRUE;
}

static void
connect_workspace (GlossatorWindow *self)
{
  GlossatorWorkspace *workspace = self->workspace;

  g_signal_connect_object (workspace, "notify::roots", G_CALLBACK (roots_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::current-item", G_CALLBACK (current_item_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::session", G_CALLBACK (session_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::saving", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "notify::save-error", G_CALLBACK (update_titles), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "article-opening", G_CALLBACK (article_opening_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "article-text", G_CALLBACK (article_text_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "open-failed", G_CALLBACK (open_failed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (workspace, "save-failed", G_CALLBACK (save_failed_cb), self, G_CONNECT_SWAPPED);
  _glossator_window_connect_recovery (self);
}

static void
glossator_window_init (GlossatorWindow *self)
{
  GtkDropTarget *drop_target;
  g_autoptr(GMenuModel) open_menu = NULL;
  g_autoptr(GAction) chips_action = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  self->workspace = glossator_workspace_new ();
  glossator_corpus_sidebar_set_model (self->sidebar, glossator_workspace_get_items (self->workspace));
  g_settings_bind (self->settings, "autosave", self->workspace, "autosave", G_SETTINGS_BIND_GET);
  g_settings_bind_with_mapping (self->settings, "autosave-delay", self->workspace, "autosave-delay",
                                G_SETTINGS_BIND_GET, autosave_delay_mapping, NULL, NULL, NULL);
  g_settings_bind (self->settings, "annotator", self->workspace, "annotator", G_SETTINGS_BIND_GET);
  connect_workspace (self);

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

  g_signal_connect_object (self->article_view, "edit-refused",
                           G_CALLBACK (edit_refused_cb), self, G_CONNECT_SWAPPED);

  /* The entity chosen in the panel is marked in the text. */
  g_object_bind_property (self->entities_panel, "selected-entity",
                          self->article_view, "highlighted-entity",
                          G_BINDING_SYNC_CREATE);
  g_settings_bind (self->settings, "text-size", self->article_view, "text-size", G_SETTINGS_BIND_GET);
  g_settings_bind (self->settings, "snap-to-words", self->article_view, "snap-to-words", G_SETTINGS_BIND_GET);
  chips_action = g_settings_create_action (self->settings, "show-label-chips");
  g_action_map_add_action (G_ACTION_MAP (self), chips_action);
  /* Both ways: the view's toggle is remembered. */
  g_settings_bind (self->settings, "show-label-chips", self->article_view, "show-label-chips",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->article_view, "announce", G_CALLBACK (article_view_announce_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->entities_panel, "announce", G_CALLBACK (article_view_announce_cb), self,
                           G_CONNECT_SWAPPED);

  _glossator_window_add_capture_shortcuts (self);
  glossator_compare_panel_add_shortcuts (compare_panel (self), GTK_WIDGET (self));

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

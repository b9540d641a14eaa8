/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-corpus-item.h"
#include "glossator-corpus-sidebar.h"
#include "glossator-window.h"
#include "glossator-workspace.h"

G_BEGIN_DECLS

struct _GlossatorWindow
{
  AdwApplicationWindow    parent_instance;

  /* Template widgets */
  AdwWindowTitle         *window_title;
  AdwSplitButton         *open_button;
  GtkToggleButton        *sidebar_button;
  GtkButton              *undo_button;
  GtkButton              *redo_button;
  GtkToggleButton        *done_button;
  GtkMenuButton          *primary_menu_button;
  AdwToastOverlay        *toast_overlay;
  /* The toast telling of the last change a key made (weak), until it is
   * dismissed: the next change is told in it. */
  AdwToast               *change_toast;
  AdwFlap                *flap;
  GlossatorCorpusSidebar *sidebar;
  GtkStack               *stack;
  AdwStatusPage          *welcome_page;
  GtkWidget              *recent_group;
  GtkListBox             *recent_list;
  GtkLabel               *loading_label;
  AdwStatusPage          *error_page;
  AdwStatusPage          *empty_page;
  GtkRevealer            *notice_revealer;
  GtkWidget              *notice_box;
  GtkImage               *notice_icon;
  GtkLabel               *notice_title;
  GtkLabel               *notice_body;
  GtkButton              *notice_button;
  GtkButton              *notice_close_button;
  GtkPaned               *paned;
  GtkWidget              *article_view;
  GtkStack               *side_stack;
  GtkWidget              *entities_panel;

  GSettings              *settings;
  GMenu                  *recent_menu;

  /* What is not a widget: the corpus, the open article, saving, recovery */
  GlossatorWorkspace     *workspace;
  GlossatorDocument      *document;           /* the workspace's, with our handlers */
  guint                   loading_page_id;
  guint                   trim_id;            /* memory handed back once an article shows */
  GtkWindow              *save_dialog;        /* waiting for the user's answer */
  gboolean                closing;            /* the workspace is settled */
  AdwToast               *done_toast;         /* weak: the last "Marked done…" news */
  GtkWidget              *statistics;         /* weak: the open Statistics window */
};

void  _glossator_window_class_init_actions   (GtkWidgetClass      *widget_class);
void  _glossator_window_add_capture_shortcuts (GlossatorWindow     *self);
void  _glossator_window_update_actions        (GlossatorWindow     *self);

void  _glossator_window_request_item          (GlossatorWindow     *self,
                                               GlossatorCorpusItem *item);
/* Saves the open article now (Ctrl+S). */
void  _glossator_window_save                  (GlossatorWindow     *self);
/* Saves the open article, then reads it again. */
void  _glossator_window_reload_article        (GlossatorWindow     *self);
void  _glossator_window_open_sample           (GlossatorWindow     *self);
void  _glossator_window_open_recent           (GlossatorWindow     *self,
                                               const char          *uri);
/* The window a toast's Details button opens (Escape closes it). */
GtkWidget *_glossator_window_show_details (GlossatorWindow *self,
                                           const char      *message,
                                           const char      *details,
                                           GFile           *folder);
/* Shows @toast, its title logged for scripts (glossator-window.c). */
void  _glossator_window_add_toast             (GlossatorWindow     *self,
                                               AdwToast            *toast);
void  _glossator_window_toast                 (GlossatorWindow     *self,
                                               const char          *message);
void  _glossator_window_update_titles         (GlossatorWindow     *self);

/* glossator-window-recovery.c: what the workspace tells of the journal and
 * of outside changes, shown as dialogs and toasts. */
void  _glossator_window_connect_recovery      (GlossatorWindow     *self);

/* "Saved", "Unsaved changes", "Saving…", "Read-only: …" */
const char *_glossator_window_get_save_state  (GlossatorWindow     *self);

G_END_DECLS

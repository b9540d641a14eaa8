/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-corpus-item.h"
#include "glossator-corpus-sidebar.h"
#include "glossator-journal.h"
#include "glossator-session.h"
#include "glossator-window.h"

G_BEGIN_DECLS

/* What to do once the open article is saved. */
typedef enum {
  GLOSSATOR_AFTER_SAVE_NOTHING,
  GLOSSATOR_AFTER_SAVE_SWITCH,        /* open pending_item */
  GLOSSATOR_AFTER_SAVE_OPEN_CORPUS,   /* open pending_roots */
  GLOSSATOR_AFTER_SAVE_RELOAD,        /* reopen the article from disk */
  GLOSSATOR_AFTER_SAVE_CLOSE,         /* close the window */
  GLOSSATOR_AFTER_SAVE_EXPORT,        /* show the export dialog */
  GLOSSATOR_AFTER_SAVE_IMPORT,        /* show the import dialog */
} GlossatorAfterSave;

/* Why the open article is being read again. */
typedef enum {
  GLOSSATOR_RELOAD_NONE,
  GLOSSATOR_RELOAD_SIDECAR_CHANGED,   /* by another program */
  GLOSSATOR_RELOAD_ARTICLE_CHANGED,   /* by another program: re-anchor */
} GlossatorReload;

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

  /* The corpus */
  GPtrArray              *roots;              /* GFile*, as opened */
  GFile                  *corpus_folder;      /* when one folder was opened */
  GListStore             *items;              /* GlossatorCorpusItem */
  GCancellable           *corpus_cancellable;
  gboolean                summaries_pending;  /* once the first article is open */

  /* The open article */
  GlossatorCorpusItem    *current_item;
  GlossatorSession       *session;
  GlossatorDocument      *document;           /* the session's, with our handlers */
  GCancellable           *open_cancellable;
  guint                   loading_page_id;

  /* Requests waiting for the open article to be saved */
  GlossatorAfterSave      after_save;
  GlossatorCorpusItem    *pending_item;
  GPtrArray              *pending_roots;

  /* Saving */
  gboolean                saving;
  guint                   autosave_id;
  gboolean                autosave_blocked;
  char                   *save_problem;       /* why the last save failed */
  GtkWindow              *save_dialog;
  gboolean                closing;            /* the close was confirmed */

  /* Recovery (glossator-window-recovery.c) */
  GlossatorJournal       *journal;
  GlossatorJournalRecovery *pending_recovery;  /* while the user decides */
  GFileMonitor           *article_monitor;
  GFileMonitor           *sidecar_monitor;
  guint                   outside_check_id;
  GCancellable           *outside_cancellable;
  gboolean                outside_recheck;    /* a change came during a save */
  gboolean                article_changed;    /* since the last look */
  gboolean                sidecar_changed;
  GlossatorReload         reload_reason;
  GlossatorDocument      *reanchor_from;      /* the document before the article changed */
};

void  _glossator_window_class_init_actions   (GtkWidgetClass      *widget_class);
void  _glossator_window_add_capture_shortcuts (GlossatorWindow     *self);
void  _glossator_window_update_actions        (GlossatorWindow     *self);

void  _glossator_window_request_item          (GlossatorWindow     *self,
                                               GlossatorCorpusItem *item);
void  _glossator_window_save                  (GlossatorWindow     *self,
                                               GlossatorAfterSave   then);
void  _glossator_window_open_sample           (GlossatorWindow     *self);
void  _glossator_window_open_recent           (GlossatorWindow     *self,
                                               const char          *uri);
void  _glossator_window_toast                 (GlossatorWindow     *self,
                                               const char          *message);
/* The dataset dialogs, once the open article is saved (exports read the
 * files; an import may write over the open article's sidecar). */
void  _glossator_window_show_export           (GlossatorWindow     *self);
void  _glossator_window_show_import           (GlossatorWindow     *self);
void  _glossator_window_update_titles         (GlossatorWindow     *self);
/* Saves over a sidecar changed on disk (the user chose to keep theirs). */
void  _glossator_window_save_over             (GlossatorWindow     *self);
/* Reads the open article again: after saving it when its text changed,
 * dropping unsaved edits when its sidecar did (the user chose so). */
void  _glossator_window_reload                (GlossatorWindow     *self,
                                               GlossatorReload      reason);

/* glossator-window-recovery.c: the journal and outside changes of the open
 * article, from install to detach. */
void  _glossator_window_attach_recovery       (GlossatorWindow     *self,
                                               GlossatorReload      reason);
void  _glossator_window_detach_recovery       (GlossatorWindow     *self);
void  _glossator_window_journal_saved         (GlossatorWindow     *self);
void  _glossator_window_discard_journal       (GlossatorWindow     *self);

/* "Saved", "Unsaved changes", "Saving…", "Read-only: …" */
const char *_glossator_window_get_save_state  (GlossatorWindow     *self);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "glossator-article-view.h"
#include "glossator-label-palette.h"
#include "glossator-mention-painter.h"
#include "glossator-mention-popover.h"
#include "glossator-search-bar.h"

G_BEGIN_DECLS

/* Shared by glossator-article-view.c (the widget, search, pointer) and
 * glossator-article-view-actions.c (actions, keys, tagging commands). */
struct _GlossatorArticleView {
  GtkWidget                parent_instance;

  GtkWidget               *box;
  GlossatorSearchBar      *search_bar;
  GtkScrolledWindow       *scroller;
  GtkTextView             *text_view;
  GlossatorLabelPalette   *palette;
  GlossatorMentionPopover *popover;

  GlossatorDocument       *document;
  GlossatorSchema         *schema;
  GlossatorText           *text;
  guint                    length;
  /* The text shown before its document is here (show_text), or NULL. */
  GBytes                  *preview;
  GtkTextBuffer           *buffer;
  GlossatorMentionPainter *painter;
  GtkCssProvider          *font_provider;
  GMenu                   *extra_menu;

  GtkTextMark             *scroll_mark;

  /* Adjudication: the current difference's badges, a child drawn over
   * the text (glossator-article-view-differences.c). */
  GtkWidget               *difference_badge;
  guint                    difference_badge_offset;
  /* The frame clock whose next painted frame starts segmenting the text
   * (see queue_warm_up), and the handler waiting for it. */
  GdkFrameClock           *warm_up_clock;
  gulong                   warm_up_handler;

  char                    *selected_mention;
  char                    *highlighted_entity;

  GArray                  *search_hits;
  int                      search_current;

  gint64                   last_press_time;
  double                   last_press_x;
  double                   last_press_y;

  guint                    text_size;
  int                      margin;
  gboolean                 read_only;
  gboolean                 snap_to_words;

  /* The selected mention's edge being dragged (a GlossatorEdge), or -1. */
  int                      dragged_edge;
  double                   drag_start_x;
  double                   drag_start_y;
  gboolean                 over_edge;
};

/* In glossator-article-view.c */
void              _glossator_article_view_iter_at            (GlossatorArticleView *self,
                                                              GtkTextIter          *iter,
                                                              guint                 offset);
guint             _glossator_article_view_get_cursor         (GlossatorArticleView *self);
gboolean          _glossator_article_view_has_text_selection (GlossatorArticleView *self);
/* The selected mention, owned by the document, or NULL. */
GlossatorMention *_glossator_article_view_get_selected       (GlossatorArticleView *self);
/* What a command without a text selection acts on: the selected mention,
 * else the one at the cursor. */
GlossatorMention *_glossator_article_view_get_target         (GlossatorArticleView *self);
void              _glossator_article_view_set_selected       (GlossatorArticleView *self,
                                                              const char           *mention_id);
/* Scrolls [@start, @end) into view (tagged first). */
void              _glossator_article_view_scroll_to          (GlossatorArticleView *self,
                                                              guint                 start,
                                                              guint                 end);
void              _glossator_article_view_error_bell         (GlossatorArticleView *self);

/* In glossator-article-view-differences.c: places and drops the badge. */
void              _glossator_article_view_allocate_badge     (GlossatorArticleView *self);
void              _glossator_article_view_dispose_badge      (GlossatorArticleView *self);

/* In glossator-article-view-actions.c */
void              _glossator_article_view_class_actions_init (GlossatorArticleViewClass *klass);
void              _glossator_article_view_actions_init       (GlossatorArticleView *self);
void              _glossator_article_view_update_actions     (GlossatorArticleView *self);
/* The mention's text on one line, cut short, for a line of feedback. */
char             *_glossator_article_view_dup_short_text     (GlossatorArticleView   *self,
                                                              const GlossatorMention *mention);
/* Emits "announce": a command changed the annotations. */
void              _glossator_article_view_announce           (GlossatorArticleView *self,
                                                              const char           *message,
                                                              gboolean              undoable);
/* The text's context menu: Tag As (the schema's labels), Edit, Annotate
 * All, Delete. */
void              _glossator_article_view_update_menu        (GlossatorArticleView *self);

/* In glossator-article-view-edges.c: keys and dragging that move the
 * selected mention's edges. */
void              _glossator_article_view_edges_init         (GlossatorArticleView *self);
/* TRUE when @keyval with @state is an edge key and was used. */
gboolean          _glossator_article_view_run_edge_key       (GlossatorArticleView *self,
                                                              guint                 keyval,
                                                              GdkModifierType       state);

/* For the widget tests and the GUI benchmark. */
GtkTextView *_glossator_article_view_get_text_view     (GlossatorArticleView *self);
/* What a key pressed with the focus in the text does: the view's fixed
 * keys, then a label's key; TRUE when the key was used. */
gboolean     _glossator_article_view_handle_key        (GlossatorArticleView *self,
                                                        guint                 keyval,
                                                        GdkModifierType       state);
/* What a label button of the palette does. */
void         _glossator_article_view_apply_label       (GlossatorArticleView *self,
                                                        const char           *label);
/* The tag tinting mentions with @label (created when missing). */
GtkTextTag  *_glossator_article_view_get_label_tag     (GlossatorArticleView *self,
                                                        const char           *label,
                                                        gboolean              nested);
/* Builds the mention tags still waiting for idle time, now. */
void         _glossator_article_view_finish_tags       (GlossatorArticleView *self);
gboolean     _glossator_article_view_is_building_tags  (GlossatorArticleView *self);
/* What hovering @offset tells (Pango markup): one line per mention there,
 * outer ones first, each with its label, and its text when nested, entity
 * and parts; NULL where there is none. */
char        *_glossator_article_view_dup_hover_markup  (GlossatorArticleView *self,
                                                        guint                 offset);
/* Whether segmenting the text waits for the frame showing the document. */
gboolean     _glossator_article_view_is_warm_up_waiting (GlossatorArticleView *self);
/* Runs a search as if typed into the search bar. */
void         _glossator_article_view_search            (GlossatorArticleView *self,
                                                        const char           *text,
                                                        gboolean              whole_word,
                                                        gboolean              match_case);
guint        _glossator_article_view_get_n_search_hits (GlossatorArticleView *self);
/* The current hit (-1 when none) and its span. */
int          _glossator_article_view_get_search_current (GlossatorArticleView *self,
                                                        guint                *start,
                                                        guint                *end);
/* Steps to the next (previous) match; FALSE when there is none. */
gboolean     _glossator_article_view_search_step       (GlossatorArticleView *self,
                                                        gboolean              backward);
/* Opens the Annotate All dialog for the target mention and returns it. */
GtkWidget   *_glossator_article_view_annotate_all      (GlossatorArticleView *self);
/* Opens the mention editor for the target mention and returns it. */
GtkWidget   *_glossator_article_view_edit_mention      (GlossatorArticleView *self);

G_END_DECLS

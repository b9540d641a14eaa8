/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-compare-panel"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <string.h>

#include "glossator-comparison.h"
#include "glossator-compare-panel-private.h"
#include "glossator-copies.h"
#include "glossator-copies-settings.h"
#include "glossator-difference-row.h"
#include "glossator-review.h"

struct _GlossatorComparePanel {
  GtkWidget             parent_instance;

  GtkWidget            *box;
  GtkLabel             *progress_label;
  GtkLabel             *corpus_label;
  GtkLabel             *problem_label;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  GtkListBox           *list;

  GSettings            *settings;
  GlossatorArticleView *view;
  GlossatorDocument    *gold;
  GFile                *corpus;
  GFile                *article;
  char                 *path;           /* the article's path in the corpus */
  gboolean              read_only;

  GPtrArray            *copy_files;     /* GFile*, the annotators' folders */
  GlossatorCopies      *copies;
  GPtrArray            *documents;      /* this article in each copy */
  GlossatorComparison  *comparison;
  char                 *problem;

  /* The rows' items; the current one is found again after a refresh by
   * its place and kind. */
  GArray               *rows;           /* guint item indexes */
  int                   current;
  guint                 current_start;
  guint                 current_end;
  GlossatorDifferenceKind current_kind;
  guint                 refresh_id;

  /* The corpus's progress: the saved gold's (review), with the articles
   * compared here since, as they are now. */
  GCancellable         *cancellable;
  JsonObject           *review;
  GHashTable           *live;           /* path → GlossatorProgress* */
  char                 *corpus_text;
};

G_DEFINE_FINAL_TYPE (GlossatorComparePanel, glossator_compare_panel, GTK_TYPE_WIDGET)

enum {
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void rebuild (GlossatorComparePanel *self);

static void
notice (GlossatorComparePanel *self,
        const char            *message)
{
  g_signal_emit (self, signals[NOTICE], 0, message);
}

static const GlossatorDifference *
current_item (GlossatorComparePanel *self)
{
  if (self->comparison == NULL || self->current < 0)
    return NULL;
  return glossator_comparison_get_item (self->comparison, g_array_index (self->rows, guint, self->current));
}

/* ---- the corpus's progress -------------------------------------------------- */

static void
show_corpus_progress (GlossatorComparePanel *self)
{
  JsonArray *articles = self->review != NULL && json_object_has_member (self->review, "articles")
                        ? json_object_get_array_member (self->review, "articles") : NULL;
  guint settled = 0, total = 0;
  g_autoptr(GHashTable) counted = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  gpointer key, value;

  g_clear_pointer (&self->corpus_text, g_free);
  if (articles != NULL)
    {
      for (guint k = 0; k < json_array_get_length (articles); k++)
        {
          JsonObject *item = json_array_get_object_element (articles, k);
          const char *path = json_object_get_string_member_with_default (item, "path", "");
          GlossatorProgress *live = g_hash_table_lookup (self->live, path);

          g_hash_table_add (counted, (gpointer) path);
          if (live != NULL)
            settled += live->settled, total += live->total;
          else
            {
              settled += json_object_get_int_member_with_default (item, "settled", 0);
              total += json_object_get_int_member_with_default (item, "total", 0);
            }
        }
      /* Articles the review left out (not in every copy) count as here. */
      g_hash_table_iter_init (&iter, self->live);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (!g_hash_table_contains (counted, key))
          settled += ((GlossatorProgress *) value)->settled, total += ((GlossatorProgress *) value)->total;
      /* TRANSLATORS: the adjudication's progress over the whole corpus. */
      self->corpus_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "Corpus: %u of %u disagreement settled",
                                                        "Corpus: %u of %u disagreements settled", total),
                                           settled, total);
    }
  gtk_label_set_text (self->corpus_label, self->corpus_text != NULL ? self->corpus_text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->corpus_label), self->corpus_text != NULL);
}

static void
reviewed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossatorComparePanel) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *review = glossator_review_corpus_finish (result, &error);

  if (review == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->review, json_object_unref);
  self->review = review;
  if (review == NULL)
    notice (self, error->message);
  show_corpus_progress (self);
}

static void
count_corpus (GlossatorComparePanel *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->review, json_object_unref);
  show_corpus_progress (self);
  if (self->corpus == NULL || self->copy_files->len == 0)
    return;
  self->cancellable = g_cancellable_new ();
  glossator_review_corpus_async (self->corpus, (GFile * const *) self->copy_files->pdata, self->copy_files->len,
                                 self->cancellable, reviewed_cb, g_object_ref (self));
}

/* ---- comparing the article ---------------------------------------------------- */

static void
set_problem (GlossatorComparePanel *self,
             char                  *problem)
{
  g_free (self->problem);
  self->problem = problem;
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
}

static void
clear_comparison (GlossatorComparePanel *self)
{
  g_clear_pointer (&self->comparison, glossator_comparison_free);
  g_ptr_array_set_size (self->documents, 0);
  self->current = -1;
}

/* The annotators' documents of the open article, or FALSE with the reason
 * in the problem line. */
static gboolean
load_copies_of_article (GlossatorComparePanel *self)
{
  guint n = glossator_copies_get_n_copies (self->copies);
  g_autofree GlossatorLoadedCopy *loaded = g_new0 (GlossatorLoadedCopy, n);
  g_autofree char *why = glossator_copies_why_left_out (self->copies, self->path);
  gboolean ok = why == NULL;

  if (!ok)
    set_problem (self, g_strdup_printf (_("Not compared: %s"), why));
  for (guint i = 0; ok && i < n; i++)
    {
      GFile *failed = NULL;  /* the copies' own */
      g_autoptr(GError) error = NULL;

      if (!glossator_copies_load (self->copies, i, self->path, &loaded[i], &failed, NULL, &error))
        {
          g_autofree char *name = failed != NULL ? g_file_get_parse_name (failed) : g_strdup (self->path);

          set_problem (self, g_strdup_printf (_("Could not read “%s”: %s"), name, error->message));
          ok = FALSE;
        }
    }
  if (ok && (why = glossator_copies_why_not_comparable (self->copies, loaded)) != NULL)
    {
      set_problem (self, g_strdup_printf (_("Not compared: %s"), why));
      ok = FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      if (ok)
        g_ptr_array_add (self->documents, g_object_ref (loaded[i].document));
      glossator_loaded_copy_clear (&loaded[i]);
    }
  return ok;
}

static void
compare_article (GlossatorComparePanel *self)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;

  clear_comparison (self);
  set_problem (self, NULL);
  if (self->gold == NULL)
    {
      rebuild (self);
      return;
    }

  if (self->copies != NULL && self->path != NULL && glossator_copies_get_n_copies (self->copies) > 0
      && load_copies_of_article (self))
    for (guint i = 0; i < self->documents->len; i++)
      g_ptr_array_add (names, (gpointer) glossator_copies_get_name (self->copies, i));
  else if (self->copies != NULL && self->path == NULL && glossator_copies_get_n_copies (self->copies) > 0)
    set_problem (self, g_strdup (_("Not compared: the article is not in the corpus folder")));
  g_ptr_array_add (names, NULL);

  self->comparison = glossator_comparison_new (self->gold, (const char * const *) names->pdata,
                                               (GlossatorDocument * const *) self->documents->pdata,
                                               self->documents->len, &error);
  if (self->comparison == NULL)
    {
      set_problem (self, g_strdup_printf (_("Not compared: %s"), error->message));
      g_ptr_array_set_size (self->documents, 0);
      /* The conflicts its sidecar records are still there to settle. */
      self->comparison = glossator_comparison_new (self->gold, NULL, NULL, 0, NULL);
    }
  rebuild (self);
}

/* ---- the list --------------------------------------------------------------- */

static void
mark_text (GlossatorComparePanel *self)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (guint));
  int current = -1;

  if (self->view == NULL || glossator_article_view_get_document (self->view) != self->gold)
    return;
  for (guint r = 0; r < self->rows->len; r++)
    {
      const GlossatorDifference *d = glossator_comparison_get_item (self->comparison,
                                                                    g_array_index (self->rows, guint, r));

      if (d->start == G_MAXUINT || (d->settled && (int) r != self->current))
        continue;
      if ((int) r == self->current)
        current = ranges->len / 2;
      g_array_append_val (ranges, d->start);
      g_array_append_val (ranges, d->end);
    }
  glossator_article_view_set_differences (self->view, (const guint *) ranges->data, ranges->len / 2, current);
  /* Who has which version, over the current one. */
  if (current >= 0)
    glossator_article_view_set_difference_badge (self->view,
                                                 glossator_difference_row_new_badges (self->comparison,
                                                                                      g_array_index (self->rows, guint,
                                                                                                     self->current)),
                                                 current_item (self)->end);
  else
    glossator_article_view_set_difference_badge (self->view, NULL, 0);
}

/* Selects the current row, its mention in the text and scrolls to it. */
static void
show_current (GlossatorComparePanel *self)
{
  const GlossatorDifference *d = current_item (self);
  GtkListBoxRow *row = self->current >= 0 ? gtk_list_box_get_row_at_index (self->list, self->current) : NULL;

  gtk_list_box_select_row (self->list, row);
  if (d != NULL)
    {
      self->current_start = d->start;
      self->current_end = d->end;
      self->current_kind = d->kind;
      if (self->view != NULL && d->gold_mention != NULL
          && glossator_article_view_get_document (self->view) == self->gold)
        glossator_article_view_select_mention (self->view, d->gold_mention->id);
    }
  mark_text (self);
  if (row != NULL)
    {
      /* Scrolls the list to it once it is laid out. */
      graphene_point_t point;

      if (gtk_widget_compute_point (GTK_WIDGET (row), GTK_WIDGET (self->list), &GRAPHENE_POINT_INIT (0, 0), &point))
        {
          GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
                                        gtk_widget_get_ancestor (GTK_WIDGET (self->list), GTK_TYPE_SCROLLED_WINDOW)));

          gtk_adjustment_clamp_page (adjustment, point.y, point.y + gtk_widget_get_height (GTK_WIDGET (row)));
        }
    }
}

static void
show_progress (GlossatorComparePanel *self)
{
  g_autofree char *text = NULL;

  if (self->comparison != NULL && self->rows->len > 0)
    {
      GlossatorProgress progress = glossator_comparison_get_progress (self->comparison);

      /* TRANSLATORS: the adjudication's progress in the open article. */
      guint to_take = progress.agreements - progress.agreements_in_gold;

      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Article: %u of %u difference settled",
                                           "Article: %u of %u differences settled", progress.total),
                              progress.settled, progress.total);
      if (to_take > 0)
        {
          g_autofree char *agreements = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                                      "%u agreement not in the gold yet",
                                                                      "%u agreements not in the gold yet",
                                                                      to_take), to_take);
          char *joined = g_strconcat (text, " · ", agreements, NULL);

          g_free (text);
          text = joined;
        }
      if (self->path != NULL && self->documents->len > 0)
        g_hash_table_insert (self->live, g_strdup (self->path), g_memdup2 (&progress, sizeof progress));
    }
  else if (self->documents->len > 0)
    text = g_strdup (_("The annotators agree on this article"));
  else if (self->gold != NULL && self->copy_files->len == 0)
    text = g_strdup (_("No annotators’ copies to compare with"));
  else
    text = g_strdup ("");
  gtk_label_set_text (self->progress_label, text);
  show_corpus_progress (self);
}

static void
rebuild (GlossatorComparePanel *self)
{
  GtkWidget *child;
  guint n = self->comparison != NULL ? glossator_comparison_get_n_items (self->comparison) : 0;
  int found = -1;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);
  g_array_set_size (self->rows, 0);

  /* Agreements the gold has are drawn as one, its own: not listed. Those
   * it lacks are, to be taken like the rest. */
  for (guint k = 0; k < n; k++)
    {
      const GlossatorDifference *d = glossator_comparison_get_item (self->comparison, k);

      if (d->kind == GLOSSATOR_DIFFERENCE_AGREEMENT && d->settled)
        continue;
      if (found < 0 && self->current >= 0 && d->kind == self->current_kind && d->start == self->current_start
          && d->end == self->current_end)
        found = self->rows->len;
      g_array_append_val (self->rows, k);
      gtk_list_box_append (self->list, glossator_difference_row_new (self->comparison, k, self->gold,
                                                                     (GlossatorDocument * const *) self->documents->pdata));
    }
  /* Else the first at or after where the current one was. */
  if (found < 0 && self->current >= 0)
    for (guint r = 0; r < self->rows->len && found < 0; r++)
      if (glossator_comparison_get_item (self->comparison, g_array_index (self->rows, guint, r))->start
          >= self->current_start)
        found = r;
  if (found < 0 && self->rows->len > 0)
    found = self->current >= 0 ? (int) self->rows->len - 1 : 0;
  self->current = found;

  gtk_stack_set_visible_child_name (self->stack, self->rows->len > 0 ? "list" : "empty");
  adw_status_page_set_title (self->empty_page, self->documents->len > 0 ? _("No Differences")
                                                                        : _("Nothing to Adjudicate"));
  show_progress (self);
  show_current (self);
}

static gboolean
refresh_cb (gpointer user_data)
{
  GlossatorComparePanel *self = user_data;

  self->refresh_id = 0;
  if (self->comparison != NULL)
    glossator_comparison_refresh (self->comparison);
  rebuild (self);
  return G_SOURCE_REMOVE;
}

/* An edit, an undo or a decision: the list follows once the edit is done. */
static void
gold_changed_cb (GlossatorComparePanel *self)
{
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_cb, self, NULL);
}

static void
row_activated_cb (GlossatorComparePanel *self,
                  GtkListBoxRow         *row)
{
  self->current = gtk_list_box_row_get_index (row);
  show_current (self);
}

/* ---- keys ------------------------------------------------------------------- */

static void
show_panel (GlossatorComparePanel *self)
{
  GtkWidget *stack = gtk_widget_get_parent (GTK_WIDGET (self));

  if (GTK_IS_STACK (stack))
    gtk_stack_set_visible_child (GTK_STACK (stack), GTK_WIDGET (self));
}

gboolean
_glossator_compare_panel_step (GlossatorComparePanel *self,
                               gboolean               backward)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), FALSE);

  if (self->rows->len == 0)
    return FALSE;
  if (self->current < 0)
    self->current = backward ? (int) self->rows->len - 1 : 0;
  else if (backward)
    self->current = self->current > 0 ? self->current - 1 : (int) self->rows->len - 1;
  else
    self->current = self->current + 1 < (int) self->rows->len ? self->current + 1 : 0;
  show_panel (self);
  show_current (self);
  return TRUE;
}

/* After a decision: the next difference still to settle, wrapping; the
 * current one when the decided item left the list for it. */
static void
advance (GlossatorComparePanel *self)
{
  const GlossatorDifference *d = current_item (self);

  for (guint step = d != NULL && !d->settled ? 0 : 1; step <= self->rows->len; step++)
    {
      guint r = (self->current + step) % self->rows->len;

      if (!glossator_comparison_get_item (self->comparison, g_array_index (self->rows, guint, r))->settled)
        {
          self->current = r;
          break;
        }
    }
  show_current (self);
}

gboolean
_glossator_compare_panel_decide (GlossatorComparePanel *self,
                                 int                    choice)
{
  const GlossatorDifference *d;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GlossatorDecision decision = choice == GLOSSATOR_COMPARE_NONE ? GLOSSATOR_DECISION_NONE
                               : choice == GLOSSATOR_COMPARE_KEEP ? GLOSSATOR_DECISION_KEEP_GOLD
                               : GLOSSATOR_DECISION_ACCEPT;
  guint n_sides;

  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), FALSE);

  if ((d = current_item (self)) == NULL)
    return FALSE;
  show_panel (self);
  if (self->read_only)
    {
      notice (self, _("This article cannot be edited now: nothing was decided"));
      return TRUE;
    }

  n_sides = d->kind == GLOSSATOR_DIFFERENCE_CONFLICT ? 2 : d->n_annotators;
  for (guint a = 0; a < n_sides && decision == GLOSSATOR_DECISION_ACCEPT; a++)
    if (choice == GLOSSATOR_COMPARE_ALL || (int) a == choice)
      g_ptr_array_add (names, (gpointer) (d->kind == GLOSSATOR_DIFFERENCE_CONFLICT
                                          ? (a == 0 ? "ours" : "theirs")
                                          : glossator_comparison_get_annotator (self->comparison, a)));
  if (decision == GLOSSATOR_DECISION_ACCEPT && names->len == 0)
    {
      /* TRANSLATORS: %d: the number of a key, Alt+%d. */
      g_autofree char *message = g_strdup_printf (_("No version to accept with Alt+%d here"), choice + 1);

      notice (self, message);
      return TRUE;
    }
  g_ptr_array_add (names, NULL);

  if (!glossator_comparison_decide (self->comparison, g_array_index (self->rows, guint, self->current), decision,
                                    (const char * const *) names->pdata, &error))
    {
      notice (self, error->message);
      return TRUE;
    }
  /* The decision refreshed the items: list them now, then move on. */
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  rebuild (self);
  advance (self);
  return TRUE;
}

static gboolean
step_cb (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  return _glossator_compare_panel_step (user_data, g_variant_get_boolean (args));
}

static gboolean
decide_cb (GtkWidget *widget,
           GVariant  *args,
           gpointer   user_data)
{
  return _glossator_compare_panel_decide (user_data, g_variant_get_int32 (args));
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              GtkShortcutFunc        callback,
              gpointer               data,
              GVariant              *args)
{
  GtkShortcut *shortcut = gtk_shortcut_new (gtk_keyval_trigger_new (keyval, modifiers),
                                            gtk_callback_action_new (callback, data, NULL));

  gtk_shortcut_set_arguments (shortcut, args);
  gtk_shortcut_controller_add_shortcut (controller, shortcut);
}

void
glossator_compare_panel_add_shortcuts (GlossatorComparePanel *self,
                                       GtkWidget             *window)
{
  GtkEventController *controller;
  GtkShortcutController *shortcuts;

  g_return_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self));
  g_return_if_fail (GTK_IS_WIDGET (window));

  /* Before the text view, which takes digits and letters for labels; the
   * keys do nothing (and go on) while there is nothing to adjudicate. */
  controller = gtk_shortcut_controller_new ();
  shortcuts = GTK_SHORTCUT_CONTROLLER (controller);
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  gtk_event_controller_set_name (controller, "glossator-compare-keys");
  add_shortcut (shortcuts, GDK_KEY_F8, 0, step_cb, self, g_variant_new_boolean (FALSE));
  add_shortcut (shortcuts, GDK_KEY_F8, GDK_SHIFT_MASK, step_cb, self, g_variant_new_boolean (TRUE));
  for (guint k = 0; k < 9; k++)
    {
      add_shortcut (shortcuts, GDK_KEY_1 + k, GDK_ALT_MASK, decide_cb, self, g_variant_new_int32 (k));
      add_shortcut (shortcuts, GDK_KEY_KP_1 + k, GDK_ALT_MASK, decide_cb, self, g_variant_new_int32 (k));
    }
  add_shortcut (shortcuts, GDK_KEY_a, GDK_ALT_MASK, decide_cb, self, g_variant_new_int32 (GLOSSATOR_COMPARE_ALL));
  add_shortcut (shortcuts, GDK_KEY_0, GDK_ALT_MASK, decide_cb, self, g_variant_new_int32 (GLOSSATOR_COMPARE_NONE));
  add_shortcut (shortcuts, GDK_KEY_k, GDK_ALT_MASK, decide_cb, self, g_variant_new_int32 (GLOSSATOR_COMPARE_KEEP));
  add_shortcut (shortcuts, GDK_KEY_KP_0, GDK_ALT_MASK, decide_cb, self,
                g_variant_new_int32 (GLOSSATOR_COMPARE_NONE));
  gtk_widget_add_controller (window, controller);
}

/* ---- copies ----------------------------------------------------------------- */

/* Walks the annotators' folders once per corpus; each article is read
 * from them as it opens. */
static void
walk_copies (GlossatorComparePanel *self)
{
  g_autoptr(GPtrArray) given = g_ptr_array_new_with_free_func (g_free);

  g_clear_pointer (&self->copies, glossator_copies_free);
  g_hash_table_remove_all (self->live);
  if (self->copy_files->len == 0)
    return;
  self->copies = glossator_copies_new ();
  for (guint i = 0; i < self->copy_files->len; i++)
    {
      glossator_copies_add_folder (self->copies, g_ptr_array_index (self->copy_files, i), NULL, NULL);
      g_ptr_array_add (given, g_file_get_parse_name (g_ptr_array_index (self->copy_files, i)));
    }
  g_ptr_array_add (given, NULL);
  glossator_copies_name (self->copies, (const char * const *) given->pdata);
}

void
glossator_compare_panel_set_copies (GlossatorComparePanel *self,
                                    GFile * const         *copies,
                                    guint                  n_copies)
{
  g_return_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self));
  g_return_if_fail (copies != NULL || n_copies == 0);

  g_ptr_array_set_size (self->copy_files, 0);
  for (guint i = 0; i < n_copies; i++)
    g_ptr_array_add (self->copy_files, g_object_ref (copies[i]));
  if (self->corpus != NULL)
    glossator_copies_settings_set (self->settings, self->corpus, copies, n_copies);
  walk_copies (self);
  count_corpus (self);
  compare_article (self);
  if (self->rows->len > 0)
    show_panel (self);
}

/* The Statistics window chose other copies for this corpus: compare with
 * those too. */
static void
settings_changed_cb (GlossatorComparePanel *self)
{
  g_autoptr(GPtrArray) copies = NULL;
  gboolean same;

  if (self->corpus == NULL)
    return;
  copies = glossator_copies_settings_get (self->settings, self->corpus);
  same = copies->len == self->copy_files->len;
  for (guint i = 0; same && i < copies->len; i++)
    same = g_file_equal (g_ptr_array_index (copies, i), g_ptr_array_index (self->copy_files, i));
  if (!same)
    glossator_compare_panel_set_copies (self, (GFile * const *) copies->pdata, copies->len);
}

static void
chosen_cb (GObject       *owner,
           GFile * const *copies,
           guint          n_copies)
{
  glossator_compare_panel_set_copies (GLOSSATOR_COMPARE_PANEL (owner), copies, n_copies);
}

void
glossator_compare_panel_choose_copies (GlossatorComparePanel *self,
                                       GtkWindow             *parent)
{
  g_autoptr(GFile) folder = NULL;

  g_return_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self));

  /* Copies are usually beside the corpus. */
  folder = self->copy_files->len > 0 ? g_file_get_parent (g_ptr_array_index (self->copy_files, 0))
           : self->corpus != NULL ? g_file_get_parent (self->corpus) : NULL;
  glossator_copies_choose (parent, _("Choose the Annotators’ Copies of This Corpus"), folder, chosen_cb,
                           G_OBJECT (self));
}

/* ---- the article ------------------------------------------------------------ */

void
glossator_compare_panel_set_article (GlossatorComparePanel *self,
                                     GlossatorArticleView  *view,
                                     GlossatorDocument     *document,
                                     GFile                 *corpus,
                                     GFile                 *article,
                                     gboolean               read_only)
{
  gboolean same_corpus;

  g_return_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self));
  g_return_if_fail (view == NULL || GLOSSATOR_IS_ARTICLE_VIEW (view));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));

  if (self->gold != NULL)
    g_signal_handlers_disconnect_by_data (self->gold, self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  clear_comparison (self);
  /* The marks belong to the article they were made for. */
  if (self->view != NULL && glossator_article_view_get_document (self->view) == self->gold && self->gold != NULL)
    {
      glossator_article_view_set_differences (self->view, NULL, 0, -1);
      glossator_article_view_set_difference_badge (self->view, NULL, 0);
    }
  g_set_object (&self->view, view);
  g_set_object (&self->gold, document);
  g_set_object (&self->article, article);
  self->read_only = read_only;
  same_corpus = (corpus == NULL && self->corpus == NULL)
                || (corpus != NULL && self->corpus != NULL && g_file_equal (corpus, self->corpus));
  if (!same_corpus)
    {
      g_set_object (&self->corpus, corpus);
      g_ptr_array_unref (self->copy_files);
      self->copy_files = corpus != NULL ? glossator_copies_settings_get (self->settings, corpus)
                                        : g_ptr_array_new_with_free_func (g_object_unref);
      walk_copies (self);
      count_corpus (self);
    }
  g_clear_pointer (&self->path, g_free);
  if (corpus != NULL && article != NULL)
    self->path = g_file_get_relative_path (corpus, article);

  if (document != NULL)
    {
      g_signal_connect_swapped (document, "mention-changed", G_CALLBACK (gold_changed_cb), self);
      g_signal_connect_swapped (document, "entity-changed", G_CALLBACK (gold_changed_cb), self);
      g_signal_connect_swapped (document, "stance-changed", G_CALLBACK (gold_changed_cb), self);
      g_signal_connect_swapped (document, "info-changed", G_CALLBACK (gold_changed_cb), self);
      g_signal_connect_swapped (document, "notify::can-undo", G_CALLBACK (gold_changed_cb), self);
    }
  compare_article (self);
  /* A corpus compared before shows the panel as it opens; later
   * articles leave the tab the user chose. */
  if (!same_corpus && self->copy_files->len > 0 && self->rows->len > 0)
    show_panel (self);
}

void
glossator_compare_panel_set_read_only (GlossatorComparePanel *self,
                                       gboolean               read_only)
{
  g_return_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self));

  self->read_only = read_only;
}

/* ---- for the tests ------------------------------------------------------------ */

guint
_glossator_compare_panel_get_n_rows (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), 0);

  return self->rows->len;
}

const char *
_glossator_compare_panel_get_row_text (GlossatorComparePanel *self,
                                       guint                  row)
{
  GtkListBoxRow *widget;

  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), NULL);

  widget = gtk_list_box_get_row_at_index (self->list, row);
  return widget != NULL ? glossator_difference_row_get_summary (GLOSSATOR_DIFFERENCE_ROW (widget)) : NULL;
}

int
_glossator_compare_panel_get_current (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), -1);

  return self->current;
}

const char *
_glossator_compare_panel_get_progress (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), NULL);

  return gtk_label_get_text (self->progress_label);
}

const char *
_glossator_compare_panel_get_corpus_progress (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), NULL);

  return self->corpus_text != NULL ? self->corpus_text : "";
}

const char *
_glossator_compare_panel_get_problem (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), NULL);

  return self->problem;
}

gboolean
_glossator_compare_panel_is_counting (GlossatorComparePanel *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_COMPARE_PANEL (self), FALSE);

  return self->cancellable != NULL;
}

/* ---- the widget --------------------------------------------------------------- */

static void
glossator_compare_panel_dispose (GObject *object)
{
  GlossatorComparePanel *self = GLOSSATOR_COMPARE_PANEL (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->gold != NULL)
    g_signal_handlers_disconnect_by_data (self->gold, self);
  clear_comparison (self);
  g_clear_object (&self->gold);
  g_clear_object (&self->view);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_COMPARE_PANEL);

  G_OBJECT_CLASS (glossator_compare_panel_parent_class)->dispose (object);
}

static void
glossator_compare_panel_finalize (GObject *object)
{
  GlossatorComparePanel *self = GLOSSATOR_COMPARE_PANEL (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->corpus);
  g_clear_object (&self->article);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->copies, glossator_copies_free);
  g_clear_pointer (&self->copy_files, g_ptr_array_unref);
  g_clear_pointer (&self->documents, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_array_unref);
  g_clear_pointer (&self->review, json_object_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->problem, g_free);
  g_clear_pointer (&self->corpus_text, g_free);

  G_OBJECT_CLASS (glossator_compare_panel_parent_class)->finalize (object);
}

static void
glossator_compare_panel_class_init (GlossatorComparePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_compare_panel_dispose;
  object_class->finalize = glossator_compare_panel_finalize;

  signals[NOTICE] = g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/glossator/Glossator/glossator-compare-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, corpus_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, problem_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorComparePanel, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_set_css_name (widget_class, "comparepanel");
}

static void
glossator_compare_panel_init (GlossatorComparePanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->settings = g_settings_new (APP_ID_BASE);
  g_signal_connect_object (self->settings, "changed::statistics-copies", G_CALLBACK (settings_changed_cb), self,
                           G_CONNECT_SWAPPED);
  self->copy_files = g_ptr_array_new_with_free_func (g_object_unref);
  self->documents = g_ptr_array_new_with_free_func (g_object_unref);
  self->rows = g_array_new (FALSE, FALSE, sizeof (guint));
  self->live = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->current = -1;
  show_progress (self);
}

GtkWidget *
glossator_compare_panel_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_COMPARE_PANEL, NULL);
}

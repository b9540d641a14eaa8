/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-statistics-window"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "glossator-copies-settings.h"
#include "glossator-review.h"
#include "glossator-statistics-window-private.h"

struct _GlossatorStatisticsWindow {
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *own_button;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkSpinner        *spinner;
  AdwStatusPage     *error_page;
  GtkBox            *charts_box;
  GtkLabel          *summary_label;
  GtkBox            *problems_box;
  GtkLabel          *problems_label;

  GlossatorChart    *charts[GLOSSATOR_STATISTICS_N_CHARTS];
  GtkWidget         *save_buttons[GLOSSATOR_STATISTICS_N_CHARTS][2];
  GtkLabel          *agreement_note;

  GFile             *corpus;
  GlossatorSchema   *schema;
  GPtrArray         *copies;     /* GFile* */
  GSettings         *settings;
  GCancellable      *cancellable;
  char              *problems;
};

G_DEFINE_FINAL_TYPE (GlossatorStatisticsWindow, glossator_statistics_window, ADW_TYPE_WINDOW)

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* A figure of agree's report: null (undefined) and missing are NAN. */
static double
member_number (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_double (node) : NAN;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The schema's names first, in its order, then the others met in the
 * @counts objects' members, in byte order. */
static GPtrArray *
ordered_names (GlossatorSchema *schema,
               gboolean         polarities,
               JsonObject     **counts,
               guint            n_counts)
{
  GPtrArray *names = g_ptr_array_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) others = g_ptr_array_new ();
  guint n = polarities ? glossator_schema_get_n_polarities (schema) : glossator_schema_get_n_labels (schema);

  for (guint i = 0; i < n; i++)
    {
      const GlossatorLabel *label = polarities ? glossator_schema_get_polarity (schema, i)
                                               : glossator_schema_get_label (schema, i);

      g_ptr_array_add (names, label->name);
      g_hash_table_add (seen, label->name);
    }
  for (guint k = 0; k < n_counts; k++)
    {
      g_autoptr(GList) members = counts[k] != NULL ? json_object_get_members (counts[k]) : NULL;

      for (GList *l = members; l != NULL; l = l->next)
        if (g_hash_table_add (seen, l->data))
          g_ptr_array_add (others, l->data);
    }
  g_ptr_array_sort (others, compare_strings);
  g_ptr_array_extend (names, others, NULL, NULL);
  g_ptr_array_add (names, NULL);
  return names;
}

static GPtrArray *
colors_for (GlossatorSchema *schema,
            gboolean         polarities,
            GPtrArray       *names)
{
  GPtrArray *colors = g_ptr_array_new ();

  for (guint i = 0; i + 1 < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      const GlossatorLabel *label = polarities ? glossator_schema_find_polarity (schema, name) : NULL;

      g_ptr_array_add (colors, (gpointer) (label != NULL ? label->color
                                                          : glossator_schema_color_for_label (schema, name)));
    }
  g_ptr_array_add (colors, NULL);
  return colors;
}

/* Counts per annotator (@member of the report) as grouped bars. */
static void
show_counts (GlossatorStatisticsWindow *self,
             GlossatorChart            *chart,
             JsonObject                *report,
             const char                *member,
             gboolean                   polarities,
             GPtrArray                 *annotators)
{
  JsonObject *by_annotator = member_object (report, member);
  g_autofree JsonObject **counts = g_new0 (JsonObject *, annotators->len);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) colors = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  guint n = annotators->len - 1;

  for (guint a = 0; a < n; a++)
    counts[a] = member_object (by_annotator, g_ptr_array_index (annotators, a));
  names = ordered_names (self->schema, polarities, counts, n);
  for (guint c = 0; c + 1 < names->len; c++)
    for (guint a = 0; a < n; a++)
      {
        double value = counts[a] != NULL
                       ? json_object_get_int_member_with_default (counts[a], g_ptr_array_index (names, c), 0)
                       : 0;

        g_array_append_val (values, value);
      }
  colors = colors_for (self->schema, polarities, names);
  glossator_chart_set_data (chart, (const char * const *) names->pdata,
                            (const char * const *) annotators->pdata, (double *) values->data, 0);
  glossator_chart_set_category_colors (chart, (const char * const *) colors->pdata);
}

/* Per label: α_u over all the annotators, and each pair's exact and
 * overlap F1, as agree reports them. */
static void
show_agreement (GlossatorStatisticsWindow *self,
                JsonObject                *report,
                GPtrArray                 *annotators)
{
  JsonObject *agreement = member_object (report, "agreement");
  JsonObject *overall = member_object (member_object (agreement, "overall"), "by_label");
  JsonArray *pairs = agreement != NULL && json_object_has_member (agreement, "pairs")
                     ? json_object_get_array_member (agreement, "pairs") : NULL;
  guint n_pairs = pairs != NULL ? json_array_get_length (pairs) : 0;
  g_autofree JsonObject **by_label = g_new0 (JsonObject *, n_pairs + 1);
  g_autoptr(GPtrArray) series = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) colors = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  GlossatorChart *chart = self->charts[GLOSSATOR_STATISTICS_AGREEMENT];
  gboolean shown = agreement != NULL;

  gtk_widget_set_visible (GTK_WIDGET (chart), shown);
  gtk_widget_set_visible (GTK_WIDGET (self->agreement_note), !shown);
  for (guint k = 0; k < 2; k++)
    gtk_widget_set_sensitive (self->save_buttons[GLOSSATOR_STATISTICS_AGREEMENT][k], shown);

  by_label[0] = overall;
  g_ptr_array_add (series, g_strdup ("α_u"));
  for (guint p = 0; p < n_pairs; p++)
    {
      JsonObject *pair = json_array_get_object_element (pairs, p);

      by_label[p + 1] = member_object (member_object (pair, "mentions"), "by_label");
      if (n_pairs == 1)
        {
          g_ptr_array_add (series, g_strdup (_("exact F1")));
          g_ptr_array_add (series, g_strdup (_("overlap F1")));
        }
      else
        {
          const char *a = json_object_get_string_member (pair, "a");
          const char *b = json_object_get_string_member (pair, "b");

          /* TRANSLATORS: the F1 of two annotators, e.g. "exact F1 alice–bob". */
          g_ptr_array_add (series, g_strdup_printf (_("exact F1 %s–%s"), a, b));
          g_ptr_array_add (series, g_strdup_printf (_("overlap F1 %s–%s"), a, b));
        }
    }
  g_ptr_array_add (series, NULL);

  /* Only the labels agree has figures for. */
  names = ordered_names (self->schema, FALSE, by_label, n_pairs + 1);
  for (guint c = 0; c + 1 < names->len; )
    {
      const char *label = g_ptr_array_index (names, c);
      gboolean known = FALSE;

      for (guint k = 0; k <= n_pairs; k++)
        known |= by_label[k] != NULL && json_object_has_member (by_label[k], label);
      if (known)
        c++;
      else
        g_ptr_array_remove_index (names, c);
    }
  for (guint c = 0; c + 1 < names->len; c++)
    {
      const char *label = g_ptr_array_index (names, c);
      double value = member_number (member_object (overall, label), "krippendorff_alpha_u");

      g_array_append_val (values, value);
      for (guint p = 0; p < n_pairs; p++)
        {
          JsonObject *figures = member_object (by_label[p + 1], label);

          value = member_number (member_object (figures, "exact"), "f1");
          g_array_append_val (values, value);
          value = member_number (member_object (figures, "overlap"), "f1");
          g_array_append_val (values, value);
        }
    }
  colors = colors_for (self->schema, FALSE, names);
  glossator_chart_set_data (chart, (const char * const *) names->pdata,
                            (const char * const *) series->pdata, (double *) values->data, 2);
  glossator_chart_set_category_colors (chart, (const char * const *) colors->pdata);
  glossator_chart_set_range (chart, 0.0, 1.0);
}

static void
show_status (GlossatorStatisticsWindow *self,
             JsonObject                *report)
{
  static const char * const keys[] = { "todo", "in-progress", "done" };
  /* libadwaita's grey, yellow and green. */
  static const char * const colors[] = { "#9a9996", "#e5a50a", "#2ec27e", NULL };
  const char *series[] = { _("To do"), _("In progress"), _("Done"), NULL };
  JsonObject *status = member_object (report, "status");
  g_autofree char *name = g_file_get_basename (self->corpus);
  const char *categories[] = { name, NULL };
  double values[G_N_ELEMENTS (keys)];

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    values[k] = status != NULL ? json_object_get_int_member_with_default (status, keys[k], 0) : 0;
  glossator_chart_set_data (self->charts[GLOSSATOR_STATISTICS_STATUS], categories, series, values, 0);
  glossator_chart_set_series_colors (self->charts[GLOSSATOR_STATISTICS_STATUS], colors);
}

/* Articles that could not be read, compared or counted, by file. */
static void
show_problems (GlossatorStatisticsWindow *self,
               JsonObject                *report)
{
  GString *text = g_string_new (NULL);
  JsonArray *articles = json_object_get_array_member (report, "articles");
  JsonArray *warnings = json_object_get_array_member (report, "warnings");

  for (guint k = 0; warnings != NULL && k < json_array_get_length (warnings); k++)
    g_string_append_printf (text, "%s\n", json_array_get_string_element (warnings, k));
  for (guint k = 0; articles != NULL && k < json_array_get_length (articles); k++)
    {
      JsonObject *item = json_array_get_object_element (articles, k);
      const char *path = json_object_get_string_member (item, "path");

      if (json_object_has_member (item, "error"))
        g_string_append_printf (text, "%s: %s\n", path, json_object_get_string_member (item, "error"));
      /* Without copies nothing is compared: what is left out of a
       * comparison says nothing then. */
      else if (json_object_has_member (item, "left_out") && self->copies->len > 0)
        g_string_append_printf (text, "%s: %s\n", path, json_object_get_string_member (item, "left_out"));
    }
  if (text->len > 0)
    g_string_truncate (text, text->len - 1);
  g_clear_pointer (&self->problems, g_free);
  self->problems = text->len > 0 ? g_strdup (text->str) : NULL;
  gtk_label_set_text (self->problems_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_box), text->len > 0);
  g_string_free (text, TRUE);
}

static void
show_report (GlossatorStatisticsWindow *self,
             JsonObject                *report)
{
  JsonArray *list = json_object_get_array_member (report, "annotators");
  JsonObject *progress = member_object (report, "progress");
  g_autoptr(GPtrArray) annotators = g_ptr_array_new ();
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *joined = NULL;
  JsonArray *articles = json_object_get_array_member (report, "articles");

  for (guint k = 0; list != NULL && k < json_array_get_length (list); k++)
    g_ptr_array_add (annotators, (gpointer) json_array_get_string_element (list, k));
  g_ptr_array_add (annotators, NULL);
  joined = g_strjoinv (", ", (char **) annotators->pdata);

  show_counts (self, self->charts[GLOSSATOR_STATISTICS_MENTIONS], report, "mentions_by_label", FALSE, annotators);
  show_counts (self, self->charts[GLOSSATOR_STATISTICS_POLARITIES], report, "stance_polarities", TRUE, annotators);
  show_agreement (self, report, annotators);
  show_status (self, report);
  show_problems (self, report);

  g_string_append_printf (summary, g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles",
                                                articles != NULL ? json_array_get_length (articles) : 0),
                          articles != NULL ? json_array_get_length (articles) : 0);
  if (self->copies->len > 0)
    {
      g_string_append (summary, " · ");
      /* TRANSLATORS: %s: the annotators' names, comma-separated. */
      g_string_append_printf (summary, _("compared with %s"), joined);
      g_string_append (summary, " · ");
      g_string_append_printf (summary, _("%d of %d differences settled in the gold"),
                              (int) json_object_get_int_member_with_default (progress, "settled", 0),
                              (int) json_object_get_int_member_with_default (progress, "total", 0));
    }
  else
    {
      g_string_append (summary, " · ");
      g_string_append (summary, _("this corpus’s own annotations; choose “Compare With…” to add the annotators’ copies"));
    }
  gtk_label_set_text (self->summary_label, summary->str);
  gtk_stack_set_visible_child_name (self->stack, "charts");
}

/* What finishes after the window may have been closed holds it weakly: a
 * strong reference would keep a closed window alive past its transient
 * parent, which GTK then touches when the window goes. */
static GWeakRef *
weak_ref_new (gpointer object)
{
  GWeakRef *ref = g_new0 (GWeakRef, 1);

  g_weak_ref_init (ref, object);
  return ref;
}

static gpointer
weak_ref_steal (GWeakRef *ref)
{
  gpointer object = g_weak_ref_get (ref);

  g_weak_ref_clear (ref);
  g_free (ref);
  return object;
}

static void
reviewed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GlossatorStatisticsWindow) self = weak_ref_steal (user_data);
  g_autoptr(JsonObject) report = NULL;
  g_autoptr(GError) error = NULL;

  report = glossator_review_corpus_finish (result, &error);
  if (self == NULL || (report == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED)))
    return;
  gtk_spinner_stop (self->spinner);
  g_clear_object (&self->cancellable);
  if (report == NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      return;
    }
  show_report (self, report);
}

static void
reload (GlossatorStatisticsWindow *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  gtk_spinner_start (self->spinner);
  gtk_stack_set_visible_child_name (self->stack, "loading");
  gtk_widget_set_visible (GTK_WIDGET (self->own_button), self->copies->len > 0);

  /* Without copies the corpus is its own (only) annotator. */
  if (self->copies->len > 0)
    glossator_review_corpus_async (self->corpus, (GFile * const *) self->copies->pdata, self->copies->len,
                                   self->cancellable, reviewed_cb, weak_ref_new (self));
  else
    glossator_review_corpus_async (self->corpus, &self->corpus, 1, self->cancellable, reviewed_cb,
                                   weak_ref_new (self));
}

void
glossator_statistics_window_set_copies (GlossatorStatisticsWindow *self,
                                        GFile * const             *copies,
                                        guint                      n_copies)
{
  g_return_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self));
  g_return_if_fail (copies != NULL || n_copies == 0);

  g_ptr_array_set_size (self->copies, 0);
  for (guint i = 0; i < n_copies; i++)
    g_ptr_array_add (self->copies, g_object_ref (copies[i]));
  glossator_copies_settings_set (self->settings, self->corpus, (GFile * const *) self->copies->pdata,
                                 self->copies->len);
  reload (self);
}

static void
copies_chosen_cb (GObject       *owner,
                  GFile * const *copies,
                  guint          n_copies)
{
  glossator_statistics_window_set_copies (GLOSSATOR_STATISTICS_WINDOW (owner), copies, n_copies);
}

static void
compare_clicked_cb (GlossatorStatisticsWindow *self)
{
  g_autoptr(GFile) parent = g_file_get_parent (self->corpus);

  glossator_copies_choose (GTK_WINDOW (self), _("Choose the Annotators’ Copies"), parent, copies_chosen_cb,
                           G_OBJECT (self));
}

static void
own_clicked_cb (GlossatorStatisticsWindow *self)
{
  glossator_statistics_window_set_copies (self, NULL, 0);
}

typedef struct {
  GWeakRef  self;
  GFile    *file;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_weak_ref_clear (&data->self);
  g_object_unref (data->file);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GlossatorStatisticsWindow) self = g_weak_ref_get (&data->self);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_file_get_parse_name (data->file);
  g_autofree char *message = NULL;

  if (glossator_chart_save_finish (GLOSSATOR_CHART (object), result, &error))
    message = g_strdup_printf (_("Saved “%s”"), name);
  else
    message = g_strdup_printf (_("Could not save “%s”: %s"), name, error->message);
  if (self != NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
  else if (error != NULL)
    g_warning ("%s", message);
}

static void
save_response_cb (GtkNativeDialog           *chooser,
                  int                        response,
                  GlossatorStatisticsWindow *self)
{
  GlossatorChart *chart = g_object_get_data (G_OBJECT (chooser), "chart");
  GlossatorChartFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT)
    {
      SaveData *data = g_new0 (SaveData, 1);

      g_weak_ref_init (&data->self, self);
      data->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      glossator_chart_save_async (chart, data->file, format, NULL, saved_cb, data);
    }
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
  g_object_unref (self);
}

static void
save_clicked_cb (GtkButton                 *button,
                 GlossatorStatisticsWindow *self)
{
  GlossatorChart *chart = g_object_get_data (G_OBJECT (button), "chart");
  GlossatorChartFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "format"));
  g_autofree char *name = g_strdup_printf ("%s.%s", glossator_chart_get_title (chart),
                                           format == GLOSSATOR_CHART_FORMAT_PNG ? "png" : "svg");
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (format == GLOSSATOR_CHART_FORMAT_PNG ? _("Save the Chart as PNG")
                                                                              : _("Save the Chart as SVG"),
                                         GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_filter_set_name (filter, format == GLOSSATOR_CHART_FORMAT_PNG ? _("PNG images") : _("SVG images"));
  gtk_file_filter_add_suffix (filter, format == GLOSSATOR_CHART_FORMAT_PNG ? "png" : "svg");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  g_strdelimit (name, "/", '-');
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data_full (G_OBJECT (chooser), "chart", g_object_ref (chart), g_object_unref);
  g_object_set_data (G_OBJECT (chooser), "format", GUINT_TO_POINTER (format));
  g_signal_connect (chooser, "response", G_CALLBACK (save_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static GtkWidget *
save_button (GlossatorStatisticsWindow *self,
             GlossatorChart            *chart,
             GlossatorChartFormat       format)
{
  GtkWidget *button = gtk_button_new_with_label (format == GLOSSATOR_CHART_FORMAT_PNG ? _("Save as PNG…")
                                                                                      : _("Save as SVG…"));
  g_autofree char *tooltip = g_strdup_printf (format == GLOSSATOR_CHART_FORMAT_PNG ? _("Save “%s” as a PNG image")
                                                                                   : _("Save “%s” as an SVG image"),
                                              glossator_chart_get_title (chart));

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "chart", chart);
  g_object_set_data (G_OBJECT (button), "format", GUINT_TO_POINTER (format));
  g_signal_connect (button, "clicked", G_CALLBACK (save_clicked_cb), self);
  return button;
}

static void
add_chart (GlossatorStatisticsWindow *self,
           GlossatorStatisticsChart   which,
           GlossatorChartKind         kind,
           const char                *title,
           const char                *explanation)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *chart = glossator_chart_new (kind, title);
  GtkWidget *note = gtk_label_new (explanation);

  self->charts[which] = GLOSSATOR_CHART (chart);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_set_hexpand (heading, TRUE);
  gtk_widget_add_css_class (heading, "title-4");
  gtk_box_append (GTK_BOX (header), heading);
  for (guint k = 0; k < 2; k++)
    {
      self->save_buttons[which][k] = save_button (self, GLOSSATOR_CHART (chart), k);
      gtk_box_append (GTK_BOX (header), self->save_buttons[which][k]);
    }
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_label_set_wrap (GTK_LABEL (note), TRUE);
  gtk_widget_add_css_class (note, "dim-label");

  gtk_widget_set_margin_top (card, 12);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), note);
  gtk_box_append (GTK_BOX (card), chart);
  gtk_box_append (self->charts_box, card);
  if (which == GLOSSATOR_STATISTICS_AGREEMENT)
    {
      self->agreement_note = GTK_LABEL (gtk_label_new (_("Compare with two annotators’ copies or more to see "
                                                         "their agreement.")));
      gtk_label_set_xalign (self->agreement_note, 0);
      gtk_box_append (GTK_BOX (card), GTK_WIDGET (self->agreement_note));
    }
}

static void
glossator_statistics_window_dispose (GObject *object)
{
  GlossatorStatisticsWindow *self = GLOSSATOR_STATISTICS_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_STATISTICS_WINDOW);

  G_OBJECT_CLASS (glossator_statistics_window_parent_class)->dispose (object);
}

static void
glossator_statistics_window_finalize (GObject *object)
{
  GlossatorStatisticsWindow *self = GLOSSATOR_STATISTICS_WINDOW (object);

  g_clear_object (&self->corpus);
  g_clear_object (&self->schema);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->copies, g_ptr_array_unref);
  g_clear_pointer (&self->problems, g_free);

  G_OBJECT_CLASS (glossator_statistics_window_parent_class)->finalize (object);
}

static void
glossator_statistics_window_class_init (GlossatorStatisticsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_statistics_window_dispose;
  object_class->finalize = glossator_statistics_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-statistics-window.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, own_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, charts_box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, problems_box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStatisticsWindow, problems_label);
  gtk_widget_class_bind_template_callback (widget_class, compare_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, own_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
glossator_statistics_window_init (GlossatorStatisticsWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->copies = g_ptr_array_new_with_free_func (g_object_unref);
  self->settings = g_settings_new (APP_ID_BASE);
  add_chart (self, GLOSSATOR_STATISTICS_MENTIONS, GLOSSATOR_CHART_GROUPED_BARS, _("Mentions per Label"),
             _("Mentions of each label in each annotator’s copy, over the articles that can be compared."));
  add_chart (self, GLOSSATOR_STATISTICS_AGREEMENT, GLOSSATOR_CHART_GROUPED_BARS, _("Agreement per Label"),
             _("Krippendorff’s α_u over all annotators and each pair’s exact and overlap F1, as "
               "“glossator-cli agree” reports them; “—” is undefined (0/0)."));
  add_chart (self, GLOSSATOR_STATISTICS_STATUS, GLOSSATOR_CHART_STACKED_BARS, _("Articles by Status"),
             _("The status of each article in this corpus."));
  add_chart (self, GLOSSATOR_STATISTICS_POLARITIES, GLOSSATOR_CHART_GROUPED_BARS, _("Stances by Polarity"),
             _("Stances of each polarity in each annotator’s copy."));
}

GtkWidget *
glossator_statistics_window_new (GFile           *corpus,
                                 GlossatorSchema *schema)
{
  GlossatorStatisticsWindow *self;
  g_autofree char *name = NULL;

  g_return_val_if_fail (G_IS_FILE (corpus), NULL);
  g_return_val_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema), NULL);

  self = g_object_new (GLOSSATOR_TYPE_STATISTICS_WINDOW, NULL);
  self->corpus = g_object_ref (corpus);
  self->schema = schema != NULL ? g_object_ref (schema) : glossator_schema_new_default ();
  name = g_file_get_basename (corpus);
  adw_window_title_set_subtitle (self->window_title, name);
  g_ptr_array_unref (self->copies);
  self->copies = glossator_copies_settings_get (self->settings, corpus);
  reload (self);
  return GTK_WIDGET (self);
}

gboolean
glossator_statistics_window_shows (GlossatorStatisticsWindow *self,
                                   GFile                     *corpus)
{
  g_return_val_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (corpus), FALSE);

  return g_file_equal (self->corpus, corpus);
}

void
glossator_statistics_window_reload (GlossatorStatisticsWindow *self)
{
  g_return_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self));

  reload (self);
}

GlossatorChart *
_glossator_statistics_window_get_chart (GlossatorStatisticsWindow *self,
                                        GlossatorStatisticsChart   which)
{
  g_return_val_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self), NULL);
  g_return_val_if_fail (which < GLOSSATOR_STATISTICS_N_CHARTS, NULL);

  return self->charts[which];
}

gboolean
_glossator_statistics_window_is_loading (GlossatorStatisticsWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self), FALSE);

  return self->cancellable != NULL;
}

const char *
_glossator_statistics_window_get_problems (GlossatorStatisticsWindow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STATISTICS_WINDOW (self), NULL);

  return self->problems;
}

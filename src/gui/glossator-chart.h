/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef enum {
  GLOSSATOR_CHART_BARS,          /* one bar a category */
  GLOSSATOR_CHART_GROUPED_BARS,  /* one bar a series, side by side in each category */
  GLOSSATOR_CHART_STACKED_BARS,  /* one horizontal bar a category, the series end to end */
} GlossatorChartKind;

typedef enum {
  GLOSSATOR_CHART_FORMAT_PNG,
  GLOSSATOR_CHART_FORMAT_SVG,
} GlossatorChartFormat;

#define GLOSSATOR_TYPE_CHART (glossator_chart_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorChart, glossator_chart, GLOSSATOR, CHART, GtkWidget)

/* A bar chart of figures computed elsewhere: it keeps the values it is
 * given and draws them, with their names, values and a legend, in one
 * cairo routine used on screen and when saving, so the files show what
 * the window shows. Its accessible description lists every value. */
GtkWidget   *glossator_chart_new                 (GlossatorChartKind    kind,
                                                  const char           *title);
const char  *glossator_chart_get_title           (GlossatorChart       *self);
/* @values holds n_categories × n_series values, category by category; NAN
 * is an undefined figure (0/0), drawn as "—". @decimals: how values are
 * written. Clears the colours, which belong to the old names. */
void         glossator_chart_set_data            (GlossatorChart       *self,
                                                  const char * const   *categories,
                                                  const char * const   *series,
                                                  const double         *values,
                                                  guint                 decimals);
/* "#rrggbb" colours, one a category (or a series), nullable. Series
 * colours win; with category colours only, the series are told apart by
 * shades of their category's colour. */
void         glossator_chart_set_category_colors (GlossatorChart       *self,
                                                  const char * const   *colors);
void         glossator_chart_set_series_colors   (GlossatorChart       *self,
                                                  const char * const   *colors);
/* The axis always reaches @min and @max (e.g. 0 and 1 for F1). */
void         glossator_chart_set_range           (GlossatorChart       *self,
                                                  double                min,
                                                  double                max);

guint        glossator_chart_get_n_categories    (GlossatorChart       *self);
const char  *glossator_chart_get_category        (GlossatorChart       *self,
                                                  guint                 index);
guint        glossator_chart_get_n_series        (GlossatorChart       *self);
const char  *glossator_chart_get_series          (GlossatorChart       *self,
                                                  guint                 index);
double       glossator_chart_get_value           (GlossatorChart       *self,
                                                  guint                 category,
                                                  guint                 series);
/* The values as text, one category a line: the accessible description. */
char        *glossator_chart_dup_description     (GlossatorChart       *self);

/* Draws the chart into @cr over @width × @height (what the widget and the
 * files both use). @dark: colours for a dark background. */
void         glossator_chart_draw                (GlossatorChart       *self,
                                                  cairo_t              *cr,
                                                  int                   width,
                                                  int                   height,
                                                  gboolean              dark);
/* The chart as a PNG (twice the size on screen) or an SVG (with the
 * title and the values as its <title> and <desc>), light on white. */
GBytes      *glossator_chart_render              (GlossatorChart       *self,
                                                  GlossatorChartFormat  format,
                                                  GError              **error);
/* Renders and writes @file atomically. */
void         glossator_chart_save_async          (GlossatorChart       *self,
                                                  GFile                *file,
                                                  GlossatorChartFormat  format,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean     glossator_chart_save_finish         (GlossatorChart       *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

G_END_DECLS

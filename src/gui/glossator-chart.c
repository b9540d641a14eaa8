/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>
#include <cairo-svg.h>
#include <math.h>
#include <string.h>

#include "glossator-chart.h"

#define PAD 8.0
#define SWATCH 12.0
#define PNG_SCALE 2

struct _GlossatorChart {
  GtkWidget           parent_instance;

  GlossatorChartKind  kind;
  char               *title;
  GPtrArray          *categories;
  GPtrArray          *series;
  GArray             *values;
  GArray             *category_colors;   /* GdkRGBA, empty when none */
  GArray             *series_colors;
  guint               decimals;
  double              range_min;
  double              range_max;

  /* Where the last drawing put the bars, for tooltips. */
  double              plot_x0;
  double              plot_x1;
  double              plot_y0;
  double              plot_y1;
};

G_DEFINE_FINAL_TYPE (GlossatorChart, glossator_chart, GTK_TYPE_WIDGET)

/* libadwaita's palette, for series and categories without a colour. */
static const char * const fallback_colors[] = {
  "#3584e4", "#2ec27e", "#ff7800", "#9141ac", "#e01b24", "#f6d32d", "#986a44", "#77767b",
};

typedef struct {
  GdkRGBA fg;
  GdkRGBA bg;
} Palette;

static void
palette_init (Palette  *palette,
              gboolean  dark)
{
  /* The window backgrounds of libadwaita's light and dark styles. */
  gdk_rgba_parse (&palette->fg, dark ? "#ffffff" : "#000000");
  gdk_rgba_parse (&palette->bg, dark ? "#242424" : "#ffffff");
  palette->fg.alpha = dark ? 1.0 : 0.8;
}

static GdkRGBA
mix (const GdkRGBA *color,
     const GdkRGBA *toward,
     double         amount)
{
  return (GdkRGBA) {
    color->red + (toward->red - color->red) * amount,
    color->green + (toward->green - color->green) * amount,
    color->blue + (toward->blue - color->blue) * amount,
    1.0,
  };
}

static GdkRGBA
fallback (guint index)
{
  GdkRGBA color;

  gdk_rgba_parse (&color, fallback_colors[index % G_N_ELEMENTS (fallback_colors)]);
  return color;
}

/* How much of the background a series' shade takes: 0 for the first. */
static double
series_shade (GlossatorChart *self,
              guint           series)
{
  if (self->series->len < 2 || self->series_colors->len > 0 || self->category_colors->len == 0)
    return 0.0;
  return 0.65 * series / (self->series->len - 1);
}

static GdkRGBA
bar_color (GlossatorChart *self,
           const Palette  *palette,
           guint           category,
           guint           series)
{
  if (self->series_colors->len > 0)
    return g_array_index (self->series_colors, GdkRGBA, series);
  if (self->category_colors->len > 0)
    return mix (&g_array_index (self->category_colors, GdkRGBA, category), &palette->bg,
                series_shade (self, series));
  return fallback (self->series->len > 1 ? series : category);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha);
}

static void
set_faint (cairo_t       *cr,
           const GdkRGBA *fg,
           double         alpha)
{
  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, fg->alpha * alpha);
}

/* Black or white, whichever reads better on @color. */
static void
set_text_on (cairo_t       *cr,
             const GdkRGBA *color)
{
  double luminance = 0.2126 * color->red + 0.7152 * color->green + 0.0722 * color->blue;

  if (luminance > 0.55)
    cairo_set_source_rgba (cr, 0, 0, 0, 0.85);
  else
    cairo_set_source_rgb (cr, 1, 1, 1);
}

static char *
format_value (GlossatorChart *self,
              double          value)
{
  if (isnan (value))
    return g_strdup ("—");
  return g_strdup_printf ("%.*f", (int) self->decimals, value);
}

static double
value_at (GlossatorChart *self,
          guint           category,
          guint           series)
{
  return g_array_index (self->values, double, category * self->series->len + series);
}

static PangoLayout *
make_layout (GlossatorChart *self,
             cairo_t        *cr,
             double          scale,
             gboolean        bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoContext *widget_context = gtk_widget_get_pango_context (GTK_WIDGET (self));
  g_autoptr(PangoFontDescription) font = pango_font_description_copy (pango_context_get_font_description (widget_context));
  int size = pango_font_description_get_size (font);

  if (size <= 0)
    size = 10 * PANGO_SCALE;
  pango_font_description_set_size (font, (int) (size * scale));
  if (bold)
    pango_font_description_set_weight (font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description (layout, font);
  return layout;
}

static void
text_size (PangoLayout *layout,
           const char  *text,
           double      *width,
           double      *height)
{
  int w, h;

  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (width != NULL)
    *width = w;
  if (height != NULL)
    *height = h;
}

static void
show_text (cairo_t     *cr,
           PangoLayout *layout,
           const char  *text,
           double       x,
           double       y)
{
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static double
nice_step (double   span,
           gboolean integers)
{
  double raw = span / 5.0;
  double magnitude = pow (10.0, floor (log10 (raw)));
  double f = raw / magnitude;
  double step = (f <= 1.0 ? 1.0 : f <= 2.0 ? 2.0 : f <= 5.0 ? 5.0 : 10.0) * magnitude;

  return integers ? MAX (1.0, round (step)) : step;
}

/* The axis from @lo to @hi in steps of @step, covering every value. */
static void
axis_range (GlossatorChart *self,
            double         *lo,
            double         *hi,
            double         *step)
{
  double min = self->range_min, max = self->range_max;

  for (guint c = 0; c < self->categories->len; c++)
    {
      double sum = 0.0;

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = value_at (self, c, s);

          if (isnan (value))
            continue;
          sum += value;
          min = MIN (min, value);
          max = MAX (max, value);
        }
      if (self->kind == GLOSSATOR_CHART_STACKED_BARS)
        max = MAX (max, sum);
    }
  if (max <= min)
    max = min + 1.0;
  *step = nice_step (max - min, self->decimals == 0);
  *lo = floor (min / *step + 1e-9) * *step;
  *hi = ceil (max / *step - 1e-9) * *step;
}

/* The legend, one swatch and name a series, wrapped to @width; returns
 * its height. Draws only when @draw. */
static double
draw_legend (GlossatorChart *self,
             cairo_t        *cr,
             const Palette  *palette,
             PangoLayout    *layout,
             double          width,
             gboolean        draw)
{
  double x = PAD, y = PAD, line = 0.0;

  if (self->series->len < 2)
    return 0.0;
  for (guint s = 0; s < self->series->len; s++)
    {
      const char *name = g_ptr_array_index (self->series, s);
      double w, h;

      text_size (layout, name, &w, &h);
      line = MAX (line, h);
      if (x > PAD && x + SWATCH + 4 + w > width - PAD)
        {
          x = PAD;
          y += line + 4;
        }
      if (draw)
        {
          GdkRGBA swatch;
          double shade = series_shade (self, s);

          if (self->series_colors->len > 0)
            swatch = g_array_index (self->series_colors, GdkRGBA, s);
          else if (self->category_colors->len > 0)
            {
              GdkRGBA grey = palette->fg;

              grey.alpha = 1.0;
              grey = mix (&grey, &palette->bg, 0.4);
              swatch = mix (&grey, &palette->bg, shade);
              shade = MAX (shade, 0.01);
            }
          else
            swatch = fallback (s);
          cairo_rectangle (cr, x, y + (h - SWATCH) / 2, SWATCH, SWATCH);
          set_color (cr, &swatch);
          cairo_fill_preserve (cr);
          set_faint (cr, &palette->fg, 0.5);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
          set_color (cr, &palette->fg);
          show_text (cr, layout, name, x + SWATCH + 4, y);
        }
      x += SWATCH + 4 + w + 16;
    }
  return y + line + 6 - PAD;
}

static void
draw_empty (GlossatorChart *self,
            cairo_t        *cr,
            const Palette  *palette,
            int             width,
            int             height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, cr, 1.0, FALSE);
  double w, h;

  text_size (layout, _("Nothing to count yet"), &w, &h);
  set_faint (cr, &palette->fg, 0.6);
  show_text (cr, layout, _("Nothing to count yet"), (width - w) / 2, (height - h) / 2);
}

static void
draw_columns (GlossatorChart *self,
              cairo_t        *cr,
              const Palette  *palette,
              int             width,
              int             height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, cr, 1.0, FALSE);
  g_autoptr(PangoLayout) small = make_layout (self, cr, 0.78, FALSE);
  double lo, hi, step, tick_w = 0.0, line_h, small_h, legend_h;
  double x0, x1, y0, y1, slot, group, bar;
  guint n_series = self->series->len;

  axis_range (self, &lo, &hi, &step);
  text_size (layout, "0", NULL, &line_h);
  text_size (small, "0", NULL, &small_h);
  for (double t = lo; t <= hi + step / 2; t += step)
    {
      g_autofree char *label = format_value (self, t);
      double w;

      text_size (small, label, &w, NULL);
      tick_w = MAX (tick_w, w);
    }
  legend_h = draw_legend (self, cr, palette, layout, width, TRUE);

  x0 = PAD + tick_w + 6;
  x1 = width - PAD;
  y0 = PAD + legend_h + small_h + 2;
  y1 = height - PAD - line_h - 4;
  if (x1 <= x0 || y1 <= y0)
    return;

  /* Grid and tick labels. */
  cairo_set_line_width (cr, 1.0);
  for (double t = lo; t <= hi + step / 2; t += step)
    {
      g_autofree char *label = format_value (self, fabs (t) < step / 1e6 ? 0.0 : t);
      double y = round (y1 - (t - lo) / (hi - lo) * (y1 - y0)) + 0.5;
      double w;

      set_faint (cr, &palette->fg, fabs (t) < step / 1e6 ? 0.5 : 0.15);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x1, y);
      cairo_stroke (cr);
      text_size (small, label, &w, NULL);
      set_faint (cr, &palette->fg, 0.7);
      show_text (cr, small, label, x0 - 6 - w, y - small_h / 2);
    }

  slot = (x1 - x0) / self->categories->len;
  group = slot * (n_series > 1 ? 0.9 : 0.6);
  self->plot_x0 = x0;
  self->plot_x1 = x1;
  self->plot_y0 = y0;
  self->plot_y1 = y1;
  bar = group / n_series;
  for (guint c = 0; c < self->categories->len; c++)
    {
      double gx = x0 + c * slot + (slot - group) / 2;
      double w;

      for (guint s = 0; s < n_series; s++)
        {
          double value = value_at (self, c, s);
          double bx = gx + s * bar;
          double zero = y1 - (0.0 - lo) / (hi - lo) * (y1 - y0);
          g_autofree char *text = format_value (self, value);
          double tw;

          text_size (small, text, &tw, NULL);
          if (!isnan (value))
            {
              double top = y1 - (value - lo) / (hi - lo) * (y1 - y0);
              GdkRGBA color = bar_color (self, palette, c, s);
              double inset = n_series > 1 ? 1.0 : 0.0;

              cairo_rectangle (cr, bx + inset, MIN (top, zero), bar - 2 * inset, fabs (zero - top));
              set_color (cr, &color);
              cairo_fill_preserve (cr);
              if (value != 0.0 && self->category_colors->len > 0 && series_shade (self, s) > 0)
                {
                  GdkRGBA edge = bar_color (self, palette, c, 0);

                  set_color (cr, &edge);
                  cairo_stroke (cr);
                }
              else
                cairo_new_path (cr);
              if (tw <= bar - 1)
                {
                  set_color (cr, &palette->fg);
                  show_text (cr, small, text, bx + (bar - tw) / 2,
                             value >= 0 ? top - small_h - 1 : top + 1);
                }
            }
          else if (tw <= bar - 1)
            {
              set_faint (cr, &palette->fg, 0.6);
              show_text (cr, small, text, bx + (bar - tw) / 2, zero - small_h - 1);
            }
        }

      /* The category's name, shortened to its slot. */
      pango_layout_set_width (layout, (int) (slot - 4) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      text_size (layout, g_ptr_array_index (self->categories, c), &w, NULL);
      set_color (cr, &palette->fg);
      show_text (cr, layout, g_ptr_array_index (self->categories, c),
                 x0 + c * slot + (slot - w) / 2, y1 + 4);
      pango_layout_set_width (layout, -1);
    }
}

static void
draw_stacked (GlossatorChart *self,
              cairo_t        *cr,
              const Palette  *palette,
              int             width,
              int             height)
{
  g_autoptr(PangoLayout) layout = make_layout (self, cr, 1.0, FALSE);
  g_autoptr(PangoLayout) small = make_layout (self, cr, 0.85, FALSE);
  double lo, hi, step, name_w = 0.0, line_h, small_h, legend_h, row_h;
  double x0, x1, y0, y1;

  axis_range (self, &lo, &hi, &step);
  text_size (layout, "0", NULL, &line_h);
  text_size (small, "0", NULL, &small_h);
  for (guint c = 0; c < self->categories->len; c++)
    {
      double w;

      text_size (layout, g_ptr_array_index (self->categories, c), &w, NULL);
      name_w = MAX (name_w, w);
    }
  name_w = MIN (name_w, width * 0.35);
  legend_h = draw_legend (self, cr, palette, layout, width, TRUE);

  x0 = PAD + name_w + 8;
  x1 = width - PAD - 8;
  y0 = PAD + legend_h;
  y1 = height - PAD - small_h - 4;
  if (x1 <= x0 || y1 <= y0)
    return;
  row_h = (y1 - y0) / self->categories->len;
  self->plot_x0 = x0;
  self->plot_x1 = x1;
  self->plot_y0 = y0;
  self->plot_y1 = y1;

  cairo_set_line_width (cr, 1.0);
  for (double t = lo; t <= hi + step / 2; t += step)
    {
      g_autofree char *label = format_value (self, t);
      double x = round (x0 + (t - lo) / (hi - lo) * (x1 - x0)) + 0.5;
      double w;

      set_faint (cr, &palette->fg, t == lo ? 0.5 : 0.15);
      cairo_move_to (cr, x, y0);
      cairo_line_to (cr, x, y1);
      cairo_stroke (cr);
      text_size (small, label, &w, NULL);
      set_faint (cr, &palette->fg, 0.7);
      show_text (cr, small, label, x - w / 2, y1 + 4);
    }

  for (guint c = 0; c < self->categories->len; c++)
    {
      double y = y0 + c * row_h + row_h * 0.2;
      double h = MIN (row_h * 0.6, 3 * line_h);
      double x = x0;

      y = y0 + c * row_h + (row_h - h) / 2;
      pango_layout_set_width (layout, (int) name_w * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      set_color (cr, &palette->fg);
      show_text (cr, layout, g_ptr_array_index (self->categories, c), PAD, y + (h - line_h) / 2);
      pango_layout_set_width (layout, -1);

      for (guint s = 0; s < self->series->len; s++)
        {
          double value = value_at (self, c, s);
          double w = isnan (value) ? 0.0 : value / (hi - lo) * (x1 - x0);
          GdkRGBA color = bar_color (self, palette, c, s);
          g_autofree char *text = NULL;
          double tw;

          if (w <= 0.0)
            continue;
          cairo_rectangle (cr, x, y, w, h);
          set_color (cr, &color);
          cairo_fill (cr);
          text = format_value (self, value);
          text_size (small, text, &tw, NULL);
          if (tw + 4 <= w)
            {
              set_text_on (cr, &color);
              show_text (cr, small, text, x + (w - tw) / 2, y + (h - small_h) / 2);
            }
          x += w;
        }
    }
}

void
glossator_chart_draw (GlossatorChart *self,
                      cairo_t        *cr,
                      int             width,
                      int             height,
                      gboolean        dark)
{
  Palette palette;

  g_return_if_fail (GLOSSATOR_IS_CHART (self));
  g_return_if_fail (cr != NULL);

  palette_init (&palette, dark);
  cairo_save (cr);
  if (self->categories->len == 0 || self->series->len == 0)
    draw_empty (self, cr, &palette, width, height);
  else if (self->kind == GLOSSATOR_CHART_STACKED_BARS)
    draw_stacked (self, cr, &palette, width, height);
  else
    draw_columns (self, cr, &palette, width, height);
  cairo_restore (cr);
}

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
glossator_chart_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  GlossatorChart *self = GLOSSATOR_CHART (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  glossator_chart_draw (self, cr, width, height, is_dark ());
  cairo_destroy (cr);
}

/* The category and series under (@x, @y), as the last drawing placed
 * them. */
static gboolean
hit (GlossatorChart *self,
     double          x,
     double          y,
     guint          *category,
     guint          *series)
{
  guint n_categories = self->categories->len;
  guint n_series = self->series->len;

  if (n_categories == 0 || n_series == 0 || x < self->plot_x0 || x >= self->plot_x1 ||
      y < self->plot_y0 || y >= self->plot_y1)
    return FALSE;
  if (self->kind == GLOSSATOR_CHART_STACKED_BARS)
    {
      double lo, hi, step, start;

      *category = MIN (n_categories - 1, (guint) ((y - self->plot_y0) / (self->plot_y1 - self->plot_y0) * n_categories));
      axis_range (self, &lo, &hi, &step);
      start = self->plot_x0;
      for (guint s = 0; s < n_series; s++)
        {
          double value = value_at (self, *category, s);
          double end = start + (isnan (value) ? 0.0 : value / (hi - lo) * (self->plot_x1 - self->plot_x0));

          if (x >= start && x < end)
            {
              *series = s;
              return TRUE;
            }
          start = end;
        }
      return FALSE;
    }
  else
    {
      double slot = (self->plot_x1 - self->plot_x0) / n_categories;
      double group = slot * (n_series > 1 ? 0.9 : 0.6);
      double offset;

      *category = MIN (n_categories - 1, (guint) ((x - self->plot_x0) / slot));
      offset = x - self->plot_x0 - *category * slot - (slot - group) / 2;
      if (offset < 0 || offset >= group)
        return FALSE;
      *series = MIN (n_series - 1, (guint) (offset / (group / n_series)));
      return TRUE;
    }
}

static gboolean
query_tooltip_cb (GlossatorChart *self,
                  int             x,
                  int             y,
                  gboolean        keyboard,
                  GtkTooltip     *tooltip)
{
  guint category, series;
  g_autofree char *value = NULL;
  g_autofree char *text = NULL;

  if (keyboard || !hit (self, x, y, &category, &series))
    return FALSE;
  value = format_value (self, value_at (self, category, series));
  if (self->series->len > 1)
    text = g_strdup_printf ("%s · %s: %s", (const char *) g_ptr_array_index (self->categories, category),
                            (const char *) g_ptr_array_index (self->series, series), value);
  else
    text = g_strdup_printf ("%s: %s", (const char *) g_ptr_array_index (self->categories, category), value);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static int
line_height (GlossatorChart *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), "0");
  int h;

  pango_layout_get_pixel_size (layout, NULL, &h);
  return h;
}

static void
glossator_chart_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  GlossatorChart *self = GLOSSATOR_CHART (widget);
  guint n_categories = MAX (1, self->categories->len);
  guint n_series = MAX (1, self->series->len);
  int line = line_height (self);
  int legend = self->series->len > 1 ? line + 8 : 0;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = MAX (480, (int) (n_categories * (n_series * 30 + 24)) + 80);
    }
  else if (self->kind == GLOSSATOR_CHART_STACKED_BARS)
    *minimum = *natural = (int) (PAD * 2 + legend + n_categories * (2.2 * line + 8) + line + 4);
  else
    {
      *minimum = 200 + legend;
      *natural = 260 + legend;
    }
}

static void
style_changed_cb (GlossatorChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
glossator_chart_finalize (GObject *object)
{
  GlossatorChart *self = GLOSSATOR_CHART (object);

  g_free (self->title);
  g_ptr_array_unref (self->categories);
  g_ptr_array_unref (self->series);
  g_array_unref (self->values);
  g_array_unref (self->category_colors);
  g_array_unref (self->series_colors);

  G_OBJECT_CLASS (glossator_chart_parent_class)->finalize (object);
}

static void
glossator_chart_class_init (GlossatorChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glossator_chart_finalize;
  widget_class->snapshot = glossator_chart_snapshot;
  widget_class->measure = glossator_chart_measure;

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
glossator_chart_init (GlossatorChart *self)
{
  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->series = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  self->category_colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->series_colors = g_array_new (FALSE, FALSE, sizeof (GdkRGBA));
  self->range_min = 0.0;
  self->range_max = 0.0;
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (query_tooltip_cb), NULL);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (style_changed_cb), self, G_CONNECT_SWAPPED);
}

GtkWidget *
glossator_chart_new (GlossatorChartKind  kind,
                     const char         *title)
{
  GlossatorChart *self = g_object_new (GLOSSATOR_TYPE_CHART, NULL);

  self->kind = kind;
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  return GTK_WIDGET (self);
}

const char *
glossator_chart_get_title (GlossatorChart *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NULL);

  return self->title;
}

char *
glossator_chart_dup_description (GlossatorChart *self)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NULL);

  for (guint c = 0; c < self->categories->len; c++)
    {
      g_string_append_printf (text, "%s:", (const char *) g_ptr_array_index (self->categories, c));
      for (guint s = 0; s < self->series->len; s++)
        {
          g_autofree char *value = format_value (self, value_at (self, c, s));

          if (self->series->len > 1)
            g_string_append_printf (text, "%s %s %s", s > 0 ? "," : "",
                                    (const char *) g_ptr_array_index (self->series, s), value);
          else
            g_string_append_printf (text, " %s", value);
        }
      g_string_append_c (text, '\n');
    }
  if (text->len == 0)
    g_string_append (text, _("Nothing to count yet"));
  else
    g_string_truncate (text, text->len - 1);
  return g_string_free (text, FALSE);
}

static void
update_description (GlossatorChart *self)
{
  g_autofree char *description = glossator_chart_dup_description (self);

  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description, -1);
}

static void
set_strings (GPtrArray          *array,
             const char * const *strings)
{
  g_ptr_array_set_size (array, 0);
  for (guint i = 0; strings != NULL && strings[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (strings[i]));
}

static void
set_colors (GArray             *array,
            const char * const *colors,
            guint               n)
{
  g_array_set_size (array, 0);
  if (colors == NULL)
    return;
  for (guint i = 0; i < n; i++)
    {
      GdkRGBA color;

      if (colors[i] == NULL || !gdk_rgba_parse (&color, colors[i]))
        color = fallback (i);
      g_array_append_val (array, color);
    }
}

void
glossator_chart_set_data (GlossatorChart     *self,
                          const char * const *categories,
                          const char * const *series,
                          const double       *values,
                          guint               decimals)
{
  g_return_if_fail (GLOSSATOR_IS_CHART (self));

  set_strings (self->categories, categories);
  set_strings (self->series, series);
  g_return_if_fail (values != NULL || self->categories->len * self->series->len == 0);
  g_array_set_size (self->values, 0);
  g_array_append_vals (self->values, values, self->categories->len * self->series->len);
  g_array_set_size (self->category_colors, 0);
  g_array_set_size (self->series_colors, 0);
  self->decimals = decimals;
  update_description (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

void
glossator_chart_set_category_colors (GlossatorChart     *self,
                                     const char * const *colors)
{
  g_return_if_fail (GLOSSATOR_IS_CHART (self));

  set_colors (self->category_colors, colors, self->categories->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
glossator_chart_set_series_colors (GlossatorChart     *self,
                                   const char * const *colors)
{
  g_return_if_fail (GLOSSATOR_IS_CHART (self));

  set_colors (self->series_colors, colors, self->series->len);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
glossator_chart_set_range (GlossatorChart *self,
                           double          min,
                           double          max)
{
  g_return_if_fail (GLOSSATOR_IS_CHART (self));

  self->range_min = min;
  self->range_max = max;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
glossator_chart_get_n_categories (GlossatorChart *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), 0);

  return self->categories->len;
}

const char *
glossator_chart_get_category (GlossatorChart *self,
                              guint           index)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);

  return g_ptr_array_index (self->categories, index);
}

guint
glossator_chart_get_n_series (GlossatorChart *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), 0);

  return self->series->len;
}

const char *
glossator_chart_get_series (GlossatorChart *self,
                            guint           index)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NULL);
  g_return_val_if_fail (index < self->series->len, NULL);

  return g_ptr_array_index (self->series, index);
}

double
glossator_chart_get_value (GlossatorChart *self,
                           guint           category,
                           guint           series)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NAN);
  g_return_val_if_fail (category < self->categories->len && series < self->series->len, NAN);

  return value_at (self, category, series);
}

static cairo_status_t
append_cb (void                *closure,
           const unsigned char *data,
           unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* The size the chart has on screen, or would have. */
static void
export_size (GlossatorChart *self,
             int            *width,
             int            *height)
{
  *width = gtk_widget_get_width (GTK_WIDGET (self));
  *height = gtk_widget_get_height (GTK_WIDGET (self));
  if (*width <= 0 || *height <= 0)
    {
      int unused;

      glossator_chart_measure (GTK_WIDGET (self), GTK_ORIENTATION_HORIZONTAL, -1, &unused, width, NULL, NULL);
      glossator_chart_measure (GTK_WIDGET (self), GTK_ORIENTATION_VERTICAL, *width, &unused, height, NULL, NULL);
    }
}

static void
draw_on_white (GlossatorChart *self,
               cairo_t        *cr,
               int             width,
               int             height)
{
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  glossator_chart_draw (self, cr, width, height, FALSE);
}

/* SVG's own accessible names: the title and the values, which cairo's
 * glyph outlines do not carry. */
static GBytes *
add_svg_title (GlossatorChart *self,
               GByteArray     *svg)
{
  g_autofree char *description = glossator_chart_dup_description (self);
  g_autofree char *title = g_markup_escape_text (self->title != NULL ? self->title : "", -1);
  g_autofree char *desc = g_markup_escape_text (description, -1);
  g_autofree char *element = g_strdup_printf ("\n<title>%s</title>\n<desc>%s</desc>", title, desc);
  const char *start = g_strstr_len ((const char *) svg->data, svg->len, "<svg");
  const char *end = start != NULL ? memchr (start, '>', svg->len - (start - (const char *) svg->data)) : NULL;
  GByteArray *out;

  g_assert (end != NULL);
  out = g_byte_array_sized_new (svg->len + strlen (element));
  g_byte_array_append (out, svg->data, end + 1 - (const char *) svg->data);
  g_byte_array_append (out, (const guint8 *) element, strlen (element));
  g_byte_array_append (out, (const guint8 *) end + 1, svg->len - (end + 1 - (const char *) svg->data));
  return g_byte_array_free_to_bytes (out);
}

GBytes *
glossator_chart_render (GlossatorChart        *self,
                        GlossatorChartFormat   format,
                        GError               **error)
{
  g_autoptr(GByteArray) data = g_byte_array_new ();
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  int width, height;

  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), NULL);

  export_size (self, &width, &height);
  if (format == GLOSSATOR_CHART_FORMAT_SVG)
    surface = cairo_svg_surface_create_for_stream (append_cb, data, width, height);
  else
    {
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width * PNG_SCALE, height * PNG_SCALE);
      cairo_surface_set_device_scale (surface, PNG_SCALE, PNG_SCALE);
    }
  cr = cairo_create (surface);
  draw_on_white (self, cr, width, height);
  cairo_destroy (cr);
  if (format == GLOSSATOR_CHART_FORMAT_PNG)
    status = cairo_surface_write_to_png_stream (surface, append_cb, data);
  else
    {
      cairo_surface_finish (surface);
      status = cairo_surface_status (surface);
    }
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not draw the chart: %s"),
                   cairo_status_to_string (status));
      return NULL;
    }
  if (format == GLOSSATOR_CHART_FORMAT_SVG)
    return add_svg_title (self, data);
  return g_byte_array_free_to_bytes (g_steal_pointer (&data));
}

static void
replaced_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (g_file_replace_contents_finish (G_FILE (object), result, NULL, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
glossator_chart_save_async (GlossatorChart       *self,
                            GFile                *file,
                            GlossatorChartFormat  format,
                            GCancellable         *cancellable,
                            GAsyncReadyCallback   callback,
                            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  g_return_if_fail (GLOSSATOR_IS_CHART (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_chart_save_async);
  bytes = glossator_chart_render (self, format, &error);
  if (bytes == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_file_replace_contents_bytes_async (file, bytes, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                                       cancellable, replaced_cb, g_steal_pointer (&task));
}

gboolean
glossator_chart_save_finish (GlossatorChart  *self,
                             GAsyncResult    *result,
                             GError         **error)
{
  g_return_val_if_fail (GLOSSATOR_IS_CHART (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

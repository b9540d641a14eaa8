/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-colors"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "glossator-colors.h"
#include "glossator-problem.h"

/**
 * glossator_rgb_parse:
 * @hex: a colour "#rrggbb"
 * @rgb: (out): the colour
 *
 * Returns: whether @hex was a colour "#rrggbb".
 */
gboolean
glossator_rgb_parse (const char   *hex,
                     GlossatorRgb *rgb)
{
  int channels[3];

  g_return_val_if_fail (rgb != NULL, FALSE);

  if (hex == NULL || hex[0] != '#' || strlen (hex) != 7)
    return FALSE;
  for (guint i = 0; i < 3; i++)
    {
      int high = g_ascii_xdigit_value (hex[1 + 2 * i]);
      int low = g_ascii_xdigit_value (hex[2 + 2 * i]);

      if (high < 0 || low < 0)
        return FALSE;
      channels[i] = high * 16 + low;
    }
  rgb->red = channels[0] / 255.0;
  rgb->green = channels[1] / 255.0;
  rgb->blue = channels[2] / 255.0;
  return TRUE;
}

static double
linear (double c)
{
  return c <= 0.04045 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
lab_f (double t)
{
  return t > 216.0 / 24389.0 ? cbrt (t) : (24389.0 / 27.0 * t + 16.0) / 116.0;
}

/**
 * glossator_rgb_to_lab:
 * @rgb: an sRGB colour
 * @lab: (out): the colour in CIE L*a*b*, white point D65
 */
void
glossator_rgb_to_lab (const GlossatorRgb *rgb,
                      GlossatorLab       *lab)
{
  double r, g, b, fx, fy, fz;

  g_return_if_fail (rgb != NULL && lab != NULL);

  r = linear (rgb->red);
  g = linear (rgb->green);
  b = linear (rgb->blue);
  fx = lab_f ((0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047);
  fy = lab_f (0.2126729 * r + 0.7151522 * g + 0.0721750 * b);
  fz = lab_f ((0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883);
  lab->l = 116.0 * fy - 16.0;
  lab->a = 500.0 * (fx - fy);
  lab->b = 200.0 * (fy - fz);
}

static double
gamma_encode (double c)
{
  c = CLAMP (c, 0.0, 1.0);
  return c <= 0.0031308 ? 12.92 * c : 1.055 * pow (c, 1.0 / 2.4) - 0.055;
}

/**
 * glossator_rgb_simulate:
 * @rgb: an sRGB colour
 * @vision: a colour-vision deficiency
 * @seen: (out): the colour as a person with @vision sees it
 *
 * Applies Machado, Oliveira and Fernandes' (2009) matrices for severity
 * 1.0 to linear RGB.
 */
void
glossator_rgb_simulate (const GlossatorRgb *rgb,
                        GlossatorVision     vision,
                        GlossatorRgb       *seen)
{
  static const double matrices[][3][3] = {
    [GLOSSATOR_VISION_DEUTERANOPIA] = {
      { 0.367322, 0.860646, -0.227968 },
      { 0.280085, 0.672501, 0.047413 },
      { -0.011820, 0.042940, 0.968881 },
    },
    [GLOSSATOR_VISION_PROTANOPIA] = {
      { 0.152286, 1.052583, -0.204868 },
      { 0.114503, 0.786281, 0.099216 },
      { -0.003882, -0.048116, 1.051998 },
    },
  };
  const double (*m)[3];
  double in[3], out[3];

  g_return_if_fail (rgb != NULL && seen != NULL);
  g_return_if_fail (vision <= GLOSSATOR_VISION_PROTANOPIA);

  m = matrices[vision];
  in[0] = linear (rgb->red);
  in[1] = linear (rgb->green);
  in[2] = linear (rgb->blue);
  for (guint i = 0; i < 3; i++)
    out[i] = gamma_encode (m[i][0] * in[0] + m[i][1] * in[1] + m[i][2] * in[2]);
  seen->red = out[0];
  seen->green = out[1];
  seen->blue = out[2];
}

static double
radians (double degrees)
{
  return degrees * G_PI / 180.0;
}

static double
hue (double b,
     double a)
{
  double h;

  if (a == 0.0 && b == 0.0)
    return 0.0;
  h = atan2 (b, a) * 180.0 / G_PI;
  return h < 0.0 ? h + 360.0 : h;
}

/**
 * glossator_lab_delta_e00:
 * @lab1: a colour
 * @lab2: another colour
 *
 * The CIEDE2000 colour difference, as Sharma, Wu and Dalal (2005) give it
 * (kL = kC = kH = 1).
 *
 * Returns: ΔE00, 0 for equal colours; about 2 is barely noticeable.
 */
double
glossator_lab_delta_e00 (const GlossatorLab *lab1,
                         const GlossatorLab *lab2)
{
  double c1, c2, c_mean7, g, a1p, a2p, c1p, c2p, h1p, h2p;
  double dl, dc, dh, dhh, l_mean, c_mean_p, h_mean, t, d_theta, rc, sl, sc, sh, rt;

  g_return_val_if_fail (lab1 != NULL && lab2 != NULL, 0.0);

  c1 = hypot (lab1->a, lab1->b);
  c2 = hypot (lab2->a, lab2->b);
  c_mean7 = pow ((c1 + c2) / 2.0, 7.0);
  g = 0.5 * (1.0 - sqrt (c_mean7 / (c_mean7 + pow (25.0, 7.0))));
  a1p = (1.0 + g) * lab1->a;
  a2p = (1.0 + g) * lab2->a;
  c1p = hypot (a1p, lab1->b);
  c2p = hypot (a2p, lab2->b);
  h1p = hue (lab1->b, a1p);
  h2p = hue (lab2->b, a2p);

  dl = lab2->l - lab1->l;
  dc = c2p - c1p;
  if (c1p * c2p == 0.0)
    dh = 0.0;
  else
    {
      dh = h2p - h1p;
      if (dh > 180.0)
        dh -= 360.0;
      else if (dh < -180.0)
        dh += 360.0;
    }
  dhh = 2.0 * sqrt (c1p * c2p) * sin (radians (dh / 2.0));

  l_mean = (lab1->l + lab2->l) / 2.0;
  c_mean_p = (c1p + c2p) / 2.0;
  if (c1p * c2p == 0.0)
    h_mean = h1p + h2p;
  else if (fabs (h1p - h2p) <= 180.0)
    h_mean = (h1p + h2p) / 2.0;
  else if (h1p + h2p < 360.0)
    h_mean = (h1p + h2p + 360.0) / 2.0;
  else
    h_mean = (h1p + h2p - 360.0) / 2.0;

  t = 1.0 - 0.17 * cos (radians (h_mean - 30.0)) + 0.24 * cos (radians (2.0 * h_mean)) +
      0.32 * cos (radians (3.0 * h_mean + 6.0)) - 0.20 * cos (radians (4.0 * h_mean - 63.0));
  d_theta = 30.0 * exp (-pow ((h_mean - 275.0) / 25.0, 2.0));
  rc = 2.0 * sqrt (pow (c_mean_p, 7.0) / (pow (c_mean_p, 7.0) + pow (25.0, 7.0)));
  sl = 1.0 + 0.015 * pow (l_mean - 50.0, 2.0) / sqrt (20.0 + pow (l_mean - 50.0, 2.0));
  sc = 1.0 + 0.045 * c_mean_p;
  sh = 1.0 + 0.015 * c_mean_p * t;
  rt = -sin (radians (2.0 * d_theta)) * rc;

  return sqrt (pow (dl / sl, 2.0) + pow (dc / sc, 2.0) + pow (dhh / sh, 2.0) +
               rt * (dc / sc) * (dhh / sh));
}

/**
 * glossator_view_background:
 * @dark: whether the style is dark
 *
 * Returns: the article's background, libadwaita's view colour.
 */
const char *
glossator_view_background (gboolean dark)
{
  return dark ? "#1e1e1e" : "#ffffff";
}

/**
 * glossator_label_tint_alpha:
 * @dark: whether the style is dark
 * @nested: whether the tint is an inner mention's
 *
 * Returns: the opacity of a label's colour over the background. Paler
 * tints than this make the sample schema's labels hard to tell apart
 * (ΔE00 under 10, see tests/test-colors.c); light text on a dark
 * background needs more to show.
 */
double
glossator_label_tint_alpha (gboolean dark,
                            gboolean nested)
{
  return (dark ? 0.40 : 0.28) + (nested ? 0.14 : 0.0);
}

/**
 * glossator_label_tint:
 * @color: a label's colour "#rrggbb"
 * @dark: whether the style is dark
 * @tint: (out): the colour its mentions show
 *
 * Returns: whether @color was "#rrggbb".
 */
gboolean
glossator_label_tint (const char   *color,
                      gboolean      dark,
                      GlossatorRgb *tint)
{
  GlossatorRgb label, background;
  double alpha = glossator_label_tint_alpha (dark, FALSE);

  g_return_val_if_fail (tint != NULL, FALSE);

  if (!glossator_rgb_parse (color, &label))
    return FALSE;
  glossator_rgb_parse (glossator_view_background (dark), &background);
  tint->red = alpha * label.red + (1.0 - alpha) * background.red;
  tint->green = alpha * label.green + (1.0 - alpha) * background.green;
  tint->blue = alpha * label.blue + (1.0 - alpha) * background.blue;
  return TRUE;
}

/**
 * glossator_mark_color:
 * @mark: a mark
 * @dark: whether the style is dark
 *
 * Returns: the colour of @mark.
 */
const char *
glossator_mark_color (GlossatorMark mark,
                      gboolean      dark)
{
  /* Pale fills all look alike next to pale label tints: marks are strong
   * fills (with light text) or lines. */
  static const char *const colors[GLOSSATOR_N_MARKS][2] = {
    [GLOSSATOR_MARK_SELECTION] = { "#3584e4", "#3584e4" },
    [GLOSSATOR_MARK_SEARCH_HIT] = { "#e01b84", "#e01b84" },
    [GLOSSATOR_MARK_SEARCH_CURRENT] = { "#e01b84", "#e01b84" },
    [GLOSSATOR_MARK_EVIDENCE] = { "#1c71d8", "#99c1f1" },
  };

  g_return_val_if_fail (mark < GLOSSATOR_N_MARKS, NULL);

  return colors[mark][dark ? 1 : 0];
}

guint
glossator_schema_check_colors (GlossatorSchema *schema,
                               GPtrArray       *problems)
{
  guint n, found = 0;
  g_autofree GlossatorLab *labs = NULL;
  g_autofree gboolean *has_tint = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (schema), 0);
  g_return_val_if_fail (problems != NULL, 0);

  /* Each label's tint in light (2 i) and dark (2 i + 1), once. */
  n = glossator_schema_get_n_labels (schema);
  labs = g_new0 (GlossatorLab, 2 * n);
  has_tint = g_new0 (gboolean, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      const char *color = glossator_schema_color_for_label (schema, glossator_schema_get_label (schema, i)->name);

      for (guint dark = 0; dark < 2; dark++)
        {
          GlossatorRgb tint;

          has_tint[2 * i + dark] = glossator_label_tint (color, dark, &tint);
          if (has_tint[2 * i + dark])
            glossator_rgb_to_lab (&tint, &labs[2 * i + dark]);
        }
    }

  for (guint j = 1; j < n; j++)
    for (guint i = 0; i < j; i++)
      for (guint dark = 0; dark < 2; dark++)
        {
          g_autofree char *path = NULL;
          double d;

          if (!has_tint[2 * i + dark] || !has_tint[2 * j + dark])
            continue;
          d = glossator_lab_delta_e00 (&labs[2 * i + dark], &labs[2 * j + dark]);
          if (d >= GLOSSATOR_MIN_TINT_DELTA_E)
            continue;
          path = g_strdup_printf ("$.labels[%u].color", j);
          g_ptr_array_add (problems,
                           glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, path,
                                                  dark
                                                  ? _("the mentions of “%s” and “%s” look alike in the dark style "
                                                      "(their tints are ΔE00 %.1f apart, %.0f or more tells them apart)")
                                                  : _("the mentions of “%s” and “%s” look alike in the light style "
                                                      "(their tints are ΔE00 %.1f apart, %.0f or more tells them apart)"),
                                                  glossator_schema_get_label (schema, i)->name,
                                                  glossator_schema_get_label (schema, j)->name,
                                                  d, GLOSSATOR_MIN_TINT_DELTA_E));
          found++;
          /* One warning a pair: the light style's when both are close. */
          break;
        }
  return found;
}

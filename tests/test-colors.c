/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "glossator-colors.h"
#include "glossator-problem.h"
#include "glossator-schema.h"
#include "test-util.h"

/* Colours closer than this are hard to tell apart at a glance on a small
 * span of text: ΔE00 ≈ 2.3 is a just noticeable difference side by side,
 * and tints are seen apart, one at a time (the GPE and LOC were
 * 7.7 apart and read as one colour). */
#define MIN_DELTA_E 10.0

/* Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula",
 * table 1: L1 a1 b1, L2 a2 b2, ΔE00. */
static const double sharma_pairs[][7] = {
  { 50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425 },
  { 50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615 },
  { 50.0000, 2.8361, -74.0200, 50.0000, 0.0000, -82.7485, 3.4412 },
  { 50.0000, -1.3802, -84.2814, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, -1.1848, -84.8006, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, -0.9009, -85.5211, 50.0000, 0.0000, -82.7485, 1.0000 },
  { 50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669 },
  { 50.0000, -1.0000, 2.0000, 50.0000, 0.0000, 0.0000, 2.3669 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0009, 7.1792 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0010, 7.1792 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0011, 7.2195 },
  { 50.0000, 2.4900, -0.0010, 50.0000, -2.4900, 0.0012, 7.2195 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0009, -2.4900, 4.8045 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0010, -2.4900, 4.8045 },
  { 50.0000, -0.0010, 2.4900, 50.0000, 0.0011, -2.4900, 4.7461 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 0.0000, -2.5000, 4.3065 },
  { 50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492 },
  { 50.0000, 2.5000, 0.0000, 61.0000, -5.0000, 29.0000, 22.8977 },
  { 50.0000, 2.5000, 0.0000, 56.0000, -27.0000, -3.0000, 31.9030 },
  { 50.0000, 2.5000, 0.0000, 58.0000, 24.0000, 15.0000, 19.4535 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.1736, 0.5854, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.2972, 0.0000, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 1.8634, 0.5757, 1.0000 },
  { 50.0000, 2.5000, 0.0000, 50.0000, 3.2592, 0.3350, 1.0000 },
  { 60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644 },
  { 63.0109, -31.0961, -5.8663, 62.8187, -29.7946, -4.0864, 1.2630 },
  { 61.2901, 3.7196, -5.3901, 61.4292, 2.2480, -4.9620, 1.8731 },
  { 35.0831, -44.1164, 3.7933, 35.0232, -40.0716, 1.5901, 1.8645 },
  { 22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373 },
  { 36.4612, 47.8580, 18.3852, 36.2715, 50.5065, 21.2231, 1.4146 },
  { 90.8027, -2.0831, 1.4410, 91.1528, -1.6435, 0.0447, 1.4441 },
  { 90.9257, -0.5406, -0.9208, 88.6381, -0.8985, -0.7239, 1.5381 },
  { 6.7747, -0.2908, -2.4247, 5.8714, -0.0985, -2.2286, 0.6377 },
  { 2.0776, 0.0795, -1.1350, 0.9033, -0.0636, -0.5514, 0.9082 },
};

static void
test_delta_e00_sharma_pairs (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (sharma_pairs); i++)
    {
      const double *p = sharma_pairs[i];
      GlossatorLab one = { p[0], p[1], p[2] }, two = { p[3], p[4], p[5] };

      g_test_message ("pair %u", i + 1);
      g_assert_cmpfloat_with_epsilon (glossator_lab_delta_e00 (&one, &two), p[6], 5e-5);
      /* The formula is symmetric. */
      g_assert_cmpfloat_with_epsilon (glossator_lab_delta_e00 (&two, &one), p[6], 5e-5);
    }
}

static void
test_rgb_to_lab (void)
{
  GlossatorRgb rgb;
  GlossatorLab lab;

  g_assert_true (glossator_rgb_parse ("#ffffff", &rgb));
  glossator_rgb_to_lab (&rgb, &lab);
  g_assert_cmpfloat_with_epsilon (lab.l, 100.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (lab.a, 0.0, 1e-3);
  g_assert_cmpfloat_with_epsilon (lab.b, 0.0, 1e-3);
  /* sRGB red is L 53.24, a 80.09, b 67.20. */
  g_assert_true (glossator_rgb_parse ("#FF0000", &rgb));
  glossator_rgb_to_lab (&rgb, &lab);
  g_assert_cmpfloat_with_epsilon (lab.l, 53.24, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.a, 80.09, 0.01);
  g_assert_cmpfloat_with_epsilon (lab.b, 67.20, 0.01);

  g_assert_false (glossator_rgb_parse ("red", &rgb));
  g_assert_false (glossator_rgb_parse ("#12345g", &rgb));
  g_assert_false (glossator_rgb_parse ("#1234567", &rgb));
}

static double
delta_e (const GlossatorRgb *one,
         const GlossatorRgb *two)
{
  GlossatorLab a, b;

  glossator_rgb_to_lab (one, &a);
  glossator_rgb_to_lab (two, &b);
  return glossator_lab_delta_e00 (&a, &b);
}

static const char *const mark_names[GLOSSATOR_N_MARKS] = {
  "selection", "search match", "current match", "evidence",
};

/* Every pair of the schema's label tints, and every tint against every
 * mark, is at least MIN_DELTA_E apart, in light and in dark. */
static void
assert_schema_apart (GlossatorSchema *schema)
{
  guint n = glossator_schema_get_n_labels (schema);

  g_assert_cmpuint (n, >=, 2);
  for (int dark = 0; dark <= 1; dark++)
    {
      g_autofree GlossatorRgb *tints = g_new0 (GlossatorRgb, n);

      for (guint i = 0; i < n; i++)
        g_assert_true (glossator_label_tint (glossator_schema_get_label (schema, i)->color, dark,
                                             &tints[i]));
      for (guint i = 0; i < n; i++)
        {
          const char *name = glossator_schema_get_label (schema, i)->name;

          for (guint j = i + 1; j < n; j++)
            {
              double d = delta_e (&tints[i], &tints[j]);

              if (d < MIN_DELTA_E)
                g_error ("%s: tints of %s and %s are only dE00 %.1f apart", dark ? "dark" : "light",
                         name, glossator_schema_get_label (schema, j)->name, d);
            }
          for (guint m = 0; m < GLOSSATOR_N_MARKS; m++)
            {
              GlossatorRgb mark;
              double d;

              g_assert_true (glossator_rgb_parse (glossator_mark_color (m, dark), &mark));
              d = delta_e (&tints[i], &mark);
              if (d < MIN_DELTA_E)
                g_error ("%s: the tint of %s and the %s are only dE00 %.1f apart",
                         dark ? "dark" : "light", name, mark_names[m], d);
            }
        }
    }
}

/* What `validate` says of a schema's colours: nothing for one whose tints
 * are apart. */
static void
assert_no_color_warning (GlossatorSchema *schema)
{
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);

  g_assert_cmpuint (glossator_schema_check_colors (schema, problems), ==, 0);
  g_assert_cmpuint (problems->len, ==, 0);
}

static void
test_sample_schema_tints_apart (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "glossator-schema.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

  g_assert_no_error (error);
  assert_schema_apart (schema);
  assert_no_color_warning (schema);
}

static void
test_default_schema_tints_apart (void)
{
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();

  assert_schema_apart (schema);
  assert_no_color_warning (schema);
}

/* The case: GPE and LOC of the old sample schema are the kind of
 * pair the check must catch. */
static void
test_close_tints_caught (void)
{
  GlossatorRgb gpe, loc;

  g_assert_true (glossator_label_tint ("#26a269", FALSE, &gpe));
  g_assert_true (glossator_label_tint ("#2190a4", FALSE, &loc));
  g_assert_cmpfloat (delta_e (&gpe, &loc), <, MIN_DELTA_E);
}

/* A schema whose labels look alike gets one warning a pair, at the later
 * label's colour, and none for the pairs apart. */
static void
test_schema_color_warnings (void)
{
  static const char json[] =
    "{\"format\": \"glossator-schema\", \"version\": 1, \"labels\": ["
    "{\"name\": \"PERSON\", \"color\": \"#3584e4\"},"
    "{\"name\": \"GPE\", \"color\": \"#26a269\"},"
    "{\"name\": \"ORG\", \"color\": \"#e66100\"},"
    "{\"name\": \"LOC\", \"color\": \"#2190a4\"},"
    "{\"name\": \"PLACE\", \"color\": \"#3584e5\"}]}";
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, sizeof json - 1);
  g_autoptr(GFile) file = g_file_new_for_path ("glossator-schema.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_from_bytes (file, bytes, &error);
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_problem_free);
  const GlossatorProblem *problem;

  g_assert_no_error (error);
  g_assert_cmpuint (glossator_schema_check_colors (schema, problems), ==, 2);
  g_assert_cmpuint (problems->len, ==, 2);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, GLOSSATOR_PROBLEM_WARNING);
  g_assert_cmpstr (problem->path, ==, "$.labels[3].color");
  g_assert_true (strstr (problem->message, "“GPE” and “LOC”") != NULL);
  problem = g_ptr_array_index (problems, 1);
  g_assert_cmpstr (problem->path, ==, "$.labels[4].color");
  g_assert_true (strstr (problem->message, "“PERSON” and “PLACE”") != NULL);
}


/* Polarity marks (margin bars, outlines, the connector) are strong
 * colours on the background, seen side by side: apart from each other in
 * light and dark, for normal vision and simulated deuteranopia and
 * protanopia, and well apart from the background. */
#define MIN_DELTA_E_BACKGROUND 20.0

static const char *const vision_names[] = { "normal vision", "deuteranopia", "protanopia" };

/* @vision: 0 for normal vision, else a GlossatorVision + 1. */
static void
seen_as (const GlossatorRgb *rgb,
         guint               vision,
         GlossatorRgb       *seen)
{
  if (vision == 0)
    *seen = *rgb;
  else
    glossator_rgb_simulate (rgb, vision - 1, seen);
}

static void
assert_polarities_apart (GlossatorSchema *schema)
{
  guint n = glossator_schema_get_n_polarities (schema);

  g_assert_cmpuint (n, >=, 2);
  for (int dark = 0; dark <= 1; dark++)
    for (guint vision = 0; vision < G_N_ELEMENTS (vision_names); vision++)
      {
        g_autofree GlossatorRgb *marks = g_new0 (GlossatorRgb, n);
        GlossatorRgb background, rgb;

        g_assert_true (glossator_rgb_parse (glossator_view_background (dark), &rgb));
        seen_as (&rgb, vision, &background);
        for (guint i = 0; i < n; i++)
          {
            const char *name = glossator_schema_get_polarity (schema, i)->name;
            double d;

            g_assert_true (glossator_rgb_parse (glossator_schema_color_for_polarity (schema, name), &rgb));
            seen_as (&rgb, vision, &marks[i]);
            d = delta_e (&marks[i], &background);
            if (d < MIN_DELTA_E_BACKGROUND)
              g_error ("%s, %s: %s is only dE00 %.1f from the background", dark ? "dark" : "light",
                       vision_names[vision], name, d);
          }
        for (guint i = 0; i < n; i++)
          for (guint j = i + 1; j < n; j++)
            {
              double d = delta_e (&marks[i], &marks[j]);

              if (d < MIN_DELTA_E)
                g_error ("%s, %s: polarities %s and %s are only dE00 %.1f apart", dark ? "dark" : "light",
                         vision_names[vision], glossator_schema_get_polarity (schema, i)->name,
                         glossator_schema_get_polarity (schema, j)->name, d);
            }
      }
}

static void
test_default_schema_polarities_apart (void)
{
  g_autoptr(GlossatorSchema) schema = glossator_schema_new_default ();

  assert_polarities_apart (schema);
}

static void
test_sample_schema_polarities_apart (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "samples",
                                                 "glossator-schema.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossatorSchema) schema = glossator_schema_load (file, NULL, &error);

  g_assert_no_error (error);
  assert_polarities_apart (schema);
}

/* Machado et al.'s matrices: white stays white; pure red is seen dark
 * yellow; a red and a green far apart for normal vision run together. */
static void
test_vision_simulation (void)
{
  GlossatorRgb white = { 1, 1, 1 }, red = { 1, 0, 0 }, seen, one, two;

  for (GlossatorVision v = GLOSSATOR_VISION_DEUTERANOPIA; v <= GLOSSATOR_VISION_PROTANOPIA; v++)
    {
      glossator_rgb_simulate (&white, v, &seen);
      g_assert_cmpfloat_with_epsilon (seen.red, 1.0, 1e-3);
      g_assert_cmpfloat_with_epsilon (seen.green, 1.0, 1e-3);
      g_assert_cmpfloat_with_epsilon (seen.blue, 1.0, 1e-3);
    }
  glossator_rgb_simulate (&red, GLOSSATOR_VISION_PROTANOPIA, &seen);
  g_assert_cmpfloat_with_epsilon (seen.red, 0.426608, 1e-4);
  g_assert_cmpfloat_with_epsilon (seen.green, 0.372654, 1e-4);
  g_assert_cmpfloat_with_epsilon (seen.blue, 0.0, 1e-4);
  glossator_rgb_simulate (&red, GLOSSATOR_VISION_DEUTERANOPIA, &seen);
  g_assert_cmpfloat_with_epsilon (seen.red, 0.64006, 1e-4);
  g_assert_cmpfloat_with_epsilon (seen.green, 0.565807, 1e-4);

  /* The pairs the polarity check must catch. */
  g_assert_true (glossator_rgb_parse ("#ed333b", &red));
  g_assert_true (glossator_rgb_parse ("#5e9c22", &two));
  g_assert_cmpfloat (delta_e (&red, &two), >, 3 * MIN_DELTA_E);
  glossator_rgb_simulate (&red, GLOSSATOR_VISION_DEUTERANOPIA, &one);
  glossator_rgb_simulate (&two, GLOSSATOR_VISION_DEUTERANOPIA, &seen);
  g_assert_cmpfloat (delta_e (&one, &seen), <, MIN_DELTA_E);
  g_assert_true (glossator_rgb_parse ("#ff7800", &red));
  g_assert_true (glossator_rgb_parse ("#4e9a06", &two));
  g_assert_cmpfloat (delta_e (&red, &two), >, 3 * MIN_DELTA_E);
  glossator_rgb_simulate (&red, GLOSSATOR_VISION_PROTANOPIA, &one);
  glossator_rgb_simulate (&two, GLOSSATOR_VISION_PROTANOPIA, &seen);
  g_assert_cmpfloat (delta_e (&one, &seen), <, MIN_DELTA_E);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/colors/delta-e00-sharma-pairs", test_delta_e00_sharma_pairs);
  g_test_add_func ("/colors/schema-color-warnings", test_schema_color_warnings);
  g_test_add_func ("/colors/rgb-to-lab", test_rgb_to_lab);
  g_test_add_func ("/colors/sample-schema-tints-apart", test_sample_schema_tints_apart);
  g_test_add_func ("/colors/default-schema-tints-apart", test_default_schema_tints_apart);
  g_test_add_func ("/colors/close-tints-caught", test_close_tints_caught);
  g_test_add_func ("/colors/vision-simulation", test_vision_simulation);
  g_test_add_func ("/colors/default-schema-polarities-apart", test_default_schema_polarities_apart);
  g_test_add_func ("/colors/sample-schema-polarities-apart", test_sample_schema_polarities_apart);

  return g_test_run ();
}

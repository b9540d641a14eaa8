/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "glossator-nesting.h"
#include "test-util.h"

/* Code points count as one each, emoji sequences and CRLF included. */
static const char *text =
  FAMILY " Chinese Foreign Ministry\r\n"
  FLAG_UA " spoke to " CAFE_NFD " Lisboa owners and the Lisboa Port Authority.\r\n";

static GlossatorMention *
mention (const char *id,
         const char *first,
         guint       first_nth,
         const char *second)
{
  GlossatorMention *m = glossator_mention_new (id, "ORG", NULL);
  guint start = test_util_offset_of (text, first, first_nth);

  glossator_mention_add_fragment (m, start, start + g_utf8_strlen (first, -1));
  if (second != NULL)
    {
      start = test_util_offset_of (text, second, 0);
      glossator_mention_add_fragment (m, start, start + g_utf8_strlen (second, -1));
    }
  return m;
}

static guint
length (void)
{
  return g_utf8_strlen (text, -1);
}

static void
test_nesting_outer_and_inner (void)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  g_autofree guint *rows = NULL;
  guint n_rows = 0;

  /* Listed inner first: the order given does not matter. */
  g_ptr_array_add (mentions, mention ("inner", "Chinese", 0, NULL));
  g_ptr_array_add (mentions, mention ("outer", "Chinese Foreign Ministry", 0, NULL));
  g_ptr_array_add (mentions, mention ("innermost", "Chin", 0, NULL));
  g_ptr_array_add (mentions, mention ("flag", FLAG_UA, 0, NULL));
  rows = glossator_nesting_rows (mentions, length (), &n_rows);

  g_assert_cmpuint (rows[1], ==, 0);
  g_assert_cmpuint (rows[0], ==, 1);
  g_assert_cmpuint (rows[2], ==, 2);
  g_assert_cmpuint (rows[3], ==, 0);
  g_assert_cmpuint (n_rows, ==, 3);
}

static void
test_nesting_touching_and_crossing (void)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  g_autofree guint *rows = NULL;
  guint n_rows = 0;

  g_ptr_array_add (mentions, mention ("a", "Chinese", 0, NULL));
  /* " Foreign" starts where "Chinese" ends. */
  g_ptr_array_add (mentions, mention ("b", " Foreign", 0, NULL));
  g_ptr_array_add (mentions, mention ("c", "Foreign Ministry\r\n" FLAG_UA, 0, NULL));
  rows = glossator_nesting_rows (mentions, length (), &n_rows);

  /* Touching mentions share a row; crossing ones do not. */
  g_assert_cmpuint (rows[0], ==, 0);
  g_assert_cmpuint (rows[1], ==, 0);
  g_assert_cmpuint (rows[2], ==, 1);
  g_assert_cmpuint (n_rows, ==, 2);
}

static void
test_nesting_discontinuous (void)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  g_autofree guint *rows = NULL;
  guint n_rows = 0;

  /* "Lisboa … Port Authority" in two parts, with "Lisboa" (the second
   * one) and "Port" inside its parts and "owners" in its gap. */
  g_ptr_array_add (mentions, mention ("port", "Lisboa", 1, "Port Authority"));
  g_ptr_array_add (mentions, mention ("city", "Lisboa", 1, NULL));
  g_ptr_array_add (mentions, mention ("owners", "owners", 0, NULL));
  g_ptr_array_add (mentions, mention ("word", "Port", 0, NULL));
  rows = glossator_nesting_rows (mentions, length (), &n_rows);

  g_assert_cmpuint (rows[0], ==, 0);
  g_assert_cmpuint (rows[1], ==, 1);
  /* Nothing covers the gap: a mention there is on the first row. */
  g_assert_cmpuint (rows[2], ==, 0);
  /* Inside the second part: under the discontinuous mention's row. */
  g_assert_cmpuint (rows[3], ==, 1);
  g_assert_cmpuint (n_rows, ==, 2);
}

static void
test_nesting_ignores_hidden_fragments (void)
{
  g_autoptr(GPtrArray) mentions = g_ptr_array_new_with_free_func ((GDestroyNotify) glossator_mention_unref);
  g_autofree guint *rows = NULL;
  GlossatorMention *orphan = mention ("orphan", "Chinese Foreign Ministry", 0, NULL);
  GlossatorMention *beyond = glossator_mention_new ("beyond", "ORG", NULL);
  guint n_rows = 0;

  orphan->fragments[0].orphaned = TRUE;
  glossator_mention_add_fragment (beyond, 0, length () + 5);
  g_ptr_array_add (mentions, orphan);
  g_ptr_array_add (mentions, beyond);
  g_ptr_array_add (mentions, mention ("inner", "Foreign", 0, NULL));
  rows = glossator_nesting_rows (mentions, length (), &n_rows);

  g_assert_cmpuint (rows[2], ==, 0);
  g_assert_cmpuint (n_rows, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/nesting/outer-and-inner", test_nesting_outer_and_inner);
  g_test_add_func ("/nesting/touching-and-crossing", test_nesting_touching_and_crossing);
  g_test_add_func ("/nesting/discontinuous", test_nesting_discontinuous);
  g_test_add_func ("/nesting/ignores-hidden-fragments", test_nesting_ignores_hidden_fragments);

  return g_test_run ();
}

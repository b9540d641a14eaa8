/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "glossator-application.h"
#include "glossator-window.h"

/* The window in German: run with LANGUAGE=de and GLOSSATOR_TEST_LOCALEDIR
 * pointing at the build's po/ directory (meson builds po/de/LC_MESSAGES/
 * glossator.mo there). Every text the user sees on the welcome page, in the
 * header bar and in the primary menu must be a German msgstr of the catalog,
 * so an English text means a string that misses gettext (or translatable="yes"),
 * or a translation that misses de.po. */

typedef struct {
  GHashTable *msgids;        /* English, every form */
  GHashTable *translations;  /* German, every plural form */
  GPtrArray  *patterns;      /* GRegex for translations with printf formats */
} Catalog;

static guint32
read_u32 (const guint8 *data,
          gsize         length,
          gsize         offset,
          gboolean      swap)
{
  guint32 value;

  g_assert_cmpuint (offset + 4, <=, length);
  memcpy (&value, data + offset, 4);
  return swap ? GUINT32_SWAP_LE_BE (value) : value;
}

/* The string at table entry @index of a .mo table, bounds-checked. */
static const char *
mo_string (const guint8 *data,
           gsize         length,
           guint32       table,
           guint32       index,
           gboolean      swap,
           gsize        *string_length)
{
  guint32 len = read_u32 (data, length, table + 8 * (gsize) index, swap);
  guint32 offset = read_u32 (data, length, table + 8 * (gsize) index + 4, swap);

  g_assert_cmpuint ((gsize) offset + len, <, length);
  *string_length = len;
  return (const char *) data + offset;
}

/* Each NUL-separated form of @string (msgid and msgid_plural, or the plural
 * msgstrs), without a "context\004" prefix. */
static void
add_forms (GHashTable *set,
           const char *string,
           gsize       length)
{
  const char *end = string + length;
  const char *context_end = memchr (string, '\004', length);

  if (context_end != NULL)
    string = context_end + 1;
  while (string < end)
    {
      gsize form_length = strnlen (string, end - string);

      g_hash_table_add (set, g_strndup (string, form_length));
      string += form_length + 1;
    }
}

/* A regex that matches what g_strdup_printf makes of @format. */
static GRegex *
format_pattern (const char *format)
{
  g_autoptr(GRegex) conversion = NULL;
  g_autoptr(GString) pattern = g_string_new ("^");
  g_autoptr(GMatchInfo) match = NULL;
  gint last = 0;
  gint start, end;

  conversion = g_regex_new ("%(%|([0-9]+\\$)?[-'+ #0]*[0-9]*(\\.[0-9]+)?(hh|h|ll|l|L|z|j|t)?[diouxXeEfgGsc])",
                            0, 0, NULL);
  g_assert_nonnull (conversion);
  if (!g_regex_match (conversion, format, 0, &match))
    return NULL;
  while (g_match_info_matches (match))
    {
      g_autofree char *literal = NULL;
      g_autofree char *directive = g_match_info_fetch (match, 0);

      g_match_info_fetch_pos (match, 0, &start, &end);
      literal = g_regex_escape_string (format + last, start - last);
      g_string_append (pattern, literal);
      g_string_append (pattern, g_str_equal (directive, "%%") ? "%" : ".+?");
      last = end;
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *rest = g_regex_escape_string (format + last, -1);

    g_string_append (pattern, rest);
  }
  g_string_append (pattern, "$");
  return g_regex_new (pattern->str, G_REGEX_DOTALL, 0, NULL);
}

static void
catalog_load (Catalog    *catalog,
              const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) file = g_mapped_file_new (path, FALSE, &error);
  const guint8 *data;
  gsize length;
  guint32 magic, n, originals, translations;
  gboolean swap;
  GHashTableIter iter;
  const char *text;

  g_assert_no_error (error);
  data = (const guint8 *) g_mapped_file_get_contents (file);
  length = g_mapped_file_get_length (file);
  magic = read_u32 (data, length, 0, FALSE);
  g_assert_true (magic == 0x950412de || magic == 0xde120495);
  swap = magic != 0x950412de;
  n = read_u32 (data, length, 8, swap);
  originals = read_u32 (data, length, 12, swap);
  translations = read_u32 (data, length, 16, swap);

  catalog->msgids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog->translations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  catalog->patterns = g_ptr_array_new_with_free_func ((GDestroyNotify) g_regex_unref);

  for (guint32 i = 0; i < n; i++)
    {
      gsize id_length, str_length;
      const char *id = mo_string (data, length, originals, i, swap, &id_length);
      const char *str = mo_string (data, length, translations, i, swap, &str_length);

      if (id_length == 0)
        continue;  /* the header */
      add_forms (catalog->msgids, id, id_length);
      add_forms (catalog->translations, str, str_length);
    }

  g_hash_table_iter_init (&iter, catalog->translations);
  while (g_hash_table_iter_next (&iter, (gpointer *) &text, NULL))
    {
      GRegex *pattern = strchr (text, '%') != NULL ? format_pattern (text) : NULL;

      if (pattern != NULL)
        g_ptr_array_add (catalog->patterns, pattern);
    }
}

static void
catalog_clear (Catalog *catalog)
{
  g_clear_pointer (&catalog->msgids, g_hash_table_unref);
  g_clear_pointer (&catalog->translations, g_hash_table_unref);
  g_clear_pointer (&catalog->patterns, g_ptr_array_unref);
}

static gboolean
catalog_is_translation (Catalog    *catalog,
                        const char *text)
{
  if (g_hash_table_contains (catalog->translations, text))
    return TRUE;
  for (guint i = 0; i < catalog->patterns->len; i++)
    if (g_regex_match (catalog->patterns->pdata[i], text, 0, NULL))
      return TRUE;
  return FALSE;
}

static gboolean
has_letters (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

typedef struct {
  GPtrArray *texts;   /* "where: text" for the messages */
  GPtrArray *plain;   /* the texts themselves */
} Seen;

static void
seen_add (Seen       *seen,
          const char *where,
          const char *text)
{
  if (text == NULL || !has_letters (text))
    return;
  g_ptr_array_add (seen->texts, g_strdup_printf ("%s: “%s”", where, text));
  g_ptr_array_add (seen->plain, g_strdup (text));
}

static void
collect_menu (Seen       *seen,
              GMenuModel *model)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuLinkIter) links = NULL;
      GMenuModel *link;

      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_LABEL, "s", &label))
        seen_add (seen, "menu item", label);
      links = g_menu_model_iterate_item_links (model, i);
      while (g_menu_link_iter_get_next (links, NULL, &link))
        {
          collect_menu (seen, link);
          g_object_unref (link);
        }
    }
}

/* What the user sees: texts of mapped widgets, their tooltips, menus. */
static void
collect (Seen      *seen,
         GtkWidget *widget)
{
  const char *type = G_OBJECT_TYPE_NAME (widget);

  if (!gtk_widget_get_mapped (widget))
    return;

  seen_add (seen, type, gtk_widget_get_tooltip_text (widget));
  if (GTK_IS_LABEL (widget))
    seen_add (seen, type, gtk_label_get_label (GTK_LABEL (widget)));
  else if (GTK_IS_BUTTON (widget))
    seen_add (seen, type, gtk_button_get_label (GTK_BUTTON (widget)));
  else if (ADW_IS_SPLIT_BUTTON (widget))
    {
      seen_add (seen, type, adw_split_button_get_label (ADW_SPLIT_BUTTON (widget)));
      seen_add (seen, "dropdown tooltip", adw_split_button_get_dropdown_tooltip (ADW_SPLIT_BUTTON (widget)));
      if (adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (widget)) != NULL)
        collect_menu (seen, adw_split_button_get_menu_model (ADW_SPLIT_BUTTON (widget)));
    }
  else if (GTK_IS_MENU_BUTTON (widget))
    {
      seen_add (seen, type, gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)));
      if (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
        collect_menu (seen, gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)));
    }
  else if (ADW_IS_STATUS_PAGE (widget))
    {
      seen_add (seen, type, adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
      seen_add (seen, type, adw_status_page_get_description (ADW_STATUS_PAGE (widget)));
    }
  else if (ADW_IS_WINDOW_TITLE (widget))
    {
      seen_add (seen, type, adw_window_title_get_title (ADW_WINDOW_TITLE (widget)));
      seen_add (seen, type, adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)));
    }
  else if (GTK_IS_WINDOW (widget))
    seen_add (seen, "window title", gtk_window_get_title (GTK_WINDOW (widget)));

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (seen, child);
}

static GlossatorApplication *app;

static void
test_welcome_in_german (void)
{
  g_autofree char *mo = NULL;
  Catalog catalog = { 0 };
  Seen seen = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(GString) english = g_string_new (NULL);
  GtkWidget *window;
  gint64 deadline;
  guint german = 0;

  mo = g_build_filename (g_getenv ("GLOSSATOR_TEST_LOCALEDIR"), "de", "LC_MESSAGES", GETTEXT_PACKAGE ".mo", NULL);
  catalog_load (&catalog, mo);

  window = GTK_WIDGET (glossator_window_new (app));
  gtk_window_present (GTK_WINDOW (window));
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (!gtk_widget_get_mapped (window))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;

  collect (&seen, window);
  g_assert_cmpuint (seen.plain->len, >=, 8);
  for (guint i = 0; i < seen.plain->len; i++)
    {
      const char *text = seen.plain->pdata[i];

      g_test_message ("%s", (char *) seen.texts->pdata[i]);
      if (!catalog_is_translation (&catalog, text))
        g_string_append_printf (english, "\n  %s", (char *) seen.texts->pdata[i]);
      else if (!g_hash_table_contains (catalog.msgids, text))
        german++;
    }
  if (english->len > 0)
    g_error ("texts that are not German translations:%s", english->str);
  /* Most texts differ between English and German; "Glossator" does not. */
  g_assert_cmpuint (german, >=, seen.plain->len / 2);

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_ptr_array_unref (seen.texts);
  g_ptr_array_unref (seen.plain);
  catalog_clear (&catalog);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  const char *localedir = g_getenv ("GLOSSATOR_TEST_LOCALEDIR");
  int status;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (&argc, &argv, NULL);
      g_test_skip ("no display (run under tests/run-headless.sh)");
      return g_test_run ();
    }

  gtk_test_init (&argc, &argv, NULL);
  /* gtk_test_init() switches to en_US; the messages follow LANGUAGE=de only
   * in a locale other than C, so take the environment's (C.UTF-8). */
  g_assert_nonnull (setlocale (LC_ALL, ""));
  g_assert_cmpstr (g_getenv ("LANGUAGE"), ==, "de");
  g_assert_nonnull (localedir);
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_set_application_name (_("Glossator"));

  app = glossator_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/gui/i18n/welcome-in-german", test_welcome_in_german);

  status = g_test_run ();
  g_clear_object (&app);
  return status;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "gui-test-util.h"

/* Under AddressSanitizer only. GLib leaks its first block of quarks by
 * design once a process has made 2048 of them (gquark.c: lock-free
 * lookups), as the window and dataset tests do. The block comes from a
 * library constructor, which the full (slower) unwinder shows. Every
 * widget test links this file; ASAN_OPTIONS overrides these defaults and
 * LSAN_OPTIONS' suppressions add to them (build-aux/quickstart.sh). */
const char *__asan_default_options (void);
const char *__lsan_default_suppressions (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

const char *
__lsan_default_suppressions (void)
{
  return "leak:_dl_init\n";
}

gboolean
gui_test_init (int       *argc,
               char    ***argv,
               gboolean   isolate_dirs)
{
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_init (argc, argv, NULL);
      g_test_skip ("no display (run under tests/run-headless.sh)");
      return FALSE;
    }

  if (isolate_dirs)
    gtk_test_init (argc, argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  else
    gtk_test_init (argc, argv, NULL);
  adw_init ();
  /* A blinking cursor's tick can come between a test moving the focus and
   * the focus-out GTK then sends, and GtkText warns of it (fatal here); no
   * test looks at the blink. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  return TRUE;
}

void
gui_test_wait (GuiTestCondition condition,
               gpointer         data)
{
  gboolean slow = g_getenv ("ASAN_OPTIONS") != NULL;
  gint64 deadline = g_get_monotonic_time () + (slow ? 60 : 15) * G_USEC_PER_SEC;

  while (!condition (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

void
gui_test_flush (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

AdwMessageDialog *
gui_test_find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_window_get_transient_for (window) == parent)
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

GtkWindow *
gui_test_find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint n = g_list_model_get_n_items (toplevels);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window;
    }

  return NULL;
}

/* @type G_TYPE_NONE or @name NULL: any. */
static GtkWidget *
find_widget (GtkWidget  *widget,
             GType       type,
             const char *name)
{
  if ((type == G_TYPE_NONE || G_TYPE_CHECK_INSTANCE_TYPE (widget, type)) &&
      (name == NULL || g_strcmp0 (gtk_widget_get_name (widget), name) == 0))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type, name);

      if (found != NULL)
        return found;
    }
  return NULL;
}

GtkWidget *
gui_test_find_by_type (GtkWidget *widget,
                       GType      type)
{
  return find_widget (widget, type, NULL);
}

GtkWidget *
gui_test_find_by_name (GtkWidget  *widget,
                       const char *name)
{
  return find_widget (widget, G_TYPE_NONE, name);
}

void
gui_test_select_range (GtkTextBuffer *buffer,
                       guint          start,
                       guint          end)
{
  GtkTextIter a, b;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, (int) start);
  gtk_text_buffer_get_iter_at_offset (buffer, &b, (int) end);
  gtk_text_buffer_select_range (buffer, &b, &a);
}

gboolean
gui_test_has_tag (GtkTextBuffer *buffer,
                  const char    *name,
                  guint          offset)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), name);
  GtkTextIter iter;

  g_assert_nonnull (tag);
  gtk_text_buffer_get_iter_at_offset (buffer, &iter, (int) offset);
  return gtk_text_iter_has_tag (&iter, tag);
}

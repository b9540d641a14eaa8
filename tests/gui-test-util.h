/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "test-util.h"

G_BEGIN_DECLS

/* What the widget tests share, beyond test-util.h. (gui-test-util.c also
 * holds their AddressSanitizer defaults.) */

/* Initialises GTK and libadwaita for a widget test (@isolate_dirs:
 * with G_TEST_OPTION_ISOLATE_DIRS). Without a display, marks the run
 * skipped and returns FALSE: main() then returns g_test_run (). */
gboolean          gui_test_init                (int              *argc,
                                                char           ***argv,
                                                gboolean          isolate_dirs);

typedef gboolean (*GuiTestCondition) (gpointer data);

/* Runs the main loop until @condition holds; fails after a while (longer
 * under AddressSanitizer). */
void              gui_test_wait                (GuiTestCondition  condition,
                                                gpointer          data);
/* Runs the main loop until it is idle. */
void              gui_test_flush               (void);
/* The AdwMessageDialog transient for @parent, or NULL. */
AdwMessageDialog *gui_test_find_message_dialog (GtkWindow        *parent);
/* The toplevel of type @type (the first one), or NULL. */
GtkWindow        *gui_test_find_window         (GType             type);
/* The first of @widget and its descendants (depth first) of type @type,
 * or NULL. */
GtkWidget        *gui_test_find_by_type        (GtkWidget        *widget,
                                                GType             type);
/* The same, for the widget named @name (gtk_widget_set_name()). */
GtkWidget        *gui_test_find_by_name        (GtkWidget        *widget,
                                                const char       *name);

/* Selects [@start, @end) of @buffer (code point offsets). */
void              gui_test_select_range        (GtkTextBuffer    *buffer,
                                                guint             start,
                                                guint             end);
/* Whether the character at @offset of @buffer has the tag named @name,
 * which @buffer must have: a name it does not know fails the test rather
 * than reading as untagged. */
gboolean          gui_test_has_tag             (GtkTextBuffer    *buffer,
                                                const char       *name,
                                                guint             offset);

G_END_DECLS

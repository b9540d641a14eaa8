/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the widget tests share. */

/* Removes @path and everything under it; fails the test on an error. */
void              gui_test_remove_tree         (const char *path);
/* Copies data/samples (found from G_TEST_SRCDIR) into the folder @target. */
void              gui_test_copy_samples        (const char *target);
/* A new temporary folder holding a copy of the samples. */
char             *gui_test_make_corpus         (void);

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
/* The file's contents as a string; fails the test when it cannot be read. */
char             *gui_test_read_file           (GFile            *file);

G_END_DECLS

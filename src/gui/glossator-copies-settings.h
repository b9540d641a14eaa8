/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The annotators' copies chosen with "Compare With…" for a corpus folder,
 * remembered per corpus in GSettings "statistics-copies" (the statistics
 * window and the Differences panel share them). */

/* The copies remembered for @corpus (GFile*), empty when none. */
GPtrArray *glossator_copies_settings_get (GSettings     *settings,
                                          GFile         *corpus);
/* Remembers @copies for @corpus; none forgets the corpus's entry. */
void       glossator_copies_settings_set (GSettings     *settings,
                                          GFile         *corpus,
                                          GFile * const *copies,
                                          guint          n_copies);

/* Asks for the copies in a folder chooser over @parent (several folders
 * may be chosen), starting in @folder (nullable); when some are chosen,
 * calls @chosen with them and @owner, which is kept alive until then. */
typedef void (*GlossatorCopiesChosen) (GObject       *owner,
                                       GFile * const *copies,
                                       guint          n_copies);
void       glossator_copies_choose       (GtkWindow            *parent,
                                          const char           *title,
                                          GFile                *folder,
                                          GlossatorCopiesChosen chosen,
                                          GObject              *owner);

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-document.h"
#include "glossator-schema.h"

G_BEGIN_DECLS

#define GLOSSATOR_JOURNAL_ERROR (glossator_journal_error_quark ())

typedef enum {
  GLOSSATOR_JOURNAL_ERROR_UNREADABLE,  /* kept aside; the message says where */
  GLOSSATOR_JOURNAL_ERROR_INVALID,     /* the journaled state is not a valid document */
} GlossatorJournalError;

#define GLOSSATOR_TYPE_JOURNAL (glossator_journal_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorJournal, glossator_journal, GLOSSATOR, JOURNAL, GObject)

/* The recovery journal of one open article: every edit of its document
 * (undo and redo included) is appended as the value it leaves behind (put or
 * remove, in the sidecar's own JSON), written at the next idle moment and
 * flushed to disk within a second, so a crash or a kill loses nothing the
 * sidecar does not have. The journal names the sidecar it applies to by the
 * SHA-256 of that file's bytes. It is removed once the sidecar is saved with
 * no edit left over, and compacted (one record per annotation touched) when
 * it grows past twice that, so it never grows beyond the document. */

GQuark             glossator_journal_error_quark     (void);

/* $XDG_DATA_HOME/glossator/journal */
GFile             *glossator_journal_default_folder  (void);
/* The journal of @article_file in @folder (named by a hash of its URI). */
GFile             *glossator_journal_file_for        (GFile              *folder,
                                                      GFile              *article_file);

/* Starts journaling @document's edits. @base_checksum is the SHA-256 of the
 * sidecar as loaded (NULL when there was none). Nothing is written before
 * the first edit; then any older journal of the article is replaced. */
GlossatorJournal  *glossator_journal_new             (GFile              *folder,
                                                      GFile              *article_file,
                                                      GlossatorDocument  *document,
                                                      const char         *base_checksum);
GFile             *glossator_journal_get_file        (GlossatorJournal   *self);
/* Writes what is pending and syncs it to disk now. */
gboolean           glossator_journal_flush           (GlossatorJournal   *self,
                                                      GError            **error);
/* The sidecar was saved as @checksum: the journal is removed, or rewritten
 * against the new sidecar when edits were made during the save. */
void               glossator_journal_sidecar_saved   (GlossatorJournal   *self,
                                                      const char         *checksum);
/* Stops journaling and removes the file (the edits were discarded). */
void               glossator_journal_discard         (GlossatorJournal   *self);

/* A journal found on disk: what it would restore. */
typedef struct _GlossatorJournalRecovery GlossatorJournalRecovery;

/* Reads the journal of @article_file. Returns NULL without @error when
 * there is none (or it holds no edit, in which case it is removed). A
 * journal that cannot be read is moved aside (never deleted) and reported
 * with UNREADABLE, naming where it was kept. A record cut short by a crash
 * at the end of the file is skipped. */
GlossatorJournalRecovery *glossator_journal_read    (GFile              *folder,
                                                      GFile              *article_file,
                                                      GError            **error);
void               glossator_journal_recovery_free   (GlossatorJournalRecovery *recovery);
GFile             *glossator_journal_recovery_get_file      (GlossatorJournalRecovery *recovery);
/* Edits recorded (after the last compaction). */
guint              glossator_journal_recovery_get_n_records (GlossatorJournalRecovery *recovery);
/* When the last edit was written (the file's modification time). */
GDateTime         *glossator_journal_recovery_get_time      (GlossatorJournalRecovery *recovery);
/* Whether the journal was kept against the sidecar whose bytes hash to
 * @checksum (NULL: no sidecar). When not, the sidecar changed since (saved
 * by another program or another window) and restoring is the user's call. */
gboolean           glossator_journal_recovery_matches       (GlossatorJournalRecovery *recovery,
                                                             const char               *checksum);
/* Applies the journaled edits to @document as one undo step ("Restore
 * Unsaved Edits"), after checking that the result is a valid document of
 * its text (a sidecar parse, so offsets and references are verified).
 * Returns the number of annotations changed (0: nothing to restore), or -1
 * with @error. Problems found (labels @schema lacks…) go to @problems. */
int                glossator_journal_recovery_apply         (GlossatorJournalRecovery *recovery,
                                                             GlossatorDocument        *document,
                                                             GlossatorSchema          *schema,
                                                             GPtrArray                *problems,
                                                             GError                  **error);
/* Moves the journal aside, as an unreadable one is (its edits could not be
 * restored); @error says where it was kept. */
void               glossator_journal_recovery_keep_aside    (GlossatorJournalRecovery *recovery,
                                                             const char               *why,
                                                             GError                  **error);
/* Removes the journal file (the user chose not to restore it). */
gboolean           glossator_journal_recovery_delete        (GlossatorJournalRecovery *recovery,
                                                             GError                  **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorJournalRecovery, glossator_journal_recovery_free)

G_END_DECLS

/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glossator-article.h"
#include "glossator-atomic-file.h"
#include "glossator-sidecar.h"
#include "test-util.h"

/* Killing a save.
 *
 * A child process (this program, run with --child) loads a sidecar and saves it again and again with new
 * notes ("save N …", N counting up), printing "ready" once loaded, "saving
 * N" before each save and "saved N SHA256" after it. The test kills it
 * (SIGKILL) at a random moment once it is ready, and checks that
 * the sidecar holds one of the versions whose save completed — byte for
 * byte — and its backup another; that nothing but the sidecar, its backup
 * and temporary files of the sidecar's own pattern are left; and that the
 * next save removes those. GLOSSATOR_STRESS_KILLS sets how many kills
 * (200 by default; bench/kill-stress.sh asks for 1,000). */

#define SIDECAR_NAME "a.txt.annotations.json"

/* Emoji, a ZWJ sequence, a flag, a combining mark and CRLF on every line. */
static const char line_text[] = "Noor Haddad met 👩‍👩‍👧 Zoë in Kyiv 🇺🇦; Cafe\u0301 owners said “no”.\r\n";
#define N_LINES 60

static GlossatorText *
load_text (const char *dir)
{
  g_autofree char *path = g_build_filename (dir, "a.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorArticle) article = NULL;
  g_autoptr(GError) error = NULL;

  article = glossator_article_load (file, NULL, &error);
  g_assert_no_error (error);
  return glossator_text_ref (glossator_article_get_text (article));
}

/* Notes of a length that changes from one save to the next, so that some
 * saves keep the file's size and others do not. */
static void
set_notes (GlossatorDocument *doc,
           const char        *who,
           guint              n)
{
  g_autofree char *padding = g_strnfill ((n * 7919) % 3000, 'x');
  g_autofree char *notes = g_strdup_printf ("%s %u %s", who, n, padding);

  glossator_document_set_notes (doc, notes);
}

/* The saving process: run as `test-save-stress --child FOLDER N`, it prints
 * its lines on standard output and is killed before it can end, unless a
 * save fails. */
static int
run_child (const char *dir,
           guint       first)
{
  g_autoptr(GlossatorText) text = load_text (dir);
  g_autofree char *path = g_build_filename (dir, SIDECAR_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* Each line whole, at once: the kill may come between two. */
  setvbuf (stdout, NULL, _IOLBF, 0);
  doc = glossator_sidecar_load (text, file, NULL, NULL, NULL, &error);
  printf ("ready\n");
  for (guint n = first; doc != NULL; n++)
    {
      set_notes (doc, "save", n);
      printf ("saving %u\n", n);
      if (!glossator_sidecar_save (doc, file, "a.txt", FALSE, NULL, NULL, &error))
        break;
      printf ("saved %u %s\n", n, glossator_sidecar_get_checksum (doc));
    }

  printf ("error: %s\n", error->message);
  return 2;
}

typedef struct {
  char       *dir;
  char       *path;
  char       *backup_path;
  GFile      *file;
  GHashTable *completed;   /* SHA-256 of every version whose save completed */
  guint       next;        /* the number of the next save */
  /* Figures */
  guint       n_kills;
  guint       n_saves;
  guint       n_mid_save;         /* killed between "saving" and "saved" */
  guint       n_unreported;       /* ... of which the new version was in place */
  guint       n_torn;
  guint       n_with_leftovers;
  guint       n_leftovers_before;
  guint       n_leftovers_after;
} Stress;

static char *
sha256_of (const char *data,
           gsize       length)
{
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) data, length);
}

/* A file the child had begun to save and finished but not reported: a whole
 * sidecar, as Glossator writes it, with the notes of save @n. */
static gboolean
is_unreported_save (Stress        *stress,
                    GlossatorText *text,
                    const char    *data,
                    gsize          length,
                    guint          n)
{
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GBytes) again = NULL;
  g_autofree char *expected = g_strdup_printf ("save %u ", n);

  doc = glossator_sidecar_parse (text, stress->path, data, length, NULL, NULL, NULL);
  if (doc == NULL || !g_str_has_prefix (glossator_document_get_notes (doc), expected))
    return FALSE;
  again = glossator_sidecar_serialize (doc, "a.txt");
  return g_bytes_get_size (again) == length && memcmp (g_bytes_get_data (again, NULL), data, length) == 0;
}

static guint
count_leftovers (Stress *stress)
{
  g_autoptr(GDir) listing = g_dir_open (stress->dir, 0, NULL);
  const char *name;
  guint n = 0;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      if (_glossator_atomic_file_is_temp_name (name, SIDECAR_NAME))
        n++;
      else if (strcmp (name, "a.txt") != 0 && strcmp (name, SIDECAR_NAME) != 0 &&
               strcmp (name, SIDECAR_NAME "~") != 0)
        g_error ("a kill left %s beside the sidecar", name);
    }

  return n;
}

/* Our own save after a kill: it must find the file as the child left it
 * and remove the child's leftovers (made old enough at once). */
static void
save_after_kill (Stress        *stress,
                 GlossatorText *text)
{
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  doc = glossator_sidecar_load (text, stress->file, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  set_notes (doc, "cleanup", stress->next++);
  _glossator_atomic_file_set_leftover_age_for_testing (0);
  g_assert_true (glossator_sidecar_save (doc, stress->file, "a.txt", FALSE, NULL, NULL, &error));
  _glossator_atomic_file_set_leftover_age_for_testing (-1);
  g_assert_no_error (error);
  g_hash_table_add (stress->completed, g_strdup (glossator_sidecar_get_checksum (doc)));
}

/* FALSE when the kill left a sidecar or a backup that is no completed save. */
static gboolean
check_after_kill (Stress        *stress,
                  GlossatorText *text,
                  const char    *output,
                  guint          first)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_autofree char *contents = NULL, *sha = NULL;
  gsize length;
  gboolean mid_save = FALSE;
  guint last_started = 0;
  guint leftovers;

  /* Only whole lines: the last may have been cut by the kill. */
  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    {
      guint n;
      char hex[65];

      if (sscanf (lines[i], "saved %u %64s", &n, hex) == 2)
        {
          g_hash_table_add (stress->completed, g_strdup (hex));
          stress->n_saves++;
          mid_save = FALSE;
        }
      else if (strcmp (lines[i], "ready") == 0)
        continue;
      else if (sscanf (lines[i], "saving %u", &n) == 1)
        {
          last_started = n;
          mid_save = TRUE;
        }
      else
        g_error ("unexpected output from the child: %s", lines[i]);
    }
  stress->next = MAX (stress->next, (last_started != 0 ? last_started : first) + 1);
  stress->n_mid_save += mid_save;

  g_assert_true (g_file_get_contents (stress->path, &contents, &length, NULL));
  sha = sha256_of (contents, length);
  if (!g_hash_table_contains (stress->completed, sha))
    {
      if (mid_save && is_unreported_save (stress, text, contents, length, last_started))
        {
          g_hash_table_add (stress->completed, g_steal_pointer (&sha));
          stress->n_unreported++;
        }
      else
        {
          g_autofree char *torn = g_build_filename (g_get_tmp_dir (), "glossator-torn-sidecar.json", NULL);

          stress->n_torn++;
          g_file_set_contents (torn, contents, length, NULL);
          g_test_message ("kill %u left a sidecar that is no completed save (copied to %s)",
                          stress->n_kills, torn);
          return FALSE;
        }
    }

  if (g_file_test (stress->backup_path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *backup = NULL, *backup_sha = NULL;

      g_assert_true (g_file_get_contents (stress->backup_path, &backup, &length, NULL));
      backup_sha = sha256_of (backup, length);
      if (!g_hash_table_contains (stress->completed, backup_sha))
        {
          stress->n_torn++;
          g_test_message ("kill %u left a backup that is no completed save", stress->n_kills);
          return FALSE;
        }
    }

  /* The next child's saves would not remove them yet (they are young), so
   * a save of ours does, with the age made zero. */
  leftovers = count_leftovers (stress);
  if (leftovers > 0)
    {
      stress->n_leftovers_before += leftovers;
      stress->n_with_leftovers++;
      save_after_kill (stress, text);
      stress->n_leftovers_after += count_leftovers (stress);
    }
  return TRUE;
}

/* Starts a child saving from save @first on, kills it @delay_usec after it
 * has loaded the sidecar and returns what it printed. (Not forked: the
 * sidecar loader has worker threads, which a fork would cut off.) */
static char *
run_and_kill (const char *self_path,
              Stress     *stress,
              guint       first,
              gulong      delay_usec)
{
  g_autofree char *first_arg = g_strdup_printf ("%u", first);
  const char *argv[] = { self_path, "--child", stress->dir, first_arg, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) output = g_string_new (NULL);
  GPid pid;
  int out_fd, status;
  char buffer[4096];
  gssize n_read;

  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD,
                            NULL, NULL, &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);

  /* Starting a program takes longer than a save: aim at the saves. */
  while (strchr (output->str, '\n') == NULL && (n_read = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n_read);
  g_usleep (delay_usec);
  g_assert_cmpint (kill (pid, SIGKILL), ==, 0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);

  while ((n_read = read (out_fd, buffer, sizeof buffer)) > 0)
    g_string_append_len (output, buffer, n_read);
  close (out_fd);

  /* Ending of anything but the kill means a save failed. */
  if (!WIFSIGNALED (status) || WTERMSIG (status) != SIGKILL)
    g_error ("the saving child ended by itself (status %d): %s", status, output->str);

  return g_string_free (g_steal_pointer (&output), FALSE);
}

/* Returns how long its save took, to aim the kills on this machine (a
 * sanitizer build saves several times slower). */
static gint64
make_corpus (const char *dir)
{
  g_autoptr(GString) article = g_string_new (NULL);
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autofree char *path = g_build_filename (dir, SIDECAR_NAME, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  guint line_length = g_utf8_strlen (line_text, -1);
  guint noor = test_util_offset_of (line_text, "Noor Haddad", 0);
  guint kyiv = test_util_offset_of (line_text, "Kyiv", 0);

  for (guint i = 0; i < N_LINES; i++)
    g_string_append (article, line_text);
  test_util_write_file (dir, "a.txt", article->str, article->len);

  text = load_text (dir);
  doc = glossator_document_new (text);
  for (guint i = 0; i < N_LINES; i++)
    {
      guint start = i * line_length + noor, end = start + 11;
      g_autoptr(GlossatorMention) person = NULL;
      g_autoptr(GlossatorMention) place = NULL;

      person = glossator_document_create_mention (doc, "PERSON", &start, &end, 1, NULL, &error);
      g_assert_no_error (error);
      start = i * line_length + kyiv;
      end = start + 4;
      place = glossator_document_create_mention (doc, "GPE", &start, &end, 1, NULL, &error);
      g_assert_no_error (error);
    }
  {
    gint64 before = g_get_monotonic_time ();

    g_assert_true (glossator_sidecar_save (doc, file, "a.txt", FALSE, NULL, NULL, &error));
    g_assert_no_error (error);
    return g_get_monotonic_time () - before;
  }
}

static void
test_kill_during_save (void)
{
  const char *kills_env = g_getenv ("GLOSSATOR_STRESS_KILLS");
  guint n_kills = kills_env != NULL ? (guint) g_ascii_strtoull (kills_env, NULL, 10) : 200;
  g_autofree char *self_path = g_file_read_link ("/proc/self/exe", NULL);
  g_autoptr(GlossatorText) text = NULL;
  Stress stress = { 0 };
  gint64 started = g_get_monotonic_time ();
  gint64 save_usec;
  gint32 max_delay;
  gsize length;

  g_assert_nonnull (self_path);
  stress.dir = test_util_make_temp_dir ();
  stress.path = g_build_filename (stress.dir, SIDECAR_NAME, NULL);
  stress.backup_path = g_strconcat (stress.path, "~", NULL);
  stress.file = g_file_new_for_path (stress.path);
  stress.completed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  stress.next = 1;
  save_usec = make_corpus (stress.dir);
  /* Anywhere in the first save or two: 15 ms here, longer where saving is. */
  max_delay = (gint32) MIN (MAX (15000, 3 * save_usec), 500000);
  text = load_text (stress.dir);
  {
    g_autofree char *contents = NULL;

    g_assert_true (g_file_get_contents (stress.path, &contents, &length, NULL));
    g_hash_table_add (stress.completed, sha256_of (contents, length));
    g_test_message ("sidecar: %" G_GSIZE_FORMAT " bytes", length);
  }

  for (stress.n_kills = 0; stress.n_kills < n_kills; stress.n_kills++)
    {
      guint start = stress.next;
      g_autofree char *output = run_and_kill (self_path, &stress, start, g_random_int_range (0, max_delay));

      if (!check_after_kill (&stress, text, output, start))
        break;
    }

  g_test_message ("one save: %.1f ms; kills within %.1f ms", save_usec / 1000.0, max_delay / 1000.0);
  g_test_message ("figures: kills %u, saves completed %u, kills during a save %u "
                  "(new version in place but not reported: %u), torn files %u, "
                  "kills leaving temporary files %u, temporary files before cleanup %u, after %u, "
                  "%.1f s",
                  stress.n_kills, stress.n_saves, stress.n_mid_save, stress.n_unreported, stress.n_torn,
                  stress.n_with_leftovers, stress.n_leftovers_before, stress.n_leftovers_after,
                  (g_get_monotonic_time () - started) / (double) G_USEC_PER_SEC);

  g_assert_cmpuint (stress.n_torn, ==, 0);
  g_assert_cmpuint (stress.n_leftovers_after, ==, 0);
  /* Otherwise the kills did not test saving. */
  g_assert_cmpuint (stress.n_mid_save, >, 0);
  g_assert_cmpuint (stress.n_saves, >, 0);

  test_util_remove_tree (stress.dir);
  g_free (stress.dir);
  g_free (stress.path);
  g_free (stress.backup_path);
  g_object_unref (stress.file);
  g_hash_table_unref (stress.completed);
}

int
main (int argc, char *argv[])
{
  if (argc == 4 && strcmp (argv[1], "--child") == 0)
    return run_child (argv[2], (guint) g_ascii_strtoull (argv[3], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/save-stress/kill-during-save", test_kill_during_save);

  return g_test_run ();
}

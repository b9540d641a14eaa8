/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-gui-bench"
/* sched_setaffinity() */
#define _GNU_SOURCE

#include "config.h"

#include <glib/gstdio.h>
#include <malloc.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "glossator-application.h"
#include "glossator-article-view-private.h"
#include "glossator-window-private.h"

/* How fast a big article shows and reacts, and how much memory the
 * window takes, next to a bare GtkTextView:
 *
 *   gui-open-bench [--load] [--large] [--memory] [--keep] [RUN_HEADLESS_SH]
 *
 * Generates a 1 MB article with 20,000 mentions and 200 stances, one in
 * every hundredth mention's sentence (and with --large a 5 MB one with
 * 100,000 mentions; sidecars written by the core; the view draws the
 * stances' margin marks), then measures
 *   (a) open → first drawn frame ("after-paint" of the frame clock): a bare
 *       GtkTextView given the text and a tag on every mention; the session
 *       + article view; the whole window opening the folder (corpus scan,
 *       session, view) — goal ≤ 2× the bare view (and ≤ 1 s at 5 MB);
 *       with --load again while a CPU-burning neighbour process runs,
 *       pinned to the last core;
 *   (b) label key (the view's own key handler, as a key press runs it) →
 *       next drawn frame, and the same for applying one tag in the bare
 *       GtkTextView — goal: the bare view's time + 1 ms;
 *   (c) with --memory, the resident memory of a process showing the 1 MB
 *       article in the window against one showing it in a bare
 *       GtkTextView with the same tags, each once every tag is built —
 *       goal ≤ 1.15×.
 * Each in ROUNDS (default 3) interleaved rounds, reported as medians.
 * Without a display it runs itself again under the given run-headless.sh. */

#define N_KEYS          40
#define MAX_ROUNDS      9
#define WIDTH           1000
#define HEIGHT          700

static const char *names[] = {
  "Ana Kovač", "Zoë Wróbel", "Noor Haddad", "Gdańsk", "Kyiv", "Łukasz Nowak", "Amber Gate Terminals",
  "the Ministry of Trade", "Riga", "Marta Zielińska", "Rotterdam", "the Baltic Port Workers’ Federation",
};
static const char *labels[] = {
  "PERSON", "PERSON", "PERSON", "GPE", "GPE", "PERSON", "ORG", "ORG", "GPE", "PERSON", "GPE", "ORG",
};
static const char *fillers[] = {
  "said on Tuesday that the talks with", "would not comment on reports about", "met representatives of",
  "has criticised the plan put forward by", "told reporters after a meeting with", "and the port authority of",
  "is expected to visit", "welcomed the statement from",
};

static gboolean keep_article;

typedef struct {
  guint    target_bytes;
  guint    target_mentions;
  GString *text;
  GArray  *starts;
  GArray  *ends;
  GArray  *which;
  gsize    counted_bytes;
  guint    counted_chars;
} Generated;

/* Code points in @g's text: counted from where the last count ended, so
 * that generating stays linear in the text's length. */
static guint
text_length (Generated *g)
{
  g->counted_chars += (guint) g_utf8_strlen (g->text->str + g->counted_bytes, g->text->len - g->counted_bytes);
  g->counted_bytes = g->text->len;
  return g->counted_chars;
}

/* Sentences of names and filler words; every name is a mention. */
static void
generate_text (Generated *g,
               guint      target_bytes,
               guint      target_mentions)
{
  guint seed = 7;
  guint n = 0;

  g->target_bytes = target_bytes;
  g->target_mentions = target_mentions;
  g->counted_bytes = 0;
  g->counted_chars = 0;

  g->text = g_string_new ("Harbour talks: a long day of statements\n\n");
  g->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g->ends = g_array_new (FALSE, FALSE, sizeof (guint));
  g->which = g_array_new (FALSE, FALSE, sizeof (guint));

  while (g->text->len < target_bytes || n < target_mentions)
    {
      guint k = (seed = seed * 1103515245 + 12345) >> 16;
      guint a = k % G_N_ELEMENTS (names), b = (k / 13) % G_N_ELEMENTS (names);
      const char *filler = fillers[(k / 7) % G_N_ELEMENTS (fillers)];
      guint start;

      if (n < target_mentions)
        {
          start = text_length (g);
          g_string_append (g->text, names[a]);
          g_array_append_val (g->starts, start);
          start += g_utf8_strlen (names[a], -1);
          g_array_append_val (g->ends, start);
          g_array_append_val (g->which, a);
          n++;
        }
      else
        g_string_append (g->text, "The spokesman");
      g_string_append_printf (g->text, " %s ", filler);
      if (n < target_mentions && k % 3 != 0)
        {
          start = text_length (g);
          g_string_append (g->text, names[b]);
          g_array_append_val (g->starts, start);
          start += g_utf8_strlen (names[b], -1);
          g_array_append_val (g->ends, start);
          g_array_append_val (g->which, b);
          n++;
        }
      else
        g_string_append (g->text, "the delegation");
      g_string_append (g->text, k % 5 == 0 ? ".\n\n" : ". ");
    }
}

static char *
write_corpus (Generated *g,
              GFile    **article_out)
{
  g_autoptr(GError) error = NULL;
  /* Kept ones go where the bench runs: run-headless.sh removes its TMPDIR. */
  g_autofree char *dir = keep_article ? g_mkdtemp (g_strdup ("glossator-gui-bench-XXXXXX"))
                                      : g_dir_make_tmp ("glossator-gui-bench-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GFile) sidecar = NULL;
  g_autoptr(GlossatorText) text = NULL;
  g_autoptr(GlossatorDocument) doc = NULL;
  g_autoptr(GHashTable) entities = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) mention_entities = g_ptr_array_new ();
  static const char *polarities[] = { "favor", "against", "neutral", "unclear" };
  gint64 t0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "harbour.txt", NULL);
  g_file_set_contents (path, g->text->str, g->text->len, &error);
  g_assert_no_error (error);
  article = g_file_new_for_path (path);

  t0 = g_get_monotonic_time ();
  text = glossator_text_new_from_data (g->text->str, g->text->len, &error);
  g_assert_no_error (error);
  doc = glossator_document_new (text);
  glossator_document_begin_edit (doc, "generate");
  for (guint i = 0; i < g->starts->len; i++)
    {
      guint which = g_array_index (g->which, guint, i);
      const char *entity = g_hash_table_lookup (entities, names[which]);
      g_autoptr(GlossatorMention) mention = NULL;

      mention = glossator_document_create_mention (doc, labels[which], &g_array_index (g->starts, guint, i),
                                                   &g_array_index (g->ends, guint, i), 1, entity, &error);
      g_assert_no_error (error);
      if (entity == NULL)
        g_hash_table_insert (entities, (gpointer) names[which], g_strdup (mention->entity_id));
      g_ptr_array_add (mention_entities, g_hash_table_lookup (entities, names[which]));
    }
  for (guint i = 0; i + 1 < g->starts->len; i += 100)
    {
      g_autofree char *id = glossator_document_new_id (doc, "s");
      g_autoptr(GlossatorStance) stance = glossator_stance_new (id, polarities[(i / 100) % G_N_ELEMENTS (polarities)]);
      guint start, end;

      glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, mention_entities->pdata[i]);
      glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, mention_entities->pdata[i + 1]);
      glossator_text_get_sentence (text, g_array_index (g->starts, guint, i), &start, &end);
      glossator_span_set_quote (glossator_stance_add_evidence (stance, start, end), text);
      glossator_document_put_stance (doc, stance);
    }
  glossator_document_end_edit (doc);
  sidecar = glossator_sidecar_file_for (article);
  glossator_sidecar_save (doc, sidecar, "harbour.txt", FALSE, NULL, NULL, &error);
  g_assert_no_error (error);

  g_print ("article: %zu bytes, %u code points, %u mentions, %u entities, %u stances (built and saved in %.0f ms)\n",
           g->text->len, glossator_text_get_length (text), glossator_document_get_n_mentions (doc),
           glossator_document_get_n_entities (doc), glossator_document_get_n_stances (doc),
           (g_get_monotonic_time () - t0) / 1000.0);

  *article_out = g_steal_pointer (&article);
  return g_steal_pointer (&dir);
}

/* Frames */

static gint64 painted_at;

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  if (painted_at == 0)
    painted_at = g_get_monotonic_time ();
}

static void
drain (void)
{
  for (int i = 0; i < 3; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (30000);
    }
}

static void
arm_paint (GtkWidget *widget,
           gulong    *handler)
{
  painted_at = 0;
  *handler = g_signal_connect (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (after_paint_cb), NULL);
}

static gboolean
timed_out_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* The time of the first frame painted after arm_paint(). */
static gint64
wait_paint (GtkWidget *widget,
            gulong     handler)
{
  gboolean timed_out = FALSE;
  guint timeout_id = g_timeout_add_seconds (20, timed_out_cb, &timed_out);

  while (painted_at == 0 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  if (!timed_out)
    g_source_remove (timeout_id);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (widget), handler);
  if (painted_at == 0)
    g_error ("no frame was drawn");
  return painted_at;
}

static GtkWidget *
new_window (const char *title,
            GtkWidget  *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_title (GTK_WINDOW (window), title);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  drain ();
  return window;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n)
{
  qsort (values, n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
maximum (const double *values,
         guint         n)
{
  double m = 0;

  for (guint i = 0; i < n; i++)
    m = MAX (m, values[i]);
  return m;
}

/* (a) and (b) for a bare GtkTextView. */
static void
bench_bare (GFile     *article,
            Generated *g,
            double    *open_ms,
            double    *key_median_ms)
{
  GtkWidget *view = gtk_text_view_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkWidget *window;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextTag *tags[G_N_ELEMENTS (names)];
  g_autofree char *contents = NULL;
  double keys[N_KEYS];
  gsize length;
  gulong handler;
  gint64 t0, t_set;

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  window = new_window ("bare", scroller);

  arm_paint (window, &handler);
  t0 = g_get_monotonic_time ();
  g_file_load_contents (article, NULL, &contents, &length, NULL, NULL);
  gtk_text_buffer_set_text (buffer, contents, length);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    tags[i] = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba", &(GdkRGBA) { 0.2, 0.5, 0.9, 0.25 },
                                          "underline", PANGO_UNDERLINE_SINGLE, NULL);
  for (guint i = 0; i < g->starts->len; i++)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (g->starts, guint, i));
      gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (g->ends, guint, i));
      gtk_text_buffer_apply_tag (buffer, tags[g_array_index (g->which, guint, i)], &start, &end);
    }
  t_set = g_get_monotonic_time ();
  *open_ms = (wait_paint (window, handler) - t0) / 1000.0;
  g_print ("  bare GtkTextView, text + %u tags        %7.1f ms  (set text and tags %.1f ms)\n",
           g->starts->len, *open_ms, (t_set - t0) / 1000.0);

  drain ();
  for (guint i = 0; i < N_KEYS; i++)
    {
      GtkTextIter start, end;

      gtk_text_buffer_get_iter_at_offset (buffer, &start, 50 + i * 40);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, 50 + i * 40 + 5);
      drain ();
      arm_paint (window, &handler);
      t0 = g_get_monotonic_time ();
      gtk_text_buffer_apply_tag (buffer, tags[i % G_N_ELEMENTS (names)], &start, &end);
      keys[i] = (wait_paint (window, handler) - t0) / 1000.0;
    }
  *key_median_ms = median (keys, N_KEYS);

  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

typedef struct {
  GlossatorSession *session;
} OpenResult;

static void
open_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  OpenResult *r = user_data;
  g_autoptr(GError) error = NULL;

  r->session = glossator_session_open_finish (result, &error);
  g_assert_no_error (error);
}

/* The first place after @from (code points) with a word that no mention
 * covers, so the key tags a new mention. */
static void
free_word (GlossatorDocument *doc,
           guint              from,
           guint             *start,
           guint             *end)
{
  GlossatorText *text = glossator_document_get_text (doc);
  guint length = glossator_text_get_length (text);

  for (guint i = from; i + 10 < length; i++)
    if (glossator_text_slice_equals (text, i, i + 10, "delegation") ||
        glossator_text_slice_equals (text, i, i + 10, "the talks "))
      {
        g_autoptr(GPtrArray) hits = glossator_document_mentions_in_range (doc, i, i + 9);

        if (hits->len == 0)
          {
            *start = i;
            *end = i + 9;
            return;
          }
      }
  g_error ("no free word");
}

static void
bench_view (GFile  *article,
            guint   n_mentions,
            double *open_ms,
            double *key_median_ms,
            double *key_max_ms)
{
  GtkWidget *view = glossator_article_view_new ();
  GtkWidget *window = new_window ("view", view);
  GtkTextView *text_view = _glossator_article_view_get_text_view (GLOSSATOR_ARTICLE_VIEW (view));
  GtkTextBuffer *buffer;
  OpenResult r = { NULL };
  GlossatorDocument *doc;
  double keys[N_KEYS], handling[N_KEYS], edge_keys[N_KEYS];
  guint offset = 0;
  guint64 revision;
  gulong handler;
  gint64 t0, t_open, t_set, t_paint, t_tags;

  gtk_widget_grab_focus (GTK_WIDGET (text_view));
  drain ();

  t0 = g_get_monotonic_time ();
  glossator_session_open_async (article, NULL, NULL, open_cb, &r);
  while (r.session == NULL)
    g_main_context_iteration (NULL, TRUE);
  t_open = g_get_monotonic_time ();
  doc = glossator_session_get_document (r.session);
  arm_paint (window, &handler);
  glossator_article_view_set_document (GLOSSATOR_ARTICLE_VIEW (view), doc,
                                       glossator_session_get_schema (r.session), FALSE);
  t_set = g_get_monotonic_time ();
  t_paint = wait_paint (window, handler);
  while (_glossator_article_view_is_building_tags (GLOSSATOR_ARTICLE_VIEW (view)))
    g_main_context_iteration (NULL, TRUE);
  t_tags = g_get_monotonic_time ();
  /* The view gives every document a buffer of its own. */
  buffer = gtk_text_view_get_buffer (text_view);
  *open_ms = (t_paint - t0) / 1000.0;
  g_print ("  session + article view                  %7.1f ms  (open on a thread %.1f ms, set_document %.1f ms;\n"
           "                                                      every mention tagged after %.1f ms)\n",
           *open_ms, (t_open - t0) / 1000.0, (t_set - t_open) / 1000.0, (t_tags - t0) / 1000.0);

  for (guint i = 0; i < N_KEYS; i++)
    {
      GtkTextIter start, end;
      guint s, e;

      free_word (doc, offset, &s, &e);
      offset = e + 200;
      gtk_text_buffer_get_iter_at_offset (buffer, &start, s);
      gtk_text_buffer_get_iter_at_offset (buffer, &end, e);
      gtk_text_buffer_select_range (buffer, &start, &end);
      gtk_text_view_scroll_to_iter (text_view, &start, 0.0, TRUE, 0.0, 0.3);
      drain ();

      arm_paint (window, &handler);
      t0 = g_get_monotonic_time ();
      if (!_glossator_article_view_handle_key (GLOSSATOR_ARTICLE_VIEW (view), GDK_KEY_1, 0))
        g_error ("the label key was not used");
      handling[i] = (g_get_monotonic_time () - t0) / 1000.0;
      keys[i] = (wait_paint (window, handler) - t0) / 1000.0;
      drain ();

      /* The mention just tagged is selected: its end a word later. */
      arm_paint (window, &handler);
      t0 = g_get_monotonic_time ();
      revision = glossator_document_get_revision (doc);
      if (!_glossator_article_view_handle_key (GLOSSATOR_ARTICLE_VIEW (view), GDK_KEY_Right,
                                               GDK_ALT_MASK | GDK_SHIFT_MASK) ||
          glossator_document_get_revision (doc) == revision)
        g_error ("the edge key did not move the mention");
      edge_keys[i] = (wait_paint (window, handler) - t0) / 1000.0;
    }
  if (glossator_document_get_n_mentions (doc) != n_mentions + N_KEYS)
    g_error ("the keys tagged %u mentions, not %u", glossator_document_get_n_mentions (doc) - n_mentions, N_KEYS);
  *key_max_ms = maximum (keys, N_KEYS);
  *key_median_ms = median (keys, N_KEYS);
  g_print ("  (key handling alone: median %.2f ms)\n", median (handling, N_KEYS));
  g_print ("  edge key (Alt+Shift+Right) to next frame: median %.1f ms, max %.1f ms\n",
           median (edge_keys, N_KEYS), maximum (edge_keys, N_KEYS));

  gtk_window_destroy (GTK_WINDOW (window));
  g_clear_object (&r.session);
  drain ();
}

static GtkWidget *view_to_watch;
static gint64 document_set_at;
static guint frames_drawn;
static gint64 text_shown_at;

static void
text_shown_cb (GtkTextBuffer *buffer)
{
  if (text_shown_at == 0 && gtk_text_buffer_get_char_count (buffer) > 0)
    text_shown_at = g_get_monotonic_time ();
}

static void
count_frame_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  frames_drawn++;
}

static void
view_document_cb (GObject *view)
{
  if (glossator_article_view_get_document (GLOSSATOR_ARTICLE_VIEW (view)) != NULL && document_set_at == 0)
    document_set_at = g_get_monotonic_time ();
}

static void
bench_window (GFile  *folder,
              double *open_ms)
{
  /* One application for all rounds: it owns a D-Bus path. */
  static GlossatorApplication *app;
  GlossatorWindow *window;
  g_autoptr(GError) error = NULL;
  GtkTextBuffer *buffer;
  gulong handler, counter;
  gint64 t0, t_paint;

  if (app == NULL)
    {
      app = glossator_application_new ();
      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
    }
  document_set_at = 0;
  window = glossator_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  drain ();

  view_to_watch = window->article_view;
  g_signal_connect (view_to_watch, "notify::document", G_CALLBACK (view_document_cb), NULL);

  frames_drawn = 0;
  text_shown_at = 0;
  buffer = gtk_text_view_get_buffer (_glossator_article_view_get_text_view (GLOSSATOR_ARTICLE_VIEW (window->article_view)));
  g_signal_connect (buffer, "changed", G_CALLBACK (text_shown_cb), NULL);
  counter = g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), "after-paint",
                              G_CALLBACK (count_frame_cb), NULL);
  t0 = g_get_monotonic_time ();
  glossator_window_open_files (window, &folder, 1);
  while (document_set_at == 0)
    g_main_context_iteration (NULL, TRUE);
  /* The frame that follows the document reaching the view. */
  arm_paint (GTK_WIDGET (window), &handler);
  t_paint = wait_paint (GTK_WIDGET (window), handler);
  g_signal_handler_disconnect (gtk_widget_get_frame_clock (GTK_WIDGET (window)), counter);
  g_signal_handlers_disconnect_by_func (buffer, text_shown_cb, NULL);
  *open_ms = (t_paint - t0) / 1000.0;
  g_print ("  window opening the folder               %7.1f ms  (text shown after %.1f ms, document in the\n"
           "                                                      view after %.1f ms, %u frames drawn meanwhile)\n",
           *open_ms, (text_shown_at - t0) / 1000.0, (document_set_at - t0) / 1000.0, frames_drawn);

  g_signal_handlers_disconnect_by_func (view_to_watch, view_document_cb, NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  drain ();
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_remove (child);
    }
  g_rmdir (path);
}

/* A neighbour burning CPU on the last core, as another process would. */
static GPid
start_load (void)
{
  pid_t pid = fork ();

  if (pid < 0)
    g_error ("fork failed");
  if (pid == 0)
    {
      long n = sysconf (_SC_NPROCESSORS_ONLN);
      cpu_set_t set;
      volatile guint64 spin = 0;

      CPU_ZERO (&set);
      CPU_SET (n > 1 ? n - 1 : 0, &set);
      sched_setaffinity (0, sizeof set, &set);
      for (;;)
        spin++;
    }
  return pid;
}

static void
stop_load (GPid pid)
{
  kill (pid, SIGKILL);
  waitpid (pid, NULL, 0);
}

/* Memory */

static void
wait_for_tags (GtkWidget *view)
{
  while (_glossator_article_view_is_building_tags (GLOSSATOR_ARTICLE_VIEW (view)))
    g_main_context_iteration (NULL, TRUE);
}

/* Settles, then prints "RSS_KIB HEAP_KIB": what the process holds and what
 * malloc has handed out and not had back. */
static void
print_memory (void)
{
  g_autofree char *status = NULL;
  const char *rss;
  struct mallinfo2 info;

  for (int i = 0; i < 20; i++)
    drain ();
  info = mallinfo2 ();
  g_file_get_contents ("/proc/self/status", &status, NULL, NULL);
  rss = status != NULL ? strstr (status, "VmRSS:") : NULL;
  g_print ("%lu %zu\n", rss != NULL ? strtoul (rss + 6, NULL, 10) : 0, (info.uordblks + info.hblkhd) / 1024);
}

static int
memory_child (const char *what,
              const char *article_path,
              Generated  *g)
{
  g_autoptr(GFile) article = g_file_new_for_path (article_path);

  if (g_str_equal (what, "bare"))
    {
      GtkWidget *view = gtk_text_view_new ();
      GtkWidget *scroller = gtk_scrolled_window_new ();
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
      GtkTextTag *tags[G_N_ELEMENTS (names)];
      g_autofree char *contents = NULL;
      gsize length;

      gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
      gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
      new_window ("bare", scroller);
      g_file_load_contents (article, NULL, &contents, &length, NULL, NULL);
      gtk_text_buffer_set_text (buffer, contents, length);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        tags[i] = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba", &(GdkRGBA) { 0.2, 0.5, 0.9, 0.25 },
                                              "underline", PANGO_UNDERLINE_SINGLE, NULL);
      for (guint i = 0; i < g->starts->len; i++)
        {
          GtkTextIter start, end;

          gtk_text_buffer_get_iter_at_offset (buffer, &start, g_array_index (g->starts, guint, i));
          gtk_text_buffer_get_iter_at_offset (buffer, &end, g_array_index (g->ends, guint, i));
          gtk_text_buffer_apply_tag (buffer, tags[g_array_index (g->which, guint, i)], &start, &end);
        }
      print_memory ();
    }
  else if (g_str_equal (what, "session"))
    {
      /* The document model alone, in a process that has drawn a window. */
      OpenResult r = { NULL };

      new_window ("session", gtk_label_new (""));
      glossator_session_open_async (article, NULL, NULL, open_cb, &r);
      while (r.session == NULL)
        g_main_context_iteration (NULL, TRUE);
      print_memory ();
    }
  else if (g_str_equal (what, "empty"))
    {
      new_window ("empty", gtk_label_new (""));
      print_memory ();
    }
  else
    {
      g_autoptr(GFile) folder = g_file_get_parent (article);
      GlossatorApplication *app = glossator_application_new ();
      GlossatorWindow *window;
      g_autoptr(GError) error = NULL;

      g_application_set_flags (G_APPLICATION (app), G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
      g_application_register (G_APPLICATION (app), NULL, &error);
      g_assert_no_error (error);
      window = glossator_window_new (app);
      gtk_window_set_default_size (GTK_WINDOW (window), WIDTH, HEIGHT);
      gtk_window_present (GTK_WINDOW (window));
      drain ();
      document_set_at = 0;
      g_signal_connect (window->article_view, "notify::document", G_CALLBACK (view_document_cb), NULL);
      glossator_window_open_files (window, &folder, 1);
      while (document_set_at == 0)
        g_main_context_iteration (NULL, TRUE);
      wait_for_tags (window->article_view);
      print_memory ();
    }
  return 0;
}

typedef struct {
  double rss_mib;
  double heap_mib;
} Memory;

static void
measure_memory (const char *self_path,
                const char *what,
                GFile      *article,
                Generated  *g,
                Memory     *memory)
{
  g_autofree char *path = g_file_get_path (article);
  g_autofree char *bytes = g_strdup_printf ("%u", g->target_bytes);
  g_autofree char *mentions = g_strdup_printf ("%u", g->target_mentions);
  const char *argv[] = { self_path, "--memory-child", what, "--article", path, "--bytes", bytes,
                         "--mentions", mentions, NULL };
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  unsigned long rss = 0;
  gsize heap = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL) || sscanf (out, "%lu %zu", &rss, &heap) != 2)
    g_error ("the %s memory child failed: %s", what, out);
  memory->rss_mib = rss / 1024.0;
  memory->heap_mib = heap / 1024.0;
}

/* Runs */

typedef struct {
  double bare_open[MAX_ROUNDS];
  double bare_key[MAX_ROUNDS];
  double view_open[MAX_ROUNDS];
  double view_key[MAX_ROUNDS];
  double view_key_max[MAX_ROUNDS];
  double window_open[MAX_ROUNDS];
} Figures;

static void
run_round (GFile     *article,
           Generated *g,
           Figures   *f,
           guint      r)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);

  bench_bare (article, g, &f->bare_open[r], &f->bare_key[r]);
  bench_view (article, g->starts->len, &f->view_open[r], &f->view_key[r], &f->view_key_max[r]);
  bench_window (folder, &f->window_open[r]);
}

static const char *
verdict (gboolean met)
{
  return met ? "met" : "NOT MET";
}

static void
report_open (const char *title,
             Figures    *f,
             guint       rounds,
             double      absolute_goal_ms)
{
  double bare = median (f->bare_open, rounds);
  double view = median (f->view_open, rounds);
  double window = median (f->window_open, rounds);

  g_print ("  %s medians: bare GtkTextView %.0f ms, session + view %.0f ms (%.2f×), window %.0f ms (%.2f×)\n",
           title, bare, view, view / bare, window, window / bare);
  g_print ("    → %s: the window shows the article in %.2f× the bare view's time (goal ≤ 2×)\n",
           verdict (window <= 2 * bare), window / bare);
  if (absolute_goal_ms > 0)
    g_print ("    → %s: the window shows the article in %.0f ms (goal ≤ %.0f ms)\n",
             verdict (window <= absolute_goal_ms), window, absolute_goal_ms);
}

static void
report_keys (Figures *f,
             guint    rounds,
             guint    n_mentions,
             double   frame_ms)
{
  double view = median (f->view_key, rounds), bare = median (f->bare_key, rounds);

  g_print ("  article view with %u mentions  median %.1f ms, max %.1f ms (medians of the rounds)\n",
           n_mentions, view, median (f->view_key_max, rounds));
  g_print ("  bare GtkTextView, apply one tag      median %.1f ms (frame interval %.1f ms)\n", bare, frame_ms);
  g_print ("    → %s: %+.1f ms over the bare view (goal ≤ +1 ms)\n", verdict (view <= bare + 1), view - bare);
}

static void
free_generated (Generated *g)
{
  g_string_free (g->text, TRUE);
  g_array_unref (g->starts);
  g_array_unref (g->ends);
  g_array_unref (g->which);
}

static double
frame_interval_ms (void)
{
  GtkWidget *probe = new_window ("probe", gtk_label_new (""));
  gint64 interval = 0, frame_time = 0;

  gdk_frame_clock_get_refresh_info (gtk_widget_get_frame_clock (probe), g_get_monotonic_time (),
                                    &interval, &frame_time);
  gtk_window_destroy (GTK_WINDOW (probe));
  return interval > 0 ? interval / 1000.0 : 1000.0 / 60;
}

static void
print_load (void)
{
  double load[3];

  if (getloadavg (load, 3) == 3)
    g_print ("  machine load average %.2f %.2f %.2f\n", load[0], load[1], load[2]);
}

static void
bench_size (const char *self_path,
            guint       target_bytes,
            guint       target_mentions,
            guint       rounds,
            gboolean    with_load,
            gboolean    with_memory,
            double      absolute_goal_ms)
{
  Generated g = { 0 };
  g_autoptr(GFile) article = NULL;
  g_autofree char *dir = NULL;
  Figures quiet = { { 0 } }, loaded = { { 0 } };
  double frame_ms;

  generate_text (&g, target_bytes, target_mentions);
  dir = write_corpus (&g, &article);

  g_print ("\n(a) open, sidecar included → first drawn frame (%dx%d); %u rounds\n", WIDTH, HEIGHT, rounds);
  print_load ();
  for (guint r = 0; r < rounds; r++)
    {
      g_print (" round %u, quiet\n", r + 1);
      run_round (article, &g, &quiet, r);
      if (with_load)
        {
          GPid burner = start_load ();

          g_print (" round %u, a CPU-burning neighbour on the last core\n", r + 1);
          run_round (article, &g, &loaded, r);
          stop_load (burner);
        }
    }
  print_load ();
  report_open ("quiet:", &quiet, rounds, absolute_goal_ms);
  if (with_load)
    report_open ("under load:", &loaded, rounds, 0);

  frame_ms = frame_interval_ms ();
  g_print ("\n(b) label key → next drawn frame (%d keys, each tagging a new mention)\n", N_KEYS);
  report_keys (&quiet, rounds, g.starts->len, frame_ms);
  if (with_load)
    {
      g_print (" under load:\n");
      report_keys (&loaded, rounds, g.starts->len, frame_ms);
    }

  if (with_memory)
    {
      Memory bare[MAX_ROUNDS], window[MAX_ROUNDS];
      double bare_rss[MAX_ROUNDS], window_rss[MAX_ROUNDS], bare_heap[MAX_ROUNDS], window_heap[MAX_ROUNDS];
      double b, w;

      g_print ("\n(c) memory once every tag is built, each in a process of its own\n");
      for (guint r = 0; r < rounds; r++)
        {
          measure_memory (self_path, "bare", article, &g, &bare[r]);
          measure_memory (self_path, "window", article, &g, &window[r]);
          g_print (" round %u: bare GtkTextView %.1f MiB resident (%.1f MiB malloc'd), window %.1f MiB (%.1f MiB)\n",
                   r + 1, bare[r].rss_mib, bare[r].heap_mib, window[r].rss_mib, window[r].heap_mib);
          bare_rss[r] = bare[r].rss_mib;
          window_rss[r] = window[r].rss_mib;
          bare_heap[r] = bare[r].heap_mib;
          window_heap[r] = window[r].heap_mib;
        }
      b = median (bare_rss, rounds);
      w = median (window_rss, rounds);
      g_print ("  medians: bare GtkTextView %.1f MiB, window %.1f MiB (malloc'd %.1f and %.1f MiB)\n",
               b, w, median (bare_heap, rounds), median (window_heap, rounds));
      g_print ("    → %s: the window takes %.2f× the bare view's memory (goal ≤ 1.15×; %.0f bytes a mention more)\n",
               verdict (w <= 1.15 * b), w / b, (w - b) * 1024 * 1024 / g.starts->len);
    }

  if (keep_article)
    g_print ("\nthe article is kept in %s\n", dir);
  else
    remove_dir (dir);
  free_generated (&g);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) args = g_strdupv (argv);
  gboolean with_load = FALSE, large = FALSE, with_memory = FALSE;
  g_autofree char *memory_child_of = NULL;
  g_autofree char *article_path = NULL;
  int bytes = 1000 * 1000, mentions = 20000;
  GOptionEntry entries[] = {
    { "load", 0, 0, G_OPTION_ARG_NONE, &with_load, "Also measure with a CPU-burning neighbour on the last core", NULL },
    { "large", 0, 0, G_OPTION_ARG_NONE, &large, "Also a 5 MB article with 100,000 mentions", NULL },
    { "memory", 0, 0, G_OPTION_ARG_NONE, &with_memory, "Also the memory of the window against a bare view", NULL },
    { "keep", 0, 0, G_OPTION_ARG_NONE, &keep_article, "Leave the generated articles in place (for profiling)", NULL },
    { "memory-child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &memory_child_of, NULL, NULL },
    { "article", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_FILENAME, &article_path, NULL, NULL },
    { "bytes", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &bytes, NULL, NULL },
    { "mentions", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &mentions, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("[RUN_HEADLESS_SH]");
  g_autoptr(GError) error = NULL;
  g_autofree char *self_path = NULL;
  guint rounds;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gui-open-bench: %s\n", error->message);
      return 2;
    }

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      if (argc > 1 && g_getenv ("GLOSSATOR_BENCH_REEXEC") == NULL)
        {
          g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
          g_auto(GStrv) again = NULL;

          /* The same options, under run-headless.sh. */
          g_strv_builder_add (builder, argv[1]);
          for (guint i = 0; args[i] != NULL; i++)
            if (!g_str_equal (args[i], argv[1]))
              g_strv_builder_add (builder, args[i]);
          again = g_strv_builder_end (builder);
          g_setenv ("GLOSSATOR_BENCH_REEXEC", "1", TRUE);
          execv (again[0], again);
        }
      g_printerr ("gui-open-bench: no display (pass tests/run-headless.sh as the argument)\n");
      return 77;
    }

  gtk_init ();
  self_path = g_file_read_link ("/proc/self/exe", NULL);

  if (memory_child_of != NULL)
    {
      Generated g = { 0 };
      int status;

      generate_text (&g, (guint) bytes, (guint) mentions);
      status = memory_child (memory_child_of, article_path, &g);
      free_generated (&g);
      return status;
    }

  /* The machine is shared: each measure is taken in ROUNDS interleaved
   * rounds, and the medians compared. */
  rounds = g_getenv ("ROUNDS") != NULL ? (guint) CLAMP (atoi (g_getenv ("ROUNDS")), 1, MAX_ROUNDS) : 3;

  g_print ("== 1 MB, 20,000 mentions ==\n");
  bench_size (self_path, 1000 * 1000, 20000, rounds, with_load, with_memory, 0);
  if (large)
    {
      g_print ("\n== 5 MB, 100,000 mentions ==\n");
      bench_size (self_path, 5 * 1000 * 1000, 100000, rounds, FALSE, FALSE, 1000);
    }
  return 0;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A finding that does not stop what found it: a sidecar's, a label
 * schema's, an export's or import's, a corpus walk's. */

typedef enum {
  GLOSSATOR_PROBLEM_ERROR,
  GLOSSATOR_PROBLEM_WARNING,
} GlossatorProblemSeverity;

/* What a corpus walk (glossator_corpus_collect()) found about a path; the
 * problems of anything else are GLOSSATOR_PROBLEM_KIND_NONE. */
typedef enum {
  GLOSSATOR_PROBLEM_KIND_NONE,
  GLOSSATOR_CORPUS_PROBLEM_MISSING,         /* a path given does not exist */
  GLOSSATOR_CORPUS_PROBLEM_NOT_ARTICLE,     /* a file given is neither an article nor a sidecar */
  GLOSSATOR_CORPUS_PROBLEM_ORPHAN_SIDECAR,  /* X.annotations.json without the article X */
  GLOSSATOR_CORPUS_PROBLEM_UNREADABLE,      /* a folder that cannot be listed */
  GLOSSATOR_CORPUS_PROBLEM_LINK_OUTSIDE,    /* a link in a folder to a file outside it: not read */
} GlossatorProblemKind;

typedef struct {
  GlossatorProblemSeverity  severity;
  /* Where, or NULL for the whole: a JSON path such as
   * "$.mentions[3].fragments[0].end", a place in an input ("line 12",
   * "T3"), a document, a file. */
  char                     *path;
  char                     *message;   /* what, without the place */
  GlossatorProblemKind      kind;
  GFile                    *file;      /* nullable: the file concerned (corpus problems) */
  /* nullable: @message for people, naming what the window shows (a
   * mention's text and line) rather than ids; @message keeps the ids for
   * the CLI, whose output scripts read. */
  char                     *for_people;
} GlossatorProblem;

GlossatorProblem  *glossator_problem_new         (GlossatorProblemSeverity  severity,
                                                  const char               *path,
                                                  const char               *format,
                                                  ...) G_GNUC_PRINTF (3, 4);
GlossatorProblem  *glossator_problem_new_valist  (GlossatorProblemSeverity  severity,
                                                  const char               *path,
                                                  const char               *format,
                                                  va_list                   args) G_GNUC_PRINTF (3, 0);
void               glossator_problem_free        (GlossatorProblem         *problem);
/* "error: $.mentions[3].entity: no entity “e9”". */
char              *glossator_problem_to_string   (const GlossatorProblem   *problem);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorProblem, glossator_problem_free)

G_END_DECLS

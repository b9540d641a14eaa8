/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "glossator-article.h"
#include "glossator-document.h"
#include "glossator-sidecar.h"

G_BEGIN_DECLS

/* Dataset formats: one registry of exporters and importers, one source file
 * per format (glossator-format-NAME.c). The CLI, the window's dialogs and
 * the tests enumerate the registry; nothing else names a format. */

typedef struct _GlossatorFormat GlossatorFormat;

typedef enum {
  GLOSSATOR_FORMAT_CAN_EXPORT     = 1 << 0,
  GLOSSATOR_FORMAT_CAN_IMPORT     = 1 << 1,
  /* The export is a folder of files (brat), not one file or stream. */
  GLOSSATOR_FORMAT_EXPORTS_FOLDER = 1 << 2,
} GlossatorFormatFlags;

typedef enum {
  GLOSSATOR_FORMAT_OPTION_BOOLEAN,  /* "true"/"false" (also yes/no, 1/0) */
  GLOSSATOR_FORMAT_OPTION_CHOICE,   /* one of the '|'-separated choices */
  GLOSSATOR_FORMAT_OPTION_STRING,
  GLOSSATOR_FORMAT_OPTION_LIST,     /* comma-separated, non-empty items */
} GlossatorFormatOptionType;

typedef enum {
  GLOSSATOR_FORMAT_SCOPE_EXPORT = 1 << 0,
  GLOSSATOR_FORMAT_SCOPE_IMPORT = 1 << 1,
} GlossatorFormatScope;

/* An option of a format. Names are shared across formats with the same
 * meaning and type (the CLI offers each name once, as --NAME). */
typedef struct {
  const char                *name;
  GlossatorFormatOptionType  type;
  GlossatorFormatScope       scope;
  const char                *choices;         /* CHOICE: "outermost|innermost" */
  const char                *default_value;   /* nullable */
  const char                *arg_description; /* "LABEL,…"; nullable */
  const char                *description;
  const char                *title;           /* a few words for the window; nullable */
  /* BOOLEAN options named for what they leave out ("no-docstart"): the
   * window's switch shows the opposite, so that @title can say what is
   * written ("Write -DOCSTART- lines"), and @window_description
   * (nullable: @description) says it the same way. The CLI keeps the flag. */
  gboolean                   title_inverts;
  const char                *window_description;
} GlossatorFormatOption;

#define GLOSSATOR_FORMAT_ERROR (glossator_format_error_quark ())

typedef enum {
  GLOSSATOR_FORMAT_ERROR_UNKNOWN_FORMAT,
  GLOSSATOR_FORMAT_ERROR_UNSUPPORTED,   /* the format cannot export / import */
  GLOSSATOR_FORMAT_ERROR_BAD_OPTION,
  GLOSSATOR_FORMAT_ERROR_INVALID_INPUT, /* an input the importer cannot read at all */
  GLOSSATOR_FORMAT_ERROR_OUTPUT_IS_INPUT, /* the output would replace or join what is exported */
} GlossatorFormatError;

GQuark                        glossator_format_error_quark       (void);

/* The registry, in a stable order (the order of --help). */
const GlossatorFormat * const *glossator_format_list             (guint                  *n_formats);
const GlossatorFormat        *glossator_format_lookup            (const char             *name);

/* The id: the CLI's --format, the settings, file names. */
const char                   *glossator_format_get_name          (const GlossatorFormat  *format);
/* The name for people, translated ("CoNLL-2003 (IOB2)"). */
const char                   *glossator_format_get_display_name  (const GlossatorFormat  *format);
/* One line, translated. */
const char                   *glossator_format_get_description   (const GlossatorFormat  *format);
/* The usual file name ending of an export (".jsonl"); NULL for folders. */
const char                   *glossator_format_get_extension     (const GlossatorFormat  *format);
GlossatorFormatFlags          glossator_format_get_flags         (const GlossatorFormat  *format);
gboolean                      glossator_format_can_export        (const GlossatorFormat  *format);
gboolean                      glossator_format_can_import        (const GlossatorFormat  *format);
const GlossatorFormatOption  *glossator_format_get_options       (const GlossatorFormat  *format,
                                                                  guint                  *n_options);
const GlossatorFormatOption  *glossator_format_find_option       (const GlossatorFormat  *format,
                                                                  const char             *name);

/* Options are a table of name → value strings (g_str_hash, owned strings).
 * Checks every name and value against @format's options for @scope. */
GHashTable                   *glossator_format_options_new       (void);
gboolean                      glossator_format_check_options     (const GlossatorFormat  *format,
                                                                  GlossatorFormatScope    scope,
                                                                  GHashTable             *options,
                                                                  GError                **error);

/* Export */

/* Why a mention (or stance) is not in an export. */
typedef enum {
  GLOSSATOR_EXPORT_SKIP_NESTED,        /* inside or around a mention that was kept */
  GLOSSATOR_EXPORT_SKIP_OVERLAPPING,   /* crosses the edge of a mention that was kept */
  GLOSSATOR_EXPORT_SKIP_DISCONTINUOUS, /* more than one fragment */
  GLOSSATOR_EXPORT_SKIP_EMPTY,         /* covers no token (white space only) */
  GLOSSATOR_EXPORT_SKIP_ORPHANED,      /* lost its place when the text changed */
  GLOSSATOR_EXPORT_SKIP_LABEL,         /* label not in the chosen set (by choice) */
  GLOSSATOR_EXPORT_SKIP_OTHER,
  GLOSSATOR_EXPORT_N_SKIP_REASONS
} GlossatorExportSkipReason;

/* Problems kept in a summary; the rest are only counted. */
#define GLOSSATOR_EXPORT_MAX_PROBLEMS 1000

typedef struct {
  guint      n_documents;
  guint      n_mentions;             /* in the documents given */
  guint      n_mentions_written;     /* represented in the output */
  guint      n_mentions_skipped[GLOSSATOR_EXPORT_N_SKIP_REASONS];
  guint      n_entities;
  guint      n_stances;
  guint      n_stances_written;
  guint      n_sentences;            /* token formats */
  guint      n_tokens;
  guint      n_split_tokens;         /* tokens cut at a mention edge inside a word */
  guint      n_warnings;
  guint      n_errors;               /* documents that could not be exported */
  /* GlossatorProblem*, path = the document's path; the first
   * GLOSSATOR_EXPORT_MAX_PROBLEMS of them. */
  GPtrArray *problems;
  /* Files written besides the output itself (brat's annotation.conf,
   * hf-jsonl's data and dataset card): GFile*. */
  GPtrArray *extra_files;
  /* Token formats: the tag list in id order ("O", "B-PER", "I-PER", …). */
  GStrv      tags;
} GlossatorExportSummary;

void   glossator_export_summary_init   (GlossatorExportSummary       *summary);
void   glossator_export_summary_clear  (GlossatorExportSummary       *summary);
/* Number of mentions not written, whatever the reason. */
guint  glossator_export_summary_count_skipped (const GlossatorExportSummary *summary);
/* A few lines for people: counts, then what could not be represented. */
char  *glossator_export_summary_to_string (const GlossatorExportSummary *summary);
const char *glossator_export_skip_reason_to_string (GlossatorExportSkipReason reason);

/* One document handed to an exporter. */
typedef struct {
  const char        *id;        /* unique within the export, e.g. "news/a" */
  const char        *path;      /* the article's path relative to the corpus, e.g. "news/a.txt" */
  GlossatorArticle  *article;   /* nullable: the text is then the document's */
  /* NULL only for formats that copy sidecars (jsonl), with @article and
   * @sidecar set: the corpus driver does not parse a sidecar whose article
   * is unchanged when the format does not need the document. */
  GlossatorDocument *document;
  /* The sidecar exactly as read, when the document has not changed since;
   * nullable. Lets lossless formats copy instead of re-serialising. */
  GBytes            *sidecar;
} GlossatorExportDocument;

typedef struct _GlossatorExporter GlossatorExporter;

/* begin: single-file formats write to @stream (not closed); folder
 * formats write into the folder @output (created when missing). @output
 * names the file behind @stream when there is one (formats that write a
 * companion file, such as a label list, put it beside it); may be NULL. */
GlossatorExporter *glossator_exporter_new          (const GlossatorFormat         *format,
                                                    GHashTable                    *options,
                                                    GOutputStream                 *stream,
                                                    GFile                         *output,
                                                    GError                       **error);
const GlossatorFormat *glossator_exporter_get_format (GlossatorExporter           *self);
/* Documents are written in the order given. Problems that do not stop the
 * export (mentions that cannot be represented) go to the summary. */
gboolean           glossator_exporter_add_document (GlossatorExporter             *self,
                                                    const GlossatorExportDocument *document,
                                                    GCancellable                  *cancellable,
                                                    GError                       **error);
/* end: writes what comes after the last document; call once. */
gboolean           glossator_exporter_finish       (GlossatorExporter             *self,
                                                    GCancellable                  *cancellable,
                                                    GError                       **error);
const GlossatorExportSummary *glossator_exporter_get_summary (GlossatorExporter   *self);
void               glossator_exporter_free         (GlossatorExporter             *self);

/* Import */

/* One document an importer produced. */
typedef struct {
  /* Where the article goes, relative to the output folder ("news/a.txt"),
   * '/'-separated, never absolute and without "..". */
  char              *name;
  /* The article the annotations belong to when it exists already (brat's
   * .txt); else NULL and @article_bytes holds the file to write. */
  GFile             *article_file;
  GBytes            *article_bytes;
  GlossatorDocument *document;
  /* How the source's offsets were read ("codepoint", "utf16",
   * "codepoint, BOM counted", …); nullable. */
  char              *offset_unit;
  /* Whether the source was a Glossator record whose sidecar members are
   * kept as they were (timestamps included). */
  gboolean           lossless;
  /* GlossatorProblem*, path = where in the input ("line 12", "T3",
   * "$[0].annotations[0].result[2]"). */
  GPtrArray         *problems;
  /* Where the document is in the input ("line 12", "$[3]"), for problems
   * found writing it; borrowed, valid during the callback; nullable. */
  const char        *where;
  /* Not a document but a label schema the input carries (jsonl's schema
   * records): the contents of the glossator-schema.json to restore as
   * @name ("glossator-schema.json", "news/glossator-schema.json"); the
   * members above but @problems and @where are then unused. */
  GBytes            *schema;
} GlossatorImportedDocument;

void glossator_imported_document_free (GlossatorImportedDocument *document);

/* Return FALSE with @error set to stop the import. @document is borrowed. */
typedef gboolean (*GlossatorImportFunc) (GlossatorImportedDocument  *document,
                                         gpointer                    user_data,
                                         GError                    **error);

/* Reads @input (a file; a folder for brat) and calls @callback for every
 * document in it, in input order. What cannot be read goes to @problems
 * (GlossatorProblem*, path = where in the input) and the import goes on;
 * errors only for an input that cannot be read at all, a failing
 * callback or cancellation. */
gboolean glossator_format_import (const GlossatorFormat  *format,
                                  GFile                  *input,
                                  GHashTable             *options,
                                  GlossatorImportFunc     callback,
                                  gpointer                user_data,
                                  GPtrArray              *problems,
                                  GCancellable           *cancellable,
                                  GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorExporter, glossator_exporter_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossatorImportedDocument, glossator_imported_document_free)
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (GlossatorExportSummary, glossator_export_summary_clear)

G_END_DECLS

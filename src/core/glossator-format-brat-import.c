/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-corpus.h"
#include "glossator-format-brat-private.h"
#include "glossator-json-guard.h"

/* brat standoff: the importer. */

typedef struct {
  char     kind;        /* T R E A N # * or 0 for unparseable */
  char    *id;
  char    *type;        /* T: label; E: type; A: name; N, #, *: type */
  char    *target;      /* A, N, #: what it is about */
  char    *value;       /* A: value; N: DB:ID */
  char    *text;        /* T, N, #: after the second tab; nullable */
  GArray  *offsets;     /* T: pairs in the file's unit */
  GPtrArray *args;      /* E: "Role:ID" after the trigger; *: ids; R: "Arg:ID" */
  char    *trigger;     /* E */
  char    *line;
  guint    number;      /* line number */
  const char *file;     /* the .ann file's name, for messages */
  gboolean stance;      /* E: a stance Glossator reads */
  gboolean used;        /* represented in the document */
  gboolean bad;         /* reported as an error */
} AnnLine;

static void
ann_line_free (AnnLine *l)
{
  g_free (l->id);
  g_free (l->type);
  g_free (l->target);
  g_free (l->value);
  g_free (l->text);
  if (l->offsets != NULL)
    g_array_unref (l->offsets);
  if (l->args != NULL)
    g_ptr_array_unref (l->args);
  g_free (l->trigger);
  g_free (l->line);
  g_free (l);
}

/* Where a problem of @l is: "a.ann, line 3". */
static char *
line_where (const AnnLine *l)
{
  return g_strdup_printf (_("%s, line %u"), l->file, l->number);
}

static gboolean
parse_uint (const char *str,
            guint      *value)
{
  char *end;
  guint64 v;

  if (!g_ascii_isdigit (*str))
    return FALSE;
  v = g_ascii_strtoull (str, &end, 10);
  if (*end != '\0' || v > G_MAXINT)
    return FALSE;
  *value = (guint) v;
  return TRUE;
}

/* Type, the id it is about and, in the third word, a value: the lines
 * A, M, N and #, each with its own number of words; @expected is @why
 * when the line has another. */
static void
take_type_target_value (AnnLine     *l,
                        GPtrArray   *words,
                        guint        min_words,
                        guint        max_words,
                        char         kind,
                        const char  *expected,
                        const char **why)
{
  if (words->len < min_words || words->len > max_words)
    {
      *why = expected;
      return;
    }
  l->type = g_strdup (g_ptr_array_index (words, 0));
  l->target = g_strdup (g_ptr_array_index (words, 1));
  l->value = words->len == 3 ? g_strdup (g_ptr_array_index (words, 2)) : NULL;
  l->kind = kind;
}

/* NULL with @why set when the line makes no sense. */
static AnnLine *
parse_ann_line (const char  *line,
                guint        number,
                const char **why)
{
  g_autoptr(GPtrArray) words = NULL;
  g_auto(GStrv) split = NULL;
  AnnLine *l = g_new0 (AnnLine, 1);
  const char *tab = strchr (line, '\t');
  const char *rest, *tab2;
  g_autofree char *fields = NULL;

  l->line = g_strdup (line);
  l->number = number;
  *why = NULL;

  if (tab == NULL || tab == line)
    {
      *why = _("no tab after the id");
      return l;
    }
  l->id = g_strndup (line, tab - line);
  rest = tab + 1;
  tab2 = strchr (rest, '\t');
  fields = tab2 != NULL ? g_strndup (rest, tab2 - rest) : g_strdup (rest);
  if (tab2 != NULL)
    l->text = g_strdup (tab2 + 1);

  split = g_strsplit (fields, " ", -1);
  words = g_ptr_array_new ();
  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      g_ptr_array_add (words, split[i]);
  if (words->len == 0)
    {
      *why = _("nothing after the id");
      return l;
    }

  switch (l->id[0])
    {
    case 'T':
      {
        /* "Type 0 5;6 9": a ';' may stick to a number. */
        GString *joined = g_string_new (NULL);
        g_auto(GStrv) pairs = NULL;

        l->type = g_strdup (g_ptr_array_index (words, 0));
        for (guint i = 1; i < words->len; i++)
          {
            if (i > 1)
              g_string_append_c (joined, ' ');
            g_string_append (joined, g_ptr_array_index (words, i));
          }
        pairs = g_strsplit (joined->str, ";", -1);
        g_string_free (joined, TRUE);
        l->offsets = g_array_new (FALSE, FALSE, sizeof (guint));
        for (guint i = 0; pairs[i] != NULL; i++)
          {
            g_auto(GStrv) ends = g_strsplit (g_strstrip (pairs[i]), " ", -1);
            guint s, e;

            if (g_strv_length (ends) != 2 || !parse_uint (ends[0], &s) || !parse_uint (ends[1], &e) || e < s)
              {
                *why = _("offsets are not “START END” pairs separated by “;”");
                return l;
              }
            g_array_append_val (l->offsets, s);
            g_array_append_val (l->offsets, e);
          }
        if (l->offsets->len == 0)
          {
            *why = _("no offsets");
            return l;
          }
        l->kind = 'T';
      }
      break;

    case 'E':
      {
        const char *first = g_ptr_array_index (words, 0);
        const char *colon = strchr (first, ':');

        if (colon == NULL)
          {
            *why = _("the event has no “Type:Trigger”");
            return l;
          }
        l->type = g_strndup (first, colon - first);
        l->trigger = g_strdup (colon + 1);
        l->args = g_ptr_array_new_with_free_func (g_free);
        for (guint i = 1; i < words->len; i++)
          {
            if (strchr (g_ptr_array_index (words, i), ':') == NULL)
              {
                *why = _("an event argument is not “Role:ID”");
                return l;
              }
            g_ptr_array_add (l->args, g_strdup (g_ptr_array_index (words, i)));
          }
        l->kind = 'E';
      }
      break;

    case 'A':
    case 'M':
      take_type_target_value (l, words, 2, 3, 'A', _("expected “Name ID [Value]”"), why);
      break;

    case 'N':
      take_type_target_value (l, words, 3, 3, 'N', _("expected “Type ID DB:ID”"), why);
      break;

    case '#':
      take_type_target_value (l, words, 2, 2, '#', _("expected “Type ID” before the note"), why);
      break;

    case '*':
    case 'R':
      l->type = g_strdup (g_ptr_array_index (words, 0));
      l->args = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 1; i < words->len; i++)
        g_ptr_array_add (l->args, g_strdup (g_ptr_array_index (words, i)));
      l->kind = l->id[0];
      break;

    default:
      *why = _("unknown kind of line (not T, R, E, A, M, N, # or *)");
      return l;
    }

  return l;
}

static guint
add_mention_pairs (GlossatorImportBuilder *builder,
                   const char             *label,
                   GArray                 *pairs,
                   const char             *source_id)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) ends = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k + 1 < pairs->len; k += 2)
    {
      g_array_append_val (starts, g_array_index (pairs, guint, k));
      g_array_append_val (ends, g_array_index (pairs, guint, k + 1));
    }
  return _glossator_import_builder_add_mention (builder, label, (const guint *) (gpointer) starts->data,
                                                (const guint *) (gpointer) ends->data, starts->len, source_id);
}

/* How the T line's text compares with what its offsets cover under @unit,
 * the fragments joined by one space as brat joins them. */
static GlossatorTextMatch
line_text_match (const GlossatorOffsetUnit  *unit,
                 GlossatorText              *text,
                 const AnnLine              *l,
                 char                      **covered)
{
  return _glossator_offset_unit_match (unit, text, (const guint *) (gpointer) l->offsets->data, l->offsets->len,
                                       l->text, covered);
}

/* The T line's fragments in code points, sorted and without empty ones;
 * NULL with @why set when they do not fit the text. */
static GArray *
map_fragments (const GlossatorOffsetUnit  *unit,
               const AnnLine              *l,
               guint                       length,
               const char                **why)
{
  g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint k = 0; k + 1 < l->offsets->len; k += 2)
    {
      guint s, e;

      if (!_glossator_offset_unit_to_codepoint (unit, g_array_index (l->offsets, guint, k), &s) ||
          !_glossator_offset_unit_to_codepoint (unit, g_array_index (l->offsets, guint, k + 1), &e) || e > length)
        {
          *why = _("offsets outside the text");
          return NULL;
        }
      if (e == s)
        continue;
      if (mapped->len > 0 && s < g_array_index (mapped, guint, mapped->len - 1))
        {
          *why = _("fragments out of order or overlapping");
          return NULL;
        }
      g_array_append_val (mapped, s);
      g_array_append_val (mapped, e);
    }

  return g_steal_pointer (&mapped);
}

/* The T line's fragments in code points with its text checked: any
 * difference is an error, but with --lenient one in white space only is
 * accepted, the span narrowed to the text (never widened), with a
 * warning. NULL when it is an error (reported); empty for "0 0". */
static GArray *
read_text_bound (GlossatorText             *text,
                 const GlossatorOffsetUnit *unit,
                 AnnLine                   *l,
                 gboolean                   lenient,
                 GPtrArray                 *problems)
{
  g_autofree char *where = line_where (l);
  g_autofree char *covered = NULL;
  g_autofree char *shown_text = NULL;
  g_autofree char *shown_covered = NULL;
  g_autoptr(GArray) mapped = NULL;
  const char *why = NULL;
  GlossatorTextMatch match;

  if ((mapped = map_fragments (unit, l, glossator_text_get_length (text), &why)) == NULL)
    {
      g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where, "%s: %s", l->id, why));
      return NULL;
    }
  match = l->text != NULL ? line_text_match (unit, text, l, &covered) : GLOSSATOR_TEXT_SAME;
  if (match != GLOSSATOR_TEXT_SAME)
    {
      shown_text = _glossator_shown_text (l->text);
      shown_covered = _glossator_shown_text (covered != NULL ? covered : "");
    }
  if (match == GLOSSATOR_TEXT_DIFFERS || (match == GLOSSATOR_TEXT_SPACE_ONLY && !lenient))
    {
      g_ptr_array_add (problems,
                       glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                              match == GLOSSATOR_TEXT_DIFFERS
                                                 ? _("%s: the text “%s” is not “%s”, what its offsets cover "
                                                     "(read as %s)")
                                                 : _("%s: the text “%s” is not “%s”, what its offsets cover "
                                                     "(read as %s); they differ in white space only, which "
                                                     "--lenient accepts"),
                                              l->id, shown_text, shown_covered, unit->description));
      return NULL;
    }
  if (match == GLOSSATOR_TEXT_SPACE_ONLY)
    {
      g_autoptr(GString) trimmed = g_string_new (NULL);
      g_autofree char *shown_trimmed = NULL;

      _glossator_trim_to_stored (text, mapped, l->text);
      for (guint i = 0; i + 1 < mapped->len; i += 2)
        {
          g_autofree char *slice = glossator_text_slice (text, g_array_index (mapped, guint, i),
                                                         g_array_index (mapped, guint, i + 1));

          g_string_append_printf (trimmed, "%s%s", i > 0 ? " " : "", slice);
        }
      shown_trimmed = _glossator_shown_text (trimmed->str);
      g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                        _("%s: the text “%s” differs from “%s”, what its "
                                                          "offsets cover, in white space only; read as “%s” "
                                                          "(--lenient)"),
                                                        l->id, shown_text, shown_covered, shown_trimmed));
    }
  return g_steal_pointer (&mapped);
}

typedef struct {
  AnnLine    *event;
  AnnLine    *trigger;
  char       *polarity;
  guint       intensity;
  gboolean    author;
  char       *topic;
  char       *note;
  JsonObject *attributes;
  JsonObject *glossator;
  GArray     *evidence;   /* the trigger's fragments, checked */
  int         holder;
  int         target;
} StanceInfo;

static void
stance_info_free (StanceInfo *info)
{
  g_free (info->polarity);
  g_free (info->topic);
  g_free (info->note);
  g_clear_pointer (&info->attributes, json_object_unref);
  g_clear_pointer (&info->glossator, json_object_unref);
  g_clear_pointer (&info->evidence, g_array_unref);
  g_free (info);
}

typedef struct {
  GlossatorImportContext *context;
  GFile                  *root;      /* the folder given, or NULL */
  char                   *folder;    /* the real path of that folder, or of the file's */
} BratImport;

static JsonObject *
parse_note_json (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL || !glossator_json_guard (text, strlen (text), NULL, NULL))
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_node_dup_object (node);
}

/* "fragments" or "evidence" of a Glossator note, in code points. */
static GArray *
note_fragments (JsonObject                *note,
                const char                *member,
                const GlossatorOffsetUnit *unit,
                guint                      length)
{
  JsonNode *node = json_object_get_member (note, member);
  g_autoptr(GArray) out = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  out = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *pair = json_array_get_element (array, i);
      JsonArray *values;
      guint s, e;

      if (!JSON_NODE_HOLDS_ARRAY (pair) || json_array_get_length (values = json_node_get_array (pair)) != 2 ||
          json_array_get_int_element (values, 0) < 0 || json_array_get_int_element (values, 1) < 0 ||
          !_glossator_offset_unit_to_codepoint (unit, (guint) json_array_get_int_element (values, 0), &s) ||
          !_glossator_offset_unit_to_codepoint (unit, (guint) json_array_get_int_element (values, 1), &e) ||
          e <= s || e > length || (out->len > 0 && s < g_array_index (out, guint, out->len - 1)))
        return NULL;
      g_array_append_val (out, s);
      g_array_append_val (out, e);
    }
  return g_steal_pointer (&out);
}

static GPtrArray *
read_ann_lines (const char *file,
                const char *data,
                gsize       n_bytes,
                GPtrArray  *problems)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func ((GDestroyNotify) ann_line_free);
  const char *p, *end = data + n_bytes;
  guint number = 0;

  for (p = data; p < end; )
    {
      const char *eol = memchr (p, '\n', end - p);
      gsize len = (eol != NULL ? eol : end) - p;
      g_autofree char *line = g_strndup (p, len);
      const char *why;
      AnnLine *l;

      number++;
      p = eol != NULL ? eol + 1 : end;
      if (len > 0 && line[len - 1] == '\r')
        line[len - 1] = '\0';
      if (strspn (line, " \t") == strlen (line))
        continue;

      l = parse_ann_line (line, number, &why);
      l->file = file;
      g_ptr_array_add (lines, l);
      if (why != NULL)
        {
          g_autofree char *where = line_where (l);

          l->kind = 0;
          g_ptr_array_add (problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                            _("cannot read “%s”: %s; kept as it is"),
                                                            line, why));
        }
    }

  return lines;
}

/* The entity of the mention with index @mention_plus_one - 1, plus one
 * (never 0, a key for a set). */
static guint
entity_of (GlossatorImportBuilder *builder,
           guint                   mention_plus_one)
{
  return _glossator_import_builder_get_entity (builder, mention_plus_one - 1) + 1;
}

/* One .ann and its .txt through the phases of their import. */
typedef struct {
  BratImport                *import;
  GlossatorImportContext    *context;
  gboolean                   lenient;
  GFile                     *ann_file;
  GFile                     *txt_file;
  char                      *ann_base;    /* the lines' file */
  char                      *txt_base;
  GBytes                    *txt_bytes;
  GlossatorText             *text;
  guint                      length;
  GPtrArray                 *lines;       /* AnnLine* in file order */
  GHashTable                *by_id;       /* id → AnnLine */
  GlossatorOffsetUnit        units[GLOSSATOR_MAX_OFFSET_UNITS];
  guint                      n_units;
  const GlossatorOffsetUnit *unit;        /* the one the offsets count in */
  GHashTable                *triggers;    /* ids of the T lines that are stance evidence */
  GHashTable                *glossator_notes;       /* id → JsonObject of its Glossator note */
  GHashTable                *glossator_note_lines;  /* id → the AnnLine of that note */
  GHashTable                *entity_notes;          /* T id → its GlossatorEntity AnnLine */
  GHashTable                *mention_of;  /* T id → mention index + 1 */
  GHashTable                *stance_of;   /* E id → StanceInfo */
  GPtrArray                 *stances;     /* StanceInfo* */
  GlossatorImportBuilder    *builder;
  GlossatorImportedDocument *imported;
  GPtrArray                 *problems;    /* the imported document's */
} BratDocument;

static void
brat_document_clear (BratDocument *doc)
{
  g_clear_object (&doc->ann_file);
  g_clear_object (&doc->txt_file);
  g_clear_pointer (&doc->ann_base, g_free);
  g_clear_pointer (&doc->txt_base, g_free);
  g_clear_pointer (&doc->txt_bytes, g_bytes_unref);
  g_clear_pointer (&doc->text, glossator_text_unref);
  g_clear_pointer (&doc->lines, g_ptr_array_unref);
  g_clear_pointer (&doc->by_id, g_hash_table_unref);
  for (guint u = 0; u < doc->n_units; u++)
    _glossator_offset_unit_clear (&doc->units[u]);
  g_clear_pointer (&doc->triggers, g_hash_table_unref);
  g_clear_pointer (&doc->glossator_notes, g_hash_table_unref);
  g_clear_pointer (&doc->glossator_note_lines, g_hash_table_unref);
  g_clear_pointer (&doc->entity_notes, g_hash_table_unref);
  g_clear_pointer (&doc->mention_of, g_hash_table_unref);
  g_clear_pointer (&doc->stance_of, g_hash_table_unref);
  g_clear_pointer (&doc->stances, g_ptr_array_unref);
  g_clear_pointer (&doc->builder, _glossator_import_builder_free);
  g_clear_pointer (&doc->imported, glossator_imported_document_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (BratDocument, brat_document_clear)


/* Reads the .txt and the .ann (each inside the folder given, and a
 * regular file), and the .ann's lines, each id once. FALSE when the
 * document is not imported: reported, or @error set. */
static gboolean
read_document (BratDocument  *doc,
               GError       **error)
{
  g_autofree char *where_file = g_file_get_parse_name (doc->ann_file);
  g_autoptr(GBytes) ann_bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *data, *invalid;
  gsize n_bytes;

  if (doc->import->root != NULL)
    doc->imported->name = g_file_get_relative_path (doc->import->root, doc->txt_file);
  if (doc->imported->name == NULL)
    doc->imported->name = g_strdup (doc->txt_base);

  /* Links may lead anywhere: only what is inside the folder given is read
   * (and a file named explicitly). */
  for (guint i = 0; i < 2; i++)
    {
      GFile *file = i == 0 ? doc->ann_file : doc->txt_file;
      g_autofree char *target = NULL;

      if (doc->import->folder != NULL && !g_file_equal (file, doc->context->input) &&
          _glossator_link_leads_out (file, doc->import->folder, &target))
        {
          g_autofree char *link = g_file_get_parse_name (file);

          _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, link,
                                     _("a link to %s, outside the folder %s; not read"), target, doc->import->folder);
          return FALSE;
        }
      /* Nor a pipe found there, which would be waited on for ever. */
      if (!g_file_equal (file, doc->context->input) &&
          !_glossator_check_readable_file (file, doc->context->cancellable, &local_error))
        {
          g_autofree char *name = g_file_get_parse_name (file);

          _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, name, "%s", local_error->message);
          return FALSE;
        }
    }

  if ((doc->txt_bytes = _glossator_import_read (doc->context, doc->txt_file, &local_error)) == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        {
          g_autofree char *txt_name = g_file_get_basename (doc->txt_file);

          _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                     _("no text beside it: %s is missing"), txt_name);
        }
      else
        _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                   _("no text beside it: %s"), local_error->message);
      return FALSE;
    }
  if ((ann_bytes = _glossator_import_read (doc->context, doc->ann_file, error)) == NULL)
    return FALSE;

  data = g_bytes_get_data (doc->txt_bytes, &n_bytes);
  doc->text = glossator_text_new_from_data (data != NULL ? data : "", n_bytes, &local_error);
  if (doc->text == NULL)
    {
      _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, where_file, "%s: %s", doc->txt_base,
                                 local_error->message);
      return FALSE;
    }
  doc->length = glossator_text_get_length (doc->text);

  data = g_bytes_get_data (ann_bytes, &n_bytes);
  if (data == NULL)
    data = "";
  if (!g_utf8_validate_len (data, n_bytes, &invalid))
    {
      _glossator_import_problem (doc->context, GLOSSATOR_PROBLEM_ERROR, where_file,
                                 _("not UTF-8: invalid byte at offset %zu"),
                                 (gsize) (invalid - data));
      return FALSE;
    }
  if (n_bytes >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      n_bytes -= 3;
    }

  doc->lines = read_ann_lines (doc->ann_base, data, n_bytes, doc->problems);
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);

      if (l->kind == 0 || l->kind == '*')
        continue;
      if (g_hash_table_contains (doc->by_id, l->id))
        {
          g_autofree char *where = line_where (l);

          g_ptr_array_add (doc->problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where,
                                                                 _("the id %s is used twice"), l->id));
          l->bad = TRUE;
          continue;
        }
      g_hash_table_insert (doc->by_id, l->id, l);
    }

  return TRUE;
}

/* The unit under which the T lines' texts match their offsets: the first
 * under which every text is the same, else the one with most the same
 * (with --lenient, also counting those differing in white space only
 * first). */
static void
detect_unit (BratDocument *doc)
{
  guint best = 0, best_score = 0, best_second = 0;

  doc->n_units = _glossator_offset_units_candidates (doc->text, glossator_text_has_bom (doc->text), TRUE,
                                                     doc->units);

  for (guint u = 0; u < doc->n_units; u++)
    {
      guint exact = 0, loose = 0, n_with_text = 0, score, second;

      for (guint i = 0; i < doc->lines->len; i++)
        {
          AnnLine *l = g_ptr_array_index (doc->lines, i);
          GlossatorTextMatch match;

          if (l->kind != 'T' || l->bad || l->text == NULL)
            continue;
          n_with_text++;
          match = line_text_match (&doc->units[u], doc->text, l, NULL);
          exact += match == GLOSSATOR_TEXT_SAME;
          loose += match != GLOSSATOR_TEXT_DIFFERS;
        }
      score = doc->lenient ? loose : exact;
      second = doc->lenient ? exact : loose;
      if (u == 0 || score > best_score || (score == best_score && second > best_second))
        {
          best = u;
          best_score = score;
          best_second = second;
        }
      if (exact == n_with_text)
        break;
    }
  doc->unit = &doc->units[best];
  doc->imported->offset_unit = g_strdup (doc->unit->description);
}

/* Stance events decide which T lines are evidence rather than mentions. */
static void
find_stance_events (BratDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      AnnLine *trigger;
      gboolean ok;

      if (l->kind != 'E' || l->bad || !g_str_equal (l->type, "Stance"))
        continue;
      trigger = g_hash_table_lookup (doc->by_id, l->trigger);
      ok = trigger != NULL && trigger->kind == 'T' && !trigger->bad &&
           !g_hash_table_contains (doc->triggers, trigger->id);
      for (guint a = 0; a < l->args->len && ok; a++)
        {
          const char *arg = g_ptr_array_index (l->args, a);
          AnnLine *target = g_hash_table_lookup (doc->by_id, strchr (arg, ':') + 1);

          ok = (g_str_has_prefix (arg, "Holder:") || g_str_has_prefix (arg, "Target:")) &&
               target != NULL && target->kind == 'T';
        }
      if (ok)
        {
          l->stance = TRUE;
          g_hash_table_add (doc->triggers, trigger->id);
        }
    }
}

/* Glossator notes, needed before the mentions they describe. */
static void
read_glossator_notes (BratDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      JsonObject *note;

      if (l->kind == '#' && !l->bad && g_str_equal (l->type, "GlossatorEntity") &&
          !g_hash_table_contains (doc->entity_notes, l->target))
        g_hash_table_insert (doc->entity_notes, l->target, l);
      if (l->kind != '#' || l->bad || !g_str_equal (l->type, "Glossator") ||
          g_hash_table_contains (doc->glossator_notes, l->target) ||
          (note = parse_note_json (l->text)) == NULL)
        continue;
      g_hash_table_insert (doc->glossator_notes, l->target, note);
      g_hash_table_insert (doc->glossator_note_lines, l->target, l);
    }
}

/* The T lines that are not evidence become mentions, their offsets
 * mapped to code points in the unit found. */
static void
map_bounds (BratDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      JsonObject *note = l->id != NULL ? g_hash_table_lookup (doc->glossator_notes, l->id) : NULL;
      JsonObject *attributes = _glossator_json_object_member (note, "attributes");
      g_autoptr(GArray) mapped = NULL;
      g_autoptr(GArray) fragments = NULL;
      const char *label;
      guint index;

      if (l->kind != 'T' || l->bad || g_hash_table_contains (doc->triggers, l->id))
        continue;
      if ((mapped = read_text_bound (doc->text, doc->unit, l, doc->lenient, doc->problems)) == NULL)
        {
          l->bad = TRUE;
          continue;
        }
      if (mapped->len == 0)
        {
          g_autofree char *where = line_where (l);

          g_ptr_array_add (doc->problems, glossator_problem_new (GLOSSATOR_PROBLEM_ERROR, where, "%s: %s", l->id,
                                                                 _("an empty span")));
          l->bad = TRUE;
          continue;
        }
      if (note != NULL)
        fragments = note_fragments (note, "fragments", doc->unit, doc->length);
      if (fragments == NULL)
        fragments = _glossator_brat_join_at_line_breaks (doc->text, mapped);
      label = _glossator_json_string_member (note, "label");
      if (label == NULL)
        label = l->type;

      index = add_mention_pairs (doc->builder, label, fragments, l->id);
      if (attributes != NULL)
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, attributes);
          while (json_object_iter_next_ordered (&iter, &member, &value))
            _glossator_import_builder_set_attribute (doc->builder, index, member, json_node_copy (value));
        }
      g_hash_table_insert (doc->mention_of, l->id, GUINT_TO_POINTER (index + 1));
      l->used = TRUE;
      if (note != NULL)
        ((AnnLine *) g_hash_table_lookup (doc->glossator_note_lines, l->id))->used = TRUE;
    }
}

/* The stance events whose arguments are mentions, with their evidence. */
static void
read_stance_events (BratDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      AnnLine *trigger;
      StanceInfo *info;
      GArray *evidence;
      gboolean ok = TRUE;

      if (l->kind != 'E' || l->bad || !l->stance)
        continue;
      trigger = g_hash_table_lookup (doc->by_id, l->trigger);
      for (guint a = 0; a < l->args->len && ok; a++)
        ok = g_hash_table_contains (doc->mention_of, strchr (g_ptr_array_index (l->args, a), ':') + 1);
      if (!ok)
        continue;
      if ((evidence = read_text_bound (doc->text, doc->unit, trigger, doc->lenient, doc->problems)) == NULL)
        {
          trigger->bad = TRUE;
          continue;
        }

      info = g_new0 (StanceInfo, 1);
      info->evidence = evidence;
      info->event = l;
      info->trigger = trigger;
      info->holder = -1;
      info->target = -1;
      info->attributes = json_object_new ();
      json_object_set_string_member (info->attributes, "source_id", l->id);
      json_object_set_string_member (info->attributes, "source_trigger", trigger->id);
      for (guint a = 0; a < l->args->len; a++)
        {
          const char *arg = g_ptr_array_index (l->args, a);
          int mention = (int) GPOINTER_TO_UINT (g_hash_table_lookup (doc->mention_of, strchr (arg, ':') + 1)) - 1;

          if (g_str_has_prefix (arg, "Holder:"))
            info->holder = mention;
          else
            info->target = mention;
        }
      g_ptr_array_add (doc->stances, info);
      g_hash_table_insert (doc->stance_of, l->id, info);
      l->used = TRUE;
      trigger->used = TRUE;
    }
}

/* Equiv lines: mentions of one entity. */
static void
read_relations (BratDocument *doc)
{
  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      gboolean ok = TRUE, distinct = FALSE;

      if (l->kind != '*' || !g_str_equal (l->type, "Equiv") || l->args->len < 2)
        continue;
      for (guint a = 0; a < l->args->len && ok; a++)
        {
          ok = g_hash_table_contains (doc->mention_of, g_ptr_array_index (l->args, a));
          distinct |= !g_str_equal (g_ptr_array_index (l->args, a), g_ptr_array_index (l->args, 0));
        }
      /* "Equiv T1 T1" says nothing Glossator can hold: kept as it is. */
      if (!ok || !distinct)
        continue;
      for (guint a = 1; a < l->args->len; a++)
        _glossator_import_builder_link (doc->builder,
                                        GPOINTER_TO_UINT (g_hash_table_lookup (doc->mention_of,
                                                                               g_ptr_array_index (l->args, 0))) - 1,
                                        GPOINTER_TO_UINT (g_hash_table_lookup (doc->mention_of,
                                                                               g_ptr_array_index (l->args, a))) - 1);
      l->used = TRUE;
    }
}

/* A, N and # lines about mentions and stances. */
static void
read_attributes (BratDocument *doc)
{
  g_autoptr(GHashTable) attributed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) referenced = g_hash_table_new (NULL, NULL);  /* entities with an N */
  g_autoptr(GHashTable) noted = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < doc->lines->len; i++)
    {
      AnnLine *l = g_ptr_array_index (doc->lines, i);
      guint mention;
      StanceInfo *info;

      if (l->bad || l->used || l->target == NULL || (l->kind != 'A' && l->kind != 'N' && l->kind != '#'))
        continue;
      mention = GPOINTER_TO_UINT (g_hash_table_lookup (doc->mention_of, l->target));
      info = g_hash_table_lookup (doc->stance_of, l->target);

      if (l->kind == 'A' && mention > 0)
        {
          g_autofree char *key = g_strconcat (l->target, "\t", l->type, NULL);

          /* A second value of one attribute is kept as it is. */
          if (g_hash_table_contains (attributed, key))
            continue;
          g_hash_table_add (attributed, g_steal_pointer (&key));
          _glossator_import_builder_set_attribute (doc->builder, mention - 1, l->type,
                                                   l->value != NULL
                                                     ? json_node_init_string (json_node_alloc (), l->value)
                                                     : json_node_init_boolean (json_node_alloc (), TRUE));
          l->used = TRUE;
        }
      else if (l->kind == 'A' && info != NULL)
        {
          guint intensity;

          if (g_str_equal (l->type, "Polarity") && l->value != NULL && info->polarity == NULL)
            info->polarity = g_strdup (l->value);
          else if (g_str_equal (l->type, "Intensity") && l->value != NULL && info->intensity == 0 &&
                   parse_uint (l->value, &intensity) && intensity >= 1 && intensity <= 3)
            info->intensity = intensity;
          else if (g_str_equal (l->type, "AuthorHolder") && l->value == NULL && info->holder < 0)
            info->author = TRUE;
          else if (!json_object_has_member (info->attributes, l->type))
            json_object_set_member (info->attributes, l->type,
                                    l->value != NULL ? json_node_init_string (json_node_alloc (), l->value)
                                                     : json_node_init_boolean (json_node_alloc (), TRUE));
          else
            continue;
          l->used = TRUE;
        }
      else if (l->kind == 'N' && mention > 0 && l->value != NULL &&
               !g_hash_table_contains (referenced, GUINT_TO_POINTER (entity_of (doc->builder, mention))))
        {
          g_autofree char *kb_id = _glossator_brat_kb_id_from_reference (l->value);
          AnnLine *entity_note = g_hash_table_lookup (doc->entity_notes, l->target);
          g_autoptr(JsonObject) exact = entity_note != NULL ? parse_note_json (entity_note->text) : NULL;
          const char *name = _glossator_json_string_member (exact, "name");

          if (name == NULL)
            name = l->text != NULL && *l->text != '\0' ? l->text : NULL;

          _glossator_import_builder_set_entity (doc->builder, mention - 1, name, NULL, kb_id, NULL, NULL);
          /* An entity has one KB id: another N line is kept as it is. */
          g_hash_table_add (referenced, GUINT_TO_POINTER (entity_of (doc->builder, mention)));
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "AnnotatorNotes") &&
               !g_hash_table_contains (noted, l->target) && (mention > 0 || info != NULL))
        {
          /* Verbatim, unless a Glossator note holds it exactly (with the
           * line breaks a brat note cannot). */
          JsonObject *exact = g_hash_table_lookup (doc->glossator_notes, l->target);
          const char *exact_note = _glossator_json_string_member (exact, "note");
          g_autofree char *note = g_strdup (exact_note != NULL ? exact_note : l->text != NULL ? l->text : "");

          if (mention > 0)
            _glossator_import_builder_set_note (doc->builder, mention - 1, note);
          else
            info->note = g_steal_pointer (&note);
          g_hash_table_add (noted, l->target);
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "Topic") && info != NULL && info->topic == NULL)
        {
          JsonObject *exact = g_hash_table_lookup (doc->glossator_notes, l->target);
          const char *topic = _glossator_json_string_member (exact, "topic");

          if (topic == NULL)
            topic = l->text != NULL ? l->text : "";
          /* A topic is never empty: such a note is kept as it is. */
          if (*topic == '\0')
            continue;
          info->topic = g_strdup (topic);
          l->used = TRUE;
        }
      else if (l->kind == '#' && g_str_equal (l->type, "GlossatorEntity") && mention > 0)
        {
          g_autoptr(JsonObject) note = parse_note_json (l->text);

          if (note != NULL)
            {
              _glossator_import_builder_set_entity (doc->builder, mention - 1,
                                                    _glossator_json_string_member (note, "name"),
                                                    _glossator_json_string_member (note, "label"),
                                                    _glossator_json_string_member (note, "kb_id"),
                                                    _glossator_json_string_member (note, "note"),
                                                    _glossator_json_object_member (note, "attributes"));
              l->used = TRUE;
            }
        }
    }
}

/* The stances, with what their Glossator notes hold. */
static void
add_stances (BratDocument *doc)
{
  for (guint i = 0; i < doc->stances->len; i++)
    {
      StanceInfo *info = g_ptr_array_index (doc->stances, i);

      info->glossator = g_hash_table_lookup (doc->glossator_notes, info->event->id);
      if (info->glossator != NULL)
        {
          g_hash_table_steal (doc->glossator_notes, info->event->id);
          ((AnnLine *) g_hash_table_lookup (doc->glossator_note_lines, info->event->id))->used = TRUE;
        }
    }

  for (guint i = 0; i < doc->stances->len; i++)
    {
      StanceInfo *info = g_ptr_array_index (doc->stances, i);
      JsonObject *attributes = _glossator_json_object_member (info->glossator, "attributes");
      const char *polarity = _glossator_json_string_member (info->glossator, "polarity");
      g_autoptr(GArray) mapped = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autoptr(GArray) fragments = NULL;
      g_autofree char *where = line_where (info->event);
      guint stance;

      if (polarity == NULL)
        polarity = info->polarity;
      if (polarity == NULL)
        {
          g_ptr_array_add (doc->problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, where,
                                                                 _("%s: a stance without a Polarity attribute; "
                                                                   "read as “unclear”"), info->event->id));
          polarity = "unclear";
        }
      stance = _glossator_import_builder_add_stance (doc->builder, polarity);
      if (info->author)
        _glossator_import_builder_set_holder (doc->builder, stance, GLOSSATOR_HOLDER_AUTHOR, -1);
      else if (info->holder >= 0)
        _glossator_import_builder_set_holder (doc->builder, stance, GLOSSATOR_HOLDER_ENTITY, info->holder);
      if (info->topic != NULL)
        _glossator_import_builder_set_target (doc->builder, stance, GLOSSATOR_TARGET_TOPIC, -1, info->topic);
      else if (info->target >= 0)
        _glossator_import_builder_set_target (doc->builder, stance, GLOSSATOR_TARGET_ENTITY, info->target, NULL);

      if (attributes != NULL)
        {
          JsonObjectIter iter;
          const char *member;
          JsonNode *value;

          json_object_iter_init_ordered (&iter, attributes);
          while (json_object_iter_next_ordered (&iter, &member, &value))
            json_object_set_member (info->attributes, member, json_node_copy (value));
        }
      _glossator_import_builder_set_stance_details (doc->builder, stance, info->intensity, info->note,
                                                    info->attributes);

      if (info->glossator != NULL)
        fragments = note_fragments (info->glossator, "evidence", doc->unit, doc->length);
      if (fragments == NULL)
        fragments = _glossator_brat_join_at_line_breaks (doc->text, info->evidence);
      for (guint k = 0; k + 1 < fragments->len; k += 2)
        _glossator_import_builder_add_evidence (doc->builder, stance, g_array_index (fragments, guint, k),
                                                g_array_index (fragments, guint, k + 1));
    }
}

/* What is left is kept as it is (and summed up in one warning), and
 * where each line was, so an export writes it back in place. */
static void
keep_unmapped (BratDocument *doc)
{
  g_autoptr(JsonArray) unmapped = json_array_new ();

  {
    g_autoptr(GString) what = g_string_new (NULL);
    const char kinds[] = "TREAN#*";

    for (guint i = 0; i < doc->lines->len; i++)
      {
        AnnLine *l = g_ptr_array_index (doc->lines, i);

        if (!l->used)
          json_array_add_string_element (unmapped, l->line);
      }
    for (guint k = 0; kinds[k] != '\0'; k++)
      {
        g_autoptr(GPtrArray) types = g_ptr_array_new ();
        guint n = 0;

        for (guint i = 0; i < doc->lines->len; i++)
          {
            AnnLine *l = g_ptr_array_index (doc->lines, i);
            gboolean seen = FALSE;

            if (l->used || l->bad || l->kind != kinds[k])
              continue;
            n++;
            for (guint t = 0; t < types->len && !seen; t++)
              seen = g_str_equal (g_ptr_array_index (types, t), l->type);
            if (!seen)
              g_ptr_array_add (types, l->type);
          }
        if (n == 0)
          continue;
        g_string_append_printf (what, "%s%u %c (", what->len > 0 ? ", " : "", n, kinds[k]);
        for (guint t = 0; t < MIN (types->len, 4); t++)
          g_string_append_printf (what, "%s%s", t > 0 ? " " : "", (const char *) g_ptr_array_index (types, t));
        g_string_append (what, types->len > 4 ? " …)" : ")");
      }
    if (what->len > 0)
      g_ptr_array_add (doc->problems, glossator_problem_new (GLOSSATOR_PROBLEM_WARNING, NULL,
                                                             _("lines with no place in Glossator, kept in %s: %s"),
                                                             BRAT_UNMAPPED, what->str));
  }
  if (json_array_get_length (unmapped) > 0)
    _glossator_import_builder_set_document_attribute (doc->builder, BRAT_UNMAPPED,
                                                      json_node_init_array (json_node_alloc (), unmapped));
  /* Where each line was, so an export writes it back in place. */
  {
    g_autoptr(JsonArray) layout = json_array_sized_new (doc->lines->len);

    for (guint i = 0; i < doc->lines->len; i++)
      {
        AnnLine *l = g_ptr_array_index (doc->lines, i);

        if (!l->used)
          json_array_add_string_element (layout, "");
        else if (l->kind == 'T' || l->kind == 'E')
          json_array_add_string_element (layout, l->id);
        else if (l->kind == '*')
          json_array_add_string_element (layout, l->line);
        else
          {
            g_autofree char *entry = g_strdup_printf ("%s\t%s %s", l->id, l->type, l->target);

            json_array_add_string_element (layout, entry);
          }
      }
    if (doc->lines->len > 0)
      _glossator_import_builder_set_document_attribute (doc->builder, BRAT_LAYOUT,
                                                        json_node_init_array (json_node_alloc (), layout));
  }
}

static gboolean
import_document (BratImport  *import,
                 GFile       *ann_file,
                 GError     **error)
{
  g_auto(BratDocument) doc = { 0 };
  g_autoptr(GFile) parent = g_file_get_parent (ann_file);
  g_autofree char *stem = NULL;
  g_autoptr(GError) local_error = NULL;

  doc.import = import;
  doc.context = import->context;
  doc.lenient = _glossator_options_get_boolean (doc.context->format, doc.context->options, "lenient");
  doc.ann_file = g_object_ref (ann_file);
  doc.ann_base = g_file_get_basename (ann_file);
  stem = g_strndup (doc.ann_base, strlen (doc.ann_base) - strlen (".ann"));
  doc.txt_base = g_strconcat (stem, ".txt", NULL);
  doc.txt_file = g_file_get_child (parent, doc.txt_base);
  doc.by_id = g_hash_table_new (g_str_hash, g_str_equal);
  doc.mention_of = g_hash_table_new (g_str_hash, g_str_equal);
  doc.stance_of = g_hash_table_new (g_str_hash, g_str_equal);
  doc.triggers = g_hash_table_new (g_str_hash, g_str_equal);
  doc.glossator_notes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) json_object_unref);
  doc.glossator_note_lines = g_hash_table_new (g_str_hash, g_str_equal);
  doc.entity_notes = g_hash_table_new (g_str_hash, g_str_equal);
  doc.stances = g_ptr_array_new_with_free_func ((GDestroyNotify) stance_info_free);
  doc.imported = _glossator_imported_document_new (NULL, NULL);
  doc.problems = doc.imported->problems;

  if (!read_document (&doc, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  detect_unit (&doc);
  find_stance_events (&doc);
  read_glossator_notes (&doc);
  doc.builder = _glossator_import_builder_new (doc.text);
  map_bounds (&doc);
  read_stance_events (&doc);
  read_relations (&doc);
  read_attributes (&doc);
  add_stances (&doc);
  keep_unmapped (&doc);

  doc.imported->document = _glossator_import_builder_finish (doc.builder);
  doc.imported->article_file = g_object_ref (doc.txt_file);
  doc.imported->article_bytes = g_steal_pointer (&doc.txt_bytes);

  return _glossator_import_emit (doc.context, doc.imported, error);
}

static int
compare_files (gconstpointer a,
               gconstpointer b)
{
  return glossator_corpus_compare_files (*(GFile * const *) a, *(GFile * const *) b);
}

static gboolean
collect_ann_files (GFile         *folder,
                   GPtrArray     *out,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GFileEnumerator) enumerator = NULL;

  enumerator = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                          G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                          G_FILE_ATTRIBUTE_STANDARD_IS_HIDDEN,
                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (enumerator == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;
      GFile *child;
      const char *name;

      if (!g_file_enumerator_iterate (enumerator, &info, &child, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      name = g_file_info_get_name (info);
      if (g_file_info_get_is_hidden (info) || name[0] == '.')
        continue;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        {
          if (!collect_ann_files (child, out, cancellable, error))
            return FALSE;
        }
      else if (g_str_has_suffix (name, ".ann"))
        g_ptr_array_add (out, g_object_ref (child));
    }

  return TRUE;
}

gboolean
_glossator_brat_import (GlossatorImportContext  *context,
                        GError                 **error)
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);
  BratImport import = { context, NULL, NULL };
  GFileType type = g_file_query_file_type (context->input, G_FILE_QUERY_INFO_NONE, context->cancellable);
  g_autofree char *basename = g_file_get_basename (context->input);
  g_autofree char *folder = NULL;
  gboolean ok = TRUE;

  if (type == G_FILE_TYPE_DIRECTORY)
    folder = _glossator_real_path (context->input);
  else
    {
      g_autofree char *entry = _glossator_entry_path (context->input);

      folder = entry != NULL ? g_path_get_dirname (entry) : NULL;
    }
  import.folder = folder;

  if (type == G_FILE_TYPE_DIRECTORY)
    {
      if (!collect_ann_files (context->input, files, context->cancellable, error))
        return FALSE;
      g_ptr_array_sort (files, compare_files);
      import.root = context->input;
    }
  else if (g_str_has_suffix (basename, ".ann"))
    g_ptr_array_add (files, g_object_ref (context->input));
  else if (g_str_has_suffix (basename, ".txt"))
    {
      g_autoptr(GFile) parent = g_file_get_parent (context->input);
      g_autofree char *stem = g_strndup (basename, strlen (basename) - strlen (".txt"));
      g_autofree char *ann = g_strconcat (stem, ".ann", NULL);

      g_ptr_array_add (files, g_file_get_child (parent, ann));
    }
  else
    {
      g_autofree char *name = g_file_get_parse_name (context->input);

      g_set_error (error, GLOSSATOR_FORMAT_ERROR, GLOSSATOR_FORMAT_ERROR_INVALID_INPUT,
                   _("%s: not a brat folder nor a .ann or .txt file"), name);
      return FALSE;
    }

  for (guint i = 0; i < files->len && ok; i++)
    ok = import_document (&import, g_ptr_array_index (files, i), error);

  return ok;
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "glossator-format-brat-private.h"
#include "glossator-format-private.h"

/* brat standoff: X.txt + X.ann per document, and an annotation.conf.
 *
 *   T  mentions (fragments split at line breaks, as brat stores selections
 *      over a newline; an import joins fragments that only a line break
 *      separates)
 *   *  Equiv: mentions of one entity;  N: the entity's KB id and name
 *   #  AnnotatorNotes: notes
 *   A  attributes that brat can hold (true, or a string without spaces)
 *   E  stances: Stance:TRIGGER Holder:T Target:T, the trigger being the
 *      evidence (zero-width at 0 when there is none), with A Polarity,
 *      A Intensity, A AuthorHolder, # Topic
 *
 * What brat cannot hold goes into "#N\tGlossator T1\t{json}" (mentions and
 * stances) and "#N\tGlossatorEntity T1\t{json}" lines so an import gets it
 * back. Lines of an imported .ann that Glossator cannot represent are kept
 * in the document attribute "brat_unmapped" and written back verbatim. */

static const GlossatorFormatOption brat_options[] = {
  { "lenient", GLOSSATOR_FORMAT_OPTION_BOOLEAN, GLOSSATOR_FORMAT_SCOPE_IMPORT,
    NULL, NULL, NULL,
    N_("Accept a span whose stored text differs from the article in white space only, narrowing the span "
       "to the text"),
    N_("Accept white space differences") },
};

gboolean
_glossator_brat_is_line_break (gunichar c)
{
  return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
         c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

/* KB ids: Q123 ↔ Wikidata:Q123; DB:ID as it is; anything else under the
 * made-up database "Glossator". */
static gboolean
is_qid (const char *str)
{
  if (str[0] != 'Q' || str[1] == '\0')
    return FALSE;
  for (const char *p = str + 1; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

char *
_glossator_brat_kb_reference (const char *kb_id)
{
  const char *colon = strchr (kb_id, ':');

  if (is_qid (kb_id))
    return g_strconcat ("Wikidata:", kb_id, NULL);
  if (colon != NULL && colon != kb_id && colon[1] != '\0' &&
      !g_str_has_prefix (kb_id, "Wikidata:") && !g_str_has_prefix (kb_id, "Glossator:"))
    return g_strdup (kb_id);
  return g_strconcat ("Glossator:", kb_id, NULL);
}

char *
_glossator_brat_kb_id_from_reference (const char *reference)
{
  if (g_str_has_prefix (reference, "Wikidata:") && is_qid (reference + strlen ("Wikidata:")))
    return g_strdup (reference + strlen ("Wikidata:"));
  if (g_str_has_prefix (reference, "Glossator:"))
    return g_strdup (reference + strlen ("Glossator:"));
  return g_strdup (reference);
}

/* The line break characters only separate @a and @b. */
static gboolean
only_line_breaks (GlossatorText *text,
                  guint          a,
                  guint          b)
{
  if (b <= a)
    return FALSE;
  for (guint i = a; i < b; i++)
    if (!_glossator_brat_is_line_break (glossator_text_get_char (text, i)))
      return FALSE;
  return TRUE;
}

GArray *
_glossator_brat_join_at_line_breaks (GlossatorText *text,
                                     const GArray  *pairs)
{
  const guint *fragments = (const guint *) (gpointer) pairs->data;
  GArray *out = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i + 1 < pairs->len; i += 2)
    {
      if (out->len > 0 && only_line_breaks (text, g_array_index (out, guint, out->len - 1), fragments[i]))
        g_array_index (out, guint, out->len - 1) = fragments[i + 1];
      else
        g_array_append_vals (out, &fragments[i], 2);
    }
  return out;
}

const GlossatorFormat _glossator_format_brat = {
  .name = "brat",
  /* Translators: the name of a dataset format */
  .display_name = N_("brat standoff"),
  .description = N_("brat standoff: .txt and .ann per document (mentions, entity clusters, KB ids, "
                    "notes, stances as events) and annotation.conf"),
  .extension = NULL,
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT | GLOSSATOR_FORMAT_CAN_IMPORT | GLOSSATOR_FORMAT_EXPORTS_FOLDER,
  .options = brat_options,
  .n_options = G_N_ELEMENTS (brat_options),
  .exporter_size = sizeof (BratExporter),
  .begin = _glossator_brat_begin,
  .render = _glossator_brat_render,
  .write = _glossator_brat_write,
  .end = _glossator_brat_end,
  .finalize = _glossator_brat_finalize,
  .import = _glossator_brat_import,
};

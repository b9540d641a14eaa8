/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-format"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossator-format-private.h"

/* One stance per row, for stance datasets (SemEval-2016 Task 6, NewsMTSC,
 * SemEval-2022 Task 10 tuples): a header row, then
 *
 *   document stance holder holder_label target target_type polarity
 *   intensity evidence evidence_offsets
 *
 * separated by tabs. Tabs, line breaks and backslashes inside a field are
 * written \t \n \r and \\. The article's author as holder is "(author)"
 * with the label AUTHOR; an unspecified holder or target is empty.
 * Evidence spans are joined by a space; their offsets are "START-END" in
 * code points, joined by ";". */

static const char header[] = "document\tstance\tholder\tholder_label\ttarget\ttarget_type\tpolarity\t"
                             "intensity\tevidence\tevidence_offsets\n";

static gboolean
stance_tsv_begin (GlossatorExporter  *self,
                  GError            **error)
{
  return _glossator_write_all (self->stream, header, sizeof header - 1, NULL, error);
}

static void
append_field (GString    *out,
              const char *value,
              gboolean    last)
{
  _glossator_tsv_append_escaped (out, value);
  g_string_append_c (out, last ? '\n' : '\t');
}

static gboolean
stance_tsv_render (GlossatorExporter             *exporter,
                   const GlossatorExportDocument *document,
                   GlossatorRender               *render,
                   GError                       **error)
{
  GlossatorDocument *doc = document->document;
  GlossatorText *text = _glossator_export_document_get_text (document);
  g_autoptr(GPtrArray) stances = glossator_document_list_stances (doc);
  GString *out = render->data;

  for (guint i = 0; i < stances->len; i++)
    {
      GlossatorStance *stance = g_ptr_array_index (stances, i);
      g_autoptr(GString) evidence = g_string_new (NULL);
      g_autoptr(GString) offsets = g_string_new (NULL);
      g_autofree char *intensity = stance->intensity > 0 ? g_strdup_printf ("%u", stance->intensity) : NULL;
      GlossatorEntity *holder = NULL, *target = NULL;

      if (stance->holder_kind == GLOSSATOR_HOLDER_ENTITY)
        holder = glossator_document_get_entity (doc, stance->holder_entity);
      if (stance->target_kind == GLOSSATOR_TARGET_ENTITY)
        target = glossator_document_get_entity (doc, stance->target);

      for (guint e = 0; e < stance->n_evidence; e++)
        {
          g_autofree char *slice = glossator_text_slice (text, stance->evidence[e].start, stance->evidence[e].end);

          if (e > 0)
            {
              g_string_append_c (evidence, ' ');
              g_string_append_c (offsets, ';');
            }
          g_string_append (evidence, slice != NULL ? slice : "");
          g_string_append_printf (offsets, "%u-%u", stance->evidence[e].start, stance->evidence[e].end);
        }

      append_field (out, document->id, FALSE);
      append_field (out, stance->id, FALSE);
      switch (stance->holder_kind)
        {
        case GLOSSATOR_HOLDER_ENTITY:
          append_field (out, holder != NULL ? holder->name : stance->holder_entity, FALSE);
          append_field (out, holder != NULL ? holder->label : "", FALSE);
          break;
        case GLOSSATOR_HOLDER_AUTHOR:
          append_field (out, "(author)", FALSE);
          append_field (out, "AUTHOR", FALSE);
          break;
        case GLOSSATOR_HOLDER_UNSPECIFIED:
        default:
          append_field (out, "", FALSE);
          append_field (out, "", FALSE);
          break;
        }
      switch (stance->target_kind)
        {
        case GLOSSATOR_TARGET_ENTITY:
          append_field (out, target != NULL ? target->name : stance->target, FALSE);
          append_field (out, "entity", FALSE);
          break;
        case GLOSSATOR_TARGET_TOPIC:
          append_field (out, stance->target, FALSE);
          append_field (out, "topic", FALSE);
          break;
        case GLOSSATOR_TARGET_UNSPECIFIED:
        default:
          append_field (out, "", FALSE);
          append_field (out, "", FALSE);
          break;
        }
      append_field (out, stance->polarity, FALSE);
      append_field (out, intensity, FALSE);
      append_field (out, evidence->str, FALSE);
      append_field (out, offsets->str, TRUE);
    }

  render->counts.n_stances_written = stances->len;
  return TRUE;
}

const GlossatorFormat _glossator_format_stance_tsv = {
  .name = "stance-tsv",
  .description = N_("Stances as TSV, one per row: document, holder, target, polarity, intensity "
                    "and evidence (tabs, newlines and backslashes escaped)"),
  .extension = ".tsv",
  .flags = GLOSSATOR_FORMAT_CAN_EXPORT,
  .exporter_size = sizeof (GlossatorExporter),
  .begin = stance_tsv_begin,
  .render = stance_tsv_render,
};

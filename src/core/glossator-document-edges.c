/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-document"

/* Moving a mention's edges: the same mention (id, entity, note,
 * attributes, so every stance naming its entity) over a new span, where
 * deleting and tagging again would lose all of that. Only public document
 * API is used here. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "glossator-document.h"

static GlossatorSpan *
edge_fragment (const GlossatorMention *mention,
               GlossatorEdge           edge)
{
  return &mention->fragments[edge == GLOSSATOR_EDGE_START ? 0 : mention->n_fragments - 1];
}

static guint
edge_offset (const GlossatorSpan *fragment,
             GlossatorEdge        edge)
{
  return edge == GLOSSATOR_EDGE_START ? fragment->start : fragment->end;
}

static GlossatorMention *
movable_mention (GlossatorDocument  *self,
                 const char         *mention_id,
                 GlossatorEdge       edge,
                 GError            **error)
{
  GlossatorMention *mention = glossator_document_get_mention (self, mention_id);
  const GlossatorSpan *fragment;

  if (mention == NULL || mention->n_fragments == 0)
    {
      g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_UNKNOWN_ID,
                   _("There is no mention “%s”"), mention_id);
      return NULL;
    }
  fragment = edge_fragment (mention, edge);
  /* An orphan's offsets are where its text used to be: moving from there
   * would tag text nobody chose. */
  if (fragment->orphaned || fragment->start >= fragment->end ||
      fragment->end > glossator_text_get_length (glossator_document_get_text (self)))
    {
      g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
                   _("The text of mention “%s” is no longer found in the article"), mention_id);
      return NULL;
    }
  return mention;
}

/* Where @edge of @fragment lands when put at @offset: on whole grapheme
 * clusters, and with @snap where selection snapping would put it (the
 * other edge stays where it is). */
static guint
settle_edge (GlossatorText       *text,
             const GlossatorSpan *fragment,
             GlossatorEdge        edge,
             guint                offset,
             gboolean             snap)
{
  guint start = fragment->start, end = fragment->end;

  if (edge == GLOSSATOR_EDGE_START)
    start = glossator_text_snap_to_grapheme (text, offset, FALSE);
  else
    end = glossator_text_snap_to_grapheme (text, offset, TRUE);
  if (snap && start < end)
    {
      guint snapped_start = start, snapped_end = end;

      glossator_text_snap_to_words (text, &snapped_start, &snapped_end);
      if (snapped_start < snapped_end)
        {
          start = edge == GLOSSATOR_EDGE_START ? snapped_start : start;
          end = edge == GLOSSATOR_EDGE_END ? snapped_end : end;
        }
    }
  return edge == GLOSSATOR_EDGE_START ? start : end;
}

static gboolean
same_spans (const GlossatorMention *a,
            const GlossatorMention *b)
{
  if (a->n_fragments != b->n_fragments)
    return FALSE;
  for (guint i = 0; i < a->n_fragments; i++)
    if (a->fragments[i].start != b->fragments[i].start || a->fragments[i].end != b->fragments[i].end)
      return FALSE;
  return TRUE;
}

static gboolean
check_not_duplicate (GlossatorDocument       *self,
                     const GlossatorMention  *moved,
                     GError                 **error)
{
  g_autoptr(GPtrArray) others = glossator_document_mentions_at (self, moved->fragments[0].start);

  for (guint i = 0; i < others->len; i++)
    {
      const GlossatorMention *other = others->pdata[i];

      if (!g_str_equal (other->id, moved->id) && g_strcmp0 (other->label, moved->label) == 0 &&
          same_spans (other, moved))
        {
          g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_DUPLICATE,
                       _("Another %s mention already has this span"), other->label);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
put_edge (GlossatorDocument       *self,
          const GlossatorMention  *old,
          GlossatorEdge            edge,
          guint                    offset,
          GError                 **error)
{
  GlossatorText *text = glossator_document_get_text (self);
  g_autoptr(GlossatorMention) moved = glossator_mention_copy (old);
  GlossatorSpan *fragment = edge_fragment (moved, edge);
  guint start = edge == GLOSSATOR_EDGE_START ? offset : fragment->start;
  guint end = edge == GLOSSATOR_EDGE_END ? offset : fragment->end;

  if (end > glossator_text_get_length (text))
    {
      g_set_error (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
                   _("The span %u–%u is outside the text (length %u)"),
                   start, end, glossator_text_get_length (text));
      return FALSE;
    }
  if (start >= end)
    {
      g_set_error_literal (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
                           edge == GLOSSATOR_EDGE_START ?
                           _("The start cannot move past the end: the mention would be empty") :
                           _("The end cannot move past the start: the mention would be empty"));
      return FALSE;
    }

  fragment->start = start;
  fragment->end = end;
  fragment->orphaned = FALSE;
  glossator_span_set_quote (fragment, text);
  if (!check_not_duplicate (self, moved, error))
    return FALSE;

  glossator_document_begin_edit (self, edge == GLOSSATOR_EDGE_START ? _("Move mention start") :
                                                                      _("Move mention end"));
  glossator_document_put_mention (self, moved);
  glossator_document_end_edit (self);
  return TRUE;
}

gboolean
glossator_document_move_mention_edge (GlossatorDocument  *self,
                                      const char         *mention_id,
                                      GlossatorEdge       edge,
                                      guint               offset,
                                      gboolean            snap,
                                      GError            **error)
{
  GlossatorText *text;
  GlossatorMention *old;
  const GlossatorSpan *fragment;
  guint target;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (mention_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((old = movable_mention (self, mention_id, edge, error)) == NULL)
    return FALSE;
  text = glossator_document_get_text (self);
  fragment = edge_fragment (old, edge);
  target = settle_edge (text, fragment, edge, MIN (offset, glossator_text_get_length (text)), snap);
  if (target == edge_offset (fragment, edge))
    return TRUE;
  return put_edge (self, old, edge, target, error);
}

/* The next place after (before) @offset where a step may stop: a grapheme
 * boundary, or a word's start (for a start) or end (for an end). */
static gboolean
next_stop (GlossatorText     *text,
           GlossatorEdge      edge,
           GlossatorEdgeStep  step,
           gboolean           forward,
           guint             *offset)
{
  const PangoLogAttr *attrs = glossator_text_get_log_attrs (text);
  guint length = glossator_text_get_length (text);
  guint o = *offset;

  for (;;)
    {
      if (forward ? o >= length : o == 0)
        return FALSE;
      o = forward ? o + 1 : o - 1;
      if (!attrs[o].is_cursor_position)
        continue;
      if (step == GLOSSATOR_EDGE_STEP_CHARACTER ||
          (edge == GLOSSATOR_EDGE_START ? attrs[o].is_word_start : attrs[o].is_word_end))
        break;
    }
  *offset = o;
  return TRUE;
}

gboolean
glossator_document_step_mention_edge (GlossatorDocument  *self,
                                      const char         *mention_id,
                                      GlossatorEdge       edge,
                                      GlossatorEdgeStep   step,
                                      gboolean            forward,
                                      gboolean            snap,
                                      GError            **error)
{
  GlossatorText *text;
  GlossatorMention *old;
  const GlossatorSpan *fragment;
  guint current, candidate, target;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (self), FALSE);
  g_return_val_if_fail (mention_id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((old = movable_mention (self, mention_id, edge, error)) == NULL)
    return FALSE;
  text = glossator_document_get_text (self);
  fragment = edge_fragment (old, edge);
  current = candidate = edge_offset (fragment, edge);

  /* Snapping would take a step into white space, punctuation or the
   * middle of a word back where it came from: go on until it moves. */
  do
    {
      if (!next_stop (text, edge, step, forward, &candidate))
        {
          g_set_error_literal (error, GLOSSATOR_DOCUMENT_ERROR, GLOSSATOR_DOCUMENT_ERROR_INVALID_RANGE,
                               forward ? _("There is no text further on to move to") :
                                         _("There is no text further back to move to"));
          return FALSE;
        }
      if ((edge == GLOSSATOR_EDGE_START && candidate >= fragment->end) ||
          (edge == GLOSSATOR_EDGE_END && candidate <= fragment->start))
        return put_edge (self, old, edge, candidate, error);
      target = settle_edge (text, fragment, edge, candidate, snap);
    }
  while (forward ? target <= current : target >= current);

  return put_edge (self, old, edge, target, error);
}

/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-history"

#include "config.h"

#include "glossator-history.h"

/* Old steps are forgotten past this many, so a day of work stays small. */
#define MAX_STEPS 5000

typedef struct {
  guint    kind;
  gpointer old_value;
  gpointer new_value;
} Change;

typedef struct {
  guint64  serial;
  char    *description;
  GArray  *changes;
} Step;

struct _GlossatorHistory {
  GlossatorHistoryApply  apply;
  GDestroyNotify        *free_funcs;
  guint                  n_kinds;
  gpointer               owner;

  GQueue                 undo;   /* of Step*, newest at head */
  GQueue                 redo;
  Step                  *open;
  guint                  depth;
  guint64                next_serial;
  /* Serial of the newest applied step when saved; 0 is "no step". */
  guint64                saved_serial;
  gboolean               saved_lost;
};

static void
step_free (GlossatorHistory *self,
           Step             *step)
{
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *c = &g_array_index (step->changes, Change, i);
      GDestroyNotify free_func = self->free_funcs[c->kind];

      if (c->old_value != NULL)
        free_func (c->old_value);
      if (c->new_value != NULL)
        free_func (c->new_value);
    }
  g_array_unref (step->changes);
  g_free (step->description);
  g_free (step);
}

static Step *
step_new (GlossatorHistory *self,
          const char       *description)
{
  Step *step = g_new0 (Step, 1);

  step->serial = ++self->next_serial;
  step->description = g_strdup (description);
  step->changes = g_array_new (FALSE, FALSE, sizeof (Change));

  return step;
}

GlossatorHistory *
glossator_history_new (GlossatorHistoryApply  apply,
                       GDestroyNotify        *free_funcs,
                       guint                  n_kinds,
                       gpointer               owner)
{
  GlossatorHistory *self;

  g_return_val_if_fail (apply != NULL, NULL);
  g_return_val_if_fail (free_funcs != NULL, NULL);

  self = g_new0 (GlossatorHistory, 1);
  self->apply = apply;
  self->free_funcs = g_memdup2 (free_funcs, n_kinds * sizeof (GDestroyNotify));
  self->n_kinds = n_kinds;
  self->owner = owner;
  g_queue_init (&self->undo);
  g_queue_init (&self->redo);

  return self;
}

static void
clear_queue (GlossatorHistory *self,
             GQueue           *queue)
{
  Step *step;

  while ((step = g_queue_pop_head (queue)) != NULL)
    step_free (self, step);
}

void
glossator_history_free (GlossatorHistory *self)
{
  if (self == NULL)
    return;

  clear_queue (self, &self->undo);
  clear_queue (self, &self->redo);
  if (self->open != NULL)
    step_free (self, self->open);
  g_free (self->free_funcs);
  g_free (self);
}

static guint64
current_serial (GlossatorHistory *self)
{
  Step *top = g_queue_peek_head (&self->undo);

  return top != NULL ? top->serial : 0;
}

static void
push_step (GlossatorHistory *self,
           Step             *step)
{
  if (step->changes->len == 0)
    {
      step_free (self, step);
      return;
    }

  /* A redo step that was the saved state can never come back. */
  for (GList *l = self->redo.head; l != NULL; l = l->next)
    if (((Step *) l->data)->serial == self->saved_serial)
      self->saved_lost = TRUE;
  clear_queue (self, &self->redo);

  g_queue_push_head (&self->undo, step);
  while (self->undo.length > MAX_STEPS)
    {
      Step *oldest = g_queue_pop_tail (&self->undo);

      /* The saved state was this step or before it: no longer reachable. */
      if (self->saved_serial <= oldest->serial)
        self->saved_lost = TRUE;
      step_free (self, oldest);
    }
}

void
glossator_history_begin (GlossatorHistory *self,
                         const char       *description)
{
  g_return_if_fail (self != NULL);

  if (self->depth++ == 0)
    self->open = step_new (self, description);
}

void
glossator_history_end (GlossatorHistory *self)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (self->depth > 0);

  if (--self->depth == 0)
    push_step (self, g_steal_pointer (&self->open));
}

void
glossator_history_record (GlossatorHistory *self,
                          guint             kind,
                          gpointer          old_value,
                          gpointer          new_value)
{
  Change change = { kind, old_value, new_value };

  g_return_if_fail (self != NULL);
  g_return_if_fail (kind < self->n_kinds);

  if (self->open != NULL)
    {
      g_array_append_val (self->open->changes, change);
      return;
    }

  {
    Step *step = step_new (self, NULL);

    g_array_append_val (step->changes, change);
    push_step (self, step);
  }
}

gboolean
glossator_history_can_undo (GlossatorHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->undo.length > 0 && self->depth == 0;
}

gboolean
glossator_history_can_redo (GlossatorHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->redo.length > 0 && self->depth == 0;
}

const char *
glossator_history_get_undo_description (GlossatorHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, NULL);

  step = g_queue_peek_head (&self->undo);
  return step != NULL ? step->description : NULL;
}

const char *
glossator_history_get_redo_description (GlossatorHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, NULL);

  step = g_queue_peek_head (&self->redo);
  return step != NULL ? step->description : NULL;
}

gboolean
glossator_history_undo (GlossatorHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!glossator_history_can_undo (self))
    return FALSE;

  step = g_queue_pop_head (&self->undo);
  for (guint i = step->changes->len; i > 0; i--)
    {
      Change *c = &g_array_index (step->changes, Change, i - 1);
      self->apply (self->owner, c->kind, c->new_value, c->old_value);
    }
  g_queue_push_head (&self->redo, step);

  return TRUE;
}

gboolean
glossator_history_redo (GlossatorHistory *self)
{
  Step *step;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!glossator_history_can_redo (self))
    return FALSE;

  step = g_queue_pop_head (&self->redo);
  for (guint i = 0; i < step->changes->len; i++)
    {
      Change *c = &g_array_index (step->changes, Change, i);
      self->apply (self->owner, c->kind, c->old_value, c->new_value);
    }
  g_queue_push_head (&self->undo, step);

  return TRUE;
}

gboolean
glossator_history_is_modified (GlossatorHistory *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->saved_lost || current_serial (self) != self->saved_serial;
}

void
glossator_history_mark_saved (GlossatorHistory *self)
{
  g_return_if_fail (self != NULL);

  glossator_history_mark_saved_revision (self, current_serial (self));
}

guint64
glossator_history_get_revision (GlossatorHistory *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return current_serial (self);
}

void
glossator_history_mark_saved_revision (GlossatorHistory *self,
                                       guint64           revision)
{
  gboolean reachable = revision == 0;

  g_return_if_fail (self != NULL);

  /* The saved state must still be on the undo or redo stack. */
  for (GList *l = self->undo.head; !reachable && l != NULL; l = l->next)
    reachable = ((Step *) l->data)->serial == revision;
  for (GList *l = self->redo.head; !reachable && l != NULL; l = l->next)
    reachable = ((Step *) l->data)->serial == revision;

  self->saved_serial = revision;
  self->saved_lost = !reachable;
}

void
glossator_history_clear (GlossatorHistory *self)
{
  g_return_if_fail (self != NULL);

  clear_queue (self, &self->undo);
  clear_queue (self, &self->redo);
  self->saved_serial = 0;
  self->saved_lost = FALSE;
}

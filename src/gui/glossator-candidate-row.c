/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-candidate-row"

#include "config.h"

#include "glossator-candidate-row.h"
#include "glossator-label-palette.h"

struct _GlossatorCandidateRow {
  GtkListBoxRow       parent_instance;

  GtkBox             *box;
  GtkImage           *icon;
  GtkLabel           *title;
  GtkLabel           *detail;

  GlossatorCandidate *candidate;
  char               *text;
};

G_DEFINE_FINAL_TYPE (GlossatorCandidateRow, glossator_candidate_row, GTK_TYPE_LIST_BOX_ROW)

static const char *
icon_name_for (const GlossatorCandidate *candidate)
{
  switch (candidate->kind)
    {
    case GLOSSATOR_CANDIDATE_AUTHOR:
      return "avatar-default-symbolic";
    case GLOSSATOR_CANDIDATE_TOPIC:
      return candidate->is_new ? "list-add-symbolic" : "view-list-bullet-symbolic";
    case GLOSSATOR_CANDIDATE_ENTITY:
      return NULL;  /* a swatch of its label's colour, when there is a schema */
    case GLOSSATOR_CANDIDATE_NONE:
    case GLOSSATOR_CANDIDATE_UNSPECIFIED:
    default:
      return "dialog-question-symbolic";
    }
}

GtkWidget *
glossator_candidate_row_new (GlossatorCandidate *candidate)
{
  GlossatorCandidateRow *self;

  g_return_val_if_fail (candidate != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_CANDIDATE_ROW, NULL);
  self->candidate = candidate;
  if (candidate->color != NULL)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->icon), FALSE);
      gtk_box_prepend (self->box, glossator_label_swatch_new (candidate->color));
    }
  else
    gtk_image_set_from_icon_name (self->icon, icon_name_for (candidate));
  gtk_label_set_text (self->title, candidate->title);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), candidate->title);
  if (candidate->detail != NULL)
    {
      gtk_label_set_text (self->detail, candidate->detail);
      gtk_widget_set_visible (GTK_WIDGET (self->detail), TRUE);
      self->text = g_strdup_printf ("%s, %s", candidate->title, candidate->detail);
    }
  else
    self->text = g_strdup (candidate->title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->text, -1);
  return GTK_WIDGET (self);
}

const GlossatorCandidate *
glossator_candidate_row_get_candidate (GlossatorCandidateRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CANDIDATE_ROW (self), NULL);

  return self->candidate;
}

const char *
glossator_candidate_row_get_text (GlossatorCandidateRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_CANDIDATE_ROW (self), NULL);

  return self->text;
}

static void
glossator_candidate_row_finalize (GObject *object)
{
  GlossatorCandidateRow *self = GLOSSATOR_CANDIDATE_ROW (object);

  g_clear_pointer (&self->candidate, glossator_candidate_free);
  g_free (self->text);

  G_OBJECT_CLASS (glossator_candidate_row_parent_class)->finalize (object);
}

static void
glossator_candidate_row_class_init (GlossatorCandidateRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glossator_candidate_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-candidate-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorCandidateRow, box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCandidateRow, icon);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCandidateRow, title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorCandidateRow, detail);
}

static void
glossator_candidate_row_init (GlossatorCandidateRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

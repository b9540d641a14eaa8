/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stance-row"

#include "config.h"

#include "glossator-label-palette.h"
#include "glossator-stance-row.h"

struct _GlossatorStanceRow {
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkButton     *edit_button;
  GtkButton     *delete_button;
  GtkBox        *details_box;
  GtkLabel      *details_label;
  GtkLabel      *evidence_label;

  char          *stance_id;
  char          *summary;
};

G_DEFINE_FINAL_TYPE (GlossatorStanceRow, glossator_stance_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  EDIT,
  DELETE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
edit_clicked_cb (GlossatorStanceRow *self)
{
  g_signal_emit (self, signals[EDIT], 0);
}

static void
delete_clicked_cb (GlossatorStanceRow *self)
{
  g_signal_emit (self, signals[DELETE], 0);
}

GtkWidget *
glossator_stance_row_new (const char *stance_id,
                          const char *title,
                          const char *summary,
                          const char *details,
                          const char *evidence,
                          const char *color,
                          gboolean    read_only)
{
  GlossatorStanceRow *self;
  g_autofree char *accessible = NULL;

  g_return_val_if_fail (stance_id != NULL, NULL);
  g_return_val_if_fail (title != NULL && summary != NULL && details != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_STANCE_ROW, NULL);
  self->stance_id = g_strdup (stance_id);
  self->summary = g_strdup (summary);
  gtk_label_set_text (self->title_label, title);
  /* Past three lines the title is cut: the tooltip has all of it. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->title_label), title);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), !read_only);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), !read_only);
  gtk_box_prepend (self->details_box, glossator_label_swatch_new (color));
  gtk_label_set_text (self->details_label, details);
  if (evidence != NULL)
    {
      gtk_label_set_text (self->evidence_label, evidence);
      gtk_widget_set_visible (GTK_WIDGET (self->evidence_label), TRUE);
      accessible = g_strdup_printf ("%s. %s. %s", summary, details, evidence);
    }
  else
    accessible = g_strdup_printf ("%s. %s", summary, details);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  return GTK_WIDGET (self);
}

const char *
glossator_stance_row_get_stance_id (GlossatorStanceRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCE_ROW (self), NULL);

  return self->stance_id;
}

const char *
glossator_stance_row_get_summary (GlossatorStanceRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCE_ROW (self), NULL);

  return self->summary;
}

static void
glossator_stance_row_finalize (GObject *object)
{
  GlossatorStanceRow *self = GLOSSATOR_STANCE_ROW (object);

  g_free (self->stance_id);
  g_free (self->summary);

  G_OBJECT_CLASS (glossator_stance_row_parent_class)->finalize (object);
}

static void
glossator_stance_row_class_init (GlossatorStanceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = glossator_stance_row_finalize;

  signals[EDIT] =
    g_signal_new ("edit", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DELETE] =
    g_signal_new ("delete", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-stance-row.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, edit_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, delete_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, details_box);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceRow, evidence_label);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
}

static void
glossator_stance_row_init (GlossatorStanceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

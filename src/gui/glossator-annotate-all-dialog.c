/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-annotate-all"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossator-annotate-all-dialog.h"
#include "glossator-text-search.h"

#define CONTEXT_CHARS 48

/* One occurrence in the list. */
#define GLOSSATOR_TYPE_OCCURRENCE (glossator_occurrence_get_type ())
G_DECLARE_FINAL_TYPE (GlossatorOccurrence, glossator_occurrence, GLOSSATOR, OCCURRENCE, GObject)

struct _GlossatorOccurrence {
  GObject   parent_instance;

  guint     start;
  guint     end;
  char     *markup;
  char     *note;
  gboolean  active;
};

G_DEFINE_FINAL_TYPE (GlossatorOccurrence, glossator_occurrence, G_TYPE_OBJECT)

enum {
  OCCURRENCE_PROP_0,
  OCCURRENCE_PROP_ACTIVE,
  OCCURRENCE_N_PROPS
};

static GParamSpec *occurrence_properties[OCCURRENCE_N_PROPS];

static void
glossator_occurrence_set_active (GlossatorOccurrence *self,
                                 gboolean             active)
{
  active = !!active;
  if (self->active == active)
    return;
  self->active = active;
  g_object_notify_by_pspec (G_OBJECT (self), occurrence_properties[OCCURRENCE_PROP_ACTIVE]);
}

static void
glossator_occurrence_finalize (GObject *object)
{
  GlossatorOccurrence *self = GLOSSATOR_OCCURRENCE (object);

  g_free (self->markup);
  g_free (self->note);

  G_OBJECT_CLASS (glossator_occurrence_parent_class)->finalize (object);
}

static void
glossator_occurrence_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GlossatorOccurrence *self = GLOSSATOR_OCCURRENCE (object);

  switch (prop_id)
    {
    case OCCURRENCE_PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_occurrence_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GlossatorOccurrence *self = GLOSSATOR_OCCURRENCE (object);

  switch (prop_id)
    {
    case OCCURRENCE_PROP_ACTIVE:
      glossator_occurrence_set_active (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_occurrence_class_init (GlossatorOccurrenceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_occurrence_finalize;
  object_class->get_property = glossator_occurrence_get_property;
  object_class->set_property = glossator_occurrence_set_property;

  occurrence_properties[OCCURRENCE_PROP_ACTIVE] =
    g_param_spec_boolean ("active", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, OCCURRENCE_N_PROPS, occurrence_properties);
}

static void
glossator_occurrence_init (GlossatorOccurrence *self)
{
}

struct _GlossatorAnnotateAllDialog {
  AdwWindow          parent_instance;

  AdwWindowTitle    *window_title;
  GtkButton         *apply_button;
  GtkCheckButton    *whole_word_check;
  GtkCheckButton    *match_case_check;
  GtkLabel          *summary_label;
  GtkStack          *stack;
  GtkListView       *list_view;
  AdwStatusPage     *empty_page;

  GlossatorDocument *document;
  GlossatorSchema   *schema;
  GlossatorMention  *mention;     /* as it was when the dialog opened */
  char              *needle;
  GListStore        *occurrences;
  guint              n_selected;
  gboolean           whole_word;
  gboolean           match_case;
};

G_DEFINE_FINAL_TYPE (GlossatorAnnotateAllDialog, glossator_annotate_all_dialog, ADW_TYPE_WINDOW)

enum {
  PROP_0,
  PROP_WHOLE_WORD,
  PROP_MATCH_CASE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  APPLIED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
update_apply_button (GlossatorAnnotateAllDialog *self)
{
  g_autofree char *label = NULL;

  if (self->n_selected == 0)
    label = g_strdup (_("_Tag"));
  else
    /* Translators: the button that applies the dialog */
    label = g_strdup_printf (ngettext ("_Tag %u Occurrence", "_Tag %u Occurrences",
                                          self->n_selected),
                             self->n_selected);
  gtk_button_set_label (self->apply_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), self->n_selected > 0);
}

static void
occurrence_active_cb (GlossatorAnnotateAllDialog *self,
                      GParamSpec                 *pspec,
                      GlossatorOccurrence        *occurrence)
{
  if (occurrence->active)
    self->n_selected++;
  else
    self->n_selected--;
  update_apply_button (self);
}

/* Context on one side of a match, cut at a space so words stay whole;
 * line breaks and tabs are shown as spaces. */
static char *
context_text (GlossatorText *text,
              guint          start,
              guint          end,
              gboolean       before)
{
  g_autofree char *slice = glossator_text_slice (text, start, end);
  GString *result;
  const char *p;

  if (slice == NULL)
    return g_strdup ("");

  result = g_string_new (NULL);
  for (p = slice; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\n' || c == '\r' || c == '\t' || c == 0x2028 || c == 0x2029)
        c = ' ';
      g_string_append_unichar (result, c);
    }

  if (before && start > 0)
    {
      char *space = strchr (result->str, ' ');

      if (space != NULL && space[1] != '\0')
        g_string_erase (result, 0, space + 1 - result->str);
      g_string_prepend (result, "…");
    }
  else if (!before && end < glossator_text_get_length (text))
    {
      char *space = strrchr (result->str, ' ');

      if (space != NULL && space != result->str)
        g_string_truncate (result, space - result->str);
      g_string_append (result, "…");
    }

  return g_string_free (result, FALSE);
}

static char *
describe_overlaps (GlossatorAnnotateAllDialog *self,
                   guint                       start,
                   guint                       end,
                   gboolean                   *same_span_same_label,
                   gboolean                   *same_span)
{
  g_autoptr(GPtrArray) overlapping = glossator_document_mentions_in_range (self->document, start, end);
  g_autoptr(GString) note = g_string_new (NULL);

  *same_span_same_label = FALSE;
  *same_span = FALSE;
  for (guint i = 0; i < overlapping->len; i++)
    {
      GlossatorMention *other = overlapping->pdata[i];
      gboolean identical = other->n_fragments == 1 && !other->fragments[0].orphaned &&
                           other->fragments[0].start == start && other->fragments[0].end == end;

      if (glossator_mention_is_orphaned (other))
        continue;
      if (identical && g_strcmp0 (other->label, self->mention->label) == 0)
        *same_span_same_label = TRUE;
      *same_span |= identical;

      if (note->len > 0)
        g_string_append (note, ", ");
      if (identical)
        /* Translators: an occurrence already tagged with another label */
        g_string_append_printf (note, _("already tagged %s"), other->label);
      else
        /* Translators: an occurrence overlapping a mention with that label */
        g_string_append_printf (note, _("overlaps %s"), other->label);
    }

  return note->len > 0 ? g_strdup (note->str) : NULL;
}

static void
search (GlossatorAnnotateAllDialog *self)
{
  GlossatorText *text = glossator_document_get_text (self->document);
  GlossatorSearchFlags flags = GLOSSATOR_SEARCH_DEFAULT;
  g_autoptr(GArray) hits = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n_overlapping = 0;
  g_autofree char *summary = NULL;

  if (self->whole_word)
    flags |= GLOSSATOR_SEARCH_WHOLE_WORD;
  if (self->match_case)
    flags |= GLOSSATOR_SEARCH_MATCH_CASE;

  hits = glossator_text_search (text, self->needle, flags, 0);
  self->n_selected = 0;
  for (guint i = 0; i < hits->len; i++)
    {
      const GlossatorSearchHit *hit = &g_array_index (hits, GlossatorSearchHit, i);
      guint before = hit->start > CONTEXT_CHARS ? hit->start - CONTEXT_CHARS : 0;
      guint after = MIN (hit->end + CONTEXT_CHARS, glossator_text_get_length (text));
      g_autofree char *prefix = context_text (text, before, hit->start, TRUE);
      g_autofree char *match = context_text (text, hit->start, hit->end, FALSE);
      g_autofree char *suffix = context_text (text, hit->end, after, FALSE);
      gboolean same_span_same_label, same_span;
      GlossatorOccurrence *occurrence;

      /* context_text marks a cut at the end, which a match never has. */
      if (g_str_has_suffix (match, "…"))
        match[strlen (match) - strlen ("…")] = '\0';

      occurrence = g_object_new (GLOSSATOR_TYPE_OCCURRENCE, NULL);
      occurrence->note = describe_overlaps (self, hit->start, hit->end, &same_span_same_label, &same_span);
      if (same_span_same_label)
        {
          g_object_unref (occurrence);
          continue;
        }
      occurrence->start = hit->start;
      occurrence->end = hit->end;
      occurrence->markup = g_markup_printf_escaped ("%s<b>%s</b>%s", prefix, match, suffix);
      /* Another label on exactly this span is more likely a choice than an oversight. */
      occurrence->active = !same_span;
      if (occurrence->note != NULL)
        n_overlapping++;
      if (occurrence->active)
        self->n_selected++;
      g_signal_connect_object (occurrence, "notify::active", G_CALLBACK (occurrence_active_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (items, occurrence);
    }

  g_list_store_splice (self->occurrences, 0, g_list_model_get_n_items (G_LIST_MODEL (self->occurrences)),
                       items->pdata, items->len);

  if (items->len == 0 && hits->len > 1)
    {
      summary = g_strdup (_("Every occurrence is already tagged with this label."));
      adw_status_page_set_title (self->empty_page, _("All Occurrences Tagged"));
      adw_status_page_set_description (self->empty_page, NULL);
    }
  else if (items->len == 0)
    {
      summary = g_strdup (_("The text has no other occurrence."));
      adw_status_page_set_title (self->empty_page, _("No Other Occurrences"));
      adw_status_page_set_description (self->empty_page,
                                       self->whole_word || self->match_case
                                       ? _("Try without “Whole word” or “Match case”.") : NULL);
    }
  else if (n_overlapping > 0)
    summary = g_strdup_printf (g_dngettext (NULL,
                                            "%u occurrence not tagged with this label yet; %u overlaps other mentions.",
                                            "%u occurrences not tagged with this label yet; %u overlap other mentions.",
                                            items->len),
                               items->len, n_overlapping);
  else
    summary = g_strdup_printf (g_dngettext (NULL,
                                            "%u occurrence not tagged with this label yet.",
                                            "%u occurrences not tagged with this label yet.",
                                            items->len),
                               items->len);
  gtk_label_set_text (self->summary_label, summary);
  gtk_stack_set_visible_child_name (self->stack, items->len > 0 ? "list" : "empty");
  update_apply_button (self);
}

static void
setup_row_cb (GtkSignalListItemFactory   *factory,
              GtkListItem                *item,
              GlossatorAnnotateAllDialog *self)
{
  GtkWidget *check = gtk_check_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *context = gtk_label_new (NULL);
  GtkWidget *note = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (context), 0);
  gtk_label_set_wrap (GTK_LABEL (context), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (context), PANGO_WRAP_WORD_CHAR);
  gtk_box_append (GTK_BOX (box), context);
  gtk_label_set_xalign (GTK_LABEL (note), 0);
  gtk_widget_add_css_class (note, "dim-label");
  gtk_widget_add_css_class (note, "caption");
  gtk_box_append (GTK_BOX (box), note);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_check_button_set_child (GTK_CHECK_BUTTON (check), box);
  gtk_widget_set_margin_start (check, 6);
  gtk_widget_set_margin_end (check, 6);
  gtk_list_item_set_child (item, check);
  /* The check button takes the focus; the row would be a second stop. */
  gtk_list_item_set_activatable (item, FALSE);

  g_object_set_data (G_OBJECT (check), "glossator-context", context);
  g_object_set_data (G_OBJECT (check), "glossator-note", note);
}

static void
bind_row_cb (GtkSignalListItemFactory   *factory,
             GtkListItem                *item,
             GlossatorAnnotateAllDialog *self)
{
  GlossatorOccurrence *occurrence = gtk_list_item_get_item (item);
  GtkWidget *check = gtk_list_item_get_child (item);
  GtkLabel *context = g_object_get_data (G_OBJECT (check), "glossator-context");
  GtkLabel *note = g_object_get_data (G_OBJECT (check), "glossator-note");
  GBinding *binding;

  gtk_label_set_markup (context, occurrence->markup);
  gtk_label_set_text (note, occurrence->note != NULL ? occurrence->note : "");
  gtk_widget_set_visible (GTK_WIDGET (note), occurrence->note != NULL);
  binding = g_object_bind_property (occurrence, "active", check, "active",
                                    G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_set_data (G_OBJECT (check), "glossator-binding", binding);
}

static void
unbind_row_cb (GtkSignalListItemFactory   *factory,
               GtkListItem                *item,
               GlossatorAnnotateAllDialog *self)
{
  GtkWidget *check = gtk_list_item_get_child (item);
  GBinding *binding = g_object_steal_data (G_OBJECT (check), "glossator-binding");

  if (binding != NULL)
    g_binding_unbind (binding);
}

static void
set_all (GlossatorAnnotateAllDialog *self,
         gboolean                    active)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->occurrences));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossatorOccurrence) occurrence = g_list_model_get_item (G_LIST_MODEL (self->occurrences), i);

      glossator_occurrence_set_active (occurrence, active);
    }
}

static void
select_all_clicked_cb (GlossatorAnnotateAllDialog *self)
{
  set_all (self, TRUE);
}

static void
select_none_clicked_cb (GlossatorAnnotateAllDialog *self)
{
  set_all (self, FALSE);
}

static void
apply_clicked_cb (GlossatorAnnotateAllDialog *self)
{
  glossator_annotate_all_dialog_apply (self);
  gtk_window_close (GTK_WINDOW (self));
}

static void
toggles_changed_cb (GlossatorAnnotateAllDialog *self)
{
  gboolean whole_word = gtk_check_button_get_active (self->whole_word_check);
  gboolean match_case = gtk_check_button_get_active (self->match_case_check);

  if (whole_word == self->whole_word && match_case == self->match_case)
    return;
  if (whole_word != self->whole_word)
    {
      self->whole_word = whole_word;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHOLE_WORD]);
    }
  if (match_case != self->match_case)
    {
      self->match_case = match_case;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MATCH_CASE]);
    }
  if (self->document != NULL)
    search (self);
}

static void
glossator_annotate_all_dialog_dispose (GObject *object)
{
  GlossatorAnnotateAllDialog *self = GLOSSATOR_ANNOTATE_ALL_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG);
  g_clear_object (&self->occurrences);
  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_pointer (&self->mention, glossator_mention_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (glossator_annotate_all_dialog_parent_class)->dispose (object);
}

static void
glossator_annotate_all_dialog_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  GlossatorAnnotateAllDialog *self = GLOSSATOR_ANNOTATE_ALL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WHOLE_WORD:
      g_value_set_boolean (value, self->whole_word);
      break;
    case PROP_MATCH_CASE:
      g_value_set_boolean (value, self->match_case);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_annotate_all_dialog_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  GlossatorAnnotateAllDialog *self = GLOSSATOR_ANNOTATE_ALL_DIALOG (object);

  switch (prop_id)
    {
    case PROP_WHOLE_WORD:
      gtk_check_button_set_active (self->whole_word_check, g_value_get_boolean (value));
      break;
    case PROP_MATCH_CASE:
      gtk_check_button_set_active (self->match_case_check, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
glossator_annotate_all_dialog_class_init (GlossatorAnnotateAllDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_annotate_all_dialog_dispose;
  object_class->get_property = glossator_annotate_all_dialog_get_property;
  object_class->set_property = glossator_annotate_all_dialog_set_property;

  properties[PROP_WHOLE_WORD] =
    g_param_spec_boolean ("whole-word", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MATCH_CASE] =
    g_param_spec_boolean ("match-case", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-annotate-all-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, apply_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, whole_word_check);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, match_case_check);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, list_view);
  gtk_widget_class_bind_template_child (widget_class, GlossatorAnnotateAllDialog, empty_page);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_all_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, select_none_clicked_cb);

  /* Tagged @n_created mentions (one undo step). */
  signals[APPLIED] =
    g_signal_new ("applied", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
glossator_annotate_all_dialog_init (GlossatorAnnotateAllDialog *self)
{
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->whole_word = TRUE;
  self->match_case = TRUE;
  gtk_check_button_set_active (self->whole_word_check, TRUE);
  gtk_check_button_set_active (self->match_case_check, TRUE);
  g_signal_connect_object (self->whole_word_check, "toggled", G_CALLBACK (toggles_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->match_case_check, "toggled", G_CALLBACK (toggles_changed_cb),
                           self, G_CONNECT_SWAPPED);

  self->occurrences = g_list_store_new (GLOSSATOR_TYPE_OCCURRENCE);
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->list_view,
                           GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->occurrences)))));
}

GtkWidget *
glossator_annotate_all_dialog_new (GlossatorDocument *document,
                                   GlossatorSchema   *schema,
                                   const char        *mention_id)
{
  GlossatorAnnotateAllDialog *self;
  GlossatorMention *mention;
  GlossatorEntity *entity;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (document), NULL);
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (schema), NULL);
  g_return_val_if_fail (mention_id != NULL, NULL);

  mention = glossator_document_get_mention (document, mention_id);
  g_return_val_if_fail (mention != NULL, NULL);

  self = g_object_new (GLOSSATOR_TYPE_ANNOTATE_ALL_DIALOG, NULL);
  self->document = g_object_ref (document);
  self->schema = g_object_ref (schema);
  self->mention = glossator_mention_ref (mention);
  self->needle = glossator_mention_dup_text (mention, glossator_document_get_text (document));

  entity = mention->entity_id != NULL ? glossator_document_get_entity (document, mention->entity_id) : NULL;
  /* Translators: subtitle of the Annotate All dialog: text, label, entity */
  subtitle = g_strdup_printf (_("“%s” as %s · %s"), self->needle, mention->label,
                              entity != NULL ? entity->name : _("new entity"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  search (self);
  /* Enter tags what the dialog was opened for; Escape cancels. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->apply_button));
  gtk_widget_grab_focus (GTK_WIDGET (self->apply_button));

  return GTK_WIDGET (self);
}

guint
glossator_annotate_all_dialog_get_n_occurrences (GlossatorAnnotateAllDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ANNOTATE_ALL_DIALOG (self), 0);

  return g_list_model_get_n_items (G_LIST_MODEL (self->occurrences));
}

guint
glossator_annotate_all_dialog_get_n_selected (GlossatorAnnotateAllDialog *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_ANNOTATE_ALL_DIALOG (self), 0);

  return self->n_selected;
}

void
glossator_annotate_all_dialog_set_selected (GlossatorAnnotateAllDialog *self,
                                            guint                       index,
                                            gboolean                    selected)
{
  g_autoptr(GlossatorOccurrence) occurrence = NULL;

  g_return_if_fail (GLOSSATOR_IS_ANNOTATE_ALL_DIALOG (self));

  occurrence = g_list_model_get_item (G_LIST_MODEL (self->occurrences), index);
  g_return_if_fail (occurrence != NULL);
  glossator_occurrence_set_active (occurrence, selected);
}

guint
glossator_annotate_all_dialog_apply (GlossatorAnnotateAllDialog *self)
{
  GlossatorMention *current;
  g_autofree char *entity_id = NULL;
  guint n_items, n_created = 0;

  g_return_val_if_fail (GLOSSATOR_IS_ANNOTATE_ALL_DIALOG (self), 0);

  if (self->n_selected == 0)
    return 0;

  /* Link to the entity the mention has now; it may have been relinked. */
  current = glossator_document_get_mention (self->document, self->mention->id);
  entity_id = g_strdup (current != NULL ? current->entity_id : self->mention->entity_id);
  if (entity_id != NULL && glossator_document_get_entity (self->document, entity_id) == NULL)
    g_clear_pointer (&entity_id, g_free);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->occurrences));
  glossator_document_begin_edit (self->document, _("Annotate all"));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GlossatorOccurrence) occurrence = g_list_model_get_item (G_LIST_MODEL (self->occurrences), i);
      g_autoptr(GlossatorMention) created = NULL;
      g_autoptr(GError) error = NULL;

      if (!occurrence->active)
        continue;
      created = glossator_document_create_mention (self->document, self->mention->label,
                                                   &occurrence->start, &occurrence->end, 1,
                                                   entity_id, &error);
      if (created == NULL)
        {
          g_debug ("Not tagging %u–%u: %s", occurrence->start, occurrence->end, error->message);
          continue;
        }
      /* Without an entity to join, the first new mention founds one for the rest. */
      if (entity_id == NULL)
        entity_id = g_strdup (glossator_document_get_mention (self->document, created->id)->entity_id);
      n_created++;
    }
  glossator_document_end_edit (self->document);
  g_signal_emit (self, signals[APPLIED], 0, n_created);

  return n_created;
}

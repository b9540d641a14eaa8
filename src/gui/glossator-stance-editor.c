/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-stance-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "glossator-candidates.h"
#include "glossator-polarity-button.h"
#include "glossator-stance-editor-private.h"
#include "glossator-typeahead.h"

/* Keys, with the focus in the editor:
 *   Up, Down        choose a holder / target candidate (in its field)
 *   Enter           accept the candidate and go on to the next field; on a
 *                   polarity or intensity button: save
 *   a polarity key  pick that polarity (outside the text fields)
 *   0…3             intensity (outside the text fields)
 *   Alt+Left/Right  add the sentence before / after to the evidence
 *   Ctrl+Enter      save
 *   Escape          cancel */

#define MAX_EXCERPT_CHARS 420

typedef struct {
  guint start;
  guint end;
} Range;

struct _GlossatorStanceEditor {
  GtkWidget           parent_instance;

  GtkLabel           *title_label;
  GlossatorTypeahead *holder;
  GlossatorTypeahead *target;
  GtkGrid            *polarity_grid;
  GtkToggleButton    *intensity_none;
  GtkToggleButton    *intensity_1;
  GtkToggleButton    *intensity_2;
  GtkToggleButton    *intensity_3;
  GtkLabel           *evidence_label;
  GtkButton          *use_selection_button;
  GtkButton          *extend_back_button;
  GtkButton          *extend_forward_button;
  GtkButton          *clear_evidence_button;
  GtkEntry           *note_entry;
  GtkCheckButton     *reported_check;
  GtkLabel           *message_label;
  GtkButton          *save_button;
  GtkButton          *cancel_button;

  GlossatorDocument  *document;
  GlossatorSchema    *schema;
  GFile              *schema_folder;

  GPtrArray          *polarity_buttons;   /* GlossatorPolarityButton */
  char               *polarity;
  char               *stance_id;          /* NULL for a new stance */
  GArray             *evidence;           /* Range */
  gboolean            evidence_changed;
  Range               anchor;             /* where "nearby" is */
  gboolean            has_anchor;
  GlossatorTypeahead *pick_field;         /* where a clicked entity goes */
  gboolean            active;
};

G_DEFINE_FINAL_TYPE (GlossatorStanceEditor, glossator_stance_editor, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  USE_SELECTION,
  EVIDENCE_CHANGED,
  PROBLEM,
  NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GlossatorText *
get_text (GlossatorStanceEditor *self)
{
  return self->document != NULL ? glossator_document_get_text (self->document) : NULL;
}

static void
show_message (GlossatorStanceEditor *self,
              const char            *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static gboolean
has_focus_within (gpointer widget)
{
  return (gtk_widget_get_state_flags (GTK_WIDGET (widget)) & GTK_STATE_FLAG_FOCUS_WITHIN) != 0;
}

/* Holder and target */

static const char *
holder_entity_id (GlossatorStanceEditor *self)
{
  return glossator_typeahead_get_choice_kind (self->holder) == GLOSSATOR_CANDIDATE_ENTITY
           ? glossator_typeahead_get_choice_value (self->holder) : NULL;
}

static GPtrArray *
search_cb (GlossatorTypeahead *typeahead,
           const char         *text,
           gpointer            user_data)
{
  GlossatorStanceEditor *self = user_data;
  gboolean for_holder = typeahead == self->holder;
  GlossatorCandidateQuery query = {
    .for_holder = for_holder,
    .text = text,
    .exclude_entity = for_holder ? NULL : holder_entity_id (self),
    .has_anchor = self->has_anchor,
    .anchor_start = self->anchor.start,
    .anchor_end = self->anchor.end,
  };

  return glossator_candidates_find (self->document, self->schema, &query);
}

static void
accept (GlossatorStanceEditor  *self,
        GlossatorTypeahead     *typeahead,
        GlossatorCandidateKind  kind,
        const char             *value)
{
  g_autofree char *name = glossator_candidates_dup_name (self->document, kind, value);

  glossator_typeahead_choose (typeahead, kind, value, name);
}

static void
chosen_cb (GlossatorStanceEditor *self,
           GlossatorTypeahead    *typeahead)
{
  if (typeahead == self->holder)
    self->pick_field = self->target;
  show_message (self, NULL);
}

static GtkWidget *
polarity_button (GlossatorStanceEditor *self,
                 const char            *name)
{
  for (guint i = 0; i < self->polarity_buttons->len; i++)
    {
      GtkWidget *button = self->polarity_buttons->pdata[i];

      if (g_strcmp0 (glossator_polarity_button_get_polarity (GLOSSATOR_POLARITY_BUTTON (button)), name) == 0)
        return button;
    }
  return NULL;
}

static void
focus_polarity (GlossatorStanceEditor *self)
{
  GtkWidget *button = polarity_button (self, self->polarity);

  if (button == NULL && self->polarity_buttons->len > 0)
    button = self->polarity_buttons->pdata[0];
  if (button != NULL)
    gtk_widget_grab_focus (button);
}

/* Enter in a field: accept, then on to the next field. */
static void
typeahead_activate (GlossatorStanceEditor *self,
                    GlossatorTypeahead    *typeahead)
{
  if (!glossator_typeahead_activate (typeahead))
    {
      gtk_widget_error_bell (GTK_WIDGET (self));
      return;
    }
  if (typeahead == self->holder)
    gtk_widget_grab_focus (GTK_WIDGET (glossator_typeahead_get_entry (self->target)));
  else
    focus_polarity (self);
}

static void
typeahead_focus_enter_cb (GlossatorStanceEditor   *self,
                          GtkEventControllerFocus *controller)
{
  GtkWidget *typeahead = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  if (!self->active)
    return;
  self->pick_field = GLOSSATOR_TYPEAHEAD (typeahead);
  glossator_typeahead_popup (self->pick_field);
}

static void
typeahead_focus_leave_cb (GlossatorStanceEditor   *self,
                          GtkEventControllerFocus *controller)
{
  GtkWidget *typeahead = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (controller));

  /* What the field shows is what will be saved. */
  if (self->active)
    glossator_typeahead_resolve (GLOSSATOR_TYPEAHEAD (typeahead));
}

/* Evidence */

static char *
dup_excerpt (GlossatorText *text,
             guint          start,
             guint          end)
{
  g_autofree char *slice = NULL;
  GString *excerpt;

  if (end - start > MAX_EXCERPT_CHARS)
    {
      g_autofree char *head = glossator_text_slice (text, start, start + MAX_EXCERPT_CHARS * 2 / 3);
      g_autofree char *tail = glossator_text_slice (text, end - MAX_EXCERPT_CHARS / 3, end);

      slice = g_strdup_printf ("%s … %s", head, tail);
    }
  else
    slice = glossator_text_slice (text, start, end);

  /* Shown on a few lines: line breaks and tabs read as spaces. */
  excerpt = g_string_new (NULL);
  for (const char *p = slice != NULL ? slice : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\r' || c == '\n' || c == '\t')
        {
          if (excerpt->len == 0 || excerpt->str[excerpt->len - 1] != ' ')
            g_string_append_c (excerpt, ' ');
        }
      else
        g_string_append_unichar (excerpt, c);
    }
  return g_string_free (excerpt, FALSE);
}

static void
update_evidence (GlossatorStanceEditor *self)
{
  GlossatorText *text = get_text (self);
  GString *shown = g_string_new (NULL);
  gboolean has_evidence = self->evidence->len > 0 && text != NULL;

  for (guint i = 0; has_evidence && i < self->evidence->len; i++)
    {
      Range *range = &g_array_index (self->evidence, Range, i);
      g_autofree char *excerpt = dup_excerpt (text, range->start, range->end);

      if (i > 0)
        g_string_append (shown, " … ");
      g_string_append (shown, excerpt);
    }
  if (has_evidence)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->evidence_label), "dim-label");
    }
  else
    {
      g_string_assign (shown, _("No evidence. Select text in the article and use the selection, or add a sentence."));
      gtk_widget_add_css_class (GTK_WIDGET (self->evidence_label), "dim-label");
    }
  gtk_label_set_text (self->evidence_label, shown->str);
  gtk_widget_set_sensitive (GTK_WIDGET (self->clear_evidence_button), has_evidence);
  g_string_free (shown, TRUE);
  g_signal_emit (self, signals[EVIDENCE_CHANGED], 0);
}

static void
set_evidence_range (GlossatorStanceEditor *self,
                    guint                  start,
                    guint                  end)
{
  g_array_set_size (self->evidence, 0);
  if (start < end)
    {
      Range range = { start, end };

      g_array_append_val (self->evidence, range);
      self->anchor = range;
      self->has_anchor = TRUE;
    }
  self->evidence_changed = TRUE;
  update_evidence (self);
}

/* Grows the evidence by the sentence before / after it. */
static void
extend_evidence (GlossatorStanceEditor *self,
                 gboolean               backward)
{
  GlossatorText *text;
  guint start, end, length, offset, s_start, s_end;

  if ((text = get_text (self)) == NULL)
    return;
  length = glossator_text_get_length (text);

  if (self->evidence->len == 0)
    {
      /* Nothing yet: start from the sentence where the stance is. */
      offset = self->has_anchor ? self->anchor.start : 0;
      glossator_text_get_sentence (text, offset, &start, &end);
      set_evidence_range (self, start, end);
      return;
    }

  start = g_array_index (self->evidence, Range, 0).start;
  end = g_array_index (self->evidence, Range, self->evidence->len - 1).end;
  if (backward)
    {
      offset = start;
      while (offset > 0 && g_unichar_isspace (glossator_text_get_char (text, offset - 1)))
        offset--;
      if (offset == 0)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return;
        }
      glossator_text_get_sentence (text, offset - 1, &s_start, &s_end);
      start = MIN (start, s_start);
    }
  else
    {
      offset = end;
      while (offset < length && g_unichar_isspace (glossator_text_get_char (text, offset)))
        offset++;
      if (offset >= length)
        {
          gtk_widget_error_bell (GTK_WIDGET (self));
          return;
        }
      glossator_text_get_sentence (text, offset, &s_start, &s_end);
      end = MAX (end, s_end);
    }
  set_evidence_range (self, start, end);
}

static void
use_selection_cb (GlossatorStanceEditor *self)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[USE_SELECTION], 0, &handled);
  if (!handled)
    {
      show_message (self, _("Select the evidence in the article first, then use the selection."));
      gtk_widget_error_bell (GTK_WIDGET (self));
    }
}

static void
extend_back_cb (GlossatorStanceEditor *self)
{
  extend_evidence (self, TRUE);
}

static void
extend_forward_cb (GlossatorStanceEditor *self)
{
  extend_evidence (self, FALSE);
}

static void
clear_evidence_cb (GlossatorStanceEditor *self)
{
  set_evidence_range (self, 0, 0);
}

/* Polarity and intensity */

static void
polarity_toggled_cb (GlossatorStanceEditor *self,
                     GtkToggleButton       *button)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  g_free (self->polarity);
  self->polarity = g_strdup (glossator_polarity_button_get_polarity (GLOSSATOR_POLARITY_BUTTON (button)));
  show_message (self, NULL);
}

static void
rebuild_polarities (GlossatorStanceEditor *self,
                    const char            *extra)
{
  guint n = self->schema != NULL ? glossator_schema_get_n_polarities (self->schema) : 0;
  GtkWidget *child, *first = NULL;
  guint column = 0, row = 0;
  g_autoptr(GPtrArray) polarities = g_ptr_array_new ();
  GlossatorLabel extra_polarity = { 0 };

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->polarity_grid))) != NULL)
    gtk_grid_remove (self->polarity_grid, child);
  g_ptr_array_set_size (self->polarity_buttons, 0);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (polarities, (gpointer) glossator_schema_get_polarity (self->schema, i));
  /* A stance whose polarity the schema does not define keeps it. */
  if (extra != NULL && (self->schema == NULL || glossator_schema_find_polarity (self->schema, extra) == NULL))
    {
      extra_polarity.name = (char *) extra;
      extra_polarity.color = (char *) (self->schema != NULL ? glossator_schema_color_for_label (self->schema, extra)
                                                             : "#9a9996");
      g_ptr_array_add (polarities, &extra_polarity);
    }

  for (guint i = 0; i < polarities->len; i++)
    {
      GtkWidget *button = glossator_polarity_button_new (polarities->pdata[i]);

      g_signal_connect_object (button, "toggled", G_CALLBACK (polarity_toggled_cb), self, G_CONNECT_SWAPPED);

      if (first == NULL)
        first = button;
      else
        gtk_toggle_button_set_group (GTK_TOGGLE_BUTTON (button), GTK_TOGGLE_BUTTON (first));
      gtk_grid_attach (self->polarity_grid, button, column, row, 1, 1);
      g_ptr_array_add (self->polarity_buttons, button);
      if (++column == 2)
        column = 0, row++;
    }
}

static void
set_polarity (GlossatorStanceEditor *self,
              const char            *polarity)
{
  GtkWidget *button = polarity_button (self, polarity);

  if (button == NULL)
    {
      /* No toggle stays active: nothing is picked. */
      for (guint i = 0; i < self->polarity_buttons->len; i++)
        gtk_toggle_button_set_active (self->polarity_buttons->pdata[i], FALSE);
      g_clear_pointer (&self->polarity, g_free);
      return;
    }
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (button), TRUE);
}

static void
set_intensity (GlossatorStanceEditor *self,
               guint                  intensity)
{
  GtkToggleButton *buttons[] = { self->intensity_none, self->intensity_1, self->intensity_2, self->intensity_3 };

  gtk_toggle_button_set_active (buttons[MIN (intensity, 3)], TRUE);
}

static guint
get_intensity (GlossatorStanceEditor *self)
{
  if (gtk_toggle_button_get_active (self->intensity_3))
    return 3;
  if (gtk_toggle_button_get_active (self->intensity_2))
    return 2;
  if (gtk_toggle_button_get_active (self->intensity_1))
    return 1;
  return 0;
}

static gboolean
is_polarity_or_intensity (GlossatorStanceEditor *self,
                          GtkWidget             *widget)
{
  if (widget == NULL)
    return FALSE;
  if (g_ptr_array_find (self->polarity_buttons, widget, NULL))
    return TRUE;
  return gtk_widget_is_ancestor (widget, GTK_WIDGET (self->polarity_grid)) ||
         gtk_widget_get_parent (widget) == gtk_widget_get_parent (GTK_WIDGET (self->intensity_none)) ||
         widget == GTK_WIDGET (self->reported_check);
}

/* Saving */

static JsonObject *
build_attributes (GlossatorStanceEditor *self,
                  JsonObject            *old)
{
  gboolean reported = gtk_check_button_get_active (self->reported_check);
  JsonObject *attributes;

  if (old == NULL && !reported)
    return NULL;

  attributes = json_object_new ();
  if (old != NULL)
    {
      g_autoptr(GList) members = json_object_get_members (old);

      for (GList *l = members; l != NULL; l = l->next)
        json_object_set_member (attributes, l->data, json_node_copy (json_object_get_member (old, l->data)));
    }
  if (reported)
    json_object_set_boolean_member (attributes, "reported_speech", TRUE);
  else if (json_object_has_member (attributes, "reported_speech"))
    json_object_remove_member (attributes, "reported_speech");
  return attributes;
}

static gboolean
stances_equal (const GlossatorStance *a,
               const GlossatorStance *b)
{
  if (a->holder_kind != b->holder_kind || g_strcmp0 (a->holder_entity, b->holder_entity) != 0 ||
      a->target_kind != b->target_kind || g_strcmp0 (a->target, b->target) != 0 ||
      g_strcmp0 (a->polarity, b->polarity) != 0 || a->intensity != b->intensity ||
      g_strcmp0 (a->note, b->note) != 0 || a->n_evidence != b->n_evidence)
    return FALSE;
  for (guint i = 0; i < a->n_evidence; i++)
    if (a->evidence[i].start != b->evidence[i].start || a->evidence[i].end != b->evidence[i].end)
      return FALSE;
  if ((a->attributes == NULL) != (b->attributes == NULL))
    return FALSE;
  return a->attributes == NULL || json_object_equal (a->attributes, b->attributes);
}

typedef struct {
  GlossatorStanceEditor *self;
  char                  *topic;
  GFile                 *folder;
  GFile                 *previous;  /* the schema's file before; nullable */
} TopicWrite;

static void
topic_write_free (TopicWrite *write)
{
  GApplication *app = g_application_get_default ();

  g_object_unref (write->self);
  g_free (write->topic);
  g_object_unref (write->folder);
  g_clear_object (&write->previous);
  g_free (write);
  if (app != NULL)
    g_application_release (app);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TopicWrite, topic_write_free)

/* "corpus/glossator-schema.json": the file as seen from where the opened
 * folder lies. */
static char *
dup_schema_name (GFile *file,
                 GFile *folder)
{
  g_autoptr(GFile) parent = g_file_get_parent (folder);
  g_autofree char *relative = parent != NULL ? g_file_get_relative_path (parent, file) : NULL;

  if (relative == NULL)
    return g_file_get_parse_name (file);
  return g_filename_display_name (relative);
}

static void
topic_written_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(TopicWrite) write = user_data;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *message = NULL;
  gboolean created = FALSE;

  file = glossator_schema_add_topic_finish (GLOSSATOR_SCHEMA (object), result, &created, &target, &error);
  if (file == NULL)
    {
      /* The file the worker tried (a link in the folder followed), else
       * the one a new schema would have been. */
      if (target == NULL)
        target = g_file_get_child (write->folder, GLOSSATOR_SCHEMA_FILE_NAME);
      name = g_file_get_parse_name (target);
      /* Translators: the topic, the schema file and the reason */
      message = g_strdup_printf (_("The stance is saved, but the topic “%s” could not be added to %s: %s"),
                                 write->topic, name, error->message);
      g_signal_emit (write->self, signals[PROBLEM], 0, message);
      return;
    }

  /* Where the topic went is always said: a file made, a schema other
   * than the one in use, or the one in use. */
  name = dup_schema_name (file, write->folder);
  if (write->previous != NULL && g_file_equal (write->previous, file))
    /* Translators: the topic and the file, e.g. corpus/glossator-schema.json */
    message = g_strdup_printf (_("Topic “%s” added to the label schema %s"), write->topic, name);
  else if (created && write->previous == NULL)
    /* Translators: the topic and the file, e.g. corpus/glossator-schema.json */
    message = g_strdup_printf (_("Topic “%s” saved in %s, a new label schema"), write->topic, name);
  else if (created)
    /* Translators: the topic and the file, e.g. corpus/glossator-schema.json */
    message = g_strdup_printf (_("Topic “%s” saved in %s, a copy of the label schema outside the opened folder"),
                               write->topic, name);
  else
    /* Translators: the topic and the file, e.g. corpus/glossator-schema.json */
    message = g_strdup_printf (_("Topic “%s” saved in %s"), write->topic, name);
  g_signal_emit (write->self, signals[NOTICE], 0, message);
}

/* A topic new to the schema joins it, and its file in the opened folder
 * (the schema's own, else a new one there): on a worker thread, as the
 * disk may be slow. */
static void
remember_topic (GlossatorStanceEditor *self,
                const char            *topic)
{
  const char * const *topics;
  GApplication *app = g_application_get_default ();
  TopicWrite *write;

  if (self->schema == NULL)
    return;
  topics = glossator_schema_get_topics (self->schema);
  if (topics != NULL && g_strv_contains (topics, topic))
    return;

  /* Topics only live in the stances when nobody said where files go. */
  if (self->schema_folder == NULL)
    {
      glossator_schema_add_topic (self->schema, topic);
      return;
    }

  write = g_new0 (TopicWrite, 1);
  write->self = g_object_ref (self);
  write->topic = g_strdup (topic);
  write->folder = g_object_ref (self->schema_folder);
  write->previous = glossator_schema_get_file (self->schema) != NULL
                      ? g_object_ref (glossator_schema_get_file (self->schema)) : NULL;
  /* The application stays until the topic is on disk, even when its last
   * window closes now. */
  if (app != NULL)
    g_application_hold (app);
  glossator_schema_add_topic_async (self->schema, topic, self->schema_folder, NULL, topic_written_cb, write);
}

static void
finish (GlossatorStanceEditor *self,
        const char            *stance_id)
{
  g_autofree char *id = g_strdup (stance_id);

  self->active = FALSE;
  glossator_typeahead_popdown (self->holder);
  glossator_typeahead_popdown (self->target);
  g_signal_emit (self, signals[FINISHED], 0, id);
}

static char *
dup_polarity_keys (GlossatorStanceEditor *self)
{
  GString *keys = g_string_new (NULL);
  guint n = self->schema != NULL ? glossator_schema_get_n_polarities (self->schema) : 0;

  for (guint i = 0; i < n; i++)
    {
      const GlossatorLabel *polarity = glossator_schema_get_polarity (self->schema, i);

      if (polarity->key == 0)
        continue;
      if (keys->len > 0)
        g_string_append (keys, ", ");
      g_string_append_unichar (keys, g_unichar_toupper (polarity->key));
    }
  return g_string_free (keys, FALSE);
}

const char *
glossator_stance_editor_save (GlossatorStanceEditor *self)
{
  g_autoptr(GlossatorStance) stance = NULL;
  g_autoptr(JsonObject) attributes = NULL;
  g_autofree char *note = NULL;
  g_autofree char *id = NULL;
  GlossatorStance *existing = NULL, *saved;
  GlossatorText *text;
  GlossatorCandidateKind holder, target;
  const char *holder_value, *target_value;

  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), NULL);

  if (!self->active || self->document == NULL)
    return NULL;
  text = get_text (self);

  glossator_typeahead_resolve (self->holder);
  glossator_typeahead_resolve (self->target);
  holder = glossator_typeahead_get_choice_kind (self->holder);
  holder_value = glossator_typeahead_get_choice_value (self->holder);
  target = glossator_typeahead_get_choice_kind (self->target);
  target_value = glossator_typeahead_get_choice_value (self->target);

  if (self->polarity == NULL)
    {
      g_autofree char *keys = dup_polarity_keys (self);
      g_autofree char *message = NULL;

      if (*keys != '\0')
        /* Translators: %s lists the polarity keys, like “F, A, N, U” */
        message = g_strdup_printf (_("Pick a polarity: press its key (%s)."), keys);
      show_message (self, message != NULL ? message : _("Pick a polarity."));
      focus_polarity (self);
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }
  if ((holder == GLOSSATOR_CANDIDATE_ENTITY && glossator_document_get_entity (self->document, holder_value) == NULL) ||
      (target == GLOSSATOR_CANDIDATE_ENTITY && glossator_document_get_entity (self->document, target_value) == NULL))
    {
      show_message (self, _("That entity was deleted meanwhile. Choose another one."));
      gtk_widget_error_bell (GTK_WIDGET (self));
      return NULL;
    }

  if (self->stance_id != NULL)
    existing = glossator_document_get_stance (self->document, self->stance_id);
  if (existing != NULL)
    {
      stance = glossator_stance_copy (existing);
      glossator_stance_set_polarity (stance, self->polarity);
    }
  else
    {
      /* A stance deleted (undone) while it was edited comes back as new. */
      id = glossator_document_new_id (self->document, "s");
      stance = glossator_stance_new (id, self->polarity);
    }

  switch (holder)
    {
    case GLOSSATOR_CANDIDATE_ENTITY:
      glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_ENTITY, holder_value);
      break;
    case GLOSSATOR_CANDIDATE_AUTHOR:
      glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_AUTHOR, NULL);
      break;
    case GLOSSATOR_CANDIDATE_NONE:
    case GLOSSATOR_CANDIDATE_UNSPECIFIED:
    case GLOSSATOR_CANDIDATE_TOPIC:
    default:
      glossator_stance_set_holder (stance, GLOSSATOR_HOLDER_UNSPECIFIED, NULL);
      break;
    }
  switch (target)
    {
    case GLOSSATOR_CANDIDATE_ENTITY:
      glossator_stance_set_target (stance, GLOSSATOR_TARGET_ENTITY, target_value);
      break;
    case GLOSSATOR_CANDIDATE_TOPIC:
      glossator_stance_set_target (stance, GLOSSATOR_TARGET_TOPIC, target_value);
      break;
    case GLOSSATOR_CANDIDATE_NONE:
    case GLOSSATOR_CANDIDATE_UNSPECIFIED:
    case GLOSSATOR_CANDIDATE_AUTHOR:
    default:
      glossator_stance_set_target (stance, GLOSSATOR_TARGET_UNSPECIFIED, NULL);
      break;
    }
  glossator_stance_set_intensity (stance, get_intensity (self));
  note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_entry))));
  glossator_stance_set_note (stance, *note != '\0' ? note : NULL);
  attributes = build_attributes (self, existing != NULL ? existing->attributes : NULL);
  glossator_stance_set_attributes (stance, attributes);
  if (existing == NULL || self->evidence_changed)
    {
      glossator_stance_clear_evidence (stance);
      for (guint i = 0; i < self->evidence->len; i++)
        {
          Range *range = &g_array_index (self->evidence, Range, i);

          glossator_span_set_quote (glossator_stance_add_evidence (stance, range->start, range->end), text);
        }
    }

  if (existing == NULL || !stances_equal (existing, stance))
    {
      glossator_document_begin_edit (self->document, existing != NULL ? _("Edit stance") : _("Add stance"));
      glossator_document_put_stance (self->document, stance);
      glossator_document_end_edit (self->document);
    }
  if (stance->target_kind == GLOSSATOR_TARGET_TOPIC)
    remember_topic (self, stance->target);

  g_free (self->stance_id);
  self->stance_id = g_strdup (stance->id);
  saved = glossator_document_get_stance (self->document, stance->id);
  finish (self, stance->id);

  return saved != NULL ? saved->id : NULL;
}

void
glossator_stance_editor_cancel (GlossatorStanceEditor *self)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));

  if (self->active)
    finish (self, NULL);
}

static void
save_cb (GlossatorStanceEditor *self)
{
  glossator_stance_editor_save (self);
}

static void
cancel_cb (GlossatorStanceEditor *self)
{
  glossator_stance_editor_cancel (self);
}

/* Keys */

static GlossatorTypeahead *
focused_typeahead (GlossatorStanceEditor *self)
{
  if (has_focus_within (self->holder))
    return self->holder;
  if (has_focus_within (self->target))
    return self->target;
  return NULL;
}

gboolean
_glossator_stance_editor_handle_key (GlossatorStanceEditor *self,
                                     guint                  keyval,
                                     GdkModifierType        state)
{
  GdkModifierType mods = state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SHIFT_MASK |
                                  GDK_SUPER_MASK | GDK_META_MASK);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  GlossatorTypeahead *typeahead = focused_typeahead (self);
  gboolean in_text = focus != NULL && (GTK_IS_EDITABLE (focus) || GTK_IS_TEXT_VIEW (focus));
  const GlossatorLabel *polarity = NULL;
  gunichar c;

  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), FALSE);

  if (!self->active)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Escape:
      if (mods != 0)
        return FALSE;
      glossator_stance_editor_cancel (self);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (mods == GDK_CONTROL_MASK)
        {
          glossator_stance_editor_save (self);
          return TRUE;
        }
      if (mods != 0)
        return FALSE;
      if (typeahead != NULL)
        {
          typeahead_activate (self, typeahead);
          return TRUE;
        }
      if (focus == NULL || focus == GTK_WIDGET (self) || is_polarity_or_intensity (self, focus) ||
          focus == GTK_WIDGET (self->note_entry) || gtk_widget_is_ancestor (focus, GTK_WIDGET (self->note_entry)))
        {
          glossator_stance_editor_save (self);
          return TRUE;
        }
      return FALSE;

    case GDK_KEY_Left:
    case GDK_KEY_Right:
    case GDK_KEY_KP_Left:
    case GDK_KEY_KP_Right:
      if (mods != GDK_ALT_MASK)
        return FALSE;
      extend_evidence (self, keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_Down:
    case GDK_KEY_KP_Up:
    case GDK_KEY_KP_Down:
      if (typeahead == NULL || mods != 0)
        return FALSE;
      glossator_typeahead_move (typeahead, keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up ? -1 : 1);
      return TRUE;

    default:
      break;
    }

  if (in_text || (mods & ~GDK_SHIFT_MASK) != 0 || self->schema == NULL)
    return FALSE;

  c = gdk_keyval_to_unicode (keyval);
  if (c == 0)
    return FALSE;
  polarity = glossator_schema_find_polarity_by_key (self->schema, c);
  if (polarity == NULL)
    polarity = glossator_schema_find_polarity_by_key (self->schema, g_unichar_tolower (c));
  if (polarity != NULL)
    {
      set_polarity (self, polarity->name);
      focus_polarity (self);
      return TRUE;
    }
  if (c >= '0' && c <= '3' && mods == 0)
    {
      set_intensity (self, c - '0');
      return TRUE;
    }
  return FALSE;
}

static gboolean
key_pressed_cb (GlossatorStanceEditor *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  return _glossator_stance_editor_handle_key (self, keyval, state);
}

/* Public API */

static void
reset (GlossatorStanceEditor *self)
{
  glossator_typeahead_clear (self->holder);
  glossator_typeahead_clear (self->target);
  g_clear_pointer (&self->stance_id, g_free);
  g_array_set_size (self->evidence, 0);
  self->evidence_changed = FALSE;
  self->has_anchor = FALSE;
  self->pick_field = NULL;
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), "");
  gtk_check_button_set_active (self->reported_check, FALSE);
  set_intensity (self, 0);
  show_message (self, NULL);
}

GtkWidget *
glossator_stance_editor_new (void)
{
  return g_object_new (GLOSSATOR_TYPE_STANCE_EDITOR, NULL);
}

void
glossator_stance_editor_set_document (GlossatorStanceEditor *self,
                                      GlossatorDocument     *document,
                                      GlossatorSchema       *schema)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));
  g_return_if_fail (document == NULL || GLOSSATOR_IS_DOCUMENT (document));
  g_return_if_fail (schema == NULL || GLOSSATOR_IS_SCHEMA (schema));

  if (self->active)
    glossator_stance_editor_cancel (self);
  g_set_object (&self->document, document);
  g_set_object (&self->schema, schema);
  reset (self);
  rebuild_polarities (self, NULL);
  g_clear_pointer (&self->polarity, g_free);
  update_evidence (self);
}

void
glossator_stance_editor_set_schema_folder (GlossatorStanceEditor *self,
                                           GFile                 *folder)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));
  g_return_if_fail (folder == NULL || G_IS_FILE (folder));

  g_set_object (&self->schema_folder, folder);
}

static void
start (GlossatorStanceEditor *self,
       const char            *polarity)
{
  self->active = TRUE;
  rebuild_polarities (self, polarity);
  g_clear_pointer (&self->polarity, g_free);
  set_polarity (self, polarity);
  update_evidence (self);
}

void
glossator_stance_editor_start_new (GlossatorStanceEditor *self,
                                   GlossatorHolderKind    holder_kind,
                                   const char            *holder_entity,
                                   const char            *target_entity,
                                   guint                  evidence_start,
                                   guint                  evidence_end)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (holder_kind != GLOSSATOR_HOLDER_ENTITY || holder_entity != NULL);

  reset (self);
  gtk_label_set_text (self->title_label, _("New Stance"));
  if (evidence_start < evidence_end)
    {
      Range range = { evidence_start, evidence_end };

      g_array_append_val (self->evidence, range);
      self->anchor = range;
      self->has_anchor = TRUE;
    }
  self->evidence_changed = TRUE;
  if (holder_kind == GLOSSATOR_HOLDER_ENTITY)
    accept (self, self->holder, GLOSSATOR_CANDIDATE_ENTITY, holder_entity);
  else if (holder_kind == GLOSSATOR_HOLDER_AUTHOR)
    accept (self, self->holder, GLOSSATOR_CANDIDATE_AUTHOR, NULL);
  if (target_entity != NULL && glossator_document_get_entity (self->document, target_entity) != NULL)
    accept (self, self->target, GLOSSATOR_CANDIDATE_ENTITY, target_entity);
  start (self, NULL);
  glossator_stance_editor_focus_pending (self);
}

void
glossator_stance_editor_focus_pending (GlossatorStanceEditor *self)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));

  if (!self->active)
    return;
  if (glossator_typeahead_get_choice_kind (self->holder) == GLOSSATOR_CANDIDATE_NONE)
    {
      self->pick_field = self->holder;
      gtk_widget_grab_focus (GTK_WIDGET (glossator_typeahead_get_entry (self->holder)));
    }
  else if (glossator_typeahead_get_choice_kind (self->target) == GLOSSATOR_CANDIDATE_NONE)
    {
      self->pick_field = self->target;
      gtk_widget_grab_focus (GTK_WIDGET (glossator_typeahead_get_entry (self->target)));
    }
  else
    focus_polarity (self);
}

gboolean
glossator_stance_editor_get_active (GlossatorStanceEditor *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), FALSE);

  return self->active;
}

gboolean
glossator_stance_editor_start_edit (GlossatorStanceEditor *self,
                                    const char            *stance_id)
{
  GlossatorStance *stance;
  JsonNode *reported;

  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), FALSE);

  if (self->document == NULL || stance_id == NULL ||
      (stance = glossator_document_get_stance (self->document, stance_id)) == NULL)
    return FALSE;
  stance = glossator_stance_ref (stance);

  reset (self);
  gtk_label_set_text (self->title_label, _("Edit Stance"));
  self->stance_id = g_strdup (stance->id);
  for (guint i = 0; i < stance->n_evidence; i++)
    {
      Range range = { stance->evidence[i].start, stance->evidence[i].end };

      g_array_append_val (self->evidence, range);
    }
  if (self->evidence->len > 0)
    {
      self->anchor.start = g_array_index (self->evidence, Range, 0).start;
      self->anchor.end = g_array_index (self->evidence, Range, self->evidence->len - 1).end;
      self->has_anchor = TRUE;
    }
  self->evidence_changed = FALSE;

  switch (stance->holder_kind)
    {
    case GLOSSATOR_HOLDER_ENTITY:
      accept (self, self->holder, GLOSSATOR_CANDIDATE_ENTITY, stance->holder_entity);
      break;
    case GLOSSATOR_HOLDER_AUTHOR:
      accept (self, self->holder, GLOSSATOR_CANDIDATE_AUTHOR, NULL);
      break;
    case GLOSSATOR_HOLDER_UNSPECIFIED:
    default:
      accept (self, self->holder, GLOSSATOR_CANDIDATE_UNSPECIFIED, NULL);
      break;
    }
  switch (stance->target_kind)
    {
    case GLOSSATOR_TARGET_ENTITY:
      accept (self, self->target, GLOSSATOR_CANDIDATE_ENTITY, stance->target);
      break;
    case GLOSSATOR_TARGET_TOPIC:
      accept (self, self->target, GLOSSATOR_CANDIDATE_TOPIC, stance->target);
      break;
    case GLOSSATOR_TARGET_UNSPECIFIED:
    default:
      accept (self, self->target, GLOSSATOR_CANDIDATE_UNSPECIFIED, NULL);
      break;
    }
  set_intensity (self, stance->intensity);
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), stance->note != NULL ? stance->note : "");
  reported = stance->attributes != NULL ? json_object_get_member (stance->attributes, "reported_speech") : NULL;
  gtk_check_button_set_active (self->reported_check,
                               reported != NULL && JSON_NODE_HOLDS_VALUE (reported) &&
                               json_node_get_value_type (reported) == G_TYPE_BOOLEAN &&
                               json_node_get_boolean (reported));
  start (self, stance->polarity);
  self->pick_field = self->target;
  gtk_widget_grab_focus (GTK_WIDGET (glossator_typeahead_get_entry (self->target)));

  glossator_stance_unref (stance);
  return TRUE;
}

const char *
glossator_stance_editor_get_stance_id (GlossatorStanceEditor *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), NULL);

  return self->stance_id;
}

void
glossator_stance_editor_set_evidence (GlossatorStanceEditor *self,
                                      guint                  start_offset,
                                      guint                  end_offset)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));
  g_return_if_fail (start_offset <= end_offset);

  set_evidence_range (self, start_offset, end_offset);
}

gboolean
glossator_stance_editor_get_evidence (GlossatorStanceEditor *self,
                                      guint                 *start_offset,
                                      guint                 *end_offset)
{
  g_return_val_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self), FALSE);

  if (self->evidence->len == 0)
    return FALSE;
  if (start_offset != NULL)
    *start_offset = g_array_index (self->evidence, Range, 0).start;
  if (end_offset != NULL)
    *end_offset = g_array_index (self->evidence, Range, self->evidence->len - 1).end;
  return TRUE;
}

void
glossator_stance_editor_pick_entity (GlossatorStanceEditor *self,
                                     const char            *entity_id)
{
  GlossatorTypeahead *typeahead;

  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));
  g_return_if_fail (entity_id != NULL);

  if (!self->active || self->document == NULL ||
      glossator_document_get_entity (self->document, entity_id) == NULL)
    return;
  typeahead = self->pick_field != NULL ? self->pick_field : self->target;
  accept (self, typeahead, GLOSSATOR_CANDIDATE_ENTITY, entity_id);
}

void
glossator_stance_editor_set_polarity (GlossatorStanceEditor *self,
                                      const char            *polarity)
{
  g_return_if_fail (GLOSSATOR_IS_STANCE_EDITOR (self));

  set_polarity (self, polarity);
}

/* Private API */

GtkWidget *
_glossator_stance_editor_get_holder_entry (GlossatorStanceEditor *self)
{
  return GTK_WIDGET (glossator_typeahead_get_entry (self->holder));
}

GtkWidget *
_glossator_stance_editor_get_target_entry (GlossatorStanceEditor *self)
{
  return GTK_WIDGET (glossator_typeahead_get_entry (self->target));
}

GStrv
_glossator_stance_editor_dup_candidates (GlossatorStanceEditor *self,
                                         gboolean               holder)
{
  return glossator_typeahead_dup_rows (holder ? self->holder : self->target);
}

const char *
_glossator_stance_editor_get_polarity (GlossatorStanceEditor *self)
{
  return self->polarity;
}

guint
_glossator_stance_editor_get_intensity (GlossatorStanceEditor *self)
{
  return get_intensity (self);
}

const char *
_glossator_stance_editor_get_message (GlossatorStanceEditor *self)
{
  return gtk_widget_get_visible (GTK_WIDGET (self->message_label)) ? gtk_label_get_text (self->message_label)
                                                                     : NULL;
}

void
_glossator_stance_editor_set_note (GlossatorStanceEditor *self,
                                   const char            *note)
{
  gtk_editable_set_text (GTK_EDITABLE (self->note_entry), note);
}

void
_glossator_stance_editor_set_reported_speech (GlossatorStanceEditor *self,
                                              gboolean               reported)
{
  gtk_check_button_set_active (self->reported_check, reported);
}

/* GObject */

static void
glossator_stance_editor_dispose (GObject *object)
{
  GlossatorStanceEditor *self = GLOSSATOR_STANCE_EDITOR (object);
  GtkWidget *child;

  self->active = FALSE;
  gtk_widget_dispose_template (GTK_WIDGET (self), GLOSSATOR_TYPE_STANCE_EDITOR);
  /* The template's unnamed children too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->document);
  g_clear_object (&self->schema);
  g_clear_object (&self->schema_folder);

  G_OBJECT_CLASS (glossator_stance_editor_parent_class)->dispose (object);
}

static void
glossator_stance_editor_finalize (GObject *object)
{
  GlossatorStanceEditor *self = GLOSSATOR_STANCE_EDITOR (object);

  g_clear_pointer (&self->polarity_buttons, g_ptr_array_unref);
  g_clear_pointer (&self->evidence, g_array_unref);
  g_free (self->polarity);
  g_free (self->stance_id);

  G_OBJECT_CLASS (glossator_stance_editor_parent_class)->finalize (object);
}

static void
glossator_stance_editor_class_init (GlossatorStanceEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = glossator_stance_editor_dispose;
  object_class->finalize = glossator_stance_editor_finalize;

  /* The stance id, or NULL when cancelled. */
  signals[FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* Handlers return TRUE when they set the evidence from a selection. */
  signals[USE_SELECTION] =
    g_signal_new ("use-selection", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, g_signal_accumulator_true_handled, NULL, NULL, G_TYPE_BOOLEAN, 0);
  signals[EVIDENCE_CHANGED] =
    g_signal_new ("evidence-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PROBLEM] =
    g_signal_new ("problem", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  /* A message for the user that needs no answer (a file written). */
  signals[NOTICE] =
    g_signal_new ("notice", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (GLOSSATOR_TYPE_TYPEAHEAD);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/glossator/Glossator/glossator-stance-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, holder);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, target);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, polarity_grid);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, intensity_none);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, intensity_1);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, intensity_2);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, intensity_3);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, evidence_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, use_selection_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, extend_back_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, extend_forward_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, clear_evidence_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, note_entry);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, reported_check);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, message_label);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, GlossatorStanceEditor, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, use_selection_cb);
  gtk_widget_class_bind_template_callback (widget_class, extend_back_cb);
  gtk_widget_class_bind_template_callback (widget_class, extend_forward_cb);
  gtk_widget_class_bind_template_callback (widget_class, clear_evidence_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, chosen_cb);

  gtk_widget_class_set_css_name (widget_class, "stanceeditor");
}

static void
connect_typeahead (GlossatorStanceEditor *self,
                   GlossatorTypeahead    *typeahead)
{
  GtkEventController *controller;

  glossator_typeahead_set_search_func (typeahead, search_cb, self, NULL);
  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "enter", G_CALLBACK (typeahead_focus_enter_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (controller, "leave", G_CALLBACK (typeahead_focus_leave_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (typeahead), controller);
}

static void
glossator_stance_editor_init (GlossatorStanceEditor *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->polarity_buttons = g_ptr_array_new ();
  self->evidence = g_array_new (FALSE, FALSE, sizeof (Range));

  connect_typeahead (self, self->holder);
  connect_typeahead (self, self->target);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self), controller);

  update_evidence (self);
}

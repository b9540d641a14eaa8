/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-difference-row"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "glossator-difference-row.h"

struct _GlossatorDifferenceRow {
  GtkListBoxRow  parent_instance;

  guint          index;
  char          *summary;
};

G_DEFINE_FINAL_TYPE (GlossatorDifferenceRow, glossator_difference_row, GTK_TYPE_LIST_BOX_ROW)

/* Versions longer than this are cut short: the row is a reminder, the
 * text is beside it. */
#define MAX_CHARS 60
/* Badge colours (style.css: .annotator-badge.annotator-N). */
#define N_BADGE_COLORS 6

const char *
glossator_difference_kind_describe (GlossatorDifferenceKind kind)
{
  switch (kind)
    {
    case GLOSSATOR_DIFFERENCE_AGREEMENT:
      return _("Agreed, not in the gold yet");
    case GLOSSATOR_DIFFERENCE_LABEL:
      return _("Label differs");
    case GLOSSATOR_DIFFERENCE_BOUNDARY:
      return _("Boundary differs");
    case GLOSSATOR_DIFFERENCE_MISSING:
      return _("Only some annotators have it");
    case GLOSSATOR_DIFFERENCE_COREFERENCE:
      return _("Coreference differs");
    case GLOSSATOR_DIFFERENCE_STANCE:
      return _("Stance differs");
    case GLOSSATOR_DIFFERENCE_CONFLICT:
      return _("Merge conflict");
    default:
      g_return_val_if_reached ("");
    }
}

char *
glossator_difference_row_initials (const char *name)
{
  g_auto(GStrv) words = g_strsplit_set (name != NULL ? name : "", " \t.-_", -1);
  GString *initials = g_string_new (NULL);
  guint n_words = 0;

  for (guint i = 0; words[i] != NULL && n_words < 2; i++)
    if (*words[i] != '\0')
      {
        gunichar c = g_unichar_toupper (g_utf8_get_char (words[i]));

        g_string_append_unichar (initials, c);
        n_words++;
      }
  /* One word: its first two letters. */
  if (n_words == 1)
    for (guint i = 0; words[i] != NULL; i++)
      if (*words[i] != '\0')
        {
          const char *second = g_utf8_next_char (words[i]);

          if (*second != '\0')
            g_string_append_unichar (initials, g_unichar_toupper (g_utf8_get_char (second)));
          break;
        }
  if (initials->len == 0)
    g_string_append (initials, "?");
  return g_string_free (initials, FALSE);
}

static char *
shorten (char *text)
{
  g_autofree char *line = NULL;

  g_strdelimit (text, "\r\n\t", ' ');
  if (g_utf8_strlen (text, -1) <= MAX_CHARS)
    return text;
  line = g_utf8_substring (text, 0, MAX_CHARS - 1);
  g_free (text);
  return g_strconcat (line, "…", NULL);
}

static char *
spans_text (GlossatorText       *text,
            const GlossatorSpan *spans,
            guint                n_spans)
{
  GString *joined = g_string_new (NULL);

  for (guint k = 0; k < n_spans; k++)
    {
      g_autofree char *slice = glossator_text_slice (text, spans[k].start, spans[k].end);

      if (k > 0)
        g_string_append (joined, " … ");
      g_string_append (joined, slice);
    }
  return shorten (g_string_free (joined, FALSE));
}

static char *
mention_text (GlossatorText          *text,
              const GlossatorMention *mention)
{
  g_autofree char *words = NULL;

  if (mention == NULL)
    return g_strdup (_("nothing"));
  words = spans_text (text, mention->fragments, mention->n_fragments);
  /* TRANSLATORS: a mention's label and text, e.g. PERSON “Maria Keller”. */
  return g_strdup_printf (_("%s “%s”"), mention->label, words);
}

static const char *
entity_name (GlossatorDocument *document,
             const char        *id)
{
  GlossatorEntity *entity = id != NULL ? glossator_document_get_entity (document, id) : NULL;

  if (entity == NULL)
    return id != NULL ? id : "?";
  return entity->name != NULL && *entity->name != '\0' ? entity->name : entity->id;
}

static char *
stance_text (GlossatorDocument     *document,
             const GlossatorStance *stance)
{
  const char *holder, *target;

  if (stance == NULL)
    return g_strdup (_("nothing"));
  holder = stance->holder_kind == GLOSSATOR_HOLDER_AUTHOR ? _("the author")
           : stance->holder_kind == GLOSSATOR_HOLDER_ENTITY ? entity_name (document, stance->holder_entity)
           : _("someone");
  target = stance->target_kind == GLOSSATOR_TARGET_ENTITY ? entity_name (document, stance->target)
           : stance->target_kind == GLOSSATOR_TARGET_TOPIC ? stance->target
           : _("something");
  /* TRANSLATORS: a stance: holder → target: polarity. */
  return shorten (g_strdup_printf (_("%s → %s: %s"), holder, target,
                                   stance->polarity != NULL ? stance->polarity : "?"));
}

static char *
chains_text (GlossatorText *text,
             GPtrArray     *groups)
{
  GString *joined = g_string_new (NULL);

  for (guint g = 0; groups != NULL && g < groups->len; g++)
    {
      GPtrArray *group = g_ptr_array_index (groups, g);

      if (g > 0)
        g_string_append (joined, "; ");
      for (guint m = 0; m < group->len; m++)
        {
          const GlossatorMention *mention = g_ptr_array_index (group, m);
          g_autofree char *words = spans_text (text, mention->fragments, mention->n_fragments);

          g_string_append_printf (joined, m > 0 ? " = “%s”" : "“%s”", words);
        }
    }
  if (joined->len == 0)
    g_string_append (joined, _("nothing"));
  return shorten (g_string_free (joined, FALSE));
}

/* One side of a merge conflict, as the sidecar records it. */
static char *
conflict_side_text (const char *kind,
                    JsonNode   *side)
{
  JsonObject *object;

  if (side == NULL || JSON_NODE_HOLDS_NULL (side))
    return g_strdup (_("deleted"));
  if (!JSON_NODE_HOLDS_OBJECT (side))
    return shorten (json_to_string (side, FALSE));
  object = json_node_get_object (side);
  if (g_strcmp0 (kind, "mention") == 0)
    {
      JsonArray *fragments = json_object_get_array_member (object, "fragments");
      GString *words = g_string_new (NULL);
      g_autofree char *joined = NULL;

      for (guint k = 0; fragments != NULL && k < json_array_get_length (fragments); k++)
        {
          JsonObject *fragment = json_array_get_object_element (fragments, k);

          if (k > 0)
            g_string_append (words, " … ");
          if (fragment != NULL)
            g_string_append (words, json_object_get_string_member_with_default (fragment, "exact", ""));
        }
      joined = g_string_free (words, FALSE);
      return shorten (g_strdup_printf (_("%s “%s”"),
                                       json_object_get_string_member_with_default (object, "label", "?"), joined));
    }
  if (g_strcmp0 (kind, "entity") == 0)
    return shorten (g_strdup_printf ("%s (%s)", json_object_get_string_member_with_default (object, "name", ""),
                                     json_object_get_string_member_with_default (object, "label", "")));
  if (g_strcmp0 (kind, "stance") == 0 && json_object_has_member (object, "polarity"))
    return shorten (g_strdup_printf (_("polarity %s"),
                                     json_object_get_string_member_with_default (object, "polarity", "?")));
  return shorten (json_to_string (side, FALSE));
}

static GtkWidget *
version_line (const char *who,
              guint       color,
              const char *version,
              const char *key)
{
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *initials = glossator_difference_row_initials (who);
  g_autofree char *color_class = g_strdup_printf ("annotator-%u", color % N_BADGE_COLORS);
  GtkWidget *badge = gtk_label_new (initials);
  GtkWidget *name = gtk_label_new (who);
  GtkWidget *text = gtk_label_new (version);
  GtkWidget *hint = gtk_label_new (key);

  gtk_widget_add_css_class (badge, "annotator-badge");
  gtk_widget_add_css_class (badge, color_class);
  gtk_widget_set_valign (badge, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (badge, who);
  gtk_widget_add_css_class (name, "heading");
  gtk_widget_set_valign (name, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (text, TRUE);
  gtk_widget_add_css_class (hint, "dim-label");
  gtk_widget_add_css_class (hint, "caption");
  gtk_widget_set_valign (hint, GTK_ALIGN_START);
  gtk_box_append (GTK_BOX (line), badge);
  gtk_box_append (GTK_BOX (line), name);
  gtk_box_append (GTK_BOX (line), text);
  gtk_box_append (GTK_BOX (line), hint);
  return line;
}

static char *
version_text (GlossatorComparison       *comparison,
              const GlossatorDifference *d,
              guint                      a,
              GlossatorDocument         *gold,
              GlossatorDocument * const *documents)
{
  GlossatorText *text = glossator_document_get_text (gold);

  switch (d->kind)
    {
    case GLOSSATOR_DIFFERENCE_COREFERENCE:
      return chains_text (text, d->chains[a]);
    case GLOSSATOR_DIFFERENCE_STANCE:
      return stance_text (documents[a], d->stances[a]);
    case GLOSSATOR_DIFFERENCE_CONFLICT:
      return NULL;
    default:
      return mention_text (text, d->mentions[a]);
    }
}

/* A version's label, short, for the badge in the text. */
static const char *
version_label (const GlossatorDifference *d,
               guint                      a)
{
  switch (d->kind)
    {
    case GLOSSATOR_DIFFERENCE_STANCE:
      return d->stances[a] != NULL && d->stances[a]->polarity != NULL ? d->stances[a]->polarity : "—";
    case GLOSSATOR_DIFFERENCE_COREFERENCE:
    case GLOSSATOR_DIFFERENCE_CONFLICT:
      return NULL;
    default:
      return d->mentions[a] != NULL ? d->mentions[a]->label : "—";
    }
}

GtkWidget *
glossator_difference_row_new_badges (GlossatorComparison *comparison,
                                     guint                index)
{
  const GlossatorDifference *d;
  GtkWidget *box;

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (index < glossator_comparison_get_n_items (comparison), NULL);

  d = glossator_comparison_get_item (comparison, index);
  if (d->n_annotators == 0)
    return NULL;
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_add_css_class (box, "difference-badges");
  for (guint a = 0; a < d->n_annotators; a++)
    {
      const char *who = glossator_comparison_get_annotator (comparison, a);
      g_autofree char *initials = glossator_difference_row_initials (who);
      g_autofree char *color_class = g_strdup_printf ("annotator-%u", a % N_BADGE_COLORS);
      GtkWidget *pair = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 2);
      GtkWidget *badge = gtk_label_new (initials);
      const char *label = version_label (d, a);

      gtk_widget_add_css_class (badge, "annotator-badge");
      gtk_widget_add_css_class (badge, color_class);
      gtk_box_append (GTK_BOX (pair), badge);
      if (label != NULL)
        {
          GtkWidget *text = gtk_label_new (label);

          gtk_widget_add_css_class (text, "difference-badge-label");
          gtk_box_append (GTK_BOX (pair), text);
        }
      gtk_box_append (GTK_BOX (box), pair);
    }
  return box;
}

GtkWidget *
glossator_difference_row_new (GlossatorComparison       *comparison,
                              guint                      index,
                              GlossatorDocument         *gold,
                              GlossatorDocument * const *documents)
{
  GlossatorDifferenceRow *self;
  const GlossatorDifference *d;
  GtkWidget *box, *header, *title, *state;
  g_autoptr(GString) summary = g_string_new (NULL);

  g_return_val_if_fail (comparison != NULL, NULL);
  g_return_val_if_fail (index < glossator_comparison_get_n_items (comparison), NULL);
  g_return_val_if_fail (GLOSSATOR_IS_DOCUMENT (gold), NULL);

  d = glossator_comparison_get_item (comparison, index);
  self = g_object_new (GLOSSATOR_TYPE_DIFFERENCE_ROW, NULL);
  self->index = index;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  gtk_widget_set_margin_start (box, 8);
  gtk_widget_set_margin_end (box, 8);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  title = gtk_label_new (glossator_difference_kind_describe (d->kind));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "caption-heading");
  gtk_box_append (GTK_BOX (header), title);
  state = gtk_image_new_from_icon_name (d->settled ? "object-select-symbolic" : "media-record-symbolic");
  gtk_widget_add_css_class (state, d->settled ? "success" : "warning");
  gtk_widget_set_tooltip_text (state, d->settled ? _("Settled") : _("To settle"));
  gtk_box_append (GTK_BOX (header), state);
  gtk_box_append (GTK_BOX (box), header);
  g_string_append_printf (summary, "%s%s", glossator_difference_kind_describe (d->kind),
                          d->settled ? _(" (settled)") : "");

  if (d->kind == GLOSSATOR_DIFFERENCE_CONFLICT)
    {
      const char *kind = json_object_get_string_member_with_default (d->conflict, "kind", "");
      const char *sides[] = { "ours", "theirs" };
      const char *names[] = { _("ours"), _("theirs") };

      for (guint k = 0; k < 2; k++)
        {
          g_autofree char *version = conflict_side_text (kind, json_object_get_member (d->conflict, sides[k]));
          g_autofree char *key = g_strdup_printf ("Alt+%u", k + 1);

          gtk_box_append (GTK_BOX (box), version_line (names[k], k, version, key));
          g_string_append_printf (summary, "\n%s: %s", sides[k], version);
        }
    }
  else
    for (guint a = 0; a < d->n_annotators; a++)
      {
        const char *who = glossator_comparison_get_annotator (comparison, a);
        g_autofree char *version = version_text (comparison, d, a, gold, documents);
        g_autofree char *key = a < 9 ? g_strdup_printf ("Alt+%u", a + 1) : g_strdup ("");

        gtk_box_append (GTK_BOX (box), version_line (who, a, version, key));
        g_string_append_printf (summary, "\n%s: %s", who, version);
      }

  if (d->settled)
    gtk_widget_add_css_class (GTK_WIDGET (self), "settled");
  self->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (self), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, self->summary, -1);
  return GTK_WIDGET (self);
}

guint
glossator_difference_row_get_index (GlossatorDifferenceRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DIFFERENCE_ROW (self), 0);

  return self->index;
}

const char *
glossator_difference_row_get_summary (GlossatorDifferenceRow *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_DIFFERENCE_ROW (self), NULL);

  return self->summary;
}

static void
glossator_difference_row_finalize (GObject *object)
{
  GlossatorDifferenceRow *self = GLOSSATOR_DIFFERENCE_ROW (object);

  g_free (self->summary);

  G_OBJECT_CLASS (glossator_difference_row_parent_class)->finalize (object);
}

static void
glossator_difference_row_class_init (GlossatorDifferenceRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = glossator_difference_row_finalize;
}

static void
glossator_difference_row_init (GlossatorDifferenceRow *self)
{
}

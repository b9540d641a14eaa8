/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-schema"

#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "glossator-atomic-file.h"
#include "glossator-files-private.h"
#include "glossator-json-guard.h"
#include "glossator-json-read-private.h"
#include "glossator-schema.h"

#define SCHEMA_FORMAT  "glossator-schema"
#define SCHEMA_VERSION 1

/* A label or a polarity. The public part comes first so that the
 * GlossatorLabel pointers handed out are the Choice itself. */
typedef struct {
  GlossatorLabel  label;
  gboolean        color_given;  /* else derived from the name, and not saved */
  JsonObject     *extra;        /* members Glossator does not know; nullable */
} Choice;

struct _GlossatorSchema
{
  GObject     parent_instance;

  GFile      *file;
  GPtrArray  *labels;      /* Choice* */
  GPtrArray  *polarities;  /* Choice* */
  GPtrArray  *topics;      /* char*, NULL-terminated */
  JsonObject *extra;       /* unknown top-level members, kept on save */

  /* A file may leave out labels or polarities and get the defaults; saving
   * it must not write them in. */
  guint       has_labels : 1;
  guint       has_polarities : 1;
  guint       has_topics : 1;

  GHashTable *derived_colors;  /* label name → "#rrggbb" */
};

G_DEFINE_FINAL_TYPE (GlossatorSchema, glossator_schema, G_TYPE_OBJECT)
G_DEFINE_QUARK (glossator-schema-error-quark, glossator_schema_error)

typedef struct {
  const char *name;
  const char *color;
  char        key;
  const char *description;
} DefaultChoice;

/* Mid tones of the GNOME palette: light enough under dark text, dark
 * enough under light text, once the view blends them as a highlight. */
static const DefaultChoice default_labels[] = {
  { "PERSON", "#3584e4", 'p', "People, real or fictional" },
  { "ORG",    "#ff7800", 'o', "Companies, agencies, institutions and other organisations" },
  { "GPE",    "#33d17a", 'g', "Countries, cities and states: places with a government" },
  { "LOC",    "#f6d32d", 'l', "Places without a government: mountains, rivers, seas, regions" },
  { "NORP",   "#9141ac", 'n', "Nationalities, religious and political groups" },
  { "EVENT",  "#e01b24", 'e', "Named events: wars, elections, summits, storms, strikes" },
  { "MISC",   "#77767b", 'm', "Other names: laws, treaties, products, works" },
};

static const DefaultChoice default_polarities[] = {
  { "favor",   "#2ec27e", 'f', "The holder supports the target" },
  { "against", "#e01b24", 'a', "The holder opposes or criticises the target" },
  { "neutral", "#9a9996", 'n', "The holder addresses the target without taking a side" },
  { "unclear", "#c061cb", 'u', "The holder addresses the target but the polarity cannot be decided" },
};

static void
choice_free (gpointer data)
{
  Choice *choice = data;

  g_free (choice->label.name);
  g_free (choice->label.color);
  g_free (choice->label.description);
  g_clear_pointer (&choice->extra, json_object_unref);
  g_free (choice);
}

static GPtrArray *
choices_new_default (const DefaultChoice *defaults,
                     gsize                n_defaults)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func (choice_free);

  for (gsize i = 0; i < n_defaults; i++)
    {
      Choice *choice = g_new0 (Choice, 1);

      choice->label.name = g_strdup (defaults[i].name);
      choice->label.color = g_strdup (defaults[i].color);
      choice->color_given = TRUE;
      choice->label.key = (gunichar) defaults[i].key;
      choice->label.description = g_strdup (defaults[i].description);
      g_ptr_array_add (choices, choice);
    }

  return choices;
}

static GPtrArray *
topics_new (void)
{
  GPtrArray *topics = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (topics, NULL);
  return topics;
}

static void
glossator_schema_finalize (GObject *object)
{
  GlossatorSchema *self = GLOSSATOR_SCHEMA (object);

  g_clear_object (&self->file);
  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->polarities, g_ptr_array_unref);
  g_clear_pointer (&self->topics, g_ptr_array_unref);
  g_clear_pointer (&self->extra, json_object_unref);
  g_clear_pointer (&self->derived_colors, g_hash_table_unref);

  G_OBJECT_CLASS (glossator_schema_parent_class)->finalize (object);
}

static void
glossator_schema_class_init (GlossatorSchemaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = glossator_schema_finalize;
}

static void
glossator_schema_init (GlossatorSchema *self)
{
  self->labels = choices_new_default (default_labels, G_N_ELEMENTS (default_labels));
  self->polarities = choices_new_default (default_polarities, G_N_ELEMENTS (default_polarities));
  self->topics = topics_new ();
  self->derived_colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/**
 * glossator_schema_new_default:
 *
 * Returns: (transfer full): the built-in schema: labels PERSON, ORG, GPE,
 *   LOC, NORP, EVENT and MISC; polarities favor, against, neutral and
 *   unclear; no topics.
 */
GlossatorSchema *
glossator_schema_new_default (void)
{
  GlossatorSchema *self = g_object_new (GLOSSATOR_TYPE_SCHEMA, NULL);

  self->has_labels = TRUE;
  self->has_polarities = TRUE;
  self->has_topics = TRUE;
  return self;
}

/* FNV-1a: unlike g_str_hash it is a documented, fixed function, so a label
 * keeps its colour across GLib versions. */
static guint32
fnv1a (const char *str)
{
  guint32 hash = 2166136261u;

  for (const guchar *p = (const guchar *) str; *p != '\0'; p++)
    {
      hash ^= *p;
      hash *= 16777619u;
    }
  return hash;
}

static double
hue_to_channel (double p,
                double q,
                double t)
{
  if (t < 0)
    t += 1;
  if (t > 1)
    t -= 1;
  if (t < 1.0 / 6)
    return p + (q - p) * 6 * t;
  if (t < 1.0 / 2)
    return q;
  if (t < 2.0 / 3)
    return p + (q - p) * (2.0 / 3 - t) * 6;
  return p;
}

static char *
derive_color (const char *name)
{
  /* Saturation and lightness of the palette's mid tones. */
  const double saturation = 0.65;
  const double lightness = 0.55;
  double hue = (fnv1a (name) % 360) / 360.0;
  double q = lightness + saturation - lightness * saturation;
  double p = 2 * lightness - q;
  guint r = (guint) (hue_to_channel (p, q, hue + 1.0 / 3) * 255 + 0.5);
  guint g = (guint) (hue_to_channel (p, q, hue) * 255 + 0.5);
  guint b = (guint) (hue_to_channel (p, q, hue - 1.0 / 3) * 255 + 0.5);

  return g_strdup_printf ("#%02x%02x%02x", r, g, b);
}

/* Validation */

typedef struct {
  const char *display_name;
  GError    **error;
} Checker;

static gboolean G_GNUC_PRINTF (3, 4)
fail (Checker    *checker,
      const char *path,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  if (path != NULL)
    g_set_error (checker->error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID,
                 "%s: %s: %s", checker->display_name, path, message);
  else
    g_set_error (checker->error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_INVALID,
                 "%s: %s", checker->display_name, message);
  return FALSE;
}

static gboolean
is_identifier (const char *name)
{
  if (!g_ascii_isalpha (*name) && *name != '_')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static char *
member_path (const char *parent,
             const char *member)
{
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *quoted = NULL;

  if (is_identifier (member))
    return g_strdup_printf ("%s.%s", parent, member);

  node = json_node_init_string (json_node_alloc (), member);
  quoted = json_to_string (node, FALSE);
  return g_strdup_printf ("%s[%s]", parent, quoted);
}

/* json-glib turns an escaped lone surrogate ("\ud800") into bytes that are
 * not UTF-8 without complaint, so every string and member name is checked
 * before anything else looks at it. */
static gboolean
check_utf8 (Checker    *checker,
            JsonNode   *node,
            const char *path)
{
  switch (json_node_get_node_type (node))
    {
    case JSON_NODE_OBJECT:
      {
        JsonObjectIter iter;
        const char *name;
        JsonNode *member;

        json_object_iter_init_ordered (&iter, json_node_get_object (node));
        while (json_object_iter_next_ordered (&iter, &name, &member))
          {
            g_autofree char *child = NULL;
            const char *end;

            if (!g_utf8_validate (name, -1, &end))
              return fail (checker, path,
                           _("invalid UTF-8 in a member name at byte %u (a lone surrogate escape?)"),
                           (guint) (end - name));
            child = member_path (path, name);
            if (!check_utf8 (checker, member, child))
              return FALSE;
          }
      }
      break;

    case JSON_NODE_ARRAY:
      {
        JsonArray *array = json_node_get_array (node);
        guint n = json_array_get_length (array);

        for (guint i = 0; i < n; i++)
          {
            g_autofree char *child = g_strdup_printf ("%s[%u]", path, i);

            if (!check_utf8 (checker, json_array_get_element (array, i), child))
              return FALSE;
          }
      }
      break;

    case JSON_NODE_VALUE:
      if (json_node_get_value_type (node) == G_TYPE_STRING)
        {
          const char *str = json_node_get_string (node);
          const char *end;

          if (!g_utf8_validate (str, -1, &end))
            return fail (checker, path,
                         _("invalid UTF-8 in string at byte %u (a lone surrogate escape?)"),
                         (guint) (end - str));
        }
      break;

    case JSON_NODE_NULL:
    default:
      break;
    }

  return TRUE;
}

static gboolean
is_color (const char *str)
{
  if (str[0] != '#' || strlen (str) != 7)
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (str[i]))
      return FALSE;
  return TRUE;
}

/* Members not listed in @known, in their original order, or NULL. */
static JsonObject *
collect_extra (JsonObject        *object,
               const char * const *known)
{
  JsonObject *extra = NULL;
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;

  json_object_iter_init_ordered (&iter, object);
  while (json_object_iter_next_ordered (&iter, &name, &member))
    {
      if (g_strv_contains (known, name))
        continue;
      if (extra == NULL)
        extra = json_object_new ();
      json_object_set_member (extra, name, json_node_copy (member));
    }

  return extra;
}

static const char * const choice_members[] = { "name", "color", "key", "description", NULL };

static Choice *
parse_choice (Checker    *checker,
              JsonNode   *node,
              const char *path)
{
  g_autofree char *name_path = g_strdup_printf ("%s.name", path);
  g_autofree char *color_path = g_strdup_printf ("%s.color", path);
  g_autofree char *key_path = g_strdup_printf ("%s.key", path);
  g_autofree char *description_path = g_strdup_printf ("%s.description", path);
  JsonObject *object;
  JsonNode *member;
  Choice *choice;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fail (checker, path, _("expected an object, found %s"), _glossator_json_type_name (node));
      return NULL;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "name");
  if (member == NULL)
    {
      fail (checker, name_path, _("missing"));
      return NULL;
    }
  if (_glossator_json_string_of (member) == NULL || json_node_get_string (member)[0] == '\0')
    {
      fail (checker, name_path, _("expected a non-empty string"));
      return NULL;
    }

  choice = g_new0 (Choice, 1);
  choice->label.name = g_strdup (json_node_get_string (member));

  member = json_object_get_member (object, "color");
  if (member != NULL)
    {
      if (_glossator_json_string_of (member) == NULL || !is_color (json_node_get_string (member)))
        {
          fail (checker, color_path, _("expected a colour like #3584e4"));
          choice_free (choice);
          return NULL;
        }
      choice->label.color = g_strdup (json_node_get_string (member));
      choice->color_given = TRUE;
    }
  else
    {
      choice->label.color = derive_color (choice->label.name);
    }

  member = json_object_get_member (object, "key");
  if (member != NULL)
    {
      const char *key = _glossator_json_string_of (member);

      if (key == NULL || g_utf8_strlen (key, -1) != 1 ||
          g_unichar_iscntrl (g_utf8_get_char (key)) || g_unichar_isspace (g_utf8_get_char (key)))
        {
          fail (checker, key_path, _("expected a single character like “p”"));
          choice_free (choice);
          return NULL;
        }
      choice->label.key = g_utf8_get_char (key);
    }

  member = json_object_get_member (object, "description");
  if (member != NULL)
    {
      if (_glossator_json_string_of (member) == NULL)
        {
          fail (checker, description_path, _("expected a string, found %s"), _glossator_json_type_name (member));
          choice_free (choice);
          return NULL;
        }
      choice->label.description = g_strdup (json_node_get_string (member));
    }

  choice->extra = collect_extra (object, choice_members);
  return choice;
}

/* Labels and polarities share their rules; the messages say which. */
static GPtrArray *
parse_choices (Checker  *checker,
               JsonNode *node,
               gboolean  labels)
{
  const char *path = labels ? "$.labels" : "$.polarities";

  g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func (choice_free);
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      if (labels)
        fail (checker, path, _("expected an array of labels, found %s"), _glossator_json_type_name (node));
      else
        fail (checker, path, _("expected an array of polarities, found %s"), _glossator_json_type_name (node));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, i);
      Choice *choice = parse_choice (checker, json_array_get_element (array, i), item_path);

      if (choice == NULL)
        return NULL;

      for (guint j = 0; j < choices->len; j++)
        {
          const Choice *other = g_ptr_array_index (choices, j);
          g_autofree char *other_path = g_strdup_printf ("%s[%u]", path, j);

          if (g_str_equal (other->label.name, choice->label.name))
            {
              if (labels)
                fail (checker, item_path, _("duplicate label name “%s” (also %s)"),
                      choice->label.name, other_path);
              else
                fail (checker, item_path, _("duplicate polarity name “%s” (also %s)"),
                      choice->label.name, other_path);
              choice_free (choice);
              return NULL;
            }
          if (choice->label.key != 0 && other->label.key == choice->label.key)
            {
              char key[7] = { 0 };

              g_unichar_to_utf8 (choice->label.key, key);
              if (labels)
                fail (checker, item_path, _("duplicate label key “%s” (also %s)"), key, other_path);
              else
                fail (checker, item_path, _("duplicate polarity key “%s” (also %s)"), key, other_path);
              choice_free (choice);
              return NULL;
            }
        }

      g_ptr_array_add (choices, choice);
    }

  return g_steal_pointer (&choices);
}

static GPtrArray *
parse_topics (Checker  *checker,
              JsonNode *node)
{
  g_autoptr(GPtrArray) topics = topics_new ();
  JsonArray *array;
  guint n;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      fail (checker, "$.topics", _("expected an array of strings, found %s"), _glossator_json_type_name (node));
      return NULL;
    }

  array = json_node_get_array (node);
  n = json_array_get_length (array);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      g_autofree char *item_path = g_strdup_printf ("$.topics[%u]", i);
      const char *topic;

      if (_glossator_json_string_of (element) == NULL || json_node_get_string (element)[0] == '\0')
        {
          fail (checker, item_path, _("expected a non-empty string"));
          return NULL;
        }
      topic = json_node_get_string (element);

      for (guint j = 0; j + 1 < topics->len; j++)
        if (g_str_equal (g_ptr_array_index (topics, j), topic))
          {
            fail (checker, item_path, _("duplicate topic “%s” (also $.topics[%u])"), topic, j);
            return NULL;
          }

      g_ptr_array_insert (topics, topics->len - 1, g_strdup (topic));
    }

  return g_steal_pointer (&topics);
}

static const char * const top_members[] = {
  "format", "version", "labels", "polarities", "topics", NULL
};

static gboolean
parse_schema (GlossatorSchema *self,
              Checker         *checker,
              JsonNode        *root)
{
  JsonObject *object;
  JsonNode *member;

  if (root == NULL)
    return fail (checker, NULL, _("the file is empty"));
  if (!JSON_NODE_HOLDS_OBJECT (root))
    return fail (checker, "$", _("expected an object at the top, found %s"), _glossator_json_type_name (root));
  if (!check_utf8 (checker, root, "$"))
    return FALSE;

  object = json_node_get_object (root);

  member = json_object_get_member (object, "format");
  if (member == NULL)
    return fail (checker, "$.format", _("missing (expected “%s”)"), SCHEMA_FORMAT);
  if (_glossator_json_string_of (member) == NULL)
    return fail (checker, "$.format", _("expected “%s”, found %s"), SCHEMA_FORMAT,
                 _glossator_json_type_name (member));
  if (!g_str_equal (json_node_get_string (member), SCHEMA_FORMAT))
    return fail (checker, "$.format", _("“%s” is not a Glossator label schema (expected “%s”)"),
                 json_node_get_string (member), SCHEMA_FORMAT);

  member = json_object_get_member (object, "version");
  if (member == NULL)
    return fail (checker, "$.version", _("missing (expected %d)"), SCHEMA_VERSION);
  if (!JSON_NODE_HOLDS_VALUE (member) || json_node_get_value_type (member) != G_TYPE_INT64)
    return fail (checker, "$.version", _("expected a whole number, found %s"), _glossator_json_type_name (member));
  if (json_node_get_int (member) > SCHEMA_VERSION)
    return fail (checker, "$.version",
                 _("format version %" PRId64 " is newer than this Glossator, which reads version %d"),
                 json_node_get_int (member), SCHEMA_VERSION);
  if (json_node_get_int (member) != SCHEMA_VERSION)
    return fail (checker, "$.version", _("format version %" PRId64 " is not version %d, the one this Glossator reads"),
                 json_node_get_int (member), SCHEMA_VERSION);

  member = json_object_get_member (object, "labels");
  if (member != NULL)
    {
      GPtrArray *labels = parse_choices (checker, member, TRUE);

      if (labels == NULL)
        return FALSE;
      g_ptr_array_unref (self->labels);
      self->labels = labels;
      self->has_labels = TRUE;
    }

  member = json_object_get_member (object, "polarities");
  if (member != NULL)
    {
      GPtrArray *polarities = parse_choices (checker, member, FALSE);

      if (polarities == NULL)
        return FALSE;
      g_ptr_array_unref (self->polarities);
      self->polarities = polarities;
      self->has_polarities = TRUE;
    }

  member = json_object_get_member (object, "topics");
  if (member != NULL)
    {
      GPtrArray *topics = parse_topics (checker, member);

      if (topics == NULL)
        return FALSE;
      g_ptr_array_unref (self->topics);
      self->topics = topics;
      self->has_topics = TRUE;
    }

  self->extra = collect_extra (object, top_members);
  return TRUE;
}

static GlossatorSchema *
schema_new_from_data (GFile       *file,
                      const char  *data,
                      gsize        n_bytes,
                      GError     **error)
{
  g_autoptr(GlossatorSchema) self = g_object_new (GLOSSATOR_TYPE_SCHEMA, NULL);
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = g_file_get_parse_name (file);
  Checker checker = { display_name, error };
  g_autofree char *path = NULL;

  /* Never json-glib's message: it quotes the data, which need not be a
   * schema at all (a symbolic link to /etc/shadow). An empty file is
   * parse_schema()'s to name. */
  if (!glossator_json_guard (data, n_bytes, &path, &local_error) &&
      !g_error_matches (local_error, GLOSSATOR_JSON_ERROR, GLOSSATOR_JSON_ERROR_EMPTY))
    {
      fail (&checker, path, "%s", local_error->message);
      return NULL;
    }
  if (!json_parser_load_from_data (parser, data, n_bytes, NULL))
    {
      fail (&checker, "$", _("not JSON that json-glib reads"));
      return NULL;
    }

  if (!parse_schema (self, &checker, json_parser_get_root (parser)))
    return NULL;

  self->file = g_object_ref (file);
  return g_steal_pointer (&self);
}

/**
 * glossator_schema_load:
 * @file: a glossator-schema.json file
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Reads and strictly validates a schema file. Labels or polarities the file
 * leaves out are the built-in ones. Validation errors are
 * %GLOSSATOR_SCHEMA_ERROR_INVALID and read "PATH: $.labels[2].color: …";
 * I/O errors are passed on as they are.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set.
 */
GlossatorSchema *
glossator_schema_load (GFile         *file,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *contents = NULL;
  gsize n_bytes = 0;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!g_file_load_contents (file, cancellable, &contents, &n_bytes, NULL, error))
    return NULL;

  return schema_new_from_data (file, contents, n_bytes, error);
}

/**
 * glossator_schema_new_from_bytes:
 * @file: the file the contents are (or will be) in, for errors
 * @contents: a schema file's contents
 * @error: return location for a #GError
 *
 * Validates @contents as glossator_schema_load() validates a file.
 *
 * Returns: (transfer full): the schema, or %NULL with @error set.
 */
GlossatorSchema *
glossator_schema_new_from_bytes (GFile   *file,
                                 GBytes  *contents,
                                 GError **error)
{
  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (contents != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return schema_new_from_data (file, g_bytes_get_data (contents, NULL), g_bytes_get_size (contents), error);
}

/* Lookup
 *
 * A schema changes how every article of a corpus is read and is where new
 * topics are written, so it is only taken from where the user pointed
 * Glossator: the folder they opened, or the git work tree that folder lies
 * in (a team keeps its schema at the top of its repository). A parent
 * folder above that belongs to somebody else's arrangement. */

static gboolean
is_at_or_below (GFile *file,
                GFile *folder)
{
  return g_file_equal (file, folder) || g_file_has_prefix (file, folder);
}

/* The topmost folder a schema for an article in @folder may come from:
 * @boundary, or the root of the git work tree it lies in. A @folder that is
 * not under it is searched alone. */
static GFile *
search_limit (GFile *folder,
              GFile *boundary)
{
  g_autoptr(GFile) limit = _glossator_find_work_tree_root (boundary);

  if (limit == NULL)
    g_set_object (&limit, boundary);
  if (!is_at_or_below (folder, limit))
    g_set_object (&limit, folder);
  return g_steal_pointer (&limit);
}

/* The file @file resolves to, all symbolic links followed, or NULL when it
 * does not resolve (a dangling link, a file that is not local). */
static GFile *
resolve (GFile *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autofree char *resolved = NULL;

  if (path == NULL)
    return NULL;
  resolved = realpath (path, NULL);
  if (resolved == NULL)
    return NULL;
  return g_file_new_for_path (resolved);
}

/* Whether @file is a symbolic link leading somewhere not under @folder
 * (both compared once resolved, so a folder reached through a link of its
 * own still contains its files). A link that cannot be resolved leads
 * nowhere safe either. */
static gboolean
link_leads_outside (GFile *file,
                    GFile *folder)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFile) target = NULL;
  g_autoptr(GFile) real_folder = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info == NULL || !g_file_info_get_is_symlink (info))
    return FALSE;

  target = resolve (file);
  real_folder = resolve (folder);
  return target == NULL || real_folder == NULL || !g_file_has_prefix (target, real_folder);
}

/* Whether Glossator may write @file for a user who opened @folder: it lies
 * in @folder (or below), and is no link out of it. */
static gboolean
is_within (GFile *file,
           GFile *folder)
{
  return g_file_has_prefix (file, folder) && !link_leads_outside (file, folder);
}

/**
 * glossator_schema_find_file:
 * @folder: the folder of an article
 * @boundary: the folder the user opened (a corpus folder, or @folder when
 *   the article was opened on its own)
 *
 * Looks for glossator-schema.json in @folder, then in each parent up to
 * @boundary or, when @boundary lies in a git work tree, up to that work
 * tree's root; never above. The file found may be a symbolic link that
 * glossator_schema_load_for_folder() refuses to follow.
 *
 * Returns: (transfer full) (nullable): the nearest glossator-schema.json.
 */
GFile *
glossator_schema_find_file (GFile *folder,
                            GFile *boundary)
{
  g_autoptr(GFile) limit = NULL;
  g_autoptr(GFile) dir = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (boundary), NULL);

  limit = search_limit (folder, boundary);
  dir = g_object_ref (folder);
  while (dir != NULL)
    {
      g_autoptr(GFile) candidate = g_file_get_child (dir, GLOSSATOR_SCHEMA_FILE_NAME);
      GFile *parent;

      GFileType type = g_file_query_file_type (candidate, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);

      /* A file of that name is the schema, even a pipe or a broken link:
       * reported when read, not silently passed over. A folder is not. */
      if (type != G_FILE_TYPE_UNKNOWN && type != G_FILE_TYPE_DIRECTORY)
        return g_steal_pointer (&candidate);

      if (g_file_equal (dir, limit))
        break;
      parent = g_file_get_parent (dir);
      g_set_object (&dir, parent);
      g_clear_object (&parent);
    }

  return NULL;
}

/**
 * glossator_schema_load_for_folder:
 * @folder: the folder of an article
 * @boundary: the folder the user opened; see glossator_schema_find_file()
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Loads the schema glossator_schema_find_file() finds. A symbolic link
 * leading out of the folders searched is not followed: that fails with
 * %GLOSSATOR_SCHEMA_ERROR_OUTSIDE, so that the labels the corpus means to
 * use are not silently replaced by the default ones.
 *
 * Returns: (transfer full): the schema governing @folder, the built-in
 *   default when there is no schema file, or %NULL when the schema file
 *   cannot be read, is invalid or is refused.
 */
GlossatorSchema *
glossator_schema_load_for_folder (GFile         *folder,
                                  GFile         *boundary,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) limit = NULL;

  g_return_val_if_fail (G_IS_FILE (folder), NULL);
  g_return_val_if_fail (G_IS_FILE (boundary), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  file = glossator_schema_find_file (folder, boundary);
  if (file == NULL)
    return glossator_schema_new_default ();

  limit = search_limit (folder, boundary);
  if (link_leads_outside (file, limit))
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *limit_name = g_file_get_parse_name (limit);

      g_set_error (error, GLOSSATOR_SCHEMA_ERROR, GLOSSATOR_SCHEMA_ERROR_OUTSIDE,
                   _("%s: a symbolic link to a file outside %s; Glossator does not follow it, "
                     "replace the link with a copy of the file"),
                   name, limit_name);
      return NULL;
    }

  if (!_glossator_check_readable_file (file, cancellable, error))
    {
      g_prefix_error (error, "%s: ", g_file_peek_path (file) != NULL ? g_file_peek_path (file) : "");
      return NULL;
    }

  return glossator_schema_load (file, cancellable, error);
}

/* Saving */

static JsonNode *
choice_to_node (const Choice *choice)
{
  g_autoptr(JsonBuilder) builder = json_builder_new_immutable ();
  JsonNode *node;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "name");
  json_builder_add_string_value (builder, choice->label.name);
  if (choice->color_given)
    {
      json_builder_set_member_name (builder, "color");
      json_builder_add_string_value (builder, choice->label.color);
    }
  if (choice->label.key != 0)
    {
      char key[7] = { 0 };

      g_unichar_to_utf8 (choice->label.key, key);
      json_builder_set_member_name (builder, "key");
      json_builder_add_string_value (builder, key);
    }
  if (choice->label.description != NULL)
    {
      json_builder_set_member_name (builder, "description");
      json_builder_add_string_value (builder, choice->label.description);
    }
  json_builder_end_object (builder);

  node = json_builder_get_root (builder);
  if (choice->extra != NULL)
    {
      JsonObject *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, choice->extra);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }

  return node;
}

static JsonNode *
choices_to_node (GPtrArray *choices)
{
  JsonArray *array = json_array_sized_new (choices->len);
  JsonNode *node;

  for (guint i = 0; i < choices->len; i++)
    json_array_add_element (array, choice_to_node (g_ptr_array_index (choices, i)));

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_take_array (node, array);
  return node;
}

static GBytes *
schema_serialize (GlossatorSchema *self)
{
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  JsonObject *object = json_object_new ();
  GString *out;

  json_node_take_object (root, object);
  json_object_set_string_member (object, "format", SCHEMA_FORMAT);
  json_object_set_int_member (object, "version", SCHEMA_VERSION);
  if (self->has_labels)
    json_object_set_member (object, "labels", choices_to_node (self->labels));
  if (self->has_polarities)
    json_object_set_member (object, "polarities", choices_to_node (self->polarities));
  if (self->has_topics)
    {
      JsonArray *topics = json_array_sized_new (self->topics->len);

      for (guint i = 0; i + 1 < self->topics->len; i++)
        json_array_add_string_element (topics, g_ptr_array_index (self->topics, i));
      json_object_set_array_member (object, "topics", topics);
    }
  if (self->extra != NULL)
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init_ordered (&iter, self->extra);
      while (json_object_iter_next_ordered (&iter, &name, &member))
        json_object_set_member (object, name, json_node_copy (member));
    }

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json_generator_set_indent_char (generator, ' ');
  json_generator_set_root (generator, root);

  out = g_string_new (NULL);
  json_generator_to_gstring (generator, out);
  g_string_append_c (out, '\n');
  return g_string_free_to_bytes (out);
}

/* Replaces @file atomically (and durably, for local files). A symbolic
 * link at @file is replaced, never written through. */
static gboolean
write_bytes (GFile         *file,
             GBytes        *bytes,
             GCancellable  *cancellable,
             GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  return _glossator_atomic_file_replace (file, bytes, FALSE, cancellable, error);
}

/**
 * glossator_schema_save:
 * @self: a #GlossatorSchema
 * @file: where to write it
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Writes the schema as deterministic 2-space indented JSON, replacing
 * @file atomically (and durably, for local files). Members the schema was
 * loaded with but does not know are written back after the known ones.
 * Afterwards @file is the schema's file.
 *
 * Returns: %TRUE on success
 */
gboolean
glossator_schema_save (GlossatorSchema  *self,
                       GFile            *file,
                       GCancellable     *cancellable,
                       GError          **error)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  bytes = schema_serialize (self);
  if (!write_bytes (file, bytes, cancellable, error))
    return FALSE;

  g_set_object (&self->file, file);
  return TRUE;
}

/* Adding a topic */

typedef struct {
  char     *topic;
  GFile    *folder;    /* the folder the user opened */
  GFile    *current;   /* the schema's file when the topic was added; nullable */
  GBytes   *snapshot;  /* the schema with the topic, for a file made anew */
  GFile    *target;    /* the file chosen to write, set by the worker */
  gboolean  created;
} AddTopic;

static void
add_topic_free (AddTopic *data)
{
  g_free (data->topic);
  g_object_unref (data->folder);
  g_clear_object (&data->current);
  g_bytes_unref (data->snapshot);
  g_clear_object (&data->target);
  g_free (data);
}

/* Where to write @file for a user who opened @folder: the file a symbolic
 * link there leads to when that lies in @folder too, else @file itself (a
 * link leading out is replaced, not written through). */
static GFile *
resolve_within (GFile *file,
                GFile *folder)
{
  g_autoptr(GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_IS_SYMLINK,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info != NULL && g_file_info_get_is_symlink (info) && !link_leads_outside (file, folder))
    {
      GFile *target = resolve (file);

      if (target != NULL)
        return target;
    }

  return g_object_ref (file);
}

/* Adding topics to one file from two threads at once would lose one. */
G_LOCK_DEFINE_STATIC (topic_writes);

static gboolean
add_topic_to_file (AddTopic      *data,
                   GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GlossatorSchema) on_disk = NULL;

  if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable) == G_FILE_TYPE_UNKNOWN)
    {
      data->created = TRUE;
      return write_bytes (file, data->snapshot, cancellable, error);
    }

  /* What is on disk may have changed since the schema was read (another
   * article of the corpus added a topic; the user edited it): add to it,
   * and never write over a file that could not be read. */
  on_disk = glossator_schema_load (file, cancellable, error);
  if (on_disk == NULL)
    return FALSE;
  if (!glossator_schema_add_topic (on_disk, data->topic))
    return TRUE;
  return glossator_schema_save (on_disk, file, cancellable, error);
}

static void
add_topic_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  AddTopic *data = task_data;
  GError *error = NULL;
  gboolean written;

  /* Never outside the folder the user opened: a schema found above it (at
   * the root of its git work tree) is copied into it instead. */
  if (data->current != NULL && is_within (data->current, data->folder))
    data->target = resolve_within (data->current, data->folder);
  else
    {
      g_autoptr(GFile) file = g_file_get_child (data->folder, GLOSSATOR_SCHEMA_FILE_NAME);

      data->target = resolve_within (file, data->folder);
    }

  G_LOCK (topic_writes);
  written = add_topic_to_file (data, data->target, cancellable, &error);
  G_UNLOCK (topic_writes);

  if (!written)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/**
 * glossator_schema_add_topic_async:
 * @self: a #GlossatorSchema
 * @topic: a topic, UTF-8
 * @folder: the folder the user opened
 * @cancellable: (nullable): a #GCancellable
 * @callback: called when the file is written
 * @user_data: data for @callback
 *
 * Adds @topic to the schema at once (see glossator_schema_add_topic()) and
 * then, on a worker thread, to a file within @folder: the schema's own
 * file when it lies there, else glossator-schema.json in @folder, made
 * from the schema's content when it does not exist. A file already there
 * is read and only gains the topic. Nothing is written outside @folder.
 * The schema's file is the one written once this finishes.
 */
void
glossator_schema_add_topic_async (GlossatorSchema     *self,
                                  const char          *topic,
                                  GFile               *folder,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  AddTopic *data;

  g_return_if_fail (GLOSSATOR_IS_SCHEMA (self));
  g_return_if_fail (topic != NULL && *topic != '\0');
  g_return_if_fail (g_utf8_validate (topic, -1, NULL));
  g_return_if_fail (G_IS_FILE (folder));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  glossator_schema_add_topic (self, topic);

  /* The worker gets copies: the schema itself is the caller's thread's. */
  data = g_new0 (AddTopic, 1);
  data->topic = g_strdup (topic);
  data->folder = g_object_ref (folder);
  data->current = self->file != NULL ? g_object_ref (self->file) : NULL;
  data->snapshot = schema_serialize (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, glossator_schema_add_topic_async);
  g_task_set_task_data (task, data, (GDestroyNotify) add_topic_free);
  g_task_run_in_thread (task, add_topic_thread);
}

/**
 * glossator_schema_add_topic_finish:
 * @self: a #GlossatorSchema
 * @result: the #GAsyncResult given to the callback
 * @created: (out) (optional): whether the file was made anew
 * @target: (out) (optional) (transfer full) (nullable): the file written
 *   or, on failure, the one that could not be (%NULL when it failed before
 *   one was chosen, e.g. cancelled): what a message should name
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the file the topic was written to, or %NULL
 *   with @error set (the topic stays in the schema in memory).
 */
GFile *
glossator_schema_add_topic_finish (GlossatorSchema  *self,
                                   GAsyncResult     *result,
                                   gboolean         *created,
                                   GFile           **target,
                                   GError          **error)
{
  AddTopic *data;

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == glossator_schema_add_topic_async, NULL);

  data = g_task_get_task_data (G_TASK (result));
  if (target != NULL)
    *target = data->target != NULL ? g_object_ref (data->target) : NULL;
  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;

  g_set_object (&self->file, data->target);
  if (created != NULL)
    *created = data->created;
  return g_object_ref (data->target);
}

/* Accessors */

GFile *
glossator_schema_get_file (GlossatorSchema *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);

  return self->file;
}

guint
glossator_schema_get_n_labels (GlossatorSchema *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), 0);

  return self->labels->len;
}

const GlossatorLabel *
glossator_schema_get_label (GlossatorSchema *self,
                            guint            index)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->labels->len, NULL);

  return g_ptr_array_index (self->labels, index);
}

static const GlossatorLabel *
find_by_name (GPtrArray  *choices,
              const char *name)
{
  for (guint i = 0; i < choices->len; i++)
    {
      const Choice *choice = g_ptr_array_index (choices, i);

      if (g_str_equal (choice->label.name, name))
        return &choice->label;
    }
  return NULL;
}

static const GlossatorLabel *
find_by_key (GPtrArray *choices,
             gunichar   key)
{
  if (key == 0)
    return NULL;

  for (guint i = 0; i < choices->len; i++)
    {
      const Choice *choice = g_ptr_array_index (choices, i);

      if (choice->label.key == key)
        return &choice->label;
    }
  return NULL;
}

const GlossatorLabel *
glossator_schema_find_label (GlossatorSchema *self,
                             const char      *name)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_by_name (self->labels, name);
}

const GlossatorLabel *
glossator_schema_find_label_by_key (GlossatorSchema *self,
                                    gunichar         key)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);

  return find_by_key (self->labels, key);
}

guint
glossator_schema_get_n_polarities (GlossatorSchema *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), 0);

  return self->polarities->len;
}

const GlossatorLabel *
glossator_schema_get_polarity (GlossatorSchema *self,
                               guint            index)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (index < self->polarities->len, NULL);

  return g_ptr_array_index (self->polarities, index);
}

const GlossatorLabel *
glossator_schema_find_polarity (GlossatorSchema *self,
                                const char      *name)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return find_by_name (self->polarities, name);
}

const GlossatorLabel *
glossator_schema_find_polarity_by_key (GlossatorSchema *self,
                                       gunichar         key)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);

  return find_by_key (self->polarities, key);
}

/**
 * glossator_schema_get_topics:
 * @self: a #GlossatorSchema
 *
 * Returns: (transfer none): the topics, NULL-terminated, in file order;
 *   valid until the next glossator_schema_add_topic().
 */
const char * const *
glossator_schema_get_topics (GlossatorSchema *self)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);

  return (const char * const *) self->topics->pdata;
}

gboolean
glossator_schema_add_topic (GlossatorSchema *self,
                            const char      *topic)
{
  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), FALSE);
  g_return_val_if_fail (topic != NULL && *topic != '\0', FALSE);
  g_return_val_if_fail (g_utf8_validate (topic, -1, NULL), FALSE);

  if (g_strv_contains ((const char * const *) self->topics->pdata, topic))
    return FALSE;

  g_ptr_array_insert (self->topics, self->topics->len - 1, g_strdup (topic));
  self->has_topics = TRUE;
  return TRUE;
}

/**
 * glossator_schema_color_for_label:
 * @self: a #GlossatorSchema
 * @name: a label name
 *
 * Returns: the colour of the label @name ("#rrggbb"): the schema's, or one
 *   derived from the name (the same on every run) when the schema does not
 *   define the label. A label defined without a colour gets the derived
 *   one as well.
 */
const char *
glossator_schema_color_for_label (GlossatorSchema *self,
                                  const char      *name)
{
  const GlossatorLabel *label;
  char *color;

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  label = find_by_name (self->labels, name);
  if (label != NULL)
    return label->color;

  color = g_hash_table_lookup (self->derived_colors, name);
  if (color == NULL)
    {
      color = derive_color (name);
      g_hash_table_insert (self->derived_colors, g_strdup (name), color);
    }
  return color;
}

const char *
glossator_schema_color_for_polarity (GlossatorSchema *self,
                                     const char      *name)
{
  const GlossatorLabel *polarity;

  g_return_val_if_fail (GLOSSATOR_IS_SCHEMA (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  polarity = find_by_name (self->polarities, name);
  if (polarity != NULL)
    return polarity->color;
  return glossator_schema_color_for_label (self, name);
}

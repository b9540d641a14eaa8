/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "glossator-sidecar-quick"

#include "config.h"

#include <string.h>

#include "glossator-document-private.h"
#include "glossator-json-guard.h"
#include "glossator-json-write-private.h"
#include "glossator-sidecar-private.h"

/* Reading a sidecar without its full loader, for exports: checks that
 * take one pass over the bytes, declining whatever is unusual. */

/* Whether @value (up to @end) is exactly the JSON text @expected. */
static gboolean
raw_equals (const char *value,
            const char *end,
            const char *expected)
{
  gsize n = strlen (expected);

  return (gsize) (end - value) == n && memcmp (value, expected, n) == 0;
}

/* A whole number the full reader takes for a version (up to 2^31 - 1). */
static gboolean
is_small_uint (const char *value,
               const char *end)
{
  if (value == end || end - value > 9)
    return FALSE;
  for (const char *p = value; p < end; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

static gboolean
quick_check_article (const char          *value,
                     const char          *end,
                     GlossatorQuickCheck *check)
{
  const char *a = value + 1;

  if (*value != '{')
    return FALSE;
  while (a < end)
    {
      const char *akey, *akey_end, *avalue, *aend;

      while (a < end && (_glossator_json_is_space (*a) || *a == ','))
        a++;
      if (*a == '}')
        break;
      akey = a + 1;
      akey_end = _glossator_json_skip_string (a, end) - 1;
      a = akey_end + 1;
      while (_glossator_json_is_space (*a) || *a == ':')
        a++;
      avalue = a;
      a = aend = _glossator_json_skip_value (a, end);
      if ((gsize) (akey_end - akey) == 6 && memcmp (akey, "sha256", 6) == 0 &&
          *avalue == '"' && aend - avalue == 66)
        memcpy (check->sha256, avalue + 1, 64);
      else if ((gsize) (akey_end - akey) == 6 && memcmp (akey, "length", 6) == 0 &&
               g_ascii_isdigit (*avalue) && aend - avalue < 12)
        {
          check->length = g_ascii_strtoull (avalue, NULL, 10);
          check->has_length = TRUE;
        }
    }
  return TRUE;
}

/* glossator_json_guard() first, which the full reader runs too: what it
 * refuses (a repeated member name, data after the object, nesting deeper
 * than the limit…) the loader reports. Then one walk over the top-level
 * object, member by member (arrays element by element, counting them). */
gboolean
_glossator_sidecar_quick_check (const char          *data,
                                gsize                n_bytes,
                                GlossatorQuickCheck *check)
{
  const char *p = data, *end = data + n_bytes;
  gboolean has_format = FALSE, has_version = FALSE;

  memset (check, 0, sizeof *check);
  if (!glossator_json_guard (data, n_bytes, NULL, NULL))
    return FALSE;
  if ((p = _glossator_json_open_object (data, n_bytes)) == NULL)
    return FALSE;

  /* The members that say what the sidecar is about. */
  for (;;)
    {
      const char *key, *key_end, *value;
      guint n_elements = 0;

      while (p < end && _glossator_json_is_space (*p))
        p++;
      if (p >= end)
        return FALSE;
      /* An empty object is no sidecar; a '}' after a comma is no JSON. */
      if (*p == '}')
        return FALSE;
      key = p + 1;
      if ((p = _glossator_json_skip_member_name (p, end, &key_end)) == NULL)
        return FALSE;
      key_end--;
      value = p;
      if (p < end && *p == '[')
        {
          /* _glossator_json_skip_value() on the array, counting its elements. */
          for (p++;;)
            {
              while (p < end && _glossator_json_is_space (*p))
                p++;
              if (p >= end)
                return FALSE;
              if (*p == ']' && n_elements == 0)
                break;
              if ((p = _glossator_json_skip_value (p, end)) == NULL)
                return FALSE;
              n_elements++;
              while (p < end && _glossator_json_is_space (*p))
                p++;
              if (p >= end)
                return FALSE;
              if (*p == ']')
                break;
              if (*p != ',')
                return FALSE;
              p++;
            }
          p++;
        }
      else if ((p = _glossator_json_skip_value (p, end)) == NULL)
        return FALSE;

      if (memchr (key, '\\', key_end - key) != NULL)
        return FALSE;
#define KEY_IS(name) ((gsize) (key_end - key) == strlen (name) && memcmp (key, name, strlen (name)) == 0)
      if (KEY_IS ("format"))
        has_format = raw_equals (value, p, "\"" GLOSSATOR_SIDECAR_FORMAT "\"");
      else if (KEY_IS ("version"))
        has_version = raw_equals (value, p, "1");
      else if (KEY_IS ("minor_version") && !is_small_uint (value, p))
        return FALSE;
      else if (KEY_IS ("offset_unit") && !raw_equals (value, p, "\"codepoint\""))
        return FALSE;
      else if (KEY_IS ("document"))
        {
          if (*value != '{')
            return FALSE;
          check->document_start = value - data;
          check->document_end = p - data;
        }
      else if (KEY_IS ("mentions") || KEY_IS ("entities") || KEY_IS ("stances"))
        {
          if (*value != '[')
            return FALSE;
          if (KEY_IS ("mentions"))
            {
              check->n_mentions = n_elements;
              check->mentions_start = value - data;
              check->mentions_end = p - data;
            }
          else if (KEY_IS ("entities"))
            {
              check->n_entities = n_elements;
              check->entities_start = value - data;
              check->entities_end = p - data;
            }
          else
            {
              check->n_stances = n_elements;
              check->stances_start = value - data;
              check->stances_end = p - data;
            }
        }
      else if (KEY_IS ("article"))
        {
          if (!quick_check_article (value, p, check))
            return FALSE;
          check->article_start = value - data;
          check->article_end = p - data;
        }
#undef KEY_IS

      while (p < end && _glossator_json_is_space (*p))
        p++;
      if (p >= end)
        return FALSE;
      if (*p == '}')
        break;
      if (*p != ',')
        return FALSE;
      p++;
    }

  for (p++; p < end; p++)
    if (!_glossator_json_is_space (*p))
      return FALSE;

  return has_format && has_version && check->sha256[0] != '\0' && check->has_length;
}

/* Sets @out to the value of the JSON string literal at [@p, @end) (quotes
 * included); FALSE for an escape that json-glib would read differently (a
 * lone surrogate was already refused by the validator). */
static gboolean
decode_json_string (GString    *out,
                    const char *p,
                    const char *end)
{
  g_assert (*p == '"' && end[-1] == '"');
  p++;
  end--;
  g_string_truncate (out, 0);
  return _glossator_json_append_unescaped (out, p, end);
}

/* Calls @func for each member of the object at @p (validated JSON, ending
 * before @end); returns the end of the object, NULL when @func fails or a
 * name has an escape. @func reads the value up to where it ends (before
 * @end), and returns that end, or NULL. */
typedef const char *(*MemberFunc) (const char *key,
                                   gsize       key_len,
                                   const char *value,
                                   const char *end,
                                   gpointer    user_data);

static const char *
for_each_member (const char *p,
                 const char *end,
                 MemberFunc  func,
                 gpointer    user_data)
{
  if (*p != '{')
    return NULL;
  for (p++; p < end; )
    {
      const char *key, *key_end, *value;

      while (p < end && (_glossator_json_is_space (*p) || *p == ','))
        p++;
      if (p >= end)
        return NULL;
      if (*p == '}')
        return p + 1;
      key = p + 1;
      key_end = _glossator_json_skip_string (p, end) - 1;
      p = key_end + 1;
      while (_glossator_json_is_space (*p) || *p == ':')
        p++;
      value = p;
      /* Escaped names: leave it to the real parser. */
      if (memchr (key, '\\', key_end - key) != NULL || (p = func (key, key_end - key, value, end, user_data)) == NULL)
        return NULL;
    }
  return NULL;
}

static gboolean
key_is (const char *key,
        gsize       len,
        const char *name)
{
  return len == strlen (name) && memcmp (key, name, len) == 0;
}

static gboolean
read_uint (const char *value,
           const char *end,
           guint      *result)
{
  guint64 n = 0;

  if (value == end || end - value > 10)
    return FALSE;
  for (const char *p = value; p < end; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      n = n * 10 + (*p - '0');
    }
  if (n > G_MAXINT)
    return FALSE;
  *result = (guint) n;
  return TRUE;
}

/* What the quick reader checks, as the full one does
 * (glossator-sidecar-read.c): any member it would refuse makes the quick
 * reader decline, so the two never differ. */
typedef struct {
  GlossatorText *text;
  GString       *scratch;
  GHashTable    *entities;   /* ids, owned */
  GHashTable    *stances;
} QuickReader;

/* The value at @value as a string in @out; NULL when it is not one. */
static const char *
read_string (const char *value,
             const char *end,
             GString    *out)
{
  const char *value_end;

  if (*value != '"' || (value_end = _glossator_json_skip_string (value, end)) == NULL ||
      !decode_json_string (out, value, value_end))
    return NULL;
  return value_end;
}

/* A string member the full reader reads: absent, or a string. */
static const char *
skip_string (const char *value,
             const char *end)
{
  return *value == '"' ? _glossator_json_skip_string (value, end) : NULL;
}

/* "attributes": absent, or an object. */
static const char *
skip_object (const char *value,
             const char *end)
{
  return *value == '{' ? _glossator_json_skip_value (value, end) : NULL;
}

/* Members of mentions and stances the full reader wants as strings (a
 * time that does not parse is only a warning there). */
static gboolean
is_authorship (const char *key,
               gsize       len)
{
  return key_is (key, len, "author") || key_is (key, len, "created") || key_is (key, len, "modified");
}

typedef struct {
  QuickReader *reader;
  guint        start;
  guint        end;
  gboolean     has_start;
  gboolean     has_end;
  gboolean     orphaned;
  const char  *exact;      /* its JSON string, or NULL */
  const char  *exact_end;
} QuickSpan;

static const char *
span_member (const char *key,
             gsize       len,
             const char *value,
             const char *end,
             gpointer    user_data)
{
  QuickSpan *span = user_data;
  const char *value_end = _glossator_json_skip_value (value, end);
  gboolean ok = TRUE;

  if (key_is (key, len, "start"))
    ok = span->has_start = read_uint (value, value_end, &span->start);
  else if (key_is (key, len, "end"))
    ok = span->has_end = read_uint (value, value_end, &span->end);
  else if (key_is (key, len, "orphaned"))
    {
      span->orphaned = raw_equals (value, value_end, "true");
      ok = span->orphaned || raw_equals (value, value_end, "false");
    }
  else if (key_is (key, len, "exact"))
    {
      ok = *value == '"';
      span->exact = value;
      span->exact_end = value_end;
    }
  else if (key_is (key, len, "prefix") || key_is (key, len, "suffix"))
    ok = *value == '"';
  return ok ? value_end : NULL;
}

/* Reads the span at @p; NULL unless the full reader takes it as it is
 * (the article has not changed: nothing is re-anchored). */
static const char *
read_span (QuickReader *reader,
           const char  *p,
           const char  *end,
           QuickSpan   *span)
{
  memset (span, 0, sizeof *span);
  span->reader = reader;
  if ((p = for_each_member (p, end, span_member, span)) == NULL ||
      !span->has_start || !span->has_end || span->start >= span->end ||
      span->end > glossator_text_get_length (reader->text))
    return NULL;
  if (span->exact != NULL && !span->orphaned &&
      (read_string (span->exact, span->exact_end, reader->scratch) == NULL ||
       !glossator_text_slice_equals (reader->text, span->start, span->end, reader->scratch->str)))
    return NULL;
  return p;
}

/* Reads the array of spans at @value, each as read_span() does, into
 * @spans unless it is NULL; NULL unless the full reader takes them all. */
static const char *
read_spans (QuickReader *reader,
            const char  *value,
            const char  *end,
            GArray      *spans)
{
  const char *p = value + 1;

  if (*value != '[')
    return NULL;
  for (;;)
    {
      QuickSpan span;

      while (p < end && (_glossator_json_is_space (*p) || *p == ','))
        p++;
      if (p >= end)
        return NULL;
      if (*p == ']')
        return p + 1;
      if ((p = read_span (reader, p, end, &span)) == NULL)
        return NULL;
      if (spans != NULL)
        g_array_append_val (spans, span);
    }
}

/* One mention's members; the strings and the array are reused from one
 * mention to the next. */
typedef struct {
  QuickReader *reader;
  GString     *id;
  GString     *label;
  GString     *entity;
  GArray      *spans;   /* QuickSpan */
  guint        seen;    /* QUICK_* */
} QuickMention;

enum {
  QUICK_ID = 1 << 0,
  QUICK_LABEL = 1 << 1,
  QUICK_ENTITY = 1 << 2,
  QUICK_FRAGMENTS = 1 << 3,
};

static const char *
mention_member (const char *key,
                gsize       len,
                const char *value,
                const char *end,
                gpointer    user_data)
{
  QuickMention *m = user_data;
  GString *field = NULL;
  guint bit = 0;

  if (key_is (key, len, "id"))
    field = m->id, bit = QUICK_ID;
  else if (key_is (key, len, "label"))
    field = m->label, bit = QUICK_LABEL;
  else if (key_is (key, len, "entity"))
    field = m->entity, bit = QUICK_ENTITY;
  if (field != NULL)
    {
      const char *value_end;

      if ((m->seen & bit) != 0 || (value_end = read_string (value, end, field)) == NULL)
        return NULL;
      m->seen |= bit;
      return field->len > 0 ? value_end : NULL;
    }
  if (key_is (key, len, "fragments"))
    {
      /* Read as it is walked: each fragment once. */
      if ((m->seen & QUICK_FRAGMENTS) != 0)
        return NULL;
      m->seen |= QUICK_FRAGMENTS;
      return read_spans (m->reader, value, end, m->spans);
    }
  if (key_is (key, len, "note") || is_authorship (key, len))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return _glossator_json_skip_value (value, end);
}

/* An id that is a non-empty string not in @ids yet; NULL declines. */
static const char *
read_new_id (QuickReader *reader,
             const char  *value,
             const char  *end,
             GHashTable  *ids,
             guint       *seen)
{
  const char *value_end = read_string (value, end, reader->scratch);

  if (value_end == NULL || reader->scratch->len == 0 || g_hash_table_contains (ids, reader->scratch->str))
    return NULL;
  g_hash_table_add (ids, g_strdup (reader->scratch->str));
  *seen |= QUICK_ID;
  return value_end;
}

typedef struct {
  QuickReader *reader;
  guint        seen;
} QuickEntity;

static const char *
entity_member (const char *key,
               gsize       len,
               const char *value,
               const char *end,
               gpointer    user_data)
{
  QuickEntity *e = user_data;
  QuickReader *reader = e->reader;

  if (key_is (key, len, "id"))
    return read_new_id (reader, value, end, reader->entities, &e->seen);
  if (key_is (key, len, "name") || key_is (key, len, "label") || key_is (key, len, "kb_id") ||
      key_is (key, len, "note"))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return _glossator_json_skip_value (value, end);
}

typedef struct {
  const char *type, *type_end;
  const char *entity, *entity_end;
  const char *topic, *topic_end;
} QuickParty;

static const char *
party_member (const char *key,
              gsize       len,
              const char *value,
              const char *end,
              gpointer    user_data)
{
  QuickParty *party = user_data;
  const char *value_end = _glossator_json_skip_value (value, end);

  if (key_is (key, len, "type"))
    party->type = value, party->type_end = value_end;
  else if (key_is (key, len, "entity"))
    party->entity = value, party->entity_end = value_end;
  else if (key_is (key, len, "topic"))
    party->topic = value, party->topic_end = value_end;
  return value_end;
}

static const char *
read_party (QuickReader *reader,
            const char  *value,
            const char  *end,
            gboolean     holder)
{
  QuickParty party = { 0 };
  const char *p = for_each_member (value, end, party_member, &party);
  GString *scratch = reader->scratch;
  guint kind;

  if (p == NULL || party.type == NULL || read_string (party.type, party.type_end, scratch) == NULL ||
      !(holder ? glossator_holder_kind_from_string (scratch->str, (GlossatorHolderKind *) &kind)
               : glossator_target_kind_from_string (scratch->str, (GlossatorTargetKind *) &kind)))
    return NULL;
  if (g_str_equal (scratch->str, "entity"))
    return party.entity != NULL && read_string (party.entity, party.entity_end, scratch) != NULL &&
           scratch->len > 0 && g_hash_table_contains (reader->entities, scratch->str) ? p : NULL;
  if (g_str_equal (scratch->str, "topic"))
    return party.topic != NULL && read_string (party.topic, party.topic_end, scratch) != NULL &&
           scratch->len > 0 ? p : NULL;
  return p;
}

enum {
  QUICK_HOLDER = 1 << 4,
  QUICK_TARGET = 1 << 5,
  QUICK_POLARITY = 1 << 6,
};

typedef struct {
  QuickReader *reader;
  guint        seen;
} QuickStance;

static const char *
stance_member (const char *key,
               gsize       len,
               const char *value,
               const char *end,
               gpointer    user_data)
{
  QuickStance *st = user_data;
  QuickReader *reader = st->reader;
  const char *value_end;

  if (key_is (key, len, "id"))
    return read_new_id (reader, value, end, reader->stances, &st->seen);
  if (key_is (key, len, "polarity"))
    {
      if ((value_end = read_string (value, end, reader->scratch)) == NULL || reader->scratch->len == 0)
        return NULL;
      st->seen |= QUICK_POLARITY;
      return value_end;
    }
  if (key_is (key, len, "holder") || key_is (key, len, "target"))
    {
      st->seen |= key_is (key, len, "holder") ? QUICK_HOLDER : QUICK_TARGET;
      return read_party (reader, value, end, key_is (key, len, "holder"));
    }
  if (key_is (key, len, "intensity"))
    {
      guint intensity;

      value_end = _glossator_json_skip_value (value, end);
      return read_uint (value, value_end, &intensity) && intensity >= 1 && intensity <= 3 ? value_end : NULL;
    }
  if (key_is (key, len, "evidence"))
    return read_spans (reader, value, end, NULL);
  if (key_is (key, len, "note") || is_authorship (key, len))
    return skip_string (value, end);
  if (key_is (key, len, "attributes"))
    return skip_object (value, end);
  return _glossator_json_skip_value (value, end);
}

static const char *
article_member (const char *key,
                gsize       len,
                const char *value,
                const char *end,
                gpointer    user_data)
{
  QuickReader *reader = user_data;
  const char *value_end = _glossator_json_skip_value (value, end);
  GlossatorNewline newline;

  /* sha256 and length were compared with the text's. */
  if (key_is (key, len, "file"))
    return *value == '"' ? value_end : NULL;
  if (key_is (key, len, "bom"))
    return raw_equals (value, value_end, "true") || raw_equals (value, value_end, "false") ? value_end : NULL;
  if (key_is (key, len, "newline"))
    return read_string (value, end, reader->scratch) != NULL &&
           glossator_newline_from_string (reader->scratch->str, &newline) ? value_end : NULL;
  return value_end;
}

static const char *
attribute_member (const char *key,
                  gsize       len,
                  const char *value,
                  const char *end,
                  gpointer    user_data)
{
  gboolean *whitespace = user_data;
  const char *value_end = _glossator_json_skip_value (value, end);

  if (key_is (key, len, GLOSSATOR_TOKENIZATION))
    *whitespace = raw_equals (value, value_end, "\"whitespace\"");
  return value_end;
}

typedef struct {
  QuickReader *reader;
  gboolean     whitespace;
} QuickDocumentInfo;

/* Of the document attributes, only the tokenization matters to exports. */
static const char *
document_member (const char *key,
                 gsize       len,
                 const char *value,
                 const char *end,
                 gpointer    user_data)
{
  QuickDocumentInfo *info = user_data;
  GlossatorStatus status;

  if (key_is (key, len, "attributes"))
    return *value == '{' ? for_each_member (value, end, attribute_member, &info->whitespace) : NULL;
  if (key_is (key, len, "status"))
    {
      const char *value_end = read_string (value, end, info->reader->scratch);

      return value_end != NULL && glossator_status_from_string (info->reader->scratch->str, &status)
        ? value_end : NULL;
    }
  if (key_is (key, len, "annotator") || key_is (key, len, "notes") || key_is (key, len, "created") ||
      key_is (key, len, "modified"))
    return skip_string (value, end);
  return _glossator_json_skip_value (value, end);
}

/* Calls @func on each object of the array at [@start, @end); FALSE when
 * one fails or is not an object. */
static gboolean
for_each_element (const char *start,
                  const char *end,
                  MemberFunc  func,
                  gpointer    user_data,
                  guint      *required_seen,
                  guint       required)
{
  const char *p = start + 1;

  for (;;)
    {
      while (p < end && (_glossator_json_is_space (*p) || *p == ','))
        p++;
      if (p >= end)
        return FALSE;
      if (*p == ']')
        return TRUE;
      *required_seen = 0;
      if ((p = for_each_member (p, end, func, user_data)) == NULL || (*required_seen & required) != required)
        return FALSE;
    }
}

static void
quick_mention_clear (QuickMention *m)
{
  if (m->id != NULL)
    {
      g_string_free (m->id, TRUE);
      g_string_free (m->label, TRUE);
      g_string_free (m->entity, TRUE);
      g_array_unref (m->spans);
    }
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuickMention, quick_mention_clear)

static void
quick_reader_clear (QuickReader *reader)
{
  g_clear_pointer (&reader->entities, g_hash_table_unref);
  g_clear_pointer (&reader->stances, g_hash_table_unref);
  if (reader->scratch != NULL)
    g_string_free (g_steal_pointer (&reader->scratch), TRUE);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (QuickReader, quick_reader_clear)

/* Everything but the mentions, which are read as they are checked. */
static gboolean
quick_check_all_but_mentions (QuickReader               *reader,
                              const char                *data,
                              const GlossatorQuickCheck *check,
                              gboolean                  *whitespace)
{
  QuickDocumentInfo info = { reader, FALSE };
  QuickEntity entity = { reader, 0 };
  QuickStance stance = { reader, 0 };

  if (for_each_member (data + check->article_start, data + check->article_end, article_member, reader) == NULL)
    return FALSE;
  if (check->document_end > 0 &&
      for_each_member (data + check->document_start, data + check->document_end, document_member, &info) == NULL)
    return FALSE;
  *whitespace = info.whitespace;
  if (check->entities_end > 0 &&
      !for_each_element (data + check->entities_start, data + check->entities_end, entity_member, &entity,
                         &entity.seen, QUICK_ID))
    return FALSE;
  return check->stances_end == 0 ||
         for_each_element (data + check->stances_start, data + check->stances_end, stance_member, &stance,
                           &stance.seen, QUICK_ID | QUICK_POLARITY | QUICK_HOLDER | QUICK_TARGET);
}

/* Checks the sidecar as the full reader would, and puts its mentions in
 * @document unless it is NULL. */
static gboolean
quick_read (GlossatorText             *text,
            const char                *data,
            const GlossatorQuickCheck *check,
            GlossatorDocument         *document)
{
  g_auto(QuickReader) reader = { 0 };
  g_auto(QuickMention) m = { 0 };
  g_autoptr(GHashTable) mention_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *p, *mentions_end = data + check->mentions_end;
  guint length = glossator_text_get_length (text);
  gboolean whitespace = FALSE;

  reader.text = text;
  reader.scratch = g_string_new (NULL);
  reader.entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  reader.stances = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!quick_check_all_but_mentions (&reader, data, check, &whitespace))
    return FALSE;

  if (document != NULL && whitespace)
    {
      g_autoptr(JsonObject) attributes = json_object_new ();

      json_object_set_string_member (attributes, GLOSSATOR_TOKENIZATION, "whitespace");
      glossator_document_set_attributes (document, attributes);
    }

  m.reader = &reader;
  m.id = g_string_new (NULL);
  m.label = g_string_new (NULL);
  m.entity = g_string_new (NULL);
  m.spans = g_array_new (FALSE, FALSE, sizeof (QuickSpan));
  for (p = check->mentions_end > 0 ? data + check->mentions_start + 1 : NULL; p != NULL && p < mentions_end; )
    {
      g_autoptr(GlossatorMention) mention = NULL;
      const char *next;
      gboolean ok;
      guint last_end = 0;

      while (p < mentions_end && (_glossator_json_is_space (*p) || *p == ','))
        p++;
      if (p >= mentions_end || *p == ']')
        break;
      m.seen = 0;
      g_array_set_size (m.spans, 0);
      next = for_each_member (p, mentions_end, mention_member, &m);
      /* A repeated id is left to the loader, which reports it. */
      ok = next != NULL && (m.seen & (QUICK_ID | QUICK_LABEL | QUICK_ENTITY)) == (QUICK_ID | QUICK_LABEL | QUICK_ENTITY) &&
           m.spans->len > 0 && !g_hash_table_contains (mention_ids, m.id->str) &&
           g_hash_table_contains (reader.entities, m.entity->str);
      /* Fragments as the sidecar loader wants them: sorted, apart, in the text. */
      for (guint i = 0; ok && i < m.spans->len; i++)
        {
          const QuickSpan *span = &g_array_index (m.spans, QuickSpan, i);

          ok = span->start < span->end && span->end <= length && (i == 0 || span->start >= last_end);
          last_end = span->end;
        }
      if (!ok)
        return FALSE;
      g_hash_table_add (mention_ids, g_strdup (m.id->str));

      if (document != NULL)
        {
          mention = glossator_mention_new (m.id->str, m.label->str, m.entity->str);
          for (guint i = 0; i < m.spans->len; i++)
            {
              const QuickSpan *span = &g_array_index (m.spans, QuickSpan, i);

              glossator_mention_add_fragment (mention, span->start, span->end)->orphaned = span->orphaned;
            }
          glossator_document_put_mention (document, mention);
        }
      p = next;
    }

  return TRUE;
}

gboolean
_glossator_quick_validate (GlossatorText             *text,
                           const char                *data,
                           const GlossatorQuickCheck *check)
{
  return quick_read (text, data, check, NULL);
}

GlossatorDocument *
_glossator_quick_document (GlossatorText             *text,
                           const char                *data,
                           const GlossatorQuickCheck *check)
{
  g_autoptr(GlossatorDocument) document = glossator_document_new (text);
  gboolean ok;

  _glossator_document_begin_load (document);
  ok = quick_read (text, data, check, document);
  _glossator_document_end_load (document);

  return ok ? g_steal_pointer (&document) : NULL;
}

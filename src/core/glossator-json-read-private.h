/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Reading parsed JSON that a file made: a member may be missing or of
 * any type, and json_object_get_string_member_with_default() and the
 * like are a critical when it is an object or an array. Every function
 * takes a NULL @object or @node as missing. */

/* The string @node holds, else NULL. */
const char *_glossator_json_string_of       (JsonNode          *node);
/* FALSE when @node holds no integer. */
gboolean    _glossator_json_int_of          (JsonNode          *node,
                                             gint64            *value);
const char *_glossator_json_string_member   (JsonObject        *object,
                                             const char        *name);
gboolean    _glossator_json_int_member      (JsonObject        *object,
                                             const char        *name,
                                             gint64            *value);
/* @default_value when the member is missing or is an object or an array. */
gboolean    _glossator_json_boolean_member  (JsonObject        *object,
                                             const char        *name,
                                             gboolean           default_value);
JsonObject *_glossator_json_object_member   (JsonObject        *object,
                                             const char        *name);
JsonArray  *_glossator_json_array_member    (JsonObject        *object,
                                             const char        *name);

/* What @node is, for messages: "an object", "a string", "null"… */
const char *_glossator_json_type_name       (JsonNode          *node);

G_END_DECLS

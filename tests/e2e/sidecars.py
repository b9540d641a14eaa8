# SPDX-License-Identifier: GPL-3.0-or-later
"""Sidecars written by hand for the end-to-end tests, as glossator writes
them: offsets in code points of the text as it is on disk (CRLF kept)."""

import hashlib
import json

CONTEXT = 32


def span(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    end = start + len(needle)
    return {"start": start, "end": end, "exact": needle,
            "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]}


def mention(text, mid, entity, label, needle, nth=0):
    return {"id": mid, "label": label, "entity": entity, "fragments": [span(text, needle, nth)]}


def entity(eid, name, label):
    return {"id": eid, "name": name, "label": label}


def sidecar(text, name, entities, mentions, modified="2026-11-01T10:00:00Z"):
    return {
        "format": "glossator-sidecar", "version": 1, "offset_unit": "codepoint",
        "article": {"file": name, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "length": len(text), "bom": False,
                    "newline": "crlf" if "\r\n" in text else "lf"},
        "document": {"status": "in-progress", "annotator": "", "created": "2026-11-01T10:00:00Z",
                     "modified": modified, "notes": ""},
        "entities": list(entities), "mentions": list(mentions), "stances": [],
    }


def write(path, data):
    with open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def write_text(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The catalogue of bad inputs: Glossator promises that bad input always
# gets a clear error naming the file and the problem, and never loses data.
# Each case below is one bad input (sidecars, label schemas, articles,
# export outputs, import files, usage), with the files it makes, the
# glossator-cli command, the exact exit status, the exact lines on standard
# output and standard error (the case's folder written {d}), and the files
# the command may create. Every case runs in a folder of its own; every
# file under it (bytes, links' targets, the set of names) is compared
# before and after: nothing may change or go, and only the files named may
# appear. A changed message fails its case: update the table with care.
#
# Usage: test-catalogue.py PATH-TO-glossator-cli      (prints TAP)

import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import time

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taputil import Tap  # noqa: E402

CLI = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else None
CONTEXT = 32
BOM = "\ufeff"
FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧, 5 code points
FLAG_UA = "\U0001F1FA\U0001F1E6"                         # 🇺🇦, 2 code points
CAFE_NFD = "Cafe\u0301"                                  # Café, 5 code points
SECRET = "TOP-SECRET-7f3a"                               # never in any output


# Building files

class Link:
    """A symbolic link to `target` (as written, relative or {d}-absolute)."""

    def __init__(self, target):
        self.target = target


class Folder:
    """An empty folder."""


class Fifo:
    """A named pipe: opening it to read waits for a writer."""


class Sparse:
    """A file of `size` bytes starting with `head`, the rest a hole."""

    def __init__(self, head, size):
        self.head = head
        self.size = size


def span(text, start, end):
    return {"start": start, "end": end, "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]}


def newline_of(text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [k for k, n in (("crlf", crlf), ("lf", lf), ("cr", cr)) if n]
    return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


# Putin [0, 5), Zelensky [10, 18), Kyiv [22, 26); a ZWJ family, a flag,
# CRLF and an NFD letter after them.
TEXT = ("Putin met Zelensky in Kyiv " + FAMILY + " " + FLAG_UA + ".\r\n"
        + CAFE_NFD + " owners waited.\r\n")


def sidecar(text=TEXT, name="a.txt", mentions=((0, 5, "PERSON", "e1"), (10, 18, "PERSON", "e2")),
            bom=False):
    """A valid sidecar of `text` with one entity per mention's entity id."""
    entities = []
    for _, _, label, entity in mentions:
        if entity not in [e["id"] for e in entities]:
            entities.append({"id": entity, "name": "Entity " + entity, "label": label})
    return {
        "format": "glossator-sidecar",
        "version": 1,
        "offset_unit": "codepoint",
        "article": {"file": name, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "length": len(text), "bom": bom, "newline": newline_of(text)},
        "document": {"status": "in-progress", "annotator": "Ana", "created": "2026-11-28T13:05:00Z",
                     "modified": "2026-11-28T14:00:00Z", "notes": "", "attributes": {}},
        "entities": entities,
        "mentions": [{"id": "m%d" % i, "label": label, "entity": entity, "fragments": [span(text, s, e)]}
                     for i, (s, e, label, entity) in enumerate(mentions, 1)],
        "stances": [],
    }


def dumps(value, ensure_ascii=False):
    return json.dumps(value, indent=2, ensure_ascii=ensure_ascii) + "\n"


def edited(change, **kwargs):
    """A sidecar of TEXT as JSON text, after change(sidecar)."""
    s = sidecar(**kwargs)
    change(s)
    return dumps(s)


def replaced(old, new, value=None):
    """The JSON text of a valid sidecar with `old` (found once) replaced."""
    text = dumps(value if value is not None else sidecar())
    assert text.count(old) == 1, old
    return text.replace(old, new)


def deep_object(depth, leaf):
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


def annotated(sidecar_json, article=TEXT, name="a.txt", **more):
    """The files of a corpus folder c/ holding one annotated article."""
    files = {"c/" + name: article, "c/" + name + ".annotations.json": sidecar_json}
    files.update(more)
    return files


def jsonl_record(path, text, mentions=()):
    """A Glossator jsonl line (as exported) for an article `path`."""
    s = sidecar(text, os.path.basename(path), mentions)
    record = {"id": os.path.splitext(path)[0], "path": path, "text": text, "metadata": None}
    record.update(s)
    return json.dumps(record, ensure_ascii=False) + "\n"


def lines_of(*records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def schema(labels=None, **more):
    value = {"format": "glossator-schema", "version": 1,
             "labels": labels if labels is not None else [
                 {"name": "PERSON", "color": "#3584e4", "key": "p"},
                 {"name": "GPE", "color": "#e66100", "key": "g"}]}
    value.update(more)
    return dumps(value)


# The catalogue

CASES = []


def case(name, files, argv, status, out=(), err=(),
     created=(),
     secret=(), env=None):
    """One bad input. `files`: path → str (written as UTF-8, no newline
    translation), bytes, Link or Folder. `argv`: the CLI's arguments, run in
    the case's folder ({d} is that folder). `out`/`err`: every line of
    standard output/error, exactly. `created`: the names (files and
    folders) the command may add, each path → bytes or None (any content).
    `secret`: strings no output may contain."""
    assert name not in [c["name"] for c in CASES], name
    CASES.append({"name": name, "files": files, "argv": argv, "status": status,
                  "out": list(out), "err": list(err),
                  "created": created if isinstance(created, dict) else {p: None for p in created},
                  "secret": list(secret)})


# What validate and stats print around the lines of a case.
CHECKED_1_INVALID = "1 sidecar checked: 0 valid, 1 invalid"
CHECKED_1_VALID = "1 sidecar checked: 1 valid, 0 invalid"
CHECKED_0 = "0 sidecars checked: 0 valid, 0 invalid"


def stats_of(documents, todo, without_sidecar):
    return ["Documents          %d" % documents,
            "  todo             %d" % todo,
            "  in-progress      0",
            "  done             0",
            "  without sidecar  %d" % without_sidecar,
            "Mentions           0",
            "Entities           0",
            "Stances            0",
            "Orphaned spans     0"]


# ---- sidecars -------------------------------------------------------------

SC = "c/a.txt.annotations.json"

case("sidecar-not-json: a truncated sidecar names the file, line and column",
     annotated('{"format": "glossator-sidecar", "version": 1,\n'),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $: not JSON: unexpected end of the data at line 2, column 1 (expected a member name in quotes)"],
     err=[CHECKED_1_INVALID])

case("sidecar-invalid-utf8: the byte offset of the bad byte",
     annotated(replaced('"annotator": "Ana"', '"annotator": "An\udcff"').encode("utf-8", "surrogateescape")),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.document.annotator: not UTF-8: invalid byte at line 14, column 21 (byte offset 327)"],
     err=[CHECKED_1_INVALID])

case("sidecar-lone-surrogate: an escape that is no character",
     annotated(replaced('"name": "Entity e2"', '"name": "Zel\\ud800ensky"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.entities[1].name: invalid \\u escape: lone surrogate U+D800 at line 28, column 19"],
     err=[CHECKED_1_INVALID])

case("sidecar-nul-escape: \\u0000 in a string",
     annotated(replaced('"notes": ""', '"notes": "a\\u0000b"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.document.notes: the escape \\u0000 (a NUL character) is not supported at line 17, column 16"],
     err=[CHECKED_1_INVALID])

case("sidecar-trailing-data: a second value after the object",
     annotated(dumps(sidecar()) + '{"format": "glossator-sidecar"}\n'),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $: not JSON: data after the end of the JSON value at line 64, column 1"],
     err=[CHECKED_1_INVALID])

case("sidecar-duplicate-key: a member twice in one object",
     annotated(replaced('"start": 10,', '"start": 10, "start": 11,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: duplicate member name at line 53, column 24 (first at line 53, column 11)"],
     err=[CHECKED_1_INVALID])

case("sidecar-duplicate-key-escaped: \"\\u0065nd\" is \"end\"",
     annotated(replaced('"end": 18,', '"end": 18, "\\u0065nd": 18,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].end: duplicate member name at line 54, column 22 (first at line 54, column 11)"],
     err=[CHECKED_1_INVALID])

case("sidecar-deep-brackets: 100,000 [ stop at 512 levels, no stack overflow",
     annotated("[" * 100000),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $[0][0][0][0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 1, column 513"],
     err=[CHECKED_1_INVALID])

case("sidecar-deep-attributes: a free-form member 600 deep",
     annotated(edited(lambda s: s["mentions"][0].update(attributes=deep_object(600, "x")))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[0].attributes.a.a.a.a.a….a.a.a: nested deeper than 512 levels at line 555, column 1030"],
     err=[CHECKED_1_INVALID])

case("sidecar-offset-2-64: 2^64 is not read as -1",
     annotated(replaced('"start": 10,', '"start": 18446744073709551616,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: the number 18446744073709551616 is out of range at line 53, column 20 (JSON numbers here must fit a 64-bit integer or a double)"],
     err=[CHECKED_1_INVALID])

case("sidecar-negative-offset: a start before the text",
     annotated(replaced('"start": 10,', '"start": -3,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: -3 is out of range"],
     err=[CHECKED_1_INVALID])

case("sidecar-start-after-end: a reversed span",
     annotated(edited(lambda s: s["mentions"][1]["fragments"][0].update(start=18, end=10, exact=""))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0]: reversed span: end 10 is before start 18"],
     err=[CHECKED_1_INVALID])

case("sidecar-end-past-text: an end 7 code points past the text",
     annotated(edited(lambda s: s["mentions"][1]["fragments"][0].update(end=len(TEXT) + 7))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].end: 67 is past the end of the text (60 code points)"],
     err=[CHECKED_1_INVALID])

case("sidecar-exact-mismatch: the fragment's text is not the article's there",
     annotated(edited(lambda s: s["mentions"][0]["fragments"][0].update(exact="Pution"))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[0].fragments[0].exact: does not match the text at 0–5"],
     err=[CHECKED_1_INVALID])

case("sidecar-dangling-entity: a mention of an entity that is not there",
     annotated(edited(lambda s: s["mentions"][1].update(entity="e9"))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].entity: no entity “e9”"],
     err=[CHECKED_1_INVALID])

case("sidecar-duplicate-mention-id: two mentions m1",
     annotated(edited(lambda s: s["mentions"][1].update(id="m1"))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].id: duplicate id “m1” (first used at $.mentions[0])"],
     err=[CHECKED_1_INVALID])

case("sidecar-dangling-stance-holder: a stance held by an entity that is not there",
     annotated(edited(lambda s: s["stances"].append(
         {"id": "s1", "holder": {"type": "entity", "entity": "e7"}, "target": {"type": "unspecified"},
          "polarity": "against"}))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.stances[0].holder.entity: no entity “e7”"],
     err=[CHECKED_1_INVALID])

case("sidecar-no-fragments: a mention with an empty fragment list",
     annotated(edited(lambda s: s["mentions"][0].update(fragments=[]))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[0].fragments: a mention needs at least one fragment"],
     err=[CHECKED_1_INVALID])

case("sidecar-overlapping-fragments: one mention's fragments overlap",
     annotated(edited(lambda s: s["mentions"][1].update(fragments=[span(TEXT, 10, 15), span(TEXT, 12, 18)]))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[1].start: fragments must be in order and must not overlap"],
     err=[CHECKED_1_INVALID])

case("sidecar-empty-id: an entity id that is empty",
     annotated(edited(lambda s: (s["entities"][0].update(id=""), s["mentions"][0].update(entity="")))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.entities[0].id: an id must not be empty",
          "c/a.txt.annotations.json: error: $.mentions[0].entity: an id must not be empty"],
     err=[CHECKED_1_INVALID])

case("sidecar-bad-intensity: a stance of intensity 4",
     annotated(edited(lambda s: s["stances"].append(
         {"id": "s1", "holder": {"type": "author"}, "target": {"type": "topic", "topic": "war " + FLAG_UA},
          "polarity": "against", "intensity": 4}))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.stances[0].intensity: 4 is not an intensity (1, 2 or 3)"],
     err=[CHECKED_1_INVALID])

case("sidecar-unknown-polarity: kept, with a warning",
     annotated(edited(lambda s: s["stances"].append(
         {"id": "s1", "holder": {"type": "author"}, "target": {"type": "topic", "topic": "war " + FLAG_UA},
          "polarity": "furious"}))),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: $.stances[0]: polarity “furious” is not in the label schema; it is kept"],
     err=[CHECKED_1_VALID])

case("sidecar-unknown-label: kept, with a warning",
     annotated(replaced('"label": "PERSON",\n      "entity": "e2"', '"label": "WEAPON",\n      "entity": "e2"')),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: $.mentions[1]: label “WEAPON” is not in the label schema; it is kept"],
     err=[CHECKED_1_VALID])

case("sidecar-unknown-offset-unit: offsets in UTF-16 units are not read as code points",
     annotated(replaced('"offset_unit": "codepoint"', '"offset_unit": "utf16"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.offset_unit: offsets in “utf16” are not supported (expected codepoint)"],
     err=[CHECKED_1_INVALID])

case("sidecar-unknown-format: another program's JSON",
     annotated(replaced('"format": "glossator-sidecar"', '"format": "brat-json"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.format: “brat-json” is not a Glossator sidecar (expected “glossator-sidecar”)"],
     err=[CHECKED_1_INVALID])

case("sidecar-newer-version: written by a later Glossator",
     annotated(replaced('"version": 1,', '"version": 2,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.version: format version 2 is not version 1, the one this Glossator reads"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-mentions: an object for an array",
     annotated(edited(lambda s: s.update(mentions={"m1": s["mentions"][0]}))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions: expected an array, found an object"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-start: a string for a number",
     annotated(replaced('"start": 10,', '"start": "10",')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: expected a whole number, found a string"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-fraction: 10.5 for an offset",
     annotated(replaced('"start": 10,', '"start": 10.5,')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: expected a whole number, found a number"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-label: a number for a label",
     annotated(replaced('"label": "PERSON",\n      "entity": "e2"', '"label": 7,\n      "entity": "e2"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.mentions[1].label: expected a string, found a number"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-status: a status that is none",
     annotated(replaced('"status": "in-progress"', '"status": "finished"')),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.document.status: unknown status “finished” (expected todo, in-progress or done)"],
     err=[CHECKED_1_INVALID])

case("sidecar-wrong-type-root: an array at the top",
     annotated("[" + dumps(sidecar()) + "]\n"),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $: expected a JSON object at the top, found an array"],
     err=[CHECKED_1_INVALID])

case("sidecar-missing-article-member: no sha256",
     annotated(edited(lambda s: s["article"].pop("sha256"))),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $.article.sha256: missing"],
     err=[CHECKED_1_INVALID])

case("sidecar-empty-file: zero bytes",
     annotated(""),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $: not JSON: no value, only white space or nothing at line 1, column 1"],
     err=[CHECKED_1_INVALID])

case("sidecar-bom: a UTF-8 byte order mark before the JSON is allowed",
     annotated(BOM + dumps(sidecar())),
     ["validate", "c"], 0,
     out=[],
     err=[CHECKED_1_VALID])

case("sidecar-utf16: a UTF-16 sidecar is not UTF-8",
     annotated(dumps(sidecar()).encode("utf-16")),
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: $: not JSON: unexpected character at line 1, column 1 (expected a value)"],
     err=[CHECKED_1_INVALID])

case("sidecar-orphaned-span: the article lost a mention's text",
     annotated(dumps(sidecar()), article=TEXT.replace("Zelensky", "the minister")),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: the article changed since the annotations were saved: 0 spans moved, 1 orphaned",
          "c/a.txt.annotations.json: warning: $.mentions[1].fragments[0]: orphaned: “Zelensky” is no longer in the text; kept and marked"],
     err=[CHECKED_1_VALID])

ZWJ_TEXT = "Family " + FAMILY + ", flag " + FLAG_UA + ", " + CAFE_NFD + " owners.\n"
case("sidecar-split-zwj: a span ending inside a ZWJ sequence",
     annotated(dumps(sidecar(ZWJ_TEXT, mentions=[(7, 9, "MISC", "e1")])), article=ZWJ_TEXT),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: $.mentions[0].fragments[0].end: 9 splits a grapheme cluster (an emoji sequence, a flag, or a letter and its combining marks)"],
     err=[CHECKED_1_VALID])

case("sidecar-split-flag: a span taking half a flag",
     annotated(dumps(sidecar(ZWJ_TEXT, mentions=[(19, 20, "MISC", "e1")])), article=ZWJ_TEXT),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: $.mentions[0].fragments[0].end: 20 splits a grapheme cluster (an emoji sequence, a flag, or a letter and its combining marks)"],
     err=[CHECKED_1_VALID])

case("sidecar-split-combining: a span leaving the combining accent out",
     annotated(dumps(sidecar(ZWJ_TEXT, mentions=[(23, 27, "MISC", "e1")])), article=ZWJ_TEXT),
     ["validate", "c"], 0,
     out=["c/a.txt.annotations.json: warning: $.mentions[0].fragments[0].end: 27 splits a grapheme cluster (an emoji sequence, a flag, or a letter and its combining marks)"],
     err=[CHECKED_1_VALID])

case("sidecar-without-article: a sidecar whose article is gone",
     {SC: dumps(sidecar())},
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: sidecar without its article: there is no “a.txt” beside it"],
     err=[CHECKED_1_INVALID])

case("sidecar-is-a-folder: a folder where the sidecar should be",
     {"c/a.txt": TEXT, SC + "/x": "x"},
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: Is a directory"],
     err=[CHECKED_1_INVALID])

case("sidecar-is-a-pipe: refused, not waited on",
     {"c/a.txt": TEXT, SC: Fifo()},
     ["validate", "c"], 1,
     out=["c/a.txt.annotations.json: error: not a regular file (a pipe, a socket or a device); not read"],
     err=[CHECKED_1_INVALID])

case("sidecar-is-a-pipe-stats: stats is not stuck either",
     {"c/a.txt": TEXT, SC: Fifo(), "c/b.txt": "Kyiv.\n"},
     ["stats", "c"], 1,
     out=stats_of(1, 1, 1),
     err=["c/a.txt.annotations.json: error: not a regular file (a pipe, a socket or a device); not read"])

case("sidecar-is-a-pipe-export: the other documents written",
     {"c/a.txt": TEXT, SC: Fifo(), "c/b.txt": "Kyiv.\n"},
     ["export", "--to", "conll", "-o", "out.conll", "c"], 1,
     out=[],
     err=["c/a.txt.annotations.json: error: not a regular file (a pipe, a socket or a device); not read",
          "documents: 1; mentions written: 0 of 0; entities: 0; stances written: 0 of 0; sentences: 1; tokens: 2 (cut at a mention edge: 0)",
          "warnings: 0; documents not exported: 1"],
     created=["out.conll"])

case("sidecar-link-outside: a sidecar linking out of the corpus is not read",
     {"c/a.txt": TEXT, SC: Link("../outside/s.json"), "outside/s.json": '{"x": "' + SECRET + '"'},
     ["validate", "c"], 0,
     out=[],
     err=["c/a.txt.annotations.json: warning: skipped: a link to {d}/outside/s.json, outside the folder {d}/c; not read, nor its article",
          CHECKED_0],
     secret=[SECRET])

case("stats-bad-sidecar: stats names the sidecar and leaves it out",
     annotated(replaced('"start": 10,', '"start": -3,'), **{"c/b.txt": "Kyiv.\n"}),
     ["stats", "c"], 1,
     out=stats_of(1, 1, 1),
     err=["c/a.txt.annotations.json: error: $.mentions[1].fragments[0].start: -3 is out of range"])

case("export-bad-sidecar: export leaves the document out, the others written",
     annotated(replaced('"version": 1,', '"version": 1, "version": 1,'), **{"c/b.txt": "Kyiv " + FLAG_UA + ".\n"}),
     ["export", "--to", "jsonl", "-o", "out.jsonl", "c"], 1,
     out=[],
     err=["c/a.txt.annotations.json: error: $.version: duplicate member name at line 3, column 17 (first at line 3, column 3)",
          "documents: 1; mentions written: 0 of 0; entities: 0; stances written: 0 of 0",
          "warnings: 0; documents not exported: 1"],
     created=["out.jsonl"])


# ---- label schemas ----------------------------------------------------------

GOOD = dumps(sidecar())

case("schema-not-json: a link to a file that is no JSON; nothing of it is quoted",
     annotated(GOOD, **{"c/glossator-schema.json": Link("notes/shadow"),
                        "c/notes/shadow": "root:$6$" + SECRET + ":19000:0:99999:7:::\n"}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $: not JSON: unexpected character at line 1, column 1 (expected a value)",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID],
     secret=[SECRET, "root:"])

case("schema-bad-colour: a colour that is no #rrggbb",
     annotated(GOOD, **{"c/glossator-schema.json": schema([{"name": "PERSON", "color": "blue-ish"}])}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.labels[0].color: expected a colour like #3584e4",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-duplicate-label: PERSON twice",
     annotated(GOOD, **{"c/glossator-schema.json": schema([{"name": "PERSON", "color": "#3584e4"},
                                                           {"name": "PERSON", "color": "#e66100"}])}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.labels[1]: duplicate label name “PERSON” (also $.labels[0])",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-duplicate-shortcut-key: two labels on the key p",
     annotated(GOOD, **{"c/glossator-schema.json": schema([{"name": "PERSON", "color": "#3584e4", "key": "p"},
                                                           {"name": "PLACE", "color": "#e66100", "key": "p"}])}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.labels[1]: duplicate label key “p” (also $.labels[0])",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-colours-alike: GPE and LOC in two greens",
     annotated(GOOD, **{"c/glossator-schema.json": schema([{"name": "PERSON", "color": "#3584e4"},
                                                           {"name": "GPE", "color": "#26a269"},
                                                           {"name": "LOC", "color": "#2190a4"}])}),
     ["validate", "c"], 0,
     out=["c/glossator-schema.json: warning: $.labels[2].color: the mentions of “GPE” and “LOC” look alike in the light style (their tints are ΔE00 9.5 apart, 10 or more tells them apart)"],
     err=[CHECKED_1_VALID])

case("schema-duplicate-member: \"labels\" twice",
     annotated(GOOD, **{"c/glossator-schema.json": schema().replace('"labels": [', '"labels": [], "labels": [', 1)}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.labels: duplicate member name at line 4, column 17 (first at line 4, column 3)",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-deep-nesting: a description 1,000 arrays deep",
     annotated(GOOD, **{"c/glossator-schema.json": schema().replace('"key": "p"', '"key": "p", "x": ' + "[" * 1000 + "]" * 1000, 1)}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.labels[0].x[0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 8, column 533",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-link-outside: a schema linking out of the corpus is not followed",
     annotated(GOOD, **{"c/glossator-schema.json": Link("../elsewhere/glossator-schema.json"),
                        "elsewhere/glossator-schema.json": schema()}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: a symbolic link to a file outside {d}/c; Glossator does not follow it, replace the link with a copy of the file",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=["c/glossator-schema.json: warning: skipped: a link to {d}/elsewhere/glossator-schema.json, outside the folder {d}/c; not read",
          CHECKED_1_INVALID])

case("schema-pipe: a pipe named as the schema is reported, not waited on nor passed over",
     annotated(GOOD, **{"c/glossator-schema.json": Fifo()}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: not a regular file (a pipe, a socket or a device); not read",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])

case("schema-wrong-format: a sidecar's format name in a schema",
     annotated(GOOD, **{"c/glossator-schema.json": schema(format="glossator-sidecar")}),
     ["validate", "c"], 1,
     out=["c/glossator-schema.json: error: $.format: “glossator-sidecar” is not a Glossator label schema (expected “glossator-schema”)",
          "c/a.txt.annotations.json: error: the label schema c/glossator-schema.json is invalid"],
     err=[CHECKED_1_INVALID])


# ---- articles ---------------------------------------------------------------

case("article-invalid-utf8: Latin-1 bytes, the offset of the first",
     annotated(GOOD, article=b"Putin met Zelensky in Caf\xe9 Kyiv.\r\n"),
     ["validate", "c"], 1,
     out=["c/a.txt: error: invalid UTF-8 at byte 25"],
     err=[CHECKED_1_INVALID])

case("article-invalid-utf8-stats: a truncated emoji, stats names the article",
     annotated(GOOD, article=b"Putin \xf0\x9f\x98 met\n"),
     ["stats", "c"], 1,
     out=stats_of(0, 0, 0),
     err=["c/a.txt: error: invalid UTF-8 at byte 6"])

case("article-invalid-utf8-export: an article without sidecar is read too",
     {"c/a.txt": TEXT.encode() + b"\xc3(\r\n", "c/b.txt": "Kyiv " + FLAG_UA + ".\n"},
     ["export", "--to", "conll", "-o", "out.conll", "c"], 1,
     out=[],
     err=["c/a.txt: error: invalid UTF-8 at byte 80",
          "documents: 1; mentions written: 0 of 0; entities: 0; stances written: 0 of 0; sentences: 1; tokens: 3 (cut at a mention edge: 0)",
          "warnings: 0; documents not exported: 1"],
     created=["out.conll"])

case("article-nul-bytes: a binary file named .txt",
     annotated(GOOD, article=b"Putin\x00met\x00Zelensky\n"),
     ["validate", "c"], 1,
     out=["c/a.txt: error: contains NUL bytes at byte 5; binary files cannot be annotated"],
     err=[CHECKED_1_INVALID])

case("article-json-without-text: a news record with neither title nor text",
     {"c/n.json": json.dumps({"url": "https://example.org/a", "date": "2026-11-28"}) + "\n",
      "c/n.json.annotations.json": dumps(sidecar("x", "n.json", mentions=()))},
     ["validate", "c"], 1,
     out=["c/n.json: error: not a news record: no “title”, “text” or “body” member; a news record is a JSON object with “title” and “text” or “body”"],
     err=[CHECKED_1_INVALID])

case("article-json-not-json: a news record that is not JSON",
     {"c/n.json": '{"title": "Kyiv", "text": ' + "\n",
      "c/n.json.annotations.json": dumps(sidecar("x", "n.json", mentions=()))},
     ["validate", "c"], 1,
     out=["c/n.json: error: $.text: not JSON: unexpected end of the data at line 2, column 1 (expected a value)"],
     err=[CHECKED_1_INVALID])

case("article-too-large: past 128 MiB, refused before it is read",
     annotated(GOOD, article=Sparse(b"Putin met Zelensky.\n", 128 * 1024 * 1024 + 1)),
     ["validate", "c"], 1,
     out=["c/a.txt: error: too large (134217729 bytes); the limit is 128 MiB (134217728 bytes)"],
     err=[CHECKED_1_INVALID])

case("article-too-large-export: the other documents written",
     {"c/a.txt": Sparse(b"Kyiv.\n", 128 * 1024 * 1024 + 1), "c/b.txt": "Lviv " + FLAG_UA + ".\n"},
     ["export", "--to", "doccano", "-o", "out.jsonl", "c"], 1,
     out=[],
     err=["c/a.txt: error: too large (134217729 bytes); the limit is 128 MiB (134217728 bytes)",
          "documents: 1; mentions written: 0 of 0; entities: 0; stances written: 0 of 0",
          "warnings: 0; documents not exported: 1"],
     created=["out.jsonl"])

case("article-link-outside: validate reports the link and reads nothing",
     {"c/a.txt": TEXT, "c/leak.txt": Link("{d}/outside/s.txt"), "outside/s.txt": SECRET + " words.\n",
      "outside/s.txt.annotations.json": dumps(sidecar(SECRET + " words.\n", "s.txt", mentions=()))},
     ["validate", "c"], 0,
     out=[],
     err=["c/leak.txt: warning: skipped: a link to {d}/outside/s.txt, outside the folder {d}/c; not read",
          CHECKED_0],
     secret=[SECRET])

case("article-link-outside-export: the linked text is not exported",
     {"c/a.txt": TEXT, "c/leak.txt": Link("../outside/s.txt"), "outside/s.txt": SECRET + " words.\n"},
     ["export", "--to", "jsonl", "-o", "out.jsonl", "c"], 0,
     out=[],
     err=["c/leak.txt: warning: skipped: a link to {d}/outside/s.txt, outside the folder {d}/c; not read",
          "documents: 1; mentions written: 0 of 0; entities: 0; stances written: 0 of 0"],
     created=["out.jsonl"],
     secret=[SECRET])

case("article-link-outside-stats: the linked text is not counted",
     {"c/a.txt": TEXT, "c/leak.txt": Link("../outside/s.txt"), "outside/s.txt": SECRET + " words.\n"},
     ["stats", "c"], 0,
     out=stats_of(1, 1, 1),
     err=["c/leak.txt: warning: skipped: a link to {d}/outside/s.txt, outside the folder {d}/c; not read"],
     secret=[SECRET])


# ---- export outputs ---------------------------------------------------------

CORPUS = annotated(GOOD, **{"c/a.txt.annotations.json~": dumps(sidecar()),
                            "c/glossator-schema.json": schema(),
                            "c/sub/b.md": "# Kyiv " + FLAG_UA + "\r\n\r\nZelensky spoke.\r\n"})

case("export-onto-article: -o naming an article of the corpus",
     CORPUS, ["export", "--to", "conll", "-o", "c/a.txt", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/a.txt is an article of the corpus being exported; choose an output outside the corpus"])

case("export-onto-sidecar: -o naming a sidecar of the corpus",
     CORPUS, ["export", "--to", "jsonl", "-o", "c/a.txt.annotations.json", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/a.txt.annotations.json is a sidecar of the corpus being exported; choose an output outside the corpus"])

case("export-onto-backup: the ~ backup of a sidecar",
     CORPUS, ["export", "--to", "jsonl", "-o", "c/a.txt.annotations.json~", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/a.txt.annotations.json~ is a backup of the corpus being exported; choose an output outside the corpus"])

case("export-onto-schema: -o naming the label schema, by its absolute path",
     CORPUS, ["export", "--to", "jsonl", "-o", "{d}/c/glossator-schema.json", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/glossator-schema.json is the label schema of the corpus being exported; choose an output outside the corpus"])

case("export-onto-article-via-dotdot: c/sub/../a.txt",
     CORPUS, ["export", "--to", "conll", "-o", "c/sub/../a.txt", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/a.txt is an article of the corpus being exported; choose an output outside the corpus"])

case("export-inside-via-dotdot: a new file in the corpus named from beside it",
     CORPUS, ["export", "--to", "conll", "-o", "x/../c/sub/new.conll", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/sub/new.conll is inside the corpus folder {d}/c, where exported files would be read as articles; choose an output outside the corpus"])

case("export-onto-article-via-link: a link beside the corpus leading onto an article",
     dict(CORPUS, **{"view": Link("c")}),
     ["export", "--to", "conll", "-o", "view/sub/b.md", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/view/sub/b.md is an article of the corpus being exported; choose an output outside the corpus"])

case("export-inside-via-link: a new file in the corpus through a linked folder",
     dict(CORPUS, **{"view": Link("{d}/c/sub")}),
     ["export", "--to", "hf-jsonl", "-o", "view/train.jsonl", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/view/train.jsonl is inside the corpus folder {d}/c, where exported files would be read as articles; choose an output outside the corpus"])

case("export-brat-inside: a brat folder inside the corpus",
     CORPUS, ["export", "--to", "brat", "-o", "c/brat", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d}/c/brat is inside the corpus folder {d}/c, where exported files would be read as articles; choose an output outside the corpus"])

case("export-brat-holding-corpus: a brat folder around the corpus",
     CORPUS, ["export", "--to", "brat", "-o", ".", "c"], 1,
     out=[],
     err=["glossator-cli export: error: {d} holds the corpus folder {d}/c, whose files the export could replace; choose a folder beside the corpus"])

case("export-brat-not-empty: a folder holding the user's own a.txt",
     dict(CORPUS, **{"out/a.txt": "my own notes\n", "out/a.ann": "T1\tX 0 2\tmy\n"}),
     ["export", "--to", "brat", "-o", "out", "c"], 1,
     out=[],
     err=["out: error: the folder is not empty; files in it with the names of exported ones would be replaced (export into a new folder, or give --force)"])

case("export-hf-not-empty: a folder holding a README.md",
     dict(CORPUS, **{"out/README.md": "# my dataset\n"}),
     ["export", "--to", "hf-jsonl", "-o", "out", "c"], 1,
     out=[],
     err=["out: error: the folder is not empty; files in it with the names of exported ones would be replaced (export into a new folder, or give --force)"])

case("export-unknown-format: --to xlsx",
     CORPUS, ["export", "--to", "xlsx", "-o", "out.xlsx", "c"], 2,
     out=[],
     err=["glossator-cli export: unknown format “xlsx” (one of jsonl, conll, hf-jsonl, brat, stance-tsv, doccano, label-studio)",
          "Run “glossator-cli help export” for its usage."])

case("export-no-format: no --to",
     CORPUS, ["export", "c"], 2,
     out=[],
     err=["glossator-cli export: no format given (--to FORMAT, one of jsonl, conll, hf-jsonl, brat, stance-tsv, doccano, label-studio)",
          "Run “glossator-cli help export” for its usage."])

case("export-bad-option-value: --nested=middle",
     CORPUS, ["export", "--to", "conll", "--nested=middle", "-o", "out.conll", "c"], 2,
     out=[],
     err=["glossator-cli export: option “nested” takes one of outermost|innermost, not “middle”",
          "Run “glossator-cli help export” for its usage."])

case("export-bad-option-columns: --columns=3",
     CORPUS, ["export", "--to", "conll", "--columns=3", "-o", "out.conll", "c"], 2,
     out=[],
     err=["glossator-cli export: option “columns” takes one of 2|4, not “3”",
          "Run “glossator-cli help export” for its usage."])

case("export-option-of-another-format: --offset-unit for conll",
     CORPUS, ["export", "--to", "conll", "--offset-unit=utf16", "-o", "out.conll", "c"], 2,
     out=[],
     err=["glossator-cli export: the conll format has no export option “offset-unit”",
          "Run “glossator-cli help export” for its usage."])

case("export-bad-threads: --threads=-1",
     CORPUS, ["export", "--to", "jsonl", "--threads=-1", "c"], 2,
     out=[],
     err=["glossator-cli export: --threads takes a number from 0",
          "Run “glossator-cli help export” for its usage."])

case("export-threads-not-a-number: --threads=many",
     CORPUS, ["export", "--to", "jsonl", "--threads=many", "c"], 2,
     out=[],
     err=["glossator-cli export: Cannot parse integer value “many” for --threads",
          "Run “glossator-cli help export” for its usage."])

case("export-brat-without-output: brat writes a folder",
     CORPUS, ["export", "--to", "brat", "c"], 2,
     out=[],
     err=["glossator-cli export: the brat format writes a folder: name it with -o",
          "Run “glossator-cli help export” for its usage."])

case("export-output-folder-missing: -o in a folder that does not exist",
     CORPUS, ["export", "--to", "jsonl", "-o", "nowhere/out.jsonl", "c"], 1,
     out=[],
     err=["nowhere/out.jsonl: error: No such file or directory"])

case("export-output-is-a-folder: -o naming a folder for a file format",
     dict(CORPUS, **{"out": Folder()}),
     ["export", "--to", "jsonl", "-o", "out", "c"], 1,
     out=[],
     err=["out: error: Is a directory"])


# ---- import -----------------------------------------------------------------

OK_TEXT = "Zelensky met Putin in Kyiv " + FLAG_UA + ".\n"
OK_LINE = jsonl_record("ok.txt", OK_TEXT, [(0, 8, "PERSON", "e1")])


def doccano(text, labels, **more):
    return dict({"text": text, "label": labels}, **more)


def imported(*names):
    """The files an import writes for the articles `names` under out/."""
    return [n for name in names for n in ("out/" + name, "out/" + name + ".annotations.json")]


case("import-jsonl-malformed-line: the line number, the other lines imported",
     {"d.jsonl": OK_LINE + '{"id": "b", "path": "b.txt", "text": \n'
                 + jsonl_record("c.txt", "Kyiv " + FAMILY + ".\r\n"), "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 2: $.text: not JSON: unexpected end of the data at line 2, column 38 (expected a value)"],
     created=imported("c.txt", "ok.txt"))

case("import-jsonl-trailing-data: a line with two values",
     {"d.jsonl": OK_LINE.rstrip("\n") + ' {"x": 1}\n', "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 1: $: not JSON: data after the end of the JSON value at line 1, column 740"])

case("import-jsonl-lone-surrogate: a line holding \\udc00",
     {"d.jsonl": OK_LINE.replace("Zelensky met", "Zelensky\\udc00met", 1), "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 1: $.text: invalid \\u escape: lone surrogate U+DC00 at line 1, column 49"])

case("import-jsonl-invalid-utf8: a Latin-1 byte on line 2",
     {"d.jsonl": OK_LINE.encode() + b'{"title": "Caf\xe9", "text": "x"}\n', "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: not UTF-8: invalid byte at offset 765 (convert the file to UTF-8 first)"],
     created=[])

case("import-jsonl-invalid-utf8-after-bom: the offset counted after the BOM",
     {"d.jsonl": b"\xef\xbb\xbf" + b'{"title": "Caf\xe9", "text": "x"}\n', "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: not UTF-8: invalid byte at offset 14 (convert the file to UTF-8 first)"],
     created=[])

case("import-jsonl-deep-brackets: 100,000 [ in an import file",
     {"d.jsonl": "[" * 100000 + "\n", "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: $[0][0][0][0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 1, column 513"])

case("import-jsonl-bad-offset: a mention past the end of the text",
     {"d.jsonl": jsonl_record("a.txt", "Kyiv.\n", [(0, 4, "GPE", "e1")]).replace('"end": 4', '"end": 40')
                 + OK_LINE, "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 1: $.mentions[0].fragments[0].end: 40 is past the end of the text (6 code points)"],
     created=imported("ok.txt"))

IMPORTED_ONE_OF_TWO = ("documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; "
                       "stances: 0; warnings: 0; errors: 1")
for bad_path, why in [
        (".git/config", "“.git” is hidden (starts with a dot)"),
        (".hidden/a.txt", "“.hidden” is hidden (starts with a dot)"),
        ("a.sh", "“a.sh” is not an article name (.txt, .md, .markdown, .json, .html or .htm)"),
        ("glossator-schema.json", "“glossator-schema.json” is the name of a label schema"),
        ("x.annotations.json", "“x.annotations.json” is the name of a sidecar"),
        ("a.txt~", "“a.txt~” is the name of a backup (ends with ~)"),
        ("../x.txt", "its path leads out of the folder it is imported into"),
        ("{d}/abs.txt", "its path leads out of the folder it is imported into")]:
    case("import-jsonl-name: the path %s is not written" % bad_path.replace("{d}", "/…"),
         {"d.jsonl": OK_LINE + jsonl_record(bad_path, "Text of the record.\n"), "out": Folder()},
         ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
         out=[IMPORTED_ONE_OF_TWO],
         err=["d.jsonl: error: line 2: not imported: " + why],
         created=imported("ok.txt"))

case("import-jsonl-link-in-output: a linked folder inside -o leading outside",
     {"d.jsonl": OK_LINE + jsonl_record("sub/evil.txt", "Evil.\n"),
      "out/sub": Link("../elsewhere"), "elsewhere/keep.txt": "Kept.\n"},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 1; not written: 1; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: sub/evil.txt: error: line 2: “sub” is a symbolic link; nothing is read or written through links; not written"],
     created=imported("ok.txt"))

case("import-jsonl-article-differs: an existing article keeps its bytes",
     {"d.jsonl": jsonl_record("a.txt", "Other text " + FAMILY + ".\n") + OK_LINE,
      "out/a.txt": (BOM + TEXT).encode()},
     ["import", "--from", "jsonl", "--force", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 1; not written: 1; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: a.txt: error: line 1: {d}/out/a.txt exists with other contents; not replaced (--replace-articles replaces it, keeping it as a.txt~)"],
     created={"out/ok.txt": OK_TEXT.encode(), "out/ok.txt.annotations.json": None})

case("import-jsonl-exact-mismatch: a stored span text that is not the text there",
     {"d.jsonl": jsonl_record("a.txt", "Kyiv " + FLAG_UA + ".\n", [(0, 4, "GPE", "e1")]).replace(
         '"exact": "Kyiv"', '"exact": "Lviv"') + OK_LINE, "out": Folder()},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 1: $.mentions[0].fragments[0].exact: does not match the text at 0–4"],
     created=imported("ok.txt"))

case("import-jsonl-sidecar-exists: not replaced without --force",
     {"d.jsonl": jsonl_record("a.txt", TEXT), "out/a.txt": TEXT, "out/a.txt.annotations.json": GOOD},
     ["import", "--from", "jsonl", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 0; not written: 1; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: a.txt: error: line 1: {d}/out/a.txt.annotations.json exists; not overwritten (--force replaces it)"])

case("import-doccano-malformed-line: line 2 of 3",
     {"d.jsonl": lines_of(doccano("Kyiv " + FLAG_UA, [[0, 4, "GPE"]], id=1)) + "{not json\n"
                 + lines_of(doccano("Lviv.", [[0, 4, "GPE"]], id=3)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 2; entities: 2; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["d.jsonl: error: line 2: $: not JSON: unexpected character at line 2, column 2 (expected a member name in quotes)"],
     created=imported("d-1.txt", "d-3.txt"))

case("import-doccano-offset-out-of-range: the span reported, the other record imported",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[0, 40, "GPE"]], id=1),
                          doccano("Lviv.", [[0, 4, "GPE"]], id=2)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["d.jsonl: d-1.txt: error: line 1: label[0]: [0, 40) ends past the text (5 code points)"],
     created=imported("d-1.txt", "d-2.txt"))

case("import-doccano-negative-offset: a span starting at -1",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[-1, 4, "GPE"]], id=1)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["d.jsonl: d-1.txt: error: line 1: label[0]: [-1, 4) starts before the text"],
     created=imported("d-1.txt"))

case("import-doccano-utf16-splits-surrogate-pair: a span ending inside 🇺",
     {"d.jsonl": lines_of(doccano("Kyiv " + FLAG_UA + " now.", [[5, 6, "MISC"]], id=1)), "out": Folder()},
     ["import", "--from", "doccano", "--offset-unit=utf16", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: UTF-16 code units (1)"],
     err=["d.jsonl: d-1.txt: error: line 1: label[0]: [5, 6) splits a surrogate pair (UTF-16 offsets inside an emoji or other character beyond U+FFFF)"],
     created=imported("d-1.txt"))

case("import-doccano-unit-not-guessed: offsets that read differently in the two units, no unit given",
     {"d.jsonl": lines_of(doccano("Family " + FAMILY + ".", [[7, 9, "MISC"]], id=1)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: not imported: the offsets read differently in code points and in UTF-16 code units (line 1: [7, 9) is “👩\u200d” in code points, “👩” in UTF-16 code units), and doccano records hold no span text to tell. doccano's web interface counts UTF-16 code units; doccano's Python and command line export, and spaCy, count code points: give --offset-unit=utf16 or --offset-unit=codepoint"])

case("import-doccano-codepoint-splits-zwj: a warning, the span kept",
     {"d.jsonl": lines_of(doccano("Family " + FAMILY + ".", [[7, 9, "MISC"]], id=1)), "out": Folder()},
     ["import", "--from", "doccano", "--offset-unit=codepoint", "-o", "out", "d.jsonl"], 0,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 1; errors: 0",
          "offsets read as: code points (1)"],
     err=["d.jsonl: d-1.txt: warning: line 1: label[0]: [7, 9) cuts a character made of several code points (offsets in another unit? see offset-unit)"],
     created=imported("d-1.txt"))

case("import-doccano-article-differs: the other record imported, the article byte-identical",
     {"d.jsonl": lines_of(doccano("Kyiv " + FLAG_UA + ".\n", [[0, 4, "GPE"]], id=1),
                          doccano("Lviv.\n", [[0, 4, "GPE"]], id=2)),
      "out/d-1.txt": "Kyiv " + FLAG_UA + ".\r\n"},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 1; not written: 1; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["d.jsonl: d-1.txt: error: line 1: {d}/out/d-1.txt exists with other contents; not replaced (--replace-articles replaces it, keeping it as d-1.txt~)"],
     created={"out/d-2.txt": b"Lviv.\n", "out/d-2.txt.annotations.json": None})

case("import-doccano-deep-meta: metadata that would make an unreadable sidecar",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[0, 4, "GPE"]], id=1, meta=deep_object(509, "x")),
                          doccano("Lviv.", [[0, 4, "GPE"]], id=2)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 1; not written: 1; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["d.jsonl: d-1.txt: error: line 1: the sidecar would not read back: $.document.attributes.doccano.record.meta.a.a.a….a.a.a: nested deeper than 512 levels at line 528, column 1030; not written"],
     created=imported("d-2.txt"))

case("import-doccano-deep-brackets: 100,000 [ in a line",
     {"d.jsonl": '{"text": "Kyiv.", "label": ' + "[" * 100000 + "\n", "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.jsonl: error: line 1: $.label[0][0][0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 1, column 539"])

case("import-doccano-label-not-string: a number for a label",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[0, 4, 17]], id=1)), "out": Folder()},
     ["import", "--from", "doccano", "-o", "out", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["d.jsonl: d-1.txt: error: line 1: label[0]: not a span ([start, end, \"label\"] or {\"start_offset\", \"end_offset\", \"label\"}); kept as it is"],
     created=imported("d-1.txt"))


def ls_task(text, start, end, span_text, id=1):
    return {"id": id, "data": {"text": text}, "annotations": [{"result": [
        {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
         "value": {"start": start, "end": end, "text": span_text, "labels": ["GPE"]}}]}]}


case("import-label-studio-text-mismatch: the region's text is not the text there",
     {"t.json": json.dumps([ls_task("Kyiv " + FLAG_UA + ".", 0, 4, "Lviv"),
                            ls_task("Odesa.", 0, 5, "Odesa", id=2)], ensure_ascii=False), "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["t.json: t-1.txt: error: $[0]: annotations[0]: value.text “Lviv” is not “Kyiv”, what [0, 4) covers in code points; kept as it is"],
     created=imported("t-1.txt", "t-2.txt"))

case("import-label-studio-out-of-range: a region past the text",
     {"t.json": json.dumps([ls_task("Kyiv.", 0, 99, "Kyiv.")]), "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["t.json: t-1.txt: error: $[0]: annotations[0]: [0, 99) ends past the text (5 code points); kept as it is"],
     created=imported("t-1.txt"))

case("import-label-studio-utf16-splits-surrogate-pair: no unit makes the region's text match",
     {"t.json": json.dumps([ls_task("Kyiv " + FLAG_UA + " now.", 6, 8, "\U0001F1E6")], ensure_ascii=False),
      "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["t.json: t-1.txt: error: $[0]: annotations[0]: value.text “🇦” is not “🇦 ”, what [6, 8) covers in code points; they differ in white space only, which --lenient accepts; kept as it is"],
     created=imported("t-1.txt"))

case("import-label-studio-malformed-line: JSON Lines, line 2 broken",
     {"t.jsonl": json.dumps(ls_task("Kyiv.", 0, 4, "Kyiv")) + "\n" + '{"id": 2, "data": {"text": "Lviv"\n'
                 + json.dumps(ls_task("Odesa.", 0, 5, "Odesa", id=3)) + "\n", "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.jsonl"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 2; entities: 2; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (2)"],
     err=["t.jsonl: error: line 2: $.data.text: not JSON: unexpected end of the data at line 2, column 34 (expected “,” or “}”)"],
     created=imported("t-1.txt", "t-3.txt"))

case("import-label-studio-deep-brackets: 100,000 [",
     {"t.json": "[" * 100000, "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["t.json: error: $[0][0][0][0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 1, column 513"])

case("import-label-studio-not-json: a truncated array",
     {"t.json": '[{"id": 1, "data": {"text": "Kyiv"}},\n', "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["t.json: error: $[1]: not JSON: unexpected end of the data at line 2, column 1 (expected a value)"])

case("import-label-studio-no-text: a task without data.text",
     {"t.json": json.dumps([{"id": 1, "data": {"n": 3}, "annotations": []}]), "out": Folder()},
     ["import", "--from", "label-studio", "-o", "out", "t.json"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["t.json: error: $[0]: no text in the task's data (option text-key names its member)"])

case("import-brat-ann-link-outside: a .ann linking outside is not read",
     {"b/a.txt": "Kyiv " + FLAG_UA + ".\n", "b/a.ann": "T1\tGPE 0 4\tKyiv\n",
      "b/c.txt": "TOP\n", "b/c.ann": Link("../secret/s.ann"), "secret/s.ann": "T1\tMISC 0 3\t" + SECRET + "\n",
      "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["b: error: {d}/b/c.ann: a link to {d}/secret/s.ann, outside the folder {d}/b; not read"],
     created=imported("a.txt"),
     secret=[SECRET])

case("import-brat-pipes: a pipe as a .ann or as a .txt is not waited on",
     {"b/a.txt": "Kyiv " + FLAG_UA + ".\n", "b/a.ann": "T1\tGPE 0 4\tKyiv\n",
      "b/p.txt": "Lviv.\n", "b/p.ann": Fifo(), "b/q.txt": Fifo(), "b/q.ann": "T1\tGPE 0 5\tOdesa\n",
      "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 2",
          "offsets read as: code points (1)"],
     err=["b: error: {d}/b/p.ann: not a regular file (a pipe, a socket or a device); not read",
          "b: error: {d}/b/q.txt: not a regular file (a pipe, a socket or a device); not read"],
     created=imported("a.txt"))

case("import-brat-span-mismatch: a T line whose text is not there",
     {"b/a.txt": "Kyiv " + FLAG_UA + ".\r\n", "b/a.ann": "T1\tGPE 0 4\tKyiv\nT2\tGPE 5 7\tLviv\n",
      "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["b: a.txt: error: a.ann, line 2: T2: the text “Lviv” is not “🇺🇦”, what its offsets cover (read as code points)"],
     created=imported("a.txt"))

case("import-brat-malformed-line: offsets that are no numbers; kept, with a warning",
     {"b/a.txt": "Kyiv.\n", "b/a.ann": "T1\tGPE zero 4\tKyiv\n", "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 0,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 1; errors: 0",
          "offsets read as: code points (1)"],
     err=["b: a.txt: warning: a.ann, line 1: cannot read “T1\tGPE zero 4\tKyiv”: offsets are not “START END” pairs separated by “;”; kept as it is"],
     created=imported("a.txt"))

case("import-brat-malformed-words: A, M, N and # lines with too few or too many words; kept, with warnings",
     {"b/a.txt": "Kyiv.\n",
      "b/a.ann": "T1\tGPE 0 4\tKyiv\nA1\tNegated T1 yes no\nM2\tNegated\nN1\tReference T1\n"
                 "N2\tReference T1 Wikidata:Q1899 extra\n#1\tAnnotatorNotes\tnote\n#2\tAnnotatorNotes T1 x\tnote\n",
      "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 0,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 6; errors: 0",
          "offsets read as: code points (1)"],
     err=["b: a.txt: warning: a.ann, line 2: cannot read “A1\tNegated T1 yes no”: expected “Name ID [Value]”; kept as it is",
          "b: a.txt: warning: a.ann, line 3: cannot read “M2\tNegated”: expected “Name ID [Value]”; kept as it is",
          "b: a.txt: warning: a.ann, line 4: cannot read “N1\tReference T1”: expected “Type ID DB:ID”; kept as it is",
          "b: a.txt: warning: a.ann, line 5: cannot read “N2\tReference T1 Wikidata:Q1899 extra”: expected “Type ID DB:ID”; kept as it is",
          "b: a.txt: warning: a.ann, line 6: cannot read “#1\tAnnotatorNotes\tnote”: expected “Type ID” before the note; kept as it is",
          "b: a.txt: warning: a.ann, line 7: cannot read “#2\tAnnotatorNotes T1 x\tnote”: expected “Type ID” before the note; kept as it is"],
     created=imported("a.txt"))

case("import-brat-out-of-range: offsets past the text",
     {"b/a.txt": "Kyiv.\n", "b/a.ann": "T1\tGPE 0 400\tKyiv\n", "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["b: a.txt: error: a.ann, line 1: T1: offsets outside the text"],
     created=imported("a.txt"))

case("import-brat-txt-missing: a .ann without its text",
     {"b/a.ann": "T1\tGPE 0 4\tKyiv\n", "out": Folder()},
     ["import", "--from", "brat", "-o", "out", "b"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["b: error: {d}/b/a.ann: no text beside it: a.txt is missing"])

case("import-conll-malformed-tag: a tag that is no IOB tag",
     {"d.conll": "-DOCSTART- O\n\nZelensky B-PER\nspoke X-PER\n\n-DOCSTART- O\n\nKyiv B-GPE\n", "out": Folder()},
     ["import", "--from", "conll", "-o", "out", "d.conll"], 1,
     out=["documents read: 2 (inputs: 1); written: 2; not written: 0; mentions: 2; entities: 2; stances: 0; warnings: 1; errors: 1",
          "offsets read as: tokens, IOB2 tags (2)"],
     err=["d.conll: d-1.txt: warning: label “PER” is not in the built-in label schema; kept",
          "d.conll: error: line 4: “X-PER” is not a tag (O, B-TYPE, I-TYPE, E-TYPE or S-TYPE); read as O"],
     created=imported("d-1.txt", "d-2.txt"))

case("import-conll-tag-column-missing: --tag-column past the columns",
     {"d.conll": "Kyiv B-GPE\n", "out": Folder()},
     ["import", "--from", "conll", "--tag-column=5", "-o", "out", "d.conll"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.conll: error: line 1: the tag column 5 is past the 2 columns of this line (see --tag-column)"])

case("import-conll-one-column: a token without a tag",
     {"d.conll": "Zelensky B-PER\r\nspoke\r\n", "out": Folder()},
     ["import", "--from", "conll", "-o", "out", "d.conll"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 1; errors: 1",
          "offsets read as: tokens, IOB2 tags (1)"],
     err=["d.conll: d.txt: warning: label “PER” is not in the built-in label schema; kept",
          "d.conll: error: line 2: expected a token and a tag, found one column"],
     created=imported("d.txt"))

case("import-conll-invalid-utf8: a Latin-1 byte, its offset named",
     {"d.conll": b"Kyiv B-GPE\nCaf\xe9 O\n", "out": Folder()},
     ["import", "--from", "conll", "-o", "out", "d.conll"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.conll: error: not UTF-8: invalid byte at offset 14 (convert the file to UTF-8 first)"])

case("import-conll-invalid-utf8-after-bom: the offset counted from the file's start",
     {"d.conll": b"\xef\xbb\xbfKyiv B-GPE\nCaf\xe9 O\n", "out": Folder()},
     ["import", "--from", "conll", "-o", "out", "d.conll"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["d.conll: error: not UTF-8: invalid byte at offset 17 (convert the file to UTF-8 first)"])

case("import-hf-malformed-line: line 2 cut short, line 1 imported",
     {"h.jsonl": '{"id": "a:0", "tokens": ["Kyiv"], "ner_tags": ["B-GPE"]}\n{"id": "b:0", "tokens": [\n',
      "out": Folder()},
     ["import", "--from", "hf-jsonl", "-o", "out", "h.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 1; not written: 0; mentions: 1; entities: 1; stances: 0; warnings: 0; errors: 1",
          "offsets read as: tokens (1)"],
     err=["h.jsonl: error: line 2: $.tokens[0]: not JSON: unexpected end of the data at line 2, column 26 (expected a value)"],
     created=imported("a.txt"))

case("import-hf-tags-count: fewer tags than tokens",
     {"h.jsonl": '{"id": "a:0", "tokens": ["Kyiv", "' + FLAG_UA + '"], "ner_tags": ["B-GPE"]}\n', "out": Folder()},
     ["import", "--from", "hf-jsonl", "-o", "out", "h.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["h.jsonl: error: line 1: 2 tokens but 1 tags"])

case("import-hf-tag-id-out-of-range: an id past the label list",
     {"h.jsonl": '{"id": "a:0", "tokens": ["Kyiv"], "ner_tags": [9]}\n',
      "h.labels.json": '["O", "B-GPE", "I-GPE"]\n', "out": Folder()},
     ["import", "--from", "hf-jsonl", "-o", "out", "h.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["h.jsonl: error: line 1: tag id 9 is not in the label list"])

case("import-hf-hidden-name: a document id naming a hidden folder",
     {"h.jsonl": '{"id": ".git/config:0", "tokens": ["Kyiv"], "ner_tags": ["B-GPE"]}\n', "out": Folder()},
     ["import", "--from", "hf-jsonl", "-o", "out", "h.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 0; not written: 1; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: tokens (1)"],
     err=["h.jsonl: .git/config.txt: error: not written: “.git” is hidden (starts with a dot)"])

case("import-hf-label-list-deep: a label list 100,000 [ deep",
     {"h.jsonl": '{"id": "a:0", "tokens": ["Kyiv"], "ner_tags": [1]}\n', "labels.json": "[" * 100000,
      "out": Folder()},
     ["import", "--from", "hf-jsonl", "--label-list=labels.json", "-o", "out", "h.jsonl"], 1,
     out=["documents read: 0 (inputs: 1); written: 0; not written: 0; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1"],
     err=["h.jsonl: error: {d}/labels.json: $[0][0][0][0][0][0][0][0]…[0][0][0]: nested deeper than 512 levels at line 1, column 513"])

case("import-export-only-format: stance-tsv cannot be read",
     {"s.tsv": "document\tstance\n"},
     ["import", "--from", "stance-tsv", "s.tsv"], 2,
     out=[],
     err=["glossator-cli import: the stance-tsv format cannot be imported (one of jsonl, conll, hf-jsonl, brat, doccano, label-studio)",
          "Run “glossator-cli help import” for its usage."])

case("import-bad-option-value: --offset-unit=bytes",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[0, 4, "GPE"]]))},
     ["import", "--from", "doccano", "--offset-unit=bytes", "-o", "out", "d.jsonl"], 2,
     out=[],
     err=["glossator-cli import: option “offset-unit” takes one of auto|codepoint|utf16, not “bytes”",
          "Run “glossator-cli help import” for its usage."])

case("import-output-is-a-file: -o naming an article",
     {"d.jsonl": lines_of(doccano("Kyiv.", [[0, 4, "GPE"]])), "out.txt": "Kyiv.\n"},
     ["import", "--from", "doccano", "-o", "out.txt", "d.jsonl"], 1,
     out=["documents read: 1 (inputs: 1); written: 0; not written: 1; mentions: 0; entities: 0; stances: 0; warnings: 0; errors: 1",
          "offsets read as: code points (1)"],
     err=["d.jsonl: d-1.txt: error: line 1: {d}/out.txt: Not a directory; not written"])


# ---- usage ------------------------------------------------------------------

case("usage-unknown-command: frobnicate",
     {"c/a.txt": TEXT}, ["frobnicate", "c"], 2,
     out=[],
     err=["glossator-cli: unknown command “frobnicate”",
          "Run “glossator-cli --help” for the list of commands."])

case("usage-no-command: no arguments at all",
     {"c/a.txt": TEXT}, [], 2,
     out=[],
     err=["glossator-cli: no command given",
          "Run “glossator-cli --help” for the list of commands."])

case("usage-unknown-option: validate --frobnicate",
     {"c/a.txt": TEXT}, ["validate", "--frobnicate", "c"], 2,
     out=[],
     err=["glossator-cli validate: Unknown option --frobnicate",
          "Run “glossator-cli help validate” for its usage."])

case("usage-validate-no-path: validate alone",
     {"c/a.txt": TEXT}, ["validate"], 2,
     out=[],
     err=["glossator-cli validate: no path given",
          "Run “glossator-cli help validate” for its usage."])

case("usage-import-no-input: import --from jsonl alone",
     {"c/a.txt": TEXT}, ["import", "--from", "jsonl"], 2,
     out=[],
     err=["glossator-cli import: no INPUT given",
          "Run “glossator-cli help import” for its usage."])

case("usage-option-without-value: -o at the end",
     {"c/a.txt": TEXT}, ["export", "--to", "jsonl", "c", "-o"], 2,
     out=[],
     err=["glossator-cli export: Missing argument for -o",
          "Run “glossator-cli help export” for its usage."])

case("usage-validate-missing-path: the others still checked",
     annotated(GOOD), ["validate", "c", "nowhere"], 2,
     out=[],
     err=["glossator-cli: nowhere: no such file or folder",
          CHECKED_1_VALID])

case("usage-stats-missing-path: an article that does not exist",
     annotated(GOOD), ["stats", "nowhere/a.txt"], 2,
     out=stats_of(0, 0, 0),
     err=["glossator-cli: nowhere/a.txt: no such file or folder"])

case("usage-export-missing-path: nothing written",
     annotated(GOOD), ["export", "--to", "jsonl", "-o", "out.jsonl", "c", "nowhere"], 2,
     out=[],
     err=["glossator-cli: nowhere: no such file or folder"])

case("usage-import-missing-input: nothing written",
     {"d.jsonl": OK_LINE}, ["import", "--from", "jsonl", "-o", "out", "d.jsonl", "nowhere.jsonl"], 2,
     out=[],
     err=["glossator-cli: nowhere.jsonl: no such file or folder"])

case("usage-help-unknown-command: help frobnicate",
     {}, ["help", "frobnicate"], 2,
     out=[],
     err=["glossator-cli: unknown command “frobnicate”",
          "Run “glossator-cli --help” for the list of commands."])


# Running a case

def digest(data):
    return hashlib.sha256(data).hexdigest()


def snapshot(root):
    """Every entry under root as it is on disk, links not followed:
    path → ("file", SHA-256 of the bytes) | ("link", target) | ("folder",)."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            mode = os.lstat(path).st_mode
            if stat.S_ISLNK(mode):
                state[rel] = ("link", os.readlink(path))
            elif stat.S_ISDIR(mode):
                state[rel] = ("folder",)
            elif stat.S_ISFIFO(mode):
                state[rel] = ("fifo",)
            else:
                with open(path, "rb") as f:
                    state[rel] = ("file", digest(f.read()))
    return state


def make_files(root, files):
    for rel, content in files.items():
        path = os.path.join(root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if isinstance(content, Link):
            os.symlink(content.target.replace("{d}", root), path)
        elif isinstance(content, Folder):
            os.makedirs(path, exist_ok=True)
        elif isinstance(content, Fifo):
            os.mkfifo(path)
        elif isinstance(content, Sparse):
            with open(path, "wb") as f:
                f.write(content.head)
                f.truncate(content.size)
        else:
            data = content if isinstance(content, bytes) else content.replace("{d}", root).encode("utf-8")
            with open(path, "wb") as f:
                f.write(data)


def run_case(c, root):
    """Makes the case's files under root, runs the command; returns
    (status, stdout lines, stderr lines, snapshot before, snapshot after)."""
    make_files(root, c["files"])
    before = snapshot(root)
    argv = [a.replace("{d}", root) for a in c["argv"]]
    proc = subprocess.run([CLI] + argv, cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=20)
    after = snapshot(root)

    def lines(data):
        text = data.decode("utf-8", errors="backslashreplace").replace(root, "{d}")
        return text.split("\n")[:-1] if text.endswith("\n") else text.split("\n") if text else []

    return proc.returncode, lines(proc.stdout), lines(proc.stderr), before, after


def check_case(c, root):
    status, out, err, before, after = run_case(c, root)
    problems = []
    if status != c["status"]:
        problems.append("exit status %d, expected %d" % (status, c["status"]))
    for what, got, want in (("stdout", out, c["out"]), ("stderr", err, c["err"])):
        if got != want:
            problems.append("%s differs:" % what)
            problems += ["  expected: %r" % line for line in want]
            problems += ["  got:      %r" % line for line in got]
    for secret in c["secret"]:
        if any(secret in line for line in out + err):
            problems.append("an output quotes %r" % secret)

    for rel, entry in before.items():
        if rel not in after:
            problems.append("%s was removed" % rel)
        elif after[rel] != entry:
            problems.append("%s was changed" % rel)
    new = sorted(set(after) - set(before))
    if new != sorted(c["created"]):
        problems.append("new files %r, expected %r" % (new, sorted(c["created"])))
    for rel, content in c["created"].items():
        if content is not None and after.get(rel) != ("file", digest(content)):
            problems.append("%s does not hold %r" % (rel, content))

    if problems:
        raise AssertionError("\n".join(problems))


def main():
    tap = Tap()
    root = tempfile.mkdtemp(prefix="glossator-catalogue-")
    started = time.monotonic()
    try:
        for i, c in enumerate(CASES):
            folder = os.path.realpath(os.path.join(root, "%03d" % i))
            os.makedirs(folder)
            tap.check(c["name"], check_case, c, folder)
    finally:
        shutil.rmtree(root)
    print("# %d cases of bad input in %.1f s" % (len(CASES), time.monotonic() - started))
    tap.finish()


if __name__ == "__main__":
    main()

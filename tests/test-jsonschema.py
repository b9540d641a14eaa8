#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Checks the JSON Schemas in data/ and the sample corpus in data/samples/:
# the schemas are valid draft 2020-12, every sample validates, the samples
# agree with their articles (offsets, quotes, hashes, ids, order), and the
# schemas reject broken documents while accepting unknown members.
#
# Usage: test-jsonschema.py SRCDIR      (prints TAP)

import copy
import glob
import hashlib
import json
import os
import re
import sys
import traceback

try:
    import jsonschema
except ImportError:
    print("Bail out! python3-jsonschema is not installed")
    sys.exit(1)

CONTEXT = 32

SIDECAR_ORDER = {
    "top": ["format", "version", "minor_version", "offset_unit", "article", "document",
            "entities", "mentions", "stances"],
    "article": ["file", "sha256", "length", "bom", "newline"],
    "document": ["status", "annotator", "created", "modified", "notes",
                 "attributes"],
    "entity": ["id", "name", "label", "kb_id", "note", "attributes"],
    "mention": ["id", "label", "entity", "fragments", "note", "attributes",
                "author", "created", "modified"],
    "span": ["start", "end", "exact", "prefix", "suffix", "orphaned"],
    "stance": ["id", "holder", "target", "polarity", "intensity", "evidence",
               "note", "attributes", "author", "created", "modified"],
    "holder": ["type", "entity"],
    "target": ["type", "entity", "topic"],
}


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def validator_for(schema):
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    checker = getattr(cls, "FORMAT_CHECKER", None)
    return cls(schema, format_checker=checker)


def errors_of(validator, instance):
    return sorted(validator.iter_errors(instance), key=lambda e: list(e.path))


def assert_valid(validator, instance, what):
    errs = errors_of(validator, instance)
    if errs:
        raise AssertionError("%s is invalid:\n%s" % (
            what, "\n".join("  at /%s: %s" % ("/".join(map(str, e.path)), e.message)
                            for e in errs[:10])))


def assert_invalid(validator, instance, what):
    if not errors_of(validator, instance):
        raise AssertionError("%s was accepted" % what)


def article_text(path):
    with open(path, "rb") as f:
        raw = f.read()
    bom = raw.startswith(b"\xef\xbb\xbf")
    if bom:
        raw = raw[3:]
    text = raw.decode("utf-8")
    if path.endswith(".json"):
        record = json.loads(text)
        body = record["text"] if "text" in record else record["body"]
        text = record["title"] + "\n\n" + body
    return text, bom


def newline_kind(text):
    crlf = text.count("\r\n")
    counts = (("crlf", crlf), ("cr", text.count("\r") - crlf),
              ("lf", text.count("\n") - crlf))
    kinds = [k for k, n in counts if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def id_key(ident):
    return [(0, int(t), "") if t.isdigit() else (1, 0, t)
            for t in re.findall(r"\d+|\D+", ident)]


def check_order(obj, kind, where):
    known = [k for k in obj if k in SIDECAR_ORDER[kind]]
    expected = [k for k in SIDECAR_ORDER[kind] if k in obj]
    if known != expected:
        raise AssertionError("%s: members %s, expected order %s" % (where, known, expected))


def check_span(text, span, where):
    start, end = span["start"], span["end"]
    if not 0 <= start < end <= len(text):
        raise AssertionError("%s: [%d, %d) is outside the text (%d)" % (where, start, end, len(text)))
    if text[start:end] != span["exact"]:
        raise AssertionError("%s: exact %r but the text has %r" % (where, span["exact"], text[start:end]))
    prefix, suffix = span.get("prefix", ""), span.get("suffix", "")
    if not text[:start].endswith(prefix) or len(prefix) < min(CONTEXT, start):
        raise AssertionError("%s: prefix %r is not the context before %d" % (where, prefix, start))
    if not text[end:].startswith(suffix) or len(suffix) < min(CONTEXT, len(text) - end):
        raise AssertionError("%s: suffix %r is not the context after %d" % (where, suffix, end))
    check_order(span, "span", where)


def check_consistency(sidecar_path, label_schema):
    """What the JSON Schema cannot say: the sidecar matches its article."""
    doc = load_json(sidecar_path)
    name = os.path.basename(sidecar_path)
    article_path = sidecar_path[:-len(".annotations.json")]
    if doc["article"].get("file") != os.path.basename(article_path):
        raise AssertionError("%s: article.file is %r" % (name, doc["article"].get("file")))
    text, bom = article_text(article_path)
    art = doc["article"]
    if art["sha256"] != hashlib.sha256(text.encode("utf-8")).hexdigest():
        raise AssertionError("%s: sha256 does not match the article text" % name)
    if art["length"] != len(text):
        raise AssertionError("%s: length %d, text has %d code points" % (name, art["length"], len(text)))
    if art.get("bom", False) != bom or art.get("newline") != newline_kind(text):
        raise AssertionError("%s: bom/newline do not match the article" % name)

    check_order(doc, "top", name)
    check_order(art, "article", name)
    check_order(doc.get("document", {}), "document", name)

    labels = {label["name"] for label in label_schema.get("labels", [])}
    polarities = {p["name"] for p in label_schema.get("polarities", [])}

    entity_ids = [e["id"] for e in doc.get("entities", [])]
    if len(set(entity_ids)) != len(entity_ids):
        raise AssertionError("%s: duplicate entity ids" % name)
    if entity_ids != sorted(entity_ids, key=id_key):
        raise AssertionError("%s: entities are not sorted by id" % name)
    for e in doc.get("entities", []):
        check_order(e, "entity", "%s %s" % (name, e["id"]))
        if e["label"] not in labels:
            raise AssertionError("%s %s: unknown label %s" % (name, e["id"], e["label"]))

    mentions = doc.get("mentions", [])
    mention_ids = [m["id"] for m in mentions]
    if len(set(mention_ids)) != len(mention_ids):
        raise AssertionError("%s: duplicate mention ids" % name)
    sort_keys = [(m["fragments"][0]["start"], m["fragments"][-1]["end"], id_key(m["id"]))
                 for m in mentions]
    if sort_keys != sorted(sort_keys):
        raise AssertionError("%s: mentions are not sorted by (start, end, id)" % name)
    used = set()
    for m in mentions:
        where = "%s %s" % (name, m["id"])
        check_order(m, "mention", where)
        if m["entity"] not in entity_ids:
            raise AssertionError("%s: entity %s does not exist" % (where, m["entity"]))
        if m["label"] not in labels:
            raise AssertionError("%s: unknown label %s" % (where, m["label"]))
        used.add(m["entity"])
        previous_end = 0
        for f in m["fragments"]:
            check_span(text, f, where)
            if f["start"] < previous_end:
                raise AssertionError("%s: fragments overlap or are unsorted" % where)
            previous_end = f["end"]
    if used != set(entity_ids):
        raise AssertionError("%s: entities without mentions: %s" % (name, sorted(set(entity_ids) - used)))

    stance_ids = [s["id"] for s in doc.get("stances", [])]
    if len(set(stance_ids)) != len(stance_ids) or stance_ids != sorted(stance_ids, key=id_key):
        raise AssertionError("%s: stance ids are duplicated or unsorted" % name)
    for s in doc.get("stances", []):
        where = "%s %s" % (name, s["id"])
        check_order(s, "stance", where)
        check_order(s["holder"], "holder", where)
        check_order(s["target"], "target", where)
        for party in (s["holder"], s["target"]):
            if party["type"] == "entity" and party["entity"] not in entity_ids:
                raise AssertionError("%s: entity %s does not exist" % (where, party["entity"]))
        if s["polarity"] not in polarities:
            raise AssertionError("%s: unknown polarity %s" % (where, s["polarity"]))
        for f in s.get("evidence", []):
            check_span(text, f, where)


def check_label_schema_keys(label_schema):
    for kind in ("labels", "polarities"):
        items = label_schema.get(kind, [])
        for member in ("name", "key"):
            values = [i[member] for i in items if member in i]
            if len(set(values)) != len(values):
                raise AssertionError("%s: duplicate %s" % (kind, member))


def main():
    if len(sys.argv) != 2:
        print("usage: %s SRCDIR" % sys.argv[0], file=sys.stderr)
        return 2
    srcdir = sys.argv[1]
    data = os.path.join(srcdir, "data")
    samples = os.path.join(data, "samples")
    sidecar_schema = load_json(os.path.join(data, "glossator-sidecar.schema.json"))
    label_schema_schema = load_json(os.path.join(data, "glossator-label-schema.schema.json"))
    sidecar_paths = sorted(glob.glob(os.path.join(samples, "*.annotations.json")))
    label_schema_path = os.path.join(samples, "glossator-schema.json")

    tests = []

    def test(description):
        def register(fn):
            tests.append((description, fn))
            return fn
        return register

    v = {}

    @test("sidecar schema is a valid draft 2020-12 schema")
    def _():
        if sidecar_schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            raise AssertionError("$schema is %r" % sidecar_schema.get("$schema"))
        v["sidecar"] = validator_for(sidecar_schema)

    @test("label schema schema is a valid draft 2020-12 schema")
    def _():
        if label_schema_schema.get("$schema") != "https://json-schema.org/draft/2020-12/schema":
            raise AssertionError("$schema is %r" % label_schema_schema.get("$schema"))
        v["labels"] = validator_for(label_schema_schema)

    @test("the sample corpus has three annotated articles")
    def _():
        if len(sidecar_paths) != 3:
            raise AssertionError("found %d sidecars in %s" % (len(sidecar_paths), samples))

    @test("glossator-schema.json validates against the label schema schema")
    def _():
        assert_valid(v["labels"], load_json(label_schema_path), "glossator-schema.json")
        check_label_schema_keys(load_json(label_schema_path))

    for path in sidecar_paths:
        base = os.path.basename(path)

        @test("%s validates against the sidecar schema" % base)
        def _(path=path, base=base):
            assert_valid(v["sidecar"], load_json(path), base)

        @test("%s agrees with its article" % base)
        def _(path=path):
            check_consistency(path, load_json(label_schema_path))

    # Negative and positive cases built from a real sample.
    def sample():
        return load_json(sidecar_paths[0])

    def first_stance_with(doc, key, value):
        for s in doc["stances"]:
            if s[key]["type"] == value:
                return s
        raise AssertionError("no stance with %s type %s" % (key, value))

    sidecar_rejects = [
        ("a negative start", lambda d: d["mentions"][0]["fragments"][0].__setitem__("start", -1)),
        ("a fractional end", lambda d: d["mentions"][0]["fragments"][0].__setitem__("end", 7.5)),
        ("a string offset", lambda d: d["stances"][0]["evidence"][0].__setitem__("start", "3")),
        ("a span without end", lambda d: d["mentions"][0]["fragments"][0].pop("end")),
        ("a missing sha256", lambda d: d["article"].pop("sha256")),
        ("an upper-case sha256", lambda d: d["article"].__setitem__("sha256", d["article"]["sha256"].upper())),
        ("a short sha256", lambda d: d["article"].__setitem__("sha256", d["article"]["sha256"][:63])),
        ("a missing length", lambda d: d["article"].pop("length")),
        ("a negative length", lambda d: d["article"].__setitem__("length", -1)),
        ("a missing article", lambda d: d.pop("article")),
        ("a missing format", lambda d: d.pop("format")),
        ("another format", lambda d: d.__setitem__("format", "glossator-schema")),
        ("version 2", lambda d: d.__setitem__("version", 2)),
        ("version \"1\"", lambda d: d.__setitem__("version", "1")),
        ("offset_unit byte", lambda d: d.__setitem__("offset_unit", "byte")),
        ("newline unix", lambda d: d["article"].__setitem__("newline", "unix")),
        ("bom \"no\"", lambda d: d["article"].__setitem__("bom", "no")),
        ("status finished", lambda d: d["document"].__setitem__("status", "finished")),
        ("a local modified time", lambda d: d["document"].__setitem__("modified", "2026-11-28T14:00:00+01:00")),
        ("attributes that are a list", lambda d: d["document"].__setitem__("attributes", [])),
        ("holder type entity without entity", lambda d: first_stance_with(d, "holder", "entity")["holder"].pop("entity")),
        ("holder type topic", lambda d: d["stances"][0].__setitem__("holder", {"type": "topic", "topic": "x"})),
        ("target type entity without entity", lambda d: d["stances"][0].__setitem__("target", {"type": "entity"})),
        ("target type topic without topic", lambda d: first_stance_with(d, "target", "topic")["target"].pop("topic")),
        ("target type author", lambda d: d["stances"][0].__setitem__("target", {"type": "author"})),
        ("a stance without holder", lambda d: d["stances"][0].pop("holder")),
        ("intensity 4", lambda d: d["stances"][0].__setitem__("intensity", 4)),
        ("intensity 0", lambda d: d["stances"][0].__setitem__("intensity", 0)),
        ("intensity 1.5", lambda d: d["stances"][0].__setitem__("intensity", 1.5)),
        ("a mention without fragments", lambda d: d["mentions"][0].__setitem__("fragments", [])),
        ("a mention without entity", lambda d: d["mentions"][0].pop("entity")),
        ("an empty mention id", lambda d: d["mentions"][0].__setitem__("id", "")),
        ("a numeric entity id", lambda d: d["entities"][0].__setitem__("id", 1)),
        ("an empty entity reference", lambda d: d["mentions"][0].__setitem__("entity", "")),
        ("mentions that are an object", lambda d: d.__setitem__("mentions", {})),
        ("a numeric author", lambda d: d["mentions"][0].__setitem__("author", 7)),
        ("a local created time", lambda d: d["stances"][0].__setitem__("created", "2026-12-07T18:40:00+01:00")),
        ("minor_version \"1\"", lambda d: d.__setitem__("minor_version", "1")),
    ]
    for what, mutate in sidecar_rejects:
        @test("sidecar schema rejects %s" % what)
        def _(what=what, mutate=mutate):
            doc = sample()
            mutate(doc)
            assert_invalid(v["sidecar"], doc, "a sidecar with %s" % what)

    @test("sidecar schema accepts unknown members at every level")
    def _():
        doc = sample()
        extra = {"x-tool": {"nested": [1, 2]}}
        doc.update(extra)
        for obj in (doc["article"], doc["document"], doc["entities"][0],
                    doc["mentions"][0], doc["mentions"][0]["fragments"][0],
                    doc["stances"][0], doc["stances"][0]["holder"],
                    doc["stances"][0]["target"], doc["stances"][0]["evidence"][0]):
            obj.update(copy.deepcopy(extra))
        assert_valid(v["sidecar"], doc, "a sidecar with unknown members")

    @test("sidecar schema accepts the minimal sidecar and optional members left out")
    def _():
        minimal = {"format": "glossator-sidecar", "version": 1,
                   "article": {"sha256": "0" * 64, "length": 0}}
        assert_valid(v["sidecar"], minimal, "the minimal sidecar")
        doc = sample()
        for s in doc["stances"]:
            for k in ("intensity", "evidence", "note", "attributes"):
                s.pop(k, None)
        doc["stances"][0]["holder"] = {"type": "unspecified"}
        doc["stances"][0]["target"] = {"type": "unspecified"}
        doc["mentions"][0]["fragments"][0]["orphaned"] = True
        doc["document"]["modified"] = "2026-11-28T14:00:00.250Z"
        assert_valid(v["sidecar"], doc, "a sidecar without optional members")

    @test("sidecar schema accepts format 1.1 authorship of mentions and stances")
    def _():
        doc = sample()
        doc["minor_version"] = 1
        for obj in (doc["mentions"][0], doc["stances"][0]):
            obj.update({"author": "Zoë Ó Briain", "created": "2026-12-07T17:40:00Z",
                        "modified": "2026-12-07T17:45:00Z"})
        assert_valid(v["sidecar"], doc, "a sidecar with authorship")

    def label_sample():
        return load_json(label_schema_path)

    label_rejects = [
        ("a missing format", lambda d: d.pop("format")),
        ("version 2", lambda d: d.__setitem__("version", 2)),
        ("a five-digit color", lambda d: d["labels"][0].__setitem__("color", "#12345")),
        ("a color name", lambda d: d["polarities"][0].__setitem__("color", "green")),
        ("a two-character key", lambda d: d["labels"][0].__setitem__("key", "pp")),
        ("an empty key", lambda d: d["polarities"][0].__setitem__("key", "")),
        ("a label without name", lambda d: d["labels"][0].pop("name")),
        ("an empty polarity name", lambda d: d["polarities"][0].__setitem__("name", "")),
        ("a duplicate topic", lambda d: d["topics"].append(d["topics"][0])),
        ("a topic that is a number", lambda d: d["topics"].append(3)),
    ]
    for what, mutate in label_rejects:
        @test("label schema schema rejects %s" % what)
        def _(what=what, mutate=mutate):
            doc = label_sample()
            mutate(doc)
            assert_invalid(v["labels"], doc, "a label schema with %s" % what)

    @test("label schema schema accepts unknown members and one non-ASCII key")
    def _():
        doc = label_sample()
        doc["x-tool"] = True
        doc["labels"][0]["x-shortcut-hint"] = "Alt"
        doc["labels"][0]["key"] = "ß"
        doc["polarities"][0]["icon"] = "emblem-ok-symbolic"
        assert_valid(v["labels"], doc, "a label schema with unknown members")

    print("1..%d" % len(tests))
    failed = 0
    for n, (description, fn) in enumerate(tests, 1):
        try:
            fn()
        except Exception as e:  # a failing check must not stop the others
            failed += 1
            print("not ok %d - %s" % (n, description))
            for line in (str(e) if isinstance(e, AssertionError) else traceback.format_exc()).splitlines():
                print("# " + line)
        else:
            print("ok %d - %s" % (n, description))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

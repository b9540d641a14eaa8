#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs the built glossator-cli on corpora made here (valid and corrupt
# sidecars, orphans, broken schemas, unreadable articles) and checks exit
# statuses, that every error line names its file and JSON path, and the
# exact stats output. Also checks that the program links no GTK.
#
# Usage: test-cli.py PATH-TO-glossator-cli      (prints TAP)

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

CLI = os.path.abspath(sys.argv[1])
CONTEXT = 32
BOM = "\ufeff"

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧, 5 code points
FLAG_UA = "\U0001F1FA\U0001F1E6"                         # 🇺🇦, 2 code points


# Building corpora

def span(text, start, end):
    return {
        "start": start,
        "end": end,
        "exact": text[start:end],
        "prefix": text[max(0, start - CONTEXT):start],
        "suffix": text[end:end + CONTEXT],
    }


def newline_of(text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [k for k, n in (("crlf", crlf), ("lf", lf), ("cr", cr)) if n]
    if not kinds:
        return "none"
    return kinds[0] if len(kinds) == 1 else "mixed"


def sidecar(name, text, status="todo", entities=(), mentions=(), stances=(), bom=False):
    return {
        "format": "glossator-sidecar",
        "version": 1,
        "offset_unit": "codepoint",
        "article": {
            "file": name,
            "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
            "length": len(text),
            "bom": bom,
            "newline": newline_of(text),
        },
        "document": {
            "status": status,
            "annotator": "Ana",
            "created": "2026-11-28T13:05:00Z",
            "modified": "2026-11-28T14:00:00Z",
            "notes": "",
            "attributes": {},
        },
        "entities": list(entities),
        "mentions": list(mentions),
        "stances": list(stances),
    }


def entity(id, name, label):
    return {"id": id, "name": name, "label": label}


def mention(text, id, label, entity_id, start, end):
    return {"id": id, "label": label, "entity": entity_id,
            "fragments": [span(text, start, end)]}


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    kwargs = {} if isinstance(data, bytes) else {"encoding": "utf-8", "newline": ""}
    with open(path, mode, **kwargs) as f:
        f.write(data)


def write_json(path, value, ensure_ascii=False):
    write(path, json.dumps(value, indent=2, ensure_ascii=ensure_ascii) + "\n")


# Putin [0, 5), Zelensky [10, 18), Kyiv [22, 26); BOM, CRLF, emoji, NFD, RTL.
A_TEXT = ("Putin met Zelensky in Kyiv " + FAMILY + " " + FLAG_UA + ".\r\n"
          "Cafe\u0301 \u05e9\u05dc\u05d5\u05dd\r\n")
# union [22, 27), port [42, 46)
B_TEXT = "# Harbour strike\n\nThe\tunion struck at the port.\n"


def a_sidecar():
    t = A_TEXT
    return sidecar(
        "a.txt", t, status="done", bom=True,
        entities=[entity("e1", "Vladimir Putin", "PERSON"),
                  entity("e2", "Volodymyr Zelensky", "PERSON"),
                  entity("e3", "Kyiv", "GPE")],
        mentions=[mention(t, "m1", "PERSON", "e1", 0, 5),
                  mention(t, "m2", "PERSON", "e2", 10, 18),
                  mention(t, "m3", "GPE", "e3", 22, 26)],
        stances=[{"id": "s1",
                  "holder": {"type": "entity", "entity": "e1"},
                  "target": {"type": "entity", "entity": "e2"},
                  "polarity": "against",
                  "evidence": [span(t, 0, 26)]},
                 {"id": "s2",
                  "holder": {"type": "author"},
                  "target": {"type": "topic", "topic": "war"},
                  "polarity": "favor"}])


def b_sidecar():
    t = B_TEXT
    return sidecar(
        "b.md", t, status="in-progress",
        entities=[entity("e1", "Dockers' union", "ORG"),
                  entity("e2", "Port", "WEAPON")],
        mentions=[mention(t, "m1", "ORG", "e1", 22, 27),
                  mention(t, "m2", "WEAPON", "e2", 42, 46)])


def make_good(root):
    """good/a.txt (done), good/sub/b.md (in progress, a label the default
    schema lacks: a warning), good/c.txt (no sidecar)."""
    write(os.path.join(root, "good", "a.txt"), (BOM + A_TEXT).encode("utf-8"))
    write_json(os.path.join(root, "good", "a.txt.annotations.json"), a_sidecar())
    write(os.path.join(root, "good", "sub", "b.md"), B_TEXT)
    write_json(os.path.join(root, "good", "sub", "b.md.annotations.json"), b_sidecar())
    write(os.path.join(root, "good", "c.txt"), "Nothing annotated here.\n")
    # Hidden folders are not part of the corpus.
    write(os.path.join(root, "good", ".git", "x.txt"), "x")
    write(os.path.join(root, "good", ".git", "x.txt.annotations.json"), "not json")


C_TEXT = "Putin met Zelensky in Kyiv.\n"


def c_sidecar():
    t = C_TEXT
    return sidecar(
        "x.txt", t,
        entities=[entity("e1", "Putin", "PERSON"), entity("e2", "Zelensky", "PERSON")],
        mentions=[mention(t, "m1", "PERSON", "e1", 0, 5),
                  mention(t, "m2", "PERSON", "e2", 10, 18)])


def corrupt_cases():
    """(name, sidecar text or None, expected JSON path or None, article bytes)."""
    cases = []

    cases.append(("bad-json", '{"format": "glossator-sidecar", "version": 1,\n', None))

    s = c_sidecar()
    s["mentions"][1]["entity"] = "e9"
    cases.append(("dangling", s, "$.mentions[1].entity"))

    s = c_sidecar()
    s["mentions"][0]["fragments"][0].update(start=5, end=0, exact="")
    cases.append(("reversed", s, "$.mentions[0].fragments[0]"))

    s = c_sidecar()
    s["mentions"][1]["fragments"][0].update(end=len(C_TEXT) + 7)
    cases.append(("out-of-range", s, "$.mentions[1].fragments[0].end"))

    s = c_sidecar()
    s["mentions"][1]["id"] = "m1"
    cases.append(("duplicate-id", s, "$.mentions[1].id"))

    # json.dumps writes the lone surrogate as the escape "\ud800".
    s = c_sidecar()
    s["entities"][1]["name"] = "Zel\ud800ensky"
    cases.append(("surrogate", json.dumps(s, indent=2, ensure_ascii=True), "$.entities[1].name"))

    s = c_sidecar()
    s["mentions"][0]["fragments"][0]["exact"] = "Pution"
    cases.append(("wrong-exact", s, "$.mentions[0].fragments[0].exact"))

    # What json-glib let through or mangled; the messages are checked in
    # test_validate_json_level_errors.
    for name, text, path in json_level_cases():
        cases.append((name, text, path))

    return cases


def json_level_cases():
    """(name, sidecar text, JSON path) of sidecars refused as JSON."""
    good = json.dumps(c_sidecar(), indent=2)
    start = '"start": 0,'
    assert good.count(start) == 1
    return [
        ("trailing-data", good + "{}\n", "$"),
        ("duplicate-key", good.replace(start, start + ' "start": 1,'), "$.mentions[0].fragments[0].start"),
        ("offset-2-64", good.replace(start, '"start": 18446744073709551616,'), "$.mentions[0].fragments[0].start"),
        ("surrogate-exact", good.replace('"exact": "Putin"', '"exact": "P\\ud800"'), "$.mentions[0].fragments[0].exact"),
        ("deep-brackets", "[" * 100000, "$[0][0][0][0][0][0][0][0]\u2026[0][0][0]"),
    ]


def make_bad(root):
    bad = os.path.join(root, "bad")
    for name, value, _ in corrupt_cases():
        write(os.path.join(bad, name + ".txt"), C_TEXT)
        data = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False)
        write(os.path.join(bad, name + ".txt.annotations.json"), data)


def deep_object(depth, leaf):
    value = leaf
    for _ in range(depth):
        value = {"a": value}
    return value


def make_deep(root):
    """deep/: free-form members nested 17 (past the old limit of 16) and
    500 levels deep, which must load, validate, count and export."""
    s = c_sidecar()
    s["document"]["attributes"] = {"meta": deep_object(17, [1, "x"])}
    s["mentions"][0]["attributes"] = deep_object(500, "leaf")
    s["entities"][1]["attributes"] = deep_object(16, True)
    s["future"] = deep_object(499, None)
    write(os.path.join(root, "deep", "x.txt"), C_TEXT)
    write_json(os.path.join(root, "deep", "x.txt.annotations.json"), s)


def make_other_errors(root):
    # An orphan sidecar, an article that is not UTF-8, a broken schema.
    write_json(os.path.join(root, "orphan", "gone.txt.annotations.json"), c_sidecar())
    write(os.path.join(root, "binary", "latin1.txt"), "Caf\xe9 Putin\n".encode("latin-1"))
    write_json(os.path.join(root, "binary", "latin1.txt.annotations.json"), c_sidecar())
    schema = {"format": "glossator-schema", "version": 1,
              "labels": [{"name": "PERSON", "color": "#3584e4"},
                         {"name": "ORG", "color": "orange"}]}
    write_json(os.path.join(root, "schemabad", "glossator-schema.json"), schema)
    write(os.path.join(root, "schemabad", "deep", "x.txt"), C_TEXT)
    write_json(os.path.join(root, "schemabad", "deep", "x.txt.annotations.json"), c_sidecar())
    # A schema that is no JSON at all: a link to a shadow-like file of ours.
    write(os.path.join(root, "shadowed", "shadow"), "root:$6$s3cr3t$hash:19000:0:99999:7:::\n")
    os.symlink("shadow", os.path.join(root, "shadowed", "glossator-schema.json"))
    write(os.path.join(root, "shadowed", "x.txt"), C_TEXT)
    write_json(os.path.join(root, "shadowed", "x.txt.annotations.json"), c_sidecar())
    write(os.path.join(root, "deepschema", "glossator-schema.json"), "[" * 100000)
    write(os.path.join(root, "deepschema", "x.txt"), C_TEXT)
    write_json(os.path.join(root, "deepschema", "x.txt.annotations.json"), c_sidecar())


def make_schema_scopes(root):
    """scopes/: a broken schema above a corpus (scopes/plain/corpus), the
    same at the root of a git work tree holding another corpus
    (scopes/repo/data/corpus), and a corpus whose schema is a link out of it
    (scopes/linked/corpus)."""
    scopes = os.path.join(root, "scopes")
    schema = {"format": "glossator-schema", "version": 1,
              "labels": [{"name": "PERSON", "color": "not a colour"}]}
    for corpus in ("plain/corpus", "repo/data/corpus", "linked/corpus"):
        write(os.path.join(scopes, corpus, "week " + FAMILY, "x.txt"), C_TEXT)
        write_json(os.path.join(scopes, corpus, "week " + FAMILY, "x.txt.annotations.json"), c_sidecar())
    write_json(os.path.join(scopes, "plain", "glossator-schema.json"), schema)
    write_json(os.path.join(scopes, "repo", "glossator-schema.json"), schema)
    os.makedirs(os.path.join(scopes, "repo", ".git"))
    write_json(os.path.join(scopes, "elsewhere", "glossator-schema.json"),
               {"format": "glossator-schema", "version": 1})
    os.symlink(os.path.join("..", "..", "elsewhere", "glossator-schema.json"),
               os.path.join(scopes, "linked", "corpus", "glossator-schema.json"))


# Running

class Result:
    def __init__(self, proc):
        self.status = proc.returncode
        self.out = proc.stdout.decode("utf-8")
        self.err = proc.stderr.decode("utf-8")

    def __repr__(self):
        return "status %d\n--- stdout\n%s--- stderr\n%s" % (self.status, self.out, self.err)


def run(cwd, *args):
    proc = subprocess.run([CLI] + list(args), cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=60)
    return Result(proc)


def expect(cond, what, result=None):
    if not cond:
        raise AssertionError(what + ("\n" + repr(result) if result is not None else ""))


def expect_status(result, status):
    expect(result.status == status, "expected exit status %d" % status, result)


def lines(text):
    return [line for line in text.split("\n") if line]


# Tests

def test_links_no_gtk(root):
    out = subprocess.run(["ldd", CLI], stdout=subprocess.PIPE, check=True).stdout.decode()
    expect("libglib-2.0" in out, "ldd lists GLib:\n" + out)
    for lib in ("libgtk", "libadwaita", "libgdk"):
        expect(lib not in out, "glossator-cli links %s:\n%s" % (lib, out))


def test_version(root):
    r = run(root, "--version")
    expect_status(r, 0)
    expect(r.out == "glossator-cli 0.1.0\n", "version line", r)


def test_help(root):
    r = run(root, "--help")
    expect_status(r, 0)
    for word in ("validate", "stats", "help", "--version"):
        expect(word in r.out, "--help mentions " + word, r)
    command_lines = [l for l in r.out.split("\n") if l.startswith("  validate ") or l.startswith("  stats ")]
    expect(len(command_lines) == 2, "one line per command", r)
    main_help = r.out
    for args in (["help"], ["help", "help"]):
        r = run(root, *args)
        expect_status(r, 0)
        expect(r.out == main_help, " ".join(args) + " is --help", r)

    for args in (["help", "validate"], ["validate", "--help"]):
        r = run(root, *args)
        expect_status(r, 0)
        expect("glossator-cli validate" in r.out and "--verbose" in r.out, " ".join(args), r)
    r = run(root, "help", "stats")
    expect_status(r, 0)
    expect("--json" in r.out, "help stats", r)


def test_usage_errors(root):
    for args in ([], ["frobnicate"], ["--frobnicate"], ["validate"], ["stats"],
                 ["validate", "--frobnicate", "good"], ["help", "frobnicate"]):
        r = run(root, *args)
        expect_status(r, 2)
        expect(r.out == "", "nothing on stdout for %r" % args, r)
        expect(r.err.startswith("glossator-cli"), "message on stderr for %r" % args, r)


def test_validate_good(root):
    r = run(root, "validate", "good")
    expect_status(r, 0)
    # The label WEAPON is not in the default schema: a warning only.
    out = lines(r.out)
    expect(len(out) >= 1, "a warning", r)
    for line in out:
        expect(line.startswith("good/sub/b.md.annotations.json: warning: "), "warning line", r)
    expect(any("WEAPON" in line for line in out), "the warning names the label", r)
    expect(r.err == "2 sidecars checked: 2 valid, 0 invalid\n", "summary", r)


def test_validate_verbose(root):
    r = run(root, "validate", "--verbose", "good")
    expect_status(r, 0)
    out = lines(r.out)
    expect("good/a.txt.annotations.json: valid" in out, "valid line", r)
    expect("good/c.txt: no sidecar, nothing to check" in out, "no-sidecar line", r)
    expect("good/sub/b.md.annotations.json: valid" in out, "valid with warnings", r)
    # Sorted by path.
    expect(out.index("good/a.txt.annotations.json: valid") < out.index("good/c.txt: no sidecar, nothing to check"),
           "sorted output", r)


def test_validate_files(root):
    # An article and a sidecar named directly; the same file twice counts once.
    r = run(root, "validate", "good/a.txt", "good/a.txt.annotations.json", "good/c.txt")
    expect_status(r, 0)
    expect(r.out == "", "nothing to report", r)
    expect(r.err == "1 sidecar checked: 1 valid, 0 invalid\n", "summary", r)


def test_validate_corrupt(root):
    for name, _, path in corrupt_cases():
        sidecar_name = "bad/%s.txt.annotations.json" % name
        r = run(root, "validate", sidecar_name)
        expect_status(r, 1)
        errors = [l for l in lines(r.out) if l.startswith(sidecar_name + ": error: ")]
        expect(errors, name + ": an error line naming the file", r)
        if path is not None:
            expect(any(l.startswith("%s: error: %s: " % (sidecar_name, path)) for l in errors),
                   name + ": an error at " + path, r)
        expect(r.err == "1 sidecar checked: 0 valid, 1 invalid\n", name + ": summary", r)

    r = run(root, "validate", "bad")
    expect_status(r, 1)
    n = len(corrupt_cases())
    expect(r.err == "%d sidecars checked: 0 valid, %d invalid\n" % (n, n), "summary of bad/", r)


def test_validate_other_errors(root):
    r = run(root, "validate", "orphan")
    expect_status(r, 1)
    expect(lines(r.out) == ["orphan/gone.txt.annotations.json: error: sidecar without its article: "
                            "there is no \u201cgone.txt\u201d beside it"], "orphan", r)

    r = run(root, "validate", "binary")
    expect_status(r, 1)
    out = lines(r.out)
    expect(len(out) == 1 and out[0].startswith("binary/latin1.txt: error: ") and "UTF-8" in out[0],
           "unreadable article named", r)

    r = run(root, "validate", "schemabad")
    expect_status(r, 1)
    out = lines(r.out)
    expect("schemabad/glossator-schema.json: error: $.labels[1].color: expected a colour like #3584e4" in out,
           "schema error with its JSON path", r)
    expect("schemabad/deep/x.txt.annotations.json: error: the label schema "
           "schemabad/glossator-schema.json is invalid" in out, "sidecar under a broken schema", r)
    expect(r.err == "1 sidecar checked: 0 valid, 1 invalid\n", "summary", r)


def test_validate_schema_scope(root):
    # The corpus named is as far as the schema is looked up: the broken one
    # above it is not used, whether the folder or an article is named.
    for path in ("scopes/plain/corpus", "scopes/plain/corpus/week %s/x.txt" % FAMILY):
        r = run(root, "validate", path)
        expect_status(r, 0)
        expect(r.out == "", "nothing to report for " + path, r)
        expect(r.err == "1 sidecar checked: 1 valid, 0 invalid\n", "summary", r)

    # Named from above, it is the corpus's schema.
    r = run(root, "validate", "scopes/plain")
    expect_status(r, 1)
    expect(any(l.startswith("scopes/plain/glossator-schema.json: error: $.labels[0].color: ")
               for l in lines(r.out)), "the schema above, when allowed", r)

    # Inside a git work tree, the schema at its root applies; nothing above.
    r = run(root, "validate", "scopes/repo/data/corpus")
    expect_status(r, 1)
    expect(any(l.startswith("scopes/repo/glossator-schema.json: error: $.labels[0].color: ")
               for l in lines(r.out)), "the team's schema at the git root", r)


def test_validate_schema_link_outside(root):
    r = run(root, "validate", "scopes/linked/corpus")
    expect_status(r, 1)
    out = lines(r.out)
    expect(any(l.startswith("scopes/linked/corpus/glossator-schema.json: error: a symbolic link to a file outside ")
               for l in out), "the link is reported, not followed", r)
    expect(any(l.startswith("scopes/linked/corpus/week %s/x.txt.annotations.json: error: the label schema " % FAMILY)
               for l in out), "the sidecar under it is not checked against the default", r)


def test_validate_mixed(root):
    r = run(root, "validate", "good", "bad")
    expect_status(r, 1)
    n = len(corrupt_cases())
    expect(r.err == "%d sidecars checked: 2 valid, %d invalid\n" % (n + 2, n), "summary", r)


def test_validate_missing(root):
    r = run(root, "validate", "good", "nowhere", "bad")
    expect_status(r, 2)
    expect("glossator-cli: nowhere: no such file or folder" in r.err, "missing path named", r)
    # The rest is still checked.
    expect(any(l.startswith("bad/") for l in lines(r.out)), "bad/ checked", r)


def test_validate_not_article(root):
    r = run(root, "validate", "schemabad/glossator-schema.json", "good/a.txt")
    expect_status(r, 0)
    expect("schemabad/glossator-schema.json: warning: skipped: " in r.err, "skipped with a warning", r)


STATS_TEXT = (
    "Documents          3\n"
    "  todo             1\n"
    "  in-progress      1\n"
    "  done             1\n"
    "  without sidecar  1\n"
    "Mentions           5\n"
    "  GPE              1\n"
    "  ORG              1\n"
    "  PERSON           2\n"
    "  WEAPON           1\n"
    "Entities           5\n"
    "  GPE              1\n"
    "  ORG              1\n"
    "  PERSON           2\n"
    "  WEAPON           1\n"
    "Stances            2\n"
    "  against          1\n"
    "  favor            1\n"
    "Orphaned spans     0\n"
)

STATS_JSON = {
    "documents": {"total": 3, "by_status": {"todo": 1, "in-progress": 1, "done": 1},
                  "without_sidecar": 1},
    "mentions": {"total": 5, "by_label": {"GPE": 1, "ORG": 1, "PERSON": 2, "WEAPON": 1}},
    "entities": {"total": 5, "by_label": {"GPE": 1, "ORG": 1, "PERSON": 2, "WEAPON": 1}},
    "stances": {"total": 2, "by_polarity": {"against": 1, "favor": 1}},
    "orphaned_spans": 0,
}


def test_stats_text(root):
    r = run(root, "stats", "good")
    expect_status(r, 0)
    expect(r.out == STATS_TEXT, "stats text", r)
    expect(r.err == "", "nothing on stderr", r)


def test_stats_json(root):
    r = run(root, "stats", "--json", "good")
    expect_status(r, 0)
    value = json.loads(r.out)
    expect(value == STATS_JSON, "stats JSON", r)
    # Deterministic member order, not just equal content.
    expect(list(value) == list(STATS_JSON), "top-level order", r)
    expect(list(value["documents"]["by_status"]) == ["todo", "in-progress", "done"], "status order", r)
    expect(r.out.endswith("}\n"), "ends with a newline", r)


def test_stats_with_errors(root):
    r = run(root, "stats", "good", "bad/dangling.txt", "orphan")
    expect_status(r, 1)
    expect(r.out == STATS_TEXT, "stats of the readable rest", r)
    err = lines(r.err)
    expect(any(l.startswith("bad/dangling.txt.annotations.json: error: $.mentions[1].entity: ") for l in err),
           "unreadable sidecar named with its JSON path", r)
    expect(any(l.startswith("orphan/gone.txt.annotations.json: error: ") for l in err), "orphan named", r)

    r = run(root, "stats", "good", "nowhere")
    expect_status(r, 2)
    expect(r.out == STATS_TEXT, "stats despite a missing path", r)


def test_validate_json_level_errors(root):
    expected = {
        "trailing-data": "$: not JSON: data after the end of the JSON value at line ",
        "duplicate-key": "$.mentions[0].fragments[0].start: duplicate member name at line ",
        "offset-2-64": "$.mentions[0].fragments[0].start: the number 18446744073709551616 is out of range",
        "surrogate-exact": "$.mentions[0].fragments[0].exact: invalid \\u escape: lone surrogate U+D800",
        "deep-brackets": "$[0][0][0][0][0][0][0][0]\u2026[0][0][0]: nested deeper than 512 levels at line 1, column 513",
    }
    for name, message in expected.items():
        sidecar_name = "bad/%s.txt.annotations.json" % name
        r = run(root, "validate", sidecar_name)
        expect_status(r, 1)
        expect(lines(r.out) == ["%s: error: %s" % (sidecar_name, message)] or
               (len(lines(r.out)) == 1 and lines(r.out)[0].startswith("%s: error: %s" % (sidecar_name, message))),
               name + ": one error line naming the file, the path and what", r)
        expect("-1 is out of range" not in r.out, name + ": no wrapped number", r)


def test_deep_free_form_members(root):
    r = run(root, "validate", "deep")
    expect_status(r, 0)
    expect(r.err == "1 sidecar checked: 1 valid, 0 invalid\n", "valid", r)
    r = run(root, "stats", "deep")
    expect_status(r, 0)
    expect("Mentions           2" in r.out, "counted", r)
    for fmt in ("jsonl", "conll"):
        out = os.path.join(root, "deep-export." + fmt)
        r = run(root, "export", "--to", fmt, "-o", out, "deep")
        expect_status(r, 0)
    with open(os.path.join(root, "deep-export.jsonl"), encoding="utf-8") as f:
        record = json.loads(f.read())
    value = record["mentions"][0]["attributes"]
    for _ in range(500):
        value = value["a"]
    expect(value == "leaf", "the deep member exported whole")


def test_import_deep_meta(root):
    # A doccano record whose meta nests past the old limit: the sidecar the
    # import writes must validate.
    data = os.path.join(root, "deepmeta.jsonl")
    write(data, json.dumps({"id": 1, "text": C_TEXT, "label": [[0, 5, "PERSON"]],
                            "meta": deep_object(40, "x")}) + "\n")
    target = os.path.join(root, "deepmeta")
    r = run(root, "import", "--from", "doccano", "-o", target, data)
    expect_status(r, 0)
    r = run(root, "validate", "deepmeta")
    expect_status(r, 0)

    # Near the limit in the record is past it in a sidecar: not written,
    # rather than written unreadable.
    data = os.path.join(root, "deepermeta.jsonl")
    write(data, json.dumps({"id": 1, "text": C_TEXT, "label": [[0, 5, "PERSON"]],
                            "meta": deep_object(509, "x")}) + "\n")
    target = os.path.join(root, "deepermeta")
    r = run(root, "import", "--from", "doccano", "-o", target, data)
    expect_status(r, 1)
    expect("error: line 1: the sidecar would not read back: $.document.attributes." in r.err and
           "nested deeper than 512 levels" in r.err and "; not written" in r.err, "refused with the path", r)
    expect(not any(name.endswith(".annotations.json") for name in os.listdir(target)) if os.path.isdir(target)
           else True, "no sidecar written", r)


def expect_no_crash(r, what):
    expect(r.status == 1, what + ": exit status 1, no crash (signal %d)" % -r.status if r.status < 0 else
           what + ": exit status 1", r)


def test_deep_nesting_everywhere(root):
    deep = "[" * 100000
    r = run(root, "validate", "bad/deep-brackets.txt")
    expect_no_crash(r, "validate")
    r = run(root, "stats", "bad/deep-brackets.txt")
    expect_no_crash(r, "stats")
    expect("bad/deep-brackets.txt.annotations.json" in r.err and "nested deeper than 512 levels" in r.err,
           "stats names the file", r)

    corpus = os.path.join(root, "deepcorpus")
    write(os.path.join(corpus, "x.txt"), C_TEXT)
    write(os.path.join(corpus, "x.txt.annotations.json"), deep)
    for fmt in ("jsonl", "conll"):
        r = run(root, "export", "--to", fmt, "-o", os.path.join(root, "deep-out." + fmt), "deepcorpus")
        expect_no_crash(r, "export --to " + fmt)
        expect("x.txt.annotations.json" in r.err and "nested deeper than 512 levels at line 1, column 513" in r.err,
               "export names the sidecar", r)

    data = os.path.join(root, "deep-input.json")
    write(data, deep)
    lines_data = os.path.join(root, "deep-line.jsonl")
    write(lines_data, json.dumps({"text": "Kyiv.", "label": []}) + "\n" + "{\"x\": " + deep + "\n")
    for fmt in ("jsonl", "doccano", "label-studio", "hf-jsonl"):
        r = run(root, "import", "--from", fmt, "-o", os.path.join(root, "deep-import-" + fmt), data)
        expect_no_crash(r, "import --from " + fmt)
        expect("deep-input.json" in r.err and "nested deeper than 512 levels at line 1, column 513" in r.err,
               "import names the file", r)
    # hf-jsonl's label list is JSON too.
    hf = os.path.join(root, "hf.jsonl")
    write(hf, json.dumps({"id": "1", "tokens": ["Putin", "met"], "ner_tags": [1, 0]}) + "\n")
    r = run(root, "import", "--from", "hf-jsonl", "--label-list=" + data, "-o", os.path.join(root, "deep-hf"), hf)
    expect_no_crash(r, "import --from hf-jsonl with a deep label list")
    expect("deep-input.json" in r.err and "nested deeper than 512 levels at line 1, column 513" in r.err,
           "the label list named", r)
    r = run(root, "import", "--from", "doccano", "-o", os.path.join(root, "deep-import-lines"), lines_data)
    expect_no_crash(r, "import of a JSON Lines file with a deep line")
    expect("deep-line.jsonl" in r.err and "line 2: $.x[0][0][0][0][0][0][0]\u2026[0][0][0]: nested deeper than "
           "512 levels at line 2, column 518" in r.err, "the line named", r)

    r = run(root, "validate", "deepschema")
    expect_no_crash(r, "validate under a deep schema")
    expect(lines(r.out)[0] == "deepschema/glossator-schema.json: error: $[0][0][0][0][0][0][0][0]\u2026[0][0][0]: "
           "nested deeper than 512 levels at line 1, column 513", "the schema named", r)


def test_schema_not_json_quotes_nothing(root):
    r = run(root, "validate", "shadowed")
    expect_status(r, 1)
    expect("shadowed/glossator-schema.json: error: $: not JSON: unexpected character at line 1, column 1"
           in r.out, "says it is not JSON, and where", r)
    expect("root" not in r.out + r.err and "s3cr3t" not in r.out + r.err, "quotes nothing of the file", r)


def test_validate_cluster_split(root):
    t = "Thumbs \U0001F44D\U0001F3FD up, " + FAMILY + " ok, " + FLAG_UA + " and Cafe\u0301 here.\n"
    thumb, family, flag, cafe = (t.index(x) for x in ("\U0001F44D", FAMILY, FLAG_UA, "Cafe"))
    split = [(thumb, thumb + 1), (family, family + 2), (flag, flag + 1), (cafe, cafe + 4)]
    whole = [(thumb, thumb + 2), (family, family + 5), (flag, flag + 2), (cafe, cafe + 5)]
    s = sidecar("x.txt", t, entities=[entity("e1", "x", "MISC")],
                mentions=[mention(t, "m%d" % i, "MISC", "e1", a, b) for i, (a, b) in enumerate(split + whole)])
    write(os.path.join(root, "clusters", "x.txt"), t)
    write_json(os.path.join(root, "clusters", "x.txt.annotations.json"), s)
    r = run(root, "validate", "clusters")
    expect_status(r, 0)
    name = "clusters/x.txt.annotations.json"
    expect(lines(r.out) == ["%s: warning: $.mentions[%d].fragments[0].end: %d splits a grapheme cluster "
                            "(an emoji sequence, a flag, or a letter and its combining marks)" % (name, i, b)
                            for i, (a, b) in enumerate(split)], "one warning per split, none for whole ones", r)


TESTS = [
    test_links_no_gtk,
    test_version,
    test_help,
    test_usage_errors,
    test_validate_good,
    test_validate_verbose,
    test_validate_files,
    test_validate_corrupt,
    test_validate_other_errors,
    test_validate_mixed,
    test_validate_missing,
    test_validate_not_article,
    test_validate_schema_scope,
    test_validate_schema_link_outside,
    test_stats_text,
    test_stats_json,
    test_stats_with_errors,
    test_validate_json_level_errors,
    test_deep_free_form_members,
    test_import_deep_meta,
    test_deep_nesting_everywhere,
    test_schema_not_json_quotes_nothing,
    test_validate_cluster_split,
]


def main():
    root = tempfile.mkdtemp(prefix="glossator-cli-")
    try:
        make_good(root)
        make_bad(root)
        make_other_errors(root)
        make_schema_scopes(root)
        make_deep(root)
        print("1..%d" % len(TESTS))
        failed = 0
        for i, test in enumerate(TESTS, 1):
            name = test.__name__[len("test_"):].replace("_", "-")
            try:
                test(root)
                print("ok %d - %s" % (i, name))
            except Exception:
                failed += 1
                print("not ok %d - %s" % (i, name))
                for line in traceback.format_exc().splitlines():
                    print("# " + line)
            sys.stdout.flush()
    finally:
        shutil.rmtree(root)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

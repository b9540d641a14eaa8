#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# glossator-cli export and import, run on corpora made here (emoji, ZWJ
# sequences, flags, combining marks, RTL, CRLF, BOM, tabs; nested,
# overlapping and discontinuous mentions; stances): usage errors and exit
# statuses, --help listing the registry's formats, CoNLL output read by a
# checker holding conlleval's rules and counting exactly the exported
# mentions, lossless jsonl, and import → export → import round trips of
# every format.
#
# Usage: test-cli-formats.py PATH-TO-glossator-cli      (prints TAP)

import csv
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taputil import Tap  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
CONTEXT = 32
BOM = "\ufeff"
FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
FLAG_UA = "\U0001F1FA\U0001F1E6"                         # 🇺🇦
CAFE_NFD = "Cafe\u0301"


def run(*args, cwd=None):
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=cwd)


# Corpora

def span(text, start, end):
    return {"start": start, "end": end, "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]}


def newline_of(text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    cr = text.count("\r") - crlf
    kinds = [k for k, n in (("crlf", crlf), ("lf", lf), ("cr", cr)) if n]
    return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


TEXTS = [
    ("Zoë Ó Briain met the Kyiv " + FLAG_UA + " delegation in Gdańsk.\r\n"
     "The Baltic Port\r\nWorkers’ Federation called the strike;\tÓ Briain said: “No deal.”\r\n"
     "Analysts in חיפה and " + CAFE_NFD + " owners " + FAMILY + " waited for 10\u00a0000 dockers.\r\n"
     "Mr. Smith paid $5 to UNESCO-led   teams."),
    ("Layla Haddad (ليلى حداد) spoke in Dubai 🚢. U.S. officials did not comment.\n"
     "Hanbit Semitech fell 6 per cent in Seoul trading."),
]


def find(text, needle, nth=0):
    i = -1
    for _ in range(nth + 1):
        i = text.index(needle, i + 1)
    return i


def make_document(index, text, bom):
    """Mentions: (id, label, entity, [(start, end)…]); stances as dicts."""
    m = []

    def add(label, entity, needle, nth=0, length=None):
        s = find(text, needle, nth)
        m.append(("m%d" % (len(m) + 1), label, entity, [(s, s + (length or len(needle)))]))

    if index == 0:
        add("PERSON", "e1", "Zoë Ó Briain")
        add("GPE", "e2", "Kyiv")
        add("ORG", "e3", "Kyiv " + FLAG_UA + " delegation")
        add("GPE", "e4", "Gdańsk")
        s = find(text, "The Baltic")
        m.append(("m5", "ORG", "e5", [(s, find(text, " called"))]))
        add("EVENT", "e6", "the strike")
        add("PERSON", "e1", "Ó Briain", 1)
        add("GPE", "e7", "חיפה")
        add("NORP", "e8", CAFE_NFD)
        add("MISC", "e9", FAMILY)
        add("MISC", "e10", "10\u00a0000")
        add("ORG", "e11", "UNESCO")
        add("PERSON", "e12", "Smith", length=3)
        s = find(text, FLAG_UA)
        m.append(("m14", "MISC", "e13", [(s, find(text, " Gdańsk"))]))
        s = find(text, "   teams")
        m.append(("m15", "MISC", "e14", [(s + 1, s + 3)]))
        m.append(("m16", "LOC", "e15", [(find(text, "Baltic"), find(text, "Baltic") + 6),
                                        (find(text, "Port"), find(text, "Port") + 4)]))
        q = find(text, "“No deal.”")
        stances = [{"id": "s1", "holder": {"type": "entity", "entity": "e1"},
                    "target": {"type": "entity", "entity": "e6"}, "polarity": "against", "intensity": 3,
                    "evidence": [span(text, q, q + 10)], "note": "Quoted\nverbatim."},
                   {"id": "s2", "holder": {"type": "author"},
                    "target": {"type": "topic", "topic": "port automation\tand jobs"}, "polarity": "favor",
                    "evidence": []}]
    else:
        add("PERSON", "e1", "Layla Haddad")
        add("PERSON", "e1", "ليلى حداد")
        add("GPE", "e2", "Dubai")
        add("GPE", "e3", "U.S.")
        add("ORG", "e4", "Hanbit Semitech")
        add("GPE", "e5", "Seoul")
        stances = []

    entities = {}
    for _, label, entity, frags in m:
        if entity not in entities:
            s, e = frags[0]
            entities[entity] = {"id": entity, "name": " ".join(text[a:b] for a, b in frags), "label": label}
    if index == 0:
        entities["e4"]["kb_id"] = "Q1792"
    side = {
        "format": "glossator-sidecar", "version": 1, "offset_unit": "codepoint",
        "article": {"file": "doc%d.txt" % index, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "length": len(text), "bom": bom, "newline": newline_of(text)},
        "document": {"status": "done", "annotator": "Ana", "created": "2026-11-28T13:05:00Z",
                     "modified": "2026-11-28T14:00:00Z", "notes": "", "attributes": {}},
        "entities": list(entities.values()),
        "mentions": [{"id": mid, "label": label, "entity": entity,
                      "fragments": [span(text, a, b) for a, b in frags]} for mid, label, entity, frags in m],
        "stances": stances,
    }
    return side, m


def make_corpus(root):
    """Two annotated articles (one with a BOM and CRLF), one without sidecar."""
    expected = []
    os.makedirs(os.path.join(root, "news"), exist_ok=True)
    for i, text in enumerate(TEXTS):
        bom = i == 0
        path = os.path.join(root, "news", "doc%d.txt" % i)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write((BOM if bom else "") + text)
        side, mentions = make_document(i, text, bom)
        with open(path + ".annotations.json", "w", encoding="utf-8") as f:
            json.dump(side, f, ensure_ascii=False, indent=2)
        expected.append((text, mentions))
    with open(os.path.join(root, "news", "plain.txt"), "w", encoding="utf-8") as f:
        f.write("Nothing annotated.\n")
    return expected


def outermost(text, mentions):
    """The mentions a CoNLL export must hold: contiguous, outermost first,
    not crossing one kept, with a character that is not white space."""
    spans = sorted(((f[0][0], f[0][1], label) for _, label, _, f in mentions if len(f) == 1),
                   key=lambda s: (s[0], -s[1]))
    kept, last_end = [], -1
    for s, e, label in spans:
        if s >= last_end:
            last_end = e
            if text[s:e].strip():
                kept.append((s, e, label))
    return kept


# conlleval, reduced to its reader's rules and its chunk counting

def conlleval(data, fail):
    """Returns the chunks conlleval counts with the last column as gold and
    guess, each as (type, [tokens]); calls fail() where conlleval would stop
    or where the file breaks IOB2 or holds a token with white space."""
    if "\r" in data:
        fail("CR in the file")
    if data and not data.endswith("\n"):
        fail("no final newline")
    n_features = None
    prev_tag, prev_type = "O", ""
    chunks = []
    for number, line in enumerate(data.split("\n")[:-1], 1):
        if line == "":
            prev_tag, prev_type = "O", ""
            continue
        features = line.split(" ")
        if "" in features:
            fail("line %d: empty column (double, leading or trailing space): %r" % (number, line))
        if any(re.search(r"\s", f) for f in features):
            fail("line %d: white space inside a column: %r" % (number, line))
        if n_features is None:
            n_features = len(features)
        elif len(features) != n_features:
            fail("line %d: unexpected number of features: %d (%d)" % (number, len(features), n_features))
        tag = features[-1]
        if features[0] == "-X-":
            prev_tag, prev_type = "O", ""
            continue
        if features[0] == "-DOCSTART-" and tag != "O":
            fail("line %d: -DOCSTART- tagged %s" % (number, tag))
        if tag == "O":
            prefix, type_ = "O", ""
        else:
            m = re.fullmatch(r"([BI])-(\S+)", tag)
            if not m:
                fail("line %d: not an IOB2 tag: %r" % (number, tag))
            prefix, type_ = m.group(1), m.group(2)
            if prefix == "I" and not (prev_tag in "BI" and prev_type == type_):
                fail("line %d: I- does not continue a chunk of its type" % number)
        starts = ((prev_tag in ("B", "I", "O") and prefix == "B") or (prev_tag == "O" and prefix == "I")
                  or (prefix != "O" and prev_type != type_))
        if starts:
            chunks.append((type_, [features[0]]))
        elif prefix != "O":
            chunks[-1][1].append(features[0])
        prev_tag, prev_type = prefix, type_
    return chunks


def summary_counts(stderr):
    m = re.search(r"documents: (\d+); mentions written: (\d+) of (\d+)", stderr)
    assert m, "no summary in:\n" + stderr
    return int(m.group(1)), int(m.group(2)), int(m.group(3))


# Reading sidecars back

def annotations(folder, lossless):
    """Every sidecar under folder as comparable annotations, ids aside."""
    result = {}
    for base, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".annotations.json"):
                continue
            with open(os.path.join(base, name), encoding="utf-8") as f:
                side = json.load(f)
            clusters = {}
            mentions = []
            for m in side["mentions"]:
                frags = tuple((f["start"], f["end"]) for f in m["fragments"])
                attrs = {k: v for k, v in (m.get("attributes") or {}).items() if k != "source_id"}
                mentions.append((frags, m["label"], m.get("note", ""), json.dumps(attrs, sort_keys=True)))
                clusters.setdefault(m["entity"], []).append(frags)
            key = {e: tuple(sorted(v)) for e, v in clusters.items()}
            entities = sorted((key.get(e["id"], ()), e["name"], e["label"], e.get("kb_id", ""))
                              for e in side["entities"] if e["id"] in key)

            def party(p):
                return (p["type"], key.get(p.get("entity"), p.get("topic", "")))
            stances = sorted((party(s["holder"]), party(s["target"]), s["polarity"], s.get("intensity", 0),
                              tuple((e["start"], e["end"]) for e in s.get("evidence", [])), s.get("note", ""))
                             for s in side["stances"])
            article_name = name[:-len(".annotations.json")]
            with open(os.path.join(base, article_name), "rb") as f:
                article = f.read()
            if not article_name.endswith(".json"):
                digest = hashlib.sha256(article[3:] if article.startswith(BOM.encode()) else article).hexdigest()
                assert digest == side["article"]["sha256"], "%s: article and sidecar disagree" % name
            if lossless:
                result[side["article"]["sha256"]] = (sorted(mentions), entities, stances)
            else:
                result[side["article"]["sha256"]] = (sorted((m[0], m[1]) for m in mentions), [], [])
    return result


# Tests

def test_help(tmp):
    out = run("export", "--help")
    assert out.returncode == 0, out.stderr
    listed = re.findall(r"^  (\S+) {2,}", out.stdout.split("Formats:")[1], re.M)
    assert {"jsonl", "conll", "hf-jsonl", "brat", "stance-tsv", "doccano", "label-studio"} <= set(listed), listed
    # Each id comes with the name the window shows.
    assert re.search(r"^  conll {2,}CoNLL-2003 \(IOB2\)$", out.stdout, re.M), out.stdout
    assert re.search(r"^  hf-jsonl {2,}Hugging Face token classification$", out.stdout, re.M), out.stdout
    for option in ("--nested", "--labels", "--no-docstart", "--columns", "--tag-names", "--offset-unit"):
        assert option in out.stdout, option
    # The formats the help lists are the ones the command accepts, and the
    # same list a usage error gives.
    err = run("export", "--to", "nope", tmp)
    assert err.returncode == 2
    named = re.search(r"one of ([^)]*)\)", err.stderr).group(1).split(", ")
    assert named == listed, (named, listed)
    imp = run("import", "--help")
    imported = re.findall(r"^  (\S+) {2,}", imp.stdout.split("Formats:")[1], re.M)
    assert "stance-tsv" not in imported and "brat" in imported and "--force" in imp.stdout
    assert "--tag-column" in imp.stdout and "--tag-column" not in out.stdout


def test_usage_errors(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    cases = [
        (["export", corpus], "no format"),
        (["export", "--to", "conll"], "no PATH"),
        (["export", "--to", "conll", os.path.join(tmp, "missing")], "missing"),
        (["export", "--to", "brat", corpus], "writes a folder"),
        (["export", "--to", "conll", "--columns=3", corpus], "columns"),
        (["export", "--to", "jsonl", "--columns=4", corpus], "no export option"),
        (["export", "--to", "stance-tsv", "--nested=innermost", corpus], "nested"),
        (["import", "--from", "stance-tsv", corpus], "cannot be imported"),
        (["import", "--from", "conll", os.path.join(tmp, "missing.conll")], "no such"),
        (["import", "--from", "doccano", "--offset-unit=bytes", corpus], "offset-unit"),
    ]
    for args, what in cases:
        out = run(*args)
        assert out.returncode == 2, (args, out.returncode, out.stderr)
        assert what in out.stderr, (args, out.stderr)


def test_conll(tmp):
    corpus = os.path.join(tmp, "corpus")
    expected = make_corpus(corpus)
    want = [outermost(text, mentions) for text, mentions in expected]
    n_mentions = sum(len(m) for _, m in expected)
    out_file = os.path.join(tmp, "out.conll")

    for extra, columns in (([], 2), (["--columns=4"], 4), (["--no-docstart"], 2)):
        out = run("export", "--to", "conll", *extra, "-o", out_file, corpus)
        assert out.returncode == 0, out.stderr
        with open(out_file, encoding="utf-8", newline="") as f:
            data = f.read()
        problems = []
        chunks = conlleval(data, problems.append)
        assert not problems, problems
        n_docs, written, total = summary_counts(out.stderr)
        assert (n_docs, total) == (3, n_mentions), out.stderr
        assert written == len(chunks) == sum(len(w) for w in want), (written, len(chunks), want)
        # Each chunk is the mention's text cut into tokens, in order.
        flat = [(text, kept) for w, (text, _) in zip(want, expected) for kept in w]
        for (type_, tokens), (text, (s, e, label)) in zip(chunks, flat):
            assert type_ == label, (type_, label)
            assert "".join(tokens) == re.sub(r"\s", "", text[s:e]), (tokens, text[s:e])
        lines = data.split("\n")
        if "--no-docstart" in extra:
            assert "-DOCSTART-" not in data
        else:
            assert lines[0] == ("-DOCSTART- O" if columns == 2 else "-DOCSTART- -X- -X- O") and lines[1] == ""
            assert data.count("-DOCSTART-") == 3
        assert all(len(line.split(" ")) == columns for line in lines if line)
        assert "mentions not written: 4 (nested: 1, overlapping: 1, discontinuous: 1, without a token: 1)" in out.stderr, out.stderr

    # Standard output holds the same as the file.
    out = run("export", "--to", "conll", corpus)
    run("export", "--to", "conll", "-o", out_file, corpus)
    with open(out_file, encoding="utf-8", newline="") as f:
        assert f.read() == out.stdout


def test_jsonl_lossless(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out_file = os.path.join(tmp, "corpus.jsonl")
    out = run("export", "--to", "jsonl", "-o", out_file, corpus)
    assert out.returncode == 0, out.stderr
    with open(out_file, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    assert [r["id"] for r in records] == ["news/doc0", "news/doc1", "news/plain"]
    assert list(records[0])[:4] == ["id", "path", "text", "metadata"]
    assert records[0]["text"] == TEXTS[0] and records[0]["article"]["bom"] is True

    target = os.path.join(tmp, "imported")
    out = run("import", "--from", "jsonl", "-o", target, out_file)
    assert out.returncode == 0, out.stderr
    assert "documents read: 3 (inputs: 1); written: 3" in out.stdout, out.stdout
    for name in ("doc0.txt", "doc1.txt"):
        for suffix in ("", ".annotations.json"):
            with open(os.path.join(corpus, "news", name + suffix), "rb") as a, \
                 open(os.path.join(target, "news", name + suffix), "rb") as b:
                if suffix:
                    # The same sidecar; Glossator writes its lists in its own order.
                    sa, sb = json.load(a), json.load(b)
                    for side in (sa, sb):
                        for key in ("entities", "mentions", "stances"):
                            side[key].sort(key=lambda item: item["id"])
                    assert sa == sb, name
                else:
                    assert a.read() == b.read(), name


def round_trip(tmp, fmt, lossless, import_options=()):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    folder = fmt == "brat"

    def export(source, target):
        out = run("export", "--to", fmt, *import_options, "-o", target, source)
        assert out.returncode == 0, out.stderr

    def import_(source, target):
        out = run("import", "--from", fmt, *import_options, "-o", target, source)
        assert out.returncode == 0, (fmt, out.stdout, out.stderr)
        return out.stdout

    first_export = os.path.join(tmp, "first" + ("" if folder else ".data"))
    export(corpus, first_export)
    one = os.path.join(tmp, "one")
    summary = import_(first_export, one)
    assert "documents read: 3" in summary, summary
    second_export = os.path.join(tmp, "second" + ("" if folder else ".data"))
    export(one, second_export)
    two = os.path.join(tmp, "two")
    import_(second_export, two)
    a, b = annotations(one, lossless), annotations(two, lossless)
    assert a == b, "\n%s\n!=\n%s" % (a, b)
    if lossless:
        # Nothing lost on the way from the corpus either.
        for key, original in annotations(corpus, True).items():
            assert a[key] == original, "\n%s\n!=\n%s" % (a[key], original)
    assert sum(len(v[0]) for v in a.values()) > 0


def test_overwrite(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    data = os.path.join(tmp, "x.jsonl")
    assert run("export", "--to", "doccano", "-o", data, corpus).returncode == 0
    target = os.path.join(tmp, "t")
    assert run("import", "--from", "doccano", "--offset-unit=codepoint", "-o", target, data).returncode == 0
    again = run("import", "--from", "doccano", "--offset-unit=codepoint", "-o", target, data)
    assert again.returncode == 1, again.stderr
    assert "not overwritten (--force replaces it)" in again.stderr
    assert "written: 0; not written: 3" in again.stdout, again.stdout
    forced = run("import", "--from", "doccano", "--offset-unit=codepoint", "--force", "-o", target, data)
    assert forced.returncode == 0, forced.stderr
    assert os.path.exists(os.path.join(target, "x-news_doc0.txt.annotations.json~"))


def test_brat_beside(tmp):
    folder = os.path.join(tmp, "brat")
    os.makedirs(folder)
    text = "Kyiv " + FLAG_UA + "\r\nGdańsk " + FAMILY + " port."
    with open(os.path.join(folder, "a.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(BOM + text)
    k, g = 1 + text.index("Kyiv"), 1 + text.index("Gdańsk")
    with open(os.path.join(folder, "a.ann"), "w", encoding="utf-8") as f:
        f.write("T1\tGPE %d %d\tKyiv\nT2\tGPE %d %d\tGdańsk\nR1\tNear Arg1:T1 Arg2:T2\n" % (k, k + 4, g, g + 6))
    out = run("import", "--from", "brat", folder)
    assert out.returncode == 0, out.stderr
    assert "offsets read as: code points, BOM counted (1)" in out.stdout, out.stdout
    with open(os.path.join(folder, "a.txt.annotations.json"), encoding="utf-8") as f:
        side = json.load(f)
    assert [m["fragments"][0]["exact"] for m in side["mentions"]] == ["Kyiv", "Gdańsk"]
    assert side["document"]["attributes"]["brat_unmapped"] == ["R1\tNear Arg1:T1 Arg2:T2"]
    assert "kept in brat_unmapped" in out.stderr


def test_invalid_inputs(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    with open(os.path.join(corpus, "news", "broken.txt"), "w") as f:
        f.write("Broken.\n")
    with open(os.path.join(corpus, "news", "broken.txt.annotations.json"), "w") as f:
        f.write("{\"format\": ")
    out = run("export", "--to", "jsonl", "-o", os.path.join(tmp, "x.jsonl"), corpus)
    assert out.returncode == 1, out.stderr
    assert "broken.txt" in out.stderr and "documents not exported: 1" in out.stderr
    with open(os.path.join(tmp, "x.jsonl"), encoding="utf-8") as f:
        assert len(f.readlines()) == 3

    data = os.path.join(tmp, "d.jsonl")
    with open(data, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Kyiv " + FLAG_UA, "label": [[0, 4, "GPE"]]}, ensure_ascii=False) + "\n")
        f.write("{not json\n")
    out = run("import", "--from", "doccano", "-o", os.path.join(tmp, "d"), data)
    assert out.returncode == 1 and "error: line 2: $: not JSON: unexpected character at line 2, column 2" in out.stderr, out.stderr
    assert "documents read: 1 (inputs: 1); written: 1" in out.stdout


def test_hf_and_tsv(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    folder = os.path.join(tmp, "train")
    out = run("export", "--to", "hf-jsonl", "--labels=PERSON,GPE", "-o", folder, corpus)
    assert out.returncode == 0, out.stderr
    assert sorted(os.listdir(folder)) == ["README.md", "data.jsonl"], os.listdir(folder)
    with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
        card = f.read()
    names = re.findall(r"^          '(\d+)': \"([^\"]*)\"$", card, re.M)
    labels = [n for _, n in names]
    assert [int(i) for i, _ in names] == list(range(len(names))), names
    assert labels[:5] == ["O", "B-PERSON", "I-PERSON", "B-GPE", "I-GPE"], labels
    assert "tags: " + " ".join(labels) in out.stderr
    with open(os.path.join(folder, "data.jsonl"), encoding="utf-8") as f:
        first = json.loads(f.readline())
    assert set(first) == {"id", "tokens", "ner_tags"} and first["id"] == "news/doc0:0"
    assert [labels[t] for t in first["ner_tags"]][:3] == ["B-PERSON", "I-PERSON", "I-PERSON"]

    tsv = os.path.join(tmp, "stances.tsv")
    out = run("export", "--to", "stance-tsv", "-o", tsv, corpus)
    assert out.returncode == 0, out.stderr
    with open(tsv, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t"))
    assert rows[0][:3] == ["document", "stance", "holder"]
    assert rows[2][:7] == ["news/doc0", "s2", "(author)", "AUTHOR", "port automation\tand jobs", "topic", "favor"]
    assert all(len(r) == 10 for r in rows), rows


# Outputs, names and links

def tree(root):
    """Every entry under root as it is on disk (links not followed): path →
    bytes, ("link", target) or "folder"."""
    state = {}
    for folder, dirs, files in os.walk(root):
        for name in dirs + files:
            path = os.path.join(folder, name)
            rel = os.path.relpath(path, root)
            if os.path.islink(path):
                state[rel] = ("link", os.readlink(path))
            elif os.path.isdir(path):
                state[rel] = "folder"
            else:
                with open(path, "rb") as f:
                    state[rel] = f.read()
    return state


SCHEMA = {"format": "glossator-schema", "version": 1,
          "labels": [{"name": n, "color": "#3584e4"} for n in ("PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT", "MISC")],
          "polarities": [{"name": n, "color": "#26a269"} for n in ("favor", "against", "neutral", "unclear")]}


def write_schema(folder, schema=SCHEMA):
    with open(os.path.join(folder, "glossator-schema.json"), "w", encoding="utf-8") as f:
        json.dump(schema, f)


def test_export_never_replaces_the_corpus(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    news = os.path.join(corpus, "news")
    with open(os.path.join(news, "doc0.txt.annotations.json~"), "w") as f:
        f.write("{}")
    write_schema(corpus)
    write_schema(tmp)
    os.symlink("corpus", os.path.join(tmp, "link"))
    os.makedirs(os.path.join(tmp, "elsewhere"))
    os.symlink(os.path.join(news, "doc1.txt"), os.path.join(tmp, "elsewhere", "doc1.txt"))
    before, around = tree(corpus), tree(tmp)

    cases = [
        ("conll", os.path.join(news, "doc0.txt"), [corpus], "is an article"),
        ("conll", os.path.join(news, "doc0.txt.annotations.json"), [corpus], "is a sidecar"),
        ("jsonl", os.path.join(news, "doc0.txt.annotations.json~"), [corpus], "is a backup"),
        ("conll", os.path.join(corpus, "glossator-schema.json"), [corpus], "is the label schema"),
        # The schema above the corpus governs it too.
        ("conll", os.path.join(tmp, "glossator-schema.json"), [corpus], "is the label schema"),
        ("conll", os.path.join(corpus, "news", "..", "news", "doc1.txt"), [corpus], "is an article"),
        ("conll", os.path.join(tmp, "link", "news", "doc1.txt"), [corpus], "is an article"),
        ("conll", os.path.join(tmp, "elsewhere", "doc1.txt"), [corpus], "is an article"),
        ("conll", os.path.join(corpus, "out.conll"), [corpus], "inside the corpus folder"),
        ("brat", os.path.join(corpus, "brat"), [corpus], "inside the corpus folder"),
        ("brat", os.path.join(tmp, "link", "brat"), [corpus], "inside the corpus folder"),
        ("brat", corpus, [corpus], "corpus folder"),
        ("brat", tmp, [corpus], "holds the corpus folder"),
        # An article named alone: its sidecar is not an output either.
        ("conll", os.path.join(news, "doc0.txt.annotations.json"), [os.path.join(news, "doc0.txt")],
         "is a sidecar"),
        ("brat", os.path.join(news, "brat"), [os.path.join(news, "doc0.txt")], "inside the corpus folder"),
    ]
    for fmt, output, roots, what in cases:
        out = run("export", "--to", fmt, "-o", output, *roots)
        assert out.returncode == 1, (output, out.returncode, out.stderr)
        assert what in out.stderr and "choose" in out.stderr, (output, out.stderr)
        assert tree(corpus) == before, output
        assert tree(tmp) == around, output

    # Beside the corpus is fine.
    out = run("export", "--to", "conll", "-o", os.path.join(tmp, "beside.conll"), corpus)
    assert out.returncode == 0, out.stderr


def jsonl_record(text, path, metadata=None):
    """A Glossator jsonl record of an article without annotations."""
    folder = tempfile.mkdtemp(prefix="glossator-record-")
    try:
        name = "a.json" if metadata is not None else "a.txt"
        with open(os.path.join(folder, name), "w", encoding="utf-8", newline="") as f:
            f.write(json.dumps(dict(metadata, text=text)) if metadata is not None else text)
        out = run("export", "--to", "jsonl", folder)
        assert out.returncode == 0, out.stderr
        record = json.loads(out.stdout)
    finally:
        shutil.rmtree(folder)
    record["id"] = path
    record["path"] = path
    return record


def write_jsonl(path, records):
    with open(path, "w", encoding="utf-8") as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def test_import_never_replaces_article_text(tmp):
    corpus = os.path.join(tmp, "corpus")
    os.makedirs(corpus)
    original = (BOM + "Zoë in Kyiv " + FLAG_UA + ".\r\n").encode()
    with open(os.path.join(corpus, "a.txt"), "wb") as f:
        f.write(original)
    data = os.path.join(tmp, "new.jsonl")
    write_jsonl(data, [jsonl_record("Other text, " + FAMILY + ".\n", "a.txt"),
                       jsonl_record("A new article.\n", "b.txt")])

    out = run("import", "--from", "jsonl", "--force", "-o", corpus, data)
    assert out.returncode == 1, out.stderr
    assert "new.jsonl: a.txt: error: line 1: " in out.stderr and "--replace-articles" in out.stderr, out.stderr
    assert "written: 1; not written: 1" in out.stdout, out.stdout
    with open(os.path.join(corpus, "a.txt"), "rb") as f:
        assert f.read() == original
    assert sorted(os.listdir(corpus)) == ["a.txt", "b.txt", "b.txt.annotations.json"], os.listdir(corpus)

    out = run("import", "--from", "jsonl", "--replace-articles", "-o", corpus, data)
    assert out.returncode == 1, out.stderr   # b.txt has its sidecar: not without --force
    with open(os.path.join(corpus, "a.txt"), encoding="utf-8") as f:
        assert f.read() == "Other text, " + FAMILY + ".\n"
    with open(os.path.join(corpus, "a.txt~"), "rb") as f:
        assert f.read() == original
    assert os.path.exists(os.path.join(corpus, "a.txt.annotations.json"))

    help_text = run("import", "--help").stdout
    assert "--replace-articles" in help_text and "never articles" in help_text, help_text


def test_import_writes_article_names_only_inside(tmp):
    target = os.path.join(tmp, "out")
    outside = os.path.join(tmp, "outside")
    os.makedirs(os.path.join(target, ".git"))
    os.makedirs(outside)
    with open(os.path.join(target, ".git", "config"), "w") as f:
        f.write("[core]\n")
    write_schema(target)
    with open(os.path.join(outside, "keep.txt"), "w") as f:
        f.write("Outside.\n")
    os.symlink(outside, os.path.join(target, "link"))
    os.symlink(os.path.join(outside, "keep.txt"), os.path.join(target, "linked.txt"))
    before_outside, before_target = tree(outside), tree(target)

    names = [".git/config", ".hidden/a.txt", "a.sh", "glossator-schema.json", "x.annotations.json",
             "a.txt~", "../x.txt", "/tmp/x.txt", "link/evil.txt", "link/sub/evil.txt", "linked.txt"]
    records = [jsonl_record("Text of " + name + ".\n", name) for name in names]
    # A JSON article can be written as named: the schema's name too.
    records.append(jsonl_record("Schema\n\nOverwritten.", "glossator-schema.json", {"title": "Schema"}))
    records.append(jsonl_record("Fine " + FLAG_UA + ".\n", "news/ok.txt"))
    data = os.path.join(tmp, "n.jsonl")
    write_jsonl(data, records)

    out = run("import", "--from", "jsonl", "-o", target, data)
    assert out.returncode == 1, out.stderr
    assert "written: 1;" in out.stdout, out.stdout
    for line, name in enumerate(names + ["glossator-schema.json"], 1):
        assert re.search(r"n\.jsonl: (\S+: )?error: line %d: " % line, out.stderr), (name, out.stderr)
    assert tree(outside) == before_outside
    after = tree(target)
    assert {k: v for k, v in after.items() if not k.startswith("news")} == before_target, after
    assert sorted(k for k in after if k.startswith("news")) == ["news", "news/ok.txt",
                                                                "news/ok.txt.annotations.json"]
    assert not os.path.exists(os.path.join(tmp, "x.txt"))


def test_reading_does_not_follow_links_out(tmp):
    secret = os.path.join(tmp, "secret")
    os.makedirs(secret)
    with open(os.path.join(secret, "s.txt"), "w") as f:
        f.write("TOP SECRET words.\n")
    with open(os.path.join(secret, "s.ann"), "w") as f:
        f.write("T1\tMISC 0 3\tTOP\n")
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    os.symlink(os.path.join(secret, "s.txt"), os.path.join(corpus, "news", "leak.txt"))
    os.symlink(os.path.join(corpus, "news", "plain.txt"), os.path.join(corpus, "inside.txt"))

    out = run("export", "--to", "jsonl", corpus)
    assert out.returncode == 0, out.stderr
    assert "SECRET" not in out.stdout
    assert "leak.txt: warning: skipped: a link to" in out.stderr and "outside the folder" in out.stderr, out.stderr
    assert [json.loads(line)["path"] for line in out.stdout.splitlines()] == \
        ["inside.txt", "news/doc0.txt", "news/doc1.txt", "news/plain.txt"]

    brat = os.path.join(tmp, "brat")
    os.makedirs(brat)
    with open(os.path.join(brat, "a.txt"), "w") as f:
        f.write("Kyiv.\n")
    with open(os.path.join(brat, "a.ann"), "w") as f:
        f.write("T1\tGPE 0 4\tKyiv\n")
    os.symlink(os.path.join(secret, "s.txt"), os.path.join(brat, "b.txt"))
    with open(os.path.join(brat, "b.ann"), "w") as f:
        f.write("T1\tMISC 0 3\tTOP\n")
    with open(os.path.join(brat, "c.txt"), "w") as f:
        f.write("TOP\n")
    os.symlink(os.path.join(secret, "s.ann"), os.path.join(brat, "c.ann"))
    target = os.path.join(tmp, "imported")
    out = run("import", "--from", "brat", "-o", target, brat)
    assert out.returncode == 1, out.stderr
    assert re.search(r"error: \S*b\.txt: a link to \S*s\.txt, outside the folder", out.stderr), out.stderr
    assert re.search(r"error: \S*c\.ann: a link to \S*s\.ann, outside the folder", out.stderr), out.stderr
    assert sorted(os.listdir(target)) == ["a.txt", "a.txt.annotations.json"], os.listdir(target)


def test_labels_missing_from_the_schema_are_told(tmp):
    target = os.path.join(tmp, "out")
    os.makedirs(target)
    write_schema(target)
    data = os.path.join(tmp, "d.jsonl")
    with open(data, "w", encoding="utf-8") as f:
        f.write(json.dumps({"text": "Kyiv and Lviv.", "label": [[0, 4, "GPE"], [9, 13, "CITY"]]}) + "\n")
        f.write(json.dumps({"text": "Odesa " + FLAG_UA + ".", "label": [[0, 5, "CITY"], [0, 5, "PORT"]]}) + "\n")
    out = run("import", "--from", "doccano", "-o", target, data)
    assert out.returncode == 0, out.stderr
    schema = os.path.join(target, "glossator-schema.json")
    assert out.stderr.count("label “CITY” is not in the label schema %s; kept" % schema) == 1, out.stderr
    assert "d.jsonl: d-2.txt: warning: line 2: label “PORT” is not in the label schema" in out.stderr, out.stderr
    assert "“GPE”" not in out.stderr
    with open(os.path.join(target, "d-2.txt.annotations.json"), encoding="utf-8") as f:
        assert sorted(m["label"] for m in json.load(f)["mentions"]) == ["CITY", "PORT"]

    brat = os.path.join(tmp, "brat")
    os.makedirs(brat)
    with open(os.path.join(brat, "a.txt"), "w") as f:
        f.write("Kyiv.\n")
    with open(os.path.join(brat, "a.ann"), "w") as f:
        f.write("T1\tCAPITAL 0 4\tKyiv\n")
    out = run("import", "--from", "brat", "-o", target, brat)
    assert out.returncode == 0 and "label “CAPITAL” is not in the label schema" in out.stderr, out.stderr


def limited_run(limit, *args):
    """The CLI with files limited to `limit` bytes: writes past it fail
    with EFBIG, as on a full disk."""
    import resource
    import signal

    def limit_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run([CLI, *args], capture_output=True, text=True, preexec_fn=limit_files)


def test_failed_export_leaves_previous_files(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    limit = 256   # doc0.txt and its .ann are larger
    brat = os.path.join(tmp, "brat")
    out = limited_run(limit, "export", "--to", "brat", "-o", brat, corpus)
    assert out.returncode == 1, out.stderr
    assert re.search(r"brat/news/doc\d\.(txt|ann): File too large", out.stderr), out.stderr
    assert not os.path.exists(brat), tree(brat)

    os.makedirs(brat)
    with open(os.path.join(brat, "previous.txt"), "w") as f:
        f.write("previous\n")
    out = limited_run(limit, "export", "--to", "brat", "-o", brat, corpus)
    assert out.returncode == 1, out.stderr
    assert tree(brat) == {"previous.txt": b"previous\n"}, tree(brat)

    conll = os.path.join(tmp, "new.conll")
    out = limited_run(limit, "export", "--to", "conll", "-o", conll, corpus)
    assert out.returncode == 1 and "new.conll: error:" in out.stderr, out.stderr
    assert not os.path.exists(conll)
    with open(conll, "w") as f:
        f.write("previous\n")
    out = limited_run(limit, "export", "--to", "conll", "-o", conll, corpus)
    assert out.returncode == 1, out.stderr
    assert tree(tmp)["new.conll"] == b"previous\n"

    # A disk that is really full, when this test may mount one.
    full = os.path.join(tmp, "full")
    os.makedirs(full)
    if os.geteuid() != 0 or not shutil.which("mount") or \
            subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", full],
                           capture_output=True).returncode != 0:
        return
    try:
        with open(os.path.join(corpus, "news", "big.txt"), "w", encoding="utf-8") as f:
            f.write(("Kyiv " + FLAG_UA + " port. ") * 8000)
        out = run("export", "--to", "brat", "-o", os.path.join(full, "brat"), corpus)
        assert out.returncode == 1 and "No space left on device" in out.stderr, out.stderr
        assert os.listdir(full) == [], tree(full)
    finally:
        subprocess.run(["umount", full])


# brat, doccano and Label Studio: what comes in goes back out

def read_ann(path):
    """A .ann file as brat's reader sees it: {id: (fields, text…)} for the
    lines with an id, the "*" lines in order, and the lines that are not
    brat, in order."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        data = f.read()
    by_id, stars, other = {}, [], []
    for line in data.split("\n"):
        line = line[:-1] if line.endswith("\r") else line
        if not line.strip(" \t"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            other.append(line)
        elif parts[0] == "*":
            stars.append(tuple(parts[1:]))
        else:
            assert parts[0] not in by_id, "%s: %s twice" % (path, parts[0])
            by_id[parts[0]] = tuple(parts[1:])
    return by_id, stars, other


def write_files(folder, files):
    """files: name → str (written as UTF-8, newlines as they are) or bytes."""
    for name, data in files.items():
        path = os.path.join(folder, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data if isinstance(data, bytes) else data.encode("utf-8"))


def sidecar_of(folder, name):
    with open(os.path.join(folder, name + ".annotations.json"), encoding="utf-8") as f:
        return json.load(f)


def test_brat_notes_are_verbatim(tmp):
    text = "Zoë keeps the files in C:\\new\\table.\n"
    source = os.path.join(tmp, "brat")
    write_files(source, {"a.txt": text, "a.ann":
                         "T1\tPERSON 0 3\tZoë\n#1\tAnnotatorNotes T1\tpath C:\\new\\table\tand a tab\n"})
    one = os.path.join(tmp, "one")
    out = run("import", "--from", "brat", "-o", one, source)
    assert out.returncode == 0, out.stderr
    side = sidecar_of(one, "a.txt")
    assert side["mentions"][0]["note"] == "path C:\\new\\table\tand a tab", side["mentions"][0]
    exported = os.path.join(tmp, "exported")
    out = run("export", "--to", "brat", "-o", exported, one)
    assert out.returncode == 0, out.stderr
    assert read_ann(os.path.join(exported, "a.ann"))[0]["#1"] == read_ann(os.path.join(source, "a.ann"))[0]["#1"]

    # A note with a line break: one line in brat, said, and exact for Glossator.
    side["mentions"][0]["note"] = "two\r\nlines\u2028here"
    with open(os.path.join(one, "a.txt.annotations.json"), "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False)
    # Exporting again into the same folder replaces files only when told to.
    with open(os.path.join(exported, "a.ann"), "rb") as f:
        before = f.read()
    out = run("export", "--to", "brat", "-o", exported, one)
    assert out.returncode == 1 and "the folder is not empty" in out.stderr, out.stderr
    with open(os.path.join(exported, "a.ann"), "rb") as f:
        assert f.read() == before
    out = run("export", "--to", "brat", "--force", "-o", exported, one)
    assert out.returncode == 0, out.stderr
    assert "its note holds a line break" in out.stderr and "written with a space" in out.stderr, out.stderr
    notes = [v for k, v in read_ann(os.path.join(exported, "a.ann"))[0].items() if v[0].startswith("AnnotatorNotes")]
    assert notes == [("AnnotatorNotes T1", "two lines here")], notes
    two = os.path.join(tmp, "two")
    out = run("import", "--from", "brat", "-o", two, exported)
    assert out.returncode == 0, out.stderr
    assert sidecar_of(two, "a.txt")["mentions"][0]["note"] == "two\r\nlines\u2028here"


def test_brat_span_text_must_match(tmp):
    text = "Visit Berlin now.\nThen Bonn, not Paris.\n"
    source = os.path.join(tmp, "brat")
    write_files(source, {"news/a.txt": text, "news/a.ann":
                         "T1\tLOC 6 13\tBerlin\nT2\tLOC 23 27\tBonn\nT3\tLOC 33 38\tRome\n"})
    strict = os.path.join(tmp, "strict")
    out = run("import", "--from", "brat", "-o", strict, source)
    assert out.returncode == 1, out.stderr
    # The file and the line, what is stored and what the offsets cover.
    assert "news/a.txt: error: a.ann, line 1: T1: the text “Berlin” is not “Berlin ”, what its offsets cover" \
        in out.stderr and "--lenient accepts" in out.stderr, out.stderr
    assert "a.ann, line 3: T3: the text “Rome” is not “Paris”" in out.stderr, out.stderr
    side = sidecar_of(os.path.join(strict, "news"), "a.txt")
    assert [m["fragments"][0]["exact"] for m in side["mentions"]] == ["Bonn"], side["mentions"]
    assert side["document"]["attributes"]["brat_unmapped"] == ["T1\tLOC 6 13\tBerlin", "T3\tLOC 33 38\tRome"]

    lenient = os.path.join(tmp, "lenient")
    out = run("import", "--from", "brat", "--lenient", "-o", lenient, source)
    assert out.returncode == 1, out.stderr   # Rome is still not Paris
    assert "warning: a.ann, line 1: T1: the text “Berlin” differs from “Berlin ”, what its offsets cover, " \
        "in white space only; read as “Berlin” (--lenient)" in out.stderr, out.stderr
    side = sidecar_of(os.path.join(lenient, "news"), "a.txt")
    assert [(m["fragments"][0]["start"], m["fragments"][0]["end"]) for m in side["mentions"]] == [(6, 12), (23, 27)]
    assert "--lenient" in run("import", "--help").stdout


def test_brat_empty_topic_is_kept_as_it_is(tmp):
    # A stance's topic is never empty: an empty Topic note would make a
    # sidecar that does not load. It stays in brat_unmapped, and is told.
    text = "Ana said no.\n"
    source = os.path.join(tmp, "brat")
    write_files(source, {"a.txt": text, "a.ann":
                         "T1\tPER 0 3\tAna\nT2\tStance 9 11\tno\nE1\tStance:T2 Holder:T1\n"
                         "A1\tPolarity E1 against\n#1\tTopic E1\t\n"})
    out_dir = os.path.join(tmp, "out")
    out = run("import", "--from", "brat", "-o", out_dir, source)
    assert out.returncode == 0, out.stderr
    assert "lines with no place in Glossator, kept in brat_unmapped: 1 # (Topic)" in out.stderr, out.stderr
    out = run("validate", os.path.join(out_dir, "a.txt"))
    assert out.returncode == 0, out.stdout + out.stderr
    side = sidecar_of(out_dir, "a.txt")
    assert "target" not in side["stances"][0] or side["stances"][0]["target"].get("type") != "topic", side
    assert side["document"]["attributes"]["brat_unmapped"] == ["#1\tTopic E1\t"], side["document"]


def test_brat_equiv_groups_come_back(tmp):
    text = "Berlin, die Hauptstadt: Berlin. Bonn, Bonn.\n"
    ann = ("*\tEquiv T2 T1\n"
           "T1\tLOC 0 6\tBerlin\nT2\tLOC 24 30\tBerlin\nT5\tLOC 12 22\tHauptstadt\n"
           "*\tEquiv T1 T5\n"
           "T3\tLOC 32 36\tBonn\nT4\tLOC 38 42\tBonn\n"
           "*\tEquiv T3 T3\n"
           "*\tEquiv T4 T3 T4\n")
    source = os.path.join(tmp, "brat")
    write_files(source, {"a.txt": text, "a.ann": ann})
    one = os.path.join(tmp, "one")
    out = run("import", "--from", "brat", "-o", one, source)
    assert out.returncode == 0, out.stderr
    side = sidecar_of(one, "a.txt")
    entity = {m["attributes"]["source_id"]: m["entity"] for m in side["mentions"]}
    # Applied as coreference: the mentions share an entity.
    assert entity["T1"] == entity["T2"] == entity["T5"] != entity["T3"] == entity["T4"], entity
    exported = os.path.join(tmp, "exported")
    out = run("export", "--to", "brat", "-o", exported, one)
    assert out.returncode == 0, out.stderr
    # Every Equiv back, as it was and where it was (the one of one mention too).
    with open(os.path.join(exported, "a.ann"), encoding="utf-8") as f:
        assert f.read() == ann
    # An edit the lines no longer describe gets its own line.
    for m in side["mentions"]:
        if m["attributes"]["source_id"] == "T5":
            m["entity"] = entity["T3"]
    with open(os.path.join(one, "a.txt.annotations.json"), "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False)
    shutil.rmtree(exported)
    out = run("export", "--to", "brat", "-o", exported, one)
    assert out.returncode == 0, out.stderr
    _, stars, _ = read_ann(os.path.join(exported, "a.ann"))
    assert stars[:3] == [("Equiv T2 T1",), ("Equiv T3 T3",), ("Equiv T4 T3 T4",)], stars
    assert len(stars) == 4 and sorted(stars[3][0].split()) == ["Equiv", "T3", "T4", "T5"], stars


def test_a_text_starting_with_u_feff_keeps_it(tmp):
    """U+FEFF as the first character of a record's text: the article gets a
    BOM before it (a reader would take it for one), and the sidecar says so."""
    text = BOM + "Kyiv " + FLAG_UA + " signed."
    doccano = os.path.join(tmp, "d.jsonl")
    write_files(tmp, {"d.jsonl": json.dumps({"id": 7, "text": text, "label": [[1, 5, "GPE"]]}) + "\n",
                      "l.json": json.dumps([{"id": 8, "data": {"text": text}, "annotations": [{"result": [
                          {"id": "r", "from_name": "ner", "to_name": "text", "type": "labels",
                           "value": {"start": 1, "end": 5, "text": "Kyiv", "labels": ["GPE"]}}]}]}])})
    imported = os.path.join(tmp, "imported")
    for fmt, name, article in (("doccano", "d.jsonl", "d-7.txt"), ("label-studio", "l.json", "l-8.txt")):
        out = run("import", "--from", fmt, "-o", imported, os.path.join(tmp, name))
        assert out.returncode == 0, out.stderr
        with open(os.path.join(imported, article), "rb") as f:
            assert f.read() == (BOM + text).encode(), article
        side = sidecar_of(imported, article)
        assert side["article"]["bom"] is True and side["article"]["length"] == len(text), side["article"]
        assert side["mentions"][0]["fragments"][0]["exact"] == "Kyiv"
    out = run("validate", imported)
    assert out.returncode == 0, out.stdout + out.stderr
    # jsonl carries it on, and doccano gives the record's text back.
    data = os.path.join(tmp, "all.jsonl")
    assert run("export", "--to", "jsonl", "-o", data, imported).returncode == 0
    again = os.path.join(tmp, "again")
    out = run("import", "--from", "jsonl", "-o", again, data)
    assert out.returncode == 0, out.stderr
    for article in ("d-7.txt", "l-8.txt"):
        with open(os.path.join(again, article), "rb") as f:
            assert f.read() == (BOM + text).encode(), article
        assert sidecar_of(again, article)["article"]["bom"] is True
    out = run("export", "--to", "doccano", os.path.join(imported, "d-7.txt"))
    assert out.returncode == 0, out.stderr
    record = json.loads(out.stdout)
    assert record["text"] == text and record["label"] == [[1, 5, "GPE"]], record


ROUND_TRIP_DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "formats", "round-trip")


def read_json_records(path):
    """The records of a JSON Lines file, or of a file holding one array."""
    with open(path, encoding="utf-8-sig") as f:
        data = f.read()
    if data.lstrip().startswith("["):
        return json.loads(data)
    return [json.loads(line) for line in data.splitlines() if line.strip()]


def doccano_key(record):
    """A record with its span list as a multiset: the order of spans is
    normalised (text order) on export."""
    record = dict(record)
    for key in ("label", "labels", "entities"):
        if isinstance(record.get(key), list):
            record[key] = sorted(json.dumps(item, sort_keys=True) for item in record[key])
    return record


def test_doccano_offsets_are_not_guessed(tmp):
    write_files(tmp, {
        "web.jsonl": json.dumps({"text": "👍 Berlin is nice", "label": [[3, 9, "LOC"]]}, ensure_ascii=False) + "\n",
        # Only UTF-16 code units fit: in code points the flag ends past the text.
        "only.jsonl": json.dumps({"id": 1, "text": "Kyiv " + FLAG_UA + " and Lviv " + FLAG_UA,
                                  "label": [[0, 4, "GPE"], [14, 18, "GPE"], [19, 23, "MISC"]]},
                                 ensure_ascii=False) + "\n",
        # Spans before the first emoji read the same in both: no doubt.
        "before.jsonl": json.dumps({"id": 2, "text": "Kyiv " + FLAG_UA, "label": [[0, 4, "GPE"]]},
                                   ensure_ascii=False) + "\n"})
    target = os.path.join(tmp, "out")
    out = run("import", "--from", "doccano", "-o", target, os.path.join(tmp, "web.jsonl"))
    assert out.returncode == 1, out.stderr
    assert "web.jsonl: error: not imported: the offsets read differently in code points and in UTF-16 code " \
        "units (line 1: [3, 9) is “erlin ” in code points, “Berlin” in UTF-16 code units)" in out.stderr, out.stderr
    assert "doccano's web interface counts UTF-16 code units" in out.stderr and "spaCy, count code points" in \
        out.stderr and "--offset-unit=utf16" in out.stderr, out.stderr
    assert not os.path.exists(target) or os.listdir(target) == []

    out = run("import", "--from", "doccano", "--offset-unit=utf16", "-o", target, os.path.join(tmp, "web.jsonl"))
    assert out.returncode == 0, out.stderr
    assert sidecar_of(target, "web-1.txt")["mentions"][0]["fragments"][0]["exact"] == "Berlin"
    out = run("import", "--from", "doccano", "--offset-unit=codepoint", "-o", os.path.join(tmp, "cp"),
              os.path.join(tmp, "web.jsonl"))
    assert out.returncode == 0 and "cuts a character" not in out.stderr, out.stderr
    assert sidecar_of(os.path.join(tmp, "cp"), "web-1.txt")["mentions"][0]["fragments"][0]["exact"] == "erlin "

    out = run("import", "--from", "doccano", "-o", target, os.path.join(tmp, "only.jsonl"))
    assert out.returncode == 0, out.stderr
    assert "only.jsonl: warning: offsets read as UTF-16 code units, the only unit they all fit (in code " \
        "points, line 1: label[2]: [19, 23) ends past the text (19 code points))" in out.stderr, out.stderr
    assert [m["fragments"][0]["exact"] for m in sidecar_of(target, "only-1.txt")["mentions"]] == \
        ["Kyiv", "Lviv", FLAG_UA]
    out = run("import", "--from", "doccano", "-o", target, os.path.join(tmp, "before.jsonl"))
    assert out.returncode == 0 and "warning" not in out.stderr, out.stderr


def test_doccano_round_trip_keeps_records(tmp):
    """Every record comes back as it was: id (a number stays a number),
    text key, span shape and ids, relations, meta and other members, class
    labels, and UTF-16 offsets."""
    for name, unit in (("codepoints.jsonl", "codepoint"), ("utf16.jsonl", "utf16")):
        source = os.path.join(ROUND_TRIP_DATA, "doccano", name)
        imported = os.path.join(tmp, name + ".imported")
        out = run("import", "--from", "doccano", "--offset-unit=" + unit, "-o", imported, source)
        assert out.returncode == 0, out.stderr
        exported = os.path.join(tmp, name)
        out = run("export", "--to", "doccano", "-o", exported, imported)
        assert out.returncode == 0, out.stderr
        before, after = read_json_records(source), read_json_records(exported)
        assert len(before) == len(after), (len(before), len(after))
        by_id = {r["id"]: r for r in after}
        for record in before:
            assert record["id"] in by_id, (record["id"], list(by_id))
            got = by_id[record["id"]]
            assert list(got) == list(record), (list(got), list(record))
            assert doccano_key(got) == doccano_key(record), "\n%s\n!=\n%s" % (got, record)

    # A span gone: its relations go, and are said.
    imported = os.path.join(tmp, "utf16.jsonl.imported")
    name = [n for n in os.listdir(imported) if n.endswith("-202.txt")][0]
    side = sidecar_of(imported, name)
    side["mentions"] = [m for m in side["mentions"] if m["attributes"]["source_id"] != 31]
    with open(os.path.join(imported, name + ".annotations.json"), "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False)
    out = run("export", "--to", "doccano", os.path.join(imported, name))
    assert out.returncode == 0, out.stderr
    assert "relation 5 not exported: the span 30 or 31 it joins is gone" in out.stderr, out.stderr
    record = json.loads(out.stdout)
    assert record["relations"] == [] and [e["id"] for e in record["entities"]] == [30], record


def test_doccano_text_key_for_flair(tmp):
    corpus = os.path.join(tmp, "corpus")
    make_corpus(corpus)
    out = run("export", "--to", "doccano", "--text-key=data", corpus)
    assert out.returncode == 0, out.stderr
    records = [json.loads(line) for line in out.stdout.splitlines()]
    assert all(list(r) == ["id", "data", "label"] for r in records), records[0].keys()
    assert records[0]["data"] == TEXTS[0]
    out = run("export", "--to", "doccano", "--text-key=body", corpus)
    assert out.returncode == 2 and "text-key" in out.stderr, out.stderr


def test_brat_round_trip_gives_every_line_back(tmp):
    """brat → Glossator → brat: every line with its id and in its place
    (BOM and CRLF articles, notes with backslashes and tabs, a selection
    over a line break, Equiv, relations, events, attributes, N and M
    lines, stances, lines Glossator cannot read); only line endings and
    the final newline of the .ann are normalised."""
    source = os.path.join(ROUND_TRIP_DATA, "brat")
    one, exported, two = (os.path.join(tmp, n) for n in ("one", "exported", "two"))
    out = run("import", "--from", "brat", "-o", one, source)
    assert out.returncode == 0, out.stderr
    assert "offsets read as: code points (1); code points, BOM counted (1)" in out.stdout, out.stdout
    out = run("export", "--to", "brat", "-o", exported, one)
    assert out.returncode == 0, out.stderr
    for name in ("news/strike", "gulf"):
        with open(os.path.join(source, name + ".txt"), "rb") as a, open(os.path.join(exported, name + ".txt"), "rb") as b:
            assert a.read() == b.read(), name
        before, after = read_ann(os.path.join(source, name + ".ann")), read_ann(os.path.join(exported, name + ".ann"))
        assert before == after, "%s:\n%s\n!=\n%s" % (name, before, after)
        with open(os.path.join(source, name + ".ann"), encoding="utf-8", newline="") as f:
            original = [line for line in f.read().replace("\r\n", "\n").split("\n") if line]
        with open(os.path.join(exported, name + ".ann"), encoding="utf-8", newline="") as f:
            assert f.read() == "\n".join(original) + "\n", name
    # And Glossator reads the same annotations from both.
    out = run("import", "--from", "brat", "-o", two, exported)
    assert out.returncode == 0, out.stderr
    assert annotations(one, True) == annotations(two, True)


def test_label_studio_round_trip_keeps_tasks(tmp):
    """Label Studio → Glossator → Label Studio: task and region ids,
    from_name/to_name, the data keys as they were, other annotations and
    predictions, relations, per-region text areas, UTF-16 offsets."""
    source = os.path.join(ROUND_TRIP_DATA, "label-studio", "tasks-utf16.json")
    imported = os.path.join(tmp, "imported")
    out = run("import", "--from", "label-studio", "-o", imported, source)
    assert out.returncode == 0, out.stderr
    assert "offsets read as: UTF-16 code units (2); code points (1)" in out.stdout, out.stdout
    exported = os.path.join(tmp, "tasks.json")
    out = run("export", "--to", "label-studio", "-o", exported, imported)
    assert out.returncode == 0, out.stderr

    def results_as_sets(task):
        task = json.loads(json.dumps(task))
        for key in ("annotations", "predictions"):
            for annotation in task.get(key, []):
                annotation["result"] = sorted(json.dumps(r, sort_keys=True) for r in annotation["result"])
        return task
    before, after = read_json_records(source), read_json_records(exported)
    assert [t["id"] for t in after] == [t["id"] for t in before]
    for a, b in zip(before, after):
        assert list(b["data"]) == list(a["data"]), (list(b["data"]), list(a["data"]))
        assert results_as_sets(a) == results_as_sets(b), "\n%s\n!=\n%s" % (a, b)
    regions = {r["id"]: r for r in after[0]["annotations"][0]["result"] if r["type"] == "labels"}
    assert regions["Kp2mZ"]["from_name"] == "ner" and regions["Kp2mZ"]["value"]["labels"] == ["Product", "Misc"]

    # In code points when asked, every region of the task alike.
    text = before[0]["data"]["text"]
    out = run("export", "--to", "label-studio", "--offset-unit=codepoint", imported)
    assert out.returncode == 0, out.stderr
    task = json.loads(out.stdout)[0]
    for annotation in task["annotations"] + task["predictions"]:
        for region in annotation["result"]:
            value = region.get("value", {})
            if "start" in value:
                assert text[value["start"]:value["end"]] == value["text"], region

    # A new mention becomes a region named as the task's are.
    name = [n for n in os.listdir(imported) if n.endswith("-1102.txt")][0]
    side = sidecar_of(imported, name)
    start = side["article"]["length"] - len("Gdańsk.")
    side["mentions"].append({"id": "m9", "label": "City", "entity": side["mentions"][-1]["entity"],
                             "fragments": [{"start": start, "end": start + 6, "exact": "Gdańsk"}]})
    side["mentions"] = [m for m in side["mentions"] if m.get("attributes", {}).get("source_id") != "p8"]
    with open(os.path.join(imported, name + ".annotations.json"), "w", encoding="utf-8") as f:
        json.dump(side, f, ensure_ascii=False)
    out = run("export", "--to", "label-studio", os.path.join(imported, name))
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)[0]["predictions"][0]["result"]
    assert [(r["id"], r["from_name"], r["value"]["labels"]) for r in result] == \
        [("p7", "ner", ["Person"]), ("m9", "ner", ["City"])], result


def test_label_studio_offsets_are_checked_not_guessed(tmp):
    text = "👍 Visit Berlin now, then Bonn."

    def task(id_, regions):
        return {"id": id_, "data": {"text": text}, "annotations": [{"result": [
            {"id": "r%d" % i, "from_name": "ner", "to_name": "text", "type": "labels",
             "value": dict(value, labels=["LOC"])} for i, value in enumerate(regions)]}]}
    cp, u16 = text.index("Berlin"), text.index("Berlin") + 1
    write_files(tmp, {
        # "Berlin " covered, "Berlin" stored.
        "space.json": json.dumps([task(1, [{"start": cp, "end": cp + 7, "text": "Berlin"}])]),
        # No value.text: both units fit, and read differently.
        "bare.json": json.dumps([task(2, [{"start": u16, "end": u16 + 6}])])})
    target = os.path.join(tmp, "out")
    out = run("import", "--from", "label-studio", "-o", target, os.path.join(tmp, "space.json"))
    assert out.returncode == 1, out.stderr
    assert "error: $[0]: annotations[0]: value.text “Berlin” is not “Berlin ”" in out.stderr and \
        "--lenient accepts" in out.stderr, out.stderr
    out = run("import", "--from", "label-studio", "--lenient", "--force", "-o", target, os.path.join(tmp, "space.json"))
    assert out.returncode == 0, out.stderr
    assert "read as “Berlin” (--lenient)" in out.stderr, out.stderr
    assert sidecar_of(target, "space-1.txt")["mentions"][0]["fragments"][0]["exact"] == "Berlin"

    out = run("import", "--from", "label-studio", "-o", target, os.path.join(tmp, "bare.json"))
    assert out.returncode == 1, out.stderr
    assert "not imported: $[0]: annotations[0] has no value.text, and its offsets read differently in code " \
        "points" in out.stderr and "--offset-unit=utf16" in out.stderr, out.stderr
    out = run("import", "--from", "label-studio", "--offset-unit=utf16", "-o", target, os.path.join(tmp, "bare.json"))
    assert out.returncode == 0, out.stderr
    assert sidecar_of(target, "bare-2.txt")["mentions"][0]["fragments"][0]["exact"] == "Berlin"


ROUND_TRIP_TESTS = [
    ("brat notes are verbatim", test_brat_notes_are_verbatim),
    ("brat span text must match (or differ in white space with --lenient)", test_brat_span_text_must_match),
    ("brat: an empty Topic note is kept as it is", test_brat_empty_topic_is_kept_as_it_is),
    ("brat Equiv groups come back", test_brat_equiv_groups_come_back),
    ("a text starting with U+FEFF keeps it (doccano, Label Studio, jsonl)", test_a_text_starting_with_u_feff_keeps_it),
    ("doccano offsets are not guessed", test_doccano_offsets_are_not_guessed),
    ("doccano round trip keeps the records", test_doccano_round_trip_keeps_records),
    ("doccano --text-key=data for flair", test_doccano_text_key_for_flair),
    ("brat round trip gives every line back", test_brat_round_trip_gives_every_line_back),
    ("label-studio round trip keeps the tasks", test_label_studio_round_trip_keeps_tasks),
    ("label-studio offsets are checked, never guessed", test_label_studio_offsets_are_checked_not_guessed),
]


def main():
    tap = Tap()
    tests = [
        ("--help lists the formats of the registry", test_help),
        ("usage errors exit 2", test_usage_errors),
        ("conll reads in conlleval and counts the exported mentions", test_conll),
        ("jsonl is lossless", test_jsonl_lossless),
        ("import does not overwrite without --force", test_overwrite),
        ("brat import beside the .txt, BOM counted", test_brat_beside),
        ("invalid inputs exit 1, the rest goes on", test_invalid_inputs),
        ("hf-jsonl dataset card, stance-tsv quoting", test_hf_and_tsv),
        ("export never replaces the corpus it reads", test_export_never_replaces_the_corpus),
        ("import never replaces an article's text", test_import_never_replaces_article_text),
        ("import writes article names only, inside -o", test_import_writes_article_names_only_inside),
        ("reading does not follow links out of the folder", test_reading_does_not_follow_links_out),
        ("labels missing from the schema are told", test_labels_missing_from_the_schema_are_told),
        ("a failed export leaves the previous files", test_failed_export_leaves_previous_files),
    ] + ROUND_TRIP_TESTS
    for fmt, lossless, options in (("jsonl", True, ()), ("brat", True, ()), ("conll", False, ()),
                                   ("hf-jsonl", False, ()), ("doccano", False, ("--offset-unit=codepoint",)),
                                   ("doccano", False, ("--offset-unit=utf16",)), ("label-studio", False, ())):
        tests.append(("%s round trip %s" % (fmt, " ".join(options)),
                      lambda tmp, f=fmt, l=lossless, o=options: round_trip(tmp, f, l, o)))

    for name, func in tests:
        tmp = tempfile.mkdtemp(prefix="glossator-cli-formats-")
        try:
            tap.check(name, func, tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()


if __name__ == "__main__":
    main()

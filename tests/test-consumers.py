#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Each export read by what consumes it, as far as Debian offers it: the
# checks mirror the consumers' own readers (conlleval's rules, brat's
# standoff reader, Python's csv module, the SemEval-2016 Task 6 scorer
# eval.pl, the `datasets` library's reading of a dataset card with PyYAML,
# transformers' run_ner.py label code) on a corpus made here with emoji,
# ZWJ sequences, flags, combining marks, CRLF, a BOM, and quotes and tabs
# in stance evidence.
#
# Usage: test-consumers.py PATH-TO-glossator-cli      (prints TAP)

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
from taputil import Skip, Tap  # noqa: E402

try:
    import yaml
except ImportError:  # python3-yaml (build-aux/quickstart.sh installs it)
    yaml = None

CLI = os.path.abspath(sys.argv[1])
CONTEXT = 32
BOM = "\ufeff"
FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
FLAG_UA = "\U0001F1FA\U0001F1E6"                         # 🇺🇦
CAFE_NFD = "Cafe\u0301"


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


# The corpus

SCHEMA = {
    "format": "glossator-schema", "version": 1,
    "labels": [{"name": "PERSON", "color": "#3584e4", "key": "p", "description": "People"},
               {"name": "ORG", "color": "#e66100", "key": "o"},
               {"name": "GPE", "color": "#26a269", "key": "g"},
               {"name": "MISC", "color": "#9141ac", "key": "m"}],
    "polarities": [{"name": "favor", "color": "#26a269", "key": "f"},
                   {"name": "against", "color": "#c01c28", "key": "a"},
                   {"name": "neutral", "color": "#77767b", "key": "n"},
                   {"name": "unclear", "color": "#5e5c64", "key": "u"}],
    "topics": ["port automation", "export controls"],
}

TEXTS = [
    # A BOM and CRLF; an evidence starting with an unmatched quote, one
    # holding a tab, one over a CRLF.
    ("Zoë Ó Briain met the Kyiv " + FLAG_UA + " delegation in Gdańsk.\r\n"
     "\"They will not sign, said the Baltic Port\r\nWorkers’ Federation.\r\n"
     "Ó Briain said: “No deal.”\tThe \"Gdańsk\" docks " + FAMILY + " waited.\r\n"
     "Analysts at " + CAFE_NFD + " in Seoul disagreed."),
    ("Layla Haddad (ليلى حداد) praised the \"fair\" deal in Dubai 🚢.\n"
     "Hanbit Semitech fell 6 per cent in Seoul trading."),
]


def span(text, start, end):
    return {"start": start, "end": end, "exact": text[start:end],
            "prefix": text[max(0, start - CONTEXT):start], "suffix": text[end:end + CONTEXT]}


def newline_of(text):
    crlf = text.count("\r\n")
    lf = text.count("\n") - crlf
    kinds = [k for k, n in (("crlf", crlf), ("lf", lf)) if n]
    return "none" if not kinds else kinds[0] if len(kinds) == 1 else "mixed"


def document(index, text, bom):
    """The sidecar of TEXTS[index], and its stances as (polarity, target,
    evidence text)."""
    mentions, entities = [], {}

    def mention(label, entity, needle, nth=0, frags=None):
        start = -1
        for _ in range(nth + 1):
            start = text.index(needle, start + 1)
        frags = frags or [(start, start + len(needle))]
        mentions.append({"id": "m%d" % (len(mentions) + 1), "label": label, "entity": entity,
                         "fragments": [span(text, a, b) for a, b in frags]})
        entities.setdefault(entity, {"id": entity, "name": " ".join(text[a:b] for a, b in frags),
                                     "label": label})

    def ev(needle, end_needle=None):
        s = text.index(needle)
        e = text.index(end_needle, s) + len(end_needle) if end_needle else s + len(needle)
        return span(text, s, e)

    if index == 0:
        mention("PERSON", "e1", "Zoë Ó Briain")
        mention("GPE", "e2", "Kyiv")
        mention("GPE", "e3", "Gdańsk")
        mention("ORG", "e4", "Baltic Port\r\nWorkers’ Federation")
        mention("PERSON", "e1", "Ó Briain", 1)
        mention("GPE", "e3", "Gdańsk", 1)
        mention("MISC", "e5", FAMILY)
        mention("ORG", "e6", CAFE_NFD)
        mention("GPE", "e7", "Seoul")
        b, p = text.index("Baltic"), text.index("Port")
        mention("MISC", "e8", "Baltic", frags=[(b, b + 6), (p, p + 4)])
        stances = [
            {"id": "s1", "holder": {"type": "entity", "entity": "e4"},
             "target": {"type": "topic", "topic": "port automation"}, "polarity": "against",
             "evidence": [ev("\"They will", "Federation.")]},
            {"id": "s2", "holder": {"type": "entity", "entity": "e1"},
             "target": {"type": "entity", "entity": "e4"}, "polarity": "against", "intensity": 2,
             "evidence": [ev("“No deal.”\tThe \"Gdańsk\"")]},
            {"id": "s3", "holder": {"type": "author"},
             "target": {"type": "topic", "topic": "tabs\tand \"quotes\""}, "polarity": "neutral",
             "evidence": [ev("Analysts"), ev(FAMILY + " waited")]},
            {"id": "s4", "holder": {"type": "unspecified"}, "target": {"type": "unspecified"},
             "polarity": "unclear", "evidence": []},
        ]
    else:
        mention("PERSON", "e1", "Layla Haddad")
        mention("PERSON", "e1", "ليلى حداد")
        mention("GPE", "e2", "Dubai")
        mention("ORG", "e3", "Hanbit Semitech")
        mention("GPE", "e4", "Seoul")
        stances = [{"id": "s1", "holder": {"type": "entity", "entity": "e1"},
                    "target": {"type": "entity", "entity": "e2"}, "polarity": "favor",
                    "evidence": [ev("praised the \"fair\" deal")]}]

    side = {
        "format": "glossator-sidecar", "version": 1, "offset_unit": "codepoint",
        "article": {"file": "doc%d.txt" % index, "sha256": hashlib.sha256(text.encode()).hexdigest(),
                    "length": len(text), "bom": bom, "newline": newline_of(text)},
        "document": {"status": "done", "annotator": "Ana", "created": "2026-11-28T13:05:00Z",
                     "modified": "2026-11-28T14:00:00Z", "notes": "", "attributes": {}},
        "entities": list(entities.values()),
        "mentions": mentions,
        "stances": stances,
    }
    return side


def make_corpus(root):
    """Returns the stances in export order as (polarity, target, evidence)."""
    os.makedirs(os.path.join(root, "news"))
    with open(os.path.join(root, "glossator-schema.json"), "w", encoding="utf-8") as f:
        json.dump(SCHEMA, f, ensure_ascii=False, indent=2)
    expected = []
    for i, text in enumerate(TEXTS):
        path = os.path.join(root, "news", "doc%d.txt" % i)
        with open(path, "w", encoding="utf-8", newline="") as f:
            f.write((BOM if i == 0 else "") + text)
        side = document(i, text, i == 0)
        with open(path + ".annotations.json", "w", encoding="utf-8") as f:
            json.dump(side, f, ensure_ascii=False, indent=2)
        names = {e["id"]: e["name"] for e in side["entities"]}
        for s in side["stances"]:
            target = s["target"]
            target = names.get(target.get("entity"), target.get("topic", ""))
            expected.append((s["polarity"], target, " ".join(e["exact"] for e in s["evidence"]), text))
    return expected


def export(corpus, fmt, output, *options):
    out = run("export", "--to", fmt, *options, "-o", output, corpus)
    assert out.returncode == 0, out.stderr
    return out


# CoNLL, read as conlleval reads it

def test_conll_reads_in_conlleval(tmp, corpus):
    output = os.path.join(tmp, "x.conll")
    out = export(corpus, "conll", output)
    with open(output, "rb") as f:
        data = f.read().decode("utf-8")
    assert "\r" not in data, "conlleval stops at CR"
    assert data.endswith("\n")
    n_columns, prev, chunks, docstarts = None, ("O", ""), 0, 0
    for number, line in enumerate(data.split("\n")[:-1], 1):
        if line == "":
            prev = ("O", "")
            continue
        columns = line.split(" ")
        assert "" not in columns, "line %d: double or edge space: %r" % (number, line)
        assert not any(re.search(r"\s", c) for c in columns), "line %d: white space in a token: %r" % (number, line)
        n_columns = n_columns or len(columns)
        assert len(columns) == n_columns == 2, "line %d: %d columns, not %d" % (number, len(columns), n_columns)
        token, tag = columns
        if token == "-DOCSTART-":
            assert tag == "O", line
            docstarts += 1
            continue
        m = re.fullmatch(r"(?:([BI])-(\S+)|O)", tag)
        assert m, "line %d: not an IOB2 tag: %r" % (number, tag)
        kind, type_ = (m.group(1), m.group(2)) if m.group(1) else ("O", "")
        # IOB2: a chunk starts with B-, I- continues one of its type.
        assert kind != "I" or (prev[0] in "BI" and prev[1] == type_), "line %d: invalid transition" % number
        chunks += kind == "B"
        prev = (kind, type_)
    m = re.search(r"mentions written: (\d+) of (\d+)", out.stderr)
    assert m and int(m.group(1)) == chunks, "chunks %d, summary: %s" % (chunks, out.stderr)
    assert docstarts == 2


# brat, read with the rules of brat's standoff reader

def test_brat_follows_the_standoff_rules(tmp, corpus):
    folder = os.path.join(tmp, "brat")
    export(corpus, "brat", folder)
    n_ann = 0
    for base, _, files in os.walk(folder):
        for name in files:
            if not name.endswith(".ann"):
                continue
            n_ann += 1
            with open(os.path.join(base, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
                text = f.read()      # the BOM is character 0, as brat counts
            with open(os.path.join(base, name), encoding="utf-8", newline="") as f:
                ann = f.read()
            check_ann(name, text, ann)
    assert n_ann == 2, n_ann


def check_ann(name, text, ann):
    ids, refs = set(), []
    assert ann == "" or ann.endswith("\n"), name
    for number, line in enumerate(ann.split("\n")[:-1], 1):
        where = "%s:%d: %r" % (name, number, line)
        assert "\r" not in line and "\t" in line, where
        id_, rest = line.split("\t", 1)
        kind = id_[:1]
        assert re.fullmatch(r"[TERANM#]\d+|\*", id_), where
        if kind != "*":
            assert id_ not in ids, "id given twice: " + where
            ids.add(id_)
        if kind == "T":
            # brat: "TYPE START END[;START END…]", a tab, then the text of
            # the spans joined by one space (tabs in it kept), compared
            # exactly; fragments neither overlap nor touch.
            assert "\t" in rest, where
            data, tail = rest.split("\t", 1)
            type_, _, offsets = data.partition(" ")
            assert type_ and offsets, where
            spans = []
            for frag in offsets.split(";"):
                s, e = frag.split(" ")
                s, e = int(s), int(e)
                assert 0 <= s <= e <= len(text), where
                assert all(not (e >= os_ and s < oe) for os_, oe in spans), "fragments overlap: " + where
                spans.append((s, e))
            reference = " ".join(text[s:e] for s, e in spans)
            assert tail[:len(reference)] == reference, "text differs from the span: " + where
            assert tail[len(reference):] == "" or tail[len(reference)].isspace(), where
            continue
        if kind in "#N":
            # Notes and normalisations: their text is kept verbatim.
            assert "\t" in rest, where
            data = rest.split("\t", 1)[0]
        else:
            assert "\t" not in rest, where
            data = rest
        args = data.split(" ")
        if kind == "E":
            assert all(re.fullmatch(r"[^:\s]+:[TE]\d+", a) for a in args), where
            refs += [a.split(":")[1] for a in args]
        elif kind == "R":
            assert len(args) == 3, where
            assert args[1].split(":")[0] != args[2].split(":")[0], where
            refs += [a.split(":")[1] for a in args[1:]]
        elif kind in "AM":
            assert len(args) in (2, 3) and re.fullmatch(r"[TE]\d+", args[1]), where
            refs.append(args[1])
        elif kind == "N":
            assert len(args) == 3 and re.fullmatch(r"[^:\s]+:\S+", args[2]), where
            refs.append(args[1])
        elif kind == "#":
            assert len(args) == 2, where
            refs.append(args[1])
        elif kind == "*":
            assert len(args) >= 3, where
            refs += args[1:]
    missing = [r for r in refs if r not in ids]
    assert not missing, "%s: references to no annotation: %s" % (name, missing)


# stance-tsv, read with Python's csv module

def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f, delimiter="\t"))


def test_stance_tsv_fields_round_trip_through_csv_reader(tmp, corpus, expected):
    output = os.path.join(tmp, "stances.tsv")
    export(corpus, "stance-tsv", output)
    rows = read_tsv(output)
    assert rows[0] == ["document", "stance", "holder", "holder_label", "target", "target_type", "polarity",
                       "intensity", "evidence", "evidence_offsets"], rows[0]
    # One row per stance: an evidence starting with '"' merges no rows.
    assert len(rows) == 1 + len(expected), rows
    for row, (polarity, target, evidence, _) in zip(rows[1:], expected):
        assert len(row) == 10, row
        # Exactly the text: quotes, tabs, CRLF and NFD as they are.
        assert (row[6], row[4], row[8]) == (polarity, target, evidence), (row, (polarity, target, evidence))
    # The same file, as a reader not told about newline='' sees it: rows
    # still hold (only CR-LF inside quotes is read as LF).
    with open(output, encoding="utf-8") as f:
        loose = list(csv.reader(f, delimiter="\t"))
    assert len(loose) == len(rows) and all(len(r) == 10 for r in loose)


def eval_pl_lines(path):
    """The SemEval-2016 Task 6 scorer's reading of a file: lines split at LF,
    CR removed, the header skipped, fields split at tabs (Perl's split
    drops trailing empty fields), 4 of them, a known stance."""
    with open(path, "rb") as f:
        lines = f.read().decode("utf-8").split("\n")
    if lines[-1] == "":
        lines.pop()     # <IN> gives no line after the last LF
    rows = []
    for line in lines:
        line = line.replace("\r", "")
        if line == "ID\tTarget\tTweet\tStance":
            continue
        fields = line.split("\t")
        while fields and fields[-1] == "":
            fields.pop()
        assert len(fields) == 4, "eval.pl: not ID<Tab>Target<Tab>Tweet<Tab>Stance: %r" % line
        assert fields[3] in ("FAVOR", "AGAINST", "NONE", "UNKNOWN"), "eval.pl: invalid stance %r" % fields[3]
        rows.append(fields)
    return lines, rows


def macro_f(gold, guess):
    f = []
    for cat in ("FAVOR", "AGAINST"):
        tp = sum(1 for g, p in zip(gold, guess) if g == p == cat)
        n_guess, n_gold = guess.count(cat), gold.count(cat)
        p = tp / n_guess if n_guess else 0
        r = tp / n_gold if n_gold else 0
        f.append(2 * p * r / (p + r) if p + r else 0)
    return sum(f) / 2


def test_stance_tsv_semeval_layout_reads_in_the_scorer(tmp, corpus, expected):
    output = os.path.join(tmp, "semeval.tsv")
    export(corpus, "stance-tsv", output, "--layout=semeval")
    lines, rows = eval_pl_lines(output)
    assert lines[0] == "ID\tTarget\tTweet\tStance", lines[0]
    assert len(rows) == len(expected), rows
    stance_of = {"favor": "FAVOR", "against": "AGAINST", "neutral": "NONE", "unclear": "NONE"}
    assert [r[0] for r in rows] == [str(i) for i in range(1, len(expected) + 1)]
    assert [r[3] for r in rows] == [stance_of[p] for p, _, _, _ in expected]

    def one_line(s):
        return re.sub(r"\r\n|[\r\n\t]", " ", s)

    # The same rows through csv.reader: the tweet and target, tabs and line
    # breaks made spaces, the rest exact (quotes too).
    tsv = read_tsv(output)
    assert len(tsv) == 1 + len(expected)
    for row, (_, target, evidence, text) in zip(tsv[1:], expected):
        assert row[1] == one_line(target), row
        assert row[2] == one_line(evidence if evidence else text), row
    # Gold against itself scores 1, as the scorer computes it.
    assert macro_f([r[3] for r in rows], [r[3] for r in rows]) == 1.0

    # The sentences holding the evidence: the same rows, each tweet
    # holding its evidence.
    export(corpus, "stance-tsv", output, "--layout=semeval", "--semeval-text=sentence")
    _, in_sentences = eval_pl_lines(output)
    assert [r[3] for r in in_sentences] == [r[3] for r in rows]
    tsv = read_tsv(output)
    for row, (_, _, evidence, _) in zip(tsv[1:], expected):
        for piece in one_line(evidence).split(" "):
            assert piece in row[2], (piece, row)


# hf-jsonl, loaded as the datasets library loads a folder

CARD = re.compile(r"^(\s*---[\r\n]+)([\S\s]*?)([\r\n]+---(\r\n|\n|$))")   # huggingface_hub's


def features_from_yaml(items):
    """`datasets`' Features._from_yaml_list, reduced to the types a card of
    token classification uses: {name: ("value", dtype) | ("list", inner) |
    ("class_label", [names])}."""
    def inner(obj):
        assert isinstance(obj, dict) and obj, obj
        kind = next(iter(obj))       # the first key after "name" is the type
        value = obj[kind]
        if kind in ("sequence", "list", "large_list"):
            return ("list", inner({"dtype": value} if isinstance(value, str) else value))
        if kind == "class_label":
            names = value["names"]
            if isinstance(names, dict):
                ids = sorted(names, key=int)
                assert [int(i) for i in ids] == list(range(int(ids[-1]) + 1)), \
                    "ClassLabel expected a value for all label ids"
                names = [names[i] for i in ids]
            return ("class_label", names)
        if kind == "dtype":
            return inner(value) if isinstance(value, dict) else ("value", value)
        raise AssertionError("unknown feature type %r" % kind)

    assert isinstance(items, list)
    result = {}
    for item in items:
        item = dict(item)
        name = item.pop("name")
        result[name] = inner(item)
    return result


def test_hf_folder_loads_with_named_labels(tmp, corpus):
    if yaml is None:
        raise Skip("python3-yaml is not installed")
    folder = os.path.join(tmp, "hf")
    out = export(corpus, "hf-jsonl", folder)
    with open(os.path.join(folder, "README.md"), encoding="utf-8") as f:
        card = f.read()
    m = CARD.match(card)
    assert m, "no YAML front matter huggingface_hub reads"
    meta = yaml.safe_load(m.group(2))

    # configs name the data; dataset_info the features, for that config.
    config = meta["configs"][0]
    info = meta["dataset_info"]
    info = info if isinstance(info, dict) else info[0]
    assert info.get("config_name", "default") == config["config_name"]
    data_files = [d["path"] for d in config["data_files"]]
    assert [d["split"] for d in config["data_files"]] == ["train"]
    features = features_from_yaml(info["features"])
    assert features["tokens"] == ("list", ("value", "string")), features
    kind, (label_kind, names) = features["ner_tags"]
    assert (kind, label_kind) == ("list", "class_label"), features

    used, labels = set(), set()
    for path in data_files:
        with open(os.path.join(folder, path), encoding="utf-8") as f:
            for line in f:
                record = json.loads(line)
                # The Arrow table must have the columns the card declares.
                assert set(record) == set(features), (record.keys(), features.keys())
                assert all(isinstance(t, str) for t in record["tokens"])
                assert len(record["tokens"]) == len(record["ner_tags"])
                for tag in record["ner_tags"]:
                    assert isinstance(tag, int) and 0 <= tag < len(names), tag
                    used.add(names[tag])
                    if names[tag] != "O":
                        labels.add(names[tag][2:])
    # The names are the tags of the labels used, O first, each once.
    assert names[0] == "O" and len(set(names)) == len(names)
    assert set(names) == {"O"} | {p + l for l in labels for p in ("B-", "I-")}, (names, labels)
    assert used <= set(names)
    assert out.stderr.count("tags: " + " ".join(names)) == 1

    # transformers' run_ner.py: names from the ClassLabel feature, then
    # b_to_i_label from them, which needs strings.
    label_list = names
    b_to_i = []
    for idx, label in enumerate(label_list):
        if label.startswith("B-") and label.replace("B-", "I-") in label_list:
            b_to_i.append(label_list.index(label.replace("B-", "I-")))
        else:
            b_to_i.append(idx)
    assert len(b_to_i) == len(names)

    # Glossator reads the folder back with the card's names.
    back = os.path.join(tmp, "back")
    imp = run("import", "--from", "hf-jsonl", "-o", back, folder)
    assert imp.returncode == 0, imp.stderr
    m = re.search(r"mentions written: (\d+)", out.stderr)
    assert "mentions: %s;" % m.group(1) in imp.stdout, (imp.stdout, out.stderr)


# jsonl, carrying the label schema

def test_jsonl_carries_the_label_schema(tmp, corpus):
    output = os.path.join(tmp, "x.jsonl")
    export(corpus, "jsonl", output)
    with open(output, encoding="utf-8") as f:
        records = [json.loads(line) for line in f]
    assert records[0] == {"glossator-schema": SCHEMA, "folder": ""}, "first record: %s" % sorted(records[0])
    assert all("glossator-schema" not in r for r in records[1:])
    assert [r["path"] for r in records[1:]] == ["news/doc0.txt", "news/doc1.txt"]

    back = os.path.join(tmp, "back")
    imp = run("import", "--from", "jsonl", "-o", back, output)
    assert imp.returncode == 0, imp.stderr
    schema_path = os.path.join(back, "glossator-schema.json")
    assert "label schema: wrote " + schema_path in imp.stdout, imp.stdout
    with open(schema_path, encoding="utf-8") as f:
        assert json.load(f) == SCHEMA
    assert "not in the label schema" not in imp.stderr

    # A different schema there stays unless --force, which keeps it as a backup.
    changed = dict(SCHEMA, topics=["other"])
    with open(schema_path, "w", encoding="utf-8") as f:
        json.dump(changed, f)
    again = run("import", "--from", "jsonl", "--force", "-o", back, output)
    assert again.returncode == 0, again.stderr
    with open(schema_path + "~", encoding="utf-8") as f:
        assert json.load(f) == changed
    with open(schema_path, encoding="utf-8") as f:
        assert json.load(f) == SCHEMA
    with open(schema_path, "w", encoding="utf-8") as f:
        json.dump(changed, f)
    refused = run("import", "--from", "jsonl", "-o", os.path.join(tmp, "back"), output)
    assert refused.returncode == 1 and "exists with another label schema; not overwritten" in refused.stderr
    with open(schema_path, encoding="utf-8") as f:
        assert json.load(f) == changed

    # The schema nearest the documents, in their folder, goes back there.
    nested = dict(SCHEMA, topics=["news only"])
    with open(os.path.join(corpus, "news", "glossator-schema.json"), "w", encoding="utf-8") as f:
        json.dump(nested, f)
    export(corpus, "jsonl", output)
    with open(output, encoding="utf-8") as f:
        first = json.loads(f.readline())
    assert first == {"glossator-schema": nested, "folder": "news"}, first
    imp = run("import", "--from", "jsonl", "-o", os.path.join(tmp, "nested"), output)
    assert imp.returncode == 0, imp.stderr
    with open(os.path.join(tmp, "nested", "news", "glossator-schema.json"), encoding="utf-8") as f:
        assert json.load(f) == nested
    assert not os.path.exists(os.path.join(tmp, "nested", "glossator-schema.json"))

    # A schema record never writes outside the folder, nor into a hidden one.
    evil = os.path.join(tmp, "evil.jsonl")
    with open(evil, "w", encoding="utf-8") as f:
        for folder in ("..", "a/../..", "/tmp", ".git"):
            f.write(json.dumps({"glossator-schema": SCHEMA, "folder": folder}) + "\n")
    target = os.path.join(tmp, "inside", "deep")
    imp = run("import", "--from", "jsonl", "-o", target, evil)
    assert imp.returncode == 1 and imp.stderr.count("no label schema restored") == 4, imp.stderr
    assert not os.path.exists(os.path.join(tmp, "inside", "glossator-schema.json"))
    assert not os.path.exists(os.path.join(tmp, "glossator-schema.json"))
    assert not os.path.exists(os.path.join(target, ".git"))


def main():
    tap = Tap()
    tests = [
        ("conll reads in conlleval", test_conll_reads_in_conlleval, False),
        ("brat follows the standoff rules", test_brat_follows_the_standoff_rules, False),
        ("stance-tsv fields round-trip through csv.reader", test_stance_tsv_fields_round_trip_through_csv_reader,
         True),
        ("stance-tsv SemEval layout reads in the scorer", test_stance_tsv_semeval_layout_reads_in_the_scorer, True),
        ("hf-jsonl folder loads with named labels", test_hf_folder_loads_with_named_labels, False),
        ("jsonl carries the label schema", test_jsonl_carries_the_label_schema, False),
    ]
    for name, func, with_expected in tests:
        tmp = tempfile.mkdtemp(prefix="glossator-consumers-")
        try:
            corpus = os.path.join(tmp, "corpus")
            expected = make_corpus(corpus)
            args = (tmp, corpus, expected) if with_expected else (tmp, corpus)
            tap.check(name, func, *args)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    tap.finish()


if __name__ == "__main__":
    main()

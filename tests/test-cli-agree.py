#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# glossator-cli agree on copies of a corpus made here, one folder per
# annotator: pairing by path, articles missing or on another text listed and
# left out, figures counted by hand, the table showing exactly the JSON's
# figures, unreadable sidecars (exit status 2, the file named) and usage
# errors.
#
# Usage: test-cli-agree.py PATH-TO-glossator-cli      (prints TAP)

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taputil import Tap  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧, 5 code points

# Code points matter: the emoji and the CRLF come before the mentions.
TEXT = "A " + FAMILY + " met the Prime Minister of Canada.\r\nHe and Kyiv's mayor spoke.\n"


def sidecar(text, mentions, stances=(), annotator=""):
    """mentions: (id, label, entity, [(start, end), …])"""
    entities = []
    for _, label, entity, _ in mentions:
        if entity not in [e["id"] for e in entities]:
            entities.append({"id": entity, "name": entity, "label": label})
    return {
        "format": "glossator-sidecar",
        "version": 1,
        "offset_unit": "codepoint",
        "article": {"file": "x", "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "length": len(text)},
        "document": {"annotator": annotator},
        "entities": entities,
        "mentions": [{"id": m, "label": label, "entity": entity,
                      "fragments": [{"start": s, "end": e, "exact": text[s:e]} for s, e in frags]}
                     for m, label, entity, frags in mentions],
        "stances": list(stances),
    }


def at(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return (start, start + len(needle))


def write(folder, relative, text, data=None):
    path = os.path.join(folder, relative)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    if data is not None:
        with open(path + ".annotations.json", "w", encoding="utf-8") as f:
            json.dump(data, f, ensure_ascii=False)


def run(*args, cwd=None):
    return subprocess.run([CLI, "agree", *args], capture_output=True, text=True, cwd=cwd)


def make_corpus(root):
    """ana, bob, cy: news/a.txt everywhere; b.txt on another text in cy's
    copy; c.txt only in ana's and bob's; d.txt not annotated by bob."""
    ana = [("m1", "PERSON", "e1", [at(TEXT, "the Prime Minister of Canada")]),
           ("m2", "LOC", "e2", [at(TEXT, "Canada")]),
           ("m3", "PERSON", "e1", [at(TEXT, "He")]),
           ("m4", "PERSON", "e3", [at(TEXT, "Kyiv's"), at(TEXT, "mayor")]),
           ("m5", "PERSON", "e4", [at(TEXT, FAMILY)])]
    bob = [("m1", "PERSON", "e1", [at(TEXT, "Prime Minister of Canada")]),
           ("m2", "LOC", "e2", [at(TEXT, "Canada")]),
           ("m3", "PERSON", "e1", [at(TEXT, "He")]),
           ("m4", "PERSON", "e3", [at(TEXT, "Kyiv's"), at(TEXT, "mayor")]),
           ("m5", "PERSON", "e4", [at(TEXT, FAMILY)]),
           ("m6", "ORG", "e5", [at(TEXT, "Kyiv")])]
    cy = ana[:4]
    for name, mentions in (("ana", ana), ("bob", bob), ("cy", cy)):
        write(os.path.join(root, name), "news/a.txt", TEXT, sidecar(TEXT, mentions))
        write(os.path.join(root, name), "d.txt", "Nobody.\n",
              None if name == "bob" else sidecar("Nobody.\n", []))
    write(os.path.join(root, "ana"), "b.txt", "One text.\n", sidecar("One text.\n", []))
    write(os.path.join(root, "bob"), "b.txt", "One text.\n", sidecar("One text.\n", []))
    write(os.path.join(root, "cy"), "b.txt", "Another text.\n", sidecar("Another text.\n", []))
    write(os.path.join(root, "ana"), "c.txt", "Only two.\n", sidecar("Only two.\n", []))
    write(os.path.join(root, "bob"), "c.txt", "Only two.\n", sidecar("Only two.\n", []))


def check_json_shape(root):
    result = run("--json", "ana", "bob", "cy", cwd=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["annotators"] == ["ana", "bob", "cy"], report["annotators"]
    assert report["documents"] == 1, report["documents"]
    assert [(p["a"], p["b"]) for p in report["pairs"]] == [("ana", "bob"), ("ana", "cy"), ("bob", "cy")]
    for pair in report["pairs"]:
        for kind in ("exact", "overlap"):
            assert set(pair["mentions"][kind]) >= {"precision", "recall", "f1"}
        assert "cohen_kappa" in pair["tokens"]
        for metric in ("muc", "b3", "ceafm", "ceafe", "blanc"):
            assert set(pair["coreference"][metric]) >= {"recall", "precision", "f1"}, metric
        assert "conll_f1" in pair["coreference"]
        assert set(pair["stances"]["tuples"]) >= {"precision", "recall", "f1"}
        assert "polarity_kappa" in pair["stances"]
    for key in ("fleiss_kappa", "krippendorff_alpha", "krippendorff_alpha_u", "by_label"):
        assert key in report["overall"], key
    assert "krippendorff_alpha_u" in report["overall"]["by_label"]["PERSON"]
    left = {item["path"]: item["reason"] for item in report["left_out"]}
    assert set(left) == {"b.txt", "c.txt", "d.txt"}, left
    assert left["b.txt"].startswith("different text"), left["b.txt"]
    assert left["c.txt"] == "missing for cy", left["c.txt"]
    assert left["d.txt"] == "not annotated by bob", left["d.txt"]


def check_by_hand(root):
    """ana–bob: exact matches Canada, He, Kyiv's…mayor and the family: 4 of
    ana's 5 and bob's 6; overlap adds the Prime Minister."""
    report = json.loads(run("--json", "ana", "bob", cwd=root).stdout)
    pair = report["pairs"][0]
    assert pair["mentions"]["exact"] == {"precision": 0.6667, "recall": 0.8, "f1": 0.7273}, pair["mentions"]["exact"]
    assert pair["mentions"]["overlap"] == {"precision": 0.8333, "recall": 1, "f1": 0.9091}, pair["mentions"]["overlap"]
    assert pair["mentions"]["by_label"]["ORG"]["exact"] == {"precision": 0, "recall": None, "f1": None}
    # MUC: ana's e1 {Prime Minister, He} is bob's e1 {Prime Minister (other span), He}: the
    # two chains share He only: recall (2 − 2)/1 = 0.
    assert pair["coreference"]["muc"]["recall"] == 0, pair["coreference"]["muc"]
    # --labels PERSON: 3 exact of ana's 4 and bob's 4.
    person = json.loads(run("--json", "--labels", "PERSON", "ana", "bob", cwd=root).stdout)
    assert person["pairs"][0]["mentions"]["exact"]["recall"] == 0.75, person["pairs"][0]["mentions"]
    assert set(person["overall"]["by_label"]) == {"PERSON"}, person["overall"]["by_label"]


def figures_of_table(table):
    """{(section, row): [cells]} from the table."""
    rows = {}
    section = None
    for line in table.splitlines():
        if not line.strip():
            continue
        if not line.startswith(" "):
            section = line[:34].strip()
            continue
        name = line[:34].strip()
        cells = line[34:].split()
        rows[(section, name)] = cells
    return rows


def fmt(value):
    return "—" if value is None else "%.4f" % value


def check_table_matches_json(root):
    table = run("ana", "bob", "cy", cwd=root)
    report = json.loads(run("--json", "ana", "bob", "cy", cwd=root).stdout)
    assert table.returncode == 0
    rows = figures_of_table(table.stdout)
    checked = 0
    for pair in report["pairs"]:
        section = "%s (reference) – %s" % (pair["a"], pair["b"])
        expect = {
            "Mentions, exact": pair["mentions"]["exact"],
            "Mentions, overlap": pair["mentions"]["overlap"],
            "Coreference, MUC": pair["coreference"]["muc"],
            "Coreference, B³": pair["coreference"]["b3"],
            "Coreference, CEAF-m": pair["coreference"]["ceafm"],
            "Coreference, CEAF-e": pair["coreference"]["ceafe"],
            "Coreference, BLANC": pair["coreference"]["blanc"],
            "Stances (tuples)": pair["stances"]["tuples"],
        }
        for label, figures in pair["mentions"]["by_label"].items():
            expect[label + ", exact"] = figures["exact"]
            expect[label + ", overlap"] = figures["overlap"]
        for name, prf in expect.items():
            cells = rows[(section, name)]
            assert cells == [fmt(prf["recall"]), fmt(prf["precision"]), fmt(prf["f1"])], (section, name, cells, prf)
            checked += 1
        assert rows[(section, "Coreference, CoNLL-2012 F1")] == [fmt(pair["coreference"]["conll_f1"])]
        assert rows[(section, "Tokens, Cohen's κ")] == [fmt(pair["tokens"]["cohen_kappa"])]
        assert rows[(section, "Stance polarity, Cohen's κ")] == [fmt(pair["stances"]["polarity_kappa"])]
    overall = report["overall"]
    assert rows[("All annotators", "Tokens, Fleiss' κ")] == [fmt(overall["fleiss_kappa"])]
    assert rows[("All annotators", "Tokens, Krippendorff's α")] == [fmt(overall["krippendorff_alpha"])]
    assert rows[("All annotators", "Spans, Krippendorff's α_u")] == [fmt(overall["krippendorff_alpha_u"])]
    for label, figures in overall["by_label"].items():
        assert rows[("All annotators", label)] == [fmt(figures["krippendorff_alpha_u"])], label
    assert checked >= 3 * 8, checked
    assert "b.txt: different text" in table.stdout
    assert "c.txt: missing for cy" in table.stdout


def check_by_document(root):
    report = json.loads(run("--json", "--by-document", "ana", "bob", cwd=root).stdout)
    paths = [d["path"] for d in report["by_document"]]
    assert paths == ["b.txt", "c.txt", "news/a.txt"], paths
    assert report["by_document"][2]["pairs"][0]["mentions"] == report["pairs"][0]["mentions"]
    table = run("--by-document", "ana", "bob", cwd=root).stdout
    assert "== news/a.txt ==" in table, table


def check_single_sidecars(root):
    result = run("--json", "ana/news/a.txt.annotations.json", "bob/news/a.txt.annotations.json", cwd=root)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1
    # Both named after their folder (news): the same name, so the paths as given.
    assert report["annotators"] == ["ana/news/a.txt.annotations.json", "bob/news/a.txt.annotations.json"], \
        report["annotators"]


def check_unreadable_sidecar(root):
    bad = os.path.join(root, "bad")
    shutil.copytree(os.path.join(root, "bob"), bad)
    with open(os.path.join(bad, "news/a.txt.annotations.json"), "w") as f:
        f.write('{"format": "glossator-sidecar", "version": 1,')
    result = run("ana", "bad", cwd=root)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert result.stdout == "", result.stdout
    assert result.stderr.startswith("bad/news/a.txt.annotations.json: error: "), result.stderr


def check_sidecar_with_bom(root):
    """A sidecar may start with a byte order mark (the reader skips it)."""
    for name in ("ana", "bob"):
        folder = os.path.join(root, "bom", name)
        write(folder, "a.txt", TEXT, sidecar(TEXT, [("m1", "PERSON", "e1", [at(TEXT, "He")])]))
    path = os.path.join(root, "bom", "bob", "a.txt.annotations.json")
    with open(path, "rb") as f:
        data = f.read()
    with open(path, "wb") as f:
        f.write(b"\xef\xbb\xbf" + data)
    result = run("--json", "ana", "bob", cwd=os.path.join(root, "bom"))
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["documents"] == 1, report
    assert report["pairs"][0]["mentions"]["exact"]["f1"] == 1, report["pairs"][0]["mentions"]


def check_usage(root):
    for args in (["ana"], ["ana", "nowhere"], ["ana", "bob/news/a.txt.annotations.json"],
                 ["--labels", "PERSON,", "ana", "bob"]):
        result = run(*args, cwd=root)
        assert result.returncode == 2, (args, result.returncode, result.stderr)
        assert result.stdout == "", (args, result.stdout)
        assert result.stderr.strip() != "", args


def check_provenance_kept(root):
    """An adjudicated gold's "source" members (doc/sidecar-format.md) pass
    validate, every export, and come back from a jsonl round trip."""
    gold = os.path.join(root, "gold-provenance")
    data = sidecar(TEXT, [("m1", "PER", "e1", [at(TEXT, "Prime Minister")])])
    data["mentions"][0]["source"] = {"adjudicated": ["ana", "bob"]}
    data["entities"][0]["source"] = {"adjudicated": []}
    write(gold, "a.txt", TEXT, data)

    def cli(*args):
        return subprocess.run([CLI, *args], capture_output=True, text=True)

    proc = cli("validate", gold)
    assert proc.returncode == 0, proc.stderr
    for fmt in ("jsonl", "conll", "hf-jsonl", "brat", "stance-tsv", "doccano", "label-studio"):
        out = os.path.join(root, "provenance-" + fmt)
        proc = cli("export", "-q", "-t", fmt, "-o", out, gold)
        assert proc.returncode == 0, (fmt, proc.stderr)
    back = os.path.join(root, "provenance-back")
    proc = cli("import", "-q", "-f", "jsonl", "-o", back, os.path.join(root, "provenance-jsonl"))
    assert proc.returncode == 0, proc.stderr
    with open(os.path.join(back, "a.txt.annotations.json"), encoding="utf-8") as f:
        read = json.load(f)
    assert read["mentions"][0]["source"] == {"adjudicated": ["ana", "bob"]}, read["mentions"][0]
    assert read["entities"][0]["source"] == {"adjudicated": []}, read["entities"][0]


def main():
    tap = Tap()
    root = tempfile.mkdtemp(prefix="test-cli-agree-")
    try:
        make_corpus(root)
        tap.check("the JSON has the documented shape and lists what was left out", check_json_shape, root)
        tap.check("mention figures counted by hand, offsets in code points", check_by_hand, root)
        tap.check("the table shows exactly the JSON's figures", check_table_matches_json, root)
        tap.check("--by-document gives each document's figures", check_by_document, root)
        tap.check("two single sidecars are one document", check_single_sidecars, root)
        tap.check("an unreadable sidecar is named, exit status 2, no figures", check_unreadable_sidecar, root)
        tap.check("a sidecar starting with a byte order mark is read", check_sidecar_with_bom, root)
        tap.check("usage errors: exit status 2", check_usage, root)
        tap.check("adjudication's provenance survives validate, exports and a jsonl round trip",
                  check_provenance_kept, root)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    tap.finish()


if __name__ == "__main__":
    main()

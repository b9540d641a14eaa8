#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The corpus conversion glossator-cli export does, in plain Python 3 (stdlib
only, one thread), as the yardstick of export-bench.sh:

    export-python.py jsonl|conll CORPUS_DIR OUTPUT

jsonl: one line per document, id/path/text/metadata then the sidecar's
members. conll: "token TAG" in IOB2, outermost contiguous mentions, tokens cut
at mention edges, -DOCSTART- before each document. The stdlib has no UAX #29
segmentation, so words are \\w+ runs (with inner . and ') and other
non-space characters, and sentences end after . ! ? or a line break: a
simpler job than the C exporter's."""

import bisect
import json
import os
import re
import sys

WORD = re.compile(r"\w+(?:[.'’]\w+)*\.?|[^\w\s]", re.UNICODE)
SENTENCE_END = re.compile(r"[.!?]\s+|\n+")


def articles(root):
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".txt"):
                yield os.path.join(folder, name)


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    try:
        with open(path + ".annotations.json", encoding="utf-8") as f:
            sidecar = json.load(f)
    except FileNotFoundError:
        sidecar = {"mentions": [], "entities": [], "stances": []}
    return text, sidecar


def export_jsonl(root, out):
    for path in articles(root):
        text, sidecar = read(path)
        rel = os.path.relpath(path, root)
        record = {"id": os.path.splitext(rel)[0], "path": rel, "text": text, "metadata": None}
        record.update(sidecar)
        out.write(json.dumps(record, ensure_ascii=False, separators=(",", ":")))
        out.write("\n")


def outermost(mentions):
    spans = sorted(((m["fragments"][0]["start"], m["fragments"][0]["end"], m["label"])
                    for m in mentions if len(m["fragments"]) == 1),
                   key=lambda s: (s[0], -s[1]))
    kept, last_end = [], -1
    for start, end, label in spans:
        if start >= last_end:
            kept.append((start, end, label.replace(" ", "_")))
            last_end = end
    return kept


def export_conll(root, out):
    for path in articles(root):
        text, sidecar = read(path)
        kept = outermost(sidecar.get("mentions", []))
        edges = sorted({e for s, t, _ in kept for e in (s, t)})
        out.write("-DOCSTART- O\n\n")
        inside = {}
        for i, (s, t, label) in enumerate(kept):
            inside[s] = (t, label)
        sentence_starts = [0] + [m.end() for m in SENTENCE_END.finditer(text)]
        # Sentences never cut a mention. Kept mentions do not overlap, so
        # the one that could hold p is the last starting before it.
        starts = [s for s, _, _ in kept]

        def cuts_mention(p):
            i = bisect.bisect_left(starts, p) - 1
            return i >= 0 and kept[i][1] > p

        sentence_starts = [p for p in sentence_starts if not cuts_mention(p)]
        bounds = list(zip(sentence_starts, sentence_starts[1:] + [len(text)]))
        k = 0
        for s0, s1 in bounds:
            lines = []
            for m in WORD.finditer(text, s0, s1):
                # Cut the word at mention edges inside it.
                lo = bisect.bisect_right(edges, m.start())
                hi = bisect.bisect_left(edges, m.end(), lo)
                cuts = [m.start()] + edges[lo:hi] + [m.end()]
                for a, b in zip(cuts, cuts[1:]):
                    while k < len(kept) and kept[k][1] <= a:
                        k += 1
                    if k < len(kept) and kept[k][0] <= a:
                        tag = ("B-" if a == kept[k][0] or not lines or lines[-1][1] == "O"
                               else "I-") + kept[k][2]
                    else:
                        tag = "O"
                    lines.append((text[a:b], tag))
            if lines:
                out.write("".join("%s %s\n" % line for line in lines))
                out.write("\n")


def main():
    mode, root, output = sys.argv[1:4]
    with open(output, "w", encoding="utf-8", newline="\n") as out:
        {"jsonl": export_jsonl, "conll": export_conll}[mode](root, out)


if __name__ == "__main__":
    main()

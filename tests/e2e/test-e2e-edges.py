#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Moves a mention's end by keyboard in the real glossator window and
checks the sidecar on disk.

    test-e2e-edges.py PATH/TO/glossator

The article (CRLF line ends, a ZWJ emoji sequence before the names) comes
with a sidecar holding "Chinese Foreign" (ORG) in an entity that a stance
names as its holder. Alt+Right selects that mention, Alt+Shift+Right moves
its end a word later; saved, the sidecar has the same mention (id, entity,
creation) over "Chinese Foreign Ministry", with the new text and a
modification time, and the stance as it was. Ctrl+Z puts the end back,
Ctrl+Shift+Z moves it again. Offsets are the code point indexes Python
computes."""

import hashlib
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
TEXT = ("Ministry talks\r\n"
        "\r\n"
        f"{FAMILY} The Chinese Foreign Ministry criticised Korea's envoy.\r\n"
        "Seoul did not answer.\r\n")
CREATED = "2026-01-05T09:30:00Z"


def span(word):
    start = TEXT.index(word)
    return start, start + len(word)


def fragment(word):
    start, end = span(word)
    return {"start": start, "end": end, "exact": word}


def sidecar_json():
    return {
        "format": "glossator-sidecar",
        "version": 1,
        "offset_unit": "codepoint",
        "article": {"sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(), "length": len(TEXT)},
        "document": {"status": "in-progress"},
        "entities": [
            {"id": "e1", "name": "Foreign Ministry of China", "label": "ORG"},
            {"id": "e2", "name": "Republic of Korea", "label": "GPE"},
        ],
        "mentions": [
            {"id": "m1", "label": "ORG", "entity": "e1", "fragments": [fragment("Chinese Foreign")],
             "author": "Ana", "created": CREATED},
            {"id": "m2", "label": "GPE", "entity": "e2", "fragments": [fragment("Korea")],
             "author": "Ana", "created": CREATED},
        ],
        "stances": [
            {"id": "s1", "holder": {"type": "entity", "entity": "e1"},
             "target": {"type": "entity", "entity": "e2"}, "polarity": "against",
             "evidence": [fragment("criticised Korea's envoy")]},
        ],
    }


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def mention(data, mention_id):
    for m in (data or {}).get("mentions", []):
        if m.get("id") == mention_id:
            return m
    return None


def wait_saved(sidecar, predicate, timeout=15):
    """Ctrl+S, then waits until the sidecar on disk satisfies predicate."""
    e2e.keys("ctrl+s")
    deadline = time.monotonic() + timeout
    data = None
    while time.monotonic() < deadline:
        data = load(sidecar)
        if data is not None and predicate(data):
            return data
        time.sleep(0.1)
    return data


def ends_at(word):
    def predicate(data):
        m = mention(data, "m1")
        return m is not None and m["fragments"][0]["end"] == span(word)[1]
    return predicate


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(11)
    work = e2e.make_workdir("glossator-e2e-edges-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    article = os.path.join(corpus, "talks.txt")
    with open(article, "wb") as f:
        f.write(TEXT.encode("utf-8"))
    sidecar = article + ".annotations.json"
    original = sidecar_json()
    with open(sidecar, "w", encoding="utf-8") as f:
        json.dump(original, f, ensure_ascii=False, indent=2)

    app = e2e.App(binary, [corpus], work)
    try:
        app.wait_window(r"^Ministry talks – Glossator$")
        tap.check(True, "the window opens the article")

        accessible = e2e.find_application()
        loaded = e2e.wait_for_text(accessible, lambda s: s.startswith("Foreign Ministry of China"))
        tap.check(loaded is not None, "the sidecar's entities are shown", "no entity row in the accessible tree")

        app.focus()
        app.click(600, 400)
        # Escape drops a mention the click may have selected; Alt+Right
        # selects the first one after the start of the text, then its end
        # moves a word later.
        e2e.keys("ctrl+Home", "Escape", "alt+Right", "alt+shift+Right")
        told = app.wait_toast(lambda s: s == "End moved: “Chinese Foreign Ministry”")
        tap.check(told is not None, "the move is told with the mention's new text", app.toasts())

        data = wait_saved(sidecar, ends_at("Chinese Foreign Ministry"))
        moved = mention(data, "m1")
        tap.check(moved is not None and moved["fragments"][0]["end"] == span("Chinese Foreign Ministry")[1],
                  "Ctrl+S saves the mention with its new end", moved)
        start, end = span("Chinese Foreign Ministry")
        frag = (moved or {"fragments": [{}]})["fragments"][0]
        tap.equal((frag.get("start"), frag.get("end"), frag.get("exact")),
                  (start, end, "Chinese Foreign Ministry"),
                  "the fragment's offsets are code points and its text the text there")
        tap.equal((moved or {}).get("label"), "ORG", "the mention keeps its label")
        tap.equal(((moved or {}).get("entity"), len(data["mentions"]), len(data["entities"])), ("e1", 2, 2),
                  "the mention keeps its entity; no mention or entity is added or lost")
        tap.check(moved is not None and moved.get("author") == "Ana" and moved.get("created") == CREATED and
                  moved.get("modified", "") > CREATED,
                  "the mention keeps who made it and when, and records when it changed", moved)
        stance = (data.get("stances") or [{}])[0]
        expected = original["stances"][0]
        tap.check((stance.get("id"), stance.get("holder"), stance.get("target"), stance.get("polarity"),
                   [(e["start"], e["end"]) for e in stance.get("evidence", [])]) ==
                  (expected["id"], expected["holder"], expected["target"], expected["polarity"],
                   [(e["start"], e["end"]) for e in expected["evidence"]]),
                  "the stance naming the mention's entity is unchanged", stance)

        e2e.keys("ctrl+z")
        data = wait_saved(sidecar, ends_at("Chinese Foreign"))
        e2e.keys("ctrl+shift+z")
        data2 = wait_saved(sidecar, ends_at("Chinese Foreign Ministry"))
        tap.check(ends_at("Chinese Foreign")(data) and ends_at("Chinese Foreign Ministry")(data2),
                  "the move is one undo step, and redo makes it again")

        e2e.keys("ctrl+q")
        status = app.wait_exit(30)
        tap.equal(status, 0, "Ctrl+Q quits cleanly")
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

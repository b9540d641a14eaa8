#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Records stances by keyboard only in the real glossator window and checks
the sidecar on disk.

    test-e2e-stances.py PATH/TO/glossator

On tests/data/stances-article.txt (a news article with quoted analysts, a
ministry's statement, emoji flags and non-ASCII letters), with no schema
file: mentions are tagged through the search bar, then
  1. S on the analyst's mention: the quote around it is the evidence,
     the target (an organisation) is typed, A, Enter;
  2. a later quote selected (search), S: holder and target typed, A, Enter;
  3. S on the ministry's mention: a new topic typed as the target, F, Enter;
  4. Shift+S away from any mention: the author's stance on that topic.
Undo and redo work on a stance; the topic is written to a new
glossator-schema.json in the corpus folder; evidence offsets are the code
point indexes Python computes."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

# Under AddressSanitizer the app runs several times slower than the fixed
# pauses between keystrokes assume (the debounced search, the stance editor
# opening): stretch every pause of this test so a person's pace still holds.
if "ASAN_OPTIONS" in os.environ:
    _sleep = time.sleep
    time.sleep = lambda seconds: _sleep(seconds * 3)

e2e.ensure_display()

HERE = os.path.dirname(os.path.abspath(__file__))
ARTICLE = os.path.join(os.path.dirname(HERE), "data", "stances-article.txt")

QUOTE_SENTENCE = ("“The Baltic Shipping Authority has ignored every warning about the port,” said Hanna "
                  "Lindqvist, a maritime analyst at the Nordic Policy Institute in Helsinki.")
SECOND_QUOTE = "Its inspectors look away when the paperwork suits them"
MINISTRY_SENTENCE = ("The Ministry of Foreign Affairs said in a statement that it supports compensation for the "
                     "shipping firms caught in the delays, calling the measure “fair and overdue.”")


def type_text(text):
    e2e.xdotool("type", "--delay", "40", text)
    time.sleep(0.3)


def find(text):
    """Selects the first match of text in the article, by the search bar."""
    # Escape first drops the previous selection, which Ctrl+F would copy
    # into the search entry.
    e2e.keys("Escape", "ctrl+f")
    time.sleep(0.4)
    type_text(text)
    # The search runs once typing pauses.
    time.sleep(0.4)
    e2e.keys("Return", "Escape")
    time.sleep(0.3)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
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
        time.sleep(0.2)
    return data


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(15)
    work = e2e.make_workdir("glossator-e2e-stances-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    with open(ARTICLE, encoding="utf-8") as f:
        text = f.read()
    article = os.path.join(corpus, "harbour.txt")
    with open(article, "w", encoding="utf-8") as f:
        f.write(text)
    sidecar = article + ".annotations.json"
    schema_path = os.path.join(corpus, "glossator-schema.json")

    app = e2e.App(binary, [corpus], work)
    try:
        app.wait_window(r"^Harbour Dispute Deepens.* – Glossator$")
        app.resize(1280, 800)
        time.sleep(1.5)
        app.focus()
        tap.check(True, "the window opens the article")

        # Mentions, tagged from search matches with the labels' keys.
        find("Baltic Shipping Authority")
        e2e.keys("o")
        find("Hanna Lindqvist")
        e2e.keys("p")

        # 1. The analyst against the organisation: S on her mention (still
        #    selected), the target typed, A, Enter.
        e2e.keys("s")
        type_text("baltic")
        e2e.keys("Return", "a", "Return")

        # 2. A later quote as the evidence: holder and target typed.
        find(SECOND_QUOTE)
        e2e.keys("s")
        type_text("lindq")
        e2e.keys("Return")
        type_text("shipping auth")
        e2e.keys("Return", "a", "Return")

        # 3. The ministry toward a topic typed as a new one.
        find("Ministry of Foreign Affairs")
        e2e.keys("o", "s")
        type_text("compensation")
        e2e.keys("Return", "f", "Return")

        # 4. The author's own stance, away from any mention: no evidence.
        e2e.keys("Escape", "ctrl+End", "shift+s")
        type_text("compens")
        e2e.keys("Return", "f", "Return")

        data = wait_saved(sidecar, lambda d: len(d.get("stances", [])) == 4)
        stances = data.get("stances", []) if data else []
        tap.equal(len(stances), 4, "four stances are saved")
        e2e.screenshot(os.path.join(os.environ.get("GLOSSATOR_E2E_SHOTS", work), "e2e-stances.png"))

        names = {e["id"]: e["name"] for e in data.get("entities", [])} if data else {}
        by_id = {s["id"]: s for s in stances}

        def side(part):
            if part is None:
                return None
            if part.get("type") == "entity":
                return ("entity", names.get(part.get("entity")))
            return (part.get("type"), part.get("topic"))

        def summary(stance_id):
            s = by_id.get(stance_id)
            if s is None:
                return None
            return side(s.get("holder")), side(s.get("target")), s.get("polarity")

        def evidence(stance_id):
            s = by_id.get(stance_id, {})
            return [(e["start"], e["end"], e["exact"]) for e in s.get("evidence", [])]

        def where(needle):
            start = text.index(needle)
            return start, start + len(needle), needle

        tap.equal(summary("s1"), (("entity", "Hanna Lindqvist"), ("entity", "Baltic Shipping Authority"), "against"),
                  "S on the analyst's mention: she is the holder, the organisation typed is the target")
        tap.equal(evidence("s1"), [where(QUOTE_SENTENCE)],
                  "the sentence with her quote is the evidence, in code points")
        tap.equal(summary("s2"), (("entity", "Hanna Lindqvist"), ("entity", "Baltic Shipping Authority"), "against"),
                  "S on a selected quote: holder and target found by typing")
        tap.equal(evidence("s2"), [where(SECOND_QUOTE)], "the selected quote is the evidence")
        tap.equal(summary("s3"), (("entity", "Ministry of Foreign Affairs"), ("topic", "compensation"), "favor"),
                  "the ministry toward a topic typed as a new one")
        tap.equal(evidence("s3"), [where(MINISTRY_SENTENCE)], "the ministry's sentence is the evidence")
        tap.equal((summary("s4"), evidence("s4")), ((("author", None), ("topic", "compensation"), "favor"), []),
                  "Shift+S: the author's stance on the topic, with no evidence")

        schema = load(schema_path)
        tap.equal(schema.get("topics") if schema else None, ["compensation"],
                  "the new topic is written to glossator-schema.json in the corpus folder")

        e2e.keys("ctrl+z")
        data = wait_saved(sidecar, lambda d: len(d.get("stances", [])) == 3)
        tap.check(data is not None and "s4" not in {s["id"] for s in data.get("stances", [])},
                  "Ctrl+Z takes the last stance back", data and data.get("stances"))
        e2e.keys("ctrl+shift+z")
        data = wait_saved(sidecar, lambda d: len(d.get("stances", [])) == 4)
        tap.check(data is not None and len(data.get("stances", [])) == 4, "Ctrl+Shift+Z brings it again")

        e2e.keys("ctrl+q")
        status = app.wait_exit(30)
        tap.equal(status, 0, "Ctrl+Q quits cleanly")

        wrong = [e for s in (data or {}).get("stances", []) for e in s.get("evidence", [])
                 if text[e["start"]:e["end"]] != e["exact"]]
        tap.check(not wrong, "every evidence's exact text is the text at its offsets", wrong)
        output = app.output()
        tap.check("CRITICAL" not in output and "WARNING" not in output,
                  "no warnings or criticals from the app", output[-2000:])
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

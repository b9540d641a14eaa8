#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Annotates by keyboard only in the real glossator window, typing at a
brisk pace, and checks the sidecar on disk after each step.

    test-e2e-keyboard.py PATH/TO/glossator

On a small article of its own (an emoji, an accented name), with the
default labels:
  1. Ctrl+F, "Seoul" typed at once (every letter of it but u is a key of
     the text: a letter lost to the text would tag or relabel), Escape at
     once, g: the match is tagged GPE;
  2. Enter opens the mention editor, Escape closes it, o relabels that
     mention ORG;
  3. Ctrl+1 puts the focus in the Entities panel: p typed there changes
     nothing; Shift+F6 goes back to the text;
  4. Kim searched and tagged PERSON, Ctrl+Shift+A, Enter: the other two
     occurrences are tagged, which a toast says.
"""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()

TEXT = ("Harbour notes\n"
        "\n"
        "\U0001F1F0\U0001F1F7 Kim met Zoë in Busan. Kim left early.\n"
        "Later Kim flew to Seoul.\n")


def span(word, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def load(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def mentions(data):
    return sorted((m["label"], m["fragments"][0]["start"], m["fragments"][0]["end"])
                  for m in (data or {}).get("mentions", []))


def saved(sidecar, predicate, timeout=15):
    """Ctrl+S, then waits until the sidecar on disk satisfies predicate;
    returns its mentions (the last ones read when it never does)."""
    e2e.keys("ctrl+s")
    deadline = time.monotonic() + timeout
    data = None
    while time.monotonic() < deadline:
        data = load(sidecar)
        if data is not None and predicate(mentions(data)):
            break
        time.sleep(0.2)
    return mentions(data)


def wait_window(name, present=True, timeout=15):
    """Waits until a window called name is shown (or gone)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = e2e.xdotool("search", "--onlyvisible", "--name", name, check=False) != ""
        if found == present:
            return True
        time.sleep(0.1)
    return False


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(9)
    work = e2e.make_workdir("glossator-e2e-keyboard-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    article = os.path.join(corpus, "notes.txt")
    with open(article, "w", encoding="utf-8") as f:
        f.write(TEXT)
    sidecar = article + ".annotations.json"
    seoul = span("Seoul")

    app = e2e.App(binary, [corpus], work)
    try:
        app.wait_window(r"^Harbour notes – Glossator$")
        app.resize(1100, 700)
        app.focus()
        accessible = e2e.find_application()
        ready = e2e.wait_for_text(accessible, lambda s: s.endswith("corpus/notes.txt — Saved"))
        tap.check(ready is not None, "the article opens, saved")

        # 1. Search, Escape, a label key: the match is tagged, nothing else.
        e2e.keys("ctrl+f", delay=0)
        e2e.xdotool("type", "--delay", "40", "Seoul")
        # At once: Escape searches what was typed if the search has not run.
        e2e.keys("Escape", "g")
        got = saved(sidecar, lambda m: len(m) > 0)
        tap.equal(got, [("GPE", *seoul)], "the search match is tagged by g after Escape, and no letter went astray")

        # 2. Enter edits the mention just tagged; Escape closes the editor
        #    and the next label key relabels that mention.
        e2e.keys("Return")
        # The editor takes the focus when it is shown: nothing on screen
        # tells AT-SPI when (GTK 4.8 reports no focus events for popovers).
        time.sleep(0.5)
        e2e.keys("Escape", "o")
        got = saved(sidecar, lambda m: m and m[0][0] != "GPE")
        tap.equal(got, [("ORG", *seoul)], "Escape closes the mention editor; o relabels the mention")

        # 3. A label key in a side panel's field changes nothing.
        e2e.keys("ctrl+1", "p", "n")
        got = saved(sidecar, lambda m: m != [("ORG", *seoul)], timeout=3)
        tap.equal(got, [("ORG", *seoul)], "label keys typed in the Entities panel change nothing")
        e2e.keys("Escape", "shift+F6")

        # 4. Annotate All by Enter.
        e2e.keys("ctrl+f", delay=0)
        e2e.xdotool("type", "--delay", "40", "Kim")
        e2e.keys("Escape", "p")
        got = saved(sidecar, lambda m: len(m) == 2)
        tap.equal(got, sorted([("ORG", *seoul), ("PERSON", *span("Kim"))]), "the first Kim is tagged PERSON")
        e2e.keys("ctrl+shift+a")
        tap.check(wait_window("^Annotate All Occurrences$"), "Ctrl+Shift+A opens Annotate All")
        e2e.keys("Return")
        tap.check(wait_window("^Annotate All Occurrences$", present=False), "Enter closes it")
        toast = app.wait_toast(lambda s: s == "Tagged 2 occurrences of “Kim” as PERSON")
        tap.check(toast is not None, "a toast says how many were tagged", app.toasts())
        got = saved(sidecar, lambda m: len(m) == 4)
        tap.equal(got, sorted([("ORG", *seoul)] + [("PERSON", *span("Kim", i)) for i in range(3)]),
                  "Enter tagged the other occurrences")
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Tags an article by keyboard in the real glossator window and checks the
sidecar on disk.

    test-e2e-tagging.py PATH/TO/glossator

The article has a BOM, CRLF line endings and a ZWJ emoji sequence right
before a name; names are tagged right after the emoji and on lines after a
CRLF, a label is changed and the change undone, a mention is tagged and
undone, a word with a possessive is tagged (snapping leaves the "'s" out),
then Ctrl+S and Ctrl+Q. Offsets on disk must be the code point
indexes Python computes on the decoded text without its BOM."""

import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()

BOM = "\ufeff"
FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
TEXT = ("Harbour talks\r\n"
        "\r\n"
        f"{FAMILY}Noor Haddad met Kim in Gdańsk.\r\n"
        "Kyiv and Lviv agreed.\r\n"
        "Seoul's envoy spoke.\r\n")

SCHEMA = {
    "format": "glossator-schema",
    "version": 1,
    "labels": [
        {"name": "PERSON", "color": "#3584e4", "key": "p"},
        {"name": "ORG", "color": "#e66100", "key": "o"},
        {"name": "GPE", "color": "#26a269", "key": "g"},
        {"name": "LOC", "color": "#2190a4", "key": "l"},
    ],
}


def span(word):
    start = TEXT.index(word)
    return start, start + len(word)


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(14)
    work = e2e.make_workdir("glossator-e2e-tagging-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    article = os.path.join(corpus, "talks.txt")
    with open(article, "wb") as f:
        f.write((BOM + TEXT).encode("utf-8"))
    with open(os.path.join(corpus, "glossator-schema.json"), "w", encoding="utf-8") as f:
        json.dump(SCHEMA, f)
    with open(os.path.join(corpus, "zz-other.txt"), "w", encoding="utf-8") as f:
        f.write("Another article about Riga.\n")
    sidecar = article + ".annotations.json"

    app = e2e.App(binary, [corpus], work)
    try:
        app.wait_window(r"^Harbour talks – Glossator$")
        app.resize(1000, 700)
        time.sleep(0.5)
        tap.check(True, "the window opens the first article of the corpus")

        accessible = e2e.find_application()
        saved_state = e2e.wait_for_text(accessible, lambda s: s.endswith("corpus/talks.txt — Saved"))
        tap.check(saved_state is not None, "the subtitle names the file and says it is saved",
                  "no such label in the accessible tree")

        # Put the cursor in the text like a person: click into it.
        app.focus()
        app.click(600, 400)

        def line_start(line):
            e2e.keys("ctrl+Home", *["Down"] * line)

        # 1. "Noor Haddad" right after the ZWJ family: Right steps over the
        #    whole emoji (one grapheme), then two words.
        line_start(2)
        e2e.keys("Right", "shift+ctrl+Right", "shift+ctrl+Right", "p")
        # 2. "Kyiv", first word of the line after a CRLF.
        line_start(3)
        e2e.keys("shift+ctrl+Right", "g")
        # 3. "Gdańsk" by the digit of the third label (GPE).
        line_start(2)
        e2e.keys("Right", *["ctrl+Right"] * 5, "Right", "shift+ctrl+Right", "3")
        # 4. "Lviv" as PERSON, relabelled LOC with its key while selected,
        #    and the relabelling undone.
        line_start(3)
        e2e.keys("ctrl+Right", "ctrl+Right", "Right", "shift+ctrl+Right", "p")
        e2e.keys("l")
        e2e.keys("ctrl+z")
        # 5. "Kim" tagged, then undone.
        line_start(2)
        e2e.keys("Right", *["ctrl+Right"] * 3, "Right", "shift+ctrl+Right", "o")
        e2e.keys("ctrl+z")
        # 6. "Seoul's" selected as the word it is to Ctrl+Shift+Right (and
        #    to UAX #29); snapping tags the name without the possessive.
        line_start(4)
        e2e.keys("shift+ctrl+Right", "g")

        unsaved = e2e.wait_for_text(accessible, lambda s: s.endswith("corpus/talks.txt — Unsaved changes"), 5)
        tap.check(unsaved is not None, "the subtitle says there are unsaved changes")

        e2e.screenshot(os.path.join(os.environ.get("GLOSSATOR_E2E_SHOTS", work), "e2e-tagging.png"))

        e2e.keys("ctrl+s")
        saved_state = e2e.wait_for_text(accessible, lambda s: s.endswith("corpus/talks.txt — Saved"), 10)
        tap.check(saved_state is not None and os.path.exists(sidecar), "Ctrl+S saves the sidecar")

        e2e.keys("ctrl+q")
        status = app.wait_exit(30)
        tap.equal(status, 0, "Ctrl+Q quits cleanly")

        with open(sidecar, encoding="utf-8") as f:
            data = json.load(f)
        mentions = {}
        for mention in data["mentions"]:
            fragment = mention["fragments"][0]
            mentions[fragment["exact"]] = (fragment["start"], fragment["end"], mention["label"],
                                          len(mention["fragments"]))

        tap.equal(data["article"]["bom"], True, "the BOM is recorded")
        tap.equal(data["article"]["newline"], "crlf", "CRLF line endings are recorded")
        tap.equal(mentions.get("Noor Haddad"), (*span("Noor Haddad"), "PERSON", 1),
                  "the name right after the ZWJ emoji sequence, in code points")
        tap.equal(mentions.get("Kyiv"), (*span("Kyiv"), "GPE", 1),
                  "the name on the line after a CRLF (which counts 2)")
        tap.equal(mentions.get("Gdańsk"), (*span("Gdańsk"), "GPE", 1), "a label chosen by its digit")
        tap.equal(mentions.get("Lviv"), (*span("Lviv"), "PERSON", 1), "the label change was undone")
        tap.equal(mentions.get("Seoul"), (*span("Seoul"), "GPE", 1),
                  "snapping leaves a possessive out of the name")
        tap.check("Kim" not in mentions and len(mentions) == 5,
                  "the undone mention is not saved", f"mentions: {sorted(mentions)}")
        wrong = [m["fragments"] for m in data["mentions"]
                 if any(TEXT[f["start"]:f["end"]] != f["exact"] for f in m["fragments"])]
        tap.check(not wrong, "every fragment's exact text is the text at its offsets", wrong)
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Adjudicates two annotators' copies of an article into the gold corpus by
keyboard in the real glossator window and checks the gold sidecar on disk.

    test-e2e-adjudicate.py PATH/TO/glossator

ana and bob each annotated their copy of talks.txt (CRLF, a ZWJ family
before a name, an NFD accent); the gold corpus has the article and no
annotations. The copies are the ones "Compare With…" remembered for the
gold corpus. By keyboard: Alt+A takes the name both tagged, Alt+2 bob's
label for Kim, Alt+0 rejects ana's Gdańsk, Ctrl+Z undoes that and Alt+1
takes it; Ctrl+S, Ctrl+Q. The sidecar records where each mention came from."""

import json
import os
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402
import sidecars  # noqa: E402

e2e.ensure_display()

FAMILY = "\U0001F469\u200D\U0001F469\u200D\U0001F467"  # 👩‍👩‍👧
TEXT = (f"{FAMILY}Noor Haddad met Kim in Gdańsk.\r\n"
        "The Cafe\u0301 Riga hosted them.\r\n")
NAME = "talks.txt"


def copy(root, who, kim, gdansk):
    folder = os.path.join(root, who)
    os.makedirs(folder)
    sidecars.write_text(os.path.join(folder, NAME), TEXT)
    entities = [sidecars.entity("e1", "Noor Haddad", "PERSON"), sidecars.entity("e2", "Kim", kim)]
    mentions = [sidecars.mention(TEXT, "m1", "e1", "PERSON", "Noor Haddad"),
                sidecars.mention(TEXT, "m2", "e2", kim, "Kim")]
    if gdansk is not None:
        entities.append(sidecars.entity("e3", "Gdańsk", gdansk))
        mentions.append(sidecars.mention(TEXT, "m3", "e3", gdansk, "Gdańsk"))
    sidecars.write(os.path.join(folder, NAME + ".annotations.json"),
                   sidecars.sidecar(TEXT, NAME, entities, mentions))
    return folder


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(13)
    work = e2e.make_workdir("glossator-e2e-adjudicate-")
    ana = copy(work, "ana", "PERSON", "LOC")
    bob = copy(work, "bob", "ORG", None)
    gold = os.path.join(work, "gold")
    os.makedirs(gold)
    sidecars.write_text(os.path.join(gold, NAME), TEXT)
    sidecar = os.path.join(gold, NAME + ".annotations.json")
    remembered = "{%s: [%s, %s]}" % (e2e.gvariant_string(uri(gold)), e2e.gvariant_string(uri(ana)),
                                     e2e.gvariant_string(uri(bob)))

    app = e2e.App(binary, [gold], work, settings={"statistics-copies": remembered})
    try:
        app.wait_window(r"Glossator$")
        app.resize(1200, 720)
        accessible = e2e.find_application()
        listed = e2e.wait_for_text(accessible, lambda s: s == "Article: 0 of 2 differences settled · "
                                                           "1 agreement not in the gold yet")
        tap.check(listed is not None, "the remembered copies are compared: two differences and an agreement")
        corpus = e2e.wait_for_text(accessible, lambda s: s == "Corpus: 0 of 2 disagreements settled")
        tap.check(corpus is not None, "the corpus's progress is counted")
        rows = e2e.wait_for_text(accessible, lambda s: s.startswith("Label differs\nana: PERSON “Kim”\n"
                                                                     "bob: ORG “Kim”"))
        tap.check(rows is not None, "the list shows both annotators' versions side by side")

        app.focus()
        app.click(300, 300)

        def settle(keys, progress, description):
            e2e.keys(keys)
            found = e2e.wait_for_text(accessible, lambda s: s == progress, 10)
            tap.check(found is not None, description, f"no label {progress!r}")

        settle("alt+a", "Article: 0 of 2 differences settled", "Alt+A takes the name both annotators tagged")
        e2e.screenshot(os.path.join(os.environ.get("GLOSSATOR_E2E_SHOTS", work), "e2e-adjudicate.png"))
        settle("alt+2", "Article: 1 of 2 differences settled", "Alt+2 takes bob's label for Kim")
        settle("alt+0", "Article: 2 of 2 differences settled", "Alt+0 rejects ana's Gdańsk")
        settle("ctrl+z", "Article: 1 of 2 differences settled", "Ctrl+Z undoes that one decision")
        settle("alt+1", "Article: 2 of 2 differences settled", "Alt+1 takes ana's Gdańsk instead")
        done = e2e.wait_for_text(accessible, lambda s: s == "Corpus: 2 of 2 disagreements settled", 10)
        tap.check(done is not None, "the corpus's progress follows")

        e2e.keys("ctrl+s")
        saved = e2e.wait_for_text(accessible, lambda s: s.endswith("gold/talks.txt — Saved"), 10)
        tap.check(saved is not None and os.path.exists(sidecar), "Ctrl+S saves the gold's sidecar")
        e2e.keys("ctrl+q")
        tap.equal(app.wait_exit(30), 0, "Ctrl+Q quits cleanly")

        with open(sidecar, encoding="utf-8") as f:
            data = json.load(f)
        got = sorted((m["fragments"][0]["exact"], m["fragments"][0]["start"], m["fragments"][0]["end"],
                      m["label"], tuple(m.get("source", {}).get("adjudicated", ["?"])))
                     for m in data["mentions"])

        def expected(needle, label, who):
            s = sidecars.span(TEXT, needle)
            return (needle, s["start"], s["end"], label, who)

        tap.equal(got, sorted([expected("Noor Haddad", "PERSON", ("ana", "bob")),
                               expected("Kim", "ORG", ("bob",)),
                               expected("Gdańsk", "LOC", ("ana",))]),
                  "the gold has the chosen versions in code points, each with its source")
        rejected = data.get("adjudication", {}).get("rejected", [])
        tap.equal(rejected, [], "the undone rejection is not recorded")
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

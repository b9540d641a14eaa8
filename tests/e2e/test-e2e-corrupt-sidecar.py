#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Opens an article whose sidecar is corrupt in the real glossator window:
the window must say so in plain words (read through AT-SPI, as a screen
reader would), refuse edits, and leave the file byte for byte as it was
after Ctrl+S and Ctrl+Q.

    test-e2e-corrupt-sidecar.py PATH/TO/glossator"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()

TEXT = "Minister Ana Kovač said on Monday that Zagreb would sign.\n"
# Truncated JSON, with a BOM and a CRLF, as an editor crash might leave it.
CORRUPT = ('\ufeff{\r\n  "format": "glossator-sidecar",\r\n  "version": 1,\r\n'
           '  "mentions": [{"id": "m1", "label": "PERSON", "fragments": [{"start": 9,').encode("utf-8")


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(8)
    work = e2e.make_workdir("glossator-e2e-corrupt-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    article = os.path.join(corpus, "minister.txt")
    with open(article, "w", encoding="utf-8") as f:
        f.write(TEXT)
    sidecar = article + ".annotations.json"
    with open(sidecar, "wb") as f:
        f.write(CORRUPT)
    before = os.stat(sidecar)

    app = e2e.App(binary, [article], work)
    try:
        app.wait_window(r"– Glossator$")
        app.resize(1000, 700)
        tap.check(True, "the article opens")

        accessible = e2e.find_application()
        subtitle = e2e.wait_for_text(accessible, lambda s: "minister.txt — Read-only: " in s)
        tap.equal(subtitle, "minister.txt — Read-only: the annotations could not be read",
                  "the subtitle says the article is read-only and why")
        notice = e2e.wait_for_text(accessible, lambda s: s == "The annotations of this article could not be read")
        tap.check(notice is not None, "a notice says the annotations could not be read")
        body = e2e.wait_for_text(accessible, lambda s: "left the file untouched" in s)
        tap.check(body is not None and sidecar in body and "glossator-cli validate" in body,
                  "the notice names the file, says it was left untouched and what to do", body)

        e2e.screenshot(os.path.join(os.environ.get("GLOSSATOR_E2E_SHOTS", work), "e2e-corrupt.png"))

        # Try to tag and to mark it done, then save and quit.
        app.focus()
        app.click(600, 300)
        e2e.keys("ctrl+Home", "shift+ctrl+Right", "p", "1", "ctrl+d", "ctrl+s")
        time.sleep(0.5)
        still = e2e.wait_for_text(accessible, lambda s: s.endswith("Read-only: the annotations could not be read"), 5)
        tap.check(still is not None, "still read-only after the attempts")

        e2e.keys("ctrl+q")
        status = app.wait_exit(30)
        tap.equal(status, 0, "Ctrl+Q quits at once, with nothing to save")

        with open(sidecar, "rb") as f:
            after = f.read()
        tap.check(after == CORRUPT and os.stat(sidecar).st_mtime_ns == before.st_mtime_ns,
                  "the sidecar is byte for byte untouched")
        tap.check(not os.path.exists(sidecar + "~") and sorted(os.listdir(corpus)) ==
                  ["minister.txt", "minister.txt.annotations.json"],
                  "no backup or other file was written", sorted(os.listdir(corpus)))
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

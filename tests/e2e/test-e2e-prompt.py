#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The first start asks for the annotator's name: started with no name set,
the real glossator window shows the question; Escape puts it off (nothing
saved, the window is usable), and on a start after that Enter saves the
name typed to the settings.

    test-e2e-prompt.py PATH/TO/glossator"""

import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()

TEXT = "Zoë Ó Briain met 👩‍👩‍👧 Noor in Kyiv.\r\n"
# Typed by xdotool, which cannot type every letter under Xvfb: ASCII only.
NAME = "Ana Lima-Brook"


def keyfile_text(app):
    with open(app.keyfile, encoding="utf-8") as f:
        return f.read()


def wait_for(predicate, timeout=10):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.1)
    return False


def main():
    binary = os.path.abspath(sys.argv[1])
    tap = e2e.Tap(6)
    work = e2e.make_workdir("glossator-e2e-prompt-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    with open(os.path.join(corpus, "kyiv.txt"), "w", encoding="utf-8", newline="") as f:
        f.write(TEXT)

    app = e2e.App(binary, [corpus], os.path.join(work, "first"), annotator=None)
    try:
        app.wait_window(r"^Annotator Name$")
        app.focus()
        tap.check(True, "with no name set, the first start asks for it")
        e2e.keys("Escape")
        tap.check(wait_for(lambda: not e2e.xdotool("search", "--onlyvisible", "--name", "^Annotator Name$",
                                                  check=False).strip()),
                  "Escape closes the question")
        tap.check("annotator" not in keyfile_text(app), "Escape saves no name", keyfile_text(app))
        e2e.keys("ctrl+q")
        app.wait_exit(30)
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        app.kill()

    app = e2e.App(binary, [corpus], os.path.join(work, "second"), annotator=None)
    try:
        app.wait_window(r"^Annotator Name$")
        app.focus()
        tap.check(True, "the next start asks again")
        e2e.keys("ctrl+a", "BackSpace")
        e2e.xdotool("type", "--delay", "40", NAME)
        e2e.keys("Return")
        expected = "annotator=%s" % e2e.gvariant_string(NAME)
        tap.check(wait_for(lambda: expected in keyfile_text(app)), "Enter saves the name typed",
                  keyfile_text(app))
        tap.check(wait_for(lambda: not e2e.xdotool("search", "--onlyvisible", "--name", "^Annotator Name$",
                                                  check=False).strip()),
                  "and closes the question")
        e2e.keys("ctrl+q")
        app.wait_exit(30)
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

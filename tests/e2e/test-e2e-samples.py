#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`glossator --open-samples` (what `build-aux/quickstart.sh run` starts)
opens the same copy of the sample corpus as the welcome page's button, in
the user's data folder, and never the samples it copies from.

    test-e2e-samples.py PATH/TO/glossator

A second `glossator --open-samples` asks the running one, which opens the
copy made before, untouched. The samples come from $GLOSSATOR_SAMPLES_DIR (the source tree's data/samples
under meson test); $XDG_DATA_HOME points into a temporary folder."""

import hashlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402

e2e.ensure_display()


def snapshot(folder):
    """Every file's name, content digest and modification time."""
    result = {}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        with open(path, "rb") as f:
            result[name] = (hashlib.sha256(f.read()).hexdigest(), os.stat(path).st_mtime_ns)
    return result


def contents(snap):
    return {name: digest for name, (digest, _) in snap.items()}


def main():
    binary = os.path.abspath(sys.argv[1])
    samples = os.environ.get("GLOSSATOR_SAMPLES_DIR")
    tap = e2e.Tap(10)
    if not samples or not os.path.isdir(samples):
        tap.bail("GLOSSATOR_SAMPLES_DIR must name the samples to copy")
    work = e2e.make_workdir("glossator-e2e-samples-")
    data_home = e2e.make_workdir("glossator-e2e-data-")
    os.environ["XDG_DATA_HOME"] = data_home
    copy = os.path.join(data_home, "glossator", "sample-corpus")
    before = snapshot(samples)

    app = e2e.App(binary, ["--open-samples"], work)
    try:
        app.wait_window(r" – Glossator$")
        app.resize(1000, 700)
        tap.check(True, "the window opens an article")

        accessible = e2e.find_application()
        subtitle = e2e.wait_for_text(accessible, lambda s: s.startswith("sample-corpus/"))
        tap.check(subtitle is not None, "the subtitle names the copy's folder, sample-corpus", subtitle)

        tap.check(os.path.isdir(copy), "the copy is in $XDG_DATA_HOME/glossator/sample-corpus")
        tap.equal(contents(snapshot(copy)) if os.path.isdir(copy) else None, contents(before),
                  "the copy holds every sample file, byte for byte")
        tap.equal(sorted(os.listdir(os.path.dirname(copy))), ["sample-corpus"],
                  "no partial copy is left beside it")

        e2e.keys("ctrl+q")
        tap.equal(app.wait_exit(30), 0, "Ctrl+Q quits")
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)
    if tap.failed:
        e2e.cleanup(data_home)
        return tap.finish()

    # The copy holds the user's work now; a running window is asked to open it.
    work = e2e.make_workdir("glossator-e2e-samples-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    with open(os.path.join(corpus, "notes.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("Notes\r\n\r\nCafe\u0301 \U0001F1FA\U0001F1E6 talks.\r\n")
    with open(os.path.join(copy, "mine.txt"), "w", encoding="utf-8") as f:
        f.write("Mine\n\nAn article of the user's own.\n")
    kept = snapshot(copy)
    app = e2e.App(binary, [corpus], work)
    try:
        app.wait_window(r"^Notes – Glossator$")
        accessible = e2e.find_application()
        os.makedirs(os.path.join(work, "second"))
        second = e2e.App(binary, ["--open-samples"], os.path.join(work, "second"))
        tap.equal(second.wait_exit(30), 0, "a second glossator --open-samples hands over and exits")
        second.log.close()
        subtitle = e2e.wait_for_text(accessible, lambda s: s.startswith("sample-corpus/"))
        tap.check(subtitle is not None, "the running window opens the copy", subtitle)
        tap.equal(snapshot(copy), kept, "the copy made before is opened untouched")
        e2e.keys("ctrl+q")
        app.wait_exit(30)
        tap.equal(snapshot(samples), before, "the samples copied from are untouched")
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        e2e.close(tap, app, work)
        e2e.cleanup(data_home)
    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

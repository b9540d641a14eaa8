#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A merge conflict made by a real `git merge` with glossator-cli as the
merge driver is settled in the window, and its record leaves the sidecar.

    test-e2e-merge-conflict.py PATH/TO/glossator PATH/TO/glossator-cli

Two branches relabel the same mention and its entity (ORG and GPE); `git
merge` with the driver installed by `glossator-cli setup-git` leaves the
sidecar valid with two `conflicts` records. Opened in the window without
any Compare, the conflicts are listed with ours and theirs; Alt+2 takes
theirs, twice, Ctrl+S saves: the mention and the entity are theirs and say
so in `source`, the records are gone and `glossator-cli validate` has
nothing to warn of."""

import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e  # noqa: E402
import sidecars  # noqa: E402

e2e.ensure_display()

FLAG = "\U0001F1FA\U0001F1E6"
TEXT = f"Putin met Biden in Geneva.\r\n{FLAG} said no to Putin.\r\n"
ARTICLE = os.path.join("news", "a.txt")
SIDECAR = ARTICLE + ".annotations.json"


def main():
    binary = os.path.abspath(sys.argv[1])
    cli = os.path.abspath(sys.argv[2])
    tap = e2e.Tap(10)
    work = e2e.make_workdir("glossator-e2e-merge-conflict-")
    repo = os.path.join(work, "corpus")
    env = dict(os.environ, HOME=work, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Ana",
               GIT_AUTHOR_EMAIL="ana@example.org", GIT_COMMITTER_NAME="Ana",
               GIT_COMMITTER_EMAIL="ana@example.org", LC_ALL="C.UTF-8")

    def run(*args, check=True):
        result = subprocess.run(args, cwd=repo, capture_output=True, text=True, env=env)
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(args)}: {result.returncode}\n{result.stdout}{result.stderr}")
        return result

    def write(label, modified):
        data = sidecars.sidecar(TEXT, "a.txt", [sidecars.entity("e1", "Putin", label)],
                                [sidecars.mention(TEXT, "m1", "e1", label, "Putin")], modified)
        sidecars.write(os.path.join(repo, SIDECAR), data)

    app = None
    try:
        os.makedirs(os.path.join(repo, "news"))
        run("git", "init", "-q", "-b", "main")
        sidecars.write_text(os.path.join(repo, ARTICLE), TEXT)
        write("PERSON", "2026-11-01T10:00:00Z")
        run(cli, "setup-git")
        run("git", "add", ".")
        run("git", "commit", "-q", "-m", "base")
        run("git", "checkout", "-q", "-b", "ben")
        write("GPE", "2026-11-03T10:00:00Z")
        run("git", "commit", "-q", "-am", "ben: a place")
        run("git", "checkout", "-q", "main")
        write("ORG", "2026-11-02T10:00:00Z")
        run("git", "commit", "-q", "-am", "ana: an organisation")
        merge = run("git", "merge", "--no-edit", "ben", check=False)
        with open(os.path.join(repo, SIDECAR), encoding="utf-8") as f:
            conflicted = json.load(f)
        tap.check(merge.returncode != 0 and len(conflicted.get("conflicts", [])) == 2,
                  "git merge with the driver records the two conflicts", merge.stdout + merge.stderr)

        app = e2e.App(binary, [os.path.join(repo, "news")], work)
        app.wait_window(r"Glossator$")
        app.resize(1200, 720)
        accessible = e2e.find_application()
        listed = e2e.wait_for_text(accessible, lambda s: s == "Merge conflict\nours: ORG “Putin”\n"
                                                           "theirs: GPE “Putin”")
        tap.check(listed is not None, "the conflicts are listed with ours and theirs, without Compare")
        listed = e2e.wait_for_text(accessible, lambda s: s == "Merge conflict\nours: Putin (ORG)\n"
                                                           "theirs: Putin (GPE)", 5)
        tap.check(listed is not None, "the entity's conflict too")
        app.focus()
        app.click(300, 300)
        e2e.keys("alt+2")
        settled = e2e.wait_for_text(accessible, lambda s: s == "Article: 1 of 2 differences settled", 10)
        tap.check(settled is not None, "Alt+2 settles one with theirs")
        e2e.keys("alt+2")
        settled = e2e.wait_for_text(accessible, lambda s: s == "Article: 2 of 2 differences settled", 10)
        tap.check(settled is not None, "Alt+2 settles the next with theirs")
        e2e.keys("ctrl+s")
        saved = e2e.wait_for_text(accessible, lambda s: s.endswith("news/a.txt — Saved"), 10)
        tap.check(saved is not None, "Ctrl+S saves")
        e2e.keys("ctrl+q")
        tap.equal(app.wait_exit(30), 0, "Ctrl+Q quits cleanly")

        with open(os.path.join(repo, SIDECAR), encoding="utf-8") as f:
            data = json.load(f)
        tap.check("conflicts" not in data, "the records are gone from the sidecar", data.get("conflicts"))
        mention, entity = data["mentions"][0], data["entities"][0]
        tap.equal((mention["label"], mention.get("source"), entity["label"], entity.get("source")),
                  ("GPE", {"adjudicated": ["theirs"]}, "GPE", {"adjudicated": ["theirs"]}),
                  "the mention and the entity are theirs and say so")
        validate = run(cli, "validate", "news", check=False)
        tap.check(validate.returncode == 0 and "conflict" not in validate.stdout + validate.stderr,
                  "validate has no conflict to warn of", validate.stdout + validate.stderr)
    except Exception:
        e2e.report_exception(tap, app)
    finally:
        if app is not None:
            e2e.close(tap, app, work)
        else:
            e2e.cleanup(work)

    return tap.finish()


if __name__ == "__main__":
    sys.exit(main())

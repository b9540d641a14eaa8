#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# glossator-cli as git's merge driver for sidecars, in a real repository made
# here: setup-git writes the config, attributes and ignore lines once; two
# annotators' branches merge cleanly through `git merge` (both additions kept,
# one renumbered) into a sidecar that validates; different changes to one
# mention leave a conflicted merge with a valid sidecar recording the conflict,
# which validate reports as a warning. Also merge's exit statuses on its own.
#
# Usage: test-git-merge.py PATH-TO-glossator-cli      (prints TAP)

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from taputil import Tap  # noqa: E402

CLI = os.path.abspath(sys.argv[1])
CONTEXT = 32

# CRLF, a ZWJ family and a flag: offsets are code points, never touched.
TEXT = ("Putin met Biden in Geneva.\r\n"
        "\U0001F469\u200D\U0001F469\u200D\U0001F467 and \U0001F1FA\U0001F1E6 said no to Putin.\r\n")
ARTICLE = "news/a.txt"
SIDECAR = ARTICLE + ".annotations.json"


def span(needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    end = start + len(needle)
    return {"start": start, "end": end, "exact": needle,
            "prefix": TEXT[max(0, start - CONTEXT):start], "suffix": TEXT[end:end + CONTEXT]}


def mention(mid, entity, label, needle, nth=0):
    return {"id": mid, "label": label, "entity": entity, "fragments": [span(needle, nth)]}


def entity(eid, name, label):
    return {"id": eid, "name": name, "label": label}


def sidecar(entities, mentions, modified, stances=()):
    return {
        "format": "glossator-sidecar", "version": 1, "offset_unit": "codepoint",
        "article": {"file": "a.txt", "sha256": hashlib.sha256(TEXT.encode()).hexdigest(),
                    "length": len(TEXT), "bom": False, "newline": "crlf"},
        "document": {"status": "todo", "annotator": "", "created": "2026-11-01T10:00:00Z",
                     "modified": modified, "notes": ""},
        "entities": list(entities), "mentions": list(mentions), "stances": list(stances),
    }


def write_sidecar(repo, data, path=SIDECAR):
    with open(os.path.join(repo, path), "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def read_sidecar(repo, path=SIDECAR):
    with open(os.path.join(repo, path), encoding="utf-8") as f:
        return json.load(f)


def run(args, cwd, check=True):
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=ENV)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} exited {result.returncode}\n{result.stdout}{result.stderr}")
    return result


def git(repo, *args, check=True):
    return run(["git", *args], repo, check)


def cli(repo, *args):
    return run([CLI, *args], repo, check=False)


TMP = tempfile.mkdtemp(prefix="test-git-merge-")
ENV = dict(os.environ, HOME=TMP, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Ana",
           GIT_AUTHOR_EMAIL="ana@example.org", GIT_COMMITTER_NAME="Ana",
           GIT_COMMITTER_EMAIL="ana@example.org", LC_ALL="C.UTF-8")
REPO = os.path.join(TMP, "corpus")

BASE = sidecar([entity("e1", "Putin", "PERSON")], [mention("m1", "e1", "PERSON", "Putin")],
               "2026-11-01T10:00:00Z")


def make_repo():
    os.makedirs(os.path.join(REPO, "news"))
    git(REPO, "init", "-q", "-b", "main")
    with open(os.path.join(REPO, ARTICLE), "w", encoding="utf-8", newline="") as f:
        f.write(TEXT)
    write_sidecar(REPO, BASE)


def check_setup_git():
    result = cli(REPO, "setup-git")
    assert result.returncode == 0, result.stderr
    driver = git(REPO, "config", "merge.glossator.driver").stdout.strip()
    assert driver.endswith(" merge %O %A %B %P"), driver
    with open(os.path.join(REPO, ".gitattributes")) as f:
        assert f.read() == "*.annotations.json merge=glossator\n"
    # Twice: nothing added twice, and an existing file is appended to.
    with open(os.path.join(REPO, ".gitignore"), "w") as f:
        f.write("build/")
    result = cli(os.path.join(REPO, "news"), "setup-git", ".")
    assert result.returncode == 0, result.stderr
    assert ".gitattributes: already set up" in result.stdout, result.stdout
    with open(os.path.join(REPO, ".gitattributes")) as f:
        assert f.read() == "*.annotations.json merge=glossator\n"
    with open(os.path.join(REPO, ".gitignore")) as f:
        assert f.read() == "build/\n*.annotations.json~\n.*.glossator-tmp-*\n"
    cli(REPO, "setup-git")
    with open(os.path.join(REPO, ".gitignore")) as f:
        assert f.read().count("*.annotations.json~") == 1
    # The backup a save keeps is no untracked file.
    shutil.copy(os.path.join(REPO, SIDECAR), os.path.join(REPO, SIDECAR + "~"))
    status = git(REPO, "status", "--porcelain", "--untracked-files=all").stdout
    assert "annotations.json~" not in status, status
    git(REPO, "add", ".")
    git(REPO, "commit", "-q", "-m", "base")


def check_setup_git_outside_a_repository():
    outside = os.path.join(TMP, "outside")
    os.makedirs(outside)
    result = cli(outside, "setup-git")
    assert result.returncode == 1, result
    assert "not in a git work tree" in result.stderr, result.stderr
    assert os.listdir(outside) == [], os.listdir(outside)


def branch(name, start, data, message):
    git(REPO, "checkout", "-q", "-b", name, start)
    write_sidecar(REPO, data)
    git(REPO, "commit", "-q", "-am", message)


def check_clean_merge():
    # Both annotators add a mention and an entity, and both call them m2 and e2.
    branch("ana", "main", sidecar([entity("e1", "Putin", "PERSON"), entity("e2", "Biden", "PERSON")],
                                  [mention("m1", "e1", "PERSON", "Putin"), mention("m2", "e2", "PERSON", "Biden")],
                                  "2026-11-02T10:00:00Z"), "ana: Biden")
    branch("ben", "main", sidecar([entity("e1", "Putin", "PERSON"), entity("e2", "Ukraine", "GPE")],
                                  [mention("m1", "e1", "PERSON", "Putin"),
                                   mention("m2", "e2", "GPE", "\U0001F1FA\U0001F1E6"),
                                   mention("m3", "e1", "PERSON", "Putin", 1)],
                                  "2026-11-03T10:00:00Z"), "ben: Ukraine")
    git(REPO, "checkout", "-q", "ana")
    result = git(REPO, "merge", "-q", "--no-edit", "ben", check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    merged = read_sidecar(REPO)
    assert "conflicts" not in merged, merged
    by_id = {m["id"]: m for m in merged["mentions"]}
    entities = {e["id"]: e for e in merged["entities"]}
    assert sorted(by_id) == ["m1", "m2", "m3", "m4"], sorted(by_id)
    assert by_id["m2"]["fragments"] == [span("Biden")], by_id["m2"]
    assert entities[by_id["m2"]["entity"]]["name"] == "Biden"
    # Ben's m2 and e2 were renumbered, the reference followed.
    assert by_id["m4"]["fragments"] == [span("\U0001F1FA\U0001F1E6")], by_id["m4"]
    assert entities[by_id["m4"]["entity"]]["name"] == "Ukraine", merged["entities"]
    assert by_id["m3"]["entity"] == "e1"
    assert merged["document"]["modified"] == "2026-11-03T10:00:00Z"
    result = cli(REPO, "validate", "news")
    assert result.returncode == 0 and result.stdout == "", result.stdout + result.stderr


def check_conflicting_merge():
    merged = read_sidecar(REPO)
    head = git(REPO, "rev-parse", "HEAD").stdout.strip()
    relabel = json.loads(json.dumps(merged))
    relabel["mentions"][0]["label"] = "ORG"
    branch("ana-2", head, relabel, "ana: Putin is an organisation")
    relabel["mentions"][0]["label"] = "GPE"
    relabel["document"]["modified"] = "2026-11-04T10:00:00Z"
    branch("ben-2", head, relabel, "ben: Putin is a place")
    git(REPO, "checkout", "-q", "ana-2")
    result = git(REPO, "merge", "--no-edit", "ben-2", check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "1 conflict" in result.stdout + result.stderr, result.stdout + result.stderr
    status = git(REPO, "status", "--porcelain").stdout
    assert status.startswith("UU " + SIDECAR), status
    conflicted = read_sidecar(REPO)
    assert conflicted["mentions"][0]["label"] == "ORG"
    assert conflicted["conflicts"] == [{
        "kind": "mention", "id": "m1",
        "ours": dict(merged["mentions"][0], label="ORG"),
        "theirs": dict(merged["mentions"][0], label="GPE"),
    }], conflicted["conflicts"]
    result = cli(REPO, "validate", "news")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout == (f"{SIDECAR}: warning: $.conflicts[0]: merge conflict on the mention “m1”: "
                             "changed differently on both sides; resolve it, then remove this entry\n"), result.stdout
    git(REPO, "merge", "--abort")


def check_merge_exit_statuses():
    folder = os.path.join(TMP, "direct")
    os.makedirs(folder)
    base = os.path.join(folder, "base")
    ours = os.path.join(folder, "ours")
    theirs = os.path.join(folder, "theirs")
    write_sidecar(folder, BASE, "base")
    write_sidecar(folder, BASE, "ours")
    with open(theirs, "w") as f:
        f.write('{"format": "glossator-sidecar", "version": 1, "article": {"sha256": 5}}')
    with open(ours, "rb") as f:
        before = f.read()
    result = cli(folder, "merge", base, ours, theirs, "a.txt.annotations.json")
    assert result.returncode == 2, result
    assert result.stderr == ("glossator-cli merge: error: a.txt.annotations.json (theirs): "
                             "$.article.sha256: missing, or not a string\n"), result.stderr
    with open(ours, "rb") as f:
        assert f.read() == before
    assert sorted(os.listdir(folder)) == ["base", "ours", "theirs"], os.listdir(folder)
    result = cli(folder, "merge", base, ours)
    assert result.returncode == 2, result
    # An empty base (git's add/add) and a clean merge.
    open(base, "w").close()
    write_sidecar(folder, BASE, "theirs")
    result = cli(folder, "merge", base, ours, theirs)
    assert result.returncode == 0 and result.stderr == "", result


def main():
    tap = Tap()
    if shutil.which("git") is None:
        tap.bail_out("git is not installed (build-aux/quickstart.sh installs it)")
    try:
        make_repo()
        tap.check("setup-git writes the driver, attributes and ignore lines once", check_setup_git)
        tap.check("setup-git outside a repository fails and writes nothing", check_setup_git_outside_a_repository)
        tap.check("a clean git merge keeps both additions and validates", check_clean_merge)
        tap.check("a conflicting git merge records the conflict in a valid sidecar", check_conflicting_merge)
        tap.check("merge exits 2 on invalid input, OURS untouched", check_merge_exit_statuses)
    finally:
        shutil.rmtree(TMP, ignore_errors=True)
    tap.finish()


main()

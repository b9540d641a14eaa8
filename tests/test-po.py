#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Translations.
#
#   test-po.py potfiles SRCDIR
#       po/POTFILES.in lists exactly the files with translatable strings: C sources under src/
#       that call _(), N_(), C_(), NC_(), ngettext() or g_dngettext(), .ui files with
#       translatable="yes", and the data files that carry translatable text. In .ui files,
#       every property that shows text (label, title, tooltip, placeholder, …) is translatable.
#
#   test-po.py complete SRCDIR XGETTEXT MSGFMT
#       every language in po/LINGUAS compiles with `msgfmt --check`, has no fuzzy entry, and
#       translates every message xgettext extracts from the sources now (po/update.sh
#       brings the .po files up to date).
#
# Prints TAP.

import os
import re
import xml.etree.ElementTree as ET
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
from taputil import Tap  # noqa: E402

GETTEXT_CALL = re.compile(r"(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(")
C_COMMENT = re.compile(r"/\*.*?\*/|//[^\n]*", re.S)
C_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
# Data files whose text is translated through po/ (merge_file and the schema's gettext-domain).
DATA_FILES = ("data/io.github.glossator.Glossator.desktop.in",
              "data/io.github.glossator.Glossator.metainfo.xml.in",
              "data/io.github.glossator.Glossator.gschema.xml")
# Properties and menu attributes of .ui files whose text the user sees (or hears, for the
# <accessibility> ones); <item>s of string lists too.
UI_TEXT_PROPERTIES = {"label", "title", "subtitle", "tooltip-text", "tooltip-markup", "placeholder-text",
                      "description", "dropdown-tooltip", "text", "secondary-text", "heading", "body"}
# Product names stay as they are in every language.
UNTRANSLATED = {"Glossator"}
# Flags as in meson's i18n 'glib' preset; only the message ids matter here.
XGETTEXT_ARGS = ["--from-code=UTF-8", "-k_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
                 "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3"]


def read_list(path):
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


def has_strings(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if path.endswith(".ui"):
        return 'translatable="yes"' in text
    # String literals first, so "/*" inside a string does not open a comment.
    code = C_COMMENT.sub(" ", C_STRING.sub('""', text))
    return GETTEXT_CALL.search(code) is not None


def sources_with_strings(srcdir):
    found = set()
    for dirpath, dirnames, filenames in os.walk(os.path.join(srcdir, "src")):
        dirnames.sort()
        for name in filenames:
            if name.endswith((".c", ".h", ".ui")):
                path = os.path.join(dirpath, name)
                if has_strings(path):
                    found.add(os.path.relpath(path, srcdir))
    return found


def potfiles(srcdir):
    tap = Tap()
    listed = read_list(os.path.join(srcdir, "po", "POTFILES.in"))

    def exist():
        missing = [f for f in listed if not os.path.isfile(os.path.join(srcdir, f))]
        assert not missing, "listed but missing:\n" + "\n".join(missing)
    tap.check("every file in POTFILES.in exists", exist)

    def unique_sorted():
        assert len(listed) == len(set(listed)), "a file is listed twice"
        assert listed == sorted(listed), "POTFILES.in is not sorted"
    tap.check("POTFILES.in is sorted, without repeats", unique_sorted)

    def complete():
        missing = sorted(sources_with_strings(srcdir) - set(listed))
        assert not missing, "files with translatable strings missing from POTFILES.in:\n" + "\n".join(missing)
    tap.check("every source file with translatable strings is listed", complete)

    def no_stale():
        stale = [f for f in listed if f.startswith("src/") and os.path.isfile(os.path.join(srcdir, f))
                 and not has_strings(os.path.join(srcdir, f))]
        assert not stale, "listed without translatable strings:\n" + "\n".join(stale)
    tap.check("no listed source file is without translatable strings", no_stale)

    def ui_marked():
        unmarked = []
        for dirpath, _, filenames in os.walk(os.path.join(srcdir, "src")):
            for name in sorted(filenames):
                if not name.endswith(".ui"):
                    continue
                path = os.path.join(dirpath, name)
                for element in ET.parse(path).getroot().iter():
                    shows_text = (element.tag in ("property", "attribute") and
                                  element.get("name") in UI_TEXT_PROPERTIES) or element.tag == "item"
                    text = (element.text or "").strip()
                    if (shows_text and re.search(r"[^\W\d_]", text) and text not in UNTRANSLATED
                            and element.get("translatable") != "yes"):
                        unmarked.append(f"{os.path.relpath(path, srcdir)}: {element.get('name') or element.tag} “{text}”")
        assert not unmarked, "text in .ui files without translatable=\"yes\":\n" + "\n".join(unmarked)
    tap.check("every text in .ui files is marked translatable", ui_marked)

    def data():
        missing = [f for f in DATA_FILES if f not in listed]
        assert not missing, "data files missing from POTFILES.in:\n" + "\n".join(missing)
        others = [f for f in listed if not f.startswith("src/") and f not in DATA_FILES]
        assert not others, f"unexpected entries {others}"
    tap.check("the desktop file, the metainfo and the GSettings schema are listed", data)

    tap.finish()


def parse_po(path):
    """(msgctxt, msgid) -> (flags, [msgstr...]) for every entry but the header."""
    entries = {}
    flags, ctxt, msgid, strs, field = set(), None, None, [], None
    obsolete = False

    def flush():
        if msgid is not None and msgid != "" and not obsolete:
            entries[(ctxt, msgid)] = (flags, strs)

    def unquote(s):
        return bytes(s.strip()[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                flush()
                flags, ctxt, msgid, strs, field, obsolete = set(), None, None, [], None, False
            elif line.startswith("#~"):
                obsolete = True
            elif line.startswith("#,"):
                flags = {f.strip() for f in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith("msgctxt "):
                ctxt, field = unquote(line[8:]), "ctxt"
            elif line.startswith("msgid_plural "):
                field = "plural"
            elif line.startswith("msgid "):
                msgid, field = unquote(line[6:]), "id"
            elif line.startswith("msgstr"):
                strs.append(unquote(line.split(" ", 1)[1]))
                field = "str"
            elif line.startswith('"'):
                if field == "id":
                    msgid += unquote(line)
                elif field == "ctxt":
                    ctxt += unquote(line)
                elif field == "str":
                    strs[-1] += unquote(line)
        flush()
    return entries


def complete(srcdir, xgettext, msgfmt):
    tap = Tap()
    languages = read_list(os.path.join(srcdir, "po", "LINGUAS"))
    languages = [w for line in languages for w in line.split()]
    tmp = tempfile.TemporaryDirectory(prefix="glossator-po-")
    pot = os.path.join(tmp.name, "glossator.pot")
    proc = subprocess.run([xgettext, "--package-name=glossator", "-f", os.path.join(srcdir, "po", "POTFILES.in"),
                           "-D", srcdir, "-o", pot] + XGETTEXT_ARGS,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        tap.bail_out(f"xgettext failed: {proc.stdout}")
    wanted = set(parse_po(pot))

    def any_language():
        assert languages, "po/LINGUAS lists no language"
    tap.check("po/LINGUAS lists a translation", any_language)

    for lang in languages:
        po = os.path.join(srcdir, "po", lang + ".po")

        def compiles(po=po):
            proc = subprocess.run([msgfmt, "--check", "--statistics", "-o", os.devnull, po],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
            assert proc.returncode == 0, proc.stdout
        tap.check(f"{lang}.po passes msgfmt --check", compiles)

        def translated(po=po):
            entries = parse_po(po)
            fuzzy = sorted(m for (_, m), (flags, _) in entries.items() if "fuzzy" in flags)
            untranslated = sorted(m for (_, m), (_, strs) in entries.items() if not all(strs))
            missing = sorted(m for (_, m) in wanted - set(entries))
            problems = [f"missing: {m!r}" for m in missing] + [f"fuzzy: {m!r}" for m in fuzzy] + \
                       [f"untranslated: {m!r}" for m in untranslated]
            assert not problems, f"{len(problems)} messages need work (run po/update.sh, then translate):\n" + \
                "\n".join(problems)
        tap.check(f"{lang}.po translates every message in the sources", translated)

    tmp.cleanup()
    tap.finish()


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "potfiles":
        potfiles(sys.argv[2])
    elif len(sys.argv) == 5 and sys.argv[1] == "complete":
        complete(*sys.argv[2:])
    else:
        print(f"usage: {sys.argv[0]} potfiles SRCDIR | complete SRCDIR XGETTEXT MSGFMT", file=sys.stderr)
        sys.exit(2)


if __name__ == "__main__":
    main()

#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# `meson install --destdir` of this build dir lays out exactly what the Flatpak manifest's
# `command`, the desktop file, the metainfo and the icons name. The check is relative to the
# build's configured prefix: the manifest builds with flatpak-builder's prefix /app and the
# default bindir/datadir, so when this build also uses the default directories, the same
# layout appears under /app in the Flatpak.
#
# Usage: test-install-layout.py --meson MESON --builddir DIR --srcdir DIR --manifest JSON
#          --app-id ID --prefix P --bindir D --datadir D --localedir D      (prints TAP)

import argparse
import configparser
import filecmp
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
from taputil import Skip, Tap  # noqa: E402

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
APP_ID_BASE = "io.github.glossator.Glossator"
DOMAIN = "glossator"


def files_under(top):
    found = set()
    for dirpath, _, filenames in os.walk(top):
        for name in filenames:
            found.add(os.path.relpath(os.path.join(dirpath, name), top))
    return found


def main():
    parser = argparse.ArgumentParser()
    for option in ("meson", "builddir", "srcdir", "manifest", "app-id", "prefix", "bindir", "datadir", "localedir"):
        parser.add_argument("--" + option, required=True)
    args = parser.parse_args()
    tap = Tap()

    with open(args.manifest, encoding="utf-8") as f:
        manifest = json.load(f)

    tmp = tempfile.TemporaryDirectory(prefix="glossator-install-")
    proc = subprocess.run([args.meson, "install", "-C", args.builddir, "--no-rebuild", "--quiet",
                           "--destdir", tmp.name],
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        tap.bail_out(f"meson install failed ({proc.returncode}): {proc.stdout.strip()}")

    root = os.path.join(tmp.name, os.path.relpath(args.prefix, "/"))
    bindir = os.path.join(root, args.bindir)
    datadir = os.path.join(root, args.datadir)
    app_id = args.app_id
    installed = files_under(root)

    def under(*parts):
        return os.path.relpath(os.path.join(*parts), root)

    expected = set()

    def manifest_matches_build():
        assert manifest["id"] == app_id, f"the build's app id is {app_id}, the manifest's {manifest['id']}"
    tap.check("the manifest is this build's flavour", manifest_matches_build)

    def flatpak_dirs():
        # The manifest does not override them (test-flatpak-manifest checks that), so in the
        # Flatpak they are /app/bin and /app/share.
        if (args.bindir, args.datadir) != ("bin", "share"):
            raise Skip(f"this build uses bindir={args.bindir} datadir={args.datadir}, not the Flatpak defaults")
        assert os.path.isabs(args.prefix)
    tap.check("this build installs with the Flatpak's bindir and datadir", flatpak_dirs)

    def command():
        path = os.path.join(bindir, manifest["command"])
        assert os.path.isfile(path), f"{under(path)} is not installed"
        assert os.access(path, os.X_OK), f"{under(path)} is not executable"
    tap.check(f"the manifest's command {manifest['command']!r} is installed in bindir", command)

    desktop_path = os.path.join(datadir, "applications", app_id + ".desktop")
    metainfo_path = os.path.join(datadir, "metainfo", app_id + ".metainfo.xml")
    scalable = os.path.join(datadir, "icons", "hicolor", "scalable", "apps", app_id + ".svg")
    symbolic = os.path.join(datadir, "icons", "hicolor", "symbolic", "apps", app_id + "-symbolic.svg")
    expected |= {under(desktop_path), under(metainfo_path), under(scalable), under(symbolic)}

    def desktop():
        assert os.path.isfile(desktop_path), f"{under(desktop_path)} is not installed"
        entry = configparser.RawConfigParser(interpolation=None)
        entry.optionxform = str
        entry.read(desktop_path, encoding="utf-8")
        entry = entry["Desktop Entry"]
        assert entry["Exec"].split()[0] == manifest["command"], entry["Exec"]
        assert entry["Icon"] == app_id, entry["Icon"]
        assert os.path.isfile(scalable), f"the desktop file's icon {under(scalable)} is not installed"
    tap.check("the desktop file runs the command and names the installed icon", desktop)

    def metainfo():
        assert os.path.isfile(metainfo_path), f"{under(metainfo_path)} is not installed"
        component = ET.parse(metainfo_path).getroot()
        assert component.findtext("id") == app_id, component.findtext("id")
        launchable = component.findtext("launchable")
        assert os.path.isfile(os.path.join(datadir, "applications", launchable)), f"launchable {launchable} is not installed"
        assert component.findtext("icon") == app_id
        for binary in component.find("provides").findall("binary"):
            path = os.path.join(bindir, binary.text)
            assert os.path.isfile(path) and os.access(path, os.X_OK), f"provided binary {under(path)} is not installed"
        assert component.findtext("translation") == DOMAIN
    tap.check("the metainfo's launchable, icon and binaries are installed", metainfo)

    def icons():
        assert os.path.isfile(symbolic), f"{under(symbolic)} is not installed"
        icon_files = {f for f in installed if f.startswith(under(datadir, "icons") + os.sep)}
        assert icon_files == {under(scalable), under(symbolic)}, sorted(icon_files)
    tap.check("exactly the app icon and its symbolic icon", icons)

    def exported():
        # flatpak exports only files named after the app id.
        for sub in ("applications", "metainfo", "icons", os.path.join("dbus-1", "services")):
            top = os.path.join(datadir, sub)
            for name in files_under(top) if os.path.isdir(top) else ():
                assert os.path.basename(name).startswith(app_id + ".") or \
                    os.path.basename(name).startswith(app_id + "-"), f"{under(top, name)} is not named after {app_id}"
        assert {f for f in installed if f.startswith(under(datadir, "applications") + os.sep)} == {under(desktop_path)}
        assert {f for f in installed if f.startswith(under(datadir, "metainfo") + os.sep)} == {under(metainfo_path)}
    tap.check("every exported file is named after the app id", exported)

    def binaries():
        bins = {f for f in installed if f.startswith(args.bindir + os.sep)}
        expected.update(bins)
        assert bins == {os.path.join(args.bindir, b) for b in ("glossator", "glossator-cli")}, sorted(bins)
    tap.check("bindir holds glossator and glossator-cli", binaries)

    def gschema():
        path = os.path.join(datadir, "glib-2.0", "schemas", APP_ID_BASE + ".gschema.xml")
        expected.add(under(path))
        assert os.path.isfile(path), f"{under(path)} is not installed"
        ids = [s.get("id") for s in ET.parse(path).getroot().findall("schema")]
        assert APP_ID_BASE in ids, ids
    tap.check("the GSettings schema is installed", gschema)

    def same_tree(src, dst, ignore_backups=False):
        src_files = {f for f in files_under(src) if not (ignore_backups and f.endswith("~"))}
        dst_files = files_under(dst) if os.path.isdir(dst) else set()
        assert src_files == dst_files, f"missing {sorted(src_files - dst_files)}, extra {sorted(dst_files - src_files)}"
        _, mismatch, errors = filecmp.cmpfiles(src, dst, sorted(src_files), shallow=False)
        assert not mismatch and not errors, f"differ: {mismatch + errors}"
        expected.update(under(dst, f) for f in dst_files)

    def samples():
        # SAMPLES_DIR in config.h
        same_tree(os.path.join(args.srcdir, "data", "samples"), os.path.join(datadir, DOMAIN, "samples"),
                  ignore_backups=True)
    tap.check("the sample corpus is installed in datadir/glossator/samples", samples)

    def json_schemas():
        src = os.path.join(args.srcdir, "data")
        dst = os.path.join(datadir, DOMAIN, "schemas")
        wanted = sorted(f for f in os.listdir(src) if f.endswith(".schema.json"))
        assert wanted, "no JSON Schemas in data/"
        got = sorted(os.listdir(dst)) if os.path.isdir(dst) else []
        assert got == wanted, f"installed {got}, expected {wanted}"
        for name in wanted:
            assert filecmp.cmp(os.path.join(src, name), os.path.join(dst, name), shallow=False), name
        expected.update(under(dst, f) for f in got)
    tap.check("the JSON Schemas are installed in datadir/glossator/schemas", json_schemas)

    def translations():
        with open(os.path.join(args.srcdir, "po", "LINGUAS"), encoding="utf-8") as f:
            languages = [w for line in f if not line.startswith("#") for w in line.split()]
        for lang in languages:
            path = os.path.join(root, args.localedir, lang, "LC_MESSAGES", DOMAIN + ".mo")
            assert os.path.isfile(path), f"{under(path)} is not installed"
        mos = {f for f in installed if f.startswith(args.localedir + os.sep)}
        assert len(mos) == len(languages), sorted(mos)
        expected.update(mos)
    tap.check("a message catalog for each language in po/LINGUAS", translations)

    def nothing_else():
        extra = sorted(installed - expected)
        assert not extra, "installed but not expected:\n" + "\n".join(extra)
    tap.check("nothing else is installed", nothing_else)

    tmp.cleanup()
    tap.finish()


if __name__ == "__main__":
    main()

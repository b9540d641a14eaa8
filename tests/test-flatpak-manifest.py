#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The Flatpak manifests in flatpak/: flatpak-builder reads each one without a warning (unknown
# keys and wrong types are warnings), and the content follows the project's rules: the GNOME
# runtime, `glossator` as the command, minimal finish-args with no file system access (folders
# come through the file chooser portal), the app built from this checkout with meson and its
# tests on, and the .Devel manifest differing only in its id and the development option.
#
# Usage: test-flatpak-manifest.py --flatpak-builder PROG STABLE.json DEVEL.json   (prints TAP)

import argparse
import json
import os
import subprocess
import sys
import tempfile

sys.dont_write_bytecode = True
from taputil import Tap  # noqa: E402

FINISH_ARGS = {"--share=ipc", "--socket=fallback-x11", "--socket=wayland", "--device=dri"}
APP_ID = "io.github.glossator.Glossator"


def app_module(manifest):
    modules = manifest.get("modules", [])
    assert modules and isinstance(modules[-1], dict), "the app is not the last module"
    return modules[-1]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--flatpak-builder", required=True)
    parser.add_argument("stable")
    parser.add_argument("devel")
    args = parser.parse_args()
    tap = Tap()
    manifests = {}

    for path in (args.stable, args.devel):
        name = os.path.basename(path)

        def show(path=path):
            env = dict(os.environ, G_DEBUG="fatal-warnings")
            # flatpak-builder creates .flatpak-builder/ in its working directory.
            with tempfile.TemporaryDirectory(prefix="glossator-manifest-") as tmp:
                proc = subprocess.run([args.flatpak_builder, "--show-manifest", path], cwd=tmp, env=env,
                                      stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            assert proc.returncode == 0, f"flatpak-builder exited with {proc.returncode}:\n{proc.stderr}"
            shown = json.loads(proc.stdout)
            with open(path, encoding="utf-8") as f:
                manifests[path] = json.load(f)
            assert shown.get("id") == manifests[path]["id"]
        tap.check(f"{name}: flatpak-builder --show-manifest reads it without warnings", show)

    def ids():
        stable, devel = manifests[args.stable], manifests[args.devel]
        assert stable["id"] == APP_ID, stable["id"]
        assert devel["id"] == APP_ID + ".Devel", devel["id"]
        for path, manifest in manifests.items():
            assert os.path.basename(path) == manifest["id"] + ".json", path
    tap.check("ids are the app id and its .Devel flavour, as the file names", ids)

    for path in (args.stable, args.devel):
        name = os.path.basename(path)

        def runtime(path=path):
            m = manifests[path]
            assert m["runtime"] == "org.gnome.Platform" and m["sdk"] == "org.gnome.Sdk", (m["runtime"], m["sdk"])
            assert m["runtime-version"].isdigit(), f"runtime-version {m['runtime-version']!r} is not a stable release"
            assert m["command"] == "glossator", m["command"]
        tap.check(f"{name}: stable GNOME runtime, command glossator", runtime)

        def finish_args(path=path):
            found = manifests[path].get("finish-args", [])
            assert len(found) == len(set(found)), "repeated finish-args"
            assert set(found) == FINISH_ARGS, \
                f"finish-args {sorted(found)}, expected {sorted(FINISH_ARGS)}; folders are opened through the portal"
        tap.check(f"{name}: minimal finish-args, no file system access", finish_args)

        def app(path=path):
            module = app_module(manifests[path])
            assert module["name"] == "glossator" and module["buildsystem"] == "meson", module["name"]
            assert module.get("run-tests") is True, "run-tests is not on"
            if module.get("test-rule") == "":
                assert any(c.startswith("meson test ") for c in module.get("test-commands", [])), \
                    "no test rule and no `meson test` command"
            sources = module.get("sources", [])
            assert len(sources) == 1 and sources[0]["type"] == "dir", sources
            checkout = os.path.normpath(os.path.join(os.path.dirname(path), sources[0]["path"]))
            assert os.path.isfile(os.path.join(checkout, "meson.build")), f"{checkout} is not the checkout"
            assert os.path.samefile(checkout, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")), checkout
            opts = module.get("config-opts", [])
            # flatpak-builder passes --prefix=/app; the install-layout test relies on it.
            assert not [o for o in opts if o.startswith(("--prefix", "-Dprefix", "--bindir", "-Dbindir",
                                                          "--datadir", "-Ddatadir"))], opts
            devel = manifests[path]["id"].endswith(".Devel")
            expected = "-Ddevelopment=" + ("true" if devel else "false")
            assert expected in opts, f"{expected} not in {opts}"
        tap.check(f"{name}: builds this checkout with meson, tests on, prefix /app", app)

        def dependencies(path=path):
            for module in manifests[path]["modules"][:-1]:
                for source in module.get("sources", []):
                    if source.get("type") in ("archive", "file"):
                        assert source.get("url", "").startswith("https://"), source
                        assert len(source.get("sha256", "")) == 64, f"{source.get('url')} has no sha256"
                    elif source.get("type") == "git":
                        assert source.get("commit") or source.get("tag"), f"{source.get('url')} is not pinned"
        tap.check(f"{name}: dependency sources are pinned", dependencies)

    def same_otherwise():
        stable = json.loads(json.dumps(manifests[args.stable]))
        devel = json.loads(json.dumps(manifests[args.devel]))
        for m in (stable, devel):
            m.pop("id")
            app_module(m)["config-opts"] = [o for o in app_module(m).get("config-opts", [])
                                            if not o.startswith(("-Ddevelopment=", "--buildtype="))]
        assert stable == devel, "the manifests differ in more than the id and the build options"
    tap.check("the .Devel manifest differs only in id and build options", same_otherwise)

    tap.finish()


if __name__ == "__main__":
    main()

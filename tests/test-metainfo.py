#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Flathub's quality guidelines for the built (translated) metainfo and desktop file, the parts
# `appstreamcli validate` does not check: summary length, a description that does not repeat
# it, developer, branding, releases, screenshots that exist in data/screenshots/ with
# captions and at most 1000×700, and that the metainfo, the desktop file and the app id agree.
#
# Usage: test-metainfo.py --metainfo FILE --desktop FILE --app-id ID --version VERSION
#                         --screenshots DIR      (prints TAP)

import argparse
import configparser
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
from taputil import Tap  # noqa: E402

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SCREENSHOT_URL = "https://raw.githubusercontent.com/glossator/glossator/main/data/screenshots/"
MAX_SCREENSHOT = (1000, 700)
DEVEL_SUFFIX = " (Development)"
MIME_TYPES = {"text/plain", "text/markdown", "text/html", "application/json"}
BINARIES = {"glossator", "glossator-cli"}


def untranslated(parent, tag):
    return [e for e in parent.findall(tag) if XML_LANG not in e.attrib]


def one(parent, tag):
    found = untranslated(parent, tag)
    assert len(found) == 1, f"expected one untranslated <{tag}>, found {len(found)}"
    return found[0]


def text_of(element):
    return " ".join("".join(element.itertext()).split())


def png_header(path):
    """Width, height, bit depth and colour type from the PNG's IHDR chunk."""
    with open(path, "rb") as f:
        head = f.read(26)
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    return struct.unpack(">IIBB", head[16:26])


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--metainfo", required=True)
    parser.add_argument("--desktop", required=True)
    parser.add_argument("--app-id", required=True)
    parser.add_argument("--version", required=True)
    parser.add_argument("--screenshots", required=True)
    args = parser.parse_args()

    tap = Tap()
    try:
        root = ET.parse(args.metainfo).getroot()
    except (OSError, ET.ParseError) as e:
        tap.bail_out(f"cannot read {args.metainfo}: {e}")
    desktop = configparser.RawConfigParser(interpolation=None, strict=True)
    desktop.optionxform = str
    desktop.read(args.desktop, encoding="utf-8")
    if not desktop.has_section("Desktop Entry"):
        tap.bail_out(f"{args.desktop} has no [Desktop Entry]")
    entry = desktop["Desktop Entry"]
    devel = args.app_id.endswith(".Devel")

    def component():
        assert root.tag == "component", root.tag
        assert root.get("type") == "desktop-application", root.get("type")
        assert one(root, "id").text == args.app_id, one(root, "id").text
        assert one(root, "metadata_license").text == "CC0-1.0"
        assert one(root, "project_license").text == "GPL-3.0-or-later"
    tap.check("component id is the app id, licenses", component)

    def names():
        # Every translation of the name carries the .Devel suffix, or none does.
        all_names = [e.text or "" for e in root.findall("name")]
        assert all_names, "no <name>"
        for name in all_names:
            assert name.endswith(DEVEL_SUFFIX) == devel, f"name {name!r} in a {'.Devel' if devel else 'stable'} build"
        desktop_names = [v for k, v in entry.items() if re.fullmatch(r"Name(\[[^]]+\])?", k)]
        for name in desktop_names:
            assert name.endswith(DEVEL_SUFFIX) == devel, f"desktop Name {name!r}"
        assert entry["Name"] == one(root, "name").text, (entry["Name"], one(root, "name").text)
    tap.check("names agree and carry the suffix only in .Devel builds", names)

    def summary():
        text = one(root, "summary").text or ""
        assert 0 < len(text) <= 35, f"summary {text!r} has {len(text)} characters, Flathub allows 35"
        assert not text.endswith("."), f"summary {text!r} ends with a period"
        assert "Glossator" not in text, f"summary {text!r} repeats the app name"
        for translated in root.findall("summary"):
            assert translated.text and translated.text.strip(), "empty translated summary"
    tap.check("summary: at most 35 characters, no period, no app name", summary)

    def description():
        desc = one(root, "description")
        paragraphs = [text_of(p) for p in untranslated(desc, "p")]
        assert paragraphs, "description has no <p>"
        assert sum(len(p) for p in paragraphs) >= 100, "description is too short"
        summary_text = (one(root, "summary").text or "").lower()
        whole = text_of(desc).lower()
        assert summary_text not in whole, "the description repeats the summary"
    tap.check("description has paragraphs and does not repeat the summary", description)

    def developer():
        dev = one(root, "developer")
        assert dev.get("id") and re.fullmatch(r"[a-z0-9-]+(\.[a-z0-9-]+)+", dev.get("id")), \
            f"developer id {dev.get('id')!r} is not reverse DNS"
        assert (one(dev, "name").text or "").strip(), "developer has no name"
    tap.check("developer has an id and a name", developer)

    def launchable():
        launch = one(root, "launchable")
        assert launch.get("type") == "desktop-id", launch.get("type")
        assert launch.text == args.app_id + ".desktop", launch.text
        assert os.path.basename(args.desktop) == launch.text, (os.path.basename(args.desktop), launch.text)
        icon = one(root, "icon")
        assert icon.get("type") == "stock" and icon.text == args.app_id, (icon.get("type"), icon.text)
        assert entry["Icon"] == args.app_id, entry["Icon"]
    tap.check("launchable and icon name the app id", launchable)

    def provides():
        binaries = {e.text for e in one(root, "provides").findall("binary")}
        assert binaries == BINARIES, binaries
        command = entry["Exec"].split()[0]
        assert command in binaries, f"desktop Exec runs {command!r}, not a provided binary"
        assert entry.get("TryExec", command) == command
    tap.check("provides glossator and glossator-cli; Exec runs one of them", provides)

    def mime_types():
        types = {t for t in entry.get("MimeType", "").split(";") if t}
        assert types == MIME_TYPES, f"MimeType is {sorted(types)}, expected {sorted(MIME_TYPES)}"
        categories = [c for c in entry.get("Categories", "").split(";") if c]
        meta_categories = [c.text for c in one(root, "categories").findall("category")]
        assert categories == meta_categories, (categories, meta_categories)
    tap.check("MIME types and categories", mime_types)

    def branding():
        colors = {}
        for color in one(root, "branding").findall("color"):
            assert color.get("type") == "primary", color.get("type")
            assert re.fullmatch(r"#[0-9a-f]{6}", color.text or ""), color.text
            colors[color.get("scheme_preference")] = color.text
        assert set(colors) == {"light", "dark"}, colors
        assert colors["light"] != colors["dark"]
    tap.check("branding has primary colours for light and dark", branding)

    def releases():
        found = one(root, "releases").findall("release")
        assert found, "no release"
        assert found[0].get("version") == args.version, \
            f"newest release is {found[0].get('version')}, the project is {args.version}"
        dates = [r.get("date") or "" for r in found]
        for date in dates:
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", date), f"release date {date!r}"
        assert dates == sorted(dates, reverse=True), "releases are not newest first"
        for release in found:
            desc = one(release, "description")
            assert text_of(desc), f"release {release.get('version')} has no description"
    tap.check("releases: newest is the project version, with descriptions", releases)

    def content_rating():
        assert one(root, "content_rating").get("type") == "oars-1.1"
    tap.check("OARS content rating", content_rating)

    def screenshots():
        shots = one(root, "screenshots").findall("screenshot")
        assert len(shots) >= 2, "fewer than two screenshots"
        assert [s.get("type") for s in shots].count("default") == 1, "not exactly one default screenshot"
        problems = []
        for shot in shots:
            caption = untranslated(shot, "caption")
            image = one(shot, "image")
            url = image.text or ""
            if not caption or not text_of(caption[0]):
                problems.append(f"{url}: no caption")
            elif text_of(caption[0]).endswith("."):
                problems.append(f"{url}: caption ends with a period")
            if not url.startswith(SCREENSHOT_URL):
                problems.append(f"{url}: not under {SCREENSHOT_URL}")
                continue
            path = os.path.join(args.screenshots, url[len(SCREENSHOT_URL):])
            if not os.path.isfile(path):
                problems.append(f"{url}: {path} does not exist")
                continue
            width, height, depth, colour_type = png_header(path)
            # ImageMagick saves a capture of an empty (all black) screen as 1-bit grayscale.
            if colour_type in (0, 4) or depth < 8:
                problems.append(f"{path} is a {depth}-bit grayscale image: a blank capture?")
            if width > MAX_SCREENSHOT[0] or height > MAX_SCREENSHOT[1]:
                problems.append(f"{path} is {width}×{height}, larger than 1000×700")
            for attr, real in (("width", width), ("height", height)):
                if image.get(attr) is not None and int(image.get(attr)) != real:
                    problems.append(f"{url}: {attr}=\"{image.get(attr)}\" but the file's is {real}")
        assert not problems, "\n".join(problems)
    tap.check("screenshots exist in data/screenshots, have captions, fit 1000×700", screenshots)

    tap.finish()


if __name__ == "__main__":
    main()

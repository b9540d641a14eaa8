#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The icons in data/icons/: the full-colour app icons (stable and .Devel) are 128×128 SVGs
# made of shapes only; the symbolic app icon and the action icons compiled into the resources
# (data/icons/scalable/actions/, listed in src/gui/glossator.gresource.xml) are 16×16 and use
# the single colour #2e3436, which GTK recolours. When GdkPixbuf with its SVG loader is
# available (the renderer GTK uses), the icons are drawn and the pixels checked too.
#
# Usage: test-icons.py ICONS_DIR      (prints TAP)

import os
import re
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
from taputil import Skip, Tap  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"
APP_ID = "io.github.glossator.Glossator"
SYMBOLIC_COLOR = "#2e3436"
# Elements an icon drawn from simple shapes needs; <text> (fonts differ), <image> (raster or
# external data) and scripts are not among them.
ALLOWED = {"svg", "title", "desc", "defs", "g", "path", "rect", "circle", "ellipse", "polygon",
           "linearGradient", "radialGradient", "stop", "pattern", "clipPath", "mask", "use"}
PAINT_ATTRS = ("fill", "stroke", "stop-color", "color")


def load(path):
    root = ET.parse(path).getroot()
    assert root.tag == SVG + "svg", f"{path}: root is {root.tag}"
    return root


def local(tag):
    return tag[len(SVG):] if tag.startswith(SVG) else tag


def check_canvas(root, size):
    assert root.get("width") == str(size) and root.get("height") == str(size), \
        f"width/height are {root.get('width')}×{root.get('height')}, expected {size}×{size}"
    assert (root.get("viewBox") or "").split() == ["0", "0", str(size), str(size)], root.get("viewBox")


def check_elements(root):
    for element in root.iter():
        name = local(element.tag)
        assert name in ALLOWED, f"<{name}> is not allowed in an icon"
        for attr, value in element.attrib.items():
            assert not attr.endswith("href") or value.startswith("#"), f"external reference {value}"


def paints(root):
    """Every colour an element paints with, from attributes and style properties."""
    for element in root.iter():
        for attr in PAINT_ATTRS:
            if element.get(attr) is not None:
                yield local(element.tag), element.get(attr)
        for prop in (element.get("style") or "").split(";"):
            if ":" in prop:
                key, value = (s.strip() for s in prop.split(":", 1))
                if key in PAINT_ATTRS:
                    yield local(element.tag), value


def check_symbolic(root):
    """A 16×16 canvas of shapes painted in the one symbolic colour, which GTK replaces."""
    check_canvas(root, 16)
    check_elements(root)
    for tag, value in paints(root):
        assert value.lower() in (SYMBOLIC_COLOR, "none"), f"<{tag}> paints with {value}"
    tags = {local(e.tag) for e in root.iter()}
    assert not tags & {"linearGradient", "radialGradient", "pattern", "mask"}, tags
    assert not any(e.get("opacity") or e.get("fill-opacity") for e in root.iter()), "opacity"
    assert any(re.search(r"\d", e.get("d") or "") for e in root.iter(SVG + "path")), "no paths"


def check_symbolic_drawn(path):
    pixels = render(path, 16)
    painted = [p for p in pixels if p[3] > 0]
    assert len(painted) > 40, f"only {len(painted)} painted pixels"
    colours = {p[:3] for p in painted if p[3] == 255}
    assert colours == {(0x2e, 0x34, 0x36)}, f"opaque pixels in {colours}"


def resource_icons(gresource_xml):
    """The files the resource bundle aliases under icons/, by alias."""
    root = ET.parse(gresource_xml).getroot()
    return {f.get("alias"): f.text for f in root.iter("file")
            if (f.get("alias") or "").startswith("icons/")}


def render(path, size):
    try:
        import gi
        gi.require_version("GdkPixbuf", "2.0")
        from gi.repository import GdkPixbuf, GLib
    except (ImportError, ValueError) as e:
        raise Skip(f"GdkPixbuf is not available ({e})")
    try:
        pixbuf = GdkPixbuf.Pixbuf.new_from_file_at_size(path, size, size)
    except GLib.Error as e:
        if "not a known type" in e.message or "format" in e.message.lower():
            raise Skip(f"no SVG loader for GdkPixbuf ({e.message})")
        raise
    assert pixbuf.get_width() == size and pixbuf.get_height() == size
    assert pixbuf.get_has_alpha()
    data = pixbuf.get_pixels()
    stride, n = pixbuf.get_rowstride(), pixbuf.get_n_channels()
    return [tuple(data[y * stride + x * n: y * stride + x * n + 4])
            for y in range(size) for x in range(size)]


def main():
    icons = sys.argv[1]
    scalable = os.path.join(icons, "hicolor", "scalable", "apps")
    symbolic = os.path.join(icons, "hicolor", "symbolic", "apps")
    app_icons = [os.path.join(scalable, APP_ID + ".svg"), os.path.join(scalable, APP_ID + ".Devel.svg")]
    symbolic_icon = os.path.join(symbolic, APP_ID + "-symbolic.svg")
    tap = Tap()

    def listing():
        assert sorted(os.listdir(scalable)) == sorted(os.path.basename(p) for p in app_icons), os.listdir(scalable)
        assert os.listdir(symbolic) == [os.path.basename(symbolic_icon)], os.listdir(symbolic)
    tap.check("one icon per flavour and one symbolic icon", listing)

    for path in app_icons:
        name = os.path.basename(path)

        def full_colour(path=path):
            root = load(path)
            check_canvas(root, 128)
            check_elements(root)
            colours = {v.lower() for _, v in paints(root) if v.startswith("#")}
            assert len(colours) >= 4, f"only {len(colours)} colours: not a full-colour icon"
        tap.check(f"{name}: 128×128 canvas, shapes only", full_colour)

        def drawn(path=path):
            pixels = render(path, 128)
            opaque = [p for p in pixels if p[3] == 255]
            # A page and a bubble cover a good part of the canvas, but leave a margin.
            assert 0.35 * len(pixels) < len(opaque) < 0.9 * len(pixels), f"{len(opaque)} opaque pixels"
            corners = [pixels[0], pixels[127], pixels[127 * 128], pixels[128 * 128 - 1]]
            assert all(p[3] == 0 for p in corners), "the corners of the canvas are not transparent"
        tap.check(f"{name}: renders with a transparent margin", drawn)

    def flavours_differ():
        with open(app_icons[0], "rb") as a, open(app_icons[1], "rb") as b:
            assert a.read() != b.read(), "the .Devel icon is the stable icon"
    tap.check("the .Devel icon differs from the stable one", flavours_differ)

    tap.check("symbolic icon: 16×16, one colour", lambda: check_symbolic(load(symbolic_icon)))
    tap.check("symbolic icon renders in one colour only", check_symbolic_drawn, symbolic_icon)

    # The action icons: GTK finds them by name in the resources (the application's resource
    # base path has icons/ in its icon theme search path), and recolours them only when the
    # name ends in -symbolic.
    actions = os.path.join(icons, "scalable", "actions")
    gresource_xml = os.path.join(icons, os.pardir, os.pardir, "src", "gui", "glossator.gresource.xml")
    action_icons = sorted(os.listdir(actions))

    def actions_listed():
        assert action_icons, f"no icons in {actions}"
        for name in action_icons:
            assert re.fullmatch(r"glossator-[a-z0-9-]+-symbolic\.svg", name), \
                f"{name}: not a symbolic icon's name"
        aliases = resource_icons(gresource_xml)
        expected = {f"icons/scalable/actions/{name}" for name in action_icons}
        assert set(aliases) == expected, f"the resources alias {sorted(aliases)}, not {sorted(expected)}"
        for alias, source in aliases.items():
            source_path = os.path.join(os.path.dirname(gresource_xml), source)
            assert os.path.samefile(source_path, os.path.join(actions, os.path.basename(alias))), \
                f"{alias} comes from {source}"
    tap.check("each action icon is compiled into the resources", actions_listed)

    for name in action_icons:
        path = os.path.join(actions, name)
        tap.check(f"{name}: 16×16, one colour", lambda path=path: check_symbolic(load(path)))
        tap.check(f"{name}: renders in one colour only", check_symbolic_drawn, path)

    tap.finish()


if __name__ == "__main__":
    main()

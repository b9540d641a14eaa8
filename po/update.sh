#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Brings the translations up to date with the sources:
#
#   po/update.sh [BUILDDIR]       (default: build/, configured first when missing)
#
# 1. Regenerates po/glossator.pot from the files in po/POTFILES.in (meson's glossator-pot
#    target). A new source file with translatable strings goes into POTFILES.in first, in
#    `LC_ALL=C sort` order; `meson test -C BUILDDIR potfiles` lists what is missing.
# 2. Merges it into every po/LL.po listed in po/LINGUAS (glossator-update-po): new messages
#    come in untranslated, changed ones are marked fuzzy.
# 3. Prints what is left to translate per language.
#
# Then translate the empty and "#, fuzzy" entries (remove the fuzzy mark once done) and check
# with `meson test -C BUILDDIR --suite po`.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
builddir=${1:-"$top/build"}

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" "$top"
fi
# One after the other: the merge reads the template the first step writes.
meson compile -C "$builddir" glossator-pot
meson compile -C "$builddir" glossator-update-po

# The translated desktop file and metainfo do not depend on the .po files in meson; remove
# them so the next build merges the new translations.
find "$builddir/data" -maxdepth 1 \( -name '*.desktop' -o -name '*.desktop.nosuffix' \
  -o -name '*.metainfo.xml' -o -name '*.metainfo.xml.nosuffix' \) -delete 2>/dev/null || true

status=0
for lang in $(sed -e 's/#.*//' "$top/po/LINGUAS"); do
  printf '%s: ' "$lang"
  msgfmt --check --statistics -o /dev/null "$top/po/$lang.po" 2>&1 || status=1
done
exit $status

#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Screenshots of the window's main states, taken from the real binary in a
# private X server (tests/run-headless.sh), into data/screenshots/:
#
#   build-aux/screenshots.sh [BUILD_DIR]      (default: build)
#
#   welcome.png          first start
#   document-light.png   an article of the sample corpus with its mentions
#   document-dark.png    the same in the dark style
#   nesting.png          nested mentions, label chips, the inner mention selected
#   chips-off.png        the same with the label chips turned off
#   entities.png         an entity chosen in the entities panel, its mentions marked
#   corrupt-sidecar.png  an article whose annotations cannot be read
#   stances-panel.png    the Stances panel, a stance chosen and marked in the text
#   stances-in-text.png  without the sidebar: a stance's holder and target joined,
#                        its evidence outlined, every stance's margin mark
#   stances-dark.png     the same in the dark style
#   export.png           the Export dialog with the CoNLL options
#
# Works on copies of data/samples, so the sample corpus is never changed.
set -euo pipefail

top=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
build=$(readlink -f "${1:-$top/build}")

if [ -z "${DISPLAY:-}" ]; then
  exec "$top/tests/run-headless.sh" "$(readlink -f "$0")" "$build"
fi

binary=$build/src/gui/glossator
if [ ! -x "$binary" ]; then
  echo "screenshots: $binary is not built" >&2
  exit 1
fi
for tool in xdotool import gsettings; do
  command -v "$tool" >/dev/null || { echo "screenshots: $tool is missing" >&2; exit 1; }
done

out=$top/data/screenshots
mkdir -p "$out"
work=$(mktemp -d "${TMPDIR:-/tmp}/glossator-shots-XXXXXX")
app_pid=
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  if [ -n "$app_pid" ]; then
    kill "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Settings in a key file of their own, so they can be set before each start.
export GSETTINGS_BACKEND=keyfile
export XDG_CONFIG_HOME=$work/config
export XDG_DATA_HOME=$work/data
export GSETTINGS_SCHEMA_DIR=$build/data
export GLOSSATOR_SAMPLES_DIR=$top/data/samples
schema=io.github.glossator.Glossator

set_key() {
  gsettings set "$schema" "$1" "$2"
}

reset_settings() {
  rm -rf "$XDG_CONFIG_HOME"
  set_key window-width 1000
  set_key window-height 700
  set_key annotator "'Ana'"
}

start() {
  "$binary" "$@" >>"$work/glossator.log" 2>&1 &
  app_pid=$!
}

stop() {
  # Ctrl+Q saves and quits; the copies may be changed, the samples are not.
  xdotool key --clearmodifiers ctrl+q || true
  for _ in $(seq 1 100); do
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  kill "$app_pid" 2>/dev/null || true
  wait "$app_pid" 2>/dev/null || true
  app_pid=
}

# wait_window REGEX: the window id once a visible window's title matches.
wait_window() {
  local id
  for _ in $(seq 1 300); do
    id=$(xdotool search --onlyvisible --name "$1" 2>/dev/null | head -n1 || true)
    if [ -n "$id" ]; then
      echo "$id"
      return 0
    fi
    sleep 0.1
  done
  echo "screenshots: no window named /$1/; log:" >&2
  cat "$work/glossator.log" >&2
  return 1
}

# Out of the window, so that no hover or tooltip shows.
park_pointer() {
  xdotool mousemove --sync 1270 790
}

shoot() {
  local window=$1 name=$2
  park_pointer
  # Let animations (revealers, spinner) settle.
  sleep 1.2
  import -window "$window" "$out/$name"
  # The window's minimum width can exceed Flathub's 1000×700: scale down.
  convert "$out/$name" -resize '1000x700>' "$out/$name"
  echo "screenshots: data/screenshots/$name ($(identify -format '%wx%h' "$out/$name"))"
}

corpus() {
  local dir=$work/$1
  mkdir -p "$dir"
  cp "$top"/data/samples/* "$dir/"
  echo "$dir"
}

samples=$(corpus "Sample Corpus")
broken=$(corpus broken)

# Welcome, with a corpus opened before
reset_settings
set_key recent-corpora "['$(/usr/bin/python3 -c 'import pathlib, sys; print(pathlib.Path(sys.argv[1]).as_uri())' "$samples")']"
start
window=$(wait_window '^Glossator$')
xdotool windowfocus --sync "$window" || true
shoot "$window" welcome.png
stop

# An article with its mentions, light and dark
for style in light dark; do
  reset_settings
  set_key color-scheme "'$style'"
  start "$samples/harbour-strike.txt" "$samples/river-treaty.md" "$samples/chip-export.json"
  window=$(wait_window '^Seoul tightens')
  xdotool windowfocus --sync "$window" || true
  shoot "$window" "document-$style.png"
  stop
done

# Nested mentions with their chips and underlines, the inner one of a
# nested pair selected (Alt+Right steps through the mentions); then the
# same with the chips turned off for reading (Ctrl+Shift+L).
reset_settings
start "$samples/harbour-strike.txt"
window=$(wait_window '^Gdańsk dockworkers')
xdotool windowfocus --sync "$window" || true
sleep 2
xdotool key --clearmodifiers alt+Right alt+Right alt+Right alt+Right
shoot "$window" nesting.png
xdotool key --clearmodifiers ctrl+shift+l
shoot "$window" chips-off.png
stop

# The entities panel with an entity chosen: filter the list for it and click
# it; its mentions are marked in the text.
reset_settings
start "$samples"
window=$(wait_window '^Seoul tightens')
xdotool windowfocus --sync "$window" || true
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool mousemove --sync $((X + WIDTH - 150)) $((Y + 115)) click 1
sleep 0.3
xdotool type --delay 60 "Seoul"
sleep 0.6
xdotool mousemove --sync $((X + WIDTH - 150)) $((Y + 180)) click 1
sleep 0.3
# Step to its second mention.
xdotool key F3 F3
park_pointer
shoot "$window" entities.png
stop

# The Stances panel: Ctrl+2, then its first stance; holder, target and
# evidence are marked in the text.
reset_settings
start "$samples/harbour-strike.txt"
window=$(wait_window '^Gdańsk dockworkers')
xdotool windowfocus --sync "$window" || true
eval "$(xdotool getwindowgeometry --shell "$window")"
xdotool key ctrl+2
sleep 0.5
xdotool mousemove --sync $((X + WIDTH - 200)) $((Y + 160)) click 1
sleep 0.3
shoot "$window" stances-panel.png
stop

# A stance drawn in the text, light and dark: Ctrl+2, then Daniel Okafor →
# Seoul, the fourth stance of the Seoul article.
for style in light dark; do
  reset_settings
  set_key color-scheme "'$style'"
  set_key show-sidebar false
  start "$samples"
  window=$(wait_window '^Seoul tightens')
  xdotool windowfocus --sync "$window" || true
  eval "$(xdotool getwindowgeometry --shell "$window")"
  xdotool key ctrl+2
  sleep 0.5
  xdotool mousemove --sync $((X + WIDTH - 200)) $((Y + 560)) click 1
  sleep 0.5
  if [ "$style" = light ]; then
    shoot "$window" stances-in-text.png
  else
    shoot "$window" stances-dark.png
  fi
  stop
done

# A corrupt sidecar
printf '{\n  "format": "glossator-sidecar",\n  "version": 1,\n  "mentions": [\n    {"id": "m1", "label": "PERSON",\n' \
  >"$broken/harbour-strike.txt.annotations.json"
reset_settings
start "$broken/harbour-strike.txt"
window=$(wait_window '^Gdańsk dockworkers')
xdotool windowfocus --sync "$window" || true
shoot "$window" corrupt-sidecar.png
stop

# The Export dialog, on the format used last
reset_settings
set_key export-format "'conll'"
start "$samples"
window=$(wait_window '^Seoul tightens')
xdotool windowfocus --sync "$window" || true
xdotool key --clearmodifiers ctrl+e
dialog=$(wait_window '^Export Annotations$')
shoot "$dialog" export.png
xdotool key Escape || true
stop

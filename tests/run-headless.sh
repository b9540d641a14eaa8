#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Run a command inside its own Xvfb and its own D-Bus session bus:
#
#   tests/run-headless.sh CMD [ARGS...]
#   meson test -C build --wrapper "$PWD/tests/run-headless.sh"   # one X server and bus per test
#
# Why not `xvfb-run -a`: it picks the display number from lock files and does not wait for
# Xvfb to exit, so parallel or back-to-back tests collide; and without -noreset the server
# resets when its last client leaves, failing a client (e.g. libatspi) that connects meanwhile.
# Here Xvfb chooses a free display itself (-displayfd) and is waited for on exit.
#
# The bus can activate org.a11y.Bus (AT-SPI, for tests that drive the UI) and nothing else, and
# XDG_*/TMPDIR point into a private directory, so runs share no state with each other or the user.
set -euo pipefail

if [ -n "${_GLOSSATOR_HEADLESS_INNER:-}" ]; then
  unset _GLOSSATOR_HEADLESS_INNER
  # Back to the real stdout (fd 4, see the end of this script).
  exec "$@" >&4 4>&-
fi

if [ $# -eq 0 ]; then
  echo "usage: $0 CMD [ARGS...]" >&2
  exit 2
fi

self=$(readlink -f "$0")
screen=${HEADLESS_SCREEN:-1280x800x24}
a11y_service=/usr/share/dbus-1/services/org.a11y.Bus.service
for tool in Xvfb dbus-run-session; do
  if ! command -v "$tool" >/dev/null; then
    echo "run-headless: $tool is missing (Debian: apt-get install xvfb dbus)" >&2
    exit 1
  fi
done

tmp=$(mktemp -d "${TMPDIR:-/tmp}/glossator-headless-XXXXXX")
xvfb_pid=
# shellcheck disable=SC2317  # called through the EXIT trap
cleanup() {
  if [ -n "$xvfb_pid" ]; then
    if ! kill "$xvfb_pid" 2>/dev/null; then
      echo "run-headless: Xvfb (${DISPLAY:-?}) died before the test ended:" >&2
      cat "$tmp/xvfb.log" >&2
    fi
    wait "$xvfb_pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

Xvfb -displayfd 3 -screen 0 "$screen" -nolisten tcp -noreset \
  3>"$tmp/display" </dev/null >"$tmp/xvfb.log" 2>&1 &
xvfb_pid=$!
# Xvfb writes the display number once it accepts connections.
for _ in $(seq 1 400); do
  [ -s "$tmp/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || break
  sleep 0.05
done
if [ ! -s "$tmp/display" ]; then
  echo "run-headless: Xvfb did not start:" >&2
  cat "$tmp/xvfb.log" >&2
  exit 1
fi
display=$(head -n1 "$tmp/display")
export DISPLAY=":$display"
export GDK_BACKEND=x11
unset WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS AT_SPI_BUS_ADDRESS

# Private runtime, cache (Mesa shaders), config (dconf), data (recent files) and temp dirs.
mkdir -m 0700 "$tmp/runtime" "$tmp/cache" "$tmp/config" "$tmp/data" "$tmp/tmp" "$tmp/services"
export XDG_RUNTIME_DIR="$tmp/runtime" XDG_CACHE_HOME="$tmp/cache" \
       XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" TMPDIR="$tmp/tmp"
export GSETTINGS_BACKEND=${GSETTINGS_BACKEND:-memory}

if [ -f "$a11y_service" ]; then
  cp "$a11y_service" "$tmp/services/"
fi
cat > "$tmp/session.conf" <<CONF
<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <keep_umask/>
  <listen>unix:dir=$tmp</listen>
  <auth>EXTERNAL</auth>
  <servicedir>$tmp/services</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
CONF

# The bus and the services it starts (the AT-SPI registry prints to stdout!) write only to
# stderr, minus the lines that announce activations; the command gets the real stdout back as
# fd 4, so nothing but its own output reaches stdout, where meson parses TAP.
# The filter runs in the pipeline (not a process substitution) so it has finished when we exit.
exec 4>&1
set +e
_GLOSSATOR_HEADLESS_INNER=1 dbus-run-session --config-file="$tmp/session.conf" -- "$self" "$@" \
    2>&1 |
  grep --line-buffered -v -e 'Failed to set fd limit' -e 'Activating service name=' \
    -e 'Successfully activated service' -e 'SpiRegistry daemon is running' >&2 4>&-
status=${PIPESTATUS[0]}
set -e
exec 4>&-
exit "$status"

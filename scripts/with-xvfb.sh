#!/usr/bin/env bash
# Runs a command with a private X display (Xvfb), for WebKit's MiniBrowser,
# which has no headless mode; the display is stopped afterwards.
set -euo pipefail
for n in $(seq 90 189); do
  [ -e "/tmp/.X${n}-lock" ] || { display=":$n"; break; }
done
Xvfb "$display" -screen 0 1280x900x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill "$xvfb" 2>/dev/null || true' EXIT
sleep 0.5
DISPLAY="$display" "$@"

#!/usr/bin/env bash
# Installs only what is missing, at pinned versions, so `make test` and
# `make demo` work on a fresh machine. Versions live here and nowhere else.
set -euo pipefail

WASM_BINDGEN=0.2.130   # must equal the wasm-bindgen "=X" pin in Cargo.toml
WASM_PACK=0.15.1
GECKODRIVER=0.37.1

need_browsers=${NEED_BROWSERS:-1}
log() { printf 'setup: %s\n' "$*" >&2; }
# Reads the whole --version output first: `| grep -q` would close the pipe
# early, and some tools (geckodriver) then fail with a broken pipe.
have_version() {
  command -v "$1" >/dev/null 2>&1 || return 1
  local v
  v=$("$1" --version 2>/dev/null) || return 1
  [[ $v == *"$2"* ]]
}

pin=$(sed -n 's/^wasm-bindgen = .*"=\([0-9.]*\)".*/\1/p' Cargo.toml)
if [ "$pin" != "$WASM_BINDGEN" ]; then
  log "Cargo.toml pins wasm-bindgen $pin but scripts/setup.sh installs $WASM_BINDGEN; make them equal"
  exit 1
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

if ! have_version wasm-bindgen "$WASM_BINDGEN"; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN"
  # --locked fails for this version (its lockfile wants a crate the registry lacks)
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN" --force
fi

if ! have_version wasm-pack "$WASM_PACK"; then
  log "installing wasm-pack $WASM_PACK"
  cargo install --locked wasm-pack --version "$WASM_PACK" --force
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  log "installing npm dev tools (binaryen, playwright-core, selenium-webdriver, axe-core)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# The real-framework examples the end-to-end tests run (examples/servers/):
# Django (with Django REST framework) and Flask in a venv, Express and
# Fastify from npm, all pinned
# (Rails, Devise and Laravel come from Debian, below).
# `make demo` does not need them.
servers=examples/servers
if [ "$need_browsers" = 1 ] && { [ ! -x "$servers/.venv/bin/python" ] || [ "$servers/requirements.txt" -nt "$servers/.venv/.installed" ]; }; then
  log "installing the Python example frameworks ($servers/requirements.txt)"
  python3 -m venv "$servers/.venv"
  "$servers/.venv/bin/pip" install --quiet --disable-pip-version-check -r "$servers/requirements.txt"
  touch "$servers/.venv/.installed"
fi
if [ "$need_browsers" = 1 ] && { [ ! -d "$servers/node_modules" ] || [ "$servers/package-lock.json" -nt "$servers/node_modules/.package-lock.json" ]; }; then
  log "installing the Node example frameworks ($servers/package.json)"
  (cd "$servers" && npm ci --no-audit --no-fund --loglevel=error)
fi

if [ "$need_browsers" = 1 ]; then
  missing=()
  # WebKit (Safari's engine) for the cross-engine e2e: WebKitGTK's driver
  # and MiniBrowser, which needs a display: Xvfb. Rails 6.1 (with Devise
  # 4.8, its ORM and SQLite) and Laravel 8 for their example apps (no gem
  # or Composer registry here: Debian packages them).
  for pkg in chromium chromium-driver firefox-esr webkit2gtk-driver xvfb ruby-railties ruby-actionpack ruby-webrick ruby-activerecord ruby-actionmailer ruby-devise ruby-sqlite3 php-cli php-laravel-framework; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    sudo_cmd=""; [ "$(id -u)" = 0 ] || sudo_cmd=sudo
    $sudo_cmd apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  if ! have_version geckodriver "$GECKODRIVER"; then
    log "installing geckodriver $GECKODRIVER"
    cargo install --locked geckodriver --version "$GECKODRIVER" --force
  fi
fi
log "tools ready"

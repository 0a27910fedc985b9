# Shared by build.sh: installing what the build and the tests need on a fresh
# Debian machine, and running test suites with one recap at the end.
# shellcheck shell=bash

step() { printf '\n==> %s\n' "$*"; }
relative() { realpath --relative-to="$ROOT" "$1"; }

# Installs the Debian packages that are missing (only those), refreshing the
# package lists once when they are absent or an install fails on stale lists.
apt_ensure() {
  local missing=() pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  step "apt-get install ${missing[*]}"
  local sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  if [ -z "$(ls -A /var/lib/apt/lists 2>/dev/null | grep -v -e lock -e partial)" ]; then
    $sudo apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" \
    || { $sudo apt-get update -qq && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"; }
}

# The version of a crate as resolved in Cargo.lock.
locked_version() {
  awk -v name="$1" '$1 == "name" && $3 == "\"" name "\"" { getline; gsub(/"/, "", $3); print $3; exit }' "$ROOT/Cargo.lock"
}

# cargo install, unless the command already reports the wanted version.
# Not --locked: crates.io here can lag, and a locked dependency may be missing.
cargo_tool() {
  local bin="$1" crate="$2" version="$3"; shift 3
  if command -v "$bin" >/dev/null 2>&1 && "$bin" --version 2>/dev/null | grep -q " $version"; then
    return 0
  fi
  step "cargo install $crate $version"
  cargo install "$crate" --version "$version" "$@"
}

ensure_build_tools() {
  export PATH="$HOME/.cargo/bin:$PATH"
  command -v cargo >/dev/null || { echo "cargo is required (rustup.rs)" >&2; exit 1; }
  apt_ensure zip unzip gettext
  rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    || rustup target add wasm32-unknown-unknown
  [ -f "$ROOT/Cargo.lock" ] || cargo generate-lockfile
  # The CLI must be exactly the version of the wasm-bindgen crate we link.
  cargo_tool wasm-bindgen wasm-bindgen-cli "$(locked_version wasm-bindgen)"
}

# Packages are asked for by what is missing (a command, a PHP extension), not by
# name: a machine whose Node.js came from elsewhere already has npm, and asking
# Debian for its npm would conflict with that nodejs.
ensure_test_tools() {
  local pkgs=() pair ext
  for pair in php:php-cli phpunit:phpunit node:nodejs npm:npm python3:python3 curl:curl chromium:chromium; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || pkgs+=("${pair#*:}")
  done
  apt_ensure "${pkgs[@]}" fonts-dejavu-core
  pkgs=()
  for ext in mbstring xml curl mysqli zip intl gd bcmath opcache; do
    php -m 2>/dev/null | grep -qi "^\(zend \)\?$ext" || pkgs+=("php-${ext/mysqli/mysql}")
  done
  apt_ensure "${pkgs[@]}"
  # json-from-wast converts the spec suite; validate/print help when debugging.
  cargo_tool wasm-tools wasm-tools 1.263.0 --no-default-features --features json-from-wast,validate,print,parse
}

# run_suites "id|description|command" ... — runs every suite even after a
# failure, logs each to tests/out/logs/ID.log, then prints one recap line per
# suite (its runner's summary, or why it was skipped) and a grand total.
run_suites() {
  local logs="$ROOT/tests/out/logs" entry id desc cmd status failed=()
  mkdir -p "$logs"
  for entry in "$@"; do
    IFS='|' read -r id desc cmd <<<"$entry"
    step "suite $id: $desc"
    set +e
    if [[ "$cmd" == */* ]]; then
      if [ -x "$ROOT/$cmd" ]; then "$ROOT/$cmd"; else echo "missing or not executable: $cmd"; false; fi
    else
      "$cmd"
    fi 2>&1 | tee "$logs/$id.log"
    status=${PIPESTATUS[0]}
    set -e
    [ "$status" -eq 0 ] || failed+=("$id")
    echo "exit $status" >"$logs/$id.status"
  done
  step "recap"
  python3 "$ROOT/tools/summarize.py" "$logs" "$@"
  if [ ${#failed[@]} -gt 0 ]; then
    echo "FAILED suites: ${failed[*]}"
    return 1
  fi
}

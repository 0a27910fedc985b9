#!/usr/bin/env bash
# modulus SMS & Viber for WooCommerce — the only entry point for building and testing.
#
#   ./build.sh         build dist/modulus-sms.zip (installs what it needs on Debian)
#   ./build.sh test    build, then run every test suite
#   ./build.sh bench   build, then print the benchmark table
#
# Everything generated (the .wasm, its JS glue, the PHP translated from it,
# .mo files, the zip) is build output: never committed, always made here.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
# shellcheck source=tools/lib.sh
source "$ROOT/tools/lib.sh"

PLUGIN_SRC="$ROOT/php-plugin"
WASM_NAME="modulus_sms_wasm"
WASM_RAW="$ROOT/target/wasm32-unknown-unknown/release/$WASM_NAME.wasm"
ASSETS_WASM="$PLUGIN_SRC/assets/wasm"
GENERATED_CORE="$PLUGIN_SRC/generated/core"
DIST="$ROOT/dist"

build() {
  ensure_build_tools
  step "cargo build (release: native CLI, translator)"
  cargo build --release --locked -p mmp-core-cli -p wasm2php

  step "cargo build (release: the core as .wasm)"
  cargo build --release --locked -p modulus-sms-wasm --target wasm32-unknown-unknown

  step "wasm-bindgen → $(relative "$ASSETS_WASM")"
  rm -rf "$ASSETS_WASM" && mkdir -p "$ASSETS_WASM"
  wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section --out-dir "$ASSETS_WASM" "$WASM_RAW"

  # The PHP host runs the very .wasm the browser loads (wasm-bindgen's output):
  # one module, two hosts, the same answers.
  rm -rf "$GENERATED_CORE" && mkdir -p "$GENERATED_CORE"
  step "wasm2php → $(relative "$GENERATED_CORE")"
  "$ROOT/target/release/wasm2php" translate "$ASSETS_WASM/${WASM_NAME}_bg.wasm" \
    --out "$GENERATED_CORE" \
    --namespace 'Modulus\Sms\Generated\Core' \
    --runtime-namespace 'Modulus\Sms\Generated\Runtime'

  step "admin scripts → php-plugin/assets/js"
  rm -rf "$PLUGIN_SRC/assets/js" && mkdir -p "$PLUGIN_SRC/assets/js"
  cp -R "$ROOT/js/." "$PLUGIN_SRC/assets/js/"

  step "translations (.po → .mo)"
  local po
  for po in "$PLUGIN_SRC"/languages/*.po; do
    [ -e "$po" ] || continue
    msgfmt --check -o "${po%.po}.mo" "$po"
  done

  pack_zip
}

pack_zip() {
  step "dist/modulus-sms.zip"
  local stage="$DIST/stage"
  rm -rf "$stage" "$DIST/modulus-sms.zip" && mkdir -p "$stage/modulus-sms"
  # The zip holds exactly the plugin folder WordPress's uploader expects.
  (cd "$PLUGIN_SRC" && tar --exclude='*.po~' --exclude='.DS_Store' -cf - .) | tar -xf - -C "$stage/modulus-sms"
  (cd "$stage" && find modulus-sms -print | LC_ALL=C sort | zip -qX "$DIST/modulus-sms.zip" -@)
  rm -rf "$stage"
  echo "built $(relative "$DIST/modulus-sms.zip") ($(du -k "$DIST/modulus-sms.zip" | cut -f1) KiB)"
}

run_tests() {
  ensure_test_tools
  local suites=(
    "rust|cargo test (unit, property, vectors: native)|run_cargo_tests"
    "clippy|cargo clippy -D warnings|run_clippy"
    "wasm|vectors in the .wasm under Node (wasm-bindgen-test)|run_wasm_tests"
    "spec|WebAssembly 2.0 spec suite through wasm2php|tests/spec/run.sh"
    "php-host|core vectors + differential, native vs PHP|tests/php/run.sh"
    "php-versions|spec + vectors on PHP 8.1 and 8.5 (php-wasm)|tests/php-versions/run.sh"
    "php-unit|plugin classes without WordPress|tests/php-unit/run.sh"
    "emulator|mMP emulator contract|tests/emulator/run.sh"
    "i18n|translations complete|tests/i18n/run.sh"
    "integration|plugin on real WordPress + WooCommerce|tests/integration/run.sh"
    "browser|admin screens in headless Chromium|tests/browser/run.sh"
  )
  run_suites "${suites[@]}"
}

run_cargo_tests() { cargo test --workspace --locked 2>&1; }
run_clippy() {
  cargo clippy --workspace --all-targets --locked -- -D warnings 2>&1
  cargo clippy -p modulus-sms-wasm -p mmp-core --target wasm32-unknown-unknown --locked -- -D warnings 2>&1
  echo "clippy: 0 warnings"
}
run_wasm_tests() {
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    cargo test -p modulus-sms-wasm --target wasm32-unknown-unknown --locked 2>&1
}

main() {
  case "${1:-build}" in
    build) build ;;
    test) build && run_tests ;;
    bench) build && ensure_test_tools && "$ROOT/tests/bench/run.sh" ;;
    -h|--help|help) sed -n '2,9p' "$0" ;;
    *) echo "usage: ./build.sh [test|bench]" >&2; exit 2 ;;
  esac
}

main "$@"

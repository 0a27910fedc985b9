#!/usr/bin/env bash
# The WebAssembly 2.0 spec suite through wasm2php: tests/spec/run.sh [file-filter]
# Reads the .wast files in place from $WASM_SPEC_DIR (default: ../shared/wasm-spec-2.0/core beside
# the repo), caches conversions and translations in tests/out/spec/<translator>/, and ends with
# "N passed, N failed, N skipped". Env: WASM2PHP (translator binary), SPEC_JOBS (processes),
# SPEC_PREPARE_ONLY=1 (convert and translate only: what tests/php-versions needs).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
spec_dir="${WASM_SPEC_DIR:-$repo/../shared/wasm-spec-2.0/core}"
filter="${1:-}"

skip() { echo "SKIPPED spec: $*"; exit 0; }

[ -d "$spec_dir" ] || skip "no spec suite at $spec_dir (set WASM_SPEC_DIR)"
command -v php >/dev/null || skip "php is not installed"
wasm_tools="$(command -v wasm-tools || true)"
[ -n "$wasm_tools" ] || [ ! -x "$HOME/.cargo/bin/wasm-tools" ] || wasm_tools="$HOME/.cargo/bin/wasm-tools"
[ -n "$wasm_tools" ] || skip "wasm-tools is not installed (build.sh installs it)"

wasm2php="${WASM2PHP:-}"
if [ -z "$wasm2php" ]; then
    wasm2php="$repo/target/release/wasm2php"
    if [ ! -x "$wasm2php" ]; then
        command -v cargo >/dev/null || skip "cargo is not installed and $wasm2php is missing"
        (cd "$repo" && cargo build --quiet --release -p wasm2php)
    fi
fi

# The runner's own codec and bookkeeping first: a broken runner must not report passes.
php "$here/selftest.php"

# One cache per translator build, so runs with different wasm2php builds (a developer's debug
# build, CI's release build) never mix translations; caches unused for two hours are removed.
cache_root="$repo/tests/out/spec"
cache="$cache_root/$(sha1sum "$wasm2php" | cut -c1-12)"
mkdir -p "$cache" && touch "$cache"
find "$cache_root" -mindepth 1 -maxdepth 1 -type d -mmin +120 ! -path "$cache" -exec rm -rf {} +
if [ -n "${SPEC_PREPARE_ONLY:-}" ]; then
    php -d memory_limit=1G "$here/suite.php" --spec-dir "$spec_dir" --cache "$cache" --wasm-tools "$wasm_tools" \
        --wasm2php "$wasm2php" --jobs "${SPEC_JOBS:-$(nproc 2>/dev/null || echo 2)}" ${filter:+--filter "$filter"} --prepare-only
    echo "prepared: $cache"
    exit 0
fi

jobs="${SPEC_JOBS:-$(nproc 2>/dev/null || echo 2)}"
exec php -d memory_limit=1G "$here/suite.php" --spec-dir "$spec_dir" --cache "$cache" \
    --wasm-tools "$wasm_tools" --wasm2php "$wasm2php" --jobs "$jobs" ${filter:+--filter "$filter"}

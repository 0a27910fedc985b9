#!/usr/bin/env bash
# The spec suite (through wasm2php) and the core vectors (through Core::call) under PHP 8.1 and
# 8.5, using PHP compiled to WebAssembly (npm @php-wasm/node, pinned in package-lock.json).
# The spec files are converted and translated natively first (tests/spec/run.sh's cache).
# Ends with "N passed, N failed, N skipped". Env: PHP_VERSIONS (default "8.1 8.5"),
# SPEC_SUBSET (substring filter of .wast names; default all 90 files).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
skip() { echo "SKIPPED php-versions: $*"; exit 0; }

command -v node >/dev/null || skip "node is not installed"
command -v php >/dev/null || skip "php is not installed (needed to prepare the spec files)"
if [ ! -f "$here/node_modules/@php-wasm/node/package.json" ]; then
    command -v npm >/dev/null || skip "npm is not installed"
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

jobs=()
versions="${PHP_VERSIONS:-8.1 8.5}"
spec_dir="${WASM_SPEC_DIR:-$repo/../shared/wasm-spec-2.0/core}"
prepared="$(SPEC_PREPARE_ONLY=1 "$repo/tests/spec/run.sh" "${SPEC_SUBSET:-}" 2>&1)" || { echo "$prepared"; exit 1; }
if [[ "$prepared" == *"SKIPPED spec: "* ]]; then
    echo "php-versions: spec part skipped (${prepared#*SKIPPED spec: })"
else
    cache="/repo/${prepared##*prepared: $repo/}"
    stems="$(cd "$spec_dir" && ls -- *.wast | sed 's/\.wast$//' | grep -F -- "${SPEC_SUBSET:-}" | tr '\n' ' ')"
    spec_label="spec ($(wc -w <<<"$stems") files)"
    # php-wasm has opcache (with its optimizer) on, as web servers do; run once more without it.
    for v in $versions; do
        jobs+=("$v|$spec_label|tests/spec/runner.php --cache $cache $stems")
        jobs+=("$v|$spec_label, no opcache|-d opcache.enable_cli=0 tests/spec/runner.php --cache $cache $stems")
    done
fi
if [ -f "$repo/php-plugin/generated/core/autoload.php" ]; then
    # Besides the vectors, a slice of the differential corpus recorded with the native core here
    # (php-wasm cannot run it) is replayed: generated inputs with Greek, emoji, DST times, attempts.
    replay=""
    native="$repo/target/release/mmp-core"
    if [[ "$([ -x "$native" ] && "$native" --help 2>/dev/null || true)" == *"mmp-core batch"* ]]; then
        mkdir -p "$repo/tests/out/php-versions"
        php "$repo/tests/php/host.php" --write-corpus "$repo/tests/out/php-versions/corpus.jsonl" --native "$native" \
            --per-op "${REPLAY_PER_OP:-300}"
        replay="--replay /repo/tests/out/php-versions/corpus.jsonl"
        label="core vectors + ${REPLAY_PER_OP:-300} recorded inputs per op"
    else
        label="core vectors (no native mmp-core with batch: no recorded inputs)"
    fi
    for v in $versions; do jobs+=("$v|$label|tests/php/host.php --vectors-only $replay"); done
else
    echo "php-versions: core vectors skipped (the plugin is not built: run ./build.sh)"
fi
[ "${#jobs[@]}" -gt 0 ] || skip "neither the spec prerequisites nor the built plugin are present"

# opcache's optimizer recurses deeply on big generated functions (zend_ssa_rename); inside
# php-wasm that recursion is on Node's stack, so give Node most of the thread's stack.
stack_kb="$(ulimit -s)"
[ "$stack_kb" = unlimited ] && stack_kb=8192
node_stack=$(( stack_kb > 8192 ? 7000 : stack_kb - 1200 ))
exec node --stack-size="$node_stack" "$here/run.mjs" "$repo" "${jobs[@]}"

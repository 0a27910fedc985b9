#!/usr/bin/env bash
# ./build.sh bench: the benchmark table (native, Node, PHP CLI with and without JIT, web request
# under php -S, memory, cold compile) against the targets of issue 3. Needs the built plugin.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
skip() { echo "SKIPPED bench: $*"; exit 0; }

command -v php >/dev/null || skip "php is not installed"
[ -f "$repo/php-plugin/generated/core/autoload.php" ] || skip "the plugin is not built (run ./build.sh)"
native="$repo/target/release/mmp-core"
help="$([ -x "$native" ] && "$native" --help 2>/dev/null || true)"
if [[ "$help" != *"mmp-core bench"* ]]; then
    (cd "$repo" && cargo build --quiet --release --locked -p mmp-core-cli)
fi
node_args=()
if command -v node >/dev/null && [ -f "$repo/php-plugin/assets/wasm/modulus_sms_wasm_bg.wasm" ]; then
    node_args=(--node "$(command -v node)")
fi

exec php "$here/bench.php" --native "$native" "${node_args[@]}" --iterations "${BENCH_ITERATIONS:-300}" --requests "${BENCH_REQUESTS:-200}"

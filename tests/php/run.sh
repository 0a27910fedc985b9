#!/usr/bin/env bash
# The core's PHP host (php-plugin/src/Core) on the shared vectors, then native vs PHP on
# generated inputs (PER_OP per op, default 10000). Needs the built plugin (./build.sh) and
# the native CLI. Ends with "N passed, N failed".
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
skip() { echo "SKIPPED php-host: $*"; exit 0; }

command -v php >/dev/null || skip "php is not installed"
[ -f "$repo/php-plugin/generated/core/autoload.php" ] || skip "the plugin is not built (run ./build.sh)"

native="${MMP_CORE:-$repo/target/release/mmp-core}"
help="$([ -x "$native" ] && "$native" --help 2>/dev/null || true)"
if [ -z "${MMP_CORE:-}" ] && [[ "$help" != *"mmp-core batch"* ]]; then
    command -v cargo >/dev/null || skip "cargo is not installed and $native (with batch) is missing"
    (cd "$repo" && cargo build --quiet --release --locked -p mmp-core-cli)
fi

jobs="${PHP_TEST_JOBS:-$(nproc 2>/dev/null || echo 2)}"
exec php -d memory_limit=512M "$here/host.php" --native "$native" --per-op "${PER_OP:-10000}" --jobs "$jobs" --out "$repo/tests/out/php"

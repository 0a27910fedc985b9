#!/usr/bin/env bash
# statements.sh [op] [top] — copies the plugin's translated core with a counter before every statement,
# runs one call of tests/bench/<op>.json (after a warm-up call) and prints the statements executed per
# generated function, named after the Rust functions (wasm-bindgen run again, keeping the name section).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
op="${1:-plan}"; top="${2:-30}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$work/named" "$repo/target/wasm32-unknown-unknown/release/modulus_sms_wasm.wasm"
wasm-tools print "$work/named/modulus_sms_wasm_bg.wasm" | grep -E '^\s*\(func \$' | awk '{print NR, $2}' > "$work/funcs.txt"
python3 "$here/count_statements.py" "$repo/php-plugin/generated/core" "$work/counted"
php "$here/statements.php" "$work/counted" "$work/funcs.txt" "$op" "$repo/tests/bench/$op.json" | head -$((top + 1))

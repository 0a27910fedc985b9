#!/usr/bin/env bash
# cpu-instructions.sh [op] [calls] — CPU instructions per call of the plugin's translated core under PHP
# (opcache on, JIT off), counted by valgrind: the difference between two runs of php_bench.php, divided
# by the calls it adds (php_bench makes 1 + min(N, 50) + N calls for N iterations, so N + 1 iterations
# instead of 1 add 2 × CALLS calls, CALLS ≤ 49).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
op="${1:-plan}"; calls="${2:-10}"
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 2; }
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null \
    php -d opcache.enable_cli=1 -d opcache.jit=0 -d opcache.jit_buffer_size=0 \
    "$repo/tests/bench/php_bench.php" "$op" "$repo/tests/bench/$op.json" "$1" 2>&1 >/dev/null |
    grep -o 'Collected : [0-9]*' | grep -o '[0-9]*'
}
base="$(count 1)"; more="$(count $((calls + 1)))"
echo "$op: $(( (more - base) / (2 * calls) )) CPU instructions per call"

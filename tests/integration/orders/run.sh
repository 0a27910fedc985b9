#!/usr/bin/env bash
# Order messaging end to end (issue 5) on real WordPress + WooCommerce: the "orders" testsuite of tests/integration.
#   tests/integration/orders/run.sh [phpunit args…]      e.g. --filter RoutingTest
# Same prerequisites and SKIPPED line as tests/integration/run.sh, which does the work.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/../run.sh" --testsuite orders "$@"

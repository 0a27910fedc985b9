#!/usr/bin/env bash
# Self-test of the mMP emulator (Python 3 stdlib only, unittest).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v python3 >/dev/null 2>&1; then
  echo "SKIPPED emulator: python3 not found"
  exit 0
fi
cd "$here"
# -B: leave no __pycache__ in the checkout.
exec python3 -B test_emulator.py

#!/usr/bin/env bash
# Browser tests of the admin screens: headless Debian chromium (playwright-core) against the
# wc-env WordPress + WooCommerce site, with the freshly built plugin installed.
#   tests/browser/run.sh [test files...]
# Needs: the wc-env site (its settings in ${ACC_HOME:-${TMPDIR:-/tmp}/wc-env}/wc-env.env), chromium, node, npm.
# Screenshots: tests/out/browser/*.png
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
export WC_ENV_DIR="${WC_ENV_DIR:-$(cd "$root/.." && pwd)/shared/wc-env}"
export ACC_HOME="${ACC_HOME:-${TMPDIR:-/tmp}/wc-env}"
env_file="$ACC_HOME/wc-env.env"

skip() { echo "SKIPPED browser: $*"; exit 0; }

[[ -f "$env_file" ]] || skip "no wc-env site ($env_file missing; run wc-env/setup.sh)"
[[ -x "$WC_ENV_DIR/wp-php.sh" ]] || skip "wc-env scripts not found at $WC_ENV_DIR (set WC_ENV_DIR)"
# shellcheck disable=SC1090
source "$env_file"
: "${ACC_PORT:=8890}" "${ACC_CHROMIUM:=/usr/bin/chromium}"
export ACC_URL="http://127.0.0.1:$ACC_PORT"
while read -r var; do export "${var?}"; done < <(compgen -v ACC_)

command -v node >/dev/null || skip "node not found"
command -v npm >/dev/null || skip "npm not found"
command -v python3 >/dev/null || skip "python3 not found (the mMP emulator needs it)"
[[ -x "$ACC_CHROMIUM" ]] || skip "chromium not found at $ACC_CHROMIUM"
mkdir -p "$root/tests/out/browser"
# The site's services do not outlive a session (CI starts with none running): setup.sh is idempotent and starts them.
if ! curl -s -o /dev/null --max-time 5 "$ACC_URL/wp-login.php"; then
  "$WC_ENV_DIR/setup.sh" >"$root/tests/out/browser-setup.log" 2>&1 || { tail -30 "$root/tests/out/browser-setup.log"; echo "browser: wc-env setup failed" >&2; exit 1; }
fi

# playwright-core, pinned in package.json; no browser download (the Debian chromium is used).
if [[ ! -f "$here/node_modules/playwright-core/package.json" ]]; then
  (cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --loglevel=error >/dev/null)
fi


# Test the build, not whatever copy the site has: install dist/modulus-sms.zip when it exists.
zip="$root/dist/modulus-sms.zip"
if [[ -f "$zip" && -z "${BROWSER_SKIP_INSTALL:-}" ]]; then
  "$WC_ENV_DIR/install-plugin.sh" --reactivate "$zip" >"$root/tests/out/browser-install.log" 2>&1 \
    || { cat "$root/tests/out/browser-install.log"; echo "browser: installing $zip failed" >&2; exit 1; }
fi
"$WC_ENV_DIR/wp-php.sh" 'exit(is_plugin_active("modulus-sms/modulus-sms.php") ? 0 : 3);' >/dev/null 2>&1 \
  || skip "the plugin is not installed and active on the wc-env site (run ./build.sh first)"

cd "$here"
if [[ $# -gt 0 ]]; then files=("$@"); else files=(*.test.mjs); fi
exec node --test --test-concurrency=1 --test-reporter=spec "${files[@]}"

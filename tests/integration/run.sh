#!/usr/bin/env bash
# The plugin on real WordPress + WooCommerce (wc-env) against the mMP emulator, with PHPUnit.
#
#   tests/integration/run.sh [phpunit args…]     e.g. --testsuite plugin, --filter SettingsRestTest
#
# 1. finds the wc-env site: WP_SRC/WC_SRC exported, or ${ACC_HOME:-${TMPDIR:-/tmp}/wc-env}/wc-env.env
#    (otherwise prints "SKIPPED integration: …" and exits 0);
# 2. runs wc-env/setup.sh (idempotent); installs dist/modulus-sms.zip (or $MODULUS_SMS_ZIP) through WordPress's own
#    upgrader over the installed copy (install-plugin.sh --reactivate), deletes it and checks uninstall.php left nothing
#    (uninstall-check.php; INTEGRATION_SKIP_UNINSTALL=1 skips this), then installs it again on a site without it;
# 3. starts the emulator on 127.0.0.1:8080 (stopped on exit) and runs PHPUnit with the site loaded.
# Runs are serialised with a lock in ACC_HOME: the site and port 8080 are shared.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
wc_env="$(cd "$repo/.." && pwd)/shared/wc-env"
zip="${MODULUS_SMS_ZIP:-$repo/dist/modulus-sms.zip}"
emulator_port=8080
export MMP_TOKEN="${MMP_TOKEN:-emu-token-4321}" MMP_SECRET="${MMP_SECRET:-emu-secret-8765}"
export MMP_EMULATOR_URL="http://127.0.0.1:$emulator_port"

skip() { echo "SKIPPED integration: $*"; exit 0; }
die() { echo "integration: $*" >&2; exit 1; }

[[ -x "$wc_env/setup.sh" ]] || skip "wc-env not found at ../shared/wc-env beside the repository"
state_file="${ACC_HOME:-${TMPDIR:-/tmp}/wc-env}/wc-env.env"
if [[ -z "${WP_SRC:-}" || -z "${WC_SRC:-}" ]] && [[ ! -f "$state_file" ]]; then
  skip "no WordPress/WooCommerce sources (export WP_SRC and WC_SRC, see ../shared/wc-env/README.md)"
fi
command -v python3 >/dev/null || skip "python3 (for the mMP emulator) not found"
[[ -f "$zip" ]] || die "no plugin zip at $zip: run ./build.sh first"

if ! command -v phpunit >/dev/null; then
  if [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null; then
    echo "integration: installing phpunit (Debian package)"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends phpunit >/dev/null \
      || { apt-get update >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends phpunit >/dev/null; }
  fi
  command -v phpunit >/dev/null || skip "phpunit not installed (apt-get install phpunit)"
fi

# shellcheck source=/dev/null
source "$wc_env/lib.sh"   # ACC_HOME, ACC_SITE, ACC_URL, … (exported)
export WC_ENV_DIR="$wc_env"
mkdir -p "$ACC_HOME"
exec 9>"$ACC_HOME/integration-tests.lock"
flock -w 900 9 || die "another integration run holds $ACC_HOME/integration-tests.lock"
# Processes that outlive this run (the site's servers setup.sh starts, the emulator) must not
# inherit fd 9: they would hold the lock after we exit and the next run would wait 15 minutes.

out_dir="${INTEGRATION_OUT:-$ACC_HOME/integration-out}"
mkdir -p "$out_dir"

step() { printf '== %s\n' "$*"; }

step "wc-env setup (log: $out_dir/setup.log)"
"$wc_env/setup.sh" 9>&- >"$out_dir/setup.log" 2>&1 || { tail -40 "$out_dir/setup.log"; die "wc-env setup failed"; }
grep -E '^OK ' "$out_dir/setup.log" || true

install_zip() {  # install_zip LOG [install-plugin.sh flags]: through WordPress's own upgrader, then activate
  local log="$1"; shift
  "$wc_env/install-plugin.sh" "$@" "$zip" >"$log" 2>&1 || { cat "$log"; die "installing the plugin failed (log: $log)"; }
  grep -E '^woo:|install-plugin: OK' "$log" || true
}

step "install $(basename "$zip") over the installed copy (upgrade path; log: $out_dir/install-upgrade.log)"
install_zip "$out_dir/install-upgrade.log" --reactivate

if [[ "${INTEGRATION_SKIP_UNINSTALL:-0}" != 1 ]]; then
  step "delete the plugin from WordPress: uninstall.php must leave nothing behind"
  "$wc_env/wp-php.sh" -f "$here/uninstall-check.php" || die "uninstall check failed"
  step "install $(basename "$zip") on a site without it (first-install path; log: $out_dir/install-fresh.log)"
  install_zip "$out_dir/install-fresh.log" --no-overwrite
fi

emulator_pid=""
stop_emulator() {
  if [[ -n "$emulator_pid" ]] && kill -0 "$emulator_pid" 2>/dev/null; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
}
trap stop_emulator EXIT

step "mMP emulator on 127.0.0.1:$emulator_port"
if curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$emulator_port/"; then
  die "something already listens on 127.0.0.1:$emulator_port (the plugin's safe HTTP calls only allow ports 80, 443 and 8080)"
fi
python3 -B "$repo/tests/emulator/mmp_emulator.py" --port "$emulator_port" \
  --token "$MMP_TOKEN" --secret "$MMP_SECRET" 9>&- >"$out_dir/emulator.log" 2>&1 &
emulator_pid=$!
for _ in $(seq 1 50); do
  curl -s -o /dev/null --max-time 1 "$MMP_EMULATOR_URL/__emulator/health" && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$out_dir/emulator.log"; die "the emulator did not start"; }
  sleep 0.1
done
curl -s -o /dev/null --max-time 1 "$MMP_EMULATOR_URL/__emulator/health" || die "the emulator does not answer"

debug_log="$ACC_LOGS/debug.log"; errors_log="$ACC_LOGS/php-errors.log"
touch "$debug_log" "$errors_log"
debug_from=$(stat -c %s "$debug_log"); errors_from=$(stat -c %s "$errors_log")

step "PHPUnit"
set +e
php -d memory_limit=1024M -d display_errors=stderr -d error_reporting=E_ALL \
  "$(command -v phpunit)" --prepend "$here/load-wordpress.php" -c "$here/phpunit.xml.dist" \
  --log-junit "$out_dir/junit.xml" "$@"
status=$?
set -e

# PHP notices the plugin caused during the run (in web requests and in this process) are failures too.
plugin_notices="$( { tail -c +"$((debug_from + 1))" "$debug_log"; tail -c +"$((errors_from + 1))" "$errors_log"; } \
  | grep -E 'PHP (Fatal error|Parse error|Warning|Notice|Deprecated)' | grep -E 'modulus-sms|Modulus\\Sms' || true)"
if [[ -n "$plugin_notices" ]]; then
  echo "integration: PHP notices from the plugin during the run:"
  echo "$plugin_notices" | head -40
  [[ $status -ne 0 ]] || status=1
fi
exit $status

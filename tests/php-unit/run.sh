#!/usr/bin/env bash
# Unit tests of the plugin's PHP classes that run without WordPress (mMP client mapping, settings validation, the dispatcher's
# route loop against fakes, SQL filter building). Prints PHPUnit's own summary line.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
if ! command -v php >/dev/null 2>&1; then
	echo "SKIPPED php-unit: php is not installed"
	exit 0
fi
phpunit_bin="${PHPUNIT:-$(command -v phpunit || true)}"
if [ -z "$phpunit_bin" ]; then
	echo "SKIPPED php-unit: phpunit is not installed (apt-get install phpunit)"
	exit 0
fi
exec "$phpunit_bin" --configuration "$here/phpunit.xml" "$@"

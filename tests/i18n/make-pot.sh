#!/usr/bin/env bash
# Extracts every translatable string of the plugin's PHP into a .pot (xgettext, WordPress keywords).
#   tests/i18n/make-pot.sh            → rewrites php-plugin/languages/modulus-sms.pot
#   tests/i18n/make-pot.sh OUT.pot    → writes OUT.pot instead (run.sh compares it with the committed one)
# Then merge into the translations: msgmerge --update --backup=none php-plugin/languages/modulus-sms-el.po php-plugin/languages/modulus-sms.pot
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$(cd "$here/../../php-plugin" && pwd)"
out="${1:-$plugin/languages/modulus-sms.pot}"
[[ "$out" == /* ]] || out="$PWD/$out"

list="$(mktemp)"
trap 'rm -f "$list"' EXIT
# Generated code (the translated core) has no strings for people; paths stay relative in the .pot.
(cd "$plugin" && find . -name '*.php' -not -path './generated/*' -not -path './vendor/*' | sed 's#^\./##' | LC_ALL=C sort) >"$list"

cd "$plugin"
version="$(sed -n 's/^ \* Version: *//p' modulus-sms.php | head -n1)"
{
xgettext --language=PHP --from-code=UTF-8 --sort-by-file --add-comments=translators: \
  --package-name='modulus SMS & Viber for WooCommerce' --package-version="$version" \
  --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ --keyword=esc_attr_e \
  --keyword=_x:1,2c --keyword=_ex:1,2c --keyword=esc_html_x:1,2c --keyword=esc_attr_x:1,2c \
  --keyword=_n:1,2 --keyword=_nx:1,2,4c --keyword=_n_noop:1,2 --keyword=_nx_noop:1,2,3c \
  --files-from="$list" --output=- \
  | sed -e 's/^"Content-Type: text\/plain; charset=CHARSET\\n"$/"Content-Type: text\/plain; charset=UTF-8\\n"/' \
        -e '/^"POT-Creation-Date: /d'
# WordPress translates the plugin header too (Plugins screen): its name and description.
for header in 'Plugin Name' 'Description'; do
  value="$(sed -n "s/^ \\* $header: *//p" modulus-sms.php | head -n1)"
  [[ -n "$value" ]] || continue
  printf '\n#. %s of the plugin\n#: modulus-sms.php\nmsgid "%s"\nmsgstr ""\n' "$header" "${value//\"/\\\"}"
done
} >"$out"
msguniq --use-first -o "$out" "$out"
echo "$(grep -c '^msgid "' "$out") msgids (incl. header) → $out"

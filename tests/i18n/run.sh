#!/usr/bin/env bash
# Translations are complete and in step with the code:
#  1. every gettext call in the plugin's PHP uses the text domain 'modulus-sms' (check-domains.php);
#  2. the committed .pot holds every string the PHP has now (a fresh extraction is compared with it);
#  3. each .po compiles with `msgfmt --check` (placeholders kept, plural forms, header) and
#     translates every msgid of the .pot (msgcmp: no missing, empty or fuzzy entry).
# Needs: php, gettext (xgettext, msgfmt, msgcmp, msguniq).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
plugin="$(cd "$here/../../php-plugin" && pwd)"
languages="$plugin/languages"
pot="$languages/modulus-sms.pot"

for tool in php xgettext msgfmt msgcmp msguniq; do
  command -v "$tool" >/dev/null || { echo "SKIPPED i18n: $tool not found (apt-get install gettext php-cli)"; exit 0; }
done
[[ -f "$pot" ]] || { echo "i18n: $pot is missing (run tests/i18n/make-pot.sh)"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# 1. Text domains.
mapfile -t php_files < <(find "$plugin" -name '*.php' -not -path "$plugin/generated/*" -not -path "$plugin/vendor/*" | LC_ALL=C sort)
if ! php "$here/check-domains.php" "${php_files[@]}" >"$work/domains.txt"; then
  sed "s#^$plugin/##" "$work/domains.txt"
  fail "$(wc -l <"$work/domains.txt") gettext call(s) without the 'modulus-sms' text domain"
fi

# 2. The .pot is current: every string of a fresh extraction is in it (msgcmp def ref = ref ⊆ def).
"$here/make-pot.sh" "$work/fresh.pot" >/dev/null
if ! msgcmp --use-untranslated "$pot" "$work/fresh.pot" >"$work/pot.txt" 2>&1; then
  grep -E 'this message is used but not defined' "$work/pot.txt" | sed 's#^#  #' | head -n 20
  fail "modulus-sms.pot is missing strings the PHP uses (run tests/i18n/make-pot.sh, then msgmerge the .po files)"
fi
total="$(msgattrib --no-obsolete "$pot" 2>/dev/null | grep -c '^msgid "' || true)"
total=$((total - 1)) # the header entry

# 3. Every .po: valid, and complete against the .pot.
shopt -s nullglob
pos=("$languages"/*.po)
[[ ${#pos[@]} -gt 0 ]] || fail "no .po files in languages/"
for po in "${pos[@]}"; do
  name="$(basename "$po")"
  if ! msgfmt --check --statistics -o "$work/${name%.po}.mo" "$po" >"$work/stats.txt" 2>&1; then
    sed 's#^#  #' "$work/stats.txt"
    fail "$name does not compile"
    continue
  fi
  if ! msgcmp "$po" "$pot" >"$work/cmp.txt" 2>&1; then
    grep -E 'this message is untranslated|this message needs to be reviewed|this message is used but not defined' "$work/cmp.txt" | sed 's#^#  #' | head -n 20
    fail "$name does not translate every string of the .pot"
  fi
  translated="$(grep -oE '^[0-9]+ translated' "$work/stats.txt" | grep -oE '^[0-9]+' || echo 0)"
  echo "i18n: $name: $translated translated messages for $total strings in the .pot"
done

if [[ $failures -gt 0 ]]; then
  echo "i18n: $failures check(s) failed"
  exit 1
fi
echo "i18n: ok — ${#php_files[@]} PHP files, $total strings, ${#pos[@]} translation(s) complete"

// The printf-style formatting the screens use for translated strings (js/admin/config.js),
// checked in node: translators may reorder positional placeholders.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { format } from '../../js/admin/config.js';

test('sequential and positional placeholders', () => {
  assert.equal(format('%s has %d', 'Maria', 3.7), 'Maria has 3');
  assert.equal(format('%2$s · %1$d', 5, 'GSM-7'), 'GSM-7 · 5');
  assert.equal(format('%1$d χαρακτήρες · %2$s · %3$d SMS (%4$d ανά τμήμα)', 4, 'UCS-2', 1, 70), '4 χαρακτήρες · UCS-2 · 1 SMS (70 ανά τμήμα)');
});

test('a literal percent sign, missing arguments and non-numbers', () => {
  assert.equal(format('100%% sure: %s', 'yes'), '100% sure: yes');
  assert.equal(format('%s and %s', 'one'), 'one and ');
  assert.equal(format('%d parts', 'many'), '0 parts');
});

// Log tab: the message store as a WP_List_Table, with filters and paging.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, wpPhp } from './lib/site.mjs';

const stamp = Date.now().toString(36);
// A phone prefix no other test uses, so the filters see only this file's rows.
const PHONE = `+3069${String(Date.now()).slice(-6)}`;
let session;

before(async () => {
  // 23 SMS test messages + 2 failed Viber order messages for order 4242.
  wpPhp(
    `$repo = new \\Modulus\\Sms\\Messages\\Repository();` +
      `for ($i = 0; $i < 23; $i++) { $repo->create(array('kind' => 'test', 'phone' => '${PHONE}' . ($i % 10), 'channel' => 'sms', 'status' => 'sent', 'text' => 'log ${stamp} #' . $i, 'segments' => 1)); }` +
      `for ($i = 0; $i < 2; $i++) { $repo->create(array('kind' => 'order_status', 'order_id' => 4242, 'phone' => '${PHONE}9', 'channel' => 'viber', 'status' => 'failed', 'error' => 'expired', 'text' => 'log ${stamp} order ' . $i, 'attempts' => array(array('channel' => 'viber', 'outcome' => 'accepted', 'at' => '2026-11-28T10:00:00Z'), array('channel' => 'viber', 'outcome' => 'expired', 'at' => '2026-11-28T10:10:00Z')))); }`,
  );
  session = await openAdmin();
});
after(async () => {
  wpPhp(
    `global $wpdb; $wpdb->query($wpdb->prepare('DELETE FROM %i WHERE text LIKE %s', \\Modulus\\Sms\\Install\\Schema::messages_table(), '%${stamp}%'));`,
  );
  await session?.close();
});

const rowCount = async (page) => page.locator('table.wp-list-table tbody tr:not(.no-items)').count();
const totalItems = async (page) => Number(((await page.locator('.tablenav.top .displaying-num').innerText()).match(/\d+/) || ['0'])[0]);

test('filtering by phone pages through 25 messages, 20 at a time', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('log', { phone: PHONE }));
  assert.equal(await totalItems(page), 25);
  assert.equal(await rowCount(page), 20);
  await screenshot(page, 'log-filtered');
  await visit(session, tabUrl('log', { phone: PHONE, paged: 2 }));
  assert.equal(await rowCount(page), 5);
  assert.deepEqual(view.finish(), []);
});

test('the filter form narrows by kind, status, channel and order', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('log'));
  await page.fill('#modulus-sms-filter-phone', PHONE);
  await page.selectOption('#modulus-sms-filter-kind', 'order_status');
  await page.selectOption('#modulus-sms-filter-status', 'failed');
  await page.selectOption('#modulus-sms-filter-channel', 'viber');
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('#modulus-sms-log-filter')]);
  assert.equal(await rowCount(page), 2);
  const text = await page.locator('table.wp-list-table tbody').innerText();
  assert.match(text, /Order status/);
  assert.match(text, /Failed/);
  assert.match(text, /expired/);
  const attempts = page.locator('table.wp-list-table tbody tr').first().locator('td.column-attempts span');
  assert.equal(await attempts.innerText(), '2');
  assert.equal(await attempts.getAttribute('title'), 'viber: accepted, viber: expired');
  await visit(session, tabUrl('log', { phone: PHONE, order_id: 4242 }));
  assert.equal(await rowCount(page), 2);
  await visit(session, tabUrl('log', { phone: PHONE, kind: 'test', channel: 'viber' }));
  assert.equal(await rowCount(page), 0);
  assert.match(await page.locator('table.wp-list-table tbody').innerText(), /No messages match/);
  assert.deepEqual(view.finish(), []);
});

test('a date range excludes days without messages', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('log', { phone: PHONE, date_from: '2001-01-01', date_to: '2001-01-31' }));
  assert.equal(await rowCount(page), 0);
  const today = wpPhp("echo wp_date('Y-m-d');").trim();
  await visit(session, tabUrl('log', { phone: PHONE, date_from: today, date_to: today }));
  assert.equal(await totalItems(page), 25);
  assert.deepEqual(view.finish(), []);
});

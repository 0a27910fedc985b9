// Every tab of WooCommerce → SMS Settings renders in a real browser: the right tab is active,
// the standard wp-admin markup is there, and nothing went wrong in PHP or JavaScript.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, setSettings } from './lib/site.mjs';

const TABS = [
  ['configuration', 'Configuration', 'form.modulus-sms-settings-form table.form-table'],
  ['test', 'Test SMS', '#modulus-sms-test-form'],
  ['templates', 'Templates', 'table.modulus-sms-templates'],
  ['order-statuses', 'Order Statuses', 'table.modulus-sms-order-statuses'],
  ['back-in-stock', 'Back in Stock', 'form.modulus-sms-settings-form table.form-table'],
  ['consent', 'SMS Consent', 'form.modulus-sms-settings-form table.form-table'],
  ['quiet-hours', 'Quiet Hours', 'form.modulus-sms-settings-form table.form-table'],
  ['log', 'Log', 'table.wp-list-table'],
];

let session;
before(async () => {
  session = await openAdmin();
});
after(async () => {
  await session?.close();
});

for (const [slug, label, body] of TABS) {
  test(`tab "${label}" renders without PHP or JS errors`, async () => {
    const { page } = session;
    const view = await visit(session, tabUrl(slug));
    assert.equal(view.status, 200);
    assert.equal(await page.locator('.wrap h1').first().innerText(), 'SMS Settings');
    assert.equal(await page.locator('.nav-tab-wrapper .nav-tab').count(), TABS.length);
    assert.equal((await page.locator('.nav-tab-wrapper .nav-tab-active').innerText()).trim(), label);
    await page.locator(body).first().waitFor({ state: 'visible' });
    // Let the tab's module load the wasm core and draw its first preview.
    await page.waitForTimeout(300);
    await screenshot(page, `tab-${slug}`);
    assert.deepEqual(view.phpInPage, []);
    assert.deepEqual(view.finish(), []);
  });
}

test('the menu entry sits under WooCommerce and opens the first tab', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl(''));
  const entry = page.locator('#toplevel_page_woocommerce a[href="admin.php?page=modulus-sms"]');
  assert.equal((await entry.innerText()).trim(), 'SMS Settings');
  assert.equal((await page.locator('.nav-tab-active').innerText()).trim(), 'Configuration');
  assert.deepEqual(view.finish(), []);
});

test('an unknown tab falls back to Configuration', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('no-such-tab'));
  assert.equal(view.status, 200);
  assert.equal((await page.locator('.nav-tab-active').innerText()).trim(), 'Configuration');
  assert.deepEqual(view.finish(), []);
});

test('a held queue is explained once, on every tab', async () => {
  const { page } = session;
  setSettings({ held: { reason: 'no_balance', since: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z') } });
  try {
    for (const slug of ['configuration', 'log']) {
      const view = await visit(session, tabUrl(slug));
      const notices = page.locator('.wrap .notice-warning, .notice.modulus-sms-hold-notice');
      assert.equal(await notices.count(), 1, `one hold notice on ${slug}`);
      assert.match(await notices.first().innerText(), /on hold because the mMP account has no balance left/);
      assert.deepEqual(view.finish(), []);
    }
    await screenshot(page, 'held-notice');
  } finally {
    setSettings({ held: null });
  }
  await visit(session, tabUrl('configuration'));
  assert.equal(await page.locator('.wrap .notice-warning').count(), 0);
});

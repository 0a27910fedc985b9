// Order Statuses tab: one row per WooCommerce status, saved with REST PUT order-statuses.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, wpPhp, getSettings, setSettings } from './lib/site.mjs';

const stamp = Date.now().toString(36);
let session;
let templateId;
let original;

before(async () => {
  original = getSettings().order_statuses;
  templateId = Number(
    wpPhp(
      `$t = (new \\Modulus\\Sms\\Templates\\Repository())->create(array('title' => 'Completed ${stamp}', 'body' => 'Hi {first_name}, order {order_number} is complete.', 'context' => 'order'));` +
        `echo is_array($t) ? $t['id'] : 0;`,
    ).trim(),
  );
  assert.ok(templateId > 0, 'test template created');
  session = await openAdmin();
});
after(async () => {
  // Unhook the test template from every status before deleting it (the settings refuse missing templates).
  const release = {};
  for (const [slug, row] of Object.entries(getSettings().order_statuses || {})) {
    if (Number(row.template_id) === templateId || (slug === 'on-hold' && !original?.['on-hold'])) {
      release[slug] = { enabled: false, template_id: 0 };
    }
  }
  if (Object.keys(release).length) setSettings({ order_statuses: release });
  wpPhp(`(new \\Modulus\\Sms\\Templates\\Repository())->delete(${templateId});`);
  await session?.close();
});

test('every WooCommerce status has a row', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('order-statuses'));
  const expected = JSON.parse(wpPhp('echo wp_json_encode(array_keys(wc_get_order_statuses()));')).map((s) => s.replace(/^wc-/, ''));
  const shown = await page.locator('table.modulus-sms-order-statuses tbody tr').evaluateAll((rows) => rows.map((r) => r.dataset.status));
  assert.deepEqual(shown, expected);
  assert.deepEqual(view.finish(), []);
});

test('choosing a template and switching auto-send on is saved', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('order-statuses'));
  const row = page.locator('tr[data-status="completed"]');
  await row.locator('select').selectOption(String(templateId));
  assert.equal(await row.locator('.modulus-sms-template-id').innerText(), String(templateId));
  await row.locator('input[type="checkbox"]').check();
  await page.click('#modulus-sms-order-statuses-save');
  await page.locator('#modulus-sms-order-statuses-result .notice-success').waitFor();
  const saved = getSettings().order_statuses.completed;
  assert.deepEqual([Boolean(saved.enabled), Number(saved.template_id)], [true, templateId]);

  await visit(session, tabUrl('order-statuses'));
  assert.equal(await page.inputValue('tr[data-status="completed"] select'), String(templateId));
  assert.equal(await page.isChecked('tr[data-status="completed"] input[type="checkbox"]'), true);
  await screenshot(page, 'order-statuses-saved');
  assert.deepEqual(view.finish(), []);
});

test('auto-send without a template is refused before anything is sent', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('order-statuses'));
  const row = page.locator('tr[data-status="on-hold"]');
  await row.locator('select').selectOption('0');
  await row.locator('input[type="checkbox"]').check();
  await page.click('#modulus-sms-order-statuses-save');
  await page.locator('#modulus-sms-order-statuses-result .notice-error').waitFor();
  assert.match(await page.locator('#modulus-sms-order-statuses-result').innerText(), /On hold/);
  assert.notEqual(Boolean(getSettings().order_statuses['on-hold']?.enabled), true);
  assert.deepEqual(view.finish(), []);
});

test('a template an order status uses cannot be deleted', async () => {
  const { page } = session;
  assert.equal(Number(getSettings().order_statuses.completed?.template_id), templateId, 'set by the test before');
  const view = await visit(session, tabUrl('templates'));
  // The server refuses with 409; Chromium logs that response as a console error.
  session.expectProblem(/status of 409/);
  page.once('dialog', (dialog) => dialog.accept());
  await page.locator(`#modulus-sms-templates-rows tr[data-id="${templateId}"] .modulus-sms-template-delete`).click();
  await page.locator('#modulus-sms-templates-notice .notice-error').waitFor();
  assert.match(await page.locator('#modulus-sms-templates-notice').innerText(), /still used/);
  assert.equal(await page.locator(`#modulus-sms-templates-rows tr[data-id="${templateId}"]`).count(), 1);
  await screenshot(page, 'templates-delete-refused');
  assert.deepEqual(view.finish(), []);
});

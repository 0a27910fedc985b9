// Back in Stock, SMS Consent and Quiet Hours: forms saved through admin-post.php with their
// nonce, values shown again, validation errors beside the field; the quiet-hours preview
// computed by the core in the browser.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, getSettings, setSettings, wpPhp } from './lib/site.mjs';

let session;
let original;

before(async () => {
  original = getSettings();
  session = await openAdmin();
});
after(async () => {
  setSettings({ quiet_hours: original.quiet_hours, consent: original.consent });
  await session?.close();
});

async function save() {
  const { page } = session;
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.modulus-sms-settings-form #submit')]);
}

test('SMS Consent settings round trip', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('consent'));
  await page.check('#modulus-sms-consent-enabled');
  await page.fill('#modulus-sms-consent-checkbox-text', 'Θέλω ενημερώσεις με SMS');
  await page.uncheck('#modulus-sms-consent-required-for-order-updates');
  await save();
  assert.match(await page.locator('.notice-success').first().innerText(), /Settings saved/);
  assert.equal(await page.inputValue('#modulus-sms-consent-checkbox-text'), 'Θέλω ενημερώσεις με SMS');
  const consent = getSettings().consent;
  assert.deepEqual([consent.enabled, consent.checkbox_text, consent.required_for_order_updates], [true, 'Θέλω ενημερώσεις με SMS', false]);
  await page.fill('#modulus-sms-consent-checkbox-text', '');
  await save();
  assert.ok(await page.locator('#modulus-sms-consent-checkbox-text-error').isVisible(), 'empty text refused beside the field');
  assert.equal(getSettings().consent.checkbox_text, 'Θέλω ενημερώσεις με SMS');
  await screenshot(page, 'consent-validation-error');
  assert.deepEqual(view.finish(), []);
});

test('Back in Stock without a template cannot be switched on', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('back-in-stock'));
  await page.check('#modulus-sms-back-in-stock-enabled');
  await page.selectOption('#modulus-sms-back-in-stock-template-id', '0');
  await save();
  assert.ok(await page.locator('#modulus-sms-back-in-stock-template-id-error').isVisible());
  assert.equal(getSettings().back_in_stock.enabled, false);
  assert.deepEqual(view.finish(), []);
});

test('Back in Stock offers only product templates and saves the choice', async () => {
  const stamp = Date.now().toString(36);
  const ids = JSON.parse(
    wpPhp(
      `$r = new \\Modulus\\Sms\\Templates\\Repository();` +
        `$p = $r->create(array('title' => 'Back ${stamp}', 'body' => '{product_name} is back: {product_url}', 'context' => 'product'));` +
        `$o = $r->create(array('title' => 'Order ${stamp}', 'body' => 'Order {order_number}', 'context' => 'order'));` +
        `echo wp_json_encode(array($p['id'], $o['id']));`,
    ),
  );
  const { page } = session;
  try {
    const view = await visit(session, tabUrl('back-in-stock'));
    const options = await page.locator('#modulus-sms-back-in-stock-template-id option').evaluateAll((o) => o.map((x) => x.value));
    assert.ok(options.includes(String(ids[0])), 'the product template is offered');
    assert.ok(!options.includes(String(ids[1])), 'the order template is not');
    await page.check('#modulus-sms-back-in-stock-enabled');
    await page.uncheck('#modulus-sms-back-in-stock-include-product-link');
    await page.selectOption('#modulus-sms-back-in-stock-template-id', String(ids[0]));
    await save();
    assert.match(await page.locator('.notice-success').first().innerText(), /Settings saved/);
    const stored = getSettings().back_in_stock;
    assert.deepEqual([stored.enabled, stored.include_product_link, Number(stored.template_id)], [true, false, ids[0]]);
    assert.equal(await page.inputValue('#modulus-sms-back-in-stock-template-id'), String(ids[0]));
    await screenshot(page, 'back-in-stock-saved');
    assert.deepEqual(view.finish(), []);
  } finally {
    setSettings({ back_in_stock: { enabled: false, include_product_link: true, template_id: 0 } });
    wpPhp(`$r = new \\Modulus\\Sms\\Templates\\Repository(); $r->delete(${ids[0]}); $r->delete(${ids[1]});`);
  }
});

test('Quiet Hours round trip and the live "would go at" preview', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('quiet-hours'));
  const preview = page.locator('#modulus-sms-quiet-preview');
  // Only zones the core can compute in stay selectable (its tz database is a European subset).
  const zones = page.locator('#modulus-sms-quiet-hours-timezone option');
  await page.waitForFunction(() => !document.querySelector('#modulus-sms-quiet-hours-timezone option[value="America/New_York"]'));
  assert.equal(await zones.filter({ hasText: 'Europe/Athens' }).count(), 1);
  assert.equal(await zones.filter({ hasText: 'Asia/Nicosia' }).count(), 1);
  await page.uncheck('#modulus-sms-quiet-hours-enabled');
  await page.waitForFunction(() => /at once/.test(document.getElementById('modulus-sms-quiet-preview').textContent));

  // A window that surely contains "now": from the current minute until one hour later, in UTC.
  const now = new Date();
  const hhmm = (d) => `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  const start = new Date(now.getTime() - 60000);
  const end = new Date(now.getTime() + 3600000);
  await page.check('#modulus-sms-quiet-hours-enabled');
  await page.selectOption('#modulus-sms-quiet-hours-timezone', 'UTC');
  await page.fill('#modulus-sms-quiet-hours-start', hhmm(start));
  await page.fill('#modulus-sms-quiet-hours-end', hhmm(end));
  await page.waitForFunction(() => /would go at .+\d/.test(document.getElementById('modulus-sms-quiet-preview').textContent));
  // The sentence is localised; the exact moment the core computed is on the element.
  const sendAt = new Date(await preview.getAttribute('data-send-at'));
  assert.equal(hhmm(sendAt), hhmm(end));

  const kind = (value) => page.locator(`input[name="quiet_hours[applies_to][]"][value="${value}"]`);
  for (const value of ['order_status', 'back_in_stock', 'manual']) await kind(value).check();
  await kind('bulk').uncheck();
  await save();
  assert.match(await page.locator('.notice-success').first().innerText(), /Settings saved/);
  const quiet = getSettings().quiet_hours;
  assert.deepEqual([quiet.enabled, quiet.start, quiet.end, quiet.timezone], [true, hhmm(start), hhmm(end), 'UTC']);
  assert.deepEqual([...quiet.applies_to].sort(), ['back_in_stock', 'manual', 'order_status']);
  await screenshot(page, 'quiet-hours-preview');

  await page.fill('#modulus-sms-quiet-hours-end', hhmm(start));
  await kind('manual').uncheck();
  await kind('back_in_stock').uncheck();
  await kind('bulk').check();
  await save();
  assert.ok(await page.locator('#modulus-sms-quiet-hours-end-error').isVisible(), 'same start and end refused beside "Until"');
  // The refused form shows what was typed, lists included, while the stored settings stay.
  assert.equal(await page.inputValue('#modulus-sms-quiet-hours-end'), hhmm(start));
  assert.deepEqual(
    await page.locator('input[name="quiet_hours[applies_to][]"]:checked').evaluateAll((boxes) => boxes.map((b) => b.value).sort()),
    ['bulk', 'order_status'],
  );
  assert.deepEqual([...getSettings().quiet_hours.applies_to].sort(), ['back_in_stock', 'manual', 'order_status']);
  assert.deepEqual(view.finish(), []);
});

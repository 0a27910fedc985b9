// Configuration tab: saving through admin-post.php, the masked API token, validation errors
// beside the field, and "Check connection" against the project's mMP emulator.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, setSettings, getSettings } from './lib/site.mjs';
import { startEmulator, EMULATOR_TOKEN } from './lib/emulator.mjs';

const TOKEN = `tok-${Date.now().toString(36)}-secretpart-wxyz`;
let session;
let emulator;
let original;

before(async () => {
  original = getSettings();
  session = await openAdmin();
  emulator = await startEmulator();
});
after(async () => {
  // Leave the shared site as it was for the next suite (the token only when one was set).
  if (original.api_token) setSettings({ api_token: original.api_token });
  setSettings({
    api_url: original.api_url || 'http://127.0.0.1:8080/api/v1',
    sender_id: original.sender_id || 'ModulusTest',
    routing: original.routing,
    gsm7_transliterate: Boolean(original.gsm7_transliterate),
  });
  await session?.close();
  await emulator?.stop();
});

async function save() {
  const { page } = session;
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.click('form.modulus-sms-settings-form #submit')]);
}

test('settings are saved and shown again', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('configuration'));
  await page.fill('#modulus-sms-api-url', emulator.apiUrl);
  await page.fill('#modulus-sms-sender-id', 'MyShop');
  await page.selectOption('#modulus-sms-routing', 'viber2sms');
  await page.selectOption('#modulus-sms-default-country', 'CY');
  await page.check('#modulus-sms-gsm7-transliterate');
  await page.fill('#modulus-sms-viber-fallback-timeout', '900');
  await save();
  assert.match(await page.locator('.notice-success').first().innerText(), /Settings saved/);
  assert.equal(await page.inputValue('#modulus-sms-sender-id'), 'MyShop');
  assert.equal(await page.inputValue('#modulus-sms-routing'), 'viber2sms');
  assert.equal(await page.inputValue('#modulus-sms-default-country'), 'CY');
  assert.equal(await page.isChecked('#modulus-sms-gsm7-transliterate'), true);
  const stored = getSettings();
  assert.deepEqual(
    [stored.api_url, stored.sender_id, stored.routing, stored.default_country, stored.gsm7_transliterate, Number(stored.viber_fallback_timeout)],
    [emulator.apiUrl, 'MyShop', 'viber2sms', 'CY', true, 900],
  );
  // Unticking is saved too (the hidden "0" field).
  await page.uncheck('#modulus-sms-gsm7-transliterate');
  await page.selectOption('#modulus-sms-default-country', 'GR');
  await save();
  assert.equal(getSettings().gsm7_transliterate, false);
  await screenshot(page, 'configuration-saved');
  assert.deepEqual(view.finish(), []);
});

test('the API token is never printed; an empty field keeps it, a new value replaces it', async () => {
  setSettings({ api_token: TOKEN });
  const { page } = session;
  const view = await visit(session, tabUrl('configuration'));
  assert.equal(await page.inputValue('#modulus-sms-api-token'), '');
  assert.equal(await page.getAttribute('#modulus-sms-api-token', 'placeholder'), '••••wxyz');
  assert.ok(!(await page.content()).includes(TOKEN.slice(0, -4)), 'the token is not in the HTML');
  await save();
  assert.equal(getSettings().api_token, TOKEN, 'an empty field keeps the stored token');
  await page.fill('#modulus-sms-api-token', EMULATOR_TOKEN);
  await save();
  assert.equal(getSettings().api_token, EMULATOR_TOKEN);
  assert.equal(await page.inputValue('#modulus-sms-api-token'), '');
  assert.deepEqual(view.finish(), []);
});

test('an invalid Sender ID is refused with the message beside the field', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('configuration'));
  const before = getSettings().sender_id;
  await page.fill('#modulus-sms-sender-id', 'TooLongSender1');
  await save();
  assert.match(await page.locator('.notice-error').first().innerText(), /not saved/);
  const error = page.locator('#modulus-sms-sender-id-error');
  assert.match(await error.innerText(), /Sender ID/);
  assert.equal(await page.getAttribute('#modulus-sms-sender-id', 'aria-invalid'), 'true');
  assert.equal(await page.inputValue('#modulus-sms-sender-id'), 'TooLongSender1', 'what was typed is shown again');
  assert.equal(getSettings().sender_id, before, 'nothing was stored');
  await screenshot(page, 'configuration-validation-error');
  assert.deepEqual(view.finish(), []);
});

test('"Check connection" shows the mMP balance, or the exact error', async () => {
  setSettings({ api_url: emulator.apiUrl, api_token: EMULATOR_TOKEN });
  const { page } = session;
  const view = await visit(session, tabUrl('configuration'));
  await page.click('#modulus-sms-check-connection');
  const result = page.locator('#modulus-sms-connection-result');
  await page.waitForFunction(() => /Connected|failed/.test(document.getElementById('modulus-sms-connection-result').textContent));
  assert.match(await result.innerText(), /^Connected\. Balance: 100(\.0+)? EUR$/);
  await screenshot(page, 'configuration-check-connection');

  setSettings({ api_token: 'wrong-token-0000' });
  // The REST route reports mMP's refusal as an error status (502: the upstream refused);
  // Chromium logs that response as a console error.
  session.expectProblem(/status of (4|5)\d\d|^HTTP 5\d\d .*\/modulus-sms\/v1\/balance$/);
  await page.click('#modulus-sms-check-connection');
  await page.waitForFunction(() => /failed/.test(document.getElementById('modulus-sms-connection-result').textContent));
  assert.match(await result.innerText(), /^Connection failed: .*(token|unauthori[sz]ed|401)/i);
  assert.deepEqual(view.finish(), []);
});

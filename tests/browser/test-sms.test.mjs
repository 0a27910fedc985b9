// Test SMS tab: the live segment counter (the core in the browser) and an immediate send that
// reaches the project's mMP emulator, with the outcome or the exact error shown.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, setSettings, getSettings, wpPhp } from './lib/site.mjs';
import { startEmulator, emulatorRequests, EMULATOR_TOKEN } from './lib/emulator.mjs';

// A number no customer of the wc-env site has, so these test messages never show up in an order's history.
const LOCAL_NUMBER = '6955512345';
const E164_NUMBER = '+306955512345';
let session;
let emulator;
let original;

before(async () => {
  original = getSettings();
  emulator = await startEmulator();
  session = await openAdmin();
});
after(async () => {
  // Leave the shared site as it was for the next suite (the token only when one was set).
  if (original.api_token) setSettings({ api_token: original.api_token });
  setSettings({ api_url: original.api_url || 'http://127.0.0.1:8080/api/v1', gsm7_transliterate: Boolean(original.gsm7_transliterate) });
  // The test messages this file sent are rows of the real message log: remove them.
  wpPhp(
    `global $wpdb; $wpdb->query($wpdb->prepare('DELETE FROM %i WHERE kind = %s AND phone = %s', \\Modulus\\Sms\\Install\\Schema::messages_table(), 'test', '${E164_NUMBER}'));`,
  );
  await session?.close();
  await emulator?.stop();
});

test('the segment counter follows the text', async () => {
  setSettings({ gsm7_transliterate: false });
  const { page } = session;
  const view = await visit(session, tabUrl('test'));
  const counter = page.locator('#modulus-sms-test-counter');
  await page.locator('#modulus-sms-test-text').pressSequentially('Hello');
  await page.waitForFunction(() => document.getElementById('modulus-sms-test-counter').dataset.units === '5');
  assert.equal(await counter.getAttribute('data-encoding'), 'gsm7');
  assert.match(await counter.innerText(), /^5 characters · GSM-7 · 1 SMS \(160 per part\)$/);
  // The euro sign is in GSM-7's extension table: it costs two.
  await page.locator('#modulus-sms-test-text').pressSequentially(' €');
  await page.waitForFunction(() => document.getElementById('modulus-sms-test-counter').dataset.units === '8');
  await page.fill('#modulus-sms-test-text', 'Καλημέρα');
  await page.waitForFunction(() => document.getElementById('modulus-sms-test-counter').dataset.encoding === 'ucs2');
  assert.match(await counter.innerText(), /^8 characters · Unicode \(UCS-2\) · 1 SMS \(70 per part\)$/);
  await page.fill('#modulus-sms-test-text', 'a'.repeat(161));
  await page.waitForFunction(() => document.getElementById('modulus-sms-test-counter').dataset.segments === '2');
  assert.match(await counter.innerText(), /153 per part/);
  assert.deepEqual(view.finish(), []);
});

test('the number is shown as it will be dialled, or why it is not a number', async () => {
  setSettings({ default_country: 'GR' });
  const { page } = session;
  const view = await visit(session, tabUrl('test'));
  const shown = page.locator('#modulus-sms-test-to-normalized');
  await page.locator('#modulus-sms-test-to').pressSequentially('69 1234 5678');
  await page.waitForFunction(() => /\+30/.test(document.getElementById('modulus-sms-test-to-normalized').textContent));
  assert.equal(await shown.innerText(), 'Will be sent to +306912345678');
  await page.fill('#modulus-sms-test-to', '210 123 4567');
  await page.waitForFunction(() => /\+302101234567/.test(document.getElementById('modulus-sms-test-to-normalized').textContent));
  assert.match(await shown.innerText(), /does not look like a mobile number/);
  await page.fill('#modulus-sms-test-to', '69');
  await page.waitForFunction(() => document.getElementById('modulus-sms-test-to-normalized').classList.contains('is-error'));
  assert.match(await shown.innerText(), /not a valid phone number/);
  assert.deepEqual(view.finish(), []);
});

test('a test message is sent at once and its id and segments are shown', async () => {
  setSettings({ api_url: emulator.apiUrl, api_token: EMULATOR_TOKEN, sender_id: 'MyShop', routing: 'sms' });
  const { page } = session;
  const view = await visit(session, tabUrl('test'));
  await page.fill('#modulus-sms-test-to', LOCAL_NUMBER);
  await page.fill('#modulus-sms-test-text', 'Test from the browser suite');
  await page.click('#modulus-sms-test-send');
  const result = page.locator('#modulus-sms-test-result .notice');
  await page.locator('#modulus-sms-test-result .notice-success, #modulus-sms-test-result .notice-error').waitFor();
  assert.match(await result.innerText(), /^Sent\. Message id: m_[0-9a-f]+, segments: 1$/);
  await screenshot(page, 'test-sms-sent');
  const log = await emulatorRequests(emulator);
  // Only this test's send: messages queued by other suites may reach the same emulator through Action Scheduler.
  const sends = (log.requests || log).filter(
    (r) => r.method === 'POST' && /\/messages$/.test(r.path) && JSON.stringify(r.body).includes('Test from the browser suite'),
  );
  assert.equal(sends.length, 1);
  const body = typeof sends[0].body === 'string' ? JSON.parse(sends[0].body) : sends[0].body;
  assert.equal(body.to, E164_NUMBER, 'the local number was normalised with the default country');
  assert.equal(body.text, 'Test from the browser suite');
  assert.deepEqual(view.finish(), []);
});

test('a refused send shows the exact error', async () => {
  setSettings({ api_url: emulator.apiUrl, api_token: 'not-the-right-token' });
  const { page } = session;
  const view = await visit(session, tabUrl('test'));
  // mMP's refusal comes back as an error status of the REST route (502: the upstream refused).
  session.expectProblem(/status of (4|5)\d\d|^HTTP 5\d\d .*\/modulus-sms\/v1\/test$/);
  await page.fill('#modulus-sms-test-to', E164_NUMBER);
  await page.fill('#modulus-sms-test-text', 'Should not go');
  await page.click('#modulus-sms-test-send');
  await page.locator('#modulus-sms-test-result .notice-error').waitFor();
  assert.match(await page.locator('#modulus-sms-test-result').innerText(), /^Not sent: .*(token|unauthori[sz]ed|401)/i);
  await screenshot(page, 'test-sms-error');
  assert.deepEqual(view.finish(), []);
});

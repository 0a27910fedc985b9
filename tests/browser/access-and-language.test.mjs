// Who may open the screen, and the screen in Greek: a shop manager whose profile language is
// Greek sees the plugin's own translation (languages/modulus-sms-el.mo); a customer is refused.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, wpPhp, setSettings, SITE_URL } from './lib/site.mjs';

const MANAGER = { user: 'modulus-sms-el-manager', pass: 'el-manager-pass-1' };

before(() => {
  // The counter and preview below are for SMS without the Greek→GSM-7 conversion.
  setSettings({ gsm7_transliterate: false });
  // A separate user, so that switching its language cannot change what other suites see as admin.
  wpPhp(
    `$u = get_user_by('login', '${MANAGER.user}');` +
      `$id = $u ? $u->ID : wp_insert_user(array('user_login' => '${MANAGER.user}', 'user_pass' => '${MANAGER.pass}', 'user_email' => 'el-manager@example.test', 'role' => 'shop_manager'));` +
      `wp_set_password('${MANAGER.pass}', $id); update_user_meta($id, 'locale', 'el'); echo $id;`,
  );
});
after(() => {
  wpPhp(`require_once ABSPATH . 'wp-admin/includes/user.php'; $u = get_user_by('login', '${MANAGER.user}'); if ($u) { wp_delete_user($u->ID); }`);
});

test('a Greek-speaking shop manager gets every tab in Greek', async () => {
  const session = await openAdmin(MANAGER);
  try {
    const { page } = session;
    const view = await visit(session, tabUrl('configuration'));
    assert.equal(view.status, 200);
    assert.equal(await page.locator('.wrap h1').first().innerText(), 'Ρυθμίσεις SMS');
    const tabs = await page.locator('.nav-tab-wrapper .nav-tab').allInnerTexts();
    assert.deepEqual(tabs.map((t) => t.trim()), [
      'Διαμόρφωση', 'Δοκιμαστικό SMS', 'Πρότυπα', 'Καταστάσεις παραγγελιών',
      'Ξανά σε απόθεμα', 'Συγκατάθεση SMS', 'Ώρες ησυχίας', 'Αρχείο καταγραφής',
    ]);
    assert.equal(await page.locator('label[for="modulus-sms-sender-id"]').innerText(), 'Αναγνωριστικό αποστολέα');
    await screenshot(page, 'greek-configuration');
    // Strings handed to the browser modules are translated too.
    await visit(session, tabUrl('test'));
    await page.locator('#modulus-sms-test-text').fill('Γεια');
    await page.waitForFunction(() => document.getElementById('modulus-sms-test-counter').dataset.units === '4');
    assert.match(await page.locator('#modulus-sms-test-counter').innerText(), /^4 χαρακτήρες · Unicode \(UCS-2\) · 1 SMS \(70 ανά τμήμα\)$/);
    await visit(session, tabUrl('templates'));
    await page.click('#modulus-sms-template-add');
    assert.equal(await page.locator('#modulus-sms-template-dialog-title').innerText(), 'Προσθήκη προτύπου');
    await page.locator('#modulus-sms-template-body').fill('{first_name}');
    await page.waitForFunction(() => document.getElementById('modulus-sms-template-preview').textContent === 'Μαρία');
    await screenshot(page, 'greek-template-editor');
    assert.deepEqual(view.finish(), []);
  } finally {
    await session.close();
  }
});

test('a customer cannot open the screen or post its forms', async () => {
  const session = await openAdmin({ user: process.env.ACC_CUSTOMER_USER || 'customer', pass: process.env.ACC_CUSTOMER_PASS || 'customer-pass' });
  try {
    const { page } = session;
    // WordPress refuses (403) or WooCommerce sends the customer to My account; either way no form.
    await page.goto(tabUrl('configuration'));
    assert.equal(await page.locator('#modulus-sms-api-url').count(), 0);
    assert.equal(await page.locator('.nav-tab-wrapper').count(), 0);
    await page.evaluate(async (url) => {
      const body = new URLSearchParams({ action: 'modulus_sms_save_settings', tab: 'configuration', sender_id: 'Hacked' });
      await fetch(url, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
    }, `${SITE_URL}/wp-admin/admin-post.php`);
    assert.notEqual(wpPhp("echo (new \\Modulus\\Sms\\Settings\\Settings())->get()['sender_id'];").trim(), 'Hacked');
  } finally {
    await session.close();
  }
});

test('an admin form without its nonce is refused', async () => {
  const session = await openAdmin();
  try {
    const { page } = session;
    await page.goto(tabUrl('configuration'));
    const status = await page.evaluate(async (url) => {
      const body = new URLSearchParams({ action: 'modulus_sms_save_settings', tab: 'configuration', sender_id: 'NoNonce' });
      const r = await fetch(url, { method: 'POST', body, credentials: 'same-origin', redirect: 'manual' });
      return r.status;
    }, `${SITE_URL}/wp-admin/admin-post.php`);
    assert.equal(status, 403);
    assert.notEqual(wpPhp("echo (new \\Modulus\\Sms\\Settings\\Settings())->get()['sender_id'];").trim(), 'NoNonce');
  } finally {
    await session.close();
  }
});

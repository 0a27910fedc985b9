// The template editor: live preview and segment counter computed by the wasm core as you type
// (Greek included), the variable picker, saving through REST and the server's validation error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openAdmin, visit, screenshot } from './lib/browser.mjs';
import { tabUrl, setSettings, wpPhp } from './lib/site.mjs';

const stamp = Date.now().toString(36);
let session;

before(async () => {
  session = await openAdmin();
});
after(async () => {
  // Templates this file made and did not delete itself (a failed run) must not pile up.
  wpPhp(
    `$repo = new \\Modulus\\Sms\\Templates\\Repository();` +
      `foreach ($repo->all() as $t) { if (str_contains($t['title'], '${stamp}')) { $repo->delete((int) $t['id']); } }`,
  );
  setSettings({ gsm7_transliterate: false });
  await session?.close();
});

async function openEditor() {
  const { page } = session;
  await page.click('#modulus-sms-template-add');
  await page.locator('#modulus-sms-template-dialog').waitFor({ state: 'visible' });
}

/** Waits until the stats line reports `units` and returns its data. */
async function statsAfterTyping(units) {
  const { page } = session;
  const stats = page.locator('#modulus-sms-template-stats');
  await page.waitForFunction((n) => document.getElementById('modulus-sms-template-stats').dataset.units === String(n), units);
  return {
    encoding: await stats.getAttribute('data-encoding'),
    units: Number(await stats.getAttribute('data-units')),
    segments: Number(await stats.getAttribute('data-segments')),
    preview: await page.locator('#modulus-sms-template-preview').innerText(),
  };
}

test('typing Greek updates the preview and counter with the GSM-7 conversion on', async () => {
  setSettings({ gsm7_transliterate: true });
  const { page } = session;
  const view = await visit(session, tabUrl('templates'));
  await openEditor();
  const body = page.locator('#modulus-sms-template-body');
  await body.pressSequentially('Γεια σου ');
  let stats = await statsAfterTyping(9);
  assert.equal(stats.encoding, 'gsm7');
  await body.pressSequentially('Μαρία!');
  stats = await statsAfterTyping(15);
  assert.deepEqual({ encoding: stats.encoding, units: stats.units, segments: stats.segments }, { encoding: 'gsm7', units: 15, segments: 1 });
  // Converted: capitals, no accents, Greek capitals that look Latin written as Latin letters.
  assert.equal(stats.preview, 'ΓEIA ΣOY MAPIA!');
  assert.match(await page.locator('#modulus-sms-template-stats').innerText(), /GSM-7 · 1 SMS · 15 units/);
  await screenshot(page, 'template-editor-greek-gsm7');
  await page.click('#modulus-sms-template-cancel');
  assert.deepEqual(view.finish(), []);
});

test('without the conversion the same Greek text is UCS-2', async () => {
  setSettings({ gsm7_transliterate: false });
  const { page } = session;
  const view = await visit(session, tabUrl('templates'));
  await openEditor();
  await page.locator('#modulus-sms-template-body').pressSequentially('Γεια σου Μαρία!');
  const stats = await statsAfterTyping(15);
  assert.deepEqual({ encoding: stats.encoding, segments: stats.segments }, { encoding: 'ucs2', segments: 1 });
  assert.equal(stats.preview, 'Γεια σου Μαρία!');
  // 71 UCS-2 characters no longer fit one part of 70 (lower-case α is not in GSM-7; capital Γ would be).
  await page.locator('#modulus-sms-template-body').fill('α'.repeat(71));
  const long = await statsAfterTyping(71);
  assert.equal(long.segments, 2);
  await page.click('#modulus-sms-template-cancel');
  assert.deepEqual(view.finish(), []);
});

test('the variable picker inserts {var} at the cursor and the preview fills in sample data', async () => {
  setSettings({ gsm7_transliterate: false });
  const { page } = session;
  const view = await visit(session, tabUrl('templates'));
  await openEditor();
  const body = page.locator('#modulus-sms-template-body');
  await body.fill('Hello !');
  await body.evaluate((el) => el.setSelectionRange(6, 6));
  await page.click('#modulus-sms-template-variables button[data-variable="first_name"]');
  assert.equal(await body.inputValue(), 'Hello {first_name}!');
  await page
    .waitForFunction(() => document.getElementById('modulus-sms-template-preview').textContent.includes('Maria'))
    .catch(() => {});
  assert.equal(await page.locator('#modulus-sms-template-preview').innerText(), 'Hello Maria!');
  // Product templates offer product variables, not order ones.
  await page.selectOption('#modulus-sms-template-context', 'product');
  await page.locator('#modulus-sms-template-variables button[data-variable="product_name"]').waitFor();
  assert.equal(await page.locator('#modulus-sms-template-variables button[data-variable="order_number"]').count(), 0);
  await screenshot(page, 'template-editor-variables');
  await page.click('#modulus-sms-template-cancel');
  assert.deepEqual(view.finish(), []);
});

test('a saved template is listed, survives a reload, can be edited and deleted', async () => {
  const { page } = session;
  const title = `Shipped ${stamp}`;
  const view = await visit(session, tabUrl('templates'));
  await openEditor();
  await page.fill('#modulus-sms-template-title', title);
  await page.locator('#modulus-sms-template-body').fill('Γεια {first_name}, η παραγγελία #{order_number} στάλθηκε.');
  await page.click('#modulus-sms-template-save');
  await page.locator('#modulus-sms-template-dialog').waitFor({ state: 'hidden' });
  const row = page.locator('#modulus-sms-templates-rows tr', { hasText: title });
  await row.waitFor();
  await page.locator('#modulus-sms-templates-notice .notice-success').waitFor();
  const id = Number(await row.getAttribute('data-id'));
  assert.ok(id > 0, 'the new row carries the id the server gave');

  await visit(session, tabUrl('templates'));
  const reloaded = page.locator(`#modulus-sms-templates-rows tr[data-id="${id}"]`);
  assert.match(await reloaded.innerText(), new RegExp(title));
  assert.match(await reloaded.innerText(), /Γεια \{first_name\}/);
  await screenshot(page, 'templates-list');

  await reloaded.locator('.modulus-sms-template-edit').click();
  assert.equal(await page.locator('#modulus-sms-template-dialog-title').innerText(), `Edit template #${id}`);
  assert.equal(await page.locator('#modulus-sms-template-title').inputValue(), title);
  await page.fill('#modulus-sms-template-title', `${title} (edited)`);
  await page.click('#modulus-sms-template-save');
  await page.locator('#modulus-sms-template-dialog').waitFor({ state: 'hidden' });
  await page.locator(`#modulus-sms-templates-rows tr[data-id="${id}"]`, { hasText: '(edited)' }).waitFor();

  page.once('dialog', (dialog) => dialog.accept());
  await page.locator(`#modulus-sms-templates-rows tr[data-id="${id}"] .modulus-sms-template-delete`).click();
  await page.locator(`#modulus-sms-templates-rows tr[data-id="${id}"]`).waitFor({ state: 'detached' });
  await visit(session, tabUrl('templates'));
  assert.equal(await page.locator(`#modulus-sms-templates-rows tr[data-id="${id}"]`).count(), 0);
  assert.deepEqual(view.finish(), []);
});

test('an unknown variable is flagged live and the server refuses it beside the body', async () => {
  const { page } = session;
  const view = await visit(session, tabUrl('templates'));
  // The server answers the save with 400; Chromium logs that response as a console error.
  session.expectProblem(/status of 400/);
  await openEditor();
  await page.fill('#modulus-sms-template-title', `Broken ${stamp}`);
  await page.locator('#modulus-sms-template-body').fill('Hi {bogus}');
  const warning = page.locator('#modulus-sms-template-warning');
  await warning.waitFor({ state: 'visible' });
  assert.match(await warning.innerText(), /bogus/);
  await page.click('#modulus-sms-template-save');
  const error = page.locator('#modulus-sms-template-body-error');
  await error.waitFor({ state: 'visible' });
  assert.match(await error.innerText(), /bogus/);
  assert.equal(await page.locator('#modulus-sms-template-body').getAttribute('aria-invalid'), 'true');
  assert.ok(await page.locator('#modulus-sms-template-dialog').isVisible(), 'the dialog stays open');
  await screenshot(page, 'template-editor-server-error');
  await page.click('#modulus-sms-template-cancel');
  assert.equal(await page.locator('#modulus-sms-templates-rows tr', { hasText: `Broken ${stamp}` }).count(), 0);
  assert.deepEqual(view.finish(), []);
});

test('titles and bodies are shown as text, never as markup', async () => {
  setSettings({ gsm7_transliterate: false });
  const { page } = session;
  const title = `<img src=x onerror="window.__pwned=1"> ${stamp}`;
  const view = await visit(session, tabUrl('templates'));
  await openEditor();
  await page.fill('#modulus-sms-template-title', title);
  await page.locator('#modulus-sms-template-body').fill('<b>{first_name}</b> & co');
  await page.waitForFunction(() => document.getElementById('modulus-sms-template-preview').textContent.includes('Maria'));
  assert.equal(await page.locator('#modulus-sms-template-preview b').count(), 0, 'the preview is text');
  await page.click('#modulus-sms-template-save');
  await page.locator('#modulus-sms-template-dialog').waitFor({ state: 'hidden' });
  for (const when of ['after saving', 'after a reload']) {
    const row = page.locator('#modulus-sms-templates-rows tr', { hasText: stamp }).last();
    assert.equal(await row.locator('img, b').count(), 0, `no markup in the row ${when}`);
    // (The server may strip tags from a title; what it keeps is shown as text.)
    assert.match(await row.innerText(), /<b>\{first_name\}<\/b> & co/);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    if (when === 'after saving') await visit(session, tabUrl('templates'));
  }
  assert.deepEqual(view.finish(), []);
});

// Headless Debian chromium driven by playwright-core, logged in to wp-admin, with every
// JavaScript problem of the page collected so a test can fail on it.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { SITE_URL, ADMIN_USER, ADMIN_PASS, OUT_DIR, logCursor, newLogProblems, phpErrorsInHtml } from './site.mjs';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

// Requests to the internet fail here by design (no network); they are not the plugin's errors.
const OFFLINE = /ERR_NAME_NOT_RESOLVED|ERR_INTERNET_DISCONNECTED|ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE/;

/**
 * A logged-in wp-admin session: { page, problems, expectProblem(re), close() }.
 * Defaults to the site's admin; `user`/`pass` log in as someone else.
 */
export async function openAdmin({ user = ADMIN_USER, pass = ADMIN_PASS } = {}) {
  const profile = fs.mkdtempSync(path.join(process.env.TMPDIR || os.tmpdir(), 'modulus-sms-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.ACC_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    locale: 'en-US',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
  const page = context.pages()[0] || (await context.newPage());
  page.setDefaultTimeout(15000);
  const problems = [];
  const expected = [];
  const note = (text) => {
    if (expected.some((re) => re.test(text))) return;
    problems.push(text);
    // Printed at once too, so a test that times out still shows why.
    console.log(`# browser: ${text}`);
  };
  page.on('pageerror', (error) => note(`js error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' || OFFLINE.test(message.text())) return;
    note(`console error: ${message.text().slice(0, 300)} (${message.location().url || 'inline'})`);
  });
  page.on('response', (response) => {
    if (response.url().startsWith(SITE_URL) && response.status() >= 500) note(`HTTP ${response.status()} ${response.url()}`);
  });

  await page.goto(`${SITE_URL}/wp-login.php`, { waitUntil: 'domcontentloaded' });
  await page.fill('#user_login', user);
  await page.fill('#user_pass', pass);
  await Promise.all([page.waitForNavigation({ waitUntil: 'domcontentloaded' }), page.click('#wp-submit')]);
  if (/wp-login\.php/.test(page.url())) throw new Error('login failed');

  return {
    page,
    problems,
    /** Lets a problem matching `re` pass until the next visit (an error status the test provokes on purpose). */
    expectProblem(re) {
      expected.push(re);
    },
    forgetExpectedProblems() {
      expected.length = 0;
    },
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens `url` and returns what went wrong there: HTTP status, PHP errors in the page or in the
 * site's logs, JavaScript errors (collected until the caller's checks are done: call `finish`).
 */
export async function visit(session, url) {
  session.forgetExpectedProblems();
  const cursor = logCursor();
  const before = session.problems.length;
  let response = await session.page.goto(url, { waitUntil: 'load' });
  // Other suites reinstall the plugin on the same site (deactivate → activate); for that second
  // our admin page does not exist and WordPress answers 403. Such a visit is retried, and only
  // the problems of the final attempt count; a real permission bug still fails every attempt.
  for (let attempt = 1; attempt < 6 && response && response.status() === 403 && (await pluginMomentarilyMissing(session.page)); attempt++) {
    await session.page.waitForTimeout(1500);
    session.problems.length = before;
    response = await session.page.goto(url, { waitUntil: 'load' });
  }
  await session.page.waitForLoadState('networkidle', { timeout: 10000 }).catch(() => {});
  const html = await session.page.content();
  return {
    status: response ? response.status() : 0,
    phpInPage: phpErrorsInHtml(html),
    /** Every problem since the visit began: JS errors and this plugin's log lines. */
    finish() {
      const logs = newLogProblems(cursor);
      for (const line of logs.other) console.log(`# note (not from this plugin): ${line}`);
      return [...session.problems.slice(before), ...logs.ours];
    },
  };
}

/** WordPress's "not allowed" page for an admin page no active plugin registered. */
async function pluginMomentarilyMissing(page) {
  const text = await page.locator('body').innerText().catch(() => '');
  return /not allowed to access this page/i.test(text) && /page=modulus-sms/.test(page.url());
}

/** Saves a full-page screenshot as tests/out/browser/<name>.png. */
export async function screenshot(page, name) {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const file = path.join(OUT_DIR, `${name}.png`);
  // From the top: a full-page shot of a scrolled page draws the fixed admin bar mid-page.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

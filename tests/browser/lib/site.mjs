// The wc-env site under test: its URL and logs, the plugin's screen URLs, and PHP run inside the site.
// run.sh exports the wc-env settings (ACC_*) before node starts.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export const ROOT = path.resolve(here, '..', '..', '..');
export const OUT_DIR = path.join(ROOT, 'tests', 'out', 'browser');
export const SITE_URL = process.env.ACC_URL || `http://127.0.0.1:${process.env.ACC_PORT || 8890}`;
export const ADMIN_USER = process.env.ACC_ADMIN_USER || 'admin';
export const ADMIN_PASS = process.env.ACC_ADMIN_PASS || 'admin-pass';
export const WC_ENV_DIR = process.env.WC_ENV_DIR || path.resolve(ROOT, '..', 'shared', 'wc-env');
const LOG_DIR = path.join(process.env.ACC_HOME || path.join(process.env.TMPDIR || '/tmp', 'wc-env'), 'logs');

/** The SMS Settings screen, one tab (plus query arguments). */
export function tabUrl(tab, args = {}) {
  const query = new URLSearchParams({ page: 'modulus-sms', ...(tab ? { tab } : {}), ...args });
  return `${SITE_URL}/wp-admin/admin.php?${query}`;
}

/**
 * Runs PHP inside the loaded site (wc-env's wp-php.sh) and returns its stdout. When another suite
 * is reinstalling the plugin at that moment its classes are briefly missing: that is retried.
 */
export function wpPhp(code) {
  for (let attempt = 1; ; attempt++) {
    try {
      return execFileSync(path.join(WC_ENV_DIR, 'wp-php.sh'), [code], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const reinstalling = /Class "Modulus\\Sms\\[^"]+" not found/.test(String(error.stderr || ''));
      if (!reinstalling || attempt >= 5) throw error;
      execFileSync('sleep', ['1.5']);
    }
  }
}

/** Replaces part of the plugin settings through the plugin's own Settings class; throws on a validation error. */
export function setSettings(partial) {
  const json = JSON.stringify(partial).replace(/\\/g, '\\\\').replace(/'/g, "\\'");
  const out = wpPhp(
    `$r = (new \\Modulus\\Sms\\Settings\\Settings())->update(json_decode('${json}', true));` +
      `echo is_wp_error($r) ? 'ERROR ' . $r->get_error_message() : 'OK';`,
  );
  if (!out.includes('OK')) throw new Error(`settings update failed: ${out}`);
}

/** The stored plugin settings (raw option merged with defaults). */
export function getSettings() {
  return JSON.parse(wpPhp('echo wp_json_encode((new \\Modulus\\Sms\\Settings\\Settings())->get());'));
}

const LOGS = ['debug.log', 'php-errors.log', 'notices.jsonl'];

/** Where each site log ends now; `newLogProblems` reads what was written after. */
export function logCursor() {
  const cursor = {};
  for (const name of LOGS) {
    const file = path.join(LOG_DIR, name);
    cursor[name] = fs.existsSync(file) ? fs.statSync(file).size : 0;
  }
  return cursor;
}

/**
 * PHP notices, warnings, errors and `_doing_it_wrong` calls logged since `cursor` that come from
 * this plugin. Other engineers' jobs share the site, so lines without the plugin's path or name
 * are returned separately as `other` (reported, not failed on).
 */
export function newLogProblems(cursor) {
  const ours = [];
  const other = [];
  for (const name of LOGS) {
    const file = path.join(LOG_DIR, name);
    if (!fs.existsSync(file)) continue;
    const size = fs.statSync(file).size;
    const from = size < cursor[name] ? 0 : cursor[name];
    if (size === from) continue;
    const fd = fs.openSync(file, 'r');
    const buffer = Buffer.alloc(size - from);
    fs.readSync(fd, buffer, 0, buffer.length, from);
    fs.closeSync(fd);
    for (const line of buffer.toString('utf8').split('\n')) {
      if (!line.trim()) continue;
      (/modulus[-_ ]?sms|Modulus\\\\?Sms/i.test(line) ? ours : other).push(`${name}: ${line.slice(0, 400)}`);
    }
  }
  return { ours, other };
}

/** PHP error output printed into a page (the site logs errors, but a plugin could still echo one). */
export function phpErrorsInHtml(html) {
  const found = html.match(/<b>(?:Notice|Warning|Deprecated|Fatal error|Parse error)<\/b>:[^\n]{0,200}|There has been a critical error[^<]{0,100}/g);
  return found || [];
}

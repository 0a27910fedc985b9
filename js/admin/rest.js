// The plugin's REST routes (modulus-sms/v1), authenticated by the logged-in user's cookie
// plus the `wp_rest` nonce, as WordPress requires for cookie authentication.

import { config, t } from './config.js';

/** A REST reply with an error status; `field` names the setting or input at fault. */
export class RestError extends Error {
  constructor(message, code, status, field) {
    super(message);
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

/** Message text without markup (WordPress's fatal-error handler answers with HTML in `message`). */
function plain(message) {
  const text = new DOMParser().parseFromString(String(message), 'text/html').body.textContent || '';
  return text.replace(/\s+/g, ' ').trim();
}

/** Calls `method path` with an optional JSON body; resolves to the parsed JSON reply. */
export async function rest(method, path, body) {
  const { root, nonce } = config().rest;
  const init = {
    method,
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-WP-Nonce': nonce },
  };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json; charset=utf-8';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(root + path.replace(/^\//, ''), init);
  } catch {
    throw new RestError(t('requestFailed'), 'network', 0, '');
  }
  let data = null;
  try {
    data = await response.json();
  } catch {
    data = null;
  }
  if (!response.ok) {
    const info = data && typeof data === 'object' ? data : {};
    const details = info.data && typeof info.data === 'object' ? info.data : {};
    throw new RestError(plain(info.message || '') || `HTTP ${response.status}`, info.code || 'http_error', response.status, details.field || '');
  }
  return data;
}

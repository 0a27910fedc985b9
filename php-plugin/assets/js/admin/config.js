// Start-up data the PHP side prints for the open tab's module
// (WordPress's `script_module_data_{id}` filter: a JSON <script> per module).

let cached = null;

/** The data of this screen: { rest:{root,nonce}, wasm:{glue,binary}, i18n:{…}, tab:{…} }. */
export function config() {
  if (cached) return cached;
  const node = document.querySelector('script[type="application/json"][id^="wp-script-module-data-@modulus-sms/"]');
  let data = {};
  if (node) {
    try {
      data = JSON.parse(node.textContent || '{}');
    } catch {
      data = {};
    }
  }
  cached = {
    rest: data.rest || { root: '', nonce: '' },
    wasm: data.wasm || { glue: '', binary: '' },
    i18n: data.i18n || {},
    tab: data.tab || {},
  };
  return cached;
}

/** A translated string of the screen (`tab.i18n` first, then the common ones), or the key. */
export function t(key) {
  const c = config();
  const own = c.tab.i18n || {};
  if (Object.prototype.hasOwnProperty.call(own, key)) return own[key];
  if (Object.prototype.hasOwnProperty.call(c.i18n, key)) return c.i18n[key];
  return key;
}

/**
 * printf-style placeholders as WordPress translators write them: `%s`, `%d`, and positional
 * `%1$s`/`%2$d`. `%%` is a literal percent sign.
 */
export function format(pattern, ...args) {
  let next = 0;
  return String(pattern).replace(/%(?:(\d+)\$)?([sd%])/g, (match, position, type) => {
    if (type === '%') return '%';
    const index = position ? Number(position) - 1 : next++;
    const value = args[index];
    if (value === undefined || value === null) return '';
    return type === 'd' ? String(Math.trunc(Number(value)) || 0) : String(value);
  });
}

// Small DOM helpers shared by the screens: notices in wp-admin's markup and the segment counter line.

import { t, format } from './config.js';

/** Replaces the content of `container` with a standard inline notice. */
export function showNotice(container, type, message) {
  if (!container) return;
  container.replaceChildren();
  if (!message) return;
  const notice = document.createElement('div');
  notice.className = `notice notice-${type} inline`;
  const p = document.createElement('p');
  p.textContent = message;
  notice.append(p);
  container.append(notice);
}

/** The counter line for a `segments` result of the core. */
export function counterText(result) {
  const encoding = result.encoding === 'gsm7' ? t('gsm7') : t('ucs2');
  return format(t('counter'), result.units, encoding, result.segments, result.per_segment);
}

/** Marks a form field invalid with the message beside it ('' clears it). */
export function setFieldError(input, errorNode, message) {
  if (errorNode) {
    errorNode.textContent = message || '';
    errorNode.hidden = !message;
  }
  if (input) {
    if (message) input.setAttribute('aria-invalid', 'true');
    else input.removeAttribute('aria-invalid');
  }
}

/** Runs `fn` at most once per animation-ish interval after the last call (typing). */
export function debounce(fn, wait = 120) {
  let timer = 0;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}

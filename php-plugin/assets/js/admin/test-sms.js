// Test SMS tab: the segment counter, where the number will really go (E.164, by the core),
// and the immediate send through REST `POST test` with its outcome.

import { config, t, format } from './config.js';
import { coreCall } from './core.js';
import { rest } from './rest.js';
import { showNotice, debounce } from './ui.js';
import { attachSegmentCounter } from './segment-counter.js';

/**
 * The outcome line of a `POST test` reply: `{ok, provider_id, segments, outcome, error, …}`
 * (a refused send arrives as a REST error instead and is shown by the caller).
 */
function outcomeMessage(reply) {
  const r = reply && typeof reply === 'object' ? reply : {};
  if (r.ok === false || r.error) {
    return { ok: false, text: format(t('failed'), r.error || r.outcome || t('unknown')) };
  }
  return { ok: true, text: format(t('sent'), r.provider_id || r.id || t('unknown'), r.segments ?? t('unknown')) };
}

/** Shows the E.164 form of the typed number (or why it is not a phone number). */
function attachPhonePreview(input, output, country) {
  let generation = 0;
  const update = async () => {
    const mine = ++generation;
    const phone = input.value.trim();
    let text = '';
    let failed = false;
    if (phone) {
      try {
        const normalized = await coreCall('normalize_phone', { phone, country });
        text = format(t(normalized.mobile ? 'sendsTo' : 'sendsToLandline'), normalized.e164);
      } catch (error) {
        failed = true;
        text = error.message || t('coreUnavailable');
      }
    }
    if (mine !== generation) return;
    output.textContent = text;
    output.classList.toggle('is-error', failed);
  };
  input.addEventListener('input', debounce(update, 120));
}

function init() {
  const form = document.getElementById('modulus-sms-test-form');
  if (!form) return;
  const to = form.querySelector('#modulus-sms-test-to');
  const text = form.querySelector('#modulus-sms-test-text');
  const channel = form.querySelector('#modulus-sms-test-channel');
  const button = form.querySelector('#modulus-sms-test-send');
  const result = document.getElementById('modulus-sms-test-result');

  attachSegmentCounter(text, document.getElementById('modulus-sms-test-counter'), Boolean(config().tab.transliterate));
  attachPhonePreview(to, document.getElementById('modulus-sms-test-to-normalized'), config().tab.defaultCountry || '');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!to.value.trim()) return showNotice(result, 'error', t('missingTo'));
    if (!text.value.trim()) return showNotice(result, 'error', t('missingText'));
    const body = { to: to.value.trim(), text: text.value };
    if (channel.value) body.channel = channel.value;
    button.disabled = true;
    showNotice(result, 'info', t('sending'));
    try {
      const outcome = outcomeMessage(await rest('POST', 'test', body));
      showNotice(result, outcome.ok ? 'success' : 'error', outcome.text);
    } catch (error) {
      showNotice(result, 'error', format(t('failed'), error.message));
    } finally {
      button.disabled = false;
    }
  });
}

init();

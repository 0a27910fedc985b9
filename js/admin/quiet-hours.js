// Quiet Hours tab: "a message due now would go at …", computed by the core's `quiet_hours` op
// from the values in the form (before they are saved).

import { config, t, format } from './config.js';
import { coreCall, CoreError } from './core.js';
import { debounce } from './ui.js';

/** Now, as the core reads times: RFC 3339 UTC with whole seconds. */
function nowUtc() {
  return new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatIn(timezone, iso) {
  const options = { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit', timeZone: timezone, timeZoneName: 'short' };
  try {
    return new Intl.DateTimeFormat(config().tab.locale || undefined, options).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short' }).format(new Date(iso)); // an unknown zone: the browser's own
  }
}

/**
 * Leaves in the time zone list only the zones the core can compute in (its build carries a subset
 * of the tz database); the server validates with the core the same way. The selected zone stays.
 */
async function pruneTimezones(select) {
  const probe = { now: nowUtc(), quiet: { enabled: true, start: '00:00', end: '00:01' } };
  for (const option of [...select.options]) {
    if (option.selected) continue;
    try {
      await coreCall('quiet_hours', { ...probe, timezone: option.value });
    } catch (error) {
      if (!(error instanceof CoreError)) throw error; // no core at all: keep the list as it is
      option.remove();
    }
  }
}

function init() {
  const output = document.getElementById('modulus-sms-quiet-preview');
  if (!output) return;
  const field = (id) => document.getElementById(id);
  const enabled = field('modulus-sms-quiet-hours-enabled');
  const start = field('modulus-sms-quiet-hours-start');
  const end = field('modulus-sms-quiet-hours-end');
  const timezone = field('modulus-sms-quiet-hours-timezone');
  let generation = 0;

  const update = async () => {
    const mine = ++generation;
    const input = {
      now: nowUtc(),
      timezone: timezone.value,
      quiet: { enabled: enabled.checked, start: start.value, end: end.value },
    };
    let text;
    let sendAt = '';
    let failed = false;
    try {
      const decision = await coreCall('quiet_hours', input);
      sendAt = decision.send_at || '';
      text = decision.deferred ? format(t('deferred'), formatIn(timezone.value, decision.send_at)) : t('immediate');
    } catch (error) {
      failed = true;
      text = format(t('invalid'), error.message || t('coreUnavailable'));
    }
    if (mine !== generation) return; // a newer change already answered
    output.textContent = text;
    output.dataset.sendAt = sendAt;
    output.classList.toggle('is-error', failed);
  };

  const debounced = debounce(update, 80);
  for (const input of [enabled, start, end, timezone]) {
    input.addEventListener('input', debounced);
    input.addEventListener('change', debounced);
  }
  pruneTimezones(timezone).catch(() => {}).finally(update);
  // "Now" moves: keep the sentence true while the page stays open.
  setInterval(update, 60000);
}

init();

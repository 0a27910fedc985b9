// The live segment counter under a message textarea: encoding, length and SMS parts as the
// core computes them (the server counts with the same .wasm, so the numbers agree).

import { t } from './config.js';
import { coreCall } from './core.js';
import { counterText, debounce } from './ui.js';

/**
 * Keeps `counter` showing the encoding and segment count of `textarea`'s text, as the core
 * computes it for SMS (with the Greek→GSM-7 conversion when `transliterate` is on).
 */
export function attachSegmentCounter(textarea, counter, transliterate) {
  let generation = 0;
  const update = async () => {
    const mine = ++generation;
    const text = textarea.value;
    try {
      const result = await coreCall('segments', { text, transliterate });
      if (mine !== generation) return; // a newer keystroke already answered
      counter.textContent = counterText(result);
      counter.dataset.encoding = result.encoding;
      counter.dataset.units = String(result.units);
      counter.dataset.segments = String(result.segments);
      counter.classList.remove('is-error');
    } catch {
      if (mine !== generation) return;
      counter.textContent = t('coreUnavailable');
      counter.classList.add('is-error');
    }
  };
  const debounced = debounce(update, 60);
  textarea.addEventListener('input', debounced);
  return update();
}

// The "modulus SMS" box on the order screen: live preview of a template with this order's data
// (rendered by the wasm core, the same code the server runs), segment counter, send now, history, resend.

import { config, t, format } from './config.js';
import { coreCall } from './core.js';
import { rest } from './rest.js';
import { showNotice, counterText, debounce } from './ui.js';

/** One id per composed message: a double click or a retried request stays one message. */
function newRequestId() {
  if (globalThis.crypto && typeof globalThis.crypto.randomUUID === 'function') return globalThis.crypto.randomUUID();
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The reply line for a sent (or skipped) message row. */
function outcomeLine(row) {
  const status = row && row.status ? row.status : '';
  if (['skipped', 'failed', 'held'].includes(status)) {
    return { type: 'error', text: format(t('notSent'), row.error || row.reason || status) };
  }
  return { type: 'success', text: format(t('outcome'), status, row.channel || row.routing || '') };
}

function init() {
  const box = document.getElementById('modulus-sms-order-box');
  if (!box) return;
  const { tab } = config();
  const orderId = Number(box.dataset.orderId || tab.orderId);
  const templateSelect = box.querySelector('#modulus-sms-box-template');
  const channelSelect = box.querySelector('#modulus-sms-box-channel');
  const textarea = box.querySelector('#modulus-sms-box-text');
  const preview = box.querySelector('#modulus-sms-box-preview');
  const counter = box.querySelector('#modulus-sms-box-counter');
  const sendButton = box.querySelector('#modulus-sms-box-send');
  const result = box.querySelector('#modulus-sms-box-result');
  const history = box.querySelector('#modulus-sms-box-history');
  const templates = new Map((tab.templates || []).map((tpl) => [String(tpl.id), tpl]));
  let requestId = newRequestId();
  let generation = 0;

  const showCounter = async (text) => {
    const seg = await coreCall('segments', { text, transliterate: Boolean(tab.transliterate) });
    counter.textContent = counterText(seg);
    counter.dataset.encoding = seg.encoding;
    counter.dataset.segments = String(seg.segments);
  };

  const update = async () => {
    const mine = ++generation;
    const template = templates.get(templateSelect.value);
    textarea.disabled = Boolean(template);
    try {
      if (template) {
        const rendered = await coreCall('render', { template: template.body, context: 'order', vars: tab.vars || {} });
        if (mine !== generation) return;
        preview.hidden = false;
        preview.textContent = rendered.text;
        if (Array.isArray(rendered.unknown_vars) && rendered.unknown_vars.length) {
          const warning = document.createElement('p');
          warning.className = 'modulus-sms-unknown-vars';
          warning.textContent = `${t('unknownVars')} ${rendered.unknown_vars.join(', ')}`;
          preview.append(warning);
        }
        await showCounter(rendered.text);
      } else {
        preview.hidden = true;
        preview.textContent = '';
        await showCounter(textarea.value);
      }
      counter.classList.remove('is-error');
    } catch (error) {
      if (mine !== generation) return;
      counter.textContent = error && error.code ? `${error.code}: ${error.message}` : t('coreUnavailable');
      counter.classList.add('is-error');
    }
  };

  const replaceHistory = (reply) => {
    if (reply && typeof reply.html === 'string') history.innerHTML = reply.html;
  };

  const send = async () => {
    const templateId = Number(templateSelect.value || 0);
    const text = textarea.value;
    if (!templateId && !text.trim()) {
      showNotice(result, 'error', t('emptyMessage'));
      return;
    }
    sendButton.disabled = true;
    showNotice(result, 'info', t('sending'));
    try {
      const reply = await rest('POST', `orders/${orderId}/messages`, {
        template_id: templateId,
        text: templateId ? '' : text,
        channel: channelSelect.value,
        request_id: requestId,
      });
      const line = outcomeLine(reply.message);
      showNotice(result, line.type, line.text);
      replaceHistory(reply);
      requestId = newRequestId();
      if (!templateId) textarea.value = '';
      update();
    } catch (error) {
      showNotice(result, 'error', error.message);
    } finally {
      sendButton.disabled = false;
    }
  };

  const resend = async (button) => {
    button.disabled = true;
    try {
      const reply = await rest('POST', `messages/${button.dataset.messageId}/resend`, { request_id: newRequestId() });
      const line = outcomeLine(reply.message);
      showNotice(result, line.type, line.text);
      replaceHistory(reply);
    } catch (error) {
      showNotice(result, 'error', error.message);
      button.disabled = false;
    }
  };

  templateSelect.addEventListener('change', update);
  textarea.addEventListener('input', debounce(update, 80));
  sendButton.addEventListener('click', send);
  history.addEventListener('click', (event) => {
    const button = event.target.closest('.modulus-sms-resend');
    if (button) resend(button);
  });
  update();
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
else init();

// Order Statuses tab: saves every row with REST `PUT order-statuses`.

import { t, format } from './config.js';
import { rest } from './rest.js';
import { showNotice } from './ui.js';

/** The rows as the REST route takes them. */
function collect(rows) {
  return rows.map((row) => ({
    status: row.dataset.status,
    label: row.dataset.label,
    enabled: row.querySelector('.modulus-sms-status-enabled').checked,
    template_id: Number(row.querySelector('.modulus-sms-status-template').value) || 0,
  }));
}

function init() {
  const form = document.getElementById('modulus-sms-order-statuses-form');
  if (!form) return;
  const rows = [...form.querySelectorAll('tbody tr[data-status]')];
  const result = document.getElementById('modulus-sms-order-statuses-result');
  const button = document.getElementById('modulus-sms-order-statuses-save');

  // The "Template ID" column follows the select.
  for (const row of rows) {
    const select = row.querySelector('.modulus-sms-status-template');
    select.addEventListener('change', () => {
      row.querySelector('.modulus-sms-template-id').textContent = Number(select.value) > 0 ? select.value : '—';
    });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const items = collect(rows);
    const missing = items.find((item) => item.enabled && !item.template_id);
    if (missing) {
      showNotice(result, 'error', format(t('templateMissing'), missing.label));
      return;
    }
    button.disabled = true;
    showNotice(result, 'info', t('saving'));
    try {
      await rest('PUT', 'order-statuses', items);
      showNotice(result, 'success', t('saved'));
    } catch (error) {
      showNotice(result, 'error', format(t('failed'), error.message));
    } finally {
      button.disabled = false;
    }
  });
}

init();

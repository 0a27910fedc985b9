// Configuration tab: "Check connection" asks mMP for the balance through REST `GET balance`.

import { t, format } from './config.js';
import { rest } from './rest.js';

function init() {
  const button = document.getElementById('modulus-sms-check-connection');
  const output = document.getElementById('modulus-sms-connection-result');
  if (!button || !output) return;

  button.addEventListener('click', async () => {
    button.disabled = true;
    output.className = '';
    output.textContent = t('checking');
    try {
      const reply = await rest('GET', 'balance');
      output.className = 'modulus-sms-ok';
      output.textContent = format(t('balance'), reply.balance, reply.currency || '');
    } catch (error) {
      output.className = 'modulus-sms-error';
      output.textContent = format(t('failed'), error.message);
    } finally {
      button.disabled = false;
    }
  });
}

init();

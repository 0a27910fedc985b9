// Templates tab: the list's add/edit/delete and the editor dialog with its variable picker and
// live preview. The preview (rendered text, encoding, segments) comes from the wasm core; saving
// goes to REST, where the server validates with the same core and names the field at fault.

import { config, t, format } from './config.js';
import { coreCall, CoreError, loadCore } from './core.js';
import { rest } from './rest.js';
import { showNotice, setFieldError, debounce } from './ui.js';

const data = config().tab;
const templates = new Map((data.templates || []).map((row) => [Number(row.id), row]));
const contexts = data.contexts || {};
const samples = data.samples || {};
const transliterate = Boolean(data.transliterate);

const $ = (id) => document.getElementById(id);
const dialog = $('modulus-sms-template-dialog');
const form = $('modulus-sms-template-form');
const heading = $('modulus-sms-template-dialog-title');
const title = $('modulus-sms-template-title');
const context = $('modulus-sms-template-context');
const body = $('modulus-sms-template-body');
const picker = $('modulus-sms-template-variables');
const preview = $('modulus-sms-template-preview');
const stats = $('modulus-sms-template-stats');
const warning = $('modulus-sms-template-warning');
const saveButton = $('modulus-sms-template-save');
const listNotice = $('modulus-sms-templates-notice');
const rows = $('modulus-sms-templates-rows');

let editingId = 0;
let previewGeneration = 0;

/** The variable names of a context: the core's list when it offers one, else the sample names. */
async function variableNames(name) {
  try {
    const reply = await coreCall('variables', { context: name });
    if (Array.isArray(reply.variables)) return reply.variables.map((v) => (typeof v === 'string' ? v : v.name));
  } catch {
    // A core without the op (or not loaded: the preview says so) still leaves the sample names.
  }
  return Object.keys(samples[name] || {});
}

let pickerGeneration = 0;

async function fillPicker() {
  const mine = ++pickerGeneration;
  const names = await variableNames(context.value);
  if (mine !== pickerGeneration) return; // the context changed again meanwhile
  picker.replaceChildren();
  if (!names.length) {
    picker.textContent = t('noVariables');
    return;
  }
  for (const name of names) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button-small modulus-sms-variable';
    button.dataset.variable = name;
    button.textContent = `{${name}}`;
    picker.append(button);
  }
}

/** Puts `{name}` where the cursor is (replacing a selection) and refreshes the preview. */
function insertVariable(name) {
  const start = body.selectionStart ?? body.value.length;
  const end = body.selectionEnd ?? start;
  body.focus();
  body.setRangeText(`{${name}}`, start, end, 'end');
  body.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Renders the body with sample data and counts it as the SMS would go out (one core call). */
async function updatePreview() {
  const mine = ++previewGeneration;
  const template = body.value;
  if (!template) {
    preview.textContent = t('previewEmpty');
    preview.classList.add('is-empty');
    stats.textContent = '';
    delete stats.dataset.encoding;
    warning.hidden = true;
    return;
  }
  let view;
  try {
    const rendered = await coreCall('render', { template, context: context.value, vars: samples[context.value] || {}, transliterate });
    const unknown = Array.isArray(rendered.unknown_vars) ? rendered.unknown_vars : [];
    view = { text: rendered.sms_text ?? rendered.text, counted: rendered, warning: unknown.length ? format(t('unknownVars'), unknown.join(', ')) : '' };
  } catch (error) {
    view = { text: '', counted: null, warning: error instanceof CoreError ? error.message : t('coreUnavailable') };
  }
  if (mine !== previewGeneration) return; // a newer keystroke already answered
  preview.classList.remove('is-empty');
  preview.textContent = view.text;
  if (view.counted) {
    const encoding = view.counted.encoding === 'gsm7' ? t('gsm7') : t('ucs2');
    stats.textContent = format(t('previewStats'), encoding, view.counted.segments, view.counted.units);
    stats.dataset.encoding = view.counted.encoding;
    stats.dataset.units = String(view.counted.units);
    stats.dataset.segments = String(view.counted.segments);
  } else {
    stats.textContent = '';
    delete stats.dataset.encoding;
  }
  warning.textContent = view.warning;
  warning.hidden = !view.warning;
}

function clearErrors() {
  setFieldError(title, $('modulus-sms-template-title-error'), '');
  setFieldError(body, $('modulus-sms-template-body-error'), '');
}

async function open(row) {
  editingId = row ? Number(row.id) : 0;
  heading.textContent = row ? format(t('editTitle'), row.id) : t('addTitle');
  title.value = row ? row.title : '';
  context.value = row && contexts[row.context] ? row.context : Object.keys(contexts)[0] || 'order';
  body.value = row ? row.body : '';
  clearErrors();
  dialog.showModal();
  title.focus();
  await Promise.all([fillPicker(), updatePreview()]);
}

/** A list row built from a saved template (text only, never HTML). */
function buildRow(row) {
  const tr = document.createElement('tr');
  tr.dataset.id = String(row.id);
  const cell = (className, text, wrap) => {
    const td = document.createElement('td');
    td.className = className;
    const inner = document.createElement(wrap);
    if (wrap === 'span') inner.className = 'modulus-sms-body';
    inner.textContent = text;
    td.append(inner);
    tr.append(td);
    return td;
  };
  const id = document.createElement('td');
  id.className = 'column-id';
  id.textContent = String(row.id);
  tr.append(id);
  cell('column-title', row.title, 'strong');
  cell('column-body', row.body, 'span');
  const ctx = document.createElement('td');
  ctx.className = 'column-context';
  ctx.textContent = contexts[row.context] || row.context;
  tr.append(ctx);
  const actions = document.createElement('td');
  actions.className = 'column-actions';
  for (const [className, label] of [['modulus-sms-template-edit', t('edit')], ['button-link-delete modulus-sms-template-delete', t('delete')]]) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = `button button-small ${className}`;
    button.textContent = label;
    actions.append(button, ' ');
  }
  tr.append(actions);
  return tr;
}

function showInList(row) {
  templates.set(Number(row.id), row);
  rows.querySelector('tr.no-items')?.remove();
  const fresh = buildRow(row);
  const existing = rows.querySelector(`tr[data-id="${Number(row.id)}"]`);
  if (existing) existing.replaceWith(fresh);
  else rows.append(fresh);
}

async function save(event) {
  event.preventDefault(); // a method="dialog" form would close the dialog
  clearErrors();
  if (!title.value.trim()) {
    setFieldError(title, $('modulus-sms-template-title-error'), t('titleRequired'));
    title.focus();
    return;
  }
  const payload = { title: title.value.trim(), body: body.value, context: context.value };
  saveButton.disabled = true;
  const label = saveButton.textContent;
  saveButton.textContent = t('saving');
  try {
    const saved = editingId ? await rest('PUT', `templates/${editingId}`, payload) : await rest('POST', 'templates', payload);
    showInList({ ...payload, ...(saved || {}), id: Number((saved && saved.id) || editingId) });
    dialog.close();
    showNotice(listNotice, 'success', t('saved'));
  } catch (error) {
    const onTitle = error.field === 'title';
    setFieldError(onTitle ? title : body, $(onTitle ? 'modulus-sms-template-title-error' : 'modulus-sms-template-body-error'), error.message);
    (onTitle ? title : body).focus();
  } finally {
    saveButton.disabled = false;
    saveButton.textContent = label;
  }
}

async function remove(id) {
  const row = templates.get(id);
  if (!window.confirm(format(t('confirmDelete'), row ? row.title : `#${id}`))) return;
  try {
    await rest('DELETE', `templates/${id}`);
    templates.delete(id);
    rows.querySelector(`tr[data-id="${id}"]`)?.remove();
    if (!rows.querySelector('tr')) {
      const tr = document.createElement('tr');
      tr.className = 'no-items';
      const td = document.createElement('td');
      td.colSpan = 5;
      td.textContent = t('empty');
      tr.append(td);
      rows.append(tr);
    }
    showNotice(listNotice, 'success', t('deleted'));
  } catch (error) {
    showNotice(listNotice, 'error', error.message);
  }
}

function init() {
  if (!dialog || !rows) return;
  $('modulus-sms-template-add').addEventListener('click', () => open(null));
  $('modulus-sms-template-cancel').addEventListener('click', () => dialog.close());
  rows.addEventListener('click', (event) => {
    const button = event.target.closest('button');
    const tr = button?.closest('tr[data-id]');
    if (!tr) return;
    const id = Number(tr.dataset.id);
    if (button.classList.contains('modulus-sms-template-edit')) open(templates.get(id) || null);
    else if (button.classList.contains('modulus-sms-template-delete')) remove(id);
  });
  picker.addEventListener('click', (event) => {
    const button = event.target.closest('button[data-variable]');
    if (button) insertVariable(button.dataset.variable);
  });
  context.addEventListener('change', () => {
    fillPicker();
    updatePreview();
  });
  body.addEventListener('input', debounce(updatePreview, 60));
  form.addEventListener('submit', save);
  // Load the core early so the first keystroke answers at once; failures show in the preview.
  loadCore().catch(() => {});
}

init();

// @ts-check
/**
 * The customer journey page: lists the known customers (`GET
 * /api/journey`), shows the one picked (`?customer=ID`, `GET
 * /api/journey/{customerId}`) as the four phases with their measures, and
 * turns a committed case into the account's success plan (`POST
 * /api/success/plans`; when the case's model names no annual value, the
 * page asks for it). Every figure, and every refusal, is the server's
 * (docs/journey.md); this module fetches, formats and draws.
 */

import { h } from './widget/dom.js';
import { journeySections } from './journey/phases.js';
import { money } from './journey/format.js';

/** @typedef {import('./journey/types.js').Journey} Journey */
/** @typedef {import('./journey/types.js').Customer} Customer */

/** A request that takes longer is abandoned and reported. */
const REQUEST_TIMEOUT_MS = 15_000;

const form = /** @type {HTMLFormElement} */ (document.getElementById('journey-form'));
const select = /** @type {HTMLSelectElement} */ (document.getElementById('journey-customer'));
const status = /** @type {HTMLElement} */ (document.getElementById('journey-status'));
const root = /** @type {HTMLElement} */ (document.getElementById('journey-body'));

/** An answer that is not 2xx: its status and the server's body. */
class ApiError extends Error {
  /**
   * @param {number} status
   * @param {Record<string, unknown> | null} body
   */
  constructor(status, body) {
    super(body && typeof body.error === 'string' ? body.error : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

/**
 * @param {string} url
 * @param {RequestInit} [init]
 * @returns {Promise<any>}
 */
async function fetchJson(url, init = {}) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, { cache: 'no-store', ...init, signal: controller.signal });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
  } finally {
    clearTimeout(timer);
  }
}

/** @param {unknown} error */
function reason(error) {
  if (error instanceof Error && error.name === 'AbortError') return 'the server did not answer in time';
  return error instanceof Error ? error.message : String(error);
}

/**
 * The "Make it the success plan" control of a committed case: a button,
 * and an annual value field when the server asks for one.
 * @param {number | string} caseId
 */
function planControl(caseId) {
  const message = h('span', { class: 'section-note', role: 'status' });
  const button = h('button', { type: 'submit', class: 'button' }, 'Make it the success plan');
  const control = h('form', { class: 'journey-plan', 'data-plan-case': String(caseId) }, button, message);
  control.addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = /** @type {HTMLInputElement | null} */ (control.querySelector('input[name="annualValue"]'));
    /** @type {{ caseId: number | string, annualValue?: number }} */
    const body = { caseId: Number(caseId) };
    if (input) {
      if (!input.reportValidity()) return;
      body.annualValue = Number(input.value);
    }
    button.disabled = true;
    message.textContent = 'Saving the plan…';
    try {
      const made = await fetchJson('/api/success/plans', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      status.textContent = made.created ? `The success plan of ${made.account} starts with ${made.outcomes.length} outcomes from case ${caseId}.` : `Case ${caseId} is already ${made.account}'s success plan.`;
      await show(select.value);
    } catch (error) {
      button.disabled = false;
      if (error instanceof ApiError && error.body?.path === 'annualValue' && !input) {
        const field = h('input', { type: 'number', name: 'annualValue', min: 0, max: 1e12, step: 'any', required: true, inputmode: 'decimal' });
        control.insertBefore(h('label', {}, 'Annual value of the contract', field), button);
        message.textContent = `${reason(error)}.`;
        field.focus();
        return;
      }
      message.textContent = `Not saved: ${reason(error)}.`;
      message.classList.add('journey-error');
    }
  });
  return control;
}

/**
 * Shows the journey of `customerId` (or asks for one).
 * @param {string} customerId
 */
async function show(customerId) {
  const query = new URLSearchParams(location.search);
  if (customerId) query.set('customer', customerId);
  else query.delete('customer');
  history.replaceState(null, '', `${location.pathname}${query.size ? `?${query}` : ''}`);
  if (!customerId) {
    root.replaceChildren(h('p', { class: 'placeholder' }, 'Pick a customer.'));
    return;
  }
  root.setAttribute('aria-busy', 'true');
  root.replaceChildren(h('p', { class: 'placeholder' }, 'Loading the journey…'));
  try {
    /** @type {Journey} */
    const journey = await fetchJson(`/api/journey/${encodeURIComponent(customerId)}`);
    const value = journey.prosper ? ` · ${money(journey.prosper.account.annualValue, journey.prosper.account.currency)} a year` : '';
    root.replaceChildren(h('h2', { class: 'journey-customer', id: 'journey-customer-name' }, `${journey.customer.name}${value}`), ...journeySections(journey, planControl));
    root.dataset.customer = journey.customer.id;
  } catch (error) {
    root.replaceChildren(h('p', { class: 'journey-error', role: 'alert' }, `The journey could not be loaded: ${reason(error)}.`));
  } finally {
    root.removeAttribute('aria-busy');
  }
}

async function start() {
  /** @type {Customer[]} */
  let customers;
  try {
    customers = (await fetchJson('/api/journey')).customers;
  } catch (error) {
    select.replaceChildren(h('option', { value: '' }, 'No customers'));
    root.replaceChildren(h('p', { class: 'journey-error', role: 'alert' }, `The customers could not be loaded: ${reason(error)}.`));
    return;
  }
  if (!customers.length) {
    select.replaceChildren(h('option', { value: '' }, 'No customers yet'));
    root.replaceChildren(h('p', { class: 'journey-empty' }, 'No customer yet: save a case in the workbench or import success data.'));
    return;
  }
  select.replaceChildren(
    h('option', { value: '' }, 'Choose a customer'),
    // By name, as a person looks for one (the server lists them by id).
    ...[...customers]
      .sort((a, b) => a.name.localeCompare(b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((customer) => h('option', { value: customer.id }, `${customer.name} (${customer.id})${customer.account ? '' : ', prospect'}`)),
  );
  const wanted = new URLSearchParams(location.search).get('customer');
  const known = wanted !== null && customers.some((customer) => customer.id === wanted);
  if (known) select.value = wanted;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void show(select.value);
  });
  // An address naming a customer this server does not know (a typo, an
  // old link) says so rather than showing the empty picker alone.
  if (wanted && !known) root.replaceChildren(h('p', { class: 'journey-error', role: 'alert' }, `No customer has the id “${wanted}”: choose one above.`));
  else await show(select.value);
  document.body.dataset.ready = 'true';
}

void start();

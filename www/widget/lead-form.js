// @ts-check
/**
 * The lead form the call to action opens inside the widget: name, work
 * email, company and consent to be contacted (with the host's privacy
 * link), labelled and described for screen readers, usable by keyboard
 * alone (it takes focus when it opens; Escape closes it and gives focus back
 * to the button that opened it).
 *
 * It checks only what the browser checks (required fields, an email's
 * shape) so a visitor hears about a slip before sending; the collector
 * validates the lead and computes its case (docs/leads.md). The contact
 * details go to the collector only, never to the page's analytics.
 */

import { h, uniqueId } from './dom.js';

/**
 * @typedef {object} Contact
 * @property {string} name
 * @property {string} email
 * @property {string} company
 */

/**
 * @param {object} options
 * @param {string | null} options.privacyHref the host's privacy page (http(s)), if it gave one
 * @param {(contact: Contact) => Promise<string | null>} options.send sends the lead; resolves to an error message or null
 * @param {() => void} options.close called when the visitor closes the form
 */
export function createLeadForm({ privacyHref, send, close }) {
  const titleId = uniqueId('lead-title');
  const statusId = uniqueId('lead-status');
  /** @param {string} name @param {string} label @param {Record<string, string>} attributes */
  const field = (name, label, attributes) => {
    const id = uniqueId(`lead-${name}`);
    const control = /** @type {HTMLInputElement} */ (h('input', { id, name, required: true, maxlength: name === 'email' ? 254 : 200, 'aria-describedby': statusId, class: 'number lead-input', ...attributes }));
    return { control, element: h('div', { class: 'field' }, h('label', { class: 'label', for: id }, label), control) };
  };
  const name = field('name', 'Your name', { autocomplete: 'name' });
  const email = field('email', 'Work email', { type: 'email', autocomplete: 'email', inputmode: 'email', spellcheck: 'false' });
  const company = field('company', 'Company', { autocomplete: 'organization' });
  const consentId = uniqueId('lead-consent');
  const consent = /** @type {HTMLInputElement} */ (h('input', { id: consentId, type: 'checkbox', required: true, class: 'toggle-box' }));
  const privacy = privacyHref ? h('a', { href: privacyHref, target: '_blank', rel: 'noopener' }, 'privacy notice') : null;
  const consentLabel = h('label', { for: consentId }, 'Contact me about this business case', privacy ? ' (' : '', privacy, privacy ? ')' : '', '.');
  const status = h('p', { id: statusId, class: 'lead-status', role: 'status' });
  const submit = /** @type {HTMLButtonElement} */ (h('button', { type: 'submit', class: 'cta' }, 'Send me this business case'));
  const cancel = h('button', { type: 'button', class: 'lead-cancel' }, 'Cancel');
  const form = /** @type {HTMLFormElement} */ (
    h(
      'form',
      { class: 'lead-form', part: 'lead-form', 'aria-labelledby': titleId, novalidate: true },
      h('h3', { id: titleId, class: 'outputs-title' }, 'Get this business case by email'),
      h('p', { class: 'help' }, 'We send your numbers and results to you; nothing else is shared.'),
      name.element,
      email.element,
      company.element,
      h('div', { class: 'toggle-row' }, consent, consentLabel),
      status,
      h('div', { class: 'lead-actions' }, submit, cancel),
    )
  );
  cancel.addEventListener('click', close);
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close();
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (submit.disabled) return;
    const controls = [name.control, email.control, company.control, consent];
    const invalid = controls.find((control) => !control.checkValidity());
    for (const control of controls) control.toggleAttribute('aria-invalid', !control.checkValidity());
    if (invalid) {
      status.textContent = invalid === consent ? 'Tick the box so we may contact you.' : invalid.validationMessage;
      invalid.focus();
      return;
    }
    submit.disabled = true;
    status.textContent = 'Sending…';
    const contact = { name: name.control.value.trim(), email: email.control.value.trim(), company: company.control.value.trim() };
    const problem = await send(contact);
    submit.disabled = false;
    if (problem === null) {
      form.replaceChildren(h('p', { class: 'lead-status', role: 'status', tabindex: '-1' }, `Thank you. Your business case is on its way to ${contact.email}.`));
      /** @type {HTMLElement} */ (form.firstChild).focus();
    } else {
      status.textContent = problem;
      submit.focus();
    }
  });
  return { form, focus: () => name.control.focus() };
}

/**
 * A random UUID (version 4 form): `crypto.randomUUID` exists only on
 * secure pages, and a host page may be plain http.
 */
export function randomUuid() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 15) | 64;
  bytes[8] = ((bytes[8] ?? 0) & 63) | 128;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * Posts a lead to the collector (`POST /api/leads`, docs/leads.md) as
 * `text/plain` (no CORS preflight); resolves to a message for the visitor,
 * or null when the collector took it.
 * @param {URL} url
 * @param {object} body
 * @returns {Promise<string | null>}
 */
export async function postLead(url, body) {
  try {
    const response = await fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain' }, credentials: 'omit', keepalive: true });
    if (response.ok) return null;
    const answer = await response.json().catch(() => ({}));
    return `Your details were not sent: ${answer.error ?? `the server answered ${response.status}`}.`;
  } catch {
    return 'Your details were not sent: the connection failed. Try again.';
  }
}

// @ts-check
/**
 * The widget's call to action, after its results: a link when `cta-href`
 * is set (an http(s) or relative link only: a `javascript:` one would run
 * on the host's origin; a click counts as a lead), else, with a
 * `collector`, a button that opens the lead form (`lead-form.js`) and
 * sends the visitor's contact and case to the collector's `/api/leads`
 * (docs/leads.md). `cta-label` names it; `privacy-href` links the host's
 * privacy notice from the form's consent box. The element redraws it when
 * one of those attributes changes.
 */

import { h } from './dom.js';
import { createLeadForm, postLead, randomUuid } from './lead-form.js';
import { httpUrl } from './urls.js';

/**
 * What a lead carries of the case, from the element at sending time.
 * @typedef {object} LeadCase
 * @property {string} calcId
 * @property {string} calcVersion
 * @property {Record<string, import('./engine.js').InputValue>} inputs every input as the visitor left it
 * @property {string[]} entered the inputs the visitor changed
 * @property {string | undefined} scenario the scenario shown, if any
 */

export class CallToAction {
  /** @type {HTMLElement} */
  #host;
  /** @type {import('./tracking.js').WidgetTracking} */
  #tracking;
  /** @type {() => LeadCase | null} */
  #leadCase;
  /** Where it goes (the results column), and what is shown there. @type {HTMLElement | null} */
  #parent = null;
  /** @type {HTMLElement | null} */
  #shown = null;

  /**
   * @param {HTMLElement} host the widget element, whose attributes say what to show
   * @param {import('./tracking.js').WidgetTracking} tracking its engagement tracking (the collector, the lead's ids and milestone)
   * @param {() => LeadCase | null} leadCase the case now, or null without a model
   */
  constructor(host, tracking, leadCase) {
    this.#host = host;
    this.#tracking = tracking;
    this.#leadCase = leadCase;
  }

  /** Shows it at the end of `parent` (null: nowhere, the results are gone). @param {HTMLElement | null} parent */
  place(parent) {
    this.#parent = parent;
    this.#shown = null;
    this.redraw();
  }

  /** Shows what the attributes say now (or nothing), in place of what was shown. */
  redraw() {
    this.#shown?.remove();
    this.#shown = null;
    if (!this.#parent) return;
    const ctaHref = this.#host.getAttribute('cta-href');
    const href = ctaHref && httpUrl(ctaHref, document.baseURI)?.href;
    if (href) {
      const link = h('a', { class: 'cta', part: 'cta', href }, this.#host.getAttribute('cta-label') || 'Talk to us about your numbers');
      link.addEventListener('click', () => this.#tracking.membership?.lead());
      this.#shown = link;
    } else if (ctaHref) console.warn('yardstick: cta-href refused, not http(s):', ctaHref);
    else if (this.#tracking.collector()) this.#shown = h('div', {}, this.#leadButton());
    if (this.#shown) this.#parent.append(this.#shown);
  }

  /** The button that opens the lead form after itself. */
  #leadButton() {
    const open = h('button', { type: 'button', class: 'cta', part: 'cta' }, this.#host.getAttribute('cta-label') || 'Send me this business case');
    // One id per opened form: a retry after a failure is the same lead.
    open.addEventListener('click', () => {
      const leadId = randomUuid();
      const { form, focus } = createLeadForm({
        privacyHref: this.#privacyHref(),
        send: (contact) => this.#send(leadId, contact),
        close: () => {
          form.remove();
          open.hidden = false;
          open.focus();
        },
      });
      open.hidden = true;
      open.after(form);
      focus();
    });
    return open;
  }

  #privacyHref() {
    const privacy = this.#host.getAttribute('privacy-href');
    return (privacy && httpUrl(privacy, document.baseURI)?.href) || null;
  }

  /**
   * Sends a lead to the collector's `/api/leads` (docs/leads.md): the
   * contact, every input as the visitor left it and which ones they
   * entered; the collector computes the case. Counts the `lead` milestone
   * (which carries no contact detail) once the collector took it. Resolves
   * to a message for the visitor, or null when it was taken.
   * @param {string} leadId
   * @param {import('./lead-form.js').Contact} contact
   * @returns {Promise<string | null>}
   */
  async #send(leadId, contact) {
    // The lead names the page view the tracker made.
    const { pageViewId, instanceId } = await this.#tracking.leadIds();
    const collector = this.#tracking.collector();
    const lead = this.#leadCase();
    if (!collector || !lead) return 'This calculator cannot send your details.';
    const url = new URL('api/leads', new URL(collector, document.baseURI));
    const source = new URL(this.#host.getAttribute('src') ?? '', document.baseURI);
    const body = {
      schema: 'yardstick/lead@1',
      lead_id: leadId,
      calc_id: lead.calcId,
      calc_version: lead.calcVersion,
      model_path: source.origin === url.origin ? source.pathname : undefined,
      page_view_id: pageViewId,
      instance_id: instanceId,
      occurred_at_ms: Date.now(),
      page_path: location.pathname,
      contact,
      consent: { contact: true, privacy_url: this.#privacyHref() || undefined },
      inputs: lead.inputs,
      entered: lead.entered,
      scenario: lead.scenario,
    };
    const problem = await postLead(url, body);
    if (problem === null) this.#tracking.membership?.lead();
    return problem;
  }
}

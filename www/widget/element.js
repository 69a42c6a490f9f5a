// @ts-check
/**
 * `<yardstick-calculator src="/models/saas-roi.json">`: a calculator model
 * as a self-contained widget. It fetches the model, compiles it in the
 * engine, renders the inputs, outputs, scenario buttons and charts inside
 * its shadow root, recomputes on every keystroke, and reports engagement
 * through `engagement.js`.
 *
 * Attributes: `src`, `scenario`, `locale`, `currency`, `idle-timeout-ms`,
 * `collector`, `datalayer` (default `dataLayer`), `consent` (`granted`,
 * `denied`, `unknown`), and `cta-href` / `cta-label` / `privacy-href` for
 * the call to action, a link or the lead form (`call-to-action.js`). Each
 * is re-read when it changes:
 * `src`, `locale` and `currency` reload the model, `scenario` applies one,
 * `consent`, `collector` and `datalayer` redirect the engagement sinks from
 * the next event on, `cta-*` redraw the link, `idle-timeout-ms` sets the
 * page's idle timeout from then on (one tracker serves the page, so the
 * latest change on any widget applies to all; removed, it is the engine's
 * default; a value the engine refuses leaves the old one, with a console
 * warning). Methods:
 * `reportLead()`, `totals()`.
 * Events: `yardstick:ready`, `yardstick:error`, and the engagement
 * milestones (`yardstick:view`, `yardstick:start`, ...). The engagement
 * tracking itself (joining the page's tracker, sinks, consent) is
 * `tracking.js`'s.
 */

import { ChartPanel } from './chart-panel.js';
import { CallToAction } from './call-to-action.js';
import { h } from './dom.js';
import { loadWidgetEngine } from './engine.js';
import { createField, showApplicable } from './fields.js';
import { fetchModel } from './model-source.js';
import { NumberFormats } from './format.js';
import { WIDGET_CSS } from './styles.js';
import { WidgetTracking } from './tracking.js';
import { isFormulaError } from './values.js';

/** @typedef {import('./engine.js').Model} Model */
/** @typedef {import('./engine.js').ModelLayout} ModelLayout */
/** @typedef {import('./engine.js').FormulaValue} FormulaValue */
/** @typedef {import('./engine.js').InputValue} InputValue */
/** @typedef {import('./engine.js').ModelDiagnostic} ModelDiagnostic */
/** @typedef {import('./fields.js').Field} Field */

/** @type {CSSStyleSheet | null} */
let sharedSheet = null;

/** The stylesheet, parsed once per page and shared by every widget. */
function styleSheet() {
  if (sharedSheet === null) {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(WIDGET_CSS);
  }
  return sharedSheet;
}

export class YardstickCalculator extends HTMLElement {
  // Every attribute the element documents.
  static observedAttributes = ['src', 'scenario', 'locale', 'currency', 'consent', 'collector', 'datalayer', 'cta-href', 'cta-label', 'privacy-href', 'idle-timeout-ms'];

  /** @type {ShadowRoot} */
  #root;
  /** @type {Model | null} */
  #model = null;
  /** @type {ModelLayout | null} */
  #layout = null;
  /** @type {NumberFormats | null} */
  #formats = null;
  /** @type {Map<string, Field>} */
  #fields = new Map();
  /** @type {Map<string, HTMLOutputElement>} */
  #outputValues = new Map();
  /** @type {Map<string, HTMLElement>} */
  #outputNotes = new Map();
  /** The charts of the model shown (`chart-panel.js`). @type {ChartPanel | null} */
  #charts = null;
  /** @type {HTMLButtonElement[]} */
  #scenarioButtons = [];
  /** The page's engagement tracking, as this widget takes part in it. */
  #tracking = new WidgetTracking(this, () => this.#layout && { id: this.#layout.id, version: this.#layout.version });
  /** The call to action after the results (`call-to-action.js`). */
  #cta = new CallToAction(this, this.#tracking, () => this.#leadCase());
  /** Fields holding an invalid entry, and the settled value each holds the results at. @type {Map<string, string>} */
  #held = new Map();
  /** The result bar's value and the output it shows. */
  #barValue = h('strong', {});
  #barId = '';
  /** The inputs the visitor changed since the model loaded (a lead's `entered`). @type {Set<string>} */
  #entered = new Set();
  /** The scenario shown, if any (a lead's `scenario`). @type {string | undefined} */
  #shownScenario;
  /** Says, in words, that the results are held (the outputs also dim). @type {HTMLElement | null} */
  #heldStatus = null;
  #loadToken = 0;
  /** The src, locale and currency of the load under way or done: an upgrade
   * reports each attribute and then connects, and all of that is one load. @type {string | null} */
  #loadKey = null;
  /** The same for the model shown. @type {string | null} */
  #modelKey = null;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    this.#root.adoptedStyleSheets = [styleSheet()];
  }

  connectedCallback() {
    // A model whose attributes changed while it was out of the document is stale.
    if (this.#model && this.#modelKey === this.#key()) this.#tracking.join();
    else void this.#load();
  }

  /** What a model load depends on: `src`, `locale` and `currency`. */
  #key() {
    return `${this.getAttribute('src')} ${this.getAttribute('locale')} ${this.getAttribute('currency')}`;
  }

  disconnectedCallback() {
    this.#tracking.leave();
  }

  /**
   * @param {string} name
   * @param {string | null} before
   * @param {string | null} after
   */
  attributeChangedCallback(name, before, after) {
    if (before === after || !this.isConnected) return;
    if (name === 'src' || name === 'locale' || name === 'currency') void this.#load();
    else if (name === 'scenario' && after) this.#applyScenario(after);
    else if (name === 'consent') this.#tracking.consentChanged();
    else if (name === 'datalayer') this.#tracking.route();
    else if (name === 'collector') {
      this.#tracking.route();
      this.#cta.redraw();
    } else if (name === 'cta-href' || name === 'cta-label' || name === 'privacy-href') this.#cta.redraw();
    else if (name === 'idle-timeout-ms') this.#tracking.idleTimeoutChanged(after);
  }

  /** Records a lead (the host page's form was sent, say). */
  reportLead() {
    this.#tracking.membership?.lead();
  }

  /** This widget's interaction, in-view, active page and wall time so far (ms). */
  totals() {
    return this.#tracking.membership?.totals() ?? null;
  }

  /** This widget's instance id in the page's engagement events (`w1`, ...), once loaded. */
  get instanceId() {
    return this.#tracking.membership?.instanceId ?? null;
  }

  /** What a lead sends of the case now, or null without a model. @returns {import('./call-to-action.js').LeadCase | null} */
  #leadCase() {
    if (!this.#model || !this.#layout) return null;
    return { calcId: this.#layout.id, calcVersion: this.#layout.version, inputs: this.#model.current().inputs, entered: [...this.#entered], scenario: this.#shownScenario };
  }

  /** The current outputs, by id (numbers, text or `{ error, message }`). */
  get outputs() {
    return this.#model?.current().outputs ?? {};
  }

  async #load() {
    const src = this.getAttribute('src');
    const key = this.#key();
    if (key === this.#loadKey) return;
    this.#loadKey = key;
    const token = ++this.#loadToken;
    this.#tracking.leave();
    this.#status('Loading the calculator…');
    if (!src) {
      this.#fail('This calculator has no model: set its src attribute to a model file.');
      return;
    }
    let bindings;
    let documentJson;
    try {
      [bindings, documentJson] = await Promise.all([loadWidgetEngine(), fetchModel(new URL(src, document.baseURI))]);
    } catch (error) {
      if (token === this.#loadToken) this.#fail(error instanceof Error ? error.message : String(error));
      return;
    }
    if (token !== this.#loadToken) return;
    /** @type {Model} */
    let model;
    try {
      model = bindings.Model.compile(documentJson);
    } catch (error) {
      const thrown = /** @type {{ code?: string, diagnostics?: ModelDiagnostic[] }} */ (error);
      const diagnostics = (thrown.code === 'invalid-model' && thrown.diagnostics) || [];
      // The engine's message names the first problem; the list names them all.
      this.#fail(diagnostics.length ? "The calculator's model is invalid:" : error instanceof Error ? error.message : String(error), diagnostics);
      return;
    }
    // The old model is freed only once the new one compiled, and nothing
    // keeps it after: a freed wasm object throws on any later call.
    this.#dropModel();
    this.#model = model;
    this.#modelKey = key;
    this.#layout = model.layout();
    this.#formats = new NumberFormats(this.getAttribute('locale') ?? this.#layout.locale, this.getAttribute('currency') ?? this.#layout.currency, bindings.readTypedNumber);
    this.#render(this.#layout, this.#formats);
    this.#tracking.join();
    // Every output and chart once; a `scenario` then changes what it changes.
    const current = model.current();
    for (const [id, value] of Object.entries(current.outputs)) this.#showOutput(id, value);
    this.#drawCharts(current.series);
    showApplicable(this.#fields, current.inapplicable);
    const scenario = this.getAttribute('scenario');
    if (scenario) this.#applyScenario(scenario);
    this.dispatchEvent(new CustomEvent('yardstick:ready', { detail: { calcId: this.#layout.id, calcVersion: this.#layout.version }, bubbles: true, composed: true }));
  }

  /** Frees the model (the widget shows an error or is about to get another). */
  #dropModel() {
    this.#model?.free();
    this.#model = null;
    this.#layout = null;
  }

  /** @param {string} message */
  #status(message) {
    this.#root.replaceChildren(h('div', { class: 'calc', part: 'container' }, h('p', { class: 'status', role: 'status' }, message)));
  }

  /**
   * @param {string} message
   * @param {ModelDiagnostic[]} [diagnostics]
   */
  #fail(message, diagnostics = []) {
    // Reconnecting, or setting the same src again, tries once more.
    this.#loadKey = null;
    // The fields that would call the model are gone with the content below.
    this.#dropModel();
    this.#cta.place(null);
    const list = diagnostics.length
      ? h('ul', { class: 'problems' }, ...diagnostics.slice(0, 20).map((d) => h('li', {}, `${d.path || 'model'}: ${d.message}`)))
      : null;
    this.#root.replaceChildren(h('div', { class: 'calc', part: 'container' }, h('p', { class: 'status error', role: 'alert', part: 'error' }, message), list));
    this.dispatchEvent(new CustomEvent('yardstick:error', { detail: { message, diagnostics }, bubbles: true, composed: true }));
  }

  /**
   * @param {ModelLayout} layout
   * @param {NumberFormats} formats
   */
  #render(layout, formats) {
    this.#fields.clear();
    this.#outputValues.clear();
    this.#outputNotes.clear();
    this.#held.clear();
    this.#entered.clear();
    this.#shownScenario = undefined;
    // Neither the form nor the results are named landmarks: a page with two
    // calculators would otherwise hold landmarks with the same name.
    const form = h('form', { class: 'inputs', part: 'inputs' });
    form.addEventListener('submit', (event) => event.preventDefault());
    for (const input of layout.inputs) {
      const field = createField(input, formats, (id, value, committed, held) => this.#change(id, value, committed, held));
      this.#fields.set(input.id, field);
      form.append(field.element);
    }
    const outputList = h('dl', { class: 'output-list' });
    for (const output of layout.outputs) {
      const value = /** @type {HTMLOutputElement} */ (h('output', { class: 'output-value', part: 'output-value' }));
      const note = h('span', { class: 'output-note', hidden: true });
      this.#outputValues.set(output.id, value);
      this.#outputNotes.set(output.id, note);
      outputList.append(h('div', { class: 'output', part: 'output', 'data-output': output.id }, h('dt', {}, output.label), h('dd', {}, value, note)));
    }
    // "Your numbers" (id '') first and pressed: a scenario shown over them
    // keeps them in the engine, and this button brings them back.
    this.#scenarioButtons = [{ id: '', label: 'Your numbers' }, ...layout.scenarios].map((scenario) => {
      const button = h('button', { type: 'button', class: 'tab', part: 'tab', 'aria-pressed': String(!scenario.id), 'data-scenario': scenario.id }, scenario.label);
      button.addEventListener('click', () => this.#applyScenario(scenario.id));
      return button;
    });
    if (!layout.scenarios.length) this.#scenarioButtons = [];
    const tabs = this.#scenarioButtons.length ? h('div', { class: 'tabs', part: 'tabs', role: 'group', 'aria-label': 'Scenarios' }, ...this.#scenarioButtons) : null;
    this.#charts?.disconnect();
    this.#charts = new ChartPanel(layout, () => this.#model?.current().series ?? null, (series) => this.#drawCharts(series));
    const charts = this.#charts.element;
    this.#heldStatus = h('p', { class: 'held', part: 'held', role: 'status' });
    // The headline result, kept in sight at the foot of the screen on narrow
    // layouts while the inputs are edited (styles.js shows it there only).
    // Hidden from screen readers: the results themselves are announced.
    // The model's lead value (its headline, e.g. the net annual benefit), else its first output.
    const headline = layout.outputs.find((o) => o.id === layout.leadValue) ?? layout.outputs[0];
    this.#barValue = h('strong', {});
    this.#barId = headline?.id ?? '';
    const bar = headline ? h('div', { class: 'result-bar', part: 'result-bar', 'aria-hidden': 'true' }, h('span', {}, headline.label), this.#barValue) : null;
    const outputs = h('div', { class: 'outputs', part: 'outputs' }, h('h3', { class: 'outputs-title' }, 'Results'), this.#heldStatus, outputList);
    this.#cta.place(outputs);
    const container = h(
      'div',
      { class: 'calc', part: 'container' },
      h('h2', { class: 'title', part: 'title' }, layout.title),
      layout.description ? h('p', { class: 'description', part: 'description' }, layout.description) : null,
      tabs,
      h('div', { class: 'body' }, h('div', {}, form, bar), outputs),
      charts,
    );
    // Any key, pointer or wheel inside the widget is interaction, even before a value changes.
    for (const type of ['pointerdown', 'keydown', 'wheel']) {
      container.addEventListener(type, () => this.#tracking.membership?.input(undefined, false), { passive: true });
    }
    this.#root.replaceChildren(container);
  }

  /**
   * A visitor changed an input. Returns the engine's refusal, or null.
   * @param {string} inputId
   * @param {InputValue} value
   * @param {boolean} committed
   * @param {string} [held] Set when the field's entry is invalid and `value` is its settled value.
   * @returns {string | null}
   */
  #change(inputId, value, committed, held) {
    if (!this.#model) return 'The calculator is not ready yet.';
    let changed;
    try {
      changed = this.#model.set(inputId, value);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    showApplicable(this.#fields, this.#model.inapplicable());
    this.#tracking.membership?.input(inputId, committed);
    if (held) this.#held.set(inputId, held);
    else {
      this.#held.delete(inputId);
      this.#entered.add(inputId);
    }
    this.#shownScenario = undefined;
    this.#showHeld();
    for (const [id, output] of Object.entries(changed)) this.#showOutput(id, output);
    this.#pressScenario('');
    this.#tracking.membership?.scenario(undefined);
    this.#scheduleCharts();
    return null;
  }

  /**
   * Applies a scenario: the engine sets every input (the scenario's values,
   * the defaults elsewhere) and answers once with the inputs, the changed
   * outputs and the series. The id '' brings back the visitor's own
   * numbers, which the engine kept. An unknown id changes nothing.
   * @param {string} scenarioId
   */
  #applyScenario(scenarioId) {
    let applied;
    try {
      applied = scenarioId ? this.#model?.applyScenario(scenarioId) : this.#model?.showOwnInputs();
    } catch {
      return;
    }
    if (!applied) return;
    for (const [id, value] of Object.entries(applied.inputs)) this.#fields.get(id)?.show(value);
    showApplicable(this.#fields, applied.inapplicable);
    this.#held.clear();
    this.#showHeld();
    for (const [id, value] of Object.entries(applied.outputs)) this.#showOutput(id, value);
    this.#pressScenario(scenarioId);
    this.#shownScenario = scenarioId || undefined;
    this.#tracking.membership?.scenario(this.#shownScenario);
    this.#drawCharts(applied.series);
  }

  /** Marks the scenario shown ('' for the visitor's own numbers) as the pressed button. @param {string} scenarioId */
  #pressScenario(scenarioId) {
    for (const button of this.#scenarioButtons) button.setAttribute('aria-pressed', String(button.dataset.scenario === scenarioId));
  }

  /** Marks the results as held (in words and dimmed) while any field holds an invalid entry. */
  #showHeld() {
    const status = this.#heldStatus;
    if (!status) return;
    status.textContent = this.#held.size ? `Results held at the last valid entry: ${[...this.#held.values()].join('; ')}.` : '';
    status.parentElement?.toggleAttribute('data-held', this.#held.size > 0);
  }

  /**
   * @param {string} id
   * @param {FormulaValue} value
   */
  #showOutput(id, value) {
    const element = this.#outputValues.get(id);
    const note = this.#outputNotes.get(id);
    const format = this.#layout?.outputs.find((o) => o.id === id);
    if (!element || !note || !format || !this.#formats) return;
    if (typeof value === 'number') {
      element.textContent = this.#formats.output(value, format);
      if (id === this.#barId) this.#barValue.textContent = element.textContent;
      element.classList.toggle('negative', value < 0);
      note.hidden = true;
    } else if (isFormulaError(value)) {
      element.textContent = '—';
      element.classList.remove('negative');
      note.textContent = value.message;
      note.hidden = false;
    } else {
      element.textContent = String(value);
      note.hidden = true;
    }
  }

  #scheduleCharts() {
    this.#charts?.schedule();
  }

  /** @param {Record<string, FormulaValue[]>} series every series' values */
  #drawCharts(series) {
    if (this.#model && this.#layout && this.#formats) this.#charts?.draw(this.#model, this.#layout, series, this.#formats);
  }
}

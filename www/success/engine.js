// @ts-check
/**
 * The success page's door to its engine, the `pkg-success` build (served at
 * /pkg-success/, `make pkg-success`), and to the server's success routes.
 * It reads the data and the settings as text and hands them to
 * `SuccessPortfolio`, which scores every account in the browser. No other
 * module of the page imports the engine; none computes a figure.
 */

/** @typedef {import('../../pkg-success/yardstick.js').SuccessPortfolio} SuccessPortfolio */
/** @typedef {import('../../pkg-success/yardstick.js').PortfolioView} PortfolioView */
/** @typedef {import('../../pkg-success/yardstick.js').PortfolioRow} PortfolioRow */
/** @typedef {import('../../pkg-success/yardstick.js').AccountView} AccountView */
/** @typedef {import('../../pkg-success/yardstick.js').SuccessSettingsDocument} SuccessSettingsDocument */
/** @typedef {import('../../pkg-success/yardstick.js').SuccessDiagnostic} SuccessDiagnostic */
/** @typedef {import('../../pkg-success/yardstick.js').ProofView} ProofView */
/** @typedef {import('../../pkg-success/yardstick.js').MeasureEvidenceView} MeasureEvidenceView */
/** @typedef {import('../../pkg-success/yardstick.js').RocPointView} RocPointView */
/** @typedef {import('../../pkg-success/yardstick.js').TeamView} TeamView */
/** @typedef {import('../../pkg-success/yardstick.js').OwnerView} OwnerView */
/** @typedef {typeof import('../../pkg-success/yardstick.js')} Bindings */

/** Where the wasm-bindgen module lives, relative to this file's URL. */
const BINDINGS_URL = new URL('../../pkg-success/yardstick.js', import.meta.url);
/** A request that takes longer is abandoned and reported. */
const REQUEST_TIMEOUT_MS = 30_000;

/** @type {Promise<Bindings> | null} */
let loading = null;

/** Loads and instantiates the engine once. */
function loadBindings() {
  loading ??= import(BINDINGS_URL.href).then(async (/** @type {Bindings} */ bindings) => {
    await bindings.default();
    return bindings;
  });
  return loading;
}

/**
 * The body of a GET, or an Error with the server's reason.
 * @template {'text' | 'bytes'} K
 * @param {string} url
 * @param {K} kind
 * @returns {Promise<K extends 'text' ? string : Uint8Array>}
 */
async function get(url, kind) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    const response = await fetch(url, { cache: 'no-store', signal: controller.signal });
    if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
    // The data as bytes: the engine reads them a megabyte at a time, so a
    // large portfolio's document is never copied whole into wasm memory.
    const body = kind === 'text' ? await response.text() : new Uint8Array(await response.arrayBuffer());
    return /** @type {any} */ (body);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The stored data and the newest saved settings (or the core's defaults),
 * scored on 24 month ends up to the latest signal or event, with the
 * linked cases (`GET /api/success/cases`).
 * @returns {Promise<{ portfolio: SuccessPortfolio, settingsVersion: number }>}
 */
export async function loadPortfolio() {
  const [bindings, data, settingsText] = await Promise.all([loadBindings(), get('/api/success/data', 'bytes'), get('/api/success/settings', 'text')]);
  const stored = /** @type {{ version: number, settings: unknown }} */ (JSON.parse(settingsText));
  const settings = stored.settings === null ? undefined : JSON.stringify(stored.settings);
  const portfolio = new bindings.SuccessPortfolio(data, settings, undefined);
  // The linked cases, for realised against projected value; without them
  // the accounts read as having no case loaded, and the rest still shows.
  const cases = await get('/api/success/cases', 'text').catch(() => null);
  if (cases !== null) portfolio.setCases(cases);
  return { portfolio, settingsVersion: stored.version };
}

/**
 * Saves the settings in force as the next version.
 * @param {SuccessSettingsDocument} settings
 * @param {string} by who saves them
 * @returns {Promise<number>} the version saved
 */
export async function saveSettings(settings, by) {
  const response = await fetch(`/api/success/settings?by=${encodeURIComponent(by)}`, {
    method: 'PUT',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(settings),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const problems = body && Array.isArray(body.problems) ? body.problems.map((/** @type {{ message: string }} */ p) => p.message).join('; ') : '';
    throw new Error(problems || (body && body.error) || `HTTP ${response.status}`);
  }
  return Number(body.version);
}

/**
 * One CSV problem as the server lists it.
 * @typedef {object} CsvProblem
 * @property {string} code
 * @property {string} [file]
 * @property {number | null} [line]
 * @property {string | null} [column]
 * @property {string} [reason]
 * @property {string} message
 */

/**
 * Posts CSV tables together, as one form: the server checks every file
 * and stores all of them or none.
 * @param {File[]} files each named as its table (`signals.csv`)
 * @returns {Promise<{ ok: true, stored: Record<string, number> } | { ok: false, error: string, problems: CsvProblem[] }>}
 */
export async function importCsvFiles(files) {
  const body = new FormData();
  for (const file of files) body.append('files', file, file.name);
  const response = await fetch('/api/success/import', { method: 'POST', body });
  const answer = await response.json().catch(() => null);
  if (response.ok && answer && typeof answer === 'object' && answer.stored) return { ok: true, stored: answer.stored };
  const problems = answer && Array.isArray(answer.problems) ? answer.problems : [];
  const error = answer && typeof answer.error === 'string' ? answer.error : `HTTP ${response.status}`;
  return { ok: false, error, problems };
}

// @ts-check
/**
 * The Monte Carlo worker (a module worker): it loads the engine itself,
 * compiles the case's model document, applies the case's inputs, and runs
 * `monteCarlo({ trials, seed })` in chunks with `step(n)`, posting progress
 * after each chunk and yielding between chunks so a `cancel` message is
 * heard. The page's thread only draws.
 *
 * Its engine is Monte Carlo's own build, pkg-risk/ (`make pkg-risk`), which
 * the full build pkg/ leaves out. It loads on the first run, not before: a
 * user who never runs Monte Carlo never downloads it. While it loads the
 * worker says so (`loading`); when it cannot load (offline, a missing
 * build) it says that (`load-failed`) and the page starts a new worker for
 * the next run, since a module that failed to import stays failed in the
 * worker that tried.
 *
 * Messages in:  { type: 'run', runId, document, inputs, trials, seed, histogramBins, chunkTrials,
 *                 probability?: { output, comparison, threshold } }
 *               { type: 'cancel', runId }
 *               { type: 'probability', runId, output, comparison, threshold }
 * Messages out: { type: 'loading', runId }  (before the first run, while the engine loads)
 *               { type: 'load-failed', runId, message }
 *               { type: 'progress', runId, trialsDone, trialsTotal }
 *               { type: 'done' | 'cancelled', runId, result, probability, elapsedMs }
 *               { type: 'probability', runId, probability }
 *               { type: 'error', runId, message }
 *
 * It computes nothing itself: every trial and statistic is the engine's.
 */

/** @typedef {typeof import('../../pkg-risk/yardstick.js')} RiskEngine */
/** @typedef {import('../../pkg-risk/yardstick.js').Model} Model */
/** @typedef {import('../../pkg-risk/yardstick.js').MonteCarloRun} MonteCarloRun */
/** @typedef {{ output: string, comparison: string, threshold: number }} ProbabilityQuery */

// The worker's global scope, as far as this file uses it (the site's
// TypeScript settings know the DOM, not the worker library).
const worker = /** @type {{ postMessage: (message: unknown) => void, addEventListener: (type: 'message', listener: (event: MessageEvent) => void) => void }} */ (/** @type {unknown} */ (self));

/** The engine once loaded; null before the first run. */
/** @type {RiskEngine | null} */
let engine = null;
/** @type {Promise<RiskEngine> | null} */
let loading = null;

/** Loads the engine (its glue, then its wasm) once. */
function loadEngine() {
  loading ??= import('../../pkg-risk/yardstick.js').then(async (module) => {
    await module.default();
    engine = module;
    return module;
  });
  return loading;
}

/** The run the last `probability` question is about; kept until the next run. */
/** @type {{ runId: number, run: MonteCarloRun, model: Model } | null} */
let last = null;
/** Runs asked to stop. */
const cancelled = new Set();

/**
 * @param {MonteCarloRun} run
 * @param {ProbabilityQuery | undefined} query
 */
function probabilityOf(run, query) {
  if (!query) return null;
  return run.probability(query.output, query.comparison, query.threshold) ?? null;
}

// A turn of the event loop between chunks, so a queued `cancel` is heard.
// A message to ourselves, not setTimeout: nested timeouts are clamped to
// 4 ms, which over a hundred chunks cost 0.4 s of a 100,000-trial run.
const turn = new MessageChannel();
/** @type {(() => void)[]} */
const waiting = [];
turn.port1.onmessage = () => waiting.shift()?.();

/** A macrotask turn, so queued messages (a cancel) are delivered. */
function yieldToMessages() {
  return new Promise((resolve) => {
    waiting.push(() => resolve(undefined));
    turn.port2.postMessage(null);
  });
}

/** @param {any} message */
async function run(message) {
  const { runId } = message;
  if (!engine) {
    worker.postMessage({ type: 'loading', runId });
    try {
      await loadEngine();
    } catch (error) {
      worker.postMessage({ type: 'load-failed', runId, message: error instanceof Error ? error.message : String(error) });
      return;
    }
  }
  const { Model } = /** @type {RiskEngine} */ (engine);
  const started = performance.now();
  if (last) {
    last.run.free();
    last.model.free();
    last = null;
  }
  const model = Model.compile(message.document);
  model.evaluate(message.inputs);
  const monteCarlo = model.monteCarlo({ trials: message.trials, seed: message.seed, histogramBins: message.histogramBins });
  last = { runId, run: monteCarlo, model };
  for (;;) {
    const progress = monteCarlo.step(message.chunkTrials);
    worker.postMessage({ type: 'progress', runId, trialsDone: progress.trialsDone, trialsTotal: progress.trialsTotal });
    if (progress.done) break;
    await yieldToMessages();
    if (cancelled.delete(runId)) {
      worker.postMessage({ type: 'cancelled', runId, result: monteCarlo.result(), probability: probabilityOf(monteCarlo, message.probability), elapsedMs: performance.now() - started });
      return;
    }
  }
  const result = monteCarlo.result();
  worker.postMessage({ type: 'done', runId, result, probability: probabilityOf(monteCarlo, message.probability), elapsedMs: performance.now() - started });
}

worker.addEventListener('message', (event) => {
  const message = event.data;
  const fail = (/** @type {unknown} */ error) => worker.postMessage({ type: 'error', runId: message.runId, message: error instanceof Error ? error.message : String(error) });
  switch (message.type) {
    case 'run':
      run(message).catch(fail);
      break;
    case 'cancel':
      cancelled.add(message.runId);
      break;
    case 'probability':
      try {
        const probability = last && last.runId === message.runId ? probabilityOf(last.run, message) : null;
        worker.postMessage({ type: 'probability', runId: message.runId, probability });
      } catch (error) {
        fail(error);
      }
      break;
    default:
      fail(new Error(`unknown message type ${message.type}`));
  }
});

// @ts-check
/**
 * The site's read-only API as the gallery and the embed page read it: the
 * models this server serves (`GET /api/models`) and the other origins it
 * allows (`GET /api/site`), both documented in docs/engagement.md ("The
 * site's API"). The server reads and checks each model with the engine;
 * this module only fetches and types the answers.
 */

/**
 * What the engine advises the author of a model that loads to change
 * (`unbounded-input`: a money input without a maximum).
 * @typedef {{ code: string, path: string, message: string }} ModelAdvice
 */

/**
 * One model file of the models folder: its metadata and the engine's
 * advice when the engine accepts it, else `problem`, the first reason it
 * cannot be loaded.
 * @typedef {{ file: string, url: string, id?: string, version?: string, title?: string,
 *   description?: string | null, advice?: ModelAdvice[], problem?: string }} ModelEntry
 */

/**
 * The models the server lists, sorted by file name.
 * @returns {Promise<{ models: ModelEntry[], truncated: boolean }>}
 */
export async function fetchModels() {
  const response = await fetch('/api/models', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/models answered ${response.status}`);
  const body = await response.json();
  return { models: Array.isArray(body.models) ? body.models : [], truncated: body.truncated === true };
}

/**
 * The origins given to the server with `--allow-origin` and `--embed-origin`.
 * @returns {Promise<{ allowOrigins: string[], embedOrigins: string[] }>}
 */
export async function fetchSite() {
  const response = await fetch('/api/site', { headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`GET /api/site answered ${response.status}`);
  const body = await response.json();
  /** @param {unknown} list */
  const texts = (list) => (Array.isArray(list) ? list.filter((item) => typeof item === 'string') : []);
  return { allowOrigins: texts(body.allow_origins), embedOrigins: texts(body.embed_origins) };
}

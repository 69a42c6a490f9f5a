// @ts-check
/**
 * The one check of a link or address the page was given: is it http(s)?
 * Shared by the widget (its call to action) and the iframe embed (`src`,
 * `collector`). It parses only; it fetches nothing.
 */

/**
 * `value` resolved against `base`, only if it is http(s): a `javascript:`,
 * `data:`, `blob:` or `vbscript:` link would run on the host's origin. The
 * URL parser strips the spaces, tabs and newlines browsers ignore.
 * @param {string} value
 * @param {string} base
 * @returns {URL | null}
 */
export function httpUrl(value, base) {
  try {
    const url = new URL(value, base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    // Not a URL at all.
    return null;
  }
}

/**
 * Why a fetch from another site may fail, for the page author: a browser
 * hides the reason (CORS) from scripts, so say what to check.
 * @param {URL} url
 */
export function crossOriginHint(url) {
  return url.origin === location.origin ? '' : `: the network failed, or that server does not allow pages from ${location.origin} (yardstick-serve --allow-origin ${location.origin})`;
}

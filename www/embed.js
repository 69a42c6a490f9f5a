// @ts-check
/**
 * The iframe embed (`embed.html?src=/models/saas-roi.json`), for sites whose
 * CMS strips scripts. It turns the query string's known options into the
 * element's attributes (nothing else is read from it) and tells the parent
 * page its height, for hosts that want to size the frame to fit.
 *
 * Anyone can link to this page with any query string, and what it shows
 * speaks with the site's voice, so `src` and `collector` must be http(s) URLs
 * on this site's origin or on one the `yardstick-embed-origins` meta lists.
 * A refused `src` shows a message instead of a widget (its text is never
 * shown: it is the attacker's); a refused `collector` is dropped with a
 * console warning and the widget works without it. The widget itself turns
 * `cta-href` into a link only when it is http(s).
 */

import { httpUrl } from './widget/urls.js';

/** The only query parameters passed on to the widget. */
const OPTIONS = ['scenario', 'locale', 'currency', 'idle-timeout-ms', 'datalayer', 'consent', 'cta-href', 'cta-label'];

/** This origin and those the page's `yardstick-embed-origins` meta lists. */
const allowedOrigins = new Set([location.origin]);
for (const listed of document.querySelector('meta[name="yardstick-embed-origins"]')?.getAttribute('content')?.split(/\s+/) ?? []) {
  const url = httpUrl(listed, location.href);
  if (url && listed) allowedOrigins.add(url.origin);
}

/**
 * `value` as an absolute URL if its origin may serve this page's widget, else null.
 * @param {string} value
 */
function allowedUrl(value) {
  const url = httpUrl(value, location.href);
  return url && allowedOrigins.has(url.origin) ? url.href : null;
}

const params = new URLSearchParams(location.search);
const main = /** @type {HTMLElement} */ (document.getElementById('calculator'));
const requested = params.get('src') ?? './models/saas-roi.json';
const src = allowedUrl(requested);
if (src === null) {
  console.warn(`yardstick: embed.html refused src ${JSON.stringify(requested)}: models load only from ${[...allowedOrigins].join(' ')} (see the yardstick-embed-origins meta)`);
  const message = document.createElement('p');
  message.className = 'embed-refused';
  message.setAttribute('role', 'alert');
  message.textContent = "This calculator can't be shown: its model address is not allowed on this site.";
  main.append(message);
} else {
  // The shipped embed script (minified, built by `make pkg-widget`); a URL
  // import, so the type checker does not read minified code.
  await import(new URL('./pkg-widget/yardstick-widget.min.js', import.meta.url).href);
  const element = document.createElement('yardstick-calculator');
  element.setAttribute('src', src);
  for (const name of OPTIONS) {
    const value = params.get(name);
    if (value !== null) element.setAttribute(name, value);
  }
  const collector = params.get('collector');
  if (collector !== null) {
    const allowed = allowedUrl(collector);
    if (allowed) element.setAttribute('collector', allowed);
    else console.warn(`yardstick: embed.html refused collector ${JSON.stringify(collector)}: events go only to ${[...allowedOrigins].join(' ')}; the calculator runs without a collector`);
  }
  main.append(element);
}

// Auto-height (README, "Iframe height"): the content's height in CSS pixels,
// posted to the host page whenever it changes; the host's one-line resizer
// sizes the frame. The body's own height, not the document's scrollHeight,
// which never drops below the frame's, so a frame could grow but never shrink.
// The message carries only a height, so any host may read it.
if (window.parent !== window) {
  new ResizeObserver(() => {
    window.parent.postMessage({ type: 'yardstick:resize', height: Math.ceil(document.body.getBoundingClientRect().height) }, '*');
  }).observe(document.body);
}

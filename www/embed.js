// @ts-check
/**
 * The iframe embed (`embed.html?src=/models/saas-roi.json`), for sites whose
 * CMS strips scripts. It turns the query string's known options into the
 * element's attributes (nothing else is read from it) and tells the parent
 * page its height, for hosts that want to size the frame to fit.
 */

// The shipped embed script (minified, built by `make pkg-widget`); a URL
// import, so the type checker does not read minified code.
await import(new URL('./pkg-widget/yardstick-widget.min.js', import.meta.url).href);

/** The only query parameters passed on to the widget. */
const OPTIONS = ['src', 'scenario', 'locale', 'currency', 'idle-timeout-ms', 'collector', 'datalayer', 'consent', 'cta-href', 'cta-label'];

const params = new URLSearchParams(location.search);
const element = document.createElement('yardstick-calculator');
for (const name of OPTIONS) {
  const value = params.get(name);
  if (value !== null) element.setAttribute(name, value);
}
if (!params.has('src')) element.setAttribute('src', './models/saas-roi.json');
document.getElementById('calculator')?.append(element);

// Sizing is a courtesy to the host page; the message carries only a height.
if (window.parent !== window) {
  new ResizeObserver(() => {
    window.parent.postMessage({ type: 'yardstick:resize', height: Math.ceil(document.documentElement.scrollHeight) }, '*');
  }).observe(document.body);
}

// @ts-check
/**
 * The page snippet's listeners (docs/engagement.md, "The page snippet"):
 * forwards page-level facts to the page's tracker, each as it happens: an
 * input anywhere on the page (scroll, key, pointer, wheel), the scroll
 * position and size, a click on a link (its resolved `href`, whatever it
 * points to) and a video that started playing (its `currentSrc` and id).
 *
 * It decides nothing: whether a link is a download or outbound, what part
 * of an address may leave the page, how deep the page is scrolled and
 * what counts as engaged time are the engine's rules (Rust core,
 * `engagement::page_facts` and the tracker's page part).
 */

/**
 * @callback PageFactSink
 * @param {'input' | 'scroll' | 'link' | 'video'} fact
 * @param {string} [text] the link's `href` or the video's `currentSrc`
 * @param {string} [id] the video element's id
 * @param {number} [topPx]
 * @param {number} [viewportPx]
 * @param {number} [heightPx]
 * @returns {void}
 */

/**
 * Installs the listeners (once per page; the caller makes sure) and
 * reports the scroll position the page opens at.
 * @param {PageFactSink} report
 */
export function listenToPage(report) {
  const scrollFact = () => report('scroll', undefined, undefined, window.scrollY, window.innerHeight, document.documentElement.scrollHeight);
  const input = () => report('input');
  // Capture, so that a handler stopping propagation hides nothing.
  const options = { capture: true, passive: true };
  window.addEventListener(
    'scroll',
    () => {
      input();
      scrollFact();
    },
    options,
  );
  for (const type of ['keydown', 'pointerdown', 'wheel']) document.addEventListener(type, input, options);
  document.addEventListener(
    'click',
    (event) => {
      // The nearest link on the event's path, inside shadow roots too.
      const link = event.composedPath().find((node) => node instanceof HTMLAnchorElement || node instanceof HTMLAreaElement);
      if (link && /** @type {HTMLAnchorElement} */ (link).href) report('link', /** @type {HTMLAnchorElement} */ (link).href);
    },
    options,
  );
  // `play` does not bubble; captured at the document it is seen for every video.
  document.addEventListener(
    'play',
    (event) => {
      const video = event.target;
      if (video instanceof HTMLVideoElement) report('video', video.currentSrc, video.id);
    },
    options,
  );
  scrollFact();
}

// @ts-check
/**
 * How much of a widget is in view, reported to the engine as a ratio (the
 * engine decides what counts as "in view": docs/engagement.md). A widget
 * taller than the viewport counts by how much of the viewport it fills, so
 * a tall calculator can still be half in view.
 */

/** Every 5%: the engine's 50% rule never waits for a coarse threshold. */
const RATIO_THRESHOLDS = Array.from({ length: 21 }, (_, i) => i / 20);

/**
 * Observes `element` and calls `report` with its in-view ratio (0 to 1)
 * whenever it crosses a threshold.
 * @param {Element} element
 * @param {(ratio: number) => void} report
 * @returns {IntersectionObserver} disconnect it when the widget leaves
 */
export function observeInView(element, report) {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        const own = entry.boundingClientRect.height;
        // In a cross-origin frame the top viewport is hidden (no
        // rootBounds) and the frame may be as tall as the widget
        // (auto-height): the screen's height bounds the viewport from
        // above, so a widget filling the visitor's window still counts.
        const viewport = entry.rootBounds?.height ?? Math.min(window.innerHeight, screen.availHeight);
        const visible = entry.intersectionRect.height;
        report(entry.isIntersecting ? Math.min(1, visible / Math.max(1, Math.min(own, viewport))) : 0);
      }
    },
    { threshold: RATIO_THRESHOLDS },
  );
  observer.observe(element);
  return observer;
}

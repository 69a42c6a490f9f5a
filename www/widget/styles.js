// @ts-check
/**
 * The widget's stylesheet, inside its shadow root: the host page's CSS
 * cannot reach in, and this cannot leak out. `:host { all: initial }` also
 * stops inherited fonts, colours and spacing from the page. Theming goes
 * through CSS custom properties (`--yardstick-*`, which do cross the shadow
 * boundary) and `::part()`.
 */

export const WIDGET_CSS = `
:host {
  all: initial;
  display: block;
  contain: content;
  font-family: var(--yardstick-font, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--yardstick-font-size, 16px);
  line-height: 1.45;
  color: var(--yardstick-text, #1b1f24);
  --ys-accent: var(--yardstick-accent, #2350c7);
  --ys-muted: var(--yardstick-muted, #525a66);
  --ys-bg: var(--yardstick-background, #ffffff);
  --ys-surface: var(--yardstick-surface, #f4f6fa);
  --ys-border: var(--yardstick-border, #c9d0db);
  --ys-negative: var(--yardstick-negative, #b3261e);
  --ys-radius: var(--yardstick-radius, 10px);
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
*, *::before, *::after { box-sizing: border-box; }
.calc { container-type: inline-size; background: var(--ys-bg); border: 1px solid var(--ys-border); border-radius: var(--ys-radius); padding: 1.25em; }
.title { font-size: 1.3em; line-height: 1.25; margin: 0 0 .3em; font-weight: 650; }
.description { margin: 0 0 1em; color: var(--ys-muted); font-size: .92em; }
.tabs { display: flex; flex-wrap: wrap; gap: .25em; margin: 0 0 1em; border-bottom: 1px solid var(--ys-border); }
.tab { font: inherit; font-size: .92em; color: var(--ys-muted); background: none; border: 0; border-bottom: 3px solid transparent; padding: .45em .8em; cursor: pointer; margin-bottom: -1px; }
.tab[aria-pressed="true"] { color: var(--ys-accent); border-bottom-color: var(--ys-accent); font-weight: 600; }
.body { display: grid; gap: 1.25em; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
@container (max-width: 640px) { .body { grid-template-columns: 1fr; } }
@media (max-width: 700px) { .body { grid-template-columns: 1fr; } }
.inputs { display: grid; gap: .9em; margin: 0; }
.field { display: grid; gap: .25em; }
.label { font-weight: 600; font-size: .92em; }
.control-row { display: flex; gap: .75em; align-items: center; }
.slider { flex: 1; min-width: 6em; accent-color: var(--ys-accent); margin: 0; }
.number-wrap { display: inline-flex; align-items: center; gap: .3em; }
.number, .select, .date { font: inherit; color: inherit; background: var(--ys-bg); border: 1px solid var(--ys-border); border-radius: calc(var(--ys-radius) * .6); padding: .35em .5em; }
.number { width: 8em; text-align: right; font-variant-numeric: tabular-nums; }
.suffix { color: var(--ys-muted); font-size: .85em; max-width: 9em; }
.toggle-row { display: flex; gap: .6em; align-items: center; }
.toggle { width: 1.2em; height: 1.2em; accent-color: var(--ys-accent); margin: 0; }
.help { margin: 0; color: var(--ys-muted); font-size: .82em; }
.field-error { margin: 0; color: var(--ys-negative); font-size: .85em; font-weight: 600; }
[aria-invalid="true"] { border-color: var(--ys-negative); outline-color: var(--ys-negative); }
:focus-visible { outline: 3px solid var(--ys-accent); outline-offset: 2px; }
.outputs { background: var(--ys-surface); border-radius: var(--ys-radius); padding: 1em; align-self: start; position: sticky; top: .5em; }
.result-bar { display: none; }
@container (max-width: 640px) { .outputs { position: static; } .result-bar { display: flex; } }
@media (max-width: 700px) { .outputs { position: static; } .result-bar { display: flex; } }
.result-bar { position: sticky; bottom: 0; z-index: 1; justify-content: space-between; gap: 1em; align-items: baseline; margin-top: 1em; padding: .6em 1em; background: var(--ys-surface); border: 1px solid var(--ys-border); border-radius: var(--ys-radius); box-shadow: 0 -2px 8px rgba(0, 0, 0, .08); }
.result-bar strong { font-size: 1.15em; font-variant-numeric: tabular-nums; }
.outputs-title { margin: 0 0 .5em; font-size: 1em; font-weight: 650; }
.held { margin: 0 0 .5em; font-size: .85em; font-weight: 600; }
.held:empty { display: none; }
.outputs[data-held] .output-list { opacity: .55; }
.output-list { display: grid; gap: .7em; margin: 0; }
.output { display: grid; gap: .1em; }
.output dt { font-size: .85em; color: var(--ys-muted); }
.output dd { margin: 0; }
.output-value { font-size: 1.35em; font-weight: 700; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.output-value.negative { color: var(--ys-negative); }
.output-note { display: block; font-size: .8em; color: var(--ys-muted); }
.output-note[hidden] { display: none; }
.charts { display: grid; gap: 1em; margin-top: 1.25em; grid-template-columns: repeat(auto-fit, minmax(min(100%, 300px), 1fr)); }
.chart { margin: 0; }
.chart figcaption { font-weight: 600; font-size: .92em; margin-bottom: .3em; }
.chart-svg { width: 100%; height: auto; display: block; overflow: visible; }
.chart-svg .tick { fill: var(--ys-muted); font-family: inherit; }
.chart-svg .grid { stroke: var(--ys-border); stroke-width: 1; stroke-dasharray: 3 3; }
.chart-svg .axis { stroke: var(--ys-muted); stroke-width: 1; }
.chart-svg .bar.low { fill: var(--yardstick-series-2, #d9730d); }
.chart-svg .bar.high { fill: var(--yardstick-series-1, #2454d6); }
.legend { display: flex; flex-wrap: wrap; gap: .9em; list-style: none; margin: .3em 0 0; padding: 0; font-size: .8em; color: var(--ys-muted); }
.swatch { display: inline-block; width: .8em; height: .8em; border-radius: 2px; margin-right: .35em; vertical-align: -.05em; }
.swatch.low { background: var(--yardstick-series-2, #d9730d); }
.swatch.high { background: var(--yardstick-series-1, #2454d6); }
.cta { display: inline-block; margin-top: 1em; font: inherit; font-weight: 600; color: #fff; background: var(--ys-accent); border: 0; border-radius: calc(var(--ys-radius) * .6); padding: .6em 1.1em; cursor: pointer; text-decoration: none; }
.lead-form { display: grid; gap: .7em; margin-top: 1em; padding-top: 1em; border-top: 1px solid var(--ys-border); }
.lead-form .lead-input { width: 100%; text-align: left; }
.lead-actions { display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
.lead-actions .cta { margin: 0; }
.lead-cancel { font: inherit; color: var(--ys-accent); background: none; border: 0; padding: .3em; cursor: pointer; text-decoration: underline; }
.lead-status { margin: 0; font-size: .9em; }
.lead-status:empty { display: none; }
.status { color: var(--ys-muted); margin: 0; }
.status.error { color: var(--ys-negative); }
.problems { margin: .5em 0 0; padding-left: 1.2em; color: var(--ys-negative); font-size: .9em; }
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
`;

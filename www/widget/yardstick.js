// @ts-check
/**
 * The embed script: `<script type="module" src=".../widget/yardstick.js">`
 * defines `<yardstick-calculator>` once per page. Everything else (the
 * engine, styles, charts) loads from beside this file.
 */

import { YardstickCalculator } from './element.js';

if (!customElements.get('yardstick-calculator')) {
  customElements.define('yardstick-calculator', YardstickCalculator);
}

export { YardstickCalculator };

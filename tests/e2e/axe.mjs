// axe-core in a page, the one copy every browser test uses.

import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness.mjs';

const AXE_SOURCE = fs.readFileSync(path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/**
 * axe-core's violations on the page as it is now (open shadow roots
 * included), one line each: rule, help and the nodes.
 * @param {import('playwright-core').Page | import('playwright-core').Frame} page
 */
export async function axeViolations(page) {
  // Evaluated, not added as an inline <script>: the pages' CSP refuses those.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = /** @type {any} */ (window).axe;
    const run = await axe.run(document, { resultTypes: ['violations'] });
    return run.violations.map((/** @type {any} */ v) => `${v.id}: ${v.help} (${v.nodes.map((/** @type {any} */ n) => n.target.join(' ')).join('; ')})`);
  });
}

// Fails when the generated public TypeScript declarations use `any`:
// every value that crosses into JavaScript must have a precise type.
import { readFileSync } from 'node:fs';

const path = process.argv[2];
if (!path) {
  console.error('usage: node scripts/check-dts.mjs pkg/yardstick.d.ts');
  process.exit(2);
}
const lines = readFileSync(path, 'utf8').split('\n');
const offenders = lines
  .map((text, index) => ({ text, line: index + 1 }))
  .filter(({ text }) => /\bany\b/.test(text.replace(/\/\/.*$|\/\*.*?\*\/|^\s*\*.*$/g, '')));
if (offenders.length > 0) {
  for (const { text, line } of offenders) console.error(`${path}:${line}: uses any: ${text.trim()}`);
  process.exit(1);
}
console.log(`${path}: no 'any' in the public types`);

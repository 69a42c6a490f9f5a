// Unit tests of the helpers the site and the widget share:
// www/widget/urls.js and www/widget/values.js.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { httpUrl } from '../../www/widget/urls.js';
import { isFormulaError } from '../../www/widget/values.js';

const BASE = 'https://shop.example/pricing/roi.html';

test('httpUrl resolves http(s) links against the base', () => {
  assert.equal(httpUrl('/contact', BASE)?.href, 'https://shop.example/contact');
  assert.equal(httpUrl('next.html', BASE)?.href, 'https://shop.example/pricing/next.html');
  assert.equal(httpUrl('http://other.example/a', BASE)?.href, 'http://other.example/a');
  // Browsers ignore tabs and newlines in URLs, and so does the parser.
  assert.equal(httpUrl('https://exa\tmple.com/\n', BASE)?.href, 'https://example.com/');
});

test('httpUrl refuses every scheme that would run or smuggle content', () => {
  for (const link of ['javascript:alert(1)', ' JaVaScRiPt:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>1</script>', 'vbscript:msgbox', 'blob:https://shop.example/x', 'file:///etc/passwd', 'http://[bad']) {
    assert.equal(httpUrl(link, BASE), null, link);
  }
});

test('isFormulaError tells error values from the other values', () => {
  assert.equal(isFormulaError({ error: '#DIV/0!', message: 'division by zero' }), true);
  for (const value of [0, 1.5, '', 'text', true, false, null, undefined, [[1]], [], { value: 1 }]) {
    assert.equal(isFormulaError(value), false, JSON.stringify(value));
  }
});

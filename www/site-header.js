// @ts-check
/**
 * `<site-header current="gallery.html">`: the site's header and navigation,
 * in one copy for every page. The link to the page named by `current` is
 * marked `aria-current="page"`; children the page puts inside (the
 * playground's engine version) go at the end of the header row. It is a
 * plain element in the light DOM, so `style.css` styles it, and a module
 * file, so the pages keep their CSP (no inline script or style). It knows
 * nothing of the engine.
 */

import { h } from './widget/dom.js';

/** The site's pages, in the order the navigation lists them. */
const PAGES = [
  ['index.html', 'Playground'],
  ['gallery.html', 'Calculators'],
  ['workbench.html', 'Workbench'],
  ['embed-this.html', 'Embed'],
  ['dashboard.html', 'Engagement'],
  ['pipeline.html', 'Pipeline'],
  ['success.html', 'Success'],
  ['journey.html', 'Journey'],
];

export class SiteHeader extends HTMLElement {
  connectedCallback() {
    if (this.querySelector(':scope > header')) return;
    const current = this.getAttribute('current');
    const nav = h('nav', { class: 'site-nav', 'aria-label': 'Site' }, ...PAGES.map(([file, label]) => h('a', { href: `./${file}`, 'aria-current': file === current ? 'page' : null }, label)));
    const extras = [...this.childNodes];
    const brand = h('p', { class: 'brand' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '▮▮▯'), ' Yardstick');
    this.replaceChildren(h('header', { class: 'site-header' }, h('div', { class: 'wrap header-row' }, brand, nav, ...extras)));
  }
}

if (!customElements.get('site-header')) customElements.define('site-header', SiteHeader);

// @ts-check
/**
 * Editing help for the formula input: an accessible autocomplete list
 * (WAI-ARIA combobox with a listbox popup) of the functions whose names
 * start with the name being typed. Which name the caret is typing comes
 * from the engine (`nameAt`, read with the formula lexer, as `callAt` is);
 * this file only shows and inserts the suggestions.
 */

import { h } from './widget/dom.js';

/** @typedef {import('./engine.js').FunctionHelp} FunctionInfo */
/** @typedef {import('./engine.js').Engine['nameAt']} NameAtFn */

/** Most suggestions shown at once. */
const MAX_SUGGESTIONS = 8;

/**
 * The functions to offer for a name typed so far (`prefix`, any case):
 * those whose names start with it, at most MAX_SUGGESTIONS, in catalog
 * order; none when the name is already complete and its `(` follows.
 * @param {FunctionInfo[]} catalog
 * @param {string} prefix
 * @param {string} nextChar the character after the whole name
 * @returns {FunctionInfo[]}
 */
export function suggestionsFor(catalog, prefix, nextChar) {
  const upper = prefix.toUpperCase();
  const matches = catalog.filter((info) => info.name.startsWith(upper));
  const complete = matches.length === 1 && matches[0]?.name === upper && nextChar === '(';
  return complete ? [] : matches.slice(0, MAX_SUGGESTIONS);
}

/**
 * The autocomplete popup bound to one input.
 */
export class Autocomplete {
  /**
   * @param {HTMLInputElement} input the combobox
   * @param {HTMLUListElement} listbox its popup
   * @param {FunctionInfo[]} catalog every function, in display order
   * @param {NameAtFn} nameAt the engine's reading of the name at the caret
   * @param {() => void} onInsert called after a name was inserted
   */
  constructor(input, listbox, catalog, nameAt, onInsert) {
    this.input = input;
    this.nameAt = nameAt;
    this.listbox = listbox;
    this.catalog = [...catalog].sort((a, b) => a.name.localeCompare(b.name));
    this.onInsert = onInsert;
    /** @type {FunctionInfo[]} */
    this.matches = [];
    this.activeIndex = -1;
    /** @type {{ start: number, end: number } | null} */
    this.range = null;

    input.addEventListener('keydown', (event) => this.onKeyDown(event));
    input.addEventListener('blur', () => this.close());
    // Keep focus in the input while an option is clicked.
    listbox.addEventListener('mousedown', (event) => event.preventDefault());
    listbox.addEventListener('click', (event) => {
      const target = event.target instanceof Element ? event.target.closest('[role="option"]') : null;
      const index = target instanceof HTMLElement ? Number(target.dataset.index) : -1;
      if (index >= 0) this.choose(index);
    });
  }

  get isOpen() {
    return !this.listbox.hidden;
  }

  /** Recomputes the suggestions for the text at the caret (call on input). */
  refresh() {
    const caret = this.input.selectionStart ?? this.input.value.length;
    const found = this.nameAt(this.input.value, caret);
    if (!found) {
      this.close();
      return;
    }
    const matches = suggestionsFor(this.catalog, found.prefix, this.input.value.charAt(found.end));
    if (matches.length === 0) {
      this.close();
      return;
    }
    this.range = { start: found.start, end: found.end };
    this.matches = matches;
    this.activeIndex = 0;
    this.render();
  }

  close() {
    this.listbox.hidden = true;
    this.listbox.replaceChildren();
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
    this.matches = [];
    this.activeIndex = -1;
    this.range = null;
  }

  render() {
    const options = this.matches.map((info, index) => {
      const option = h('li', { class: 'suggestion' });
      option.id = `suggestion-${info.name}`;
      option.setAttribute('role', 'option');
      option.dataset.index = String(index);
      option.setAttribute('aria-selected', String(index === this.activeIndex));
      const head = h('span', { class: 'suggestion-head' });
      head.append(h('span', { class: 'suggestion-name' }, info.name), h('span', { class: 'suggestion-category' }, info.category));
      option.append(head, h('code', { class: 'suggestion-signature' }, info.signature), h('span', { class: 'suggestion-summary' }, info.summary));
      return option;
    });
    this.listbox.replaceChildren(...options);
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.highlight();
  }

  highlight() {
    const options = this.listbox.querySelectorAll('[role="option"]');
    options.forEach((option, index) => option.setAttribute('aria-selected', String(index === this.activeIndex)));
    const active = options.item(this.activeIndex);
    if (active) {
      this.input.setAttribute('aria-activedescendant', active.id);
      this.keepInView(/** @type {HTMLElement} */ (active));
    } else {
      this.input.removeAttribute('aria-activedescendant');
    }
  }

  /**
   * Scrolls the list (never the page) so that the option is visible.
   * @param {HTMLElement} option
   */
  keepInView(option) {
    const list = this.listbox;
    if (option.offsetTop < list.scrollTop) {
      list.scrollTop = option.offsetTop;
    } else if (option.offsetTop + option.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = option.offsetTop + option.offsetHeight - list.clientHeight;
    }
  }

  /** @param {number} step */
  move(step) {
    const count = this.matches.length;
    if (count === 0) return;
    this.activeIndex = (this.activeIndex + step + count) % count;
    this.highlight();
  }

  /**
   * Replaces the name being typed with `NAME(` and puts the caret after it.
   * @param {number} index
   */
  choose(index) {
    const info = this.matches[index];
    const range = this.range;
    if (!info || !range) return;
    const text = this.input.value;
    const hasParen = text.charAt(range.end) === '(';
    const insertion = hasParen ? info.name : `${info.name}(`;
    this.input.setRangeText(insertion, range.start, range.end, 'end');
    if (hasParen) {
      const caret = range.start + info.name.length + 1;
      this.input.setSelectionRange(caret, caret);
    }
    this.close();
    this.onInsert();
  }

  /** @param {KeyboardEvent} event */
  onKeyDown(event) {
    if (event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    if (!this.isOpen) {
      if (event.key === 'ArrowDown') {
        this.refresh();
        if (this.isOpen) event.preventDefault();
      }
      return;
    }
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        this.move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        this.move(-1);
        break;
      case 'Home':
      case 'End':
      case 'ArrowLeft':
      case 'ArrowRight':
        this.close();
        break;
      case 'Enter':
      case 'Tab':
        if (this.activeIndex >= 0 && !event.shiftKey) {
          event.preventDefault();
          this.choose(this.activeIndex);
        }
        break;
      case 'Escape':
        event.preventDefault();
        this.close();
        break;
      default:
        break;
    }
  }
}

// The page's words in the current language. Elements name their text with
// data-i18n (text), data-i18n-title, data-i18n-aria, data-i18n-label and
// data-i18n-placeholder; scripts call t(key, values) for text they build,
// and onLanguage(fn) to rebuild it when the language changes.
import STRINGS from './strings.js';
import { formatNumber, localizeNumber, parseNumber, numberListSeparator } from './pkg/neuroplay.js';

export const LANGUAGES = ['en', 'cs'];

let current = 'en';
/** @type {Set<(lang: string) => void>} */
const listeners = new Set();

/** The language a first visit gets: the browser's, if we speak it. */
export function browserLanguage() {
  for (const lang of navigator.languages ?? [navigator.language]) {
    const code = String(lang).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(code)) return code;
  }
  return 'en';
}

/** The page's language now: 'en' or 'cs'. */
export function language() {
  return current;
}

/**
 * Whether `key` has a text in the current language (or in English).
 * @param {string} key
 */
export function has(key) {
  return key in STRINGS[current] || key in STRINGS.en;
}

/**
 * The text of `key` in the current language, with {name} filled from
 * `values`, and {name:one=…|few=…|other=…} replaced by the form the
 * language's plural rules pick for the number `values[name]` ("after 1
 * step", "po 2 krocích"). A number in `values` is written as `count` or
 * `value` write it.
 * @param {string} key
 * @param {Record<string, unknown>} [values]
 * @returns {string}
 */
export function t(key, values = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text
    .replace(/\{(\w+):([^}]+)\}/g, (_, /** @type {string} */ name, /** @type {string} */ forms) => {
      /** @type {Record<string, string>} */
      const byCategory = Object.fromEntries(forms.split('|').map((f) => f.split('=')));
      const category = new Intl.PluralRules(current).select(Number(values[name]));
      return byCategory[category] ?? byCategory.other ?? '';
    })
    .replace(/\{(\w+)\}/g, (_, /** @type {string} */ name) => {
      const v = values[name];
      // A number given as such is written by the core's formatter: a count
      // with its thousands grouped, any other number as a value.
      if (typeof v === 'number') return Number.isInteger(v) ? count(v) : value(v);
      return String(v ?? `{${name}}`);
    });
}

// Numbers are written by the core's one formatter (view::number), so that
// the page's text and the figures on its canvases agree: the language's
// decimal mark, a true minus, thousands grouped as Intl.NumberFormat groups
// them, at most four significant digits (five in a table), and one
// scientific form, 3,3·10⁻⁹.

/**
 * `x` as a readout: at most `digits` decimals and four significant digits,
 * a million and more as a power of ten (7,523·10³⁰); '–' when it is not a
 * finite number.
 * @param {unknown} x
 * @param {number} [digits]
 * @returns {string}
 */
export function num(x, digits = 3) {
  return typeof x === 'number' ? formatNumber(x, 'decimals', digits, current) : '–';
}

/**
 * `x` in a table's cell: as `num`, with at most five significant digits.
 * @param {unknown} x
 * @param {number} [digits]
 */
export function cell(x, digits = 3) {
  return typeof x === 'number' ? formatNumber(x, 'table', digits, current) : '–';
}

/**
 * A value by itself, as a tick writes it: four significant digits, a power
 * of ten when tiny or huge (1·10⁻⁵).
 * @param {unknown} x
 */
export function value(x) {
  return typeof x === 'number' ? formatNumber(x, 'value', 0, current) : '–';
}

/**
 * A count with its thousands grouped as the language groups them (1,234; 12 345).
 * @param {unknown} x
 */
export function count(x) {
  return typeof x === 'number' ? formatNumber(x, 'grouped', 0, current) : '–';
}

/**
 * `x` with exactly `digits` decimals, as `num` writes it (a readout keeps its width while it changes).
 * @param {unknown} x
 * @param {number} digits
 */
export function fixed(x, digits) {
  return typeof x === 'number' ? formatNumber(x, 'fixed', digits, current) : '–';
}

/**
 * A small number as 3,3·10⁻⁹: a mantissa of at most `digits` decimals and a power of ten; 0 as 0.
 * @param {unknown} x
 * @param {number} [digits]
 */
export function scientific(x, digits = 1) {
  return typeof x === 'number' ? formatNumber(x, 'scientific', digits, current) : '–';
}

/**
 * A number written as a link writes it ("-0.25", "1e-8") as the page writes a value ("−0,25", "1·10⁻⁸").
 * @param {string} text
 */
export function numeral(text) {
  return localizeNumber(String(text), current);
}

/**
 * A number as a factor of a product: negative ones in parentheses.
 * @param {number} x
 * @param {number} [digits]
 */
export function factor(x, digits = 3) {
  return x < 0 ? `(${num(x, digits)})` : num(x, digits);
}

/**
 * Numbers (already written) as a list: "0.3632, 0.5374"; in Czech, where
 * the comma is the decimal mark, "0,3632; 0,5374".
 * @param {string[]} items
 */
export function list(items) {
  return items.join(numberListSeparator(current));
}

/**
 * `x` as a number field shows it, to be read back by `readNumber`: four
 * significant digits, the language's mark and minus, not grouped.
 * @param {number} x
 */
export function fieldText(x) {
  return formatNumber(x, 'field', 0, current);
}

/**
 * A number typed into a field, in either language: "0,1", "0.1", "−2" and
 * "-2" all read; `undefined` when the text is not a number.
 * @param {string} text
 * @returns {number | undefined}
 */
export function readNumber(text) {
  return parseNumber(text);
}

/**
 * Calls `fn(lang)` after every change of language.
 * @param {(lang: string) => void} fn
 */
export function onLanguage(fn) {
  listeners.add(fn);
}

/**
 * Translates every marked element under `root`.
 * @param {ParentNode} root
 */
export function translate(root = document) {
  // The selectors promise each attribute; `?? ''` only tells the type check so.
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.getAttribute('data-i18n') ?? '');
  for (const el of root.querySelectorAll('[data-i18n-title]')) {
    if (el instanceof HTMLElement) el.title = t(el.dataset.i18nTitle ?? '');
  }
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.getAttribute('data-i18n-aria') ?? ''));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    if (el instanceof HTMLInputElement) el.placeholder = t(el.dataset.i18nPlaceholder ?? '');
  }
  for (const el of root.querySelectorAll('[data-i18n-label]')) {
    if (el instanceof HTMLOptGroupElement || el instanceof HTMLOptionElement) el.label = t(el.dataset.i18nLabel ?? '');
  }
}

/**
 * Switches the page to `lang`, translates it and tells the listeners (only on a change).
 * @param {string} lang
 */
export function setLanguage(lang) {
  const next = LANGUAGES.includes(lang) ? lang : 'en';
  const changed = next !== current || document.documentElement.lang !== next;
  current = next;
  document.documentElement.lang = current;
  translate();
  if (changed) for (const fn of listeners) fn(current);
}

// The page's words in the current language. Elements name their text with
// data-i18n (text), data-i18n-title, data-i18n-aria, data-i18n-label and
// data-i18n-placeholder; scripts call t(key, values) for text they build,
// and onLanguage(fn) to rebuild it when the language changes.
import STRINGS from './strings.js';

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
 * step", "po 2 krocích").
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
    .replace(/\{(\w+)\}/g, (_, /** @type {string} */ name) => String(values[name] ?? `{${name}}`));
}

/**
 * `x` as the page writes numbers: at most `digits` decimals, the language's
 * decimal mark, a true minus sign; '–' when it is not a finite number.
 * @param {unknown} x
 * @param {number} [digits]
 * @returns {string}
 */
export function num(x, digits = 3) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  // A million and more in powers of ten: 7.52·10³⁰, not thirty-one digits.
  if (Math.abs(x) >= 1e6) {
    const [mantissa, exponent] = x.toExponential(2).split('e');
    const power = String(Number(exponent)).replace(/[-\d]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)]);
    return `${num(Number(mantissa), 2)}·10${power}`;
  }
  const text = new Intl.NumberFormat(current, { maximumFractionDigits: digits, useGrouping: false }).format(x);
  return text.replace(/^-/, '−').replace(/^−0$/, '0');
}

/**
 * `x` with exactly `digits` decimals, as `num` writes it (a readout keeps its width while it changes).
 * @param {unknown} x
 * @param {number} digits
 */
export function fixed(x, digits) {
  if (typeof x !== 'number' || !Number.isFinite(x)) return '–';
  const format = { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false };
  return new Intl.NumberFormat(current, format).format(x).replace(/^-/, '−');
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

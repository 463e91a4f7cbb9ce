// Every word on the page, in English and Czech. Elements name their text
// with data-i18n (text), data-i18n-title, data-i18n-aria and data-i18n-placeholder;
// scripts call t(key, values) for text they build.

export const LANGUAGES = ['en', 'cs'];

import PAGE_STRINGS from './strings.js';

const STRINGS = {
  en: { ...PAGE_STRINGS.en },
  cs: { ...PAGE_STRINGS.cs },
};

let current = 'en';

/** The language a first visit gets: the browser's, if we speak it. */
export function browserLanguage() {
  for (const lang of navigator.languages ?? [navigator.language]) {
    const code = String(lang).slice(0, 2).toLowerCase();
    if (LANGUAGES.includes(code)) return code;
  }
  return 'en';
}

export function language() {
  return current;
}

/** The text of `key` in the current language, with {name} filled from `values`. */
export function t(key, values = {}) {
  const text = STRINGS[current][key] ?? STRINGS.en[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => String(values[name] ?? `{${name}}`));
}

/** Adds strings (tables of key → text per language). */
export function addStrings(table) {
  for (const lang of LANGUAGES) Object.assign(STRINGS[lang], table[lang] ?? {});
}

/** Every key of a language, for tests that check both are complete. */
export function keys(lang) {
  return Object.keys(STRINGS[lang]);
}

/** Switches the page to `lang` and translates every marked element under `root`. */
export function setLanguage(lang, root = document) {
  current = LANGUAGES.includes(lang) ? lang : 'en';
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-title]')) el.title = t(el.dataset.i18nTitle);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.label = t(el.dataset.i18nLabel);
}

// The message area, and the words for what the core reports. The core
// sends a code with named parameters ({code: "outOfRange", key, value, …});
// describe() writes it in the current language from the strings' tables.
import { t, count, value, has, onLanguage } from './i18n.js';

/**
 * @typedef {import('./pkg/neuroplay.js').Message} CoreMessage
 * @typedef {import('./pkg/neuroplay.js').Schema} Schema
 */
/**
 * What a message line shows: plain text, a core message, or a function
 * giving the text in the current language.
 * @typedef {string | CoreMessage | (() => string)} Said
 */
/**
 * What a link got wrong (splitHash's findings and the core's notices), and
 * what a TensorFlow Playground link became (`foreign`).
 * @typedef {{ notices?: CoreMessage[], invalid?: [string, string][], repeated?: [string, number, string][], undecodable?: string[], version?: string, foreign?: CoreMessage[] }} LinkNotices
 */

/** Longest value a notice quotes. */
const QUOTE_MAX = 40;

/** Most lines a message about a link lists; the rest are counted. */
const LINES_MAX = 10;

/**
 * Control and bidirectional formatting characters: in a message they would
 * break lines or turn the text around.
 */
const HIDDEN = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** `text` with each hidden character written as its code point, as the core writes them (\u{202E}). */
const visible = (/** @type {string} */ text) => text.replace(HIDDEN, (c) => `\\u{${Number(c.codePointAt(0)).toString(16).toUpperCase().padStart(4, '0')}}`);

const quote = (/** @type {string} */ text) => visible(text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/**
 * A parameter as the page writes numbers: a number, or text that is one
 * (a limit written as the link writes it), as the core's formatter writes a
 * count (grouped) or a value (the language's decimal mark, a true minus,
 * four significant digits, a power of ten when tiny or huge); other text stays.
 * @param {unknown} v
 */
function numeral(v) {
  if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v)) return numeral(Number(v));
  if (typeof v === 'number') return Number.isInteger(v) && Math.abs(v) < 1e6 ? count(v) : value(v);
  return typeof v === 'string' ? visible(v) : v;
}

/**
 * The hint of a head that cannot train its dataset, by the dataset's classes (0 = regression).
 * @param {unknown} classes
 */
function headHint(classes) {
  if (classes === 0) return t('hint.regression');
  if (classes === 2) return t('hint.two');
  return t('hint.many', { classes });
}

/**
 * A core message in the current language. `schema` (the core's) lists the
 * options a refused choice could have taken.
 * @param {CoreMessage} message
 * @param {Schema} [schema]
 * @returns {string}
 */
export function describe(message, schema) {
  const values = Object.fromEntries(Object.entries(message).map(([k, v]) => [k, k === 'code' ? v : numeral(v)]));
  // A setting is named by its label, as the panel shows it, not by its link key.
  if (typeof message.key === 'string' && has(`setting.${message.key}`)) values.key = t(`setting.${message.key}`);
  switch (message.code) {
    case 'malformed': {
      const options = schema?.settings.find((s) => s.key === message.key)?.options;
      const list = options?.map((o) => o.value).join(', ') ?? '';
      values.expected = t(`expected.${message.expected}`, { options: list });
      break;
    }
    case 'headMismatch':
      values.hint = headHint(message.classes);
      values.head = t(`option.output.${message.head}`);
      values.dataset = t(`option.dataset.${message.dataset}`);
      break;
    case 'diverged':
      values.quantity = t(`quantity.${message.quantity}`);
      break;
    case 'editOutOfRange':
    case 'editMissing':
      values.part = t(`part.${message.part}`);
      break;
    case 'modelRefused': {
      // The field's path, what was expected and what was found: a kind of
      // JSON value in words, or a value as the file writes it.
      const found = String(message.found ?? '');
      if (message.expectedKind) values.expected = t(`json.${message.expectedKind}`);
      if (message.foundKind) values.found = t(`found.${message.foundKind}`, { value: quote(found) });
      else if (typeof message.found === 'string') values.found = quote(found);
      values.path = visible(String(message.path ?? ''));
      values.reason = t(`model.${message.reason}`, values);
      break;
    }
    case 'csvRefused':
      // A line when one is at fault; none for the file as a whole.
      values.where = 'line' in message ? t('csv.line', values) : '';
      values.reason = t(`reason.${message.reason}`, { ...values, count: message.count });
      break;
    case 'modelElsewhere': {
      const lab = `lab.${message.from}.title`;
      values.from = message.from === 'playground' ? t('model.from.playground') : t('model.from.lab', { title: has(lab) ? t(lab) : values.from });
      break;
    }
    default:
  }
  return t(`code.${message.code}`, values);
}

/** The message line under the output view. */
export class Messages {
  #el;
  #schema;
  /**
   * Renders the shown message again in the current language, when it can.
   * @type {(() => string) | null}
   */
  #render = null;

  /**
   * @param {HTMLElement} el
   * @param {Schema} schema
   */
  constructor(el, schema) {
    this.#el = el;
    this.#schema = schema;
    // A message that can be rendered again follows the language; a plain
    // text (assembled in the old language) is cleared instead.
    onLanguage(() => this.say(this.#render ?? ''));
  }

  /**
   * Shows a plain string, a core message ({code, …}), or a function giving
   * the text in the current language (a language switch calls it again).
   * @param {Said} what
   */
  say(what) {
    if (what && typeof what === 'object') {
      const message = what;
      this.say(() => describe(message, this.#schema));
      return;
    }
    this.#render = typeof what === 'function' ? what : null;
    this.#el.textContent = typeof what === 'function' ? what() : what;
  }

  /**
   * Says what a link got wrong, under one header: a format version this
   * page does not know, the core's notices, the page keys it refused or was
   * given twice and the pairs it could not read; before it, what a
   * TensorFlow Playground link became (`foreign`). At most LINES_MAX lines;
   * the rest are counted. Clears the message when there is nothing to say.
   * @param {LinkNotices} link
   */
  sayLinkNotices(link) {
    const foreign = link.foreign ?? [];
    if (this.linkLines(link).length === 0 && foreign.length === 0) {
      this.say('');
      return;
    }
    this.say(() => {
      const lines = this.linkLines(link);
      // What a TensorFlow Playground link became comes first, outside the header.
      const translated = foreign.map((m) => describe(m, this.#schema));
      return [...translated, ...(lines.length ? [t('msg.link'), ...lines] : [])].join('\n');
    });
  }

  /**
   * The notices about a link, a line each in the current language: at most
   * LINES_MAX, the rest counted.
   * @param {LinkNotices} link
   * @returns {string[]}
   */
  linkLines({ notices = [], invalid = [], repeated = [], undecodable = [], version = '' }) {
    // Unknown keys come last: a link with thousands of them still shows what it got wrong in known ones.
    const unknown = (/** @type {CoreMessage} */ m) => m.code === 'unknownKey';
    const all = [
      ...(version ? [t('msg.version', { value: quote(version) })] : []),
      ...notices.filter((m) => !unknown(m)).map((m) => describe(m, this.#schema)),
      ...repeated.map(([key, count, value]) => describe({ code: 'repeatedKey', key, count, value: quote(value) })),
      ...invalid.map(([key, value]) => t('msg.pageKey', { key, value: quote(value) })),
      ...undecodable.map((pair) => t('msg.undecodable', { pair: quote(pair) })),
      ...notices.filter(unknown).map((m) => describe(m, this.#schema)),
    ];
    const shown = all.length > LINES_MAX + 1 ? all.slice(0, LINES_MAX) : all;
    const more = all.length - shown.length;
    return more ? [...shown, t('msg.more', { n: more, shown: count(more) })] : shown;
  }
}

// The page's own keys in the URL hash; everything else in the hash is the
// core's (the wasm handle reads, validates and writes those).
import { Playground, labs } from './pkg/neuroplay.js';

/** The speed select's choices: epochs per animation frame. */
export const SPEEDS = ['1', '2', '5', '10', '20', '50', '100', '200', '500'];

/**
 * Page keys and their defaults.
 * @typedef {typeof PAGE_DEFAULTS} PageKeys
 * @typedef {keyof PageKeys} PageKey
 */
export const PAGE_DEFAULTS = {
  lang: '',          // '' = the browser's language
  hide: '',          // comma-separated data-control names to hide
  presenter: '0',    // larger type for projecting
  speed: '1',        // epochs per animation frame (at most: the frame loop has a time budget)
  showTest: '1',
  discretize: '0',
  log: '0',          // loss chart on a log scale
  lab: '',           // '' = the playground, else the lab shown (labs.js)
};

const flag = (/** @type {string} */ v) => v === '0' || v === '1';

/**
 * Which values each page key accepts; anything else falls back to its default.
 * @type {Record<PageKey, (value: string) => boolean>}
 */
const VALID = {
  lang: (v) => v === '' || v === 'en' || v === 'cs',
  hide: (v) => /^([A-Za-z]+(,[A-Za-z]+)*)?$/.test(v),
  presenter: flag,
  speed: (v) => SPEEDS.includes(v),
  showTest: flag,
  discretize: flag,
  log: flag,
  lab: (v) => v === '' || labs().some((lab) => lab.name === v),
};

/**
 * A hash split by splitHash().
 * @typedef {{ core: string, page: PageKeys, invalid: [string, string][], repeated: [string, number, string][], undecodable: string[], version: string }} SplitLink
 */

/**
 * Whether `key` is one of the page's keys.
 * @param {string} key
 * @returns {key is PageKey}
 */
const isPageKey = (key) => Object.hasOwn(PAGE_DEFAULTS, key);

/** The format of links this page writes; a link without `v` is read as this version. */
export const LINK_VERSION = '1';

/**
 * Keeps a decoded `%` and `&` (and `=` in a key) from reading differently
 * when the core splits and decodes its query again.
 * @param {string} text
 * @param {RegExp} chars
 */
const escapeCore = (text, chars) => text.replace(chars, encodeURIComponent);

/**
 * Splits a hash into the core's part (a query string), the page's keys (an
 * object, every value valid), the page keys refused (`invalid`: [key,
 * value]), the page keys given more than once (`repeated`: [key, count,
 * value], the last value used), the pairs that are not valid
 * percent-encoding (`undecodable`, as written) and a format version this
 * page does not know (`version`, else ''). The core splits the link
 * (`Playground.splitLink`: one rule for decoding, repeated keys and empty
 * values); the page only sorts the pairs. `hideable` names the controls
 * `hide` may hide; without it any names are taken. Never throws.
 * @param {string} hash
 * @param {Set<string>} [hideable]
 * @returns {SplitLink}
 */
export function splitHash(hash, hideable) {
  const link = Playground.splitLink(String(hash));
  const page = { ...PAGE_DEFAULTS };
  const core = [];
  /** @type {[string, string][]} */
  const invalid = [];
  let version = '';
  for (const [key, value] of link.pairs) {
    if (key === 'v') {
      // A newer format is read as this one, as best it can; the message says so.
      version = value === LINK_VERSION ? '' : value;
    } else if (isPageKey(key)) {
      page[key] = value;
    } else {
      core.push(`${escapeCore(key, /[%&=]/g)}=${escapeCore(value, /[%&]/g)}`);
    }
  }
  // The last value of a page key counts, as the core's do; the core names the repeated ones.
  const given = new Set(link.pairs.map(([key]) => key).filter(isPageKey));
  for (const key of given) {
    const value = page[key];
    if (!(VALID[key](value) && (key !== 'hide' || hides(value, hideable)))) {
      invalid.push([key, value]);
      page[key] = PAGE_DEFAULTS[key];
    }
  }
  const repeated = link.repeated.filter(([key]) => isPageKey(key));
  return { core: core.join('&'), page, invalid, repeated, undecodable: link.undecodable, version };
}

/**
 * Whether `hide` names each control once, and only controls in `hideable` (when given).
 * @param {string} value
 * @param {Set<string>} [hideable]
 */
function hides(value, hideable) {
  const names = value.split(',').filter(Boolean);
  return new Set(names).size === names.length && (!hideable || names.every((n) => hideable.has(n)));
}

/**
 * The full hash: the format version, the core's query, then the page keys that differ from their defaults.
 * @param {string} coreQuery
 * @param {PageKeys} page
 */
export function joinHash(coreQuery, page) {
  const extra = Object.entries(page)
    .filter(([key, value]) => !isPageKey(key) || value !== PAGE_DEFAULTS[key])
    .map(([key, value]) => `${key}=${value}`);
  return `#${[`v=${LINK_VERSION}`, coreQuery, ...extra].filter(Boolean).join('&')}`;
}

/** A link holds the user's own rows up to this many characters; longer ones live in this browser. */
const ROWS_IN_LINK = 4000;
const ROWS_KEY = 'neuroplay.rows';

/**
 * The core's query as the page's link writes it: own rows too long for a
 * link are kept in local storage, and the link says `rows=@`.
 * @param {string} core
 */
export function storeRows(core) {
  return core.replace(/(^|&)rows=([^&]*)/, (/** @type {string} */ whole, /** @type {string} */ lead, /** @type {string} */ rows) => {
    if (rows.length <= ROWS_IN_LINK) return whole;
    try {
      localStorage.setItem(ROWS_KEY, rows);
    } catch {
      return whole; // no storage: the link keeps them
    }
    return `${lead}rows=@`;
  });
}

/**
 * Whether the core's query holds own rows too long for a link, which
 * `storeRows` keeps in this browser instead.
 * @param {string} core
 */
export function rowsTooLong(core) {
  const rows = /(?:^|&)rows=([^&]*)/.exec(core)?.[1] ?? '';
  return rows !== '@' && rows.length > ROWS_IN_LINK;
}

/**
 * The core's query with `rows=@` replaced by the rows this browser kept; `missing` when it kept none.
 * @param {string} core
 */
export function loadRows(core) {
  let missing = false;
  const filled = core.replace(/(^|&)rows=@(?=&|$)/, (/** @type {string} */ whole, /** @type {string} */ lead) => {
    let rows = null;
    try {
      rows = localStorage.getItem(ROWS_KEY);
    } catch {
      rows = null;
    }
    if (rows === null) {
      missing = true;
      return `${lead}rows=`;
    }
    return `${lead}rows=${rows}`;
  });
  return { core: filled, missing };
}

const LINK_KEY = 'neuroplay.link';

/**
 * Keeps the page's link (settings and page keys) in this browser, for the next visit.
 * @param {string} hash
 */
export function keepLink(hash) {
  try {
    localStorage.setItem(LINK_KEY, hash);
  } catch {
    // No storage (private mode, full): the link in the address bar still holds it all.
  }
}

/**
 * On opening the page with an empty hash, puts the link this browser kept
 * last into the address bar, so a reload loses nothing; a link wins.
 * Returns whether it did.
 */
export function restoreLink() {
  if (location.hash.replace(/^#/, '') !== '') return false;
  let kept = null;
  try {
    kept = localStorage.getItem(LINK_KEY);
  } catch {
    kept = null;
  }
  if (!kept || !kept.startsWith('#')) return false;
  history.replaceState(null, '', kept);
  return true;
}

/** Forgets everything this page kept in this browser (own rows, the last link): a fresh start. */
export function forgetStored() {
  for (const key of [ROWS_KEY, LINK_KEY]) {
    try {
      localStorage.removeItem(key);
    } catch {
      // No storage: nothing was kept.
    }
  }
}

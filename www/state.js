// The page's own keys in the URL hash; everything else in the hash is the
// core's (the wasm handle reads, validates and writes those).

/** The speed select's choices: epochs per animation frame. */
export const SPEEDS = ['1', '2', '5', '10', '20', '50', '100', '200', '500'];

/** Page keys and their defaults. */
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

/** The labs a link may open. */
export const LABS = ['gd', 'regression', 'neuron', 'backprop', 'approx', 'landscape', 'recipe', 'compare'];

const flag = (v) => v === '0' || v === '1';

/** Which values each page key accepts; anything else falls back to its default. */
const VALID = {
  lang: (v) => v === '' || v === 'en' || v === 'cs',
  hide: (v) => /^([A-Za-z]+(,[A-Za-z]+)*)?$/.test(v),
  presenter: flag,
  speed: (v) => SPEEDS.includes(v),
  showTest: flag,
  discretize: flag,
  log: flag,
  lab: (v) => v === '' || LABS.includes(v),
};

/** Decodes one part of a pair; undefined when it is not valid percent-encoding. */
function decode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** Keeps a decoded `&` (and `=` in a key) from splitting the core's query anew. */
const escapeCore = (text, chars) => text.replace(chars, encodeURIComponent);

/**
 * Splits a hash into the core's part (a query string), the page's keys (an
 * object, every value valid), the page keys refused (`invalid`: [key, value])
 * and the pairs that are not valid percent-encoding (`undecodable`, as written).
 * Never throws.
 */
export function splitHash(hash) {
  const page = { ...PAGE_DEFAULTS };
  const core = [];
  const invalid = [];
  const undecodable = [];
  for (const pair of String(hash).replace(/^#/, '').split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const key = decode(at < 0 ? pair : pair.slice(0, at));
    const value = at < 0 ? '' : decode(pair.slice(at + 1));
    if (key === undefined || value === undefined) {
      undecodable.push(pair);
    } else if (Object.hasOwn(PAGE_DEFAULTS, key)) {
      if (VALID[key](value)) page[key] = value;
      else invalid.push([key, value]);
    } else {
      core.push(`${escapeCore(key, /[&=]/g)}=${escapeCore(value, /&/g)}`);
    }
  }
  return { core: core.join('&'), page, invalid, undecodable };
}

/** The full hash: the core's query, then the page keys that differ from their defaults. */
export function joinHash(coreQuery, page) {
  const extra = Object.entries(page)
    .filter(([key, value]) => value !== PAGE_DEFAULTS[key])
    .map(([key, value]) => `${key}=${value}`);
  return `#${[coreQuery, ...extra].filter(Boolean).join('&')}`;
}

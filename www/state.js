// The page's own keys in the URL hash; everything else in the hash is the
// core's (the wasm handle reads and writes those).

/** Page keys and their defaults. */
export const PAGE_DEFAULTS = {
  lang: '',          // '' = the browser's language
  hide: '',          // comma-separated data-control names to hide
  presenter: '0',    // larger type for projecting
  speed: '1',        // epochs per animation frame
  showTest: '1',
  discretize: '0',
  log: '0',          // loss chart on a log scale
};

/** Splits a hash into the core's part (a string) and the page's keys (an object). */
export function splitHash(hash) {
  const page = { ...PAGE_DEFAULTS };
  const core = [];
  for (const pair of decodeURIComponent(hash.replace(/^#/, '')).split('&')) {
    if (!pair) continue;
    const [key, value = ''] = pair.split('=');
    if (key in PAGE_DEFAULTS) page[key] = value;
    else core.push(pair);
  }
  return { core: core.join('&'), page };
}

/** The full hash: the core's query, then the page keys that differ from their defaults. */
export function joinHash(coreQuery, page) {
  const extra = Object.entries(page)
    .filter(([key, value]) => value !== PAGE_DEFAULTS[key])
    .map(([key, value]) => `${key}=${value}`);
  return `#${[coreQuery, ...extra].filter(Boolean).join('&')}`;
}

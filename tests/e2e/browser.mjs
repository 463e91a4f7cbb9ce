// Shared set-up of the end-to-end tests: the static server and a browser,
// Chromium (playwright-core) or Firefox (puppeteer-core, see firefox.mjs).
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../tools/serve.mjs';
import { launchFirefox } from './firefox.mjs';

export const ARTIFACTS = new URL('./artifacts/', import.meta.url).pathname;

/** Flags this machine's Chromium needs (no network beyond loopback). */
const FLAGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--disable-dev-shm-usage',
];

/**
 * The browsers the tests of browsers.test.mjs run in; BROWSERS=firefox
 * (a comma-separated list) picks fewer while working.
 */
export const BROWSERS = (process.env.BROWSERS ?? 'chromium,firefox').split(',');

const VIEWPORT = { width: 1280, height: 720 };
/** A phone's screen, as the phone tests open it (with touch: `launch({ phone: true })`). */
export const PHONE = { width: 390, height: 844 };

/**
 * Starts the server on a free port and a browser, Chromium unless `browser`
 * is 'firefox'; returns both and the URL. `locale` (e.g. 'cs-CZ') sets the
 * browser's language (navigator.languages); `wasm: false` starts Firefox without
 * WebAssembly, as an old browser (Chromium has no such switch). Either browser's pages answer the same
 * calls (playwright's Page; see firefox.mjs for the subset). `root` is the
 * folder served (the site, www/, unless a test builds its own). Chromium
 * blocks the site's service worker unless `serviceWorkers` is 'allow': a
 * worker answering from its cache would hide requests from the tests that
 * intercept them (offline.test.mjs tests the worker itself). `phone` opens
 * Chromium as a phone: PHONE's screen, touch, a mobile viewport.
 */
export async function launch({ locale, browser: name = 'chromium', wasm = true, root = 'www', serviceWorkers = 'block', phone = false } = {}) {
  if (!wasm && name !== 'firefox') throw new Error('only Firefox can be started without WebAssembly');
  mkdirSync(ARTIFACTS, { recursive: true });
  const server = await serve(root, 0);
  const browser = name === 'firefox'
    ? await launchFirefox({ locale, viewport: VIEWPORT, prefs: wasm ? {} : { 'javascript.options.wasm': false } })
    : await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'neuroplay-')), {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      args: FLAGS,
      viewport: VIEWPORT,
      serviceWorkers: /** @type {'allow' | 'block'} */ (serviceWorkers),
      ...(locale ? { locale } : {}),
      ...(phone ? { viewport: PHONE, hasTouch: true, isMobile: true } : {}),
    });
  const url = `http://127.0.0.1:${server.address().port}/`;
  return {
    browser,
    url,
    async close() {
      await browser.close();
      server.close();
    },
  };
}

/**
 * Opens `url` in a new page, collecting console errors, page errors, any
 * request that leaves the test server's origin and any violation of the
 * page's content security policy.
 */
export async function open(browser, url, viewport) {
  const page = await browser.newPage();
  if (viewport) await page.setViewportSize(viewport);
  const errors = [];
  const origin = new URL(url).origin;
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`));
  page.on('request', (r) => {
    const target = r.url();
    if (!target.startsWith('data:') && !target.startsWith('blob:') && new URL(target).origin !== origin) {
      errors.push(`request left the origin: ${target}`);
    }
  });
  // Reported on the console, which both browsers' drivers pass on.
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
  });
  await page.goto(url);
  // The page's script sets data-state (the English code, whatever the
  // language); the static HTML's "ready" text alone does not mean it booted.
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
  await nextFrame(page);
  return { page, errors };
}

/** Waits until the page has drawn a frame: readouts show the current state. */
export function nextFrame(page) {
  return page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

export const byTestId = (id) => `[data-testid="${id}"]`;

/** Reads a readout as a number. */
export async function number(page, id) {
  return shownNumber(await page.textContent(byTestId(id)) ?? '');
}

const SUPERSCRIPTS = { '⁰': '0', '¹': '1', '²': '2', '³': '3', '⁴': '4', '⁵': '5', '⁶': '6', '⁷': '7', '⁸': '8', '⁹': '9', '⁻': '-' };

/**
 * A number as the English page writes it (the core's formatter): a minus
 * sign, grouping commas, and 3.3·10⁻⁹ for the very large and small.
 * @param {string} text
 */
export function shownNumber(text) {
  const plain = text.trim().replace(/\u2212/g, '-').replace(/,/g, '');
  const [mantissa, power] = plain.split('·10');
  if (power === undefined) return Number(mantissa);
  return Number(mantissa) * 10 ** Number([...power].map((c) => SUPERSCRIPTS[c] ?? c).join(''));
}

/** Counts distinct colours and non-white pixels of a canvas. */
export async function canvasStats(page, id) {
  return page.$eval(byTestId(id), (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const colours = new Set();
    let nonWhite = 0;
    for (let i = 0; i < data.length; i += 4) {
      colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      if (data[i] < 245 || data[i + 1] < 245 || data[i + 2] < 245) nonWhite++;
    }
    return { colours: colours.size, nonWhite, pixels: data.length / 4 };
  });
}

/** The page's URL hash, decoded. */
export const hashOf = (page) => page.evaluate(() => decodeURIComponent(location.hash));

/** The hash as a map of key → value. */
export async function params(page) {
  const map = new Map();
  for (const pair of (await hashOf(page)).replace(/^#/, '').split('&')) {
    const i = pair.indexOf('=');
    if (i > 0) map.set(pair.slice(0, i), pair.slice(i + 1));
  }
  return map;
}

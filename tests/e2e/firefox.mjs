// Firefox for the end-to-end tests: Debian's stock firefox-esr driven by
// puppeteer-core over WebDriver BiDi (playwright-core's Firefox needs a
// patched build that cannot be installed here). Its pages answer the subset
// of playwright's Page API that the tests use, so one test body runs in
// both browsers.
import puppeteer from 'puppeteer-core';

/** Debian's Firefox ESR; FIREFOX names another. */
export const FIREFOX = process.env.FIREFOX ?? '/usr/bin/firefox-esr';

/** Puppeteer's own default (30 s), as playwright's, for every wait. */
const TIMEOUT = 30_000;

/**
 * Starts headless Firefox with a viewport of `viewport` and the browser
 * language `locale` (navigator.languages); returns an object with
 * playwright's newPage() and close().
 */
export async function launchFirefox({ locale, viewport, prefs = {} }) {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    defaultViewport: viewport,
    extraPrefsFirefox: {
      ...(locale ? { 'intl.accept_languages': locale } : {}),
      ...prefs,
    },
  });
  return {
    async newPage() {
      const page = await browser.newPage();
      page.setDefaultTimeout(TIMEOUT);
      return playwrightPage(page);
    },
    close: () => browser.close(),
  };
}

/** Whether an element is shown as playwright means it: a box and not hidden. */
function shown(e) {
  const box = e.getBoundingClientRect();
  return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== 'hidden';
}

/** Wraps a puppeteer page in the playwright calls the tests make. */
function playwrightPage(page) {
  const $eval = (selector, fn, arg) => page.$eval(selector, fn, arg);
  return {
    on: (event, fn) => page.on(event, fn),
    goto: (url) => page.goto(url),
    addInitScript: (fn) => page.evaluateOnNewDocument(fn),
    url: () => page.url(),
    close: () => page.close(),
    screenshot: (options) => page.screenshot(options),
    evaluate: (fn, arg) => page.evaluate(fn, arg),
    waitForFunction: (fn, arg, { timeout = TIMEOUT } = {}) => page.waitForFunction(fn, { timeout, polling: 'raf' }, arg),
    waitForSelector: (selector) => page.waitForSelector(selector),
    waitForTimeout: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    setViewportSize: ({ width, height }) => page.setViewport({ width, height }),
    $eval,
    textContent: (selector) => $eval(selector, (e) => e.textContent),
    getAttribute: (selector, name) => $eval(selector, (e, n) => e.getAttribute(n), name),
    inputValue: (selector) => $eval(selector, (e) => e.value),
    isVisible: async (selector) => (await page.$(selector)) !== null && $eval(selector, shown),
    click: (selector) => page.click(selector),
    hover: (selector) => page.hover(selector),
    async selectOption(selector, value) {
      const chosen = await page.select(selector, value);
      if (!chosen.includes(value)) throw new Error(`${selector} has no option ${value}`);
    },
    fill: (selector, value) => page.locator(selector).fill(value),
    async press(selector, key) {
      await page.focus(selector);
      await page.keyboard.press(key);
    },
    mouse: page.mouse,
    keyboard: page.keyboard,
  };
}

// A panic in the core, in the real page. Release builds abort on a panic,
// which traps the wasm instance; the page must then never call it again,
// throw nothing uncaught, and offer a way out: a banner with the message,
// "reload with defaults" and a bug report. The panic is armed through a
// test build of the wasm (`make build-test-panic`, feature test-panic),
// served here in place of the site's own.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, byTestId, nextFrame, ARTIFACTS } from './browser.mjs';

const PKG = new URL('../../target/test-panic-pkg/', import.meta.url).pathname;
let env;
before(async () => {
  assert.ok(existsSync(PKG), 'make build-test-panic builds the test wasm first');
  const root = mkdtempSync(join(tmpdir(), 'neuroplay-panic-'));
  cpSync('www', root, { recursive: true, filter: (src) => !src.includes('/www/pkg') });
  cpSync(PKG, join(root, 'pkg'), { recursive: true });
  env = await launch({ locale: 'en-US', root });
});
after(async () => { await env?.close(); });

const state = (page) => page.getAttribute(byTestId('status'), 'data-state');

/** From now on, lists every call of the handle's methods (window.deadCalls). */
function countCalls(page) {
  return page.evaluate(async () => {
    const { Playground } = await import('/pkg/neuroplay.js'); // the page's own module instance
    window.deadCalls = [];
    for (const name of Object.getOwnPropertyNames(Playground.prototype)) {
      const original = Playground.prototype[name];
      if (name === 'constructor' || typeof original !== 'function') continue;
      Playground.prototype[name] = function counted(...args) {
        window.deadCalls.push(name);
        return original.apply(this, args);
      };
    }
  });
}

/** Arms the panic: the next readouts() call, in the next frame, panics. */
const arm = (page) => page.evaluate(async () => (await import('/pkg/neuroplay.js')).armPanicForTest());

test('a panic shows a banner, the page never calls the dead core again and throws nothing', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&v=1`);
  await page.click(byTestId('play'));
  await arm(page);
  await page.waitForSelector(`${byTestId('failure')}:not([hidden])`);
  assert.equal(await state(page), 'error');
  const message = await page.textContent(byTestId('failure-message'));
  assert.match(message, /deliberate panic/, 'the banner names the panic');
  // The reload button has the focus, so that Enter gets out at once.
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.testid), 'failure-reload');
  await page.screenshot({ path: `${ARTIFACTS}failure-en-1280.png` });

  // Everything a user still does reaches no call of the core.
  await countCalls(page);
  const play = await page.$eval(byTestId('play'), (b) => { const r = b.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; });
  await page.mouse.click(...play);
  await page.keyboard.press('Escape');
  await page.evaluate(() => document.body.focus());
  for (const key of [' ', 'ArrowRight', 'r']) await page.keyboard.press(key);
  const net = await page.$eval('canvas.edges, [data-testid="network"] canvas', (c) => { const r = c.getBoundingClientRect(); return [r.x + r.width / 2, r.y + r.height / 2]; }).catch(() => [600, 400]);
  await page.mouse.move(...net);
  await page.setViewportSize({ width: 900, height: 700 });
  await page.evaluate(() => { location.hash = '#dataset=circle'; });
  for (let i = 0; i < 10; i++) await nextFrame(page);
  assert.deepEqual(await page.evaluate(() => window.deadCalls), [], 'no call reached the trapped core');
  assert.equal(await state(page), 'error');

  // The only errors are the panic's own report on the console.
  assert.ok(errors.length >= 1 && errors.every((e) => /deliberate panic/.test(e)), errors.join('\n'));
  await page.close();
});

test('the bug report holds the link, the message and the browser; reload starts over with defaults', async () => {
  await env.browser.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: env.url.replace(/\/$/, '') });
  const { page } = await open(env.browser, `${env.url}#dataset=spiral&lang=cs`);
  await page.evaluate(() => localStorage.setItem('neuroplay.rows', '1:1:0'));
  await arm(page);
  await page.click(byTestId('step'));
  await page.waitForSelector(`${byTestId('failure')}:not([hidden])`);
  assert.equal(await page.textContent('#failure-title'), 'Hřiště se zastavilo', 'the banner speaks the page\'s language');
  await page.screenshot({ path: `${ARTIFACTS}failure-cs-390.png` });

  await page.click(byTestId('failure-copy'));
  await page.waitForFunction(() => document.querySelector('[data-testid="failure-copied"]').textContent !== '');
  const report = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(report, await page.inputValue(byTestId('failure-report')), 'the copied report is the one shown');
  assert.match(report, /#(v=1&)?dataset=spiral/, 'the link');
  assert.match(report, /deliberate panic/, 'the message');
  assert.match(report, /Chrom/, 'the browser');

  await Promise.all([page.waitForNavigation(), page.click(byTestId('failure-reload'))]);
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
  assert.equal(await page.isHidden(byTestId('failure')), true);
  assert.equal(await page.evaluate(() => localStorage.getItem('neuroplay.rows')), null, 'what this page stored is forgotten');
  assert.doesNotMatch(await page.evaluate(() => location.hash), /spiral/, 'the defaults, not the link that failed');
  await page.close();
});

// Offline and installable: after one visit the service worker (www/sw.js)
// has cached every file of the build, so the playground and the digits lab
// open and train with the network off; a new build replaces the old cache
// and the page says a reload brings it. Served from a copy of www/, which
// the update test changes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, byTestId, nextFrame, number } from './browser.mjs';

const ROOT = join(mkdtempSync(join(tmpdir(), 'neuroplay-site-')), 'www');
cpSync('www', ROOT, { recursive: true });

/** The build's list of files and version, as the worker reads them. */
const precache = () => {
  const text = readFileSync(join(ROOT, 'pkg/precache.js'), 'utf8');
  return JSON.parse(text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1));
};

let env;
before(async () => { env = await launch({ locale: 'en-US', root: ROOT, serviceWorkers: 'allow' }); });
after(async () => { await env?.close(); });

/** Waits until a service worker controls the page; returns the names of the site's caches and how many entries each holds. */
async function cached(page) {
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  return page.evaluate(async () => Promise.all((await caches.keys()).map(async (name) => [name, (await (await caches.open(name)).keys()).length])));
}

/** Reloads `page` and waits until the playground (or a lab) has started. */
async function reload(page) {
  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready', null, { timeout: 30000 });
  await nextFrame(page);
}

test('after one visit the playground and the digits lab open and train with no network', async () => {
  const { page, errors } = await open(env.browser, env.url);
  const { version, files } = precache();
  assert.deepEqual(await cached(page), [[`neuroplay-${version}`, files.length]], 'every file of the build in one cache named by its version');
  assert.doesNotMatch(await page.textContent(byTestId('message')) ?? '', /new version/, 'a first visit is no new version');
  for (const file of ['./', 'index.html', 'main.js', 'pkg/neuroplay_bg.wasm', 'data/digits.bin', 'manifest.webmanifest']) {
    assert.ok(files.includes(file), `${file} is cached`);
  }

  await env.browser.setOffline(true);
  try {
    // A file no build has: the worker asks the network, which is off. The
    // failure this probe causes is its own, not the page's.
    const before = errors.length;
    assert.equal(await page.evaluate(() => fetch('not-cached.txt', { cache: 'no-store' }).then(() => 'online', () => 'offline')), 'offline', 'the network is off');
    await nextFrame(page);
    errors.splice(before);
    await reload(page);
    await page.click(byTestId('play'));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]')?.textContent?.replace(/\D/g, '')) >= 5, null, { timeout: 30000 });
    await page.click(byTestId('play'));
    assert.ok((await number(page, 'epoch')) >= 5, 'trains offline');

    // A lab that loads its data when opened: the images come from the cache.
    await page.goto(`${env.url}#lab=digits`);
    await page.waitForFunction(() => document.querySelector('[data-testid="digits-test-accuracy"]')?.textContent !== '–', null, { timeout: 30000 });
    await page.click(byTestId('digits-train'));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="digits-epoch"]')?.textContent) >= 1, null, { timeout: 60000 });
    await page.click(byTestId('digits-train'));
  } finally {
    await env.browser.setOffline(false);
  }
  assert.deepEqual(errors, [], 'no errors and no failed requests while offline');
  await page.close();
});

test('a new build replaces the old cache, and the page says a reload brings it', async () => {
  const { page, errors } = await open(env.browser, env.url);
  const old = precache().version;
  assert.deepEqual((await cached(page)).map(([name]) => name), [`neuroplay-${old}`]);

  // A new build: one file changes, and with it the list's version.
  appendFileSync(join(ROOT, 'dom.js'), '\n// new build\n');
  execFileSync('node', ['tools/precache.mjs', ROOT]);
  const { version } = precache();
  assert.notEqual(version, old);

  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r?.update()));
  await page.waitForFunction(() => document.querySelector('[data-testid="message"]')?.textContent?.includes('new version'), null, { timeout: 30000 });
  // Polled from here: a predicate that returns a promise counts as true at once.
  const names = () => page.evaluate(() => caches.keys());
  for (let i = 0; i < 100 && (await names()).join() !== `neuroplay-${version}`; i++) await page.waitForTimeout(100);
  assert.deepEqual(await names(), [`neuroplay-${version}`], 'only the new build\'s cache is left');

  await reload(page);
  const served = await page.evaluate(() => fetch('dom.js').then((r) => r.text()));
  assert.ok(served.endsWith('// new build\n'), 'the new build is served after a reload');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the manifest names the page and its icons, and the policy allows only the own worker and manifest', async () => {
  const manifest = JSON.parse(readFileSync('www/manifest.webmanifest', 'utf8'));
  assert.equal(manifest.start_url, './');
  assert.equal(manifest.display, 'standalone');
  const sizes = manifest.icons.map((/** @type {{sizes: string}} */ i) => i.sizes);
  assert.ok(sizes.includes('192x192') && sizes.includes('512x512'), 'icons for a phone\'s home screen');
  const html = readFileSync('www/index.html', 'utf8');
  const policy = /Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? '';
  assert.match(policy, /default-src 'none'/);
  assert.match(policy, /manifest-src 'self';/);
  assert.match(policy, /worker-src 'self';/);
  assert.doesNotMatch(policy, /\*|https?:|unsafe-inline/, 'nothing looser');
});

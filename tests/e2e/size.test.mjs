// The first load: `make size` (tools/size.mjs) counts exactly the files
// Chromium fetches when it first opens the playground, its service worker
// allowed to install (it caches every file of the build), and their gzipped
// total but the labs' data stays within the budget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open } from './browser.mjs';
import { fetched as listed, firstLoad, BUDGET_KIB } from '../../tools/size.mjs';

test('make size counts exactly what the first load fetches', async () => {
  const { browser, url, close } = await launch({ serviceWorkers: 'allow' });
  try {
    const origin = new URL(url).origin;
    /** @type {Set<string>} */
    const fetched = new Set();
    browser.on('requestfinished', (r) => {
      const at = new URL(r.url());
      if (at.origin === origin) fetched.add(decodeURIComponent(at.pathname.slice(1)) || 'index.html');
    });
    const { page, errors } = await open(browser, url);
    // Whatever the page and its worker fetch once it has booted belongs to the first load too.
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true));
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, []);
    assert.deepEqual([...fetched].sort(), listed('www').map((f) => f.path).sort());
  } finally {
    await close();
  }
});

const total = firstLoad('www').reduce((sum, f) => sum + f.gzipped, 0) / 1024;
// Issue 26's goal, not met yet (see BENCHMARKS.md's size section): it
// fails as a todo, reported without failing the run, until the site is
// light enough and the todo goes.
test(`the first load weighs at most ${BUDGET_KIB} KiB gzipped`, { todo: 'issue 26: the wasm is still too large' }, () => {
  assert.ok(total <= BUDGET_KIB, `the first load is ${total.toFixed(1)} KiB gzipped, over ${BUDGET_KIB} KiB`);
});

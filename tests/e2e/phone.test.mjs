// The page on a phone (390×844, touch), as a student opens it after the
// lecture: the output view in sight while the settings change, tap
// targets a finger can hit, lab plots a swipe scrolls past, figures wide
// enough to read, and screenshots of every view in both languages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, nextFrame, hashOf, ARTIFACTS, PHONE } from './browser.mjs';
import { LABS } from './core.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US', phone: true }); });
after(async () => { await env?.close(); });

/** The playground ('') or a lab, in `lang`, at the phone's size. */
async function view(name, lang, rest = '') {
  const { page, errors } = await open(env.browser, `${env.url}#lang=${lang}${name ? `&lab=${name}` : ''}${rest}`);
  await nextFrame(page);
  return { page, errors };
}

/** The views: the playground and every lab of the registry. */
const VIEWS = ['', ...LABS];
const named = (name) => name || 'playground';

/** Every visible control of the view shown (header, tabs, its section), with its box in page coordinates. */
function controls(page) {
  return page.evaluate(() => {
    const shown = document.querySelector('main.playground:not([hidden]), main.lab:not([hidden])');
    const found = [];
    for (const root of [document.querySelector('header.bar'), document.querySelector('nav.tabs'), shown]) {
      for (const el of root.querySelectorAll('button, select, input, textarea, a[href], summary, [role="button"], [tabindex]:not([tabindex="-1"]), label.file-button')) {
        // A file field is its label, the box a finger meets.
        if (el instanceof HTMLInputElement && el.type === 'file' && el.closest('label.file-button')) continue;
        const style = getComputedStyle(el);
        const box = el.getBoundingClientRect();
        if (style.visibility === 'hidden' || box.width === 0 || box.height === 0) continue;
        const name = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ''} "${(el.textContent || el.getAttribute('aria-label') || el.title || '').trim().slice(0, 30)}"`;
        found.push({ name, x: box.left + scrollX, y: box.top + scrollY, w: box.width, h: box.height });
      }
    }
    return found;
  });
}

test('at 390×844 every visible control of the playground and of every lab is at least 24×24 px, and none overlaps another', async () => {
  for (const lang of ['en', 'cs']) {
    for (const name of VIEWS) {
      // Three layers: the network's widest ordinary shape still fits.
      const { page, errors } = await view(name, lang, name ? '' : '&layers=4,4,2');
      const found = await controls(page);
      assert.ok(found.length > 5, `${named(name)}: the controls were found (${found.length})`);
      const small = found.filter((c) => c.w < 24 - 0.01 || c.h < 24 - 0.01).map((c) => `${c.name} ${c.w.toFixed(1)}×${c.h.toFixed(1)}`);
      assert.deepEqual(small, [], `${named(name)} (${lang}): controls smaller than 24×24 px`);
      const overlaps = [];
      for (let i = 0; i < found.length; i++) {
        for (let j = i + 1; j < found.length; j++) {
          const [a, b] = [found[i], found[j]];
          const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
          const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
          if (w > 0.5 && h > 0.5) overlaps.push(`${a.name} and ${b.name}`);
        }
      }
      assert.deepEqual(overlaps, [], `${named(name)} (${lang}): controls that overlap`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});

/** Whether the output view (its readouts and the whole plot) lies inside the viewport. */
function outputInView(page) {
  return page.evaluate(() => {
    const inside = (el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -0.5 && r.bottom <= innerHeight + 0.5 && r.height > 0;
    };
    return ['output-view', 'boundary', 'accuracy'].every((id) => inside(document.querySelector(`[data-testid="${id}"]`)));
  });
}

/** Scrolls `id` to the bottom of the screen, as a thumb does to reach it, and says whether it is visible there (not under anything). */
function reach(page, id) {
  return page.$eval(byTestId(id), (el) => {
    el.scrollIntoView({ block: 'end' });
    const r = el.getBoundingClientRect();
    const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
    return r.bottom <= innerHeight + 0.5 && (hit === el || el.contains(hit));
  });
}

test('on a phone a change of the dataset or of a training setting shows its effect: the output view stays in the viewport above the settings', async () => {
  const { page, errors } = await view('', 'cs');
  for (const [id, key, value] of [['dataset', 'dataset', 'xor'], ['learning-rate', 'lr', '0.3'], ['activation', 'activation', 'relu'], ['seed', 'seed', '7']]) {
    assert.ok(await reach(page, id), `the ${id} control is in sight, not under the output view`);
    const before = await page.evaluate(() => scrollY);
    assert.ok(before > 100, `the page has scrolled to ${id} (scrollY ${before})`);
    const field = page.locator(byTestId(id));
    if (await field.evaluate((el) => el.tagName === 'SELECT')) await field.selectOption(value);
    else await field.fill(value).then(() => field.press('Enter'));
    await nextFrame(page);
    assert.match(await hashOf(page), new RegExp(`${key}=${value}`), `${id} changed`);
    assert.ok(await outputInView(page), `after changing ${id} (scrolled to ${before} px) the output view is in the viewport`);
  }
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Not figures to read at 340 px: the digits pad, a drawing surface that
 * leaves a strip beside it for a thumb to scroll the page on (issue 25), and
 * the 8×8 images in that strip and beside the picked image's probabilities.
 */
const NOT_FIGURES = ['digits-pad', 'digits-input', 'digits-picked'];

test('at 390×844 every figure of the playground and of every lab is at least 340 px wide', async () => {
  for (const name of VIEWS) {
    const { page, errors } = await view(name, 'cs');
    const narrow = await page.evaluate((skip) => {
      const shown = document.querySelector('main.playground:not([hidden]), main.lab:not([hidden])');
      return [...shown.querySelectorAll('canvas[role="img"], .plot')]
        .filter((c) => c.getBoundingClientRect().height > 0)
        .map((c) => ({ id: c.dataset.testid ?? c.className, w: c.getBoundingClientRect().width }))
        .filter((c) => c.w < 340 && !skip.includes(c.id));
    }, NOT_FIGURES);
    assert.deepEqual(narrow, [], `${named(name)}: figures narrower than 340 px`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

/**
 * A finger's vertical swipe of `dy` px from (x, y) in the viewport, through
 * the browser's touch input (Chromium's DevTools protocol).
 */
async function swipe(page, x, y, dy) {
  const cdp = await page.context().newCDPSession(page);
  const at = (t) => ({ x, y: y + dy * t, radiusX: 4, radiusY: 4, force: 1, id: 1 });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [at(0)] });
  for (let i = 1; i <= 12; i++) {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [at(i / 12)] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
  await page.waitForTimeout(400);
}

test('a vertical swipe over each lab\'s plots, away from their points and handles, scrolls the page and changes nothing (the digits pad, for drawing, aside)', async () => {
  for (const name of LABS) {
    const { page, errors } = await view(name, 'en');
    const figures = await page.$$eval('main.lab:not([hidden]) canvas[role="img"]:not(.pad)', (all) => all
      .filter((c) => c.getBoundingClientRect().height > 0)
      .map((c) => c.dataset.testid));
    assert.ok(figures.length > 0, `${name}: its plots were found`);
    for (const id of figures) {
      // Below the middle and left of centre: clear of the regression lab's
      // points, the approximation's handles (on its zero line) and the gd start.
      const spot = await page.$eval(byTestId(id), (c) => {
        c.scrollIntoView({ block: 'center' });
        const r = c.getBoundingClientRect();
        return { x: r.left + r.width * 0.45, y: r.top + r.height * 0.7, room: document.documentElement.scrollHeight - innerHeight - scrollY };
      });
      const state = () => page.evaluate(() => [location.hash, document.querySelector('main.lab:not([hidden])').innerText]);
      const [hash, text] = await state();
      const from = await page.evaluate(() => scrollY);
      // Up when the page has room below, else down.
      const dy = spot.room > 160 ? -200 : 200;
      await swipe(page, spot.x, spot.y, dy);
      const to = await page.evaluate(() => scrollY);
      assert.ok(Math.abs(to - from) > 40 && Math.sign(to - from) === -Math.sign(dy), `${name}: a swipe over ${id} scrolls the page (${from} → ${to})`);
      const [hashAfter, textAfter] = await state();
      assert.equal(hashAfter, hash, `${name}: a swipe over ${id} leaves the link as it was`);
      assert.equal(textAfter, text, `${name}: a swipe over ${id} leaves every readout as it was`);
    }
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('on a touch screen a tap on the regression plot still adds a point, and a drag from a point moves it and holds the page still', async () => {
  const { page, errors } = await view('regression', 'en');
  const plot = byTestId('regression-plot');
  const count = async () => Number((await page.textContent(byTestId('mse-formula'))).match(/N = (\d+)/)[1]);
  const n = await count();
  const box = await page.$eval(plot, (c) => {
    c.scrollIntoView({ block: 'center' });
    const r = c.getBoundingClientRect();
    return { x: r.left, y: r.top, w: r.width, h: r.height };
  });
  await page.touchscreen.tap(box.x + box.w * 0.45, box.y + box.h * 0.7);
  await nextFrame(page);
  assert.equal(await count(), n + 1, 'a tap adds a point');
  // The point just added, dragged upwards: it moves, the page does not.
  const from = await page.evaluate(() => scrollY);
  const mse = await page.textContent(byTestId('mse'));
  await swipe(page, box.x + box.w * 0.45, box.y + box.h * 0.7, -80);
  assert.equal(await page.evaluate(() => scrollY), from, 'a drag from a point keeps the page still');
  assert.notEqual(await page.textContent(byTestId('mse')), mse, 'the dragged point moved: the MSE changed');
  assert.equal(await count(), n + 1, 'the drag added no point');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the tab bar shows that more tabs wait to the side, and the lab opened shows its own tab', async () => {
  const { page, errors } = await view('', 'cs');
  const hint = () => page.$eval('nav.tabs', (n) => ({
    more: n.dataset.more, after: getComputedStyle(n, '::after').content, before: getComputedStyle(n, '::before').content,
  }));
  assert.deepEqual(await hint(), { more: 'right', after: '"›" / ""', before: 'none' }, 'at the start: an arrow at the right (silent for a screen reader)');
  await page.$eval('nav.tabs', (n) => { n.scrollLeft = n.scrollWidth; });
  await nextFrame(page);
  assert.deepEqual(await hint(), { more: 'left', after: 'none', before: '"‹" / ""' }, 'at the end: an arrow at the left');
  await page.close();
  const last = LABS.at(-1);
  const lab = await view(last, 'cs');
  const tab = await lab.page.$eval(byTestId(`open-lab-${last}`), (b) => {
    const r = b.getBoundingClientRect();
    return r.left >= 0 && r.right <= innerWidth;
  });
  assert.ok(tab, `the ${last} tab is in view when its lab opens`);
  assert.deepEqual([...errors, ...lab.errors], []);
  await lab.page.close();
});

test('with three hidden layers the whole network, its output neuron included, fits the phone\'s width', async () => {
  const { page, errors } = await view('', 'cs', '&layers=4,4,2');
  const fit = await page.evaluate(() => {
    const scroll = document.querySelector('[data-testid="network-scroll"]').getBoundingClientRect();
    const output = document.querySelector('.net-col.outputs .node').getBoundingClientRect();
    return { right: output.right, edge: Math.min(scroll.right, innerWidth) };
  });
  assert.ok(fit.right <= fit.edge, `the output neuron (right edge ${fit.right}) is in view (${fit.edge})`);
  // Four layers scroll sideways: the diagram's edge fades where more waits.
  await page.click(byTestId('add-layer'));
  await nextFrame(page);
  assert.equal(await page.$eval(byTestId('network-scroll'), (s) => s.dataset.more), 'right');
  assert.deepEqual(errors, []);
  await page.close();
});

test('after "apply" in backprop the playground says what happened, in view where the page lands', async () => {
  for (const lang of ['en', 'cs']) {
    const { page, errors } = await view('backprop', lang);
    const before = await page.textContent(byTestId('backprop-loss'));
    // From the lab's foot, where a student lands after reading the whole walk.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await page.$eval(byTestId('backprop-apply'), (b) => b.click());
    await page.waitForFunction(() => !document.querySelector('main.playground').hidden);
    await nextFrame(page);
    const said = await page.textContent(byTestId('message'));
    const words = lang === 'en' ? /one SGD step on training point 1: .* from (\S+) to (\S+);/ : /jeden krok SGD na trénovacím bodě 1: .* z (\S+) na (\S+);/;
    const [, from, to] = said.match(words) ?? [];
    assert.equal(from, before, `${lang}: the message names the loss the lab showed before the step (${said})`);
    assert.notEqual(to, from, `${lang}: and the loss after it`);
    const inView = await page.$eval(byTestId('message'), (m) => {
      const r = m.getBoundingClientRect();
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      return r.top >= 0 && r.bottom <= innerHeight && r.height > 0 && (hit === m || m.contains(hit));
    });
    assert.ok(inView, `${lang}: the message is on screen where the page lands`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('backprop\'s table of gradients, its finite-difference and step columns included, fits the phone without a sideways scroll', async () => {
  const { page, errors } = await view('backprop', 'cs');
  await page.click(byTestId('backprop-last'));
  // Back to the last neuron's card, the one with the widest table (its inputs are the widest layer).
  for (let i = 0; i < 3; i++) {
    if (await page.$('main.lab:not([hidden]) table.gradients')) break;
    await page.click(byTestId('backprop-back'));
  }
  const tables = await page.$$eval('main.lab:not([hidden]) .table-wrap', (all) => all.map((w) => [w.scrollWidth, w.clientWidth]));
  assert.ok(tables.length > 0, 'a table of gradients is shown');
  for (const [scroll, client] of tables) assert.ok(scroll <= client + 1, `the table fits (${scroll} > ${client})`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('screenshots at 390×844 of the playground and of every lab, in Czech and English (tests/e2e/artifacts/phone-*)', async () => {
  for (const lang of ['cs', 'en']) {
    for (const name of VIEWS) {
      const { page, errors } = await view(name, lang);
      await page.screenshot({ path: `${ARTIFACTS}phone-${named(name)}-${lang}.png`, fullPage: true });
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth), PHONE.width, `${named(name)} (${lang}): nothing wider than the screen`);
      assert.deepEqual(errors, []);
      await page.close();
    }
  }
});

// What the room sees: every view (the playground and each lab of the
// core's registry) at 1280×720 and 1920×1080, in presenter mode and in
// normal mode. In presenter mode a view's main figures and readouts are
// whole on the screen without scrolling; in both modes each main figure
// has its least size, chart text its least height, and tables fit their
// boxes. No legend lies over a plot (the core reports where it drew each,
// and the pixels are read back), and no tab is cut off.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, nextFrame, ARTIFACTS } from './browser.mjs';
import { LABS } from './core.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

/** A selector: a test id, or a CSS selector as it is (starting with `[` or `.`). */
const sel = (s) => (/^[[.]/.test(s) ? s : byTestId(s));

/**
 * Each view's main figure (`plot`, at least `least` CSS pixels wide and
 * high, `normal` in normal mode when it differs) and what must be on the screen with it in presenter
 * mode (`readouts`). `setup` brings the view to the state the lecture shows.
 * A lab missing here fails the test by name.
 */
const VIEWS = {
  playground: { plot: 'boundary', least: [420, 420], normal: [320, 320], readouts: ['loss-chart', 'restore-best-chart', 'message'] },
  gd: { plot: 'gd-plot', readouts: ['gd-point', 'loss-value', 'gradient'], setup: ['gd-step', 'gd-step'] },
  regression: { plot: 'regression-plot', readouts: ['equation', 'mse'], setup: ['fit'] },
  neuron: { plot: 'neuron-function', readouts: ['activation-value'] },
  backprop: { plot: 'backprop-network', readouts: ['backprop-progress', 'backprop-loss', 'grad-check', 'backprop-apply'], setup: ['backprop-last', 'backprop-back'] },
  approx: { plot: 'approx-fit', readouts: ['approx-mse', 'approx-pieces'], setup: ['approx-step'] },
  landscape: { plot: 'landscape-plot', readouts: ['landscape-center', 'landscape-train'] },
  recipe: { plot: '[data-lab-view="recipe"] .pair', readouts: ['recipe-table', 'recipe-loss'] },
  compare: { plot: '[data-lab-view="compare"] .pair', readouts: ['compare-table', 'compare-loss'] },
  digits: { plot: 'digits-loss', readouts: ['digits-pad', 'digits-guess', 'digits-test-accuracy'] },
};
/** A lab's main figure's least size, CSS pixels. */
const LEAST = [480, 320];
/** The loss chart's plot's least height, CSS pixels. */
const LOSS_PLOT = 160;

const SIZES = [[1280, 720], [1920, 1080]];

/** The box of the first visible element matching `selector`, in viewport pixels, or null. */
const box = (page, selector) => page.evaluate((s) => {
  const e = [...document.querySelectorAll(s)].find((x) => x.checkVisibility());
  return e ? e.getBoundingClientRect().toJSON() : null;
}, selector);

/** Opens `view` with `extra` in the link and brings it to its lecture state. */
async function openView(view, size, extra) {
  const [width, height] = size;
  const hash = view === 'playground' ? `#${extra}` : `#lab=${view}&${extra}`;
  const { page, errors } = await open(env.browser, `${env.url}${hash}`, { width, height });
  for (const id of VIEWS[view].setup ?? []) {
    await page.click(byTestId(id));
    await page.waitForTimeout(150);
  }
  if (view === 'digits') {
    await page.waitForFunction(() => document.querySelector('[data-testid="digits-test-accuracy"]')?.textContent.trim(), null, { timeout: 30_000 });
  }
  await nextFrame(page);
  await page.waitForTimeout(300);
  await nextFrame(page);
  return { page, errors };
}

/**
 * Every chart the core drew in the open view that reports its plot and
 * legend (`data-plot`, `data-legend`, canvas pixels): the boxes, and read
 * from the pixels, the share of the legend's box that is ink and the
 * number of coloured (data) pixels inside the plot's box.
 */
const legends = (page) => page.evaluate(() => [...document.querySelectorAll('canvas[data-legend]')]
  .filter((c) => c.checkVisibility() && c.width > 0)
  .map((c) => {
    const [plot, legend] = ['plot', 'legend'].map((k) => c.dataset[k].split(' ').map(Number));
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const at = (x, y) => data.subarray(4 * (y * c.width + x), 4 * (y * c.width + x) + 3);
    let ink = 0;
    for (let y = legend[1]; y < legend[3]; y++) {
      for (let x = legend[0]; x < legend[2]; x++) if (Math.min(...at(x, y)) < 200) ink++;
    }
    let coloured = 0;
    for (let y = plot[1]; y < plot[3]; y += 2) {
      for (let x = plot[0]; x < plot[2]; x += 2) {
        const [r, g, b] = at(x, y);
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
    }
    return { id: c.dataset.testid, plot, legend, ink, coloured };
  }));

/** Whether two boxes [left, top, right, bottom) share a pixel. */
const overlap = (a, b) => a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];

/**
 * What fails in the open view: figures or readouts off the screen (when
 * `onScreen`), figures under their least size, chart text under `text`
 * pixels, tables wider than their box, tabs cut off, legends over a plot.
 */
async function faults(page, view, size, { onScreen, text }) {
  const [width, height] = size;
  const found = [];
  const { plot, readouts } = VIEWS[view];
  const least = (onScreen ? VIEWS[view].least : VIEWS[view].normal ?? VIEWS[view].least) ?? LEAST;
  const inside = (b) => b && b.left >= -1 && b.top >= -1 && b.right <= width + 1 && b.bottom <= height + 1;
  const figure = await box(page, sel(plot));
  if (!figure) found.push(`${plot} not shown`);
  else if (figure.width < least[0] - 0.5 || figure.height < least[1] - 0.5) {
    found.push(`${plot} is ${Math.round(figure.width)}×${Math.round(figure.height)}, less than ${least.join('×')}`);
  }
  if (onScreen) {
    for (const s of [plot, ...readouts]) {
      const b = await box(page, sel(s));
      if (!inside(b)) found.push(`${s} off the screen: ${b ? `${Math.round(b.left)},${Math.round(b.top)} to ${Math.round(b.right)},${Math.round(b.bottom)}` : 'not shown'}`);
    }
    const scroll = await page.evaluate(() => [document.documentElement.scrollWidth - innerWidth, document.documentElement.scrollHeight - innerHeight]);
    if (scroll[0] > 0 || scroll[1] > 0) found.push(`the page scrolls by ${scroll}`);
  }
  if (view === 'playground') {
    const lossPlot = await page.$eval(byTestId('loss-chart'), (c) => {
      const [, top, , bottom] = c.dataset.plot.split(' ').map(Number);
      return (bottom - top) * c.getBoundingClientRect().height / c.height;
    });
    if (lossPlot < LOSS_PLOT) found.push(`the loss chart's plot is ${lossPlot.toFixed(0)} px high, less than ${LOSS_PLOT}`);
  }
  // Chart text: every canvas the core drew a chart or figure on.
  const sizes = await page.evaluate(async () => {
    const { Playground } = await import('./pkg/neuroplay.js');
    return [...document.querySelectorAll('canvas[data-plot]')].filter((c) => c.checkVisibility())
      .map((c) => [c.dataset.testid, Playground.chartTextSize(c)]);
  });
  for (const [id, px] of sizes) if (px < text - 0.01) found.push(`${id}'s text is ${px.toFixed(1)} px, less than ${text}`);
  // Tables: no sideways scroll, no overflow out of their box.
  const tables = await page.evaluate(() => [...document.querySelectorAll('main:not([hidden]) table')].filter((t) => t.checkVisibility())
    .map((t) => [t.dataset.testid ?? t.className, t.getBoundingClientRect().width, t.parentElement.clientWidth, t.parentElement.scrollWidth]));
  for (const [id, w, room, scrolled] of tables) {
    if (w > room + 1 || scrolled > room + 1) found.push(`table ${id} is ${Math.round(w)} px wide in a ${room}-px box`);
  }
  // Every tab whole inside the tab bar.
  const tabs = await page.evaluate(() => {
    const bar = document.querySelector('.tabs').getBoundingClientRect();
    return [...document.querySelectorAll('.tabs button')].filter((b) => {
      const r = b.getBoundingClientRect();
      return r.left < bar.left - 1 || r.right > bar.right + 1 || r.right > innerWidth + 1;
    }).map((b) => b.textContent);
  });
  for (const tab of tabs) found.push(`the tab "${tab}" is cut off`);
  for (const l of await legends(page)) {
    if (overlap(l.plot, l.legend)) found.push(`${l.id}'s legend ${l.legend} lies over its plot ${l.plot}`);
    if (l.ink === 0) found.push(`${l.id}'s legend box ${l.legend} holds no legend`);
  }
  return found;
}

for (const size of SIZES) {
  for (const view of ['playground', ...LABS]) {
    test(`${view} at ${size.join('×')}: presenter mode fits the screen, normal mode keeps the sizes`, async () => {
      assert.ok(VIEWS[view], `the lab ${view} names its main figure in room.test.mjs`);
      for (const lang of ['en', 'cs']) {
        const { page, errors } = await openView(view, size, `lang=${lang}&presenter=1`);
        await page.screenshot({ path: `${ARTIFACTS}room-${view}-${size.join('x')}-presenter-${lang}.png` });
        assert.deepEqual(await faults(page, view, size, { onScreen: true, text: 18 }), [], `presenter, ${lang}`);
        assert.deepEqual(errors, []);
        await page.close();
      }
      const { page, errors } = await openView(view, size, 'lang=en');
      await page.screenshot({ path: `${ARTIFACTS}room-${view}-${size.join('x')}-normal.png` });
      assert.deepEqual(await faults(page, view, size, { onScreen: false, text: 11 }), [], 'normal mode');
      assert.deepEqual(errors, []);
      await page.close();
    });
  }
}

/** The playground at its heaviest: 8 layers of 32, a penalty, early stopping. */
const HEAVY = 'dataset=circle&points=80&noise=0.35&layers=32,32,32,32,32,32,32,32&activation=relu&optimizer=adam&lr=0.003&init=he&reg=l2&regRate=0.01&patience=30&speed=50';

for (const size of SIZES) {
  test(`the playground at ${size.join('×')} with 8 layers of 32, a penalty, a hint and early stopping: all in view in presenter mode`, async () => {
    const { page, errors } = await openView('playground', size, `${HEAVY}&presenter=1&lang=cs`);
    await page.click(byTestId('play'));
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'paused', null, { timeout: 120_000 });
    await nextFrame(page);
    assert.equal(await page.isEnabled(byTestId('restore-best-chart')), true, 'early stopping stopped with a best epoch');
    assert.notEqual((await page.textContent(byTestId('message'))).trim(), '', 'the stop is said');
    assert.equal(await page.isVisible(byTestId('penalty')), true, 'the penalty rows show');
    // A long hint, as a run that stopped learning gets.
    await page.evaluate(() => {
      document.querySelector('[data-testid="training-hint"]').hidden = false;
      document.querySelector('[data-testid="hint-text"]').textContent = 'Nápověda. '.repeat(30);
    });
    await nextFrame(page);
    await page.screenshot({ path: `${ARTIFACTS}room-playground-heavy-${size.join('x')}.png` });
    assert.deepEqual(await faults(page, 'playground', size, { onScreen: true, text: 18 }), []);
    // "Restore best" beside the chart restores.
    const stopped = Number(await page.textContent(byTestId('epoch')));
    await page.click(byTestId('restore-best-chart'));
    await nextFrame(page);
    assert.ok(Number(await page.textContent(byTestId('epoch'))) < stopped, 'restored an earlier epoch');
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('no legend lies over its plot, for every activation of the neuron lab and the playground\'s charts after training', async () => {
  const { page, errors } = await openView('neuron', [1280, 720], 'lang=en&presenter=1');
  const options = await page.$$eval(`${byTestId('activation')} option, [data-lab-view="neuron"] select option`, (os) => [...new Set(os.map((o) => o.value))]);
  const select = await page.$('[data-lab-view="neuron"] select');
  let checked = 0;
  for (const value of options) {
    if (!(await select.evaluate((s, v) => [...s.options].some((o) => o.value === v), value))) continue;
    await select.selectOption(value);
    await nextFrame(page);
    for (const l of await legends(page)) {
      assert.equal(overlap(l.plot, l.legend), false, `${value}: ${l.id}'s legend over its plot`);
      assert.ok(l.ink > 0 && l.coloured > 0, `${value}: ${l.id} has a legend and plotted data`);
      checked++;
    }
  }
  assert.ok(checked >= 2 * options.length, `legends checked: ${checked}`);
  await page.close();
  const pg = await openView('playground', [1280, 720], 'lang=en&presenter=1&patience=30&dataset=circle&points=80&noise=0.35');
  await pg.page.click(byTestId('play'));
  await pg.page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) > 50);
  await nextFrame(pg.page);
  const charts = await legends(pg.page);
  assert.ok(charts.some((l) => l.id === 'loss-chart'), 'the loss chart reports its legend');
  for (const l of charts) assert.equal(overlap(l.plot, l.legend), false, `${l.id}'s legend over its plot`);
  assert.deepEqual([...errors, ...pg.errors], []);
  await pg.page.close();
});

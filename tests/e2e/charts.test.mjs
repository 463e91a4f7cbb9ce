// The charts under the network, in a real browser: loss, accuracy and a
// hidden layer's activation are drawn while training, the log axis and the
// layer picker redraw them, hovering shows the epoch, the console stays clean.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, canvasStats, ARTIFACTS } from './browser.mjs';

const CHARTS = ['loss-chart', 'accuracy-chart', 'activation-chart'];

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** The canvas's pixels as a PNG data URL: equal strings, equal pictures. */
const picture = (page, id) => page.$eval(byTestId(id), (c) => c.toDataURL());

/** Plays until at least `epochs` epochs are done, then pauses (early stopping may have paused already). */
async function train(page, epochs) {
  await page.click(byTestId('play'));
  await page.waitForFunction(
    (n) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= n
      || document.querySelector('[data-testid="status"]').dataset.state !== 'running',
    epochs,
  );
  const state = await page.$eval(byTestId('status'), (s) => s.dataset.state);
  if (state === 'running') await page.click(byTestId('play'));
}

/** Moves the pointer to a share (fx, fy) of a canvas's box. */
async function hover(page, id, fx, fy = 0.5) {
  await page.locator(byTestId(id)).scrollIntoViewIfNeeded();
  const box = await page.$eval(byTestId(id), (c) => {
    const r = c.getBoundingClientRect();
    return { x: r.x, y: r.y, w: r.width, h: r.height };
  });
  await page.mouse.move(box.x + fx * box.w, box.y + fy * box.h);
}

/** Per column of a chart's canvas, the share of its pixels that are a neutral grey (axes, guides). */
function greyColumns(page, id) {
  return page.$eval(byTestId(id), (c) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const grey = (i) => data[i] === data[i + 1] && data[i] === data[i + 2] && data[i] < 0xd0;
    return Array.from({ length: width }, (_, x) => {
      let n = 0;
      for (let y = 0; y < height; y++) if (grey((y * width + x) * 4)) n++;
      return n / height;
    });
  });
}

/** The column (as a share of the width) that gained the most grey from `before` to `after`, and how much. */
function newGrey(before, after) {
  const gains = after.map((v, x) => v - before[x]);
  const x = gains.indexOf(Math.max(...gains));
  return { x: x / after.length, gain: gains[x] };
}

test('the charts draw while training, follow the log axis, the layer picker and the pointer', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&patience=10&layers=4,2`);
  await train(page, 10);
  const epoch = await number(page, 'epoch');
  assert.ok(epoch >= 10, `trained to epoch ${epoch}`);

  for (const id of CHARTS) {
    const stats = await canvasStats(page, id);
    assert.ok(stats.nonWhite > 300, `${id} is drawn: ${stats.nonWhite} non-white pixels`);
  }

  // The log axis redraws the loss chart, and back.
  const linear = await picture(page, 'loss-chart');
  const unguided = await greyColumns(page, 'loss-chart');
  await page.click(byTestId('log-scale'));
  await page.waitForFunction((before) => document.querySelector('[data-testid="loss-chart"]').toDataURL() !== before, linear);
  await page.click(byTestId('log-scale'));
  await page.waitForFunction((before) => document.querySelector('[data-testid="loss-chart"]').toDataURL() === before, linear);

  // Hovering the loss chart shows a guide and a tooltip naming an epoch that was trained.
  await hover(page, 'loss-chart', 0.6);
  const tooltip = page.locator(byTestId('chart-tooltip'));
  await tooltip.waitFor({ state: 'visible' });
  const tip = await tooltip.textContent();
  const match = tip.match(/Epoch (\d+)/);
  assert.ok(match, `tooltip names an epoch: "${tip}"`);
  assert.ok(Number(match[1]) <= epoch, `epoch ${match[1]} was trained`);
  assert.match(tip, /train \d/);
  assert.match(tip, /test \d/);
  // The guide: a grey line down the plot, at the hovered epoch under the pointer.
  const guide = newGrey(unguided, await greyColumns(page, 'loss-chart'));
  assert.ok(guide.gain > 0.3 && Math.abs(guide.x - 0.6) < 0.06, `the guide at ${JSON.stringify(guide)}`);
  await page.screenshot({ path: `${ARTIFACTS}charts-hover.png` });
  await page.mouse.move(0, 0);
  await tooltip.waitFor({ state: 'hidden' });
  const gone = newGrey(unguided, await greyColumns(page, 'loss-chart'));
  assert.ok(gone.gain < 0.1, `no guide once the pointer leaves: ${JSON.stringify(gone)}`);

  // The picker lists both hidden layers; choosing the second redraws the chart.
  const options = await page.$$eval(`${byTestId('activation-layer')} option`, (os) => os.map((o) => o.textContent));
  assert.deepEqual(options.length, 2, `two hidden layers: ${options}`);
  assert.match(options[0], /^Layer 1 \(/);
  const first = await picture(page, 'activation-chart');
  await page.selectOption(byTestId('activation-layer'), '1');
  await page.waitForFunction((before) => document.querySelector('[data-testid="activation-chart"]').toDataURL() !== before, first);

  assert.deepEqual(errors, []);
  await page.close();
});

test('every chart follows training while it plays, each in its turn', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=4,2`);
  const all = [...CHARTS, 'gradient-chart'];
  const epochAtLeast = (n) => page.waitForFunction(
    (e) => Number(document.querySelector('[data-testid="epoch"]').textContent) >= e, n, { timeout: 30_000 },
  );
  await page.click(byTestId('play'));
  await epochAtLeast(5);
  const early = await Promise.all(all.map((id) => picture(page, id)));
  await epochAtLeast(60);
  const later = await Promise.all(all.map((id) => picture(page, id)));
  assert.equal(await page.$eval(byTestId('status'), (s) => s.dataset.state), 'running', 'still playing: only drawNext() drew');
  for (const [i, id] of all.entries()) assert.notEqual(later[i], early[i], `${id} was redrawn while playing`);
  await page.click(byTestId('play'));
  assert.deepEqual(errors, []);
  await page.close();
});

test('the charts speak Czech', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=4&lang=cs`);
  await train(page, 3);
  const option = await page.textContent(`${byTestId('activation-layer')} option`);
  assert.match(option, /^Vrstva 1 \(/);
  await hover(page, 'accuracy-chart', 0.5);
  const tooltip = page.locator(byTestId('chart-tooltip'));
  await tooltip.waitFor({ state: 'visible' });
  assert.match(await tooltip.textContent(), /Epocha \d+.*trénovací \d+(,\d)? %.*testovací/);
  assert.deepEqual(errors, []);
  await page.close();
});

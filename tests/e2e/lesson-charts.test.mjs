// What the lecture shows on the charts and the output view, in the real
// page: one minibatch ringed and counted within its epoch, the gradient of
// every layer in the deep-sigmoid preset, the validation curve early
// stopping decides on and the epoch "restore best" puts back, a 1D fit
// drawn above its points, and axis titles clear of the tick labels.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, canvasStats, nextFrame, shownNumber, ARTIFACTS } from './browser.mjs';

const DEEP_SIGMOID = 'dataset=spiral&layers=8,8,8,8,8,8&activation=sigmoid&features=x1,x2&lr=0.03';
const EARLY_STOPPING = 'dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he&patience=30';
const UNIVERSAL = 'dataset=sin&layers=16&activation=tanh&optimizer=adam&lr=0.01&noise=0.1';

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

/** Pixels of canvas `id` within `tolerance` of the colour `rgb`. */
function pixelsOf(page, id, rgb, tolerance = 30) {
  return page.$eval(byTestId(id), (c, [rgb, tol]) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] > 200 && [0, 1, 2].every((k) => Math.abs(data[i + k] - rgb[k]) <= tol)) n++;
    }
    return n;
  }, [rgb, tolerance]);
}

test('one minibatch step rings its points and the readout counts the step within the epoch', async () => {
  for (const [lang, word] of [['en', 'step'], ['cs', 'krok']]) {
    const { page, errors } = await open(env.browser, `${env.url}#${DEEP_SIGMOID}&batch=10&lang=${lang}`);
    const batchStep = page.locator(byTestId('batch-step'));
    assert.equal(await batchStep.isHidden(), true, 'no step within the epoch yet');
    assert.equal(await pixelsOf(page, 'output-overlay', [0x11, 0x11, 0x11]), 0, 'nothing ringed before a step');
    for (let i = 0; i < 3; i++) await page.click(byTestId('step'));
    await nextFrame(page);
    assert.ok(await pixelsOf(page, 'output-overlay', [0x11, 0x11, 0x11]) > 100, 'the step button rings its batch');
    assert.equal(await batchStep.textContent(), `· ${word} 3/25`);
    await page.keyboard.press('ArrowRight');
    await nextFrame(page);
    // 250 training points in batches of 10: 25 steps an epoch.
    assert.equal(await batchStep.textContent(), `· ${word} 4/25`);
    assert.equal(await number(page, 'epoch'), 0);
    const ringed = await pixelsOf(page, 'output-overlay', [0x11, 0x11, 0x11]);
    assert.ok(ringed > 100, `the batch's ten points are ringed: ${ringed} pixels`);
    await page.screenshot({ path: `${ARTIFACTS}minibatch-${lang}.png` });
    // A whole epoch moves on: no batch is ringed, no step within the epoch shown.
    await page.click(byTestId('step-epoch'));
    await nextFrame(page);
    assert.equal(await number(page, 'epoch'), 1);
    assert.equal(await batchStep.isHidden(), true);
    assert.equal(await pixelsOf(page, 'output-overlay', [0x11, 0x11, 0x11]), 0);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('the gradient chart draws every layer of the deep sigmoid network with a legend', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#${DEEP_SIGMOID}`);
  for (let i = 0; i < 5; i++) await page.click(byTestId('step-epoch'));
  await nextFrame(page);
  const stats = await canvasStats(page, 'gradient-chart');
  assert.ok(stats.nonWhite > 1500, `drawn: ${stats.nonWhite} non-white pixels`);
  // The input side's light blue and the output's dark blue (the ends of the ramp).
  assert.ok(await pixelsOf(page, 'gradient-chart', [0x56, 0xB4, 0xE9], 12) > 30, 'layer 1 is drawn');
  assert.ok(await pixelsOf(page, 'gradient-chart', [0x08, 0x30, 0x6B], 12) > 30, 'the output layer is drawn');
  // Hovering names each layer's size, the output's first, decades apart.
  await page.locator(byTestId('gradient-chart')).scrollIntoViewIfNeeded();
  const box = await page.$eval(byTestId('gradient-chart'), (c) => c.getBoundingClientRect().toJSON());
  await page.mouse.move(box.x + 0.9 * box.width, box.y + 0.5 * box.height);
  const tooltip = page.locator(byTestId('chart-tooltip'));
  await tooltip.waitFor({ state: 'visible' });
  const lines = await tooltip.locator('div').allTextContents();
  assert.match(lines[0], /^Epoch \d+/);
  assert.equal(lines.length, 1 + 7, `six hidden layers and the output: ${lines}`);
  const size = (line) => shownNumber(line.split(': ')[1]);
  assert.match(lines[1], /^output: /);
  assert.match(lines[7], /^layer 1: /);
  assert.ok(size(lines[7]) < size(lines[1]) / 100, `layer 1 ${lines[7]} is orders of magnitude below ${lines[1]}`);
  await page.screenshot({ path: `${ARTIFACTS}gradients.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('early stopping marks the validation minimum and restoring shows that epoch', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#${EARLY_STOPPING}`);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'paused', null, { timeout: 60_000 });
  const stopped = await number(page, 'epoch');
  await page.click(byTestId('restore-best'));
  await nextFrame(page);
  const restored = await number(page, 'epoch');
  assert.ok(restored < stopped, `restored epoch ${restored}, stopped at ${stopped}`);
  assert.equal(await page.$eval(byTestId('epoch'), (e) => e.classList.contains('restored')), true);

  // Every epoch under the pointer, across the loss chart: the validation curve's minimum is the restored epoch.
  await page.locator(byTestId('loss-chart')).scrollIntoViewIfNeeded();
  const box = await page.$eval(byTestId('loss-chart'), (c) => c.getBoundingClientRect().toJSON());
  const tooltip = page.locator(byTestId('chart-tooltip'));
  const seen = new Map();
  for (let x = Math.floor(box.x); x < box.x + box.width; x += 1) {
    await page.mouse.move(x, box.y + box.height / 2);
    if (await tooltip.isHidden()) continue;
    const text = (await tooltip.locator('div').allTextContents()).join('|');
    const m = text.match(/^Epoch (\d+)\|train ([\d.e-]+)\|validation ([\d.e-]+)\|test ([\d.e-]+)$/);
    assert.ok(m, `the tooltip names the validation loss: ${text}`);
    seen.set(Number(m[1]), { train: Number(m[2]), validation: Number(m[3]), test: Number(m[4]) });
  }
  assert.ok(seen.has(restored), `the pointer reached epoch ${restored} of ${stopped}: ${[...seen.keys()]}`);
  const [lowest] = [...seen].sort((a, b) => a[1].validation - b[1].validation || a[0] - b[0])[0];
  assert.equal(lowest, restored, 'the best epoch is the minimum of the drawn validation curve');
  // The readouts are that epoch's losses.
  const trainLoss = await number(page, 'train-loss');
  const testLoss = await number(page, 'test-loss');
  assert.ok(Math.abs(trainLoss - seen.get(restored).train) < 1e-3, `train ${trainLoss} vs ${seen.get(restored).train}`);
  assert.ok(Math.abs(testLoss - seen.get(restored).test) < 1e-3, `test ${testLoss} vs ${seen.get(restored).test}`);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${ARTIFACTS}early-stopping.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('a 1D fit is drawn above its points, thicker than a point', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#${UNIVERSAL}`);
  for (let i = 0; i < 5; i++) await page.click(byTestId('step-epoch'));
  await nextFrame(page);
  const last = await page.$eval(`${byTestId('plot')} canvas:last-of-type`, (c) => c.dataset.testid);
  assert.equal(last, 'output-overlay', 'the curve has the top canvas');
  // Down the middle column of the overlay: the curve's dark stroke, as thick as a point's radius or more.
  const stroke = await page.$eval(byTestId('output-overlay'), (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let best = 0;
    for (const x of [0.3, 0.5, 0.7].map((f) => Math.round(f * c.width))) {
      let run = 0;
      for (let y = 0; y < c.height; y++) {
        const i = 4 * (y * c.width + x);
        run = data[i + 3] > 200 && data[i] < 60 ? run + 1 : 0;
        best = Math.max(best, run);
      }
    }
    return { best, radius: Math.max(c.width / 110, 2.5) };
  });
  assert.ok(stroke.best >= stroke.radius, `stroke ${stroke.best} px, point radius ${stroke.radius} px`);
  // Sixteen neurons keep thumbnails of at least 24 px.
  const sizes = await page.$$eval('.node.neuron .thumb', (ts) => ts.map((t) => t.getBoundingClientRect().width));
  assert.ok(sizes.length >= 16 && Math.min(...sizes) >= 24, `thumbnails ${Math.min(...sizes)} px`);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Where the axis titles of chart `id` lie against its tick labels, from
 * its pixels: the y title is the leftmost run of inked columns beside the
 * plot, the x title the lowest run of inked rows below it. A title that
 * ran into the labels would make its run wider than a line of text.
 */
function titleRuns(page, id) {
  return page.$eval(byTestId(id), (c) => {
    const { width: w, height: h } = c;
    const { data } = c.getContext('2d').getImageData(0, 0, w, h);
    const at = (x, y) => data.subarray(4 * (y * w + x), 4 * (y * w + x) + 3);
    const ink = (x, y) => at(x, y).some((v) => v < 200);
    // The axis lines are grey, lighter where a line falls between two pixels.
    const grey = (x, y) => { const [r, g, b] = at(x, y); return r >= 0x60 && r <= 0xD0 && Math.abs(g - r) < 6 && Math.abs(b - r) < 6; };
    // The axes: the column (left half) and the row (bottom half) with the most axis grey.
    let axisX = 0; let axisY = 0; let most = 0;
    for (let x = 0; x < w / 2; x++) { let n = 0; for (let y = 0; y < h; y++) n += grey(x, y); if (n > most) { most = n; axisX = x; } }
    most = 0;
    for (let y = Math.floor(h / 2); y < h; y++) { let n = 0; for (let x = 0; x < w; x++) n += grey(x, y); if (n > most) { most = n; axisY = y; } }
    let top = 0;
    while (top < axisY && !grey(axisX, top)) top++;
    const runs = (inked) => {
      const out = [];
      inked.forEach((on, i) => {
        if (on && (i === 0 || !inked[i - 1])) out.push([i, i]);
        if (on) out[out.length - 1][1] = i;
      });
      return out;
    };
    const cols = Array.from({ length: axisX - 1 }, (_, x) => { for (let y = top; y < axisY; y++) if (ink(x, y)) return true; return false; });
    const rows = Array.from({ length: h - axisY - 2 }, (_, k) => { for (let x = axisX + 2; x < w; x++) if (ink(x, axisY + 2 + k)) return true; return false; });
    const ratio = c.width / c.clientWidth;
    const font = Math.max(Math.round(11 * Math.min(Math.max(ratio, 0.5), 4)), Math.min(Math.floor(h / 13), Math.floor(w / 22)));
    return { font, yRuns: runs(cols), xRuns: runs(rows) };
  });
}

test('axis titles never overlap the tick labels, in Czech, from a phone to a projector', async () => {
  for (const [width, height] of [[390, 844], [1280, 720], [1920, 1080]]) {
    const { page, errors } = await open(env.browser, `${env.url}#${EARLY_STOPPING}&lang=cs`, { width, height });
    for (let i = 0; i < 3; i++) await page.click(byTestId('step-epoch'));
    await nextFrame(page);
    for (const id of ['loss-chart', 'accuracy-chart', 'gradient-chart']) {
      const { font, yRuns, xRuns } = await titleRuns(page, id);
      const where = `${id} at ${width}×${height}`;
      assert.ok(yRuns.length >= 2, `${where}: a y title and tick labels: ${JSON.stringify(yRuns)}`);
      const [a, b] = yRuns[0];
      assert.ok(b - a + 1 <= 1.6 * font, `${where}: the y title stands alone (${b - a + 1} px wide, text ${font} px)`);
      assert.ok(xRuns.length >= 2, `${where}: tick labels and an x title: ${JSON.stringify(xRuns)}`);
      const [c, d] = xRuns[xRuns.length - 1];
      assert.ok(d - c + 1 <= 1.6 * font, `${where}: the x title stands alone (${d - c + 1} px high, text ${font} px)`);
    }
    await page.screenshot({ path: `${ARTIFACTS}charts-cs-${width}.png`, fullPage: true });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

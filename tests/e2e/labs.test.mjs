// The lecture's labs in a real browser, read as a student reads them: the
// numbers each lab shows, what its figures draw, its link, its messages,
// and the way there and back, in English and Czech, wide and narrow.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, nextFrame, params, hashOf, ARTIFACTS } from './browser.mjs';
import { LABS } from './core.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
/**
 * A number as the page writes it in English: its minus sign, its grouping
 * commas and its power of ten (3.3·10⁻⁹).
 * @param {string} s
 */
const reading = (s) => Number(s.replace(/−/g, '-').replace(/,/g, '')
  .replace(/·10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)$/, (_, e) => `e${[...e].map((c) => (c === '⁻' ? '-' : '⁰¹²³⁴⁵⁶⁷⁸⁹'.indexOf(c))).join('')}`));
/** A readout as a number, as the page writes it. */
const value = async (page, id) => reading(await text(page, id));

/** Sets a range or select control to `v` as a user would, firing its change event. */
function setControl(page, id, v) {
  return page.$eval(byTestId(id), (el, x) => {
    el.value = x;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(v));
}

/** How many pixels of a canvas are close to the colour (r, g, b). */
function pixelsNear(page, id, [r, g, b]) {
  return page.$eval(byTestId(id), (c, rgb) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) n++;
    }
    return n;
  }, [r, g, b]);
}

/**
 * The pixels of a canvas close to the colour (r, g, b) within a box given
 * as shares of its plot's width and height: how many, and their mean row
 * (as a share of the plot's height: 0 at the top).
 */
function inBox(page, id, [r, g, b], [x0, x1], [y0, y1]) {
  return page.$eval(byTestId(id), (c, [rgb, box]) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let [n, rows] = [0, 0];
    // Shares of the plot's box (data-plot, where the core drew the plot; the legend is above it).
    const [l, t, r, b] = (c.dataset.plot ?? `0 0 ${width} ${height}`).split(' ').map(Number);
    for (let y = Math.round(t + box[2] * (b - t)); y < t + box[3] * (b - t); y++) {
      for (let x = Math.round(l + box[0] * (r - l)); x < l + box[1] * (r - l); x++) {
        const i = (y * width + x) * 4;
        if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) {
          n++;
          rows += (y - t) / (b - t);
        }
      }
    }
    return { n, row: n ? rows / n : NaN };
  }, [[r, g, b], [x0, x1, y0, y1]]);
}

/**
 * The pixels of a canvas close to the colour (r, g, b): how many, and the
 * standard deviation of their columns as a share of the width (how far
 * across the canvas they spread).
 */
function spread(page, id, [r, g, b]) {
  return page.$eval(byTestId(id), (c, rgb) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const xs = [];
    // Only the plot's box (data-plot): the legend's swatches are above it.
    const [l, t, r, b] = (c.dataset.plot ?? `0 0 ${width} ${height}`).split(' ').map(Number);
    for (let i = 0; i < data.length; i += 4) {
      const [px, py] = [(i / 4) % width, Math.floor(i / 4 / width)];
      if (px < l || px >= r || py < t || py >= b) continue;
      if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) xs.push((i / 4) % width / width);
    }
    const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
    return { n: xs.length, across: Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / xs.length) };
  }, [r, g, b]);
}

/**
 * The share of a plot's vermillion pixels (the one-layer line) with a blue
 * one (the two-layer line) within a few pixels: 1 when the lines coincide.
 */
function coinciding(page, id) {
  return page.$eval(byTestId(id), (c) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const near = (i, rgb) => Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 60;
    const [vermillion, blue] = [[0xd5, 0x5e, 0x00], [0x00, 0x72, 0xb2]];
    const reach = Math.ceil(4 * devicePixelRatio);
    let lines = 0;
    let on = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        if (!near((y * width + x) * 4, vermillion)) continue;
        lines++;
        let found = false;
        for (let dy = -reach; dy <= reach && !found; dy++) {
          for (let dx = -reach; dx <= reach && !found; dx++) {
            const [u, v] = [x + dx, y + dy];
            if (u >= 0 && v >= 0 && u < width && v < height && near((v * width + u) * 4, blue)) found = true;
          }
        }
        if (found) on++;
      }
    }
    return lines ? on / lines : 0;
  });
}

/** Okabe–Ito orange: the neuron lab's slope, and softmax's third curve. */
const ORANGE = [0xe6, 0x9f, 0x00];

/**
 * How far the neuron lab's slope (dashed orange, below the legend) falls
 * from its left end to its right end, in shares of the plot's height: < 0
 * when it rises to the right, about 0 when both ends are as high.
 */
async function slopeEnds(page) {
  const [left, right] = [await inBox(page, 'neuron-function', ORANGE, [0.02, 0.1], [0.25, 1]),
    await inBox(page, 'neuron-function', ORANGE, [0.9, 0.98], [0.25, 1])];
  return right.row - left.row;
}

/** Clicks the run button and waits until the lab stops by itself. */
async function runToEnd(page, lab) {
  await page.click(byTestId(`${lab}-run`));
  await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`).textContent === 'Run', `${lab}-run`, { timeout: 30000 });
}

// The lab's colours (plot.rs, lab handles): the first run and the residuals.
const VERMILLION = [0xd5, 0x5e, 0x00];

// ---------------------------------------------------------------- gd

test('gd: the lecture\'s gradient at (2, 1) is (3, 1), written out and drawn', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&lang=en`);
  assert.equal(await page.isVisible('main.playground'), false, 'the playground is hidden');
  assert.equal(await text(page, 'gd-formula'), 'L(w₁, w₂) = w₁² + w₂³ − w₁·w₂');
  assert.equal(await text(page, 'gd-point'), '(2, 1)');
  assert.equal(await text(page, 'loss-value'), '3', 'L(2, 1) = 4 + 1 − 2');
  assert.equal(await text(page, 'gradient'), '(3, 1)');
  const partials = await text(page, 'gd-partials');
  assert.match(partials, /∂L\/∂w₁ = 2·w₁ − w₂ = 3/);
  assert.match(partials, /∂L\/∂w₂ = 3·w₂² − w₁ = 1/);
  // The heatmap fills the plot with many shades; the start point is the first run's colour.
  const shades = await page.$eval(byTestId('gd-plot'), (c) => {
    const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const seen = new Set();
    for (let i = 0; i < data.length; i += 4) seen.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
    return seen.size;
  });
  assert.ok(shades > 200, `a heatmap of ${shades} colours`);
  assert.ok(await pixelsNear(page, 'gd-plot', VERMILLION) > 50, 'the start point is drawn');
  // One step of w ← w − α·∇L with α = 0.1: (2, 1) − 0.1·(3, 1).
  await page.click(byTestId('gd-step'));
  assert.equal(await text(page, 'gd-steps'), '1');
  assert.equal(await text(page, 'gd-point'), '(1.7, 0.9)');
  assert.deepEqual(errors, []);
  await page.close();
});

test('gd: descent on the bowl converges and stops; on the lecture\'s surface a large step runs off and says so', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=bowl&lr=0.1&lang=en`);
  await runToEnd(page, 'gd');
  assert.match(await text(page, 'gd-message'), /Converged after [\d,]+ steps/);
  assert.ok(Math.abs(await value(page, 'loss-value')) < 1e-6, 'at the bottom');
  assert.equal(await text(page, 'gradient'), '(0, 0)');

  const wild = await open(env.browser, `${env.url}#lab=gd&surface=lecture&start=2,1&lr=0.8&lang=en`);
  await runToEnd(wild.page, 'gd');
  assert.match(await text(wild.page, 'gd-message'), /ran off after \d+ steps.*no minimum/);
  // Reset starts again from (2, 1), and the message goes.
  await wild.page.click(byTestId('gd-reset'));
  assert.equal(await text(wild.page, 'gd-point'), '(2, 1)');
  assert.equal(await text(wild.page, 'gd-message'), '');
  assert.deepEqual([...errors, ...wild.errors], []);
  await page.close();
  await wild.page.close();
});

test('gd: a click on the surface starts there; two optimisers run side by side', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=valley&optimizer=sgd&compare=momentum&lr=0.01&lang=en`);
  const box = await page.$eval(byTestId('gd-plot'), (c) => c.getBoundingClientRect().toJSON());
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  const start = (await params(page)).get('start');
  assert.ok(start, 'the link holds the clicked start');
  const [w1, w2] = start.split(',').map(Number);
  assert.ok(w1 < 0 && w2 > 0, `upper left of the plot is w₁ < 0, w₂ > 0: ${start}`);
  assert.equal(await text(page, 'gd-steps'), '0');
  for (let i = 0; i < 20; i++) await page.click(byTestId('gd-step'));
  assert.equal(await text(page, 'gd-steps'), '20');
  assert.match(await text(page, 'gd-versus'), /^Momentum: loss [\d.]+ after 20 steps\.$/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('gd: the link round-trips, and a bad one is reported while the lab works', async () => {
  const link = 'lab=gd&surface=rosenbrock&start=-1.5,2&optimizer=adam&compare=nesterov&lr=0.01';
  const { page, errors } = await open(env.browser, `${env.url}#${link}`);
  const hash = await params(page);
  for (const [key, v] of new URLSearchParams(link)) assert.equal(hash.get(key), v, key);
  assert.equal(await page.inputValue(byTestId('gd-surface')), 'rosenbrock');
  assert.equal(await page.inputValue(byTestId('gd-compare')), 'nesterov');
  assert.equal(await text(page, 'gd-point'), '(−1.5, 2)');

  const bad = await open(env.browser, `${env.url}#lab=gd&surface=moon&start=2,x&lr=5`);
  const message = await text(bad.page, 'gd-message');
  assert.match(message, /Surface: "moon" is not valid/);
  assert.match(message, /Start: "2,x" is not valid, expected two numbers/);
  assert.match(message, /Learning rate: 5 is out of range/);
  await bad.page.click(byTestId('gd-step'));
  assert.equal(await text(bad.page, 'gd-steps'), '1', 'the defaults still run');
  assert.deepEqual([...errors, ...bad.errors], []);
  await page.close();
  await bad.page.close();
});

// ---------------------------------------------------------------- regression

test('regression: x² makes the lecture\'s table exactly linear, y = 0·x₁ + 2·x₂ + 1, on all six points', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&features=x,x2&lang=en`);
  assert.equal((await params(page)).get('data').split(',').length, 6, 'six points, none held out');
  await page.click(byTestId('fit'));
  assert.equal(await text(page, 'equation'), 'y = 0·x₁ + 2·x₂ + 1');
  assert.equal(await value(page, 'mse'), 0);
  // A line leaves residuals, drawn as segments from each point to the line.
  await page.selectOption(byTestId('regression-features'), 'x');
  await page.click(byTestId('fit'));
  assert.match(await text(page, 'equation'), /^y = 24\.49\d*·x₁ − 45\.8\d*$/);
  assert.ok(await value(page, 'mse') > 100, 'no line fits');
  const line = await pixelsNear(page, 'regression-plot', VERMILLION);
  await page.selectOption(byTestId('regression-features'), 'x,x2');
  await page.click(byTestId('fit'));
  const curve = await pixelsNear(page, 'regression-plot', VERMILLION);
  assert.ok(line > 100 && curve < line / 4, `residuals drawn for the line (${line} px), gone for the exact fit (${curve} px)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('regression: gradient descent reaches the closed form on standardised inputs and blows up on raw ones', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&features=x,x2&standardize=1&lr=0.3&lang=en`);
  await runToEnd(page, 'regression');
  assert.match(await text(page, 'regression-message'), /Converged after [\d,]+ steps/);
  assert.equal(await text(page, 'equation'), 'y = 0·x₁ + 2·x₂ + 1', 'in the table\'s units, though trained standardised');
  // The same step on raw features diverges, and says so.
  await page.click(byTestId('regression-standardize'));
  await runToEnd(page, 'regression');
  assert.match(await text(page, 'regression-message'), /Diverged after \d+ steps/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('regression: points are added, dragged and removed on the figure, and the link keeps them', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&features=x&lang=en`);
  const canvas = await page.$eval(byTestId('regression-plot'), (c) => c.getBoundingClientRect().toJSON());
  const count = async () => (await params(page)).get('data').split(',').length;
  await page.mouse.click(canvas.x + canvas.width * 0.55, canvas.y + canvas.height * 0.3);
  assert.equal(await count(), 7, 'a click adds a point');
  const added = (await params(page)).get('data').split(',').at(-1);
  // Drag it down, then shift-click to remove it.
  const at = [canvas.x + canvas.width * 0.55, canvas.y + canvas.height * 0.3];
  await page.mouse.move(...at);
  await page.mouse.down();
  await page.mouse.move(at[0], at[1] + canvas.height * 0.2, { steps: 4 });
  await page.mouse.up();
  const moved = (await params(page)).get('data').split(',').at(-1);
  assert.notEqual(moved, added, 'dragging moves the point');
  assert.ok(Number(moved.split(':')[1]) < Number(added.split(':')[1]), 'down the y axis');
  await page.keyboard.down('Shift');
  await page.mouse.click(at[0], at[1] + canvas.height * 0.2);
  await page.keyboard.up('Shift');
  assert.equal(await count(), 6, 'shift-click removes it');
  // The link reproduces the lab, points included.
  const link = await hashOf(page);
  const again = await open(env.browser, `${env.url}${link}`);
  assert.equal(await hashOf(again.page), link);
  await again.page.click(byTestId('fit'));
  await page.click(byTestId('fit'));
  assert.equal(await text(again.page, 'equation'), await text(page, 'equation'));
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

/**
 * How long the lowest region of a surface figure is for its width: the
 * spread of its darkest blue pixels along their long axis over their short
 * one (the square root of their covariance's eigenvalues' ratio).
 */
function lowRegionElongation(page, id) {
  return page.$eval(byTestId(id), (c) => {
    const { data, width } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const points = [];
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
      if (b > r + 40 && b > g + 20 && r + g + b < 200) points.push([(i / 4) % width, Math.floor(i / 4 / width)]);
    }
    const n = points.length;
    const [mx, my] = [0, 1].map((k) => points.reduce((sum, p) => sum + p[k], 0) / n);
    let [xx, yy, xy] = [0, 0, 0];
    for (const [x, y] of points) {
      xx += (x - mx) ** 2 / n;
      yy += (y - my) ** 2 / n;
      xy += ((x - mx) * (y - my)) / n;
    }
    const mean = (xx + yy) / 2;
    const spread = Math.sqrt(((xx - yy) / 2) ** 2 + xy ** 2);
    return Math.sqrt((mean + spread) / Math.max(mean - spread, 1e-9));
  });
}

test('regression: the MSE surface is a valley on raw x and a bowl standardised', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&lang=en`);
  assert.match(await text(page, 'surface-note'), /^Raw x: the bottom of the MSE is a valley 15 times longer than wide/);
  // Measured: about 5.4 on raw x, 1.1 standardised (the picture's darkest
  // blue is only the valley's deepest part, so it reads shorter than 15).
  const raw = await lowRegionElongation(page, 'regression-surface');
  assert.ok(raw > 3, `raw x: the bottom is a long narrow valley (${raw.toFixed(2)} times longer than wide)`);
  await page.click(byTestId('regression-standardize'));
  assert.equal((await params(page)).get('standardize'), '1');
  assert.match(await text(page, 'surface-note'), /^Standardised x: the MSE is a round bowl \(its bottom’s length to width 1 : 1\)/);
  const standardised = await lowRegionElongation(page, 'regression-surface');
  assert.ok(standardised < 1.6, `standardised: the bottom is round (${standardised.toFixed(2)} times longer than wide)`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('regression: std-compare writes both MSEs after the same steps at each one\'s best step, and says how fair the user\'s α is', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&lang=en`);
  assert.match(await text(page, 'std-heading'), /^MSE after 30 steps, each at its best step α\*$/);
  const [raw, standardised] = [await text(page, 'std-raw'), await text(page, 'std-standardized')].map(reading);
  assert.ok(Number.isFinite(raw) && Number.isFinite(standardised), `two numbers: ${raw}, ${standardised}`);
  assert.ok(standardised < raw, `standardised lower at equal steps: ${standardised} < ${raw}`);
  assert.match(await text(page, 'std-verdict'), /standardised inputs get closer to the bottom/);
  // On a round bowl the best step lands on the least-squares line: its MSE is the closed form's.
  await page.click(byTestId('fit'));
  const bottom = await value(page, 'mse');
  assert.ok(Math.abs(standardised - bottom) < 0.01, `${standardised} is the minimum ${bottom}`);
  assert.ok(raw > bottom + 100, `raw x is still far above it: ${raw}`);
  // The user's α as a share of each best step, as written beside them.
  const best = async (id) => reading((await text(page, id)).split('= ')[1]);
  const steps = [await best('std-raw-label'), await best('std-standardized-label')];
  assert.ok(Math.abs(steps[1] - 0.5) < 1e-9, `a standardised line's best step is 1/2: ${steps[1]}`);
  const shares = async () => {
    const note = await text(page, 'rate-note');
    const m = note.match(/α = ([\d.e-]+) is ([\d.e-]+)× raw x’s best step and ([\d.e-]+)× the standardised one’s: (.*)$/);
    assert.ok(m, note);
    return { alpha: Number(m[1]), raw: Number(m[2]), standardised: Number(m[3]), verdict: m[4] };
  };
  let note = await shares();
  assert.equal(note.alpha, 0.0001);
  assert.ok(Math.abs(note.raw - 0.0001 / steps[0]) <= 0.051 * note.raw, JSON.stringify(note));
  assert.ok(Math.abs(note.standardised - 0.0001 / steps[1]) <= 0.051 * note.standardised, JSON.stringify(note));
  assert.equal(note.verdict, 'the same α is not fair to both.');
  await setControl(page, 'regression-learning-rate', 0.01);
  note = await shares();
  assert.equal(note.alpha, 0.01);
  assert.ok(Math.abs(note.raw - 0.01 / steps[0]) <= 0.051 * note.raw, JSON.stringify(note));
  // x at ±1 is standardised already: the same α is the same share of both best steps.
  const fair = await open(env.browser, `${env.url}#lab=regression&data=-1:1,1:3&lang=en`);
  assert.match(await text(fair.page, 'rate-note'), /is 0\.0002× raw x’s best step and 0\.0002× the standardised one’s: about the same share of each\.$/);
  assert.deepEqual([...errors, ...fair.errors], []);
  await page.close();
  await fair.page.close();
});

// The current model on the MSE surface (lab handles): Okabe and Ito's reddish purple.
const PURPLE = [0xcc, 0x79, 0xa7];

/** Where a colour's pixels are on a canvas: how many and their mean column and row (shares of the size). */
function centroid(page, id, [r, g, b]) {
  return page.$eval(byTestId(id), (c, rgb) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    let [n, x, y] = [0, 0, 0];
    // Only the plot's box (data-plot): the legend's swatches are above it.
    const [l, t, r, b] = (c.dataset.plot ?? `0 0 ${width} ${height}`).split(' ').map(Number);
    for (let i = 0; i < data.length; i += 4) {
      const [px, py] = [(i / 4) % width, Math.floor(i / 4 / width)];
      if (px < l || px >= r || py < t || py >= b) continue;
      if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) {
        n++;
        x += px / width;
        y += py / height;
      }
    }
    return { n, x: x / n, y: y / n };
  }, [r, g, b]);
}

test('regression: the surface draws the run\'s own path, growing as it steps, and marks the model now; with x² it says why there is none', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&lr=0.01&lang=en`);
  const start = await centroid(page, 'regression-surface', PURPLE);
  const path0 = (await centroid(page, 'regression-surface', VERMILLION)).n;
  assert.ok(start.n > 30, `the model is marked before any step (${start.n} px)`);
  assert.ok(path0 < 10, `no path before a step (${path0} px)`);
  for (let i = 0; i < 5; i++) await page.click(byTestId('regression-step'));
  const path5 = (await centroid(page, 'regression-surface', VERMILLION)).n;
  const moved = await centroid(page, 'regression-surface', PURPLE);
  assert.ok(path5 > path0 + 30, `the path grows: ${path0} → ${path5} px`);
  assert.ok(moved.n > 30 && Math.hypot(moved.x - start.x, moved.y - start.y) > 0.03, `the marker moves: ${JSON.stringify([start, moved])}`);
  for (let i = 0; i < 20; i++) await page.click(byTestId('regression-step'));
  const path25 = (await centroid(page, 'regression-surface', VERMILLION)).n;
  // (By half again: the plot's size, under its legend's rows, sets how many pixels a step adds.)
  assert.ok(path25 > 1.5 * path5, `and grows again: ${path5} → ${path25} px`);
  await page.click(byTestId('regression-reset'));
  assert.ok((await centroid(page, 'regression-surface', VERMILLION)).n < 10, 'a reset starts the path again');
  // With x² the model has three parameters: the figure gives way to the sentence.
  await page.selectOption(byTestId('regression-features'), 'x,x2');
  assert.equal(await page.isVisible(byTestId('regression-surface')), false, 'no surface over (w, b)');
  assert.match(await text(page, 'surface-note'), /^With x² the model has three parameters, w₁, w₂ and b: .* this figure does not apply/);
  await page.selectOption(byTestId('regression-features'), 'x');
  assert.equal(await page.isVisible(byTestId('regression-surface')), true);
  assert.match(await text(page, 'surface-note'), /valley/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('regression: the MSE is written with its formula, 1/N Σ (ŷᵢ − yᵢ)², which its value obeys', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&lang=en`);
  assert.equal(await text(page, 'mse-formula'), 'MSE = 1/N Σ (ŷᵢ − yᵢ)², N = 6');
  await page.click(byTestId('fit'));
  // The formula by hand, from the link's points and the model as written.
  const [w, b] = (await text(page, 'equation')).match(/^y = ([\d.]+)·x₁ − ([\d.]+)$/).slice(1).map(Number);
  const data = (await params(page)).get('data').split(',').map((p) => p.split(':').map(Number));
  const mse = data.reduce((sum, [x, y]) => sum + (w * x - b - y) ** 2, 0) / data.length;
  // Written with four significant digits.
  assert.ok(Math.abs(mse - await value(page, 'mse')) <= 5e-4 * Math.abs(mse), `1/N Σ (ŷᵢ − yᵢ)² = ${mse}`);
  const canvas = await page.$eval(byTestId('regression-plot'), (c) => c.getBoundingClientRect().toJSON());
  await page.mouse.click(canvas.x + canvas.width * 0.55, canvas.y + canvas.height * 0.3);
  assert.equal(await text(page, 'mse-formula'), 'MSE = 1/N Σ (ŷᵢ − yᵢ)², N = 7', 'N counts the points');
  assert.deepEqual(errors, []);
  await page.close();
});

test('regression: the shop loses 300 when nobody comes, and its sliders move the profit', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=regression&visitors=0&clicks=0&lang=en`);
  assert.equal(await text(page, 'shop-formula'), 'ŷ = 50·x₁ + 20·x₂ − 300');
  assert.equal(await text(page, 'shop-even'), 'Break-even line (ŷ = 0): 50·x₁ + 20·x₂ = 300');
  assert.equal(await text(page, 'profit'), '−300');
  await setControl(page, 'regression-visitors', 10);
  assert.equal(await text(page, 'profit'), '200', '50·10 − 300');
  await setControl(page, 'regression-clicks', 5);
  assert.equal(await text(page, 'profit'), '300', '50·10 + 20·5 − 300');
  assert.equal((await params(page)).get('clicks'), '5');
  // A point of the break-even line as written, 50·4 + 20·5 = 300, makes no profit.
  await setControl(page, 'regression-visitors', 4);
  assert.equal(await text(page, 'profit'), '0');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- neuron

test('neuron: two linear layers equal one, w = w₂·w₁ and b = w₂·b₁ + b₂; ReLU parts them', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=neuron&stacked=linear&v1=2&c1=1&v2=3&c2=-1&lang=en`);
  const collapsed = await text(page, 'collapsed');
  assert.match(collapsed, /w = w₂·w₁ = 3·2 = 6/);
  assert.match(collapsed, /b = w₂·b₁ \+ b₂ = 3·1 \+ \(−1\) = 2/);
  assert.match(collapsed, /y = 6·x \+ 2/);
  assert.equal(await text(page, 'collapse-note'), '');
  // The one layer's dashed line lies on the two layers' line; with ReLU they part.
  const together = await coinciding(page, 'collapse-plot');
  assert.ok(together > 0.85, `${together} of the one layer's line lies on the two layers'`);
  await page.selectOption(byTestId('neuron-stacked'), 'relu');
  assert.match(await text(page, 'collapse-note'), /With ReLU between them, no single line equals the two layers/);
  const apart = await coinciding(page, 'collapse-plot');
  assert.ok(apart < 0.75, `the plots part: ${apart} of the one layer's line lies on the two layers'`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('neuron: the worked pass shows every z and a; the activation and its derivative are plotted', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=neuron&lang=en`);
  const worked = await text(page, 'worked-pass');
  assert.match(worked, /z\(h₁\) = 0\.5 \+ 1·1 \+ \(−1\)·2 = −0\.5/);
  assert.match(worked, /h₁ = ReLU\(−0\.5\) = 0/);
  assert.match(worked, /z\(h₂\) = −1 \+ 0\.5·1 \+ 1·2 = 1\.5/);
  assert.match(worked, /z\(y\) = 0\.5 \+ 2·0 \+ \(−1\)·1\.5 = −1/);
  // The slope, dashed orange, below the legend: ReLU's is 0 on the left
  // and 1 on the right; sigmoid's is even, as high at both ends.
  const relu = await slopeEnds(page);
  assert.ok(relu < -0.05, `ReLU's slope rises to the right: ${relu}`);
  await page.selectOption(byTestId('neuron-activation'), 'sigmoid');
  const sigmoid = await slopeEnds(page);
  assert.ok(Math.abs(sigmoid) < 0.02, `the plot follows the activation: sigmoid's slope is even, ${sigmoid}`);
  assert.match(await text(page, 'worked-pass'), /h₁ = Sigmoid\(−0\.5\) = 0\.378/);
  await page.selectOption(byTestId('neuron-activation'), 'softmax');
  assert.match(await text(page, 'neuron-note'), /p₁ \+ p₂ \+ p₃ = 1/);
  assert.equal((await params(page)).get('activation'), 'softmax');
  // softmax(z, 0, −z) with z = w·x: p₁ (blue) wins where w·x > 0, p₃
  // (orange) where it is < 0. Below p = 1 (and the legend) only the losers'
  // curves lie, so on the left p₁'s blue shows for w = 1, p₃'s orange for w = −2.
  const [BLUE, left] = [[0x00, 0x72, 0xb2], [[0.3, 0.45], [0.25, 1]]];
  const losers = async () => ({
    blue: (await inBox(page, 'neuron-plot', BLUE, ...left)).n,
    orange: (await inBox(page, 'neuron-plot', ORANGE, ...left)).n,
  });
  await nextFrame(page);
  const before = await losers();
  assert.ok(before.blue > 3 * before.orange, `w = 1: p₁ loses on the left ${JSON.stringify(before)}`);
  await setControl(page, 'neuron-w', -2);
  assert.equal((await params(page)).get('w'), '-2', 'the link follows');
  await nextFrame(page);
  const after = await losers();
  assert.ok(after.orange > 3 * after.blue, `w = −2: p₃ loses on the left ${JSON.stringify(after)}`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('neuron: f(z) and f′(z) are written at the chosen z: sigmoid(0) = 0.5 and 0.25, tanh(1) by Math.tanh', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=neuron&activation=sigmoid&lang=en`);
  assert.equal(await text(page, 'activation-value'), 'Sigmoid(0) = 0.5, Sigmoid′(0) = 0.25');
  await page.selectOption(byTestId('neuron-activation'), 'tanh');
  await setControl(page, 'neuron-z', 1);
  assert.equal((await params(page)).get('z'), '1', 'the link keeps z');
  const [f, slope] = [Math.tanh(1), 1 - Math.tanh(1) ** 2].map((v) => String(Math.round(v * 1e4) / 1e4));
  assert.equal(await text(page, 'activation-value'), `tanh(1) = ${f}, tanh′(1) = ${slope}`);
  await page.selectOption(byTestId('neuron-activation'), 'relu');
  await setControl(page, 'neuron-z', -1);
  assert.equal(await text(page, 'activation-value'), 'ReLU(−1) = 0, ReLU′(−1) = 0');
  assert.equal(await text(page, 'softmax-probs'), '', 'no probabilities for one neuron');
  assert.ok(!(await page.isVisible(byTestId('neuron-logits'))), 'no logits for one neuron');
  assert.deepEqual(errors, []);
  await page.close();
});

test('neuron: typed logits (1, 2, 3) give 0.090, 0.245, 0.665; the link keeps them, restores them, and refuses bad ones', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=neuron&activation=softmax&lang=en`);
  const logits = () => page.$$eval(`${byTestId('neuron-logits')} input`, (fields) => fields.map((f) => f.value));
  /** Types a logit as a user does: the value, then the change of leaving the field. */
  const type = (i, v) => page.$eval(byTestId(`neuron-logit-${i}`), (f, x) => {
    f.value = x;
    f.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(v));
  assert.ok(await page.isVisible(byTestId('neuron-logits')));
  assert.equal((await logits()).length, 3, 'one field a logit');
  for (const [i, v] of [[1, 1], [2, 2], [3, 3]]) await type(i, v);
  assert.equal(await text(page, 'softmax-probs'), 'p = softmax(1, 2, 3) = (0.090, 0.245, 0.665)');
  assert.equal((await params(page)).get('logits'), '1,2,3');
  // p₁(1 − p₁) and so on, from the printed probabilities' exact values.
  const e = [1, 2, 3].map(Math.exp);
  const sum = e[0] + e[1] + e[2];
  const diagonal = e.map((v) => (v / sum) * (1 - v / sum)).map((v) => v.toFixed(3)).join(', ');
  assert.equal(await text(page, 'activation-value'), `∂pᵢ/∂zᵢ = pᵢ(1 − pᵢ) = (${diagonal})`);
  // An empty field is refused out loud; the logits stay as they were.
  await type(2, '');
  assert.match(await text(page, 'neuron-message'), /^“” is not a number: type one such as −0\.5$/);
  assert.deepEqual(await logits(), ['1', '2', '3']);
  assert.equal((await params(page)).get('logits'), '1,2,3');
  // A link with logits opens with them, in Czech with decimal commas.
  const linked = await open(env.browser, `${env.url}#lab=neuron&activation=softmax&logits=3,-1,0.5&lang=cs`);
  assert.deepEqual(await linked.page.$$eval(`${byTestId('neuron-logits')} input`, (fields) => fields.map((f) => f.value)), ['3', '−1', '0,5']);
  const p = [3, -1, 0.5].map(Math.exp);
  const total = p[0] + p[1] + p[2];
  const shown = p.map((v) => (v / total).toFixed(3).replace('.', ',')).join('; ');
  assert.equal(await text(linked.page, 'softmax-probs'), `p = softmax(3; −1; 0,5) = (${shown})`);
  const czech = await open(env.browser, `${env.url}#lab=neuron&activation=softmax&logits=1,2,3&lang=cs`);
  assert.match(await text(czech.page, 'softmax-probs'), /\(0,090; 0,245; 0,665\)$/);
  assert.deepEqual([...errors, ...linked.errors, ...czech.errors], []);
  await Promise.all([page, linked.page, czech.page].map((pg) => pg.close()));
});

test('neuron: with softmax the derivative panel shows softmax\'s slope, not ReLU\'s; the worked pass follows the sliders', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=neuron&activation=relu&lang=en`);
  // The slope (dashed orange) at both ends, below the legend: ReLU's is 0
  // on the left and 1 on the right; softmax's ∂p₁/∂z₁ = p₁(1 − p₁) (the
  // default logits z₂ = 1, z₃ = 0.1) is near 0 at both ends, as p₁ is near 0 or 1.
  const relu = await slopeEnds(page);
  assert.ok(relu < -0.05, `ReLU's slope rises to the right: ${relu}`);
  const caption = () => page.$eval(byTestId('neuron-function'), (c) => c.closest('figure').querySelector('figcaption').textContent);
  assert.equal(await caption(), 'The activation and its derivative');
  await page.selectOption(byTestId('neuron-activation'), 'softmax');
  await nextFrame(page);
  const softmax = await slopeEnds(page);
  assert.ok(Math.abs(softmax) < 0.02, `softmax's slope is as low at both ends, not ReLU's: ${softmax}`);
  assert.match(await caption(), /^Softmax: p₁ as z₁ moves .* ∂p₁\/∂z₁ = p₁\(1 − p₁\)$/);
  assert.doesNotMatch(await text(page, 'activation-value'), /ReLU/);
  // The worked pass states its inputs and follows the sliders of "Two inputs".
  assert.match(await text(page, 'worked-pass'), /^x = \(x₁, x₂\) = \(1, 2\)z\(h₁\) = 0\.5 \+ 1·1 \+ \(−1\)·2 = −0\.5/);
  await setControl(page, 'neuron-x1', 3);
  assert.match(await text(page, 'worked-pass'), /^x = \(x₁, x₂\) = \(3, 2\)z\(h₁\) = 0\.5 \+ 1·3 \+ \(−1\)·2 = 1\.5/);
  assert.match(await text(page, 'worked-pass'), /z\(h₂\) = −1 \+ 0\.5·3 \+ 1·2 = 2\.5/);
  await setControl(page, 'neuron-w1', 2);
  await setControl(page, 'neuron-b2', -1);
  assert.match(await text(page, 'worked-pass'), /z\(h₁\) = −1 \+ 2·3 \+ \(−1\)·2 = 3h₁ = ReLU\(3\) = 3/);
  assert.equal((await params(page)).get('x1'), '3');
  assert.deepEqual(errors, []);
  await page.close();
});

test('labs: the keys drive the lab, a language switch mid-run keeps it running, huge numbers read as powers of ten', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=bowl&lr=0.01&lang=en`);
  await page.click('h1');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  assert.equal(await text(page, 'gd-steps'), '2', '→ steps the lab, not the hidden playground');
  await page.keyboard.press(' ');
  assert.equal(await text(page, 'gd-run'), 'Pause');
  await page.selectOption(byTestId('language'), 'cs');
  assert.equal(await text(page, 'gd-run'), 'Pozastavit', 'still running, and says so in Czech');
  assert.equal(await text(page, 'gd-message'), '', 'no error');
  await page.keyboard.press('r');
  assert.equal(await text(page, 'gd-steps'), '0', 'r resets the lab');
  // A run that blows up writes its numbers as powers of ten, not thirty digits.
  const wild = await open(env.browser, `${env.url}#lab=regression&features=x,x2&lr=0.3&lang=en`);
  for (let i = 0; i < 4; i++) await wild.page.click(byTestId('regression-step'));
  const eq = await text(wild.page, 'equation');
  assert.match(eq, /·10[⁰¹²³⁴⁵⁶⁷⁸⁹]+/, eq);
  assert.ok(eq.length < 60, `short: ${eq}`);
  // A start a link allows outside the surface's window is drawn: the window grows to it.
  const far = await open(env.browser, `${env.url}#lab=gd&surface=bowl&start=9,-9&lang=en`);
  assert.ok(await pixelsNear(far.page, 'gd-plot', VERMILLION) > 30, 'the far start is on the figure');
  assert.deepEqual([...errors, ...wild.errors, ...far.errors], []);
  for (const p of [page, wild.page, far.page]) await p.close();
});

// ---------------------------------------------------------------- backprop

test('backprop: opens on the playground\'s trained network; every gradient agrees with its finite difference; apply takes the step', async () => {
  // Few points and a large step, so that one point's step shows in the mean loss.
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&points=20&layers=3,2&activation=tanh&lr=0.5&lang=en`);
  await page.click(byTestId('step-epoch'));
  await page.click(byTestId('step-epoch'));
  await page.click(byTestId('open-lab-backprop'));
  await page.waitForSelector(`${byTestId('backprop-network')}`, { state: 'visible' });
  const hash = await params(page);
  assert.equal(hash.get('lab'), 'backprop');
  assert.equal(hash.get('dataset'), 'xor', 'the playground\'s keys are in the link');
  assert.ok(Number(hash.get('steps')) > 0, 'with the steps trained');
  assert.ok(await value(page, 'grad-check') < 1e-3, `gradient check ${await text(page, 'grad-check')}`);
  // Forward: the first neuron's z and a, written out.
  await page.click(byTestId('backprop-next'));
  assert.match(await text(page, 'backprop-stage'), /Forward: layer 1, neuron 1z = b \+ Σ wᵢ·aᵢ = .+ = .+a = tanh\(z\) = tanh\(.+\) = /);
  assert.equal(await text(page, 'backprop-progress'), 'Step 1 of 14');
  await page.click(byTestId('backprop-last'));
  const last = await text(page, 'backprop-stage');
  const [, before, after] = last.match(/goes from ([\d.]*\d) to ([\d.]*\d)/);
  assert.equal(before, await text(page, 'backprop-loss'));
  assert.ok(Number(after) < Number(before), 'the step lowers this point\'s loss');
  // Back one stage: the output neuron's backward step, each gradient beside its finite difference.
  await page.click(byTestId('backprop-back'));
  await page.click(byTestId('backprop-back'));
  const rows = await page.$$eval(`${byTestId('backprop-stage')} tbody tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.ok(rows.length >= 2);
  for (const [, chain, numeric] of rows) {
    assert.equal(chain.split('= ').at(-1), numeric, `chain rule ${chain} vs finite difference ${numeric}`);
  }
  const trainLoss = await text(page, 'train-loss');
  await page.click(byTestId('backprop-apply'));
  await page.waitForSelector('main.playground', { state: 'visible' });
  assert.notEqual(await text(page, 'train-loss'), trainLoss, 'the playground\'s loss follows the changed network');
  // Walking the same point again starts from the loss the step predicted.
  await page.click(byTestId('open-lab-backprop'));
  await page.waitForSelector(`${byTestId('backprop-network')}`, { state: 'visible' });
  assert.equal(await text(page, 'backprop-loss'), after);
  assert.deepEqual(errors, []);
  await page.close();
});

test('backprop: a link reproduces the walk; every head; a click picks a point; batch norm is refused with a message', async () => {
  const link = '#lab=backprop&dataset=circle&layers=4&activation=relu&lr=0.1&steps=60&point=5&lang=en';
  const first = await open(env.browser, `${env.url}${link}`);
  await first.page.waitForFunction(() => document.querySelector('[data-testid="backprop-loss"]').textContent !== '');
  const loss = await text(first.page, 'backprop-loss');
  const again = await open(env.browser, `${env.url}${link}`);
  await again.page.waitForFunction(() => document.querySelector('[data-testid="backprop-loss"]').textContent !== '');
  assert.equal(await text(again.page, 'backprop-loss'), loss, 'the same weights, the same point');
  assert.equal((await params(again.page)).get('point'), '5');
  const box = await again.page.$eval(byTestId('backprop-points'), (c) => c.getBoundingClientRect().toJSON());
  await again.page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.45);
  assert.notEqual((await params(again.page)).get('point'), '5', 'a click picks the nearest point');
  for (const head of ['dataset=xor&output=tanh&activation=sigmoid', 'dataset=blobs&classes=3&output=softmax&activation=elu',
    'dataset=sin&output=identity&activation=leaky-relu', 'dataset=xor&output=sigmoid&activation=linear']) {
    const { page, errors } = await open(env.browser, `${env.url}#lab=backprop&${head}&layers=4,3&steps=30&lang=en`);
    await page.waitForFunction(() => document.querySelector('[data-testid="grad-check"]').textContent !== '');
    assert.ok(await value(page, 'grad-check') < 1e-3, `${head}: ${await text(page, 'grad-check')}`);
    await page.click(byTestId('backprop-last'));
    assert.match(await text(page, 'backprop-stage'), /The SGD step/);
    assert.deepEqual(errors, []);
    await page.close();
  }
  const norm = await open(env.browser, `${env.url}#lab=backprop&batchNorm=1&layers=4&lang=en`);
  assert.match(await text(norm.page, 'backprop-message'), /batch normalisation needs a batch/);
  assert.equal(await norm.page.isDisabled(byTestId('backprop-next')), true);
  assert.deepEqual([...first.errors, ...again.errors, ...norm.errors], []);
  for (const p of [first, again, norm]) await p.page.close();
});

// ---------------------------------------------------------------- approx

test('approx: the pieces add up to the fit; dragging a handle moves a kink; training fits sin and the pieces move', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=approx&target=sin&activation=relu&neurons=8&lang=en`);
  const gap = async () => await value(page, 'approx-sum');
  assert.ok(await gap() < 1e-4, `the sum of the pieces is the fit: ${await gap()}`);
  const start = await value(page, 'approx-mse');
  // Drag the first neuron's kink handle to the right: its bias changes, its weight does not.
  const before = (await params(page)).get('units').split(',')[0].split(':');
  const box = await page.$eval(byTestId('approx-pieces'), (c) => c.getBoundingClientRect().toJSON());
  const handle = await page.evaluate(() => {
    const c = document.querySelector('[data-testid="approx-pieces"]');
    const b = c.getBoundingClientRect();
    const scale = c.width / b.width;
    for (let y = 0; y < c.height; y += 2) for (let x = 0; x < c.width / 4; x += 2) {
      const [r, g, bl] = c.getContext('2d').getImageData(x, y, 1, 1).data;
      if (Math.abs(r - 0xe6) + Math.abs(g - 0x9f) + Math.abs(bl) < 30) return [b.x + x / scale, b.y + y / scale];
    }
    return null;
  });
  assert.ok(handle, 'the first neuron\'s kink handle is drawn');
  await page.mouse.move(handle[0] + 2, handle[1] + 2);
  await page.mouse.down();
  await page.mouse.move(handle[0] + box.width * 0.2, handle[1] + 2, { steps: 5 });
  await page.mouse.up();
  const after = (await params(page)).get('units').split(',')[0].split(':');
  assert.equal(after[0], before[0], 'the weight stays');
  assert.notEqual(after[1], before[1], 'the kink moved: a new bias');
  // Train: the error falls, the pieces still add up, and the link holds the trained neurons.
  await page.click(byTestId('approx-run'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="approx-steps"]').textContent) >= 300);
  await page.click(byTestId('approx-run'));
  const trained = await value(page, 'approx-mse');
  assert.ok(trained < start / 10 && trained < 0.02, `${start} -> ${trained}`);
  assert.ok(await gap() < 1e-4, 'still one function');
  const link = await page.evaluate(() => location.hash);
  const again = await open(env.browser, `${env.url}${link}`);
  assert.equal(await text(again.page, 'approx-mse'), await text(page, 'approx-mse'), 'the link reproduces the trained fit');
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

test('approx: two sigmoids make a bump, and points drawn by hand become the target', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=approx&activation=sigmoid&units=6:6:1,6:-6:-1&bias=0&lang=en`);
  assert.equal((await params(page)).get('neurons'), '2');
  await page.selectOption(byTestId('approx-target'), 'drawn');
  const box = await page.$eval(byTestId('approx-fit'), (c) => c.getBoundingClientRect().toJSON());
  for (const fx of [0.2, 0.4, 0.6, 0.8]) await page.mouse.click(box.x + box.width * fx, box.y + box.height * 0.3);
  const drawn = (await params(page)).get('drawn').split(',');
  assert.equal(drawn.length, 4, 'four points drawn');
  await page.keyboard.down('Shift');
  await page.mouse.click(box.x + box.width * 0.4, box.y + box.height * 0.3);
  await page.keyboard.up('Shift');
  assert.equal((await params(page)).get('drawn').split(',').length, 3, 'shift-click removes one');
  assert.ok(await value(page, 'approx-mse') >= 0, 'the error is measured on the drawn points');
  assert.deepEqual(errors, []);
  await page.close();
});

test('approx: the bump scenario\'s target is a bump that its two sigmoids fit; the reset button says what it does', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lang=en`);
  await page.selectOption(byTestId('presets'), 'approx-bump');
  await page.waitForFunction(() => location.hash.includes('lab=approx'));
  await nextFrame(page);
  assert.equal((await params(page)).get('target'), 'bump');
  const mse = await value(page, 'approx-mse');
  assert.ok(mse < 0.03, `the two sigmoids fit the target: MSE ${mse}`);
  // The target, grey: high in the middle (1 on −1 < x < 1), low at the right (0).
  const GREY = [0x99, 0x99, 0x99];
  const middle = await inBox(page, 'approx-fit', GREY, [0.48, 0.58], [0.22, 0.95]);
  const right = await inBox(page, 'approx-fit', GREY, [0.85, 0.95], [0.22, 0.95]);
  assert.ok(middle.n > 10 && right.n > 10, `the target is drawn: ${middle.n}, ${right.n}`);
  assert.ok(middle.row < right.row - 0.1, `a bump: higher in the middle (row ${middle.row}) than at the right (row ${right.row})`);
  assert.equal(await text(page, 'approx-reset'), 'Reset the pieces');
  await page.selectOption(byTestId('language'), 'cs');
  assert.equal(await text(page, 'approx-reset'), 'Výchozí rozmístění');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- landscape

test('landscape: the middle of the plane is the current training loss; the path\'s plane shows the path', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=6&optimizer=adam&lr=0.03&lang=en`);
  for (let i = 0; i < 5; i++) await page.click(byTestId('step-epoch'));
  const trainLoss = await text(page, 'train-loss');
  await page.click(byTestId('open-lab-landscape'));
  await page.waitForFunction(() => document.querySelector('[data-testid="landscape-center"]').textContent !== '–'
    && document.querySelector('[data-testid="landscape-progress"]').textContent === '', null, { timeout: 30000 });
  const center = await text(page, 'landscape-center');
  assert.equal(center, await text(page, 'landscape-train'), 'the middle cell is the weights themselves');
  assert.equal(Number(center).toFixed(3), Number(trainLoss).toFixed(3), 'and the playground\'s training loss');
  // The path (sky blue) seen on a random plane is a short sliver; on the
  // plane of its own principal directions it spreads across the plot.
  const SKY = [0x56, 0xb4, 0xe9];
  const random = await spread(page, 'landscape-plot', SKY);
  await page.selectOption(byTestId('landscape-directions'), 'path');
  await page.waitForFunction(() => document.querySelector('[data-testid="landscape-progress"]').textContent === '', null, { timeout: 30000 });
  const path = await spread(page, 'landscape-plot', SKY);
  assert.ok(path.n > 2 * random.n && path.across > 0.05 && random.across < 0.03,
    `the path is drawn across its plane: ${JSON.stringify({ random, path })}`);
  assert.match(await text(page, 'landscape-note'), /principal directions, through 6 recorded epochs/);
  // The link reproduces it: the playground's keys, the steps and the plane.
  const link = await hashOf(page);
  const again = await open(env.browser, `${env.url}${link}`);
  await again.page.waitForFunction(() => document.querySelector('[data-testid="landscape-progress"]').textContent === ''
    && document.querySelector('[data-testid="landscape-center"]').textContent !== '–', null, { timeout: 30000 });
  assert.equal(await text(again.page, 'landscape-center'), center);
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

// ---------------------------------------------------------------- recipe and side by side

test('recipe: every card\'s check passes on its own preset', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=recipe&card=1&lang=en`);
  for (let card = 1; card <= 6; card++) {
    await page.click(byTestId(`recipe-card-${card}`));
    assert.equal((await params(page)).get('card'), String(card));
    const title = await text(page, 'recipe-title');
    if (card > 1) {
      await page.click(byTestId('recipe-run'));
      await page.waitForFunction(() => document.querySelector('[data-testid="recipe-run"]').textContent === 'Run', null, { timeout: 60000 });
    }
    const check = await text(page, 'recipe-check');
    assert.match(check, /✓ The numbers show it\./, `${title}: ${check}`);
  }
  // The overfitting card marks the epoch where the test loss turns; the baseline shows ln 2.
  await page.click(byTestId('recipe-card-2'));
  await page.click(byTestId('recipe-run'));
  await page.waitForFunction(() => /✓/.test(document.querySelector('[data-testid="recipe-check"]').textContent), null, { timeout: 60000 });
  assert.match(await text(page, 'recipe-check'), /Loss at the start: 0\.693.*ln\(number of classes\): 0\.693/);
  // A card's other remedies are one click each, and each is a link.
  await page.click(byTestId('recipe-card-4'));
  const remedies = await page.$$eval(`${byTestId('recipe-alternatives')} button`, (bs) => bs.map((b) => b.textContent));
  assert.ok(remedies.length >= 5, remedies.join(' | '));
  await page.click(`${byTestId('recipe-alternatives')} button:nth-child(3)`);
  assert.equal((await params(page)).get('versus'), 'dropout');
  assert.deepEqual(errors, []);
  await page.close();
});

test('side by side: the playground\'s setting against one change, both on one chart; the link reproduces the pair', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4&lang=en`);
  await page.click(byTestId('open-lab-compare'));
  const hash = await params(page);
  assert.equal(hash.get('dataset'), 'circle');
  assert.equal(hash.get('versus'), 'optimizer');
  assert.match(await text(page, 'compare-name-b'), /B: Optimiser = Adam/);
  await page.click(byTestId('compare-run'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="compare-table"] tr:nth-child(2) td').textContent) >= 20);
  await page.click(byTestId('compare-run'));
  // Both runs' curves: A in dark grey and vermillion, B in blue and orange.
  for (const colour of [[0xd5, 0x5e, 0x00], [0x00, 0x72, 0xb2], [0xe6, 0x9f, 0x00]]) {
    assert.ok(await pixelsNear(page, 'compare-loss', colour) > 50, `the chart has ${colour}`);
  }
  const rows = await page.$$eval(`${byTestId('compare-table')} tr`, (trs) => trs.map((tr) => [...tr.cells].map((c) => c.textContent)));
  assert.notEqual(rows[2][1], rows[2][2], 'the two runs differ');
  // Choosing another setting picks a value for it; a value the playground refuses is said.
  await page.selectOption(byTestId('compare-versus'), 'dropout');
  assert.equal((await params(page)).get('versus'), 'dropout');
  assert.ok(Number((await params(page)).get('with')) > 0, 'a dropout to compare with');
  await page.fill(byTestId('compare-with'), '7');
  await page.press(byTestId('compare-with'), 'Enter');
  assert.match(await text(page, 'compare-message'), /Dropout: 7 is out of range/);
  assert.notEqual((await params(page)).get('with'), '7', 'the pair stays as it was');
  // The link reproduces the pair.
  const link = await hashOf(page);
  const again = await open(env.browser, `${env.url}${link}`);
  assert.equal(await text(again.page, 'compare-name-b'), await text(page, 'compare-name-b'));
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

// ---------------------------------------------------------------- navigation, languages, widths

test('every lab is one click from the playground, which is one click back and goes on where it was', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=en`);
  await page.click(byTestId('step-epoch'));
  await page.click(byTestId('step-epoch'));
  // One tab a lab, in the core's order, each named in the page's words (not by its key).
  const tabs = await page.$$eval('nav.tabs [data-lab]', (bs) => bs.map((b) => [b.dataset.lab, b.textContent]));
  assert.deepEqual(tabs.map(([lab]) => lab), LABS);
  for (const [lab, title] of tabs) assert.ok(title && !title.startsWith('lab.'), `${lab}'s tab is named: ${title}`);
  for (const lab of LABS) {
    await page.click(byTestId(`open-lab-${lab}`));
    assert.equal(await page.isVisible(`[data-lab-view="${lab}"]`), true, `${lab} shown`);
    assert.equal((await params(page)).get('lab'), lab);
    assert.equal((await params(page)).get('lang'), 'en', 'page keys kept');
    await page.click(byTestId('to-playground'));
    assert.equal(await page.isVisible('main.playground'), true);
    assert.equal((await params(page)).get('dataset'), 'xor');
    assert.equal(await text(page, 'epoch'), '2', 'the session goes on');
  }
  // The browser's Back goes from the playground to the last lab.
  await page.goBack();
  await page.waitForFunction((last) => !document.querySelector(`[data-lab-view="${last}"]`).hidden, LABS.at(-1));
  assert.deepEqual(errors, []);
  await page.close();
});

test('an unknown lab is reported and the playground opens', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=nope&lang=en`);
  assert.equal(await page.isVisible('main.playground'), true);
  assert.match(await text(page, 'message'), /lab = "nope" is not valid/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('the labs in Czech at 1280×720 and 390 px: Czech words and numbers, nothing overflows', async () => {
  const czech = await launch({ locale: 'cs-CZ' });
  try {
    for (const [width, height] of [[1280, 720], [390, 844]]) {
      for (const lab of ['gd', 'regression', 'neuron', 'backprop']) {
        const { page, errors } = await open(czech.browser, `${czech.url}#lab=${lab}`, { width, height });
        assert.equal(await page.getAttribute('html', 'lang'), 'cs');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        assert.ok(overflow <= 0, `${lab} at ${width}: ${overflow} px too wide`);
        const canvases = await page.$$eval(`[data-lab-view="${lab}"] canvas`, (cs) => cs.map((c) => [c.width, c.height]));
        for (const [w, h] of canvases) assert.ok(w >= 250 && h >= 150, `${lab} at ${width}: a figure of ${w}×${h}`);
        await page.screenshot({ path: `${ARTIFACTS}lab-${lab}-${width}-cs.png`, fullPage: true });
        assert.deepEqual(errors, []);
        await page.close();
      }
    }
    const { page, errors } = await open(czech.browser, `${czech.url}#lab=gd`);
    assert.equal(await text(page, 'open-lab-gd'), 'Gradientní sestup');
    await page.click(byTestId('gd-step'));
    assert.equal(await text(page, 'gd-point'), '(1,7; 0,9)', 'decimal commas, pairs split by a semicolon');
    const shop = await open(czech.browser, `${czech.url}#lab=regression&visitors=0&clicks=0`);
    assert.equal(await text(shop.page, 'profit'), '−300');
    assert.match(await text(shop.page, 'surface-note'), /údolí/);
    assert.deepEqual([...errors, ...shop.errors], []);
  } finally {
    await czech.close();
  }
});

test('a lab in English at 1920×1080 keeps its figures large', async () => {
  for (const lab of LABS) {
    const { page, errors } = await open(env.browser, `${env.url}#lab=${lab}&lang=en`, { width: 1920, height: 1080 });
    await nextFrame(page);
    const largest = await page.$$eval(`[data-lab-view="${lab}"] canvas`, (cs) => Math.max(...cs.map((c) => c.getBoundingClientRect().width)));
    assert.ok(largest >= 450, `${lab}: its largest figure is ${largest} px wide`);
    await page.screenshot({ path: `${ARTIFACTS}lab-${lab}-1920-en.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

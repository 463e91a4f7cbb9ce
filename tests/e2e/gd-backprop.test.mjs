// The numbers the lecture asks about, in the gradient-descent and the
// backpropagation labs, read from the page: the typed start, the colours
// and markers of the lecture's surface, runs that leave the map, and links
// that reproduce the loss on screen after backprop's "apply".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, params } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));

/** Types `v` into the field with test id `id` and leaves it, as a user does. */
async function type(page, id, v) {
  await page.fill(byTestId(id), String(v));
  await page.$eval(byTestId(id), (el) => el.dispatchEvent(new Event('change', { bubbles: true })));
}

/**
 * The surface point → canvas pixel map of the gd figure, measured through
 * the page alone: two clicks, and the starts the link then holds.
 */
async function surfaceToPixels(page) {
  const canvas = byTestId('gd-plot');
  const box = await page.$eval(canvas, (c) => ({ ...c.getBoundingClientRect().toJSON(), sx: c.width / c.getBoundingClientRect().width }));
  const clicks = [[0.35, 0.3], [0.75, 0.8]].map(([u, v]) => [box.x + u * box.width, box.y + v * box.height]);
  const starts = [];
  for (const [x, y] of clicks) {
    await page.mouse.click(x, y);
    starts.push((await params(page)).get('start').split(',').map(Number));
  }
  const axis = (i) => {
    const [a, b] = [clicks[0][i] - box[i ? 'y' : 'x'], clicks[1][i] - box[i ? 'y' : 'x']];
    const slope = (b - a) / (starts[1][i] - starts[0][i]);
    return (w) => (a + (w - starts[0][i]) * slope) * box.sx;
  };
  const [px, py] = [axis(0), axis(1)];
  return ([w1, w2]) => [px(w1), py(w2)];
}

/** The mean colour of the 5 × 5 canvas pixels around (x, y). */
function colourAt(page, [x, y]) {
  return page.$eval(byTestId('gd-plot'), (c, [x, y]) => {
    const { data } = c.getContext('2d').getImageData(Math.round(x) - 2, Math.round(y) - 2, 5, 5);
    const mean = [0, 0, 0];
    for (let i = 0; i < data.length; i += 4) for (let k = 0; k < 3; k++) mean[k] += data[i + k] / 25;
    return mean;
  }, [x, y]);
}

/** How many canvas pixels within `r` of (x, y) are close to the colour `rgb`. */
function near(page, [x, y], r, rgb) {
  return page.$eval(byTestId('gd-plot'), (c, [x, y, r, rgb]) => {
    const { data } = c.getContext('2d').getImageData(Math.round(x - r), Math.round(y - r), 2 * r + 1, 2 * r + 1);
    let n = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (Math.abs(data[i] - rgb[0]) + Math.abs(data[i + 1] - rgb[1]) + Math.abs(data[i + 2] - rgb[2]) < 40) n++;
    }
    return n;
  }, [x, y, r, rgb]);
}

const distance = (a, b) => a.reduce((s, v, i) => s + Math.abs(v - b[i]), 0);

// ---------------------------------------------------------------- gd

test('gd: a typed start moves the runs there at every digit typed, the link carries it, and clicks fill the fields', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&lang=en`);
  assert.equal(await page.inputValue(byTestId('gd-start-w1')), '2');
  assert.equal(await page.inputValue(byTestId('gd-start-w2')), '1');
  await type(page, 'gd-start-w1', '0.0833');
  await type(page, 'gd-start-w2', '-0.4567');
  assert.equal(await text(page, 'gd-point'), '(0.0833, −0.4567)', 'the typed start, not rounded to a pixel or to 0.01');
  assert.equal((await params(page)).get('start'), '0.0833,-0.4567');
  assert.equal(await text(page, 'loss-value'), (0.0833 ** 2 + (-0.4567) ** 3 - 0.0833 * -0.4567).toFixed(4).replace('-', '−'));
  // A start out of the core's range is refused with a message; the start stays.
  await type(page, 'gd-start-w1', '11');
  assert.equal(await text(page, 'gd-message'), 'Start: 11 is out of range, allowed −10 to 10');
  assert.equal((await params(page)).get('start'), '0.0833,-0.4567');
  assert.equal(await page.inputValue(byTestId('gd-start-w1')), '0.0833', 'the field shows the start in use again');
  // A click sets the start, and the fields follow.
  const box = await page.$eval(byTestId('gd-plot'), (c) => c.getBoundingClientRect().toJSON());
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.3);
  const [w1, w2] = (await params(page)).get('start').split(',');
  // The fields write the start as the page writes numbers: a true minus.
  assert.equal(await page.inputValue(byTestId('gd-start-w1')), w1.replace('-', '−'));
  assert.equal(await page.inputValue(byTestId('gd-start-w2')), w2.replace('-', '−'));
  // A link with a typed start opens there.
  const linked = await open(env.browser, `${env.url}#lab=gd&start=0.0833,0.1667&lang=cs`);
  assert.equal(await text(linked.page, 'gd-point'), '(0,0833; 0,1667)');
  assert.equal(await linked.page.inputValue(byTestId('gd-start-w2')), '0,1667', 'a field in Czech has a decimal comma');
  assert.deepEqual([...errors, ...linked.errors], []);
  await page.close();
  await linked.page.close();
});

test('gd: the lecture\'s surface shows its local minimum and its saddle, each marked where the core found it', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&lang=en`);
  assert.equal(await text(page, 'gd-stationary'),
    'Saddle point at (0, 0): ∇L = 0, L = 0. Minimum at (0.083, 0.167): ∇L = 0, L = −0.0023.');
  const pixel = await surfaceToPixels(page);
  await type(page, 'gd-start-w1', '2');
  await type(page, 'gd-start-w2', '1');
  // Inside the minimum's bowl (L ≈ 0.006) against its rim (L ≈ 0.09): every way is up.
  const bowl = await colourAt(page, pixel([0.2, 0.25]));
  for (const rim of [[0.45, 0.35], [-0.2, 0.4]]) {
    const d = distance(bowl, await colourAt(page, pixel(rim)));
    assert.ok(d > 30, `the bowl around the minimum is told from its rim at ${rim}: ${d}`);
  }
  // Across the saddle: down along w₂ < 0 (L ≈ −0.03), up on either side (L ≈ 0.15, 0.2).
  const down = await colourAt(page, pixel([0, -0.3]));
  for (const up of [[0.3, -0.3], [-0.3, 0.3]]) {
    const d = distance(down, await colourAt(page, pixel(up)));
    assert.ok(d > 60, `the saddle's falling side is told from its rising side at ${up}: ${d}`);
  }
  // The markers: black at the minimum, bluish green at the saddle.
  assert.ok(await near(page, pixel([1 / 12, 1 / 6]), 3, [0, 0, 0]) >= 5, 'the minimum is marked');
  assert.ok(await near(page, pixel([0, 0]), 3, [0x00, 0x9e, 0x73]) >= 5, 'the saddle is marked');
  assert.ok(await near(page, pixel([1.5, -1.5]), 3, [0x00, 0x9e, 0x73]) === 0, 'and nothing else is');
  assert.deepEqual(errors, []);
  await page.close();
});

test('gd: compared with Adam, a run that leaves the map stops and says so, and the animation stops', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=lecture&start=-0.5,-0.5&compare=adam&lr=0.1&lang=en`);
  await page.click(byTestId('gd-run'));
  await page.waitForFunction(() => document.querySelector('[data-testid="gd-run"]').textContent === 'Run', null, { timeout: 20000 });
  const message = await text(page, 'gd-message');
  assert.match(message, /SGD: The path ran off after \d+ steps/);
  assert.match(message, /Adam: The path ran off after \d+ steps/);
  const versus = await text(page, 'gd-versus');
  await page.waitForTimeout(300);
  assert.equal(await text(page, 'gd-versus'), versus, 'Adam no longer steps');
  const steps = Number(/after (\d+) steps/.exec(versus)[1]);
  assert.ok(steps < 100, `Adam stopped at the map's edge, after ${steps} steps`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('gd: a hand step that leaves the map says so', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=saddle&start=2.9,0&lr=1.1&lang=en`);
  assert.equal(await text(page, 'gd-message'), '');
  await page.click(byTestId('gd-step'));
  assert.equal(await text(page, 'gd-message'), 'The path left the map after 1 step, so it stops here. Reset, or start elsewhere.');
  await page.click(byTestId('gd-step'));
  assert.equal(await text(page, 'gd-steps'), '1', 'a stopped run stays where it left');
  const cs = await open(env.browser, `${env.url}#lab=gd&surface=lecture&start=-2.9,-2.9&lang=cs`);
  await cs.page.click(byTestId('gd-step'));
  assert.match(await text(cs.page, 'gd-message'), /^Cesta po 1 kroku utekla/);
  assert.deepEqual([...errors, ...cs.errors], []);
  await page.close();
  await cs.page.close();
});

// ---------------------------------------------------------------- backprop

/** The playground's losses and the place in training, as the screen shows them. */
const losses = async (page) => ({
  train: await text(page, 'train-loss'), test: await text(page, 'test-loss'), epoch: await text(page, 'epoch'),
});

test('backprop: after "apply", the playground\'s link and the lab\'s, opened fresh, show the loss the screen showed', async () => {
  // Few points and a large step, so that one point's step shows in the mean loss.
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&points=20&layers=3,2&activation=tanh&lr=0.5&lang=en`);
  await page.click(byTestId('step-epoch'));
  await page.click(byTestId('step-epoch'));
  const trained = await losses(page);
  await page.click(byTestId('open-lab-backprop'));
  await page.waitForSelector(byTestId('backprop-network'), { state: 'visible' });
  const steps = (await params(page)).get('steps');
  const point = (await params(page)).get('point') ?? '0';
  await page.click(byTestId('backprop-apply'));
  await page.waitForSelector('main.playground', { state: 'visible' });
  const shown = await losses(page);
  assert.notEqual(shown.train, trained.train, 'the step changed the loss on screen');
  const link = await page.evaluate(() => location.hash);
  assert.equal(new URLSearchParams(link.slice(1)).get('backprop'), `${steps}:${point}`, 'the link records the step, after the steps trained');
  const fresh = await open(env.browser, `${env.url}${link}`);
  assert.deepEqual(await losses(fresh.page), shown, 'the playground\'s link reproduces the loss on screen');
  // A new run starts without the hand step, and its link says so.
  await fresh.page.click(byTestId('reset'));
  assert.ok(!(await params(fresh.page)).get('backprop'), 'reset drops the hand step from the link');
  // The lab's link, from the playground after the step: the walk starts where the screen was.
  await page.click(byTestId('open-lab-backprop'));
  await page.waitForSelector(byTestId('backprop-network'), { state: 'visible' });
  const walked = await text(page, 'backprop-loss');
  const labLink = await page.evaluate(() => location.hash);
  assert.match(labLink, /[#&]backprop=\d+:\d+/);
  const lab = await open(env.browser, `${env.url}${labLink}`);
  await lab.page.waitForFunction(() => document.querySelector('[data-testid="backprop-loss"]').textContent !== '');
  assert.equal(await text(lab.page, 'backprop-loss'), walked, 'the lab\'s link reproduces the loss on screen');
  // A hand step a link cannot hold is refused with a message; the rest of the link opens.
  const bad = await open(env.browser, `${env.url}#dataset=xor&layers=3,2&backprop=9:1,7:2&lang=en`);
  assert.match(await text(bad.page, 'message'), /Backpropagation steps applied: 7:2 is out of range/);
  assert.equal((await params(bad.page)).get('layers'), '3,2');
  assert.ok(!(await params(bad.page)).get('backprop'), 'and holds no hand step');
  assert.deepEqual([...errors, ...fresh.errors, ...lab.errors, ...bad.errors], []);
  for (const p of [page, fresh.page, lab.page, bad.page]) await p.close();
});

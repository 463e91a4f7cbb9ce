// Every student's way in: axe-core finds nothing on the playground and on
// every lab, in both languages, on a projector's screen and on a phone; a
// keyboard alone edits a weight, sets the gradient lab's start, moves a
// regression point and trains; one neuron is shown large with its layer,
// index, bias and incoming weights; the figures' text alternatives follow
// what they show.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, byTestId, nextFrame, params, ARTIFACTS } from './browser.mjs';
import { LABS } from './core.mjs';

const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const PROJECTOR = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const active = (page) => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.tagName);
const box = (page, id) => page.$eval(byTestId(id), (e) => e.getBoundingClientRect().toJSON());

/**
 * Presses Tab until the element with test id `id` has focus: it is
 * reachable by the keyboard alone. Fails after `most` presses.
 */
async function tabTo(page, id, most = 400) {
  for (let i = 0; i < most; i++) {
    if (await active(page) === id) return;
    await page.keyboard.press('Tab');
  }
  assert.fail(`${id} is not reached by Tab`);
}

/** axe-core's violations on the page as it is now, one line each. */
async function violations(page) {
  if (!await page.evaluate(() => 'axe' in window)) await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')}: ${n.failureSummary}`));
}

// ---------------------------------------------------------------- axe-core

for (const viewport of [PROJECTOR, PHONE]) {
  for (const lang of ['en', 'cs']) {
    test(`axe-core: no violation on the playground and every lab, ${lang}, ${viewport.width}×${viewport.height}`, async () => {
      const { page, errors } = await open(env.browser, `${env.url}#lang=${lang}`, viewport);
      const found = [];
      for (const lab of ['', ...LABS]) {
        if (lab) {
          await page.evaluate((hash) => { location.hash = hash; }, `#lab=${lab}&lang=${lang}`);
          await page.waitForSelector(`main[data-lab-view="${lab}"]:not([hidden])`);
          await nextFrame(page);
        }
        for (const line of await violations(page)) found.push(`${lab || 'playground'}: ${line}`);
      }
      assert.deepEqual(found, []);
      assert.deepEqual(errors, [], 'no CSP violation nor error while auditing');
      await page.close();
    });
  }
}

// ---------------------------------------------------------------- contrast

test('the inputs switched off and the test loss are legible: opaque, at least 4.5:1 on white', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&features=x1,x2`);
  // axe-core leaves text under partial opacity undecided: measured here, through every ancestor's opacity.
  const measured = await page.$$eval('[data-testid^="feature-"], [data-testid="test-loss"]', (els) => els.map((e) => {
    let opacity = 1;
    for (let n = e; n; n = n.parentElement) opacity *= Number(getComputedStyle(n).opacity);
    const [r, g, b] = getComputedStyle(e).color.match(/\d+/g).map(Number);
    // Text drawn at `opacity` over white, then WCAG's relative luminance and contrast.
    const channel = (c) => {
      const v = (opacity * c + (1 - opacity) * 255) / 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    };
    const lum = 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    return { id: e.dataset.testid, pressed: e.getAttribute('aria-pressed'), contrast: 1.05 / (lum + 0.05) };
  }));
  assert.ok(measured.some((m) => m.pressed === 'false'), 'some inputs are off');
  for (const m of measured) assert.ok(m.contrast >= 4.5, `${m.id}: ${m.contrast.toFixed(2)}:1`);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- keyboard alone

test('the keyboard alone edits a weight, sets the gradient lab\'s start, moves a regression point and trains', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1`);
  // A weight: the neuron, its magnifier (the next stop), then the first incoming weight.
  await tabTo(page, 'neuron-0-1');
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'zoom-0-1', 'the neuron\'s magnifier follows it');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'zoom-weight-0', 'focus is on the first incoming weight');
  const before = Number(await page.getAttribute(byTestId('zoom-weight-0'), 'aria-valuenow'));
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowDown');
  const after = Number(await page.getAttribute(byTestId('zoom-weight-0'), 'aria-valuenow'));
  assert.ok(Math.abs(after - (before + 0.2)) < 1e-3, `↑↑↑↓ adds 0.2: ${before} → ${after}`);
  const [, edited] = (await params(page)).get('edits').match(/^w0\.1\.0:(-?[\d.]+)$/) ?? [];
  assert.ok(Math.abs(Number(edited) - after) < 1e-6, `the edit is in the link, as a click on the edge makes it: ${edited}`);
  assert.equal(await page.getAttribute(byTestId('zoom-weight-0'), 'aria-label'),
    `Weight of layer 1 from x₁ to neuron 2 of layer 1: ${edited.replace('-', '−')}`);
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'zoom-weight-1');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'zoom-input', 'Enter opens a field to type in');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-1.25');
  await page.keyboard.press('Enter');
  assert.equal(await active(page), 'zoom-weight-1', 'focus comes back');
  assert.equal(await page.getAttribute(byTestId('zoom-weight-1'), 'aria-valuenow'), '-1.25');
  assert.match((await params(page)).get('edits'), /w0\.1\.1:-1\.25/);
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible(byTestId('neuron-zoom')), false, 'Escape closes the panel');
  assert.equal(await active(page), 'zoom-0-1', 'and gives focus back to the magnifier');

  // Training: to the play button and back.
  await tabTo(page, 'step-epoch');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.querySelector('[data-testid="epoch"]').textContent === '1');
  assert.match((await params(page)).get('edits'), /w0\.1\.1:-1\.25/, 'the edited network trains on');

  // The gradient lab's start, typed and stepped.
  await tabTo(page, 'open-lab-gd');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main[data-lab-view="gd"]:not([hidden])');
  await tabTo(page, 'gd-start-w1');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1.5');
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'gd-start-w2');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-0.5');
  await page.keyboard.press('Enter');
  assert.equal((await params(page)).get('start'), '1.5,-0.5', 'typed and Enter sets the start');
  await page.keyboard.press('ArrowUp');
  assert.equal((await params(page)).get('start'), '1.5,0.5', '↑ steps it');
  assert.equal(await text(page, 'gd-point'), '(1.5, 0.5)');
  await tabTo(page, 'gd-step');
  await page.keyboard.press('Enter');
  assert.equal(await text(page, 'gd-steps'), '1', 'a step from the start set by keyboard');

  // A regression point: the table, a field, ↑; a point added and removed.
  await tabTo(page, 'open-lab-regression');
  await page.keyboard.press('Enter');
  await page.waitForSelector('main[data-lab-view="regression"]:not([hidden])');
  const points = async () => (await params(page)).get('data') ?? '';
  const first = await points();
  await page.focus('[data-testid="points-table"] summary');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Tab');
  assert.equal(await active(page), 'point-x-0');
  const x0 = Number(await page.inputValue(byTestId('point-x-0')));
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  const y0 = Number(await page.inputValue(byTestId('point-y-0')));
  await page.keyboard.press('Tab');
  assert.notEqual(await points(), first, 'the link holds the moved point');
  const mse = await text(page, 'mse');
  assert.equal(await page.evaluate(() => document.querySelector('[data-testid="regression-plot"]').getAttribute('aria-label').includes(document.querySelector('[data-testid="mse"]').textContent)), true);
  assert.ok(mse.length > 0);
  assert.deepEqual([Number(await page.inputValue(byTestId('point-x-0'))), Number(await page.inputValue(byTestId('point-y-0')))], [x0, y0],
    'the table shows the point where the core put it');
  const count = (await points()).split(',').length;
  await tabTo(page, 'point-add');
  await page.keyboard.press('Enter');
  assert.equal((await points()).split(',').length, count + 1, 'Enter on "add" adds a point');
  await tabTo(page, 'point-remove-0');
  await page.keyboard.press('Enter');
  assert.equal((await points()).split(',').length, count, 'Enter on × removes one');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- the enlarged neuron

/** Where the map's colours change from orange (negative) to blue (positive) along row `share` of its height, as a share of its width. */
function crossing(page, share) {
  return page.$eval(byTestId('neuron-zoom-map'), (c, s) => {
    const { data, width, height } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
    const y = Math.round(s * (height - 1));
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      if (data[i + 2] > data[i]) return x / width; // more blue than red
    }
    return 1;
  }, share);
}

for (const [name, viewport, presenter] of [['presenter mode at 1280×720', PROJECTOR, true], ['the phone layout', PHONE, false]]) {
  test(`one neuron shown large with its layer, index, bias and incoming weights, in ${name}`, async () => {
    // Neuron 3 of layer 1 computes tanh(1.5·x₁ − 0.25·x₂ + 0.1): its zero line is known.
    const edits = 'w0.2.0:1.5,w0.2.1:-0.25,b0.2:0.1';
    const { page, errors } = await open(env.browser, `${env.url}#dataset=gauss&layers=4,2&seed=1&edits=${edits}${presenter ? '&presenter=1' : ''}`, viewport);
    await page.focus(byTestId('neuron-0-2'));
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const panel = byTestId('neuron-zoom');
    assert.equal(await page.isVisible(panel), true);
    assert.equal(await text(page, 'neuron-zoom-title'), 'Layer 1, neuron 3');
    const values = await page.$$eval('[data-testid="neuron-zoom-weights"] [role="spinbutton"]', (spins) => spins.map((s) => s.textContent));
    assert.deepEqual(values, ['bias0.100', 'x₁1.500', 'x₂−0.250']);
    // The map fills the box the core drew it in, large enough for the back row, all of it on screen.
    const map = await box(page, 'neuron-zoom-map');
    const least = presenter ? 280 : 180;
    assert.ok(map.width >= least && map.height >= least, `the map is ${map.width}×${map.height} px`);
    assert.ok(map.top >= 0 && map.bottom <= viewport.height && map.left >= 0 && map.right <= viewport.width, JSON.stringify(map));
    assert.ok(await page.$eval(byTestId('neuron-zoom-map'), (c) => c.width >= c.clientWidth), 'drawn at the screen\'s resolution');
    // Over the plane [−6, 6]², the zero line x₁ = (0.25·x₂ − 0.1) / 1.5: at the top (x₂ ≈ 6), the middle and the bottom.
    const domain = 6;
    for (const share of [0.02, 0.5, 0.98]) {
      const x2 = domain * (1 - 2 * share);
      const expected = ((0.25 * x2 - 0.1) / 1.5 + domain) / (2 * domain);
      const found = await crossing(page, share);
      assert.ok(Math.abs(found - expected) < 0.02, `row ${share}: zero line at ${found}, expected ${expected}`);
    }
    await page.screenshot({ path: `${ARTIFACTS}neuron-zoom-${viewport.width}.png` });
    await page.click(byTestId('neuron-zoom-close'));
    assert.equal(await page.isVisible(panel), false);
    assert.deepEqual(errors, []);
    await page.close();
  });
}

test('hovering a neuron shows it large; a click on it still edits its bias; the Czech panel writes decimal commas', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1&lang=cs&edits=w0.0.1:0.5`);
  await page.hover(byTestId('neuron-0-0'));
  assert.equal(await page.isVisible(byTestId('neuron-zoom')), true, 'hover shows it');
  assert.equal(await text(page, 'neuron-zoom-title'), 'Vrstva 1, neuron 1');
  assert.equal(await page.getAttribute(byTestId('zoom-weight-1'), 'aria-label'), 'Váha vrstvy 1, odkud: x₂, kam: neuron 1 vrstvy 1, hodnota 0,5');
  assert.match(await text(page, 'neuron-zoom-keys'), /±0,1, Page Up\/Down ±1,/);
  await page.click(byTestId('neuron-0-0'));
  assert.equal(await page.isVisible(byTestId('weight-input')), true, 'the click opens the bias editor');
  await page.keyboard.press('Escape');
  await page.mouse.move(0, 0);
  assert.equal(await page.isVisible(byTestId('neuron-zoom')), false, 'leaving hides it');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- text alternatives

test('the figures\' text alternatives follow what they show', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&seed=1`);
  await page.click(byTestId('step-epoch'));
  await page.waitForFunction(() => document.querySelector('[data-testid="boundary"]').getAttribute('aria-label').includes('Epoch 1;'));
  const label = await page.getAttribute(byTestId('boundary'), 'aria-label');
  for (const id of ['train-loss', 'test-loss', 'accuracy']) assert.ok(label.includes(await text(page, id)), `${id} in "${label}"`);
  assert.match(await page.getAttribute(byTestId('loss-chart'), 'aria-label'), new RegExp(`Epoch 1: train ${await text(page, 'train-loss')}`));
  await page.close();

  const gd = await open(env.browser, `${env.url}#lab=gd&lang=cs`);
  await gd.page.click(byTestId('gd-step'));
  await gd.page.waitForFunction(() => document.querySelector('[data-testid="gd-plot"]').getAttribute('aria-label').includes('kroků: 1'));
  const gdLabel = await gd.page.getAttribute(byTestId('gd-plot'), 'aria-label');
  assert.ok(gdLabel.includes(`Bod ${await text(gd.page, 'gd-point')}`), gdLabel);
  assert.ok(gdLabel.includes(`gradient ${await text(gd.page, 'gradient')}`), gdLabel);
  assert.match(gdLabel, /\d,\d/, 'Czech decimal commas');
  assert.deepEqual([...errors, ...gd.errors], []);
  await gd.page.close();
});

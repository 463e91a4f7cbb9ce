// What a lecturer and a student meet in the classroom: presenter mode on a
// projector (the three views on one screen, chart text large), the network
// on a phone, the optimiser's settings after every toggle, Czech that
// agrees in number and names settings by their labels, and weights edited
// by hand that the link keeps.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, nextFrame, ARTIFACTS, params } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const DEEP = '#dataset=spiral&layers=8,8,8,8,8,8';

/** The bounding box of the first element matching `selector`, in viewport pixels. */
const box = (page, selector) => page.$eval(selector, (e) => e.getBoundingClientRect().toJSON());

/** Whether box `b` lies whole inside box `outer`, within a pixel. */
const inside = (b, outer) => b.left >= outer.left - 1 && b.top >= outer.top - 1 && b.right <= outer.right + 1 && b.bottom <= outer.bottom + 1;

/**
 * Every pair of the network's column headers and nodes that overlap, and
 * every one that lies outside the diagram's box: both empty when the
 * diagram is legible.
 */
function diagramFaults(page) {
  return page.evaluate(() => {
    const net = document.querySelector('[data-testid="network"]').getBoundingClientRect();
    const parts = [...document.querySelectorAll('.net-col > .col-head, .net-col > .node, .net-col > .neuron-slot > .node')]
      .map((e) => ({ name: e.dataset.testid ?? e.textContent.trim().slice(0, 12), r: e.getBoundingClientRect() }));
    const overlaps = [];
    for (let i = 0; i < parts.length; i++) {
      for (let j = i + 1; j < parts.length; j++) {
        const [a, b] = [parts[i].r, parts[j].r];
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 0.5 && y > 0.5) overlaps.push(`${parts[i].name} × ${parts[j].name}`);
      }
    }
    const outside = parts.filter(({ r }) => r.left < net.left - 1 || r.right > net.right + 1 || r.top < net.top - 1 || r.bottom > net.bottom + 1)
      .map((p) => p.name);
    return { overlaps, outside, parts: parts.length };
  });
}

/** The text height (CSS pixels) the core draws the chart `id` with. */
const chartText = (page, id) => page.evaluate(async (sel) => {
  const { Playground } = await import('./pkg/neuroplay.js');
  return Playground.chartTextSize(document.querySelector(sel));
}, byTestId(id));

for (const [width, height] of [[1280, 720], [1920, 1080]]) {
  test(`presenter mode at ${width}×${height}: output, network and loss chart on one screen, chart text ≥ 18 px, no overlap`, async () => {
    for (const locale of ['en', 'cs']) {
      const { page, errors } = await open(env.browser, `${env.url}${DEEP}&presenter=1&lang=${locale}`, { width, height });
      const screen = { left: 0, top: 0, right: width, bottom: height };
      for (const id of ['boundary', 'network-scroll', 'loss-chart']) {
        const b = await box(page, byTestId(id));
        assert.ok(inside(b, screen), `${id} in the viewport (${locale}): ${JSON.stringify(b)}`);
        assert.ok(b.width > 200 && b.height > 100, `${id} is not squeezed: ${b.width}×${b.height}`);
      }
      const plot = await box(page, byTestId('boundary'));
      assert.ok(plot.width >= 0.33 * height, `the output view is large: ${plot.width} px`);
      for (const id of ['loss-chart', 'accuracy-chart', 'activation-chart']) {
        const size = await chartText(page, id);
        assert.ok(size >= 18, `${id} text ${size} px`);
      }
      const faults = await diagramFaults(page);
      assert.ok(faults.parts > 50, 'the diagram has its columns');
      assert.deepEqual(faults.overlaps, [], 'no header or node overlaps another');
      assert.deepEqual(faults.outside, [], 'nothing outside the diagram');
      assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling of the page');
      // The settings are a drawer: closed, then open over the page, then closed by Escape.
      assert.equal(await page.isVisible(byTestId('learning-rate')), false, 'settings folded away');
      await page.click(byTestId('drawer-toggle'));
      assert.equal(await page.isVisible(byTestId('learning-rate')), true, 'the drawer shows the settings');
      await page.keyboard.press('Escape');
      assert.equal(await page.isVisible(byTestId('learning-rate')), false, 'Escape closes the drawer');
      await page.screenshot({ path: `${ARTIFACTS}classroom-presenter-${width}-${locale}.png` });
      assert.deepEqual(errors, []);
      await page.close();
    }
  });
}

test('presenter mode off: chart text is the ordinary size, and the settings stay in their column', async () => {
  const { page } = await open(env.browser, `${env.url}${DEEP}`, { width: 1280, height: 720 });
  // (The loss chart, the width of its panel, draws larger text for its size.)
  assert.ok(await chartText(page, 'accuracy-chart') < 18);
  assert.equal(await page.isVisible(byTestId('learning-rate')), true);
  assert.equal(await page.isVisible(byTestId('drawer-toggle')), false);
  await page.close();
});

test('a phone at 390 px with 8 hidden layers: the network scrolls sideways, nothing overlaps or is cut off', async () => {
  const { page, errors } = await open(env.browser, `${env.url}${DEEP},8,8&lang=cs`, { width: 390, height: 844 });
  const faults = await diagramFaults(page);
  assert.ok(faults.parts > 70);
  assert.deepEqual(faults.overlaps, []);
  assert.deepEqual(faults.outside, []);
  const scroller = await box(page, byTestId('network-scroll'));
  const net = await box(page, byTestId('network'));
  assert.ok(net.left >= scroller.left - 1, 'the inputs start inside the panel, not cut off on the left');
  assert.ok(scroller.right <= 390, 'the scrolling box fits the screen');
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'the page itself does not scroll sideways');
  // The last column is reached by scrolling the diagram.
  await page.$eval(byTestId('network-scroll'), (e) => { e.scrollLeft = e.scrollWidth; });
  const last = await box(page, byTestId('neuron-8-0'));
  assert.ok(inside(last, scroller), 'the output is reached by scrolling');
  await page.$eval(byTestId('network-scroll'), (e) => { e.scrollLeft = 0; });
  await page.screenshot({ path: `${ARTIFACTS}classroom-phone-8-layers.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

/** The optimiser parameters each optimiser uses. */
const USES = {
  sgd: [],
  momentum: ['momentum'],
  nesterov: ['momentum'],
  rmsprop: ['rho', 'epsilon'],
  adam: ['beta1', 'beta2', 'epsilon'],
  adamw: ['beta1', 'beta2', 'epsilon', 'weight-decay'],
};

test('only the current optimiser\'s settings show, after every toggle of the page', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor`, { width: 1280, height: 900 });
  const shown = () => page.evaluate((ids) => ids.filter((id) => {
    const e = document.querySelector(`[data-testid="${id}"]`);
    return e && e.checkVisibility();
  }), ['momentum', 'rho', 'beta1', 'beta2', 'epsilon', 'weight-decay']);
  const toggles = [
    ['show test data', () => page.click(byTestId('show-test'))],
    ['speed', () => page.selectOption(byTestId('speed'), '5')],
    ['presenter on', () => page.click(byTestId('presenter'))],
    ['drawer closed and opened', async () => {
      await page.click(byTestId('drawer-toggle'));
      await page.click(byTestId('drawer-toggle'));
    }],
    ['presenter off', () => page.click(byTestId('presenter'))],
    ['language', () => page.selectOption(byTestId('language'), 'cs')],
    ['discretise', () => page.click(byTestId('discretize'))],
  ];
  for (const [optimizer, uses] of Object.entries(USES)) {
    await page.selectOption(byTestId('optimizer'), optimizer);
    assert.deepEqual(await shown(), uses, `${optimizer} after choosing it`);
    for (const [name, toggle] of toggles) {
      await toggle();
      // In presenter mode the settings are in the drawer: open it to see them.
      if (name === 'presenter on') await page.click(byTestId('drawer-toggle'));
      assert.deepEqual(await shown(), uses, `${optimizer} after toggling ${name}`);
    }
    await page.selectOption(byTestId('language'), 'en');
  }
  assert.deepEqual(errors, []);
  await page.close();
});

test('Czech agrees in number: 0 to 8 hidden layers, and "pro 3 vrstvy"', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=&lang=cs`);
  const expected = ['0 skrytých vrstev', '1 skrytá vrstva', '2 skryté vrstvy', '3 skryté vrstvy', '4 skryté vrstvy',
    '5 skrytých vrstev', '6 skrytých vrstev', '7 skrytých vrstev', '8 skrytých vrstev'];
  const label = () => page.$eval('.net-head [data-control="layers"]', (e) => e.textContent.replace(/[−+]/g, '').replace(/\s+/g, ' ').trim());
  for (let n = 0; n <= 8; n++) {
    if (n > 0) await page.click(byTestId('add-layer'));
    assert.equal(await label(), expected[n]);
  }
  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await label(), '8 hidden layers');
  for (let n = 8; n > 1; n--) await page.click(byTestId('remove-layer'));
  assert.equal(await label(), '1 hidden layer');

  assert.deepEqual(errors, []);
  await page.close();

  // A link opened afresh (an edit typed into the open page keeps its run instead).
  const fresh = await open(env.browser, `${env.url}#dataset=xor&layers=4,4&activation=relu,relu,relu&lang=cs`);
  assert.match(await fresh.page.textContent(byTestId('message')), /pro 3 vrstvy, ale síť jich má 2/);
  assert.deepEqual(fresh.errors, []);
  await fresh.page.close();
});

test('messages name a setting by its label in both languages, never by its link key', async () => {
  for (const [lang, label, range] of [['cs', 'Podíl trénovacích dat', /je mimo rozsah, povoleno 0,1 až 0,9/], ['en', 'Training share', /is out of range, allowed 0\.1 to 0\.9/]]) {
    const { page } = await open(env.browser, `${env.url}#dataset=xor&trainShare=7&lang=${lang}`);
    const message = await page.textContent(byTestId('message'));
    assert.ok(message.includes(`${label}: 7`), message);
    assert.match(message, range);
    assert.doesNotMatch(message, /trainShare/);
    await page.close();
  }
});

test('Czech: the per-layer menus read like the main one, the status "error" is not the loss, numbers take a decimal comma', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=3&activation=sigmoid&lang=cs`);
  assert.equal(await page.$eval(byTestId('layer-activation-0'), (s) => s.selectedOptions[0].text), 'Sigmoida');
  await page.click(byTestId('step-epoch'));
  await nextFrame(page);
  for (const id of ['train-loss', 'test-loss', 'accuracy']) assert.match(await page.textContent(byTestId(id)), /^\d+,\d+( %)?$/, id);
  const lossWord = (await page.textContent('[data-i18n="chart.loss.title"]')).toLowerCase();
  assert.deepEqual(errors, []);
  await page.close();
  // A page whose core cannot start says so in a word that is not the loss's.
  const broken = await env.browser.newPage();
  await broken.route('**/*.wasm', (route) => route.abort());
  await broken.goto(`${env.url}#dataset=xor&lang=cs`);
  await broken.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'error');
  const status = (await broken.textContent(byTestId('status'))).toLowerCase();
  assert.ok(status && !lossWord.includes(status), `the status "${status}" is not the loss "${lossWord}"`);
  await broken.close();
});

test('a weight and a bias edited by hand are kept in the link and survive a reload; the shop\'s −300 fits, a bias too large is called a bias', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=2&seed=3`);
  const editBias = async (value) => {
    await page.click(byTestId('neuron-0-0'));
    await page.fill(byTestId('weight-input'), String(value));
    await page.press(byTestId('weight-input'), 'Enter');
    await page.mouse.move(0, 0);
  };
  await editBias(-300);
  assert.equal((await params(page)).get('edits'), 'b0.0:-300');
  const biasTip = async () => {
    await page.mouse.move(0, 0);
    await page.hover(byTestId('neuron-0-0'));
    return page.textContent(byTestId('weight-tooltip'));
  };
  assert.match(await biasTip(), /bias −300/);
  const loss = await page.textContent(byTestId('train-loss'));

  await page.reload();
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
  await nextFrame(page);
  assert.match(await biasTip(), /bias −300/, 'the edit survives a reload');
  assert.equal(await page.textContent(byTestId('train-loss')), loss, 'the same network after the reload');

  await editBias(5000);
  assert.match(await page.textContent(byTestId('message')), /The bias must be a number from −1,000 to 1,000/);
  assert.equal((await params(page)).get('edits'), 'b0.0:-300', 'a refused edit is not kept');
  // A new architecture is a new network: the edits go with the old one.
  await page.click(byTestId('add-layer'));
  assert.equal((await params(page)).get('edits'), '');
  assert.deepEqual(errors, []);
  await page.close();
});

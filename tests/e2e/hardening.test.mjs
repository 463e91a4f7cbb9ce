// The page against hostile or hand-edited links, keyboard and screen-reader
// use, and wasted work, in a real browser: page keys are validated, stray
// percent signs are reported instead of stopping the page, a heavy network
// at top speed keeps frames short, the URL can be edited live, neurons are
// named buttons, hovering redraws only the diagram, and one click draws once.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, nextFrame, hashOf, params } from './browser.mjs';
import { SPEEDS } from '../../www/state.js';
import { core } from './core.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const state = (page) => page.getAttribute(byTestId('status'), 'data-state');
const activeTestId = (page) => page.evaluate(() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName);


/** Counts calls of the wasm handle's methods from now on (window.calls[name]). */
async function countCalls(page, names) {
  await page.evaluate(async (methods) => {
    const { Playground } = await import('/pkg/neuroplay.js'); // the page's own module instance
    window.calls = {};
    for (const name of methods) {
      const original = Playground.prototype[name];
      window.calls[name] = 0;
      Playground.prototype[name] = function counted(...args) {
        window.calls[name] += 1;
        return original.apply(this, args);
      };
    }
  }, names);
}

const calls = (page) => page.evaluate(() => ({ ...window.calls }));

/** Waits a few frames, so anything the page scheduled has been drawn. */
async function settle(page) {
  for (let i = 0; i < 3; i++) await nextFrame(page);
}

/** Finds a point on an edge between the inputs and the first hidden layer (the weight tooltip shows). */
async function findEdge(page) {
  const box = (id) => page.$eval(byTestId(id), (e) => e.getBoundingClientRect().toJSON());
  const [input, hidden, net] = await Promise.all([box('feature-x1'), box('neuron-0-0'), box('network')]);
  const x = (input.right + hidden.left) / 2;
  for (let y = net.top; y < net.bottom; y += 2) {
    await page.mouse.move(x, y);
    if (await page.isVisible(byTestId('weight-tooltip'))) return { x, y };
  }
  throw new Error('no edge under the pointer');
}

// ---------------------------------------------------------------- 1. page keys

test('invalid page keys in a link fall back to their defaults and are named in the message', async () => {
  const { page, errors } = await open(env.browser,
    `${env.url}#dataset=xor&speed=1e9&showTest=2&presenter=yes&lang=de&hide=noise;x&discretize=1&log=1`);
  const message = await text(page, 'message');
  assert.match(message, /^Some settings in the link were ignored:/);
  for (const key of ['speed = "1e9"', 'showTest = "2"', 'presenter = "yes"', 'lang = "de"', 'hide = "noise;x"']) {
    assert.ok(message.includes(key), `the message names ${key}: ${message}`);
  }
  assert.equal(await page.inputValue(byTestId('speed')), '1', 'speed falls back to 1');
  assert.equal(await page.isChecked(byTestId('show-test')), true, 'showTest falls back to on');
  assert.equal(await page.getAttribute('html', 'lang'), 'en', 'an unknown language falls back to the browser\'s');
  assert.equal(await page.isVisible(byTestId('noise')), true, 'a malformed hide list hides nothing');
  assert.equal(await page.isChecked(byTestId('discretize')), true, 'valid keys still apply');
  assert.equal(await page.isChecked(byTestId('log-scale')), true);
  const hash = await params(page);
  for (const key of ['speed', 'showTest', 'presenter', 'lang', 'hide']) assert.equal(hash.has(key), false, `${key} left the link`);
  assert.equal(hash.get('discretize'), '1');
  assert.equal(hash.get('dataset'), 'xor');
  // The speed select offers exactly the values a link may carry.
  assert.deepEqual(await page.$$eval(`${byTestId('speed')} option`, (os) => os.map((o) => o.value)), SPEEDS);
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 1, 'the page works');
  assert.deepEqual(errors, []);
  await page.close();

  // A negative speed, in a Czech link: the notice is Czech, header included.
  const cs = await open(env.browser, `${env.url}#dataset=xor&speed=-1&lang=cs`);
  const notice = await text(cs.page, 'message');
  assert.match(notice, /^Některá nastavení v odkazu byla vynechána:\nspeed = "-1" není platná hodnota/);
  assert.equal(await cs.page.inputValue(byTestId('speed')), '1');
  assert.deepEqual(cs.errors, []);
  await cs.page.close();
});

test('a heavy network at speed 500 keeps every frame short (time budget)', async () => {
  // About 4 ms an epoch: 500 of them in one frame would take two seconds.
  const { page, errors } = await open(env.browser,
    `${env.url}#dataset=spiral&points=2000&layers=32,32,32&batch=10&seed=1&speed=500`);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => window.playgroundFrameTimes().count >= 20, null, { timeout: 20_000 });
  await page.click(byTestId('play'));
  assert.equal(await state(page), 'paused', 'pause answers at once');
  const { times, count, epoch } = await page.evaluate(() => window.playgroundFrameTimes());
  const longest = Math.max(...times);
  assert.ok(longest < 250, `longest frame ${longest.toFixed(1)} ms`);
  assert.ok(epoch < 500 * count, `${epoch} epochs in ${count} frames: the budget cut frames short`);
  assert.ok(epoch >= count, 'at least one epoch a frame');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- 2. percent signs

test('a stray % or an encoded & in the hash is reported, and the page starts', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&noise=50%&speed=5%25`);
  assert.equal(await state(page), 'ready');
  assert.equal(await page.inputValue(byTestId('dataset')), 'xor', 'the readable pairs apply');
  const message = await text(page, 'message');
  assert.match(message, /"noise=50%" could not be read/);
  assert.match(message, /speed = "5%"/, 'a decoded page value is validated');
  assert.equal((await params(page)).get('noise'), '0', 'the unreadable noise keeps its default');
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 1);
  assert.deepEqual(errors, []);
  await page.close();

  // Each value is decoded on its own: %26 stays inside its value, %2C is a comma.
  const second = await open(env.browser, `${env.url}#dataset=circle%26lr%3D10&hide=noise%2Coptimizer`);
  const notice = await text(second.page, 'message');
  assert.match(notice, /Dataset: "circle&lr=10"/, `the smuggled value is refused, as the link gave it: ${notice}`);
  const hash = await params(second.page);
  assert.notEqual(hash.get('lr'), '10', 'no setting smuggled in through %26');
  assert.equal(await second.page.isVisible(byTestId('noise')), false, 'hide=noise%2Coptimizer hides noise');
  assert.equal(await second.page.isVisible(byTestId('optimizer')), false, '…and the optimiser');
  assert.deepEqual(second.errors, []);
  await second.page.close();
});

// ---------------------------------------------------------------- 3. first Czech load

test('a first Czech load: the link notice, the title and the canvases\' labels are Czech', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&bogus=1&lang=cs`);
  assert.match(await text(page, 'message'), /^Některá nastavení v odkazu byla vynechána:\nneznámé nastavení "bogus"/);
  assert.equal(await page.title(), 'Hřiště neuronových sítí');
  // The enlarged neuron's map is labelled once it is shown.
  const labels = () => page.$$eval('main.playground canvas[role="img"]:not(.zoom-map)', (cs) => cs.map((c) => c.getAttribute('aria-label')));
  const czech = await labels();
  assert.equal(czech.length, 5, 'five labelled canvases: the output and four charts');
  // The output's and the loss chart's labels go on with what they show now (access.test.mjs).
  assert.ok(czech.some((l) => l.startsWith('Výstup modelu nad vstupní rovinou')), czech.join(' | '));
  assert.ok(czech.some((l) => l.startsWith('Trénovací a testovací chyba podle epoch')), czech.join(' | '));
  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await page.title(), 'Neural network playground');
  const english = await labels();
  assert.ok(english.some((l) => l.startsWith('Model output over the input plane')), english.join(' | '));
  assert.ok(english.every((label, i) => label !== czech[i]), 'every canvas label translated');
  assert.deepEqual(errors, []);
  await page.close();

  // A Czech browser and no lang in the link.
  const czechBrowser = await launch({ locale: 'cs-CZ' });
  try {
    const first = await open(czechBrowser.browser, `${czechBrowser.url}#dataset=xor&bogus=1&speed=3`);
    const notice = await text(first.page, 'message');
    assert.match(notice, /^Některá nastavení v odkazu byla vynechána:/);
    assert.match(notice, /neznámé nastavení "bogus"/);
    assert.match(notice, /speed = "3" není platná hodnota/);
    assert.equal(await first.page.title(), 'Hřiště neuronových sítí');
    assert.deepEqual(first.errors, []);
  } finally {
    await czechBrowser.close();
  }
});

// ---------------------------------------------------------------- 4. editing the URL

test('page keys edited in the URL apply at once and keep the session; core keys start over', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&seed=3`);
  await page.click(byTestId('step-epoch'));
  await page.click(byTestId('step-epoch'));
  await page.evaluate(() => { location.hash += '&lang=cs&presenter=1&speed=5&hide=noise&log=1'; });
  await page.waitForFunction(() => document.documentElement.lang === 'cs');
  await nextFrame(page);
  assert.equal(await page.textContent('label[for="dataset"]'), 'Datová sada');
  assert.equal(await page.getAttribute(byTestId('presenter'), 'aria-pressed'), 'true');
  assert.equal(await page.evaluate(() => document.body.classList.contains('presenter')), true);
  assert.equal(await page.inputValue(byTestId('speed')), '5');
  assert.equal(await page.isVisible(byTestId('noise')), false, 'hide applies');
  assert.equal(await page.isChecked(byTestId('log-scale')), true);
  assert.match(await page.textContent('.net-col.inputs .col-head'), /Vstupy/, 'the diagram speaks Czech');
  assert.equal(await number(page, 'epoch'), 2, 'the same session: training kept');

  // An invalid page value typed by hand is named and dropped.
  await page.evaluate(() => { location.hash = location.hash.replace('speed=5', 'speed=7'); });
  await page.waitForFunction(() => /speed = "7"/.test(document.querySelector('[data-testid="message"]').textContent));
  assert.equal(await page.inputValue(byTestId('speed')), '1');
  assert.equal((await params(page)).has('speed'), false);
  assert.equal(await number(page, 'epoch'), 2);

  // A core key typed by hand: a new session.
  await page.evaluate(() => { location.hash = location.hash.replace('dataset=xor', 'dataset=moons'); });
  await page.waitForFunction(() => document.querySelector('[data-testid="dataset"]').value === 'moons');
  await nextFrame(page);
  assert.equal(await number(page, 'epoch'), 0);
  assert.equal(await page.getAttribute('html', 'lang'), 'cs', 'page keys kept');
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- 5. neurons by keyboard

test('neurons are named buttons; Enter and Space edit the bias and focus comes back; Space on a button is the button\'s', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1`);
  const neuron = page.locator(byTestId('neuron-1-1'));
  assert.equal(await neuron.evaluate((n) => `${n.tagName} ${n.type}`), 'BUTTON button');
  assert.equal(await neuron.getAttribute('aria-label'), 'Layer 2, neuron 2');
  assert.equal(await page.getAttribute(byTestId('neuron-2-0'), 'aria-label'), 'Output, neuron 1');

  // Enter opens the editor on the focused neuron; Enter applies and gives focus back.
  await neuron.focus();
  await page.keyboard.press('Enter');
  assert.equal(await activeTestId(page), 'weight-input', 'the editor has focus');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0.5');
  await page.keyboard.press('Enter');
  assert.equal(await page.isVisible(byTestId('weight-input')), false, 'Enter closes the editor');
  assert.equal(await activeTestId(page), 'neuron-1-1', 'focus is back on the neuron');
  await page.hover(byTestId('neuron-1-1'));
  assert.match(await text(page, 'weight-tooltip'), /bias 0\.500/);
  await page.mouse.move(0, 0);

  // Space opens it too (and does not play); Escape cancels and gives focus back.
  await page.keyboard.press(' ');
  assert.equal(await activeTestId(page), 'weight-input', 'Space opens the editor');
  assert.notEqual(await state(page), 'running', 'Space on a neuron does not play');
  await page.keyboard.press('Escape');
  assert.equal(await page.isVisible(byTestId('weight-input')), false);
  assert.equal(await activeTestId(page), 'neuron-1-1');

  // Space on another focused button clicks it, and only it.
  await page.focus(byTestId('step-epoch'));
  await page.keyboard.press(' ');
  assert.equal(await number(page, 'epoch'), 1, 'Space clicked step-epoch');
  assert.equal(await state(page), 'paused', 'and did not play');

  // The edge editor gives focus back to the diagram.
  const edge = await findEdge(page);
  await page.mouse.click(edge.x, edge.y);
  assert.equal(await activeTestId(page), 'weight-input');
  await page.keyboard.press('Escape');
  assert.equal(await activeTestId(page), 'network', 'focus back on the network');
  assert.deepEqual(errors, []);
  await page.close();

  const cs = await open(env.browser, `${env.url}#layers=3&lang=cs`);
  assert.equal(await cs.page.getAttribute(byTestId('neuron-0-2'), 'aria-label'), 'Vrstva 1, neuron 3');
  assert.equal(await cs.page.getAttribute(byTestId('neuron-1-0'), 'aria-label'), 'Výstup, neuron 1');
  assert.deepEqual(cs.errors, []);
  await cs.page.close();
});

// ---------------------------------------------------------------- 6, 7. no wasted drawing

test('hovering the network redraws the diagram alone; a weight edit redraws everything', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1`);
  await settle(page);
  await countCalls(page, ['gridPass', 'drawNetwork', 'drawLossCurves']);
  const edge = await findEdge(page);
  for (let dy = -6; dy <= 6; dy += 2) await page.mouse.move(edge.x, edge.y + dy);
  await settle(page);
  const hovered = await calls(page);
  assert.ok(hovered.drawNetwork > 0, 'the diagram follows the pointer');
  assert.equal(hovered.gridPass, 0, 'no grid pass while hovering');
  assert.equal(hovered.drawLossCurves, 0, 'no chart drawn while hovering');

  await page.mouse.move(edge.x, edge.y);
  await page.waitForSelector(`${byTestId('weight-tooltip')}:not([hidden])`);
  await page.mouse.click(edge.x, edge.y);
  await page.fill(byTestId('weight-input'), '2');
  await page.press(byTestId('weight-input'), 'Enter');
  await settle(page);
  const edited = await calls(page);
  assert.ok(edited.gridPass > 0, 'a new weight renders the output again');
  assert.ok(edited.drawLossCurves > 0, '…and the charts');
  assert.deepEqual(errors, []);
  await page.close();
});

test('one click on the log scale draws the loss chart once', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&seed=1`);
  await page.click(byTestId('step-epoch'));
  await settle(page);
  await countCalls(page, ['drawLossCurves', 'gridPass']);
  await page.click(byTestId('log-scale'));
  await settle(page);
  assert.deepEqual(await calls(page), { drawLossCurves: 1, gridPass: 0 });
  assert.equal((await params(page)).get('log'), '1', 'in the link');
  await page.click(byTestId('log-scale'));
  await settle(page);
  assert.equal((await calls(page)).drawLossCurves, 2);
  assert.equal((await params(page)).has('log'), false);
  assert.deepEqual(errors, []);
  await page.close();
});

// ---------------------------------------------------------------- 9. messages on a language switch

test('a language switch re-translates the scenario message and the link notice', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&bogus=1`);
  assert.match(await text(page, 'message'), /ignored/);
  await page.selectOption(byTestId('language'), 'cs');
  assert.equal(await text(page, 'message'), 'Některá nastavení v odkazu byla vynechána:\nneznámé nastavení "bogus"',
    'no English notice left on a Czech page');

  const preset = core.scenarios[0];
  await page.selectOption(byTestId('presets'), preset.id);
  await page.waitForFunction(() => /valShare=/.test(location.hash));
  assert.equal(await text(page, 'message'), `Scénář: ${preset.cs}\n${preset.claims[0].cs}`);
  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await text(page, 'message'), `Scenario: ${preset.en}\n${preset.claims[0].en}`);
  assert.deepEqual(errors, []);
  await page.close();
});

// The page's contract, control by control, in a real browser: every setting
// lands in the URL hash, live settings keep training going while data and
// architecture start it over, a share link reproduces a run, both languages
// are complete, presets load, the network view edits weights, the keyboard
// drives playback, bad input gives messages, and the layout fits a projector
// and a phone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { launch, open, byTestId, number, nextFrame, ARTIFACTS, hashOf, params, shownNumber } from './browser.mjs';
import STRINGS from '../../www/strings.js';
import { core } from './core.mjs';

/** The lecture's scenarios, the core's table. */
const PRESETS = core.scenarios;

const WWW = new URL('../../www/', import.meta.url);
/** What the page says when a change starts training over (strings.js, English). */
const RESTART = /starts training over/;

let env;
// English browser, so the default language is predictable.
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

// ---------------------------------------------------------------- helpers



/** A regular expression matching `key=value` as a whole pair of the hash. */
const pair = (key, value) => new RegExp(`(#|&)${key}=${String(value).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(&|$)`);

/** Sets a range input as a user dragging it would: input, then change. */
async function setRange(page, id, value) {
  await page.$eval(byTestId(id), (el, v) => {
    el.value = v;
    el.dispatchEvent(new Event('input', { bubbles: true }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }, String(value));
}

/** Types into a number field and presses Enter. */
async function typeNumber(page, id, value) {
  await page.fill(byTestId(id), String(value));
  await page.press(byTestId(id), 'Enter');
}

const text = (page, id) => page.textContent(byTestId(id));
const state = (page) => page.getAttribute(byTestId('status'), 'data-state');
const enabledOptions = (page, id) =>
  page.$$eval(`${byTestId(id)} option`, (os) => os.filter((o) => !o.disabled).map((o) => o.value));

/**
 * Makes sure some training happened, runs `action`, then checks the hash
 * carries `expect` and that training either started over (epoch 0, ready,
 * and the message says so) or went on untouched.
 */
async function changes(page, action, { expect, restarts }) {
  if ((await number(page, 'epoch')) === 0) await page.click(byTestId('step-epoch'));
  const epoch = await number(page, 'epoch');
  assert.ok(epoch > 0, 'trained before the change');
  await action();
  await nextFrame(page); // readouts are drawn once a frame
  const hash = await hashOf(page);
  for (const re of [expect].flat()) assert.match(hash, re);
  const message = await text(page, 'message');
  if (restarts) {
    assert.equal(await number(page, 'epoch'), 0, `${expect} starts over`);
    assert.equal(await state(page), 'ready');
    assert.match(message, RESTART, `${expect}: the message says training starts over`);
  } else {
    assert.equal(await number(page, 'epoch'), epoch, `${expect} keeps the epoch`);
    assert.doesNotMatch(message, RESTART, `${expect}: no restart message`);
  }
}

/** Fails with the collected console and page errors, if any. */
function assertClean(errors) {
  assert.deepEqual(errors, [], 'no console errors');
}

// ---------------------------------------------------------------- 1. controls

test('data controls land in the link and start training over; augmentation is live', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&seed=1`);

  // A multi-class set shows the classes control and allows only softmax.
  assert.equal(await page.isVisible(byTestId('classes')), false, 'classes hidden for two-class circle');
  await changes(page, () => page.selectOption(byTestId('dataset'), 'blobs'), { expect: pair('dataset', 'blobs'), restarts: true });
  assert.equal(await page.isVisible(byTestId('classes')), true, 'classes shown for blobs');
  await changes(page, () => page.selectOption(byTestId('classes'), '4'), { expect: [pair('classes', 4), pair('output', 'softmax')], restarts: true });
  assert.deepEqual(await enabledOptions(page, 'output'), ['softmax']);
  assert.equal(await page.inputValue(byTestId('output')), 'softmax');

  // A regression set allows only the identity head and hides classes.
  await changes(page, () => page.selectOption(byTestId('dataset'), 'gaussians'), { expect: [pair('dataset', 'gaussians'), pair('output', 'identity')], restarts: true });
  assert.deepEqual(await enabledOptions(page, 'output'), ['identity']);
  assert.equal(await page.isVisible(byTestId('classes')), false);
  assert.equal(await text(page, 'accuracy'), '–', 'no accuracy for regression');

  await changes(page, () => page.selectOption(byTestId('dataset'), 'moons'), { expect: pair('dataset', 'moons'), restarts: true });
  await changes(page, () => setRange(page, 'noise', 20), { expect: pair('noise', 0.2), restarts: true });
  assert.equal(await page.textContent('output[data-for="noise"]'), '20 %');
  await changes(page, () => typeNumber(page, 'points', 300), { expect: pair('points', 300), restarts: true });
  await changes(page, () => setRange(page, 'train-share', 70), { expect: pair('trainShare', 0.7), restarts: true });
  assert.equal(await page.textContent('output[data-for="train-share"]'), '70 %');
  await changes(page, () => page.check(byTestId('standardize')), { expect: pair('standardize', 1), restarts: true });
  await changes(page, () => setRange(page, 'augment', 0.3), { expect: pair('augment', 0.3), restarts: false });

  // New data: a new seed, other points on the canvas.
  const seed = (await params(page)).get('seed');
  const drawn = await page.$eval(byTestId('points-layer'), (c) => c.toDataURL());
  await changes(page, () => page.click(byTestId('regenerate')), { expect: /seed=\d+/, restarts: true });
  assert.notEqual((await params(page)).get('seed'), seed, 'regenerate picks a new seed');
  await page.waitForFunction(
    (before) => document.querySelector('[data-testid="points-layer"]').toDataURL() !== before, drawn, { timeout: 5000 });
  assertClean(errors);
  await page.close();
});

test('network controls: layers, neurons, activations, features, heads and init start training over', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&activation=tanh`);
  await changes(page, () => page.click(byTestId('add-layer')), { expect: pair('layers', '4,2,4'), restarts: true });
  assert.equal(await number(page, 'layer-count'), 3);
  await changes(page, () => page.click(byTestId('neurons-plus-1')), { expect: pair('layers', '4,3,4'), restarts: true });
  assert.equal(await number(page, 'neurons-1'), 3);
  await changes(page, () => page.click(byTestId('neurons-minus-0')), { expect: pair('layers', '3,3,4'), restarts: true });
  assert.equal(await page.locator('[data-testid^="neuron-0-"]').count(), 3, 'three neurons drawn in layer 1');
  await changes(page, () => page.click(byTestId('remove-layer')), { expect: pair('layers', '3,3'), restarts: true });
  assert.equal(await page.locator(byTestId('layer-activation-2')).count(), 0, 'removed layer is gone');

  await changes(page, () => page.selectOption(byTestId('layer-activation-1'), 'relu'), { expect: pair('activation', 'tanh,relu'), restarts: true });
  assert.equal(await page.inputValue(byTestId('layer-activation-0')), 'tanh');
  assert.equal(await page.inputValue(byTestId('layer-activation-1')), 'relu');
  await changes(page, () => page.selectOption(byTestId('activation'), 'elu'), { expect: pair('activation', 'elu'), restarts: true });
  assert.equal(await page.inputValue(byTestId('layer-activation-1')), 'elu', 'the all-layers select sets every layer');

  // Input nodes switch features on and off.
  assert.equal(await page.getAttribute(byTestId('feature-x1sq'), 'aria-pressed'), 'false');
  await changes(page, () => page.click(byTestId('feature-x1sq')), { expect: pair('features', 'x1,x2,x1sq'), restarts: true });
  assert.equal(await page.getAttribute(byTestId('feature-x1sq'), 'aria-pressed'), 'true');
  await changes(page, () => page.click(byTestId('feature-x1')), { expect: pair('features', 'x2,x1sq'), restarts: true });
  assert.equal(await page.getAttribute(byTestId('feature-x1'), 'aria-pressed'), 'false');

  // Output heads: only those that can train a two-class task.
  assert.deepEqual(await enabledOptions(page, 'output'), ['sigmoid', 'softmax', 'tanh']);
  await changes(page, () => page.selectOption(byTestId('output'), 'tanh'), { expect: pair('output', 'tanh'), restarts: true });
  await changes(page, () => page.selectOption(byTestId('init'), 'he'), { expect: pair('init', 'he'), restarts: true });
  assertClean(errors);
  await page.close();
});

test('training controls: optimiser parameters follow the optimiser, live settings keep the epoch, early stopping restores the best', async () => {
  const { page, errors } = await open(env.browser,
    `${env.url}#dataset=circle&points=80&noise=0.35&layers=16,16&activation=relu&init=he&seed=2`);
  const PARAMS = ['momentum', 'rho', 'beta1', 'beta2', 'weight-decay'];
  const OWN = {
    sgd: [], momentum: ['momentum'], nesterov: ['momentum'], rmsprop: ['rho'],
    adamw: ['beta1', 'beta2', 'weight-decay'], adam: ['beta1', 'beta2'],
  };
  const visible = async () => {
    const shown = [];
    for (const id of PARAMS) if (await page.isVisible(byTestId(id))) shown.push(id);
    return shown;
  };
  assert.deepEqual(await visible(), [], 'sgd has no extra parameters');
  for (const [optimizer, own] of Object.entries(OWN)) {
    await changes(page, () => page.selectOption(byTestId('optimizer'), optimizer), { expect: pair('optimizer', optimizer), restarts: false });
    assert.deepEqual(await visible(), own, `${optimizer} shows its own parameters`);
  }
  // Each parameter, set while its optimiser is chosen, is live.
  await page.selectOption(byTestId('optimizer'), 'momentum');
  await changes(page, () => setRange(page, 'momentum', 0.5), { expect: pair('momentum', 0.5), restarts: false });
  await page.selectOption(byTestId('optimizer'), 'rmsprop');
  await changes(page, () => page.selectOption(byTestId('rho'), '0.95'), { expect: pair('rho', 0.95), restarts: false });
  await changes(page, () => page.selectOption(byTestId('epsilon'), '0.000001'), { expect: pair('epsilon', 0.000001), restarts: false });
  await page.selectOption(byTestId('optimizer'), 'adamw');
  await changes(page, () => page.selectOption(byTestId('beta1'), '0.8'), { expect: pair('beta1', 0.8), restarts: false });
  await changes(page, () => page.selectOption(byTestId('beta2'), '0.99'), { expect: pair('beta2', 0.99), restarts: false });
  await changes(page, () => page.selectOption(byTestId('weight-decay'), '0.03'), { expect: pair('weightDecay', 0.03), restarts: false });
  await page.selectOption(byTestId('optimizer'), 'adam');

  await changes(page, () => page.selectOption(byTestId('learning-rate'), '0.01'), { expect: pair('lr', 0.01), restarts: false });
  await changes(page, () => typeNumber(page, 'batch-size', 8), { expect: pair('batch', 8), restarts: false });
  assert.equal(await page.isVisible(byTestId('reg-rate')), false, 'no rate without regularisation');
  await changes(page, () => page.selectOption(byTestId('regularization'), 'l2'), { expect: pair('reg', 'l2'), restarts: false });
  assert.equal(await page.isVisible(byTestId('reg-rate')), true, 'rate shown with L2');
  await changes(page, () => page.selectOption(byTestId('reg-rate'), '0.001'), { expect: pair('regRate', 0.001), restarts: false });
  await changes(page, () => setRange(page, 'dropout', 0.2), { expect: pair('dropout', 0.2), restarts: false });
  assert.equal(await page.textContent('output[data-for="dropout"]'), '0.2');

  // Early stopping: nothing to restore until a best epoch exists.
  await changes(page, () => typeNumber(page, 'patience', 10), { expect: pair('patience', 10), restarts: true });
  assert.equal(await page.isDisabled(byTestId('restore-best')), true, 'restore-best disabled before training');
  await page.selectOption(byTestId('speed'), '20');
  await page.click(byTestId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state !== 'running', null, { timeout: 20_000 });
  assert.equal(await state(page), 'paused', 'early stopping pauses');
  assert.match(await text(page, 'message'), /[Ee]arly stopping/);
  assert.equal(await page.isDisabled(byTestId('restore-best')), false, 'restore-best enabled after a best epoch');
  await page.click(byTestId('restore-best'));
  assert.match(await text(page, 'message'), /Restored the weights of epoch \d+/);

  await changes(page, () => page.check(byTestId('batch-norm')), { expect: pair('batchNorm', 1), restarts: true });
  await changes(page, () => typeNumber(page, 'ensemble', 3), { expect: pair('ensemble', 3), restarts: true });
  await changes(page, () => typeNumber(page, 'seed', 42), { expect: pair('seed', 42), restarts: true });
  await changes(page, () => page.click(byTestId('random-seed')), { expect: /seed=\d+/, restarts: true });
  assert.notEqual((await params(page)).get('seed'), '42', 'random-seed picks another seed');
  assert.equal(await page.inputValue(byTestId('seed')), (await params(page)).get('seed'), 'seed field shows it');
  assertClean(errors);
  await page.close();
});

test('playback: play and pause, step, step-epoch, reset, and speed 100 trains 100 epochs a frame', async () => {
  // 100 points, 50 for training in batches of 10: 100 epochs fit well within a frame's budget.
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&points=100&batch=10`);
  const initialLoss = await text(page, 'train-loss');
  await page.click(byTestId('step'));
  assert.equal(await state(page), 'paused');
  assert.equal(await number(page, 'epoch'), 0, 'one minibatch of 5 is not an epoch');
  assert.notEqual(await text(page, 'train-loss'), initialLoss, 'one step changed the loss');
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 1);
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 2);

  await page.click(byTestId('play'));
  assert.equal(await state(page), 'running');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 6);
  await page.click(byTestId('play'));
  assert.equal(await state(page), 'paused');
  const paused = await number(page, 'epoch');
  await page.waitForTimeout(150);
  assert.equal(await number(page, 'epoch'), paused, 'paused means paused');

  // Speed is a live page setting: in the link, epoch kept.
  await changes(page, () => page.selectOption(byTestId('speed'), '100'), { expect: pair('speed', 100), restarts: false });
  await page.click(byTestId('play'));
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const out = document.querySelector('[data-testid="epoch"]');
    const values = [Number(out.textContent)];
    new MutationObserver((_, observer) => {
      values.push(Number(out.textContent));
      if (values.length >= 6) { observer.disconnect(); resolve(values); }
    }).observe(out, { childList: true, characterData: true, subtree: true });
  }));
  await page.click(byTestId('play'));
  const jumps = seen.slice(2).map((v, i) => v - seen[i + 1]);
  // At most 100 a frame; fewer only when the frame's work budget runs out
  // (a loaded machine), and then still many epochs a frame.
  assert.ok(jumps.every((d) => d >= 1 && d <= 100), `epoch jumps per frame at speed 100: ${jumps}`);
  assert.ok(jumps.reduce((a, b) => a + b) >= 100, `epochs in ${jumps.length} frames at speed 100: ${jumps}`);

  await page.click(byTestId('reset'));
  assert.equal(await number(page, 'epoch'), 0);
  assert.equal(await state(page), 'ready');
  assert.match(await hashOf(page), pair('speed', 100), 'reset keeps the speed');
  assertClean(errors);
  await page.close();
});

// ---------------------------------------------------------------- 2. share links

test('a share link reproduces the run exactly; another seed does not', async () => {
  const EPOCHS = 5;
  const run = async (url) => {
    const { page, errors } = await open(env.browser, url);
    for (let i = 0; i < EPOCHS; i++) await page.click(byTestId('step-epoch'));
    assert.equal(await number(page, 'epoch'), EPOCHS);
    const result = { page, errors, train: await text(page, 'train-loss'), test: await text(page, 'test-loss') };
    assert.ok(Number.isFinite(Number(result.train)), `finite loss ${result.train}`);
    return result;
  };
  const first = await run(`${env.url}#dataset=spiral&noise=0.1&layers=6,4&activation=tanh&optimizer=adam&lr=0.01&batch=5&dropout=0.1&seed=7`);
  const link = first.page.url();
  assert.match(link, pair('seed', 7));
  const second = await run(link);
  assert.equal(second.train, first.train, 'same train loss from the same link');
  assert.equal(second.test, first.test, 'same test loss from the same link');
  const other = await run(link.replace(pair('seed', 7), '$1seed=8$2'));
  assert.notEqual(other.train, first.train, 'another seed, another run');
  for (const r of [first, second, other]) {
    assertClean(r.errors);
    await r.page.close();
  }
});

// ---------------------------------------------------------------- 3. language

test('Czech from the link, switch to English, hash keeps the language', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=cs`);
  assert.equal(await page.getAttribute('html', 'lang'), 'cs');
  assert.equal(await page.textContent('label[for="dataset"]'), 'Datová sada');
  assert.equal(await page.textContent('h1'), 'Hřiště neuronových sítí');
  assert.equal(await text(page, 'status'), 'připraveno');
  assert.equal(await state(page), 'ready');
  assert.equal(await page.textContent(`${byTestId('presets')} option`), 'Vyberte scénář…');
  await page.click(byTestId('play'));
  assert.equal(await text(page, 'status'), 'běží');
  assert.equal(await state(page), 'running');
  await page.click(byTestId('play'));
  // No element shows a raw key: every string exists in Czech (chart.* belong to charts.js).
  const raw = await page.$$eval('[data-i18n]', (els) => els
    .filter((e) => !e.dataset.i18n.startsWith('chart.') && e.textContent === e.dataset.i18n)
    .map((e) => e.dataset.i18n));
  assert.deepEqual(raw, []);
  // The network view's own words are Czech too.
  assert.match(await page.textContent('.net-col.inputs .col-head'), /Vstupy/);

  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await page.getAttribute('html', 'lang'), 'en');
  assert.equal(await page.textContent('label[for="dataset"]'), 'Dataset');
  assert.equal(await text(page, 'status'), 'paused');
  assert.match(await page.textContent('.net-col.inputs .col-head'), /Inputs/);
  assert.match(await hashOf(page), pair('lang', 'en'));
  assert.match(await hashOf(page), pair('dataset', 'circle'), 'settings kept');
  assertClean(errors);
  await page.close();
});

test('without lang in the link the page follows the browser language', async () => {
  // English browser (this file's), no lang: English, and no lang written to the link.
  const en = await open(env.browser, `${env.url}#dataset=xor`);
  assert.equal(await en.page.getAttribute('html', 'lang'), 'en');
  assert.equal(await en.page.textContent('label[for="dataset"]'), 'Dataset');
  assert.doesNotMatch(await hashOf(en.page), /lang=/);
  assertClean(en.errors);
  await en.page.close();

  const czech = await launch({ locale: 'cs-CZ' });
  try {
    const { page, errors } = await open(czech.browser, `${czech.url}#dataset=xor`);
    assert.equal(await page.getAttribute('html', 'lang'), 'cs');
    assert.equal(await page.textContent('label[for="dataset"]'), 'Datová sada');
    assert.equal(await page.inputValue(byTestId('language')), 'cs');
    assert.doesNotMatch(await hashOf(page), /lang=/, 'a browser default is not written into the link');
    // A link's lang wins over the browser's.
    const linked = await open(czech.browser, `${czech.url}#dataset=xor&lang=en`);
    assert.equal(await linked.page.getAttribute('html', 'lang'), 'en');
    assert.equal(await linked.page.textContent('label[for="dataset"]'), 'Dataset');
    assertClean(errors);
    assertClean(linked.errors);
  } finally {
    await czech.close();
  }
});

test('every string key the page uses exists in English and Czech, the core\'s settings and messages included', () => {
  const html = readFileSync(new URL('index.html', WWW), 'utf8');
  const keys = new Set([...html.matchAll(/data-i18n(?:-title|-aria|-label|-placeholder)?="([^"]+)"/g)].map((m) => m[1]));
  // Keys the scripts pass to t('...') literally.
  for (const file of readdirSync(WWW).filter((f) => f.endsWith('.js'))) {
    const source = readFileSync(new URL(file, WWW), 'utf8');
    for (const m of source.matchAll(/\bt\('([^']+)'/g)) keys.add(m[1]);
  }
  // Status codes are looked up as status.<code>.
  for (const s of ['ready', 'running', 'paused', 'diverged', 'error']) keys.add(`status.${s}`);
  // Every setting the core describes has a label and a help text, every
  // option a label, every group of options a name, every feature a symbol;
  // every message code and every word a message carries has its text.
  for (const spec of [core.schema, ...Object.values(core.labs)].flatMap((schema) => schema.settings)) {
    keys.add(`setting.${spec.key}`).add(`help.${spec.key}`);
    for (const option of spec.options ?? []) {
      if (spec.type === 'features') keys.add(`feature.${option.value}`);
      else keys.add(`option.${spec.key}.${option.value}`);
      if (spec.type === 'activations') keys.add(`short.activation.${option.value}`);
      if (option.family) keys.add(`family.${option.family}`);
    }
  }
  for (const key of core.vocabulary) keys.add(key);
  // Each surface of the descent lab has a note.
  for (const o of core.labs.gd.settings.find((s) => s.key === 'surface').options) keys.add(`lab.gd.note.${o.value}`);
  assert.ok(keys.size > 200, `found ${keys.size} keys`);
  for (const lang of ['en', 'cs']) {
    const missing = [...keys].filter((k) => !(k in STRINGS[lang]));
    assert.deepEqual(missing, [], `keys missing in ${lang}`);
  }
  assert.deepEqual(Object.keys(STRINGS.cs).sort(), Object.keys(STRINGS.en).sort(), 'both languages have the same keys');
});

// ---------------------------------------------------------------- 4. hide and presenter

test('hide= hides the named controls; presenter mode enlarges the root font', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#hide=noise,optimizer`);
  assert.equal(await page.isVisible(byTestId('noise')), false, 'noise hidden');
  assert.equal(await page.isVisible(byTestId('optimizer')), false, 'optimizer hidden');
  assert.equal(await page.isVisible(byTestId('points')), true, 'points still shown');
  assert.equal(await page.isVisible(byTestId('learning-rate')), true, 'learning rate still shown');
  assert.match(await hashOf(page), pair('hide', 'noise,optimizer'));
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 1, 'hiding controls does not stop training');

  const sizes = () => page.evaluate(() => ({
    root: parseFloat(getComputedStyle(document.documentElement).fontSize),
    label: parseFloat(getComputedStyle(document.querySelector('label[for="dataset"]')).fontSize),
    loss: parseFloat(getComputedStyle(document.querySelector('[data-testid="test-loss"]')).fontSize),
  }));
  const normal = await sizes();
  await page.click(byTestId('presenter'));
  assert.equal(await page.getAttribute(byTestId('presenter'), 'aria-pressed'), 'true');
  assert.match(await hashOf(page), pair('presenter', 1));
  const big = await sizes();
  assert.ok(big.root > normal.root, `root font ${normal.root}px -> ${big.root}px`);
  assert.ok(big.label > normal.label, `labels ${normal.label}px -> ${big.label}px`);
  assert.ok(big.loss > normal.loss, `readouts ${normal.loss}px -> ${big.loss}px`);
  assertClean(errors);
  await page.close();

  // The link alone turns it on, and the page still fits the projector's width.
  const linked = await open(env.browser, `${env.url}#presenter=1`);
  assert.equal((await linked.page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize))), big.root);
  assert.ok(await linked.page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no horizontal overflow in presenter mode');
  await linked.page.screenshot({ path: `${ARTIFACTS}page-1280-presenter.png` });
  assertClean(linked.errors);
  await linked.page.close();
});

// ---------------------------------------------------------------- 5. presets

test('every preset loads, sets its settings in the link and trains an epoch', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=en`);
  const ids = await page.$$eval(`${byTestId('presets')} option`, (os) => os.map((o) => o.value).filter(Boolean));
  assert.deepEqual(ids, PRESETS.map((p) => p.id), 'the select offers every preset');
  for (const preset of PRESETS) {
    await page.selectOption(byTestId('presets'), preset.id);
    // A lab's scenario opens the lab; the playground's writes its whole link.
    await page.waitForFunction((lab) => (lab ? location.hash.includes(`lab=${lab}`) : /valShare=/.test(location.hash)), preset.lab);
    await nextFrame(page);
    const hash = await params(page);
    for (const [key, value] of new URLSearchParams(preset.link)) {
      const got = hash.get(key);
      const same = got === value || (value !== '' && Number(got) === Number(value));
      assert.ok(same, `${preset.id}: ${key}=${value} in the link, got ${got}`);
    }
    assert.equal(hash.get('lang'), 'en', `${preset.id}: page keys kept`);
    if (preset.lab) {
      assert.equal(await page.isVisible(`[data-lab-view="${preset.lab}"]`), true, `${preset.id} shows its lab`);
      assert.match(await text(page, `${preset.lab}-message`), /Scenario: /, `${preset.id}: names the scenario`);
      continue;
    }
    assert.equal(await number(page, 'epoch'), 0, `${preset.id} starts fresh`);
    assert.match(await text(page, 'message'), new RegExp(`Scenario: ${preset.en.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), `${preset.id}: names the scenario`);
    await page.click(byTestId('step-epoch'));
    assert.equal(await number(page, 'epoch'), 1, `${preset.id} trains`);
    const loss = Number(await text(page, 'train-loss'));
    assert.ok(Number.isFinite(loss), `${preset.id}: finite loss ${loss}`);
  }
  // Each preset is a history entry: Back returns to the one before.
  await page.goBack();
  const previous = new URLSearchParams(PRESETS.at(-2).link).get('dataset');
  await page.waitForFunction((ds) => document.querySelector('[data-testid="dataset"]').value === ds, previous);
  assertClean(errors);
  await page.close();
});

test('the scenario menu is the core\'s table in both languages, and a scenario says what the core claims happens', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=en`);
  const menu = () => page.$$eval(`${byTestId('presets')} option`, (os) => os.filter((o) => o.value).map((o) => [o.value, o.textContent, o.title]));
  const claim = (s, lang) => s.claims.map((c) => c[lang]).join(' ');
  for (const lang of ['en', 'cs']) {
    await page.selectOption(byTestId('language'), lang);
    assert.deepEqual(await menu(), PRESETS.map((s) => [s.id, s[lang], claim(s, lang)]), `the menu in ${lang}: the core's ids, titles and claims`);
  }
  // The deep ReLU network: its title, and under it the core's sentence (numbers in the page's language).
  const deep = PRESETS.find((s) => s.id === 'deep-relu');
  assert.match(deep.claims[0].cs, /od epochy 300 do 5\u00a0000 vždy aspoň 90 %/, 'the core writes the Czech numbers');
  await page.selectOption(byTestId('presets'), deep.id);
  await page.waitForFunction(() => /valShare=/.test(location.hash));
  assert.equal(await text(page, 'message'), `Scénář: ${deep.cs}\n${deep.claims[0].cs}`);
  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await text(page, 'message'), `Scenario: ${deep.en}\nTest accuracy stays at or above 90 % from epoch 300 to 5,000.`);
  assertClean(errors);
  await page.close();
});

// ---------------------------------------------------------------- 6. network view

test('network view: hover an edge for its weight, click to edit it; click a neuron to edit its bias', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1`);
  const box = (id) => page.$eval(byTestId(id), (e) => e.getBoundingClientRect().toJSON());
  const [input, hidden, net] = await Promise.all([box('feature-x1'), box('neuron-0-0'), box('network')]);
  const x = (input.right + hidden.left) / 2;
  let y = null;
  for (let at = net.top; at < net.bottom; at += 2) {
    await page.mouse.move(x, at);
    if (await page.isVisible(byTestId('weight-tooltip'))) { y = at; break; }
  }
  assert.ok(y !== null, 'an edge between inputs and layer 1 shows a tooltip');
  const tip = await text(page, 'weight-tooltip');
  assert.match(tip, /weight −?\d+\.\d{3}/);
  const query = await hashOf(page);

  await page.mouse.click(x, y);
  assert.equal(await page.isVisible(byTestId('weight-input')), true, 'click opens the editor');
  const typed = (await page.inputValue(byTestId('weight-input'))).replace('−', '-');
  assert.ok(Math.abs(Number(typed) - Number(tip.match(/−?\d+\.\d{1,3}/)[0].replace('−', '-'))) < 1e-3, 'editor starts at the weight');
  await page.fill(byTestId('weight-input'), '1.5');
  await page.press(byTestId('weight-input'), 'Enter');
  assert.equal(await page.isVisible(byTestId('weight-input')), false, 'Enter closes the editor');
  await page.mouse.move(0, 0);
  await page.mouse.move(x, y);
  await page.waitForSelector(`${byTestId('weight-tooltip')}:not([hidden])`);
  assert.match(await text(page, 'weight-tooltip'), /weight 1\.500/);

  await page.mouse.move(0, 0);
  await page.click(byTestId('neuron-0-0'));
  assert.equal(await page.isVisible(byTestId('weight-input')), true, 'click on a neuron opens the bias editor');
  await page.fill(byTestId('weight-input'), '0.75');
  await page.press(byTestId('weight-input'), 'Enter');
  await page.mouse.move(0, 0);
  await page.hover(byTestId('neuron-0-0'));
  assert.match(await text(page, 'weight-tooltip'), /bias 0\.750/);
  const edited = await hashOf(page);
  assert.match(edited, /&edits=w0\.\d+\.\d+:1\.5,b0\.0:0\.75&/, 'the link keeps the edits');
  assert.equal(edited.replace(/edits=[^&]*/, 'edits='), query, 'and changes nothing else');
  // Edited weights train on.
  await page.click(byTestId('step-epoch'));
  assert.ok(Number.isFinite(Number(await text(page, 'train-loss'))));
  assertClean(errors);
  await page.close();
});

test('hand edits survive a new seed and ↺, and a new network drops them and says so, in both languages', async () => {
  const edits = 'w0.0.0:1.5,b0.0:0.75';
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1&edits=${edits}`);
  const hover = async () => {
    await page.mouse.move(0, 0);
    await page.hover(byTestId('neuron-0-0'));
    return text(page, 'weight-tooltip');
  };
  await typeNumber(page, 'seed', 7);
  assert.match(await hashOf(page), pair('edits', edits), 'a new seed keeps the edits');
  assert.match(await hover(), /bias 0\.750/, 'and makes them again on the new network');
  await page.click(byTestId('reset'));
  assert.match(await hover(), /bias 0\.750/, '↺ makes them again');
  assert.doesNotMatch(await text(page, 'message'), /dropped/);
  await page.click(byTestId('add-layer'));
  assert.equal(await text(page, 'message'), STRINGS.en['code.editsDropped'].replace('{n}', '2'));
  assert.match(await hashOf(page), pair('edits', ''), 'the link drops them too');
  await page.close();

  const cs = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&edits=${edits}&lang=cs`);
  await cs.page.click(byTestId('remove-layer'));
  assert.equal(await cs.page.textContent(byTestId('message')), STRINGS.cs['code.editsDropped'].replace('{n}', '2'));
  await cs.page.close();
  assertClean(errors);
  assertClean(cs.errors);
});

// ---------------------------------------------------------------- 7. keyboard

test('keyboard: space plays and pauses, ArrowRight steps, r resets, not while typing', async () => {
  // 500 points, half for training, full batch: one step is one epoch.
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&batch=250`);
  await page.keyboard.press('ArrowRight');
  assert.equal(await number(page, 'epoch'), 1);
  assert.equal(await state(page), 'paused');
  await page.keyboard.press('ArrowRight');
  assert.equal(await number(page, 'epoch'), 2);

  await page.keyboard.press(' ');
  assert.equal(await state(page), 'running');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) > 4);
  await page.keyboard.press(' ');
  assert.equal(await state(page), 'paused');
  // Space on a focused button (clicked with the mouse first) still toggles once.
  await page.click(byTestId('play'));
  assert.equal(await state(page), 'running');
  await page.keyboard.press(' ');
  assert.equal(await state(page), 'paused', 'space on the focused play button pauses once');

  // Keys typed into a field are the field's.
  const epoch = await number(page, 'epoch');
  await page.focus(byTestId('points'));
  await page.keyboard.press('r');
  await page.keyboard.press('ArrowRight');
  assert.equal(await number(page, 'epoch'), epoch, 'r and → in a field do nothing');
  await page.click('h1');
  await page.keyboard.press('r');
  assert.equal(await number(page, 'epoch'), 0);
  assert.equal(await state(page), 'ready');
  assertClean(errors);
  await page.close();
});

// ---------------------------------------------------------------- 8. bad input

test('a damaged link and an out-of-range field give messages, the rest applies and the page works', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=moons&bogus=1&noise=7&lr=abc&layers=3,3&seed=5`);
  const notice = await text(page, 'message');
  assert.match(notice, /bogus/);
  assert.match(notice, /Noise: 7 is out of range/);
  assert.match(notice, /Learning rate: "abc" is not valid/);
  const hash = await params(page);
  assert.equal(hash.get('dataset'), 'moons');
  assert.equal(hash.get('layers'), '3,3');
  assert.equal(hash.get('seed'), '5');
  assert.equal(hash.get('noise'), '0', 'out-of-range noise falls back to the default');
  assert.equal(hash.has('bogus'), false, 'unknown keys leave the link');
  assert.equal(await page.inputValue(byTestId('dataset')), 'moons');
  assert.equal(await number(page, 'layer-count'), 2);

  await page.click(byTestId('step-epoch'));
  await typeNumber(page, 'points', 99999);
  assert.match(await text(page, 'message'), /99,999/);
  assert.equal(await page.inputValue(byTestId('points')), '500', 'the field shows the value in use');
  assert.match(await hashOf(page), pair('points', 500));
  assert.equal(await number(page, 'epoch'), 1, 'a refused value does not restart');
  await page.click(byTestId('step-epoch'));
  assert.equal(await number(page, 'epoch'), 2, 'and training goes on');
  assertClean(errors);
  await page.close();
});

test('with L1 or L2 the readouts show the penalty and the objective it adds to; the losses say they leave it out', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=4&seed=3`);
  assert.equal(await page.isVisible(byTestId('penalty')), false, 'no penalty without regularisation');
  assert.equal(await page.isVisible(byTestId('objective')), false);
  assert.match(await text(page, 'readouts-hint'), /no penalty/);
  assert.match(await page.getAttribute('[data-i18n="trainLoss"]', 'title'), /without the penalty/);
  await page.selectOption(byTestId('regularization'), 'l2');
  await page.selectOption(byTestId('reg-rate'), '0.1');
  await page.click(byTestId('step-epoch'));
  const [loss, penalty, objective] = await Promise.all(['train-loss', 'penalty', 'objective'].map((id) => number(page, id)));
  assert.ok(penalty > 0, `penalty ${penalty}`);
  assert.ok(Math.abs(objective - (loss + penalty)) < 2e-3, `${objective} = ${loss} + ${penalty}`);
  await page.selectOption(byTestId('regularization'), 'none');
  await nextFrame(page);
  assert.equal(await page.isVisible(byTestId('penalty')), false, 'gone with the penalty');
  assertClean(errors);
  await page.close();
});

test('a refused value is named in the page\'s language', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=cs`);
  await typeNumber(page, 'points', 99999);
  assert.equal(await text(page, 'message'), 'Body: 99\u00a0999 je mimo rozsah, povoleno 10 až 5\u00a0000');
  await page.selectOption(byTestId('language'), 'en');
  assert.equal(await text(page, 'message'), 'Points: 99,999 is out of range, allowed 10 to 5,000', 'and follows a switch');
  assertClean(errors);
  await page.close();
});

test('a diverging network says so; a reset with a lower learning rate trains again', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=table&layers=&lr=10`);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'diverged', null, { timeout: 10_000 });
  assert.equal(await text(page, 'status'), 'diverged');
  assert.match(await text(page, 'message'), /diverged/);
  await page.click(byTestId('play'));
  assert.equal(await state(page), 'diverged', 'play cannot run a diverged network');

  await page.selectOption(byTestId('learning-rate'), '0.01');
  await page.click(byTestId('reset'));
  assert.equal(await state(page), 'ready');
  assert.equal(await text(page, 'message'), '', 'reset clears the message');
  await page.click(byTestId('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 20);
  assert.equal(await state(page), 'running');
  await page.click(byTestId('play'));
  assert.ok(Number.isFinite(shownNumber(await text(page, 'train-loss'))), 'finite loss after the reset');
  assertClean(errors);
  await page.close();
});

// ---------------------------------------------------------------- 10. layout

for (const [width, height] of [[1280, 720], [390, 844]]) {
  for (const lang of ['en', 'cs']) {
    test(`layout at ${width}×${height} in ${lang}: no horizontal overflow after training (screenshot)`, async () => {
      const { page, errors } = await open(env.browser,
        `${env.url}#dataset=spiral&noise=0.1&layers=6,4&activation=tanh&lr=0.03&seed=1&speed=10&lang=${lang}`, { width, height });
      await page.click(byTestId('play'));
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 50);
      await page.click(byTestId('play'));
      await nextFrame(page);
      await page.screenshot({ path: `${ARTIFACTS}page-${width}-${lang}.png`, fullPage: true });
      const fit = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        viewport: innerWidth,
        // Panels that would hide their overflow behind a scrollbar.
        wide: [...document.querySelectorAll('.panel, .bar, fieldset, .net-head, .charts')]
          .filter((e) => e.scrollWidth > e.clientWidth + 1)
          .map((e) => `${e.className || e.tagName} ${e.scrollWidth}>${e.clientWidth}`),
      }));
      assert.ok(fit.page <= fit.viewport, `page ${fit.page}px wide in a ${fit.viewport}px window`);
      assert.deepEqual(fit.wide, [], 'no panel overflows sideways');
      assertClean(errors);
      await page.close();
    });
  }
}

// The handwritten-digits lab in a real browser: the images fetched from the
// site's own origin only when the lab opens, training live, a "1" and a
// "0" drawn with pointer strokes and read right, the first layer's
// pictures changing as training goes on, the link, Czech, presenter mode,
// a mouse, a pen and a finger, a phone, and the exports: the images as
// CSV, the model file (loaded back into a fresh page), the NumPy and
// PyTorch scripts run by Python on that CSV, agreeing with the readouts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { launch, open, byTestId, nextFrame, hashOf, params, ARTIFACTS } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));

/** Whether the page has asked for the data file. */
const fetched = (page) => page.evaluate(() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/data/digits.bin')));

/** Waits until the images are loaded (the epoch-0 figures are shown). */
const loaded = (page) => page.waitForFunction(() => document.querySelector('[data-testid="digits-test-accuracy"]')?.textContent !== '–', null, { timeout: 30000 });

/** Trains until `epochs` epochs are done, then pauses. */
async function train(page, epochs) {
  await page.click(byTestId('digits-train'));
  await page.waitForFunction((n) => Number(document.querySelector('[data-testid="digits-epoch"]')?.textContent) >= n, epochs, { timeout: 120000 });
  await page.click(byTestId('digits-train'));
  await nextFrame(page);
}

/** The pixels of a canvas, as one string to compare. */
const pixels = (page, id) => page.$eval(byTestId(id), (c) => Array.from(c.getContext('2d').getImageData(0, 0, c.width, c.height).data).join(','));

/**
 * Draws one stroke through `points` (shares of the pad's width and height) with the mouse's pointer events.
 * @param {import('playwright-core').Page} page
 * @param {[number, number][]} points
 */
async function stroke(page, points) {
  await page.locator(byTestId('digits-pad')).scrollIntoViewIfNeeded();
  const box = await page.locator(byTestId('digits-pad')).boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
  await nextFrame(page);
}

/**
 * Draws one stroke through `points` (shares of the pad) with a pen: pointer events whose pointerType is 'pen'.
 * @param {import('playwright-core').Page} page
 * @param {[number, number][]} points
 */
async function penStroke(page, points) {
  await page.locator(byTestId('digits-pad')).scrollIntoViewIfNeeded();
  const box = await page.locator(byTestId('digits-pad')).boundingBox();
  const cdp = await page.context().newCDPSession(page);
  const event = (type, [x, y]) => cdp.send('Input.dispatchMouseEvent', {
    type, x: box.x + x * box.width, y: box.y + y * box.height, button: 'left', buttons: type === 'mouseReleased' ? 0 : 1, clickCount: 1, pointerType: 'pen',
  });
  await event('mousePressed', points[0]);
  for (const p of points.slice(1)) await event('mouseMoved', p);
  await event('mouseReleased', points.at(-1));
  await cdp.detach();
  await nextFrame(page);
}

/** Records the pointer type of the pad's last pointerdown in window.lastPointer. */
const watchPointer = (page) => page.$eval(byTestId('digits-pad'), (pad) => pad.addEventListener('pointerdown', (e) => { window.lastPointer = e.pointerType; }));

/** The bars' labels: digit → probability in [0, 1], read from each bar's aria-label. */
async function bars(page) {
  const labels = await page.$$eval(`${byTestId('digits-probs')} .digit-bar`, (els) => els.map((e) => e.getAttribute('aria-label')));
  return labels.map((l) => {
    const [digit, p] = l.split(': ');
    return { digit: Number(digit), p: Number(p.replace(' %', '').replace(',', '.')) / 100 };
  });
}

test('the images come from the site when the lab opens; trained, a drawn 1 and 0 are read right', async () => {
  const { page, errors } = await open(env.browser, `${env.url}`, { width: 1280, height: 900 });
  assert.equal(await fetched(page), false, 'the playground alone does not fetch the digits');
  await page.click(byTestId('open-lab-digits'));
  await loaded(page);
  assert.equal(await fetched(page), true);
  assert.match(await text(page, 'digits-wrong'), /of 45\d/, 'a quarter of 1,797 images test');
  const features0 = await pixels(page, 'digits-features');
  await train(page, 2);
  const features2 = await pixels(page, 'digits-features');
  assert.notEqual(features2, features0, 'the first layer\'s pictures change as training goes on');
  await train(page, 25);
  assert.notEqual(await pixels(page, 'digits-features'), features2, 'and go on changing');
  const accuracy = Number((await text(page, 'digits-test-accuracy')).replace(' %', ''));
  assert.ok(accuracy >= 90, `test accuracy ${accuracy} %`);

  // The pad takes every touch; the page still scrolls.
  assert.equal(await page.$eval(byTestId('digits-pad'), (c) => getComputedStyle(c).touchAction), 'none');
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.body).touchAction), 'none');

  assert.equal(await text(page, 'digits-guess'), '–', 'nothing drawn, no guess');
  await stroke(page, [[0.5, 0.12], [0.5, 0.5], [0.5, 0.88]]);
  assert.equal(await text(page, 'digits-guess'), '1');
  let read = await bars(page);
  assert.deepEqual(read.map((b) => b.digit), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  assert.ok(read[1].p > 0.5 && read.every((b) => b.p <= read[1].p), JSON.stringify(read));
  assert.ok(Math.abs(read.reduce((s, b) => s + b.p, 0) - 1) < 0.01, 'the ten probabilities add up to 1');
  assert.match(await text(page, 'digits-lit'), /lights these first-layer neurons most/);
  const input = await page.$eval(byTestId('digits-input'), (c) => c.width);
  assert.ok(input > 0);

  await page.click(byTestId('digits-clear'));
  assert.equal(await text(page, 'digits-guess'), '–');
  const ring = Array.from({ length: 33 }, (_, k) => {
    const a = (k / 32) * 2 * Math.PI;
    return [0.5 + 0.28 * Math.sin(a), 0.5 - 0.38 * Math.cos(a)];
  });
  await stroke(page, ring);
  assert.equal(await text(page, 'digits-guess'), '0');
  read = await bars(page);
  assert.ok(read[0].p > 0.5, JSON.stringify(read));

  // A pen draws as the mouse does.
  await watchPointer(page);
  await page.click(byTestId('digits-clear'));
  await penStroke(page, [[0.5, 0.12], [0.5, 0.3], [0.5, 0.5], [0.5, 0.7], [0.5, 0.88]]);
  assert.equal(await page.evaluate(() => window.lastPointer), 'pen');
  assert.equal(await text(page, 'digits-guess'), '1', 'a pen\'s 1 is read');

  // A test image picked in the gallery shows its probabilities.
  const gallery = await page.locator(byTestId('digits-gallery')).boundingBox();
  await page.mouse.click(gallery.x + 10, gallery.y + 10);
  await nextFrame(page);
  assert.match(await text(page, 'digits-picked-text'), /^A \d, read as \d$/);
  const picked = await page.$$eval(`${byTestId('digits-picked-probs')} .digit-bar output`, (els) => els.map((e) => e.textContent));
  assert.equal(picked.length, 10);
  assert.ok(picked.every((p) => / %$/.test(p)), picked.join());
  await page.screenshot({ path: `${ARTIFACTS}digits-1280.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

test('the link keeps the lab\'s settings; Czech and presenter mode', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=digits&layers=32,16&lr=0.01&l2=0.001&seed=5`, { width: 1280, height: 720 });
  await loaded(page);
  assert.equal(await page.inputValue(byTestId('digits-layers')), '32,16');
  await page.selectOption(byTestId('digits-dropout'), '0.2');
  await nextFrame(page);
  const hash = await hashOf(page);
  assert.match(hash, /lab=digits/);
  assert.match(hash, /layers=32,16/);
  assert.match(hash, /dropout=0\.2/);
  assert.match(hash, /l2=0\.001/);
  const again = await open(env.browser, `${env.url}${hash}`, { width: 1280, height: 720 });
  await loaded(again.page);
  assert.equal(await hashOf(again.page), hash, 'the link opens the same settings and writes itself again');
  assert.equal(await again.page.inputValue(byTestId('digits-dropout')), '0.2');
  await again.page.close();

  // A finger draws too (touch events, as a phone sends them), and the stroke does not scroll the page.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  await page.evaluate(() => document.querySelector('[data-testid="digits-pad"]').addEventListener('pointerdown', (e) => { window.lastPointer = e.pointerType; }));
  const pad = await page.locator(byTestId('digits-pad')).boundingBox();
  const finger = (y) => [{ x: pad.x + pad.width / 2, y: pad.y + pad.height * y }];
  const scrolled = await page.evaluate(() => window.scrollY);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: finger(0.1) });
  for (let k = 2; k <= 9; k++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: finger(k / 10) });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await nextFrame(page);
  assert.equal(await page.evaluate(() => window.lastPointer), 'touch');
  assert.match(await text(page, 'digits-guess'), /^\d$/, 'a finger\'s stroke is read');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled);

  // Czech, with the page's decimal comma; presenter mode fits the pad and the charts on the screen.
  const cs = await open(env.browser, `${env.url}#lab=digits&lang=cs&presenter=1`, { width: 1280, height: 720 });
  await loaded(cs.page);
  assert.equal(await cs.page.textContent('[data-lab-view="digits"] h2'), 'Ručně psané číslice');
  assert.match(await text(cs.page, 'digits-test-accuracy'), /^\d+,\d %$/);
  assert.match(await text(cs.page, 'digits-wrong'), / z 45\d$/);
  assert.match(await text(cs.page, 'digits-lit'), /Nakreslete číslici/);
  await stroke(cs.page, [[0.5, 0.1], [0.5, 0.9]]);
  const label = await cs.page.$eval(`${byTestId('digits-probs')} .digit-bar`, (e) => e.getAttribute('aria-label'));
  assert.match(label, /^0: \d+,\d %$/);
  assert.ok(await cs.page.evaluate(() => document.body.classList.contains('presenter')));
  for (const id of ['digits-pad', 'digits-loss']) {
    const box = await cs.page.locator(byTestId(id)).boundingBox();
    assert.ok(box && box.y + box.height <= 720 && box.width > 150, `${id}: ${JSON.stringify(box)}`);
  }
  await cs.page.screenshot({ path: `${ARTIFACTS}digits-presenter-cs.png` });
  assert.deepEqual([...errors, ...again.errors, ...cs.errors], []);
  await cs.page.close();
  await page.close();
});

/** Python with NumPy: the Makefile's (make setup-python). */
const PYTHON = process.env.PYTHON ?? 'target/pyenv/bin/python';

test('the three export buttons download the images, the model and a script that reads them as the page does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'neuroplay-digits-'));
  const { page, errors } = await open(env.browser, `${env.url}#lab=digits&layers=32`, { width: 1280, height: 720 });
  await loaded(page);
  await train(page, 3);
  const csv = await downloaded(page, 'digits-export-data', dir);
  assert.equal(csv.name, 'digits.csv');
  const lines = csv.content.trim().split('\n');
  assert.equal(lines[0], [...Array.from({ length: 64 }, (_, i) => `p${i}`), 'label', 'split'].join(','));
  assert.equal(lines.length, 1 + 1797);
  const tests = lines.slice(1).filter((l) => l.endsWith(',test')).length;
  assert.match(await text(page, 'digits-wrong'), new RegExp(`of ${tests}$`), 'the CSV\'s test images are the lab\'s');

  const model = await downloaded(page, 'digits-export-model', dir);
  assert.equal(model.name, 'digits_model.json');
  const file = JSON.parse(model.content);
  assert.equal(file.format, 'neuroplay-model');
  assert.equal(file.version, 2);
  assert.equal(file.features.length, 64);
  assert.deepEqual(file.input_transform.scale, Array(64).fill(1 / 16));
  assert.equal(file.classes, 10);
  assert.deepEqual(file.layers.map((l) => [l.weights.length, l.weights[0].length]), [[32, 64], [10, 32]]);

  const script = await downloaded(page, 'digits-export-python', dir);
  assert.equal(script.name, 'digits_numpy.py');
  assert.match(script.content, /^#!\/usr\/bin\/env python3/);
  const printed = execFileSync(PYTHON, [script.path, csv.path], { encoding: 'utf8' });
  // The script reads every test image as the network now does: as many wrong as the page counts.
  const share = Number(/test: accuracy ([\d.]+) on (\d+) points/.exec(printed)?.[1]);
  const [wrong, of] = (await text(page, 'digits-wrong')).split(' of ').map(Number);
  assert.equal(of, tests);
  assert.equal(Math.round((1 - share) * tests), wrong, `the script prints ${printed}`);
  assert.deepEqual(errors, []);
  await page.close();
});

/**
 * Downloads what the button with test id `id` offers into `dir`.
 * @returns {Promise<{ name: string, path: string, content: string }>}
 */
async function downloaded(page, id, dir) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId(id))]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, content: readFileSync(path, 'utf8') };
}

/** A short fingerprint of a long string (a canvas's pixels), for messages that stay readable. */
const digest = (s) => createHash('sha256').update(s).digest('hex');

/** Picks `content` as the file of the input with test id `id`. */
const pick = (page, id, name, content) => page.setInputFiles(byTestId(id), { name, mimeType: 'application/json', buffer: Buffer.from(content) });

/** Waits until the lab's message matches `pattern`; returns it. */
async function said(page, pattern, id = 'digits-message') {
  await page.waitForFunction(([testid, source]) => new RegExp(source).test(document.querySelector(`[data-testid="${testid}"]`)?.textContent ?? ''), [id, pattern.source]);
  return text(page, id);
}

/** The readouts a run shows: test and training accuracy, the test images read wrong. */
const readouts = async (page) => Object.fromEntries(await Promise.all(['digits-test-accuracy', 'digits-train-accuracy', 'digits-wrong'].map(async (id) => [id, await text(page, id)])));

/** Each split's accuracy as a script prints it: part → {share, n}. */
const scored = (printed) => Object.fromEntries([...printed.matchAll(/^(\w+): accuracy ([\d.]+) on (\d+) points$/gm)].map(([, part, share, n]) => [part, { share: Number(share), n: Number(n) }]));

test('paused mid-epoch, the readouts are the network the exports hold; the model loads back into a fresh page, a wrong file is refused', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'neuroplay-digits-'));
  // Minibatches of one image: an epoch is 862 steps, and the first ones teach the most.
  const { page, errors } = await open(env.browser, `${env.url}#lab=digits&layers=128,128&batch=1`, { width: 1280, height: 900 });
  await loaded(page);
  const untrained = await readouts(page);
  // Run for two frames, then pause: in the middle of epoch 0.
  await page.evaluate(() => new Promise((resolve) => {
    const run = /** @type {HTMLElement} */ (document.querySelector('[data-testid="digits-train"]'));
    run.click();
    requestAnimationFrame(() => requestAnimationFrame(() => { run.click(); resolve(undefined); }));
  }));
  const [epoch, step] = await page.$eval(byTestId('digits-epoch'), (e) => [Number(e.textContent), Number(e.dataset.stepInEpoch)]);
  assert.ok(epoch === 0 && step > 0, `paused mid-epoch 0: epoch ${epoch}, step ${step}`);
  const shown = await readouts(page);
  assert.notEqual(shown['digits-test-accuracy'], untrained['digits-test-accuracy'], 'the readouts are not epoch 0\'s record');

  const csv = await downloaded(page, 'digits-export-data', dir);
  const model = await downloaded(page, 'digits-export-model', dir);
  const numpy = await downloaded(page, 'digits-export-python', dir);
  const torch = await downloaded(page, 'digits-export-pytorch', dir);
  assert.equal(torch.name, 'digits_pytorch.py');
  assert.match(torch.content, /nn\.Sequential/);
  const parts = scored(execFileSync(PYTHON, [numpy.path, csv.path], { encoding: 'utf8' }));
  for (const [part, id] of [['test', 'digits-test-accuracy'], ['train', 'digits-train-accuracy']]) {
    const { share, n } = parts[part];
    const right = Math.round(share * n);
    assert.equal(shown[id], `${(100 * right / n).toFixed(1)} %`, `${part}: the script reads ${right} of ${n} right`);
  }
  if (spawnSync(PYTHON, ['-c', 'import torch']).status === 0) {
    assert.deepEqual(scored(execFileSync(PYTHON, [torch.path, csv.path], { encoding: 'utf8' })), parts, 'PyTorch reads as NumPy does');
  } else {
    execFileSync(PYTHON, ['-m', 'py_compile', torch.path]);
    t.diagnostic(`no torch in ${PYTHON}: the PyTorch script was compiled, not run`);
  }
  // The first layer's pictures (before a drawing frames the neurons it lights), and a drawing's probabilities.
  const features = digest(await pixels(page, 'digits-features'));
  await page.click(byTestId('digits-clear'));
  await stroke(page, [[0.5, 0.12], [0.5, 0.5], [0.5, 0.88]]);
  const drawn = await bars(page);

  // A fresh page, other settings: the model brings its own, and reads as the page it left.
  const fresh = await open(env.browser, `${env.url}#lab=digits&layers=16&seed=4`, { width: 1280, height: 900 });
  await loaded(fresh.page);
  await pick(fresh.page, 'digits-load-model', 'digits_model.json', model.content);
  await said(fresh.page, /^Model loaded/);
  const link = await params(fresh.page);
  assert.equal(link.get('layers'), '128,128');
  assert.equal(link.get('batch'), '1');
  assert.equal(link.get('seed'), '1', 'the seed it was exported with, not the page\'s 4');
  assert.deepEqual(await readouts(fresh.page), shown, 'the same test and training accuracy, the same images wrong');
  assert.equal(digest(await pixels(fresh.page, 'digits-features')), features, 'the same first layer');
  await stroke(fresh.page, [[0.5, 0.12], [0.5, 0.5], [0.5, 0.88]]);
  assert.deepEqual(await bars(fresh.page), drawn, 'the same probabilities for the same drawing');

  // A playground model, and a broken file: refused, the run as it was.
  const before = { hash: await hashOf(fresh.page), readouts: await readouts(fresh.page) };
  const pg = await open(env.browser, `${env.url}#dataset=xor&layers=3&lang=en`);
  const pgModel = await downloaded(pg.page, 'export-model', dir);
  await pick(fresh.page, 'digits-load-model', 'model.json', pgModel.content);
  assert.equal(await said(fresh.page, /not loaded/), 'The model was not loaded: it was saved on the playground and loads only there. Nothing changed.');
  await pick(fresh.page, 'digits-load-model', 'digits_model.json', model.content.slice(0, 300));
  assert.match(await said(fresh.page, /not a model file/), /^The model was not loaded: the file is not a model file \(its JSON breaks at line 1, column 300\)\. Nothing changed\.$/);
  assert.deepEqual({ hash: await hashOf(fresh.page), readouts: await readouts(fresh.page) }, before);
  await train(fresh.page, 1);
  assert.notDeepEqual(await readouts(fresh.page), before.readouts, 'and the run trains on');
  // The playground, given the lab's model, names where it is from.
  await pick(pg.page, 'import-model', 'digits_model.json', model.content);
  assert.match(await said(pg.page, /not loaded/, 'message'), /it was saved in the “Handwritten digits” lab and loads only there/);
  assert.deepEqual([...errors, ...fresh.errors, ...pg.errors], []);
  for (const p of [page, fresh.page, pg.page]) await p.close();
});

test('on a phone (390×844, Czech): figures as wide as the screen, a finger trains, draws and is read, and beside the pad a thumb scrolls', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=digits&lang=cs`, { width: 390, height: 844 });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: 390, height: 844, deviceScaleFactor: 2, mobile: true });
  await cdp.send('Emulation.setTouchEmulationEnabled', { enabled: true, maxTouchPoints: 1 });
  await loaded(page);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= 390), 'nothing wider than the screen');
  for (const id of ['digits-loss', 'digits-accuracy', 'digits-features', 'digits-gallery', 'digits-confusion']) {
    const box = await page.locator(byTestId(id)).boundingBox();
    assert.ok(box.width >= 340, `${id} is ${box.width} px wide`);
  }
  /** A finger's stroke through `points` (page pixels), as a phone sends it. */
  const finger = async (points) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [points[0]] });
    for (const p of points.slice(1)) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await nextFrame(page);
  };
  /** Taps the element with test id `id`, scrolled into view. */
  const tap = async (id) => {
    await page.locator(byTestId(id)).scrollIntoViewIfNeeded();
    const b = await page.locator(byTestId(id)).boundingBox();
    await finger([{ x: b.x + b.width / 2, y: b.y + b.height / 2 }]);
  };
  await tap('digits-train');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="digits-epoch"]')?.textContent) >= 15, null, { timeout: 120000 });
  await tap('digits-train');
  assert.match(await text(page, 'digits-test-accuracy'), /^\d+,\d %$/);

  await watchPointer(page);
  await page.$eval(byTestId('digits-pad'), (c) => c.scrollIntoView({ block: 'center' }));
  await nextFrame(page);
  const pad = await page.locator(byTestId('digits-pad')).boundingBox();
  const scrolled = await page.evaluate(() => window.scrollY);
  await finger(Array.from({ length: 9 }, (_, k) => ({ x: pad.x + pad.width / 2, y: pad.y + pad.height * (0.1 + 0.1 * k) })));
  assert.equal(await page.evaluate(() => window.lastPointer), 'touch');
  assert.equal(await page.evaluate(() => window.scrollY), scrolled, 'the pad takes the finger: the page stays');
  assert.equal(await text(page, 'digits-guess'), '1');
  assert.match(await page.$eval(`${byTestId('digits-probs')} .digit-bar:nth-child(2)`, (e) => e.getAttribute('aria-label')), /^1: \d+,\d %$/);

  // Beside the pad, a strip as wide as a thumb, which scrolls the page.
  const strip = { x: pad.x + pad.width + (390 - pad.x - pad.width) / 2, y: pad.y + pad.height * 0.8 };
  assert.ok(390 - (pad.x + pad.width) >= 60, `a strip of ${390 - pad.x - pad.width} px beside the pad`);
  assert.notEqual(await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('[data-testid="digits-pad"]') ? 'pad' : 'other', strip), 'pad');
  await finger(Array.from({ length: 8 }, (_, k) => ({ x: strip.x, y: strip.y - 25 * k })));
  await page.waitForFunction((y) => window.scrollY > y + 50, scrolled, { timeout: 5000 });

  // A wrong file is refused in Czech.
  await pick(page, 'digits-load-model', 'model.json', '{"format": ');
  assert.match(await said(page, /nebyl načten/), /^Model nebyl načten: soubor není souborem modelu/);
  await page.screenshot({ path: `${ARTIFACTS}digits-phone-cs.png`, fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});

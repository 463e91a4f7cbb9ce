// The handwritten-digits lab in a real browser: the images fetched from the
// site's own origin only when the lab opens, training live, a "1" and a
// "0" drawn with pointer strokes and read right, the first layer's
// pictures changing as training goes on, the link, Czech, presenter mode,
// and the exports: the images as CSV, the model file, the NumPy script run
// by Python on that CSV.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, byTestId, nextFrame, hashOf, ARTIFACTS } from './browser.mjs';

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
  const box = await page.locator(byTestId('digits-pad')).boundingBox();
  const at = ([x, y]) => [box.x + x * box.width, box.y + y * box.height];
  await page.mouse.move(...at(points[0]));
  await page.mouse.down();
  for (const p of points.slice(1)) await page.mouse.move(...at(p), { steps: 3 });
  await page.mouse.up();
  await nextFrame(page);
}

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

  // A test image picked in the gallery shows its probabilities.
  await page.locator(byTestId('digits-gallery')).scrollIntoViewIfNeeded();
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
  const downloaded = async (id) => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId(id))]);
    const path = join(dir, download.suggestedFilename());
    await download.saveAs(path);
    return { name: download.suggestedFilename(), path, content: readFileSync(path, 'utf8') };
  };
  const csv = await downloaded('digits-export-data');
  assert.equal(csv.name, 'digits.csv');
  const lines = csv.content.trim().split('\n');
  assert.equal(lines[0], [...Array.from({ length: 64 }, (_, i) => `p${i}`), 'label', 'split'].join(','));
  assert.equal(lines.length, 1 + 1797);
  const tests = lines.slice(1).filter((l) => l.endsWith(',test')).length;
  assert.match(await text(page, 'digits-wrong'), new RegExp(`of ${tests}$`), 'the CSV\'s test images are the lab\'s');

  const model = await downloaded('digits-export-model');
  assert.equal(model.name, 'digits_model.json');
  const file = JSON.parse(model.content);
  assert.equal(file.format, 'neuroplay-model');
  assert.equal(file.version, 2);
  assert.equal(file.features.length, 64);
  assert.deepEqual(file.input_transform.scale, Array(64).fill(1 / 16));
  assert.equal(file.classes, 10);
  assert.deepEqual(file.layers.map((l) => [l.weights.length, l.weights[0].length]), [[32, 64], [10, 32]]);

  const script = await downloaded('digits-export-python');
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

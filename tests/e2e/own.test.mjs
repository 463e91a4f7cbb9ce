// Your own data and models, in a real browser: points drawn and trained
// on, CSV files in (good and bad) and out, a model saved and loaded back,
// the exported NumPy script run by Python against the page's predictions,
// the PyTorch script compiled, and figures as PNG.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, byTestId, params, hashOf } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const dir = mkdtempSync(join(tmpdir(), 'neuroplay-own-'));
/** Python with NumPy: the Makefile's (make setup-python). */
const PYTHON = process.env.PYTHON ?? 'target/pyenv/bin/python';

/** Clicks `id` and returns the download's file name and text (or bytes). */
async function downloaded(page, id, binary = false) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId(id))]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, content: binary ? readFileSync(path) : readFileSync(path, 'utf8') };
}

/** Picks `content` as the file of input `id`. */
function pick(page, id, name, content) {
  return page.setInputFiles(byTestId(id), { name, mimeType: 'text/plain', buffer: Buffer.from(content) });
}

/** Clicks the output view at the share (fx, fy) of its box, with shift when `remove`. */
async function clickView(page, fx, fy, remove = false) {
  const box = await page.$eval(byTestId('plot'), (e) => e.getBoundingClientRect().toJSON());
  if (remove) await page.keyboard.down('Shift');
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
  if (remove) await page.keyboard.up('Shift');
}

test('drawn points train, live in the link, and the link reproduces the run', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=4&seed=3&lang=en`);
  await page.click(byTestId('draw-toggle'));
  assert.equal((await params(page)).get('dataset'), 'own', 'drawing makes the points the user\'s own');
  await page.click(byTestId('clear-points'));
  assert.match(await text(page, 'message'), /Draw at least two points \(0 so far\)/);
  // Class 1 on the left, class 2 on the right.
  for (const [fx, cls] of [[0.2, '0'], [0.25, '0'], [0.3, '0'], [0.7, '1'], [0.75, '1'], [0.8, '1']]) {
    await page.selectOption(byTestId('draw-class'), cls);
    await clickView(page, fx, 0.5);
  }
  const rows = (await params(page)).get('rows').split(',');
  assert.equal(rows.length, 6, 'six points in the link');
  assert.ok(rows.every((r) => r.split(':').length === 3));
  await clickView(page, 0.3, 0.5, true);
  assert.equal((await params(page)).get('rows').split(',').length, 5, 'shift-click removes the nearest');
  for (let i = 0; i < 20; i++) await page.click(byTestId('step-epoch'));
  const loss = await text(page, 'train-loss');
  const again = await open(env.browser, `${env.url}${await hashOf(page)}`);
  for (let i = 0; i < 20; i++) await again.page.click(byTestId('step-epoch'));
  assert.equal(await text(again.page, 'train-loss'), loss, 'the same points, the same run');
  const csv = await downloaded(page, 'export-data');
  const lines = csv.content.trim().split('\n');
  assert.equal(lines[0], 'x1,x2,label,split,prediction');
  assert.equal(lines.length, 6, 'five points and a header');
  assert.ok(lines.slice(1).every((l) => /,(train|test),/.test(l)), 'the split marked');
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

test('own points too many for a link stay in this browser: the link says rows=@ and a reload keeps them', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&points=500&lang=en`);
  await page.click(byTestId('edit-points'));
  assert.equal((await params(page)).get('rows'), '@');
  const loss = await text(page, 'train-loss');
  const again = await open(env.browser, `${env.url}${await hashOf(page)}`);
  assert.equal((await params(again.page)).get('dataset'), 'own');
  assert.equal(await text(again.page, 'train-loss'), loss, 'the same 500 points');
  assert.equal(await text(again.page, 'message'), '');
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

test('a good CSV imports and says how it was mapped; bad ones are refused whole with the line and reason', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=en`);
  const good = 'x1,x2,label\n10,100,0\n20,300,1\n15,200,2\n12,150,0\n18,250,1\n';
  await pick(page, 'import-data', 'good.csv', good);
  await page.waitForFunction(() => /Imported/.test(document.querySelector('[data-testid="message"]').textContent));
  const said = await text(page, 'message');
  assert.match(said, /Imported 5 points of your own classes/);
  assert.match(said, /x1′ = \(x1 − 15\) × 1/, 'named by the header');
  assert.match(said, /x2′ = \(x2 − 200\) × 0\.05/);
  assert.equal((await params(page)).get('dataset'), 'own');
  assert.equal(await page.inputValue(byTestId('output')), 'softmax', 'three classes: softmax');
  const link = await hashOf(page);
  const bad = [
    ['bad number', '1,2,0\n3,abc,1\n', /line 2: "abc" is not a number/],
    ['missing column', '1,2,0\n3,4\n', /line 2: not as many columns as the first row/],
    ['seventh class', '1,2,0\n3,4,6\n', /line 2: class 6: classes are numbered 0 to 5/],
    ['too many rows', Array.from({ length: 5001 }, (_, i) => `${i},${i},0`).join('\n'), /line 5,001: more than 5,000 rows/],
    ['empty file', '', /the file has no rows/],
  ];
  for (const [name, content, reason] of bad) {
    await pick(page, 'import-data', `${name}.csv`, content);
    await page.waitForFunction(() => /not imported/.test(document.querySelector('[data-testid="message"]').textContent));
    assert.match(await text(page, 'message'), reason, name);
    assert.equal(await hashOf(page), link, `${name}: nothing changed`);
    await page.evaluate(() => { document.querySelector('[data-testid="message"]').textContent = ''; });
  }
  // A file dropped on the page imports too: a curve.
  await page.evaluate(() => {
    const data = new DataTransfer();
    data.items.add(new File(['x,y\n0,0\n1,1\n2,4\n3,9\n'], 'curve.csv', { type: 'text/csv' }));
    document.querySelector('main.playground').dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => /your own curve/.test(document.querySelector('[data-testid="message"]').textContent));
  assert.equal((await params(page)).get('dataset'), 'own-curve');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a saved model loads back into another run and predicts the same; a bad model file changes nothing', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=spirals&classes=3&layers=8,6&activation=relu&output=softmax&batchNorm=1&standardize=1&lang=en`);
  for (let i = 0; i < 5; i++) await page.click(byTestId('step-epoch'));
  const model = await downloaded(page, 'export-model');
  const before = await downloaded(page, 'export-data');
  const file = JSON.parse(model.content);
  assert.equal(file.format, 'neuroplay-model');
  assert.equal(file.layers.length, 3);
  assert.ok(file.layers[0].batch_norm.running_var.length === 8);
  // Elsewhere: another dataset, then the model.
  await page.selectOption(byTestId('dataset'), 'circle');
  await pick(page, 'import-model', 'model.json', model.content);
  await page.waitForFunction(() => /Model loaded/.test(document.querySelector('[data-testid="message"]').textContent));
  assert.equal((await params(page)).get('dataset'), 'spirals', 'the model\'s settings');
  const after = await downloaded(page, 'export-data');
  assert.equal(after.content, before.content, 'bit for bit the same predictions');
  const link = await hashOf(page);
  const broken = JSON.parse(model.content);
  broken.layers[1].weights[0].pop();
  await pick(page, 'import-model', 'broken.json', JSON.stringify(broken));
  await page.waitForFunction(() => /not loaded/.test(document.querySelector('[data-testid="message"]').textContent));
  assert.match(await text(page, 'message'), /layers\[1\]\.weights\[0\]: expected 8 entries, found 7/);
  assert.equal(await hashOf(page), link, 'nothing changed');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the exported NumPy script predicts what the page predicts, and the PyTorch script compiles', async () => {
  for (const link of ['dataset=spirals&classes=4&layers=8,6&activation=relu&output=softmax&standardize=1&features=x1,x2,x1sq,sinx2',
    'dataset=circle&layers=5&batchNorm=1&dropout=0.2&activation=elu', 'dataset=sin&layers=6,4&activation=tanh']) {
    const { page, errors } = await open(env.browser, `${env.url}#${link}&lang=en`);
    for (let i = 0; i < 3; i++) await page.click(byTestId('step-epoch'));
    const data = await downloaded(page, 'export-data');
    const numpy = await downloaded(page, 'export-code');
    assert.equal(numpy.name, 'model_numpy.py');
    const out = join(dir, 'predictions.csv');
    const printed = execFileSync(PYTHON, [numpy.path, data.path, '--predictions', out], { encoding: 'utf8' });
    assert.match(printed, /test: (accuracy|MSE) /);
    const header = data.content.split('\n')[0].split(',');
    const first = header.findIndex((h) => h === 'prediction' || h === 'p0');
    const page_ = data.content.trim().split('\n').slice(1).map((l) => l.split(',').slice(first).map(Number));
    const script = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
    assert.equal(script.length, page_.length);
    let worst = 0;
    page_.forEach((row, i) => row.forEach((v, k) => { worst = Math.max(worst, Math.abs(v - script[i][k])); }));
    assert.ok(worst < 1e-5, `${link}: the script's predictions differ by ${worst}`);
    await page.selectOption(byTestId('code-kind'), 'pytorch');
    const torch = await downloaded(page, 'export-code');
    assert.match(torch.content, /nn\.Sequential/);
    execFileSync(PYTHON, ['-m', 'py_compile', torch.path]);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('figures export as PNG at twice the screen\'s resolution', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=en`);
  const pngSize = (bytes) => [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
  const output = await downloaded(page, 'export-png-output', true);
  const shown = await page.$eval(byTestId('plot'), (e) => e.getBoundingClientRect().toJSON());
  assert.deepEqual(pngSize(output.content), [Math.round(shown.width * 2), Math.round(shown.height * 2)]);
  const network = await downloaded(page, 'export-png-network', true);
  const net = await page.$eval(byTestId('network'), (e) => e.getBoundingClientRect().toJSON());
  assert.deepEqual(pngSize(network.content), [Math.round(net.width * 2), Math.round(net.height * 2)]);
  writeFileSync(join(dir, 'seen'), '');
  assert.deepEqual(errors, []);
  await page.close();
});

// Your data in its own units (issue 24), in a real browser: an outlier that
// squeezes the rest is named and a robust range offered; a file in its own
// units trains, its axes and exported CSV speak those units, and the
// exported NumPy script, run on that same original file, predicts what the
// page predicts; drawing starts empty, "edit these points" copies the set.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch, open, byTestId, params, ARTIFACTS } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const dir = mkdtempSync(join(tmpdir(), 'neuroplay-units-'));
const PYTHON = process.env.PYTHON ?? 'target/pyenv/bin/python';

async function downloaded(page, id) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(byTestId(id))]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return { name: download.suggestedFilename(), path, content: readFileSync(path, 'utf8') };
}

function pick(page, name, content) {
  return page.setInputFiles(byTestId('import-data'), { name, mimeType: 'text/plain', buffer: Buffer.from(content) });
}

/** Waits until the message matches `pattern`, and returns it. */
async function said(page, pattern) {
  await page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="message"]').textContent), pattern.source);
  return text(page, 'message');
}

/** The file: 199 points in [0, 1]², class 0 left of 0.5, class 1 right of it, and `1000,1000,0`. */
function outlierFile() {
  const lines = [];
  for (let i = 0; i < 199; i++) {
    const x = (i + 0.5) / 199;
    const y = ((i * 37) % 199) / 198;
    lines.push(`${x},${y},${x < 0.5 ? 0 : 1}`);
  }
  lines.push('1000,1000,0');
  return `${lines.join('\n')}\n`;
}

/** Steps `n` epochs. */
async function train(page, n) {
  for (let i = 0; i < n; i++) await page.click(byTestId('step-epoch'));
}

test('an outlier that squeezes the rest is named, nothing is rounded away, and the robust range trains', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&layers=4&lr=0.03&seed=1&lang=en`);
  await pick(page, 'outlier.csv', outlierFile());
  const message = await said(page, /Imported/);
  assert.match(message, /Imported 200 points/);
  assert.match(message, /middle 98 % of the points span less than a tenth of the view along x₁/);
  assert.equal(await page.isVisible(byTestId('map-robust')), true, 'the robust range is offered');
  // Kept at full precision in the file's units: 200 distinct rows, the outlier as written.
  await page.waitForFunction(() => !document.querySelector('[data-testid="rows-kept"]').hidden);
  assert.match(await text(page, 'rows-kept'), /200 points are too many or too precise for a link: they are kept in this browser's storage/);
  const rows = await page.evaluate(() => localStorage.getItem('neuroplay.rows').split(','));
  assert.equal(new Set(rows).size, 200, 'no two points collapsed');
  assert.ok(rows.includes('1000:1000:0'));
  const first = Math.fround(0.5 / 199);
  assert.ok(rows.some((r) => Math.fround(Number(r.split(':')[0])) === first), 'a point as the file wrote it, to f32');
  await page.click(byTestId('map-robust'));
  assert.match(await said(page, /left out/), /1 points beyond the view were left out/);
  assert.equal(await page.isVisible(byTestId('map-robust')), false, 'offered no more');
  assert.doesNotMatch(await text(page, 'message'), /span less than a tenth/);
  await train(page, 40);
  const accuracy = Number((await text(page, 'accuracy')).replace('%', ''));
  assert.ok(accuracy > 90, `the spread points train: test accuracy ${accuracy} %`);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file in its own units: its axes, its CSV export, and the NumPy script run on the same file predict as the page', async () => {
  // Heights (cm) and weights (kg) as a user has them, no split column.
  const lines = ['height,weight,label'];
  for (let i = 0; i < 60; i++) {
    const h = 150 + ((i * 7) % 60) * 0.8125;
    const w = 45.25 + ((i * 13) % 60) * 0.6;
    lines.push(`${h},${w},${h + w > 230 ? 1 : 0}`);
  }
  const original = join(dir, 'people.csv');
  writeFileSync(original, `${lines.join('\n')}\n`);
  mkdirSync(ARTIFACTS, { recursive: true });
  for (const lang of ['en', 'cs']) {
    const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4&standardize=1&seed=2&lang=${lang}`, { width: 1280, height: 720 });
    await pick(page, 'people.csv', readFileSync(original, 'utf8'));
    await said(page, lang === 'en' ? /Imported 60 points/ : /Nahráno 60 bodů/);
    assert.equal(await page.isVisible(byTestId('map-robust')), false, 'nothing squeezed, nothing offered');
    await train(page, 20);
    await page.locator(byTestId('plot')).screenshot({ path: `${ARTIFACTS}units-axes-${lang}.png` });
    if (lang === 'cs') {
      assert.deepEqual(errors, []);
      await page.close();
      continue;
    }
    const model = JSON.parse((await downloaded(page, 'export-model')).content);
    const middle = (column) => {
      const v = lines.slice(1).map((l) => Number(l.split(',')[column]));
      return Math.fround((Math.min(...v) + Math.max(...v)) / 2);
    };
    assert.deepEqual(model.input_transform.offset.map(Math.fround), [middle(0), middle(1)], 'the file-to-view map is the model\'s input transform');
    const data = await downloaded(page, 'export-data');
    const header = data.content.split('\n')[0].split(',');
    assert.deepEqual(header.slice(0, 4), ['height', 'weight', 'label', 'split'], 'the header\'s names');
    const exported = data.content.trim().split('\n').slice(1).map((l) => l.split(','));
    const heights = new Set(lines.slice(1).map((l) => Number(l.split(',')[0])));
    assert.ok(exported.every((r) => heights.has(Number(r[0])) || [...heights].some((h) => Math.abs(h - Number(r[0])) < 1e-4)), 'the CSV in the file\'s units');
    const numpy = await downloaded(page, 'export-code');
    const out = join(dir, 'predictions.csv');
    const printed = execFileSync(PYTHON, [numpy.path, original, '--predictions', out], { encoding: 'utf8' });
    assert.match(printed, /^all: accuracy [0-9.]+ on 60 points/, 'no split column: every row');
    // The page's predictions, by point, against the script's on the original file.
    const byPoint = new Map(exported.map((r) => [`${Number(r[0]).toFixed(3)},${Number(r[1]).toFixed(3)}`, r.slice(4).map(Number)]));
    const script = readFileSync(out, 'utf8').trim().split('\n').map((l) => l.split(',').map(Number));
    assert.equal(script.length, 60);
    let worst = 0;
    lines.slice(1).forEach((l, i) => {
      const [h, w] = l.split(',').map(Number);
      const ours = byPoint.get(`${h.toFixed(3)},${w.toFixed(3)}`);
      assert.ok(ours, `the page predicted ${h},${w}`);
      ours.forEach((v, k) => { worst = Math.max(worst, Math.abs(v - script[i][k])); });
    });
    assert.ok(worst < 1e-5, `the script's predictions differ by ${worst}`);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('drawing starts empty on the current view; "edit these points" copies the dataset', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&points=500&lang=en`);
  await page.click(byTestId('draw-toggle'));
  let link = await params(page);
  assert.equal(link.get('dataset'), 'own');
  assert.equal(link.get('rows') ?? '', '', 'no points yet: nothing copied');
  assert.equal(await page.isVisible(byTestId('rows-kept')), false);
  const box = await page.$eval(byTestId('plot'), (e) => e.getBoundingClientRect().toJSON());
  await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
  link = await params(page);
  assert.match(link.get('rows'), /^-?\d+(\.\d{1,2})?:-?\d+(\.\d{1,2})?:0$/, 'a drawn point snaps to hundredths, in the link');
  const fresh = await open(env.browser, `${env.url}#dataset=xor&points=500&lang=en`);
  await fresh.page.click(byTestId('edit-points'));
  assert.equal((await params(fresh.page)).get('rows'), '@', 'the 500 points, kept in this browser');
  assert.match(await text(fresh.page, 'rows-kept'), /500 points are too many or too precise for a link/);
  assert.equal(await fresh.page.getAttribute(byTestId('draw-toggle'), 'aria-pressed'), 'true', 'editing draws');
  assert.deepEqual([...errors, ...fresh.errors], []);
  await page.close();
  await fresh.page.close();
});

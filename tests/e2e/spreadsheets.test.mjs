// Files as Czech spreadsheets write them (tests/data/: a byte-order mark,
// semicolons, decimal commas, CRLF, Windows-1250, UTF-16 with tabs, quoted
// fields, text labels, five columns), imported through the page's file
// input: the page says how it read each one, in both languages, names
// text-labelled classes in the legend, and lets the user choose the
// columns of a wide file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, open, byTestId, params, hashOf } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const data = (name) => readFileSync(new URL(`../data/${name}`, import.meta.url));

/** Picks the bytes of tests/data/`name` (or `bytes`) in the CSV input and waits for the page to answer. */
async function pick(page, name, bytes = data(name)) {
  await page.evaluate(() => { document.querySelector('[data-testid="message"]').textContent = ''; });
  await page.setInputFiles(byTestId('import-data'), { name, mimeType: 'text/csv', buffer: Buffer.from(bytes) });
  await page.waitForFunction(() => document.querySelector('[data-testid="message"]').textContent !== '');
  return text(page, 'message');
}

test('each spreadsheet\'s file imports, and the page says how it read it', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=en`);
  for (const [name, how] of [
    ['excel-utf8-bom.csv', 'separator semicolon (;), decimal comma, encoding UTF-8 with a byte-order mark'],
    ['excel-cp1250.csv', 'separator semicolon (;), decimal comma, encoding Windows-1250'],
    ['excel-unicode.txt', 'separator tab, decimal comma, encoding UTF-16 (Unicode text)'],
    ['calc-tabs.tsv', 'separator tab, decimal comma, encoding UTF-8.'],
    ['quoted.csv', 'separator comma (,), decimal point, encoding UTF-8.'],
  ]) {
    const said = await pick(page, name);
    assert.match(said, /^Imported 40 points of your own classes/, name);
    assert.ok(said.includes(`Read as: ${how}`), `${name}: ${said}`);
    assert.equal((await params(page)).get('dataset'), 'own', name);
  }
  const said = await pick(page, 'excel-cp1250.csv');
  assert.match(said, /Columns read: x₁ = x1, x₂ = x2, Label = třída\./, 'the header decoded from Windows-1250');
  assert.equal(await text(page, 'class-legend'), '', 'class numbers: no names in the legend');
  assert.deepEqual(errors, []);
  await page.close();
});

test('in Czech: how the file was read, plural forms, and a sign that folds into the mapping', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=cs`);
  const said = await pick(page, 'excel-cp1250.csv');
  assert.match(said, /^Nahráno 40 bodů vašich tříd, převedených do zobrazení:/);
  assert.ok(said.includes('Přečteno takto: oddělovač středník (;), desetinná čárka, kódování Windows-1250.'), said);
  assert.match(said, /Načtené sloupce: x₁ = x1, x₂ = x2, Třída = třída\./);
  const three = await pick(page, 'three.csv', 'x1;x2;y\r\n1,5;-1;0\r\n2,5;-0,5;1\r\n2;-0,75;0\r\n');
  assert.match(three, /^Nahrány 3 body vašich tříd, převedené do zobrazení:/);
  assert.match(three, /x2′ = \(x2 \+ 0,75\) × 20/, 'a negative offset is added (the axis named as the header names it)');
  assert.doesNotMatch(three, /− −/);
  const one = await pick(page, 'one-row.csv');
  assert.equal(one, 'Soubor nebyl nahrán: řádek 2: jen jeden řádek: jsou potřeba aspoň dva, jeden na trénování a jeden na testování. Nic se nezměnilo.');
  assert.deepEqual(errors, []);
  await page.close();
});

test('text labels become classes named in the legend', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=en`);
  const said = await pick(page, 'ano-ne.csv');
  assert.match(said, /Classes: ano, ne\./);
  const keys = await page.$$eval(`${byTestId('class-legend')} .class-key`, (spans) => spans.map((s) => [s.textContent.trim(), getComputedStyle(s.querySelector('.dot')).backgroundColor]));
  assert.deepEqual(keys, [['ano', 'rgb(230, 159, 0)'], ['ne', 'rgb(0, 114, 178)']], 'class 0 orange, class 1 blue');
  // Drawing keeps the names; another dataset drops them.
  await page.click(byTestId('draw-toggle'));
  assert.deepEqual(await page.$$eval(`${byTestId('draw-class')} option`, (o) => o.slice(0, 3).map((x) => x.textContent)), ['ano', 'ne', '3']);
  await page.click(byTestId('draw-toggle'));
  await page.selectOption(byTestId('dataset'), 'xor');
  assert.equal(await text(page, 'class-legend'), '');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a file of five columns names them, and imports the columns the user chooses', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&lang=en`);
  const link = await hashOf(page);
  const said = await pick(page, 'iris-5-columns.csv');
  assert.equal(said, 'The file was not imported: the file has 5 columns (délka kalicha, šířka kalicha, délka okvětí, šířka okvětí, druh): choose the two inputs and the label below. Nothing changed.');
  assert.equal(await hashOf(page), link, 'nothing changed');
  assert.equal(await page.isVisible(byTestId('columns-field')), true);
  assert.deepEqual(await page.$$eval(`${byTestId('column-label')} option`, (o) => o.map((x) => x.textContent)), ['délka kalicha', 'šířka kalicha', 'délka okvětí', 'šířka okvětí', 'druh']);
  await page.selectOption(byTestId('column-x1'), '2');
  await page.selectOption(byTestId('column-x2'), '3');
  await page.click(byTestId('columns-import'));
  await page.waitForFunction(() => /Imported/.test(document.querySelector('[data-testid="message"]').textContent));
  const taken = await text(page, 'message');
  assert.match(taken, /^Imported 18 points of your own classes/);
  assert.match(taken, /Columns read: x₁ = délka okvětí, x₂ = šířka okvětí, Label = druh\./);
  assert.match(taken, /Classes: setosa, versicolor, virginica\./);
  assert.equal(await page.isVisible(byTestId('columns-field')), false, 'the choice is put away');
  assert.deepEqual(await page.$$eval(`${byTestId('class-legend')} .class-key`, (k) => k.map((x) => x.textContent.trim())), ['setosa', 'versicolor', 'virginica']);
  assert.equal(await page.inputValue(byTestId('output')), 'softmax', 'three classes: softmax');
  assert.deepEqual(errors, []);
  await page.close();
});

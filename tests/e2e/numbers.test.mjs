// One number format everywhere: every view (the playground and every lab
// of the core's registry), in English and Czech, at settings that make
// large, tiny and negative numbers, read as a student reads it: the
// visible text, the fields' values and every text drawn on a canvas
// (recorded as the page draws it). None may show a decimal point in Czech,
// a hyphen for a minus, a decimal with more than five significant digits,
// an integer of five digits or more not grouped, a million or more not
// written as a power of ten, or an option's raw value
// where its label belongs. Screenshots of each view in both languages land
// in tests/e2e/artifacts/numbers-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, nextFrame, ARTIFACTS } from './browser.mjs';
import { core, LABS } from './core.mjs';
import STRINGS from '../../www/strings.js';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

/**
 * The views and the links that push their numbers to the extremes, with
 * what to press and for how long (ms) before reading. A lab without an
 * entry here is visited at its defaults, so every lab of the registry is.
 */
const VIEWS = {
  playground: [
    { link: 'dataset=plane&lr=3&activation=relu', run: 'play', ms: 2500 },
    { link: 'dataset=xor&lr=0.00001&optimizer=adam', run: 'play', ms: 1500 },
  ],
  gd: [
    { link: 'lab=gd&surface=lecture&start=2,1&lr=0.8', run: 'gd-run', ms: 2500 },
    { link: 'lab=gd&surface=saddle&start=1.5,-0.25&optimizer=nesterov&compare=rmsprop&lr=0.03', run: 'gd-step' },
  ],
  regression: [
    { link: 'lab=regression&data=1:3,5:51,2.5:-4,0.5:-300&features=x,x2&lr=1&visitors=3&clicks=9', run: 'regression-run', ms: 2000 },
  ],
  neuron: [
    { link: 'lab=neuron&activation=softmax&z=1.5&logits=1,-2.5,3&w=-2.5&b=0.3&w1=4&w2=-1&b2=0&x1=-2&x2=0.5&stacked=elu&v1=1&c1=2&v2=3&c2=-4' },
    { link: 'lab=neuron&activation=sigmoid&z=-7.25&w=-0.003&b=-3' },
  ],
  backprop: [{ link: 'lab=backprop&point=3&steps=120', run: 'backprop-run', ms: 1500 }],
  approx: [{ link: 'lab=approx&target=drawn&drawn=-2:1,0:0,2:1&activation=sigmoid&units=4:-2:0.5,-3:1:1.25&bias=0.25&optimizer=sgd&lr=0.1', run: 'approx-run', ms: 1500 }],
  landscape: [{ link: 'lab=landscape&directions=path&span=2&plane=7&steps=120' }],
  recipe: [{ link: 'lab=recipe&card=4', run: 'recipe-run', ms: 2500 }],
  compare: [
    { link: 'lab=compare&versus=optimizer&with=adam', run: 'compare-run', ms: 1500 },
    { link: 'lab=compare&versus=patience&with=20' },
    { link: 'lab=compare&versus=lr&with=0.3' },
  ],
  digits: [{ link: 'lab=digits&layers=32&lr=0.03', run: 'digits-train', ms: 4000, ready: 'digits-test-accuracy' }],
};

/** Every view's visits: the playground's, then each lab's in the registry's order. */
const visits = () => ['playground', ...LABS].flatMap((view) => (VIEWS[view] ?? [{ link: `lab=${view}` }]).map((v, i) => ({ view, i, ...v })));

/** Records every text drawn on a canvas, before the page's scripts run. */
function recordCanvasText() {
  window.__drawn = new Set();
  for (const name of ['fillText', 'strokeText']) {
    const original = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (text, ...rest) {
      window.__drawn.add(String(text));
      return original.call(this, text, ...rest);
    };
  }
}

/** What the view shows: its visible text (a line each), its fields' values, and the canvases' texts. */
function shown() {
  const view = document.querySelector('main.lab:not([hidden])') ?? document.body;
  const visible = (e) => e instanceof HTMLElement && e.offsetParent !== null;
  const lines = [
    ...document.querySelector('header')?.innerText.split('\n') ?? [],
    ...view.innerText.split('\n'),
    ...[...view.querySelectorAll('select')].filter(visible).map((s) => s.selectedOptions[0]?.text ?? ''),
    ...[...document.querySelectorAll('[title]')].filter(visible).map((e) => e.getAttribute('title') ?? ''),
  ];
  const fields = [...document.querySelectorAll('input:not([type=checkbox]):not([type=range]):not([type=file])')]
    .filter(visible).map((f) => ({ id: f.dataset.testid ?? f.id, value: f.value }));
  return { lines: lines.filter((l) => l.trim()), fields, drawn: [...window.__drawn] };
}

/**
 * What is wrong with the numbers of one text in `lang`.
 * @param {string} text
 * @param {'en' | 'cs'} lang
 */
export function faults(text, lang) {
  const found = [];
  // A licence's version (CC BY 4.0) is a name, not a number.
  if (lang === 'cs' && /\d\.\d/.test(text.replace(/CC BY \d\.\d/g, ''))) found.push('a decimal point in Czech');
  if (/(^|[\s(=;:,[{/×·+<>≤≥])-(\d|\.\d)/.test(text)) found.push('a hyphen for a minus');
  if (/\de[-+−]?\d/.test(text)) found.push('e-notation');
  // A number: its digit groups, and its decimals after the language's mark.
  const mark = lang === 'cs' ? ',' : '.';
  const group = lang === 'cs' ? '\u00a0' : ',';
  const numbers = text.match(lang === 'cs' ? /\d{1,3}(?:\u00a0\d{3})+(?:,\d+)?|\d+(?:,\d+)?/g : /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g) ?? [];
  for (const n of numbers) {
    const [int, frac = ''] = n.split(mark);
    const digits = (int.split(group).join('') + frac).replace(/^0+/, '');
    const significant = frac ? digits.length : digits.replace(/0+$/, '').length;
    if (frac && significant > 5) found.push(`more than five significant digits: ${n}`);
    if (!frac && !int.includes(group) && int.length >= 5) found.push(`thousands not grouped: ${n}`);
    if (int.split(group).join('').length >= 7) found.push(`a million or more not as a power of ten: ${n}`);
  }
  return found;
}

/** The raw values of options whose label (in `lang`) differs: they must not stand where a label belongs. */
function rawValues(lang) {
  const words = STRINGS[lang];
  const raw = new Map();
  for (const schema of [core.schema, ...Object.values(core.labs)]) {
    for (const s of schema.settings) {
      for (const o of s.options ?? []) {
        const label = words[`option.${s.key}.${o.value}`] ?? STRINGS.en[`option.${s.key}.${o.value}`];
        if (label && label !== o.value && /^[a-z][a-z-]{2,}$/.test(o.value)) raw.set(o.value, label);
      }
    }
  }
  return raw;
}

/** Labels that already say a value ("…, 0 = off"), which a value must not follow. */
const labelsWithValues = (lang) => Object.entries(STRINGS[lang]).filter(([k, v]) => k.startsWith('setting.') && / = /.test(v)).map(([, v]) => v);

for (const lang of ['en', 'cs']) {
  test(`${lang}: every view writes its numbers in one format`, { timeout: 600000 }, async () => {
    const { page, errors } = await open(env.browser, `${env.url}#lang=${lang}`);
    await page.addInitScript(recordCanvasText);
    const raw = rawValues(lang);
    const problems = [];
    for (const visit of visits()) {
      await page.goto(`${env.url}#${visit.link}&lang=${lang}`);
      await page.reload();
      await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
      if (visit.ready) {
        await page.waitForFunction((id) => document.querySelector(`[data-testid="${id}"]`)?.textContent !== '–', visit.ready, { timeout: 30000 });
      }
      await nextFrame(page);
      if (visit.run) {
        await page.click(byTestId(visit.run));
        if (visit.ms) {
          await page.waitForTimeout(visit.ms);
          await page.click(byTestId(visit.run));
        }
      }
      await nextFrame(page);
      await page.waitForTimeout(300);
      const what = await page.evaluate(shown);
      const where = `${visit.view} #${visit.i} (${lang})`;
      assert.ok(what.lines.length > 5, `${where}: the view shows text`);
      assert.ok(what.drawn.some((d) => /\d/.test(d)), `${where}: the canvases' numbers are recorded`);
      for (const line of what.lines) for (const f of faults(line, lang)) problems.push(`${where}, text “${line}”: ${f}`);
      for (const { id, value } of what.fields) for (const f of faults(value, lang)) problems.push(`${where}, field ${id} = “${value}”: ${f}`);
      for (const text of what.drawn) for (const f of faults(text, lang)) problems.push(`${where}, canvas “${text}”: ${f}`);
      for (const [value, label] of raw) {
        const at = new RegExp(`=\\s*${value}(\\s|$|[),;])`);
        for (const line of what.lines) if (at.test(line)) problems.push(`${where}, text “${line}”: the raw value ${value}, not “${label}”`);
        for (const { id, value: v } of what.fields) if (v.trim() === value) problems.push(`${where}, field ${id}: the raw value ${value}, not “${label}”`);
      }
      for (const label of labelsWithValues(lang)) {
        for (const line of what.lines) if (line.includes(`${label} = `)) problems.push(`${where}, “${line}”: a value after a label that already says one`);
      }
      await page.screenshot({ path: `${ARTIFACTS}numbers-${visit.view}-${visit.i}-${lang}.png` });
    }
    assert.deepEqual([...new Set(problems)], [], 'numbers written outside the one format');
    // Each visit's reload cuts the requests in flight short (the icon, the
    // digits' images); nothing else may fail.
    assert.deepEqual(errors.filter((e) => !/^request failed: .*\/(favicon\.svg|data\/digits\.bin)$/.test(e)), []);
    await page.close();
  });
}

test('a decimal field reads either mark and either minus, steps with the arrow keys and refuses junk', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lab=gd&surface=bowl&start=2,1&lang=cs`);
  const w1 = byTestId('gd-start-w1');
  assert.equal(await page.getAttribute(w1, 'inputmode'), 'decimal');
  assert.equal(await page.getAttribute(w1, 'type'), 'text');
  for (const [typed, shown] of [['0,5', '0,5'], ['-0.25', '−0,25'], ['−1,5', '−1,5']]) {
    await page.fill(w1, typed);
    await page.press(w1, 'Tab');
    await nextFrame(page);
    assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), new RegExp(`start=${shown.replace('−', '-').replace(',', '.')},1(&|$)`), typed);
    assert.equal(await page.inputValue(w1), shown, `${typed} is shown as the page writes it`);
  }
  await page.focus(w1);
  await page.keyboard.press('ArrowUp');
  await nextFrame(page);
  assert.equal(await page.inputValue(w1), '−0,5', 'ArrowUp steps by 1');
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /start=-0\.5,1(&|$)/);
  await page.fill(w1, '1,2,3');
  await page.press(w1, 'Tab');
  await nextFrame(page);
  assert.match(await page.textContent(byTestId('gd-message')), /„1,2,3“ není číslo/);
  assert.match(decodeURIComponent(await page.evaluate(() => location.hash)), /start=-0\.5,1(&|$)/, 'junk leaves the start');
  assert.deepEqual(errors, []);
  await page.close();
});

test('the scan finds what it looks for', () => {
  assert.deepEqual(faults('σ = 0.5', 'cs'), ['a decimal point in Czech']);
  assert.deepEqual(faults('ticks -4 and (-0.5', 'en'), ['a hyphen for a minus']);
  assert.deepEqual(faults('x₁-2 and 2-6', 'en'), [], 'a hyphen between a name or a number and a digit is no minus');
  assert.deepEqual(faults('−801888,6206', 'cs'), ['more than five significant digits: 801888,6206']);
  assert.deepEqual(faults('21498', 'cs'), ['thousands not grouped: 21498']);
  assert.deepEqual(faults('2\u00a0212\u00a0000', 'cs'), ['a million or more not as a power of ten: 2\u00a0212\u00a0000']);
  assert.deepEqual(faults('3,3e-9', 'cs'), ['e-notation']);
  assert.deepEqual(faults('−801,900 and 0.09255, 1,234.5', 'en'), []);
  assert.deepEqual(faults('−801\u00a0900; 0,0926; 3,3·10⁻⁹', 'cs'), []);
});

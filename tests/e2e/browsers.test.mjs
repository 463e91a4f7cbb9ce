// The page's core in every browser students use: the same tests run in
// Chromium and in Firefox, and each test's name says which browser it ran
// in. Boot with a clean console, xor trains, the canvases are drawn, a
// share link reproduces a run (in the other browser too), both languages,
// weight editing, presenter mode, a phone's width, and every lab's figures.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { LABS } from './core.mjs';
import { BROWSERS, launch, open, byTestId, number, canvasStats, nextFrame, hashOf, ARTIFACTS } from './browser.mjs';

/** The test loss xor must reach, within the time below. */
const XOR_TEST_LOSS = 0.25;
const LEARN_WITHIN_MS = 60_000;
/** A run that every browser must reproduce to the digit. */
const SHARED_RUN = '#dataset=spiral&noise=0.1&layers=6,4&activation=tanh&optimizer=adam&lr=0.01&batch=5&dropout=0.1&seed=7';
const SHARED_EPOCHS = 5;


/** The losses each browser reached on SHARED_RUN. */
const runs = new Map();

const text = (page, id) => page.textContent(byTestId(id));
const state = (page) => page.getAttribute(byTestId('status'), 'data-state');
/** The page's width beyond the window's, in CSS pixels (0 when it fits). */
const overflow = (page) => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);

for (const name of BROWSERS) {
  describe(name, () => {
    let env;
    // A Czech browser: the page must pick the language up from it.
    before(async () => { env = await launch({ browser: name, locale: 'cs-CZ' }); });
    after(async () => { await env?.close(); });
    const clean = (errors) => assert.deepEqual(errors, [], `no console errors in ${name}`);

    test(`${name}: boots clean, xor trains until the test loss falls, every canvas is drawn`, async () => {
      const { page, errors } = await open(env.browser, `${env.url}#lang=en`);
      assert.equal(await state(page), 'ready');
      const circle = await page.$eval(byTestId('points-layer'), (c) => c.toDataURL());
      await page.selectOption(byTestId('dataset'), 'xor');
      assert.match(await hashOf(page), /(#|&)dataset=xor(&|$)/);
      await page.waitForFunction((before) => document.querySelector('[data-testid="points-layer"]').toDataURL() !== before, circle);
      const startLoss = await number(page, 'test-loss');

      await page.click(byTestId('play'));
      assert.equal(await state(page), 'running');
      const started = Date.now();
      await page.waitForFunction(
        (bound) => Number(document.querySelector('[data-testid="test-loss"]').textContent) < bound,
        XOR_TEST_LOSS, { timeout: LEARN_WITHIN_MS });
      const seconds = (Date.now() - started) / 1000;
      await page.click(byTestId('play'));
      assert.equal(await state(page), 'paused');
      const loss = await number(page, 'test-loss');
      assert.ok(loss < startLoss, `${name}: test loss ${loss} fell from ${startLoss} (in ${seconds} s)`);
      assert.ok((await number(page, 'epoch')) > 0, 'epochs advanced');

      // Pixels the core wrote through ImageData over wasm memory, and the charts' lines.
      const boundary = await canvasStats(page, 'boundary');
      assert.ok(boundary.colours > 20 && boundary.nonWhite > boundary.pixels / 4,
        `${name}: boundary tinted (${boundary.colours} colours, ${boundary.nonWhite} of ${boundary.pixels} pixels)`);
      const points = await canvasStats(page, 'points-layer');
      assert.ok(points.colours > 3, `${name}: points drawn (${points.colours} colours)`);
      const network = await canvasStats(page, 'edges');
      assert.ok(network.colours > 20, `${name}: edges and neuron maps drawn (${network.colours} colours)`);
      const chart = await canvasStats(page, 'loss-chart');
      assert.ok(chart.nonWhite > 200, `${name}: loss chart has curves (${chart.nonWhite} pixels)`);
      await page.screenshot({ path: `${ARTIFACTS}${name}-xor-trained.png` });
      clean(errors);
      await page.close();
    });

    test(`${name}: a share link reproduces the run exactly`, async () => {
      const run = async (url) => {
        const { page, errors } = await open(env.browser, url);
        for (let i = 0; i < SHARED_EPOCHS; i++) await page.click(byTestId('step-epoch'));
        assert.equal(await number(page, 'epoch'), SHARED_EPOCHS);
        const losses = { train: await text(page, 'train-loss'), test: await text(page, 'test-loss') };
        const link = page.url();
        clean(errors);
        await page.close();
        return { losses, link };
      };
      const first = await run(`${env.url}${SHARED_RUN}&lang=en`);
      assert.match(first.link, /(#|&)seed=7(&|$)/);
      const again = await run(first.link);
      assert.deepEqual(again.losses, first.losses, `${name}: the same losses from the same link`);
      runs.set(name, first.losses);
    });

    test(`${name}: Czech from the browser, English by a switch that the link keeps`, async () => {
      const { page, errors } = await open(env.browser, `${env.url}#dataset=circle`);
      assert.equal(await page.getAttribute('html', 'lang'), 'cs');
      assert.equal(await page.textContent('h1'), 'Hřiště neuronových sítí');
      assert.equal(await page.textContent('label[for="dataset"]'), 'Datová sada');
      assert.equal(await text(page, 'status'), 'připraveno');
      const raw = await page.$eval('body', (body) => [...body.querySelectorAll('[data-i18n]')]
        .filter((e) => !e.dataset.i18n.startsWith('chart.') && e.textContent === e.dataset.i18n)
        .map((e) => e.dataset.i18n));
      assert.deepEqual(raw, [], `${name}: no raw keys in Czech`);

      await page.selectOption(byTestId('language'), 'en');
      assert.equal(await page.getAttribute('html', 'lang'), 'en');
      assert.equal(await page.textContent('label[for="dataset"]'), 'Dataset');
      assert.equal(await text(page, 'status'), 'ready');
      assert.match(await hashOf(page), /(#|&)lang=en(&|$)/);
      clean(errors);
      await page.close();
    });

    test(`${name}: hover an edge for its weight, click to edit it; the edited weight holds`, async () => {
      const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&layers=4,2&seed=1&lang=en`);
      const box = (id) => page.$eval(byTestId(id), (e) => e.getBoundingClientRect().toJSON());
      const [input, hidden, net] = [await box('feature-x1'), await box('neuron-0-0'), await box('network')];
      const x = (input.right + hidden.left) / 2;
      let y = null;
      for (let at = net.top; at < net.bottom && y === null; at += 2) {
        await page.mouse.move(x, at);
        if (await page.isVisible(byTestId('weight-tooltip'))) y = at;
      }
      assert.ok(y !== null, `${name}: an edge between inputs and layer 1 shows a tooltip`);
      assert.match(await text(page, 'weight-tooltip'), /weight [−-]?\d+\.\d{3}/);
      const query = await hashOf(page);

      await page.mouse.click(x, y);
      assert.equal(await page.isVisible(byTestId('weight-input')), true, `${name}: a click opens the editor`);
      await page.fill(byTestId('weight-input'), '1.5');
      await page.press(byTestId('weight-input'), 'Enter');
      assert.equal(await page.isVisible(byTestId('weight-input')), false, 'Enter closes the editor');
      await page.mouse.move(0, 0);
      await page.mouse.move(x, y);
      await page.waitForSelector(`${byTestId('weight-tooltip')}:not([hidden])`);
      assert.match(await text(page, 'weight-tooltip'), /weight 1\.500/, `${name}: the weight is the one typed`);
      // The edit joins the link (edits=…), and nothing else changes.
      const edited = await hashOf(page);
      assert.match(edited, /[#&]edits=w/, 'the edit is kept in the link');
      assert.equal(edited.replace(/([#&]edits=)[^&]*/, '$1'), query, 'editing a weight changes no setting');
      clean(errors);
      await page.close();
    });

    test(`${name}: presenter mode enlarges the text and still fits the projector`, async () => {
      const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=en`);
      const rootFont = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
      const normal = await rootFont();
      await page.click(byTestId('presenter'));
      assert.equal(await page.getAttribute(byTestId('presenter'), 'aria-pressed'), 'true');
      assert.match(await hashOf(page), /(#|&)presenter=1(&|$)/);
      await nextFrame(page);
      const big = await rootFont();
      assert.ok(big > normal, `${name}: root font ${normal}px -> ${big}px`);
      assert.ok((await overflow(page)) <= 0, `${name}: no horizontal overflow in presenter mode`);
      await page.screenshot({ path: `${ARTIFACTS}${name}-presenter.png` });
      clean(errors);
      await page.close();
    });

    for (const lang of ['en', 'cs']) {
      test(`${name}: at 390 px in ${lang} nothing overflows sideways and the output is drawn`, async () => {
        const { page, errors } = await open(env.browser,
          `${env.url}#dataset=spiral&noise=0.1&layers=6,4&activation=tanh&lr=0.03&seed=1&lang=${lang}`, { width: 390, height: 844 });
        for (let i = 0; i < 3; i++) await page.click(byTestId('step-epoch'));
        await nextFrame(page);
        const fit = await page.evaluate(() => ({
          page: document.documentElement.scrollWidth,
          viewport: innerWidth,
          wide: [...document.querySelectorAll('.panel, .bar, fieldset, .net-head, .charts, select')]
            .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 || e.scrollWidth > e.clientWidth + 1)
            .map((e) => `${e.dataset.testid ?? e.className ?? e.tagName} ${Math.round(e.getBoundingClientRect().right)}`),
        }));
        assert.ok(fit.page <= fit.viewport, `${name}: page ${fit.page}px wide in a ${fit.viewport}px window`);
        assert.deepEqual(fit.wide, [], `${name}: nothing sticks out of the window or its panel`);
        const boundary = await canvasStats(page, 'boundary');
        assert.ok(boundary.colours > 20, `${name}: boundary drawn at 390 px`);
        await page.screenshot({ path: `${ARTIFACTS}${name}-390-${lang}.png`, fullPage: true });
        clean(errors);
        await page.close();
      });
    }

    test(`${name}: every lab opens from its link and draws each of its figures, console clean`, async () => {
      for (const lab of LABS) {
        const { page, errors } = await open(env.browser, `${env.url}#lab=${lab}&lang=en`);
        await page.waitForSelector(`[data-lab-view="${lab}"]:not([hidden])`);
        // Each shown canvas of the lab has pixels that are neither blank nor white.
        const blank = () => page.$eval(`[data-lab-view="${lab}"]`, (view) => [...view.querySelectorAll('canvas')]
          .filter((c) => c.getBoundingClientRect().width > 0)
          .filter((c) => {
            const { data } = c.getContext('2d').getImageData(0, 0, c.width, c.height);
            for (let i = 0; i < data.length; i += 4) {
              if (data[i + 3] > 0 && (data[i] < 235 || data[i + 1] < 235 || data[i + 2] < 235)) return false;
            }
            return true;
          })
          .map((c) => c.dataset.testid ?? c.className));
        let empty = await blank();
        for (let tries = 0; empty.length > 0 && tries < 20; tries++) {
          await page.waitForTimeout(250);
          empty = await blank();
        }
        assert.deepEqual(empty, [], `${name}: lab ${lab} drew every figure`);
        assert.ok((await page.$eval(`[data-lab-view="${lab}"]`, (v) => v.querySelectorAll('canvas').length)) > 0, `${lab} has figures`);
        clean(errors);
        await page.close();
      }
    });

    // Firefox can be started without WebAssembly, as a browser too old for the page.
    if (name === 'firefox') {
      test(`${name}: without WebAssembly the page says which browsers run it, in the browser's language`, async () => {
        const old = await launch({ browser: name, locale: 'cs-CZ', wasm: false });
        try {
          const page = await old.browser.newPage();
          const errors = [];
          page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
          page.on('pageerror', (e) => errors.push(e.message));
          await page.goto(`${old.url}#dataset=xor`);
          await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'error');
          assert.equal(await page.evaluate(() => typeof WebAssembly), 'undefined', 'started without WebAssembly');
          assert.equal(await text(page, 'status'), 'selhání');
          assert.match(await text(page, 'message'), /WebAssembly se SIMD.*Firefoxu \d+/, `${name}: the message names what the page needs`);
          assert.equal(await page.textContent('h1'), 'Hřiště neuronových sítí', 'the page is translated all the same');
          assert.equal(await page.isVisible(byTestId('message')), true, 'the message is shown');
          assert.equal(await page.isVisible(byTestId('play')), false, 'controls that could do nothing are not');
          await page.screenshot({ path: `${ARTIFACTS}${name}-no-wasm.png` });
          clean(errors);
        } finally {
          await old.close();
        }
      });
    }
  });
}

// With one browser there is nothing to compare: said out loud, not passed.
const alone = BROWSERS.length < 2 && `only ${BROWSERS} ran: no other browser to compare with`;
test('every browser reproduces the same run from the same link', { skip: alone }, () => {
  assert.deepEqual([...runs.keys()], BROWSERS, 'each browser ran the shared link');
  const [first, ...others] = BROWSERS;
  for (const name of others) assert.deepEqual(runs.get(name), runs.get(first), `${name} and ${first} agree`);
});

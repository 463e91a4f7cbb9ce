// Runs that stop learning, in the real page: a learning rate far too high
// kills the ReLU units (or saturates tanh ones) without ever diverging; the
// page names the rate as the cause beside training (it keeps running), and
// one click divides the learning rate by ten and starts over. A rate too
// small is named too, without that click. A diverged run offers the same
// click; a run that learns gets no hint.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, params, ARTIFACTS } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const state = (page) => page.getAttribute(byTestId('status'), 'data-state');
const shown = (page, id) => page.waitForSelector(`${byTestId(id)}:not([hidden])`, { timeout: 20_000 });

/** Waits until the hint says `pattern`, while the page trains. */
const hinted = (page, pattern) => page.waitForFunction((source) => new RegExp(source).test(document.querySelector('[data-testid="hint-text"]').textContent), pattern.source, { timeout: 30_000 });

test('ReLUs killed by a rate too large: the hint names the rate, not the dead units\' symptom; one click lowers it and starts over', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#lr=3&activation=relu&layers=8,8&seed=1&lang=en`);
  assert.equal(await page.isHidden(byTestId('training-hint')), true, 'no hint before training');
  await page.click(byTestId('play'));
  await hinted(page, /constant guess/);
  const hint = await text(page, 'hint-text');
  // The cause first, with its evidence, then the symptoms.
  assert.match(hint, /^The learning rate is too large: its first steps changed the weights by up to \d+\s% of their size, and the run has not recovered\. Lower the rate and start over\./);
  assert.match(hint, /16 of 16 ReLU units are dead \(0 for every point\).*More than half were dead by epoch \d+\./);
  assert.match(hint, /no better than a constant guess/);
  assert.doesNotMatch(hint, /larger|raise|Raise/, 'never the opposite way');
  assert.equal(await page.isVisible(byTestId('lower-lr')), true, 'the cure is offered');
  assert.equal(await state(page), 'running', 'a hint does not stop training');
  await page.screenshot({ path: `${ARTIFACTS}hint-en-1280.png` });

  await page.click(byTestId('lower-lr'));
  assert.equal(await state(page), 'ready');
  assert.equal(await number(page, 'epoch'), 0, 'training starts over');
  assert.equal(await page.inputValue(byTestId('learning-rate')), '0.3');
  assert.equal((await params(page)).get('lr'), '0.3', 'the link follows');
  assert.equal(await text(page, 'message'), 'Learning rate lowered from 3 to 0.3; training starts over.');
  assert.equal(await page.isHidden(byTestId('training-hint')), true, 'the hint goes with the run it was about');
  assert.deepEqual(errors, []);
  await page.close();
});

test('saturated tanh units at rate 10 get the rate advice, in English and in Czech', async () => {
  for (const [lang, advice, wrong] of [
    ['en', /^The learning rate is too large: .*Lower the rate and start over\.\n\d+ of 6 sigmoid and tanh units are saturated/, /Standardise|smaller initial weights|larger/],
    ['cs', /^Krok učení \(learning rate\) je příliš velký: .*Zmenšete krok a začněte znovu\.\n\d+ z 6 neuronů se sigmoidou nebo tanh je v saturaci/, /Standardizujte|menší počáteční váhy|Zvětšete/],
  ]) {
    const { page, errors } = await open(env.browser, `${env.url}#lr=10&seed=1&lang=${lang}`);
    await page.click(byTestId('play'));
    await hinted(page, advice);
    assert.doesNotMatch(await text(page, 'hint-text'), wrong, lang);
    await shown(page, 'lower-lr');
    if (lang === 'cs') await page.screenshot({ path: `${ARTIFACTS}hint-cs-1280.png` });
    assert.deepEqual(errors, []);
    await page.close();
  }
});

test('a rate too small is named as such, and the lower-rate button stays hidden', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=gauss&layers=4&lr=0.00001&seed=1&lang=en`);
  await page.click(byTestId('play'));
  await hinted(page, /too small/);
  const hint = await text(page, 'hint-text');
  assert.match(hint, /^The learning rate is too small: its first steps changed the weights by at most 0\.0011\s% of their size, and in \d+ epochs the loss went only from 2\.7 to 2\.\d+\. Raise the rate/);
  assert.equal(await page.isHidden(byTestId('lower-lr')), true, 'a smaller rate is not the cure');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a diverged run offers the same click; Czech words and a decimal comma', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=table&layers=&lr=3&lang=cs`);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').dataset.state === 'diverged', null, { timeout: 10_000 });
  await shown(page, 'lower-lr');
  assert.equal(await text(page, 'lower-lr'), 'Krok učení ÷ 10, začít znovu');
  await page.click(byTestId('lower-lr'));
  assert.equal(await text(page, 'message'), 'Krok učení snížen z 3 na 0,3; trénování začíná znovu.');
  assert.equal(await state(page), 'ready');
  // Lower until it trains: each diverged run offers the click again.
  for (let tries = 0; ; tries++) {
    await page.click(byTestId('play'));
    const outcome = await page.waitForFunction(() => {
      const status = document.querySelector('[data-testid="status"]').dataset.state;
      const epoch = Number(document.querySelector('[data-testid="epoch"]').textContent);
      return status === 'diverged' ? 'diverged' : epoch >= 20 && 'trains';
    }, null, { timeout: 20_000 });
    if (await outcome.jsonValue() === 'trains') break;
    assert.ok(tries < 4, 'a rate low enough trains');
    await shown(page, 'lower-lr');
    await page.click(byTestId('lower-lr'));
  }
  assert.equal(await state(page), 'running', 'the lower rate trains');
  assert.deepEqual(errors, []);
  await page.close();
});

test('a run that learns gets no hint: ReLU at 0.03, and the default run', async () => {
  for (const link of ['dataset=circle&activation=relu&lr=0.03&seed=1', 'seed=1']) {
    const { page, errors } = await open(env.browser, `${env.url}#${link}&lang=en`);
    await page.click(byTestId('play'));
    await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 120, null, { timeout: 20_000 });
    assert.equal(await page.isHidden(byTestId('training-hint')), true, link);
    assert.deepEqual(errors, []);
    await page.close();
  }
});

// Runs that stop learning, in the real page: a learning rate far too high
// makes the loss swing at chance and kills the ReLU units without ever
// diverging; the page says so beside training (it keeps running), and one
// click divides the learning rate by ten and starts over. A diverged run
// offers the same click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, params, ARTIFACTS } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

const text = (page, id) => page.textContent(byTestId(id));
const state = (page) => page.getAttribute(byTestId('status'), 'data-state');
const shown = (page, id) => page.waitForSelector(`${byTestId(id)}:not([hidden])`, { timeout: 20_000 });

test('a swinging run with dead ReLUs gets a hint while it trains; one click lowers the rate and starts over', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&activation=relu&lr=10&optimizer=sgd&seed=1&lang=en`);
  assert.equal(await page.isHidden(byTestId('training-hint')), true, 'no hint before training');
  await page.click(byTestId('play'));
  // Dead units show first; at chance for 50 epochs, the swinging loss too.
  await page.waitForFunction(() => /constant guess/.test(document.querySelector('[data-testid="hint-text"]').textContent), null, { timeout: 20_000 });
  const hint = await text(page, 'hint-text');
  assert.match(hint, /no better than a constant guess/);
  assert.match(hint, /swings/);
  assert.match(hint, /6 of 6 ReLU units are dead \(0 for every point\)/);
  assert.equal(await state(page), 'running', 'a hint does not stop training');
  assert.ok(await number(page, 'epoch') >= 50);
  await page.screenshot({ path: `${ARTIFACTS}hint-en-1280.png` });

  await page.click(byTestId('lower-lr'));
  assert.equal(await state(page), 'ready');
  assert.equal(await number(page, 'epoch'), 0, 'training starts over');
  assert.equal(await page.inputValue(byTestId('learning-rate')), '1');
  assert.equal((await params(page)).get('lr'), '1', 'the link follows');
  assert.equal(await text(page, 'message'), 'Learning rate lowered from 10 to 1; training starts over.');
  assert.equal(await page.isHidden(byTestId('training-hint')), true, 'the hint goes with the run it was about');
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

test('a run that learns gets no hint', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&activation=relu&lr=0.03&seed=1&lang=en`);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 120, null, { timeout: 20_000 });
  assert.equal(await page.isHidden(byTestId('training-hint')), true);
  assert.deepEqual(errors, []);
  await page.close();
});

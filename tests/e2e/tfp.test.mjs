// TensorFlow Playground's links, opened in the page: directly as the hash,
// and pasted into the "open a link" field as a full URL. Each opens with its
// setup, says what it became and what was left out, and the link the page
// then writes reproduces the run.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, params } from './browser.mjs';

let env;
before(async () => { env = await launch({ locale: 'en-US' }); });
after(async () => { await env?.close(); });

/** Its default page, every key of its State, as its address bar shows it. */
const DEFAULT_PAGE = 'activation=tanh&batchSize=10&dataset=circle&regDataset=reg-plane&learningRate=0.03&regularizationRate=0&noise=0&networkShape=4,2&seed=0.59874&showTestData=false&discretize=false&percTrainData=50&x=true&y=true&xTimesY=false&xSquared=false&ySquared=false&cosX=false&sinX=false&cosY=false&sinY=false&collectStats=false&problem=classification&initZero=false&hideText=false';
/** A regression link with an input this page lacks. */
const REGRESSION = 'activation=relu&batchSize=20&regDataset=reg-gauss&learningRate=0.01&noise=15&networkShape=6,3&seed=0.12345&showTestData=true&percTrainData=70&x=true&y=true&cosX=true&problem=regression';
/** A classroom link: controls hidden, one with no counterpart here. */
const HIDDEN = 'dataset=spiral&noise=25&networkShape=8,8,5&activation=tanh&learningRate=0.1&x=true&y=true&noise_hide=true&learningRate_hide=true&playButton_hide=true&seed=0.00042';

const message = (page) => page.textContent(byTestId('message'));

function assertSettings(map, expected) {
  for (const [key, value] of Object.entries(expected)) assert.equal(map.get(key), value, key);
}

/** Trains `epochs` epochs by the button and reads the losses. */
async function losses(page, epochs) {
  for (let i = 0; i < epochs; i++) await page.click(byTestId('step-epoch'));
  return [await page.textContent(byTestId('train-loss')), await page.textContent(byTestId('test-loss'))];
}

test('its default page opened as the hash: its setup, a message, and our link reproduces the run', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#${DEFAULT_PAGE}`);
  assertSettings(await params(page), {
    dataset: 'circle', noise: '0', points: '500', layers: '4,2', activation: 'tanh', output: 'tanh',
    init: 'tfp', optimizer: 'sgd', lr: '0.03', batch: '10', features: 'x1,x2', seed: '59874', showTest: '0',
  });
  assert.ok(!(await params(page)).has('networkShape'), 'the address bar holds our link');
  assert.match(await message(page), /Opened a TensorFlow Playground link: its data and noise/);
  assert.equal(await page.isChecked(byTestId('show-test')), false, 'its test data start hidden');
  assert.equal(await page.inputValue(byTestId('init')), 'tfp');
  const first = await losses(page, 3);
  const ours = page.url();
  const again = await open(env.browser, ours);
  assert.deepEqual(await losses(again.page, 3), first, 'the link made here reproduces the run');
  assert.equal(await message(again.page), '', 'our own link says nothing');
  assert.deepEqual([...errors, ...again.errors], []);
  await page.close();
  await again.page.close();
});

test('a regression link names what it left out', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#${REGRESSION}`);
  assertSettings(await params(page), {
    dataset: 'gaussians', output: 'identity', points: '1200', noise: '0.15', trainShare: '0.7', layers: '6,3',
    activation: 'relu', batch: '20', lr: '0.01', seed: '12345',
  });
  assert.match(await message(page), /No equivalent here, left out: cosX=true\./);
  assert.equal(await page.isChecked(byTestId('show-test')), true);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a full URL pasted into the link field opens in Czech with its controls hidden', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=xor&lang=cs`);
  await page.fill(byTestId('open-link'), `https://playground.tensorflow.org/#${HIDDEN}`);
  await page.click(byTestId('open-link-go'));
  await page.waitForFunction(() => location.hash.includes('dataset=spiral'));
  const map = await params(page);
  assertSettings(map, { dataset: 'spiral', noise: '0.25', layers: '8,8,5', lr: '0.1', init: 'tfp', output: 'tanh', seed: '42', lang: 'cs', hide: 'noise,lr' });
  const said = await message(page);
  assert.match(said, /Otevřen odkaz z TensorFlow Playground\. Položky, které tu nemají obdobu, byly vynechány: playButton_hide=true\./);
  for (const control of ['noise', 'lr']) {
    assert.equal(await page.$eval(`[data-control="${control}"]`, (el) => el.hidden), true, control);
  }
  assert.equal(await page.$eval('[data-control="batch"]', (el) => el.hidden), false);
  // Our own link pasted opens as it is, with nothing to say.
  await page.fill(byTestId('open-link'), `${env.url}#dataset=gauss&noise=0.4&seed=3`);
  await page.click(byTestId('open-link-go'));
  await page.waitForFunction(() => location.hash.includes('dataset=gauss'));
  assertSettings(await params(page), { dataset: 'gauss', noise: '0.4', seed: '3', lang: 'cs' });
  assert.equal(await message(page), '');
  assert.deepEqual(errors, []);
  await page.close();
});

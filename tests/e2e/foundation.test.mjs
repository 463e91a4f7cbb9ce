// The foundation's promise, in a real browser: choose xor, press play, and
// watch the network learn, with a clean console.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, open, byTestId, number, canvasStats, ARTIFACTS } from './browser.mjs';

/** The test loss xor must reach, within the time below. */
const XOR_TEST_LOSS = 0.25;
const LEARN_WITHIN_MS = 30_000;

let env;
before(async () => { env = await launch(); });
after(async () => { await env?.close(); });

test('xor trains live: epochs advance, test loss falls, boundary drawn, console clean', async () => {
  const { page, errors } = await open(env.browser, env.url);
  const circle = await page.$eval(byTestId('points-layer'), (c) => c.toDataURL());
  await page.selectOption(byTestId('dataset'), 'xor');
  // The core took it: the link says xor and other points are drawn.
  assert.match(await page.evaluate(() => location.hash), /(#|&)dataset=xor(&|$)/);
  await page.waitForFunction((before) => document.querySelector('[data-testid="points-layer"]').toDataURL() !== before, circle);
  const startLoss = await number(page, 'test-loss');

  await page.click(byTestId('play'));
  assert.equal(await page.textContent(byTestId('status')), 'running');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 5);
  const early = await number(page, 'epoch');
  await page.waitForFunction(
    (bound) => Number(document.querySelector('[data-testid="test-loss"]').textContent) < bound,
    XOR_TEST_LOSS,
    { timeout: LEARN_WITHIN_MS },
  );
  const later = await number(page, 'epoch');
  assert.ok(later > early, `epoch advanced from ${early} to ${later}`);
  const loss = await number(page, 'test-loss');
  assert.ok(loss < startLoss && loss < XOR_TEST_LOSS, `test loss ${loss} fell from ${startLoss}`);

  await page.click(byTestId('play'));
  assert.equal(await page.textContent(byTestId('status')), 'paused');
  const boundary = await canvasStats(page, 'boundary');
  assert.ok(boundary.colours > 20, `boundary has ${boundary.colours} colours`);
  assert.ok(boundary.nonWhite > boundary.pixels / 4, 'boundary is tinted, not blank');
  const points = await canvasStats(page, 'points-layer');
  assert.ok(points.colours > 3, 'points are drawn');
  const chart = await canvasStats(page, 'loss-chart');
  assert.ok(chart.nonWhite > 200, 'loss chart has curves');

  await page.screenshot({ path: `${ARTIFACTS}xor-trained.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

test('step advances one minibatch at a time and reset starts over', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle&batch=10`);
  for (let i = 0; i < 25; i++) await page.click(byTestId('step'));
  // 250 training points in batches of 10: 25 steps are one epoch.
  assert.equal(await number(page, 'epoch'), 1);
  assert.equal(await page.textContent(byTestId('status')), 'paused');
  await page.click(byTestId('reset'));
  assert.equal(await number(page, 'epoch'), 0);
  assert.equal(await page.textContent(byTestId('status')), 'ready');
  assert.deepEqual(errors, []);
  await page.close();
});

test('learning rate changes without a reset', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=circle`);
  for (let i = 0; i < 30; i++) await page.click(byTestId('step'));
  const epoch = await number(page, 'epoch');
  assert.ok(epoch >= 1);
  await page.selectOption(byTestId('learning-rate'), '0.1');
  assert.equal(await number(page, 'epoch'), epoch, 'epoch kept');
  assert.match(await page.evaluate(() => location.hash), /lr=0\.1(&|$)/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('layers and neurons are added and removed in place', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#layers=4,2`);
  await page.click(byTestId('add-layer'));
  assert.equal(await number(page, 'layer-count'), 3);
  await page.click(byTestId('neurons-plus-0'));
  assert.equal(await number(page, 'neurons-0'), 5);
  await page.click(byTestId('remove-layer'));
  await page.click(byTestId('remove-layer'));
  assert.equal(await number(page, 'layer-count'), 1);
  assert.match(await page.evaluate(() => location.hash), /layers=5(&|$)/);
  await page.selectOption(byTestId('activation'), 'relu');
  await page.fill(byTestId('batch-size'), '25');
  await page.press(byTestId('batch-size'), 'Enter');
  assert.match(await page.evaluate(() => location.hash), /batch=25/);
  assert.deepEqual(errors, []);
  await page.close();
});

test('a diverging network and a damaged link give messages, not a broken page', async () => {
  const { page, errors } = await open(env.browser, `${env.url}#dataset=table&layers=&lr=10&bogus=1&points=99999`);
  const notice = await page.textContent(byTestId('message'));
  assert.match(notice, /bogus/);
  assert.match(notice, /Points: 99,999 is out of range/);
  await page.click(byTestId('play'));
  await page.waitForFunction(() => document.querySelector('[data-testid="status"]').textContent === 'diverged');
  assert.match(await page.textContent(byTestId('message')), /diverged/);
  // Everything else keeps working.
  await page.selectOption(byTestId('learning-rate'), '0.001');
  await page.click(byTestId('reset'));
  await page.click(byTestId('step'));
  assert.equal(await page.textContent(byTestId('status')), 'paused');
  await page.screenshot({ path: `${ARTIFACTS}diverged-then-reset.png` });
  assert.deepEqual(errors, []);
  await page.close();
});

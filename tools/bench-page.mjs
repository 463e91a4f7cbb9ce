// The page's own work per frame in headless Chromium, measured by the page
// with performance.now() around each frame (training, wasm drawing,
// putImageData, charts). Run by `make bench`; writes target/bench-page.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { initSync, Playground } from '../www/pkg/neuroplay.js';
import { launch, open } from '../tests/e2e/browser.mjs';

// The configurations are the core's own (src/bench.rs), read from the wasm.
initSync({ module: readFileSync(new URL('../www/pkg/neuroplay_bg.wasm', import.meta.url)) });
const CONFIGS = new Map(Playground.benchConfigs());
const LARGEST = CONFIGS.get('spiral-6x8-7feat');

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Plays `hash` for `ms` and returns the frame times the page recorded then. */
async function play(page, ms) {
  const before = await page.evaluate(() => window.playgroundFrameTimes().count);
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(ms);
  await page.click('[data-testid="play"]');
  const stats = await page.evaluate(() => window.playgroundFrameTimes());
  const fresh = Math.min(stats.count - before, stats.times.length);
  const end = stats.count % stats.times.length;
  const times = [];
  for (let i = 0; i < fresh; i++) times.push(stats.times[(end - 1 - i + stats.times.length) % stats.times.length]);
  return { times, epoch: stats.epoch };
}

const env = await launch();
const results = {};
const report = (name, { times, epoch }) => {
  const r = { frames: times.length, p50_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95), epoch };
  results[name] = r;
  console.log(`${name.padEnd(34)} frames ${String(r.frames).padStart(4)}  p50 ${r.p50_ms.toFixed(2)} ms  p95 ${r.p95_ms.toFixed(2)} ms  epoch ${epoch}`);
};

// 1. The largest benchmark network, one epoch a frame, every view live.
{
  const { page } = await open(env.browser, `${env.url}#${LARGEST}&speed=1&lang=en`, { width: 1280, height: 720 });
  await play(page, 1000); // warm up: V8 tiers the wasm up
  report('spiral-6x8-7feat, 1 epoch/frame', await play(page, 4000));
  await page.close();
}
// 2. The default network at 100 epochs a frame.
{
  const { page } = await open(env.browser, `${env.url}#speed=100&lang=en`, { width: 1280, height: 720 });
  const r = await play(page, 3000);
  report('default 4,2, 100 epochs/frame', r);
  results['default 4,2, 100 epochs/frame'].epochs_per_frame = r.epoch / Math.max(1, r.times.length);
  await page.close();
}
// 3. Long sessions: a frame costs the same at 1,000 and at 100,000 epochs.
{
  const { page } = await open(env.browser, `${env.url}#speed=1&lang=en`, { width: 1280, height: 720 });
  await page.selectOption('[data-testid="speed"]', '20');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 1000);
  await page.click('[data-testid="play"]');
  await page.selectOption('[data-testid="speed"]', '1');
  report('default 4,2 at ~1,000 epochs', await play(page, 2000));
  await page.selectOption('[data-testid="speed"]', '500');
  await page.click('[data-testid="play"]');
  await page.waitForFunction(() => Number(document.querySelector('[data-testid="epoch"]').textContent) >= 100000, null, { timeout: 120000 });
  await page.click('[data-testid="play"]');
  await page.selectOption('[data-testid="speed"]', '1');
  report('default 4,2 at ~100,000 epochs', await play(page, 2000));
  await page.close();
}
await env.close();
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(new URL('../target/bench-page.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote target/bench-page.json');

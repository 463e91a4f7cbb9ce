// The page's own work per frame in headless Chromium, measured by the page
// with performance.now() around each frame (training, the grid pass, the
// pixels, the network, the charts and the readouts), for every benchmark
// configuration at one epoch a frame and at the fastest speed. Also the
// frames' spacing and how often the output map was refreshed. Run by
// `make bench`; writes target/bench-page.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { initSync, Playground } from '../www/pkg/neuroplay.js';
import { launch, open } from '../tests/e2e/browser.mjs';

// The configurations are the core's own (src/bench.rs), read from the wasm.
initSync({ module: readFileSync(new URL('../www/pkg/neuroplay_bg.wasm', import.meta.url)) });
const only = process.argv[2] ? new RegExp(process.argv[2]) : null;
const CONFIGS = Playground.benchConfigs().filter(([name]) => !only || only.test(name));
const SPEEDS = ['1', '500'];
const MEASURE_MS = 3000;

function quantile(xs, q) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

/** Plays for `ms` and returns what the page recorded meanwhile. */
async function play(page, ms) {
  const before = await page.evaluate(() => window.playgroundFrameTimes());
  await page.click('[data-testid="play"]');
  await page.waitForTimeout(ms);
  const after = await page.evaluate(() => window.playgroundFrameTimes());
  await page.click('[data-testid="play"]');
  const fresh = Math.min(after.count - before.count, after.times.length);
  const end = after.count % after.times.length;
  const pick = (xs) => Array.from({ length: fresh }, (_, i) => xs[(end - 1 - i + xs.length) % xs.length]);
  return {
    times: pick(after.times),
    intervals: pick(after.intervals).filter((v) => v > 0),
    maps: after.maps - before.maps,
    epochs: after.epoch - before.epoch,
    seconds: ms / 1000,
  };
}

const env = await launch();
const results = {};
console.log('config'.padEnd(30), 'speed', 'frames', '  work p50', '  work p95', ' interval p95', ' maps/s', ' epochs/s');
for (const [name, query] of CONFIGS) {
  for (const speed of SPEEDS) {
    const { page } = await open(env.browser, `${env.url}#${query}&speed=${speed}&lang=en`, { width: 1280, height: 720 });
    await play(page, 1000); // warm up: V8 tiers the wasm up
    const r = await play(page, MEASURE_MS);
    await page.close();
    const row = {
      frames: r.times.length,
      p50_ms: quantile(r.times, 0.5),
      p95_ms: quantile(r.times, 0.95),
      interval_p95_ms: quantile(r.intervals, 0.95),
      maps_per_s: r.maps / r.seconds,
      epochs_per_s: r.epochs / r.seconds,
    };
    results[`${name}, speed ${speed}`] = row;
    console.log(name.padEnd(30), speed.padStart(5), String(row.frames).padStart(6),
      `${row.p50_ms.toFixed(2)} ms`.padStart(10), `${row.p95_ms.toFixed(2)} ms`.padStart(10),
      `${row.interval_p95_ms.toFixed(1)} ms`.padStart(13), row.maps_per_s.toFixed(1).padStart(7), row.epochs_per_s.toFixed(1).padStart(9));
  }
}
await env.close();
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(new URL('../target/bench-page.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote target/bench-page.json');

// The benchmark in Node: the release wasm, exactly as the page runs it.
// Run by `make bench`; prints a table and writes target/bench.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { initSync, Playground } from '../www/pkg/neuroplay.js';

const TRIALS = 51;

initSync({ module: readFileSync(new URL('../www/pkg/neuroplay_bg.wasm', import.meta.url)) });

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median milliseconds of one call of `f`, over trials of `reps` calls. */
function time(reps, f) {
  const samples = [];
  for (let t = 0; t < TRIALS; t++) {
    const start = performance.now();
    for (let r = 0; r < reps; r++) f();
    samples.push((performance.now() - start) / reps);
  }
  return median(samples);
}

// V8 first runs wasm from its baseline compiler and tiers hot functions up
// later: exercise every configuration before timing any.
for (const [, query] of Playground.benchConfigs()) {
  const pg = new Playground(query);
  for (let i = 0; i < 200; i++) {
    pg.trainEpochs(1);
    pg.gridPass();
    pg.paintPixels(false);
  }
  pg.free();
}

const results = {};
const header = ['config', 'epoch_ms', 'boundary_ms', 'pixels_ms', 'frame_ms', 'gflops'];
console.log(`Node ${process.version}, release wasm with simd128, median of ${TRIALS} trials`);
console.log(header.map((h, i) => (i ? h.padStart(12) : h.padEnd(18))).join(''));
for (const [name, query] of Playground.benchConfigs()) {
  const pg = new Playground(query);
  pg.trainEpochs(20);
  const epoch = time(10, () => pg.trainEpochs(1));
  const boundary = time(3, () => pg.gridPass());
  const pixels = time(10, () => pg.paintPixels(false));
  const frame = epoch + boundary + pixels;
  const gflops = pg.gridPassFlops() / (boundary * 1e6);
  results[name] = { epoch_ms: epoch, boundary_ms: boundary, pixels_ms: pixels, frame_ms: frame, gflops };
  const cells = [epoch, boundary, pixels, frame].map((v) => v.toFixed(4).padStart(12));
  console.log(name.padEnd(18) + cells.join('') + gflops.toFixed(2).padStart(12));
  pg.free();
}
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(new URL('../target/bench.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote target/bench.json');

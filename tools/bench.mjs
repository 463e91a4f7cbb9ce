// The benchmark in Node: the release wasm, exactly as the page runs it.
// Run by `make bench`; prints a table and writes target/bench.json.
//
//   node tools/bench.mjs                 this build
//   node tools/bench.mjs --against DIR   this build and the one in DIR/pkg
//                                        (another checkout's www), side by
//                                        side in one run, config by config
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

/** Stop repeating a figure after this long or this many trials, whichever comes first. */
const TIME_MS = 300;
const TRIALS = 51;

async function load(dir) {
  const mod = await import(resolve(dir, 'pkg/neuroplay.js'));
  mod.initSync({ module: readFileSync(resolve(dir, 'pkg/neuroplay_bg.wasm')) });
  return mod;
}

const here = await load(new URL('../www/', import.meta.url).pathname);
const againstAt = process.argv.indexOf('--against');
const builds = [['this', here]];
if (againstAt > 0) builds.push(['before', await load(process.argv[againstAt + 1])]);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}

/** Median milliseconds of one call of `f`, over trials of `reps` calls (fewer trials for slow calls). */
function time(reps, f) {
  const samples = [];
  const start = performance.now();
  while (samples.length < TRIALS && (samples.length < 5 || performance.now() - start < TIME_MS)) {
    const t = performance.now();
    for (let r = 0; r < reps; r++) f();
    samples.push((performance.now() - t) / reps);
  }
  return median(samples);
}

// The configurations are the core's own (src/bench.rs).
const configs = here.Playground.benchConfigs();
const trainPoints = (query) => Math.round(Number(new URLSearchParams(query).getAll('points').at(-1)) * 0.5);

/** One build's figures for one configuration. */
function measure(mod, query) {
  const pg = new mod.Playground(query, 'en'); // an older build takes the language too
  // V8 first runs wasm from its baseline compiler and tiers hot functions
  // up later: exercise everything before timing.
  const warm = performance.now();
  while (performance.now() - warm < 150) {
    pg.trainEpochs(1);
    pg.gridPass();
    pg.paintPixels(false);
  }
  const epoch = time(1, () => pg.trainEpochs(1));
  const evaluation = pg.refreshReadouts ? time(1, () => pg.refreshReadouts()) : NaN;
  const boundary = time(1, () => pg.gridPass());
  const pixels = time(3, () => pg.paintPixels(false));
  const flops = pg.gridPassFlops();
  pg.free();
  return {
    epoch_ms: epoch,
    eval_ms: evaluation,
    train_us_per_sample: ((epoch - evaluation) * 1000) / trainPoints(query),
    boundary_ms: boundary,
    pixels_ms: pixels,
    frame_ms: epoch + boundary + pixels,
    gflops: flops / (boundary * 1e6),
  };
}

const columns = ['epoch_ms', 'eval_ms', 'train_us_per_sample', 'boundary_ms', 'pixels_ms', 'frame_ms', 'gflops'];
const heads = ['epoch ms', 'eval ms', 'µs/sample', 'grid ms', 'pixels ms', 'frame ms', 'GFLOP/s'];
console.log(`Node ${process.version}, release wasm with simd128, medians`);
console.log(['config'.padEnd(30), 'build'.padEnd(7), ...heads.map((h) => h.padStart(10))].join(''));
const results = {};
for (const [name, query] of configs) {
  for (const [build, mod] of builds) {
    const r = measure(mod, query);
    if (build === 'this') results[name] = r;
    else results[name].before = r;
    const cells = columns.map((c) => (Number.isFinite(r[c]) ? r[c].toFixed(c === 'gflops' ? 2 : 4) : '–').padStart(10));
    console.log(name.padEnd(30) + build.padEnd(7) + cells.join(''));
  }
}
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(new URL('../target/bench.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote target/bench.json');

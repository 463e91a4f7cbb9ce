// The frame side by side with TensorFlow Playground's own code (tools/tfp/,
// Apache 2.0: its LICENSE and NOTICE are beside it), in one Node process,
// interleaved trial by trial: this machine's speed drifts by 2× between
// minutes, so only ratios measured together mean anything. Trials are
// short (about 3 ms) and many, and each figure is a low quantile of them
// (QUANTILE, the tenth percentile unless set): on a machine shared with other
// jobs the slow trials measure their time, not this code's.
//
//   node tools/bench-tfp.mjs                  this build (www/pkg)
//   node tools/bench-tfp.mjs --against DIR    and the build in DIR/pkg, e.g. main's www
//
// A frame is what each page does per animation frame while training at one
// epoch a frame: an epoch (training and the train and test losses), the
// boundary pass over the 100×100 grid, and painting the output heatmap and
// every thumbnail. Writes target/bench-tfp.json.
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { loadavg, cpus } from 'node:os';

const require = createRequire(import.meta.url);
const tfp = require('./tfp/tfp_es5/frame.js');
const tfpData = require('./tfp/tfp_es5/dataset.js');
const tfpNn = require('./tfp/tfp_es5/nn.js');
const seedrandom = require('seedrandom');

async function load(dir) {
  const mod = await import(resolve(dir, 'pkg/neuroplay.js'));
  mod.initSync({ module: readFileSync(resolve(dir, 'pkg/neuroplay_bg.wasm')) });
  return mod;
}
const builds = [['this', await load(new URL('../www/', import.meta.url).pathname)]];
const againstAt = process.argv.indexOf('--against');
if (againstAt > 0) builds.push(['before', await load(process.argv[againstAt + 1])]);

/** Each side's name for a dataset, an input and an activation. */
const DATASETS = { circle: 'classifyCircleData', xor: 'classifyXORData', gauss: 'classifyTwoGaussData', spiral: 'classifySpiralData' };
const INPUTS = { x1: 'x', x2: 'y', x1sq: 'xSquared', x2sq: 'ySquared', x1x2: 'xTimesY', sinx1: 'sinX', sinx2: 'sinY' };
const ACTIVATIONS = { tanh: 'TANH', relu: 'RELU', sigmoid: 'SIGMOID', linear: 'LINEAR' };
const SEVEN = Object.keys(INPUTS);

/**
 * The configurations TensorFlow Playground can run, covered one dimension
 * at a time: every dataset with every activation, every batch size from 1
 * to 30, one to six layers of 8, two and seven inputs.
 */
const configs = [];
const add = (dataset, activation, layers, batch, inputs = ['x1', 'x2']) =>
  configs.push({ name: `${dataset}-${layers.join(',')}-${activation}-b${batch}${inputs.length > 2 ? '-7feat' : ''}`, dataset, activation, layers, batch, inputs });
for (const dataset of Object.keys(DATASETS)) {
  for (const activation of Object.keys(ACTIVATIONS)) add(dataset, activation, [4, 2], 10);
}
for (const batch of [1, 3, 30]) add('spiral', 'tanh', [8, 8, 8, 8], batch);
for (const layers of [[8], [8, 8, 8, 8], [8, 8, 8, 8, 8, 8]]) add('spiral', 'tanh', layers, 10);
for (const activation of Object.keys(ACTIVATIONS)) add('spiral', activation, [8, 8, 8, 8, 8, 8], 10, SEVEN);
add('spiral', 'tanh', [8, 8, 8, 8, 8, 8], 1, SEVEN);
add('spiral', 'relu', [8, 8, 8, 8, 8, 8], 30, SEVEN);

/** Our link for a configuration: TensorFlow Playground's settings, its initialisation and output. */
const query = (c) => [
  `dataset=${c.dataset}`, 'points=500', 'trainShare=0.5', 'noise=0', `features=${c.inputs.join(',')}`,
  `layers=${c.layers.join(',')}`, `activation=${c.activation}`, 'output=tanh', 'init=tfp', 'optimizer=sgd',
  'lr=0.03', `batch=${c.batch}`, 'seed=1',
].join('&');

function tfpSetup(c) {
  tfp.setup({
    dataset: tfpData[DATASETS[c.dataset]], numSamples: 500, percTrainData: 50, noise: 0,
    inputs: c.inputs.map((i) => INPUTS[i]), networkShape: c.layers,
    activation: tfpNn.Activations[ACTIVATIONS[c.activation]], batchSize: c.batch, learningRate: 0.03,
    seed: '1', seedrandom: (s) => seedrandom(s, { global: true }),
  });
  return tfp.save();
}

const PHASES = ['epoch', 'boundary', 'pixels'];
/** Milliseconds of each phase of `reps` frames of one side. */
function frames(side, reps) {
  const t = [0, 0, 0];
  for (let r = 0; r < reps; r++) {
    let at = performance.now();
    side.epoch();
    t[0] += performance.now() - at;
    at = performance.now();
    side.boundary();
    t[1] += performance.now() - at;
    at = performance.now();
    side.pixels();
    t[2] += performance.now() - at;
  }
  return t.map((x) => x / reps);
}

const QUANTILE = Number(process.env.QUANTILE ?? 0.1);
/** The QUANTILE-th quantile of `xs` (the nearest sample below). */
const quantile = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(QUANTILE * (xs.length - 1))];

const ROUNDS = Number(process.env.ROUNDS ?? 31);
const TRIAL_MS = 3;
const loadNow = () => loadavg()[0].toFixed(1);
const loadAtStart = loadNow();
const results = {};
console.log(`Node ${process.version}; ${ROUNDS} rounds, interleaved, quantile ${QUANTILE}; load ${loadAtStart} on ${cpus().length} cores; ratio = TensorFlow Playground's time / ours`);
console.log(['config'.padEnd(38), 'build'.padEnd(7), 'TFP frame ms'.padStart(13), 'frame ms'.padStart(10), 'frame ×'.padStart(9), 'epoch ×'.padStart(9), 'boundary ×'.padStart(11), 'pixels ×'.padStart(10)].join(''));
for (const c of configs) {
  const state = tfpSetup(c);
  const sides = {
    tfp: {
      epoch: () => { tfp.restore(state); tfp.epoch(); },
      boundary: () => { tfp.restore(state); tfp.boundaryPass(); },
      pixels: () => { tfp.restore(state); tfp.pixels(); },
    },
  };
  for (const [build, mod] of builds) {
    const pg = new mod.Playground(query(c), 'en');
    sides[build] = { epoch: () => pg.trainEpochs(1), boundary: () => pg.gridPass(), pixels: () => pg.paintPixels(false) };
  }
  // Warm both: V8 tiers hot code up after a while.
  for (const side of Object.values(sides)) {
    const warm = performance.now();
    while (performance.now() - warm < 200) frames(side, 1);
  }
  // Repetitions so that a trial of each side lasts about TRIAL_MS (the fastest of a few frames).
  const reps = Object.fromEntries(Object.entries(sides).map(([k, side]) => {
    const one = Math.min(...[0, 1, 2, 3, 4].map(() => frames(side, 1).reduce((a, b) => a + b, 0)));
    return [k, Math.max(1, Math.round(TRIAL_MS / Math.max(one, 1e-3)))];
  }));
  const samples = Object.fromEntries(Object.keys(sides).map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [k, side] of Object.entries(sides)) samples[k].push(frames(side, reps[k]));
  }
  const phase = (k, i) => quantile(samples[k].map((s) => s[i]));
  // The frame is the sum of its phases' figures, so that the phase ratios add up to it.
  const frame = (k) => PHASES.reduce((sum, _, i) => sum + phase(k, i), 0);
  results[c.name] = { query: query(c), tfp: { frame_ms: frame('tfp'), ...Object.fromEntries(PHASES.map((p, i) => [`${p}_ms`, phase('tfp', i)])) } };
  for (const [build] of builds) {
    const r = { frame_ms: frame(build), ...Object.fromEntries(PHASES.map((p, i) => [`${p}_ms`, phase(build, i)])) };
    r.frame_ratio = results[c.name].tfp.frame_ms / r.frame_ms;
    for (const p of PHASES) r[`${p}_ratio`] = results[c.name].tfp[`${p}_ms`] / r[`${p}_ms`];
    results[c.name][build] = r;
    console.log([c.name.padEnd(38), build.padEnd(7), results[c.name].tfp.frame_ms.toFixed(3).padStart(13), r.frame_ms.toFixed(4).padStart(10),
      ...['frame', 'epoch', 'boundary', 'pixels'].map((p, i) => r[`${p}_ratio`].toFixed(1).padStart(i === 2 ? 11 : i === 3 ? 10 : 9))].join(''));
  }
}
const worst = Math.min(...Object.values(results).map((r) => r.this.frame_ratio));
console.log(`smallest frame ratio (this build): ${worst.toFixed(1)}×; load ${loadAtStart} at the start, ${loadNow()} at the end`);
results.run = { node: process.version, rounds: ROUNDS, quantile: QUANTILE, load: [Number(loadAtStart), Number(loadNow())], cores: cpus().length };
mkdirSync(new URL('../target/', import.meta.url), { recursive: true });
writeFileSync(new URL('../target/bench-tfp.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote target/bench-tfp.json');

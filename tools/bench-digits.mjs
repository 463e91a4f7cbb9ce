// The digits lab's benchmark (run by `make bench`, never by `make test`):
// 1. the lab's default settings, epoch by epoch up to 100: the test
//    accuracy reached (the goal is 96 %) and when;
// 2. the same network as scikit-learn's MLPClassifier (64 ReLU, Adam at
//    0.001, batch 200, no L2, inputs scaled by 1/16, 300 epochs) through
//    the engine in Node and through scikit-learn in Python
//    (tools/bench_digits.py, its own venv target/bench-venv), one thread
//    each, on the same split, on this machine in one run: both wall times,
//    both test accuracies, and the engine's time to come within one point
//    of scikit-learn's final accuracy. Writes target/bench-digits.json.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const www = new URL('../www/', import.meta.url).pathname;
const mod = await import(`${www}pkg/neuroplay.js`);
mod.initSync({ module: readFileSync(`${www}pkg/neuroplay_bg.wasm`) });
const bytes = new Uint8Array(readFileSync(`${www}data/digits.bin`));

/** Trains `query` for `epochs`, timing each epoch; returns the handle and [seconds so far, test accuracy] after each. */
function run(query, epochs) {
  const lab = new mod.DigitsLab(query);
  lab.load(bytes);
  const curve = [];
  let seconds = 0;
  for (let e = 0; e < epochs; e++) {
    const t = performance.now();
    if (!lab.trainEpoch()) break;
    seconds += (performance.now() - t) / 1000;
    curve.push([seconds, lab.readouts().testAccuracy ?? 0]);
  }
  return { lab, curve };
}

const defaults = run('', 100);
const best = Math.max(...defaults.curve.map(([, a]) => a));
const first96 = defaults.curve.findIndex(([, a]) => a >= 0.96);
defaults.lab.free();
console.log(`default settings: best test accuracy ${(100 * best).toFixed(1)} % in 100 epochs; 96 % first at epoch ${first96 < 0 ? 'never' : first96 + 1} (${first96 < 0 ? '-' : defaults.curve[first96][0].toFixed(2)} s)`);

const SAME = 'layers=64&activation=relu&optimizer=adam&lr=0.001&batch=200&l2=0&seed=1';
const engine = run(SAME, 300);
const test = engine.lab.testImages().join(',');
engine.lab.free();
const [engineSeconds, engineAccuracy] = engine.curve.at(-1);
console.log(`engine (wasm in Node): 300 epochs in ${engineSeconds.toFixed(2)} s, test accuracy ${(100 * engineAccuracy).toFixed(1)} %`);

const python = new URL('../target/bench-venv/bin/python', import.meta.url).pathname;
let sklearn = null;
if (existsSync(python)) {
  // One thread; a current NumPy is slowed by OPENBLAS_CORETYPE, so it and its companion are unset here alone.
  const env = { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  sklearn = JSON.parse(execFileSync(python, [new URL('bench_digits.py', import.meta.url).pathname, `${www}data/digits.bin`, test], { env, encoding: 'utf8' }));
  const reach = engine.curve.find(([, a]) => a >= sklearn.accuracy - 0.01);
  sklearn.engineToReach = reach ? reach[0] : null;
  console.log(`scikit-learn MLPClassifier: ${sklearn.epochs} epochs in ${sklearn.seconds.toFixed(2)} s, test accuracy ${(100 * sklearn.accuracy).toFixed(1)} % (${JSON.stringify(sklearn.blas)})`);
  console.log(`engine within one point of it (${(100 * sklearn.accuracy - 1).toFixed(1)} %): ${reach ? `${reach[0].toFixed(2)} s` : 'never'}; goal: less than scikit-learn's ${sklearn.seconds.toFixed(2)} s`);
} else {
  console.log('scikit-learn: no target/bench-venv (python3 -m venv target/bench-venv && target/bench-venv/bin/pip install scikit-learn threadpoolctl)');
}
writeFileSync(new URL('../target/bench-digits.json', import.meta.url), JSON.stringify({
  defaults: { best, epochTo96: first96 < 0 ? null : first96 + 1, curve: defaults.curve },
  engine: { seconds: engineSeconds, accuracy: engineAccuracy },
  sklearn,
}, null, 1));

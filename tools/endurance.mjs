// Endurance in headless Chromium: the page plays at its fastest speed for
// some minutes, sampling the JS heap (after a garbage collection), the wasm
// memory and the DOM's node count every minute; then it is reset and its
// settings changed at random (each control's values are the core's schema)
// many times while playing. Memory and nodes must end within 10 % of where
// they were after the first minute.
//
// Wasm memory never shrinks: it holds the most any setting visited needed.
// So that growth means a leak and not a heavier setting, the run first
// plays the heaviest settings the core allows for a few seconds each
// (`warmUp`), then the link it endures.
//
//   node tools/endurance.mjs [minutes=30] [resets=1000] [changes=1000]
//
// prints one line of JSON a sample and a summary; exits 1 when a figure
// grew by more than the tolerance. tests/e2e/endurance.test.mjs runs a short
// one (2 minutes, 100 resets, 100 changes) through `endure()`.
import { launch, open, byTestId } from '../tests/e2e/browser.mjs';
import { core } from '../tests/e2e/core.mjs';
import { SPEEDS } from '../www/state.js';

/** How much a figure may grow from its first-minute sample. */
export const TOLERANCE = 0.1;

/** The link played: the default setting at the fastest speed. */
const LINK = `#speed=${SPEEDS.at(-1)}`;

const limit = (key) => core.schema.settings.find((s) => s.key === key);

/** The heaviest settings the core allows: every feature, the most layers, neurons, points and members; one point a step, and all of them. */
export function heaviestLinks() {
  const layers = Array(limit('layers').maxLayers).fill(limit('layers').maxNeurons).join(',');
  const features = limit('features').options.map((o) => o.value).join(',');
  const base = `dataset=spiral&layers=${layers}&features=${features}&points=${limit('points').max}`
    + `&ensemble=${limit('ensemble').max}&speed=${SPEEDS.at(-1)}`;
  return [`${base}&init=zero&batch=1`, `${base}&batch=${limit('batch').max}&batchNorm=1&dropout=0.5&trainShare=0.9`];
}

/** The three figures, from the page. */
async function sample(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name) => metrics.find((m) => m.name === name)?.value;
  const inPage = await page.evaluate(async () => {
    // The page's own module instance: init() hands back the running wasm's exports.
    const glue = await import('/pkg/neuroplay.js');
    const { memory } = await glue.default();
    return {
      wasmBytes: memory.buffer.byteLength,
      domNodes: document.getElementsByTagName('*').length,
      epoch: window.playgroundFrameTimes().epoch,
    };
  });
  return { jsHeapBytes: metric('JSHeapUsedSize'), ...inPage };
}

const playing = (page) => page.evaluate(() => document.querySelector('[data-testid="status"]').dataset.state === 'running');

/** Clicks play unless the page is playing already. */
async function play(page) {
  if (!(await playing(page))) await page.click(byTestId('play'));
}

/** Waits for `n` animation frames. */
const frames = (page, n) => page.evaluate((count) => new Promise((resolve) => {
  let left = count;
  const tick = () => (--left > 0 ? requestAnimationFrame(tick) : resolve());
  requestAnimationFrame(tick);
}), n);

/**
 * Changes one setting at random through its control, as a user would:
 * a visible, enabled select, number field, slider or checkbox of the
 * settings panel, set to a random value it offers. Returns what it did.
 */
function randomChange(page, seed) {
  return page.evaluate((r) => {
    let state = r;
    const random = () => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state / 2147483648;
    };
    const pick = (list) => list[Math.floor(random() * list.length)];
    const controls = [...document.querySelectorAll('.controls [data-control] :is(select, input)')]
      .filter((el) => el.offsetParent !== null && !el.disabled && el.dataset.testid);
    const el = pick(controls);
    if (el.type === 'checkbox') {
      el.checked = !el.checked;
    } else if (el.tagName === 'SELECT') {
      el.value = pick([...el.options].filter((o) => !o.disabled)).value;
    } else {
      const min = Number(el.min);
      const max = Number(el.max);
      const step = Number(el.step) || 1;
      el.value = String(min + Math.round((random() * (max - min)) / step) * step);
    }
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return `${el.dataset.testid}=${el.type === 'checkbox' ? el.checked : el.value}`;
  }, seed);
}

/**
 * Runs the endurance test; returns the samples, the changes made and, per
 * figure, its growth from the first minute (a fraction). `log(line)` is
 * called with each sample.
 */
export async function endure({ minutes = 30, resets = 1000, changes = 1000, log = () => {} } = {}) {
  const env = await launch({ locale: 'en-US' });
  try {
    const { page, errors } = await open(env.browser, `${env.url}${LINK}`);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples = [];
    const record = async (phase) => {
      const s = { phase, at: samples.length, ...(await sample(page, cdp)) };
      samples.push(s);
      log(JSON.stringify(s));
    };
    await record('start');
    for (const link of heaviestLinks()) {
      await page.evaluate((hash) => { location.hash = hash; }, link);
      await play(page);
      await page.waitForTimeout(4_000);
    }
    await page.evaluate((hash) => { location.hash = hash; }, LINK);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
    await record('warmed up');
    await play(page);
    for (let minute = 1; minute <= minutes; minute++) {
      await page.waitForTimeout(60_000);
      await record(`minute ${minute}`);
    }
    const baseline = samples[2];
    const made = [];
    const rounds = Math.max(resets, changes);
    for (let i = 0; i < rounds; i++) {
      if (i < resets) {
        await page.click(byTestId('reset'));
        await play(page);
        await frames(page, 2);
      }
      if (i < changes) {
        made.push(await randomChange(page, 7919 * (i + 1)));
        await play(page);
        await frames(page, 2);
      }
    }
    // Back to the first setting, as a class would after trying things out.
    await page.evaluate((link) => { location.hash = link; }, LINK);
    await page.waitForFunction(() => document.querySelector('[data-testid="status"]')?.dataset.state === 'ready');
    await play(page);
    await page.waitForTimeout(5_000);
    await record('end');
    const last = samples.at(-1);
    const growth = Object.fromEntries(['wasmBytes', 'jsHeapBytes', 'domNodes']
      .map((k) => [k, (last[k] - baseline[k]) / baseline[k]]));
    return { samples, changes: made, growth, errors, epochs: last.epoch };
  } finally {
    await env.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [minutes = 30, resets = 1000, changes = 1000] = process.argv.slice(2).map(Number);
  const started = Date.now();
  const result = await endure({ minutes, resets, changes, log: console.log });
  const summary = {
    minutes, resets, changes,
    wallMinutes: +((Date.now() - started) / 60_000).toFixed(1),
    growth: Object.fromEntries(Object.entries(result.growth).map(([k, v]) => [k, `${(100 * v).toFixed(1)} %`])),
    errors: result.errors,
  };
  console.log(JSON.stringify(summary));
  const ok = result.errors.length === 0 && Object.values(result.growth).every((g) => g <= TOLERANCE);
  process.exit(ok ? 0 : 1);
}

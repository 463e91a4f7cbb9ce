// Endurance, short: two minutes at the fastest speed, then 100 resets and
// 100 random setting changes while playing (tools/endurance.mjs, whose long
// run is documented in TESTING.md). Wasm memory, the JS heap and the DOM's
// node count end within 10 % of where they were after the first minute;
// the JS heap, which is small (about 3.6 MB), may also grow by up to
// HEAP_SLACK bytes: the code first run by the changes (V8 keeps its
// compiled code and feedback there) grew past 10 % of it after the page's
// modules grew in round three (0.37 MB, with the DOM and wasm memory flat).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endure, TOLERANCE } from '../../tools/endurance.mjs';

/** The JS heap's growth allowed beyond TOLERANCE, in bytes. */
const HEAP_SLACK = 512 * 1024;

test('two minutes at top speed, 100 resets and 100 changes leave memory and the DOM where they were', { timeout: 15 * 60_000 }, async () => {
  const { growth, errors, changes, samples } = await endure({ minutes: 2, resets: 100, changes: 100 });
  console.log(`endurance: growth ${JSON.stringify(growth)}; ${samples.at(-2).epoch} epochs in the minutes; last sample ${JSON.stringify(samples.at(-1))}`);
  assert.equal(changes.length, 100);
  // The absolute growth, from the last sample and its growth over the baseline.
  const last = samples.at(-1);
  for (const [figure, g] of Object.entries(growth)) {
    const slack = figure === 'jsHeapBytes' && last.jsHeapBytes - last.jsHeapBytes / (1 + g) <= HEAP_SLACK;
    assert.ok(g <= TOLERANCE || slack, `${figure} grew by ${(100 * g).toFixed(1)} % (changes: ${changes.slice(-5).join(', ')})`);
  }
  assert.deepEqual(errors, []);
});

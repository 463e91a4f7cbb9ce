// Endurance, short: two minutes at the fastest speed, then 100 resets and
// 100 random setting changes while playing (tools/endurance.mjs, whose long
// run is documented in TESTING.md). Wasm memory, the JS heap and the DOM's
// node count end within 10 % of where they were after the first minute.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endure, TOLERANCE } from '../../tools/endurance.mjs';

test('two minutes at top speed, 100 resets and 100 changes leave memory and the DOM where they were', { timeout: 15 * 60_000 }, async () => {
  const { growth, errors, changes, samples } = await endure({ minutes: 2, resets: 100, changes: 100 });
  console.log(`endurance: growth ${JSON.stringify(growth)}; ${samples.at(-2).epoch} epochs in the minutes; last sample ${JSON.stringify(samples.at(-1))}`);
  assert.equal(changes.length, 100);
  for (const [figure, g] of Object.entries(growth)) {
    assert.ok(g <= TOLERANCE, `${figure} grew by ${(100 * g).toFixed(1)} % (changes: ${changes.slice(-5).join(', ')})`);
  }
  assert.deepEqual(errors, []);
});

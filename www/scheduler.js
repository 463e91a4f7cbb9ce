// How much work fits in a frame. The core cuts training and the grid pass
// into short units; this file learns what a unit costs and hands out
// units until a deadline, so that a frame stays short at any setting.

/** The page's own work in a frame, in ms: the rest of a 16.7 ms frame is the browser's. */
export const FRAME_WORK_MS = 10;
/** The output map is refreshed at least this often while training (ms): 5 times a second, with room. */
export const MAP_EVERY_MS = 180;
/** Charts are redrawn at most this often while training (ms). */
export const CHARTS_EVERY_MS = 100;
/** A dense network diagram is redrawn at most this often while training (ms). */
export const NETWORK_EVERY_MS = 250;

/** The running cost of one unit of some work, learnt from each call. */
export class UnitCost {
  #ms;

  /** @param {number} guess  a first guess of the cost, in ms */
  constructor(guess) {
    this.#ms = guess;
  }

  /** Whether the cost is unknown (a change of network or data made it so). */
  #unknown = false;

  /** Milliseconds a unit is expected to take (Infinity while unknown). */
  get ms() {
    return this.#unknown ? Infinity : this.#ms;
  }

  /**
   * Forgets the cost after a change that may make a unit dearer: until
   * the next timed call, one unit fits in any time, so a frame after a
   * change never runs on the old network's cost.
   */
  relearn() {
    this.#unknown = true;
  }

  /**
   * How many units fit in `ms` (at least one).
   * @param {number} ms
   */
  fit(ms) {
    return this.#unknown ? 1 : Math.max(1, Math.floor(ms / this.#ms));
  }

  /**
   * Runs `run(units)` for up to `units` units, timing it; returns what
   * `run` returns. `count(result)` says how many units it did.
   * @template R
   * @param {number} units
   * @param {(units: number) => R} run
   * @param {(result: R) => number} [count]  the result itself when `run` returns a count
   * @returns {R}
   */
  time(units, run, count = (result) => Number(result)) {
    const start = performance.now();
    const result = run(units);
    const done = count(result);
    if (done > 0) {
      // A moving average, quick to follow a change of network or data.
      const per = Math.max((performance.now() - start) / done, 1e-4);
      this.#ms = this.#unknown ? per : 0.7 * this.#ms + 0.3 * per;
      this.#unknown = false;
    }
    return result;
  }
}

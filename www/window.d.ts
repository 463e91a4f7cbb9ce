// What the page adds to `window`, for the page's type check (tsconfig.json).
// Types only: no page loads this file.

interface Window {
  /**
   * For the benchmark and the tests (main.js): the page's own work in each
   * of the last frames while playing (ms), the time from the frame before,
   * how many times the output map was painted, and the epoch.
   */
  playgroundFrameTimes?: () => { count: number; times: number[]; intervals: number[]; maps: number; epoch: number };
}

// Boots the page and runs the frame loop; everything else lives in the
// modules beside this one (app.js puts them together).
import { Session } from './session.js';
import { App } from './app.js';
import { restoreLink } from './state.js';

// An empty hash: the settings of the last visit (a link wins).
restoreLink();
const session = await Session.load();
const app = new App(session);
app.start();
app.fit();

/**
 * For the benchmark and the tests, over the last frames while playing: the
 * page's own work (JS and wasm) in each, in ms, the time from the frame
 * before, and how many times the output map was painted.
 */
const frameWork = { times: new Float64Array(600), intervals: new Float64Array(600), count: 0, last: 0 };
window.playgroundFrameTimes = () => {
  const n = Math.min(frameWork.count, frameWork.times.length);
  return {
    count: frameWork.count,
    times: Array.from(frameWork.times.subarray(0, n)),
    intervals: Array.from(frameWork.intervals.subarray(0, n)),
    maps: app.mapPaints,
    epoch: session.pg.readouts().epoch,
  };
};

function frame(now) {
  const start = performance.now();
  if (app.frame(start)) {
    const i = frameWork.count++ % frameWork.times.length;
    frameWork.times[i] = performance.now() - start;
    frameWork.intervals[i] = frameWork.last ? now - frameWork.last : 0;
    frameWork.last = now;
  } else {
    frameWork.last = 0;
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

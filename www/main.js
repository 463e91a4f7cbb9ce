// Boots the page and runs the frame loop; everything else lives in the
// modules beside this one (app.js puts them together).
import { Session } from './session.js';
import { App } from './app.js';

/** Training stops for the frame once this much of it has passed (ms), so a frame stays short at any speed. */
const FRAME_BUDGET_MS = 12;

const session = await Session.load();
const app = new App(session);
app.start();
app.fit();

/** The page's own work (JS and wasm) in each of the last frames while playing, in ms. */
const frameWork = { times: new Float64Array(600), count: 0 };
window.playgroundFrameTimes = () => {
  const n = Math.min(frameWork.count, frameWork.times.length);
  return { count: frameWork.count, times: Array.from(frameWork.times.subarray(0, n)), epoch: session.pg.readouts().epoch };
};

function frame() {
  const start = performance.now();
  if (app.frame(start, FRAME_BUDGET_MS)) {
    frameWork.times[frameWork.count++ % frameWork.times.length] = performance.now() - start;
  }
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

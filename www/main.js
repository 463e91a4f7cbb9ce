// Boots the page and runs the frame loop; everything else lives in the
// modules beside this one (app.js puts them together).
import { Session } from './session.js';
import { App } from './app.js';
import { loadLabs } from './labs.js';
import { setLanguage, browserLanguage, t } from './i18n.js';
import { restoreLink } from './state.js';
import { $ } from './dom.js';
import { registerOffline } from './offline.js';

/**
 * The smallest module with a SIMD instruction (v128.const): a browser that
 * refuses it cannot compile the core, which is built with simd128.
 */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0,
  10, 22, 1, 20, 0, 253, 12, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 11,
]);

/**
 * The link's `lang`, read here by itself: this path runs when the core,
 * which splits every other link (`Playground.splitLink`), did not load. As
 * in the core, the last `lang=` counts; a language is plain letters, so
 * nothing is decoded (setLanguage refuses anything else).
 */
function linkLanguage() {
  const given = location.hash.slice(1).split('&').filter((pair) => pair.startsWith('lang='));
  return given.at(-1)?.slice('lang='.length) ?? '';
}

/**
 * Says on the page, in the link's or the browser's language, why the core
 * did not start: a browser without WebAssembly SIMD is told which versions
 * run the page; any other failure is named. The controls, which could do
 * nothing, give way to the message under the title.
 * @param {unknown} error
 * @returns {null}
 */
function cannotStart(error) {
  setLanguage(linkLanguage() || browserLanguage());
  const status = $(document, 'status');
  status.textContent = t('status.error');
  status.dataset.state = 'error';
  const simd = typeof WebAssembly === 'object' && WebAssembly.validate(SIMD_PROBE);
  const message = $(document, 'message');
  message.textContent = simd ? t('boot.failed', { error: error instanceof Error ? error.message : String(error) }) : t('boot.oldBrowser');
  message.setAttribute('role', 'alert');
  const panel = document.createElement('section');
  panel.className = 'panel boot-error';
  panel.append(message);
  document.querySelector('header')?.after(panel);
  for (const el of document.querySelectorAll('header > :not(h1), nav, main')) {
    if (el instanceof HTMLElement) el.hidden = true;
  }
  return null;
}

// An empty hash: the settings of the last visit (a link wins).
restoreLink();
const session = await Session.load().catch(cannotStart);
const labViews = session && (await loadLabs().catch(cannotStart));
if (labViews) run(session, labViews);

/**
 * Starts the page on a loaded core and runs its frame loop.
 * @param {Session} session
 * @param {import('./labs.js').LabClasses} labViews
 */
function run(session, labViews) {
  const app = new App(session, labViews);
  app.start();
  app.fit();
  registerOffline(() => app.messages.say(() => t('offline.updated')));

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
      epoch: session.live.readouts().epoch,
    };
  };

  /** @param {DOMHighResTimeStamp} now */
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
}

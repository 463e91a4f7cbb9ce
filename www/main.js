// Boots the page and runs the frame loop. No math here: the wasm handle
// trains and draws; the modules beside this one wire controls to it.
import init, { Playground, lastPanic } from './pkg/neuroplay.js';
import { t, setLanguage, browserLanguage, language } from './i18n.js';
import { splitHash, joinHash, SPEEDS } from './state.js';
import { Controls } from './controls.js';
import { Network } from './network.js';
import { Charts } from './charts.js';
import { PRESETS } from './presets.js';

/** Training stops for the frame once this much of it has passed (ms), so a frame stays short at any speed. */
const FRAME_BUDGET_MS = 12;
/** Longest value a notice quotes. */
const QUOTE_MAX = 40;

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const ui = {
  play: $('play'), step: $('step'), stepEpoch: $('step-epoch'), reset: $('reset'),
  epoch: $('epoch'), status: $('status'), message: $('message'), speed: $('speed'),
  trainLoss: $('train-loss'), testLoss: $('test-loss'), accuracy: $('accuracy'),
  boundary: $('boundary'), points: $('points-layer'), showTest: $('show-test'), discretize: $('discretize'),
  presets: $('presets'), language: $('language'), presenter: $('presenter'),
  regenerate: $('regenerate'), randomSeed: $('random-seed'), restoreBest: $('restore-best'),
  logScale: $('log-scale'),
};

let pg;              // the Playground handle
let page;            // the page's own settings (state.js)
let running = false;
let status = 'ready';
let dirty = true;    // every view needs drawing
let netDirty = false; // only the network diagram does (the highlighted edge moved)
let drawnPoints = ''; // what the points canvas shows
let message = null;  // renders the shown message in the current language, when it can

const controls = new Controls(document, change);
const charts = new Charts(document);
const network = new Network(document, change, {
  edited: () => { dirty = true; },
  redraw: () => { netDirty = true; },
  say,
});

function setStatus(s) {
  status = s;
  ui.status.textContent = language() === 'en' ? s : t(`status.${s}`);
  ui.status.dataset.state = s;
  document.body.classList.toggle('running', running);
  ui.play.setAttribute('aria-label', t(running ? 'pause' : 'play'));
}

/**
 * Shows a message: a string as it is, or a function giving it in the
 * current language, which a language switch calls again. A plain string
 * (from the core, or assembled) is cleared by a language switch instead.
 */
function say(text) {
  message = typeof text === 'function' ? text : null;
  ui.message.textContent = message ? message() : text;
}

const quote = (text) => (text.length > QUOTE_MAX ? `${text.slice(0, QUOTE_MAX)}…` : text);

/** The link's refused page keys and unreadable pairs, one line each, in the current language. */
function linkNotices({ invalid, undecodable }) {
  return [
    ...invalid.map(([key, value]) => t('msg.pageKey', { key, value: quote(value) })),
    ...undecodable.map((pair) => t('msg.undecodable', { pair: quote(pair) })),
  ];
}

/** Says what the link got wrong, under one header; clears the message when nothing. */
function sayNotices(lines) {
  const shown = lines.filter(Boolean);
  say(shown.length ? [t('msg.link'), ...shown].join('\n') : '');
}

/** Runs `fn`, turning any exception (a refused setting or a panic) into a message. */
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    const panic = lastPanic();
    if (panic) {
      running = false;
      setStatus('error');
      say(() => t('msg.internal', { error: panic }));
    } else {
      say(e?.message ?? String(e));
    }
    return undefined;
  }
}

function saveHash() {
  history.replaceState(null, '', joinHash(pg.query(), page));
}

/** Applies one setting; says so when training had to start over. */
function change(key, value) {
  guard(() => {
    const trained = pg.steps() > 0;
    const wasReset = pg.set(key, value);
    say(wasReset && trained ? () => t('msg.reset') : '');
    if (wasReset) {
      running = false;
      setStatus('ready');
    }
  });
  sync();
}

/** Puts the handle's state into every control, the URL and the views. */
function sync() {
  controls.sync(pg);
  network.sync(pg);
  charts.sync(pg);
  saveHash();
  dirty = true;
}

function setPage(key, value) {
  page[key] = value;
  applyPage();
  saveHash();
  dirty = true;
}

/**
 * Applies the page keys: language, presenter mode, hidden controls, toggles.
 * A new language re-renders the message or clears it; the network diagram
 * takes its words at the next sync().
 */
function applyPage() {
  const lang = page.lang || browserLanguage();
  const switched = lang !== language();
  setLanguage(lang);
  pg?.setLanguage(lang);
  if (switched) {
    network.shape = '';
    say(message ?? '');
  }
  ui.language.value = lang;
  document.body.classList.toggle('presenter', page.presenter === '1');
  ui.presenter.setAttribute('aria-pressed', String(page.presenter === '1'));
  const hidden = new Set(page.hide.split(',').filter(Boolean));
  for (const el of document.querySelectorAll('[data-control]')) el.hidden = hidden.has(el.dataset.control);
  ui.speed.value = page.speed;
  ui.showTest.checked = page.showTest === '1';
  ui.discretize.checked = page.discretize === '1';
  charts.logScale = page.log === '1';
  fillPresets();
  setStatus(status);
}

function fillPresets() {
  const lang = language();
  const options = [new Option(t('presets.choose'), '')];
  for (const p of PRESETS) options.push(new Option(p[lang] ?? p.en, p.id));
  ui.presets.replaceChildren(...options);
}

function format(x) {
  if (!Number.isFinite(x)) return '–';
  return Math.abs(x) >= 100 ? x.toFixed(1) : x.toFixed(3);
}

/** Matches the output canvases' pixel size to their displayed size. */
function fitCanvases() {
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  for (const c of [ui.boundary, ui.points, $('loss-chart'), $('accuracy-chart'), $('activation-chart')]) {
    const w = Math.round(c.clientWidth * dpr);
    const h = Math.round(c.clientHeight * dpr);
    if (w > 0 && h > 0 && (c.width !== w || c.height !== h)) {
      c.width = w;
      c.height = h;
      drawnPoints = '';
      dirty = true;
    }
  }
}

/** Draws every view and readout now. */
function render() {
  dirty = false;
  ui.epoch.textContent = String(pg.epoch());
  ui.trainLoss.textContent = format(pg.trainLoss());
  ui.testLoss.textContent = format(pg.testLoss());
  const acc = pg.testAccuracy();
  ui.accuracy.textContent = Number.isFinite(acc) ? `${(100 * acc).toFixed(1)} %` : '–';
  pg.gridPass();
  pg.paintPixels(page.discretize === '1');
  pg.drawOutput(ui.boundary);
  const points = `${pg.dataVersion()}|${page.showTest}|${ui.points.width}`;
  if (points !== drawnPoints) {
    pg.drawPoints(ui.points, page.showTest === '1');
    drawnPoints = points;
  }
  network.draw(pg);
  netDirty = false;
  charts.draw(pg);
  ui.restoreBest.disabled = pg.bestEpoch() < 0;
}

function onHalt() {
  running = false;
  setStatus(pg.halt() === 'diverged' ? 'diverged' : 'paused');
  say(() => pg.haltMessage());
}

/** The page's own work (JS and wasm) in each of the last frames, in ms. */
const frameWork = { times: new Float64Array(600), count: 0 };
window.playgroundFrameTimes = () => {
  const n = Math.min(frameWork.count, frameWork.times.length);
  return { count: frameWork.count, times: Array.from(frameWork.times.subarray(0, n)), epoch: pg.epoch() };
};

/**
 * Trains up to `speed` epochs, one at a time, until the frame's time budget
 * is spent (at least one epoch), so the page stays responsive at any speed.
 */
function train(start) {
  const epochs = Number(page.speed);
  for (let done = 0; done < epochs; done++) {
    if (!pg.trainEpochs(1)) {
      onHalt();
      return;
    }
    if (performance.now() - start >= FRAME_BUDGET_MS) return;
  }
}

function frame() {
  const start = performance.now();
  guard(() => {
    if (!pg) return;
    if (running) {
      train(start);
      dirty = true;
    }
    if (dirty) render();
    else if (netDirty) {
      netDirty = false;
      network.draw(pg);
    }
  });
  if (running) frameWork.times[frameWork.count++ % frameWork.times.length] = performance.now() - start;
  requestAnimationFrame(frame);
}

function togglePlay() {
  if (pg.halt() !== 'ok') {
    onHalt();
    return;
  }
  running = !running;
  setStatus(running ? 'running' : 'paused');
}

function step(fn) {
  guard(() => {
    running = false;
    if (!fn()) onHalt();
    else setStatus('paused');
    render();
  });
}

function reset() {
  guard(() => {
    pg.reset();
    running = false;
    setStatus('ready');
    say('');
    render();
  });
}

function wire() {
  ui.play.onclick = togglePlay;
  ui.step.onclick = () => step(() => pg.step());
  ui.stepEpoch.onclick = () => step(() => pg.trainEpochs(1));
  ui.reset.onclick = reset;
  ui.regenerate.onclick = () => change('seed', String(Math.floor(Math.random() * 2 ** 32)));
  ui.randomSeed.onclick = ui.regenerate.onclick;
  ui.restoreBest.onclick = () => guard(() => {
    if (pg.restoreBest()) {
      const epoch = pg.bestEpoch();
      say(() => t('msg.restored', { epoch }));
    }
    dirty = true;
  });
  ui.speed.onchange = () => setPage('speed', ui.speed.value);
  ui.showTest.onchange = () => setPage('showTest', ui.showTest.checked ? '1' : '0');
  ui.discretize.onchange = () => setPage('discretize', ui.discretize.checked ? '1' : '0');
  // Charts redraws the loss chart itself on this change; the page only records it.
  ui.logScale.addEventListener('change', () => {
    page.log = ui.logScale.checked ? '1' : '0';
    saveHash();
  });
  ui.language.onchange = () => {
    setPage('lang', ui.language.value);
    sync(); // the network diagram's words
  };
  ui.presenter.onclick = () => {
    setPage('presenter', page.presenter === '1' ? '0' : '1');
    fitCanvases();
  };
  ui.presets.onchange = () => {
    const preset = PRESETS.find((p) => p.id === ui.presets.value);
    if (!preset) return;
    // Load it now (pushState fires no hashchange, whose start() would clear
    // the message), then name the scenario.
    history.pushState(null, '', joinHash(preset.link, { ...page }));
    start();
    say(() => t('msg.preset', { name: preset[language()] ?? preset.en }));
  };
  window.addEventListener('resize', () => {
    fitCanvases();
    network.needsLayout = true;
  });
  window.addEventListener('hashchange', () => {
    // Typed by hand or followed from a link: anything but what the page would write.
    if (!pg || location.hash === joinHash(pg.query(), page)) return;
    const link = splitHash(location.hash);
    if (link.core !== pg.query()) {
      start();
      return;
    }
    // Page keys alone: the same session, newly dressed.
    page = link.page;
    guard(applyPage);
    const lines = linkNotices(link);
    if (lines.length) sayNotices(lines);
    guard(sync);
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    // Space on a focused button is the button's own (a native click), play's included.
    if (e.key === ' ' && e.target.closest('button')) return;
    if (e.key === ' ') {
      e.preventDefault();
      togglePlay();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      step(() => pg.step());
    } else if (e.key === 'r') {
      reset();
    }
  });
}

/** A handle for `core`; if the core refuses it outright, one with the defaults. */
function create(core, lang) {
  try {
    return new Playground(core, lang);
  } catch (e) {
    if (lastPanic()) throw e;
    return Object.assign(new Playground('', lang), { refused: e?.message ?? String(e) });
  }
}

/** (Re)creates the session from the URL hash. Whatever the link holds, the page ends ready. */
function start() {
  const link = splitHash(location.hash);
  page = link.page;
  running = false;
  // The language first: every message below is written in it.
  guard(applyPage);
  const created = guard(() => {
    const next = create(link.core, language());
    pg?.free();
    pg = next;
    sayNotices([pg.refused, pg.notices(), ...linkNotices(link)]);
    return true;
  });
  if (!created) return; // a panic: guard() has said so and set the status
  network.shape = '';
  drawnPoints = '';
  guard(sync);
  setStatus('ready');
  ui.presets.value = '';
}

await init();
ui.speed.replaceChildren(...SPEEDS.map((s) => new Option(s, s)));
wire();
start();
fitCanvases();
requestAnimationFrame(frame);

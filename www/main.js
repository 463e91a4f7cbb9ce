// Boots the page and runs the frame loop. No math here: the wasm handle
// trains and draws; the modules beside this one wire controls to it.
import init, { Playground, lastPanic } from './pkg/neuroplay.js';
import { t, setLanguage, browserLanguage, language } from './i18n.js';
import { splitHash, joinHash } from './state.js';
import { Controls } from './controls.js';
import { Network } from './network.js';
import { PRESETS } from './presets.js';

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
let dirty = true;    // the views need drawing
let drawnPoints = ''; // what the points canvas shows
let charts = null;

const controls = new Controls(document, change);
const network = new Network(document, change, () => { dirty = true; });

function setStatus(s) {
  status = s;
  ui.status.textContent = language() === 'en' ? s : t(`status.${s}`);
  ui.status.dataset.state = s;
  document.body.classList.toggle('running', running);
  ui.play.setAttribute('aria-label', t(running ? 'pause' : 'play'));
}

function say(text) {
  ui.message.textContent = text;
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
      say(t('msg.internal', { error: panic }));
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
    say(wasReset && trained ? t('msg.reset') : '');
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
  charts?.sync(pg);
  saveHash();
  dirty = true;
}

function setPage(key, value) {
  page[key] = value;
  applyPage();
  saveHash();
  dirty = true;
}

/** Applies the page keys: language, presenter mode, hidden controls, toggles. */
function applyPage() {
  const lang = page.lang || browserLanguage();
  setLanguage(lang);
  pg?.setLanguage(lang);
  ui.language.value = lang;
  document.body.classList.toggle('presenter', page.presenter === '1');
  ui.presenter.setAttribute('aria-pressed', String(page.presenter === '1'));
  const hidden = new Set(page.hide.split(',').filter(Boolean));
  for (const el of document.querySelectorAll('[data-control]')) el.hidden = hidden.has(el.dataset.control);
  ui.speed.value = page.speed;
  ui.showTest.checked = page.showTest === '1';
  ui.discretize.checked = page.discretize === '1';
  if (charts) charts.logScale = page.log === '1';
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
  charts?.draw(pg);
  ui.restoreBest.disabled = pg.bestEpoch() < 0;
}

function onHalt() {
  running = false;
  setStatus(pg.halt() === 'diverged' ? 'diverged' : 'paused');
  say(pg.haltMessage());
}

/** The page's own work (JS and wasm) in each of the last frames, in ms. */
const frameWork = { times: new Float64Array(600), count: 0 };
window.playgroundFrameTimes = () => {
  const n = Math.min(frameWork.count, frameWork.times.length);
  return { count: frameWork.count, times: Array.from(frameWork.times.subarray(0, n)), epoch: pg.epoch() };
};

function frame() {
  const start = performance.now();
  guard(() => {
    if (running) {
      if (!pg.trainEpochs(Number(page.speed))) onHalt();
      dirty = true;
    }
    if (dirty) render();
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
    if (pg.restoreBest()) say(t('msg.restored', { epoch: pg.bestEpoch() }));
    dirty = true;
  });
  ui.speed.onchange = () => setPage('speed', ui.speed.value);
  ui.showTest.onchange = () => setPage('showTest', ui.showTest.checked ? '1' : '0');
  ui.discretize.onchange = () => setPage('discretize', ui.discretize.checked ? '1' : '0');
  ui.logScale.addEventListener('change', () => setPage('log', ui.logScale.checked ? '1' : '0'));
  ui.language.onchange = () => {
    setPage('lang', ui.language.value);
    network.shape = '';
    sync();
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
    say(t('msg.preset', { name: preset[language()] ?? preset.en }));
  };
  window.addEventListener('resize', () => {
    fitCanvases();
    network.needsLayout = true;
  });
  window.addEventListener('hashchange', () => {
    const { core } = splitHash(location.hash);
    if (core !== pg.query()) start();
  });
  document.addEventListener('keydown', (e) => {
    if (e.target.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
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

/** (Re)creates the session from the URL hash. */
function start() {
  const { core, page: fromLink } = splitHash(location.hash);
  page = fromLink;
  guard(() => {
    pg?.free();
    pg = new Playground(core, page.lang || browserLanguage());
    const notices = pg.notices();
    say(notices ? `${t('msg.link')}\n${notices}` : '');
  });
  running = false;
  applyPage();
  setStatus('ready');
  network.shape = '';
  drawnPoints = '';
  sync();
  ui.presets.value = '';
}

await init();
try {
  ({ Charts: charts } = await import('./charts.js'));
  charts = new charts(document);
} catch {
  charts = null;
}
wire();
start();
fitCanvases();
requestAnimationFrame(frame);

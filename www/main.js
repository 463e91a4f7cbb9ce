// Wires the page to the one wasm handle. No math here: Rust trains and draws;
// this file reads controls, calls coarse methods and shows readouts.
import init, { Playground, lastPanic } from './pkg/neuroplay.js';

const LEARNING_RATES = ['0.00001', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10'];
const MAX_LAYERS = 8;
const MAX_NEURONS = 32;

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);
const ui = {
  play: $('play'), step: $('step'), reset: $('reset'),
  epoch: $('epoch'), status: $('status'), message: $('message'),
  trainLoss: $('train-loss'), testLoss: $('test-loss'), accuracy: $('accuracy'),
  dataset: $('dataset'), activation: $('activation'), learningRate: $('learning-rate'), batchSize: $('batch-size'),
  layers: $('layers'), layerCount: $('layer-count'), addLayer: $('add-layer'), removeLayer: $('remove-layer'),
  boundary: $('boundary'), points: $('points'), lossChart: $('loss-chart'),
};

let pg;             // the Playground handle
let running = false;
let status = 'ready';
let dirty = true;   // the views need drawing
let drawnData = -1; // data version the points canvas shows

function setStatus(s) {
  status = s;
  ui.status.textContent = s;
  document.body.classList.toggle('running', running);
  ui.play.setAttribute('aria-label', running ? 'Pause' : 'Play');
}

function say(text) {
  ui.message.textContent = text;
}

/** Runs `fn`, turning any exception (a Rust error or a panic) into a message. */
function guard(fn) {
  try {
    return fn();
  } catch (e) {
    const panic = lastPanic();
    running = false;
    if (panic) {
      setStatus('error');
      say(`Internal error: ${panic}. Reload the page to continue.`);
    } else {
      say(e?.message ?? String(e));
    }
    return undefined;
  }
}

function saveHash() {
  history.replaceState(null, '', `#${pg.query()}`);
}

/** Changes one setting; says so when training had to start over. */
function change(key, value) {
  guard(() => {
    const trained = pg.epoch() > 0 || pg.steps() > 0;
    const wasReset = pg.set(key, value);
    say(wasReset && trained ? `Changing ${key} starts training over.` : '');
    if (wasReset) {
      running = false;
      setStatus('ready');
    }
    syncControls();
    saveHash();
    dirty = true;
  });
}

function hiddenLayers() {
  const text = pg.get('layers');
  return text ? text.split(',').map(Number) : [];
}

function setLayers(layers) {
  change('layers', layers.join(','));
}

/** Puts the handle's settings into the controls. */
function syncControls() {
  ui.dataset.value = pg.get('dataset');
  const act = pg.get('activation');
  ui.activation.value = act.includes(',') ? act.split(',')[0] : act;
  ui.learningRate.value = pg.get('lr');
  if (ui.learningRate.value !== pg.get('lr')) {
    ui.learningRate.add(new Option(pg.get('lr'), pg.get('lr'), true, true));
  }
  ui.batchSize.value = pg.get('batch');

  const layers = hiddenLayers();
  ui.layerCount.textContent = String(layers.length);
  ui.addLayer.disabled = layers.length >= MAX_LAYERS;
  ui.removeLayer.disabled = layers.length === 0;
  ui.layers.replaceChildren(...layers.map((n, i) => {
    const li = document.createElement('li');
    const minus = Object.assign(document.createElement('button'), { textContent: '−', disabled: n <= 1 });
    minus.setAttribute('aria-label', `Fewer neurons in layer ${i + 1}`);
    minus.dataset.testid = `neurons-minus-${i}`;
    const plus = Object.assign(document.createElement('button'), { textContent: '+', disabled: n >= MAX_NEURONS });
    plus.setAttribute('aria-label', `More neurons in layer ${i + 1}`);
    plus.dataset.testid = `neurons-plus-${i}`;
    const count = Object.assign(document.createElement('output'), { textContent: String(n) });
    count.dataset.testid = `neurons-${i}`;
    minus.onclick = () => setLayers(layers.map((m, j) => (j === i ? m - 1 : m)));
    plus.onclick = () => setLayers(layers.map((m, j) => (j === i ? m + 1 : m)));
    li.append(minus, count, plus);
    return li;
  }));
}

function format(x, digits = 3) {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** Matches each canvas's pixel size to its displayed size, for sharp drawing. */
function fitCanvases() {
  const dpr = Math.min(window.devicePixelRatio || 1, 2);
  for (const c of [ui.boundary, ui.points, ui.lossChart]) {
    const w = Math.round(c.clientWidth * dpr);
    const h = Math.round(c.clientHeight * dpr);
    if (w > 0 && h > 0 && (c.width !== w || c.height !== h)) {
      c.width = w;
      c.height = h;
      dirty = true;
      drawnData = -1;
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
  pg.drawOutput(ui.boundary, false);
  if (drawnData !== pg.dataVersion()) {
    pg.drawPoints(ui.points, true);
    drawnData = pg.dataVersion();
  }
  pg.drawLossChart(ui.lossChart);
}

function onHalt() {
  running = false;
  const halt = pg.halt();
  setStatus(halt === 'diverged' ? 'diverged' : 'paused');
  say(pg.haltMessage());
}

function frame() {
  guard(() => {
    if (running) {
      if (!pg.trainEpochs(1)) onHalt();
      dirty = true;
    }
    if (dirty) render();
  });
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

function wire() {
  for (const lr of LEARNING_RATES) ui.learningRate.add(new Option(lr, lr));
  ui.play.onclick = togglePlay;
  ui.step.onclick = () => guard(() => {
    running = false;
    if (!pg.step()) onHalt(); else setStatus('paused');
    render();
  });
  ui.reset.onclick = () => guard(() => {
    pg.reset();
    running = false;
    setStatus('ready');
    say('');
    render();
  });
  ui.dataset.onchange = () => change('dataset', ui.dataset.value);
  ui.activation.onchange = () => change('activation', ui.activation.value);
  ui.learningRate.onchange = () => change('lr', ui.learningRate.value);
  ui.batchSize.onchange = () => change('batch', ui.batchSize.value);
  ui.addLayer.onclick = () => setLayers([...hiddenLayers(), 4]);
  ui.removeLayer.onclick = () => setLayers(hiddenLayers().slice(0, -1));
  window.addEventListener('resize', fitCanvases);
  window.addEventListener('hashchange', () => {
    if (location.hash.slice(1) !== pg.query()) start();
  });
}

/** (Re)creates the session from the URL hash. */
function start() {
  guard(() => {
    pg?.free();
    pg = new Playground(decodeURIComponent(location.hash.slice(1)));
    const notices = pg.notices();
    say(notices ? `Some link settings were ignored:\n${notices}` : '');
    running = false;
    setStatus('ready');
    syncControls();
    saveHash();
    drawnData = -1;
    dirty = true;
  });
}

await init();
wire();
start();
fitCanvases();
requestAnimationFrame(frame);

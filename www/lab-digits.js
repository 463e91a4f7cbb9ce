// The handwritten-digits lab: the engine's network trained on real 8×8
// images (fetched from the site's own data/digits.bin when the lab first
// opens), with its curves, the test images it reads and misreads, the
// confusion matrix, the first layer's weights as pictures, and a pad to
// draw a digit on, read by the network as it is drawn.
import { DigitsLab } from './pkg/neuroplay.js';
import { el } from './controls.js';
import { t, fixed, count } from './i18n.js';
import { LabView, readout, message, button } from './labs.js';
import { CHARTS_EVERY_MS } from './scheduler.js';
import { download } from './own.js';

/** Rows of training work per call, and the time a frame may spend training (ms): the rest of the frame draws. */
const WORK = 600;
const TRAIN_MS = 6;
/**
 * What is redrawn in turn while training, one a frame, each at most every
 * CHARTS_EVERY_MS (as the playground's charts): the readouts (the network
 * now, as the exports have it), then the figures.
 */
const FIGURES = ['readouts', 'loss', 'accuracy', 'gallery', 'confusion', 'features'];

/** The data file, fetched once for every opening of the lab. @type {Promise<Uint8Array> | null} */
let data = null;

/** The data file's bytes, from the page's own origin. */
function fetchDigits() {
  data ??= fetch(new URL('data/digits.bin', document.baseURI)).then(async (r) => {
    if (!r.ok) throw new Error(`data/digits.bin: ${r.status}`);
    return new Uint8Array(await r.arrayBuffer());
  });
  data.catch(() => { data = null; });
  return data;
}

/** A probability as a percentage in the page's language. */
const percent = (/** @type {number} */ p) => `${fixed(100 * p, 1)} %`;

/** @extends {LabView<DigitsLab>} */
export default class DigitsView extends LabView {
  loaded = false;
  /** @type {number | null} the pointer drawing on the pad */
  #pen = null;
  /** Whether the pad was cleared since it was drawn. */
  #padDirty = true;
  /** When each of FIGURES was last drawn (ms). @type {number[]} */
  #drawnAt = FIGURES.map(() => 0);

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, DigitsLab, 'digits', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    const bars = el('div', { className: 'digit-bars', dataset: { testid: 'digits-probs' } });
    const picked = el('div', { className: 'digit-bars', dataset: { testid: 'digits-picked-probs' } });
    return el('main', { className: 'lab digits', hidden: true, dataset: { labView: 'digits' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.digits.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.digits.intro' } }),
        el('div', { dataset: { fields: 'digits' } }),
        el('div', { className: 'row lab-buttons' },
          button('digits-train', 'lab.run'),
          button('digits-reset', 'lab.reset'),
        ),
        readout('lab.digits.epoch', 'digits-epoch'),
        readout('lab.digits.testAccuracy', 'digits-test-accuracy', 'wide'),
        readout('lab.digits.trainAccuracy', 'digits-train-accuracy'),
        readout('lab.digits.wrong', 'digits-wrong'),
        message('digits-message'),
        el('div', { className: 'row lab-buttons' },
          button('digits-export-data', 'lab.digits.exportData'),
          button('digits-export-model', 'lab.digits.exportModel'),
          button('digits-export-python', 'lab.digits.exportPython'),
          button('digits-export-pytorch', 'lab.digits.exportPytorch'),
          el('label', { className: 'file-button' },
            el('span', { dataset: { i18n: 'lab.digits.loadModel' } }),
            el('input', { type: 'file', accept: '.json,application/json', dataset: { testid: 'digits-load-model' } })),
        ),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.digits.source' } }),
      ),
      el('section', { className: 'panel lab-figure' },
        el('div', { className: 'figure-grid' },
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'chart.loss.title' } }),
            el('canvas', { role: 'img', dataset: { testid: 'digits-loss', i18nAria: 'lab.digits.lossAria' } })),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'chart.accuracy.title' } }),
            el('canvas', { role: 'img', dataset: { testid: 'digits-accuracy', i18nAria: 'lab.digits.accuracyAria' } })),
        ),
        el('h3', { dataset: { i18n: 'lab.digits.featuresTitle' } }),
        el('p', { className: 'lab-intro', dataset: { testid: 'digits-features-note', i18n: 'lab.digits.featuresNote' } }),
        el('canvas', { className: 'features', role: 'img', dataset: { testid: 'digits-features', i18nAria: 'lab.digits.featuresAria' } }),
        el('h3', { dataset: { i18n: 'lab.digits.galleryTitle' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.digits.galleryNote' } }),
        el('div', { className: 'gallery-row' },
          el('canvas', { className: 'gallery', role: 'img', dataset: { testid: 'digits-gallery', i18nAria: 'lab.digits.galleryAria' } }),
          el('div', { className: 'picked' },
            el('canvas', { className: 'square', role: 'img', dataset: { testid: 'digits-picked', i18nAria: 'lab.digits.pickedAria' } }),
            el('p', { className: 'lab-intro', dataset: { testid: 'digits-picked-text' } }),
            picked)),
      ),
      el('section', { className: 'panel lab-side' },
        el('h3', { dataset: { i18n: 'lab.digits.drawTitle' } }),
        el('div', { className: 'pad-row' },
          el('canvas', { className: 'pad square', role: 'img', dataset: { testid: 'digits-pad', i18nAria: 'lab.digits.padAria' } }),
          el('figure', { className: 'input' },
            el('canvas', { className: 'square', role: 'img', dataset: { testid: 'digits-input', i18nAria: 'lab.digits.inputAria' } }),
            el('figcaption', { dataset: { i18n: 'lab.digits.inputCaption' } }))),
        el('div', { className: 'row lab-buttons' }, button('digits-clear', 'lab.digits.clear')),
        readout('lab.digits.guess', 'digits-guess', 'wide'),
        bars,
        el('p', { className: 'lab-intro', dataset: { testid: 'digits-lit' } }),
        el('h3', { dataset: { i18n: 'lab.digits.confusionTitle' } }),
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'digits-confusion', i18nAria: 'lab.digits.confusionAria' } }),
      ),
    );
  }

  /** @param {string} query */
  create(query) {
    const notices = super.create(query);
    this.loaded = false;
    this.#padDirty = true;
    const handle = this.live;
    fetchDigits().then((bytes) => {
      if (this.handle !== handle) return;
      this.guard(() => {
        handle.load(bytes);
        this.loaded = true;
        this.messages.say('');
        this.draw();
      });
    }, () => {
      if (this.handle === handle) this.messages.say(() => t('lab.digits.failed'));
    });
    this.messages.say(() => t('lab.digits.loading'));
    return notices;
  }

  /**
   * The link's notices, unless the images are still loading (that is said until they are).
   * @param {import('./messages.js').LinkNotices} link
   */
  announce(link) {
    const wrong = link.notices?.length || link.invalid?.length || link.undecodable?.length;
    if (wrong || this.loaded) super.announce(link);
  }

  wire() {
    this.runButton = this.$('digits-train');
    this.runButton.onclick = () => this.toggle();
    this.resetButton = this.$('digits-reset');
    this.resetButton.onclick = () => this.guard(() => { this.live.reset(); this.messages.say(''); this.draw(); });
    this.$('digits-clear').onclick = () => this.guard(() => { this.live.clearPad(); this.#padDirty = true; this.drawDrawing(); });
    /** @type {[string, string, string, () => string | undefined][]} */
    const exports = [
      ['digits-export-data', 'digits.csv', 'text/csv', () => this.live.exportData()],
      ['digits-export-model', 'digits_model.json', 'application/json', () => this.live.exportModel()],
      ['digits-export-python', 'digits_numpy.py', 'text/x-python', () => this.live.exportPython()],
      ['digits-export-pytorch', 'digits_pytorch.py', 'text/x-python', () => this.live.exportPytorch()],
    ];
    for (const [id, name, type, content] of exports) {
      this.$(id).onclick = () => this.guard(() => {
        const text = content();
        if (text === undefined) this.messages.say(() => t('lab.digits.loading'));
        else download(name, text, type);
      });
    }
    const load = this.$('digits-load-model', HTMLInputElement);
    load.onchange = () => {
      const file = load.files?.[0];
      // Forgotten, so that the same file can be picked again.
      load.value = '';
      file?.text().then((text) => this.#loadModel(text));
    };
    const pad = this.$('digits-pad', HTMLCanvasElement);
    pad.addEventListener('pointerdown', (e) => this.guard(() => {
      e.preventDefault();
      pad.setPointerCapture(e.pointerId);
      this.#pen = e.pointerId;
      const [x, y] = LabView.pixel(pad, e);
      this.live.penDown(pad, x, y);
      this.drawDrawing();
    }));
    pad.addEventListener('pointermove', (e) => {
      if (this.#pen !== e.pointerId) return;
      this.guard(() => {
        for (const step of e.getCoalescedEvents?.() ?? [e]) {
          const [x, y] = LabView.pixel(pad, step);
          this.live.penTo(x, y);
        }
        this.drawDrawing();
      });
    });
    const lift = (/** @type {PointerEvent} */ e) => { if (this.#pen === e.pointerId) this.#pen = null; };
    pad.addEventListener('pointerup', lift);
    pad.addEventListener('pointercancel', lift);
    const gallery = this.$('digits-gallery', HTMLCanvasElement);
    gallery.addEventListener('click', (e) => this.guard(() => {
      const [x, y] = LabView.pixel(gallery, e);
      this.live.pickAt(gallery, x, y);
      this.draw();
    }));
  }

  /**
   * Loads a model file's text: its settings and network replace the run's, or the reason it was refused is said.
   * @param {string} text
   */
  #loadModel(text) {
    if (!this.loaded) {
      this.messages.say(() => t('lab.digits.loading'));
      return;
    }
    this.guard(() => {
      const refused = this.live.loadModel(text);
      if (refused) {
        this.messages.say(refused);
        return;
      }
      this.stop();
      this.sync();
      this.messages.say(() => t('lab.digits.loaded'));
    });
  }

  /** Runs or pauses; paused, every readout and figure shows the network as it stopped. */
  toggle() {
    super.toggle();
    if (!this.running && this.handle && this.loaded) this.guard(() => this.draw());
  }

  fit() {
    // A canvas resized is blank: the pad too, even while training.
    this.#padDirty = true;
    super.fit();
  }

  frame() {
    // Training waits for the images.
    if (this.loaded) super.frame();
  }

  tick() {
    const h = this.live;
    const deadline = performance.now() + TRAIN_MS;
    let more = true;
    while (more && performance.now() < deadline) more = h.train(WORK);
    return more;
  }

  draw() {
    if (this.running) {
      // One figure a frame, the one drawn longest ago, if that was CHARTS_EVERY_MS ago.
      const now = performance.now();
      const i = this.#drawnAt.indexOf(Math.min(...this.#drawnAt));
      if (now - this.#drawnAt[i] >= CHARTS_EVERY_MS) this.#figure(FIGURES[i]);
    } else {
      for (const name of FIGURES) this.#figure(name);
    }
    this.drawDrawing();
  }

  /**
   * Draws one of FIGURES.
   * @param {string} name
   */
  #figure(name) {
    const h = this.live;
    this.#drawnAt[FIGURES.indexOf(name)] = performance.now();
    if (name === 'readouts') this.#readouts();
    const parts = { train: t('chart.part.train'), validation: t('chart.part.validation'), test: t('chart.part.test') };
    if (name === 'loss') h.drawLoss(this.$('digits-loss', HTMLCanvasElement), { x: t('chart.epoch'), y: t('chart.loss'), best: t('chart.best'), ...parts });
    if (name === 'accuracy') h.drawAccuracy(this.$('digits-accuracy', HTMLCanvasElement), { x: t('chart.epoch'), y: t('chart.accuracy'), note: t('chart.regression'), ...parts });
    if (name === 'confusion') h.drawConfusion(this.$('digits-confusion', HTMLCanvasElement), { digit: t('lab.digits.digit'), guess: t('lab.digits.guessAxis') });
    if (name === 'features') h.drawFeatures(this.$('digits-features', HTMLCanvasElement));
    if (name !== 'gallery') return;
    h.drawGallery(this.$('digits-gallery', HTMLCanvasElement));
    h.drawPicked(this.$('digits-picked', HTMLCanvasElement));
    const picked = h.picked();
    this.$('digits-picked-text').textContent = picked
      ? t('lab.digits.pickedText', { digit: picked.digit ?? '', guess: picked.guess })
      : t('lab.digits.pickHint');
    this.#bars(this.$('digits-picked-probs'), picked?.probabilities ?? []);
  }

  /** The epoch and the network's accuracy now: what the exports report. */
  #readouts() {
    const r = this.live.readouts();
    const epoch = this.$('digits-epoch');
    epoch.textContent = count(r.epoch);
    epoch.dataset.stepInEpoch = String(r.stepInEpoch);
    this.$('digits-test-accuracy').textContent = r.testAccuracy == null ? '–' : percent(r.testAccuracy);
    this.$('digits-train-accuracy').textContent = r.trainAccuracy == null ? '–' : percent(r.trainAccuracy);
    this.$('digits-wrong').textContent = r.loaded ? t('lab.digits.wrongOf', { wrong: r.wrong, tests: r.tests }) : '–';
    if (r.halt) this.messages.say(r.halt);
  }

  /** The pad, its 8×8 input, the bars, the guess, the lit features (framed on the features when paused; in turn while training): all a stroke changes. */
  drawDrawing() {
    const h = this.live;
    // The pad and its 8×8 input change with a stroke alone, not with training.
    if (!this.running || this.#pen !== null || this.#padDirty) {
      h.drawPad(this.$('digits-pad', HTMLCanvasElement));
      h.drawInput(this.$('digits-input', HTMLCanvasElement));
      this.#padDirty = false;
    }
    if (!this.running) this.#figure('features');
    const reading = h.reading();
    this.$('digits-guess').textContent = reading ? String(reading.guess) : '–';
    this.#bars(this.$('digits-probs'), reading?.probabilities ?? []);
    this.$('digits-lit').textContent = reading?.lit.length
      ? t('lab.digits.lit', { neurons: reading.lit.map(([j]) => j + 1).join(', ') })
      : (reading ? '' : t(this.loaded ? 'lab.digits.drawHint' : 'lab.digits.loading'));
  }

  /**
   * Ten bars of `probabilities` (none: empty bars) in `box`, each named by its digit and probability.
   * @param {HTMLElement} box
   * @param {number[]} probabilities
   */
  #bars(box, probabilities) {
    if (box.children.length !== 10) {
      box.replaceChildren(...Array.from({ length: 10 }, (_, d) => el('div', { className: 'digit-bar', role: 'img' },
        el('span', { className: 'digit' }, String(d)), el('progress', { max: 1, value: 0 }), el('output'))));
    }
    [...box.children].forEach((bar, d) => {
      const p = probabilities[d];
      const shown = p === undefined ? '–' : percent(p);
      bar.setAttribute('aria-label', t('lab.digits.barLabel', { digit: d, probability: shown }));
      const progress = bar.querySelector('progress');
      if (progress) progress.value = p ?? 0;
      const out = bar.querySelector('output');
      if (out) out.textContent = shown;
    });
  }
}

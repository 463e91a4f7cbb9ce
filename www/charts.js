// The charts under the network: loss, accuracy, each layer's gradient
// size, and one hidden layer's activation over its pre-activations. Rust draws them (plotters);
// this file finds the elements, passes the translated words and the
// pointer, fills the layer picker and the tooltip.
import { t, num, fixed, value, language, onLanguage } from './i18n.js';
import { fitCanvases } from './output.js';
import { find } from './dom.js';

/** @typedef {import('./pkg/neuroplay.js').Playground} Playground */

/** Gap between the guide line and the tooltip, in CSS pixels. */
const TIP_GAP = 12;

/** @typedef {'loss' | 'accuracy' | 'gradients' | 'activation'} Chart */

const loss = (/** @type {number | null} */ v) => (typeof v === 'number' && Number.isFinite(v) ? value(v) : '–');
const percent = (/** @type {number | null} */ v) => (typeof v === 'number' && Number.isFinite(v) ? `${fixed(100 * v, 1)} %` : '–');
const number = (/** @type {number} */ v) => fixed(v, 3);


export class Charts {
  /** @type {Record<Chart, HTMLCanvasElement | null>} */
  #canvas;
  #logBox;
  #layerPicker;
  #tooltip;
  #session;     // holds the live handle, for pointer and control events too
  /** @type {{ chart: Chart, x: number } | null} the chart under the pointer and its pixel column */
  #hover = null;
  /** @type {number[]} when each chart (in #canvas's order) was last drawn */
  #drawnAt;
  #options = ''; // the layers and language the picker was filled for

  /**
   * @param {ParentNode} root
   * @param {import('./session.js').Session} session
   */
  constructor(root, session) {
    this.#session = session;
    // Each piece may be left out of a page (the tests build a part of one).
    this.#canvas = {
      loss: find(root, 'loss-chart', HTMLCanvasElement), accuracy: find(root, 'accuracy-chart', HTMLCanvasElement),
      gradients: find(root, 'gradient-chart', HTMLCanvasElement), activation: find(root, 'activation-chart', HTMLCanvasElement),
    };
    // One time a chart, so that drawNext() takes turns over all of them.
    this.#drawnAt = Object.keys(this.#canvas).map(() => 0);
    this.#logBox = find(root, 'log-scale', HTMLInputElement);
    this.#layerPicker = find(root, 'activation-layer', HTMLSelectElement);
    this.#tooltip = find(root, 'chart-tooltip', HTMLElement);
    for (const [chart, canvas] of /** @type {[Chart, HTMLCanvasElement | null][]} */ (Object.entries(this.#canvas))) {
      canvas?.addEventListener('pointermove', (e) => this.#point(chart, canvas, e));
      canvas?.addEventListener('pointerleave', () => this.#leave(chart));
    }
    this.#logBox?.addEventListener('change', () => this.#redraw('loss'));
    this.#layerPicker?.addEventListener('change', () => this.#redraw('activation'));
    // Layer names are words: a new language fills the picker anew.
    onLanguage(() => { if (session.pg) this.#fillLayers(session.pg); });
  }

  /** Whether the loss axis is logarithmic. */
  get logScale() {
    return Boolean(this.#logBox?.checked);
  }

  /**
   * Sets the box only: a click on it redraws the loss chart (the listener above), a link's value is drawn by the caller's next render.
   * @param {boolean} on
   */
  set logScale(on) {
    if (this.#logBox) this.#logBox.checked = Boolean(on);
  }

  /** Fits the canvases to their boxes; returns whether they changed size. */
  fit() {
    return fitCanvases(Object.values(this.#canvas).filter((c) => c !== null));
  }

  /** After a reset or a settings change: refills the layer picker, keeping its choice while it exists. */
  sync() {
    this.#fillLayers(this.#session.live);
  }

  /** Draws every chart; called on every rendered frame. */
  draw() {
    const pg = this.#session.live;
    for (const chart of this.#charts()) this.#draw(pg, chart);
    if (this.#hover) this.#tip(pg);
    this.#drawnAt.fill(performance.now());
  }

  /**
   * While training: redraws the chart drawn longest ago, if that was at
   * least `every` ms ago, so a frame pays for one chart, not all of them.
   * @param {number} every
   */
  drawNext(every) {
    const charts = this.#charts();
    const now = performance.now();
    const i = this.#drawnAt.indexOf(Math.min(...this.#drawnAt));
    if (now - this.#drawnAt[i] < every) return;
    const pg = this.#session.live;
    this.#draw(pg, charts[i]);
    if (this.#hover?.chart === charts[i]) this.#tip(pg);
    this.#drawnAt[i] = now;
  }

  /** The charts, in #canvas's order. */
  #charts() {
    return /** @type {Chart[]} */ (Object.keys(this.#canvas));
  }

  /**
   * Fills the picker with the hidden layers, when they or the language changed.
   * @param {Playground} pg
   */
  #fillLayers(pg) {
    const picker = this.#layerPicker;
    if (!picker) return;
    const names = pg.hiddenActivations();
    const key = `${language()}|${names.join(',')}`;
    if (key === this.#options) return;
    this.#options = key;
    const kept = Number(picker.value);
    picker.replaceChildren(...names.map((name, i) => new Option(
      t('chart.layer', { n: i + 1, activation: t(`option.activation.${name}`) }), String(i),
    )));
    picker.value = String(kept < names.length ? kept : 0);
    picker.disabled = names.length === 0;
    picker.setAttribute('aria-label', t('chart.layerLabel'));
  }

  /** The chosen hidden layer (0 when there is none: Rust then draws a note). */
  #layer() {
    return Number(this.#layerPicker?.value) || 0;
  }

  /**
   * @param {Playground} pg
   * @param {Chart} chart
   */
  #draw(pg, chart) {
    const canvas = this.#canvas[chart];
    if (!canvas) return;
    const x = this.#hover?.chart === chart ? this.#hover.x : undefined;
    // The curves' names, for the legends.
    const parts = { train: t('chart.part.train'), validation: t('chart.part.validation'), test: t('chart.part.test') };
    if (chart === 'loss') {
      pg.drawLossCurves(canvas, this.logScale, x, { x: t('chart.epoch'), y: t('chart.loss'), best: t('chart.best'), ...parts });
    } else if (chart === 'accuracy') {
      pg.drawAccuracyCurves(canvas, x, { x: t('chart.epoch'), y: t('chart.accuracy'), note: t('chart.regression'), ...parts });
    } else if (chart === 'gradients') {
      pg.drawGradientChart(canvas, x, {
        x: t('chart.epoch'), y: t('chart.gradient.axis'), layer: t('chart.gradient.layer'), output: t('chart.gradient.output'),
      });
    } else {
      const layer = this.#layer();
      const stats = pg.activationStats(layer);
      let note = t('chart.noLayer');
      if (stats) note = t('chart.measure', { mean: num(stats.meanSlope, 2), share: num(100 * stats.smallShare, 0) });
      if (stats && stats.dead > 0) note += ` · ${t('chart.dead', { dead: stats.dead, neurons: stats.neurons })}`;
      pg.drawActivationChart(canvas, layer, x, { x: t('chart.z'), note });
    }
  }

  /**
   * Redraws one chart now, when the page is paused too.
   * @param {Chart} chart
   */
  #redraw(chart) {
    const pg = this.#session.pg;
    if (!pg || this.#session.dead) return;
    this.#draw(pg, chart);
    if (this.#hover) this.#tip(pg);
  }

  /**
   * @param {Chart} chart
   * @param {HTMLCanvasElement} canvas
   * @param {PointerEvent} event
   */
  #point(chart, canvas, event) {
    const box = canvas.getBoundingClientRect();
    if (box.width === 0) return;
    this.#hover = { chart, x: (event.clientX - box.left) * (canvas.width / box.width) };
    this.#redraw(chart);
  }

  /** @param {Chart} chart */
  #leave(chart) {
    if (this.#hover?.chart !== chart) return;
    this.#hover = null;
    this.#hideTip();
    this.#redraw(chart);
  }

  /**
   * Fills and places the tooltip for the hovered chart, or hides it when nothing is under the pointer.
   * @param {Playground} pg
   */
  #tip(pg) {
    const canvas = this.#hover && this.#canvas[this.#hover.chart];
    if (!this.#hover || !canvas) return;
    const { chart, x } = this.#hover;
    /** @type {{ column: number } | null} */
    let at;
    /** @type {string[]} */
    let lines = [];
    if (chart === 'activation') {
      const under = pg.activationAt(canvas, this.#layer(), x);
      at = under;
      if (under) {
        lines = [`z = ${number(under.z)}`, `f(z) = ${number(under.f)}`, `f′(z) = ${number(under.slope)}`,
          t('chart.tip.bar', { share: fixed(100 * under.share, 1) })];
      }
    } else if (chart === 'gradients') {
      const under = pg.gradientsAt(canvas, x);
      at = under;
      if (under) {
        const n = under.sizes.length;
        lines = [t('chart.tip.epoch', { epoch: under.epoch }), ...under.sizes.map((v, i) => `${
          i + 1 === n ? t('chart.gradient.output') : t('chart.gradient.layer', { n: i + 1 })}: ${value(v)}`).reverse()];
      }
    } else {
      const under = chart === 'loss' ? pg.lossAt(canvas, x) : pg.accuracyAt(canvas, x);
      at = under;
      const value = chart === 'loss' ? loss : percent;
      if (under) {
        lines = [t('chart.tip.epoch', { epoch: under.epoch }), t('chart.tip.train', { value: value(under.train) })];
        if (under.validation !== null) lines.push(t('chart.tip.validation', { value: value(under.validation) }));
        lines.push(t('chart.tip.test', { value: value(under.test) }));
      }
    }
    if (!at || !this.#tooltip) {
      this.#hideTip();
      return;
    }
    const tip = this.#tooltip;
    tip.replaceChildren(...lines.map((text) => Object.assign(document.createElement('div'), { textContent: text })));
    tip.hidden = false;
    // Beside the guide line (the last number is its pixel column), inside the tooltip's positioned parent.
    const parent = (tip.offsetParent ?? tip.parentElement ?? document.body).getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const guide = box.left + at.column * (box.width / canvas.width);
    const right = guide + TIP_GAP + tip.offsetWidth <= box.right;
    const left = (right ? guide + TIP_GAP : guide - TIP_GAP - tip.offsetWidth) - parent.left;
    tip.style.left = `${Math.round(Math.max(0, Math.min(left, parent.width - tip.offsetWidth)))}px`;
    tip.style.top = `${Math.round(box.top - parent.top + TIP_GAP)}px`;
  }

  #hideTip() {
    if (this.#tooltip) this.#tooltip.hidden = true;
  }
}

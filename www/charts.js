// The charts under the network: loss, accuracy, each layer's gradient
// size, and one hidden layer's activation over its pre-activations. Rust draws them (plotters);
// this file finds the elements, passes the translated words and the
// pointer, fills the layer picker and the tooltip.
import { t, num, fixed, language, onLanguage } from './i18n.js';
import { fitCanvases } from './output.js';
import { $ } from './dom.js';

/** Gap between the guide line and the tooltip, in CSS pixels. */
const TIP_GAP = 12;

const loss = (v) => (Number.isFinite(v) ? num(Number(v.toPrecision(4)), 12) : '–');
const percent = (v) => (Number.isFinite(v) ? `${fixed(100 * v, 1)} %` : '–');
const number = (v) => fixed(v, 3);


export class Charts {
  #canvas;      // { loss, accuracy, activation }
  #logBox;
  #layerPicker;
  #tooltip;
  #session;     // holds the live handle, for pointer and control events too
  #hover = null; // { chart, x }: the chart under the pointer and its pixel column
  #drawnAt = [0, 0, 0]; // when each chart (in #canvas's order) was last drawn
  #options = ''; // the layers and language the picker was filled for

  constructor(root, session) {
    this.#session = session;
    this.#canvas = {
      loss: $(root, 'loss-chart'), accuracy: $(root, 'accuracy-chart'), gradients: $(root, 'gradient-chart'), activation: $(root, 'activation-chart'),
    };
    this.#logBox = $(root, 'log-scale');
    this.#layerPicker = $(root, 'activation-layer');
    this.#tooltip = $(root, 'chart-tooltip');
    for (const [chart, canvas] of Object.entries(this.#canvas)) {
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

  /** Sets the box only: a click on it redraws the loss chart (the listener above), a link's value is drawn by the caller's next render. */
  set logScale(on) {
    if (this.#logBox) this.#logBox.checked = Boolean(on);
  }

  /** Fits the canvases to their boxes; returns whether they changed size. */
  fit() {
    return fitCanvases(Object.values(this.#canvas).filter(Boolean));
  }

  /** After a reset or a settings change: refills the layer picker, keeping its choice while it exists. */
  sync() {
    this.#fillLayers(this.#session.pg);
  }

  /** Draws every chart; called on every rendered frame. */
  draw() {
    const pg = this.#session.pg;
    for (const chart of Object.keys(this.#canvas)) this.#draw(pg, chart);
    if (this.#hover) this.#tip(pg);
    this.#drawnAt.fill(performance.now());
  }

  /**
   * While training: redraws the chart drawn longest ago, if that was at
   * least `every` ms ago, so a frame pays for one chart, not all of them.
   */
  drawNext(every) {
    const charts = Object.keys(this.#canvas);
    const now = performance.now();
    const i = this.#drawnAt.indexOf(Math.min(...this.#drawnAt));
    if (now - this.#drawnAt[i] < every) return;
    const pg = this.#session.pg;
    this.#draw(pg, charts[i]);
    if (this.#hover?.chart === charts[i]) this.#tip(pg);
    this.#drawnAt[i] = now;
  }

  /** Fills the picker with the hidden layers, when they or the language changed. */
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
      if (stats) note = t('chart.measure', { mean: num(stats.meanSlope, 2), share: (100 * stats.smallShare).toFixed(0) });
      if (stats?.dead > 0) note += ` · ${t('chart.dead', { dead: stats.dead, neurons: stats.neurons })}`;
      pg.drawActivationChart(canvas, layer, x, { x: t('chart.z'), note });
    }
  }

  /** Redraws one chart now, when the page is paused too. */
  #redraw(chart) {
    const pg = this.#session.pg;
    if (!pg || this.#session.dead) return;
    this.#draw(pg, chart);
    if (this.#hover) this.#tip(pg);
  }

  #point(chart, canvas, event) {
    const box = canvas.getBoundingClientRect();
    if (box.width === 0) return;
    this.#hover = { chart, x: (event.clientX - box.left) * (canvas.width / box.width) };
    this.#redraw(chart);
  }

  #leave(chart) {
    if (this.#hover?.chart !== chart) return;
    this.#hover = null;
    this.#hideTip();
    this.#redraw(chart);
  }

  /** Fills and places the tooltip for the hovered chart, or hides it when nothing is under the pointer. */
  #tip(pg) {
    const { chart, x } = this.#hover;
    const canvas = this.#canvas[chart];
    let at;
    let lines;
    if (chart === 'activation') {
      at = pg.activationAt(canvas, this.#layer(), x);
      if (at) {
        lines = [`z = ${number(at.z)}`, `f(z) = ${number(at.f)}`, `f′(z) = ${number(at.slope)}`,
          t('chart.tip.bar', { share: fixed(100 * at.share, 1) })];
      }
    } else if (chart === 'gradients') {
      at = pg.gradientsAt(canvas, x);
      if (at) {
        const n = at.sizes.length;
        lines = [t('chart.tip.epoch', { epoch: at.epoch }), ...at.sizes.map((v, i) => `${
          i + 1 === n ? t('chart.gradient.output') : t('chart.gradient.layer', { n: i + 1 })}: ${num(v, 7)}`).reverse()];
      }
    } else {
      at = chart === 'loss' ? pg.lossAt(canvas, x) : pg.accuracyAt(canvas, x);
      const value = chart === 'loss' ? loss : percent;
      if (at) {
        lines = [t('chart.tip.epoch', { epoch: at.epoch }), t('chart.tip.train', { value: value(at.train) })];
        if (at.validation !== null) lines.push(t('chart.tip.validation', { value: value(at.validation) }));
        lines.push(t('chart.tip.test', { value: value(at.test) }));
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
    const parent = (tip.offsetParent ?? tip.parentElement).getBoundingClientRect();
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

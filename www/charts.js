// The three charts under the network: loss, accuracy, and one hidden
// layer's activation over its pre-activations. Rust draws them (plotters);
// this file finds the elements, passes the translated words and the
// pointer, fills the layer picker and the tooltip.
import { t, addStrings, language } from './i18n.js';

addStrings({
  en: {
    'chart.loss.title': 'Loss',
    'chart.log.label': 'log scale',
    'chart.accuracy.title': 'Accuracy',
    'chart.activation.title': 'Activation',
    'chart.epoch': 'epoch',
    'chart.loss': 'loss',
    'chart.accuracy': 'accuracy',
    'chart.best': 'best',
    'chart.regression': 'Accuracy is for classification.',
    'chart.z': 'pre-activation z',
    'chart.note': 'grey: f′ ≈ 0 for {share} % of z',
    'chart.dead': '{dead} of {neurons} neurons dead',
    'chart.noLayer': 'This network has no hidden layer.',
    'chart.layer': 'Layer {n} ({activation})',
    'chart.layerLabel': 'Hidden layer shown',
    'chart.act.relu': 'ReLU', 'chart.act.leaky-relu': 'leaky ReLU', 'chart.act.elu': 'ELU',
    'chart.act.tanh': 'tanh', 'chart.act.sigmoid': 'sigmoid', 'chart.act.linear': 'linear',
    'chart.tip.epoch': 'Epoch {epoch}',
    'chart.tip.train': 'train {value}',
    'chart.tip.test': 'test {value}',
    'chart.tip.bar': '{share} % of z in this bar',
  },
  cs: {
    'chart.loss.title': 'Chyba',
    'chart.log.label': 'logaritmická osa',
    'chart.accuracy.title': 'Přesnost',
    'chart.activation.title': 'Aktivace',
    'chart.epoch': 'epocha',
    'chart.loss': 'chyba',
    'chart.accuracy': 'přesnost',
    'chart.best': 'nejlepší',
    'chart.regression': 'Přesnost má smysl jen u klasifikace.',
    'chart.z': 'vstup aktivační funkce z',
    'chart.note': 'šedě: f′ ≈ 0 u {share} % hodnot z',
    'chart.dead': 'mrtvé neurony: {dead} z {neurons}',
    'chart.noLayer': 'Tato síť nemá žádnou skrytou vrstvu.',
    'chart.layer': 'Vrstva {n} ({activation})',
    'chart.layerLabel': 'Zobrazená skrytá vrstva',
    'chart.act.relu': 'ReLU', 'chart.act.leaky-relu': 'leaky ReLU', 'chart.act.elu': 'ELU',
    'chart.act.tanh': 'tanh', 'chart.act.sigmoid': 'sigmoida', 'chart.act.linear': 'lineární',
    'chart.tip.epoch': 'Epocha {epoch}',
    'chart.tip.train': 'trénovací {value}',
    'chart.tip.test': 'testovací {value}',
    'chart.tip.bar': '{share} % hodnot z v tomto sloupci',
  },
});

/** Gap between the guide line and the tooltip, in CSS pixels. */
const TIP_GAP = 12;

const loss = (v) => (Number.isFinite(v) ? v.toPrecision(4) : '–');
const percent = (v) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : '–');
const number = (v) => (Number.isFinite(v) ? v.toFixed(3) : '–');

/** A handle freed by a reset: wasm-bindgen zeroes its pointer. */
const freed = (pg) => !pg || pg.__wbg_ptr === 0;

export class Charts {
  #canvas;      // { loss, accuracy, activation }
  #logBox;
  #layerPicker;
  #tooltip;
  #pg = null;   // the last handle given to sync() or draw(), for pointer and control events
  #hover = null; // { chart, x }: the chart under the pointer and its pixel column
  #options = ''; // the layers and language the picker was filled for

  constructor(root = document) {
    const $ = (id) => root.querySelector(`[data-testid="${id}"]`);
    this.#canvas = { loss: $('loss-chart'), accuracy: $('accuracy-chart'), activation: $('activation-chart') };
    this.#logBox = $('log-scale');
    this.#layerPicker = $('activation-layer');
    this.#tooltip = $('chart-tooltip');
    for (const [chart, canvas] of Object.entries(this.#canvas)) {
      canvas?.addEventListener('pointermove', (e) => this.#point(chart, canvas, e));
      canvas?.addEventListener('pointerleave', () => this.#leave(chart));
    }
    this.#logBox?.addEventListener('change', () => this.#redraw('loss'));
    this.#layerPicker?.addEventListener('change', () => this.#redraw('activation'));
  }

  /** Whether the loss axis is logarithmic. */
  get logScale() {
    return Boolean(this.#logBox?.checked);
  }

  /** Sets the box only: a click on it redraws the loss chart (the listener above), a link's value is drawn by the caller's next render. */
  set logScale(on) {
    if (this.#logBox) this.#logBox.checked = Boolean(on);
  }

  /** After a reset or a settings change: refills the layer picker, keeping its choice while it exists. */
  sync(pg) {
    this.#pg = pg;
    this.#fillLayers(pg, true);
  }

  /** Draws all three charts; called on every rendered frame. */
  draw(pg) {
    this.#pg = pg;
    this.#fillLayers(pg, false);
    for (const chart of Object.keys(this.#canvas)) this.#draw(pg, chart);
    if (this.#hover) this.#tip(pg);
  }

  /** Fills the picker with the hidden layers; unless `force`, only when the language changed. */
  #fillLayers(pg, force) {
    const picker = this.#layerPicker;
    if (!picker || (!force && this.#options.startsWith(`${language()}|`))) return;
    const names = pg.hiddenActivations();
    const key = `${language()}|${names.join(',')}`;
    if (key === this.#options) return;
    this.#options = key;
    const kept = Number(picker.value);
    picker.replaceChildren(...names.map((name, i) => new Option(
      t('chart.layer', { n: i + 1, activation: t(`chart.act.${name}`) }), String(i),
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
    if (chart === 'loss') {
      pg.drawLossCurves(canvas, this.logScale, x, { x: t('chart.epoch'), y: t('chart.loss'), best: t('chart.best') });
    } else if (chart === 'accuracy') {
      pg.drawAccuracyCurves(canvas, x, { x: t('chart.epoch'), y: t('chart.accuracy'), note: t('chart.regression') });
    } else {
      const layer = this.#layer();
      const [share, dead, neurons] = pg.activationStats(layer);
      let note = t('chart.noLayer');
      if (share !== undefined) note = t('chart.note', { share: (100 * share).toFixed(0) });
      if (dead > 0) note += ` · ${t('chart.dead', { dead, neurons })}`;
      pg.drawActivationChart(canvas, layer, x, { x: t('chart.z'), note });
    }
  }

  /** Redraws one chart with the last handle, when the page is paused too. */
  #redraw(chart) {
    const pg = this.#pg;
    if (freed(pg)) return;
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
      const [z, f, slope, share] = at;
      lines = [`z = ${number(z)}`, `f(z) = ${number(f)}`, `f′(z) = ${number(slope)}`,
        t('chart.tip.bar', { share: (100 * share).toFixed(1) })];
    } else {
      at = chart === 'loss' ? pg.lossAt(canvas, x) : pg.accuracyAt(canvas, x);
      const [epoch, train, test] = at;
      const value = chart === 'loss' ? loss : percent;
      lines = [t('chart.tip.epoch', { epoch }), t('chart.tip.train', { value: value(train) }),
        t('chart.tip.test', { value: value(test) })];
    }
    if (at.length === 0 || !this.#tooltip) {
      this.#hideTip();
      return;
    }
    const tip = this.#tooltip;
    tip.replaceChildren(...lines.map((text) => Object.assign(document.createElement('div'), { textContent: text })));
    tip.hidden = false;
    // Beside the guide line (the last number is its pixel column), inside the tooltip's positioned parent.
    const parent = (tip.offsetParent ?? tip.parentElement).getBoundingClientRect();
    const box = canvas.getBoundingClientRect();
    const guide = box.left + at[at.length - 1] * (box.width / canvas.width);
    const right = guide + TIP_GAP + tip.offsetWidth <= box.right;
    const left = (right ? guide + TIP_GAP : guide - TIP_GAP - tip.offsetWidth) - parent.left;
    tip.style.left = `${Math.round(Math.max(0, Math.min(left, parent.width - tip.offsetWidth)))}px`;
    tip.style.top = `${Math.round(box.top - parent.top + TIP_GAP)}px`;
  }

  #hideTip() {
    if (this.#tooltip) this.#tooltip.hidden = true;
  }
}

// The regression lab: the lecture's table fitted by least squares or by
// gradient descent, the model in the table's units, the MSE surface of a
// line (raw or standardised), and the shop.
import { RegressionLab, grabRadius } from './pkg/neuroplay.js';
import { el, shortNumber } from './controls.js';
import { t, num, count, language, readNumber } from './i18n.js';
import { decimalField, showNumber } from './decimal.js';
import { describe } from './messages.js';
import { LabView, readout, message, button } from './labs.js';
import { onTap, holdDrags } from './touch.js';
import { altText } from './alt-text.js';

/** A touch held this long (ms) on a point, moving less than PRESS_SLOP px, removes it. */
const LONG_PRESS_MS = 600;
const PRESS_SLOP = 8;
/** Descent steps a frame while running. */
const STEPS_PER_FRAME = 5;

/**
 * The model as the lecture writes it, y = w₁·x₁ + w₂·x₂ + b (x₂ = x₁²), numbers rounded.
 * @param {number[]} weights
 * @param {number} bias
 */
export function equation(weights, bias) {
  // Within a millionth of the largest coefficient counts as 0.
  const scale = Math.max(1, ...weights.map(Math.abs), Math.abs(bias));
  const round = (/** @type {number} */ v) => (Math.abs(v) < 1e-6 * scale ? 0 : v);
  /** @type {[number, string][]} */
  const parts = weights.map((w, i) => /** @type {[number, string]} */ ([round(w), `·x${'₁₂'[i]}`])).concat([[round(bias), '']]);
  return parts.reduce((text, [v, name], i) => {
    const magnitude = `${num(Math.abs(v), 4)}${name}`;
    if (i === 0) return `y = ${v < 0 ? '−' : ''}${magnitude}`;
    return `${text} ${v < 0 ? '−' : '+'} ${magnitude}`;
  }, '');
}

/**
 * A linear form of the two inputs, 50·x₁ + 20·x₂, from its weights, written as the lecture writes it.
 * @param {number[]} weights
 */
function linear(weights) {
  return weights.map((w, i) => `${i === 0 ? (w < 0 ? '−' : '') : (w < 0 ? ' − ' : ' + ')}${num(Math.abs(w), 4)}·x${'₁₂'[i]}`).join('');
}

/**
 * The shop's model ŷ = 50·x₁ + 20·x₂ − 300 and its break-even line
 * 50·x₁ + 20·x₂ = 300 (where ŷ = 0), from the quiz's weights and bias.
 * @param {number[]} weights
 * @param {number} bias
 */
export function shopEquations(weights, bias) {
  const form = linear(weights);
  return {
    model: `ŷ = ${form} ${bias < 0 ? '−' : '+'} ${num(Math.abs(bias), 4)}`,
    even: `${form} = ${num(-bias, 4)}`,
  };
}

/** @extends {LabView<RegressionLab>} */
export default class RegressionView extends LabView {
  #drag = -1;

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, RegressionLab, 'regression', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab', hidden: true, dataset: { labView: 'regression' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.regression.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.regression.intro' } }),
        el('div', { dataset: { fields: 'regression' } }),
        el('div', { className: 'row lab-buttons' },
          button('fit', 'lab.regression.fit'),
          button('regression-step', 'lab.step'),
          button('regression-run', 'lab.run'),
          button('regression-reset', 'lab.reset'),
        ),
        readout('lab.regression.model', 'equation', 'wide'),
        el('p', { className: 'lab-intro', dataset: { testid: 'equation-note' } }),
        el('div', { className: 'readout' },
          el('span', { className: 'label', dataset: { testid: 'mse-formula' } }),
          el('output', { dataset: { testid: 'mse' } }),
        ),
        readout('lab.steps', 'regression-steps'),
        message('regression-message'),
        // The points by keyboard: each one's x₁ and y typed or stepped with ↑ ↓, added and removed.
        el('details', { className: 'points-table', dataset: { testid: 'points-table' } },
          el('summary', { dataset: { i18n: 'lab.regression.table' } }),
          el('table', {},
            el('thead', {}, el('tr', {}, el('th', { scope: 'col', dataset: { i18n: 'lab.regression.point' } }),
              el('th', { scope: 'col', textContent: 'x₁' }), el('th', { scope: 'col', textContent: 'y' }), el('td'))),
            el('tbody', { dataset: { testid: 'points-rows' } })),
          button('point-add', 'lab.regression.add'),
        ),
        el('h3', { dataset: { testid: 'std-heading' } }),
        el('div', { className: 'std-compare', dataset: { testid: 'std-compare' } },
          el('div', { className: 'readout' },
            el('span', { className: 'label', dataset: { testid: 'std-raw-label' } }),
            el('output', { dataset: { testid: 'std-raw' } }),
          ),
          el('div', { className: 'readout' },
            el('span', { className: 'label', dataset: { testid: 'std-standardized-label' } }),
            el('output', { dataset: { testid: 'std-standardized' } }),
          ),
        ),
        el('p', { className: 'lab-intro' },
          el('span', { dataset: { testid: 'std-verdict' } }), ' ',
          el('span', { dataset: { testid: 'rate-note' } }),
        ),
      ),
      el('section', { className: 'panel lab-figure' },
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'regression-plot', i18nAria: 'lab.regression.aria' } }),
      ),
      el('section', { className: 'panel lab-side' },
        el('h3', { dataset: { i18n: 'lab.regression.surface' } }),
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'regression-surface', i18nAria: 'lab.regression.surfaceAria' } }),
        el('p', { className: 'lab-intro', dataset: { testid: 'surface-note' } }),
        el('h3', { dataset: { i18n: 'lab.shop.title' } }),
        el('p', { className: 'formula', dataset: { testid: 'shop-formula' } }),
        el('div', { dataset: { fields: 'shop' } }),
        readout('lab.shop.profit', 'profit'),
        el('p', { className: 'formula', dataset: { testid: 'shop-even' } }),
        el('canvas', { className: 'wide', role: 'img', dataset: { testid: 'shop', i18nAria: 'lab.shop.aria' } }),
      ),
    );
  }

  wire() {
    this.runButton = this.$('regression-run');
    this.runButton.onclick = () => this.guard(() => {
      this.toggle();
      // Descent takes over from the fit: the link says so from the first frame.
      if (this.running) this.live.gdStep(0);
      this.sync();
    });
    this.stepButton = this.$('regression-step');
    this.resetButton = this.$('regression-reset');
    this.$('fit').onclick = () => this.guard(() => { this.stop(); this.live.fit(); this.sync(); });
    this.stepButton.onclick = () => this.guard(() => { this.live.gdStep(1); this.sync(); });
    this.resetButton.onclick = () => this.guard(() => { this.stop(); this.live.reset(); this.messages.say(''); this.sync(); });
    const canvas = this.$('regression-plot', HTMLCanvasElement);
    /** @type {{ x: number, y: number, timer: number } | null} a touch held on a point: a long press removes it */
    let press = null;
    /** whether the pointer went down away from every point: a tap there adds one */
    let away = false;
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('pointerdown', (e) => this.guard(() => {
      const [x, y] = LabView.pixel(canvas, e);
      const near = this.live.pointNear(canvas, x, y, grabRadius(canvas));
      away = near < 0 && e.button === 0 && !e.shiftKey;
      if (near >= 0 && (e.button === 2 || e.shiftKey)) {
        this.live.removePoint(near);
        this.sync();
      } else if (near >= 0) {
        this.#drag = near;
        // The axes hold still under the pointer while the point moves.
        this.live.holdWindow(true);
        canvas.setPointerCapture(e.pointerId);
        if (e.pointerType !== 'mouse') {
          press = { x: e.clientX, y: e.clientY, timer: setTimeout(() => this.guard(() => this.#remove(near)), LONG_PRESS_MS) };
        }
      }
    }));
    // A tap away from the points adds one; a swipe there scrolls the page.
    onTap(canvas, (e) => this.guard(() => {
      if (!away) return;
      const [x, y] = LabView.pixel(canvas, e);
      const at = this.live.pointAt(canvas, x, y);
      if (at && !this.live.addPoint(at[0], at[1])) this.messages.say(() => t('lab.regression.full'));
      this.sync();
    }));
    holdDrags(canvas, () => this.#drag >= 0);
    canvas.addEventListener('pointermove', (e) => {
      if (this.#drag < 0) return;
      if (press && Math.hypot(e.clientX - press.x, e.clientY - press.y) > PRESS_SLOP) {
        clearTimeout(press.timer);
        press = null;
      }
      this.guard(() => {
        const [x, y] = LabView.pixel(canvas, e);
        const at = this.live.pointAt(canvas, x, y);
        if (at) {
          this.live.movePoint(this.#drag, at[0], at[1]);
          this.draw();
        }
      });
    });
    const drop = () => {
      if (press) clearTimeout(press.timer);
      press = null;
      if (this.#drag >= 0) {
        this.live.holdWindow(false);
        this.sync();
      }
      this.#drag = -1;
    };
    canvas.addEventListener('pointerup', drop);
    canvas.addEventListener('pointercancel', drop);
    this.$('point-add').onclick = () => this.guard(() => {
      // One step right of the last point, at its height (the origin for the first).
      const list = this.live.pointList();
      const n = list.length / 2;
      if (!this.live.addPoint(n ? list[2 * n - 2] + 1 : 0, n ? list[2 * n - 1] : 0)) this.messages.say(() => t('lab.regression.full'));
      this.sync();
      this.root.querySelector(`[data-testid="point-x-${n}"]`)?.closest('tr')?.querySelector('input')?.focus();
    });
  }

  /** The table of points: a row per point, built anew when their number changes; a field being typed in is left alone. */
  #pointRows() {
    const list = this.live.pointList();
    const rows = this.$('points-rows');
    const n = list.length / 2;
    if (rows.children.length !== n || rows.dataset.lang !== language()) {
      rows.dataset.lang = language();
      rows.replaceChildren(...Array.from({ length: n }, (_, i) => this.#pointRow(i)));
    }
    for (const [i, row] of [...rows.children].entries()) {
      const [x, y] = row.querySelectorAll('input');
      for (const [field, value] of /** @type {[HTMLInputElement, number][]} */ ([[x, list[2 * i]], [y, list[2 * i + 1]]])) {
        if (field !== document.activeElement) showNumber(field, value);
      }
    }
  }

  /**
   * Row `i` of the table of points: its fields move it as they change, its button removes it.
   * @param {number} i
   */
  #pointRow(i) {
    const field = (/** @type {string} */ axis, /** @type {string} */ label) => {
      const input = decimalField({ dataset: { testid: `point-${axis}-${i}` } });
      input.setAttribute('aria-label', t(label, { n: i + 1 }));
      return input;
    };
    const [x, y] = [field('x', 'lab.regression.pointX'), field('y', 'lab.regression.pointY')];
    const move = () => this.guard(() => {
      const [a, b] = [readNumber(x.value), readNumber(y.value)];
      if (a !== undefined && b !== undefined) this.live.movePoint(i, a, b);
    });
    for (const input of [x, y]) {
      input.addEventListener('input', () => { move(); this.draw(); });
      input.addEventListener('change', () => { move(); this.sync(); });
    }
    const remove = el('button', { type: 'button', textContent: '×', dataset: { testid: `point-remove-${i}` } });
    remove.setAttribute('aria-label', t('lab.regression.remove', { n: i + 1 }));
    remove.onclick = () => this.guard(() => {
      this.live.removePoint(i);
      this.sync();
      const next = this.root.querySelector(`[data-testid="point-remove-${i}"]`) ?? this.$('point-add');
      if (next instanceof HTMLElement) next.focus();
    });
    return el('tr', {}, el('th', { scope: 'row', textContent: String(i + 1) }), el('td', {}, x), el('td', {}, y), el('td', {}, remove));
  }

  /**
   * A long press on a point removes it (a touch screen has no right button).
   * @param {number} i
   */
  #remove(i) {
    if (this.#drag !== i) return;
    this.#drag = -1;
    this.live.holdWindow(false);
    this.live.removePoint(i);
    this.sync();
  }

  tick() {
    this.live.gdStep(STEPS_PER_FRAME);
    return !this.live.readouts().halt;
  }

  draw() {
    const h = this.live;
    const r = h.readouts();
    h.drawFit(this.$('regression-plot', HTMLCanvasElement), { x: 'x₁', y: 'y', points: t('lab.regression.points'), model: t('lab.regression.model') });
    const surface = this.$('regression-surface', HTMLCanvasElement);
    const notes = r.notes;
    // With x² the model has three parameters: no surface over (w, b) is its MSE, and the page says so instead.
    surface.hidden = r.weights.length > 1;
    h.drawSurface(surface, { w: 'w', b: 'b', path: t('lab.regression.path'), bottom: t('lab.regression.bottom'), now: t('lab.regression.now') });
    this.$('surface-note').textContent = r.weights.length > 1 ? t('lab.regression.noSurface')
      : notes?.surface ? `${t(h.get('standardize') === '1' ? 'lab.regression.standardizedShape' : 'lab.regression.rawShape')} ${describe(notes.surface)} ${t('lab.regression.pathNote')}`
        : '';
    this.$('std-heading').textContent = t('lab.regression.compare', { steps: notes?.steps ?? 0 });
    this.$('std-raw-label').textContent = notes ? t('lab.regression.rawAfter', { rate: shortNumber(String(notes.bestStep[0])) }) : '';
    this.$('std-standardized-label').textContent = notes ? t('lab.regression.standardizedAfter', { rate: shortNumber(String(notes.bestStep[1])) }) : '';
    this.$('std-raw').textContent = num(notes?.mseAfter[0], 2);
    this.$('std-standardized').textContent = num(notes?.mseAfter[1], 2);
    this.$('std-verdict').textContent = notes ? describe(notes.compare) : '';
    this.$('rate-note').textContent = notes ? describe(notes.rate) : '';
    h.drawShop(this.$('shop', HTMLCanvasElement), { x1: t('lab.shop.x1'), x2: t('lab.shop.x2'), loss: t('lab.shop.loss'), profit: t('lab.shop.gain'), even: t('lab.shop.even') });
    const shop = shopEquations(r.shopWeights, r.shopBias);
    this.$('shop-formula').textContent = shop.model;
    this.$('shop-even').textContent = t('lab.shop.evenLine', { equation: shop.even });
    this.$('equation').textContent = equation(r.weights, r.bias);
    this.$('equation-note').textContent = r.weights.length > 1 ? t('lab.regression.x2') : '';
    this.$('mse-formula').textContent = `MSE = 1/N Σ (ŷᵢ − yᵢ)², N = ${count(r.points)}`;
    this.$('mse').textContent = num(r.mse, 4);
    this.$('regression-steps').textContent = count(r.steps);
    this.$('profit').textContent = num(r.profit, 0);
    this.#pointRows();
    // The figure's text alternative: the model and its error, as they are now.
    altText(this.$('regression-plot'), t('alt.regression', { model: this.$('equation').textContent, n: count(r.points), mse: num(r.mse, 4) }));
    if (r.halt) this.messages.say(r.halt);
  }
}

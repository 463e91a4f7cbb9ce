// The universal-approximation lab: a hidden layer's pieces v·f(w·x + b)
// add up to the fit. Each piece has a handle on its kink (or step) and one
// on its height to drag by hand; then the engine trains the same network
// and the pieces move.
import { ApproxLab, grabRadius } from './pkg/neuroplay.js';
import { el } from './controls.js';
import { t, num, count, scientific } from './i18n.js';
import { LabView, readout, message, button } from './labs.js';
import { onTap, holdDrags } from './touch.js';

/** Training steps per frame while running, and per click of the step button. */
const STEPS_PER_FRAME = 5;
const STEPS_PER_CLICK = 10;

/** @extends {LabView<ApproxLab>} */
export default class ApproxView extends LabView {
  /** @type {import('./pkg/neuroplay.js').ApproxHandle | null} while a handle is dragged */
  #drag = null;

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, ApproxLab, 'approx', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab two', hidden: true, dataset: { labView: 'approx' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.approx.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.approx.intro' } }),
        el('div', { dataset: { fields: 'approx' } }),
        el('div', { dataset: { fields: 'training' } }),
        el('div', { className: 'row lab-buttons' },
          button('approx-step', 'lab.approx.step'),
          button('approx-run', 'lab.run'),
          button('approx-reset', 'lab.approx.reset'),
        ),
        el('div', { className: 'readout' },
          el('span', { className: 'label' }, 'MSE'),
          el('output', { dataset: { testid: 'approx-mse' } }),
        ),
        readout('lab.steps', 'approx-steps'),
        readout('lab.approx.sum', 'approx-sum'),
        message('approx-message'),
      ),
      el('section', { className: 'panel lab-figure' },
        el('figure', { className: 'stacked' },
          el('figcaption', { dataset: { i18n: 'lab.approx.fitCaption' } }),
          el('canvas', { className: 'band', role: 'img', dataset: { testid: 'approx-fit', i18nAria: 'lab.approx.fitAria' } }),
        ),
        el('p', { className: 'lab-intro', dataset: { testid: 'approx-draw-hint' } }),
        el('figure', { className: 'stacked' },
          el('figcaption', { dataset: { i18n: 'lab.approx.piecesCaption' } }),
          el('canvas', { className: 'band', role: 'img', dataset: { testid: 'approx-pieces', i18nAria: 'lab.approx.piecesAria' } }),
        ),
      ),
    );
  }

  wire() {
    this.runButton = this.$('approx-run');
    this.runButton.onclick = () => this.toggle();
    this.stepButton = this.$('approx-step');
    this.resetButton = this.$('approx-reset');
    this.stepButton.onclick = () => this.guard(() => { this.live.train(STEPS_PER_CLICK); this.sync(); });
    // Back to hand-built: the same number of neurons, spread, with no height.
    this.resetButton.onclick = () => this.guard(() => {
      this.stop();
      this.live.spread();
      this.messages.say('');
      this.sync();
    });
    const pieces = this.$('approx-pieces', HTMLCanvasElement);
    pieces.addEventListener('pointerdown', (e) => this.guard(() => {
      const [x, y] = LabView.pixel(pieces, e);
      this.#drag = this.live.handleAt(pieces, x, y, grabRadius(pieces));
      if (this.#drag) {
        this.stop();
        pieces.setPointerCapture(e.pointerId);
      }
    }));
    pieces.addEventListener('pointermove', (e) => {
      const drag = this.#drag;
      if (!drag) return;
      this.guard(() => {
        const [x, y] = LabView.pixel(pieces, e);
        this.live.dragHandle(drag.neuron, drag.part, pieces, x, y);
        this.draw();
      });
    });
    const drop = () => {
      if (this.#drag) this.sync();
      this.#drag = null;
    };
    pieces.addEventListener('pointerup', drop);
    pieces.addEventListener('pointercancel', drop);
    holdDrags(pieces, () => Boolean(this.#drag));
    // With "your points" as the target, a click on the fit draws a point; shift or right click removes one.
    const fit = this.$('approx-fit', HTMLCanvasElement);
    fit.addEventListener('contextmenu', (e) => e.preventDefault());
    onTap(fit, (e) => this.guard(() => {
      if (this.live.settings().drawn.applies !== true) return;
      const [x, y] = LabView.pixel(fit, e);
      const remove = e.button === 2 || e.shiftKey;
      if (!this.live.drawPoint(fit, x, y, grabRadius(fit), remove) && !remove) this.messages.say(() => t('lab.approx.full'));
      this.sync();
    }));
  }

  tick() {
    return this.live.train(STEPS_PER_FRAME);
  }

  draw() {
    const h = this.live;
    const r = h.readouts();
    const drawing = h.settings().drawn.applies === true;
    h.drawFit(this.$('approx-fit', HTMLCanvasElement), { x: 'x', y: 'y', target: t(drawing ? 'lab.approx.yourPoints' : 'lab.approx.target'), fit: t('lab.approx.fit') });
    h.drawPieces(this.$('approx-pieces', HTMLCanvasElement), { x: 'x', y: 'v·f(w·x + b)', bias: `c = ${num(r.bias)}` });
    this.$('approx-mse').textContent = num(r.mse, 5);
    this.$('approx-steps').textContent = count(r.steps);
    this.$('approx-sum').textContent = scientific(r.sumGap);
    this.$('approx-draw-hint').textContent = drawing ? t('lab.approx.drawHint') : '';
    if (r.halt) this.messages.say(r.halt);
  }
}

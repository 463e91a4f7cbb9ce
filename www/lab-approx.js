// The universal-approximation lab: a hidden layer's pieces v·f(w·x + b)
// add up to the fit. Each piece has a handle on its kink (or step) and one
// on its height to drag by hand; then the engine trains the same network
// and the pieces move.
import { ApproxLab, grabRadius } from './pkg/neuroplay.js';
import { t, num, scientific } from './i18n.js';
import { LabView } from './labs.js';

/** Training steps per frame while running, and per click of the step button. */
const STEPS_PER_FRAME = 5;
const STEPS_PER_CLICK = 10;

export class ApproxView extends LabView {
  #drag = null; // {neuron, part} while a handle is dragged

  constructor(root, hooks) {
    super(root, ApproxLab, 'approx', hooks);
  }

  wire() {
    this.runButton = this.$('approx-run');
    this.runButton.onclick = () => this.toggle();
    this.stepButton = this.$('approx-step');
    this.resetButton = this.$('approx-reset');
    this.stepButton.onclick = () => this.guard(() => { this.handle.train(STEPS_PER_CLICK); this.sync(); });
    // Back to hand-built: the same number of neurons, spread, with no height.
    this.resetButton.onclick = () => this.guard(() => {
      this.stop();
      this.handle.spread();
      this.messages.say('');
      this.sync();
    });
    const pieces = this.$('approx-pieces');
    pieces.addEventListener('pointerdown', (e) => this.guard(() => {
      const [x, y] = LabView.pixel(pieces, e);
      this.#drag = this.handle.handleAt(pieces, x, y, grabRadius(pieces));
      if (this.#drag) {
        this.stop();
        pieces.setPointerCapture(e.pointerId);
      }
    }));
    pieces.addEventListener('pointermove', (e) => {
      if (!this.#drag) return;
      this.guard(() => {
        const [x, y] = LabView.pixel(pieces, e);
        this.handle.dragHandle(this.#drag.neuron, this.#drag.part, pieces, x, y);
        this.draw();
      });
    });
    const drop = () => {
      if (this.#drag) this.sync();
      this.#drag = null;
    };
    pieces.addEventListener('pointerup', drop);
    pieces.addEventListener('pointercancel', drop);
    // With "your points" as the target, a click on the fit draws a point; shift or right click removes one.
    const fit = this.$('approx-fit');
    fit.addEventListener('contextmenu', (e) => e.preventDefault());
    fit.addEventListener('pointerdown', (e) => this.guard(() => {
      if (this.handle.settings().drawn.applies !== true) return;
      const [x, y] = LabView.pixel(fit, e);
      const remove = e.button === 2 || e.shiftKey;
      if (!this.handle.drawPoint(fit, x, y, grabRadius(fit), remove) && !remove) this.messages.say(() => t('lab.approx.full'));
      this.sync();
    }));
  }

  tick() {
    return this.handle.train(STEPS_PER_FRAME);
  }

  draw() {
    const h = this.handle;
    const r = h.readouts();
    const drawing = h.settings().drawn.applies === true;
    h.drawFit(this.$('approx-fit'), { x: 'x', y: 'y', target: t(drawing ? 'lab.approx.yourPoints' : 'lab.approx.target'), fit: t('lab.approx.fit') });
    h.drawPieces(this.$('approx-pieces'), { x: 'x', y: 'v·f(w·x + b)', bias: `c = ${num(r.bias)}` });
    this.$('approx-mse').textContent = num(r.mse, 5);
    this.$('approx-steps').textContent = String(r.steps);
    this.$('approx-sum').textContent = scientific(r.sumGap);
    this.$('approx-draw-hint').textContent = drawing ? t('lab.approx.drawHint') : '';
    if (r.halt) this.messages.say(r.halt);
  }
}

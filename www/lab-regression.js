// The regression lab: the lecture's table fitted by least squares or by
// gradient descent, the model in the table's units, the MSE surface of a
// line (raw or standardised), and the shop.
import { RegressionLab } from './pkg/neuroplay.js';
import { t, num } from './i18n.js';
import { LabView } from './labs.js';

/** How near (CSS pixels) the pointer must be to grab a point. */
const GRAB = 12;
/** Descent steps a frame while running. */
const STEPS_PER_FRAME = 5;

/** The model as the lecture writes it, y = w₁·x₁ + w₂·x₂ + b (x₂ = x₁²), numbers rounded. */
export function equation(weights, bias) {
  // Within a millionth of the largest coefficient counts as 0.
  const scale = Math.max(1, ...weights.map(Math.abs), Math.abs(bias));
  const round = (v) => (Math.abs(v) < 1e-6 * scale ? 0 : v);
  const parts = weights.map((w, i) => [round(w), `·x${'₁₂'[i]}`]).concat([[round(bias), '']]);
  return parts.reduce((text, [v, name], i) => {
    const magnitude = `${num(Math.abs(v), 4)}${name}`;
    if (i === 0) return `y = ${v < 0 ? '−' : ''}${magnitude}`;
    return `${text} ${v < 0 ? '−' : '+'} ${magnitude}`;
  }, '');
}

export class RegressionView extends LabView {
  #drag = -1;

  constructor(root, hooks) {
    super(root, RegressionLab, 'regression', hooks);
  }

  wire() {
    this.runButton = this.$('regression-run');
    this.runButton.onclick = () => this.toggle();
    this.$('fit').onclick = () => this.guard(() => { this.stop(); this.handle.fit(); this.draw(); });
    this.$('regression-step').onclick = () => this.guard(() => { this.handle.gdStep(1); this.draw(); });
    this.$('regression-reset').onclick = () => this.guard(() => { this.stop(); this.handle.reset(); this.messages.say(''); this.draw(); });
    const canvas = this.$('regression-fit');
    const grabRadius = () => GRAB * (canvas.width / canvas.getBoundingClientRect().width);
    canvas.addEventListener('contextmenu', (e) => e.preventDefault());
    canvas.addEventListener('pointerdown', (e) => this.guard(() => {
      const [x, y] = LabView.pixel(canvas, e);
      const near = this.handle.pointNear(canvas, x, y, grabRadius());
      if (near >= 0 && (e.button === 2 || e.shiftKey)) {
        this.handle.removePoint(near);
        this.sync();
      } else if (near >= 0) {
        this.#drag = near;
        canvas.setPointerCapture(e.pointerId);
      } else if (e.button === 0) {
        const at = this.handle.pointAt(canvas, x, y);
        if (at && !this.handle.addPoint(at[0], at[1])) this.messages.say(() => t('lab.regression.full'));
        this.sync();
      }
    }));
    canvas.addEventListener('pointermove', (e) => {
      if (this.#drag < 0) return;
      this.guard(() => {
        const [x, y] = LabView.pixel(canvas, e);
        const at = this.handle.pointAt(canvas, x, y);
        if (at) {
          this.handle.movePoint(this.#drag, at[0], at[1]);
          this.draw();
        }
      });
    });
    const drop = () => {
      if (this.#drag >= 0) this.sync();
      this.#drag = -1;
    };
    canvas.addEventListener('pointerup', drop);
    canvas.addEventListener('pointercancel', drop);
  }

  tick() {
    this.handle.gdStep(STEPS_PER_FRAME);
    return !this.handle.readouts().halt;
  }

  draw() {
    const h = this.handle;
    const r = h.readouts();
    h.drawFit(this.$('regression-fit'), { x: 'x₁', y: 'y', points: t('lab.regression.points'), model: t('lab.regression.model') });
    h.drawSurface(this.$('regression-surface'), { w: 'w', b: 'b', path: t('lab.regression.path'), bottom: t('lab.regression.bottom') });
    this.$('surface-note').textContent = t(h.get('standardize') === '1' ? 'lab.regression.bowl' : 'lab.regression.valley');
    h.drawShop(this.$('shop'), { x1: t('lab.shop.x1'), x2: t('lab.shop.x2'), loss: t('lab.shop.loss'), profit: t('lab.shop.gain'), even: t('lab.shop.even') });
    this.$('equation').textContent = equation(r.weights, r.bias);
    this.$('mse').textContent = num(r.mse, 4);
    this.$('regression-steps').textContent = String(r.steps);
    this.$('profit').textContent = num(r.profit, 0);
    if (r.halt) this.messages.say(r.halt);
  }
}

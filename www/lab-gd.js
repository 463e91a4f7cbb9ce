// The gradient-descent lab: a surface, one or two optimisers walking it,
// the gradient at the first run's point in numbers and as an arrow.
import { GdLab } from './pkg/neuroplay.js';
import { el } from './controls.js';
import { t, num, count, value, readNumber } from './i18n.js';
import { decimalField, readFields, showNumber } from './decimal.js';
import { LabView, readout, message, button } from './labs.js';
import { onTap } from './touch.js';
import { describe } from './messages.js';
import { altText } from './alt-text.js';

/** Steps a frame while running. */
const STEPS_PER_FRAME = 1;

/** @extends {LabView<GdLab>} */
export default class GdView extends LabView {
  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, GdLab, 'gd', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab', hidden: true, dataset: { labView: 'gd' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.gd.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.gd.intro' } }),
        el('div', { dataset: { fields: 'gd' } }),
        // The start typed in either language's decimals (a click rounds to 0.01).
        el('div', { className: 'field' },
          el('label', { htmlFor: 'gd-start-w1', dataset: { i18n: 'setting.start', i18nTitle: 'help.start' } }),
          el('div', { className: 'row' },
            decimalField({ id: 'gd-start-w1', dataset: { testid: 'gd-start-w1', i18nAria: 'lab.gd.startW1' } }),
            decimalField({ id: 'gd-start-w2', dataset: { testid: 'gd-start-w2', i18nAria: 'lab.gd.startW2' } }),
          ),
        ),
        el('div', { className: 'row lab-buttons' },
          button('gd-step', 'lab.step'),
          button('gd-run', 'lab.run'),
          button('gd-reset', 'lab.reset'),
        ),
      ),
      el('section', { className: 'panel lab-figure' },
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'gd-plot', i18nAria: 'lab.gd.aria' } }),
      ),
      el('section', { className: 'panel lab-readouts' },
        el('p', { className: 'formula', dataset: { testid: 'gd-formula' } }),
        el('p', { className: 'lab-intro', dataset: { testid: 'gd-note' } }),
        el('p', { dataset: { testid: 'gd-stationary' } }),
        readout('lab.gd.point', 'gd-point'),
        readout('lab.gd.loss', 'loss-value'),
        readout('lab.gd.gradient', 'gradient', 'wide'),
        el('div', { className: 'partials', dataset: { testid: 'gd-partials' } }),
        readout('lab.steps', 'gd-steps'),
        el('div', { className: 'compare-readout', dataset: { testid: 'gd-versus' } }),
        message('gd-message'),
      ),
    );
  }

  wire() {
    this.runButton = this.$('gd-run');
    this.runButton.onclick = () => this.toggle();
    this.stepButton = this.$('gd-step');
    this.resetButton = this.$('gd-reset');
    this.$('gd-step').onclick = () => this.guard(() => { this.live.step(1); this.draw(); });
    this.$('gd-reset').onclick = () => this.guard(() => {
      this.stop();
      this.live.reset();
      this.messages.say('');
      this.draw();
    });
    // Either field sets the start from both; text that is not a number is
    // refused here, a number out of range by the core, each with a message.
    const fields = ['gd-start-w1', 'gd-start-w2'].map((id) => this.$(id, HTMLInputElement));
    for (const field of fields) {
      field.addEventListener('change', () => {
        const read = readFields(fields);
        if ('refused' in read) {
          this.messages.say(read.refused);
          this.draw(); // the fields show the numbers in use again
        }
        else this.change('start', read.numbers.join(','));
      });
    }
    const canvas = this.$('gd-plot', HTMLCanvasElement);
    // A tap sets the start; a swipe scrolls the page.
    onTap(canvas, (e) => this.guard(() => {
      if (e.button !== 0) return;
      const [x, y] = LabView.pixel(canvas, e);
      if (this.live.startAt(canvas, x, y)) {
        this.stop();
        this.messages.say('');
        this.sync();
      }
    }));
  }

  /**
   * Puts the start into its fields as the page writes numbers, unless a
   * field being typed in already holds that number.
   * @param {string[]} start the start's coordinates in link form
   */
  #showStart(start) {
    ['gd-start-w1', 'gd-start-w2'].forEach((id, i) => {
      const field = this.$(id, HTMLInputElement);
      const value = Number(start[i]);
      const typed = readNumber(field.value);
      const same = typed !== undefined && Math.fround(typed) === Math.fround(value);
      if (!same || document.activeElement !== field) showNumber(field, value);
    });
  }

  tick() {
    this.live.step(STEPS_PER_FRAME);
    return !this.live.halted();
  }

  draw() {
    const h = this.live;
    const r = h.readouts();
    const names = r.runs.map((run) => t(`option.optimizer.${run.optimizer}`));
    const critical = { minimum: t('lab.gd.minimum'), saddle: t('lab.gd.saddle'), maximum: t('lab.gd.maximum') };
    h.draw(this.$('gd-plot', HTMLCanvasElement), { x: 'w₁', y: 'w₂', gradient: '∇L', runs: names, critical });
    const [first] = r.runs;
    const [f, d1, d2] = r.formulas;
    const [w1, w2] = first.at;
    this.$('gd-formula').textContent = `L(w₁, w₂) = ${f}`;
    this.$('gd-note').textContent = t(`lab.gd.note.${h.get('surface')}`);
    // The start as the link holds it: every digit typed, not rounded for the readout.
    const start = (h.get('start') ?? '').split(',');
    this.#showStart(start);
    this.$('gd-point').textContent = first.steps === 0
      ? t('pair', { a: value(Number(start[0])), b: value(Number(start[1])) })
      : t('pair', { a: num(w1), b: num(w2) });
    this.$('gd-stationary').textContent = r.stationary
      .map((p) => t(`lab.gd.stationary.${p.kind}`, { at: t('pair', { a: num(p.at[0]), b: num(p.at[1]) }), loss: num(p.loss, 4) }))
      .join(' ');
    this.$('loss-value').textContent = num(first.loss, 4);
    this.$('gradient').textContent = t('pair', { a: num(first.gradient[0]), b: num(first.gradient[1]) });
    this.$('gd-partials').replaceChildren(
      .../** @type {[string, number, string][]} */ ([[d1, first.gradient[0], '₁'], [d2, first.gradient[1], '₂']]).map(([formula, value, i]) => {
        const line = document.createElement('div');
        line.textContent = `∂L/∂w${i} = ${formula} = ${num(value)}`;
        return line;
      }),
    );
    this.$('gd-steps').textContent = count(first.steps);
    // The figure's text alternative: where the first run is, its loss and gradient.
    altText(this.$('gd-plot'), t('alt.gd', {
      at: this.$('gd-point').textContent, loss: num(first.loss, 4), gradient: this.$('gradient').textContent, steps: first.steps,
    }));
    this.$('gd-versus').textContent = r.runs.slice(1)
      .map((run) => t('lab.gd.second', { name: t(`option.optimizer.${run.optimizer}`), loss: num(run.loss, 4), steps: run.steps }))
      .join(' ');
    // Each run that stopped says why, under its optimiser's name when two run.
    const halted = r.runs.filter(/** @type {(run: import('./pkg/neuroplay.js').GdRunReadout) => run is import('./pkg/neuroplay.js').GdRunReadout & { halt: import('./pkg/neuroplay.js').Message }} */ ((run) => Boolean(run.halt)));
    if (halted.length) {
      this.messages.say(() => halted
        .map((run) => (r.runs.length > 1 ? `${t(`option.optimizer.${run.optimizer}`)}: ` : '') + describe(run.halt, this.schema))
        .join('\n'));
    }
  }
}

// The neuron lab: one neuron on one input and on two, its activation and
// derivative, a forward pass with every number, and two stacked neurons
// beside the one they equal when they are linear.
import { NeuronLab } from './pkg/neuroplay.js';
import { t, num, fixed, factor } from './i18n.js';
import { LabView, message } from './labs.js';
import { el } from './controls.js';
import { decimalField, readFields, showNumber } from './decimal.js';


/** @extends {LabView<NeuronLab>} */
export default class NeuronView extends LabView {
  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, NeuronLab, 'neuron', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab', hidden: true, dataset: { labView: 'neuron' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.neuron.title' } }),
        el('p', { className: 'formula' }, 'a(b + Σ wᵢ·xᵢ)'),
        el('h3', { dataset: { i18n: 'lab.neuron.oneInput' } }),
        el('div', { dataset: { fields: 'neuron' } }),
        el('div', { className: 'field', dataset: { testid: 'neuron-logits-field' } },
          el('span', { className: 'label', dataset: { i18n: 'setting.logits' } }),
          el('div', { className: 'row logits', dataset: { testid: 'neuron-logits' } },
            ...[1, 2, 3].map((i) => decimalField({ dataset: { testid: `neuron-logit-${i}`, i18nAria: `lab.neuron.logit${i}` } })),
          ),
          el('output', { className: 'formula', dataset: { testid: 'softmax-probs' } }),
        ),
        el('p', { className: 'lab-intro', dataset: { testid: 'neuron-note' } }),
        el('h3', { dataset: { i18n: 'lab.neuron.twoInputs' } }),
        el('div', { dataset: { fields: 'neuron2' } }),
      ),
      el('section', { className: 'panel lab-figures' },
        el('div', { className: 'figure-grid' },
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.one' } }),
            el('canvas', { role: 'img', dataset: { testid: 'neuron-plot', i18nAria: 'lab.neuron.one' } }),
          ),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.function' } }),
            el('canvas', { role: 'img', dataset: { testid: 'neuron-function', i18nAria: 'lab.neuron.function' } }),
            el('output', { className: 'formula', dataset: { testid: 'activation-value' } }),
          ),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.two' } }),
            el('canvas', { className: 'square', role: 'img', dataset: { testid: 'neuron-2d', i18nAria: 'lab.neuron.two' } }),
          ),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.worked' } }),
            el('div', { className: 'worked', dataset: { testid: 'worked-pass' } }),
            el('p', { className: 'lab-intro', dataset: { i18n: 'lab.neuron.workedNote' } }),
          ),
        ),
      ),
      el('section', { className: 'panel lab-side' },
        el('h3', { dataset: { i18n: 'lab.neuron.collapse' } }),
        el('p', { className: 'formula' }, 'y = w₂·f(w₁·x + b₁) + b₂'),
        el('div', { dataset: { fields: 'collapse' } }),
        el('div', { className: 'readout' },
          el('span', { className: 'label', dataset: { i18n: 'lab.neuron.single' } }),
          el('output', { className: 'derivation', dataset: { testid: 'collapsed' } }),
        ),
        el('p', { className: 'lab-intro', dataset: { testid: 'collapse-note' } }),
        el('canvas', { role: 'img', dataset: { testid: 'collapse-plot', i18nAria: 'lab.neuron.collapse' } }),
        message('neuron-message'),
      ),
    );
  }

  /** The three logits' fields, in order. */
  get #logits() {
    return [...this.$('neuron-logits').querySelectorAll('input')];
  }

  wire() {
    // A typed logit sets all three at once, as the link holds them; text
    // that is not a number is refused here, a number out of range by the core.
    for (const field of this.#logits) {
      field.addEventListener('change', () => {
        const read = readFields(this.#logits);
        if ('refused' in read) {
          this.messages.say(read.refused);
          this.draw(); // the fields show the numbers in use again
        }
        else this.change('logits', read.numbers.join(','));
      });
    }
  }

  /**
   * f(z) and f′(z) at the chosen z, or the softmax's probabilities and its
   * Jacobian's diagonal: the numbers written out, not left to a curve's crossing.
   * @param {import('./pkg/neuroplay.js').ActivationValue} value
   */
  #value(value) {
    const triple = (/** @type {number[]} */ xs, /** @type {(x: number) => string} */ show) => t('triple', { a: show(xs[0]), b: show(xs[1]), c: show(xs[2]) });
    const probs = this.$('softmax-probs');
    if (value.kind === 'single') {
      const name = t(`option.activation.${value.name}`);
      const z = num(value.z);
      this.$('activation-value').textContent = `${name}(${z}) = ${num(value.f, 4)}, ${name}′(${z}) = ${num(value.slope, 4)}`;
      probs.textContent = '';
      return;
    }
    const three = (/** @type {number} */ x) => fixed(x, 3);
    probs.textContent = `p = softmax${triple(value.logits, num)} = ${triple(value.probs, three)}`;
    this.$('activation-value').textContent = `∂pᵢ/∂zᵢ = pᵢ(1 − pᵢ) = ${triple(value.diagonal, three)}`;
  }

  /**
   * The worked pass, two lines a neuron: z = b + w·x + … = value, then a = f(z) = value.
   * @param {import('./pkg/neuroplay.js').WorkedNeuron[]} worked  the 2-2-1 network's neurons
   * @param {string} activation
   */
  #worked(worked, activation) {
    /** @type {HTMLElement[]} */
    const rows = [];
    const name = (/** @type {number} */ i) => (i < 2 ? `h${'₁₂'[i]}` : 'y');
    const f = t(`option.activation.${activation}`);
    const [x1, x2] = worked[0].inputs;
    rows.push(el('div', { textContent: `x = (x₁, x₂) = ${t('pair', { a: num(x1), b: num(x2) })}` }));
    worked.forEach((n, i) => {
      const inputs = i < 2 ? ['x₁', 'x₂'] : ['h₁', 'h₂'];
      const terms = n.weights.map((w, k) => `${factor(w)}·${factor(n.inputs[k])}`).join(' + ');
      const z = document.createElement('div');
      z.textContent = `z(${name(i)}) = ${num(n.bias)} + ${terms} = ${num(n.z)}`;
      z.title = n.weights.map((w, k) => `${num(w)}·${inputs[k]}`).join(' + ');
      rows.push(z);
      const a = document.createElement('div');
      a.textContent = i < 2 ? `${name(i)} = ${f}(${num(n.z)}) = ${num(n.a)}` : `y = ${num(n.a)}`;
      if (i < 2 && n.a === 0) a.className = 'dead';
      rows.push(a);
    });
    return rows;
  }

  draw() {
    const h = this.live;
    const r = h.readouts();
    h.drawNeuron(this.$('neuron-plot', HTMLCanvasElement), { x: 'x', y: 'a', output: t('lab.neuron.output'), p1: 'p₁', p2: 'p₂', p3: 'p₃' });
    // With a softmax the figure shows p₁ as z₁ moves and its slope p₁(1 − p₁), never ReLU's.
    h.drawFunction(this.$('neuron-function', HTMLCanvasElement), r.softmax
      ? { z: 'z₁', f: 'p₁', slope: '∂p₁/∂z₁' }
      : { z: 'z', f: 'f(z)', slope: 'f′(z)' });
    const caption = this.$('neuron-function').closest('figure')?.querySelector('figcaption');
    if (caption) {
      caption.dataset.i18n = r.softmax ? 'lab.neuron.softmaxFunction' : 'lab.neuron.function';
      caption.textContent = t(caption.dataset.i18n);
    }
    this.#value(r.value);
    const logits = h.settings().logits;
    this.$('neuron-logits-field').classList.toggle('not-applicable', !logits.applies);
    logits.value.split(',').forEach((v, i) => {
      const field = this.#logits[i];
      if (field && document.activeElement !== field) showNumber(field, Number(v));
    });
    h.drawNeuron2(this.$('neuron-2d', HTMLCanvasElement), { x1: 'x₁', x2: 'x₂' });
    h.drawCollapse(this.$('collapse-plot', HTMLCanvasElement), { x: 'x', y: 'y', stacked: t('lab.neuron.twoLayers'), single: t('lab.neuron.oneLayer') });
    this.$('worked-pass').replaceChildren(...this.#worked(r.worked, r.single));
    const { w, b } = r.collapsed;
    const [v1, c1, v2, c2] = ['v1', 'c1', 'v2', 'c2'].map((key) => Number(h.get(key)));
    this.$('collapsed').replaceChildren(
      ...[`w = w₂·w₁ = ${num(v2)}·${factor(v1)} = ${num(w)}`,
        `b = w₂·b₁ + b₂ = ${num(v2)}·${factor(c1)} + ${factor(c2)} = ${num(b)}`,
        `y = ${num(w)}·x ${b < 0 ? '−' : '+'} ${num(Math.abs(b))}`].map((line) => el('div', { textContent: line })),
    );
    const stacked = h.get('stacked');
    this.$('collapse-note').textContent = r.collapsed.exact ? '' : t('lab.neuron.parted', { name: t(`option.activation.${stacked}`) });
    this.$('neuron-note').textContent = r.softmax ? t('lab.neuron.softmax') : '';
  }
}

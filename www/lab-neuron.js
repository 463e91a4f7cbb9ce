// The neuron lab: one neuron on one input and on two, its activation and
// derivative, a forward pass with every number, and two stacked neurons
// beside the one they equal when they are linear.
import { NeuronLab } from './pkg/neuroplay.js';
import { t, num, factor } from './i18n.js';
import { LabView, message } from './labs.js';
import { el } from './controls.js';


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
          ),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.two' } }),
            el('canvas', { className: 'square', role: 'img', dataset: { testid: 'neuron-2d', i18nAria: 'lab.neuron.two' } }),
          ),
          el('figure', {},
            el('figcaption', { dataset: { i18n: 'lab.neuron.worked' } }),
            el('div', { className: 'worked', dataset: { testid: 'worked-pass' } }),
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
    /** @type {{ collapsed: { w: number, b: number, exact: boolean }, worked: { weights: number[], inputs: number[], bias: number, z: number, a: number }[], single: string, softmax: boolean }} */
    const r = h.readouts();
    h.drawNeuron(this.$('neuron-plot', HTMLCanvasElement), { x: 'x', y: 'a', output: t('lab.neuron.output'), p1: 'p₁', p2: 'p₂', p3: 'p₃' });
    h.drawFunction(this.$('neuron-function', HTMLCanvasElement), { z: 'z', f: 'f(z)', slope: 'f′(z)' });
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

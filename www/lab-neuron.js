// The neuron lab: one neuron on one input and on two, its activation and
// derivative, a forward pass with every number, and two stacked neurons
// beside the one they equal when they are linear.
import { NeuronLab } from './pkg/neuroplay.js';
import { t, num, factor } from './i18n.js';
import { LabView } from './labs.js';
import { el } from './controls.js';


export class NeuronView extends LabView {
  constructor(root, hooks) {
    super(root, NeuronLab, 'neuron', hooks);
  }

  /** The worked pass, two lines a neuron: z = b + w·x + … = value, then a = f(z) = value. */
  #worked(worked, activation) {
    const rows = [];
    const name = (i) => (i < 2 ? `h${'₁₂'[i]}` : 'y');
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
    const h = this.handle;
    const r = h.readouts();
    h.drawNeuron(this.$('neuron-plot'), { x: 'x', y: 'a', output: t('lab.neuron.output'), p1: 'p₁', p2: 'p₂', p3: 'p₃' });
    h.drawFunction(this.$('neuron-function'), { z: 'z', f: 'f(z)', slope: 'f′(z)' });
    h.drawNeuron2(this.$('neuron-2d'), { x1: 'x₁', x2: 'x₂' });
    h.drawCollapse(this.$('collapse-plot'), { x: 'x', y: 'y', stacked: t('lab.neuron.twoLayers'), single: t('lab.neuron.oneLayer') });
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

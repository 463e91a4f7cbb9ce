// The backpropagation lab: the playground's own network on one training
// point, forward neuron by neuron, the loss, then the chain rule back to
// every weight, each gradient beside its finite difference, and the SGD
// step they make, which "apply" takes on the playground's network.
//
// Its link is the playground's keys plus its own (point, steps): opening
// it replays `steps` training steps from the seed, so a link reaches the
// same weights.
import { BackpropLab } from './pkg/neuroplay.js';
import { t, num, list, scientific, factor } from './i18n.js';
import { LabView, SessionLab, readout, message, button } from './labs.js';
import { onTap } from './touch.js';
import { el } from './controls.js';

/**
 * The core's shapes (www/pkg/neuroplay.d.ts): a piece of a line it writes,
 * the lab's `readouts()` (the point walked and the checks of its
 * gradients), one stage of the walk (`stage(i)`) and its backward kind.
 * @typedef {import('./pkg/neuroplay.js').FormulaPiece} Part
 * @typedef {import('./pkg/neuroplay.js').BackpropReadouts} Walk
 * @typedef {import('./pkg/neuroplay.js').BackpropStage} Stage
 * @typedef {Extract<Stage, { kind: 'backward' }>} Backward
 * Where a stage is in the network.
 * @typedef {{ layer: number, neuron: number }} Place
 */

/** While running, one stage every this many ms. */
const STAGE_MS = 700;

/** A number as the page writes it here: four decimals. */
const n4 = (/** @type {number} */ v) => num(v, 4);
/** A number that comes from elsewhere in the network, marked as the one feeding this step. */
const fed = (/** @type {string} */ text) => el('span', { className: 'feed', textContent: text });
/** One line of text and marked numbers. */
const line = (/** @type {(Node | string)[]} */ ...parts) => el('div', { className: 'line' }, ...parts);

/** @extends {SessionLab<BackpropLab>} */
export default class BackpropView extends SessionLab {
  #done;
  #runAt = 0;

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, BackpropLab, 'backprop', hooks);
    this.#done = hooks.done ?? (() => {});
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab two', hidden: true, dataset: { labView: 'backprop' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.backprop.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.backprop.intro' } }),
        el('div', { dataset: { fields: 'backprop' } }),
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'backprop-points', i18nAria: 'lab.backprop.pointsAria' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.backprop.pick' } }),
        readout('lab.backprop.loss', 'backprop-loss'),
        readout('lab.backprop.check', 'grad-check'),
        readout('lab.backprop.engine', 'engine-check'),
        el('button', { className: 'primary-text', dataset: { testid: 'backprop-apply', i18n: 'lab.backprop.apply' } }),
        message('backprop-message'),
      ),
      el('section', { className: 'panel lab-figure' },
        el('div', { className: 'row lab-buttons' },
          button('backprop-first', 'lab.backprop.first'),
          button('backprop-back', 'lab.backprop.back'),
          button('backprop-next', 'lab.backprop.next'),
          button('backprop-run', 'lab.run'),
          button('backprop-last', 'lab.backprop.last'),
          el('output', { className: 'progress', dataset: { testid: 'backprop-progress' } }),
        ),
        el('div', { className: 'walk' },
          el('canvas', { role: 'img', dataset: { testid: 'backprop-network', i18nAria: 'lab.backprop.networkAria' } }),
          el('div', { className: 'stage', ariaLive: 'polite', dataset: { testid: 'backprop-stage' } }),
        ),
      ),
    );
  }

  tick() {
    const now = performance.now();
    if (now - this.#runAt < STAGE_MS) return true;
    this.#runAt = now;
    const h = this.live;
    h.show(h.shown() + 1);
    return h.shown() < h.stageCount();
  }

  wire() {
    const go = (/** @type {(h: BackpropLab) => number} */ to) => () => this.guard(() => {
      this.stop();
      const h = this.handle;
      if (!h) return;
      h.show(Math.max(0, to(h)));
      this.draw();
    });
    this.$('backprop-first').onclick = go(() => 0);
    this.$('backprop-back').onclick = go((h) => h.shown() - 1);
    this.$('backprop-next').onclick = go((h) => h.shown() + 1);
    this.$('backprop-last').onclick = go((h) => h.stageCount());
    this.stepButton = this.$('backprop-next');
    this.resetButton = this.$('backprop-first');
    this.runButton = this.$('backprop-run');
    this.runButton.onclick = () => {
      const h = this.handle;
      if (h && h.shown() >= h.stageCount()) h.show(0);
      this.#runAt = 0;
      this.toggle();
    };
    this.$('backprop-apply').onclick = () => this.guard(() => {
      // What the step does, read before it is taken: the playground says it where the page lands.
      const r = this.handle?.readouts();
      const refused = this.handle?.applyStep(this.session.live);
      if (refused) this.messages.say(refused);
      else if (r) {
        this.#done(() => t('lab.backprop.applied', {
          n: r.point + 1, rate: num(r.learningRate, 6), before: n4(r.loss), after: n4(r.lossAfter),
        }));
      }
    });
    const points = this.$('backprop-points', HTMLCanvasElement);
    // A tap picks a point; a swipe scrolls the page.
    onTap(points, (e) => this.guard(() => {
      if (!this.handle || e.button !== 0) return;
      const [x, y] = LabView.pixel(points, e);
      const i = this.handle.pointAt(points, x, y);
      if (i >= 0) this.change('point', String(i));
    }));
  }

  draw() {
    const h = this.handle;
    if (!h) return;
    const refused = h.refused();
    for (const id of ['backprop-first', 'backprop-back', 'backprop-next', 'backprop-run', 'backprop-last', 'backprop-apply']) {
      this.$(id, HTMLButtonElement).disabled = Boolean(refused);
    }
    if (refused) {
      this.$('backprop-stage').replaceChildren();
      return;
    }
    const r = h.readouts();
    if (!r) throw new Error('the backprop lab has no point to walk');
    const names = r.features.map((f) => t(`feature.${f}`));
    h.drawPoints(this.$('backprop-points', HTMLCanvasElement), { x: 'x₁', y: 'x₂' });
    h.drawNetwork(this.$('backprop-network', HTMLCanvasElement), { inputs: names, loss: 'L' });
    this.$('backprop-loss').textContent = n4(r.loss);
    this.$('grad-check').textContent = scientific(r.gradCheck);
    this.$('engine-check').textContent = scientific(r.engineCheck);
    const shown = h.shown();
    this.$('backprop-progress').textContent = t('lab.backprop.progress', { shown, count: h.stageCount() });
    this.$('backprop-back', HTMLButtonElement).disabled = shown === 0;
    this.$('backprop-next', HTMLButtonElement).disabled = shown >= h.stageCount();
    const stage = shown > 0 ? h.stage(shown - 1) : null;
    this.$('backprop-stage').replaceChildren(...(stage ? card(stage, r, names) : start(r, names)));
  }
}


/** Layer l (0 = the first hidden one) as the page names it. */
const layerName = (/** @type {Place & { output: boolean }} */ stage) => (stage.output ? t('lab.backprop.outputLayer') : t('lab.backprop.layer', { n: stage.layer + 1 }));
/** The neuron of a stage: "layer 2, neuron 3". */
const neuronName = (/** @type {Place & { output: boolean }} */ stage) => t('lab.backprop.neuron', { layer: layerName(stage), n: stage.neuron + 1 });

/**
 * Before the first stage: the point and what comes.
 * @param {Walk} r
 * @param {string[]} names
 */
function start(r, names) {
  const inputs = list(r.input.map((v, i) => `${names[i]} = ${n4(v)}`));
  return [
    el('h3', { textContent: t('lab.backprop.point', { n: r.point + 1, count: r.points }) }),
    line(inputs),
    line(t('lab.backprop.target', { y: num(r.target, 4) })),
    el('p', { className: 'lab-intro', textContent: t('lab.backprop.begin') }),
  ];
}

/**
 * A line the core wrote in parts: text, numbers, factors of a product and words.
 * @param {Part[]} items
 */
function parts(items) {
  return line(...items.map((p) => {
    if (typeof p === 'number') return n4(p);
    if (typeof p === 'string') return p;
    return 'factor' in p ? factor(p.factor, 4) : t(`lab.backprop.${p.word}`);
  }));
}

/**
 * The card of one stage: its title and every number it writes.
 * @param {Stage} s
 * @param {Walk} r
 * @param {string[]} names
 * @returns {HTMLElement[]}
 */
function card(s, r, names) {
  const from = (/** @type {number} */ i) => ('layer' in s && s.layer === 0 ? names[i] : `a${subscript(i + 1)}`);
  switch (s.kind) {
    case 'forward': {
      const terms = s.weights.flatMap((w, i) => [` + ${factor(w, 4)}·`, fed(factor(s.inputs[i], 4))]);
      const lines = [
        el('h3', { textContent: `${t('lab.backprop.forward')}: ${neuronName(s)}` }),
        line(`z = b + Σ wᵢ·aᵢ = ${n4(s.bias)}`, ...terms, ` = ${n4(s.z)}`),
      ];
      if (s.output) lines.push(line(t('lab.backprop.headActs')));
      else lines.push(line(`a = ${t(`option.activation.${s.activation}`)}(z) = ${t(`option.activation.${s.activation}`)}(${n4(s.z)}) = ${n4(s.a)}`));
      return lines;
    }
    case 'loss':
      return [el('h3', { textContent: t('lab.backprop.lossTitle') }), ...s.lines.map(parts)];
    case 'backward': {
      const lines = [el('h3', { textContent: `${t('lab.backprop.backward')}: ${neuronName(s)}` })];
      // The output neuron's δ comes from the loss (`delta`), a hidden one's from the layer after it (`next`).
      if (s.delta) {
        lines.push(parts(s.delta));
      } else {
        const terms = (s.next ?? []).flatMap((k, i) => [i ? ' + ' : '', `${factor(k.w, 4)}·`, fed(factor(k.dz, 4))]);
        lines.push(line('∂L/∂a = Σₖ wₖ·∂L/∂zₖ = ', ...terms, ` = ${n4(s.dA)}`));
        lines.push(line(`∂L/∂z = ∂L/∂a · f′(z) = ${factor(s.dA, 4)} · ${factor(s.slope, 4)} = ${n4(s.dZ)}`));
      }
      lines.push(gradientTable(s, from, r.learningRate));
      return lines;
    }
    default:
      return [
        el('h3', { textContent: t('lab.backprop.updateTitle') }),
        line(`w ← w − α·∂L/∂w,  α = ${num(s.learningRate, 6)}`),
        line(t('lab.backprop.after', { before: n4(s.loss), after: n4(s.lossAfter) })),
        el('p', { className: 'lab-intro', textContent: t('lab.backprop.applyHint') }),
      ];
  }
}

/**
 * Each incoming weight's gradient as its chain-rule product, its finite difference and its step.
 * @param {Backward} s
 * @param {(i: number) => string} from
 * @param {number} rate
 */
function gradientTable(s, from, rate) {
  const head = el('tr', {}, ...['lab.backprop.from', 'lab.backprop.chain', 'lab.backprop.numeric', 'lab.backprop.step']
    .map((key) => el('th', { textContent: t(key, { rate: num(rate, 6) }) })));
  const rows = s.dW.map((g, i) => el('tr', {},
    el('td', { textContent: `w ← ${from(i)}` }),
    el('td', {}, `${factor(s.dZ, 4)} · `, fed(factor(s.inputs[i], 4)), ` = ${n4(g)}`),
    el('td', { textContent: n4(s.numericW[i]) }),
    el('td', { textContent: n4(s.update[i]) })));
  rows.push(el('tr', {},
    el('td', { textContent: 'b' }),
    el('td', { textContent: `∂L/∂b = ∂L/∂z = ${n4(s.dZ)}` }),
    el('td', { textContent: n4(s.numericB) }),
    el('td', { textContent: n4(s.updateB) })));
  return el('div', { className: 'table-wrap' }, el('table', { className: 'gradients' }, el('thead', {}, head), el('tbody', {}, ...rows)));
}

/**
 * A whole number in subscript digits.
 * @param {number} n
 */
function subscript(n) {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]);
}

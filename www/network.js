// The network diagram: columns of neurons laid out with HTML, each a live
// thumbnail canvas; the core draws the edges between them and answers
// which edge is under the pointer. The inputs, activations and limits come
// from the core's schema, the current choices from its settings state.
import { hintOverflow } from './scroll-hint.js';
import { t, fixed, fieldText, onLanguage } from './i18n.js';
import { decimalField, readFields } from './decimal.js';
import { el } from './controls.js';
import { $ } from './dom.js';
import { NeuronZoom } from './neuron-zoom.js';

/** Nodes a column shows at full size; wider layers get smaller nodes. */
const FULL_SIZE_NODES = 8;
/** The smallest node, in CSS pixels: a thumbnail still shows its neuron's pattern. */
const SMALLEST_NODE = 24;
/** A diagram with more edges than this is redrawn less often while training. */
const CHEAP_EDGES = 1000;

export class Network {
  /**
   * `session` holds the handle and the schema; `change(key, value)` applies
   * a setting. `edited()` asks for a full render (a weight or bias changed),
   * `redraw()` for the diagram alone (the highlighted edge moved),
   * `say(message)` shows a refusal.
   * @param {Document} root
   * @param {import('./session.js').Session} session
   * @param {(key: string, value: string) => void} change
   * @param {{ edited: () => void, redraw: () => void, say: (what: import('./messages.js').Said) => void }} hooks
   */
  constructor(root, session, change, { edited, redraw, say }) {
    this.root = root;
    this.session = session;
    this.change = change;
    this.edited = edited;
    this.redraw = redraw;
    this.say = say;
    const spec = (/** @type {string} */ key) => {
      const row = session.schema.settings.find((s) => s.key === key);
      if (!row) throw new Error(`the core's schema has no ${key}`);
      return row;
    };
    this.features = (spec('features').options ?? []).map((o) => o.value);
    this.activations = (spec('activation').options ?? []).map((o) => o.value);
    const limits = spec('layers');
    this.limits = { maxLayers: limits.maxLayers ?? 0, minNeurons: limits.minNeurons ?? 0, maxNeurons: limits.maxNeurons ?? 0 };
    this.net = $(root, 'network');
    // Focusable by script only: the weight editor gives focus back here.
    this.net.tabIndex = -1;
    this.edges = $(root, 'edges', HTMLCanvasElement);
    const columns = root.querySelector('.net-columns');
    if (!(columns instanceof HTMLElement)) throw new Error('the page has no .net-columns');
    this.columns = columns;
    this.tooltip = $(root, 'weight-tooltip');
    /** @type {HTMLElement[]} */
    this.thumbs = [];
    this.shape = '';
    this.needsLayout = true;
    /** @type {number[]} */
    this.layers = [];
    this.edgeCount = 0;
    /** Whether the weight editor is open. */
    this.editing = false;
    /** @type {import('./pkg/neuroplay.js').EdgeUnder | null} the edge under the pointer */
    this.hit = null;
    /** The names of the enabled inputs, in the network's order. */
    this.inputNames = /** @type {string[]} */ ([]);
    // One neuron large, over the output view (its keyboard path to the weights too).
    this.zoom = new NeuronZoom($(root, 'plot'), session, {
      names: (layer) => (layer === 0 ? this.inputNames
        : Array.from({ length: this.layers[layer - 1] ?? 0 }, (_, i) => t('zoom.node', { layer, n: i + 1 }))),
      edited,
      say,
    });
    $(root, 'add-layer').onclick = () => this.setLayers([...this.layers, 4]);
    $(root, 'remove-layer').onclick = () => this.setLayers(this.layers.slice(0, -1));
    this.net.addEventListener('pointermove', (e) => this.hover(e));
    this.net.addEventListener('pointerleave', () => this.unhover());
    this.net.addEventListener('click', (e) => this.clickEdge(e));
    new ResizeObserver(() => { this.needsLayout = true; }).observe(this.net);
    // On a phone the diagram scrolls sideways: its edge fades where more of it waits.
    hintOverflow($(root, 'network-scroll'));
    // A new session or language: build the columns anew at the next sync.
    session.onChange(() => { this.shape = ''; });
    onLanguage(() => { this.shape = ''; });
  }

  get pg() {
    return this.session.pg;
  }

  /** The live handle, for a call that needs one. */
  get live() {
    return this.session.live;
  }

  /** @param {number[]} layers */
  setLayers(layers) {
    this.change('layers', layers.join(','));
  }

  /** Whether drawing the diagram is cheap enough for every frame (few edges). */
  get cheap() {
    return this.edgeCount <= CHEAP_EDGES;
  }

  /** Node positions may have moved (the window was resized): measure them again before drawing. */
  relayout() {
    this.needsLayout = true;
  }

  /**
   * Rebuilds the columns when the network's shape changed. `state` is the core's settings state.
   * @param {import('./pkg/neuroplay.js').SettingsState} state
   */
  sync(state) {
    const layersText = state.layers.value;
    const layers = layersText ? layersText.split(',').map(Number) : [];
    this.layers = layers;
    const acts = state.activation.value.split(',');
    const widths = this.live.columnWidths();
    const outputs = widths[widths.length - 1];
    this.edgeCount = widths.slice(1).reduce((sum, n, i) => sum + n * widths[i], 0);
    const shape = [state.features.value, state.features.allowed, layers, acts, outputs].join('|');
    const count = $(this.root, 'layer-count');
    count.textContent = String(layers.length);
    $(this.root, 'layer-count-label').textContent = t('hiddenLayers', { n: layers.length });
    $(this.root, 'add-layer', HTMLButtonElement).disabled = layers.length >= this.limits.maxLayers;
    $(this.root, 'remove-layer', HTMLButtonElement).disabled = layers.length === 0;
    if (shape === this.shape) return;
    this.shape = shape;
    this.build(state, layers, acts, outputs);
    this.needsLayout = true;
  }

  /**
   * @param {import('./pkg/neuroplay.js').SettingsState} state
   * @param {number[]} layers
   * @param {string[]} acts
   * @param {number} outputs
   */
  build(state, layers, acts, outputs) {
    const enabled = new Set(state.features.value.split(','));
    const allowed = state.features.allowed ?? this.features;
    this.inputNames = this.features.filter((f) => allowed.includes(f) && enabled.has(f)).map((f) => t(`feature.${f}`));
    this.thumbs = [];
    const columns = [];

    // Inputs: every feature the data allows, enabled ones live; a click switches one on or off.
    const inputs = el('div', { className: 'net-col inputs' }, el('div', { className: 'col-head' }, el('span', { textContent: t('net.inputs') })));
    for (const name of this.features.filter((f) => allowed.includes(f))) {
      const label = t(`feature.${name}`);
      const on = enabled.has(name);
      const thumb = el('span', { className: 'thumb' });
      const button = el('button', { className: `node input${on ? ' on' : ''}`, title: t('net.feature', { name: label }) },
        thumb, el('span', { className: 'node-label', textContent: label }));
      button.dataset.testid = `feature-${name}`;
      button.setAttribute('aria-pressed', String(on));
      button.onclick = () => {
        const next = new Set(enabled);
        if (on) next.delete(name); else next.add(name);
        if (next.size) this.change('features', this.features.filter((n) => next.has(n)).join(','));
      };
      if (on) this.thumbs.push(thumb);
      inputs.append(button);
    }
    columns.push(inputs);

    // Hidden layers: neuron count with − and +, an activation each, and the neurons.
    const { minNeurons, maxNeurons } = this.limits;
    layers.forEach((n, i) => {
      const head = el('div', { className: 'col-head' });
      const minus = el('button', { textContent: '−', disabled: n <= minNeurons, title: t('net.fewer', { n: i + 1 }) });
      minus.setAttribute('aria-label', t('net.fewer', { n: i + 1 }));
      minus.dataset.testid = `neurons-minus-${i}`;
      minus.onclick = () => this.setLayers(layers.map((m, j) => (j === i ? m - 1 : m)));
      const plus = el('button', { textContent: '+', disabled: n >= maxNeurons, title: t('net.more', { n: i + 1 }) });
      plus.setAttribute('aria-label', t('net.more', { n: i + 1 }));
      plus.dataset.testid = `neurons-plus-${i}`;
      plus.onclick = () => this.setLayers(layers.map((m, j) => (j === i ? m + 1 : m)));
      const count = el('output', { textContent: String(n) });
      count.dataset.testid = `neurons-${i}`;
      const act = el('select', {});
      act.dataset.testid = `layer-activation-${i}`;
      act.setAttribute('aria-label', t('net.layerActivation', { n: i + 1 }));
      for (const a of this.activations) act.add(new Option(t(`short.activation.${a}`), a));
      act.value = acts[i] ?? acts[0];
      act.onchange = () => {
        const next = layers.map((_, j) => (j === i ? act.value : acts[j] ?? acts[0]));
        this.change('activation', next.join(','));
      };
      head.append(el('div', { className: 'row' }, minus, count, plus), act);
      const col = el('div', { className: 'net-col hidden-layer' }, head);
      for (let j = 0; j < n; j++) col.append(this.neuron(i, j));
      columns.push(col);
    });

    // Outputs.
    const out = el('div', { className: 'net-col outputs' }, el('div', { className: 'col-head' }, el('span', { textContent: t('net.output') })));
    for (let j = 0; j < outputs; j++) out.append(this.neuron(layers.length, j, true));
    columns.push(out);
    this.columns.replaceChildren(...columns);
    // Wide layers get smaller nodes, so the diagram keeps about the height of FULL_SIZE_NODES.
    const widest = Math.max(outputs, ...layers);
    // The tallest column (the inputs' included), for a layout that fits the diagram to the height (presenter mode).
    this.net.style.setProperty('--rows', String(Math.max(widest, inputs.childElementCount - 1)));
    if (widest > FULL_SIZE_NODES) this.net.style.setProperty('--node', `${Math.max(SMALLEST_NODE, Math.floor(300 / widest) - 4)}px`);
    else this.net.style.removeProperty('--node');
  }

  /**
   * A neuron: a button (Enter and Space open its bias editor natively) over its output's thumbnail.
   * @param {number} layer
   * @param {number} j
   * @param {boolean} [output]
   */
  neuron(layer, j, output) {
    const thumb = el('span', { className: 'thumb' });
    const node = el('button', { type: 'button', className: 'node neuron' }, thumb);
    node.setAttribute('aria-label', output
      ? t('net.outputNeuron', { n: j + 1 })
      : t('net.neuron', { layer: layer + 1, n: j + 1 }));
    node.dataset.testid = `neuron-${layer}-${j}`;
    node.dataset.layer = String(layer);
    node.dataset.index = String(j);
    node.addEventListener('pointerenter', () => this.showBias(node));
    node.addEventListener('click', (e) => {
      e.stopPropagation();
      this.editBias(node);
    });
    this.thumbs.push(thumb);
    // Shown large while hovered by a mouse or focused from the keyboard; the magnifier keeps it open.
    const which = { layer, j, output: Boolean(output) };
    node.addEventListener('pointerenter', (e) => { if (e.pointerType !== 'touch') this.zoom.preview(which); });
    node.addEventListener('pointerleave', () => this.zoom.unpreview());
    node.addEventListener('focus', () => { if (node.matches(':focus-visible')) this.zoom.preview(which); });
    node.addEventListener('blur', () => this.zoom.unpreview());
    const name = node.getAttribute('aria-label') ?? '';
    const magnifier = el('button', { type: 'button', className: 'zoom-open', title: t('zoom.open', { neuron: name }) },
      el('span', { className: 'lens', ariaHidden: 'true' }));
    magnifier.setAttribute('aria-label', t('zoom.open', { neuron: name }));
    magnifier.dataset.testid = `zoom-${layer}-${j}`;
    magnifier.addEventListener('pointerenter', (e) => { if (e.pointerType !== 'touch') this.zoom.preview(which); });
    magnifier.addEventListener('pointerleave', () => this.zoom.unpreview());
    magnifier.addEventListener('click', (e) => {
      e.stopPropagation();
      this.zoom.pin(which, magnifier);
    });
    return el('span', { className: 'neuron-slot' }, node, magnifier);
  }

  /** Matches the edge canvas to its box and tells the core where each node is. */
  layout() {
    this.#place(this.edges, Math.min(window.devicePixelRatio || 1, 2));
    this.needsLayout = false;
  }

  /**
   * Sizes `canvas` to the diagram at `scale` pixels per CSS pixel and tells the core where each node is on it.
   * @param {HTMLCanvasElement} canvas
   * @param {number} scale
   */
  #place(canvas, scale) {
    const box = this.net.getBoundingClientRect();
    canvas.width = Math.max(1, Math.round(box.width * scale));
    canvas.height = Math.max(1, Math.round(box.height * scale));
    const flat = [];
    for (const thumb of this.thumbs) {
      const r = thumb.getBoundingClientRect();
      flat.push((r.left - box.left) * scale, (r.right - box.left) * scale, ((r.top + r.bottom) / 2 - box.top) * scale);
    }
    this.live.setNodeBoxes(new Float32Array(flat));
  }

  /**
   * The diagram's edges and neurons on a new canvas at `scale` pixels per
   * CSS pixel, on white (for a figure); the screen's layout comes back at
   * the next draw.
   * @param {number} scale
   */
  render(scale) {
    const canvas = document.createElement('canvas');
    this.#place(canvas, scale);
    const out = document.createElement('canvas');
    [out.width, out.height] = [canvas.width, canvas.height];
    this.live.drawNetwork(canvas);
    const ctx = out.getContext('2d');
    if (!ctx) throw new Error('no 2D context for a network figure');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, out.width, out.height);
    ctx.drawImage(canvas, 0, 0);
    this.needsLayout = true;
    return out;
  }

  /** Draws the edges and, from the handle's last grid pass, every node's thumbnail. */
  draw() {
    if (this.needsLayout) this.layout();
    this.live.drawNetwork(this.edges);
    this.zoom.draw();
  }

  /** @param {MouseEvent} e */
  pointer(e) {
    const dpr = Math.min(window.devicePixelRatio || 1, 2);
    const box = this.net.getBoundingClientRect();
    return { x: (e.clientX - box.left) * dpr, y: (e.clientY - box.top) * dpr, left: e.clientX - box.left, top: e.clientY - box.top };
  }

  /** @param {PointerEvent} e */
  hover(e) {
    const pg = this.pg;
    if (!pg || this.editing || (e.target instanceof Element && e.target.closest('.node, .col-head, .zoom-open'))) return;
    const p = this.pointer(e);
    const hit = pg.hoverEdge(p.x, p.y);
    this.redraw();
    if (hit) {
      this.hit = hit;
      this.showTip(`${t('net.weight', { value: fixed(hit.weight, 3) })} · ${t('net.edit')}`, p.left, p.top);
    } else {
      this.hit = null;
      this.tooltip.hidden = true;
    }
  }

  unhover() {
    if (this.editing) return;
    this.pg?.clearHover();
    this.hit = null;
    this.tooltip.hidden = true;
    this.redraw();
  }

  /**
   * @param {string} text
   * @param {number} left
   * @param {number} top
   */
  showTip(text, left, top) {
    this.tooltip.replaceChildren(text);
    this.tooltip.style.left = `${left + 12}px`;
    this.tooltip.style.top = `${top + 12}px`;
    this.tooltip.hidden = false;
  }

  /** @param {HTMLElement} node */
  showBias(node) {
    if (this.editing) return;
    const value = this.live.bias(Number(node.dataset.layer), Number(node.dataset.index));
    const box = this.net.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    this.showTip(`${t('net.bias', { value: fixed(value, 3) })} · ${t('net.edit')}`, r.right - box.left, r.top - box.top);
  }

  /** @param {MouseEvent} e */
  clickEdge(e) {
    if (!this.hit || (e.target instanceof Element && e.target.closest('.node, .col-head, .zoom-open'))) return;
    const { layer, to, from, weight } = this.hit;
    const p = this.pointer(e);
    this.edit(t('net.editWeight', { layer: layer + 1, from: from + 1, to: to + 1 }), weight, p.left, p.top,
      (v) => this.live.setWeight(layer, to, from, v), this.net);
  }

  /** @param {HTMLElement} node */
  editBias(node) {
    const layer = Number(node.dataset.layer);
    const j = Number(node.dataset.index);
    const box = this.net.getBoundingClientRect();
    const r = node.getBoundingClientRect();
    // A neuron the core no longer has (a diagram not yet rebuilt) has no bias to edit.
    const bias = this.live.bias(layer, j);
    if (bias === undefined) return;
    this.edit(t('net.editBias'), bias, r.right - box.left, r.top - box.top,
      (v) => this.live.setBias(layer, j, v), node);
  }

  /**
   * An inline number field: Enter applies, Escape or leaving cancels. Enter
   * and Escape give focus back to `opener`; leaving keeps it where it went.
   * @param {string} label
   * @param {number} value
   * @param {number} left
   * @param {number} top
   * @param {(value: number) => import('./pkg/neuroplay.js').Message | null} apply  the core's refusal, or null
   * @param {HTMLElement} opener
   */
  edit(label, value, left, top, apply, opener) {
    this.editing = true;
    const input = decimalField({ value: fieldText(value) });
    input.dataset.testid = 'weight-input';
    input.setAttribute('aria-label', label);
    let open = true;
    const done = (/** @type {{ changed: boolean, refocus: boolean }} */ { changed, refocus }) => {
      if (!open) return; // refocusing blurs the field, which calls this again
      open = false;
      this.editing = false;
      if (refocus) opener.focus();
      this.tooltip.hidden = true;
      if (changed) this.edited();
      else this.redraw();
    };
    input.addEventListener('keydown', (e) => {
      // Handled here: no keypress may follow focus to the opener and click it again.
      if (e.key === 'Enter' || e.key === 'Escape') e.preventDefault();
      if (e.key === 'Enter') {
        // Text that is not a number is refused here, a bad value by the core,
        // each with a message, and nothing changes.
        const read = readFields([input]);
        const refused = 'refused' in read ? read.refused : apply(read.numbers[0]);
        if (refused) this.say(refused);
        done({ changed: !refused, refocus: true });
      } else if (e.key === 'Escape') done({ changed: false, refocus: true });
      e.stopPropagation();
    });
    input.addEventListener('blur', () => done({ changed: false, refocus: false }));
    this.tooltip.replaceChildren(el('label', {}, label, input));
    this.tooltip.style.left = `${left + 12}px`;
    this.tooltip.style.top = `${top + 12}px`;
    this.tooltip.hidden = false;
    input.focus();
    input.select();
  }
}

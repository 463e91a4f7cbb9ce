// One neuron shown large over the output view: its map (drawn by the core
// over the whole grid, not a thumbnail stretched), its layer and index, its
// bias and its incoming weights. Hovering or focusing a neuron shows it;
// the neuron's magnifier keeps it open, with focus on its first weight.
// Each weight and the bias is a spin button: ↑ and ↓ change it, Page Up and
// Page Down by ten times as much, Enter types a value; every change goes
// through the core's one edit path (setWeight, setBias), as a click on an
// edge does.
import { t, num, fixed, fieldText, readNumber, onLanguage } from './i18n.js';
import { decimalField } from './decimal.js';
import { el } from './controls.js';
import { fitCanvases } from './output.js';

/** What ↑ and ↓ add to a weight or bias; Page Up and Page Down ten times as much. */
export const WEIGHT_STEP = 0.1;

/**
 * @typedef {{ layer: number, j: number, output: boolean }} Neuron
 * @typedef {{ part: 'weight' | 'bias', from: number }} Param
 */

export class NeuronZoom {
  /** @type {Neuron | null} the neuron shown */
  #shown = null;
  /** Whether the magnifier opened it (it stays until closed), not a hover or focus. */
  #pinned = false;
  /** @type {HTMLElement | null} the magnifier that opened it, given focus back on closing */
  #opener = null;
  /** @type {HTMLElement[]} the spin buttons: the bias first, then one per incoming weight */
  #params = [];
  #built = '';

  /**
   * `names(layer)`: the names of the nodes feeding `layer`; `edited()`:
   * a weight or bias changed; `say(message)`: the core refused a value.
   * @param {HTMLElement} host  the output view's box, which the panel covers
   * @param {import('./session.js').Session} session
   * @param {{ names: (layer: number) => string[], edited: () => void, say: (what: import('./messages.js').Said) => void }} hooks
   */
  constructor(host, session, hooks) {
    this.session = session;
    this.hooks = hooks;
    this.title = el('h3', { id: 'neuron-zoom-title', dataset: { testid: 'neuron-zoom-title' } });
    this.close = el('button', { type: 'button', className: 'zoom-close', textContent: '×', dataset: { testid: 'neuron-zoom-close' } });
    this.close.onclick = () => this.hide(true);
    this.map = el('canvas', { className: 'zoom-map', role: 'img', dataset: { testid: 'neuron-zoom-map' } });
    this.list = el('div', { className: 'zoom-params', role: 'group', dataset: { testid: 'neuron-zoom-weights' } });
    this.keys = el('p', { className: 'hint zoom-keys', dataset: { testid: 'neuron-zoom-keys' } });
    this.panel = el('section', { className: 'neuron-zoom', hidden: true, dataset: { testid: 'neuron-zoom' } },
      el('div', { className: 'zoom-head' }, this.title, this.close),
      el('div', { className: 'zoom-body' }, el('div', { className: 'zoom-frame' }, this.map), el('div', { className: 'zoom-side' }, this.list, this.keys)));
    this.panel.setAttribute('aria-labelledby', this.title.id);
    this.panel.addEventListener('keydown', (e) => {
      if (e.key !== 'Escape' || !this.#pinned) return;
      e.preventDefault();
      e.stopPropagation();
      this.hide(true);
    });
    host.append(this.panel);
    onLanguage(() => { this.#built = ''; this.draw(); });
  }

  /** Whether the panel is open by the magnifier. */
  get pinned() {
    return this.#pinned;
  }

  /**
   * Shows `neuron` while it is hovered or focused (unless another is kept open).
   * @param {Neuron} neuron
   */
  preview(neuron) {
    if (this.#pinned) return;
    this.#show(neuron);
  }

  /** The hovered or focused neuron was left: a preview goes. */
  unpreview() {
    if (!this.#pinned) this.hide(false);
  }

  /**
   * Keeps `neuron` open, from its magnifier `opener`, and moves focus to its first weight.
   * @param {Neuron} neuron
   * @param {HTMLElement} opener
   */
  pin(neuron, opener) {
    this.#opener?.setAttribute('aria-expanded', 'false');
    this.#pinned = true;
    this.#opener = opener;
    // The magnifier stays in view while its panel is open, so that focus can come back to it.
    opener.setAttribute('aria-expanded', 'true');
    this.#show(neuron);
    (this.#params[1] ?? this.#params[0])?.focus();
  }

  /**
   * Closes the panel; `refocus` gives focus back to the magnifier that opened it.
   * @param {boolean} refocus
   */
  hide(refocus) {
    const opener = this.#opener;
    this.#pinned = false;
    this.#opener = null;
    this.#shown = null;
    this.panel.hidden = true;
    if (refocus && opener?.isConnected) opener.focus();
    opener?.setAttribute('aria-expanded', 'false');
  }

  /** @param {Neuron} neuron */
  #show(neuron) {
    const same = this.#shown && this.#shown.layer === neuron.layer && this.#shown.j === neuron.j;
    this.#shown = neuron;
    this.panel.hidden = false;
    if (!same) this.#built = '';
    this.draw();
  }

  /** Draws the shown neuron's map and writes its parameters, as the network is now. */
  draw() {
    const n = this.#shown;
    const pg = this.session.pg;
    if (!n || !pg || this.panel.hidden) return;
    const names = this.hooks.names(n.layer);
    // The network changed shape under the panel: the neuron may be gone.
    if (pg.bias(n.layer, n.j) === undefined) {
      this.hide(this.panel.contains(document.activeElement));
      return;
    }
    const name = n.output ? t('net.outputNeuron', { n: n.j + 1 }) : t('net.neuron', { layer: n.layer + 1, n: n.j + 1 });
    this.title.textContent = name;
    this.close.setAttribute('aria-label', t('zoom.close'));
    this.close.title = t('zoom.close');
    this.keys.textContent = t('zoom.keys', { step: num(WEIGHT_STEP), big: num(10 * WEIGHT_STEP) });
    this.list.setAttribute('aria-label', t('zoom.params', { neuron: name }));
    const shape = `${n.layer}|${n.j}|${names.join(',')}`;
    if (shape !== this.#built) {
      this.#built = shape;
      this.#params = [{ part: /** @type {const} */ ('bias'), from: 0 }, ...names.map((_, from) => ({ part: /** @type {const} */ ('weight'), from }))]
        .map((param) => this.#spin(param));
      this.list.replaceChildren(...this.#params);
    }
    const node = n.output ? t('zoom.output', { n: n.j + 1 }) : t('zoom.node', { layer: n.layer + 1, n: n.j + 1 });
    for (const spin of this.#params) this.#write(spin, n, names, node);
    fitCanvases([this.map]);
    pg.drawNeuron(this.map, n.layer, n.j);
    this.map.setAttribute('aria-label', t('zoom.map', { neuron: name }));
  }

  /**
   * The value of a spin button's weight or bias now (undefined when the network has none).
   * @param {HTMLElement} spin
   */
  #value(spin) {
    const n = this.#shown;
    const pg = this.session.pg;
    if (!n || !pg) return undefined;
    const from = Number(spin.dataset.from);
    return spin.dataset.part === 'bias' ? pg.bias(n.layer, n.j) : pg.weight(n.layer, n.j, from);
  }

  /**
   * Writes a spin button's value, and its name with the value for a screen reader.
   * @param {HTMLElement} spin
   * @param {Neuron} n
   * @param {string[]} names
   * @param {string} neuron
   */
  #write(spin, n, names, neuron) {
    const value = this.#value(spin);
    if (value === undefined) return;
    const from = Number(spin.dataset.from);
    const label = spin.dataset.part === 'bias'
      ? t('zoom.biasLabel', { neuron, value: num(value) })
      : t('zoom.weightLabel', { layer: n.layer + 1, from: names[from], to: neuron, value: num(value) });
    spin.setAttribute('aria-label', label);
    spin.setAttribute('aria-valuenow', String(value));
    spin.setAttribute('aria-valuetext', num(value));
    const [nameEl, valueEl] = spin.children;
    // On screen an input's name, or a neuron's number in the layer before (the screen reader hears its layer too).
    nameEl.textContent = spin.dataset.part === 'bias' ? t('zoom.bias') : n.layer === 0 ? names[from] : t('zoom.short', { n: from + 1 });
    if (valueEl && !valueEl.querySelector('input')) valueEl.textContent = fixed(value, 3);
  }

  /**
   * A spin button for one weight or the bias.
   * @param {Param} param
   */
  #spin({ part, from }) {
    const spin = el('div', { className: `zoom-param ${part}`, tabIndex: 0, role: 'spinbutton', dataset: { testid: part === 'bias' ? 'zoom-bias' : `zoom-weight-${from}`, part, from: String(from) } },
      el('span', { className: 'zoom-from' }), el('output', { className: 'zoom-value' }));
    spin.addEventListener('keydown', (e) => {
      const steps = { ArrowUp: 1, ArrowRight: 1, ArrowDown: -1, ArrowLeft: -1, PageUp: 10, PageDown: -10 }[e.key];
      if (steps === undefined && e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      // The page's keys (space plays, → steps) are not these.
      e.stopPropagation();
      const value = this.#value(spin);
      if (value === undefined) return;
      if (steps !== undefined) this.#set(spin, Math.round((value + steps * WEIGHT_STEP) * 1000) / 1000);
      else this.#type(spin, value);
    });
    spin.addEventListener('click', (e) => {
      if (e.target instanceof Element && e.target.closest('input')) return;
      const value = this.#value(spin);
      if (value !== undefined) this.#type(spin, value);
    });
    return spin;
  }

  /**
   * Sets a spin button's weight or bias through the core's edit path; a refusal is said.
   * @param {HTMLElement} spin
   * @param {number} value
   */
  #set(spin, value) {
    const n = this.#shown;
    const pg = this.session.pg;
    if (!n || !pg) return;
    const refused = spin.dataset.part === 'bias'
      ? pg.setBias(n.layer, n.j, value)
      : pg.setWeight(n.layer, n.j, Number(spin.dataset.from), value);
    if (refused) {
      this.hooks.say(refused);
      return;
    }
    this.hooks.edited();
    this.draw();
  }

  /**
   * A number field in place of the value: Enter applies, Escape or leaving cancels; focus comes back.
   * @param {HTMLElement} spin
   * @param {number} value
   */
  #type(spin, value) {
    const out = spin.querySelector('.zoom-value');
    if (!(out instanceof HTMLElement) || out.querySelector('input')) return;
    const input = decimalField({ value: fieldText(value), dataset: { testid: 'zoom-input' } });
    input.setAttribute('aria-label', spin.getAttribute('aria-label') ?? '');
    let open = true;
    const done = (/** @type {boolean} */ apply) => {
      if (!open) return;
      open = false;
      const typed = readNumber(input.value);
      out.replaceChildren();
      spin.focus();
      if (apply && typed !== undefined) this.#set(spin, typed);
      else this.draw();
    };
    input.addEventListener('keydown', (e) => {
      e.stopPropagation();
      if (e.key === 'Enter') { e.preventDefault(); done(true); }
      if (e.key === 'Escape') { e.preventDefault(); done(false); }
    });
    input.addEventListener('blur', () => done(false));
    out.replaceChildren(input);
    input.focus();
    input.select();
  }
}

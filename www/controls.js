// The settings panel and the network header's menus, built from the core's
// schema: which settings exist, their options, limits and steps, and when
// each applies all come from the core. This file decides only how a type
// is shown: a menu for choices and usual values, a slider for a range, a
// number field for a count, a box for a flag.
import { t, value, count, onLanguage } from './i18n.js';

/**
 * @typedef {import('./pkg/neuroplay.js').SettingRow} SettingSpec
 * @typedef {import('./pkg/neuroplay.js').Schema} Schema
 * @typedef {import('./pkg/neuroplay.js').SettingsState} SettingsState
 */
/**
 * How a setting's value travels between its link form and its control's
 * value (a string, or a box's checked state).
 * @typedef {{ toUi: (value: string) => string | boolean, fromUi: (ui: string | boolean) => string, show?: (value: string) => string }} Conversion
 */
/**
 * A control built for a setting: the control, the field around it, and its
 * value read in link form.
 * @typedef {{ spec: SettingSpec, control: HTMLInputElement | HTMLSelectElement, conv: Conversion, box: Element, read: () => string }} Item
 */

/** The data-testid (and id) of a setting's control: its key in kebab case, or a longer name. */
/** @type {Record<string, string>} */
const LONG_NAMES = { lr: 'learning-rate', batch: 'batch-size', reg: 'regularization' };
export const controlId = (/** @type {string} */ key) => LONG_NAMES[key] ?? key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * An element with properties, `dataset` entries and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Partial<Omit<HTMLElementTagNameMap[K], 'dataset'>> & { dataset?: Record<string, string> }} [props]
 * @param {...(Node | string)} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export const el = (tag, { dataset = {}, ...props } = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  Object.assign(node.dataset, dataset);
  node.append(...children);
  return node;
};

/** A number as a slider shows it: three significant digits, in the page's language. */
export const shortNumber = (/** @type {string} */ v) => value(Number(Number(v).toPrecision(3)));

/**
 * How one setting's value travels between the core (link form) and its
 * control: `toUi`, `fromUi`, and `show` for the figure beside a slider.
 * @param {SettingSpec} spec
 * @returns {Conversion}
 */
function conversion(spec) {
  if (spec.type === 'flag') return { toUi: (v) => v === '1', fromUi: (on) => (on ? '1' : '0') };
  if (spec.unit === 'percent') {
    return {
      toUi: (v) => String(Math.round(Number(v) * 100)),
      fromUi: (v) => String(Number(v) / 100),
      show: (v) => `${count(Math.round(Number(v) * 100))} %`,
    };
  }
  if (spec.type === 'real' && !spec.ticks) return { toUi: (v) => v, fromUi: String, show: shortNumber };
  if (spec.type === 'activations') return { toUi: (v) => v.split(',')[0], fromUi: String };
  return { toUi: (v) => v, fromUi: String };
}

/**
 * A usual value as a menu shows it: as the page writes a value (1·10⁻⁸,
 * not 0.00000001), with the language's decimal mark.
 */
const tickLabel = (/** @type {string} */ v) => value(Number(v));

/**
 * The options of a choice as <option>s, grouped by family when the core groups them.
 * @param {SettingSpec} spec
 * @returns {HTMLElement[]}
 */
function options(spec) {
  const choices = spec.options ?? [];
  const option = (/** @type {{ value: string, family?: string }} */ o) => el('option', {
    value: o.value, textContent: t(`option.${spec.key}.${o.value}`), dataset: { i18n: `option.${spec.key}.${o.value}` },
  });
  if (!choices.some((o) => o.family)) return choices.map(option);
  /** @type {Map<string | undefined, HTMLOptGroupElement>} */
  const groups = new Map();
  for (const o of choices) {
    const group = groups.get(o.family) ?? el('optgroup', { label: t(`family.${o.family}`), dataset: { i18nLabel: `family.${o.family}` } });
    groups.set(o.family, group);
    group.append(option(o));
  }
  return [...groups.values()];
}

/**
 * The control element for a setting: select, range, number, text or checkbox.
 * @param {SettingSpec} spec
 * @param {string} prefix
 * @returns {HTMLInputElement | HTMLSelectElement}
 */
function input(spec, prefix) {
  const id = prefix + controlId(spec.key);
  const props = { id, dataset: { testid: id } };
  if (spec.type === 'flag') return el('input', { ...props, type: 'checkbox' });
  if (spec.type === 'choice' || spec.type === 'activations') return el('select', props, ...options(spec));
  // Usual values read as numbers are written (1e-8, not 0.00000001).
  if (spec.ticks) return el('select', props, ...spec.ticks.map((v) => new Option(tickLabel(v), v)));
  if (spec.type === 'whole') return el('input', { ...props, type: 'number', min: String(spec.min), max: String(spec.max), step: String(spec.step) });
  if (spec.type === 'text') return el('input', { ...props, type: 'text', maxLength: spec.most, spellcheck: false });
  // A lab's hidden layers (the digits'): widths typed as a link writes them, `128,64`.
  if (spec.type === 'layers') return el('input', { ...props, type: 'text', spellcheck: false });
  const scale = spec.unit === 'percent' ? 100 : 1;
  return el('input', {
    ...props, type: 'range', min: String(Number(spec.min) * scale), max: String(Number(spec.max) * scale), step: String(Number(spec.step) * scale),
  });
}

/**
 * A panel field: label (with the slider's figure), the control, and any buttons that belong beside it.
 * @param {SettingSpec} spec
 * @param {HTMLInputElement | HTMLSelectElement} control
 * @param {Element[]} beside
 */
function field(spec, control, beside) {
  const id = control.id;
  const label = el('label', { htmlFor: id, dataset: { i18nTitle: `help.${spec.key}` }, title: t(`help.${spec.key}`) });
  const name = el('span', { textContent: t(`setting.${spec.key}`), dataset: { i18n: `setting.${spec.key}` } });
  const box = el('div', { className: 'field', dataset: { control: spec.key } });
  if (spec.type === 'flag') {
    box.classList.add('check');
    label.append(name);
    box.append(control, label);
    return box;
  }
  label.append(name);
  if (control.type === 'range') label.append(' ', el('output', { dataset: { for: id } }));
  box.append(label, beside.length ? el('div', { className: 'row' }, control, ...beside) : control);
  return box;
}

/**
 * A compact labelled menu for the network header.
 * @param {SettingSpec} spec
 * @param {HTMLInputElement | HTMLSelectElement} control
 */
function compact(spec, control) {
  return el('label', { className: 'compact', dataset: { control: spec.key } },
    el('span', { className: 'label', textContent: t(`setting.${spec.key}`), dataset: { i18n: `setting.${spec.key}` } }),
    control);
}

/**
 * Makes sure a select can show `value`, adding it if a link asked for one it does not list.
 * @param {HTMLSelectElement} select
 * @param {string} value
 */
function showValue(select, value) {
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value;
}

export class Controls {
  /** @type {Item[]} */
  #items = [];

  /**
   * Builds a control for every setting of the panel's groups (into
   * `[data-fields=GROUP]`) and the network header's menus (into
   * `[data-fields=network]`). Elements marked `data-beside=KEY` move next
   * to that key's control. `change(key, value)` applies a setting. Each
   * control's id and test id is `prefix` + the key's name (a lab's controls
   * get the lab's name, so they never share one with the playground's).
   * @param {ParentNode} root
   * @param {Schema} schema
   * @param {(key: string, value: string) => void} change
   */
  constructor(root, schema, change, prefix = '') {
    for (const spec of schema.settings) {
      const container = root.querySelector(`[data-fields="${spec.group}"]`);
      // Points and neurons are set on a figure, not in a field; three numbers (logits) in the lab's own three fields.
      const shown = spec.group === 'network' ? ['choice', 'activations'].includes(spec.type) : !['point', 'points', 'units', 'triple'].includes(spec.type);
      if (!container || !shown) continue;
      const control = input(spec, prefix);
      const beside = [...root.querySelectorAll(`[data-beside="${spec.key}"]`)];
      container.append(spec.group === 'network' ? compact(spec, control) : field(spec, control, beside));
      const conv = conversion(spec);
      /** @type {Item} */
      const item = {
        spec, control, conv, box: container.lastElementChild ?? container,
        read: () => conv.fromUi(control instanceof HTMLInputElement && control.type === 'checkbox' ? control.checked : control.value),
      };
      control.addEventListener('change', () => change(spec.key, item.read()));
      if (control.type === 'range') control.addEventListener('input', () => this.#showFigure(item, item.read()));
      this.#items.push(item);
    }
    onLanguage(() => {
      for (const item of this.#items) {
        this.#showFigure(item, item.read());
        if (item.spec.ticks && item.control instanceof HTMLSelectElement) for (const o of item.control.options) o.text = tickLabel(o.value);
      }
    });
  }

  /** Every control built, with the setting it shows (for tests and tools). */
  get items() {
    return this.#items.map(({ spec, control }) => ({ spec, control }));
  }

  /**
   * @param {Item} item
   * @param {string} value
   */
  #showFigure({ control, conv }, value) {
    const out = control.closest('.field')?.querySelector(`output[data-for="${control.id}"]`);
    if (out && conv.show) out.textContent = conv.show(value);
  }

  /**
   * Puts the core's state of every setting ({value, applies, allowed}) into
   * its control: the value, whether the field shows at all, and which
   * options may be chosen now.
   * @param {SettingsState} state
   */
  sync(state) {
    for (const item of this.#items) {
      const { spec, control, conv, box } = item;
      const { value, applies, allowed } = state[spec.key];
      const ui = conv.toUi(value);
      if (control instanceof HTMLInputElement && control.type === 'checkbox') control.checked = Boolean(ui);
      else if (control instanceof HTMLSelectElement) showValue(control, String(ui));
      else control.value = String(ui);
      this.#showFigure(item, value);
      box.classList.toggle('not-applicable', !applies);
      if (control instanceof HTMLSelectElement) {
        for (const option of control.options) option.disabled = !!allowed && !allowed.includes(option.value);
      }
    }
  }
}

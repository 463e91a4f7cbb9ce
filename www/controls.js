// The settings panel: one table binds each control to a core setting. The
// core validates every value; this file only converts between units.
import { t } from './i18n.js';

const LEARNING_RATES = ['0.00001', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10'];
const REG_RATES = ['0', '0.0001', '0.001', '0.003', '0.01', '0.03', '0.1', '0.3', '1', '3', '10'];
const MULTICLASS = new Set(['blobs', 'spirals']);
const REGRESSION = new Set(['plane', 'gaussians', 'sin', 'abs', 'step', 'square', 'table']);

const percent = {
  toUi: (v) => String(Math.round(Number(v) * 100)),
  fromUi: (v) => String(Number(v) / 100),
  show: (v) => `${Math.round(Number(v) * 100)} %`,
};
const flag = { toUi: (v) => v === '1', fromUi: (on) => (on ? '1' : '0') };
const plain = { toUi: (v) => v, fromUi: (v) => v };
const shown = { ...plain, show: (v) => String(Number(Number(v).toPrecision(3))) };

/** [data-testid, core key, conversion] for every settings control. */
const BINDINGS = [
  ['dataset', 'dataset', plain],
  ['classes', 'classes', plain],
  ['noise', 'noise', percent],
  ['points', 'points', plain],
  ['train-share', 'trainShare', percent],
  ['standardize', 'standardize', flag],
  ['augment', 'augment', shown],
  ['optimizer', 'optimizer', plain],
  ['learning-rate', 'lr', plain],
  ['momentum', 'momentum', shown],
  ['rho', 'rho', shown],
  ['beta1', 'beta1', shown],
  ['beta2', 'beta2', shown],
  ['weight-decay', 'weightDecay', shown],
  ['batch-size', 'batch', plain],
  ['regularization', 'reg', plain],
  ['reg-rate', 'regRate', plain],
  ['dropout', 'dropout', shown],
  ['batch-norm', 'batchNorm', flag],
  ['patience', 'patience', plain],
  ['ensemble', 'ensemble', plain],
  ['seed', 'seed', plain],
  ['activation', 'activation', plain],
  ['output', 'output', plain],
  ['init', 'init', plain],
];

const byTestId = (root, id) => root.querySelector(`[data-testid="${id}"]`);

function fillOptions(select, values) {
  if (select.options.length) return;
  for (const v of values) select.add(new Option(v, v));
}

/** Makes sure a select can show `value`, adding it if a link asked for another. */
function showValue(select, value) {
  if (![...select.options].some((o) => o.value === value)) select.add(new Option(value, value));
  select.value = value;
}

export class Controls {
  /** `change(key, value)` applies a setting; it returns nothing and reports errors itself. */
  constructor(root, change) {
    this.root = root;
    this.items = BINDINGS.map(([id, key, conv]) => ({ el: byTestId(root, id), key, conv, id }));
    fillOptions(byTestId(root, 'learning-rate'), LEARNING_RATES);
    fillOptions(byTestId(root, 'reg-rate'), REG_RATES);
    for (const item of this.items) {
      const { el, key, conv } = item;
      const read = () => conv.fromUi(el.type === 'checkbox' ? el.checked : el.value);
      el.addEventListener('change', () => change(key, read()));
      if (el.type === 'range' && conv.show) {
        el.addEventListener('input', () => this.showOutput(item, read()));
      }
    }
  }

  showOutput({ id, conv }, value) {
    const out = this.root.querySelector(`output[data-for="${id}"]`);
    if (out && conv.show) out.textContent = conv.show(value);
  }

  /** Puts the handle's settings into every control and shows only those that apply. */
  sync(pg) {
    for (const item of this.items) {
      const { el, key, conv } = item;
      let value = pg.get(key);
      if (key === 'activation' && value.includes(',')) value = value.split(',')[0];
      const ui = conv.toUi(value);
      if (el.type === 'checkbox') el.checked = ui;
      else if (el.tagName === 'SELECT') showValue(el, ui);
      else el.value = ui;
      this.showOutput(item, value);
    }
    const dataset = pg.get('dataset');
    const optimizer = pg.get('optimizer');
    this.toggle('classes', MULTICLASS.has(dataset));
    this.toggle('regRate', pg.get('reg') !== 'none');
    for (const el of this.root.querySelectorAll('[data-for-optimizer]')) {
      el.hidden = !el.dataset.forOptimizer.split(' ').includes(optimizer);
    }
    // Only the heads that can train this task.
    const heads = REGRESSION.has(dataset)
      ? ['identity']
      : MULTICLASS.has(dataset) && pg.get('classes') !== '2'
        ? ['softmax']
        : ['sigmoid', 'softmax', 'tanh'];
    for (const option of byTestId(this.root, 'output').options) option.disabled = !heads.includes(option.value);
  }

  toggle(control, visible) {
    const el = this.root.querySelector(`.field[data-control="${control}"]`);
    if (el) el.classList.toggle('not-applicable', !visible);
  }
}


// Two runs side by side, on one handle (CompareLab): the side-by-side lab,
// the playground's setting against the same with one change, and the
// recipe, whose six cards each set a pair up and check what it shows.
// Their page modules, lab-compare.js and lab-recipe.js, are these views.
import { CompareLab } from './pkg/neuroplay.js';
import { t, num, count, value, has, fieldText, readNumber } from './i18n.js';
import { LabView, message, button } from './labs.js';
import { el } from './controls.js';
import { find } from './dom.js';

/** Rows of training work per frame while running (both runs together). */
const WORK_PER_FRAME = 30000;
/** While running, the boundaries are painted at most this often (ms). */
const PAINT_MS = 250;

/**
 * The core's shapes (www/pkg/neuroplay.d.ts): one run's figures, a recipe
 * card's check, the lab's `readouts()` and a recipe card.
 * @typedef {import('./pkg/neuroplay.js').CompareRun} Run
 * @typedef {import('./pkg/neuroplay.js').CardCheck} Check
 * @typedef {import('./pkg/neuroplay.js').CompareReadouts} PairReadouts
 * @typedef {import('./pkg/neuroplay.js').RecipeCard} Card
 */

/** A loss, an accuracy in per cent, an epoch: each as the page writes it. */
const loss = (/** @type {number | null} */ v) => num(v, 3);
const percent = (/** @type {unknown} */ v) => (typeof v === 'number' ? `${num(100 * v, 1)} %` : '–');

/**
 * What both views share: the pair of runs, their figures and their training.
 * @extends {LabView<CompareLab>}
 */
class PairView extends LabView {
  #paintedAt = 0;

  /**
   * @param {HTMLElement} root
   * @param {string} name
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, name, hooks) {
    super(root, CompareLab, name, hooks);
    this.session = hooks.session;
  }

  query() {
    return this.live.fullQuery();
  }

  wire() {
    this.root.querySelector('[data-pair]')?.replaceChildren(...figures(this.name));
    this.runButton = this.$(`${this.name}-run`);
    this.runButton.onclick = () => this.toggle();
    this.resetButton = this.$(`${this.name}-restart`);
    this.resetButton.onclick = () => this.guard(() => {
      this.stop();
      this.live.restart();
      this.sync();
    });
  }

  tick() {
    return this.live.train(WORK_PER_FRAME);
  }

  frame() {
    if (!this.running || !this.handle) return;
    this.guard(() => {
      const more = this.tick();
      const now = performance.now();
      this.drawFigures(!more || now - this.#paintedAt >= PAINT_MS);
      if (!more) {
        this.stop();
        this.sync();
      }
    });
  }

  draw() {
    this.drawFigures(true);
  }

  /**
   * A change as the page says it: the setting's label and the value's
   * words (an option's label, a number as the page writes it), or the
   * change's own sentence where the label already speaks of its values.
   * @param {string} key
   * @param {string} value
   */
  changeText(key, value) {
    if (has(`change.${key}.${value}`)) return t(`change.${key}.${value}`);
    const spec = this.session.schema.settings.find((s) => s.key === key);
    const shown = valueWords(spec, value);
    return has(`change.${key}`) ? t(`change.${key}`, { value: shown }) : `${t(`setting.${key}`)} = ${shown}`;
  }

  /**
   * The table and the loss chart; the boundaries too when `maps`.
   * @param {boolean} maps
   * @returns {PairReadouts}
   */
  drawFigures(maps) {
    const h = this.live;
    const r = h.readouts();
    if (maps) {
      for (const [i, run] of ['a', 'b'].entries()) {
        h.paint(i, this.$(`${this.name}-map-${run}`, HTMLCanvasElement), this.$(`${this.name}-points-${run}`, HTMLCanvasElement), true);
      }
      this.#paintedAt = performance.now();
    }
    this.root.querySelector('.pair')?.classList.toggle('single', !r.b);
    h.drawLoss(this.$(`${this.name}-loss`, HTMLCanvasElement), {
      x: t('chart.epoch'), y: t('chart.loss'),
      trainA: t('lab.compare.trainA'), testA: t('lab.compare.testA'), trainB: t('lab.compare.trainB'), testB: t('lab.compare.testB'),
    });
    this.$(`${this.name}-name-b`).textContent = r.b ? t('lab.compare.b', { change: this.changeText(h.get('versus') ?? '', h.get('with') ?? '') }) : '';
    this.$(`${this.name}-name-a`).textContent = t('lab.compare.a');
    /** @type {[string, (run: Run) => string][]} */
    const rows = [
      ['lab.compare.epoch', (run) => count(run.epoch)],
      ['trainLoss', (run) => loss(run.trainLoss)],
      ['testLoss', (run) => loss(run.testLoss)],
      // No gap before both losses are known (epoch 0 is evaluated after a restart).
      ['lab.compare.gap', (run) => loss(run.testLoss === null || run.trainLoss === null ? null : run.testLoss - run.trainLoss)],
      ['accuracy', (run) => percent(run.testAccuracy)],
    ];
    const runs = [r.a, r.b].filter((run) => run !== null);
    this.$(`${this.name}-table`).replaceChildren(
      el('tr', {}, el('td'), ...runs.map((_, i) => el('th', { textContent: i ? 'B' : 'A' }))),
      ...rows.map(([key, cell]) => el('tr', {}, el('th', { textContent: t(key) }), ...runs.map((run) => el('td', { textContent: cell(run) })))),
    );
    const halt = [r.a, r.b].find((run) => run?.halt)?.halt;
    if (halt) this.messages.say(halt);
    return r;
  }
}

/** The side-by-side lab: any playground setting against one change. */
export class CompareView extends PairView {
  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, 'compare', hooks);
  }

  /** The lab's section of the page; `[data-pair]` gets both runs' figures. */
  static markup() {
    return el('main', { className: 'lab two', hidden: true, dataset: { labView: 'compare' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.compare.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.compare.intro' } }),
        el('div', { dataset: { fields: 'compare' } }),
        el('datalist', { id: 'compare-values' }),
        el('div', { className: 'row lab-buttons' },
          button('compare-run', 'lab.run'),
          button('compare-restart', 'lab.compare.restart'),
        ),
        message('compare-message'),
      ),
      el('section', { className: 'panel lab-figure', dataset: { pair: '' } }),
    );
  }

  /** @param {import('./pkg/neuroplay.js').Playground | null} pg */
  linkFrom(pg) {
    return pg ? `${pg.query()}&versus=optimizer&with=adam` : '';
  }

  /**
   * Choosing what to change picks a value for it at once; a value is
   * checked by the core against the playground's table, which says why it
   * refuses one.
   * @param {string} key
   * @param {string} value
   */
  change(key, value) {
    const typed = key === 'with' ? this.#fromWords(value) : value;
    if (typed === undefined) {
      this.messages.say(() => t('field.notNumber', { text: value, example: fieldText(-0.5) }));
      return;
    }
    this.guard(() => {
      this.stop();
      const h = this.live;
      const refused = key === 'versus' ? h.changeTo(value, '') : h.changeTo(h.get('versus') ?? '', typed);
      this.messages.say(refused ?? '');
    });
    this.sync();
  }

  /** The setting compared, as the playground's schema has it. */
  get #versus() {
    const key = this.handle?.get('versus');
    return this.session.schema.settings.find((s) => s.key === key);
  }

  /**
   * B's value as its field shows it: an option's label, a number in the
   * page's language (0,3; −1), other text as the link writes it.
   * @param {string} v
   */
  #words(v) {
    return valueWords(this.#versus, v, true);
  }

  /**
   * The value typed into B's field in link form: an option's label (or its
   * value) names it, a number is read in either language; `undefined` for
   * text that should have been a number and is not.
   * @param {string} typed
   */
  #fromWords(typed) {
    const spec = this.#versus;
    const text = typed.trim();
    const option = spec?.options?.find((o) => o.value === text || t(`option.${spec.key}.${o.value}`).toLowerCase() === text.toLowerCase());
    if (option) return option.value;
    if (!['real', 'whole'].includes(spec?.type ?? '')) return text;
    const x = readNumber(text);
    return x === undefined ? undefined : String(x);
  }

  /** B's value, and the suggestions under its field, in words. */
  #showWith() {
    const field = find(this.root, 'compare-with', HTMLInputElement);
    const spec = this.#versus;
    if (!field || !this.handle) return;
    if (document.activeElement !== field) field.value = this.#words(this.handle.get('with') ?? '');
    const values = spec?.options?.map((o) => o.value) ?? spec?.ticks ?? [];
    document.getElementById('compare-values')?.replaceChildren(...values.map((v) => el('option', { value: this.#words(v) })));
    field.setAttribute('list', 'compare-values');
  }

  sync() {
    super.sync();
    // The values the playground offers for the key compared, as suggestions.
    this.#showWith();
  }

  draw() {
    super.draw();
    this.#showWith();
  }
}

/** The recipe: six cards, each a pair of runs and a check on them. */
export class RecipeView extends PairView {
  /** @type {Card[]} */
  #cards = CompareLab.cards();

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, 'recipe', hooks);
  }

  /** The lab's section of the page; `[data-pair]` gets both runs' figures. */
  static markup() {
    return el('main', { className: 'lab two', hidden: true, dataset: { labView: 'recipe' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.recipe.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.recipe.intro' } }),
        el('div', { className: 'cards', role: 'tablist', dataset: { testid: 'recipe-cards' } }),
        el('h3', { hidden: true, dataset: { testid: 'recipe-title' } }),
        el('p', { className: 'recipe-look', dataset: { testid: 'recipe-look' } }),
        el('div', { className: 'row lab-buttons', dataset: { testid: 'recipe-alternatives' } }),
        el('div', { className: 'row lab-buttons' },
          button('recipe-run', 'lab.run'),
          button('recipe-restart', 'lab.compare.restart'),
        ),
        el('div', { className: 'check', ariaLive: 'polite', dataset: { testid: 'recipe-check' } }),
        message('recipe-message'),
      ),
      el('section', { className: 'panel lab-figure', dataset: { pair: '' } }),
    );
  }

  linkFrom() {
    return 'card=1';
  }

  wire() {
    super.wire();
    this.$('recipe-cards').replaceChildren(...this.#cards.map((card, i) => {
      const button = el('button', { role: 'tab', textContent: `${i + 1}` });
      button.dataset.testid = `recipe-card-${i + 1}`;
      button.onclick = () => this.change('card', String(i + 1));
      return button;
    }));
  }

  /**
   * Trains the card's pair; the check appears when both are trained.
   * @param {boolean} maps
   */
  drawFigures(maps) {
    const r = super.drawFigures(maps);
    const number = Number(this.live.get('card'));
    const card = this.#cards[number - 1];
    for (const [i, button] of [...this.$('recipe-cards').children].entries()) {
      if (!(button instanceof HTMLElement)) continue;
      button.setAttribute('aria-selected', String(i + 1 === number));
      button.title = t(`lab.recipe.${this.#cards[i].name}.title`);
    }
    this.$('recipe-title').textContent = card ? `${number}. ${t(`lab.recipe.${card.name}.title`)}` : '';
    // No card, no heading: an empty one would be announced as nothing.
    this.$('recipe-title').hidden = !card;
    this.$('recipe-look').textContent = card ? t(`lab.recipe.${card.name}.look`, { epochs: card.epochs }) : '';
    this.#alternatives(card);
    this.$('recipe-check').replaceChildren(...(r.check ? verdict(r.check) : [el('p', { className: 'lab-intro', textContent: card?.epochs ? t('lab.recipe.train', { epochs: card.epochs }) : '' })]));
    return r;
  }

  /**
   * The changes a card offers, as buttons; the one compared is pressed.
   * @param {Card | undefined} card
   */
  #alternatives(card) {
    const box = this.$('recipe-alternatives');
    const versus = this.live.get('versus');
    const current = `${versus}=${this.live.get('with')}`;
    box.replaceChildren(...(card?.alternatives ?? []).map(([key, value]) => {
      const button = el('button', { textContent: this.changeText(key, value) });
      button.setAttribute('aria-pressed', String(`${key}=${value}` === current));
      button.onclick = () => this.guard(() => {
        this.stop();
        this.messages.say(this.live.changeTo(key, value) ?? '');
        this.sync();
      });
      return button;
    }));
  }
}

/**
 * Both runs' figures for the lab `name`: each run's boundary (its output
 * map under its points), a table of both, and both loss curves.
 * @param {string} name
 */
function figures(name) {
  const run = (/** @type {string} */ r) => {
    const map = el('canvas', { role: 'img' });
    map.dataset.testid = `${name}-map-${r}`;
    map.dataset.i18nAria = 'lab.compare.mapAria';
    map.setAttribute('aria-label', t('lab.compare.mapAria'));
    const points = el('canvas', { ariaHidden: 'true' });
    points.dataset.testid = `${name}-points-${r}`;
    const caption = el('figcaption');
    caption.dataset.testid = `${name}-name-${r}`;
    return el('figure', {}, caption, el('div', { className: 'plot' }, map, points));
  };
  const table = el('table', { className: 'pair-table' });
  table.dataset.testid = `${name}-table`;
  const loss = el('canvas', { className: 'band', role: 'img' });
  loss.dataset.testid = `${name}-loss`;
  loss.dataset.i18nAria = 'lab.compare.lossAria';
  loss.setAttribute('aria-label', t('lab.compare.lossAria'));
  return [el('div', { className: 'pair' }, run('a'), run('b')), el('div', { className: 'table-wrap' }, table), loss];
}

/**
 * A card's check: passed or not, and the numbers it rests on.
 * @param {Check} check
 */
function verdict(check) {
  const format = (/** @type {string} */ name, /** @type {number | null} */ value) => {
    if (value === null) return '–';
    if (['majority', 'linearAccuracy', 'accuracyB'].includes(name)) return percent(value);
    if (['turn', 'class0', 'class1'].includes(name)) return count(Math.round(value));
    return num(value, 3);
  };
  return [
    el('p', { className: `verdict ${check.passed ? 'pass' : 'fail'}`, textContent: t(check.passed ? 'lab.recipe.passed' : 'lab.recipe.failed') }),
    ...check.values.map(([name, value]) => el('div', { textContent: t(`lab.recipe.value.${name}`, { value: format(name, value) }) })),
  ];
}

/**
 * A setting's value in words: an option's label, a number as the page
 * writes it (a percentage, or as a field shows it when `field`); other
 * text (layers such as 8,8) as the link has it.
 * @param {import('./pkg/neuroplay.js').SettingRow | undefined} spec
 * @param {string} v
 * @param {boolean} [field]
 */
function valueWords(spec, v, field = false) {
  if (spec?.options?.some((o) => o.value === v)) return t(`option.${spec.key}.${v}`);
  const x = readNumber(v);
  if (x === undefined || !['real', 'whole'].includes(spec?.type ?? '')) return v;
  if (field) return fieldText(x);
  return spec?.unit === 'percent' ? `${count(Math.round(x * 100))} %` : value(x);
}

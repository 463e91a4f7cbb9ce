// The loss-landscape lab: the playground's training loss over a plane
// through its current weights (random filter-normalised directions, or the
// plane the training path moved in), with the path projected onto it. The
// core computes the grid a few cells a frame.
import { LandscapeLab } from './pkg/neuroplay.js';
import { el } from './controls.js';
import { t, num } from './i18n.js';
import { SessionLab, readout, message } from './labs.js';

/** Rows of loss evaluation a frame may run while the landscape is computed. */
const ROWS_PER_FRAME = 40000;

/** @extends {SessionLab<LandscapeLab>} */
export default class LandscapeView extends SessionLab {
  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, LandscapeLab, 'landscape', hooks);
  }

  /** The lab's section of the page. */
  static markup() {
    return el('main', { className: 'lab two', hidden: true, dataset: { labView: 'landscape' } },
      el('section', { className: 'panel lab-controls' },
        el('h2', { dataset: { i18n: 'lab.landscape.title' } }),
        el('p', { className: 'lab-intro', dataset: { i18n: 'lab.landscape.intro' } }),
        el('div', { dataset: { fields: 'landscape' } }),
        readout('lab.landscape.center', 'landscape-center'),
        readout('trainLoss', 'landscape-train'),
        el('p', { className: 'lab-intro', dataset: { testid: 'landscape-note' } }),
        el('p', { className: 'lab-intro', dataset: { testid: 'landscape-progress' } }),
        message('landscape-message'),
      ),
      el('section', { className: 'panel lab-figure' },
        el('canvas', { className: 'square', role: 'img', dataset: { testid: 'landscape-plot', i18nAria: 'lab.landscape.aria' } }),
      ),
    );
  }

  frame() {
    super.frame();
    const h = this.handle;
    if (!h || this.complete) return;
    this.guard(() => {
      this.complete = h.advance(ROWS_PER_FRAME);
      this.draw();
    });
  }

  sync() {
    this.complete = false;
    super.sync();
  }

  draw() {
    const h = this.handle;
    if (!h) return;
    const r = h.readouts();
    h.draw(this.$('landscape-plot', HTMLCanvasElement), { x: 'α', y: 'β', path: t('lab.landscape.path'), here: t('lab.landscape.here') });
    this.$('landscape-progress').textContent = r.progress < 1 ? t('lab.landscape.computing', { share: Math.round(100 * r.progress) }) : '';
    this.$('landscape-center').textContent = r.center === null || r.center === undefined ? '–' : num(r.center, 4);
    this.$('landscape-train').textContent = num(r.trainLoss, 4);
    this.$('landscape-note').textContent = t(r.random ? 'lab.landscape.randomNote' : 'lab.landscape.pathNote', { epochs: r.path });
  }
}

// The loss-landscape lab: the playground's training loss over a plane
// through its current weights (random filter-normalised directions, or the
// plane the training path moved in), with the path projected onto it. The
// core computes the grid a few cells a frame.
import { LandscapeLab } from './pkg/neuroplay.js';
import { t, num } from './i18n.js';
import { SessionLab } from './labs.js';

/** Rows of loss evaluation a frame may run while the landscape is computed. */
const ROWS_PER_FRAME = 40000;

/** @extends {SessionLab<LandscapeLab>} */
export class LandscapeView extends SessionLab {
  /** Whether the landscape's grid is computed whole. */
  complete = false;

  /**
   * @param {HTMLElement} root
   * @param {import('./labs.js').LabHooks} hooks
   */
  constructor(root, hooks) {
    super(root, LandscapeLab, 'landscape', hooks);
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
    /** @type {{ progress: number, center: number | null, trainLoss: number, path: number, random: boolean }} */
    const r = h.readouts();
    h.draw(this.$('landscape-plot', HTMLCanvasElement), { x: 'α', y: 'β', path: t('lab.landscape.path'), here: t('lab.landscape.here') });
    this.$('landscape-progress').textContent = r.progress < 1 ? t('lab.landscape.computing', { share: Math.round(100 * r.progress) }) : '';
    this.$('landscape-center').textContent = r.center === null || r.center === undefined ? '–' : num(r.center, 4);
    this.$('landscape-train').textContent = num(r.trainLoss, 4);
    this.$('landscape-note').textContent = t(r.random ? 'lab.landscape.randomNote' : 'lab.landscape.pathNote', { epochs: r.path });
  }
}

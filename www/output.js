// The output panel and the figures beside it: the readouts, the model's
// output over the input plane (a heatmap, or a curve for 1D data) and the
// points drawn over it.
import { t, fixed } from './i18n.js';
import { $ } from './dom.js';
import { altText } from './alt-text.js';

/** Device pixels per CSS pixel that canvases are drawn at (at most 2). */
export const pixelRatio = () => Math.min(window.devicePixelRatio || 1, 2);

/**
 * Matches each canvas's pixel size to its displayed size; returns whether any changed.
 * @param {Iterable<HTMLCanvasElement>} canvases
 */
export function fitCanvases(canvases) {
  const dpr = pixelRatio();
  let changed = false;
  for (const c of canvases) {
    const w = Math.round(c.clientWidth * dpr);
    const h = Math.round(c.clientHeight * dpr);
    if (w > 0 && h > 0 && (c.width !== w || c.height !== h)) {
      c.width = w;
      c.height = h;
      changed = true;
    }
  }
  return changed;
}

/**
 * A loss as the readouts show it ('–' when there is none).
 * @param {number | null} x
 */
function lossText(x) {
  if (x === null || !Number.isFinite(x)) return '–';
  return fixed(x, Math.abs(x) >= 100 ? 1 : 3);
}

export class Output {
  #session;
  #ui;
  #drawnPoints = ''; // what the points canvas shows

  /**
   * @param {ParentNode} root
   * @param {import('./session.js').Session} session
   */
  constructor(root, session) {
    this.#session = session;
    this.#ui = {
      epoch: $(root, 'epoch'), batchStep: $(root, 'batch-step'), overlay: $(root, 'output-overlay', HTMLCanvasElement), trainLoss: $(root, 'train-loss'), testLoss: $(root, 'test-loss'),
      accuracy: $(root, 'accuracy'), penalty: $(root, 'penalty'), objective: $(root, 'objective'),
      boundary: $(root, 'boundary', HTMLCanvasElement), points: $(root, 'points-layer', HTMLCanvasElement), restoreBest: $(root, 'restore-best', HTMLButtonElement),
      lossChart: $(root, 'loss-chart'),
    };
    // New data, or a new session: the points are drawn anew.
    session.onChange(() => { this.#drawnPoints = ''; });
  }

  /** Fits the canvases to their boxes; returns whether they changed size. */
  fit() {
    const changed = fitCanvases([this.#ui.boundary, this.#ui.points, this.#ui.overlay]);
    if (changed) this.#drawnPoints = '';
    return changed;
  }

  /** Writes the readouts: epoch, losses, accuracy, and the penalty and objective when there is a penalty. */
  readouts() {
    const r = this.#session.live.readouts();
    const ui = this.#ui;
    // After "restore best" the readouts are those of the restored epoch, until the next step.
    const restored = r.restoredEpoch !== null;
    ui.epoch.textContent = String(restored ? r.restoredEpoch : r.epoch);
    ui.epoch.classList.toggle('restored', restored);
    ui.epoch.title = restored ? t('readout.restored', { epoch: r.restoredEpoch }) : '';
    // Within an epoch, the minibatch step: the epoch counter alone stays put for a whole epoch.
    const within = r.stepInEpoch > 0 && !restored;
    ui.batchStep.hidden = !within;
    if (within) ui.batchStep.textContent = t('readout.step', { step: r.stepInEpoch, steps: r.stepsPerEpoch });
    ui.trainLoss.textContent = lossText(r.trainLoss);
    ui.testLoss.textContent = lossText(r.testLoss);
    ui.accuracy.textContent = r.testAccuracy === null ? '–' : `${fixed(100 * r.testAccuracy, 1)} %`;
    const penalised = r.penalty !== null;
    for (const id of /** @type {const} */ (['penalty', 'objective'])) {
      const readout = ui[id].closest('.readout');
      if (readout instanceof HTMLElement) readout.hidden = !penalised;
    }
    if (penalised) {
      ui.penalty.textContent = lossText(r.penalty);
      ui.objective.textContent = lossText(r.objective);
    }
    ui.restoreBest.disabled = r.bestEpoch === null;
    // The figures' text alternatives: what the output view and the loss chart show now.
    const figures = { epoch: ui.epoch.textContent, train: ui.trainLoss.textContent, test: ui.testLoss.textContent, accuracy: ui.accuracy.textContent };
    altText(ui.boundary, t('alt.boundary', figures));
    altText(ui.lossChart, t('alt.loss', figures));
    return r;
  }

  /**
   * Paints the model's output from the last complete grid pass and, when they changed, the points.
   * @param {{ showTest: boolean, discrete: boolean, batch: boolean }} options
   */
  paint({ showTest, discrete, batch }) {
    const pg = this.#session.live;
    // Until the first pass over a new network completes (spread over frames
    // when it is heavy), the map shows what it showed.
    if (pg.hasView()) pg.paintPixels(discrete);
    pg.drawOutput(this.#ui.boundary);
    pg.drawOverlay(this.#ui.overlay, Boolean(batch));
    const points = `${pg.dataVersion()}|${showTest}|${this.#ui.points.width}`;
    if (points !== this.#drawnPoints) {
      pg.drawPoints(this.#ui.points, showTest);
      this.#drawnPoints = points;
    }
  }
}

// Playback: play and pause, one minibatch or one epoch, reset, the status,
// the keyboard, and the training done in each animation frame.
import { t, onLanguage } from './i18n.js';
import { UnitCost } from './scheduler.js';
import { $ } from './dom.js';

/** @typedef {'ready' | 'running' | 'paused' | 'diverged' | 'error'} Status */

export class Playback {
  #session;
  #ui;
  #say;
  #render;
  #later;
  #guard;
  /** The lab shown, if any: it takes the keys while it is. */
  #lab;
  /** Told when training halted. */
  #onHalt;
  /** What a row of training work costs (ms), learnt as training goes. */
  #cost = new UnitCost(0.002);
  running = false;
  /** @type {Status} */
  status = 'ready';
  /** Whether the output view rings the last minibatch: after a single minibatch step, until training moves on. */
  batchShown = false;

  /**
   * `say(what)` shows a message, `render()` draws every view now,
   * `later()` shows the readouts now and draws the views in the next frame
   * (so that play, pause and reset answer at once at any size),
   * `guard(fn)` runs a call into the core and turns a failure into a
   * message, `lab()` gives the lab shown (null on the playground),
   * `halted()` is told when training halts.
   * @param {Document} root
   * @param {import('./session.js').Session} session
   * @param {{ say: (what: import('./messages.js').Said) => void, render: () => void, later: () => void, guard: (fn: () => void) => void, lab: () => { key: (e: KeyboardEvent) => void } | null, halted?: () => void }} hooks
   */
  constructor(root, session, { say, render, later, guard, lab, halted }) {
    this.#session = session;
    this.#onHalt = halted;
    this.#lab = lab;
    this.#say = say;
    this.#render = render;
    this.#later = later;
    this.#guard = guard;
    this.#ui = { play: $(root, 'play', HTMLButtonElement), status: $(root, 'status') };
    this.#ui.play.onclick = () => this.toggle();
    $(root, 'step').onclick = () => this.step(() => session.live.step(), true);
    $(root, 'step-epoch').onclick = () => this.step(() => session.live.trainEpochs(1));
    $(root, 'reset').onclick = () => this.reset();
    root.addEventListener('keydown', (e) => this.#key(e));
    onLanguage(() => this.setStatus(this.status));
    // Another network or data: what a unit of work costs is learnt anew.
    session.onChange(() => this.#cost.relearn());
  }

  /**
   * Shows status `s` (ready, running, paused, diverged, error) in the current language.
   * @param {Status} s
   */
  setStatus(s) {
    this.status = s;
    const ui = this.#ui;
    ui.status.textContent = t(`status.${s}`);
    ui.status.dataset.state = s;
    document.body.classList.toggle('running', this.running);
    ui.play.setAttribute('aria-label', t(this.running ? 'pause' : 'play'));
  }

  /**
   * Stops playing; the session is `ready` (new) or `paused`.
   * @param {Status} [status]
   */
  stop(status = 'ready') {
    this.running = false;
    this.setStatus(status);
  }

  /** Training halted: says why, and shows whether it diverged. */
  halted() {
    const halt = this.#session.live.halt();
    this.running = false;
    this.setStatus(halt?.code === 'diverged' ? 'diverged' : 'paused');
    if (halt) this.#say(halt);
    this.#onHalt?.();
  }

  toggle() {
    this.#guard(() => {
      const pg = this.#session.live;
      if (pg.halt()) {
        this.halted();
        return;
      }
      this.running = !this.running;
      this.batchShown = false;
      // Paused between two epochs: the readouts follow the weights as they are.
      if (!this.running) pg.refreshReadouts();
      this.setStatus(this.running ? 'running' : 'paused');
      this.#later();
    });
  }

  /**
   * Runs one step of training (`fn` returns false once training halted) and shows it; `batch`: it was one minibatch, whose points the output view rings.
   * @param {() => boolean} fn
   */
  step(fn, batch = false) {
    this.#guard(() => {
      this.running = false;
      this.batchShown = batch;
      if (!fn()) this.halted();
      else this.setStatus('paused');
      this.#render();
    });
  }

  reset() {
    this.#guard(() => {
      this.#session.reset();
      this.batchShown = false;
      this.stop();
      this.#say('');
      this.#later();
    });
  }

  /**
   * Trains until `epochs` more epochs are complete or `deadline` (a
   * `performance.now()` time) has passed, in calls of a couple of
   * milliseconds' worth of the core's short units of work (at least one),
   * measured in rows through a network.
   * An epoch may span frames: training stops and resumes between units.
   * @param {number} deadline
   * @param {number} epochs
   */
  train(deadline, epochs) {
    const pg = this.#session.live;
    const until = pg.readouts().epoch + epochs;
    do {
      const work = this.#cost.fit(Math.min(2, deadline - performance.now()));
      const done = this.#cost.time(work, (n) => pg.trainWork(n, until));
      if (done < work) {
        if (pg.halt()) this.halted();
        return;
      }
    } while (performance.now() < deadline);
  }

  /**
   * While not training: runs what the core left to evaluate (epoch 0
   * after a reset, the readouts after a pause) until `deadline`, in short
   * calls. Returns whether it did any.
   * @param {number} deadline
   */
  settle(deadline) {
    const pg = this.#session.live;
    let any = false;
    do {
      const done = this.#cost.time(this.#cost.fit(Math.min(2, deadline - performance.now())), (n) => pg.settle(n));
      if (done === 0) break;
      any = true;
    } while (performance.now() < deadline);
    return any;
  }

  /** @param {KeyboardEvent} e */
  #key(e) {
    if (this.#session.dead) return;
    const target = e.target instanceof Element ? e.target : null;
    if (target?.closest('input, select, textarea') || e.ctrlKey || e.metaKey || e.altKey) return;
    // Space on a focused button is the button's own (a native click), play's included.
    if (e.key === ' ' && target?.closest('button')) return;
    const lab = this.#lab?.();
    if (lab) {
      lab.key(e);
      return;
    }
    if (e.key === ' ') {
      e.preventDefault();
      this.toggle();
    } else if (e.key === 'ArrowRight') {
      e.preventDefault();
      this.step(() => this.#session.live.step(), true);
    } else if (e.key === 'r') {
      this.reset();
    }
  }
}

// A run that has stopped learning without diverging: the core's diagnosis
// (its cause with the advice, such as a learning rate too large or too
// small, then the symptoms: the loss at chance, dead or saturated units),
// shown under the message while training goes on, and the one-click cure
// of a step too large.
import { onLanguage } from './i18n.js';
import { describe } from './messages.js';
import { $ } from './dom.js';

/** @typedef {import('./session.js').Session} Session */

/** How often the core is asked while training (ms). */
const EVERY_MS = 1000;

export class Hints {
  #session;
  #hooks;
  #ui;
  /** @type {import('./pkg/neuroplay.js').Hints | null} */
  #shown = null;
  #at = 0;

  /**
   * `hooks.guard(fn)` runs a call into the core, `hooks.say(what)` shows a
   * message, `hooks.lowered()` follows a lowered learning rate (the
   * controls, the link, the views).
   * @param {ParentNode} root
   * @param {Session} session
   * @param {{ guard: (fn: () => void) => void, say: (what: import('./messages.js').Said) => void, lowered: () => void }} hooks
   */
  constructor(root, session, hooks) {
    this.#session = session;
    this.#hooks = hooks;
    this.#ui = { root: $(root, 'training-hint'), text: $(root, 'hint-text'), lower: $(root, 'lower-lr', HTMLButtonElement) };
    this.#ui.lower.onclick = () => hooks.guard(() => this.#lower());
    session.onChange(() => this.clear());
    onLanguage(() => this.#render());
  }

  /**
   * While training: asks the core at most once every EVERY_MS.
   * @param {number} now  a `performance.now()` time
   */
  tick(now) {
    if (now - this.#at < EVERY_MS) return;
    this.#at = now;
    this.update();
  }

  /** Asks the core now (after a halt, say). */
  update() {
    this.#shown = this.#session.live.hints();
    this.#render();
  }

  /** Training started over: no hint until it has run a while. */
  clear() {
    this.#shown = null;
    this.#at = performance.now();
    this.#render();
  }

  #render() {
    const shown = this.#shown;
    const { root, text, lower } = this.#ui;
    text.textContent = shown ? shown.hints.map((m) => describe(m, this.#session.schema)).join('\n') : '';
    lower.hidden = !shown?.lowerRate;
    root.hidden = !shown || (shown.hints.length === 0 && !shown.lowerRate);
  }

  #lower() {
    const result = this.#session.lowerLearningRate();
    if ('refused' in result) {
      this.#hooks.say(result.refused);
      return;
    }
    this.#hooks.lowered();
    this.#hooks.say(result.lowered);
  }
}

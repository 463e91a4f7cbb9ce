// The one owner of the wasm handle: it creates the handle from a link,
// resets and frees it, and tells the other modules when it changed. They
// read `session.pg` when they need it and never keep a handle of their own.
import init, { Playground, lastPanic } from './pkg/neuroplay.js';

/**
 * @typedef {import('./pkg/neuroplay.js').Schema} Schema
 * @typedef {import('./pkg/neuroplay.js').Message} CoreMessage
 * @typedef {import('./pkg/neuroplay.js').Changed} SetResult
 * @typedef {import('./pkg/neuroplay.js').RateLowered} Lowered
 * @typedef {'open' | 'reset'} Change
 */

export class Session {
  /** @type {Playground | null} */
  #pg = null;
  /** @type {Set<(event: Change) => void>} */
  #listeners = new Set();
  /**
   * The message of the panic that trapped the instance, once there was one.
   * @type {string | null}
   */
  #panic = null;

  /**
   * The core's description of every setting (see config::schema).
   * @type {Schema}
   */
  schema;

  /** @param {Schema} schema */
  constructor(schema) {
    this.schema = schema;
  }

  /** Loads the wasm module and reads the schema. */
  static async load() {
    await init();
    return new Session(Playground.schema());
  }

  /** The live handle (null before the first open). */
  get pg() {
    return this.#pg;
  }

  /**
   * The live handle, for a call that needs one: the page opens it before
   * any view can call (before that, this throws).
   */
  get live() {
    if (!this.#pg) throw new Error('no playground is open');
    return this.#pg;
  }

  /** Whether a panic has trapped the wasm instance: no call may reach it any more. */
  get dead() {
    this.#panic ??= lastPanic() ?? null;
    return this.#panic !== null;
  }

  /**
   * Replaces the session with one opened from a link's core query. Returns
   * the core's notices about the link ({code, …} each).
   * @param {string} query
   * @returns {CoreMessage[]}
   */
  open(query) {
    const next = new Playground(query);
    const notices = next.notices();
    this.#pg?.free();
    this.#pg = next;
    this.#emit('open');
    return notices;
  }

  /**
   * Opens a link only if the core takes all of it: otherwise the current
   * session stays exactly as it was and `kept` is true. Returns the core's
   * notices about the link.
   * @param {string} query
   * @returns {{ notices: CoreMessage[], kept: boolean }}
   */
  openWhole(query) {
    const next = new Playground(query);
    const notices = next.notices();
    if (notices.length && this.#pg) {
      next.free();
      return { notices, kept: true };
    }
    this.#pg?.free();
    this.#pg = next;
    this.#emit('open');
    return { notices, kept: false };
  }

  /** Tells the views the handle was replaced in place (a model was loaded into it). */
  replaced() {
    this.#emit('open');
  }

  /** New data and networks from the current settings. */
  reset() {
    this.live.reset();
    this.#emit('reset');
  }

  /**
   * Applies one setting: `{effect}` or `{refused: message}` (see Playground.set).
   * @param {string} key
   * @param {string} value
   * @returns {SetResult}
   */
  set(key, value) {
    const result = this.live.set(key, value);
    if (result.effect === 'reset') this.#emit('reset');
    return result;
  }

  /**
   * Divides the learning rate by ten and starts over: `{lowered}` or `{refused}` (messages).
   * @returns {Lowered}
   */
  lowerLearningRate() {
    const result = this.live.lowerLearningRate();
    if ('lowered' in result) this.#emit('reset');
    return result;
  }

  /**
   * Calls `fn(event)` after the handle was replaced ('open') or its training started over ('reset').
   * @param {(event: Change) => void} fn
   */
  onChange(fn) {
    this.#listeners.add(fn);
  }

  /** The message of the panic that trapped the handle, if any. */
  panic() {
    return this.dead ? this.#panic : undefined;
  }

  /** @param {Change} event */
  #emit(event) {
    for (const fn of this.#listeners) fn(event);
  }
}

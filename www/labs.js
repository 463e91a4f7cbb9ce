// The lecture's labs, as the core lists them (`labs()`): each is a tab, a
// section of the page and a handle of its own in the core. Lab NAME's page
// module is `lab-NAME.js`; its default export is its view, whose static
// `markup()` builds its section. A lab's controls are built from its
// handle's schema like the playground's, its messages come as codes, and
// its link is `#lab=NAME&` + the handle's own keys.
import { hintOverflow } from './scroll-hint.js';
import { labs } from './pkg/neuroplay.js';
import { t, onLanguage } from './i18n.js';
import { Controls, el } from './controls.js';
import { Messages } from './messages.js';
import { fitCanvases } from './output.js';
import { $ } from './dom.js';

/**
 * A lab's readout: a label in the page's words (`label`, a key of strings.js) over an output with test id `testid`.
 * @param {string} label
 * @param {string} testid
 */
export const readout = (label, testid, wide = '') => el('div', { className: `readout ${wide}`.trim() },
  el('span', { className: 'label', dataset: { i18n: label } }),
  el('output', { dataset: { testid } }));

/**
 * A lab's message line, where its notices and refusals are said.
 * @param {string} testid
 */
export const message = (testid) => el('p', { className: 'message', role: 'status', ariaLive: 'polite', dataset: { testid } });

/**
 * A lab's button, named in the page's words.
 * @param {string} testid
 * @param {string} label
 */
export const button = (testid, label) => el('button', { dataset: { testid, i18n: label } });

/**
 * @typedef {import('./core.js').LabHandle} LabHandle
 * @typedef {import('./pkg/neuroplay.js').Message} CoreMessage
 * @typedef {import('./pkg/neuroplay.js').Schema} Schema
 * @typedef {import('./pkg/neuroplay.js').Playground} Playground
 * @typedef {import('./session.js').Session} Session
 */
/**
 * Runs a call into the core; a failure becomes a message and `undefined`.
 * @typedef {<T>(fn: () => T) => T | undefined} Guard
 */
/**
 * What a lab view is given: `save()` writes the link, `guard(fn)` runs a
 * call into the core, `session` holds the playground's handle, `done()`
 * (the backprop lab's) goes back to the playground, which says `said`.
 * @typedef {{ save: () => void, guard: Guard, session: Session, done?: (said: () => string) => void }} LabHooks
 */

/**
 * What every lab view shares: its section, its handle, its controls and
 * messages, fitting its canvases, and running an animation frame by frame.
 * A subclass names its `Handle` class and its `name`, and draws in `draw()`.
 * @template {LabHandle} H
 */
export class LabView {
  /** @type {H | null} */
  handle = null;
  running = false;
  /** @type {Controls | null} */
  #controls = null;
  /** @type {HTMLElement | undefined} the button that runs and pauses (a subclass's) */
  runButton;
  /** @type {HTMLElement | undefined} the button that steps (a subclass's) */
  stepButton;
  /** @type {HTMLElement | undefined} the button that resets (a subclass's) */
  resetButton;

  /**
   * `root` is the lab's section; `save()` writes the link; `guard(fn)` runs
   * a call into the core and turns a failure into a message.
   * @param {HTMLElement} root
   * @param {import('./core.js').LabClass<H>} Handle
   * @param {string} name
   * @param {LabHooks} hooks
   */
  constructor(root, Handle, name, { save, guard }) {
    this.root = root;
    this.Handle = Handle;
    this.name = name;
    this.save = save;
    this.guard = guard;
    this.schema = Handle.schema();
    this.messages = new Messages(this.$(`${name}-message`), this.schema);
    onLanguage(() => { if (this.handle) this.draw(); });
  }

  /**
   * The element with test id `id` inside the lab; throws when the lab has none.
   * @overload
   * @param {string} id
   * @returns {HTMLElement}
   */
  /**
   * The element with test id `id` inside the lab, an instance of `type`;
   * throws when the lab has none or it is of another kind.
   * @template {Element} E
   * @overload
   * @param {string} id
   * @param {new () => E} type
   * @returns {E}
   */
  /**
   * @param {string} id
   * @param {new () => Element} [type]
   * @returns {Element}
   */
  $(id, type = HTMLElement) {
    return $(this.root, id, type);
  }

  /** The lab's handle, for a call that needs one (throws while the lab is closed). */
  get live() {
    if (!this.handle) throw new Error(`the ${this.name} lab is not open`);
    return this.handle;
  }

  /**
   * Opens the lab from the link's keys; returns the core's notices about them.
   * @param {string} query
   * @returns {CoreMessage[]}
   */
  open(query) {
    this.handle?.free();
    this.handle = null;
    if (!this.#controls) {
      this.#controls = new Controls(this.root, this.schema, (key, value) => this.change(key, value), `${this.name}-`);
      this.wire();
    }
    const notices = this.create(query);
    this.stop();
    this.root.hidden = false;
    this.fit();
    this.sync();
    return notices;
  }

  /**
   * Makes the handle from the link's keys; returns the core's notices (a subclass may wait to make it).
   * @param {string} query
   * @returns {CoreMessage[]}
   */
  create(query) {
    const handle = new this.Handle(query);
    this.handle = handle;
    return handle.notices();
  }

  /**
   * The link that opens this lab from the playground's handle `pg` (its own keys' defaults: none).
   * @param {Playground | null} pg
   * @returns {string}
   */
  linkFrom(pg) { // eslint-disable-line no-unused-vars
    return '';
  }

  close() {
    this.stop();
    this.root.hidden = true;
    this.handle?.free();
    this.handle = null;
  }

  /**
   * Says what the link it was opened with got wrong (notices, bad page keys), or clears the message.
   * @param {import('./messages.js').LinkNotices} link
   */
  announce(link) {
    this.messages.sayLinkNotices(link);
  }

  /** The lab's own keys in link form. */
  query() {
    return this.live.query();
  }

  /**
   * Applies one setting; the core refuses a bad one with a message.
   * @param {string} key
   * @param {string} value
   */
  change(key, value) {
    this.guard(() => {
      const result = this.live.set(key, value);
      this.messages.say(result.refused ?? '');
      if (result.effect === 'reset') this.stop();
    });
    this.sync();
  }

  /** Puts the handle's settings into the controls, the link and the figures. */
  sync() {
    const handle = this.handle;
    if (!handle) return;
    this.guard(() => {
      this.#controls?.sync(handle.settings());
      this.save();
      this.draw();
    });
  }

  /** Matches the canvases' pixels to their boxes; redraws when they changed. */
  fit() {
    if (this.handle && fitCanvases(this.root.querySelectorAll('canvas'))) this.draw();
  }

  /** Wires the lab's own buttons and canvases (a subclass's). */
  wire() {}

  /** Draws every figure and readout (a subclass's). */
  draw() {}

  /**
   * One animation frame while running (a subclass's); returns false to stop.
   * @returns {boolean}
   */
  tick() {
    return false;
  }

  /** Runs `tick()` once a frame until it says stop or the lab is paused. */
  frame() {
    if (!this.running || !this.handle) return;
    this.guard(() => {
      const more = this.tick();
      this.draw();
      if (!more) this.stop();
    });
  }

  /** Starts or stops running; the run button (`runButton`, a subclass's) says which, in any language. */
  toggle() {
    this.running = !this.running;
    // A run may have changed what the link holds (a lab that trains its settings): write it when it stops.
    if (!this.running && this.handle) this.save();
    if (this.runButton) {
      this.runButton.dataset.i18n = this.running ? 'lab.pause' : 'lab.run';
      this.runButton.textContent = t(this.runButton.dataset.i18n);
    }
  }

  /**
   * The playground's keys, in the lab: space runs or pauses, → steps, r
   * resets (the buttons a subclass names `runButton`, `stepButton`,
   * `resetButton`).
   * @param {KeyboardEvent} e
   */
  key(e) {
    /** @type {Record<string, HTMLElement | undefined>} */
    const buttons = { ' ': this.runButton, ArrowRight: this.stepButton, r: this.resetButton };
    const button = buttons[e.key];
    if (!button || (button instanceof HTMLButtonElement && button.disabled)) return;
    e.preventDefault();
    button.click();
  }

  /** Stops running. */
  stop() {
    if (this.running) this.toggle();
  }

  /**
   * The pixel under a pointer event on `canvas`, in the canvas's device pixels.
   * @param {HTMLCanvasElement} canvas
   * @param {MouseEvent} event
   * @returns {[number, number]}
   */
  static pixel(canvas, event) {
    const box = canvas.getBoundingClientRect();
    return [(event.clientX - box.left) * (canvas.width / box.width), (event.clientY - box.top) * (canvas.height / box.height)];
  }
}

/** Rows of replayed training per call, and the time a frame may spend replaying (ms). */
const REPLAY_WORK = 20000;
const REPLAY_MS = 12;

/**
 * A lab on the playground's own network (backprop, landscape): its link is
 * the playground's keys plus its own, which name the training `steps` to
 * replay from the seed, so a link reaches the same weights. Its handle is
 * made from the playground's: `new Handle(pg, ownKeys)`, once the steps are
 * replayed (over several frames when there are many).
 * @template {LabHandle & { refused(): CoreMessage | null }} H
 * @extends {LabView<H>}
 */
export class SessionLab extends LabView {
  /** @type {{ mine: string, target: number } | null} while training steps are replayed */
  #replay = null;
  /** @type {import('./core.js').SessionLabClass<H>} */
  #Handle;

  /**
   * @param {HTMLElement} root
   * @param {import('./core.js').SessionLabClass<H>} Handle
   * @param {string} name
   * @param {LabHooks} hooks
   */
  constructor(root, Handle, name, hooks) {
    // LabView makes a handle from a query alone; this one is made from the playground's (create() below).
    super(root, /** @type {import('./core.js').LabClass<H>} */ (/** @type {unknown} */ (Handle)), name, hooks);
    this.#Handle = Handle;
    this.session = hooks.session;
  }

  /** The link: the playground's keys, then the lab's own. */
  query() {
    const pg = this.session.pg;
    return [pg?.query(), this.handle?.query()].filter(Boolean).join('&');
  }

  /** @param {Playground | null} pg */
  linkFrom(pg) {
    return pg ? `${pg.query()}&steps=${pg.readouts().steps}` : '';
  }

  /**
   * Splits the link into the playground's keys and the lab's, opens the
   * playground from its keys unless it is already there, and replays the
   * training steps the link names before making the handle.
   * @param {string} query
   */
  create(query) {
    const own = new Set(this.schema.settings.map((s) => s.key));
    const pairs = query.split('&').filter(Boolean);
    const mine = pairs.filter((p) => own.has(p.split('=')[0])).join('&');
    const rest = pairs.filter((p) => !own.has(p.split('=')[0])).join('&');
    const target = this.#Handle.requestedSteps(mine);
    /** @type {CoreMessage[]} */
    let notices = [];
    const pg = this.session.pg;
    if (!pg || pg.query() !== rest || pg.readouts().steps > target) notices = this.session.open(rest);
    this.#replay = { mine, target };
    this.#replaying(performance.now() + 150);
    return [...notices, ...(this.handle?.notices() ?? [])];
  }

  /**
   * Replays until the deadline; makes the handle when the steps are done.
   * @param {number} deadline
   */
  #replaying(deadline) {
    const pg = this.session.live;
    if (!this.#replay) return true;
    const { mine, target } = this.#replay;
    let done = false;
    while (!done && performance.now() < deadline) {
      done = pg.replay(target, REPLAY_WORK);
      if (!done && pg.halt()) break;
    }
    if (!done && !pg.halt()) {
      this.messages.say(() => t('lab.replaying', { steps: target }));
      return false;
    }
    this.#replay = null;
    this.handle = new this.#Handle(pg, mine);
    return true;
  }

  /**
   * A link's notices come first; without any, why the lab is refused here, if it is.
   * @param {import('./messages.js').LinkNotices} link
   */
  announce(link) {
    const refused = this.handle?.refused();
    const wrong = link.notices?.length || link.invalid?.length || link.undecodable?.length;
    if (refused && !wrong) this.messages.say(refused);
    else super.announce(link);
  }

  frame() {
    if (this.#replay) {
      this.guard(() => {
        if (this.#replaying(performance.now() + REPLAY_MS)) {
          this.announce({ notices: this.live.notices() });
          this.sync();
        }
      });
      return;
    }
    super.frame();
  }
}

/**
 * Marks the tab of lab `name` ('' = the playground) as the page shown.
 * @param {string} name
 */
function markTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) {
    if (!(b instanceof HTMLElement)) continue;
    if ((b.dataset.lab ?? '') === name) {
      b.setAttribute('aria-current', 'page');
      // Once the frame's words are in (a language applied after this call changes the tabs' widths).
      requestAnimationFrame(() => showTab(b));
    } else {
      b.removeAttribute('aria-current');
    }
  }
}

/**
 * Scrolls the tab bar sideways (only) so that `tab` is in it: on a phone the
 * bar scrolls, and a lab opened from a link shows its own tab.
 * @param {HTMLElement} tab
 */
function showTab(tab) {
  const bar = tab.parentElement;
  if (!bar) return;
  const left = tab.getBoundingClientRect().left - bar.getBoundingClientRect().left + bar.scrollLeft;
  // Clear of the arrow that says more tabs wait beyond it (style.css, 2.5rem wide).
  const arrow = 2.75 * parseFloat(getComputedStyle(document.documentElement).fontSize);
  if (left - arrow < bar.scrollLeft) bar.scrollLeft = Math.max(0, left - arrow);
  else if (left + tab.offsetWidth + arrow > bar.scrollLeft + bar.clientWidth) {
    bar.scrollLeft = Math.ceil(left + tab.getBoundingClientRect().width - bar.clientWidth + arrow);
  }
}

/** Every lab's view class, by name, in the core's order: each from its page module `lab-NAME.js`. */
/**
 * A lab view's class: its constructor, and `markup()`, which builds its section.
 * @typedef {{ new (root: HTMLElement, hooks: LabHooks): LabView<LabHandle>, markup(): HTMLElement }} LabViewClass
 * @typedef {Map<string, LabViewClass>} LabClasses
 */

/** @returns {Promise<LabClasses>} */
export async function loadLabs() {
  const names = labs().map((lab) => lab.name);
  const modules = await Promise.all(names.map((name) => import(`./lab-${name}.js`)));
  return new Map(names.map((name, i) => [name, modules[i].default]));
}

/** Opens and closes the labs, one at a time. */
export class Labs {
  /** @type {Record<string, LabView<LabHandle>>} */
  #views = {};
  /** @type {LabView<LabHandle> | null} */
  #active = null;

  /**
   * `classes`: the lab views' classes by name (`loadLabs()`). Builds each
   * lab's tab and section, and its view with `hooks` (labs.js's LabView).
   * @param {LabClasses} classes
   * @param {LabHooks} hooks
   */
  constructor(classes, hooks) {
    const tabs = document.querySelector('nav.tabs');
    if (!(tabs instanceof HTMLElement)) throw new Error('the page has no nav.tabs for the labs');
    for (const [name, View] of classes) {
      tabs.append(el('button', { dataset: { testid: `open-lab-${name}`, lab: name, i18n: `lab.${name}.title` } }));
      const root = View.markup();
      document.body.append(root);
      this.#views[name] = new View(root, hooks);
    }
    hintOverflow(tabs);
  }

  /** Every lab's view. */
  views() {
    return Object.values(this.#views);
  }

  /**
   * The view of lab `name`.
   * @param {string} name
   * @returns {LabView<LabHandle> | undefined}
   */
  view(name) {
    return this.#views[name];
  }

  /** The lab shown, or null on the playground. */
  get active() {
    return this.#active;
  }

  /**
   * Shows lab `name` opened from `query`, hiding any other; returns the core's notices.
   * @param {string} name
   * @param {string} query
   */
  open(name, query) {
    for (const [other, view] of Object.entries(this.#views)) if (other !== name) view.close();
    const active = this.#views[name];
    this.#active = active;
    document.body.classList.add('lab-mode');
    markTab(name);
    return active.open(query);
  }

  /** Back to the playground. */
  close() {
    for (const view of Object.values(this.#views)) view.close();
    this.#active = null;
    document.body.classList.remove('lab-mode');
    markTab('');
  }
}

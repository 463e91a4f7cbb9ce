// The lecture's labs: each is a section of the page with a handle of its
// own in the core (GdLab, RegressionLab, NeuronLab). A lab's controls are
// built from its handle's schema like the playground's, its messages come
// as codes, and its link is `#lab=NAME&` + the handle's own keys.
import { t, onLanguage } from './i18n.js';
import { Controls } from './controls.js';
import { Messages } from './messages.js';
import { fitCanvases } from './output.js';
import { $ } from './dom.js';

/**
 * What every lab view shares: its section, its handle, its controls and
 * messages, fitting its canvases, and running an animation frame by frame.
 * A subclass names its `Handle` class and its `name`, and draws in `draw()`.
 */
export class LabView {
  handle = null;
  running = false;
  #controls = null;

  /**
   * `root` is the lab's section; `save()` writes the link; `guard(fn)` runs
   * a call into the core and turns a failure into a message.
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

  /** The element with test id `id` inside the lab. */
  $(id) {
    return $(this.root, id);
  }

  /** Opens the lab from the link's keys; returns the core's notices about them. */
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

  /** Makes the handle from the link's keys; returns the core's notices (a subclass may wait to make it). */
  create(query) {
    this.handle = new this.Handle(query);
    return this.handle.notices();
  }

  /** The link that opens this lab from the playground's handle `pg` (its own keys' defaults: none). */
  linkFrom(pg) { // eslint-disable-line no-unused-vars
    return '';
  }

  close() {
    this.stop();
    this.root.hidden = true;
    this.handle?.free();
    this.handle = null;
  }

  /** Says what the link it was opened with got wrong (notices, bad page keys), or clears the message. */
  announce(link) {
    this.messages.sayLinkNotices(link);
  }

  /** The lab's own keys in link form. */
  query() {
    return this.handle.query();
  }

  /** Applies one setting; the core refuses a bad one with a message. */
  change(key, value) {
    this.guard(() => {
      const result = this.handle.set(key, value);
      this.messages.say(result.refused ?? '');
      if (result.effect === 'reset') this.stop();
    });
    this.sync();
  }

  /** Puts the handle's settings into the controls, the link and the figures. */
  sync() {
    if (!this.handle) return;
    this.guard(() => {
      this.#controls.sync(this.handle.settings());
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

  /** One animation frame while running (a subclass's); returns false to stop. */
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
   */
  key(e) {
    const button = { ' ': this.runButton, ArrowRight: this.stepButton, r: this.resetButton }[e.key];
    if (!button || button.disabled) return;
    e.preventDefault();
    button.click();
  }

  /** Stops running. */
  stop() {
    if (this.running) this.toggle();
  }

  /** The pixel under a pointer event on `canvas`, in the canvas's device pixels. */
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
 */
export class SessionLab extends LabView {
  #replay = null; // {mine, target} while training steps are replayed

  constructor(root, Handle, name, hooks) {
    super(root, Handle, name, hooks);
    this.session = hooks.session;
  }

  /** The link: the playground's keys, then the lab's own. */
  query() {
    const pg = this.session.pg;
    return [pg?.query(), this.handle?.query()].filter(Boolean).join('&');
  }

  linkFrom(pg) {
    return pg ? `${pg.query()}&steps=${pg.readouts().steps}` : '';
  }

  /**
   * Splits the link into the playground's keys and the lab's, opens the
   * playground from its keys unless it is already there, and replays the
   * training steps the link names before making the handle.
   */
  create(query) {
    const own = new Set(this.schema.settings.map((s) => s.key));
    const pairs = query.split('&').filter(Boolean);
    const mine = pairs.filter((p) => own.has(p.split('=')[0])).join('&');
    const rest = pairs.filter((p) => !own.has(p.split('=')[0])).join('&');
    const target = this.Handle.requestedSteps(mine);
    let notices = [];
    const pg = this.session.pg;
    if (!pg || pg.query() !== rest || pg.readouts().steps > target) notices = this.session.open(rest);
    this.#replay = { mine, target };
    this.#replaying(performance.now() + 150);
    return [...notices, ...(this.handle?.notices() ?? [])];
  }

  /** Replays until the deadline; makes the handle when the steps are done. */
  #replaying(deadline) {
    const pg = this.session.pg;
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
    this.handle = new this.Handle(pg, mine);
    return true;
  }

  /** A link's notices come first; without any, why the lab is refused here, if it is. */
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
          this.announce({ notices: this.handle.notices() });
          this.sync();
        }
      });
      return;
    }
    super.frame();
  }
}

/** Marks the tab of lab `name` ('' = the playground) as the page shown. */
function markTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) {
    if ((b.dataset.lab ?? '') === name) b.setAttribute('aria-current', 'page');
    else b.removeAttribute('aria-current');
  }
}

/** Opens and closes the labs, one at a time. */
export class Labs {
  #views;
  #active = null;

  /** `views`: the lab views by name. */
  constructor(views) {
    this.#views = views;
  }

  /** The view of lab `name`. */
  view(name) {
    return this.#views[name];
  }

  /** The lab shown, or null on the playground. */
  get active() {
    return this.#active;
  }

  /** Shows lab `name` opened from `query`, hiding any other; returns the core's notices. */
  open(name, query) {
    for (const [other, view] of Object.entries(this.#views)) if (other !== name) view.close();
    this.#active = this.#views[name];
    document.body.classList.add('lab-mode');
    markTab(name);
    return this.#active.open(query);
  }

  /** Back to the playground. */
  close() {
    for (const view of Object.values(this.#views)) view.close();
    this.#active = null;
    document.body.classList.remove('lab-mode');
    markTab('');
  }
}

// The page put together: the link in the URL hash opens the session and
// sets the page keys (language, presenter mode, hidden controls, toggles);
// a change of a setting goes to the core, and every view follows the
// core's state. Each view draws itself; this file says when.
import { t, setLanguage, browserLanguage, language } from './i18n.js';
import { setNumberLanguage, Playground, scenarios } from './pkg/neuroplay.js';
import { splitHash, joinHash, storeRows, loadRows, keepLink, SPEEDS, PAGE_DEFAULTS } from './state.js';
import { Controls } from './controls.js';
import { Network } from './network.js';
import { Charts } from './charts.js';
import { Output } from './output.js';
import { Playback } from './playback.js';
import { Messages } from './messages.js';
import { Labs } from './labs.js';
import { OwnData } from './own.js';
import { Failure } from './failure.js';
import { Hints } from './hints.js';
import { UnitCost, FRAME_WORK_MS, MAP_EVERY_MS, CHARTS_EVERY_MS, NETWORK_EVERY_MS } from './scheduler.js';
import { $ } from './dom.js';

/** A grid pass that would take longer than this (ms) is spread over frames even after a change. */
const SYNC_PASS_MS = 30;

/**
 * @typedef {import('./state.js').PageKeys} PageKeys
 * @typedef {import('./pkg/neuroplay.js').Message} CoreMessage
 * The link in the address bar, read (readHash).
 * @typedef {import('./state.js').SplitLink & { missingRows: boolean, foreign: CoreMessage[] }} Link
 */

/**
 * The link in the address bar, own rows kept in this browser filled back in
 * (`missingRows` when they are not there); `hideable` names the controls
 * `hide` may hide. A TensorFlow Playground link is read as the core
 * translates it (the address bar gets ours once the session has opened);
 * `foreign` holds what the core said about it.
 * @param {Set<string>} hideable
 * @returns {Link}
 */
function readHash(hideable) {
  /** @type {import('./pkg/neuroplay.js').TranslatedLink | null} */
  const foreign = Playground.translateLink(location.hash);
  const link = splitHash(foreign ? foreign.hash : location.hash, hideable);
  const { core, missing } = loadRows(link.core);
  return { ...link, core, missingRows: missing, foreign: foreign?.notices ?? [] };
}

/**
 * What a scenario claims happens, in `lang`: the core's sentences ('' for a lab's scenario).
 * @param {import('./pkg/neuroplay.js').ScenarioRow} scenario
 * @param {'en' | 'cs'} lang
 */
function claimText(scenario, lang) {
  return scenario.claims.map((c) => c[lang]).join(' ');
}

/**
 * The hash of a pasted link: a full URL's part after `#`, or the text itself.
 * @param {string} text
 */
function pastedHash(text) {
  const at = text.indexOf('#');
  return `#${at < 0 ? text.replace(/^\?/, '') : text.slice(at + 1)}`;
}

/** Whether the link had something to say beyond the core's notices. */
const pageNotices = (/** @type {Link} */ link) => link.invalid.length + link.repeated.length + link.undecodable.length > 0 || Boolean(link.version);

/** The hash of a core query and page keys, own rows too long for a link kept in this browser. */
const hashOf = (/** @type {string} */ core, /** @type {PageKeys} */ page) => joinHash(storeRows(core), page);

export class App {
  #session;
  /** @type {PageKeys} the page keys (state.js), read from the link by start() */
  #page = { ...PAGE_DEFAULTS };
  #dirty = true;  // every view needs drawing
  #netDirty = false; // only the network diagram does (the highlighted edge moved)
  #passCost = new UnitCost(0.2); // what a unit of the grid pass costs (ms)
  #networkAt = 0; // when the network was last drawn while training
  /** The lecture's scenarios, the core's table (`config/scenarios.rs`), in the menu's order. */
  #scenarios = scenarios();
  /** Output maps painted from a completed grid pass, for the benchmark. */
  mapPaints = 0;

  /**
   * `labViews`: every lab's view class, by name (labs.js's `loadLabs()`).
   * @param {import('./session.js').Session} session
   * @param {import('./labs.js').LabClasses} labViews
   */
  constructor(session, labViews) {
    this.#session = session;
    const redraw = () => { this.#dirty = true; };
    this.ui = {
      speed: $(document, 'speed', HTMLSelectElement), showTest: $(document, 'show-test', HTMLInputElement),
      discretize: $(document, 'discretize', HTMLInputElement), presets: $(document, 'presets', HTMLSelectElement),
      language: $(document, 'language', HTMLSelectElement), presenter: $(document, 'presenter'), regenerate: $(document, 'regenerate'),
      randomSeed: $(document, 'random-seed'), restoreBest: $(document, 'restore-best'), restoreBestChart: $(document, 'restore-best-chart'), logScale: $(document, 'log-scale', HTMLInputElement),
      drawer: $(document, 'drawer-toggle'),
    };
    this.messages = new Messages($(document, 'message'), session.schema);
    this.failure = new Failure($(document, 'failure'));
    // A call that was not guarded and met the trapped core: the banner says so.
    window.addEventListener('error', (e) => {
      if (!this.#session.dead) return;
      e.preventDefault();
      this.#failed();
    });
    const say = (/** @type {import('./messages.js').Said} */ what) => this.messages.say(what);
    /** @type {import('./labs.js').Guard} */
    const guard = (fn) => this.guard(fn);
    const change = (/** @type {string} */ key, /** @type {string} */ value) => this.change(key, value);
    this.controls = new Controls(document, session.schema, change);
    this.network = new Network(document, session, change, {
      // A hand edit is part of the run: the link keeps it.
      edited: () => {
        redraw();
        this.#save();
      },
      redraw: () => { this.#netDirty = true; },
      say,
    });
    this.charts = new Charts(document, session);
    this.output = new Output(document, session);
    this.own = new OwnData(document, session, {
      // New points start training over; too few of them say so, and so do hand edits they drop.
      changed: () => {
        this.playback.stop();
        this.sync();
        this.messages.say(session.live.halt() ?? session.live.droppedEdits() ?? '');
      },
      say,
      guard,
      showTest: () => this.#page.showTest === '1',
      network: this.network,
    });
    this.hints = new Hints(document, session, {
      guard,
      say,
      lowered: () => {
        this.playback.stop();
        this.sync();
        this.#save();
      },
    });
    this.playback = new Playback(document, session, {
      say,
      render: () => this.#render(),
      later: () => {
        this.output.readouts();
        this.#dirty = true;
      },
      guard,
      lab: () => this.labs.active,
      halted: () => this.hints.update(),
    });
    this.labs = new Labs(labViews, {
      save: () => this.#save(),
      guard,
      session,
      // Backpropagation's "apply" goes back to the playground, which shows
      // the changed network and says what happened, in view where it lands.
      done: (said) => {
        this.#go('');
        this.messages.say(said);
        // From the top, so that nothing (a phone's sticky output view) covers it.
        window.scrollTo(0, 0);
        $(document, 'message').scrollIntoView({ block: 'nearest' });
      },
    });
    // Another network or data: what a unit of the grid pass costs is learnt
    // anew. A new run drops backpropagation's hand steps: the link says so.
    session.onChange((change) => {
      this.#passCost.relearn();
      if (change === 'reset') this.#save();
    });
    this.#wire();
  }

  /**
   * Runs a call into the core. A panic traps the wasm instance: playing
   * stops, the status says so and the message names it. Any other failure
   * (a canvas without a context) becomes a message.
   * @template T
   * @param {() => T} fn
   * @returns {T | undefined}
   */
  guard(fn) {
    // The instance is trapped: nothing may call it again.
    if (this.#session.dead) return undefined;
    try {
      return fn();
    } catch (e) {
      if (this.#session.dead) {
        this.#failed();
      } else {
        (this.labs?.active?.messages ?? this.messages).say(e instanceof Error ? e.message : String(e));
      }
      return undefined;
    }
  }

  /** The core panicked: playing stops, the status says so, and the banner covers the page. */
  #failed() {
    if (this.failure.shown) return;
    const panic = this.#session.panic() ?? '';
    this.playback.stop('error');
    this.labs?.active?.stop();
    (this.labs?.active?.messages ?? this.messages).say(() => t('msg.internal', { error: panic }));
    this.failure.show(panic);
  }

  /**
   * Applies one setting; says why when the core refuses it, or that training starts over.
   * @param {string} key
   * @param {string} value
   */
  change(key, value) {
    this.guard(() => {
      const trained = this.#session.live.readouts().steps > 0;
      const result = this.#session.set(key, value);
      if (result.refused) {
        this.messages.say(result.refused);
      } else {
        // Hand edits dropped by the restart (another network) say so first.
        const dropped = this.#session.live.droppedEdits();
        this.messages.say(dropped ?? (result.effect === 'reset' && trained ? () => t('msg.reset') : ''));
        if (result.effect === 'reset') this.playback.stop();
      }
    });
    this.sync();
  }

  /** Puts the core's state into every control, the URL and the views. */
  sync() {
    this.guard(() => {
      const state = this.#session.live.settings();
      this.controls.sync(state);
      this.network.sync(state);
      this.charts.sync();
      this.own.sync();
      this.#save();
    });
    this.#dirty = true;
  }

  #save() {
    if (this.#session.dead) return;
    const lab = this.labs.active;
    const core = lab ? lab.query() : this.#session.pg?.query();
    if (core === undefined) return;
    const hash = hashOf(core, this.#page);
    history.replaceState(null, '', hash);
    keepLink(hash);
  }

  /**
   * Sets one page key, applies it and writes the link.
   * @param {import('./state.js').PageKey} key
   * @param {string} value
   */
  #setPage(key, value) {
    this.#page[key] = value;
    this.#applyPage();
    this.#save();
    this.#dirty = true;
  }

  /** Applies the page keys: language, presenter mode, hidden controls, toggles. */
  #applyPage() {
    const page = this.#page;
    setLanguage(page.lang || browserLanguage());
    setNumberLanguage(language());
    this.ui.language.value = language();
    document.body.classList.toggle('presenter', page.presenter === '1');
    this.ui.presenter.setAttribute('aria-pressed', String(page.presenter === '1'));
    const hidden = new Set(page.hide.split(',').filter(Boolean));
    for (const el of document.querySelectorAll('[data-control]')) {
      if (el instanceof HTMLElement) el.hidden = hidden.has(el.dataset.control ?? '');
    }
    this.ui.speed.value = page.speed;
    this.ui.showTest.checked = page.showTest === '1';
    this.ui.discretize.checked = page.discretize === '1';
    this.charts.logScale = page.log === '1';
    this.#fillPresets();
  }

  /** The scenario menu, from the core's table: each title, with what happens as its tooltip. */
  #fillPresets() {
    const lang = language() === 'cs' ? 'cs' : 'en';
    const options = [new Option(t('presets.choose'), '')];
    for (const s of this.#scenarios) {
      const option = new Option(s[lang], s.id);
      option.title = claimText(s, lang);
      options.push(option);
    }
    this.ui.presets.replaceChildren(...options);
  }

  /**
   * (Re)creates the session, or opens a lab, from the URL hash. Whatever
   * the link holds, the page ends ready. Coming back from a lab to the
   * link the playground had, its session goes on where it was.
   */
  start() {
    if (this.#session.dead) return;
    const link = readHash(this.#hideable());
    this.#page = link.page;
    this.playback.stop();
    // The language first: every message below is written in it.
    this.guard(() => this.#applyPage());
    const playground = document.querySelector('main.playground');
    if (!(playground instanceof HTMLElement)) throw new Error('the page has no playground');
    if (this.#page.lab) {
      playground.hidden = true;
      const notices = this.guard(() => this.labs.open(this.#page.lab, link.core));
      if (!notices) return;
      this.labs.active?.announce({ notices, ...link });
      this.#save();
      this.ui.presets.value = '';
      return;
    }
    this.labs.close();
    playground.hidden = false;
    const pg = this.#session.pg;
    if (pg && link.core === pg.query() && !pageNotices(link) && !link.foreign.length) {
      this.messages.say('');
      this.fit();
      this.sync();
      return;
    }
    const notices = this.guard(() => this.#session.open(link.core));
    if (!notices) return; // a panic: guard() has said so and set the status
    this.messages.sayLinkNotices({ ...link, notices });
    if (link.missingRows) this.messages.say(() => t('own.missing'));
    this.sync();
    this.playback.stop();
    this.ui.presets.value = '';
    this.fit();
  }

  /** The controls a link's `hide` may name: the playground's and every lab's (built when it first opens). */
  #hideable() {
    const names = [...document.querySelectorAll('[data-control]')].map((el) => el.getAttribute('data-control') ?? '');
    for (const view of this.labs.views()) names.push(...view.schema.settings.map((s) => s.key));
    return new Set(names);
  }

  /**
   * Opens lab `name` (or the playground, for ''), as a new entry of the browser's history.
   * @param {string} name
   */
  #go(name) {
    const pg = this.#session.pg;
    const view = name ? this.labs.view(name) : undefined;
    const core = view ? view.linkFrom(pg) : pg?.query() ?? '';
    history.pushState(null, '', hashOf(core, { ...this.#page, lab: name }));
    this.start();
  }

  /** Fits the canvases to their boxes after a resize or a layout change. */
  fit() {
    if (this.#session.dead) return;
    if (this.labs.active) {
      this.labs.active.fit();
      return;
    }
    const output = this.output.fit();
    const charts = this.charts.fit();
    if (output || charts) this.#dirty = true;
    this.network.relayout();
  }

  /**
   * One animation frame: while playing, trains until the frame's work
   * budget is spent but for what the views need, then refreshes them a
   * part at a time (the output map at least every MAP_EVERY_MS, the charts
   * each at most every CHARTS_EVERY_MS, one a frame); after a change, draws everything.
   * Returns whether it trained.
   * @param {number} start  the frame's `performance.now()`
   */
  frame(start) {
    if (this.#session.dead) return false;
    if (this.labs.active) {
      this.labs.active.frame();
      return false;
    }
    const pg = this.#session.pg;
    if (!pg) return false;
    const playing = this.playback.running;
    const deadline = start + FRAME_WORK_MS;
    this.guard(() => {
      if (playing) {
        this.playback.train(deadline - this.#viewReserve(), Number(this.#page.speed));
        this.hints.tick(start);
        this.output.readouts();
        this.#refreshViews(deadline);
        this.charts.drawNext(CHARTS_EVERY_MS);
      } else if (this.#dirty) {
        this.#render();
      } else if (this.playback.settle(deadline)) {
        // Epoch 0 or the paused readouts, evaluated a frame's work at a time.
        this.output.readouts();
        this.charts.drawNext(0);
      } else {
        // After pausing, a pass may still be under way or the map behind.
        if (this.#refreshViews(deadline) === 0 && this.#netDirty) this.network.draw();
        this.#netDirty = false;
      }
    });
    return playing;
  }

  /** Milliseconds of this frame the grid pass needs so that the map is refreshed every MAP_EVERY_MS. */
  #viewReserve() {
    const frames = MAP_EVERY_MS / 16.7;
    const needed = (this.#session.live.viewUnits() / frames) * this.#passCost.ms;
    return Math.min(FRAME_WORK_MS - 1, needed);
  }

  /**
   * Runs units of the grid pass until `deadline` (at least one); when a
   * pass completes, paints the output and the network from it. Returns the
   * units that ran.
   * @param {number} deadline
   */
  #refreshViews(deadline) {
    const pg = this.#session.live;
    // At least the share of a pass that keeps the map MAP_EVERY_MS fresh,
    // but never more than a frame's work: a heavy network's map is
    // refreshed less often rather than the page answering late.
    const share = Math.ceil(pg.viewUnits() / (MAP_EVERY_MS / 16.7));
    const cost = this.#passCost;
    const units = Math.min(Math.max(share, cost.fit(deadline - performance.now())), cost.fit(FRAME_WORK_MS));
    const { ran, completed } = this.#passCost.time(units, (n) => pg.refreshView(n), (r) => r.ran);
    if (completed) {
      this.output.paint(this.#outputOptions());
      this.mapPaints += 1;
      // A dense diagram is costly to paint: while training, a few times a second.
      const now = performance.now();
      if (!this.playback.running || this.network.cheap || now - this.#networkAt >= NETWORK_EVERY_MS) {
        this.network.draw();
        this.#networkAt = now;
      }
    }
    return ran;
  }

  #outputOptions() {
    return {
      showTest: this.#page.showTest === '1',
      discrete: this.#page.discretize === '1',
      batch: this.playback.batchShown && !this.playback.running,
    };
  }

  /**
   * Draws every view and readout now. The grid pass runs whole unless it
   * would take long; then the output map catches up over the next frames.
   */
  #render() {
    this.#dirty = false;
    this.#netDirty = false;
    const pg = this.#session.live;
    this.output.readouts();
    const units = pg.viewUnits();
    const cost = this.#passCost;
    // After a change the cost of a unit is unknown: one unit tells.
    if (cost.ms === Infinity) cost.time(1, (n) => pg.refreshView(n), (r) => r.ran);
    if (units * cost.ms <= SYNC_PASS_MS) cost.time(units, () => pg.gridPass(), () => units);
    this.output.paint(this.#outputOptions());
    this.network.draw();
    this.charts.draw();
  }

  #wire() {
    const { ui } = this;
    ui.speed.replaceChildren(...SPEEDS.map((s) => new Option(s, s)));
    // A random seed anywhere in the core's range.
    const seed = this.#session.schema.settings.find((s) => s.key === 'seed');
    const [least, most] = [Number(seed?.min), Number(seed?.max)];
    ui.regenerate.onclick = () => this.change('seed', String(least + Math.floor(Math.random() * (most - least + 1))));
    ui.randomSeed.onclick = ui.regenerate.onclick;
    ui.restoreBest.onclick = () => this.guard(() => {
      const pg = this.#session.live;
      if (pg.restoreBest()) {
        const epoch = pg.readouts().bestEpoch;
        this.messages.say(() => t('msg.restored', { epoch }));
      }
      this.#dirty = true;
    });
    ui.restoreBestChart.onclick = ui.restoreBest.onclick;
    ui.speed.onchange = () => this.#setPage('speed', ui.speed.value);
    ui.showTest.onchange = () => this.#setPage('showTest', ui.showTest.checked ? '1' : '0');
    ui.discretize.onchange = () => this.#setPage('discretize', ui.discretize.checked ? '1' : '0');
    // Charts redraws the loss chart itself on this change; the page only records it.
    ui.logScale.addEventListener('change', () => {
      this.#page.log = ui.logScale.checked ? '1' : '0';
      this.#save();
    });
    ui.language.onchange = () => {
      this.#setPage('lang', ui.language.value);
      if (this.labs.active) this.labs.active.sync();
      else this.sync(); // the network diagram's words
    };
    ui.presenter.onclick = () => {
      this.#openDrawer(false);
      this.#setPage('presenter', this.#page.presenter === '1' ? '0' : '1');
      this.fit();
    };
    // Presenter mode's settings drawer, over the page.
    ui.drawer.onclick = () => this.#openDrawer(!document.body.classList.contains('drawer-open'));
    document.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && document.body.classList.contains('drawer-open')) this.#openDrawer(false);
    });
    // A click beside the open drawer closes it.
    document.addEventListener('pointerdown', (e) => {
      if (!document.body.classList.contains('drawer-open')) return;
      if (!(e.target instanceof Element && e.target.closest('main.playground .controls, [data-testid="drawer-toggle"]'))) this.#openDrawer(false);
    });
    ui.presets.onchange = () => {
      const preset = this.#scenarios.find((p) => p.id === ui.presets.value);
      if (!preset) return;
      // Load it now (pushState fires no hashchange, whose start() would clear
      // the message), then name the scenario.
      history.pushState(null, '', joinHash(preset.link, { ...this.#page, lab: preset.lab ?? '' }));
      this.start();
      const messages = this.labs.active?.messages ?? this.messages;
      // Its title, and under it what happens, as the core claims (and its tests check).
      messages.say(() => {
        const lang = language() === 'cs' ? 'cs' : 'en';
        return [t('msg.preset', { name: preset[lang] }), claimText(preset, lang)].filter(Boolean).join('\n');
      });
    };
    for (const button of document.querySelectorAll('[data-lab]')) {
      if (button instanceof HTMLElement) button.onclick = () => this.#go(button.dataset.lab ?? '');
    }
    $(document, 'to-playground').onclick = () => this.#go('');
    window.addEventListener('resize', () => this.fit());
    window.addEventListener('hashchange', () => this.#followHash());
    // A pasted link opens as if followed: ours as it is, TensorFlow Playground's translated.
    const openLink = $(document, 'open-link-form');
    openLink.onsubmit = (event) => {
      event.preventDefault();
      const text = openLink.querySelector('input')?.value.trim();
      if (!text) {
        this.messages.say(() => t('link.empty'));
        return;
      }
      // The room's view goes on: the language and presenter mode, unless the link sets them.
      const hash = pastedHash(text);
      const kept = /** @type {const} */ (['lang', 'presenter'])
        .filter((key) => this.#page[key] !== PAGE_DEFAULTS[key] && !new RegExp(`[#&]${key}=`).test(hash))
        .map((key) => `&${key}=${this.#page[key]}`);
      history.pushState(null, '', hash + kept.join(''));
      this.start();
    };
  }

  /**
   * A link edited by hand on the playground: the core takes it whole, or
   * not at all. One it does not take in full leaves the run as it was: the
   * message names what was wrong, and the address bar shows the run's link
   * again.
   * @param {Link} link
   */
  #openWhole(link) {
    const opened = this.guard(() => this.#session.openWhole(link.core));
    if (!opened) return; // a panic: guard() has said so
    if (!opened.kept) {
      // Taken whole: start() finds the session already open at this link.
      this.start();
      return;
    }
    this.#save();
    this.messages.say(() => [t('msg.linkKept'), ...this.messages.linkLines(opened)].join('\n'));
  }

  /** @param {boolean} open */
  #openDrawer(open) {
    document.body.classList.toggle('drawer-open', open);
    this.ui.drawer.setAttribute('aria-expanded', String(open));
  }

  /** The hash was typed by hand or followed from a link. */
  #followHash() {
    if (this.#session.dead) return;
    const pg = this.#session.pg;
    const lab = this.labs.active;
    const core = lab ? lab.query() : pg?.query();
    if (core === undefined || location.hash === hashOf(core, this.#page)) return;
    const link = readHash(this.#hideable());
    if (!lab && !link.page.lab && link.core !== core) {
      this.#openWhole(link);
      return;
    }
    if (link.core !== core || link.page.lab !== this.#page.lab) {
      this.start();
      return;
    }
    // Page keys alone: the same session, newly dressed.
    this.#page = link.page;
    this.guard(() => this.#applyPage());
    if (pageNotices(link)) (lab?.messages ?? this.messages).sayLinkNotices(link);
    if (lab) lab.sync();
    else this.sync();
  }
}

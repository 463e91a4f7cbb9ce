// The page put together: the link in the URL hash opens the session and
// sets the page keys (language, presenter mode, hidden controls, toggles);
// a change of a setting goes to the core, and every view follows the
// core's state. Each view draws itself; this file says when.
import { t, num, setLanguage, browserLanguage, language } from './i18n.js';
import { setDecimalComma } from './pkg/neuroplay.js';
import { splitHash, joinHash, storeRows, loadRows, SPEEDS } from './state.js';
import { Controls } from './controls.js';
import { Network } from './network.js';
import { Charts } from './charts.js';
import { Output } from './output.js';
import { Playback } from './playback.js';
import { Messages } from './messages.js';
import { PRESETS } from './presets.js';
import { Labs } from './labs.js';
import { OwnData } from './own.js';
import { GdView } from './lab-gd.js';
import { RegressionView } from './lab-regression.js';
import { NeuronView } from './lab-neuron.js';
import { BackpropView } from './lab-backprop.js';
import { ApproxView } from './lab-approx.js';
import { LandscapeView } from './lab-landscape.js';
import { RecipeView, CompareView } from './lab-pair.js';
import { UnitCost, FRAME_WORK_MS, MAP_EVERY_MS, CHARTS_EVERY_MS, NETWORK_EVERY_MS } from './scheduler.js';

/** A grid pass that would take longer than this (ms) is spread over frames even after a change. */
const SYNC_PASS_MS = 30;

const $ = (id) => document.querySelector(`[data-testid="${id}"]`);

/** The link in the address bar, own rows kept in this browser filled back in (`missingRows` when they are not there). */
function readHash() {
  const link = splitHash(location.hash);
  const { core, missing } = loadRows(link.core);
  return { ...link, core, missingRows: missing };
}

/** The hash of a core query and page keys, own rows too long for a link kept in this browser. */
const hashOf = (core, page) => joinHash(storeRows(core), page);

export class App {
  #session;
  #page;          // the page keys (state.js)
  #dirty = true;  // every view needs drawing
  #netDirty = false; // only the network diagram does (the highlighted edge moved)
  #passCost = new UnitCost(0.2); // what a unit of the grid pass costs (ms)
  #chartsAt = 0;  // when the charts were last drawn while training
  #networkAt = 0; // when the network was last drawn while training
  /** Output maps painted from a completed grid pass, for the benchmark. */
  mapPaints = 0;

  constructor(session) {
    this.#session = session;
    const redraw = () => { this.#dirty = true; };
    this.ui = {
      speed: $('speed'), showTest: $('show-test'), discretize: $('discretize'), presets: $('presets'),
      language: $('language'), presenter: $('presenter'), regenerate: $('regenerate'),
      randomSeed: $('random-seed'), restoreBest: $('restore-best'), logScale: $('log-scale'),
    };
    this.messages = new Messages($('message'), session.schema);
    const say = (what) => this.messages.say(what);
    const guard = (fn) => this.guard(fn);
    const change = (key, value) => this.change(key, value);
    this.controls = new Controls(document, session.schema, change);
    this.network = new Network(document, session, change, {
      edited: redraw,
      redraw: () => { this.#netDirty = true; },
      say,
    });
    this.charts = new Charts(document, session);
    this.output = new Output(document, session);
    this.own = new OwnData(document, session, {
      // New points start training over; too few of them say so.
      changed: () => {
        this.playback.stop();
        this.sync();
        this.messages.say(session.pg.halt() ?? '');
      },
      say,
      guard,
      showTest: () => this.#page.showTest === '1',
      network: this.network,
    });
    this.playback = new Playback(document, session, { say, render: () => this.#render(), guard, lab: () => this.labs.active });
    const hooks = { save: () => this.#save(), guard, session };
    const section = (name) => document.querySelector(`[data-lab-view="${name}"]`);
    this.labs = new Labs({
      gd: new GdView(section('gd'), hooks),
      regression: new RegressionView(section('regression'), hooks),
      neuron: new NeuronView(section('neuron'), hooks),
      approx: new ApproxView(section('approx'), hooks),
      landscape: new LandscapeView(section('landscape'), hooks),
      recipe: new RecipeView(section('recipe'), hooks),
      compare: new CompareView(section('compare'), hooks),
      backprop: new BackpropView(section('backprop'), {
        ...hooks,
        // Applying the step goes back to the playground, which shows the changed network.
        done: () => this.#go(''),
      }),
    });
    this.#wire();
  }

  /**
   * Runs a call into the core. A panic traps the wasm instance: playing
   * stops, the status says so and the message names it. Any other failure
   * (a canvas without a context) becomes a message.
   */
  guard(fn) {
    try {
      return fn();
    } catch (e) {
      const panic = this.#session.panic();
      const lab = this.labs?.active;
      const messages = lab?.messages ?? this.messages;
      if (panic) {
        this.playback.stop('error');
        lab?.stop();
        messages.say(() => t('msg.internal', { error: panic }));
      } else {
        messages.say(e?.message ?? String(e));
      }
      return undefined;
    }
  }

  /** Applies one setting; says why when the core refuses it, or that training starts over. */
  change(key, value) {
    this.guard(() => {
      const trained = this.#session.pg.readouts().steps > 0;
      const result = this.#session.set(key, value);
      if (result.refused) {
        this.messages.say(result.refused);
      } else {
        this.messages.say(result.effect === 'reset' && trained ? () => t('msg.reset') : '');
        if (result.effect === 'reset') this.playback.stop();
      }
    });
    this.sync();
  }

  /** Puts the core's state into every control, the URL and the views. */
  sync() {
    this.guard(() => {
      const state = this.#session.pg.settings();
      this.controls.sync(state);
      this.network.sync(state);
      this.charts.sync();
      this.own.sync();
      this.#save();
    });
    this.#dirty = true;
  }

  #save() {
    const lab = this.labs.active;
    const core = lab ? lab.query() : this.#session.pg?.query();
    if (core !== undefined) history.replaceState(null, '', hashOf(core, this.#page));
  }

  /** Sets one page key, applies it and writes the link. */
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
    setDecimalComma(num(0.5).includes(','));
    this.ui.language.value = language();
    document.body.classList.toggle('presenter', page.presenter === '1');
    this.ui.presenter.setAttribute('aria-pressed', String(page.presenter === '1'));
    const hidden = new Set(page.hide.split(',').filter(Boolean));
    for (const el of document.querySelectorAll('[data-control]')) el.hidden = hidden.has(el.dataset.control);
    this.ui.speed.value = page.speed;
    this.ui.showTest.checked = page.showTest === '1';
    this.ui.discretize.checked = page.discretize === '1';
    this.charts.logScale = page.log === '1';
    this.#fillPresets();
  }

  #fillPresets() {
    const lang = language();
    const options = [new Option(t('presets.choose'), '')];
    for (const p of PRESETS) options.push(new Option(p[lang] ?? p.en, p.id));
    this.ui.presets.replaceChildren(...options);
  }

  /**
   * (Re)creates the session, or opens a lab, from the URL hash. Whatever
   * the link holds, the page ends ready. Coming back from a lab to the
   * link the playground had, its session goes on where it was.
   */
  start() {
    const link = readHash();
    this.#page = link.page;
    this.playback.stop();
    // The language first: every message below is written in it.
    this.guard(() => this.#applyPage());
    const playground = document.querySelector('main.playground');
    if (this.#page.lab) {
      playground.hidden = true;
      const notices = this.guard(() => this.labs.open(this.#page.lab, link.core));
      if (!notices) return;
      this.labs.active.announce({ notices, ...link });
      this.#save();
      this.ui.presets.value = '';
      return;
    }
    this.labs.close();
    playground.hidden = false;
    const pg = this.#session.pg;
    if (pg && link.core === pg.query() && !link.invalid.length && !link.undecodable.length) {
      this.messages.say('');
      this.fit();
      this.sync();
      return;
    }
    const notices = this.guard(() => this.#session.open(link.core));
    if (!notices) return; // a panic: guard() has said so and set the status
    this.messages.sayLinkNotices({ notices, ...link });
    if (link.missingRows) this.messages.say(() => t('own.missing'));
    this.sync();
    this.playback.stop();
    this.ui.presets.value = '';
    this.fit();
  }

  /** Opens lab `name` (or the playground, for ''), as a new entry of the browser's history. */
  #go(name) {
    const pg = this.#session.pg;
    const core = name ? this.labs.view(name).linkFrom(pg) : pg?.query() ?? '';
    history.pushState(null, '', hashOf(core, { ...this.#page, lab: name }));
    this.start();
  }

  /** Fits the canvases to their boxes after a resize or a layout change. */
  fit() {
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
   * at most every CHARTS_EVERY_MS); after a change, draws everything.
   * Returns whether it trained.
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
        this.output.readouts();
        this.#refreshViews(deadline);
        if (performance.now() - this.#chartsAt >= CHARTS_EVERY_MS) {
          this.charts.draw();
          this.#chartsAt = performance.now();
        }
      } else if (this.#dirty) {
        this.#render();
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
    const needed = (this.#session.pg.viewUnits() / frames) * this.#passCost.ms;
    return Math.min(FRAME_WORK_MS - 1, needed);
  }

  /**
   * Runs units of the grid pass until `deadline` (at least one); when a
   * pass completes, paints the output and the network from it. Returns the
   * units that ran.
   */
  #refreshViews(deadline) {
    const pg = this.#session.pg;
    // At least the share of a pass that keeps the map MAP_EVERY_MS fresh.
    const share = Math.ceil(pg.viewUnits() / (MAP_EVERY_MS / 16.7));
    const units = Math.max(share, this.#passCost.fit(deadline - performance.now()));
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
    const pg = this.#session.pg;
    this.output.readouts();
    const units = pg.viewUnits();
    if (units * this.#passCost.ms <= SYNC_PASS_MS) {
      this.#passCost.time(units, () => pg.gridPass(), () => units);
    }
    this.output.paint(this.#outputOptions());
    this.network.draw();
    this.charts.draw();
  }

  #wire() {
    const { ui } = this;
    ui.speed.replaceChildren(...SPEEDS.map((s) => new Option(s, s)));
    // A random seed anywhere in the core's range.
    const seed = this.#session.schema.settings.find((s) => s.key === 'seed');
    ui.regenerate.onclick = () => this.change('seed', String(seed.min + Math.floor(Math.random() * (seed.max - seed.min + 1))));
    ui.randomSeed.onclick = ui.regenerate.onclick;
    ui.restoreBest.onclick = () => this.guard(() => {
      const pg = this.#session.pg;
      if (pg.restoreBest()) {
        const epoch = pg.readouts().bestEpoch;
        this.messages.say(() => t('msg.restored', { epoch }));
      }
      this.#dirty = true;
    });
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
      this.#setPage('presenter', this.#page.presenter === '1' ? '0' : '1');
      this.fit();
    };
    ui.presets.onchange = () => {
      const preset = PRESETS.find((p) => p.id === ui.presets.value);
      if (!preset) return;
      // Load it now (pushState fires no hashchange, whose start() would clear
      // the message), then name the scenario.
      history.pushState(null, '', joinHash(preset.link, { ...this.#page, lab: preset.lab ?? '' }));
      this.start();
      const messages = this.labs.active?.messages ?? this.messages;
      messages.say(() => t('msg.preset', { name: preset[language()] ?? preset.en }));
    };
    for (const button of document.querySelectorAll('[data-lab]')) button.onclick = () => this.#go(button.dataset.lab);
    document.querySelector('[data-testid="to-playground"]').onclick = () => this.#go('');
    window.addEventListener('resize', () => this.fit());
    window.addEventListener('hashchange', () => this.#followHash());
  }

  /** The hash was typed by hand or followed from a link. */
  #followHash() {
    const pg = this.#session.pg;
    const lab = this.labs.active;
    const core = lab ? lab.query() : pg?.query();
    if (core === undefined || location.hash === hashOf(core, this.#page)) return;
    const link = readHash();
    if (link.core !== core || link.page.lab !== this.#page.lab) {
      this.start();
      return;
    }
    // Page keys alone: the same session, newly dressed.
    this.#page = link.page;
    this.guard(() => this.#applyPage());
    if (link.invalid.length || link.undecodable.length) (lab?.messages ?? this.messages).sayLinkNotices(link);
    if (lab) lab.sync();
    else this.sync();
  }
}

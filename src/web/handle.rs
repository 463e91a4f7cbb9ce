//! The playground's handle (each lab has its own, in `labs/`): settings in, training steps, pixels out.
//!
//! What the page reads comes back as objects with named fields (through
//! JSON), and what it must say comes back as message codes with their
//! parameters; the page holds the words.

use super::canvas::{self, Blitter};
use super::charts::summary::SummaryCache;
use super::panic;
use super::shapes::{figure, nullable, or_null, Changed, Notices, Said, Schema, SettingsState};
use crate::config::{Effect, Settings};
use crate::data::datasets::view_domain;
use crate::data::Dataset;
use crate::message::{self, Message};
use crate::train::restart::{self, Cause};
use crate::train::{Metrics, Split, Trainer};
use crate::view::network::{Diagram, Edge};
use crate::view::{fill_output, fill_thumbnails, BoundaryPass, Grid, OutputMap, GRID_SIZE};
use serde::Serialize;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Samples of a 1D model's curve.
const CURVE_SAMPLES: usize = 240;

/// A playground session: the settings, the trainer and the view buffers.
#[wasm_bindgen]
pub struct Playground {
    /// The run's settings: the only copy; the trainer takes the parts it needs.
    pub(super) settings: Settings,
    pub(super) trainer: Trainer,
    pub(super) grid: Grid,
    pub(super) pass: BoundaryPass,
    /// The output heatmap, GRID_SIZE² RGBA pixels.
    rgba: Vec<u8>,
    /// Every input's and neuron's thumbnail, THUMB_SIZE² RGBA pixels each.
    pub(super) thumbs: Vec<u8>,
    /// The thumbnails one under the other, for drawing into the diagram.
    pub(super) atlas: Option<HtmlCanvasElement>,
    /// Whether `thumbs` changed since the atlas was filled.
    pub(super) atlas_stale: bool,
    /// Created at the first blit, so the handle also runs without a DOM (benchmarks in Node).
    blitter: Option<Blitter>,
    /// What the page should say about the link it was opened with.
    pub(super) notices: Vec<Message>,
    pub(super) train_now: Metrics,
    test_now: Metrics,
    /// Largest |target|, the scale of the regression colour map.
    range: f32,
    /// Bumped whenever the data change, so the page redraws the points.
    data_version: u32,
    /// Where the page placed the network diagram's nodes.
    pub(super) diagram: Diagram,
    /// The edge under the pointer, drawn highlighted.
    pub(super) hover: Option<Edge>,
    /// The activation chart's summary of a hidden layer, kept until training changes the network.
    pub(super) summary: SummaryCache,
    /// Says that the last restart dropped the hand edits, until the page asks.
    dropped: Option<Message>,
    /// The enlarged map of the neuron the page shows large.
    pub(super) zoom: super::network_api::Zoom,
}

/// The numbers the page shows beside the views; a figure that does not
/// exist (not evaluated yet, accuracy in regression) is null.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct PlaygroundReadouts {
    /// Completed epochs.
    epoch: usize,
    /// Minibatch steps taken.
    steps: u64,
    /// Minibatch steps within the current epoch.
    step_in_epoch: usize,
    /// Minibatches per epoch.
    steps_per_epoch: usize,
    /// Mean data loss over the training part at the current weights, evaluation mode, no penalty.
    train_loss: Option<f32>,
    /// The same over the test part.
    test_loss: Option<f32>,
    /// Test accuracy in [0, 1]; null for regression.
    test_accuracy: Option<f32>,
    /// The L1 or L2 penalty at the current weights; null when there is none.
    penalty: Option<f32>,
    /// Train loss plus penalty: what training minimises; null without a penalty.
    objective: Option<f32>,
    /// The epoch early stopping would restore; null when there is none.
    best_epoch: Option<usize>,
    /// The epoch whose weights "restore best" put back, until the next step; null otherwise.
    restored_epoch: Option<usize>,
}

/// A TensorFlow Playground link in this playground's terms.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct TranslatedLink {
    /// `#…`, every key in this playground's spelling.
    hash: String,
    /// What the translation changed or dropped.
    notices: Vec<Message>,
}

nullable!(TranslatedLink);

/// A link split into its pairs by the core's rule (see `config::link::Link`).
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct SplitLink(
    #[tsify(type = "{ pairs: [string, string][]; repeated: [string, number, string][]; undecodable: string[] }")]
    crate::config::link::Link,
);

/// The benchmark's configurations: `[name, link]` pairs.
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct BenchConfigs(Vec<(String, String)>);

/// How far [`Playground::refresh_view`] got.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct Refreshed {
    /// Units of the grid pass that ran (0 when the views were up to date).
    ran: usize,
    /// Whether a pass completed: the views can be painted from it.
    completed: bool,
}

#[wasm_bindgen]
impl Playground {
    /// A session from a share link's `key=value&…` text. Bad keys are
    /// skipped and reported through [`Playground::notices`].
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> Playground {
        panic::install();
        panic::clear();
        let (settings, errors) = Settings::from_query(query);
        let trainer = Trainer::new(&settings);
        let mut pg = Playground {
            grid: Grid::new(1, settings.data.dataset.domain(), &trainer.data),
            settings,
            trainer,
            pass: BoundaryPass::default(),
            rgba: vec![0; GRID_SIZE * GRID_SIZE * 4],
            thumbs: Vec::new(),
            atlas: None,
            atlas_stale: true,
            blitter: None,
            notices: errors.iter().map(|e| e.message()).collect(),
            train_now: Metrics::default(),
            test_now: Metrics::default(),
            range: 1.0,
            data_version: 0,
            diagram: Diagram::default(),
            hover: None,
            summary: SummaryCache::default(),
            dropped: None,
            zoom: Default::default(),
        };
        pg.new_data();
        pg.replay_applied();
        pg
    }

    /// Every setting: `{settings: [{key, group, type, default, effect,
    /// options | min, max, step, ticks, unit}, …]}` (see `config::schema`).
    pub fn schema() -> Schema {
        Schema::of::<Settings>()
    }

    /// Every key of the page's message tables (`code.…`, `expected.…`, …),
    /// for the test that each has both languages.
    pub fn vocabulary() -> Vec<String> {
        message::vocabulary()
    }

    /// A TensorFlow Playground link (a full URL or a bare hash) in this
    /// playground's terms: `{hash: "#…", notices: [message]}`; null when
    /// `link` is not one of its links.
    #[wasm_bindgen(js_name = translateLink)]
    pub fn translate_link(link: &str) -> Nullable<TranslatedLink> {
        or_null(crate::config::tfp::translate(link).map(|t| TranslatedLink {
            hash: format!("#{}", t.hash),
            notices: vec![t.message()],
        }))
    }

    /// A link (a hash or a query) split into its pairs by the core's one
    /// rule (`config::link`): `{pairs: [[key, value], …], repeated: [[key,
    /// count, last value], …], undecodable: [pair as written, …]}`.
    #[wasm_bindgen(js_name = splitLink)]
    pub fn split_link(link: &str) -> SplitLink {
        SplitLink(crate::config::link::split(link))
    }

    /// The benchmark's configurations: `[[name, link], …]`.
    #[wasm_bindgen(js_name = benchConfigs)]
    pub fn bench_configs() -> BenchConfigs {
        BenchConfigs(
            crate::bench::configs()
                .into_iter()
                .map(|(name, config)| (name.to_string(), crate::bench::query(&config)))
                .collect(),
        )
    }

    /// Messages about the link this session was opened with (the keys it
    /// skipped), each `{code, …parameters}`; taken once.
    pub fn notices(&mut self) -> Notices {
        Notices(std::mem::take(&mut self.notices))
    }

    /// Changes one setting: `{effect: "live" | "reset"}` when taken (a reset
    /// has started training over), `{refused: message}` when not (nothing changed).
    pub fn set(&mut self, key: &str, value: &str) -> Changed {
        let before = self.settings.clone();
        match self.settings.set(key, value) {
            Ok(effect) => {
                match effect {
                    Effect::Live => {
                        let s = &self.settings;
                        self.trainer.update_live(&s.training, s.network.dropout);
                    }
                    Effect::Reset => self.restart(Cause::Setting, before),
                }
                Changed::taken(effect)
            }
            Err(e) => Changed::refused(e.message()),
        }
    }

    /// One setting in its link form.
    pub fn get(&self, key: &str) -> Option<String> {
        self.settings.get(key)
    }

    /// For every setting: `{value, applies, allowed?}` (see `config::schema::state`).
    pub fn settings(&self) -> SettingsState {
        SettingsState::of(&self.settings)
    }

    /// The whole state in link form.
    pub fn query(&self) -> String {
        self.settings.to_query()
    }

    /// New data and new networks from the current settings and seed (↺);
    /// hand edits are made again.
    pub fn reset(&mut self) {
        self.restart(Cause::Reset, self.settings.clone());
    }

    /// The message saying that the last restart dropped the hand edits
    /// (`{code: "editsDropped", n}`), or null; taken once.
    #[wasm_bindgen(js_name = droppedEdits)]
    pub fn dropped_edits(&mut self) -> Nullable<Said> {
        or_null(self.dropped.take().map(Said))
    }
}

impl Playground {
    /// Starts training over for `cause`, from `before` (the settings the
    /// run had) to the current ones: the one way a run restarts, by the rule
    /// of `train::restart`, which decides whether hand edits survive.
    ///
    /// Epoch 0 is evaluated by the next units of work (`trainWork` or
    /// `settle`), so that starting over answers at once at any size; the
    /// losses read as unknown until then.
    pub(crate) fn restart(&mut self, cause: Cause, before: Settings) {
        let mut next = std::mem::replace(&mut self.settings, before);
        // Hand backpropagation steps belong to the run they were taken in:
        // a new run starts without them, unless they are what was set.
        let setting_them = cause == Cause::Setting && next.training.applied != self.settings.training.applied;
        if !setting_them {
            next.training.applied.clear();
        }
        let restarted = restart::restart(cause, &self.settings, next);
        self.settings = restarted.settings;
        self.trainer = restarted.trainer;
        self.dropped = restarted.dropped;
        self.train_now = UNKNOWN;
        self.test_now = UNKNOWN;
        self.new_data();
        self.replay_applied();
    }

    /// Replays the hand backpropagation steps the settings hold, from the
    /// seed, so that a link shows the loss the screen showed when it was made.
    fn replay_applied(&mut self) {
        if self.settings.training.applied.is_empty() {
            return;
        }
        if let Err(refused) = crate::labs::backprop::replay_applied(&mut self.trainer, &self.settings.training.applied)
        {
            self.notices.push(refused);
        }
        self.refresh();
    }

    /// The rectangle the views show, ([x1 range], [x2 range]); for tests.
    pub fn view_domain(&self) -> ([f32; 2], [f32; 2]) {
        self.grid.domain
    }

    /// Rebuilds the grid and view state for the trainer's (new) data.
    fn new_data(&mut self) {
        let domain = view_domain(self.settings.data.dataset, &self.trainer.data.all());
        self.grid = if self.trainer.is_1d {
            Grid::line(CURVE_SAMPLES, domain, &self.trainer.data)
        } else {
            Grid::new(GRID_SIZE, domain, &self.trainer.data)
        };
        self.range = self.trainer.data.train.y.iter().fold(1e-6_f32, |m, y| m.max(y.abs()));
        self.data_version = self.data_version.wrapping_add(1);
        self.hover = None;
        self.pass = BoundaryPass::default();
        self.summary = SummaryCache::default();
        // A new network starts its versions at 0 again: its map is made anew.
        self.zoom = Default::default();
        // Epoch 0's figures when the trainer has them; after a restart they
        // come from `settle` in chunks, so that the click answers at once
        // however large the run (evaluating 5,000 points through ten deep
        // networks here took 0.4 s).
        if let Some((train, test)) = self.trainer.readout.take() {
            self.train_now = train;
            self.test_now = test;
        }
    }
}

#[wasm_bindgen]
impl Playground {
    /// One minibatch step. Returns false once training has halted.
    pub fn step(&mut self) -> bool {
        let ok = self.trainer.step();
        self.refresh();
        ok
    }

    /// Trains until `steps` minibatch steps are complete, running at most
    /// `work` rows in this call (see `trainWork`). Returns true once there;
    /// false means call again (or training halted: see `halt()`).
    pub fn replay(&mut self, steps: f64, work: f64) -> bool {
        let done = self.trainer.replay(steps as u64, work as u64);
        if done || self.trainer.halt.is_some() {
            self.refresh();
        }
        done
    }

    /// Trains `epochs` whole epochs. Returns false once training has halted.
    #[wasm_bindgen(js_name = trainEpochs)]
    pub fn train_epochs(&mut self, epochs: u32) -> bool {
        let mut ok = true;
        for _ in 0..epochs {
            ok = self.trainer.train_epoch();
            if !ok {
                break;
            }
        }
        // After whole epochs the history's last record was evaluated on
        // exactly these weights: no need to evaluate again.
        match self.trainer.history.last() {
            Some(r) if ok && r.epoch == self.trainer.epoch => {
                self.train_now = r.train;
                self.test_now = r.test;
            }
            _ => self.refresh(),
        }
        ok
    }

    /// Trains by units of work (a chunk of a minibatch through one network,
    /// or of an epoch's evaluation: none is long) until about `work` rows
    /// have gone through a network (a training row counts three), at least
    /// one unit, stopping early once `until_epoch` epochs are complete or
    /// training halts. Returns the work done, in the same rows. The readouts
    /// show the newest epoch's record.
    #[wasm_bindgen(js_name = trainWork)]
    pub fn train_work(&mut self, work: f64, until_epoch: u32) -> f64 {
        let start = self.trainer.work;
        while self.trainer.epoch < until_epoch as usize && self.trainer.advance() {
            if (self.trainer.work - start) as f64 >= work {
                break;
            }
        }
        if let Some(r) = self.trainer.history.last() {
            self.train_now = r.train;
            self.test_now = r.test;
        }
        (self.trainer.work - start) as f64
    }

    /// Asks for the readouts of the networks as they are now (training
    /// stopped between two epochs): `settle` evaluates them in chunks.
    #[wasm_bindgen(js_name = refreshReadouts)]
    pub fn refresh_readouts(&mut self) {
        self.trainer.request_readout();
    }

    /// Runs a pending evaluation (epoch 0 after a reset, or the readouts
    /// asked for) for about `work` rows, at least a chunk; the readouts
    /// show it once done. Returns the work done, in `trainWork`'s rows (0
    /// when nothing was pending).
    pub fn settle(&mut self, work: f64) -> f64 {
        let start = self.trainer.work;
        if !self.trainer.is_settled() && self.trainer.settle(work as u64) {
            if let Some((train, test)) = self.trainer.readout.take() {
                self.train_now = train;
                self.test_now = test;
            }
        }
        (self.trainer.work - start) as f64
    }

    /// `{epoch, steps, stepInEpoch, stepsPerEpoch, trainLoss, testLoss,
    /// testAccuracy, penalty, objective, bestEpoch, restoredEpoch}`; a figure that does not
    /// exist (accuracy in regression, a penalty when there is none) is null.
    pub fn readouts(&self) -> PlaygroundReadouts {
        panic::trip();
        let t = &self.trainer;
        let penalised = t.training.regularization != crate::config::Regularization::None;
        let penalty = penalised.then(|| t.penalty());
        PlaygroundReadouts {
            epoch: t.epoch,
            steps: t.steps,
            step_in_epoch: t.step_in_epoch(),
            steps_per_epoch: t.steps_per_epoch(),
            train_loss: figure(self.train_now.loss),
            test_loss: figure(self.test_now.loss),
            test_accuracy: figure(self.test_now.accuracy),
            penalty: penalty.and_then(figure),
            objective: penalty.and_then(|p| figure(self.train_now.loss + p)),
            best_epoch: t.best.as_ref().map(|b| b.epoch),
            restored_epoch: t.restored,
        }
    }

    /// Why training halted, `{code, …parameters}`, or null while it can go on.
    pub fn halt(&self) -> Nullable<Said> {
        or_null(self.halt_message().map(Said))
    }

    /// Puts the best validation epoch's weights back. Returns false if there is none.
    #[wasm_bindgen(js_name = restoreBest)]
    pub fn restore_best(&mut self) -> bool {
        let restored = self.trainer.restore_best();
        self.refresh();
        restored
    }

    /// Changes whenever the points change.
    #[wasm_bindgen(js_name = dataVersion)]
    pub fn data_version(&self) -> u32 {
        self.data_version
    }

    /// A whole pass over the grid now: the output map and the thumbnails
    /// show the networks as they are.
    #[wasm_bindgen(js_name = gridPass)]
    pub fn grid_pass(&mut self) {
        self.pass.run(&self.trainer, &self.grid);
    }

    /// Spreads passes over frames: when the views lag behind the networks
    /// and no pass is under way, starts one; then runs up to `units` of its
    /// units (a tile of cells through one network). Returns how many units
    /// ran (0 when the views are up to date), and whether a pass completed
    /// (the views can then be painted from it): `{ran, completed}`.
    #[wasm_bindgen(js_name = refreshView)]
    pub fn refresh_view(&mut self, units: u32) -> Refreshed {
        if !self.pass.is_running() && self.pass.is_stale(&self.trainer) {
            self.pass.start(&self.trainer);
        }
        let before = self.pass.progress();
        let completed = self.pass.work(&self.grid, units as usize);
        let ran = if completed {
            self.pass.units(&self.trainer, &self.grid) - before
        } else {
            self.pass.progress() - before
        };
        Refreshed { ran, completed }
    }

    /// Whether a grid pass has completed since the data or network last
    /// changed (else `paintPixels` would run a whole one first).
    #[wasm_bindgen(js_name = hasView)]
    pub fn has_view(&self) -> bool {
        self.pass.version.is_some()
    }

    /// Units of a whole pass over the grid (see `refreshView`).
    #[wasm_bindgen(js_name = viewUnits)]
    pub fn view_units(&self) -> u32 {
        self.pass.units(&self.trainer, &self.grid) as u32
    }

    /// Floating-point operations of one grid pass (multiply-adds and the
    /// activations' arithmetic), for the benchmark's GFLOP/s.
    #[wasm_bindgen(js_name = gridPassFlops)]
    pub fn grid_pass_flops(&self) -> f64 {
        BoundaryPass::flops(&self.trainer, self.grid.cells())
    }

    /// Fills the RGBA pixels of the output heatmap and of every input's and
    /// hidden neuron's thumbnail from the last complete grid pass (running
    /// one first if there is none).
    #[wasm_bindgen(js_name = paintPixels)]
    pub fn paint_pixels(&mut self, discrete: bool) {
        if self.pass.version.is_none() {
            self.grid_pass();
        }
        let mlp = &self.trainer.members[0].mlp;
        if !self.trainer.is_1d {
            let k = mlp.outputs();
            let map = OutputMap::for_head(mlp.head, k, self.range);
            fill_output(&self.pass.outputs, k, mlp.head, map, discrete, &mut self.rgba);
        }
        fill_thumbnails(mlp, &self.pass.tape, self.grid.is_line, &mut self.thumbs);
        self.atlas_stale = true;
    }

    /// Draws the model's output over the input plane from the last grid pass
    /// and paint: the heatmap stretched over `target`, or for 1D data the
    /// fitted curve.
    #[wasm_bindgen(js_name = drawOutput)]
    pub fn draw_output(&mut self, target: &HtmlCanvasElement) -> Result<(), JsError> {
        if self.trainer.is_1d {
            return canvas::draw_curve_ground(target, &self.grid).map_err(js_error);
        }
        if self.blitter.is_none() {
            self.blitter = Some(Blitter::new(GRID_SIZE as u32).map_err(js_error)?);
        }
        let blitter = self.blitter.as_ref().expect("created above");
        blitter.blit(&self.rgba, GRID_SIZE as u32, target).map_err(js_error)
    }

    /// Draws what lies above the points on `target` (a canvas over the
    /// points, cleared first): a 1D model's curve, and when `batch` a ring
    /// around each point of the last minibatch stepped.
    #[wasm_bindgen(js_name = drawOverlay)]
    pub fn draw_overlay(&self, target: &HtmlCanvasElement, batch: bool) -> Result<(), JsError> {
        let ctx = canvas::context(target).map_err(js_error)?;
        ctx.clear_rect(0.0, 0.0, target.width() as f64, target.height() as f64);
        if self.trainer.is_1d {
            canvas::draw_curve(target, &self.grid, &self.pass.outputs).map_err(js_error)?;
        }
        if batch {
            let train = &self.trainer.data.train;
            let at: Vec<[f32; 2]> = self
                .trainer
                .last_batch()
                .iter()
                .map(|&i| self.shown_point(train.points[i], train.y[i]))
                .collect();
            canvas::ring_points(target, &self.grid, &at).map_err(js_error)?;
        }
        Ok(())
    }

    /// The training points of the last minibatch stepped, as indices into
    /// the training part (empty before the first step).
    #[wasm_bindgen(js_name = lastBatch)]
    pub fn last_batch(&self) -> Vec<u32> {
        self.trainer.last_batch().iter().map(|&i| i as u32).collect()
    }

    /// Draws the training points, and the test points when `show_test`.
    #[wasm_bindgen(js_name = drawPoints)]
    pub fn draw_points(&self, target: &HtmlCanvasElement, show_test: bool) -> Result<(), JsError> {
        let data = &self.trainer.data;
        let shown = |points: &[[f32; 2]], y: &[f32]| Dataset {
            points: points.iter().zip(y).map(|(&p, &y)| self.shown_point(p, y)).collect(),
            targets: y.to_vec(),
        };
        let mut train = shown(&data.train.points, &data.train.y);
        let validation = shown(&data.validation.points, &data.validation.y);
        train.points.extend(validation.points);
        train.targets.extend(validation.targets);
        let test = shown(&data.test.points, &data.test.y);
        canvas::draw_points(
            target,
            &self.grid,
            &train,
            show_test.then_some(&test),
            self.trainer.is_classification(),
            self.range,
            (&self.settings.data.units, self.trainer.is_1d),
        )
        .map_err(js_error)
    }
}

impl Playground {
    /// Why training halted, while it cannot go on.
    pub(super) fn halt_message(&self) -> Option<Message> {
        self.trainer.halt.as_ref().map(|h| h.message())
    }

    /// Evaluates the model on the train and test sets for the readouts.
    /// Where a point with target `y` is drawn on the output view: 1D points at (x1, target).
    fn shown_point(&self, p: [f32; 2], y: f32) -> [f32; 2] {
        if self.trainer.is_1d {
            [p[0], y]
        } else {
            p
        }
    }

    pub(super) fn refresh(&mut self) {
        self.train_now = self.trainer.evaluate_split(Split::Train);
        self.test_now = self.trainer.evaluate_split(Split::Test);
    }
}

/// Figures not evaluated yet: read as null.
const UNKNOWN: Metrics = Metrics {
    loss: f32::NAN,
    accuracy: f32::NAN,
};

/// A drawing failure (no 2D context, a canvas error) as a JavaScript error.
pub(super) fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

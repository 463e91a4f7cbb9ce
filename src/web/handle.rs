//! The one handle JavaScript holds: settings in, training steps, pixels out.

use super::canvas::{self, Blitter};
use super::panic;
use crate::config::{Effect, Lang, Settings};
use crate::data::Dataset;
use crate::train::{Halt, Metrics, Split, Trainer};
use crate::view::network::{Diagram, Edge};
use crate::view::{fill_output, fill_thumbnails, BoundaryPass, Grid, OutputMap, GRID_SIZE};
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Samples of a 1D model's curve.
const CURVE_SAMPLES: usize = 240;

/// A playground session: the settings, the trainer and the view buffers.
#[wasm_bindgen]
pub struct Playground {
    pub(super) settings: Settings,
    pub(super) trainer: Trainer,
    pub(super) grid: Grid,
    pub(super) pass: BoundaryPass,
    /// The output heatmap, GRID_SIZE² RGBA pixels.
    rgba: Vec<u8>,
    /// Every input's and neuron's thumbnail, THUMB_SIZE² RGBA pixels each.
    pub(super) thumbs: Vec<u8>,
    /// Created at the first blit, so the handle also runs without a DOM (benchmarks in Node).
    blitter: Option<Blitter>,
    notices: Vec<String>,
    /// The language of notices, errors and halt messages.
    pub(super) lang: Lang,
    train_now: Metrics,
    test_now: Metrics,
    /// Largest |target|, the scale of the regression colour map.
    range: f32,
    /// Bumped whenever the data change, so the page redraws the points.
    data_version: u32,
    /// Where the page placed the network diagram's nodes.
    pub(super) diagram: Diagram,
    /// The edge under the pointer, drawn highlighted.
    pub(super) hover: Option<Edge>,
}

#[wasm_bindgen]
impl Playground {
    /// A session from a share link's `key=value&…` text. Bad keys are
    /// skipped and reported through [`Playground::notices`].
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str, lang: &str) -> Result<Playground, JsError> {
        panic::install();
        panic::clear();
        let (settings, errors) = Settings::from_query(query);
        let trainer = Trainer::new(settings.clone());
        let mut pg = Playground {
            grid: Grid::new(1, settings.dataset.domain(), &trainer.data),
            settings,
            trainer,
            pass: BoundaryPass::default(),
            rgba: vec![0; GRID_SIZE * GRID_SIZE * 4],
            thumbs: Vec::new(),
            blitter: None,
            notices: errors.iter().map(|e| e.describe(Lang::parse(lang))).collect(),
            lang: Lang::parse(lang),
            train_now: Metrics::default(),
            test_now: Metrics::default(),
            range: 1.0,
            data_version: 0,
            diagram: Diagram::default(),
            hover: None,
        };
        pg.new_data();
        Ok(pg)
    }

    /// The benchmark's configurations as JSON: `[[name, link], …]`.
    #[wasm_bindgen(js_name = benchConfigs)]
    pub fn bench_configs() -> String {
        let items: Vec<String> = crate::bench::CONFIGS
            .iter()
            .map(|(name, config)| format!("[\"{name}\",\"{}\"]", crate::bench::query(config)))
            .collect();
        format!("[{}]", items.join(","))
    }

    /// Switches notices, errors and halt messages to "en" or "cs".
    #[wasm_bindgen(js_name = setLanguage)]
    pub fn set_language(&mut self, lang: &str) {
        self.lang = Lang::parse(lang);
    }

    /// Messages for the page (a damaged link's skipped keys), then clears them.
    pub fn notices(&mut self) -> String {
        std::mem::take(&mut self.notices).join("\n")
    }

    /// Changes one setting. Returns true when training had to start over.
    pub fn set(&mut self, key: &str, value: &str) -> Result<bool, JsError> {
        let lang = self.lang;
        let effect = self
            .settings
            .set(key, value)
            .map_err(|e| JsError::new(&e.describe(lang)))?;
        match effect {
            Effect::Live => {
                self.trainer.update_live(self.settings.clone());
                Ok(false)
            }
            Effect::Reset => {
                self.reset();
                Ok(true)
            }
        }
    }

    /// One setting in its link form.
    pub fn get(&self, key: &str) -> Option<String> {
        self.settings.get(key)
    }

    /// The whole state in link form.
    pub fn query(&self) -> String {
        self.settings.to_query()
    }

    /// New data and new networks from the current settings and seed.
    pub fn reset(&mut self) {
        self.trainer = Trainer::new(self.settings.clone());
        self.new_data();
    }
}

impl Playground {
    /// Rebuilds the grid and view state for the trainer's (new) data.
    fn new_data(&mut self) {
        let domain = self.settings.dataset.domain();
        self.grid = if self.settings.dataset.is_1d() {
            Grid::line(CURVE_SAMPLES, domain, &self.trainer.data)
        } else {
            Grid::new(GRID_SIZE, domain, &self.trainer.data)
        };
        self.range = self.trainer.data.train.y.iter().fold(1e-6_f32, |m, y| m.max(y.abs()));
        self.data_version = self.data_version.wrapping_add(1);
        self.hover = None;
        self.pass = BoundaryPass::default();
        self.refresh();
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

    /// Completed epochs.
    pub fn epoch(&self) -> usize {
        self.trainer.epoch
    }

    /// Minibatch steps taken, as f64: a JavaScript number, exact up to 2⁵³.
    pub fn steps(&self) -> f64 {
        self.trainer.steps as f64
    }

    /// Mean loss over the training part at the current weights, without penalties.
    #[wasm_bindgen(js_name = trainLoss)]
    pub fn train_loss(&self) -> f32 {
        self.train_now.loss
    }

    /// Mean loss over the test part at the current weights, without penalties.
    #[wasm_bindgen(js_name = testLoss)]
    pub fn test_loss(&self) -> f32 {
        self.test_now.loss
    }

    /// Test accuracy in [0, 1]; NaN for regression.
    #[wasm_bindgen(js_name = testAccuracy)]
    pub fn test_accuracy(&self) -> f32 {
        self.test_now.accuracy
    }

    /// "ok", "diverged" or "stopped".
    pub fn halt(&self) -> String {
        match &self.trainer.halt {
            None => "ok",
            Some(Halt::Diverged { .. }) => "diverged",
            Some(Halt::EarlyStopped { .. }) => "stopped",
        }
        .into()
    }

    /// Why training halted, for the message area ("" while it runs).
    #[wasm_bindgen(js_name = haltMessage)]
    pub fn halt_message(&self) -> String {
        self.trainer
            .halt
            .as_ref()
            .map(|h| h.describe(self.lang))
            .unwrap_or_default()
    }

    /// The epoch with the lowest validation loss so far (-1 when early
    /// stopping is off or no epoch has finished).
    #[wasm_bindgen(js_name = bestEpoch)]
    pub fn best_epoch(&self) -> i32 {
        self.trainer.best.as_ref().map_or(-1, |b| b.epoch as i32)
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

    /// Evaluates the model over the whole grid, keeping every neuron's output.
    #[wasm_bindgen(js_name = gridPass)]
    pub fn grid_pass(&mut self) {
        self.pass.run(&self.trainer, &self.grid);
    }

    /// Multiply-adds ×2 of one grid pass, for the benchmark's GFLOP/s.
    #[wasm_bindgen(js_name = gridPassFlops)]
    pub fn grid_pass_flops(&self) -> f64 {
        BoundaryPass::flops(&self.trainer, self.grid.cells())
    }

    /// Fills the RGBA pixels of the output heatmap and of every input's and
    /// hidden neuron's thumbnail from the last grid pass.
    #[wasm_bindgen(js_name = paintPixels)]
    pub fn paint_pixels(&mut self, discrete: bool) {
        // A pass recorded for another network or grid (after a reset) is stale.
        let layers = self.trainer.members[0].mlp.layers.len();
        if self.pass.tape.batch != self.grid.cells() || self.pass.tape.layers.len() != layers {
            self.grid_pass();
        }
        let mlp = &self.trainer.members[0].mlp;
        if self.settings.dataset.is_1d() {
            fill_thumbnails(mlp, &self.pass.tape, GRID_SIZE, &mut self.thumbs);
            return;
        }
        let k = mlp.outputs();
        let map = OutputMap::for_head(mlp.head, k, self.range);
        fill_output(&self.pass.outputs, k, mlp.head, map, discrete, &mut self.rgba);

        fill_thumbnails(mlp, &self.pass.tape, GRID_SIZE, &mut self.thumbs);
    }

    /// Draws the model's output over the input plane from the last grid pass
    /// and paint: the heatmap stretched over `target`, or for 1D data the
    /// fitted curve.
    #[wasm_bindgen(js_name = drawOutput)]
    pub fn draw_output(&mut self, target: &HtmlCanvasElement) -> Result<(), JsError> {
        if self.settings.dataset.is_1d() {
            return canvas::draw_curve(target, &self.grid, &self.pass.outputs).map_err(js_error);
        }
        if self.blitter.is_none() {
            self.blitter = Some(Blitter::new(GRID_SIZE as u32).map_err(js_error)?);
        }
        let blitter = self.blitter.as_ref().expect("created above");
        blitter.blit(&self.rgba, GRID_SIZE as u32, target).map_err(js_error)
    }

    /// Draws the training points, and the test points when `show_test`.
    #[wasm_bindgen(js_name = drawPoints)]
    pub fn draw_points(&self, target: &HtmlCanvasElement, show_test: bool) -> Result<(), JsError> {
        let data = &self.trainer.data;
        let is_1d = self.settings.dataset.is_1d();
        // 1D points are drawn at (x1, target).
        let shown = |points: &[[f32; 2]], y: &[f32]| Dataset {
            points: if is_1d {
                points.iter().zip(y).map(|(p, &y)| [p[0], y]).collect()
            } else {
                points.to_vec()
            },
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
        )
        .map_err(js_error)
    }
}

impl Playground {
    /// Evaluates the model on the train and test sets for the readouts.
    pub(super) fn refresh(&mut self) {
        self.train_now = self.trainer.evaluate_split(Split::Train);
        self.test_now = self.trainer.evaluate_split(Split::Test);
    }
}

pub(super) fn js_error(e: JsValue) -> JsError {
    JsError::new(&e.as_string().unwrap_or_else(|| format!("{e:?}")))
}

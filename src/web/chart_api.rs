//! The handle's chart methods: the loss, accuracy and activation charts
//! drawn, and what lies under the pointer on each.
//!
//! Every word a chart draws comes from the page, already translated, as a
//! plain object such as `{x: "epoch", y: "loss", best: "best"}`. Pointer
//! positions are pixel columns of the canvas (device pixels, as drawn).

use super::charts::epochs::{record_under, Titles};
use super::charts::{accuracy, activation, frame_of, loss};
use super::handle::{js_error, Playground};
use crate::nn::{Mlp, Tape};
use crate::random::{seeded, Rng};
use crate::view::curves::epoch_axis;
use crate::view::preactivations::LayerSummary;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The last layer summary and the buffers of its forward pass. The pass
/// over the whole training set is the charts' one costly step, so it runs
/// again only when the network, its inputs or the chosen layer change, not
/// on every frame or pointer move.
struct SummaryCache {
    /// Fingerprint of everything the summary depends on.
    key: Option<u64>,
    summary: LayerSummary,
    tape: Tape,
    /// Never drawn from: evaluation mode uses no dropout.
    rng: Rng,
}

thread_local! {
    static SUMMARY: RefCell<SummaryCache> = RefCell::new(SummaryCache {
        key: None,
        summary: LayerSummary::default(),
        tape: Tape::default(),
        rng: seeded(0, 0),
    });
}

#[wasm_bindgen]
impl Playground {
    /// Draws train and test loss over epochs on `canvas`, on a logarithmic
    /// axis when `log_scale`, with the early-stopping best epoch marked and
    /// a guide at pixel column `hover_x` (undefined for none). `words`:
    /// `{x, y, best}`. Returns the number of points drawn, which stays the
    /// same however long the history grows.
    #[wasm_bindgen(js_name = drawLossCurves)]
    pub fn draw_loss_curves(
        &self,
        canvas: &HtmlCanvasElement,
        log_scale: bool,
        hover_x: Option<f64>,
        words: &JsValue,
    ) -> Result<u32, JsError> {
        let (x, y, best) = (word(words, "x"), word(words, "y"), word(words, "best"));
        let chart = loss::LossChart {
            history: &self.trainer.history,
            best_epoch: self.trainer.best.as_ref().map(|b| b.epoch),
            log: log_scale,
            hover_x,
            titles: Titles { x: &x, y: &y },
            best_label: &best,
        };
        loss::draw(canvas, &chart).map(|n| n as u32).map_err(js_error)
    }

    /// The epoch under pixel column `x` of the loss chart on `canvas`:
    /// `[epoch, train loss, test loss, the epoch's pixel column]`, or an
    /// empty array when `x` is outside the plot.
    #[wasm_bindgen(js_name = lossAt)]
    pub fn loss_at(&self, canvas: &HtmlCanvasElement, x: f64) -> Vec<f64> {
        self.epoch_at(canvas, x, |m| m.loss)
    }

    /// Draws train and test accuracy over epochs on `canvas`, with a guide
    /// at pixel column `hover_x` (undefined for none); for regression only
    /// `words.note`. `words`: `{x, y, note}`. Returns the number of points drawn.
    #[wasm_bindgen(js_name = drawAccuracyCurves)]
    pub fn draw_accuracy_curves(
        &self,
        canvas: &HtmlCanvasElement,
        hover_x: Option<f64>,
        words: &JsValue,
    ) -> Result<u32, JsError> {
        let (x, y, note) = (word(words, "x"), word(words, "y"), word(words, "note"));
        let chart = accuracy::AccuracyChart {
            history: &self.trainer.history,
            classification: self.trainer.is_classification(),
            hover_x,
            titles: Titles { x: &x, y: &y },
            note: &note,
        };
        accuracy::draw(canvas, &chart).map(|n| n as u32).map_err(js_error)
    }

    /// The epoch under pixel column `x` of the accuracy chart on `canvas`:
    /// `[epoch, train accuracy, test accuracy, the epoch's pixel column]`
    /// (accuracies in [0, 1]), or an empty array outside the plot and for regression.
    #[wasm_bindgen(js_name = accuracyAt)]
    pub fn accuracy_at(&self, canvas: &HtmlCanvasElement, x: f64) -> Vec<f64> {
        if !self.trainer.is_classification() {
            return Vec::new();
        }
        self.epoch_at(canvas, x, |m| m.accuracy)
    }

    /// The activation name of each hidden layer ("relu", "tanh", …), for the layer picker.
    #[wasm_bindgen(js_name = hiddenActivations)]
    pub fn hidden_activations(&self) -> Vec<String> {
        let mlp = &self.trainer.members[0].mlp;
        let hidden = &mlp.layers[..mlp.layers.len() - 1];
        hidden.iter().map(|l| l.activation.name().to_string()).collect()
    }

    /// Hidden layer `layer` (from 0) of the first network, over the training
    /// set in evaluation mode: `[share of pre-activations where f′ ≈ 0,
    /// neurons where f′ ≈ 0 on every point, neurons]`, or an empty array
    /// when there is no such layer.
    #[wasm_bindgen(js_name = activationStats)]
    pub fn activation_stats(&self, layer: usize) -> Vec<f64> {
        self.with_summary(layer, |s| {
            s.map_or_else(Vec::new, |s| vec![s.flat_share as f64, s.dead as f64, s.neurons as f64])
        })
    }

    /// Draws hidden layer `layer`'s activation f and its slope f′ over the
    /// histogram of its pre-activations on the training set, with a guide at
    /// pixel column `hover_x` (undefined for none). `words`: `{x, note}`;
    /// the note is written above the plot, or alone when the network has no
    /// such layer.
    #[wasm_bindgen(js_name = drawActivationChart)]
    pub fn draw_activation_chart(
        &self,
        canvas: &HtmlCanvasElement,
        layer: usize,
        hover_x: Option<f64>,
        words: &JsValue,
    ) -> Result<(), JsError> {
        let (x, note) = (word(words, "x"), word(words, "note"));
        let words = activation::Words { x: &x, note: &note };
        self.with_summary(layer, |s| activation::draw(canvas, s, hover_x, words))
            .map_err(js_error)
    }

    /// What lies under pixel column `x` of the activation chart of hidden
    /// layer `layer` on `canvas`: `[z, f(z), f′(z), share of the layer's
    /// pre-activations in z's bar, z's pixel column]`, or an empty array
    /// outside the plot.
    #[wasm_bindgen(js_name = activationAt)]
    pub fn activation_at(&self, canvas: &HtmlCanvasElement, layer: usize, x: f64) -> Vec<f64> {
        let frame = activation::frame(canvas);
        self.with_summary(layer, |s| {
            let Some(s) = s else { return Vec::new() };
            let Some(z) = activation::z_under(s, &frame, x) else {
                return Vec::new();
            };
            let (a, d, share) = s.at(z);
            let h = &s.histogram;
            let column = frame.column_of(z as f64, (h.lo as f64, h.hi as f64));
            vec![z as f64, a as f64, d as f64, share as f64, column]
        })
    }
}

impl Playground {
    /// `[epoch, train, test, column]` of the record under pixel column `x`.
    fn epoch_at(&self, canvas: &HtmlCanvasElement, x: f64, value: fn(&crate::train::Metrics) -> f32) -> Vec<f64> {
        let history = &self.trainer.history;
        let frame = frame_of(canvas);
        let Some(r) = record_under(history, &frame, x) else {
            return Vec::new();
        };
        let axis = epoch_axis(history.last().map_or(0, |r| r.epoch));
        vec![
            r.epoch as f64,
            value(&r.train) as f64,
            value(&r.test) as f64,
            frame.column_of(r.epoch as f64, axis),
        ]
    }

    /// Runs `f` on the summary of hidden layer `layer` (None when the
    /// network has no such layer), computing it only if anything it depends
    /// on changed since the last call.
    fn with_summary<T>(&self, layer: usize, f: impl FnOnce(Option<&LayerSummary>) -> T) -> T {
        let mlp = &self.trainer.members[0].mlp;
        if layer >= mlp.layers.len().saturating_sub(1) {
            return f(None);
        }
        let train = &self.trainer.data.train;
        let key = fingerprint(mlp, layer, &train.x);
        SUMMARY.with(|cache| {
            let mut cache = cache.borrow_mut();
            let c = &mut *cache;
            if c.key != Some(key) {
                c.summary
                    .compute(mlp, layer, &train.x, train.len(), &mut c.rng, &mut c.tape);
                c.key = Some(key);
            }
            f(Some(&c.summary))
        })
    }
}

/// FNV-1a over everything a layer summary depends on: the layer, the
/// network's shape, activations, parameters and batch-norm statistics, and
/// the training inputs. Linear in their size, far cheaper than the forward pass.
fn fingerprint(mlp: &Mlp, layer: usize, inputs: &[f32]) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325_u64;
    let mut mix = |word: u64| {
        hash ^= word;
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    };
    mix(layer as u64);
    mix(inputs.len() as u64);
    for l in &mlp.layers {
        mix(l.outputs as u64);
        mix(l.activation as u64);
    }
    let stats = mlp.running.iter().flatten().flat_map(|s| s.mean.iter().chain(&s.var));
    for v in mlp.params.iter().chain(stats).chain(inputs) {
        mix(v.to_bits() as u64);
    }
    hash
}

/// `words[key]` as text ("" when missing).
fn word(words: &JsValue, key: &str) -> String {
    js_sys::Reflect::get(words, &JsValue::from_str(key))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

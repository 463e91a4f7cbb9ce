//! The handle's chart methods: the loss, accuracy and activation charts
//! drawn, and what lies under the pointer on each.
//!
//! Every word a chart draws comes from the page, already translated, as an
//! object of the chart's `…Words` type, such as `{x: "epoch", y: "loss",
//! best: "best", train: "train", validation: "validation", test: "test"}`
//! (a missing word is refused, not drawn as nothing). Pointer
//! positions are pixel columns of the canvas (device pixels, as drawn).

use super::charts::epochs::{record_under, Titles};
use super::charts::{accuracy, activation, gradients, loss};
use super::handle::{js_error, Playground};
use super::shapes::{figure, nullable, or_null};
use crate::train::Metrics;
use crate::view::curves::epoch_axis;
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The names of the data's parts, for the legends.
#[derive(Deserialize, Tsify)]
pub struct PartWords {
    train: String,
    validation: String,
    test: String,
}

/// The loss chart's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct LossWords {
    x: String,
    y: String,
    /// The early-stopping best epoch's mark.
    best: String,
    #[serde(flatten)]
    parts: PartWords,
}

/// The accuracy chart's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct AccuracyWords {
    x: String,
    y: String,
    /// Shown instead of curves in regression.
    note: String,
    #[serde(flatten)]
    parts: PartWords,
}

/// The gradient chart's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct GradientWords {
    x: String,
    y: String,
    /// A hidden layer's curve, `{n}` its number.
    layer: String,
    /// The output layer's curve.
    output: String,
}

/// The activation chart's words.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct ActivationWords {
    x: String,
    /// The measures of the layer, or why there is none.
    note: String,
}

/// The epoch under the pointer on the loss or accuracy chart.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct EpochUnder {
    epoch: usize,
    /// The figure on the training part (null when it is not a number).
    train: Option<f32>,
    /// The figure on the test part (null when it is not a number).
    test: Option<f32>,
    /// The figure on the validation part; null without one.
    validation: Option<f32>,
    /// The epoch's pixel column, where the guide is drawn.
    column: f64,
}

/// The epoch under the pointer on the gradient chart.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct GradientsUnder {
    epoch: usize,
    /// Each layer's mean |∂L/∂w|, input side first.
    sizes: Vec<f32>,
    /// The epoch's pixel column, where the guide is drawn.
    column: f64,
}

/// A hidden layer's pre-activations, in numbers.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct LayerStats {
    /// Share of (neuron, point) pairs where f′ is below a tenth of its peak.
    small_share: f32,
    /// Mean f′ over the (neuron, point) pairs.
    mean_slope: f32,
    /// Neurons where f′ ≈ 0 on every point.
    dead: usize,
    /// Neurons in the layer.
    neurons: usize,
}

/// What lies under the pointer on the activation chart.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct ActivationUnder {
    z: f32,
    f: f32,
    slope: f32,
    /// Share of the layer's pre-activations in z's bar.
    share: f32,
    /// z's pixel column, where the guide is drawn.
    column: f64,
}

nullable!(EpochUnder, GradientsUnder, LayerStats, ActivationUnder);

#[wasm_bindgen]
impl Playground {
    /// Draws train and test loss over epochs on `canvas`, on a logarithmic
    /// axis when `log_scale`, with the early-stopping best epoch marked and
    /// a guide at pixel column `hover_x` (undefined for none); with early
    /// stopping the validation loss it decides on is drawn too. `words`:
    /// `{x, y, best, train, validation, test}`. Returns the number of points
    /// drawn, which stays the same however long the history grows.
    #[wasm_bindgen(js_name = drawLossCurves)]
    pub fn draw_loss_curves(
        &self,
        canvas: &HtmlCanvasElement,
        log_scale: bool,
        hover_x: Option<f64>,
        words: LossWords,
    ) -> Result<u32, JsError> {
        let best_epoch = self.trainer.best.as_ref().map(|b| b.epoch);
        draw_loss(canvas, &self.trainer.history, best_epoch, log_scale, hover_x, words)
    }

    /// The epoch under pixel column `x` of the loss chart on `canvas`:
    /// `{epoch, train, validation, test, column}` (losses; validation null
    /// without early stopping), or null when `x` is outside the plot.
    #[wasm_bindgen(js_name = lossAt)]
    pub fn loss_at(&self, canvas: &HtmlCanvasElement, x: f64) -> Nullable<EpochUnder> {
        or_null(self.epoch_at(canvas, x, |m| m.loss))
    }

    /// Draws train and test accuracy over epochs on `canvas`, with a guide
    /// at pixel column `hover_x` (undefined for none); for regression only
    /// `words.note`. `words`: `{x, y, note, train, validation, test}`.
    /// Returns the number of points drawn.
    #[wasm_bindgen(js_name = drawAccuracyCurves)]
    pub fn draw_accuracy_curves(
        &self,
        canvas: &HtmlCanvasElement,
        hover_x: Option<f64>,
        words: AccuracyWords,
    ) -> Result<u32, JsError> {
        draw_accuracy(
            canvas,
            &self.trainer.history,
            self.trainer.is_classification(),
            hover_x,
            words,
        )
    }

    /// The epoch under pixel column `x` of the accuracy chart on `canvas`:
    /// `{epoch, train, validation, test, column}` (accuracies in [0, 1]), or null outside
    /// the plot and for regression.
    #[wasm_bindgen(js_name = accuracyAt)]
    pub fn accuracy_at(&self, canvas: &HtmlCanvasElement, x: f64) -> Nullable<EpochUnder> {
        let classification = self.trainer.is_classification();
        or_null(
            classification
                .then(|| self.epoch_at(canvas, x, |m| m.accuracy))
                .flatten(),
        )
    }

    /// Draws each layer's gradient size, the mean |∂L/∂w| over its weights
    /// averaged over each epoch's steps, over epochs on a logarithmic axis,
    /// with a guide at pixel column `hover_x` (undefined for none). `words`:
    /// `{x, y, layer, output}`: `layer` holds `{n}`, the layer's number
    /// from 1, for the legend. Returns the number of points drawn.
    #[wasm_bindgen(js_name = drawGradientChart)]
    pub fn draw_gradient_chart(
        &self,
        canvas: &HtmlCanvasElement,
        hover_x: Option<f64>,
        words: GradientWords,
    ) -> Result<u32, JsError> {
        let GradientWords { x, y, layer, output } = words;
        let layers = self.trainer.members[0].mlp.layers.len();
        let names: Vec<String> = (1..=layers)
            .map(|n| {
                if n == layers {
                    output.clone()
                } else {
                    layer.replace("{n}", &n.to_string())
                }
            })
            .collect();
        let chart = gradients::GradientChart {
            history: &self.trainer.history,
            hover_x,
            x: &x,
            y: &y,
            names: &names,
        };
        gradients::draw(canvas, &chart).map(|n| n as u32).map_err(js_error)
    }

    /// The epoch under pixel column `x` of the gradient chart on `canvas`:
    /// `{epoch, sizes, column}` (each layer's mean |∂L/∂w|, input side
    /// first; empty at epoch 0), or null outside the plot.
    #[wasm_bindgen(js_name = gradientsAt)]
    pub fn gradients_at(&self, canvas: &HtmlCanvasElement, x: f64) -> Nullable<GradientsUnder> {
        let history = &self.trainer.history;
        let frame = super::charts::epochs::frame(canvas);
        let axis = epoch_axis(history.last().map_or(0, |r| r.epoch));
        or_null(record_under(history, &frame, x).map(|r| GradientsUnder {
            epoch: r.epoch,
            sizes: r.gradients.as_slice().to_vec(),
            column: frame.column_of(r.epoch as f64, axis),
        }))
    }

    /// The activation name of each hidden layer ("relu", "tanh", …), for the layer picker.
    #[wasm_bindgen(js_name = hiddenActivations)]
    pub fn hidden_activations(&self) -> Vec<String> {
        let mlp = &self.trainer.members[0].mlp;
        let hidden = &mlp.layers[..mlp.layers.len() - 1];
        hidden.iter().map(|l| l.activation.name().to_string()).collect()
    }

    /// Hidden layer `layer` (from 0) of the first network, over the training
    /// set in evaluation mode: `{smallShare, meanSlope, dead, neurons}` (the
    /// share of pre-activations where f′ is below a tenth of its peak, the
    /// mean f′, the neurons where f′ ≈ 0 on every point, all neurons), or
    /// null when there is no such layer.
    #[wasm_bindgen(js_name = activationStats)]
    pub fn activation_stats(&mut self, layer: usize) -> Nullable<LayerStats> {
        or_null(self.summary.get(&self.trainer, layer).map(|s| LayerStats {
            small_share: s.small_share,
            mean_slope: s.mean_slope,
            dead: s.dead,
            neurons: s.neurons,
        }))
    }

    /// Draws hidden layer `layer`'s activation f and its slope f′ over the
    /// histogram of its pre-activations on the training set, with a guide at
    /// pixel column `hover_x` (undefined for none). `words`: `{x, note}`;
    /// the note is written above the plot, or alone when the network has no
    /// such layer.
    #[wasm_bindgen(js_name = drawActivationChart)]
    pub fn draw_activation_chart(
        &mut self,
        canvas: &HtmlCanvasElement,
        layer: usize,
        hover_x: Option<f64>,
        words: ActivationWords,
    ) -> Result<(), JsError> {
        let ActivationWords { x, note } = words;
        let words = activation::Words { x: &x, note: &note };
        let summary = self.summary.get(&self.trainer, layer);
        activation::draw(canvas, summary, hover_x, words).map_err(js_error)
    }

    /// What lies under pixel column `x` of the activation chart of hidden
    /// layer `layer` on `canvas`: `{z, f, slope, share, column}`, or null
    /// outside the plot.
    #[wasm_bindgen(js_name = activationAt)]
    pub fn activation_at(&mut self, canvas: &HtmlCanvasElement, layer: usize, x: f64) -> Nullable<ActivationUnder> {
        let frame = activation::frame(canvas);
        let Some(s) = self.summary.get(&self.trainer, layer) else {
            return Nullable::Null;
        };
        let Some(z) = activation::z_under(s, &frame, x) else {
            return Nullable::Null;
        };
        let (f, slope, share) = s.at(z);
        let h = &s.histogram;
        let column = frame.column_of(z as f64, (h.lo as f64, h.hi as f64));
        Nullable::Value(ActivationUnder {
            z,
            f,
            slope,
            share,
            column,
        })
    }
}

impl Playground {
    /// The record under pixel column `x`, with `value` taken of its train and test figures.
    fn epoch_at(&self, canvas: &HtmlCanvasElement, x: f64, value: fn(&Metrics) -> f32) -> Option<EpochUnder> {
        let history = &self.trainer.history;
        let frame = super::charts::epochs::frame(canvas);
        let r = record_under(history, &frame, x)?;
        let axis = epoch_axis(history.last().map_or(0, |r| r.epoch));
        Some(EpochUnder {
            epoch: r.epoch,
            train: figure(value(&r.train)),
            validation: r.validation.as_ref().map(value).and_then(figure),
            test: figure(value(&r.test)),
            column: frame.column_of(r.epoch as f64, axis),
        })
    }
}

/// The loss chart of `history` on `canvas` (see [`Playground::draw_loss_curves`]);
/// a lab's own session draws its chart here too.
pub(super) fn draw_loss(
    canvas: &HtmlCanvasElement,
    history: &crate::train::History,
    best_epoch: Option<usize>,
    log: bool,
    hover_x: Option<f64>,
    words: LossWords,
) -> Result<u32, JsError> {
    let LossWords { x, y, best, parts } = words;
    let parts = part_names(parts);
    let chart = loss::LossChart {
        history,
        best_epoch,
        log,
        hover_x,
        titles: titles(&x, &y, &parts),
        best_label: &best,
    };
    loss::draw(canvas, &chart).map(|n| n as u32).map_err(js_error)
}

/// The accuracy chart of `history` on `canvas` (see [`Playground::draw_accuracy_curves`]).
pub(super) fn draw_accuracy(
    canvas: &HtmlCanvasElement,
    history: &crate::train::History,
    classification: bool,
    hover_x: Option<f64>,
    words: AccuracyWords,
) -> Result<u32, JsError> {
    let AccuracyWords { x, y, note, parts } = words;
    let parts = part_names(parts);
    let chart = accuracy::AccuracyChart {
        history,
        classification,
        hover_x,
        titles: titles(&x, &y, &parts),
        note: &note,
    };
    accuracy::draw(canvas, &chart).map(|n| n as u32).map_err(js_error)
}

/// The names of the train, validation and test curves in `words`.
fn part_names(words: PartWords) -> [String; 3] {
    [words.train, words.validation, words.test]
}

/// The axis titles and the curves' names.
fn titles<'a>(x: &'a str, y: &'a str, parts: &'a [String; 3]) -> Titles<'a> {
    Titles {
        x,
        y,
        parts: [&parts[0], &parts[1], &parts[2]],
    }
}

#[wasm_bindgen]
impl Playground {
    /// The text height, in CSS pixels, a chart on `canvas` is drawn with
    /// (its CSS font size is the smallest; large canvases get more).
    #[wasm_bindgen(js_name = chartTextSize)]
    pub fn chart_text_size(canvas: &HtmlCanvasElement) -> f64 {
        super::charts::text_css_pixels(canvas)
    }
}

//! The neuron lab's handle: one neuron on one and on two inputs, its
//! function and slope, the worked forward pass and the linear collapse.

use super::plot::{self, Dot, Line, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::Effect;
use crate::labs::neuron::{
    activation_value, collapsed, function_and_slope, function_span, neuron, neuron2, single, softmax3, stacked,
    worked_pass, ActivationValue, NeuronSettings, WorkedNeuron,
};
use crate::message::Message;
use crate::nn::activation::Activation;
use crate::view::field::Field;
use crate::web::charts::{BLUE, GREEN, ORANGE, VERMILLION};
use crate::web::handle::js_error;
use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(typescript_custom_section)]
const WORKED_NEURON: &'static str = r#"
/** One neuron of the worked forward pass: z = b + Σ w·x, then a = f(z)
 * (see `labs::neuron::WorkedNeuron`). */
export interface WorkedNeuron { weights: number[]; inputs: number[]; bias: number; z: number; a: number }
/** f(z) and f′(z) at the chosen z, or a softmax's probabilities and its
 * Jacobian's diagonal pᵢ(1 − pᵢ) at its logits (see `labs::neuron::ActivationValue`). */
export type ActivationValue =
    | { kind: "single"; name: string; z: number; f: number; slope: number }
    | { kind: "softmax"; logits: number[]; probs: number[]; diagonal: number[] };
"#;

/// The one neuron two stacked linear ones equal: y = w·x + b.
#[derive(Serialize, Tsify)]
pub struct Collapsed {
    w: f32,
    b: f32,
    /// Whether the stacked neurons are linear, so that they equal it exactly.
    exact: bool,
}

/// What the page shows beside the figures.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct NeuronReadouts {
    collapsed: Collapsed,
    /// The worked forward pass: two hidden neurons, then the output.
    #[tsify(type = "WorkedNeuron[]")]
    worked: Vec<WorkedNeuron>,
    /// The activation a single neuron uses.
    single: String,
    /// Whether the neuron is a softmax over three.
    softmax: bool,
    /// f(z) and f′(z) at the chosen z, or the softmax's probabilities.
    #[tsify(type = "ActivationValue")]
    value: ActivationValue,
}

/// The words of the one-input figure: the output's name, or with a
/// softmax each of the three probabilities' names.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct NeuronWords {
    #[serde(flatten)]
    axes: AxisWords,
    output: String,
    p1: String,
    p2: String,
    p3: String,
}

/// The words of the function figure: z's axis, f's and f′'s names.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct FunctionWords {
    z: String,
    f: String,
    slope: String,
}

/// The words of the two-input figure: its axes.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct TwoInputWords {
    x1: String,
    x2: String,
}

/// The words of the collapse figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct CollapseWords {
    #[serde(flatten)]
    axes: AxisWords,
    /// The two stacked neurons' curve.
    stacked: String,
    /// The one line they equal.
    single: String,
}

/// The inputs' range in every figure.
const REACH: f64 = 5.0;
/// Samples of every curve.
const SAMPLES: usize = 240;

/// The neuron lab, for the page.
#[wasm_bindgen(js_name = NeuronLab)]
pub struct NeuronLabHandle {
    settings: NeuronSettings,
    notices: Vec<Message>,
    scratch: Option<HtmlCanvasElement>,
}

impl NeuronLabHandle {
    fn current(&self) -> NeuronSettings {
        self.settings.clone()
    }

    fn apply(&mut self, next: NeuronSettings, _effect: Effect) {
        self.settings = next;
    }

    /// `f` sampled over [−REACH, REACH].
    fn curve(f: impl Fn(f32) -> f32) -> Vec<(f64, f64)> {
        Self::curve_over((-REACH, REACH), |x| f(x).into())
    }

    /// `f` sampled over [lo, hi].
    fn curve_over((lo, hi): (f64, f64), f: impl Fn(f32) -> f64) -> Vec<(f64, f64)> {
        (0..=SAMPLES)
            .map(|i| {
                let x = lo + (hi - lo) * i as f64 / SAMPLES as f64;
                (x, f(x as f32))
            })
            .collect()
    }

    /// The y range holding `lines`, with room, and at least [−1, 1]. The x
    /// range is the lines' own: every figure's lines span the same inputs.
    fn y_range(lines: &[Line]) -> (f64, f64) {
        let (mut lo, mut hi) = (-1.0_f64, 1.0_f64);
        for p in lines.iter().flat_map(|l| &l.points) {
            if p.1.is_finite() {
                lo = lo.min(p.1);
                hi = hi.max(p.1);
            }
        }
        let pad = 0.08 * (hi - lo);
        (lo - pad, hi + pad)
    }

    /// Draws `lines` with their names in the legend and `dots` over them,
    /// across the inputs the lines span.
    fn draw_lines(
        &mut self,
        canvas: &HtmlCanvasElement,
        titles: (&str, &str),
        lines: Vec<(Line, String)>,
        dots: Vec<Dot>,
    ) -> Result<(), JsError> {
        let (lines, legend): (Vec<Line>, Vec<(String, RGBColor)>) = lines
            .into_iter()
            .map(|(l, name)| {
                let c = l.color;
                (l, (name, c))
            })
            .unzip();
        let x = lines.first().map_or((-REACH, REACH), |l| {
            (
                l.points.first().map_or(-REACH, |p| p.0),
                l.points.last().map_or(REACH, |p| p.0),
            )
        });
        let y = Self::y_range(&lines);
        let mut figure = Plot::new(x, y, titles);
        figure.lines = lines;
        figure.legend = legend;
        figure.dots = dots;
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }
}

lab_settings!(NeuronLabHandle, NeuronLab, crate::labs::neuron::Neuron);

#[wasm_bindgen(js_class = NeuronLab)]
impl NeuronLabHandle {
    /// The lab from a link's `key=value&…` (the keys after `lab=neuron`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> NeuronLabHandle {
        let (settings, notices) = opened::<crate::labs::neuron::Neuron>(query);
        NeuronLabHandle {
            settings,
            notices,
            scratch: None,
        }
    }

    /// `{collapsed: {w, b, exact}, worked: [{weights, inputs, bias, z, a}, …],
    /// single, softmax, value}`: the one neuron two linear ones equal (`exact`
    /// when the stacked ones are linear), the worked forward pass (two hidden
    /// neurons, then the output), the activation a single neuron uses,
    /// whether the neuron is a softmax over three, and f(z), f′(z) at the
    /// chosen z (with a softmax, its probabilities and Jacobian's diagonal).
    pub fn readouts(&self) -> NeuronReadouts {
        let s = &self.settings;
        let (w, b) = collapsed(s);
        NeuronReadouts {
            collapsed: Collapsed {
                w,
                b,
                exact: s.stacked == Activation::Linear,
            },
            worked: worked_pass(s),
            single: single(s).to_string(),
            softmax: s.activation.is_none(),
            value: activation_value(s),
        }
    }

    /// The neuron's output over its one input x; with a softmax, the three
    /// neurons' probabilities. `words`: `{x, y, output, p1, p2, p3}`.
    #[wasm_bindgen(js_name = drawNeuron)]
    pub fn draw_neuron(&mut self, canvas: &HtmlCanvasElement, words: NeuronWords) -> Result<(), JsError> {
        let s = self.settings.clone();
        let line = |points, color| Line {
            points,
            color,
            width: 1.3,
            dashed: false,
        };
        let lines = match s.activation {
            Some(_) => vec![(line(Self::curve(|x| neuron(&s, x)), BLUE), words.output.clone())],
            None => [(0, BLUE, &words.p1), (1, GREEN, &words.p2), (2, ORANGE, &words.p3)]
                .into_iter()
                .map(|(k, color, name)| (line(Self::curve(|x| softmax3(s.w * x + s.b)[k]), color), name.clone()))
                .collect(),
        };
        self.draw_lines(canvas, (&words.axes.x, &words.axes.y), lines, Vec::new())
    }

    /// The activation f and its slope f′ over z, each marked at the chosen
    /// z; with a softmax, p₁ and ∂p₁/∂z₁ = p₁(1 − p₁) as z₁ moves, z₂ and z₃
    /// held at the logits, marked at z₁. `words`: `{z, f, slope}`.
    #[wasm_bindgen(js_name = drawFunction)]
    pub fn draw_function(&mut self, canvas: &HtmlCanvasElement, words: FunctionWords) -> Result<(), JsError> {
        let s = self.settings.clone();
        let at = if s.activation.is_some() { s.z } else { s.logits[0] };
        let (fa, slope_a) = function_and_slope(&s, at);
        let dots = [(fa, BLUE), (slope_a, ORANGE)]
            .into_iter()
            .map(|(y, color)| Dot {
                at: (at as f64, y),
                color,
                size: 2.5,
            })
            .collect();
        let span = function_span(&s);
        let f = Line {
            points: Self::curve_over(span, |z| function_and_slope(&s, z).0),
            color: BLUE,
            width: 1.3,
            dashed: false,
        };
        let slope = Line {
            points: Self::curve_over(span, |z| function_and_slope(&s, z).1),
            color: ORANGE,
            width: 1.3,
            dashed: true,
        };
        self.draw_lines(canvas, (&words.z, ""), vec![(f, words.f), (slope, words.slope)], dots)
    }

    /// The neuron on two inputs as a heatmap over (x1, x2), with its
    /// contours and the worked pass's inputs marked. `words`: `{x1, x2}`.
    #[wasm_bindgen(js_name = drawNeuron2)]
    pub fn draw_neuron2(&mut self, canvas: &HtmlCanvasElement, words: TwoInputWords) -> Result<(), JsError> {
        let s = self.settings.clone();
        let field = Field::sample(80, ([-REACH, REACH], [-REACH, REACH]), |[a, b]| {
            neuron2(&s, a as f32, b as f32) as f64
        });
        let contours = field.contours(8);
        let mut figure = Plot::new((-REACH, REACH), (-REACH, REACH), (&words.x1, &words.x2));
        figure.heatmap = Some(&field);
        figure.contours = &contours;
        figure.dots = vec![Dot {
            at: (s.x1 as f64, s.x2 as f64),
            color: VERMILLION,
            size: 2.5,
        }];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// Two stacked neurons y = v2·f(v1·x + c1) + c2 beside the one line
    /// two linear ones equal. `words`: `{x, y, stacked, single}`.
    #[wasm_bindgen(js_name = drawCollapse)]
    pub fn draw_collapse(&mut self, canvas: &HtmlCanvasElement, words: CollapseWords) -> Result<(), JsError> {
        let s = self.settings.clone();
        let (w, b) = collapsed(&s);
        let two = Line {
            points: Self::curve(|x| stacked(&s, x)),
            color: BLUE,
            width: 2.2,
            dashed: false,
        };
        let one = Line {
            points: Self::curve(|x| w * x + b),
            color: VERMILLION,
            width: 1.2,
            dashed: true,
        };
        self.draw_lines(
            canvas,
            (&words.axes.x, &words.axes.y),
            vec![(two, words.stacked), (one, words.single)],
            Vec::new(),
        )
    }
}

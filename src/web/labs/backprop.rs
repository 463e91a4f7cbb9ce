//! The backpropagation lab's handle: a snapshot of the playground's network
//! and training points, the walk of one point through it, and the figures:
//! the network with the step under way lit, and the points to choose from.

use super::plot::{self, Dot, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::error::ConfigError;
use crate::config::table::from_query;
use crate::config::Effect;
use crate::labs::backprop::{self, BackpropSettings, Stage, Walk};
use crate::message::{Code, Message};
use crate::nn::{Head, Mlp};
use crate::view::colormap::CLASS_COLORS;
use crate::web::charts::js_error as draw_error;
use crate::web::charts::{blank, text, Area, BLUE, INK, ORANGE, VERMILLION};
use crate::web::handle::js_error;
use crate::web::handle::Playground;
use crate::web::shapes::{nullable, or_null, Said};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

#[wasm_bindgen(typescript_custom_section)]
const FORMULA_PIECE: &'static str = r#"
/** A piece of a written formula: text, a number, a number put in
 * parentheses when negative (`factor`), or a word of the page's. */
export type FormulaPiece = string | number | { factor: number } | { word: string };
"#;

/// One stage of the walk with every number it writes.
#[derive(Serialize, Tsify)]
#[serde(tag = "kind", rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub enum BackpropStage {
    /// Neuron `neuron` of `layer` computes z and a.
    Forward {
        layer: usize,
        neuron: usize,
        /// Whether the layer is the output layer.
        output: bool,
        activation: String,
        bias: f64,
        weights: Vec<f64>,
        inputs: Vec<f64>,
        z: f64,
        a: f64,
    },
    /// The output and the loss, as formula lines.
    Loss {
        #[tsify(type = "FormulaPiece[][]")]
        lines: Value,
        output: Vec<f64>,
        target: f32,
        loss: f64,
    },
    /// Neuron `neuron` of `layer` gets its ∂L/∂z, its weights their gradients.
    #[serde(rename_all = "camelCase")]
    Backward {
        layer: usize,
        neuron: usize,
        output: bool,
        /// The output layer's ∂L/∂z as a formula; null in hidden layers.
        #[tsify(type = "FormulaPiece[] | null")]
        delta: Option<Value>,
        activation: String,
        z: f64,
        slope: f64,
        d_a: f64,
        d_z: f64,
        /// The next layer's weight from this neuron and its ∂L/∂z, per neuron; null in the output layer.
        next: Option<Vec<NextEdge>>,
        inputs: Vec<f64>,
        d_w: Vec<f64>,
        numeric_w: Vec<f64>,
        numeric_b: f64,
        update: Vec<f64>,
        update_b: f64,
    },
    /// The SGD step.
    #[serde(rename_all = "camelCase")]
    Update {
        learning_rate: f64,
        loss: f64,
        loss_after: f64,
    },
}

/// An edge out of a neuron, as the backward stage writes it.
#[derive(Serialize, Tsify)]
pub struct NextEdge {
    w: f64,
    dz: f64,
}

nullable!(BackpropStage, BackpropReadouts);

/// What the page shows beside the walk.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct BackpropReadouts {
    /// The walked point's index, and how many there are.
    point: usize,
    points: usize,
    loss: f64,
    loss_after: f64,
    grad_check: f64,
    engine_check: f64,
    learning_rate: f64,
    input: Vec<f64>,
    target: f32,
    output: Vec<f64>,
    /// Neurons per layer, inputs first.
    layers: Vec<usize>,
    /// The point's raw coordinates.
    at: [f32; 2],
    /// The inputs' names.
    features: Vec<String>,
    classification: bool,
}

/// The words of the network figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct BackpropNetworkWords {
    /// Each input's name.
    inputs: Vec<String>,
    /// The loss's name.
    loss: String,
}

/// The backpropagation lab, for the page.
#[wasm_bindgen(js_name = BackpropLab)]
pub struct BackpropLabHandle {
    settings: BackpropSettings,
    notices: Vec<Message>,
    /// Why the walk cannot be shown on this network, if it cannot.
    refused: Option<Message>,
    mlp: Mlp,
    /// The training points' features (rows × width), targets and raw points.
    x: Vec<f32>,
    y: Vec<f32>,
    points: Vec<[f32; 2]>,
    width: usize,
    /// The features' names, in input order.
    features: Vec<String>,
    classification: bool,
    learning_rate: f32,
    /// The playground's parameter version the snapshot was taken at.
    version: u64,
    walk: Option<Walk>,
    stages: Vec<Stage>,
    /// How many stages are shown: 0 before the first, `stages.len()` after the last.
    shown: usize,
    scratch: Option<HtmlCanvasElement>,
}

impl BackpropLabHandle {
    fn current(&self) -> BackpropSettings {
        self.settings.clone()
    }

    fn apply(&mut self, next: BackpropSettings, _effect: Effect) {
        self.settings = next;
        self.walk_point();
    }

    /// Walks the chosen point (the first when the choice is past the last)
    /// and starts before the first stage.
    fn walk_point(&mut self) {
        self.shown = 0;
        if self.refused.is_some() || self.y.is_empty() {
            self.walk = None;
            self.stages.clear();
            return;
        }
        let n = self.y.len();
        if self.settings.point >= n {
            self.notices.push(
                ConfigError::OutOfRange {
                    key: "point",
                    value: self.settings.point.to_string(),
                    min: "0".into(),
                    max: (n - 1).to_string(),
                }
                .message(),
            );
            self.settings.point = 0;
        }
        let p = self.settings.point;
        let walk = Walk::new(
            &self.mlp,
            &self.x[p * self.width..(p + 1) * self.width],
            self.y[p],
            self.learning_rate,
        );
        self.stages = walk.stages();
        self.walk = Some(walk);
    }

    /// The stage a neuron's step comes in, forward and backward.
    fn stage_of(&self, stage: Stage) -> usize {
        self.stages.iter().position(|&s| s == stage).unwrap_or(usize::MAX)
    }
}

lab_settings!(BackpropLabHandle, BackpropLab, crate::labs::backprop::Backprop);

/// Numbers as JSON.
#[wasm_bindgen(js_class = BackpropLab)]
impl BackpropLabHandle {
    /// A snapshot of `pg`'s network and training points, walking the point
    /// a link's `key=value&…` names (the lab's own keys: `point`, `steps`).
    #[wasm_bindgen(constructor)]
    pub fn new(pg: &Playground, query: &str) -> BackpropLabHandle {
        let (settings, notices) = opened::<crate::labs::backprop::Backprop>(query);
        let t = &pg.trainer;
        let mut handle = BackpropLabHandle {
            settings,
            notices,
            refused: backprop::refusal(t),
            mlp: t.members[0].mlp.clone(),
            x: t.data.train.x.clone(),
            y: t.data.train.y.clone(),
            points: t.data.train.points.clone(),
            width: t.data.width,
            features: t.data.features.to_string().split(',').map(String::from).collect(),
            classification: t.is_classification(),
            learning_rate: t.training.optimizer.learning_rate,
            version: t.version,
            walk: None,
            stages: Vec::new(),
            shown: 0,
            scratch: None,
        };
        handle.walk_point();
        handle
    }

    /// The steps a link's lab keys ask to replay (0 when they name none or a bad number).
    #[wasm_bindgen(js_name = requestedSteps)]
    pub fn requested_steps(query: &str) -> f64 {
        from_query::<BackpropSettings>(query).0.steps as f64
    }

    /// Why the walk cannot be shown, or null.
    pub fn refused(&self) -> Nullable<Said> {
        or_null(self.refused.clone().map(Said))
    }

    /// How many stages the walk has.
    #[wasm_bindgen(js_name = stageCount)]
    pub fn stage_count(&self) -> u32 {
        self.stages.len() as u32
    }

    /// How many stages are shown.
    pub fn shown(&self) -> u32 {
        self.shown as u32
    }

    /// Shows the first `n` stages (at most all).
    pub fn show(&mut self, n: u32) {
        self.shown = (n as usize).min(self.stages.len());
    }

    /// Stage `i` with every number it writes, or null past the last:
    /// `{kind: "forward" | "loss" | "backward" | "update", …}`.
    pub fn stage(&self, i: u32) -> Nullable<BackpropStage> {
        let (Some(walk), Some(&stage)) = (&self.walk, self.stages.get(i as usize)) else {
            return Nullable::Null;
        };
        let last = walk.layers.len() - 1;
        let value = match stage {
            Stage::Forward { layer, neuron } => {
                let l = &walk.layers[layer];
                BackpropStage::Forward {
                    layer,
                    neuron,
                    output: layer == last,
                    activation: l.activation.to_string(),
                    bias: l.biases[neuron],
                    weights: l.weights[neuron].clone(),
                    inputs: l.inputs.clone(),
                    z: l.z[neuron],
                    a: l.a[neuron],
                }
            }
            Stage::Loss => BackpropStage::Loss {
                lines: head_lines(walk),
                output: walk.output.clone(),
                target: walk.target,
                loss: walk.loss,
            },
            Stage::Backward { layer, neuron } => {
                let l = &walk.layers[layer];
                let rate = walk.learning_rate;
                let next = walk.layers.get(layer + 1).map(|n| {
                    n.weights
                        .iter()
                        .zip(&n.d_z)
                        .map(|(w, &dz)| NextEdge { w: w[neuron], dz })
                        .collect()
                });
                BackpropStage::Backward {
                    layer,
                    neuron,
                    output: layer == last,
                    delta: (layer == last).then(|| head_delta(walk, neuron)),
                    activation: l.activation.to_string(),
                    z: l.z[neuron],
                    slope: l.slope[neuron],
                    d_a: l.d_a[neuron],
                    d_z: l.d_z[neuron],
                    next,
                    inputs: l.inputs.clone(),
                    d_w: l.d_w[neuron].clone(),
                    numeric_w: l.numeric_w[neuron].clone(),
                    numeric_b: l.numeric_b[neuron],
                    update: l.d_w[neuron].iter().map(|g| -rate * g).collect(),
                    update_b: -rate * l.d_z[neuron],
                }
            }
            Stage::Update => BackpropStage::Update {
                learning_rate: walk.learning_rate,
                loss: walk.loss,
                loss_after: walk.loss_after,
            },
        };
        Nullable::Value(value)
    }

    /// `{point, points, loss, lossAfter, gradCheck, engineCheck, learningRate,
    /// input, target, output, layers, at, features, classification}`
    /// (`layers`: neurons per layer, inputs first; `at`: the point's raw
    /// coordinates; `features`: the inputs' names); null without a walk.
    pub fn readouts(&self) -> Nullable<BackpropReadouts> {
        let Some(walk) = &self.walk else {
            return Nullable::Null;
        };
        let layers: Vec<usize> = std::iter::once(self.width)
            .chain(walk.layers.iter().map(|l| l.z.len()))
            .collect();
        Nullable::Value(BackpropReadouts {
            point: self.settings.point,
            points: self.y.len(),
            loss: walk.loss,
            loss_after: walk.loss_after,
            grad_check: walk.grad_check,
            engine_check: walk.engine_check,
            learning_rate: walk.learning_rate,
            input: walk.input.clone(),
            target: walk.target,
            output: walk.output.clone(),
            layers,
            at: self.points[self.settings.point],
            features: self.features.clone(),
            classification: self.classification,
        })
    }

    /// Takes the walk's SGD step on `pg`'s network. Refused (the message
    /// returned) when the playground's network changed since the snapshot.
    #[wasm_bindgen(js_name = applyStep)]
    pub fn apply_step(&mut self, pg: &mut Playground) -> Nullable<Said> {
        let Some(walk) = &self.walk else {
            return or_null(self.refused.clone().map(Said));
        };
        if pg.trainer.version != self.version {
            return Nullable::Value(Said(Message::new(Code::LabStale)));
        }
        // The playground's link records the step (after the steps trained
        // before it), so that it reproduces the loss shown; one the link
        // cannot hold is refused before it is taken.
        let steps = pg.trainer.steps;
        let mut next = pg.settings.clone();
        next.training.applied.push([steps as f32, self.settings.point as f32]);
        let value = next.get("backprop").unwrap_or_default();
        if let Err(e) = pg.settings.clone().set("backprop", &value) {
            return Nullable::Value(Said(e.message()));
        }
        backprop::apply(&mut pg.trainer, walk);
        pg.settings = next;
        self.settings.steps = steps;
        pg.refresh_readouts();
        Nullable::Null
    }

    /// The training points, the walked one ringed. `words`: `{x, y}`.
    #[wasm_bindgen(js_name = drawPoints)]
    pub fn draw_points(&mut self, canvas: &HtmlCanvasElement, words: AxisWords) -> Result<(), JsError> {
        let (x, y) = window(&self.points);
        let mut figure = Plot::new(x, y, (&words.x, &words.y));
        let color = |t: f32| {
            if self.classification {
                let [r, g, b] = CLASS_COLORS[t as usize % CLASS_COLORS.len()];
                RGBColor(r, g, b)
            } else {
                BLUE
            }
        };
        figure.dots = self
            .points
            .iter()
            .zip(&self.y)
            .map(|(p, &t)| Dot {
                at: (p[0] as f64, p[1] as f64),
                color: color(t),
                size: 1.2,
            })
            .collect();
        if let Some(p) = self.points.get(self.settings.point) {
            let at = (p[0] as f64, p[1] as f64);
            figure.dots.push(Dot {
                at,
                color: INK,
                size: 4.0,
            });
            figure.dots.push(Dot {
                at,
                color: color(self.y[self.settings.point]),
                size: 2.4,
            });
        }
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// The training point nearest pixel (px, py) of the points figure on
    /// `canvas`, or −1 when the pixel is outside the plot.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, canvas: &HtmlCanvasElement, px: f64, py: f64) -> i32 {
        let (x, y) = window(&self.points);
        let Some([vx, vy]) = plot::value_at(canvas, x, y, px, py) else {
            return -1;
        };
        let (sx, sy) = (x.1 - x.0, y.1 - y.0);
        self.points
            .iter()
            .enumerate()
            .map(|(i, p)| (i, ((p[0] as f64 - vx) / sx).powi(2) + ((p[1] as f64 - vy) / sy).powi(2)))
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(-1, |(i, _)| i as i32)
    }

    /// The network with the shown stages' numbers on it, the current
    /// stage's neuron ringed and the edges it reads lit. `words`:
    /// `{inputs: [name, …], loss}`.
    #[wasm_bindgen(js_name = drawNetwork)]
    pub fn draw_network(&mut self, canvas: &HtmlCanvasElement, words: BackpropNetworkWords) -> Result<(), JsError> {
        self.network_figure(canvas, &words).map_err(js_error)
    }
}

impl BackpropLabHandle {
    fn network_figure(&self, canvas: &HtmlCanvasElement, words: &BackpropNetworkWords) -> Result<(), JsValue> {
        let (root, frame) = blank(canvas)?;
        let Some(walk) = &self.walk else {
            return Ok(());
        };
        let names = &words.inputs;
        let (w, h) = (frame.width as f64, frame.height as f64);
        let font = frame.font as f64;
        // Columns: the inputs, each layer, and the loss.
        let columns = walk.layers.len() + 2;
        let left = font * 3.5;
        let step_x = (w - left - font * 4.0) / (columns - 1) as f64;
        let sizes: Vec<usize> = std::iter::once(walk.input.len())
            .chain(walk.layers.iter().map(|l| l.z.len()))
            .collect();
        let widest = *sizes.iter().max().unwrap_or(&1) as f64;
        let top = font * 1.5;
        let row = (h - 2.0 * top) / widest.max(1.0);
        // The numbers at the page's chart text size at least (not shrunk
        // with a short canvas); each row has room for a node and a line of
        // numbers above and below it, or labels only what the stage reads.
        let label = crate::web::charts::smallest_text(canvas).max(font * 0.6);
        let spare = (row - 2.4 * label - 4.0) / 2.0;
        let room = spare >= label * 0.4;
        let radius = (row * 0.36)
            .min(step_x * 0.16)
            .min(font * 1.6)
            .min(if room { spare } else { f64::INFINITY })
            .max(2.0);
        let at = |c: usize, j: usize| {
            let n = sizes[c] as f64;
            let y = h / 2.0 + (j as f64 - (n - 1.0) / 2.0) * row;
            (left + c as f64 * step_x, y)
        };
        let pixel = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);

        let current = self.shown.checked_sub(1).and_then(|i| self.stages.get(i)).copied();
        // What the current stage reads: the edges into its neuron (forward,
        // and backward for their gradients) and, backward, the edges out of it.
        let lit_in = |layer: usize, to: usize| match current {
            Some(Stage::Forward { layer: l, neuron }) | Some(Stage::Backward { layer: l, neuron }) => {
                l == layer && neuron == to
            }
            _ => false,
        };
        let lit_out = |layer: usize, from: usize| matches!(current, Some(Stage::Backward { layer: l, neuron }) if l + 1 == layer && neuron == from);
        let largest = walk
            .layers
            .iter()
            .flat_map(|l| l.weights.iter().flatten())
            .fold(1e-9_f64, |m, w| m.max(w.abs()));

        // Edges, faded unless lit.
        for (l, layer) in walk.layers.iter().enumerate() {
            for (to, weights) in layer.weights.iter().enumerate() {
                for (from, &weight) in weights.iter().enumerate() {
                    let (a, b) = (pixel(at(l, from)), pixel(at(l + 1, to)));
                    let base = if weight >= 0.0 { BLUE } else { ORANGE };
                    let strength = (weight.abs() / largest).sqrt();
                    let (color, width) = if lit_out(l, to) {
                        (VERMILLION.mix(1.0), 3.0)
                    } else if lit_in(l, to) {
                        (base.mix(0.95), 1.0 + 3.0 * strength)
                    } else if current.is_some() {
                        (base.mix(0.12), 1.0)
                    } else {
                        (base.mix(0.25 + 0.6 * strength), 1.0 + 2.0 * strength)
                    };
                    let style = color.stroke_width((width * frame.font as f64 / 14.0).max(1.0) as u32);
                    root.draw(&PathElement::new(vec![a, b], style)).map_err(draw_error)?;
                }
            }
        }

        // Nodes: the inputs with their values, then each neuron with a = f(z)
        // once its forward stage is shown, and ∂L/∂z once its backward one is.
        // a above a node, ∂L/∂z below it (in the colour of the backward pass).
        // The numbers on white, so that no edge strikes through them.
        let above = text(&frame, label / font).pos(Pos::new(HPos::Center, VPos::Bottom));
        let below = text(&frame, label / font)
            .color(&VERMILLION)
            .pos(Pos::new(HPos::Center, VPos::Top));
        let gap = radius as i32 + 2;
        // Crowded columns label only the nodes the current stage reads.
        for (i, &v) in walk.input.iter().enumerate() {
            let c = pixel(at(0, i));
            let reads_it = matches!(
                current,
                Some(Stage::Forward { layer: 0, .. }) | Some(Stage::Backward { layer: 0, .. })
            );
            node(&root, c, radius, reads_it, false)?;
            if room || reads_it {
                on_white(&root, short(v), (c.0, c.1 - gap), &above)?;
            }
            if let Some(name) = names.get(i).cloned() {
                let style = text(&frame, label / font).pos(Pos::new(HPos::Right, VPos::Center));
                root.draw(&Text::new(name, (c.0 - radius as i32 - 4, c.1), style))
                    .map_err(draw_error)?;
            }
        }
        for (l, layer) in walk.layers.iter().enumerate() {
            for j in 0..layer.z.len() {
                let c = pixel(at(l + 1, j));
                let forward = self.stage_of(Stage::Forward { layer: l, neuron: j }) < self.shown;
                let backward = self.stage_of(Stage::Backward { layer: l, neuron: j }) < self.shown;
                let is_current = matches!(current, Some(Stage::Forward { layer, neuron }) | Some(Stage::Backward { layer, neuron }) if layer == l && neuron == j);
                let reads_it = match current {
                    Some(Stage::Forward { layer, .. }) => layer == l + 1,
                    Some(Stage::Backward { layer, .. }) => l == layer + 1 || l + 1 == layer,
                    Some(Stage::Loss) => l + 1 == walk.layers.len(),
                    _ => false,
                };
                node(&root, c, radius, reads_it, is_current)?;
                let labelled = room || reads_it || is_current;
                if forward && labelled {
                    on_white(&root, short(layer.a[j]), (c.0, c.1 - gap), &above)?;
                }
                if backward && labelled {
                    on_white(&root, short(layer.d_z[j]), (c.0, c.1 + gap), &below)?;
                }
            }
        }
        // The loss, once computed.
        if self.stage_of(Stage::Loss) < self.shown {
            let (x, y) = (left + (columns - 1) as f64 * step_x, h / 2.0);
            let label = format!("{} = {}", words.loss, short(walk.loss));
            let style = text(&frame, 1.0).pos(Pos::new(HPos::Center, VPos::Center));
            root.draw(&Text::new(label, pixel((x, y)), style)).map_err(draw_error)?;
        }
        root.present().map_err(draw_error)?;
        Ok(())
    }
}

/// The head's prediction and loss for the walked point, as lines of parts:
/// text, numbers (`{"factor": v}` when it is a factor of a product, so a
/// negative one is put in parentheses) and words (`{"word": name}`).
fn head_lines(walk: &Walk) -> Value {
    let z = walk.layers.last().expect("an output layer").z[0];
    let (out, y, loss) = (walk.output[0], walk.target as f64, walk.loss);
    let target = 2.0 * y - 1.0;
    match walk.head {
        Head::Sigmoid => json!([
            ["ŷ = σ(z) = σ(", z, ") = ", out],
            ["L = −y·ln ŷ − (1 − y)·ln(1 − ŷ) = ", loss, ",  y = ", y],
        ]),
        Head::Tanh => json!([
            ["ŷ = tanh(z) = tanh(", z, ") = ", out],
            ["L = ½·(ŷ − t)² = ½·(", out, " − ", { "factor": target }, ")² = ", loss],
        ]),
        Head::Softmax => {
            let class = walk.target as usize;
            let mut probabilities: Vec<Value> = vec![json!("p = softmax(z) = (")];
            for (i, p) in walk.output.iter().enumerate() {
                if i > 0 {
                    probabilities.push(json!("; "));
                }
                probabilities.push(json!(p));
            }
            probabilities.push(json!(")"));
            json!([
                probabilities,
                [
                    format!("L = −ln p{} = −ln ", subscript(class + 1)),
                    walk.output[class],
                    " = ",
                    loss
                ],
            ])
        }
        Head::Identity => json!([
            ["ŷ = z = ", out],
            ["L = (ŷ − y)² = (", out, " − ", { "factor": y }, ")² = ", loss],
        ]),
    }
}

/// ∂L/∂z of output neuron `j`, from the head, as one line of parts (see [`head_lines`]).
fn head_delta(walk: &Walk, j: usize) -> Value {
    let out = walk.output[j];
    let y = walk.target as f64;
    let dz = walk.layers.last().expect("an output layer").d_z[j];
    match walk.head {
        Head::Sigmoid => json!(["∂L/∂z = ŷ − y = ", out, " − ", { "factor": y }, " = ", dz]),
        Head::Tanh => json!([
            "∂L/∂z = (ŷ − t)·(1 − ŷ²) = (", out, " − ", { "factor": 2.0 * y - 1.0 }, ")·(1 − ",
            { "factor": out }, "²) = ", dz
        ]),
        Head::Softmax => {
            let is_target = f64::from(u8::from(j == walk.target as usize));
            json!(["∂L/∂z = p − [", { "word": "isTarget" }, "] = ", out, " − ", is_target, " = ", dz])
        }
        Head::Identity => json!(["∂L/∂z = 2·(ŷ − y) = 2·(", out, " − ", { "factor": y }, ") = ", dz]),
    }
}

/// A whole number in subscript digits.
fn subscript(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| char::from_u32(0x2080 + c.to_digit(10).unwrap_or(0)).unwrap_or(c))
        .collect()
}

/// `word` at `at` in `style` (centred, above or below `at`) over a white box
/// a little larger than the text, which hides the edges beneath it.
fn on_white(root: &Area, word: String, at: (i32, i32), style: &TextStyle) -> Result<(), JsValue> {
    let (w, h) = root.estimate_text_size(&word, style).map_err(draw_error)?;
    let (w, h) = (w as i32, h as i32);
    let top = if matches!(style.pos.v_pos, VPos::Bottom) {
        at.1 - h
    } else {
        at.1
    };
    let pad = (h / 8).max(1);
    root.draw(&Rectangle::new(
        [(at.0 - w / 2 - pad, top - pad), (at.0 + w / 2 + pad, top + h + pad)],
        WHITE.filled(),
    ))
    .map_err(draw_error)?;
    root.draw(&Text::new(word, at, style.clone())).map_err(draw_error)?;
    Ok(())
}

/// A neuron: white, ringed grey when the current stage reads it, ringed
/// dark and thick when it is the current stage's.
fn node(root: &Area, c: (i32, i32), radius: f64, read: bool, current: bool) -> Result<(), JsValue> {
    let r = radius.round() as i32;
    let (ring, width) = match (current, read) {
        (true, _) => (INK, 4),
        (false, true) => (RGBColor(0x99, 0x99, 0x99), 2),
        _ => (RGBColor(0xBB, 0xBB, 0xBB), 1),
    };
    root.draw(&Circle::new(c, r, WHITE.filled())).map_err(draw_error)?;
    root.draw(&Circle::new(c, r, ring.stroke_width(width)))
        .map_err(draw_error)?;
    Ok(())
}

/// A number in at most three significant digits, with a true minus sign.
fn short(v: f64) -> String {
    crate::web::charts::tick(v)
}

/// The window around the points, with a margin.
fn window(points: &[[f32; 2]]) -> ((f64, f64), (f64, f64)) {
    let fold = |i: usize| {
        points.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), p| {
            (lo.min(p[i] as f64), hi.max(p[i] as f64))
        })
    };
    let pad = |(lo, hi): (f64, f64)| {
        if !lo.is_finite() {
            return (-1.0, 1.0);
        }
        let m = ((hi - lo) * 0.06).max(0.1);
        (lo - m, hi + m)
    };
    (pad(fold(0)), pad(fold(1)))
}

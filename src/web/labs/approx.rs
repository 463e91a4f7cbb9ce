//! The universal-approximation lab's handle: the target and the fit, the
//! pieces that add up to it with a handle on each neuron's kink and height,
//! and training by the engine.

use super::plot::{self, Dot, Line, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::Effect;
use crate::labs::approx::{ApproxLab, ApproxSettings, Target, REACH};
use crate::message::{Code, Message};
use crate::view::colormap::CLASS_COLORS;
use crate::web::charts::INK;
use crate::web::handle::js_error;
use crate::web::shapes::{figure, nullable, or_null};
use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

nullable!(ApproxHandle);

/// What the page shows beside the figures.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct ApproxReadouts {
    /// Mean squared error of the fit on the target; null when it is not a number.
    mse: Option<f64>,
    /// Training steps taken.
    steps: usize,
    neurons: usize,
    /// The largest gap between the engine's fit and the sum of the drawn pieces.
    sum_gap: Option<f64>,
    /// Why training stopped, if it did.
    halt: Option<Message>,
    /// The output bias c.
    bias: f32,
}

/// The words of the fit figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct ApproxFitWords {
    #[serde(flatten)]
    axes: AxisWords,
    /// The target's name in the legend (the curve, or the drawn points).
    target: String,
    fit: String,
}

/// The words of the pieces figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct ApproxPiecesWords {
    #[serde(flatten)]
    axes: AxisWords,
    /// The output bias's line in the legend.
    bias: String,
}

/// A handle of the pieces figure.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct ApproxHandle {
    neuron: usize,
    #[tsify(type = "\"kink\" | \"height\"")]
    part: &'static str,
}

/// Both figures' y axis.
const Y_RANGE: (f64, f64) = (-2.5, 2.5);
/// Samples of each drawn curve.
const CURVE: usize = 240;

/// The universal-approximation lab, for the page.
#[wasm_bindgen(js_name = ApproxLab)]
pub struct ApproxLabHandle {
    lab: ApproxLab,
    notices: Vec<Message>,
    /// Why training stopped, if it did.
    halt: Option<Message>,
    scratch: Option<HtmlCanvasElement>,
}

impl ApproxLabHandle {
    fn current(&self) -> ApproxSettings {
        self.lab.settings.clone()
    }

    fn apply(&mut self, next: ApproxSettings, _effect: Effect) {
        // A new activation restarts the neurons by hand: a ReLU's and a
        // sigmoid's pieces at the same weights look nothing alike.
        let mut next = next;
        if next.activation != self.lab.settings.activation {
            next.units = crate::labs::approx::spread(next.units.len(), next.activation);
            next.bias = 0.0;
        }
        self.lab.settings = next;
        self.lab.load();
        self.halt = None;
    }

    fn xs() -> Vec<f64> {
        (0..=CURVE)
            .map(|i| -REACH + 2.0 * REACH * i as f64 / CURVE as f64)
            .collect()
    }

    /// Neuron j's colour: the class palette, round again after six.
    fn color(j: usize) -> RGBColor {
        let [r, g, b] = CLASS_COLORS[j % CLASS_COLORS.len()];
        RGBColor(r, g, b)
    }
}

lab_settings!(ApproxLabHandle, ApproxLab, crate::labs::approx::Approx);

#[wasm_bindgen(js_class = ApproxLab)]
impl ApproxLabHandle {
    /// The lab from a link's `key=value&…` (the keys after `lab=approx`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> ApproxLabHandle {
        let (settings, notices) = opened::<crate::labs::approx::Approx>(query);
        ApproxLabHandle {
            lab: ApproxLab::new(settings),
            notices,
            halt: None,
            scratch: None,
        }
    }

    /// Back to hand-built: as many neurons, their kinks (or steps) spread
    /// over the inputs, with no height, and no output bias.
    pub fn spread(&mut self) {
        let mut next = self.current();
        next.units = crate::labs::approx::spread(next.units.len(), next.activation);
        next.bias = 0.0;
        self.apply(next, Effect::Live);
    }

    /// `steps` training steps with the engine. Returns false once training
    /// stopped (its parameters left their limits: see `readouts().halt`).
    pub fn train(&mut self, steps: u32) -> bool {
        for _ in 0..steps {
            if self.halt.is_some() {
                return false;
            }
            if !self.lab.train_step() {
                self.halt = Some(Message::new(Code::LabUnstable).with("steps", self.lab.steps));
            }
        }
        self.halt.is_none()
    }

    /// `{mse, steps, neurons, sumGap, halt}`: `sumGap` is the largest gap
    /// between the engine's fit and the sum of the drawn pieces.
    pub fn readouts(&self) -> ApproxReadouts {
        ApproxReadouts {
            mse: figure(self.lab.mse()),
            steps: self.lab.steps,
            neurons: self.lab.settings.units.len(),
            sum_gap: figure(self.lab.sum_gap(&Self::xs())),
            halt: self.halt.clone(),
            bias: self.lab.settings.bias,
        }
    }

    /// The target (a curve, or the drawn points) and the fit.
    /// `words`: `{x, y, target, fit}`.
    #[wasm_bindgen(js_name = drawFit)]
    pub fn draw_fit(&mut self, canvas: &HtmlCanvasElement, words: ApproxFitWords) -> Result<(), JsError> {
        let ApproxFitWords {
            axes,
            target: tw,
            fit: fw,
        } = words;
        let mut figure = Plot::new((-REACH, REACH), Y_RANGE, (&axes.x, &axes.y));
        let xs = Self::xs();
        let target = self.lab.settings.target;
        if target == Target::Drawn {
            figure.dots = self
                .lab
                .data()
                .iter()
                .map(|p| Dot {
                    at: (p[0], p[1]),
                    color: RGBColor(0x88, 0x88, 0x88),
                    size: 2.0,
                })
                .collect();
        } else {
            figure.lines.push(Line {
                points: xs.iter().map(|&x| (x, target.at(x))).collect(),
                color: RGBColor(0x99, 0x99, 0x99),
                width: 2.5,
                dashed: false,
            });
        }
        let fit = self.lab.fit(&xs);
        figure.lines.push(Line {
            points: xs.iter().copied().zip(fit).collect(),
            color: INK,
            width: 1.4,
            dashed: false,
        });
        figure.legend = vec![(tw, RGBColor(0x99, 0x99, 0x99)), (fw, INK)];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// Each neuron's piece v·f(w·x + b) in its colour, with a handle on its
    /// kink (or step) and one on its height, and the output bias c dashed.
    /// `words`: `{x, y, bias}`.
    #[wasm_bindgen(js_name = drawPieces)]
    pub fn draw_pieces(&mut self, canvas: &HtmlCanvasElement, words: ApproxPiecesWords) -> Result<(), JsError> {
        let axes = &words.axes;
        let mut figure = Plot::new((-REACH, REACH), Y_RANGE, (&axes.x, &axes.y));
        let xs = Self::xs();
        let c = self.lab.settings.bias as f64;
        figure.lines.push(Line {
            points: vec![(-REACH, c), (REACH, c)],
            color: RGBColor(0x88, 0x88, 0x88),
            width: 1.0,
            dashed: true,
        });
        for j in 0..self.lab.settings.units.len() {
            let color = Self::color(j);
            figure.lines.push(Line {
                points: xs.iter().map(|&x| (x, self.lab.piece(j, x))).collect(),
                color,
                width: 1.0,
                dashed: false,
            });
            for (at, size) in self.handles(j) {
                figure.dots.push(Dot { at, color, size });
            }
        }
        figure.legend = vec![(words.bias.clone(), RGBColor(0x88, 0x88, 0x88))];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// The handle of the pieces figure within `radius` pixels of (px, py):
    /// `{neuron, part: "kink" | "height"}`, or null.
    #[wasm_bindgen(js_name = handleAt)]
    pub fn handle_at(&self, canvas: &HtmlCanvasElement, px: f64, py: f64, radius: f64) -> Nullable<ApproxHandle> {
        let frame = plot::frame(canvas);
        let mut best: Option<(f64, usize, usize)> = None;
        for j in 0..self.lab.settings.units.len() {
            for (part, (at, _)) in self.handles(j).into_iter().enumerate() {
                let (hx, hy) = (frame.column_of(at.0, (-REACH, REACH)), frame.row_of(at.1, Y_RANGE));
                let d = (hx - px).hypot(hy - py);
                if d <= radius && best.is_none_or(|b| d < b.0) {
                    best = Some((d, j, part));
                }
            }
        }
        or_null(best.map(|(_, j, part)| ApproxHandle {
            neuron: j,
            part: ["kink", "height"][part],
        }))
    }

    /// Drags a handle to pixel (px, py) of the pieces figure: a kink moves
    /// along x (setting b), a height along y (setting v).
    #[wasm_bindgen(js_name = dragHandle)]
    pub fn drag_handle(&mut self, neuron: usize, part: &str, canvas: &HtmlCanvasElement, px: f64, py: f64) {
        if neuron >= self.lab.settings.units.len() {
            return;
        }
        let frame = plot::frame(canvas);
        let x = frame.value_at(px.clamp(0.0, f64::MAX), (-REACH, REACH));
        let y = frame.y_value_at(py, Y_RANGE);
        match (part, x, y) {
            ("kink", Some(x), _) => self.lab.move_kink(neuron, x),
            ("height", _, Some(y)) => self.lab.move_height(neuron, y),
            _ => {}
        }
        self.halt = None;
    }

    /// Adds a drawn point at pixel (px, py) of the fit figure, or removes
    /// the nearest one within `radius` pixels when `remove`. Switches the
    /// target to the drawn points. Returns false when no point was added
    /// (the most are drawn, or the pixel is outside the plot).
    #[wasm_bindgen(js_name = drawPoint)]
    pub fn draw_point(&mut self, canvas: &HtmlCanvasElement, px: f64, py: f64, radius: f64, remove: bool) -> bool {
        let frame = plot::frame(canvas);
        let mut next = self.current();
        if next.target != Target::Drawn {
            next.target = Target::Drawn;
            next.drawn.clear();
        }
        if remove {
            let near = next.drawn.iter().position(|p| {
                let (qx, qy) = (
                    frame.column_of(p[0] as f64, (-REACH, REACH)),
                    frame.row_of(p[1] as f64, Y_RANGE),
                );
                (qx - px).hypot(qy - py) <= radius
            });
            if let Some(i) = near {
                next.drawn.remove(i);
            }
        } else {
            let (Some(x), Some(y)) = (frame.value_at(px, (-REACH, REACH)), frame.y_value_at(py, Y_RANGE)) else {
                return false;
            };
            if next.drawn.len() >= crate::labs::approx::MAX_DRAWN {
                return false;
            }
            let round = |v: f64| ((v * 100.0).round() / 100.0) as f32;
            next.drawn.push([round(x), round(y)]);
            next.drawn.sort_by(|a, b| a[0].total_cmp(&b[0]));
        }
        let units = self.lab.settings.units.clone();
        let bias = self.lab.settings.bias;
        self.lab.settings = next;
        // Drawing changes the data, not the network.
        self.lab.settings.units = units;
        self.lab.settings.bias = bias;
        true
    }
}

impl ApproxLabHandle {
    /// Neuron j's two handles, kink first, each kept inside the figure.
    fn handles(&self, j: usize) -> [((f64, f64), f64); 2] {
        let inside = |x: f64, y: f64| (x.clamp(-REACH, REACH), y.clamp(Y_RANGE.0, Y_RANGE.1));
        let k = self.lab.kink(j);
        let [hx, hy] = self.lab.height_point(j);
        [(inside(k, self.lab.piece(j, k)), 2.0), (inside(hx, hy), 2.6)]
    }
}

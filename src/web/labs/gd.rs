//! The gradient-descent lab's handle: a surface, one or two runs on it.

use super::plot::{self, Dot, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::Effect;
use crate::labs::gd::{Critical, GdLab, GdSettings, Stationary};
use crate::message::Message;
use crate::view::field::Field;
use crate::web::charts::{GREEN, SKY, VERMILLION};
use crate::web::handle::js_error;
use crate::web::shapes::figure;
use plotters::style::RGBColor;
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Cells per side of the surface's heatmap.
const FIELD_SIZE: usize = 160;
/// Contour levels drawn.
const CONTOURS: usize = 14;
/// A minimum's marker: black, ringed in white.
const MINIMUM: RGBColor = RGBColor(0, 0, 0);
/// A saddle's (or maximum's) marker: Okabe–Ito bluish green, ringed in white.
const SADDLE: RGBColor = GREEN;
/// The runs' colours: Okabe–Ito vermillion, then sky blue.
const RUN_COLORS: [RGBColor; 2] = [VERMILLION, SKY];

/// The gradient-descent lab, for the page.
#[wasm_bindgen(js_name = GdLab)]
pub struct GdLabHandle {
    lab: GdLab,
    field: Field,
    contours: Vec<[[f64; 2]; 2]>,
    /// The stationary points on the map, marked on the surface.
    stationary: Vec<Stationary>,
    notices: Vec<Message>,
    scratch: Option<HtmlCanvasElement>,
}

/// A point where the gradient vanishes, as the page shows it.
#[derive(Serialize, Tsify)]
pub struct GdStationary {
    /// "minimum", "saddle" or "maximum".
    kind: &'static str,
    at: [f64; 2],
    loss: f64,
}

/// One run as the page shows it.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct GdRunReadout {
    optimizer: &'static str,
    at: [f32; 2],
    /// Null when it is not a number (a run that ran off).
    loss: Option<f64>,
    gradient: [f64; 2],
    steps: usize,
    halt: Option<Message>,
}

/// What the page shows beside the surface.
#[derive(Serialize, Tsify)]
#[tsify(into_wasm_abi)]
pub struct GdReadouts {
    /// L, ∂L/∂w1 and ∂L/∂w2 as formulas.
    formulas: [&'static str; 3],
    runs: Vec<GdRunReadout>,
    /// The stationary points on the map, in order of w1.
    stationary: Vec<GdStationary>,
}

/// The words of the surface figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct GdWords {
    #[serde(flatten)]
    axes: AxisWords,
    /// The gradient arrow's label.
    gradient: String,
    /// Each run's name, for the legend.
    runs: Vec<String>,
    /// The markers' labels: `{minimum, saddle, maximum}`.
    critical: CriticalWords,
}

/// The word for each kind of stationary point.
#[derive(Deserialize, Tsify)]
pub struct CriticalWords {
    minimum: String,
    saddle: String,
    maximum: String,
}

impl GdLabHandle {
    fn current(&self) -> GdSettings {
        self.lab.settings.clone()
    }

    fn apply(&mut self, next: GdSettings, _effect: Effect) {
        let before = (self.lab.settings.surface, self.lab.window());
        self.lab = GdLab::new(next);
        if before != (self.lab.settings.surface, self.lab.window()) {
            self.sample();
        }
    }

    /// The heatmap and contours of the current surface, over the lab's
    /// window, shaded around the values at its stationary points so that
    /// each shows.
    fn sample(&mut self) {
        let surface = self.lab.settings.surface;
        let (x, y) = self.lab.window();
        let window = ([x[0] as f64, x[1] as f64], [y[0] as f64, y[1] as f64]);
        self.stationary = self.lab.stationary_points();
        let levels: Vec<f64> = self.stationary.iter().map(|p| p.loss).collect();
        self.field = Field::sample(FIELD_SIZE, window, |w| surface.loss(w)).shaded_around(&levels);
        self.contours = self.field.contours(CONTOURS);
    }
}

lab_settings!(GdLabHandle, GdLab, crate::labs::gd::Gd);

#[wasm_bindgen(js_class = GdLab)]
impl GdLabHandle {
    /// The lab from a link's `key=value&…` (the keys after `lab=gd`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> GdLabHandle {
        let (settings, notices) = opened::<crate::labs::gd::Gd>(query);
        let mut handle = GdLabHandle {
            lab: GdLab::new(settings),
            field: Field::sample(1, ([0.0, 1.0], [0.0, 1.0]), |_| 0.0),
            contours: Vec::new(),
            stationary: Vec::new(),
            notices,
            scratch: None,
        };
        handle.sample();
        handle
    }

    /// `steps` steps of every run that can still move.
    pub fn step(&mut self, steps: u32) {
        for _ in 0..steps {
            self.lab.step();
        }
    }

    /// Both runs back at the start.
    pub fn reset(&mut self) {
        self.lab = GdLab::new(self.lab.settings.clone());
    }

    /// Whether every run has stopped (ran off, or reached its step limit).
    pub fn halted(&self) -> bool {
        self.lab.runs.iter().all(|r| r.halt.is_some())
    }

    /// `{formulas: [L, ∂L/∂w1, ∂L/∂w2], runs: [{optimizer, at, loss, gradient, steps, halt}]}`.
    pub fn readouts(&self) -> GdReadouts {
        let runs = self
            .lab
            .runs
            .iter()
            .map(|r| GdRunReadout {
                optimizer: r.kind.name(),
                at: r.at(),
                loss: figure(self.lab.loss(r.at())),
                gradient: self.lab.gradient(r.at()),
                steps: r.path.len() - 1,
                halt: r.halt.clone(),
            })
            .collect();
        let stationary = self
            .stationary
            .iter()
            .map(|p| GdStationary {
                kind: p.kind.name(),
                at: p.at,
                loss: p.loss,
            })
            .collect();
        GdReadouts {
            formulas: self.lab.settings.surface.formulas(),
            runs,
            stationary,
        }
    }

    /// Starts the runs again at the surface point under pixel (px, py) of
    /// the figure on `canvas`. Returns false outside the plot.
    #[wasm_bindgen(js_name = startAt)]
    pub fn start_at(&mut self, canvas: &HtmlCanvasElement, px: f64, py: f64) -> bool {
        let (x, y) = self.field.window;
        match plot::value_at(canvas, (x[0], x[1]), (y[0], y[1]), px, py) {
            Some([a, b]) => {
                // Two decimals: a start a link can carry and a student can read.
                let round = |v: f64| ((v * 100.0).round() / 100.0) as f32;
                self.lab.restart_at([round(a), round(b)]);
                true
            }
            None => false,
        }
    }

    /// Draws the surface, its contours, every run's path and the gradient at
    /// the first run's point. `words`: `{x, y, gradient, runs: [name, …]}`.
    pub fn draw(&mut self, canvas: &HtmlCanvasElement, words: GdWords) -> Result<(), JsError> {
        let (x, y) = self.field.window;
        let GdWords {
            axes,
            gradient,
            runs: names,
            critical,
        } = words;
        let mut figure = Plot::new((x[0], x[1]), (y[0], y[1]), (&axes.x, &axes.y));
        figure.heatmap = Some(&self.field);
        figure.contours = &self.contours;
        // The stationary points, labelled: a minimum's word above it, a
        // saddle's below (the lecture's two lie a fifth of a unit apart).
        let below = 0.06 * (y[1] - y[0]);
        for p in &self.stationary {
            let (word, color, drop) = match p.kind {
                Critical::Minimum => (&critical.minimum, MINIMUM, 0.0),
                Critical::Saddle => (&critical.saddle, SADDLE, below),
                Critical::Maximum => (&critical.maximum, SADDLE, 0.0),
            };
            figure.dots.push(Dot {
                at: (p.at[0], p.at[1]),
                color,
                size: 1.5,
            });
            figure
                .labels
                .push(((p.at[0], p.at[1] - drop), word.clone(), RGBColor(0xff, 0xff, 0xff)));
        }
        let inside = |p: [f32; 2]| {
            let (a, b) = (p[0] as f64, p[1] as f64);
            (x[0]..=x[1]).contains(&a) && (y[0]..=y[1]).contains(&b)
        };
        for (i, run) in self.lab.runs.iter().enumerate() {
            let color = RUN_COLORS[i % 2];
            // The path up to where it leaves the window (a run that runs off goes far).
            let points: Vec<(f64, f64)> = run
                .path
                .iter()
                .take_while(|p| inside(**p))
                .map(|p| (p[0] as f64, p[1] as f64))
                .collect();
            let last = points.last().copied();
            figure.path(points, color, 1.0, 0.8, i == 1);
            if let Some(at) = last {
                figure.dots.push(Dot { at, color, size: 2.0 });
            }
            if let Some(name) = names.get(i).cloned() {
                figure.legend.push((name, color));
            }
        }
        // The gradient at the first run's point, uphill: its length grows
        // with |∇L| up to a fifth of the window, it ends inside the window,
        // and it is gone where the gradient vanishes.
        if let Some(run) = self.lab.runs.first().filter(|r| inside(r.at())) {
            let at = run.at();
            let g = self.lab.gradient(at);
            let norm = (g[0] * g[0] + g[1] * g[1]).sqrt();
            if norm > 1e-3 && norm.is_finite() {
                let from = (at[0] as f64, at[1] as f64);
                let (ux, uy) = (g[0] / norm, g[1] / norm);
                let room = |p: f64, u: f64, [lo, hi]: [f64; 2]| match u {
                    u if u > 0.0 => (hi - p) / u,
                    u if u < 0.0 => (lo - p) / u,
                    _ => f64::INFINITY,
                };
                let reach = (0.2 * (x[1] - x[0]) * norm / (norm + 1.0))
                    .min(room(from.0, ux, x))
                    .min(room(from.1, uy, y));
                let to = (from.0 + ux * reach, from.1 + uy * reach);
                figure.arrows.push((from, to, RGBColor(0xff, 0xff, 0xff)));
                figure.labels.push((to, gradient, RGBColor(0xff, 0xff, 0xff)));
            }
        }
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }
}

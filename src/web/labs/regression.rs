//! The regression lab's handle: the table, its model, the MSE surface of a
//! line and the shop.

use super::plot::{self, Dot, Line, Plot};
use super::{lab_settings, opened, AxisWords};
use crate::config::Effect;
use crate::labs::regression::{
    shop_profit, Features, LineSurface, RegressionLab, RegressionSettings, COMPARE_STEPS, MAX_POINTS, SHOP,
};
use crate::message::Message;
use crate::view::field::Field;
use crate::web::charts::{BLUE, GREEN, VERMILLION};
use crate::web::handle::js_error;
use crate::web::shapes::{figure, nullable, or_null};
use plotters::style::{Color, RGBColor};
use serde::{Deserialize, Serialize};
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// The points: blue. Vermillion draws residuals, the descent and a loss; green a profit.
const POINTS: RGBColor = BLUE;
/// Near-black: the model.
const MODEL: RGBColor = RGBColor(0x22, 0x22, 0x22);
/// The model now on the MSE surface: reddish purple (Okabe and Ito's), a
/// colour the surface's blue-to-yellow map never takes.
const NOW: RGBColor = RGBColor(0xCC, 0x79, 0xA7);
/// Cells per side of the MSE surface's heatmap.
const FIELD_SIZE: usize = 120;

/// The MSE surface of a line over (w, b), its heatmap and its descent.
struct SurfaceView {
    surface: LineSurface,
    field: Field,
    contours: Vec<[[f64; 2]; 2]>,
}

impl SurfaceView {
    fn new(points: &[[f32; 2]], standardized: bool) -> SurfaceView {
        let surface = LineSurface::new(points, standardized);
        let field = Field::sample(FIELD_SIZE, surface.window, |p| surface.mse(p));
        let contours = field.contours(12);
        SurfaceView {
            surface,
            field,
            contours,
        }
    }
}

/// The regression lab, for the page.
#[wasm_bindgen(js_name = RegressionLab)]
pub struct RegressionLabHandle {
    lab: RegressionLab,
    /// The raw and the standardised surface, made when first drawn.
    surfaces: [Option<SurfaceView>; 2],
    notices: Vec<Message>,
    scratch: Option<HtmlCanvasElement>,
}

/// What the page shows beside the figures.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct RegressionReadouts {
    /// The model in the table's units: the weight of x, then of x² if used.
    weights: Vec<f64>,
    bias: f64,
    /// Mean squared error over the points (null without points).
    mse: Option<f64>,
    /// Descent steps since the last reset or fit.
    steps: usize,
    /// Why the last fit or step went wrong.
    halt: Option<Message>,
    points: usize,
    /// The shop: its weights and bias, the inputs and the predicted profit.
    shop_weights: [f64; 2],
    shop_bias: f64,
    profit: f64,
    /// What the page says about standardising, with its figures (null without points).
    notes: Option<StandardizingNotes>,
}

/// Raw and standardised inputs compared, each pair [raw, standardised],
/// and the sentences those figures allow.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct StandardizingNotes {
    /// Steps each descent of the comparison takes.
    steps: usize,
    /// Each one's best fixed step, 2/(λmax + λmin).
    best_step: [f64; 2],
    /// The MSE after `steps` steps at each one's best step.
    mse_after: [f64; 2],
    /// The shape of the line's MSE surface (null with x²: no surface over (w, b)).
    surface: Option<Message>,
    /// Which one gets closer to the bottom in the same steps.
    compare: Message,
    /// The learning rate as a share of each one's best step.
    rate: Message,
}

/// A point (x, y) of a figure, in its units.
#[derive(Serialize, Tsify)]
#[serde(transparent)]
#[tsify(into_wasm_abi)]
pub struct PlotPoint([f64; 2]);

nullable!(PlotPoint);

/// The words of the fit figure.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct RegressionFitWords {
    #[serde(flatten)]
    axes: AxisWords,
    points: String,
    model: String,
}

/// The words of the MSE surface figure: its axes, the descent, the model now and the bottom.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct SurfaceWords {
    w: String,
    b: String,
    path: String,
    bottom: String,
    now: String,
}

/// The words of the shop figure: its axes, and the loss, profit and break-even regions.
#[derive(Deserialize, Tsify)]
#[tsify(from_wasm_abi)]
pub struct ShopWords {
    x1: String,
    x2: String,
    loss: String,
    profit: String,
    even: String,
}

impl RegressionLabHandle {
    fn current(&self) -> RegressionSettings {
        self.lab.settings.clone()
    }

    fn apply(&mut self, next: RegressionSettings, effect: Effect) {
        let points_changed = next.points != self.lab.settings.points;
        match effect {
            Effect::Live => self.lab.settings = next,
            Effect::Reset => {
                let held = self.lab.held;
                self.lab = RegressionLab::new(next);
                self.lab.held = held;
            }
        }
        if points_changed {
            self.surfaces = [None, None];
        }
    }

    fn edit_points(&mut self, edit: impl FnOnce(&mut Vec<[f32; 2]>)) {
        let mut next = self.current();
        edit(&mut next.points);
        self.apply(next, Effect::Reset);
    }
}

lab_settings!(RegressionLabHandle, RegressionLab, crate::labs::regression::Regression);

#[wasm_bindgen(js_class = RegressionLab)]
impl RegressionLabHandle {
    /// The lab from a link's `key=value&…` (the keys after `lab=regression`).
    #[wasm_bindgen(constructor)]
    pub fn new(query: &str) -> RegressionLabHandle {
        let (settings, notices) = opened::<crate::labs::regression::Regression>(query);
        RegressionLabHandle {
            lab: RegressionLab::new(settings),
            surfaces: [None, None],
            notices,
            scratch: None,
        }
    }

    /// Least squares in closed form; the points' edits refit it from now on
    /// (the link's `fit=1`).
    pub fn fit(&mut self) {
        self.lab.fit_closed_form();
        self.lab.settings.fit = self.lab.halt.is_none();
    }

    /// `steps` steps of gradient descent on the MSE, from where the model is
    /// (the fit no longer follows the points).
    #[wasm_bindgen(js_name = gdStep)]
    pub fn gd_step(&mut self, steps: u32) {
        self.lab.settings.fit = false;
        for _ in 0..steps {
            self.lab.gd_step();
        }
    }

    /// Back to the zero model.
    pub fn reset(&mut self) {
        self.lab.settings.fit = false;
        self.lab.reset();
    }

    /// Holds the fit figure's axes where they are (while a point is
    /// dragged), or lets them follow the points again.
    #[wasm_bindgen(js_name = holdWindow)]
    pub fn hold_window(&mut self, on: bool) {
        self.lab.held = None;
        if on {
            self.lab.held = Some(self.lab.window());
        }
    }

    /// `{weights, bias, mse, steps, halt, points, shopWeights, shopBias, profit, notes}`.
    pub fn readouts(&self) -> RegressionReadouts {
        let (weights, bias) = self.lab.raw();
        let s = &self.lab.settings;
        RegressionReadouts {
            weights,
            bias,
            mse: figure(self.lab.mse()),
            steps: self.lab.steps,
            halt: self.lab.halt.clone(),
            points: s.points.len(),
            shop_weights: SHOP.0,
            shop_bias: SHOP.1,
            profit: shop_profit(s.visitors as f64, s.clicks as f64),
            notes: self.lab.notes().map(|n| StandardizingNotes {
                steps: COMPARE_STEPS,
                best_step: n.comparison.best_step,
                mse_after: n.comparison.mse_after,
                surface: n.surface,
                compare: n.compare,
                rate: n.rate,
            }),
        }
    }

    /// The point (x, y) under pixel (px, py) of the fit figure on `canvas`, or null.
    #[wasm_bindgen(js_name = pointAt)]
    pub fn point_at(&self, canvas: &HtmlCanvasElement, px: f64, py: f64) -> Nullable<PlotPoint> {
        let (x, y) = self.lab.window();
        or_null(plot::value_at(canvas, (x[0] as f64, x[1] as f64), (y[0] as f64, y[1] as f64), px, py).map(PlotPoint))
    }

    /// The index of the point within `radius` pixels of (px, py) on the fit
    /// figure on `canvas`, the nearest; −1 when none is.
    #[wasm_bindgen(js_name = pointNear)]
    pub fn point_near(&self, canvas: &HtmlCanvasElement, px: f64, py: f64, radius: f64) -> i32 {
        let (x, y) = self.lab.window();
        let frame = crate::web::charts::frame_of(canvas);
        let to_px = |p: [f32; 2]| {
            (
                frame.column_of(p[0] as f64, (x[0] as f64, x[1] as f64)),
                frame.row_of(p[1] as f64, (y[0] as f64, y[1] as f64)),
            )
        };
        self.lab
            .settings
            .points
            .iter()
            .enumerate()
            .map(|(i, &p)| {
                let (qx, qy) = to_px(p);
                (i, ((qx - px).powi(2) + (qy - py).powi(2)).sqrt())
            })
            .filter(|&(_, d)| d <= radius)
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map_or(-1, |(i, _)| i as i32)
    }

    /// Adds a point (rounded to tenths). Returns false when the lab holds the most it may.
    #[wasm_bindgen(js_name = addPoint)]
    pub fn add_point(&mut self, x: f64, y: f64) -> bool {
        if self.lab.settings.points.len() >= MAX_POINTS {
            return false;
        }
        let p = [round_tenth(x), round_tenth(y)];
        self.edit_points(|points| points.push(p));
        true
    }

    /// Moves point `i` to (x, y) (rounded to tenths).
    #[wasm_bindgen(js_name = movePoint)]
    pub fn move_point(&mut self, i: usize, x: f64, y: f64) {
        if i < self.lab.settings.points.len() {
            let p = [round_tenth(x), round_tenth(y)];
            self.edit_points(|points| points[i] = p);
        }
    }

    /// Removes point `i`.
    #[wasm_bindgen(js_name = removePoint)]
    pub fn remove_point(&mut self, i: usize) {
        if i < self.lab.settings.points.len() {
            self.edit_points(|points| {
                points.remove(i);
            });
        }
    }

    /// The points as the table of points lists them: x₁, y of each, one after the other.
    #[wasm_bindgen(js_name = pointList)]
    pub fn point_list(&self) -> Vec<f32> {
        self.lab.settings.points.iter().flatten().copied().collect()
    }

    /// The points, the model's curve and each point's residual.
    /// `words`: `{x, y, points, model}`.
    #[wasm_bindgen(js_name = drawFit)]
    pub fn draw_fit(&mut self, canvas: &HtmlCanvasElement, words: RegressionFitWords) -> Result<(), JsError> {
        let (x, y) = self.lab.window();
        let RegressionFitWords { axes, points, model } = words;
        let mut figure = Plot::new(
            (x[0] as f64, x[1] as f64),
            (y[0] as f64, y[1] as f64),
            (&axes.x, &axes.y),
        );
        let samples = 200;
        let curve: Vec<(f64, f64)> = (0..=samples)
            .map(|i| {
                let v = x[0] as f64 + (x[1] - x[0]) as f64 * i as f64 / samples as f64;
                (v, self.lab.predict(v))
            })
            .filter(|p| p.1.is_finite())
            .collect();
        for p in &self.lab.settings.points {
            let (px, py) = (p[0] as f64, p[1] as f64);
            let fit = self.lab.predict(px);
            if fit.is_finite() {
                figure
                    .segments
                    .push(((px, py), (px, fit.clamp(y[0] as f64, y[1] as f64)), VERMILLION));
            }
            figure.dots.push(Dot {
                at: (px, py),
                color: POINTS,
                size: 2.2,
            });
        }
        figure.lines.push(Line {
            points: curve,
            color: MODEL,
            width: 1.3,
            dashed: false,
        });
        figure.legend = vec![(points, POINTS), (model, MODEL)];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// The MSE of a line over (w, b), on standardised x when the lab's
    /// `standardize` is on and on raw x when not, with the bottom, the path
    /// the lab's descent has taken since its last reset or fit, and the model
    /// now. With x² there is no such surface: nothing is drawn (the page says
    /// so in words). `words`: `{w, b, path, bottom, now}`.
    #[wasm_bindgen(js_name = drawSurface)]
    pub fn draw_surface(&mut self, canvas: &HtmlCanvasElement, words: SurfaceWords) -> Result<(), JsError> {
        if self.lab.settings.features != Features::X {
            return Ok(());
        }
        let standardized = self.lab.settings.standardize;
        let slot = usize::from(standardized);
        if self.surfaces[slot].is_none() {
            self.surfaces[slot] = Some(SurfaceView::new(&self.lab.settings.points, standardized));
        }
        let view = self.surfaces[slot].as_ref().expect("made above");
        let SurfaceWords {
            w: tw,
            b: tb,
            path: path_word,
            bottom,
            now,
        } = words;
        let (x, y) = view.field.window;
        let mut figure = Plot::new((x[0], x[1]), (y[0], y[1]), (&tw, &tb));
        figure.heatmap = Some(&view.field);
        figure.contours = &view.contours;
        // The lab's model is a point of this surface: it trains in the same units.
        let model = (self.lab.fit.weights[0], self.lab.fit.bias);
        let mut path: Vec<(f64, f64)> = self.lab.path.iter().map(|p| (p[0], p[1])).collect();
        if path.last() != Some(&model) {
            path.push(model);
        }
        figure.lines.push(Line {
            points: path,
            color: VERMILLION,
            width: 1.0,
            dashed: false,
        });
        figure.dots.push(Dot {
            at: (view.surface.optimum[0], view.surface.optimum[1]),
            color: RGBColor(0xff, 0xff, 0xff),
            size: 2.0,
        });
        let inside = |v: f64, r: [f64; 2]| v >= r[0] && v <= r[1];
        if inside(model.0, x) && inside(model.1, y) {
            figure.dots.push(Dot {
                at: model,
                color: NOW,
                size: 3.0,
            });
        }
        figure.legend = vec![
            (path_word, VERMILLION),
            (now, NOW),
            (bottom, RGBColor(0xff, 0xff, 0xff)),
        ];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }

    /// The shop's plane of visitors and click-throughs: where it loses
    /// money, the break-even line 50·x1 + 20·x2 = 300, and today's point.
    /// `words`: `{x1, x2, loss, profit, even}`.
    #[wasm_bindgen(js_name = drawShop)]
    pub fn draw_shop(&mut self, canvas: &HtmlCanvasElement, words: ShopWords) -> Result<(), JsError> {
        let ShopWords {
            x1: t1,
            x2: t2,
            loss,
            profit: profit_word,
            even,
        } = words;
        let (x_max, y_max) = (20.0, 40.0);
        let mut figure = Plot::new((0.0, x_max), (0.0, y_max), (&t1, &t2));
        let ([w1, w2], b) = SHOP;
        // The break-even line x2 = (−b − w1·x1)/w2 meets the axes at (−b/w1, 0) and (0, −b/w2).
        let (ex, ey) = (-b / w1, -b / w2);
        figure
            .areas
            .push((vec![(0.0, 0.0), (ex, 0.0), (0.0, ey)], VERMILLION.mix(0.18)));
        figure.areas.push((
            vec![(ex, 0.0), (x_max, 0.0), (x_max, y_max), (0.0, y_max), (0.0, ey)],
            GREEN.mix(0.15),
        ));
        figure.lines.push(Line {
            points: vec![(0.0, ey), (ex, 0.0)],
            color: MODEL,
            width: 1.2,
            dashed: true,
        });
        let s = &self.lab.settings;
        let profit = shop_profit(s.visitors as f64, s.clicks as f64);
        figure.dots.push(Dot {
            at: (s.visitors as f64, s.clicks as f64),
            color: if profit < 0.0 { VERMILLION } else { GREEN },
            size: 3.0,
        });
        figure.legend = vec![(loss, VERMILLION), (profit_word, GREEN), (even, MODEL)];
        plot::draw(canvas, &figure, &mut self.scratch).map_err(js_error)
    }
}

/// A coordinate rounded to tenths, for a link a student can read.
fn round_tenth(v: f64) -> f32 {
    ((v * 10.0).round() / 10.0) as f32
}

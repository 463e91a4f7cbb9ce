//! Linear regression on the lecture's table: least squares in closed form
//! or by gradient descent on the mean squared error, with the feature x²
//! that makes the table exactly linear, the model written in the table's
//! own units, the MSE surface of a line (a valley on raw inputs, a bowl on
//! standardised ones), and the lecture's shop model.

use crate::config::table::{flag, join, slider, ticks, Configurable, Group, Kind, Setting};
use crate::config::Effect;
use crate::data::datasets::LECTURE_TABLE;
use crate::message::{Code, Message};

/// The inputs a model has beside its bias.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Features {
    /// x alone: a line.
    X,
    /// x and x²: a parabola, linear in its features.
    XSquared,
}

named_enum!(Features, "features", [X => "x", XSquared => "x,x2"]);

impl Features {
    /// Number of features.
    pub fn len(self) -> usize {
        match self {
            Features::X => 1,
            Features::XSquared => 2,
        }
    }

    /// Whether there is no feature (never: a model has at least x).
    pub fn is_empty(self) -> bool {
        false
    }

    /// The features of input x.
    pub fn of(self, x: f64) -> [f64; 2] {
        [x, x * x]
    }
}

/// The most points the lab holds.
pub const MAX_POINTS: usize = 50;
/// Largest |coordinate| of a point.
pub const MAX_COORDINATE: f32 = 1000.0;
/// Learning rates offered.
const RATES: &[f32] = &[1e-6, 1e-5, 3e-5, 1e-4, 3e-4, 1e-3, 0.01, 0.03, 0.1, 0.3, 0.5];

/// The lab's settings, one row each of [`REGRESSION_SETTINGS`].
#[derive(Clone, Debug, PartialEq)]
pub struct RegressionSettings {
    /// The points (x, y) fitted: all of them, no test split.
    pub points: Vec<[f32; 2]>,
    /// The model's inputs.
    pub features: Features,
    /// Standardise each feature with the points' mean and deviation before fitting.
    pub standardize: bool,
    /// Gradient descent's learning rate.
    pub learning_rate: f32,
    /// The shop's visitors x1.
    pub visitors: u32,
    /// The shop's e-shop click-throughs x2.
    pub clicks: u32,
    /// The model is the least-squares fit, refitted as the points change
    /// (off: the model is where gradient descent left it).
    pub fit: bool,
}

impl Default for RegressionSettings {
    fn default() -> Self {
        RegressionSettings {
            points: LECTURE_TABLE.iter().map(|&(x, y)| [x, y]).collect(),
            features: Features::X,
            standardize: false,
            learning_rate: 1e-4,
            visitors: 4,
            clicks: 6,
            fit: false,
        }
    }
}

/// A row of the table.
type Row = Setting<RegressionSettings>;

/// Every setting of the lab, in link order.
pub static REGRESSION_SETTINGS: &[Row] = &[
    Row::new(
        "data",
        Group::Regression,
        Kind::Points {
            most: MAX_POINTS,
            min: -MAX_COORDINATE,
            max: MAX_COORDINATE,
        },
        Effect::Reset,
        |s| {
            join(
                &s.points
                    .iter()
                    .map(|p| crate::config::table::point_text(*p, ':'))
                    .collect::<Vec<_>>(),
            )
        },
        |s, v| s.points = v.points(),
    ),
    Row::new(
        "features",
        Group::Regression,
        Kind::Choice {
            options: &Features::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.features.to_string(),
        |s, v| s.features = v.named(),
    ),
    Row::new(
        "standardize",
        Group::Regression,
        Kind::Flag,
        Effect::Reset,
        |s| flag(s.standardize),
        |s, v| s.standardize = v.flag(),
    ),
    Row::new(
        "lr",
        Group::Regression,
        ticks(1e-7, 1.0, RATES),
        Effect::Live,
        |s| s.learning_rate.to_string(),
        |s, v| s.learning_rate = v.real(),
    ),
    Row::new(
        "fit",
        Group::Fit,
        Kind::Flag,
        Effect::Reset,
        |s| flag(s.fit),
        |s, v| s.fit = v.flag(),
    ),
    Row::new(
        "visitors",
        Group::Shop,
        slider(0.0, 20.0, 1.0),
        Effect::Live,
        |s| s.visitors.to_string(),
        |s, v| s.visitors = v.real().round() as u32,
    ),
    Row::new(
        "clicks",
        Group::Shop,
        slider(0.0, 40.0, 1.0),
        Effect::Live,
        |s| s.clicks.to_string(),
        |s, v| s.clicks = v.real().round() as u32,
    ),
];

impl Configurable for RegressionSettings {
    fn table() -> &'static [Setting<RegressionSettings>] {
        REGRESSION_SETTINGS
    }
}

/// The linear-regression lab, in the registry ([`crate::labs::each`]).
pub struct Regression;

impl crate::labs::Lab for Regression {
    const NAME: &'static str = "regression";
    const HANDLE: &'static str = "RegressionLab";
    const EXAMPLE: &'static str = "data=1:3,5:51,2.5:-4&features=x,x2&standardize=1&lr=0.01&visitors=3&clicks=9";
    type Settings = RegressionSettings;
}

/// The lecture's shop: profit ŷ = 50·x1 + 20·x2 − 300 from visitors x1
/// and e-shop click-throughs x2.
pub const SHOP: ([f64; 2], f64) = ([50.0, 20.0], -300.0);

/// The shop's predicted profit.
pub fn shop_profit(visitors: f64, clicks: f64) -> f64 {
    SHOP.0[0] * visitors + SHOP.0[1] * clicks + SHOP.1
}

/// A linear model's parameters in the units it was fitted in: one weight a
/// feature, then the bias.
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Weights, one a feature.
    pub weights: Vec<f64>,
    /// The bias.
    pub bias: f64,
}

/// Each feature's mean μ and deviation σ over the points (σ = 1 for a constant one).
#[derive(Clone, Debug, PartialEq)]
pub struct Scaling {
    /// μ of each feature.
    pub mean: Vec<f64>,
    /// σ of each feature.
    pub std: Vec<f64>,
}

/// The lab: the points, the model and its training.
#[derive(Clone, Debug)]
pub struct RegressionLab {
    /// The settings.
    pub settings: RegressionSettings,
    /// The model, in the units it is trained in (standardised or raw).
    pub fit: Fit,
    /// How features are scaled for training (identity when not standardising).
    pub scaling: Scaling,
    /// Gradient-descent steps taken since the last reset or closed-form fit.
    pub steps: usize,
    /// Why descent stopped (converged or blew up) or the last fit failed, if it did.
    pub halt: Option<Message>,
    /// The window held while a point is dragged, so the axes stay put under the pointer.
    pub held: Option<([f32; 2], [f32; 2])>,
    /// The models descent visited since the last reset or fit, (weight of
    /// the first feature, bias) in the units trained in, the first the start:
    /// every `path_stride`-th step, thinned to at most [`PATH_POINTS`].
    pub path: Vec<[f64; 2]>,
    path_stride: usize,
}

/// The most models of a descent's path the lab keeps: past it, every other
/// one is dropped and the path keeps every other step from then on.
pub const PATH_POINTS: usize = 2048;

impl RegressionLab {
    /// The lab with a zero model.
    pub fn new(settings: RegressionSettings) -> RegressionLab {
        let k = settings.features.len();
        let mut lab = RegressionLab {
            fit: Fit {
                weights: vec![0.0; k],
                bias: 0.0,
            },
            scaling: Scaling {
                mean: vec![0.0; k],
                std: vec![1.0; k],
            },
            settings,
            steps: 0,
            halt: None,
            held: None,
            path: vec![[0.0, 0.0]],
            path_stride: 1,
        };
        lab.scaling = lab.fitted_scaling();
        if lab.settings.fit {
            lab.fit_closed_form();
        }
        lab
    }

    /// The path starts again at the model as it is.
    fn restart_path(&mut self) {
        self.path = vec![[self.fit.weights[0], self.fit.bias]];
        self.path_stride = 1;
    }

    /// Records the model after a step in the path, thinning it when full.
    fn record_step(&mut self) {
        if !self.steps.is_multiple_of(self.path_stride) {
            return;
        }
        if self.path.len() >= PATH_POINTS {
            let mut i = 0;
            self.path.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.path_stride *= 2;
            if !self.steps.is_multiple_of(self.path_stride) {
                return;
            }
        }
        self.path.push([self.fit.weights[0], self.fit.bias]);
    }

    /// The features of every point, as the model sees them (scaled), and the targets.
    fn design(&self) -> (Vec<Vec<f64>>, Vec<f64>) {
        let k = self.settings.features.len();
        let rows = self
            .settings
            .points
            .iter()
            .map(|p| {
                let f = self.settings.features.of(p[0] as f64);
                (0..k)
                    .map(|j| (f[j] - self.scaling.mean[j]) / self.scaling.std[j])
                    .collect()
            })
            .collect();
        (rows, self.settings.points.iter().map(|p| p[1] as f64).collect())
    }

    fn fitted_scaling(&self) -> Scaling {
        let k = self.settings.features.len();
        if !self.settings.standardize || self.settings.points.is_empty() {
            return Scaling {
                mean: vec![0.0; k],
                std: vec![1.0; k],
            };
        }
        let n = self.settings.points.len() as f64;
        let features: Vec<[f64; 2]> = self
            .settings
            .points
            .iter()
            .map(|p| self.settings.features.of(p[0] as f64))
            .collect();
        let mean: Vec<f64> = (0..k).map(|j| features.iter().map(|f| f[j]).sum::<f64>() / n).collect();
        let std = (0..k)
            .map(|j| {
                let var = features.iter().map(|f| (f[j] - mean[j]).powi(2)).sum::<f64>() / n;
                if var > 1e-24 {
                    var.sqrt()
                } else {
                    1.0
                }
            })
            .collect();
        Scaling { mean, std }
    }

    /// The model's prediction at input x.
    pub fn predict(&self, x: f64) -> f64 {
        let (w, b) = self.raw();
        let f = self.settings.features.of(x);
        b + w.iter().zip(f).map(|(w, f)| w * f).sum::<f64>()
    }

    /// Mean squared error over the points.
    pub fn mse(&self) -> f64 {
        let n = self.settings.points.len();
        if n == 0 {
            return f64::NAN;
        }
        let sum: f64 = self
            .settings
            .points
            .iter()
            .map(|p| (self.predict(p[0] as f64) - p[1] as f64).powi(2))
            .sum();
        sum / n as f64
    }

    /// The model in the table's own units, y = Σ wⱼ·featureⱼ(x) + b, however
    /// it was trained: w = w′/σ and b = b′ − Σ w′·μ/σ undo standardisation.
    pub fn raw(&self) -> (Vec<f64>, f64) {
        let s = &self.scaling;
        let w: Vec<f64> = self.fit.weights.iter().zip(&s.std).map(|(w, sd)| w / sd).collect();
        let b = self.fit.bias
            - self
                .fit
                .weights
                .iter()
                .zip(&s.mean)
                .zip(&s.std)
                .map(|((w, m), sd)| w * m / sd)
                .sum::<f64>();
        (w, b)
    }

    /// Least squares in closed form: the normal equations XᵀX·θ = Xᵀy
    /// solved by Gaussian elimination, in f64. Without enough distinct points
    /// the model stays as it was and `halt` says why.
    pub fn fit_closed_form(&mut self) {
        let (rows, y) = self.design();
        let k = self.settings.features.len() + 1;
        // Each column scaled to at most 1 in size, so that x and x² of large
        // x are equally well conditioned; θ is scaled back at the end.
        let column_scale: Vec<f64> = (0..k)
            .map(|j| {
                let largest = rows
                    .iter()
                    .map(|r| r.get(j).copied().unwrap_or(1.0).abs())
                    .fold(0.0_f64, f64::max);
                if largest > 0.0 {
                    largest
                } else {
                    1.0
                }
            })
            .collect();
        // Augmented [XᵀX | Xᵀy], with a column of ones for the bias last.
        let mut a = vec![vec![0.0_f64; k + 1]; k];
        for (row, &t) in rows.iter().zip(&y) {
            let x: Vec<f64> = row
                .iter()
                .copied()
                .chain([1.0])
                .zip(&column_scale)
                .map(|(v, s)| v / s)
                .collect();
            for i in 0..k {
                for j in 0..k {
                    a[i][j] += x[i] * x[j];
                }
                a[i][k] += x[i] * t;
            }
        }
        let scale = a
            .iter()
            .map(|r| r[..k].iter().fold(0.0_f64, |m, v| m.max(v.abs())))
            .fold(0.0, f64::max);
        for col in 0..k {
            let pivot = (col..k)
                .max_by(|&p, &q| a[p][col].abs().total_cmp(&a[q][col].abs()))
                .expect("rows");
            if a[pivot][col].abs() <= 1e-10 * scale.max(1e-300) {
                let mut xs: Vec<f32> = self.settings.points.iter().map(|p| p[0]).collect();
                xs.sort_by(f32::total_cmp);
                xs.dedup();
                self.halt = Some(
                    Message::new(Code::LabSingular)
                        .with("points", xs.len())
                        .with("unknowns", k),
                );
                return;
            }
            a.swap(col, pivot);
            for r in 0..k {
                if r != col {
                    let f = a[r][col] / a[col][col];
                    for c in col..=k {
                        a[r][c] -= f * a[col][c];
                    }
                }
            }
        }
        let theta: Vec<f64> = (0..k).map(|i| a[i][k] / a[i][i] / column_scale[i]).collect();
        self.fit = Fit {
            weights: theta[..k - 1].to_vec(),
            bias: theta[k - 1],
        };
        self.steps = 0;
        self.halt = None;
        self.restart_path();
    }

    /// One step of gradient descent on the MSE, over all points:
    /// θ ← θ − α·(2/n)·Xᵀ(Xθ − y), with the setting's α.
    pub fn gd_step(&mut self) {
        self.step_at(self.settings.learning_rate as f64);
    }

    /// One step of gradient descent with learning rate `lr`.
    fn step_at(&mut self, lr: f64) {
        // A failed closed-form fit does not stop descent; descent's own halts do.
        if self.halt.as_ref().is_some_and(|m| m.code == Code::LabSingular) {
            self.halt = None;
        }
        let (rows, y) = self.design();
        let n = rows.len();
        if n == 0 || self.halt.is_some() {
            return;
        }
        let k = self.fit.weights.len();
        let (gw, gb) = mse_gradient(rows.iter().map(Vec::as_slice).zip(y), &self.fit.weights, self.fit.bias);
        for j in 0..k {
            self.fit.weights[j] -= lr * gw[j];
        }
        self.fit.bias -= lr * gb;
        self.steps += 1;
        self.record_step();
        let finite = self.fit.bias.is_finite() && self.fit.weights.iter().all(|w| w.is_finite() && w.abs() < 1e30);
        // Converged when the step no longer changes the model in its 12th digit.
        let size = self.fit.bias.abs() + self.fit.weights.iter().map(|w| w.abs()).sum::<f64>();
        let step = lr * (gb.abs() + gw.iter().map(|g| g.abs()).sum::<f64>());
        if !finite {
            self.halt = Some(Message::new(Code::LabUnstable).with("steps", self.steps));
        } else if step <= 1e-12 * (1.0 + size) {
            self.halt = Some(Message::new(Code::LabConverged).with("steps", self.steps));
        }
    }

    /// Back to the zero model, with the scaling of the current points.
    pub fn reset(&mut self) {
        *self = RegressionLab::new(self.settings.clone());
    }

    /// The window drawn around the points: [x range] and [y range], with room.
    pub fn window(&self) -> ([f32; 2], [f32; 2]) {
        if let Some(held) = self.held {
            return held;
        }
        let pts = &self.settings.points;
        if pts.is_empty() {
            return ([0.0, 12.0], [-20.0, 300.0]);
        }
        let (mut x0, mut x1, mut y0, mut y1) = (0.0_f32, 1.0_f32, 0.0_f32, 1.0_f32);
        for p in pts {
            x0 = x0.min(p[0]);
            x1 = x1.max(p[0]);
            y0 = y0.min(p[1]);
            y1 = y1.max(p[1]);
        }
        let (dx, dy) = ((x1 - x0) * 0.08 + 0.5, (y1 - y0) * 0.08 + 1.0);
        ([x0 - dx, x1 + dx], [y0 - dy, y1 + dy])
    }
}

/// Steps each descent of the page's comparison of raw and standardised inputs takes.
pub const COMPARE_STEPS: usize = 30;

/// A surface whose bottom is at most this many times longer than wide is called round.
pub const ROUND: f64 = 1.5;

/// A valley longer than this for its width is not measured further: its
/// floor is all but flat, and λ_min is within rounding of λ_max's size.
pub const LONGEST: f64 = 1000.0;

/// A learning rate whose shares of the two best steps are within this factor
/// of each other is called fair to both.
pub const FAIR: f64 = 2.0;

/// The MSE of the lab's model with raw and with standardised inputs: its
/// curvature, and gradient descent from the zero model at each one's own
/// best fixed step. Each pair is [raw, standardised].
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The extreme eigenvalues (λ_max, λ_min) of the MSE's Hessian
    /// (2/n)·XᵀX over the features and the bias.
    pub curvature: [(f64, f64); 2],
    /// The best fixed step of gradient descent on a quadratic, 2/(λ_max + λ_min):
    /// it shrinks the error along both extreme directions alike.
    pub best_step: [f64; 2],
    /// The MSE after [`COMPARE_STEPS`] steps at the best step.
    pub mse_after: [f64; 2],
    /// The MSE of the zero model, where both start.
    pub start: f64,
}

impl Comparison {
    /// How many times longer than wide the MSE's bottom is, √(λ_max/λ_min),
    /// of the raw (0) or the standardised (1) inputs; infinite when the
    /// bottom is flat along a direction (λ_min within rounding of 0).
    pub fn elongation(&self, which: usize) -> f64 {
        let (max, min) = self.curvature[which];
        if min <= 1e-12 * max {
            f64::INFINITY
        } else {
            (max / min).sqrt()
        }
    }
}

/// What the page says about the inputs, each sentence chosen by the figures it states.
#[derive(Clone, Debug, PartialEq)]
pub struct Notes {
    /// The figures the sentences state.
    pub comparison: Comparison,
    /// The shape of the line's MSE as trained (raw or standardised); none
    /// with x², whose model has three parameters and no surface over (w, b).
    pub surface: Option<Message>,
    /// Which descent of the comparison gets closer to the bottom in the same steps.
    pub compare: Message,
    /// The setting's learning rate as a share of each one's best step.
    pub rate: Message,
}

/// `v` rounded to `digits` significant digits, as the page writes it.
pub fn significant(v: f64, digits: i32) -> f64 {
    if v == 0.0 || !v.is_finite() {
        return v;
    }
    let scale = 10f64.powi(digits - 1 - v.abs().log10().floor() as i32);
    if !scale.is_finite() || scale == 0.0 {
        return v;
    }
    (v * scale).round() / scale
}

impl RegressionLab {
    /// The extreme eigenvalues (λ_max, λ_min) of the MSE's Hessian
    /// (2/n)·XᵀX, X the features as trained with a column of ones for the bias.
    pub fn curvature(&self) -> (f64, f64) {
        let (rows, _) = self.design();
        let n = rows.len().max(1) as f64;
        let k = self.settings.features.len() + 1;
        let mut h = vec![vec![0.0; k]; k];
        for row in &rows {
            let x: Vec<f64> = row.iter().copied().chain([1.0]).collect();
            for i in 0..k {
                for j in 0..k {
                    h[i][j] += 2.0 * x[i] * x[j] / n;
                }
            }
        }
        let eigen = symmetric_eigenvalues(h);
        let max = eigen.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = eigen.iter().copied().fold(f64::INFINITY, f64::min);
        (max, min.max(0.0))
    }

    /// Descent on raw and on standardised inputs, each at its best step,
    /// from the zero model; none without points.
    pub fn comparison(&self) -> Option<Comparison> {
        if self.settings.points.is_empty() {
            return None;
        }
        let run = |standardize: bool| {
            let mut lab = RegressionLab::new(RegressionSettings {
                standardize,
                fit: false,
                ..self.settings.clone()
            });
            let curvature = lab.curvature();
            let best = 2.0 / (curvature.0 + curvature.1);
            let start = lab.mse();
            for _ in 0..COMPARE_STEPS {
                lab.step_at(best);
            }
            (curvature, best, lab.mse(), start)
        };
        let (raw, round) = (run(false), run(true));
        Some(Comparison {
            curvature: [raw.0, round.0],
            best_step: [raw.1, round.1],
            mse_after: [raw.2, round.2],
            start: raw.3,
        })
    }

    /// The page's sentences about the inputs, none without points.
    pub fn notes(&self) -> Option<Notes> {
        let comparison = self.comparison()?;
        let which = usize::from(self.settings.standardize);
        let surface = (self.settings.features == Features::X).then(|| {
            let ratio = comparison.elongation(which);
            if ratio > LONGEST {
                Message::new(Code::RegressionFlat).with("most", LONGEST)
            } else {
                let code = if ratio <= ROUND {
                    Code::RegressionBowl
                } else {
                    Code::RegressionValley
                };
                Message::new(code).with("ratio", significant(ratio, 2))
            }
        });
        let [raw, round] = comparison.mse_after;
        // Within a thousandth of each other is as close.
        let code = if (raw - round).abs() <= 1e-3 * raw.max(round) {
            Code::RegressionAsClose
        } else if round < raw {
            Code::RegressionCloser
        } else {
            Code::RegressionFarther
        };
        let compare = Message::new(code).with("steps", COMPARE_STEPS);
        let lr = self.settings.learning_rate as f64;
        let shares = comparison.best_step.map(|best| lr / best);
        let code = if shares[0].max(shares[1]) <= FAIR * shares[0].min(shares[1]) {
            Code::RegressionFair
        } else {
            Code::RegressionUnfair
        };
        let rate = Message::new(code)
            .with("rate", significant(lr, 3))
            .with("raw", significant(shares[0], 2))
            .with("standardized", significant(shares[1], 2));
        Some(Notes {
            comparison,
            surface,
            compare,
            rate,
        })
    }
}

/// The eigenvalues of a small symmetric matrix, by cyclic Jacobi rotations.
fn symmetric_eigenvalues(mut a: Vec<Vec<f64>>) -> Vec<f64> {
    let k = a.len();
    for _ in 0..100 {
        let off: f64 = (0..k)
            .flat_map(|i| (0..k).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a[i][j] * a[i][j])
            .sum();
        let diagonal: f64 = (0..k).map(|i| a[i][i] * a[i][i]).sum();
        if off <= 1e-30 * diagonal || off == 0.0 {
            break;
        }
        for p in 0..k {
            for q in p + 1..k {
                if a[p][q] == 0.0 {
                    continue;
                }
                // The rotation that zeroes a[p][q] (Golub and Van Loan, 8.5.2).
                let theta = (a[q][q] - a[p][p]) / (2.0 * a[p][q]);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let t = if theta == 0.0 { 1.0 } else { t };
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for r in 0..k {
                    let (rp, rq) = (a[r][p], a[r][q]);
                    a[r][p] = c * rp - s * rq;
                    a[r][q] = s * rp + c * rq;
                }
                for r in 0..k {
                    let (pr, qr) = (a[p][r], a[q][r]);
                    a[p][r] = c * pr - s * qr;
                    a[q][r] = s * pr + c * qr;
                }
            }
        }
    }
    (0..k).map(|i| a[i][i]).collect()
}

/// The MSE of a line y = w·x + b over the lab's points, on raw x or on
/// standardised x: the surface over (w, b) that gradient descent walks.
#[derive(Clone, Debug)]
pub struct LineSurface {
    /// x as the line sees it (raw or standardised), and y.
    points: Vec<[f64; 2]>,
    /// The least-squares (w, b), the bottom of the surface.
    pub optimum: [f64; 2],
    /// The window drawn: [w range] and [b range], square about the optimum,
    /// with (0, 0), where descent starts, inside.
    pub window: ([f64; 2], [f64; 2]),
}

impl LineSurface {
    /// The surface of `points` (x, y), with x standardised when
    /// `standardized` as the lab standardises it (centred always, scaled
    /// unless every x is the same), so that the lab's model is a point on it.
    pub fn new(points: &[[f32; 2]], standardized: bool) -> LineSurface {
        let n = points.len().max(1) as f64;
        let mean = points.iter().map(|p| p[0] as f64).sum::<f64>() / n;
        let std = (points.iter().map(|p| (p[0] as f64 - mean).powi(2)).sum::<f64>() / n).sqrt();
        let (m, s) = match (standardized, std > 1e-12) {
            (false, _) => (0.0, 1.0),
            (true, scaled) => (mean, if scaled { std } else { 1.0 }),
        };
        let points: Vec<[f64; 2]> = points.iter().map(|p| [(p[0] as f64 - m) / s, p[1] as f64]).collect();
        // Normal equations of a line: [Σx² Σx; Σx n]·[w b] = [Σxy; Σy].
        let (sx, sxx, sy, sxy) = points.iter().fold((0.0, 0.0, 0.0, 0.0), |(a, b, c, d), p| {
            (a + p[0], b + p[0] * p[0], c + p[1], d + p[0] * p[1])
        });
        let det = sxx * n - sx * sx;
        let optimum = if det.abs() > 1e-12 {
            [(sxy * n - sx * sy) / det, (sxx * sy - sx * sxy) / det]
        } else {
            [0.0, sy / n]
        };
        let reach = 1.25 * optimum[0].abs().max(optimum[1].abs()).max(1.0);
        LineSurface {
            points,
            optimum,
            window: (
                [optimum[0] - reach, optimum[0] + reach],
                [optimum[1] - reach, optimum[1] + reach],
            ),
        }
    }

    /// The MSE of the line (w, b).
    pub fn mse(&self, [w, b]: [f64; 2]) -> f64 {
        let n = self.points.len().max(1) as f64;
        self.points.iter().map(|p| (w * p[0] + b - p[1]).powi(2)).sum::<f64>() / n
    }
}

/// The gradient of the MSE (1/n)·Σ (b + w·x − y)² of the linear model with
/// weights `w` and bias `b` over `rows` of inputs x and targets y:
/// ((2/n)·Σ (b + w·x − y)·x, (2/n)·Σ (b + w·x − y)). Zero without rows.
fn mse_gradient<'a>(rows: impl ExactSizeIterator<Item = (&'a [f64], f64)>, w: &[f64], b: f64) -> (Vec<f64>, f64) {
    let n = rows.len().max(1) as f64;
    let (mut gw, mut gb) = (vec![0.0; w.len()], 0.0);
    for (x, y) in rows {
        let err = b + x.iter().zip(w).map(|(x, w)| x * w).sum::<f64>() - y;
        for (g, x) in gw.iter_mut().zip(x) {
            *g += 2.0 * err * x / n;
        }
        gb += 2.0 * err / n;
    }
    (gw, gb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;

    fn lab(query: &str) -> RegressionLab {
        let (s, errors) = from_query::<RegressionSettings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        RegressionLab::new(s)
    }

    #[test]
    fn x_squared_makes_the_table_exactly_linear() {
        for standardize in ["0", "1"] {
            let mut lab = lab(&format!("features=x,x2&standardize={standardize}"));
            lab.fit_closed_form();
            let (w, b) = lab.raw();
            assert!(
                w[0].abs() < 1e-6 && (w[1] - 2.0).abs() < 1e-6 && (b - 1.0).abs() < 1e-6,
                "{w:?} {b}"
            );
            assert!(lab.mse() < 1e-12, "exact: {}", lab.mse());
        }
    }

    #[test]
    fn no_line_fits_the_table() {
        let mut lab = lab("features=x");
        lab.fit_closed_form();
        let (w, b) = lab.raw();
        // The least-squares line, by the textbook formulas.
        let (xs, ys): (Vec<f64>, Vec<f64>) = LECTURE_TABLE.iter().map(|&(x, y)| (x as f64, y as f64)).unzip();
        let n = 6.0;
        let (mx, my) = (xs.iter().sum::<f64>() / n, ys.iter().sum::<f64>() / n);
        let slope = xs.iter().zip(&ys).map(|(x, y)| (x - mx) * (y - my)).sum::<f64>()
            / xs.iter().map(|x| (x - mx).powi(2)).sum::<f64>();
        assert!((w[0] - slope).abs() < 1e-9 && (b - (my - slope * mx)).abs() < 1e-9);
        assert!(lab.mse() > 100.0, "a line misses: MSE {}", lab.mse());
    }

    #[test]
    fn gradient_descent_on_standardised_features_reaches_the_closed_form() {
        let mut gd = lab("features=x,x2&standardize=1&lr=0.3");
        for _ in 0..5000 {
            gd.gd_step();
        }
        let (w, b) = gd.raw();
        assert!(
            w[0].abs() < 1e-6 && (w[1] - 2.0).abs() < 1e-7 && (b - 1.0).abs() < 1e-6,
            "{w:?} {b}"
        );
        let halt = gd.halt.clone().expect("stopped once converged");
        assert_eq!(halt.code, Code::LabConverged);
        assert!(gd.steps < 5000, "{} steps", gd.steps);
        // On raw features the same step blows up, and says so.
        let mut raw = lab("features=x,x2&standardize=0&lr=0.3");
        for _ in 0..50 {
            raw.gd_step();
        }
        assert_eq!(raw.halt.map(|m| m.code), Some(Code::LabUnstable));
    }

    #[test]
    fn too_few_points_for_the_features_is_said_not_guessed() {
        let mut lab = lab("features=x,x2&data=1:3,2:5");
        lab.fit_closed_form();
        assert_eq!(lab.halt.clone().map(|m| m.code), Some(Code::LabSingular));
        assert_eq!(lab.fit.weights, vec![0.0, 0.0], "the model is left as it was");
        // Three points at one x are one distinct point, and the message says so.
        let mut stacked = super::tests::lab("features=x,x2&data=1:1,1:2,1:3");
        stacked.fit_closed_form();
        let halt = stacked.halt.expect("singular");
        assert_eq!(halt.param("points"), Some(&crate::message::Param::Number(1.0)));
        // Three distinct x, however far apart, determine a parabola.
        let mut wide = super::tests::lab("features=x,x2&data=1000:1000,-1000:-1000,0:0");
        wide.fit_closed_form();
        assert!(wide.halt.is_none(), "{:?}", wide.halt);
        let (w, b) = wide.raw();
        assert!(
            (w[0] - 1.0).abs() < 1e-9 && w[1].abs() < 1e-12 && b.abs() < 1e-6,
            "{w:?} {b}"
        );
    }

    #[test]
    fn a_fit_link_opens_fitted_and_too_many_points_are_refused_by_name() {
        let fitted = lab("features=x,x2&fit=1");
        let (w, b) = fitted.raw();
        assert!((w[1] - 2.0).abs() < 1e-9 && (b - 1.0).abs() < 1e-9);
        let many = (0..MAX_POINTS + 5)
            .map(|i| format!("{i}:{i}"))
            .collect::<Vec<_>>()
            .join(",");
        let (s, errors) = from_query::<RegressionSettings>(&format!("data={many}"));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].message().code, Code::TooMany);
        assert_eq!(s.points.len(), LECTURE_TABLE.len(), "the table stays");
    }

    #[test]
    fn the_shop_loses_300_when_nobody_comes() {
        assert_eq!(shop_profit(0.0, 0.0), -300.0);
        assert_eq!(shop_profit(6.0, 0.0), 0.0, "break-even on visitors alone");
        assert_eq!(shop_profit(0.0, 15.0), 0.0, "or on clicks alone");
    }

    #[test]
    fn the_line_surface_is_a_valley_raw_and_a_bowl_standardised() {
        let lecture = lab("features=x");
        let c = lecture.comparison().expect("points");
        // The lecture's x from 1 to 11: a valley many times longer than wide,
        // which standardising makes round.
        assert!(c.elongation(0) > 3.0, "valley: {}", c.elongation(0));
        assert!((c.elongation(1) - 1.0).abs() < 1e-9, "bowl: {}", c.elongation(1));
        // After the same steps at each one's best step, the standardised
        // descent is at the bottom and the raw one still far from it.
        let bottom = {
            let mut fitted = lecture.clone();
            fitted.fit_closed_form();
            fitted.mse()
        };
        let gap = |mse: f64| (mse - bottom) / (c.start - bottom);
        assert!(gap(c.mse_after[1]) < 1e-9, "bowl: {}", gap(c.mse_after[1]));
        assert!(gap(c.mse_after[0]) > 1e-2, "valley: {}", gap(c.mse_after[0]));
        // The surface drawn has its bottom at the least-squares line, in the
        // units the lab trains in.
        let pts: Vec<[f32; 2]> = LECTURE_TABLE.iter().map(|&(x, y)| [x, y]).collect();
        for standardize in [false, true] {
            let surface = LineSurface::new(&pts, standardize);
            let mut fitted = lab(&format!("features=x&standardize={}", u8::from(standardize)));
            fitted.fit_closed_form();
            let at = [fitted.fit.weights[0], fitted.fit.bias];
            assert!((surface.optimum[0] - at[0]).abs() < 1e-9 && (surface.optimum[1] - at[1]).abs() < 1e-9);
            assert!((surface.mse(at) - fitted.mse()).abs() < 1e-9);
        }
    }

    #[test]
    fn the_issues_default_rate_is_near_raw_xs_best_step_and_far_below_the_standardised_one() {
        let notes = lab("features=x&lr=0.0001").notes().expect("points");
        assert_eq!(notes.rate.code, Code::RegressionUnfair);
        let share = |name| match notes.rate.param(name) {
            Some(crate::message::Param::Number(v)) => *v,
            other => panic!("{other:?}"),
        };
        // For a line the Hessian's eigenvalues add up to its trace,
        // 2·(Σx²/n + 1): the best step is 1/(Σx²/n + 1), 1/57.2 on raw x
        // (1, 3, 5, 9, 10, 11) and 1/2 standardised.
        assert_eq!(share("raw"), 0.0057, "1e-4 · 57.2 to two digits");
        assert_eq!(share("standardized"), 0.0002, "1e-4 · 2");
        assert_eq!(notes.compare.code, Code::RegressionCloser);
        assert_eq!(notes.surface.map(|m| m.code), Some(Code::RegressionValley));
    }

    #[test]
    fn the_path_is_the_runs_own_from_its_start_to_the_model_now() {
        let mut run = lab("features=x&lr=0.0001");
        assert_eq!(run.path, vec![[0.0, 0.0]]);
        for _ in 0..3 {
            run.gd_step();
        }
        assert_eq!(run.path.len(), 4, "the start and three steps");
        assert_eq!(*run.path.last().unwrap(), [run.fit.weights[0], run.fit.bias]);
        for _ in 0..10_000 {
            run.gd_step();
        }
        assert!(run.path.len() <= PATH_POINTS, "{}", run.path.len());
        assert!(run.path.len() > PATH_POINTS / 4, "{}", run.path.len());
        assert_eq!(run.path[0], [0.0, 0.0], "thinning keeps the start");
        run.fit_closed_form();
        assert_eq!(
            run.path,
            vec![[run.fit.weights[0], run.fit.bias]],
            "a fit starts a new path"
        );
    }

    #[test]
    fn the_mse_gradient_matches_finite_differences() {
        let rows: [([f64; 2], f64); 3] = [([1.0, 1.0], 3.0), ([2.0, 4.0], -1.0), ([-0.5, 0.25], 2.0)];
        let (w, b) = ([0.7, -0.3], 0.2);
        let mse = |w: [f64; 2], b: f64| {
            rows.iter()
                .map(|(x, y)| (b + w[0] * x[0] + w[1] * x[1] - y).powi(2))
                .sum::<f64>()
                / 3.0
        };
        let (gw, gb) = mse_gradient(rows.iter().map(|(x, y)| (&x[..], *y)), &w, b);
        let h = 1e-6;
        let central = |f: &dyn Fn(f64) -> f64| (f(h) - f(-h)) / (2.0 * h);
        assert!((gb - central(&|d| mse(w, b + d))).abs() < 1e-6, "{gb}");
        assert!((gw[0] - central(&|d| mse([w[0] + d, w[1]], b))).abs() < 1e-6, "{gw:?}");
        assert!((gw[1] - central(&|d| mse([w[0], w[1] + d], b))).abs() < 1e-6, "{gw:?}");
    }

    #[test]
    fn a_links_points_are_read_in_order() {
        let lab = lab("data=1:3,5:51,2.5:-4");
        assert_eq!(lab.settings.points, vec![[1.0, 3.0], [5.0, 51.0], [2.5, -4.0]]);
    }
}

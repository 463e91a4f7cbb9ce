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
}

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
        };
        lab.scaling = lab.fitted_scaling();
        if lab.settings.fit {
            lab.fit_closed_form();
        }
        lab
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
    }

    /// One step of gradient descent on the MSE, over all points:
    /// θ ← θ − α·(2/n)·Xᵀ(Xθ − y).
    pub fn gd_step(&mut self) {
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
        let lr = self.settings.learning_rate as f64;
        for j in 0..k {
            self.fit.weights[j] -= lr * gw[j];
        }
        self.fit.bias -= lr * gb;
        self.steps += 1;
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
    /// The learning rate the descent takes: the best fixed step of gradient
    /// descent on a quadratic, 2/(λ_max + λ_min) of the Hessian, so raw and
    /// standardised runs each take their best. On a long valley it still
    /// zigzags across and crawls along; on a round bowl it reaches the bottom.
    pub learning_rate: f64,
}

/// Steps the descent on the MSE surface takes, in either view.
pub const SURFACE_STEPS: usize = 30;

impl LineSurface {
    /// The surface of `points` (x, y), with x standardised when `standardized`.
    pub fn new(points: &[[f32; 2]], standardized: bool) -> LineSurface {
        let n = points.len().max(1) as f64;
        let mean = points.iter().map(|p| p[0] as f64).sum::<f64>() / n;
        let std = (points.iter().map(|p| (p[0] as f64 - mean).powi(2)).sum::<f64>() / n).sqrt();
        let (m, s) = if standardized && std > 1e-12 {
            (mean, std)
        } else {
            (0.0, 1.0)
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
        // The Hessian of the MSE is (2/n)·[Σx² Σx; Σx n]; its eigenvalues:
        let (a, b, c) = (2.0 * sxx / n, 2.0 * sx / n, 2.0);
        let spread = (((a - c) / 2.0).powi(2) + b * b).sqrt();
        let (lambda_max, lambda_min) = ((a + c) / 2.0 + spread, ((a + c) / 2.0 - spread).max(0.0));
        let reach = 1.25 * optimum[0].abs().max(optimum[1].abs()).max(1.0);
        LineSurface {
            points,
            optimum,
            window: (
                [optimum[0] - reach, optimum[0] + reach],
                [optimum[1] - reach, optimum[1] + reach],
            ),
            learning_rate: 2.0 / (lambda_max + lambda_min).max(1e-12),
        }
    }

    /// The MSE of the line (w, b).
    pub fn mse(&self, [w, b]: [f64; 2]) -> f64 {
        let n = self.points.len().max(1) as f64;
        self.points.iter().map(|p| (w * p[0] + b - p[1]).powi(2)).sum::<f64>() / n
    }

    /// Gradient descent from (0, 0): SURFACE_STEPS steps, every point visited.
    pub fn descent(&self) -> Vec<[f64; 2]> {
        let mut at = [0.0, 0.0];
        let mut path = vec![at];
        for _ in 0..SURFACE_STEPS {
            let (gw, gb) = mse_gradient(self.points.iter().map(|p| (&p[..1], p[1])), &[at[0]], at[1]);
            at = [at[0] - self.learning_rate * gw[0], at[1] - self.learning_rate * gb];
            path.push(at);
        }
        path
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
        let pts: Vec<[f32; 2]> = LECTURE_TABLE.iter().map(|&(x, y)| [x, y]).collect();
        let (raw, round) = (LineSurface::new(&pts, false), LineSurface::new(&pts, true));
        // After the same number of steps, the standardised descent is at the
        // bottom and the raw one still far from it.
        let gap = |s: &LineSurface| {
            let end = *s.descent().last().unwrap();
            (s.mse(end) - s.mse(s.optimum)) / s.mse([0.0, 0.0])
        };
        assert!(gap(&round) < 1e-5, "bowl: {}", gap(&round));
        assert!(gap(&raw) > 1e-2, "valley: {}", gap(&raw));
        // On the bowl every step lies on the line from the start to the
        // bottom; in the valley the path zigzags off it.
        let off_line = |s: &LineSurface| {
            let [ow, ob] = s.optimum;
            let norm = (ow * ow + ob * ob).sqrt();
            s.descent()
                .iter()
                .map(|p| (p[0] * ob - p[1] * ow).abs() / norm)
                .fold(0.0, f64::max)
                / norm
        };
        assert!(off_line(&round) < 1e-9, "straight: {}", off_line(&round));
        assert!(off_line(&raw) > 0.05, "zigzag: {}", off_line(&raw));
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

//! Gradient descent on a surface of two parameters: the lecture's
//! L(w1, w2) = w1² + w2³ − w1·w2 and four classic shapes, stepped by the
//! engine's own optimisers, one run or two side by side from one start.

use crate::config::table::{point_text, ticks, Configurable, Group, Kind, Setting, Value};
use crate::config::Effect;
use crate::message::{Code, Message};
use crate::train::optimizer::{Optimizer, OptimizerConfig, OptimizerKind};

/// A loss surface over two parameters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// The lecture's L = w1² + w2³ − w1·w2: a local minimum at (1/12, 1/6),
    /// a saddle at (0, 0), and no minimum at all as w2 falls.
    Lecture,
    /// L = w1² + w2²: a round bowl.
    Bowl,
    /// L = w1² + 50·w2²: a long narrow valley (condition number 50).
    Valley,
    /// Rosenbrock's (1 − w1)² + 100·(w2 − w1²)²: a curved valley, minimum at (1, 1).
    Rosenbrock,
    /// L = w1² − w2²: a saddle, no minimum.
    Saddle,
}

named_enum!(Surface, "surface", [Lecture => "lecture", Bowl => "bowl", Valley => "valley", Rosenbrock => "rosenbrock", Saddle => "saddle"]);

impl Surface {
    /// L(w).
    pub fn loss(self, [a, b]: [f64; 2]) -> f64 {
        match self {
            Surface::Lecture => a * a + b * b * b - a * b,
            Surface::Bowl => a * a + b * b,
            Surface::Valley => a * a + 50.0 * b * b,
            Surface::Rosenbrock => (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2),
            Surface::Saddle => a * a - b * b,
        }
    }

    /// ∇L(w) = (∂L/∂w1, ∂L/∂w2).
    pub fn gradient(self, [a, b]: [f64; 2]) -> [f64; 2] {
        match self {
            Surface::Lecture => [2.0 * a - b, 3.0 * b * b - a],
            Surface::Bowl => [2.0 * a, 2.0 * b],
            Surface::Valley => [2.0 * a, 100.0 * b],
            Surface::Rosenbrock => [-2.0 * (1.0 - a) - 400.0 * a * (b - a * a), 200.0 * (b - a * a)],
            Surface::Saddle => [2.0 * a, -2.0 * b],
        }
    }

    /// The Hessian ∇²L(w): [[∂²L/∂w1², ∂²L/∂w1∂w2], [∂²L/∂w2∂w1, ∂²L/∂w2²]].
    pub fn hessian(self, [a, b]: [f64; 2]) -> [[f64; 2]; 2] {
        match self {
            Surface::Lecture => [[2.0, -1.0], [-1.0, 6.0 * b]],
            Surface::Bowl => [[2.0, 0.0], [0.0, 2.0]],
            Surface::Valley => [[2.0, 0.0], [0.0, 100.0]],
            Surface::Rosenbrock => [[2.0 - 400.0 * b + 1200.0 * a * a, -400.0 * a], [-400.0 * a, 200.0]],
            Surface::Saddle => [[2.0, 0.0], [0.0, -2.0]],
        }
    }

    /// Every point of `window` where ∇L = 0, found by Newton's method from
    /// a grid of starts and told apart by the Hessian there, in order of w1.
    pub fn stationary_points(self, window: ([f64; 2], [f64; 2])) -> Vec<Stationary> {
        let ([x0, x1], [y0, y1]) = window;
        let inside = |[a, b]: [f64; 2]| (x0..=x1).contains(&a) && (y0..=y1).contains(&b);
        let size = (x1 - x0).max(y1 - y0);
        let mut found: Vec<Stationary> = Vec::new();
        for i in 0..=NEWTON_SEEDS {
            for j in 0..=NEWTON_SEEDS {
                let t = |k: usize, lo: f64, hi: f64| lo + (hi - lo) * k as f64 / NEWTON_SEEDS as f64;
                let Some(at) = self.newton([t(i, x0, x1), t(j, y0, y1)]) else {
                    continue;
                };
                if !inside(at)
                    || found
                        .iter()
                        .any(|p| (p.at[0] - at[0]).hypot(p.at[1] - at[1]) < 1e-6 * size)
                {
                    continue;
                }
                let [[h11, h12], [h21, h22]] = self.hessian(at);
                let det = h11 * h22 - h12 * h21;
                let kind = if det < 0.0 {
                    Critical::Saddle
                } else if det > 0.0 && h11 > 0.0 {
                    Critical::Minimum
                } else if det > 0.0 {
                    Critical::Maximum
                } else {
                    // A flat Hessian does not say which: not marked.
                    continue;
                };
                found.push(Stationary {
                    at,
                    kind,
                    loss: self.loss(at),
                });
            }
        }
        found.sort_by(|p, q| p.at[0].total_cmp(&q.at[0]).then(p.at[1].total_cmp(&q.at[1])));
        found
    }

    /// Newton's method for ∇L = 0 from `w`: w ← w − (∇²L)⁻¹·∇L, until the
    /// gradient vanishes; None if the Hessian turns singular or it does not settle.
    fn newton(self, mut w: [f64; 2]) -> Option<[f64; 2]> {
        for _ in 0..100 {
            let [g1, g2] = self.gradient(w);
            let scale = 1.0 + w[0].abs() + w[1].abs();
            if g1.hypot(g2) < 1e-13 * scale {
                return Some(w);
            }
            let [[h11, h12], [h21, h22]] = self.hessian(w);
            let det = h11 * h22 - h12 * h21;
            if det.abs() < 1e-12 || !det.is_finite() {
                return None;
            }
            w = [w[0] - (h22 * g1 - h12 * g2) / det, w[1] - (h11 * g2 - h21 * g1) / det];
            if !(w[0].is_finite() && w[1].is_finite()) {
                return None;
            }
        }
        let [g1, g2] = self.gradient(w);
        (g1.hypot(g2) < 1e-9).then_some(w)
    }

    /// The surface and its partial derivatives as formulas, in the
    /// notation every language shares.
    pub fn formulas(self) -> [&'static str; 3] {
        match self {
            Surface::Lecture => ["w₁² + w₂³ − w₁·w₂", "2·w₁ − w₂", "3·w₂² − w₁"],
            Surface::Bowl => ["w₁² + w₂²", "2·w₁", "2·w₂"],
            Surface::Valley => ["w₁² + 50·w₂²", "2·w₁", "100·w₂"],
            Surface::Rosenbrock => [
                "(1 − w₁)² + 100·(w₂ − w₁²)²",
                "−2·(1 − w₁) − 400·w₁·(w₂ − w₁²)",
                "200·(w₂ − w₁²)",
            ],
            Surface::Saddle => ["w₁² − w₂²", "2·w₁", "−2·w₂"],
        }
    }

    /// Whether the surface has a lowest point (else a run can fall forever).
    pub fn bounded(self) -> bool {
        !matches!(self, Surface::Lecture | Surface::Saddle)
    }

    /// The window drawn: [w1 range] and [w2 range].
    pub fn window(self) -> ([f32; 2], [f32; 2]) {
        match self {
            Surface::Rosenbrock => ([-2.0, 2.0], [-1.0, 3.0]),
            Surface::Valley => ([-3.0, 3.0], [-3.0, 3.0]),
            _ => ([-3.0, 3.0], [-3.0, 3.0]),
        }
    }

    /// Where a run starts unless the user says otherwise.
    pub fn default_start(self) -> [f32; 2] {
        match self {
            Surface::Lecture => [2.0, 1.0],
            Surface::Rosenbrock => [-1.5, 2.0],
            Surface::Saddle => [2.5, 0.05],
            _ => [2.5, 2.0],
        }
    }
}

/// What the Hessian says a point where ∇L = 0 is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Critical {
    /// Both curvatures up: a (local) minimum.
    Minimum,
    /// One curvature up, one down: a saddle point.
    Saddle,
    /// Both curvatures down: a (local) maximum.
    Maximum,
}

named_enum!(Critical, "stationary point", [Minimum => "minimum", Saddle => "saddle", Maximum => "maximum"]);

/// A point where the gradient vanishes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Stationary {
    /// Where, (w1, w2).
    pub at: [f64; 2],
    /// Minimum, saddle or maximum.
    pub kind: Critical,
    /// L there.
    pub loss: f64,
}

/// Newton's method starts from a grid of (this + 1)² points of the window.
const NEWTON_SEEDS: usize = 8;

/// The optimisers the lab offers (the engine's, but AdamW: there are no weights to decay here).
pub const OPTIMIZERS: &[&str] = &["sgd", "momentum", "nesterov", "rmsprop", "adam"];
/// The second run's choices: none, or another optimiser.
pub const COMPARE: &[&str] = &["none", "sgd", "momentum", "nesterov", "rmsprop", "adam"];
/// Learning rates offered.
const RATES: &[f32] = &[0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 0.8, 1.0];
/// A run that moves less than this in a step, where the gradient is less
/// than a hundred times this, has converged.
pub const CONVERGED: f32 = 1e-7;
/// A run whose parameters leave ±RUNAWAY has run off.
pub const RUNAWAY: f32 = 1e4;
/// The most steps a run records.
pub const MAX_STEPS: usize = 10_000;

/// The lab's settings, one row each of [`GD_SETTINGS`].
#[derive(Clone, Debug, PartialEq)]
pub struct GdSettings {
    /// The surface.
    pub surface: Surface,
    /// Where both runs start; the surface's own start when None.
    pub start: Option<[f32; 2]>,
    /// The first run's optimiser.
    pub optimizer: OptimizerKind,
    /// The second run's optimiser, if any.
    pub compare: Option<OptimizerKind>,
    /// The learning rate α of both runs.
    pub learning_rate: f32,
}

impl Default for GdSettings {
    fn default() -> Self {
        GdSettings {
            surface: Surface::Lecture,
            start: None,
            optimizer: OptimizerKind::Sgd,
            compare: None,
            learning_rate: 0.1,
        }
    }
}

impl GdSettings {
    /// Where both runs start.
    pub fn start(&self) -> [f32; 2] {
        self.start.unwrap_or_else(|| self.surface.default_start())
    }
}

/// A row of the table.
type Row = Setting<GdSettings>;

/// Every setting of the lab, in link order.
pub static GD_SETTINGS: &[Row] = &[
    Row::new(
        "surface",
        Group::Gd,
        Kind::Choice {
            options: &Surface::NAMES,
            family: None,
        },
        Effect::Reset,
        |s| s.surface.to_string(),
        |s, v| s.surface = v.named(),
    ),
    Row::new(
        "start",
        Group::Gd,
        Kind::Point { min: -10.0, max: 10.0 },
        Effect::Reset,
        |s| point_text(s.start(), ','),
        |s, v| s.start = Some(v.point()),
    ),
    Row::new(
        "optimizer",
        Group::Gd,
        Kind::Choice {
            options: OPTIMIZERS,
            family: None,
        },
        Effect::Reset,
        |s| s.optimizer.to_string(),
        |s, v| s.optimizer = v.named(),
    ),
    Row::new(
        "compare",
        Group::Gd,
        Kind::Choice {
            options: COMPARE,
            family: None,
        },
        Effect::Reset,
        |s| s.compare.map_or("none".to_string(), |k| k.to_string()),
        |s, v| {
            s.compare = match v {
                Value::Choice("none") => None,
                v => Some(v.named()),
            }
        },
    ),
    Row::new(
        "lr",
        Group::Gd,
        ticks(1e-4, 2.0, RATES),
        Effect::Reset,
        |s| s.learning_rate.to_string(),
        |s, v| s.learning_rate = v.real(),
    ),
];

impl Configurable for GdSettings {
    fn table() -> &'static [Setting<GdSettings>] {
        GD_SETTINGS
    }
}

/// The gradient-descent lab, in the registry ([`crate::labs::each`]).
pub struct Gd;

impl crate::labs::Lab for Gd {
    const NAME: &'static str = "gd";
    const HANDLE: &'static str = "GdLab";
    const EXAMPLE: &'static str = "surface=saddle&start=1.5,-0.25&optimizer=nesterov&compare=rmsprop&lr=0.03";
    type Settings = GdSettings;
}

/// One optimiser's walk down the surface.
#[derive(Clone, Debug)]
pub struct Run {
    /// Its optimiser.
    pub kind: OptimizerKind,
    optimizer: Optimizer,
    /// Every point visited, the start first.
    pub path: Vec<[f32; 2]>,
    /// Why the run stopped, once it has.
    pub halt: Option<Message>,
}

impl Run {
    /// Where the run is now.
    pub fn at(&self) -> [f32; 2] {
        *self.path.last().expect("a run starts somewhere")
    }
}

/// The lab: a surface and one or two runs on it.
#[derive(Clone, Debug)]
pub struct GdLab {
    /// The settings.
    pub settings: GdSettings,
    /// The runs, the first optimiser's first.
    pub runs: Vec<Run>,
    /// About the lowest L on the map (sampled on a grid).
    lowest: f64,
}

/// Why a run whose numbers blew up stopped: a surface without a floor has
/// no minimum that way; on one with a floor the step was too large.
fn ran_off(surface: Surface) -> Code {
    if surface.bounded() {
        Code::LabUnstable
    } else {
        Code::LabUnbounded
    }
}

impl GdLab {
    /// Runs at the settings' start.
    pub fn new(settings: GdSettings) -> GdLab {
        let kinds = std::iter::once(settings.optimizer).chain(settings.compare);
        let runs = kinds
            .map(|kind| Run {
                kind,
                optimizer: Optimizer::default(),
                path: vec![settings.start()],
                halt: None,
            })
            .collect();
        let mut lab = GdLab {
            settings,
            runs,
            lowest: f64::INFINITY,
        };
        let (x, y) = lab.window();
        let n = 64;
        for i in 0..=n {
            for j in 0..=n {
                let t = |k: usize, [lo, hi]: [f32; 2]| lo as f64 + (hi - lo) as f64 * k as f64 / n as f64;
                lab.lowest = lab.lowest.min(lab.settings.surface.loss([t(i, x), t(j, y)]));
            }
        }
        lab
    }

    /// The window drawn: the surface's own, grown to take in a start outside
    /// it (with a margin), so that a run starting anywhere a link allows is seen.
    pub fn window(&self) -> ([f32; 2], [f32; 2]) {
        let (mut x, mut y) = self.settings.surface.window();
        let start = self.settings.start();
        for (range, v) in [(&mut x, start[0]), (&mut y, start[1])] {
            let margin = 0.1 * (range[1] - range[0]);
            if v < range[0] {
                range[0] = v - margin;
            }
            if v > range[1] {
                range[1] = v + margin;
            }
        }
        (x, y)
    }

    /// Starts both runs again from `start`.
    pub fn restart_at(&mut self, start: [f32; 2]) {
        self.settings.start = Some(start);
        *self = GdLab::new(self.settings.clone());
    }

    /// One step of every run that can still move.
    pub fn step(&mut self) {
        let surface = self.settings.surface;
        let (x, y) = self.window();
        for run in &mut self.runs {
            if run.halt.is_some() {
                continue;
            }
            if run.path.len() > MAX_STEPS {
                run.halt = Some(Message::new(Code::LabStepLimit).with("steps", MAX_STEPS));
                continue;
            }
            let mut w = run.at();
            let g = surface.gradient([w[0] as f64, w[1] as f64]).map(|g| g as f32);
            let cfg = OptimizerConfig {
                kind: run.kind,
                learning_rate: self.settings.learning_rate,
                ..OptimizerConfig::default()
            };
            let before = w;
            run.optimizer.step(&cfg, &mut w, &g, &[]);
            let loss = surface.loss([w[0] as f64, w[1] as f64]);
            run.path.push(w);
            let moved = (w[0] - before[0]).hypot(w[1] - before[1]);
            let [g0, g1] = surface.gradient([w[0] as f64, w[1] as f64]);
            let steps = run.path.len() - 1;
            if moved < CONVERGED && g0.hypot(g1) < CONVERGED as f64 * 100.0 {
                run.halt = Some(Message::new(Code::LabConverged).with("steps", steps));
            } else if !(w.iter().all(|v| v.is_finite() && v.abs() < RUNAWAY) && loss.is_finite()) {
                run.halt = Some(Message::new(ran_off(surface)).with("steps", steps));
            } else if !(x[0]..=x[1]).contains(&w[0]) || !(y[0]..=y[1]).contains(&w[1]) {
                // Off the map a path can no longer be seen: it stops, and
                // says why where the loss tells (below all the map on a
                // surface without a floor, above its start on one with a floor).
                let start = surface.loss([run.path[0][0] as f64, run.path[0][1] as f64]);
                let code = match surface.bounded() {
                    false if loss < self.lowest => Code::LabUnbounded,
                    true if loss > start => Code::LabUnstable,
                    _ => Code::LabOffMap,
                };
                run.halt = Some(Message::new(code).with("steps", steps));
            }
        }
    }

    /// The stationary points on the map.
    pub fn stationary_points(&self) -> Vec<Stationary> {
        let (x, y) = self.window();
        self.settings
            .surface
            .stationary_points(([x[0] as f64, x[1] as f64], [y[0] as f64, y[1] as f64]))
    }

    /// L at a point.
    pub fn loss(&self, w: [f32; 2]) -> f64 {
        self.settings.surface.loss([w[0] as f64, w[1] as f64])
    }

    /// ∇L at a point.
    pub fn gradient(&self, w: [f32; 2]) -> [f64; 2] {
        self.settings.surface.gradient([w[0] as f64, w[1] as f64])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;

    fn lab(query: &str) -> GdLab {
        let (s, errors) = from_query::<GdSettings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        GdLab::new(s)
    }

    fn run_to_end(lab: &mut GdLab, steps: usize) {
        for _ in 0..steps {
            lab.step();
        }
    }

    #[test]
    fn the_lectures_gradient_at_2_1_is_3_1() {
        let lab = lab("surface=lecture&start=2,1");
        assert_eq!(lab.gradient(lab.runs[0].at()), [3.0, 1.0]);
        assert_eq!(lab.loss([2.0, 1.0]), 4.0 + 1.0 - 2.0);
    }

    #[test]
    fn every_gradient_matches_finite_differences() {
        for surface in Surface::ALL {
            for w in [[0.3, -0.7], [1.2, 0.4], [-1.1, 1.9]] {
                let g = surface.gradient(w);
                for i in 0..2 {
                    let h = 1e-6;
                    let (mut p, mut m) = (w, w);
                    p[i] += h;
                    m[i] -= h;
                    let numeric = (surface.loss(p) - surface.loss(m)) / (2.0 * h);
                    assert!(
                        (g[i] - numeric).abs() < 1e-5 * (1.0 + numeric.abs()),
                        "{surface} {w:?} {i}"
                    );
                }
            }
        }
    }

    #[test]
    fn gd_on_the_bowl_converges_to_its_minimum() {
        let mut lab = lab("surface=bowl&lr=0.1");
        run_to_end(&mut lab, 200);
        let [a, b] = lab.runs[0].at();
        assert!(a.abs() < 1e-6 && b.abs() < 1e-6, "{a} {b}");
        let halt = lab.runs[0].halt.clone().expect("stopped at the bottom");
        assert_eq!(halt.code, Code::LabConverged);
        assert!(lab.runs[0].path.len() < 150, "stopped when it got there");
        // Where the gradient is zero a run stops at once, at a saddle too.
        let mut perched = super::tests::lab("surface=saddle&start=0,0");
        perched.step();
        assert_eq!(perched.runs[0].halt.clone().map(|m| m.code), Some(Code::LabConverged));
    }

    #[test]
    fn on_the_lecture_surface_gd_finds_the_local_minimum_or_runs_off_and_says_so() {
        let mut careful = lab("surface=lecture&start=2,1&lr=0.1");
        run_to_end(&mut careful, 300);
        let [a, b] = careful.runs[0].at();
        assert!((a - 1.0 / 12.0).abs() < 1e-4 && (b - 1.0 / 6.0).abs() < 1e-4, "{a} {b}");
        // A large step, or momentum, carries the run past the saddle: w2³ falls forever.
        for query in [
            "surface=lecture&start=2,1&lr=0.8",
            "surface=lecture&start=2,1&optimizer=momentum&lr=0.1",
        ] {
            let mut wild = lab(query);
            run_to_end(&mut wild, 300);
            let halt = wild.runs[0].halt.clone().expect("ran off");
            assert_eq!(halt.code, Code::LabUnbounded, "{query}");
            assert!(wild.runs[0].at()[1] < -1.0, "{query}: fell along w2");
        }
        // On a bounded surface a run that blows up was a step too large.
        let mut shaky = lab("surface=valley&lr=0.03");
        run_to_end(&mut shaky, 300);
        assert_eq!(shaky.runs[0].halt.clone().expect("blew up").code, Code::LabUnstable);
    }

    #[test]
    fn two_optimisers_run_side_by_side_from_one_start() {
        let mut lab = lab("surface=rosenbrock&optimizer=sgd&compare=adam&lr=0.001&start=-1,1");
        assert_eq!(lab.runs.len(), 2);
        run_to_end(&mut lab, 50);
        assert_eq!(lab.runs[0].path[0], lab.runs[1].path[0]);
        assert_eq!(lab.runs[0].path.len(), 51);
        assert_ne!(lab.runs[0].at(), lab.runs[1].at());
        assert_eq!(lab.runs[1].kind, OptimizerKind::Adam);
    }

    #[test]
    fn the_window_takes_in_a_far_start() {
        let near = lab("surface=bowl&start=1,1");
        assert_eq!(near.window(), Surface::Bowl.window());
        let far = lab("surface=rosenbrock&start=10,-10");
        let (x, y) = far.window();
        assert!(x[1] > 10.0 && y[0] < -10.0, "{x:?} {y:?}");
        assert_eq!(x[0], Surface::Rosenbrock.window().0[0], "the surface's own side stays");
    }

    #[test]
    fn every_hessian_matches_finite_differences_of_the_gradient() {
        for surface in Surface::ALL {
            for w in [[0.3, -0.7], [1.2, 0.4], [-1.1, 1.9]] {
                let h = surface.hessian(w);
                for j in 0..2 {
                    let d = 1e-6;
                    let (mut p, mut m) = (w, w);
                    p[j] += d;
                    m[j] -= d;
                    let (gp, gm) = (surface.gradient(p), surface.gradient(m));
                    for i in 0..2 {
                        let numeric = (gp[i] - gm[i]) / (2.0 * d);
                        assert!(
                            (h[i][j] - numeric).abs() < 1e-4 * (1.0 + numeric.abs()),
                            "{surface} {w:?} {i}{j}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn the_marked_points_are_where_the_gradient_vanishes_and_the_hessian_says_what_they_are() {
        for surface in Surface::ALL {
            let (x, y) = surface.window();
            let points = surface.stationary_points(([x[0] as f64, x[1] as f64], [y[0] as f64, y[1] as f64]));
            assert!(!points.is_empty(), "{surface}");
            for p in &points {
                let [g1, g2] = surface.gradient(p.at);
                assert!(g1.hypot(g2) < 1e-9, "{surface} {p:?}: ∇L = ({g1}, {g2})");
                // The Hessian's eigenvalues, from its trace and determinant.
                let [[a, b], [c, d]] = surface.hessian(p.at);
                let (tr, det) = (a + d, a * d - b * c);
                let root = (tr * tr / 4.0 - det).max(0.0).sqrt();
                let (lo, hi) = (tr / 2.0 - root, tr / 2.0 + root);
                match p.kind {
                    Critical::Minimum => assert!(lo > 0.0, "{surface} {p:?}: {lo} {hi}"),
                    Critical::Maximum => assert!(hi < 0.0, "{surface} {p:?}: {lo} {hi}"),
                    Critical::Saddle => assert!(lo < 0.0 && hi > 0.0, "{surface} {p:?}: indefinite, {lo} {hi}"),
                }
                assert!((p.loss - surface.loss(p.at)).abs() < 1e-15);
            }
        }
        // The lecture's surface: the local minimum (1/12, 1/6) and the saddle (0, 0), nothing else.
        let lecture = lab("surface=lecture").stationary_points();
        assert_eq!(lecture.len(), 2, "{lecture:?}");
        let near = |p: &Stationary, q: [f64; 2]| (p.at[0] - q[0]).abs() < 1e-12 && (p.at[1] - q[1]).abs() < 1e-12;
        assert!(
            near(&lecture[0], [0.0, 0.0]) && lecture[0].kind == Critical::Saddle,
            "{lecture:?}"
        );
        assert!(
            near(&lecture[1], [1.0 / 12.0, 1.0 / 6.0]) && lecture[1].kind == Critical::Minimum,
            "{lecture:?}"
        );
        assert!((lecture[1].loss + 1.0 / 432.0).abs() < 1e-15, "L(1/12, 1/6) = −1/432");
        let rosenbrock = lab("surface=rosenbrock").stationary_points();
        assert_eq!(rosenbrock.len(), 1);
        assert!(near(&rosenbrock[0], [1.0, 1.0]) && rosenbrock[0].kind == Critical::Minimum);
        let saddle = lab("surface=saddle").stationary_points();
        assert_eq!(saddle.iter().map(|p| p.kind).collect::<Vec<_>>(), [Critical::Saddle]);
    }

    #[test]
    fn a_run_that_leaves_the_map_stops_there_and_says_so_the_compared_one_too() {
        // Adam's steps are about α long whatever the gradient: without a stop
        // at the map's edge it would walk towards w2 → −∞ for thousands of steps.
        let mut lab = lab("surface=lecture&start=-0.5,-0.5&optimizer=sgd&compare=adam&lr=0.1");
        run_to_end(&mut lab, 500);
        let adam = &lab.runs[1];
        let halt = adam.halt.clone().expect("Adam stopped");
        assert_eq!(halt.code, Code::LabUnbounded, "{halt:?}");
        let (x, y) = lab.window();
        let [a, b] = adam.at();
        assert!(
            !(x[0]..=x[1]).contains(&a) || !(y[0]..=y[1]).contains(&b),
            "{a} {b}: off the map"
        );
        let [a, b] = adam.path[adam.path.len() - 2];
        assert!(
            (x[0]..=x[1]).contains(&a) && (y[0]..=y[1]).contains(&b),
            "{a} {b}: one step before, on it"
        );
        assert!(adam.path.len() < 100, "{} steps", adam.path.len());
        // One step over the saddle's ridge, off the map but not below it: it says only that.
        let mut jump = super::tests::lab("surface=saddle&start=2.9,0&lr=1.1");
        jump.step();
        assert_eq!(jump.runs[0].halt.clone().map(|m| m.code), Some(Code::LabOffMap));
        // One step that jumps off a valley, uphill of its start: the rate is too large.
        let mut wild = super::tests::lab("surface=valley&start=2.5,2&lr=0.03");
        wild.step();
        assert_eq!(wild.runs[0].halt.clone().map(|m| m.code), Some(Code::LabUnstable));
    }
}

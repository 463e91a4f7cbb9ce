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
        GdLab { settings, runs }
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
            if moved < CONVERGED && g0.hypot(g1) < CONVERGED as f64 * 100.0 {
                run.halt = Some(Message::new(Code::LabConverged).with("steps", run.path.len() - 1));
            } else if !(w.iter().all(|v| v.is_finite() && v.abs() < RUNAWAY) && loss.is_finite()) {
                let code = if surface.bounded() {
                    Code::LabUnstable
                } else {
                    Code::LabUnbounded
                };
                run.halt = Some(Message::new(code).with("steps", run.path.len() - 1));
            }
        }
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
}

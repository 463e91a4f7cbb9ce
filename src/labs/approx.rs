//! Universal approximation on one input: a hidden layer of N ReLU or sigmoid
//! neurons whose weighted pieces v_j·f(w_j·x + b_j) add up, with an output
//! bias c, to the fit. The pieces are built by hand first (each neuron's
//! kink or step and its height), then trained with the engine's own
//! network and optimisers, and the pieces move.

use crate::config::table::{slider, ticks, Configurable, Group, Kind, Setting};
use crate::config::Effect;
use crate::nn::{Activation, Architecture, Head, Init, Mlp, Tape};
use crate::random::seeded;
use crate::train::optimizer::{Optimizer, OptimizerConfig, OptimizerKind};

/// The most hidden neurons.
pub const MAX_UNITS: usize = 32;
/// Largest |parameter| a link may hold.
pub const MAX_PARAMETER: f32 = 100.0;
/// The most points a user may draw.
pub const MAX_DRAWN: usize = 64;
/// The inputs the fit is drawn and trained on: [−REACH, REACH].
pub const REACH: f64 = 3.0;
/// Samples of a built-in target.
pub const SAMPLES: usize = 61;

/// The curve the network approximates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// One period of a sine over the inputs.
    Sin,
    /// |x| − 1: one kink.
    Abs,
    /// 0 left of 0, 1 right of it.
    Step,
    /// x²/3 − 1: a parabola.
    Square,
    /// 1 between −1 and 1, 0 elsewhere: the bump two steps make.
    Bump,
    /// The points a user drew.
    Drawn,
}

named_enum!(Target, "target", [Sin => "sin", Abs => "abs", Step => "step", Square => "square", Bump => "bump", Drawn => "drawn"]);

impl Target {
    /// The target at x (a drawn target has no formula: NaN).
    pub fn at(self, x: f64) -> f64 {
        match self {
            Target::Sin => (x * std::f64::consts::PI / REACH).sin(),
            Target::Abs => x.abs() - 1.0,
            Target::Step => f64::from(u8::from(x > 0.0)),
            Target::Square => x * x / REACH - 1.0,
            Target::Bump => f64::from(u8::from(x.abs() < 1.0)),
            Target::Drawn => f64::NAN,
        }
    }
}

/// The activations the lab offers.
pub const ACTIVATIONS: &[&str] = &["relu", "sigmoid"];
/// The optimisers the lab offers.
pub const OPTIMIZERS: &[&str] = &["sgd", "momentum", "adam"];
/// Learning rates offered.
const RATES: &[f32] = &[0.001, 0.003, 0.01, 0.03, 0.1, 0.3];

/// The lab's settings, one row each of [`APPROX_SETTINGS`].
#[derive(Clone, Debug, PartialEq)]
pub struct ApproxSettings {
    /// The curve to approximate.
    pub target: Target,
    /// The points a user drew (the target when `target` is `Drawn`).
    pub drawn: Vec<[f32; 2]>,
    /// The hidden layer's activation.
    pub activation: Activation,
    /// Each hidden neuron's (w, b, v): piece v·f(w·x + b).
    pub units: Vec<[f32; 3]>,
    /// The output bias c.
    pub bias: f32,
    /// How training steps.
    pub optimizer: OptimizerKind,
    /// Its learning rate.
    pub learning_rate: f32,
}

impl Default for ApproxSettings {
    fn default() -> Self {
        ApproxSettings {
            target: Target::Sin,
            drawn: Vec::new(),
            activation: Activation::Relu,
            units: spread(8, Activation::Relu),
            bias: 0.0,
            // Adam's first steps carry kinks out of the inputs, where their
            // ReLUs die; momentum fits the sine with eight.
            optimizer: OptimizerKind::Momentum,
            learning_rate: 0.03,
        }
    }
}

/// `n` neurons with their kinks (or steps) spread evenly over the inputs
/// and no height yet: a hand-built start.
pub fn spread(n: usize, activation: Activation) -> Vec<[f32; 3]> {
    let w = steepness(activation);
    (0..n)
        .map(|j| {
            let k = -REACH + 2.0 * REACH * (j as f64 + 0.5) / n as f64;
            [w, (-w as f64 * k) as f32, 0.0]
        })
        .collect()
}

/// The weight a hand-built neuron starts with: a ReLU's slope 1, a
/// sigmoid's steep enough to look like a step.
pub fn steepness(activation: Activation) -> f32 {
    match activation {
        Activation::Sigmoid => 4.0,
        _ => 1.0,
    }
}

/// A row of the table.
type Row = Setting<ApproxSettings>;

/// Every setting of the lab, in link order.
pub static APPROX_SETTINGS: &[Row] = &[
    Row::new(
        "target",
        Group::Approx,
        Kind::Choice {
            options: &Target::NAMES,
            family: None,
        },
        Effect::Live,
        |s| s.target.to_string(),
        |s, v| s.target = v.named(),
    ),
    Row::new(
        "drawn",
        Group::Approx,
        Kind::Points {
            most: MAX_DRAWN,
            min: -REACH as f32,
            max: REACH as f32,
        },
        Effect::Live,
        |s| {
            let points: Vec<String> = s
                .drawn
                .iter()
                .map(|p| crate::config::table::point_text(*p, ':'))
                .collect();
            crate::config::table::join(&points)
        },
        |s, v| s.drawn = v.points(),
    )
    .applies(|s| s.target == Target::Drawn),
    Row::new(
        "activation",
        Group::Approx,
        Kind::Choice {
            options: ACTIVATIONS,
            family: None,
        },
        Effect::Live,
        |s| s.activation.to_string(),
        |s, v| s.activation = v.named(),
    ),
    Row::new(
        "units",
        Group::Pieces,
        Kind::Units {
            most: MAX_UNITS,
            min: -MAX_PARAMETER,
            max: MAX_PARAMETER,
        },
        Effect::Live,
        |s| {
            let units: Vec<String> = s.units.iter().map(|u| format!("{}:{}:{}", u[0], u[1], u[2])).collect();
            crate::config::table::join(&units)
        },
        |s, v| s.units = v.units(),
    ),
    Row::new(
        "neurons",
        Group::Approx,
        crate::config::table::whole(1, MAX_UNITS as u64, 1),
        Effect::Live,
        |s| s.units.len().to_string(),
        |s, v| resize(s, v.size()),
    ),
    Row::new(
        "bias",
        Group::Approx,
        slider(-5.0, 5.0, 0.01),
        Effect::Live,
        |s| s.bias.to_string(),
        |s, v| s.bias = v.real(),
    ),
    Row::new(
        "optimizer",
        Group::Training,
        Kind::Choice {
            options: OPTIMIZERS,
            family: None,
        },
        Effect::Live,
        |s| s.optimizer.to_string(),
        |s, v| s.optimizer = v.named(),
    ),
    Row::new(
        "lr",
        Group::Training,
        ticks(1e-4, 1.0, RATES),
        Effect::Live,
        |s| s.learning_rate.to_string(),
        |s, v| s.learning_rate = v.real(),
    ),
];

/// Keeps the first `n` neurons, or adds new ones spread where the others
/// are not, with no height: the fit does not change until they are moved.
fn resize(s: &mut ApproxSettings, n: usize) {
    if n <= s.units.len() {
        s.units.truncate(n);
        return;
    }
    let fresh = spread(n, s.activation);
    let have = s.units.len();
    s.units.extend(fresh.into_iter().skip(have));
}

impl Configurable for ApproxSettings {
    fn table() -> &'static [Setting<ApproxSettings>] {
        APPROX_SETTINGS
    }
}

/// The universal-approximation lab, in the registry ([`crate::labs::each`]).
pub struct Approx;

impl crate::labs::Lab for Approx {
    const NAME: &'static str = "approx";
    const HANDLE: &'static str = "ApproxLab";
    const EXAMPLE: &'static str =
        "target=drawn&drawn=-2:1,0:0,2:1&activation=sigmoid&units=4:-2:0.5,-3:1:1.25&bias=0.25&optimizer=sgd&lr=0.1";
    type Settings = ApproxSettings;
}

/// The lab: its settings and the engine's network and optimiser that train them.
#[derive(Clone, Debug)]
pub struct ApproxLab {
    /// The settings; `units` and `bias` follow training.
    pub settings: ApproxSettings,
    mlp: Mlp,
    optimizer: Optimizer,
    tape: Tape,
    grads: Vec<f32>,
    /// Training steps since the network was last set by hand or link.
    pub steps: usize,
}

impl ApproxLab {
    /// The lab with the settings' neurons in an engine network.
    pub fn new(settings: ApproxSettings) -> ApproxLab {
        let mut lab = ApproxLab {
            mlp: Mlp::new(&architecture(&settings), Init::Xavier, &mut seeded(1, 0)),
            settings,
            optimizer: Optimizer::default(),
            tape: Tape::default(),
            grads: Vec::new(),
            steps: 0,
        };
        lab.load();
        lab
    }

    /// Puts the settings' neurons into the network and forgets the optimiser's state.
    pub fn load(&mut self) {
        let s = &self.settings;
        if self.mlp.layers[0].outputs != s.units.len() || self.mlp.layers[0].activation != s.activation {
            self.mlp = Mlp::new(&architecture(s), Init::Xavier, &mut seeded(1, 0));
        }
        let (hidden, out) = (&self.mlp.layers[0], &self.mlp.layers[1]);
        let (wh, bh, wo, bo) = (hidden.weights, hidden.biases, out.weights, out.biases);
        for (j, u) in s.units.iter().enumerate() {
            self.mlp.params[wh + j] = u[0];
            self.mlp.params[bh + j] = u[1];
            self.mlp.params[wo + j] = u[2];
        }
        self.mlp.params[bo] = s.bias;
        self.optimizer = Optimizer::default();
        self.grads = vec![0.0; self.mlp.params.len()];
        self.steps = 0;
    }

    /// Copies the network's parameters back into the settings' neurons.
    fn store(&mut self) {
        let (hidden, out) = (&self.mlp.layers[0], &self.mlp.layers[1]);
        let p = &self.mlp.params;
        for (j, u) in self.settings.units.iter_mut().enumerate() {
            *u = [p[hidden.weights + j], p[hidden.biases + j], p[out.weights + j]];
        }
        self.settings.bias = p[out.biases];
    }

    /// The points the fit is trained on and measured against: the target
    /// sampled on [−REACH, REACH], or the drawn points.
    pub fn data(&self) -> Vec<[f64; 2]> {
        match self.settings.target {
            Target::Drawn => self.settings.drawn.iter().map(|p| [p[0] as f64, p[1] as f64]).collect(),
            target => (0..SAMPLES)
                .map(|i| {
                    let x = -REACH + 2.0 * REACH * i as f64 / (SAMPLES - 1) as f64;
                    [x, target.at(x)]
                })
                .collect(),
        }
    }

    /// One full-batch training step on the data with the engine. Returns
    /// false when the parameters stopped being finite (they are then put back).
    pub fn train_step(&mut self) -> bool {
        let data = self.data();
        if data.is_empty() {
            return true;
        }
        let x: Vec<f32> = data.iter().map(|p| p[0] as f32).collect();
        let y: Vec<f32> = data.iter().map(|p| p[1] as f32).collect();
        let before = self.mlp.params.clone();
        self.mlp.forward_train(&x, x.len(), &mut seeded(0, 0), &mut self.tape);
        self.grads.fill(0.0);
        self.mlp.backward(&mut self.tape, &y, &mut self.grads);
        let cfg = OptimizerConfig {
            kind: self.settings.optimizer,
            learning_rate: self.settings.learning_rate,
            ..OptimizerConfig::default()
        };
        self.optimizer.step(&cfg, &mut self.mlp.params, &self.grads, &[]);
        let bounded = self
            .mlp
            .params
            .iter()
            .all(|p| p.is_finite() && p.abs() <= MAX_PARAMETER);
        if !bounded {
            self.mlp.params = before;
            return false;
        }
        self.steps += 1;
        self.store();
        true
    }

    /// The fit at x, by the engine's network.
    pub fn fit(&self, xs: &[f64]) -> Vec<f64> {
        let x: Vec<f32> = xs.iter().map(|&v| v as f32).collect();
        let mut out = vec![0.0; x.len()];
        if !x.is_empty() {
            self.mlp
                .predict(&x, x.len(), &mut crate::nn::Scratch::default(), &mut out);
        }
        out.iter().map(|&v| v as f64).collect()
    }

    /// Neuron j's piece v·f(w·x + b) at x.
    pub fn piece(&self, j: usize, x: f64) -> f64 {
        let [w, b, v] = self.settings.units[j];
        v as f64 * self.settings.activation.apply((w as f64 * x + b as f64) as f32) as f64
    }

    /// The mean squared error of the fit on the data.
    pub fn mse(&self) -> f64 {
        let data = self.data();
        if data.is_empty() {
            return f64::NAN;
        }
        let xs: Vec<f64> = data.iter().map(|p| p[0]).collect();
        let fit = self.fit(&xs);
        data.iter().zip(fit).map(|(p, f)| (f - p[1]).powi(2)).sum::<f64>() / data.len() as f64
    }

    /// The largest gap, over `xs`, between the engine's fit and c plus the
    /// sum of the pieces drawn: they are one function.
    pub fn sum_gap(&self, xs: &[f64]) -> f64 {
        let fit = self.fit(xs);
        xs.iter()
            .zip(fit)
            .map(|(&x, f)| {
                let sum: f64 = (0..self.settings.units.len()).map(|j| self.piece(j, x)).sum();
                (self.settings.bias as f64 + sum - f).abs()
            })
            .fold(0.0, f64::max)
    }

    /// Where neuron j's piece turns (its kink or the middle of its step): x = −b/w.
    pub fn kink(&self, j: usize) -> f64 {
        let [w, b, _] = self.settings.units[j];
        if w == 0.0 {
            0.0
        } else {
            -b as f64 / w as f64
        }
    }

    /// The point of neuron j's piece that sets its height: one unit of w·x
    /// past the kink for a ReLU (the piece is v there), three for a sigmoid
    /// (the step is 95 % up).
    pub fn height_point(&self, j: usize) -> [f64; 2] {
        let w = self.settings.units[j][0] as f64;
        let reach = if self.settings.activation == Activation::Sigmoid {
            3.0
        } else {
            1.0
        };
        let x = self.kink(j) + if w == 0.0 { reach } else { reach / w };
        [x, self.piece(j, x)]
    }

    /// Moves neuron j's kink to x, keeping its weight.
    pub fn move_kink(&mut self, j: usize, x: f64) {
        let w = self.settings.units[j][0] as f64;
        self.settings.units[j][1] = clamp(-w * x);
        self.load();
    }

    /// Sets neuron j's height so that its height point sits at `y`.
    pub fn move_height(&mut self, j: usize, y: f64) {
        let w = self.settings.units[j][0] as f64;
        let reach = if self.settings.activation == Activation::Sigmoid {
            3.0
        } else {
            1.0
        };
        let a = self
            .settings
            .activation
            .apply(if w == 0.0 { 0.0 } else { reach as f32 }) as f64;
        if a.abs() > 1e-6 {
            self.settings.units[j][2] = clamp(y / a);
        }
        self.load();
    }
}

/// A parameter within the link's limits.
fn clamp(v: f64) -> f32 {
    (v as f32).clamp(-MAX_PARAMETER, MAX_PARAMETER)
}

/// The network of the settings: one input, N hidden neurons, one linear output.
fn architecture(s: &ApproxSettings) -> Architecture {
    Architecture {
        inputs: 1,
        hidden: vec![s.units.len().max(1)],
        activations: vec![s.activation],
        outputs: 1,
        head: Head::Identity,
        dropout: 0.0,
        batch_norm: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;

    fn lab(query: &str) -> ApproxLab {
        let (s, errors) = from_query::<ApproxSettings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        ApproxLab::new(s)
    }

    fn xs() -> Vec<f64> {
        (0..=200).map(|i| -REACH + 2.0 * REACH * i as f64 / 200.0).collect()
    }

    #[test]
    fn the_pieces_add_up_to_the_engines_fit() {
        for activation in ACTIVATIONS {
            let (s, errors) = from_query::<ApproxSettings>(&format!(
                "activation={activation}&neurons=7&units=1:0.5:1,-2:1:0.5,3:-2:-1"
            ));
            // Seven neurons change the three units: the link is told so.
            assert_eq!(
                errors,
                [crate::config::ConfigError::Overridden {
                    key: "units",
                    by: "neurons"
                }]
            );
            let mut lab = ApproxLab::new(s);
            assert_eq!(lab.settings.units.len(), 7, "the link's neurons, then four new ones");
            assert!(lab.sum_gap(&xs()) < 1e-5, "{activation}: {}", lab.sum_gap(&xs()));
            for _ in 0..50 {
                lab.train_step();
            }
            assert!(
                lab.sum_gap(&xs()) < 1e-5,
                "{activation} trained: {}",
                lab.sum_gap(&xs())
            );
        }
    }

    #[test]
    fn two_sigmoid_steps_make_a_bump_and_training_fits_the_sine() {
        // Up at −1, down at +1: a bump of height 1 between them.
        let bump = lab("activation=sigmoid&units=20:20:1,20:-20:-1");
        let at = |x: f64| bump.fit(&[x])[0];
        assert!(at(0.0) > 0.99 && at(-2.0).abs() < 0.01 && at(2.0).abs() < 0.01);
        // Training moves the pieces until the fit follows sin.
        let mut fit = lab("target=sin&activation=relu&neurons=8");
        let before = fit.mse();
        for _ in 0..1500 {
            fit.train_step();
        }
        assert!(
            fit.mse() < 0.02 && fit.mse() < before / 10.0,
            "{before} -> {}",
            fit.mse()
        );
    }

    #[test]
    fn the_bump_target_is_the_box_two_sigmoid_steps_build() {
        let box_ = |x: f64| Target::Bump.at(x);
        assert_eq!(
            [box_(-2.0), box_(-0.9), box_(0.0), box_(0.9), box_(2.0)],
            [0.0, 1.0, 1.0, 1.0, 0.0]
        );
        // The lecture's two steps, up at −1 and down at +1, fit the bump
        // closely and the sine not at all.
        let steps = "activation=sigmoid&units=6:6:1,6:-6:-1&bias=0";
        let bump = lab(&format!("target=bump&{steps}"));
        let sin = lab(&format!("target=sin&{steps}"));
        assert!(
            bump.mse() < 0.03 && sin.mse() > 10.0 * bump.mse(),
            "{} {}",
            bump.mse(),
            sin.mse()
        );
    }

    #[test]
    fn dragging_a_kink_and_a_height_sets_b_and_v() {
        let mut lab = lab("activation=relu&units=1:0:1");
        lab.move_kink(0, 1.5);
        assert!((lab.kink(0) - 1.5).abs() < 1e-6);
        lab.move_height(0, 2.0);
        let [x, y] = lab.height_point(0);
        assert!((x - 2.5).abs() < 1e-6 && (y - 2.0).abs() < 1e-5, "{x} {y}");
        let mut step = super::tests::lab("activation=sigmoid&units=4:0:1");
        step.move_height(0, 0.5);
        assert!((step.height_point(0)[1] - 0.5).abs() < 1e-5);
    }

    #[test]
    fn drawn_points_are_the_data_and_bad_neurons_are_reported() {
        let lab = lab("target=drawn&drawn=-2:1,0:0,2:1&activation=sigmoid&units=4:-2:0.5,-3:1:1.25&bias=0.25");
        assert_eq!(lab.data().len(), 3, "the drawn points are the data");
        let (_, errors) = from_query::<ApproxSettings>("units=1:2,3:4:5:6&neurons=99");
        assert_eq!(errors.len(), 2);
    }
}

//! The neuron a(b + Σ w·x): on one input and on two, with any activation
//! or a softmax over three neurons; the lecture's forward pass through a
//! small network with every number; and why linear layers collapse, two
//! stacked neurons beside the one they equal.

use crate::config::table::{join, slider, Configurable, Group, Kind, Setting};
use crate::config::Effect;
use crate::nn::activation::Activation;

/// The activations the lab offers: the core's, and a softmax over three neurons.
pub const ACTIVATIONS: &[&str] = &with_softmax();

/// [`Activation::NAMES`] and then "softmax".
const fn with_softmax() -> [&'static str; Activation::NAMES.len() + 1] {
    let mut names = ["softmax"; Activation::NAMES.len() + 1];
    let mut i = 0;
    while i < Activation::NAMES.len() {
        names[i] = Activation::NAMES[i];
        i += 1;
    }
    names
}

/// The lab's settings, one row each of [`NEURON_SETTINGS`].
#[derive(Clone, Debug, PartialEq)]
pub struct NeuronSettings {
    /// The neuron's activation; None is a softmax over three neurons.
    pub activation: Option<Activation>,
    /// The z at which f(z) and f′(z) are written out.
    pub z: f32,
    /// The softmax's three logits z₁, z₂, z₃.
    pub logits: [f32; 3],
    /// The weight w of the neuron on one input.
    pub w: f32,
    /// Its bias b.
    pub b: f32,
    /// The weights w1, w2 of the neuron on two inputs.
    pub w1: f32,
    /// See `w1`.
    pub w2: f32,
    /// Its bias.
    pub b2: f32,
    /// The inputs x1, x2 of the worked forward pass.
    pub x1: f32,
    /// See `x1`.
    pub x2: f32,
    /// The activation between the two stacked neurons.
    pub stacked: Activation,
    /// The first stacked neuron: a = f(v1·x + c1).
    pub v1: f32,
    /// See `v1`.
    pub c1: f32,
    /// The second: y = v2·a + c2.
    pub v2: f32,
    /// See `v2`.
    pub c2: f32,
}

impl Default for NeuronSettings {
    fn default() -> Self {
        NeuronSettings {
            activation: Some(Activation::Relu),
            z: 0.0,
            logits: [2.0, 1.0, 0.1],
            w: 1.0,
            b: 0.0,
            w1: 1.0,
            w2: -1.0,
            b2: 0.5,
            x1: 1.0,
            x2: 2.0,
            stacked: Activation::Linear,
            v1: 1.5,
            c1: -1.0,
            v2: -1.0,
            c2: 0.5,
        }
    }
}

/// The largest |logit| a link may hold.
pub const MAX_LOGIT: f32 = 20.0;

/// A weight or bias slider over [−5, 5].
const fn parameter() -> Kind {
    slider(-5.0, 5.0, 0.1)
}

macro_rules! parameter_row {
    ($key:literal, $group:ident, $field:ident) => {
        Row::new(
            $key,
            Group::$group,
            parameter(),
            Effect::Live,
            |s| s.$field.to_string(),
            |s, v| s.$field = v.real(),
        )
    };
}

/// A row of the table.
type Row = Setting<NeuronSettings>;

/// Every setting of the lab, in link order.
pub static NEURON_SETTINGS: &[Row] = &[
    Row::new(
        "activation",
        Group::Neuron,
        Kind::Choice {
            options: ACTIVATIONS,
            family: None,
        },
        Effect::Live,
        |s| s.activation.map_or("softmax".to_string(), |a| a.to_string()),
        |s, v| {
            s.activation = match v {
                crate::config::table::Value::Choice("softmax") => None,
                v => Some(v.named()),
            }
        },
    ),
    parameter_row!("z", Neuron, z).applies(|s| s.activation.is_some()),
    Row::new(
        "logits",
        Group::Neuron,
        Kind::Triple {
            min: -MAX_LOGIT,
            max: MAX_LOGIT,
        },
        Effect::Live,
        |s| join(&s.logits),
        |s, v| s.logits = v.triple(),
    )
    .applies(|s| s.activation.is_none()),
    parameter_row!("w", Neuron, w),
    parameter_row!("b", Neuron, b),
    parameter_row!("w1", Neuron2, w1),
    parameter_row!("w2", Neuron2, w2),
    parameter_row!("b2", Neuron2, b2),
    parameter_row!("x1", Neuron2, x1),
    parameter_row!("x2", Neuron2, x2),
    Row::new(
        "stacked",
        Group::Collapse,
        Kind::Choice {
            options: &Activation::NAMES,
            family: None,
        },
        Effect::Live,
        |s| s.stacked.to_string(),
        |s, v| s.stacked = v.named(),
    ),
    parameter_row!("v1", Collapse, v1),
    parameter_row!("c1", Collapse, c1),
    parameter_row!("v2", Collapse, v2),
    parameter_row!("c2", Collapse, c2),
];

impl Configurable for NeuronSettings {
    fn table() -> &'static [Setting<NeuronSettings>] {
        NEURON_SETTINGS
    }
}

/// The neuron lab, in the registry ([`crate::labs::each`]).
pub struct Neuron;

impl crate::labs::Lab for Neuron {
    const NAME: &'static str = "neuron";
    const HANDLE: &'static str = "NeuronLab";
    const EXAMPLE: &'static str =
        "activation=softmax&z=1.5&logits=1,2,3&w=-2.5&b=0.3&w1=4&w2=-1&b2=0&x1=-2&x2=0.5&stacked=elu&v1=1&c1=2&v2=3&c2=-4";
    type Settings = NeuronSettings;
}

/// The activation the one-input neuron applies, ReLU standing in for a softmax
/// where one neuron alone is asked for.
pub fn single(s: &NeuronSettings) -> Activation {
    s.activation.unwrap_or(Activation::Relu)
}

/// The neuron on one input: a(b + w·x), or with a softmax, the probability
/// of the first of three neurons z = (w·x + b, 0, −(w·x + b)).
pub fn neuron(s: &NeuronSettings, x: f32) -> f32 {
    let z = s.w * x + s.b;
    match s.activation {
        Some(a) => a.apply(z),
        None => softmax3(z)[0],
    }
}

/// The softmax of the three neurons (z, 0, −z).
pub fn softmax3(z: f32) -> [f32; 3] {
    let zs = [z, 0.0, -z];
    let max = zs.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v));
    let e = zs.map(|v| (v - max).exp());
    let sum: f32 = e.iter().sum();
    e.map(|v| v / sum)
}

/// The neuron on two inputs: a(b + w1·x1 + w2·x2) (the first probability with a softmax).
pub fn neuron2(s: &NeuronSettings, x1: f32, x2: f32) -> f32 {
    let z = s.w1 * x1 + s.w2 * x2 + s.b2;
    match s.activation {
        Some(a) => a.apply(z),
        None => softmax3(z)[0],
    }
}

/// The softmax of `logits`: pᵢ = e^zᵢ / Σ e^zⱼ, in f64 (the largest
/// logit subtracted first, so that no exponential overflows).
pub fn softmax(logits: [f32; 3]) -> [f64; 3] {
    let max = logits.iter().fold(f32::NEG_INFINITY, |m, &v| m.max(v)) as f64;
    let e = logits.map(|z| (z as f64 - max).exp());
    let sum: f64 = e.iter().sum();
    e.map(|v| v / sum)
}

/// What the function figure shows: f(z) and f′(z) by the core's exact
/// functions; with a softmax, p₁ as z₁ moves (z₂, z₃ held at the logits)
/// and its slope ∂p₁/∂z₁ = p₁(1 − p₁), the Jacobian's first diagonal entry.
pub fn function_and_slope(s: &NeuronSettings, z: f32) -> (f64, f64) {
    match s.activation {
        Some(act) => (act.exact(z as f64), act.exact_slope(z as f64)),
        None => {
            let p = softmax([z, s.logits[1], s.logits[2]])[0];
            (p, p * (1.0 - p))
        }
    }
}

/// The z range of the function figure: [−5, 5] for one neuron; with a
/// softmax, 5 either side of the z₁ where p₁ = ½, which is
/// m = ln(e^z₂ + e^z₃) since p₁ = σ(z₁ − m), widened to hold z₁ itself.
pub fn function_span(s: &NeuronSettings) -> (f64, f64) {
    const HALF: f64 = 5.0;
    if s.activation.is_some() {
        return (-HALF, HALF);
    }
    let [z1, z2, z3] = s.logits.map(f64::from);
    let top = z2.max(z3);
    let middle = top + ((z2 - top).exp() + (z3 - top).exp()).ln();
    ((middle - HALF).min(z1 - 0.5), (middle + HALF).max(z1 + 0.5))
}

/// The numbers the lecture asks about, written out: f(z) and f′(z) at the
/// chosen z, or the softmax's probabilities and its Jacobian's diagonal
/// ∂pᵢ/∂zᵢ = pᵢ(1 − pᵢ) at the logits.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ActivationValue {
    /// One neuron's activation at z.
    Single {
        /// The activation's link name.
        name: String,
        /// The chosen z.
        z: f32,
        /// f(z).
        f: f64,
        /// f′(z).
        slope: f64,
    },
    /// A softmax over three neurons.
    Softmax {
        /// The logits z₁, z₂, z₃.
        logits: [f32; 3],
        /// p₁, p₂, p₃, summing to 1.
        probs: [f64; 3],
        /// ∂pᵢ/∂zᵢ = pᵢ(1 − pᵢ).
        diagonal: [f64; 3],
    },
}

/// [`ActivationValue`] of the settings.
pub fn activation_value(s: &NeuronSettings) -> ActivationValue {
    match s.activation {
        Some(act) => ActivationValue::Single {
            name: act.to_string(),
            z: s.z,
            f: act.exact(s.z as f64),
            slope: act.exact_slope(s.z as f64),
        },
        None => {
            let probs = softmax(s.logits);
            ActivationValue::Softmax {
                logits: s.logits,
                probs,
                diagonal: probs.map(|p| p * (1.0 - p)),
            }
        }
    }
}

/// One neuron of the worked forward pass: z = b + Σ w·x, then a = f(z).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct WorkedNeuron {
    /// The weights, one an input.
    pub weights: Vec<f32>,
    /// The inputs it reads.
    pub inputs: Vec<f32>,
    /// Its bias.
    pub bias: f32,
    /// z = b + Σ w·x.
    pub z: f32,
    /// a = f(z) (the output neuron's f is the identity).
    pub a: f32,
}

/// The second hidden neuron's weights in the worked pass, fixed.
pub const WORKED_SECOND: [f32; 2] = [0.5, 1.0];
/// The second hidden neuron's bias.
pub const WORKED_SECOND_BIAS: f32 = -1.0;
/// The output neuron's weights.
pub const WORKED_OUTPUT: [f32; 2] = [2.0, -1.0];
/// The output neuron's bias.
pub const WORKED_OUTPUT_BIAS: f32 = 0.5;

/// Every number of the worked pass: the two hidden neurons, then the output.
/// It goes through 2 inputs (x1, x2 as set), 2 hidden neurons and 1 output,
/// with the neuron's activation in the hidden layer (ReLU for a softmax) and
/// none at the output. The first hidden neuron is the two-input neuron as
/// set (w1, w2, b2); the second and the output keep fixed weights.
pub fn worked_pass(s: &NeuronSettings) -> Vec<WorkedNeuron> {
    let act = single(s);
    let unit = |weights: &[f32], inputs: &[f32], bias: f32, f: Activation| {
        let z = bias + weights.iter().zip(inputs).map(|(w, x)| w * x).sum::<f32>();
        WorkedNeuron {
            weights: weights.to_vec(),
            inputs: inputs.to_vec(),
            bias,
            z,
            a: f.apply(z),
        }
    };
    let x = [s.x1, s.x2];
    let hidden = [
        unit(&[s.w1, s.w2], &x, s.b2, act),
        unit(&WORKED_SECOND, &x, WORKED_SECOND_BIAS, act),
    ];
    let a: Vec<f32> = hidden.iter().map(|n| n.a).collect();
    let output = unit(&WORKED_OUTPUT, &a, WORKED_OUTPUT_BIAS, Activation::Linear);
    hidden.into_iter().chain([output]).collect()
}

/// Two stacked neurons: y = v2·f(v1·x + c1) + c2.
pub fn stacked(s: &NeuronSettings, x: f32) -> f32 {
    s.v2 * s.stacked.apply(s.v1 * x + s.c1) + s.c2
}

/// The one neuron that two linear ones equal: w = v2·v1, b = v2·c1 + c2.
pub fn collapsed(s: &NeuronSettings) -> (f32, f32) {
    (s.v2 * s.v1, s.v2 * s.c1 + s.c2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;

    fn settings(query: &str) -> NeuronSettings {
        let (s, errors) = from_query::<NeuronSettings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        s
    }

    #[test]
    fn linear_layers_collapse_into_one_and_relu_keeps_them_apart() {
        let s = settings("stacked=linear&v1=2&c1=-1&v2=-0.5&c2=3");
        let (w, b) = collapsed(&s);
        assert_eq!((w, b), (-1.0, 3.5));
        for x in [-4.0_f32, -1.0, 0.0, 0.5, 3.0] {
            assert!((stacked(&s, x) - (w * x + b)).abs() < 1e-6, "x = {x}");
        }
        let relu = settings("stacked=relu&v1=2&c1=-1&v2=-0.5&c2=3");
        let apart = [-4.0_f32, 3.0]
            .iter()
            .any(|&x| (stacked(&relu, x) - (w * x + b)).abs() > 0.5);
        assert!(apart, "ReLU bends the stack away from the line");
    }

    #[test]
    fn the_worked_pass_has_a_dead_neuron_and_a_live_one() {
        let pass = worked_pass(&NeuronSettings::default());
        assert_eq!(pass.len(), 3);
        assert_eq!((pass[0].z, pass[0].a), (-0.5, 0.0));
        assert_eq!((pass[1].z, pass[1].a), (1.5, 1.5));
        assert_eq!((pass[2].z, pass[2].a), (-1.0, -1.0));
        let linear = worked_pass(&settings("activation=linear"));
        assert_eq!(linear[2].z, 0.5 + 2.0 * -0.5 - 1.5);
    }

    #[test]
    fn the_neuron_is_its_activation_of_b_plus_w_x() {
        let s = settings("activation=sigmoid&w=2&b=-1");
        assert!((neuron(&s, 0.5) - 0.5).abs() < 1e-6);
        let p = softmax3(1.3);
        assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-6 && p[0] > p[1] && p[1] > p[2]);
        let soft = settings("activation=softmax&w=1&b=0");
        assert!((neuron(&soft, 0.0) - 1.0 / 3.0).abs() < 1e-6);
        let s2 = settings("activation=tanh&w1=1&w2=2&b2=-3");
        assert!(neuron2(&s2, 1.0, 1.0).abs() < 1e-6);
        let (f, slope) = function_and_slope(&settings("activation=relu"), -1.0);
        assert_eq!((f, slope), (0.0, 0.0));
    }

    #[test]
    fn the_softmax_of_one_two_three_is_the_lectures_090_245_665() {
        // pᵢ = e^i / (e + e² + e³), computed here without the lab's code.
        let e = [1.0_f64.exp(), 2.0_f64.exp(), 3.0_f64.exp()];
        let sum: f64 = e.iter().sum();
        let p = softmax([1.0, 2.0, 3.0]);
        for i in 0..3 {
            assert!((p[i] - e[i] / sum).abs() < 1e-12, "{p:?}");
        }
        let shown = p.map(|v| format!("{v:.3}"));
        assert_eq!(shown, ["0.090", "0.245", "0.665"]);
        // Large logits do not overflow.
        let big = softmax([20.0, 20.0, -20.0]);
        assert!((big[0] - 0.5).abs() < 1e-9 && big[2] < 1e-17, "{big:?}");
        let ActivationValue::Softmax { probs, diagonal, .. } =
            activation_value(&settings("activation=softmax&logits=1,2,3"))
        else {
            panic!("a softmax's value is its probabilities");
        };
        assert_eq!(probs, p);
        for i in 0..3 {
            assert!((diagonal[i] - p[i] * (1.0 - p[i])).abs() < 1e-12);
        }
    }

    #[test]
    fn the_value_at_z_is_each_activations_exact_f_and_slope() {
        // Hand-computed: sigmoid(0) = 1/2, sigmoid′(0) = 1/4, and so on.
        let hand = [
            ("sigmoid", 0.0, 0.5, 0.25),
            ("tanh", 0.0, 0.0, 1.0),
            ("relu", -1.0, 0.0, 0.0),
            ("relu", 2.0, 2.0, 1.0),
            ("leaky-relu", -1.0, -0.01, 0.01),
            ("elu", -1.0, (-1.0_f64).exp() - 1.0, (-1.0_f64).exp()),
            ("linear", 1.5, 1.5, 1.0),
        ];
        for (name, z, f0, slope0) in hand {
            let ActivationValue::Single { f, slope, .. } =
                activation_value(&settings(&format!("activation={name}&z={z}")))
            else {
                panic!("{name} is one neuron's");
            };
            assert!(
                (f - f0).abs() < 1e-6 && (slope - slope0).abs() < 1e-6,
                "{name}({z}) = {f}, slope {slope}"
            );
        }
        // Every activation, at every z, by the core's exact f and f′.
        for act in Activation::ALL {
            for z in [-3.0_f32, -0.5, 0.0, 0.7, 2.5] {
                let value = activation_value(&settings(&format!("activation={act}&z={z}")));
                let want = ActivationValue::Single {
                    name: act.to_string(),
                    z,
                    f: act.exact(z as f64),
                    slope: act.exact_slope(z as f64),
                };
                assert_eq!(value, want);
                let curve = function_and_slope(&settings(&format!("activation={act}")), z);
                assert_eq!(curve, (act.exact(z as f64), act.exact_slope(z as f64)), "{act} at {z}");
            }
        }
    }

    #[test]
    fn with_a_softmax_the_slope_figure_is_the_jacobians_diagonal_not_relus() {
        let s = settings("activation=softmax&logits=1,2,3");
        for z in [-4.0_f32, -1.0, 1.0, 4.0] {
            let (p, slope) = function_and_slope(&s, z);
            let want = softmax([z, 2.0, 3.0])[0];
            assert!(
                (p - want).abs() < 1e-12 && (slope - want * (1.0 - want)).abs() < 1e-12,
                "{z}"
            );
            let relu = Activation::Relu;
            assert_ne!((p, slope), (relu.exact(z as f64), relu.exact_slope(z as f64)));
        }
    }

    #[test]
    fn the_softmax_figure_is_centred_where_p1_is_one_half_and_holds_z1() {
        assert_eq!(function_span(&settings("activation=tanh")), (-5.0, 5.0));
        let s = settings("activation=softmax&logits=1,2,3");
        let (lo, hi) = function_span(&s);
        let middle = (lo + hi) / 2.0;
        assert!((middle - (2.0_f64.exp() + 3.0_f64.exp()).ln()).abs() < 1e-9, "{middle}");
        assert!((function_and_slope(&s, middle as f32).0 - 0.5).abs() < 1e-6);
        let far = function_span(&settings("activation=softmax&logits=-15,19,20"));
        assert!(far.0 <= -15.5 && far.1 > 20.0, "{far:?}");
    }

    #[test]
    fn the_worked_pass_follows_the_inputs_and_the_two_input_neuron() {
        let pass = worked_pass(&settings("x1=2&x2=-1&w1=0.5&w2=3&b2=1"));
        assert_eq!(pass[0].inputs, [2.0, -1.0]);
        assert_eq!(pass[0].weights, [0.5, 3.0]);
        assert_eq!(pass[0].z, 1.0 + 0.5 * 2.0 - 3.0 * 1.0);
        assert_eq!(pass[1].z, -1.0 + 0.5 * 2.0 - 1.0);
        assert_eq!(pass[2].inputs, [pass[0].a, pass[1].a]);
    }

    #[test]
    fn bad_logits_are_refused_and_good_ones_round_trip() {
        for bad in ["1,2", "1,2,3,4", "1,x,3", "1,2,1e9", "1,2,NaN", ""] {
            let (s, errors) = from_query::<NeuronSettings>(&format!("activation=softmax&logits={bad}"));
            assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
            assert_eq!(s.logits, NeuronSettings::default().logits, "{bad}");
        }
        let s = settings("logits=1,-2.5,3");
        assert_eq!(s.logits, [1.0, -2.5, 3.0]);
        assert_eq!(crate::config::table::get(&s, "logits").as_deref(), Some("1,-2.5,3"));
    }

    #[test]
    fn softmax_in_a_link_is_no_single_activation() {
        assert_eq!(settings("activation=softmax").activation, None);
    }
}

//! The neuron a(b + Σ w·x): on one input and on two, with any activation
//! or a softmax over three neurons; the lecture's forward pass through a
//! small network with every number; and why linear layers collapse, two
//! stacked neurons beside the one they equal.

use crate::config::table::{slider, Configurable, Group, Kind, Setting};
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
            w: 1.0,
            b: 0.0,
            w1: 1.0,
            w2: -1.0,
            b2: 0.5,
            stacked: Activation::Linear,
            v1: 1.5,
            c1: -1.0,
            v2: -1.0,
            c2: 0.5,
        }
    }
}

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
    parameter_row!("w", Neuron, w),
    parameter_row!("b", Neuron, b),
    parameter_row!("w1", Neuron2, w1),
    parameter_row!("w2", Neuron2, w2),
    parameter_row!("b2", Neuron2, b2),
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
    const EXAMPLE: &'static str = "activation=softmax&w=-2.5&b=0.3&w1=4&w2=-1&b2=0&stacked=elu&v1=1&c1=2&v2=3&c2=-4";
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

/// f(z) and f′(z) of the neuron's activation (ReLU standing in for a softmax).
pub fn function_and_slope(s: &NeuronSettings, z: f32) -> (f32, f32) {
    let act = single(s);
    let a = act.apply(z);
    (a, act.derivative(z, a))
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

/// The lecture's worked forward pass through 2 inputs, 2 hidden neurons
/// and 1 output, with the neuron's activation in the hidden layer (ReLU for
/// a softmax) and none at the output.
pub const WORKED_INPUT: [f32; 2] = [1.0, 2.0];
/// The hidden layer's weights, one row a neuron.
pub const WORKED_HIDDEN: [[f32; 2]; 2] = [[1.0, -1.0], [0.5, 1.0]];
/// The hidden layer's biases.
pub const WORKED_HIDDEN_BIAS: [f32; 2] = [0.5, -1.0];
/// The output neuron's weights.
pub const WORKED_OUTPUT: [f32; 2] = [2.0, -1.0];
/// The output neuron's bias.
pub const WORKED_OUTPUT_BIAS: f32 = 0.5;

/// Every number of the worked pass: the two hidden neurons, then the output.
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
    let hidden: Vec<WorkedNeuron> = (0..2)
        .map(|j| unit(&WORKED_HIDDEN[j], &WORKED_INPUT, WORKED_HIDDEN_BIAS[j], act))
        .collect();
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
    fn softmax_in_a_link_is_no_single_activation() {
        assert_eq!(settings("activation=softmax").activation, None);
    }
}

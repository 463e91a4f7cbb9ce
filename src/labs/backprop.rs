//! Backpropagation on the network being trained, one point at a time: the
//! forward pass neuron by neuron, the loss, then the chain rule from the
//! loss back, each ∂L/∂w beside a finite-difference estimate of it, and
//! the SGD step they make.
//!
//! The walk takes the real network's parameters and one training point and
//! computes every number in f64, so the chain-rule products shown are exact
//! and agree with central differences to about 1e-8. The engine's own f32
//! gradient (`Mlp::backward`) is computed beside them and compared too.

use crate::config::limits::MAX_POINTS;
use crate::config::table::{point_text, whole, Configurable, Group, Setting};
use crate::config::Effect;
use crate::message::{Code, Message};
use crate::nn::{Activation, Head, Mlp, Tape};
use crate::train::trainer::Trainer;

pub use crate::config::limits::MAX_REPLAY;

/// The lab's own keys; the rest of its link is the playground's.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BackpropSettings {
    /// The training point walked, by its place in the training set.
    pub point: usize,
    /// How many minibatch steps the playground had trained: a link replays
    /// them from its seed to reach the same weights.
    pub steps: u64,
}

/// A row of the table.
type Row = Setting<BackpropSettings>;

/// Every setting of the lab, in link order.
pub static BACKPROP_SETTINGS: &[Row] = &[
    Row::new(
        "point",
        Group::Backprop,
        whole(0, MAX_POINTS as u64 - 1, 1),
        Effect::Live,
        |s| s.point.to_string(),
        |s, v| s.point = v.whole() as usize,
    ),
    steps_row(),
];

/// Settings of a lab that replays the playground's training steps from its
/// seed to reach the same weights.
pub trait Replays {
    /// How many minibatch steps to replay.
    fn steps(&self) -> u64;
    /// Sets them.
    fn set_steps(&mut self, steps: u64);
}

impl Replays for BackpropSettings {
    fn steps(&self) -> u64 {
        self.steps
    }
    fn set_steps(&mut self, steps: u64) {
        self.steps = steps;
    }
}

/// The `steps` row that every lab which [`Replays`] shares.
pub const fn steps_row<S: Replays>() -> Setting<S> {
    Setting::new(
        "steps",
        Group::Replay,
        whole(0, MAX_REPLAY, 1),
        Effect::Reset,
        |s| s.steps().to_string(),
        |s, v| s.set_steps(v.whole()),
    )
}

impl Configurable for BackpropSettings {
    fn table() -> &'static [Setting<BackpropSettings>] {
        BACKPROP_SETTINGS
    }
}

/// The backpropagation lab, in the registry ([`crate::labs::each`]).
pub struct Backprop;

impl crate::labs::Lab for Backprop {
    const NAME: &'static str = "backprop";
    const HANDLE: &'static str = "BackpropLab";
    const EXAMPLE: &'static str = "point=3&steps=120";
    type Settings = BackpropSettings;
}

/// One layer of the walk, hidden layers first and the output layer last.
#[derive(Clone, Debug, PartialEq)]
pub struct WalkLayer {
    /// The layer's activation (the output layer's is `Linear`: its head acts instead).
    pub activation: Activation,
    /// W, one row a neuron: `weights[j][i]` leads from input i to neuron j.
    pub weights: Vec<Vec<f64>>,
    /// b, one a neuron.
    pub biases: Vec<f64>,
    /// What the layer reads: the inputs, or the layer below's a.
    pub inputs: Vec<f64>,
    /// z = b + Σ w·x.
    pub z: Vec<f64>,
    /// a = f(z).
    pub a: Vec<f64>,
    /// f′(z).
    pub slope: Vec<f64>,
    /// ∂L/∂a (for the output layer: unused, its ∂L/∂z comes from the head).
    pub d_a: Vec<f64>,
    /// ∂L/∂z.
    pub d_z: Vec<f64>,
    /// ∂L/∂w = ∂L/∂z · x, shaped like `weights`.
    pub d_w: Vec<Vec<f64>>,
    /// The central difference of L in each weight, shaped like `weights`.
    pub numeric_w: Vec<Vec<f64>>,
    /// The central difference of L in each bias.
    pub numeric_b: Vec<f64>,
}

/// A step of the walk the page shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Neuron `neuron` of `layer` computes z and a.
    Forward {
        /// The layer (0 = the first hidden one).
        layer: usize,
        /// The neuron.
        neuron: usize,
    },
    /// The head's output and the loss.
    Loss,
    /// ∂L/∂a, ∂L/∂z and the gradients of the neuron's weights.
    Backward {
        /// The layer.
        layer: usize,
        /// The neuron.
        neuron: usize,
    },
    /// The SGD step every parameter takes.
    Update,
}

/// The whole computation for one point.
#[derive(Clone, Debug, PartialEq)]
pub struct Walk {
    /// The features the network reads.
    pub input: Vec<f64>,
    /// The target: a class index or a value.
    pub target: f32,
    /// The output head.
    pub head: Head,
    /// The layers.
    pub layers: Vec<WalkLayer>,
    /// The head's outputs.
    pub output: Vec<f64>,
    /// L for this point.
    pub loss: f64,
    /// The SGD step size.
    pub learning_rate: f64,
    /// L for this point after the step w ← w − α·∂L/∂w.
    pub loss_after: f64,
    /// The largest relative difference between a chain-rule gradient and
    /// its finite difference.
    pub grad_check: f64,
    /// The largest difference between the engine's f32 gradient and the
    /// chain rule's, relative to the largest gradient.
    pub engine_check: f64,
}

/// The head's outputs from the output layer's z.
fn activate(head: Head, z: &[f64]) -> Vec<f64> {
    match head {
        Head::Identity => z.to_vec(),
        Head::Sigmoid => vec![Activation::Sigmoid.exact(z[0])],
        Head::Tanh => vec![z[0].tanh()],
        Head::Softmax => {
            let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            let e: Vec<f64> = z.iter().map(|&v| (v - max).exp()).collect();
            let sum: f64 = e.iter().sum();
            e.iter().map(|v| v / sum).collect()
        }
    }
}

/// One point's loss from the output layer's z, computed stably.
fn loss(head: Head, z: &[f64], y: f32) -> f64 {
    let y = y as f64;
    match head {
        Head::Identity => (z[0] - y).powi(2),
        Head::Sigmoid => z[0].max(0.0) - z[0] * y + (-z[0].abs()).exp().ln_1p(),
        Head::Tanh => 0.5 * (z[0].tanh() - (2.0 * y - 1.0)).powi(2),
        Head::Softmax => {
            let max = z.iter().fold(f64::NEG_INFINITY, |m, &v| m.max(v));
            let sum: f64 = z.iter().map(|&v| (v - max).exp()).sum();
            max + sum.ln() - z[y as usize]
        }
    }
}

/// ∂L/∂z of the output layer, from the head's outputs.
fn delta(head: Head, out: &[f64], y: f32) -> Vec<f64> {
    let y = y as f64;
    match head {
        Head::Identity => vec![2.0 * (out[0] - y)],
        Head::Sigmoid => vec![out[0] - y],
        Head::Tanh => vec![(out[0] - (2.0 * y - 1.0)) * (1.0 - out[0] * out[0])],
        Head::Softmax => out
            .iter()
            .enumerate()
            .map(|(j, &p)| p - f64::from(u8::from(j == y as usize)))
            .collect(),
    }
}

/// The layers' shapes and functions, with parameters read from `params`.
struct Net<'a> {
    mlp: &'a Mlp,
}

impl Net<'_> {
    /// The loss at `params` (f64, laid out as the network's).
    fn loss_at(&self, params: &[f64], input: &[f64], y: f32) -> f64 {
        let mut x = input.to_vec();
        for layer in &self.mlp.layers {
            let (n, m) = (layer.outputs, layer.inputs);
            x = (0..n)
                .map(|j| {
                    let w = &params[layer.weights + j * m..layer.weights + (j + 1) * m];
                    let z = params[layer.biases + j] + w.iter().zip(&x).map(|(w, x)| w * x).sum::<f64>();
                    layer.activation.exact(z)
                })
                .collect();
        }
        loss(self.mlp.head, &x, y)
    }
}

/// Why the walk cannot run on this trainer, if it cannot.
pub fn refusal(trainer: &Trainer) -> Option<Message> {
    if trainer.members.len() > 1 {
        return Some(Message::new(Code::LabEnsemble).with("members", trainer.members.len()));
    }
    let mlp = &trainer.members[0].mlp;
    mlp.layers
        .iter()
        .any(|l| l.norm.is_some())
        .then(|| Message::new(Code::LabBatchNorm))
}

impl Walk {
    /// Walks `mlp` on one point (`input` features, `target`), as evaluation
    /// sees the network: without dropout. Batch norm is refused before
    /// (see [`refusal`]).
    pub fn new(mlp: &Mlp, input: &[f32], target: f32, learning_rate: f32) -> Walk {
        let params: Vec<f64> = mlp.params.iter().map(|&p| p as f64).collect();
        let input: Vec<f64> = input.iter().map(|&v| v as f64).collect();
        let mut layers: Vec<WalkLayer> = Vec::with_capacity(mlp.layers.len());
        let mut x = input.clone();
        for layer in &mlp.layers {
            let (n, m) = (layer.outputs, layer.inputs);
            let weights: Vec<Vec<f64>> = (0..n)
                .map(|j| params[layer.weights + j * m..layer.weights + (j + 1) * m].to_vec())
                .collect();
            let biases = params[layer.biases..layer.biases + n].to_vec();
            let z: Vec<f64> = (0..n)
                .map(|j| biases[j] + weights[j].iter().zip(&x).map(|(w, x)| w * x).sum::<f64>())
                .collect();
            let a: Vec<f64> = z.iter().map(|&z| layer.activation.exact(z)).collect();
            let slopes = z.iter().map(|&z| layer.activation.exact_slope(z)).collect();
            layers.push(WalkLayer {
                activation: layer.activation,
                weights,
                biases,
                inputs: x,
                z,
                a: a.clone(),
                slope: slopes,
                d_a: vec![0.0; n],
                d_z: vec![0.0; n],
                d_w: vec![vec![0.0; m]; n],
                numeric_w: vec![vec![0.0; m]; n],
                numeric_b: vec![0.0; n],
            });
            x = a;
        }
        let head = mlp.head;
        let last = layers.last().expect("a network has an output layer");
        let output = activate(head, &last.z);
        let point_loss = loss(head, &last.z, target);

        // Backward: the head gives the output layer's ∂L/∂z; each layer
        // below gets ∂L/∂a from the one above, then ∂L/∂z = ∂L/∂a · f′(z).
        for l in (0..layers.len()).rev() {
            if l + 1 == layers.len() {
                layers[l].d_z = delta(head, &output, target);
            } else {
                let (below, above) = layers.split_at_mut(l + 1);
                let (this, next) = (&mut below[l], &above[0]);
                for j in 0..this.z.len() {
                    this.d_a[j] = next.weights.iter().zip(&next.d_z).map(|(w, d)| w[j] * d).sum();
                    this.d_z[j] = this.d_a[j] * this.slope[j];
                }
            }
            let this = &mut layers[l];
            for j in 0..this.z.len() {
                for i in 0..this.inputs.len() {
                    this.d_w[j][i] = this.d_z[j] * this.inputs[i];
                }
            }
        }

        // Central differences of the loss in every parameter.
        let net = Net { mlp };
        let mut probe = params.clone();
        let mut numeric = |index: usize| {
            let p = probe[index];
            let h = 1e-6 * p.abs().max(1.0);
            probe[index] = p + h;
            let up = net.loss_at(&probe, &input, target);
            probe[index] = p - h;
            let down = net.loss_at(&probe, &input, target);
            probe[index] = p;
            (up - down) / (2.0 * h)
        };
        for (layer, walk) in mlp.layers.iter().zip(&mut layers) {
            let m = layer.inputs;
            for j in 0..layer.outputs {
                for i in 0..m {
                    walk.numeric_w[j][i] = numeric(layer.weights + j * m + i);
                }
                walk.numeric_b[j] = numeric(layer.biases + j);
            }
        }

        let mut walk = Walk {
            input,
            target,
            head,
            layers,
            output,
            loss: point_loss,
            learning_rate: learning_rate as f64,
            loss_after: 0.0,
            grad_check: 0.0,
            engine_check: 0.0,
        };
        let gradient = walk.gradient(mlp);
        walk.grad_check = walk.largest_difference();
        walk.engine_check = engine_difference(mlp, &walk, &gradient);
        let stepped: Vec<f64> = mlp
            .params
            .iter()
            .zip(&gradient)
            .map(|(&p, &g)| (p - learning_rate * g) as f64)
            .collect();
        walk.loss_after = net.loss_at(&stepped, &walk.input, target);
        walk
    }

    /// The chain rule's gradient laid out like the network's parameters.
    pub fn gradient(&self, mlp: &Mlp) -> Vec<f32> {
        let mut g = vec![0.0_f32; mlp.params.len()];
        for (layer, walk) in mlp.layers.iter().zip(&self.layers) {
            let m = layer.inputs;
            for j in 0..layer.outputs {
                for i in 0..m {
                    g[layer.weights + j * m + i] = walk.d_w[j][i] as f32;
                }
                g[layer.biases + j] = walk.d_z[j] as f32;
            }
        }
        g
    }

    /// The largest relative difference between a chain-rule gradient and
    /// its central difference, over every weight and bias. The difference
    /// itself is good to about 1e-10 (f64 rounding over its step), so
    /// gradients under 1e-6 are compared as if they were 1e-6.
    fn largest_difference(&self) -> f64 {
        let relative = |chain: f64, numeric: f64| (chain - numeric).abs() / chain.abs().max(numeric.abs()).max(1e-6);
        self.layers
            .iter()
            .flat_map(|l| {
                let weights = l
                    .d_w
                    .iter()
                    .flatten()
                    .zip(l.numeric_w.iter().flatten())
                    .map(|(&c, &n)| relative(c, n));
                let biases = l.d_z.iter().zip(&l.numeric_b).map(|(&c, &n)| relative(c, n));
                weights.chain(biases).collect::<Vec<_>>()
            })
            .fold(0.0, f64::max)
    }

    /// The steps the page shows, in order.
    pub fn stages(&self) -> Vec<Stage> {
        let forward = self
            .layers
            .iter()
            .enumerate()
            .flat_map(|(layer, l)| (0..l.z.len()).map(move |neuron| Stage::Forward { layer, neuron }));
        let backward = self
            .layers
            .iter()
            .enumerate()
            .rev()
            .flat_map(|(layer, l)| (0..l.z.len()).map(move |neuron| Stage::Backward { layer, neuron }));
        forward
            .chain([Stage::Loss])
            .chain(backward)
            .chain([Stage::Update])
            .collect()
    }
}

/// The largest gap between the engine's f32 gradient of this point and the
/// walk's, relative to the walk's largest gradient.
fn engine_difference(mlp: &Mlp, walk: &Walk, chain: &[f32]) -> f64 {
    let mut eval = mlp.clone();
    // The walk sees the network without dropout, as evaluation does.
    for layer in &mut eval.layers {
        layer.dropout = 0.0;
    }
    let input: Vec<f32> = walk.input.iter().map(|&v| v as f32).collect();
    let mut tape = Tape::default();
    eval.forward_eval(&input, 1, &mut tape);
    let mut engine = vec![0.0; eval.params.len()];
    eval.backward(&mut tape, &[walk.target], &mut engine);
    let scale = chain.iter().fold(0.0_f32, |m, g| m.max(g.abs())).max(1e-12);
    engine
        .iter()
        .zip(chain)
        .map(|(e, c)| ((e - c).abs() / scale) as f64)
        .fold(0.0, f64::max)
}

/// Takes the walk's SGD step on the trainer's network: w ← w − α·∂L/∂w
/// for every weight and bias.
pub fn apply(trainer: &mut Trainer, walk: &Walk) {
    let mlp = &mut trainer.members[0].mlp;
    let gradient = walk.gradient(mlp);
    let rate = walk.learning_rate as f32;
    for (p, g) in mlp.params.iter_mut().zip(&gradient) {
        *p -= rate * g;
    }
    trainer.version += 1;
}

/// Replays a link's hand steps (`[steps, point]` each, see
/// `TrainingSettings::applied`) on a trainer fresh from its settings:
/// trains to each one's step count, then takes the walk's SGD step on its
/// point. Stops, saying why, at a step that cannot be taken here.
pub fn replay_applied(trainer: &mut Trainer, applied: &[[f32; 2]]) -> Result<(), Message> {
    for &[steps, point] in applied {
        if let Some(refused) = refusal(trainer) {
            return Err(refused);
        }
        let (point, n) = (point as usize, trainer.data.train.y.len());
        if point >= n {
            return Err(crate::config::ConfigError::OutOfRange {
                key: "backprop",
                value: point_text([steps, point as f32], ':'),
                min: "0".into(),
                max: (n.max(1) - 1).to_string(),
            }
            .message());
        }
        if !trainer.replay(steps as u64, u64::MAX) {
            return Ok(()); // halted: the trainer says why
        }
        let w = trainer.data.width;
        let walk = Walk::new(
            &trainer.members[0].mlp,
            &trainer.data.train.x[point * w..(point + 1) * w],
            trainer.data.train.y[point],
            trainer.training.optimizer.learning_rate,
        );
        apply(trainer, &walk);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::table::from_query;
    use crate::config::Settings;

    fn trainer(query: &str) -> Trainer {
        let (settings, errors) = from_query::<Settings>(query);
        assert!(errors.is_empty(), "{errors:?}");
        Trainer::new(&settings)
    }

    fn walk(t: &Trainer, point: usize) -> Walk {
        let w = t.data.width;
        let x = &t.data.train.x[point * w..(point + 1) * w];
        Walk::new(
            &t.members[0].mlp,
            x,
            t.data.train.y[point],
            t.training.optimizer.learning_rate,
        )
    }

    #[test]
    fn every_gradient_agrees_with_its_finite_difference_for_every_activation_and_head() {
        let heads = [
            ("dataset=xor&output=sigmoid", "sigmoid"),
            ("dataset=circle&output=tanh", "tanh"),
            ("dataset=blobs&classes=4&output=softmax", "softmax"),
            ("dataset=sin&output=identity", "identity"),
        ];
        for (data, head) in heads {
            for activation in Activation::NAMES {
                let mut t = trainer(&format!("{data}&layers=5,3&activation={activation}&seed=3"));
                for _ in 0..3 {
                    t.train_epoch();
                }
                for point in [0, 7] {
                    let w = walk(&t, point);
                    assert!(w.grad_check < 1e-4, "{head} {activation}: {}", w.grad_check);
                    assert!(w.engine_check < 1e-4, "{head} {activation}: engine {}", w.engine_check);
                }
            }
        }
    }

    #[test]
    fn the_chain_rule_is_the_product_the_page_writes() {
        let t = trainer("dataset=xor&layers=3,2&activation=tanh&seed=5");
        let w = walk(&t, 2);
        let (hidden, top) = (&w.layers[1], &w.layers[2]);
        for j in 0..2 {
            let d_a: f64 = top.weights.iter().zip(&top.d_z).map(|(w, d)| w[j] * d).sum();
            assert_eq!(hidden.d_a[j], d_a);
            assert_eq!(hidden.d_z[j], d_a * (1.0 - hidden.z[j].tanh().powi(2)));
            assert_eq!(hidden.d_w[j][1], hidden.d_z[j] * w.layers[0].a[1]);
        }
        // sigmoid + cross-entropy: ∂L/∂z = p − y.
        assert_eq!(top.d_z[0], w.output[0] - t.data.train.y[2] as f64);
        let stages = w.stages();
        assert_eq!(stages.len(), 2 * (3 + 2 + 1) + 2);
        assert_eq!(stages[0], Stage::Forward { layer: 0, neuron: 0 });
        assert_eq!(stages[6], Stage::Loss);
        assert_eq!(stages[7], Stage::Backward { layer: 2, neuron: 0 });
        assert_eq!(*stages.last().unwrap(), Stage::Update);
    }

    #[test]
    fn the_step_lowers_this_points_loss_as_predicted() {
        let mut t = trainer("dataset=circle&layers=4&activation=relu&lr=0.03&seed=2");
        let w = walk(&t, 4);
        assert!(w.loss_after < w.loss, "{} -> {}", w.loss, w.loss_after);
        apply(&mut t, &w);
        let after = walk(&t, 4);
        assert!(
            (after.loss - w.loss_after).abs() < 1e-9,
            "{} vs {}",
            after.loss,
            w.loss_after
        );
    }

    #[test]
    fn batch_norm_and_ensembles_are_refused_dropout_is_walked_without() {
        assert_eq!(
            refusal(&trainer("batchNorm=1&layers=4")).map(|m| m.code),
            Some(Code::LabBatchNorm)
        );
        assert_eq!(
            refusal(&trainer("ensemble=3&layers=4")).map(|m| m.code),
            Some(Code::LabEnsemble)
        );
        let t = trainer("dropout=0.5&layers=4&seed=1");
        assert_eq!(refusal(&t), None);
        assert!(walk(&t, 0).grad_check < 1e-4);
    }

    #[test]
    fn a_links_hand_steps_replayed_from_the_seed_reach_the_same_weights_and_loss() {
        let base = "dataset=circle&layers=4&activation=tanh&lr=0.1&seed=3";
        let mut t = trainer(base);
        let mut taken = Vec::new();
        for (steps, point) in [(7, 4), (7, 9), (30, 2)] {
            assert!(t.replay(steps, u64::MAX));
            let w = walk(&t, point);
            apply(&mut t, &w);
            taken.push(format!("{steps}:{point}"));
        }
        let before = t.evaluate_split(crate::train::trainer::Split::Train).loss;
        let (settings, errors) = from_query::<Settings>(&format!("{base}&backprop={}", taken.join(",")));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(settings.training.applied, [[7.0, 4.0], [7.0, 9.0], [30.0, 2.0]]);
        let mut again = Trainer::new(&settings);
        replay_applied(&mut again, &settings.training.applied).expect("replayed");
        assert_eq!(again.steps, t.steps);
        assert_eq!(
            again.members[0].mlp.params, t.members[0].mlp.params,
            "the same weights, bit for bit"
        );
        let after = again.evaluate_split(crate::train::trainer::Split::Train).loss;
        assert_eq!(after, before);
        // Without the hand steps the loss is another.
        let mut plain = trainer(base);
        plain.replay(30, u64::MAX);
        assert_ne!(plain.evaluate_split(crate::train::trainer::Split::Train).loss, before);
    }

    #[test]
    fn hand_steps_a_link_cannot_hold_are_refused_and_the_rest_of_it_opens() {
        for bad in ["7:1.5", "7.5:1", "9:1,7:2", "200001:1", "1:5000", "x", "1:2:3"] {
            let (settings, errors) = from_query::<Settings>(&format!("layers=4&backprop={bad}"));
            assert_eq!(errors.len(), 1, "{bad}: {errors:?}");
            assert!(settings.training.applied.is_empty(), "{bad}");
            assert_eq!(settings.network.hidden, [4], "{bad}: the rest of the link holds");
        }
        let many = (0..=crate::config::limits::MAX_APPLIED)
            .map(|i| format!("{i}:0"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            from_query::<Settings>(&format!("backprop={many}")).1.len(),
            1,
            "a bound on their number"
        );
        // A point the data does not have is said when replayed, the run kept.
        let (settings, _) = from_query::<Settings>("points=10&backprop=0:900");
        let mut t = Trainer::new(&settings);
        let said = replay_applied(&mut t, &settings.training.applied).expect_err("no point 900");
        assert_eq!(said.code, Code::OutOfRange);
    }
}

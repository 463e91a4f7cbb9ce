//! `Mlp::backward` and the penalty gradients checked against central
//! differences of the losses they differentiate.
//!
//! The engine computes in f32, so the differences are taken over a step of
//! 1e-2 in each parameter, accumulated in f64, and compared with a tolerance
//! of 1e-3 plus 1% of the numeric value. Inputs lie in [−1, 1] so that the
//! truncation error of the central difference stays well inside it.
//!
//! Every training pass draws its dropout masks from a generator seeded
//! afresh, so with dropout on the loss is still one smooth function of the
//! parameters: the one with that mask held fixed. Only one check uses it.

use neuroplay::config::Regularization;
use neuroplay::nn::{Activation, Architecture, Head, Init, Mlp, Tape};
use neuroplay::random::{normal, seeded, uniform, Rng};
use neuroplay::train::trainer::{add_penalty_gradient, penalty};

/// Step of the central difference.
const EPS: f32 = 1e-2;

fn within_tolerance(analytic: f64, numeric: f64) -> bool {
    (analytic - numeric).abs() <= 1e-3 + 1e-2 * numeric.abs()
}

fn architecture(
    inputs: usize,
    hidden: &[usize],
    activations: &[Activation],
    head: Head,
    outputs: usize,
) -> Architecture {
    Architecture {
        inputs,
        hidden: hidden.to_vec(),
        activations: activations.to_vec(),
        outputs,
        head,
        dropout: 0.0,
        batch_norm: false,
    }
}

/// A network whose every parameter (biases, γ and β included) is moved off
/// its initial value, so that no term of the gradient hides behind a 0 or a 1.
fn network(arch: &Architecture, rng: &mut Rng) -> Mlp {
    let mut mlp = Mlp::new(arch, Init::Xavier, rng);
    for p in &mut mlp.params {
        *p += 0.3 * normal(rng);
    }
    mlp
}

fn inputs(rows: usize, width: usize, rng: &mut Rng) -> Vec<f32> {
    (0..rows * width).map(|_| uniform(rng, -1.0, 1.0)).collect()
}

/// Targets the head trains on: values for identity, 0/1 for sigmoid and
/// tanh, class indices for softmax. Every class occurs.
fn targets(head: Head, classes: usize, rows: usize, rng: &mut Rng) -> Vec<f32> {
    (0..rows)
        .map(|i| match head {
            Head::Identity => normal(rng),
            _ => (i % classes) as f32,
        })
        .collect()
}

/// The mean loss of a training pass whose dropout masks (if any) are the
/// same on every call.
fn train_loss(mlp: &Mlp, x: &[f32], y: &[f32], tape: &mut Tape) -> f32 {
    mlp.forward_train(x, y.len(), &mut seeded(0, 0), tape);
    mlp.loss(tape, y)
}

/// Signs of the pre-activations of every layer whose activation has a kink.
fn kink_signs(mlp: &Mlp, tape: &Tape) -> Vec<bool> {
    mlp.layers
        .iter()
        .zip(&tape.layers)
        .filter(|(layer, _)| layer.activation.has_kink())
        .flat_map(|(_, t)| t.pre().iter().map(|&p| p > 0.0))
        .collect()
}

/// What a gradient check compared.
struct Checked {
    /// ∂L/∂params from `backward`.
    analytic: Vec<f32>,
    /// Parameters whose perturbation crossed a kink and so were not compared.
    skipped: usize,
}

/// Compares `backward` with central differences of `loss` for every
/// parameter, skipping those whose perturbation moves a pre-activation
/// across the kink of ReLU, leaky ReLU or ELU (the derivative jumps there).
fn check_gradients(mlp: &Mlp, x: &[f32], y: &[f32], what: &str) -> Checked {
    let mut tape = Tape::default();
    train_loss(mlp, x, y, &mut tape);
    let signs = kink_signs(mlp, &tape);
    let mut analytic = vec![0.0; mlp.params.len()];
    mlp.backward(&mut tape, y, &mut analytic);

    let mut probe = mlp.clone();
    let mut skipped = 0;
    for (i, &a) in analytic.iter().enumerate() {
        probe.params[i] = mlp.params[i] + EPS;
        let plus = train_loss(&probe, x, y, &mut tape) as f64;
        let kink = kink_signs(&probe, &tape) != signs;
        probe.params[i] = mlp.params[i] - EPS;
        let minus = train_loss(&probe, x, y, &mut tape) as f64;
        let kink = kink || kink_signs(&probe, &tape) != signs;
        probe.params[i] = mlp.params[i];
        if kink {
            skipped += 1;
            continue;
        }
        let numeric = (plus - minus) / (2.0 * EPS as f64);
        assert!(
            within_tolerance(a as f64, numeric),
            "{what}: parameter {i} ({}): analytic {a}, numeric {numeric}",
            describe(mlp, i),
        );
    }
    let largest = analytic.iter().fold(0.0_f32, |m, g| m.max(g.abs()));
    assert!(
        largest > 1e-2,
        "{what}: the gradient is too small ({largest}) to test anything"
    );
    Checked { analytic, skipped }
}

/// Which layer and which kind of parameter sits at index `i`.
fn describe(mlp: &Mlp, i: usize) -> String {
    for (l, layer) in mlp.layers.iter().enumerate() {
        let n = layer.outputs;
        if layer.weight_range().contains(&i) {
            return format!("W of layer {l}");
        }
        if (layer.biases..layer.biases + n).contains(&i) {
            return format!("b of layer {l}");
        }
        if let Some((gamma, beta)) = layer.norm {
            if (gamma..gamma + n).contains(&i) {
                return format!("γ of layer {l}");
            }
            if (beta..beta + n).contains(&i) {
                return format!("β of layer {l}");
            }
        }
    }
    "nothing".into()
}

#[test]
fn backward_matches_finite_differences_for_every_hidden_activation() {
    for (seed, act) in Activation::ALL.into_iter().enumerate() {
        let mut rng = seeded(10 + seed as u64, 0);
        let arch = architecture(3, &[5, 4], &[act, act], Head::Identity, 1);
        let mlp = network(&arch, &mut rng);
        let x = inputs(6, 3, &mut rng);
        let y = targets(Head::Identity, 1, 6, &mut rng);
        let checked = check_gradients(&mlp, &x, &y, act.name());
        // A kink is crossed only where a pre-activation lies within about
        // EPS of zero; most parameters must still have been compared.
        assert!(
            checked.skipped * 5 <= mlp.params.len(),
            "{act}: {} of {} parameters skipped",
            checked.skipped,
            mlp.params.len()
        );
    }
}

/// A single sample runs through other kernels (across neurons, not
/// samples): they are checked the same way, for every activation and head.
#[test]
fn backward_of_a_single_sample_matches_finite_differences() {
    for (seed, act) in Activation::ALL.into_iter().enumerate() {
        for head in Head::ALL {
            let classes = if head == Head::Softmax { 3 } else { 2 };
            let mut rng = seeded(40 + seed as u64, 0);
            // Seven inputs and widths of 6 and 5: lanes of four and tails.
            let arch = architecture(7, &[6, 5], &[act, act], head, head.outputs(classes));
            let mlp = network(&arch, &mut rng);
            let x = inputs(1, 7, &mut rng);
            let y = targets(head, classes, 1, &mut rng);
            check_gradients(&mlp, &x, &y, &format!("{act}, {head}, one sample"));
        }
    }
}

/// A batch cut into chunks, each scaled by 1/(batch size), adds up to the
/// gradient of the whole batch's mean loss.
#[test]
fn chunks_of_a_batch_add_up_to_the_batch_gradient() {
    let mut rng = seeded(50, 0);
    let arch = architecture(3, &[6, 5], &[Activation::Relu, Activation::Tanh], Head::Softmax, 3);
    let mlp = network(&arch, &mut rng);
    let (x, y) = (inputs(10, 3, &mut rng), targets(Head::Softmax, 3, 10, &mut rng));
    let mut tape = Tape::default();
    let mut whole = vec![0.0; mlp.params.len()];
    mlp.forward_train(&x, 10, &mut seeded(0, 0), &mut tape);
    mlp.backward(&mut tape, &y, &mut whole);
    let mut chunked = vec![0.0; mlp.params.len()];
    for (start, end) in [(0, 4), (4, 9), (9, 10)] {
        mlp.forward_train(&x[start * 3..end * 3], end - start, &mut seeded(0, 0), &mut tape);
        mlp.backward_scaled(&mut tape, &y[start..end], 0.1, &mut chunked);
    }
    for (i, (a, b)) in whole.iter().zip(&chunked).enumerate() {
        assert!((a - b).abs() <= 1e-6 * (1.0 + a.abs()), "parameter {i}: {a} vs {b}");
    }
}

#[test]
fn backward_matches_finite_differences_for_every_output_head() {
    for head in Head::ALL {
        let classes = match head {
            Head::Identity => 1,
            Head::Softmax => 4,
            Head::Sigmoid | Head::Tanh => 2,
        };
        let mut rng = seeded(20, 0);
        let arch = architecture(2, &[5], &[Activation::Tanh], head, head.outputs(classes));
        let mlp = network(&arch, &mut rng);
        let x = inputs(8, 2, &mut rng);
        let y = targets(head, classes, 8, &mut rng);
        check_gradients(&mlp, &x, &y, head.name());
    }
}

#[test]
fn batch_norm_gradients_of_weights_biases_scale_and_shift_match_finite_differences() {
    let mut rng = seeded(30, 0);
    let mut arch = architecture(3, &[5, 4], &[Activation::Tanh, Activation::Sigmoid], Head::Softmax, 3);
    arch.batch_norm = true;
    let mlp = network(&arch, &mut rng);
    let x = inputs(10, 3, &mut rng);
    let y = targets(Head::Softmax, 3, 10, &mut rng);
    let checked = check_gradients(&mlp, &x, &y, "batch norm");

    // Every kind of parameter took part with a gradient worth comparing.
    // (The biases of a normalised layer are cancelled by the mean
    // subtraction; their gradient must be zero, and was compared as such.)
    for layer in &mlp.layers[..2] {
        let (gamma, beta) = layer.norm.expect("hidden layers are normalised");
        for (name, at) in [("γ", gamma), ("β", beta)] {
            let g = &checked.analytic[at..at + layer.outputs];
            assert!(g.iter().any(|g| g.abs() > 1e-3), "{name} gradients {g:?}");
        }
        let gb = &checked.analytic[layer.biases..layer.biases + layer.outputs];
        assert!(gb.iter().all(|g| g.abs() < 1e-5), "normalised biases {gb:?}");
    }
}

#[test]
fn backward_follows_the_dropout_mask_of_its_forward_pass() {
    let mut rng = seeded(45, 0);
    let mut arch = architecture(3, &[6, 5], &[Activation::Tanh; 2], Head::Identity, 1);
    arch.dropout = 0.5;
    let mlp = network(&arch, &mut rng);
    let x = inputs(6, 3, &mut rng);
    let y = targets(Head::Identity, 1, 6, &mut rng);

    // The mask drops units, and a perturbed network sees the very same mask.
    let (mut tape, mut probe_tape) = (Tape::default(), Tape::default());
    train_loss(&mlp, &x, &y, &mut tape);
    let mut probe = mlp.clone();
    probe.params[0] += EPS;
    train_loss(&probe, &x, &y, &mut probe_tape);
    for (l, (t, p)) in tape.layers[..2].iter().zip(&probe_tape.layers).enumerate() {
        assert!(t.mask.contains(&0.0), "layer {l} drops nothing");
        assert_eq!(t.mask, p.mask, "layer {l}");
    }

    check_gradients(&mlp, &x, &y, "dropout");
}

#[test]
fn backward_matches_finite_differences_through_a_deep_mixed_network() {
    let acts = [
        Activation::Tanh,
        Activation::Elu,
        Activation::Sigmoid,
        Activation::LeakyRelu,
        Activation::Relu,
    ];
    let mut rng = seeded(40, 0);
    let arch = architecture(2, &[6, 5, 5, 4, 4], &acts, Head::Softmax, 3);
    let mlp = network(&arch, &mut rng);
    let x = inputs(8, 2, &mut rng);
    let y = targets(Head::Softmax, 3, 8, &mut rng);
    let checked = check_gradients(&mlp, &x, &y, "deep network");
    assert!(checked.skipped * 5 <= mlp.params.len(), "{} skipped", checked.skipped);
    // The first layer is five layers from the loss and still learns.
    let first = &checked.analytic[mlp.layers[0].weight_range()];
    assert!(first.iter().any(|g| g.abs() > 1e-3), "first-layer gradients {first:?}");
}

/// A network whose weights all lie at least 0.1 from zero, where |w| is smooth.
fn network_away_from_zero(rng: &mut Rng) -> Mlp {
    let mut arch = architecture(3, &[4, 3], &[Activation::Tanh; 2], Head::Sigmoid, 1);
    arch.batch_norm = true;
    let mut mlp = network(&arch, rng);
    for layer in mlp.layers.clone() {
        for w in &mut mlp.params[layer.weight_range()] {
            if w.abs() < 0.1 {
                *w = 0.1_f32.copysign(*w);
            }
        }
    }
    mlp
}

#[test]
fn penalty_gradients_match_finite_differences_and_spare_biases() {
    let rate = 0.7;
    for reg in [Regularization::L1, Regularization::L2] {
        let mlp = network_away_from_zero(&mut seeded(50, 0));
        let mut analytic = vec![0.0; mlp.params.len()];
        add_penalty_gradient(&mlp, reg, rate, &mut analytic);
        let mut probe = mlp.clone();
        for (i, &a) in analytic.iter().enumerate() {
            probe.params[i] = mlp.params[i] + EPS;
            let plus = penalty(&probe, reg, rate) as f64;
            probe.params[i] = mlp.params[i] - EPS;
            let minus = penalty(&probe, reg, rate) as f64;
            probe.params[i] = mlp.params[i];
            let numeric = (plus - minus) / (2.0 * EPS as f64);
            assert!(
                within_tolerance(a as f64, numeric),
                "{reg:?}: parameter {i} ({}): analytic {a}, numeric {numeric}",
                describe(&mlp, i),
            );
        }

        let is_weight = |i: usize| mlp.layers.iter().any(|l| l.weight_range().contains(&i));
        for (i, &g) in analytic.iter().enumerate() {
            if is_weight(i) {
                assert!(g.abs() >= rate * 0.1 - 1e-6, "{reg:?}: weight {i} got {g}");
            } else {
                assert_eq!(g, 0.0, "{reg:?}: {} must not be penalised", describe(&mlp, i));
            }
        }
    }
}

#[test]
fn penalty_gradients_add_to_what_is_there_and_vanish_without_a_penalty() {
    let mlp = network_away_from_zero(&mut seeded(51, 0));
    let before: Vec<f32> = (0..mlp.params.len()).map(|i| i as f32).collect();
    for (reg, rate) in [(Regularization::None, 0.7), (Regularization::L2, 0.0)] {
        let mut grads = before.clone();
        add_penalty_gradient(&mlp, reg, rate, &mut grads);
        assert_eq!(grads, before, "{reg:?} at rate {rate}");
        assert_eq!(penalty(&mlp, reg, rate), 0.0);
    }
    let mut grads = before.clone();
    add_penalty_gradient(&mlp, Regularization::L2, 0.5, &mut grads);
    for layer in &mlp.layers {
        for i in layer.weight_range() {
            assert!((grads[i] - (before[i] + 0.5 * mlp.params[i])).abs() < 1e-5);
        }
    }
}

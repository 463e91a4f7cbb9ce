//! What changes between a training and an evaluation pass: dropout's masks
//! and batch norm's statistics.

use neuroplay::nn::mlp::{RunningStats, BN_EPS, BN_MOMENTUM};
use neuroplay::nn::{Activation, Architecture, Head, Init, Mlp, Tape};
use neuroplay::random::{normal, seeded, Rng};

fn network(hidden: &[usize], dropout: f32, batch_norm: bool, rng: &mut Rng) -> Mlp {
    let arch = Architecture {
        inputs: 3,
        hidden: hidden.to_vec(),
        activations: vec![Activation::Tanh; hidden.len()],
        outputs: 1,
        head: Head::Identity,
        dropout,
        batch_norm,
    };
    let mut mlp = Mlp::new(&arch, Init::Xavier, rng);
    // Non-zero biases, and γ, β away from 1 and 0.
    for p in &mut mlp.params {
        *p += 0.3 * normal(rng);
    }
    mlp
}

/// Rows of inputs whose columns have means and spreads far from 0 and 1.
fn offset_inputs(rows: usize, rng: &mut Rng) -> Vec<f32> {
    (0..rows)
        .flat_map(|_| [2.0 + 3.0 * normal(rng), -1.0 + 0.5 * normal(rng), 0.5 * normal(rng)])
        .collect::<Vec<_>>()
}

/// Neuron `j`'s values over the batch, from one of a layer tape's buffers
/// (neuron-major: each neuron's batch is one padded row; `Tape::row` reads it).
fn neuron(tape: &Tape, values: &[f32], j: usize) -> Vec<f64> {
    tape.row(values, j).iter().map(|&v| v as f64).collect()
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// Biased variance, as batch norm normalises with it.
fn variance(v: &[f64]) -> f64 {
    let m = mean(v);
    v.iter().map(|x| (x - m).powi(2)).sum::<f64>() / v.len() as f64
}

/// Unbiased variance, as batch norm's running average keeps it (and PyTorch's).
fn unbiased_variance(v: &[f64]) -> f64 {
    let n = v.len() as f64;
    variance(v) * n / (n - 1.0)
}

#[test]
fn inverted_dropout_keeps_the_expected_activation_of_evaluation() {
    let mut rng = seeded(60, 0);
    let mlp = network(&[16], 0.5, false, &mut rng);
    let rows = 4;
    let x = offset_inputs(rows, &mut rng);

    let mut tape = Tape::default();
    mlp.forward_eval(&x, rows, &mut tape);
    assert!(tape.layers[0].mask.is_empty(), "evaluation drops nothing");
    let hidden_eval = tape.layers[0].output().to_vec();
    let logits_eval = tape.layers[1].z.clone();

    // Sums and sums of squares of the hidden outputs and the logits
    // (linear in the hidden outputs) over many training passes.
    let passes = 4000;
    let mut hidden = vec![(0.0_f64, 0.0_f64); hidden_eval.len()];
    let mut logits = vec![(0.0_f64, 0.0_f64); logits_eval.len()];
    let mut dropped = 0usize;
    for _ in 0..passes {
        mlp.forward_train(&x, rows, &mut rng, &mut tape);
        let t = &tape.layers[0];
        dropped += t.mask.iter().filter(|&&m| m == 0.0).count();
        for (s, &v) in hidden
            .iter_mut()
            .zip(t.output())
            .chain(logits.iter_mut().zip(&tape.layers[1].z))
        {
            s.0 += v as f64;
            s.1 += (v as f64).powi(2);
        }
    }
    let share = dropped as f64 / (passes * hidden_eval.len()) as f64;
    assert!((share - 0.5).abs() < 0.01, "dropped share {share}");

    // The training mean lies within five standard errors of the evaluation value.
    let n = passes as f64;
    for (what, sums, eval) in [("hidden", &hidden, &hidden_eval), ("logit", &logits, &logits_eval)] {
        for (i, (&(sum, squares), &e)) in sums.iter().zip(eval).enumerate() {
            let m = sum / n;
            let standard_error = ((squares / n - m * m).max(0.0) / n).sqrt();
            assert!(
                (m - e as f64).abs() <= 5.0 * standard_error + 1e-4,
                "{what} {i}: training mean {m}, evaluation {e}, standard error {standard_error}"
            );
        }
    }
}

#[test]
fn batch_norm_standardises_each_neuron_over_the_training_batch() {
    let mut rng = seeded(61, 0);
    let mlp = network(&[6, 4], 0.0, true, &mut rng);
    let rows = 32;
    let x = offset_inputs(rows, &mut rng);
    let mut tape = Tape::default();
    mlp.forward_train(&x, rows, &mut rng, &mut tape);

    for (l, layer) in mlp.layers[..2].iter().enumerate() {
        let (n, t) = (layer.outputs, &tape.layers[l]);
        let (gamma, beta) = layer.norm.expect("hidden layers are normalised");
        let mut raw_is_off = false;
        for j in 0..n {
            let z = neuron(&tape, &t.z, j);
            raw_is_off |= mean(&z).abs() > 0.1 || (variance(&z) - 1.0).abs() > 0.1;
            let xhat = neuron(&tape, &t.xhat, j);
            assert!(mean(&xhat).abs() < 1e-5, "layer {l}, neuron {j}: mean {}", mean(&xhat));
            // Var x̂ = Var z / (Var z + ε).
            assert!(
                (variance(&xhat) - 1.0).abs() < 1e-3,
                "layer {l}, neuron {j}: variance {}",
                variance(&xhat)
            );
            // γ·x̂ + β has mean β and standard deviation |γ|.
            let pre = neuron(&tape, t.pre(), j);
            let (g, b) = (mlp.params[gamma + j] as f64, mlp.params[beta + j] as f64);
            assert!((mean(&pre) - b).abs() < 1e-5, "layer {l}, neuron {j}: shift");
            assert!(
                (variance(&pre).sqrt() - g.abs()).abs() < 1e-3,
                "layer {l}, neuron {j}: scale"
            );
        }
        assert!(
            raw_is_off,
            "layer {l}: z was already standardised, so the test shows nothing"
        );
    }
}

#[test]
fn batch_norm_evaluates_with_the_running_averages() {
    let mut rng = seeded(62, 0);
    let mut mlp = network(&[6, 4], 0.0, true, &mut rng);
    for (l, stats) in mlp.running.iter_mut().enumerate() {
        if let Some(stats) = stats {
            let n = stats.mean.len();
            *stats = RunningStats {
                mean: (0..n).map(|j| 0.3 * j as f32 - 0.5 * l as f32).collect(),
                var: (0..n).map(|j| 0.5 + 0.4 * j as f32).collect(),
            };
        }
    }
    let rows = 8;
    let x = offset_inputs(rows, &mut rng);
    let mut tape = Tape::default();
    mlp.forward_eval(&x, rows, &mut tape);
    for (l, stats) in mlp.running.iter().enumerate() {
        let Some(stats) = stats else { continue };
        let t = &tape.layers[l];
        for j in 0..stats.mean.len() {
            let inv_std = 1.0 / (stats.var[j] as f64 + BN_EPS as f64).sqrt();
            let (z, xhat) = (neuron(&tape, &t.z, j), neuron(&tape, &t.xhat, j));
            for (b, (z, xhat)) in z.into_iter().zip(xhat).enumerate() {
                let expected = (z - stats.mean[j] as f64) * inv_std;
                assert!(
                    (xhat - expected).abs() < 1e-5,
                    "layer {l}, neuron {j}, sample {b}: {xhat} vs {expected}"
                );
            }
        }
    }

    // So a sample's evaluation does not depend on the batch it comes in.
    let batch_out = tape.out.clone();
    for r in 0..rows {
        mlp.forward_eval(&x[r * 3..(r + 1) * 3], 1, &mut tape);
        assert!((tape.out[0] - batch_out[r]).abs() < 1e-6, "row {r}");
    }
}

#[test]
fn running_averages_follow_the_training_batches() {
    let mut rng = seeded(63, 0);
    let mut mlp = network(&[5], 0.0, true, &mut rng);
    let rows = 16;
    let x = offset_inputs(rows, &mut rng);
    let mut train_tape = Tape::default();
    mlp.forward_train(&x, rows, &mut rng, &mut train_tape);

    // One update moves the running averages from (0, 1) a step BN_MOMENTUM
    // towards the batch's mean and unbiased variance, as PyTorch does: with
    // 16 rows the two variances differ by 16/15, far above the tolerance.
    let n = 5;
    mlp.update_running_stats(&train_tape);
    let stats = mlp.running[0].clone().expect("hidden layer is normalised");
    for j in 0..n {
        let z = neuron(&train_tape, &train_tape.layers[0].z, j);
        let momentum = BN_MOMENTUM as f64;
        let (m, v) = (momentum * mean(&z), (1.0 - momentum) + momentum * unbiased_variance(&z));
        assert!(
            (unbiased_variance(&z) - variance(&z)) * momentum > 1e-3,
            "neuron {j}: the biased variance would pass too"
        );
        assert!(
            (stats.mean[j] as f64 - m).abs() < 1e-5,
            "neuron {j}: mean {} vs {m}",
            stats.mean[j]
        );
        assert!(
            (stats.var[j] as f64 - v).abs() < 1e-4,
            "neuron {j}: variance {} vs {v}",
            stats.var[j]
        );
    }

    // After many updates with the same batch they are its mean and
    // unbiased variance, and evaluation normalises with those.
    for _ in 0..300 {
        mlp.update_running_stats(&train_tape);
    }
    let stats = mlp.running[0].clone().expect("hidden layer is normalised");
    for j in 0..n {
        let z = neuron(&train_tape, &train_tape.layers[0].z, j);
        assert!((stats.mean[j] as f64 - mean(&z)).abs() < 1e-4, "neuron {j}: mean");
        let v = unbiased_variance(&z);
        assert!(
            (stats.var[j] as f64 - v).abs() < 1e-4 * (1.0 + v),
            "neuron {j}: variance"
        );
    }
    let mut eval_tape = Tape::default();
    mlp.forward_eval(&x, rows, &mut eval_tape);
    let t = &eval_tape.layers[0];
    for j in 0..n {
        let (z, xhat) = (neuron(&eval_tape, &t.z, j), neuron(&eval_tape, &t.xhat, j));
        let inv_std = 1.0 / (unbiased_variance(&z) + BN_EPS as f64).sqrt();
        for (b, (z, xhat)) in z.iter().zip(xhat).enumerate() {
            let expected = (z - mean(&neuron(&eval_tape, &t.z, j))) * inv_std;
            assert!(
                (xhat - expected).abs() < 1e-3,
                "neuron {j}, row {b}: {xhat} vs {expected}"
            );
        }
    }
}

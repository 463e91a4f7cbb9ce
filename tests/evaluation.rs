//! The reported loss is the true mean loss of the model shown: taken from
//! the logits with no cap, and for an ensemble the cross-entropy of its
//! members' mean probability.

mod common;

use common::trainer;
use neuroplay::data::prepared::Part;
use neuroplay::train::Trainer;

/// A part of the given points and targets, featurised as the run's data are.
fn part(t: &Trainer, points: &[[f32; 2]], y: &[f32]) -> Part {
    let mut x = Vec::new();
    t.data.featurize(points, &mut x);
    Part {
        points: points.to_vec(),
        x,
        y: y.to_vec(),
    }
}

/// Sets member `m`'s single layer (no hidden layers) to W and b.
fn set_linear(t: &mut Trainer, m: usize, w: &[f32], b: &[f32]) {
    let mlp = &mut t.members[m].mlp;
    let layer = mlp.layers[0].clone();
    mlp.params[layer.weight_range()].copy_from_slice(w);
    mlp.params[layer.biases..layer.biases + b.len()].copy_from_slice(b);
}

#[test]
fn a_confidently_wrong_point_costs_its_whole_cross_entropy() {
    // z = −10·x1 − 10·x2: at (2, 2) z = −40, so class 1 has p = σ(−40) and
    // its loss is 40 + ln(1 + e^−40) ≈ 40, far beyond a cap at p = 1e−7 (16.1).
    let mut t = trainer("dataset=gauss&layers=&output=sigmoid");
    set_linear(&mut t, 0, &[-10.0, -10.0], &[0.0]);
    let wrong = part(&t, &[[2.0, 2.0], [-2.0, -2.0]], &[1.0, 0.0]);
    let m = t.evaluate(&wrong);
    assert!((m.loss - 40.0).abs() < 1e-3, "loss {}", m.loss);
    assert_eq!(m.accuracy, 0.0);

    // Three classes, softmax: the logits (0, 30, −30) for class 0 cost
    // ln(1 + e^30 + e^−30) ≈ 30.
    let mut t = trainer("dataset=blobs&classes=3&layers=&output=softmax");
    set_linear(&mut t, 0, &[0.0; 6], &[0.0, 30.0, -30.0]);
    let m = t.evaluate(&part(&t, &[[0.0, 0.0]], &[0.0]));
    assert!((m.loss - 30.0).abs() < 1e-3, "loss {}", m.loss);
}

#[test]
fn an_ensemble_costs_the_cross_entropy_of_its_mean_probability() {
    // One member is sure and right (p ≈ 1), the other sure and wrong
    // (p = e^−40): the mean probability is ½, its loss ln 2, not the mean
    // of the members' losses (20).
    let mut t = trainer("dataset=gauss&layers=&output=sigmoid&ensemble=2");
    set_linear(&mut t, 0, &[10.0, 10.0], &[0.0]);
    set_linear(&mut t, 1, &[-10.0, -10.0], &[0.0]);
    let point = part(&t, &[[2.0, 2.0]], &[1.0]);
    let m = t.evaluate(&point);
    assert!((m.loss - std::f32::consts::LN_2).abs() < 1e-4, "loss {}", m.loss);

    // Both wrong by different margins: −ln((e^−40 + e^−44)/2), exactly.
    set_linear(&mut t, 0, &[-11.0, -11.0], &[0.0]);
    let m = t.evaluate(&point);
    let expected = 40.0 - ((1.0 + (-4.0_f64).exp()) / 2.0).ln();
    assert!((m.loss as f64 - expected).abs() < 1e-3, "loss {} vs {expected}", m.loss);
}

#[test]
fn the_recorded_loss_is_the_mean_of_every_points_loss_from_its_logits() {
    // An overfitted run makes confident mistakes on its test points: the
    // history's figure must be the plain mean of the per-point
    // cross-entropies, recomputed here in f64.
    let mut t =
        trainer("dataset=spirals&classes=3&points=100&layers=8,8&activation=relu&init=he&optimizer=adam&lr=0.03");
    common::train(&mut t, 300);
    let recorded = t.history.last().unwrap().test.loss as f64;
    let test = &t.data.test;
    let mlp = &t.members[0].mlp;
    let mut tape = neuroplay::nn::Tape::default();
    mlp.forward_eval(&test.x, test.len(), &mut tape);
    let logits = &tape.layers.last().unwrap().act;
    let mut sum = 0.0_f64;
    let mut worst = 0.0_f64;
    for (b, &y) in test.y.iter().enumerate() {
        let z: Vec<f64> = (0..3).map(|j| logits[j * tape.stride + b] as f64).collect();
        let max = z.iter().cloned().fold(f64::NEG_INFINITY, f64::max);
        let lse = max + z.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
        let loss = lse - z[y as usize];
        worst = worst.max(loss);
        sum += loss;
    }
    let mean = sum / test.len() as f64;
    assert!(worst > 16.2, "the run has a point beyond the old cap: worst {worst}");
    assert!(
        (recorded - mean).abs() < 1e-3 * mean,
        "recorded {recorded}, true mean {mean}"
    );
}

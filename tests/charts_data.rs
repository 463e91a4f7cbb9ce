//! What the charts plot, in numbers: each layer's gradient size recorded
//! by the trainer, the validation curve early stopping decides on, and the
//! epoch "restore best" puts back.

mod common;

use common::{train, trainer};
use neuroplay::view::curves::{Curves, Measure, MAX_POINTS};

/// The lecture's deep-sigmoid preset.
const DEEP_SIGMOID: &str = "dataset=spiral&layers=8,8,8,8,8,8&activation=sigmoid&features=x1,x2&lr=0.03";
/// The lecture's early-stopping preset.
const EARLY_STOPPING: &str =
    "dataset=circle&points=80&noise=0.35&layers=16,16,16&activation=relu&optimizer=adam&lr=0.01&init=he&patience=30";

/// Each layer's gradient size in the last record, input side first.
fn last_sizes(query: &str, epochs: usize) -> Vec<f32> {
    let mut t = trainer(query);
    assert!(
        t.history.last().unwrap().gradients.as_slice().is_empty(),
        "no step before epoch 1"
    );
    train(&mut t, epochs);
    t.history.last().unwrap().gradients.as_slice().to_vec()
}

#[test]
fn deep_sigmoids_pass_the_early_layers_gradients_orders_of_magnitude_smaller() {
    let sizes = last_sizes(DEEP_SIGMOID, 3);
    assert_eq!(sizes.len(), 7, "six hidden layers and the output: {sizes:?}");
    assert!(sizes.iter().all(|v| v.is_finite() && *v > 0.0), "{sizes:?}");
    // σ′ ≤ ¼: each sigmoid layer passes back at most a quarter, and with
    // small weights much less. Two orders of magnitude from the first
    // layer to the output.
    let (first, last) = (sizes[0], sizes[6]);
    assert!(first < last / 100.0, "first {first:e}, output {last:e}");
    // And they grow layer by layer towards the output.
    assert!(sizes.windows(2).all(|w| w[0] < w[1]), "{sizes:?}");
}

#[test]
fn relus_of_the_same_depth_keep_their_gradients_within_one_order_of_magnitude() {
    let sizes = last_sizes(&DEEP_SIGMOID.replace("sigmoid", "relu"), 3);
    let (lo, hi) = sizes
        .iter()
        .fold((f32::MAX, 0f32), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    assert!(hi < 10.0 * lo, "{sizes:?}");
}

#[test]
fn the_gradient_size_is_the_mean_absolute_gradient_of_one_full_batch_step() {
    // One step an epoch (the batch holds every point): the record is that
    // step's mean |∂L/∂w| per layer, computed here from the same gradient.
    let query = "dataset=xor&points=40&layers=3&activation=tanh&batch=1000&optimizer=sgd&lr=0.1";
    let mut t = trainer(query);
    let mlp = t.members[0].mlp.clone();
    let (x, y, n) = (
        t.data.train_inputs().to_vec(),
        t.data.train.y.clone(),
        t.data.train.len(),
    );
    train(&mut t, 1);
    let mut tape = neuroplay::nn::Tape::default();
    let mut grads = vec![0.0; mlp.params.len()];
    let mut rng = neuroplay::random::seeded(0, 0);
    mlp.forward_train(&x, n, &mut rng, &mut tape);
    mlp.backward_scaled(&mut tape, &y, 1.0 / n as f32, &mut grads);
    let sizes = t.history.last().unwrap().gradients;
    assert_eq!(sizes.layers, 2);
    for (layer, &recorded) in mlp.layers.iter().zip(sizes.as_slice()) {
        let g = &grads[layer.weight_range()];
        let mean = g.iter().map(|v| v.abs()).sum::<f32>() / g.len() as f32;
        assert!((recorded - mean).abs() <= 1e-5 * mean.max(1e-6), "{recorded} vs {mean}");
    }
}

#[test]
fn the_best_epoch_is_the_minimum_of_the_validation_curve_and_restoring_shows_it() {
    let mut t = trainer(EARLY_STOPPING);
    while t.train_epoch() {}
    let best = t.best.as_ref().expect("early stopping keeps the best epoch").epoch;
    let curves = Curves::new(&t.history, Measure::Loss, MAX_POINTS);
    assert_eq!(
        curves.validation.len(),
        t.history.len(),
        "one validation point per epoch"
    );
    let (epoch, _) = curves.validation_minimum().unwrap();
    assert_eq!(epoch as usize, best);
    // The test curve's minimum is elsewhere: the chart must show validation.
    let test_min = curves
        .test
        .iter()
        .fold((0.0, f32::MAX), |m, p| if p.1 < m.1 { *p } else { m });
    assert_ne!(
        test_min.0 as usize, best,
        "this preset's test minimum differs from its validation one"
    );

    let last = t.epoch;
    assert!(last > best && t.restored.is_none());
    assert!(t.restore_best());
    assert_eq!(t.restored, Some(best));
    let validation = t.data.validation.clone();
    let loss = t.evaluate(&validation).loss;
    let recorded = t.history.records[best].validation.unwrap().loss;
    assert!(
        (loss - recorded).abs() < 1e-6,
        "restored validation loss {loss} is epoch {best}'s {recorded}"
    );
    t.halt = None;
    t.step();
    assert_eq!(t.restored, None, "a step moves on from the restored epoch");
}

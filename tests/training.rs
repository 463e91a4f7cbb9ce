//! What training with fixed seeds achieves, and how it stops.
//!
//! Each test builds its run from a share link, as the page does, and trains
//! only as long as the behaviour needs, so the suite stays fast in debug builds.

mod common;

use common::{train, trainer};
use neuroplay::data::datasets::LECTURE_TABLE;
use neuroplay::message::{Code, Param};
use neuroplay::train::{Halt, OptimizerKind, Trainer};

fn test_accuracy(t: &mut Trainer) -> f32 {
    let test = t.data.test.clone();
    t.evaluate(&test).accuracy
}

fn test_loss(t: &mut Trainer) -> f32 {
    let test = t.data.test.clone();
    t.evaluate(&test).loss
}

/// Chance on the circle is one half; a half-plane cannot do much better.
const NEAR_CHANCE: f32 = 0.75;
/// What a model that can represent the circle reaches in the same training.
const SEPARATED: f32 = 0.95;

fn train_loss(t: &Trainer) -> f32 {
    t.history.last().expect("recorded").train.loss
}

/// A linear model cannot separate the circle, though training works: its
/// loss falls to the best a line can do (a near-constant prediction, about
/// ln 2), and the same model on the features x1², x2² separates it.
#[test]
fn a_network_without_hidden_layers_stays_near_chance_on_the_circle() {
    let mut t = trainer("dataset=circle&layers=&lr=0.1");
    let untrained = train_loss(&t);
    train(&mut t, 100);
    let accuracy = test_accuracy(&mut t);
    assert!(accuracy < NEAR_CHANCE, "test accuracy {accuracy}");
    let trained = train_loss(&t);
    assert!(
        trained < untrained && (trained - std::f32::consts::LN_2).abs() < 0.03,
        "train loss {untrained} → {trained}"
    );

    let mut rescued = trainer("dataset=circle&layers=&lr=0.1&features=x1,x2,x1sq,x2sq");
    train(&mut rescued, 100);
    let accuracy = test_accuracy(&mut rescued);
    assert!(accuracy >= SEPARATED, "with x1², x2²: test accuracy {accuracy}");
}

/// Stacked linear layers compute one affine map (the output at a midpoint
/// is the mean of the outputs at the ends), so they fail like a single
/// layer, where the same stack with tanh separates the circle.
#[test]
fn stacked_linear_layers_collapse_and_stay_near_chance_on_the_circle() {
    let mut t = trainer("dataset=circle&layers=8,8&activation=linear");
    train(&mut t, 100);
    let accuracy = test_accuracy(&mut t);
    assert!(accuracy < NEAR_CHANCE, "test accuracy {accuracy}");
    let logit = |t: &Trainer, p: [f32; 2]| {
        let mut tape = neuroplay::nn::Tape::default();
        t.members[0].mlp.forward_eval(&p, 1, &mut tape);
        tape.layers.last().unwrap().act[0]
    };
    let (a, b) = ([-4.0, 1.5], [3.0, -2.0]);
    let mid = logit(&t, [-0.5, -0.25]);
    let ends = 0.5 * (logit(&t, a) + logit(&t, b));
    assert!(
        (mid - ends).abs() < 1e-4 * (1.0 + ends.abs()),
        "affine: {mid} vs {ends}"
    );

    let mut bent = trainer("dataset=circle&layers=8,8&activation=tanh");
    train(&mut bent, 100);
    let accuracy = test_accuracy(&mut bent);
    assert!(accuracy >= SEPARATED, "with tanh: test accuracy {accuracy}");
    let mid = logit(&bent, [-0.5, -0.25]);
    let ends = 0.5 * (logit(&bent, a) + logit(&bent, b));
    assert!((mid - ends).abs() > 0.1, "tanh bends the map: {mid} vs {ends}");
}

#[test]
fn a_small_tanh_network_separates_the_circle() {
    let mut t = trainer("dataset=circle&layers=4,4&activation=tanh");
    train(&mut t, 60);
    let accuracy = test_accuracy(&mut t);
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
}

#[test]
fn one_hidden_layer_solves_xor() {
    let mut t = trainer("dataset=xor&layers=8&activation=tanh");
    train(&mut t, 40);
    let accuracy = test_accuracy(&mut t);
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
}

#[test]
fn softmax_classifies_three_blobs() {
    let mut t = trainer("dataset=blobs&classes=3&output=softmax&layers=4");
    assert_eq!(t.members[0].mlp.outputs(), 3);
    train(&mut t, 20);
    let accuracy = test_accuracy(&mut t);
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
}

#[test]
fn a_tanh_network_fits_the_sine() {
    let mut t = trainer("dataset=sin&layers=8,8&activation=tanh&optimizer=adam&lr=0.01");
    let untrained = test_loss(&mut t);
    train(&mut t, 150);
    let mse = test_loss(&mut t);
    assert!(untrained > 0.2, "untrained test MSE {untrained}");
    assert!(mse < 0.02, "test MSE {mse}");
}

#[test]
fn linear_regression_on_x_and_x_squared_recovers_the_lecture_table() {
    // Standardised inputs make plain gradient descent well conditioned; the
    // five training points fit y = w1·x + w2·x² + b exactly.
    let mut t =
        trainer("dataset=table&layers=&features=x1,x1sq&output=identity&standardize=1&trainShare=0.9&batch=10&lr=0.3");
    assert_eq!(t.data.train.len(), LECTURE_TABLE.len() - 1);
    train(&mut t, 1500);

    // Back to raw units: ŷ = Σ w·(x − μ)/σ + b = Σ (w/σ)·x + (b − Σ w·μ/σ).
    let mlp = &t.members[0].mlp;
    let layer = &mlp.layers[0];
    let w = &mlp.params[layer.weight_range()];
    let b = mlp.params[layer.biases] as f64;
    let s = &t.data.standardizer;
    let raw: Vec<f64> = (0..2).map(|j| w[j] as f64 / s.std[j] as f64).collect();
    let bias = b
        - (0..2)
            .map(|j| w[j] as f64 * s.mean[j] as f64 / s.std[j] as f64)
            .sum::<f64>();
    assert!(raw[0].abs() < 1e-3, "weight of x: {}", raw[0]);
    assert!((raw[1] - 2.0).abs() < 1e-3, "weight of x²: {}", raw[1]);
    assert!((bias - 1.0).abs() < 1e-3, "bias: {bias}");
    // The held-out point lies on the same parabola.
    let mse = test_loss(&mut t);
    assert!(mse < 1e-4, "test MSE {mse}");
}

#[test]
fn early_stopping_restores_the_best_epoch_exactly() {
    let patience = 5;
    let mut t = trainer(&format!(
        "dataset=sin&noise=0.6&points=100&layers=16&optimizer=adam&lr=0.02&batchNorm=1&patience={patience}"
    ));
    let mut params_by_epoch = vec![t.members[0].mlp.params.clone()];
    let mut running_by_epoch = vec![t.members[0].mlp.running.clone()];
    while t.train_epoch() {
        params_by_epoch.push(t.members[0].mlp.params.clone());
        running_by_epoch.push(t.members[0].mlp.running.clone());
        assert!(t.epoch < 500, "early stopping never stopped");
    }
    params_by_epoch.push(t.members[0].mlp.params.clone());
    running_by_epoch.push(t.members[0].mlp.running.clone());

    let best = t.best.clone().expect("a best epoch is kept");
    assert_eq!(t.halt, Some(Halt::EarlyStopped { best_epoch: best.epoch }));
    assert!(
        best.epoch > 1,
        "training improved for a while (best epoch {})",
        best.epoch
    );
    assert_eq!(
        t.epoch,
        best.epoch + patience,
        "stopped after exactly `patience` epochs without improvement"
    );

    // The best epoch has the lowest validation loss of the whole history.
    let validation = |epoch: usize| {
        t.history.records[epoch]
            .validation
            .expect("validation is recorded")
            .loss
    };
    assert_eq!(validation(best.epoch), best.validation_loss);
    for r in &t.history.records {
        assert!(
            validation(r.epoch) >= best.validation_loss,
            "epoch {} beat the best",
            r.epoch
        );
    }

    assert_ne!(
        t.members[0].mlp.params, params_by_epoch[best.epoch],
        "training moved on"
    );
    assert!(t.restore_best());
    assert_eq!(t.members[0].mlp.params, params_by_epoch[best.epoch]);
    assert_eq!(t.members[0].mlp.running, running_by_epoch[best.epoch]);
    let part = t.data.validation.clone();
    assert_eq!(
        t.evaluate(&part).loss,
        best.validation_loss,
        "the restored network is the best one"
    );
}

#[test]
fn a_diverging_run_halts_at_the_step_it_diverged_and_records_only_finite_losses() {
    for query in [
        // Raw squares up to 121 at lr = 10: the end-of-epoch evaluation overflows first.
        "dataset=table&layers=&features=x1,x1sq&output=identity&lr=10",
        // The training loss itself overflows in the middle of the first epoch.
        "dataset=sin&layers=8&lr=10",
    ] {
        let mut t = trainer(query);
        while t.train_epoch() {
            assert!(t.epoch < 100, "{query}: lr = 10 should diverge");
        }
        let halt = t.halt.clone().expect("halted");
        let Halt::Diverged {
            step, learning_rate, ..
        } = halt
        else {
            panic!("{query}: expected divergence, got {halt:?}");
        };
        assert_eq!(step, t.steps, "{query}");
        assert_eq!(learning_rate, 10.0, "{query}");
        let message = halt.message();
        assert_eq!(message.code, Code::Diverged);
        assert_eq!(message.param("step"), Some(&Param::Number(step as f64)), "{halt}");
        for r in &t.history.records {
            let losses = [r.train.loss, r.test.loss];
            assert!(
                losses.iter().all(|l| l.is_finite()),
                "{query}: epoch {}: {losses:?}",
                r.epoch
            );
        }

        // A halted run stays halted.
        let (records, params) = (t.history.len(), t.members[0].mlp.params.clone());
        assert!(!t.step() && !t.train_epoch());
        assert_eq!((t.steps, t.history.len()), (step, records), "{query}");
        assert_eq!(t.members[0].mlp.params, params, "{query}");

        // Replayed, every step before the named one is fine.
        let mut replay = trainer(query);
        for _ in 1..step {
            assert!(replay.step(), "{query}: halted early: {:?}", replay.halt);
        }
        assert!(replay.members[0].mlp.is_finite());
        assert!(!replay.step());
        assert_eq!(replay.halt, Some(halt), "{query}");
    }
}

#[test]
fn zero_initialisation_keeps_every_neuron_of_a_layer_identical() {
    let mut t = trainer("dataset=circle&init=zero&layers=4,3&activation=sigmoid&optimizer=adam");
    train(&mut t, 20);
    let mlp = &t.members[0].mlp;
    let p = &mlp.params;
    for (l, pair) in mlp.layers.windows(2).enumerate() {
        let (layer, next) = (&pair[0], &pair[1]);
        let m = layer.inputs;
        let w = &p[layer.weight_range()];
        assert!(w.iter().any(|&v| v != 0.0), "layer {l} learned nothing");
        for j in 1..layer.outputs {
            // Incoming weights, bias and outgoing weights of neuron j are neuron 0's.
            assert_eq!(w[j * m..(j + 1) * m], w[..m], "layer {l}, neuron {j} in");
            assert_eq!(p[layer.biases + j], p[layer.biases], "layer {l}, neuron {j} bias");
            let out = &p[next.weight_range()];
            for k in 0..next.outputs {
                assert_eq!(
                    out[k * layer.outputs + j],
                    out[k * layer.outputs],
                    "layer {l}, neuron {j} out"
                );
            }
        }
    }
}

#[test]
fn every_optimizer_lowers_the_loss_on_xor() {
    for kind in OptimizerKind::ALL {
        let mut t = trainer(&format!("dataset=xor&layers=8&optimizer={kind}"));
        let before = t.history.records[0].train.loss;
        train(&mut t, 5);
        let after = t.history.last().expect("recorded").train.loss;
        assert!(after < 0.9 * before, "{kind}: train loss {before} → {after}");
    }
}

/// 250 training points in batches of 83 leave a remainder of one point,
/// whose zero variance used to drag batch norm's running variance down;
/// it is now folded into the previous batch. Under Adam the biases of
/// normalised layers, whose true gradient is zero, stay exactly zero.
#[test]
fn batch_norm_survives_a_one_point_remainder_and_keeps_its_biases_at_zero() {
    let mut t = common::trainer("dataset=circle&layers=8&batchNorm=1&optimizer=adam&lr=0.01&batch=83&seed=3");
    common::train(&mut t, 200);
    let accuracy = t.history.last().unwrap().test.accuracy;
    assert!(accuracy >= 0.95, "test accuracy {accuracy}");
    let mlp = &t.members[0].mlp;
    let hidden = &mlp.layers[0];
    assert!(mlp.params[hidden.biases..hidden.biases + hidden.outputs]
        .iter()
        .all(|&b| b == 0.0));
}

/// One unit of work never runs more than STEP_CHUNK rows through one
/// network: a step of 600 rows on three networks is nine units, and the
/// end-of-epoch record of 750 train and 750 test points another eighteen.
#[test]
fn training_work_comes_in_short_units() {
    use neuroplay::train::evaluation::EVAL_CHUNK;
    use neuroplay::train::trainer::STEP_CHUNK;
    let mut t = trainer("dataset=circle&points=1500&batch=600&ensemble=3&layers=4");
    assert_eq!(
        (STEP_CHUNK, EVAL_CHUNK),
        (256, 256),
        "the counts below assume chunks of 256"
    );
    assert_eq!(t.steps_per_epoch(), 2, "750 points: 600, then 150");
    let mut units = Vec::new();
    let mut last = (t.steps, t.epoch);
    let mut count = 0;
    while t.epoch == 0 {
        assert!(t.advance());
        count += 1;
        if (t.steps, t.epoch) != last {
            units.push(count);
            count = 0;
            last = (t.steps, t.epoch);
        }
    }
    // A step is counted at its first unit: step 1 has 3 × 3 units, step 2
    // (150 rows) 3 × 1, and the epoch ends after the record's 18.
    assert_eq!(units, vec![1, 8 + 1, 2 + 18], "{units:?}");
    assert_eq!(t.history.len(), 2);
}

/// Spreading the work differently (unit by unit, step by step, epoch by
/// epoch) gives bit-identical runs.
#[test]
fn how_the_work_is_cut_changes_nothing() {
    let query = "dataset=spiral&points=700&batch=300&layers=6,6&dropout=0.2&ensemble=2&optimizer=adam&lr=0.01";
    let mut by_epoch = trainer(query);
    train(&mut by_epoch, 3);
    let mut by_step = trainer(query);
    while by_step.epoch < 3 {
        assert!(by_step.step());
    }
    let mut by_unit = trainer(query);
    while by_unit.epoch < 3 {
        assert!(by_unit.advance());
    }
    for other in [&by_step, &by_unit] {
        assert_eq!(other.history, by_epoch.history);
        for (a, b) in other.members.iter().zip(&by_epoch.members) {
            assert_eq!(a.mlp.params, b.mlp.params);
        }
    }
}

/// The steps of an epoch: whole batches, and a last partial one unless it
/// would hold a single point (that joins the batch before).
#[test]
fn the_steps_of_an_epoch_are_counted_as_taken() {
    for (batch, expected) in [(10, 25), (1, 250), (83, 3), (3, 83), (250, 1), (5000, 1), (249, 1)] {
        let mut t = trainer(&format!("dataset=circle&batch={batch}&layers=2"));
        assert_eq!(t.steps_per_epoch(), expected, "batch {batch}");
        let mut steps = 0;
        while t.epoch == 0 {
            assert!(t.step());
            steps += 1;
            if t.epoch == 0 {
                assert_eq!(t.step_in_epoch(), steps, "batch {batch}");
            }
        }
        assert_eq!(steps, expected, "batch {batch}");
        assert_eq!(t.step_in_epoch(), 0);
    }
}

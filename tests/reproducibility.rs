//! One seed plus the settings reproduce a run bit for bit; another seed does not.

mod common;

use common::{train, trainer};
use neuroplay::train::History;

/// Every member's parameters and the history after `epochs` epochs.
fn run(query: &str, epochs: usize) -> (Vec<Vec<f32>>, History) {
    let mut t = trainer(query);
    train(&mut t, epochs);
    (t.members.iter().map(|m| m.mlp.params.clone()).collect(), t.history)
}

/// Runs whose randomness comes from different places: initial weights and
/// batch order only, dropout masks, augmentation jitter, ensemble members.
const RUNS: [&str; 5] = [
    "dataset=circle&layers=4,2",
    "dataset=circle&layers=4,2&dropout=0.3",
    "dataset=circle&layers=4,2&augment=0.3",
    "dataset=circle&layers=4,2&ensemble=3",
    "dataset=spiral&noise=0.3&layers=6,4&dropout=0.3&augment=0.3&ensemble=3&batchNorm=1&optimizer=adam&lr=0.01",
];

const EPOCHS: usize = 5;

#[test]
fn the_same_seed_reproduces_parameters_and_history_bit_for_bit() {
    for query in RUNS {
        let query = format!("{query}&seed=7");
        let (params, history) = run(&query, EPOCHS);
        let (again_params, again_history) = run(&query, EPOCHS);
        assert_eq!(params, again_params, "{query}");
        assert_eq!(history, again_history, "{query}");
        assert_eq!(history.len(), EPOCHS + 1);
    }
}

#[test]
fn a_different_seed_gives_different_parameters_and_history() {
    for query in RUNS {
        let (params, history) = run(&format!("{query}&seed=7"), EPOCHS);
        let (other_params, other_history) = run(&format!("{query}&seed=8"), EPOCHS);
        for (member, (a, b)) in params.iter().zip(&other_params).enumerate() {
            assert_ne!(a, b, "{query}: member {member}");
        }
        assert_ne!(history, other_history, "{query}");
    }
}

#[test]
fn ensemble_members_start_from_different_weights() {
    let t = trainer("dataset=circle&layers=4,2&ensemble=3");
    let params: Vec<_> = t.members.iter().map(|m| &m.mlp.params).collect();
    assert_eq!(params.len(), 3);
    assert!(params[0] != params[1] && params[1] != params[2] && params[0] != params[2]);
}

#[test]
fn dropout_and_augmentation_change_the_run() {
    // Their randomness is drawn, so the seeded run differs from the plain one.
    let (plain, _) = run("dataset=circle&layers=4,2&seed=7", EPOCHS);
    for extra in ["dropout=0.3", "augment=0.3"] {
        let (params, _) = run(&format!("dataset=circle&layers=4,2&{extra}&seed=7"), EPOCHS);
        assert_ne!(params, plain, "{extra}");
    }
}

#[test]
fn dropout_draws_its_masks_from_the_runs_seed() {
    // Twenty copies of one point, so that shuffling them changes nothing:
    // given the same data and starting weights, two seeds' runs can then
    // differ only by what the seed draws while training, dropout's masks.
    let rows = ["0.5:-0.5:1"; 20].join(",");
    let pair = |extra: &str| {
        let query = |seed| format!("dataset=own&rows={rows}&layers=4,2{extra}&seed={seed}");
        let (mut a, mut b) = (trainer(&query(7)), trainer(&query(8)));
        b.data = a.data.clone();
        b.members[0].mlp.params = a.members[0].mlp.params.clone();
        train(&mut a, EPOCHS);
        train(&mut b, EPOCHS);
        (a.members[0].mlp.params.clone(), b.members[0].mlp.params.clone())
    };
    let (a, b) = pair("");
    assert_eq!(a, b, "without dropout the seed changes nothing here");
    let (a, b) = pair("&dropout=0.3");
    assert_ne!(a, b, "another seed, other masks");
}

#[test]
fn replaying_a_links_steps_in_small_pieces_reaches_the_same_weights() {
    for query in RUNS {
        let query = format!("{query}&batch=7&seed=3");
        let mut stepped = trainer(&query);
        for _ in 0..23 {
            stepped.step();
        }
        let mut replayed = trainer(&query);
        // A little work per call, as a page spreads a replay over frames.
        let mut calls = 0;
        while !replayed.replay(23, 40) {
            calls += 1;
            assert!(calls < 10_000, "{query}: the replay ends");
        }
        assert!(calls > 1, "{query}: the replay was spread over calls");
        assert_eq!(replayed.steps, 23);
        let params =
            |t: &neuroplay::train::trainer::Trainer| t.members.iter().map(|m| m.mlp.params.clone()).collect::<Vec<_>>();
        assert_eq!(params(&replayed), params(&stepped), "{query}");
        assert_eq!(replayed.history, stepped.history, "{query}");
    }
}

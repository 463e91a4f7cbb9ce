//! The diagnosis against a table of runs whose right advice is known.
//! Each row is trained for its epochs from a settings link, through the
//! trainer the page uses, for several seeds, and the diagnosis must give
//! the row's advice and never advice that points the other way: a lower
//! rate where a larger one is the fix, or the reverse. TESTING.md lists
//! the table ("The diagnosis table").

use neuroplay::config::Settings;
use neuroplay::train::diagnosis::{diagnose, Hint};
use neuroplay::train::Trainer;

/// The advice a run should get.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Advice {
    /// The rate is too large: lower it (÷ 10 offered).
    LowerRate,
    /// The rate is too large, or nothing when the run learns anyway.
    LowerRateOrNone,
    /// The rate is too small: raise it.
    RaiseRate,
    /// Symmetric start: change the initialisation.
    Initialisation,
    /// Vanishing gradients: another activation.
    Activation,
    /// A linear network: the model, not the rate.
    NonLinear,
    /// It learns: no hint at all.
    None,
}

/// One run of the table.
struct Row {
    dataset: &'static str,
    layers: &'static str,
    activation: &'static str,
    optimizer: &'static str,
    rate: &'static str,
    init: &'static str,
    epochs: usize,
    advice: Advice,
}

const SIX: &str = "8,8,8,8,8,8";

const fn row(
    dataset: &'static str,
    layers: &'static str,
    activation: &'static str,
    optimizer: &'static str,
    rate: &'static str,
    init: &'static str,
    advice: Advice,
) -> Row {
    Row {
        dataset,
        layers,
        activation,
        optimizer,
        rate,
        init,
        epochs: 300,
        advice,
    }
}

use Advice::*;

/// The table, in TESTING.md's order.
const TABLE: &[Row] = &[
    row("circle", "8,8", "relu", "sgd", "3", "xavier", LowerRate),
    // The link (#lr=0.3&activation=relu&optimizer=adam): the default 4,2.
    row("circle", "4,2", "relu", "adam", "0.3", "xavier", LowerRate),
    row("spiral", SIX, "tanh", "sgd", "10", "xavier", LowerRate),
    row("xor", "8", "sigmoid", "sgd", "1", "xavier", LowerRateOrNone),
    row("gauss", "4", "tanh", "sgd", "0.00001", "xavier", RaiseRate),
    row("circle", "4,4", "tanh", "sgd", "0.03", "zero", Initialisation),
    row("spiral", SIX, "sigmoid", "sgd", "0.03", "xavier", Activation),
    row("gauss", "4", "tanh", "sgd", "0.03", "xavier", None),
    // Added rows.
    row("circle", "4,2", "tanh", "sgd", "10", "xavier", LowerRate),
    row("circle", "8", "relu", "adam", "1", "xavier", LowerRate),
    row("spiral", SIX, "tanh", "sgd", "3", "xavier", LowerRate),
    // One hidden layer of 8 ReLUs learns the circle at Adam's 0.3.
    row("circle", "8", "relu", "adam", "0.3", "xavier", None),
    row("circle", "4,4", "tanh", "sgd", "0.0001", "xavier", RaiseRate),
    // Slow, but the loss more than halves in 300 epochs.
    row("gauss", "4", "tanh", "sgd", "0.0001", "xavier", None),
    row("circle", "4,4", "linear", "sgd", "0.03", "xavier", NonLinear),
    row("xor", "4,4", "sigmoid", "sgd", "0.03", "zero", Initialisation),
    row("circle", "8,8", "relu", "sgd", "0.03", "zero", Initialisation),
    row("circle", "4,2", "tanh", "sgd", "0.03", "xavier", None),
];

/// Seeds each row is trained from.
const SEEDS: [u32; 3] = [1, 2, 3];

impl Row {
    fn link(&self, seed: u32) -> String {
        format!(
            "dataset={}&layers={}&activation={}&optimizer={}&lr={}&init={}&seed={seed}",
            self.dataset, self.layers, self.activation, self.optimizer, self.rate, self.init
        )
    }
}

fn diagnosed(link: &str, epochs: usize) -> Vec<Hint> {
    let (settings, errors) = Settings::from_query(link);
    assert!(errors.is_empty(), "{link}: {errors:?}");
    let mut trainer = Trainer::new(&settings);
    while trainer.epoch < epochs {
        assert!(trainer.train_epoch(), "{link}: halted: {:?}", trainer.halt);
    }
    diagnose(&trainer)
}

/// Checks the hints of one run against its row's advice.
fn check(row: &Row, link: &str, hints: &[Hint]) {
    let lower = hints.iter().any(Hint::wants_lower_rate);
    let higher = hints.iter().any(Hint::wants_higher_rate);
    let causes: Vec<&Hint> = hints.iter().filter(|h| h.is_cause()).collect();
    assert!(causes.len() <= 1, "{link}: one cause at most: {hints:?}");
    assert!(!(lower && higher), "{link}: both directions: {hints:?}");
    let is = |want: fn(&Hint) -> bool| causes.first().is_some_and(|h| want(h));
    match row.advice {
        LowerRate => assert!(lower && is(|h| matches!(h, Hint::RateTooLarge(_))), "{link}: {hints:?}"),
        LowerRateOrNone => assert!(lower || hints.is_empty(), "{link}: {hints:?}"),
        RaiseRate => assert!(
            higher && is(|h| matches!(h, Hint::RateTooSmall { .. })),
            "{link}: {hints:?}"
        ),
        Initialisation => assert!(is(|h| *h == Hint::Symmetric), "{link}: {hints:?}"),
        Activation => assert!(is(|h| matches!(h, Hint::Vanishing { .. })), "{link}: {hints:?}"),
        NonLinear => assert!(is(|h| *h == Hint::Linear), "{link}: {hints:?}"),
        None => assert_eq!(hints, [], "{link}: a run that learns gets no hint"),
    }
    // The opposite way, or a rate where the rate is not the cause.
    match row.advice {
        LowerRate | LowerRateOrNone => assert!(!higher, "{link}: a larger rate advised: {hints:?}"),
        RaiseRate => assert!(!lower, "{link}: a smaller rate advised: {hints:?}"),
        _ => assert!(!lower && !higher, "{link}: the rate is not the cause: {hints:?}"),
    }
}

fn run(rows: std::ops::Range<usize>) {
    for row in &TABLE[rows] {
        for seed in SEEDS {
            let link = row.link(seed);
            check(row, &link, &diagnosed(&link, row.epochs));
        }
    }
}

// The table in four parts, so that the test runner spreads them over threads.
#[test]
fn the_diagnosis_gives_each_rows_advice_rows_1_to_4() {
    run(0..4);
}

#[test]
fn the_diagnosis_gives_each_rows_advice_rows_5_to_8() {
    run(4..8);
}

#[test]
fn the_diagnosis_gives_each_rows_advice_rows_9_to_13() {
    run(8..13);
}

#[test]
fn the_diagnosis_gives_each_rows_advice_rows_14_on() {
    run(13..TABLE.len());
}

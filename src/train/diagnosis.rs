//! Runs that have stopped learning without diverging. A learning rate far
//! too high makes the loss swing at chance accuracy for ever; ReLU units
//! can die (negative for every point, so no gradient reaches them again);
//! sigmoid and tanh units can saturate (f′ ≈ 0 for nearly every point).
//! None of these halts training: the page shows them as hints.

use super::history::Record;
use super::trainer::Trainer;
use crate::message::{Code, Message};
use crate::nn::activation::Flat;
use crate::nn::mlp::Tape;

/// Epochs a run must spend no better than a constant guess before it is called stuck.
pub const STUCK_EPOCHS: usize = 50;
/// Training points the unit checks run on (the first ones: the same every time).
pub const SAMPLE: usize = 256;
/// A share of units above which the page is told ("most").
const MOST: f32 = 0.5;
/// A unit is saturated when |z| is beyond its activation's flat range
/// ([`crate::nn::Activation::flat`]) for at least this share of the points.
const SATURATED_SHARE: f32 = 0.9;

/// Why a run is not learning.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hint {
    /// No better than a constant guess for the last epochs.
    Stuck {
        /// Epochs looked at.
        epochs: usize,
        /// Whether the loss swings (the learning rate is too high) rather than stays flat.
        swinging: bool,
    },
    /// Most ReLU units learn nothing any more.
    DeadRelu {
        /// Units that output 0 for every sampled point, or sit before a
        /// layer that does (so no gradient reaches them).
        dead: usize,
        /// ReLU units in all.
        units: usize,
    },
    /// Most sigmoid and tanh units sit where f′ ≈ 0 for nearly every sampled point.
    Saturated {
        /// Saturated units.
        saturated: usize,
        /// Sigmoid and tanh units in all.
        units: usize,
    },
}

impl Hint {
    /// The message the page shows.
    pub fn message(&self) -> Message {
        match *self {
            Hint::Stuck { epochs, swinging } => {
                Message::new(if swinging { Code::HintSwinging } else { Code::HintFlat }).with("epochs", epochs)
            }
            Hint::DeadRelu { dead, units } => Message::new(Code::HintDeadRelu).with("dead", dead).with("units", units),
            Hint::Saturated { saturated, units } => Message::new(Code::HintSaturated)
                .with("saturated", saturated)
                .with("units", units),
        }
    }

    /// Whether a lower learning rate is the likely cure.
    pub fn wants_lower_rate(&self) -> bool {
        matches!(self, Hint::Stuck { swinging: true, .. })
    }
}

/// Every hint that holds for the trainer now, stuck first.
pub fn diagnose(trainer: &Trainer) -> Vec<Hint> {
    if trainer.epoch == 0 || trainer.halt.is_some() {
        return Vec::new();
    }
    let mut hints = Vec::new();
    if let Some(hint) = stuck(trainer) {
        hints.push(hint);
    }
    hints.extend(units(trainer));
    hints
}

/// Stuck: every epoch of the last `STUCK_EPOCHS` no better than a constant
/// guess on the training points, and the loss no lower in the second half
/// of them than in the first.
fn stuck(trainer: &Trainer) -> Option<Hint> {
    if trainer.epoch < STUCK_EPOCHS {
        return None;
    }
    let since = trainer.epoch - STUCK_EPOCHS;
    let recent: Vec<Record> = trainer
        .history
        .records
        .iter()
        .filter(|r| r.epoch > since)
        .copied()
        .collect();
    if recent.len() < 4 {
        return None;
    }
    let guess = constant_guess(trainer);
    let at_chance = recent.iter().all(|r| match trainer.is_classification() {
        true => r.train.accuracy <= guess + 0.05,
        false => r.train.loss >= 0.9 * guess,
    });
    let (first, second) = recent.split_at(recent.len() / 2);
    let lowest = |rs: &[Record]| rs.iter().map(|r| r.train.loss).fold(f32::INFINITY, f32::min);
    let improving = lowest(second) < 0.98 * lowest(first);
    if !at_chance || improving {
        return None;
    }
    let losses = recent.iter().map(|r| r.train.loss);
    let (low, high) = losses.fold((f32::INFINITY, 0.0f32), |(l, h), v| (l.min(v), h.max(v)));
    Some(Hint::Stuck {
        epochs: STUCK_EPOCHS,
        swinging: high > 1.5 * low,
    })
}

/// What a constant guess scores on the training points: the largest class's
/// share (classification), or the loss of predicting the mean (regression).
fn constant_guess(trainer: &Trainer) -> f32 {
    let y = &trainer.data.train.y;
    if y.is_empty() {
        return 0.0;
    }
    if trainer.is_classification() {
        let mut counts = [0usize; crate::config::limits::MAX_CLASSES];
        for &c in y {
            counts[(c as usize).min(counts.len() - 1)] += 1;
        }
        return *counts.iter().max().unwrap_or(&0) as f32 / y.len() as f32;
    }
    let mean = y.iter().sum::<f32>() / y.len() as f32;
    let head = trainer.members[0].mlp.head;
    y.iter().map(|&v| head.loss(&[mean], v)).sum::<f32>() / y.len() as f32
}

/// Dead ReLU units and saturated sigmoid or tanh units of the first network,
/// on the first `SAMPLE` training points.
fn units(trainer: &Trainer) -> Vec<Hint> {
    let data = &trainer.data;
    let rows = data.train.y.len().min(SAMPLE);
    if rows == 0 {
        return Vec::new();
    }
    let mlp = &trainer.members[0].mlp;
    let mut tape = Tape::default();
    mlp.forward_eval(&data.train.x[..rows * data.width], rows, &mut tape);
    let (mut relu, mut squashing, mut saturated) = (0, 0, 0);
    // Per ReLU layer, its units and how many are dead.
    let mut relu_layers = Vec::new();
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    for (l, layer) in hidden.iter().enumerate() {
        let mut dead = 0;
        let flat = layer.activation.flat();
        for j in 0..layer.outputs {
            let z = tape.pre_activation(l, j);
            match flat {
                Flat::BelowZero => {
                    relu += 1;
                    dead += usize::from(z.iter().all(|&v| v <= 0.0));
                }
                Flat::Beyond(limit) => {
                    squashing += 1;
                    let out = z.iter().filter(|v| v.abs() > limit).count();
                    saturated += usize::from(out as f32 >= SATURATED_SHARE * rows as f32);
                }
                Flat::Nowhere => {}
            }
        }
        if flat == Flat::BelowZero {
            relu_layers.push((layer.outputs, dead));
        }
    }
    // Behind a layer whose every unit is dead, no gradient reaches any
    // unit: those learn nothing either, and count as dead.
    let blocked = relu_layers.iter().rposition(|&(n, d)| d == n);
    let dead = relu_layers
        .iter()
        .enumerate()
        .map(|(i, &(n, d))| if blocked.is_some_and(|b| i <= b) { n } else { d })
        .sum::<usize>();
    let mut hints = Vec::new();
    if relu > 0 && dead as f32 > MOST * relu as f32 {
        hints.push(Hint::DeadRelu { dead, units: relu });
    }
    if squashing > 0 && saturated as f32 > MOST * squashing as f32 {
        hints.push(Hint::Saturated {
            saturated,
            units: squashing,
        });
    }
    hints
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Settings;

    fn trained(link: &str, epochs: usize) -> Trainer {
        let settings = Settings::from_query(link).0;
        let mut trainer = Trainer::new(&settings);
        for _ in 0..epochs {
            trainer.train_epoch();
        }
        trainer
    }

    #[test]
    fn a_learning_rate_far_too_high_swings_at_chance_and_kills_relus() {
        for optimizer in ["sgd", "adam"] {
            for dataset in ["circle", "spiral"] {
                let link = format!("dataset={dataset}&activation=relu&lr=10&optimizer={optimizer}&seed=1");
                let t = trained(&link, 80);
                assert!(t.halt.is_none(), "{link}: {:?}", t.halt);
                let hints = diagnose(&t);
                // The second layer dies whole; no gradient reaches the first one.
                assert!(
                    hints.contains(&Hint::DeadRelu { dead: 6, units: 6 }),
                    "{link}: {hints:?}"
                );
                assert!(hints.iter().any(|h| h.wants_lower_rate()), "{link}: {hints:?}");
            }
        }
    }

    #[test]
    fn a_run_that_learns_has_no_hint() {
        for link in [
            "dataset=circle&activation=relu&lr=0.03&seed=1",
            "dataset=xor&activation=tanh&lr=0.03&seed=2",
            "dataset=sin&activation=tanh&lr=0.03&seed=1",
        ] {
            let t = trained(link, 80);
            assert_eq!(diagnose(&t), vec![], "{link}");
        }
    }

    #[test]
    fn a_run_at_chance_with_a_flat_loss_is_stuck_but_not_swinging() {
        // Zero weights: every hidden unit is the same and the output a constant.
        let t = trained("dataset=xor&init=zero&lr=0.001&seed=1", 60);
        let hints = diagnose(&t);
        assert!(
            hints.contains(&Hint::Stuck {
                epochs: STUCK_EPOCHS,
                swinging: false
            }),
            "{hints:?}"
        );
        assert!(!hints[0].wants_lower_rate());
    }

    #[test]
    fn saturated_tanh_units_are_named() {
        let mut t = trained("dataset=circle&activation=tanh&layers=8&seed=3", 1);
        assert_eq!(diagnose(&t), vec![], "a fresh tanh network is not saturated");
        // Weights grown large: every |z| is far out on the flat tails.
        let mlp = &mut t.members[0].mlp;
        let range = mlp.layers[0].weight_range();
        mlp.params[range].iter_mut().for_each(|w| *w *= 100.0);
        let hints = diagnose(&t);
        let found = hints.iter().find_map(|h| match h {
            Hint::Saturated { saturated, units } => Some((*saturated, *units)),
            _ => None,
        });
        let (saturated, units) = found.unwrap_or_else(|| panic!("{hints:?}"));
        assert_eq!(units, 8);
        assert!(saturated > 4);
    }

    #[test]
    fn before_training_and_after_a_halt_there_is_no_hint() {
        let t = trained("dataset=circle&init=zero&activation=relu", 0);
        assert_eq!(diagnose(&t), vec![]);
    }
}

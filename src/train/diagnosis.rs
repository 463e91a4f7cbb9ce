//! Runs that have stopped learning without diverging, and why. The
//! symptoms are measured now: no better than a constant guess (the loss
//! flat or swinging), ReLU units dead (negative for every point, so no
//! gradient reaches them), sigmoid and tanh units saturated (f′ ≈ 0 for
//! nearly every point). The cause is read from what happened early in the
//! run ([`super::early`]) and from the network itself: steps that threw the
//! weights about, or a loss that rose before it went flat, mean the
//! learning rate was too large; steps that barely move the weights, one too
//! small; units of a layer still identical, a symmetric start; gradients
//! that shrink layer by layer, vanishing gradients; linear activations only,
//! a model that cannot bend. Only a cause gives advice, and a run that
//! learns gets no hint. None of these halts training: the page shows them
//! as hints.

use super::early::Early;
use super::history::Record;
use super::trainer::Trainer;
use crate::data::prepared::Prepared;
use crate::message::{Code, Message};
use crate::nn::activation::{Activation, Flat};
use crate::nn::mlp::{Mlp, Tape};
use crate::nn::Head;

/// Epochs a run must spend no better than a constant guess before it is called stuck.
pub const STUCK_EPOCHS: usize = 50;
/// Training points the unit checks run on (the first ones: the same every time).
pub const SAMPLE: usize = 256;
/// A share of units above which the page is told ("most").
const MOST: f32 = 0.5;
/// A unit is saturated when |z| is beyond its activation's flat range
/// ([`crate::nn::Activation::flat`]) for at least this share of the points.
const SATURATED_SHARE: f32 = 0.9;
/// A first step that changes the weights by this share of their size is
/// large: with the default rate a step changes them by about 1 %.
pub const LARGE_STEP: f32 = 0.1;
/// First steps that all change the weights by less than this share of
/// their size are small (a rate of 10⁻⁴ moves them by about 0.002 %).
pub const SMALL_STEP: f32 = 1e-3;
/// An early loss this many times the first one rose.
const RISE: f32 = 1.5;
/// A loss this many times the run's lowest has risen from it.
const RISE_FROM_LOWEST: f32 = 3.0;
/// The first layer's gradient below this share of the last layer's has vanished.
const VANISHED: f32 = 0.01;

/// What showed that the learning rate is too large.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Evidence {
    /// The first steps changed the weights by up to `percent` % of their size.
    Step {
        /// The largest early step, in % of the weights' size.
        percent: f32,
    },
    /// The loss rose from `from` at epoch `at` to `to` at epoch `peak`.
    Rise {
        /// The loss it rose from.
        from: f32,
        /// The epoch of `from`.
        at: usize,
        /// The loss it rose to.
        to: f32,
        /// The epoch of `to`.
        peak: usize,
    },
    /// The loss swings up and down at chance for the last `epochs` epochs.
    Swing {
        /// Epochs looked at.
        epochs: usize,
    },
}

/// Why a run is not learning (a cause, with its advice), or how it shows
/// (a symptom, a fact without advice).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Hint {
    /// Cause: the learning rate is too large; lower it and start over.
    RateTooLarge(Evidence),
    /// Cause: the learning rate is too small; raise it.
    RateTooSmall {
        /// The largest early step, in % of the weights' size.
        percent: f32,
        /// Epochs since the early record's start.
        epochs: usize,
        /// The loss at the start.
        from: f32,
        /// The loss now.
        to: f32,
    },
    /// Cause: every unit of each hidden layer is identical to the others
    /// (same weights, same bias), so they get the same gradient and stay
    /// alike; change the initialisation.
    Symmetric,
    /// Cause: the gradient shrinks layer by layer towards the input; the
    /// first layer's is less than a `times`-th of the last layer's.
    Vanishing {
        /// A power of ten the last layer's gradient exceeds the first's by.
        times: f32,
    },
    /// Cause: only linear activations (or no hidden layer): the network is
    /// a linear function of its input features.
    Linear,
    /// Symptom: no better than a constant guess for the last epochs.
    Stuck {
        /// Epochs looked at.
        epochs: usize,
        /// Whether the loss swings rather than stays flat.
        swinging: bool,
    },
    /// Symptom: most ReLU units learn nothing any more.
    DeadRelu {
        /// Units that output 0 for every sampled point, or sit before a
        /// layer that does (so no gradient reaches them).
        dead: usize,
        /// ReLU units in all.
        units: usize,
        /// The epoch most had died by, when the trainer's checks saw it.
        since: Option<usize>,
    },
    /// Symptom: most sigmoid and tanh units sit where f′ ≈ 0 for nearly every sampled point.
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
            Hint::RateTooLarge(Evidence::Step { percent }) => {
                Message::new(Code::HintRateLargeStep).with("percent", significant(percent))
            }
            Hint::RateTooLarge(Evidence::Rise { from, at, to, peak }) => Message::new(Code::HintRateLargeRise)
                .with("from", significant(from))
                .with("at", at)
                .with("to", significant(to))
                .with("peak", peak),
            Hint::RateTooLarge(Evidence::Swing { epochs }) => {
                Message::new(Code::HintRateLargeSwing).with("epochs", epochs)
            }
            Hint::RateTooSmall {
                percent,
                epochs,
                from,
                to,
            } => Message::new(Code::HintRateSmall)
                .with("percent", significant(percent))
                .with("epochs", epochs)
                .with("from", significant(from))
                .with("to", significant(to)),
            Hint::Symmetric => Message::new(Code::HintSymmetric),
            Hint::Vanishing { times } => Message::new(Code::HintVanishing).with("times", times),
            Hint::Linear => Message::new(Code::HintLinear),
            Hint::Stuck { epochs, swinging } => {
                Message::new(if swinging { Code::HintSwinging } else { Code::HintFlat }).with("epochs", epochs)
            }
            Hint::DeadRelu { dead, units, since } => match since {
                Some(since) => Message::new(Code::HintDeadReluSince).with("since", since),
                None => Message::new(Code::HintDeadRelu),
            }
            .with("dead", dead)
            .with("units", units),
            Hint::Saturated { saturated, units } => Message::new(Code::HintSaturated)
                .with("saturated", saturated)
                .with("units", units),
        }
    }

    /// Whether a lower learning rate is the cure.
    pub fn wants_lower_rate(&self) -> bool {
        matches!(self, Hint::RateTooLarge(_))
    }

    /// Whether a higher learning rate is the cure.
    pub fn wants_higher_rate(&self) -> bool {
        matches!(self, Hint::RateTooSmall { .. })
    }

    /// Whether this hint names a cause and gives advice (rather than a symptom).
    pub fn is_cause(&self) -> bool {
        !matches!(
            self,
            Hint::Stuck { .. } | Hint::DeadRelu { .. } | Hint::Saturated { .. }
        )
    }
}

/// `x` to two significant digits, as a message shows it.
fn significant(x: f32) -> f64 {
    let x = f64::from(x);
    if x == 0.0 || !x.is_finite() {
        return x;
    }
    let scale = 10f64.powi(1 - x.abs().log10().floor() as i32);
    (x * scale).round() / scale
}

/// Every hint that holds for the trainer now: the cause first (at most
/// one), then the symptoms. Nothing for a run that learns.
pub fn diagnose(trainer: &Trainer) -> Vec<Hint> {
    if trainer.epoch == 0 || trainer.halt.is_some() {
        return Vec::new();
    }
    let mut symptoms = Vec::new();
    if let Some(hint) = stuck(trainer) {
        symptoms.push(hint);
    }
    symptoms.extend(units(trainer));
    let mut hints: Vec<Hint> = cause(trainer, &symptoms).into_iter().collect();
    hints.extend(symptoms);
    hints
}

/// The cause of the `symptoms` (or of a loss that barely moves), if one is clear.
fn cause(trainer: &Trainer, symptoms: &[Hint]) -> Option<Hint> {
    let early = &trainer.early;
    let now = trainer.history.records.last()?.train.loss;
    if symptoms.is_empty() {
        return too_small(trainer, early, now);
    }
    let mlp = &trainer.members[0].mlp;
    if symmetric(mlp) {
        return Some(Hint::Symmetric);
    }
    if let Some(evidence) = too_large(trainer, symptoms, now) {
        return Some(Hint::RateTooLarge(evidence));
    }
    let gradients = trainer.history.records.last()?.gradients;
    let g = gradients.as_slice();
    if mlp.layers.len() >= 3 && g.len() >= 3 && g[g.len() - 1] > 0.0 && g[0] < VANISHED * g[g.len() - 1] {
        // The largest power of ten the ratio exceeds: "more than 1,000 times smaller".
        let ratio = g[g.len() - 1] / g[0].max(f32::MIN_POSITIVE);
        let times = 10f32.powi(ratio.log10().floor().min(6.0) as i32);
        return Some(Hint::Vanishing { times });
    }
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    if hidden.iter().all(|l| l.activation == Activation::Linear) {
        return Some(Hint::Linear);
    }
    too_small(trainer, early, now)
}

/// What shows that the rate is too large, if anything does: a large first
/// step, a loss that rose early or from the run's lowest, or a loss
/// swinging at chance.
fn too_large(trainer: &Trainer, symptoms: &[Hint], now: f32) -> Option<Evidence> {
    let early = &trainer.early;
    if early.largest_step >= LARGE_STEP {
        return Some(Evidence::Step {
            percent: 100.0 * early.largest_step,
        });
    }
    if let Some((from, peak, to)) = early.rise(RISE) {
        let at = early.start;
        return Some(Evidence::Rise { from, at, to, peak });
    }
    let lowest = trainer
        .history
        .records
        .iter()
        .min_by(|a, b| a.train.loss.total_cmp(&b.train.loss))?;
    if now > RISE_FROM_LOWEST * lowest.train.loss {
        return Some(Evidence::Rise {
            from: lowest.train.loss,
            at: lowest.epoch,
            to: now,
            peak: trainer.epoch,
        });
    }
    symptoms.iter().find_map(|h| match *h {
        Hint::Stuck { epochs, swinging: true } => Some(Evidence::Swing { epochs }),
        _ => None,
    })
}

/// The rate is too small when, after [`STUCK_EPOCHS`] epochs, no early step
/// changed the weights by [`SMALL_STEP`] of their size and the loss has not
/// even halved.
fn too_small(trainer: &Trainer, early: &Early, now: f32) -> Option<Hint> {
    let epochs = trainer.epoch.saturating_sub(early.start);
    let &from = early.losses.first()?;
    let small = early.steps > 0 && early.largest_step < SMALL_STEP;
    (epochs >= STUCK_EPOCHS && small && now > 0.5 * from).then_some(Hint::RateTooSmall {
        percent: 100.0 * early.largest_step,
        epochs,
        from,
        to: now,
    })
}

/// Whether every hidden layer of two or more units (and there is one) has
/// all its units identical: the same incoming weights and bias.
fn symmetric(mlp: &Mlp) -> bool {
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    let wide: Vec<_> = hidden.iter().filter(|l| l.outputs >= 2).collect();
    !wide.is_empty()
        && wide.iter().all(|l| {
            let unit = |j: usize| {
                let w = &mlp.params[l.weights + j * l.inputs..l.weights + (j + 1) * l.inputs];
                w.iter().chain(std::iter::once(&mlp.params[l.biases + j]))
            };
            let scale = unit(0).fold(1e-3f32, |m, v| m.max(v.abs()));
            (1..l.outputs).all(|j| unit(j).zip(unit(0)).all(|(a, b)| (a - b).abs() <= 1e-5 * scale))
        })
}

/// Stuck: every epoch of the last `STUCK_EPOCHS` no better than a constant
/// guess on the training points (its accuracy, for a classification, or its
/// loss), and the loss no lower in the second half of them than in the first.
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
    let at_chance = |r: &Record| {
        let by_loss = r.train.loss >= 0.9 * guess.loss;
        by_loss || guess.accuracy.is_some_and(|a| r.train.accuracy <= a + 0.05)
    };
    let (first, second) = recent.split_at(recent.len() / 2);
    let lowest = |rs: &[Record]| rs.iter().map(|r| r.train.loss).fold(f32::INFINITY, f32::min);
    // Getting better, towards beating the guess: a swinging loss far above
    // it may dip lower by chance, and is not.
    let improving = lowest(second) < 0.98 * lowest(first) && lowest(second) < guess.loss;
    if !recent.iter().all(at_chance) || improving {
        return None;
    }
    let losses = recent.iter().map(|r| r.train.loss);
    let (low, high) = losses.fold((f32::INFINITY, 0.0f32), |(l, h), v| (l.min(v), h.max(v)));
    Some(Hint::Stuck {
        epochs: STUCK_EPOCHS,
        swinging: high > 1.5 * low,
    })
}

/// What the best constant guess scores on the training points.
struct Guess {
    /// Its loss: the loss of predicting each class's share (classification)
    /// or the mean (regression).
    loss: f32,
    /// The largest class's share (classification).
    accuracy: Option<f32>,
}

fn constant_guess(trainer: &Trainer) -> Guess {
    let y = &trainer.data.train.y;
    let head = trainer.members[0].mlp.head;
    if y.is_empty() {
        return Guess {
            loss: 0.0,
            accuracy: None,
        };
    }
    let n = y.len() as f32;
    let mean_loss = |out: &[f32]| y.iter().map(|&v| head.loss_from_output(out, v)).sum::<f32>() / n;
    if !trainer.is_classification() {
        let mean = y.iter().sum::<f32>() / n;
        return Guess {
            loss: mean_loss(&[mean]),
            accuracy: None,
        };
    }
    let mut counts = [0usize; crate::config::limits::MAX_CLASSES];
    for &c in y {
        counts[(c as usize).min(counts.len() - 1)] += 1;
    }
    let shares: Vec<f32> = counts.iter().map(|&c| c as f32 / n).collect();
    // Each head's output that guesses every class's share (two classes: class 1's).
    let out = match head {
        Head::Softmax => shares[..trainer.members[0].mlp.outputs()].to_vec(),
        Head::Tanh => vec![2.0 * shares[1] - 1.0],
        _ => vec![shares[1]],
    };
    let loss = mean_loss(&out);
    Guess {
        loss,
        accuracy: Some(shares.iter().copied().fold(0.0, f32::max)),
    }
}

/// ReLU and squashing (sigmoid, tanh) units of a network, on the sampled points.
#[derive(Default)]
struct Units {
    /// ReLU units in all.
    relu: usize,
    /// Of them, those dead or behind a wholly dead layer.
    dead: usize,
    /// Sigmoid and tanh units in all.
    squashing: usize,
    /// Of them, those saturated.
    saturated: usize,
}

/// Counts the dead ReLU units and saturated sigmoid or tanh units of `mlp`
/// on the first `SAMPLE` training points of `data`.
fn count_units(mlp: &Mlp, data: &Prepared) -> Units {
    let rows = data.train.y.len().min(SAMPLE);
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    if rows == 0 || hidden.iter().all(|l| l.activation.flat() == Flat::Nowhere) {
        return Units::default();
    }
    let mut tape = Tape::default();
    mlp.forward_eval(&data.train.x[..rows * data.width], rows, &mut tape);
    let mut units = Units::default();
    // Per ReLU layer, its units and how many are dead.
    let mut relu_layers = Vec::new();
    for (l, layer) in hidden.iter().enumerate() {
        let mut dead = 0;
        let flat = layer.activation.flat();
        for j in 0..layer.outputs {
            let z = tape.pre_activation(l, j);
            match flat {
                Flat::BelowZero => {
                    units.relu += 1;
                    dead += usize::from(z.iter().all(|&v| v <= 0.0));
                }
                Flat::Beyond(limit) => {
                    units.squashing += 1;
                    let out = z.iter().filter(|v| v.abs() > limit).count();
                    units.saturated += usize::from(out as f32 >= SATURATED_SHARE * rows as f32);
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
    units.dead = relu_layers
        .iter()
        .enumerate()
        .map(|(i, &(n, d))| if blocked.is_some_and(|b| i <= b) { n } else { d })
        .sum::<usize>();
    units
}

/// Whether most ReLU units of `mlp` are dead on the sampled points of `data`
/// (what the trainer checks early, to record when they died).
pub fn most_relus_dead(mlp: &Mlp, data: &Prepared) -> bool {
    let hidden = &mlp.layers[..mlp.layers.len() - 1];
    if hidden.iter().all(|l| l.activation.flat() != Flat::BelowZero) {
        return false;
    }
    let units = count_units(mlp, data);
    units.relu > 0 && units.dead as f32 > MOST * units.relu as f32
}

/// Dead ReLU units and saturated sigmoid or tanh units of the first network.
fn units(trainer: &Trainer) -> Vec<Hint> {
    let units = count_units(&trainer.members[0].mlp, &trainer.data);
    let mut hints = Vec::new();
    if units.relu > 0 && units.dead as f32 > MOST * units.relu as f32 {
        hints.push(Hint::DeadRelu {
            dead: units.dead,
            units: units.relu,
            since: trainer.early.dead_since,
        });
    }
    if units.squashing > 0 && units.saturated as f32 > MOST * units.squashing as f32 {
        hints.push(Hint::Saturated {
            saturated: units.saturated,
            units: units.squashing,
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
                let dead = hints.iter().find_map(|h| match *h {
                    Hint::DeadRelu { dead, units, since } => Some((dead, units, since)),
                    _ => None,
                });
                let (dead, units, since) = dead.unwrap_or_else(|| panic!("{link}: {hints:?}"));
                assert_eq!((dead, units), (6, 6), "{link}");
                assert!(since.is_some_and(|e| e <= 20), "{link}: died early: {since:?}");
                // The cause comes first, and is the rate.
                assert!(matches!(hints[0], Hint::RateTooLarge(_)), "{link}: {hints:?}");
                assert!(hints[0].wants_lower_rate());
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
    fn a_zero_start_at_chance_is_stuck_flat_and_its_cause_is_the_symmetry() {
        // Zero weights: every hidden unit is the same and stays so.
        let t = trained("dataset=xor&init=zero&lr=0.001&seed=1", 60);
        let hints = diagnose(&t);
        let flat = Hint::Stuck {
            epochs: STUCK_EPOCHS,
            swinging: false,
        };
        assert_eq!(hints, vec![Hint::Symmetric, flat]);
        assert!(hints.iter().all(|h| !h.wants_lower_rate() && !h.wants_higher_rate()));
    }

    #[test]
    fn without_a_large_first_step_a_loss_that_rose_early_still_names_the_rate() {
        let mut t = trained("dataset=circle&activation=relu&layers=8,8&lr=3&seed=2", 60);
        t.early.largest_step = 0.0;
        let hints = diagnose(&t);
        let Hint::RateTooLarge(Evidence::Rise { from, at, to, peak }) = hints[0] else {
            panic!("{hints:?}")
        };
        assert_eq!((at, from), (0, t.history.records[0].train.loss));
        assert_eq!(to, t.early.losses[peak], "the highest early loss");
        assert!(to > 5.0 * from, "{from} → {to}");
        let message = hints[0].message();
        assert_eq!(
            message.param("to"),
            Some(&crate::message::Param::Number(significant(to)))
        );
        assert!(hints[0].wants_lower_rate());
    }

    #[test]
    fn messages_show_two_significant_digits() {
        for (x, shown) in [
            (6.727, 6.7),
            (0.0011058, 0.0011),
            (102.64, 100.0),
            (0.637, 0.64),
            (0.0, 0.0),
        ] {
            assert!(
                (significant(x) - shown).abs() < 1e-9 * shown.max(1.0),
                "{x} → {}",
                significant(x)
            );
        }
    }

    #[test]
    fn one_unit_differing_breaks_the_symmetry() {
        let mut t = trained("dataset=xor&init=zero&seed=1", 60);
        assert!(symmetric(&t.members[0].mlp));
        let mlp = &mut t.members[0].mlp;
        let bias = mlp.layers[1].biases + 1;
        mlp.params[bias] = 0.5;
        assert!(!symmetric(&t.members[0].mlp), "the second layer's units differ now");
    }

    #[test]
    fn the_early_record_survives_the_history_thinning() {
        // Ten points, a tiny network: thousands of epochs in a moment.
        let link = "dataset=circle&points=20&layers=2&activation=relu&lr=3&seed=2";
        let mut t = trained(link, 1);
        let early_losses = |t: &Trainer| t.early.losses.clone();
        while t.epoch < super::super::history::MAX_RECORDS + 200 {
            assert!(t.train_epoch(), "{:?}", t.halt);
        }
        let early = early_losses(&t);
        assert_eq!(early.len(), super::super::early::EARLY_EPOCHS + 1);
        let thinned = t.history.records.iter().filter(|r| r.epoch <= 20).count();
        assert!(
            thinned < early.len(),
            "the history kept only {thinned} of the first epochs"
        );
        assert_eq!(early[0], t.history.records[0].train.loss, "epoch 0's loss");
        assert!(t.early.largest_step >= LARGE_STEP, "{}", t.early.largest_step);
    }

    #[test]
    fn the_early_record_starts_afresh_with_a_new_run_and_with_a_new_rate() {
        let link = "dataset=circle&activation=relu&layers=8,8&lr=3&seed=1";
        let mut t = trained(link, 30);
        assert!(t.early.largest_step >= LARGE_STEP && t.early.dead_since.is_some());
        // Starting over (what every restart does) builds a new trainer.
        let next = Settings::from_query(&format!("{link}&lr=0.3")).0;
        let restarted = crate::train::restart::restart(
            crate::train::restart::Cause::LowerRate,
            &Settings::from_query(link).0,
            next,
        );
        assert_eq!(
            restarted.trainer.early,
            Early::default(),
            "nothing recorded before its first epoch"
        );
        // A live change of the rate keeps the run, and measures its steps afresh.
        let mut slower = t.training.clone();
        slower.optimizer.learning_rate = 0.0001;
        t.update_live(&slower, 0.0);
        assert_eq!((t.early.start, t.early.steps, t.early.largest_step), (30, 0, 0.0));
        for _ in 0..5 {
            t.train_epoch();
        }
        assert!(t.early.largest_step < SMALL_STEP, "{}", t.early.largest_step);
        assert_eq!(t.early.losses.len(), 6);
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

//! The minibatch trainer: shuffles each epoch, steps every ensemble member,
//! records history, stops early, and catches divergence where it starts.

use super::history::{History, Metrics, Record};
use super::optimizer::Optimizer;
use crate::config::{Regularization, Settings, TrainingSettings};
use crate::data::datasets::Task;
use crate::data::prepared::{stream, Part, Prepared};
use crate::message::{Code, Message, Quantity};
use crate::nn::head::log_mean_exp;
use crate::nn::mlp::{Architecture, Mlp, RunningStats, Tape};
use crate::random::{seeded, shuffle, Rng};
use std::fmt;

/// Why training cannot go on.
#[derive(Clone, Debug, PartialEq)]
pub enum Halt {
    /// A loss or a weight stopped being a finite number during `epoch`
    /// (counted from 1) at minibatch `step` (counted over the whole run).
    Diverged {
        /// Epoch it happened in, counted from 1.
        epoch: usize,
        /// Minibatch step, counted over the whole run.
        step: u64,
        /// What stopped being finite.
        quantity: Quantity,
        /// Learning rate α at the time.
        learning_rate: f32,
    },
    /// Early stopping ran out of patience.
    EarlyStopped {
        /// Epoch with the lowest validation loss.
        best_epoch: usize,
    },
}

impl Halt {
    /// The message the page shows for this halt.
    pub fn message(&self) -> Message {
        match self {
            Halt::Diverged {
                epoch,
                step,
                quantity,
                learning_rate,
            } => Message::new(Code::Diverged)
                .with("epoch", *epoch)
                .with("step", *step)
                .word("quantity", quantity.name())
                .with("learningRate", *learning_rate),
            Halt::EarlyStopped { best_epoch } => Message::new(Code::EarlyStopped).with("bestEpoch", *best_epoch),
        }
    }
}

impl fmt::Display for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

/// One of the parts the data is split into.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Split {
    /// The points the network is fitted on.
    Train,
    /// Held out from training for early stopping.
    Validation,
    /// Held out for the test figures.
    Test,
}

/// One network of the ensemble, with its optimiser and buffers.
#[derive(Clone, Debug)]
pub struct Member {
    /// The network.
    pub mlp: Mlp,
    optimizer: Optimizer,
    tape: Tape,
    grads: Vec<f32>,
    /// Where the weights (not biases) sit: what weight decay shrinks.
    weight_ranges: Vec<std::ops::Range<usize>>,
}

/// The best epoch's parameters, kept for restoring.
#[derive(Clone, Debug, PartialEq)]
pub struct Snapshot {
    /// The epoch the snapshot was taken after.
    pub epoch: usize,
    /// Mean validation loss at that epoch, without penalties.
    pub validation_loss: f32,
    /// Each member's parameter vector.
    pub params: Vec<Vec<f32>>,
    /// Each member's batch-norm running statistics, per layer.
    pub running: Vec<Vec<Option<RunningStats>>>,
}

/// A training session.
#[derive(Debug)]
pub struct Trainer {
    /// How the networks are trained, live changes included.
    pub training: TrainingSettings,
    /// The task of the data.
    pub task: Task,
    /// Whether the data is a function of x1 alone.
    pub is_1d: bool,
    /// The run's data.
    pub data: Prepared,
    /// The ensemble's networks (one without ensembling).
    pub members: Vec<Member>,
    /// Figures of every epoch since epoch 0.
    pub history: History,
    /// Completed epochs.
    pub epoch: usize,
    /// Minibatch steps taken.
    pub steps: u64,
    /// Minibatch steps taken in the current epoch.
    step_in_epoch: usize,
    /// Set once training cannot go on.
    pub halt: Option<Halt>,
    /// The best validation epoch so far, while early stopping is on.
    pub best: Option<Snapshot>,
    /// Bumped whenever a parameter changes (a step, a restore, an edit), so
    /// views computed from the networks know when they are stale.
    pub version: u64,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    batch_x: Vec<f32>,
    batch_y: Vec<f32>,
    eval: Evaluation,
}

/// Buffers of an evaluation, reused between calls.
#[derive(Debug, Default)]
struct Evaluation {
    tape: Tape,
    /// The ensemble's averaged head outputs, samples × outputs.
    out: Vec<f32>,
    /// Each sample's log-likelihood (its loss, negated) under each member,
    /// samples × members.
    log_likelihoods: Vec<f32>,
}

impl Trainer {
    /// New data and freshly initialised networks for `settings`.
    pub fn new(settings: &Settings) -> Trainer {
        let training = settings.training.clone();
        let data = Prepared::new(&settings.data, training.validation(), settings.seed);
        let arch = architecture(settings, data.width);
        let members = (0..settings.network.ensemble)
            .map(|k| {
                let mut rng = seeded(settings.seed as u64 + 7919 * k as u64, stream::WEIGHTS);
                let mlp = Mlp::new(&arch, settings.network.init, &mut rng);
                let grads = vec![0.0; mlp.params.len()];
                let weight_ranges = mlp.layers.iter().map(|l| l.weight_range()).collect();
                Member {
                    mlp,
                    optimizer: Optimizer::default(),
                    tape: Tape::default(),
                    grads,
                    weight_ranges,
                }
            })
            .collect();
        let mut trainer = Trainer {
            order: (0..data.train.len()).collect(),
            rng: seeded(settings.seed as u64, stream::TRAINING),
            training,
            task: settings.task(),
            is_1d: settings.data.dataset.is_1d(),
            data,
            members,
            history: History::default(),
            epoch: 0,
            steps: 0,
            step_in_epoch: 0,
            halt: None,
            best: None,
            version: 0,
            cursor: 0,
            batch_x: Vec::new(),
            batch_y: Vec::new(),
            eval: Evaluation::default(),
        };
        let record = trainer.evaluate_record();
        trainer.history.push(record);
        trainer
    }

    /// Applies the settings that need no reset: the training settings and
    /// the dropout probability.
    pub fn update_live(&mut self, training: &TrainingSettings, dropout: f32) {
        for m in &mut self.members {
            for layer in m.mlp.layers.iter_mut().rev().skip(1) {
                layer.dropout = dropout;
            }
        }
        self.training = training.clone();
    }

    /// One minibatch step of every member. Returns false when halted.
    pub fn step(&mut self) -> bool {
        if self.halt.is_some() {
            return false;
        }
        let n = self.data.train.len();
        if self.cursor == 0 {
            shuffle(&mut self.rng, &mut self.order);
            if self.training.augment > 0.0 {
                self.data.augment(self.training.augment, self.is_1d, &mut self.rng);
            } else {
                self.data.stop_augmenting();
            }
        }
        let mut end = (self.cursor + self.training.batch_size).min(n);
        // A last minibatch of one point would give batch norm a zero variance:
        // fold it into this one.
        if n - end == 1 && end > self.cursor + 1 {
            end = n;
        }
        let batch = end - self.cursor;
        let width = self.data.width;
        self.batch_x.clear();
        self.batch_y.clear();
        let inputs = self.data.train_inputs();
        for &i in &self.order[self.cursor..end] {
            self.batch_x.extend_from_slice(&inputs[i * width..(i + 1) * width]);
            self.batch_y.push(self.data.train.y[i]);
        }
        self.cursor = end;
        self.steps += 1;
        self.step_in_epoch += 1;

        self.version += 1;
        let s = &self.training;
        for m in &mut self.members {
            m.mlp.forward_train(&self.batch_x, batch, &mut self.rng, &mut m.tape);
            let loss = m.mlp.loss(&m.tape, &self.batch_y);
            if !loss.is_finite() {
                self.halt = Some(diverged(self.epoch + 1, self.steps, Quantity::Loss, s));
                return false;
            }
            m.grads.fill(0.0);
            m.mlp.backward(&mut m.tape, &self.batch_y, &mut m.grads);
            add_penalty_gradient(&m.mlp, s.regularization, s.reg_rate, &mut m.grads);
            m.optimizer
                .step(&s.optimizer, &mut m.mlp.params, &m.grads, &m.weight_ranges);
            m.mlp.update_running_stats(&m.tape);
            if !m.mlp.is_finite() {
                self.halt = Some(diverged(self.epoch + 1, self.steps, Quantity::Weights, s));
                return false;
            }
        }

        if self.cursor >= n {
            self.cursor = 0;
            self.step_in_epoch = 0;
            self.epoch += 1;
            self.end_epoch();
        }
        self.halt.is_none()
    }

    /// Minibatch steps taken in the current epoch (0 at its start).
    pub fn step_in_epoch(&self) -> usize {
        self.step_in_epoch
    }

    /// Minibatches in an epoch at the current batch size: the last partial
    /// batch is one more, unless it would hold a single point, which joins
    /// the batch before it (see [`Trainer::step`]).
    pub fn steps_per_epoch(&self) -> usize {
        let n = self.data.train.len();
        let b = self.training.batch_size.clamp(1, n.max(1));
        let (full, rest) = (n / b, n % b);
        if rest == 1 && b > 1 {
            full
        } else {
            full + usize::from(rest > 0)
        }
    }

    /// Steps until the current epoch completes. Returns false when halted.
    pub fn train_epoch(&mut self) -> bool {
        let epoch = self.epoch;
        while self.epoch == epoch {
            if !self.step() {
                return false;
            }
        }
        true
    }

    /// Records the finished epoch and applies early stopping.
    fn end_epoch(&mut self) {
        let record = self.evaluate_record();
        // A diverged epoch is not recorded: the history holds finite losses only.
        if !(record.train.loss.is_finite() && record.test.loss.is_finite()) {
            self.halt = Some(diverged(self.epoch, self.steps, Quantity::Loss, &self.training));
            return;
        }
        self.history.push(record);
        if let (Some(val), true) = (record.validation, self.training.patience > 0) {
            let improved = self.best.as_ref().is_none_or(|b| val.loss < b.validation_loss);
            if improved {
                self.best = Some(Snapshot {
                    epoch: self.epoch,
                    validation_loss: val.loss,
                    params: self.members.iter().map(|m| m.mlp.params.clone()).collect(),
                    running: self.members.iter().map(|m| m.mlp.running.clone()).collect(),
                });
            } else if let Some(best) = &self.best {
                if self.epoch - best.epoch >= self.training.patience {
                    self.halt = Some(Halt::EarlyStopped { best_epoch: best.epoch });
                }
            }
        }
    }

    /// Puts the best validation epoch's parameters back, exactly.
    pub fn restore_best(&mut self) -> bool {
        let Some(best) = &self.best else { return false };
        for ((m, params), running) in self.members.iter_mut().zip(&best.params).zip(&best.running) {
            m.mlp.params.clone_from(params);
            m.mlp.running.clone_from(running);
        }
        self.version += 1;
        true
    }

    /// Loss and accuracy of the ensemble on `part`. The loss is that of the
    /// ensemble's prediction, taken from the logits without any cap: a
    /// confidently wrong point costs its full cross-entropy.
    pub fn evaluate(&mut self, part: &Part) -> Metrics {
        let n = part.len();
        if n == 0 {
            return Metrics {
                loss: f32::NAN,
                accuracy: f32::NAN,
            };
        }
        let members = self.members.len();
        let head = self.members[0].mlp.head;
        let k = self.members[0].mlp.outputs();
        let e = &mut self.eval;
        e.out.clear();
        e.out.resize(n * k, 0.0);
        e.log_likelihoods.resize(n * members, 0.0);
        let share = 1.0 / members as f32;
        let mut row = [0.0_f32; crate::nn::mlp::MAX_OUTPUTS];
        for (i, m) in self.members.iter().enumerate() {
            m.mlp.forward_eval(&part.x, n, &mut e.tape);
            let (stride, logits) = (e.tape.stride, &e.tape.layers.last().expect("an output layer").act);
            for (b, &y) in part.y.iter().enumerate() {
                for j in 0..k {
                    row[j] = logits[j * stride + b];
                }
                e.log_likelihoods[b * members + i] = -head.loss(&row[..k], y);
            }
            for (o, &p) in e.out.iter_mut().zip(&e.tape.out) {
                *o += share * p;
            }
        }
        let mut loss = 0.0_f64;
        let mut correct = 0usize;
        for (b, (o, &y)) in e.out.chunks_exact(k).zip(&part.y).enumerate() {
            let log_likelihoods = &e.log_likelihoods[b * members..(b + 1) * members];
            loss += if members == 1 {
                -log_likelihoods[0]
            } else if head.is_cross_entropy() {
                // −ln of the members' mean probability of the target.
                -log_mean_exp(log_likelihoods)
            } else {
                head.loss_from_output(o, y)
            } as f64;
            correct += usize::from(head.predicted_class(o) == y as usize);
        }
        Metrics {
            loss: (loss / n as f64) as f32,
            accuracy: if head.is_classifier() {
                (correct as f64 / n as f64) as f32
            } else {
                f32::NAN
            },
        }
    }

    /// Loss and accuracy on one of the run's own parts, without copying it.
    pub fn evaluate_split(&mut self, split: Split) -> Metrics {
        // Lend the part out of `data` while `self` evaluates it.
        let part = std::mem::take(self.part_mut(split));
        let result = self.evaluate(&part);
        *self.part_mut(split) = part;
        result
    }

    fn part_mut(&mut self, split: Split) -> &mut Part {
        match split {
            Split::Train => &mut self.data.train,
            Split::Validation => &mut self.data.validation,
            Split::Test => &mut self.data.test,
        }
    }

    /// The ensemble's averaged head outputs for `rows` inputs in `x`.
    pub fn predict(&mut self, x: &[f32], rows: usize, out: &mut Vec<f32>) {
        let k = self.members[0].mlp.outputs();
        out.clear();
        out.resize(rows * k, 0.0);
        let share = 1.0 / self.members.len() as f32;
        for m in &self.members {
            m.mlp.forward_eval(x, rows, &mut self.eval.tape);
            for (o, &p) in out.iter_mut().zip(&self.eval.tape.out) {
                *o += share * p;
            }
        }
    }

    /// The penalty on the weights, averaged over the ensemble (0 without one).
    pub fn penalty(&self) -> f32 {
        let t = &self.training;
        let sum: f32 = self
            .members
            .iter()
            .map(|m| penalty(&m.mlp, t.regularization, t.reg_rate))
            .sum();
        sum / self.members.len() as f32
    }

    fn evaluate_record(&mut self) -> Record {
        Record {
            epoch: self.epoch,
            train: self.evaluate_split(Split::Train),
            test: self.evaluate_split(Split::Test),
            validation: (!self.data.validation.is_empty()).then(|| self.evaluate_split(Split::Validation)),
        }
    }

    /// Whether the run is a classification.
    pub fn is_classification(&self) -> bool {
        matches!(self.task, Task::Classification { .. })
    }
}

/// The architecture `settings` ask for, with `inputs` features.
pub fn architecture(settings: &Settings, inputs: usize) -> Architecture {
    let classes = match settings.task() {
        Task::Classification { classes } => classes,
        Task::Regression => 1,
    };
    let n = &settings.network;
    Architecture {
        inputs,
        hidden: n.hidden.clone(),
        activations: n.activations.clone(),
        outputs: n.head.outputs(classes),
        head: n.head,
        dropout: n.dropout,
        batch_norm: n.batch_norm,
    }
}

/// Adds the penalty's gradient on the weights (not biases) to `grads`:
/// λ·sign(w) for L1, λ·w for L2.
pub fn add_penalty_gradient(mlp: &Mlp, reg: Regularization, rate: f32, grads: &mut [f32]) {
    if reg == Regularization::None || rate == 0.0 {
        return;
    }
    for layer in &mlp.layers {
        let range = layer.weight_range();
        for (g, &w) in grads[range.clone()].iter_mut().zip(&mlp.params[range]) {
            *g += match reg {
                Regularization::L1 => rate * w.signum() * f32::from(w != 0.0),
                _ => rate * w,
            };
        }
    }
}

/// The penalty itself: λ·Σ|w| or ½λ·Σw² over the weights.
pub fn penalty(mlp: &Mlp, reg: Regularization, rate: f32) -> f32 {
    let weights = mlp.layers.iter().flat_map(|l| mlp.params[l.weight_range()].iter());
    match reg {
        Regularization::None => 0.0,
        Regularization::L1 => rate * weights.map(|w| w.abs()).sum::<f32>(),
        Regularization::L2 => 0.5 * rate * weights.map(|w| w * w).sum::<f32>(),
    }
}

fn diverged(epoch: usize, step: u64, quantity: Quantity, s: &TrainingSettings) -> Halt {
    Halt::Diverged {
        epoch,
        step,
        quantity,
        learning_rate: s.optimizer.learning_rate,
    }
}

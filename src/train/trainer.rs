//! The minibatch trainer: shuffles each epoch, steps every ensemble member,
//! records history, stops early, and catches divergence where it starts.

use super::history::{History, Metrics, Record};
use super::optimizer::Optimizer;
use crate::config::{Lang, Regularization, Settings};
use crate::data::datasets::Task;
use crate::data::prepared::{stream, Part, Prepared};
use crate::nn::mlp::{Architecture, Mlp, Mode, RunningStats, Tape};
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
        /// What stopped being finite: "loss" or "weights".
        what: &'static str,
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
    /// The message in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Halt::Diverged {
                    epoch,
                    step,
                    what,
                    learning_rate,
                },
                Lang::En,
            ) => format!(
                "Training diverged: the {what} became infinite or NaN at step {step} (epoch {epoch}). \
                 Lower the learning rate (now {learning_rate}) and reset."
            ),
            (
                Halt::Diverged {
                    epoch,
                    step,
                    what,
                    learning_rate,
                },
                Lang::Cs,
            ) => format!(
                "Trénování divergovalo: {} se v kroku {step} (epocha {epoch}) stala nekonečnou nebo NaN. \
                 Snižte učící krok (nyní {learning_rate}) a začněte znovu.",
                if *what == "loss" { "chyba" } else { "váha" }
            ),
            (Halt::EarlyStopped { best_epoch }, Lang::En) => {
                format!("Early stopping: the validation loss has not improved since epoch {best_epoch}.")
            }
            (Halt::EarlyStopped { best_epoch }, Lang::Cs) => {
                format!("Předčasné zastavení: validační chyba se nezlepšila od epochy {best_epoch}.")
            }
        }
    }
}

impl fmt::Display for Halt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
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
    /// The run's settings, live changes included.
    pub settings: Settings,
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
    /// Set once training cannot go on.
    pub halt: Option<Halt>,
    /// The best validation epoch so far, while early stopping is on.
    pub best: Option<Snapshot>,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    batch_x: Vec<f32>,
    batch_y: Vec<f32>,
    eval_tape: Tape,
    eval_out: Vec<f32>,
}

impl Trainer {
    /// New data and freshly initialised networks for `settings`.
    pub fn new(settings: Settings) -> Trainer {
        let data = Prepared::new(&settings);
        let arch = architecture(&settings, data.width);
        let members = (0..settings.ensemble)
            .map(|k| {
                let mut rng = seeded(settings.seed as u64 + 7919 * k as u64, stream::WEIGHTS);
                let mlp = Mlp::new(&arch, settings.init, &mut rng);
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
            settings,
            data,
            members,
            history: History::default(),
            epoch: 0,
            steps: 0,
            halt: None,
            best: None,
            cursor: 0,
            batch_x: Vec::new(),
            batch_y: Vec::new(),
            eval_tape: Tape::default(),
            eval_out: Vec::new(),
        };
        let record = trainer.evaluate_record();
        trainer.history.push(record);
        trainer
    }

    /// Applies settings that need no reset (learning rate, optimiser,
    /// regularisation, batch size, dropout, augmentation).
    pub fn update_live(&mut self, settings: Settings) {
        for m in &mut self.members {
            for layer in m.mlp.layers.iter_mut().rev().skip(1) {
                layer.dropout = settings.dropout;
            }
        }
        self.settings = settings;
    }

    /// One minibatch step of every member. Returns false when halted.
    pub fn step(&mut self) -> bool {
        if self.halt.is_some() {
            return false;
        }
        let n = self.data.train.len();
        if self.cursor == 0 {
            shuffle(&mut self.rng, &mut self.order);
            if self.settings.augment > 0.0 {
                self.data
                    .augment(self.settings.augment, self.settings.dataset.is_1d(), &mut self.rng);
            } else {
                self.data.stop_augmenting();
            }
        }
        let mut end = (self.cursor + self.settings.batch_size).min(n);
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

        let s = &self.settings;
        for m in &mut self.members {
            m.mlp
                .forward(&self.batch_x, batch, Mode::Train, &mut self.rng, &mut m.tape);
            let loss = m.mlp.loss(&m.tape, &self.batch_y);
            if !loss.is_finite() {
                self.halt = Some(diverged(self.epoch + 1, self.steps, "loss", s));
                return false;
            }
            m.grads.fill(0.0);
            m.mlp.backward(&mut m.tape, &self.batch_y, &mut m.grads);
            add_penalty_gradient(&m.mlp, s.regularization, s.reg_rate, &mut m.grads);
            m.optimizer
                .step(&s.optimizer, &mut m.mlp.params, &m.grads, &m.weight_ranges);
            m.mlp.update_running_stats(&m.tape);
            if !m.mlp.is_finite() {
                self.halt = Some(diverged(self.epoch + 1, self.steps, "weights", s));
                return false;
            }
        }

        if self.cursor >= n {
            self.cursor = 0;
            self.epoch += 1;
            self.end_epoch();
        }
        self.halt.is_none()
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
            self.halt = Some(diverged(self.epoch, self.steps, "loss", &self.settings));
            return;
        }
        self.history.push(record);
        if let (Some(val), true) = (record.validation, self.settings.patience > 0) {
            let improved = self.best.as_ref().is_none_or(|b| val.loss < b.validation_loss);
            if improved {
                self.best = Some(Snapshot {
                    epoch: self.epoch,
                    validation_loss: val.loss,
                    params: self.members.iter().map(|m| m.mlp.params.clone()).collect(),
                    running: self.members.iter().map(|m| m.mlp.running.clone()).collect(),
                });
            } else if let Some(best) = &self.best {
                if self.epoch - best.epoch >= self.settings.patience {
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
        true
    }

    /// Loss and accuracy of the ensemble's averaged outputs on `part`.
    pub fn evaluate(&mut self, part: &Part) -> Metrics {
        if part.is_empty() {
            return Metrics {
                loss: f32::NAN,
                accuracy: f32::NAN,
            };
        }
        let mut out = std::mem::take(&mut self.eval_out);
        self.predict(&part.x, part.len(), &mut out);
        let result = metrics(&self.members[0].mlp, &out, &part.y);
        self.eval_out = out;
        result
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
            m.mlp.forward(x, rows, Mode::Eval, &mut self.rng, &mut self.eval_tape);
            for (o, &p) in out.iter_mut().zip(&self.eval_tape.out) {
                *o += share * p;
            }
        }
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
        matches!(self.settings.task(), Task::Classification { .. })
    }
}

/// The architecture `settings` ask for, with `inputs` features.
pub fn architecture(settings: &Settings, inputs: usize) -> Architecture {
    let classes = match settings.task() {
        Task::Classification { classes } => classes,
        Task::Regression => 1,
    };
    Architecture {
        inputs,
        hidden: settings.hidden.clone(),
        activations: settings.activations.clone(),
        outputs: settings.head.outputs(classes),
        head: settings.head,
        dropout: settings.dropout,
        batch_norm: settings.batch_norm,
    }
}

/// Mean loss and accuracy of head outputs `out` against targets `y`.
pub fn metrics(mlp: &Mlp, out: &[f32], y: &[f32]) -> Metrics {
    let k = mlp.outputs();
    let head = mlp.head;
    let mut loss = 0.0_f64;
    let mut correct = 0usize;
    for (o, &t) in out.chunks_exact(k).zip(y) {
        loss += head.loss_from_output(o, t) as f64;
        correct += usize::from(head.predicted_class(o) == t as usize);
    }
    let n = y.len() as f64;
    Metrics {
        loss: (loss / n) as f32,
        accuracy: if head.is_classifier() {
            (correct as f64 / n) as f32
        } else {
            f32::NAN
        },
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

fn diverged(epoch: usize, step: u64, what: &'static str, s: &Settings) -> Halt {
    Halt::Diverged {
        epoch,
        step,
        what,
        learning_rate: s.optimizer.learning_rate,
    }
}

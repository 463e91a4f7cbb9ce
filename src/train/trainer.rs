//! The minibatch trainer: shuffles each epoch, steps every ensemble member,
//! records history, stops early, and catches divergence where it starts.

use super::diagnosis;
use super::early::Early;
use super::evaluation::{Evaluation, Progress, EVAL_CHUNK};
use super::history::{GradientSizes, History, Metrics, Record, MAX_LAYERS};
use super::optimizer::Optimizer;
use crate::config::{Regularization, Settings, TrainingSettings};
use crate::data::datasets::Task;
use crate::data::prepared::{stream, Part, Prepared};
use crate::message::{Code, Message, Quantity};
use crate::nn::mlp::{Architecture, Mlp, RunningStats, Tape};
use crate::random::{seeded, shuffle, Rng};
use std::fmt;

/// Rows of a minibatch one unit of work runs through one network, so that
/// no unit is long however large the batch (batch norm takes its whole
/// batch at once: it needs the batch's statistics).
pub const STEP_CHUNK: usize = 256;

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
    /// Too few points to train and test on: own data needs at least two.
    NoData {
        /// The points there are.
        points: usize,
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
            Halt::NoData { points } => Message::new(Code::NoData).with("points", *points),
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

/// The most parameter vectors the trail keeps.
pub const MAX_TRAIL: usize = 128;

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
    /// What happened early in the run (or since the rate last changed), for
    /// the diagnosis; untouched by the history's thinning.
    pub early: Early,
    /// The first network's parameters at epoch 0 and after every
    /// `trail_every`-th epoch since, for drawing the path training took.
    pub trail: Vec<Vec<f32>>,
    /// Epochs between two entries of the trail: doubled each time it fills.
    trail_every: usize,
    /// Completed epochs.
    pub epoch: usize,
    /// Minibatch steps taken.
    pub steps: u64,
    /// Minibatch steps taken in the current epoch.
    step_in_epoch: usize,
    /// The points of the last minibatch drawn, as indices of the training part.
    batch: std::ops::Range<usize>,
    /// Sums over this epoch's steps of each layer's mean |∂L/∂w| (first network).
    gradient_sums: [f64; MAX_LAYERS],
    /// The epoch restored by [`Trainer::restore_best`], until the next step.
    pub restored: Option<usize>,
    /// Set once training cannot go on.
    pub halt: Option<Halt>,
    /// The best validation epoch so far, while early stopping is on.
    pub best: Option<Snapshot>,
    /// Bumped whenever a parameter changes (a step, a restore, an edit), so
    /// views computed from the networks know when they are stale.
    pub version: u64,
    /// Work done so far, in rows through one network (a training row counts
    /// three: forward, backward and update; an evaluated row one), so that a
    /// caller can hand out work by its amount rather than by units.
    pub work: u64,
    /// Where the trainer is between two units of work.
    phase: Phase,
    /// An evaluation of the networks as they are, done in chunks before any
    /// further training (see [`Trainer::new_lazy`], [`Trainer::request_readout`]).
    pending: Option<Progress>,
    /// The figures of the last evaluation `pending` completed: (train, test).
    pub readout: Option<(Metrics, Metrics)>,
    /// The evaluation state of `pending`, apart from the epoch record's.
    pending_eval: Evaluation,
    order: Vec<usize>,
    cursor: usize,
    rng: Rng,
    batch_x: Vec<f32>,
    batch_y: Vec<f32>,
    eval: Evaluation,
    predict_tape: Tape,
    /// The forward pass of the member stepping, kept for its backward pass:
    /// one for all members (each steps in turn), so an ensemble's memory
    /// grows by its parameters, not by its minibatches.
    step_tape: Tape,
}

/// Where the trainer is between two units of work (see [`Trainer::advance`]).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
enum Phase {
    /// The next unit begins a minibatch step.
    #[default]
    Ready,
    /// In a minibatch step: the members before `member` have stepped, and
    /// `member`'s gradient holds the rows before `row`, whose losses add up to `loss`.
    Step { member: usize, row: usize, loss: f64 },
    /// The epoch's last step is taken; its record is being evaluated.
    Record(Progress),
}

impl Trainer {
    /// New data and freshly initialised networks for `settings`, with the
    /// record of epoch 0.
    pub fn new(settings: &Settings) -> Trainer {
        let mut trainer = Self::new_lazy(settings);
        trainer.settle(u64::MAX);
        trainer
    }

    /// Like [`Trainer::new`], but epoch 0 is evaluated by the first units
    /// of work ([`Trainer::advance`] or [`Trainer::settle`]), in chunks, so
    /// that starting over answers at once at any size. Until then the
    /// history is empty.
    pub fn new_lazy(settings: &Settings) -> Trainer {
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
            early: Early::default(),
            trail: Vec::new(),
            trail_every: 1,
            epoch: 0,
            steps: 0,
            step_in_epoch: 0,
            batch: 0..0,
            gradient_sums: [0.0; MAX_LAYERS],
            restored: None,
            halt: None,
            best: None,
            version: 0,
            work: 0,
            phase: Phase::Ready,
            pending: None,
            readout: None,
            pending_eval: Evaluation::default(),
            cursor: 0,
            batch_x: Vec::new(),
            batch_y: Vec::new(),
            eval: Evaluation::default(),
            predict_tape: Tape::default(),
            step_tape: Tape::default(),
        };
        // The hand edits of the run, on the new initial weights; one that
        // does not fit this network (or an ensemble) is skipped.
        for edit in &settings.network.edits {
            let _ = trainer.apply(edit);
        }
        trainer.version = 0;
        if trainer.data.train.is_empty() || trainer.data.test.is_empty() {
            trainer.halt = Some(Halt::NoData {
                points: trainer.data.train.len() + trainer.data.test.len(),
            });
            return trainer;
        }
        trainer.pending = Some(Progress::default());
        trainer
    }

    /// Asks for the readouts of the networks as they are (training paused
    /// between two epochs): evaluated in chunks by the next units of work,
    /// into [`Trainer::readout`].
    pub fn request_readout(&mut self) {
        if self.pending.is_none() && !self.data.train.is_empty() && !self.data.test.is_empty() {
            self.pending = Some(Progress::default());
        }
    }

    /// Runs the pending evaluation for up to about `work` rows (at least a
    /// chunk). Returns whether nothing is pending any more.
    pub fn settle(&mut self, work: u64) -> bool {
        let start = self.work;
        while self.pending.is_some() {
            self.pending_chunk();
            if self.work - start >= work {
                break;
            }
        }
        self.pending.is_none()
    }

    /// Whether an evaluation is pending.
    pub fn is_settled(&self) -> bool {
        self.pending.is_none()
    }

    /// The next chunk of the pending evaluation: the train and test parts
    /// (and validation, for epoch 0). Its end records epoch 0 when the
    /// history is empty, else sets the readout.
    fn pending_chunk(&mut self) {
        let Some(mut p) = self.pending.take() else { return };
        let initial = self.history.is_empty();
        let parts = if initial && !self.data.validation.is_empty() {
            3
        } else {
            2
        };
        let done = evaluate_chunk(&mut self.pending_eval, &self.members, &self.data, &mut p);
        self.work += done as u64;
        if p.part < parts {
            self.pending = Some(p);
            return;
        }
        let (train, test) = (p.done[0].expect("evaluated"), p.done[1].expect("evaluated"));
        if initial {
            self.early.record_loss(self.epoch, train.loss);
            self.history.push(Record {
                epoch: self.epoch,
                train,
                test,
                validation: p.done[2],
                // No step yet: no gradient.
                gradients: GradientSizes::default(),
            });
            self.keep_trail();
        }
        self.readout = Some((train, test));
    }

    /// Adds the first network's parameters to the trail on every
    /// `trail_every`-th epoch; a full trail keeps every other entry and
    /// takes one half as often from then on, so its epochs stay evenly spaced.
    fn keep_trail(&mut self) {
        if !self.epoch.is_multiple_of(self.trail_every) {
            return;
        }
        if self.trail.len() >= MAX_TRAIL {
            let mut i = 0;
            self.trail.retain(|_| {
                i += 1;
                i % 2 == 1
            });
            self.trail_every *= 2;
            if !self.epoch.is_multiple_of(self.trail_every) {
                return;
            }
        }
        self.trail.push(self.members[0].mlp.params.clone());
    }

    /// Applies the settings that need no reset: the training settings and
    /// the dropout probability.
    pub fn update_live(&mut self, training: &TrainingSettings, dropout: f32) {
        for m in &mut self.members {
            for layer in m.mlp.layers.iter_mut().rev().skip(1) {
                layer.dropout = dropout;
            }
        }
        if training.optimizer != self.training.optimizer {
            // What the early steps said about the old rate no longer holds.
            let loss = self.history.records.last().map(|r| r.train.loss);
            self.early.restart(self.epoch, loss);
        }
        self.training = training.clone();
    }

    /// One unit of training work: the next chunk of rows of a minibatch
    /// through one network (its update once the batch is through), or a
    /// chunk of the evaluation that records a finished epoch. No unit is
    /// long at any setting, so the page can stop after any of them and go
    /// on in the next frame; how the work is cut never changes the results.
    /// Returns false when halted.
    pub fn advance(&mut self) -> bool {
        if self.halt.is_some() {
            return false;
        }
        if self.pending.is_some() {
            self.pending_chunk();
            return true;
        }
        match self.phase {
            Phase::Ready => {
                self.begin_step();
                self.step_chunk(0, 0, 0.0);
            }
            Phase::Step { member, row, loss } => self.step_chunk(member, row, loss),
            Phase::Record(progress) => self.record_chunk(progress),
        }
        self.halt.is_none()
    }

    /// One minibatch step of every member, completing the one under way if
    /// there is one, and the record of its epoch when it ends an epoch.
    /// Returns false when halted.
    pub fn step(&mut self) -> bool {
        let (under_way, steps) = (self.phase != Phase::Ready, self.steps);
        loop {
            if !self.advance() {
                return false;
            }
            if self.phase == Phase::Ready && (under_way || self.steps > steps) {
                return true;
            }
        }
    }

    /// Trains until `steps` minibatch steps are complete (with the record of
    /// an epoch they end), or `work` more rows have been run. Returns true
    /// when there, false while more is left or once halted. Replaying a
    /// link's steps from its seed reaches the weights the link was made at.
    pub fn replay(&mut self, steps: u64, work: u64) -> bool {
        let start = self.work;
        loop {
            if self.steps >= steps && self.phase == Phase::Ready {
                return true;
            }
            if self.work - start >= work || !self.advance() {
                return false;
            }
        }
    }

    /// Steps until the current epoch completes. Returns false when halted.
    pub fn train_epoch(&mut self) -> bool {
        let epoch = self.epoch;
        while self.epoch == epoch {
            if !self.advance() {
                return false;
            }
        }
        true
    }

    /// Minibatch steps taken in the current epoch (0 at its start).
    pub fn step_in_epoch(&self) -> usize {
        self.step_in_epoch
    }

    /// Minibatches in an epoch at the current batch size: the last partial
    /// batch is one more, unless it would hold a single point, which joins
    /// the batch before it (see [`Trainer::begin_step`]).
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

    /// The points of the last minibatch stepped, as indices into the
    /// training part (empty before the first step).
    pub fn last_batch(&self) -> &[usize] {
        &self.order[self.batch.clone()]
    }

    /// Each layer's mean |∂L/∂w| averaged over the epoch's steps so far,
    /// which starts the sums of the next epoch afresh.
    fn epoch_gradients(&mut self) -> GradientSizes {
        let layers = self.members[0].weight_ranges.len().min(MAX_LAYERS);
        let steps = self.step_in_epoch.max(1) as f64;
        let mut sizes = GradientSizes {
            layers,
            ..GradientSizes::default()
        };
        for (v, sum) in sizes.values.iter_mut().zip(&mut self.gradient_sums).take(layers) {
            *v = (*sum / steps) as f32;
            *sum = 0.0;
        }
        sizes
    }

    /// Draws the next minibatch: a new epoch shuffles the points (and
    /// jitters them, with augmentation) first.
    fn begin_step(&mut self) {
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
        let width = self.data.width;
        self.batch_x.clear();
        self.batch_y.clear();
        let inputs = self.data.train_inputs();
        for &i in &self.order[self.cursor..end] {
            self.batch_x.extend_from_slice(&inputs[i * width..(i + 1) * width]);
            self.batch_y.push(self.data.train.y[i]);
        }
        self.batch = self.cursor..end;
        self.restored = None;
        self.cursor = end;
        self.steps += 1;
        self.step_in_epoch += 1;
    }

    /// Runs the rows from `row` of the minibatch through member `member`,
    /// adding to its gradient; after the batch's last rows, updates it.
    fn step_chunk(&mut self, member: usize, row: usize, loss: f64) {
        let batch = self.batch_y.len();
        let width = self.data.width;
        let m = &mut self.members[member];
        let chunk = if m.mlp.running.iter().any(Option::is_some) {
            batch
        } else {
            STEP_CHUNK
        };
        let end = (row + chunk).min(batch);
        if row == 0 {
            m.grads.fill(0.0);
        }
        let (x, y) = (&self.batch_x[row * width..end * width], &self.batch_y[row..end]);
        self.work += 3 * (end - row) as u64;
        m.mlp.forward_train(x, end - row, &mut self.rng, &mut self.step_tape);
        let loss = loss + m.mlp.loss(&self.step_tape, y) as f64 * (end - row) as f64;
        // The gradient of the batch's mean loss: each row weighs 1/batch.
        m.mlp
            .backward_scaled(&mut self.step_tape, y, 1.0 / batch as f32, &mut m.grads);
        if end < batch {
            self.phase = Phase::Step { member, row: end, loss };
            return;
        }

        let s = &self.training;
        if !(loss / batch as f64).is_finite() {
            self.halt = Some(diverged(self.epoch + 1, self.steps, Quantity::Loss, s));
            return;
        }
        if member == 0 {
            for (sum, range) in self.gradient_sums.iter_mut().zip(&m.weight_ranges) {
                *sum += mean_abs(&m.grads[range.clone()]);
            }
        }
        add_penalty_gradient(&m.mlp, s.regularization, s.reg_rate, &mut m.grads);
        let measured = member == 0 && self.early.measuring();
        if measured {
            self.early.before_step(&m.mlp.params);
        }
        m.optimizer
            .step(&s.optimizer, &mut m.mlp.params, &m.grads, &m.weight_ranges);
        if measured {
            self.early.after_step(&m.mlp.params);
        }
        m.mlp.update_running_stats(&self.step_tape);
        self.version += 1;
        if !m.mlp.is_finite() {
            self.halt = Some(diverged(self.epoch + 1, self.steps, Quantity::Weights, s));
            return;
        }
        self.phase = if member + 1 < self.members.len() {
            Phase::Step {
                member: member + 1,
                row: 0,
                loss: 0.0,
            }
        } else if self.cursor >= self.data.train.len() {
            self.cursor = 0;
            Phase::Record(Progress::default())
        } else {
            Phase::Ready
        };
    }

    /// The next chunk of the finished epoch's evaluation; after the last,
    /// records the epoch and applies early stopping.
    fn record_chunk(&mut self, mut p: Progress) {
        let done = evaluate_chunk(&mut self.eval, &self.members, &self.data, &mut p);
        self.work += done as u64;
        let parts = if self.data.validation.is_empty() { 2 } else { 3 };
        if p.part < parts {
            self.phase = Phase::Record(p);
            return;
        }
        self.phase = Phase::Ready;
        self.epoch += 1;
        let record = Record {
            epoch: self.epoch,
            train: p.done[0].expect("evaluated"),
            test: p.done[1].expect("evaluated"),
            validation: p.done[2],
            gradients: self.epoch_gradients(),
        };
        self.step_in_epoch = 0;
        self.end_epoch(record);
    }

    /// Records the finished epoch and applies early stopping.
    fn end_epoch(&mut self, record: Record) {
        // A diverged epoch is not recorded: the history holds finite losses only.
        if !(record.train.loss.is_finite() && record.test.loss.is_finite()) {
            self.halt = Some(diverged(self.epoch, self.steps, Quantity::Loss, &self.training));
            return;
        }
        self.history.push(record);
        self.early.record_loss(self.epoch, record.train.loss);
        if self.early.checks_units(self.epoch) {
            // A forward pass of the sampled points: a few dozen times a run at most.
            self.work += self.data.train.len().min(diagnosis::SAMPLE) as u64;
            if diagnosis::most_relus_dead(&self.members[0].mlp, &self.data) {
                self.early.dead_since = Some(self.epoch);
            }
        }
        self.keep_trail();
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
        self.restored = Some(best.epoch);
        true
    }

    /// Loss and accuracy of the ensemble on `part`. The loss is that of the
    /// ensemble's prediction, taken from the logits without any cap: a
    /// confidently wrong point costs its full cross-entropy.
    pub fn evaluate(&mut self, part: &Part) -> Metrics {
        let members: Vec<&Mlp> = self.members.iter().map(|m| &m.mlp).collect();
        self.eval.evaluate(&members, part)
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
            m.mlp.forward_eval(x, rows, &mut self.predict_tape);
            for (o, &p) in out.iter_mut().zip(&self.predict_tape.out) {
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

/// The mean of |g| over `g` (0 when empty).
fn mean_abs(g: &[f32]) -> f64 {
    if g.is_empty() {
        return 0.0;
    }
    g.iter().map(|v| v.abs() as f64).sum::<f64>() / g.len() as f64
}

fn diverged(epoch: usize, step: u64, quantity: Quantity, s: &TrainingSettings) -> Halt {
    Halt::Diverged {
        epoch,
        step,
        quantity,
        learning_rate: s.optimizer.learning_rate,
    }
}

/// One chunk of an evaluation of `members` on the part `p` is at (0 train,
/// 1 test, 2 validation), into `eval`; moves `p` on, and records a part's
/// figures once every member has run over it. Returns the rows evaluated.
fn evaluate_chunk(eval: &mut Evaluation, members: &[Member], data: &Prepared, p: &mut Progress) -> usize {
    let part = match p.part {
        0 => &data.train,
        1 => &data.test,
        _ => &data.validation,
    };
    let mlp = &members[p.member].mlp;
    if p.member == 0 && p.row == 0 {
        eval.begin(part.len(), mlp.outputs(), members.len());
    }
    let end = (p.row + EVAL_CHUNK).min(part.len());
    eval.run(mlp, p.member, part, p.row, end);
    let rows = end - p.row;
    p.row = end;
    if p.row >= part.len() {
        p.row = 0;
        p.member += 1;
        if p.member == members.len() {
            p.done[p.part] = Some(eval.finish(&members[0].mlp, part));
            p.member = 0;
            p.part += 1;
        }
    }
    rows
}

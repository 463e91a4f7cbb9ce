//! How well the ensemble does on a part of the data: its loss (that of the
//! ensemble's prediction, from the logits, with no cap) and its accuracy,
//! computed in chunks of rows so that the work can be spread over frames.

use super::history::Metrics;
use crate::data::prepared::Part;
use crate::nn::head::log_mean_exp;
use crate::nn::{Mlp, Tape};

/// Rows an evaluation runs at once. Fixed, so that the results never depend
/// on how the work was spread.
pub const EVAL_CHUNK: usize = 256;

/// The buffers of one evaluation, reused between evaluations.
#[derive(Debug, Default)]
pub struct Evaluation {
    tape: Tape,
    /// The ensemble's averaged head outputs, samples × outputs.
    out: Vec<f32>,
    /// Each sample's log-likelihood (its loss, negated) under each member,
    /// samples × members.
    log_likelihoods: Vec<f32>,
    members: usize,
}

impl Evaluation {
    /// Starts an evaluation of `rows` samples by `members` networks with `outputs` outputs.
    pub fn begin(&mut self, rows: usize, outputs: usize, members: usize) {
        self.out.clear();
        self.out.resize(rows * outputs, 0.0);
        self.log_likelihoods.clear();
        self.log_likelihoods.resize(rows * members, 0.0);
        self.members = members;
    }

    /// Runs member `m` (of `mlp`) over rows `start..end` of `part`.
    pub fn run(&mut self, mlp: &Mlp, m: usize, part: &Part, start: usize, end: usize) {
        let (k, width, members) = (mlp.outputs(), mlp.inputs(), self.members);
        let rows = end - start;
        mlp.forward_eval(&part.x[start * width..end * width], rows, &mut self.tape);
        let (stride, logits) = (self.tape.stride, &self.tape.layers.last().expect("an output layer").act);
        let log_likelihoods = &mut self.log_likelihoods;
        mlp.head
            .losses(logits, stride, k, &self.tape.out, &part.y[start..end], |b, loss| {
                log_likelihoods[(start + b) * members + m] = -loss;
            });
        let share = 1.0 / members as f32;
        for (o, &p) in self.out[start * k..end * k].iter_mut().zip(&self.tape.out) {
            *o += share * p;
        }
    }

    /// The metrics of `part`, once every member has run every row.
    pub fn finish(&self, mlp: &Mlp, part: &Part) -> Metrics {
        let (head, k, members) = (mlp.head, mlp.outputs(), self.members);
        let n = part.len();
        let mut loss = 0.0_f64;
        let mut correct = 0usize;
        for (b, (o, &y)) in self.out.chunks_exact(k).zip(&part.y).enumerate() {
            let log_likelihoods = &self.log_likelihoods[b * members..(b + 1) * members];
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

    /// Every member over the whole of `part`, chunk by chunk.
    pub fn evaluate(&mut self, members: &[&Mlp], part: &Part) -> Metrics {
        if part.is_empty() {
            return Metrics {
                loss: f32::NAN,
                accuracy: f32::NAN,
            };
        }
        self.begin(part.len(), members[0].outputs(), members.len());
        for (m, mlp) in members.iter().enumerate() {
            for start in (0..part.len()).step_by(EVAL_CHUNK) {
                self.run(mlp, m, part, start, (start + EVAL_CHUNK).min(part.len()));
            }
        }
        self.finish(members[0], part)
    }
}

/// Where a resumable evaluation of the run's own parts has got to.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Progress {
    /// The part being evaluated: 0 train, 1 test, 2 validation.
    pub part: usize,
    /// The member running.
    pub member: usize,
    /// The first row of the next chunk.
    pub row: usize,
    /// The figures of the parts finished so far.
    pub done: [Option<Metrics>; 3],
}

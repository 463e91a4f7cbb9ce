//! The handle's methods for runs that have stopped learning: the hints the
//! page shows beside training, and the one-click cure of a step too large.

use super::handle::Playground;
use crate::config::limits::MIN_LEARNING_RATE;
use crate::message::{Code, Message};
use crate::train::diagnosis::{self, Hint};
use crate::train::restart::Cause;
use serde::Serialize;
use tsify_next::Tsify;
use wasm_bindgen::prelude::*;

/// Why the run is not learning, if it is not.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub struct Hints {
    /// One message per hint, most telling first.
    hints: Vec<Message>,
    /// Whether a lower learning rate is the cure.
    lower_rate: bool,
}

/// What [`Playground::lower_learning_rate`] did: `{lowered}` (from what to
/// what) or `{refused}`.
#[derive(Serialize, Tsify)]
#[serde(rename_all = "camelCase")]
#[tsify(into_wasm_abi)]
pub enum RateLowered {
    Lowered(Message),
    Refused(Message),
}

#[wasm_bindgen]
impl Playground {
    /// Why the run is not learning, if it is not: `{hints: [message, …],
    /// lowerRate}`, the cause first, `lowerRate` when a lower learning rate
    /// is the cure (the diagnosis found the rate too large, or training diverged).
    pub fn hints(&self) -> Hints {
        let hints = diagnosis::diagnose(&self.trainer);
        let diverged = matches!(self.trainer.halt, Some(crate::train::Halt::Diverged { .. }));
        let messages: Vec<Message> = hints.iter().map(Hint::message).collect();
        Hints {
            hints: messages,
            lower_rate: diverged || hints.iter().any(Hint::wants_lower_rate),
        }
    }

    /// Divides the learning rate by ten (not below the lowest) and starts
    /// training over: `{lowered: message}` (saying from what to what), or
    /// `{refused: message}` at the lowest rate.
    #[wasm_bindgen(js_name = lowerLearningRate)]
    pub fn lower_learning_rate(&mut self) -> RateLowered {
        let from = self.settings.training.optimizer.learning_rate;
        if from <= MIN_LEARNING_RATE {
            let refused = Message::new(Code::LowestRate).with("min", MIN_LEARNING_RATE);
            return RateLowered::Refused(refused);
        }
        let to = (f64::from(from) / 10.0).max(f64::from(MIN_LEARNING_RATE));
        // Ten times smaller in decimal: 0.03 gives 0.003, not 0.0030000001.
        let to = format!("{}", (to * 1e12).round() / 1e12);
        let from = self.settings.get("lr").unwrap_or_default();
        let before = self.settings.clone();
        if let Err(e) = self.settings.set("lr", &to) {
            return RateLowered::Refused(e.message());
        }
        // The rate itself changes live; this cure starts over on purpose (see train::restart).
        self.restart(Cause::LowerRate, before);
        let to = self.settings.get("lr").unwrap_or_default();
        RateLowered::Lowered(Message::new(Code::RateLowered).with("from", from).with("to", to))
    }
}

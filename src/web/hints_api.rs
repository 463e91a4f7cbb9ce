//! The handle's methods for runs that have stopped learning: the hints the
//! page shows beside training, and the one-click cure of a step too large.

use super::handle::{to_js, Playground};
use crate::config::limits::MIN_LEARNING_RATE;
use crate::message::{Code, Message};
use crate::train::diagnosis::{self, Hint};
use crate::train::restart::Cause;
use serde_json::json;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
impl Playground {
    /// Why the run is not learning, if it is not: `{hints: [message, …],
    /// lowerRate}`, `lowerRate` when a lower learning rate is the likely
    /// cure (the loss swings at chance, or training diverged).
    pub fn hints(&self) -> JsValue {
        let hints = diagnosis::diagnose(&self.trainer);
        let diverged = matches!(self.trainer.halt, Some(crate::train::Halt::Diverged { .. }));
        let messages: Vec<Message> = hints.iter().map(Hint::message).collect();
        to_js(&json!({
            "hints": messages,
            "lowerRate": diverged || hints.iter().any(Hint::wants_lower_rate),
        }))
    }

    /// Divides the learning rate by ten (not below the lowest) and starts
    /// training over: `{lowered: message}` (saying from what to what), or
    /// `{refused: message}` at the lowest rate.
    #[wasm_bindgen(js_name = lowerLearningRate)]
    pub fn lower_learning_rate(&mut self) -> JsValue {
        let from = self.settings.training.optimizer.learning_rate;
        if from <= MIN_LEARNING_RATE {
            let refused = Message::new(Code::LowestRate).with("min", MIN_LEARNING_RATE);
            return to_js(&json!({ "refused": refused }));
        }
        let to = (f64::from(from) / 10.0).max(f64::from(MIN_LEARNING_RATE));
        // Ten times smaller in decimal: 0.03 gives 0.003, not 0.0030000001.
        let to = format!("{}", (to * 1e12).round() / 1e12);
        let from = self.settings.get("lr").unwrap_or_default();
        let before = self.settings.clone();
        if let Err(e) = self.settings.set("lr", &to) {
            return to_js(&json!({ "refused": e.message() }));
        }
        // The rate itself changes live; this cure starts over on purpose (see train::restart).
        self.restart(Cause::LowerRate, before);
        let to = self.settings.get("lr").unwrap_or_default();
        to_js(&json!({ "lowered": Message::new(Code::RateLowered).with("from", from).with("to", to) }))
    }
}

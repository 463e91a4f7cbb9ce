//! Optimisers, the minibatch trainer, its history and early stopping, and
//! what survives when a run starts over.

pub mod diagnosis;
pub mod early;
pub mod edit;
pub mod evaluation;
pub mod history;
pub mod model;
pub mod optimizer;
pub mod python;
pub mod refusal;
pub mod restart;
pub mod trainer;

pub use edit::{Edit, EditError};
pub use history::{History, Metrics, Record};
pub use optimizer::{Optimizer, OptimizerConfig, OptimizerKind};
pub use trainer::{Halt, Split, Trainer};

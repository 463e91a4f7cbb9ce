//! Optimisers, the minibatch trainer, its history and early stopping.

pub mod edit;
pub mod evaluation;
pub mod history;
pub mod optimizer;
pub mod trainer;

pub use edit::EditError;
pub use history::{History, Metrics, Record};
pub use optimizer::{Optimizer, OptimizerConfig, OptimizerKind};
pub use trainer::{Halt, Split, Trainer};

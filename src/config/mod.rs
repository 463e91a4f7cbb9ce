//! Typed settings with their limits, the one table that describes them,
//! the share-link codec with its one splitter of links into pairs, the reader of TensorFlow Playground's links,
//! and the lecture's scenarios with what each claims happens (`scenarios.rs`).

pub mod error;
pub mod limits;
pub mod link;
pub mod scenarios;
pub mod schema;
pub mod settings;
pub mod table;
pub mod tfp;

pub use error::ConfigError;
pub use settings::{DataSettings, Effect, NetworkSettings, Regularization, Settings, TrainingSettings};

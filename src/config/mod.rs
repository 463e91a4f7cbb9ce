//! Typed settings with their limits, the one table that describes them,
//! the share-link codec with its one splitter of links into pairs, and the reader of TensorFlow Playground's links.

pub mod error;
pub mod limits;
pub mod link;
pub mod schema;
pub mod settings;
pub mod table;
pub mod tfp;

pub use error::ConfigError;
pub use settings::{DataSettings, Effect, NetworkSettings, Regularization, Settings, TrainingSettings};

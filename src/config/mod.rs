//! Typed settings with their limits, the one table that describes them,
//! and the share-link codec.

pub mod error;
pub mod limits;
pub mod schema;
pub mod settings;
pub mod table;

pub use error::ConfigError;
pub use settings::{DataSettings, Effect, NetworkSettings, Regularization, Settings, TrainingSettings};

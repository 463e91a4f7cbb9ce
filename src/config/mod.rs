//! Typed settings with their limits, and the share-link codec.

pub mod error;
pub mod limits;
pub mod settings;

pub use error::{ConfigError, Lang};
pub use settings::{Effect, Regularization, Settings};

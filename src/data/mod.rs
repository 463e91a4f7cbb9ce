//! Dataset generators, the handwritten digits, input features, the split and standardisation.

pub mod csv;
pub mod datasets;
pub mod digits;
pub mod features;
pub mod prepared;
pub mod sheet;
pub mod units;

pub use datasets::{Dataset, DatasetKind, Task};
pub use features::{Feature, FeatureSet, Standardizer};
pub use prepared::Prepared;
pub use units::Units;

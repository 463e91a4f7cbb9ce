//! The browser layer (wasm only): the exported handles (the playground's
//! and one per lab, `labs/`), canvas blits and the plotters-canvas charts.

mod canvas;
mod chart_api;
mod charts;
mod handle;
mod hints_api;
mod labs;
mod network_api;
mod network_view;
mod numbers;
mod own_api;
mod panic;
mod scenarios;
mod shapes;

pub use handle::Playground;

/// The words each figure draws, as the page passes them in (typed, so a
/// missing word is refused): named here for the tests.
pub mod words {
    pub use super::chart_api::{AccuracyWords, ActivationWords, GradientWords, LossWords, PartWords};
    pub use super::labs::words::*;
}
pub use labs::{
    plot_frame, ApproxLabHandle, BackpropLabHandle, CompareLabHandle, DigitsLabHandle, GdLabHandle, LandscapeLabHandle,
    NeuronLabHandle, RegressionLabHandle,
};

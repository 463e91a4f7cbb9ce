//! The browser layer (wasm only): the one exported handle, canvas blits and
//! the plotters-canvas charts.

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

pub use handle::Playground;
pub use labs::{
    ApproxLabHandle, BackpropLabHandle, CompareLabHandle, GdLabHandle, LandscapeLabHandle, NeuronLabHandle,
    RegressionLabHandle,
};

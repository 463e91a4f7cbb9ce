//! Grid passes over the input plane, colour maps and RGBA pixel buffers.
//! Pure and tested natively; `web` only blits what this computes.

pub mod boundary;
pub mod chart_frame;
pub mod colormap;
pub mod curves;
pub mod field;
pub mod geometry;
pub mod grid;
pub mod histogram;
pub mod landscape;
pub mod network;
pub mod neuron_map;
pub mod number;
pub mod pixels;
pub mod preactivations;

pub use boundary::BoundaryPass;
pub use grid::{Grid, GRID_SIZE};
pub use neuron_map::NeuronMap;
pub use pixels::{fill_output, fill_thumbnail, fill_thumbnails, OutputMap, THUMB_SIZE};

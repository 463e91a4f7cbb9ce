//! Grid passes over the input plane, colour maps and RGBA pixel buffers.
//! Pure and tested natively; `web` only blits what this computes.

pub mod boundary;
pub mod colormap;
pub mod grid;
pub mod network;
pub mod pixels;

pub use boundary::BoundaryPass;
pub use grid::{Grid, GRID_SIZE};
pub use pixels::{fill_output, fill_thumbnail, fill_thumbnails, OutputMap, THUMB_SIZE};

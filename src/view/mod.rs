//! Grid passes over the input plane, colour maps and RGBA pixel buffers.
//! Pure and tested natively; `web` only blits what this computes.

pub mod colormap;
pub mod grid;
pub mod pixels;

pub use grid::{Grid, GRID_SIZE};
pub use pixels::{fill_output, OutputMap};
